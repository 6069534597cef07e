"""The facts line at the foot of a page: when it last changed, who owns it, and when
it must be reviewed."""

from __future__ import annotations

import datetime as dt

from macros.core.load import Handbook
from macros.core.model import PageMeta
from macros.core.render.text import attr


def facts(hb: Handbook, meta: PageMeta | None, updated: tuple[dt.date, str] | None) -> str:
    """One paragraph (HTML); ``updated`` is (date, 'git' or 'file')."""
    parts = []
    if updated is not None:
        date, how = updated
        note = "" if how == "git" else " (not yet committed)"
        parts.append(f'Last updated <time datetime="{date.isoformat()}">{date.isoformat()}</time>{note}')
    if meta is not None:
        owner = hb.roles.get(meta.owner)
        if owner is not None:
            parts.append(f"Owner: {attr(owner.name)}")
        parts.append(f'Review by <time datetime="{meta.review_by.isoformat()}">{meta.review_by.isoformat()}</time>')
    if not parts:
        return ""
    return f'<p class="hb-page-facts" data-search-exclude="true">{" · ".join(parts)}</p>\n'
