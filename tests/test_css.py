"""macros.material.css: which rules a cut keeps, and that what it keeps is left as it was.
(That the cut styles every real page as the whole stylesheet does is checked in a
browser, in test_browser_stylesheet.py.)"""

from __future__ import annotations

import pytest

from macros.material import css


def cut(sheet: str, classes=(), scripts=()) -> str:
    return css.cut(sheet, css.Known(classes, scripts))


def test_classes_in_reads_every_spelling_of_the_attribute():
    page = """<div class="a  b"><p class='c'><span class=d>x</span><i title="no class here">"""
    assert css.classes_in(page) == {"a", "b", "c", "d"}


def test_a_rule_goes_when_it_needs_a_class_no_page_or_script_has():
    sheet = ".used{a:1}.unused{b:2}.used .unused{c:3}p{d:4}"
    assert cut(sheet, {"used"}) == ".used{a:1}p{d:4}"


def test_a_selector_list_keeps_only_the_selectors_that_can_match():
    assert cut(".a,.b,.a>.c{x:1}", {"a"}) == ".a{x:1}"


def test_classes_that_need_not_be_there_do_not_count():
    # in :not(), :is() and :where(), attribute values and strings
    sheet = ('.a:not(.gone){x:1}:is(.a,.gone) p{x:2}:where(.gone){x:3}'
             '[href$=".gone"]{x:4}.a:after{content:".gone{"}')
    assert cut(sheet, {"a"}) == sheet


def test_scripts_keep_the_classes_they_name_and_the_prefixes_they_complete():
    script = 'el.className = "md-search-result__item"; tag.classList.add(`md-fact--${kind}`)'
    sheet = ".md-search-result__item{a:1}.md-fact--stars{b:2}.md-fact{c:3}"
    assert cut(sheet, scripts=[script]) == ".md-search-result__item{a:1}.md-fact--stars{b:2}"


def test_groups_are_cut_inside_and_dropped_when_empty():
    sheet = "@media screen{.a{x:1}.b{y:2}}@supports (display:grid){.b{z:3}}@media print{@media (color){.a{w:4}}}"
    assert cut(sheet, {"a"}) == "@media screen{.a{x:1}}@media print{@media (color){.a{w:4}}}"


def test_other_at_rules_and_statements_are_kept_whole():
    sheet = '@charset "UTF-8";@keyframes spin{0%{x:0}to{x:1}}@font-face{font-family:x}@page{margin:0}'
    assert cut(sheet) == sheet


def test_comments_go_and_everything_else_is_kept_to_the_letter():
    sheet = '/* licence */.a{background:url("data:image/svg+xml;charset=utf-8,<svg a=\'}\'/>")}/*# map */'
    assert cut(sheet, {"a"}) == '.a{background:url("data:image/svg+xml;charset=utf-8,<svg a=\'}\'/>")}'


def test_escaped_or_unbalanced_selectors_are_kept():
    assert css.needed_classes(r".\31 0.gone") == set()
    assert css.needed_classes(".gone:not(.x") == set()
    assert css.needed_classes(".md-typeset .grid>.card") == {"md-typeset", "grid", "card"}


def test_an_unclosed_group_is_an_error_not_a_silent_loss():
    with pytest.raises(ValueError, match="not closed"):
        cut("@media screen{.a{x:1}")
    with pytest.raises(ValueError, match="not closed"):
        cut(".a{x:1")


def test_material_stylesheet_comes_through_whole_when_every_class_is_known():
    """The parser reads Material's own stylesheet rule by rule and puts it back to the
    letter when nothing is to go."""
    from importlib import resources

    folder = resources.files("material") / "templates" / "assets" / "stylesheets"
    sheet = next(f for f in folder.iterdir() if f.name.startswith("main.") and f.name.endswith(".min.css"))
    text = sheet.read_text(encoding="utf-8")

    class Everything:
        def __contains__(self, name):
            return True

    assert css.cut(text, Everything()) == text.split("/*# sourceMappingURL")[0]
