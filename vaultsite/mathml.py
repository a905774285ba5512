# LaTeX → MathML at build time, so math needs no script and no network.
#
# Before Markdown, each formula in prose becomes a plain-word token that no
# Markdown container can break; after Markdown, each token (and each arithmatex
# span, for math in headings) is replaced by MathML from latex2mathml.
from __future__ import annotations

import base64
import functools
import html
import re

from latex2mathml.converter import convert

from vaultsite.segments import Segment, join, split

_UNKNOWN_COMMAND = re.compile(r">(\\[A-Za-z]+)<")
_STYLED = re.compile(r'<(?P<tag>mi|mn|mo|mtext)(?P<before>[^>]*?) mathvariant="(?P<variant>[a-z-]+)"'
                     r"(?P<after>[^>]*)>(?P<text>[^<]*)</(?P=tag)>")

# Chromium draws MathML Core, which ignores every mathvariant but "normal": a bold
# vector \boldsymbol g would show as a plain italic g. So styled letters become
# the Unicode mathematical alphanumerics, which carry their style themselves.
# Each style's letters are a run of 52 (A-Z, a-z) from U+1D400, in this order
_LATIN_STYLES = ("bold", "italic", "bold-italic", "script", "bold-script", "fraktur",
                 "double-struck", "bold-fraktur", "sans-serif", "bold-sans-serif",
                 "sans-serif-italic", "sans-serif-bold-italic", "monospace")
# Greek runs of 58 (capitals from U+0391, nabla, small letters from U+03B1) and digits
_GREEK_STARTS = {"bold": 0x1D6A8, "italic": 0x1D6E2, "bold-italic": 0x1D71C,
                 "bold-sans-serif": 0x1D756, "sans-serif-bold-italic": 0x1D790}
_DIGIT_STARTS = {"bold": 0x1D7CE, "double-struck": 0x1D7D8, "sans-serif": 0x1D7E2,
                 "bold-sans-serif": 0x1D7EC, "monospace": 0x1D7F6}
# letters that were encoded earlier, in Letterlike Symbols, and are holes in the runs
_LETTERLIKE = {
    ("italic", "h"): "\u210e",
    **{("script", c): u for c, u in zip("BEFHILMRego", "\u212c\u2130\u2131\u210b\u2110\u2112"
                                                     "\u2133\u211b\u212f\u210a\u2134", strict=True)},
    **{("fraktur", c): u for c, u in zip("CHIRZ", "\u212d\u210c\u2111\u211c\u2128", strict=True)},
    **{("double-struck", c): u for c, u in zip("CHNPQRZ", "\u2102\u210d\u2115\u2119\u211a"
                                                        "\u211d\u2124", strict=True)},
}
_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.DOTALL,
)


_TOKEN = re.compile(r"xzm(?P<kind>[di])(?P<code>[0-9a-v]*)zx")
_HEADING_START = re.compile(r"[ \t]*#{1,6}[ \t]")


def math_to_tokens(markdown: str) -> str:
    """Replace every ``$…$`` and ``$$…$$`` in prose by a token of letters and digits.

    No Markdown container can break such a token: callouts at any depth, list
    items, table cells (even with ``|`` in the formula), footnotes. It carries
    the formula (base32), so :func:`tokens_to_mathml` needs no state to turn it
    into MathML after rendering. Math on a heading line is left to arithmatex,
    which keeps heading ids readable (``x_m``).
    """
    out: list[Segment] = []
    line_start = ""  # the current line's text before the segment
    for segment in split(markdown):
        text = segment.text
        if segment.kind in ("math", "display_math") and not _HEADING_START.match(line_start):
            display = segment.kind == "display_math"
            tex = (text[2:-2] if display else text[1:-1]).strip()
            code = base64.b32hexencode(tex.encode()).decode().rstrip("=").lower()
            text = f"xzm{'d' if display else 'i'}{code}zx"
        out.append(Segment(segment.kind, text, segment.line))
        line_start = (line_start + text).rpartition("\n")[2]
    return join(out)


def _token_tex(match: re.Match[str]) -> str:
    code = match.group("code").upper()
    return base64.b32hexdecode(code + "=" * (-len(code) % 8)).decode()


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_DISPLAY_LINE = re.compile(r"(?:^|\n)[ \t]*(xzmd[0-9a-v]*zx)[ \t]*(?=\n|$)")


def tokens_to_mathml(page_html: str) -> tuple[str, list[str]]:
    """Replace the tokens of :func:`math_to_tokens` by MathML; return the failures too.

    A ``$$…$$`` token on a line of its own becomes a display block, closing the
    paragraph around it; one inside running text (or alone in a table cell or
    a tight list item) is inline math in display style.
    """
    failures: list[str] = []

    def mathml(match: re.Match[str], *, block: bool = False) -> str:
        tex = _token_tex(match)
        display = match.group("kind") == "d"
        try:
            if block:
                return f'<div class="math-display">{latex_to_mathml(tex, display=True)}</div>'
            return latex_to_mathml(rf"\displaystyle {tex}" if display else tex, display=False)
        except ValueError as error:
            failures.append(str(error))
            return html.escape(f"$${tex}$$" if display else f"${tex}$")

    def paragraph(match: re.Match[str]) -> str:
        parts = _DISPLAY_LINE.split(match.group(1))
        if len(parts) == 1:
            return match.group(0)
        blocks = []
        for i, part in enumerate(parts):
            if i % 2:
                blocks.append(mathml(_TOKEN.fullmatch(part), block=True))  # type: ignore[arg-type]
            elif part.strip():
                blocks.append(f"<p>{part.strip()}</p>")
        return "\n".join(blocks)

    page_html = _PARAGRAPH.sub(paragraph, page_html)
    return _TOKEN.sub(mathml, page_html), failures


@functools.lru_cache(maxsize=4096)  # the same formula is met in each language's build
def latex_to_mathml(tex: str, *, display: bool) -> str:
    """MathML for one formula; ``ValueError`` names the formula if it cannot convert."""
    try:
        mathml = convert(tex.strip(), display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many exception types
        msg = f"cannot convert LaTeX to MathML: {tex.strip()!r} ({type(error).__name__})"
        raise ValueError(msg) from error
    unknown = _UNKNOWN_COMMAND.search(mathml)
    if unknown:  # latex2mathml prints commands it does not know as text
        msg = f"cannot convert LaTeX to MathML: {tex.strip()!r} (unknown command {unknown.group(1)})"
        raise ValueError(msg)
    return styled_as_characters(mathml)


def styled_character(char: str, variant: str) -> str:
    """``char`` in the mathematical alphanumeric style ``variant``, or itself if it has none."""
    if (variant, char) in _LETTERLIKE:
        return _LETTERLIKE[variant, char]
    code = ord(char)
    if variant in _LATIN_STYLES and ("A" <= char <= "Z" or "a" <= char <= "z"):
        offset = code - ord("A") if char <= "Z" else 26 + code - ord("a")
        return chr(0x1D400 + 52 * _LATIN_STYLES.index(variant) + offset)
    if variant in _GREEK_STARTS and (0x391 <= code <= 0x3A9 or 0x3B1 <= code <= 0x3C9):
        offset = code - 0x391 if code <= 0x3A9 else 26 + code - 0x3B1
        return chr(_GREEK_STARTS[variant] + offset)
    if variant in _DIGIT_STARTS and "0" <= char <= "9":
        return chr(_DIGIT_STARTS[variant] + code - ord("0"))
    return char


def styled_as_characters(mathml: str) -> str:
    """MathML with each ``mathvariant`` other than normal spelled in styled characters."""
    def restyle(match: re.Match[str]) -> str:
        variant = match["variant"]
        if variant == "normal":
            return match[0]
        text = "".join(styled_character(c, variant) for c in html.unescape(match["text"]))
        tag = match["tag"]
        return f"<{tag}{match['before']}{match['after']}>{html.escape(text, quote=False)}</{tag}>"
    return _STYLED.sub(restyle, mathml)


def arithmatex_to_mathml(page_html: str) -> tuple[str, list[str]]:
    """Replace arithmatex's spans and divs by MathML; return the failures too."""
    failures: list[str] = []

    def replace(match: re.Match[str]) -> str:
        tex = html.unescape(match.group("tex"))
        display = match.group("open") == "["
        try:
            mathml = latex_to_mathml(tex, display=display)
        except ValueError as error:
            failures.append(str(error))
            return match.group(0)
        return f'<div class="math-display">{mathml}</div>' if display else mathml

    return _ARITHMATEX.sub(replace, page_html), failures


def math_problems(markdown: str) -> list[tuple[int, str]]:
    """``(line, message)`` for every formula in prose that will not convert."""
    problems = []
    for segment in split(markdown):
        if segment.kind in ("math", "display_math"):
            tex = segment.text.strip("$")
            try:
                latex_to_mathml(tex, display=segment.kind == "display_math")
            except ValueError as error:
                problems.append((segment.line, str(error)))
    return problems


@functools.lru_cache(maxsize=1024)  # each build asks for every note's formulas
def formulas(markdown: str) -> tuple[str, ...]:
    """MathML of every formula that converts, for choosing the font's characters."""
    found = []
    for segment in split(markdown):
        if segment.kind in ("math", "display_math"):
            try:
                found.append(latex_to_mathml(segment.text.strip("$"), display=False))
            except ValueError:
                continue  # reported by math_problems with its line
    return tuple(found)


_INLINE_TEX = re.compile(r"\\\((.+?)\\\)")
_MATHML_TEXT = re.compile(r">([^<]+)<")


def math_as_text(title: str) -> str:
    """A heading's plain text with ``\\(…\\)`` formulas read out as their symbols.

    Used where HTML cannot go (a toc label, an aria-label): ``\\(x_m\\)`` → ``xm``.
    """
    def symbols(match: re.Match[str]) -> str:
        try:
            mathml = latex_to_mathml(html.unescape(match.group(1)), display=False)
        except ValueError:
            return match.group(1)
        return "".join(html.unescape(t) for t in _MATHML_TEXT.findall(mathml))

    return _INLINE_TEX.sub(symbols, title)
