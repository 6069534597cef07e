"""MkDocs hooks: the parts of the build that are not macros.

- one induction page per role, generated from the data (virtual pages, so adding a
  role adds its page and nav entry);
- Jinja only for pages that call macros, and the macros plugin only for those pages;
- glossary links and the Sources note added to each page's HTML;
- page facts (owner, review-by date, last update from git) for the template.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros import credits, history, render, stash, urls
from macros.data import loaded

INDEX = "induction/index.md"
# generated pages change when the data they are made from changes
GENERATED_FROM = ("data/paths.yml", "data/checklist.yml", "data/roles.yml")
GLOSSARY = "glossary.md"
SOURCES = "sources.md"
_JINJA = ("{{", "{%")
_handbook: list = []  # [Handbook] of the current build
_dates: list = []  # [function giving the git dates], git log running beside the build
_terms: list = []

history.defer_macros_git_info()  # before the macros plugin's on_config fills its variables


def on_config(config):
    if "MIKE_DOCS_VERSION" not in os.environ:
        # Only a mike deployment has versions.json; elsewhere (serve, a plain build)
        # the selector would fetch a file that is not there.
        config["extra"].pop("version", None)
    stash.start_build()
    hb = loaded(config["docs_dir"])  # loaded and validated by the macros plugin, which runs first
    _handbook[:] = [hb]
    _terms[:] = render.glossary_terms(hb)
    _dates[:] = [history.git_dates_later(Path(config["docs_dir"]))]
    pages = [{role.name: render.induction_ref(role.id)} for role in hb.roles.values()]
    config["nav"] = _with_paths(config["nav"], pages) if config["nav"] else None
    _macros_only_where_used(config.plugins)
    return config


def _macros_only_where_used(plugins) -> None:
    """Give the macros plugin's page_markdown event only the pages it renders.

    For a page whose ``render_macros`` is false it returns the Markdown unchanged,
    but only after copying the page and its variables and writing debug lines: about
    50 µs a page, 50 ms at 1,000 pages, most of which call no macro. It has no later
    page event that could miss the page (mkdocs-macros 1.x), and our own pre- and
    post-macro functions only act on rendered pages."""
    macros = plugins.get("macros")
    if macros is None:
        return
    handlers = plugins.events.get("page_markdown", [])
    origins = getattr(plugins, "_event_origins", {})  # (names the plugin in MkDocs' debug log)
    for i, handler in enumerate(handlers):
        if inspect.unwrap(handler) == macros.on_page_markdown:
            handlers[i] = _when_rendered(handler)
            origins[handlers[i]] = origins.get(handler, "macros")


def _when_rendered(handler):
    if getattr(handler, "rendered_only", False):
        return handler

    def macros_page_markdown(markdown, page, **kwargs):
        if page.meta.get("render_macros") is False:
            return markdown  # what the macros plugin returns for it
        return handler(markdown, page=page, **kwargs)

    macros_page_markdown.__wrapped__ = handler
    macros_page_markdown.rendered_only = True
    return macros_page_markdown


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
    """One page per role, written here from the data (as the ``induction_path`` macro
    would write it, without a Jinja pass for each)."""
    hb = _handbook[0]
    for role in hb.roles.values():
        path = render.induction_ref(role.id)
        href = urls.resolver(urls.site_url(path, config["use_directory_urls"]), config["use_directory_urls"])
        meta = {
            "title": f"Induction path: {role.short}",
            "description": f"The induction path for a new {role.short}: what to read, in order, "
                           "and a checklist from before day one to day 90.",
            "tags": [role.short],
            "owner": role.id,
            "generated": True,
            "render_macros": False,  # the page holds no macro call, and data text is not a template
            "carries": sorted({c for item in hb.by_role.get(role.id, []) for c in item.carries}),
        }
        heading = render.text(f"Induction path: {role.name}")
        body = render.induction_path(hb, role.id, href, raw=stash.keep)
        content = f"---\n{json.dumps(meta)}\n---\n\n# {heading}\n\n{body}\n"
        files.append(File.generated(config, path, content=content))
    return files


@event_priority(100)  # before mkdocs-macros
def on_page_markdown(markdown, page, config, files):
    """Start the page's credits; let Jinja render only pages that use it (most prose
    pages have no macro call, and rendering them costs a Jinja pass each); and give
    the page template its facts: owner, review-by date and last update."""
    credits.start_page()
    page.meta.setdefault("render_macros", any(mark in markdown for mark in _JINJA))
    sources = GENERATED_FROM if page.meta.get("generated") else (page.file.src_uri,)
    found = [history.last_updated(config["docs_dir"], rel, _dates[0]()) for rel in sources]
    updated, how = max(found)
    owner = _handbook[0].roles.get(page.meta.get("owner") or "")
    page.meta["hb_facts"] = {
        "updated": updated.isoformat(),
        "updated_from": how,
        "owner": owner.name if owner else None,
        "review_by": str(page.meta.get("review_by") or ""),
    }
    return markdown


def on_page_content(html, page, config, files):
    """Link the first use of each glossary term in the page's prose to its definition;
    put back the HTML the macros kept out of Markdown's way (and register its anchors,
    so links to them are checked); add the Sources note for the ids the page carries
    (front matter and data shown). Glossary links go in first, so checklists, which
    are data rather than prose, get none on any page."""
    glossary = files.get_file_from_path(GLOSSARY)
    if glossary is not None and page.file.src_uri != GLOSSARY:
        html = render.link_terms(html, _terms, get_relative_url(glossary.url, page.url))
    html, held = stash.restore(html, page.file.src_uri)
    if held:
        page.present_anchor_ids = stash.Anchors(page.present_anchor_ids, held)
    sources = files.get_file_from_path(SOURCES)
    carried = set(page.meta.get("carries") or []) | credits.carried()
    if sources is not None and carried:
        html += render.credits(_handbook[0], carried, get_relative_url(sources.url, page.url))
    return html


def on_post_page(output, page, config):
    """Put back the blocks the search index leaves out (see macros.stash)."""
    return stash.restore_late(output, page.file.src_uri)


def on_page_context(context, page, config, nav):
    if page.meta.get("generated"):
        # a generated page is edited through the data it comes from
        base = config.get("edit_uri") or ""
        page.edit_url = f"{base.rstrip('/')}/data/paths.yml" if base.startswith("http") else None
    return context
