"""What the page being built carries: the content-map ids of the data it shows.

The macros note the records they render (``note``); the hooks read the ids back
when they add the page's Sources note. Module state, because the macros module is
loaded by mkdocs-macros and the hooks by MkDocs, and both import this one module.
"""

from __future__ import annotations

from collections.abc import Iterable

_carried: set[str] = set()


def start_page() -> None:
    _carried.clear()


def note(records: Iterable) -> None:
    for record in records:
        _carried.update(record.carries)


def carried() -> set[str]:
    return set(_carried)
