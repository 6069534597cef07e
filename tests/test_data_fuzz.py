"""Property-based tests: whatever a contributor writes, the loader answers with the
handbook or with DataError lines, never a traceback, and never accepts bad data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core.load import DataError, load
from macros.core.model import FILES
from tests.conftest import ROOT

SETTINGS = settings(max_examples=int(os.environ.get("HANDBOOK_FUZZ_EXAMPLES", "120")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = sorted(FILES)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.dates())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "docs"
    shutil.copytree(ROOT / "docs", target)
    return target


def original(name: str) -> str:
    return (ROOT / "docs" / "data" / name).read_text(encoding="utf-8")


def attempt(docs: Path, name: str, content: str) -> None:
    """Write one data file, load, and check the only two allowed outcomes."""
    path = docs / "data" / name
    path.write_text(content, encoding="utf-8")
    try:
        load(docs)
    except DataError as exc:
        assert exc.problems, "a DataError must say what is wrong"
        for line in exc.problems:
            assert line.startswith("docs/"), line
            assert "\n" not in line and "Traceback" not in line, line
        return
    finally:
        path.write_text(original(name), encoding="utf-8")


@SETTINGS
@given(name=st.sampled_from(NAMES), text=st.text(max_size=300))
def test_any_text_gives_handbook_or_clear_error(docs, name, text):
    """Arbitrary text in any data file never escapes as another exception."""
    attempt(docs, name, text)


@SETTINGS
@given(name=st.sampled_from(NAMES), value=values)
def test_any_yaml_shape_gives_handbook_or_clear_error(docs, name, value):
    """Arbitrary YAML documents (any nesting of any values) are answered with DataError or accepted."""
    attempt(docs, name, yaml.safe_dump(value, allow_unicode=True))


def mutated(name: str, data: st.DataObject) -> tuple[list, str]:
    """A copy of the real file's items with one field broken in a way the model forbids."""
    items = yaml.safe_load(original(name))
    index = data.draw(st.integers(0, len(items) - 1))
    item = items[index]
    field = data.draw(st.sampled_from(sorted(item)))
    how = data.draw(st.sampled_from(["drop", "wrong-type", "unknown-field"]))
    fields = {info.alias or key: info for key, info in FILES[name].model_fields.items()}
    if how == "drop" and fields[field].is_required():
        del item[field]
    elif how == "unknown-field":
        item[data.draw(st.text("abcxyz_", min_size=3, max_size=10).filter(lambda k: k not in fields))] = 1
    else:
        how = "wrong-type"
        current = item[field]
        if isinstance(current, list):
            item[field] = data.draw(st.one_of(st.integers(), st.dictionaries(st.text(min_size=1), st.integers(), min_size=1)))
        elif isinstance(current, int) and not isinstance(current, bool):
            item[field] = data.draw(st.one_of(st.lists(st.integers(), min_size=1), st.text(alphabet="xyz", min_size=1)))
        else:
            item[field] = data.draw(st.one_of(st.lists(st.text(), min_size=1), st.dictionaries(st.text(min_size=1), st.integers(), min_size=1)))
    return items, f"{how} of '{field}' in item #{index + 1}"


@SETTINGS
@given(name=st.sampled_from([n for n in NAMES if yaml.safe_load(original(n))]), data=st.data())
def test_invalid_data_is_never_accepted(docs, name, data):
    """A dropped required field, a wrong type or an unknown field always stops the load."""
    items, what = mutated(name, data)
    path = docs / "data" / name
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True), encoding="utf-8")
    try:
        with pytest.raises(DataError) as caught:
            load(docs)
    finally:
        path.write_text(original(name), encoding="utf-8")
    assert any(line.startswith(f"docs/data/{name}: ") for line in caught.value.problems), (what, caught.value.problems)
