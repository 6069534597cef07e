"""Render handbook records as Markdown/HTML.

Plain functions from validated records to text: no MkDocs, no global state, so
they can be unit-tested alone and reused by another generator. Most output is
HTML with ``markdown`` attributes (Python-Markdown's md_in_html) so that links stay
Markdown links to ``/page.md#anchor`` and the site generator validates them;
checklists, which can hold thousands of items, are plain HTML whose links an
``Href`` resolver computes (their references are checked when the data loads).

Data text is escaped: by :func:`text` (HTML *and* Markdown) where Markdown will
read it, by ``html.escape`` in plain HTML. ``<script>`` in a YAML field shows as text.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from macros.data import Handbook
from macros.model import STAGES, ChecklistItem, Module, RightPair, Role

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")
# Resolves a handbook reference ('page.md#anchor') to a URL relative to the page being
# rendered. Checklists, which can hold thousands of items, are plain HTML with resolved
# links: far faster to build than Markdown inside HTML, with every reference checked
# when the data loads.
Href = Callable[[str], str]
# Wraps a block of finished HTML that holds no Markdown (and says whether the search
# index takes it); a site build passes one that keeps the block out of Markdown's way
# (macros.stash).
Raw = Callable[[str, bool], str]


def _same(block: str, indexed: bool = True) -> str:
    return block


def root_href(ref: str) -> str:
    """A resolver for use outside a site build: links from the docs root."""
    return "/" + ref


def text(value: object) -> str:
    """Escape data text so it renders literally inside HTML or inline Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=True))


def attr(value: object) -> str:
    """Escape a value for an HTML attribute."""
    return html.escape(str(value), quote=True)


def link(label: str, ref: str) -> str:
    """A Markdown link to a handbook page ('page.md#anchor'), resolved from the docs root."""
    return f"[{text(label)}](/{ref})"


def induction_ref(role_id: str) -> str:
    return f"induction/{role_id}.md"


def role_link(hb: Handbook, role_id: str) -> str:
    role = hb.roles[role_id]
    return link(role.short, induction_ref(role_id))


def permalink(anchor: str, label: str) -> str:
    """The '#' control that links (and, with script, copies a link) to one item."""
    return _permalink(attr(anchor), attr(label))


def _permalink(anchor_attr: str, label_attr: str) -> str:
    """permalink() of values already escaped (a checklist escapes each item's once)."""
    return f'<a class="hb-permalink" href="#{anchor_attr}" aria-label="Link to {label_attr}">#</a>'


def section_link(hb: Handbook, ref: str) -> str:
    """A link to the handbook section a record comes from, titled by its heading."""
    return link(hb.titles.get(ref, ref), ref)


def _partners(hb: Handbook, role: Role) -> str:
    return ", ".join(role_link(hb, p) for p in role.pairs_with)


# --- roles -----------------------------------------------------------------

def role_grid(hb: Handbook) -> str:
    """A grid of every role, each card leading to that role's induction path."""
    groups = [("executive", "Executive"), ("tech", "Technology"), ("product", "Product"),
              ("both", "Product and technology"), ("division", "Divisions")]
    out = []
    for side, heading in groups:
        roles = [r for r in hb.roles.values() if r.side == side]
        if not roles:
            continue
        out.append(f'<h3 id="roles-{side}">{heading}</h3>')
        out.append('<ul class="hb-role-grid" markdown="1">')
        for role in roles:
            out.append(
                f'<li class="hb-role-card hb-anchor" id="role-{attr(role.id)}" markdown="span">'
                f'<strong>{link(role.name, induction_ref(role.id))}</strong>'
                f'<span class="hb-role-card__summary">{text(role.summary)}</span>'
                f'<span class="hb-role-card__pair">Partner: {_partners(hb, role)}</span></li>'
            )
        out.append("</ul>")
    return "\n".join(out) + "\n"


def roles_table(hb: Handbook) -> str:
    """A Markdown table of the roles and who each partners with."""
    rows = ["| Role | Side | Partners with | What it is |", "| --- | --- | --- | --- |"]
    for role in sorted(hb.roles.values(), key=lambda r: (r.level, r.side)):
        rows.append(f"| {link(role.name, induction_ref(role.id))} | {text(role.side)} | "
                    f"{_partners(hb, role)} | {text(role.summary)} |")
    return "\n".join(rows) + "\n"


# --- checklists -------------------------------------------------------------

class _Links:
    """The links and tags a checklist repeats (a section, a role's induction path, the
    roles of an item) for one page, each built once: a checklist of thousands of items
    names a few dozen pages and a few hundred sets of roles."""

    def __init__(self, hb: Handbook, href: Href):
        self.hb, self.href = hb, href
        self.every_role = set(hb.roles)
        self._built: dict[tuple[str, str], str] = {}
        self._by_roles: dict[tuple[str, tuple[str, ...]], str] = {}

    def _a(self, ref: str, label: str) -> str:
        built = self._built.get((ref, label))
        if built is None:
            built = self._built[ref, label] = f'<a href="{attr(self.href(ref))}">{html.escape(label)}</a>'
        return built

    def section(self, ref: str) -> str:
        """HTML twin of section_link, for the plain-HTML checklists."""
        return self._a(ref, self.hb.titles.get(ref, ref))

    def role(self, role_id: str) -> str:
        return self._a(induction_ref(role_id), self.hb.roles[role_id].short)

    def for_everyone(self, item: ChecklistItem) -> bool:
        return set(item.roles) == self.every_role

    def tags(self, item: ChecklistItem) -> str:
        """The item's roles as tags: 'Everyone', or each role's short name."""
        return self._per_roles("tags", item, lambda: " ".join(
            f'<span class="hb-tag">{html.escape(name)}</span>'
            for name in (["Everyone"] if self.for_everyone(item) else [self.hb.roles[r].short for r in item.roles])))

    def roles(self, item: ChecklistItem) -> str:
        """The item's roles as links to their paths, or 'everyone'."""
        return self._per_roles("roles", item, lambda: "everyone" if self.for_everyone(item)
                               else ", ".join(self.role(r) for r in item.roles))

    def _per_roles(self, kind: str, item: ChecklistItem, build: Callable[[], str]) -> str:
        key = (kind, tuple(item.roles))
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


def _item(links: _Links, item: ChecklistItem, role_id: str) -> str:
    item_id, item_text = attr(item.id), html.escape(item.text)
    check = f"check-{item_id}"
    together = [r for r in item.with_ if r != role_id]  # on a role's own path, the others it works with
    with_ = f"With: {', '.join(links.role(r) for r in together)} · " if together else ""
    return (
        f'<li class="hb-item hb-anchor" id="{item_id}" data-item="{item_id}">'
        f'<label class="hb-item__text" for="{check}">'
        f'<input type="checkbox" class="hb-check" id="{check}" data-item="{item_id}"> '
        f"{item_text}</label>"
        f'<span class="hb-item__meta" data-no-glossary="true">From {links.section(item.section)} · '
        f'{with_}<span class="hb-tags" aria-label="For">{links.tags(item)}</span> · '
        f"{_permalink(item_id, 'this item: ' + item_text)}</span></li>"
    )


def checklist(hb: Handbook, role_id: str, href: Href = root_href, key: str | None = None,
              raw: Raw = _same) -> str:
    """The role's checklist, grouped by stage, with a progress bar that script enables."""
    role = hb.roles[role_id]
    items = hb.by_role.get(role_id, [])
    key = key or f"induction/{role_id}"
    # Left out of the search index: each item is indexed once, on the all-items page.
    # A <section>, not a <div>: Material's search parser matches skipped elements by
    # tag, so a nested </div> would end the exclusion early.
    out = [
        f'<section class="hb-checklist" data-checklist="{attr(key)}" data-total="{len(items)}" '
        'data-search-exclude="true" markdown="1">',
        '<div class="hb-progress" hidden>'
        f'<progress class="hb-progress__bar" max="{len(items)}" value="0" '
        f'aria-label="Checklist progress for {attr(role.short)}"></progress> '
        f'<span class="hb-progress__count" aria-live="polite">0 of {len(items)} done</span> '
        '<button type="button" class="md-button hb-progress__reset">Reset progress</button></div>',
    ]
    links = _Links(hb, href)
    for stage, label, staged in _by_stage(items):
        out.append(f'<h3 id="{attr(role_id)}-{stage}">{label}</h3>')
        block = ['<ul class="hb-items">', *(_item(links, i, role_id) for i in staged), "</ul>"]
        out.append(raw("\n".join(block), False))  # inside data-search-exclude
    out.append("</section>")
    return "\n".join(out) + "\n"


def all_items(hb: Handbook, href: Href = root_href, raw: Raw = _same) -> str:
    """Every checklist item once, by stage, with the roles whose path holds it."""
    out = []
    links = _Links(hb, href)
    for stage, label, staged in _by_stage(hb.checklist.values()):
        out.append(f"\n## {label} {{#{stage}}}\n")  # Markdown, so the stages are in the table of contents
        block = ['<ul class="hb-items hb-items--all">']
        for item in staged:
            roles, section = links.roles(item), links.section(item.section)
            item_id, item_text = attr(item.id), html.escape(item.text)
            block.append(
                f'<li class="hb-anchor" id="{item_id}">{item_text}'
                f'<span class="hb-item__meta" data-no-glossary="true">For {roles} · '
                f"from {section} · {_permalink(item_id, 'this item: ' + item_text)}</span></li>"
            )
        block.append("</ul>")
        out.append(raw("\n".join(block), True))
    return "\n".join(out) + "\n"


# --- rights and responsibilities ---------------------------------------------

def _right_pair(pair: RightPair) -> str:
    return (
        f'<div class="hb-pair hb-anchor" id="{attr(pair.id)}" markdown="1">\n'
        f'<p class="hb-pair__title" markdown="span"><strong>{text(pair.title)}</strong> '
        f"{permalink(pair.id, pair.title)}</p>\n"
        f'<div class="hb-pair__cols" markdown="1">\n'
        f'<p class="hb-pair__resp" markdown="span"><span class="hb-pair__label">Responsibility</span> '
        f"{text(pair.responsibility)}</p>\n"
        f'<p class="hb-pair__right" markdown="span"><span class="hb-pair__label">Right</span> '
        f"{text(pair.right)}</p>\n</div>\n</div>"
    )


def rights(hb: Handbook, team: str) -> str:
    """Each responsibility shown beside the right it is paired with, for one team."""
    pairs = [p for p in hb.rights.values() if p.team == team]
    if not pairs:
        raise ValueError(f"no rights for team {team!r}; expected 'tech' or 'product'")
    return "\n".join(_right_pair(p) for p in pairs) + "\n"


# --- CTO modules --------------------------------------------------------------

def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {text(i)}" for i in items)


def selfcheck(module: Module) -> str:
    """Questions with the answer revealed on demand (a native <details>)."""
    out = []
    for n, qa in enumerate(module.selfcheck, 1):
        out.append(
            f'<details class="question hb-selfcheck" id="{attr(module.id)}-check-{n}" markdown="1">\n'
            f'<summary markdown="span">{text(qa.question)}</summary>\n'
            f'<p markdown="span">{text(qa.answer)}</p>\n</details>'
        )
    return "\n".join(out)


def modules(hb: Handbook, level: int = 3) -> str:
    """Every CTO product-success module as a linkable section."""
    hashes = "#" * level
    out = []
    for n, m in enumerate(hb.modules.values(), 1):
        out.append(f"{hashes} {n}. {text(m.title)} {{#{m.id}}}\n")
        out.append(f"{text(m.meaning)}\n")
        out.append(f"**What it involves**\n\n{_bullets(m.actions)}\n")
        out.append(f'!!! tip "Actionable insight"\n    {text(m.insight)}\n')
        out.append(f"**How you know it is working**\n\n{_bullets(m.signals)}\n")
        if m.selfcheck:
            out.append(f"**Check yourself**\n\n{selfcheck(m)}\n")
    return "\n".join(out)


def module_list(hb: Handbook) -> str:
    """A compact numbered list linking to each module."""
    return "\n".join(f"{n}. {link(m.title, 'cto-product-success.md#' + m.id)}: {text(m.insight)}"
                     for n, m in enumerate(hb.modules.values(), 1)) + "\n"


def selfchecks_for(hb: Handbook) -> str:
    """Every module's self-check questions, grouped by module."""
    out = []
    for m in hb.modules.values():
        if m.selfcheck:
            out.append(f'<h3 id="selfcheck-{attr(m.id)}">{text(m.title)}</h3>\n{selfcheck(m)}')
    return "\n".join(out) + "\n"


# --- reading list, glossary, sources, credits ----------------------------------

def readings(hb: Handbook) -> str:
    out = ['<ul class="hb-readings" markdown="1">']
    for r in hb.readings.values():
        out.append(
            f'<li class="hb-anchor" id="{attr(r.id)}" markdown="span"><cite>{text(r.title)}</cite>, {text(r.author)} '
            f'<span class="hb-kind">({text(r.kind)})</span>: {text(r.why)} '
            f'Recommended in <cite>{link(hb.sources[r.source].title, "sources.md#" + r.source)}</cite>.</li>'
        )
    out.append("</ul>")
    return "\n".join(out) + "\n"


def glossary(hb: Handbook) -> str:
    out = ['<dl class="hb-glossary" markdown="1">']
    for t in sorted(hb.glossary.values(), key=lambda t: t.term.lower()):
        see = f" See {section_link(hb, t.see)}." if t.see else ""
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


def credits(hb: Handbook, carries: Iterable[str], sources_href: str) -> str:
    """The 'Sources' note (HTML) at the foot of a page, from the content-map ids it carries.

    ``sources_href`` is the URL of the Sources page relative to the page.
    """
    ids = sorted(set(carries), key=_carry_order)
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
        ids_text = html.escape(", ".join(carried))
        lines.append(f'<li><cite><a href="{attr(sources_href)}#{attr(s.id)}">{html.escape(s.title)}</a></cite>, '
                     f'{html.escape(s.author)} <span class="hb-carries">({ids_text})</span></li>')
    lines += ["</ul>", "</aside>"]
    return "\n".join(lines) + "\n"


def _carry_order(carry: str) -> tuple:
    prefix, _, rest = carry.partition("-")
    digits = re.sub(r"\D", "", rest)
    return (prefix, rest.rstrip("0123456789"), int(digits) if digits else 0)


def changelog(hb: Handbook) -> str:
    out = []
    for c in sorted(hb.changelog, key=lambda c: tuple(int(x) for x in c.version.split(".")), reverse=True):
        out.append(f"## Version {text(c.version)} {{#v{c.version.replace('.', '-')}}}\n")
        out.append(f"*Released {c.date.isoformat()}*\n")
        out.append(_bullets(c.changes) + "\n")
    return "\n".join(out)


# --- induction path -------------------------------------------------------------

def induction_path(hb: Handbook, role_id: str, href: Href = root_href, raw: Raw = _same) -> str:
    """The whole induction page for one role: objectives, reading, checklist."""
    role = hb.roles[role_id]
    path = hb.paths[role_id]
    minutes = sum(s.minutes for s in path.sections)
    count = len(hb.by_role.get(role_id, []))
    out = [
        f"{text(path.intro)}\n",
        f'<p class="hb-path-facts" markdown="span">Reading time: about {minutes} minutes · '
        f"{count} checklist items · Your partner: {_partners(hb, role)}</p>\n",
        "## What you will be able to do {#objectives}\n",
        _bullets(path.objectives) + "\n",
        "## What to read, in order {#reading}\n",
    ]
    for n, s in enumerate(path.sections, 1):
        out.append(f"{n}. {link(s.title, s.page)} ({s.minutes} min): {text(s.why)}")
    out.append("\n## Your checklist {#checklist}\n")
    out.append("Tick items as you do them. Your progress stays in this browser only; nothing is sent anywhere.\n")
    out.append(checklist(hb, role_id, href, raw=raw))
    return "\n".join(out)


# --- the cascade diagram ------------------------------------------------------------

def cascade_svg(hb: Handbook) -> str:
    """An inline SVG of the partnership cascade, drawn from the roles data."""
    box_w, box_h, gap_x, gap_y, pad = 190, 40, 70, 34, 14
    width = pad * 2 + box_w * 2 + gap_x
    levels = sorted({r.level for r in hb.roles.values() if r.side not in ("division", "executive")})
    pos: dict[str, tuple[int, int]] = {}
    y = pad
    rows: list[str] = []
    executives = [r for r in hb.roles.values() if r.side == "executive"]
    for r in executives:  # each in a row of its own, centred above the top pair
        pos[r.id] = (width // 2 - box_w // 2, y)
        y += box_h + gap_y
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
            if pair in drawn or r.side == "division" or hb.roles[p].side == "division":
                continue
            drawn.add(pair)
            (x1, y1), (x2, y2) = pos[r.id], pos[p]
            if y1 == y2:
                left, right = sorted((x1, x2))
                rows.append(f'<line class="hb-svg-pair" x1="{left + box_w}" y1="{y1 + box_h // 2}" '
                            f'x2="{right}" y2="{y2 + box_h // 2}"/>')
    rows.append(f'<line class="hb-svg-cascade" x1="{width // 2}" y1="{pad + box_h}" x2="{width // 2}" '
                f'y2="{div_y - 6}" marker-end="url(#hb-arrow)"/>')
    for r in hb.roles.values():
        x, y0 = pos[r.id]
        w = div_w if r.side == "division" else box_w
        rows.append(
            f'<g class="hb-svg-role hb-svg-{r.side}"><title>{attr(r.name)}</title>'
            f'<rect x="{x}" y="{y0}" width="{w}" height="{box_h}" rx="6"/>'
            f'<text x="{x + w // 2}" y="{y0 + box_h // 2 + 5}" text-anchor="middle">{attr(r.short)}</text></g>'
        )
    desc = "; ".join(
        f"{hb.roles[a].short} partners with {hb.roles[b].short}"
        for a, b in sorted(tuple(sorted(p)) for p in drawn)
    ) + ". Then " + ", ".join(r.short for r in divisions) + " are brought in."
    return (
        f'<figure class="hb-cascade"><svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="hb-cascade-title hb-cascade-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="hb-cascade-title">The partnership cascade</title>'
        f'<desc id="hb-cascade-desc">{attr(desc)}</desc>'
        '<defs><marker id="hb-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>'
        + "".join(rows)
        + "</svg><figcaption>Partners at every level, from the top down, then every division. "
        "Drawn from the roles data.</figcaption></figure>\n"
    )


# --- glossary links in page prose -------------------------------------------------

_SKIP_TAGS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "svg", "cite",
              "dt", "button", "label", "kbd", "title", "textarea", "select", "nav", "summary"}
_TAG = re.compile(r"<(?=[^>])\s*(/?)\s*([a-zA-Z0-9]*)[^>]*>")  # a tag, whether it closes, its name
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed", "param", "track"}


class _Terms(NamedTuple):
    by_phrase: dict[str, tuple[str, str]]  # lower-cased phrase -> (anchor, definition)
    pattern: re.Pattern  # any phrase, lower case, on word boundaries; the longest first
    wanted: frozenset[str]  # every anchor


@functools.lru_cache(maxsize=8)
def _compiled(terms: tuple[tuple[str, str, str], ...]) -> _Terms:
    by_phrase = {_lower(phrase): (anchor, definition) for phrase, anchor, definition in terms}
    alternatives = "|".join(re.escape(p) for p in sorted(by_phrase, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    return _Terms(by_phrase, pattern, frozenset(anchor for anchor, _definition in by_phrase.values()))


def _lower(value: str) -> str:
    """``value`` in lower case, character for character (str.lower makes 'İ' two)."""
    low = value.lower()
    return low if len(low) == len(value) else "".join(c.lower()[0] for c in value)


def link_terms(html_text: str, terms: Iterable[tuple[str, str, str]], href: str) -> str:
    """Link the first use of each glossary term in page prose.

    ``terms`` holds (phrase, anchor, definition); ``href`` is the glossary page's URL
    relative to this page. Phrases match whole words, whatever their case; where
    phrases overlap, the longest wins. Text inside links, headings, code, citations,
    navigation, controls and elements marked ``data-no-glossary`` is left alone, and
    each term is linked once per page.

    Only the stretches of prose that hold a phrase are searched with the pattern: a
    plain text search of the page in lower case finds where the next use of any
    term not yet linked can be, and the text up to there is passed over.
    """
    terms = _compiled(tuple(terms))
    if not terms.by_phrase:
        return html_text
    low = _lower(html_text)
    done: set[str] = set()
    # where each phrase of a term not yet linked next occurs (maybe in a tag, or in
    # text that must not get links), searched again once the walk has passed it
    upcoming = {phrase: low.find(phrase) for phrase in terms.by_phrase}
    upcoming = {phrase: at for phrase, at in upcoming.items() if at >= 0}

    def advance(past: int) -> int:
        """Drop phrases of linked terms and look again for those passed; the nearest."""
        for phrase, at in list(upcoming.items()):
            if terms.by_phrase[phrase][0] in done:
                del upcoming[phrase]
            elif at < past:
                at = low.find(phrase, past)
                if at < 0:
                    del upcoming[phrase]
                else:
                    upcoming[phrase] = at
        return min(upcoming.values(), default=len(low))

    out: list[str] = []
    copied = 0  # html_text[:copied] is in out

    def link_text(start: int, end: int) -> None:
        nonlocal copied
        for match in terms.pattern.finditer(low, start, end):
            anchor, definition = terms.by_phrase[match.group()]
            if anchor in done:
                continue
            done.add(anchor)
            out.append(html_text[copied: match.start()])
            out.append(f'<a class="hb-term" href="{attr(href)}#{attr(anchor)}" '
                       f'title="{attr(definition)}">{html_text[match.start(): match.end()]}</a>')
            copied = match.end()

    # Walk the tags as far as a term may yet be used. While inside an element that must
    # not get links, track every element opened in it, so nested tags of the same name
    # cannot end the exclusion early.
    skipping: list[str] = []
    nearest, text_from = advance(0), 0
    for tag in itertools.chain(_TAG.finditer(html_text), [None]):
        text_to = tag.start() if tag else len(html_text)
        if nearest < text_to:  # the text since the last tag may hold a use
            if not skipping:
                link_text(text_from, text_to)
            nearest = advance(text_to)
        if tag is None or not upcoming:  # every term linked, or no more uses
            break
        closing, name = tag[1], tag[2].lower()
        if name:
            void = name in _VOID or tag[0].endswith("/>")
            if closing and name in skipping:
                del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
            elif not closing and not void and (skipping or name in _SKIP_TAGS or "data-no-glossary" in tag[0]):
                skipping.append(name)
        text_from = tag.end()
        if nearest < text_from:  # a phrase inside the tag itself is no use
            nearest = advance(text_from)
            if not upcoming:
                break
    out.append(html_text[copied:])
    return "".join(out)


def glossary_terms(hb: Handbook) -> tuple[tuple[str, str, str], ...]:
    """(phrase, anchor, definition) for every glossary term and its aliases."""
    return tuple((phrase, t.id, t.definition) for t in hb.glossary.values() for phrase in (t.term, *t.aliases))
