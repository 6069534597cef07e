"""The built site: pages, anchors, generated paths, escaping, credits, no third-party hosts."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
import yaml

from macros.core.load import load
from tests.conftest import ROOT, Site, build, mkdocs

HB = load(ROOT / "docs")
PAGES = ["", "induction", "partnership-model", "rights-and-responsibilities", "cto-product-success",
         "leading-together", "insights", "playbooks", "reading-list", "glossary", "sources", "roles",
         "self-checks", "tags", "changelog", "contributing"]


@pytest.mark.parametrize("url", PAGES)
def test_page_is_built(site, url):
    """Every page in the nav is in the build, with a title and a description."""
    html = site.html(url)
    assert re.search(r"<title>[^<]+</title>", html)
    assert re.search(r'<meta name="description" content="[^"]{40,}"', html)


def test_every_role_has_a_path_with_exactly_its_items(site):
    """One generated induction page per role, holding exactly the checklist items the data assigns."""
    for role_id in HB.roles:
        html = site.html(f"induction/{role_id}")
        shown = re.findall(r'<li class="hb-item hb-anchor"[^>]*\sid="([^"]+)"', html)
        assigned = [i.id for i in HB.checklist.values() if role_id in i.roles]
        assert sorted(shown) == sorted(assigned), role_id
        assert len(shown) == len(set(shown))
        assert f'data-checklist="induction/{role_id}"' in html


def test_start_here_links_every_role(site):
    """The role grid on Start here links every role's path."""
    html = site.html("induction")
    for role_id in HB.roles:
        assert f'href="{role_id}/"' in html, role_id


def test_linkable_items_have_anchors(site):
    """Rights, modules, readings, glossary terms and sources each carry their id as an anchor."""
    assert set(HB.rights) <= site.ids("rights-and-responsibilities")
    assert set(HB.modules) <= site.ids("cto-product-success")
    assert set(HB.readings) <= site.ids("reading-list")
    assert set(HB.glossary) <= site.ids("glossary")
    assert set(HB.sources) <= site.ids("sources")


class _Linkable(HTMLParser):
    """Each linkable item of a page (an element marked hb-anchor, apart from the empty
    anchors of former ids) with the '#' links inside it: (id, [(href, aria-label)])."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, int]] = []  # (id, depth) of the items being read
        self.depth, self.items = 0, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and (attrs.get("href") or "").startswith("#"):
            for anchor, _ in self.open:
                self.items[anchor].append((attrs["href"], attrs.get("aria-label") or attrs.get("title"),
                                           attrs.get("class") or ""))
        if tag in ("br", "input", "img", "hr", "meta", "link", "wbr", "source"):
            return  # (void: no end tag comes)
        self.depth += 1
        classes = (attrs.get("class") or "").split()
        if "hb-anchor" in classes and "hb-formerly" not in classes and attrs.get("id"):
            self.open.append((attrs["id"], self.depth))
            self.items[attrs["id"]] = []

    def handle_endtag(self, tag):
        if tag in ("br", "input", "img", "hr", "meta", "link", "wbr", "source"):
            return
        if self.open and self.open[-1][1] == self.depth:
            self.open.pop()
        self.depth -= 1


def test_every_linkable_item_shows_its_link(site):
    """Everything a manager may link one item of (checklist items, rights, self-check
    questions, glossary terms, readings, sources, role cards, the self-checks index, the
    check-ins of Run an induction) carries a visible '#' link to its own anchor, named
    for screen readers by what it links to, so its address can be copied without
    reading the page's source."""
    kinds = set()
    for path in site.pages():
        html = path.read_text(encoding="utf-8")
        if '<article class="md-content__inner md-typeset">' not in html:
            continue
        parser = _Linkable()
        parser.feed(Site.article(html))
        for anchor, links in parser.items.items():
            own = [(label, cls) for href, label, cls in links if href == f"#{anchor}"]
            where = f"{path.parent.relative_to(site.root)}#{anchor}"
            assert own, f"{where}: no '#' link to the item"
            label, cls = own[0]
            assert "hb-permalink" in cls.split() and label and label.startswith("Link to "), (where, label)
        kinds.update(re.findall(r'<(\w+) class="([^"]*hb-anchor[^"]*)"', Site.article(html)))
    # every kind of item listed above is among those checked
    classes = {cls for _tag, cls in kinds}
    for needed in ("hb-item hb-anchor", "hb-pair hb-anchor", "question hb-selfcheck hb-anchor", "hb-source hb-anchor",
                   "hb-role-card hb-anchor"):
        assert needed in classes, needed
    assert {"dt", "td", "li", "details", "div"} <= {tag for tag, _cls in kinds}


def test_the_anchors_the_data_load_expects_are_on_their_pages(site):
    """The data load knows which anchors each page gets from the data (to check that a
    reference's anchor is on its page, and that no anchor is written twice): each of
    them is an id on that page in the built site, once."""
    assert len(HB.anchors) > 20
    for page, anchors in HB.anchors.items():
        url = "" if page == "index.md" else page.removesuffix(".md").removesuffix("/index") + "/"
        html = site.html(url)
        written = re.findall(r'\sid="([^"]+)"', html)
        assert anchors <= set(written), (page, sorted(anchors - set(written))[:5])
        assert not [a for a in anchors if written.count(a) > 1], page


def _item(html: str, item_id: str) -> str:
    item = html[html.index(f'id="{item_id}"'):]
    return item[: item.index("</li>")]


def test_checklist_items_link_their_section_and_partner_only_where_involved(project, tmp_path):
    """Each checklist item links the handbook section it comes from; the roles an action
    is done with ('with') are named and linked on that item only."""
    path = project / "docs/data/checklist.yml"
    items = yaml.safe_load(path.read_text())
    item = next(i for i in items if i["id"] == "join-user-research")
    item["with"] = ["designer"]
    other = next(i for i in items if "engineer" in i["roles"] and i["id"] != "join-user-research")
    other.pop("with", None)
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True))
    out = tmp_path / "out"
    result = mkdocs(project, out)
    assert result.returncode == 0, result.stderr
    html = Site(out).html("induction/engineer")
    item_html = _item(html, "join-user-research")
    assert 'href="../../cto-product-success/#user-centricity"' in item_html
    assert 'With: <a href="../designer/">Designer</a>' in item_html
    assert "With:" not in _item(html, other["id"])
    assert 'with <a href="../induction/designer/">Designer</a>' in _item(Site(out).html("checklist-items"),
                                                                      "join-user-research")


def test_content_pages_credit_their_sources(site):
    """Pages that draw on the sources end with a Sources note linking the Sources page."""
    for url in ["partnership-model", "rights-and-responsibilities", "cto-product-success", "leading-together",
                "insights", "playbooks/start-the-partnership", "induction/cto", "reading-list"]:
        article = Site.article(site.html(url))
        assert 'class="hb-credits"' in article, url
        assert re.search(r'href="[./]*sources/#[a-z-]+"', article), url


def test_no_request_to_another_host(site):
    """No script, stylesheet, font, image or frame is loaded from another host."""
    for page in site.pages():
        html = page.read_text(encoding="utf-8")
        for tag, url in re.findall(r"<(script|link|img|iframe|source|video|audio)\b[^>]*?(?:src|href)=\"([^\"]+)\"", html):
            if tag == "link" and re.search(r'rel="(canonical|prev|next|alternate)"', html[html.find(url) - 200: html.find(url)]):
                continue
            assert not re.match(r"(https?:)?//", url), f"{page}: <{tag}> loads {url}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_data_text_is_escaped_in_the_built_page(project, tmp_path):
    """A <script> in a YAML field shows as text on the page and never runs."""
    path = project / "docs/data/checklist.yml"
    items = yaml.safe_load(path.read_text())
    items[0]["text"] = "Beware <script>alert('owned')</script> & *stars*"
    path.write_text(yaml.safe_dump(items, sort_keys=False))
    out = tmp_path / "out"
    result = mkdocs(project, out)
    assert result.returncode == 0, result.stderr
    html = Site(out).html("induction/engineer")
    assert "<script>alert(" not in html
    assert "Beware &lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt; &amp; *stars*" in html


def test_pages_show_owner_review_date_and_last_update(site):
    """Each page shows when it last changed (from git), its owner role and its review-by date."""
    html = site.html("partnership-model")
    match = re.search(r'<p class="hb-page-facts"[^>]*>\s*Last updated <time datetime="(\d{4}-\d\d-\d\d)">', html)
    assert match, "no last-updated line"
    assert "Owner: Chief Technology Officer (CTO)" in html and "Review by <time" in html
    assert 'class="hb-page-facts"' in site.html("induction/engineer")


def test_search_finds_a_page_by_its_text_not_by_what_every_page_has(site):
    """The facts line, the 'Suggest a change' links and the Sources note are on every page:
    the search index holds none of them (a search for 'owner' or 'suggest' finds the pages
    that talk about it), while the page's own text is there."""
    docs = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for phrase in ("Last updated", "Review by", "Suggest a change on GitHub", "Written in our own words from"):
        assert not [d["location"] for d in docs if phrase in d["text"]], phrase
    assert any("partner" in d["text"] for d in docs if d["location"].startswith("partnership-model/"))


def test_glossary_terms_are_linked_where_used(site):
    """Pages link a glossary term's first use to its definition."""
    assert 'class="hb-term" href="../glossary/#feature-factory"' in site.html("rights-and-responsibilities")
    assert 'class="hb-term" href="../glossary/#home-and-away-teams"' in site.html("insights")
    assert 'class="hb-term"' not in site.html("glossary")


def test_checklists_carry_no_glossary_links(site):
    """Checklist items are data, not prose: the same item reads the same on every page,
    with no glossary link (a link inside a checkbox label would tick the box), while the
    prose around them keeps its links."""
    for page in ("checklist-items", "induction/engineer", "induction/cto"):
        html = site.html(page)
        lists = re.findall(r'<ul class="hb-items.*?</ul>', html, re.S)
        assert lists and all("<li" in block for block in lists), page
        assert not [block for block in lists if 'class="hb-term"' in block], page
    item = re.search(r'<li class="hb-anchor" id="learn-the-planning-rhythm">(.*?)<span', site.html("checklist-items"))
    assert item and item.group(1) == ("Attend one planning session and one showcase, and write down "
                                      "who was missing from the room.")
    assert 'class="hb-term"' in site.html("partnership-model")


def test_contributing_example_item_appears_on_the_path(project, tmp_path):
    """Following CONTRIBUTING.md's example puts the new item on the engineer's path."""
    guide = (project / "CONTRIBUTING.md").read_text()
    snippet = guide.split("## Add a checklist item", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    [example] = yaml.safe_load(snippet)
    path = project / "docs/data/checklist.yml"
    path.write_text(path.read_text() + "\n" + snippet)
    out = tmp_path / "out"
    result = mkdocs(project, out)
    assert result.returncode == 0, result.stderr
    html = Site(out).html("induction/engineer")
    assert f'id="{example["id"]}"' in html and example["text"] in html
    stage = html.index('id="engineer-first-30-days"')
    assert stage < html.index(f'id="{example["id"]}"') < html.index('id="engineer-first-60-days"')


def test_links_to_checklist_items_are_checked(project, tmp_path):
    """Checklists are plain HTML, yet links to their items are validated: a link to an
    item builds, a link to a missing item fails the build."""
    item = next(iter(HB.checklist))
    page = project / "docs/insights.md"
    original = page.read_text()
    page.write_text(original + f"\nSee [an item](checklist-items.md#{item}) and "
                               f"[on a path](induction/engineer.md#{HB.by_role['engineer'][0].id}).\n")
    assert mkdocs(project, tmp_path / "ok").returncode == 0
    page.write_text(original + "\nSee [an item](checklist-items.md#no-such-item).\n")
    result = mkdocs(project, tmp_path / "bad")
    assert result.returncode != 0
    assert "contains a link 'checklist-items.md#no-such-item', but the doc 'checklist-items.md' " \
           "does not contain an anchor '#no-such-item'" in result.stderr


def test_no_mark_is_left_in_any_page(site):
    """The marks macros leave for the page's Markdown extension are gone from every written page."""
    for page in site.pages():
        text = page.read_text(encoding="utf-8")
        assert "hb-shows" not in text, page


def test_a_page_past_its_review_date_says_so_at_its_top(project, tmp_path):
    """With 'today' after a page's review-by date, the page opens with a notice naming its
    owner and the date it was due; the Page reviews page lists it as overdue."""
    page = project / "docs/insights.md"
    page.write_text(page.read_text().replace("review_by: 2027-05-31", "review_by: 2027-01-15", 1))
    out = tmp_path / "out"
    result = build(project, out, env={"HANDBOOK_TODAY": "2027-02-01"})
    assert result.returncode == 0, result.stderr
    article = Site.article(Site(out).html("insights"))
    notice = re.search(r'<div class="admonition warning hb-stale" role="note"[^>]*>(.*?)</div>', article, re.S)
    assert notice and article.index("<h1") < notice.start() < article.index("<h2")
    assert "Chief Product Officer (CPO)" in notice.group(1) and '<time datetime="2027-01-15">' in notice.group(1)
    assert "hb-stale" not in Site(out).html("partnership-model")
    reviews = Site.article(Site(out).html("page-reviews"))
    overdue = reviews[reviews.index('id="overdue"'): reviews.index('id="due-soon"')]
    assert 'href="../insights/"' in overdue and '<td style="text-align: right;">17</td>' in overdue
    assert "2027-01-15" in overdue and "No page is past" not in overdue


def test_the_changelog_lists_what_each_version_added_and_retired(site):
    """Generated from the data: what the data holds that the last release did not."""
    log = Site.article(site.html("changelog"))
    assert 'id="unreleased"' in log and 'id="v1-0"' in log
    released = yaml.safe_load((ROOT / "docs/data/releases.yml").read_text())[-1]["checklist"]
    added = [i for i in HB.checklist if i not in released]
    retired = [t for i, t in released.items() if i not in HB.checklist]
    unreleased = log[log.index('id="unreleased"'):log.index('id="v')]
    if added or retired:
        assert all(f'href="../checklist-items/#{i}"' in unreleased for i in added)
        assert all(f"Retired: {t}" in unreleased for t in retired)
    else:  # right after a release
        assert "Nothing yet" in unreleased


def test_a_wrong_tracker_setting_is_a_clear_error(project, tmp_path):
    """A tracker set to something that is not owner/repository stops the build with one line."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("github: partnership-handbook/handbook", "github: not a repo"))
    result = build(project, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    errors = [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == ["mkdocs.yml: extra.handbook.github: expected owner/repository, got 'not a repo'",
                      "The handbook data has 1 problem(s), listed above; fix them and build again."], errors


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_a_wrong_tracker_setting_and_bad_data_are_both_reported(project, tmp_path, engine):
    """A wrong setting in mkdocs.yml does not wait for the data to be fixed: both in one run."""
    from tests.conftest import zensical

    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("github: partnership-handbook/handbook", "githib: o/r"))
    roles = project / "docs/data/roles.yml"
    roles.write_text(roles.read_text().replace("level: 1", "level: 9", 1))
    result = zensical(project) if engine == "zensical" else build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    errors = [line.split("-  ", 1)[1] for line in output.splitlines() if line.startswith("ERROR")]
    assert errors[0].startswith("mkdocs.yml: extra.handbook.githib: unknown setting"), errors
    assert any(e.startswith("docs/data/roles.yml: item 'cto' (#1), field 'level'") for e in errors), errors
    assert errors[-1].startswith(f"The handbook data has {len(errors) - 1} problem(s)"), errors


def test_a_misspelt_tracker_setting_is_an_error():
    """A setting under extra.handbook the handbook does not read (which would quietly
    leave out every issue link) is named, as is a host set for no repository."""
    from macros.core.trackers import trackers

    found, problems = trackers({"handbook": {"gihub": "o/r", "gitlab_url": "https://git.example.org"}})
    assert found == []
    assert problems == [
        "mkdocs.yml: extra.handbook.gihub: unknown setting; expected one of: github, gitlab, github_url, gitlab_url",
        "mkdocs.yml: extra.handbook.gitlab_url: set without extra.handbook.gitlab (the GitLab repository its "
        "issues go to)",
    ]


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_the_not_found_page_says_why_and_where_to_go(engines, engine):
    """A reader who followed an old or mistyped link learns why and gets links that work,
    from any depth (the host serves 404.html at the missing address): the start page, the
    induction paths and the changelog, as site paths."""
    root = engines[engine].root
    page = Site.article((root / "404.html").read_text(encoding="utf-8"))
    assert "<h1>Page not found</h1>" in page and "moved or been retired" in page
    links = re.findall(r'<a href="([^"]*)">', page)
    assert links == ["/", "/induction/", "/changelog/"]
    assert all((root / link.lstrip("/") / "index.html").is_file() for link in links)

