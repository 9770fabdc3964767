"""People still in Russia in 2026 asking where they may go: what Russia's exit rules leave of
each way out, as `entry`, `destinations` and `report` say it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app

from cli_lines import run

runner = CliRunner()

# A man of 30 in Russia with only an internal passport: Russia lets it out to Armenia by air
# alone (ru-exit-internal-passport), the land way running through Georgia.
INTERNAL_ONLY = """\
person:
  citizenships: [RU]
  born: 1996-03-02
  documents: [{type: internal_passport, country: RU, issued: 2016-03-20}]
trips:
  - {country: RU, entry: 1996-03-02}
"""

# The same with a foreign passport too, which Russia lets out to Armenia every way.
BOTH_PASSPORTS = INTERNAL_ONLY.replace(
    "documents: [", "documents: [{type: international_passport, country: RU, "
                    "expires: 2030-01-15}, ")

ON = ("--on", "2026-12-01")


def profile(tmp_path: Path, text: str) -> str:
    path = tmp_path / "person.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_entry_to_armenia_on_the_internal_passport_says_by_air_only(tmp_path: Path) -> None:
    # a bare "Yes" without --by read as any way in, though Russia lets the internal passport
    # out to Armenia by air alone (and answers "No" with --by land)
    history = profile(tmp_path, INTERNAL_ONLY)
    lines = run("entry", "--history", history, "--citizenship", "RU", "--to", "AM",
                "--document", "internal_passport", *ON)
    assert lines[0].startswith("Yes, by air only: entering Armenia on 1 December 2026")
    answer = json.loads(runner.invoke(app, [
        "entry", "--history", history, "--citizenship", "RU", "--to", "AM", "--document",
        "internal_passport", *ON, "--json"]).stdout)
    assert answer["open_ways"] == ["air"]


def test_destinations_and_report_name_the_way_out_to_armenia(tmp_path: Path) -> None:
    history = profile(tmp_path, INTERNAL_ONLY)
    row = next(line for line in run("destinations", history, *ON) if line.startswith("AM "))
    assert row.split()[1:3] == ["yes", "(air)"]
    assert any(line.startswith("Armenia (AM) with internal passport, by air only:")
               for line in run("report", history, *ON))


def test_destinations_rely_on_the_passport_that_leaves_every_way(tmp_path: Path) -> None:
    # the internal passport, with no end date, was taken as the one valid longer, and the row
    # then read "by air" for a person whose foreign passport goes by land too
    history = profile(tmp_path, BOTH_PASSPORTS)
    row = next(line for line in run("destinations", history, *ON) if line.startswith("AM "))
    assert row.split()[1:4] == ["yes", "international", "passport"]


def test_a_foreign_passport_ending_soon_does_not_displace_the_internal_one(
        tmp_path: Path) -> None:
    # preferring the way out alone named a foreign passport ending in three months, with a
    # line that it ends before the stay would, beside an internal passport that lasts it
    history = profile(tmp_path, BOTH_PASSPORTS.replace("2030-01-15", "2027-03-01"))
    lines = run("destinations", history, *ON)
    row = next(line for line in lines if line.startswith("AM "))
    assert row.split()[1:5] == ["yes", "(air)", "internal", "passport"]
    assert not any("before the stay shown in AM" in line for line in lines)


# A man of 27 with both passports whose summons is in the register: Russia keeps him in
# whatever he shows (ru-exit-military-summons).
SUMMONED = BOTH_PASSPORTS.replace("born: 1996-03-02", "born: 1999-06-15").replace(
    "entry: 1996-03-02", "entry: 1999-06-15") + (
    "summonses: [{country: RU, placed_on: 2026-11-20, report_on: 2026-12-10}]\n")

# A child of ten with a foreign passport of her own and her birth certificate.
CHILD = """\
person:
  citizenships: [RU]
  born: 2016-05-20
  documents:
    - {type: international_passport, country: RU, expires: 2029-08-01}
    - {type: birth_certificate, country: RU, issued: 2016-05-25}
trips:
  - {country: RU, entry: 2016-05-20}
"""


def test_a_summoned_man_holding_a_foreign_passport_is_not_told_to_get_one(
        tmp_path: Path) -> None:
    # the internal passport's refusal for the hosts beyond its four ended "get a foreign
    # passport", said to a man who holds one and is kept in by his summons alone
    history = profile(tmp_path, SUMMONED)
    for command in ("destinations", "report"):
        lines = run(command, history, *ON)
        assert not any("get a foreign passport" in line for line in lines), command
        assert any("your summons was placed in the register of summonses on 20 November "
                   "2026" in line for line in lines), command


def test_a_child_with_her_own_passport_is_not_told_to_get_one(tmp_path: Path) -> None:
    # the Schengen area refuses her passport for want of a visa; the birth certificate's
    # refusal at Russia's border said to get her a foreign passport, which she holds
    history = profile(tmp_path, CHILD)
    for command in ("destinations", "report"):
        lines = run(command, history, *ON)
        assert not any("get the child a foreign passport" in line for line in lines), command
        assert any("only with a visa issued by a member state of the Schengen area" in line
                   for line in lines), command


def test_the_internal_passport_alone_is_still_told_to_get_a_foreign_one(
        tmp_path: Path) -> None:
    history = profile(tmp_path, INTERNAL_ONLY)
    assert any(line.startswith("Leaving the Russian Federation (for AE, AR, AZ,")
               and line.endswith("get a foreign passport.")
               for line in run("destinations", history, *ON))


def test_entry_tells_what_the_other_account_of_a_summons_answers(tmp_path: Path) -> None:
    # from its placement on 20 November (the default) he may not leave; counted from its
    # service, 7 days after placement, he may until 26 November: the warning named the other
    # account without saying it lets him go
    history = profile(tmp_path, SUMMONED)
    ask = ("entry", "--history", history, "--citizenship", "RU", "--to", "AM", "--document",
           "international_passport", "--by", "air")
    lines = run(*ask, "--on", "2026-11-24")
    assert lines[0].startswith("No: entering Armenia by air on 24 November 2026")
    # and until when: "(yes)" alone hid that the other account keeps him in from 27 November
    assert ("Warning: contested rule (ru-exit-military-summons): assumed "
            "'summons-bars-exit-from-placement'; other accounts: --assume "
            "summons-bars-exit-from-service (yes; the Russian Federation keeps you in from 27 "
            "November 2026).") in lines
    # once served under either account, both keep him in, but from different days: not the
    # same answer, as the reason naming the account says (test_summons_told)
    assert ("Warning: contested rule (ru-exit-military-summons): assumed "
            "'summons-bars-exit-from-placement'; other accounts: --assume "
            "summons-bars-exit-from-service (no; the Russian Federation keeps you in from 27 "
            "November 2026).") in run(*ask, "--on", "2026-11-28")
