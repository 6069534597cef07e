"""MkDocs hooks for Material for MkDocs only (optional): the sidebar drawn in Python,
and Material's stylesheet cut to the rules the site uses.

Material's ``partials/nav-item.html`` draws the sidebar with one Jinja macro call per
entry on every page; on a 1,000-page site that is the largest single cost of a build.
:mod:`.nav` draws the same markup from the same objects far faster. These hooks:

- put ``overrides/material/`` in front of the theme's templates: its
  ``partials/nav.html`` is Material's, calling :mod:`.nav` where it can;
- give nav entries the attributes Material's template looks up (a miss costs Jinja
  two exceptions per entry), with the value the template treats as absent;
- hand Material's search plugin each page without the checklist lists and the foot
  (Sources, facts, suggest links) it would read only to leave out of the index (the
  index is the same, built faster);
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

Zensical ignores ``hooks:``. Delete this folder, the ``hooks:`` entry in mkdocs.yml
and ``overrides/material/``, and the site is the same, built more slowly and with
Material's whole stylesheet.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
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


# The page's foot (macros.core.render.foot), last in its HTML: each part is marked
# data-search-exclude, and none holds another element of its own kind.
_FOOT = (('<p class="hb-suggest-page"', "</p>"), ('<p class="hb-page-facts"', "</p>"),
         ('<aside class="hb-credits"', "</aside>"))
# What Material's search plugin takes out of the page it indexes (on_page_context).
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def _foot_at(html: str) -> int:
    """Where the page's foot starts (its parts, in order, running to the end), or -1."""
    start = end = len(html.rstrip())
    for prefix, close in _FOOT:  # from the last part back
        at = html.rfind(prefix, 0, end)
        if at >= 0 and html.find(close, at) + len(close) == end:
            start = at
            end = len(html[:at].rstrip())
    return start if start < len(html.rstrip()) else -1


def on_page_content(html, page, config, files):
    """Material's search plugin reads every page's HTML tag by tag to index it, and a
    checklist is thousands of tags: a role's, marked data-search-exclude, it reads only
    to keep none of them; the all-items page's, to keep their text. The foot, also
    marked, it reads only to leave out. It is given the page without the first and the
    foot, and with the text of the second, and on_post_page puts them back. The search
    index comes out the same (tests/test_nav.py compares it)."""
    held: list[str] = []
    parts: list[str] = []
    foot = _foot_at(html)
    if foot >= 0:
        html, foot = html[:foot], html[foot:]
    else:
        foot = ""
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
    if foot:
        parts.append(_HELD.format(len(held)))
        held.append(_SEARCH_ATTRIBUTE.sub("", foot))  # as the search plugin leaves the rest
    page.handbook_held = held
    return "".join(parts)


def on_post_page(output, page, config):
    output = _restore_held(output, page)
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


def _restore_held(output, page):
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
