"""A Russian internal passport given no ``expires`` lapses by its holder's age: it must be
replaced at 20 and at 45 and serves at most 90 days after that birthday
(sojourn.history.documents); the answers say so, and do not tell a person abroad to renew it,
which no consulate does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.history.documents import (
    AGE_REPLACEMENT_GRACE_DAYS,
    age_lapse,
    document_last_day,
)
from sojourn.history.models import DocumentIn

runner = CliRunner()
D = dt.date


def internal(issued: str | None, expires: str | None = None, country: str = "RU",
             kind: str = "internal_passport") -> DocumentIn:
    return DocumentIn.model_validate({"type": kind, "country": country, "issued": issued,
                                      "expires": expires})


@pytest.mark.parametrize(("born", "issued", "age", "birthday"), [
    (D(2004, 5, 4), "2018-05-10", 20, D(2024, 5, 4)),  # issued at 14: replaced at 20
    (D(1981, 6, 10), "2001-07-01", 45, D(2026, 6, 10)),  # issued at 20: replaced at 45
    (D(1981, 6, 10), "2001-06-10", 45, D(2026, 6, 10)),  # issued on the 20th birthday itself
    (D(1988, 2, 29), "2002-03-05", 20, D(2008, 2, 29)),  # a leap year's birthday
    (D(1984, 2, 29), "2004-03-02", 45, D(2029, 3, 1)),  # 29 February in a common year
])
def test_the_passport_lapses_90_days_after_the_birthday_it_is_replaced_at(
        born: dt.date, issued: str, age: int, birthday: dt.date) -> None:
    lapse = age_lapse(internal(issued), born)
    assert lapse is not None
    assert (lapse.age, lapse.birthday) == (age, birthday)
    assert lapse.last_day == birthday + dt.timedelta(days=AGE_REPLACEMENT_GRACE_DAYS)
    assert document_last_day(internal(issued), born) == lapse.last_day


def test_no_end_by_age_where_it_cannot_be_told_or_does_not_apply() -> None:
    born = D(1970, 1, 15)
    assert age_lapse(internal("2015-02-01"), born) is None  # issued after 45: no more
    assert age_lapse(internal(None), born) is None  # the one of 14, or of 20? not known
    assert age_lapse(internal("2001-07-01"), None) is None  # no birth date
    # a given end is the end; another state's or another document is not Russia's rule
    assert document_last_day(internal("2001-07-01", "2030-01-01"), born) == D(2030, 1, 1)
    assert age_lapse(internal("2001-07-01", country="KZ"), born) is None
    assert age_lapse(internal("2001-07-01", kind="international_passport"), born) is None


def profile(tmp_path: Path, passport: str) -> str:
    """A Russian born on 10 June 1981 in Armenia since 1 June 2026 on ``passport``."""
    path = tmp_path / "p.yaml"
    path.write_text("person:\n"
                    "  citizenships: [RU]\n"
                    "  born: 1981-06-10\n"
                    f"  documents: [{passport}]\n"
                    "trips: [{country: AM, entry: 2026-06-01, by: air}]\n", encoding="utf-8")
    return str(path)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_stay_outlasting_the_passport_s_lapse_at_45_says_so(tmp_path: Path) -> None:
    # the internal passport issued at 20, with no end given, read as valid for ever: the
    # Armenian stay to 27 November 2026 was told nothing of its lapse on 8 September
    path = profile(tmp_path, "{type: internal_passport, country: RU, issued: 2001-07-01}")
    text = run("status", path, "--country", "AM", "--on", "2026-07-01")
    assert ("Your internal passport lapses on 8 September 2026 (it must be replaced when you "
            "turn 45, on 10 June 2026, and serves at most 90 days after, by Russia's passport "
            "regulation as secondary sources give it (medium confidence))") in text
    assert "leave by 8 September 2026" in text
    report = run("report", path, "--on", "2026-07-01")
    line = next(ln for ln in report.splitlines() if ln.strip().startswith("8 September 2026"))
    assert "last day of your internal passport (it must be replaced when you turn 45" in line
    # after it, the stay goes on on no valid document, said in the past tense
    later = run("status", path, "--country", "AM", "--on", "2026-10-01")
    assert "lapsed on 8 September 2026 (it had to be replaced when you turned 45" in later
    assert "OVERDUE" in later


def test_an_internal_passport_abroad_is_not_to_be_renewed_at_a_consulate(
        tmp_path: Path) -> None:
    # its end given in the profile: the note said "renew it or leave", though no consulate
    # issues an internal passport
    path = profile(tmp_path, "{type: internal_passport, country: RU, issued: 2001-07-01, "
                             "expires: 2026-09-01}")
    text = run("status", path, "--country", "AM", "--on", "2026-07-01")
    line = next(ln for ln in text.splitlines() if "Your internal passport ends on" in ln)
    assert "renew it" not in line
    assert ("a consulate does not issue an internal passport, so leave by 1 September 2026 or "
            "get another valid travel document") in line
    ended = run("report", path, "--on", "2026-10-01")
    assert "renew it" not in ended.split("Where else")[1].splitlines()[1]
