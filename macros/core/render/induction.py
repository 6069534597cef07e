"""A role's induction page: what it will be able to do, what to read, its checklist."""

from __future__ import annotations

import json

from macros.core.load import Handbook
from macros.core.render.checklists import checklist
from macros.core.render.roles import partners
from macros.core.render.text import attr, block, bullets, link, text
from macros.core.trackers import MAX_URL, Tracker
from macros.core.urls import Where

# The data files an induction path is made from (its page's 'last updated' counts them).
DATA = ("paths.yml", "checklist.yml", "roles.yml", "releases.yml")


def tools(hb: Handbook, role_id: str, title: str, trackers: list[Tracker]) -> str:
    """The controls that take the path out of the browser (script enables them): open it as
    an onboarding issue in each tracker, copy or download it as Markdown, share progress.
    Also the texts of items earlier versions had and this one retired, so a shared link
    or the reader's last visit can name them."""
    key = f"induction/{role_id}"
    retired = hb.retired_items
    issues = "".join(
        f'<a class="md-button hb-open-issue" href="{attr(t.prefix())}" data-prefix="{attr(t.prefix())}" '
        f'data-kind="{t.kind}" data-tracker="{attr(t.label)}">Open as a {attr(t.label)} issue</a> '
        for t in trackers)
    return block(
        f'<div class="hb-path-tools" data-checklist="{attr(key)}" data-title="{attr(title)}" '
        f'data-max-url="{MAX_URL}" data-retired="{attr(json.dumps(retired, sort_keys=True))}" hidden>'
        f'<p class="hb-path-tools__row">{issues}'
        '<button type="button" class="md-button hb-copy-md">Copy as Markdown</button> '
        '<button type="button" class="md-button hb-download-md">Download as Markdown</button> '
        '<button type="button" class="md-button hb-share">Share my progress</button></p>'
        '<p class="hb-path-tools__status" role="status" aria-live="polite"></p>'
        '<p class="hb-path-tools__share" hidden><label>Link to your progress '
        '<input type="text" class="hb-share-link" readonly></label></p></div>')


def induction_path(hb: Handbook, role_id: str, where: Where, trackers: list[Tracker] = (),
                   title: str = "") -> str:
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
    out.append("Tick items as you do them. Your progress stays in this browser until you share it: nothing is "
               "sent anywhere. To take it to your manager, your tracker or another device, use the buttons "
               "below.\n")
    out.append(tools(hb, role_id, title or f"Induction path: {role.short}", list(trackers)))
    out.append(checklist(hb, role_id, where))
    return "\n".join(out)
