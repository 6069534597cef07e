"""Generate a synthetic handbook of a given size, with data scaled alongside.

The real project is copied and grown: content pages in sections of ten (each with
front matter, headings, prose, a list, links and a macro call), plus synthetic
roles, each with an induction path of 200 checklist items, so that at 1,000 pages
the data holds about 10,000 checklist items.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("partner product technology team plan review showcase commitment roadmap outcome metric "
         "customer value delivery estate debt platform feature research design engineer manager "
         "division operations support security marketing sales induction process planning "
         "priority dependency risk conflict friction trust budget strategy iteration feedback").split()
ITEMS_PER_ROLE = 200
PAGES_PER_SECTION = 10


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def page(rng: random.Random, section: int, number: int) -> str:
    others = [n for n in range(PAGES_PER_SECTION) if n != number]
    body = [
        "---",
        f"title: Library page {section}.{number}",
        "description: A synthetic page of the benchmark handbook, with prose, headings, a list and links.",
        "owner: head-of-product",
        "review_by: 2027-05-31",
        "carries: [PM-1]",
        *(["render_macros: true"] if number == 0 else []),
        "---",
        "",
        f"# Library page {section}.{number}",
        "",
        paragraph(rng),
    ]
    for h in range(4):
        body += ["", f"## Topic {h + 1}", "", paragraph(rng), "", paragraph(rng)]
    body += ["", *(f"- {sentence(rng)}" for _ in range(5)), ""]
    body += [f"See also [page {section}.{n}](page-{n:03d}.md)." for n in rng.sample(others, 2)]
    body += ["", "Related module: [outcomes over output](../../cto-product-success.md#outcomes-over-output).", ""]
    if number == 0:
        body += ["{{ module_list() }}", ""]
    return "\n".join(body)


def generate(dest: Path, pages: int, seed: int = 7) -> dict:
    """Write a project of about `pages` pages into dest; returns counts."""
    rng = random.Random(seed)
    for name in ("docs", "overrides", "macros"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, dest / name)
    real_pages = len(list((dest / "docs").rglob("*.md"))) - 1  # less the data README
    roles_extra = max(1, pages // 20)
    content = max(0, pages - real_pages - roles_extra)
    sections = max(1, round(content / PAGES_PER_SECTION))

    nav = []
    for s in range(sections):
        folder = dest / "docs" / "library" / f"section-{s:03d}"
        folder.mkdir(parents=True)
        entries = []
        for n in range(PAGES_PER_SECTION):
            (folder / f"page-{n:03d}.md").write_text(page(rng, s, n), encoding="utf-8")
            entries.append({f"Page {s}.{n}": f"library/section-{s:03d}/page-{n:03d}.md"})
        nav.append({f"Section {s}": entries})

    data = dest / "docs" / "data"
    roles = yaml.safe_load((data / "roles.yml").read_text())
    paths = yaml.safe_load((data / "paths.yml").read_text())
    items = yaml.safe_load((data / "checklist.yml").read_text())
    stages = ["before-day-one", "first-week", "first-30-days", "first-60-days", "first-90-days", "ongoing"]
    for r in range(roles_extra):
        rid = f"synthetic-role-{r:03d}"
        roles.append({"id": rid, "name": f"Synthetic role {r}", "short": f"Role {r}", "side": "division",
                      "level": 6, "pairs_with": ["cpo"], "summary": sentence(rng)})
        paths.append({"role": rid, "intro": paragraph(rng), "objectives": [sentence(rng) for _ in range(3)],
                      "sections": [{"page": "partnership-model.md", "title": "The partnership model",
                                    "why": sentence(rng), "minutes": 8}]})
        for i in range(ITEMS_PER_ROLE):
            items.append({"id": f"{rid}-item-{i:03d}", "roles": [rid], "stage": stages[i % len(stages)],
                          "text": sentence(rng), "section": "partnership-model.md#the-cascade", "carries": ["PM-4"]})
    for name, value in (("roles.yml", roles), ("paths.yml", paths), ("checklist.yml", items)):
        (data / name).write_text(yaml.safe_dump(value, sort_keys=False), encoding="utf-8")
    releases = data / "releases.yml"
    if releases.is_file():  # the synthetic items count as released, as a real handbook's would be
        recorded = yaml.safe_load(releases.read_text()) or []
        if recorded:
            recorded[-1]["checklist"].update({i["id"]: i["text"] for i in items})
            releases.write_text(yaml.safe_dump(recorded, sort_keys=False, allow_unicode=True), encoding="utf-8")
    template = (dest / "docs" / "induction" / "engineer.md").read_text(encoding="utf-8")
    added = []
    for r in range(roles_extra):
        rid = f"synthetic-role-{r:03d}"
        (dest / "docs" / "induction" / f"{rid}.md").write_text(
            template.replace("induction_path: engineer", f"induction_path: {rid}").replace("owner: engineer", "owner: cpo")
            .replace('tags: ["Engineer"]', f'tags: ["Role {r}"]').replace("Engineer", f"Role {r}"), encoding="utf-8")
        added.append(f"      - induction/{rid}.md\n")

    config = (dest / "mkdocs.yml").read_text()
    config = config.replace("  - Reference:\n", "  - Library:\n" + "".join(_nav_yaml(nav)) + "  - Reference:\n", 1)
    last_path = "      - induction/sales.md\n"
    config = config.replace(last_path, last_path + "".join(added), 1)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return {"content_pages": sections * PAGES_PER_SECTION, "roles": len(roles), "checklist_items": len(items)}


def _nav_yaml(nav: list) -> list[str]:
    lines = []
    for section in nav:
        (title, entries), = section.items()
        lines.append(f"      - {title}:\n")
        for entry in entries:
            (label, path), = entry.items()
            lines.append(f"          - {label}: {path}\n")
    return lines


def without_hooks(config: str) -> str:
    """mkdocs.yml text without its ``hooks:`` (the optional Material-only part)."""
    lines = config.splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        if line.startswith("hooks:"):
            skipping = True
            continue
        if skipping and (line.startswith("  - ") or not line.strip()):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


# The hooks that change Material's templates and stylesheet, now and in older commits.
# (macros/material/search.py stays, as the older commits' content hooks did, which handed
# the search plugin the same less to read: it changes nothing of Material's theme.)
THEME_HOOKS = ("macros/material/hooks.py", "macros/theme.py")


def stock(project: Path, features: list[str] | None = None) -> Path:
    """A config for the same project on Material as it ships: no theme overrides and none
    of the Material-only hooks, with our theme features (like for like) or those given.
    The content itself is built as usual (macros, Markdown extension, and in older commits
    the content hooks): the pages need it to build at all."""
    config = (project / "mkdocs.yml").read_text().replace("  custom_dir: overrides\n", "")
    config = "".join(line for line in config.splitlines(keepends=True) if not any(h in line for h in THEME_HOOKS))
    if "\nhooks:\n" in config and not config.split("\nhooks:\n", 1)[1].startswith("  - "):
        config = without_hooks(config)
    if features is not None:
        start = config.index("  features:\n")
        end = start + len("  features:\n")
        while config.startswith("    - ", end):
            end = config.index("\n", end) + 1
        chosen = "".join(f"    - {f}\n" for f in features)
        config = config[:start] + ("  features:\n" + chosen if chosen else "") + config[end:]
    name = "-".join(["mkdocs-stock", *(f.replace(".", "-") for f in features or ["ours"])]) + ".yml"
    path = project / name
    path.write_text(config, encoding="utf-8")
    return path
