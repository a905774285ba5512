"""Figures on phones: label sizes, the phone layout, the <picture> serving it, the zoom dialog."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pytest

from snippets.plotting import new_figure
from vaultsite.embed import expand_blocks, narrow_pictures
from vaultsite.figures import FigureFile, cached_figure
from vaultsite.narrow import (
    NARROW_WIDTH_IN,
    PANEL_HEIGHT_IN,
    PHONE_MEDIA_EM,
    PHONE_VIEWPORT,
    can_stack,
    displayed_width,
    fit_label,
    natural_width,
    needs_narrow_variant,
    notebook_figure_calls,
    notebook_phone_pictures,
    phone_text_px,
    smallest_font_size,
    smallest_text_px,
    stack_for_phone,
)
from vaultsite.zoom import add_zoom_dialog

# The shape matplotlib writes: size in pt, a viewBox in pt, text sized in px of the viewBox
WIDE = ('<svg width="648pt" height="259.2pt" viewBox="0 0 648 259.2">'
        '<text style="font-size: 10px; font-family: \'DejaVu Sans\'">loss</text>'
        '<text><tspan style="font-size: 10px">10</tspan><tspan style="font-size: 7px">2</tspan>'
        "</text></svg>")
NARROW = ('<svg width="244.8pt" height="300pt" viewBox="0 0 244.8 300">'
          '<text style="font-size: 7px">2</text></svg>')


def test_smallest_font_size_reads_every_text_and_tspan() -> None:
    """The smallest font size is the 7 px superscript, not the 10 px label."""
    assert smallest_font_size(WIDE) == 7.0


def test_svg_without_text_has_no_text_size() -> None:
    """An SVG whose text is drawn as paths has no font size to measure."""
    assert (smallest_font_size("<svg/>"),
            smallest_text_px('<svg width="10pt" viewBox="0 0 10 10"/>', 10)) == (None, None)


def test_natural_width_is_points_times_four_thirds() -> None:
    """648 pt is 864 CSS px; a width in px stays as it is."""
    assert (natural_width(WIDE), natural_width('<svg width="300px" viewBox="0 0 1 1">')) \
        == (864.0, 300.0)


def test_image_is_shown_no_wider_than_its_natural_size() -> None:
    """An 864 px figure shrinks to a 358 px column; in a 1000 px column it stays 864 px."""
    assert (displayed_width(WIDE, 358), displayed_width(WIDE, 1000)) == (358, 864.0)


def test_text_scales_with_the_shown_width() -> None:
    """7 px in a 648-unit viewBox shown 358 px wide is 7 × 358 / 648 ≈ 3.87 px."""
    assert smallest_text_px(WIDE, 358) == pytest.approx(3.8673, abs=1e-4)


def test_phone_is_served_the_narrow_layout_at_natural_size() -> None:
    """At its natural 326.4 px a 7 pt label is 7 × 4/3 ≈ 9.33 px; the wide figure's is 3.87 px."""
    assert phone_text_px(WIDE, NARROW, scrolls=False) == pytest.approx(9.3333, abs=1e-4)
    assert phone_text_px(WIDE, None, scrolls=False) == pytest.approx(3.8673, abs=1e-4)


def test_scrolling_figure_keeps_its_natural_size_on_a_phone() -> None:
    """A figure that scrolls sideways is 864 px wide: its 7 px label is 7 × 864 / 648 ≈ 9.33 px."""
    assert phone_text_px(WIDE, None, scrolls=True) == pytest.approx(9.3333, abs=1e-4)


def test_narrow_variant_is_needed_only_below_nine_px() -> None:
    """The 864 px figure needs one (3.87 px); 10 px text in 300 pt shown at 358 px (11.9) not."""
    small = '<svg width="300pt" viewBox="0 0 300 200"><text style="font-size: 10px">a</text></svg>'
    assert (needs_narrow_variant(WIDE), needs_narrow_variant(small)) == (True, False)


def test_phone_breakpoint_takes_in_a_390_px_phone_and_no_desktop() -> None:
    """The phone layout is served at 390 px and not at 1280 px (an em is 16 px in a media query)."""
    assert PHONE_VIEWPORT < PHONE_MEDIA_EM * 16 < 1280


def test_plots_stack_and_diagrams_do_not() -> None:
    """Side-by-side plots can be stacked; a panel with its axis turned off cannot."""
    plots, _ = new_figure(2)
    diagram, (ax,) = new_figure()
    ax.axis("off")
    assert (can_stack(plots), can_stack(diagram)) == (True, False)


def test_stacked_panels_form_one_narrow_column() -> None:
    """Two side-by-side panels end up one above the other, in a figure NARROW_WIDTH_IN wide."""
    figure, (left, right) = new_figure(2, width=9.0, height=3.6)
    for ax in (left, right):
        ax.plot([0, 1], [0, 1])
    stack_for_phone(figure)
    figure.draw_without_rendering()
    top, bottom = left.get_position(), right.get_position()
    assert tuple(figure.get_size_inches()) == (NARROW_WIDTH_IN, 2 * PANEL_HEIGHT_IN)
    assert top.y0 > bottom.y1 and abs(top.x0 - bottom.x0) < 0.05


def test_legend_beside_its_panel_moves_under_the_figure() -> None:
    """A legend anchored right of its axes becomes a figure legend with the same labels and size."""
    figure, (ax,) = new_figure(width=8.6, height=3.8)
    ax.plot([0, 1], [0, 1], label="loss L(t)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    figure.draw_without_rendering()
    stack_for_phone(figure)
    (legend,) = figure.legends
    assert ax.get_legend() is None
    assert [(t.get_text(), t.get_fontsize()) for t in legend.get_texts()] == [("loss L(t)", 8.0)]
    assert figure.get_size_inches()[1] > PANEL_HEIGHT_IN  # the legend got its own height


def test_legend_inside_an_upper_panel_stays() -> None:
    """Only the bottom panel's legend moves under the figure; the top panel keeps its own."""
    figure, (top, bottom) = new_figure(2)
    top.plot([0, 1], label="a")
    top.legend(loc="upper right")
    bottom.plot([0, 1], label="b")
    bottom.legend(loc="upper right")
    figure.draw_without_rendering()
    stack_for_phone(figure)
    assert top.get_legend() is not None and bottom.get_legend() is None
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["b"]


def test_long_legend_label_breaks_between_words() -> None:
    """At 10 pt a line holds (244.8 − 50) / 6 = 32 characters; a formula is never broken."""
    label = "квадратичная модель (градиент + Гессе)"
    assert fit_label(label, 10) == "квадратичная модель (градиент +\nГессе)"
    assert fit_label("$L(x) = e^{-x}$ and a long text after the formula", 10) \
        == "$L(x) = e^{-x}$ and a long text after the formula"


def test_figure_with_a_phone_layout_becomes_a_picture() -> None:
    """The image MkDocs wrote gets a <source> for phones beside its own, relative, file."""
    narrow = FigureFile(Path("n.svg"), "assets/figures/f.en.1.narrow.svg", 326, 400)
    figure = FigureFile(Path("f.svg"), "assets/figures/f.en.1.svg", 864, 300, narrow)
    other = FigureFile(Path("g.svg"), "assets/figures/g.en.1.svg", 500, 300)
    html = ('<img alt="A" height="300" src="../../assets/figures/f.en.1.svg" width="864" />\n'
            '<img alt="B" src="../../assets/figures/g.en.1.svg" />')
    assert narrow_pictures(html, [figure, other]) == (
        '<picture><source media="(max-width: 44.984375em)" '
        'srcset="../../assets/figures/f.en.1.narrow.svg" width="326" height="400">'
        '<img alt="A" height="300" src="../../assets/figures/f.en.1.svg" width="864" />'
        "</picture>\n"
        '<img alt="B" src="../../assets/figures/g.en.1.svg" />')


def test_diagram_without_phone_layout_is_marked_to_scroll(tmp_path: Path) -> None:
    """A figure that scrolls on phones gets the class the stylesheet scrolls."""
    figure = FigureFile(tmp_path / "f.svg", "assets/figures/f.svg", 864, 442, None, True)
    out, _ = expand_blocks("```figure\ntechniques_map.map_figure\nMap.\n```", page_path="a.md",
                           lang="en", figures={"techniques_map.map_figure": figure})
    assert out.startswith(
        '<figure class="vault-figure vault-figure--scroll" markdown="span">\n'
        '![Map.](assets/figures/f.svg){ width="864" height="442" loading="lazy" }')


def test_plot_is_cached_with_its_phone_layout(tmp_path: Path) -> None:
    """A plot with small labels gets a narrow SVG beside it, NARROW_WIDTH_IN (326 px) wide."""
    figure, drawn = cached_figure("adagrad.units_figure", "en", cache_dir=tmp_path)
    assert drawn and figure.narrow is not None and not figure.scrolls_on_phones
    assert figure.narrow.site_path == figure.site_path.removesuffix(".svg") + ".narrow.svg"
    assert figure.narrow.width == round(NARROW_WIDTH_IN * 96) and figure.narrow.cache_path.exists()
    again, drawn_again = cached_figure("adagrad.units_figure", "en", cache_dir=tmp_path)
    assert (again, drawn_again) == (figure, False)


def test_diagram_is_cached_without_phone_layout(tmp_path: Path) -> None:
    """The map of techniques (axis off) has no narrow SVG and scrolls on phones."""
    figure, _ = cached_figure("techniques_map.map_figure", "en", cache_dir=tmp_path)
    assert (figure.narrow, figure.scrolls_on_phones) == (None, True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [figure.cache_path.name]


def test_page_with_figures_gets_the_dialog_in_its_language() -> None:
    """The closed dialog, its name and its close button are written in the page's language."""
    page = '<article><figure class="vault-figure">…</figure></article>\n</body>\n</html>'
    assert add_zoom_dialog(page, "ru") == (
        '<article><figure class="vault-figure">…</figure></article>\n'
        '<dialog class="vault-zoom" aria-label="Рисунок в полный размер" '
        'data-open-label="Открыть рисунок в полный размер">'
        '<button class="vault-zoom__close" type="button">'
        '<span aria-hidden="true">×</span> Закрыть</button>'
        '<div class="vault-zoom__view"></div></dialog>\n</body>\n</html>')


def test_page_without_figures_gets_no_dialog() -> None:
    """A page with no figure and no notebook output is left as it was."""
    page = "<article><p>text</p></article>\n</body>\n</html>"
    assert add_zoom_dialog(page, "zh") == page


def test_built_pages_serve_phone_layouts_and_the_dialog(
        clean_build: tuple[Path, Path, str]) -> None:
    """In the real site each plot is a <picture> whose phone SVG exists; the map scrolls."""
    site = clean_build[0]
    page = (site / "zh" / "stopping-conditions" / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<picture><source media="\(max-width: 44\.984375em\)" '
                         r'srcset="\.\./\.\./(assets/figures/[^"]+\.narrow\.svg)"', page)
    assert len(sources) == page.count('<figure class="vault-figure">') == 2
    assert all((site / source).exists() for source in sources)
    assert page.count('<dialog class="vault-zoom" aria-label="原尺寸图"') == 1
    assert page.index("</dialog>") < page.index("</body>")
    diagram = (site / "techniques-map" / "index.html").read_text(encoding="utf-8")
    assert '<figure class="vault-figure vault-figure--scroll">' in diagram
    assert "<picture>" not in diagram


# Two notebook cells as nbconvert's lab template writes them: a figure call and other code
FIGURE_CELL = ('<div class="jp-Cell jp-CodeCell jp-Notebook-cell" id="cell-id=cell-3">'
               '<pre><span></span><code><span class="n">momentum</span><span class="o">.</span>'
               '<span class="n">escape_figure</span><span class="p">(</span>'
               '<span class="s2">&quot;en&quot;</span><span class="p">)</span>\n</code></pre>'
               '<div class="jp-RenderedSVG"><img alt="A" src="data:image/svg+xml;base64,PHN2Zz4=">'
               "</div></div>")
OTHER_CELL = ('<div class="jp-Cell jp-CodeCell jp-Notebook-cell" id="cell-id=cell-5">'
              "<pre><code>race = run()\nrace.plot()</code></pre>"
              '<div class="jp-RenderedSVG"><img alt="A" src="data:image/svg+xml;base64,PHN2Zz4=">'
              "</div></div>")


def test_notebook_cells_that_call_one_figure_are_found() -> None:
    """A cell of one call module.figure("en") with an SVG output counts; other code does not."""
    assert notebook_figure_calls("<div>" + FIGURE_CELL + OTHER_CELL) == [
        ("momentum.escape_figure", "en")]


def test_notebook_figure_gets_its_phone_layout() -> None:
    """The call's output img is wrapped in a <picture> with the phone layout; other cells stay."""
    out = notebook_phone_pictures(FIGURE_CELL + OTHER_CELL, {
        ("momentum.escape_figure", "en"): ("../../assets/figures/m.narrow.svg", 326, 500)})
    assert out == FIGURE_CELL.replace(
        '<img alt="A"', '<picture><source media="(max-width: 44.984375em)" '
        'srcset="../../assets/figures/m.narrow.svg" width="326" height="500"><img alt="A"').replace(
        'PHN2Zz4=">', 'PHN2Zz4="></picture>') + OTHER_CELL


def test_lab_pages_serve_phone_layouts_for_small_notebook_figures(
        clean_build: tuple[Path, Path, str]) -> None:
    """On every Lab page, each notebook figure too small on a phone is served its phone layout."""
    site = clean_build[0]
    checked = 0
    for page_file in sorted(site.glob("**/lab/*/index.html")):
        page = page_file.read_text(encoding="utf-8")
        for match in re.finditer(r'(<picture><source media="[^"]*" srcset="([^"]*)"[^>]*>)?'
                                 r'<img\b[^>]*?src="data:image/svg\+xml;base64,([^"]*)"', page):
            svg = base64.b64decode(html.unescape(match.group(3))).decode()
            if match.group(2):
                phone = (page_file.parent / match.group(2)).resolve()
                assert phone.is_file(), (page_file, match.group(2))
                narrow = phone.read_text(encoding="utf-8")
                assert phone_text_px(svg, narrow, scrolls=False) >= 9.0  # type: ignore[operator]
            else:
                assert not needs_narrow_variant(svg), (page_file, svg[:200])
            checked += 1
    assert checked > 3 * 30  # about 35 notebook figures, in each language
