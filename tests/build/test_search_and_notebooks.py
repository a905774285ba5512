"""Per-language search indexes, and Lab notebooks run by nbclient and rendered by nbconvert."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nbclient.exceptions import CellExecutionError

from vaultsite import snippet_source
from vaultsite.notebooks import (
    _scoped,
    clean_notebook_html,
    demote_headings,
    imported_snippets,
    jupyter_css,
    notebook_key,
    render_notebook,
)
from vaultsite.search import (
    add_chinese_compounds,
    add_lemmas,
    chinese_compounds,
    language_sitemap,
    split_search_index,
    without_build_dates,
)

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
    notebook.write_text("# %%\nfrom snippets import adagrad\n")
    key = notebook_key(notebook)
    notebook.write_text("# %%\nfrom snippets import adagrad\nx = 1\n")
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
    notebook.write_text("# %%\nfrom snippets import used\n")
    key = notebook_key(notebook)
    (package / "unused.py").write_text("B = 2\n")
    unchanged = notebook_key(notebook)
    (package / "used.py").write_text("A = 2\n")
    assert (unchanged == key, notebook_key(notebook) == key) == (True, False)


SMALL_NOTEBOOK = """\
# %% [markdown]
# # Small
#
# Text.

# %%
import os
import snippets
print(snippets.WHERE, os.environ["SOURCE_DATE_EPOCH"])

# %%
6 * 7
"""


def _project(root: Path, notebook: str) -> Path:
    """A checkout with ``notebooks/n.py`` and a ``snippets`` package of its own."""
    (root / "notebooks").mkdir(parents=True)
    (root / "snippets").mkdir()
    (root / "snippets" / "__init__.py").write_text('WHERE = "this checkout"\n')
    path = root / "notebooks" / "n.py"
    path.write_text(notebook)
    return path


@pytest.fixture(scope="module")
def two_renders(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The small notebook rendered twice, each time in a work directory of its own."""
    root = tmp_path_factory.mktemp("project")
    path = _project(root, SMALL_NOTEBOOK)
    return (render_notebook(path, work_dir=root / "work1"),
            render_notebook(path, work_dir=root / "work2"))


def test_two_renders_are_identical(two_renders: tuple[str, str]) -> None:
    """Rendering the same notebook twice gives the same bytes."""
    assert two_renders[0] == two_renders[1]


def test_render_is_the_notebook_body_only(two_renders: tuple[str, str]) -> None:
    """A wrapped notebook body: no page, head, style or script; outputs excluded from search."""
    html = two_renders[0]
    assert (html.startswith('<div class="jupyter-wrapper">\n<div class="jp-Notebook"'),
            re.findall(r"<(?:html|head|body|main|style|script|link)\b", html),
            html.count("data-search-exclude"),
            html.count('<div class="highlight-ipynb hl-python"><pre><span></span><code>'),
            '<h2 id="Small">Small' in html) == (True, [], 2, 2, True)


def test_kernel_runs_with_this_checkout_and_no_date(two_renders: tuple[str, str]) -> None:
    """The kernel imports the notebook's own snippets/ and sees SOURCE_DATE_EPOCH=0."""
    outputs = re.findall(r'jp-OutputArea-output[^>]*>\s*<pre>(.*?)</pre>', two_renders[0], re.DOTALL)
    assert outputs == ["this checkout 0\n", "42"]


def test_a_failing_cell_raises_cell_execution_error(tmp_path: Path) -> None:
    """A cell that raises makes render_notebook raise CellExecutionError with its ename and evalue."""
    path = _project(tmp_path, '# %%\nraise ValueError("no good")\n')
    with pytest.raises(CellExecutionError) as raised:
        render_notebook(path, work_dir=tmp_path / "work")
    assert (raised.value.ename, raised.value.evalue) == ("ValueError", "no good")


def test_css_rules_are_scoped_to_the_notebook() -> None:
    """:root becomes the wrapper, other selectors go inside it; body, @import and @page go."""
    css = ("@charset 'x';@import url(https://fonts.example/a.css);\n/* note */ :root{--a:  1}\n"
           "body{color:red}body.x a, b:is(c, d){color:red}@media print{p{margin:0}}"
           "@page{margin:1in}@keyframes k{from{opacity:0}}")
    assert _scoped(css, ".w") == (".w{--a: 1}\n.w b:is(c, d){color:red}\n"
                                  "@media print{.w p{margin:0}}\n@keyframes k{from{opacity:0}}")


def test_jupyter_css_is_light_by_default_and_dark_under_slate() -> None:
    """Light variables on .jupyter-wrapper, dark ones under Material's slate scheme, no URLs."""
    css = jupyter_css()
    light = re.findall(r"^\.jupyter-wrapper\{[^\n]*--jp-layout-color0: (\S+);", css, re.MULTILINE)
    dark = re.findall(r'^\[data-md-color-scheme="slate"\] \.jupyter-wrapper\{[^\n]*'
                      r"--jp-layout-color0: (\S+);", css, re.MULTILINE)
    unscoped = [line[:40] for line in css.splitlines()[1:] if not line.startswith(
        (".jupyter-wrapper", '[data-md-color-scheme="slate"] .jupyter-wrapper', "@media",
         "@keyframes"))]
    remote = re.findall(r"@import|url\((?!data:)[^)]*\)", css)
    assert (light, dark, unscoped, remote) == (["white"], ["#111"], [], [])


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


def test_sitemap_loses_the_build_dates() -> None:
    """Each ``<lastmod>`` line goes, with its indent; the entries stay as they were."""
    dated = SITEMAP.replace("</loc>\n", "</loc>\n        <lastmod>2026-12-06</lastmod>\n")
    assert dated.count("<lastmod>") == 3
    assert without_build_dates(dated) == SITEMAP


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


Z = "\u200b"  # what Material's plugin puts between jieba's words


def test_neighbouring_chinese_words_are_joined() -> None:
    """Two and three neighbouring words become terms, each also without its last character."""
    assert chinese_compounds(f"学习{Z}率{Z}衰减") == [
        "学习率", "学习率衰", "学习率衰减", "率衰", "率衰减"]


def test_a_compound_of_a_stop_word_is_kept() -> None:
    """自 is a lunr stop word, so 自适应 exists in the index only as a compound."""
    assert chinese_compounds(f"自{Z}适应") == ["自适", "自适应"]


def test_compounds_stop_at_punctuation_tags_and_latin() -> None:
    """Words are joined only within a run of Chinese words."""
    assert chinese_compounds(f"鞍点{Z}，{Z}动量{Z}<b>梯度</b>{Z}Adam{Z}方法") == []


def test_a_long_single_word_is_also_cut_short() -> None:
    """A word of three or more characters gets its prefix; terms already there are not repeated."""
    assert chinese_compounds(f"大批量{Z}，{Z}大批") == []
    assert chinese_compounds("大批量") == ["大批"]


def test_compounds_are_added_hidden() -> None:
    """Titles and texts get their compounds in a hidden span; text without any is unchanged."""
    index = {"config": {}, "docs": [{"location": "a/", "title": f"批次{Z}大小",
                                      "text": "<p>鞍点</p>"}]}
    out = add_chinese_compounds(index)
    assert (out["docs"][0]["title"], out["docs"][0]["text"]) == (
        f"批次{Z}大小<span hidden>批次大 批次大小</span>", "<p>鞍点</p>")
