"""Graph nodes are links to pages that exist; "Linked from" entries land on the linking sentence."""

from __future__ import annotations

from typing import Any
from urllib.request import urlopen

import pytest


@pytest.mark.parametrize(("path", "graph", "least"), [
    ("ru/adagrad/", "#link-graph ~ .vault-graph-scroll svg", 5),
    ("zh/graph/", ".vault-graph-scroll svg", 14),  # the 14 concept pages
    ("graph/", "details .vault-graph-scroll svg", 17),  # and the tags
])
def test_every_node_is_a_link_that_answers(page: Any, site_url: str, path: str, graph: str,
                                           least: int) -> None:
    """Each node's link answers 200 and its page is in the same language."""
    page.goto(f"{site_url}/{path}")
    hrefs = page.eval_on_selector(graph, "svg => [...svg.querySelectorAll('a')].map(a => "
                                  "new URL(a.getAttribute('href'), location.href).href)")
    assert len(hrefs) >= least
    language = path.split("/", maxsplit=1)[0] if path.startswith(("ru/", "zh/")) else ""
    for href in hrefs:
        with urlopen(href.split("#")[0]) as response:
            assert response.status == 200
        assert href.removeprefix(site_url + "/").startswith(language)


def test_graph_fits_a_phone_in_dark_mode(browser: Any, site_url: str) -> None:
    """At 390 px the local graph is as wide as the column and its labels are at least 10 px."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, color_scheme="dark")
    tab = context.new_page()
    tab.goto(f"{site_url}/ru/momentum/")
    svg = tab.locator("#link-graph ~ .vault-graph-scroll svg")
    svg.scroll_into_view_if_needed()
    heights = svg.evaluate("s => [...s.querySelectorAll('text')].map(t => "
                           "t.getBoundingClientRect().height / t.querySelectorAll('tspan').length)")
    assert min(heights) >= 10
    assert svg.evaluate("s => s.getBoundingClientRect().right") <= 390
    fill = svg.evaluate("s => getComputedStyle(s.querySelector('text')).fill")
    red, green, blue = (int(c) for c in fill[fill.index("(") + 1:].split(",")[:3])
    assert min(red, green, blue) > 200  # light labels on the dark background
    context.close()


def test_linked_from_entry_lands_on_the_linking_sentence(page: Any, site_url: str) -> None:
    """The first "Linked from" entry on /rmsprop/ opens AdaGrad at the link to RMSprop."""
    page.goto(f"{site_url}/rmsprop/")
    entry = page.locator("h2#linked-from + ul a").first
    assert entry.get_attribute("href") == "../adagrad/#link-rmsprop"
    entry.click()
    page.wait_for_url(f"{site_url}/adagrad/#link-rmsprop")
    target = page.locator("#link-rmsprop")
    assert target.get_attribute("href") == "../rmsprop/" and target.is_visible()
