"""A stylesheet cut to the rules a site can use: plain text in, plain text out.

Material's ``main.css`` styles every feature the theme has (content tabs, grids,
annotations, Mermaid, blog, tags, social cards...), 23 KB gzip of which a handbook
page needs about two thirds. :func:`cut` drops the rules none of whose selectors can
match: a selector is kept unless it names a class that no page holds and no script
can add. Everything else stays as it was: rules without classes, at-rules other than
the conditional groups (``@media``, ``@supports``...), keyframes, custom properties.

What counts as "a class no script can add" is decided by :class:`Known`: the classes
in the written pages, every word in the site's scripts (Material's bundle builds the
search results, tooltips and copy buttons from class names written out in full), and
the prefixes its template strings complete at run time (``md-source__fact--${...}``).

No MkDocs in sight; the hooks in :mod:`macros.theme` feed it the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CLASS_ATTR = re.compile(r"""\sclass=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# the class part of a template string that script completes: `md-source__fact--${`
_PREFIX = re.compile(r"([A-Za-z_][\w-]*[-_])\$\{")

# what a selector holds that says nothing about which classes it needs
_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""", re.S)
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_INNERMOST_GROUP = re.compile(r"\([^()]*\)")
_SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
# at-rules that hold rules (cut inside them); every other at-rule is kept whole
_GROUPS = ("@media", "@supports", "@container", "@layer", "@document", "@-moz-document")


def classes_in(page_html: str) -> set[str]:
    """Every class named in a class attribute of ``page_html``."""
    found: set[str] = set()
    for match in _CLASS_ATTR.finditer(page_html):
        found.update((match.group(1) or match.group(2) or match.group(3) or "").split())
    return found


class Known:
    """The classes a page of the site may carry: those written in its pages, and
    those its scripts may add."""

    def __init__(self, classes: Iterable[str] = (), scripts: Iterable[str] = ()):
        self.names = set(classes)
        prefixes: set[str] = set()
        for script in scripts:
            self.names.update(_WORD.findall(script))
            prefixes.update(_PREFIX.findall(script))
        self.prefixes = tuple(sorted(prefixes))

    def __contains__(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


def needed_classes(selector: str) -> set[str]:
    """The classes an element (or one of its ancestors) must have for ``selector`` to
    match. Classes in attribute values, strings and functional pseudo-classes
    (``:not(.a)``, ``:is(.a, .b)``) are not needed, so they are left out."""
    if "\\" in selector:
        return set()  # escaped characters: do not guess
    rest = _ATTRIBUTE.sub("", _STRING.sub("", selector))
    while "(" in rest:
        shorter = _INNERMOST_GROUP.sub("", rest)
        if shorter == rest:
            return set()  # unbalanced: do not guess
        rest = shorter
    return set(_SELECTOR_CLASS.findall(rest))


def cut(css: str, known: Known) -> str:
    """``css`` without the rules no selector of which can match a page of the site
    (see the module's docstring), and without its source map comment."""
    out: list[str] = []
    _cut_rules(css, 0, known, out, top=True)
    return "".join(out)


def _skip_string(css: str, i: int) -> int:
    """The index after the string that starts at ``css[i]``."""
    quote = css[i]
    i += 1
    while i < len(css):
        if css[i] == "\\":
            i += 2
        elif css[i] == quote:
            return i + 1
        else:
            i += 1
    return i


def _find(css: str, i: int, stops: str) -> int:
    """The index of the first character of ``stops`` at or after ``i`` that is outside
    strings, comments and brackets (len(css) if none)."""
    depth = 0
    n = len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
            continue
        if c == "/" and css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0 and c in stops:
            return i
        i += 1
    return n


def _split_selectors(prelude: str) -> list[str]:
    parts, start = [], 0
    while True:
        comma = _find(prelude, start, ",")
        parts.append(prelude[start:comma])
        if comma >= len(prelude):
            return parts
        start = comma + 1


def _cut_rules(css: str, i: int, known: Known, out: list[str], top: bool = False) -> int:
    """Append the kept rules from ``css[i:]`` to ``out`` until the ``}`` that closes
    the enclosing group (or the end); returns the index after it."""
    n = len(css)
    while i < n:
        while i < n and css[i] in " \t\r\n":
            i += 1
        if i >= n:
            break
        if css[i] == "}":
            if top:  # a stray end: skip it as a browser would
                i += 1
                continue
            return i + 1
        if css.startswith("/*", i):  # a comment between rules (a source map note, a licence)
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        stop = _find(css, i, "{;}")
        prelude = css[i:stop]
        if stop >= n or css[stop] in ";}":  # a statement (@charset, @import) or a stray end
            if prelude.strip():
                out.append(prelude.strip() + ";")
            i = stop + 1 if stop < n and css[stop] == ";" else stop
            continue
        head = prelude.strip()
        if head.startswith(_GROUPS):
            inner: list[str] = []
            i = _cut_rules(css, stop + 1, known, inner)
            if inner:
                out.append(f"{head}{{{''.join(inner)}}}")
            continue
        end = _block_end(css, stop + 1)
        body = css[stop + 1:end]
        i = end + 1
        if head.startswith("@"):
            out.append(f"{head}{{{body}}}")  # @keyframes, @font-face, @page: kept whole
            continue
        selectors = [s.strip() for s in _split_selectors(head)]
        kept = [s for s in selectors if all(name in known for name in needed_classes(s))]
        if kept:
            out.append(f"{','.join(kept)}{{{body}}}")
    if not top:
        raise ValueError("a group is not closed with '}'")
    return i


def _block_end(css: str, i: int) -> int:
    """The index of the ``}`` that closes the block whose body starts at ``i``."""
    depth = 0
    while True:
        stop = _find(css, i, "{}")
        if stop >= len(css):
            raise ValueError("a block is not closed with '}'")
        if css[stop] == "{":
            depth += 1
        elif depth == 0:
            return stop
        else:
            depth -= 1
        i = stop + 1
