"""The small text-to-text transforms, each on exact input and output."""

from __future__ import annotations

import pytest

from vaultsite.callouts import convert_callouts
from vaultsite.headings import normalize_headings
from vaultsite.mathml import arithmatex_to_mathml, latex_to_mathml, math_as_text
from vaultsite.provenance import add_source_line
from vaultsite.segments import split
from vaultsite.tags import extract_tags


def test_split_marks_code_math_and_comments() -> None:
    """Code spans, fences, math and comments are cut out of the prose."""
    kinds = [(s.kind, s.text) for s in split("a `b` $c$ <!-- d -->\n```\ne\n```\n$$f$$")]
    assert kinds == [("text", "a "), ("code", "`b`"), ("text", " "), ("math", "$c$"),
                     ("text", " "), ("comment", "<!-- d -->"), ("text", "\n"),
                     ("fence", "```\ne\n```"), ("text", "\n"), ("display_math", "$$f$$")]


def test_split_counts_lines() -> None:
    """Each segment knows the line it starts on."""
    assert [s.line for s in split("a\n```\nb\n```\nc $x$")] == [1, 2, 4, 5]


def test_dollar_amounts_are_not_math() -> None:
    """'5$ and 6$' is prose, not a formula."""
    assert [s.kind for s in split("costs 5$ and 6$")] == ["text"]


def test_tags_become_links_and_names() -> None:
    """Inline tags turn into links to their tags-index entry and are returned."""
    out, tags = extract_tags("**Tags**: #Градиентный_спуск #ML", tags_url="../tags/",
                             anchor=lambda tag: "tag:" + tag.lower())
    assert out == ('**Tags**: <a class="vault-tag" href="../tags/#tag:градиентный спуск">'
                   '#Градиентный_спуск</a> <a class="vault-tag" href="../tags/#tag:ml">#ML</a>')
    assert tags == ["Градиентный спуск", "ML"]


@pytest.mark.parametrize("text", ["# Heading", "a#b", "[x](a.md#c)", "#123", "`#code`",
                                  "issue #42", "## Note { #note-000 }"])
def test_not_tags(text: str) -> None:
    """Headings, anchors, numbers and code are not tags."""
    assert extract_tags(text, tags_url="t/", anchor=lambda tag: "tag:" + tag.lower()) == (text, [])


def test_headings_from_level_four_start_at_two() -> None:
    """A note whose sections start at #### gets h2 sections under its h1."""
    assert normalize_headings("# T\n#### a\n##### b\n#### c") == "# T\n## a\n### b\n## c"


def test_headings_never_skip_a_level() -> None:
    """A heading two levels deeper than the one before goes one level down."""
    assert normalize_headings("# T\n## a\n#### b") == "# T\n## a\n### b"


def test_headings_in_code_are_left_alone() -> None:
    """A '#' line inside a fence is code, not a heading."""
    assert normalize_headings("# T\n#### a\n```\n# x\n```") == "# T\n## a\n```\n# x\n```"


def test_mathml_of_a_fraction() -> None:
    """LaTeX becomes MathML with the right elements."""
    assert latex_to_mathml(r"\frac{a}{b}", display=False) == (
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow><mfrac>'
        "<mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac></mrow></math>")


def test_matrix_brackets_stretch() -> None:
    """A bmatrix becomes a table between bracket operators, which MathML stretches."""
    mathml = latex_to_mathml(r"\begin{bmatrix}0 & -2\\ -2 & 0\end{bmatrix}", display=True)
    assert "<mrow><mo>&#x0005B;</mo><mtable><mtr><mtd><mn>0</mn></mtd>" in mathml
    assert mathml.endswith("</mtable><mo>&#x0005D;</mo></mrow></math>")


def test_arithmatex_spans_become_mathml() -> None:
    """Arithmatex's inline span and display div are replaced, entities decoded."""
    html = ('<p><span class="arithmatex">\\(a &lt; b\\)</span></p>'
            '<div class="arithmatex">\\[x\\]</div>')
    out, failures = arithmatex_to_mathml(html)
    assert failures == []
    assert out == ('<p><math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">'
                   "<mrow><mi>a</mi><mo>&#x0003C;</mo><mi>b</mi></mrow></math></p>"
                   '<div class="math-display"><math xmlns="http://www.w3.org/1998/Math/MathML"'
                   ' display="block"><mrow><mi>x</mi></mrow></math></div>')


def test_bad_latex_is_reported() -> None:
    """A formula latex2mathml cannot read is reported, not dropped."""
    _, failures = arithmatex_to_mathml('<span class="arithmatex">\\(x^\\)</span>')
    assert failures == ["cannot convert LaTeX to MathML: 'x^' (MissingSuperScriptOrSubscriptError)"]


def test_unknown_latex_command_is_reported() -> None:
    """A command latex2mathml would print as raw text is an error."""
    with pytest.raises(ValueError, match=r"unknown command \\foo"):
        latex_to_mathml(r"\foo{x}", display=False)


def test_callout_becomes_admonition() -> None:
    """An Obsidian callout becomes a Material admonition with its title."""
    assert convert_callouts("> [!note] Title\n> Body") == '!!! note "Title"\n\tBody'


def test_foldable_callout_becomes_details() -> None:
    """A callout with '-' becomes a folded details block."""
    assert convert_callouts("> [!tip]- Title\n> Body") == '??? tip "Title"\n\tBody'


def test_source_line_follows_the_title() -> None:
    """The source notes and their languages are named right under the h1."""
    out = add_source_line("# AdaGrad\nText", ["002", "003"], lang="en", notes_page="../notes/")
    assert out == ('# AdaGrad\n\n<p class="vault-source">From notes '
                   '<a href="../notes/#note-002">002</a> (Russian), '
                   '<a href="../notes/#note-003">003</a> (Chinese)</p>\n\nText')


def test_unknown_source_note_is_an_error() -> None:
    """A `notes:` id that is not one of the five notes is refused."""
    with pytest.raises(ValueError, match="unknown source note '009'"):
        add_source_line("# T", ["009"], lang="ru", notes_page="n/")


def test_math_in_a_toc_title_reads_as_its_symbols() -> None:
    """A heading formula becomes its symbols where only plain text can go."""
    assert math_as_text(r"Условие 6 и точка \(x_m\)") == "Условие 6 и точка xm"
