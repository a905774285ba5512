# Images of the vault that a browser could not draw: reported with their file.
from __future__ import annotations

import functools
import io
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from vaultsite.errors import VaultProblem

RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"}


def decode_error(data: bytes, suffix: str) -> str | None:
    """Why bytes named ``*<suffix>`` are not a drawable image, or ``None`` if they are."""
    if suffix == ".svg":
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError as error:
            return f"not valid SVG XML ({error})"
        return None if root.tag.rpartition("}")[2] == "svg" else f"not an SVG (root <{root.tag}>)"
    from PIL import Image, UnidentifiedImageError  # matplotlib's own dependency

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # decodes every pixel: a truncated file fails here
    except UnidentifiedImageError:
        return "cannot be decoded: not a PNG, JPEG, GIF, WebP or BMP image"
    except (OSError, SyntaxError, ValueError) as error:
        return f"cannot be decoded as an image ({error})"
    return None


def image_problems(docs_dir: Path, assets: tuple[str, ...]) -> list[VaultProblem]:
    """A problem for every image under ``docs_dir`` that cannot be drawn."""
    problems = []
    for asset in assets:
        suffix = PurePosixPath(asset).suffix.lower()
        if suffix not in RASTER | {".svg"}:
            continue
        stat = (docs_dir / asset).stat()
        error = _checked(str(docs_dir / asset), suffix, stat.st_size, stat.st_mtime_ns)
        if error:
            problems.append(VaultProblem(asset, 1, f"{error}; re-export the image (PNG, JPEG "
                                                   "or SVG) and save it again under docs/"))
    return problems


@functools.lru_cache(maxsize=1024)  # each language's build checks the same files
def _checked(path: str, suffix: str, size: int, mtime_ns: int) -> str | None:
    return decode_error(Path(path).read_bytes(), suffix)
