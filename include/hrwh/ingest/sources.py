"""What the loader needs to know about one kind of landing file.

Each source (payroll, consultant counts, the staff survey) is one `Source` value: where its
files are, how they are named, which columns they must have, how a row is validated and which
tables its values go to. The loader itself is the same for every source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hrwh.pseudonym import Pseudonymizer

ParsedRow = dict[str, list[tuple]]
"""Table name → the rows one landing row puts there (free text goes to its own table)."""

RowParser = Callable[[dict[str, str], str, Pseudonymizer], ParsedRow]


@dataclass(frozen=True)
class Source:
    """One kind of landing file and the tables its rows go to."""

    name: str
    folder: str
    file_pattern: str
    columns: tuple[str, ...]
    tables: dict[str, tuple[str, ...]]
    """Each table a row may go to, with its columns (after load_id and line_no)."""
    parse_row: RowParser
    free_text_columns: tuple[str, ...] = ()
    """Comments and free-text answers: the only columns whose values may hold line breaks."""
    key: str | None = None
    """The column that identifies a row within one file, where a repeat must be set aside."""
    gated: bool = False
    """Whether each delivery's count of keys is held against its neighbours' (`delivery_gate`)."""
    period_column: str | None = None
    """The column that repeats the file's period in every row (payroll's `Period`), loaded into
    the `period` column of the source's only table. A row then comes again in the next period's
    file with only that field changed, so the loader checks each distinct row once per run
    (`loader.RowMemo`)."""
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", re.compile(self.file_pattern))
        if self.period_column is not None:
            (columns,) = self.tables.values()  # one table, with a period column
            assert "period" in columns and self.period_column in self.columns

    @property
    def file_name_form(self) -> str:
        """The file-name pattern in words, for messages."""
        return self.file_pattern.replace("\\", "")

    def period_of(self, path: Path) -> str | None:
        """The period in a well-formed file name, else None."""
        match = self._regex.fullmatch(path.name)
        return match.group("period") if match else None

    def files(self, landing_dir: Path) -> list[Path]:
        """This source's files in the landing directory, in name order."""
        folder = landing_dir / self.folder
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))

    def rivals(self, path: Path, paths: list[Path]) -> tuple[str, ...]:
        """The names of the other files in `paths` that deliver the same period as `path`."""
        period = self.period_of(path)
        if period is None:
            return ()
        return tuple(p.name for p in paths if p != path and self.period_of(p) == period)
