"""Rights and responsibilities: each responsibility beside the right paired with it."""

from __future__ import annotations

from collections.abc import Callable

from macros.core.load import Handbook
from macros.core.model import TEAMS, RightPair
from macros.core.render.text import attr, permalink, text

# (what, its anchor) -> the HTML of the links that suggest a change to it ('' for none)
Suggest = Callable[[str, str], str]


def _right_pair(pair: RightPair, suggest: Suggest | None) -> str:
    change = f" {suggest(pair.title, pair.id)}" if suggest else ""
    return (
        f'<div class="hb-pair hb-anchor" id="{attr(pair.id)}" markdown="1">\n'
        f'<p class="hb-pair__title" markdown="span"><strong>{text(pair.title)}</strong> '
        f"{permalink(pair.id, pair.title)}{change}</p>\n"
        f'<div class="hb-pair__cols" markdown="1">\n'
        f'<p class="hb-pair__resp" markdown="span"><span class="hb-pair__label">Responsibility</span> '
        f"{text(pair.responsibility)}</p>\n"
        f'<p class="hb-pair__right" markdown="span"><span class="hb-pair__label">Right</span> '
        f"{text(pair.right)}</p>\n</div>\n</div>"
    )


def team_pairs(hb: Handbook, team: str) -> list[RightPair]:
    return [p for p in hb.rights.values() if p.team == team]


def rights(hb: Handbook, team: str, suggest: Suggest | None = None) -> str:
    """Each responsibility shown beside the right it is paired with, for one team;
    ``suggest(what, anchor)`` gives the links to suggest a change to one (or none)."""
    pairs = team_pairs(hb, team)
    if not pairs:
        raise ValueError(f"no rights for team {team!r}; expected one of: {', '.join(TEAMS)}")
    return "\n".join(_right_pair(p, suggest) for p in pairs) + "\n"
