"""Load, validate and cross-check the handbook data under docs/data.

``load(docs_dir)`` returns a :class:`Handbook` or raises :class:`DataError`
listing *every* problem found, one line each, in the form::

    docs/data/roles.yml: item 'cto' (#1), field 'pairs_with[0]': unknown role 'ctoo'; expected one of: cpo, ...

Nothing here knows about a site generator: the engine layer (:mod:`macros.engine`)
calls :func:`load_cached` and reports a :class:`DataError` its own way.
"""

from __future__ import annotations

import functools
import gc
import os
import re
import sys
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
import jinja2.nodes
import yaml
from markdown.extensions.toc import slugify
from pydantic import TypeAdapter, ValidationError

from macros.core import model, yamlfile
from macros.core.model import FILES, OPTIONAL_FILES, STAGES, ChecklistItem, Record

DATA_DIR = "data"
INDUCTION_DIR = "induction"  # docs/induction/<role id>.md: one page per role, 'induction_path: <role id>'

# What each id-like pattern means, for messages a contributor can act on.
_PATTERN_HELP = {
    model.Id.__metadata__[0].pattern: "an id of lower-case letters, digits and single hyphens (e.g. 'tech-lead')",
    model.CarryId.__metadata__[0].pattern: "a content-map id such as 'PM-3' or 'RR-T1'",
    model.PageRef.__metadata__[0].pattern: (
        "a page path under docs/ with an optional anchor (e.g. 'partnership-model.md#the-cascade')"
    ),
    model.PagePath.__metadata__[0].pattern: "a page path under docs/ (e.g. 'partnership-model.md')",
    model.ShortLabel.__metadata__[0].pattern: (
        "a short label (it is also the role's tag): up to 40 letters, digits, spaces and ' ( ) . , / + -, "
        "and & with a space after it ('People & HR')"
    ),
    model.Version.__metadata__[0].pattern: "a version number such as '1.1' or '1.1.2', in quotes (no 'v')",
}
# The field that names an item in messages, per file (default 'id').
_KEY_FIELD = {"paths.yml": "role", "changelog.yml": "version", "releases.yml": "version"}


class DataError(Exception):
    """The data is invalid. ``problems`` holds one human-readable line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Handbook:
    """The validated handbook data, indexed for the renderers."""

    sources: dict[str, model.Source]
    roles: dict[str, model.Role]
    modules: dict[str, model.Module]
    rights: dict[str, model.RightPair]
    checklist: dict[str, model.ChecklistItem]
    paths: dict[str, model.Path]
    readings: dict[str, model.Reading]
    glossary: dict[str, model.Term]
    changelog: list[model.Change]
    selfchecks: dict[str, model.PageCheck] = field(default_factory=dict)
    releases: list[model.Release] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    pages: dict[str, model.PageMeta] = field(default_factory=dict)
    by_role: dict[str, list[ChecklistItem]] = field(default_factory=dict)
    checks_by_page: dict[str, list[model.PageCheck]] = field(default_factory=dict)
    # page -> the anchors it gets from the data (its macros, role's path, self-checks)
    anchors: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_role = _by_role(self.checklist)
        self.checks_by_page = _by_page(self.selfchecks)

    def holdings(self) -> dict[str, dict[str, str]]:
        """What the data holds, as a release records it: checklist item id -> text, right
        id -> title, CTO module id -> title."""
        return {"checklist": {i.id: i.text for i in self.checklist.values()},
                "rights": {r.id: r.title for r in self.rights.values()},
                "modules": {m.id: m.title for m in self.modules.values()}}

    @functools.cached_property
    def renamed(self) -> dict[str, str]:
        """A checklist item's former id -> its id now (its 'formerly')."""
        return {old: item.id for item in self.checklist.values() for old in item.formerly}

    @functools.cached_property
    def retired_items(self) -> dict[str, str]:
        """Checklist items an earlier release held and the data no longer does, under any
        id (a renamed item is not retired): id -> text."""
        return {i: t for r in self.releases for i, t in r.checklist.items()
                if i not in self.checklist and i not in self.renamed}

    def source_for(self, carry_id: str) -> model.Source:
        prefix = carry_id.split("-", 1)[0]
        for source in self.sources.values():
            if prefix in source.prefixes:
                return source
        raise KeyError(carry_id)


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*$")


def _by_role(checklist: dict[str, ChecklistItem]) -> dict[str, list[ChecklistItem]]:
    """Each role's checklist items, in course order (the stages'), else in file order."""
    order = list(STAGES)
    by_role: dict[str, list[ChecklistItem]] = defaultdict(list)
    for item in checklist.values():
        for role in item.roles:
            by_role[role].append(item)
    return {role: sorted(items, key=lambda i: order.index(i.stage)) for role, items in by_role.items()}


def _by_page(selfchecks: dict[str, model.PageCheck]) -> dict[str, list[model.PageCheck]]:
    """Each page's self-check questions, in file order."""
    checks: dict[str, list[model.PageCheck]] = defaultdict(list)
    for check in selfchecks.values():
        checks[check.page].append(check)
    return dict(checks)


def outline(docs_dir: Path, page: str) -> tuple[str, dict[str, str]]:
    """(title, {anchor: heading text}) of a Markdown page, read from its source."""
    path = docs_dir / page
    source = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    meta = front_matter(source)[0] or {}
    headings = _headings(source)
    return str(meta.get("title") or next(iter(headings.values()), None) or page), headings


def _headings(source: str) -> dict[str, str]:
    """{anchor: heading text} of a page's own Markdown headings, in order."""
    headings: dict[str, str] = {}
    if source.startswith("---"):  # front matter: a '#' line there is a YAML comment
        end = source.find("\n---", 3)
        source = source[end + 4:] if end >= 0 else source
    for line in (_FENCE.sub("", source) if "```" in source or "~~~" in source else source).splitlines():
        # (a '#' line in a code block is no heading)
        match = _HEADING.match(line) if line.startswith("#") else None
        if match:
            label = re.sub(r"^\d+\.\s+", "", re.sub(r"[*_`]", "", match.group(2))).strip()
            headings.setdefault(match.group(3) or slugify(label, "-"), label)
    return headings


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _safe(text: object) -> str:
    """Text for a one-line message: control characters and line breaks shown escaped."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(text))


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "nothing"}.get(type(value), type(value).__name__)


def _explain(err: dict) -> str:
    """Turn one pydantic error into 'what was expected, what was found'."""
    kind, found = err["type"], err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "missing; this field is required"
    if kind == "extra_forbidden":
        return "unknown field; remove it or check its spelling"
    if kind == "string_pattern_mismatch":
        wanted = _PATTERN_HELP.get(ctx.get("pattern"), f"text matching {ctx.get('pattern')}")
        return f"expected {wanted}, got {_short(found)}"
    text = found.strip() if isinstance(found, str) else found  # (text is checked without its outer spaces)
    if kind == "string_too_short" and isinstance(text, str) and text and ctx.get("min_length", 1) > 1:
        return f"expected at least {ctx['min_length']} characters, got {len(text)}: {_short(text)}"
    if kind in {"string_too_short", "too_short"} and isinstance(found, (str, list)):
        return "expected a non-empty value, got an empty one"
    if kind == "string_too_long" and isinstance(text, str):
        return f"expected at most {ctx.get('max_length')} characters, got {len(text)}: {_short(text)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"expected true or false, got {_type_name(found)} {_short(found)}"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"} and isinstance(found, str):
        return f"expected a date written YYYY-MM-DD (e.g. 2027-05-31), got {_short(found)}"
    message = err["msg"].replace("Input should be", "expected").replace("Value error, ", "")
    if found is None:
        message = f"{message}, got nothing"
    elif kind == "string_type" and isinstance(found, (int, float)) and not isinstance(found, bool):
        message = f"{message}, got a number {_short(found)}; write it in quotes to keep it as written"
    elif kind.endswith("_type") or kind in {"model_type", "dict_type", "list_type"}:
        message = f"{message}, got {_type_name(found)} {_short(found)}".rstrip()
    elif not isinstance(found, (dict, list)):
        message = f"{message}, got {_short(found)}"
    return message


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{_safe(part)}" if out else _safe(part))
    return out


class _Report:
    """Collects problems as 'file: item, field: what is wrong'."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def line(self, message: str) -> None:
        self.problems.append(_safe(message))

    def add(self, file: str, message: str, item: str | None = None, field_: str | None = None) -> None:
        where = [f"docs/{DATA_DIR}/{file}"]
        detail = ", ".join(part for part in (item, f"field '{field_}'" if field_ else None) if part)
        self.problems.append(_safe(f"{where[0]}: {detail + ': ' if detail else ''}{message}"))


def _item_label(raw: Any, index: int, key: str) -> str:
    if isinstance(raw, dict) and isinstance(raw.get(key), (str, int, float)) and not isinstance(raw.get(key), bool):
        return f"item '{_safe(raw[key])}' (#{index + 1})"
    return f"item #{index + 1}"


def _yaml_problem(exc: yaml.YAMLError, what: str, first_line: int = 1, first_position: int = 0) -> str:
    """One line saying where a YAML text is broken and how ('line 3, column 5: <what>: ...').
    first_line and first_position place the parsed text in its file."""
    if isinstance(exc, yaml.reader.ReaderError):
        char = chr(exc.character)
        return f"position {exc.position + first_position}: {what}: character {char!r} is not allowed in YAML; remove it"
    mark = getattr(exc, "problem_mark", None)
    at = f"line {mark.line + first_line}, column {mark.column + 1}: " if mark else ""
    problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None and mark is not None and context_mark.line != mark.line:
        # where the broken part began: an unclosed quote is found lines later
        problem += f" ({' '.join(context.split())} that starts on line {context_mark.line + first_line})"
    return f"{at}{what}: {problem}"


def _read_yaml(path: Path, name: str, report: _Report) -> list | None:
    if not path.is_file():
        if name in OPTIONAL_FILES:
            return []
        report.add(name, f"file not found; expected a YAML list of items at {path}")
        return None
    try:
        raw = yamlfile.load_fast(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        report.add(name, f"not UTF-8 text ({exc.reason}); save the file as UTF-8")
        return None
    except yaml.YAMLError as exc:
        report.add(name, _yaml_problem(exc, "malformed YAML"))
        return None
    if raw is None:
        if name in OPTIONAL_FILES:
            return []
        report.add(name, "the file is empty; expected a YAML list of items")
        return None
    if not isinstance(raw, list):
        report.add(name, f"expected a YAML list of items ('- id: ...') at the top level, got {_type_name(raw)}")
        return None
    return raw


@functools.cache
def _list_of(kind: type[Record]) -> TypeAdapter:
    return TypeAdapter(list[kind])


def _validate_items(name: str, raw: list, kind: type[Record], report: _Report) -> list[tuple[int, Record]]:
    try:  # one call for the whole list (twice as fast); item by item only to report what is wrong
        return list(enumerate(_list_of(kind).validate_python(raw)))
    except ValidationError:
        pass
    key = _KEY_FIELD.get(name, "id")
    good: list[tuple[int, Record]] = []
    for index, item in enumerate(raw):
        label = _item_label(item, index, key)
        if not isinstance(item, dict):
            report.add(name, f"expected a mapping of fields, got {_type_name(item)} {_short(item)}", label)
            continue
        try:
            good.append((index, kind.model_validate(item)))
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                report.add(name, _explain(err), label, _field_path(err["loc"]) or None)
    return good


class _Table(dict):
    """A file's valid records by key, and each one's place in the file (``places``; a
    file with invalid items holds fewer records than items)."""

    places: dict[str, int]


def _index(name: str, items: list[tuple[int, Record]], report: _Report, seen: dict[str, str]) -> dict:
    """Index records by key, reporting ids used twice (in this file or in another)."""
    key = _KEY_FIELD.get(name, "id")
    out = _Table()
    out.places = {}
    for index, record in items:
        value = str(getattr(record, key))
        label = f"item '{value}' (#{index + 1})"
        if value in out:
            report.add(name, f"duplicate {key} '{value}'; each {key} must be unique in the file", label, key)
            continue
        if key == "id" and value in seen:
            report.add(name, f"duplicate id '{value}', already used in docs/{DATA_DIR}/{seen[value]}; "
                             "ids become anchors and must be unique across the data", label, key)
            continue
        if key == "id":
            seen[value] = name
        out[value] = record
        out.places[value] = index + 1
    return out


def _question_ids(modules: dict) -> list[str]:
    """The ids of the CTO modules' self-check questions (anchors on the modules' page)."""
    return [question.id for module in modules.values() for question in module.selfcheck]


def _index_questions(modules: _Table, report: _Report, seen: dict[str, str]) -> None:
    """A CTO module's self-check ids are anchors too: unique across the data."""
    for key, module in modules.items():
        for i, question in enumerate(module.selfcheck):
            if question.id in seen:
                where = "this file" if seen[question.id] == "modules.yml" else f"docs/{DATA_DIR}/{seen[question.id]}"
                report.add("modules.yml", f"duplicate id '{question.id}', already used in {where}; ids become "
                                          "anchors and must be unique across the data",
                           f"item '{key}' ({_position(modules, key)})", f"selfcheck[{i}].id")
            else:
                seen[question.id] = "modules.yml"


def _check_formerly(checklist: _Table, seen: dict[str, str], report: _Report) -> None:
    """A checklist item's former ids are anchors too: each names no record of today (a
    link to it would land there instead) and no other item's former id."""
    claimed: dict[str, str] = {}
    for key, item in checklist.items():
        for i, old in enumerate(item.formerly):
            at = f"item '{key}' ({_position(checklist, key)})"
            if old in seen:
                where = "this file" if seen[old] == "checklist.yml" else f"docs/{DATA_DIR}/{seen[old]}"
                report.add("checklist.yml", f"'{old}' is the id of a record in {where} now; a former id is one no "
                                            "record has any more", at, f"formerly[{i}]")
            elif old in claimed:
                report.add("checklist.yml", f"'{old}' is already a former id of item '{claimed[old]}'; a link to "
                                            "it can land on one item only", at, f"formerly[{i}]")
            else:
                claimed[old] = key


def version_key(version: str) -> tuple[int, ...]:
    """'1.10' sorts after '1.9'."""
    return tuple(int(part) for part in version.split("."))


def _position(records: _Table, key: str) -> str:
    """'#n', the item's place in its file."""
    return f"#{records.places[key]}"


def _check_refs(name: str, records: dict, field_: str, known: dict | None, what: str,
                report: _Report) -> None:
    if known is None:  # the file it refers to is itself broken; its own errors say why
        return
    for key, record in records.items():
        values = getattr(record, field_)
        values = values if isinstance(values, list) else [values]
        for i, value in enumerate(values):
            if value not in known:
                choices = ", ".join(sorted(known))
                name_ = field_.rstrip("_")  # 'with_' is written 'with' in the file
                at = f"{name_}[{i}]" if isinstance(getattr(record, field_), list) else name_
                report.add(name, f"unknown {what} '{value}'; expected one of: {choices}",
                           f"item '{key}' ({_position(records, key)})", at)


class _Anchors(NamedTuple):
    """What a reference's anchor may name besides a heading of its page: a data id the
    page shows (``shown``: page -> its anchors from data); any data id (``data_ids``) on a
    page whose front matter could not be read, or when ``shown`` is None."""

    data_ids: set[str] | None  # None: a data file could not be read, so any anchor may be one of its ids
    shown: dict[str, set[str]] | None
    readable: set[str]  # pages whose front matter and macro calls are right

    def on(self, page: str, anchor: str) -> bool:
        if self.data_ids is None:
            return True  # (the unreadable file's own problem comes first; then this is checked)
        if self.shown is None or page not in self.readable:
            return anchor in self.data_ids
        return anchor in self.shown.get(page, ())


def _ref_ok(docs_dir: Path, page: str, anchor: str, outlines: dict, anchors: _Anchors) -> bool:
    if page not in outlines:
        if not (docs_dir / page).is_file():
            return False
        outlines[page] = outline(docs_dir, page)
    return not anchor or anchor in outlines[page][1] or anchors.on(page, anchor)


def _check_pages(name: str, records: dict, getter, docs_dir: Path, report: _Report,
                 outlines: dict, anchors: _Anchors) -> None:
    """Each reference names an existing page and, if it has one, an anchor on it:
    a heading of the page or the id of a data item (which the page's macros render)."""
    for key, record in records.items():
        for field_, ref in getter(record):
            if ref is None:
                continue
            page, _, anchor = ref.partition("#")
            if _ref_ok(docs_dir, page, anchor, outlines, anchors):
                continue
            where = f"item '{key}' ({_position(records, key)})"
            if page not in outlines:  # _ref_ok reads the outline of every page that exists
                report.add(name, f"no page '{page}' under docs/; expected the path of an existing page", where, field_)
            else:
                choices = ", ".join(list(outlines[page][1])[:12])
                report.add(name, f"no anchor '#{anchor}' on {page}; expected one of its headings ({choices}) "
                                 "or the id of a data item shown there", where, field_)


def _anchors(shows: dict[str, list[tuple[str, str | None]]], headings: dict[str, dict[str, str]], tables: dict,
             report: _Report) -> dict[str, set[str]]:
    """The anchors each page that shows data gets from it (its macros, its role's path,
    its self-checks), as the renderers write them; an anchor written twice on a page
    (a data id that is also a heading's, say) is a problem, reported once for all the
    pages it is on. Needs every data file whole (see load)."""
    items, roles = tables["checklist.yml"], tables["roles.yml"]
    by_role, checks = _by_role(items), _by_page(tables["selfchecks.yml"])
    first_claim: dict[str, str | None] = {}  # a former id -> the item it is written on (None: a current id)
    for item in items.values():
        for old in item.formerly:
            first_claim.setdefault(old, None if old in items else item.id)
    clashes: dict[tuple[str, tuple], list[str]] = {}
    out: dict[str, set[str]] = {}
    for page, calls in shows.items():
        # anchor -> what writes it, as (what, name): words for a clash
        found: dict[str, tuple[str, str]] = {a: ("the page's heading", label) for a, label in headings[page].items()}
        twice: list[tuple[str, tuple[str, str]]] = []

        def add(anchor: str, what: str, name: str, found=found, twice=twice) -> None:
            if anchor in found:
                twice.append((anchor, (what, name)))
            else:
                found[anchor] = (what, name)

        def ids(anchors: list[str], what: str, found=found, add=add) -> None:
            """Data ids (unique across the data): at once, unless one is there already."""
            if found.keys().isdisjoint(anchors):
                found.update((anchor, (what, anchor)) for anchor in anchors)
            else:
                for anchor in anchors:
                    add(anchor, what, anchor)

        def checklist(listed: Iterable[ChecklistItem], role: str | None = None, add=add, ids=ids) -> None:
            listed = list(listed)
            for stage in dict.fromkeys(i.stage for i in listed):
                add(f"{role}-{stage}" if role else stage, "the heading of the stage", STAGES[stage])
            ids([item.id for item in listed], "checklist item")
            ids([old for item in listed for old in item.formerly if first_claim[old] == item.id],
                "former id of a checklist item")
            if role:
                for item in listed:
                    add(f"check-{item.id}", "the tick box of checklist item", item.id)

        for name, arg in calls:
            if name == "induction_path" and arg in roles:
                for anchor in ("objectives", "reading", "checklist"):
                    add(anchor, "the heading every role's page has", f"#{anchor}")
            if name in ("induction_path", "checklist") and arg in roles:
                checklist(by_role.get(arg, []), arg)
            elif name == "all_checklist_items":
                checklist(items.values())
            elif name == "rights":
                for pair in tables["rights.yml"].values():
                    if pair.team == arg:
                        add(pair.id, "right", pair.id)
            elif name in _SHOWN_RECORDS:
                file, what = _SHOWN_RECORDS[name]
                ids(list(tables[file]), what)
                if name == "cto_modules":
                    ids(_question_ids(tables[file]), "CTO module self-check")
            elif name == "role_grid":
                for role in roles:
                    add(f"role-{role}", "the card of role", role)
            elif name == "page_reviews":
                for anchor in ("overdue", "due-soon"):
                    add(anchor, "the heading of the review list", f"#{anchor}")
        if checks.get(page):
            add("check-yourself", "the heading of the page's", "self-checks")
            for check in checks[page]:
                add(check.id, "self-check", check.id)
        for anchor, second in twice:
            clashes.setdefault((anchor, (found[anchor], second)), []).append(page)
        out[page] = set(found)
    for (anchor, writers), pages in clashes.items():
        more = f" (and {len(pages) - 1} more page{'s' if len(pages) > 2 else ''})" if len(pages) > 1 else ""
        what = " and for ".join(f"{w} '{n}'" for w, n in writers)
        report.line(f"docs/{pages[0]}{more}: anchor '#{anchor}' is written twice, for {what}; an anchor must be "
                    "unique on its page, so rename one (a data id, or a heading's {#anchor})")
    return out


# macros that show every record of one data file, with their ids as anchors: file, what a record is
_SHOWN_RECORDS = {"cto_modules": ("modules.yml", "CTO module"), "reading_list": ("readings.yml", "reading"),
                  "glossary": ("glossary.yml", "glossary term"), "sources": ("sources.yml", "source")}


def _page_paths(docs_dir: Path) -> list[str]:
    """The Markdown pages under docs/, leaving out the data folder and READMEs: their
    paths relative to docs_dir, with '/', in the order of sorted Paths (a walk of the
    folders takes a third of the time Path.rglob does for a thousand pages)."""
    found = []
    for root, dirs, files in os.walk(docs_dir, followlinks=True):
        rel_root = os.path.relpath(root, docs_dir).replace(os.sep, "/")
        prefix = "" if rel_root == "." else rel_root + "/"
        if not prefix:
            dirs[:] = [d for d in dirs if d != DATA_DIR]
        found.extend(prefix + name for name in files if name.endswith(".md") and name != "README.md")
    return sorted(found, key=lambda rel: rel.split("/"))


def front_matter(source: str) -> tuple[dict | None, str | None]:
    """A page's YAML front matter as a dict, or (None, why it could not be read)."""
    if not source.startswith("---"):
        return None, "no front matter; a page starts with '---', then title, description, owner and review_by"
    end = source.find("\n---", 3)
    if end < 0:
        return None, "front matter is not closed with a '---' line"
    try:
        meta = yamlfile.load_fast(source[3:end])
    except yaml.YAMLError as exc:
        return None, _yaml_problem(exc, "malformed front matter", first_line=1, first_position=3)
    if not isinstance(meta, dict):
        return None, f"front matter must be a mapping of fields, got {_type_name(meta)}"
    return meta, None


_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)  # a fenced code block
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_JINJA_MARK = re.compile(r"\{\{|\{%")
_INDUCTION_CALL = re.compile(r"""\{\{\s*induction_path\(\s*["']([^"']*)["']\s*\)\s*\}\}""")


def _jinja_outside_code(body: str) -> str:
    """A page's Markdown without its code, where a Jinja mark means Jinja ('' for a page
    with no Jinja mark at all: most pages, found without reading their code)."""
    if "{{" not in body and "{%" not in body:
        return ""
    return _CODE_SPAN.sub("", _FENCE.sub("", body))


# Jinja as both engines set it up for the handbook's pages (mkdocs.yml: comments are
# '{#% ... %#}', as '{#' starts a heading's anchor); only used to read a page, never to run it.
_JINJA = jinja2.Environment(comment_start_string="{#%", comment_end_string="%#}")


def jinja_start(text: str, marks: Iterable[str] = model.JINJA_MARKS) -> tuple[int, int] | None:
    """Where the first of Jinja's ``marks`` is in ``text``, and where its line starts
    (what comes before that line is plain text to Jinja); None if there is none."""
    first = min((at for at in (text.find(mark) for mark in marks) if at >= 0), default=-1)
    return None if first < 0 else (first, text.rfind("\n", 0, first) + 1)


class MacroCall(NamedTuple):
    """One call of a handbook macro on a page, as Jinja reads it."""

    line: int  # in the page's file
    name: str
    argument: str | None  # the role or team id it is given as quoted text, or None for none
    read: bool  # False: given something else (a variable, an expression), known only when it runs


def _defined(tree: jinja2.nodes.Template) -> set[str]:
    """The names a page defines for itself: variables it sets, loop and macro parameters,
    macros, imports."""
    names = {name.name for name in tree.find_all(jinja2.nodes.Name) if name.ctx in ("store", "param")}
    names.update(node.name for node in tree.find_all(jinja2.nodes.Macro))
    names.update(node.target for node in tree.find_all(jinja2.nodes.Import))
    for node in tree.find_all(jinja2.nodes.FromImport):
        names.update(name if isinstance(name, str) else name[1] for name in node.names)
    return names


def read_macros(body: str, first_line: int, roles: dict | None) -> tuple[list[MacroCall], list[tuple[int, str]]]:
    """The handbook macro calls Jinja will run in a page's Markdown (``body``, starting on
    line ``first_line`` of its file; in code too, as the engines render it; not in a
    comment or a raw block, nor a macro the page defines itself), and what Jinja or the
    engine would stop on mid-build (Zensical with its traceback), found before any page
    is built, as (line, what is wrong): text Jinja cannot read (an unclosed bracket or
    quote, a statement never ended); a name that is no macro (model.MACROS); arguments a
    macro does not take (too many, a wrong name, none where it needs one); a role or team
    id that is not one, or is written without its quotes (``checklist(cto)``: Jinja reads
    a bare word as a variable)."""
    start = jinja_start(body)
    if start is None:
        return [], []
    cut = start[1]  # Jinja reads from the first mark's line, line numbers kept
    text = "\n" * body.count("\n", 0, cut) + body[cut:]
    try:
        tree = _JINJA.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        # (Jinja names a stray character by its place in the text: say its column instead)
        message = re.sub(r" at (\d+)$", lambda at: f" in column {int(at[1]) - text.rfind(chr(10), 0, int(at[1]))}",
                         exc.message or "")
        return [], [(first_line + (exc.lineno or 1) - 1, f"Jinja cannot read this: {message}")]
    defined = _defined(tree)
    in_code = _code_lines(body)
    calls, problems = [], []
    for node in tree.find_all(jinja2.nodes.Call):
        name = node.node.name if isinstance(node.node, jinja2.nodes.Name) else None
        if name is None or name in defined or name in model.ENGINE_MACROS or name == "induction_path":
            continue  # (induction_path: the old way to show a role's path, with its own advice)
        line = first_line + node.lineno - 1
        if name not in model.MACROS:
            problems.append((line, f"no macro '{name}'; expected one of: {', '.join(model.MACROS)}"))
            continue
        if node.lineno in in_code:
            problems.append((line, f"{name}() in code runs all the same (Jinja does not know Markdown's code) "
                                   "and draws its list there; to show the call as written, put it between "
                                   "{% raw %} and {% endraw %}"))
            continue
        call, problem = _read_call(node, name, line, roles, defined)
        calls.append(call)
        if problem:
            problems.append((line, problem))
    return calls, sorted(problems, key=lambda problem: problem[0])


def _code_lines(body: str) -> set[int]:
    """The lines (from 1) of ``body`` that hold a call's mark inside code: in a fenced
    block, or in a code span around a '{{'."""
    lines: set[int] = set()
    if "`" not in body and "~~~" not in body:
        return lines
    for block in _FENCE.finditer(body):
        first = body.count("\n", 0, block.start()) + 1
        lines.update(range(first, first + block.group().count("\n") + 1))
    for span in _CODE_SPAN.finditer(body):
        if "{{" in span.group():
            lines.add(body.count("\n", 0, span.start()) + 1)
    return lines


def _read_call(node: jinja2.nodes.Call, name: str, line: int, roles: dict | None,
               defined: set[str]) -> tuple[MacroCall, str | None]:
    """One call of the macro ``name``, and what is wrong with its arguments, or None."""
    wants = model.MACROS[name]
    unread = MacroCall(line, name, None, False)
    if node.dyn_args or node.dyn_kwargs:
        return unread, None  # (*args, **kwargs): known only when it runs
    given = list(node.args) + [keyword.value for keyword in node.kwargs]
    one = given[0] if len(given) == 1 else None
    text = one.value if isinstance(one, jinja2.nodes.Const) and isinstance(one.value, str) else None
    if wants is None:
        if not given:
            return MacroCall(line, name, None, True), None
        got = f"'{text}'" if text is not None else f"{len(given)} argument{'s' if len(given) > 1 else ''}"
        return unread, f"{name}() takes no argument, got {got}"
    example = f"{name}(\"{_example(wants, roles)}\")"
    wrong = [keyword.key for keyword in node.kwargs if keyword.key != wants]
    if wrong:
        return unread, f"{name}() has no argument '{wrong[0]}'; it takes a {wants}, e.g. {example}"
    if not given:
        return unread, f"{name}() needs a {wants}, e.g. {example}"
    if one is None:
        return unread, f"{name}() takes one {wants}, e.g. {example}; got {len(given)} arguments"
    known = model.TEAMS if wants == "team" else roles
    if text is not None:
        if known is not None and text not in known:
            return unread, f"{name}(\"{text}\"): no {wants} '{text}'; expected one of: {', '.join(known)}"
        return MacroCall(line, name, text, True), None
    if isinstance(one, jinja2.nodes.Name) and one.name in (known or {}) and one.name not in defined:
        return unread, (f"{name}({one.name}): a {wants} id is written in quotes, {name}(\"{one.name}\"); "
                        "Jinja reads a bare word as a variable")
    return unread, None


def _example(kind: str, roles: dict | None) -> str:
    return model.TEAMS[0] if kind == "team" else next(iter(roles or {"cto": None}))


def induction_problem(rel: str, role: str | None, roles: dict) -> str | None:
    """What is wrong with the page ``rel``'s front matter 'induction_path' (``role``), or
    None: a role's page docs/induction/<id>.md names its own role, and no other page any."""
    folder, _, name = rel.rpartition("/")
    if folder != INDUCTION_DIR or name == "index.md":
        if role is None:
            return None
        return (f"field 'induction_path': only a role's page docs/{INDUCTION_DIR}/<id>.md shows an induction "
                "path; remove the field")
    own = name.removesuffix(".md")
    if own not in roles:
        return (f"no role '{own}' in docs/{DATA_DIR}/roles.yml; an induction page is named after its role's id "
                f"(one of: {', '.join(sorted(roles))})")
    if role != own:
        got = f"'{role}'" if role is not None else "none"
        return f"field 'induction_path': expected '{own}' (the page of role '{own}'), got {got}"
    return None


def _load_pages(docs_dir: Path, rels: list[str], roles: dict | None, shorts: set[str] | None,
                report: _Report, with_checks: set[str], shows: dict, headings: dict,
                unsure: set[str]) -> dict[str, model.PageMeta]:
    """Every page's front matter, validated and checked against the roles (``roles``: the
    role ids written in roles.yml, None if it could not be read; ``shorts``: their short
    names, None unless every role is valid). A field in error leaves the page's other
    checks to run on the fields that are fine. For a page that shows data (it calls
    macros, is a role's page or has self-checks, ``with_checks``), also fills in
    ``shows`` (its macro calls, (name, argument), and ('induction_path', role)) and
    ``headings`` (its own headings' anchors), for :func:`_anchors`; ``unsure``: the
    pages whose macro calls are wrong."""
    pages: dict[str, model.PageMeta] = {}
    for rel in rels:
        where = f"docs/{rel}"
        try:
            with open(os.path.join(docs_dir, rel), encoding="utf-8-sig") as page_file:  # (as MkDocs reads it)
                source = page_file.read()
            meta, why = front_matter(source)
        except UnicodeDecodeError as exc:
            meta, why = None, f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the page as UTF-8"
        if meta is None:
            report.line(f"{where}: {why}")
            continue
        try:
            page = model.PageMeta.model_validate(meta)
            owner, tags, render, induction, checked = (page.owner, page.tags, page.render_macros,
                                                       page.induction_path, True)
        except ValidationError as exc:
            page, bad = None, set()
            for err in exc.errors(include_url=False):
                explained = _explain(err)
                if err["type"] == "extra_forbidden" and len(err["loc"]) == 1:
                    explained += f" (a page's front matter takes: {', '.join(model.PageMeta.model_fields)})"
                report.line(f"{where}: field '{_field_path(err['loc'])}': {explained}")
                bad.add(err["loc"][0] if err["loc"] else "")
            owner = meta.get("owner") if "owner" not in bad else None
            tags = meta.get("tags") if "tags" not in bad else []
            render = meta.get("render_macros") is True
            induction, checked = meta.get("induction_path"), "induction_path" not in bad
        if roles is not None and owner is not None and owner not in roles:
            report.line(f"{where}: field 'owner': unknown role '{owner}'; "
                        f"expected one of: {', '.join(sorted(roles))}")
        for i, tag in enumerate(tags or []):
            if shorts is not None and tag not in shorts:
                report.line(f"{where}: field 'tags[{i}]': unknown role tag '{tag}'; "
                            f"expected a role's short name: {', '.join(sorted(shorts))}")
        body_at = source.find("\n---", 3) + 4
        body = source[body_at:]
        prose = _jinja_outside_code(body)
        calls: list[MacroCall] = []
        if render:
            calls, problems = read_macros(body, source.count("\n", 0, body_at) + 1, roles)
            for line, problem in problems:
                report.line(f"{where}: line {line}: {problem}")
            # What the page shows is not known (so no reference is judged by it) when a call
            # is wrong, or not one the load reads (a variable or an expression as its
            # argument, a Jinja statement: a loop, a set, an include).
            if problems or "{%" in body or not all(call.read for call in calls):
                unsure.add(rel)
        elif page is not None and _JINJA_MARK.search(prose):
            report.line(f"{where}: field 'render_macros': the page calls macros ({{{{ ... }}}}) but does not "
                        "set 'render_macros: true'; add it to the front matter (pages without it skip Jinja)")
        if (render or induction or rel in with_checks) and checked and rel not in unsure:
            headings[rel] = _headings(source)
            shows[rel] = [(call.name, call.argument) for call in calls]
            if induction:
                shows[rel].append(("induction_path", induction))
        for call in _INDUCTION_CALL.findall(prose):
            report.line(f"{where}: {{{{ induction_path(\"{call}\") }}}} is not a macro: a role's page names its "
                        f"role in its front matter instead ('induction_path: {call}')")
        if roles is not None and checked:
            problem = induction_problem(rel, induction, roles)
            if problem:
                report.line(f"{where}: {problem}")
        if page is not None:
            pages[rel] = page
    return pages


def load(docs_dir: str | Path, page_paths: list[str] | None = None) -> Handbook:
    """Read every data file, validate it and return the handbook, or raise DataError.
    ``page_paths``: the pages' paths under docs_dir, when the caller has listed them."""
    docs_dir = Path(docs_dir)
    page_paths = _page_paths(docs_dir) if page_paths is None else page_paths
    report = _Report()
    seen_ids: dict[str, str] = {}
    # the ids written in each file that could be read, valid item or not (in file order):
    # what references to it are checked against, so one broken item hides no other problem
    written: dict[str, dict[str, None]] = {}
    tables: dict[str, dict | None] = {}
    for name, kind in FILES.items():
        raw = _read_yaml(docs_dir / DATA_DIR / name, name, report)
        if raw is None:
            tables[name] = None
            continue
        written[name] = dict.fromkeys(i["id"] for i in raw if isinstance(i, dict) and isinstance(i.get("id"), str))
        before = len(report.problems)
        items = _validate_items(name, raw, kind, report)
        table = _index(name, items, report, seen_ids)
        if name == "modules.yml":
            _index_questions(table, report, seen_ids)
        # A file with shape errors still takes part in cross-checks for its good items,
        # but files that refer to it skip checks against an incomplete list.
        tables[name] = table if len(report.problems) == before else None
        tables[f"partial:{name}"] = table

    def part(name: str) -> dict:
        return tables.get(f"partial:{name}") or {}

    roles, role_ids = tables["roles.yml"], written.get("roles.yml")
    _check_refs("roles.yml", part("roles.yml"), "pairs_with", role_ids, "role", report)
    short_of: dict[str, str] = {}  # a short label -> the first role that has it
    for key, role in part("roles.yml").items():
        if key in role.pairs_with:
            report.add("roles.yml", "a role cannot pair with itself; name its partner role",
                       f"item '{key}' ({_position(part('roles.yml'), key)})", "pairs_with")
        first = short_of.setdefault(role.short, key)
        if first != key:
            report.add("roles.yml", f"'{role.short}' is already the short label of role '{first}'; a short label is "
                                    "also the role's tag, so each role needs its own",
                       f"item '{key}' ({_position(part('roles.yml'), key)})", "short")
    _check_formerly(part("checklist.yml"), seen_ids, report)
    _check_refs("checklist.yml", part("checklist.yml"), "roles", role_ids, "role", report)
    _check_refs("checklist.yml", part("checklist.yml"), "with_", role_ids, "role", report)
    _check_refs("paths.yml", part("paths.yml"), "role", role_ids, "role", report)
    _check_refs("readings.yml", part("readings.yml"), "source", written.get("sources.yml"), "source", report)
    shorts = {r.short for r in roles.values()} if roles is not None else None  # (all roles valid)
    shows: dict[str, list] = {}
    headings: dict[str, dict[str, str]] = {}
    unsure: set[str] = set()
    about_pages = _Report()  # (listed after the data files' problems)
    pages = _load_pages(docs_dir, page_paths, role_ids, shorts, about_pages,
                        {c.page for c in part("selfchecks.yml").values()}, shows, headings, unsure)
    # Which page shows which data id: known when every data file is whole (else a data id
    # is taken to be on any page, as the broken file's own problems come first).
    whole = all(tables[name] is not None for name in FILES)
    shown = _anchors(shows, headings, tables, about_pages) if whole else None
    outlines: dict[str, tuple[str, dict[str, str]]] = {}
    # every id written in the data, valid item or not (a CTO module's questions' too); None
    # when a data file could not be read, as any anchor might be an id in it
    raw_ids = (set().union(*written.values(), _question_ids(part("modules.yml")))
               if written.keys() >= FILES.keys() else None)
    anchors = _Anchors(raw_ids, shown, set(pages) - unsure)
    _check_pages("checklist.yml", part("checklist.yml"), lambda r: [("section", r.section)], docs_dir, report,
                 outlines, anchors)
    _check_pages("paths.yml", part("paths.yml"),
                 lambda r: [(f"sections[{i}].page", s.page) for i, s in enumerate(r.sections)], docs_dir, report,
                 outlines, anchors)
    _check_pages("glossary.yml", part("glossary.yml"), lambda r: [("see", r.see)], docs_dir, report, outlines, anchors)
    _check_pages("selfchecks.yml", part("selfchecks.yml"), lambda r: [("page", r.page)], docs_dir, report,
                 outlines, anchors)

    phrases: dict[str, str] = {}  # a glossary phrase, in lower case -> the term it links to
    for key, term in part("glossary.yml").items():
        for field_, phrase in [("term", term.term), *((f"aliases[{i}]", a) for i, a in enumerate(term.aliases))]:
            owner = phrases.setdefault(phrase.lower(), key)
            if owner != key:
                report.add("glossary.yml", f"'{phrase}' is already the term or an alias of '{owner}'; a phrase "
                                           "links to one term, so name it once", f"item '{key}' "
                                           f"({_position(part('glossary.yml'), key)})", field_)
    if roles is not None and tables["paths.yml"] is not None:
        for role in roles:
            if role not in tables["paths.yml"]:
                report.add("paths.yml", f"no induction path for role '{role}'; every role in "
                                        f"docs/{DATA_DIR}/roles.yml needs one ('- role: {role}')")
    if roles is not None:
        present = set(page_paths)
        for role in roles:
            page = f"{INDUCTION_DIR}/{role}.md"
            if page not in present:
                report.add("roles.yml", f"no induction page docs/{page}; every role needs one, with "
                                        f"'induction_path: {role}' in its front matter (copy another role's page)",
                           f"item '{role}' ({_position(roles, role)})")
    if roles is not None and tables["checklist.yml"] is not None:
        covered = {r for item in tables["checklist.yml"].values() for r in item.roles}
        for role in roles:
            if role not in covered:
                report.add("checklist.yml", f"no checklist item for role '{role}'; "
                                            "add at least one item that names it under 'roles'")
    if tables["rights.yml"] is not None:
        teams = {pair.team for pair in tables["rights.yml"].values()}
        for team in model.TEAMS:
            if team not in teams:
                report.add("rights.yml", f"no right for team '{team}'; each team's rights are shown: "
                                         f"add at least one item with 'team: {team}'")
    if tables["releases.yml"] is not None and tables["changelog.yml"] is not None:
        dates = {change.version: change.date for change in tables["changelog.yml"].values()}
        for version, release in tables["releases.yml"].items():
            at = f"item '{version}' ({_position(tables['releases.yml'], version)})"
            if version not in dates:
                report.add("releases.yml", f"no version '{version}' in docs/{DATA_DIR}/changelog.yml; a release "
                                           "is recorded for a version in the changelog", at, "version")
            elif release.date != dates[version]:
                report.add("releases.yml", f"expected {dates[version]}, the date changelog.yml gives version "
                                           f"'{version}', got {release.date}", at, "date")
    if tables["sources.yml"] is not None:
        known = {p for s in tables["sources.yml"].values() for p in s.prefixes}
        for name in ("modules.yml", "rights.yml", "checklist.yml", "readings.yml"):
            for key, record in part(name).items():
                for i, carry in enumerate(record.carries):
                    if carry.split("-", 1)[0] not in known:
                        report.add(name, f"no source feeds '{carry}'", f"item '{key}'", f"carries[{i}]")


    report.problems += about_pages.problems
    if report.problems:
        raise DataError(report.problems)
    refs = {i.section for i in tables["checklist.yml"].values()}
    refs |= {s.page for p in tables["paths.yml"].values() for s in p.sections}
    refs |= {t.see for t in tables["glossary.yml"].values() if t.see}
    # a reference is shown by the heading it points to (or the record whose id it
    # names, such as a module or a right), else by its page's title
    titles = {}
    for ref in refs:
        page, _, anchor = ref.partition("#")
        title, headings = outlines.get(page) or outline(docs_dir, page)
        record = (tables["modules.yml"].get(anchor) or tables["rights.yml"].get(anchor)) if anchor else None
        titles[ref] = record.title if record is not None else headings.get(anchor, title) if anchor else title
    return Handbook(
        titles=titles, anchors=shown or {},
        pages=pages,
        sources=tables["sources.yml"], roles=roles, modules=tables["modules.yml"],
        rights=tables["rights.yml"], checklist=tables["checklist.yml"], paths=tables["paths.yml"],
        readings=tables["readings.yml"], glossary=tables["glossary.yml"],
        changelog=list(tables["changelog.yml"].values()), selfchecks=tables["selfchecks.yml"],
        releases=sorted(tables["releases.yml"].values(), key=lambda r: version_key(r.version)),
    )


def load_or_report(docs_dir: str | Path) -> Handbook | None:
    """load() for a command-line tool: on bad data, the problems on stderr and None."""
    try:
        return load(docs_dir)
    except DataError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return None


# The last handbook loaded from each docs folder, with the signatures of the files it
# was made from (path, modification time, size): the data files, and the pages (whose
# front matter and headings it holds). A site generator asks for the data once per page
# on some engines (Zensical runs the macros module for every page that calls one, and
# every page goes through the Markdown extension), so asking must be cheap.
_CACHE: dict[Path, tuple[tuple, tuple, Handbook]] = {}
_CACHE_LOCK = threading.Lock()


def _signature(docs_dir: Path, rels: list[str]) -> tuple:
    signature = []
    for rel in rels:
        try:
            st = os.stat(os.path.join(docs_dir, rel))
        except FileNotFoundError:
            continue
        signature.append((rel, st.st_mtime_ns, st.st_size))
    return tuple(signature)


def _data_files() -> list[str]:
    return [f"{DATA_DIR}/{name}" for name in FILES]


def load_cached(docs_dir: str | Path, data_only: bool = False) -> Handbook:
    """load(), reused while no file it was made from has changed.

    ``data_only``: reuse it while the data files are unchanged, without looking at the
    pages (a walk of a thousand pages costs about 10 ms): for a caller that reads only
    what comes from the data files (records, roles, glossary), not pages' front matter
    or headings, and that asks once a page."""
    docs_dir = Path(os.path.abspath(docs_dir))
    with _CACHE_LOCK:
        data = _signature(docs_dir, _data_files())
        hit = _CACHE.get(docs_dir)
        if hit and hit[0] == data and data_only:
            return hit[2]
        page_paths = _page_paths(docs_dir)
        pages = _signature(docs_dir, page_paths)
        if hit and hit[0] == data and hit[1] == pages:
            return hit[2]
        collecting = gc.isenabled()
        gc.disable()  # the data is tens of thousands of objects and no cycles: a collection would find nothing
        try:
            handbook = load(docs_dir, page_paths)
        finally:
            if collecting:
                gc.enable()
        _CACHE[docs_dir] = (data, pages, handbook)
        return handbook
