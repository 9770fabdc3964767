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




def test_destinations_says_the_summons_s_accounts_once_not_in_every_row() -> None:
    # a summons received on 20 November, asked on 25 November: each row took one account of
    # ru-exit-military-summons, and every row was starred, as if every answer were in doubt;
    # the doubt is one thing, whether he may leave Russia, which one line says for every host
    def told(on: str, *assume: str) -> tuple[set[str], list[str]]:
        """The hosts starred in the table, and the lines on leaving Russia."""
        lines = run("destinations", SUMMONED, "--on", on, *assume)
        table = lines[2:lines.index(next(x for x in lines if x.startswith("'enter?'")))]
        starred = {row.split()[0] for row in table if "*" in row}
        return starred, [x for x in lines if x.startswith("Leaving the Russian Federation")]

    # starred only where the answer rests on an account of the host's own rules (Thailand's on
    # its limit on entries by land), as on a day
    # before the summons (19 November)
    own, before = told("2026-11-19")
    assert own == {"AM", "GE", "KG", "KZ", "TH", "UZ"} and not before
    for assume, ends in (((), "so you may not leave from 20 November 2026"),
                         (SERVICE, "so you may leave on 25 November 2026 but not from 27 "
                                   "November 2026")):
        starred, leaving = told("2026-11-25", *assume)
        assert starred == own
        [line] = leaving
        assert line.startswith("Leaving the Russian Federation (for every host above): ")
        assert ends in line
        assert line.endswith("the ban starts on 20 November 2026 under "
                             "'summons-bars-exit-from-placement' and on 27 November 2026 under "
                             "'summons-bars-exit-from-service'." if not assume else
                             "the ban starts on 27 November 2026 under "
                             "'summons-bars-exit-from-service' and on 20 November 2026 under "
                             "'summons-bars-exit-from-placement'.")
    # the JSON keeps each row's account: the answer still rests on it
    data = _json("destinations", SUMMONED, "--on", "2026-11-25", "--json", *SERVICE)
    kz = next(d for d in data["destinations"] if d["host"] == "KZ")
    assert "summons-bars-exit-from-service" in json.dumps(kz)


def test_report_s_hosts_refused_say_each_account_s_day_as_destinations_does() -> None:
    # the report's line on the hosts refused named the account assumed and not the day the
    # other starts the ban, which the line under `destinations` gives (exit_said); on the day
    # a ban starts, the day taken out of a refusal in brief is not taken out of that day
    def refused(on: str, *assume: str) -> str:
        lines = run("report", SUMMONED, "--on", on, *assume)
        return next(x for x in lines if x.startswith("not the United Arab Emirates (AE), "))

    placement_first = ("; the ban starts on 20 November 2026 under "
                       "'summons-bars-exit-from-placement' and on 27 November 2026 under "
                       "'summons-bars-exit-from-service'")
    service_first = ("; the ban starts on 27 November 2026 under "
                     "'summons-bars-exit-from-service' and on 20 November 2026 under "
                     "'summons-bars-exit-from-placement'")
    for on, assume, ends in (
            ("2026-11-25", (), placement_first),
            ("2026-11-25", ("--assume", "summons-bars-exit-from-placement"), placement_first),
            ("2026-11-20", (), placement_first),
            ("2026-11-27", SERVICE, service_first)):
        assert refused(on, *assume).endswith(ends)
    # the line under `destinations` says it the same way
    [leaving] = [x for x in run("destinations", SUMMONED, "--on", "2026-11-25")
                 if x.startswith("Leaving the Russian Federation")]
    assert leaving.endswith(f"{placement_first}.")


def test_report_s_hosts_refused_keep_the_summons_s_dates_on_its_own_day(tmp_path: Path) -> None:
    # on the day the summons was placed (or served), the line read "your summons was placed in
    # the register of summonses, so you may not leave from 20 November 2026": taking the day
    # asked out of a refusal in brief took the summons's own date with it
    def refused(profile: str, on: str) -> str:
        lines = run("report", profile, "--on", on)
        return next(x for x in lines if x.startswith("not the United Arab Emirates (AE), "))

    for on in ("2026-11-20", "2026-11-25"):
        assert ("your summons was placed in the register of summonses on 20 November 2026, so "
                "you may not leave from 20 November 2026 ") in refused(SUMMONED, on)
    served = tmp_path / "served.yaml"
    served.write_text(Path(SUMMONED).read_text(encoding="utf-8").replace(
        "placed_on: 2026-11-20}", "placed_on: 2026-11-13, served_on: 2026-11-20}"),
        encoding="utf-8")
    assert ("your summons was placed in the register of summonses on 13 November 2026 and "
            "served on 20 November 2026, so you may not leave from 13 November 2026 "
            ) in refused(str(served), "2026-11-20")
