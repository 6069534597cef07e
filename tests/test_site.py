"""The built site: pages, anchors, generated paths, escaping, credits, no third-party hosts."""

from __future__ import annotations

import re

import pytest
import yaml

from macros.data import load
from tests.conftest import ROOT, Site, mkdocs

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


def test_checklist_items_link_their_section_and_partner(site):
    """Each checklist item links the handbook section it comes from and the partner role."""
    html = site.html("induction/engineer")
    item = html[html.index('id="join-user-research"'):]
    item = item[: item.index("</li>")]
    assert 'href="../../cto-product-success/#user-centricity"' in item
    assert "With:" in item and 'href="../designer/"' in item


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
    match = re.search(r'<p class="hb-page-facts">\s*Last updated <time datetime="(\d{4}-\d\d-\d\d)">', html)
    assert match, "no last-updated line"
    assert "Owner: Chief Technology Officer (CTO)" in html and "Review by <time" in html
    assert 'class="hb-page-facts"' in site.html("induction/engineer")


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
    """Checklists skip Markdown (macros.stash), yet links to their items are still
    validated: a link to an item builds, a link to a missing item fails the build."""
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


def test_no_placeholder_is_left_in_any_page(site):
    """Every block a macro kept out of Markdown's way is back in the written page."""
    for page in site.pages():
        text = page.read_text(encoding="utf-8")
        assert "hb-raw:" not in text and "hb-search:" not in text, page
