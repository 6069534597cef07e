"""Where a page lands in the built site, and links between pages.

Both engines the handbook builds on (MkDocs/ProperDocs and Zensical) give a page at
``a/b.md`` the URL ``a/b/`` (``a/b.html`` with ``use_directory_urls: false``) and an
index page its folder's URL; links in the site are relative. Checklists, which can
hold thousands of items, are plain HTML whose links are resolved here (every reference
in them is checked when the data loads); everything else a macro writes is Markdown,
with links to ``.md`` files relative to the page (:func:`md_link`), which the engine
resolves and validates like any link a contributor writes.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from dataclasses import dataclass


@functools.lru_cache(maxsize=4096)
def site_url(path: str, use_directory_urls: bool = True) -> str:
    """The URL of the page at ``path`` (relative to docs/), relative to the site root."""
    stem, _ = posixpath.splitext(path)
    folder, name = posixpath.split(stem)
    if not use_directory_urls:
        return f"{folder}/index.html" if folder and name in ("index", "README") else f"{stem}.html"
    if name in ("index", "README"):
        return f"{folder}/" if folder else "./"
    return f"{stem}/"


def relative_url(url: str, from_url: str) -> str:
    """``url`` (site-root relative) as seen from the page at ``from_url``."""
    if from_url != ".":
        folder, name = posixpath.split(from_url)
        from_url = folder if "." in name else from_url  # 'a/b.html' is in folder 'a'
    rel = _relative_path(url, from_url)
    return rel + "/" if url.endswith("/") else rel


def resolver(page_url: str, use_directory_urls: bool = True) -> Callable[[str], str]:
    """Resolve 'page.md#anchor' to a URL relative to the page at ``page_url``."""

    def href(ref: str) -> str:
        path, _, anchor = ref.partition("#")
        url = relative_url(site_url(path, use_directory_urls), page_url)
        return f"{url}#{anchor}" if anchor else url

    return href


def md_link(ref: str, from_path: str) -> str:
    """'page.md#anchor' (relative to docs/) as a Markdown link target relative to the
    source file ``from_path`` (also relative to docs/)."""
    path, hash_, anchor = ref.partition("#")
    if path == from_path:
        return f"#{anchor}" if anchor else posixpath.basename(path)
    return f"{_relative_path(path, posixpath.dirname(from_path))}{hash_}{anchor}"


def _relative_path(path: str, folder: str) -> str:
    """posixpath.relpath for two paths under one root, without asking the OS for the
    working folder (relpath does, on every call, and links are made by the thousand)."""
    to = [part for part in posixpath.normpath(path).split("/") if part != "."]
    start = [part for part in posixpath.normpath(folder or ".").split("/") if part != "."]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


@dataclass(frozen=True)
class Where:
    """The page a renderer writes for: its source path under docs/ and its URL.

    ``source_links``: whether the engine rewrites links in raw HTML as it does in
    Markdown (Zensical resolves every ``href`` in a page against the page's source
    file; MkDocs and ProperDocs leave raw HTML alone). Plain-HTML links are then
    written as ``.md`` links relative to the page's source, which the engine resolves
    and checks, and otherwise as the resolved URL."""

    path: str
    url: str
    use_directory_urls: bool = True
    source_links: bool = False

    def md(self, ref: str) -> str:
        """A Markdown link target for 'page.md#anchor', relative to this page."""
        return md_link(ref, self.path)

    @functools.cached_property
    def href(self) -> Callable[[str], str]:
        """The href, in plain HTML on this page, of 'page.md#anchor'."""
        if self.source_links:
            return self.md
        return resolver(self.url, self.use_directory_urls)

    @classmethod
    def of(cls, path: str, use_directory_urls: bool = True, source_links: bool = False) -> Where:
        return cls(path, site_url(path, use_directory_urls), use_directory_urls, source_links)
