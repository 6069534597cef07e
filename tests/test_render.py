"""The core alone: records to Markdown/HTML, URLs, glossary links. No site build."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import os
import posixpath
import re
from xml.etree import ElementTree as ET

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.core import urls
from macros.core.load import load
from macros.core.model import ChecklistItem
from macros.core.render import cascade, checklists, credits, glossary_links, rights, text
from macros.core.urls import Where
from tests.conftest import ROOT, TextOf

HB = load(ROOT / "docs")
ENGINE_PACKAGES = ("mkdocs", "material", "mkdocs_macros", "zensical", "properdocs")
EXAMPLES = int(os.environ.get("HANDBOOK_FUZZ_EXAMPLES", "300"))


def test_the_core_imports_no_engine():
    """Nothing under macros/core imports a site generator, its theme or its macros plugin."""
    found = []
    for path in sorted((ROOT / "macros" / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in ENGINE_PACKAGES]
    assert not found


_MUTATORS = {"append", "extend", "update", "clear", "pop", "popitem", "setdefault", "add", "remove", "discard",
             "insert", "__setitem__"}


def test_the_core_keeps_no_state_but_keyed_caches():
    """No module of the core changes a module-level value at run time, except the caches
    keyed by what they were made from (load: the data files' signature; history: the commit)."""
    allowed = {"macros/core/load.py": {"_CACHE"}, "macros/core/history.py": {"_DATES", "_GIT_DIRS"}}
    for path in sorted((ROOT / "macros" / "core").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_names = {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                        for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                        if isinstance(t, ast.Name)}
        changed = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS \
                    and isinstance(node.func.value, ast.Name):
                changed.add(node.func.value.id)
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                for target in getattr(node, "targets", None) or [getattr(node, "target", None)]:
                    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                        changed.add(target.value.id)
            if isinstance(node, ast.Global):
                changed.update(node.names)
        state = (changed & module_names) - allowed.get(rel, set())
        assert not state, f"{rel}: module state changed at run time: {sorted(state)}"


# --- escaping ------------------------------------------------------------------

def shown(md_text: str) -> str:
    """What a reader sees of a line of Markdown, rendered the way the site renders it."""
    out = markdown.markdown(md_text, extensions=["tables", "attr_list", "md_in_html"])
    return TextOf.of(out)  # (the parser turns character references into the characters)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_data_text_renders_exactly_as_written(value):
    """Any data string, however full of Markdown or HTML syntax, shows as written (line
    breaks and the spaces around them collapsed; a no-break space kept) and adds no element:
    in a paragraph, a list item and a heading."""
    plain = re.sub(r"[ \t\r\n\f\v\x85\u2028\u2029]+", " ", value).strip()
    escaped = text.text(value)
    for line, tag in ((escaped, "p"), (f"- {escaped}", "li"), (f"### {escaped} {{#x}}", "h3")):
        out = markdown.markdown(line, extensions=["tables", "attr_list", "md_in_html"])
        if not plain:
            continue
        assert shown(line).strip() == plain.strip(), (value, line, out)
        tags = re.findall(r"<([a-z0-9]+)", out)
        assert set(tags) <= {tag, "ul"}, (value, out)


def test_attribute_text_cannot_end_the_attribute():
    assert text.attr('say "hi" <b>') == "say &quot;hi&quot; &lt;b&gt;"


# --- urls ------------------------------------------------------------------------

PATHS = ["index.md", "a.md", "sub/index.md", "sub/b.md", "sub/deep/c.md", "induction/cto.md", "x/README.md"]


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_urls_are_the_engines_own(use_directory_urls):
    """Page URLs and relative links are what MkDocs itself computes, with directory URLs or without."""
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    for page in PATHS:
        page_url = File(page, "", "", use_directory_urls).url
        assert urls.site_url(page, use_directory_urls) == page_url
        href = urls.resolver(page_url, use_directory_urls)
        for other in PATHS:
            other_url = File(other, "", "", use_directory_urls).url
            assert href(other + "#x") == get_relative_url(other_url, page_url) + "#x"


_SEGMENT = st.sampled_from(["a", "b", "sub", "deep", "induction", "index.md", "c.md"])


@given(st.lists(_SEGMENT, min_size=1, max_size=4), st.lists(_SEGMENT, min_size=1, max_size=4))
@settings(max_examples=300)
def test_markdown_links_are_what_posixpath_relpath_gives(target, source):
    """Links between pages are worked out without posixpath.relpath (it asks the OS for
    the working folder on every call), and come out as it would give them."""
    path, page = "/".join(target), "/".join(source)
    expected = posixpath.relpath(path, posixpath.dirname(page) or ".")
    assert urls.md_link(path + "#x", page) == ("#x" if path == page else expected + "#x")


def test_markdown_links_are_relative_to_the_page_source():
    where = Where.of("induction/cto.md")
    assert where.md("partnership-model.md#the-cascade") == "../partnership-model.md#the-cascade"
    assert where.md("induction/cpo.md") == "cpo.md"
    assert where.md("induction/cto.md#checklist") == "#checklist"
    assert Where.of("induction/cto.md", source_links=True).href("glossary.md") == "../glossary.md"
    assert Where.of("induction/cto.md").href("glossary.md") == "../../glossary/"


# --- records -------------------------------------------------------------------------

ENGINEER = Where.of("induction/engineer.md")


def test_checklist_groups_items_by_stage_with_anchors():
    """A role's checklist holds exactly its items, each with its id as anchor, in stage order."""
    out = checklists.drawn(HB, ENGINEER, checklists.checklist(HB, "engineer", ENGINEER))
    assert "<!--hb-later" not in out
    expected = [i.id for i in HB.checklist.values() if "engineer" in i.roles]
    for item_id in expected:
        assert f'id="{item_id}"' in out and f'data-item="{item_id}"' in out
    others = [i.id for i in HB.checklist.values() if "engineer" not in i.roles]
    assert not any(f'id="{item_id}"' in out for item_id in others)
    stages = [s for s in ("before-day-one", "first-week", "first-30-days", "first-60-days",
                          "first-90-days", "ongoing") if f"{{#engineer-{s}}}" in out]
    positions = [out.index(f"{{#engineer-{s}}}") for s in stages]
    assert positions == sorted(positions) and len(stages) >= 3


def test_checklist_item_text_is_escaped():
    """A <script> in an item's text shows as text in the rendered checklist."""
    item = next(iter(HB.checklist.values()))
    evil = ChecklistItem(**{**item.model_dump(by_alias=True), "text": "<script>alert('x')</script>"})
    hb = dataclasses.replace(HB, checklist={**HB.checklist, item.id: evil})
    out = checklists.drawn(hb, ENGINEER, checklists.checklist(hb, item.roles[0], ENGINEER))
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out


def test_checklist_lists_are_marks_drawn_later():
    """A checklist's lists leave the macro as marks (so no Markdown stage reads thousands
    of items); drawing them gives each stage's items; a mark naming nothing is left alone."""
    out = checklists.checklist(HB, "engineer", ENGINEER)
    assert 'class="hb-items"' not in out and "<!--hb-later role-stage engineer " in out
    stage = HB.by_role["engineer"][0].stage
    drawn = checklists.draw(HB, ENGINEER, "role-stage", ["engineer", stage])
    assert drawn.startswith('<ul class="hb-items" data-checklist="induction/engineer"')
    assert [m for m in re.findall(r'<li class="hb-item hb-anchor" id="([^"]+)"', drawn)] == [
        i.id for i in HB.by_role["engineer"] if i.stage == stage]
    everything = checklists.drawn(HB, Where.of("checklist-items.md"), checklists.all_items(HB, Where.of("checklist-items.md")))
    assert sorted(re.findall(r'<li class="hb-anchor" id="([^"]+)"', everything)) == sorted(HB.checklist)
    for kind, args in (("role-stage", ["nobody", stage]), ("role-stage", ["engineer", "someday"]),
                       ("all-stage", []), ("unknown", [stage])):
        assert checklists.draw(HB, ENGINEER, kind, args) is None
    assert checklists.drawn(HB, ENGINEER, "<!--hb-later role-stage nobody ongoing-->") == \
        "<!--hb-later role-stage nobody ongoing-->"


def test_a_drawn_list_names_its_ids_as_its_html_holds_them():
    """The ids the extension shows the engine's anchor check for a drawn list, read from
    the data, are the ids in its HTML, for every stage of every role and of all items."""
    from macros.core.model import STAGES

    marks = [("role-stage", [role, stage]) for role in HB.roles for stage in STAGES]
    marks += [("all-stage", [stage]) for stage in STAGES]
    seen = 0
    for kind, args in marks:
        html = checklists.draw(HB, ENGINEER, kind, args)
        if html is None:
            continue
        assert checklists.ids(HB, kind, args) == re.findall(r'\sid="([^"]+)"', html), (kind, args)
        seen += len(checklists.ids(HB, kind, args))
    assert seen == 2 * sum(len(items) for items in HB.by_role.values()) + len(HB.checklist)  # every list seen


def test_cascade_draws_every_role_and_every_pair():
    """The diagram has a box for every role and a line for every pair it draws."""
    svg = cascade.cascade_svg(HB)
    for role in HB.roles.values():
        assert f"<title>{text.attr(role.name)}</title>" in svg
    pairs = {frozenset((r.id, p)) for r in HB.roles.values() for p in r.pairs_with
             if "division" not in (r.side, HB.roles[p].side)}
    assert svg.count('class="hb-svg-pair"') <= len(pairs)
    assert 'role="img"' in svg and "<desc" in svg
    ET.fromstring(svg[svg.index("<svg"): svg.index("</svg>") + 6])  # well-formed


def test_credits_name_each_source_once_with_its_ids():
    """The Sources note groups the carried ids under the source that feeds them."""
    out = credits.credits(HB, ["RR-T1", "PM-3", "RR-0", "PM-10"], Where.of("insights.md"))
    assert 'data-carries="PM-3 PM-10 RR-0 RR-T1"' in out
    assert out.count('href="../sources/#meetup-post"') == 1
    assert out.count('href="../sources/#special-relationship"') == 1
    assert "(PM-3, PM-10)" in out and "(RR-0, RR-T1)" in out
    # on Zensical, which resolves links in HTML itself, they are written as source links
    assert 'href="sources.md#meetup-post"' in credits.credits(HB, ["PM-3"], Where.of("insights.md", source_links=True))
    assert credits.credits(HB, [], Where.of("insights.md")) == ""


def test_rights_pair_each_responsibility_with_its_right():
    """Each right is rendered inside the same block as its responsibility."""
    out = rights.rights(HB, "product")
    for pair in (p for p in HB.rights.values() if p.team == "product"):
        block = out[out.index(f'id="{pair.id}"'):]
        block = block[: block.index("</div>\n</div>")]
        assert text.text(pair.responsibility) in block and text.text(pair.right) in block


# --- glossary links ----------------------------------------------------------------

TERMS = glossary_links.compiled((("feature factory", "feature-factory", "A company that counts features."),
                                 ("XP", "xp", "Extreme Programming <practices>")))


def linked(fragment: str, terms=TERMS) -> str:
    root = ET.fromstring(f"<div>{fragment}</div>")
    glossary_links.link_terms(root, terms, lambda anchor: f"g.md#{anchor}")
    return ET.tostring(root, encoding="unicode")[5:-6]


def test_link_terms_links_first_prose_use_only():
    """A glossary term is linked once, at its first use in prose, never inside links, headings or code."""
    out = linked('<h2 id="x">The feature factory</h2><p>A <a href="#">feature factory</a> link, '
                 '<code>feature factory</code>, then a Feature Factory and another feature factory. '
                 'Pair on XP; not XPath.</p>')
    assert out.count('class="hb-term"') == 2
    assert '<h2 id="x">The feature factory</h2>' in out
    assert "<code>feature factory</code>" in out
    assert ('<a class="hb-term" href="g.md#feature-factory" title="A company that counts features.">'
            "Feature Factory</a> and another feature factory.") in out
    assert 'title="Extreme Programming &lt;practices&gt;">XP</a>; not XPath.' in out


def test_a_term_is_linked_where_it_touches_the_next_element():
    """A use that runs up to an inline element's edge is a use: the element's edge ends
    the word ('**XP**s', 'Pay<em>debt</em>'), as it does for the pattern."""
    terms = glossary_links.compiled((("XP", "xp", "Extreme Programming"), ("debt", "debt", "What is owed")))
    root = ET.fromstring("<div><p><strong>XP</strong>s and Pay<em>debt</em> now</p></div>")
    glossary_links.link_terms(root, glossary_links.used_in(terms, root), lambda anchor: f"g.md#{anchor}")
    assert [(a.get("href"), a.text) for a in root.iter("a")] == [("g.md#xp", "XP"), ("g.md#debt", "debt")]


def test_link_terms_respects_no_glossary_regions():
    """Nothing is linked inside an element marked data-no-glossary, however deeply nested."""
    terms = glossary_links.compiled((("CPTO", "cpto", "Both roles in one."),))
    out = linked('<p><span data-no-glossary="true">For <span class="hb-tag">CPTO</span> and CPTO</span> '
                 "then CPTO.</p>", terms)
    assert out.count('class="hb-term"') == 1
    assert 'and CPTO</span> then <a class="hb-term" href="g.md#cpto" title="Both roles in one.">CPTO</a>.' in out


def test_link_terms_finds_a_use_after_text_that_changes_length_in_lower_case():
    """Prose is searched in lower case; a character that lower-cases to two ('İ') must not
    shift where the link goes. A phrase inside an attribute is not a use."""
    terms = glossary_links.compiled((("CPTO", "cpto", "Both roles in one."), ("tech debt", "tech-debt", "Work put off.")))
    out = linked('<p title="cpto and tech debt">İİ İstanbul: the CPTO owns Tech Debt.</p>', terms)
    assert out == ('<p title="cpto and tech debt">İİ İstanbul: the '
                   '<a class="hb-term" href="g.md#cpto" title="Both roles in one.">CPTO</a> owns '
                   '<a class="hb-term" href="g.md#tech-debt" title="Work put off.">Tech Debt</a>.</p>')


_WORDS = ["tech debt", "Tech Debt", "tech-debt", "CPTO", "cpto's", "XP", "xpath", "debt", "the ", ", ", " and ",
          "Extreme Programming (XP)", "feature factory", "Feature  factory", "İ", "\0"]
_TAGS = ["p", "h2", "a", "code", "span", "em", "summary", "li"]
_TERM_LIST = (("tech debt", "tech-debt", "Work put off"), ("debt", "debt", "What is owed"), ("CPTO", "cpto", "Both"),
              ("XP", "xp", "Extreme Programming"), ("Extreme Programming (XP)", "xp", "The practice"),
              ("feature factory", "feature-factory", "Counts features"))


def _trees():
    words = st.lists(st.sampled_from(_WORDS), max_size=4).map("".join)

    def extend(children):
        return st.builds(lambda tag, skip, head, kids, tail: (tag, skip, head, kids, tail),
                         st.sampled_from(_TAGS), st.booleans(), words, st.lists(children, max_size=3), words)

    return st.recursive(st.builds(lambda w: ("span", False, w, [], ""), words), extend, max_leaves=12)


def _build(node) -> ET.Element:
    tag, skip, head, kids, tail = node
    element = ET.Element(tag, {"data-no-glossary": "true"} if skip else {})
    element.text = head
    for kid in kids:
        element.append(_build(kid))
    element.tail = tail
    return element


def _prose(element: ET.Element, skipped: bool = False):
    """(text, in prose?) pieces in document order, the way a reader meets them."""
    skipped = skipped or element.tag in glossary_links.SKIP_TAGS or "data-no-glossary" in element.attrib
    yield element.text or "", not skipped
    for child in element:
        yield from _prose(child, skipped)
        yield child.tail or "", not skipped


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(_trees(), max_size=4))
def test_link_terms_links_each_term_at_its_first_use_in_prose(nodes):
    """On any tree: the text reads the same, each term is linked at most once, never
    inside skipped elements, and the link sits on the term's first use in prose."""
    terms = glossary_links.compiled(_TERM_LIST)
    root = ET.Element("div")
    for node in nodes:
        root.append(_build(node))
    before = "".join(root.itertext())
    # the reference: each prose piece on its own, in order; a term's first match is its link
    expected: dict[str, str] = {}
    for piece, in_prose in _prose(root):
        if in_prose:
            for match in terms.pattern.finditer(glossary_links.lower(piece)):
                expected.setdefault(terms.by_phrase[match.group()][0], piece[match.start(): match.end()])
    # as the page's extension does: the terms narrowed to those the tree's text uses, first
    glossary_links.link_terms(root, glossary_links.used_in(terms, root), lambda anchor: f"g.md#{anchor}")
    assert "".join(root.itertext()) == before
    links = [a for a in root.iter("a") if a.get("class") == "hb-term"]
    assert {a.get("href").split("#")[1]: a.text for a in links} == expected
    assert len(links) == len(expected)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(), st.text(st.characters(max_codepoint=127)))
def test_a_new_issue_link_carries_its_title_and_body_exactly(title, body):
    """The new-issue link's query gives back the title and body as written, each encoded
    as urllib would encode it."""
    from urllib.parse import parse_qs, quote, urlsplit

    from macros.core.trackers import Tracker, _quoted

    assert _quoted(body) == quote(body, safe="") and _quoted(title) == quote(title, safe="")
    for tracker, keys in ((Tracker("github", "o/r", "https://github.com"), ("title", "body")),
                          (Tracker("gitlab", "g/p", "https://gitlab.com"), ("issue[title]", "issue[description]"))):
        query = parse_qs(urlsplit(tracker.new_issue(title, body)).query, keep_blank_values=True)
        assert [query[key] for key in keys] == [[title], [body]]


def test_an_issue_body_shows_titles_as_written():
    """A page title or item text in a 'Suggest a change' body is Markdown-escaped: no
    emphasis, link, HTML, entity, mention or issue reference comes from it."""
    from macros.core.trackers import suggest_body

    body = suggest_body("R&D [notes] <b>", "https://h.example/p/#x", "Ask @cto about *this* in #12 `now`")
    assert body.startswith(r"**Ask \@cto about \*this\* in \#12 \`now\`** on the page "
                           r"[R\&D \[notes\] \<b\>](https://h.example/p/#x).")


@pytest.mark.parametrize("reworded", [False, True])
def test_a_renamed_item_keeps_its_former_id(tmp_path, reworded):
    """A checklist item renamed with 'formerly' is not retired: its former id is an
    anchor on the item on its role's path and on the all-items page, and the changelog
    says it was renamed (not added and retired), with its former text if that changed."""
    import shutil

    import yaml

    from macros.core.render import lists

    docs = shutil.copytree(ROOT / "docs", tmp_path / "docs")
    released = yaml.safe_load((docs / "data/releases.yml").read_text())[-1]["checklist"]
    path = docs / "data/checklist.yml"
    items = yaml.safe_load(path.read_text())
    item = next(i for i in items if "engineer" in i["roles"] and i["id"] in released)
    old, item["id"], item["formerly"] = item["id"], item["id"] + "-renamed", [item["id"]]
    before = item["text"]
    if reworded:
        item["text"] = "Read the model and say where it differs from what you knew."
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True))
    hb = load(docs)
    assert hb.renamed == {old: item["id"]} and old not in hb.retired_items
    where = Where("induction/engineer.md", "induction/engineer/", True)
    path_html = checklists.drawn(hb, where, checklists.checklist(hb, "engineer", where))
    li = re.search(rf'<li class="hb-item hb-anchor" id="{item["id"]}"[^>]*>(<span[^>]*></span>)', path_html)
    assert li and f'data-formerly="{old}"' in li.group(0)
    assert li.group(1) == f'<span class="hb-anchor hb-formerly" id="{old}"></span>'
    all_html = checklists.drawn(hb, where, checklists.all_items(hb, where))
    assert f'<li class="hb-anchor" id="{item["id"]}"><span class="hb-anchor hb-formerly" id="{old}"></span>' in all_html
    unreleased = lists.changelog(hb, Where("changelog.md", "changelog/", True)).split("## Version")[0]
    then = f": {text.text(' '.join(before.split()))}" if reworded else ""  # (the same text: only its id changed)
    assert (f"- Renamed: [{text.text(item['text'])}](checklist-items.md#{item['id']}) "
            f"\\(was {text.text(old)}{then}\\)\n") in unreleased
    assert f"\\({text.text(old)}\\)" not in unreleased  # as a retired item is shown: not retired
    assert unreleased.count(f"#{item['id']})") == 1  # not as Added


def test_the_changelog_credits_the_records_it_shows():
    """changelog_records (what the changelog page's Sources note credits) are exactly the
    current records the changelog links as added, so the note follows the data."""
    from macros.core.render import lists

    where = Where("changelog.md", "changelog/", True)
    added = set(re.findall(r"- (?:Added|Reworded|Retitled): \[[^\]]*\]\([^)#]*#([a-z0-9-]+)\)", lists.changelog(HB, where)))
    records = lists.changelog_records(HB)
    assert added and {r.id for r in records} == added
    assert all(r.carries for r in records)
    assert lists.changelog_records(dataclasses.replace(HB, releases=[])) == []  # none released yet: none listed


def test_the_changelog_says_which_items_were_reworded(tmp_path):
    """An item, right or module kept under its id with another text since the last release
    is listed as reworded, with the text it had (a returning reader's ticks stay on it, so
    the change must be on record); one whose text only wraps differently is not."""
    import shutil

    from macros.core.render import lists

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    released = HB.releases[-1]
    item = next(i for i in released.checklist if i in HB.checklist
                and " ".join(released.checklist[i].split()) == " ".join(HB.checklist[i].text.split()))
    path = docs / "data/checklist.yml"
    items = yaml.safe_load(path.read_text())
    entry = next(i for i in items if i["id"] == item)
    old = entry["text"]
    entry["text"] = "Do something else entirely."
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True))
    hb = load(docs)
    where = Where("changelog.md", "changelog/", True)
    unreleased = lists.changelog(hb, where).split("## Version")[0]
    assert (f"- Reworded: [Do something else entirely\\.](checklist-items.md#{item}) "
            f"\\(was: {text.text(' '.join(released.checklist[item].split()))}\\)") in unreleased
    assert item in {r.id for r in lists.changelog_records(hb)}
    entry["text"] = old.replace(" ", "\n", 1) if " " in old else old
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True, width=30))
    assert f"#{item})" not in lists.changelog(load(docs), where).split("## Version")[0]


def test_the_unreleased_section_stays_after_a_release():
    """Right after a release (the data holds what the last release held), the changelog
    still has its 'Not yet released' section, saying nothing is, so a link to it works."""
    from macros.core.model import Release
    from macros.core.render import lists

    where = Where("changelog.md", "changelog/", True)
    released = Release(version="9.9", date=dt.date(2099, 1, 1), **HB.holdings())
    log = lists.changelog(dataclasses.replace(HB, releases=[*HB.releases, released]), where)
    section = log[log.index("## Not yet released {#unreleased}"):]
    assert section.split("\n## ")[0].splitlines()[2] == (
        "Nothing yet: this version of the handbook holds the same checklist items, rights and modules as version 9\\.9.")
    assert "Added:" not in section.split("\n## ")[0]


def test_the_first_version_counts_what_it_held_in_a_sentence():
    """The first release's line names its counts as words in a sentence ('CTO' kept)."""
    from macros.core.render import lists

    log = lists.changelog(HB, Where("changelog.md", "changelog/", True))
    first = HB.releases[0]
    assert (f"The first version: {len(first.checklist)} checklist items, {len(first.rights)} rights, "
            f"{len(first.modules)} CTO modules.") in log

