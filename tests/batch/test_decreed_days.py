"""The batch evaluator counts working days over the days off the pack's decrees move, as the
scalar engine does (src/sojourn/rules/pack/calendars.yaml)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from sojourn.batch.evaluate import evaluate, pack_judge, rule_judge
from sojourn.batch.frames import STAYS
from sojourn.history import Stay, build_history
from sojourn.rules.loader import load_pack
from sojourn.stay import stay_report

PACK = load_pack()


def _one(country: str, entry: dt.date, citizenship: str | None) -> pl.DataFrame:
    return pl.DataFrame([(1, None, "p", country, entry, None, citizenship)], schema=STAYS,
                        orient="row")


@pytest.mark.parametrize(("entry", "expected"), [
    (dt.date(2026, 4, 16), dt.date(2026, 4, 20)),  # Saturday 18 April worked
    (dt.date(2026, 4, 30), dt.date(2026, 5, 7)),   # Monday 4 May off
])
def test_an_ad_hoc_rule_counts_armenias_moved_days_as_status_does(entry: dt.date,
                                                                 expected: dt.date) -> None:
    spec = "registration:3/working"
    [row] = evaluate(_one("AM", entry, None), rule_judge(spec, "AM", PACK), entry)[0].to_dicts()
    history = build_history("log", [Stay("AM", entry, None, "line 2")])
    answer = stay_report(history, PACK, on=entry, country="AM", rule_spec=spec).answer
    assert answer.register_by is not None
    assert row["register_by"] == answer.register_by.by == expected


def test_the_packs_rules_count_kyrgyzstans_days_off_of_january_2026_as_status_does() -> None:
    entry = dt.date(2026, 1, 5)
    judge = pack_judge(PACK, "KG", entry)
    [row] = evaluate(_one("KG", entry, "UZ"), judge, entry)[0].to_dicts()
    history = build_history("log", [Stay("KG", entry, None, "line 2")])
    answer = stay_report(history, PACK, on=entry, country="KG", citizenship="UZ").answer
    assert answer.register_by is not None
    assert row["register_by"] == answer.register_by.by == dt.date(2026, 1, 16)
