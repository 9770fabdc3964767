"""The Polars engine's run: checking in slices of whole persons changes nothing."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from sojourn.batch import frames, inputs
from sojourn.batch.flows import flows
from sojourn.batch.job import (
    Reason,
    _id_range,
    _in_slices,
    run,
    run_flows,
    summarize,
    top_reasons,
)
from sojourn.batch.pipeline import Job, Outputs, process
from sojourn.batch.ranges import cuts, range_of, sample
from sojourn.dates import date_hint
from sojourn.errors import InputError, Problem, UsageError
from sojourn.rules.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]
LOGS = [ROOT / "examples" / "crossings.csv", ROOT / "examples" / "crossing-events.csv"]


def test_slices_of_whole_persons_give_the_outputs_of_one_call() -> None:
    job = Job(on=dt.date(2023, 3, 1), country="KZ")
    steps: list[tuple[int, int]] = []
    for log in LOGS:
        raw = inputs.scan_input(log)
        frame = inputs.collect_raw(raw)
        whole = process(frame, raw.form, raw.source, job)
        for size in (1, 2, 5):
            sliced = _in_slices(frame, raw.form, raw.source, job,
                                lambda done, total: steps.append((done, total)), size=size)
            assert_frame_equal(sliced.persons, whole.persons)
            assert_frame_equal(sliced.violations, whole.violations)
            assert_frame_equal(sliced.rejects, whole.rejects)
            assert (sliced.rows, sliced.merged) == (whole.rows, whole.merged)
    assert steps[-1][0] == steps[-1][1] > 1  # the progress bar reaches its end


def test_run_equals_one_process_call_and_counts_every_row() -> None:
    job = Job(on=dt.date(2023, 3, 1), country="KZ")
    for log in LOGS:
        raw = inputs.scan_input(log)
        once = process(inputs.collect_raw(raw), raw.form, raw.source, job)
        out = run(log, job)
        assert_frame_equal(out.persons, once.persons)
        assert_frame_equal(out.violations, once.violations)
        assert_frame_equal(out.rejects, once.rejects)
        summary = summarize(out, 1.0)
        assert summary.rows_evaluated + summary.rows_rejected == summary.rows
        assert summary.persons == out.persons.height
        assert summary.over_limit == out.persons.filter(pl.col("over_limit")).height


def test_a_run_loads_the_pack_once_whatever_the_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    # each slice loaded it, and the first slices, in threads of their own, at the same time
    from sojourn.batch import job as job_module
    from sojourn.batch import pipeline

    loads: list[object] = []

    def counted(path: object = None) -> object:
        loads.append(path)
        return load_pack(path)

    in_slices = job_module._in_slices
    monkeypatch.setattr(pipeline, "load_pack", counted)
    monkeypatch.setattr(job_module, "_in_slices", lambda frame, form, source, job, step:
                        in_slices(frame, form, source, job, step, size=2))
    steps: list[tuple[int, int]] = []
    out = run(LOGS[0], Job(on=dt.date(2023, 3, 1), country="KZ"),
              progress=lambda done, total: steps.append((done, total)))
    assert steps[-1][1] > 2 and out.persons.height > 0  # several slices, each judged
    assert loads == [None]


def test_the_commonest_reasons_for_rejects_are_counted() -> None:
    def rows(*cells: tuple[str | None, str]) -> pl.DataFrame:
        return pl.DataFrame([{"row": i, "line": i + 1, "person_id": "p", "field": f,
                              "value": None, "reason": r, "expected": "", "record": ""}
                             for i, (f, r) in enumerate(cells)], schema=frames.REJECTS)

    rejects = rows(("entry", "is empty"), ("exit", "is empty"), ("entry", "is empty"),
                   (None, "not evaluated: row 1 of this person was rejected"),
                   (None, "not evaluated: row 1 of this person was rejected"),
                   ("country", "is not a known country code"), ("entry", "is not a date"),
                   # the values a reason names (dates, rows, codes) do not make it another
                   ("exit", "is before entry 2023-01-10"), ("exit", "is before entry 2023-02-01"),
                   ("exit", "is before entry 2024-12-31"),
                   ("entry", "starts a stay in KG while the stay in KZ from row 2 runs until "
                             "2023-03-10"),
                   ("entry", "starts a stay in GE while the stay in AM from row 17 runs until "
                             "2024-01-01"))
    assert top_reasons(rejects) == (
        Reason("exit", "is before entry …", 3), Reason("entry", "is empty", 2),
        Reason("entry", "starts a stay in … while the stay in … from row … runs until …", 2))
    assert top_reasons(rejects, most=9)[-2:] == (
        Reason("entry", "is not a date", 1), Reason("exit", "is empty", 1))
    assert top_reasons(rows()) == ()


def test_a_reason_of_dates_written_another_way_says_which_comes_first_in_the_column() -> None:
    def rejects(*cells: tuple[str, str]) -> pl.DataFrame:
        return pl.DataFrame([{"row": i, "line": i + 1, "person_id": "p", "field": f, "value": v,
                              "reason": "is not a date" + date_hint(v), "expected": "",
                              "record": ""} for i, (f, v) in enumerate(cells)],
                            schema=frames.REJECTS)

    # entry's 25.09.2022 reads with the day first only; exit's cells settle nothing, so they
    # are told what the entry column's say, naming it: a file is exported in one form
    found = top_reasons(rejects(("entry", "02.12.2022"), ("entry", "25.09.2022"),
                                ("entry", "02.12.2022"), ("exit", "01.02.2023"),
                                ("exit", "2 дек 2022")))
    assert found == (
        Reason("entry", "is not a date; the column writes the day first: 25.09.2022 reads no "
                        "other way", 3),
        Reason("exit", "is not a date; the entry column writes the day first: 25.09.2022 "
                       "reads no other way", 2))
    # a column's own cells come first, even where another column's say otherwise
    found = top_reasons(rejects(("entry", "25.09.2022"), ("exit", "01.02.2023"),
                                ("exit", "09/24/2022")))
    assert found[0] == Reason("exit", "is not a date; the column writes the month first: "
                                      "09/24/2022 reads no other way", 2)


def test_a_slice_that_fails_stops_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The error of one slice reaches the caller, and slices not yet started never start."""
    from sojourn.batch import job as job_module

    started: list[int] = []

    def failing(frame: pl.DataFrame, form: str, source: str, job: Job) -> Outputs:
        started.append(frame.height)
        if len(started) == 2:
            raise InputError(Problem("log.csv", 3, "entry", "x", "is broken", "a date"))
        # every other slice takes a while, so that for all of them to start the caller would
        # have to miss the failure for seconds
        time.sleep(0.1)
        return process(frame, form, source, job)  # type: ignore[arg-type]

    monkeypatch.setattr(job_module, "process", failing)
    raw = inputs.scan_input(LOGS[0])
    frame = inputs.collect_raw(raw)
    with pytest.raises(InputError, match="is broken"):
        _in_slices(frame, raw.form, raw.source, Job(on=dt.date(2023, 3, 1), country="KZ"),
                   lambda done, total: None, size=1)
    slices = frame.height  # one row each
    assert slices > 20
    assert 2 <= len(started) < slices  # the slices queued behind the failure never start


def test_rows_without_a_person_id_are_rejected_whatever_the_slices(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit,citizenship\n"
                   "b,KZ,2023-01-01,2023-01-20,RU\n"
                   ",KZ,2023-01-02,2023-01-09,RU\n"
                   "a,KZ,2023-01-03,2023-02-09,RU\n"
                   "  ,GE,2023-01-05,,RU\n"
                   "c,KG,2023-01-09,,RU\n")
    job = Job(on=dt.date(2023, 3, 1), country="KZ")
    raw = inputs.scan_input(log)
    frame = inputs.collect_raw(raw)
    whole = process(frame, raw.form, raw.source, job)
    assert whole.rejects["row"].to_list() == [2, 4]
    for size in (1, 2):
        sliced = _in_slices(frame, raw.form, raw.source, job, lambda done, total: None,
                            size=size)
        assert_frame_equal(sliced.persons, whole.persons)
        assert_frame_equal(sliced.rejects, whole.rejects)


def test_an_input_naming_no_person_at_all_is_rejected_whole(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit\n,KZ,2023-01-01,2023-01-20\n"
                   " ,GE,2023-01-20,\n,KG,2023-02-01,\n")
    with pytest.raises(InputError, match="no person_id of the first 3 rows is one"):
        inputs.scan_input(log)  # refused with the file (inputs._columns) ...
    # ... but such rows may come after the rows judged, and a slice may hold only them, as a
    # Dask task reads its slice (checked: past that judgement)
    raw = inputs.scan_input(log, checked=True)
    out = _in_slices(inputs.collect_raw(raw), raw.form, raw.source,
                     Job(on=dt.date(2023, 3, 1), rule="rolling:90/180"),
                     lambda done, total: None, size=1)
    assert out.persons.is_empty()
    assert out.rejects["row"].to_list() == [1, 2, 3]
    assert set(out.rejects["field"]) == {"person_id"}
    assert _id_range(pl.Series([None, None, None], dtype=pl.String), 2).to_list() == [0, 0, 0]


@pytest.mark.parametrize("parts", [1, 2, 3, 7, 40])
def test_ids_placed_in_parts_get_the_ranges_of_one_placing(parts: int) -> None:
    ids = pl.Series([f"p{(i * 7919) % 23:02d}" if i % 9 else None for i in range(31)],
                    dtype=pl.String)
    ranges = _id_range(ids, 4, parts=parts)
    frame = ids.rename("person_id").to_frame()
    at_once = range_of(pl.col("person_id"), cuts(sample(frame.lazy(), frame.height), 4))
    assert ranges.to_list() == frame.select(at_once).to_series().to_list()
    # each id in one range, the ranges in the ids' order, and rows without an id in the first
    placed = pl.DataFrame({"id": ids, "range": ranges})
    assert (placed.group_by("id").agg(pl.col("range").n_unique())["range"] == 1).all()
    assert placed.drop_nulls().sort("id")["range"].is_sorted()
    assert set(placed.filter(pl.col("id").is_null())["range"]) == {0}
    assert placed["range"].n_unique() > 1


def test_flows_counted_in_slices_equal_the_flows_of_the_whole_log(tmp_path: Path) -> None:
    first, last = dt.date(2022, 9, 1), dt.date(2023, 6, 30)
    steps: list[tuple[int, int]] = []
    as_parquet = tmp_path / "crossings.parquet"
    pl.read_csv(LOGS[0], infer_schema=False).write_parquet(as_parquet)
    for log in [*LOGS, as_parquet]:
        # read whole as flows reads it: no citizenship column (a count does not depend on it)
        raw = inputs.scan_input(log, optional=())
        whole = inputs.normalize(inputs.collect_raw(raw), raw.form, raw.source)
        expected = flows(whole.stays, first, last)
        assert expected["present"].sum() > 0
        for size in (1, 3, 10_000):
            got = run_flows(log, first, last, lambda done, total: steps.append((done, total)),
                            size=size)
            assert_frame_equal(got.table, expected)
            assert_frame_equal(got.rejects, whole.rejects)
            assert got.rows == whole.rows
    assert any(done == total > 1 for done, total in steps)  # several slices, all counted


def test_the_citizenship_option_is_a_code_or_none() -> None:
    on = dt.date(2023, 3, 1)
    assert Job(on=on, country="KZ", citizenship=" ru").citizenship == "RU"
    assert Job(on=on, country="KZ").citizenship is None
    # as every command takes it: an empty value is refused, not taken as absent
    for bad in ("XX", ""):
        with pytest.raises(UsageError, match=f"--citizenship: '{bad}' is not a country code"):
            Job(on=on, rule="rolling:90/180", citizenship=bad)


def test_an_ad_hoc_rule_takes_persons_as_they_are(tmp_path: Path) -> None:
    # --rule judges every person alike: none is rejected for lacking a citizenship, and the
    # option, which the pack's rules alone would use, fills in none.
    log = tmp_path / "log.csv"
    log.write_text("person_id,country,entry,exit,citizenship\n"
                   "a,KZ,2023-01-01,2023-01-20,\nb,KZ,2023-01-05,,uz\n")
    on = dt.date(2023, 3, 1)
    out = run(log, Job(on=on, rule="rolling:90/180", country="KZ", citizenship="RU"))
    assert out.rejects.is_empty()
    assert out.persons.select("person_id", "citizenship").rows() == [("a", None), ("b", "UZ")]
    by_pack = run(log, Job(on=on, country="KZ", citizenship="RU"))
    assert by_pack.persons.select("person_id", "citizenship").rows() == [("a", "RU"), ("b", "UZ")]


def test_a_reasons_hint_of_the_code_meant_does_not_make_it_another() -> None:
    rejects = pl.DataFrame(
        [{"row": i, "line": i + 1, "person_id": "p", "field": "country", "value": v,
          "reason": "is not a known country code" + h, "expected": "", "record": ""}
         for i, (v, h) in enumerate([("KAZ", "; did you mean KZ (Kazakhstan)?"),
                                     ("GEO", "; did you mean GE (Georgia)?"), ("XK1", "")])],
        schema=frames.REJECTS)
    assert top_reasons(rejects) == (Reason("country", "is not a known country code", 3),)
