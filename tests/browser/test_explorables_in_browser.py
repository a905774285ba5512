"""Explorable figures in Chromium: keyboard and drag redraw the path from the data, fast enough."""

from __future__ import annotations

import re
import statistics
from typing import Any

import pytest

PAGES = ("step-size/", "momentum/", "rmsprop/", "adam/", "lr-scheduling/", "batch-size/")
BUDGET_MS = 50.0  # per slider move, with the CPU throttled 4×
SWEEPS = 5


def _open(page: Any, url: str) -> Any:
    """Load the page, scroll the explorable's figure into view, wait for its data; the box."""
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(url)
    box = page.locator(".vault-explorable").first
    box.evaluate("b => (b.previousElementSibling || b.parentElement).scrollIntoView()")
    page.wait_for_selector(".vault-explorable[data-frame]:not([hidden])")
    return box


def _drawn(box: Any) -> list[list[tuple[float, float]]]:
    """Every path a frame drew as its points (a marker circle by its centre, where it starts)."""
    paths = box.locator(".vault-explorable__chart g:not(.vault-explorable__background) > path"
                        ).evaluate_all(
        "ps => ps.map(p => p.getAttribute('d'))")
    return [[(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", d)]
            for d in paths]


def _expected(page: Any, box: Any) -> list[list[tuple[float, float]]]:
    """The current frame's series from the JSON, mapped into each panel's frame rectangle."""
    data = page.evaluate("src => fetch(src).then(r => r.json())", box.get_attribute("data-src"))
    frame = data["frames"][int(box.get_attribute("data-frame"))]
    rect = box.locator(".vault-explorable__frame").first.evaluate(
        "r => ['x', 'y', 'width', 'height'].map(a => +r.getAttribute(a))")
    left, top, width, height = rect
    levels = data["levels"]
    drawn: list[list[tuple[float, float]]] = []
    for _, _, style, flat in frame["s"]:
        points, last = [], None
        for x, y in zip(flat[::2], flat[1::2], strict=True):
            if x is None:
                last = None
                continue
            last = (x, y) if last is None else (last[0] + x, last[1] + y)
            points.append((left + last[0] / levels * width, top + (1 - last[1] / levels) * height))
        if style != "markers":
            drawn.append(points)
        if style in ("markers", "both"):
            drawn.append(points)  # each circle starts at its centre
    return drawn


def _matches(drawn: list[list[tuple[float, float]]],
             expected: list[list[tuple[float, float]]]) -> bool:
    return len(drawn) == len(expected) and all(
        len(d) == len(e) and all(abs(a - c) <= 0.06 and abs(b - f) <= 0.06
                                 for (a, b), (c, f) in zip(d, e, strict=True))
        for d, e in zip(drawn, expected, strict=True))


@pytest.mark.parametrize("path", PAGES)
def test_keyboard_and_drag_redraw_the_path_from_the_data(page: Any, site_url: str,
                                                         path: str) -> None:
    """Arrow keys and a drag of the first slider each change the drawn path, equal to the data."""
    box = _open(page, f"{site_url}/{path}")
    slider = box.locator('input[type="range"]').first
    before = _drawn(box)
    assert _matches(before, _expected(page, box))
    start = int(slider.input_value())
    slider.focus()
    page.keyboard.press("ArrowLeft" if start > 0 else "ArrowRight")
    after_key = _drawn(box)
    assert int(slider.input_value()) == (start - 1 if start > 0 else start + 1)
    assert after_key != before
    assert _matches(after_key, _expected(page, box))
    assert slider.get_attribute("aria-valuetext") == box.locator(
        'input[type="number"]').first.input_value() + (
        " " + slider.get_attribute("data-unit") if slider.get_attribute("data-unit") else "")
    handle = slider.bounding_box()
    page.mouse.move(handle["x"] + 4, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(handle["x"] + handle["width"] - 2, handle["y"] + handle["height"] / 2, steps=8)
    page.mouse.up()
    assert int(slider.input_value()) == int(slider.get_attribute("max"))
    after_drag = _drawn(box)
    assert after_drag != after_key
    assert _matches(after_drag, _expected(page, box))
    assert page.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_axes_say_what_the_static_figure_says(page: Any, site_url: str, path: str) -> None:
    """Each chart's tick words are the shipped ones, in order, and the static figure shows them."""
    box = _open(page, f"{site_url}/{path}")
    data = page.evaluate("src => fetch(src).then(r => r.json())", box.get_attribute("data-src"))
    figure_svg = page.evaluate(
        "img => fetch(img.currentSrc).then(r => r.text())",
        box.evaluate_handle("b => { let e = b.previousElementSibling; "
                            "while (!e.matches('.vault-figure')) e = e.previousElementSibling; "
                            "return e.querySelector('img'); }"))
    figure_words = set(re.findall(r"<text[^>]*>([^<]*)</text>", figure_svg))
    charts = box.locator(".vault-explorable__chart svg")
    assert charts.count() == len(data["panels"])
    for index, panel in enumerate(data["panels"]):
        drawn = charts.nth(index).locator(
            ".vault-explorable__axes text:not(.vault-explorable__label)").all_text_contents()
        shipped = [word for _, word in panel["xticks"]] + [word for _, word in panel["yticks"]]
        assert drawn == shipped
        assert set(shipped) <= figure_words
    assert page.errors == []


def test_the_legend_names_what_is_drawn(page: Any, site_url: str) -> None:
    """Adam's legend shows the dashed uncorrected run; with bias correction, Adam's solid line."""
    box = _open(page, f"{site_url}/adam/")
    legend = box.locator(".vault-explorable__legend li:not([hidden])")
    dashed = box.locator(".vault-explorable__chart path.vault-explorable__line--dashed")
    assert legend.all_inner_texts() == ["without bias correction"]
    assert dashed.count() == 1
    assert dashed.first.evaluate("p => getComputedStyle(p).strokeDasharray") == "6px, 4px"
    box.locator('input[type="checkbox"]').check()
    assert legend.all_inner_texts() == ["Adam (bias-corrected)"]
    assert dashed.count() == 0
    assert page.errors == []


def test_number_field_snaps_to_the_grid_and_words_show(page: Any, site_url: str) -> None:
    """Typing h = 1.13 picks the nearest grid step 1.15, which diverges: the box says so."""
    box = _open(page, f"{site_url}/step-size/")
    field = box.locator('input[type="number"]')
    field.fill("1.13")
    field.press("Enter")
    assert box.locator('input[type="range"]').input_value() == "22"  # 0.05 · 23 = 1.15
    assert field.input_value() == "1.15"
    assert box.locator('[data-number="distance"]').inner_text() == "diverged"
    assert box.locator('[data-number="stop"]').inner_text() == "never"


def test_russian_page_labels_and_words(page: Any, site_url: str) -> None:
    """On the Russian page the controls and the words are Russian."""
    box = _open(page, f"{site_url}/ru/step-size/")
    assert box.locator("label").first.inner_text() == "шаг h"
    box.locator('input[type="range"]').fill("23")
    assert box.locator('[data-number="distance"]').inner_text() == "расходится"


@pytest.mark.parametrize("path", PAGES)
def test_update_is_fast_with_the_cpu_throttled(page: Any, site_url: str, path: str) -> None:
    """Every slider move redraws, with layout, within 50 ms with Chromium's CPU throttled 4×."""
    box = _open(page, f"{site_url}/{path}")
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    sweeps = box.evaluate("""b => {
        const input = b.querySelector('input[type=range]'), sweeps = [];
        for (let sweep = 0; sweep < SWEEPS; sweep++) {
          const times = [];
          for (let k = 0; k <= Number(input.max); k++) {
            input.value = String(k);
            const start = performance.now();
            input.dispatchEvent(new Event('input'));
            // and the layout of what was drawn, which the browser does before painting
            b.querySelectorAll('path').forEach(p => p.getBBox());
            void b.offsetHeight;
            times.push(performance.now() - start);
          }
          sweeps.push(times);
        }
        return sweeps;
    }""".replace("SWEEPS", str(SWEEPS)))
    session.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    # the median of each move over the sweeps: another process taking the CPU for a
    # moment (the machine is shared) says nothing about the page
    times = [statistics.median(move) for move in zip(*sweeps, strict=True)]
    print(f"{path}: {len(times)} moves × {SWEEPS}, worst median {max(times):.1f} ms, mean "
          f"{statistics.mean(times):.1f} ms, worst single {max(map(max, sweeps)):.1f} ms "
          "(CPU 4× throttled)")
    assert max(times) <= BUDGET_MS


@pytest.mark.parametrize("path", PAGES)
def test_key_to_paint_is_fast_with_the_cpu_throttled(page: Any, site_url: str, path: str) -> None:
    """Arrow keys across the slider, CPU throttled 4×: the median key press reaches the screen
    within 50 ms (Chromium's Event Timing, key down to the frame that shows the new path)."""
    box = _open(page, f"{site_url}/{path}")
    slider = box.locator('input[type="range"]').first
    slider.focus()
    page.keyboard.press("Home")
    # Event Timing reports only events of 16 ms or more: the others count as 16
    page.evaluate("""() => { window.keyDowns = [];
        new PerformanceObserver(list => { for (const e of list.getEntries()) if (e.name ===
          "keydown") keyDowns.push(e.duration); }).observe({ type: "event", durationThreshold: 16 });
    }""")
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    moves = int(slider.get_attribute("max"))
    for _ in range(moves):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)  # one press at a time: a queue would time the queue
    session.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    assert slider.input_value() == slider.get_attribute("max")
    slow = page.evaluate("keyDowns")
    times = sorted([16.0] * (moves - len(slow)) + slow)
    print(f"{path}: {moves} key presses to paint, median {statistics.median(times):.0f} ms, "
          f"90th percentile {times[int(0.9 * (moves - 1))]:.0f} ms, worst {times[-1]:.0f} ms "
          "(CPU 4× throttled; 16 means at most 16)")
    assert statistics.median(times) <= BUDGET_MS


@pytest.mark.parametrize("path", PAGES)
def test_without_javascript_the_static_figure_shows(browser: Any, site_url: str,
                                                    path: str) -> None:
    """JavaScript off: the explorable's figure is drawn (its image loaded) and the controls hide."""
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site_url}/{path}")
    box = tab.locator(".vault-explorable")
    assert box.count() == 1
    figure = box.locator("xpath=preceding-sibling::figure[1]//img")
    figure.scroll_into_view_if_needed()
    tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    assert figure.is_visible()
    assert not box.is_visible()
    context.close()


def test_print_shows_the_static_figure_only(page: Any, site_url: str) -> None:
    """Printed, the loaded explorable is hidden and its static figure shows."""
    box = _open(page, f"{site_url}/adam/")
    page.emulate_media(media="print")
    assert not box.is_visible()
    assert box.locator("xpath=preceding-sibling::figure[1]//img").is_visible()
    page.emulate_media(media="screen")
    assert box.is_visible()


@pytest.mark.parametrize("path", ["ru/step-size/", "zh/adam/", "momentum/", "ru/batch-size/"])
def test_explorable_fits_a_dark_phone(browser: Any, site_url: str, path: str) -> None:
    """At 390 px in dark mode: nothing wider than the screen, labels ≥ 9 px, controls light on dark,
    the chart on white, and the number field works."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark",
                                  is_mobile=True, has_touch=True)
    tab = context.new_page()
    box = _open(tab, f"{site_url}/{path}")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    assert box.evaluate("b => b.getBoundingClientRect().right") <= 390
    sizes = box.locator(".vault-explorable__chart text").evaluate_all(
        "ts => ts.map(t => { const svg = t.ownerSVGElement; return parseFloat(getComputedStyle(t)"
        ".fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; })")
    assert sizes and min(sizes) >= 9
    label = box.locator(".vault-explorable__controls label").first
    red, green, blue = map(int, re.findall(r"\d+", label.evaluate("l => getComputedStyle(l).color"))[:3])
    assert min(red, green, blue) > 180  # light text on Material's slate background
    assert box.locator(".vault-explorable__chart svg").first.evaluate(
        "s => getComputedStyle(s).backgroundColor") == "rgb(255, 255, 255)"
    slider = box.locator('input[type="range"]').first
    field = box.locator('input[type="number"]').first
    field.fill(field.get_attribute("max"))  # the grid's last value
    field.press("Enter")
    assert slider.input_value() == slider.get_attribute("max")
    assert tab.errors == []
    context.close()


def test_data_loads_only_near_the_figure(page: Any, site_url: str) -> None:
    """Opening the page fetches no explorable data; scrolling to the figure fetches it once."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url) if "/explorables/" in r.url else None)
    page.goto(f"{site_url}/adam/")
    page.wait_for_load_state("networkidle")
    assert requested == []
    _open(page, f"{site_url}/adam/")
    assert len(requested) == 1
