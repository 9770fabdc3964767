"""The evaluator's join through a planned entry into the host, which splices a copy's sorted
lists instead of building a new evaluator from the changed case."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import replace
from typing import Any

import pytest

from sojourn.dates import WorkingCalendar
from sojourn.engine import Case
from sojourn.engine.evaluate import _Evaluator

D = dt.date(2024, 1, 1).toordinal()
FOREVER = dt.date(9000, 1, 1).toordinal()
Stays = tuple[tuple[int, int | None], ...]


def _state(ev: _Evaluator) -> tuple[Any, ...]:
    """All the join changes, the lists built from the entries when first asked included."""
    # copied, so that a list the join changed in place shows against the state taken before
    return (ev.case.host_entries, tuple(ev.entries), tuple(ev.lasts), tuple(ev.host_firsts),
            ev.current, ev.away, tuple(ev.all_stays), tuple(ev.all_lasts))


@pytest.mark.parametrize(("host", "elsewhere"), [
    # away on the query day (D+15), planned entries ahead, one without an exit
    (((D + 10, D + 12), (D + 20, D + 25), (D + 30, None)), ()),
    # present: the current entry and the first planned one become one
    (((D + 10, D + 18), (D + 20, D + 25), (D + 30, D + 35)), ((D + 18, D + 20),)),
    # a stay elsewhere under way while away is no cap, and stays none once the stay from the
    # query day, entered that day in place of it, is joined to a planned entry
    (((D + 1, D + 5), (D + 20, D + 25)), ((D + 5, None), (D + 25, D + 40))),
    # a day trip in on the day the current entry began: the joined entry goes after it, as a
    # stable sort of the changed case puts it
    (((D + 10, D + 10), (D + 10, D + 18), (D + 20, D + 25)), ()),
])
def test_a_join_is_the_case_rebuilt_and_leaves_the_evaluator_it_came_from_as_it_was(
        host: Stays, elsewhere: Stays) -> None:
    on = dt.date.fromordinal(D + 15)
    case = Case(host_entries=host, elsewhere=elsewhere, exempt=(), limits=(), registrations=(),
                known=((0, FOREVER),), unknown_reason="unknown", calendar=WorkingCalendar(None))
    ev = _Evaluator(case, on)
    before = _state(ev)
    planned = bisect_right(ev.host_firsts, ev.on)  # the first entry begun after the query day
    through = ev._through(planned)
    start = ev.on if ev.current is None else host[ev.current][0]
    kept = [e for k, e in enumerate(host) if k not in (planned, ev.current)]
    joined = (start, host[planned][1])
    rebuilt = _Evaluator(replace(case, host_entries=tuple(
        sorted([*kept, joined], key=lambda e: e[0]))), on)
    # away as recorded, not as the joined entry has it: the stay from the query day is still
    # entered that day in place of a stay elsewhere under way (before the lists are built)
    rebuilt.away = ev.away
    assert _state(through) == _state(rebuilt)
    assert _state(ev) == before
