"""`permit`'s verdict names the account of a contested rule its days rest on (the stay limit
that sets the legal stay's end, or the permit's own rule) where another account gives other
days, in a report's words; its JSON gives `assumed` and `accounts_agree` as a report's
deadlines do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROLLING = ("contested, assumed 'am-180-rolling-365' (other accounts: --assume "
           "am-180-calendar-year)")


def armenia(tmp_path: Path, entry: str) -> Path:
    """A Russian in Armenia since ``entry``: the stay's last day rests on the contested
    am-stay-180-per-year (180 days in any 365, or per calendar year)."""
    path = tmp_path / "client.yaml"
    path.write_text(f"person:\n  citizenships: [RU]\ntrips:\n"
                    f"  - {{country: AM, entry: {entry}, by: air}}\n", encoding="utf-8")
    return path


def permit(path: Path, country: str, rule: str, on: str, *args: str) -> str:
    result = runner.invoke(app, ["permit", str(path), "--country", country, "--permit", rule,
                                 "--on", on, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def permit_json(path: Path, country: str, rule: str, on: str, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(permit(path, country, rule, on, "--json", *args))
    return data


def test_the_legal_stay_s_end_names_the_account_another_moves(tmp_path: Path) -> None:
    # the filing day, 30 days before the stay's end, read as settled: under the calendar-year
    # account the stay ends on 29 June and the application is due by 30 May, not 27 February
    path = armenia(tmp_path, "2022-10-01")
    said = permit(path, "AM", "am-permit-temporary", "2023-01-05").splitlines()[0]
    assert (f"Your legal stay ends on 29 March 2023 under am-stay-180-per-year, {ROLLING}; "
            "the application is due by 27 February 2023, as the host asks") in said
    other = permit(path, "AM", "am-permit-temporary", "2023-01-05",
                   "--assume", "am-180-calendar-year").splitlines()[0]
    assert ("Your legal stay ends on 29 June 2023 under am-stay-180-per-year, contested, "
            "assumed 'am-180-calendar-year' (other accounts: --assume am-180-rolling-365); "
            "the application is due by 30 May 2023") in other
    data = permit_json(path, "AM", "am-permit-temporary", "2023-01-05")
    assert (data["assumed"], data["accounts_agree"]) == ("am-180-rolling-365", False)
    assert ROLLING in data["verdict"]


def test_days_every_account_gives_alike_name_no_account(tmp_path: Path) -> None:
    # entered on 1 January 2023, both accounts end the stay on 29 June: the days are settled
    path = armenia(tmp_path, "2023-01-01")
    data = permit_json(path, "AM", "am-permit-temporary", "2023-01-05")
    assert data["verdict"].endswith(
        "Your legal stay ends on 29 June 2023; the application is due by 30 May 2023, as the "
        "host asks for it 30 days before the stay ends; every step can still start in time to "
        "file on 30 May 2023. Filed on 30 May 2023, the permit would be issued about 29 June "
        "2023."), data["verdict"]
    assert (data["assumed"], data["accounts_agree"]) == ("am-180-rolling-365", True)


def test_a_contested_permit_rule_whose_accounts_change_only_documents_is_not_named() -> None:
    # kz-permit-permanent-2023's accounts ask other documents, not other days; the stay
    # limit's move the stay's end (to 26 January 2023 under kz-days-before-count)
    data = permit_json(EXAMPLES / "relocant.yaml", "KZ", "kz-permit-permanent-2023",
                       "2023-01-05")
    assert ("Your legal stay ends on 21 March 2023 under kz-stay-eaeu-90-180, contested, "
            "assumed 'kz-change-27-jan' (other accounts: --assume kz-change-26-jan, --assume "
            "kz-days-before-count); the application is due by 20 March 2023 (") in data["verdict"]
    assert "kz-prp" not in data["verdict"]
    assert any(a["rule"] == "kz-permit-permanent-2023" for a in data["assumptions"])
    assert (data["assumed"], data["accounts_agree"]) == ("kz-change-27-jan", False)


def test_the_day_due_names_the_permit_rule_s_account_and_the_report_agrees() -> None:
    # rs-permit-temporary's accounts file by day 29 or day 30: the day due moves, the stay's
    # end does not; the report's filing deadline assumes the same account
    path = EXAMPLES / "belgrade.yaml"
    data = permit_json(path, "RS", "rs-permit-temporary", "2023-05-10")
    assert ("Your legal stay ends on 30 May 2023; the application is due by 29 May 2023 under "
            "rs-permit-temporary, contested, assumed 'rs-trp-before-day-30' (other accounts: "
            "--assume rs-trp-within-30-days), as the host asks") in data["verdict"]
    assert (data["assumed"], data["accounts_agree"]) == ("rs-trp-before-day-30", False)
    result = runner.invoke(app, ["report", str(path), "--on", "2023-05-10", "--format", "json"])
    assert result.exit_code == 0, result.output
    filing = next(d for d in json.loads(result.stdout)["deadlines"]
                  if d["rule"] == "rs-permit-temporary")
    assert (filing["assumed"], filing["accounts_agree"]) == ("rs-trp-before-day-30", False)


def uzbekistan(tmp_path: Path) -> Path:
    """A Russian in Uzbekistan since 1 October 2022, registered: no time limit under the
    default uz-no-time-limit, 60 days per entry (to 29 November 2022) under uz-seed-60-days."""
    path = tmp_path / "tashkent.yaml"
    path.write_text("person:\n  citizenships: [RU]\ntrips:\n"
                    "  - {country: UZ, entry: 2022-10-01, by: air}\n"
                    "registrations:\n  - {country: UZ, on: 2022-10-05}\n", encoding="utf-8")
    return path


NO_TIME_LIMIT = ("No stay limit applies under uz-stay-no-limit-2020, contested, assumed "
                 "'uz-no-time-limit' (other accounts: --assume uz-seed-60-days), so there is "
                 "no deadline from your stay")


def test_no_stay_limit_names_the_account_that_sets_none_where_another_sets_one(
        tmp_path: Path) -> None:
    # "no deadline from your stay" read as settled, where uz-seed-60-days ends the stay on
    # 29 November 2022, before the permit can be filed at all
    path = uzbekistan(tmp_path)
    data = permit_json(path, "UZ", "uz-permit-residence", "2022-10-20")
    assert NO_TIME_LIMIT in data["verdict"], data["verdict"]
    assert (data["assumed"], data["accounts_agree"]) == ("uz-no-time-limit", False)
    other = permit_json(path, "UZ", "uz-permit-residence", "2022-10-20",
                        "--assume", "uz-seed-60-days")
    assert ("Your legal stay ends on 29 November 2022 under uz-stay-no-limit-2020, contested, "
            "assumed 'uz-seed-60-days' (other accounts: --assume uz-no-time-limit)"
            ) in other["verdict"]
    # the report's permit section prints the same verdict
    result = runner.invoke(app, ["report", str(path), "--on", "2022-10-20"])
    assert result.exit_code == 0, result.output
    assert NO_TIME_LIMIT in result.stdout


def test_same_answer_is_false_where_another_account_moves_the_day_due() -> None:
    # filing on a day asked for (--apply-on), the filing day is the same under both of
    # rs-permit-temporary's accounts, the day due is not (29 or 30 May): same_answer said
    # true beside accounts_agree false, and the text said "give the same answer here"
    args = ("--apply-on", "2023-05-20")
    path = EXAMPLES / "belgrade.yaml"
    data = permit_json(path, "RS", "rs-permit-temporary", "2023-05-10", *args)
    assert data["accounts_agree"] is False
    assert [(o["variant"], o["same_answer"]) for o in data["other_accounts"]] == [
        ("rs-trp-within-30-days", False)]
    said = permit(path, "RS", "rs-permit-temporary", "2023-05-10", *args)
    assert ("Warning: contested rule (rs-permit-temporary): assumed 'rs-trp-before-day-30'; "
            "other accounts: --assume rs-trp-within-30-days (legal stay ends 30 May 2023; file "
            "by 22 May 2023; due by 30 May 2023; feasible).") in said


def test_a_deadline_only_another_account_gives_is_told_under_the_deadlines(
        tmp_path: Path) -> None:
    # under uz-no-time-limit the report read "Next deadlines: none known", though under
    # uz-seed-60-days the stay ends on 29 November 2022: told apart, naming that account
    path = uzbekistan(tmp_path)
    result = runner.invoke(app, ["report", str(path), "--on", "2022-10-20"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("Next deadlines:")
    assert lines[at + 1:at + 4] == [
        "  none known under the accounts assumed",
        "Only under another account of a contested rule, not the one assumed:",
        "  29 November 2022  last day of legal stay in Uzbekistan  [uz-stay-no-limit-2020, "
        "under --assume uz-seed-60-days; the account assumed, 'uz-no-time-limit', gives no "
        "such day]"]
    data = json.loads(runner.invoke(app, ["report", str(path), "--on", "2022-10-20",
                                          "--format", "json"]).stdout)
    assert data["deadlines"] == []
    told = data["deadlines_under_other_accounts"]
    assert [{k: v for k, v in o.items() if k != "rules"} for o in told] == [{
        "day": "2022-11-29", "what": "last day of legal stay in Uzbekistan",
        "rule": "uz-stay-no-limit-2020", "contested": "uz-stay-no-limit-2020",
        "assumed": "uz-no-time-limit", "variants": ["uz-seed-60-days"], "missed": False,
        "estimate": None}]
    # the rule its day rests on, as that account applies it (60 days per entry)
    assert [(r["id"], r["variant"], r["constraints"]) for r in told[0]["rules"]] == [
        ("uz-stay-no-limit-2020", "uz-seed-60-days", ["per-entry:60"])]
    # under that account it is a deadline of its own, and the other gives none to tell
    other = json.loads(runner.invoke(app, ["report", str(path), "--on", "2022-10-20",
                                           "--format", "json", "--assume",
                                           "uz-seed-60-days"]).stdout)
    assert [(d["day"], d["assumed"], d["accounts_agree"]) for d in other["deadlines"]] == [
        ("2022-11-29", "uz-seed-60-days", False)]
    assert other["deadlines_under_other_accounts"] == []


def test_the_rule_a_deadline_only_another_account_gives_is_among_the_rules_relied_on(
        tmp_path: Path) -> None:
    # unregistered, under uz-seed-60-days the stay ended with the 15 days to register in
    # (uz-registration-ru-15-days, its registration extending the stay); the rules relied on
    # listed that rule as uz-no-time-limit applies it alone (a duty, confidence high, sourced
    # to the agreement): the source and confidence of the day told were nowhere
    path = tmp_path / "unregistered.yaml"
    path.write_text("person:\n  citizenships: [RU]\ntrips:\n"
                    "  - {country: UZ, entry: 2022-10-01, by: air}\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "--on", "2022-10-20"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    relied = lines[lines.index("Rules relied on:"):]
    marked = [n for n, line in enumerate(relied) if line.startswith(
        "  uz-registration-ru-15-days (under --assume uz-seed-60-days, another account than "
        "the one assumed, for the deadlines only it gives): ")]
    assert len(marked) == 1, "\n".join(relied)
    assert relied[marked[0] + 1] == ("    in force from 4 June 2022, no end set; confidence low; "
                                     "register within 15 days of entry; unregistered, the stay "
                                     "ends then")
    assert "Internal difficulties" in relied[marked[0] + 2]
    # the account assumed's own is still listed, unmarked
    assert any(line.startswith("  uz-registration-ru-15-days: ") for line in relied)
    data = json.loads(runner.invoke(app, ["report", str(path), "--on", "2022-10-20",
                                          "--format", "json"]).stdout)
    [told] = data["deadlines_under_other_accounts"]
    assert [(r["id"], r["variant"], r["confidence"], r["constraints"])
            for r in told["rules"]] == [
        ("uz-registration-ru-15-days", "uz-seed-60-days", "low", ["registration:15/extends"])]


def test_another_account_s_rule_is_listed_with_its_stay_rules_and_weighed_for_freshness(
        tmp_path: Path) -> None:
    # listed last, after the extradition rule, it read as no stay rule; and no "may be out of
    # date" note weighed its sources (the seed article, undated), only the account assumed's
    path = tmp_path / "unregistered.yaml"
    path.write_text("person:\n  citizenships: [RU]\ntrips:\n"
                    "  - {country: UZ, entry: 2022-10-01, by: air}\n", encoding="utf-8")
    lines = runner.invoke(app, ["report", str(path), "--on", "2025-10-20"]).stdout.splitlines()
    relied = lines[lines.index("Rules relied on:"):]
    heads = [line.split(":")[0].split(" (")[0].strip() for line in relied
             if line.startswith("  ") and not line.startswith("   ")]
    marked = next(n for n, line in enumerate(
        line for line in relied if line.startswith("  ") and not line.startswith("   "))
        if "another account than the one assumed" in line)
    # right after the same rule as the account assumed applies it
    assert heads[marked - 1:marked + 1] == ["uz-registration-ru-15-days"] * 2, heads
    assert heads[-1] == "uz-extradition-2022", heads
    deadlines = lines[lines.index("Next deadlines:"):lines.index("Rules relied on:")]
    # named with the account whose sources were weighed: the id alone read as the rule as
    # the account assumed applies it
    note = ("the registration rule may be out of date: none of the pack's sources for it gives "
            "a date; check that it still holds on 20 October 2025 (uz-registration-ru-15-days "
            "under --assume uz-seed-60-days)")
    assert f"  Note: {note}." in deadlines, deadlines
    # the JSON says the same, where no freshness entry covered it
    answer = json.loads(runner.invoke(app, ["report", str(path), "--on", "2025-10-20",
                                            "--format", "json"]).stdout)
    assert answer["deadlines_freshness"] == {"note": note, "rules": [
        {"rule": "uz-registration-ru-15-days", "host": "UZ", "topic": "registration",
         "newest_source": None, "undated_sources": 1, "under_accounts": ["uz-seed-60-days"]}]}
