"""The data layer: every class of bad data gives one clear line naming file, item and field."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.core import yamlfile
from macros.core.load import DataError, load
from macros.core.model import MACROS
from tests.conftest import ROOT, mkdocs, zensical


def edit(project: Path, name: str, change) -> None:
    """Load a data file, let `change` mutate the items, write it back."""
    path = project / "docs" / "data" / name
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(items)
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True), encoding="utf-8")


def problems(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(project / "docs")
    return caught.value.problems


def by_id(items: list, key: str, value: str) -> dict:
    return next(i for i in items if i.get(key) == value)


def test_real_data_loads():
    """The committed data is valid and every role has a path and checklist items."""
    hb = load(ROOT / "docs")
    assert set(hb.paths) == set(hb.roles)
    assert all(hb.by_role[r] for r in hb.roles)


def test_malformed_yaml_names_file_and_line(project):
    """Malformed YAML gives the file, the line and column, and what the parser wanted."""
    path = project / "docs/data/roles.yml"
    path.write_text(path.read_text() + "\n- id: broken\n  name: [unclosed\n")
    lines = problems(project)
    assert len(lines) == 1
    assert re.match(r"docs/data/roles\.yml: line \d+, column \d+: malformed YAML: ", lines[0]), lines


def test_missing_field(project):
    """A required field that is missing names file, item and field."""
    edit(project, "roles.yml", lambda items: by_id(items, "id", "cto").pop("summary"))
    assert problems(project) == [
        "docs/data/roles.yml: item 'cto' (#1), field 'summary': missing; this field is required"
    ]


def test_wrong_type(project):
    """A wrong type says what was expected and what was found."""
    edit(project, "paths.yml", lambda items: by_id(items, "role", "cto")["sections"][0].update(minutes="ten"))
    [line] = problems(project)
    assert line.startswith("docs/data/paths.yml: item 'cto' (#1), field 'sections[0].minutes': expected a valid integer")
    assert "'ten'" in line


def test_unknown_role(project):
    """An unknown role id in a checklist item lists the roles it could be."""
    edit(project, "checklist.yml", lambda items: by_id(items, "id", "private-forum").update(roles=["cto", "ctoo"]))
    [line] = problems(project)
    assert line.startswith("docs/data/checklist.yml: item 'private-forum' (#")
    assert "field 'roles[1]': unknown role 'ctoo'; expected one of: " in line
    assert "cpo" in line


def test_unknown_source(project):
    """A reading that names an unknown source id is reported with the known ones."""
    edit(project, "readings.yml", lambda items: by_id(items, "id", "inspired").update(source="nowhere"))
    [line] = problems(project)
    assert line.startswith("docs/data/readings.yml: item 'inspired' (#")
    assert "field 'source': unknown source 'nowhere'; expected one of: cpo-cto-relationship" in line


def test_duplicate_id_in_one_file(project):
    """The same id twice in one file names both the id and the field."""
    edit(project, "rights.yml", lambda items: items.append(dict(items[0])))
    [line] = problems(project)
    assert line == ("docs/data/rights.yml: item 'tech-healthy-estate' (#7), field 'id': "
                    "duplicate id 'tech-healthy-estate'; each id must be unique in the file")


def test_duplicate_id_across_files(project):
    """An id already used in another file is a duplicate too: ids are anchors."""
    edit(project, "glossary.yml", lambda items: items[0].update(id="inspired"))
    [line] = problems(project)
    assert "docs/data/glossary.yml: item 'inspired' (#1), field 'id': duplicate id 'inspired', " in line
    assert "already used in docs/data/readings.yml" in line


def test_duplicate_yaml_key(project):
    """A key written twice in one item is an error, not a silent overwrite."""
    path = project / "docs/data/glossary.yml"
    path.write_text(path.read_text().replace("  term: Feature factory\n", "  term: Feature factory\n  term: Again\n", 1))
    [line] = problems(project)
    assert re.match(r"docs/data/glossary\.yml: line \d+, column 3: malformed YAML: duplicate key 'term'", line)


def test_unknown_field_is_an_error(project):
    """A misspelt field is reported rather than ignored."""
    edit(project, "modules.yml", lambda items: items[0].update(insigth="typo"))  # codespell:ignore
    assert problems(project) == [
        "docs/data/modules.yml: item 'feasibility-and-scale' (#1), field 'insigth': unknown field; "
        "remove it or check its spelling"
    ]


def test_bad_id_and_page_reference(project):
    """Ids must be slug-like and page references must name existing pages."""
    def change(items):
        items[0].update(id="Not An Id")
        items[1].update(section="no-such-page.md#x")
    edit(project, "checklist.yml", change)
    lines = problems(project)
    assert any("item 'Not An Id' (#1), field 'id': expected an id of lower-case letters" in line for line in lines), lines
    assert any("field 'section': no page 'no-such-page.md' under docs/" in line for line in lines), lines


def test_role_without_path(project):
    """Adding a role without a path and checklist items says what is missing."""
    edit(project, "roles.yml", lambda items: items.append(
        {"id": "data-analyst", "name": "Data Analyst", "short": "Analyst", "side": "tech", "level": 4,
         "pairs_with": ["product-manager"], "summary": "Finds the numbers."}))
    lines = problems(project)
    assert "docs/data/paths.yml: no induction path for role 'data-analyst'; every role in docs/data/roles.yml needs one ('- role: data-analyst')" in lines
    assert any(line.startswith("docs/data/checklist.yml: no checklist item for role 'data-analyst'") for line in lines)


def test_each_team_has_rights(project):
    """A team left with no right in rights.yml is a data problem (its rights() call had
    stopped the build mid-way with a traceback)."""
    edit(project, "rights.yml", lambda items: items.__setitem__(
        slice(None), [item for item in items if item["team"] != "product"]))
    [line] = [line for line in problems(project) if line.startswith("docs/data/rights.yml: no right")]
    assert line == ("docs/data/rights.yml: no right for team 'product'; each team's rights are shown: "
                    "add at least one item with 'team: product'")


def test_each_release_is_in_the_changelog_on_its_date(project):
    """releases.yml is written by the release tool, but a hand edit (or a version taken out
    of changelog.yml) is caught: each release is a changelog version, on the changelog's date."""
    def change(items):
        items.append({**items[0], "version": "9.9"})
        items[0]["date"] = dt.date(2026, 1, 2)
    edit(project, "releases.yml", change)
    first = yaml.safe_load((project / "docs/data/releases.yml").read_text())[0]["version"]
    changed = next(c["date"] for c in yaml.safe_load((project / "docs/data/changelog.yml").read_text())
                   if c["version"] == first)
    count = len(yaml.safe_load((project / "docs/data/releases.yml").read_text()))
    assert problems(project) == [
        f"docs/data/releases.yml: item '{first}' (#1), field 'date': expected {changed}, the date changelog.yml "
        f"gives version '{first}', got 2026-01-02",
        f"docs/data/releases.yml: item '9.9' (#{count}), field 'version': no version '9.9' in "
        "docs/data/changelog.yml; a release is recorded for a version in the changelog",
    ]


def test_a_former_id_names_no_record_of_today_and_one_item_only(project):
    """A renamed checklist item's former ids (formerly) are anchors that links land on:
    one that is a current id, or another item's former id, is a problem."""
    def change(items):
        items[0]["formerly"] = [items[1]["id"], "an-old-id"]
        items[2]["formerly"] = ["an-old-id", "glossary-term-x"]
    edit(project, "checklist.yml", change)
    items = yaml.safe_load((project / "docs/data/checklist.yml").read_text())
    assert problems(project) == [
        f"docs/data/checklist.yml: item '{items[0]['id']}' (#1), field 'formerly[0]': '{items[1]['id']}' is the id "
        "of a record in this file now; a former id is one no record has any more",
        f"docs/data/checklist.yml: item '{items[2]['id']}' (#3), field 'formerly[0]': 'an-old-id' is already a "
        f"former id of item '{items[0]['id']}'; a link to it can land on one item only",
    ]


def test_all_problems_in_one_run(project):
    """Several problems in several files are all reported together, one line each."""
    edit(project, "roles.yml", lambda items: by_id(items, "id", "cto").pop("summary"))
    edit(project, "rights.yml", lambda items: items[0].update(team="finance"))
    edit(project, "readings.yml", lambda items: items[0].update(source="nowhere"))
    (project / "docs/data/glossary.yml").write_text("- id: x\n  term: [\n")
    lines = problems(project)
    files = [line.split(":", 1)[0] for line in lines]
    assert {"docs/data/roles.yml", "docs/data/rights.yml", "docs/data/readings.yml",
            "docs/data/glossary.yml"} <= set(files), lines
    assert all("\n" not in line for line in lines)


def test_top_level_must_be_a_list(project):
    """A file whose top level is not a list says so."""
    (project / "docs/data/sources.yml").write_text("id: x\n")
    assert problems(project) == [
        "docs/data/sources.yml: expected a YAML list of items ('- id: ...') at the top level, got a mapping"
    ]


def test_broken_data_stops_the_build_without_traceback(project, tmp_path):
    """mkdocs build fails, prints one ERROR line per problem and writes no pages."""
    edit(project, "roles.yml", lambda items: by_id(items, "id", "cto").update(pairs_with=["ctoo"]))
    edit(project, "checklist.yml", lambda items: items[0].pop("stage"))
    out = tmp_path / "out"
    result = mkdocs(project, out)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    messages = [line.split(" -  ", 1)[1] for line in errors]
    assert messages == [
        "docs/data/checklist.yml: item 'read-the-model' (#1), field 'stage': missing; this field is required",
        "docs/data/roles.yml: item 'cto' (#1), field 'pairs_with[0]': unknown role 'ctoo'; expected one of: "
        + ", ".join(sorted(load(ROOT / "docs").roles)),
        "The handbook data has 2 problem(s), listed above; fix them and build again.",
    ]
    assert not (out / "index.html").exists(), "a half-built site was written"


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_typo_in_a_macro_call_fails_the_build(project, tmp_path, engine):
    """An unknown macro, or one given a role or team there is none of, stops the build on
    either engine with the page and line, every such call in one run, no traceback and
    no page written (Zensical used to print a traceback and write the other pages)."""
    page = project / "docs/roles.md"
    lines = page.read_text().count("\n")
    page.write_text(page.read_text() + '\n{{ checklist("nobody") }}\n{{ role_table() }}\n')
    page = project / "docs/rights-and-responsibilities.md"
    page.write_text(page.read_text().replace('{{ rights("product") }}', '{{ rights("prodcut") }}'))
    rights_line = next(i for i, line in enumerate(page.read_text().splitlines(), 1) if "prodcut" in line)
    if engine == "zensical":
        result = zensical(project)
        out = project / "site"
    else:
        result = mkdocs(project, out := tmp_path / "out")
    assert result.returncode != 0
    roles = ", ".join(load(ROOT / "docs").roles)
    expected = [
        f'docs/rights-and-responsibilities.md: line {rights_line}: rights("prodcut"): no team \'prodcut\'; '
        "expected one of: tech, product",
        f'docs/roles.md: line {lines + 2}: checklist("nobody"): no role \'nobody\'; expected one of: {roles}',
        f"docs/roles.md: line {lines + 3}: no macro 'role_table'; expected one of: role_grid, roles_table, "
        "cascade, checklist, all_checklist_items, rights, cto_modules, module_list, selfchecks_index, "
        "reading_list, glossary, sources, changelog, page_reviews",
        "The handbook data has 3 problem(s), listed above; fix them and build again.",
    ]
    assert [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")] == expected
    assert "Traceback" not in result.stderr + result.stdout
    assert not list(out.rglob("*.html")), "pages were written"


def test_macro_calls_checked_as_written(project):
    """A macro given an argument it does not take, too many, one by a name it does not
    have, or none where it needs one, or a role or team id without its quotes (Jinja
    would read it as an undefined variable), is a problem, in code too (the engines
    render a page's code blocks as well, and a handbook macro there would draw its list
    in the code: a problem of its own); what Jinja does not run (a comment, a raw
    block) and what it knows (the engines' now(), its own range(), a macro, variable or
    import the page defines) are fine, an argument by its name is read, and a call whose
    argument is any other expression is left to the engine."""
    page = project / "docs/glossary.md"
    start = page.read_text().count("\n") + 1
    page.write_text(page.read_text() + '\n{{ glossary("all") }}\n{{ rights() }}\n`{{ nope() }}`\n'
                    '```\n{{ nope_too() }}\n```\n{{ now().year }}\n{{ checklist(role) }}\n'
                    '{#% {{ retired_macro() }} %#}\n{% raw %}{{ your_macro("arg") }}{% endraw %}\n'
                    '{% macro tip(t) %}**{{ t }}**{% endmacro %}\n{{ tip("Tip") }}\n{{ range(2) | join(", ") }}\n'
                    '{{ checklist(cto) }} {{ rights(tech) }}\n{% set cpo = "cto" %}{{ checklist(cpo) }}\n'
                    '{% for engineer in ["cto"] %}{{ checklist(engineer) }}{% endfor %}\n'
                    '{{ checklist("cto", "cpo") }}\n{{ rights(role="tech") }}\n{{ cascade(2) }}\n'
                    '{{ checklist(role="cto") }} {{ rights(team="tech") }} {{ checklist(*roles) }}\n'
                    '{% import "tips.md" as tips %}{% from "tips.md" import tip2 as hint %}{{ tips() }}{{ hint() }}\n'
                    'Write `{{ checklist("cto") }}` to show one.\n~~~\n{{ glossary() }}\n~~~\n'
                    '`{% raw %}{{ cascade() }}{% endraw %}`\n')
    names = ", ".join(MACROS)
    first_role = yaml.safe_load((project / "docs/data/roles.yml").read_text())[0]["id"]
    assert problems(project) == [
        f"docs/glossary.md: line {start + 1}: glossary() takes no argument, got 'all'",
        f'docs/glossary.md: line {start + 2}: rights() needs a team, e.g. rights("tech")',
        f"docs/glossary.md: line {start + 3}: no macro 'nope'; expected one of: {names}",
        f"docs/glossary.md: line {start + 5}: no macro 'nope_too'; expected one of: {names}",
        f'docs/glossary.md: line {start + 14}: checklist(cto): a role id is written in quotes, checklist("cto"); '
        "Jinja reads a bare word as a variable",
        f'docs/glossary.md: line {start + 14}: rights(tech): a team id is written in quotes, rights("tech"); '
        "Jinja reads a bare word as a variable",
        f'docs/glossary.md: line {start + 17}: checklist() takes one role, e.g. checklist("{first_role}"); '
        "got 2 arguments",
        f"docs/glossary.md: line {start + 18}: rights() has no argument 'role'; it takes a team, e.g. "
        'rights("tech")',
        f"docs/glossary.md: line {start + 19}: cascade() takes no argument, got 1 argument",
        *(f"docs/glossary.md: line {start + at}: {name}() in code runs all the same (Jinja does not know "
          "Markdown's code) and draws its list there; to show the call as written, put it between {% raw %} "
          "and {% endraw %}" for at, name in ((22, "checklist"), (24, "glossary"))),
    ]


@pytest.mark.parametrize("text, line, message", [
    ('{{ checklist("cto" }}', 1, "unexpected '}', expected ')'"),
    ('{{ rights("tech) }}', 1, "unexpected char '\"' in column 11"),
    ("{% if true %}\n{{ cascade() }}", 2, "Unexpected end of template. Jinja was looking for the following tags: "
     "'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'."),
])
def test_text_jinja_cannot_read_is_a_problem_with_its_line(project, text, line, message):
    """What Jinja would stop on mid-build (Zensical with a traceback) is found with the
    data: the page, the line and Jinja's own words."""
    page = project / "docs/glossary.md"
    start = page.read_text().count("\n") + 1
    page.write_text(page.read_text() + "\n" + text + "\n")
    assert problems(project) == [f"docs/glossary.md: line {start + line}: Jinja cannot read this: {message}"]


def test_a_reference_to_a_page_whose_calls_the_load_cannot_read_is_taken_on_trust(project):
    """When a page's calls are not all plain (a variable as an argument, a Jinja statement), the
    load does not know which records it shows, so a data id as an anchor on it is
    accepted, as the engine's own anchor check still sees the built page."""
    page = project / "docs/rights-and-responsibilities.md"
    page.write_text(page.read_text().replace('{{ rights("tech") }}', '{% set team = "tech" %}{{ rights(team) }}'))
    load(project / "docs")  # no problem: the checklist items that link to tech rights still may


def test_the_engine_registers_the_macros_pages_may_call():
    """The macros module registers exactly the macros the data load lets pages call."""
    from types import SimpleNamespace

    from macros.core.model import MACROS
    from macros.engine import macros as module

    registered = []
    env = SimpleNamespace(conf={"docs_dir": "docs", "extra": {}}, project_dir=str(ROOT), page=None,
                          macro=lambda f: registered.append(f.__name__) or f)
    module.define_env(env)
    assert registered == list(MACROS)


def test_front_matter_is_checked_field_by_field(project):
    """A misspelt field is an error (not a page quietly built without it, such as its
    Sources note), listing the fields a page takes; render_macros is true or false, not
    text; a description's length and a broken date say what is expected, on the line the
    date is on; a page saved with a byte order mark reads as it is."""
    page = project / "docs/insights.md"
    page.write_text(page.read_text().replace("carries:", "carrys:", 1))
    page = project / "docs/roles.md"
    page.write_text(page.read_text().replace("render_macros: true", 'render_macros: "yes"'))
    page = project / "docs/glossary.md"
    page.write_text(re.sub(r"(?m)^description: .*$", "description: What a panel said.", page.read_text(), count=1))
    page = project / "docs/sources.md"
    page.write_text(re.sub(r"(?m)^description: .*$", "description: " + "long " * 45, page.read_text(), count=1))
    page = project / "docs/leading-together.md"
    page.write_text(re.sub(r"(?m)^review_by: .*$", "review_by: 2027-02-30", page.read_text(), count=1))
    date_line = next(i for i, line in enumerate(page.read_text().splitlines(), 1) if line.startswith("review_by"))
    page = project / "docs/tags.md"
    page.write_text("\ufeff" + page.read_text(), encoding="utf-8")
    from macros.core.model import PageMeta
    assert problems(project) == [
        "docs/glossary.md: field 'description': expected at least 50 characters, got 18: 'What a panel said.'",
        f"docs/insights.md: field 'carrys': unknown field; remove it or check its spelling (a page's front matter "
        f"takes: {', '.join(PageMeta.model_fields)})",
        f"docs/leading-together.md: line {date_line}, column 12: malformed front matter: '2027-02-30' is not a date "
        "(day is out of range for month)",
        "docs/roles.md: field 'render_macros': expected true or false, got text 'yes'",
        "docs/sources.md: field 'description': expected at most 200 characters, got 224: 'long long long long "
        "long long long l...",
    ]


def test_a_heading_in_a_code_block_is_no_anchor(project):
    """A '#' line in a fenced code block is code, not a heading a reference could name."""
    page = project / "docs/insights.md"
    page.write_text(page.read_text() + "\n```yaml\n# Example checklist\n- id: x\n```\n")
    edit(project, "checklist.yml", lambda items: items[0].update(section="insights.md#example-checklist"))
    [line] = problems(project)
    assert "field 'section': no anchor '#example-checklist' on insights.md" in line, line


def test_an_unclosed_quote_says_where_it_began(project):
    """PyYAML finds an unclosed quote lines later, in another item; the message also names
    the line where the item with the quote begins."""
    path = project / "docs/data/glossary.yml"
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("definition:"))
    lines[at] = lines[at].replace("definition: ", 'definition: "', 1)
    path.write_text("\n".join(lines) + "\n")
    item = max(i for i in range(at + 1) if lines[i].startswith("- "))
    [line] = problems(project)
    assert line.startswith("docs/data/glossary.yml: line "), line
    assert f"(while parsing a block mapping that starts on line {item + 1})" in line, line


def test_only_pages_that_say_so_go_through_jinja(project, tmp_path):
    """A page without render_macros: true keeps its braces as text (here in code); one
    that says so is rendered."""
    page = project / "docs/leading-together.md"
    page.write_text(page.read_text() + "\nWrite `{{ glossary() }}` to show the glossary.\n")
    page = project / "docs/insights.md"
    page.write_text(page.read_text().replace("---\n", "---\nrender_macros: true\n", 1) + "\n{{ roles_table() }}\n")
    out = tmp_path / "out"
    result = mkdocs(project, out)
    assert result.returncode == 0, result.stderr
    assert "<code>{{ glossary() }}</code>" in (out / "leading-together/index.html").read_text()
    insights = (out / "insights/index.html").read_text()
    assert "{{ roles_table() }}" not in insights and "<th>Partners with</th>" in insights


def test_a_page_that_calls_a_macro_must_say_so(project):
    """A macro call in a page without render_macros: true would show as text: a clear error."""
    page = project / "docs/insights.md"
    page.write_text(page.read_text() + "\n{{ roles_table() }}\n")
    assert problems(project) == [
        "docs/insights.md: field 'render_macros': the page calls macros ({{ ... }}) but does not set "
        "'render_macros: true'; add it to the front matter (pages without it skip Jinja)"
    ]


def test_every_role_has_its_induction_page_and_every_page_its_role(project):
    """A role without docs/induction/<id>.md, a page named after no role, a page that
    names another role's path or none, a path on a page that is no role's, and a page
    still calling the old macro are each one line."""
    (project / "docs/induction/designer.md").unlink()
    stray = (project / "docs/induction/engineer.md").read_text()
    (project / "docs/induction/architect.md").write_text(stray.replace("induction_path: engineer",
                                                                       "induction_path: architect"))
    page = project / "docs/induction/sales.md"
    page.write_text(page.read_text().replace("induction_path: sales", "induction_path: marketing"))
    page = project / "docs/induction/people.md"
    page.write_text(page.read_text().replace("induction_path: people\n", "render_macros: true\n")
                    + '\n{{ induction_path("people") }}\n')
    page = project / "docs/insights.md"
    page.write_text(page.read_text().replace("owner: ", "induction_path: cto\nowner: ", 1))
    assert problems(project) == [
        "docs/data/roles.yml: item 'designer' (#10): no induction page docs/induction/designer.md; every role needs "
        "one, with 'induction_path: designer' in its front matter (copy another role's page)",
        "docs/induction/architect.md: no role 'architect' in docs/data/roles.yml; an induction page is named after "
        f"its role's id (one of: {', '.join(sorted(load(ROOT / 'docs').roles))})",
        "docs/induction/people.md: {{ induction_path(\"people\") }} is not a macro: a role's page names its role in "
        "its front matter instead ('induction_path: people')",
        "docs/induction/people.md: field 'induction_path': expected 'people' (the page of role 'people'), got none",
        "docs/induction/sales.md: field 'induction_path': expected 'sales' (the page of role 'sales'), got 'marketing'",
        "docs/insights.md: field 'induction_path': only a role's page docs/induction/<id>.md shows an induction path; "
        "remove the field",
    ]


def test_with_names_known_roles(project):
    """A checklist item done 'with' an unknown role names the item and the field as written."""
    edit(project, "checklist.yml", lambda items: items[0].update({"with": ["cpo", "ceoo"]}))
    [line] = problems(project)
    assert line.startswith("docs/data/checklist.yml: item 'read-the-model' (#1), field 'with[1]': "
                           "unknown role 'ceoo'; expected one of: ceo, cpo, cpto, cto, ")


def test_selfchecks_name_an_existing_page(project):
    """A self-check names a page without an anchor, and the page must exist."""
    path = project / "docs/data/selfchecks.yml"
    path.write_text(
        "- id: check-one\n  page: nowhere.md\n  question: Why?\n  answer: Because.\n"
        "- id: check-two\n  page: insights.md#home-and-away\n  question: Why?\n  answer: Because.\n"
    )
    assert problems(project) == [
        "docs/data/selfchecks.yml: item 'check-two' (#2), field 'page': expected a page path under docs/ "
        "(e.g. 'partnership-model.md'), got 'insights.md#home-and-away'",
        "docs/data/selfchecks.yml: item 'check-one' (#1), field 'page': no page 'nowhere.md' under docs/; "
        "expected the path of an existing page",
    ]


@pytest.mark.parametrize(("value", "problem"), [
    ("2026-02-30", "'2026-02-30' is not a date (day is out of range for month)"),
    ("2026-13-01 10:00:00", "'2026-13-01 10:00:00' is not a date (month must be in 1..12)"),
])
def test_an_impossible_date_is_a_clear_error_with_its_line(project, value, problem):
    """A value that looks like a date but is none is a YAML error with its line, not a traceback."""
    path = project / "docs/data/changelog.yml"
    lines = path.read_text().splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("  date:"))
    lines[at] = f"  date: {value}\n"
    path.write_text("".join(lines))
    assert problems(project) == [f"docs/data/changelog.yml: line {at + 1}, column 9: malformed YAML: {problem}"]


def test_page_front_matter_is_validated(project):
    """A page's owner must be a role, review_by a date, tags role names; each problem names page and field."""
    page = project / "docs/insights.md"
    text = page.read_text()
    text = text.replace("owner: cpo", "owner: ceo").replace("review_by: 2027-05-31", "review_by: soon")
    text = text.replace("tags: [CPO,", "tags: [Chief,")
    page.write_text(text)
    (project / "docs/glossary.md").write_text("# Glossary\n\nno front matter\n")
    lines = problems(project)
    review = [line for line in lines if line.startswith("docs/insights.md: field 'review_by': ")]
    assert len(review) == 1 and "expected a date written YYYY-MM-DD (e.g. 2027-05-31)" in review[0] and "'soon'" in review[0], lines
    assert "docs/glossary.md: no front matter; a page starts with '---', then title, description, owner and review_by" in lines


def test_page_that_is_not_utf8_is_one_line(project):
    """A page saved in another encoding is named, with where its text stops being UTF-8."""
    (project / "docs/roles.md").write_bytes("---\ntitle: Rôles\n---\n# Rôles\n".encode("latin-1"))
    lines = problems(project)
    assert "docs/roles.md: not UTF-8 text (invalid continuation byte at byte 12); save the page as UTF-8" in lines, lines


def test_page_owner_and_tags_must_be_roles(project):
    """An unknown owner or tag lists what it could be."""
    page = project / "docs/insights.md"
    page.write_text(page.read_text().replace("owner: cpo", "owner: coo").replace("tags: [CPO,", "tags: [Chief,"))
    lines = problems(project)
    assert any(line.startswith("docs/insights.md: field 'owner': unknown role 'coo'; expected one of: ceo, cpo, cpto, cto") for line in lines), lines
    assert any(line.startswith("docs/insights.md: field 'tags[0]': unknown role tag 'Chief'; expected a role's short name") for line in lines), lines


def test_freshness_report_lists_overdue_pages(capsys):
    """The freshness report names each page past its review date, with owner and days overdue."""
    from macros.core import freshness

    assert freshness.main(["--docs", str(ROOT / "docs"), "--today", "2000-01-01"]) == 0
    assert capsys.readouterr().out.startswith("0 of ")
    assert freshness.main(["--docs", str(ROOT / "docs"), "--today", "2099-01-01", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "docs/partnership-model.md: owner Chief Technology Officer (CTO), review by " in out
    assert "days overdue" in out and "pages past their review date on 2099-01-01" in out


def test_unknown_anchor_in_a_section_reference(project):
    """A checklist item pointing at a heading that does not exist names the headings it could be."""
    edit(project, "checklist.yml", lambda items: by_id(items, "id", "private-forum").update(
        section="partnership-model.md#start-at-the-bottom"))
    [line] = problems(project)
    assert line.startswith("docs/data/checklist.yml: item 'private-forum' (#")
    assert "field 'section': no anchor '#start-at-the-bottom' on partnership-model.md; expected one of its headings (" in line
    assert "start-at-the-top" in line


def test_malformed_front_matter_is_one_line_with_its_place(project):
    """Broken front matter names the page, the line in the file and what the parser wanted."""
    page = project / "docs/insights.md"
    page.write_text(page.read_text().replace("owner: cpo\n", "owner: [cpo\n", 1))
    (project / "docs/roles.md").write_text("---\ntitle: x\x07\n---\n# Roles\n")
    lines = problems(project)
    assert any(re.match(r"docs/insights\.md: line \d+, column \d+: malformed front matter: ", line) for line in lines), lines
    assert "docs/roles.md: position 12: malformed front matter: character '\\x07' is not allowed in YAML; remove it" in lines


def _outcome(read, text: str) -> tuple:
    """('value', what ``read`` makes of ``text``) or ('error', its YAML error message)."""
    try:
        return "value", read(text)
    except yaml.YAMLError as exc:
        return "error", str(exc)


def _line_outcome(text: str) -> tuple | None:
    """What the line reader makes of ``text``, or None where it leaves it to the other readers."""
    try:
        return "value", yamlfile._records(text)
    except yamlfile._Unusual:
        return None


_SCALARS = st.one_of(st.text(max_size=12), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(),
                     st.dates(), st.sampled_from(["2026-02-30", "1_000", "0x1f", "yes", "~", "<<", "=", ".inf", "01"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(st.text(max_size=6), inner, max_size=4)),
                       max_leaves=12)


@settings(max_examples=int(__import__("os").environ.get("HANDBOOK_FUZZ_EXAMPLES", "400")), deadline=None)
@given(value=_VALUES, style=st.sampled_from([None, False, True]))
def test_the_fast_yaml_path_reads_what_pyyaml_reads(value, style):
    """For any YAML document, the event-built loader gives what PyYAML's own gives, value
    or error message (here written in every style, with unusual scalars spelled out)."""
    text = yaml.safe_dump(value, default_flow_style=style, allow_unicode=True)
    for extra in ("", "\nextra: [1, 2\n", "\n- &a x\n- *a\n", "\n!!str key: 1\n", "\n---\nsecond: doc\n"):
        outcomes = [_outcome(read, text + extra) for read in (yamlfile.load, yamlfile.load_fast)]
        assert outcomes[0] == outcomes[1], (text + extra, outcomes)


@settings(max_examples=int(__import__("os").environ.get("HANDBOOK_FUZZ_EXAMPLES", "400")), deadline=None)
@given(words=st.lists(st.one_of(
    st.sampled_from(["yes", "Yes", "YES", "no", "NO", "on", "On", "off", "OFF", "true", "True", "FALSE", "false",
                     "null", "Null", "NULL", "~", "y", "n", "yess", "nO", "oN", "falsey", "nothing", "offset",
                     "Trueish", "-1", "-x", ".5", ".inf", "=", "<<", "2026-01-01", "0o17", "tea", "on-call"]),
    st.text(alphabet="nNtTfFyYoOeEsSlLuUrRaA-~.0", min_size=1, max_size=7)), min_size=1, max_size=6))
def test_the_fast_yaml_path_reads_plain_words_as_pyyaml_does(words):
    """Plain (unquoted) scalars as a contributor types them, which a dump would quote:
    true/false, yes/no, on/off, null in every spelling, and words that merely start alike."""
    for text in ("".join(f"- {w}\n" for w in words), "".join(f"k{i}: {w}\n" for i, w in enumerate(words))):
        outcomes = [_outcome(read, text) for read in (yamlfile.load, yamlfile.load_fast)]
        assert outcomes[0] == outcomes[1], (text, outcomes)


_KEYS = st.sampled_from(["id", "text", "roles", "tags", "with", "ok", "name_2", "stage", "n", "y"] * 4
                        + ["on", "yes", "no", "null", "true", "off", "2", "a b", "é"])
_WORDS = st.lists(st.sampled_from(["plan", "the", "partner", "it's", "a:", ":b", "#c", "d#e", "-", "- f", "'g'", "h'",
                                   "[i]", "j,", "{k}", "yes", "no", "1", "2.5", "m:n", "x: y", "z #w", "&a", "*b",
                                   "!c", "|", ">", "%", "@", "`", "?", "~", "é", "—", "null"]),
                   min_size=1, max_size=14).map(" ".join)
_TEXTS = st.one_of(
    _WORDS, _WORDS,
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    st.text(alphabet="ab -:#'\"[]{},&*!|>%@`?.0123456789nNoOyYtTfF~=<\n\t\\", max_size=40),
    st.sampled_from(["yes", "No", "ON", "off", "null", "~", "1.5", "2026-01-01", ".inf", "-x", "- x", "a: b", "a #b",
                     "a#b", "x:", "it's", "'q'", '"q"', "[a]", "https://x.y/z#a", "a  b", " a", "a "]))
_RECORDS = st.one_of(*(st.lists(st.dictionaries(_KEYS, st.one_of(texts, st.lists(texts, max_size=3)), min_size=1,
                                                max_size=4), min_size=1, max_size=4)
                       for texts in (_WORDS, _WORDS, _WORDS, _TEXTS)))
_EDITS = st.lists(st.tuples(st.integers(0, 40), st.sampled_from(
    ["", "# a comment", "  # indented comment", "   ", "  extra: line", "    continued", "- x", "  - item",
     "\tkey: tab", "  key:value", "---", "  text: again", "      deeper: x", "  '", "    '", "  k: 'open",
     "    more: text", "    x #y", "    ends:", "    it''s", "    '' x", "  - 'open", "    - z", "  note: a #b",
     "  note: a: b", "  note: x:", "  note: ends ", "  note: 'a b", "    b' ", "    c' tail", "    d'", "  note: yes",
     "  note: [a, b: c]", "  note: [a #b]", "  note: \"x\\ty\""])),
    max_size=3)


@settings(max_examples=int(__import__("os").environ.get("HANDBOOK_FUZZ_EXAMPLES", "400")), deadline=None)
@given(records=_RECORDS, width=st.integers(12, 100), flow=st.sampled_from([False, None]),
       unicode=st.booleans(), edits=st.one_of(st.just([]), _EDITS))
def test_the_line_reader_reads_what_pyyaml_reads(records, width, flow, unicode, edits):
    """Lists of flat records as yaml.safe_dump writes them (any text, folded at any width,
    lists in either style), then with lines put in (comments, blank lines, stray keys and
    indents): the line-by-line reader gives what PyYAML's own loader gives, value or error,
    or leaves the text to the slower readers."""
    lines = yaml.safe_dump(records, default_flow_style=flow, width=width, allow_unicode=unicode).split("\n")
    for at, extra in edits:
        lines.insert(min(at, len(lines)), extra)
    text = "\n".join(lines)
    expected = _outcome(yamlfile.load, text)
    got = _line_outcome(text)
    if got is not None:
        assert got == expected, (text, got, expected)
    if not edits:
        assert ("value", yamlfile.load_fast(text)) == expected, text


_LINE_CASES = {  # text -> whether the line reader must take it (else it may leave it to the others)
    "- text: a #b\n": False, "- text: a: b\n": False, "- text: foo\n    more: text\n": False,
    "- text: foo\n    x #y\n": False, "- text: 'a b\n    c' tail\n": False, "- text: 'a b \n    c'\n": False,
    "- text: 'a\n  b'\n": False, "- text: 'it''s\n    ok'\n": True, "- text: plain\n    folded line\n": True,
    "- a: x\n  a: y\n": False, "- text: ends \n": False, "- roles: [a, b]\n": True, "- roles: []\n": True,
    "- roles:\n  - a\n  - b\n": True, "- roles:\n    - a\n    - b\n": True, "- text: x\n\n    y\n": False,
    "- on: x\n": False, "- text: yes\n": False, "- text: Yes it is\n": True, "- text: x:\n": False,
    "- text: [a #b]\n": False, "- text: [a, b: c]\n": False, '- text: "x\\ty"\n': False,
    "- text: 'a'b'\n": False, "- id: x\n  text: a\n    'b'\n": True, "- id: x\n  text: a\n    - b\n": True,
    "- id: x\n  text: a\n# c\n    b\n": False, "- text: 'a\n# c\n    b'\n": False, "- text: 'a\n    b\n": False,
    "- text: 'a\n    b' \n": False, "- text:\n- id: y\n": False, "- roles:\n  - a\n    - b\n": False,
    "- text: a\n  - b\n": False, "- id: x\n  text: b\n- id: y\n  # a note\n  text: c # not a note\n": False,
    "# head\n- id: x  # trailing\n": False, "---\n- id: x\n": False, "- id: x\n...\n": False,
    "- id: 1x\n": False, "- id: -x\n": False, "- id: x\n   text: y\n": False, "-  id: x\n": False,
    "- id:  x\n": False, "- id:x\n": False, "- text: 'a\n    b \n    c'\n": False, "- roles: [a:b]\n": False,
    "- roles: [a#b]\n": False, "- text: foo\n    bar:\n": False, "- text: foo\n    bar \n": False,
    "- roles: [ a , b ]\n": True, "- roles: ['a, b', c]\n": False, "- text: \"say \"hi\"\"\n": False,
    "- id: x\n  text: \n": False, "- a: \n": False, "- a: [a?b]\n": False, "- a: [z?]\n": False,
    "- " + "k" * 1025 + ": v\n": False, "- a: b\n  " + "k" * 1025 + ": v\n": False,
}


@pytest.mark.parametrize("text", list(_LINE_CASES))
def test_the_line_reader_on_hand_written_edges(text):
    """Comments, colons, quotes that run on or close early, deeper and shallower lines:
    read line by line exactly as PyYAML reads them, or left to the slower readers."""
    expected = _outcome(yamlfile.load, text)
    got = _line_outcome(text)
    assert got == expected if _LINE_CASES[text] else got in (None, expected), (got, expected)
    assert _outcome(yamlfile.load_fast, text) == expected


def test_the_line_reader_takes_the_checklist():
    """The checklist, by far the largest file, and the same shape as yaml.safe_dump writes
    it (what the benchmark's big handbooks hold) are read line by line."""
    text = (ROOT / "docs/data/checklist.yml").read_text(encoding="utf-8")
    assert yamlfile._records(text) == yamlfile.load(text)
    items = yamlfile.load(text)
    dumped = yaml.safe_dump(items, sort_keys=False, allow_unicode=True)
    assert yamlfile._records(dumped) == items


def test_the_data_files_take_the_fast_path():
    """The big data files are what the fast path is for: none of them needs PyYAML's loader."""
    for name in ("checklist.yml", "roles.yml", "paths.yml", "glossary.yml", "selfchecks.yml"):
        text = (ROOT / "docs/data" / name).read_text(encoding="utf-8")
        assert yamlfile._fast(text) == yamlfile.load(text), name


def test_a_role_short_label_is_a_plain_name(project):
    """A role's short label is also its tag: markup in it is refused with what is allowed."""
    edit(project, "roles.yml", lambda items: items[0].update(short='CTO <b>"x"</b>'))
    assert problems(project)[0] == (
        "docs/data/roles.yml: item 'cto' (#1), field 'short': expected a short label (it is also the role's tag): "
        "up to 40 letters, digits, spaces and ' ( ) . , / + -, and & with a space after it ('People & HR'), "
        "got 'CTO <b>\"x\"</b>'")


@pytest.mark.parametrize("source", [
    "# Title\n\nText before.\n\nMore text {{ 1 + 1 }} and after.\n",
    "# Title\n\n  {% if true %}kept{% endif %}\n",
    "# Title\n\nText.   \n{{- 'trimmed' }}\n",
    "{{ 'first' }} at the very start\n",
    "# Title\n\nNo mark at all.\n",
    "# Title\n\n{# a comment #}\nText {{ 2 }}\n",
])
@pytest.mark.parametrize("options", [{}, {"trim_blocks": True, "lstrip_blocks": True}])
def test_jinja_gets_the_page_from_its_first_mark_and_the_result_is_the_same(source, options):
    """mkdocs-macros' pre- and post-macro hooks give Jinja the page from the line of its
    first mark (less to compile) and put the rest back: what comes out is what Jinja
    makes of the whole page, and an error names the same line."""
    from types import SimpleNamespace

    import jinja2

    from macros.engine import macros as module

    jinja = jinja2.Environment(**options)
    env = SimpleNamespace(page=SimpleNamespace(meta={"render_macros": True}), env=jinja, markdown=source)
    module.on_pre_page_macros(env)
    given = env.markdown
    assert given.count("\n") == source.count("\n")
    env.markdown = jinja.from_string(given).render()
    module.on_post_page_macros(env)
    assert env.markdown == jinja.from_string(source).render()
    broken = source + "\n{{ oops( }}\n"
    env = SimpleNamespace(page=SimpleNamespace(meta={"render_macros": True}), env=jinja, markdown=broken)
    module.on_pre_page_macros(env)
    with pytest.raises(jinja2.TemplateSyntaxError) as whole:
        jinja.from_string(broken)
    with pytest.raises(jinja2.TemplateSyntaxError) as part:
        jinja.from_string(env.markdown)
    assert part.value.lineno == whole.value.lineno
    if source.startswith("# Title\n\nText before."):
        assert len(env.markdown.strip("\n")) < len(broken)  # something was set aside
    # with on_error_fail false, mkdocs-macros puts an error page in place of a page that
    # failed: it stays as it is, without the text set aside
    env.markdown = "# _Macro Syntax Error_\n\nLine 6 in Markdown file: unexpected '}'\n"
    module.on_post_page_macros(env)
    assert env.markdown == "# _Macro Syntax Error_\n\nLine 6 in Markdown file: unexpected '}'\n"


def test_one_broken_item_or_field_hides_no_other_problem(project):
    """A role with a field in error still counts as written for the files that name it,
    so their unknown roles are reported in the same run; a page with one field in error
    still has its other fields checked."""
    edit(project, "roles.yml", lambda items: by_id(items, "id", "cto").pop("summary"))
    edit(project, "checklist.yml", lambda items: by_id(items, "id", "private-forum").update(roles=["cto", "cpoo"]))
    page = project / "docs/insights.md"
    page.write_text(re.sub(r"(?m)^owner: .*$", "owner: coo", page.read_text(), count=1)
                    .replace("review_by:", "review_by: never #", 1))
    page = project / "docs/induction/sales.md"
    page.write_text(page.read_text().replace("induction_path: sales", "induction_path: marketing"))
    lines = problems(project)
    assert lines[0] == "docs/data/roles.yml: item 'cto' (#1), field 'summary': missing; this field is required"
    assert any(line.startswith("docs/data/checklist.yml: item 'private-forum' (#") and
               "field 'roles[1]': unknown role 'cpoo'" in line for line in lines), lines
    assert any(line.startswith("docs/insights.md: field 'review_by': ") for line in lines), lines
    assert any(line.startswith("docs/insights.md: field 'owner': unknown role 'coo'") for line in lines), lines
    assert "docs/induction/sales.md: field 'induction_path': expected 'sales' (the page of role 'sales'), " \
           "got 'marketing'" in lines, lines
    assert len(lines) == 5, lines


def test_a_glossary_phrase_names_one_term(project):
    """The same phrase as two terms' term or alias (whatever its case) would link to either:
    one line naming the second."""
    def change(items):
        items[1]["aliases"] = [*items[1].get("aliases", []), items[0]["term"].upper()]
    edit(project, "glossary.yml", change)
    items = yaml.safe_load((project / "docs/data/glossary.yml").read_text())
    alias = len(items[1]["aliases"]) - 1
    assert problems(project) == [
        f"docs/data/glossary.yml: item '{items[1]['id']}' (#2), field 'aliases[{alias}]': "
        f"'{items[0]['term'].upper()}' is already the term or an alias of '{items[0]['id']}'; a phrase links to "
        "one term, so name it once"
    ]


def test_a_reference_names_an_anchor_its_page_shows(project):
    """A data id as an anchor is accepted on the page that shows that record only: a
    glossary term's id on the partnership model page would be a broken link."""
    term = yaml.safe_load((project / "docs/data/glossary.yml").read_text())[0]["id"]
    edit(project, "checklist.yml", lambda items: items[0].update(section=f"partnership-model.md#{term}"))
    edit(project, "glossary.yml", lambda items: items[1].update(see=f"glossary.md#{term}"))
    [line] = problems(project)
    assert f"field 'section': no anchor '#{term}' on partnership-model.md; expected one of its headings (" in line
    assert line.endswith("or the id of a data item shown there"), line


def test_an_anchor_written_twice_on_a_page_is_a_problem(project):
    """A data id that is also the anchor of a heading on a page that shows it (one every
    role's page has, a stage of the all-items list, or the page's own) would be an id
    twice on the page: one line for all the pages it is on."""
    def rename(items):
        items[0]["id"], items[1]["id"] = "reading", "first-week"
    first, second = (i["id"] for i in yaml.safe_load((project / "docs/data/checklist.yml").read_text())[:2])
    edit(project, "checklist.yml", rename)
    releases = project / "docs/data/releases.yml"
    releases.write_text(releases.read_text().replace(f"{first}:", "reading:").replace(f"{second}:", "first-week:"))
    term = yaml.safe_load((project / "docs/data/glossary.yml").read_text())[0]
    page = project / "docs/glossary.md"
    page.write_text(page.read_text() + f"\n## Another heading {{#{term['id']}}}\n")
    lines = problems(project)
    assert f"docs/glossary.md: anchor '#{term['id']}' is written twice, for the page's heading 'Another heading' " \
           f"and for glossary term '{term['id']}'; an anchor must be unique on its page, so rename one (a data " \
           "id, or a heading's {#anchor})" in lines, lines
    assert any(line.startswith("docs/checklist-items.md: anchor '#first-week' is written twice, for the heading of "
                               "the stage 'First week' and for checklist item 'first-week'") for line in lines), lines
    assert any(re.match(r"docs/induction/\S+ \(and \d+ more pages\): anchor '#reading' is written twice, for the "
                        r"heading every role's page has '#reading' and for checklist item 'reading'", line)
               for line in lines), lines


def test_an_item_is_numbered_by_its_place_in_the_file(project):
    """With an invalid item before it, an item's '#n' is still its place in the file."""
    def change(items):
        items[0]["level"] = 9
        items[2]["pairs_with"] = [*items[2]["pairs_with"], "nobody"]
    edit(project, "roles.yml", change)
    items = yaml.safe_load((project / "docs/data/roles.yml").read_text())
    lines = problems(project)
    assert any(line.startswith(f"docs/data/roles.yml: item '{items[2]['id']}' (#3), field 'pairs_with[") and
               "unknown role 'nobody'" in line for line in lines), lines


def test_a_length_is_counted_as_it_is_checked(project):
    """A description folded onto its own line keeps a line break the check leaves out; the
    message counts what was checked (not 'expected at least 50, got 50')."""
    page = project / "docs/glossary.md"
    text = "x" * 49
    page.write_text(re.sub(r"(?m)^description: .*$", f"description: >\n  {text}", page.read_text(), count=1))
    assert problems(project) == [
        f"docs/glossary.md: field 'description': expected at least 50 characters, got 49: '{text[:36]}..."]


def test_a_module_question_has_an_id_of_its_own(project):
    """A CTO module's self-check question is linked by its id (so a question added in front
    moves no link): one is required, and it is unique across the data like any id."""
    def change(modules):
        del modules[0]["selfcheck"][0]["id"]
        modules[2]["selfcheck"][0]["id"] = modules[1]["selfcheck"][0]["id"]
        modules[3]["selfcheck"][0]["id"] = "read-the-model"

    edit(project, "modules.yml", change)
    modules = yaml.safe_load((project / "docs/data/modules.yml").read_text())
    assert problems(project) == [
        "docs/data/modules.yml: item 'feasibility-and-scale' (#1), field 'selfcheck[0].id': missing; "
        "this field is required",
        f"docs/data/modules.yml: item '{modules[2]['id']}' (#3), field 'selfcheck[0].id': duplicate id "
        f"'{modules[1]['selfcheck'][0]['id']}', already used in this file; ids become anchors and must be unique "
        "across the data",
        "docs/data/checklist.yml: item 'read-the-model' (#1), field 'id': duplicate id 'read-the-model', already "
        "used in docs/data/modules.yml; ids become anchors and must be unique across the data",
    ]



def test_a_title_is_text_and_a_tag_no_character_reference(project):
    """A page title holding a Jinja mark would be run by the engines and printed as HTML
    by the theme; a role's short label (also its tag, which the theme prints as HTML) may
    hold '&' only as a word of its own ('People & HR'), never a reference like '&amp'."""
    page = project / "docs/run-an-induction.md"
    page.write_text(re.sub(r"(?m)^title: .*$", 'title: "Run {{ 7*7 }} inductions {% raw %}"', page.read_text(), count=1))
    edit(project, "roles.yml", lambda roles: (roles[0].update(short="R&amp Ops"), roles[1].update(short="People & HR")))
    found = problems(project)
    assert "docs/run-an-induction.md: field 'title': a title is shown as written and may not hold '{{' or '{%', " \
           "which the engines would run as Jinja, got 'Run {{ 7*7 }} inductions {% raw %}'" in found
    shorts = [p for p in found if "field 'short'" in p]
    assert shorts == ["docs/data/roles.yml: item 'cto' (#1), field 'short': expected a short label (it is also the "
                      "role's tag): up to 40 letters, digits, spaces and ' ( ) . , / + -, and & with a space after it "
                      "('People & HR'), got 'R&amp Ops'"]


@pytest.mark.parametrize("name, content", [("modules.yml", "- id: x\n\ttitle: y\n"), ("rights.yml", "")])
def test_an_unreadable_file_is_one_problem_not_many(project, name, content):
    """A data file that cannot be read is its own one problem: references elsewhere whose
    anchor might be one of its ids are not reported as broken (they are checked once it reads)."""
    (project / "docs/data" / name).write_text(content)
    found = problems(project)
    assert len(found) == 1 and found[0].startswith(f"docs/data/{name}: "), found


def test_a_reference_may_name_a_module_question(project):
    """A CTO module's self-check question is an anchor on its page that data may link to."""
    path = project / "docs/data/checklist.yml"
    path.write_text(path.read_text().replace("section: cto-product-success.md#collaboration",
                                             "section: cto-product-success.md#collaboration-check-1", 1))
    load(project / "docs")


def test_each_role_has_a_short_label_of_its_own(project):
    """A short label is also the role's tag: two roles with one would share a tag and read
    twice in the cascade, so the second is a problem, named with the role that has it."""
    edit(project, "roles.yml", lambda roles: roles[1].update(short=roles[0]["short"]))
    roles = yaml.safe_load((project / "docs/data/roles.yml").read_text())
    assert (f"docs/data/roles.yml: item '{roles[1]['id']}' (#2), field 'short': '{roles[0]['short']}' is already the "
            f"short label of role '{roles[0]['id']}'; a short label is also the role's tag, so each role needs its "
            "own") in problems(project)


def test_version_date_and_number_messages_say_how_to_write_them(project):
    """A version written 'v1.1' or as a bare number, a date in another form, and an empty
    date each get a message that says how to write it."""
    log = project / "docs/data/changelog.yml"
    log.write_text(log.read_text().replace("version: '1.0'", "version: v1.0", 1).replace('version: "1.0"', "version: v1.0", 1))
    releases = project / "docs/data/releases.yml"
    text = releases.read_text()
    releases.write_text(re.sub(r"(?m)^- version: .*$", "- version: 1.10", text, count=1)
                        .replace("  date: ", "  date: null\n  was_date: ", 1))
    page = project / "docs/insights.md"
    page.write_text(re.sub(r"(?m)^review_by: .*$", "review_by: 10 December 2026", page.read_text(), count=1))
    found = problems(project)
    assert any("changelog.yml" in p and "field 'version': expected a version number such as '1.1' or '1.1.2', "
               "in quotes (no 'v'), got 'v1.0'" in p for p in found), found
    assert any("releases.yml" in p and "field 'version': expected a valid string, got a number 1.1; write it in "
               "quotes to keep it as written" in p for p in found), found
    assert any("releases.yml" in p and "field 'date': expected a valid date, got nothing" in p for p in found), found
    assert ("docs/insights.md: field 'review_by': expected a date written YYYY-MM-DD (e.g. 2027-05-31), "
            "got '10 December 2026'") in found, found
