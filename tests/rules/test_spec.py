"""``--rule`` specs: the accepted forms, and a message naming the bad part and the form."""

from __future__ import annotations

import pytest

from sojourn.engine.kinds import CalendarYear, PerEntry, Registration, Rolling
from sojourn.errors import InputError, Problem
from sojourn.rules.spec import SPEC_FORM, parse_spec


@pytest.mark.parametrize(("spec", "expected"), [
    ("rolling:90/180", [Rolling(max=90, window=180)]),
    ("per-entry:90", [PerEntry(max=90)]),
    ("per_entry:90", [PerEntry(max=90)]),
    ("calendar-year:183", [CalendarYear(max=183)]),
    ("calendar-year:366", [CalendarYear(max=366)]),
    ("registration:3", [Registration(within=3, unit="calendar")]),
    ("registration:3/working", [Registration(within=3, unit="working")]),
    ("rolling:90/90", [Rolling(max=90, window=90)]),
    (" Per-Entry : 60 + ROLLING:90/180 ", [PerEntry(max=60), Rolling(max=90, window=180)]),
])
def test_accepted_specs(spec: str, expected: list[object]) -> None:
    assert parse_spec(spec) == expected


def test_specs_round_trip() -> None:
    for c in parse_spec("per-entry:60+rolling:90/180+calendar-year:183+registration:3/working"):
        assert parse_spec(c.spec) == [c]


def problem(spec: str) -> Problem:
    with pytest.raises(InputError) as info:
        parse_spec(spec)
    [p] = info.value.problems
    assert (p.file, p.line, p.field) == ("--rule", None, None)
    return p


@pytest.mark.parametrize(("spec", "value", "message", "form"), [
    ("rolling:90", "rolling:90", "needs MAX/WINDOW after 'rolling:'", "rolling:90/180"),
    ("rolling", "rolling", "needs MAX/WINDOW after 'rolling:'", "rolling:MAX/WINDOW"),
    ("rolling:90/180/3", "rolling:90/180/3", "needs MAX/WINDOW", "rolling:MAX/WINDOW"),
    ("rolling:ninety/180", "rolling:ninety/180", "needs MAX/WINDOW", "rolling:MAX/WINDOW"),
    # a number that is no count said "needs MAX", as if the spec had the wrong shape
    ("per-entry:-5", "per-entry:-5", "MAX must be a positive whole number, not -5",
     "per-entry:MAX, e.g. per-entry:90"),
    ("rolling:-1/180", "rolling:-1/180", "MAX must be a positive whole number, not -1",
     "rolling:MAX/WINDOW, e.g. rolling:90/180"),
    ("rolling:90/-180", "rolling:90/-180", "WINDOW must be a positive whole number, not -180",
     "rolling:MAX/WINDOW"),
    ("calendar-year:1.5", "calendar-year:1.5", "MAX must be a positive whole number, not 1.5",
     "calendar-year:MAX (1 to 366)"),
    ("registration:-3/working", "registration:-3/working",
     "DAYS must be a positive whole number, not -3", "registration:DAYS"),
    ("registration:3/workin", "registration:3/workin",
     "needs DAYS, DAYS/working or DAYS[/working]/extends",
     "registration:3/working"),
    ("foo:1", "foo:1", "is not a constraint kind", SPEC_FORM),
    ("90/180", "90/180", "is not a constraint kind", SPEC_FORM),
    ("rolling:200/180", "rolling:200/180", "max 200 is larger than the window 180",
     "MAX at most WINDOW"),
    ("rolling:0/180", "rolling:0/180", "MAX must be more than 0", "rolling:MAX/WINDOW"),
    ("rolling:90/0", "rolling:90/0", "WINDOW must be more than 0", "rolling:MAX/WINDOW"),
    ("calendar-year:400", "calendar-year:400", "MAX must be at most 366", "1 to 366"),
    ("registration:0", "registration:0", "DAYS must be more than 0", "registration:DAYS"),
    ("per-entry:60+", "per-entry:60+", "has an empty part around '+'", SPEC_FORM),
    ("per-entry:60++rolling:90/180", "per-entry:60++rolling:90/180",
     "has an empty part around '+'", SPEC_FORM),
    ("", None, "is empty", SPEC_FORM),
    # other scripts' digits are no MAX (pydantic read them, and answered in its own words)
    ("rolling:\u0669\u0660/\u0661\u0668\u0660", "rolling:\u0669\u0660/\u0661\u0668\u0660",
     "needs MAX/WINDOW after 'rolling:'", "rolling:MAX/WINDOW"),
])
def test_refused_specs(spec: str, value: str | None, message: str, form: str) -> None:
    p = problem(spec)
    assert p.value == value
    assert message in p.message
    assert p.expected is not None and form in p.expected


def test_the_bad_part_of_a_combination_is_named() -> None:
    p = problem("per-entry:60+rolling:90+calendar-year:90")
    assert p.value == "rolling:90"


def test_a_long_spec_is_not_echoed_whole() -> None:
    text = str(problem("rolling:" + "9" * 5000))
    assert "9" * 100 not in text
    assert len(text) < 300
