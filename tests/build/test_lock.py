"""The lock file pins everything pyproject.toml asks for, once for every Python."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement

from tests.sitebuild import ROOT


def _pinned() -> dict[str, list[str]]:
    """Package name → the lines of constraints.txt that pin it."""
    pins: dict[str, list[str]] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.\-]+)==", line)
        if match:
            pins.setdefault(match.group(1).lower().replace("_", "-"), []).append(line)
    return pins


def test_every_dependency_is_locked() -> None:
    """Each runtime and test dependency of pyproject.toml has a pinned version."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    names = {Requirement(r).name.lower().replace("_", "-") for r in wanted}
    assert sorted(names - set(_pinned())) == []


def test_output_pins_hold_on_every_python() -> None:
    """numpy and matplotlib have one version for all Pythons: the same figures everywhere."""
    pins = _pinned()
    held = re.findall(r"^([a-z\-]+)==(\S+)$", (ROOT / "constraints.in").read_text(), re.MULTILINE)
    assert held and all(pins[name] == [f"{name}=={version}"] for name, version in held)
