"""One reader for the tab-separated word lists rashomon ships in rashomon/data/.

A list has one row a line, its fields separated by tabs; blank lines and lines that start with "#"
are skipped, and each field is stripped of surrounding spaces. The caller says how many fields a row
has (`fields`, or `min_fields` and `max_fields` when the last ones are optional: an optional field may
also be left empty). A line that does not fit, and a value the caller cannot use (`Row.number`,
`Row.optional_number`, `Row.choice`, `Row.error`), raise `DataFileError` naming the file, the line,
what is wrong and what to do, so a broken list stops the run at once instead of quietly losing words.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import DataFileError

__all__ = ["Row", "parse_tsv", "read_data_tsv", "read_tsv"]

DATA_DIR = "data"


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a list: its fields, and where it was read (for messages)."""

    origin: str  # the file, as messages name it: "rashomon/data/claims_vague.tsv"
    line: int  # 1-based line number in that file
    fields: tuple[str, ...]

    def get(self, index: int) -> str:
        """The field at `index`, or "" when the row is shorter (an optional field left out)."""
        return self.fields[index] if index < len(self.fields) else ""

    def number(self, index: int) -> float:
        """The field at `index` as a number."""
        value = self.optional_number(index)
        if value is None:
            raise self.error(f"field {index + 1} is missing", advice="Write a number such as -2.5 there")
        return value

    def optional_number(self, index: int) -> float | None:
        """The field at `index` as a number; None when it is empty or left out."""
        value = self.get(index)
        if not value:
            return None
        try:
            return float(value)
        except ValueError as err:
            raise self.error(f"field {index + 1} is {value!r}, not a number",
                             advice="Write a number such as -2.5, or leave the field empty") from err

    def choice(self, index: int, allowed: Collection[str]) -> str:
        """The field at `index`, which must be one of `allowed`."""
        value = self.get(index)
        if value not in allowed:
            raise self.error(f"field {index + 1} is {value!r}, which is not one of {', '.join(sorted(allowed))}",
                             advice="Use one of those, or fix the spelling")
        return value

    def error(self, problem: str, *, advice: str = "Fix the line") -> DataFileError:
        """A `DataFileError` for this row (for checks the caller makes)."""
        return DataFileError(self.origin, self.line, problem, advice=advice)


def parse_tsv(text: str, *, origin: str, fields: int | None = None, min_fields: int = 1,
              max_fields: int | None = None) -> list[Row]:
    """The rows of a tab-separated `text`, comments and blank lines left out.

    Args:
        text: the file's text.
        origin: the file as messages name it.
        fields: the exact number of fields of every row (sets `min_fields` and `max_fields`).
        min_fields: the fields every row must have, none of them empty.
        max_fields: the most fields a row may have (None: no limit).
    Raises:
        DataFileError: a row with too few or too many fields, or an empty required field.
    """
    if fields is not None:
        min_fields = max_fields = fields
    expected = (f"{min_fields}" if min_fields == max_fields else
                f"{min_fields} to {max_fields}" if max_fields is not None else f"at least {min_fields}")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) < min_fields or (max_fields is not None and len(cells) > max_fields):
            raise DataFileError(origin, number, f"{len(cells)} tab-separated fields where {expected} are expected",
                                advice="Separate the fields with one tab each (spaces do not count), or make "
                                       "the line a comment with '#'")
        empty = next((i for i in range(min_fields) if not cells[i]), None)
        if empty is not None:
            raise DataFileError(origin, number, f"field {empty + 1} is empty",
                                advice="Fill it in or drop the line")
        rows.append(Row(origin, number, cells))
    return rows


def read_tsv(path: str | Path, *, fields: int | None = None, min_fields: int = 1,
             max_fields: int | None = None) -> list[Row]:
    """The rows of the tab-separated file at `path` (UTF-8), as `parse_tsv` reads them."""
    path = Path(path)
    return parse_tsv(path.read_text(encoding="utf-8"), origin=str(path), fields=fields, min_fields=min_fields,
                     max_fields=max_fields)


def read_data_tsv(name: str, *, fields: int | None = None, min_fields: int = 1,
                  max_fields: int | None = None) -> list[Row]:
    """The rows of the list `name` shipped in rashomon/data/ (e.g. "claims_vague.tsv")."""
    text = resources.files("rashomon").joinpath(DATA_DIR, name).read_text(encoding="utf-8")
    return parse_tsv(text, origin=f"rashomon/{DATA_DIR}/{name}", fields=fields, min_fields=min_fields,
                     max_fields=max_fields)
