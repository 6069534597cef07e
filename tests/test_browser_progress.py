"""Checklist progress in a real Chromium: it persists, resets and survives data changes."""

from __future__ import annotations

import json

import pytest

from macros.core.load import load
from tests.browser import answer_next_dialog
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
HB = load(ROOT / "docs")
ROLE = "engineer"
KEY = f"partnership-handbook:progress:induction/{ROLE}"
ITEMS = [i.id for i in HB.checklist.values() if ROLE in i.roles]


def open_path(page, server, role=ROLE):
    page.goto(f"{server.url}induction/{role}/")
    page.wait_for_selector(".hb-progress:not([hidden])")


def count(page) -> str:
    return page.locator(".hb-progress__count").inner_text()


def bar(page) -> tuple[int, int]:
    return tuple(page.eval_on_selector(".hb-progress__bar", "b => [b.value, b.max]"))


def test_tick_reload_still_ticked_and_progress_moved(page, server):
    """Ticking an item is remembered across a reload and moves the progress bar."""
    open_path(page, server)
    assert count(page) == f"0 of {len(ITEMS)} done" and bar(page) == (0, len(ITEMS))
    page.check(f"#check-{ITEMS[1]}")
    assert bar(page) == (1, len(ITEMS))
    page.reload()
    page.wait_for_selector(".hb-progress:not([hidden])")
    assert page.is_checked(f"#check-{ITEMS[1]}")
    assert not page.is_checked(f"#check-{ITEMS[0]}")
    assert count(page) == f"1 of {len(ITEMS)} done" and bar(page) == (1, len(ITEMS))
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert stored == {ITEMS[1]: True}
    assert not page.js_errors


def test_progress_is_per_path_and_survives_navigation(page, server):
    """Another role's path has its own progress; coming back shows ours again."""
    open_path(page, server)
    page.check(f"#check-{ITEMS[0]}")
    open_path(page, server, "cto")
    assert count(page).startswith("0 of ")
    shared = "read-the-model"  # on every path, but progress is kept per path
    assert not page.is_checked(f"#check-{shared}")
    open_path(page, server)
    assert page.is_checked(f"#check-{ITEMS[0]}")


def test_reset_clears_progress(page, server):
    """Reset asks first (declined, nothing changes); agreed, it unticks everything,
    empties the bar and forgets the stored progress."""
    open_path(page, server)
    for item in ITEMS[:3]:
        page.check(f"#check-{item}")
    assert bar(page)[0] == 3
    asked: list[str] = []
    answer_next_dialog(page, False, asked)
    page.click(".hb-progress__reset")
    assert asked == ["Untick all 3 ticked items on this path? This cannot be undone."]
    assert bar(page)[0] == 3 and page.is_checked(f"#check-{ITEMS[0]}")
    answer_next_dialog(page, True, asked)
    page.click(".hb-progress__reset")
    assert len(asked) == 2
    assert bar(page)[0] == 0 and count(page) == f"0 of {len(ITEMS)} done"
    page.reload()
    page.wait_for_selector(".hb-progress:not([hidden])")
    assert page.locator("input.hb-check:checked").count() == 0
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_removed_item_does_not_break_stored_progress(page, server):
    """Progress saved by an older version, naming an item that no longer exists, still loads."""
    page.goto(server.url)
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [KEY, json.dumps({"item-removed-from-the-data": True, ITEMS[2]: True})],
    )
    open_path(page, server)
    assert page.is_checked(f"#check-{ITEMS[2]}")
    assert count(page) == f"1 of {len(ITEMS)} done" and bar(page) == (1, len(ITEMS))
    page.check(f"#check-{ITEMS[3]}")
    assert count(page) == f"2 of {len(ITEMS)} done"
    assert not page.js_errors


def test_corrupt_stored_progress_is_ignored(page, server):
    """Garbage in storage shows an empty checklist rather than an error."""
    page.goto(server.url)
    page.evaluate(f"localStorage.setItem('{KEY}', '{{not json')")
    open_path(page, server)
    assert count(page) == f"0 of {len(ITEMS)} done"
    assert not page.js_errors


def test_keyboard_ticks_an_item(page, server):
    """A keyboard user can reach a checkbox with Tab and tick it with Space."""
    open_path(page, server)
    page.focus(f"#check-{ITEMS[0]}")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("check-") or focused == ""  # the next focusable control
    page.focus(f"#check-{ITEMS[0]}")
    page.keyboard.press("Space")
    assert page.is_checked(f"#check-{ITEMS[0]}")
    assert count(page) == f"1 of {len(ITEMS)} done"


def test_checkboxes_have_accessible_names(page, server):
    """Every checkbox is labelled by its item text, and the bar has a label."""
    open_path(page, server)
    for item in ITEMS:
        name = page.locator(f"#check-{item}").evaluate("e => e.labels[0].innerText.trim()")
        assert len(name) > 10, item
    assert page.locator(".hb-progress__bar").get_attribute("aria-label").startswith("Checklist progress")
    assert page.get_by_role("button", name="Reset progress").is_visible()


def test_without_javascript_the_checklist_is_a_list(browser, server):
    """With scripts off, the items still read as a list and the progress controls stay hidden."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server.url}induction/{ROLE}/")
    assert page.locator("li.hb-item").count() == len(ITEMS)
    assert not page.locator(".hb-progress").is_visible()
    assert "Before day one" in page.locator("article").inner_text()
    context.close()


def test_print_shows_a_clean_checklist(page, server):
    """In print media the items remain, while progress controls, permalinks and navigation go."""
    open_path(page, server)
    page.check(f"#check-{ITEMS[0]}")
    page.emulate_media(media="print")
    assert page.locator("li.hb-item").first.is_visible()
    assert not page.locator(".hb-progress").is_visible()
    assert not page.locator("a.hb-permalink").first.is_visible()
    meta = page.locator("li.hb-item .hb-item__meta").first.inner_text().strip()
    assert meta.startswith("From ") and not meta.endswith("·") and "· ·" not in meta, meta
    assert not page.locator(".md-sidebar--primary").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000


def test_permalink_copies_the_item_link(browser, server):
    """The # control beside an item copies that item's full link and says so."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    page = context.new_page()
    open_path(page, server)
    page.click(f"#{ITEMS[0]} a.hb-permalink")
    assert page.locator(f"#{ITEMS[0]} .hb-copied").inner_text() == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == f"{server.url}induction/{ROLE}/#{ITEMS[0]}"
    assert page.url.endswith(f"#{ITEMS[0]}")
    context.close()


def test_a_question_link_copies_and_goes_to_the_question(browser, server):
    """The # link of a self-check question, beside its answer, copies the question's link
    and stays on it, the answer open; a link to a question opens it (the theme does)."""
    question = next(iter(HB.checks_by_page["partnership-model.md"])).id
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    page = context.new_page()
    page.goto(f"{server.url}partnership-model/")
    page.wait_for_selector(f"#{question} a.hb-permalink[data-hb-ready]", state="attached")
    assert page.evaluate(f"document.getElementById('{question}').open") is False
    assert not page.locator(f"#{question} a.hb-permalink").is_visible()
    page.click(f"#{question} summary")
    page.click(f"#{question} a.hb-permalink")
    assert page.locator(f"#{question} .hb-copied").inner_text() == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == f"{server.url}partnership-model/#{question}"
    assert page.url.endswith(f"#{question}")
    assert page.evaluate(f"document.getElementById('{question}').open") is True
    page.goto(f"{server.url}partnership-model/")
    page.goto(f"{server.url}partnership-model/#{question}")
    page.wait_for_function(f"document.getElementById('{question}').open")
    context.close()
