"""A summons the profile records, told to the person it summons: abroad, that the state which
sent it would keep him in on returning (status, report, destinations); in that state, the day
to report among the report's deadlines, or that the profile gives none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

from cli_lines import run

ROOT = Path(__file__).resolve().parents[2]
SUMMONED = ROOT / "examples" / "summoned.yaml"
runner = CliRunner()

ABROAD = """\
person:
  citizenships: [RU]
  born: 1998-05-04
  documents: [{type: international_passport, country: RU}]
trips:
  - {country: RU, entry: 1998-05-04, exit: 2026-10-01}
  - {country: KZ, entry: 2026-10-01, by: land}
summonses: [{country: RU, placed_on: 2026-11-20}]
"""

TOLD_ABROAD = ("Note: you record a summons from the Russian Federation, placed in the register "
               "of summonses on 20 November 2026: should you return to the Russian Federation, "
               "its border will not let you leave again while the summons stands, from 20 "
               "November 2026 (ru-exit-military-summons; contested, assumed "
               "'summons-bars-exit-from-placement' (other accounts: --assume "
               "summons-bars-exit-from-service)); what not reporting on it brings, the "
               "rule pack does not say.")


def test_abroad_status_report_and_destinations_tell_the_summons(tmp_path: Path) -> None:
    # status, report and destinations said nothing of it: only in Russia did it show, as a
    # refusal to let him out
    profile = tmp_path / "abroad.yaml"
    profile.write_text(ABROAD, encoding="utf-8")
    on = ("--on", "2026-12-01")
    assert TOLD_ABROAD in run("status", str(profile), "--country", "KZ", *on)
    report = run("report", str(profile), *on)
    assert report.count(TOLD_ABROAD) == 1  # beside the stay's answer, not again under the hosts
    assert TOLD_ABROAD in run("destinations", str(profile), *on)
    # status tells it for the host he is in, not for every host asked about
    assert not any("summons" in line for line in run("status", str(profile), "--country", "GE",
                                                     *on))


def test_destinations_json_gives_the_summonses_its_text_tells(tmp_path: Path) -> None:
    # its text told the summons, its --json had no key for it: the list report gives
    profile = tmp_path / "abroad.yaml"
    profile.write_text(ABROAD, encoding="utf-8")

    def answer(*args: str) -> Any:
        return json.loads(runner.invoke(app, [*args, "--on", "2026-12-01"]).stdout)

    abroad = answer("destinations", str(profile), "--json")["summonses"]
    assert abroad == answer("status", str(profile), "--country", "KZ", "--json")["summonses"]
    assert abroad == answer("report", str(profile), "--format", "json")["summonses"]
    assert [n["inside"] for n in abroad] == [False]
    # in Russia, the summons its exit rule keeps him in for
    inside = answer("destinations", str(SUMMONED), "--json")["summonses"]
    assert inside == answer("report", str(SUMMONED), "--format", "json")["summonses"]
    assert [n["inside"] for n in inside] == [True]


def test_in_russia_the_report_says_the_profile_gives_no_day_to_report() -> None:
    # "Next deadlines: none known" was all the report said of what the summons asks
    lines = run("report", str(SUMMONED), "--on", "2026-12-01")
    deadlines = lines.index("Next deadlines:")
    assert lines[deadlines + 2] == (
        "Your summons from the Russian Federation, placed in the register of summonses on 20 "
        "November 2026: the profile gives no day to report (add it as report_on); until you "
        "report, its border will not let you leave (ru-exit-military-summons; contested, "
        "assumed 'summons-bars-exit-from-placement' (other accounts: --assume "
        "summons-bars-exit-from-service)); what not "
        "reporting on it brings, the rule pack does not say.")


def test_in_russia_the_day_to_report_is_a_deadline(tmp_path: Path) -> None:
    profile = tmp_path / "summoned.yaml"
    profile.write_text(SUMMONED.read_text(encoding="utf-8").replace(
        "placed_on: 2026-11-20}", "placed_on: 2026-11-20, report_on: 2026-12-10}"),
        encoding="utf-8")
    lines = run("report", str(profile), "--on", "2026-12-11")
    assert ("10 December 2026  the day your summons from the Russian Federation (placed in the "
            "register of summonses on 20 November 2026) calls you to report (missed)  "
            # the day the summons gives, whichever account of the rule: none is named
            "[ru-exit-military-summons]") in lines
    assert not any("no day to report" in line for line in lines)


def test_leaving_on_the_day_is_being_abroad(tmp_path: Path) -> None:
    # on the day he crossed into Kazakhstan, the report for Kazakhstan told him Russia's border
    # would not let him leave until he reported, and listed the report day as missed
    profile = tmp_path / "left.yaml"
    profile.write_text(ABROAD.replace("2026-10-01", "2026-11-25").replace(
        "placed_on: 2026-11-20}", "placed_on: 2026-11-20, report_on: 2026-11-22}"),
        encoding="utf-8")
    on = ("--on", "2026-11-25")
    report = run("report", str(profile), *on)
    assert report[1].startswith("You may stay in Kazakhstan")
    assert report.count(TOLD_ABROAD) == 1
    assert not any("until you report" in line or "calls you to report" in line
                   for line in report)
    assert TOLD_ABROAD in run("status", str(profile), "--country", "KZ", *on)


# how a line names the account of ru-exit-military-summons it assumed (words.contested_account)
FROM_PLACEMENT = ("(ru-exit-military-summons; contested, assumed "
                  "'summons-bars-exit-from-placement' (other accounts: --assume "
                  "summons-bars-exit-from-service))")
FROM_SERVICE = ("(ru-exit-military-summons; contested, assumed 'summons-bars-exit-from-service' "
                "(other accounts: --assume summons-bars-exit-from-placement))")


def test_the_summons_s_day_names_the_account_it_assumes(tmp_path: Path) -> None:
    # "from 20 November 2026 (ru-exit-military-summons)" read as settled, though the account
    # counting from service (seven days after placement) starts the ban on 27 November
    profile = tmp_path / "abroad.yaml"
    profile.write_text(ABROAD, encoding="utf-8")
    on = ("--on", "2026-12-01")
    for command in (("status", str(profile), "--country", "KZ"), ("report", str(profile)),
                    ("destinations", str(profile))):
        lines = run(*command, *on)
        assert any(f"from 20 November 2026 {FROM_PLACEMENT};" in ln for ln in lines), command
        other = run(*command, *on, "--assume", "summons-bars-exit-from-service")
        assert any(f"from 27 November 2026 {FROM_SERVICE};" in ln for ln in other), command
        # the notice names the accounts; no line says they give the same answer
        assert not any(ln.startswith("Contested rule (ru-exit-military-summons)")
                       for ln in lines + other), command
    # in Russia, the exit rules' refusal says the day too
    refused = run("entry", "--history", str(SUMMONED), "--citizenship", "RU", "--to", "KZ",
                  "--document", "internal_passport", "--on", "2026-12-01")
    assert refused[1].endswith(f"so you may not leave from 20 November 2026 {FROM_PLACEMENT}")
    report = run("report", str(SUMMONED), "--on", "2026-12-01")
    assert any(f"its border will not let you leave {FROM_PLACEMENT};" in ln for ln in report)


def test_a_summons_signed_for_on_its_placement_names_no_account(tmp_path: Path) -> None:
    # served the day it was placed, every account starts the ban that day: nothing to name
    profile = tmp_path / "abroad.yaml"
    profile.write_text(ABROAD.replace("placed_on: 2026-11-20}",
                                      "placed_on: 2026-11-20, served_on: 2026-11-20}"),
                       encoding="utf-8")
    lines = run("status", str(profile), "--country", "KZ", "--on", "2026-12-01")
    told = next(ln for ln in lines if "summons stands" in ln)
    assert "from 20 November 2026 (ru-exit-military-summons);" in told
    assert "contested" not in told


def test_entry_s_warning_gives_the_other_account_s_first_day() -> None:
    # on 1 December both accounts keep him in, from 20 November by placement and from 27
    # November by service; the line under the reason naming the account said the other
    # account gave "the same answer here"
    args = ("entry", "--history", str(SUMMONED), "--citizenship", "RU", "--to", "KZ",
            "--document", "international_passport", "--on", "2026-12-01")
    lines = run(*args)
    assert not any("same answer" in line for line in lines)
    assert lines[-1] == (
        "Warning: contested rule (ru-exit-military-summons): assumed "
        "'summons-bars-exit-from-placement'; other accounts: --assume "
        "summons-bars-exit-from-service (no; the Russian Federation keeps you in from 27 "
        "November 2026).")
    other = run(*args, "--assume", "summons-bars-exit-from-service")
    assert other[-1].endswith("other accounts: --assume summons-bars-exit-from-placement (no; "
                              "the Russian Federation keeps you in from 20 November 2026).")


def test_entry_s_accounts_starting_the_ban_the_same_day_give_the_same_answer(
        tmp_path: Path) -> None:
    # signed for the day it was placed: every account keeps him in from that day
    profile = tmp_path / "summoned.yaml"
    profile.write_text(SUMMONED.read_text(encoding="utf-8").replace(
        "placed_on: 2026-11-20}", "placed_on: 2026-11-20, served_on: 2026-11-20}"),
        encoding="utf-8")
    lines = run("entry", "--history", str(profile), "--citizenship", "RU", "--to", "KZ",
                "--document", "international_passport", "--on", "2026-12-01")
    assert lines[-1] == ("Contested rule (ru-exit-military-summons): assumed "
                         "'summons-bars-exit-from-placement'; the other accounts (--assume "
                         "summons-bars-exit-from-service) give the same answer here.")


# the account the JSON names where the text does, with the other account's day
PLACEMENT_JSON = {"assumed": "summons-bars-exit-from-placement",
                  "other_accounts": [{"variant": "summons-bars-exit-from-service",
                                      "bars_exit_from": "2026-11-27"}]}


def test_the_json_names_the_account_the_text_names(tmp_path: Path) -> None:
    # the text said "contested, assumed 'summons-bars-exit-from-placement'", the JSON gave
    # bars_exit_from alone: no key told which account it was counted under, nor the other's
    profile = tmp_path / "abroad.yaml"
    profile.write_text(ABROAD, encoding="utf-8")

    def answer(*args: str) -> Any:
        return json.loads(runner.invoke(app, [*args, "--on", "2026-12-01"]).stdout)

    for told in (answer("status", str(profile), "--country", "KZ", "--json")["summonses"],
                 answer("report", str(profile), "--format", "json")["summonses"],
                 answer("destinations", str(profile), "--json")["summonses"],
                 answer("report", str(SUMMONED), "--format", "json")["summonses"]):
        assert [{k: n[k] for k in ("bars_exit_from", "assumed", "other_accounts")}
                for n in told] == [{"bars_exit_from": "2026-11-20", **PLACEMENT_JSON}]
    service = answer("status", str(profile), "--country", "KZ", "--json", "--assume",
                     "summons-bars-exit-from-service")["summonses"]
    assert [(n["bars_exit_from"], n["assumed"], n["other_accounts"]) for n in service] == [
        ("2026-11-27", "summons-bars-exit-from-service",
         [{"variant": "summons-bars-exit-from-placement", "bars_exit_from": "2026-11-20"}])]
    # the refusal in Russia, in entry's and destinations' leaving
    entry = answer("entry", "--history", str(SUMMONED), "--citizenship", "RU", "--to", "KZ",
                   "--document", "international_passport", "--json")
    refused = answer("destinations", str(SUMMONED), "--json")["destinations"][0]
    for leaving in (entry["leaving"], refused["documents"][0]["leaving"]):
        assert [{k: x[k] for k in ("rule", "bars_exit_from", "assumed", "other_accounts")}
                for x in leaving] == [{"rule": "ru-exit-military-summons",
                                       "bars_exit_from": "2026-11-20", **PLACEMENT_JSON}]


def test_the_json_names_no_account_where_the_text_names_none(tmp_path: Path) -> None:
    profile = tmp_path / "abroad.yaml"
    profile.write_text(ABROAD.replace("placed_on: 2026-11-20}",
                                      "placed_on: 2026-11-20, served_on: 2026-11-20}"),
                       encoding="utf-8")
    told = json.loads(runner.invoke(app, ["status", str(profile), "--country", "KZ", "--json",
                                          "--on", "2026-12-01"]).stdout)["summonses"]
    assert [(n["bars_exit_from"], n["assumed"], n["other_accounts"]) for n in told] == [
        ("2026-11-20", None, [])]
