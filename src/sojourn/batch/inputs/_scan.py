"""Scanning an input file lazily: its form chosen from the header, its columns named and its
rows numbered (with their CSV lines); and collecting it."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, get_args

import polars as pl

from sojourn.batch.inputs._cells import ISO_SHAPE, as_text
from sojourn.batch.inputs._csv_lines import csv_header, short_rows, with_lines
from sojourn.batch.inputs._forms import (
    CSV_FORM,
    DATES,
    FILE_FORM,
    HEADERS,
    MORE,
    OPTIONAL,
    REQUIRED,
    SHORT,
    SUFFIXES,
    Form,
    check_types,
)
from sojourn.batch.inputs._unreadable import too_long, unreadable
from sojourn.errors import InputError, Problem, columns_meant
from sojourn.files import check_file, typed_file


@dataclass(frozen=True)
class RawInput:
    """A scanned input file, not yet read.

    ``frame`` has the columns ``row`` (Int64, 1-based data row), ``line`` (Int64, the CSV line
    the row starts on, header = line 1; null for Parquet), then the form's columns under their
    canonical lower-case names, in file order, as the file gives them; except ``person_id``,
    which is already text stripped of surrounding blanks: the key to partition rows by.
    """

    source: str
    form: Form
    frame: pl.LazyFrame


def scan_input(path: Path, *, checked: bool = False,
               optional: Sequence[str] = OPTIONAL) -> RawInput:
    """Open ``path`` lazily: choose the form from its header and name its columns.

    Raises InputError for an unknown file type, an empty or unreadable file, or a header that
    names neither form's columns. Rows are read only when the frame is collected; use
    :func:`collect_raw` to turn a bad CSV body into an InputError. A CSV file with columns
    that are not read is read once for cells beyond the header's, unless it was ``checked``
    (by an earlier scan_input: the Dask engine's tasks, after its client's).

    Of the optional columns, only those named in ``optional`` are read: a count that does not
    depend on citizenship (``sojourn flows``) passes none, so that no row is rejected for it.

    A column none of whose cells in the file's first rows is one its field takes is refused
    (:mod:`~sojourn.batch.inputs._columns`), unless ``checked``.

    ``path`` is the file named, never a glob pattern, and must be a regular file (reached
    directly or through symbolic links): anything else is refused before it is opened."""
    source = str(path)
    _refuse_parts(path, source)
    kind = SUFFIXES[typed_file(path, SUFFIXES, FILE_FORM, "a batch input")]
    check_file(path, FILE_FORM)  # a named pipe or a device is never opened
    raw = (_scan_csv(path, source, checked, optional) if kind == "csv"
           else _scan_parquet(path, source, optional))
    if not checked:
        _judge_columns(raw)
    return raw


def _refuse_parts(path: Path, source: str) -> None:
    """Refuse a directory holding files of a batch input's types, as Spark, Dask or Polars
    write a table in parts (``log.parquet/part-0.parquet``, ...), saying so: read as one, the
    rejects' row numbers would count across parts no file shows, so the parts are joined
    first (docs/batch.md). Any other directory is told by :func:`typed_file`."""
    try:
        if not path.is_dir():
            return
        parts = sorted(p.suffix.lower() for p in path.iterdir()
                       if p.suffix.lower() in SUFFIXES and p.is_file())
    except OSError:  # unreadable: told as any other directory
        return
    if parts:
        kinds = "/".join(sorted(set(parts)))
        raise InputError(Problem(
            source, None, None, None,
            f"is a directory of {len(parts)} {kinds} files, as a table written in parts is, "
            "not a file; sojourn reads one file: join the parts into one first",
            FILE_FORM))


def collect_raw(raw: RawInput) -> pl.DataFrame:
    """``raw.frame`` collected; a body Polars cannot parse becomes an InputError for the file
    (see :func:`unreadable`)."""
    try:
        frame = raw.frame.collect()
    except (pl.exceptions.ComputeError, pl.exceptions.ShapeError, pl.exceptions.SchemaError,
            OSError) as exc:
        raise unreadable(raw.source, exc) from None
    return _typed_dates(frame)


def _judge_columns(raw: RawInput) -> None:
    """Refuse ``raw`` if one of its columns is written in another form (see
    :mod:`~sojourn.batch.inputs._columns`), judged by the file's first rows."""
    from sojourn.batch.inputs._columns import HEAD_ROWS, refuse_columns_in_another_form

    try:  # a body polars cannot read is told by collect_raw, which reads all of it
        head = raw.frame.head(HEAD_ROWS).collect()
    except (pl.exceptions.ComputeError, pl.exceptions.ShapeError, pl.exceptions.SchemaError,
            OSError):
        return
    refuse_columns_in_another_form(_typed_dates(head), raw.form, raw.source)


def _typed_dates(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with each column of dates read as text (from CSV) whose every cell is a date
    written exactly YYYY-MM-DD, or empty, as a column of dates.

    The checks read such a column as they read a Parquet file's dates, and nothing they say
    changes: no cell of it is wrong, and a date shown in a reject's record reads as it was
    written. Dates take a quarter of the text's memory while the whole input is held: for 10M
    stays from CSV the peak is 0.28 GB lower, in the same time (the checks, which no longer
    parse these columns, save what parsing them here costs). A column with any other cell
    stays text, for the checks to name the cell."""
    names = [n for n in DATES if frame.schema.get(n) == pl.String]
    if not names or frame.is_empty():  # no row, no cell to judge (nor a row to read it off)
        return frame
    parsed = {}
    for name in names:  # as date_of(exact=True) accepts them, without wording the others
        text = pl.col(name)
        day = text.str.to_date("%Y-%m-%d", strict=False)
        parsed[name] = day
        parsed[f"{name} is exact"] = (
            text.is_null() | (text.str.contains(ISO_SHAPE) & day.is_not_null())).all()
    found = frame.select(**parsed)
    exact = [found.get_column(n) for n in names if found.item(0, f"{n} is exact")]
    return frame.with_columns(exact) if exact else frame


def _scan_csv(path: Path, source: str, checked: bool, optional: Sequence[str]) -> RawInput:
    blank, header, _ = csv_header(path, source)
    header_line = blank + 1
    form, columns = _choose_form(source, header_line, header, optional)
    # columns are taken by position: the header's names may repeat or be blank
    def scan() -> pl.LazyFrame:  # fresh each time: see _numbered
        return pl.scan_csv(path, infer_schema=False, raise_if_empty=False, glob=False,
                           with_column_names=lambda names: [f"_{i}" for i in range(len(names))])

    try:
        width = len(scan().collect_schema())
    except (pl.exceptions.ComputeError, OSError) as exc:
        raise InputError(Problem(source, header_line, None, None, f"cannot be read: {exc}",
                                 CSV_FORM)) from None
    if width != len(header):  # never seen; a guard should polars read a header differently
        raise InputError(Problem(source, header_line, None, ",".join(header),
                                 f"is read as {width} columns by polars but {len(header)} by "
                                 "the csv module", CSV_FORM))
    if len(columns) < len(header) and not checked:
        # Polars parses only the columns read: past one it does not, a row's cells beyond the
        # header's would go unseen, and with them whatever the row was meant to say.
        beyond = too_long(path)
        if beyond is not None:
            raise InputError(beyond)
    read = {i for _, i in columns}
    unread = [f"_{i}" for i in range(len(header)) if i not in read]
    frame = _numbered(scan(), "row", [(name, f"_{i}") for name, i in columns], unread)
    return RawInput(source, form, with_lines(_short(frame, path, blank, header, columns), path,
                                             blank))


def _short(frame: pl.LazyFrame, path: Path, blank: int, header: Sequence[str],
           columns: list[tuple[str, int]]) -> pl.LazyFrame:
    """``frame`` with :data:`SHORT`, why a row has no cell for a column read, if one has not.

    Polars reads a row that ends early as if its last cells were empty: a line cut short (a
    truncated file, a spreadsheet that dropped a cell) would lose its exit and become a stay
    still going on. A row may end before columns that are not read, never before one that is.
    No such column is added when no row ends early (blank lines are no rows)."""
    rows, cells = short_rows(path, blank, max(i for _, i in columns) + 1)
    if len(rows) == 0:
        return frame
    names = ",".join(h.strip() for h in header)
    missing = [pl.when(pl.col("_cells") <= i).then(pl.lit(name)) for name, i in columns]
    why = pl.format(f"has {{}} {{}} where the header has {len(header)} ({names}): no {{}}",
                    pl.col("_cells"), pl.when(pl.col("_cells") == 1).then(pl.lit("cell"))
                    .otherwise(pl.lit("cells")),
                    pl.concat_str(missing, separator=", ", ignore_nulls=True))
    counts = pl.LazyFrame({"row": rows, "_cells": cells})
    return (frame.join(counts, on="row", how="left", maintain_order="left")
            .with_columns(pl.when(pl.col("_cells").is_not_null()).then(why).alias(SHORT))
            .drop("_cells"))


# the bytes a Parquet file begins and ends with (its "magic number")
_PARQUET_MARK = b"PAR1"


def _not_parquet(path: Path) -> str | None:
    """Why ``path``, named as Parquet, is no Parquet file at all, in words a user can act on,
    or None when it begins and ends as one. Polars' own words for these ("File out of
    specification: A Parquet file must contain a header and footer with at least 12 bytes")
    name neither an empty file nor a CSV file saved under a .parquet name."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_PARQUET_MARK))
            if not head:
                return "is empty"
            if head == _PARQUET_MARK:
                return None if _ends_as_parquet(handle) else (
                    "begins as a Parquet file but does not end as one (with the bytes PAR1): "
                    "it looks cut short, as by a copy or a write that did not finish")
            head += handle.read(1024)
    except OSError:
        return None  # told by the scan below, in its own words
    if _is_text(head):
        return ("is not a Parquet file but text (it does not begin with the bytes PAR1, as a "
                "Parquet file does): a CSV file named .parquet? name it .csv")
    return "is not a Parquet file (it does not begin with the bytes PAR1, as a Parquet file does)"


def _ends_as_parquet(handle: BinaryIO) -> bool:
    """Whether the file open in ``handle`` ends as a Parquet file does: PAR1, or PARE, whose
    footer is encrypted (which Polars then tells in its own words)."""
    size = handle.seek(0, os.SEEK_END)
    if size < 2 * len(_PARQUET_MARK):
        return False
    handle.seek(size - len(_PARQUET_MARK))
    return handle.read() in (_PARQUET_MARK, b"PARE")


def _is_text(head: bytes) -> bool:
    """Whether the first bytes of a file are UTF-8 text: no NUL byte, and every character
    decoded but one cut off at the end of ``head``."""
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def _scan_parquet(path: Path, source: str, optional: Sequence[str]) -> RawInput:
    why = _not_parquet(path)
    if why is not None:
        raise InputError(Problem(source, None, None, None, why, FILE_FORM))
    try:
        types = pl.scan_parquet(path, glob=False).collect_schema()
        names = list(types)
    except pl.exceptions.DuplicateError:
        raise InputError(_repeated_column(path, source)) from None
    except (pl.exceptions.ComputeError, OSError) as exc:
        raise InputError(Problem(source, None, None, None,
                                 f"cannot be read as Parquet: {exc}", FILE_FORM)) from None
    form, columns = _choose_form(source, None, names, optional)
    # before the scan reads person_id as text, which a list or struct column cannot become
    check_types({name: types[names[i]] for name, i in columns}, source)
    # "row" with more underscores than any column of the file named so: not one of them
    index = "row" + "_" * max((len(n) - 2 for n in names if n.strip("_") == "row"), default=0)
    frame = _numbered(pl.scan_parquet(path, glob=False), index,
                      [(name, names[i]) for name, i in columns])
    return RawInput(source, form, frame.with_columns(pl.lit(None, pl.Int64).alias("line"))
                    .select("row", "line", pl.exclude("row", "line")))


def _repeated_column(path: Path, source: str) -> Problem:
    """The problem of a Parquet file naming a column twice, which Polars cannot read at all,
    even when sojourn would not read that column."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    try:
        names = pq.read_schema(path).names
        repeated = next(n for n in names if names.count(n) > 1)
    except (OSError, ValueError, StopIteration):  # pyarrow cannot tell: say it without a name
        repeated = None
    return Problem(source, None, repeated, None,
                   ("column appears" if repeated else "a column name appears")
                   + " more than once in the file; a Parquet file with a repeated column name "
                   "cannot be read, even one sojourn does not read",
                   "each column named once: " + HEADERS)


def _numbered(scan: pl.LazyFrame, index: str, columns: list[tuple[str, str]],
              unread: Sequence[str] = ()) -> pl.LazyFrame:
    """``row`` (the 1-based row number, under the temporary name ``index``, not one of the
    file's), then each (name, column of ``scan``) under its name, and with ``unread`` columns
    of ``scan``, :data:`MORE`: whether the row holds text in one of them (a row with nothing
    else is no blank line, and is rejected, not skipped).

    The rows are numbered straight after ``scan``, which must be fresh: polars 2.1 pushes a
    slice of the frame (a Dask task reads only its own rows) down into the file's scan only
    then, not through a projection in between nor into a scan whose schema was collected."""
    more = ([pl.any_horizontal(as_text(pl.col(c)).is_not_null() for c in unread).alias(MORE)]
            if unread else [])
    return (scan.with_row_index(index, offset=1)
            .select(pl.col(index).cast(pl.Int64).alias("row"),
                    *[_as_column(pl.col(column), name) for name, column in columns], *more))


def _as_column(column: pl.Expr, name: str) -> pl.Expr:
    # person_id becomes the partition key here, so that ranges of it (batch.ranges) group
    # exactly the rows normalize() treats as one person
    return as_text(column).alias(name) if name == "person_id" else column.alias(name)


def _canonical(name: str) -> str:
    """A column's name as it is matched: stripped, in lower case, with the blanks or hyphens
    between words as one underscore, so that "Person ID" and "person-id" name person_id. A
    quoted line break is no such blank: "person\\nid" names no column sojourn reads."""
    return re.sub(r"(?:[^\S\r\n]|-)+", "_", name.strip().lower())


SEPARATORS = {";": "semicolons (';')", "\t": "tabs", "|": "vertical bars ('|')"}


def _refuse_other_separator(source: str, line: int | None, header: Sequence[str]) -> None:
    """Refuse a header whose cells another separator splits into a form's columns, by that
    separator: Excel writes "CSV" with semicolons where a comma is the decimal point, and
    "Unicode text" with tabs. Told, not read: each reader of the file takes commas."""
    for separator, named in SEPARATORS.items():
        # each name quoted, as many exporters write them ("person_id";"country"): the comma
        # reader took the whole line as one cell, the quotes of all but the first name in it
        names = [_canonical(n.strip().strip('"')) for cell in header
                 for n in cell.split(separator)]
        if any(all(c in names for c in REQUIRED[form]) for form in get_args(Form)):
            raise InputError(Problem(
                source, line, None, ",".join(header), f"separates its cells with {named}, "
                "not commas", f"{CSV_FORM}; re-save it with the comma as field delimiter"))


def _choose_form(source: str, line: int | None, header: Sequence[str], optional: Sequence[str]
                 ) -> tuple[Form, list[tuple[str, int]]]:
    """The form the header names, and (canonical name, position) of each of its columns that
    is read: the form's, and those of ``optional`` the header names."""
    names = [_canonical(h) for h in header]
    found = ",".join(header)
    if not any(names):
        raise InputError(Problem(source, line, None, None, "holds no header", FILE_FORM))
    missing = {form: [c for c in REQUIRED[form] if c not in names] for form in get_args(Form)}
    complete = [form for form in get_args(Form) if not missing[form]]
    if not complete:
        _refuse_other_separator(source, line, header)
        read = {c for form in get_args(Form) for c in REQUIRED[form]} | {*optional}
        hint = columns_meant(dict.fromkeys(c for form in get_args(Form) for c in missing[form]),
                             [n for n in names if n and n not in read])
        raise InputError(Problem(
            source, line, None, found,
            f"is not a batch input header: it lacks {', '.join(missing['stays'])} for stays "
            f"and {', '.join(missing['events'])} for crossing events{hint}",
            "a header naming the columns " + HEADERS))
    if len(complete) > 1:
        raise InputError(Problem(source, line, None, found,
                                 "names the columns of both stays and crossing events",
                                 "the columns of one of them: " + HEADERS))
    form = complete[0]
    wanted = [c for c in (*REQUIRED[form], *optional) if c in names]
    for name in wanted:
        if names.count(name) > 1:
            raise InputError(Problem(source, line, name, None,
                                     "column appears more than once in the header",
                                     "each column named once: " + HEADERS))
    return form, sorted(((c, names.index(c)) for c in wanted), key=lambda c: c[1])
