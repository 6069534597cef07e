"""The engine layer: where the core meets a site generator.

Two seams that MkDocs, ProperDocs and Zensical all offer, and nothing else:

- :mod:`.macros`   the macros module (``define_env``, for mkdocs-macros-plugin and
  Zensical's macros): it registers the macros, each a call into the core's renderers,
  after the data has loaded (or the build has stopped on bad data); with mkdocs-macros,
  it also hands Jinja a page from its first mark on;
- :mod:`.markdown` a Python-Markdown extension: a role's induction path on its page, the
  Sources note, self-checks, facts line and review notice around each page, the
  checklists drawn into it, and glossary links in its prose;
- :mod:`.page`     which page is being built and where its docs folder is, asked of
  whichever engine is running, and how a data error stops that engine's build.
"""
