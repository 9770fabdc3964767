"""Entry bans after an overstay, as the answers use them: `entry --history`, `destinations`,
`status` and `report` refuse an entry a certain ban bars until its last day, and warn of a
possible or conditional one with the last day it could run to."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.dates import months_after
from sojourn.rules.loader import builtin_pack_dir

runner = CliRunner()

# Thailand: an overstay of more than five years (1,826 days or more) bars entry for 10 years
# whatever the person does; left on 1 March 2027, the ban's first day
TH_LEFT = dt.date(2027, 3, 1)
TH_LAST_BARRED = months_after(TH_LEFT, 120) - dt.timedelta(days=1)  # 28 February 2037


@pytest.fixture(scope="module", autouse=True)
def thai_sixty_days_run_on(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The built-in pack with Thailand's 60 days for Russians running on past 3 June 2026,
    the last day its sources show them in force, in place of the agreement's 30 days the pack
    holds to after it: the ten-year ban above needs a stay that runs over five years past its
    limit, into 2027, under one rule the tests' figures were worked out for."""
    global PACK
    root = tmp_path_factory.mktemp("pack") / "pack"
    shutil.copytree(builtin_pack_dir(), root)
    rules = root / "th.yaml"
    text = rules.read_text(encoding="utf-8")
    start = text.index("  - id: th-stay-ru-60-2024")
    end = "    valid_to: 2026-06-03\n    valid_to_basis: last_seen\n"
    assert text.index(end, start) < text.index("  - id: ", start + 1)
    text = text.replace(end, "", 1)
    # and without the agreement's 30 days the pack holds to from 4 June 2026, which would
    # otherwise judge the same stays beside the 60
    after = text.index("  - id: th-stay-ru-30-agreement-2026")
    text = text[:after] + text[text.index("  - id: ", after + 1):]
    rules.write_text(text, encoding="utf-8")
    PACK = str(root)


PACK = ""


def run(*args: str) -> str:
    """A command's output, on the pack above unless the test gives its own."""
    pack = () if "--pack" in args else ("--pack", PACK)
    result = runner.invoke(app, [*args, *pack])
    assert result.exit_code == 0, result.output
    return result.stdout


def history(tmp_path: Path, *trips: str) -> str:
    path = tmp_path / "h.csv"
    path.write_text("country,entry,exit\n" + "".join(f"{t}\n" for t in trips),
                    encoding="utf-8")
    return str(path)


def kazakh_in_kyrgyzstan(tmp_path: Path, registrations: str | None = "[]") -> str:
    """A profile of a Kazakh citizen in Kyrgyzstan from 1 September to 31 December 2025 (122
    days: 32 over the 90 in any 180), with ``registrations`` as given ("[]": none made;
    None: left out, which a profile reads as none made too)."""
    path = tmp_path / "kz.yaml"
    path.write_text("person: {citizenships: [KZ]}\n"
                    "trips: [{country: KG, entry: 2025-09-01, exit: 2025-12-31}]\n"
                    + (f"registrations: {registrations}\n" if registrations is not None
                       else ""), encoding="utf-8")
    return str(path)


def entry(hist: str, to: str, on: dt.date, citizenship: str = "RU",
          document: str = "international_passport") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run(
        "entry", "--citizenship", citizenship, "--document", document, "--to", to,
        "--on", on.isoformat(), "--history", hist, "--json"))
    return data


@pytest.mark.parametrize(("on", "barred"), [
    (TH_LAST_BARRED, True), (TH_LAST_BARRED + dt.timedelta(days=1), False)])
def test_a_certain_ban_refuses_entry_to_its_last_day(tmp_path: Path, on: dt.date,
                                                     barred: bool) -> None:
    hist = history(tmp_path, f"TH,2022-01-10,{TH_LEFT}")
    data = entry(hist, "TH", on)
    assert data["allowed"] is (not barred)
    assert data["entry_barred_until"] == (TH_LAST_BARRED.isoformat() if barred else None)
    text = run("entry", "--citizenship", "RU", "--document", "international_passport",
               "--to", "TH", "--on", on.isoformat(), "--history", hist).splitlines()
    said = ("  - entry barred until 28 February 2037 (overstay of 1847 days ending 1 March "
            "2027, th-penalty-overstay)")
    assert (said in text) is barred and text[0].startswith("No" if barred else "Yes")
    # without the history, the pack's entry rules alone: yes
    assert json.loads(run("entry", "--citizenship", "RU", "--document",
                          "international_passport", "--to", "TH", "--on", on.isoformat(),
                          "--json"))["allowed"] is True


@pytest.mark.parametrize(("on", "barred"), [
    (dt.date(2028, 2, 29), True), (dt.date(2028, 3, 1), False)])
def test_a_band_whose_every_case_bars_refuses_entry_until_the_shortest_ends(
        tmp_path: Path, on: dt.date, barred: bool) -> None:
    # 737 days over: 3 years if the person surrendered, 10 if arrested and prosecuted; which,
    # the tool cannot ask, but either bars entry to 29 February 2028 at least: "Yes" with two
    # notes of "may bar" was the answer before
    hist = history(tmp_path, "TH,2023-01-10,2025-03-01")
    data = entry(hist, "TH", on)
    assert data["allowed"] is (not barred)
    assert data["entry_barred_until"] == ("2028-02-29" if barred else None)
    bans = {b["if"]: b for b in data["entry_bans"]}
    assert bans["arrested and prosecuted"]["last_day"] == "2035-02-28"
    assert not bans["arrested and prosecuted"]["bars_entry"]
    assert ("surrendering" in bans) is barred
    if barred:
        assert bans["surrendering"]["bars_entry"] and data["reasons"][0] == (
            "entry barred until 29 February 2028 at least, whichever case holds (the shortest: "
            "an entry ban of 3 years if surrendering; overstay of 737 days ending 1 March "
            "2025, th-penalty-overstay)")
    # the longer case is told beside the answer, before the shortest ends and after
    assert ("your history's overstay there may bar this entry: an entry ban of 10 years if "
            "arrested and prosecuted, from 1 March 2025; it runs to 28 February 2035 "
            "(overstay of 737 days ending 1 March 2025, th-penalty-overstay)") in data["notes"]
    status = json.loads(run("status", hist, "--country", "TH", "--citizenship", "RU",
                            "--on", on.isoformat(), "--json"))
    assert status["entry_barred_until"] == data["entry_barred_until"]
    assert (status["max_stay_days"] == 0) is barred


@pytest.mark.parametrize(("hist_row", "to", "on", "condition"), [
    # Thailand, 41 to 90 days over: none if the person left of their own accord
    ("TH,2023-01-10,2023-04-10", "TH", dt.date(2024, 1, 1), "arrested and prosecuted"),
    # Türkiye, up to 3 months over: none if the fine was paid on leaving
    ("TR,2023-01-01,2023-04-01", "TR", dt.date(2023, 5, 1), "the fine is not paid on leaving"),
])
def test_a_ban_one_case_of_which_brings_none_keeps_the_answer_and_names_its_condition(
        tmp_path: Path, hist_row: str, to: str, on: dt.date, condition: str) -> None:
    hist = history(tmp_path, hist_row)
    data = entry(hist, to, on)
    assert data["allowed"] is True and data["entry_barred_until"] is None
    [ban] = data["entry_bans"]
    assert (ban["if"], ban["bars_entry"]) == (condition, False)
    assert any(n.startswith("your history's overstay there may bar this entry: an entry ban "
                            "of ") and f"if {condition}" in n for n in data["notes"])


@pytest.mark.parametrize(("on", "warned"), [
    (dt.date(2026, 8, 14), True), (dt.date(2026, 8, 15), False)])
def test_a_possible_ban_is_a_warning_to_the_last_day_it_could_run_to(
        tmp_path: Path, on: dt.date, warned: bool) -> None:
    # Georgia from 1 October 2025: an overstay of up to 3 months, a possible ban of up to 6
    # months; left on 15 February 2026, it could run to 14 August 2026
    hist = history(tmp_path, "GE,2025-01-01,2026-02-15")
    data = entry(hist, "GE", on)
    assert data["allowed"] is True
    assert [(b["certainty"], b["up_to"], b["last_day"]) for b in data["entry_bans"]] == (
        [("possible", True, "2026-08-14")] if warned else [])
    status = run("status", hist, "--country", "GE", "--citizenship", "RU",
                 "--on", on.isoformat()).splitlines()
    assert status[0].startswith("If you enter Georgia")
    assert any(line.strip().startswith("Entry ban: a possible entry ban of up to 6 months, "
                                       "from 15 February 2026; it could run to 14 August 2026")
               for line in status) is warned


@pytest.mark.parametrize(("on", "barred"), [
    (dt.date(2026, 3, 30), True), (dt.date(2026, 3, 31), False)])
@pytest.mark.parametrize("registrations", ["[]", None])
def test_kyrgyzstan_refuses_a_kazakh_the_next_entry_for_90_days(
        tmp_path: Path, on: dt.date, barred: bool, registrations: str | None) -> None:
    # left on 31 December 2025: day 1 of 90, the last 30 March 2026; no registration made.
    # A profile that leaves registrations out records none made, as the registration line of
    # the same answer reads it (its deadline OVERDUE, fined as missed): the ban holds too
    hist = kazakh_in_kyrgyzstan(tmp_path, registrations)
    data = entry(hist, "KG", on, citizenship="KZ", document="id_card")
    assert (data["allowed"] is False) is barred
    assert data["entry_barred_until"] == ("2026-03-30" if barred else None)
    report = json.loads(run("status", hist, "--country", "KG", "--citizenship", "KZ",
                            "--on", on.isoformat(), "--json"))
    assert report["entry_barred_until"] == ("2026-03-30" if barred else None)
    headline = run("status", hist, "--country", "KG", "--citizenship", "KZ",
                   "--on", on.isoformat()).splitlines()[0]
    assert headline.startswith("You may not enter Kyrgyzstan on") is barred


@pytest.mark.parametrize("registrations", [
    "[{country: KG, on: 2025-09-20}]",  # by the first day over (30 November), to the end
    "[{country: KG, on: 2025-09-20, until: 2025-12-31}]"])
def test_kyrgyzstan_bans_no_kazakh_whose_stay_was_registered(tmp_path: Path,
                                                             registrations: str) -> None:
    # the ban is for a stay over 90 days without registration: registered, none is owed
    hist = kazakh_in_kyrgyzstan(tmp_path, registrations)
    data = entry(hist, "KG", dt.date(2026, 3, 1), citizenship="KZ", document="id_card")
    assert data["allowed"] is True and data["entry_bans"] == []
    assert not any("may bar this entry" in n for n in data["notes"]), data["notes"]
    report = json.loads(run("status", hist, "--country", "KG", "--on", "2026-03-01", "--json"))
    assert report["entry_barred_until"] is None and report["entry_ban_unknown"] == []
    [line] = report["penalties"]
    assert line["registration"] == "registered" and line["bands"] == []
    assert [b["when"] for b in line["spared"]] == ["unregistered"]
    text = run("status", hist, "--country", "KG", "--on", "2026-03-01")
    assert not text.startswith("You may not enter")
    assert ("gives an entry ban (the next entry refused for 90 days) for a stay not "
            "registered, and the history records this one registered for the whole time "
            "over") in text, text


@pytest.mark.parametrize(("registrations", "said"), [
    ("csv", "the history records no registrations to tell whether this stay was"),
    # registered on 5 December, after the first day over: part of it was unregistered
    ("[{country: KG, on: 2025-12-05}]", "a registration the history records covers only part "
                                        "of it")])
def test_kyrgyzstan_ban_is_not_known_where_the_history_does_not_tell_the_registration(
        tmp_path: Path, registrations: str | None, said: str) -> None:
    hist = (history(tmp_path, "KG,2025-09-01,2025-12-31") if registrations == "csv"
            else kazakh_in_kyrgyzstan(tmp_path, registrations))
    data = entry(hist, "KG", dt.date(2026, 3, 1), citizenship="KZ", document="id_card")
    assert data["allowed"] is True and data["entry_barred_until"] is None
    assert any(n.startswith("your history's overstay there may bar this entry: the pack "
                            "cannot tell") and "would bar entry until 30 March 2026" in n
               and said in n for n in data["notes"]), data["notes"]
    # after the ban would have ended, nothing is said
    later = entry(hist, "KG", dt.date(2026, 3, 31), citizenship="KZ", document="id_card")
    assert not any("may bar this entry" in n for n in later["notes"]), later["notes"]
    report = json.loads(run("status", hist, "--country", "KG", "--citizenship", "KZ",
                            "--on", "2026-03-01", "--json"))
    assert report["entry_barred_until"] is None
    assert [u["why"] for u in report["entry_ban_unknown"]] == ["registration_unknown"]
    text = run("status", hist, "--country", "KG", "--citizenship", "KZ", "--on", "2026-03-01")
    assert "by the stay rules alone: the pack cannot tell whether the overstay" in text, text


def test_a_ban_of_unknown_length_leaves_entry_unknown(tmp_path: Path) -> None:
    # Indonesia: more than 60 days over, deported and listed as barred, for how long not said
    hist = history(tmp_path, "ID,2025-01-01,2025-05-01")
    data = entry(hist, "ID", dt.date(2026, 3, 1))
    assert data["allowed"] == "unknown"
    assert any("an entry ban of unknown length, from 1 May 2025" in r
               for r in data["reasons"])
    [ban] = data["entry_bans"]
    assert ban["length_known"] is False and ban["last_day"] is None


def test_no_ban_runs_before_the_person_has_left(tmp_path: Path) -> None:
    # still in Thailand on the day: the ban starts on the day of leaving
    hist = history(tmp_path, "TH,2022-01-10,")
    data = json.loads(run("status", hist, "--country", "TH", "--citizenship", "RU",
                          "--on", "2028-01-01", "--json"))
    assert data["entry_bans_on"] == [] and data["entry_barred_until"] is None
    assert {b["left"] for b in data["entry_bans"]} == {None}


def test_destinations_marks_a_barred_host_and_says_the_ban_day(tmp_path: Path) -> None:
    hist = history(tmp_path, f"TH,2022-01-10,{TH_LEFT}")
    args = ("destinations", hist, "--on", "2028-01-01", "--citizenship", "RU",
            "--document", "international_passport")
    rows = {d["host"]: d for d in json.loads(run(*args, "--json"))["destinations"]}
    assert rows["TH"]["allowed"] is False
    assert rows["TH"]["entry_barred_until"] == TH_LAST_BARRED.isoformat()
    assert rows["TR"]["allowed"] is True and rows["TR"]["entry_bans"] == []
    text = run(*args).splitlines()
    assert any(line.split()[:2] == ["TH", "no"] for line in text)
    assert any("TH 9 February 2022 to 1 March 2027 (1847 days): entry barred until 28 "
               "February 2037 (th-penalty-overstay)" in line for line in text)


def test_report_names_a_barred_host_among_those_refused(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2040-01-01}\n"
        f"trips: [{{country: TH, entry: 2022-01-10, exit: {TH_LEFT}}}, "
        "{country: GE, entry: 2027-12-01}]\n", encoding="utf-8")
    data = json.loads(run("report", str(profile), "--on", "2028-01-01", "--format", "json"))
    refused = {r["host"]: r["why"] for r in data["refused"]}
    assert refused["TH"].startswith("entry barred until 28 February 2037"), refused


def test_the_earliest_entry_waits_for_the_ban_to_end(tmp_path: Path) -> None:
    # the stay rules alone would let the person in on the day: the ban is why no stay begins,
    # and the first day after it is the earliest, as for a person whose days are used up
    hist = history(tmp_path, f"TH,2022-01-10,{TH_LEFT}")
    free = TH_LAST_BARRED + dt.timedelta(days=1)
    args = (hist, "--country", "TH", "--citizenship", "RU")
    data = json.loads(run("status", *args, "--on", "2028-01-01", "--json"))
    assert (data["max_stay_days"], data["latest_exit"], data["earliest_entry"],
            data["limited_by"], data["register_by"]) == (0, None, free.isoformat(),
                                                         "entry_ban", None)
    text = run("status", *args, "--on", "2028-01-01").splitlines()
    assert "  The earliest day you may be in Thailand again is 1 March 2037." in text
    # the count's days left are not days to spend while the ban runs
    assert text[1].endswith("60 days left by the count, none while the ban runs."), text[1]
    planned = json.loads(run("plan", *args, "--from", "2028-01-01", "--length", "30",
                             "--json"))
    assert planned["earliest_entry"] == free.isoformat()
    # from the day after the ban, the stay rules alone
    after = json.loads(run("status", *args, "--on", free.isoformat(), "--json"))
    assert after["max_stay_days"] > 0 and after["limited_by"] != "entry_ban"
    rows = {d["host"]: d for d in json.loads(run(
        "destinations", hist, "--on", "2028-01-01", "--citizenship", "RU", "--document",
        "international_passport", "--json"))["destinations"]}
    assert rows["TH"]["earliest_entry"] == free.isoformat()


def test_a_ban_that_decides_the_answer_from_a_rule_of_low_confidence_says_so(
        tmp_path: Path) -> None:
    # the built-in pack with Kyrgyzstan's ban for Kazakh citizens read at low confidence
    root = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), root)
    rules = root / "penalties.yaml"
    text = rules.read_text(encoding="utf-8")
    start = text.index("  - id: kg-penalty-overstay-kz-2025")
    at = text.index("    confidence: medium", start)
    rules.write_text(text[:at] + "    confidence: low" + text[at + 22:], encoding="utf-8")
    hist = kazakh_in_kyrgyzstan(tmp_path)
    data = json.loads(run("entry", "--citizenship", "KZ", "--document", "id_card", "--to", "KG",
                          "--on", "2026-03-01", "--history", hist, "--pack", str(root),
                          "--json"))
    assert data["allowed"] is False and data["entry_barred_until"] == "2026-03-30"
    assert [b["confidence"] for b in data["entry_bans"]] == ["low"]
    assert any("rests on kg-penalty-overstay-kz-2025, a rule of low confidence" in n
               for n in data["notes"]), data["notes"]


def test_report_tells_a_possible_ban_beside_a_host_it_offers(tmp_path: Path) -> None:
    # Georgia's possible ban of up to 6 months leaves Georgia a way to go, with the ban said
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2040-01-01}\n"
        "trips: [{country: GE, entry: 2025-01-01, exit: 2026-02-15}, "
        "{country: AM, entry: 2026-02-15}]\n", encoding="utf-8")
    text = run("report", str(profile), "--on", "2026-03-01")
    assert ("you overstayed there 1 January to 15 February 2026 (46 days): a possible entry "
            "ban of up to 6 months to 14 August 2026 (ge-penalty-overstay-2025)") in text, text


def test_a_border_run_on_the_day_of_leaving_is_barred(tmp_path: Path) -> None:
    # the day of leaving is the ban's first: out of Kyrgyzstan on 31 December 2025 and back
    # in the same day read "Yes", though the 90 days bar it
    hist = kazakh_in_kyrgyzstan(tmp_path)
    data = entry(hist, "KG", dt.date(2025, 12, 31), citizenship="KZ", document="id_card")
    assert data["allowed"] is False and data["entry_barred_until"] == "2026-03-30"
    # status on that day still answers for the stay under way: the person is there
    report = json.loads(run("status", hist, "--country", "KG", "--citizenship", "KZ",
                            "--on", "2025-12-31", "--json"))
    assert report["present"] is True and report["entry_barred_until"] is None


@pytest.mark.parametrize(("assume", "variant", "last_day"), [
    ((), "ge-penalty-bands-3-months", "2028-06-14"),
    (("--assume", "ge-penalty-bands-6-months"), "ge-penalty-bands-6-months", "2027-06-14")])
def test_entry_names_the_contested_account_a_ban_comes_from(
        tmp_path: Path, assume: tuple[str, ...], variant: str, last_day: str) -> None:
    # Georgia's bands, by 3 or by 6 months, give 166 days over a ban of up to 2 years or of
    # 1 year: status said the penalty rule is contested, entry gave the ban as if it were not
    hist = history(tmp_path, "GE,2025-01-01,2026-06-15")
    data = json.loads(run("entry", "--citizenship", "RU", "--document",
                          "international_passport", "--to", "GE", "--on", "2026-07-01",
                          "--history", hist, "--json", *assume))
    [ban] = data["entry_bans"]
    assert ban["last_day"] == last_day
    assumed = {a["rule"]: a for a in data["assumptions"]}
    assert assumed["ge-penalty-overstay-2025"]["variant"] == variant
    text = run("entry", "--citizenship", "RU", "--document", "international_passport",
               "--to", "GE", "--on", "2026-07-01", "--history", hist, *assume)
    assert f"Warning: contested rule (ge-penalty-overstay-2025): assumed '{variant}'" in text


def test_a_permit_plan_says_the_ban_not_the_count_keeps_the_stay_from_beginning(
        tmp_path: Path) -> None:
    # with the days all left, "the limit is used up" gave a reason that was not the one
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2040-01-01}\n"
        f"trips: [{{country: TH, entry: 2022-01-10, exit: {TH_LEFT}}}]\n", encoding="utf-8")
    data = json.loads(run("permit", str(profile), "--country", "TH", "--permit",
                          "th-permit-extension-2024", "--on", "2028-01-01", "--json"))
    assert data["verdict"].startswith(
        "You may not stay in Thailand on 1 January 2028: entry barred until 28 February 2037 "
        "(overstay of 1847 days ending 1 March 2027, th-penalty-overstay). The earliest day "
        "you may be in Thailand again is 1 March 2037"), data["verdict"]


@pytest.mark.parametrize(("born", "barred"), [
    ("2009-03-02", False),  # 18 on 2 March 2027, the day after leaving: spared
    ("2009-03-01", True)])  # 18 on the day of leaving: barred
def test_thailand_bars_none_who_leaves_before_18(tmp_path: Path, born: str,
                                                 barred: bool) -> None:
    # the order spares one who leaves before the age of 18: a child who overstayed with their
    # parents read "entry barred until 28 February 2037"
    profile = tmp_path / "p.yaml"
    profile.write_text(
        f"person:\n  citizenships: [RU]\n  born: {born}\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2040-01-01}\n"
        f"trips: [{{country: TH, entry: 2022-01-10, exit: {TH_LEFT}}}]\n", encoding="utf-8")
    data = json.loads(run("status", str(profile), "--country", "TH", "--on", "2028-01-01",
                          "--json"))
    assert data["entry_barred_until"] == (TH_LAST_BARRED.isoformat() if barred else None)
    assert (data["entry_bans"] != []) is barred
    assert data["penalties"][0]["bans_from_age"] == 18
    text = run("status", str(profile), "--country", "TH", "--on", "2028-01-01")
    assert "an entry ban (10 years), no entry ban for one who leaves before the age of 18" in text
    places = {d["host"]: d for d in json.loads(run(
        "destinations", str(profile), "--on", "2028-01-01", "--json"))["destinations"]}
    assert places["TH"]["allowed"] is (not barred)


def test_entry_takes_the_age_from_the_history_s_profile(tmp_path: Path) -> None:
    # a child of 10 by the profile's birth: "no age given: judged as an adult" admitted them
    # on the internal passport Kazakhstan takes from 14, where destinations said unknown
    profile = tmp_path / "p.yaml"
    profile.write_text("person:\n  citizenships: [RU]\n  born: 2015-06-01\n"
                       "trips: [{country: RU, entry: 2025-01-01}]\n", encoding="utf-8")
    args = ("entry", "--citizenship", "RU", "--document", "internal_passport", "--to", "KZ",
            "--on", "2026-03-01", "--history", str(profile), "--json")
    assert json.loads(run(*args))["allowed"] == "unknown"
    # --age still decides where given
    assert json.loads(run(*args, "--age", "30"))["allowed"] is True
    places = {d["host"]: d for d in json.loads(run(
        "destinations", str(profile), "--on", "2026-03-01", "--document", "internal_passport",
        "--json"))["destinations"]}
    assert places["KZ"]["allowed"] == "unknown"


def test_the_earliest_day_back_gives_the_later_day_a_conditional_ban_runs_to(
        tmp_path: Path) -> None:
    # Türkiye, 86 days over 90 in any 180, left on 15 August 2025: the stay rules let a
    # Ukrainian back on 14 November 2025; the ban of 3 months if the fine was not paid runs
    # to 14 November, so in that case the 15th is the first day back
    hist = history(tmp_path, "TR,2025-02-21,2025-08-15")
    text = run("status", hist, "--country", "TR", "--citizenship", "UA", "--on", "2025-10-01",
               "--pack", str(builtin_pack_dir())).splitlines()
    assert ("  The earliest day you may be in Türkiye again is 14 November 2025, or "
            "15 November 2025 if the fine is not paid on leaving.") in text, text


def test_a_conditional_ban_ended_before_the_earliest_day_back_is_not_named_there(
        tmp_path: Path) -> None:
    # left on 15 August 2025 after 86 days over, the 3 months end on 14 November; a later
    # stay that uses up the limit again, to 2026, sets a day back long after it
    hist = history(tmp_path, "TR,2025-02-21,2025-08-15", "TR,2026-01-01,2026-03-31")
    text = run("status", hist, "--country", "TR", "--citizenship", "UA", "--on", "2026-04-10",
               "--pack", str(builtin_pack_dir())).splitlines()
    back = [line for line in text if "earliest day you may be in Türkiye" in line]
    assert back and "if the fine" not in back[0], text
