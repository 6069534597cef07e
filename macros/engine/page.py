"""Which page is being built, asked of whichever engine is running, and how bad data
stops its build. Everything here that knows an engine's objects is in this module.
"""

from __future__ import annotations

import html
import logging
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from markupsafe import Markup

from macros.core import history
from macros.core.load import DataError, Handbook, induction_problem, load_cached
from macros.core.urls import Where

log = logging.getLogger("mkdocs.plugins.handbook")
T = TypeVar("T")


class _Escaped(Markup):
    """Front matter text already escaped for HTML (see page_meta): a Markup string, so a
    template that escapes it (as the themes' footer links do) leaves it as it is."""


@dataclass(frozen=True)
class PageContext:
    docs_dir: Path
    where: Where  # the page's path under docs/ and its URL
    engine: str  # "mkdocs" (MkDocs or ProperDocs) or "zensical"
    extra: dict = field(default_factory=dict)  # mkdocs.yml's extra
    site_url: str = ""
    meta: dict = field(default_factory=dict, compare=False)  # the engine's own copy of the page's front matter
    build: object = field(default=None, compare=False, repr=False)  # the engine's object for this build (see kept)

    def absolute(self, url: str = "") -> str:
        """The page's (or a site path's) address on the published site."""
        base = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        return base + (url or self.where.url).lstrip("./") if self.site_url else (url or self.where.url)


def _docs_dir(root: str | os.PathLike, docs_dir: str) -> Path:
    return Path(os.path.abspath(os.path.join(root, docs_dir)))  # an absolute docs_dir stays as it is


def from_macros(env) -> PageContext | None:
    """The page the macros are rendering (mkdocs-macros-plugin or Zensical's macros)."""
    page = env.page
    if page is None:
        return None
    conf = env.conf
    engine = engine_of(env)
    path = page.path if engine == "zensical" else page.file.src_uri
    return PageContext(docs_dir_of(env),
                       Where(path, page.url, bool(conf.get("use_directory_urls", True)), engine == "zensical"),
                       engine, dict(conf.get("extra") or {}), conf.get("site_url") or "", page.meta, conf)


def engine_of(env) -> str:
    return "zensical" if type(env).__module__.startswith("zensical") else "mkdocs"


def docs_dir_of(env) -> Path:
    return _docs_dir(env.project_dir, env.conf["docs_dir"])


def from_markdown(md) -> PageContext | None:
    """The page a Python-Markdown instance is converting, or None outside a site build.

    Zensical puts a 'rendering_context' preprocessor holding the page and the config
    into every page's Markdown instance (its own extensions read it the same way);
    MkDocs and ProperDocs put in a 'relpath' treeprocessor holding the page's file and
    the config, which resolves the page's links."""
    if "rendering_context" in md.preprocessors:
        context = md.preprocessors["rendering_context"]
        page, config = context.page, context.config
        docs_dir = _docs_dir(config.get("root_dir", "."), config.get("docs_dir", "docs"))
        return PageContext(docs_dir, Where(page.path, page.url, bool(config.get("use_directory_urls", True)), True),
                           "zensical", dict(config.get("extra") or {}), config.get("site_url") or "", page.meta,
                           config)
    if "relpath" in md.treeprocessors:
        relpath = md.treeprocessors["relpath"]
        file, config = relpath.file, relpath.config
        return PageContext(Path(config["docs_dir"]),
                           Where(file.src_uri, file.url, bool(config["use_directory_urls"])), "mkdocs",
                           dict(config["extra"] or {}), config["site_url"] or "",
                           file.page.meta if file.page is not None else {}, config)
    return None


def handbook(docs_dir: Path, engine: str, data_only: bool = False, also: Iterable[str] = ()) -> Handbook:
    """The data, loaded and validated (once while its files stay the same; see
    :func:`macros.core.load.load_cached` for ``data_only``); on bad data, one line per
    problem and the build stops, without a traceback, listing ``also`` (problems found
    elsewhere, in mkdocs.yml) with them, so that one run shows them all."""
    try:
        return load_cached(docs_dir, data_only)
    except DataError as exc:
        _stop([*also, *exc.problems], engine)
        raise  # (not reached)


def build_store(build: object) -> dict | None:
    """Where what lasts one build is kept: on the engine's config object for the build
    (``build``), which MkDocs and ProperDocs make anew for every build (``serve``'s too);
    None where the engine's config takes no attributes (Zensical's, or a plain mapping)."""
    try:
        return vars(build).setdefault("_handbook_kept", {})
    except TypeError:
        return None


def kept(context: PageContext, name: str, make: Callable[[], T]) -> T:
    """What is the same for every page of one build (the data, the trackers, git's
    dates, today's date), made once a build (see build_store), or for every page where
    the engine keeps nothing for a build."""
    return once_a_build(context.build, name, make)


def once_a_build(build: object, name: str, make: Callable[[], T]) -> T:
    """``make()``, kept under ``name`` for the rest of the build ``build`` (see
    build_store); made anew at each call where the engine keeps nothing for a build."""
    store = build_store(build)
    return make() if store is None else _kept_in(store, name, make)


def _kept_in(store: dict, name: str, make: Callable[[], T]) -> T:
    if name not in store:
        store[name] = make()
    return store[name]


def start_git_dates(build: object, docs_dir: Path) -> None:
    """Start ``git log`` for the build's dates (see git_dates) now, to run beside the data
    load, where the engine keeps something for a build (elsewhere it would run once a page)."""
    store = build_store(build)
    if store is not None:
        _kept_in(store, "dates", lambda: history.dates_later(docs_dir))


def git_dates(context: PageContext) -> dict:
    """git's date for every page and data file of the build (started by start_git_dates,
    or now, once a build)."""
    return kept(context, "dates", lambda: history.dates_later(context.docs_dir))()


def handbook_for(context: PageContext) -> Handbook:
    """The data for the page's build (see handbook): with the pages' front matter checked
    once a build where the engine keeps something for a build; else (once a page) only
    the data files need to match, as the pages' own text is the macros' to check."""
    if build_store(context.build) is None:
        return handbook(context.docs_dir, context.engine, data_only=True)
    return kept(context, "handbook", lambda: handbook(context.docs_dir, context.engine))


def trackers_for(context: PageContext):
    return kept(context, "trackers", lambda: trackers(context.extra, context.engine))


# Front matter the theme prints as HTML (Material's templates and Zensical's put a page's
# title in <title>, the header, the sidebar, the footer and the search index, and its
# description in a <meta> attribute, all unescaped).
DISPLAYED_AS_HTML = ("title", "description")


def page_meta(context: PageContext, hb: Handbook | None = None):
    """The page's front matter, validated (as the data load validates every page's): as
    ``hb`` holds it when the data was checked with the pages for this very build (see
    handbook_for), else validated here.

    The text fields the theme prints as HTML are escaped in the engine's own copy of the
    front matter (once: a page is converted once a build), so a contributor's '<' or '"'
    shows as written wherever the theme puts it."""
    from macros.core.model import PageMeta

    meta = context.meta
    for key in DISPLAYED_AS_HTML:
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, _Escaped):
            meta[key] = _Escaped(html.escape(value, quote=True))
    if hb is not None and build_store(context.build) is not None and context.where.path in hb.pages:
        return hb.pages[context.where.path]
    try:
        found = PageMeta.model_validate({k: html.unescape(v) if isinstance(v, _Escaped) else v
                                         for k, v in meta.items()})
    except ValueError as exc:
        _stop([f"docs/{context.where.path}: front matter: {' '.join(str(exc).split())}"], context.engine)
        raise  # (not reached)
    problem = hb is not None and induction_problem(context.where.path, found.induction_path, hb.roles)
    if problem:
        _stop([f"docs/{context.where.path}: {problem}"], context.engine)
    return found


def tracker_problems(extra: dict) -> list[str]:
    """What is wrong with the issue trackers' setting in mkdocs.yml (none: [])."""
    from macros.core.trackers import trackers as read

    return read(extra)[1]


def trackers(extra: dict, engine: str):
    """The issue trackers set in mkdocs.yml (a wrong setting stops the build, as bad data does)."""
    from macros.core.trackers import trackers as read

    found, problems = read(extra)
    if problems:
        _stop(problems, engine)
    return found


def stop_on_page(context: PageContext, problem: str) -> None:
    """Stop the build for a problem a macro finds on the page it renders (one the data
    load could not see: a call through a variable), as bad data stops it."""
    _stop([f"docs/{context.where.path}: {problem}"], context.engine)


def _stop(problems: list[str], engine: str) -> None:
    summary = f"The handbook data has {len(problems)} problem(s), listed above; fix them and build again."
    if engine == "zensical":
        # Zensical prints any exception from Python with its traceback, and then carries
        # on to its next page (build) or stops (serve, 0.0.73: no server stays up to see
        # the fix); a contributor needs the lines below and a failed build or server.
        lines = "".join(f"ERROR   -  {p}\n" for p in problems)
        sys.stderr.write(f"{lines}ERROR   -  {summary}\n")
        sys.stderr.flush()
        os._exit(1)
    from mkdocs.exceptions import PluginError  # under ProperDocs, this is ProperDocs' own

    for problem in problems:
        log.error(problem)
    raise PluginError(summary)
