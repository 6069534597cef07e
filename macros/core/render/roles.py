"""The roles: a grid of cards leading to each role's induction path, and a table."""

from __future__ import annotations

from macros.core.load import Handbook
from macros.core.model import Role
from macros.core.render.text import attr, induction_ref, link, permalink, text
from macros.core.urls import Where

SIDES = (("executive", "Leadership"), ("tech", "Technology"), ("product", "Product"),
         ("both", "Product and technology"), ("division", "Divisions"))


def role_link(hb: Handbook, role_id: str, where: Where) -> str:
    return link(hb.roles[role_id].short, induction_ref(role_id), where)


def partners(hb: Handbook, role: Role, where: Where) -> str:
    return ", ".join(role_link(hb, p, where) for p in role.pairs_with)


def role_grid(hb: Handbook, where: Where) -> str:
    """A grid of every role, each card leading to that role's induction path."""
    out = []
    for side, heading in SIDES:
        roles = [r for r in hb.roles.values() if r.side == side]
        if not roles:
            continue
        out.append(f'<h3 id="roles-{side}">{heading}</h3>')
        out.append('<ul class="hb-role-grid" markdown="1">')
        for role in roles:
            out.append(
                f'<li class="hb-role-card hb-anchor" id="role-{attr(role.id)}" markdown="span">'
                f'<span class="hb-role-card__title"><strong>{link(role.name, induction_ref(role.id), where)}</strong> '
                f'{permalink(f"role-{role.id}", f"the card of {role.name}")}</span>'
                f'<span class="hb-role-card__summary">{text(role.summary)}</span>'
                f'<span class="hb-role-card__pair">Partner: {partners(hb, role, where)}</span></li>'
            )
        out.append("</ul>")
    return "\n".join(out) + "\n"


def roles_table(hb: Handbook, where: Where) -> str:
    """A Markdown table of the roles and who each partners with."""
    rows = ["| Role | Side | Partners with | What it is |", "| --- | --- | --- | --- |"]
    for role in sorted(hb.roles.values(), key=lambda r: (r.level, [s for s, _ in SIDES].index(r.side))):
        rows.append(f"| {link(role.name, induction_ref(role.id), where)} | {text(role.side)} | "
                    f"{partners(hb, role, where)} | {text(role.summary)} |")
    return "\n".join(rows) + "\n"
