"""`sojourn batch` and `sojourn flows` as an analyst meets them: outputs, rejects, summary,
and nothing half-written when a run fails."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from cli_lines import outcome as run

ROOT = Path(__file__).resolve().parents[2]
STAYS = str(ROOT / "examples" / "crossings.csv")
EVENTS = str(ROOT / "examples" / "crossing-events.csv")
runner = CliRunner()


def asked(command: str, on: str = "2023-03-01",
          span: tuple[str, str] = ("2023-01-01", "2023-01-31")) -> list[str]:
    """The options that put a log to ``command``: batch asks of Kazakhstan on ``on``, flows
    counts the days of ``span``."""
    return (["--country", "KZ", "--on", on] if command == "batch"
            else ["--from", span[0], "--to", span[1]])


def batch(tmp: Path, *extra: str, log: str = STAYS) -> tuple[int, str, str]:
    # KZ unless the case names its own country: an option given twice is refused
    country = () if "--country" in extra else ("--country", "KZ")
    return run("batch", log, *country, "--on", "2023-03-01",
               "--out", str(tmp / "persons.parquet"), *extra)


def test_batch_writes_one_row_per_person_and_a_summary(tmp_path: Path) -> None:
    # counting the days before 27 January 2023 too, so that P001 is over the limit
    code, out, err = batch(tmp_path, "--violations-out", str(tmp_path / "runs.csv"),
                           "--assume", "kz-days-before-count")
    assert code == 0, err
    persons = pl.read_parquet(tmp_path / "persons.parquet")
    # P009 (bad date), P010 (exit before entry) and P011 (in two countries at once) are
    # rejected with every row of theirs; the nine others are judged.
    assert persons["person_id"].to_list() == [
        "P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008", "P012"]
    row = persons.filter(pl.col("person_id") == "P001").to_dicts()[0]
    assert row["present"] and row["over_limit"] and row["max_stay_days"] == 0
    assert str(row["first_violation_day"]) == "2023-01-27"  # the rolling rule from that day
    assert row["binding_rule"] == "kz-stay-eaeu-90-180"
    # A Kazakh citizen is not limited at home; a Ukrainian has no rule in the pack.
    assert persons.filter(pl.col("person_id") == "P006")["limited_by"].item() == "none"
    assert persons.filter(pl.col("person_id") == "P007")["limited_by"].item() == "unknown_rules"
    runs = pl.read_csv(tmp_path / "runs.csv")
    assert runs.columns == ["person_id", "first_day", "last_day", "days", "peak", "rules"]
    assert "P001" in runs["person_id"].to_list()
    assert "persons" in out and "over the limit" in out and "rows rejected" in out


def test_the_summary_counts_planned_violations_as_violations_not_past_ones(tmp_path: Path
                                                                           ) -> None:
    # "with past violations 4" counted P008, whose only violation is in a trip planned for
    # June, after --on (counting the days before 27 January 2023 too)
    code, out, err = batch(tmp_path, "--assume", "kz-days-before-count")
    assert code == 0, err
    persons = pl.read_parquet(tmp_path / "persons.parquet")
    planned = persons.filter(pl.col("first_violation_day") > pl.date(2023, 3, 1))
    assert planned["person_id"].to_list() == ["P008"]
    assert "past violations" not in out
    assert ("  with violations            4  past, current or planned: 5 runs"
            in out.splitlines())


def test_every_row_is_evaluated_or_rejected(tmp_path: Path) -> None:
    code, out, err = batch(tmp_path, "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["out"], summary["rejects_out"], summary["violations_out"]) == (
        str(tmp_path / "persons.parquet"), str(tmp_path / "persons.rejects.parquet"), None)
    code, out, _ = batch(tmp_path, "--json", "--violations-out", str(tmp_path / "v.csv"))
    assert json.loads(out)["violations_out"] == str(tmp_path / "v.csv")
    rejects = pl.read_parquet(tmp_path / "persons.rejects.parquet")
    lines = len(Path(STAYS).read_text().splitlines()) - 1
    assert summary["rows"] == lines
    assert summary["rows_evaluated"] + summary["rows_rejected"] == lines
    assert summary["rows_rejected"] == rejects.height == 4
    bad_date = rejects.filter(pl.col("person_id") == "P009").to_dicts()[0]
    assert bad_date["line"] == 20 and bad_date["field"] == "exit"
    assert bad_date["value"] == "2023-13-01" and bad_date["expected"]
    overlap = rejects.filter(pl.col("person_id") == "P011")
    assert overlap.height == 2
    assert any("two countries" in r or "while" in r for r in overlap["reason"].to_list())


def test_crossing_events_are_paired_and_the_unpaired_reported(tmp_path: Path) -> None:
    code, _, err = batch(tmp_path, log=EVENTS)
    assert code == 0, err
    persons = pl.read_parquet(tmp_path / "persons.parquet")
    assert persons["person_id"].to_list() == ["E01", "E02"]
    e01 = persons.filter(pl.col("person_id") == "E01").to_dicts()[0]
    assert e01["present"] and str(e01["entered"]) == "2022-12-22"
    rejects = pl.read_parquet(tmp_path / "persons.rejects.parquet")
    assert sorted(set(rejects["person_id"])) == ["E03", "E04"]
    assert rejects.height == 4  # every event of the two persons, none guessed


@pytest.mark.parametrize("command", ["batch", "flows"])
def test_a_log_whose_dates_are_all_in_another_form_is_refused_not_answered(
        tmp_path: Path, command: str) -> None:
    # day-first, as Excel exports dates: every row would be rejected and the run exit 0
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\np1,KZ,24.09.2022,01.12.2022\n"
                   "p2,KG,01.10.2022,\n")
    out = tmp_path / "out.csv"
    args = asked(command) + ([] if command == "batch" else ["--plot", str(tmp_path / "f.png")])
    code, stdout, err = run(command, str(log), *args, "--out", str(out))
    assert code == 2 and stdout == ""
    assert err.startswith(f"error: {log}, line 2, field 'entry': '24.09.2022' is not a date; "
                          "did you mean 2022-09-24 (24 September)?; no entry of the first 2 "
                          "rows is one this field takes")
    assert list(tmp_path.iterdir()) == [log]


def test_a_refused_columns_cell_with_two_readings_is_told_which_its_column_takes(
        tmp_path: Path) -> None:
    # 02.12.2022 may be either date; the column's 24.09.2022 can only have the day first
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\np1,KZ,02.12.2022,\np2,KG,24.09.2022,\n")
    code, _, err = run("batch", str(log), "--country", "KZ", "--on", "2023-03-01",
                       "--out", str(tmp_path / "out.csv"))
    assert code == 2
    assert err.startswith(f"error: {log}, line 2, field 'entry': '02.12.2022' is not a date; "
                          "did you mean 2022-12-02 (2 December) or 2022-02-12 (12 February)?; "
                          "the column writes the day first: 24.09.2022 reads no other way; no "
                          "entry of the first 2 rows is one this field takes")


def test_a_refused_column_that_settles_nothing_is_told_the_other_date_columns_order(
        tmp_path: Path) -> None:
    # no entry cell reads one way only; the exit column's 24.12.2022 does, and says it, named
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\np1,KZ,02.11.2022,24.12.2022\n"
                   "p2,KG,03.11.2022,2022-12-01\n")
    code, _, err = run("batch", str(log), "--country", "KZ", "--on", "2023-03-01",
                       "--out", str(tmp_path / "out.csv"))
    assert code == 2
    assert err.startswith(f"error: {log}, line 2, field 'entry': '02.11.2022' is not a date; "
                          "did you mean 2022-11-02 (2 November) or 2022-02-11 (11 February)?; "
                          "the exit column writes the day first: 24.12.2022 reads no other "
                          "way; no entry of the first 2 rows is one this field takes")


@pytest.mark.parametrize("command", ["batch", "flows"])
def test_every_problem_of_a_row_is_in_the_rejects_file_and_each_row_counted_once(
        tmp_path: Path, command: str) -> None:
    # B's row is wrong in its country, entry and exit: the rejects file tells all three, and
    # the summary counts the row once, under its first problem, so that its lines add up to
    # the rows rejected; the exit column, whose own cells read either way, is told what the
    # entry column's 25.09.2022 says (E's: the summary reads the rows' first problems)
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit,citizenship\nA,KZ,2022-09-01,,RU\n"
                   "B,Kazakhstan,24.09.2022,02.12.2022,RU\nC,KZ,2022-09-01,03.12.2022,RU\n"
                   "D,KZ,2022-09-01,04.12.2022,RU\nE,KZ,25.09.2022,,RU\n")
    out = tmp_path / "o.csv"
    code, stdout, err = run(command, str(log), *asked(command), "--out", str(out), "--json")
    assert code == 0, err
    summary = json.loads(stdout)
    assert summary["reasons"] == [
        {"field": "exit", "reason": "is not a date; the entry column writes the day first: "
         "25.09.2022 reads no other way", "rows": 2},
        {"field": "country", "reason": "is not a known country code", "rows": 1},
        {"field": "entry", "reason": "is not a date; the column writes the day first: "
         "25.09.2022 reads no other way", "rows": 1}]
    assert sum(r["rows"] for r in summary["reasons"]) == summary["rows_rejected"] == 4
    b = pl.read_csv(tmp_path / "o.rejects.csv").filter(pl.col("person_id") == "B").row(
        0, named=True)
    assert (b["field"], b["value"]) == ("country", "Kazakhstan")
    assert b["other_problems"] == (
        "field 'entry': '24.09.2022' is not a date; did you mean 2022-09-24 (24 September)?; "
        "expected an ISO 8601 date YYYY-MM-DD, e.g. 2023-01-27 | field 'exit': '02.12.2022' is "
        "not a date; did you mean 2022-12-02 (2 December) or 2022-02-12 (12 February)?; "
        "expected an ISO 8601 date YYYY-MM-DD, e.g. 2023-01-27, or empty while still there")


@pytest.mark.parametrize("command", ["batch", "flows"])
def test_the_summary_says_a_columns_rejected_dates_are_written_day_first(
        tmp_path: Path, command: str) -> None:
    # the column is read (A's date is right), and its day-first cells are rejected row by row:
    # each reject keeps its own value's readings, and the summary says what the column's
    # 24.09.2022 settles for B's and D's, which alone read either way
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit,citizenship\nA,KZ,2022-09-01,,RU\n"
                   "B,KZ,02.12.2022,,RU\nC,KZ,24.09.2022,,RU\nD,KZ,03.12.2022,,RU\n"
                   "E,KZ,03.12.2022,,RU\n")
    args = asked(command)
    out = tmp_path / "o.csv"
    code, stdout, err = run(command, str(log), *args, "--out", str(out))
    assert code == 0, err
    told = ("entry: is not a date; the column writes the day first: 24.09.2022 reads no other "
            "way")
    assert re.search(rf"\n +4  {told}\n", stdout), stdout
    reasons = dict(pl.read_csv(tmp_path / "o.rejects.csv").select("person_id", "reason")
                   .iter_rows())
    assert reasons["B"] == ("is not a date; did you mean 2022-12-02 (2 December) or 2022-02-12 "
                            "(12 February)?")
    assert reasons["C"] == "is not a date; did you mean 2022-09-24 (24 September)?"
    code, stdout, err = run(command, str(log), *args, "--out", str(out), "--json")
    assert code == 0, err
    assert json.loads(stdout)["reasons"] == [
        {"field": "entry", "reason": told.removeprefix("entry: "), "rows": 4}]


def test_flows_json_gives_the_summary_for_a_scheduled_run(tmp_path: Path) -> None:
    out = tmp_path / "flows.parquet"
    code, stdout, err = run("flows", STAYS, "--from", "2022-12-18", "--to", "2023-01-31",
                            "--out", str(out), "--json")
    assert code == 0 and err == ""
    summary = json.loads(stdout)
    table, rejects = pl.read_parquet(out), pl.read_parquet(tmp_path / "flows.rejects.parquet")
    assert summary == {
        "from": "2022-12-18", "to": "2023-01-31", "table_rows": table.height,
        "countries": table["country"].n_unique(), "days": 45, "rows": 23,
        "rows_rejected": rejects.height, "persons_rejected": 3, "merged": 0,
        "reasons": summary["reasons"],
        "out": str(out), "rejects_out": str(tmp_path / "flows.rejects.parquet"), "plot": None,
        "max_rejects": None, "over_max_rejects": False, "schema_version": 1}
    assert rejects.height == 4 and table.height == 270
    assert {"field": "exit", "reason": "is before entry \u2026", "rows": 1} in summary["reasons"]


def test_an_ad_hoc_rule_over_every_trip(tmp_path: Path) -> None:
    code, out, err = run("batch", STAYS, "--rule", "rolling:90/180", "--on", "2023-03-01",
                         "--out", str(tmp_path / "p.csv"))
    assert code == 0, err
    assert out.startswith("Judged rolling:90/180 in all countries together on 2023-03-01:")
    # the spec is named as status names it, however it was typed
    code, out, err = run("batch", STAYS, "--rule", " Rolling:90/180 + PER-ENTRY:60", "--country",
                         "KZ,KG", "--on", "2023-03-01", "--out", str(tmp_path / "kz-kg.csv"))
    assert out.startswith("Judged rolling:90/180+per-entry:60 in KZ,KG on 2023-03-01:"), err
    persons = pl.read_csv(tmp_path / "p.csv")
    # Every day since 25 September 2022 in Georgia counts: 158 days in the window.
    assert persons.filter(pl.col("person_id") == "P004")["days_used"].item() == 158


@pytest.mark.parametrize(("args", "words"), [
    (("--engine", "spark"), "--engine"),
    (("--workers", "2"), "--engine dask"),
    (("--engine", "dask", "--workers", "0"), "--workers: '0' is out of range"),
    (("--engine", "dask", "--partitions", "-2"), "--partitions: '-2' is out of range"),
    (("--country", "XX"), "not a country code"),
    (("--assume", "no-such-variant"), "is a variant of no rule in the pack"),
    # a variant the pack has, but --rule judges by its spec alone: ignoring it misled
    (("--rule", "rolling:90/180", "--assume", "kz-change-26-jan"),
     "expected no --assume beside --rule"),
    (("--rule", "+".join(f"per-entry:{n}" for n in range(1, 64))), "judges at most 62"),
])
def test_bad_options_fail_before_any_output(tmp_path: Path, args: tuple[str, ...], words: str
                                           ) -> None:
    code, _, err = batch(tmp_path, *args)
    assert code == 2
    assert words in err
    assert list(tmp_path.iterdir()) == []


def test_an_output_in_a_missing_directory_is_refused(tmp_path: Path) -> None:
    code, _, err = run("batch", STAYS, "--country", "KZ", "--out",
                       str(tmp_path / "no" / "p.parquet"))
    assert code == 2 and "does not exist" in err


@pytest.mark.parametrize(("command", "option", "name", "words"), [
    ("batch", "--out", "p.png", "is not a table file name; expected a .parquet or .csv"),
    ("batch", "--violations-out", "v.png", "is not a table file name"),
    ("flows", "--rejects-out", "r.png", "is not a table file name"),
    ("flows", "--plot", "f.jpg", "is not a .png file name; expected a file name ending in .png"),
    ("flows", "--plot", "f.csv", "is not a .png file name"),
])
def test_each_output_takes_its_own_kind_of_name(tmp_path: Path, command: str, option: str,
                                                name: str, words: str) -> None:
    args = (["batch", STAYS, "--country", "KZ"] if command == "batch" else
            ["flows", STAYS, "--from", "2022-12-20", "--to", "2022-12-26"])
    if option != "--out":  # one --out: an option given twice is refused
        args += ["--out", str(tmp_path / ("p.parquet" if command == "batch" else "f.parquet"))]
    code, _, err = run(*args, option, str(tmp_path / name))
    assert code == 2 and words in " ".join(err.split()), err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["batch", "flows"])
@pytest.mark.parametrize(("out", "words"), [
    # the rejects file's name is made from --out's: these were internal errors
    (".", "--out: '.' is not a table file name"), ("/", "--out: '/' is a directory name"),
    # Typer read "" as ".", the working directory
    ("", "--out: '' is empty; expected a file name"),
])
def test_an_out_with_no_file_name_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            command: str, out: str, words: str) -> None:
    monkeypatch.chdir(tmp_path)
    args = (["batch", STAYS, "--country", "KZ"] if command == "batch" else
            ["flows", STAYS, "--from", "2022-12-20", "--to", "2022-12-26"])
    code, _, err = run(*args, "--out", out)
    assert code == 2 and err.startswith(f"error: {words}"), err
    assert list(tmp_path.iterdir()) == []


def test_flows_writes_its_chart_with_its_tables_or_not_at_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sojourn.batch import job

    def fail(frame: pl.DataFrame, path: Path, suffix: str, **given: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(job, "_write", fail)
    code, _, _ = run("flows", STAYS, "--from", "2022-12-20", "--to", "2022-12-26",
                     "--out", str(tmp_path / "f.csv"), "--plot", str(tmp_path / "f.png"))
    assert code != 0
    assert list(tmp_path.iterdir()) == []


@contextlib.contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """``path`` (a directory or a file) made unwritable for this process: as root, only the
    immutable flag stops a write."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_an_output_that_cannot_be_written_is_refused_before_any_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sojourn.batch import job

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the log was read")

    monkeypatch.setattr(job.inputs, "scan_input", never)
    closed = tmp_path / "closed"
    closed.mkdir()
    with unwritable(closed):
        code, _, err = batch(tmp_path, "--violations-out", str(closed / "v.csv"))
    assert code == 2 and "refuses new files" in err, err
    old = tmp_path / "f.csv"
    old.write_text("kept\n")
    with unwritable(old):
        code, _, err = run("flows", STAYS, "--from", "2022-12-20", "--to", "2022-12-26",
                           "--out", str(old), "--plot", str(tmp_path / "f.png"))
    assert code == 2 and "cannot be replaced" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["closed", "f.csv"]
    assert old.read_text() == "kept\n" and list(closed.iterdir()) == []


def test_an_output_may_not_overwrite_the_input(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(Path(STAYS).read_text())
    code, _, err = run("batch", str(log), "--country", "KZ", "--out", str(tmp_path / "p.csv"),
                       "--rejects-out", str(log))
    assert code == 2 and "is also INPUT" in err


def test_without_citizenships_the_pack_cannot_judge(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\nA,KZ,2023-01-01,2023-02-01\n")
    code, out, err = run("batch", str(log), "--country", "KZ", "--on", "2023-03-01",
                         "--out", str(tmp_path / "p.parquet"))
    assert code == 0, err
    rejects = pl.read_parquet(tmp_path / "p.rejects.parquet")
    assert rejects["field"].to_list() == ["citizenship"]
    # the console says why, not only the rejects file
    assert "1  citizenship: no citizenship for this person" in out
    code, _, err = run("batch", str(log), "--country", "KZ", "--on", "2023-03-01",
                       "--citizenship", "RU", "--out", str(tmp_path / "p.parquet"))
    assert code == 0, err
    assert pl.read_parquet(tmp_path / "p.parquet")["citizenship"].to_list() == ["RU"]


def test_citizenship_option_is_read_as_status_reads_it(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\nA,KZ,2023-01-01,2023-05-01\n")
    out = tmp_path / "p.parquet"
    code, _, err = run("batch", str(log), "--country", "KZ", "--on", "2023-05-01",
                       "--citizenship", " ru", "--out", str(out))
    assert code == 0, err
    [person] = pl.read_parquet(out).to_dicts()
    # 27 January to 1 May: the 90 in any 180 alone, the 90 per entry having ended on 26 April
    assert (person["citizenship"], person["days_used"], person["binding_rule"]) == (
        "RU", 95, "kz-stay-eaeu-90-180")
    code, _, err = run("batch", str(log), "--country", "KZ", "--on", "2023-05-01",
                       "--citizenship", "XX", "--out", str(tmp_path / "q.parquet"))
    assert code == 2 and "--citizenship: 'XX' is not a country code" in err
    assert not (tmp_path / "q.parquet").exists()


def test_new_outputs_are_the_owner_s_alone_and_replaced_ones_keep_their_mode(
        tmp_path: Path) -> None:
    # the outputs hold personal data; a mode its owner gave an existing file is theirs to keep
    out, rejects = tmp_path / "persons.parquet", tmp_path / "persons.rejects.parquet"
    code, _, err = batch(tmp_path)
    assert code == 0, err
    assert [stat.S_IMODE(p.stat().st_mode) for p in (out, rejects)] == [0o600, 0o600]
    out.chmod(0o640)
    code, _, err = batch(tmp_path)
    assert code == 0, err
    assert [stat.S_IMODE(p.stat().st_mode) for p in (out, rejects)] == [0o640, 0o600]


def test_an_output_through_a_symbolic_link_keeps_the_link(tmp_path: Path) -> None:
    # the finished output was renamed over the link, which became a file of its own
    target = tmp_path / "kept" / "persons.parquet"
    target.parent.mkdir()
    target.write_bytes(b"old")
    (tmp_path / "persons.parquet").symlink_to(target)
    code, _, err = batch(tmp_path)
    assert code == 0, err
    assert (tmp_path / "persons.parquet").is_symlink()
    assert pl.read_parquet(target).height > 0
    assert sorted(p.name for p in target.parent.iterdir()) == ["persons.parquet"]


@pytest.mark.parametrize("name", ["pipe", "long", "loop"])
def test_an_output_that_is_no_file_or_no_name_is_refused(tmp_path: Path, name: str) -> None:
    # a pipe (or, as root, a device such as /dev/full) was replaced by a file; a name longer
    # than the system allows was an internal error
    if name == "pipe":
        out = tmp_path / "persons.parquet"
        os.mkfifo(out)
        words = "is not a regular file (a pipe, device or socket)"
    elif name == "loop":  # Path.resolve() raised RuntimeError on it
        out = tmp_path / "persons.parquet"
        out.symlink_to(out)
        words = "cannot be used as a file name"
    else:
        out = tmp_path / ("a" * 300 + ".parquet")
        words = "cannot be used as a file name (File name too long)"
    code, _, err = run("batch", STAYS, "--country", "KZ", "--on", "2023-03-01", "--out",
                       str(out))
    assert code == 2 and words in err and "internal error" not in err
    assert name != "pipe" or stat.S_ISFIFO(out.stat().st_mode)
    history = str(Path(STAYS).with_name("history.csv"))
    code, _, err = run("status", history, "--country", "KZ", "--pack", str(tmp_path / ("p" * 300)))
    assert code == 2 and "cannot be read as a rule pack (File name too long)" in err


def test_an_interrupted_run_leaves_no_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    import sojourn.batch.job as job

    # A RuntimeError stands in for Ctrl-C, which would stop pytest itself; the temporary
    # files are removed on any exception, KeyboardInterrupt included (outputs.atomic_path).
    def interrupted(*args: object, **kwargs: object) -> None:
        raise RuntimeError("interrupted")

    monkeypatch.setattr(job, "_write", _fail_on_second(job._write))
    code, _, _ = batch(tmp_path, "--violations-out", str(tmp_path / "runs.parquet"))
    assert code != 0
    assert list(tmp_path.iterdir()) == []  # neither the first table nor any temporary file
    monkeypatch.setattr(job, "process", interrupted)
    code, _, _ = batch(tmp_path)
    assert code != 0
    assert list(tmp_path.iterdir()) == []


def _fail_on_second(write):  # type: ignore[no-untyped-def]
    calls = []

    def failing(frame: pl.DataFrame, path: Path, suffix: str, **given: object) -> None:
        calls.append(path)
        if len(calls) == 2:
            write(frame, path, suffix, **given)  # the first is complete when the run stops
            raise RuntimeError("interrupted")
        write(frame, path, suffix, **given)

    return failing


def test_the_dask_engine_gives_the_same_outputs(tmp_path: Path) -> None:
    code, _, err = batch(tmp_path, "--violations-out", str(tmp_path / "runs.parquet"))
    assert code == 0, err
    polars_out = {p: pl.read_parquet(tmp_path / p) for p in
                  ("persons.parquet", "runs.parquet", "persons.rejects.parquet")}
    dask_dir = tmp_path / "dask"
    dask_dir.mkdir()
    code, _, err = run("batch", STAYS, "--country", "KZ", "--on", "2023-03-01",
                       "--out", str(dask_dir / "persons.parquet"),
                       "--violations-out", str(dask_dir / "runs.parquet"),
                       "--engine", "dask", "--workers", "2", "--partitions", "3")
    assert code == 0, err
    for name, frame in polars_out.items():
        assert_frame_equal(pl.read_parquet(dask_dir / name), frame)


def test_more_local_workers_than_cores_are_warned_of_not_refused(tmp_path: Path) -> None:
    # the run given one core, as taskset or a container's limit would (its workers inherit it)
    script = ("import os, sys; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
              "from sojourn.cli import main; sys.argv = ['sojourn', *sys.argv[1:]]; main()")
    done = subprocess.run([sys.executable, "-c", script, "batch", STAYS, "--country", "KZ",
                           "--on", "2023-03-01", "--out", str(tmp_path / "p.parquet"),
                           "--engine", "dask", "--workers", "2"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ("warning: --workers 2 is more than the 1 core this machine gives the "
                           "run: the workers share them, and each needs about 600 MB of memory "
                           "(1,200 MB in all)\n")
    assert pl.read_parquet(tmp_path / "p.parquet").height == 9


def test_flows_table_and_plot(tmp_path: Path) -> None:
    code, out, err = run("flows", STAYS, "--from", "2022-12-20", "--to", "2022-12-26",
                         "--out", str(tmp_path / "flows.csv"), "--plot",
                         str(tmp_path / "flows.png"))
    assert code == 0, err
    table = pl.read_csv(tmp_path / "flows.csv", try_parse_dates=True)
    kg = table.filter(pl.col("country") == "KG").sort("day")
    # P001 crosses to Kyrgyzstan on 21 December and back on the 22nd; P005 on the 25th.
    assert kg.filter(pl.col("day").cast(pl.String) == "2022-12-21")["arrivals"].item() == 1
    assert kg.filter(pl.col("day").cast(pl.String) == "2022-12-22")["present"].item() == 1
    assert (tmp_path / "flows.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "rejected 4" in out


@pytest.mark.parametrize("command", ["batch", "flows"])
def test_the_input_is_the_file_named_not_a_pattern(tmp_path: Path, command: str) -> None:
    # read as glob patterns, "log[1].csv" would be log1.csv and "log*.csv" both files
    rows = len(Path(STAYS).read_text().splitlines()) - 1
    for name in ("log[1].csv", "log*.csv"):
        (tmp_path / name).write_text(Path(STAYS).read_text())
    (tmp_path / "log1.csv").write_text("person_id,country,entry,exit\nZ,KZ,2023-01-01,\n")
    options = asked(command, span=("2022-12-20", "2022-12-26"))
    for i, name in enumerate(("log[1].csv", "log*.csv")):
        code, out, err = run(command, str(tmp_path / name), *options,
                             "--out", str(tmp_path / f"out{i}.csv"))
        assert code == 0, err
        assert f"rows read {rows}" in " ".join(out.split())


@pytest.mark.parametrize("command", ["batch", "flows", "batch --engine dask"])
def test_an_input_that_is_a_symbolic_link_loop_is_refused(tmp_path: Path, command: str) -> None:
    log, other = tmp_path / "log.csv", tmp_path / "other.csv"
    log.symlink_to(other)
    other.symlink_to(log)
    options = (("--country", "KZ") if command.startswith("batch")
               else ("--from", "2022-12-20", "--to", "2022-12-26"))
    code, _, err = run(*command.split(), str(log), *options, "--out", str(tmp_path / "o.csv"))
    assert code == 2, err
    assert f"error: {log}: is a symbolic link that loops" in " ".join(err.split())


def test_flows_refuses_a_backwards_range(tmp_path: Path) -> None:
    code, _, err = run("flows", STAYS, "--from", "2023-01-02", "--to", "2023-01-01",
                       "--out", str(tmp_path / "f.csv"))
    # each day named by its option, and the example one the command takes
    assert code == 2 and err == ("error: --to: '2023-01-01' is before --from 2023-01-02; "
                                 "expected --from on or before --to, at most 20 years apart, "
                                 "e.g. --from 2023-01-01 --to 2025-12-31\n")


def test_an_input_without_the_needed_columns_is_refused_whole(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entered\nA,KZ,2023-01-01\n")
    code, _, err = run("batch", str(log), "--country", "KZ", "--out",
                       str(tmp_path / "p.parquet"))
    assert code == 2
    assert "line 1" in err and "lacks entry, exit" in err and "person_id,date,direction" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.csv"]


STOPPING = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


@contextlib.contextmanager
def writing(out: Path, ignored: tuple[int, ...] = ()) -> Iterator[subprocess.Popen[bytes]]:
    """A batch run in a process of its own, writing its outputs into the directory ``out``,
    caught while it writes them: its writer waits once its first file is begun. It starts
    with the stopping signals at their default, ``ignored`` ignored, whatever the suite was
    started under: a child inherits ignored signals, and under ``nohup`` SIGHUP is one."""
    def dispositions() -> None:
        for number in STOPPING:
            signal.signal(number, signal.SIG_IGN if number in ignored else signal.SIG_DFL)

    script = (
        "import sys, time\n"
        "import sojourn.batch.job as job\n"
        "write = job._write\n"
        "def slow(frame, path, suffix, **given):\n"
        "    write(frame, path, suffix, **given)\n"
        "    time.sleep(60)\n"
        "job._write = slow\n"
        "from sojourn.cli import main\n"
        "sys.argv = ['sojourn', *sys.argv[1:]]\n"
        "main()\n")
    with subprocess.Popen(
            [sys.executable, "-c", script, "batch", STAYS, "--country", "KZ", "--on",
             "2023-03-01", "--out", str(out / "persons.csv")],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            preexec_fn=dispositions) as proc:
        try:
            deadline = time.monotonic() + 120  # generous: a loaded CI machine
            while not any(p.name.endswith(".partial") and p.stat().st_size
                          for p in out.iterdir()):
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.02)
            yield proc
        finally:
            proc.kill()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT],
                         ids=["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_a_signal_while_writing_leaves_no_output(tmp_path: Path, number: int) -> None:
    # kill, timeout, a container's or CI's cancel send SIGTERM: the run stops as on Ctrl-C,
    # removing the outputs it was writing. SIGHUP (the terminal closed, the SSH session
    # dropped) and SIGQUIT (Ctrl-\) left whole outputs behind under hidden names.
    out = tmp_path / "out"
    out.mkdir()
    old = out / "persons.rejects.csv"
    old.write_text("an earlier run's rejects\n")
    with writing(out) as proc:
        proc.send_signal(number)
        assert proc.wait(timeout=120) == 128 + number
    assert list(out.iterdir()) == [old] and old.read_text() == "an earlier run's rejects\n"


def test_a_signal_ignored_when_the_run_began_stays_ignored(tmp_path: Path) -> None:
    # `nohup sojourn batch ...` ignores SIGHUP so that the run outlives the terminal: the
    # command sets its handler only for a signal not ignored, and a later SIGTERM still stops
    # it cleanly (a clean clone's `nohup make test` failed the SIGHUP case above before the
    # test reset the dispositions it starts the run with)
    out = tmp_path / "out"
    out.mkdir()
    with writing(out, ignored=(signal.SIGHUP,)) as proc:
        proc.send_signal(signal.SIGHUP)
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=2)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=120) == 128 + signal.SIGTERM
    assert list(out.iterdir()) == []


def test_a_later_write_removes_what_a_killed_writer_left(tmp_path: Path) -> None:
    # SIGKILL leaves the outputs being written under hidden names: nothing removed them
    out = tmp_path / "out"
    out.mkdir()
    with writing(out) as proc:
        proc.kill()
        proc.wait(timeout=120)
    left = sorted(p.name for p in out.iterdir())
    assert [n[:n.index("-")] for n in left] == [f".persons.csv.{proc.pid}",
                                                f".persons.rejects.csv.{proc.pid}"], left
    code, _, err = run("batch", STAYS, "--country", "KZ", "--on", "2023-03-01", "--out",
                       str(out / "persons.csv"))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["persons.csv", "persons.rejects.csv"]


def test_a_rename_that_fails_undoes_the_outputs_renamed_before_it(tmp_path: Path) -> None:
    from sojourn.outputs import RenameFailed, atomic_paths

    first, second, third = (tmp_path / n for n in ("a.csv", "b.csv", "c.csv"))
    first.write_text("old a\n")
    with pytest.raises(RenameFailed) as failed, atomic_paths([first, second, third]) as temps:
        for tmp in temps:
            tmp.write_text("new\n")
        third.mkdir()  # the place changed after the checks: the last rename fails
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "c.csv"]
    assert first.read_text() == "old a\n" and third.is_dir()
    # the rename's own error, and what had been renamed (all undone)
    assert failed.value.errno == errno.EISDIR and failed.value.filename2 == str(third)
    assert (failed.value.renamed, failed.value.stayed) == ([first, second], [])


def test_an_output_that_cannot_be_renamed_is_a_clear_error(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    import sojourn.batch.job as job

    write = job._write

    def then_taken(frame: pl.DataFrame, path: Path, suffix: str, **given: object) -> None:
        write(frame, path, suffix, **given)  # type: ignore[arg-type]
        (tmp_path / "persons.parquet").mkdir(exist_ok=True)

    monkeypatch.setattr(job, "_write", then_taken)
    code, _, err = batch(tmp_path)
    assert code == 2 and "internal error" not in err
    # the first rename failed: nothing had been renamed yet
    assert "persons.parquet: cannot be written (Is a directory); no output of this run was " \
           "written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["persons.parquet"]


FULL = ("parquet: File out of specification: underlying IO error: No space left on device "
        "(os error 28)")  # what Polars 2.1 raises when the disk fills while writing Parquet


@pytest.mark.parametrize("command", ["batch", "flows"])
def test_a_disk_filling_up_while_writing_parquet_is_a_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    def full(self: pl.DataFrame, file: Path, **kwargs: object) -> None:
        Path(file).write_bytes(b"PAR1")  # half a file, then the disk is full
        raise pl.exceptions.ComputeError(FULL)

    monkeypatch.setattr(pl.DataFrame, "write_parquet", full)
    out = tmp_path / "out.parquet"
    options = asked(command, span=("2022-12-20", "2022-12-26"))
    code, _, err = run(command, STAYS, *options, "--out", str(out))
    assert code == 2 and "internal error" not in err
    assert f"{out}: cannot be written (No space left on device); no output of this run was " \
           "written; expected a writable file path" in " ".join(err.split())
    assert list(tmp_path.iterdir()) == []


def test_a_writer_s_other_errors_are_still_bugs(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from sojourn.batch.job import write_outputs

    def broken(self: pl.DataFrame, file: Path, **kwargs: object) -> None:
        raise pl.exceptions.ComputeError("some bug")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", broken)
    with pytest.raises(pl.exceptions.ComputeError, match="some bug"):
        write_outputs([(pl.DataFrame({"a": [1]}), tmp_path / "a.parquet")])
    assert list(tmp_path.iterdir()) == []


# Every output option of every command, with the options that make it written: a path whose
# directory is a file, is missing, or lies under a file, is refused naming the option and the
# path, before any work, and nothing is left behind.
OUTPUTS = {
    "batch --out": (["batch", STAYS, "--country", "KZ", "--on", "2023-03-01"], "--out", []),
    "batch --rejects-out": (["batch", STAYS, "--country", "KZ", "--on", "2023-03-01"],
                            "--rejects-out", ["--out", "{ok}/p.csv"]),
    "batch --violations-out": (["batch", STAYS, "--country", "KZ", "--on", "2023-03-01"],
                               "--violations-out", ["--out", "{ok}/p.csv"]),
    "flows --out": (["flows", STAYS, "--from", "2023-01-01", "--to", "2023-01-31"], "--out",
                    []),
    "flows --rejects-out": (["flows", STAYS, "--from", "2023-01-01", "--to", "2023-01-31"],
                            "--rejects-out", ["--out", "{ok}/f.csv"]),
    "flows --plot": (["flows", STAYS, "--from", "2023-01-01", "--to", "2023-01-31"], "--plot",
                     ["--out", "{ok}/f.csv"]),
    "report --output": (["report", str(ROOT / "examples" / "relocant.yaml"), "--on",
                         "2023-01-05"], "--output", []),
    "report -o, ics": (["report", str(ROOT / "examples" / "relocant.yaml"), "--on", "2023-01-05",
                        "--format", "ics"], "-o", []),
}


@pytest.mark.parametrize("where", ["a file", "missing", "under a file"])
@pytest.mark.parametrize("output", list(OUTPUTS))
def test_an_output_in_no_directory_is_refused_naming_it_and_nothing_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, where: str) -> None:
    command, option, others = OUTPUTS[output]
    monkeypatch.chdir(tmp_path)  # paths short enough to be quoted whole
    ok = Path("ok")
    ok.mkdir()
    Path("afile").write_text("kept\n")
    parent = {"a file": Path("afile"), "missing": Path("missing"),
              "under a file": Path("afile", "deeper")}[where]
    path = parent / ("out.png" if option == "--plot" else "out.csv")
    code, stdout, err = run(*command, *[o.format(ok=ok) for o in others], option, str(path))
    assert code == 2 and stdout == "" and "internal error" not in err
    named = "--output" if option == "-o" else option
    why = {"a file": f"is in {parent}, which is not a directory",
           "missing": f"is in a directory that does not exist ({parent})",
           "under a file": f"is in {parent}, which cannot be a directory: afile is not one"
           }[where]
    assert " ".join(err.split()).startswith(f"error: {named}: '{path}' {why}; expected a file "
                                            "path in an existing directory"), err
    # nothing written, the file in the way kept as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "ok"]
    assert list(ok.iterdir()) == [] and (tmp_path / "afile").read_text() == "kept\n"


@pytest.mark.parametrize("then", ["removed", "replaced by a file"])
@pytest.mark.parametrize("when", ["before the outputs are made", "while they are written"])
@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_an_output_directory_removed_during_the_run_is_a_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str, suffix: str,
        then: str) -> None:
    import shutil

    import sojourn.batch.job as job

    where = tmp_path / "results"
    where.mkdir()

    def gone() -> None:
        # a directory replaced by a file was an internal error (NotADirectoryError)
        shutil.rmtree(where, ignore_errors=True)
        if then == "replaced by a file" and not where.exists():
            where.write_text("kept\n")

    if when == "before the outputs are made":
        compute = job.run

        def then_removed(*args: object, **kwargs: object) -> object:
            out = compute(*args, **kwargs)  # type: ignore[arg-type]
            gone()
            return out

        monkeypatch.setattr(job, "run", then_removed)
    else:
        write = job._write

        def removed(frame: pl.DataFrame, path: Path, suffix: str, **given: object) -> None:
            gone()
            write(frame, path, suffix, **given)  # type: ignore[arg-type]

        monkeypatch.setattr(job, "_write", removed)
    out = where / f"persons{suffix}"
    code, _, err = run("batch", STAYS, "--country", "KZ", "--on", "2023-03-01",
                       "--out", str(out))
    assert code == 2 and "internal error" not in err
    why = ("no longer exists" if then == "removed" else "is no longer a directory")
    assert (f"{out}: cannot be written (its directory {where} {why}); no output of "
            "this run was written") in " ".join(err.split())
    if then == "removed":
        assert list(tmp_path.iterdir()) == []
    else:
        assert list(tmp_path.iterdir()) == [where] and where.read_text() == "kept\n"


def test_a_full_standard_output_is_told_not_a_bug(tmp_path: Path) -> None:
    # /dev/full (Linux, where the project runs and CI runs) always refuses a write: no room
    script = ("import sys; from sojourn.cli import main; sys.argv = ['sojourn', *sys.argv[1:]]; "
              "main()")
    for args in (["rules", "list"], ["batch", STAYS, "--country", "KZ", "--on", "2023-03-01",
                                     "--out", str(tmp_path / "p.csv"), "--json"]):
        with Path("/dev/full").open("w") as full:
            done = subprocess.run([sys.executable, "-c", script, *args], stdout=full,
                                  stderr=subprocess.PIPE, text=True, timeout=120,
                                  env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        assert done.returncode == 2, done.stderr
        assert done.stderr == ("error: standard output cannot be written (No space left on "
                               "device); what it shows is incomplete; expected standard output "
                               "to a terminal, a pipe, or a file on a disk with room for it "
                               "(`report` writes a file itself with -o FILE)\n")


def test_flows_with_every_row_rejected_still_writes_its_outputs_and_says_why(
        tmp_path: Path) -> None:
    log = tmp_path / "bad.csv"
    log.write_text("person_id,country,entry,exit\nA,KZ,2023-13-01,\nB,KZ,2023-01-05,2023-01-01\n")
    out, plot = tmp_path / "flows.csv", tmp_path / "flows.png"
    code, stdout, err = run("flows", str(log), "--from", "2023-01-01", "--to", "2023-01-31",
                            "--out", str(out), "--plot", str(plot))
    assert code == 0, err
    assert "rows read 2, rejected 2" in stdout and "entry: is not a calendar date" in stdout
    assert out.exists() and plot.exists() and (tmp_path / "flows.rejects.csv").exists()


@pytest.mark.parametrize("command", ["batch", "flows"])
def test_the_summary_says_how_many_persons_the_rejects_leave_out(tmp_path: Path, command: str
                                                                  ) -> None:
    # B's bad date takes its good row with it, C has one bad row, and the rows with no id are
    # no one's: 2 persons of the log are in no count, which "persons 1" alone would hide
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit,citizenship\nA,KZ,2023-01-05,,RU\n"
                   "B,KZ,2023-01-01,2023-01-03,RU\nB,KZ,2023-02-30,,RU\n"
                   "C,KZ,2023-01-10,2023-01-01,RU\n,KZ,2023-01-05,,RU\n ,KZ,2023-01-06,,RU\n")
    args = asked(command, "2023-02-01")
    out = tmp_path / "o.csv"
    code, stdout, err = run(command, str(log), *args, "--out", str(out))
    assert code == 0, err
    if command == "batch":
        assert (f"  persons                   1  -> {out}; 2 more with every row rejected\n"
                in stdout)
        assert pl.read_csv(out)["person_id"].to_list() == ["A"]
    else:
        assert (f"rows read 6, rejected 5 (2 persons, counted nowhere) -> "
                f"{tmp_path / 'o.rejects.csv'}\n") in stdout
    code, stdout, err = run(command, str(log), *args, "--out", str(out), "--json")
    assert code == 0, err
    assert (json.loads(stdout)["persons_rejected"], json.loads(stdout)["rows_rejected"]) == (2, 5)

@pytest.mark.parametrize("command", ["batch", "flows"])
def test_the_rejects_the_reasons_leave_out_are_counted(tmp_path: Path, command: str) -> None:
    # 6 rows rejected, for 5 reasons: the 3 commonest shown summed to 3 of the 6, with
    # nothing said of the rest (a fourth reason, and C's good row rejected with its bad one)
    log = tmp_path / "bad.csv"
    log.write_text("person_id,country,entry,exit,citizenship\nA,KZ,2023-13-01,,RU\n"
                   "B,KZ,2023-01-05,2023-01-01,RU\nC,ZZ,2023-01-01,2023-01-02,RU\n"
                   "C,KZ,2023-01-03,2023-01-04,RU\nD,KZ,2023/01/01,,RU\nE,KZ,0999-01-01,,RU\n",
                   encoding="utf-8")
    args = asked(command, "2023-02-01")
    code, stdout, err = run(command, str(log), *args, "--out", str(tmp_path / "o.csv"))
    assert code == 0, err
    counts = [int(line.split()[0]) for line in stdout.splitlines()
              if re.match(r" +\d+  [a-z]", line)]
    assert len(counts) == 4 and sum(counts) == 6, stdout
    assert ("3  more: less common reasons, or rejected with a bad row of the same person; all "
            "are in the rejects file") in stdout


def test_the_summary_counts_who_must_leave_within_7_days_as_the_persons_table_shows_them(
        tmp_path: Path) -> None:
    # on 10 March, 10 days per entry: A's last day is that day (max_stay_days 1), B's the 16th
    # (7), C's the 17th (8, so not within the 7 days from the 10th), D is over the limit
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\nA,KZ,2023-03-01,\nB,KZ,2023-03-07,\n"
                   "C,KZ,2023-03-08,\nD,KZ,2023-02-28,\nE,KZ,2023-01-01,2023-01-05\n")
    out = tmp_path / "persons.parquet"
    args = ("batch", str(log), "--rule", "per-entry:10", "--country", "KZ", "--on",
            "2023-03-10", "--out", str(out))
    code, stdout, err = run(*args)
    assert code == 0, err
    assert re.search(r"over the limit +1  present, with no day left \(max_stay_days 0\)\n",
                     stdout), stdout
    assert re.search(r"must leave within 7 days +2  present, latest_exit 2023-03-10 to "
                     r"2023-03-16\n", stdout), stdout
    persons = pl.read_parquet(out)
    leaving = persons.filter(pl.col("present") & pl.col("latest_exit").is_between(
        dt.date(2023, 3, 10), dt.date(2023, 3, 16)))
    assert leaving["person_id"].to_list() == ["A", "B"]
    assert leaving["max_stay_days"].to_list() == [1, 7]
    code, stdout, err = run(*args, "--json")
    assert code == 0, err
    assert (json.loads(stdout)["leave_within_7"], json.loads(stdout)["over_limit"]) == (2, 1)


# the summary is counted from the persons table whichever engine made it: both are run
@pytest.mark.parametrize("engine", [("--engine", "polars"), ("--engine", "dask", "--workers", "1")],
                         ids=["polars", "dask"])
def test_the_summary_counts_who_would_be_refused_entry_on_the_day(
        tmp_path: Path, engine: tuple[str, ...]) -> None:
    # 90 in any 180 on 1 March 2023: A0 used all 90 days in the autumn (refused), A1 89 (one day
    # left); P0 is there on its 91st day (over the limit, not refused: it is inside); T0, with
    # 88 days used, would be let in, but a day now would put its trip of 3-4 March over 90
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\nA0,KZ,2022-10-01,2022-12-29\n"
                   "A1,KZ,2022-10-02,2022-12-29\nP0,KZ,2022-12-01,2023-03-01\n"
                   "T0,KZ,2022-12-03,2023-02-28\nT0,KZ,2023-03-03,2023-03-04\n")
    out = tmp_path / "persons.parquet"
    args = ("batch", str(log), "--rule", "rolling:90/180", "--country", "KZ", "--on",
            "2023-03-01", "--out", str(out), *engine)
    code, stdout, err = run(*args)
    assert code == 0, err
    assert re.search(r"refused entry on the day +1  absent, with no day left \(max_stay_days 0, "
                     r"limited_by rule\)\n", stdout), stdout
    persons = pl.read_parquet(out).sort("person_id")
    assert persons.select("person_id", "present", "max_stay_days", "limited_by").rows() == [
        ("A0", False, 0, "rule"), ("A1", False, 1, "rule"), ("P0", True, 0, "rule"),
        ("T0", False, 0, "planned_trip")]
    code, stdout, err = run(*args, "--json")
    assert code == 0, err
    assert (json.loads(stdout)["refused_entry"], json.loads(stdout)["over_limit"]) == (1, 1)


def test_the_summary_counts_who_an_entry_ban_bars_on_the_day(tmp_path: Path) -> None:
    # Türkiye on 15 September 2024: T001 and T003 left after overstays of more than a year,
    # barred at least to 31 May and 31 July 2025 whichever case holds; they fell in none of the
    # summary's counts, as the count left them days (limited_by entry_ban, not rule)
    out = tmp_path / "persons.parquet"
    args = ("batch", "examples/overstays.csv", "--country", "TR", "--on", "2024-09-15",
            "--out", str(out))
    code, stdout, err = run(*args)
    assert code == 0, err
    assert re.search(r"barred by an entry ban +2  absent, an overstay's ban runs on the day "
                     r"\(entry_barred_until\)\n", stdout), stdout
    assert re.search(r"refused entry on the day +0 ", stdout), stdout
    code, stdout, err = run(*args, "--json")
    assert code == 0, err
    assert (json.loads(stdout)["barred"], json.loads(stdout)["refused_entry"]) == (2, 0)


@pytest.mark.parametrize("engine", [("--engine", "polars"), ("--engine", "dask", "--workers", "1")],
                         ids=["polars", "dask"])
def test_earliest_entry_adds_from_when_a_person_with_no_day_left_may_come(
        tmp_path: Path, engine: tuple[str, ...]) -> None:
    # 90 in any 180 on 1 March 2023, as status answers each: A0's 90 autumn days from 1 October
    # let one more in once that day has left the window, on 30 March; P0, there on its 91st
    # day, may come back when 2 December has, on 31 May; T0 may enter on 3 March, the first
    # day of its planned trip, which a day spent before would put over 90; A1 has a day left
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\nA0,KZ,2022-10-01,2022-12-29\n"
                   "A1,KZ,2022-10-02,2022-12-29\nP0,KZ,2022-12-01,2023-03-01\n"
                   "T0,KZ,2022-12-03,2023-02-28\nT0,KZ,2023-03-03,2023-03-04\n")
    asked, plain = tmp_path / "asked.csv", tmp_path / "plain.csv"
    for out, option in ((asked, ("--earliest-entry",)), (plain, ())):
        code, _, err = run("batch", str(log), "--rule", "rolling:90/180", "--country", "KZ",
                           "--on", "2023-03-01", "--out", str(out), *option, *engine)
        assert code == 0, err
    persons = pl.read_csv(asked, schema_overrides={"earliest_entry": pl.String})
    assert persons.select("person_id", "max_stay_days", "earliest_entry").rows() == [
        ("A0", 0, "2023-03-30"), ("A1", 1, None), ("P0", 0, "2023-05-31"),
        ("T0", 0, "2023-03-03")]
    # without --earliest-entry the same table, but that column
    assert_frame_equal(pl.read_csv(plain), pl.read_csv(asked).drop("earliest_entry"))


def test_flows_counts_a_person_whatever_citizenship_their_rows_give(tmp_path: Path) -> None:
    # a border service records the passport shown at each crossing: a dual citizen's rows
    # differ, and a count of arrivals is no reason to reject them, as batch must
    log = tmp_path / "events.csv"
    log.write_text("person_id,date,direction,country,citizenship\n"
                   "D,2023-01-02,in,KZ,RU\nD,2023-01-05,out,KZ,KZ\n"
                   "S,2023-01-03,in,KZ,Russia\nS,2023-01-04,out,KZ,\n"
                   "X,2023-01-03,out,KZ,RU\n", encoding="utf-8")
    out = tmp_path / "flows.parquet"
    code, _, err = run("flows", str(log), "--from", "2023-01-01", "--to", "2023-01-06",
                       "--out", str(out))
    assert code == 0, err
    assert pl.read_parquet(out)["present"].to_list() == [0, 1, 2, 2, 1, 0]
    rejects = pl.read_parquet(tmp_path / "flows.rejects.parquet")
    # the one row that cannot be counted, as the columns flows reads give it
    assert rejects.select("row", "field", "record").rows() == [
        (5, "direction", "X,2023-01-03,out,KZ")]
    code, _, err = run("batch", str(log), "--country", "KZ", "--on", "2023-01-04",
                       "--out", str(tmp_path / "persons.parquet"))
    assert code == 0, err
    assert pl.read_parquet(tmp_path / "persons.rejects.parquet")["field"].to_list() == [
        None, "citizenship", "citizenship", None, "direction"]


def test_flows_says_how_many_stays_it_merged(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\nF,KZ,2023-01-02,2023-01-08\n"
                   "F,KZ,2023-01-04,2023-01-06\n")
    code, stdout, err = run("flows", str(log), "--from", "2023-01-01", "--to", "2023-01-10",
                            "--out", str(tmp_path / "flows.csv"))
    assert code == 0, err
    assert "1 merged into overlapping stays (counted once)" in stdout
    counted = pl.read_csv(tmp_path / "flows.csv")
    assert (counted["arrivals"].sum(), counted["departures"].sum()) == (1, 1)


def test_without_links_a_failed_rename_keeps_the_new_output_not_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # on a file system with no hard links (FAT, some network mounts) the replaced file cannot
    # be put back: the new output must stay, not be removed along with the old one
    from sojourn.outputs import RenameFailed, atomic_paths

    def no_links(*args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("old a\n")
    with pytest.raises(RenameFailed) as failed, atomic_paths([first, second]) as temps:
        for tmp in temps:
            tmp.write_text("new\n")
        second.mkdir()
    assert first.read_text() == "new\n"
    # told, not hidden: the error is the rename's, with the outputs that could not be undone
    assert failed.value.errno == errno.EISDIR and failed.value.stayed == [first]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_a_signal_during_the_renames_waits_until_all_are_done(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sojourn import outputs

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    before = signal.signal(signal.SIGTERM, stop)
    replace = Path.replace
    calls: list[Path] = []

    def replace_then_signal(self: Path, target: Path) -> Path:
        done = replace(self, target)
        calls.append(Path(target))
        if len(calls) == 1:  # SIGTERM between the first rename and the second
            signal.raise_signal(signal.SIGTERM)
        return done

    monkeypatch.setattr(Path, "replace", replace_then_signal)
    paths = [tmp_path / "a.csv", tmp_path / "b.csv"]
    paths[0].write_text("old a\n")
    paths[1].write_text("old b\n")
    try:
        with pytest.raises(SystemExit) as stopped, outputs.atomic_paths(paths) as temps:
            for tmp in temps:
                tmp.write_text("new\n")
    finally:
        signal.signal(signal.SIGTERM, before)
    assert stopped.value.code == 128 + signal.SIGTERM
    assert [p.read_text() for p in paths] == ["new\n", "new\n"]  # both renamed, then stopped
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_a_later_rename_failing_says_the_earlier_outputs_were_put_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sojourn.batch.job as job
    from sojourn.errors import InputError

    frame = pl.DataFrame({"x": [1]})
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("old a\n")

    def then_taken(path: Path) -> None:  # the second output's writer; its place is then taken
        path.write_text("new b\n")
        second.mkdir()

    with pytest.raises(InputError) as failed:
        job.write_outputs([(frame, first)], [(then_taken, second)])
    assert (f"{second}: cannot be written (Is a directory); the outputs renamed before it were "
            "put back as they were") in str(failed.value)
    assert first.read_text() == "old a\n"


@pytest.mark.parametrize("assume", [(), ("--assume", "kz-change-26-jan")])
def test_batch_names_the_contested_accounts_it_judged_by(tmp_path: Path,
                                                         assume: tuple[str, ...]) -> None:
    # status named the account of Kazakhstan's change it assumed; batch said nothing of it,
    # in its summary or its outputs
    history = tmp_path / "one.csv"
    history.write_text("country,entry,exit\nKZ,2022-12-01,\n", encoding="utf-8")
    code, out, err = run("status", str(history), "--country", "KZ", "--citizenship", "RU",
                         "--on", "2023-03-01", "--json", *assume)
    status = {(x["rule"], x["variant"], tuple(x["alternatives"]))
              for x in json.loads(out)["assumptions"]}
    assert code == 0 and status, err
    code, out, err = batch(tmp_path, "--violations-out", str(tmp_path / "runs.parquet"),
                           "--json", *assume)
    assert code == 0, err
    assumed = json.loads(out)["assumed"]
    assert {(x["rule"], x["variant"], tuple(x["alternatives"])) for x in assumed
            if "RU" in x["citizenships"]} == status
    # the judged citizenships whose rules hold it: not the Kazakh (P006), no foreigner at
    # home, nor the Georgian (P007), for whom the pack has no rule
    persons = pl.read_parquet(tmp_path / "persons.parquet")
    judged = set(persons["citizenship"].to_list()) - {"KZ", "GE"}
    assert all(set(x["citizenships"]) == judged for x in assumed)
    for name in ("persons.parquet", "runs.parquet"):
        kept = pl.read_parquet_metadata(tmp_path / name)["sojourn.assumed"]
        assert json.loads(kept) == assumed
    code, out, err = batch(tmp_path, *assume)
    # one line a rule, as the two rules' rival accounts differ since kz-days-before-count
    for rule, variant, others in sorted(status):
        assert (f"  Warning: contested rule ({rule}): assumed '{variant}'; other accounts: "
                f"{' or '.join(f'--assume {o}' for o in others)}.") in out.splitlines()


def test_an_ad_hoc_batch_assumes_no_account(tmp_path: Path) -> None:
    code, out, err = run("batch", STAYS, "--rule", "rolling:90/180", "--on", "2023-03-01",
                         "--out", str(tmp_path / "persons.parquet"), "--json")
    assert code == 0, err
    assert json.loads(out)["assumed"] == []
    assert json.loads(pl.read_parquet_metadata(tmp_path / "persons.parquet")
                      ["sojourn.assumed"]) == []
