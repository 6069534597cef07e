"""The first use of each glossary term in a page's prose, linked to its definition.

Works on the page's element tree (``xml.etree``, as Python-Markdown builds it), so it
sees prose only: text inside links, headings, code, citations, navigation, controls,
``<summary>`` and elements marked ``data-no-glossary`` is left alone, and so is raw
HTML (checklists), which is not in the tree. Phrases match whole words, whatever
their case; where phrases overlap, the longest wins; each term is linked once a page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple
from xml.etree.ElementTree import Element

SKIP_TAGS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "svg", "cite",
                       "dt", "button", "label", "kbd", "title", "textarea", "select", "nav", "summary"})


class Terms(NamedTuple):
    by_phrase: dict[str, tuple[str, str]]  # lower-cased phrase -> (anchor, definition)
    pattern: re.Pattern | None  # any phrase, lower case, on word boundaries; the longest first


@functools.lru_cache(maxsize=256)
def compiled(terms: tuple[tuple[str, str, str], ...]) -> Terms:
    """(phrase, anchor, definition) triples made ready for :func:`link_terms`."""
    by_phrase = {lower(phrase): (anchor, definition) for phrase, anchor, definition in terms}
    if not by_phrase:
        return Terms({}, None)
    alternatives = "|".join(re.escape(p) for p in sorted(by_phrase, key=len, reverse=True))
    return Terms(by_phrase, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"))


def used_in(terms: Terms, root: Element) -> Terms:
    """``terms`` narrowed to the phrases that occur anywhere in the tree's text (a plain
    search, much cheaper than the walk): a page that uses none is not walked at all,
    and the walk stops once every term used has its link. The pattern stays the whole
    glossary's (compiling one for each page's few terms cost more than it saved): what
    it finds in the tree's text is among the phrases found in all of it."""
    if not terms.by_phrase:
        return terms
    low = lower("".join(root.itertext()))
    # (only 'in': the whole-word check belongs to each piece of text, where the pattern
    # runs; joined, a use touching a neighbouring element's word would be missed)
    found = {phrase: value for phrase, value in terms.by_phrase.items() if phrase in low}
    return Terms(found, terms.pattern if found else None)


# What surely continues a word (the pattern's [\w-]); anything else, the pattern decides.
_IN_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def _as_word(phrase: str, low: str) -> bool:
    """Whether ``phrase`` may occur in ``low`` as a whole word, which the pattern would
    match: plain searches, far cheaper than the pattern, that rule out only occurrences
    inside a longer word ('xp' in 'expect')."""
    at, size, end = low.find(phrase), len(phrase), len(low)
    while at >= 0:
        after = at + size
        if (not at or low[at - 1] not in _IN_WORD) and (after == end or low[after] not in _IN_WORD):
            return True
        at = low.find(phrase, at + 1)
    return False


def lower(value: str) -> str:
    """``value`` in lower case, character for character (str.lower makes 'İ' two)."""
    low = value.lower()
    return low if len(low) == len(value) else "".join(c.lower()[0] for c in value)


def link_terms(root: Element, terms: Terms, href: Callable[[str], str], skip_tags=SKIP_TAGS) -> int:
    """Link the first use of each term under ``root``, in document order. ``href(anchor)``
    gives the link to a term's definition. Returns how many terms were linked."""
    if terms.pattern is None:
        return 0
    done: set[str] = set()
    wanted = len({anchor for anchor, _ in terms.by_phrase.values()})
    left = list(terms.by_phrase)  # the phrases of terms not linked yet

    def split(text: str) -> tuple[str, list[Element]]:
        """``text`` up to the first link, and the links with the text after each as tail."""
        low = lower(text)
        if not any(phrase in low and _as_word(phrase, low) for phrase in left):  # (see _as_word)
            return text, []
        head, links, at = None, [], 0
        for match in terms.pattern.finditer(low):
            anchor, definition = terms.by_phrase.get(match.group(), (None, None))
            if anchor is None or anchor in done:
                continue
            done.add(anchor)
            before = text[at: match.start()]
            if links:
                links[-1].tail = before
            else:
                head = before
            # (Python-Markdown's serializer leaves an '&' that starts a reference as it is:
            # written as '&amp;', the definition's own '&amp;' or '&lt;' shows as written)
            a = Element("a", {"class": "hb-term", "href": href(anchor), "title": definition.replace("&", "&amp;")})
            a.text = text[match.start(): match.end()]
            links.append(a)
            at = match.end()
        if not links:
            return text, []
        left[:] = [phrase for phrase in left if terms.by_phrase[phrase][0] not in done]
        links[-1].tail = text[at:]
        return head, links

    def walk(element: Element) -> None:
        if element.text and len(done) < wanted:
            element.text, links = split(element.text)
            for i, a in enumerate(links):
                element.insert(i, a)
            skip = len(links)
        else:
            skip = 0
        i = skip
        while i < len(element) and len(done) < wanted:
            child = element[i]
            if (isinstance(child.tag, str) and child.tag not in skip_tags
                    and "data-no-glossary" not in child.attrib):
                walk(child)
            i += 1
            if child.tail and len(done) < wanted:
                child.tail, links = split(child.tail)
                for a in links:
                    element.insert(i, a)
                    i += 1

    walk(root)
    return len(done)


def phrases(glossary: Iterable) -> tuple[tuple[str, str, str], ...]:
    """(phrase, anchor, definition) for every term of a glossary and its aliases."""
    return tuple((phrase, t.id, t.definition) for t in glossary for phrase in (t.term, *t.aliases))
