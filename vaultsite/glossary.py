# The site's one glossary (docs/glossary.yml): each term in English, Russian and
# Chinese with a one-line definition, its concept page and the variants it forbids.
# From it: the check that fails a page using a forbidden variant, the glossary page
# of each language (a ```glossary fence), and a term's definition on its first use.
from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from vaultsite.errors import VaultProblem
from vaultsite.prose import blockquote_lines, own_words, page_lines
from vaultsite.segments import split
from vaultsite.vault import LANGUAGES, Vault

if TYPE_CHECKING:
    from vaultsite.pipeline import PageContext

GLOSSARY_FILE = "glossary.yml"  # in docs/; Obsidian ignores it, MkDocs does not publish it
_NOT_IN_DEFINITION = re.compile(r"[$#|*`<>\[\]\\\n]")  # would be Markdown, math or a table cell
_LETTER = r"A-Za-z0-9À-ɏЀ-ӿ"  # a variant is a whole word among these; CJK needs no spaces
_FENCE = re.compile(r"^```glossary[ \t]*\n```[ \t]*$", re.MULTILINE)
_SKIPPED_LINE = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t]|!!!|\?\?\?|\[![\w-]+\])")  # titles
_LINKED = re.compile(r"<abbr[^>]*>.*?</abbr>|!?\[\[[^\]\n]*\]\]|!?\[[^\]\n]*\]\([^)\n]*\)"
                     r"|<[^>\n]*>|https?://\S+|(?<!\S)#[\w/-]+")
_NOT_LINK = re.compile(r"<abbr[^>]*>.*?</abbr>|<[^>\n]*>|https?://\S+|(?<!\S)#[\w/-]+")

LABELS = {
    "page": {"en": "Page", "ru": "Страница", "zh": "页面"},
    "avoid": {"en": "Avoid", "ru": "Не пишем", "zh": "不用"},
    "en": {"en": "English", "ru": "Английский", "zh": "英文"},
    "ru": {"en": "Russian", "ru": "Русский", "zh": "俄文"},
    "zh": {"en": "Chinese", "ru": "Китайский", "zh": "中文"},
}
COLON = {"en": ": ", "ru": ": ", "zh": "："}


@dataclass(frozen=True)
class Entry:
    """A term in one language: how the site writes it and what it means."""

    term: str
    definition: str
    forms: tuple[str, ...] = ()  # other forms that are uses of the term (inflections)
    forbid: tuple[str, ...] = ()  # variants the site does not write; `*` is any letters


@dataclass(frozen=True)
class Term:
    """One glossary entry in every language."""

    key: str  # its anchor on the glossary pages, the same in every language
    concept: str | None  # the concept page that explains it
    line: int  # where it starts in glossary.yml
    entries: Mapping[str, Entry]


@dataclass(frozen=True)
class Style:
    """A writing rule that is not a term, e.g. the quotation marks of a language."""

    lang: str
    forbid: tuple[str, ...]
    use: str
    line: int


@dataclass(frozen=True)
class Glossary:
    """The whole file: its terms, its style rules, and its text (for the page cache)."""

    terms: tuple[Term, ...] = ()
    styles: tuple[Style, ...] = ()
    text: str = field(default="", repr=False)


@dataclass(frozen=True)
class Finding:
    """A forbidden variant on a page: where, what was written, what to write."""

    line: int
    variant: str
    preferred: str
    rule_line: int  # the glossary.yml line of the term or rule


# --- Reading the file ------------------------------------------------------------------

def load_glossary(docs_dir: Path, vault: Vault) -> tuple[Glossary, list[VaultProblem]]:
    """The glossary of ``docs_dir`` (empty if there is none) and its problems."""
    path = docs_dir / GLOSSARY_FILE
    if not path.exists():
        return Glossary(), []
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return Glossary(), [_problem(1, "not valid UTF-8; re-save the file as UTF-8")]
    glossary, problems = _parsed(text, frozenset(vault.concepts()))
    return glossary, list(problems)


@functools.lru_cache(maxsize=4)  # each language's build reads the same file (0.2 s a time)
def _parsed(text: str, concepts: frozenset[str]) -> tuple[Glossary, tuple[VaultProblem, ...]]:
    glossary, problems = parse_glossary(text, set(concepts))
    return glossary, tuple(problems)


def parse_glossary(text: str, concepts: set[str]) -> tuple[Glossary, list[VaultProblem]]:
    """Read glossary.yml's text; every malformed entry is a problem with its line."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        detail = getattr(error, "problem", None) or str(error).splitlines()[0]
        return Glossary(text=text), [_problem((mark.line + 1) if mark else 1,
                                              f"not valid YAML: {detail}; fix the YAML")]
    top = _mapping(root)
    if top is None or not isinstance(top.get("terms"), yaml.SequenceNode):
        return Glossary(text=text), [_problem(1, "the file needs a `terms:` list of entries "
                                              "(see the comment at its top)")]
    problems: list[VaultProblem] = []
    terms = [t for node in top["terms"].value
             if (t := _term(node, concepts, problems)) is not None]
    styles_node = top.get("style")
    styles = [s for node in (styles_node.value if isinstance(styles_node, yaml.SequenceNode)
                             else []) if (s := _style(node, problems)) is not None]
    problems += _duplicates(terms)
    return Glossary(tuple(terms), tuple(styles), text), problems


def _term(node: yaml.Node, concepts: set[str], problems: list[VaultProblem]) -> Term | None:
    line = node.start_mark.line + 1
    fields = _mapping(node)
    if fields is None:
        problems.append(_problem(line, "an entry is `concept:` and `en:`, `ru:`, `zh:` "
                                       "mappings; this one is not a mapping"))
        return None
    concept = _scalar(fields.get("concept"))
    if concept and concept not in concepts:
        problems.append(_problem(line, f"concept `{concept}` has no page; write the stem of "
                                       "a page in docs/ (e.g. `rmsprop`) or leave it empty"))
        concept = ""
    entries: dict[str, Entry] = {}
    for lang in LANGUAGES:
        entry = _entry(fields.get(lang), lang, line, problems)
        if entry is None:
            return None
        entries[lang] = entry
    return Term(_key(entries["en"].term), concept or None, line, entries)


def _entry(node: yaml.Node | None, lang: str, line: int,
           problems: list[VaultProblem]) -> Entry | None:
    fields = _mapping(node) if node is not None else None
    at = node.start_mark.line + 1 if node is not None else line
    if fields is None:
        problems.append(_problem(at, f"the entry has no `{lang}:` mapping with `term:` and "
                                     "`definition:`; add it"))
        return None
    term, definition = _scalar(fields.get("term")), _scalar(fields.get("definition"))
    if not term or not definition:
        missing = "term" if not term else "definition"
        problems.append(_problem(at, f"`{lang}:` has no `{missing}:`; add a one-line {missing}"))
        return None
    if bad := _NOT_IN_DEFINITION.search(definition):
        problems.append(_problem(at, f"the {lang} definition of “{term}” contains "
                                     f"{bad.group(0)!r}; write it as one line of plain text "
                                     "(no Markdown, math or HTML)"))
        return None
    forms, forbid = _strings(fields.get("forms")), _strings(fields.get("forbid"))
    for variant in forbid:
        if variant_pattern(variant).search(term):
            problems.append(_problem(at, f"`{lang}:` forbids “{variant}”, which matches its own "
                                         f"term “{term}”; make the variant more specific"))
            return None
    return Entry(term, definition, forms, forbid)


def _style(node: yaml.Node, problems: list[VaultProblem]) -> Style | None:
    line = node.start_mark.line + 1
    fields = _mapping(node) or {}
    lang, use = _scalar(fields.get("lang")), _scalar(fields.get("use"))
    forbid = _strings(fields.get("forbid"))
    if lang not in LANGUAGES or not use or not forbid:
        problems.append(_problem(line, "a style rule needs `lang:` (en, ru or zh), "
                                       "`forbid:` (a list) and `use:`"))
        return None
    return Style(lang, forbid, use, line)


def _duplicates(terms: list[Term]) -> list[VaultProblem]:
    problems: list[VaultProblem] = []
    seen: dict[tuple[str, str], int] = {}
    for term in terms:
        for lang, entry in term.entries.items():
            first = seen.setdefault((lang, entry.term.casefold()), term.line)
            if first != term.line:
                problems.append(_problem(term.line, f"the {lang} term “{entry.term}” is also "
                                                    f"the entry at line {first}; merge them"))
    return problems


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return {str(k.value): v for k, v in node.value}


def _scalar(node: yaml.Node | None) -> str:
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        return " ".join(str(node.value).split())
    return ""


def _strings(node: yaml.Node | None) -> tuple[str, ...]:
    if isinstance(node, yaml.SequenceNode):
        return tuple(s for item in node.value if (s := _scalar(item)))
    return (s,) if (s := _scalar(node)) else ()


def _key(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-")


def _problem(line: int, message: str) -> VaultProblem:
    return VaultProblem(GLOSSARY_FILE, line, message)


# --- The check --------------------------------------------------------------------------

def variant_pattern(variant: str) -> re.Pattern[str]:
    """A variant as a whole word (`*` stands for any letters); lower case matches any case."""
    body = r"\w*".join(re.escape(part) for part in variant.split("*"))
    flags = 0 if any(c.isupper() for c in variant) else re.IGNORECASE
    return re.compile(rf"(?<![{_LETTER}]){body}(?![{_LETTER}])", flags)


def forbidden_variants(markdown: str, glossary: Glossary, lang: str) -> list[Finding]:
    """Every forbidden variant in the page's own prose, in reading order.

    Code, math, link targets, front matter and quotations (a plain `>` block or
    words between quotation marks) are not the site's prose and are not checked.
    """
    lines = page_lines(markdown)
    rules = [(variant, entry.term, term.line) for term in glossary.terms
             for entry in (term.entries[lang],) for variant in entry.forbid]
    styles = [(variant, style.use, style.line) for style in glossary.styles
              if style.lang == lang for variant in style.forbid]
    spans: list[tuple[int, int, int, Finding]] = []
    # quotation marks themselves are checked before quotations are set aside
    for number, text in lines.items():
        spans += [(number, m.start(), m.end(), Finding(number, m.group(0), use, at))
                  for variant, use, at in styles for m in re.finditer(re.escape(variant), text)]
    for number, text in own_words(lines).items():
        spans += [(number, m.start(), m.end(), Finding(number, m.group(0), preferred, at))
                  for variant, preferred, at in rules
                  for m in variant_pattern(variant).finditer(text)]
    # a variant inside a longer one ("ravine" in "elongated ravine") is the same finding
    return [finding for number, start, end, finding in sorted(spans, key=lambda s: s[:3])
            if not any(n == number and s <= start and end <= e and (s, e) != (start, end)
                       for n, s, e, _ in spans)]


def finding_message(finding: Finding) -> str:
    """What the build says about a forbidden variant."""
    return (f"“{finding.variant}” is a variant the glossary forbids: write “{finding.preferred}” "
            f"(docs/{GLOSSARY_FILE}:{finding.rule_line}); a quotation may keep it in a "
            "plain > block or between quotation marks")


# --- The glossary page ----------------------------------------------------------------------

def glossary_markdown(glossary: Glossary, lang: str,
                      page_of: Callable[[str], tuple[str, str] | None]) -> str:
    """The glossary in ``lang``: a section per term with its anchor, definition, page,
    its names in the other languages and the variants the site does not write.

    ``page_of(concept)`` is (relative link, title) of the concept's page, or None.
    English and Russian terms are in alphabetical order; Chinese ones in the
    file's order (by topic), as no pinyin order is at hand.
    """
    terms = list(glossary.terms)
    if lang != "zh":
        terms.sort(key=lambda t: t.entries[lang].term.casefold())
    parts: list[str] = []
    for term in terms:
        entry = term.entries[lang]
        parts.append(f"## {entry.term} {{ #{term.key} }}\n\n{entry.definition}\n")
        colon, details = COLON[lang], []
        page = page_of(term.concept) if term.concept else None
        if page:
            details.append(f"{LABELS['page'][lang]}{colon}[{page[1]}]({page[0]})")
        details += [f"{LABELS[other][lang]}{colon}{term.entries[other].term}"
                    for other in LANGUAGES if other != lang]
        if entry.forbid:
            avoided = ", ".join(v.replace("*", "…") for v in entry.forbid)
            details.append(f"{LABELS['avoid'][lang]}{colon}{avoided}")
        parts.append(" · ".join(details) + "\n")
    return "\n".join(parts)


def expand_glossary(markdown: str, glossary: Glossary, lang: str,
                    page_of: Callable[[str], tuple[str, str] | None]) -> str:
    """A ```glossary fence becomes the glossary in the page's language."""
    return _FENCE.sub(lambda _: glossary_markdown(glossary, lang, page_of).rstrip("\n"),
                      markdown)


# --- First use: the definition on hover and focus -------------------------------------------

def mark_first_uses(markdown: str, glossary: Glossary, lang: str, own_concept: str) -> str:
    """The first use of each term in the page's prose becomes
    ``<abbr title="definition" tabindex="0">term</abbr>``.

    Not in headings, callout titles, links, code, math or quotations; not the
    terms whose concept is the page's own; each term once per page. tabindex makes
    the definition reachable by keyboard: Material shows an abbr's title as a
    tooltip on hover and on focus (the ``content.tooltips`` feature).
    """
    pending = [(term, term.entries[lang]) for term in glossary.terms
               if term.concept != own_concept]
    skipped = blockquote_lines(markdown) | {
        number for number, line in enumerate(markdown.split("\n"), start=1)
        if _SKIPPED_LINE.match(line)}
    out: list[str] = []
    for segment in split(markdown):
        if segment.kind != "text" or not pending:
            out.append(segment.text)
            continue
        lines = segment.text.split("\n")
        for i, line in enumerate(lines):
            if segment.line + i not in skipped:
                lines[i] = _mark_line(line, pending)
        out.append("\n".join(lines))
    return "".join(out)


def _mark_line(line: str, pending: list[tuple[Term, Entry]]) -> str:
    names = [name for _, entry in pending for name in (entry.term, *entry.forms)]
    for term, entry in list(pending):
        free = _LINKED.sub(lambda m: "\0" * len(m.group(0)), line)
        links_shown = _NOT_LINK.sub(lambda m: "\0" * len(m.group(0)), line)
        used, in_link = _first_use(free, entry, names), _first_use(links_shown, entry, names)
        if in_link and (used is None or in_link[0] < used[0]):
            pending.remove((term, entry))  # first used as a link's text: the link explains it
        elif used:
            start, end = used
            title = html.escape(entry.definition, quote=True)
            line = (line[:start] + f'<abbr title="{title}" tabindex="0">' + line[start:end]
                    + "</abbr>" + line[end:])
            pending.remove((term, entry))
    return line


def _first_use(text: str, entry: Entry, names: list[str]) -> tuple[int, int] | None:
    """Where the entry's first use in ``text`` is; 梯度 inside 梯度下降 is the longer term's."""
    found: list[tuple[int, int]] = []
    for name in (entry.term, *entry.forms):
        visible = text
        for longer in (n for n in names if len(n) > len(name) and name in n):
            visible = _use_pattern(longer).sub(lambda m: "\0" * len(m.group(0)), visible)
        found += [m.span() for m in _use_pattern(name).finditer(visible)][:1]
    return min(found, key=lambda span: (span[0], -span[1]), default=None)


def _use_pattern(name: str) -> re.Pattern[str]:
    """A use of a term: the whole word; its first letter in either case."""
    first = f"[{re.escape(name[0].lower())}{re.escape(name[0].upper())}]"
    return re.compile(rf"(?<![{_LETTER}\0]){first}{re.escape(name[1:])}(?![{_LETTER}\0])")


# --- The pipeline step ----------------------------------------------------------------------

def glossary_step(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Forbidden variants are problems; a ```glossary fence lists the terms; a term's
    first use shows its definition."""
    language, note = page.language, page.note
    glossary: Glossary = language.glossary
    problems = [VaultProblem(note.path, f.line, finding_message(f))
                for f in forbidden_variants(markdown, glossary, page.lang)]
    here = posixpath.dirname(note.path)

    def page_of(concept: str) -> tuple[str, str] | None:
        target = language.vault.note(concept, page.lang)
        if target is None:
            return None
        return posixpath.relpath(target.path, here), target.title or concept

    if _FENCE.search(markdown):
        return expand_glossary(markdown, glossary, page.lang, page_of), problems
    return mark_first_uses(markdown, glossary, page.lang, note.concept), problems
