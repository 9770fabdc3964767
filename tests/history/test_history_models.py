"""The person-supplied file schema: strict ISO dates, ISO country codes, unknown fields refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pydantic
import pytest

from sojourn.history.models import PersonIn, ProfileIn, TripIn


def _errors(model: type[pydantic.BaseModel], data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(pydantic.ValidationError) as info:
        model.model_validate(data)
    return [dict(e) for e in info.value.errors(include_url=False)]


def trip(**fields: Any) -> dict[str, Any]:
    return {"country": "KZ", "entry": "2023-01-27", "exit": "2023-03-01", **fields}


def test_a_trip_reads_iso_dates_and_codes() -> None:
    t = TripIn.model_validate(trip(country=" kz ", by="land"))
    assert (t.country, t.entry, t.exit, t.by) == (
        "KZ", dt.date(2023, 1, 27), dt.date(2023, 3, 1), "land")


@pytest.mark.parametrize("exit_", [None, "", "   "])
def test_an_empty_exit_means_still_there(exit_: str | None) -> None:
    assert TripIn.model_validate(trip(exit=exit_)).exit is None


def test_exit_on_the_entry_day_is_one_day() -> None:
    assert TripIn.model_validate(trip(exit="2023-01-27")).exit == dt.date(2023, 1, 27)


def test_leap_day_is_a_date() -> None:
    assert TripIn.model_validate(trip(entry="2024-02-29", exit=None)).entry == dt.date(
        2024, 2, 29)


@pytest.mark.parametrize(("value", "message"), [
    # a date written in another form is told the dates it may mean: both where the day and
    # the month may be either, the one where only one reading is a date
    ("01/02/2023", "is not a date; did you mean 2023-02-01 (1 February) or 2023-01-02 "
                   "(2 January)?"),
    ("2023-1-5", "is not a date; did you mean 2023-01-05 (5 January)?"),
    ("20230105", "is not a date"),         # compact ISO: not what people mean here
    ("2023-W04-5", "is not a date"),       # ISO week date
    ("2023-01-27T10:00", "is not a date"),
    ("27.01.2023", "is not a date; did you mean 2023-01-27 (27 January)?"),
    ("27 Jan 2023", "is not a date; did you mean 2023-01-27 (27 January)?"),
    ("27 января 2023", "is not a date; did you mean 2023-01-27 (27 January)?"),
    ("27.01.23", "is not a date; did you mean 2023-01-27 (27 January)?"),
    ("2023-02-29", "is not a calendar date: February 2023 has 28 days"),
    ("2023-02-30", "is not a calendar date: February 2023 has 28 days"),
    ("2023-13-01", "is not a calendar date: there is no month 13; did you mean "
                   "2023-01-13 (13 January)?"),
    ("", "is empty"),
    (20230127, "is not a date"),
])
def test_entry_must_be_an_iso_calendar_date(value: object, message: str) -> None:
    [err] = _errors(TripIn, trip(entry=value))
    assert err["loc"] == ("entry",)
    assert err["msg"] == message
    assert "YYYY-MM-DD" in err["ctx"]["expected"]


@pytest.mark.parametrize("value", ["8999-01-01", "1899-12-31", "0001-01-01", "9999-12-31",
                                   dt.date(3000, 1, 1)])
def test_a_date_outside_the_days_judged_is_refused(value: object) -> None:
    # the engine's "open-ended" is 9000-01-01: a trip in 8999 used to be judged wrongly
    [err] = _errors(TripIn, trip(entry=value))
    assert (err["loc"], err["msg"]) == (("entry",), "is outside the days sojourn judges")
    assert err["ctx"]["expected"] == "a date from 1900-01-01 to 2999-12-31"


@pytest.mark.parametrize("value", ["1900-01-01", "2999-12-31"])
def test_the_first_and_last_days_judged_are_accepted(value: str) -> None:
    assert TripIn.model_validate(trip(entry=value, exit=None)).entry.isoformat() == value


def test_a_datetime_is_not_a_date() -> None:
    [err] = _errors(TripIn, trip(entry=dt.datetime(2023, 1, 27, 10, 0)))
    assert "date and time" in err["msg"]


@pytest.mark.parametrize("code", ["XX", "KAZ", "Kazakhstan", "SU", "K", "12",
                                  "ß", "ﬁ", "ſe"])  # Unicode upper-cases these to SS, FI, SE
def test_country_must_be_iso_alpha_2(code: str) -> None:
    [err] = _errors(TripIn, trip(country=code))
    assert err["loc"] == ("country",)
    assert err["type"] == "country_code"
    assert "alpha-2" in err["ctx"]["expected"]


def test_norway_is_a_country_not_false() -> None:
    assert TripIn.model_validate(trip(country="no")).country == "NO"


def test_exit_before_entry_names_both_dates() -> None:
    [err] = _errors(TripIn, trip(entry="2023-03-10", exit="2023-02-01"))
    assert err["loc"] == ("exit",)
    assert err["type"] == "exit_before_entry"
    assert "2023-03-10" in err["msg"]
    assert "on or after 2023-03-10" in err["ctx"]["expected"]


def test_a_trip_refuses_unknown_fields() -> None:
    [err] = _errors(TripIn, trip(exti="2023-03-01"))
    assert (err["type"], err["loc"]) == ("extra_forbidden", ("exti",))


def test_a_trip_needs_country_and_entry() -> None:
    errs = _errors(TripIn, {"exit": "2023-03-01"})
    assert {(e["type"], e["loc"]) for e in errs} == {("missing", ("country",)),
                                                     ("missing", ("entry",))}


def test_travel_mode_is_one_of_a_few() -> None:
    [err] = _errors(TripIn, trip(by="car"))
    assert err["type"] == "literal_error"


def test_a_person_has_at_least_one_citizenship() -> None:
    [err] = _errors(PersonIn, {"citizenships": []})
    assert err["type"] == "too_short"


def test_a_profile_holds_only_known_sections() -> None:
    [err] = _errors(ProfileIn, {"trips": [], "passport_number": "4510 123456"})
    assert err["loc"] == ("passport_number",)


def test_a_profile_may_be_empty() -> None:
    profile = ProfileIn.model_validate({})
    assert profile.trips == [] and profile.person is None and profile.version == 1


def test_a_profile_version_is_1() -> None:
    [err] = _errors(ProfileIn, {"version": 2})
    assert err["loc"] == ("version",)
