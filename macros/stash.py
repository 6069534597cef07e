"""Generated HTML kept out of Python-Markdown's way, and put back after it.

Checklists are plain HTML built from the data, thousands of items at scale. Given to
Markdown, every tag of them would be parsed twice (by md_in_html, and by MkDocs
looking for anchors) only to come out unchanged. So a macro leaves a one-line
placeholder, an HTML comment that Markdown passes through, and the hooks put the
HTML back: after Markdown (``restore``), registering the anchors it holds so links
to checklist items are still checked; or, for blocks left out of the search index,
once the page is written (``restore_late``), so the search plugin does not parse
them either. Module state for one build, like :mod:`macros.credits`.
"""

from __future__ import annotations

import html
import re

_blocks: dict[int, tuple[str, bool]] = {}  # number -> (html, indexed by search)
_PLACEHOLDER = re.compile(r"<!--hb-raw:(\d+)-->")
_ID = re.compile(r'\sid="([^"]*)"')


def start_build() -> None:
    _blocks.clear()


def keep(block: str, indexed: bool = True) -> str:
    """A placeholder for a block of finished HTML that holds no Markdown.

    ``indexed=False`` for a block the search index leaves out (inside an element
    marked ``data-search-exclude``): it goes back only into the written page.
    """
    number = len(_blocks)
    _blocks[number] = (block, indexed)
    return f"\n\n<!--hb-raw:{number}-->\n\n"


def restore(page_html: str) -> tuple[str, set[str]]:
    """The page's HTML with its indexed blocks back, and the ids all its blocks hold."""
    ids: set[str] = set()

    def block(match: re.Match) -> str:
        raw, indexed = _blocks[int(match.group(1))]
        ids.update(html.unescape(value) for value in _ID.findall(raw))
        return raw if indexed else match.group()

    return _PLACEHOLDER.sub(block, page_html), ids


def restore_late(output: str) -> str:
    """The written page with every remaining block back."""
    return _PLACEHOLDER.sub(lambda match: _blocks[int(match.group(1))][0], output)
