# Lab notebooks: jupytext percent-format .py files in notebooks/, executed by
# nbclient and rendered by nbconvert's HTMLExporter (lab template, body only),
# once per build for all languages, cached by content.
from __future__ import annotations

import ast
import functools
import hashlib
import os
import re
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

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
    """Hash of the notebook, the snippet code it runs, and the renderer's versions and code."""
    source = read_notebook(path)
    digest = hashlib.sha256(source.encode())
    for module in sorted(imported_snippets(source)):
        digest.update(dependency_digest(module).encode())
    digest.update(_renderer_versions().encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _renderer_versions() -> str:
    versions = ",".join(f"{package}={metadata.version(package)}" for package in (
        "nbclient", "nbconvert", "ipykernel", "pygments", "numpy", "matplotlib"))
    # and this file: how a notebook is run, rendered and cleaned
    return versions + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def clean_notebook_html(html: str) -> str:
    """The exporter's HTML without what a reader offline cannot load or need not index.

    Drops scripts that load from elsewhere or configure MathJax, and inline
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


# The lab template's notebook body alone: no <html>/<head>, hence no inline CSS,
# MathJax, Mermaid or RequireJS; a .jupyter-wrapper that jupyter.css is scoped to.
_TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{%- block header -%}{%- endblock header -%}
{%- block body_header -%}
<div class="jupyter-wrapper">
<div class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
{%- endblock body_header -%}
{%- block body_footer -%}
</div>
</div>
{%- endblock body_footer -%}
{%- block footer -%}{%- endblock footer -%}
"""
_TEMPLATE_FILE = "vaultsite-notebook.html.j2"
_CELL_TIMEOUT = 300  # seconds a cell may run before the build fails
_HIGHLIGHT_CLASS = "highlight-ipynb"  # not Material's .highlight, which styles its own code


def _highlight_code(source: str, language: str | None = None, metadata: object = None) -> str:
    """A code cell's source as Pygments HTML, ``<pre><code>`` in a ``.highlight-ipynb`` block."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name

    lexer = get_lexer_by_name(language or "ipython3")
    # <pre><code>: Material gives the block its copy button
    formatter = HtmlFormatter(cssclass=f"{_HIGHLIGHT_CLASS} hl-python", wrapcode=True)
    return highlight(source or " ", lexer, formatter)


def _exporter() -> Any:  # nbconvert.HTMLExporter, imported only when a notebook renders
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file=_TEMPLATE_FILE,
                        extra_loaders=[DictLoader({_TEMPLATE_FILE: _TEMPLATE})],
                        filters={"highlight_code": _highlight_code})


def render_notebook(path: Path, *, work_dir: Path) -> str:
    """Execute the notebook with nbclient and render its body with nbconvert.

    A cell that raises raises ``nbclient.exceptions.CellExecutionError`` here
    (its ``ename`` and ``evalue`` name the exception). The kernel runs in
    ``work_dir`` with an environment that makes matplotlib's SVG output
    reproducible: no date (SOURCE_DATE_EPOCH) and fixed element ids (svg.hashsalt).
    """
    import nbformat
    from nbclient import NotebookClient

    work_dir.mkdir(parents=True, exist_ok=True)
    (work_dir / "matplotlibrc").write_text("svg.hashsalt: vaultsite\n", encoding="utf-8")
    # numbered cell ids: the same HTML on every run
    notebook = nbformat.reads(ipynb_text(path), as_version=4)
    # the kernel imports snippets/ from this notebook's checkout, whatever is installed
    project_root = path.resolve().parent.parent
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "MATPLOTLIBRC": str(work_dir),
           "PYTHONPATH": os.pathsep.join(filter(None, [
               str(project_root), os.environ.get("PYTHONPATH")]))}
    client = NotebookClient(notebook, kernel_name="python3", timeout=_CELL_TIMEOUT,
                            allow_errors=False, resources={"metadata": {"path": str(work_dir)}})
    client.execute(env=env, cwd=str(work_dir))
    html, _ = _exporter().from_notebook_node(notebook)
    return clean_notebook_html(html)


def cache_file(path: Path, cache_dir: Path) -> Path:
    """Where the notebook's rendered HTML is kept, named by its key."""
    return cache_dir / f"{path.stem}.{notebook_key(path)[:16]}.html"


def is_cached(path: Path, cache_dir: Path) -> bool:
    """Whether the notebook's render is in the cache (a notebook that cannot be read is not)."""
    try:
        return cache_file(path, cache_dir).exists()
    except ValueError:
        return False


def cached_notebook(path: Path, cache_dir: Path) -> tuple[str, bool]:
    """The notebook's HTML, executed only when no cached render has its key."""
    cached = cache_file(path, cache_dir)
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


@functools.lru_cache(maxsize=1)  # the same 280 KB for each language's build
def jupyter_css() -> str:
    """nbconvert's lab stylesheets and Jupyter's Pygments colours, scoped to ``.jupyter-wrapper``.

    Light by default, dark under Material's slate scheme; comments, ``@import``,
    ``@page`` and ``@font-face`` rules that load from elsewhere are dropped, so the
    stylesheet loads nothing.
    """
    from jupyterlab_pygments import JupyterStyle  # colours from --jp-* variables
    from pygments.formatters import HtmlFormatter

    static = _lab_static_dir()
    sheets = [
        _scoped((static / "index.css").read_text(encoding="utf-8"), _SCOPE),
        _scoped((static / "theme-light.css").read_text(encoding="utf-8"), _SCOPE),
        _scoped((static / "theme-dark.css").read_text(encoding="utf-8"), _DARK_SCOPE),
        _scoped(HtmlFormatter(style=JupyterStyle).get_style_defs(f".{_HIGHLIGHT_CLASS}"), _SCOPE),
        _NOTEBOOK_CSS,
    ]
    css = "\n".join([_CSS_HEADER, *sheets])
    remote = _REMOTE_URL.search(css)
    if remote:
        msg = f"jupyter.css would load {remote.group()}: drop that rule"
        raise ValueError(msg)
    return css


_SCOPE = ".jupyter-wrapper"
_DARK_SCOPE = '[data-md-color-scheme="slate"] .jupyter-wrapper'
_CSS_HEADER = ("/* nbconvert's lab template stylesheets and jupyterlab_pygments' colours, "
               "Copyright (c) Jupyter Development Team, Modified BSD License; scoped to "
               ".jupyter-wrapper by vaultsite/notebooks.py */")
# What the lab template's page puts in an inline <style>, for the body alone; then
# the notebook on Material's page: code as Jupyter shows it (Material adds a copy
# button to it), no background of its own, prose as large as the page's, whole prompts
_NOTEBOOK_CSS = f"""\
{_SCOPE} a.anchor-link{{display:none}}
{_SCOPE} .jp-Collapser{{display:none}}
{_SCOPE} .jp-InputArea,{_SCOPE} .jp-InputArea-editor{{overflow:hidden}}
{_SCOPE} .{_HIGHLIGHT_CLASS}{{overflow-x:auto}}
{_SCOPE} .{_HIGHLIGHT_CLASS} pre{{margin:0;padding:var(--jp-code-padding) 4px;font-family:inherit;\
font-size:inherit;line-height:inherit;color:inherit;background:transparent}}
{_SCOPE} .{_HIGHLIGHT_CLASS} pre>code{{font:inherit;padding:0;background:transparent;color:inherit}}
{_SCOPE} .jp-OutputArea-output pre{{line-height:inherit;font-family:inherit}}
{_SCOPE} .jp-RenderedText pre{{color:var(--jp-content-font-color1);font-size:var(--jp-code-font-size)}}
{_SCOPE} .jp-Notebook{{background:transparent}}
{_SCOPE} .jp-RenderedMarkdown{{font-family:inherit;font-size:inherit;color:inherit}}
{_SCOPE} .jp-RenderedMarkdown code{{font-size:.85em}}
{_SCOPE},{_DARK_SCOPE}{{--jp-cell-prompt-width:76px}}
"""
_REMOTE_URL = re.compile(r"@import\b|url\(\s*[\"']?(?!data:)[^)]*\)", re.IGNORECASE)
# a string (kept), or a comment or run of whitespace (one space)
_STRING_OR_SPACE = re.compile(r"(\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*')|(?:/\*.*?\*/|\s)+",
                              re.DOTALL)
_GROUPING_RULES = {"media", "supports", "layer", "container"}


def _lab_static_dir() -> Path:
    """The installed ``nbconvert/templates/lab/static``, found as the exporter finds it."""
    from nbconvert.exporters.templateexporter import TemplateExporter

    for directory in TemplateExporter(template_name="lab").template_paths:
        if (Path(directory) / "static" / "index.css").exists():
            return Path(directory) / "static"
    msg = "nbconvert's lab template is not installed: reinstall nbconvert"
    raise FileNotFoundError(msg)


def _css_statements(css: str) -> Iterator[tuple[str, str | None]]:
    """``(prelude, block)`` for each top-level rule; ``block`` is None for ``@x …;``."""
    depth, start, prelude_end, i = 0, 0, 0, 0
    while i < len(css):
        char = css[i]
        if char in "\"'":
            end = i + 1
            while end < len(css) and css[end] != char:
                end += 2 if css[end] == "\\" else 1
            i = end + 1
            continue
        if char == "{":
            if depth == 0:
                prelude_end = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield css[start:prelude_end].strip(), css[prelude_end + 1:i]
                start = i + 1
        elif char == ";" and depth == 0:
            yield css[start:i].strip(), None
            start = i + 1
        i += 1


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside ``:is(…)``)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        depth += (char in "([") - (char in ")]")
        if char == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    return [*parts, prelude[start:].strip()]


def _scoped_selector(selector: str, scope: str) -> str | None:
    """``:root`` becomes the scope, any other selector goes inside it; None for
    ``html``/``body`` rules, which style JupyterLab's page, not an embedded notebook."""
    if re.match(r"(?:html|body)(?![\w-])", selector):
        return None
    match = re.match(r":root(?![\w-])", selector)
    return scope + selector[match.end():] if match else f"{scope} {selector}"


def _scoped(css: str, scope: str) -> str:
    """Every rule of ``css`` limited to elements inside ``scope``; no page-wide rules and
    nothing loaded from elsewhere."""
    css = _STRING_OR_SPACE.sub(lambda m: m.group(1) or " ", css)
    rules = []
    for prelude, block in _css_statements(css):
        at_rule = prelude[1:].split(None, 1)[0].lower() if prelude.startswith("@") else ""
        if block is None:
            if at_rule not in {"import", "charset"}:
                rules.append(prelude + ";")
        elif at_rule in _GROUPING_RULES:
            rules.append(f"{prelude}{{{_scoped(block, scope)}}}")
        elif at_rule == "page" or (at_rule == "font-face" and _REMOTE_URL.search(block)):
            continue
        elif at_rule:  # @keyframes, local @font-face: names, not selectors
            rules.append(f"{prelude}{{{block.strip()}}}")
        else:
            selectors = [_scoped_selector(s, scope) for s in _split_selectors(prelude)]
            if any(selectors):
                rules.append(f"{','.join(filter(None, selectors))}{{{block.strip()}}}")
    return "\n".join(rules)
