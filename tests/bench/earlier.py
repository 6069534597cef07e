"""An earlier commit's handbook (pages and data) put in this commit's format, so that the
benchmark can build the same content with both commits' code.

    convert(earlier_project, dest) -> dest, a project this commit builds

The earlier project is the one the benchmark's base commit (773435b) builds: its own
checkout, or a synthetic handbook its own generator made. What changed in the format
since, and what is done about it:

- a role's induction page was made by a hook from paths.yml; it is now a page of its own
  naming the role in front matter (``induction_path``), listed in the navigation after
  ``induction/index.md``: one is written for each role with a path;
- every page went through Jinja; now only pages that say ``render_macros: true`` do: the
  pages that call a macro say so;
- the self-checks index macro was ``selfchecks()``; it is ``selfchecks_index()``;
- a link from the site's root (``/page.md``), which MkDocs reads from docs/, is one
  relative to the page, as Zensical reads it.

Theme overrides, the macros package and mkdocs.yml (but for its navigation) are this
commit's. Anything else in the earlier project that this commit cannot build stops the
conversion with the build's own message, when the benchmark builds it.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
_NAV = re.compile(r"^nav:\n(?:[ \t]+.*\n|\n)*", re.M)
_INDUCTION_INDEX = "      - induction/index.md\n"
_MACRO = re.compile(r"\{\{|\{%")
_ROOT_LINK = re.compile(r"\]\(/([^)\s]+)\)")


def convert(earlier: Path, dest: Path) -> Path:
    """``earlier``'s pages and data, with this commit's code and config, in ``dest``."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(earlier / "docs", dest / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("macros", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "CONTRIBUTING.md", dest / "CONTRIBUTING.md")
    docs = dest / "docs"
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        changed = text.replace("{{ selfchecks() }}", "{{ selfchecks_index() }}")
        folder = page.parent.relative_to(docs).as_posix()
        changed = _ROOT_LINK.sub(lambda m, folder=folder: f"]({posixpath.relpath(m.group(1), folder)})", changed)
        if _MACRO.search(changed) and "render_macros:" not in changed:
            changed = _with_front_matter(changed, "render_macros: true")
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    roles = {r["id"]: r for r in yaml.safe_load((docs / "data" / "roles.yml").read_text(encoding="utf-8"))}
    entries = []
    for path in yaml.safe_load((docs / "data" / "paths.yml").read_text(encoding="utf-8")):
        role = path["role"]
        page = docs / "induction" / f"{role}.md"
        if not page.exists():
            page.write_text(_induction_page(role, roles[role]["name"], roles[role].get("short") or roles[role]["name"]),
                            encoding="utf-8")
            entries.append(f"      - induction/{role}.md\n")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = _NAV.search((earlier / "mkdocs.yml").read_text(encoding="utf-8")).group()
    if _INDUCTION_INDEX not in nav:
        raise SystemExit(f"{earlier}: mkdocs.yml's navigation has no '{_INDUCTION_INDEX.strip()}' entry")
    nav = nav.replace(_INDUCTION_INDEX, _INDUCTION_INDEX + "".join(entries), 1)
    (dest / "mkdocs.yml").write_text(_NAV.sub(lambda _: nav, config, count=1), encoding="utf-8")
    return dest


def _with_front_matter(text: str, line: str) -> str:
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        head, rest = text[4:].split("\n---\n", 1)
        return f"---\n{head}\n{line}\n---\n{rest}"
    return f"---\n{line}\n---\n\n{text}"


def _induction_page(role: str, name: str, short: str) -> str:
    quoted, tag = (value.replace("\\", "\\\\").replace('"', '\\"') for value in (name, short))
    return (f'---\ntitle: "Induction path: {quoted}"\n'
            f'description: "The induction path for a new {quoted}: what to read, in order, and a checklist '
            'from before day one to day 90."\n'
            f"owner: cpo\nreview_by: 2027-05-31\ninduction_path: {role}\n"
            f'tags: ["{tag}"]\n---\n\n# Induction path: {name}\n')
