"""`--max-rejects` of `batch` and `flows`: a scheduled run whose log went bad fails, writes its
rejects, and leaves the last good run's other outputs in place."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from cli_lines import outcome as run

ROOT = Path(__file__).resolve().parents[2]
STAYS = str(ROOT / "examples" / "crossings.csv")  # 23 rows, 4 of them rejected
FORM = ("expected a number of rows from 0 (none may be rejected), e.g. 100, or a share of the "
        "rows read from 0% to 100%, e.g. 0.5%")


def batch(out: Path, *extra: str, log: str = STAYS) -> tuple[int, str, str]:
    return run("batch", log, "--country", "KZ", "--on", "2023-03-01", "--out", str(out), *extra)


def flows(out: Path, *extra: str, log: str = STAYS) -> tuple[int, str, str]:
    return run("flows", log, "--from", "2022-12-18", "--to", "2023-01-31", "--out", str(out),
               *extra)


def test_a_run_over_the_limit_writes_its_rejects_and_keeps_last_nights_outputs(
        tmp_path: Path) -> None:
    out, runs = tmp_path / "persons.parquet", tmp_path / "runs.csv"
    out.write_bytes(b"last night's persons")
    runs.write_text("last night's runs\n")
    code, stdout, err = batch(out, "--violations-out", str(runs), "--max-rejects", "3")
    assert code == 2
    assert err == (f"error: {STAYS}: 4 of 23 rows rejected (17.4%), more than --max-rejects 3 "
                   f"allows; the rejects are in {tmp_path / 'persons.rejects.parquet'}, and "
                   f"{out} and {runs} were not written (any earlier one is kept)\n")
    assert out.read_bytes() == b"last night's persons"
    assert runs.read_text() == "last night's runs\n"
    rejects = pl.read_parquet(tmp_path / "persons.rejects.parquet")
    assert sorted(set(rejects["person_id"])) == ["P009", "P010", "P011"]
    # the summary is printed as ever, saying what was not written
    lines = stdout.splitlines()
    assert ("  persons                    9  not written: too many rows rejected "
            "(--max-rejects); 3 more with every row rejected") in lines
    assert "  with violations            2  past, current or planned: 2 runs" in lines
    assert "  rows rejected              4  -> " + str(tmp_path / "persons.rejects.parquet") \
        in lines
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "persons.parquet", "persons.rejects.parquet", "runs.csv"]


@pytest.mark.parametrize(("limit", "code"), [
    ("4", 0), ("3", 2), ("0", 2), ("17.4%", 0), ("17.39%", 2), ("0%", 2), ("100%", 0),
    (" 004 ", 0), ("1000000000000000000000000", 0)])
def test_the_limit_is_a_count_or_a_share_of_the_rows_read(tmp_path: Path, limit: str,
                                                          code: int) -> None:
    out = tmp_path / "persons.csv"
    got, _, err = batch(out, "--max-rejects", limit)
    assert got == code, err
    assert out.exists() == (code == 0)
    assert (tmp_path / "persons.rejects.csv").exists()


def test_a_share_is_judged_exactly(tmp_path: Path) -> None:
    # 29% of 100 rows is 29 rows; in floating point, 0.29 * 100 is 28.999999999999996
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\n" + "".join(
        f"P{i:03},KZ,2023-01-05,{'2023-01-01' if i < 29 else '2023-01-20'}\n"
        for i in range(100)))
    code, stdout, err = batch(tmp_path / "p.csv", "--citizenship", "RU", "--json",
                              "--max-rejects", "29%", log=str(log))
    assert code == 0, err
    assert json.loads(stdout)["rows_rejected"] == 29
    code, _, err = batch(tmp_path / "p.csv", "--citizenship", "RU", "--max-rejects", "28.99%",
                         log=str(log))
    assert code == 2 and "29 of 100 rows rejected (29.0%)" in err


def test_a_share_is_shown_with_the_places_that_tell_it_from_the_limit(tmp_path: Path) -> None:
    # 1 of 23 rows is 4.35%: shown as 4.3%, it would seem within a limit of 4.3%
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\n" + "".join(
        f"P{i:02},KZ,2023-01-05,{'2023-01-01' if i == 0 else '2023-01-20'}\n"
        for i in range(23)))
    code, _, err = batch(tmp_path / "p.csv", "--citizenship", "RU", "--max-rejects", "4.3%",
                         log=str(log))
    assert code == 2 and "1 of 23 rows rejected (4.35%), more than" in err, err


def test_a_log_without_rejects_passes_a_limit_of_none(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\nA,KZ,2023-01-01,2023-02-01\n")
    code, _, err = batch(tmp_path / "p.parquet", "--citizenship", "RU", "--max-rejects", "0",
                         log=str(log))
    assert code == 0, err
    empty = tmp_path / "empty.csv"
    empty.write_text("person_id,country,entry,exit\n")  # no row, none rejected: 0 of 0
    code, _, err = flows(tmp_path / "f.csv", "--max-rejects", "0%", log=str(empty))
    assert code == 0, err


def test_json_says_the_limit_and_names_only_the_outputs_written(tmp_path: Path) -> None:
    code, stdout, err = batch(tmp_path / "p.parquet", "--json", "--max-rejects", "4")
    assert code == 0 and err == ""
    summary = json.loads(stdout)
    assert (summary["max_rejects"], summary["over_max_rejects"], summary["out"]) == (
        "4", False, str(tmp_path / "p.parquet"))
    out, plot = tmp_path / "f.parquet", tmp_path / "f.png"
    code, stdout, err = flows(out, "--plot", str(plot), "--json", "--max-rejects", "10%")
    assert code == 2 and err.startswith(f"error: {STAYS}: 4 of 23 rows rejected (17.4%), more "
                                        "than --max-rejects 10% allows; the rejects are in ")
    summary = json.loads(stdout)  # the summary still, for the script that reads it
    assert (summary["rows_rejected"], summary["max_rejects"], summary["over_max_rejects"]) == (
        4, "10%", True)
    assert (summary["out"], summary["plot"]) == (None, None)
    assert summary["rejects_out"] == str(tmp_path / "f.rejects.parquet")
    assert not out.exists() and not plot.exists()
    assert pl.read_parquet(tmp_path / "f.rejects.parquet").height == 4
    code, stdout, _ = batch(tmp_path / "q.parquet", "--json")
    assert (json.loads(stdout)["max_rejects"], json.loads(stdout)["over_max_rejects"]) == (
        None, False)


def test_flows_over_the_limit_says_its_table_was_not_written(tmp_path: Path) -> None:
    code, stdout, _ = flows(tmp_path / "f.csv", "--max-rejects", "0")
    assert code == 2
    assert stdout.splitlines()[0] == ("270 rows (6 countries x 45 days) not written: too many "
                                      "rows rejected (--max-rejects)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.rejects.csv"]


@pytest.mark.parametrize("command", ["batch", "flows"])
@pytest.mark.parametrize(("value", "words"), [
    ("-1", "is negative"), ("-0.5%", "is negative"), ("150%", "is more than 100%"),
    ("abc", "is not a number of rows or a share of them"),
    ("", "is not a number of rows or a share of them"),
    ("5 %", "is not a number of rows or a share of them"),
    ("1e3", "is not a number of rows or a share of them"),
    ("1.5", "is not a whole number of rows (a share of them ends in %)")])
def test_a_bad_limit_is_refused_before_any_work(tmp_path: Path, command: str, value: str,
                                                words: str) -> None:
    code, stdout, err = (batch if command == "batch" else flows)(
        tmp_path / "out.csv", "--max-rejects", value)
    assert code == 2 and stdout == ""
    assert err == f"error: --max-rejects: {value!r} {words}; {FORM}\n"
    assert list(tmp_path.iterdir()) == []


def test_the_dask_engine_judges_the_limit_as_the_polars_engine(tmp_path: Path) -> None:
    code, _, _ = batch(tmp_path / "persons.parquet")
    assert code == 0
    rejects = pl.read_parquet(tmp_path / "persons.rejects.parquet")
    dask_dir = tmp_path / "dask"
    dask_dir.mkdir()
    code, stdout, err = batch(dask_dir / "persons.parquet", "--engine", "dask", "--workers", "2",
                              "--partitions", "3", "--max-rejects", "17%", "--json")
    assert code == 2 and "4 of 23 rows rejected (17.4%), more than --max-rejects 17%" in err
    assert json.loads(stdout)["over_max_rejects"] is True
    assert_frame_equal(pl.read_parquet(dask_dir / "persons.rejects.parquet"), rejects)
    assert sorted(p.name for p in dask_dir.iterdir()) == ["persons.rejects.parquet"]
