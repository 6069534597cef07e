"""What the handbook adds around a page's own text, as Markdown for the page: a notice
at the top when the page is past its review date, and at the foot its self-check
questions, the Sources note and the facts line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from macros.core.load import Handbook
from macros.core.model import PageMeta
from macros.core.render.credits import credits
from macros.core.render.facts import facts
from macros.core.render.selfchecks import HEADING_ID, page_checks
from macros.core.render.text import block
from macros.core.urls import Where


def foot(hb: Handbook, where: Where, meta: PageMeta | None, carries: Iterable[str],
         updated: tuple[dt.date, str] | None) -> str:
    """The Markdown that follows a page's text."""
    out = []
    checks = page_checks(hb, where.path)
    if checks:
        out.append(f"## Check yourself {{#{HEADING_ID}}}\n\n{checks}\n")
    html = credits(hb, carries, where) + facts(hb, meta, updated)
    if html:  # finished HTML: kept out of Markdown's way like a checklist
        out.append(block(html.rstrip()))
    return "\n".join(out)
