"""![[Note]], ![[Note#Heading]] and ![[Note#^block]]: content shown in place, or an exact problem."""

from __future__ import annotations

import pytest
from pymdownx.slugs import slugify

from vaultsite.errors import VaultProblem
from vaultsite.pipeline import Language, PageContext, transclusions
from vaultsite.transclude import block, find_embeds, headings_as_text, section, strip_block_ids
from vaultsite.vault import Vault, parse_note
from vaultsite.wikilinks import name_index

_slug = slugify(case="lower")

NOTES = {
    "rmsprop.md": ("---\ntitle: RMSprop\n---\n# RMSprop\n\nIntro.\n\n## torch's form\n\n"
                   "$$\nv \\leftarrow \\alpha v\n$$\n\n^torch\n\nDefaults lr = 0.01. ^defaults\n\n"
                   "### Detail\n\nMore.\n\n## Next\n\nOther.\n"),
    "rmsprop.ru.md": "---\ntitle: RMSprop\n---\n# RMSprop\n\n## Форма torch\n\nТекст. ^defaults\n",
    "loop-a.md": "---\ntitle: Loop A\n---\n# Loop A\n\n![[Loop B]]\n",
    "loop-b.md": "---\ntitle: Loop B\n---\n# Loop B\n\n![[Loop A#Loop A]]\n",
    "self.md": "---\ntitle: Self\n---\n# Self\n\n![[Self]]\n",
    "page.md": "---\ntitle: Page\n---\n# Page\n",
    "page.ru.md": "---\ntitle: Страница\n---\n# Страница\n",
}


def _page(path: str, lang: str = "en") -> PageContext:
    vault = Vault(tuple(parse_note(p, t) for p, t in NOTES.items()))
    language = Language(lang, vault, name_index(vault), {}, {},
                        heading_slug=lambda h: _slug(h, "-"), tag_anchor=str)
    note = next(n for n in vault.notes if n.path == path)
    return PageContext(language, note, urls={"tags": "tags.md", "notes": "notes.md"})


def test_block_embed_shows_the_formula_and_its_source() -> None:
    """A formula block marked ^torch is shown in a box with a link back to its page."""
    out, problems = transclusions("Before.\n\n![[RMSprop#^torch]]\n\nAfter.\n", _page("page.md"))
    assert problems == []
    assert out.startswith("Before.\n\n<div class=\"vault-embed\" markdown>\n\n")
    assert out.endswith("\n\n[From RMSprop](rmsprop.md){ .vault-embed-source }\n\n</div>\n\nAfter.\n")
    assert "\\leftarrow" not in out  # the math step turned the formula into a token


def test_heading_embed_takes_the_section_with_subheadings_as_bold() -> None:
    """A heading embed runs to the next heading of its level; its subheadings do not enter the outline."""
    out, problems = transclusions("![[rmsprop#torch's form]]", _page("page.md"))
    assert problems == []
    assert "Defaults lr = 0.01.\n\n**Detail**\n\nMore." in out
    assert "Other." not in out and "^defaults" not in out
    assert "[From RMSprop › torch's form](rmsprop.md#torchs-form){ .vault-embed-source }" in out


def test_embed_resolves_in_the_page_language() -> None:
    """From a Russian page, ![[RMSprop#^defaults]] shows the Russian block."""
    out, problems = transclusions("![[RMSprop#^defaults]]", _page("page.ru.md", "ru"))
    assert problems == []
    assert "Текст." in out and "Defaults" not in out
    assert "[Из страницы RMSprop](rmsprop.ru.md)" in out


def test_indented_embed_stays_inside_its_container() -> None:
    """An embed inside an admonition keeps the admonition's indent on every line."""
    out, _ = transclusions('!!! note\n    ![[RMSprop#^defaults]]\n', _page("page.md"))
    assert out == ('!!! note\n    <div class="vault-embed" markdown>\n\n    Defaults lr = 0.01.\n\n'
                   "    [From RMSprop](rmsprop.md){ .vault-embed-source }\n\n    </div>\n")


PROBLEMS = [
    ("loop-a.md", "![[Loop B]]", 3,
     "embed cycle: loop-a.md → loop-b.md → loop-a.md; a note cannot show itself, "
     "remove one of these embeds"),
    ("self.md", "![[Self]]", 3,
     "embed cycle: self.md → self.md; a note cannot show itself, remove one of these embeds"),
    ("page.md", "x\n\n![[RMSprop#Nothing]]", 7,
     "![[RMSprop#Nothing]]: rmsprop.md has no heading “Nothing”. Its headings: RMSprop; "
     "torch's form; Detail; Next"),
    ("page.md", "![[RMSprop#^nothing]]", 5,
     "![[RMSprop#^nothing]]: rmsprop.md has no block ^nothing; mark one with ^nothing at the "
     "end of its last line"),
    ("page.md", "See ![[RMSprop]] here.", 5,
     "![[RMSprop]] stands inside a line; put the embed on a line of its own"),
]


@pytest.mark.parametrize(("path", "markdown", "line", "message"), PROBLEMS)
def test_embed_problems(path: str, markdown: str, line: int, message: str) -> None:
    """Cycles, missing headings and blocks, and inline embeds fail with the embed's line."""
    # a page's own Markdown, or the test's text after four lines of its own
    text = "# Title\n\nIntro.\n\n" + markdown if path == "page.md" else NOTES[path].split("---\n")[2]
    _, problems = transclusions(text, _page(path))
    assert problems == [VaultProblem(path, line, message)]


def test_unknown_note_is_named_with_a_suggestion() -> None:
    """An embed of a note that does not exist says so, like a broken link."""
    _, problems = transclusions("![[RMSpro]]", _page("page.md"))
    assert [p.message.split(" Closest")[0] for p in problems] == [
        "unresolved embed ![[RMSpro]]: no note has this title, alias or file name."]


def test_section_block_and_marks() -> None:
    """The text helpers: a section, a block before an own-line mark, marks stripped, headings bold."""
    md = "## A\n\nx ^one\n\n$$\ny\n$$\n^two\n\n```\n## code\n```\n## B\nz"
    assert section(md, "a") == "x ^one\n\n$$\ny\n$$\n^two\n\n```\n## code\n```"
    assert (block(md, "one"), block(md, "two"), block(md, "three")) == ("x", "$$\ny\n$$", None)
    assert strip_block_ids("x ^one\n`^keep`\n^two\n") == "x\n`^keep`\n\n"
    assert headings_as_text("## A\n```\n## code\n```") == "**A**\n```\n## code\n```"


def test_find_embeds_skips_images_and_code() -> None:
    """Image embeds and embeds in code are not note embeds."""
    embeds = find_embeds("![[a.png]]\n`![[b]]`\n  ![[c#^d]]\n")
    assert [(e.target, e.part, e.line, e.indent, e.own_line) for e in embeds] == [
        ("c", "^d", 3, "  ", True)]
