"""Self-check questions, the answer revealed on demand: the ones at the foot of a page
(from selfchecks.yml), and the index of every page's questions."""

from __future__ import annotations

from collections.abc import Iterable

from macros.core.load import Handbook
from macros.core.render.text import attr, link, permalink, text
from macros.core.urls import Where

HEADING_ID = "check-yourself"
MODULES_PAGE = "cto-product-success.md"


def questions(checks: Iterable[tuple[str, str, str]]) -> str:
    """(anchor, question, answer) as native <details> elements; the '#' link to a question
    is beside its answer (in the summary, it would be a control inside a control)."""
    return "\n".join(
        f'<details class="question hb-selfcheck hb-anchor" id="{attr(anchor)}" markdown="1">\n'
        f'<summary markdown="span">{text(question)}</summary>\n'
        f'<p markdown="span">{text(answer)} {permalink(anchor, f"this question: {question}")}</p>\n</details>'
        for anchor, question, answer in checks
    )


def page_checks(hb: Handbook, page: str) -> str:
    """The self-checks of one page (Markdown), or '' when it has none."""
    checks = hb.checks_by_page.get(page)
    if not checks:
        return ""
    return questions((c.id, c.question, c.answer) for c in checks)


def index(hb: Handbook, where: Where) -> str:
    """Every page that has self-checks, and every CTO module with its own, with how many
    questions, linking to them: each question is shown once, on its own page. A module's
    entry keeps the anchor ``selfcheck-<module id>``."""
    rows = []

    def row(anchor: str, title: str, ref: str, count: int, note: str = "") -> None:
        rows.append(f'<li class="hb-anchor" id="{attr(anchor)}" markdown="span">{link(title, ref, where)}{note}: '
                    f"{count} question{'s' if count != 1 else ''} "
                    f"{permalink(anchor, f'the self-checks of {title}')}</li>")

    for page, checks in hb.checks_by_page.items():
        meta = hb.pages.get(page)
        title = meta.title if meta and meta.title else hb.titles.get(page, page)
        row(f"selfcheck-page-{page.removesuffix('.md').replace('/', '-')}", title, f"{page}#{HEADING_ID}", len(checks))
    for m in hb.modules.values():
        if m.selfcheck:
            row(f"selfcheck-{m.id}", m.title, f"{MODULES_PAGE}#{m.id}", len(m.selfcheck), " (a CTO module)")
    return '<ul class="hb-selfcheck-index" markdown="1">\n' + "\n".join(rows) + "\n</ul>\n"
