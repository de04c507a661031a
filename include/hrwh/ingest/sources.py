"""What the loader needs to know about one kind of landing file.

Each source (payroll now; consultants and survey later) is one `Source` value: where its files
are, how they are named, which columns they must have, how a row is validated and where it goes.
The loader itself is the same for every source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hrwh.pseudonym import Pseudonymizer

RowParser = Callable[[dict[str, str], str, Pseudonymizer], tuple]


@dataclass(frozen=True)
class Source:
    """One kind of landing file and the raw table its rows go to."""

    name: str
    folder: str
    file_pattern: str
    columns: tuple[str, ...]
    table: str
    table_columns: tuple[str, ...]
    parse_row: RowParser
    key_column: str
    """The source column that identifies a row within one file (a repeat is set aside)."""
    key_index: int
    """Where that column's value is in a parsed row."""
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", re.compile(self.file_pattern))

    def period_of(self, path: Path) -> str | None:
        """The period in a well-formed file name, else None."""
        match = self._regex.fullmatch(path.name)
        return match.group("period") if match else None

    def files(self, landing_dir: Path) -> list[Path]:
        """This source's files in the landing directory, oldest period first."""
        folder = landing_dir / self.folder
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
