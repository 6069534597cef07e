"""Pages and their review dates: the notice on a page past its date, and the list of
pages overdue or due soon (the Page reviews page; ``python -m macros.core.freshness``)."""

from __future__ import annotations

import datetime as dt
import os

from macros.core.load import Handbook
from macros.core.model import PageMeta
from macros.core.render.text import attr, link, text
from macros.core.urls import Where

SOON = 30  # days: a page due within this is listed as due soon


def today() -> dt.date:
    """The date reviews count from: HANDBOOK_TODAY (YYYY-MM-DD) when set (for tests and
    for previews of a later date), else the clock's."""
    value = os.environ.get("HANDBOOK_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def overdue(hb: Handbook, today: dt.date) -> list[tuple[str, str, dt.date, int]]:
    """(page, owner role name, review-by date, days overdue), most overdue first."""
    rows = [(page, hb.roles[meta.owner].name, meta.review_by, (today - meta.review_by).days)
            for page, meta in hb.pages.items() if meta.review_by < today]
    return sorted(rows, key=lambda row: (-row[3], row[0]))


def due_soon(hb: Handbook, today: dt.date, days: int = SOON) -> list[tuple[str, str, dt.date, int]]:
    """(page, owner role name, review-by date, days left), soonest first."""
    rows = [(page, hb.roles[meta.owner].name, meta.review_by, (meta.review_by - today).days)
            for page, meta in hb.pages.items() if today <= meta.review_by <= today + dt.timedelta(days=days)]
    return sorted(rows, key=lambda row: (row[3], row[0]))


def notice(hb: Handbook, meta: PageMeta, today: dt.date) -> str:
    """The notice at the top of a page past its review date (HTML), or ''."""
    if meta.review_by >= today:
        return ""
    owner = hb.roles[meta.owner].name if meta.owner in hb.roles else meta.owner
    due = meta.review_by.isoformat()
    return (f'<div class="admonition warning hb-stale" role="note" data-search-exclude="true">'
            '<p class="admonition-title">Due for review</p>'
            f"<p>This page was due to be reviewed by its owner, the {attr(owner)}, on "
            f'<time datetime="{due}">{due}</time>. It may be out of date.</p></div>')


def reviews(hb: Handbook, where: Where, today: dt.date) -> str:
    """The Page reviews page's lists (Markdown): overdue, and due within SOON days."""
    def title(page: str) -> str:
        meta = hb.pages[page]
        return meta.title or page

    def table(rows, days: str, empty: str) -> list[str]:
        if not rows:
            return [empty]
        return ["| Page | Owner | Review by | " + days + " |", "| --- | --- | --- | ---: |",
                *(f"| {link(title(p), p, where)} | {text(owner)} | {due.isoformat()} | {n} |"
                  for p, owner, due, n in rows)]

    out = [f"Counted on {today.isoformat()}, when this version of the handbook was built.\n",
           "## Overdue {#overdue}\n",
           *table(overdue(hb, today), "Days overdue", "No page is past its review date."),
           f"\n## Due within {SOON} days {{#due-soon}}\n",
           *table(due_soon(hb, today), "Days left", f"No page is due for review in the next {SOON} days.")]
    return "\n".join(out) + "\n"
