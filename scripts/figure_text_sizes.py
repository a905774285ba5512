"""The smallest label of every figure on a 390 px phone.

``python scripts/figure_text_sizes.py SITE`` (a built site, e.g. ``site/``).

Reads the built pages, finds each figure (the site's own and those of notebook
outputs) and prints, per figure, its smallest font size in CSS px on a 390 px
phone: of the wide figure shrunk to the column ("wide"), and of what the phone
is served ("served": the phone layout of a ``<picture>``, or the wide figure at
its natural size where it scrolls sideways). Below 9 px is marked with ``!``.
The arithmetic is vaultsite/narrow.py's: font size × shown width / viewBox width.
"""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

from vaultsite.narrow import (
    PHONE_CONTENT_WIDTH,
    PHONE_MEDIA,
    PHONE_VIEWPORT,
    READABLE_PX,
    displayed_width,
    phone_text_px,
    smallest_text_px,
)

FIGURE = re.compile(r'<figure class="vault-figure(?P<scroll> vault-figure--scroll)?">\s*'
                    r'(?:<picture><source media="(?P<media>[^"]*)" '
                    r'srcset="(?P<narrow>[^"]*)"[^>]*>)?'
                    r'\s*<img\b[^>]*?\bsrc="(?P<src>[^"]*)"')
NOTEBOOK_SVG = re.compile(r'<img\b[^>]*?\bsrc="data:image/svg\+xml;base64,(?P<data>[^"]*)"')


def page_url(site: Path, page: Path) -> str:
    """The page's address under the site root, as a browser resolves relative links from it."""
    return "/" + page.relative_to(site).as_posix()


def read(site: Path, url: str) -> str:
    return (site / url.lstrip("/")).read_text(encoding="utf-8")


def rows(site: Path) -> list[tuple[str, str, float | None, float | None]]:
    """(figure file or page, kind, wide px, served px), one per figure, sorted."""
    found: dict[str, tuple[str, str, float | None, float | None]] = {}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        url = page_url(site, page)
        for match in FIGURE.finditer(html):
            wide_url = urljoin(url, match.group("src"))
            wide = read(site, wide_url)
            narrow = None
            if match.group("narrow") and match.group("media") == PHONE_MEDIA:
                narrow = read(site, urljoin(url, match.group("narrow")))
            served = phone_text_px(wide, narrow, scrolls=bool(match.group("scroll")))
            name = wide_url.rsplit("/", 1)[1]
            kind = "narrow" if narrow else "scrolls" if match.group("scroll") else "wide"
            found[name] = (name, kind, smallest_text_px(
                wide, displayed_width(wide, PHONE_CONTENT_WIDTH)), served)
        for number, match in enumerate(NOTEBOOK_SVG.finditer(html), 1):
            svg = base64.b64decode(match.group("data")).decode("utf-8")
            size = smallest_text_px(svg, displayed_width(svg, PHONE_CONTENT_WIDTH))
            where = f"{url} notebook figure {number}"
            found[where] = (where, "notebook", size, size)
    return sorted(found.values(), key=lambda row: (row[1] == "notebook", row[0]))


def shown(size: float | None) -> str:
    if size is None:
        return "no text"
    return f"{size:5.2f}{' !' if size < READABLE_PX else '  '}"


def main(site: Path) -> None:
    table = rows(site)
    print(f"smallest label in px at a {PHONE_VIEWPORT} px viewport "
          f"(column {PHONE_CONTENT_WIDTH} px); ! below {READABLE_PX:g} px")
    print(f"{'figure':70} {'served':8} {'wide':>8} {'served':>8}")
    for name, kind, wide, served in table:
        print(f"{name:70} {kind:8} {shown(wide):>8} {shown(served):>8}")
    small = [row for row in table if row[3] is not None and row[3] < READABLE_PX]
    unmeasured = [row for row in table if row[3] is None]
    print(f"{len(table)} figures, {len(small)} below {READABLE_PX:g} px as served, "
          f"{len(unmeasured)} without text to measure (notebook outputs draw text as paths)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
