"""The macros module (``module_name: macros/engine/macros`` in mkdocs.yml): registers the
handbook's macros, each a call into the core's renderers for the page being built.

mkdocs-macros-plugin calls ``define_env`` once a build, Zensical once a page; either way
the data is loaded and validated once while its files stay the same. Each macro also
leaves a mark saying which records it shows and which data files they come from, which
the page's Markdown extension (:mod:`macros.engine.markdown`) turns into the Sources
note and the 'last updated' date.
"""

from __future__ import annotations

import logging
import re

from macros.core.load import jinja_start
from macros.core.render import cascade as diagram
from macros.core.render import checklists, foot, lists, modules, reviews, roles, selfchecks
from macros.core.render import rights as pairs
from macros.core.render.text import shows
from macros.engine import page as engine_page

_TRACEBACK = re.compile(r"\n*```\s*\nTraceback \(most recent call last\):.*?```", re.S)


class _WithoutTraceback(logging.Filter):
    """mkdocs-macros reports a failing macro with a Python traceback; the first lines
    (file, error, message) are what a contributor needs, so keep only those."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "Traceback (most recent call last)" in message:
            record.msg, record.args = _TRACEBACK.sub("", message).rstrip(), ()
        return True


def define_env(env) -> None:
    macros_log = logging.getLogger("mkdocs.plugins.mkdocs_macros.util")
    if not any(isinstance(f, _WithoutTraceback) for f in macros_log.filters):
        macros_log.addFilter(_WithoutTraceback())
    engine = engine_page.engine_of(env)
    docs_dir = engine_page.docs_dir_of(env)
    engine_page.start_git_dates(env.conf, docs_dir)  # for the facts lines, while the data loads
    extra = dict(env.conf.get("extra") or {})
    hb = engine_page.handbook(docs_dir, engine, also=engine_page.tracker_problems(extra))
    engine_page.trackers(extra, engine)  # a wrong setting stops the build now

    def context():
        found = engine_page.from_macros(env)
        if found is None:
            raise ValueError("a handbook macro was called outside a page")
        return found

    def where():
        return context().where

    def title_of(page) -> str:
        """The page's title from its front matter, or ''."""
        meta = hb.pages.get(page.where.path)
        return meta.title if meta and meta.title else ""

    def suggester(in_markdown: bool = False):
        """Links to suggest a change to one item on this page (none without a tracker)."""
        page = context()
        trackers = engine_page.trackers_for(page)
        if not trackers:
            return None
        title = title_of(page) or page.where.path

        def suggest(what: str, anchor: str) -> str:
            return foot.suggest(trackers, title, f"{page.absolute()}#{anchor}", what, label=what,
                                in_markdown=in_markdown)

        return suggest

    def known(macro: str, kind: str, value: str, table) -> str:
        """``value``, if it is in ``table``; else the build stops, naming the page (the data
        load finds such a call where its argument is written out; this is for the rest)."""
        if value not in table:
            engine_page.stop_on_page(context(), f"{macro}(\"{value}\"): no {kind} '{value}'; "
                                                f"expected one of: {', '.join(table)}")
        return value

    @env.macro
    def role_grid() -> str:
        return roles.role_grid(hb, where()) + shows(data=["roles.yml"])

    @env.macro
    def roles_table() -> str:
        return roles.roles_table(hb, where()) + shows(data=["roles.yml"])

    @env.macro
    def cascade() -> str:
        return diagram.cascade_svg(hb) + shows(data=["roles.yml"])

    @env.macro
    def checklist(role: str) -> str:
        known("checklist", "role", role, hb.roles)
        return (checklists.checklist(hb, role, where())
                + shows(hb.by_role.get(role, []), ["checklist.yml", "roles.yml"]))

    @env.macro
    def all_checklist_items() -> str:
        return checklists.all_items(hb, where()) + shows(hb.checklist.values(), ["checklist.yml", "roles.yml"])

    @env.macro
    def rights(team: str) -> str:
        known("rights", "team", team, pairs.TEAMS)
        return pairs.rights(hb, team, suggester(in_markdown=True)) + shows(pairs.team_pairs(hb, team), ["rights.yml"])

    @env.macro
    def cto_modules() -> str:
        return modules.modules(hb, suggest=suggester()) + shows(hb.modules.values(), ["modules.yml"])

    @env.macro
    def module_list() -> str:
        return modules.module_list(hb, where()) + shows(data=["modules.yml"])

    @env.macro
    def selfchecks_index() -> str:
        return selfchecks.index(hb, where()) + shows(data=["selfchecks.yml", "modules.yml"])

    @env.macro
    def reading_list() -> str:
        return lists.readings(hb, where()) + shows(hb.readings.values(), ["readings.yml", "sources.yml"])

    @env.macro
    def glossary() -> str:
        return lists.glossary(hb, where()) + shows(data=["glossary.yml"])

    @env.macro
    def sources() -> str:
        return lists.sources(hb) + shows(data=["sources.yml"])

    @env.macro
    def changelog() -> str:
        return lists.changelog(hb, where()) + shows(lists.changelog_records(hb), ["changelog.yml", "releases.yml"])

    @env.macro
    def page_reviews() -> str:
        page = context()
        return reviews.reviews(hb, page.where, engine_page.kept(page, "today", reviews.today))


# --- mkdocs-macros only: less for Jinja to compile ----------------------------------------
# Compiling a page as a template costs time for every character of it, and most pages
# call their macros far down (a 5 KB page with one call at its end: about 0.5 ms to
# compile whole). So Jinja is given the page from the line of its first mark on; the text
# before it is set aside, on the page, and put back once Jinja is done, with as many empty
# lines in its place meanwhile, so the line numbers in Jinja's messages stay right.
# Zensical has no such hooks and renders the whole page: the same result.

_SET_ASIDE = "handbook_before_jinja"


def on_pre_page_macros(env) -> None:
    page, jinja, markdown = env.page, env.env, env.markdown
    setattr(page, _SET_ASIDE, "")
    if page.meta.get("render_macros") is not True or jinja.line_statement_prefix or jinja.line_comment_prefix:
        return  # not rendered (or rendered whole); or lines may start a statement anywhere
    marks = (jinja.variable_start_string, jinja.block_start_string, jinja.comment_start_string)
    start = jinja_start(markdown, marks)
    if start is None or any(markdown.startswith(mark + "-", start[0]) for mark in marks):
        return  # no mark; or the first trims the white space before it, which would be set aside
    cut = start[1]  # the whole line goes to Jinja (lstrip_blocks)
    if cut:
        setattr(page, _SET_ASIDE, markdown[:cut])
        env.markdown = "\n" * markdown.count("\n", 0, cut) + markdown[cut:]


def on_post_page_macros(env) -> None:
    head = getattr(env.page, _SET_ASIDE, "")
    if head:
        setattr(env.page, _SET_ASIDE, "")
        blank = "\n" * head.count("\n")
        # (what Jinja made starts with the blank lines; the error page mkdocs-macros shows in
        # place of a page that failed, with on_error_fail false, does not, and stays alone)
        if env.markdown.startswith(blank):
            env.markdown = head + env.markdown[len(blank):]
