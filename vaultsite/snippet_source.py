# Resolving ``module.function`` names in snippets/ to objects, source code and files.
from __future__ import annotations

import ast
import difflib
import functools
import hashlib
import importlib
import importlib.util
import inspect
import sys
import traceback
from pathlib import Path
from types import ModuleType

PACKAGE = "snippets"


class SnippetNameError(LookupError):
    """A page names a module or function that snippets/ does not have."""


def package_dir() -> Path:
    """The snippets/ folder beside this vaultsite/: the checkout being built."""
    return Path(__file__).resolve().parent.parent / PACKAGE


def _package() -> ModuleType:
    """The snippets package of this checkout, imported from its folder.

    Not through ``sys.path``: an editable install of another checkout (a git
    worktree, a copy) would put its own snippets/ there.
    """
    folder = package_dir()
    loaded = sys.modules.get(PACKAGE)
    if loaded is not None and Path(loaded.__file__ or "").resolve().parent == folder:
        return loaded
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        PACKAGE, folder / "__init__.py", submodule_search_locations=[str(folder)])
    if spec is None or spec.loader is None:
        msg = f"no {PACKAGE}/__init__.py in {folder.parent}"
        raise SnippetNameError(msg)
    package = importlib.util.module_from_spec(spec)
    sys.modules[PACKAGE] = package
    spec.loader.exec_module(package)
    return package


def _module_names() -> list[str]:
    return sorted(p.stem for p in package_dir().glob("*.py") if p.stem != "__init__")


def load_module(module: str) -> ModuleType:
    """``snippets.<module>``, or an error listing the modules that exist."""
    if module not in _module_names():
        close = difflib.get_close_matches(module, _module_names(), n=3)
        hint = f" Closest: {', '.join(close)}." if close else ""
        msg = f"no module snippets/{module}.py.{hint}"
        raise SnippetNameError(msg)
    try:
        _package()
        loaded = importlib.import_module(f"{PACKAGE}.{module}")
        for name in [m for m in sys.modules if m.startswith(PACKAGE + ".")]:
            if not hasattr(sys.modules[name], "_loaded_mtime_ns"):  # itself and what it imported
                sys.modules[name]._loaded_mtime_ns = _mtime_ns(sys.modules[name].__file__)  # type: ignore[attr-defined]
        return loaded
    except SnippetNameError:
        raise
    except Exception as error:  # a module may raise anything while it is imported
        raise SnippetNameError(f"cannot import snippets/{module}.py: {where(error)}") from error


def where(error: BaseException) -> str:
    """``snippets/x.py:12: ZeroDivisionError: division by zero``: the error at its snippet line.

    The innermost frame in snippets/ is named, never the whole traceback; a
    syntax error names its own line.
    """
    folder = package_dir()
    if isinstance(error, SyntaxError) and error.filename:
        return f"{_shown(Path(error.filename), folder)}:{error.lineno}: SyntaxError: {error.msg}"
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if Path(f.filename).resolve().is_relative_to(folder.resolve())]
    place = f"{_shown(Path(frames[-1].filename), folder)}:{frames[-1].lineno}: " if frames else ""
    return f"{place}{type(error).__name__}: {error}"


def _shown(path: Path, folder: Path) -> str:
    try:
        return f"{PACKAGE}/{path.resolve().relative_to(folder.resolve()).as_posix()}"
    except ValueError:
        return path.as_posix()


def lookup(name: str) -> tuple[ModuleType, object]:
    """The module and object of ``"module.function"`` (or the module for ``"module"``)."""
    module_name, _, attribute = name.strip().partition(".")
    module = load_module(module_name)
    if not attribute:
        return module, module
    if not hasattr(module, attribute):
        public = [n for n in dir(module) if not n.startswith("_")]
        close = difflib.get_close_matches(attribute, public, n=3)
        hint = f" Closest: {', '.join(f'{module_name}.{c}' for c in close)}." if close else ""
        msg = f"snippets/{module_name}.py has no `{attribute}`.{hint}"
        raise SnippetNameError(msg)
    return module, getattr(module, attribute)


def source_of(name: str) -> str:
    """The source code of a snippet function, class or whole module."""
    _, obj = lookup(name)
    return inspect.getsource(obj)  # type: ignore[arg-type]


def snippet_imports(path: Path) -> set[str]:
    """Names of the sibling snippet modules that a module imports."""
    return set(_imports(path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=256)
def _imports(source: str) -> frozenset[str]:
    found: set[str] = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return frozenset()  # reported, with its line, when the module is imported
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == PACKAGE:
                found.update(alias.name for alias in node.names)
            elif node.module.startswith(PACKAGE + "."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names
                         if a.name.startswith(PACKAGE + "."))
    return frozenset(found)


def dependency_digest(module: str) -> str:
    """SHA-256 of a module's source and of every snippet module it imports, transitively.

    Editing ``adagrad.py`` changes the digest of ``adagrad`` and of modules that
    import it, and of nothing else.
    """
    stats = [(p, p.stat()) for p in sorted(package_dir().glob("*.py"))]
    return _digest(module, _sources(tuple((str(p), s.st_mtime_ns, s.st_size) for p, s in stats)))


@functools.lru_cache(maxsize=8)  # read again only when a file's time or size changes
def _sources(stamps: tuple[tuple[str, int, int], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((Path(path).stem, Path(path).read_text(encoding="utf-8"))
                 for path, _, _ in stamps)


@functools.lru_cache(maxsize=1024)
def _digest(module: str, sources: tuple[tuple[str, str], ...]) -> str:
    # cached on the sources themselves: a build asks for the same digest many times
    by_name = dict(sources)
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        todo.extend(_imports(by_name[name]))
    digest = hashlib.sha256()
    for name in sorted(seen):
        digest.update(name.encode() + b"\0" + by_name[name].encode() + b"\0")
    return digest.hexdigest()


def forget_changed_modules() -> bool:
    """Drop every snippet module from ``sys.modules`` if any snippet file changed since import.

    ``mkdocs serve`` keeps one Python process; without this, an edited snippet
    would keep showing its old code. Each module remembers the file time it was
    loaded at; returns whether anything was dropped.
    """
    loaded = {m: sys.modules[m] for m in sys.modules if m.startswith(PACKAGE + ".")}
    stale = [m for m, module in loaded.items()
             if getattr(module, "_loaded_mtime_ns", None) != _mtime_ns(module.__file__)]
    if not stale:
        return False
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    return True


def _mtime_ns(path: str | None) -> int | None:
    try:
        return Path(path or "").stat().st_mtime_ns
    except OSError:
        return None
