"""When each page last changed, from git history, with a fallback.

One ``git log`` call for the whole docs folder, so the cost does not grow with a
process per page; it runs beside the build (``git_dates_later``) and is read when
the first page needs it. Files git does not know (new, or no repository at all) fall
back to the file's modification date, and say so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path


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


def git_dates(docs_dir: Path) -> dict[str, dt.date]:
    """Last commit date of every tracked file under docs_dir, keyed by path relative to it."""
    return git_dates_later(docs_dir)()


def _parse(out: str) -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in out.splitlines():
        if line.startswith("\0"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault(line, current)  # newest commit comes first
    return dates


def last_updated(docs_dir: Path, rel: str, dates: dict[str, dt.date]) -> tuple[dt.date, str]:
    """(date, how it was found) for one file: 'git', or 'file' for the modification time."""
    if rel in dates:
        return dates[rel], "git"
    path = docs_dir / rel
    stamp = path.stat().st_mtime if path.exists() else dt.datetime.now().timestamp()
    return dt.date.fromtimestamp(stamp), "file"
