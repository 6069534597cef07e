"""Last-updated dates: from git history, with a fallback for files git does not know."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from macros import history
from tests.conftest import mkdocs


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

    dates = history.git_dates_later(docs)()
    assert dates == {"a.md": dt.date(2025, 3, 4), "b.md": dt.date(2025, 1, 2)}
    assert history.last_updated(docs, "a.md", dates) == (dt.date(2025, 3, 4), "git")
    assert history.last_updated(docs, "new.md", dates) == (dt.date.today(), "file")


def test_no_repository_means_file_dates(tmp_path):
    """Outside a git checkout (an exported tarball, say) every page falls back to its file date."""
    (tmp_path / "page.md").write_text("x")
    assert history.git_dates_later(tmp_path)() == {}
    assert history.last_updated(tmp_path, "page.md", {})[1] == "file"


def test_macros_git_variable_runs_git_only_when_a_page_asks(monkeypatch):
    """mkdocs-macros' `git` variable is filled on first lookup: nothing runs before, and
    what a lookup gives is what mkdocs-macros itself computes."""
    from mkdocs_macros import context

    assert history.defer_macros_git_info() and history.defer_macros_git_info()  # idempotent
    calls: list[list[str]] = []
    real = subprocess.check_output

    def counting(command, *args, **kwargs):
        calls.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(context.subprocess, "check_output", counting)
    info = context.get_git_info()
    assert calls == []
    assert isinstance(info, dict)
    short = info["short_commit"]
    assert calls and ["git", "rev-parse", "--short", "HEAD"] in calls
    assert short == real(["git", "rev-parse", "--short", "HEAD"], text=True).strip()
    assert info["status"] is True and "commit" in info and sorted(info) == sorted(dict(info.items()))
    count = len(calls)
    assert info.get("tag") is not None and len(calls) == count  # filled once


def test_a_page_can_still_show_git_facts(project, tmp_path):
    """A page using mkdocs-macros' git variable shows the commit it was built from."""
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "snapshot")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project, text=True,
                            capture_output=True, check=True).stdout.strip()
    page = project / "docs/changelog.md"
    page.write_text(page.read_text() + "\nBuilt from commit {{ git.short_commit }}.\n")
    result = mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert f"Built from commit {commit}." in (tmp_path / "site/changelog/index.html").read_text()
