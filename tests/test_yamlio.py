"""Big YAML lists parsed on two cores give exactly what one parse gives, errors included."""

from __future__ import annotations

import os
import threading

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros import yamlio
from macros.data import DataError, load
from tests.conftest import ROOT


def big_list(items: int = 2500) -> str:
    """A checklist-like YAML list well past the size at which it is split."""
    text = "# a comment first\n\n" + "".join(
        f"- id: item-{n:05d}\n  roles: [engineer, designer]\n  stage: first-week\n"
        f"  text: \"Item {n}: do the thing - then - the other; 'quoted' and: colons\"\n"
        f"  minutes: {n % 60}\n  due: 2027-01-{n % 28 + 1:02d}\n  optional: {'yes' if n % 2 else 'no'}\n"
        for n in range(items))
    return text


def test_split_parse_equals_one_parse():
    text = big_list()
    assert len(text) > yamlio.SPLIT_FROM and yamlio._halves(text) is not None
    whole = yaml.load(text, Loader=yamlio.UniqueKeyLoader)  # noqa: S506
    assert yamlio.load(text) == whole
    assert len(whole) == 2500 and whole[-2]["optional"] is False and whole[7]["due"].day == 8


@pytest.mark.parametrize("where", ["first half", "second half"])
def test_an_error_in_either_half_reads_as_in_one_parse(where):
    text = big_list()
    lines = text.splitlines(keepends=True)
    stages = [n for n, line in enumerate(lines) if line.startswith("  stage:")]
    at = stages[10] if where == "first half" else stages[-10]
    lines[at] = "  stage: [first-week\n"
    broken = "".join(lines)
    with pytest.raises(yaml.YAMLError) as whole:
        yaml.load(broken, Loader=yamlio.UniqueKeyLoader)  # noqa: S506
    with pytest.raises(yaml.YAMLError) as split:
        yamlio.load(broken)
    assert str(split.value) == str(whole.value)


def test_a_duplicate_key_in_the_second_half_is_caught_with_its_line(project):
    path = project / "docs/data/checklist.yml"
    items = yaml.safe_load(path.read_text())
    items = items * (yamlio.SPLIT_FROM // len(path.read_text()) + 2)  # duplicate ids too, reported after
    text = yaml.safe_dump(items, sort_keys=False, allow_unicode=True)
    lines = text.splitlines(keepends=True)
    at = next(n for n in range(len(lines) - 1, 0, -1) if lines[n].startswith("  stage:"))
    lines.insert(at, lines[at])
    path.write_text("".join(lines))
    with pytest.raises(DataError) as caught:
        load(project / "docs")
    assert caught.value.problems == [
        f"docs/data/checklist.yml: line {at + 2}, column 3: malformed YAML: "
        "duplicate key 'stage' (a key may appear once per item)"]


def test_not_a_plain_list_is_parsed_whole():
    mapping = "items:\n" + "".join(f"  - id: x{n}\n" for n in range(40_000))
    assert yamlio._halves(mapping) is None
    assert len(yamlio.load(mapping)["items"]) == 40_000
    documents = big_list(10) + "---\n" + big_list()
    assert yamlio._halves(documents) is None


def test_with_other_threads_running_it_stays_in_one_process(monkeypatch):
    forked = []
    monkeypatch.setattr(yamlio, "_fork_parse", lambda text: forked.append(text))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert len(yamlio.load(big_list())) == 2500
    finally:
        stop.set()
        thread.join()
    assert forked == []


def test_real_data_loads_the_same_either_way(monkeypatch):
    split = load(ROOT / "docs")
    monkeypatch.setattr(yamlio, "SPLIT_FROM", 10**12)
    assert load(ROOT / "docs").checklist == split.checklist


# Fragments of YAML that PyYAML treats in every way the event reader must match or
# hand over: types by first character, quoting, tags, anchors, merge keys, complex
# and duplicate keys, block scalars, flow collections, more documents, broken syntax.
_FRAGMENTS = [
    "a: 1", "a: 2", "b: text", "c: yes", "d: ~", "e:", "f: 2026-02-28", "g: 2026-02-30", "h: 1e3",
    "i: .nan", "j: -.inf", "k: 0x1f", "l: 0o17", "m: 1_000", "n: 2001-12-14t21:59:43.10-05:00",
    "o: 'quoted: 1'", 'p: "esc\\tape"', "q: !!str 12", "r: ! 12", "s: !!int x", "t: !custom x",
    "u: &anchor 5", "v: *anchor", "<<: {w: 1}", "= : x", "? [1, 2]\n: pair", "? |\n  block\n: key",
    "x: [1, two, {three: 3}]", "y: {a: 1, a: 2}", "z: |\n  line one\n  line two", "'1': quoted key",
    "1: plain key", "---", "...", "- item", "- - nested", "  - indented", "key: [unclosed", "@reserved",
    "tab:\tafter", "null: ~", "true: false", "Yes: No", "01: 010", "- 3.14", "- -0", "- +1",
    "list:\n  - a\n  - b", "map:\n  k: v\n  k2: v2", "%YAML 1.1\n---", "# a comment", "",
]


@settings(max_examples=int(os.environ.get("HANDBOOK_FUZZ_EXAMPLES", "300")), deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=8), st.sampled_from(["", "- ", "  "]))
def test_the_event_reader_gives_what_pyyaml_gives(fragments, indent):
    """For any text, the fast path returns what PyYAML's loader returns or raises the
    error it raises, message and line included."""
    text = "\n".join(indent + line if n % 2 else line for n, line in enumerate(fragments)) + "\n"
    try:
        expected = ("ok", repr(yaml.load(text, Loader=yamlio.UniqueKeyLoader)))  # noqa: S506
    except yaml.YAMLError as exc:
        expected = ("error", str(exc))
    try:
        got = ("ok", repr(yamlio.load(text)))
    except yaml.YAMLError as exc:
        got = ("error", str(exc))
    assert got == expected


def test_the_event_reader_builds_our_data_without_pyyaml(monkeypatch):
    """The real data files are all of the shape the fast path builds itself."""
    monkeypatch.setattr(yaml, "load", lambda *args, **kwargs: pytest.fail("handed to PyYAML"))
    for path in sorted((ROOT / "docs/data").glob("*.yml")):
        assert yamlio.load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("value", "problem"), [
    ("2026-02-30", "'2026-02-30' is not a date (day is out of range for month)"),
    ("2026-13-01 10:00:00", "'2026-13-01 10:00:00' is not a date (month must be in 1..12)"),
])
def test_an_impossible_date_is_a_clear_error_with_its_line(project, value, problem):
    path = project / "docs/data/changelog.yml"
    lines = path.read_text().splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("  date:"))
    lines[at] = f"  date: {value}\n"
    path.write_text("".join(lines))
    with pytest.raises(DataError) as caught:
        load(project / "docs")
    assert caught.value.problems == [f"docs/data/changelog.yml: line {at + 1}, column 9: malformed YAML: {problem}"]
