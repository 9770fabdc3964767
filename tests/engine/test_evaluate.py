"""The engine on a rule change: each day is judged by the rule in force on it.

Ad-hoc ``--rule`` limits hold on every day, so a change of rules is built here directly, as
the pack builds it: one limit until the day before the change, the next from that day.
"""

from __future__ import annotations

import datetime as dt

from sojourn.dates import WorkingCalendar
from sojourn.engine import Case, InForce, PerEntry, Rolling, status

CHANGE = dt.date(2023, 1, 27)  # Kazakhstan's 90 per entry gave way to 90 in any 180
DAY = CHANGE.toordinal()
FOREVER = dt.date(9000, 1, 1).toordinal()


def case(entered: dt.date) -> Case:
    return Case(
        host_entries=((entered.toordinal(), None),), elsewhere=(), exempt=(),
        limits=(InForce("per-entry", PerEntry(max=90), ((0, DAY - 1),)),
                InForce("rolling", Rolling(max=90, window=180), ((DAY, FOREVER),))),
        registrations=(), known=((0, FOREVER),), unknown_reason="",
        calendar=WorkingCalendar(None))


def test_a_rule_is_in_force_on_its_first_day() -> None:
    # entered 17 January: 11 days by 27 January (17-27), so 79 left and the 90th day is
    # 16 April (17 January + 89 days); the old rule ended the day before and is not counted
    answer = status(case(dt.date(2023, 1, 17)), CHANGE)
    assert [(f.rule, f.in_force_on) for f in answer.constraints] == [("rolling", True)]
    assert answer.binding == "rolling"
    assert (answer.days_used, answer.days_remaining) == (11, 79)
    assert answer.latest_exit == dt.date(2023, 4, 16)


def test_the_day_before_a_change_is_the_old_rules_last() -> None:
    answer = status(case(dt.date(2023, 1, 17)), CHANGE - dt.timedelta(days=1))
    in_force = {f.rule: f.in_force_on for f in answer.constraints}
    assert in_force == {"per-entry": True, "rolling": False}
