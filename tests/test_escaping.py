"""Every string a contributor writes in the data or in front matter is text, wherever it lands.

One build per engine of a copy of the handbook in which every text field of every record
type (and the page title and description in front matter) holds markup, quotes, an
ampersand and Markdown syntax, each field with a number of its own. Then every written
file is read: each field's text is there, and no element, attribute, link, code span or
script came from any of them (in HTML, SVG, the search index or any other file).
"""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest
import yaml

from macros.core.model import FILES, Record
from tests.conftest import build, copy_project, zensical

# A field whose value is text: escaped for where it lands, or never shown (with the reason).
NOT_SHOWN = {
    ("glossary.yml", "aliases"): "other spellings of a term, matched in prose to link it, never shown",
}


def payload(n: int) -> str:
    return (f'Mark{n}x <i id="inj{n}">i</i> <script>alert({n})</script> "q{n}" it\'s R&D '
            f"*em{n}* __b__ [a{n}](http://inj{n}.example) `c{n}` {{#x{n}}} --8<-- \"CONTRIBUTING.md\"")


def _text_fields(model: type[Record]):
    """(field as written in YAML, kind) for the text fields of a record type: kind is
    'text', 'texts' (a list of text), or a nested record type (or list of them)."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        annotation = info.annotation
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        metadata = getattr(annotation, "__metadata__", ()) + tuple(info.metadata)
        patterned = any(getattr(m, "pattern", None) for m in metadata)
        if annotation is str and not patterned:
            yield key, "text"
        elif origin is list and args and typing.get_origin(args[0]) is typing.Annotated:
            inner = typing.get_args(args[0])
            if inner[0] is str and not any(getattr(m, "pattern", None) for m in inner[1:]):
                yield key, "texts"
        elif origin is list and args and isinstance(args[0], type) and issubclass(args[0], Record):
            yield key, args[0]


def inject(project: Path) -> dict[int, str]:
    """Put a numbered payload in every text field of the first record that has it, in
    every data file, and in one page's title and description; {number: where}."""
    where: dict[int, str] = {}
    data = project / "docs/data"
    renamed_short: dict[str, str] = {}

    def fill(item: dict, model: type[Record], label: str) -> None:
        for key, kind in _text_fields(model):
            if (file, key) in NOT_SHOWN or key not in item:
                continue
            if isinstance(kind, type):
                if item[key]:
                    fill(item[key][0], kind, f"{label}.{key}[0]")
                continue
            n = len(where) + 1
            where[n] = f"{label}.{key}"
            if kind == "texts":
                item[key][0] = payload(n)
            else:
                if model.__name__ == "Role" and key == "short":
                    renamed_short[item[key]] = payload(n)
                item[key] = payload(n)

    for file, model in FILES.items():
        items = yaml.safe_load((data / file).read_text(encoding="utf-8"))
        if not items:
            continue
        fill(items[0], model, f"docs/data/{file} #1")
        (data / file).write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if not text.startswith("---") or "data/" in page.as_posix():
            continue
        end = text.index("\n---", 3)
        meta = yaml.safe_load(text[3:end])
        meta["tags"] = [renamed_short.get(tag, tag) for tag in meta.get("tags", [])]
        if page.name == "insights.md":
            for key in ("title", "description"):
                n = len(where) + 1
                where[n] = f"docs/insights.md front matter {key}"
                meta[key] = payload(n)[:190]
        page.write_text("---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + text[end + 1:],
                        encoding="utf-8")
    return where


def written(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".xml", ".js", ".txt", ".svg"}
            and "assets/javascripts" not in p.as_posix()}


def check(files: dict[str, str], where: dict[int, str]) -> list[str]:
    problems = []
    pages = {name: text for name, text in files.items() if name.endswith(".html")}
    for n, field in where.items():
        if not any(f"Mark{n}x" in text for text in pages.values()):
            problems.append(f"{field} (#{n}): its text is on no page")
        made = [(rf'<i id=\\?"inj{n}\\?"', "an element"), (rf"<script>alert\({n}\)", "a script"),
                (rf'href=\\?"http://inj{n}\.', "a link"), (rf"<code>c{n}</code>", "code"),
                (rf"<em>em{n}</em>", "emphasis"), (rf'\sid=\\?"x{n}\\?"', "an id from attr_list")]
        for name, text in files.items():
            checks = made if not name.endswith(".html") else [*made, (rf'\sid="inj{n}"', "an attribute")]
            for pattern, what in checks:
                found = re.search(pattern, text)
                if found:
                    problems.append(f"{field} (#{n}): {what} in {name}: ...{text[found.start() - 60:][:140]}...")
    return problems


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("escaping") / "project")
    return project, inject(project)


def test_every_text_field_is_covered(injected):
    """The injection reaches every text field of every record type but those listed as never shown."""
    _project, where = injected
    fields = {w.split(" #1", 1)[0] + w.split(" #1", 1)[1].split("[0]")[0] for w in where.values() if " #1" in w}
    for file, model in FILES.items():
        for key, kind in _text_fields(model):
            if (file, key) not in NOT_SHOWN and not isinstance(kind, type):
                assert any(f.startswith(f"docs/data/{file}") and f.endswith(f".{key}") for f in fields) or \
                    not yaml.safe_load((injected[0] / "docs/data" / file).read_text()), (file, key)
    assert len(where) >= 30


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_data_and_front_matter_text_is_never_markup(injected, engine, tmp_path):
    project, where = injected
    if engine == "zensical":
        result = zensical(project)
        site = project / "site"
    else:
        site = tmp_path / "site"
        result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    problems = check(written(site), where)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_text_that_looks_like_markup_shows_as_written(project, engine, tmp_path):
    """What a reader is shown (and a screen reader reads) is the text as written: an
    apostrophe in a label, a reference such as '&amp;' in a tooltip, a no-break space, and
    (ProperDocs; Zensical's footer escapes twice) a title in the footer's next/previous links."""
    import html

    def edit(name, change):
        path = project / "docs/data" / name
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(items)
        path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True), encoding="utf-8")

    right = "Keep the team's estate fit, R&amp;D <b>too</b>"
    definition = "A company (an R&amp;D shop, say, or an &lt;i&gt; one) that ships features for their own sake."
    insight = "Name technical risks\u00a0before they turn into surprises."
    title = "CTO's path: R&D <b>first</b>"
    edit("rights.yml", lambda items: items[0].update(title=right))
    edit("glossary.yml", lambda items: next(i for i in items if i["id"] == "feature-factory").update(
        definition=definition))
    edit("modules.yml", lambda items: items[0].update(insight=insight))
    page = project / "docs/induction/cto.md"
    page.write_text(re.sub(r"(?m)^title: .*$", lambda _: "title: " + json.dumps(title), page.read_text()))
    if engine == "zensical":
        assert zensical(project).returncode == 0
        site = project / "site"
    else:
        site = tmp_path / "site"
        assert build(project, site).returncode == 0
    rights = (site / "rights-and-responsibilities/index.html").read_text(encoding="utf-8")
    labels = {html.unescape(a) for a in re.findall(r'class="hb-permalink" href="#[^"]+" aria-label="([^"]*)"', rights)}
    assert f"Link to {right}" in labels
    tips = {html.unescape(t) for p in site.rglob("index.html")
            for t in re.findall(r'class="hb-term" href="[^"]*#feature-factory" title="([^"]*)"', p.read_text())}
    assert tips == {definition}
    modules = html.unescape((site / "cto-product-success/index.html").read_text(encoding="utf-8"))
    assert insight in modules
    if engine == "properdocs":
        footers = {html.unescape(a) for p in site.rglob("index.html")
                   for a in re.findall(r'class="md-footer__link[^"]*" aria-label="([^"]*)"', p.read_text())}
        assert {f"Next: {title}", f"Previous: {title}"} <= footers
