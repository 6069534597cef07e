"""MkDocs hooks about Material's theme itself, apart from the handbook's content.

- Material's page template made cheaper, output unchanged: nav entries given the
  attributes the template looks up, and the sidebar drawn by :mod:`macros.nav`;
- Material's stylesheet cut to the rules the site's pages and scripts can use
  (:mod:`macros.css`), written beside the original under a name of its own.

Kept apart from macros/hooks.py (the handbook's own content) because they are about
the theme alone: the benchmark builds "stock Material" without them, and a move to
another theme drops this file, ``overrides/partials/nav.html`` and the ``styles``
block of ``overrides/main.html``.
"""

from __future__ import annotations

import hashlib
import logging
from importlib import metadata
from pathlib import Path

from macros import css
from macros import nav as sidebar

log = logging.getLogger("mkdocs.plugins.handbook")
_nav: list = []  # [Navigation] of the current build
# the stylesheet being cut this build: {"original": path in the site, "cut": path, "classes": set}
_sheet: dict = {}
_STYLESHEETS = "assets/stylesheets"


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
    """Draw the sidebar with macros.nav where it can, else with Material's template;
    name the cut stylesheet the pages will link to instead of Material's."""
    if _nav and sidebar.supported(_nav[0]):
        env.globals["handbook_nav"] = sidebar.primary
    else:
        env.globals.pop("handbook_nav", None)
    _sheet.clear()
    original = next((f for f in files if f.src_uri.startswith(f"{_STYLESHEETS}/main.")
                     and f.src_uri.endswith(".min.css")), None)
    if original is None:  # not Material 9, or renamed: pages keep the stylesheet they have
        env.globals.pop("handbook_stylesheet", None)
        return env
    stem = original.src_uri.removesuffix(".min.css")
    cut = f"{stem}.{_inputs_digest(config, files)}.min.css"
    _sheet.update(original=original.src_uri, cut=cut, classes=set())
    env.globals["handbook_stylesheet"] = {"original": original.src_uri, "cut": cut}
    return env


def _inputs_digest(config, files) -> str:
    """A digest of everything the site's pages are made from (pages, data, theme
    overrides, our code, the config, Material's version): the cut stylesheet changes
    name whenever what it was cut for may have changed, so no browser keeps a stale
    copy of it."""
    digest = hashlib.sha256(metadata.version("mkdocs-material").encode())
    roots = list(dict.fromkeys(Path(d) for d in (config["docs_dir"], config["theme"].custom_dir) if d))
    sources = sorted(Path(f.abs_src_path) for f in files if f.abs_src_path)
    code = Path(__file__).parent
    named = [(path.relative_to(root), path) for path in sources for root in roots if path.is_relative_to(root)]
    named += [(path.relative_to(code), path) for path in sorted(code.glob("*.py"))]
    named.append((Path("mkdocs.yml"), Path(config["config_file_path"])))
    for name, path in named:
        digest.update(name.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:8]


def on_post_page(output, page, config):
    if _sheet:
        _sheet["classes"].update(css.classes_in(output))
    return output


def on_post_template(output_content, template_name, config):
    """The 404 page, written from a theme template rather than a page, counts too."""
    if _sheet and template_name.endswith(".html"):
        _sheet["classes"].update(css.classes_in(output_content))
    return output_content


def on_post_build(config):
    """Write the cut stylesheet: the rules of Material's that the written pages, and
    the scripts they load, can use."""
    if not _sheet:
        return
    site = Path(config["site_dir"])
    assets = site / "assets"
    scripts = [path.read_text(encoding="utf-8") for path in sorted(assets.rglob("*.js"))
               if not {"lunr", "workers"} & set(path.relative_to(assets).parts)]
    known = css.Known(_sheet["classes"], scripts)
    original = (site / _sheet["original"]).read_text(encoding="utf-8")
    try:
        text = css.cut(original, known)
    except ValueError as exc:  # a stylesheet macros.css cannot read: pages get it whole
        log.info("Material's stylesheet served whole (%s)", exc)
        text = original
    (site / _sheet["cut"]).write_text(text, encoding="utf-8")
