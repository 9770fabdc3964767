"""One batch job: read, check, evaluate, and the outputs of it; the same for every engine.

``process`` is the whole computation for a set of rows that holds every row of each person in
it. Both engines call it once per range of ids (:mod:`sojourn.batch.ranges`): the Polars
engine on slices of the file read at once (:mod:`sojourn.batch.job`), the Dask engine on
partitions written by its workers; both join the parts with :func:`combine`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import polars as pl

from sojourn.batch.evaluate import Judge, evaluate, pack_judge, rule_judge
from sojourn.batch.frames import REJECTS, conform
from sojourn.batch.inputs import normalize
from sojourn.errors import UsageError
from sojourn.rules.loader import load_pack


@dataclass(frozen=True)
class Job:
    """What to evaluate: the host (pack) or an ad-hoc regime, on which day."""

    on: dt.date
    country: str | None = None
    rule: str | None = None
    citizenship: str | None = None  # for rows whose input gives none
    assume: tuple[str, ...] = ()
    pack_dir: Path | None = None


@dataclass(frozen=True)
class Outputs:
    persons: pl.DataFrame     # one row per evaluated person, sorted by person_id
    violations: pl.DataFrame  # one row per violation run, sorted by person_id, first_day
    rejects: pl.DataFrame     # frames.REJECTS, sorted by row
    rows: int                 # input rows seen
    merged: int               # stays merged into another


def judge_for(job: Job) -> Judge:
    """The rules of ``job``: the pack's for ``--country``, or an ad-hoc regime."""
    if job.rule is not None:
        return rule_judge(job.rule, job.country)
    if job.country is None:
        raise UsageError("give --country CODE (rules from the pack) or --rule SPEC")
    return pack_judge(load_pack(job.pack_dir), job.country, job.on, job.assume)


def process(raw: pl.DataFrame, form: Literal["stays", "events"], source: str, job: Job
            ) -> Outputs:
    """Normalize and evaluate ``raw`` (all rows of each person in it)."""
    checked = normalize(raw, form, source)
    stays, rejects = checked.stays, checked.rejects
    if job.rule is None:
        stays, rejects = _citizenship_known(stays, rejects, job.citizenship)
    persons, violations = evaluate(stays, judge_for(job), job.on)
    return Outputs(persons, violations, rejects.sort("row"), checked.rows, checked.merged)


def _citizenship_known(stays: pl.DataFrame, rejects: pl.DataFrame, default: str | None
                       ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Fill missing citizenships with ``--citizenship``; without it, a person whose rows name
    none is rejected: the pack's rules depend on it, and no default is guessed."""
    if default is not None:
        return stays.with_columns(pl.col("citizenship").fill_null(default.upper())), rejects
    unknown = stays.group_by("person_id").agg(pl.col("citizenship").is_null().all()
                                              .alias("none")).filter("none")
    if unknown.is_empty():
        return stays, rejects
    bad = stays.join(unknown.select("person_id"), on="person_id", how="semi")
    reasons = bad.select(
        "row", "line", "person_id", field=pl.lit("citizenship"), value=pl.lit(None, pl.String),
        reason=pl.lit("no citizenship for this person: the pack's rules depend on it"),
        expected=pl.lit("a citizenship column with an ISO 3166-1 alpha-2 code such as RU, or "
                        "--citizenship CODE for persons without one"),
        record=pl.concat_str([pl.col("person_id"), pl.col("country"),
                              pl.col("entry").cast(pl.String),
                              pl.col("exit").cast(pl.String).fill_null("")], separator=","))
    return (stays.join(unknown.select("person_id"), on="person_id", how="anti",
                       maintain_order="left"),  # the stays' order is frames.STAYS
            pl.concat([rejects, conform(reasons, REJECTS)]))


def combine(parts: list[Outputs]) -> Outputs:
    """Outputs of consecutive ranges of ids (see :mod:`sojourn.batch.ranges`), given in range
    order, as one: each part's persons and violations are sorted by id, so the parts joined
    in order are too, and need no sort; rejects, by input row, do."""
    return Outputs(
        persons=pl.concat([p.persons for p in parts]),
        violations=pl.concat([p.violations for p in parts]),
        rejects=pl.concat([p.rejects for p in parts]).sort("row"),
        rows=sum(p.rows for p in parts),
        merged=sum(p.merged for p in parts),
    )
