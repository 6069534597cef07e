"""Reference lists: the reading list, the glossary, the sources and the changelog."""

from __future__ import annotations

from macros.core.load import Handbook, version_key
from macros.core.render.text import attr, bullets, link, permalink, text
from macros.core.urls import Where


def readings(hb: Handbook, where: Where) -> str:
    out = ['<ul class="hb-readings" markdown="1">']
    for r in hb.readings.values():
        out.append(
            f'<li class="hb-anchor" id="{attr(r.id)}" markdown="span"><cite>{text(r.title)}</cite>, {text(r.author)} '
            f'<span class="hb-kind">({text(r.kind)})</span>: {text(r.why)} '
            f'Recommended in <cite>{link(hb.sources[r.source].title, "sources.md#" + r.source, where)}</cite>. '
            f'{permalink(r.id, r.title)}</li>'
        )
    out.append("</ul>")
    return "\n".join(out) + "\n"


def glossary(hb: Handbook, where: Where) -> str:
    out = ['<dl class="hb-glossary" markdown="1">']
    for t in sorted(hb.glossary.values(), key=lambda t: t.term.lower()):
        see = f" See {link(hb.titles.get(t.see, t.see), t.see, where)}." if t.see else ""
        out.append(f'<dt class="hb-anchor" id="{attr(t.id)}" markdown="span">{text(t.term)} '
                   f'{permalink(t.id, t.term)}</dt>')
        out.append(f'<dd markdown="span">{text(t.definition)}{see}</dd>')
    out.append("</dl>")
    return "\n".join(out) + "\n"


def sources(hb: Handbook) -> str:
    out = []
    for s in hb.sources.values():
        out.append(
            f'<div class="hb-source hb-anchor" id="{attr(s.id)}" markdown="1">\n'
            f'<p markdown="span"><strong><cite>{text(s.title)}</cite></strong> {permalink(s.id, s.title)}<br>\n'
            f"{text(s.author)} · {text(s.date)} · {text(s.kind)}</p>\n"
            f'<p markdown="span">{text(s.summary)}</p>\n</div>'
        )
    return "\n".join(out) + "\n"


_KINDS = (("checklist", "Checklist items", "checklist-items.md"),
          ("rights", "Rights", "rights-and-responsibilities.md"),
          ("modules", "CTO modules", "cto-product-success.md"))


def _difference(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]], where: Where,
                current: dict[str, dict[str, str]], renamed: dict[str, str]) -> list[str]:
    """Markdown lines: what ``after`` added to, renamed in (checklist items, ``renamed``:
    former id -> id), reworded in (the same id, another text) and retired from
    ``before``, by kind."""
    out = []
    for kind, label, page in _KINDS:
        added = [i for i in after[kind] if i not in before[kind]]
        reworded = _reworded(before[kind], after[kind])
        retired = [i for i in before[kind] if i not in after[kind]]
        was = {renamed[i]: i for i in retired if kind == "checklist" and renamed.get(i) in added}
        if not added and not retired and not reworded:
            continue
        out.append(f"**{label}**\n")
        for i in added:
            shown = link(after[kind][i], f"{page}#{i}", where) if i in current[kind] else text(after[kind][i])
            if i in was:  # (its former id; and its former text, if that changed too)
                old = before[kind][was[i]]
                then = f": {text(old)}" if old != after[kind][i] else ""
                out.append(f"- Renamed: {shown} \\(was {text(was[i])}{then}\\)")
            else:
                out.append(f"- Added: {shown}")
        for i in reworded:
            shown = link(after[kind][i], f"{page}#{i}", where) if i in current[kind] else text(after[kind][i])
            if kind == "checklist":  # (what a tick made before was given for)
                out.append(f"- Reworded: {shown} \\(was: {text(before[kind][i])}\\)")
            else:
                out.append(f"- Retitled: {shown}")
        shown_renamed = set(was.values())
        for i in (i for i in retired if i not in shown_renamed):
            out.append(f"- Retired: {text(before[kind][i])} \\({text(i)}\\)")
        out.append("")
    return out


def _reworded(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The ids both hold with another text (line breaks and runs of spaces aside)."""
    return [i for i, now in after.items() if i in before and " ".join(before[i].split()) != " ".join(now.split())]


def changelog_records(hb: Handbook) -> list:
    """The current records whose text the changelog shows (each version's additions after
    the first, and what is not yet released), for the page's Sources note."""
    current = hb.holdings()
    snapshots = [{kind: getattr(r, kind) for kind, _label, _page in _KINDS} for r in hb.releases]
    listed: dict[str, set[str]] = {kind: set() for kind, _label, _page in _KINDS}
    for before, after in zip(snapshots, [*snapshots[1:], current][:len(snapshots)], strict=True):
        for kind in listed:
            listed[kind].update(i for i in after[kind] if i not in before[kind])
            listed[kind].update(_reworded(before[kind], after[kind]))
    tables = {"checklist": hb.checklist, "rights": hb.rights, "modules": hb.modules}
    return [record for kind, ids in listed.items() for i, record in tables[kind].items() if i in ids]


def _in_sentence(label: str) -> str:
    """'Checklist items' -> 'checklist items'; 'CTO modules' stays as it is."""
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def changelog(hb: Handbook, where: Where) -> str:
    """Each version: what changed, in words (changelog.yml), and the checklist items,
    rights and modules it added and retired, from what each release held (releases.yml)."""
    current = hb.holdings()
    snapshots = {r.version: {kind: getattr(r, kind) for kind, _label, _page in _KINDS} for r in hb.releases}
    order = list(snapshots)  # hb.releases is in version order
    out = []
    if order:
        # (always there, so a link to it keeps working after a release empties it)
        unreleased = _difference(snapshots[order[-1]], current, where, current, hb.renamed)
        out.append("## Not yet released {#unreleased}\n")
        if unreleased:
            out.append(f"What this version of the handbook holds that version {text(order[-1])} did not.\n")
            out += unreleased
        else:
            out.append(f"Nothing yet: this version of the handbook holds the same checklist items, rights and "
                       f"modules as version {text(order[-1])}.\n")
    for c in sorted(hb.changelog, key=lambda c: version_key(c.version), reverse=True):
        out.append(f"## Version {text(c.version)} {{#v{c.version.replace('.', '-')}}}\n")
        out.append(f"*Released {c.date.isoformat()}*\n")
        out.append(bullets(c.changes) + "\n")
        if c.version in snapshots:
            at = order.index(c.version)
            if at:
                out += _difference(snapshots[order[at - 1]], snapshots[c.version], where, current, hb.renamed)
            else:
                counts = ", ".join(f"{len(snapshots[c.version][kind])} {_in_sentence(label)}"
                                   for kind, label, _ in _KINDS)
                out.append(f"The first version: {counts}.\n")
    return "\n".join(out)
