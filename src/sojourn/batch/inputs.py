"""The batch evaluator's input: a CSV or Parquet file of stays or crossing events, read into
:data:`frames.STAYS` (one checked stay per row) and :data:`frames.REJECTS` (every row that was not
evaluated, with why).

Everything here is column-wise Polars: no Python loop runs per row or per person, so millions of
rows normalize in seconds. The checks are those of :func:`sojourn.history.presence.build_history`
and the history file readers, applied to every person of the file at once:

* each row on its own: person_id present, country and citizenship ISO 3166-1 alpha-2 codes,
  strict ISO dates, exit not before entry, direction ``in``/``out``;
* each person: one citizenship, overlapping stays in one country merged, never two countries at
  once beyond a shared crossing day, at most one open stay; crossing events paired into stays,
  with a missing crossing never guessed; a citizenship, when the rules to apply need one;
* a person with any rejected row has *all* rows rejected, because an answer from part of a
  history would be silently wrong.

Every result depends only on the rows of each person, so :func:`normalize` gives the same answer
on any partition of the rows that keeps each person's rows together; the union over partitions
equals the answer on the whole file. A partitioner must key on ``person_id`` as
:func:`scan_input` gives it (text, stripped), which is the key :func:`normalize` uses.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import mmap
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt
import polars as pl

from sojourn.batch import frames
from sojourn.batch.runs import running_max
from sojourn.countries import COUNTRY_FORM, country_codes
from sojourn.dates import FIRST_DAY, ISO_FORM, LAST_DAY, OUT_OF_RANGE, RANGE_FORM
from sojourn.errors import InputError, Problem
from sojourn.files import check_file

Form = Literal["stays", "events"]

REQUIRED: dict[Form, tuple[str, ...]] = {
    "stays": ("person_id", "country", "entry", "exit"),
    "events": ("person_id", "date", "direction", "country"),
}
OPTIONAL = ("citizenship",)
HEADERS = ("person_id,country,entry,exit for stays, or person_id,date,direction,country for "
           "border-crossing events; either may add citizenship, other columns are ignored")
SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
FILE_FORM = ("a .csv or .parquet/.pq file with the columns " + HEADERS)
CSV_FORM = ("comma-separated UTF-8 text with one cell per header column; "
            "quote a cell holding a comma")
DIRECTION_FORM = "in or out (the crossing's direction)"
PERSON_FORM = "a person_id naming whose row this is"

_OPEN = 2**31 - 1  # the day number an open stay (no exit) "ends", for ordering and overlaps
_SHOWN = 60  # longest value echoed back in a reject, as in errors.Problem


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


@dataclass(frozen=True)
class NormalizedInput:
    """What :func:`normalize` makes of an input.

    ``stays`` holds exactly :data:`frames.STAYS` sorted by person_id, entry, row, each with its
    person's citizenship (given on any of the person's rows, else the default given to
    :func:`normalize`, if any); ``rejects`` exactly
    :data:`frames.REJECTS` sorted by row, one per rejected row: a row's own first problem (its
    ``value`` the cell as given, or for a problem of the person's history the cleaned value,
    e.g. an upper-case code), or for the other rows of a person with one, "not evaluated";
    ``record`` is the row's cells of the form, in file order, joined by commas.

    ``rows`` counts the data rows seen (event rows for events), leaving out blank ones (every
    column of the form empty); ``merged`` counts the accepted stays merged into an overlapping
    stay in the same country (never any from events: pairing by date cannot overlap). Every
    counted row is in exactly one of: a stay in ``stays``, a stay merged into one
    (``merged``), an event paired into a stay, or ``rejects``.
    """

    source: str
    form: Form
    stays: pl.DataFrame
    rejects: pl.DataFrame
    rows: int
    merged: int


# ---------------------------------------------------------------------------------------------
# Scanning a file


def scan_input(path: Path, *, checked: bool = False) -> RawInput:
    """Open ``path`` lazily: choose the form from its header and name its columns.

    Raises InputError for an unknown file type, an empty or unreadable file, or a header that
    names neither form's columns. Rows are read only when the frame is collected; use
    :func:`collect_raw` to turn a bad CSV body into an InputError. A CSV file with columns
    that are not read is read once for cells beyond the header's, unless it was ``checked``
    (by an earlier scan_input: the Dask engine's tasks, after its client's).

    ``path`` is the file named, never a glob pattern, and must be a regular file (reached
    directly or through symbolic links): anything else is refused before it is opened."""
    source = str(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(Problem(source, None, None, path.suffix or "(none)",
                                 "is not a batch input type", FILE_FORM))
    check_file(path, FILE_FORM)  # a named pipe or a device is never opened
    if kind == "csv":
        return _scan_csv(path, source, checked)
    return _scan_parquet(path, source)


def read_input(path: Path) -> NormalizedInput:
    """Scan, read and :func:`normalize` ``path`` in one go."""
    raw = scan_input(path)
    return normalize(collect_raw(raw), raw.form, raw.source)


def collect_raw(raw: RawInput) -> pl.DataFrame:
    """``raw.frame`` collected; a body Polars cannot parse becomes an InputError for the file
    (see :func:`unreadable`)."""
    try:
        frame = raw.frame.collect()
    except (pl.exceptions.ComputeError, pl.exceptions.ShapeError, pl.exceptions.SchemaError,
            OSError) as exc:
        raise unreadable(raw.source, exc) from None
    return _typed_dates(frame)


def _typed_dates(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with each column of dates read as text (from CSV) whose every cell is a date
    written exactly YYYY-MM-DD, or empty, as a column of dates.

    The checks read such a column as they read a Parquet file's dates, and nothing they say
    changes: no cell of it is wrong, and a date shown in a reject's record reads as it was
    written. Dates take a quarter of the text's memory while the whole input is held: for 10M
    stays from CSV the peak is 0.28 GB lower, in the same time (the checks, which no longer
    parse these columns, save what parsing them here costs). A column with any other cell
    stays text, for the checks to name the cell."""
    names = [n for n in _DATES if frame.schema.get(n) == pl.String]
    if not names or frame.is_empty():  # no row, no cell to judge (nor a row to read it off)
        return frame
    parsed = {}
    for name in names:  # as _date_of(exact=True) accepts them, without wording the others
        text = pl.col(name)
        day = text.str.to_date("%Y-%m-%d", strict=False)
        parsed[name] = day
        parsed[f"{name} is exact"] = (
            text.is_null() | (text.str.contains(_ISO_SHAPE) & day.is_not_null())).all()
    found = frame.select(**parsed)
    exact = [found.get_column(n) for n in names if found.item(0, f"{n} is exact")]
    return frame.with_columns(exact) if exact else frame


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
        return InputError(_not_utf8(path) or Problem(
            source, None, None, None, f"cannot be read: {message}", CSV_FORM))
    if csv_file and (alone := _lone_carriage_return(path)) is not None:
        return InputError(alone)
    if "more fields" in message and csv_file:
        return InputError(_too_long(path) or _too_many_cells(path) or Problem(
            source, None, None, None, "cannot be read: a row has more cells than the header "
            "names, if only empty ones (a comma at the end of the line?)", CSV_FORM))
    found = _misquoted(path) if csv_file else None
    return InputError(found or Problem(source, None, None, None, f"cannot be read: {message}",
                                       CSV_FORM))


CR_FORM = "lines ending in LF or CR LF; re-save the file with those"


def _lone_carriage_return(path: Path) -> Problem | None:
    """Where a carriage return ends a line alone (Polars reads it as part of a cell, and the
    lines it ends as one), if one does; read only once a read has failed."""
    try:
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0,
                                                  access=mmap.ACCESS_READ) as data:
            found = re.search(rb"\r(?!\n)", data)
            line = data[:found.start()].count(b"\n") + 1 if found else None
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    if line is None:
        return None
    return Problem(str(path), line, None, None,
                   "ends a line with a carriage return alone (CR), which the reader does not "
                   "take as a line end", CR_FORM)


def _not_utf8(path: Path) -> Problem | None:
    """The line and column of the first byte of ``path`` that is not UTF-8, as the history
    loader words it; the file is read in pieces, and only once a read has failed."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    read = 0  # bytes given to the decoder before the piece being decoded
    try:
        with path.open("rb") as handle:
            while piece := handle.read(1 << 20):
                try:
                    decoder.decode(piece)
                except UnicodeDecodeError as exc:
                    # exc.object is the piece after the bytes of a character the decoder held
                    # back from the previous one
                    at = read - (len(exc.object) - len(piece)) + exc.start
                    break
                read += len(piece)
            else:
                return None
            handle.seek(0)
            lines = column_from = 0
            done = 0
            while done < at:
                part = handle.read(min(1 << 20, at - done))
                lines += part.count(b"\n")
                last = part.rfind(b"\n")
                if last >= 0:
                    column_from = done + last + 1
                done += len(part)
            bad = handle.read(1)
    except OSError:
        return None
    return Problem(str(path), lines + 1, None, None,
                   f"is not UTF-8 text (byte 0x{bad[0]:02x} at column {at - column_from + 1})",
                   f"{CSV_FORM}; re-save it as UTF-8")


QUOTED_FORM = ('a cell either without quotes, or quoted whole with any quote inside doubled: '
               '"K""Z"; nothing between a closing quote and the next comma')


def _misquoted(path: Path) -> Problem | None:
    """The first record of a CSV file, with its line, that the csv module finds misquoted:
    one it refuses in strict mode (text after a closing quote, a quote never closed), or a
    cell with a quote in it that is not quoted itself. Polars cannot read such a file, and
    says where only by a chunk's offset; read only then, so its cost does not matter."""
    try:
        blank, header, height = _csv_header(path, str(path))
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


def _too_long(path: Path) -> Problem | None:
    """The first row with a non-empty cell beyond the header's, if there is one."""
    blank, header, height = _csv_header(path, str(path))
    beyond = f"_{len(header)}"
    names = [f"_{i}" for i in range(len(header) + 1)]
    scan = pl.scan_csv(path, has_header=False, schema=dict.fromkeys(names, pl.String),
                       skip_lines=blank + height, missing_columns="insert",
                       truncate_ragged_lines=True, glob=False)
    rows = (scan.with_row_index("row", offset=1).with_columns(pl.col("row").cast(pl.Int64))
            .filter(pl.col(beyond).str.strip_chars(BLANKS) != ""))
    try:
        found = _with_lines(rows, path, blank).select("line", beyond).head(1).collect()
    except (pl.exceptions.ComputeError, OSError):
        return None
    if found.is_empty():
        return None
    return Problem(str(path), found.item(0, "line"), None, found.item(0, beyond),
                   f"is a cell beyond the {len(header)} the header names; the file cannot be read",
                   CSV_FORM)


def _too_many_cells(path: Path) -> Problem | None:
    """The first record with more cells than the header names, empty ones included (a comma
    at the end of the line), with its line; read by the csv module, only once Polars has
    refused the file for such a record."""
    try:
        blank, header, height = _csv_header(path, str(path))
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for _ in range(blank + height):
                handle.readline()
            reader = csv.reader(handle)
            line = blank + height + 1  # where the record being read starts
            for cells in reader:
                if len(cells) > len(header):
                    return Problem(str(path), line, None, None,
                                   f"has {len(cells)} cells where the header names "
                                   f"{len(header)}, if only empty ones (a comma at the end of "
                                   "the line?); the file cannot be read", CSV_FORM)
                line = blank + height + 1 + reader.line_num
    except (OSError, UnicodeDecodeError, csv.Error, InputError):
        return None
    return None


def _scan_csv(path: Path, source: str, checked: bool) -> RawInput:
    blank, header, _ = _csv_header(path, source)
    header_line = blank + 1
    form, columns = _choose_form(source, header_line, header)
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
        beyond = _too_long(path)
        if beyond is not None:
            raise InputError(beyond)
    read = {i for _, i in columns}
    unread = [f"_{i}" for i in range(len(header)) if i not in read]
    frame = _numbered(scan(), "row", [(name, f"_{i}") for name, i in columns], unread)
    return RawInput(source, form, _with_lines(frame, path, blank))


def _csv_header(path: Path, source: str) -> tuple[int, list[str], int]:
    """The number of empty lines before the header, the header's cells, and the number of
    lines the header takes (more than one if a name holds a quoted line break).

    Polars skips empty lines before the header (and only those: a line of blanks is a header),
    so this does too; the count places line numbers."""
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
        raise InputError(_not_utf8(path) or Problem(source, None, None, None,
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


def _scan_parquet(path: Path, source: str) -> RawInput:
    try:
        types = pl.scan_parquet(path, glob=False).collect_schema()
        names = list(types)
    except pl.exceptions.DuplicateError:
        raise InputError(_repeated_column(path, source)) from None
    except (pl.exceptions.ComputeError, OSError) as exc:
        raise InputError(Problem(source, None, None, None,
                                 f"cannot be read as Parquet: {exc}", FILE_FORM)) from None
    form, columns = _choose_form(source, None, names)
    # before the scan reads person_id as text, which a list or struct column cannot become
    _check_types({name: types[names[i]] for name, i in columns}, source)
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
    more = ([pl.any_horizontal(_text(pl.col(c)).is_not_null() for c in unread).alias(MORE)]
            if unread else [])
    return (scan.with_row_index(index, offset=1)
            .select(pl.col(index).cast(pl.Int64).alias("row"),
                    *[_as_column(pl.col(column), name) for name, column in columns], *more))


MORE = "_more"  # a CSV row holds text in a column no field reads (see _numbered)


def _as_column(column: pl.Expr, name: str) -> pl.Expr:
    # person_id becomes the partition key here, so that ranges of it (batch.ranges) group
    # exactly the rows normalize() treats as one person
    return _text(column).alias(name) if name == "person_id" else column.alias(name)


def _choose_form(source: str, line: int | None, header: Sequence[str]
                 ) -> tuple[Form, list[tuple[str, int]]]:
    """The form the header names, and (canonical name, position) of each of its columns."""
    names = [h.strip().lower() for h in header]
    found = ",".join(header)
    if not any(names):
        raise InputError(Problem(source, line, None, None, "holds no header", FILE_FORM))
    missing = {form: [c for c in REQUIRED[form] if c not in names] for form in get_args(Form)}
    complete = [form for form in get_args(Form) if not missing[form]]
    if not complete:
        raise InputError(Problem(
            source, line, None, found,
            f"is not a batch input header: it lacks {', '.join(missing['stays'])} for stays "
            f"and {', '.join(missing['events'])} for crossing events",
            "a header naming the columns " + HEADERS))
    if len(complete) > 1:
        raise InputError(Problem(source, line, None, found,
                                 "names the columns of both stays and crossing events",
                                 "the columns of one of them: " + HEADERS))
    form = complete[0]
    wanted = [c for c in (*REQUIRED[form], *OPTIONAL) if c in names]
    for name in wanted:
        if names.count(name) > 1:
            raise InputError(Problem(source, line, name, None,
                                     "column appears more than once in the header",
                                     "each column named once: " + HEADERS))
    return form, sorted(((c, names.index(c)) for c in wanted), key=lambda c: c[1])


def _with_lines(frame: pl.LazyFrame, path: Path, blank: int) -> pl.LazyFrame:
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


# ---------------------------------------------------------------------------------------------
# Normalizing: the whole computation works on columns. Stays are sorted by person, so that each
# person's rows are together and running values can be taken per person in one pass.


def normalize(raw: pl.DataFrame, form: Form, source: str, *,
              citizenship: str | None = None, needs_citizenship: bool = False
              ) -> NormalizedInput:
    """Check and convert ``raw`` (columns as in :attr:`RawInput.frame`, person_id already
    stripped to text or null as the scan leaves it) into stays and rejects.

    ``citizenship`` (a valid code, as :class:`~sojourn.batch.pipeline.Job` makes it) is taken
    by persons whose rows give none; without it, when the rules to apply depend on it
    (``needs_citizenship``), such a person is rejected, unless their rows have another problem.

    The result for each person depends only on that person's rows, so normalizing any split of
    the rows that keeps each person's rows together, and joining the results, gives the result
    for the whole. Raises InputError only for a column that cannot hold its field at all (a
    required column missing, or e.g. numbers where dates belong).
    """
    _check_columns(raw.schema, form, source)
    raw = raw.rechunk() if raw.get_column("row").is_sorted() else raw.sort("row").rechunk()
    cells = _clean(raw, form)
    wrong = pl.col("_bad")
    problems = [_row_problems(cells.filter(wrong), raw.filter(cells.get_column("_bad")), form)]
    ok = cells.filter(~wrong & ~pl.col("_blank") & ~_among(pl.col("person_id"), problems))
    if form == "events":
        events = _by_person(ok.drop("_bad", "_blank"), _key(_code("country"), "date"))
        events, clashes = _citizenships(events)
        events, stateless = _citizenship_needed(events, citizenship, needs_citizenship)
        stays, unpaired = _pair_events(events)
        problems += [clashes, unpaired]
        stays = _by_person(stays.filter(~_among(pl.col("person_id"), problems)).drop("_p"),
                           pl.col("entry"))
    else:
        stays = _by_person(ok.select(*_STAY, "citizenship"), pl.col("entry"))
        stays, clashes = _citizenships(stays)
        stays, stateless = _citizenship_needed(stays, citizenship, needs_citizenship)
        problems.append(clashes)
        stays = stays.filter(~_among(pl.col("person_id"), problems))
    checked, found, merged = _presence(stays, form, also_rejected=stateless)
    problems += found
    # Persons without the citizenship the rules need are told so, every row as it was given
    # (before any merge or pairing), unless their history has a problem of its own: that one
    # says more, and a citizenship would not cure it.
    problems.append(stateless.filter(~_among(pl.col("person_id"), problems)))
    out = _as_stays(checked.filter(~pl.col("_gone") & ~_among(pl.col("person_id"), problems)))
    return NormalizedInput(source, form, out, _rejects(raw, form, cells, problems),
                           cells.height - int(cells.get_column("_blank").sum()), merged)


_DATES = ("entry", "exit", "date")
_STAY = ("row", "line", "person_id", "country", "entry", "exit")


def _check_columns(schema: pl.Schema, form: Form, source: str) -> None:
    """Refuse a frame lacking a column, or holding a column of a type its field cannot take."""
    missing = [c for c in ("row", "line", *REQUIRED[form]) if c not in schema]
    if missing:
        raise InputError(Problem(source, None, ",".join(missing), None,
                                 "is missing from the input", "the columns " + HEADERS))
    _check_types(schema, source)


def _check_types(schema: Mapping[str, pl.DataType], source: str) -> None:
    """Refuse a column of a type its field cannot take (columns named as canonical fields)."""
    for name in dict.fromkeys((*REQUIRED["stays"], *REQUIRED["events"], *OPTIONAL)):
        dtype = schema.get(name)
        if dtype is None or dtype in (pl.String, pl.Null, pl.Categorical) or isinstance(
                dtype, pl.Enum):
            continue
        if name in _DATES and (dtype == pl.Date or isinstance(dtype, pl.Datetime)):
            continue
        if name == "person_id" and dtype.is_integer():
            continue
        wanted = ("a column of dates, or of ISO date text" if name in _DATES else
                  "a column of text or whole numbers" if name == "person_id" else
                  "a column of text")
        raise InputError(Problem(source, None, name, str(dtype),
                                 "is not a type this column can hold", wanted))


def _fields(raw: pl.DataFrame, form: Form) -> list[str]:
    """The columns of ``raw`` that ``form`` reads, in file order."""
    return [c for c in raw.columns if c in (*REQUIRED[form], *OPTIONAL)]


# What Python's str.strip() removes, as the scalar loader strips cells: Polars' default (Unicode
# White_Space) leaves the separators \x1c-\x1f, so "KZ\x1f" would be no country code here.
BLANKS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
          "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def _text(column: pl.Expr) -> pl.Expr:
    """A cell as stripped text (of :data:`BLANKS`); empty is null."""
    # replace, not when/then: half the time on ten million ids (0.13 s against 0.24 s)
    return column.cast(pl.String).str.strip_chars(BLANKS).replace("", None)


def _is_empty(column: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    # only text can be blank; formatting every native date as text just to ask would be slow
    textual = dtype == pl.String or isinstance(dtype, (pl.Categorical, pl.Enum))
    return _text(column).is_null() if textual else column.is_null()


_ISO_SHAPE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _date_of(column: pl.Expr, dtype: pl.DataType, *, exact: bool = False
             ) -> tuple[pl.Expr, pl.Expr]:
    """(the date, null unless the cell is one sojourn judges; why a non-empty cell is not,
    else null).

    With ``exact``, text counts only as written exactly YYYY-MM-DD, not stripped first."""
    if dtype == pl.Null:
        return pl.lit(None, pl.Date), pl.lit(None, pl.String)
    if dtype == pl.Date:
        return _judged(column, pl.lit(None, pl.String))
    if isinstance(dtype, pl.Datetime):
        # pandas writes dates as timestamps: midnight is a date, any other time is not
        midnight = column.dt.time() == dt.time(0)
        return _judged(pl.when(midnight).then(column.dt.date()),
                       pl.when(~midnight).then(pl.lit("is a date and time, not a date")))
    text = column.cast(pl.String) if exact else _text(column)
    shaped = text.str.contains(_ISO_SHAPE)
    # to_date alone accepts 2023-1-5 and surrounding blanks: the shape check is the strict part,
    # to_date the calendar part (2023-02-30 has the right shape but is no day)
    day = text.str.to_date("%Y-%m-%d", strict=False)
    wrong = (pl.when(text.is_null()).then(pl.lit(None, pl.String))
             .when(~shaped).then(pl.lit("is not a date"))
             .when(day.is_null()).then(pl.lit("is not a calendar date")))
    return _judged(pl.when(shaped).then(day), wrong)


def _judged(day: pl.Expr, wrong: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(``day`` where it lies in the days sojourn judges, else null; ``wrong``, or why not)."""
    inside = day.is_between(pl.lit(FIRST_DAY), pl.lit(LAST_DAY))
    return (pl.when(inside).then(day),
            pl.coalesce(wrong, pl.when(~inside).then(pl.lit(OUT_OF_RANGE))))


def _date_form(why: pl.Expr, usual: str) -> pl.Expr:
    """The accepted form to show for a date cell that is wrong for the reason ``why``."""
    return pl.when(why == OUT_OF_RANGE).then(pl.lit(RANGE_FORM)).otherwise(pl.lit(usual))


def _clean(raw: pl.DataFrame, form: Form) -> pl.DataFrame:
    """``raw``'s rows, aligned with it: the fields cleaned (text stripped, codes upper case,
    dates as day numbers, an open exit as :data:`_OPEN`), ``_bad`` (a field is wrong) and
    ``_blank`` (every field empty: Polars reads an empty CSV line as such a row, and it holds
    nothing to check).

    Most rows are written exactly as they should be, so every row first goes through a cheap
    test that takes cells as they are; only the rows it does not accept are stripped, folded to
    one case and checked again, and patched in."""
    cells = _cleaned(raw, form, exact=True).rechunk()
    odd = cells.get_column("_bad").arg_true()
    cells = cells.with_columns(pl.lit(False).alias("_blank"))
    if odd.is_empty():
        return cells
    again = _cleaned(raw[odd], form, exact=False)
    return cells.with_columns(cells.get_column(c).scatter(odd, again.get_column(c))
                              for c in cells.columns if c not in ("row", "line"))


def _fold_code(text: pl.Expr) -> pl.Expr:
    """Text in upper case if it is ASCII, as countries.fold_code: no other character may fold
    into a code ("ß" upper-cases to "SS", South Sudan)."""
    return pl.when(text.str.contains(r"^[\x00-\x7F]*$")).then(text.str.to_uppercase()).otherwise(
        text)


def _cleaned(raw: pl.DataFrame, form: Form, *, exact: bool) -> pl.DataFrame:
    """:func:`_clean`'s columns for ``raw``; with ``exact``, cells are taken as they are and
    ``_bad`` means "not exactly right", and ``_blank`` is left out.

    Lazy, so that an expression used twice is computed once."""
    fields = _fields(raw, form)
    schema = raw.schema

    def text(name: str, case: Callable[[pl.Expr], pl.Expr]) -> pl.Expr:
        if name not in fields:
            return pl.lit(None, pl.String)
        return pl.col(name).cast(pl.String) if exact else case(_text(pl.col(name)))

    # person_id comes stripped from the scan (scan_input's _as_column): not stripped again
    clean = {"person_id": pl.col("person_id"),
             "country": text("country", _fold_code),
             "citizenship": text("citizenship", _fold_code)}
    if form == "events":
        clean["direction"] = text("direction", lambda e: e.str.to_lowercase())
    for name in (c for c in fields if c in _DATES):
        day = _date_of(pl.col(name), schema[name], exact=exact)[0].cast(pl.Int32)
        if name == "exit":  # empty: still there
            empty = pl.col(name).is_null() if exact else _is_empty(pl.col(name), schema[name])
            day = pl.when(empty).then(pl.lit(_OPEN, pl.Int32)).otherwise(day)
        clean[name] = day
    codes = sorted(country_codes())  # built once; is_in tests every row against the set
    good = [pl.col("person_id").is_not_null(), pl.col("country").is_in(codes),
            pl.col("citizenship").is_in(codes) | pl.col("citizenship").is_null()]
    if form == "stays":
        good += [pl.col("entry").is_not_null(), pl.col("exit") >= pl.col("entry")]
    else:
        good += [pl.col("date").is_not_null(), pl.col("direction").is_in(["in", "out"])]
    # A blank CSV line (Polars keeps it as a row of empty cells) is skipped; a Parquet file
    # has no lines, and a row of it with every field null is a row, rejected as any other.
    blank = pl.all_horizontal(_is_empty(pl.col(c), schema[c]) for c in fields) & pl.col(
        "line").is_not_null()
    if MORE in schema:
        blank = blank & ~pl.col(MORE)
    return (raw.lazy()
            .select("row", "line", *[e.alias(c) for c, e in clean.items()],
                    *([] if exact else [blank.alias("_blank")]))
            .with_columns(((pl.lit(True) if exact else ~pl.col("_blank"))
                           & ~pl.all_horizontal(good).fill_null(False)).alias("_bad"))
            .collect(engine=frames.ENGINE))


_PROBLEM = ("row", "person_id", "field", "value", "reason", "expected")


def _problem(frame: pl.DataFrame, field: str | None, value: pl.Expr, reason: pl.Expr,
             expected: pl.Expr) -> pl.DataFrame:
    """One problem per row of ``frame``, in :data:`_PROBLEM` columns."""
    return frame.select("row", "person_id", pl.lit(field, pl.String).alias("field"),
                        value.cast(pl.String).alias("value"), reason.alias("reason"),
                        expected.alias("expected"))


def _row_problems(cells: pl.DataFrame, raw: pl.DataFrame, form: Form) -> pl.DataFrame:
    """The first problem of each row, as :func:`_problem` gives it, from the rows' cleaned
    ``cells`` and their ``raw`` cells (the same rows, in the same order): few rows, so that
    reasons are worded only for rows that have one."""
    fields = _fields(raw, form)
    both = pl.concat([cells, raw.select([pl.col(c).alias(f"raw_{c}") for c in fields])],
                     how="horizontal")
    if "citizenship" not in fields:
        both = both.with_columns(pl.lit(None, pl.String).alias("raw_citizenship"))
    first = pl.coalesce(
        pl.when(reason.is_not_null()).then(pl.struct(
            field=pl.lit(name), value=pl.col(f"raw_{name}").cast(pl.String), reason=reason,
            expected=expected))
        for name, reason, expected in _row_checks(form, raw.schema))
    return both.select("row", "person_id", first.alias("_p")).unnest("_p").select(_PROBLEM)


def _row_checks(form: Form, schema: pl.Schema) -> list[tuple[str, pl.Expr, pl.Expr]]:
    """(field, why its cell is wrong or null, the accepted form), in the order rows are told."""
    codes = sorted(country_codes())
    empty = pl.lit("is empty")
    unknown = pl.lit("is not a known country code")
    checks = [
        ("person_id", pl.when(pl.col("person_id").is_null()).then(empty), pl.lit(PERSON_FORM)),
        ("country", pl.when(pl.col("country").is_null()).then(empty)
         .when(~pl.col("country").is_in(codes)).then(unknown), pl.lit(COUNTRY_FORM)),
        ("citizenship", pl.when(~pl.col("citizenship").is_in(codes)).then(unknown),
         pl.lit(COUNTRY_FORM + ", or empty")),
    ]
    for name in ("entry", "exit") if form == "stays" else ("date",):
        why = _date_of(pl.col(f"raw_{name}"), schema[name])[1]
        if name != "exit":  # an empty exit means still there; other dates must be given
            why = pl.when(_is_empty(pl.col(f"raw_{name}"), schema[name])).then(empty).otherwise(
                why)
        checks.append((name, why, _date_form(why, ISO_FORM)))
    if form == "stays":
        entry = pl.col("entry").cast(pl.Date)
        early = (pl.col("exit") < pl.col("entry")) & (pl.col("exit") != _OPEN)
        checks[-1] = ("exit", pl.coalesce(checks[-1][1], pl.when(early).then(
            pl.format("is before entry {}", entry))),
            pl.when(early).then(pl.format("a date on or after {}", entry))
            .otherwise(_date_form(checks[-1][1], ISO_FORM + ", or empty while still there")))
    else:
        checks.append(("direction", pl.when(pl.col("direction").is_null()).then(empty)
                       .when(~pl.col("direction").is_in(["in", "out"]))
                       .then(pl.lit("is not in or out")), pl.lit(DIRECTION_FORM)))
    return checks


def _among(column: pl.Expr, problems: Sequence[pl.DataFrame]) -> pl.Expr:
    """Whether ``column`` names a person with a row in ``problems`` (never null)."""
    ids = [p.get_column("person_id").drop_nulls() for p in problems if p.height]
    if not ids:
        return pl.lit(False)
    # implode: is_in with a bare Series of the same type is deprecated in polars 2
    return column.is_in(pl.concat(ids).unique().implode()).fill_null(False)


# ---------------------------------------------------------------------------------------------
# Each person's rows together


def _key(high: str | pl.Expr, low: str) -> pl.Expr:
    """Two Int32 columns as one Int64 that orders as the pair does."""
    high = pl.col(high) if isinstance(high, str) else high
    return high.cast(pl.Int64) * 2**32 + (pl.col(low).cast(pl.Int64) + 2**31)


def _code(name: str) -> pl.Expr:
    """A valid country code as a small number (its place among all codes)."""
    return pl.col(name).cast(pl.Enum(sorted(country_codes()))).to_physical()


def _by_person(frame: pl.DataFrame, within: pl.Expr) -> pl.DataFrame:
    """``frame`` sorted by person_id, then ``within``, then row; with ``_p`` (the person's
    number in that order, from 1) and ``same`` (the row is of the same person as the row before
    it).

    One sort on the three keys, faster than grouping by a hash of the id and putting the
    groups in order after: 0.06 s for the half a million rows of one of ``sojourn batch``'s
    slices; normalizing ten million rows at once takes 4.0 s with it, 5.6 s with the hash."""
    new = (pl.col("person_id") != pl.col("person_id").shift(1)).fill_null(True)
    return (frame.sort(pl.col("person_id"), within, pl.col("row"))
            .with_columns(new.cum_sum().cast(pl.Int64).alias("_p"))
            .with_columns(same=~new))


def _as_stays(stays: pl.DataFrame) -> pl.DataFrame:
    """Checked stays, already by person_id, entry, row, as :data:`frames.STAYS`."""
    return frames.conform(stays.with_columns(
        pl.col("entry").cast(pl.Date),
        pl.when(pl.col("exit") != _OPEN).then(pl.col("exit")).cast(pl.Date).alias("exit")),
        frames.STAYS)


def _reach_before(value: str, same: pl.Expr) -> pl.Expr:
    """On a frame sorted into runs (``same``: the row continues the run before it): the largest
    ``value`` (Int32) among the earlier rows of the run, null on a run's first row."""
    so_far = running_max(pl.col(value), (~same).cum_sum())
    return pl.when(same).then(so_far.shift(1)).cast(pl.Int32)


def _same_run(keys: Sequence[str]) -> pl.Expr:
    """On a frame sorted by ``keys``: whether a row has the same keys as the row before it."""
    return pl.all_horizontal(pl.col(k) == pl.col(k).shift(1) for k in keys).fill_null(False)


# ---------------------------------------------------------------------------------------------
# Checking each person


CITIZENSHIP_FORM = "one citizenship per person: the same code on every row that gives one"


def _citizenships(rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``rows`` (each person's together, see :func:`_by_person`) with every row holding its
    person's citizenship, and the rows that contradict it.

    A person's citizenship is the one their rows give, on any of them; a row giving another one
    is a problem, told against the first row (in file order) that gave one."""
    given = rows.filter(pl.col("citizenship").is_not_null()).select(
        "_p", "row", "person_id", "citizenship")
    if given.is_empty():
        return rows, _problem(given, None, pl.lit(None), pl.lit(None, pl.String),
                              pl.lit(None, pl.String))
    same = pl.col("_p") == pl.col("_p").shift(1)
    torn = given.filter(same & (pl.col("citizenship") != pl.col("citizenship").shift(1)))
    if given.height < rows.height:
        # Rows giving none take their person's: the first one given, which (persons' rows
        # being together) is on the row after a change of person. A torn person's rows are
        # all rejected, so which of the codes they take does not matter.
        named = given.filter(~same.fill_null(False)).select("_p", "citizenship")
        people = (pl.select(pl.repeat(None, rows.height + 1, dtype=pl.String)).to_series()
                  .scatter(named.get_column("_p"), named.get_column("citizenship")))
        rows = rows.with_columns(people.gather(rows.get_column("_p")).alias("citizenship"))
    first = (given.filter(pl.col("_p").is_in(torn.get_column("_p").unique().implode()))
             .group_by("person_id").agg(pl.col("citizenship").get(pl.col("row").arg_min())
                                        .alias("first"), pl.col("row").min().alias("first_row")))
    clash = (given.join(first, on="person_id")
             .filter(pl.col("citizenship") != pl.col("first")))
    return rows, _problem(
        clash, "citizenship", pl.col("citizenship"),
        pl.format("differs from the citizenship {} given at row {} of this person",
                  pl.col("first"), pl.col("first_row")), pl.lit(CITIZENSHIP_FORM))


def _citizenship_needed(rows: pl.DataFrame, default: str | None, needed: bool
                        ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``rows`` (as :func:`_citizenships` leaves them: a row without a citizenship is of a
    person whose rows give none) with ``default`` filled in, and, without one when ``needed``,
    every row of such persons as a problem (:func:`_problem`): no citizenship is guessed."""
    if default is not None:
        rows = rows.with_columns(pl.col("citizenship").fill_null(default))
    stateless = rows.filter(pl.col("citizenship").is_null() & pl.lit(needed))
    return rows, _problem(
        stateless, "citizenship", pl.lit(None),
        pl.lit("no citizenship for this person: the pack's rules depend on it"),
        pl.lit("a citizenship column with an ISO 3166-1 alpha-2 code such as RU, or "
               "--citizenship CODE for persons without one"))


def _pair_events(events: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Stays from crossing events (each person's together, by country, date, row), and the
    events that pair with nothing.

    Per person and country, in date order, an ``in`` followed by an ``out`` is one stay and a
    last ``in`` an open one. An ``out`` after no ``in``, or an ``in`` followed by another ``in``,
    cannot be paired: the missing crossing is not guessed. A stay keeps its ``in`` row.

    Events of one day are taken in the one order that can pair them (:func:`_within_day`),
    whatever their rows' order: a log sorted by date and direction lists a border run's ``in``
    before its ``out``.
    """
    events = _within_day(events)
    same = pl.col("same") & (pl.col("country") == pl.col("country").shift(1)).fill_null(False)
    nxt = pl.when(same.shift(-1).fill_null(False))  # the next event is of the same run
    events = events.with_columns(
        pl.when(same).then(pl.col("direction").shift(1)).alias("before"),
        nxt.then(pl.col("direction").shift(-1)).alias("after"),
        nxt.then(pl.col("date").shift(-1)).alias("next_date"),
        nxt.then(pl.col("row").shift(-1)).alias("next_row"))
    entering = pl.col("direction") == "in"
    stays = events.filter(entering & (pl.col("after") != "in").fill_null(True)).select(
        "row", "line", "person_id", "country", "citizenship", "_p",
        pl.col("date").alias("entry"),
        pl.col("next_date").fill_null(pl.lit(_OPEN, pl.Int32)).alias("exit"))
    day, next_day = pl.col("date").cast(pl.Date), pl.col("next_date").cast(pl.Date)
    doubled = events.filter(entering & (pl.col("after") == "in"))
    orphan = events.filter(~entering & (pl.col("before") != "in").fill_null(True))
    return stays, pl.concat([
        _problem(doubled, "direction", pl.col("direction"),
                 pl.format("is an entry to {} on {} followed by another entry on {} (row {}) "
                           "with no exit between; a missing exit is not guessed",
                           pl.col("country"), day, next_day, pl.col("next_row")),
                 pl.format("an out row for {} dated from {} to {}", pl.col("country"), day,
                           next_day)),
        _problem(orphan, "direction", pl.col("direction"),
                 pl.format("is an exit from {} on {} with no entry before it; a missing entry "
                           "is not guessed", pl.col("country"), day),
                 pl.format("an in row for {} dated on or before {}", pl.col("country"), day))])


def _within_day(events: pl.DataFrame) -> pl.DataFrame:
    """``events`` (by person, country, date, row) with the events of one person, country and
    day put in the order that alternates from where the person was before that day: out of
    the country first if they were in it (out and back in, a border run), in first if not (a
    day's visit). Ins keep their rows' order among themselves, and so do outs. A day whose
    events cannot alternate so is left to fail in :func:`_pair_events` as it would anyway.

    Before the day, the person is in the country if its ins outnumber its outs (by one, when
    the events pair at all)."""
    day = ["_p", "country", "date"]
    if not events.select(pl.struct(day).is_duplicated().any()).item():
        return events  # no two events of a person in one country on one day
    # The rows are in (person, country, date, row) order: running sums need no window.
    step = pl.when(pl.col("direction") == "in").then(1).otherwise(-1)
    so_far = step.cum_sum() - step  # ins less outs before the row, over all rows
    run_start = pl.when(~_same_run(["_p", "country"])).then(so_far).forward_fill()
    day_start = pl.when(~_same_run(day)).then(so_far - run_start).forward_fill()
    first = pl.when(day_start > 0).then(pl.lit("out")).otherwise(pl.lit("in"))
    nth = pl.int_range(pl.len()).over([*day, "direction"])  # the rows are in row order
    place = 2 * nth + (pl.col("direction") != first).cast(pl.Int64)
    return (events.with_columns(_place=place).sort("_p", "country", "date", "_place", "row")
            .drop("_place").with_columns(same=pl.col("_p") == pl.col("_p").shift(1))
            .with_columns(pl.col("same").fill_null(False)))


def _presence(stays: pl.DataFrame, form: Form, also_rejected: pl.DataFrame
              ) -> tuple[pl.DataFrame, list[pl.DataFrame], int]:
    """(``stays`` with overlapping stays in one country merged (rows merged into another are
    marked ``_gone``), the problems found, the number of stays of accepted persons merged away:
    not of persons with a problem found here or in ``also_rejected``).

    ``stays`` are in :func:`_by_person` order, by entry and row within each person, and stay in
    it. A person none of whose stays starts before an earlier one (in that order) has ended has
    nothing to merge and nothing to refuse; only the others, usually few, are checked as
    build_history checks them. (Taking stays by entry and exit instead, the order the checks
    use, could only clear more persons: none that this clears would be caught.)"""
    reach = _reach_before("exit", pl.col("same"))
    suspects = stays.filter(pl.col("entry") < reach).get_column("person_id").unique()
    if suspects.is_empty():
        return stays.with_columns(pl.lit(False).alias("_gone")), [], 0
    tangled = stays.with_row_index("_at").filter(pl.col("person_id").is_in(suspects.implode()))
    merged = _merge_same_country(tangled)
    checked = (merged.sort("_p", "entry", "exit", "row")
               .with_columns(_same_run(["_p"]).alias("same"))
               .with_columns(_reach_before("exit", pl.col("same")).alias("reach")))
    found = [_overlaps(checked, form), _open_stays(checked.filter(pl.col("exit") == _OPEN), form)]
    # a rejected person's rows count as rejected
    accepted = ~_among(pl.col("person_id"), [*found, also_rejected])
    gone = tangled.filter(accepted).height - merged.filter(accepted).height
    if merged.height == tangled.height:  # nothing merged: the stays are as they were
        return stays.with_columns(pl.lit(False).alias("_gone")), found, 0
    return _put_back(stays, tangled, merged), found, gone


def _merge_same_country(stays: pl.DataFrame) -> pl.DataFrame:
    """``stays`` with overlapping stays in one country merged, in no particular order.

    As in :func:`sojourn.history.presence.build_history`: in (entry, exit) order, a stay that
    starts before the furthest exit so far of the person's stays in that country joins them; a
    shared crossing day (entry on that exit day) does not. A merged stay has the first entry,
    the furthest exit, the smallest row and that row's line.
    """
    same = _same_run(["_p", "country"])
    return (stays.sort("_p", "country", "entry", "exit", "row")
            .with_columns((~same | (pl.col("entry") >= _reach_before("exit", same)))
                          .cum_sum().alias("_island"))
            .group_by("_island").agg(
                pl.col("row").min(), pl.col("line").get(pl.col("row").arg_min()),
                pl.col("person_id", "country", "citizenship", "_p").first(),
                pl.col("entry").min(), pl.col("exit").max())
            .drop("_island"))


def _put_back(stays: pl.DataFrame, tangled: pl.DataFrame, merged: pl.DataFrame
              ) -> pl.DataFrame:
    """``stays`` with the rows of ``tangled`` (at positions ``_at``) replaced by ``merged``, the
    same persons' stays after merging: each person's go, by entry and row, to the first places
    of that person's block, and the places left over are marked ``_gone``."""
    blocks = tangled.group_by("_p").agg(pl.col("_at").min().alias("_block"))
    sizes = merged.group_by("_p").agg(pl.len().alias("_n"))
    kept = (pl.col("_at") - pl.col("_block")) < pl.col("_n")
    places = tangled.join(blocks, on="_p").join(sizes, on="_p")
    ordered = merged.join(blocks, on="_p").sort("_block", "entry", "row")
    at = places.filter(kept).get_column("_at").sort()
    out = stays.with_columns(stays.get_column(c).scatter(at, ordered.get_column(c))
                             for c in ("row", "line", "country", "entry", "exit"))
    gone = (pl.select(pl.repeat(False, stays.height)).to_series()
            .scatter(places.filter(~kept).get_column("_at"), True))
    return out.with_columns(gone.alias("_gone"))


def _overlaps(stays: pl.DataFrame, form: Form) -> pl.DataFrame:
    """Stays starting before an earlier stay, necessarily in another country, has ended; told
    with the earlier stay reaching furthest (the first such), as build_history tells it.

    ``stays``: each person's together by (entry, exit, row), with ``same`` and ``reach``."""
    furthest = (pl.when(~pl.col("same") | (pl.col("exit") > pl.col("reach")))
                .then(pl.col("row")).forward_fill())
    marked = stays.with_columns(pl.when(pl.col("same")).then(furthest.shift(1)).alias("by"))
    held = marked.select(pl.col("row").alias("by"), pl.col("country").alias("held_in"),
                         pl.when(pl.col("exit") != _OPEN).then(pl.col("exit").cast(pl.Date))
                         .alias("held_until"))
    clash = marked.filter(pl.col("entry") < pl.col("reach")).join(held, on="by", how="left")
    entry = pl.col("entry").cast(pl.Date)
    leave = (pl.format("an exit on or before {} at row {}", entry, pl.col("by"))
             if form == "stays" else
             pl.format("an out row for {} dated on or before {}", pl.col("held_in"), entry))
    expected = pl.when(pl.col("held_until").is_not_null()).then(
        pl.format("an entry on or after {}, or {}", pl.col("held_until"), leave)
    ).otherwise(leave) + pl.lit("; stays in different countries may share only the crossing day")
    until = pl.col("held_until").cast(pl.String).fill_null("now (no exit)")
    return _problem(clash, "entry" if form == "stays" else "date", entry,
                    pl.format("starts a stay in {} while the stay in {} from row {} runs until {}",
                              pl.col("country"), pl.col("held_in"), pl.col("by"), until),
                    expected)


def _open_stays(open_stays: pl.DataFrame, form: Form) -> pl.DataFrame:
    """Open stays (no exit) followed by another open stay of the same person."""
    later = pl.when(_same_run(["person_id"]).shift(-1).fill_null(False))
    rows = open_stays.with_columns(later.then(pl.col("row").shift(-1)).alias("later_row"),
                                   later.then(pl.col("country").shift(-1)).alias("later_in")
                                   ).filter(pl.col("later_row").is_not_null())
    if form == "stays":
        return _problem(rows, "exit", pl.lit(None),
                        pl.format("is empty, and so is the exit of this person's later stay in "
                                  "{} at row {}", pl.col("later_in"), pl.col("later_row")),
                        pl.lit("an empty exit (still there) only on the latest stay; give the "
                               "date each earlier stay ended"))
    return _problem(rows, "direction", pl.lit("in"),
                    pl.format("is an entry to {} with no exit after it, and so is the later "
                              "entry to {} at row {}", pl.col("country"), pl.col("later_in"),
                              pl.col("later_row")),
                    pl.format("an out row for {}: only the latest stay may be open",
                              pl.col("country")))


# ---------------------------------------------------------------------------------------------
# Rejects


def _rejects(raw: pl.DataFrame, form: Form, cells: pl.DataFrame,
             problems: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """Every rejected row: its own first problem, or, for the other rows of a person with one,
    that the person was not evaluated; with its line and the input row as text."""
    own = (pl.concat([p.select(_PROBLEM) for p in problems], how="vertical_relaxed")
           .unique("row", keep="first", maintain_order=True))
    first = (own.filter(pl.col("person_id").is_not_null())
             .group_by("person_id").agg(pl.col("row").min().alias("first_row")))
    rest = (cells.filter(~pl.col("_blank") & _among(pl.col("person_id"), [own])
                         & ~pl.col("row").is_in(own.get_column("row").implode()))
            .select("row", "person_id").join(first, on="person_id"))
    others = _problem(rest, None, pl.lit(None),
                      pl.format("not evaluated: row {} of this person was rejected",
                                pl.col("first_row")),
                      pl.format("every row of this person accepted (see row {})",
                                pl.col("first_row")))
    rejected = pl.concat([own, others], how="vertical_relaxed")
    record = pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in _fields(raw, form)],
                           separator=",")
    where = (raw.filter(pl.col("row").is_in(rejected.get_column("row").implode()))
             .select("row", "line", record.alias("record")))
    value = pl.col("value")
    shown = pl.when(value.str.len_chars() > _SHOWN).then(
        value.str.slice(0, _SHOWN - 3) + pl.lit("...")).otherwise(value)
    out = rejected.join(where, on="row", how="left").with_columns(shown.alias("value"))
    return frames.conform(out.sort("row"), frames.REJECTS)
