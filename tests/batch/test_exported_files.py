"""Crossing logs as other systems hand them over: a compressed export, a spreadsheet workbook, a
table written in parts, dates as numbers, another separator with quoted names. Each is refused
before it is read, saying what it is and what to give instead."""

from __future__ import annotations

import gzip
from pathlib import Path

import polars as pl
import pytest

from sojourn.batch.inputs import scan_input
from sojourn.errors import InputError
from sojourn.history.load import load_history

LOG = "person_id,country,entry,exit\n007,KZ,2023-01-05,2023-02-01\n"


@pytest.mark.parametrize(("name", "how", "command"), [
    ("log.csv.gz", "gzip", "gunzip -k log.csv.gz gives log.csv"),
    ("log.parquet.xz", "xz", "unxz -k log.parquet.xz gives log.parquet"),
    ("my log.CSV.bz2", "bzip2", "bunzip2 -k 'my log.CSV.bz2' gives 'my log.CSV'"),
])
def test_a_compressed_log_is_refused_saying_how_to_decompress_it(
        tmp_path: Path, name: str, how: str, command: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(LOG.encode()))
    with pytest.raises(InputError) as exc:
        scan_input(path)
    assert f"{path}: is compressed ({how}), and sojourn reads only files that are not; " \
           f"decompress it first ({command}) and name that file; expected a .csv or " \
           ".parquet/.pq file" in str(exc.value)


def test_a_compressed_history_is_refused_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "trips.csv.gz"
    path.write_bytes(gzip.compress(b"country,entry,exit\nKZ,2023-01-05,\n"))
    with pytest.raises(InputError, match=r"is compressed \(gzip\).*\(gunzip -k trips.csv.gz "
                                         r"gives trips.csv\)"):
        load_history(path)


def test_another_double_ending_is_still_told_by_its_type(tmp_path: Path) -> None:
    path = tmp_path / "log.txt.gz"  # no file sojourn reads is inside
    path.write_bytes(gzip.compress(LOG.encode()))
    with pytest.raises(InputError, match=r"'\.gz' is not a batch input type"):
        scan_input(path)


@pytest.mark.parametrize("name", ["log.xlsx", "log.XLS", "log.ods"])
def test_a_spreadsheet_workbook_is_refused_saying_to_save_it_as_csv(tmp_path: Path,
                                                                   name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04")  # a workbook is a zip archive
    with pytest.raises(InputError) as exc:
        scan_input(path)
    assert f"{path}: '{path.suffix}' names a spreadsheet workbook, which sojourn does not " \
           "read; save its sheet as CSV UTF-8 (comma delimited), and name that file; " \
           "expected a .csv or .parquet/.pq file" in str(exc.value)
    with pytest.raises(InputError, match="names a spreadsheet workbook"):
        load_history(path)


@pytest.mark.parametrize("name", ["parts", "log.parquet"])  # Spark names the directory so
def test_a_table_written_in_parts_is_refused_as_such(tmp_path: Path, name: str) -> None:
    parts = tmp_path / name
    parts.mkdir()
    frame = pl.read_csv(LOG.encode(), schema_overrides={"person_id": pl.String})
    for i in range(3):
        frame.write_parquet(parts / f"part-{i}.parquet")
    (parts / "_SUCCESS").touch()
    with pytest.raises(InputError) as exc:
        scan_input(parts)
    assert f"{parts}: is a directory of 3 .parquet files, as a table written in parts is, not " \
           "a file; sojourn reads one file: join the parts into one first" in str(exc.value)


def test_a_directory_of_other_files_is_told_as_a_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").touch()
    with pytest.raises(InputError, match="is a directory, not a regular file; expected"):
        scan_input(tmp_path)



@pytest.mark.parametrize("dtype", [pl.Float64, pl.Int64])
def test_parquet_dates_held_as_numbers_are_told_what_they_may_be(tmp_path: Path,
                                                                 dtype: pl.DataType) -> None:
    path = tmp_path / "log.parquet"
    pl.DataFrame({"person_id": ["007"], "country": ["KZ"], "entry": [44931], "exit": [None]},
                 schema_overrides={"entry": dtype, "exit": dtype}).write_parquet(path)
    with pytest.raises(InputError) as exc:
        scan_input(path)
    assert str(exc.value) == (
        f"{path}, field 'entry': '{dtype}' is not a type this column can hold: numbers, not "
        "dates (a spreadsheet's day numbers, 44931 for 2023-01-05, or seconds since 1970?); "
        "write the column as dates; expected a column of dates, or of ISO date text")


@pytest.mark.parametrize(("separator", "named"), [(";", "semicolons (';')"), ("\t", "tabs")])
def test_another_separator_is_told_when_every_name_is_quoted(tmp_path: Path, separator: str,
                                                             named: str) -> None:
    # LibreOffice, 1C and others quote every cell: the header was said to lack the very
    # columns it names
    path = tmp_path / "log.csv"
    path.write_bytes(separator.join(f'"{n}"' for n in ("person_id", "country", "entry", "exit"))
                     .encode() + b'\r\n"007";"KZ";"2023-01-05";""\r\n')
    with pytest.raises(InputError) as exc:
        scan_input(path)
    assert f"separates its cells with {named}, not commas" in str(exc.value)
