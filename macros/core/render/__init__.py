"""Records to Markdown and HTML: plain functions, one module per topic.

No site generator in sight and no state: every function takes the validated
:class:`~macros.core.load.Handbook` (and, where it writes links, the page it writes
for, a :class:`~macros.core.urls.Where`) and returns text, so each can be tested
alone and reused by another generator or engine.

- :mod:`.text`       escaping data text for wherever it lands, links, permalinks;
- :mod:`.roles`      the role grid and the roles table;
- :mod:`.checklists` a role's checklist and every item on one page (plain HTML);
- :mod:`.induction`  a role's whole induction page;
- :mod:`.rights`     responsibilities beside the rights they are paired with;
- :mod:`.modules`    the CTO product-success modules;
- :mod:`.selfchecks` self-check questions: a page's own, and the index of all;
- :mod:`.lists`      reading list, glossary, sources, changelog;
- :mod:`.cascade`    the partnership cascade as an SVG;
- :mod:`.credits`    the Sources note at the foot of a page;
- :mod:`.facts`      the page facts line (last updated, owner, review by);
- :mod:`.glossary_links` the first use of each glossary term linked to it.

Data text is plain text: :func:`.text.text` escapes it for Markdown and HTML,
:func:`.text.attr` for attributes. ``<script>`` or ``*`` in a YAML field shows as
it is written.
"""
