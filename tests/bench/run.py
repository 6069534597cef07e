"""The handbook's benchmark: prints figures, asserts nothing.

    ./.ci/bench              # everything (about 8 minutes on 2 cores)
    ./.ci/bench --quick      # skip the 1,000-page builds and their Lighthouse run
    ./.ci/bench --repeat 1   # one build of each site instead of the fastest of three

1. the real handbook's clean build, and the share spent in our data loading and macros;
2. synthetic handbooks of about 100 and 1,000 pages with data scaled alongside
   (about 10,000 checklist items at 1,000 pages): wall time, peak memory, time per
   page, our share; and stock Material on the same 1,000 pages (as Material ships:
   no theme features, no overrides), alone and with navigation.prune, in the same run;
3. page weight: what a first visit to an induction path fetches, gzip-compressed
   as a server sends it, with and without the search index;
4. Lighthouse 12 (mobile) in Debian's Chromium: home, a handbook page, an induction
   path, and a page of the 1,000-page handbook.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"


def build(config: Path, site: Path, repeat: int) -> dict:
    """The fastest of `repeat` clean builds, each in a fresh process (on a shared
    machine, the fastest run is the one least disturbed by others)."""
    runs = []
    for _ in range(repeat):
        shutil.rmtree(site, ignore_errors=True)
        out = subprocess.run([sys.executable, "-m", "tests.bench.build_once", str(config), str(site)],
                             cwd=ROOT, capture_output=True, text=True, timeout=1800)
        if out.returncode:
            raise SystemExit(f"build of {config} failed:\n{out.stderr[-3000:]}")
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda fig: fig["wall"])


def row(label: str, fig: dict) -> str:
    per_page = fig["wall"] / fig["pages"] * 1000
    return (f"{label:<34} {fig['pages']:>6} pages {fig['wall']:>7.2f} s {per_page:>7.1f} ms/page "
            f"{fig['peak_mb']:>6.0f} MB peak   ours {fig['ours']:>5.2f} s ({fig['ours'] / fig['wall']:.1%}; "
            f"data, macros and content hooks {(fig['ours'] - fig['theme']) / fig['wall']:.1%}, "
            f"theme hooks {fig['theme'] / fig['wall']:.1%}; {added(fig)})")


def added(fig: dict) -> str:
    """Our data, macros and content hooks as a share of the rest of the build: what they add to it."""
    ours = fig["ours"] - fig["theme"]
    return f"data, macros and content hooks add {ours / (fig['wall'] - ours):.1%} to the rest"


def weight(site: Path, path: str) -> dict[str, int]:
    """Bytes fetched, gzip as served: on a first visit to ``path``, then for the first
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
        page.wait_for_timeout(500)
        first = set(urls)
        search(page, "partner", timeout=15_000)
        searched = set(urls) - first
        browser.close()
    index = sum(size(u) for u in searched if urlparse(u).path.endswith("/search_index.json"))
    return {"first": sum(map(size, first)), "index": index, "rest": sum(map(size, searched)) - index}


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
    parser.add_argument("--repeat", type=int, default=3, help="builds of each site; the fastest is shown (3)")
    args = parser.parse_args()
    from tests.bench.synthetic import generate, stock

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; "
          f"{platform.system()} {platform.release()}")
    tmp = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        print(f"\n== builds (clean, one process each, fastest of {args.repeat}) ==")
        real = build(ROOT / "mkdocs.yml", tmp / "real-site", args.repeat)
        print(row("real handbook", real))
        figures = {}
        for size in ([100] if args.quick else [100, 1000]):
            project = tmp / f"synthetic-{size}"
            project.mkdir()
            counts = generate(project, size)
            figures[size] = build(project / "mkdocs.yml", project / "site", args.repeat)
            print(row(f"synthetic ~{size} ({counts['checklist_items']} items)", figures[size]))
        if not args.quick:
            stock_fig = build(stock(tmp / "synthetic-1000"), tmp / "stock-site", args.repeat)
            print(row("stock Material, same 1,000 pages", stock_fig))
            pruned = build(stock(tmp / "synthetic-1000", "navigation.prune"), tmp / "stock-prune-site", args.repeat)
            print(row("stock Material + navigation.prune", pruned))
            ratio = (figures[1000]["wall"] / figures[1000]["pages"]) / (figures[100]["wall"] / figures[100]["pages"])
            print(f"time per page at 1,000 vs 100: {ratio:.2f}x (target <= 1.2x)")
            print(f"1,000-page build vs stock Material: {figures[1000]['wall'] / stock_fig['wall']:.1%} (target < 25%); "
                  f"vs stock + navigation.prune: {figures[1000]['wall'] / pruned['wall']:.1%}")
        print(f"our code in the real build: {real['ours'] / real['wall']:.1%}, of which data, macros and content "
              f"hooks {(real['ours'] - real['theme']) / real['wall']:.1%}; {added(real)} (target < 10%)")
        for size, fig in figures.items():
            print(f"synthetic ~{size}: {added(fig)} (target < 10%)")

        print("\n== page weight: first visit to /induction/engineer/, gzip as served ==")
        kb = {name: size / 1024 for name, size in weight(tmp / "real-site", "induction/engineer/").items()}
        print(f"first visit {kb['first']:.1f} KB; fetched on the first search: search index {kb['index']:.1f} KB, "
              f"search worker {kb['rest']:.1f} KB")
        print(f"first visit + search index {kb['first'] + kb['index']:.1f} KB (target < 100 KB); "
              f"+ worker {sum(kb.values()):.1f} KB")

        if LIGHTHOUSE.exists():
            print("\n== Lighthouse (mobile), real handbook ==")
            for path, score in lighthouse(tmp / "real-site", ["", "partnership-model/", "induction/engineer/"]).items():
                print(f"/{path:<28} {score}")
            if not args.quick:
                print("\n== Lighthouse (mobile), 1,000-page handbook ==")
                for path, score in lighthouse(tmp / "synthetic-1000" / "site",
                                              ["library/section-040/page-005/", "induction/engineer/"]).items():
                    print(f"/{path:<28} {score}")
        else:
            print(f"\n(Lighthouse not installed: {LIGHTHOUSE}; ./.ci/bench installs it)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
