"""A stylesheet cut to the rules a site can use: plain text in, plain text out.

Material's ``main.css`` styles every feature the theme has (content tabs, grids,
annotations, Mermaid, blog, tags, social cards...), 22 KB gzip of which a handbook
page needs about three quarters. :func:`cut` drops the rules none of whose selectors
can match: a selector is kept unless it names a class that no page holds and no
script can add. Everything else stays as it was: rules without classes, at-rules
other than the conditional groups (``@media``, ``@supports``...), keyframes, custom
properties.

What counts as "a class no script can add" is decided by :class:`Known`: the classes
in the written pages, every word in the site's scripts (Material's bundle builds the
search results, tooltips and copy buttons from class names written out in full), and
the prefixes its template strings complete at run time (``md-source__fact--${...}``).

No MkDocs in sight; :mod:`.hooks` feeds it the site (Material only: Zensical serves
its own stylesheet whole).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# a class attribute's value, quotes and all. Also matches the end of ``data-class=``
# and the like, which can only add names (and keep rules); a leading \s would make
# the scan of a 1,000-page site's 76 MB of HTML twice as slow.
_CLASS_ATTR = re.compile(r"""class=("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# the class part of a template string that script completes: `md-source__fact--${`
_PREFIX = re.compile(r"[A-Za-z_][\w-]*[-_]$")

# what a selector holds that says nothing about which classes it needs
_QUOTED = r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'"""  # a string, either quote, escapes and all
_STRING = re.compile(_QUOTED, re.S)
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_INNERMOST_GROUP = re.compile(r"\([^()]*\)")
_SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
# what the cut must see: braces outside strings, comments and unquoted url()s
_STRUCTURE = re.compile(_QUOTED + r"""|/\*.*?\*/|url\((?!\s*["'])[^)]*\)|[{}]""", re.S)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_STRING_OR_SEMICOLON = re.compile(_QUOTED + "|;", re.S)
_SELECTOR_TOKEN = re.compile(_QUOTED + r"|[()\[\],]", re.S)
_NEEDS_CARE = re.compile(r"""[()\[\]"'\\]""")  # a selector with any of these is read the slow way
# at-rules that hold rules (cut inside them); every other at-rule is kept whole
_GROUPS = ("@media", "@supports", "@container", "@layer", "@document", "@-moz-document")


def classes_in(page_html: str, skip: Iterable[tuple[int, int]] = ()) -> set[str]:
    """Every class named in a class attribute of ``page_html`` (and perhaps a few more
    words: see ``_CLASS_ATTR``), leaving out the stretches ``skip`` ((start, end), in
    order). A page repeats the same few values hundreds of times, so each distinct one
    is split once."""
    values: set[str] = set()
    at = 0
    for start, end in [*skip, (len(page_html), len(page_html))]:
        values.update(_CLASS_ATTR.findall(page_html, at, start))
        at = end
    found: set[str] = set()
    for value in values:
        found.update(value.strip("\"'").split())
    return found


class Known:
    """The classes a page of the site may carry: those written in its pages, and
    those its scripts may add."""

    def __init__(self, classes: Iterable[str] = (), scripts: Iterable[str] = ()):
        self.names = set(classes)
        prefixes: set[str] = set()
        for script in scripts:
            self.names.update(_WORD.findall(script))
            for before in script.split("${")[:-1]:  # (a search for the pattern itself is 3x slower)
                prefix = _PREFIX.search(before[-100:])
                if prefix:
                    prefixes.add(prefix.group())
        self.prefixes = tuple(sorted(prefixes))

    def __contains__(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


def needed_classes(selector: str) -> set[str]:
    """The classes an element (or one of its ancestors) must have for ``selector`` to
    match. Classes in attribute values, strings and functional pseudo-classes
    (``:not(.a)``, ``:is(.a, .b)``) are not needed, so they are left out."""
    if not _NEEDS_CARE.search(selector):
        return set(_SELECTOR_CLASS.findall(selector))
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
    (see the module's docstring), and without comments between rules (a source map
    note, a licence). Raises ValueError for braces that do not pair."""
    kept: list[list[str]] = [[]]  # the rules kept at each open level: the sheet, then groups
    heads: list[str] = []  # the open groups (@media and such)
    braces = [(m.start(), m.group()) for m in _STRUCTURE.finditer(css) if m.group() in "{}"]
    last = k = 0
    while k < len(braces):
        pos, brace = braces[k]
        head = _statements(css[last:pos], kept[-1])
        if brace == "}":  # a group ends (a stray end is skipped, as a browser does)
            if heads:
                inner, group = kept.pop(), heads.pop()
                if inner:
                    kept[-1].append(f"{group}{{{''.join(inner)}}}")
            last, k = pos + 1, k + 1
        elif head.startswith(_GROUPS):
            heads.append(head)
            kept.append([])
            last, k = pos + 1, k + 1
        else:
            close = _closing(braces, k)
            end = braces[close][0]
            body = css[pos + 1:end]
            if head.startswith("@"):
                kept[-1].append(f"{head}{{{body}}}")  # @keyframes, @font-face, @page: kept whole
            else:
                selectors = [s for s in _selectors(head) if all(name in known for name in needed_classes(s))]
                if selectors:
                    kept[-1].append(f"{','.join(selectors)}{{{body}}}")
            last, k = end + 1, close + 1
    if heads:
        raise ValueError(f"a group is not closed with '}}': {heads[-1]}")
    if _statements(css[last:], kept[-1]):
        raise ValueError("the stylesheet ends inside a rule")
    return "".join(kept[0])


def _closing(braces: list[tuple[int, str]], k: int) -> int:
    """The index (in ``braces``) of the ``}`` that closes the block opened at ``k``."""
    depth = 0
    for j in range(k + 1, len(braces)):
        if braces[j][1] == "{":
            depth += 1
        elif depth == 0:
            return j
        else:
            depth -= 1
    raise ValueError("a block is not closed with '}'")


def _statements(text: str, out: list[str]) -> str:
    """Text between blocks: the statements it ends with ``;`` (@charset, @import) go
    to ``out``; what follows the last of them, comments dropped, is returned (the
    head of the block that comes next)."""
    if "/*" in text:
        text = _COMMENT.sub("", text)
    if ";" in text:
        ends = [m.start() for m in _STRING_OR_SEMICOLON.finditer(text) if m.group() == ";"]
        start = 0
        for end in ends:
            if text[start:end].strip():
                out.append(text[start:end].strip() + ";")
            start = end + 1
        text = text[start:]
    return text.strip()


def _selectors(head: str) -> list[str]:
    """A rule's selectors: its head split at the commas outside brackets and strings."""
    if not _NEEDS_CARE.search(head):
        return [part.strip() for part in head.split(",")]
    parts, depth, start = [], 0, 0
    for m in _SELECTOR_TOKEN.finditer(head):
        c = m.group()
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(depth - 1, 0)
        elif c == "," and depth == 0:
            parts.append(head[start:m.start()].strip())
            start = m.end()
    parts.append(head[start:].strip())
    return parts
