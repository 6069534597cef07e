"""When each file under docs/ last changed, from git history, with a fallback.

One ``git log`` for the whole docs folder, so the cost does not grow with a process per
page, kept while the repository's HEAD stays the same commit (reading HEAD costs a few
file reads, so asking once a page is cheap); a build starts it while its data loads
(dates_later) and waits for it at the first page. Files git does not know (new, or no
repository at all) fall back to the file's modification date, and say so.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

_DATES: dict[Path, tuple[str, dict[str, dt.date]]] = {}
_GIT_DIRS: dict[Path, tuple[Path, Path] | str] = {}  # folder -> (its git directory, that directory's HEAD), or ''

_LOCK = threading.Lock()


def _git_dir(start: Path) -> Path | None:
    """The git directory of the repository holding ``start`` (asked once a page: the walk
    up the folders is remembered while the folder it found is still there)."""
    found = _GIT_DIRS.get(start)
    if found is not None and (found == "" or os.path.exists(found[1])):
        return found[0] if found else None
    git = _find_git_dir(start)
    _GIT_DIRS[start] = (git, git / "HEAD") if git is not None else ""
    return git


def _find_git_dir(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():  # a worktree or submodule: 'gitdir: <path>'
            text = dot_git.read_text(encoding="utf-8").strip()
            if text.startswith("gitdir:"):
                return (folder / text.removeprefix("gitdir:").strip()).resolve()
    return None


def head(start: Path) -> str:
    """A key for the commit checked out in the repository holding ``start`` ('' if none)."""
    git = _git_dir(start)
    if git is None:
        return ""
    try:
        ref = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not ref.startswith("ref:"):
            return ref
        name = ref.removeprefix("ref:").strip()
        common = git
        if (git / "commondir").is_file():
            common = (git / (git / "commondir").read_text(encoding="utf-8").strip()).resolve()
        for where in (git / name, common / name):
            if where.is_file():
                return where.read_text(encoding="utf-8").strip()
        packed = common / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="utf-8").splitlines():
                if line.endswith(" " + name):
                    return line.split(" ", 1)[0]
        return ref
    except OSError:
        return ""


_LOG = ["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."]


def git_dates(docs_dir: Path) -> dict[str, dt.date]:
    """The last commit date of every tracked file under docs_dir, keyed by its path
    relative to docs_dir; empty where there is no repository or no git."""
    return _git_dates_later(docs_dir)()


def _git_dates_later(docs_dir: Path) -> Callable[[], dict[str, dt.date]]:
    """git_dates(), with ``git log`` started now: the function returned waits for it."""
    try:
        proc = subprocess.Popen(_LOG, cwd=docs_dir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return dict

    def wait() -> dict[str, dt.date]:
        try:
            out, _ = proc.communicate(timeout=60)
        except subprocess.SubprocessError:
            proc.kill()
            proc.communicate()
            return {}
        return _parsed(out) if proc.returncode == 0 else {}

    return wait


def _parsed(log: str) -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("\0"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault(line, current)  # newest commit comes first
    return dates


def dates(docs_dir: str | Path) -> dict[str, dt.date]:
    """git_dates(), run again only when HEAD has moved."""
    return dates_later(docs_dir)()


def dates_later(docs_dir: str | Path) -> Callable[[], dict[str, dt.date]]:
    """dates(), with ``git log`` (when it has to run) started now, to run beside whatever
    the caller does next: the function returned waits for it, once, and gives the dates."""
    docs_dir = Path(os.path.abspath(docs_dir))
    key = head(docs_dir)
    if not key:  # no repository: every file falls back to its own date
        return dict
    with _LOCK:
        hit = _DATES.get(docs_dir)
        if hit is not None and hit[0] == key:
            return lambda: hit[1]
    wait = _git_dates_later(docs_dir)
    found: list[dict[str, dt.date]] = []

    def result() -> dict[str, dt.date]:
        with _LOCK:
            if not found:
                found.append(wait())
                _DATES[docs_dir] = (key, found[0])
            return found[0]

    return result


def last_updated(docs_dir: str | Path, rel: str, known: dict[str, dt.date]) -> tuple[dt.date, str]:
    """(date, how it was found) for one file: 'git', or 'file' for the modification time."""
    if rel in known:
        return known[rel], "git"
    try:
        stamp = os.stat(os.path.join(docs_dir, rel)).st_mtime
    except OSError:
        stamp = dt.datetime.now().timestamp()
    return dt.date.fromtimestamp(stamp), "file"
