# [[wikilinks]] and ![[image embeds]] → ordinary relative Markdown links, per language.
#
# A link names a concept by file stem, path, title, alias or H1, in any language;
# it lands on that concept's note in the language of the page that links.
from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable
from pathlib import PurePosixPath

from vaultsite.errors import VaultProblem
from vaultsite.segments import Segment, join, split
from vaultsite.vault import Note, Vault

WIKILINK = re.compile(
    r"(?P<embed>!)?\[\[(?P<target>[^\[\]|#\n]*)(?:#(?P<heading>[^\[\]|\n]*))?"
    r"(?:\|(?P<label>[^\[\]\n]*))?\]\]"
)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


class LinkProblem(Exception):
    """A link that cannot be resolved; the message says why and what to do."""


def normalize(name: str) -> str:
    """Names match case-insensitively, with runs of white space folded."""
    return " ".join(name.casefold().split())


def name_index(vault: Vault) -> dict[str, set[str]]:
    """Every normalized name → the concepts that carry it."""
    index: dict[str, set[str]] = {}
    for note in vault.notes:
        for name in note.names:
            index.setdefault(normalize(name), set()).add(note.concept)
    return index


def _suggest(wanted: str, names: list[str]) -> str:
    originals = {normalize(n): n for n in names}
    close = difflib.get_close_matches(normalize(wanted), list(originals), n=3, cutoff=0.4)
    if not close:
        return ""
    return " Closest: " + ", ".join(f"[[{originals[c]}]]" for c in close) + "."


def resolve_concept(target: str, vault: Vault, index: dict[str, set[str]]) -> str:
    """The concept a link target names, by the shortest-unique-name rule.

    A target with a folder (``[[Atomic Notes/X]]``) first matches a vault path,
    then falls back to its last part, as Obsidian does for moved notes.
    """
    candidates = [target, PurePosixPath(target).name] if "/" in target else [target]
    for candidate in candidates:
        concepts = index.get(normalize(candidate), set())
        if len(concepts) == 1:
            return next(iter(concepts))
        if len(concepts) > 1:
            files = ", ".join(sorted(f"{c}.md" for c in concepts))
            msg = (f"ambiguous wikilink [[{target}]]: the name belongs to {files}; "
                   "link by file name or make the title unique")
            raise LinkProblem(msg)
    names = sorted({n for note in vault.notes for n in note.names})
    msg = (f"unresolved wikilink [[{target}]]: no note has this title, alias or file name."
           f"{_suggest(target, names)} Create the note or add the name to its `aliases`.")
    raise LinkProblem(msg)


def resolve_asset(target: str, vault: Vault) -> str:
    """The vault path of an embedded file, matched by path or by unique file name."""
    if target in vault.assets:
        return target
    matches = [a for a in vault.assets if PurePosixPath(a).name == PurePosixPath(target).name]
    if len(matches) == 1:
        return matches[0]
    if matches:
        msg = f"ambiguous embed ![[{target}]]: {', '.join(matches)}; write the path"
        raise LinkProblem(msg)
    msg = (f"missing file ![[{target}]]: nothing by that name in the vault."
           f"{_suggest(target, list(vault.assets))} Add the file under docs/ or fix the name.")
    raise LinkProblem(msg)


def _link(match: re.Match[str], source: Note, vault: Vault, index: dict[str, set[str]],
          slugify: Callable[[str], str]) -> str:
    target = match.group("target").strip()
    heading = (match.group("heading") or "").strip()
    label = (match.group("label") or "").strip()
    here = posixpath.dirname(source.path)
    if match.group("embed"):
        if not target.lower().endswith(IMAGE_SUFFIXES):
            return match.group(0)  # a note's content: vaultsite/transclude.py shows it
        path = resolve_asset(target, vault)
        size = f'{{ width="{label}" }}' if label.isdigit() else ""
        alt = label if label and not label.isdigit() else PurePosixPath(path).stem
        return f"![{alt}]({posixpath.relpath(path, here)}){size}"
    note = source if not target else _translated(resolve_concept(target, vault, index),
                                                 source.lang, vault)
    anchor = ""
    if heading:
        if normalize(heading) not in {normalize(h) for h in note.headings}:
            listed = "; ".join(note.headings) or "none"
            msg = (f"wikilink [[{match.group(0)[2:-2]}]]: {note.path} has no heading "
                   f"“{heading}”. Its headings: {listed}")
            raise LinkProblem(msg)
        anchor = "#" + slugify(heading)
    text = label or _link_text(PurePosixPath(target).name, heading, note)
    href = posixpath.relpath(note.path, here) if note is not source else ""
    return f"[{text}]({href}{anchor})"


def _link_text(name: str, heading: str, note: Note) -> str:
    """The text of a link without a label: the name as written if the target note
    itself carries it, else the target's title (a Russian alias in an English page
    reads as the English title)."""
    if name and normalize(name) not in {normalize(n) for n in note.names}:
        name = note.title or (note.headings[0] if note.headings else name)
    if name and heading:
        return f"{name} › {heading}"
    return heading or name


def _translated(concept: str, lang: str, vault: Vault) -> Note:
    note = vault.note(concept, lang)
    if note is None:
        msg = f"{concept} has no {lang} page; add {concept}.{lang}.md"
        raise LinkProblem(msg)
    return note


def rewrite_wikilinks(
    markdown: str,
    *,
    source: Note,
    vault: Vault,
    index: dict[str, set[str]],
    slugify: Callable[[str], str],
) -> tuple[str, list[VaultProblem]]:
    """Replace wikilinks and embeds in prose; code and math are left untouched."""
    problems: list[VaultProblem] = []

    def rewrite(segment: Segment) -> str:
        def replace(match: re.Match[str]) -> str:
            try:
                return _link(match, source, vault, index, slugify)
            except LinkProblem as problem:
                line = segment.line + segment.text.count("\n", 0, match.start())
                problems.append(VaultProblem(source.path, line, str(problem)))
                return match.group(0)

        return WIKILINK.sub(replace, segment.text)

    segments = [Segment(s.kind, rewrite(s), s.line) if s.kind == "text" else s
                for s in split(markdown)]
    return join(segments), problems
