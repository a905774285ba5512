# LaTeX → MathML at build time, so math needs no script and no network.
#
# In Markdown, ``$$…$$`` written inside a line or on a single line (as the notes
# do) is first put in a form arithmatex understands; after Markdown, each
# arithmatex span is replaced by MathML from latex2mathml.
from __future__ import annotations

import functools
import html
import re

from latex2mathml.converter import convert

from vaultsite.segments import Segment, join, split

_UNKNOWN_COMMAND = re.compile(r">(\\[A-Za-z]+)<")
_LINE_START = re.compile(r"(?:^|\n)(?P<indent>[ \t]*(?:[-*+]|\d+[.)])?[ \t]*)$")
_ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.DOTALL,
)


def normalize_display_math(markdown: str) -> str:
    """Give every ``$$…$$`` a form arithmatex renders.

    On a line of its own (after an optional list marker) it becomes a block
    with ``$$`` fences on their own lines and blank lines around; inside running
    text it becomes inline math in display style.
    """
    segments = split(markdown)
    out: list[Segment] = []
    for i, segment in enumerate(segments):
        if segment.kind != "display_math":
            out.append(segment)
            continue
        tex = segment.text[2:-2].strip()
        before = "".join(s.text for s in out)
        after = segments[i + 1].text if i + 1 < len(segments) else ""
        start = _LINE_START.search(before)
        ends_line = after == "" or after.lstrip(" \t").startswith("\n")
        if start and ends_line:
            marker = start.group("indent")
            pad = " " * len(marker)
            block = f"\n\n{pad}$$\n{pad}{tex}\n{pad}$$\n"
            text = (block if not marker.strip() else "\n" + block)
            out.append(Segment("display_math", text, segment.line))
        else:
            out.append(Segment("math", f"$\\displaystyle {tex}$", segment.line))
    return join(out)


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
    return mathml


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


def formulas(markdown: str) -> list[str]:
    """MathML of every formula that converts, for choosing the font's characters."""
    found = []
    for segment in split(markdown):
        if segment.kind in ("math", "display_math"):
            try:
                found.append(latex_to_mathml(segment.text.strip("$"), display=False))
            except ValueError:
                continue  # reported by math_problems with its line
    return found


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
