"""Optional, engine-specific: MkDocs (or ProperDocs) with Material for MkDocs only.

:mod:`.hooks` (listed under ``hooks:`` in mkdocs.yml) draws Material's sidebar in Python
with :mod:`.nav` (the same markup as Material's template, far faster on big sites) for
the Material versions it was checked against, and leaves Material's own template to
draw it otherwise. Zensical ignores ``hooks:``; deleting this folder, the ``hooks:``
entry and ``overrides/material/`` changes nothing a reader sees.
"""
