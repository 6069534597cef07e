"""MkDocs hooks for Material for MkDocs only (optional): the sidebar drawn in Python.

Material's ``partials/nav-item.html`` draws the sidebar with one Jinja macro call per
entry on every page; on a 1,000-page site that is the largest single cost of a build.
:mod:`.nav` draws the same markup from the same objects far faster. These hooks:

- put ``overrides/material/`` in front of the theme's templates: its
  ``partials/nav.html`` is Material's, calling :mod:`.nav` where it can;
- give nav entries the attributes Material's template looks up (a miss costs Jinja
  two exceptions per entry), with the value the template treats as absent;
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


def on_env(env, config, files):
    """Offer the Python sidebar to the template, or leave Material's own to draw it."""
    env.globals.pop("handbook_nav", None)
    if config["theme"].name == "material" and material_checked():
        env.globals["handbook_nav"] = _draw
    return env


def _draw(nav, page, features):
    """What overrides/material/partials/nav.html calls: the entries as HTML, or None
    when the nav holds something nav.py does not draw (Material's template does)."""
    if not sidebar.supported(nav):
        return None
    return sidebar.primary(nav, page, features)
