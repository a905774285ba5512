# Figures open full size: the <dialog> that shows them, written into each page
# that has figures, with its labels in the page's language. The script
# overrides/assets/javascripts/figure-zoom.js makes each figure a button that
# opens it; without JavaScript the dialog stays closed and figures show as ever.
from __future__ import annotations

from vaultsite.strings import text

# The images that open: the site's figures and the figures in notebook outputs
ZOOMABLE = ('class="vault-figure', 'class="jp-RenderedSVG', 'class="jp-RenderedImage')


def zoom_dialog(lang: str) -> str:
    """The closed dialog a figure opens in; the script fills in the figure."""
    return (f'<dialog class="vault-zoom" aria-label="{text("zoom_dialog", lang)}" '
            f'data-open-label="{text("zoom_open", lang)}">'
            '<button class="vault-zoom__close" type="button">'
            f'<span aria-hidden="true">×</span> {text("zoom_close", lang)}</button>'
            '<div class="vault-zoom__view"></div></dialog>\n')


def add_zoom_dialog(page_html: str, lang: str) -> str:
    """The page with the dialog before ``</body>``, if it shows a figure; as it was otherwise."""
    end = page_html.rfind("</body>")
    if end < 0 or not any(marker in page_html for marker in ZOOMABLE):
        return page_html
    return page_html[:end] + zoom_dialog(lang) + page_html[end:]
