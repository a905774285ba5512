"""A glossary term's first use shows its definition on hover and on keyboard focus; the
glossary pages link each term to its page."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.sitebuild import ROOT

TIP = ".md-tooltip2--active"


def _definition(lang: str, term: str) -> str:
    """The definition docs/glossary.yml gives ``term`` in ``lang``."""
    terms = yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    return next(t[lang]["definition"] for t in terms if t[lang]["term"] == term)


# (page, language, the first term marked on it: the page's first unlinked use of a term)
FIRST_USES = [("rmsprop/", "en", "Adam"), ("ru/momentum/", "ru", "градиент"),
              ("zh/adam/", "zh", "梯度")]


@pytest.mark.parametrize(("path", "lang", "term"), FIRST_USES)
def test_keyboard_focus_shows_the_definition(page: Any, site_url: str, path: str, lang: str,
                                             term: str) -> None:
    """The first marked term takes keyboard focus and Material shows its definition."""
    page.goto(f"{site_url}/{path}")
    abbr = page.locator("article abbr").first
    assert abbr.inner_text() == term
    assert abbr.evaluate("e => e.tabIndex") == 0
    abbr.focus()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    page.wait_for_selector(TIP, timeout=3000)
    assert page.locator(TIP).first.inner_text() == _definition(lang, term)
    assert page.foreign_requests == []


def test_hover_shows_the_definition(page: Any, site_url: str) -> None:
    """Pointing at a marked term shows the same tooltip."""
    page.goto(f"{site_url}/rmsprop/")
    page.locator("article abbr").first.hover()
    page.wait_for_selector(TIP, timeout=3000)
    assert page.locator(TIP).first.inner_text() == _definition("en", "Adam")


@pytest.mark.parametrize(("path", "anchor", "link_text"), [
    ("glossary/", "rmsprop", "RMSprop"),
    ("ru/glossary/", "momentum", "Градиентный спуск с инерцией"),
    ("zh/glossary/", "oscillation", "步长的选择")])
def test_glossary_page_links_each_term_to_its_page(page: Any, site_url: str, path: str,
                                                  anchor: str, link_text: str) -> None:
    """A term's section has the same anchor in every language and links to its page."""
    page.goto(f"{site_url}/{path}#{anchor}")
    section = page.locator(f"h2#{anchor} + p + p")
    assert section.locator("a").first.inner_text() == link_text
    assert page.locator("article abbr").count() == 0  # the glossary itself marks nothing
