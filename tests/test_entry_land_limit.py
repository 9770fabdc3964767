"""A host's limit on visa-exempt entries by land in a calendar year (Thailand's two): the rule
side (land_entries_per_year on an accepted document) and the answers of entry and
destinations, counted against the entries the history records earlier in the year."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.destinations import destinations
from sojourn.entry import EarlierEntries, check_entry
from sojourn.history import load_history
from sojourn.rules.loader import builtin_pack_dir, load_pack
from sojourn.rules.topics import AcceptedDocument
from sojourn.stay import stay_report

runner = CliRunner()
PACK = load_pack()
DAY = dt.date(2026, 4, 12)

# two land runs in 2026 (Malaysia, Laos) after flying in, and a third under way (Cambodia)
RUNS = """\
person:
  citizenships: [RU]
  documents:
    - {type: international_passport, country: RU, expires: 2032-01-01}
trips:
  - {country: TH, entry: 2026-01-05, exit: 2026-02-20, by: air}
  - {country: MY, entry: 2026-02-20, exit: 2026-02-21, by: land}
  - {country: TH, entry: 2026-02-21, exit: 2026-03-15, by: %s}
  - {country: LA, entry: 2026-03-15, exit: 2026-03-16, by: land}
  - {country: TH, entry: 2026-03-16, exit: 2026-04-10, by: land}
  - {country: KH, entry: 2026-04-10, exit: 2026-04-12, by: land}
"""


# the same, the third run back into Thailand planned by land on 20 April 2026
PLANNED = RUNS.replace("exit: 2026-04-12, by: land}", "exit: 2026-04-20, by: land}") + (
    "  - {country: TH, entry: 2026-04-20, exit: 2026-05-10, by: land}\n")

# the accounts of the contested limit (Russians from 1 May 2025, everyone from 15 July 2024)
LIMITED, NOT_LIMITED = "th-land-entries-two-a-year", "th-land-entries-not-limited"


def _entry(tmp_path: Path, by: str, way: str = "land", *more: str) -> tuple[int, str]:
    path = tmp_path / "runs.yaml"
    path.write_text(RUNS % way, encoding="utf-8")
    result = runner.invoke(app, ["entry", "--citizenship", "RU", "--document",
                                 "international_passport", "--to", "TH", "--on", "2026-04-12",
                                 "--by", by, "--history", str(path), *more])
    return result.exit_code, result.output


def _plan(tmp_path: Path, way: str = "land", *more: str) -> str:
    path = tmp_path / "planned.yaml"
    path.write_text(PLANNED % way, encoding="utf-8")
    result = runner.invoke(app, ["plan", str(path), "--country", "TH", "--length", "10",
                                 "--from", "2026-04-12", *more])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_third_land_run_in_a_year_is_refused(tmp_path: Path) -> None:
    code, out = _entry(tmp_path, "land")
    assert code == 0
    assert out.startswith("No: entering Thailand by land on 12 April 2026")
    assert ("your history records twice by land in 2026 before this one (21 February 2026 "
            "and 16 March 2026): a visa is needed to enter by land again before 1 January "
            "2027") in out
    assert "(th-entry-ru-foreign-passport-tdac)" in out


def test_an_entry_by_air_is_not_counted_nor_refused(tmp_path: Path) -> None:
    code, out = _entry(tmp_path, "air")
    assert code == 0
    assert out.startswith("Yes, with a Thailand Digital Arrival Card")
    assert "you come in by air" in out


def test_a_second_land_entry_is_within_the_limit(tmp_path: Path) -> None:
    # the first run was by air: one land entry before this one
    _, out = _entry(tmp_path, "land", way="air")
    assert out.startswith("Yes, with a Thailand Digital Arrival Card")
    assert "records once by land in 2026 before this one (16 March 2026): this one is " \
           "within it" in out


def test_a_way_in_not_recorded_leaves_the_third_unknown(tmp_path: Path) -> None:
    code, out = _entry(tmp_path, "land", way="null")
    assert code == 0
    assert out.startswith("Unknown")
    assert "it does not say how you came in on 21 February 2026" in out


def test_destinations_refuses_thailand_by_land_after_two_runs(tmp_path: Path) -> None:
    path = tmp_path / "runs.yaml"
    path.write_text(RUNS % "land", encoding="utf-8")
    hist = load_history(path)
    by_land = {d.host: d for d in destinations(hist, PACK, on=DAY, by="land")}
    by_air = {d.host: d for d in destinations(hist, PACK, on=DAY, by="air")}
    assert by_land["TH"].allowed is False
    assert by_air["TH"].allowed is True


@pytest.mark.parametrize("fields", [{"accepted": False}, {"visa_required": True}])
def test_the_limit_stands_only_on_a_document_accepted_without_a_visa(
        fields: dict[str, bool]) -> None:
    with pytest.raises(ValidationError, match=r"land_entries_not_exempt|refuses or accepts"):
        AcceptedDocument.model_validate({"type": "international_passport",
                                         "land_entries_per_year": 2, **fields})


def test_the_refusal_names_the_account_assumed_and_the_other(tmp_path: Path) -> None:
    _, out = _entry(tmp_path, "land")
    assert (f"contested rule (th-entry-ru-foreign-passport-tdac): assumed '{LIMITED}'; other "
            f"accounts: --assume {NOT_LIMITED} (yes)") in out


def test_the_account_without_the_limit_lets_a_third_land_run_in(tmp_path: Path) -> None:
    code, out = _entry(tmp_path, "land", "land", "--assume", NOT_LIMITED)
    assert code == 0
    assert out.startswith("Yes, with a Thailand Digital Arrival Card")
    assert "by land (a road or rail border checkpoint) at most" not in out
    assert f"assumed '{NOT_LIMITED}'; other accounts: --assume {LIMITED} (no)" in out


def test_ukrainians_limit_is_contested_from_the_60_day_list_only() -> None:
    # the 2016 regulation named Ukraine's 30-day list: its limit is no account's to drop
    def limit(on: str, *assume: str) -> bool | None:
        answer = check_entry(PACK, citizenship="UA", document="international_passport",
                             to="TH", on=dt.date.fromisoformat(on), by="land", assume=assume,
                             earlier=EarlierEntries((dt.date(2024, 1, 5), dt.date(2024, 2, 5))))
        return answer.allowed

    assert limit("2024-07-14") is False
    assert limit("2024-07-14", NOT_LIMITED) is False
    assert limit("2024-07-15") is False
    assert limit("2024-07-15", NOT_LIMITED) is True
    assert limit("2025-05-01", NOT_LIMITED) is True


def test_russians_limit_is_contested_from_the_60_day_list_of_15_july_2024() -> None:
    # Russia joined the exemption list on 15 July 2024, as Ukraine's 30-day list became the
    # 60-day one: a third land run of 2024 in October is refused by default, as a Ukrainian's
    # is, and let in under the other account; before that day the agreement's rule sets none
    def third_run(on: str, *assume: str) -> tuple[bool | None, str]:
        answer = check_entry(PACK, citizenship="RU", document="international_passport",
                             to="TH", on=dt.date.fromisoformat(on), by="land", assume=assume,
                             earlier=EarlierEntries((dt.date(2024, 1, 5), dt.date(2024, 2, 5))))
        return answer.allowed, next(r.id for r in answer.rules if r.rule.topic == "entry")

    assert third_run("2024-07-14") == (True, "th-entry-ru-foreign-passport")
    assert third_run("2024-07-14", NOT_LIMITED) == (True, "th-entry-ru-foreign-passport")
    assert third_run("2024-10-10") == (False, "th-entry-ru-foreign-passport-2024")
    assert third_run("2024-10-10", NOT_LIMITED) == (True, "th-entry-ru-foreign-passport-2024")


# flown in after Russia joined the 60-day list, two land runs (Cambodia, Laos), a third from
# Malaysia on 10 October 2024
RUNS_2024 = """\
person:
  citizenships: [RU]
  documents:
    - {type: international_passport, country: RU, expires: 2032-01-01}
trips:
  - {country: TH, entry: 2024-07-20, exit: 2024-08-20, by: air}
  - {country: KH, entry: 2024-08-20, exit: 2024-08-22, by: land}
  - {country: TH, entry: 2024-08-22, exit: 2024-09-10, by: land}
  - {country: LA, entry: 2024-09-10, exit: 2024-09-12, by: land}
  - {country: TH, entry: 2024-09-12, exit: 2024-10-08, by: land}
  - {country: MY, entry: 2024-10-08, exit: 2024-10-10, by: land}
"""


def test_a_russians_third_land_run_of_october_2024_names_both_accounts(tmp_path: Path) -> None:
    path = tmp_path / "runs.yaml"
    path.write_text(RUNS_2024, encoding="utf-8")
    args = ["entry", "--citizenship", "RU", "--document", "international_passport", "--to",
            "TH", "--on", "2024-10-10", "--by", "land", "--history", str(path)]
    out = runner.invoke(app, args).output
    assert out.startswith("No: entering Thailand by land on 10 October 2024")
    assert ("your history records twice by land in 2024 before this one (22 August 2024 and "
            "12 September 2024): a visa is needed to enter by land again before 1 January "
            "2025") in out
    assert (f"contested rule (th-entry-ru-foreign-passport-2024): assumed '{LIMITED}'; other "
            f"accounts: --assume {NOT_LIMITED} (yes)") in out
    assert runner.invoke(app, [*args, "--assume", NOT_LIMITED]).output.startswith("Yes")


@pytest.mark.parametrize("way", ["land", "null"])
def test_where_the_count_decides_entries_on_a_visa_are_said_counted(tmp_path: Path,
                                                                    way: str) -> None:
    _, out = _entry(tmp_path, "land", way)
    assert "entries made on a visa are counted too, as your trips do not say which were" in out


def test_where_the_count_lets_in_entries_on_a_visa_go_unsaid(tmp_path: Path) -> None:
    _, out = _entry(tmp_path, "land", "air")
    assert "made on a visa" not in out


def test_plan_refuses_a_third_land_entry_planned(tmp_path: Path) -> None:
    out = _plan(tmp_path)
    assert ("Note: Thailand would refuse the entry on 20 April 2026 that your trips record: "
            "it lets a person in without a visa by land") in out
    assert ("a visa is needed to enter by land again before 1 January 2027; entries made on a "
            "visa are counted too") in out
    assert f"assumed '{LIMITED}'; other accounts: --assume {NOT_LIMITED} (yes)" in out
    planned = json.loads(_plan(tmp_path, "land", "--json"))
    assert [(r["on"], r["rule"]) for r in planned["entries_refused"]] == [
        ("2026-04-20", "th-entry-ru-foreign-passport-tdac")]
    assert planned["entries_unknown"] == []
    assert {(a["rule"], a["variant"]) for a in planned["assumptions"]} >= {
        ("th-entry-ru-foreign-passport-tdac", LIMITED)}


def test_plan_says_unknown_where_a_trip_does_not_say_its_way(tmp_path: Path) -> None:
    out = _plan(tmp_path, "null")
    assert ("Note: Thailand may refuse the entry on 20 April 2026 that your trips record:") in out
    assert "it does not say how you came in on 21 February 2026" in out
    planned = json.loads(_plan(tmp_path, "null", "--json"))
    assert planned["entries_refused"] == []
    assert [(r["on"], r["rule"]) for r in planned["entries_unknown"]] == [
        ("2026-04-20", "th-entry-ru-foreign-passport-tdac")]


def test_plan_under_the_account_without_the_limit_refuses_nothing(tmp_path: Path) -> None:
    planned = json.loads(_plan(tmp_path, "land", "--json", "--assume", NOT_LIMITED))
    assert planned["entries_refused"] == [] and planned["entries_unknown"] == []


def test_plan_does_not_count_a_planned_entry_by_air(tmp_path: Path) -> None:
    path = tmp_path / "planned.yaml"
    path.write_text((PLANNED % "land").replace("2026-05-10, by: land", "2026-05-10, by: air"),
                    encoding="utf-8")
    result = runner.invoke(app, ["plan", str(path), "--country", "TH", "--length", "10",
                                 "--from", "2026-04-12", "--json"])
    assert json.loads(result.output)["entries_refused"] == []


def test_rules_show_gives_the_limit_and_the_account_without_it() -> None:
    out = runner.invoke(app, ["rules", "show", "th-entry-ru-foreign-passport-tdac"]).output
    head = out.splitlines()[1]
    assert ("an international passport accepted without a visa by land at most twice a "
            "calendar year") in head
    assert any(line.strip().startswith(f"variant {NOT_LIMITED}:")
               and line.endswith("; no limit on entries by land") for line in out.splitlines())
    shown = json.loads(runner.invoke(
        app, ["rules", "show", "th-entry-ru-foreign-passport-tdac", "--json"]).output)
    passport = [d for d in shown["documents"] if d["type"] == "international_passport"]
    assert [d["land_entries_per_year"] for d in passport] == [2]
    accounts = {v["name"]: [d["land_entries_per_year"] for d in v["documents"]
                            if d["type"] == "international_passport"]
                for v in shown["variants"]}
    assert accounts == {LIMITED: [2], NOT_LIMITED: [None]}


@pytest.mark.parametrize("rule", ["th-stay-ru-30-agreement", "th-stay-ru-60-2024"])
def test_the_stay_notes_send_the_land_limit_to_the_entry_rules(rule: str) -> None:
    # they said the format could not count land entries, and applied the limit to Russians
    # as settled: the entry rules count it, and for Russians it is contested
    found = PACK.rule(rule)
    assert found is not None and found.note is not None
    note = " ".join(found.note.split())
    assert "cannot" not in note
    assert "th-entry-ru-foreign-passport" in note


def test_report_lists_a_planned_entry_thailand_may_refuse(tmp_path: Path) -> None:
    # away in Cambodia, the third run back planned: an earlier trip with no `by` may have been
    # the second by land, so the report's deadlines say it as status does ("may refuse")
    path = tmp_path / "planned.yaml"
    path.write_text(PLANNED % "null", encoding="utf-8")
    args = ["report", str(path), "--on", "2026-04-12"]
    lines = runner.invoke(app, args).output.splitlines()
    said = [line for line in lines if "planned entry into Thailand" in line]
    assert len(said) == 1 and said[0].startswith(
        "  20 April 2026  planned entry into Thailand may be refused: it lets a person in "
        "without a visa by land")
    assert "it does not say how you came in on 21 February 2026" in said[0]
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).output)
    assert [(d["day"], d["rule"], d["what"].split(":")[0]) for d in data["deadlines"]
            if d["rule"] == "th-entry-ru-foreign-passport-tdac"] == [
        ("2026-04-20", "th-entry-ru-foreign-passport-tdac",
         "planned entry into Thailand may be refused")]


def _plan_2024(tmp_path: Path, *more: str) -> str:
    # away in Malaysia on 10 October 2024 after two land runs: plan's own offered entry
    path = tmp_path / "runs2024.yaml"
    path.write_text(RUNS_2024, encoding="utf-8")
    result = runner.invoke(app, ["plan", str(path), "--country", "TH", "--length", "30",
                                 "--from", "2024-10-10", *more])
    assert result.exit_code == 0, result.output
    return result.output


def test_plan_by_land_waits_for_the_first_day_a_third_land_run_is_let_in(
        tmp_path: Path) -> None:
    # the stay rules allow 10 October 2024; by land the year's two entries are used up, so
    # the earliest day is the first of the next year, and the note names the account assumed
    out = _plan_2024(tmp_path, "--by", "land")
    assert ("The earliest you can enter by land for 30 days is 1 January 2025 (staying until "
            "30 January 2025).") in out
    assert ("Note: by land you cannot enter Thailand on 10 October 2024, the first day the stay "
            "rules allow: it lets a person in without a visa by land") in out
    assert ("a visa is needed to enter by land again before 1 January 2025; entries made on a "
            "visa are counted too") in out
    assert (f"contested rule (th-entry-ru-foreign-passport-2024): assumed '{LIMITED}'; other "
            f"accounts: --assume {NOT_LIMITED} (yes); the earliest day above is the first the "
            "entry rules let you in that way.") in out
    planned = json.loads(_plan_2024(tmp_path, "--by", "land", "--json"))
    assert planned["earliest_entry"] == "2025-01-01"
    assert planned["entry_waited"]["by"] == "land"
    assert planned["entry_waited"]["refused"]["on"] == "2024-10-10"
    assert planned["entry_waited"]["refused"]["rule"] == "th-entry-ru-foreign-passport-2024"
    assert planned["entry_waited"]["unknown_from"] is None
    assert planned["entry_refused"] is None
    assert planned["entry_refused_by_land"] is None
    assert {(a["rule"], a["variant"]) for a in planned["assumptions"]} >= {
        ("th-entry-ru-foreign-passport-2024", LIMITED)}
    assert "th-entry-ru-foreign-passport-2024" in {r["id"] for r in planned["rules"]}


def test_plan_s_earliest_day_stays_the_stay_rules_by_air_under_the_other_account_or_no_way(
        tmp_path: Path) -> None:
    for more in (("--by", "air"), ("--by", "land", "--assume", NOT_LIMITED), ()):
        planned = json.loads(_plan_2024(tmp_path, *more, "--json"))
        assert planned["earliest_entry"] == "2024-10-10"
        assert planned["entry_waited"] is None


def test_plan_by_air_or_under_the_other_account_refuses_nothing(tmp_path: Path) -> None:
    for more in (("--by", "air"), ("--by", "land", "--assume", NOT_LIMITED)):
        planned = json.loads(_plan_2024(tmp_path, *more, "--json"))
        assert planned["entry_refused"] is None
        assert planned["entry_refused_by_land"] is None


def test_plan_without_a_way_says_its_offer_assumes_air_or_sea(tmp_path: Path) -> None:
    out = _plan_2024(tmp_path)
    assert ("Note: this assumes you come in by air or sea: by land you cannot enter Thailand "
            "on 10 October 2024: it lets a person in without a visa by land") in out
    # status and report take --by too: the note named plan's alone
    assert ("`status --by WAY`, `plan --by WAY` and `report --by WAY` judge the way you come "
            "in.") in out
    planned = json.loads(_plan_2024(tmp_path, "--json"))
    assert planned["entry_refused"] is None
    assert planned["entry_refused_by_land"]["on"] == "2024-10-10"
    assert planned["entry_refused_by_land"]["rule"] == "th-entry-ru-foreign-passport-2024"


def test_plan_without_a_way_is_silent_where_a_land_entry_is_within_the_limit(
        tmp_path: Path) -> None:
    # the first run by air: one land entry before, the next by land is the second
    path = tmp_path / "runs2024.yaml"
    path.write_text(RUNS_2024.replace("2024-08-22, exit: 2024-09-10, by: land",
                                      "2024-08-22, exit: 2024-09-10, by: air"),
                    encoding="utf-8")
    result = runner.invoke(app, ["plan", str(path), "--country", "TH", "--length", "30",
                                 "--from", "2024-10-10", "--json"])
    assert json.loads(result.output)["entry_refused_by_land"] is None


def test_plan_by_a_way_not_known_is_refused_naming_the_option(tmp_path: Path) -> None:
    path = tmp_path / "runs2024.yaml"
    path.write_text(RUNS_2024, encoding="utf-8")
    result = runner.invoke(app, ["plan", str(path), "--country", "TH", "--length", "30",
                                 "--from", "2024-10-10", "--by", "boat"])
    assert result.exit_code != 0
    assert "--by" in result.output and "boat" in result.output
    assert "land, air, rail, sea" in result.output


AZ_AWAY = """\
person:
  citizenships: [RU]
  documents:
    - {type: international_passport, country: RU, expires: 2032-01-01}
trips:
  - {country: GE, entry: 2026-01-05, exit: 2026-02-20, by: air}
"""


def _plan_az(tmp_path: Path, on: str, *more: str) -> str:
    path = tmp_path / "away.yaml"
    path.write_text(AZ_AWAY, encoding="utf-8")
    result = runner.invoke(app, ["plan", str(path), "--country", "AZ", "--length", "30",
                                 "--from", on, *more])
    assert result.exit_code == 0, result.output
    return result.output


def test_plan_by_land_into_azerbaijan_knows_no_first_day_after_the_closure_s_last_seen_end(
        tmp_path: Path) -> None:
    # closed by land until at least 1 July 2026, the latest extension the sources report:
    # from 2 July whether it is open the pack does not know, so no day is offered
    out = _plan_az(tmp_path, "2026-03-01", "--by", "land")
    assert ("The earliest you can enter Azerbaijan by land for 30 days is not known: from "
            "2 July 2026, Azerbaijan was closed to entry by land, rail and sea until at least "
            "1 July 2026 (az-border-land-closed)") in out
    assert ("Note: by land you cannot enter Azerbaijan on 1 March 2026, the first day the stay "
            "rules allow: it is closed to entry by land (az-border-land-closed); no later day "
            "is offered.") in out
    planned = json.loads(_plan_az(tmp_path, "2026-03-01", "--by", "land", "--json"))
    assert planned["earliest_entry"] is None
    assert planned["entry_waited"]["refused"]["on"] == "2026-03-01"
    assert planned["entry_waited"]["unknown_from"] == {
        "on": "2026-07-02", "rule": "az-border-land-closed",
        "why": planned["entry_waited"]["unknown_from"]["why"]}
    # after that day, not known from the day asked; by air, the stay rules' day stands
    later = json.loads(_plan_az(tmp_path, "2026-09-01", "--by", "land", "--json"))
    assert later["earliest_entry"] is None
    assert later["entry_waited"]["refused"] is None
    assert later["entry_waited"]["unknown_from"]["on"] == "2026-09-01"
    assert "az-border-land-closed" in {r["id"] for r in later["rules"]}
    flown = json.loads(_plan_az(tmp_path, "2026-03-01", "--by", "air", "--json"))
    assert flown["earliest_entry"] == "2026-03-01"
    assert flown["entry_waited"] is None


def test_plan_by_land_into_azerbaijan_waits_for_a_closure_s_known_end(tmp_path: Path) -> None:
    # the same closure with 1 July 2026 as its known last day: the first day it opens
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    rules = pack / "entry.yaml"
    text = rules.read_text(encoding="utf-8")
    closure = text.index("id: az-border-land-closed")
    basis = text.index("    valid_to_basis: last_seen\n", closure)
    rules.write_text(text[:basis] + text[basis:].replace("    valid_to_basis: last_seen\n", "",
                                                         1), encoding="utf-8")
    out = _plan_az(tmp_path, "2026-03-01", "--by", "land", "--pack", str(pack))
    assert ("The earliest you can enter by land for 30 days is 2 July 2026 (staying until "
            "31 July 2026).") in out


# out of Thailand on 31 July 2023 after 158 days over: barred a year (to 30 July 2024), and
# two land entries in 2024 the history records all the same; asked on 1 June 2024
BANNED_2024 = """\
person:
  citizenships: [RU]
  documents:
    - {type: international_passport, country: RU, expires: 2032-01-01}
trips:
  - {country: TH, entry: 2023-01-10, exit: 2023-07-31, by: air}
  - {country: TH, entry: 2024-02-01, exit: 2024-02-10, by: land}
  - {country: TH, entry: 2024-03-01, exit: 2024-03-10, by: land}
"""


def _plan_banned(tmp_path: Path, *more: str) -> dict[str, Any]:
    path = tmp_path / "banned.yaml"
    path.write_text(BANNED_2024, encoding="utf-8")
    result = runner.invoke(app, ["plan", str(path), "--country", "TH", "--length", "30",
                                 "--from", "2024-06-01", "--json", *more])
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.output)
    return found


def test_a_ban_s_end_is_the_earliest_day_where_the_way_asked_is_let_in(tmp_path: Path) -> None:
    # with no land entry in 2024 before it, the day after the ban is the first day by land
    path = tmp_path / "banned.yaml"
    path.write_text("\n".join(BANNED_2024.splitlines()[:6]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["plan", str(path), "--country", "TH", "--length", "30",
                                 "--from", "2024-06-01", "--json", "--by", "land"])
    planned = json.loads(result.output)
    assert planned["earliest_entry"] == "2024-07-31"
    assert planned["entry_waited"] is None


def test_plan_by_land_after_a_ban_waits_for_the_next_year_not_for_the_ban_again(
        tmp_path: Path) -> None:
    # the day after the ban (31 July 2024) is a third land entry of 2024: the next day let in
    # by land is 1 January 2025. The search asked again from 1 January, but the ban's end put
    # the entry back on 31 July each time, and the search never ended
    assert _plan_banned(tmp_path)["earliest_entry"] == "2024-07-31"
    planned = _plan_banned(tmp_path, "--by", "land")
    assert planned["earliest_entry"] == "2025-01-01"
    assert planned["entry_waited"]["refused"]["on"] == "2024-07-31"
    assert planned["entry_barred_until"] == "2024-07-30"


def test_a_ban_s_end_before_the_day_sought_from_offers_that_day(tmp_path: Path) -> None:
    # stay_report's entry_from (the entry rules refuse the way asked before it) holds the
    # entry back past a ban that ends before it, as the ban holds it back
    path = tmp_path / "banned.yaml"
    path.write_text(BANNED_2024, encoding="utf-8")
    hist = load_history(path)
    answer = stay_report(hist, PACK, on=dt.date(2024, 6, 1), country="TH", length=30,
                         entry_from=dt.date(2025, 1, 1)).answer
    assert answer.earliest_entry == dt.date(2025, 1, 1)
    assert answer.limited_by == "entry_ban"


HEAD_2024 = ("By land you cannot enter Thailand on 10 October 2024 (the note below says why). If "
             "you enter on 1 January 2025, the first day you can that way, you may stay until 1 "
             "March 2025 (60 days).")


def test_plan_by_land_does_not_tell_the_refused_day_asked_as_an_entry(tmp_path: Path) -> None:
    # the first line was "If you enter Thailand on 10 October 2024, you may stay until 8
    # December 2024 (60 days)", beside the note that by land that entry is refused
    out = _plan_2024(tmp_path, "--by", "land")
    assert out.splitlines()[0] == HEAD_2024
    assert "If you enter Thailand on 10 October 2024" not in out
    planned = json.loads(_plan_2024(tmp_path, "--by", "land", "--json"))
    assert planned["entry_waited"]["stay_from"] == {
        "on": "2025-01-01", "latest_exit": "2025-03-01", "max_stay_days": 60,
        "register_by": "2025-01-02"}
    # by air the day asked is let in: its stay is told, and no stay_from
    assert _plan_2024(tmp_path, "--by", "air").startswith(
        "If you enter Thailand on 10 October 2024, you may stay until 8 December 2024")


def _status_2024(tmp_path: Path, *more: str) -> str:
    path = tmp_path / "runs2024.yaml"
    path.write_text(RUNS_2024, encoding="utf-8")
    result = runner.invoke(app, ["status", str(path), "--country", "TH", "--on", "2024-10-10",
                                 *more])
    assert result.exit_code == 0, result.output
    return result.output


def test_status_by_land_tells_the_stay_from_the_first_day_let_in(tmp_path: Path) -> None:
    out = _status_2024(tmp_path, "--by", "land")
    assert out.splitlines()[0] == HEAD_2024
    assert ("Note: by land you cannot enter Thailand on 10 October 2024, the first day the stay "
            "rules allow: it lets a person in without a visa by land") in out
    assert "the earliest day above is the first the entry rules let you in that way." in out
    told = json.loads(_status_2024(tmp_path, "--by", "land", "--json"))
    assert told["entry_waited"]["by"] == "land"
    assert told["entry_waited"]["refused"]["on"] == "2024-10-10"
    assert told["entry_waited"]["refused"]["rule"] == "th-entry-ru-foreign-passport-2024"
    assert told["entry_waited"]["stay_from"] == {
        "on": "2025-01-01", "latest_exit": "2025-03-01", "max_stay_days": 60,
        "register_by": "2025-01-02"}
    # the top-level figures stay those of an entry on the day asked (batch's columns too)
    assert told["latest_exit"] == "2024-12-08" and told["register_by"] == "2024-10-11"
    assert told["entry_refused"] is None and told["entry_refused_by_land"] is None
    assert {(a["rule"], a["variant"]) for a in told["assumptions"]} >= {
        ("th-entry-ru-foreign-passport-2024", LIMITED)}


def test_status_by_land_tells_the_figures_of_the_stay_from_the_first_day_let_in(
        tmp_path: Path) -> None:
    # under "By land you cannot enter Thailand on 10 October 2024", the count and the
    # registration deadline were an entry's on that day: "register you by 11 October 2024"
    # set a deadline for an entry the border refuses
    lines = _status_2024(tmp_path, "--by", "land").splitlines()
    assert ("  Counted under th-stay-ru-60-2024 (60 days per entry, for entries from 1 May "
            "2024): 0 days used on 1 January 2025, 60 days left.") in lines
    assert any(line.startswith("  Whoever houses you (landlord, hotel) must register you by 2 "
                               "January 2025: ") for line in lines)
    assert not any("11 October 2024" in line or "used on 10 October 2024" in line
                   for line in lines)
    # by air the day asked is let in: its figures are told
    by_air = _status_2024(tmp_path, "--by", "air")
    assert "must register you by 11 October 2024" in by_air
    assert "0 days used on 10 October 2024" in by_air


def test_status_by_land_asks_its_rules_be_current_on_the_day_of_the_stay_it_tells(
        tmp_path: Path) -> None:
    # the lines under the first line are of the stay from 1 January 2025; the note on how
    # current their rules are asked about 10 October 2024, an entry the border refuses
    note = ("  Note: the registration rule may be out of date: the pack's newest dated source "
            "for it is of 13 June 2019; check that it still holds on {} "
            "(th-registration-tm30-24-hours).")
    assert note.format("1 January 2025") in _status_2024(tmp_path, "--by", "land").splitlines()
    told = json.loads(_status_2024(tmp_path, "--by", "land", "--json"))
    assert "check that it still holds on 1 January 2025" in told["freshness"]["note"]
    assert [note.strip().removeprefix("Note: ").format("1 January 2025").removesuffix(".")] == [
        n for n in told["notes"] if "may be out of date" in n]
    # by air the day asked is let in: its stay, and its day
    assert note.format("10 October 2024") in _status_2024(tmp_path, "--by", "air").splitlines()


def test_status_by_air_or_with_no_way_tells_the_day_asked(tmp_path: Path) -> None:
    for more in (("--by", "air"), ("--by", "land", "--assume", NOT_LIMITED), ()):
        told = json.loads(_status_2024(tmp_path, *more, "--json"))
        assert told["entry_waited"] is None
        assert told["latest_exit"] == "2024-12-08"
    assert _status_2024(tmp_path, "--by", "air").startswith(
        "If you enter Thailand on 10 October 2024, you may stay until 8 December 2024")
    # with no way given, the note says the answer holds by air or sea, as before
    assert "Note: this assumes you come in by air or sea" in _status_2024(tmp_path)


def test_status_by_a_way_for_a_person_present_says_it_judged_no_entry(tmp_path: Path) -> None:
    # in Thailand on 20 September 2024, between the second land run and the trip to
    # Malaysia: --by land was passed over in silence, the answer the stay under way's
    path = tmp_path / "runs2024.yaml"
    path.write_text(RUNS_2024, encoding="utf-8")
    args = ["status", str(path), "--country", "TH", "--on", "2024-09-20"]
    plain = runner.invoke(app, args)
    by_land = runner.invoke(app, [*args, "--by", "land"])
    assert by_land.exit_code == 0, by_land.output
    note = ("  Note: you are in Thailand on 20 September 2024, so --by land judges no entry "
            "here: the answer is the stay under way's; `plan --by land` tells when you can "
            "come back that way.")
    assert note in by_land.output.splitlines()
    # everything else is the answer without --by
    assert [line for line in by_land.output.splitlines() if line != note] == (
        plain.output.splitlines())
    told = json.loads(runner.invoke(app, [*args, "--by", "land", "--json"]).output)
    assert told["by_not_judged"] == "land"
    assert told["entry_waited"] is None
    assert json.loads(runner.invoke(app, [*args, "--json"]).output)["by_not_judged"] is None


def test_status_by_a_way_with_no_stay_on_the_day_asked_says_it_judged_no_entry(
        tmp_path: Path) -> None:
    # away from Kazakhstan with the 90 days in 180 used up: no entry on the day asked
    path = tmp_path / "away.yaml"
    path.write_text("person: {citizenships: [RU]}\ntrips:\n"
                    "  - {country: KZ, entry: 2023-02-01, exit: 2023-05-01, by: land}\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["status", str(path), "--country", "KZ", "--on", "2023-05-10",
                                 "--by", "land"])
    assert result.exit_code == 0, result.output
    assert ("  Note: --by land judges an entry on 10 May 2023, and the stay rules let no stay "
            "in Kazakhstan begin then; `plan --by land` tells the first day you can enter "
            "that way.") in result.output.splitlines()


def test_status_by_a_way_not_known_is_refused_naming_the_option(tmp_path: Path) -> None:
    path = tmp_path / "runs2024.yaml"
    path.write_text(RUNS_2024, encoding="utf-8")
    result = runner.invoke(app, ["status", str(path), "--country", "TH", "--by", "boat"])
    assert result.exit_code == 2
    assert "--by" in result.output and "boat" in result.output
    assert "land, air, rail, sea" in result.output


def _status_az(tmp_path: Path, on: str, *more: str) -> str:
    path = tmp_path / "away.yaml"
    path.write_text(AZ_AWAY, encoding="utf-8")
    result = runner.invoke(app, ["status", str(path), "--country", "AZ", "--on", on, *more])
    assert result.exit_code == 0, result.output
    return result.output


def test_status_by_land_into_azerbaijan_says_what_the_pack_does_not_know(
        tmp_path: Path) -> None:
    closed = _status_az(tmp_path, "2026-03-01", "--by", "land").splitlines()[0]
    assert closed.startswith("By land you cannot enter Azerbaijan on 1 March 2026 (the note "
                             "below says why). No later day on which you can is known: from 2 "
                             "July 2026, Azerbaijan was closed to entry by land")
    after = _status_az(tmp_path, "2026-09-01", "--by", "land").splitlines()[0]
    assert after.startswith("Whether you can enter Azerbaijan by land on 1 September 2026 is "
                            "not known: Azerbaijan was closed to entry by land, rail and sea "
                            "until at least 1 July 2026 (az-border-land-closed)")
    told = json.loads(_status_az(tmp_path, "2026-09-01", "--by", "land", "--json"))
    assert told["entry_waited"]["unknown_from"]["on"] == "2026-09-01"
    assert _status_az(tmp_path, "2026-09-01", "--by", "air").startswith(
        "If you enter Azerbaijan on 1 September 2026")


LAST_DAY = ["last", "day", "of", "legal", "stay", "in", "Thailand", "[th-stay-ru-60-2024]"]


def _report_2024(tmp_path: Path, *more: str) -> str:
    # back in Malaysia after the second land run, the history ending in Thailand: the report
    # answers for an entry into Thailand on the day
    path = tmp_path / "away.yaml"
    path.write_text(RUNS_2024.rsplit("\n  - {country: MY", 1)[0] + "\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "--on", "2024-10-10", *more])
    assert result.exit_code == 0, result.output
    return result.output


def test_report_by_land_tells_the_stay_and_deadlines_from_the_first_day_let_in(
        tmp_path: Path) -> None:
    # report had no --by: away, its answer told an entry on the day asked by air or sea,
    # and its deadlines (register by 11 October 2024, file by 6 December 2024) that entry's
    out = _report_2024(tmp_path, "--by", "land")
    assert out.splitlines()[1] == HEAD_2024
    assert "register you by 2 January 2025" in out
    assert "11 October 2024" not in out and "6 December 2024" not in out
    deadlines = out.split("Next deadlines:")[1].split("\n\n")[0]
    assert any(line.split() == ["1", "March", "2025", *LAST_DAY] for line in deadlines.split("\n"))
    case = json.loads(_report_2024(tmp_path, "--by", "land", "--format", "json"))
    assert case["stay"]["entry_waited"]["stay_from"]["on"] == "2025-01-01"
    assert {d["day"] for d in case["deadlines"]} >= {"2025-01-02", "2025-03-01"}
    # by air, and with no way given, the entry on the day asked and its deadlines
    for more in (("--by", "air"), ()):
        said = _report_2024(tmp_path, *more)
        assert said.splitlines()[1].startswith("If you enter Thailand on 10 October 2024")
        assert any(line.split() == ["8", "December", "2024", *LAST_DAY]
                   for line in said.split("Next deadlines:")[1].split("\n"))
    assert "`report --by WAY`" in _report_2024(tmp_path)


def test_report_by_a_way_not_known_is_refused_naming_the_option(tmp_path: Path) -> None:
    path = tmp_path / "away.yaml"
    path.write_text(RUNS_2024, encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "--by", "boat"])
    assert result.exit_code == 2
    assert "--by" in result.output and "boat" in result.output


EMBASSY_2017 = ("https://moscow.thaiembassy.org/th/content/76352-announcement-of-the-royal-thai-"
                "embassy-in-moscow-no-4-2560-revision-of-the-visa-exemption-scheme-regulation")


@pytest.mark.parametrize(("on", "rule", "assume"), [
    # before Russia joined the 60-day list: the rule sets no limit, as the embassy said
    ("2023-06-01", "th-entry-ru-foreign-passport", ()),
    # after: the account that sets none cites it; the default (the limit) does not
    ("2024-09-01", "th-entry-ru-foreign-passport-2024", ("--assume", NOT_LIMITED)),
    ("2026-04-12", "th-entry-ru-foreign-passport-tdac", ("--assume", NOT_LIMITED)),
])
def test_the_thai_embassys_word_that_the_land_limit_spares_agreement_countries_is_cited(
        on: str, rule: str, assume: tuple[str, ...]) -> None:
    # Royal Thai Embassy in Moscow, Announcement No. 4/2560 (3 March 2017): the two entries by
    # land a calendar year do not apply to countries with a bilateral visa-exemption
    # agreement, Russia's of 2005 among them
    result = runner.invoke(app, ["entry", "--citizenship", "RU", "--document",
                                 "international_passport", "--to", "TH", "--on", on, "--by",
                                 "land", "--json", *assume])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [found] = [r for r in data["rules"] if r["id"] == rule]
    assert any((s["url"] or "").startswith(EMBASSY_2017) for s in found["sources"]), found
    if assume:
        default = json.loads(runner.invoke(app, [
            "entry", "--citizenship", "RU", "--document", "international_passport", "--to",
            "TH", "--on", on, "--by", "land", "--json"]).output)
        [found] = [r for r in default["rules"] if r["id"] == rule]
        assert not any((s["url"] or "").startswith(EMBASSY_2017) for s in found["sources"])
