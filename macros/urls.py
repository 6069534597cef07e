"""Handbook references ('page.md#anchor') as URLs relative to the page that shows
them, the way MkDocs builds the site (directory URLs or not). (A checklist asks once
per page it links: render._Links keeps each link it builds.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url


@functools.lru_cache(maxsize=4096)
def site_url(path: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a page at this path under docs/."""
    return File(path, "", "", use_directory_urls).url


def resolver(page_url: str, use_directory_urls: bool) -> Callable[[str], str]:
    """Resolve 'page.md#anchor' to a URL relative to the page at ``page_url``."""

    def href(ref: str) -> str:
        path, _, anchor = ref.partition("#")
        url = get_relative_url(site_url(path, use_directory_urls), page_url)
        return f"{url}#{anchor}" if anchor else url

    return href
