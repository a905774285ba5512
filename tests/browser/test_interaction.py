"""The language switcher and the dark-mode toggle, clicked (search: test_search.py)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(("start", "language", "expected"), [
    ("ru/adagrad/", "English", "/adagrad/"),
    ("adagrad/", "Русский", "/ru/adagrad/"),
    ("ru/momentum/", "中文", "/zh/momentum/"),
])
def test_language_switcher_keeps_the_concept(page: Any, site_url: str, start: str,
                                             language: str, expected: str) -> None:
    """Choosing another language opens the same concept in it."""
    page.goto(f"{site_url}/{start}")
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link:text-is('{language}')")
    page.wait_for_load_state("load")
    assert page.url == f"{site_url}{expected}"


def test_dark_mode_keeps_figures_on_white(page: Any, site_url: str) -> None:
    """After the toggle the page is dark and every figure still sits on white."""
    page.goto(f"{site_url}/adagrad/")
    page.click("form[data-md-component='palette'] label:visible")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    backgrounds = page.eval_on_selector_all(
        ".vault-figure img", "imgs => imgs.map(i => getComputedStyle(i).backgroundColor)")
    assert backgrounds and set(backgrounds) == {"rgb(255, 255, 255)"}
