"""Styled letters become Unicode math alphanumerics, and the shipped font draws every one shown."""

from __future__ import annotations

import string
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from vaultsite import mathfont
from vaultsite.mathml import formulas, latex_to_mathml, styled_as_characters, styled_character
from vaultsite.vault import load_vault

DOCS = Path(__file__).resolve().parents[2] / "docs"
# MathML's mathvariant values, and how the Unicode names spell each style
LATIN_STYLES = {"bold": "BOLD", "italic": "ITALIC", "bold-italic": "BOLD ITALIC",
                "script": "SCRIPT", "bold-script": "BOLD SCRIPT", "fraktur": "FRAKTUR",
                "double-struck": "DOUBLE-STRUCK", "bold-fraktur": "BOLD FRAKTUR",
                "sans-serif": "SANS-SERIF", "bold-sans-serif": "SANS-SERIF BOLD",
                "sans-serif-italic": "SANS-SERIF ITALIC",
                "sans-serif-bold-italic": "SANS-SERIF BOLD ITALIC", "monospace": "MONOSPACE"}
GREEK_STYLES = {"bold": "BOLD", "italic": "ITALIC", "bold-italic": "BOLD ITALIC",
                "bold-sans-serif": "SANS-SERIF BOLD",
                "sans-serif-bold-italic": "SANS-SERIF BOLD ITALIC"}
DIGIT_STYLES = {"bold": "BOLD", "double-struck": "DOUBLE-STRUCK", "sans-serif": "SANS-SERIF",
                "bold-sans-serif": "SANS-SERIF BOLD", "monospace": "MONOSPACE"}
# The letters Unicode had encoded before the math block, under other names
LETTERLIKE_NAMES = {("italic", "h"): "PLANCK CONSTANT", ("script", "e"): "SCRIPT SMALL E",
                    ("script", "g"): "SCRIPT SMALL G", ("script", "o"): "SCRIPT SMALL O",
                    **{("script", c): f"SCRIPT CAPITAL {c}" for c in "BEFHILMR"},
                    **{("fraktur", c): f"BLACK-LETTER CAPITAL {c}" for c in "CHIRZ"},
                    **{("double-struck", c): f"DOUBLE-STRUCK CAPITAL {c}" for c in "CHNPQRZ"}}


@pytest.mark.parametrize("variant", LATIN_STYLES)
def test_every_latin_letter_gets_the_character_named_for_its_style(variant: str) -> None:
    """Each of A–Z and a–z maps to the character whose Unicode name is that style and letter."""
    for letter in string.ascii_letters:
        case = "CAPITAL" if letter.isupper() else "SMALL"
        expected = LETTERLIKE_NAMES.get((variant, letter),
                                        f"MATHEMATICAL {LATIN_STYLES[variant]} {case} {letter.upper()}")
        assert unicodedata.name(styled_character(letter, variant)) == expected


@pytest.mark.parametrize("variant", GREEK_STYLES)
def test_every_greek_letter_gets_the_character_named_for_its_style(variant: str) -> None:
    """Α–Ω and α–ω (final sigma too) map to 'MATHEMATICAL <style> <case> <letter>'."""
    letters = [chr(c) for c in [*range(0x391, 0x3AA), *range(0x3B1, 0x3CA)] if c != 0x3A2]
    for letter in letters:
        plain = unicodedata.name(letter).replace("GREEK ", "").replace(" LETTER", "")
        expected = f"MATHEMATICAL {GREEK_STYLES[variant]} {plain}"
        assert unicodedata.name(styled_character(letter, variant)) == expected


@pytest.mark.parametrize("variant", DIGIT_STYLES)
def test_every_digit_gets_the_character_named_for_its_style(variant: str) -> None:
    """0–9 map to 'MATHEMATICAL <style> DIGIT <name>'."""
    for digit in string.digits:
        expected = f"MATHEMATICAL {DIGIT_STYLES[variant]} {unicodedata.name(digit)}"
        assert unicodedata.name(styled_character(digit, variant)) == expected


def test_a_character_without_a_styled_form_stays_itself() -> None:
    """Cyrillic, a digit in italic and an unknown style are left as they are."""
    assert styled_character("ж", "bold") == "ж"
    assert styled_character("7", "italic") == "7"
    assert styled_character("x", "loopy") == "x"


def test_bold_vectors_and_blackboard_letters_in_the_notes_formulas() -> None:
    """\\boldsymbol, \\mathcal, \\mathsf and \\mathbb come out as styled characters, no mathvariant."""
    assert latex_to_mathml(r"\boldsymbol g_i + \mathbb E\,\mathcal B^{\mathsf T}", display=False) == (
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow>'
        "<msub><mi>\U0001d488</mi><mi>i</mi></msub><mo>&#x0002B;</mo><mi>\U0001d53c</mi>"
        '<mspace width="0.167em" /><msup><mi>\u212c</mi><mrow><mi>\U0001d5b3</mi></mrow></msup>'
        "</mrow></math>")


def test_normal_and_other_attributes_are_kept() -> None:
    """mathvariant="normal" still works in Chromium, so it stays; other attributes survive."""
    assert styled_as_characters('<mi mathvariant="normal">d</mi>') == '<mi mathvariant="normal">d</mi>'
    assert styled_as_characters('<mo stretchy="false" mathvariant="bold">&lt;</mo>') == (
        '<mo stretchy="false">&lt;</mo>')
    assert styled_as_characters('<mi mathvariant="bold">&#x003B8;x</mi>') == "<mi>\U0001d6c9\U0001d431</mi>"


def test_one_letter_identifiers_bring_their_italic_form() -> None:
    """<mi>h</mi> needs U+210E and <mi>θ</mi> U+1D703; a word in <mi> is upright and brings none."""
    found = mathfont.characters(["<mi>h</mi><mi>&#x003B8;</mi><mi>lr</mi>"])
    assert {0x210E, 0x1D703, ord("h"), ord("l"), ord("r")} <= set(found)
    assert 0x1D459 not in found  # italic l
    assert 0x1D45F not in found  # italic r


def test_the_site_font_draws_every_character_its_formulas_show(tmp_path: Path) -> None:
    """Built from the real vault, the subset has a MATH table and every needed glyph STIX has.

    Cyrillic and Chinese words in \\text{} are not in STIX; the reader's text font draws them.
    """
    vault, problems = load_vault(DOCS)
    assert problems == []
    needed = mathfont.characters(m for note in vault.notes for m in formulas(note.text))
    with TTFont(mathfont.source_font()) as source:
        drawable = set(needed) & set(source.getBestCmap())
    assert {chr(c) for c in set(needed) - drawable} <= set("абвгдежзийклмнопрстуфхцчшщъыьэюя") | {
        c for c in map(chr, needed) if "\u4e00" <= c <= "\u9fff"}
    with TTFont(mathfont.build_font(needed, tmp_path)) as font:
        assert "MATH" in font
        assert drawable <= set(font.getBestCmap())
    assert {0x1D73D, 0x1D488, 0x1D53C, 0x212C, 0x1D5B3} <= set(needed)  # 𝜽 𝒈 𝔼 ℬ 𝖳
