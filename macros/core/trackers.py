"""Where a new issue about the handbook can be opened: the trackers set in mkdocs.yml.

    extra:
      handbook:
        github: owner/repository         # on github.com (github_url: for another host)
        gitlab: group/project            # on gitlab.com (gitlab_url: for another host)

With neither set, the handbook offers no "Open as an issue" or "Suggest a change" links;
a setting it does not know (a misspelt key) stops the build, as bad data does.
An issue is opened with the tracker's ordinary new-issue link, its title and body filled in
the query string: nothing is sent anywhere until the reader follows the link.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import quote

_REPO = re.compile(r"^[\w.-]+(/[\w.-]+)+$")
_HOST = re.compile(r"^https://[\w.-]+(:\d+)?(/[\w.~-]+)*$")
# A new-issue link longer than this may be refused by the tracker or the browser (GitHub
# answers 414 from about 8 KB of URL); such an issue is copied and pasted instead.
MAX_URL = 8000


_LABELS = {"github": "GitHub", "gitlab": "GitLab"}


@dataclass(frozen=True)
class Tracker:
    kind: str  # "github" or "gitlab"
    repo: str
    base: str

    @property
    def label(self) -> str:
        return _LABELS[self.kind]

    def new_issue(self, title: str, body: str) -> str:
        """The tracker's new-issue link with the title and body filled in."""
        if self.kind == "github":
            return f"{self.base}/{self.repo}/issues/new?title={_quote(title)}&body={_quote(body)}"
        return (f"{self.base}/{self.repo}/-/issues/new?issue%5Btitle%5D={_quote(title)}"
                f"&issue%5Bdescription%5D={_quote(body)}")

    def prefix(self) -> str:
        """The new-issue link up to the filled-in text, for script to complete."""
        if self.kind == "github":
            return f"{self.base}/{self.repo}/issues/new"
        return f"{self.base}/{self.repo}/-/issues/new"


@functools.lru_cache(maxsize=1024)
def _quoted(part: str) -> str:
    return quote(part, safe="")


def _quote(text: str) -> str:
    """``text`` percent-encoded, a paragraph at a time: the paragraphs every issue body
    repeats are encoded once (quote works a character at a time, in Python)."""
    return "%0A%0A".join(map(_quoted, text.split("\n\n")))


_SETTINGS = ("github", "gitlab", "github_url", "gitlab_url")


def _shown(key: object) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in str(key))[:40]


def trackers(extra: dict | None) -> tuple[list[Tracker], list[str]]:
    """The trackers set under ``extra.handbook`` in mkdocs.yml, and what is wrong with the setting."""
    section = (extra or {}).get("handbook") or {}
    found, problems = [], []
    if not isinstance(section, dict):
        return [], ["mkdocs.yml: extra.handbook: expected a mapping (github: owner/repository, gitlab: group/project)"]
    for key in section:
        if key not in _SETTINGS:
            problems.append(f"mkdocs.yml: extra.handbook.{_shown(key)}: unknown setting; expected one of: "
                            f"{', '.join(_SETTINGS)}")
    for kind, host in (("github", "https://github.com"), ("gitlab", "https://gitlab.com")):
        repo = section.get(kind)
        base = str(section.get(f"{kind}_url") or host).rstrip("/")
        if repo is None:
            if section.get(f"{kind}_url") is not None:
                problems.append(f"mkdocs.yml: extra.handbook.{kind}_url: set without extra.handbook.{kind} "
                                f"(the {_LABELS[kind]} repository its issues go to)")
            continue
        if not isinstance(repo, str) or not _REPO.match(repo):
            problems.append(f"mkdocs.yml: extra.handbook.{kind}: expected owner/repository, got {repo!r}")
            continue
        if not _HOST.match(base):
            problems.append(f"mkdocs.yml: extra.handbook.{kind}_url: expected an https:// address, got {base!r}")
            continue
        found.append(Tracker(kind, repo, base))
    return found, problems


# What Markdown (GitHub's, GitLab's) reads as markup in running text (and '&' as the start
# of an entity, '@' of a mention, '#' of an issue reference): each is written with a
# backslash before it, so a title shows as written in the issue and notifies nobody.
_MARKUP = re.compile(r"([\\`*_\[\]<>|~&@#])")


def markdown_text(text: str) -> str:
    """``text`` for running text in a Markdown issue body, shown as written."""
    return _MARKUP.sub(r"\\\1", text)


def suggest_body(page_title: str, url: str, what: str | None = None) -> str:
    """The body of a 'Suggest a change' issue about a page, or about one item on it."""
    about = f"**{markdown_text(what)}** on the page" if what else "The page"
    return (f"{about} [{markdown_text(page_title)}]({url}).\n\n"
            "What should change, and why? (A source, an example or your own experience helps.)\n\n")
