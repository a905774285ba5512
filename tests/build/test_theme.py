"""Edits of Material's rendered pages: exact results, and a loud failure when Material changes."""

from __future__ import annotations

import pytest

from vaultsite.theme import (
    ThemeChanged,
    drop_language_alternates,
    drop_unused_assets,
    load_search_index_on_first_use,
    name_search_dialog,
    search_in_language,
)

CONFIG = ('<script id="__config" type="application/json">{"annotate": null, "base": "../..", '
          '"features": [], "search": "../../assets/javascripts/workers/search.x.min.js"}</script>')


@pytest.mark.parametrize(("lang", "base"),
                         [("en", "../../"), ("ru", "../../ru/"), ("zh", "../../zh/")])
def test_search_base_is_the_language_root(lang: str, base: str) -> None:
    """The base Material searches under becomes the reader's language root."""
    edited = search_in_language(CONFIG, lang=lang, default="en")
    assert edited == CONFIG.replace('"base": "../.."', f'"base": "{base}"')


def test_search_base_of_the_home_page() -> None:
    """A page at the root ("base": ".") gets "./" or "./ru/"."""
    page = CONFIG.replace('"../.."', '"."')
    assert '"base": "./ru/"' in search_in_language(page, lang="ru", default="en")


def test_drop_language_alternates_keeps_the_rest() -> None:
    """Head hreflang links go; canonical, the body's language menu links stay."""
    page = ('<head>\n  <link rel="canonical" href="https://x/a/">\n'
            '      <link rel="alternate" href="../ru/a/" hreflang="ru">\n</head>\n'
            '<body><a href="../ru/a/" hreflang="ru" class="md-select__link">ru</a></body>')
    assert drop_language_alternates(page) == (
        '<head>\n  <link rel="canonical" href="https://x/a/">\n</head>\n'
        '<body><a href="../ru/a/" hreflang="ru" class="md-select__link">ru</a></body>')


def test_search_dialog_gets_the_search_label() -> None:
    """The dialog is named with the label of Material's search options, in the page's language."""
    page = ('<div class="md-search" data-md-component="search" role="dialog">'
            '<nav class="md-search__options" aria-label="查找"></nav></div>')
    assert name_search_dialog(page) == page.replace('role="dialog">',
                                                    'role="dialog" aria-label="查找">')


SEARCH_PAGE = ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">\n'
               '<div class="md-search" data-md-component="search" role="dialog"></div>\n'
               f'{CONFIG}\n'
               '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n')


def test_lazy_search_script_runs_just_before_the_bundle() -> None:
    """The project's script goes right before Material's bundle, from the bundle's folder."""
    assert load_search_index_on_first_use(SEARCH_PAGE) == SEARCH_PAGE.replace(
        '<script src="../../assets/javascripts/bundle.',
        '<script src="../../assets/javascripts/lazy-search-index.js"></script>\n'
        '<script src="../../assets/javascripts/bundle.')


def test_lazy_search_script_on_the_home_page() -> None:
    """On the site's root page both scripts are named from the root."""
    page = SEARCH_PAGE.replace("../../assets/", "assets/")
    assert load_search_index_on_first_use(page) == page.replace(
        '<script src="assets/javascripts/bundle.',
        '<script src="assets/javascripts/lazy-search-index.js"></script>\n'
        '<script src="assets/javascripts/bundle.')


@pytest.mark.parametrize("missing", [
    '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
    '"search": "../../assets/javascripts/workers/search.x.min.js"',
    'data-md-toggle="search"',
    'data-md-component="search"',
])
def test_lazy_search_needs_what_the_script_hooks(missing: str) -> None:
    """Without the bundle, the worker in __config, the toggle or the dialog, the edit raises."""
    with pytest.raises(ThemeChanged):
        load_search_index_on_first_use(SEARCH_PAGE.replace(missing, ""))


@pytest.mark.parametrize("edit", [
    lambda page: search_in_language(page, lang="en", default="en"),
    name_search_dialog,
    load_search_index_on_first_use,
])
def test_a_changed_theme_fails_loudly(edit: object) -> None:
    """Without Material's anchor in the page, the edit raises instead of doing nothing."""
    with pytest.raises(ThemeChanged):
        edit("<html><body>no Material here</body></html>")  # type: ignore[operator]


ASSET_TAGS = ('      <link rel="stylesheet" href="../assets/stylesheets/vault.css">\n'
              '      <link rel="stylesheet" href="../assets/stylesheets/explorable.css">\n'
              '<main>{body}</main>\n'
              '        <script src="../assets/javascripts/explorable.js"></script>\n'
              '        <script src="../assets/javascripts/previews.js"></script>\n')
USES = {"explorable.js": 'class="vault-explorable"', "explorable.css": 'class="vault-explorable"'}


def test_a_page_without_an_explorable_loses_its_script_and_style() -> None:
    """Both tags go, whole lines; the tags of other assets stay."""
    assert drop_unused_assets(ASSET_TAGS.format(body="text"), USES) == (
        '      <link rel="stylesheet" href="../assets/stylesheets/vault.css">\n'
        "<main>text</main>\n"
        '        <script src="../assets/javascripts/previews.js"></script>\n')


def test_a_page_with_an_explorable_keeps_them() -> None:
    """The mark in the page keeps the page as it was."""
    page = ASSET_TAGS.format(body='<div class="vault-explorable" hidden></div>')
    assert drop_unused_assets(page, USES) == page


def test_an_asset_missing_from_every_page_fails_loudly() -> None:
    """An asset mkdocs.yml no longer lists raises: the table and the config have drifted apart."""
    with pytest.raises(ThemeChanged, match=r"graph\.css"):
        drop_unused_assets(ASSET_TAGS.format(body=""), {"graph.css": 'class="vault-graph"'})
