"""Every page, in every language, as Chromium shows it."""

from __future__ import annotations

import re
import urllib.request
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest

from tests.sitebuild import ROOT

LANGUAGE_PREFIXES = {"en": "", "ru": "ru/", "zh": "zh/"}
CONCEPTS = sorted({p.name.split(".")[0] for p in (ROOT / "docs").glob("*.md")})
PAGES = [(lang, f"{prefix}{'' if c == 'index' else c + '/'}")
         for lang, prefix in LANGUAGE_PREFIXES.items() for c in CONCEPTS]
SCRIPT_OF = {"ru": re.compile(r"[а-яё]", re.IGNORECASE), "zh": re.compile(r"[\u4e00-\u9fff]")}


def _load(page: Any, url: str) -> dict[str, list[str]]:
    """Open ``url`` with every lazy image forced to load; return what went wrong."""
    problems: dict[str, list[str]] = {"console": [], "failed": []}
    def console(message: Any) -> None:
        if message.type == "error":
            problems["console"].append(message.text)

    def response(reply: Any) -> None:
        if reply.status >= 400:
            problems["failed"].append(f"{reply.status} {reply.url}")

    page.on("console", console)
    page.on("requestfailed", lambda r: problems["failed"].append(r.url))
    page.on("response", response)
    page.goto(url, wait_until="load")
    page.evaluate("""() => Promise.all([...document.images].map(img => {
        img.loading = "eager";
        return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
    }))""")
    page.wait_for_load_state("networkidle")
    return problems


@pytest.mark.parametrize(("lang", "path"), PAGES)
def test_page_loads_clean(page: Any, site_url: str, lang: str, path: str) -> None:
    """No console error, no failed request, nothing fetched from another host."""
    problems = _load(page, f"{site_url}/{path}")
    assert (problems, page.foreign_requests) == ({"console": [], "failed": []}, [])


@pytest.mark.parametrize(("lang", "path"), PAGES)
def test_math_and_figures_render(page: Any, site_url: str, lang: str, path: str) -> None:
    """Every formula is a MathML box of non-zero size and every figure has loaded."""
    _load(page, f"{site_url}/{path}")
    empty_math = page.evaluate("""() => [...document.querySelectorAll('article math')]
        .filter(m => { const r = m.getBoundingClientRect(); return r.width === 0 || r.height === 0; })
        .map(m => m.textContent)""")
    broken_images = page.evaluate("""() => [...document.querySelectorAll('article img')]
        .filter(img => img.naturalWidth === 0).map(img => img.src)""")
    assert (empty_math, broken_images) == ([], [])


@pytest.mark.parametrize(("lang", "path"), PAGES)
def test_language_and_alt_text(page: Any, site_url: str, lang: str, path: str) -> None:
    """The page declares its language and every figure has alt text written in it."""
    page.goto(f"{site_url}/{path}")
    assert page.get_attribute("html", "lang") == lang
    alts = page.eval_on_selector_all("article img", "imgs => imgs.map(i => i.alt)")
    assert all(alts)
    if lang in SCRIPT_OF:
        assert all(SCRIPT_OF[lang].search(alt) for alt in alts), alts


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag in ("a", "link") else dict(attrs).get("src")
        if href and tag in ("a", "link", "img", "script"):
            self.hrefs.append(href)


def test_every_internal_link_answers_200(site_url: str) -> None:
    """Crawling from each language's home reaches no missing page or file."""
    seen: set[str] = set()
    todo = [f"{site_url}/{prefix}" for prefix in LANGUAGE_PREFIXES.values()]
    broken: list[str] = []
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except OSError as error:
            broken.append(f"{url}: {error}")
            continue
        if kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for href in parser.hrefs:
            target = urljoin(url, href).split("#")[0]
            if urlparse(target).netloc == urlparse(site_url).netloc:
                todo.append(target)
    assert broken == []
    assert len(seen) > 3 * len(CONCEPTS)
