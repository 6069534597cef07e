"""Induction beyond this browser, in Chromium: the path as an onboarding issue, copied or
downloaded as Markdown, shared progress taken over on another device, the new-items
marker after a data change, and no request to any other host before a click."""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from macros.core.load import load
from tests.browser import StaticServer, answer_next_dialog
from tests.conftest import ROOT, Site, mkdocs

pytestmark = pytest.mark.browser
HB = load(ROOT / "docs")
ITEMS = [i.id for i in HB.by_role["engineer"]]
PATH = "induction/engineer/"


def open_path(page, server, url=PATH):
    page.goto(server.url + url)
    page.wait_for_selector(".hb-path-tools:not([hidden])")


def tick(page, *ids):
    for item in ids:
        page.check(f"#check-{item}")


def issue_query(page, tracker: str) -> dict:
    link = page.locator(f'a.hb-open-issue[data-kind="{tracker}"]')
    link.focus()  # the link is brought up to date when it is reached, before it is followed
    return parse_qs(urlparse(link.get_attribute("href")).query)


def test_the_issue_link_holds_the_path_as_a_task_list_with_the_ticks(page, server):
    """GitHub's and GitLab's new-issue links: the title, and the checklist by stage with
    each item linked to its anchor, ticked as the reader ticked it."""
    open_path(page, server)
    tick(page, ITEMS[0], ITEMS[2])
    github = issue_query(page, "github")
    assert github["title"] == ["Induction path: Engineer"]
    body = github["body"][0]
    first = HB.checklist[ITEMS[0]]
    assert f"- [x] {first.text} ([link]({server.url}{PATH}#{first.id}))" in body
    assert f"- [ ] {HB.checklist[ITEMS[1]].text}" in body
    assert f"- [x] {HB.checklist[ITEMS[2]].text}" in body
    assert "### Before day one" in body and body.index("### Before day one") < body.index("### First week")
    assert body.count("- [") == len(ITEMS)
    gitlab = issue_query(page, "gitlab")
    assert gitlab["issue[title]"] == ["Induction path: Engineer"] and gitlab["issue[description]"] == [body]
    assert urlparse(page.locator('a.hb-open-issue[data-kind="gitlab"]').get_attribute("href")).path.endswith(
        "/-/issues/new")


def test_a_body_too_long_for_a_link_is_copied_instead(browser, server):
    """Past the length trackers accept, following the link copies the Markdown and says so,
    and the page stays where it is."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_path(page, server)
    tick(page, ITEMS[1])
    page.eval_on_selector(".hb-path-tools", "tools => tools.setAttribute('data-max-url', '300')")
    page.click('a.hb-open-issue[data-kind="github"]')
    page.wait_for_function("document.querySelector('.hb-path-tools__status').textContent.includes('too long')")
    status = page.locator(".hb-path-tools__status").inner_text()
    assert "too long to open as a GitHub link" in status and "paste it" in status
    assert page.url.startswith(server.url + PATH)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"- [x] {HB.checklist[ITEMS[1]].text}" in copied
    context.close()


def test_copy_and_download_as_markdown(browser, server):
    """Copy puts the task list on the clipboard; download saves the same text as a file.
    An item's text is Markdown-escaped there: it shows as written, and names nobody."""
    context = browser.new_context(accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_path(page, server)
    tick(page, ITEMS[0])
    page.evaluate("id => { document.querySelector('#' + id + ' .hb-item__text').textContent = "
                  "'Ask @cto about *this* [now] <b> & #12'; }", ITEMS[1])
    page.click(".hb-copy-md")
    page.wait_for_function("document.querySelector('.hb-path-tools__status').textContent.startsWith('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"Induction checklist from the Partnership Handbook: {server.url}{PATH}")
    assert f"- [ ] Ask \\@cto about \\*this\\* \\[now\\] \\<b\\> \\& \\#12 ([link]({server.url}{PATH}#{ITEMS[1]}))" in copied
    with page.expect_download() as download:
        page.click(".hb-download-md")
    assert download.value.suggested_filename == "induction-engineer.md"
    assert Path(download.value.path()).read_text(encoding="utf-8") == copied
    context.close()


def test_share_and_take_over_on_another_device(browser, server):
    """A share link shows the progress read-only with its date on a second browser, and
    taking it over merges it with that browser's own, once that browser's reader agrees
    (it has progress of its own); nothing is lost on either side."""
    first = browser.new_context()
    page = first.new_page()
    open_path(page, server)
    tick(page, ITEMS[0], ITEMS[1])
    page.click(".hb-share")
    link = page.input_value(".hb-share-link")
    assert link.startswith(f"{server.url}{PATH}#share=")
    first.close()

    second = browser.new_context()
    other = second.new_page()
    open_path(other, server)
    tick(other, ITEMS[3])
    other = second.new_page()  # the link opened afresh on the second device
    other.goto(link)
    other.wait_for_selector(".hb-shared")
    summary = other.locator(".hb-shared__summary").inner_text()
    assert summary.startswith(f"2 of {len(ITEMS)} done, shared on {dt.date.today().isoformat()}")
    assert other.is_checked(f"#check-{ITEMS[0]}") and not other.is_checked(f"#check-{ITEMS[3]}")
    assert other.is_disabled(f"#check-{ITEMS[0]}")
    asked: list[str] = []
    answer_next_dialog(other, False, asked)
    other.click(".hb-take-over")
    other.wait_for_function("document.querySelector('.hb-path-tools__status').textContent.startsWith('Nothing')")
    assert asked == ["Add 2 items from this shared progress to the 1 item ticked in this browser? "
                     "This cannot be undone."]
    assert other.locator(".hb-shared").count() == 1  # still the shared view, own progress untouched
    assert other.evaluate("Object.keys(JSON.parse(localStorage.getItem('partnership-handbook:progress:' + "
                          "document.querySelector('.hb-path-tools').dataset.checklist) || '{}'))") == [ITEMS[3]]
    answer_next_dialog(other, True, asked)
    other.click(".hb-take-over")
    other.wait_for_selector(".hb-shared", state="detached")
    # the focused button went with the panel: focus is on the path's first tool, not lost
    assert other.evaluate("document.activeElement.matches('.hb-path-tools__row > :first-child')")
    for item in (ITEMS[0], ITEMS[1], ITEMS[3]):
        assert other.is_checked(f"#check-{item}") and other.is_enabled(f"#check-{item}")
    assert "#share=" not in other.url
    other.reload()
    other.wait_for_selector(".hb-progress:not([hidden])")
    assert other.locator(".hb-progress__count").inner_text() == f"3 of {len(ITEMS)} done"
    second.close()


def _shared_link(browser, server, *ids) -> str:
    context = browser.new_context()
    page = context.new_page()
    open_path(page, server)
    tick(page, *ids)
    page.click(".hb-share")
    link = page.input_value(".hb-share-link")
    context.close()
    return link


def test_the_shared_view_stays_while_the_reader_moves_about_the_page(browser, server):
    """A manager looking at shared progress can scroll (the theme then rewrites the
    address's fragment), reload and follow the page's own table of contents without
    losing the view; the view links to itself; going to another page and back, opening
    the page afresh, or going back to their own progress ends it; a share link pasted
    into the open page shows."""
    link = _shared_link(browser, server, ITEMS[0], ITEMS[1])
    context = browser.new_context()
    page = context.new_page()
    page.goto(link)
    page.wait_for_selector(".hb-shared__summary")
    assert page.get_attribute(".hb-shared__link", "href") == link
    # what the theme's navigation.tracking does as the reader scrolls past a heading
    page.evaluate("history.replaceState(null, '', location.pathname + '#engineer-first-week')")
    page.reload()
    page.wait_for_selector(".hb-shared__summary")
    assert page.locator(".hb-shared__summary").inner_text().startswith(f"2 of {len(ITEMS)} done")
    assert page.is_checked(f"#check-{ITEMS[0]}") and page.is_disabled(f"#check-{ITEMS[0]}")
    page.locator(".md-sidebar--secondary a[href$='#engineer-first-30-days']").first.click()
    page.wait_for_url("**#engineer-first-30-days")
    page.wait_for_selector(".hb-shared__summary")
    assert page.is_checked(f"#check-{ITEMS[1]}") and page.is_disabled(f"#check-{ITEMS[1]}")
    # another page, then back to this one by the navigation: a new visit, the reader's own
    page.locator(".md-sidebar--primary a[href$='partnership-model/']").first.click()
    page.wait_for_url("**/partnership-model/")
    page.locator(".md-sidebar--primary a[href$='induction/engineer/']").first.click()
    page.wait_for_url(f"**/{PATH}")
    page.wait_for_selector(".hb-path-tools:not([hidden])")
    assert page.locator(".hb-shared").count() == 0 and not page.is_checked(f"#check-{ITEMS[0]}")
    page.goto(link)
    page.wait_for_selector(".hb-shared__summary")
    page.goto(server.url + PATH)  # the page opened afresh, without the link
    page.wait_for_selector(".hb-path-tools:not([hidden])")
    assert page.locator(".hb-shared").count() == 0 and not page.is_checked(f"#check-{ITEMS[0]}")
    page.goto(link)
    page.wait_for_selector(".hb-shared__summary")
    page.click(".hb-back")
    page.wait_for_selector(".hb-shared", state="detached")
    page.reload()
    page.wait_for_selector(".hb-path-tools:not([hidden])")
    assert page.locator(".hb-shared").count() == 0 and not page.is_checked(f"#check-{ITEMS[0]}")
    other = _shared_link(browser, server, ITEMS[2])
    page.evaluate("hash => { location.hash = hash; }", "#" + other.split("#", 1)[1])
    page.wait_for_selector(".hb-shared__summary")
    assert page.locator(".hb-shared__summary").inner_text().startswith(f"1 of {len(ITEMS)} done")
    assert page.is_checked(f"#check-{ITEMS[2]}")
    context.close()


def test_a_shared_view_prints_its_ticks_and_date(browser, server):
    """Printed, a shared view keeps its summary and shows each box plainly, ticked or
    not (a disabled box prints greyed out), in the dark palette too."""
    link = _shared_link(browser, server, ITEMS[0])
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(link)
    page.wait_for_selector(".hb-shared__summary")
    page.emulate_media(media="print", color_scheme="dark")
    assert page.locator(".hb-shared__summary").is_visible()
    assert not page.locator(".hb-shared .md-button").first.is_visible()
    assert not page.locator(f"#check-{ITEMS[0]}").is_visible()
    marks = page.evaluate("""ids => ids.map(id => {
        const mark = getComputedStyle(document.getElementById(id), '::before');
        return [mark.content, mark.borderTopColor, mark.backgroundColor];
    })""", [ITEMS[0], ITEMS[1]])
    assert marks[0][0] == '"\u2713"' and marks[1][0] == '""', marks
    assert all(border == "rgb(0, 0, 0)" and background == "rgba(0, 0, 0, 0)" for _c, border, background in marks)
    context.close()


def test_a_focused_box_shows_it_and_is_not_under_the_header(page, server):
    """Tabbing onto a checklist box draws a focus ring, and a box taking focus while under
    the sticky header is scrolled clear of it."""
    open_path(page, server)
    page.focus(f"#check-{ITEMS[0]}")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert page.evaluate("document.activeElement.id") == f"check-{ITEMS[0]}" and ring != "none"
    box = f"#check-{ITEMS[3]}"
    page.evaluate("""sel => {
        const box = document.querySelector(sel);
        window.scrollBy(0, box.getBoundingClientRect().top - 10);
        document.body.focus();
    }""", box)
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert page.evaluate(f"document.querySelector('{box}').getBoundingClientRect().top") < header  # under it
    page.focus(box)
    assert page.evaluate(f"document.querySelector('{box}').getBoundingClientRect().top") >= header


def _share(payload: dict) -> str:
    text = json.dumps(payload, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _check(text: str) -> str:
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return format(value, "x")


def test_a_shared_item_this_version_retired_is_named(page, server):
    """Ids the version no longer has are named as retired, not dropped silently."""
    ids = sorted([ITEMS[0], "an-item-from-long-ago"])
    payload = {"v": 1, "p": "induction/engineer", "d": "2026-12-03", "i": ids,
               "s": _check("|".join(["1", "induction/engineer", "2026-12-03", ",".join(ids)]))}
    open_path(page, server, f"{PATH}#share={_share(payload)}")
    page.wait_for_selector(".hb-shared")
    assert page.locator(".hb-shared__summary").inner_text().startswith(f"1 of {len(ITEMS)} done, shared on 2026-12-03")
    assert "an-item-from-long-ago" in page.locator(".hb-shared__retired").inner_text()


@pytest.mark.parametrize("damage", ["flip", "another-path", "not-base64"])
def test_a_damaged_or_altered_link_changes_nothing(page, server, damage):
    """An edited, truncated or misdirected link says so and leaves this browser's progress as it was."""
    open_path(page, server)
    tick(page, ITEMS[2])
    ids = [ITEMS[0]]
    payload = {"v": 1, "p": "induction/engineer", "d": "2026-12-03", "i": ids,
               "s": _check("|".join(["1", "induction/engineer", "2026-12-03", ITEMS[0]]))}
    if damage == "flip":
        payload["i"] = [ITEMS[1]]  # the check no longer matches
        share = _share(payload)
    elif damage == "another-path":
        payload["p"] = "induction/cto"
        payload["s"] = _check("|".join(["1", "induction/cto", "2026-12-03", ITEMS[0]]))
        share = _share(payload)
    else:
        share = "%%%not-a-link"
    page = page.context.new_page()
    page.goto(f"{server.url}{PATH}#share={share}")
    page.wait_for_selector(".hb-shared")
    message = page.locator(".hb-shared").inner_text()
    assert ("another induction path" if damage == "another-path" else "damaged or was changed") in message
    assert "Nothing on this page has changed" in message
    assert page.is_checked(f"#check-{ITEMS[2]}") and page.is_enabled(f"#check-{ITEMS[2]}")
    assert not page.is_checked(f"#check-{ITEMS[0]}")
    if damage == "another-path":  # it links the path it was made on, with what it carries
        page.click(".hb-shared a")
        page.wait_for_selector(".hb-shared__summary")
        assert page.url == f"{server.url}induction/cto/#share={share}"


def test_keyboard_reaches_and_uses_the_controls(browser, server):
    """Every control is a named button or link, reached with Tab and used with Enter."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_path(page, server)
    names = page.eval_on_selector_all(".hb-path-tools a, .hb-path-tools button", "els => els.map(e => e.textContent)")
    assert names == ["Open as a GitHub issue", "Open as a GitLab issue", "Copy as Markdown", "Download as Markdown",
                     "Share my progress"]
    page.focus('a.hb-open-issue[data-kind="gitlab"]')
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Copy as Markdown"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.hb-path-tools__status').textContent.startsWith('Copied')")
    assert page.locator(".hb-share-link").get_attribute("readonly") is not None
    assert page.evaluate("document.querySelector('.hb-share-link').closest('label') !== null")
    context.close()


def test_items_new_since_the_last_visit_are_marked_and_retired_ones_named(browser, project, tmp_path):
    """After a data change, a returning reader sees the added item marked New, a line saying
    how many, and the removed item named."""
    first = tmp_path / "first"
    assert mkdocs(project, first).returncode == 0
    path = project / "docs/data/checklist.yml"
    items = yaml.safe_load(path.read_text())
    gone = next(i for i in items if i["roles"] == ["engineer"])
    items.remove(gone)
    items.append({"id": "engineer-brand-new", "roles": ["engineer"], "stage": "first-week",
                  "text": "Pair with the on-call engineer for one shift.", "section": "partnership-model.md"})
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True))
    second = tmp_path / "second"
    assert mkdocs(project, second).returncode == 0
    served = tmp_path / "served"
    shutil.copytree(first, served)
    context = browser.new_context()
    page = context.new_page()
    with StaticServer(served) as srv:
        open_path(page, srv)
        assert not page.locator(".hb-new").count()
        shutil.rmtree(served)
        shutil.copytree(second, served)
        open_path(page, srv)
        page.wait_for_selector("#engineer-brand-new .hb-new")
        assert page.locator(".hb-new").count() == 1
        status = page.locator(".hb-path-tools__status").inner_text()
        assert status.startswith("1 item is new since your last visit")
        assert status.endswith(f"Retired since then: {gone['text'].rstrip('.')}.")  # one full stop
        open_path(page, srv)  # seen now: nothing is new any more
        assert not page.locator(".hb-new").count()
    context.close()


def test_a_renamed_item_keeps_its_links_ticks_and_shares(browser, project, tmp_path):
    """An item renamed with 'formerly': a link to its former id lands on it (tinted, no
    'no longer on this path'), a tick and a 'seen' record made under the former id count
    for it, and a share link made before the rename shows it ticked, not retired."""
    released = yaml.safe_load((project / "docs/data/releases.yml").read_text())[-1]["checklist"]
    path = project / "docs/data/checklist.yml"
    items = yaml.safe_load(path.read_text())
    item = next(i for i in items if "engineer" in i["roles"] and i["id"] in released)
    old, new = item["id"], item["id"] + "-renamed"
    item["id"], item["formerly"] = new, [old]
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True))
    out = tmp_path / "out"
    assert mkdocs(project, out).returncode == 0
    engineer = load(project / "docs").by_role["engineer"]
    context = browser.new_context()
    page = context.new_page()
    with StaticServer(out) as srv:
        open_path(page, srv)
        page.evaluate("""([old, key, ids]) => {
            localStorage.setItem('partnership-handbook:progress:' + key, JSON.stringify({[old]: true}));
            const items = {};
            ids.forEach(id => { items[id] = 'x'; });
            localStorage.setItem('partnership-handbook:seen:' + key, JSON.stringify({at: '2026-01-01', items}));
        }""", [old, "induction/engineer", [old if i.id == new else i.id for i in engineer]])
        page.goto(f"{srv.url}{PATH}#{old}")
        page.wait_for_selector(".hb-path-tools:not([hidden])")
        assert page.is_checked(f"#check-{new}")
        assert page.locator(".hb-progress__count").inner_text() == f"1 of {len(engineer)} done"
        assert page.evaluate(f"document.getElementById('{new}').matches(':has(> .hb-formerly:target)')")
        tint = page.evaluate(f"getComputedStyle(document.getElementById('{new}')).backgroundColor")
        assert tint not in ("rgba(0, 0, 0, 0)", "transparent")
        page.wait_for_function(f"Math.abs(document.getElementById('{new}').getBoundingClientRect().top) < 400")
        assert not page.locator(".hb-new").count()  # seen under its former id: not new
        status = page.locator(".hb-path-tools__status").inner_text()
        assert "no longer" not in status and "Retired" not in status
        page.uncheck(f"#check-{new}")  # unticked stays unticked: the former id's tick is let go
        page.reload()
        page.wait_for_selector(".hb-progress:not([hidden])")
        assert not page.is_checked(f"#check-{new}")

        ids = sorted([old, engineer[-1].id])
        payload = {"v": 1, "p": "induction/engineer", "d": "2026-12-03", "i": ids,
                   "s": _check("|".join(["1", "induction/engineer", "2026-12-03", ",".join(ids)]))}
        shared = context.new_page()
        shared.goto(f"{srv.url}{PATH}#share={_share(payload)}")
        shared.wait_for_selector(".hb-shared")
        assert shared.is_checked(f"#check-{new}") and shared.is_checked(f"#check-{engineer[-1].id}")
        assert shared.locator(".hb-shared__summary").inner_text().startswith(f"2 of {len(engineer)} done")
        assert shared.locator(".hb-shared__retired").is_hidden()
    context.close()


def test_a_link_to_a_retired_item_says_what_it_was(browser, project, tmp_path):
    """A manager's link to an item a later version retired opens the path at its checklist,
    saying which item the link meant (its text as last released); a link to an item that
    is there, or to a heading, says nothing of the kind."""
    released = yaml.safe_load((project / "docs/data/releases.yml").read_text())[-1]["checklist"]
    path = project / "docs/data/checklist.yml"
    items = yaml.safe_load(path.read_text())
    gone = next(i for i in items if "engineer" in i["roles"] and i["id"] in released)
    items.remove(gone)
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True))
    out = tmp_path / "out"
    assert mkdocs(project, out).returncode == 0
    context = browser.new_context()
    page = context.new_page()
    with StaticServer(out) as srv:
        page.goto(f"{srv.url}{PATH}#{gone['id']}")
        page.wait_for_function("document.querySelector('.hb-path-tools__status').textContent.includes('no longer')")
        status = page.locator(".hb-path-tools__status").inner_text()
        assert status == (f"The item this link points to is no longer on this path: \u201c"
                          f"{' '.join(released[gone['id']].split()).rstrip('.')}\u201d. "
                          "The changelog lists what each version retired.")
        page.wait_for_function("document.getElementById('checklist').getBoundingClientRect().top < 200")
        for fine in (ITEMS[1] if ITEMS[0] == gone["id"] else ITEMS[0], "reading"):
            page = context.new_page()
            page.goto(f"{srv.url}{PATH}#{fine}")
            page.wait_for_selector(".hb-path-tools:not([hidden])")
            assert "no longer" not in page.locator(".hb-path-tools__status").inner_text()
    context.close()


def test_suggest_a_change_on_each_item_opens_a_prefilled_issue(page, server):
    """Every checklist item has a 'Suggest a change' link per tracker naming the item and its anchor."""
    open_path(page, server)
    item = HB.checklist[ITEMS[0]]
    links = page.locator(f"#{item.id} a.hb-suggest")
    assert links.count() == 2
    query = parse_qs(urlparse(links.first.get_attribute("href")).query)
    assert query["title"] == [f"Suggest a change: {item.text}"]
    assert f"{server.url}{PATH}#{item.id}" in query["body"][0]
    assert links.first.get_attribute("aria-label").startswith("Suggest a change on GitHub: ")


def test_no_request_leaves_for_another_host_until_a_click(browser, server):
    """Ticking, copying, sharing and focusing the issue links ask nothing of any other host."""
    host = urlparse(server.url).netloc
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    foreign: list[str] = []
    context.on("request", lambda req: foreign.append(req.url) if urlparse(req.url).netloc not in ("", host)
               and urlparse(req.url).scheme in ("http", "https") else None)
    page = context.new_page()
    open_path(page, server)
    tick(page, ITEMS[0])
    page.click(".hb-copy-md")
    page.click(".hb-share")
    page.focus("a.hb-open-issue")
    page.hover("a.hb-suggest")
    page.wait_for_load_state("networkidle")
    context.close()
    assert not foreign


def test_without_a_tracker_there_are_no_issue_links(browser, project, tmp_path):
    """With no tracker set in mkdocs.yml, no page offers to open or suggest an issue."""
    config = project / "mkdocs.yml"
    text = config.read_text()
    text = text.replace("    github: partnership-handbook/handbook\n", "").replace(
        "    gitlab: partnership-handbook/handbook\n", "")
    config.write_text(text)
    out = tmp_path / "out"
    result = mkdocs(project, out)
    assert result.returncode == 0, result.stderr
    site = Site(out)
    for built in site.pages():
        html = built.read_text(encoding="utf-8")
        assert "hb-open-issue" not in html and "hb-suggest" not in html, built
    context = browser.new_context()
    page = context.new_page()
    with StaticServer(out) as srv:
        open_path(page, srv)
        assert page.locator("a.hb-suggest").count() == 0
        assert page.locator(".hb-copy-md").is_visible()
    context.close()


@pytest.mark.parametrize("palette", ["default", "slate"])
def test_the_shared_view_and_messages_pass_axe(browser, server, palette):
    """The shared-progress panel, its buttons and the status line pass axe-core, light and dark."""
    from tests.test_browser_quality import AXE, run_axe, set_palette

    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_path(page, server)
    tick(page, ITEMS[0])
    page.click(".hb-share")
    link = page.input_value(".hb-share-link")
    page = context.new_page()  # the link opened afresh, as a manager would open it
    page.goto(link)
    page.wait_for_selector(".hb-shared")
    set_palette(page, palette)
    page.add_script_tag(path=str(AXE))
    violations = run_axe(page)
    context.close()
    assert not violations, violations


@pytest.mark.parametrize("palette", ["default", "slate"])
def test_new_and_linked_items_pass_axe(browser, server, palette):
    """An item marked New since the last visit (its badge) and the item a link points at
    (tinted, its small print and links included) pass axe-core, light and dark; so does the
    share link's field, which has a border and a focus ring."""
    from tests.test_browser_quality import AXE, run_axe, set_palette

    context = browser.new_context()
    page = context.new_page()
    open_path(page, server)
    # the last visit saw every item but the first: it is new now
    page.evaluate("""([first, key]) => {
        const items = {};
        document.querySelectorAll('li.hb-item').forEach(li => { if (li.id !== first) items[li.id] = 'x'; });
        localStorage.setItem('partnership-handbook:seen:' + key, JSON.stringify({at: '2026-01-01', items}));
    }""", [ITEMS[0], "induction/engineer"])
    page.goto(f"{server.url}{PATH}#{ITEMS[1]}")
    page.wait_for_selector(f"#{ITEMS[0]} .hb-new")
    page.click(".hb-share")
    assert page.evaluate("document.activeElement.className") == "hb-share-link"
    field = page.evaluate("(s => [s.borderTopStyle, s.outlineStyle])(getComputedStyle(document.activeElement))")
    assert field == ["solid", "solid"]
    set_palette(page, palette)
    assert page.evaluate(f"document.getElementById('{ITEMS[1]}').matches(':target')")
    page.add_script_tag(path=str(AXE))
    violations = run_axe(page)
    context.close()
    assert not violations, violations


def test_focus_moved_backwards_is_never_under_the_back_to_top_button(browser, server):
    """Tabbing backwards up a long checklist scrolls each control into view below the
    header and below the theme's 'Back to top' button, which shows while scrolling up."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server.url}checklist-items/")
    page.wait_for_selector("a.hb-permalink[data-hb-ready]", state="attached")
    page.focus("ul.hb-items > li:last-child a.hb-permalink")
    hidden = []
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        hidden += page.evaluate("""() => {
            const el = document.activeElement, box = el.getBoundingClientRect();
            const covers = [...document.querySelectorAll('.md-header, .md-top')].filter(c => {
                const r = c.getBoundingClientRect(), s = getComputedStyle(c);
                return s.visibility !== 'hidden' && s.opacity !== '0' && !c.hidden && r.height > 0
                    && r.bottom > box.top && r.top < box.bottom && r.right > box.left && r.left < box.right;
            });
            return covers.length ? [el.outerHTML.slice(0, 80) + ' under ' + covers.map(c => c.className)] : [];
        }""")
    context.close()
    assert not hidden, hidden



def test_links_made_after_a_search_leave_the_search_words_out_and_a_share_link_shows_its_box(browser, server):
    """A reader who came from search (Material adds ?h=words to the address) hands on
    links without the words: the share link, an item's copied link, the Markdown list;
    and a share link opens with the shared progress in view below the header."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    page = context.new_page()
    open_path(page, server, url=f"{PATH}?h=partner")
    tick(page, ITEMS[0])
    page.click(".hb-share")
    link = page.input_value(".hb-share-link")
    assert link.startswith(f"{server.url}{PATH}#share=") and "h=" not in link
    page.click(f"#{ITEMS[1]} a.hb-permalink")
    assert page.locator(f"#{ITEMS[1]} .hb-copied").inner_text() == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == f"{server.url}{PATH}#{ITEMS[1]}"
    page.click(".hb-copy-md")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"{server.url}{PATH}#{ITEMS[0]}" in copied and "?h=" not in copied

    other = context.new_page()
    other.goto(link)
    other.wait_for_selector(".hb-shared__summary")
    header = other.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    other.wait_for_function(
        "h => { const r = document.querySelector('.hb-shared').getBoundingClientRect();"
        " return r.top >= h && r.top < window.innerHeight / 2; }", arg=header)
    context.close()
