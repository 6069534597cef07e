"""Content rules: every idea in the content map is on a page, and no page copies a source."""

from __future__ import annotations

import re

from tests.conftest import Site, TextOf

SHINGLE = 8  # words in a row shared with a source that count as copying


def content_map_ids(shared) -> set[str]:
    text = (shared / "content-map.md").read_text(encoding="utf-8")
    return set(re.findall(r"^- ((?:PM|EV|CTO|RR|CP)-[A-Z0-9]+) ", text, re.M))


def carried_on_pages(site) -> dict[str, set[str]]:
    """Content-map ids each built page carries, read from its Sources note."""
    out = {}
    for page in site.pages():
        found = re.findall(r'data-carries="([^"]*)"', page.read_text(encoding="utf-8"))
        out[str(page.relative_to(site.root).parent)] = {i for ids in found for i in ids.split()}
    return out


def test_every_idea_is_carried_on_a_page(site, shared):
    """Each id in ../shared/content-map.md is carried by at least one built page."""
    ids = content_map_ids(shared)
    assert len(ids) > 40, "the content map was not read"
    carried = set().union(*carried_on_pages(site).values())
    missing = sorted(ids - carried)
    assert not missing, f"ideas carried on no page: {', '.join(missing)}"


def test_no_page_carries_an_unknown_id(site, shared):
    """Pages and data name only ids that the content map has."""
    ids = content_map_ids(shared)
    problems = [f"{page}: {', '.join(sorted(found - ids))}" for page, found in carried_on_pages(site).items()
                if found - ids]
    assert not problems, "ids not in the content map: " + "; ".join(problems)


def words(text: str) -> list[str]:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i: i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def test_no_page_copies_a_source(site, shared):
    """No built page shares a run of eight words with a source text (titles in <cite> excepted)."""
    source = set()
    for seed in sorted((shared / "seeds").glob("*.txt")):
        source |= shingles(words(seed.read_text(encoding="utf-8")))
    assert source, "no source texts were read"
    copied = []
    for page in site.pages():
        article = Site.article(page.read_text(encoding="utf-8"))
        article = re.sub(r"<cite>.*?</cite>", " ", article, flags=re.S)  # book and talk titles
        tokens = words(TextOf.of(article))
        for shingle in sorted(shingles(tokens) & source):
            copied.append(f"{page.relative_to(site.root)}: \"{' '.join(shingle)}\"")
    assert not copied, "runs of eight words copied from a source:\n" + "\n".join(copied)
