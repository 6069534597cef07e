"""The built pages are valid HTML, as the W3C Nu HTML Checker (vnu-jar, from npm, run with
Java) reads them: no error in markup the handbook writes or overrides. The errors in
Material's own templates that we do not override are listed below by message and count,
so a new one fails and one that goes away (a fixed Material, say) is noticed."""

from __future__ import annotations

import collections
import json
import shutil
import subprocess

from tests.conftest import ROOT

VNU = ROOT / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def material_errors(pages: int) -> dict[str, int]:
    """Material's, with how many a build of ``pages`` HTML pages has."""
    return {
        # base.html: the drawer and search toggles are checkboxes with autocomplete="off"
        # (two on every page, the 404 page included)
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
        "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
        "or “week”.": 2 * pages,
        # partials/nav-item.html: tabindex="" on a section's label; only the 404 page, which has no page
        # for macros/material/nav.py to draw the sidebar for, is drawn by Material's template
        "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.": 4,
        # partials/toc.html: the table of contents' title labels the __toc toggle, which Material leaves
        # out of the sidebar for a section's index page (Start here)
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.": 1,
    }


def test_every_page_is_valid_html(site):
    """Zero errors in our markup; Material's own exactly as listed."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker (Debian: apt-get install default-jre-headless)"
    assert VNU.is_file(), f"{VNU} is missing: ./.ci/test installs it from the npm registry"
    pages = sorted(str(p) for p in site.root.rglob("*.html") if "assets" not in p.parts)
    out = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
                         capture_output=True, text=True, timeout=600)
    messages = [m for m in json.loads(out.stderr)["messages"] if m.get("type") == "error"]
    found = collections.Counter(m["message"] for m in messages)
    expected = material_errors(len(pages))
    unexpected = [f"{m['url'].split(str(site.root))[-1]}:{m.get('lastLine')}: {m['message']}\n    "
                  f"{m.get('extract', '').strip()[:200]}" for m in messages if m["message"] not in expected]
    assert not unexpected, f"{len(unexpected)} errors in the handbook's markup:\n" + "\n".join(unexpected[:30])
    changed = {message: (found.get(message, 0), count) for message, count in expected.items()
               if found.get(message, 0) != count}
    assert not changed, f"Material's errors (found, listed) changed; update material_errors: {changed}"
