"""The whole repository passes ruff and strict mypy with the settings in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from tests.sitebuild import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m <args>`` at the repository root and capture its report."""
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_ruff_finds_nothing() -> None:
    """`ruff check .` reports no problem anywhere in the repository."""
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    """`mypy vaultsite snippets scripts tests` (strict) reports no problem."""
    result = _run("mypy", "vaultsite", "snippets", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr
