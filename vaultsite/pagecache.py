# Rendered pages kept by a hash of everything they are made from, so an edit
# re-renders its own page, and the pages that show its title, and nothing else.
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_VERSION = "1"  # bump when what is cached changes shape
PLACEHOLDER = "vaultsitecachedpage"  # the Markdown handed to MkDocs for a page from the cache
_PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "markdown", "pymdown-extensions",
             "latex2mathml", "pygments", "mkdocs-callouts")


@dataclass
class CachedPage:
    """A page after the Markdown and HTML steps, with what MkDocs derives from its Markdown."""

    html: str
    toc: list[Any]  # nested [title, id, level, children]
    anchors: list[str]  # every id in the page, for checking links into it
    tags: list[str]
    search: list[dict[str, Any]] | None = None  # its search entries, once indexed


@dataclass
class PageCache:
    """Pages in memory (for ``mkdocs serve``) and on disk (for the next build)."""

    folder: Path
    pages: dict[str, CachedPage] = field(default_factory=dict)

    def get(self, key: str) -> CachedPage | None:
        """The complete page of ``key`` (with its search entries), if any."""
        page = self.pages.get(key)
        path = self.folder / f"{key}.json"
        if page is None and path.exists():
            page = CachedPage(**json.loads(path.read_text(encoding="utf-8")))
            self.pages[key] = page
        return page if page is not None and page.search is not None else None

    def put(self, key: str, page: CachedPage) -> None:
        """Keep ``page``; it is written to disk once its search entries are known."""
        self.pages[key] = page
        if page.search is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f"{key}.tmp"
            temporary.write_text(json.dumps(asdict(page), ensure_ascii=False), encoding="utf-8")
            temporary.replace(self.folder / f"{key}.json")


def environment_digest(code_dir: Path, config_file: Path) -> str:
    """The build code, its configuration and the libraries that render a page."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for path in sorted(code_dir.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(config_file.read_bytes())
    for package in _PACKAGES:
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()


def page_key(parts: Iterable[str]) -> str:
    """A hash of a page's inputs, in order."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()
