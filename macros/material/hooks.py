"""MkDocs hooks for Material for MkDocs only (optional): the sidebar drawn in Python,
and Material's stylesheet cut to the rules the site uses. (:mod:`.search`, a hooks file
of its own, hands Material's search plugin less to read.)

Material's ``partials/nav-item.html`` draws the sidebar with one Jinja macro call per
entry on every page; on a 1,000-page site that is the largest single cost of a build.
:mod:`.nav` draws the same markup from the same objects far faster. These hooks:

- put ``overrides/material/`` in front of the theme's templates: its
  ``partials/nav.html`` is Material's, calling :mod:`.nav` where it can;
- give nav entries the attributes Material's template looks up (a miss costs Jinja
  two exceptions per entry), with the value the template treats as absent;
- leave out Material's version selector except in builds by mike (the only ones
  with a versions.json to read);
- cut Material's stylesheet to the rules the written pages and their scripts can use
  (:mod:`.css`; about 6 KB gzip less on a first visit), written beside the original
  under a name made from its own content, so it changes name only when it changes:
  pages are written linking ``main.<material's>.00000000.min.css``, and once every
  page is written (the cut needs all their classes) those eight bytes of each are
  overwritten with the digest;
- minify the handbook's own scripts and stylesheet in the built site (``assets/js``,
  ``assets/css``; rjsmin and rcssmin, as Material ships its own minified), keeping
  the readable sources in ``overrides/``;
- offer :func:`.nav.primary` to that template only for the Material versions it was
  checked against (:data:`CHECKED`) and for navs it draws exactly
  (:func:`.nav.supported`); anything else is drawn by Material's own template.

Zensical ignores ``hooks:``. Delete this folder, the ``hooks:`` entries in mkdocs.yml
and ``overrides/material/``, and the site is the same, built more slowly and with
Material's whole stylesheet.
"""

from __future__ import annotations

import hashlib
import logging
import os
from importlib import metadata
from pathlib import Path

import rcssmin
import rjsmin

from macros.engine.page import build_store
from macros.material import css
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


def on_post_page(output, page, config):
    _note_classes(config, output, page.file.abs_dest_path, getattr(page, "handbook_sidebar", None))
    page.handbook_sidebar = None
    return output


def on_post_template(output_content, template_name, config):
    """The 404 page, written from a theme template rather than a page, counts too."""
    if template_name == "404.html":
        _note_classes(config, output_content, os.path.join(config["site_dir"], template_name), None)
    return output_content


def _note_classes(config, output: str, dest: str, sidebar_parts: list[str] | None) -> None:
    cut = (build_store(config) or {}).get("cut")
    if cut is None:
        return
    at = output.find(cut["pending"])
    if at < 0:
        return
    # where the eight pending bytes are in the file (MkDocs writes the page as UTF-8)
    digest_at = at + len(cut["pending"]) - len(f"{PENDING}.min.css")
    cut["written"].append((dest, len(output[:digest_at].encode("utf-8"))))
    # The sidebar nav.py drew is most of a large site's pages, and its classes are
    # among the words of nav.py itself, which count as known (on_post_build).
    skip, at = [], 0
    for part in sidebar_parts or ():
        # (found by its first few hundred characters, then compared whole: far quicker
        # than a search for the whole of a part tens of kilobytes long)
        start = output.find(part[:200], at)
        if start >= 0 and output.startswith(part, start):
            skip.append((start, start + len(part)))
            at = start + len(part)
    cut["classes"] |= css.classes_in(output, skip)


OWN_ASSETS = {"assets/js": (".js", rjsmin.jsmin), "assets/css": (".css", rcssmin.cssmin)}


def on_post_build(config):
    _minify(Path(config["site_dir"]))
    _write_cut(config)


def _minify(site: Path) -> None:
    for folder, (suffix, minify) in OWN_ASSETS.items():
        for path in sorted((site / folder).glob(f"*{suffix}")):
            text = path.read_text(encoding="utf-8")
            path.write_text(minify(text).strip() + "\n", encoding="utf-8")


def _write_cut(config) -> None:
    """Write the cut stylesheet under its own digest and put that digest in every page."""
    cut = (build_store(config) or {}).pop("cut", None)
    if cut is None or not cut["written"]:
        return
    site = Path(config["site_dir"])
    assets = site / "assets"
    scripts = [path.read_text(encoding="utf-8") for path in sorted(assets.rglob("*.js"))
               if not {"lunr", "workers"} & set(path.relative_to(assets).parts)]
    scripts.append(Path(sidebar.__file__).read_text(encoding="utf-8"))
    original = (site / cut["original"]).read_text(encoding="utf-8")
    try:
        text = css.cut(original, css.Known(cut["classes"], scripts))
    except ValueError as exc:  # a stylesheet css.py cannot read: served whole, under the new name
        log.info("Material's stylesheet served whole (%s)", exc)
        text = original
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:len(PENDING)]
    (site / f"{cut['pending'].removesuffix(f'.{PENDING}.min.css')}.{digest}.min.css").write_text(text, encoding="utf-8")
    for dest, offset in cut["written"]:
        with open(dest, "r+b") as written:
            written.seek(offset)
            if written.read(len(PENDING)) != PENDING.encode():
                raise OSError(f"{dest}: the stylesheet's name is not where it was written")
            written.seek(offset)
            written.write(digest.encode())


STYLESHEETS = "assets/stylesheets"
PENDING = "00000000"  # the cut stylesheet's digest, until every page is written


def on_env(env, config, files):
    """Offer the Python sidebar to the template, or leave Material's own to draw it; name
    the cut stylesheet the pages link to instead of Material's (overrides/main.html)."""
    env.globals.pop("handbook_nav", None)
    env.globals.pop("handbook_stylesheet", None)
    store = build_store(config)  # (none for a plain mapping, as in tests: no cut)
    if store is not None:
        store.pop("cut", None)
    if config["theme"].name != "material" or not material_checked():
        return env
    env.globals["handbook_nav"] = _draw
    original = next((f.src_uri for f in files or () if f.src_uri.startswith(f"{STYLESHEETS}/main.")
                     and f.src_uri.endswith(".min.css")), None)
    if original is not None and store is not None:
        pending = f"{original.removesuffix('.min.css')}.{PENDING}.min.css"
        # this build's cut: the classes its pages hold, and where each page names it
        store["cut"] = {"original": original, "pending": pending, "classes": set(), "written": []}
        env.globals["handbook_stylesheet"] = {"original": original, "cut": pending}
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
    parts = page.handbook_sidebar = sidebar.primary(nav, page, features)  # (see _note_classes)
    return parts
