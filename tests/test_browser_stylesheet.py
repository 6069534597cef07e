"""The cut stylesheet (macros/material/css.py, written by macros/material/hooks.py) styles every page exactly as Material's whole
stylesheet does: in a real Chromium, every element's computed style (and that of its
::before and ::after) is compared with both, on every page and with the search dialog
open on results."""

from __future__ import annotations

import hashlib
import re

import pytest

from tests.browser import search
from tests.test_browser_quality import PALETTES, set_palette, urls

pytestmark = pytest.mark.browser

# Every computed style of one element of each kind (tag and classes of the element and
# its ancestors, first or last child) not seen on an earlier page, with those of its
# ::before and ::after: {kind: style} (`hashed`: a digest of the style instead).
STYLES = """async ([seen, hashed, only]) => {
    await document.fonts.ready;  // and two frames: whatever Material's script lays out is done
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const done = new Set(seen);
    const kind = el => {
        const chain = [];
        for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
            chain.unshift(e.tagName.toLowerCase() + [...e.classList].sort().map(c => '.' + c).join(''));
        }
        return chain.join(' > ') + (el.previousElementSibling ? '' : ':first') + (el.nextElementSibling ? '' : ':last');
    };
    const digest = text => {  // FNV-1a, 32 bits
        let h = 0x811c9dc5;
        for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
        return (h >>> 0).toString(16) + ':' + text.length;
    };
    const styles = {};
    for (const el of document.querySelectorAll('*')) {
        const name = kind(el);
        if (done.has(name) || (only && !only.includes(name))) continue;
        done.add(name);
        const props = {};
        for (const pseudo of [null, '::before', '::after']) {
            const cs = getComputedStyle(el, pseudo);
            for (let i = 0; i < cs.length; i++) props[(pseudo || '') + cs[i]] = cs.getPropertyValue(cs[i]);
        }
        // (sorted: the order Chromium lists custom properties in is not the stylesheet's)
        styles[name] = hashed ? digest(Object.keys(props).sort().map(p => p + ':' + props[p]).join(';')) : props;
    }
    return styles;
}"""


def original_name(site) -> str:
    """Material's stylesheet as it ships, which the build keeps beside the cut one."""
    names = [p.name for p in (site.root / "assets" / "stylesheets").glob("main.*.min.css")]
    originals = [n for n in names if re.fullmatch(r"main\.[0-9a-f]+\.min\.css", n)]
    assert len(originals) == 1, names
    return originals[0]


def test_pages_link_a_smaller_stylesheet_named_for_its_content(site):
    """Every page, the 404 page included, links the cut stylesheet; it is a real cut
    (under 80 % of Material's size), named apart from the original by the digest of its
    own content (so its name changes exactly when it does)."""
    original = original_name(site)
    folder = site.root / "assets" / "stylesheets"
    cut = [p.name for p in folder.glob("main.*.min.css") if p.name != original]
    assert len(cut) == 1, cut
    digest = hashlib.sha256((folder / cut[0]).read_bytes()).hexdigest()[:8]
    assert cut[0] == original.replace(".min.css", f".{digest}.min.css")
    for page in [*site.pages(), site.root / "404.html"]:
        html = page.read_text(encoding="utf-8")
        assert f"stylesheets/{cut[0]}" in html and f"stylesheets/{original}" not in html, page
    assert (folder / cut[0]).stat().st_size < 0.8 * (folder / original).stat().st_size


def differences(cut, whole, seen: set[str]) -> list[str]:
    """Where the two pages, showing the same thing, are styled apart (at most 10 places)."""
    hashes = [page.evaluate(STYLES, [sorted(seen), True, None]) for page in (cut, whole)]
    apart = sorted(name for name in hashes[0].keys() | hashes[1].keys() if hashes[0].get(name) != hashes[1].get(name))
    seen.update(hashes[0])
    if not apart:
        return []
    mine, theirs = (page.evaluate(STYLES, [[], False, apart[:10]]) for page in (cut, whole))
    found = []
    for name in apart[:10]:
        if name not in hashes[0] or name not in hashes[1]:
            found.append(f"{name}: only on the page with the {'cut' if name in hashes[0] else 'whole'} stylesheet")
            continue
        a, b = mine.get(name, {}), theirs.get(name, {})
        props = [p for p in sorted(a.keys() | b.keys()) if a.get(p) != b.get(p)]
        found.append(f"{name}: " + "; ".join(f"{p} is {a.get(p)!r} cut, {b.get(p)!r} whole" for p in props[:4]))
    return found


def test_cut_stylesheet_styles_every_page_as_the_whole_one(browser, server, site):
    """Each page is opened twice: as built, and with Material's whole stylesheet served
    in place of the cut one; every kind of element must come out styled the same.

    One palette is enough: the cut keeps or drops a rule by the classes it needs, never
    by the palette attributes, so a dark-palette rule goes only with the light one for
    the same classes."""
    palette = "light"
    original = (site.root / "assets" / "stylesheets" / original_name(site)).read_bytes()
    context = browser.new_context(color_scheme="light")
    cut, whole = context.new_page(), context.new_page()
    whole.route(re.compile(r".*/stylesheets/main\.[0-9a-f]+\.[0-9a-f]+\.min\.css$"),
                lambda route: route.fulfill(body=original, content_type="text/css"))
    seen: set[str] = set()
    failures = []

    def both(action) -> None:
        for page in (cut, whole):
            action(page)
            set_palette(page, PALETTES[palette])

    for url in [*urls(site), "404.html"]:
        both(lambda page, url=url: page.goto(server.url + url))
        failures += [f"/{url} [{palette}] {d}" for d in differences(cut, whole, seen)]

    def with_results(page) -> None:  # what script draws: the search dialog with results
        page.goto(server.url)
        search(page, "partner")

    both(with_results)
    failures += [f"/ with search results [{palette}] {d}" for d in differences(cut, whole, seen)]
    context.close()
    assert len(seen) > 300, f"only {len(seen)} kinds of element compared"
    assert not failures, "styled differently by the cut stylesheet:\n" + "\n".join(failures)
