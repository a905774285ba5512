"""Figures open full size (click, tap, keyboard) and stay readable on a 390 px phone."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.sitebuild import ROOT
from vaultsite.narrow import READABLE_PX, smallest_text_px


def _url(name: str) -> str:
    """The address of a note: adagrad.ru.md → ru/adagrad/, index.md → the root."""
    stem, *lang, _ = name.split(".")
    return "".join(f"{part}/" for part in [*lang, stem] if part != "index")


FIGURE_PAGES = sorted(_url(path.name) for path in (ROOT / "docs").glob("*.md")
                      if "```figure" in path.read_text(encoding="utf-8"))
OPENER = ".vault-figure .vault-zoom-open"
DIALOG = "dialog.vault-zoom"


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A 390 × 844 touch screen that refuses requests to other hosts."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith("http://127.0.0.1:") else route.abort())
    tab = context.new_page()
    yield tab
    context.close()


def _errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _load_images(page: Any) -> None:
    page.evaluate("""() => Promise.all([...document.images].map(img => {
        img.loading = "eager";
        return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
    }))""")


def _shown(page: Any) -> dict[str, Any]:
    """The open dialog's image: its file, alt text, width, and whether it loaded."""
    return page.evaluate("""() => {
        const img = document.querySelector('dialog.vault-zoom .vault-zoom__view img');
        return img && {src: img.getAttribute('src'), alt: img.alt, complete: img.complete,
                       natural: img.naturalWidth, width: img.getBoundingClientRect().width};
    }""")


def test_click_opens_the_wide_figure_and_escape_closes(page: Any, site_url: str) -> None:
    """A click shows the figure's own wide SVG with its alt text; Esc closes and refocuses it."""
    errors = _errors(page)
    page.goto(f"{site_url}/stopping-conditions/")
    figure = page.locator(".vault-figure img").first
    src, alt = figure.get_attribute("src"), figure.get_attribute("alt")
    page.locator(OPENER).first.click()
    page.wait_for_function("() => document.querySelector('.vault-zoom__view img')?.complete")
    shown = _shown(page)
    assert page.locator(DIALOG).evaluate("d => d.open")
    assert (shown["src"], shown["alt"]) == (src, alt) and shown["natural"] > 0
    page.keyboard.press("Escape")
    assert not page.locator(DIALOG).evaluate("d => d.open")
    assert page.evaluate("() => document.activeElement.matches('.vault-zoom-open')")
    assert errors == []


@pytest.mark.parametrize("key", ["Enter", " "])
def test_keyboard_opens_a_figure(page: Any, site_url: str, key: str) -> None:
    """Enter or Space on a focused figure opens it, with focus on the close button."""
    page.goto(f"{site_url}/adagrad/")
    page.locator(OPENER).first.focus()
    page.keyboard.press(key)
    assert page.locator(DIALOG).evaluate("d => d.open")
    assert page.evaluate("() => document.activeElement.matches('.vault-zoom__close')")


def test_close_button_is_labelled_in_the_page_language(page: Any, site_url: str) -> None:
    """On a Russian page the button says «Закрыть», and clicking it closes the dialog."""
    page.goto(f"{site_url}/ru/adagrad/")
    page.locator(OPENER).first.click()
    close = page.locator(".vault-zoom__close")
    assert close.inner_text().strip() == "× Закрыть"
    close.click()
    assert not page.locator(DIALOG).evaluate("d => d.open")


def test_phone_scrolls_the_full_size_figure_sideways(phone: Any, site_url: str) -> None:
    """At 390 px a tap shows the wide figure at its natural width, wider than the screen."""
    errors = _errors(phone)
    phone.goto(f"{site_url}/zh/step-size/")
    phone.locator(OPENER).first.tap()
    phone.wait_for_function("() => document.querySelector('.vault-zoom__view img')?.complete")
    shown = _shown(phone)
    width = phone.evaluate("() => document.querySelector('img[width]').getAttribute('width')")
    scroll = phone.locator(DIALOG).evaluate("d => [d.scrollWidth, d.clientWidth]")
    assert shown["width"] == pytest.approx(int(width), abs=1) and scroll[0] > scroll[1]
    assert errors == []


def test_every_notebook_figure_opens_on_a_phone(phone: Any, site_url: str) -> None:
    """On a Lab page each output figure, phone layout or not, is a button; a tap shows its wide SVG."""
    errors = _errors(phone)
    phone.goto(f"{site_url}/ru/lab/step-size-figures/")
    figures = phone.locator(".jupyter-wrapper .jp-RenderedSVG img")
    assert figures.count() == 5
    assert phone.locator(".jupyter-wrapper .vault-zoom-open img").count() == 5
    served = phone.locator(".jupyter-wrapper picture img").first
    wide = served.get_attribute("src")
    served.scroll_into_view_if_needed()
    phone.locator(".jupyter-wrapper picture").first.tap()
    phone.wait_for_function("() => document.querySelector('.vault-zoom__view img')?.complete")
    assert phone.locator(DIALOG).evaluate("d => d.open")
    assert _shown(phone)["src"] == wide and not wide.endswith(".narrow.svg")
    assert errors == []


def test_without_javascript_figures_show_as_before(browser: Any, site_url: str) -> None:
    """With scripts off a figure is a plain image (no button) and the dialog stays closed."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/adagrad/")
    assert page.locator(".vault-zoom-open").count() == 0
    assert page.locator(".vault-figure img").first.is_visible()
    assert not page.locator(DIALOG).is_visible()
    context.close()


@pytest.mark.parametrize("path", FIGURE_PAGES)
def test_every_label_is_readable_on_a_390_px_phone(phone: Any, site_url: str, path: str) -> None:
    """Each figure as the phone shows it (file chosen, width drawn) has labels of 9 px or more."""
    phone.goto(f"{site_url}/{path}")
    _load_images(phone)
    shown = phone.evaluate("""() => [...document.querySelectorAll('.vault-figure img')]
        .map(img => [img.currentSrc, img.getBoundingClientRect().width])""")
    sizes = {}
    for src, width in shown:
        with urllib.request.urlopen(src) as response:
            sizes[src.rsplit("/", 1)[1]] = smallest_text_px(response.read().decode(), width)
    assert shown and {name: size for name, size in sizes.items()
                      if size is None or size < READABLE_PX} == {}
