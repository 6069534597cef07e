"""The handbook's core: data -> model -> load and validate -> render.

- :mod:`.model`   the typed records (pydantic) every data file is made of, and a page's front matter;
- :mod:`.load`    reads docs/data (strictly and fast, :mod:`.yamlfile`) and every page's front matter,
  validates, cross-checks, and reports every problem at once (:class:`.load.DataError`);
- :mod:`.render`  plain functions from records to Markdown/HTML, one module per topic;
- :mod:`.urls`    where a page lands and links between pages;
- :mod:`.history` when each file last changed, from git;
- :mod:`.freshness`, :mod:`.schema` command-line tools (review report, JSON Schemas).

Nothing here imports a site generator (MkDocs, ProperDocs, Material, mkdocs-macros,
Zensical) or keeps state that could go stale between builds: the only caches are keyed
by what they were made from (file signatures, the git commit).
"""
