"""What the handbook adds around a page's own text, as Markdown for the page: a notice
at the top when the page is past its review date, and at the foot its self-check
questions, the Sources note, the facts line and the links to suggest a change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from macros.core.load import Handbook
from macros.core.model import PageMeta
from macros.core.render.credits import credits
from macros.core.render.facts import facts
from macros.core.render.reviews import notice
from macros.core.render.selfchecks import HEADING_ID, page_checks
from macros.core.render.text import attr, attr_text, block
from macros.core.trackers import Tracker, suggest_body
from macros.core.urls import Where


def suggest(trackers: list[Tracker], title: str, url: str, what: str | None = None, label: str = "",
            in_markdown: bool = False) -> str:
    """'Suggest a change' links (HTML) opening a prefilled issue in each tracker, or ''.
    ``in_markdown``: the links go where Markdown reads them (see text.attr_text)."""
    escape = attr_text if in_markdown else attr
    links = []
    issue_title = f"Suggest a change: {what or title}"
    body = suggest_body(title, url, what)
    for tracker in trackers:
        name = "Suggest a change" + (f" on {tracker.label}" if len(trackers) > 1 else "")
        aria = f' aria-label="{escape(name + ": " + label)}"' if label else ""
        links.append(f'<a class="hb-suggest" href="{escape(tracker.new_issue(issue_title, body))}"{aria} '
                     'data-search-exclude="true">'
                     f"{escape(name)}</a>")
    return " · ".join(links)


def top(hb: Handbook, meta: PageMeta | None, today: dt.date) -> str:
    """What goes right under the page's title: the review notice, or ''."""
    html = notice(hb, meta, today) if meta is not None else ""
    return block(html) if html else ""


def foot(hb: Handbook, where: Where, meta: PageMeta | None, carries: Iterable[str],
         updated: tuple[dt.date, str] | None, trackers: list[Tracker] = (), page_title: str = "",
         url: str = "") -> str:
    """The Markdown that follows a page's text."""
    out = []
    checks = page_checks(hb, where.path)
    if checks:
        out.append(f"## Check yourself {{#{HEADING_ID}}}\n\n{checks}\n")
    html = credits(hb, carries, where) + facts(hb, meta, updated)
    links = suggest(list(trackers), page_title or where.path, url)
    if links:
        html += f'<p class="hb-suggest-page" data-search-exclude="true">{links}</p>\n'
    if html:  # finished HTML: kept out of Markdown's way like a checklist
        out.append(block(html.rstrip()))
    return "\n".join(out)
