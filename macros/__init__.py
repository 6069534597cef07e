"""The Partnership Handbook's data and macros.

The flow is data -> model -> HTML:

* :mod:`macros.model`  - the typed records (pydantic) every data file is made of;
* :mod:`macros.data`   - loads the YAML under ``docs/data`` (read by
  :mod:`macros.yamlio`), validates it against the model, cross-checks references
  and reports every problem at once;
* :mod:`macros.render` - plain functions from records to Markdown/HTML, with no
  MkDocs in sight, so another generator can reuse them;
* :mod:`macros.main`   - the thin entry mkdocs-macros-plugin calls: it only
  registers the macros; :mod:`macros.urls` resolves a page reference to a URL;
* :mod:`macros.hooks`  - MkDocs hooks: the generated induction pages, glossary
  links, the Sources note, page facts; :mod:`macros.stash` keeps generated
  checklist HTML out of Markdown's way;
* :mod:`macros.theme`  - MkDocs hooks that make Material's page template cheaper,
  output unchanged; :mod:`macros.nav` draws the sidebar in Python; and Material's
  stylesheet cut to the rules the site can use (:mod:`macros.css`).
"""
