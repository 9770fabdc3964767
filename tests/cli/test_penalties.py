"""What an overstay or a missed registration costs: the pack's penalty rules in `status`,
`report` and `rules`, band by band of the time over."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from sojourn.rules.loader import builtin_pack_dir

from cli_lines import printed as run

# the last lawful day of a stay entered on 1 January 2024 (a leap year): Kazakhstan's 90 days
# in any 180 end on 30 March, Armenia's 180 days a calendar year on 28 June
KZ_LAST = dt.date(2024, 3, 30)
AM_LAST = dt.date(2024, 6, 28)


def overstay(tmp_path: Path, country: str, entry: str, exit_: dt.date | str) -> str:
    history = tmp_path / "h.csv"
    history.write_text(f"country,entry,exit\n{country},{entry},{exit_}\n", encoding="utf-8")
    return str(history)


def penalties(history: str, country: str, on: str, *more: str) -> list[dict[str, Any]]:
    data = json.loads(run("status", history, "--country", country, "--on", on,
                          "--citizenship", "RU", "--json", *more))
    found: list[dict[str, Any]] = data["penalties"]
    return found


def penalty_lines(history: str, country: str, on: str, *more: str) -> list[str]:
    text = run("status", history, "--country", country, "--on", on, "--citizenship", "RU",
               *more)
    return [line.strip() for line in text.splitlines() if line.strip().startswith("Penalt")]


@pytest.mark.parametrize(("days", "sanction"), [
    (3, "a warning"),  # up to 3 days over: a warning
    (4, "a fine of 10 MCI"),  # from the 4th day to the 5th: 10 MCI
    (5, "a fine of 10 MCI"),
])
def test_kazakhstan_grades_an_overstay_by_the_days_over(tmp_path: Path, days: int,
                                                          sanction: str) -> None:
    history = overstay(tmp_path, "KZ", "2024-01-01", KZ_LAST + dt.timedelta(days=days))
    [line] = penalties(history, "KZ", "2024-05-01")
    assert line["offence"] == "overstay" and line["days_over"] == days
    assert line["rule"] == "kz-penalty-overstay-art-517" and line["confidence"] == "low"
    assert [b["sanction"] for b in line["bands"]] == [sanction]
    assert line["judged_on"] == (KZ_LAST + dt.timedelta(days=1)).isoformat()
    text = penalty_lines(history, "KZ", "2024-05-01")
    assert text[0].startswith(f"Penalty for the overstay from 31 March to "
                              f"{(KZ_LAST + dt.timedelta(days=days)).day} April 2024 "
                              f"({days} days over): {sanction}. By kz-penalty-overstay-art-517")
    assert text[-1] == "Penalties: the law as the pack's sources state it, not legal advice."


def test_an_overstay_past_the_bands_read_is_said_to_be_not_known(tmp_path: Path) -> None:
    history = overstay(tmp_path, "KZ", "2024-01-01", KZ_LAST + dt.timedelta(days=6))
    [line] = penalties(history, "KZ", "2024-05-01")
    assert line["rule"] == "kz-penalty-overstay-art-517" and line["bands"] == []
    [text, _] = penalty_lines(history, "KZ", "2024-05-01")
    assert ("(6 days over): not known to the pack: kz-penalty-overstay-art-517" in text
            and "grades only up to 5 days over" in text)


@pytest.mark.parametrize(("days", "second"), [(30, "60,000"), (31, "70,000")])
def test_armenia_gives_every_grade_of_offence_in_a_year(tmp_path: Path, days: int,
                                                        second: str) -> None:
    # the pack knows no earlier offence: the first, second and later offence's fines are given
    history = overstay(tmp_path, "AM", "2024-01-01", AM_LAST + dt.timedelta(days=days))
    [line] = penalties(history, "AM", "2024-09-01")
    assert [(b["offence_in_year"], b["fine"]) for b in line["bands"]] == [
        ("first", {"currency": "AMD", "min": 50000, "max": None, "per": None}),
        ("second", {"currency": "AMD", "min": float(second.replace(",", "")), "max": None,
                "per": None}),
        ("third_or_later", {"currency": "AMD", "min": 100000, "max": None, "per": None})]
    [text, _] = penalty_lines(history, "AM", "2024-09-01")
    assert (f"({days} days over): first offence in a year: a fine of 50,000 AMD; second: a "
            f"fine of {second} AMD; third or later: a fine of 100,000 AMD. By "
            "am-penalty-overstay (Administrative Offences Code, Art. 201(1))") in text


@pytest.mark.parametrize(("exit_", "months", "fine"), [
    ("2025-12-31", 3, "a fine of 1,000 GEL and an entry ban (possible, up to 6 months)"),
    ("2026-01-01", 4, "a fine of 2,000 GEL and an entry ban (possible, up to 2 years)"),
])
def test_georgia_grades_by_the_months_over_from_october_2025(tmp_path: Path, exit_: str,
                                                             months: int, fine: str) -> None:
    # a year per entry from 1 October 2024: over from 1 October 2025, the day the new fines
    # came into force; up to 3 months is to 31 December, and 1 January begins the 4th
    history = overstay(tmp_path, "GE", "2024-10-01", exit_)
    [line] = penalties(history, "GE", "2026-02-01")
    assert (line["rule"], line["months_over"], line["variant"]) == (
        "ge-penalty-overstay-2025", months, "ge-penalty-bands-3-months")
    assert [b["sanction"] for b in line["bands"]] == [fine]
    [text, _] = penalty_lines(history, "GE", "2026-02-01")
    assert f"into month {months} as the rule counts): {fine}." in text
    assert "contested, assumed 'ge-penalty-bands-3-months'" in text


def test_another_account_of_the_bands_is_picked_with_assume(tmp_path: Path) -> None:
    history = overstay(tmp_path, "GE", "2024-10-01", "2026-01-01")
    [line] = penalties(history, "GE", "2026-02-01", "--assume", "ge-penalty-bands-6-months")
    assert line["variant"] == "ge-penalty-bands-6-months" and line["confidence"] == "low"
    assert [b["sanction"] for b in line["bands"]] == [
        "a fine of 1,000 GEL and an entry ban (possible, 1 year)"]


def test_an_overstay_is_judged_by_the_rule_in_force_on_its_first_day(tmp_path: Path) -> None:
    # over from 1 September 2025: the old article's fine, not the harsher one of 1 October,
    # which is named beside it
    history = overstay(tmp_path, "GE", "2024-09-01", "2025-12-31")
    [line] = penalties(history, "GE", "2026-02-01")
    assert (line["rule"], line["judged_on"], line["months_over"]) == (
        "ge-penalty-overstay-art-191", "2025-09-01", 4)
    assert [b["sanction"] for b in line["bands"]] == ["a fine of 360 GEL"]
    assert line["later_rule"] == {"id": "ge-penalty-overstay-2025", "valid_from": "2025-10-01"}
    [text, _] = penalty_lines(history, "GE", "2026-02-01")
    assert text.endswith("ge-penalty-overstay-2025 applies from 1 October 2025; whether it "
                         "reaches an offence begun before then, its sources do not say.")


def test_a_host_without_a_penalty_rule_says_so_once(tmp_path: Path) -> None:
    history = tmp_path / "h.csv"
    # two overstays in Kyrgyzstan, one line saying what they cost is not known
    history.write_text("country,entry,exit\nKG,2024-01-01,2024-05-01\nKG,2024-05-02,2024-06-01\n",
                       encoding="utf-8")
    found = penalties(str(history), "KG", "2024-07-01")
    assert found and all(not p["known"] and p["rule"] is None and p["bands"] == []
                         for p in found)
    assert penalty_lines(str(history), "KG", "2024-07-01") == [
        f"Penalty: the rule pack has no penalty rule for an overstay in Kyrgyzstan in force on "
        f"{found[0]['first_day'][8:].lstrip('0')} March 2024, the day it began: what it costs "
        "is not known to the pack."]


def test_a_planned_overstay_is_said_to_be_planned(tmp_path: Path) -> None:
    # asked on 1 March about a stay recorded to 3 April: the 4 days over are ahead
    history = overstay(tmp_path, "KZ", "2024-01-01", KZ_LAST + dt.timedelta(days=4))
    [text, _] = penalty_lines(history, "KZ", "2024-03-01")
    assert text.startswith("Penalty for the planned overstay from 31 March to 3 April 2024 "
                           "(4 days over): a fine of 10 MCI.")


def test_no_offence_no_penalty(tmp_path: Path) -> None:
    history = overstay(tmp_path, "KZ", "2024-01-01", KZ_LAST)
    assert penalties(history, "KZ", "2024-05-01") == []
    assert penalty_lines(history, "KZ", "2024-05-01") == []


def late_registration_pack(tmp_path: Path) -> str:
    """The built-in pack with a penalty rule for a late registration in Kazakhstan."""
    root = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), root)
    (root / "late.yaml").write_text("""\
schema: sojourn.rules/1
rules:
  - id: kz-penalty-late-registration-test
    title: A late registration in Kazakhstan (a test rule)
    host: KZ
    citizenships: ["*"]
    topic: penalty
    valid_from: 2022-01-01
    penalty:
      offence: late_registration
      article: Art. 1
      bands:
        - {from: 1, to: 2, warning: true}
        - {from: 3, fine: {currency: MCI, min: 10, max: 20}, expulsion: possible}
    confidence: low
    sources:
      - {title: A test, url: "https://example.org/"}
""", encoding="utf-8")
    return str(root)


@pytest.mark.parametrize(("on", "late", "sanction"), [
    ("2024-01-06", 1, "a warning"),
    ("2024-01-07", 2, "a warning"),
    ("2024-01-08", 3, "a fine of 10 to 20 MCI and expulsion (possible)"),
])
def test_a_missed_registration_is_graded_by_the_days_late(tmp_path: Path, on: str, late: int,
                                                          sanction: str) -> None:
    # Kazakhstan's host notice: 3 working days from Monday 1 January 2024 (a holiday, as is the
    # 2nd), so the deadline is Friday 5 January; nothing recorded, late from the 6th
    profile = tmp_path / "p.yaml"
    profile.write_text("version: 1\nperson: {citizenships: [RU]}\n"
                       "trips:\n  - {country: KZ, entry: 2024-01-01}\n", encoding="utf-8")
    data = json.loads(run("status", str(profile), "--country", "KZ", "--on", on, "--json"))
    assert data["registration"]["overdue"] and data["register_by"] == "2024-01-05"
    [line] = data["penalties"]
    assert (line["offence"], line["first_day"], line["days_over"]) == (
        "late_registration", "2024-01-06", late)
    assert line["rule"] is None  # the built-in pack has no such rule: said, not left out
    text = run("status", str(profile), "--country", "KZ", "--on", on)
    assert ("Penalty: the rule pack has no penalty rule for a late registration in Kazakhstan "
            "in force on 6 January 2024") in text
    data = json.loads(run("status", str(profile), "--country", "KZ", "--on", on, "--json",
                          "--pack", late_registration_pack(tmp_path)))
    [line] = data["penalties"]
    assert line["rule"] == "kz-penalty-late-registration-test"
    assert [b["sanction"] for b in line["bands"]] == [sanction]


def test_the_report_gives_the_penalty_with_its_answer(tmp_path: Path) -> None:
    history = overstay(tmp_path, "AM", "2024-01-01", AM_LAST + dt.timedelta(days=31))
    text = run("report", history, "--on", "2024-09-01", "--citizenship", "RU")
    assert "Penalty for the overstay from 29 June to 29 July 2024 (31 days over)" in text
    data = json.loads(run("report", history, "--on", "2024-09-01", "--citizenship", "RU",
                          "--format", "json"))
    assert [p["rule"] for p in data["stay"]["penalties"]] == ["am-penalty-overstay"]


def relied_on(text: str) -> list[str]:
    """The ids of the rules listed under "Rules relied on:", in order."""
    block = text.split("\nRules relied on:\n", 1)[1]
    return [line.strip().split(":")[0] for line in block.splitlines()
            if line.startswith("  ") and not line.startswith("    ")]


def test_the_penalty_rules_are_listed_with_the_rules_relied_on(tmp_path: Path) -> None:
    # judged by Art. 191, with the harsher rule of 1 October named beside it: both are followed
    # to their sources in the text, as the stay limit is
    history = overstay(tmp_path, "GE", "2024-09-01", "2025-12-31")
    text = run("status", history, "--country", "GE", "--on", "2026-02-01", "--citizenship", "RU")
    assert relied_on(text) == ["ge-stay-one-year-per-entry", "ge-registration-none-visitor",
                               "ge-penalty-overstay-art-191", "ge-penalty-overstay-2025"]
    assert "source: Higher fines for overstaying in Georgia came into force (Apsny.ge)" in text
    data = json.loads(run("status", history, "--country", "GE", "--on", "2026-02-01",
                          "--citizenship", "RU", "--json"))
    assert [r["id"] for r in data["rules"]] == relied_on(text)
    report = run("report", history, "--on", "2026-02-01", "--citizenship", "RU")
    assert {"ge-penalty-overstay-art-191", "ge-penalty-overstay-2025"} <= set(relied_on(report))


def test_no_offence_relies_on_no_penalty_rule(tmp_path: Path) -> None:
    history = overstay(tmp_path, "GE", "2024-09-01", "2025-08-31")
    text = run("status", history, "--country", "GE", "--on", "2026-02-01", "--citizenship", "RU")
    assert relied_on(text) == ["ge-stay-one-year-per-entry", "ge-registration-none-visitor"]


@pytest.mark.parametrize(("exit_", "months", "ban"), [
    # over from 1 March 2024 (60 days per entry from 1 January): under 3 months is to 31 May,
    # and 1 June, 3 months over, begins the next band
    ("2024-05-31", 3, "none if the fine is paid on leaving; 3 months if not"),
    ("2024-06-01", 4, "1 month if the fine is paid on leaving; 6 months if not"),
    ("2024-08-31", 6, "1 month if the fine is paid on leaving; 6 months if not"),
    ("2024-09-01", 7, "3 months if the fine is paid on leaving; 1 year if not"),
])
def test_turkiye_bans_entry_by_the_months_over(tmp_path: Path, exit_: str, months: int,
                                               ban: str) -> None:
    history = overstay(tmp_path, "TR", "2024-01-01", exit_)
    [line] = penalties(history, "TR", "2024-12-01")
    assert (line["rule"], line["first_day"], line["months_over"]) == (
        "tr-penalty-overstay-entry-bans", "2024-03-01", months)
    assert [b["sanction"] for b in line["bands"]] == [f"an entry ban ({ban})"]


@pytest.mark.parametrize(("entry", "first_day", "rule"), [
    # 90 days in any 180 from 3 June end on 31 August: over from 1 September 2025, the day
    # Kyrgyzstan's ban for Kazakh citizens applies; a day earlier, no rule was in force
    ("2025-06-03", "2025-09-01", "kg-penalty-overstay-kz-2025"),
    ("2025-06-02", "2025-08-31", None),
])
def test_kyrgyzstan_bans_kazakh_citizens_who_overstay_from_september_2025(
        tmp_path: Path, entry: str, first_day: str, rule: str | None) -> None:
    history = overstay(tmp_path, "KG", entry, "2025-09-05")
    data = json.loads(run("status", history, "--country", "KG", "--on", "2025-10-01",
                          "--citizenship", "KZ", "--json"))
    [line] = data["penalties"]
    assert (line["first_day"], line["rule"]) == (first_day, rule)
    if rule is None:
        assert line["later_rule"]["id"] == "kg-penalty-overstay-kz-2025"
    else:
        assert [b["sanction"] for b in line["bands"]] == [
            "an entry ban (the next entry refused for 90 days)"]
    # a Russian citizen's overstay there is still not known to the pack
    data = json.loads(run("status", history, "--country", "KG", "--on", "2025-10-01",
                          "--citizenship", "RU", "--json"))
    assert all(p["rule"] is None for p in data["penalties"])


def registration_missed(tmp_path: Path, country: str, on: str, *more: str) -> dict[str, Any]:
    """The penalty line of a profile's stay entered on 1 October 2024 and never registered."""
    profile = tmp_path / "p.yaml"
    profile.write_text("version: 1\nperson: {citizenships: [RU]}\n"
                       f"trips:\n  - {{country: {country}, entry: 2024-10-01}}\n",
                       encoding="utf-8")
    data = json.loads(run("status", str(profile), "--country", country, "--on", on, "--json",
                          *more))
    [line] = [p for p in data["penalties"] if p["offence"] == "late_registration"]
    return line  # type: ignore[no-any-return]


@pytest.mark.parametrize(("country", "on", "first_day", "rule", "sanction"), [
    # exempt for 30 days from 1 October: late from 1 November
    ("KG", "2024-11-01", "2024-11-01", "kg-penalty-late-registration", "a fine of 10,000 KGS"),
    # exempt for 15 days: late from 17 October
    ("UZ", "2024-10-17", "2024-10-17", "uz-penalty-late-registration-art-225",
     "a fine of 5 to 10 MRZP"),
    # the host registers within 48 hours: late from 4 October
    ("MN", "2024-10-04", "2024-10-04", "mn-penalty-late-registration", "a fine of 100,000 MNT"),
])
def test_a_late_registration_is_judged_by_the_hosts_rule(tmp_path: Path, country: str, on: str,
                                                         first_day: str, rule: str,
                                                         sanction: str) -> None:
    line = registration_missed(tmp_path, country, on)
    assert (line["first_day"], line["days_over"], line["rule"]) == (first_day, 1, rule)
    assert [b["sanction"] for b in line["bands"]] == [sanction]


def test_mongolias_other_account_of_the_registration_fine(tmp_path: Path) -> None:
    line = registration_missed(tmp_path, "MN", "2024-10-10", "--assume",
                               "mn-penalty-registration-250000")
    assert line["variant"] == "mn-penalty-registration-250000"
    assert [b["sanction"] for b in line["bands"]] == ["a fine of 250,000 MNT"]


def test_uzbekistan_fines_an_overstay_by_art_225(tmp_path: Path) -> None:
    # Kyrgyz citizens have 60 days from entry: over from 1 March 2024 (a leap year)
    history = overstay(tmp_path, "UZ", "2024-01-01", "2024-03-05")
    data = json.loads(run("status", history, "--country", "UZ", "--on", "2024-04-01",
                          "--citizenship", "KG", "--json"))
    [line] = data["penalties"]
    assert (line["rule"], line["first_day"], line["days_over"]) == (
        "uz-penalty-overstay-art-225", "2024-03-01", 5)
    assert [b["fine"] for b in line["bands"]] == [
        {"currency": "MRZP", "min": 5, "max": 10, "per": None}]


# Mongolia's 30 days per stay from 1 January 2024 end on 30 January: over from 31 January, and
# the third month begun as the rule counts is from 31 March (31 January + 2 months)
MN_LAST = dt.date(2024, 1, 30)


@pytest.mark.parametrize(("exit_", "days", "expelled"), [
    (MN_LAST + dt.timedelta(days=1), 1, False),  # the first day over: one day's fine
    (dt.date(2024, 3, 30), 60, False),  # the last day of the second month
    (dt.date(2024, 3, 31), 61, True),  # the third month's first day: expulsion too
])
def test_mongolia_fines_each_day_over(tmp_path: Path, exit_: dt.date, days: int,
                                      expelled: bool) -> None:
    history = overstay(tmp_path, "MN", "2024-01-01", exit_)
    [line] = penalties(history, "MN", "2024-06-01")
    assert (line["rule"], line["days_over"], line["confidence"]) == (
        "mn-penalty-overstay", days, "low")
    first = line["bands"][0]
    assert first["offence_in_year"] == "first" and first["fine"]["per"] == "day"
    assert first["fine_total"] == {"currency": "MNT", "min": 10000 * days, "max": None}
    owed = (f"a fine of 10,000 MNT a day ({10000 * days:,} MNT for {days} "
            f"day{'s' if days != 1 else ''})")
    assert first["sanction"] == owed + (
        " and expulsion (for an overstay of two months or more)" if expelled else "")
    # a repeat offence in a year brings expulsion at any length, beside the same fine
    assert [b["fine_total"]["min"] for b in line["bands"][1:]] == [10000 * days] * 2
    assert all(b["expulsion"] for b in line["bands"][1:])
    [text, _] = penalty_lines(history, "MN", "2024-06-01")
    assert f"first offence in a year: {owed}" in text


@pytest.mark.parametrize(("entry", "rule"), [
    ("2021-12-01", None),  # over from 31 December 2021, before the rule's first day
    ("2021-12-02", "mn-penalty-overstay"),  # over from 1 January 2022, its first day
])
def test_mongolias_overstay_rule_judges_from_its_first_day(tmp_path: Path, entry: str,
                                                           rule: str | None) -> None:
    history = overstay(tmp_path, "MN", entry, "2022-01-10")
    [line] = penalties(history, "MN", "2022-02-01")
    assert line["rule"] == rule
    assert line["later_rule"] == (None if rule else {"id": "mn-penalty-overstay",
                                                     "valid_from": "2022-01-01"})


def test_a_fine_per_month_counts_the_months_begun(tmp_path: Path) -> None:
    pack = late_registration_pack(tmp_path)
    late = Path(pack) / "late.yaml"
    late.write_text(late.read_text(encoding="utf-8").replace(
        "fine: {currency: MCI, min: 10, max: 20}", "fine: {currency: MCI, min: 10, max: 20, "
        "per: month}"), encoding="utf-8")
    profile = tmp_path / "p.yaml"
    profile.write_text("version: 1\nperson: {citizenships: [RU]}\n"
                       "trips:\n  - {country: KZ, entry: 2024-01-01}\n", encoding="utf-8")
    # the host notice was due by 5 January (as above): late from the 6th; 6 February begins
    # the 2nd month late
    for on, days, owed in (("2024-02-05", 31, "10 to 20 MCI for 1 month"),
                           ("2024-02-06", 32, "20 to 40 MCI for 2 months")):
        [line] = json.loads(run("status", str(profile), "--country", "KZ", "--on", on,
                                "--json", "--pack", pack))["penalties"]
        assert line["days_over"] == days
        assert [b["sanction"] for b in line["bands"]] == [
            f"a fine of 10 to 20 MCI a month ({owed}) and expulsion (possible)"]


@pytest.mark.parametrize(("country", "name"), [("TH", "Thailand"), ("VN", "Vietnam")])
def test_a_registration_whoever_houses_you_makes_is_no_fine_of_yours(
        tmp_path: Path, country: str, name: str) -> None:
    # Thailand's TM30 notice and Vietnam's declaration of temporary residence are the duty of
    # whoever houses the foreigner (registrant: host), and so is the fine: "what it costs is
    # not known to the pack" read as a fine the person might owe
    profile = tmp_path / "p.yaml"
    profile.write_text("version: 1\nperson: {citizenships: [RU]}\n"
                       f"trips:\n  - {{country: {country}, entry: 2025-01-02}}\n",
                       encoding="utf-8")
    text = run("status", str(profile), "--country", country, "--on", "2025-01-10")
    assert ("Penalty: the registration missed falls to whoever houses you (landlord, hotel), "
            "and so does any fine for it, not to you, as the registration rule's sources say; "
            f"the rule pack has no penalty rule for a late registration in {name} in force on "
            "4 January 2025, the day it began, to tell what it costs them.") in text
    assert "what it costs is not known to the pack" not in text
    data = json.loads(run("status", str(profile), "--country", country, "--on", "2025-01-10",
                          "--json"))
    [line] = data["penalties"]
    assert (line["offence"], line["registrant"], line["rule"]) == (
        "late_registration", "host", None)


def test_a_registration_the_person_makes_keeps_its_cost_unknown(tmp_path: Path) -> None:
    # Armenia: the Russian registers himself (registrant: self); the pack has no fine for it
    profile = tmp_path / "p.yaml"
    profile.write_text("version: 1\nperson: {citizenships: [RU]}\n"
                       "trips:\n  - {country: AM, entry: 2025-01-02}\n", encoding="utf-8")
    text = run("status", str(profile), "--country", "AM", "--on", "2025-03-10")
    assert ("Penalty: the rule pack has no penalty rule for a late registration in Armenia in "
            "force on 2 February 2025, the day it began: what it costs is not known to the "
            "pack.") in text
    data = json.loads(run("status", str(profile), "--country", "AM", "--on", "2025-03-10",
                          "--json"))
    [line] = data["penalties"]
    assert line["registrant"] == "self"
