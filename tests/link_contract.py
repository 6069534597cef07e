"""The link contract: every public page URL and every linkable anchor of the handbook.

Managers send links to pages and to single items; those links must keep working in
later versions. ``tests/link-contract.yml`` lists them all. The test fails when a build
drops one, unless a redirect (mkdocs-redirects) or a retirement note covers it.

    python -m tests.link_contract --write    # build the site and add new links to the list

``--write`` only adds: a link that disappeared stays listed (and fails the test)
until it is redirected or retired by hand.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "tests" / "link-contract.yml"
_ID = re.compile(r'<(h[2-6])[^>]*\sid="([^"]+)"|<\w+ class="[^"]*\bhb-anchor\b[^"]*"[^>]*\sid="([^"]+)"'
                 r'|<\w+ [^>]*\bid="([^"]+)"[^>]*class="[^"]*\bhb-anchor\b')
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')
HOW_TO_FIX = (
    "restore it; or, if the page moved, add a redirect under plugins > redirects > redirect_maps in "
    "mkdocs.yml; or retire it under 'retired' in tests/link-contract.yml with a note saying where it went"
)


def page_url(site: Path, index: Path) -> str:
    rel = index.parent.relative_to(site).as_posix()
    return "/" if rel == "." else f"/{rel}/"


def anchors(html: str) -> list[str]:
    found = {next(g for g in match.groups()[1:] if g) for match in _ID.finditer(html)}
    return sorted(found)


def collect(site: Path) -> dict[str, list[str]]:
    """Every page URL in a built site with its linkable anchors (redirect stubs left out)."""
    out = {}
    for index in sorted(site.rglob("index.html")):
        if {"assets", "search"} & set(index.relative_to(site).parts):
            continue
        html = index.read_text(encoding="utf-8")
        if _REFRESH.search(html):
            continue
        out[page_url(site, index)] = anchors(html)
    return out


def resolve(site: Path, url: str) -> tuple[str | None, str | None]:
    """(html of the page at url after following one redirect, final url) or (None, None)."""
    index = site / url.strip("/") / "index.html" if url != "/" else site / "index.html"
    if not index.is_file():
        return None, None
    html = index.read_text(encoding="utf-8")
    match = _REFRESH.search(html)
    if not match:
        return html, url
    target = (index.parent / match.group(1).split("#")[0]).resolve()
    target = target / "index.html" if target.is_dir() else target
    if not target.is_file():
        return None, None
    return target.read_text(encoding="utf-8"), page_url(site, target)


def read() -> dict:
    data = yaml.safe_load(CONTRACT.read_text(encoding="utf-8")) if CONTRACT.exists() else None
    return data or {"pages": {}, "retired": {}}


def broken(site: Path, contract: dict) -> list[str]:
    """One line per published link the built site no longer serves and nothing covers."""
    retired = contract.get("retired") or {}
    problems = []
    for url, ids in (contract.get("pages") or {}).items():
        html, final = resolve(site, url)
        if html is None:
            if url not in retired:
                problems.append(f"page {url} is gone from the build: {HOW_TO_FIX}")
            continue
        present = set(anchors(html)) | set(re.findall(r'\sid="([^"]+)"', html))
        for anchor in ids or []:
            link = f"{url}#{anchor}"
            if anchor not in present and link not in retired and url not in retired:
                moved = f" (followed the redirect to {final})" if final != url else ""
                problems.append(f"anchor {link} is gone from the build{moved}: {HOW_TO_FIX}")
    return problems


def write(site: Path) -> tuple[int, int]:
    """Add the built site's links to the contract; returns (pages, anchors) added."""
    contract = read()
    pages = contract.setdefault("pages", {})
    added_pages = added_anchors = 0
    for url, ids in collect(site).items():
        known = set(pages.get(url) or [])
        added_pages += url not in pages
        added_anchors += len(set(ids) - known)
        pages[url] = sorted(known | set(ids))
    contract["pages"] = dict(sorted(pages.items()))
    contract.setdefault("retired", {})
    header = (
        "# The link contract: every public page URL and linkable anchor of the handbook.\n"
        "# A build that drops one fails the tests unless a redirect (mkdocs.yml) or an entry\n"
        "# under 'retired' (link: note saying where it went) covers it.\n"
        "# Add new links with: .venv/bin/python -m tests.link_contract --write\n"
    )
    CONTRACT.write_text(header + yaml.safe_dump(contract, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return added_pages, added_anchors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check or extend the link contract.")
    parser.add_argument("--write", action="store_true", help="add the links of a fresh build to the contract")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        # (the default engine, as the tests build; without pytest, which ./.ci/serve does not install)
        result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f",
                                 str(ROOT / "mkdocs.yml"), "-d", tmp], cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"})
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 2
        if args.write:
            pages, ids = write(Path(tmp))
            print(f"link contract: {pages} new pages and {ids} new anchors added to {CONTRACT.relative_to(ROOT)}")
        problems = broken(Path(tmp), read())
    print("\n".join(problems) or "link contract: every published link still works")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
