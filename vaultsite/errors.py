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


class VaultError(Exception):
    """Raised when the vault has problems; carries all of them at once."""

    def __init__(self, problems: list[VaultProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
