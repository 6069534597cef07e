"""The handbook's Python-Markdown extension (``macros.engine.markdown`` in mkdocs.yml's
``markdown_extensions``): what every page gets around its own text, and glossary links.

- a preprocessor, after the macros have run: reads (and removes) the marks the macros
  left (:func:`macros.core.render.text.shows`) and adds the page's foot: its self-check
  questions, the Sources note for the ideas it carries (front matter and data shown)
  and the facts line (last updated, owner, review by); as Markdown, so the engine
  resolves and checks its links and lists its heading like any other;
- a treeprocessor, after Markdown has built the page: links the first use of each
  glossary term in the page's prose to its definition (relative ``.md`` links, which
  the engine resolves and checks).

Both ask :mod:`macros.engine.page` which page they are converting; a Markdown
instance outside a site build (no page) is left alone.
"""

from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from macros.core import history
from macros.core.load import DATA_DIR
from macros.core.render import foot, glossary_links
from macros.core.render.text import SHOWS
from macros.engine import page as engine_page

GLOSSARY = "glossary.md"


class FootPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        context = engine_page.from_markdown(self.md)
        if context is None:
            return lines
        hb = engine_page.handbook(context.docs_dir, context.engine)
        path = context.where.path
        meta = hb.pages.get(path)
        carries = set(meta.carries) if meta else set()
        data: set[str] = set()
        kept = []
        for line in lines:
            if "<!--hb-shows" in line:
                for mark in SHOWS.finditer(line):
                    carries.update(c for c in mark.group(1).split(",") if c)
                    data.update(d for d in mark.group(2).split(",") if d)
                line = SHOWS.sub("", line)
                if not line.strip():
                    continue
            kept.append(line)
        if path in hb.checks_by_page:
            data.add("selfchecks.yml")
        known = history.dates(context.docs_dir)
        updated = max(history.last_updated(context.docs_dir, rel, known)
                      for rel in [path, *(f"{DATA_DIR}/{name}" for name in sorted(data))])
        extra = foot.foot(hb, context.where, meta, carries, updated)
        return [*kept, "", *extra.splitlines()] if extra else kept


class GlossaryTreeprocessor(Treeprocessor):
    def run(self, root):
        context = engine_page.from_markdown(self.md)
        if context is None or context.where.path == GLOSSARY:
            return None
        hb = engine_page.handbook(context.docs_dir, context.engine)
        if GLOSSARY not in hb.pages:
            return None
        terms = glossary_links.compiled(glossary_links.phrases(hb.glossary.values()))
        md = context.where.md
        glossary_links.link_terms(root, terms, lambda anchor: md(f"{GLOSSARY}#{anchor}"))
        return None


class HandbookExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.registerExtension(self)
        # After the macros (Zensical runs them as a preprocessor at 35; mkdocs-macros
        # before Markdown), before snippets (32) and HTML blocks (20).
        md.preprocessors.register(FootPreprocessor(md), "handbook_foot", 33)
        # After 'unescape' (0, registered before any extension), so prose reads as
        # written; MkDocs registers its link resolver ('relpath', 0) after this one.
        md.treeprocessors.register(GlossaryTreeprocessor(md), "handbook_glossary", 0)


def makeExtension(**kwargs) -> HandbookExtension:  # noqa: N802 (Python-Markdown's name)
    return HandbookExtension(**kwargs)
