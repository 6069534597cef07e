"""When each page last changed, from git history, with a fallback.

One ``git log`` call for the whole docs folder, so the cost does not grow with a
process per page. Files git does not know (new, or no repository at all) fall
back to the file's modification date, and say so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def git_dates(docs_dir: Path) -> dict[str, dt.date]:
    """Last commit date of every tracked file under docs_dir, keyed by path relative to it."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."],
            cwd=docs_dir, capture_output=True, text=True, timeout=60, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
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
