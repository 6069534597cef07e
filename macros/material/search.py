"""MkDocs hook for Material for MkDocs' search plugin only (optional): it is handed each
page without what it would read only to leave out of the index, and the page gets it
back as soon as the plugin has read it, before the page is written. The search index
comes out the same (tests/test_nav.py compares it with a build without the hooks),
built faster: a role's checklist is thousands of tags.

It needs none of Material's templates, so it stays in the benchmark's "stock Material"
build, where the earlier commit's content hooks did the same. Zensical ignores
``hooks:``; delete this file and its entry in mkdocs.yml and nothing a reader sees changes.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

from macros.core.render.text import unused_mark
from macros.engine.page import once_a_build

# Checklist lists (a list holds no other list): a role's, left out of the search index
# (each item is indexed once, on the all-items page), and the all-items page's.
_UNINDEXED = '<ul class="hb-items" data-checklist="'
_INDEXED = '<ul class="hb-items hb-items--all">'
_LISTS = '<ul class="hb-items'  # how both begin
_HELD = "<!--hb-held{}:"  # then the block's number and "-->" (the first number: one no page's own text holds)
# What Material's search plugin keeps of markup (material/plugins/search/plugin.py,
# Parser.keep): these tags, bare; of any other tag, only the text inside.
_KEPT = "p|code|pre|li|ol|ul|sub|sup"
_DROPPED_TAG = re.compile(rf"</?(?!(?:{_KEPT})\b)[a-zA-Z][^>]*>")
_KEPT_TAG = re.compile(rf"<(/?)({_KEPT})\b[^>]*>")


def _for_search(block: str) -> str:
    """A checklist list as Material's search index keeps it: its text, and its list tags bare."""
    return _KEPT_TAG.sub(r"<\1\2>", _DROPPED_TAG.sub("", block))


# The page's foot (macros.core.render.foot), last in its HTML: each part is marked
# data-search-exclude, and none holds another element of its own kind.
_FOOT = (('<p class="hb-suggest-page"', "</p>"), ('<p class="hb-page-facts"', "</p>"),
         ('<aside class="hb-credits"', "</aside>"))
# What Material's search plugin takes out of the page it indexes (on_page_context).
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
_EXCLUDE = ' data-search-exclude="true"'  # how the handbook marks what the index leaves out


def _unmarked(html: str) -> str:
    """``html`` without the search plugin's attributes, as it leaves what it reads."""
    html = html.replace(_EXCLUDE, "")
    return _SEARCH_ATTRIBUTE.sub("", html) if "data-search-" in html else html


def _foot_at(html: str) -> int:
    """Where the page's foot starts (its parts, in order, running to the end), or -1."""
    last = start = end = _text_end(html, len(html))
    for prefix, close in _FOOT:  # from the last part back
        at = html.rfind(prefix, 0, end)
        if at >= 0 and html.find(close, at) + len(close) == end:
            start = at
            end = _text_end(html, at)
    return start if start < last else -1


def _text_end(html: str, end: int) -> int:
    """``end`` less the white space before it (without copying a page of HTML to strip it)."""
    while end and html[end - 1] in " \t\r\n":
        end -= 1
    return end


def on_page_content(html, page, config, files):
    """Material's search plugin reads every page's HTML tag by tag to index it, and a
    checklist is thousands of tags: a role's, marked data-search-exclude, it reads only
    to keep none of them; the all-items page's, to keep their text. The foot, also
    marked, it reads only to leave out. It is given the page without the first and the
    foot, and with the text of the second, and on_page_context puts them back. The search
    index comes out the same (tests/test_nav.py compares it). Without Material's search
    plugin, nothing is held."""
    page.handbook_held = None
    if not _indexing(config):
        return html
    held: list[str] = []
    parts: list[str] = []
    # marks no page text holds, so a contributor's own comment is never taken for one
    series = unused_mark(html, _HELD)
    foot = _foot_at(html)
    if foot >= 0:
        html, foot = html[:foot], html[foot:]
    else:
        foot = ""
    at = look = 0  # copied up to, looked up to
    while (start := html.find(_LISTS, look)) >= 0:
        look = start + len(_LISTS)
        kept = html.startswith(_INDEXED, start)
        if not kept and not html.startswith(_UNINDEXED, start):  # another list of items: read as it is
            continue
        end = html.find("</ul>", start) + len("</ul>")
        block = html[start:end]
        parts.append(html[at:start])
        number = f"{series}{len(held)}-->"
        parts.append(f"{number}{_for_search(block)}{number}" if kept else number)
        # put back as the search plugin leaves what it reads: without its attribute
        held.append(block if kept else block.replace(_EXCLUDE, "", 1))
        at = look = end
    parts.append(html[at:])
    if foot:
        parts.append(f"{series}{len(held)}-->")
        held.append(_unmarked(foot))  # as the search plugin leaves the rest
    page.handbook_held = (series, held)
    return "".join(parts)


@event_priority(-100)  # last: after Material's search plugin has read the page
def on_page_context(context, page, config, nav):
    """Puts back into the page's HTML what on_page_content held back, before the page is
    written (once). The search plugin takes its attributes out of the page's HTML as it
    reads it; what was held back is put back without them, as it would have left them."""
    page.content = restore(page.content, page)
    return context


def _indexing(config) -> bool:
    """Whether Material's search plugin is on in this build (looked up once a build)."""
    return once_a_build(config, "search plugin on", lambda: _search_plugin_on(config))


def _search_plugin_on(config) -> bool:
    plugins = config.get("plugins") or {}
    return any(type(plugin).__module__.startswith("material.plugins.search")
               and getattr(getattr(plugin, "config", None), "enabled", True) is not False
               for plugin in plugins.values())


def restore(content: str | None, page) -> str | None:
    """The page's HTML with what on_page_content held back put back (once)."""
    series, held = getattr(page, "handbook_held", None) or ("", None)
    if not held or content is None:
        return content
    parts, at = [], 0
    for number, block in enumerate(held):
        mark = f"{series}{number}-->"
        start = content.find(mark, at)
        if start < 0:
            continue
        end = start + len(mark)
        if block.startswith(_INDEXED):  # an indexed list's search text runs between two marks
            close = content.find(mark, end)
            end = end if close < 0 else close + len(mark)
        parts += [content[at:start], block]
        at = end
    parts.append(content[at:])
    page.handbook_held = None
    return "".join(parts)
