"""An earlier commit's handbook (pages and data) put in this commit's format, so that the
benchmark can build the same content with both commits' code.

    convert(project) -> project, now one this commit builds (changed in place)

The project is one the benchmark's base commit (773435b) builds: a checkout of it (a git
worktree, so that pages' dates come from git history on both sides), or a synthetic
handbook its own generator made. What changed in the format since, and what is done:

- a role's induction page was made by a hook for every role in roles.yml; it is now a
  page of its own naming the role in front matter (``induction_path``). One is written
  for each role, as the hook made it (title and tag the role's short name, heading its
  name, owner the role), with a ``review_by`` date, which every page now has; it is
  listed in the navigation after ``induction/index.md``, under the role's name;
- Jinja ran on every page with a ``{{`` or ``{%``; now a page says ``render_macros:
  true``: those pages say so;
- the self-checks page called ``selfchecks()``, which printed every module's questions
  in full; it calls ``selfchecks_index()``, a list of links to the pages that hold them
  (a lighter page);
- a link from the site's root (``/page.md``), which MkDocs reads from docs/, becomes a
  link relative to the page, as Zensical reads it;
- a CTO module's self-check question was anchored by its place (``<module>-check-<n>``);
  it now has an id: each gets the anchor it had.

The theme overrides, the macros package and mkdocs.yml (but for its navigation) are
this commit's; the pages, the data and CONTRIBUTING.md (which a page includes) stay the
project's. Anything else this commit cannot build stops the benchmark with the build's
own message.
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


def convert(project: Path) -> Path:
    """``project``'s pages and data, with this commit's code and config (in place)."""
    for name in ("macros", "overrides"):
        shutil.rmtree(project / name, ignore_errors=True)
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    docs = project / "docs"
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        changed = text.replace("{{ selfchecks() }}", "{{ selfchecks_index() }}")
        folder = page.parent.relative_to(docs).as_posix()
        changed = _ROOT_LINK.sub(lambda m, folder=folder: f"]({posixpath.relpath(m.group(1), folder)})", changed)
        if _MACRO.search(changed) and "render_macros:" not in changed:
            changed = _with_front_matter(changed, "render_macros: true")
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    modules_file = docs / "data" / "modules.yml"
    modules = yaml.safe_load(modules_file.read_text(encoding="utf-8")) or []
    if any("id" not in question for module in modules for question in module.get("selfcheck") or []):
        for module in modules:
            for n, question in enumerate(module.get("selfcheck") or [], 1):
                question.setdefault("id", f"{module['id']}-check-{n}")
        modules_file.write_text(yaml.safe_dump(modules, sort_keys=False, allow_unicode=True), encoding="utf-8")
    entries = []
    for role in yaml.safe_load((docs / "data" / "roles.yml").read_text(encoding="utf-8")):
        page = docs / "induction" / f"{role['id']}.md"
        if not page.exists():
            page.write_text(_induction_page(role["id"], role["name"], role.get("short") or role["name"]),
                            encoding="utf-8")
            entries.append(f"      - {_quoted(role['name'])}: induction/{role['id']}.md\n")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = _NAV.search((project / "mkdocs.yml").read_text(encoding="utf-8")).group()
    if _INDUCTION_INDEX not in nav:
        raise SystemExit(f"{project}: mkdocs.yml's navigation has no '{_INDUCTION_INDEX.strip()}' entry")
    nav = nav.replace(_INDUCTION_INDEX, _INDUCTION_INDEX + "".join(entries), 1)
    (project / "mkdocs.yml").write_text(_NAV.sub(lambda _: nav, config, count=1), encoding="utf-8")
    return project


def _with_front_matter(text: str, line: str) -> str:
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        head, rest = text[4:].split("\n---\n", 1)
        return f"---\n{head}\n{line}\n---\n{rest}"
    return f"---\n{line}\n---\n\n{text}"


def _quoted(text: str) -> str:
    """``text`` as a double-quoted YAML string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _induction_page(role: str, name: str, short: str) -> str:
    return (f"---\ntitle: {_quoted('Induction path: ' + short)}\n"
            f"description: {_quoted(f'The induction path for a new {short}: what to read, in order, and a checklist from before day one to day 90.')}\n"  # noqa: E501
            f"owner: {role}\nreview_by: 2027-05-31\ninduction_path: {role}\ntags: [{_quoted(short)}]\n---\n\n"
            f"# Induction path: {name}\n")
