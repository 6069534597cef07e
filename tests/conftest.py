"""Shared fixtures: the real site built once per session, and throw-away copies
of the project for tests that break the data on purpose."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
       # tools that start other tools (mike runs the site generator) find the venv's first
       "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}


def mkdocs(project: Path, site_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on a project folder, as a contributor would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir), *args],
        cwd=project, env=ENV, capture_output=True, text=True, timeout=300,
    )


def copy_project(dest: Path) -> Path:
    """A copy of what a build needs: pages, data, theme overrides, config, snippets."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, dest / name)
    # the hooks file is referenced by a path relative to mkdocs.yml
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


class Site:
    """A built site: read a page's HTML or its visible text."""

    def __init__(self, root: Path):
        self.root = root

    def pages(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("index.html") if "assets" not in p.parts)

    def html(self, url: str) -> str:
        path = self.root / url.strip("/") / "index.html" if not url.endswith(".html") else self.root / url
        assert path.is_file(), f"the build has no page at /{url}"
        return path.read_text(encoding="utf-8")

    def ids(self, url: str) -> set[str]:
        return set(re.findall(r'\sid="([^"]+)"', self.html(url)))

    @staticmethod
    def article(html: str) -> str:
        match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
        assert match, "page has no article"
        return match.group(1)


class TextOf(HTMLParser):
    """Visible text of an HTML fragment, skipping the given tags' contents."""

    def __init__(self, skip=("script", "style", "svg")):
        super().__init__()
        self.skip, self.depth, self.parts = set(skip), 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.skip:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.skip and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)

    @classmethod
    def of(cls, html: str, skip=("script", "style", "svg")) -> str:
        parser = cls(skip)
        parser.feed(html)
        return " ".join(parser.parts)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The real handbook, built once for the whole session with --strict."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs(ROOT, out)
    assert result.returncode == 0, f"the handbook does not build:\n{result.stderr}"
    return Site(out)


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh, writable copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (source texts and content map); absent outside the workplace."""
    if not (SHARED / "content-map.md").is_file():
        pytest.skip(f"needs ../shared/content-map.md next to the project ({SHARED} is absent)")
    return SHARED


@pytest.fixture(scope="session")
def server(site):
    """The built handbook served on loopback."""
    from tests.browser import StaticServer

    with StaticServer(site.root) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing Chromium is a failure, not a skip."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_FLAGS

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run ./.ci/test as root, or apt-get install chromium"
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (its own, empty localStorage) and page."""
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.js_errors = errors
    yield tab
    context.close()


# Property-based tests: in CI, a fixed sequence of examples, so a landing is never decided
# by chance; locally, new random examples every run (HANDBOOK_FUZZ_EXAMPLES for more).
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", derandomize=True, database=None)
    if os.environ.get("CI"):
        _hypothesis_settings.load_profile("ci")
except ImportError:  # the data tests still run without hypothesis installed
    pass
