# The line under a page title that says which original note the page comes from.
from __future__ import annotations

import re

from vaultsite.strings import LANGUAGE_IN, NOTE_LANGUAGES, text

_H1 = re.compile(r"^# .*$", re.MULTILINE)


def source_line(notes: list[str], *, lang: str, notes_page: str) -> str:
    """HTML naming the source notes and their languages, linked to the notes page."""
    parts = []
    for note in notes:
        if note not in NOTE_LANGUAGES:
            msg = f"unknown source note {note!r} in `notes:`; expected one of {sorted(NOTE_LANGUAGES)}"
            raise ValueError(msg)
        language = LANGUAGE_IN[lang][NOTE_LANGUAGES[note]]
        parts.append(f'<a href="{notes_page}#note-{note}">{note}</a> ({language})')
    label = text("from_note" if len(notes) == 1 else "from_notes", lang)
    return f'<p class="vault-source">{label} {", ".join(parts)}</p>'


def add_source_line(markdown: str, notes: list[str], *, lang: str, notes_page: str) -> str:
    """Insert the source line right after the page's H1 (or at the top without one)."""
    if not notes:
        return markdown
    line = source_line(notes, lang=lang, notes_page=notes_page)
    match = _H1.search(markdown)
    if match is None:
        return f"{line}\n\n{markdown}"
    return f"{markdown[: match.end()]}\n\n{line}\n{markdown[match.end():]}"
