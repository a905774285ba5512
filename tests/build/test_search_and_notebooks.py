"""Per-language search indexes and the cleaning of mkdocs-jupyter's HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaultsite import snippet_source
from vaultsite.notebooks import clean_notebook_html, demote_headings, imported_snippets, notebook_key
from vaultsite.search import add_lemmas, language_sitemap, split_search_index

MERGED = {
    "config": {"lang": ["en", "ru", "zh"], "separator": "[\\s]+"},
    "docs": [
        {"location": "", "title": "Home", "text": "a"},
        {"location": "adagrad/#the-idea", "title": "The idea", "text": "b"},
        {"location": "ru/adagrad/", "title": "AdaGrad", "text": "в"},
        {"location": "zh/", "title": "首页", "text": "г"},
    ],
}


def test_index_is_split_by_language_prefix() -> None:
    """Each language gets its own documents, locations relative to its root."""
    split = split_search_index(MERGED, ("en", "ru", "zh"), "en")
    assert {lang: [d["location"] for d in index["docs"]] for lang, index in split.items()} == {
        "en": ["", "adagrad/#the-idea"], "ru": ["adagrad/"], "zh": [""]}


def test_each_index_stems_its_language_and_english() -> None:
    """Each index's config names its language plus English, keeping the separator."""
    split = split_search_index(MERGED, ("en", "ru", "zh"), "en")
    assert [(i["config"]["lang"], i["config"]["separator"]) for i in split.values()] == [
        (["en"], "[\\s]+"), (["en", "ru"], "[\\s]+"), (["en", "zh"], "[\\s]+")]


def test_cdn_scripts_and_styles_are_removed() -> None:
    """MathJax, Mermaid and inline styles go; inline scripts and content stay."""
    html = ('<script>copy()</script><style>.a{}</style>'
            '<script src="https://cdn.example/mathjax.js"> </script>'
            '<script type="text/x-mathjax-config">init()</script>'
            '<script type="module">import "https://cdn/m.mjs"</script>'
            '<div class="jp-Cell">x</div>')
    assert clean_notebook_html(html) == '<script>copy()</script><div class="jp-Cell">x</div>'


def test_outputs_are_excluded_from_search() -> None:
    """Cell outputs carry data-search-exclude."""
    html = '<div class="jp-OutputArea jp-Cell-outputArea">1.0</div>'
    assert clean_notebook_html(html) == (
        '<div class="jp-OutputArea jp-Cell-outputArea" data-search-exclude>1.0</div>')


def test_headings_move_one_level_down() -> None:
    """A notebook's h1 becomes h2 under the page's own title."""
    assert demote_headings('<h1 id="a">A</h1><h2>B</h2><h5>C</h5>') == (
        '<h2 id="a">A</h2><h3>B</h3><h6>C</h6>')


def test_notebook_imports_are_found() -> None:
    """Both `from snippets import x` and `from snippets.y import z` count."""
    source = "from snippets import adagrad, adam\nfrom snippets.core import trajectory\nimport numpy\n"
    assert imported_snippets(source) == {"adagrad", "adam", "core"}


def test_notebook_key_changes_with_its_text(tmp_path: Path) -> None:
    """A notebook's cache key depends on its own text."""
    notebook = tmp_path / "a.py"
    notebook.write_text("from snippets import adagrad\n")
    key = notebook_key(notebook)
    notebook.write_text("from snippets import adagrad\nx = 1\n")
    assert notebook_key(notebook) != key


def test_notebook_key_changes_with_its_snippets(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing a snippet module the notebook imports changes the key; another does not."""
    package = tmp_path / "snippets"
    package.mkdir()
    (package / "used.py").write_text("A = 1\n")
    (package / "unused.py").write_text("B = 1\n")
    monkeypatch.setattr(snippet_source, "package_dir", lambda: package)
    notebook = tmp_path / "n.py"
    notebook.write_text("from snippets import used\n")
    key = notebook_key(notebook)
    (package / "unused.py").write_text("B = 2\n")
    unchanged = notebook_key(notebook)
    (package / "used.py").write_text("A = 2\n")
    assert (unchanged == key, notebook_key(notebook) == key) == (True, False)


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
        <loc>https://x.org/s/</loc>
    </url>
    <url>
        <loc>https://x.org/s/ru/adagrad/</loc>
    </url>
    <url>
        <loc>https://x.org/s/zh/</loc>
    </url>
</urlset>
"""


def test_language_sitemap_keeps_that_language_only() -> None:
    """The Russian sitemap lists the Russian pages and nothing else."""
    assert language_sitemap(SITEMAP, lang="ru", site_url="https://x.org/s/") == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "    <url>\n        <loc>https://x.org/s/ru/adagrad/</loc>\n    </url>\n</urlset>\n")


def test_lemmas_are_added_hidden() -> None:
    """Words not in dictionary form get their lemma appended in a hidden span."""
    index = {"config": {}, "docs": [{"location": "a/", "title": "Условия остановки",
                                      "text": "<p>ускорить сходимости</p>"}]}
    lemmas = {"ускорить": "ускорить", "сходимости": "сходимость", "условия": "условие",
              "остановки": "остановка"}
    out = add_lemmas(index, lemmas.__getitem__)
    assert (out["docs"][0]["title"], out["docs"][0]["text"]) == (
        "Условия остановки<span hidden>остановка условие</span>",
        "<p>ускорить сходимости</p><span hidden>сходимость</span>")
