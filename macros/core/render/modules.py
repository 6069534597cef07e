"""The CTO's product-success modules, each a linkable section."""

from __future__ import annotations

from macros.core.load import Handbook
from macros.core.render.selfchecks import questions
from macros.core.render.text import block, bullets, link, text
from macros.core.urls import Where

PAGE = "cto-product-success.md"


def modules(hb: Handbook, level: int = 3, suggest=None) -> str:
    """Every CTO product-success module as a linkable section, with its self-check;
    ``suggest(what, anchor)`` gives the links to suggest a change to one (or none)."""
    hashes = "#" * level
    out = []
    for n, m in enumerate(hb.modules.values(), 1):
        out.append(f"{hashes} {n}. {text(m.title)} {{#{m.id}}}\n")
        out.append(f"{text(m.meaning)}\n")
        out.append(f"**What it involves**\n\n{bullets(m.actions)}\n")
        out.append(f'!!! tip "Actionable insight"\n    {text(m.insight)}\n')
        out.append(f"**How you know it is working**\n\n{bullets(m.signals)}\n")
        if m.selfcheck:
            checks = [(qa.id, qa.question, qa.answer) for qa in m.selfcheck]
            out.append(f"**Check yourself**\n\n{questions(checks)}\n")
        links = suggest(m.title, m.id) if suggest else ""
        if links:
            out.append(block(f'<p class="hb-suggest-item" data-search-exclude="true">{links}</p>'))
    return "\n".join(out)


def module_list(hb: Handbook, where: Where) -> str:
    """A compact numbered list linking to each module."""
    return "\n".join(f"{n}. {link(m.title, PAGE + '#' + m.id, where)}: {text(m.insight)}"
                     for n, m in enumerate(hb.modules.values(), 1)) + "\n"
