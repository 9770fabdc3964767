"""The batch input reader: file types and headers, CSV line numbers, every reject reason, merged
and paired stays, and, on generated inputs, that every row is accounted for, that a split by
person gives the same result, and that persons are judged as ``build_history`` judges them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from sojourn.batch import frames, inputs
from sojourn.batch.inputs import NormalizedInput, collect_raw, normalize, read_input, scan_input
from sojourn.countries import COUNTRY_FORM
from sojourn.errors import InputError, shown
from sojourn.history.presence import Stay, build_history

from test_properties import PROFILE

STAYS_HEADER = "person_id,country,entry,exit,citizenship"
EVENTS_HEADER = "person_id,date,direction,country"
D = dt.date


def write(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def read(tmp_path: Path, *lines: str, header: str = STAYS_HEADER) -> NormalizedInput:
    return read_input(write(tmp_path, "\n".join([header, *lines]) + "\n"))


def reject(result: NormalizedInput, row: int) -> dict[str, Any]:
    found = result.rejects.filter(pl.col("row") == row).to_dicts()
    assert len(found) == 1, result.rejects
    return found[0]


def stays(result: NormalizedInput) -> list[tuple[Any, ...]]:
    return result.stays.select("row", "person_id", "country", "entry", "exit").rows()


def problem_text(exc: pytest.ExceptionInfo[InputError]) -> str:
    return str(exc.value)


# --- files and headers ----------------------------------------------------------------------

def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        scan_input(write(tmp_path, "a", "in.txt"))
    assert "'.txt' is not a batch input type" in problem_text(exc)
    assert ".parquet" in problem_text(exc)


@pytest.mark.parametrize(("name", "words"), [
    # all three read "'(none)' is not a batch input type", as the history loader once did
    ("-", "stands for standard input, which sojourn does not read"),
    ("/dev/null", "is a character device, not a regular file"),
    ("{tmp}", "is a directory, not a regular file"),
    ("{tmp}/log", "has no name ending to tell its type"),
])
def test_an_input_with_no_type_is_told_what_it_is(tmp_path: Path, name: str, words: str
                                                  ) -> None:
    with pytest.raises(InputError) as exc:
        scan_input(Path(name.format(tmp=tmp_path)))
    assert words in problem_text(exc) and "'(none)'" not in problem_text(exc)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize(("name", "twin"), [
    ("log[1]", "log1"),          # as a pattern, it matches only the other file
    ("log*", "log_other"),       # as a pattern, it matches both files
    ("log?", "logs"),
    ("only[1]", None),           # as a pattern, it matches no file at all
])
def test_the_input_named_is_read_never_a_glob_pattern(tmp_path: Path, suffix: str, name: str,
                                                      twin: str | None) -> None:
    named = pl.DataFrame({"person_id": ["A", "B"], "country": ["KZ", "KZ"],
                          "entry": ["2023-01-01", "2023-02-01"], "exit": ["2023-01-05", None],
                          "note": ["x", None]})  # a column not read: CSV is checked for more
    files = {name: named}
    if twin is not None:  # a file the name matches as a pattern, holding someone else
        files[twin] = named.head(1).with_columns(person_id=pl.lit("Z"))
    for file, frame in files.items():
        target = tmp_path / (file + suffix)
        frame.write_csv(target) if suffix == ".csv" else frame.write_parquet(target)
    path = tmp_path / (name + suffix)
    result = read_input(path)
    assert result.stays.get_column("person_id").to_list() == ["A", "B"]
    assert result.rows == 2 and result.rejects.is_empty()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_symbolic_link_that_loops_is_refused_by_name(tmp_path: Path, suffix: str) -> None:
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    first.symlink_to(second)
    second.symlink_to(first)
    with pytest.raises(InputError) as exc:
        scan_input(first)
    assert problem_text(exc).startswith(f"{first}: is a symbolic link that loops")
    assert "expected a .csv or .parquet/.pq file with the columns" in problem_text(exc)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("kind", ["pipe", "device", "directory"])
def test_an_input_that_is_no_regular_file_is_refused_unopened(
        tmp_path: Path, fifo: Any, suffix: str, kind: str) -> None:
    path = tmp_path / f"log{suffix}"
    if kind == "pipe":  # opening it would wait for ever for a writer
        fifo(path)
        said = "is a named pipe (FIFO), not a regular file"
    elif kind == "device":  # /dev/zero would be read until memory runs out
        path.symlink_to("/dev/null")
        said = "is a symbolic link to /dev/null, a character device, not a regular file"
    else:
        path.mkdir()
        said = "is a directory, not a regular file"
    with pytest.raises(InputError) as exc:
        scan_input(path)
    assert problem_text(exc).startswith(f"{path}: {said}; expected a .csv or .parquet/.pq file")


@pytest.mark.parametrize("text", ["", "\n\n", "\r\n"])
def test_empty_file_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputError, match="is empty"):
        scan_input(write(tmp_path, text))


def test_header_naming_neither_form_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        scan_input(write(tmp_path, "person_id,country,from,to\np1,KZ,2023-01-01,\n"))
    text = problem_text(exc)
    assert "line 1" in text and "lacks entry, exit for stays" in text
    assert "date, direction for crossing events" in text
    assert "person_id,country,entry,exit" in text and "person_id,date,direction,country" in text


def test_a_misspelled_column_of_a_batch_input_is_told_what_it_may_mean(tmp_path: Path) -> None:
    # as the history reader and a profile's fields tell one
    with pytest.raises(InputError) as exc:
        scan_input(write(tmp_path, "person_id,country,entri,exit\np1,KZ,2023-01-01,\n"))
    assert "for crossing events; did you mean 'entry' for 'entri'?" in problem_text(exc)


@pytest.mark.parametrize(("separator", "named"), [
    (";", "semicolons (';')"), ("\t", "tabs"), ("|", "vertical bars ('|')")])
@pytest.mark.parametrize("header", [STAYS_HEADER, EVENTS_HEADER])
def test_a_header_split_by_another_separator_is_refused_by_it(
        tmp_path: Path, separator: str, named: str, header: str) -> None:
    # Excel saves "CSV" with semicolons where the comma is the decimal point
    text = header.replace(",", separator)
    with pytest.raises(InputError) as exc:
        scan_input(write(tmp_path, f"{text}\np1{separator}KZ\n"))
    assert problem_text(exc) == (
        f"{tmp_path / 'in.csv'}, line 1: {text!r} separates its cells with {named}, not "
        "commas; expected comma-separated UTF-8 text with one cell per header column; quote "
        "a cell holding a comma; re-save it with the comma as field delimiter")


def test_header_with_both_forms_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="both stays and crossing events"):
        scan_input(write(tmp_path, "person_id,country,entry,exit,date,direction\n"))


def test_column_named_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="appears more than once"):
        scan_input(write(tmp_path, "person_id,country,entry,exit, Country\n"))


@pytest.mark.parametrize("names", [
    ["person_id", "country", "entry", "exit", "note", "note"],  # one sojourn does not read
    ["person_id", "country", "entry", "exit", "country"],
])
def test_a_parquet_column_named_twice_is_refused_by_name(tmp_path: Path,
                                                        names: list[str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "in.parquet"
    cells = ["p1", "KZ", "2023-01-01", "2023-01-05", "x", "y"]
    pq.write_table(pa.table([pa.array([c]) for c in cells[:len(names)]], names=names), path)
    with pytest.raises(InputError) as exc:
        scan_input(path)
    assert problem_text(exc).startswith(
        f"{path}, field '{names[-1]}': column appears more than once in the file; ")
    assert "expected each column named once: person_id,country,entry,exit" in problem_text(exc)


def test_header_is_matched_stripped_and_in_any_case(tmp_path: Path) -> None:
    path = write(tmp_path, "notes, Person_ID ,EXIT,Country,entry\nx, p1 ,,kz,2023-01-01\n")
    raw = scan_input(path)
    assert raw.form == "stays"
    frame = raw.frame.collect()
    # the form's columns in file order; person_id already the stripped partition key; and
    # whether the columns not read hold text
    assert frame.columns == ["row", "line", "person_id", "exit", "country", "entry", "_more"]
    assert frame.row(0) == (1, 2, "p1", None, "kz", "2023-01-01", True)
    assert stays(read_input(path)) == [(1, "p1", "KZ", D(2023, 1, 1), None)]


@pytest.mark.parametrize("name", ["Person ID", "PERSON  ID", "person-id", "Person - Id"])
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_header_words_may_be_split_by_blanks_or_hyphens(tmp_path: Path, name: str,
                                                        suffix: str) -> None:
    # as spreadsheets and databases label the column; still the one person_id column
    table = pl.DataFrame({name: [" p1 "], "Country": ["KZ"], "Entry": ["2023-01-01"],
                          "Exit": [None]}, schema_overrides={"Exit": pl.String})
    path = tmp_path / f"in{suffix}"
    table.write_csv(path) if suffix == ".csv" else table.write_parquet(path)
    assert stays(read_input(path)) == [(1, "p1", "KZ", D(2023, 1, 1), None)]
    table.with_columns(pl.col(name).alias("person_id")).write_csv(path := tmp_path / "two.csv")
    with pytest.raises(InputError, match="field 'person_id': column appears more than once"):
        scan_input(path)


def test_a_row_with_text_only_in_a_column_not_read_is_rejected_not_skipped(
        tmp_path: Path) -> None:
    path = write(tmp_path, "person_id,country,entry,exit,note\n"
                           "p1,KZ,2023-01-01,2023-01-05,\n"
                           ",,,,left by boat\n"
                           "\n"             # a blank line: skipped, not counted
                           ",,, ,  \n")     # blanks only: skipped too
    result = read_input(path)
    assert result.rows == 2
    assert stays(result) == [(1, "p1", "KZ", D(2023, 1, 1), D(2023, 1, 5))]
    bad = reject(result, 2)
    assert (bad["line"], bad["field"], bad["reason"]) == (3, "person_id", "is empty")


def test_a_row_cut_short_before_a_column_read_is_rejected_not_read_as_still_there(
        tmp_path: Path) -> None:
    # Polars reads the cells a row lacks as empty ones: the exit of p2 would be open
    result = read(tmp_path, "p1,KZ,2023-01-01,2023-01-05", "p2,KZ,2023-01-10", "",
                  "p3", header="person_id,country,entry,exit")
    assert result.rows == 3
    assert stays(result) == [(1, "p1", "KZ", D(2023, 1, 1), D(2023, 1, 5))]
    cut = reject(result, 2)
    assert (cut["line"], cut["field"], cut["value"], cut["reason"]) == (
        3, None, None, "has 3 cells where the header has 4 (person_id,country,entry,exit): "
        "no exit")
    assert "a stay still going on is written with an empty exit" in cut["expected"]
    assert reject(result, 4)["reason"].startswith("has 1 cell where the header has 4 ")
    assert reject(result, 4)["reason"].endswith(": no country, entry, exit")


def test_a_row_may_end_before_the_columns_not_read(tmp_path: Path) -> None:
    path = write(tmp_path, "person_id,country,entry,exit,note,citizenship\n"
                           "p1,KZ,2023-01-01,2023-01-05\n"
                           "p2,KZ,2023-01-10,\n")
    # flows reads no citizenship: both rows have every cell it reads
    raw = scan_input(path, optional=())
    assert stays(normalize(collect_raw(raw), raw.form, raw.source)) == [
        (1, "p1", "KZ", D(2023, 1, 1), D(2023, 1, 5)), (2, "p2", "KZ", D(2023, 1, 10), None)]
    # batch reads citizenship, the last column: a row without its cell is cut short
    result = read_input(path)
    assert result.stays.is_empty()
    assert reject(result, 1)["reason"].endswith("(person_id,country,entry,exit,note,"
                                                "citizenship): no citizenship")


@settings(PROFILE, max_examples=50)
@given(st.lists(st.lists(st.sampled_from(["", "x", "a,b", 'say "hi"', "one\ntwo", "\r\n"]),
                         min_size=1, max_size=5), max_size=8),
       st.integers(0, 2), st.booleans())
def test_short_rows_are_counted_as_the_csv_module_counts_cells(
        rows: list[list[str]], blank_first: int, line_end: bool) -> None:
    buffer = io.StringIO()
    buffer.write("\n" * blank_first)
    csv.writer(buffer, lineterminator="\n").writerows([["a", "b", "c", "d"], *rows])
    text = buffer.getvalue() if line_end else buffer.getvalue().removesuffix("\n")
    cells = [len(r) for r in csv.reader(io.StringIO(text.lstrip("\n")))][1:]
    want = [(i, n) for i, n in enumerate(cells, start=1) if n < 4]
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp), text)
        for chunk in (1, 2, 7, 1 << 20):  # a chunk may end anywhere, inside quotes too
            found, counts = inputs._csv_lines.short_rows(path, blank_first, 4, chunk)
            assert list(zip(found.tolist(), counts.tolist(), strict=True)) == want


def test_a_parquet_row_with_every_field_null_is_rejected_not_skipped(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pl.DataFrame({"person_id": ["p1", None], "country": ["KZ", None],
                  "entry": [D(2023, 1, 1), None], "exit": [None, None],
                  "note": [None, "left by boat"]}).write_parquet(path)
    result = read_input(path)
    assert result.rows == 2 and result.rejects.height == 1
    assert (reject(result, 2)["field"], reject(result, 2)["line"]) == ("person_id", None)


@pytest.mark.parametrize(("content", "where"), [
    (b"person_id,country,entry,exit\np1,KZ,2023-01-01,\np\xe9,KZ,2023-01-01,\n",
     "line 3: is not UTF-8 text (byte 0xe9 at column 2)"),
    # past the first piece the reader looks at, and past a character split between pieces
    (b"person_id,country,entry,exit\n" + "p\u00e9,KZ,2023-01-01,\n".encode() * 70_000
     + b"p\xe9,KZ,2023-01-01,\n", "line 70002: is not UTF-8 text (byte 0xe9 at column 2)"),
    (b"\xe9person_id,country,entry,exit\n", "line 1: is not UTF-8 text (byte 0xe9 at column 1)"),
    (b"person_id,country,entry,exit\rp1,KZ,2023-01-01,\r",
     "line 1: ends its lines with a carriage return alone"),
    (b"person_id,country,entry,exit\np1,KZ,2023-01-01,,\n",
     "line 2: has 5 cells where the header names 4, if only empty ones"),
    (b"person_id,country,entry,exit,note\np1,KZ,2023-01-01,,,\n",
     "line 2: has 6 cells where the header names 5, if only empty ones"),
    # two or more cells too many (Excel pads each row to its widest), which made the search
    # for a non-empty one fail inside polars
    (b"person_id,country,entry,exit\np1,KZ,2023-01-01,,,\n",
     "line 2: has 6 cells where the header names 4, if only empty ones"),
    # a cell two past the header's is quoted, not taken for an empty one
    (b"person_id,country,entry,exit\np1,KZ,2023-01-01,,,x\n",
     "line 2: ',x' are 2 cells beyond the 4 the header names (a comma in a cell that is not "
     "quoted?); the file cannot be read; expected comma-separated UTF-8 text with one cell per "
     "header column"),
    (b"person_id,country,entry,exit,note\np1,KZ,2023-01-01,,n,,x,\"a,b\"\n",
     "line 2: ',x,\"a,b\"' are 3 cells beyond the 5 the header names"),
    # the first record with cells beyond the header's is told, though a later one's first
    # extra cell is the first non-empty one
    (b"person_id,country,entry,exit,note\np0,KZ,2023-01-01,,n\np1,KZ,2023-01-01,,n,,x\n"
     b"p2,KZ,2023-01-01,,n,y\n", "line 3: ',x' are 2 cells beyond the 5 the header names"),
    (b"person_id,country,entry,exit\np0,KZ,2023-01-01,,\np1,KZ,2023-01-01,,x\n",
     "line 2: has 5 cells where the header names 4, if only empty ones"),
    (b"person_id,country,entry,exit\np1,KZ,2023-01-01,,x\n",
     "line 2: 'x' is a cell beyond the 4 the header names"),
    # a header ended by LF, then lines ended by CR alone
    (b"person_id,country,entry,exit\np1,KZ,2023-01-01,\rp2,KZ,2023-01-01,\r",
     "line 2: ends a line with a carriage return alone (CR)"),
])
def test_an_unreadable_csv_is_refused_at_its_line(tmp_path: Path, content: bytes,
                                                  where: str) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as refused:
        collect_raw(scan_input(path))
    assert f"{path}, {where}" in str(refused.value)


def test_events_form_is_detected(tmp_path: Path) -> None:
    raw = scan_input(write(tmp_path, "Country,Direction,Date,Person_Id,citizenship\n"))
    assert raw.form == "events"
    assert raw.frame.collect_schema().names() == [
        "row", "line", "country", "direction", "date", "person_id", "citizenship"]


@pytest.mark.parametrize("name", ["in.csv", "in.parquet"])
def test_a_slice_of_the_frame_keeps_the_file_numbering(tmp_path: Path, name: str) -> None:
    rows = [(f"p{i}", "KZ", "2023-01-01", None) for i in range(6)]
    table = pl.DataFrame(rows, schema=["person_id", "country", "entry", "exit"], orient="row")
    path = tmp_path / name
    table.write_csv(path) if name.endswith(".csv") else table.write_parquet(path)
    part = scan_input(path).frame.slice(2, 3).collect()
    assert part.get_column("row").to_list() == [3, 4, 5]
    assert part.get_column("person_id").to_list() == ["p2", "p3", "p4"]
    lines = part.get_column("line").to_list()
    assert lines == ([4, 5, 6] if name.endswith(".csv") else [None] * 3)


def test_a_row_longer_than_the_header_makes_the_file_unreadable(tmp_path: Path) -> None:
    # polars reads no row of such a file, so it is refused whole, at the first such line
    text = f'{STAYS_HEADER}\np1,KZ,2023-01-01,,RU\n\n"p\n2",KZ,2023-01-01,,\np3,KZ,,,,more\n'
    with pytest.raises(InputError) as exc:
        read_input(write(tmp_path, text))
    assert problem_text(exc).startswith("line 6: 'more' is a cell beyond the 5 the header names",
                                        len(str(tmp_path / "in.csv, ")))
    with pytest.raises(InputError, match="line 2: has 6 cells where the header names 5, if "
                                         "only empty ones"):
        read_input(write(tmp_path, f"{STAYS_HEADER}\np1,KZ,2023-01-01,,RU,\n"))


@pytest.mark.parametrize(("rows", "where"), [
    # a quote inside a cell that is not quoted, after a well quoted one
    ('p1,"K""Z",2023-01-01,,RU\np2,K"Z,2023-01-01,,RU\n',
     "line 3, field 'country': 'K\"Z' holds a quote in a cell that is not quoted"),
    # a blank after the closing quote, which the scalar loader would take
    ('p1,KZ,"2023-01-01" ,,RU\n',
     "line 2: 'p1,KZ,\"2023-01-01\" ,,RU' is not valid CSV (',' expected after '\"')"),
    # a quote never closed, after a cell holding a quoted line break
    ('"p\n1",KZ,2023-01-01,,RU\np2,"KZ,2023-01-01,,RU\n',
     "line 4: 'p2,\"KZ,2023-01-01,,RU' opens a quote that is never closed"),
    # ... and so in a long file, where the csv module stops at its longest cell instead
    ('p0,"KZ,2023-01-01,,RU\n' + "p1,KZ,2023-01-01,,RU\n" * 8000,
     "line 2: 'p0,\"KZ,2023-01-01,,RU' opens a quote that is never closed"),
    # well quoted cells starting or ending with a quote are not blamed for a later fault
    ('"""p1",KZ,2023-01-01,,"R"""\n"""",KZ,2023-01-01,,RU\np2,"K"Z",2023-01-01,,RU\n',
     "line 4: 'p2,\"K\"Z\",2023-01-01,,RU' is not valid CSV (',' expected after '\"')"),
])
def test_a_misquoted_csv_is_refused_at_its_line(tmp_path: Path, rows: str, where: str) -> None:
    # Polars reads no row of such a file and says where only as a chunk's offset
    with pytest.raises(InputError) as exc:
        read_input(write(tmp_path, f"{STAYS_HEADER}\n{rows}"))
    assert problem_text(exc).startswith(where, len(str(tmp_path / "in.csv, ")))
    assert "the file cannot be read; expected a cell either without quotes" in problem_text(exc)


def test_a_cell_beyond_the_header_is_seen_past_a_column_not_read(tmp_path: Path) -> None:
    # Polars parses only the columns read, so past "note" it would drop 'EXTRA' unseen
    for header in ("person_id,country,entry,exit,note", "person_id,note,country,entry,exit"):
        note_last = header.endswith("note")
        row = "p1,KZ,2023-01-01,,x" if note_last else "p1,x,KZ,2023-01-01,"
        text = f"{header}\np0,{'KZ,2023-01-01,,' if note_last else ',KZ,2023-01-01,'}\n"
        with pytest.raises(InputError) as exc:
            read_input(write(tmp_path, f"{text}{row},EXTRA\n"))
        assert problem_text(exc).startswith("line 3: 'EXTRA' is a cell beyond the 5 the header",
                                            len(str(tmp_path / "in.csv, ")))
        # an empty cell beyond the header is refused too, as it is when every column is read
        with pytest.raises(InputError, match="line 3: has 6 cells where the header names 5"):
            read_input(write(tmp_path, f"{text}{row},\n"))


def test_text_that_is_not_utf8_makes_the_file_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(f"{STAYS_HEADER}\n".encode() + b"p1,KZ,2023-01-01,,\xff\xfe\n")
    with pytest.raises(InputError, match=r"line 2: is not UTF-8 text \(byte 0xff at column 19\)"):
        read_input(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_text_is_refused_as_such(tmp_path: Path, encoding: str) -> None:
    # Excel's "Unicode text" is UTF-16 LE with a byte-order mark; read as UTF-8 it was
    # blamed on its first byte, or its header on the NUL bytes between its letters
    path = tmp_path / "in.csv"
    path.write_bytes(f"{STAYS_HEADER}\r\nп1,KZ,2023-01-01,,RU\r\n".encode(encoding))
    wide = "UTF-32" if encoding == "utf-32" else "UTF-16"
    with pytest.raises(InputError) as exc:
        read_input(path)
    assert str(exc.value) == (
        f'{path}: is {wide} text (what Excel saves as "Unicode text"), not UTF-8; expected '
        "comma-separated UTF-8 text with one cell per header column; quote a cell holding a "
        'comma; re-save it as "CSV UTF-8 (comma delimited)"')


def test_parquet_with_native_types(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pl.DataFrame({
        "person_id": [7, 7, 8],
        "country": ["KZ", "kz", "GE"],
        "entry": [D(2023, 1, 1), D(2023, 1, 5), D(2023, 2, 1)],
        "exit": [D(2023, 1, 10), None, D(2023, 1, 1)],
    }).write_parquet(path)
    raw = scan_input(path)
    assert raw.frame.collect_schema()["entry"] == pl.Date  # kept as dates, no text round trip
    result = read_input(path)
    assert stays(result) == [(1, "7", "KZ", D(2023, 1, 1), None)]
    assert result.merged == 1 and result.rows == 3
    bad = reject(result, 3)
    assert bad["line"] is None and bad["field"] == "exit" and bad["value"] == "2023-01-01"
    assert bad["reason"] == "is before entry 2023-02-01"
    assert bad["record"] == "8,GE,2023-02-01,2023-01-01"


def test_parquet_timestamps_count_as_dates_only_at_midnight(tmp_path: Path) -> None:
    path = tmp_path / "in.pq"
    pl.DataFrame({
        "person_id": ["a", "b"], "country": ["KZ", "KZ"],
        "entry": [dt.datetime(2023, 1, 1), dt.datetime(2023, 1, 1, 12, 30)],
        "exit": [None, None],
    }).write_parquet(path)
    result = read_input(path)
    assert stays(result) == [(1, "a", "KZ", D(2023, 1, 1), None)]
    assert reject(result, 2)["reason"] == "is a date and time, not a date"



@pytest.mark.parametrize("zone", ["UTC", "Asia/Almaty"])
def test_parquet_timestamps_with_a_zone_are_days_in_that_zone(tmp_path: Path, zone: str
                                                              ) -> None:
    # the day is the one the column's own zone shows: none is assumed or converted, so a
    # local midnight written as another zone's time (18:00 UTC for Almaty) is no date
    path = tmp_path / "in.parquet"
    pl.DataFrame({
        "person_id": ["a", "b"], "country": ["KZ", "KZ"],
        "entry": [dt.datetime(2023, 1, 5), dt.datetime(2023, 1, 4, 18)], "exit": [None, None],
    }).with_columns(pl.col("entry").dt.replace_time_zone(zone)).write_parquet(path)
    result = read_input(path)
    assert stays(result) == [(1, "a", "KZ", D(2023, 1, 5), None)]
    assert reject(result, 2)["reason"] == "is a date and time, not a date"

def test_parquet_dates_outside_the_days_judged_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pl.DataFrame({
        "person_id": ["a", "b", "c", "d"], "country": ["KZ"] * 4,
        "entry": [D(2023, 1, 1), D(8999, 1, 1), D(1900, 1, 1), D(2023, 1, 1)],
        "exit": [None, None, D(2999, 12, 31), D(9999, 12, 31)],
    }).write_parquet(path)
    result = read_input(path)
    assert [s[1] for s in stays(result)] == ["a", "c"]
    assert [(r["row"], r["field"], r["value"], r["reason"], r["expected"])
            for r in result.rejects.sort("row").iter_rows(named=True)] == [
        (2, "entry", "8999-01-01", OUTSIDE, JUDGED), (4, "exit", "9999-12-31", OUTSIDE, JUDGED)]
    timestamps = tmp_path / "ts.parquet"
    pl.DataFrame({"person_id": ["a", "b"], "country": ["KZ"] * 2,
                  "entry": [dt.datetime(2023, 1, 1), dt.datetime(1066, 10, 14)],
                  "exit": [None, None]}).write_parquet(timestamps)
    assert reject(read_input(timestamps), 2)["reason"] == OUTSIDE


def test_parquet_column_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pl.DataFrame({"person_id": ["a"], "country": ["KZ"], "entry": [1.5], "exit": [None]}
                 ).write_parquet(path)
    with pytest.raises(InputError, match=r"'entry'.*is not a type this column can hold"):
        read_input(path)


@pytest.mark.parametrize("ids", [[["P1"], ["P1"]], [True, False], [1.5, 2.0],
                                 [{"id": "A"}, {"id": "B"}]])
def test_a_person_id_column_that_is_not_text_or_whole_numbers_is_refused(
        tmp_path: Path, ids: list[Any]) -> None:
    # a list column crashed the scan, which reads person_id as text; the others were taken
    # as text ("true", "1.5")
    path = tmp_path / "in.parquet"
    pl.DataFrame({"person_id": ids, "country": ["KZ", "KZ"],
                  "entry": ["2023-01-01", "2023-02-01"], "exit": ["2023-01-05", None]}
                 ).write_parquet(path)
    with pytest.raises(InputError, match=r"field 'person_id': .* is not a type this column "
                                         "can hold; expected a column of text or whole numbers"):
        read_input(path)


def test_file_that_is_not_parquet_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"in.parquet: is not a Parquet file but text .*: a "
                                         r"CSV file named .parquet\? name it .csv; expected"):
        scan_input(write(tmp_path, "person_id,country\n", "in.parquet"))


def parquet_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "whole.parquet"
    pl.DataFrame({"person_id": ["p1"], "country": ["KZ"], "entry": ["2023-01-01"],
                  "exit": ["2023-01-05"]}).write_parquet(path)
    return path.read_bytes()


@pytest.mark.parametrize(("cut", "said"), [
    # polars' words for each: "A Parquet file must contain a header and footer with at least
    # 12 bytes", "The file must end with PAR1 or PARE", which tell neither fault
    (lambda whole: b"", "is empty"),
    (lambda whole: whole[:7], "begins as a Parquet file but does not end as one"),
    (lambda whole: whole[:-30], "begins as a Parquet file but does not end as one"),
    (lambda whole: b"\x00\x01" + whole[2:], "is not a Parquet file (it does not begin with"),
], ids=["empty", "header only", "footer cut", "binary of another kind"])
def test_a_parquet_file_empty_cut_short_or_of_another_kind_is_told_so(
        tmp_path: Path, cut: Any, said: str) -> None:
    path = tmp_path / "log.parquet"
    path.write_bytes(cut(parquet_bytes(tmp_path)))
    with pytest.raises(InputError) as exc:
        scan_input(path)
    assert problem_text(exc).startswith(f"{path}: {said}")
    assert "; expected a .csv or .parquet/.pq file with the columns" in problem_text(exc)


# --- CSV line numbers -------------------------------------------------------------------------

def csv_lines(text: str) -> list[int]:
    """The line each data record starts on, by Python's csv module: the reference."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, last = [], 0
    for record in reader:
        starts.append((last + 1, record))
        last = reader.line_num
    while starts and not starts[0][1]:  # empty lines before the header
        starts.pop(0)
    return [line for line, _ in starts[1:]]


def lines_of(tmp_path: Path, text: str) -> list[int]:
    frame = scan_input(write(tmp_path, text)).frame.collect()
    assert frame.get_column("row").to_list() == list(range(1, frame.height + 1))
    lines: list[int] = frame.get_column("line").to_list()
    return lines


@pytest.mark.parametrize("text", [
    f"{STAYS_HEADER}\np1,KZ,2023-01-01,,\np2,KZ,2023-01-01,,\n",
    f"\n\n{STAYS_HEADER}\np1,KZ,2023-01-01,,\n",                       # blank lines first
    f"{STAYS_HEADER}\np1,KZ,2023-01-01,,\n\n\np2,GE,2023-01-01,,\n",   # blank lines between
    f"{STAYS_HEADER}\r\np1,KZ,2023-01-01,,\r\n\r\np2,GE,2023-01-01,,\r\n",
    f'{STAYS_HEADER},note\np1,KZ,2023-01-01,,,"two\nlines"\np2,GE,2023-01-01,,,\n',
    f'{STAYS_HEADER},note\np1,KZ,2023-01-01,,,"a ""quoted""\n\nthree"\np2,GE,2023-01-01,,,x',
    '"person\nid",country,entry,exit,person_id\nx,KZ,2023-01-01,,p1\n',  # header on two lines
])
def test_lines_are_the_physical_lines_rows_start_on(tmp_path: Path, text: str) -> None:
    assert lines_of(tmp_path, text) == csv_lines(text)


def test_blank_lines_are_not_rows_but_keep_the_numbering(tmp_path: Path) -> None:
    text = f'{STAYS_HEADER},note\n\np1,KZ,2023-01-01,,,"x\ny"\n  \np1,KZ,2023-01-32,,,\n\n'
    result = read_input(write(tmp_path, text))
    assert result.rows == 2  # the empty lines and the line of blanks hold nothing
    assert reject(result, 4)["line"] == 6
    assert reject(result, 2)["line"] == 3


@settings(PROFILE, max_examples=50)
@given(st.lists(st.tuples(st.sampled_from(["", "x", "a,b", 'say "hi"', "one\ntwo", "\n\n", "\r\n"]),
                          st.booleans()), max_size=8),
       st.integers(0, 2))
def test_lines_match_the_csv_module(cells: list[tuple[str, bool]], blank_first: int) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    buffer.write("\n" * blank_first)
    writer.writerow(["person_id", "country", "entry", "exit", "note"])
    for note, blank in cells:
        if blank:
            buffer.write("\n")
        writer.writerow(["p1", "KZ", "2023-01-01", "", note])
    text = buffer.getvalue()
    with tempfile.TemporaryDirectory() as tmp:
        assert lines_of(Path(tmp), text) == csv_lines(text)
        # the bytes are read in chunks: a chunk may end anywhere, inside quotes too
        path = write(Path(tmp), text)
        whole = inputs._csv_lines._quoted_breaks(path, blank_first)
        for chunk in (1, 2, 7):
            cut = inputs._csv_lines._quoted_breaks(path, blank_first, chunk)
            assert cut is None if whole is None else cut is not None and cut.equals(whole)


# --- row checks -------------------------------------------------------------------------------

ISO = "an ISO 8601 date YYYY-MM-DD, e.g. 2023-01-27"
OUTSIDE, JUDGED = "is outside the days sojourn judges", "a date from 1900-01-01 to 2999-12-31"
DAY_NUMBER = ("is a number, not a date: a spreadsheet's day number? Save the column formatted "
              "as year-month-day dates")
CODE = "an ISO 3166-1 alpha-2 country code"


@pytest.mark.parametrize(("cells", "field", "value", "reason", "expected"), [
    (" ,KZ,2023-01-01,,", "person_id", None, "is empty", "a person_id"),
    ("p1,,2023-01-01,,", "country", None, "is empty", CODE),
    ("p1,XX,2023-01-01,,", "country", "XX", "is not a known country code", CODE),
    # Unicode upper-cases "ß" to "SS" (South Sudan) and "ﬁ" to "FI": no code is folded so
    ("p1,ß,2023-01-01,,", "country", "ß", "is not a known country code", CODE),
    ("p1,KZ,2023-01-01,,ﬁ", "citizenship", "ﬁ", "is not a known country code",
     CODE + " such as KZ, GE or AM, or empty"),
    ("p1,Kazakhstan,2023-01-01,,", "country", "Kazakhstan",
     "is not a known country code; did you mean KZ (Kazakhstan)?", CODE),
    ("p1,KZ,2023-01-01,,ZZ", "citizenship", "ZZ", "is not a known country code",
     CODE + " such as KZ, GE or AM, or empty"),
    # a dual citizen's passports in one cell: told as two codes, not as no code at all
    ("p1,KZ,2023-01-01,,\"RU,BY\"", "citizenship", "RU,BY", "is not a known country code; it "
     "holds 2 codes, RU (the Russian Federation) and BY (Belarus): give one",
     CODE + " such as KZ, GE or AM, or empty"),
    ("p1,KZ,,2023-01-02,", "entry", None, "is empty", ISO),
    ("p1,KZ,2023-1-5,,", "entry", "2023-1-5",
     "is not a date; did you mean 2023-01-05 (5 January)?", ISO),
    ("p1,KZ,27.01.2023,,", "entry", "27.01.2023",
     "is not a date; did you mean 2023-01-27 (27 January)?", ISO),
    ("p1,KZ,2023-02-30,,", "entry", "2023-02-30", "is not a calendar date", ISO),
    # a date column a spreadsheet saved as numbers: its day count, with or without a time
    ("p1,KZ,45000,,", "entry", "45000", DAY_NUMBER, ISO),
    ("p1,KZ,2023-01-01,45000.5,", "exit", "45000.5", DAY_NUMBER, ISO + ", or empty"),
    ("p1,KZ,20230105,,", "entry", "20230105", "is not a date", ISO),
    ("p1,KZ,2023-01-05T10:20:00Z,,", "entry", "2023-01-05T10:20:00Z",
     "is a date and time, not a date", ISO),
    ("p1,KZ,2023-01-05 00:00:00+05:00,,", "entry", "2023-01-05 00:00:00+05:00",
     "is a date and time, not a date", ISO),
    ("p1,KZ,2023-01-01,2023-01-06 23:59,", "exit", "2023-01-06 23:59",
     "is a date and time, not a date", ISO),
    ("p1,KZ,2023-02-30 00:00:00,,", "entry", "2023-02-30 00:00:00", "is not a calendar date",
     ISO),
    ("p1,KZ,2023-01-01,soon,", "exit", "soon", "is not a date", ISO + ", or empty"),
    ("p1,KZ,8999-01-01,,", "entry", "8999-01-01", OUTSIDE, JUDGED),
    ("p1,KZ,1899-12-31,1900-01-05,", "entry", "1899-12-31", OUTSIDE, JUDGED),
    ("p1,KZ,2023-01-01,3000-01-01,", "exit", "3000-01-01", OUTSIDE, JUDGED),
    (" p1,KZ, 3000-01-01 ,,", "entry", " 3000-01-01 ", OUTSIDE, JUDGED),  # the text path
    ("p1,KZ,2023-01-10,2023-01-09,", "exit", "2023-01-09", "is before entry 2023-01-10",
     "a date on or after 2023-01-10"),
])
def test_each_bad_cell_is_rejected_with_its_reason(
        tmp_path: Path, cells: str, field: str, value: str | None, reason: str,
        expected: str) -> None:
    result = read(tmp_path, "p0,KZ,2023-01-01,2023-01-02,", cells)
    bad = reject(result, 2)
    assert (bad["line"], bad["field"], bad["value"], bad["reason"]) == (3, field, value, reason)
    assert bad["expected"].startswith(expected)
    assert bad["record"] == cells.lstrip()  # person_id comes stripped from scan_input
    assert bad["other_problems"] is None  # the row has no other
    assert stays(result) == [(1, "p0", "KZ", D(2023, 1, 1), D(2023, 1, 2))]
    assert result.rows == 2 and len(result.rejects) == 1


def test_every_problem_of_a_row_is_in_its_reject(tmp_path: Path) -> None:
    # an analyst fixing the file sees at once all that is wrong with the row, not the first
    # thing only: the first in field to expected, as a row with one; the others, each as a
    # message words it (field, value, reason and its hint, accepted form), in other_problems
    result = read(tmp_path, "p0,KZ,2023-01-01,2023-01-02,", "p1,Kazakhstan,02.12.2022,"
                  "24.09.2022,RUS")
    bad = reject(result, 2)
    assert (bad["line"], bad["field"], bad["value"], bad["reason"]) == (
        3, "country", "Kazakhstan", "is not a known country code; did you mean KZ "
        "(Kazakhstan)?")
    assert bad["expected"] == CODE + " such as KZ, GE or AM"
    assert bad["other_problems"].split(" | ") == [
        "field 'citizenship': 'RUS' is not a known country code; did you mean RU (Russian "
        f"Federation)?; expected {CODE} such as KZ, GE or AM, or empty",
        "field 'entry': '02.12.2022' is not a date; did you mean 2022-12-02 (2 December) or "
        f"2022-02-12 (12 February)?; expected {ISO}",
        "field 'exit': '24.09.2022' is not a date; did you mean 2022-09-24 (24 September)?; "
        f"expected {ISO}, or empty while still there"]
    assert len(result.rejects) == 1  # still one reject a row


def test_a_rejects_other_problems_quote_their_values_as_messages_do(tmp_path: Path) -> None:
    # cut to 60 characters, and a value with a quote or a character that does not print
    # quoted as errors.shown quotes it, as in any other message
    long = "Republic of Kazakhstan, where the stay is " + "x" * 40
    result = read(tmp_path, "p0,KZ,2023-01-01,2023-01-02,",
                  f'p1,,2023-01-01,2023-01-02,"{long}"', "p2,,2023-01-01,2023-01-02,O'Z",
                  "p3,,2023-01-01,2023-01-02,K\tZ")
    assert [reject(result, row)["other_problems"].split(": ")[1].removesuffix(
        " is not a known country code; expected " + CODE + " such as KZ, GE or AM, or empty")
        for row in (2, 3, 4)] == [shown(long), shown("O'Z"), shown("K\tZ")]
    assert shown(long).endswith("...'") and shown("O'Z") == '"O\'Z"'


def test_a_row_cut_short_is_told_so_alone(tmp_path: Path) -> None:
    # the cells it lacks are read as empty: told as such, they would be problems it has not
    result = read(tmp_path, "p1,KZ,2023-01-01,2023-01-05", "p2,KZ", "p3,Kazakhstan",
                  header="person_id,country,entry,exit")
    for row in (2, 3):
        assert reject(result, row)["reason"].endswith(": no entry, exit")
        assert reject(result, row)["other_problems"] is None


def test_every_problem_of_an_event_is_in_its_reject(tmp_path: Path) -> None:
    result = read(tmp_path, "p0,2023-01-01,in,KZ", "p1,01.02.2023,up,KAZ",
                  header=EVENTS_HEADER)
    bad = reject(result, 2)
    assert (bad["field"], bad["value"]) == ("country", "KAZ")
    assert bad["other_problems"].split(" | ") == [
        "field 'date': '01.02.2023' is not a date; did you mean 2023-02-01 (1 February) or "
        f"2023-01-02 (2 January)?; expected {ISO}",
        "field 'direction': 'up' is not in or out; expected in or out (the crossing's "
        "direction)"]


@pytest.mark.parametrize(("cells", "field", "value", "reason", "expected"), [
    ("p1,,in,KZ", "date", None, "is empty", ISO),
    ("p1,2023-13-01,in,KZ", "date", "2023-13-01", "is not a calendar date", ISO),
    ("p1,9000-01-01,in,KZ", "date", "9000-01-01", OUTSIDE, JUDGED),
    ("p1,2023-01-01,,KZ", "direction", None, "is empty", "in or out"),
    ("p1,2023-01-01,up,KZ", "direction", "up", "is not in or out", "in or out"),
    ("p1,2023-01-01,in,XK1", "country", "XK1", "is not a known country code", CODE),
])
def test_each_bad_event_is_rejected_with_its_reason(
        tmp_path: Path, cells: str, field: str, value: str | None, reason: str,
        expected: str) -> None:
    # a good row first: a column with no good cell is refused with the file (_columns)
    result = read(tmp_path, "p0,2023-01-01,in,KZ", cells, header=EVENTS_HEADER)
    bad = reject(result, 2)
    assert (bad["line"], bad["field"], bad["value"], bad["reason"]) == (3, field, value, reason)
    assert bad["expected"].startswith(expected) and bad["record"] == cells


def test_cells_are_stripped_and_codes_folded(tmp_path: Path) -> None:
    result = read(tmp_path, " p1 , kz , 2023-01-01 ,\t2023-01-05 , ru ")
    assert result.rejects.is_empty()
    assert result.stays.row(0) == (1, 2, "p1", "KZ", D(2023, 1, 1), D(2023, 1, 5), "RU")
    events = read(tmp_path, "p1,2023-01-01, IN ,kz", "p1,2023-01-03,Out,KZ",
                  header=EVENTS_HEADER)
    assert stays(events) == [(1, "p1", "KZ", D(2023, 1, 1), D(2023, 1, 3))]


def test_cells_are_stripped_of_what_the_scalar_loader_strips(tmp_path: Path) -> None:
    # Python's str.strip(), which the scalar history loader applies to every cell, removes
    # the separators \x1c-\x1f and every other Unicode blank; Polars' default strip does not.
    python_blanks = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert python_blanks == inputs.BLANKS
    result = read(tmp_path, "\x1fp1\u3000,KZ\x1c,\x1e2023-01-01,2023-01-05\x1d,\xa0ru")
    assert result.rejects.is_empty()
    assert result.stays.row(0) == (1, 2, "p1", "KZ", D(2023, 1, 1), D(2023, 1, 5), "RU")


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_date_written_with_a_time_of_midnight_is_that_date(tmp_path: Path,
                                                            suffix: str) -> None:
    # as a database exports a date column as text; Parquet timestamps are read so already
    table = pl.DataFrame({"person_id": ["p1", "p2", "p3"], "country": ["KZ", "KG", "GE"],
                          "entry": ["2023-01-05 00:00:00", "2023-01-05T00:00", " 2023-01-05"
                                    "T00:00:00.000 "],
                          "exit": ["2023-01-06T00:00:00", None, "2023-01-07 00:00"]})
    path = tmp_path / f"in{suffix}"
    table.write_csv(path) if suffix == ".csv" else table.write_parquet(path)
    result = read_input(path)
    assert result.rejects.is_empty()
    assert stays(result) == [(1, "p1", "KZ", D(2023, 1, 5), D(2023, 1, 6)),
                             (2, "p2", "KG", D(2023, 1, 5), None),
                             (3, "p3", "GE", D(2023, 1, 5), D(2023, 1, 7))]


def test_csv_dates_written_exactly_are_held_as_dates(tmp_path: Path) -> None:
    # A column whose every cell is exactly YYYY-MM-DD (or empty) is held as dates from the
    # read on (a quarter of the memory); one other cell keeps it text, for the checks to name.
    exact = ["p1,KZ,2023-01-01,2023-01-05,RU", "p2,KG,2023-02-01,,RU"]
    frame = inputs.collect_raw(scan_input(write(tmp_path, "\n".join([STAYS_HEADER, *exact]))))
    assert (frame.schema["entry"], frame.schema["exit"]) == (pl.Date, pl.Date)
    assert frame.get_column("exit").to_list() == [D(2023, 1, 5), None]
    for odd in (" 2023-02-01", "2023-2-1", "2023-02-30", ""):
        lines = [exact[0], f'p2,KG,"{odd}",,RU']
        frame = inputs.collect_raw(scan_input(write(tmp_path, "\n".join([STAYS_HEADER, *lines]))))
        assert (frame.schema["entry"], frame.schema["exit"]) == (pl.String, pl.Date), odd
    events = inputs.collect_raw(scan_input(write(
        tmp_path, f"{EVENTS_HEADER}\np1,2023-01-01,in,KZ\np1,2023-01-03,out,KZ")))
    assert events.schema["date"] == pl.Date


@pytest.mark.parametrize("header", [STAYS_HEADER, EVENTS_HEADER])
def test_a_header_without_rows_is_an_empty_input(tmp_path: Path, header: str) -> None:
    result = read_input(write(tmp_path, header + "\n"))
    assert result.stays.is_empty() and result.rejects.is_empty() and result.rows == 0


REFUSED = ("no {field} of {rows} is one this field takes: the column is written in another "
           "form, and the file is refused, no row of it read; expected {expected}")


@pytest.mark.parametrize(("header", "rows", "where", "field", "said", "expected"), [
    # Excel's day-first dates; a blank line is no row, the rows after it still count
    (STAYS_HEADER, ["p1,KZ,24.09.2022,,RU", "", "p2,KG,01/10/2022,05/10/2022,RU"], "line 2",
     "entry", "'24.09.2022' is not a date; did you mean 2022-09-24 (24 September)?", ISO),
    (STAYS_HEADER, ["p1,KZ,44927,44950,RU"], "line 2", "entry", f"'44927' {DAY_NUMBER}", ISO),
    # a time of day on every row, where one at midnight would be read
    (STAYS_HEADER, ["p1,KZ,2022-09-24T10:20:00Z,,RU", "p2,KZ,2022-09-25 00:00:01,,RU"],
     "line 2", "entry", "'2022-09-24T10:20:00Z' is a date and time, not a date", ISO),
    # dates right, exits not: every exit is checked, empty ones being right
    (STAYS_HEADER, ["p1,KZ,2022-09-24,24.10.2022,RU", "p2,KZ,2022-09-25,25.10.2022,RU"],
     "line 2", "exit", "'24.10.2022' is not a date; did you mean 2022-10-24 (24 October)?",
     ISO + ", or empty while still there"),
    # countries by their three-letter codes, or by name, with the code to give instead
    (STAYS_HEADER, ["p1,KAZ,2022-09-24,,RUS", "p2,KGZ,2022-09-25,,RUS"], "line 2", "country",
     "'KAZ' is not a known country code; did you mean KZ (Kazakhstan)?", COUNTRY_FORM),
    (STAYS_HEADER, ["p1,KZ,2022-09-24,,Russia"], "line 2", "citizenship",
     "'Russia' is not a known country code; did you mean RU (Russian Federation)?",
     COUNTRY_FORM + ", or empty"),
    (STAYS_HEADER, [",KZ,2022-09-24,,RU", " ,KZ,2022-09-25,,RU"], "line 2", "person_id",
     "is empty", "a person_id naming whose row this is"),
    (EVENTS_HEADER, ["p1,2022-09-24,arrival,KZ", "p1,2022-09-30,departure,KZ"], "line 2",
     "direction", "'arrival' is not in or out", "in or out (the crossing's direction)"),
])
def test_a_column_with_no_cell_its_field_takes_refuses_the_file(
        tmp_path: Path, header: str, rows: list[str], where: str, field: str, said: str,
        expected: str) -> None:
    # every row would be rejected, and a run with nothing judged exit 0: a scheduled run
    # would take a log exported in another form for a good one
    path = write(tmp_path, "\n".join([header, *rows]) + "\n")
    with pytest.raises(InputError) as exc:
        scan_input(path)
    lines = sum(1 for r in rows if r)
    told = REFUSED.format(field=field, rows="its only row" if lines == 1 else
                          f"the first {lines} rows", expected=expected)
    assert problem_text(exc) == f"{path}, {where}, field '{field}': {said}; {told}"


def test_a_parquet_column_with_no_cell_its_field_takes_is_refused_at_its_first_row(
        tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    pl.DataFrame({"person_id": [None, "p1", "p2"], "country": ["KZ"] * 3,
                  "entry": [dt.datetime(2023, 1, 1, 9), None, dt.datetime(2023, 1, 2, 9)],
                  "exit": [None] * 3}).write_parquet(path)
    with pytest.raises(InputError) as exc:
        scan_input(path)
    # the first row is a row (a Parquet file has no blank lines), even with no person_id
    assert problem_text(exc).startswith(
        f"{path}, field 'entry': '2023-01-01 09:00:00.000000' (row 1) is a date and time, not a "
        "date; no entry of the first 3 rows is one this field takes")


def test_a_column_with_one_good_cell_in_the_first_rows_is_read_row_by_row(
        tmp_path: Path) -> None:
    from sojourn.batch.inputs import _columns

    bad = [f"p{i},KZ,{i % 28 + 1:02}.01.2023,,RU" for i in range(_columns.HEAD_ROWS - 2)]
    # the good cell the last of the rows judged, past a blank line (a row of Polars' not
    # judged, and no row of the input)
    text = "\n".join([STAYS_HEADER, *bad, "", "q,KZ,2023-01-01,,RU"]) + "\n"
    result = read_input(write(tmp_path, text))
    assert stays(result) == [(_columns.HEAD_ROWS, "q", "KZ", D(2023, 1, 1), None)]
    assert result.rejects.height == _columns.HEAD_ROWS - 2
    # one more bad row first, and that good cell is past the rows judged
    with pytest.raises(InputError, match="no entry of the first 999 rows"):
        read_input(write(tmp_path, text.replace("\n", "\np,KZ,01.01.2023,,RU\n", 1)))


def test_a_long_bad_value_is_cut_to_sixty_characters(tmp_path: Path) -> None:
    result = read(tmp_path, "p0,KZ,2023-01-01,,", f"p1,{'X' * 100},2023-01-01,,")
    value = reject(result, 2)["value"]
    assert len(value) == 60 and value.endswith("...")


def test_other_rows_of_a_rejected_person_are_not_evaluated(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,KZ,2023-01-01,2023-01-05,", "p2,KZ,2023-01-01,,",
                  "p1,KZ,2023-03-01,bad,", "p1,GE,2023-04-01,,")
    assert stays(result) == [(2, "p2", "KZ", D(2023, 1, 1), None)]
    assert reject(result, 3)["field"] == "exit"
    for row in (1, 4):
        other = reject(result, row)
        assert other["field"] is None and other["value"] is None
        assert other["reason"] == "not evaluated: row 3 of this person was rejected"
        assert other["line"] == row + 1
    assert result.rejects.get_column("row").to_list() == [1, 3, 4]


# --- per-person checks ------------------------------------------------------------------------

def test_overlapping_stays_in_one_country_are_merged(tmp_path: Path) -> None:
    result = read(tmp_path,
                  "p1,KZ,2023-01-10,2023-01-20,",  # 1: merged into the stay of row 2's line...
                  "p1,KZ,2023-01-01,2023-01-15,",  # 2: ...which starts first
                  "p1,KZ,2023-01-18,2023-01-25,",  # 3: overlaps the merged stay too
                  "p1,KZ,2023-01-25,2023-02-01,",  # 4: starts on the exit day: not merged
                  "p1,GE,2023-02-01,,")            # 5: a crossing day shared with row 4
    assert stays(result) == [(1, "p1", "KZ", D(2023, 1, 1), D(2023, 1, 25)),
                             (4, "p1", "KZ", D(2023, 1, 25), D(2023, 2, 1)),
                             (5, "p1", "GE", D(2023, 2, 1), None)]
    assert result.stays.get_column("line").to_list() == [2, 5, 6]
    assert result.merged == 2 and result.rejects.is_empty()


def test_an_open_stay_absorbs_an_overlapping_one(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,KZ,2023-01-01,,", "p1,KZ,2023-02-01,2023-03-01,")
    assert stays(result) == [(1, "p1", "KZ", D(2023, 1, 1), None)] and result.merged == 1


def test_two_countries_at_once_is_rejected(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,KZ,2023-01-01,2023-01-10,", "p1,GE,2023-01-09,2023-01-12,")
    assert result.stays.is_empty()
    bad = reject(result, 2)
    assert (bad["line"], bad["field"], bad["value"]) == (3, "entry", "2023-01-09")
    assert bad["reason"] == ("starts a stay in GE while the stay in KZ from row 1 runs until "
                             "2023-01-10")
    assert bad["expected"].startswith("an entry on or after 2023-01-10, or an exit on or "
                                      "before 2023-01-09 at row 1")
    assert reject(result, 1)["reason"] == "not evaluated: row 2 of this person was rejected"


def test_merges_of_a_rejected_person_are_not_counted(tmp_path: Path) -> None:
    result = read(tmp_path, "a,KZ,2023-01-01,2023-01-02,", "a,KZ,2023-01-01,2023-01-03,",
                  "a,GE,2023-01-01,2023-01-02,")
    assert result.merged == 0 and len(result.rejects) == 3


def test_a_merged_stay_s_exit_is_told_at_the_row_that_gives_it(tmp_path: Path) -> None:
    # rows 1 and 2 merge into one stay in KZ whose exit is row 2's, empty: the open stay and
    # the stay in GE that runs into it are told at row 2, as build_history tells the trip,
    # not at row 1, whose exit is given
    result = read(tmp_path, "p1,KZ,2023-01-01,2023-03-01,", "p1,KZ,2023-02-01,,",
                  "p1,GE,2023-04-01,,")
    open_stay = reject(result, 2)
    assert (open_stay["line"], open_stay["field"]) == (3, "exit")
    assert open_stay["reason"] == ("is empty, and so is the exit of this person's later stay "
                                   "in GE at row 3")
    assert reject(result, 3)["reason"].startswith("starts a stay in GE while the stay in KZ "
                                                  "from row 2 has no exit")
    assert reject(result, 1)["reason"] == "not evaluated: row 2 of this person was rejected"


def test_a_stay_inside_an_open_one_elsewhere_is_rejected(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,GE,2023-03-01,2023-03-05,", "p1,KZ,2023-01-01,,")
    assert reject(result, 1)["reason"] == ("starts a stay in GE while the stay in KZ from row 2 "
                                           "has no exit (still there), so it would run past "
                                           "this entry")


def test_more_than_one_open_stay_is_rejected(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,KZ,2023-01-01,,", "p1,GE,2023-03-01,,")
    first = reject(result, 1)
    assert (first["field"], first["value"]) == ("exit", None)
    assert first["reason"] == ("is empty, and so is the exit of this person's later stay in GE "
                               "at row 2")
    assert reject(result, 2)["field"] == "entry"  # and the later one overlaps the first


def test_conflicting_citizenships_are_rejected(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,KZ,2023-01-01,2023-01-02,", "p1,KZ,2023-02-01,2023-02-02,RU",
                  "p1,KZ,2023-03-01,2023-03-02,us", "p2,KZ,2023-01-01,,")
    bad = reject(result, 3)
    assert (bad["field"], bad["value"]) == ("citizenship", "US")
    assert bad["reason"] == "differs from the citizenship RU given at row 2 of this person"
    assert reject(result, 1)["reason"].startswith("not evaluated: row 3")
    assert stays(result) == [(4, "p2", "KZ", D(2023, 1, 1), None)]


def test_a_citizenship_given_once_holds_for_every_stay(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,KZ,2023-01-01,2023-01-02,", "p1,GE,2023-02-01,,ru",
                  "p2,KZ,2023-01-01,,")
    assert result.stays.get_column("citizenship").to_list() == ["RU", "RU", None]


NO_CITIZENSHIP = "no citizenship for this person: the pack's rules depend on it"


@pytest.mark.parametrize(("header", "lines", "records"), [
    # Overlapping stays in one country, which would be merged into one.
    (STAYS_HEADER, ["a,KZ,2023-03-01,2023-03-20,", "a,KZ,2023-03-10,2023-03-25,",
                    "b,KZ,2023-03-01,,ru"],
     ["a,KZ,2023-03-01,2023-03-20,", "a,KZ,2023-03-10,2023-03-25,"]),
    # Events, which would be paired into one stay.
    (EVENTS_HEADER + ",citizenship",
     ["a,2023-03-01,in,KZ,", "a,2023-03-20,out,KZ,", "b,2023-03-01,in,KZ,ru"],
     ["a,2023-03-01,in,KZ,", "a,2023-03-20,out,KZ,"]),
])
def test_a_person_without_citizenship_is_rejected_row_by_row_as_given(
        tmp_path: Path, header: str, lines: list[str], records: list[str]) -> None:
    raw = inputs.scan_input(write(tmp_path, "\n".join([header, *lines]) + "\n"))
    frame = inputs.collect_raw(raw)
    needed = normalize(frame, raw.form, "x", needs_citizenship=True)
    # Every input row of the person, each as it was given, before any merge or pairing.
    assert needed.rejects.select("row", "field", "reason", "record").rows() == [
        (i + 1, "citizenship", NO_CITIZENSHIP, record) for i, record in enumerate(records)]
    assert (needed.merged, needed.rows) == (0, 3)
    assert needed.stays["person_id"].to_list() == ["b"] * (needed.stays.height)
    # Not needed (an ad-hoc rule): evaluated without one; or given a default.
    assert normalize(frame, raw.form, "x").rejects.is_empty()
    filled = normalize(frame, raw.form, "x", citizenship="UZ", needs_citizenship=True)
    assert filled.rejects.is_empty()
    assert filled.stays.select("person_id", "citizenship").unique().sort("person_id").rows() == [
        ("a", "UZ"), ("b", "RU")]


@pytest.mark.parametrize(("header", "lines", "reasons"), [
    (STAYS_HEADER, ["a,KZ,2023-01-01,2023-01-20,", "a,KG,2023-01-10,2023-01-15,"],
     ["not evaluated: row 2 of this person was rejected",
      "starts a stay in KG while the stay in KZ from row 1 runs until 2023-01-20"]),
    (EVENTS_HEADER, ["a,2023-01-01,in,KZ", "a,2023-01-05,in,KZ", "a,2023-01-09,out,KZ"],
     ["is an entry to KZ on 2023-01-01 followed by another entry on 2023-01-05 (row 2) with "
      "no exit between; a missing exit is not guessed",
      "not evaluated: row 1 of this person was rejected",
      "not evaluated: row 1 of this person was rejected"]),
])
def test_a_history_s_own_problem_is_told_before_a_missing_citizenship(
        tmp_path: Path, header: str, lines: list[str], reasons: list[str]) -> None:
    # A citizenship would not cure these rows: what is wrong with them comes first.
    raw = inputs.scan_input(write(tmp_path, "\n".join([header, *lines]) + "\n"))
    result = normalize(inputs.collect_raw(raw), raw.form, "x", needs_citizenship=True)
    assert result.rejects["reason"].to_list() == reasons
    assert (result.merged, result.stays.height) == (0, 0)


def test_stays_are_sorted_by_person_entry_and_row(tmp_path: Path) -> None:
    result = read(tmp_path, "b,KZ,2023-01-05,2023-01-05,", "a,GE,2023-01-03,,",
                  "b,GE,2023-01-05,2023-01-09,", "b,AM,2023-01-01,2023-01-05,",
                  "a,KZ,2023-01-01,2023-01-03,")
    assert result.stays.select("person_id", "row").rows() == [
        ("a", 5), ("a", 2), ("b", 4), ("b", 1), ("b", 3)]
    assert result.stays.schema == frames.STAYS and result.rejects.schema == frames.REJECTS


# --- crossing events --------------------------------------------------------------------------

def test_events_pair_into_stays_including_a_same_day_border_run(tmp_path: Path) -> None:
    result = read(tmp_path,
                  "p1,2023-01-01,in,KZ",
                  "p1,2023-03-01,out,KZ",   # a border run: out and back in on one day
                  "p1,2023-03-01,in,KZ",
                  "p1,2023-04-01,out,KZ",
                  "p1,2023-04-01,in,GE",    # still there
                  "p2,2023-05-01,in,KZ",
                  "p2,2023-05-01,out,KZ",   # a day trip
                  header=EVENTS_HEADER)
    assert stays(result) == [(1, "p1", "KZ", D(2023, 1, 1), D(2023, 3, 1)),
                             (3, "p1", "KZ", D(2023, 3, 1), D(2023, 4, 1)),
                             (5, "p1", "GE", D(2023, 4, 1), None),
                             (6, "p2", "KZ", D(2023, 5, 1), D(2023, 5, 1))]
    assert result.stays.get_column("line").to_list() == [2, 4, 6, 7]
    assert result.rows == 7 and result.merged == 0 and result.rejects.is_empty()


@pytest.mark.parametrize("order", [(0, 1, 2, 3, 4), (0, 2, 1, 4, 3), (4, 3, 2, 1, 0)])
def test_events_of_one_day_pair_whatever_their_rows_order(tmp_path: Path,
                                                          order: tuple[int, ...]) -> None:
    # A log sorted by date and direction lists a border run's in before its out: the person
    # was in KZ, so on 1 March they left first. A day's visit to GE, with nothing before it,
    # began with the in, whichever row comes first.
    rows = ["p1,2023-01-01,in,KZ", "p1,2023-03-01,out,KZ", "p1,2023-03-01,in,KZ",
            "p2,2023-05-01,in,GE", "p2,2023-05-01,out,GE"]
    result = read(tmp_path, *(rows[i] for i in order), header=EVENTS_HEADER)
    assert result.rejects.is_empty()
    assert [s[1:] for s in stays(result)] == [("p1", "KZ", D(2023, 1, 1), D(2023, 3, 1)),
                                              ("p1", "KZ", D(2023, 3, 1), None),
                                              ("p2", "GE", D(2023, 5, 1), D(2023, 5, 1))]


def test_out_back_in_and_out_again_on_one_day_pairs_in_any_order(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,2023-01-01,in,KZ", "p1,2023-03-01,in,KZ",
                  "p1,2023-03-01,out,KZ", "p1,2023-03-01,out,KZ", header=EVENTS_HEADER)
    assert result.rejects.is_empty()
    assert [s[1:] for s in stays(result)] == [("p1", "KZ", D(2023, 1, 1), D(2023, 3, 1)),
                                              ("p1", "KZ", D(2023, 3, 1), D(2023, 3, 1))]


def test_a_day_whose_events_cannot_alternate_is_still_refused(tmp_path: Path) -> None:
    # in KZ already; two ins and no out on 1 March: one entry is missing its exit
    result = read(tmp_path, "p1,2023-01-01,in,KZ", "p1,2023-03-01,in,KZ",
                  "p1,2023-03-01,in,KZ", header=EVENTS_HEADER)
    assert result.stays.is_empty()
    assert "followed by another entry" in reject(result, 1)["reason"]


def test_stays_from_events_starting_on_one_day_go_by_row(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,2023-01-01,in,GE", "p1,2023-01-01,out,GE",  # a transit day
                  "p1,2023-01-01,in,AM", "p1,2023-01-05,out,AM", header=EVENTS_HEADER)
    assert stays(result) == [(1, "p1", "GE", D(2023, 1, 1), D(2023, 1, 1)),
                             (3, "p1", "AM", D(2023, 1, 1), D(2023, 1, 5))]


def test_events_in_any_row_order_pair_by_date(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,2023-02-01,out,KZ", "p1,2023-01-01,in,KZ",
                  header=EVENTS_HEADER)
    assert stays(result) == [(2, "p1", "KZ", D(2023, 1, 1), D(2023, 2, 1))]


def test_an_exit_without_entry_is_not_guessed(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,2023-01-01,out,KZ", "p1,2023-02-01,in,GE",
                  header=EVENTS_HEADER)
    bad = reject(result, 1)
    assert (bad["line"], bad["field"], bad["value"]) == (2, "direction", "out")
    assert bad["reason"] == ("is an exit from KZ on 2023-01-01 with no entry before it; a "
                             "missing entry is not guessed")
    assert bad["expected"] == "an in row for KZ dated on or before 2023-01-01"
    assert reject(result, 2)["reason"].startswith("not evaluated: row 1")


@pytest.mark.parametrize("second", ["2023-01-20", "2023-02-01"])  # a repeated row, or not
def test_an_exit_after_another_exit_is_told_as_such(tmp_path: Path, second: str) -> None:
    # it has an entry before it, paired with the first exit: "no entry before it" is untrue
    result = read(tmp_path, "p1,2023-01-10,in,KZ", f"p1,{second},out,KZ", "p1,2023-01-20,out,KZ",
                  header=EVENTS_HEADER)
    later = 2 if second > "2023-01-20" else 3
    bad = reject(result, later)
    assert (bad["field"], bad["value"]) == ("direction", "out")
    assert bad["reason"] == (f"is an exit from KZ on {second} after another exit on 2023-01-20 "
                             f"(row {5 - later}) with no entry between; a missing entry is not "
                             "guessed")
    assert bad["expected"] == f"an in row for KZ dated from 2023-01-20 to {second}"
    assert result.stays.is_empty() and len(result.rejects) == 3


def test_an_entry_followed_by_another_entry_is_not_guessed(tmp_path: Path) -> None:
    result = read(tmp_path, "p1,2023-01-01,in,KZ", "p1,2023-01-05,in,KZ",
                  "p1,2023-01-09,out,KZ", header=EVENTS_HEADER)
    bad = reject(result, 1)
    assert (bad["field"], bad["value"]) == ("direction", "in")
    assert bad["reason"] == ("is an entry to KZ on 2023-01-01 followed by another entry on "
                             "2023-01-05 (row 2) with no exit between; a missing exit is not "
                             "guessed")
    assert result.stays.is_empty() and len(result.rejects) == 3


def test_stays_from_events_are_checked_like_stays(tmp_path: Path) -> None:
    overlap = read(tmp_path, "p1,2023-01-01,in,KZ", "p1,2023-01-10,out,KZ",
                   "p1,2023-01-05,in,GE", "p1,2023-01-20,out,GE", header=EVENTS_HEADER)
    bad = reject(overlap, 3)
    assert (bad["field"], bad["value"]) == ("date", "2023-01-05")
    assert bad["reason"].startswith("starts a stay in GE while the stay in KZ from row 1")
    both_open = read(tmp_path, "p1,2023-01-01,in,KZ", "p1,2023-03-01,in,GE",
                     header=EVENTS_HEADER)
    first = reject(both_open, 1)
    assert first["reason"] == ("is an entry to KZ with no exit after it, and so is the later "
                               "entry to GE at row 2")
    torn = read(tmp_path, "p1,2023-01-01,in,KZ,RU", "p1,2023-01-03,out,KZ,KG",
                header=EVENTS_HEADER + ",citizenship")
    assert reject(torn, 2)["reason"].startswith("differs from the citizenship RU")


def test_paired_stays_in_one_country_never_overlap(tmp_path: Path) -> None:
    # pairing takes each country's events in date order, so its stays can only touch
    result = read(tmp_path, "p1,2023-01-01,in,KZ", "p1,2023-01-10,out,KZ",
                  "p1,2023-01-10,in,KZ", "p1,2023-01-20,out,KZ", header=EVENTS_HEADER)
    assert result.merged == 0 and len(result.stays) == 2


# --- the computation's own shortcuts ----------------------------------------------------------

def test_rows_need_not_come_in_order(tmp_path: Path) -> None:
    raw = scan_input(write(tmp_path, "\n".join([
        STAYS_HEADER, "a,KZ,2023-01-01,2023-01-05,", "a,KZ,2023-01-02,2023-01-09,"]))
    ).frame.collect()
    forward = normalize(raw, "stays", "x")
    backward = normalize(raw.reverse(), "stays", "x")
    assert_frame_equal(forward.stays, backward.stays)


def test_normalize_refuses_a_frame_without_the_form_columns() -> None:
    with pytest.raises(InputError, match="direction"):
        normalize(pl.DataFrame({"row": [1], "line": [2], "person_id": ["a"], "country": ["KZ"],
                                "date": ["2023-01-01"]}), "events", "x")


def test_nothing_in_nothing_out() -> None:
    empty = pl.DataFrame(schema={"row": pl.Int64, "line": pl.Int64, "person_id": pl.String,
                                 "country": pl.String, "entry": pl.String, "exit": pl.String})
    result = normalize(empty, "stays", "x")
    assert result.stays.is_empty() and result.rejects.is_empty()
    assert result.stays.schema == frames.STAYS and result.rejects.schema == frames.REJECTS
    assert (result.rows, result.merged) == (0, 0)


# --- generated inputs -------------------------------------------------------------------------

PEOPLE = ["a", "b", "c", "d", " e", ""]
COUNTRIES = ["KZ", "GE", "AM", "kz", "XX", ""]
DAYS = [f"2023-01-{d:02d}" for d in range(1, 13)] + ["", "2023-02-30", "soon"]


def cell(values: Sequence[str], good: int) -> st.SearchStrategy[str]:
    """Mostly one of the first ``good`` values, sometimes any."""
    return st.one_of(st.sampled_from(values[:good]), st.sampled_from(values))


stay_row = st.tuples(cell(PEOPLE, 4), cell(COUNTRIES, 3), cell(DAYS, 12), cell(DAYS, 13),
                     st.sampled_from(["", "", "RU", "KG", "ru", "ZZ"]))
event_row = st.tuples(cell(PEOPLE, 4), cell(DAYS, 12),
                      st.sampled_from(["in", "out", "in", "out", "IN", "up"]),
                      cell(COUNTRIES, 3), st.sampled_from(["", "", "RU", "KG"]))


def frame(rows: Sequence[tuple[str, ...]], form: inputs.Form) -> pl.DataFrame:
    names = ([*inputs.REQUIRED[form], "citizenship"])
    table = pl.DataFrame(rows, schema=dict.fromkeys(names, pl.String), orient="row")
    return table.select(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("row"),
                        (pl.int_range(1, pl.len() + 1, dtype=pl.Int64) + 1).alias("line"),
                        pl.col("person_id").str.strip_chars(), pl.exclude("person_id"))


def behind(result: NormalizedInput, raw: pl.DataFrame, form: inputs.Form) -> int:
    """The input rows behind the stays: every row of the persons that have stays."""
    evaluated = raw.filter(pl.col("person_id").is_in(result.stays.get_column("person_id")
                                                      .unique().implode()))
    if form == "events":  # each stay has one in row; every out row was paired with one
        ins = evaluated.filter(pl.col("direction").str.strip_chars().str.to_lowercase() == "in")
        assert len(result.stays) + result.merged == len(ins)
    else:
        assert len(result.stays) + result.merged == len(evaluated)
    return len(evaluated)


@settings(PROFILE, max_examples=150)
@given(st.sampled_from(["stays", "events"]).flatmap(
    lambda form: st.tuples(st.just(form), st.lists(stay_row if form == "stays" else event_row,
                                                   max_size=25))))
def test_every_row_is_evaluated_or_rejected(case: tuple[inputs.Form, list[tuple[str, ...]]]
                                            ) -> None:
    form, rows = case
    raw = frame(rows, form)
    result = normalize(raw, form, "gen")
    rejected = result.rejects.get_column("row")
    assert rejected.is_unique().all()
    blank = sum(not "".join(cells).strip() for cells in rows)  # a blank row holds nothing
    assert result.rows == len(rows) - blank == behind(result, raw, form) + len(rejected)
    assert not set(result.stays.get_column("row")) & set(rejected)
    persons = set(result.stays.get_column("person_id"))
    assert not persons & set(result.rejects.get_column("person_id").drop_nulls())
    assert result.stays.equals(result.stays.sort("person_id", "entry", "row"))


@settings(PROFILE, max_examples=100)
@given(st.sampled_from(["stays", "events"]).flatmap(
    lambda form: st.tuples(st.just(form), st.lists(stay_row if form == "stays" else event_row,
                                                   max_size=30))),
       st.integers(2, 4))
def test_a_split_by_person_gives_the_same_result(case: tuple[inputs.Form, list[tuple[str, ...]]],
                                                 parts: int) -> None:
    form, rows = case
    raw = frame(rows, form)
    whole = normalize(raw, form, "gen")
    split = [normalize(raw.filter(pl.col("person_id").hash(3) % parts == i), form, "gen")
             for i in range(parts)]
    assert_frame_equal(pl.concat([s.stays for s in split]).sort("person_id", "entry", "row"),
                       whole.stays)
    assert_frame_equal(pl.concat([s.rejects for s in split]).sort("row"), whole.rejects)
    assert sum(s.rows for s in split) == whole.rows
    assert sum(s.merged for s in split) == whole.merged


valid_stay = st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["KZ", "GE", "AM"]),
                       st.integers(1, 20), st.one_of(st.none(), st.integers(0, 6)))


@settings(PROFILE, max_examples=200)
@given(st.lists(valid_stay, max_size=14))
def test_persons_are_judged_as_build_history_judges_them(
        made: list[tuple[str, str, int, int | None]]) -> None:
    rows = [(p, c, f"2023-01-{e:02d}", "" if n is None else f"2023-01-{e + n:02d}", "")
            for p, c, e, n in made]
    result = normalize(frame(rows, "stays"), "stays", "gen")
    for person in {p for p, *_ in made}:
        history = [Stay(c, D(2023, 1, e), None if n is None else D(2023, 1, e + n), f"row {i}")
                   for i, (p, c, e, n) in enumerate(made, 1) if p == person]
        mine = result.stays.filter(pl.col("person_id") == person)
        try:
            expected = build_history("gen", history)
        except InputError:
            assert mine.is_empty()
            assert result.rejects.filter(pl.col("person_id") == person).height == len(history)
            continue
        assert_same_stays(mine, expected.stays)
        assert len(expected.warnings) == len(history) - len(mine)


def assert_same_stays(mine: pl.DataFrame, expected: Sequence[Stay]) -> None:
    """The stays normalize kept for one person are the history loader's, in any order."""
    def key(s: tuple[str, D, D | None]) -> tuple[D, D, str]:
        return (s[1], s[2] or D.max, s[0])

    assert sorted(mine.select("country", "entry", "exit").rows(), key=key) == sorted(
        ((s.country, s.entry, s.exit) for s in expected), key=key)


def paired(events: list[tuple[int, int, str, str]]) -> list[Stay] | None:
    """One person's (row, day, direction, country) events paired into stays, the plain way;
    None when one cannot be paired. Per country, day by day: an in opens a stay, an out
    closes the open one; a day's events are taken out first when a stay is open, in first
    when none is, each kind in row order."""
    made = []
    for country in {c for *_, c in events}:
        opened: tuple[int, int] | None = None  # (day, row) of the in of the open stay
        for day in sorted({d for _, d, _, c in events if c == country}):
            ins = sorted(r for r, d, w, c in events if (c, d, w) == (country, day, "in"))
            outs = sorted(r for r, d, w, c in events if (c, d, w) == (country, day, "out"))
            while ins or outs:
                if opened is None:
                    if not ins:
                        return None  # an out with no in before it
                    opened = (day, ins.pop(0))
                else:
                    if not outs:
                        return None  # an in after an in
                    outs.pop(0)
                    made.append(Stay(country, D(2023, 1, opened[0]), D(2023, 1, day),
                                     f"row {opened[1]}"))
                    opened = None
        if opened is not None:
            made.append(Stay(country, D(2023, 1, opened[0]), None, f"row {opened[1]}"))
    return made


valid_event = st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(1, 12),
                        st.sampled_from(["in", "out"]), st.sampled_from(["KZ", "GE", "AM"]))


@settings(PROFILE, max_examples=200)
@given(st.lists(valid_event, max_size=14))
def test_events_are_paired_as_a_plain_reading_pairs_them(
        made: list[tuple[str, int, str, str]]) -> None:
    rows = [(p, f"2023-01-{d:02d}", w, c, "") for p, d, w, c in made]
    result = normalize(frame(rows, "events"), "events", "gen")
    assert result.stays.equals(result.stays.sort("person_id", "entry", "row"))
    for person in {p for p, *_ in made}:
        events = [(i, d, w, c) for i, (p, d, w, c) in enumerate(made, 1) if p == person]
        mine = result.stays.filter(pl.col("person_id") == person)
        history = paired(events)
        try:
            expected = None if history is None else build_history("gen", history)
        except InputError:
            expected = None
        if expected is None:
            assert mine.is_empty()
            assert result.rejects.filter(pl.col("person_id") == person).height == len(events)
            continue
        assert_same_stays(mine, expected.stays)


# --- the rejects' record --------------------------------------------------------------------

TRICKY_IDS = ["Ivanov, Ivan", 'P "5"', "two\nlines", "plain"]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("form", ["stays", "events"])
def test_a_rejected_record_reads_back_as_the_rows_cells(tmp_path: Path, suffix: str,
                                                        form: str) -> None:
    """The record is the row's cells written as a CSV line, so a cell holding a comma, a quote
    or a line break cannot be read as two cells (or merge with the next one)."""
    if form == "stays":
        columns = ["person_id", "country", "entry", "exit", "citizenship"]
        rows = [[pid, "KZ", "2023-01-10", "2023-01-01", "R,U"] for pid in TRICKY_IDS]
    else:
        columns = ["person_id", "date", "direction", "country", "citizenship"]
        rows = [[pid, "2023-01-10", "out", "KZ", 'R"U'] for pid in TRICKY_IDS]
    rows.insert(0, ["ok", *rows[0][1:-1], "RU"])  # a good cell in each column
    path = tmp_path / f"log{suffix}"
    if suffix == ".csv":
        with path.open("w", newline="") as handle:
            csv.writer(handle).writerows([columns, *rows])
    else:
        pl.DataFrame(rows, schema=columns, orient="row").write_parquet(path)
    result = read_input(path)
    records = dict(result.rejects.select("person_id", "record").iter_rows())
    for row in rows[1:]:
        assert next(csv.reader(io.StringIO(records[row[0]]))) == row


@pytest.mark.parametrize(("header", "cells", "field", "value", "reason"), [
    (STAYS_HEADER, "p1,KAZ,2023-01-01,,RU", "country", "KAZ",
     "is not a known country code; did you mean KZ (Kazakhstan)?"),
    (STAYS_HEADER, "p1, kazakhstan ,2023-01-01,,RU", "country", " kazakhstan ",
     "is not a known country code; did you mean KZ (Kazakhstan)?"),
    (STAYS_HEADER, "p1,KZ,2023-01-01,,Russia", "citizenship", "Russia",
     "is not a known country code; did you mean RU (Russian Federation)?"),
    (STAYS_HEADER, "p1,KZ,2023-01-01,,643", "citizenship", "643",
     "is not a known country code; did you mean RU (Russian Federation)?"),
    ("person_id,date,direction,country", "p1,2023-01-01,in,GEO", "country", "GEO",
     "is not a known country code; did you mean GE (Georgia)?"),
    # no country: no hint
    (STAYS_HEADER, "p1,XK1,2023-01-01,,RU", "country", "XK1", "is not a known country code"),
    (STAYS_HEADER, "p1,KZ,02.12.2022,,RU", "entry", "02.12.2022",
     "is not a date; did you mean 2022-12-02 (2 December) or 2022-02-12 (12 February)?"),
    (STAYS_HEADER, "p1,KZ,2022-12-01,31/12/2022,RU", "exit", "31/12/2022",
     "is not a date; did you mean 2022-12-31 (31 December)?"),
    (STAYS_HEADER, "p1,KZ,2 Dec 2022,,RU", "entry", "2 Dec 2022",
     "is not a date; did you mean 2022-12-02 (2 December)?"),
    ("person_id,date,direction,country", "p1,12/02/2022,in,KZ", "date", "12/02/2022",
     "is not a date; did you mean 2022-02-12 (12 February) or 2022-12-02 (2 December)?"),
    (STAYS_HEADER, "p1,KZ,2 декабря 2022 г.,,RU", "entry", "2 декабря 2022 г.",
     "is not a date; did you mean 2022-12-02 (2 December)?"),
    (STAYS_HEADER, "p1,KZ,2022-12-01,31.12.22,RU", "exit", "31.12.22",
     "is not a date; did you mean 2022-12-31 (31 December)?"),
    (STAYS_HEADER, "p1,KZ,декабрь 2022,,RU", "entry", "декабрь 2022",
     "is not a date; did you mean a day of December 2022, 2022-12-01 to 2022-12-31?"),
    (STAYS_HEADER, "p1,KZ,soon,,RU", "entry", "soon", "is not a date"),  # no date: no hint
])
def test_a_row_with_a_country_or_date_written_another_way_is_told_what_it_may_mean(
        tmp_path: Path, header: str, cells: str, field: str, value: str, reason: str) -> None:
    # as a column written so is told when it refuses the file; here another row is right
    good = "p0,KZ,2023-01-01,,RU" if header == STAYS_HEADER else "p0,2023-01-01,in,KZ"
    result = read(tmp_path, good, cells, cells.replace("p1", "p2"), header=header)
    for row in (2, 3):
        bad = reject(result, row)
        assert (bad["field"], bad["value"]) == (field, value)
        assert bad["reason"] == reason
