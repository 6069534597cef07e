"""Versioned publishing with mike: two releases side by side, with a `latest` alias."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros.core import schema
from macros.core.load import load
from macros.core.model import FILES
from tests.conftest import ENV, ROOT

MIKE = str(Path(sys.executable).parent / "mike")
# git and mike commit in the throw-away repository: give them an identity, so the test
# does not depend on the machine's git configuration
GIT_ENV = {**ENV, "GIT_AUTHOR_NAME": "Handbook test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Handbook test", "GIT_COMMITTER_EMAIL": "test@example.org"}


class _YamlAsEditorsSeeIt(yaml.SafeLoader):
    """YAML as the YAML language server reads it: a date is a string, not a date object."""


_YamlAsEditorsSeeIt.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, capture_output=True, text=True, check=True).stdout


def release(project: Path, version: str) -> None:
    """The documented release command, without --push."""
    result = subprocess.run([MIKE, "deploy", "--update-aliases", version, "latest"], cwd=project, env=GIT_ENV,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_two_versions_side_by_side(project):
    """mike publishes the handbook as it is and a next version; versions.json lists both,
    latest points at the next. (The versions are the changelog's newest and one after it,
    so the test keeps passing as real releases are added.)"""
    changelog = project / "docs/data/changelog.yml"
    entries = yaml.safe_load(changelog.read_text())
    newest = max(tuple(int(n) for n in e["version"].split(".")) for e in entries)
    now, later = ".".join(map(str, newest)), ".".join(map(str, (*newest[:-1], newest[-1] + 1)))
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", now)
    release(project, now)

    entries.append({"version": later, "date": "2099-01-15", "changes": ["A next release for the test."]})
    changelog.write_text(yaml.safe_dump(entries, sort_keys=False))
    git(project, "commit", "-qam", later)
    release(project, later)
    subprocess.run([MIKE, "set-default", "latest"], cwd=project, env=GIT_ENV, check=True, capture_output=True)

    versions = json.loads(git(project, "show", "gh-pages:versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [(later, ["latest"]), (now, [])]
    files = set(git(project, "ls-tree", "-r", "--name-only", "gh-pages").split())
    for version in (now, later):
        assert f"{version}/index.html" in files
        assert f"{version}/induction/engineer/index.html" in files
        assert f"{version}/partnership-model/index.html" in files
    # 'latest' is a symlink to the newest (mike's default alias type); the root redirects to it
    assert git(project, "ls-tree", "gh-pages", "latest").split()[0] == "120000"
    assert git(project, "show", "gh-pages:latest").strip() == later
    assert "latest/" in git(project, "show", "gh-pages:index.html")
    assert f"Version {later}" in git(project, "show", f"gh-pages:{later}/changelog/index.html")
    # each published version shows Material's selector, fed by mike's versions.json
    assert theme_config(git(project, "show", f"gh-pages:{now}/index.html"))["version"] == {
        "alias": True, "default": "latest", "provider": "mike"}
    assert f"Version {later}" not in git(project, "show", f"gh-pages:{now}/changelog/index.html")
    # every version names the page under 'latest' as canonical, and carries the banner
    # Material shows on a version other than the default (its script decides; the text is ours)
    for version in (now, later):
        page = git(project, "show", f"gh-pages:{version}/induction/engineer/index.html")
        assert '<link rel="canonical" href="https://handbook.example.org/latest/induction/engineer/">' in page
        banner = re.search(r'data-md-component="outdated" hidden>(.*?)</aside>', page, re.S).group(1)
        assert "This is an earlier version of the handbook." in banner
        assert '<a href="../../.."><strong>Go to the latest version.</strong></a>' in banner  # the site's root


def theme_config(html: str) -> dict:
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1))


def test_plain_builds_have_no_version_selector(site):
    """Outside mike there is no versions.json, so the selector is left out (no failed fetch)."""
    assert theme_config(site.html("")).get("version") is None


def test_schemas_are_current():
    """docs/schemas/*.schema.json match the model (regenerate with `python -m macros.core.schema`)."""
    assert schema.main(["--check"]) == 0


@pytest.mark.parametrize("name", sorted(FILES))
def test_data_files_reference_and_satisfy_their_schema(name):
    """Each data file names its schema for editors, and passes it."""
    path = ROOT / "docs/data" / name
    first = path.read_text().splitlines()[0]
    stem = Path(name).stem
    assert first == f"# yaml-language-server: $schema=../schemas/{stem}.schema.json"
    document = json.loads((ROOT / f"docs/schemas/{stem}.schema.json").read_text())
    jsonschema.validate(yaml.load(path.read_text(), Loader=_YamlAsEditorsSeeIt), document,
                        format_checker=jsonschema.FormatChecker())


def test_schema_rejects_what_the_loader_rejects():
    """An editor using the schema flags a wrong type and an unknown field, as the build would."""
    document = json.loads((ROOT / "docs/schemas/roles.schema.json").read_text())
    with pytest.raises(jsonschema.ValidationError, match="'high' is not of type 'integer'"):
        jsonschema.validate([{"id": "x", "name": "X", "short": "X", "side": "tech", "level": "high",
                              "pairs_with": ["y"], "summary": "s"}], document)
    with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
        jsonschema.validate([{"id": "x", "name": "X", "short": "X", "side": "tech", "level": 1,
                              "pairs_with": ["y"], "summary": "s", "colour": "red"}], document)


def test_recording_a_release_checks_its_version(project, capsys):
    """`python -m macros.core.release VERSION` takes a version as changelog.yml writes it
    (not a tag's 'v1.1'), and only one the changelog has; then it records what it holds,
    on the changelog's date, and the data loads."""
    from macros.core import release

    docs = project / "docs"
    assert release.main(["v1.1", "--docs", str(docs)]) == 2
    assert "'v1.1' is not a version; write it as in changelog.yml, e.g. 1.1 (not v1.1)" in capsys.readouterr().err
    assert release.main(["9.9", "--docs", str(docs)]) == 2
    assert "version 9.9 is not in docs/data/changelog.yml" in capsys.readouterr().err
    changelog = docs / "data/changelog.yml"
    changelog.write_text(changelog.read_text() + '- version: "9.9"\n  date: 2099-01-01\n  changes:\n    - A test.\n')
    assert release.main(["9.9", "--docs", str(docs)]) == 0
    recorded = yaml.safe_load((docs / "data/releases.yml").read_text())
    assert recorded[-1]["version"] == "9.9" and recorded[-1]["checklist"]
    assert recorded[-1]["date"] == dt.date(2099, 1, 1)  # the changelog's, which the data load checks
    load(docs)
