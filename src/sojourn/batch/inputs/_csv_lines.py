"""Where a CSV input's rows sit among its lines: the header (after any empty lines, over as many
lines as its quoted line breaks take), and the line each data row starts on."""

from __future__ import annotations

import csv
import io
import mmap
from pathlib import Path

import numpy as np
import numpy.typing as npt
import polars as pl

from sojourn._structured import wide_encoding
from sojourn.batch.inputs._csv_bytes import CR_FORM, not_utf8
from sojourn.batch.inputs._forms import CSV_FORM, FILE_FORM
from sojourn.errors import InputError, Problem


def csv_header(path: Path, source: str) -> tuple[int, list[str], int]:
    """The number of empty lines before the header, the header's cells, and the number of
    lines the header takes (more than one if a name holds a quoted line break).

    Polars skips empty lines before the header (and only those: a line of blanks is a header),
    so this does too; the count places line numbers. UTF-16 text (Excel's "Unicode text") is
    refused as such: read as UTF-8, its byte-order mark or its NUL bytes would be blamed."""
    _refuse_wide(path, source)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            blank = 0
            line = handle.readline()
            while line in ("\n", "\r\n", "\r"):
                blank += 1
                line = handle.readline()
            if not line:
                raise InputError(Problem(source, None, None, None, "is empty", FILE_FORM))
            # the header may hold a quoted line break: let the csv module read one record
            rest = line if line.count('"') % 2 == 0 else line + handle.read(1 << 16)
            reader = csv.reader(io.StringIO(rest))
            cells = next(reader)
    except UnicodeDecodeError as exc:
        raise InputError(not_utf8(path) or Problem(source, None, None, None,
                                                   f"cannot be read: {exc}", CSV_FORM)) from None
    except (OSError, csv.Error) as exc:
        raise InputError(Problem(source, None, None, None, f"cannot be read: {exc}",
                                 CSV_FORM)) from None
    if line.endswith("\r"):  # read with newline="", a line ends "\r\n" or "\n" but for this
        raise InputError(Problem(source, blank + 1, None, None,
                                 "ends its lines with a carriage return alone (CR), which the "
                                 "reader does not take as a line end", CR_FORM)
                         ) from None
    return blank, cells, reader.line_num


def _refuse_wide(path: Path, source: str) -> None:
    try:
        with path.open("rb") as handle:
            wide = wide_encoding(handle.read(512))
    except OSError:
        return  # told by the read that follows
    if wide is not None:
        raise InputError(Problem(source, None, None, None,
                                 f"is {wide} text (what Excel saves as \"Unicode text\"), not "
                                 "UTF-8", f'{CSV_FORM}; re-save it as "CSV UTF-8 (comma '
                                 'delimited)"'))


def with_lines(frame: pl.LazyFrame, path: Path, blank: int) -> pl.LazyFrame:
    """``frame`` with the CSV line each row starts on.

    Polars keeps a row for every line after the header, empty ones included, so row ``k`` starts
    on line ``blank + 1 + k`` plus one for each line break inside quotes in an earlier record
    (the header included). Those are found by quote parity over the bytes, which is exact for
    RFC 4180 quoting (a quote opens a cell or is doubled inside one); a stray quote inside an
    unquoted cell, if Polars accepts the file at all, may shift the lines that follow it.
    """
    line = pl.col("row") + (blank + 1)
    shifts = _quoted_breaks(path, blank)
    if shifts is None:
        return frame.with_columns(line.alias("line")).select("row", "line", pl.exclude("row",
                                                                                       "line"))
    return (frame.join_asof(shifts.lazy(), on="row", strategy="backward")
            .with_columns((line + pl.col("shift").fill_null(0)).alias("line"))
            .select("row", "line", pl.exclude("row", "line", "shift")))


def _records_of_quoted_breaks(data: mmap.mmap, chunk: int) -> npt.NDArray[np.int64]:
    """For each line break inside a quoted cell, the 0-based record it is in (= the number of
    record-ending line breaks before it), by the parity of the quotes before it."""
    found: list[npt.NDArray[np.int64]] = []
    quotes = ends = 0  # quote characters and record ends before the chunk
    for start in range(0, len(data), chunk):
        part = np.frombuffer(data, np.uint8, min(chunk, len(data) - start), start)
        at_quote = np.flatnonzero(part == ord('"'))
        at_break = np.flatnonzero(part == ord("\n"))
        quoted = (quotes + np.searchsorted(at_quote, at_break)) % 2 == 1
        found.append(ends + np.flatnonzero(quoted) - np.arange(int(quoted.sum())))
        quotes += len(at_quote)
        ends += int((~quoted).sum())
        del part  # the mmap cannot close while a view of it lives
    return np.concatenate(found).astype(np.int64)


def _quoted_breaks(path: Path, blank: int, chunk: int = 1 << 26) -> pl.DataFrame | None:
    """(row, shift): from data row ``row`` on, lines run ``shift`` ahead of records.

    None when no cell holds a line break. Reads the file in chunks, to bound memory."""
    if path.stat().st_size == 0:
        return None
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        if mm.find(b'"') < 0:
            return None  # the common case: no quotes, so no quoted line breaks
        records = _records_of_quoted_breaks(mm, chunk)
    if len(records) == 0:
        return None
    # the header is record `blank`, so data row k is record blank + k; the rows after a record
    # holding quoted breaks start that many lines further down
    rows, counts = np.unique(records - blank + 1, return_counts=True)
    return pl.DataFrame({"row": rows.astype(np.int64),
                         "shift": np.cumsum(counts).astype(np.int64)})


def short_rows(path: Path, blank: int, needed: int, chunk: int = 1 << 26
               ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(rows, cells): the data rows with fewer than ``needed`` cells, and how many each has.

    Polars reads the cells a row lacks as empty ones, so a line cut short before its exit would
    be a stay still going on: the cells are counted here instead, as the commas outside quotes
    between record ends, over the bytes in chunks (one pass, no Python loop per row). A blank
    line is one empty cell, and is among the rows returned, to be told apart as blank."""
    if path.stat().st_size == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        records, commas = _records_with_few_commas(mm, chunk, needed - 1, mm.find(b'"') >= 0)
    # the header is record `blank`, so data row k is record blank + k
    after = records > blank
    return records[after] - blank, commas[after] + 1


def _records_with_few_commas(data: mmap.mmap, chunk: int, fewest: int, quoted: bool
                             ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(record, commas) of each 0-based record with fewer than ``fewest`` commas outside quotes
    (``quoted``: whether the file holds a quote at all, so parity is worth taking)."""
    records: list[npt.NDArray[np.int64]] = []
    counts: list[npt.NDArray[np.int64]] = []
    quotes = ends = carried = 0  # before the chunk: quotes, record ends, commas of its record
    for start in range(0, len(data), chunk):
        part = np.frombuffer(data, np.uint8, min(chunk, len(data) - start), start)
        at_break = np.flatnonzero(part == ord("\n"))
        at_comma = np.flatnonzero(part == ord(","))
        if quoted:
            at_quote = np.flatnonzero(part == ord('"'))
            at_break = at_break[(quotes + np.searchsorted(at_quote, at_break)) % 2 == 0]
            at_comma = at_comma[(quotes + np.searchsorted(at_quote, at_comma)) % 2 == 0]
            quotes += len(at_quote)
        # bin i: the commas before the chunk's i-th record end; the last, those after its last
        per = np.bincount(np.searchsorted(at_break, at_comma), minlength=len(at_break) + 1)
        per[0] += carried
        few = np.flatnonzero(per[:-1] < fewest)
        records.append(ends + few)
        counts.append(per[few])
        ends += len(at_break)
        carried = int(per[-1])
        del part  # the mmap cannot close while a view of it lives
    if carried < fewest and data[len(data) - 1:] != b"\n":  # a last line with no line end
        records.append(np.array([ends], np.int64))
        counts.append(np.array([carried], np.int64))
    if not records:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return (np.concatenate(records).astype(np.int64), np.concatenate(counts).astype(np.int64))
