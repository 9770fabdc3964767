"""A summons the profile dates before the exit rule that makes its ban came into force: the
ban is counted from the rule's first day, not from the summons's date, wherever that day is
told (status, report, destinations, entry --history, --json), and why is said once.

A caseworker's review found `report` telling a man with a summons placed on 10 April 2023
that Russia's border would keep him in "from 10 April 2023" under ru-exit-military-summons,
a rule in force from 1 November 2024, resting on a register that did not run before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.rules.loader import builtin_pack_dir

from cli_lines import run

runner = CliRunner()

# in Kazakhstan since 2023, a summons placed in Russia's register on 10 April 2023
ABROAD = """\
person:
  citizenships: [RU]
  born: 1990-05-14
  documents: [{type: international_passport, country: RU, expires: 2029-02-28}]
trips:
  - {country: RU, entry: 1990-05-14, exit: 2023-06-15}
  - {country: KZ, entry: 2023-06-15, by: land}
summonses: [{country: RU, placed_on: 2023-04-10, report_on: 2023-04-25}]
"""
# the same man, still in Russia
IN_RUSSIA = ABROAD.replace("exit: 2023-06-15}", "}").replace(
    "  - {country: KZ, entry: 2023-06-15, by: land}\n", "")

WHY = "the day the rule making the ban came into force: your summons is dated earlier"
TOLD_ABROAD = ("Note: you record a summons from the Russian Federation, placed in the register "
               "of summonses on 10 April 2023: should you return to the Russian Federation, its "
               "border will not let you leave again while the summons stands, from 1 November "
               f"2024, {WHY} (ru-exit-military-summons); what not reporting on it brings, the "
               "rule pack does not say.")
REFUSED = ("your summons was placed in the register of summonses on 10 April 2023, so you may "
           f"not leave from 1 November 2024, {WHY} (ru-exit-military-summons)")


def profile(tmp_path: Path, text: str) -> str:
    path = tmp_path / "summoned.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def answer(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_abroad_the_ban_is_counted_from_the_rules_first_day(tmp_path: Path) -> None:
    # it said "from 10 April 2023", a day before the rule, and its register, existed
    history = profile(tmp_path, ABROAD)
    on = ("--on", "2025-01-10")
    assert TOLD_ABROAD in run("status", history, "--country", "KZ", *on)
    report = run("report", history, *on)
    assert report.count(TOLD_ABROAD) == 1
    assert sum(WHY in line for line in report) == 1  # said once
    assert TOLD_ABROAD in run("destinations", history, *on)


def test_the_json_gives_the_rules_first_day(tmp_path: Path) -> None:
    history = profile(tmp_path, ABROAD)
    on = ("--on", "2025-01-10")
    for told in (answer("status", history, "--country", "KZ", "--json", *on)["summonses"],
                 answer("report", history, "--format", "json", *on)["summonses"],
                 answer("destinations", history, "--json", *on)["summonses"]):
        assert [(n["placed_on"], n["bars_exit_from"]) for n in told] == [
            ("2023-04-10", "2024-11-01")]


def test_in_russia_the_refusal_counts_from_the_rules_first_day_once(tmp_path: Path) -> None:
    history = profile(tmp_path, IN_RUSSIA)
    lines = run("entry", "--history", history, "--citizenship", "RU", "--to", "GE",
                "--document", "international_passport", "--on", "2025-01-10")
    assert lines[0].startswith("No:")
    assert lines[1].endswith(REFUSED)
    report = run("report", history, "--on", "2025-01-10")
    assert sum(WHY in line for line in report) == 1
    assert any(line.endswith(REFUSED) for line in report)
    told = answer("report", history, "--format", "json", "--on", "2025-01-10")["summonses"]
    assert [(n["inside"], n["bars_exit_from"]) for n in told] == [(True, "2024-11-01")]


def test_a_summons_dated_on_or_after_the_rules_first_day_says_no_more(tmp_path: Path) -> None:
    # placed on the rule's first day: its own day, nothing to explain
    # (its day to report after it: one before its placement is refused)
    history = profile(tmp_path, ABROAD.replace("2023-04-10", "2024-11-01").replace(
        "2023-04-25", "2024-11-15"))
    lines = run("status", history, "--country", "KZ", "--on", "2025-01-10")
    # the account that counts from service starts it on 8 November: the notice names the
    # account it assumed
    assert any("while the summons stands, from 1 November 2024 (ru-exit-military-summons; "
               "contested, assumed 'summons-bars-exit-from-placement'" in line for line in lines)
    assert not any(WHY in line for line in lines)


def test_counted_from_service_a_summons_served_after_the_rules_first_day_keeps_its_day(
        tmp_path: Path) -> None:
    # placed four days before the rule, it counts as served seven days after: within the rule
    history = profile(tmp_path, IN_RUSSIA.replace("2023-04-10", "2024-10-28").replace(
        "2023-04-25", "2024-11-15"))
    lines = run("entry", "--history", history, "--citizenship", "RU", "--to", "GE",
                "--document", "international_passport", "--on", "2024-11-04",
                "--assume", "summons-bars-exit-from-service")
    assert lines[1].endswith("so you may not leave from 4 November 2024 "
                             "(ru-exit-military-summons; contested, assumed "
                             "'summons-bars-exit-from-service' (other accounts: --assume "
                             "summons-bars-exit-from-placement))")
    allowed = run("entry", "--history", history, "--citizenship", "RU", "--to", "GE",
                  "--document", "international_passport", "--on", "2024-11-03",
                  "--assume", "summons-bars-exit-from-service")
    assert allowed[0].startswith("Yes:")


def test_the_first_day_is_read_from_the_rule(tmp_path: Path) -> None:
    # the rule's first day moved to 1 March 2025 in a copy of the pack: the ban follows it
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    rules = pack / "entry.yaml"
    text = rules.read_text(encoding="utf-8")
    start = text.index("  - id: ru-exit-military-summons")
    moved = text[start:].replace("valid_from: 2024-11-01", "valid_from: 2025-03-01", 1)
    rules.write_text(text[:start] + moved, encoding="utf-8")
    history = profile(tmp_path, IN_RUSSIA)
    args = ("entry", "--history", history, "--citizenship", "RU", "--to", "GE",
            "--document", "international_passport", "--pack", str(pack))
    assert run(*args, "--on", "2025-02-28")[0].startswith("Yes:")
    lines = run(*args, "--on", "2025-03-01")
    assert lines[1].endswith(f"so you may not leave from 1 March 2025, {WHY} "
                             "(ru-exit-military-summons)")
