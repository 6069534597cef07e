"""Self-check questions, the answer revealed on demand: the ones at the foot of a page
(from selfchecks.yml), and the index of every page's questions."""

from __future__ import annotations

from collections.abc import Iterable

from macros.core.load import Handbook
from macros.core.render.text import attr, link, text
from macros.core.urls import Where

HEADING_ID = "check-yourself"


def questions(checks: Iterable[tuple[str, str, str]]) -> str:
    """(anchor, question, answer) as native <details> elements."""
    return "\n".join(
        f'<details class="question hb-selfcheck hb-anchor" id="{attr(anchor)}" markdown="1">\n'
        f'<summary markdown="span">{text(question)}</summary>\n'
        f'<p markdown="span">{text(answer)}</p>\n</details>'
        for anchor, question, answer in checks
    )


def page_checks(hb: Handbook, page: str) -> str:
    """The self-checks of one page (Markdown), or '' when it has none."""
    checks = hb.checks_by_page.get(page)
    if not checks:
        return ""
    return questions((c.id, c.question, c.answer) for c in checks)


def index(hb: Handbook, where: Where) -> str:
    """Every page that has self-checks, with how many, linking to them: each question
    is shown once, on its own page."""
    rows = []
    for page, checks in hb.checks_by_page.items():
        title = hb.pages[page].title if page in hb.pages and hb.pages[page].title else page
        rows.append(f"- {link(title, page + '#' + HEADING_ID, where)}: {len(checks)} "
                    f"question{'s' if len(checks) != 1 else ''}")
    if hb.modules and any(m.selfcheck for m in hb.modules.values()):
        for m in hb.modules.values():
            if m.selfcheck:
                rows.append(f"- {link(m.title, 'cto-product-success.md#' + m.id, where)} (a CTO module): "
                            f"{len(m.selfcheck)} question{'s' if len(m.selfcheck) != 1 else ''}")
    return "\n".join(rows) + "\n"
