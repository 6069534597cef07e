"""The handbook's benchmark: prints figures, asserts nothing.

    ./.ci/bench                  # everything (about 15 minutes on 2 cores)
    ./.ci/bench --quick          # skip the 1,000-page builds and their Lighthouse run
    ./.ci/bench --repeat 1       # one build of each site instead of the fastest of five
    ./.ci/bench --base REV       # the commit to compare with (default: BASE below)

Every figure is printed beside the same figure for an earlier commit (``--base``),
measured in the same run on the same machine with the same installed packages, and
the change between them (marked ``!`` when this commit is more than 10 % worse).
Both commits build the same content: the earlier commit's pages and data, put in this
commit's format (tests/bench/earlier.py), so a change is the code's. The real handbook
is also built as each commit has it, to show what its own content costs; its figures
are not marked, as the content differs.

1. clean builds on the default engine: the real handbook, synthetic handbooks of about
   100 and 1,000 pages with data scaled alongside (about 10,000 checklist items at
   1,000 pages; made by the earlier commit's generator), and stock Material on the same
   1,000 pages (as Material ships, with our theme features, like for like: no theme
   overrides, none of the hooks that change Material's theme; the search hand-off
   stays, as the earlier commit's content hooks did): wall time, time per page, peak
   memory, and the time in the handbook's own code;
2. the real handbook and the 1,000-page one built on Zensical (this commit only: the
   older commits did not build whole on it);
3. page weight: what a first visit to an induction path fetches, gzip-compressed as a
   server sends it, and what the first search fetches;
4. Lighthouse 12 (mobile) in Debian's Chromium: home, a handbook page, an induction
   path, and a page of the 1,000-page handbook.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from tests.bench.build_once import THEME_MODULES

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
# The commit before the portable-core work (issue 15): what this one is measured against.
BASE = "773435b"
WORSE = 0.10  # more than this much worse is marked


class Tree:
    """A checkout of the handbook (this one, or an older commit in a temporary worktree)."""

    def __init__(self, root: Path, label: str):
        self.root, self.label = root, label

    def env(self) -> dict:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "DISABLE_MKDOCS_2_WARNING": "true"}
        if self.root != ROOT:  # the older commit's 'macros' package comes first
            env["PYTHONPATH"] = os.pathsep.join([str(self.root), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        return env

    def build_once(self, config: Path, site: Path) -> dict:
        """One clean build in a fresh process (so its peak memory is its own)."""
        shutil.rmtree(site, ignore_errors=True)
        out = subprocess.run([sys.executable, str(BENCH / "build_once.py"), str(config), str(site)],
                             cwd=config.parent, env=self.env(), capture_output=True, text=True, timeout=1800)
        if out.returncode:
            raise SystemExit(f"{self.label}: build of {config} failed:\n{out.stderr[-3000:]}")
        return json.loads(out.stdout.strip().splitlines()[-1])

    def generate(self, dest: Path, pages: int) -> dict:
        """A synthetic handbook made by this tree's own generator (laid out the way this
        tree's commit builds it)."""
        code = ("import json, sys; from pathlib import Path; from tests.bench.synthetic import generate; "
                "print(json.dumps(generate(Path(sys.argv[1]), int(sys.argv[2]))))")
        out = subprocess.run([sys.executable, "-c", code, str(dest), str(pages)], cwd=self.root, env=self.env(),
                             capture_output=True, text=True, timeout=600)
        if out.returncode:
            raise SystemExit(f"{self.label}: generating {pages} pages failed:\n{out.stderr[-3000:]}")
        return json.loads(out.stdout.strip().splitlines()[-1])


def builds(jobs: dict, repeat: int) -> dict:
    """The fastest of ``repeat`` builds for each job ({name: (tree, config, site)}), the
    jobs taking turns (this commit, the earlier one, this commit...): a shared machine's
    speed drifts over minutes, and turns share the drift out fairly; the fastest run of
    each is the one least disturbed."""
    runs: dict = {name: [] for name in jobs}
    for tree, config, _site in jobs.values():
        compiled(tree.root / "macros", config.parent / "macros")
    for _ in range(repeat):
        for name, (tree, config, site) in jobs.items():
            runs[name].append(tree.build_once(config, site))
    return {name: min(found, key=lambda fig: fig["wall"]) for name, found in runs.items()}


def compiled(*packages: Path) -> None:
    """Python's bytecode for each package, written now, so that no build compiles the
    handbook's modules inside the time it counts as our code (where this machine writes
    no bytecode on import, PYTHONDONTWRITEBYTECODE, every build would; the earlier
    commit's hooks were compiled as MkDocs loaded them, outside it). A reader's own
    builds after the first find bytecode there too."""
    for package in packages:
        if package.is_dir():
            compileall.compile_dir(str(package), quiet=1)


def content_kb(project: Path) -> float:
    """KB of Markdown and data a project's pages are made from."""
    docs = project / "docs"
    return sum(f.stat().st_size for f in docs.rglob("*") if f.suffix in (".md", ".yml")) / 1024


def zensical_build(project: Path, repeat: int) -> dict:
    """The fastest of `repeat` clean Zensical builds (wall time, pages)."""
    best = None
    for _ in range(repeat):
        shutil.rmtree(project / "site", ignore_errors=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        start = time.perf_counter()
        out = subprocess.run([str(Path(sys.executable).parent / "zensical"), "build", "--clean", "-f", "mkdocs.yml"],
                             cwd=project, env={**os.environ, "NO_COLOR": "1"}, capture_output=True, text=True,
                             timeout=1800)
        wall = time.perf_counter() - start
        if out.returncode:
            lines = (out.stdout + out.stderr).strip().splitlines()
            return {"wall": float("nan"), "pages": 0, "error": lines[-1] if lines else "failed"}
        best = wall if best is None else min(best, wall)
    pages = sum(1 for _root, _dirs, files in os.walk(project / "site") for f in files if f == "index.html")
    return {"wall": best, "pages": pages}


def change(now: float, before: float | None, higher_is_better: bool = False, judged: bool = True) -> str:
    if before in (None, 0):
        return ""
    delta = (now - before) / before
    worse = -delta if higher_is_better else delta
    return f"{delta:+.1%}{' !' if judged and worse > WORSE else ''}"


def line(label: str, unit: str, now: float, before: float | None, digits: int = 2,
         higher_is_better: bool = False, judged: bool = True) -> None:
    """One figure beside the earlier commit's; ``judged``: a change in it can be worse
    (not so for how much content there is)."""
    was = f"{before:>9.{digits}f}" if before is not None else f"{'-':>9}"
    print(f"  {label:<46} {now:>9.{digits}f} {unit:<5} {was} {unit:<5} "
          f"{change(now, before, higher_is_better, judged)}")


def own(fig: dict) -> float:
    """The handbook's own work apart from the Material-only hooks (data, macros, extension, content hooks)."""
    return fig["ours"] - fig["theme"]


def report_build(label: str, now: dict, before: dict | None, judged: bool = True) -> None:
    """A build's figures beside the earlier commit's; ``judged``: built from the same content."""
    print(f"{label} ({now['pages']} pages{'' if before is None else ', before: ' + str(before['pages'])})")
    line("wall time", "s", now["wall"], before and before["wall"], judged=judged)
    line("time per page", "ms", now["wall"] / now["pages"] * 1000,
         before and before["wall"] / before["pages"] * 1000, 1, judged=judged)
    line("CPU time (steadier on a shared machine)", "s", now["cpu"], before and before["cpu"], judged=judged)
    line("peak memory", "MB", now["peak_mb"], before and before["peak_mb"], 0, judged=judged)
    line("handbook's own code (data, macros, extension)", "s", own(now), before and own(before), 3, judged=judged)
    line("  ... added to the rest of the build", "%", own(now) / (now["wall"] - own(now)) * 100,
         before and own(before) / (before["wall"] - own(before)) * 100, 1, judged=judged)
    line("  incl. mkdocs-macros' git, Jinja, copies", "s", now.get("macros_plugin", 0),
         before and before.get("macros_plugin", 0), 3, judged=judged)
    line("Material-only hooks (sidebar, stylesheet cut)", "s", now["theme"], before and before["theme"], 3,
         judged=judged)
    for who, fig in (("now", now), ("before", before)):
        if fig is not None and judged:
            print(f"  our code by part, {who}: {parts(fig)}")


def parts(fig: dict, most: int = 8) -> str:
    """The handbook's handlers and processors that took longest in a build (a part that
    calls another counts in both), without the Material-only hooks."""
    found = sorted(((spent, name) for name, spent in fig.get("parts", {}).items()
                    if not name.startswith(THEME_MODULES) and spent >= 0.0005), reverse=True)
    return " · ".join(f"{_short(name)} {spent * 1000:.0f} ms" for spent, name in found[:most]) or "-"


def _short(part: str) -> str:
    """'macros/material/search.py.on_page_content' -> 'search.py.on_page_content',
    'macros.engine.markdown.FootPreprocessor' -> 'FootPreprocessor'."""
    part = part.rsplit("/", 1)[-1]
    return part.rsplit(".", 1)[-1] if part.startswith("macros.") else part


def weight(site: Path, path: str) -> dict[str, float]:
    """KB fetched, gzip as served: on a first visit to ``path``, then for the first
    search (the search index, and everything else it brings: Material's worker)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_FLAGS, COMPRESSIBLE, StaticServer, search

    def size(url: str) -> int:
        file = site / urlparse(url).path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        raw = file.read_bytes()
        return len(gzip.compress(raw, 6)) if file.suffix in COMPRESSIBLE else len(raw)

    with StaticServer(site, gzip=True) as srv, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context()
        urls: list[str] = []
        context.on("request", lambda r: urls.append(r.url))
        page = context.new_page()
        page.goto(srv.url + path, wait_until="networkidle")
        first = set(urls)
        search(page, "partner", timeout=15_000)
        page.wait_for_load_state("networkidle")
        searched = set(urls) - first
        browser.close()
    index = sum(size(u) for u in searched if urlparse(u).path.endswith("/search_index.json"))
    first_kb = sum(map(size, first)) / 1024
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = sum(len(d.get("title", "")) + len(d.get("text", "")) for d in docs)
    return {"first": first_kb, "index": index / 1024, "rest": (sum(map(size, searched)) - index) / 1024,
            "text": text / 1024}


def lighthouse(site: Path, paths: list[str]) -> dict[str, dict]:
    from tests.browser import CHROMIUM, CHROMIUM_FLAGS, StaticServer

    scores = {}
    with StaticServer(site, gzip=True) as srv:
        for path in paths:
            out = subprocess.run(
                [str(LIGHTHOUSE), srv.url + path, "--output=json", "--quiet",
                 "--only-categories=performance,accessibility,best-practices,seo",
                 "--chrome-flags=--headless=new " + " ".join(CHROMIUM_FLAGS)],
                env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
            if out.returncode:
                scores[path] = {"error": out.stderr.strip().splitlines()[-1:]}
                continue
            report = json.loads(out.stdout)
            scores[path] = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 1,000-page builds")
    parser.add_argument("--repeat", type=int, default=5, help="builds of each site; the fastest is shown (5)")
    parser.add_argument("--base", default=BASE, help=f"the commit to compare with ({BASE})")
    args = parser.parse_args()
    from tests.bench.earlier import convert
    from tests.bench.synthetic import stock

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    print(f"machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; "
          f"{platform.system()} {platform.release()}")
    print(f"this commit: {head.strip()} (and uncommitted changes, if any); compared with: {args.base}")
    tmp = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    base_root = tmp / "base"
    same_root = tmp / "real-same-project"  # another checkout of it, to put in this commit's format
    for root in (base_root, same_root):
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(root), args.base], cwd=ROOT, check=True)
    now, before = Tree(ROOT, "this commit"), Tree(base_root, args.base)
    sizes = [100] if args.quick else [100, 1000]
    try:
        print(f"\n== builds on ProperDocs/MkDocs with Material (clean, one process each, fastest of {args.repeat}) ==")
        print(f"  {'':<46} {'now':>15} {'before':>15} change")
        same_real = convert(same_root)  # in a git checkout, as the earlier commit's: pages' dates from git
        real = builds({"now": (now, ROOT / "mkdocs.yml", tmp / "real-now"),
                       "same": (now, same_real / "mkdocs.yml", tmp / "real-same"),
                       "before": (before, base_root / "mkdocs.yml", tmp / "real-before")}, args.repeat)
        report_build(f"real handbook, the same content ({args.base}'s pages and data)", real["same"], real["before"])
        report_build(f"real handbook, each commit's own content ({content_kb(ROOT):.0f} KB of Markdown and data, "
                     f"before: {content_kb(base_root):.0f} KB; not marked)", real["now"], real["before"], judged=False)
        synthetic: dict = {}
        for size in sizes:
            earlier = tmp / f"synthetic-{size}-before"
            counts = before.generate(earlier, size)
            same = tmp / f"synthetic-{size}-now"
            shutil.copytree(earlier, same)
            convert(same)
            built = builds({"now": (now, same / "mkdocs.yml", same / "site"),
                            "before": (before, earlier / "mkdocs.yml", earlier / "site")}, args.repeat)
            synthetic[size, "now"], synthetic[size, "before"] = built["now"], built["before"]
            report_build(f"synthetic ~{size} pages, the same content ({counts['checklist_items']} checklist items)",
                         built["now"], built["before"])
        if not args.quick:
            stocks = builds({"now": (now, stock(tmp / "synthetic-1000-now"), tmp / "stock-now"),
                             "before": (before, stock(tmp / "synthetic-1000-before"), tmp / "stock-before")},
                            args.repeat)
            report_build("stock Material, same 1,000 pages, our features (like for like)", stocks["now"],
                         stocks["before"])
            per_page = {t: (synthetic[1000, t]["wall"] / synthetic[1000, t]["pages"])
                        / (synthetic[100, t]["wall"] / synthetic[100, t]["pages"]) for t in ("now", "before")}
            line("time per page at 1,000 pages / at 100", "x", per_page["now"], per_page["before"])
            line("1,000-page build / stock Material's", "%",
                 synthetic[1000, "now"]["wall"] / stocks["now"]["wall"] * 100,
                 synthetic[1000, "before"]["wall"] / stocks["before"]["wall"] * 100, 1)

        print(f"\n== builds on Zensical (fastest of {args.repeat}; this commit only) ==")
        from tests.conftest import copy_project

        zen_real = zensical_build(copy_project(tmp / "zensical-real"), args.repeat)
        line(f"real handbook ({zen_real['pages']} pages), wall time", "s", zen_real["wall"], None)
        if "error" in zen_real:
            print(f"  failed: {zen_real['error']}")
        if not args.quick:
            zen_project = tmp / "zensical-1000"  # a copy: Zensical writes to the project's own site/
            shutil.copytree(tmp / "synthetic-1000-now", zen_project, ignore=shutil.ignore_patterns("site"))
            zen = zensical_build(zen_project, args.repeat)
            if "error" in zen:
                print(f"  synthetic ~1,000: failed: {zen['error']}")
            else:
                line(f"synthetic ~1,000 ({zen['pages']} pages), wall time", "s", zen["wall"], None)
                line("  time per page", "ms", zen["wall"] / zen["pages"] * 1000, None, 1)

        print("\n== page weight: first visit to /induction/engineer/, gzip as served (KB) ==")
        kb = {name: weight(tmp / f"real-{name}", "induction/engineer/") for name in ("same", "before", "now")}
        for name, judged, title in (("same", True, "the same content"),
                                    ("now", False, "each commit's own content (not marked)")):
            print(f"real handbook, {title}")
            line("first visit", "KB", kb[name]["first"], kb["before"]["first"], 1, judged=judged)
            line("search index (fetched on the first search)", "KB", kb[name]["index"], kb["before"]["index"], 1,
                 judged=judged)
            line("  the text it indexes (all pages, uncompressed)", "KB", kb[name]["text"], kb["before"]["text"], 1,
                 judged=False)
            line("  index KB per 100 KB of indexed text", "KB", kb[name]["index"] / kb[name]["text"] * 100,
                 kb["before"]["index"] / kb["before"]["text"] * 100, 1, judged=judged)
            line("first visit + search index", "KB", kb[name]["first"] + kb[name]["index"],
                 kb["before"]["first"] + kb["before"]["index"], 1, judged=judged)
            line("search worker (also on the first search)", "KB", kb[name]["rest"], kb["before"]["rest"], 1,
                 judged=judged)

        if LIGHTHOUSE.exists():
            print("\n== Lighthouse (mobile): performance, accessibility, best practices, SEO ==")
            real_pages = ["", "partnership-model/", "induction/engineer/"]
            runs = [("real, same content", real_pages, tmp / "real-same", tmp / "real-before"),
                    ("real, own content", real_pages, tmp / "real-now", None),  # its 'before' is the line above
                    ("synthetic-1000", ["library/section-040/page-005/", "induction/engineer/"],
                     tmp / "synthetic-1000-now" / "site", tmp / "synthetic-1000-before" / "site")]
            for kind, pages, site_now, site_before in runs:
                if kind == "synthetic-1000" and args.quick:
                    continue
                scores = lighthouse(site_now, pages)
                before_scores = lighthouse(site_before, pages) if site_before is not None else None
                for path in pages:
                    print(f"  {kind + ' /' + path:<46} now {scores[path]}"
                          + (f"  before {before_scores[path]}" if before_scores else ""))
        else:
            print(f"\n(Lighthouse not installed: {LIGHTHOUSE}; ./.ci/bench installs it)")
        print(f"\n('!' marks a figure more than {WORSE:.0%} worse than at {args.base})")
    finally:
        for root in (base_root, same_root):
            subprocess.run(["git", "worktree", "remove", "--force", str(root)], cwd=ROOT, capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
