"""Generated HTML kept out of Python-Markdown's way, and put back after it.

Checklists are plain HTML built from the data, thousands of items at scale. Given to
Markdown, every tag of them would be parsed twice (by md_in_html, and by MkDocs
looking for anchors) only to come out unchanged. So a macro leaves a one-line
placeholder, an HTML comment that Markdown passes through, and the hooks put the
HTML back once the page is written (``restore_late``), and the page's anchors
include those it holds (``restore`` names the blocks, :class:`Anchors` reads their ids
when asked) so links to checklist items are still checked.

Between the two, the search plugin reads the page. It gets nothing of a block left
out of the index (inside an element marked ``data-search-exclude``), and of any
other block only what it keeps in the index anyway: the text, and the few tags it
keeps (lists, paragraphs, code), bare. Links, spans and attributes, most of a
checklist's markup, would be parsed tag by tag (about 0.5 s for 10,000 items) only
to be dropped. Module state for one build, like :mod:`macros.credits`.
"""

from __future__ import annotations

import html
import re

_blocks: dict[int, tuple[str, bool]] = {}  # number -> (html, indexed by search)
_holders: set[str] = set()  # the pages that hold blocks (most hold none: their written HTML is left alone)
_PLACEHOLDER = re.compile(r"<!--hb-raw:(\d+)-->")
_MARK = re.compile(r"<!--hb-(raw|search):(\d+)-->")  # a placeholder, or the start of a block's search text
_ID = re.compile(r'id="([^"]*)"')  # led by its text, not by the space before it: four times faster

# What Material's search plugin keeps of markup (material/plugins/search/plugin.py,
# Parser.keep): these tags, without attributes; it keeps the text of every other tag
# and skips the content of these.
_SEARCH_KEEPS = "p|code|pre|li|ol|ul|sub|sup"
_SEARCH_SKIPS = re.compile(r"<(?:[hH][1-6]|[sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE]|[oO][bB][jJ][eE][cC][tT])\b")
_SEARCH_SKIP_ATTRS = ("data-search-exclude", "linenodiv")
_ANY_CASE = "|".join("".join(f"[{c}{c.upper()}]" for c in tag) for tag in _SEARCH_KEEPS.split("|"))
_DROPPED_TAG = re.compile(rf"</?(?!(?:{_ANY_CASE})\b)[a-zA-Z][^>]*>")
_KEPT_TAG = re.compile(rf"<(/?)({_ANY_CASE})\b[^>]*>")


def start_build() -> None:
    _blocks.clear()
    _holders.clear()


def keep(block: str, indexed: bool = True) -> str:
    """A placeholder for a block of finished HTML that holds no Markdown.

    ``indexed=False`` for a block the search index leaves out (inside an element
    marked ``data-search-exclude``): it goes back only into the written page.
    """
    number = len(_blocks)
    _blocks[number] = (block, indexed)
    return f"\n\n<!--hb-raw:{number}-->\n\n"


def for_search(block: str) -> str | None:
    """What the search index would keep of ``block``: its text, with only the tags the
    index keeps, bare. (The index collapses spaces between tags, so a run of spaces
    across dropped tags may come out longer; no checklist has one.) None if the block
    holds anything that changes how the index reads it (a heading, an excluded or
    skipped element): then it gets the block."""
    if any(marker in block for marker in _SEARCH_SKIP_ATTRS) or _SEARCH_SKIPS.search(block):
        return None  # (case spelled out above: a case-blind pattern scans ten times slower)
    return _KEPT_TAG.sub(lambda tag: f"<{tag[1]}{tag[2]}>", _DROPPED_TAG.sub("", block))


def restore(page_html: str, page: str) -> tuple[str, list[str]]:
    """The HTML of ``page`` (its path, say) as the search index should read it, and the
    blocks it holds (:class:`Anchors` reads their ids).

    An indexed block goes in as ``for_search`` gives it, between markers that
    ``restore_late`` swaps for the block itself; a block left out of the index stays
    a placeholder."""
    held: list[str] = []

    def block(match: re.Match) -> str:
        number = int(match.group(1))
        raw, indexed = _blocks[number]
        _holders.add(page)
        held.append(raw)
        if not indexed:
            return match.group()
        searched = for_search(raw)
        return raw if searched is None else f"<!--hb-search:{number}-->{searched}<!--/hb-search:{number}-->"

    return _PLACEHOLDER.sub(block, page_html), held


def ids_in(block: str) -> set[str]:
    """The element ids in a block of HTML."""
    return {html.unescape(match.group(1)) for match in _ID.finditer(block) if block[match.start() - 1].isspace()}


class Anchors(set):
    """A page's anchor ids: those MkDocs found in its Markdown output, and those its
    kept blocks hold, read from the blocks only when first asked for.

    MkDocs asks (``anchor in page.present_anchor_ids``) only for a link to the page
    with an anchor; at 1,000 pages most checklists are never linked that way, and
    reading their ids (tens of thousands) would cost about 20 ms. Membership, length
    and iteration read the blocks first; set operations done in C (``|``, ``==``)
    see only the ids read so far."""

    def __init__(self, found, blocks: list[str]):
        super().__init__(found or ())
        self._unread = blocks

    def _read(self) -> None:
        unread, self._unread = self._unread, []
        for block in unread:
            self.update(ids_in(block))

    def __contains__(self, anchor) -> bool:
        if self._unread and not super().__contains__(anchor):
            self._read()
        return super().__contains__(anchor)

    def __iter__(self):
        self._read()
        return super().__iter__()

    def __len__(self) -> int:
        self._read()
        return super().__len__()


def restore_late(output: str, page: str) -> str:
    """The written ``page`` with every block back."""
    if page not in _holders:
        return output
    parts, done = [], 0
    for mark in _MARK.finditer(output):
        if mark.start() < done:
            continue  # (a search text holds no marks; this is only a guard)
        parts.append(output[done: mark.start()])
        parts.append(_blocks[int(mark[2])][0])
        done = mark.end()
        if mark[1] == "search":  # the block's search text runs to its closing mark
            closing = f"<!--/hb-search:{mark[2]}-->"
            done = output.index(closing, done) + len(closing)
    parts.append(output[done:])
    return "".join(parts)
