"""The 'Sources' note at the foot of a page: the source texts it draws on, with the
content-map ids it carries from each."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from macros.core.load import Handbook
from macros.core.render.text import attr
from macros.core.urls import Where

SOURCES_PAGE = "sources.md"


@functools.lru_cache(maxsize=4096)
def carry_order(carry: str) -> tuple:
    prefix, _, rest = carry.partition("-")
    digits = re.sub(r"\D", "", rest)
    return (prefix, rest.rstrip("0123456789"), int(digits) if digits else 0)


def credits(hb: Handbook, carries: Iterable[str], where: Where) -> str:
    """The Sources note (HTML, its links resolved for the page), or '' when the page
    carries no idea."""
    ids = sorted(set(carries), key=carry_order)
    if not ids:
        return ""
    used: dict[str, list[str]] = {}
    for carry in ids:
        used.setdefault(hb.source_for(carry).id, []).append(carry)
    lines = [f'<aside class="hb-credits" data-search-exclude="true" data-carries="{attr(" ".join(ids))}">',
             '<p class="hb-credits__title">Sources</p>',
             "<p>Written in our own words from:</p>",
             "<ul>"]
    for source_id, carried in used.items():
        s = hb.sources[source_id]
        lines.append(f'<li><cite><a href="{attr(where.href(SOURCES_PAGE + "#" + s.id))}">{attr(s.title)}</a></cite>, '
                     f'{attr(s.author)} <span class="hb-carries">({attr(", ".join(carried))})</span></li>')
    lines += ["</ul>", "</aside>"]
    return "\n".join(lines) + "\n"
