# Obsidian callouts (> [!note] Title, foldable > [!tip]- Title) → Material admonitions.
from __future__ import annotations

from mkdocs_callouts.utils import CalloutParser


def convert_callouts(markdown: str) -> str:
    """Rewrite callouts as admonitions (``!!!``) or, when foldable, details (``???``)."""
    return CalloutParser(convert_aliases=True, breakless_lists=True).parse(markdown)
