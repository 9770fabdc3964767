"""Strict ISO dates and working-day calendars."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from holidays.countries.uzbekistan import UzbekistanStaticHolidays
from hypothesis import example, given
from hypothesis import strategies as st

from sojourn.dates import (
    DecreedDays,
    Unsure,
    WorkingCalendar,
    column_order,
    date_hint,
    file_order,
    format_long,
    months_after,
    order_hint,
    parse_iso_date,
    within,
)
from sojourn.dates._calendar import forget_package_calendars
from sojourn.rules.calendars import decreed_days
from sojourn.rules.schema import DecreeYear
from sojourn.rules.topics import ValidFor


@pytest.mark.parametrize("text", ["2024-02-29", " 2023-01-27 "])
def test_iso_dates_are_accepted(text: str) -> None:
    assert parse_iso_date(text) == dt.date.fromisoformat(text.strip())


@pytest.mark.parametrize(("text", "words"), [
    ("2023-02-29", "not a calendar date"),   # 2023 is not a leap year
    ("20230101", "not a date"),              # compact ISO form: not what people mean here
    ("2023-W01-1", "not a date"),
    ("01/02/2023", "not a date"),
    ("\uff12\uff10\uff12\uff13-01-01", "not a date"),  # full-width digits
    ("\u0662\u0660\u0662\u0663-\u0660\u0661-\u0660\u0661", "not a date"),  # Arabic-Indic
])
def test_other_forms_are_refused(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_iso_date(text)


@pytest.mark.parametrize(("text", "why"), [
    # "is not a calendar date" alone left the user to find which part was wrong
    ("2023-02-29", "is not a calendar date: February 2023 has 28 days"),
    ("2024-02-30", "is not a calendar date: February 2024 has 29 days"),
    ("2023-04-31", "is not a calendar date: April 2023 has 30 days"),
    ("2023-04-00", "is not a calendar date: there is no day 00"),
    # the day and the month swapped: the date it may be is a hint, never a reading
    ("2026-13-01", "is not a calendar date: there is no month 13; did you mean 2026-01-13 "
                   "(13 January)?"),
    ("2026-13-13", "is not a calendar date: there is no month 13"),
    ("2026-00-05", "is not a calendar date: there is no month 00"),
])
def test_a_date_that_is_no_day_says_why(text: str, why: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_iso_date(text)
    assert str(refused.value) == why


BOTH = "; did you mean 2026-12-02 (2 December) or 2026-02-12 (12 February)?"
DECEMBER = "; did you mean 2026-12-02 (2 December)?"


@pytest.mark.parametrize(("text", "hint"), [
    # day and month either way round: both readings, the day first one first
    ("02.12.2026", BOTH), ("2/12/2026", BOTH), ("2-12-2026", BOTH),
    ("12/02/2026", "; did you mean 2026-02-12 (12 February) or 2026-12-02 (2 December)?"),
    # only one reading is a date
    ("31.12.2026", "; did you mean 2026-12-31 (31 December)?"),
    ("12/31/2026", "; did you mean 2026-12-31 (31 December)?"),
    ("5.5.2026", "; did you mean 2026-05-05 (5 May)?"),  # the same either way: said once
    # the year first, with another separator or a digit short
    ("2026/12/02", DECEMBER), ("2026.12.2", DECEMBER), ("2026-12-2", DECEMBER),
    # an English month's name, or its first letters, either side of the day
    ("2 Dec 2026", DECEMBER), ("2 December 2026", DECEMBER), ("December 2, 2026", DECEMBER),
    ("02-DEC-2026", DECEMBER), ("Dec. 2nd 2026", DECEMBER),
    ("sept 3 2026", "; did you mean 2026-09-03 (3 September)?"),
    # a Russian month's name: of a day (genitive), alone, cut short, any case, with the
    # word for year after the year
    ("2 декабря 2026", DECEMBER), ("2 Декабря 2026 г.", DECEMBER), ("2 ДЕК. 2026", DECEMBER),
    ("2 дек 2026 года", DECEMBER), ("2 декабрь 2026", DECEMBER),
    ("1 января 2026", "; did you mean 2026-01-01 (1 January)?"),
    ("28 февр. 2026", "; did you mean 2026-02-28 (28 February)?"),
    ("8 марта 2026", "; did you mean 2026-03-08 (8 March)?"),
    ("9 мая 2026", "; did you mean 2026-05-09 (9 May)?"),
    ("9 май 2026", "; did you mean 2026-05-09 (9 May)?"),
    ("12 июня 2026", "; did you mean 2026-06-12 (12 June)?"),
    ("12 июл. 2026", "; did you mean 2026-07-12 (12 July)?"),
    ("1 сент. 2026", "; did you mean 2026-09-01 (1 September)?"),
    ("4 нояб. 2026", "; did you mean 2026-11-04 (4 November)?"),
    ("02.12.2026 г.", BOTH),
    # a year of two digits: the years 69 to 99 as 19.., 00 to 68 as 20..
    ("02.12.26", BOTH), ("2/12/26", BOTH), ("2 дек. 26", DECEMBER), ("2 Dec 26", DECEMBER),
    ("31.12.68", "; did you mean 2068-12-31 (31 December)?"),
    ("01.02.69", "; did you mean 1969-02-01 (1 February) or 1969-01-02 (2 January)?"),
    ("15.06.85", "; did you mean 1985-06-15 (15 June)?"),
    # a month and a year: no day to name, so its days
    ("декабрь 2026", "; did you mean a day of December 2026, 2026-12-01 to 2026-12-31?"),
    ("Февр. 2028", "; did you mean a day of February 2028, 2028-02-01 to 2028-02-29?"),
    ("December 2026", "; did you mean a day of December 2026, 2026-12-01 to 2026-12-31?"),
    # no reading is a date sojourn judges, or the text is no date: no hint
    ("13.13.2026", ""), ("31 Feb 2026", ""), ("02.12.3026", ""), ("2 Foo 2026", ""),
    ("2.12/2026", ""), ("soon", ""), ("", ""),
    ("2 ию 2026", ""),  # июнь or июль: no guess
    ("2 ма 2026", ""), ("December 26", ""), ("декабрь 3026", ""), ("02.12.202", ""),
])
def test_a_date_written_another_way_is_told_what_it_may_mean(text: str, hint: str) -> None:
    assert date_hint(text) == hint
    if text:  # and the refusal says so
        with pytest.raises(ValueError) as refused:
            parse_iso_date(text)
        assert str(refused.value) == "is not a date" + hint


@pytest.mark.parametrize(("cells", "note"), [
    # a cell that reads with the day first only settles a column's 02.12.2026, told once
    (["02.12.2026", "24.09.2022", "25.09.2022"],
     "; the column writes the day first: 24.09.2022 reads no other way"),
    (["12/02/26", "09/24/22"], "; the column writes the month first: 09/24/22 reads no other way"),
    (["24.09.2022", "09/24/2022"], "; the column writes the day first in some cells "
                                   "(24.09.2022) and the month first in others (09/24/2022)"),
    # nothing settles it: the day and month either way, not a date, or written in words
    (["02.12.2026", "05.01.2023"], ""), (["45.09.2022", "31.02.2022", "24 Sep 2022"], ""), ([], ""),
])
def test_a_columns_cells_together_say_which_comes_first(cells: list[str], note: str) -> None:
    assert column_order(cells) == note


@pytest.mark.parametrize(("field", "note"), [
    # its own column's cells first: they settle it even where another column says otherwise
    ("exit", "; the column writes the month first: 09/24/2022 reads no other way"),
    # a column none of whose cells settles it is told what another column's say, named
    ("entry", "; the exit column writes the month first: 09/24/2022 reads no other way"),
    ("date", "; the exit column writes the month first: 09/24/2022 reads no other way"),
])
def test_a_column_that_does_not_settle_its_order_is_told_another_columns(
        field: str, note: str) -> None:
    columns = {"entry": ["02.12.2026", "05.01.2023"], "exit": ["12/02/2026", "09/24/2022"]}
    assert file_order(field, columns) == note


def test_the_files_order_is_told_only_of_a_date_that_reads_both_ways() -> None:
    columns = {"entry": ["24.09.2022"], "exit": ["02.12.2026"]}
    assert order_hint("02.12.2026", "exit", columns) == (
        "; the entry column writes the day first: 24.09.2022 reads no other way")
    # one reading already, or none: the file has nothing to add
    assert order_hint("24.12.2026", "exit", columns) == order_hint("soon", "exit", columns) == ""
    assert file_order("exit", {"entry": ["02.12.2026"], "exit": []}) == ""


def test_a_datetime_is_not_a_date() -> None:
    with pytest.raises(ValueError, match="date and time"):
        parse_iso_date(dt.datetime(2023, 1, 1, 12, 0))


@pytest.mark.parametrize(("first", "last", "inside"), [
    (dt.date(2023, 1, 27), dt.date(2023, 1, 27), True),  # both ends are days of the span
    (dt.date(2023, 1, 28), None, False),
    (None, dt.date(2023, 1, 26), False),
    (None, None, True),  # an end left out is open
])
def test_a_span_holds_its_ends_and_an_end_left_out_is_open(
        first: dt.date | None, last: dt.date | None, inside: bool) -> None:
    assert within(dt.date(2023, 1, 27), first, last) is inside


def test_long_form() -> None:
    assert format_long(dt.date(2023, 9, 7)) == "7 September 2023"


def test_working_days_skip_weekends_and_holidays() -> None:
    kz = WorkingCalendar("KZ")
    assert kz.knows_holidays
    # Tue 7 March 2023; 8 March is a public holiday in Kazakhstan.
    assert kz.add_working_days(dt.date(2023, 3, 7), 1) == dt.date(2023, 3, 9)
    assert kz.add_working_days(dt.date(2023, 3, 10), 1) == dt.date(2023, 3, 13)
    # and back: the same days, counted the other way
    assert kz.subtract_working_days(dt.date(2023, 3, 9), 1) == dt.date(2023, 3, 7)
    assert kz.subtract_working_days(dt.date(2023, 3, 13), 1) == dt.date(2023, 3, 10)


def test_a_day_off_moved_from_a_weekend_is_said_so_in_long_dates() -> None:
    # "a Sunday and Day off (substituted from 04/27/2024)": the package's words, with a US
    # date, read mid-sentence; nor is the day a public holiday
    ru = WorkingCalendar("RU")
    monday = dt.date(2024, 4, 29)  # off, for Saturday 27 April, worked
    assert ru.closed_on(monday) == "a day off moved from Saturday 27 April 2024"
    assert ru.closed_because(monday) == "a day off moved from Saturday 27 April 2024"
    assert ru.is_working_day(dt.date(2024, 4, 27))
    assert ru.closed_because(dt.date(2024, 5, 1)) == ("Holiday of Spring and Labor, a public "
                                                      "holiday")


def test_the_packs_decrees_are_laid_over_the_package_calendar() -> None:
    # Armenia's decision of 29 January 2026, which the package (to 2021) does not know
    decreed = DecreedDays({dt.date(2026, 5, 4): dt.date(2026, 4, 18)})
    am = WorkingCalendar("AM", decreed)
    assert WorkingCalendar("AM").is_working_day(dt.date(2026, 5, 4))
    assert not am.is_working_day(dt.date(2026, 5, 4))
    assert am.is_working_day(dt.date(2026, 4, 18))
    assert am.closed_on(dt.date(2026, 5, 4)) == "a day off moved from Saturday 18 April 2026"
    assert am.closed_because(dt.date(2026, 5, 4)) == am.closed_on(dt.date(2026, 5, 4))
    given = WorkingCalendar("KG", DecreedDays({dt.date(2026, 1, 8): None}))
    assert given.closed_on(dt.date(2026, 1, 8)) == "a day off by decree"
    # the pack's day wins over the package's: Kazakhstan's 3 January 2025, off for Sunday 5
    kz = WorkingCalendar("KZ", DecreedDays({dt.date(2025, 1, 6): None}))
    assert not WorkingCalendar("KZ").is_working_day(dt.date(2025, 1, 3))
    assert not kz.is_working_day(dt.date(2025, 1, 6))


def test_a_year_whose_decrees_the_pack_records_in_full_is_no_estimate() -> None:
    first, last = dt.date(2026, 12, 1), dt.date(2027, 1, 6)
    unknown = WorkingCalendar("KZ").unsure(first, last)
    assert unknown is not None and unknown.decrees_unknown == (2026, 2027)
    known = WorkingCalendar("KZ", DecreedDays(known_years=frozenset({2026}))).unsure(first, last)
    assert known is not None and known.decrees_unknown == (2027,)
    # days recorded, the year not complete: still unknown
    partial = WorkingCalendar("KZ", DecreedDays({dt.date(2026, 12, 7): None})).unsure(first, last)
    assert partial is not None and partial.decrees_unknown == (2026, 2027)


def test_a_year_the_pack_records_in_part_is_unknown_in_a_host_the_package_knows_no_decrees_of(
        ) -> None:
    # Tajikistan's package calendar moves no days by decree: its years were always known, even
    # one the pack records as complete: false
    first, last = dt.date(2026, 2, 2), dt.date(2026, 2, 13)
    assert WorkingCalendar("TJ").unsure(first, last) is None
    entry = DecreeYear.model_validate({
        "id": "tj-days-off-2026", "host": "TJ", "year": 2026, "complete": False,
        "decrees": [{"title": "a decree", "days_off": [{"day": "2026-03-23"}],
                     "sources": [{"title": "a report", "url": "https://example.org/"}],
                     "confidence": "low"}]})
    partial = WorkingCalendar("TJ", decreed_days([entry], "TJ"))
    assert partial.unsure(first, last) == Unsure((), (2026,))
    assert partial.unsure(dt.date(2025, 2, 3), dt.date(2025, 2, 14)) is None
    # and the pack's complete: false outweighs the package's record of the year
    russia = WorkingCalendar("RU", decreed_days([entry.model_copy(update={"host": "RU"})], "RU"))
    assert WorkingCalendar("RU").unsure(first, last) is None
    assert russia.unsure(first, last) == Unsure((), (2026,))


@pytest.fixture
def package_calendars_made_anew() -> Iterator[None]:
    """For a test that patches the `holidays` package's records: the calendars it asks are
    made after the patch, and those it made, which hold the patched days, are not kept for
    the tests after it (a country's package calendar is one for the thread)."""
    forget_package_calendars()
    yield
    forget_package_calendars()


@pytest.mark.usefixtures("package_calendars_made_anew")
def test_a_year_the_package_records_a_decree_of_is_known_once_it_estimates_no_holiday_of_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Uzbekistan's first decree of a year (a day off on 2 January, adopted in December) comes
    # before those moving days around its Eids, set once their dates are: with the first
    # alone recorded for 2027, the Eids of 2027 still estimated, the year was called known
    decrees = UzbekistanStaticHolidays
    monkeypatch.setitem(decrees.special_public_holidays, 2027,
                        ((1, 4, decrees.additional_day_off),))
    uz = WorkingCalendar("UZ")
    assert not uz.is_working_day(dt.date(2027, 1, 4))  # the package's record is read
    assert uz.unsure(dt.date(2027, 1, 11), dt.date(2027, 1, 15)) == Unsure((), (2027,))
    assert not uz.decrees_known(2027)
    # years whose Eids the package has set, the first decrees and the later ones, stay known
    assert uz.decrees_known(2026) and uz.decrees_known(2025) and uz.decrees_known(2022)
    # a host with no estimated holiday (Russia, one decree a year): its last year is known
    assert WorkingCalendar("RU").decrees_known(2027)
    assert not WorkingCalendar("RU").decrees_known(2028)


def test_without_a_calendar_only_weekends_are_skipped() -> None:
    none = WorkingCalendar(None)
    assert not none.knows_holidays
    # Tue 7 March 2023 to Wed 8 March: a holiday in Kazakhstan, but no calendar knows it here
    assert none.add_working_days(dt.date(2023, 3, 7), 1) == dt.date(2023, 3, 8)
    # Fri 10 March to Mon 13 March: Saturday and Sunday are skipped, and back again
    assert none.add_working_days(dt.date(2023, 3, 10), 1) == dt.date(2023, 3, 13)
    assert none.subtract_working_days(dt.date(2023, 3, 13), 1) == dt.date(2023, 3, 10)
    assert none.closed_on(dt.date(2023, 3, 11)) == "a Saturday"


def test_a_closed_day_names_why_and_moves_to_a_working_day() -> None:
    kz = WorkingCalendar("KZ")
    nauryz, sunday = dt.date(2023, 3, 21), dt.date(2023, 3, 19)
    assert kz.closed_because(nauryz) == "Nowruz Holiday, a public holiday"
    assert kz.closed_because(sunday) == "a Sunday"
    assert kz.closed_because(dt.date(2023, 3, 20)) is None
    assert kz.closed_on(nauryz) == "Nowruz Holiday" and kz.closed_on(sunday) == "a Sunday"
    assert kz.closed_on(dt.date(2023, 3, 20)) is None
    # Nauryz runs 21 to 23 March 2023, after a weekend
    assert kz.working_day_by(dt.date(2023, 3, 23)) == dt.date(2023, 3, 20)
    assert kz.working_day_from(dt.date(2023, 3, 18)) == dt.date(2023, 3, 20)
    assert kz.working_day_from(dt.date(2023, 3, 21)) == dt.date(2023, 3, 24)


def test_months_after_keeps_the_day_or_takes_a_shorter_months_end() -> None:
    assert months_after(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert months_after(dt.date(2023, 8, 30), 6) == dt.date(2024, 2, 29)  # a leap year's
    assert months_after(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert months_after(dt.date(2026, 1, 10), -3) == dt.date(2025, 10, 10)  # across a year back
    assert months_after(dt.date(2024, 5, 31), -3) == dt.date(2024, 2, 29)


@given(expires=st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)),
       length=st.one_of(st.builds(lambda m: {"months": m}, st.integers(1, 120)),
                        st.builds(lambda d: {"days": d}, st.integers(0, 3650))))
@example(expires=dt.date(2025, 2, 28), length={"months": 1})  # 29 to 31 January all fit
@example(expires=dt.date(2025, 2, 28), length={"days": 0})  # valid through the day of leaving
def test_the_last_day_to_leave_on_a_document_is_the_latest_whose_count_ends_in_time(
        expires: dt.date, length: dict[str, int]) -> None:
    # counted in calendar months, the days a stay may end on are not found by subtracting a
    # fixed number of days: 31 May less 3 months leaves 29 February in 2024, 28 in 2025
    want = ValidFor(**length, beyond="intended_exit")
    last = want.last_start(expires)
    assert want.after(last) <= expires < want.after(last + dt.timedelta(days=1))


def test_calendars_of_one_country_share_the_packages_calendar_within_a_thread() -> None:
    """A report asks of some forty calendars, each of which loaded the package's translations
    and worked out its years anew; one package calendar a country serves them all. Not across
    threads: the package fills in a year when first asked of it, which two threads at once
    got wrong (a Dask worker's two partitions' registration deadlines differed from the
    Polars engine's under load), so each thread has its own, even for one WorkingCalendar."""
    first, second = WorkingCalendar("UZ"), WorkingCalendar("UZ")
    assert first._holidays is not None
    assert first._holidays is second._holidays
    assert WorkingCalendar("KZ")._holidays is not first._holidays
    assert WorkingCalendar("XX")._holidays is None  # no calendar in the package: weekends only
    elsewhere: list[object] = []
    thread = threading.Thread(target=lambda: elsewhere.append(first._holidays))
    thread.start()
    thread.join()
    assert elsewhere[0] is not None and elsewhere[0] is not first._holidays
    assert first._holidays is second._holidays  # this thread's is kept


@given(st.lists(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)), min_size=1, max_size=6))
def test_a_shared_calendar_answers_as_a_fresh_one(days: list[dt.date]) -> None:
    """Whatever years the shared calendar was asked of before, in whatever order, each day is
    told as a calendar of the package made for it alone tells it."""
    import holidays

    shared = WorkingCalendar("UZ")
    for day in days:
        fresh = holidays.country_holidays("UZ")
        assert shared.is_working_day(day) == fresh.is_working_day(day)
        assert shared._holiday(day) == (None if fresh.is_working_day(day) or day.weekday() >= 5
                                        else (str(fresh.get(day)) if fresh.get(day) else None))
        assert shared.decrees_known(day.year) == WorkingCalendar("UZ").decrees_known(day.year)
