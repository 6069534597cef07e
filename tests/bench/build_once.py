"""Build one site in this process and print a JSON line of figures.

    python tests/bench/build_once.py CONFIG SITE_DIR [--parts]

Run as a script (not with -m), so that ``macros`` is imported from PYTHONPATH when it
is set: the benchmark builds an older commit of the handbook that way, beside this one.

Figures: wall seconds, CPU seconds (this process and the git it runs: on a shared
machine, steadier than wall time), peak memory (MB), pages written, and the seconds spent inside
the handbook's own code: the macros plugin (data, Jinja, our macros), our Markdown
extension's processors, and our hooks; ``theme`` is the part of that spent in the
Material-only hooks (the Python sidebar and the stylesheet cut); ``parts``, the seconds in
each of our handlers and processors (one that calls another counts in both).
Run in a fresh process per build so peak memory belongs to that build alone.
``--parts`` also prints, to stderr, the time spent in each part.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
if sys.path and sys.path[0] == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)  # this folder; 'macros' comes from PYTHONPATH or the installed package

THEME_MODULES = ("macros/theme", "macros/material/hooks")  # Material-only hooks, then and now


def main() -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.disable(logging.WARNING)
    config_file, site_dir = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    cpu_before = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                     for f in ("ru_utime", "ru_stime"))
    ours = {"seconds": 0.0}
    parts: dict[str, float] = {}  # seconds by part (a part calling another counts in both)
    depth = [0]  # parts running: one that calls another counts once in the total

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

    try:  # the Markdown extension's processors (this commit's engine layer)
        from macros.engine import markdown as extension
    except ImportError:
        extension = None
    if extension is not None:
        for name in ("FootPreprocessor", "BlockPreprocessor", "AnchorsTreeprocessor", "BlockPostprocessor",
                     "GlossaryTreeprocessor"):
            cls = getattr(extension, name, None)
            if cls is not None:
                cls.run = timed(cls.run, f"macros.engine.markdown.{name}")

    plugin_work = _time_macros_plugin_work()
    config = load_config(config_file=config_file, site_dir=site_dir, strict=False)

    def time_ours() -> None:
        """Time every handler of ours in the event lists, including those added in on_config."""
        for event, methods in config.plugins.events.items():
            for i, method in enumerate(methods):
                if getattr(method, "timed", False):
                    continue
                owner = getattr(method, "__self__", None)
                module = getattr(method, "__module__", "") or ""
                is_macros = type(owner).__module__.startswith("mkdocs_macros") if owner is not None else False
                is_hooks = module.startswith("macros/")  # hooks are named by their path: macros/...
                if is_macros or is_hooks:
                    where = "mkdocs_macros" if is_macros else module
                    methods[i] = timed(method, f"{where}.{method.__name__}")
                    if event == "config":
                        methods[i] = _then(methods[i], time_ours)

    time_ours()
    build(config)
    wall = time.perf_counter() - start
    pages = sum(1 for _root, _dirs, files in os.walk(site_dir) for f in files if f == "index.html")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # git, which the build runs
    cpu = usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime - cpu_before
    if "--parts" in sys.argv[3:]:
        for name, spent in sorted(parts.items(), key=lambda item: -item[1]):
            print(f"{spent * 1000:8.1f} ms  {name}", file=sys.stderr)
    theme = sum(spent for name, spent in parts.items() if name.startswith(THEME_MODULES))
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mb": peak_mb, "pages": pages, "ours": ours["seconds"],
                      "theme": theme, "macros_plugin": plugin_work["seconds"], "parts": parts}))


def _time_macros_plugin_work() -> dict:
    """The seconds mkdocs-macros spends on its own work inside our code's time (its
    handlers count as ours): the twelve git commands it runs for its 'git' variable,
    Jinja compiling each rendered page (jinja2's from_string: nothing else in a build
    calls it), and the copies of the page and of its variables and the debug lines it
    makes for every page. Neither commit chooses these (the earlier one cut them by
    patching the plugin, which issue 15 took out)."""
    spent = {"seconds": 0.0}
    try:
        import jinja2
        import mkdocs_macros.context as context
        import mkdocs_macros.plugin as plugin
    except ImportError:
        return spent

    def timed(owner, name: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent["seconds"] += time.perf_counter() - start
        setattr(owner, name, wrapper)

    for owner, name in ((context, "get_git_info"), (plugin, "copy"), (plugin, "debug"),
                        (jinja2.Environment, "from_string")):
        timed(owner, name)
    return spent


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
