"""The partnership cascade as an inline SVG, drawn from the roles data: the executive
at the top, then partners side by side at every level, then every division."""

from __future__ import annotations

from macros.core.load import Handbook
from macros.core.render.text import attr, block


def cascade_svg(hb: Handbook) -> str:
    """An inline SVG of the partnership cascade, drawn from the roles data."""
    box_w, box_h, gap_x, gap_y, pad = 190, 40, 70, 34, 14
    width = pad * 2 + box_w * 2 + gap_x
    levels = sorted({r.level for r in hb.roles.values() if r.side not in ("division", "executive")})
    pos: dict[str, tuple[int, int]] = {}
    y = pad
    rows: list[str] = []
    executives = [r for r in hb.roles.values() if r.side == "executive"]
    exec_w = box_w
    if executives:  # one row across the top, above the first pair
        exec_w = (width - pad * 2 - 8 * (len(executives) - 1)) // len(executives)
        exec_w = min(exec_w, box_w)
        start = (width - (exec_w * len(executives) + 8 * (len(executives) - 1))) // 2
        for i, r in enumerate(executives):
            pos[r.id] = (start + i * (exec_w + 8), y)
        y += box_h + gap_y
    top = y
    for level in levels:
        at_level = [r for r in hb.roles.values() if r.level == level and r.side not in ("division", "executive")]
        tech = [r for r in at_level if r.side == "tech"]
        product = [r for r in at_level if r.side == "product"]
        both = [r for r in at_level if r.side == "both"]
        for column, roles in ((0, tech), (1, product)):
            for i, r in enumerate(roles):
                pos[r.id] = (pad + column * (box_w + gap_x), y + i * (box_h + 8))
        height = max(len(tech), len(product), 1) * (box_h + 8)
        if both:
            y += height + 4
            for i, r in enumerate(both):
                pos[r.id] = (width // 2 - box_w // 2, y + i * (box_h + 8))
            height = len(both) * (box_h + 8)
        y += height + gap_y - 8
    divisions = [r for r in hb.roles.values() if r.side == "division"]
    div_w = (width - pad * 2 - 8 * (len(divisions) - 1)) // max(len(divisions), 1)
    div_y = y + 10
    for i, r in enumerate(divisions):
        pos[r.id] = (pad + i * (div_w + 8), div_y)
    height = div_y + box_h + pad

    # partner links between the two columns, and the cascade downwards
    drawn: set[frozenset] = set()
    for r in hb.roles.values():
        for p in r.pairs_with:
            pair = frozenset((r.id, p))
            if pair in drawn or "division" in (r.side, hb.roles[p].side):
                continue
            drawn.add(pair)
            (x1, y1), (x2, y2) = pos[r.id], pos[p]
            if y1 == y2:
                left, right = sorted((x1, x2))
                rows.append(f'<line class="hb-svg-pair" x1="{left + box_w}" y1="{y1 + box_h // 2}" '
                            f'x2="{right}" y2="{y2 + box_h // 2}"/>')
            elif "executive" in (r.side, hb.roles[p].side):  # from the executive down to a partner
                (ex, ey), (px, py) = (pos[r.id], pos[p]) if r.side == "executive" else (pos[p], pos[r.id])
                rows.append(f'<line class="hb-svg-pair" x1="{ex + exec_w // 2}" y1="{ey + box_h}" '
                            f'x2="{px + box_w // 2}" y2="{py}"/>')
    rows.append(f'<line class="hb-svg-cascade" x1="{width // 2}" y1="{top + box_h}" x2="{width // 2}" '
                f'y2="{div_y - 6}" marker-end="url(#hb-arrow)"/>')
    for r in hb.roles.values():
        x, y0 = pos[r.id]
        w = div_w if r.side == "division" else exec_w if r.side == "executive" else box_w
        rows.append(
            f'<g class="hb-svg-role hb-svg-{r.side}"><title>{attr(r.name)}</title>'
            f'<rect x="{x}" y="{y0}" width="{w}" height="{box_h}" rx="6"/>'
            f'<text x="{x + w // 2}" y="{y0 + box_h // 2 + 5}" text-anchor="middle">{attr(r.short)}</text></g>'
        )
    desc = "; ".join(
        f"{hb.roles[a].short} partners with {hb.roles[b].short}"
        for a, b in sorted(tuple(sorted(p)) for p in drawn)
    ) + ". Then " + ", ".join(r.short for r in divisions) + " are brought in."
    return block(
        f'<figure class="hb-cascade"><svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="hb-cascade-title hb-cascade-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="hb-cascade-title">The partnership cascade</title>'
        f'<desc id="hb-cascade-desc">{attr(desc)}</desc>'
        '<defs><marker id="hb-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>'
        + "".join(rows)
        + "</svg><figcaption>Partners at every level, from the top down, then every division. "
        "Drawn from the roles data.</figcaption></figure>"
    )
