"""The Partnership Handbook's code, in three layers (data -> model -> render -> page):

* :mod:`macros.core` - no site generator in it. ``model`` (the typed records every data
  file and page's front matter is made of) -> ``load`` (reads ``docs/data`` and the pages'
  front matter, validates, cross-checks, and reports every problem in one run, one line
  each) -> ``render`` (one module per topic, records to Markdown/HTML); with ``urls``,
  ``history`` (dates from git), ``trackers``, and the ``release``, ``freshness`` and
  ``schema`` command-line tools.
* :mod:`macros.engine` - where the core meets a site generator, the same on MkDocs,
  ProperDocs and Zensical: the macros module pages call (``define_env``), a
  Python-Markdown extension (what every page gets around its own text), and ``page``
  (which page is being built, and how bad data stops a build).
* :mod:`macros.material` - optional, MkDocs/ProperDocs with Material only: hooks that make
  the same site faster to build and lighter to load. Delete it, and readers see the same
  pages.
"""
