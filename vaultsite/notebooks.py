# Lab notebooks: jupytext percent-format .py files in notebooks/, executed and
# rendered by mkdocs-jupyter, once per build for all languages, cached by content.
from __future__ import annotations

import ast
import functools
import hashlib
import os
import re
from importlib import metadata
from pathlib import Path

from vaultsite.snippet_source import PACKAGE, dependency_digest

NOTEBOOK_DIR = "notebooks"
CSS_SITE_PATH = "assets/stylesheets/jupyter.css"
_EXTERNAL_OR_MATHJAX_SCRIPT = re.compile(
    r'<script\b[^>]*(?:\bsrc=|type="(?:module|text/x-mathjax-config)")[^>]*>.*?</script>\s*',
    re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>.*?</style>\s*", re.DOTALL)
_OUTPUT_AREA = re.compile(r'<div class="jp-OutputArea jp-Cell-outputArea"')
NO_ALT = 'alt="No description has been provided for this image"'


def notebook_path(root: Path, name: str) -> Path:
    """``notebooks/<name>.py`` under the project root."""
    return root / NOTEBOOK_DIR / f"{name}.py"


def imported_snippets(source: str) -> set[str]:
    """Snippet modules a notebook imports (none if it is not Python; see read_notebook)."""
    found: set[str] = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == PACKAGE:
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE + "."):
            found.add((node.module or "").split(".")[1])
    return found


def notebook_key(path: Path) -> str:
    """Hash of the notebook, the snippet code it runs, and the renderer's versions."""
    source = read_notebook(path)
    digest = hashlib.sha256(source.encode())
    for module in sorted(imported_snippets(source)):
        digest.update(dependency_digest(module).encode())
    digest.update(_renderer_versions().encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _renderer_versions() -> str:
    return ",".join(f"{package}={metadata.version(package)}"
                    for package in ("mkdocs-jupyter", "nbconvert", "numpy", "matplotlib"))


def clean_notebook_html(html: str) -> str:
    """mkdocs-jupyter's HTML without what a reader offline cannot load or need not index.

    Drops the MathJax and Mermaid scripts (they load from a CDN) and the inline
    stylesheets (shipped once as ``jupyter.css``), marks cell outputs with
    ``data-search-exclude`` so they stay out of the search index, and moves
    headings one level down.
    """
    html = _EXTERNAL_OR_MATHJAX_SCRIPT.sub("", html)
    html = _STYLE.sub("", html)
    html = _OUTPUT_AREA.sub('<div class="jp-OutputArea jp-Cell-outputArea" data-search-exclude', html)
    return demote_headings(html)


def demote_headings(html: str) -> str:
    """h1 → h2 … h5 → h6: the page around the notebook already has its h1."""
    return re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


def render_notebook(path: Path, *, work_dir: Path) -> str:
    """Execute the notebook with mkdocs-jupyter; a cell that raises raises here.

    The kernel inherits an environment that makes matplotlib's SVG output
    reproducible: no date (SOURCE_DATE_EPOCH) and fixed element ids (svg.hashsalt).
    """
    from mkdocs_jupyter.nbconvert2 import nb2html

    work_dir.mkdir(parents=True, exist_ok=True)
    (work_dir / "matplotlibrc").write_text("svg.hashsalt: vaultsite\n", encoding="utf-8")
    ipynb = work_dir / f"{path.stem}.ipynb"  # numbered cell ids: the same HTML on every run
    ipynb.write_text(ipynb_text(path), encoding="utf-8")
    # the kernel imports snippets/ from this notebook's checkout, whatever is installed
    project_root = path.resolve().parent.parent
    reproducible = {"SOURCE_DATE_EPOCH": "0", "MATPLOTLIBRC": str(work_dir),
                    "PYTHONPATH": os.pathsep.join(filter(None, [
                        str(project_root), os.environ.get("PYTHONPATH")]))}
    saved = {key: os.environ.get(key) for key in reproducible}
    os.environ.update(reproducible)
    try:
        html = nb2html(str(ipynb), execute=True, kernel_name="python3", allow_errors=False,
                       theme="light", include_requirejs=False)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return clean_notebook_html(html)


def cached_notebook(path: Path, cache_dir: Path) -> tuple[str, bool]:
    """The notebook's HTML, executed only when no cached render has its key."""
    cached = cache_dir / f"{path.stem}.{notebook_key(path)[:16]}.html"
    if cached.exists():
        return cached.read_text(encoding="utf-8"), False
    html = render_notebook(path, work_dir=cache_dir / "work")
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached.with_suffix(".tmp").write_text(html, encoding="utf-8")
    cached.with_suffix(".tmp").replace(cached)
    return html, True


def ipynb_text(path: Path) -> str:
    """The notebook as .ipynb JSON, with cell ids numbered rather than random."""
    return _ipynb(read_notebook(path))


_CELL_MARKER = re.compile(r"^# %%", re.MULTILINE)
_HEADER = re.compile(r"\A# ---\n((?:#.*\n)*?)# ---\n")


def read_notebook(path: Path) -> str:
    """A notebook's source, checked as a jupytext percent-format script.

    ``ValueError`` says ``notebooks/<name>.py:<line>: what is wrong, what to do``
    for a file that is not UTF-8, not Python, without ``# %%`` cells, or with
    a header that is not YAML.
    """
    shown = f"{NOTEBOOK_DIR}/{path.name}"
    data = path.read_bytes()
    try:
        source = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        msg = (f"{shown}:{line}: not valid UTF-8 (byte 0x{data[error.start]:02x}); "
               "re-save the file as UTF-8")
        raise ValueError(msg) from error
    try:
        ast.parse(source)
    except SyntaxError as error:
        msg = f"{shown}:{error.lineno}: not valid Python: {error.msg}; fix the cell"
        raise ValueError(msg) from error
    if not _CELL_MARKER.search(source):
        msg = (f"{shown}:1: not a jupytext percent-format notebook: start each cell with "
               "a `# %%` line (`# %% [markdown]` for text)")
        raise ValueError(msg)
    header = _HEADER.match(source)
    if header:
        import yaml

        yaml_text = re.sub(r"^# ?", "", header.group(1), flags=re.MULTILINE)
        try:
            yaml.safe_load(yaml_text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = 2 + (mark.line if mark else 0)
            msg = (f"{shown}:{line}: the jupytext header is not valid YAML "
                   f"({getattr(error, 'problem', error)}); fix it or delete the header")
            raise ValueError(msg) from error
    return source


@functools.lru_cache(maxsize=64)  # each language's build asks for the same file
def _ipynb(source: str) -> str:
    import jupytext

    notebook = jupytext.reads(source, fmt="py:percent")
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"
    return jupytext.writes(notebook, fmt="ipynb")


@functools.lru_cache(maxsize=1)  # the same 600 KB for each language's build
def jupyter_css() -> str:
    """mkdocs-jupyter's stylesheets, light by default and dark under Material's slate scheme."""
    import mkdocs_jupyter
    from jupyterlab_pygments import JupyterStyle  # colours from --jp-* variables
    from pygments.formatters import HtmlFormatter

    assets = Path(mkdocs_jupyter.__file__).parent / "templates" / "mkdocs_html" / "assets"
    dark = (assets / "theme-dark.css").read_text(encoding="utf-8").replace(
        ".jupyter-wrapper{", '[data-md-color-scheme="slate"] .jupyter-wrapper{', 1)
    return "\n".join([
        (assets / "index.css").read_text(encoding="utf-8"),
        (assets / "theme-light.css").read_text(encoding="utf-8"),
        dark,
        HtmlFormatter(style=JupyterStyle).get_style_defs(".highlight-ipynb"),
    ])
