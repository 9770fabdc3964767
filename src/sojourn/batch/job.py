"""A batch run end to end: read, evaluate with one engine (or count flows), write every
output or none.

Outputs are written to temporary names next to their targets and renamed only once all of
them are complete, so an interrupted or failed run leaves no half-written file behind.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

import polars as pl

from sojourn.batch import inputs
from sojourn.batch.flows import check_range, counts, flow_table
from sojourn.batch.inputs._forms import DATES
from sojourn.batch.pipeline import Job, Outputs, combine, process
from sojourn.batch.ranges import cuts, range_of, sample
from sojourn.dates import NOT_A_DATE, file_order
from sojourn.errors import InputError, Problem
from sojourn.outputs import check_not_input, check_output, write_whole

Engine = Literal["polars", "dask"]
Progress = Callable[[int, int], None]
T = TypeVar("T")
TABLE_FORM = "a .parquet or .csv file name"
# what an output's name may end in, what it is not if it does not, and the accepted form
TABLE = ((".parquet", ".csv"), "a table file name", TABLE_FORM)
CHART = ((".png",), "a .png file name", "a file name ending in .png, e.g. --plot flows.png")
SLICE_ROWS = 500_000  # input rows checked and evaluated together
AT_ONCE = 3  # slices worked on at the same time (on 2 cores, 3 beat 2: 7.5 s vs 8.1 s for
#               10M stays); each more holds its intermediate tables (1.80 GB vs 1.65 GB)


@dataclass(frozen=True)
class Summary:
    """What a run found, in numbers: the figures the CLI prints at its end."""

    persons: int
    # persons every row of whom was rejected: in no count but this one, nor in the persons
    # table, so that "persons" alone would read as everyone in the log
    persons_rejected: int
    present: int
    over_limit: int
    leave_within_7: int
    refused_entry: int  # absent, and the rules leave no day for an entry on the day
    barred: int  # absent, and an overstay's entry ban bars an entry on the day
    # with an overstay committed whose entry ban the pack cannot tell (entry_ban_unknown)
    ban_unknown: int
    with_violations: int
    violation_runs: int
    rows: int
    rows_evaluated: int
    rows_rejected: int
    merged: int
    seconds: float
    reasons: tuple[Reason, ...] = ()  # the commonest reasons for rejecting a row


@dataclass(frozen=True)
class Reason:
    """How many rejected rows one reason (a field and what is wrong with it) accounts for."""

    field: str
    reason: str
    rows: int


TOP_REASONS = 3
# The values a reason may name (dates, row numbers, country codes), each shown as "…" in the
# summary, so that "is before entry 2023-01-10" and "... 2023-02-01" count as one reason.
_HINT = r"; did you mean .*\?$"
_VALUES = r"\b(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]+|[A-Z]{2})\b"


def top_reasons(rejects: pl.DataFrame, most: int = TOP_REASONS) -> tuple[Reason, ...]:
    """The ``most`` commonest reasons of ``rejects`` (frames.REJECTS), each a field and what is
    wrong with it, the values it names shown as "…", with their rows: a run whose rows are all
    rejected says why on the console, not only in its file. Rows rejected only because another
    row of their person was (no field) are left out: the reason is that other row's."""
    # a row's "did you mean" names its own value's country: the reason is the same without it
    general = pl.col("reason").str.replace(_HINT, "").str.replace_all(_VALUES, "…")
    counted = (rejects.filter(pl.col("field").is_not_null())
               .group_by("field", general.alias("reason")).agg(pl.len().alias("rows"))
               .sort(["rows", "field", "reason"], descending=[True, False, False]).head(most))
    return tuple(Reason(f, r + _order_of_column(rejects, f, r), n)
                 for f, r, n in counted.iter_rows())


def _order_of_column(rejects: pl.DataFrame, field: str, reason: str) -> str:
    """For ``field``'s cells rejected as no date, what the rejected dates say of the order of
    day and month (:func:`~sojourn.dates.file_order`): a row's own hint gives 02.12.2026 two
    readings, though its column's 24.09.2022 has the day first, or, when its column has no
    such cell, the entry column's. Worked out once per reason from the distinct values, as
    the rows' hints are, never per row."""
    if reason != NOT_A_DATE:
        return ""
    dates = rejects.filter(pl.col("field").is_in(DATES)
                           & pl.col("reason").str.starts_with(NOT_A_DATE))
    return file_order(field, {name: dates.filter(pl.col("field") == name).get_column("value")
                              .drop_nulls().unique(maintain_order=True) for name in DATES})


def run(path: Path, job: Job, *, engine: Engine = "polars", scheduler: str | None = None,
        workers: int | None = None, partitions: int | None = None,
        workdir: Path | None = None, progress: Progress | None = None) -> Outputs:
    """Evaluate the log at ``path`` with the chosen engine; both give identical outputs.

    ``workdir`` holds the Dask engine's partition files while it runs (a cluster's workers
    must see it at the same path)."""
    if engine == "dask":
        from sojourn.batch.distributed import run_dask

        return run_dask(path, job, scheduler=scheduler, workers=workers, partitions=partitions,
                        workdir=workdir, progress=progress)
    step = progress or (lambda done, total: None)
    raw = inputs.scan_input(path)
    return _in_slices(inputs.collect_raw(raw), raw.form, raw.source, job.with_pack(), step)


def _in_slices(frame: pl.DataFrame, form: inputs.Form, source: str, job: Job,
               step: Progress, size: int = SLICE_ROWS) -> Outputs:
    """``process`` on slices of whole persons of ``frame`` (:func:`_by_slices`), joined: the
    same outputs as one call (its contract, which the Dask engine relies on too), with the
    intermediate tables of only a few slices at a time.

    Each slice's outputs are sorted by id and the slices' ranges of ids follow one another,
    so joining them (:func:`pipeline.combine`) needs no sort."""
    parts = _by_slices(frame, lambda part: process(part, form, source, job), step, size)
    # The input rows are not needed to join the parts: dropping them first (this frame holds
    # the last reference when called as run() calls it) lowers the peak of memory.
    del frame
    return combine(parts)


def _by_slices(frame: pl.DataFrame, work: Callable[[pl.DataFrame], T], step: Progress,
               size: int = SLICE_ROWS) -> list[T]:
    """``work`` on each slice of whole persons of ``frame``, in the order of their ranges of
    ids; ``step(done, total)`` after each.

    A slice is the persons whose ids fall in one range (:mod:`sojourn.batch.ranges`), of
    about ``size`` rows. :data:`AT_ONCE` slices are worked on at a time, each in its own
    thread (Polars releases the GIL): one slice alone leaves a core idle during Polars'
    sequential steps (running sums, small joins). The first failure stops the run: slices not
    yet started are dropped, and its error is raised."""
    slices = math.ceil(frame.height / size)
    if slices <= 1:
        step(0, 1)
        out = work(frame)
        step(1, 1)
        return [out]
    which = _id_range(frame.get_column("person_id"), slices)
    parts = []
    step(0, slices)
    pool = ThreadPoolExecutor(max_workers=AT_ONCE, thread_name_prefix="sojourn-slice")
    try:
        futures = [pool.submit(_one_slice, work, frame, which == i) for i in range(slices)]
        for i, future in enumerate(futures):
            parts.append(future.result())
            step(i + 1, slices)
    finally:  # on a failure, slices not yet started are dropped
        pool.shutdown(wait=True, cancel_futures=True)
    return parts


def _one_slice(work: Callable[[pl.DataFrame], T], frame: pl.DataFrame, chosen: pl.Series
               ) -> T:
    return work(frame.filter(chosen))


@dataclass(frozen=True)
class FlowOutputs:
    table: pl.DataFrame    # flows.flows's table
    rejects: pl.DataFrame  # frames.REJECTS, sorted by row
    rows: int              # input rows seen
    merged: int = 0        # stays of accepted persons merged into another (counted once)


def run_flows(path: Path, first: dt.date, last: dt.date, progress: Progress | None = None,
              size: int = SLICE_ROWS) -> FlowOutputs:
    """Arrivals, departures and persons present per country and day of ``[first, last]`` in
    the log at ``path``: checked and counted in slices of whole persons, whose counts add up
    (:func:`flows.counts`), as ``run`` evaluates them."""
    check_range(first, last)  # before any row is read
    # citizenship is no part of a count: a person whose passport differs from row to row (a
    # dual citizen, a naturalized one) is counted, not rejected, and a code is never asked for
    raw = inputs.scan_input(path, optional=())

    def count(part: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, int, int]:
        checked = inputs.normalize(part, raw.form, raw.source)
        return (counts(checked.stays, first, last), checked.rejects, checked.rows,
                checked.merged)

    parts = _by_slices(inputs.collect_raw(raw), count, progress or (lambda done, total: None),
                       size)
    return FlowOutputs(flow_table([p[0] for p in parts], first, last),
                       pl.concat([p[1] for p in parts]).sort("row"), sum(p[2] for p in parts),
                       sum(p[3] for p in parts))


def _id_range(ids: pl.Series, slices: int, parts: int | None = None) -> pl.Series:
    """For each id, its range among ``slices`` ranges of about as many rows (see
    :mod:`sojourn.batch.ranges`), cut at every n-th id, as the Dask engine cuts its partitions.

    The ids are placed in ``parts`` runs of rows (by default one per thread of Polars), each in
    a thread of its own: Polars places one column's ids on one core, and no slice can start
    before every row is placed (10M ids: 0.12 s against 0.21 s on two cores, in the same
    0.22 CPU seconds)."""
    frame = ids.rename("person_id").to_frame()
    cut_points = cuts(sample(frame.lazy(), frame.height), slices)
    step = max(1, -(-frame.height // (parts or pl.thread_pool_size())))

    def placed(offset: int) -> pl.Series:
        return frame.slice(offset, step).select(range_of(pl.col("person_id"), cut_points)
                                                ).to_series()

    with ThreadPoolExecutor(thread_name_prefix="sojourn-place") as pool:
        return pl.concat(pool.map(placed, range(0, max(1, frame.height), step)))


def summarize(out: Outputs, seconds: float) -> Summary:
    p = out.persons
    rejected = out.rejects.height
    return Summary(
        persons=p.height,
        persons_rejected=rejected_persons(out.rejects),
        present=int(p["present"].sum()),
        over_limit=int(p["over_limit"].sum()),
        leave_within_7=int((p["present"] & p["max_stay_days"].is_between(1, 7)
                            .fill_null(False)).sum()),
        # Not every absent person with no day left: one whom a planned trip leaves none
        # (limited_by planned_trip) would be let in, and the trip would then break a limit.
        refused_entry=int((~p["present"] & (p["max_stay_days"] == 0)
                           & (p["limited_by"] == "rule")).fill_null(False).sum()),
        # not among those refused by the count: a ban bars them whatever days they have left
        barred=int((~p["present"] & (p["limited_by"] == "entry_ban")).fill_null(False).sum()),
        ban_unknown=int(p["entry_ban_unknown"].sum()),
        with_violations=int((p["violations"] > 0).sum()),
        violation_runs=out.violations.height,
        rows=out.rows,
        rows_evaluated=out.rows - rejected,
        rows_rejected=rejected,
        merged=out.merged,
        seconds=seconds,
        reasons=top_reasons(out.rejects),
    )


def rejected_persons(rejects: pl.DataFrame) -> int:
    """How many persons ``rejects`` (frames.REJECTS) names: a person with a bad row has all
    rows rejected, so none of them is judged. A row with no ``person_id`` is no one's."""
    return rejects.get_column("person_id").drop_nulls().n_unique()


def default_rejects(out: Path) -> Path:
    """``persons.parquet`` -> ``persons.rejects.parquet``, next to it. ``out`` is checked
    first: a path with no file name in it (``.``, ``/``) has no name to derive one from."""
    _check_name(out, "--out")
    return out.with_name(f"{out.stem}.rejects{out.suffix}")


def _check_name(path: Path, option: str) -> None:
    """Refuse an output whose name does not say the form it is written in."""
    suffixes, what, form = CHART if option == "--plot" else TABLE
    if path.suffix.lower() not in suffixes:
        raise InputError(Problem(option, None, None, str(path), f"is not {what}", form))


def check_targets(targets: dict[str, Path]) -> None:
    """Refuse outputs that cannot be written or that would overwrite the input, before work."""
    seen: dict[str, Path] = {}
    for option, path in targets.items():
        if option != "INPUT":
            _check_name(path, option)
            check_output(path, option, f"out{path.suffix.lower()}")
            check_not_input(path, option, seen)
        seen[option] = path


def _for_csv(frame: pl.DataFrame) -> pl.DataFrame:
    """CSV has no list cells: rule ids are written joined by semicolons."""
    lists = [n for n, t in frame.schema.items() if isinstance(t, pl.List)]
    return frame.with_columns([pl.col(n).list.join(";") for n in lists])


def _write(frame: pl.DataFrame, path: Path, suffix: str,
           metadata: dict[str, str] | None = None) -> None:
    if suffix.lower() == ".csv":  # CSV has no place for metadata
        _for_csv(frame).write_csv(path)
    else:
        frame.write_parquet(path, metadata=metadata)


def write_outputs(tables: list[tuple[pl.DataFrame, Path]],
                  others: Sequence[tuple[Callable[[Path], None], Path]] = (),
                  metadata: Mapping[Path, dict[str, str]] | None = None) -> None:
    """Write every table, each to its path (a Parquet file with the key-value ``metadata``
    given for its path), and every other output (a chart) with its writer, or none of them
    (:func:`sojourn.outputs.write_whole`: a full disk, say, is an InputError)."""
    given = metadata or {}
    write_whole([*((partial(_write, frame, suffix=path.suffix, metadata=given.get(path)), path)
                   for frame, path in tables), *others])


def timed(func: Callable[[], Outputs]) -> tuple[Outputs, float]:
    start = time.perf_counter()
    out = func()
    return out, time.perf_counter() - start
