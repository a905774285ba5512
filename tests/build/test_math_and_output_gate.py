"""Math renders in every Markdown container, and the last gate catches source left in a page."""

from __future__ import annotations

import re

import markdown
import pytest

from vaultsite.callouts import convert_callouts
from vaultsite.mathml import arithmatex_to_mathml, latex_to_mathml, math_to_tokens, tokens_to_mathml
from vaultsite.rawsource import raw_source, raw_source_problems, source_line

# The site's Markdown extensions that build containers (see mkdocs.yml)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "footnotes", "pymdownx.details",
              "pymdownx.superfences", "pymdownx.arithmatex"]
EXTENSION_CONFIGS = {"pymdownx.arithmatex": {"generic": True}}
HALF = latex_to_mathml(r"\frac{1}{2}", display=True)  # block MathML of ½
ABS_G = latex_to_mathml(r"|g|", display=False)


def render(note: str) -> str:
    """A note through the vault's callouts, math tokens, Markdown and MathML, as the site does."""
    text = math_to_tokens(convert_callouts(note))
    html = markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    html, failures = tokens_to_mathml(html)
    html, more = arithmatex_to_mathml(html)
    assert failures + more == []
    return html


def test_display_math_in_a_callout_is_a_block() -> None:
    """'$$' lines inside a '> [!note]' callout give one display block between two paragraphs."""
    html = render("> [!note] Restored\n> Before:\n>\n> $$\n> \\frac{1}{2}\n> $$\n>\n> after.\n")
    assert re.sub(r"\s*\n\s*", "", html) == (
        '<div class="admonition note"><p class="admonition-title">Restored</p><p>Before:</p>'
        f'<div class="math-display">{HALF}</div><p>after.</p></div>')


def test_display_math_in_a_nested_foldable_callout() -> None:
    """A callout inside a foldable callout keeps its display math a block."""
    html = render("> [!tip]- Fold\n> > [!note] Inner\n> > $$\\frac{1}{2}$$\n")
    assert f'<div class="math-display">{HALF}</div>' in html
    assert html.startswith('<details class="tip">') and "$" not in html


def test_inline_math_with_bars_in_a_table_cell() -> None:
    """'|' inside a formula does not split the table cell."""
    html = render("| a | b |\n|---|---|\n| $|g|$ | x |\n")
    assert f"<td>{ABS_G}</td>\n<td>x</td>" in html


def test_display_math_in_a_list_item_and_a_footnote() -> None:
    """List items and footnotes get MathML, display math in running text in display style."""
    html = render("- item $$\\frac{1}{2}$$\n\nText[^1].\n\n[^1]: note $|g|$.\n")
    inline_half = latex_to_mathml(r"\displaystyle \frac{1}{2}", display=False)
    assert f"<li>item {inline_half}</li>" in html
    assert f"<p>note {ABS_G}." in html


def test_display_line_after_text_splits_the_paragraph() -> None:
    """'$$…$$' on its own line right after a sentence becomes a block between two paragraphs."""
    html = render("Text.\n$$\\frac{1}{2}$$\nMore")
    assert html == f'<p>Text.</p>\n<div class="math-display">{HALF}</div>\n<p>More</p>'


def test_math_in_a_heading_is_left_to_arithmatex() -> None:
    """A heading keeps '$x_m$' for arithmatex, so its id stays readable."""
    assert math_to_tokens("## Point $x_m$\nand $y$") == (
        "## Point $x_m$\nand xzmif4zx")


def test_a_token_carries_its_formula() -> None:
    """A token is letters and digits and decodes back to its formula."""
    token = math_to_tokens(r"$\sqrt{v} + \varepsilon$")
    assert re.fullmatch(r"xzmi[0-9a-v]+zx", token)
    mathml = latex_to_mathml(r"\sqrt{v} + \varepsilon", display=False)
    assert tokens_to_mathml(f"<p>a {token}</p>") == (f"<p>a {mathml}</p>", [])


def test_a_formula_that_does_not_convert_is_a_failure() -> None:
    """A token whose TeX latex2mathml cannot read is reported and left as source."""
    token = math_to_tokens(r"$\nosuchcommand$")
    html, failures = tokens_to_mathml(f"<p>{token}</p>")
    assert html == r"<p>$\nosuchcommand$</p>" and len(failures) == 1


@pytest.mark.parametrize(("page", "found"), [
    ("<p>so \\frac{1}{2} is</p>", [("tex", "\\frac{1}{2} is")]),
    ("<p>$$ x $$</p>", [("dollars", "$$ x $$"), ("dollars", "$$")]),
    ("<p>see [[Adam]] now</p>", [("link", "[[Adam]] now")]),
    ("<p>![[loss.png]]</p>", [("link", "![[loss.png]]")]),
    ("<p>a\n```python\nx</p>", [("fence", "```python")]),
    ("<pre><code>\\frac [[x]] $$</code></pre><p>fine</p>", []),
    ("<p>ok <math><mi>\\alpha</mi></math> and <code>[[x]]</code></p>", []),
    ("<script>var a = '\\n';</script><p>fine</p>", []),
])
def test_raw_source_finds_what_a_reader_would_see(page: str, found: list[tuple[str, str]]) -> None:
    """TeX, $$, [[links]], embeds and fence lines in prose are found; code, math, scripts not."""
    assert list(raw_source(page)) == found


def test_source_line_finds_the_longest_start() -> None:
    """The line holding most of the excerpt is named, not the first with its first word."""
    source = "---\ntitle: x\n---\n\\frac here\n\nthen \\frac{1}{2} is half\n"
    assert source_line("\\frac{1}{2} is", source) == 6


def test_raw_source_problems_name_file_line_and_fix() -> None:
    """A page with a stray TeX command gives one docs/<file>:<line> problem with what to do."""
    problems = raw_source_problems("<p>rate \\eta here</p>", path="adam.md",
                                   source="---\ntitle: Adam\n---\n\nThe rate \\eta here.\n")
    assert [str(p) for p in problems] == [
        "docs/adam.md:5: the page shows a TeX command as text: '\\\\eta here'; put the formula "
        "between $…$ or $$…$$ (on lines of their own for display math)"]
