"""Building the real site from tests: one strict `mkdocs build` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(project: Path, site: Path, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` on ``project`` (no -q: quiet hides warnings)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VAULTSITE_CACHE": str(cache), **env}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)], capture_output=True, text=True, env=environment, check=False)
