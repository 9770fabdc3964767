"""One batch job: read, check, evaluate, and the outputs of it; the same for every engine.

``process`` is the whole computation for a set of rows that holds every row of each person in
it. Both engines call it once per range of ids (:mod:`sojourn.batch.ranges`): the Polars
engine on slices of the file read at once (:mod:`sojourn.batch.job`), the Dask engine on
partitions written by its workers; both join the parts with :func:`combine`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import polars as pl

from sojourn.batch.evaluate import Judge, evaluate, pack_judge, rule_judge
from sojourn.batch.inputs import normalize
from sojourn.errors import UsageError
from sojourn.rules.loader import Pack, load_pack
from sojourn.rules.select import refuse_assumed_for_ad_hoc
from sojourn.stay import citizenship_code


@dataclass(frozen=True)
class Job:
    """What to evaluate: the host (pack) or an ad-hoc regime, on which day."""

    on: dt.date
    country: str | None = None
    rule: str | None = None
    citizenship: str | None = None  # for persons whose rows give none
    assume: tuple[str, ...] = ()
    pack_dir: Path | str | None = None
    # the persons' earliest_entry column (--earliest-entry): opt-in, as it costs about a
    # tenth more CPU; carried to the Dask engine's workers with the rest of the job
    earliest_entry: bool = False
    # the pack itself, loaded once where the job was given: the Dask engine sends it to its
    # workers, whose own --pack path or built-in pack may differ from the client's
    pack: Pack | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # As every command takes --citizenship: " ru" is RU; "" and a non-code are refused
        # (with --rule too, which does not use it: a typo is said, not passed over).
        object.__setattr__(self, "citizenship",
                           citizenship_code(self.citizenship) if self.citizenship is not None
                           else None)

    def with_pack(self) -> Job:
        """This job with its pack loaded, where none was given: once for the run, not once per
        slice or partition (the first slices, in threads of their own, each loaded it at the
        same time). An ad-hoc --rule takes the pack's decrees moving days off, as status
        --rule does."""
        if self.pack is not None:
            return self
        return replace(self, pack=load_pack(self.pack_dir))


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
        refuse_assumed_for_ad_hoc(job.assume)
        return rule_judge(job.rule, job.country,
                          job.pack if job.pack is not None else load_pack(job.pack_dir))
    if job.country is None:
        raise UsageError("give --country CODE (rules from the pack) or --rule SPEC")
    pack = job.pack if job.pack is not None else load_pack(job.pack_dir)
    return pack_judge(pack, job.country, job.on, job.assume)


def process(raw: pl.DataFrame, form: Literal["stays", "events"], source: str, job: Job
            ) -> Outputs:
    """Normalize and evaluate ``raw`` (all rows of each person in it)."""
    # The pack's rules depend on each person's citizenship; an ad-hoc --rule's do not.
    by_pack = job.rule is None
    checked = normalize(raw, form, source, citizenship=job.citizenship if by_pack else None,
                        needs_citizenship=by_pack)
    persons, violations = evaluate(checked.stays, judge_for(job), job.on,
                                   earliest_entry=job.earliest_entry)
    return Outputs(persons, violations, checked.rejects, checked.rows, checked.merged)


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
