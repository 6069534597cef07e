"""Escaping data text for wherever it lands, and the small pieces every renderer uses."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable

from macros.core.urls import Where

# What Python-Markdown reads as syntax and lets a backslash escape (Markdown.ESCAPED_CHARS,
# with '|' from the tables extension). '<', '>' and '&' become entities instead.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_HTML_SPECIAL = re.compile(r"[&<>\"']")


# Line breaks and the white space around them; not a no-break or other fixed-width space,
# which a contributor writes on purpose (and str.split() would take as well).
_BREAKS = re.compile(r"[ \t\r\n\f\v\x85\u2028\u2029]+")


def text(value: object) -> str:
    """Data text for Markdown (inline, or a whole line): HTML special characters as
    entities, every character Markdown could read as syntax backslash-escaped, and line
    breaks made spaces, so it renders as written and cannot start a list, a heading, a
    link or a snippet."""
    plain = _BREAKS.sub(" ", str(value)).strip()
    escaped = _MD_SPECIAL.sub(r"\\\1", plain)
    return _HTML_SPECIAL.sub(lambda m: html.escape(m.group(), quote=True), escaped)


# In an attribute, Markdown syntax is written as character references: some attributes
# pass through Markdown (an inline tag inside a markdown="span" element), and a browser
# reads the references back as the characters.
_MD_IN_ATTR = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~^=&<>\"'"})


def attr(value: object) -> str:
    """Escape a value for an HTML attribute (or for element text in plain HTML)."""
    return html.escape(str(value), quote=True)


def attr_text(value: object) -> str:
    """Escape free text for an HTML attribute (a label, a title) that may pass through
    Markdown: no Markdown syntax in it can take effect either."""
    return str(value).translate(_MD_IN_ATTR)  # one pass: a reference it writes is not read again


def link(label: str, ref: str, where: Where) -> str:
    """A Markdown link to a handbook page ('page.md#anchor'), relative to the page written."""
    return f"[{text(label)}]({where.md(ref)})"


def induction_ref(role_id: str) -> str:
    return f"induction/{role_id}.md"


def permalink(anchor: str, label: str) -> str:
    """The '#' control that links (and, with script, copies a link) to one item."""
    return permalink_escaped(attr(anchor), attr_text(label))


def permalink_escaped(anchor_attr: str, label_attr: str) -> str:
    """permalink() of values already escaped (a checklist escapes each item's once)."""
    return f'<a class="hb-permalink" href="#{anchor_attr}" aria-label="Link to {label_attr}">#</a>'


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {text(i)}" for i in items)


# Around finished HTML a macro writes (see checklists.block): the page's Markdown
# extension keeps what is between them out of Markdown and puts it back in the written page.
BLOCK_START, BLOCK_END = "<!--hb-block-->", "<!--/hb-block-->"


def unused_mark(text: str, mark: str) -> str:
    """``mark`` (with '{}' for a number) numbered so that ``text`` does not hold it: a
    placeholder that a page's own text can never be taken for."""
    return next(mark.format(n) for n in itertools.count() if mark.format(n) not in text)


def block(html: str) -> str:
    """Finished HTML for the page as it is: the page's Markdown extension keeps it out of
    every later parse (a checklist holds thousands of tags and no Markdown)."""
    return f"\n{BLOCK_START}\n{html}\n{BLOCK_END}\n"


# A mark for a list too big to carry through the engine's Markdown (thousands of items):
# the macro leaves the mark, and the page's Markdown extension draws the list (with
# checklists.draw) where the mark is, once Markdown is done with the rest of the page.
LATER_START = "<!--hb-later "
LATER = re.compile(re.escape(LATER_START) + r"([a-z-]+)((?: [a-z0-9-]+)*)-->")


def later(kind: str, *args: str) -> str:
    """The mark for a list drawn when the page is converted (see LATER); args are ids."""
    return f"\n{LATER_START}{kind}{''.join(' ' + a for a in args)}-->\n"


def shows(records: Iterable = (), data: Iterable[str] = ()) -> str:
    """A mark telling the page's Markdown extension what the page shows: the content-map
    ids of the records (for its Sources note) and the data files they come from (for
    its 'last updated'). An HTML comment on its own, removed from the written page."""
    carries = sorted({c for record in records for c in getattr(record, "carries", ())})
    files = sorted(set(data))
    return f"\n\n<!--hb-shows carries={','.join(carries)} data={','.join(files)}-->\n\n"


SHOWS = re.compile(r"<!--hb-shows carries=([^ ]*) data=([^ ]*)-->")
