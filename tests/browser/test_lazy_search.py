"""The search index loads when a reader first uses search, not with every page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

PAGE = "ru/adagrad/"
INDEX = "/ru/search/search_index.json"


def _index_requests(page: Any) -> list[str]:
    """A list that fills with the paths of the page's requests for a search index."""
    seen: list[str] = []

    def record(request: Any) -> None:
        if request.url.endswith("/search_index.json"):
            seen.append(urlsplit(request.url).path)

    page.on("request", record)
    return seen


def _results(page: Any) -> list[str]:
    """The result pages' paths, once the first result is shown."""
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    return page.eval_on_selector_all(".md-search-result__item > a",
                                     "as => as.map(a => new URL(a.href).pathname)")


OPENINGS = {
    "focus": lambda page: page.focus("input.md-search__input"),
    "click": lambda page: page.click("label.md-search__icon[for='__search']", force=True),
    "shortcut": lambda page: page.keyboard.press("/"),  # Material's f, s and / open search
}


@pytest.mark.parametrize("opening", sorted(OPENINGS))
def test_index_loads_on_first_use(page: Any, site_url: str, opening: str) -> None:
    """Nothing fetches the index on load; opening search fetches it once and a query finds pages."""
    seen = _index_requests(page)
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    page.wait_for_timeout(1_000)  # Material requested it as soon as its script ran
    assert seen == []
    OPENINGS[opening](page)
    page.wait_for_function(f"() => performance.getEntriesByType('resource')"
                           f".some(e => e.name.endsWith('{INDEX}'))", timeout=10_000)
    page.fill("input.md-search__input", "импульс")
    page.press("input.md-search__input", "End")  # Material searches on keyup
    results = _results(page)
    assert "/ru/momentum/" in results[:5], results[:8]
    assert all(path.startswith("/ru/") for path in results), results
    assert seen == [INDEX]
    assert page.foreign_requests == []


def test_search_link_opens_with_results(page: Any, site_url: str) -> None:
    """A link with ?q= (Material's search sharing) loads the index at once and shows results."""
    seen = _index_requests(page)
    page.goto(f"{site_url}/{PAGE}?q=импульс")
    assert "/ru/momentum/" in _results(page)[:5]
    assert seen == [INDEX]


def test_followed_result_is_highlighted(page: Any, site_url: str) -> None:
    """A page opened from a result (?h=) loads the index at once and marks the query's words."""
    page.goto(f"{site_url}/ru/momentum/?h=импульс")
    page.wait_for_selector("article mark[data-md-highlight]", timeout=20_000)
    assert page.locator("article mark[data-md-highlight]").count() > 0
