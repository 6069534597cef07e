"""The link contract: published pages and anchors never silently vanish."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests import link_contract
from tests.conftest import mkdocs


def test_the_build_keeps_every_published_link(site):
    """Every page and anchor in tests/link-contract.yml is still served."""
    problems = link_contract.broken(site.root, link_contract.read())
    assert not problems, "\n".join(problems)


def test_the_contract_lists_every_current_link(site):
    """New pages and anchors are in the contract (run `python -m tests.link_contract --write`)."""
    contract = link_contract.read()["pages"]
    missing = [f"{url}#{a}" if a else url for url, ids in link_contract.collect(site.root).items()
               for a in ([None] if url not in contract else sorted(set(ids) - set(contract[url] or [])))]
    assert not missing, ("links missing from tests/link-contract.yml; run "
                         "`.venv/bin/python -m tests.link_contract --write`:\n" + "\n".join(missing))


def test_the_contract_covers_every_kind_of_item(site):
    """Rights, modules, checklist items, glossary terms and headings are all under contract."""
    pages = link_contract.read()["pages"]
    assert "tech-healthy-estate" in pages["/rights-and-responsibilities/"]
    assert "outcomes-over-output" in pages["/cto-product-success/"]
    assert "private-forum" in pages["/induction/cto/"]
    assert "feature-factory" in pages["/glossary/"]
    assert "the-cascade" in pages["/partnership-model/"]


def test_a_removed_anchor_fails_with_the_link_and_the_fix(project, tmp_path, site):
    """Renaming an item's id breaks the contract, and the message says which link and how
    to fix it. (Counted against the handbook as it is, so a break of the contract in the
    working tree is reported once, by the test of the real site, not here as well.)"""
    path = project / "docs/data/glossary.yml"
    terms = yaml.safe_load(path.read_text())
    next(t for t in terms if t["id"] == "showcase")["id"] = "showcases"
    path.write_text(yaml.safe_dump(terms, sort_keys=False))
    out = tmp_path / "out"
    assert mkdocs(project, out).returncode == 0
    already = set(link_contract.broken(site.root, link_contract.read()))
    problems = [p for p in link_contract.broken(out, link_contract.read()) if p not in already]
    assert len(problems) == 1
    assert problems[0].startswith("anchor /glossary/#showcase is gone from the build: restore it; or, if the page "
                                  "moved, add a redirect under plugins > redirects > redirect_maps in mkdocs.yml")
    assert "retire it under 'retired' in tests/link-contract.yml" in problems[0]
    contract = link_contract.read()
    contract["retired"] = {**contract["retired"], "/glossary/#showcase": "renamed to #showcases in 1.1"}
    assert set(link_contract.broken(out, contract)) <= already


def _page(root: Path, url: str, html: str) -> None:
    path = root / url.strip("/") / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html)


def test_a_moved_page_with_a_redirect_keeps_its_links(tmp_path):
    """A page moved behind a redirect still honours its anchors at the new address."""
    _page(tmp_path, "/new/", '<h2 id="steps">Steps</h2><li class="hb-item hb-anchor" id="item-a">a</li>')
    _page(tmp_path, "/old/", '<meta http-equiv="refresh" content="0; url=../new/">')
    contract = {"pages": {"/old/": ["steps", "item-a"]}, "retired": {}}
    assert link_contract.broken(tmp_path, contract) == []
    contract["pages"]["/old/"].append("gone")
    [problem] = link_contract.broken(tmp_path, contract)
    assert problem.startswith("anchor /old/#gone is gone from the build (followed the redirect to /new/)")
    contract["pages"]["/vanished/"] = []
    assert any(p.startswith("page /vanished/ is gone from the build") for p in link_contract.broken(tmp_path, contract))


def test_every_internal_link_resolves(site):
    """Every relative link in every built page (Markdown or generated HTML) reaches a page and anchor."""
    import posixpath
    import re
    from urllib.parse import unquote, urlsplit

    ids: dict[Path, set[str]] = {}
    broken = []
    for page in site.pages():
        html = page.read_text(encoding="utf-8")
        base = page.parent.relative_to(site.root).as_posix()
        for href in re.findall(r'<a\b[^>]*\shref="([^"]+)"', html):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            path = unquote(parts.path)
            target = site.root / posixpath.normpath(posixpath.join(base, path)) if path else page.parent
            target = target / "index.html" if target.suffix == "" else target
            if not target.is_file():
                broken.append(f"{page.relative_to(site.root)}: {href} (no such page)")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\sid="([^"]+)"', target.read_text(encoding="utf-8")))
                if unquote(parts.fragment) not in ids[target]:
                    broken.append(f"{page.relative_to(site.root)}: {href} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(sorted(set(broken)))
