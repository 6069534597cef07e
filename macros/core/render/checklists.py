"""Checklists: a role's items by stage, with a progress bar script enables, and every
item once on one page. Plain HTML with resolved links, not Markdown: a checklist can
hold thousands of items, and every reference in it is checked when the data loads.

The lists themselves are drawn last: :func:`checklist` and :func:`all_items` leave a
mark for each (:func:`~macros.core.render.text.later`), and the page's Markdown
extension calls :func:`draw` for it once Markdown is done with the rest of the page,
so no Markdown stage reads or copies them (:func:`drawn` does the same for a text)."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from macros.core.load import Handbook
from macros.core.model import STAGES, ChecklistItem
from macros.core.render.text import LATER, attr, block, induction_ref, later, permalink_escaped
from macros.core.urls import Where


class _Links:
    """The links and tags a checklist repeats (a section, a role's induction path, the
    roles of an item) for one page, each built once: a checklist of thousands of items
    names a few dozen pages and a few hundred sets of roles."""

    def __init__(self, hb: Handbook, where: Where):
        self.hb, self.href = hb, where.href
        self.every_role = set(hb.roles)
        self._built: dict[tuple[str, str], str] = {}
        self._by_roles: dict[tuple[str, tuple[str, ...]], str] = {}

    def _a(self, ref: str, label: str) -> str:
        built = self._built.get((ref, label))
        if built is None:
            built = self._built[ref, label] = f'<a href="{attr(self.href(ref))}">{html.escape(label)}</a>'
        return built

    def section(self, ref: str) -> str:
        """A link to the handbook section an item comes from, titled by its heading."""
        return self._a(ref, self.hb.titles.get(ref, ref))

    def role(self, role_id: str) -> str:
        return self._a(induction_ref(role_id), self.hb.roles[role_id].short)

    def for_everyone(self, roles: Iterable[str]) -> bool:
        return set(roles) == self.every_role

    def tags(self, item: ChecklistItem) -> str:
        """The item's roles as tags: 'Everyone', or each role's short name."""
        return self._per_roles("tags", item.roles, lambda: " ".join(
            f'<span class="hb-tag">{html.escape(name)}</span>'
            for name in (["Everyone"] if self.for_everyone(item.roles)
                         else [self.hb.roles[r].short for r in item.roles])))

    def roles(self, roles: list[str]) -> str:
        """Roles as links to their paths, or 'everyone'."""
        return self._per_roles("roles", roles, lambda: "everyone" if self.for_everyone(roles)
                               else ", ".join(self.role(r) for r in roles))

    def _per_roles(self, kind: str, roles: list[str], build: Callable[[], str]) -> str:
        key = (kind, tuple(roles))
        built = self._by_roles.get(key)
        if built is None:
            built = self._by_roles[key] = build()
        return built


def _by_stage(items: Iterable[ChecklistItem]) -> Iterable[tuple[str, str, list[ChecklistItem]]]:
    """(stage, label, items) for each stage that has items, in course order."""
    items = list(items)
    for stage, label in STAGES.items():
        staged = [i for i in items if i.stage == stage]
        if staged:
            yield stage, label, staged


def _formerly(item: ChecklistItem) -> tuple[str, str]:
    """For an item that was renamed: the attribute listing its former ids (for script:
    ticks made under them count), and an empty anchor with each (links to them land on it)."""
    if not item.formerly:
        return "", ""
    return (f' data-formerly="{attr(" ".join(item.formerly))}"',
            "".join(f'<span class="hb-anchor hb-formerly" id="{attr(old)}"></span>' for old in item.formerly))


def _item(links: _Links, item: ChecklistItem, role_id: str) -> str:
    item_id, item_text = attr(item.id), html.escape(item.text)
    check = f"check-{item_id}"
    others = [r for r in item.with_ if r != role_id]  # on a role's own path, the others it is done with
    with_ = f" · With: {links.roles(others)}" if others else ""
    formerly, anchors = _formerly(item)
    return (
        f'<li class="hb-item hb-anchor" id="{item_id}" data-item="{item_id}"{formerly}>{anchors}'
        f'<input type="checkbox" class="hb-check" id="{check}" data-item="{item_id}">'
        f'<label class="hb-item__text" for="{check}">{item_text}</label>'
        # (each part after the first carries the ' · ' before it, so a part print leaves out
        # takes its separator with it)
        f'<span class="hb-item__meta">From {links.section(item.section)}{with_}'
        f'<span class="hb-tags"> · <span class="hb-visually-hidden">For: </span>{links.tags(item)}</span>'
        f'<span class="hb-item__link"> · {permalink_escaped(item_id, "this item: " + item_text)}</span></span></li>'
    )


def checklist(hb: Handbook, role_id: str, where: Where) -> str:
    """The role's checklist, grouped by stage, with a progress bar that script enables.

    The progress panel and each stage's list carry ``data-checklist`` (the key its
    progress is saved under). The stage headings are Markdown, so they get permalinks
    and a place in the table of contents; each stage's list is a mark for :func:`draw`,
    left out of the search index (each item is indexed once, on the all-items page)."""
    role = hb.roles[role_id]
    items = hb.by_role.get(role_id, [])
    key = attr(f"induction/{role_id}")
    out = [block(
        f'<div class="hb-progress" data-checklist="{key}" data-total="{len(items)}" hidden>'
        f'<progress class="hb-progress__bar" max="{len(items)}" value="0" '
        f'aria-label="Checklist progress for {attr(role.short)}"></progress> '
        f'<span class="hb-progress__count" aria-live="polite">0 of {len(items)} done</span> '
        '<button type="button" class="md-button hb-progress__reset">Reset progress</button></div>')]
    for stage, label, _staged in _by_stage(items):
        out.append(f"### {label} {{#{role_id}-{stage}}}\n")
        out.append(later("role-stage", role_id, stage))
    return "\n".join(out) + "\n"


def _role_stage(hb: Handbook, where: Where, role_id: str, staged: list[ChecklistItem]) -> str:
    """One stage of a role's checklist: its items as a list."""
    links = _Links(hb, where)
    return "\n".join([f'<ul class="hb-items" data-checklist="{attr(f"induction/{role_id}")}" '
                       'data-search-exclude="true">', *(_item(links, i, role_id) for i in staged), "</ul>"])


def all_items(hb: Handbook, where: Where) -> str:
    """Every checklist item once, by stage, with the roles whose path holds it: a
    Markdown heading for each stage (so they are in the table of contents) and a mark
    for :func:`draw` for its list."""
    return "".join(f"\n## {label} {{#{stage}}}\n{later('all-stage', stage)}"
                   for stage, label, _staged in _by_stage(hb.checklist.values())) + "\n"


def _all_stage(hb: Handbook, where: Where, staged: list[ChecklistItem]) -> str:
    links = _Links(hb, where)
    lines = ['<ul class="hb-items hb-items--all">']
    for item in staged:
        item_id, item_text = attr(item.id), html.escape(item.text)
        with_ = f" · with {links.roles(item.with_)}" if item.with_ else ""
        lines.append(
            f'<li class="hb-anchor" id="{item_id}">{_formerly(item)[1]}{item_text}'
            f'<span class="hb-item__meta">For {links.roles(item.roles)}{with_} · '
            f"from {links.section(item.section)} · {permalink_escaped(item_id, 'this item: ' + item_text)}"
            "</span></li>"
        )
    lines.append("</ul>")
    return "\n".join(lines)


def _listed(hb: Handbook, kind: str, args: list[str]) -> list[ChecklistItem] | None:
    """The items of the list a mark stands for, in order, or None when it names no list."""
    if kind == "role-stage" and len(args) == 2 and args[0] in hb.roles and args[1] in STAGES:
        return [i for i in hb.by_role.get(args[0], []) if i.stage == args[1]]
    if kind == "all-stage" and len(args) == 1 and args[0] in STAGES:
        return [i for i in hb.checklist.values() if i.stage == args[0]]
    return None


def draw(hb: Handbook, where: Where, kind: str, args: list[str]) -> str | None:
    """The HTML of the list a mark stands for, or None when the mark names no list."""
    staged = _listed(hb, kind, args)
    if staged is None:
        return None
    return _role_stage(hb, where, args[0], staged) if kind == "role-stage" else _all_stage(hb, where, staged)


def ids(hb: Handbook, kind: str, args: list[str]) -> list[str]:
    """The ids in the list :func:`draw` draws for the same mark (read from the data, not
    from its HTML: for the engine's anchor check, tens of thousands at a time)."""
    staged = _listed(hb, kind, args) or []
    if kind == "role-stage":
        return [anchor for i in staged for anchor in (i.id, f"check-{i.id}", *i.formerly)]
    return [anchor for i in staged for anchor in (i.id, *i.formerly)]


def drawn(hb: Handbook, where: Where, text: str) -> str:
    """``text`` with each mark replaced by its list (what the page's Markdown extension
    does in the written page), for a generator without it, and for tests."""
    def one(match) -> str:
        html_ = draw(hb, where, match.group(1), match.group(2).split())
        return match.group(0) if html_ is None else html_
    return LATER.sub(one, text)
