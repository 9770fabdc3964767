"""A summons received whose ban has not begun on the day: under --assume
summons-bars-exit-from-service, one placed in the register on 20 November 2026 keeps its
addressee in from 27 November, seven days after. On the days between, he may leave, and the
answers say until when, rest on the exit rule and its account, and give the other account's
answer (the default keeps him in from the placement)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_lines import run

SUMMONED = str(Path(__file__).resolve().parents[2] / "examples" / "summoned.yaml")
SERVICE = ("--assume", "summons-bars-exit-from-service")
ENTRY = ("entry", "--history", SUMMONED, "--citizenship", "RU", "--to", "KZ", "--document",
         "international_passport", "--on", "2026-11-25")
# the exit rule and the account assumed, as the caution names them
NAMED = ("(ru-exit-military-summons; contested, assumed 'summons-bars-exit-from-service' "
         "(other accounts: --assume summons-bars-exit-from-placement))")
CAUTION_ENDS = ("your summons was placed in the register of summonses on 20 November 2026, so "
                f"you may leave on 25 November 2026 but not from 27 November 2026 {NAMED}")


def _json(*args: str) -> Any:
    return json.loads("\n".join(run(*args)))


def test_entry_before_the_ban_begins_tells_the_day_and_the_other_account() -> None:
    # "Yes", relying on kz-entry-passports alone, with no assumptions: nothing of the summons,
    # nor that the default account answers no on the day
    lines = run(*ENTRY, *SERVICE)
    assert lines[0].startswith("Yes: entering Kazakhstan on 25 November 2026")
    caution = next(line for line in lines if line.startswith("- caution: "))
    assert caution.endswith(CAUTION_ENDS)
    relied = lines[lines.index("Rules relied on:") + 1:]
    assert any(line.startswith("ru-exit-military-summons: ") for line in relied)
    assert lines[-1] == (
        "Warning: contested rule (ru-exit-military-summons): assumed "
        "'summons-bars-exit-from-service'; other accounts: --assume "
        "summons-bars-exit-from-placement (no; the Russian Federation keeps you in from 20 "
        "November 2026).")


def test_entry_json_before_the_ban_begins_gives_the_exit_rule_and_its_account() -> None:
    data = _json(*ENTRY, *SERVICE, "--json")
    assert data["allowed"] is True
    assert [r["id"] for r in data["rules"]] == ["ru-exit-military-summons", "kz-entry-passports"]
    assert [(x["rule"], x["variant"]) for x in data["assumptions"]] == [
        ("ru-exit-military-summons", "summons-bars-exit-from-service")]
    assert [{k: x[k] for k in ("from", "allowed", "caution", "bars_exit_from", "assumed",
                               "other_accounts")} for x in data["leaving"]] == [
        {"from": "RU", "allowed": True, "caution": True, "bars_exit_from": "2026-11-27",
         "assumed": "summons-bars-exit-from-service",
         "other_accounts": [{"variant": "summons-bars-exit-from-placement",
                             "bars_exit_from": "2026-11-20"}]}]


def test_the_default_account_tells_the_other_s_later_day() -> None:
    # the other account's "(yes)" did not say it keeps him in two days later
    assert run(*ENTRY)[-1].endswith(
        "other accounts: --assume summons-bars-exit-from-service (yes; the Russian Federation "
        "keeps you in from 27 November 2026).")


def test_report_in_russia_says_from_when_the_summons_keeps_him_in() -> None:
    # "until you report, its border will not let you leave" on a day he may still leave
    lines = run("report", SUMMONED, "--on", "2026-11-25", *SERVICE)
    assert any("the profile gives no day to report (add it as report_on); from 27 November "
               "2026 until you report, its border will not let you leave" in line
               for line in lines)
    default = run("report", SUMMONED, "--on", "2026-11-25")
    assert any("(add it as report_on); until you report, its border" in line
               for line in default)


def test_status_for_a_host_cautions_of_the_summons_on_leaving() -> None:
    lines = run("status", SUMMONED, "--country", "KZ", "--on", "2026-11-25", *SERVICE)
    assert any(line.startswith("Note: leaving for Kazakhstan, caution: ")
               and line.endswith(f"{CAUTION_ENDS}.") for line in lines)
    data = _json("status", SUMMONED, "--country", "KZ", "--on", "2026-11-25", *SERVICE,
                 "--json")
    assert "ru-exit-military-summons" in [r["id"] for r in data["rules"]]
    assert "summons-bars-exit-from-service" in [x["variant"] for x in data["assumptions"]]
    assert [c.endswith(CAUTION_ENDS) for c in data["exit_cautions"]] == [True]
