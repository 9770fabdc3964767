"""A passport that must outlast the permit: a permit's rule wanting it valid some time beyond
the permit's last day (``valid_beyond_permit``), counted over the permit's term where the pack
gives one (Azerbaijan's), and a step to check where it does not (Serbia's). Each test names the
wrong answer it caught."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.rules.topics import Length, Permit, Requirement

runner = CliRunner()


def plan(tmp_path: Path, host: str, expires: str, entry: str, on: str,
         ) -> tuple[str, dict[str, Any]]:
    """The temporary permit of ``host`` planned on ``on`` for a Russian there since
    ``entry``, whose international passport ends on ``expires``: the text and the JSON."""
    path = tmp_path / "p.yaml"
    path.write_text(
        "person:\n"
        "  citizenships: [RU]\n"
        "  documents:\n"
        "    - {type: international_passport, country: RU, issued: 2014-03-02, "
        f"expires: {expires}}}\n"
        f"trips:\n  - {{country: {host}, entry: {entry}, by: air}}\n", encoding="utf-8")
    args = ["permit", str(path), "--country", host, "--permit",
            f"{host.lower()}-permit-temporary", "--on", on]
    text = runner.invoke(app, args)
    data = runner.invoke(app, [*args, "--json"])
    assert text.exit_code == 0 and data.exit_code == 0, text.output + data.output
    return text.stdout, json.loads(data.stdout)


def test_serbia_a_passport_ending_before_a_year_is_out_is_not_feasible_without_a_word(
        tmp_path: Path) -> None:
    # Serbia wants the passport valid 3 months beyond the permit's end. Filed in May 2023
    # with a passport ending 1 March 2024, the plan read "Feasible" and said nothing: the
    # rule's note said sojourn does not check it. The pack knows neither the permit's term
    # nor its processing time, so the day cannot be counted: the plan says so, gives the
    # longest permit the passport allows, and asks for a check.
    text, data = plan(tmp_path, "RS", "2024-03-01", "2023-05-01", "2023-05-10")
    assert data["feasible"] == "unknown"
    assert not text.startswith("Feasible")
    beyond = data["passport_beyond_permit"]
    assert beyond == {
        "rule": "rs-permit-temporary", "document": "international_passport",
        "beyond": "3 months", "permit_term": None, "permit_begins": "2023-05-29",
        "issue_day_known": False, "permit_ends": None, "valid_to": "2023-08-29",
        "valid_to_at_least": True, "passport_ends": "2024-03-01",
        "permit_ends_by": "2023-12-01", "met": "unknown"}
    check = [s for s in data["steps"] if s["check"]]
    assert [s["step"] for s in check] == [
        "check your international passport against the permit's term"]
    assert data["steps"][-1]["document"] is None  # the check comes before the filing
    # the text says what the JSON gives: the rule, the condition and the longest permit
    assert ("Whether your international passport lasts long enough is not known: "
            "rs-permit-temporary wants it valid 3 months beyond the permit's last day, and "
            "the pack does not know how long the permit is issued for; yours ends on 1 March "
            "2024, so it allows a permit to run to 1 December 2023 at most") in text
    assert (f"  - check your international passport against the permit's term: "
            f"{check[0]['check']}") in text
    assert "lead time unknown; start as soon as you can" not in text.split(
        "against the permit's term")[1].splitlines()[0]


def test_serbia_a_passport_ending_within_3_months_of_filing_is_renewed_first(
        tmp_path: Path) -> None:
    # Even with no term known, a permit ends no sooner than it begins: a passport ending
    # less than 3 months after the filing day cannot carry any permit.
    text, data = plan(tmp_path, "RS", "2023-08-01", "2023-05-01", "2023-05-10")
    assert data["feasible"] == "unknown"
    assert data["passport_ends"] == "2023-08-01"
    assert data["passport_beyond_permit"]["met"] is False
    assert ("Note: renew your international passport first: it ends on 1 August 2023, and "
            "rs-permit-temporary wants it valid 3 months beyond the permit's last day: the "
            "pack does not know how long the permit is issued for, but issued on the filing "
            "day, 29 May 2023, at the earliest (the pack gives no processing time), it runs "
            "to that day at least, so the passport must be valid to 29 August 2023 at least; "
            "on this one the permit would be refused.") in text
    assert "  - renew your international passport: lead time unknown" in text


def test_azerbaijan_counts_the_day_over_the_permits_year(tmp_path: Path) -> None:
    # Azerbaijan's first permit runs up to a year, and the passport must outlast it by 3
    # months: filed on 27 September 2023 and issued about 25 October, the permit runs to 24
    # October 2024 and the passport must last to 24 January 2025. One ending on 1 March 2024
    # read "Feasible".
    text, data = plan(tmp_path, "AZ", "2024-03-01", "2023-05-01", "2023-05-10")
    assert data["feasible"] == "unknown"
    beyond = data["passport_beyond_permit"]
    assert (beyond["permit_term"], beyond["permit_begins"], beyond["permit_ends"],
            beyond["valid_to"], beyond["valid_to_at_least"], beyond["permit_ends_by"],
            beyond["met"]) == ("12 months", "2023-10-25", "2024-10-24", "2025-01-24", False,
                               "2023-12-01", False)
    assert data["passport_ends"] == "2024-03-01"
    assert ("issued about 25 October 2023 for its term of 12 months, the permit would run "
            "to about 24 October 2024, so the passport must be valid to 24 January 2025; on "
            "this one the permit would be refused, or cut short to run to 1 December 2023 at "
            "most") in text
    renew = next(s for s in data["steps"] if s["step"] == "renew your international passport")
    assert renew["note"] == ("valid to 24 January 2025, 3 months beyond the permit's last "
                             "day, about 24 October 2024 (az-permit-temporary)")
    assert f"      note: {renew['note']}" in text


@pytest.mark.parametrize(("expires", "met"), [("2025-01-24", True), ("2025-01-23", False)])
def test_azerbaijan_the_day_the_passport_must_last_to_is_enough(
        tmp_path: Path, expires: str, met: bool) -> None:
    # The passport's last day on the day counted lasts; the day before does not.
    text, data = plan(tmp_path, "AZ", expires, "2023-05-01", "2023-05-10")
    assert data["passport_beyond_permit"]["met"] is met
    assert (data["feasible"] is True) is met
    if met:
        assert ("Your international passport lasts long enough: az-permit-temporary wants it "
                "valid 3 months beyond the permit's last day; issued about 25 October 2023 "
                "for its term of 12 months, the permit would run to about 24 October 2024, so "
                "the passport must be valid to 24 January 2025, and it ends on 24 January "
                "2025.") in text
        assert not any(s["check"] for s in data["steps"])


def test_a_csv_history_gets_the_condition_on_the_passport_step(tmp_path: Path) -> None:
    # A CSV history holds no passport: the step to get one says how long it must last.
    path = tmp_path / "h.csv"
    path.write_text("country,entry,exit\nAZ,2023-05-01,\n", encoding="utf-8")
    result = runner.invoke(app, ["permit", str(path), "--citizenship", "RU", "--country",
                                 "AZ", "--permit", "az-permit-temporary", "--on",
                                 "2023-05-10", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    step = next(s for s in data["steps"] if s["document"] == "international_passport")
    assert step["note"] == ("valid to 24 January 2025, 3 months beyond the permit's last day, "
                            "about 24 October 2024 (az-permit-temporary)")
    assert data["passport_beyond_permit"]["met"] == "unknown"


def test_the_schema_refuses_a_condition_it_would_not_check() -> None:
    # valid_beyond_permit on a document that is no passport would be said nowhere
    with pytest.raises(ValueError, match="which is no passport"):
        Requirement.model_validate({"document": "health_insurance",
                                    "valid_beyond_permit": {"months": 3}})
    with pytest.raises(ValueError, match="neither days nor months"):
        Requirement.model_validate({"document": "international_passport",
                                    "valid_beyond_permit": {}})
    with pytest.raises(ValueError, match="a term of 0 days is no permit"):
        Permit.model_validate({"name": "P", "kind": "temporary", "term": {"days": 0}})
    # the longest permit a passport ending on 1 March 2024 allows, 3 months before it
    assert Length(months=3).last_start(dt.date(2024, 3, 1)) == dt.date(2023, 12, 1)
