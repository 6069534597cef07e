"""The handbook's Python-Markdown extension (``macros.engine.markdown`` in mkdocs.yml's
``markdown_extensions``): what every page gets around its own text, and glossary links.

- ``handbook_foot`` (a preprocessor, after the macros have run): on a role's page (front
  matter ``induction_path``), adds the role's induction path after the page's own text;
  reads and removes the marks the macros left (:func:`macros.core.render.text.shows`)
  and adds the page's foot: its self-check questions, the Sources note for the ideas it carries (front
  matter and data shown) and the facts line (last updated, owner, review by); as
  Markdown, so the engine resolves and checks its links and lists its heading;
- ``handbook_blocks`` (a preprocessor, with the postprocessor ``handbook_blocks_out``):
  finished HTML a macro marked as a block (checklists: thousands of tags, no Markdown)
  is taken out of the page before anything else reads it and put back, as it is, into
  the finished page, so no stage of Markdown scans or copies it; the ids it holds are
  shown to the engine's anchor check for the moment it looks (``handbook_anchors``);
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
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from macros.core import history
from macros.core.load import DATA_DIR
from macros.core.render import checklists, foot, glossary_links, induction, reviews
from macros.core.render.text import BLOCK_END, BLOCK_START, LATER, LATER_START, SHOWS, shows, unused_mark
from macros.engine import page as engine_page

GLOSSARY = "glossary.md"
_ID = re.compile(r' id="([^"]+)"')  # blocks are the handbook's own HTML: one space before


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
        hb = self.page.handbook = engine_page.handbook_for(context)
        path = context.where.path
        meta = engine_page.page_meta(context, hb)
        trackers = engine_page.trackers_for(context)
        if meta.induction_path is not None:  # a role's page: its path follows the page's own text
            role = meta.induction_path
            drawn = induction.induction_path(hb, role, context.where, trackers, meta.title or "")
            lines = [*lines, "", *(drawn + shows(hb.by_role.get(role, []), induction.DATA)).splitlines()]
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
        known = engine_page.git_dates(context)
        data_dates = engine_page.kept(context, "data dates", dict)  # a data file's, found once a build
        for name in data - data_dates.keys():
            data_dates[name] = history.last_updated(context.docs_dir, f"{DATA_DIR}/{name}", known)
        updated = max([history.last_updated(context.docs_dir, path, known), *(data_dates[name] for name in data)])
        title = meta.title or _first_heading(kept) or path
        extra = foot.foot(hb, context.where, meta, carries, updated, trackers, title, context.absolute())
        top = foot.top(hb, meta, engine_page.kept(context, "today", reviews.today))
        if top:  # right under the page's title (its first heading), or first
            at = next((i + 1 for i, line in enumerate(kept) if line.startswith("# ")), 0)
            kept[at:at] = ["", *top.splitlines(), ""]
        return [*kept, "", *extra.splitlines()] if extra else kept


def _first_heading(lines: list[str]) -> str | None:
    return next((line[2:].split("{#")[0].strip() for line in lines if line.startswith("# ")), None)


class BlockPreprocessor(Preprocessor):
    """Finished HTML is held back: between BLOCK_START and BLOCK_END lines (what a macro
    wrote), or drawn here for a LATER mark (a checklist's list, see checklists.draw).
    A paragraph of one word no page holds takes its place (plain text, so a page with
    no raw HTML of its own leaves Python-Markdown's raw HTML stash empty, and its
    restoring pass is skipped) until :class:`BlockPostprocessor` puts the HTML there in
    the written page. The ids it holds are kept for :class:`AnchorsTreeprocessor`."""

    def __init__(self, md, page: _Page):
        super().__init__(md)
        self.page = page
        self.ids: list[str] = []
        self.held: list[str] = []
        self.mark = ""

    def run(self, lines: list[str]) -> list[str]:
        self.ids, self.held = [], []
        context, hb = self.page.context, self.page.handbook
        later = context is not None and hb is not None
        if BLOCK_START not in lines and not (later and any(line.startswith(LATER_START) for line in lines)):
            return lines
        # A mark no page text holds, so a contributor's own text is never replaced.
        self.mark = unused_mark("\n".join(lines), "hb-block-{}:")
        out: list[str] = []
        held: list[str] | None = None
        for line in lines:
            if held is None:
                if line == BLOCK_START:
                    held = []
                    continue
                if later and line.startswith(LATER_START):
                    found = LATER.fullmatch(line)
                    kind, args = (found.group(1), found.group(2).split()) if found else ("", [])
                    drawn = found and checklists.draw(hb, context.where, kind, args)
                    if drawn is not None:
                        out += self.hold(drawn, checklists.ids(hb, kind, args))
                        continue
                out.append(line)
            elif line == BLOCK_END:
                out += self.hold("\n".join(held))
                held = None
            else:
                held.append(line)
        if held is not None:  # an unclosed block is left to Markdown as it is
            out += [BLOCK_START, *held]
        return out

    def hold(self, block: str, ids: list[str] | None = None) -> list[str]:
        """``ids``: the block's ids, when known (else read from its HTML)."""
        self.ids += _ID.findall(block) if ids is None else ids
        self.held.append(block)
        return ["", f"{self.mark}{len(self.held) - 1}", ""]


class BlockPostprocessor(Postprocessor):
    """Puts each held block where its mark is in the finished page (one pass). (Python-
    Markdown's 'toc' also runs the postprocessors on each heading's text, so the blocks
    stay held until the next page.)"""

    def __init__(self, md, blocks: BlockPreprocessor):
        super().__init__(md)
        self.blocks = blocks

    def run(self, text: str) -> str:
        held = self.blocks.held
        if not held or self.blocks.mark not in text:
            return text
        # str.split, not a regular expression: a page's blocks can be megabytes of HTML.
        parts = text.split(self.blocks.mark)
        out = [parts[0]]
        for part in parts[1:]:
            digits = len(part) - len(part.lstrip("0123456789"))
            number, rest = part[:digits], part[digits:]
            if not number or int(number) >= len(held):
                out.append(self.blocks.mark + part)
                continue
            if out[-1].endswith("<p>") and rest.startswith("</p>"):  # the mark's own paragraph
                out[-1], rest = out[-1][:-3], rest[4:]
            out += [held[int(number)], rest]
        return "".join(out)


class AnchorsTreeprocessor(Treeprocessor):
    """Shows the held blocks' ids to the engine's anchor check, then takes them away.

    MkDocs and ProperDocs learn a page's anchors from its raw HTML before Markdown
    parses it (the blocks are already held back by then) and from its element tree at
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
        terms = engine_page.kept(context, "glossary",
                                 lambda: glossary_links.compiled(glossary_links.phrases(hb.glossary.values())))
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
        # After the foot (it writes blocks too), before everything else reads the text.
        blocks = BlockPreprocessor(md, page)
        md.preprocessors.register(blocks, "handbook_blocks", 32.5)
        # Last: after Python-Markdown restores raw HTML (30), its marks among it.
        md.postprocessors.register(BlockPostprocessor(md, blocks), "handbook_blocks_out", 0)
        # Around the anchor checks at priority 5 ('toc', MkDocs' 'mkdocs_extract_anchors').
        md.treeprocessors.register(AnchorsTreeprocessor(md, blocks, show=True), "handbook_anchors", 5.5)
        md.treeprocessors.register(AnchorsTreeprocessor(md, blocks, show=False), "handbook_anchors_done", 4.9)
        # After 'unescape' (0, registered before any extension), so prose reads as
        # written; MkDocs registers its link resolver ('relpath', 0) after this one.
        md.treeprocessors.register(GlossaryTreeprocessor(md, page), "handbook_glossary", 0)


def makeExtension(**kwargs) -> HandbookExtension:  # noqa: N802 (Python-Markdown's name)
    return HandbookExtension(**kwargs)
