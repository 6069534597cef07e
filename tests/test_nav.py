"""The sidebar drawn by macros/material/nav.py is Material's sidebar, entry for entry:
compared page by page with a pristine Material build of the same site (no project
hooks), with the theme features that change the sidebar and without directory URLs."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.utils import normalize_url

from macros.material import hooks
from macros.material.nav import _Nav
from tests.bench.synthetic import generate, without_hooks
from tests.conftest import ROOT, Site, copy_project, mkdocs


class _Events(HTMLParser):
    """A page's primary navigation as tags, attributes and text, whitespace collapsed. An
    empty tabindex, which Material's template writes on a section's label and browsers
    ignore (it is not valid HTML), counts as none: nav.py leaves it out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("<", tag, sorted((k, " ".join((v or "").split())) for k, v in attrs
                                             if not (k == "tabindex" and not v))))

    def handle_endtag(self, tag):
        self.events.append(("</", tag))

    def handle_data(self, data):
        if data.split():
            self.events.append(("text", " ".join(data.split())))


def primary_nav(html: str) -> list[tuple]:
    start = re.search(r'<nav class="md-nav md-nav--primary[ "]', html).start()
    depth = 0
    for match in re.finditer(r"<(/?)nav\b", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            parser = _Events()
            parser.feed(html[start: start + match.end() + 1])
            return parser.events
    raise AssertionError("unclosed primary nav")


def assert_same_sidebars(ours: Path, materials: Path) -> int:
    pages = sorted(p for p in materials.rglob("*.html") if "md-nav--primary" in p.read_text(encoding="utf-8"))
    for page in pages:
        mine = primary_nav((ours / page.relative_to(materials)).read_text(encoding="utf-8"))
        theirs = primary_nav(page.read_text(encoding="utf-8"))
        if mine != theirs:
            at = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b), min(len(mine), len(theirs)))
            pytest.fail(f"{page.relative_to(materials)}: sidebar differs at entry {at}: "
                        f"ours {mine[at:at + 3]}, Material's {theirs[at:at + 3]}")
    return len(pages)


def _pristine(project: Path) -> None:
    """The project as Material draws it: without the hooks that offer the Python sidebar."""
    config = project / "mkdocs.yml"
    config.write_text(without_hooks(config.read_text()))


def _configure(project: Path, features=(), use_directory_urls: bool = True) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text()
    text = text.replace("  features:\n", "  features:\n" + "".join(f"    - {f}\n" for f in features), 1)
    if not use_directory_urls:
        text = text.replace("strict: true\n", "strict: true\nuse_directory_urls: false\n", 1)
    config.write_text(text)


def test_sidebar_of_every_page_matches_materials(site, project, tmp_path):
    """The real handbook: every page (home, sections, index pages, induction paths, 404)."""
    _pristine(project)
    result = mkdocs(project, tmp_path / "material")
    assert result.returncode == 0, result.stderr
    assert assert_same_sidebars(site.root, tmp_path / "material") >= 40


def test_the_hooks_change_nothing_but_the_sidebar_whitespace(tmp_path):
    """With and without the Material-only hooks, from one copy of the project: every
    article and the whole search index are the same."""
    from tests.test_parity import article, pages

    project = copy_project(tmp_path / "project")
    assert (result := mkdocs(project, tmp_path / "with")).returncode == 0, result.stderr
    _pristine(project)
    assert (result := mkdocs(project, tmp_path / "without")).returncode == 0, result.stderr
    ours, theirs = Site(tmp_path / "with"), Site(tmp_path / "without")
    assert pages(ours) == pages(theirs)
    for page in pages(ours):
        assert article(ours, page) == article(theirs, page), page
    index = "search/search_index.json"
    assert (ours.root / index).read_text() == (theirs.root / index).read_text()
    assert "hb-held" not in "".join(p.read_text() for p in ours.pages())


@pytest.mark.parametrize(("features", "use_directory_urls"), [
    (("navigation.tabs",), True),
    (("navigation.expand",), True),
    (("navigation.tabs", "navigation.expand"), False),
    ((), False),
])
def test_sidebar_matches_materials_with_other_features(tmp_path, features, use_directory_urls):
    """Tabs, expanded sections, and plain .html URLs: the same sidebar as Material's."""
    ours = copy_project(tmp_path / "ours")
    _configure(ours, features, use_directory_urls)
    theirs = copy_project(tmp_path / "theirs")
    _configure(theirs, features, use_directory_urls)
    _pristine(theirs)
    assert (result := mkdocs(ours, tmp_path / "ours-site")).returncode == 0, result.stderr
    assert (result := mkdocs(theirs, tmp_path / "theirs-site")).returncode == 0, result.stderr
    assert assert_same_sidebars(tmp_path / "ours-site", tmp_path / "theirs-site") >= 40


def test_the_python_sidebar_is_offered_only_for_checked_material_versions(monkeypatch):
    """The hooks offer nav.py to the template for the Material versions it follows, and
    leave Material's own template to draw the sidebar for any other version or theme."""
    config = {"theme": SimpleNamespace(name="material"), "extra": {}}
    env = SimpleNamespace(globals={})
    assert hooks.material_checked()
    assert "handbook_nav" in hooks.on_env(env, config, None).globals
    monkeypatch.setattr(hooks.metadata, "version", lambda name: "10.0.0")
    assert "handbook_nav" not in hooks.on_env(env, config, None).globals
    monkeypatch.undo()
    assert "handbook_nav" not in hooks.on_env(env, {**config, "theme": SimpleNamespace(name="mkdocs")}, None).globals


def test_the_built_site_uses_the_python_sidebar():
    """With the hooks in mkdocs.yml, the template is given nav.py (not a silent fallback)."""
    text = (ROOT / "mkdocs.yml").read_text()
    assert "  - macros/material/hooks.py\n" in text
    template = (ROOT / "overrides/material/partials/nav.html").read_text()
    assert "handbook_nav(nav, page, features)" in template


def test_sidebar_of_a_deep_nav_matches_materials(tmp_path):
    """Three levels, pruned sections inside sections, a hundred pages."""
    project = tmp_path / "project"
    project.mkdir()
    generate(project, 100)
    assert mkdocs(project, tmp_path / "ours").returncode == 0
    assert "md-nav__item--pruned" in Site(tmp_path / "ours").html("library/section-001/page-003")
    _pristine(project)
    assert mkdocs(project, tmp_path / "material").returncode == 0
    assert assert_same_sidebars(tmp_path / "ours", tmp_path / "material") >= 90


def test_what_the_module_does_not_draw_is_left_to_material(project, tmp_path):
    """A page icon in front matter: Material's template draws the sidebar, icon included."""
    page = project / "docs/insights.md"
    page.write_text(page.read_text().replace("---\n", "---\nicon: material/lightbulb\n", 1))
    result = mkdocs(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = Site(tmp_path / "out").html("partnership-model")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    insights = nav[: nav.index('href="../insights/"') + 400]
    assert "<svg" in insights[insights.rindex("<li"):]


PAGE_URLS = ["", "a/", "a/b/", "a/b/c/", "index.html", "a/index.html", "a/b/x.html", "x/y/", "a.b/", "a/b.c/d/"]
ENTRY_URLS = ["", "./", "a/", "a/b/", "a/b/c/", "a/x/", "x/", "index.html", "a/b/x.html", "https://example.org/",
              "/abs/", "#frag", "../up/", "a/./b/", "a//b/", "a.b/", "a/b.c/d/", "a/index.html"]


@pytest.mark.parametrize("page_url", PAGE_URLS)
def test_relative_urls_are_mkdocs_own(page_url):
    """Every entry URL, from every kind of page (with and without directory URLs), is
    what MkDocs' normalize_url gives; what the fast path does not handle it hands over."""
    page = SimpleNamespace(url=page_url)  # all that normalize_url reads of a page
    drawer = _Nav(page, [])
    for url in ENTRY_URLS:
        assert drawer.url(url) == normalize_url(url, page=page), (page_url, url)


def test_sidebar_when_a_section_links_into_the_page_folder(project, tmp_path):
    """A page at guide/ in one section, another at guide/deeper/ in a section the first
    is not in: the second section's links differ for guide/ and for its neighbours,
    so each gets its own drawing (macros.material.nav._Memo), still Material's markup."""
    front = ("---\ndescription: A page made by the test, with a description long enough to pass.\n"
             "owner: cpo\nreview_by: 2099-01-01\n---\n\n# {title}\n\nText.\n")
    (project / "docs/guide.md").write_text(front.format(title="Guide"))
    (project / "docs/guide").mkdir()
    (project / "docs/guide/deeper.md").write_text(front.format(title="Deeper"))
    (project / "docs/guide/more.md").write_text(front.format(title="More"))
    config = project / "mkdocs.yml"
    text = config.read_text()
    text = text.replace("      - Interview for partner fit: playbooks/interview-for-fit.md\n",
                        "      - Interview for partner fit: playbooks/interview-for-fit.md\n"
                        "      - Guide: guide.md\n      - More: guide/more.md\n")
    text = text.replace("  - Reference:\n", "  - Deeper:\n      - Nested:\n          - guide/deeper.md\n  - Reference:\n")
    config.write_text(text)
    assert mkdocs(project, tmp_path / "ours").returncode == 0
    ours = Site(tmp_path / "ours")
    assert 'href="deeper/"' in ours.html("guide") and 'href="../deeper/"' in ours.html("guide/more")
    _pristine(project)
    assert mkdocs(project, tmp_path / "material").returncode == 0
    assert assert_same_sidebars(tmp_path / "ours", tmp_path / "material") >= 40


def test_the_search_hook_holds_back_lists_and_foot_and_puts_them_back_once_they_are_read():
    """Material's search plugin is handed the page without a role's checklist and the
    foot; the page gets both back once the plugin has read it, before it is written."""
    from macros.material import search

    html = ('<p>Text</p>\n<ul class="hb-items" data-checklist="induction/x" data-search-exclude="true">'
            '<li id="a">A</li></ul>\n<p>More</p>\n'
            '<aside class="hb-credits" data-search-exclude="true" data-carries="PM-1"><p>Sources</p></aside>\n'
            '<p class="hb-page-facts" data-search-exclude="true">Facts</p>\n'
            '<p class="hb-suggest-page" data-search-exclude="true"><a class="hb-suggest" href="x" '
            'data-search-exclude="true">Suggest</a></p>\n')
    from material.plugins.search.plugin import SearchPlugin

    config = {"plugins": {"material/search": SearchPlugin()}}
    written = html.replace(' data-search-exclude="true"', "")  # as the search plugin leaves the rest
    page = SimpleNamespace()
    page.content = search.on_page_content(html, page, config, None)
    assert page.content.startswith("<p>Text</p>") and "<p>More</p>" in page.content
    assert not any(part in page.content for part in ("hb-items", "hb-credits", "hb-page-facts", "hb-suggest"))
    context = {"page": page}
    assert search.on_page_context(context, page, config, None) is context
    assert page.content == written
    search.on_page_context(context, page, config, None)
    assert page.content == written  # put back once
    # the all-items list: the search plugin reads its text and bare list tags, between two marks
    listed = ('<ul class="hb-items hb-items--all"><li id="b" class="hb-item"><a href="#b">B</a> item</li></ul>\n'
              '<ul class="hb-items-other"><li>Left</li></ul>\n')
    page = SimpleNamespace()
    page.content = search.on_page_content(listed + html, page, config, None)
    assert "<ul><li>B item</li></ul>" in page.content and '<ul class="hb-items-other">' in page.content
    search.on_page_context({}, page, config, None)
    assert page.content == listed + written
    # a page whose own text holds the hook's mark: other marks are used, and it stays
    page = SimpleNamespace()
    own = "<p><!--hb-held0:0--> as written</p>\n"
    page.content = search.on_page_content(own + html, page, config, None)
    assert page.content.startswith(own) and "hb-credits" not in page.content
    search.on_page_context({}, page, config, None)
    assert page.content == own + written
    page = SimpleNamespace()
    assert search.on_page_content("<p>No foot</p>\n", page, config, None) == "<p>No foot</p>\n"
    # without Material's search plugin, nothing is held and the page is written as it is
    page.content = search.on_page_content(html, page, {"plugins": {}}, None)
    assert page.content == html
    search.on_page_context({}, page, {}, None)
    assert page.content == html
    # the handbook's own config has Material's search plugin on, and the hook puts the page
    # back only after the plugin has read it
    from mkdocs.config import load_config

    real = load_config(config_file=str(ROOT / "mkdocs.yml"))
    assert search._indexing(real)
    order = [getattr(handler, "__module__", "") or type(getattr(handler, "__self__", None)).__module__
             for handler in real.plugins.events["page_context"]]
    assert order.index("material.plugins.search.plugin") < order.index("macros/material/search.py")
