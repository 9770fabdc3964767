"""Why Polars could not read an input's rows, told as one problem of the file with its line
where it can be found: misquoting, cells beyond the header's, or the bytes themselves."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from sojourn.batch.inputs._cells import BLANKS
from sojourn.batch.inputs._csv_bytes import lone_carriage_return, not_utf8
from sojourn.batch.inputs._csv_lines import csv_header, with_lines
from sojourn.batch.inputs._forms import CSV_FORM, SUFFIXES
from sojourn.errors import InputError, Problem


def unreadable(source: str, exc: Exception) -> InputError:
    """The InputError for an input whose rows Polars failed to read with ``exc``: one message
    for every engine that reads it.

    A CSV row with more cells than the header names makes the whole file unreadable to Polars
    (even when the extra cells are empty), so it is refused as a whole, naming the first such
    row's line where it can be found."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    path = Path(source)
    csv_file = SUFFIXES.get(path.suffix.lower()) == "csv"
    if "utf-8" in message.lower() or "utf8" in message.lower():
        return InputError(not_utf8(path) or Problem(
            source, None, None, None, f"cannot be read: {message}", CSV_FORM))
    if csv_file and (alone := lone_carriage_return(path)) is not None:
        return InputError(alone)
    if "more fields" in message and csv_file:
        return InputError(_too_many_cells(path) or too_long(path) or Problem(
            source, None, None, None, "cannot be read: a row has more cells than the header "
            "names, if only empty ones (a comma at the end of the line?)", CSV_FORM))
    found = _misquoted(path) if csv_file else None
    return InputError(found or Problem(source, None, None, None, f"cannot be read: {message}",
                                       CSV_FORM))


QUOTED_FORM = ('a cell either without quotes, or quoted whole with any quote inside doubled: '
               '"K""Z"; nothing between a closing quote and the next comma')


def _misquoted(path: Path) -> Problem | None:
    """The first record of a CSV file, with its line, that the csv module finds misquoted:
    one it refuses in strict mode (text after a closing quote, a quote never closed), or a
    cell with a quote in it that is not quoted itself. Polars cannot read such a file, and
    says where only by a chunk's offset; read only then, so its cost does not matter."""
    try:
        blank, header, height = csv_header(path, str(path))
    except InputError:
        return None
    record: list[str] = []  # the physical lines of the record being read

    def lines(handle: io.TextIOBase) -> Iterator[str]:
        for line in handle:
            record.append(line)
            yield line

    line = blank + height + 1  # where the record being read starts
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for _ in range(blank + height):
                handle.readline()
            reader = csv.reader(lines(handle), strict=True)
            try:
                for cells in reader:
                    text = "".join(record)
                    for name, cell in zip(header, cells, strict=False):
                        quoted = '"' + cell.replace('"', '""') + '"'
                        if '"' in cell and quoted not in text:
                            return Problem(str(path), line, name.strip() or None,
                                           cell, "holds a quote in a cell that is not "
                                           "quoted; the file cannot be read", QUOTED_FORM)
                    line += len(record)
                    record.clear()
            except csv.Error as exc:
                # "unexpected end of data", or past the csv module's field limit on a long file
                unclosed = "end of data" in str(exc) or "field limit" in str(exc)
                why = ("opens a quote that is never closed" if unclosed
                       else f"is not valid CSV ({exc})")
                first = record[0].rstrip("\r\n") if record else ""  # the record's first line
                return Problem(str(path), line, None, first,
                               f"{why}; the file cannot be read", QUOTED_FORM)
    except (OSError, UnicodeDecodeError):
        return None
    return None


def too_long(path: Path) -> Problem | None:
    """The first row with a non-empty cell beyond the header's, if there is one."""
    blank, header, height = csv_header(path, str(path))
    beyond = f"_{len(header)}"
    names = [f"_{i}" for i in range(len(header) + 1)]
    scan = pl.scan_csv(path, has_header=False, schema=dict.fromkeys(names, pl.String),
                       skip_lines=blank + height, missing_columns="insert",
                       # a row two or more cells too long is still read: the first of them
                       # is all this looks at, and _too_many_cells counts empty ones
                       extra_columns="ignore", truncate_ragged_lines=True, glob=False)
    rows = (scan.with_row_index("row", offset=1).with_columns(pl.col("row").cast(pl.Int64))
            .filter(pl.col(beyond).str.strip_chars(BLANKS) != ""))
    try:
        found = with_lines(rows, path, blank).select("line", beyond).head(1).collect()
    except (pl.exceptions.ComputeError, pl.exceptions.SchemaError, OSError):
        return None
    if found.is_empty():
        return None
    # an earlier record may hold more cells too, past an empty first one: told first
    return _too_many_cells(path) or Problem(
        str(path), found.item(0, "line"), None, found.item(0, beyond),
        f"is a cell beyond the {len(header)} the header names; the file cannot be read",
        CSV_FORM)


def _beyond(source: str, line: int, named: int, extra: list[str]) -> Problem:
    """The problem of a record whose cells ``extra`` lie beyond the ``named`` cells of the
    header: quoted as the line writes them, unless every one is empty (a comma too many at the
    end of the line, or a row padded wider than its header)."""
    if all(not cell.strip(BLANKS) for cell in extra):
        return Problem(source, line, None, None,
                       f"has {named + len(extra)} cells where the header names {named}, if "
                       "only empty ones (a comma at the end of the line, or in a cell that is "
                       "not quoted?); the file cannot be read", CSV_FORM)
    text = io.StringIO()
    csv.writer(text, lineterminator="").writerow(extra)
    cells = "is a cell" if len(extra) == 1 else f"are {len(extra)} cells"
    return Problem(source, line, None, text.getvalue(),
                   f"{cells} beyond the {named} the header names (a comma in a cell that is "
                   "not quoted?); the file cannot be read", CSV_FORM)


def _too_many_cells(path: Path) -> Problem | None:
    """The first record with more cells than the header names, empty ones included (a comma
    at the end of the line), with its line and the cells beyond the header's; read by the csv
    module, only once a file is known to hold such a record."""
    try:
        blank, header, height = csv_header(path, str(path))
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for _ in range(blank + height):
                handle.readline()
            reader = csv.reader(handle)
            line = blank + height + 1  # where the record being read starts
            for cells in reader:
                if len(cells) > len(header):
                    return _beyond(str(path), line, len(header), cells[len(header):])
                line = blank + height + 1 + reader.line_num
    except (OSError, UnicodeDecodeError, csv.Error, InputError):
        return None
    return None
