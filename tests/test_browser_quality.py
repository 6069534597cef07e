"""Every built page in a real Chromium: WCAG 2.1 AA with axe-core in both palettes,
and no request to any host but the site's own."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import search

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
PALETTES = {"light": "default", "dark": "slate"}
# each scheme's colours, as mkdocs.yml sets them and Material writes them on <body>
COLOURS = {"default": ("indigo", "indigo"), "slate": ("indigo", "light-blue")}


def urls(site) -> list[str]:
    return [("" if p.parent == site.root else p.parent.relative_to(site.root).as_posix() + "/")
            for p in site.pages()]


def run_axe(page) -> list[dict]:
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.split('\\n')[1]),
            }));
        }"""
    )


# Colours are read once they are settled: with transitions and animations off, a style
# change takes effect in the next frame instead of easing in over a few hundred ms.
SETTLED = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def set_palette(page, scheme: str) -> None:
    """Switch Material's palette the way its toggle does, and wait for the next frames."""
    page.add_style_tag(content=SETTLED)
    page.evaluate(
        """([scheme, primary, accent]) => new Promise(done => {
            document.body.setAttribute('data-md-color-scheme', scheme);
            document.body.setAttribute('data-md-color-primary', primary);
            document.body.setAttribute('data-md-color-accent', accent);
            requestAnimationFrame(() => requestAnimationFrame(done));
        })""",
        [scheme, *COLOURS[scheme]],
    )


@pytest.mark.parametrize("palette", PALETTES)
def test_every_page_passes_axe(browser, server, site, palette):
    """axe-core finds no WCAG 2.1 A/AA violation on any page, light and dark."""
    assert AXE.is_file(), f"{AXE} is missing: run ./.ci/test (it installs axe-core from npm)"
    context = browser.new_context(color_scheme="dark" if palette == "dark" else "light")
    page = context.new_page()
    failures = []
    for url in urls(site):
        page.goto(server.url + url)
        set_palette(page, PALETTES[palette])
        page.add_script_tag(path=str(AXE))
        for v in run_axe(page):
            failures.append(f"/{url} [{palette}] {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]))
    context.close()
    assert not failures, f"{len(failures)} accessibility violations:\n" + "\n".join(failures)


def test_no_page_requests_another_host(browser, server, site):
    """Loading every page (scripts, styles, images, fonts, search) asks only the site's own host."""
    host = urlparse(server.url).netloc
    context = browser.new_context()
    foreign: list[str] = []
    context.on("request", lambda req: foreign.append(req.url)
               if urlparse(req.url).scheme in ("http", "https", "ws", "wss") and urlparse(req.url).netloc != host
               else None)
    page = context.new_page()
    for url in urls(site):
        page.goto(server.url + url, wait_until="networkidle")
    # the search worker loads its index on first use
    page.goto(server.url)
    page.keyboard.press("/")
    page.keyboard.type("partner")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    context.close()
    assert not foreign, "requests to other hosts:\n" + "\n".join(sorted(set(foreign)))


def test_search_loads_only_when_someone_searches(browser, server):
    """A first visit downloads neither the search index nor the search worker; opening search
    loads both, and finds results."""
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda req: requested.append(urlparse(req.url).path))
    page = context.new_page()
    page.goto(f"{server.url}induction/engineer/", wait_until="networkidle")
    # Material has asked for the index, and it is being held back
    page.wait_for_selector("html[data-hb-search=held]", state="attached")
    assert "/search/search_index.json" not in requested
    assert not [p for p in requested if "/workers/search." in p]
    assert any("/javascripts/bundle." in p for p in requested)  # Material itself did load
    search(page, "feature factory")
    assert "/search/search_index.json" in requested
    assert [p for p in requested if "/workers/search." in p]
    assert "Feature factory" in page.locator(".md-search-result").inner_text()
    context.close()


def test_search_loads_only_when_someone_searches_on_zensical(browser, engines):
    """On Zensical too (its index is search.json, and its bundle listens to the worker
    through onmessage): nothing of search is fetched on a first visit, and searching finds."""
    from tests.browser import StaticServer

    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda req: requested.append(urlparse(req.url).path))
    page = context.new_page()
    with StaticServer(engines["zensical"].root) as srv:
        page.goto(f"{srv.url}induction/engineer/", wait_until="networkidle")
        page.wait_for_selector("html[data-hb-search=held]", state="attached")
        assert not [p for p in requested if p.endswith("/search.json") or "/workers/search." in p]
        page.click(".md-search__button")  # Zensical's search box lives in a shadow root
        page.get_by_role("combobox", name="Search").fill("feature factory")
        page.locator("[id$='-results']").get_by_text("Feature factory").first.wait_for(timeout=10_000)
        assert "/search.json" in requested and [p for p in requested if "/workers/search." in p]
    context.close()


def test_search_works_after_moving_between_pages(browser, server):
    """With instant navigation the page is swapped in place; search, started or not, keeps working."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server.url}induction/engineer/", wait_until="networkidle")
    page.locator(".md-sidebar--primary a[href$='partnership-model/']").first.click()
    page.wait_for_url("**/partnership-model/")
    search(page, "feature factory")
    page.keyboard.press("Escape")
    page.locator(".md-sidebar--primary a[href$='glossary/']").first.click()
    page.wait_for_url("**/glossary/")
    search(page, "outcomes")
    assert "outcome" in page.locator(".md-search-result").inner_text().lower()
    context.close()


def test_a_search_link_opens_with_results(browser, server):
    """A shared link with ?q= loads the index straight away and shows matches."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server.url}?q=showcase")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert page.locator(".md-search-result__item").count() >= 1
    context.close()


def test_a_search_result_opens_with_its_words_highlighted(browser, server):
    """Material marks the searched words on the page a result opens (search.highlight): a
    page opened with ?h= asks for the index straight away, and after clicking a result the
    words are marked too."""
    context = browser.new_context()
    page = context.new_page()
    marked = "document.querySelectorAll('article mark[data-md-highlight]').length"
    page.goto(f"{server.url}insights/?h=home+away")
    page.wait_for_function(f"{marked} > 0", timeout=10_000)
    assert page.evaluate("document.querySelector('article mark[data-md-highlight]').textContent.toLowerCase()") \
        in ("home", "away")
    page.goto(f"{server.url}induction/engineer/")
    search(page, "feature factory")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url("**?h=feature+factory")
    page.wait_for_function(f"{marked} > 0", timeout=10_000)
    context.close()
