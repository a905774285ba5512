"""The language switcher, per-language search and the dark-mode toggle, clicked."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout


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


def _search(page: Any, url: str, query: str) -> list[str]:
    """Type ``query`` into the search box; return the result pages' locations in order."""
    page.goto(url)
    page.click("label.md-search__icon[for='__search']", force=True)
    page.fill("input.md-search__input", query)
    for _ in range(3):  # a query typed while the worker still builds the index waits
        try:
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
            break
        except PlaywrightTimeout:
            page.press("input.md-search__input", "End")  # a keyup makes Material ask again
    else:
        return []
    page.wait_for_timeout(300)
    links = page.eval_on_selector_all(
        ".md-search-result__item > a", "as => as.map(a => new URL(a.href).pathname)")
    return links


# (language root, query, the page that must be among the first five results; the
# Lab page of the same concept, titled after it, often comes first)
QUERIES = [
    ("", "momentum", "/momentum/"),
    ("", "saddle point", "/critical-points/"),
    ("", "warmup", "/lr-scheduling/"),
    ("", "stopping conditions", "/stopping-conditions/"),
    ("ru/", "инерция", "/ru/momentum/"),
    ("ru/", "сходимость", "/ru/adagrad/"),  # the page says only "сходимости"
    ("ru/", "импульс", "/ru/momentum/"),  # the page says "импульса", "импульсом"
    ("ru/", "остановка", "/ru/stopping-conditions/"),  # the page says "остановки"
    ("ru/", "седловая точка", "/ru/critical-points/"),
    ("ru/", "условия остановки", "/ru/stopping-conditions/"),
    ("zh/", "学习率", "/zh/lr-scheduling/"),
    ("zh/", "鞍点", "/zh/critical-points/"),
    ("zh/", "动量", "/zh/momentum/"),
    ("zh/", "批次", "/zh/batch-size/"),
]


@pytest.mark.parametrize(("root", "query", "expected"), QUERIES)
def test_search_finds_the_page(page: Any, site_url: str, root: str, query: str,
                               expected: str) -> None:
    """A real query finds its page among the top five results."""
    results = _search(page, f"{site_url}/{root}", query)
    top = list(dict.fromkeys(results))[:5]
    assert expected in top, results[:8]


@pytest.mark.parametrize(("root", "query", "prefix"), [
    ("", "momentum", "/"), ("ru/", "momentum", "/ru/"), ("zh/", "momentum", "/zh/")])
def test_search_stays_in_the_readers_language(page: Any, site_url: str, root: str, query: str,
                                               prefix: str) -> None:
    """Every result of a search on a language's pages is a page of that language."""
    results = _search(page, f"{site_url}/{root}", query)
    others = [r for r in results if (prefix == "/" and r.startswith(("/ru/", "/zh/")))
              or (prefix != "/" and not r.startswith(prefix))]
    assert results and others == []


def test_dark_mode_keeps_figures_on_white(page: Any, site_url: str) -> None:
    """After the toggle the page is dark and every figure still sits on white."""
    page.goto(f"{site_url}/adagrad/")
    page.click("form[data-md-component='palette'] label:visible")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    backgrounds = page.eval_on_selector_all(
        ".vault-figure img", "imgs => imgs.map(i => getComputedStyle(i).backgroundColor)")
    assert backgrounds and set(backgrounds) == {"rgb(255, 255, 255)"}
