"""The handbook's Python-Markdown extension (``macros.engine.markdown`` in mkdocs.yml's
``markdown_extensions``): what every page gets around its own text, and glossary links.

- ``handbook_foot`` (a preprocessor, after the macros have run): reads and removes the
  marks the macros left (:func:`macros.core.render.text.shows`) and adds the page's
  foot: its self-check questions, the Sources note for the ideas it carries (front
  matter and data shown) and the facts line (last updated, owner, review by); as
  Markdown, so the engine resolves and checks its links and lists its heading;
- ``handbook_blocks`` (a preprocessor): finished HTML a macro marked as a block
  (checklists: thousands of tags, no Markdown) goes straight into Python-Markdown's
  stash of raw HTML, so nothing parses it again; the ids it holds are shown to the
  engine's anchor check for the moment it looks (``handbook_anchors``);
- ``handbook_glossary`` (a treeprocessor, once Markdown has built the page): links the
  first use of each glossary term in the page's prose to its definition (relative
  ``.md`` links, which the engine resolves and checks).

All of them ask :mod:`macros.engine.page` which page they are converting; a Markdown
instance outside a site build (no page) is left alone.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, SubElement

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from macros.core import history
from macros.core.load import DATA_DIR
from macros.core.render import foot, glossary_links, reviews
from macros.core.render.text import BLOCK_END, BLOCK_START, SHOWS
from macros.engine import page as engine_page

GLOSSARY = "glossary.md"
_ID = re.compile(r'\sid="([^"]+)"')


class _Page:
    """What the processors of one Markdown instance share about the page it converts:
    found by the first of them to run on each page (the foot), read by the others."""

    context: engine_page.PageContext | None = None
    handbook = None


class FootPreprocessor(Preprocessor):
    def __init__(self, md, page: _Page):
        super().__init__(md)
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        context = self.page.context = engine_page.from_markdown(self.md)
        self.page.handbook = None
        if context is None:
            return lines
        hb = self.page.handbook = engine_page.handbook(context.docs_dir, context.engine, data_only=True)
        path = context.where.path
        meta = engine_page.page_meta(context)
        carries = set(meta.carries)
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
        trackers = engine_page.trackers(context.extra, context.engine)
        title = meta.title or _first_heading(kept) or path
        extra = foot.foot(hb, context.where, meta, carries, updated, trackers, title, context.absolute())
        top = foot.top(hb, meta, reviews.today())
        if top:  # right under the page's title (its first heading), or first
            at = next((i + 1 for i, line in enumerate(kept) if line.startswith("# ")), 0)
            kept[at:at] = ["", *top.splitlines(), ""]
        return [*kept, "", *extra.splitlines()] if extra else kept


def _first_heading(lines: list[str]) -> str | None:
    return next((line[2:].split("{#")[0].strip() for line in lines if line.startswith("# ")), None)


class BlockPreprocessor(Preprocessor):
    """Finished HTML between BLOCK_START and BLOCK_END lines goes into Python-Markdown's
    stash of raw HTML (restored, as is, when the page is written); the ids it holds are
    kept for :class:`AnchorsTreeprocessor`."""

    def __init__(self, md):
        super().__init__(md)
        self.ids: list[str] = []

    def run(self, lines: list[str]) -> list[str]:
        self.ids = []
        if BLOCK_START not in lines:
            return lines
        out: list[str] = []
        held: list[str] | None = None
        for line in lines:
            if held is None:
                if line == BLOCK_START:
                    held = []
                else:
                    out.append(line)
            elif line == BLOCK_END:
                block = "\n".join(held)
                self.ids += _ID.findall(block)
                out += ["", self.md.htmlStash.store(block), ""]
                held = None
            else:
                held.append(line)
        if held is not None:  # an unclosed block is left to Markdown as it is
            out += [BLOCK_START, *held]
        return out


class AnchorsTreeprocessor(Treeprocessor):
    """Shows the stashed blocks' ids to the engine's anchor check, then takes them away.

    MkDocs and ProperDocs learn a page's anchors from its raw HTML before Markdown
    parses it (the blocks are already stashed by then) and from its element tree at
    priority 5. So, just before, the ids go into the tree as empty elements, and just
    after, they leave it; the written page is unchanged. (Zensical reads anchors from
    the written page, where the blocks are.)"""

    def __init__(self, md, blocks: BlockPreprocessor, show: bool):
        super().__init__(md)
        self.blocks, self.show = blocks, show

    def run(self, root):
        if self.show:
            if self.blocks.ids:
                holder = SubElement(root, "div", {"data-hb-anchors": ""})
                for anchor in self.blocks.ids:
                    SubElement(holder, "span", {"id": anchor})
        else:
            for holder in root.findall("div[@data-hb-anchors]"):
                root.remove(holder)
            self.blocks.ids = []
        return None


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md, page: _Page):
        super().__init__(md)
        self.page = page

    def run(self, root: Element):
        context, hb = self.page.context, self.page.handbook
        if context is None or hb is None or context.where.path == GLOSSARY:
            return None
        terms = glossary_links.compiled(glossary_links.phrases(hb.glossary.values()))
        used = glossary_links.used_in(terms, root)
        if used.pattern is not None:
            md = context.where.md
            glossary_links.link_terms(root, used, lambda anchor: md(f"{GLOSSARY}#{anchor}"))
        self.page.context = self.page.handbook = None  # the last of them on this page
        return None


class HandbookExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.registerExtension(self)
        page = _Page()
        # After the macros (Zensical runs them as a preprocessor at 35; mkdocs-macros
        # before Markdown), before snippets (32) and whitespace normalising (30).
        md.preprocessors.register(FootPreprocessor(md, page), "handbook_foot", 33)
        # After whitespace normalising (30: it strips the stash's placeholder marks), before
        # MkDocs' raw HTML anchor scan (21) and Python-Markdown's HTML blocks (20).
        blocks = BlockPreprocessor(md)
        md.preprocessors.register(blocks, "handbook_blocks", 29)
        # Around the anchor checks at priority 5 ('toc', MkDocs' 'mkdocs_extract_anchors').
        md.treeprocessors.register(AnchorsTreeprocessor(md, blocks, show=True), "handbook_anchors", 5.5)
        md.treeprocessors.register(AnchorsTreeprocessor(md, blocks, show=False), "handbook_anchors_done", 4.9)
        # After 'unescape' (0, registered before any extension), so prose reads as
        # written; MkDocs registers its link resolver ('relpath', 0) after this one.
        md.treeprocessors.register(GlossaryTreeprocessor(md, page), "handbook_glossary", 0)


def makeExtension(**kwargs) -> HandbookExtension:  # noqa: N802 (Python-Markdown's name)
    return HandbookExtension(**kwargs)
