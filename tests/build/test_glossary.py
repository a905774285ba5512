"""The glossary: reading docs/glossary.yml, the forbidden-variant check, the glossary
pages, the first-use tooltips and the unlinked-mentions list, on exact small inputs;
then a planted variant in a real (small) build, and the real vault."""

from __future__ import annotations

from pathlib import Path

import pytest
from pymdownx.slugs import slugify

from tests.build.test_unreadable_inputs import small_project
from tests.sitebuild import ROOT, build
from vaultsite.glossary import (
    Glossary,
    expand_glossary,
    forbidden_variants,
    glossary_markdown,
    glossary_step,
    load_glossary,
    mark_first_uses,
    parse_glossary,
)
from vaultsite.mentions import Mention, unlinked_mentions
from vaultsite.pipeline import Language, PageContext
from vaultsite.vault import LANGUAGES, Vault, load_vault, parse_note
from vaultsite.wikilinks import name_index

CONCEPTS = {"rmsprop", "momentum", "gradient-descent", "demo"}

# line numbers matter: entries start on lines 2, 6, 10, 14, 18 and 22; the style rule on 27
GLOSSARY = """\
terms:
  - concept: rmsprop
    en: {term: RMSprop, definition: AdaGrad that forgets., forbid: [RMSProp]}
    ru: {term: RMSprop, definition: AdaGrad с забыванием., forbid: [RmsProp]}
    zh: {term: RMSprop, definition: 会遗忘的 AdaGrad。, forbid: [RMSProp]}
  - concept: momentum
    en: {term: momentum, definition: The step keeps part of the last move.}
    ru: {term: инерция, definition: Память шага., forms: [инерцией], forbid: [импульс*]}
    zh: {term: 动量法, definition: 步子保留上一次移动的一部分。, forbid: [Momentum]}
  - concept: gradient-descent
    en: {term: gradient descent, definition: Steps against the gradient.}
    ru: {term: градиентный спуск, definition: Шаги против градиента.}
    zh: {term: 梯度下降, definition: 沿梯度反方向走。}
  - concept: gradient-descent
    en: {term: gradient, definition: The vector of partial derivatives.}
    ru: {term: градиент, definition: Вектор частных производных.}
    zh: {term: 梯度, definition: 偏导数组成的向量。}
  - concept:
    en: {term: canyon, definition: A narrow valley., forbid: [ravine*, elongated ravine]}
    ru: {term: ущелье, definition: Узкая долина., forbid: [овраг*]}
    zh: {term: 峡谷, definition: 狭长的山谷。}
  - concept:
    en: {term: oscillation, definition: Jumping from wall to wall.}
    ru: {term: колебания, definition: Прыжки со стенки на стенку.}
    zh: {term: 振荡, definition: 在两壁之间来回跳。, forbid: [震荡]}
style:
  - {lang: zh, forbid: ['"'], use: “ ”}
"""


@pytest.fixture
def glossary() -> Glossary:
    """The small glossary above, read without problems."""
    read, problems = parse_glossary(GLOSSARY, CONCEPTS)
    assert problems == []
    return read


def test_entries_keep_their_lines_and_anchor_keys(glossary: Glossary) -> None:
    """Each term knows the line it starts on and gets its English term as anchor."""
    assert [(t.key, t.line, t.concept) for t in glossary.terms] == [
        ("rmsprop", 2, "rmsprop"), ("momentum", 6, "momentum"),
        ("gradient-descent", 10, "gradient-descent"), ("gradient", 14, "gradient-descent"),
        ("canyon", 18, None), ("oscillation", 22, None)]
    assert glossary.terms[1].entries["ru"].forms == ("инерцией",)
    assert [(s.lang, s.forbid, s.use, s.line) for s in glossary.styles] == [
        ("zh", ('"',), "“ ”", 27)]


ENTRY = ("terms:\n  - concept: demo\n    en: {term: A, definition: B}\n"
         "    ru: {term: А, definition: Б}\n")
SECOND = "  - concept:\n    en: {term: A, definition: C}\n    ru: {term: В, definition: Г}\n"


@pytest.mark.parametrize(("text", "message"), [
    (ENTRY,
     "docs/glossary.yml:2: the entry has no `zh:` mapping with `term:` and `definition:`; add it"),
    (ENTRY + "    zh: {term: 甲}\n",
     "docs/glossary.yml:5: `zh:` has no `definition:`; add a one-line definition"),
    (ENTRY + "    zh: {term: 甲, definition: 一个 $x$ 值}\n",
     "docs/glossary.yml:5: the zh definition of “甲” contains '$'; write it as one line of "
     "plain text (no Markdown, math or HTML)"),
    (ENTRY + "    zh: {term: 振荡, definition: 跳动, forbid: [振]}\n",
     "docs/glossary.yml:5: `zh:` forbids “振”, which matches its own term “振荡”; make the "
     "variant more specific"),
    (ENTRY.replace("demo", "nope") + "    zh: {term: 甲, definition: 乙}\n",
     "docs/glossary.yml:2: concept `nope` has no page; write the stem of a page in docs/ "
     "(e.g. `rmsprop`) or leave it empty"),
    (f"{ENTRY}    zh: {{term: 甲, definition: 乙}}\n{SECOND}    zh: {{term: 丙, definition: 丁}}\n",
     "docs/glossary.yml:6: the en term “A” is also the entry at line 2; merge them"),
    ("- just a list\n",
     "docs/glossary.yml:1: the file needs a `terms:` list of entries (see the comment at its top)"),
    (ENTRY + "    zh: {term: 甲, definition: [乙\n",
     "docs/glossary.yml:6: not valid YAML: expected ',' or ']', but got '<stream end>'; fix the "
     "YAML"),
])
def test_malformed_entries_name_their_line(text: str, message: str) -> None:
    """A malformed entry is a problem at its docs/glossary.yml line, saying what to write."""
    _, problems = parse_glossary(text, CONCEPTS)
    assert [str(p) for p in problems] == [message]


@pytest.mark.parametrize(("lang", "markdown", "expected"), [
    ("en", "Use RMSProp here.\n", [(1, "RMSProp", "RMSprop")]),
    ("en", "RMSprop and AdaGrad are fine.\n", []),
    ("en", "---\ntitle: X\naliases: [RMSProp]\n---\nok\n", []),
    ("en", "Code `RMSProp`.\n```\nRMSProp\n```\n", []),
    ("en", "Math $RMSProp$ here.\n", []),
    ("en", "> RMSProp, the student wrote.\n", []),
    ("en", "> [!note] Title\n> RMSProp in a callout.\n", [(2, "RMSProp", "RMSprop")]),
    ("en", 'The lecture "On RMSProp" says.\n', []),
    ("en", "See [[RMSProp|the page]] and [it](RMSProp.md).\n", []),
    ("en", "See [[rmsprop|RMSProp]].\n", [(1, "RMSProp", "RMSprop")]),
    ("en", "```figure\nm.f\nAlt text on RMSProp.\n```\n", [(3, "RMSProp", "RMSprop")]),
    ("en", "A Ravine, two ravines.\n", [(1, "Ravine", "canyon"), (1, "ravines", "canyon")]),
    ("en", "An elongated ravine.\n", [(1, "elongated ravine", "canyon")]),
    ("ru", "Методы с импульсом.\nИмпульс копится.\n",
     [(1, "импульсом", "инерция"), (2, "Импульс", "инерция")]),
    ("ru", "Оптимизатор RmsProp.\n", [(1, "RmsProp", "RMSprop")]),
    ("zh", "# 标题\n\n峡谷震荡。\n", [(3, "震荡", "振荡")]),
    ("zh", "表中的“震荡”一词照录原文。\n", []),
    ("zh", '他说"好"。\n', [(1, '"', "“ ”"), (1, '"', "“ ”")]),
    ("zh", '<span class="x">好</span>\n', []),
    ("zh", "动量法（Momentum）是一种方法。\n", []),
    ("zh", "RMSprop + Momentum 的组合。\n", [(1, "Momentum", "动量法")]),
])
def test_forbidden_variants_in_prose_only(glossary: Glossary, lang: str, markdown: str,
                                          expected: list[tuple[int, str, str]]) -> None:
    """Variants are found in the page's own words, with lines; code, math, link targets,
    front matter, quotations and glosses are not checked."""
    found = forbidden_variants(markdown, glossary, lang)
    assert [(f.line, f.variant, f.preferred) for f in found] == expected


def _page(glossary: Glossary, path: str) -> PageContext:
    """A page at ``path`` in a vault of a few notes, with ``glossary``."""
    vault = Vault(tuple(parse_note(p, f"---\ntitle: {t}\n---\n# {t}\n") for p, t in [
        ("rmsprop.zh.md", "RMSprop"), ("momentum.zh.md", "动量法"), (path, "演示")]))
    slug = slugify(case="lower")
    lang = path.split(".")[-2] if path.count(".") == 2 else "en"
    language = Language(lang, vault, name_index(vault), {}, {},
                        heading_slug=lambda h: slug(h, "-"), tag_anchor=lambda t: t,
                        glossary=glossary)
    return PageContext(language, vault.notes[-1])


def test_the_step_reports_a_planted_variant_with_file_and_line(glossary: Glossary) -> None:
    """The pipeline step fails a page with docs/<file>:<line>, the word to write and the rule."""
    _, problems = glossary_step("# 演示\n\n峡谷震荡。\n", _page(glossary, "demo.zh.md"))
    assert [str(p) for p in problems] == [
        "docs/demo.zh.md:3: “震荡” is a variant the glossary forbids: write “振荡” "
        "(docs/glossary.yml:22); a quotation may keep it in a plain > block or between "
        "quotation marks"]


def test_glossary_page_in_english_is_alphabetical_with_links(glossary: Glossary) -> None:
    """The English glossary: a section per term, sorted, with page, translations, variants."""
    two = Glossary(glossary.terms[:2])
    pages = {"rmsprop": ("rmsprop.md", "RMSprop"), "momentum": ("momentum.md", "Momentum")}
    assert glossary_markdown(two, "en", pages.get) == (
        "## momentum { #momentum }\n\nThe step keeps part of the last move.\n\n"
        "Page: [Momentum](momentum.md) · Russian: инерция · Chinese: 动量法\n\n"
        "## RMSprop { #rmsprop }\n\nAdaGrad that forgets.\n\n"
        "Page: [RMSprop](rmsprop.md) · Russian: RMSprop · Chinese: RMSprop · Avoid: RMSProp\n")


def test_glossary_page_in_chinese_keeps_file_order(glossary: Glossary) -> None:
    """The Chinese glossary keeps the file's order, full-width colons, no page where none is."""
    two = Glossary((glossary.terms[0], glossary.terms[5]))
    assert glossary_markdown(two, "zh", {"rmsprop": ("rmsprop.zh.md", "RMSprop")}.get) == (
        "## RMSprop { #rmsprop }\n\n会遗忘的 AdaGrad。\n\n"
        "页面：[RMSprop](rmsprop.zh.md) · 英文：RMSprop · 俄文：RMSprop · 不用：RMSProp\n\n"
        "## 振荡 { #oscillation }\n\n在两壁之间来回跳。\n\n"
        "英文：oscillation · 俄文：колебания · 不用：震荡\n")


def test_glossary_fence_becomes_the_list(glossary: Glossary) -> None:
    """Only an empty ```glossary fence is replaced; the rest of the page stays."""
    one = Glossary(glossary.terms[4:5])
    assert expand_glossary("# G\n\n```glossary\n```\n\nEnd.\n", one, "ru", lambda c: None) == (
        "# G\n\n## ущелье { #canyon }\n\nУзкая долина.\n\n"
        "Английский: canyon · Китайский: 峡谷 · Не пишем: овраг…\n\nEnd.\n")


def _abbr(definition: str, word: str) -> str:
    return f'<abbr title="{definition}" tabindex="0">{word}</abbr>'


@pytest.mark.parametrize(("lang", "concept", "markdown", "expected"), [
    ("en", "demo", "# RMSprop and momentum\n\nRMSprop beats momentum. Momentum again.\n",
     "# RMSprop and momentum\n\n" + _abbr("AdaGrad that forgets.", "RMSprop") + " beats "
     + _abbr("The step keeps part of the last move.", "momentum") + ". Momentum again.\n"),
    ("en", "rmsprop", "RMSprop is this page.\n", "RMSprop is this page.\n"),
    ("en", "demo", "See [[RMSprop]], `momentum`.\n> momentum, quoted\n\nThen RMSprop, momentum.\n",
     "See [[RMSprop]], `momentum`.\n> momentum, quoted\n\nThen RMSprop, "
     + _abbr("The step keeps part of the last move.", "momentum") + ".\n"),
    ("ru", "demo", "Инерция, затем инерцией.\n",
     _abbr("Память шага.", "Инерция") + ", затем инерцией.\n"),
    ("en", "demo", "> [!note] momentum\n> Gradient descent uses the gradient.\n",
     "> [!note] momentum\n> " + _abbr("Steps against the gradient.", "Gradient descent")
     + " uses the " + _abbr("The vector of partial derivatives.", "gradient") + ".\n"),
    ("ru", "demo", "Спуск с инерцией: инерция копится.\n",
     "Спуск с " + _abbr("Память шага.", "инерцией") + ": инерция копится.\n"),
    ("zh", "demo", "梯度下降沿梯度的反方向。\n",
     _abbr("沿梯度反方向走。", "梯度下降") + "沿" + _abbr("偏导数组成的向量。", "梯度")
     + "的反方向。\n"),
])
def test_first_use_shows_the_definition_once(glossary: Glossary, lang: str, concept: str,
                                             markdown: str, expected: str) -> None:
    """A term's first use in prose gets its definition; not in headings, callout titles,
    code or quotations, not the page's own term, not after a link already named it, the
    earliest form first, and a longer term wins."""
    assert mark_first_uses(markdown, glossary, lang, concept) == expected


MENTION_NOTES = {
    "a.md": "---\ntitle: Alpha\naliases: [First letter]\n---\n# Alpha\n\n"
            "Beta comes after alpha. See the beta page and the notes.\n",
    "b.md": "---\ntitle: Beta\n---\n# Beta\n\nLinked: [[Alpha]]. Later Alpha again.\n\n"
            "> Alpha in a quote.\n",
    "c.md": "---\ntitle: Beta test\n---\n# Beta test\n\nThe Beta test differs from Beta.\n",
    "c.ru.md": "---\ntitle: Бета-тест\n---\n# Бета-тест\n\nBeta здесь по-английски.\n",
    "notes.md": "---\ntitle: Notes\n---\n# Notes\n",
}


@pytest.fixture
def mention_vault() -> Vault:
    """Three concepts, one with a Russian page, and a site page named "Notes"."""
    return Vault(tuple(parse_note(p, t) for p, t in MENTION_NOTES.items()))


def test_unlinked_mentions_lists_the_link_to_add(mention_vault: Vault) -> None:
    """The first mention of a concept on a page that never links it; the longest name wins;
    own names, links, quotations and site pages are left out."""
    assert unlinked_mentions(mention_vault, "en") == [
        Mention("a.md", 7, "Beta", "b"), Mention("c.md", 6, "Beta", "b")]


def test_every_unlinked_mention_when_asked(mention_vault: Vault) -> None:
    """With every=True each mention outside a link is listed, linked concepts too."""
    assert unlinked_mentions(mention_vault, "en", every=True) == [
        Mention("a.md", 7, "Beta", "b"), Mention("a.md", 7, "beta", "b"),
        Mention("b.md", 6, "Alpha", "a"), Mention("c.md", 6, "Beta", "b")]


def test_unlinked_mentions_are_per_language(mention_vault: Vault) -> None:
    """A Russian page is matched against Russian titles: an English word names nothing."""
    assert unlinked_mentions(mention_vault, "ru", every=True) == []


def test_planted_variant_fails_a_real_build(tmp_path: Path) -> None:
    """A strict build of a small project fails on a planted variant with docs/<file>:<line>."""
    project = small_project(tmp_path / "project")
    (project / "docs" / "glossary.yml").write_text(GLOSSARY.replace(
        "concept: rmsprop", "concept: demo").replace("concept: momentum", "concept:")
        .replace("concept: gradient-descent", "concept:"), encoding="utf-8")
    page = project / "docs" / "demo.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n峡谷震荡。\n", encoding="utf-8")
    result = build(project, tmp_path / "site", tmp_path / "cache")
    assert result.returncode != 0
    assert ("docs/demo.zh.md:9: “震荡” is a variant the glossary forbids: write “振荡” "
            "(docs/glossary.yml:22)") in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_malformed_glossary_fails_a_real_build(tmp_path: Path) -> None:
    """A glossary entry without a definition stops the build at its glossary.yml line."""
    project = small_project(tmp_path / "project")
    (project / "docs" / "glossary.yml").write_text(ENTRY + "    zh: {term: 甲}\n",
                                                   encoding="utf-8")
    result = build(project, tmp_path / "site", tmp_path / "cache")
    assert result.returncode != 0
    assert ("docs/glossary.yml:5: `zh:` has no `definition:`; add a one-line definition"
            in result.stderr), result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_the_real_vault_uses_only_the_glossary_terms() -> None:
    """docs/glossary.yml reads without problems and no page uses a variant it forbids."""
    vault, _ = load_vault(ROOT / "docs")
    glossary, problems = load_glossary(ROOT / "docs", vault)
    assert problems == [] and len(glossary.terms) >= 25
    found = [f"docs/{note.path}:{f.line}: {f.variant}" for note in vault.notes
             for f in forbidden_variants(note.text, glossary, note.lang)]
    assert found == []
    assert {note.lang for note in vault.notes if note.concept == "glossary"} == set(LANGUAGES)
