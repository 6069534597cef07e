"""MkDocs hooks for Material for MkDocs only (optional): the sidebar drawn in Python.

Material's ``partials/nav-item.html`` draws the sidebar with one Jinja macro call per
entry on every page; on a 1,000-page site that is the largest single cost of a build.
:mod:`.nav` draws the same markup from the same objects far faster. These hooks:

- put ``overrides/material/`` in front of the theme's templates: its
  ``partials/nav.html`` is Material's, calling :mod:`.nav` where it can;
- give nav entries the attributes Material's template looks up (a miss costs Jinja
  two exceptions per entry), with the value the template treats as absent;
- hand Material's search plugin each page without the checklist lists it would
  read only to leave out of the index (the index is the same, built far faster);
- leave out Material's version selector except in builds by mike (the only ones
  with a versions.json to read);
- offer :func:`.nav.primary` to that template only for the Material versions it was
  checked against (:data:`CHECKED`) and for navs it draws exactly
  (:func:`.nav.supported`); anything else is drawn by Material's own template.

Zensical ignores ``hooks:``. Delete this folder, the ``hooks:`` entry in mkdocs.yml
and ``overrides/material/``, and the site is the same, built more slowly.
"""

from __future__ import annotations

import logging
import os
import re
from importlib import metadata

from macros.material import nav as sidebar

log = logging.getLogger("mkdocs.plugins.handbook")

# Material versions whose partials/nav.html and partials/nav-item.html nav.py follows
# (tests/test_nav.py compares every page with a build that has no project hooks).
CHECKED = ("9.7.", "9.8.")
TEMPLATES = "material"  # overrides/material/: templates used only with these hooks

_NAV_ABSENT = {"pages": None, "typeset": None, "encrypted": None, "meta": None, "is_index": False}


def material_checked() -> bool:
    try:
        version = metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        return False
    return version.startswith(CHECKED)


def on_config(config):
    if "MIKE_DOCS_VERSION" not in os.environ:
        # Only a build by mike has a versions.json beside it; elsewhere (serve, a plain
        # build) Material's version selector would fetch a file that is not there.
        config["extra"].pop("version", None)
    theme = config["theme"]
    if theme.name != "material" or not material_checked():
        return config
    custom = theme.custom_dir
    templates = os.path.join(custom, TEMPLATES) if custom else None
    if templates and os.path.isdir(templates) and templates not in theme.dirs:
        theme.dirs.insert(0, templates)
    return config


def on_nav(nav, config, files):
    stack = list(nav.items)
    while stack:
        entry = stack.pop()
        for name, absent in _NAV_ABSENT.items():
            if not hasattr(entry, name):
                setattr(entry, name, absent)
        stack.extend(entry.children or ())
    return nav


# Checklist lists (a list holds no other list): a role's, left out of the search index
# (each item is indexed once, on the all-items page), and the all-items page's.
_UNINDEXED = '<ul class="hb-items" data-checklist="'
_INDEXED = '<ul class="hb-items hb-items--all">'
_HELD = "<!--hb-held:{}-->"
# What Material's search plugin keeps of markup (material/plugins/search/plugin.py,
# Parser.keep): these tags, bare; of any other tag, only the text inside.
_KEPT = "p|code|pre|li|ol|ul|sub|sup"
_DROPPED_TAG = re.compile(rf"</?(?!(?:{_KEPT})\b)[a-zA-Z][^>]*>")
_KEPT_TAG = re.compile(rf"<(/?)({_KEPT})\b[^>]*>")


def _for_search(block: str) -> str:
    """A checklist list as Material's search index keeps it: its text, and its list tags bare."""
    return _KEPT_TAG.sub(r"<\1\2>", _DROPPED_TAG.sub("", block))


def on_page_content(html, page, config, files):
    """Material's search plugin reads every page's HTML tag by tag to index it, and a
    checklist is thousands of tags: a role's, marked data-search-exclude, it reads only
    to keep none of them; the all-items page's, to keep their text. It is given the page
    without the first and with the text of the second, and on_post_page puts the lists
    back. The search index comes out the same (tests/test_nav.py compares it)."""
    if _UNINDEXED not in html and _INDEXED not in html:
        return html
    held: list[str] = []
    parts: list[str] = []
    at = 0
    while True:
        found = [i for i in (html.find(_UNINDEXED, at), html.find(_INDEXED, at)) if i >= 0]
        if not found:
            break
        start = min(found)
        end = html.find("</ul>", start) + len("</ul>")
        block = html[start:end]
        parts.append(html[at:start])
        number = _HELD.format(len(held))
        if block.startswith(_UNINDEXED):
            parts.append(number)
            held.append(block)
        else:
            parts.append(f"{number}{_for_search(block)}{number}")
            held.append(block)
        at = end
    parts.append(html[at:])
    page.handbook_held = held
    return "".join(parts)


def on_post_page(output, page, config):
    held = getattr(page, "handbook_held", None)
    if not held:
        return output
    parts, at = [], 0
    for number, block in enumerate(held):
        mark = _HELD.format(number)
        start = output.find(mark, at)
        end = output.find(mark, start + len(mark))  # the indexed lists' search text runs to a second mark
        end = start + len(mark) if end < 0 else end + len(mark)
        if block.startswith(_UNINDEXED):
            # the search plugin takes the attribute off what it reads; so here too
            block = block.replace(' data-search-exclude="true"', "", 1)
        parts += [output[at:start], block]
        at = end
    output = "".join(parts) + output[at:]
    page.handbook_held = None
    return output


def on_env(env, config, files):
    """Offer the Python sidebar to the template, or leave Material's own to draw it."""
    env.globals.pop("handbook_nav", None)
    if config["theme"].name == "material" and material_checked():
        env.globals["handbook_nav"] = _draw
    return env


def _draw(nav, page, features):
    """What overrides/material/partials/nav.html calls: the entries as HTML, or None
    when the nav holds something nav.py does not draw (Material's template does)."""
    drawable = getattr(nav, "handbook_drawable", None)
    if drawable is None:
        # Whether nav.py draws every entry exactly as Material would (pages' front
        # matter counts, so it is asked once the pages are read): once a build, kept
        # on the nav itself, which is the same for every page.
        drawable = nav.handbook_drawable = sidebar.supported(nav)
    if not drawable:
        return None
    return sidebar.primary(nav, page, features)
