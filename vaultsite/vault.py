# The vault as data: which notes exist, in which language, under which names.
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from vaultsite.errors import VaultProblem, VaultProblemError
from vaultsite.segments import split

LANGUAGES = ("en", "ru", "zh")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "zh": "中文"}

_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True)
class Note:
    """One Markdown file of the vault: a concept in one language."""

    path: str  # vault-relative POSIX path, e.g. "rmsprop.ru.md"
    concept: str  # the path without language and extension, e.g. "rmsprop"
    lang: str
    title: str | None = None
    aliases: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    meta: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    text: str = field(default="", compare=False, hash=False, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a wikilink may use for this note: stem, title, aliases, H1."""
        stem = PurePosixPath(self.concept).name
        h1 = self.headings[:1] if self.headings else ()
        return tuple(n for n in (stem, self.concept, self.title, *self.aliases, *h1) if n)


def concept_and_language(path: str) -> tuple[str, str]:
    """``"a/b.ru.md"`` → ``("a/b", "ru")``; a file without a suffix is English."""
    stem = path.removesuffix(".md")
    base, _, suffix = stem.rpartition(".")
    if base and suffix in LANGUAGES:
        return base, suffix
    return stem, DEFAULT_LANGUAGE


def front_matter(text: str) -> dict[str, object]:
    """The YAML front matter of a note, or an empty dict (also when it is not valid)."""
    try:
        return read_front_matter("", text)
    except VaultProblemError:
        return {}


def read_front_matter(path: str, text: str) -> dict[str, object]:
    """The YAML front matter of the note at ``path``; raises the problem if it is malformed."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}
    try:
        loaded = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = 2 + (mark.line if mark else 0)  # the YAML starts on the note's line 2
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        context = getattr(error, "context", None)
        detail = f"{context}, {problem}" if context else problem
        raise VaultProblemError(VaultProblem(
            path, line, f"front matter is not valid YAML: {detail}; fix the YAML between the "
            "two --- lines (quote a value that holds ': ' or ' #')")) from error
    if loaded is not None and not isinstance(loaded, dict):
        raise VaultProblemError(VaultProblem(
            path, 2, "front matter is not a set of `key: value` lines; write `title: …` and "
            "`aliases: […]` between the two --- lines"))
    return loaded or {}


def decode_note(path: str, data: bytes) -> str:
    """A note's text: UTF-8 with or without a BOM, any line endings, as ``\\n`` lines."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise VaultProblemError(VaultProblem(
            path, line, f"not valid UTF-8: byte 0x{data[error.start]:02x} at column {column}; "
            "re-save the file as UTF-8")) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def headings(text: str) -> tuple[str, ...]:
    """ATX heading texts outside code, in order."""
    found: list[str] = []
    for segment in split(_FRONT_MATTER.sub("", text)):
        if segment.kind == "text":
            found.extend(m.group(2) for m in _HEADING.finditer(segment.text))
    return tuple(found)


def parse_note(path: str, text: str) -> Note:
    """Read a note's names from its text."""
    meta = front_matter(text)
    concept, lang = concept_and_language(path)
    aliases = meta.get("aliases") or []
    if not isinstance(aliases, list):
        aliases = [aliases]
    title = meta.get("title")
    return Note(path, concept, lang, str(title) if title else None,
                tuple(str(a) for a in aliases), headings(text), meta, text)


@dataclass(frozen=True)
class Vault:
    """All notes and all other files (images, notebooks) of the vault."""

    notes: tuple[Note, ...]
    assets: tuple[str, ...] = ()

    def note(self, concept: str, lang: str) -> Note | None:
        """The note of ``concept`` in ``lang``, if it exists."""
        return self._by_concept.get((concept, lang))

    @functools.cached_property
    def _by_concept(self) -> dict[tuple[str, str], Note]:
        """Built once: every page asks for its links' notes (a vault of 900 notes, many times)."""
        found: dict[tuple[str, str], Note] = {}
        for note in self.notes:
            found.setdefault((note.concept, note.lang), note)
        return found

    def concepts(self) -> list[str]:
        """Every concept, sorted."""
        return sorted({n.concept for n in self.notes})


@functools.lru_cache(maxsize=1024)  # each language's build reads every note
def read_note(path: str, data: bytes) -> Note:
    """A note from its bytes; raises the problem if it cannot be read."""
    text = decode_note(path, data)
    read_front_matter(path, text)
    return parse_note(path, text)


def load_vault(docs_dir: Path) -> tuple[Vault, list[VaultProblem]]:
    """Read every note and list every other file under ``docs_dir`` (dot-folders skipped).

    A note that cannot be read is left out and reported.
    """
    notes: list[Note] = []
    assets: list[str] = []
    problems: list[VaultProblem] = []
    for file in sorted(docs_dir.rglob("*")):
        relative = file.relative_to(docs_dir).as_posix()
        if not file.is_file() or any(part.startswith(".") for part in relative.split("/")):
            continue
        if file.suffix == ".md":
            try:
                notes.append(read_note(relative, file.read_bytes()))
            except VaultProblemError as error:
                problems.append(error.problem)
        else:
            assets.append(relative)
    return Vault(tuple(notes), tuple(assets)), problems


def body(text: str) -> str:
    """A note's Markdown as MkDocs hands it to the pipeline: without front matter."""
    return _FRONT_MATTER.sub("", text, count=1).lstrip("\n")


def markdown_offset(text: str, markdown: str) -> int:
    """Lines of ``text`` before ``markdown``, the body MkDocs kept after the front matter.

    MkDocs also drops the blank lines after the front matter, so the offset is
    counted from where the body starts, not from the closing ``---``.
    """
    body = markdown.lstrip("\n")
    start = len(text) - len(body) if text.endswith(body) else text.find(body[:200])
    return text.count("\n", 0, start) if start >= 0 else 0


def missing_translations(vault: Vault) -> list[tuple[str, str]]:
    """``(concept, language)`` for every language a concept lacks."""
    return [(concept, lang) for concept in vault.concepts() for lang in LANGUAGES
            if vault.note(concept, lang) is None]


def note_path(concept: str, lang: str) -> str:
    """The file a concept's note in ``lang`` lives in."""
    return f"{concept}.md" if lang == DEFAULT_LANGUAGE else f"{concept}.{lang}.md"
