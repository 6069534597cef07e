"""MkDocs hooks: generate one induction page per role from the data.

The pages are virtual (not files under docs/): each holds only a macro call, so
the path is always the data's, and adding a role adds its page and nav entry.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros import history, render
from macros.data import load_cached

INDEX = "induction/index.md"
# generated pages change when the data they are made from changes
GENERATED_FROM = ("data/paths.yml", "data/checklist.yml", "data/roles.yml")
GLOSSARY = "glossary.md"
_roles: dict = {}
_dates: dict = {}
_terms: list = []


def on_config(config):
    if "MIKE_DOCS_VERSION" not in os.environ:
        # Only a mike deployment has versions.json; elsewhere (serve, a plain build)
        # the selector would fetch a file that is not there.
        config["extra"].pop("version", None)
    hb = load_cached(config["docs_dir"])  # loaded and validated by the macros plugin, which runs first
    _roles.clear()
    _roles.update(hb.roles)
    _terms[:] = render.glossary_terms(hb)
    _dates.clear()
    _dates.update(history.git_dates(Path(config["docs_dir"])))
    pages = [{role.name: render.induction_ref(role.id)} for role in hb.roles.values()]
    config["nav"] = _with_paths(config["nav"], pages) if config["nav"] else None
    return config


def _with_paths(nav: list, pages: list) -> list:
    """Put the generated pages right after the induction index, wherever it is in the nav."""
    out = []
    for entry in nav:
        if isinstance(entry, dict):
            (title, value), = entry.items()
            out.append({title: _with_paths(value, pages) if isinstance(value, list) else value})
            if value == INDEX:
                out.extend(pages)
        else:
            out.append(entry)
            if entry == INDEX:
                out.extend(pages)
    return out


def on_files(files, config):
    for role in _roles.values():
        meta = {
            "title": f"Induction path: {role.short}",
            "description": f"The induction path for a new {role.short}: what to read, in order, "
                           "and a checklist from before day one to day 90.",
            "tags": [role.short],
            "owner": role.id,
            "generated": True,
        }
        heading = render.text(f"Induction path: {role.name}")
        content = (
            f"---\n{json.dumps(meta)}\n---\n\n# {heading}\n\n"
            f'{{{{ induction_path("{role.id}") }}}}\n'
        )
        files.append(File.generated(config, render.induction_ref(role.id), content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    """Give the page template its facts: owner, review-by date and last update."""
    docs_dir = Path(config["docs_dir"])
    sources = GENERATED_FROM if page.meta.get("generated") else (page.file.src_uri,)
    found = [history.last_updated(docs_dir, rel, _dates) for rel in sources]
    updated, how = max(found)
    owner = _roles.get(page.meta.get("owner") or "")
    page.meta["hb_facts"] = {
        "updated": updated.isoformat(),
        "updated_from": how,
        "owner": owner.name if owner else None,
        "review_by": str(page.meta.get("review_by") or ""),
    }
    return markdown


def on_page_content(html, page, config, files):
    """Link the first use of each glossary term on the page to its definition."""
    glossary = files.get_file_from_path(GLOSSARY)
    if glossary is None or page.file.src_uri == GLOSSARY:
        return html
    return render.link_terms(html, _terms, get_relative_url(glossary.url, page.url))


def on_page_context(context, page, config, nav):
    if page.meta.get("generated"):
        # a generated page is edited through the data it comes from
        base = config.get("edit_uri") or ""
        page.edit_url = f"{base.rstrip('/')}/data/paths.yml" if base.startswith("http") else None
    return context
