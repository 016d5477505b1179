"""A metadata file a user writes beside the articles (`sources.csv`), whose values override what ingest guessed.

    path,title,outlet,author,date
    wire_report.txt,"Security forces fire on protesters",Meridian Press Agency,Leila Marouf,2024-01-13
    commentary.jsonl#2,,Harbourline News,,

`path` is the article's file relative to the folder of `sources.csv` (a jsonl record: `file.jsonl#LINE`); every
other column is optional and an empty cell keeps what was read. `date` is a day, YYYY-MM-DD. A row that cannot be
used (no path, a path with no article, a bad date, a cell in no column) is reported with the file and the line, and
the other rows still apply. The values carry `Meta.source` "sidecar".
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from stat import S_ISREG

from ..model import Document, Meta, Skipped

SIDECAR = "sources.csv"
COLUMNS = ("path", "title", "outlet", "author", "date")


@dataclass(frozen=True, slots=True)
class SidecarRow:
    line: int
    path: str  # as written, relative to the sidecar's folder
    title: str = ""
    outlet: str = ""
    author: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class Sidecar:
    file: Path
    rows: dict[str, SidecarRow]  # by the resolved path ("/abs/file.jsonl#2")
    problems: tuple[Skipped, ...]


def _key(folder: Path, written: str) -> str:
    name, _, line = written.strip().partition("#")
    resolved = str((folder / name).resolve())
    return f"{resolved}#{line}" if line else resolved


MAX_SIDECAR_BYTES = 16_000_000
"""A metadata file larger than this is refused unread (one row per article is far less)."""


@functools.lru_cache(maxsize=64)
def _read(file: Path, stamp: tuple[int, int]) -> Sidecar:
    try:
        return _parse(file)
    except (csv.Error, ValueError) as err:  # a field over csv's limit, a NUL in a path, ...
        return Sidecar(file, {}, (Skipped(str(file), f"cannot read the metadata file as CSV ({err}). Write one row "
                                                     "per article: path, then title, outlet, author, date."),))


def _parse(file: Path) -> Sidecar:
    where = str(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        return Sidecar(file, {}, (Skipped(where, f"cannot read the metadata file ({err}). Save it as UTF-8 CSV."),))
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().casefold() for cell in next(reader, [])]
    unknown = [name for name in header if name not in COLUMNS]
    if "path" not in header or unknown:
        reason = (f"line 1: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; " if unknown
                  else "line 1: no 'path' column; ")
        return Sidecar(file, {}, (Skipped(where, reason + f"the header names the columns, of {', '.join(COLUMNS)} "
                                                    "(path is needed). Fix the header."),))
    rows: dict[str, SidecarRow] = {}
    problems: list[Skipped] = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        problem = _check(cells, header, file.parent)
        if problem:
            problems.append(Skipped(f"{where}:{number}", problem))
            continue
        values = {name: cells[i].strip() for i, name in enumerate(header) if i < len(cells)}
        rows[_key(file.parent, values["path"])] = SidecarRow(number, **values)
    return Sidecar(file, rows, tuple(problems))


def _check(cells: Sequence[str], header: Sequence[str], folder: Path) -> str:
    """What is wrong with a row, in a sentence that says what to do; "" when it can be used."""
    if len(cells) > len(header):
        return f"{len(cells)} cells but {len(header)} columns; quote a value that holds a comma (\"a, b\")."
    values = {name: cells[i].strip() for i, name in enumerate(header) if i < len(cells)}
    if not values.get("path"):
        return "no path; give the article's file, relative to this file's folder."
    if not (folder / values["path"].partition("#")[0]).is_file():
        return f"{values['path']}: no such file beside {SIDECAR}; check the name (relative to this file's folder)."
    if values.get("date"):
        try:
            date.fromisoformat(values["date"])
        except ValueError:
            return f"date {values['date']!r} is not a day; write it as YYYY-MM-DD."
    return ""


def sidecar_of(folder: Path) -> Sidecar | None:
    """The metadata file of `folder`, read (and cached until it changes); None when there is none."""
    file = folder / SIDECAR
    try:
        stat = file.stat()
    except OSError:
        return None
    if not S_ISREG(stat.st_mode) or stat.st_size > MAX_SIDECAR_BYTES:
        why = ("is not a regular file (a pipe, device or folder)" if not S_ISREG(stat.st_mode)
               else f"is larger than {MAX_SIDECAR_BYTES // 1_000_000} MB")
        return Sidecar(file, {}, (Skipped(str(file), f"the metadata file {why}, so it is not read. "
                                                     "Replace it with a CSV file of one row per article."),))
    return _read(file.resolve(), (stat.st_mtime_ns, stat.st_size))


def sidecar_problems(folders: Sequence[Path]) -> list[Skipped]:
    """The unusable rows of the metadata files of `folders` (each file once)."""
    seen: set[Path] = set()
    found: list[Skipped] = []
    for folder in folders:
        sidecar = sidecar_of(folder)
        if sidecar is not None and sidecar.file not in seen:
            seen.add(sidecar.file)
            found.extend(sidecar.problems)
    return found


def with_sidecar(doc: Document) -> Document:
    """`doc` with the metadata the file beside it (`sources.csv` in its folder) gives for it, if any."""
    file = Path(doc.path.partition("#")[0])
    sidecar = sidecar_of(file.parent)
    row = sidecar.rows.get(_key(file.parent, Path(doc.path).name)) if sidecar is not None else None
    if row is None:
        return doc
    def meta(value: str, guessed: Meta | None) -> Meta | None:
        return Meta(value, "sidecar") if value else guessed

    return dataclasses.replace(doc, title=meta(row.title, doc.title), outlet=meta(row.outlet, doc.outlet),
                               author=meta(row.author, doc.author), published=meta(row.date, doc.published))
