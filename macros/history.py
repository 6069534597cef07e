"""When each page last changed, from git history, with a fallback.

One ``git log`` call for the whole docs folder, so the cost does not grow with a
process per page; it runs beside the build (``git_dates_later``) and is read when
the first page needs it. Files git does not know (new, or no repository at all) fall
back to the file's modification date, and say so.

Also here: mkdocs-macros' own ``git`` variable (commit, tag, author...), which it
fills on every build with a dozen git processes, made lazy (``defer_macros_git_info``).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


def git_dates_later(docs_dir: Path) -> Callable[[], dict[str, dt.date]]:
    """Start ``git log`` now; the returned function waits for it (once) and gives
    the last commit date of every tracked file under docs_dir, keyed by path
    relative to it."""
    try:
        proc = subprocess.Popen(
            ["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."],
            cwd=docs_dir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
    except OSError:
        return dict
    done: list[dict[str, dt.date]] = []

    def dates() -> dict[str, dt.date]:
        if not done:
            try:
                out, _ = proc.communicate(timeout=60)
            except subprocess.SubprocessError:
                proc.kill()
                proc.communicate()
                out = ""
            done.append(_parse(out) if proc.returncode == 0 else {})
        return done[0]

    return dates


def _parse(out: str) -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in out.splitlines():
        if line.startswith("\0"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault(line, current)  # newest commit comes first
    return dates


def last_updated(docs_dir: str | Path, rel: str, dates: dict[str, dt.date]) -> tuple[dt.date, str]:
    """(date, how it was found) for one file: 'git', or 'file' for the modification time."""
    if rel in dates:
        return dates[rel], "git"
    try:
        stamp = os.stat(os.path.join(docs_dir, rel)).st_mtime
    except OSError:  # a page generated in the build has no file
        stamp = dt.datetime.now().timestamp()
    return dt.date.fromtimestamp(stamp), "file"


class LazyInfo(dict):
    """A dict filled on first lookup: ``{{ git.short_commit }}`` in a page still works,
    and a build where no page asks costs nothing. ``keys()`` and ``values()`` are left
    as dict's on purpose: ``dict(info)`` reads a dict subclass through ``keys()``, so
    plain copies and JSON dumps of it (which mkdocs-macros makes for its debug log)
    see it empty rather than run git."""

    def __init__(self, compute: Callable[[], dict[str, Any] | None]):
        super().__init__()
        self._compute: Callable[[], dict[str, Any] | None] | None = compute

    def _fill(self) -> None:
        if self._compute is not None:
            compute, self._compute = self._compute, None
            self.update(compute() or {})

    def __getitem__(self, key: str) -> Any:
        self._fill()
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self._fill()
        return super().__iter__()

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def get(self, key: str, default: Any = None) -> Any:
        self._fill()
        return super().get(key, default)

    def items(self):  # type: ignore[override]
        self._fill()
        return super().items()

    def __repr__(self) -> str:
        self._fill()
        return super().__repr__()


def defer_macros_git_info() -> bool:
    """Make mkdocs-macros' ``git`` variable lazy: it runs 12 git commands on every
    build (about 17 ms, a quarter of our share of the build) for a variable no page
    of ours uses. True if mkdocs-macros is as expected and now defers them."""
    try:
        from mkdocs_macros import context
    except ImportError:
        return False
    compute = getattr(context, "get_git_info", None)
    if compute is None or getattr(compute, "deferred", False):
        return compute is not None

    def get_git_info() -> dict[str, Any]:
        return LazyInfo(compute)

    get_git_info.deferred = True  # type: ignore[attr-defined]
    context.get_git_info = get_git_info
    return True
