"""The exit rule a summons's or a restriction's notice names is among the rules the answer
relies on (StayReport.with_kept_in, report's rules named), dated by the freshness note as
every other; a restriction recorded from before the pack's period is told from its own day,
saying that the pack judges no day before it (summonses.ban_counted_from); and a report's
deadline on an internal passport's last day by age names the rule that gives it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_lines import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

PERSON = """\
person:
  citizenships: [RU]
  born: 1998-05-04
  documents: [{type: international_passport, country: RU}]
"""
ABROAD = PERSON + """\
trips:
  - {country: RU, entry: 1998-05-04, exit: 2026-10-01}
  - {country: KZ, entry: 2026-10-01, by: land}
"""
AT_HOME = PERSON + """\
trips:
  - {country: RU, entry: 1998-05-04}
"""
ON = ("--on", "2026-11-20")
RESTRICTION = ("exit_restrictions: [{country: RU, since: 2026-09-15, until: 2027-03-01, "
               "by: court}]\n")
SUMMONS = "summonses: [{country: RU, placed_on: 2026-11-20}]\n"


def profile(tmp_path: Path, text: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def relied_on(lines: list[str]) -> list[str]:
    """The ids listed under "Rules relied on:"."""
    block = lines[lines.index("Rules relied on:") + 1:]
    return [line.split(":")[0] for line in block if line.startswith(("kz-", "ru-", "am-"))]


def test_the_exit_rule_behind_a_refused_entry_is_relied_on_with_its_account() -> None:
    # in Russia with a summons: "with the documents you hold you cannot enter Kazakhstan ...
    # (ru-exit-military-summons; contested, assumed 'summons-bars-exit-from-placement' ...)",
    # yet the rule was not among "Rules relied on" nor the account among --json's assumptions
    for command, day in (("status", "--on"), ("plan", "--from")):
        args = (command, str(EXAMPLES / "summoned.yaml"), "--country", "KZ", day, "2026-12-01",
                *(("--length", "10") if command == "plan" else ()))
        lines = run(*args)
        note = next(ln for ln in lines if ln.startswith("Note: with the documents you hold"))
        assert "(ru-exit-military-summons; contested, assumed" in note
        assert "ru-exit-military-summons" in relied_on(lines), command
        got = json.loads("\n".join(run(*args, "--json")))
        ids = [r["id"] for r in got["rules"]]
        assert "ru-exit-military-summons" in ids
        # the rule that accepts the passport is no ground of the refusal, which names it not
        assert "kz-entry-passports" not in ids
        assert ("ru-exit-military-summons", "summons-bars-exit-from-placement") in [
            (x["rule"], x["variant"]) for x in got["assumptions"]]
        assert "ru-exit-military-summons" in [r["rule"] for r in got["freshness"]["rules"]]


def test_abroad_the_exit_rule_a_notice_names_is_relied_on_and_dated(tmp_path: Path) -> None:
    # status told "(ru-exit-restriction)" in its note, yet listed it nowhere: a reader found
    # neither its sources nor how current they are
    for kept_in, rule in ((RESTRICTION, "ru-exit-restriction"),
                          (SUMMONS, "ru-exit-military-summons")):
        path = profile(tmp_path, ABROAD + kept_in)
        for command, day in (("status", "--on"), ("plan", "--from")):
            lines = run(command, path, "--country", "KZ", day, ON[1],
                        *(("--length", "10") if command == "plan" else ()))
            # the notice names it (with the account assumed, where another moves the day)
            assert any(f"({rule})" in line or f"({rule}; contested" in line for line in lines)
            assert rule in relied_on(lines), (command, lines)
            freshness = next(line for line in lines if "may be out of date" in line)
            assert rule in freshness
        got = json.loads("\n".join(run("status", path, "--country", "KZ", *ON, "--json")))
        assert rule in [r["id"] for r in got["rules"]]
        assert rule in [r["rule"] for r in got["freshness"]["rules"]]
        # the summons's account is named in the notice, so among the assumptions (the
        # restriction's rule has one account)
        if rule == "ru-exit-military-summons":
            assert ("ru-exit-military-summons", "summons-bars-exit-from-placement") in [
                (x["rule"], x["variant"]) for x in got["assumptions"]]
        report = run("report", path, *ON)
        assert rule in relied_on(report)
        case: Any = json.loads("\n".join(run("report", path, *ON, "--format", "json")))
        assert rule in [r["id"] for r in case["stay"]["rules"]]


def test_at_home_the_report_lists_and_dates_the_rule_its_line_names(tmp_path: Path) -> None:
    # in Russia the restriction's line named ru-exit-restriction and the report listed no rule
    lines = run("report", profile(tmp_path, AT_HOME + RESTRICTION), *ON)
    told = next(line for line in lines if line.startswith("Your restriction on leaving"))
    assert told.endswith("(ru-exit-restriction).")
    assert relied_on(lines) == ["ru-exit-restriction"]
    freshness = lines[lines.index(told) + 1]
    assert freshness.startswith("Note: the exit rule may be out of date")
    assert freshness.endswith("(ru-exit-restriction).")


def test_a_restriction_from_before_the_packs_period_is_told_from_its_own_day(
        tmp_path: Path) -> None:
    # "from 15 September 2021" read as the pack's judgement though the pack covers days from
    # 1 January 2022; the restriction stood under the law before, so its day is kept and the
    # pack's bound said, not claimed as the day it began (as a summons's rule's is)
    early = RESTRICTION.replace("2026-09-15", "2021-09-15")
    said = ("from 15 September 2021 as you record it (the rule pack judges no day before 1 "
            "January 2022, the start of the period it covers) to 1 March 2027")
    abroad = profile(tmp_path, ABROAD + early)
    assert any(said in line for line in run("status", abroad, "--country", "KZ", *ON))
    got = json.loads("\n".join(run("status", abroad, "--country", "KZ", *ON, "--json")))
    assert got["exit_restrictions"][0]["bars_exit_from"] == "2021-09-15"
    home = profile(tmp_path, AT_HOME + early)
    assert any(said in line for line in run("report", home, *ON))
    assert any(said in line for line in run("entry", "--history", home, "--citizenship", "RU",
                                               "--document", "international_passport",
                                               "--to", "KZ", *ON))


LAPSING = """\
person:
  citizenships: [RU]
  born: 1981-06-10
  documents: [{type: internal_passport, country: RU, issued: 2001-07-01}]
trips:
  - {country: RU, entry: 1981-06-10, exit: 2026-06-20}
  - {country: AM, entry: 2026-06-20, by: air}
"""


def test_the_deadline_on_an_internal_passports_lapse_names_its_rule(tmp_path: Path) -> None:
    # "[-]" and "rule": null beside a day that ru-internal-passport-validity gives; before the
    # legal stay ends, and once lapsed (a deadline missed)
    path = profile(tmp_path, LAPSING)
    for on in ("2026-07-01", "2026-10-01"):
        lines = run("report", path, "--on", on)
        line = next(x for x in lines if x.startswith("8 September 2026  last day of your "
                                                     "internal passport"))
        assert line.endswith("[ru-internal-passport-validity]"), line
        assert "ru-internal-passport-validity" in relied_on(lines)
        case: Any = json.loads("\n".join(run("report", path, "--on", on, "--format", "json")))
        due = next(d for d in case["deadlines"] if d["day"] == "2026-09-08")
        assert due["rule"] == "ru-internal-passport-validity"
