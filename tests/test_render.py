"""The render layer alone: plain functions from records to HTML, no MkDocs."""

from __future__ import annotations

import dataclasses
import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from macros import render
from macros.data import load
from macros.model import ChecklistItem
from tests.conftest import ROOT

HB = load(ROOT / "docs")


def test_text_escapes_html_and_markdown():
    """Data text cannot inject markup: HTML is escaped and Markdown syntax neutralised."""
    assert render.text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert render.text("*bold* [link](x) `code`") == r"\*bold\* \[link\](x) \`code\`"
    assert render.attr('say "hi"') == "say &quot;hi&quot;"


def test_checklist_groups_items_by_stage_with_anchors():
    """A role's checklist holds exactly its items, each with its id as anchor, in stage order."""
    out = render.checklist(HB, "engineer")
    expected = [i.id for i in HB.checklist.values() if "engineer" in i.roles]
    for item_id in expected:
        assert f'id="{item_id}"' in out and f'data-item="{item_id}"' in out
    others = [i.id for i in HB.checklist.values() if "engineer" not in i.roles]
    assert not any(f'id="{item_id}"' in out for item_id in others)
    stages = [s for s in ("before-day-one", "first-week", "first-30-days", "first-60-days",
                          "first-90-days", "ongoing") if f'id="engineer-{s}"' in out]
    positions = [out.index(f'id="engineer-{s}"') for s in stages]
    assert positions == sorted(positions) and len(stages) >= 4


def test_checklist_item_text_is_escaped():
    """A <script> in an item's text shows as text in the rendered checklist."""
    item = next(iter(HB.checklist.values()))
    evil = ChecklistItem(**{**item.model_dump(), "text": "<script>alert('x')</script>"})
    hb = dataclasses.replace(HB, checklist={**HB.checklist, item.id: evil})
    out = render.checklist(hb, item.roles[0])
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out


def test_cascade_draws_every_role_and_every_pair():
    """The diagram has a box for every role and a line for every same-level pair."""
    svg = render.cascade_svg(HB)
    for role in HB.roles.values():
        assert f"<title>{render.attr(role.name)}</title>" in svg
    assert svg.count('class="hb-svg-pair"') == 4  # CTO-CPO, heads, EM-PM, tech lead-designer
    assert 'role="img"' in svg and "<desc" in svg


def test_credits_name_each_source_once_with_its_ids():
    """The Sources note groups the carried ids under the source that feeds them."""
    out = render.credits(HB, ["RR-T1", "PM-3", "RR-0", "PM-10"], "../sources/")
    assert 'data-carries="PM-3 PM-10 RR-0 RR-T1"' in out
    assert out.count('href="../sources/#meetup-post"') == 1
    assert out.count('href="../sources/#special-relationship"') == 1
    assert "(PM-3, PM-10)" in out and "(RR-0, RR-T1)" in out
    assert render.credits(HB, [], "../sources/") == ""


def test_rights_pair_each_responsibility_with_its_right():
    """Each right is rendered inside the same block as its responsibility."""
    out = render.rights(HB, "product")
    for pair in (p for p in HB.rights.values() if p.team == "product"):
        block = out[out.index(f'id="{pair.id}"'):]
        block = block[: block.index("</div>\n</div>")]
        assert render.text(pair.responsibility) in block and render.text(pair.right) in block


def test_link_terms_links_first_prose_use_only():
    """A glossary term is linked once, at its first use in prose, never inside links, headings or code."""
    terms = [("feature factory", "feature-factory", "A company that counts features."),
             ("XP", "xp", "Extreme Programming <practices>")]
    html = ('<h2 id="x">The feature factory</h2><p>A <a href="#">feature factory</a> link, '
            '<code>feature factory</code>, then a Feature Factory and another feature factory. '
            'Pair on XP; not XPath.</p>')
    out = render.link_terms(html, terms, "../glossary/")
    assert out.count('class="hb-term"') == 2
    assert '<h2 id="x">The feature factory</h2>' in out
    assert '<code>feature factory</code>' in out
    assert ('<a class="hb-term" href="../glossary/#feature-factory" title="A company that counts features.">'
            'Feature Factory</a> and another feature factory.') in out
    assert 'title="Extreme Programming &lt;practices&gt;">XP</a>; not XPath.' in out


def test_link_terms_respects_no_glossary_regions():
    """Nothing is linked inside an element marked data-no-glossary, however deeply nested."""
    terms = [("CPTO", "cpto", "Both roles in one.")]
    html = '<p><span data-no-glossary="true">For <span class="hb-tag">CPTO</span> and CPTO</span> then CPTO.</p>'
    out = render.link_terms(html, terms, "g/")
    assert out.count('class="hb-term"') == 1
    assert 'and CPTO</span> then <a class="hb-term" href="g/#cpto" title="Both roles in one.">CPTO</a>.' in out


def test_link_terms_finds_a_use_after_text_that_changes_length_in_lower_case():
    """Prose is searched in lower case; a character that lower-cases to two ('İ') must not
    shift where the link goes. A phrase inside a tag's attribute is not a use."""
    terms = [("CPTO", "cpto", "Both roles in one."), ("tech debt", "tech-debt", "Work put off.")]
    html = '<p title="cpto and tech debt">İİ İstanbul: the CPTO owns Tech Debt.</p>'
    out = render.link_terms(html, terms, "g/")
    assert out == ('<p title="cpto and tech debt">İİ İstanbul: the '
                   '<a class="hb-term" href="g/#cpto" title="Both roles in one.">CPTO</a> owns '
                   '<a class="hb-term" href="g/#tech-debt" title="Work put off.">Tech Debt</a>.</p>')


def plain_link_terms(html_text: str, terms: list[tuple[str, str, str]], href: str) -> str:
    """What link_terms does, done the plain way: every piece of text between tags,
    in order, searched with one pattern; the state of the walk kept tag by tag."""
    by_phrase = {phrase.lower(): (anchor, definition) for phrase, anchor, definition in terms}
    alternatives = "|".join(re.escape(p) for p in sorted(by_phrase, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    done: set[str] = set()

    def link_text(part: str) -> str:
        low, out, last = render._lower(part), [], 0
        for match in pattern.finditer(low):
            anchor, definition = by_phrase[match.group()]
            if anchor not in done:
                done.add(anchor)
                out += [part[last:match.start()], f'<a class="hb-term" href="{render.attr(href)}#{render.attr(anchor)}" '
                        f'title="{render.attr(definition)}">{part[match.start():match.end()]}</a>']
                last = match.end()
        return "".join(out) + part[last:]

    out, skipping = [], []
    for n, part in enumerate(re.split(r"(<[^>]+>)", html_text)):
        tag = re.match(r"<\s*(/?)\s*([a-zA-Z0-9]+)", part) if n % 2 else None  # odd parts are tags
        if tag:
            closing, name = tag.group(1), tag.group(2).lower()
            if closing and name in skipping:
                del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
            elif (not closing and name not in render._VOID and not part.endswith("/>")
                  and (skipping or name in render._SKIP_TAGS or "data-no-glossary" in part)):
                skipping.append(name)
            out.append(part)
        else:
            out.append(part if skipping or n % 2 else link_text(part))
    return "".join(out)


_PIECES = ["<p>", "</p>", "<h2 id=\"x\">", "</h2>", '<a href="#">', "</a>", "<code>", "</code>", "<br>", "<img/>",
           '<span data-no-glossary="true">', "<span>", "</span>", '<p title="tech debt and CPTO">', "<>", "< p>",
           "tech debt", "Tech Debt", "tech-debt", "CPTO", "cpto's", "XP", "xpath", "debt", "the ", ", ", " and ",
           "Extreme Programming (XP)", "feature factory", "Feature  factory", "İ"]
_TERMS = [("tech debt", "tech-debt", "Work put off"), ("debt", "debt", "What is owed"), ("CPTO", "cpto", "Both"),
          ("XP", "xp", "Extreme Programming"), ("Extreme Programming (XP)", "xp", "The practice"),
          ("feature factory", "feature-factory", "Counts features")]


@settings(max_examples=int(os.environ.get("HANDBOOK_FUZZ_EXAMPLES", "1500")), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_link_terms_links_what_a_plain_walk_links(pieces):
    """Passing over text no term can be used in changes nothing: any mix of tags,
    skipped elements, attributes and uses gives what a plain walk gives."""
    html = "".join(pieces)
    assert render.link_terms(html, _TERMS, "g/") == plain_link_terms(html, _TERMS, "g/")
