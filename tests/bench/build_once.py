"""Build one site in this process and print a JSON line of figures.

    python -m tests.bench.build_once CONFIG SITE_DIR [--parts]

Figures: wall seconds, peak memory (MB), pages written, and the seconds spent
inside our own code: the macros plugin (data loading, Jinja rendering of every
page, our macros) and our MkDocs hooks; ``theme`` is the part of that spent in
macros/theme.py (the sidebar, the stylesheet cut). Run in a fresh process per build so peak
memory belongs to that build alone. ``--parts`` also prints, to stderr, the time
spent in each of our hooks.
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
    parts: dict[str, float] = {}  # seconds by hook, for --parts (a hook calling another counts in both)
    depth = [0]  # our hooks running: a hook that calls another (hooks.py guards the macros plugin) counts once

    def timed(method, name: str):
        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            depth[0] += 1
            t = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent = time.perf_counter() - t
                depth[0] -= 1
                if not depth[0]:
                    ours["seconds"] += spent
                parts[name] = parts.get(name, 0.0) + spent
        wrapper.timed = True
        return wrapper

    def time_ours() -> None:
        """Time every handler of ours in the event lists, including those our hooks put
        there in on_config."""
        for event, methods in config.plugins.events.items():
            for i, method in enumerate(methods):
                if getattr(method, "timed", False):
                    continue
                owner = getattr(method, "__self__", None)
                module = getattr(method, "__module__", "") or ""
                is_macros = type(owner).__module__.startswith("mkdocs_macros") if owner is not None else False
                is_hooks = module.startswith("macros/")  # hooks are named by their path: macros/hooks.py
                if is_macros or is_hooks:
                    where = "mkdocs_macros" if is_macros else module
                    methods[i] = timed(method, f"{where}.{method.__name__}")
                    if event == "config":
                        methods[i] = _then(methods[i], time_ours)

    time_ours()
    build(config)
    wall = time.perf_counter() - start
    pages = sum(1 for _root, _dirs, files in os.walk(site_dir) for f in files if f == "index.html")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if "--parts" in sys.argv[3:]:
        for name, spent in sorted(parts.items(), key=lambda item: -item[1]):
            print(f"{spent * 1000:8.1f} ms  {name}", file=sys.stderr)
    theme = sum(spent for name, spent in parts.items() if name.startswith("macros/theme.py."))
    print(json.dumps({"wall": wall, "peak_mb": peak_mb, "pages": pages, "ours": ours["seconds"], "theme": theme}))


def _then(method, after):
    @functools.wraps(method)
    def then(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        finally:
            after()
    then.timed = True
    return then


if __name__ == "__main__":
    main()
