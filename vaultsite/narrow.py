# Figures on phones: how large a figure's smallest label is drawn at a given
# width, and the phone layout of a figure (its panels stacked in one column,
# narrow enough to be shown at its natural size, so labels keep their size).
from __future__ import annotations

import html
import re
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PHONE_VIEWPORT = 390  # px: the phone the issue measured on
# Material's article column at 390 px: the viewport less .md-content__inner's 2 × .8rem (16 px)
PHONE_CONTENT_WIDTH = PHONE_VIEWPORT - 2 * 16
READABLE_PX = 9.0  # the smallest label size a reader can make out
# Where the narrow variant is served: Material's phone layout (up to its 45em breakpoint;
# an em of a media query is the browser's 16 px)
PHONE_MEDIA_EM = 44.984375
PHONE_MEDIA = f"(max-width: {PHONE_MEDIA_EM}em)"
# 3.4 in = 244.8 pt = 326.4 px: shown at its natural size in the column of a
# 360 px phone (328 px), where a label keeps pt × 4/3 px: 7 pt (the exponent
# of a 10 pt tick label) is 9.3 px
NARROW_WIDTH_IN = 3.4
PANEL_HEIGHT_IN = 2.9  # each stacked panel; a wide panel is 3 to 4.6 in tall
_VIEWBOX_WIDTH = re.compile(r'<svg\b[^>]*?\bviewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"')
_SVG_WIDTH = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)(pt|px)?"')
_FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)px")


def smallest_font_size(svg: str) -> float | None:
    """The smallest font size of the SVG's text, in its own units; None without text."""
    sizes = [float(size) for size in _FONT_SIZE.findall(svg)]
    return min(sizes) if sizes else None


def natural_width(svg: str) -> float:
    """The SVG's width in CSS px (matplotlib writes it in pt, 4/3 px each)."""
    match = _SVG_WIDTH.search(svg)
    if match is None:
        msg = "the SVG has no width"
        raise ValueError(msg)
    return float(match.group(1)) * (4 / 3 if match.group(2) == "pt" else 1)


def displayed_width(svg: str, column: float) -> float:
    """How wide an ``<img>`` of the SVG is shown in a column: its natural width, never wider."""
    return min(natural_width(svg), column)


def smallest_text_px(svg: str, width: float) -> float | None:
    """The smallest label's font size in CSS px when the SVG is drawn ``width`` px wide.

    Text is sized in the units of the viewBox, which the image scales to its width.
    """
    smallest = smallest_font_size(svg)
    viewbox = _VIEWBOX_WIDTH.search(svg)
    if smallest is None or viewbox is None:
        return None
    return smallest * width / float(viewbox.group(1))


def phone_text_px(wide: str, narrow: str | None, *, scrolls: bool) -> float | None:
    """The smallest label in px of the figure a 390 px phone is served.

    Its phone layout if it has one (shown no wider than the column); else the
    wide figure, at its natural size where it scrolls sideways, shrunk to the
    column where it does not.
    """
    if narrow is not None:
        return smallest_text_px(narrow, displayed_width(narrow, PHONE_CONTENT_WIDTH))
    if scrolls:
        return smallest_text_px(wide, natural_width(wide))
    return smallest_text_px(wide, displayed_width(wide, PHONE_CONTENT_WIDTH))


def needs_narrow_variant(svg: str) -> bool:
    """Whether the figure's smallest label falls below READABLE_PX on a 390 px phone."""
    size = smallest_text_px(svg, displayed_width(svg, PHONE_CONTENT_WIDTH))
    return size is not None and size < READABLE_PX


def can_stack(figure: Figure) -> bool:
    """Whether the figure's panels are plots that can be stacked in one column.

    A diagram (an axes with its axis turned off) places its text for its width;
    narrowed, the text would spill over its shapes. Panels without a place in
    the figure's grid (colorbars, insets) would not follow their plot.
    """
    return bool(figure.axes) and all(ax.axison and ax.get_subplotspec() is not None
                                     for ax in figure.axes)


def stack_for_phone(figure: Figure) -> None:
    """Re-lay the figure out for a phone: panels in one column, NARROW_WIDTH_IN wide.

    A legend placed beside its panel (anchored outside it) moves under the
    figure, where it takes the full width instead of squeezing the plot; so
    does the bottom panel's legend, which on a panel this narrow would cover
    much of the plot.
    Fonts keep their size: the figure is shown at its natural size.
    """
    grid = figure.add_gridspec(len(figure.axes), 1)
    for row, ax in enumerate(figure.axes):
        ax.set_subplotspec(grid[row, 0])
    for ax in figure.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        anchor = legend.get_bbox_to_anchor()  # display units, like the axes' box
        beside = anchor.x0 >= ax.bbox.x1 or anchor.x1 <= ax.bbox.x0
        if not (beside or ax is figure.axes[-1]):
            continue
        texts = legend.get_texts()
        size = float(texts[0].get_fontsize()) if texts else 10.0
        # an entry matplotlib had no handle for (None) was not shown, and is not now
        entries = [(handle, fit_label(text.get_text(), size))
                   for handle, text in zip(legend.legend_handles, texts, strict=True)
                   if handle is not None]
        legend.remove()
        figure.legend([handle for handle, _ in entries], [label for _, label in entries],
                      loc="outside lower center", title=legend.get_title().get_text() or None,
                      fontsize=size)
    for ax in figure.axes:  # a title wider than the narrow figure breaks into lines
        ax.title.set_wrap(True)
    figure.set_size_inches(NARROW_WIDTH_IN, PANEL_HEIGHT_IN * len(figure.axes))
    legends = figure.legends
    if legends:  # the legend gets its own height under the panels
        figure.draw_without_rendering()
        extra = sum(legend.get_window_extent().height for legend in legends) / figure.dpi
        figure.set_size_inches(NARROW_WIDTH_IN, PANEL_HEIGHT_IN * len(figure.axes) + extra)



def fit_label(label: str, font_size: float) -> str:
    """A legend label broken into lines that fit the narrow figure beside their handle.

    A character of DejaVu Sans is at most about 0.6 em wide on average; the
    handle and the frame take about 50 pt. Formulas ($…$) are left whole.
    """
    if "$" in label:
        return label
    width = int((NARROW_WIDTH_IN * 72 - 50) / (0.6 * font_size))
    return "\n".join(textwrap.wrap(label, width)) or label


# --- figures in notebook outputs: the phone layout of the same call ---

_CELL_START = '<div class="jp-Cell '
_CODE = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_FIGURE_CALL = re.compile(r"(\w+\.\w+)\(\"([a-z]{2})\"\)")
_SVG_OUTPUT = re.compile(r'<img\b[^>]*?\bsrc="data:image/svg\+xml;base64,[^"]*"[^>]*>')


def _cell_call(cell: str) -> tuple[str, str] | None:
    """``(module.function, lang)`` when the cell's code is that one call and nothing else."""
    code = _CODE.search(cell)
    if code is None:
        return None
    call = _FIGURE_CALL.fullmatch(html.unescape(_TAG.sub("", code.group(1))).strip())
    return (call.group(1), call.group(2)) if call else None


def notebook_figure_calls(notebook_html: str) -> list[tuple[str, str]]:
    """The ``(module.function, lang)`` of each cell that is one figure call with an SVG output."""
    return [call for cell in notebook_html.split(_CELL_START)[1:]
            if (call := _cell_call(cell)) is not None and _SVG_OUTPUT.search(cell)]


def notebook_phone_pictures(notebook_html: str,
                            phone_sources: dict[tuple[str, str], tuple[str, int, int]]) -> str:
    """Each figure output whose call has a phone layout becomes a ``<picture>`` serving it.

    ``phone_sources`` gives the layout's URL from the page, its width and height.
    The notebook draws the same call the site drew; on a phone its output is
    the same figure laid out for the phone, as on the concept pages.
    """
    cells = notebook_html.split(_CELL_START)
    for index, cell in enumerate(cells[1:], start=1):
        call = _cell_call(cell)
        if call is None or call not in phone_sources:
            continue
        url, width, height = phone_sources[call]
        source = (f'<source media="{PHONE_MEDIA}" srcset="{url}" width="{width}" '
                  f'height="{height}">')
        output = _SVG_OUTPUT.search(cell)
        if output is not None:
            cells[index] = (f"{cell[:output.start()]}<picture>{source}{output.group(0)}</picture>"
                            f"{cell[output.end():]}")
    return _CELL_START.join(cells)
