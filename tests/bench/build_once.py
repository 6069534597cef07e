"""Build one site in this process and print a JSON line of figures.

    python -m tests.bench.build_once CONFIG SITE_DIR

Figures: wall seconds, peak memory (MB), pages written, and the seconds spent
inside our own code: the macros plugin (data loading, Jinja rendering of every
page, our macros) and our MkDocs hooks. Run in a fresh process per build so peak
memory belongs to that build alone.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


def main() -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.disable(logging.WARNING)
    config_file, site_dir = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    config = load_config(config_file=config_file, site_dir=site_dir, strict=False)
    ours = {"seconds": 0.0}

    def timed(method):
        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                ours["seconds"] += time.perf_counter() - t
        return wrapper

    for methods in config.plugins.events.values():
        for i, method in enumerate(methods):
            owner = getattr(method, "__self__", None)
            module = getattr(method, "__module__", "") or ""
            is_macros = type(owner).__module__.startswith("mkdocs_macros") if owner is not None else False
            is_hooks = module.startswith("macros/")  # hooks are named by their path: macros/hooks.py
            if is_macros or is_hooks:
                methods[i] = timed(method)
    build(config)
    wall = time.perf_counter() - start
    pages = sum(1 for _root, _dirs, files in os.walk(site_dir) for f in files if f == "index.html")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "peak_mb": peak_mb, "pages": pages, "ours": ours["seconds"]}))


if __name__ == "__main__":
    main()
