"""Build-time code that turns the Obsidian vault in ``docs/`` into the site.

Every transformation is a plain function of text (``str -> str``), independent
of MkDocs; only :mod:`vaultsite.hooks` knows about MkDocs events.
"""
