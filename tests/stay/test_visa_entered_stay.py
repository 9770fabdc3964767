"""A stay entered on a visa of the host is judged by the host's visa stay rule (``entered_on:
visa``), to the visa's last day at most, not by its visa-free days: Vietnam's e-visa."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()

# an e-visa of 90 days from 1 September 2023, a Russian entering on 5 September: 45 visa-free
# days would end the stay on 19 October, the e-visa lets it run to its own last day
PROFILE = """\
version: 1
person:
  citizenships: [{cit}]
  born: 1990-07-15
  documents:
    - {{type: international_passport, country: {cit}, issued: 2021-03-01, expires: 2031-03-01}}
{visa}
trips:
{trips}
"""
EVISA = "    - {type: visa, country: VN, issued: 2023-09-01, expires: 2023-11-29}"
ON_VISA = "  - {country: VN, entry: 2023-09-05}"


def profile(tmp_path: Path, *, visa: str = EVISA, trips: str = ON_VISA, cit: str = "RU") -> str:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE.format(cit=cit, visa=visa, trips=trips), encoding="utf-8")
    return str(path)


def run_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"] if args[0] != "report" else
                           [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_stay_entered_on_an_e_visa_runs_to_the_visa_s_end(tmp_path: Path) -> None:
    data = run_json("status", profile(tmp_path), "--country", "VN", "--on", "2023-11-01")
    assert data["violations"] == []
    assert data["latest_exit"] == "2023-11-29"
    assert "vn-stay-evisa-90-2023" in [r["id"] for r in data["rules"]]


def test_the_same_stay_without_a_visa_overstays_the_45_days(tmp_path: Path) -> None:
    data = run_json("status", profile(tmp_path, visa=""), "--country", "VN",
                    "--on", "2023-11-01")
    assert data["violations"][0]["first_day"] == "2023-10-20"
    assert "vn-stay-evisa-90-2023" not in [r["id"] for r in data["rules"]]


def test_the_visa_s_end_ends_the_stay_and_days_past_it_overstay(tmp_path: Path) -> None:
    data = run_json("status", profile(tmp_path), "--country", "VN", "--on", "2023-12-05")
    assert [(v["first_day"], v["last_day"]) for v in data["violations"]] == [
        ("2023-11-30", "2023-12-05")]


def test_an_entry_after_the_visa_ended_is_the_exemption_s(tmp_path: Path) -> None:
    trips = "  - {country: VN, entry: 2023-09-05, exit: 2023-11-20}\n" \
            "  - {country: VN, entry: 2024-01-10}"
    data = run_json("status", profile(tmp_path, trips=trips), "--country", "VN",
                    "--on", "2024-01-20")
    assert data["latest_exit"] == "2024-02-23"  # 45 days from 10 January


def test_a_ukrainian_on_an_e_visa_is_judged_where_no_exemption_is(tmp_path: Path) -> None:
    # Ukrainians need a visa: with none recorded the stay is unknown, with one it is the visa's
    path = profile(tmp_path, cit="UA")
    data = run_json("status", path, "--country", "VN", "--on", "2023-11-01")
    assert data["latest_exit"] == "2023-11-29" and data["violations"] == []
    bare = run_json("status", profile(tmp_path, cit="UA", visa=""), "--country", "VN",
                    "--on", "2023-11-01")
    assert bare["latest_exit"] is None


@pytest.mark.parametrize("command", ["plan", "report", "destinations"])
def test_plan_report_and_destinations_agree_with_status(tmp_path: Path, command: str) -> None:
    path = profile(tmp_path)
    if command == "plan":
        data = run_json("plan", path, "--country", "VN", "--length", "1", "--from",
                        "2023-11-01")
        assert data["latest_exit"] == "2023-11-29"
    elif command == "report":
        text = runner.invoke(app, ["report", path, "--on", "2023-11-01"]).stdout
        assert "29 November 2023" in text and "19 October 2023" not in text
    else:
        data = run_json("destinations", path, "--on", "2023-11-01")
        here = next(d for d in data["destinations"] if d["host"] == "VN")
        assert here["latest_exit"] == "2023-11-29"


@pytest.mark.parametrize("constraint", ["{kind: rolling, max: 90, window: 180}", None])
def test_entered_on_visa_takes_per_entry_limits_on_a_stay_rule_only(
        tmp_path: Path, constraint: str | None) -> None:
    # the visa's days are given per entry; a day count, or the field on a registration rule,
    # would have no entry to bound by the visa's end
    topic, limit = ("stay", constraint) if constraint else (
        "registration", "{kind: registration, within: 5, unit: calendar}")
    (tmp_path / "vn.yaml").write_text(f"""\
schema: sojourn.rules/1
rules:
  - id: vn-visa-try
    title: Vietnam, a try
    host: VN
    citizenships: ["*"]
    topic: {topic}
    entered_on: visa
    valid_from: 2023-08-15
    constraints: [{limit}]
    sources: [{{title: A source, url: "https://example.org/a"}}]
    confidence: low
""", encoding="utf-8")
    result = runner.invoke(app, ["rules", "validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "entered_on: visa needs topic stay and per_entry constraints only" in result.output


def test_the_limit_of_a_stay_entered_on_a_visa_names_that_entry(tmp_path: Path) -> None:
    # "for entries from 5 September 2023 to 5 September 2023" read as a range of entries
    text = runner.invoke(app, ["status", profile(tmp_path), "--country", "VN",
                               "--on", "2023-09-20"]).stdout
    assert ("(86 days per entry, for the entry of 5 September 2023, to the last day of your "
            "visa, 29 November 2023)") in text


# an e-visa of 29 days, entered on its fifth: the visa's end, not the rule's 90 days, ends it
SHORT_EVISA = "    - {type: visa, country: VN, issued: 2023-11-01, expires: 2023-11-29}"
ON_SHORT_VISA = "  - {country: VN, entry: 2023-11-05}"


def test_a_stay_the_visa_s_end_cuts_short_says_so(tmp_path: Path) -> None:
    path = profile(tmp_path, visa=SHORT_EVISA, trips=ON_SHORT_VISA)
    args = ["status", path, "--country", "VN", "--on", "2023-11-10"]
    text = runner.invoke(app, args).stdout
    assert ("until 29 November 2023 (20 days, 10 November 2023 included). That is the last "
            "day of your visa.") in text
    assert ("(25 days per entry, for the entry of 5 November 2023, to the last day of your "
            "visa, 29 November 2023)") in text
    data = run_json(*args)
    assert (data["latest_exit"], data["limited_by"]) == ("2023-11-29", "visa")


def test_a_stay_the_rule_s_days_end_first_is_the_rule_s(tmp_path: Path) -> None:
    # entered on 1 September on a visa to 29 November: 90 days end on 29 November too, the
    # rule's own days, which the visa does not cut
    path = profile(tmp_path, trips="  - {country: VN, entry: 2023-09-01}")
    data = run_json("status", path, "--country", "VN", "--on", "2023-11-10")
    assert (data["latest_exit"], data["limited_by"]) == ("2023-11-29", "rule")


@pytest.mark.parametrize("cit", ["RU", "UA"])
def test_plan_and_destinations_say_the_visa_s_end_cut_it_short(tmp_path: Path, cit: str) -> None:
    # a Russian needs no visa for Vietnam, a Ukrainian enters on it: both rows marked by it
    path = profile(tmp_path, visa=SHORT_EVISA, trips=ON_SHORT_VISA, cit=cit)
    plan = run_json("plan", path, "--country", "VN", "--length", "1", "--from", "2023-11-10")
    assert (plan["latest_exit"], plan["limited_by"]) == ("2023-11-29", "visa")
    data = run_json("destinations", path, "--on", "2023-11-10")
    here = next(d for d in data["destinations"] if d["host"] == "VN")
    assert (here["latest_exit"], here["limited_by"]) == ("2023-11-29", "visa")
    text = runner.invoke(app, ["destinations", path, "--on", "2023-11-10"]).stdout
    assert "by your visa's expiry: VN visa to 29 November 2023." in text


def test_the_report_does_not_say_the_visa_ends_the_stay_sooner_than_itself(
        tmp_path: Path) -> None:
    # the stay above already ends by the visa: "sooner than the day above" named the same day
    path = profile(tmp_path, visa=SHORT_EVISA, trips=ON_SHORT_VISA, cit="UA")
    text = runner.invoke(app, ["report", path, "--on", "2023-11-10"]).stdout
    assert "That is the last day of your visa." in text
    assert "sooner than the day above" not in text


@pytest.mark.parametrize(("visa", "missing"), [
    ("", True),  # a visa-exempt tourist: the card follows a visa of its purpose
    (EVISA, True),  # an e-visa (no form given: the stay rules take it as one) is not that visa
    (EVISA.replace("expires: 2023-11-29", "expires: 2023-11-29, form: paper"), False),
])
def test_the_residence_card_plan_asks_for_a_visa_of_its_purpose(
        tmp_path: Path, visa: str, missing: bool) -> None:
    text = runner.invoke(app, ["report", profile(tmp_path, visa=visa), "--on",
                               "2023-09-20"]).stdout
    card = text[text.index("Temporary residence card (Vietnam). "):]
    assert ("Missing documents: visa" in card) is missing
    assert ("  - get a visa: lead time unknown" in card) is missing


def _constraints(data: Any) -> list[tuple[str, str, str | None, str | None]]:
    return [(c["rule"], c["constraint"], c["entered_from"], c["entered_to"])
            for c in data["constraints"]]


@pytest.mark.parametrize("command", ["status", "plan", "report"])
def test_an_exemption_s_per_entry_limit_is_listed_once_beside_a_visa_entry(
        tmp_path: Path, command: str) -> None:
    # the 45 days judge every entry from 15 August 2023 but the one made on the e-visa: the
    # engine cuts them around it, and the answer lists them once, as the pack states them,
    # with the entry they leave to the visa rule
    path = profile(tmp_path)
    args = {"status": ("status", path, "--country", "VN", "--on", "2023-11-01"),
            "plan": ("plan", path, "--country", "VN", "--length", "1", "--from", "2023-11-01"),
            "report": ("report", path, "--on", "2023-11-01")}[command]
    data = run_json(*args)
    figures = data["stay"] if command == "report" else data
    listed = _constraints(figures)
    assert len(listed) == len(set(listed)), listed
    exemption = [c for c in figures["constraints"] if c["rule"] == "vn-stay-ru-45-2023"
                 and c["constraint"] == "per-entry:45"]
    assert [(c["label"], c["except_entries"]) for c in exemption] == [
        ("45 days per entry, for entries from 15 August 2023", ["2023-09-05"])]


def test_a_stay_entered_after_the_visa_s_is_counted_under_the_exemption_s_limit(
        tmp_path: Path) -> None:
    # entered on the visa in September, back without it in January: the 45 days count the
    # January stay, and the answer names them so, not as the entries to the visa's day
    trips = "  - {country: VN, entry: 2023-09-05, exit: 2023-11-20}\n" \
            "  - {country: VN, entry: 2024-01-10}"
    args = ("status", profile(tmp_path, trips=trips), "--country", "VN", "--on", "2024-01-20")
    text = " ".join(runner.invoke(app, list(args)).stdout.split())
    assert ("Counted under vn-stay-ru-45-2023 (45 days per entry, for entries from 15 August "
            "2023): 11 days used up to and including 20 January 2024, 34 days left after it."
            in text), text
    data = run_json(*args)
    assert (data["days_used"], data["days_remaining"]) == (11, 34)


def test_a_second_entry_on_the_visa_is_counted_under_its_own_limit(tmp_path: Path) -> None:
    # two entries on one multiple-entry e-visa: each has its own 90 days, of one rule and one
    # spec; the answer tells the one of the stay under way, not the first entry's
    visa = "    - {type: visa, country: VN, issued: 2023-09-01, expires: 2024-06-01}"
    trips = "  - {country: VN, entry: 2023-09-05, exit: 2023-10-20}\n" \
            "  - {country: VN, entry: 2023-11-05}"
    args = ("status", profile(tmp_path, visa=visa, trips=trips), "--country", "VN",
            "--on", "2023-11-10")
    text = " ".join(runner.invoke(app, list(args)).stdout.split())
    assert ("Counted under vn-stay-evisa-90-2023 (90 days per entry, for the entry of 5 "
            "November 2023): 6 days used up to and including 10 November 2023, 84 days left "
            "after it." in text), text
