"""mkdocs-macros-plugin entry: loads the data once and registers the macros.

Nothing is rendered here; every macro is a one-line call into macros.render.
"""

from __future__ import annotations

import logging
import re

from mkdocs.exceptions import PluginError

from macros import credits, render, stash, urls
from macros.data import DataError, Handbook, load_cached

log = logging.getLogger("mkdocs.plugins.handbook")
_TRACEBACK = re.compile(r"\n*```\s*\nTraceback \(most recent call last\):.*?```", re.S)


class _WithoutTraceback(logging.Filter):
    """mkdocs-macros reports a failing macro with a Python traceback; the first lines
    (file, error, message) are what a contributor needs, so keep only those."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "Traceback (most recent call last)" in message:
            record.msg, record.args = _TRACEBACK.sub("", message).rstrip(), ()
        return True


def load_or_abort(docs_dir: str) -> Handbook:
    """Load the data; on bad data log one line per problem and stop the build."""
    try:
        return load_cached(docs_dir)
    except DataError as exc:
        for problem in exc.problems:
            log.error(problem)
        raise PluginError(
            f"The handbook data has {len(exc.problems)} problem(s), listed above; fix them and build again."
        ) from None


def _known(kind: str, value: str, table: dict) -> str:
    if value not in table:
        raise PluginError(f"unknown {kind} '{value}' in a macro call; expected one of: {', '.join(table)}")
    return value


def page_href(env):
    """Resolve 'page.md#anchor' to a URL relative to the page being rendered."""
    return urls.resolver(env.page.url, env.conf["use_directory_urls"])


_set_aside: list[str] = []  # the page text before its first Jinja mark, while Jinja renders the rest


def on_pre_page_macros(env) -> None:
    """Give Jinja the page from its first mark on. Compiling a template costs time for
    every character of it, and most pages call their macros near the end (a 5 KB page
    with one call at the foot: 0.6 ms to compile whole). The text before the first
    mark is set aside and put back by ``on_post_page_macros``; Jinja gets as many
    empty lines in its place, so the line numbers in its messages stay right. Not
    done when the first mark trims the whitespace before it (``{{-``), nor with line
    statements, which can start anywhere."""
    jinja, markdown = env.env, env.markdown
    marks = (jinja.variable_start_string, jinja.block_start_string, jinja.comment_start_string)
    at = min((i for i in (markdown.find(mark) for mark in marks) if i >= 0), default=0)
    if (at == 0 or jinja.line_statement_prefix or jinja.line_comment_prefix
            or any(markdown.startswith(mark + "-", at) for mark in marks)):
        _set_aside[:] = [""]
        return
    _set_aside[:] = [markdown[:at]]
    env.markdown = "\n" * markdown.count("\n", 0, at) + markdown[at:]


def on_post_page_macros(env) -> None:
    head = _set_aside.pop() if _set_aside else ""
    if head:
        env.markdown = head + env.markdown.removeprefix("\n" * head.count("\n"))


def define_env(env) -> None:
    macros_log = logging.getLogger("mkdocs.plugins.mkdocs_macros.util")
    if not any(isinstance(f, _WithoutTraceback) for f in macros_log.filters):
        macros_log.addFilter(_WithoutTraceback())
    hb = load_or_abort(env.conf["docs_dir"])

    carry = credits.note  # the page's Sources note credits what its macros show

    @env.macro
    def role_grid() -> str:
        return render.role_grid(hb)

    @env.macro
    def roles_table() -> str:
        return render.roles_table(hb)

    @env.macro
    def cascade() -> str:
        return render.cascade_svg(hb)

    @env.macro
    def checklist(role: str) -> str:
        carry(hb.by_role.get(_known("role", role, hb.roles), []))
        return render.checklist(hb, role, page_href(env), raw=stash.keep)

    @env.macro
    def all_checklist_items() -> str:
        carry(hb.checklist.values())
        return render.all_items(hb, page_href(env), raw=stash.keep)

    @env.macro
    def induction_path(role: str) -> str:
        carry(hb.by_role.get(_known("role", role, hb.roles), []))
        return render.induction_path(hb, role, page_href(env), raw=stash.keep)

    @env.macro
    def rights(team: str) -> str:
        carry(p for p in hb.rights.values() if p.team == team)
        return render.rights(hb, _known("team", team, {"tech": 1, "product": 1}))

    @env.macro
    def cto_modules() -> str:
        carry(hb.modules.values())
        return render.modules(hb)

    @env.macro
    def module_list() -> str:
        return render.module_list(hb)

    @env.macro
    def selfchecks() -> str:
        return render.selfchecks_for(hb)

    @env.macro
    def reading_list() -> str:
        carry(hb.readings.values())
        return render.readings(hb)

    @env.macro
    def glossary() -> str:
        return render.glossary(hb)

    @env.macro
    def sources() -> str:
        return render.sources(hb)

    @env.macro
    def changelog() -> str:
        return render.changelog(hb)


