"""Reference lists: the reading list, the glossary, the sources and the changelog."""

from __future__ import annotations

from macros.core.load import Handbook
from macros.core.render.text import attr, bullets, link, text
from macros.core.urls import Where


def readings(hb: Handbook, where: Where) -> str:
    out = ['<ul class="hb-readings" markdown="1">']
    for r in hb.readings.values():
        out.append(
            f'<li class="hb-anchor" id="{attr(r.id)}" markdown="span"><cite>{text(r.title)}</cite>, {text(r.author)} '
            f'<span class="hb-kind">({text(r.kind)})</span>: {text(r.why)} '
            f'Recommended in <cite>{link(hb.sources[r.source].title, "sources.md#" + r.source, where)}</cite>.</li>'
        )
    out.append("</ul>")
    return "\n".join(out) + "\n"


def glossary(hb: Handbook, where: Where) -> str:
    out = ['<dl class="hb-glossary" markdown="1">']
    for t in sorted(hb.glossary.values(), key=lambda t: t.term.lower()):
        see = f" See {link(hb.titles.get(t.see, t.see), t.see, where)}." if t.see else ""
        out.append(f'<dt class="hb-anchor" id="{attr(t.id)}" markdown="span">{text(t.term)}</dt>')
        out.append(f'<dd markdown="span">{text(t.definition)}{see}</dd>')
    out.append("</dl>")
    return "\n".join(out) + "\n"


def sources(hb: Handbook) -> str:
    out = []
    for s in hb.sources.values():
        out.append(
            f'<div class="hb-source hb-anchor" id="{attr(s.id)}" markdown="1">\n'
            f'<p markdown="span"><strong><cite>{text(s.title)}</cite></strong><br>\n'
            f"{text(s.author)} · {text(s.date)} · {text(s.kind)}</p>\n"
            f'<p markdown="span">{text(s.summary)}</p>\n</div>'
        )
    return "\n".join(out) + "\n"


def changelog(hb: Handbook) -> str:
    out = []
    for c in sorted(hb.changelog, key=lambda c: tuple(int(x) for x in c.version.split(".")), reverse=True):
        out.append(f"## Version {text(c.version)} {{#v{c.version.replace('.', '-')}}}\n")
        out.append(f"*Released {c.date.isoformat()}*\n")
        out.append(bullets(c.changes) + "\n")
    return "\n".join(out)
