"""The real site, built once per test session, for the build and browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import ROOT, build


@pytest.fixture(scope="session")
def clean_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The real site built once from an empty cache: (site, cache, build log)."""
    base = tmp_path_factory.mktemp("clean")
    result = build(ROOT, base / "site", base / "cache")
    assert result.returncode == 0, result.stderr[-4000:]
    return base / "site", base / "cache", result.stderr
