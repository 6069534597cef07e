"""MkDocs hooks that make Material's page template cheaper, output unchanged.

Kept apart from macros/hooks.py (the handbook's own content) because they are about
the theme alone: the benchmark builds "stock Material" without them, and a move to
another theme drops this file and ``overrides/partials/nav.html``.
"""

from __future__ import annotations

from macros import nav as sidebar

_nav: list = []  # [Navigation] of the current build


# Material's navigation template asks every nav entry for attributes that MkDocs'
# pages and sections may not have (a section has no `meta`, a page no `typeset`).
# Each miss costs Jinja two exceptions (attribute, then item lookup); on a 1,000-page
# site that was a fifth of the page template's time. Give them their "absent" value,
# which the template treats exactly as it treats a missing one.
_NAV_ABSENT = {"pages": None, "typeset": None, "encrypted": None, "meta": None, "is_index": False}


def on_nav(nav, config, files):
    _nav[:] = [nav]
    stack = list(nav.items)
    while stack:
        entry = stack.pop()
        for name, absent in _NAV_ABSENT.items():
            if not hasattr(entry, name):
                setattr(entry, name, absent)
        stack.extend(entry.children or ())
    return nav


def on_env(env, config, files):
    """Draw the sidebar with macros.nav where it can, else with Material's template."""
    if _nav and sidebar.supported(_nav[0]):
        env.globals["handbook_nav"] = sidebar.primary
    else:
        env.globals.pop("handbook_nav", None)
    return env
