"""The handbook's data model: one record type per YAML file under docs/data.

Every record has a stable ``id`` (it becomes the HTML anchor a manager links to)
and may name the content-map ids it carries (``carries``). Shapes are checked
here; references between files are checked in :mod:`macros.core.load`.

Every text field is plain text: renderers escape it for wherever it lands. No
field is Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
CarryId = Annotated[str, StringConstraints(pattern=r"^(PM|EV|CTO|RR|CP)-[A-Z0-9]+$")]
# A link into the handbook: a page path relative to docs/ and an optional anchor.
PageRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md(#[a-z0-9_-]+)?$")]
# A role's short label, which is also its tag on pages (tags are names, not prose; the
# theme prints tags as HTML, so an '&' stands alone, with a space after it: never the
# start of a character reference such as '&amp').
ShortLabel = Annotated[str, StringConstraints(strip_whitespace=True,
                                              pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9 '().,/+-]|& ){0,39}$")]
# What starts Jinja on a page (mkdocs.yml sets '{#%' for comments, as '{#' starts an anchor).
JINJA_MARKS = ("{{", "{%", "{#%")
# A released version of the handbook, as changelog.yml and releases.yml write it: '1.1'.
Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]
# A page path relative to docs/, without an anchor.
PagePath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$")]

STAGES: dict[str, str] = {
    "before-day-one": "Before day one",
    "first-week": "First week",
    "first-30-days": "First 30 days",
    "first-60-days": "First 60 days",
    "first-90-days": "First 90 days",
    "ongoing": "Ongoing",
}
Stage = Literal["before-day-one", "first-week", "first-30-days", "first-60-days", "first-90-days", "ongoing"]
Team = Literal["tech", "product"]
TEAMS: tuple[str, ...] = get_args(Team)
# executive: above the CTO-CPO pair (the CEO); division: brought in below the cascade
Side = Literal["executive", "tech", "product", "both", "division"]


class Record(BaseModel):
    """Base for every data record: unknown fields are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Record):
    """One of the source texts the handbook is written from."""

    id: Id
    title: Text
    author: Text = Field(description="Author, or organiser of the event")
    date: dt.date | Literal["undated"] = Field(description="Publication date (YYYY-MM-DD), or 'undated'")
    kind: Text = Field(description="What the text is: a post, a write-up, a course module")
    summary: Text
    prefixes: list[Literal["PM", "EV", "CTO", "RR", "CP"]] = Field(
        min_length=1, description="Content-map id families this source feeds"
    )


class Role(Record):
    """A role a new hire can hold, with the role it is partnered with."""

    id: Id
    name: Text
    short: ShortLabel = Field(description="Short label for grids and tags, e.g. 'CTO'")
    side: Side
    level: int = Field(ge=1, le=6, description="1 is the top of the cascade")
    pairs_with: list[Id] = Field(min_length=1, description="Role ids this role partners with")
    summary: Text


class Module(Record):
    """One of the CTO's product-success responsibilities."""

    id: Id
    title: Text
    meaning: Text
    actions: list[Text] = Field(min_length=1)
    insight: Text
    signals: list[Text] = Field(min_length=1, description="How a CTO would know it is working")
    carries: list[CarryId] = Field(min_length=1)
    selfcheck: list[SelfCheck] = Field(default_factory=list)


class SelfCheck(Record):
    """A CTO module's self-check question."""

    id: Id = Field(description="The question's anchor, unique across the data; never rename or reuse one")
    question: Text
    answer: Text


class RightPair(Record):
    """A responsibility and the right paired with it, for tech or for product."""

    id: Id
    team: Team
    title: Text
    responsibility: Text
    right: Text
    carries: list[CarryId] = Field(min_length=1)


class ChecklistItem(Record):
    """One concrete action on one or more roles' induction checklists."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True)

    id: Id
    roles: list[Id] = Field(min_length=1)
    stage: Stage
    text: Text
    section: PageRef = Field(description="The handbook section the item comes from")
    with_: list[Id] = Field(default_factory=list, alias="with",
                            description="Roles the action is done together with (shown as 'With: ...')")
    carries: list[CarryId] = Field(default_factory=list)
    formerly: list[Id] = Field(default_factory=list,
                               description="Ids the item had before it was renamed: links to them still land "
                                           "on it, and ticks made under them count for it")


class PageCheck(Record):
    """A self-check question shown at the foot of one handbook page."""

    id: Id
    page: PagePath = Field(description="The page the question appears on, e.g. 'partnership-model.md'")
    question: Text
    answer: Text


class PathSection(Record):
    page: PageRef
    title: Text
    why: Text
    minutes: int = Field(ge=1, le=120)


class Path(Record):
    """The induction path for one role."""

    role: Id
    intro: Text
    objectives: list[Text] = Field(min_length=1)
    sections: list[PathSection] = Field(min_length=1)


class Reading(Record):
    id: Id
    title: Text
    author: Text
    kind: Literal["book", "talk", "article", "search"]
    why: Text
    source: Id
    carries: list[CarryId] = Field(min_length=1)


class Term(Record):
    id: Id
    term: Text
    definition: Text
    aliases: list[Text] = Field(default_factory=list)
    see: PageRef | None = None

    @field_validator("aliases")
    @classmethod
    def _no_blank_alias(cls, value: list[str]) -> list[str]:
        for alias in value:
            if not re.search(r"\w", alias):
                raise ValueError("an alias must contain a word")
        return value


class Change(Record):
    version: Version
    date: dt.date
    changes: list[Text] = Field(min_length=1)


class Release(Record):
    """What one released version held, as recorded when it was released
    (``python -m macros.core.release``): the changelog's lists of what each version added
    and retired are made from these."""

    version: Version
    date: dt.date
    checklist: dict[Id, Text] = Field(default_factory=dict, description="Checklist item id -> its text")
    rights: dict[Id, Text] = Field(default_factory=dict, description="Right id -> its title")
    modules: dict[Id, Text] = Field(default_factory=dict, description="CTO module id -> its title")


class PageSearch(Record):
    """Material's (and Zensical's) ``search`` setting of a page."""

    exclude: StrictBool = Field(False, description="True: the page is left out of the search index")
    boost: float | None = Field(None, description="Ranks the page higher (above 1) or lower in search results")


# What a page may hide of the theme's furniture (Material's and Zensical's ``hide``).
Hidden = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]


class PageMeta(Record):
    """A page's front matter: who owns it, when it must be reviewed, what it carries.

    Like a data record, it takes only the fields below: a misspelt one ('carrys') is an
    error, not a page quietly built without it. Of the theme's own page settings, those
    the handbook uses are here (``search``, ``hide``, ``icon``); to use another, add it here."""

    title: Text | None = None
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=50, max_length=200)]

    @field_validator("title")
    @classmethod
    def _no_jinja_in_title(cls, title: str | None) -> str | None:
        # Both macros engines render a title holding a Jinja mark as a template, and the
        # theme then prints what it made as HTML: a title is text, shown as written.
        marks = [mark for mark in JINJA_MARKS if title and mark in title]
        if marks:
            raise ValueError(f"a title is shown as written and may not hold {' or '.join(repr(m) for m in marks)}, "
                             "which the engines would run as Jinja")
        return title
    owner: Id = Field(description="The role that keeps the page accurate")
    review_by: dt.date = Field(description="Date by which the owner re-reads the page")
    carries: list[CarryId] = Field(default_factory=list)
    tags: list[Text] = Field(default_factory=list, description="Short names of the roles the page matters to")
    render_macros: StrictBool = Field(False,
                                      description="True on a page that calls macros ({{ ... }}); others skip Jinja")
    induction_path: Id | None = Field(None, description="On a role's page docs/induction/<id>.md only: the role "
                                      "whose induction path the page shows, after its own text")
    search: PageSearch | None = Field(None, description="The theme's search setting (exclude: true)")
    icon: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]+(/[a-z0-9_-]+)+$")] | None = Field(
        None, description="The theme's icon for the page in the navigation, e.g. 'material/lightbulb'")
    hide: list[Hidden] = Field(default_factory=list, description="Parts of the theme the page hides")


Module.model_rebuild()

# The macros a page that says 'render_macros: true' may call, as {{ name() }} or
# {{ name("argument") }}, and what their one argument names (None: they take none).
# The engine layer registers exactly these (macros/engine/macros.py); the data load
# checks every page's calls against them, so a misspelt name or an unknown role stops
# the build with the page and line on every engine.
MACROS: dict[str, str | None] = {
    "role_grid": None, "roles_table": None, "cascade": None, "checklist": "role", "all_checklist_items": None,
    "rights": "team", "cto_modules": None, "module_list": None, "selfchecks_index": None, "reading_list": None,
    "glossary": None, "sources": None, "changelog": None, "page_reviews": None,
}
# What both macros engines (mkdocs-macros, Zensical) give every page besides our macros,
# and what Jinja itself gives every template: a page may call these too.
ENGINE_MACROS = frozenset({"now", "context", "macros_info", "range", "dict", "lipsum", "cycler", "joiner", "namespace"})

# file name (under docs/data) -> the record type each list item must be
FILES: dict[str, type[Record]] = {
    "sources.yml": Source,
    "roles.yml": Role,
    "modules.yml": Module,
    "rights.yml": RightPair,
    "checklist.yml": ChecklistItem,
    "paths.yml": Path,
    "readings.yml": Reading,
    "glossary.yml": Term,
    "changelog.yml": Change,
    "selfchecks.yml": PageCheck,
    "releases.yml": Release,
}
# Files a handbook may leave out (an empty list is the same as no file).
OPTIONAL_FILES = frozenset({"selfchecks.yml", "releases.yml"})
