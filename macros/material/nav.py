"""The sidebar navigation, drawn in Python with the markup of Material's template.

Material's ``partials/nav-item.html`` draws the sidebar with one Jinja macro call per
entry, and every page carries the sidebar: on a 1,000-page handbook that was the
largest single cost of the build (about 5 ms a page, more than Markdown). This module
draws the same markup from the same MkDocs objects, following that template branch by
branch (Material 9.7), in a fraction of the time; a section the page is not in is
drawn once for all the pages of a folder (:class:`_Memo`). ``overrides/partials/nav.html``
uses it, and falls back to Material's own template for anything this does not draw
(see :func:`supported`). ``tests/test_nav.py`` builds the handbook both ways and
compares the navigation of every page.

Only whitespace differs: Material's template indents, this does not, and inside the
flex boxes of the sidebar that whitespace is not rendered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from mkdocs.utils import normalize_url

# What Material's nav template can show that this module does not draw.
_PAGE_META = ("icon", "subtitle", "status")
_ENTRY_ATTRS = ("typeset", "encrypted", "pages")
TOC = "\x00toc\x00"  # where the current page's table of contents goes (a Jinja include)
_PLAIN = re.compile(r"[\w~%-][\w.~%-]*(?:/[\w~%-][\w.~%-]*)*/?")  # 'a/b/', 'a/b.html': no '.', '..', scheme


@functools.lru_cache(maxsize=1 << 16)
def _parts(url: str) -> tuple[str, ...] | None:
    """A plain site path's segments; None for anything normalize_url must handle."""
    if not _PLAIN.fullmatch(url):
        return None
    return tuple(part for part in url.split("/") if part)


def relative_url(url: str, page_parts: tuple[str, ...]) -> str:
    """MkDocs' ``normalize_url(url, page)`` for a nav entry's URL, with the page's
    folder split once per page rather than once per entry (see :func:`_page_parts`)."""
    parts = _parts(url)
    if parts is None:
        return ""
    common = 0
    for mine, theirs in zip(page_parts, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    relurl = "/".join(("..",) * (len(page_parts) - common) + parts[common:]) or "."
    return relurl + "/" if url.endswith("/") else relurl


def _page_parts(page_url: str) -> tuple[str, ...] | None:
    folder, _, name = page_url.rpartition("/")
    where = folder if "." in name else page_url  # 'a/b/' or, without directory URLs, 'a/b.html'
    return _parts(where) if where else ()


def _entries(items: Iterable) -> Iterable:
    for entry in items:
        yield entry
        yield from _entries(entry.children or ())


def supported(nav) -> bool:
    """Whether every entry is one this module draws exactly as Material would (every
    theme feature is: they only change which entries are sections, pruned or open)."""
    for entry in _entries(nav.items):
        if any(getattr(entry, name, None) for name in _ENTRY_ATTRS):
            return False
        meta = getattr(entry, "meta", None) or {}
        if any(meta.get(key) for key in _PAGE_META):
            return False
    return True


class _Memo:
    """Sections the page is not in, drawn once per build for each group of pages
    that shows them alike: their markup then differs only in its relative links,
    which are the same from every page of one folder (unless a link leads into the
    page's own folder, in which case the page alone gets the drawing)."""

    def __init__(self, nav, features: frozenset[str]):
        self.nav, self.features = nav, features
        self.drawn: dict[tuple, str] = {}
        self._under: dict[int, frozenset | None] = {}

    def under(self, entry) -> frozenset | None:
        """Every folder on the way to every link in the section; None when a link is
        not a plain site path (then the section is drawn for each page)."""
        key = id(entry)
        if key not in self._under:
            found: set[tuple[str, ...]] = set()
            for child in _entries(entry.children):
                url = getattr(child, "url", None)
                if url is None:
                    continue
                parts = _parts(url)
                if parts is None:
                    found = None
                    break
                found.update(parts[:n] for n in range(len(parts) + 1))
            self._under[key] = frozenset(found) if found is not None else None
        return self._under[key]


_memo: list[_Memo] = []  # [the memo of the nav being drawn]


def _memo_for(nav, features: frozenset[str]) -> _Memo:
    if not _memo or _memo[0].nav is not nav or _memo[0].features != features:
        _memo[:] = [_Memo(nav, features)]
    return _memo[0]


class _Nav:
    def __init__(self, page, features: Iterable[str], memo: _Memo | None = None):
        self.page = page
        self.memo = memo
        features = set(features)
        self.indexes = "navigation.indexes" in features
        self.tabs = "navigation.tabs" in features
        self.sections = "navigation.sections" in features
        self.prune = "navigation.prune" in features
        self.expand = "navigation.expand" in features
        self.out: list[str] = []
        self.page_parts = _page_parts(page.url)

    def url(self, url: str) -> str:
        if self.page_parts is not None:
            fast = relative_url(url, self.page_parts)
            if fast:
                return fast
        return normalize_url(str(url), page=self.page)

    def content(self, title: str) -> str:
        return f'<span class="md-ellipsis">{title}</span>'

    def pruned(self, entry, ref) -> None:
        first = entry.children[0] if entry.children else None
        if first is not None and first.children:
            self.pruned(first, ref)
            return
        icon = '<span class="md-nav__icon md-icon"></span>' if entry.children else ""
        self.out.append(f'<a href="{self.url(first.url)}" class="md-nav__link">{self.content(ref.title)}{icon}</a>')

    def item(self, entry, path: str, level: int, parent) -> None:
        active = getattr(entry, "active", False)
        if not entry.children or active or self.memo is None or self.page_parts is None:
            self.draw(entry, path, level, parent)
            return
        under = self.memo.under(entry)
        if under is None:
            self.draw(entry, path, level, parent)
            return
        parts = self.page_parts
        where = parts if parts in under else (parts[:-1], len(parts))
        key = (id(entry), path, level, bool(parent and parent.active), where)
        drawn = self.memo.drawn.get(key)
        if drawn is None:
            start = len(self.out)
            self.draw(entry, path, level, parent)
            drawn = self.memo.drawn[key] = "".join(self.out[start:])
            del self.out[start:]
        self.out.append(drawn)

    def draw(self, entry, path: str, level: int, parent) -> None:
        out, page = self.out, self.page
        active = getattr(entry, "active", False)
        cls = "md-nav__item md-nav__item--active" if active else "md-nav__item"
        if entry.children:
            is_section = is_pruned = False
            if self.tabs:
                if level == 1 and active:
                    is_section = True
                if self.sections and level == 2 and parent.active:
                    is_section = True
            elif self.sections and level == 1:
                is_section = True
            if is_section:
                cls += " md-nav__item--section"
            if self.prune and not is_section and not active:
                cls += " md-nav__item--pruned"
                is_pruned = True
            out.append(f'<li class="{cls} md-nav__item--nested">')
            if is_pruned:
                self.pruned(entry, entry)
                out.append("</li>")
                return
            index = None  # (Material looks for it first; only an unpruned entry uses it)
            if self.indexes:
                index = next((child for child in entry.children if child.is_index), None)
            checked = "checked" if active else ""
            indeterminate = "md-toggle--indeterminate" if self.expand and not checked else ""
            # Material's template writes tabindex="" on a section's label, which is not valid
            # HTML (browsers ignore it); here the attribute is left out instead.
            tabindex = "" if is_section else ' tabindex="0"'
            out.append(f'<input class="md-nav__toggle md-toggle {indeterminate}" type="checkbox" '
                       f'id="{path}" {checked}>')
            if index is None:
                out.append(f'<label class="md-nav__link" for="{path}" id="{path}_label"{tabindex}>'
                           f'{self.content(entry.title)}<span class="md-nav__icon md-icon"></span></label>')
            else:
                current = "md-nav__link--active" if index == page else ""
                out.append(f'<div class="md-nav__link md-nav__container">'
                           f'<a href="{self.url(index.url)}" class="md-nav__link {current}">'
                           f"{self.content(entry.title)}</a>")
                if len(entry.children) > 1:
                    out.append(f'<label class="md-nav__link {current}" for="{path}" id="{path}_label"'
                               f'{tabindex}><span class="md-nav__icon md-icon"></span></label>')
                out.append("</div>")
            expanded = "true" if active else "false"
            out.append(f'<nav class="md-nav" data-md-level="{level}" aria-labelledby="{path}_label" '
                       f'aria-expanded="{expanded}"><label class="md-nav__title" for="{path}">'
                       f'<span class="md-nav__icon md-icon"></span>{entry.title}</label>'
                       '<ul class="md-nav__list" data-md-scrollfix>')
            for number, child in enumerate(entry.children, 1):
                if index is None or child != index:
                    self.item(child, f"{path}_{number}", level + 1, entry)
            out.append("</ul></nav></li>")
        elif entry == page:
            toc = page.toc
            first = next(iter(toc), None)
            if first is not None and first.level == 1:
                toc = first.children
            out.append(f'<li class="{cls}"><input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">')
            if toc:
                out.append(f'<label class="md-nav__link md-nav__link--active" for="__toc">'
                           f'{self.content(entry.title)}<span class="md-nav__icon md-icon"></span></label>')
            out.append(f'<a href="{self.url(entry.url)}" class="md-nav__link md-nav__link--active">'
                       f"{self.content(entry.title)}</a>")
            if toc:
                out.append(TOC)
            out.append("</li>")
        else:
            out.append(f'<li class="{cls}"><a href="{self.url(entry.url)}" class="md-nav__link">'
                       f"{self.content(entry.title)}</a></li>")


def primary(nav, page, features: Iterable[str]) -> list[str]:
    """The entries of the primary navigation for ``page``, as HTML: one string, or two
    with the page's table of contents (``partials/toc.html``) to go between them."""
    features = frozenset(features)
    drawer = _Nav(page, features, _memo_for(nav, features))
    for number, entry in enumerate(nav.items, 1):
        drawer.item(entry, f"__nav_{number}", 1, None)
    return "".join(drawer.out).split(TOC)
