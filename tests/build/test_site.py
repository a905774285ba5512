"""The real site: a strict build passes, is complete, offline, cached and reproducible."""

from __future__ import annotations

import itertools
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from scripts.benchmark import page_weight
from tests.sitebuild import ROOT, build
from vaultsite.vault import LANGUAGES, load_vault

NOTES = load_vault(ROOT / "docs")[0].notes
CONCEPTS = sorted({n.concept for n in NOTES})
# the pages of the concepts of the notes (front matter `notes:`), not the site's own pages
NOTE_CONCEPTS = sorted({n.concept for n in NOTES if "notes" in n.meta})


class _Resources(HTMLParser):
    """Every URL a page would fetch: scripts, styles, images, frames, media."""

    FETCHING: ClassVar[dict[str, str]] = {"script": "src", "img": "src", "iframe": "src", "source": "src",
                "audio": "src", "video": "src", "embed": "src", "object": "data"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") in ("stylesheet", "preload", "icon", "modulepreload"):
            self.urls.append(values.get("href") or "")
        elif tag in self.FETCHING:
            self.urls.append(values.get(self.FETCHING[tag]) or "")


def test_strict_build_has_no_warnings(clean_build: tuple[Path, Path, str]) -> None:
    """The strict build logs no warning and no error."""
    _, _, log = clean_build
    assert [ln for ln in log.splitlines() if re.match(r"(WARNING|ERROR)", ln)] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_concept_exists_in_every_language(clean_build: tuple[Path, Path, str],
                                                lang: str) -> None:
    """Each concept is a page under /, /ru/ and /zh/."""
    site, _, _ = clean_build
    prefix = site if lang == "en" else site / lang
    # a folder's index note (index, lab/index) is that folder's page
    missing = [c for c in CONCEPTS
               if not (prefix / c.removesuffix("index") / "index.html").exists()]
    assert missing == []


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "lab" not in p.parts)


def _prose(html: str) -> str:
    """The page without code blocks, where '[[' or '$' may legitimately appear."""
    return re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.DOTALL)


def test_no_raw_wikilinks_or_latex(clean_build: tuple[Path, Path, str]) -> None:
    """No page shows a raw [[link]], $…$, or arithmatex's LaTeX."""
    site, _, _ = clean_build
    leftovers = {}
    for page in _pages(site):
        prose = _prose(page.read_text(encoding="utf-8"))
        found = re.findall(r"\[\[[^\]]*\]\]|\$\$|class=\"arithmatex\"|\\\(|\\\[", prose)
        if found:
            leftovers[str(page.relative_to(site))] = found[:3]
    assert leftovers == {}


def test_search_config_names_files_the_site_has(clean_build: tuple[Path, Path, str]) -> None:
    """Every page's __config names Material's search worker and its language's index, both built."""
    site, _, _ = clean_build
    missing = []
    for page in sorted(site.rglob("*.html")):
        match = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                          page.read_text(encoding="utf-8"), re.DOTALL)
        if match is None:
            continue
        config = json.loads(match.group(1))
        language = page.relative_to(site).parts[0]
        root = site / language if language in ("ru", "zh") else site
        # the 404 page, served at any depth, names absolute paths
        folder = site if config["base"].startswith("/") else page.parent
        worker = (folder / config["search"].lstrip("/")).resolve()
        index = (folder / config["base"].lstrip("/") / "search" / "search_index.json").resolve()
        if not worker.is_file() or index != (root / "search" / "search_index.json").resolve() \
                or not index.is_file():
            missing.append(str(page.relative_to(site)))
    assert missing == []


def test_pages_fetch_nothing_from_other_hosts(clean_build: tuple[Path, Path, str]) -> None:
    """Every script, style, image and font a page or stylesheet loads is local."""
    site, _, _ = clean_build
    external: set[str] = set()
    for page in _pages(site):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        external.update(u for u in parser.urls if re.match(r"(https?:)?//", u))
    for css in site.rglob("*.css"):
        external.update(re.findall(r"url\([\"']?((?:https?:)?//[^)\"']+)", css.read_text()))
    assert external == set()


@pytest.mark.parametrize(("lang", "prefix"), [("en", ""), ("ru", "ru/"), ("zh", "zh/")])
def test_adagrad_page_has_figures_code_and_math(clean_build: tuple[Path, Path, str],
                                                lang: str, prefix: str) -> None:
    """The AdaGrad page shows both figures in its language, snippet code and MathML."""
    site, _, _ = clean_build
    html = (site / prefix / "adagrad" / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'src="\.\./(?:\.\./)?(assets/figures/[^"]+\.svg)"', html)
    assert sorted(f.split(".")[1] for f in figures) == ["units_figure", "vanishing_step_figure"]
    assert all(f".{lang}." in f and (site / f).exists() for f in figures)
    code = re.sub(r"<[^>]+>", "", html)  # the highlighted code as a reader sees it
    assert "def update_note(" in code and html.count("<math ") > 20
    assert f'<html lang="{lang}"' in html


def test_links_land_in_the_readers_language(clean_build: tuple[Path, Path, str]) -> None:
    """The Russian note's RMSprop and momentum links go to the Russian pages."""
    site, _, _ = clean_build
    html = (site / "ru" / "adagrad" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../rmsprop/" id="link-rmsprop">RMSprop</a>' in html
    assert '<a href="../momentum/" id="link-momentum">Градиентный спуск с инерцией</a>' in html


def test_linked_from_and_embed_on_real_pages(clean_build: tuple[Path, Path, str]) -> None:
    """RMSprop lists AdaGrad's sentence; adaptive-formulations shows rmsprop's torch formula."""
    site, _, _ = clean_build
    rmsprop = (site / "rmsprop" / "index.html").read_text(encoding="utf-8")
    assert ('<li><a href="../adagrad/#link-rmsprop">AdaGrad</a>: Add exponential decay, so that old '
            "gradients are forgotten: that is <strong>RMSprop</strong>.</li>") in rmsprop
    assert "^torch-rmsprop" not in rmsprop and 'id="link-graph"' in rmsprop
    formulations = (site / "adaptive-formulations" / "index.html").read_text(encoding="utf-8")
    embed = formulations[formulations.index('<div class="vault-embed">'):]
    embed = embed[:embed.index("</div>\n<p>with defaults")]
    assert embed.count('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">') == 1
    assert embed.endswith('<p><a class="vault-embed-source" href="../rmsprop/">From RMSprop</a></p>\n')


def test_second_build_redraws_and_reruns_nothing(clean_build: tuple[Path, Path, str],
                                        tmp_path: Path) -> None:
    """With the cache of the first build, the next build draws, executes and computes nothing."""
    _, cache, first_log = clean_build
    assert "vaultsite: drew" in first_log and "vaultsite: executed" in first_log
    assert "vaultsite: computed 6 explorable(s)" in first_log
    result = build(ROOT, tmp_path / "site", cache)
    assert result.returncode == 0
    assert ("vaultsite: drew" in result.stderr, "vaultsite: executed" in result.stderr,
            "vaultsite: computed" in result.stderr) == (False, False, False)


def test_each_notebook_executes_once_per_build(clean_build: tuple[Path, Path, str]) -> None:
    """The clean build executes every notebook exactly once, for all three languages."""
    _, _, log = clean_build
    executed = [line.split(": ", 2)[2].split(", ") for line in log.splitlines()
                if "vaultsite: executed" in line]
    names = [name for run in executed for name in run]
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("*.py"))
    assert sorted(names) == notebooks


def test_two_clean_builds_are_identical(clean_build: tuple[Path, Path, str],
                                        tmp_path: Path) -> None:
    """A second build from an empty cache, dated a year later, gives the same bytes in every
    file (the sitemap names no build date)."""
    site, _, _ = clean_build
    a_year_later = str(int(time.time()) + 365 * 86400)
    result = build(ROOT, tmp_path / "site", tmp_path / "cache", SOURCE_DATE_EPOCH=a_year_later)
    assert result.returncode == 0
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "site")
                           for p in (tmp_path / "site").rglob("*") if p.is_file())
    differing = [str(f) for f in files
                 if (site / f).read_bytes() != (tmp_path / "site" / f).read_bytes()]
    assert differing == []


def test_headings_start_at_h1_and_skip_no_level(clean_build: tuple[Path, Path, str]) -> None:
    """In every page's article: one h1, first, and no heading deeper than its predecessor + 1."""
    site, _, _ = clean_build
    bad = {}
    for page in sorted(site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        article = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', html, re.DOTALL)
        if article is None:
            continue
        levels = [int(h) for h in re.findall(r"<h([1-6])\b", _prose(article.group(1)))]
        skips = [b for a, b in itertools.pairwise(levels) if b > a + 1]
        if not levels or levels[0] != 1 or levels.count(1) != 1 or skips:
            bad[str(page.relative_to(site))] = levels[:12]
    assert bad == {}


@pytest.mark.parametrize("prefix", ["", "ru/", "zh/"])
def test_concept_pages_weigh_at_most_150_kib(clean_build: tuple[Path, Path, str],
                                            prefix: str) -> None:
    """Each concept page with every script, style, figure and font it loads: ≤ 150 KiB gzip."""
    site = clean_build[0]
    weights = {concept: sum(page_weight(site, prefix + concept).values()) / 1024
               for concept in NOTE_CONCEPTS}
    assert len(weights) == 14
    print(", ".join(f"{prefix}{c} {w:.1f}" for c, w in sorted(weights.items())))
    assert min(weights.values()) > 90  # the Material bundle, styles and font are counted
    assert {c: round(w, 1) for c, w in weights.items() if w > 150} == {}
