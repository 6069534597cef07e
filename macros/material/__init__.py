"""Optional, engine-specific: MkDocs (or ProperDocs) with Material for MkDocs only.

Two hooks files, each listed under ``hooks:`` in mkdocs.yml and each optional:

- :mod:`.search` hands Material's search plugin each page without what it would read
  only to leave out of the index (a role's checklist, the page's foot); same index.
- :mod:`.hooks` draws Material's sidebar in Python with :mod:`.nav` (the same markup as
  Material's template, far faster on big sites) for the Material versions it was checked
  against, leaving Material's own template to draw it otherwise; cuts Material's
  stylesheet to the rules the site uses (:mod:`.css`); minifies our scripts and styles.

Zensical ignores ``hooks:``; deleting this folder, the ``hooks:`` entries and
``overrides/material/`` changes nothing a reader sees.
"""
