"""The same handbook on every engine: ProperDocs (the default), MkDocs and Zensical.

What a reader sees in the article of every page comes out the same: the same pages,
ids and anchors, checklist items, Sources notes and glossary links. Theme chrome
(header, sidebar, search, where the tags go) may differ. Strict link and anchor
checks, macro errors and data errors fail the build on each engine.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.core.load import load
from tests.conftest import ENV, ROOT, Site, TextOf, build, zensical

ROLES = list(load(ROOT / "docs").roles)  # in the data's order

# Chrome inside the article that each theme places its own way.
_CHROME = [
    re.compile(r'<nav class="md-tags"\s*>.*?</nav>', re.S),  # the page's tags: Material above, Zensical below
    re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon"[^>]*>.*?</a>', re.S),
]
# The tags page is drawn by each engine's tags feature: the same headings and links,
# but its own markup.
GENERATED_BY_THEME = {"tags/index.html"}


def pages(site: Site) -> set[str]:
    return {p.relative_to(site.root).as_posix() for p in site.root.rglob("*.html") if "assets" not in p.parts}


def article(site: Site, page: str) -> str:
    """The article from its first heading on, chrome removed, whitespace between tags collapsed."""
    html = Site.article((site.root / page).read_text(encoding="utf-8"))
    html = html[html.find("<h1"):] if "<h1" in html else html
    for pattern in _CHROME:
        html = pattern.sub("", html)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def facts(html: str) -> dict:
    return {
        "ids": sorted(re.findall(r'\sid="([^"]+)"', html)),
        "links": sorted(re.findall(r'<a [^>]*href="([^"]+)"', html)),
        "text": " ".join(TextOf.of(html).split()),
    }


def test_zensical_writes_the_same_pages(engines):
    assert pages(engines["zensical"]) == pages(engines["properdocs"])


def test_every_article_is_the_same_on_zensical(engines):
    """Every page's article, as HTML, is the same on ProperDocs and on Zensical."""
    site, zensical_site = engines["properdocs"], engines["zensical"]
    differ = []
    for page in sorted(pages(site) & pages(zensical_site)):
        ours, theirs = article(site, page), article(zensical_site, page)
        if page in GENERATED_BY_THEME:
            assert facts(ours)["ids"] == facts(theirs)["ids"], page
            continue
        if ours != theirs:
            line = next(i for i, (a, b) in enumerate(zip(ours.splitlines(), theirs.splitlines() + [""], strict=False)) if a != b)
            differ.append(f"{page}, line {line + 1}:\n  ProperDocs: {ours.splitlines()[line][:300]}\n"
                          f"  Zensical:   {(theirs.splitlines() + [''])[line][:300]}")
    assert not differ, "\n".join(differ)


def test_what_the_parity_covers_is_there(engines):
    """The pieces the comparison is about are in every build: induction paths with their
    checklists, Sources notes, glossary links, page facts and the cascade diagram."""
    for built in engines.values():
        path = built.html("induction/engineer")
        assert path.count('class="hb-check"') >= 5 and 'class="hb-credits"' in path and "hb-page-facts" in path
        assert 'class="hb-term"' in built.html("partnership-model")
        assert "<svg" in Site.article(built.html("partnership-model"))


def test_mkdocs_builds_the_same_articles(engines):
    """MkDocs 1.6 itself, which ProperDocs continues, writes the same articles."""
    site, theirs = engines["properdocs"], engines["mkdocs"]
    assert pages(theirs) == pages(site)
    for page in sorted(pages(site)):
        assert article(theirs, page) == article(site, page), page


def test_a_broken_link_or_anchor_fails_on_zensical(project):
    """Zensical's strict build fails on a link to a missing page or anchor."""
    page = project / "docs/insights.md"
    original = page.read_text()
    page.write_text(original + "\nSee [nowhere](nowhere.md).\n")
    result = zensical(project)
    assert result.returncode != 0 and "page does not exist" in result.stdout + result.stderr
    page.write_text(original + "\nSee [an item](checklist-items.md#no-such-item).\n")
    result = zensical(project)
    assert result.returncode != 0 and "anchor does not exist" in result.stdout + result.stderr


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_a_macro_error_found_while_rendering_fails_on_both_engines(project, tmp_path, engine):
    """An unknown role the data load cannot see (given through a variable) stops the
    build on either engine with the page and the reason, and no traceback (the load's
    own checks of macro calls: tests/test_data.py)."""
    page = project / "docs/roles.md"
    page.write_text(page.read_text() + '\n{% set role = "nobody" %}\n{{ checklist(role) }}\n')
    result = zensical(project) if engine == "zensical" else build(project, tmp_path / "out")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    errors = [line.split("-  ", 1)[1] for line in output.splitlines() if line.startswith("ERROR")]
    assert errors[0] == ("docs/roles.md: checklist(\"nobody\"): no role 'nobody'; expected one of: "
                         + ", ".join(ROLES))
    assert "Traceback" not in output


def test_bad_data_stops_zensical_with_one_line_per_problem(project):
    """On Zensical too: one ERROR line per problem, no traceback, no page written."""
    for name, change in (("roles.yml", lambda items: items[0].update(pairs_with=["ctoo"])),
                         ("checklist.yml", lambda items: items[0].pop("stage"))):
        path = project / "docs/data" / name
        items = yaml.safe_load(path.read_text())
        change(items)
        path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True))
    result = zensical(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    errors = [line.split(" -  ", 1)[1] for line in output.splitlines() if line.startswith("ERROR")]
    assert errors == [
        "docs/data/checklist.yml: item 'read-the-model' (#1), field 'stage': missing; this field is required",
        "docs/data/roles.yml: item 'cto' (#1), field 'pairs_with[0]': unknown role 'ctoo'; expected one of: "
        + ", ".join(sorted(ROLES)),
        "The handbook data has 2 problem(s), listed above; fix them and build again.",
    ], output
    assert not list(Path(project / "site").rglob("index.html")), "a half-built site was written"


@pytest.mark.parametrize("engine", ["properdocs", "mkdocs"])
def test_no_warning_box_on_the_default_commands(engine, tmp_path):
    """Our commands set the variables Material and ProperDocs document: no MkDocs 2.0
    warning box on any engine."""
    from tests.conftest import ROOT

    result = build(ROOT, tmp_path / "out", engine=engine)
    assert result.returncode == 0
    for box in ("MkDocs 2.0", "ProperDocs", "Warning from the Material for MkDocs team"):
        assert box not in result.stderr + result.stdout, (engine, box)


def test_bad_data_stops_zensical_serve_without_a_traceback(project):
    """`zensical serve` (which cannot stay up once a page fails) stops at bad data too,
    with the same lines and no traceback."""
    path = project / "docs/data/glossary.yml"
    path.write_text(path.read_text().replace("- id: ", "- idd: ", 1))
    with socket.socket() as sock:  # a port free now, for the server it never gets to run
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = subprocess.run(
        [str(Path(sys.executable).parent / "zensical"), "serve", "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml"],
        cwd=project, env={**ENV, "NO_COLOR": "1", "PYTHONPATH": str(project)}, capture_output=True, text=True,
        timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    errors = [line.split(" -  ", 1)[1] for line in output.splitlines() if line.startswith("ERROR")]
    assert errors[-1] == "The handbook data has 2 problem(s), listed above; fix them and build again.", output
    assert all(e.startswith("docs/data/glossary.yml: item #1, field 'id") for e in errors[:-1]), output
