"""Last-updated dates: from git history, with a fallback for files git does not know."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from macros.core import history


def git(cwd, *args, date=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_newest_commit_wins_and_untracked_files_fall_back(tmp_path):
    """A page's date is its newest commit; a file git does not know gets its file date, marked as such."""
    docs = tmp_path / "docs"
    docs.mkdir()
    git(tmp_path, "init", "-q")
    (docs / "a.md").write_text("one")
    (docs / "b.md").write_text("one")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first", date="2025-01-02T10:00:00")
    (docs / "a.md").write_text("two")
    git(tmp_path, "commit", "-qam", "second", date="2025-03-04T10:00:00")
    (docs / "new.md").write_text("not committed")

    dates = history.dates(docs)
    assert dates == {"a.md": dt.date(2025, 3, 4), "b.md": dt.date(2025, 1, 2)}
    assert history.last_updated(docs, "a.md", dates) == (dt.date(2025, 3, 4), "git")
    assert history.last_updated(docs, "new.md", dates) == (dt.date.today(), "file")


def test_dates_follow_the_checked_out_commit(tmp_path):
    """The dates are kept while HEAD stays put and read again after a commit, on a branch
    or a detached HEAD, and in a worktree (whose .git is a file)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    git(tmp_path, "init", "-q", "-b", "main")
    (docs / "a.md").write_text("one")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first", date="2025-01-02T10:00:00")
    assert history.dates(docs) == {"a.md": dt.date(2025, 1, 2)}
    assert history.head(docs) == git(tmp_path, "rev-parse", "HEAD").strip()
    (docs / "b.md").write_text("two")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "second", date="2025-05-06T10:00:00")
    assert history.dates(docs) == {"a.md": dt.date(2025, 1, 2), "b.md": dt.date(2025, 5, 6)}
    git(tmp_path, "pack-refs", "--all")  # the branch now lives in packed-refs
    assert history.head(docs) == git(tmp_path, "rev-parse", "HEAD").strip()
    git(tmp_path, "checkout", "-q", "--detach", "HEAD~1")
    assert history.dates(docs) == {"a.md": dt.date(2025, 1, 2)}
    git(tmp_path, "worktree", "add", "-q", str(tmp_path / "wt"), "main")
    assert history.head(tmp_path / "wt" / "docs") == git(tmp_path, "rev-parse", "main").strip()
    assert history.dates(tmp_path / "wt" / "docs")["b.md"] == dt.date(2025, 5, 6)


def test_no_repository_means_file_dates(tmp_path):
    """Outside a git checkout (an exported tarball, say) every page falls back to its file date."""
    (tmp_path / "page.md").write_text("x")
    assert history.git_dates(tmp_path) == {}
    assert history.last_updated(tmp_path, "page.md", {})[1] == "file"


def test_dates_asked_early_are_read_once_and_kept(tmp_path, monkeypatch):
    """dates_later starts git log at once (a build asks while its data loads) and waits
    when the dates are wanted; one git log runs for any number of asks, and the dates
    are then kept for that HEAD, until it moves."""
    docs = tmp_path / "docs"
    docs.mkdir()
    git(tmp_path, "init", "-q")
    (docs / "a.md").write_text("one")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first", date="2025-01-02T10:00:00")
    started = []
    real = history._git_dates_later
    monkeypatch.setattr(history, "_git_dates_later", lambda d: started.append(d) or real(d))
    later = history.dates_later(docs)
    assert len(started) == 1  # git log is running before anything is asked of it
    assert later() == {"a.md": dt.date(2025, 1, 2)}
    assert later() is later() and len(started) == 1
    assert history.dates(docs) == {"a.md": dt.date(2025, 1, 2)} and len(started) == 1  # kept for this HEAD
    (docs / "b.md").write_text("two")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "second", date="2025-05-06T10:00:00")
    assert history.dates_later(docs)() == {"a.md": dt.date(2025, 1, 2), "b.md": dt.date(2025, 5, 6)}
    assert len(started) == 2
    # outside a repository nothing is started, and every page falls back to its file date
    assert history.dates_later(tmp_path.parent / "elsewhere")() == {} and len(started) == 2
