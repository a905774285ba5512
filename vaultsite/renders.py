# Everything the pages point at that takes time to make: figures (per language),
# explorables' data, notebooks and the math font (shared by all languages). Made once per build,
# for all languages at once, in a process pool; each result cached on disk by
# a hash of its inputs, so a warm build makes nothing.
from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultsite import mathfont, notebooks
from vaultsite.blocks import find_blocks
from vaultsite.errors import VaultProblem
from vaultsite.explorables import ExplorableFile, cached_explorable, explorable_key
from vaultsite.figures import FigureFile, cached_figure, figure_key
from vaultsite.mathml import formulas
from vaultsite.segments import split
from vaultsite.snippet_source import SnippetNameError, where
from vaultsite.vault import Vault


@dataclass
class Renders:
    """What one build made or found in the cache, and what went wrong."""

    figures: dict[tuple[str, str], FigureFile] = field(default_factory=dict)  # (name, lang)
    explorables: dict[str, ExplorableFile] = field(default_factory=dict)  # name → its data
    notebooks: dict[str, str] = field(default_factory=dict)  # name → HTML
    ipynb: dict[str, Path] = field(default_factory=dict)  # name → its .ipynb for download
    font: Path | None = None
    problems: list[VaultProblem] = field(default_factory=list)
    drawn: list[str] = field(default_factory=list)
    computed: list[str] = field(default_factory=list)  # explorables computed, not cached
    executed: list[str] = field(default_factory=list)


def draw_figure(name: str, lang: str, cache_dir: Path) -> tuple[FigureFile | None, bool, str]:
    """A figure from the cache or drawn now; on failure, a message naming the snippet line."""
    try:
        figure, drawn = cached_figure(name, lang, cache_dir=cache_dir)
    except SnippetNameError as error:
        return None, False, str(error)
    except Exception as error:  # a figure function may raise anything
        return None, False, (f"figure {name}('{lang}') raised {where(error)}; "
                             "call it in Python to see the whole traceback")
    return figure, drawn, ""


def compute_explorable(name: str, cache_dir: Path) -> tuple[ExplorableFile | None, bool, str]:
    """An explorable's data from the cache or computed now; on failure, what raised where."""
    try:
        data, computed = cached_explorable(name, cache_dir=cache_dir)
    except SnippetNameError as error:
        return None, False, str(error)
    except Exception as error:  # a compute function may raise anything
        return None, False, (f"explorable {name}() raised {where(error)}; "
                             "call it in Python to see the whole traceback")
    return data, computed, ""


def run_notebook(path: Path, cache_dir: Path) -> tuple[str | None, bool, str]:
    """A notebook's HTML from the cache or executed now; on failure, what raised."""
    shown = f"{notebooks.NOTEBOOK_DIR}/{path.name}"
    try:
        html, executed = notebooks.cached_notebook(path, cache_dir)
    except ValueError as error:  # not a notebook we can read
        return None, False, str(error)
    except Exception as error:  # a cell may raise anything
        raised = (f"{getattr(error, 'ename', '')}: {getattr(error, 'evalue', '')}"
                  if hasattr(error, "ename") else f"{type(error).__name__}: {error}")
        return None, False, f"notebook {shown} raised {raised}; run `python {shown}` to see where"
    return html, executed, ""


def _pool(workers: int, jobs: int) -> Executor | None:
    """A process pool when there is more than one job to share; spawned, not forked
    (``mkdocs serve`` runs threads, and fork copies their locks)."""
    size = min(workers or os.cpu_count() or 1, jobs)
    if size < 2:
        return None
    return ProcessPoolExecutor(max_workers=size, mp_context=multiprocessing.get_context("spawn"))


def render_all(vault: Vault, *, root: Path, cache_dir: Path, figures: bool = True,
               workers: int = 0) -> Renders:
    """Every figure (each language), notebook and the font the vault's pages need."""
    renders = Renders()
    figure_jobs: dict[tuple[str, str], tuple[str, int]] = {}  # (name, lang) → where it is used
    notebook_jobs: dict[str, tuple[str, int]] = {}
    explorable_jobs: dict[str, tuple[str, int]] = {}  # one data file for every language
    for note in vault.notes:
        for block in find_blocks(note.text, "figure") if figures else []:
            if block.names:
                figure_jobs.setdefault((block.names[0], note.lang), (note.path, block.line))
        for block in find_blocks(note.text, "explorable") if figures else []:
            if block.names:
                explorable_jobs.setdefault(block.names[0], (note.path, block.line))
        for block in find_blocks(note.text, "notebook"):
            if not block.names:
                continue
            if not notebooks.notebook_path(root, block.names[0]).exists():
                renders.problems.append(VaultProblem(
                    note.path, block.line,
                    f"no notebook {notebooks.NOTEBOOK_DIR}/{block.names[0]}.py: add it or fix "
                    "the name"))
                continue
            notebook_jobs.setdefault(block.names[0], (note.path, block.line))
    calls: list[tuple[Callable[..., Any], tuple[Any, ...], Callable[[Any], None]]] = []
    for (name, lang), (path, line) in figure_jobs.items():
        calls.append((draw_figure, (name, lang, cache_dir / "figures"),
                      _keep_figure(renders, name, lang, path, line)))
    for name, (path, line) in explorable_jobs.items():
        calls.append((compute_explorable, (name, cache_dir / "explorables"),
                      _keep_explorable(renders, name, path, line)))
    for name, (path, line) in notebook_jobs.items():
        calls.append((run_notebook, (notebooks.notebook_path(root, name), cache_dir / "notebooks"),
                      _keep_notebook(renders, name, path, line)))
    uncached = _uncached(figure_jobs, cache_dir) + _uncached_explorables(explorable_jobs,
                                                                       cache_dir) + sum(
        not notebooks.is_cached(notebooks.notebook_path(root, name), cache_dir / "notebooks")
        for name in notebook_jobs)
    _call_all(calls, workers, uncached=uncached)
    renders.ipynb = {name: ipynb_file(notebooks.notebook_path(root, name), cache_dir / "ipynb")
                     for name in renders.notebooks}
    renders.font = math_font(vault, cache_dir / "fonts")
    return renders


def math_font(vault: Vault, cache_dir: Path) -> Path:
    """The math font cut to the characters of every formula of every language.

    Found by the formulas' text before any is converted: converting them all
    takes a second or more.
    """
    texts = sorted({s.text for note in vault.notes for s in split(note.text)
                    if s.kind in ("math", "display_math")})
    key = hashlib.sha256("\0".join([mathfont.FONT_VERSION.decode(), *texts]).encode()).hexdigest()
    pointer = cache_dir / f"formulas.{key[:16]}.txt"
    if pointer.exists() and Path(pointer.read_text(encoding="utf-8")).exists():
        return Path(pointer.read_text(encoding="utf-8"))
    characters = mathfont.characters(m for note in vault.notes for m in formulas(note.text))
    font = mathfont.build_font(characters, cache_dir)
    pointer.write_text(str(font), encoding="utf-8")
    return font


def ipynb_file(path: Path, cache_dir: Path) -> Path:
    """The notebook as a .ipynb file in the cache, converted only when its text changed."""
    source = path.read_bytes()
    target = cache_dir / f"{path.stem}.{hashlib.sha256(source).hexdigest()[:16]}.ipynb"
    if not target.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(notebooks.ipynb_text(path), encoding="utf-8")
        temporary.replace(target)
    return target


def _uncached(figure_jobs: Iterable[tuple[str, str]], cache_dir: Path) -> int:
    """How many figures must be drawn: a pool is worth starting only for those."""
    count = 0
    for name, lang in figure_jobs:
        try:
            key = figure_key(name, lang)
        except SnippetNameError:
            continue
        count += not (cache_dir / "figures" / f"{key}.svg").exists()
    return count


def _uncached_explorables(names: Iterable[str], cache_dir: Path) -> int:
    """How many explorables must be computed."""
    count = 0
    for name in names:
        try:
            key = explorable_key(name)
        except SnippetNameError:
            continue
        count += not (cache_dir / "explorables" / f"{key}.json").exists()
    return count


def _call_all(calls: list[tuple[Callable[..., Any], tuple[Any, ...], Callable[[Any], None]]],
              workers: int, *, uncached: int) -> None:
    pool = _pool(workers, uncached)
    if pool is None:
        for function, args, keep in calls:
            keep(function(*args))
        return
    with pool:
        futures = [(pool.submit(function, *args), keep) for function, args, keep in calls]
        for future, keep in futures:  # in submission order: the logs are deterministic
            keep(future.result())


def _keep_figure(renders: Renders, name: str, lang: str, path: str,
                 line: int) -> Callable[[Any], None]:
    def keep(result: tuple[FigureFile | None, bool, str]) -> None:
        figure, drawn, message = result
        if figure is None:
            renders.problems.append(VaultProblem(path, line, message))
            return
        renders.figures[(name, lang)] = figure
        if drawn:
            renders.drawn.append(f"{name}.{lang}")
    return keep


def _keep_explorable(renders: Renders, name: str, path: str,
                     line: int) -> Callable[[Any], None]:
    def keep(result: tuple[ExplorableFile | None, bool, str]) -> None:
        data, computed, message = result
        if data is None:
            renders.problems.append(VaultProblem(path, line, message))
            return
        renders.explorables[name] = data
        if computed:
            renders.computed.append(name)
    return keep


def _keep_notebook(renders: Renders, name: str, path: str, line: int) -> Callable[[Any], None]:
    def keep(result: tuple[str | None, bool, str]) -> None:
        html, executed, message = result
        if html is None:
            renders.problems.append(VaultProblem(path, line, message))
            return
        renders.notebooks[name] = html
        if executed:
            renders.executed.append(name)
    return keep
