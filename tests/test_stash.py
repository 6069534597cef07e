"""macros.stash: the search index reads a checklist as it would read the checklist itself."""

from __future__ import annotations

import html
import json

import pytest
from material.plugins.search.plugin import Parser

from macros import render, stash
from macros.data import load
from tests.conftest import ROOT

HB = load(ROOT / "docs")


def sections(markup: str) -> list[tuple[str | None, str, str]]:
    """What Material's search plugin makes of some HTML: (id, title, text) per section."""
    parser = Parser()
    parser.feed(markup)
    parser.close()
    return [(s.id, "".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data]


def all_items_blocks() -> list[str]:
    blocks: list[str] = []
    render.all_items(HB, raw=lambda block, indexed: blocks.append(block) or "")
    return blocks


def test_search_reads_the_all_items_checklist_as_it_is():
    """For every block of the all-items page, the search plugin gets the same text from
    the rendition it parses as from the block the page shows."""
    blocks = all_items_blocks()
    assert blocks
    for block in blocks:
        searched = stash.for_search(block)
        assert searched is not None and len(searched) < len(block) / 2
        assert 'class="' not in searched and "<a " not in searched and "<span" not in searched
        assert sections(searched) == sections(block)


@pytest.mark.parametrize("block", [
    '<ul class="x">\n<li id="a">Say <a href="#b" title="x &gt; y">hello</a>, <em>world</em>'
    '<span class="m"> · <code class="c">a&lt;b</code> H<sub>2</sub>O</span></li>\n'
    '<li><label for="c"><input type="checkbox" id="c"> Tick <strong>me</strong></label><br>'
    '<P class="p">Para &amp; more</P><pre class="z">  keep   spacing\n  here</pre></li>\n</ul>',
    "<ol><li><a href='#'>single</a> <span>quotes</span> <span> </span> </li></ol>",
])
def test_search_rendition_keeps_what_the_index_keeps(block):
    """Any block: the same sections, tags and text; only a run of spaces that spans dropped
    tags may come out longer (the index collapses spaces between tags, not within text),
    which changes neither what search finds nor what a result shows."""
    searched = stash.for_search(block)
    assert searched is not None

    def spaced(found):
        return [(i, title, " ".join(text.split())) for i, title, text in found]

    assert spaced(sections(searched)) == spaced(sections(block))


@pytest.mark.parametrize("block", [
    '<ul><li>a</li></ul><h2 id="x">Heading</h2><p>b</p>',
    '<ul><li data-search-exclude="true">hidden</li><li>shown</li></ul>',
    "<div><script>var a = 1;</script><STYLE>p{}</STYLE></div>",
    '<div class="linenodiv"><pre>1</pre></div>',
])
def test_blocks_the_index_reads_differently_are_given_whole(block):
    """Headings start sections, and excluded or skipped elements hide their text: such a
    block goes to the search plugin unchanged."""
    assert stash.for_search(block) is None
    stash.start_build()
    placeholder = stash.keep(block)
    restored, _ids = stash.restore(placeholder, "page.md")
    assert block in restored and "hb-search:" not in restored


def test_written_page_has_the_block_and_the_index_has_its_text(site):
    """The page shows the full checklist (links, meta, permalinks); the index holds every
    item's text and the roles it is for."""
    page = site.html("checklist-items")
    assert "hb-search:" not in page and "hb-raw:" not in page
    for block in all_items_blocks():
        ids = [line.split('id="', 1)[1].split('"', 1)[0] for line in block.splitlines() if 'id="' in line]
        for item_id in ids:
            assert f'id="{item_id}"' in page
    assert page.count('class="hb-permalink"') >= len(HB.checklist)
    index = json.loads((site.root / "search/search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("checklist-items/"))
    for item in HB.checklist.values():
        assert html.escape(item.text, quote=False) in text, item.id
    assert "For everyone · from" in text


def test_a_page_answers_for_the_anchors_its_blocks_hold():
    """A page's anchors are those Markdown gave it plus every id in its kept blocks
    (attribute-escaped ids read back, data-* ids and text that looks like one ignored)."""
    blocks = ['<ul><li id="item-a" data-id="not-this">id="nor-this" a</li></ul>',
              '<li\nid="a&amp;b"><input id="check-a"></li>']
    anchors = stash.Anchors({"heading"}, blocks)
    assert "item-a" in anchors and "check-a" in anchors and "a&b" in anchors and "heading" in anchors
    assert "not-this" not in anchors and "nor-this" not in anchors and "missing" not in anchors
    assert sorted(anchors) == ["a&b", "check-a", "heading", "item-a"] and len(anchors) == 4
    assert sorted(stash.Anchors(None, blocks)) == ["a&b", "check-a", "item-a"]
    assert len(stash.Anchors({"x"}, blocks[:1])) == 2  # length counts the blocks' ids too
