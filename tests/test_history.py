"""Last-updated dates: from git history, with a fallback for files git does not know."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from macros import history


def git(cwd, *args, date=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


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

    dates = history.git_dates(docs)
    assert dates == {"a.md": dt.date(2025, 3, 4), "b.md": dt.date(2025, 1, 2)}
    assert history.last_updated(docs, "a.md", dates) == (dt.date(2025, 3, 4), "git")
    assert history.last_updated(docs, "new.md", dates) == (dt.date.today(), "file")


def test_no_repository_means_file_dates(tmp_path):
    """Outside a git checkout (an exported tarball, say) every page falls back to its file date."""
    (tmp_path / "page.md").write_text("x")
    assert history.git_dates(tmp_path) == {}
    assert history.last_updated(tmp_path, "page.md", {})[1] == "file"
