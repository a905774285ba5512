"""The snippets modules import one another without a cycle, and each imports on its own."""

from __future__ import annotations

import ast
import importlib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets"
MODULES = sorted(path.stem for path in SNIPPETS.glob("*.py") if path.stem != "__init__")


def snippet_imports(module: str) -> set[str]:
    """The snippets modules that ``snippets/<module>.py`` imports, at any depth of its code."""
    tree = ast.parse((SNIPPETS / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "snippets":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("snippets."):
            found.add(str(node.module).split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names
                         if alias.name.startswith("snippets."))
    return found


def import_graph() -> dict[str, set[str]]:
    """Each snippets module and the snippets modules it imports."""
    return {module: snippet_imports(module) for module in MODULES}


def test_snippet_imports_are_parsed() -> None:
    """The parser sees both import forms: adam imports adagrad, momentum, rmsprop and core."""
    assert {"adagrad", "momentum", "rmsprop", "core", "plotting", "surfaces"} <= import_graph()[
        "adam"]


def test_snippets_import_graph_has_no_cycle() -> None:
    """A topological order of the snippets modules exists: no module imports itself back."""
    graph = import_graph()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle among snippets modules: {error.args[1]}")
    assert order.index("core") < order.index("adagrad") < order.index("adagrad_vs_rmsprop")


def test_snippets_import_only_snippets_modules_that_exist() -> None:
    """Every snippets module named in an import is a file in snippets/."""
    named = set().union(*import_graph().values())
    assert named <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_alone(module: str) -> None:
    """Each module imports without error and starts with a docstring saying what it is for."""
    loaded = importlib.import_module(f"snippets.{module}")
    assert loaded.__doc__ and loaded.__doc__.strip()
