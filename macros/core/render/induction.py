"""A role's induction page: what it will be able to do, what to read, its checklist."""

from __future__ import annotations

from macros.core.load import Handbook
from macros.core.render.checklists import checklist
from macros.core.render.roles import partners
from macros.core.render.text import bullets, link, text
from macros.core.urls import Where


def induction_path(hb: Handbook, role_id: str, where: Where) -> str:
    """The whole induction page for one role: objectives, reading, checklist."""
    role = hb.roles[role_id]
    path = hb.paths[role_id]
    minutes = sum(s.minutes for s in path.sections)
    count = len(hb.by_role.get(role_id, []))
    out = [
        f"{text(path.intro)}\n",
        f'<p class="hb-path-facts" markdown="span">Reading time: about {minutes} minutes · '
        f"{count} checklist items · Your partner: {partners(hb, role, where)}</p>\n",
        "## What you will be able to do {#objectives}\n",
        bullets(path.objectives) + "\n",
        "## What to read, in order {#reading}\n",
    ]
    for n, s in enumerate(path.sections, 1):
        out.append(f"{n}. {link(s.title, s.page, where)} ({s.minutes} min): {text(s.why)}")
    out.append("\n## Your checklist {#checklist}\n")
    out.append("Tick items as you do them. Your progress stays in this browser only; nothing is sent anywhere.\n")
    out.append(checklist(hb, role_id, where))
    return "\n".join(out)
