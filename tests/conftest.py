"""Shared fixtures: the real site built once per session (on the default engine,
ProperDocs, and on Zensical), and throw-away copies of the project for tests that
break the data on purpose."""

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


def build(project: Path, site_dir: Path, *args: str, engine: str = "properdocs",
          env: dict | None = None) -> subprocess.CompletedProcess:
    """`<engine> build --strict` on a project folder, as a contributor would run it:
    ProperDocs (the default) or MkDocs, which take the output folder as an option."""
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir), *args],
        cwd=project, env={**ENV, **(env or {})}, capture_output=True, text=True, timeout=300,
    )


def mkdocs(project: Path, site_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """A build on the default engine (ProperDocs); the name is what contributors know."""
    return build(project, site_dir, *args)


def zensical(project: Path) -> subprocess.CompletedProcess:
    """`zensical build --clean --strict` in a project folder (Zensical writes to the
    config's site_dir, which must be inside the project: use a copy)."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "zensical"), "build", "--clean", "--strict", "-f", "mkdocs.yml"],
        # the project's own macros package, as the other engines import it (their cwd comes first)
        cwd=project, env={**ENV, "NO_COLOR": "1", "PYTHONPATH": str(project)}, capture_output=True, text=True,
        timeout=300,
    )


def copy_project(dest: Path) -> Path:
    """A copy of what a build needs: pages, data, theme overrides, config, snippets."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, dest / name)
    # the macros module and the hooks file are named by paths relative to mkdocs.yml
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


class Site:
    """A built site: read a page's HTML or its visible text."""

    def __init__(self, root: Path):
        self.root = root

    def pages(self) -> list[Path]:
        """Every page the build wrote (not the redirect stubs left for moved pages)."""
        return sorted(p for p in self.root.rglob("index.html") if "assets" not in p.parts
                      and '<meta http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000])

    def html(self, url: str) -> str:
        path = self.root / url.strip("/") / "index.html" if not url.endswith(".html") else self.root / url
        assert path.is_file(), f"the build has no page at /{url}"
        return path.read_text(encoding="utf-8")

    def ids(self, url: str) -> set[str]:
        return set(re.findall(r'\sid="([^"]+)"', self.html(url)))

    @staticmethod
    def article(html: str) -> str:
        match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert match, f"page has no article: {title.group(1) if title else html[:200]}"
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
    """The real handbook, built once for the whole session with --strict (ProperDocs)."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs(ROOT, out)
    assert result.returncode == 0, f"the handbook does not build:\n{result.stderr}"
    return Site(out)


@pytest.fixture(scope="session")
def engines(tmp_path_factory) -> dict[str, Site]:
    """One copy of the project built with --strict on each engine: ProperDocs, MkDocs and
    Zensical (from the same files, so dates and everything else can be compared)."""
    project = copy_project(tmp_path_factory.mktemp("engines") / "project")
    built = {}
    for engine in ("properdocs", "mkdocs"):
        result = build(project, project / f"site-{engine}", engine=engine)
        assert result.returncode == 0, f"the handbook does not build on {engine}:\n{result.stderr}"
        built[engine] = Site(project / f"site-{engine}")
    result = zensical(project)
    assert result.returncode == 0, f"the handbook does not build on Zensical:\n{result.stdout}\n{result.stderr}"
    built["zensical"] = Site(project / "site")
    return built


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
