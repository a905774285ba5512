# Problems found in the vault, reported with the file and line that has them.
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VaultProblem:
    """One thing wrong in a vault file, and what to do about it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"docs/{self.path}:{self.line}: {self.message}"


class VaultProblemError(Exception):
    """Raised where one problem stops the reading of one file."""

    def __init__(self, problem: VaultProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))
