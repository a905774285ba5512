"""Hovering or focusing a link to another page shows that page's title and first paragraph."""

from __future__ import annotations

from typing import Any

import pytest

# (page, link to preview, the preview's title, words of the target's first paragraph)
PREVIEWS = [
    ("adagrad/", "../rmsprop/", "RMSprop", "Note 000 names the family"),
    ("ru/adagrad/", "../rmsprop/", "RMSprop", "Заметка 000 называет"),
    ("zh/adagrad/", "../rmsprop/", "RMSprop", "笔记 000"),
    # a "Linked from" entry points at the sentence that links, which the preview shows
    ("rmsprop/", "../adam/#link-rmsprop", "Adam", "RMSprop"),
]
SHOWN = ".vault-preview:not([hidden])"


def _hover_ms(page: Any, link: Any) -> float:
    """Milliseconds from the pointer reaching the link to the preview being shown."""
    link.scroll_into_view_if_needed()
    page.evaluate("""() => { window.__shown = null;
        new MutationObserver(() => { const tip = document.querySelector('.vault-preview');
          if (tip && !tip.hidden && window.__shown === null) window.__shown = performance.now(); })
        .observe(document.body, {attributes: true, subtree: true, childList: true}); }""")
    start = page.evaluate("performance.now()")
    link.hover()
    page.wait_for_selector(SHOWN, timeout=3000)
    return float(page.evaluate("window.__shown")) - float(start)


@pytest.mark.parametrize(("path", "href", "title", "words"), PREVIEWS)
def test_hover_shows_title_and_first_paragraph(page: Any, site_url: str, path: str, href: str,
                                              title: str, words: str) -> None:
    """On hover the target's title and paragraph show, fast, and Escape hides them."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{site_url}/{path}")
    link = page.locator(f'article a[href="{href}"]').first
    elapsed = _hover_ms(page, link)
    print(f"preview of {href} on /{path}: {elapsed:.0f} ms")  # the budget is 300 ms
    preview = page.locator(".vault-preview")
    assert preview.locator("h3").inner_text() == title
    assert words in preview.locator("p").first.inner_text()
    assert link.get_attribute("aria-describedby") == "vault-preview"
    page.keyboard.press("Escape")
    assert preview.is_hidden() and link.get_attribute("aria-describedby") is None
    assert errors == [] and page.foreign_requests == []


def test_keyboard_focus_shows_the_preview(page: Any, site_url: str) -> None:
    """Tabbing onto a link previews it; tabbing on hides it or moves it to the next link."""
    page.goto(f"{site_url}/zh/adagrad/")
    page.locator('article a[href="../rmsprop/"]').first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # a real keyboard focus, so :focus-visible holds
    page.wait_for_selector(SHOWN, timeout=3000)
    assert page.locator(".vault-preview h3").inner_text() == "RMSprop"


def test_touch_tap_follows_the_link_without_preview(browser: Any, site_url: str) -> None:
    """On a touch screen a tap goes to the page; no preview appears first."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True,
                                  is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{site_url}/adagrad/")
    link = tab.locator('article a[href="../rmsprop/"]').first
    link.scroll_into_view_if_needed()
    link.tap()
    tab.wait_for_url(f"{site_url}/rmsprop/")
    assert tab.locator(".vault-preview").is_hidden()
    context.close()
