"""Build-time code that turns the Obsidian vault in ``docs/`` into the site.

Every transformation is a plain function of text, ``(text, page) -> (text,
problems)``, listed in order in :mod:`vaultsite.pipeline`; only
:mod:`vaultsite.plugin` knows about MkDocs events.
"""
