"""A document a host accepts by some ways in only (an entry rule's document ``by``): Georgia
takes a Ukrainian's chipped ID card on a direct flight or ship only (the 2019 agreement,
Diaspora.ge; ge-entry-ua-id-card), and `entry --by land` answered "Yes". The rule side (the
field, validated), and the answers of entry, destinations, status and plan, with and without
a way in."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.destinations import destinations
from sojourn.entry import Leaving, check_entry
from sojourn.history import load_history
from sojourn.rules.loader import load_pack
from sojourn.rules.schema import Rule

runner = CliRunner()
PACK = load_pack()
DAY = dt.date(2024, 5, 1)

# a Ukrainian holding the chipped ID card alone, in Türkiye until 20 April 2024
PROFILE = """\
person:
  citizenships: [UA]
  born: 1990-01-01
  documents:
    - {type: id_card, country: UA, expires: 2030-01-01}
trips:
  - {country: TR, entry: 2024-03-01, exit: 2024-04-20}
"""


def _entry(*more: str) -> tuple[int, str]:
    result = runner.invoke(app, ["entry", "--citizenship", "UA", "--document", "id_card",
                                 "--to", "GE", "--on", "2024-05-01", *more])
    return result.exit_code, result.output


def _profile(tmp_path: Path) -> Path:
    path = tmp_path / "ua.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


# ---- entry ----------------------------------------------------------------------------------

def test_by_land_the_id_card_is_refused_with_the_reason() -> None:
    code, out = _entry("--by", "land")
    assert code == 0
    assert out.startswith("No: entering Georgia by land on 1 May 2024 with an id card")
    assert ("Georgia accepts the id card only by air or sea, not by land "
            "(ge-entry-ua-id-card)") in out


@pytest.mark.parametrize("way", ["air", "sea"])
def test_by_air_or_sea_the_id_card_is_accepted(way: str) -> None:
    code, out = _entry("--by", way)
    assert code == 0
    assert out.startswith(f"Yes: entering Georgia by {way} on 1 May 2024")
    assert (f"Georgia accepts the id card only by air or sea (ge-entry-ua-id-card); you come "
            f"in by {way}") in out


def test_with_no_way_given_the_answer_says_the_ways_it_holds_for() -> None:
    # as for a closed border (Azerbaijan: "Yes, by air only"), not a bare "Yes"
    code, out = _entry()
    assert code == 0
    assert out.startswith("Yes, by air or sea only: entering Georgia on 1 May 2024")
    assert ("Georgia accepts the id card only by air or sea (ge-entry-ua-id-card); give --by "
            "to judge your way in") in out
    answer = json.loads(runner.invoke(app, [
        "entry", "--citizenship", "UA", "--document", "id_card", "--to", "GE", "--on",
        "2024-05-01", "--json"]).output)
    assert answer["allowed"] is True and answer["open_ways"] == ["air", "sea"]


def test_the_2026_rule_keeps_the_limit() -> None:
    answer = check_entry(PACK, citizenship="UA", document="id_card", to="GE",
                         on=dt.date(2026, 3, 1), by="land")
    assert answer.allowed is False
    assert [r.id for r in answer.rules] == ["ge-entry-ua-id-card-2026"]
    # refused: what entry needs besides the card is not said as if it let the person in
    assert answer.needs_words == ""


# ---- destinations, status, plan --------------------------------------------------------------

def test_destinations_say_the_ways_and_refuse_by_land(tmp_path: Path) -> None:
    history = load_history(_profile(tmp_path))
    rows = {d.host: d for d in destinations(history, PACK, on=DAY)}
    assert rows["GE"].allowed is True and rows["GE"].open_ways == ("air", "sea")
    by_land = {d.host: d for d in destinations(history, PACK, on=DAY, by="land")}
    assert by_land["GE"].allowed is False
    out = runner.invoke(app, ["destinations", str(_profile(tmp_path)), "--on",
                              "2024-05-01"]).output
    assert "GE        yes (air/sea)  id card" in out


def test_status_without_a_way_says_what_it_assumes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", str(_profile(tmp_path)), "--country", "GE",
                                 "--on", "2024-05-01"])
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    assert out.startswith("If you enter Georgia on 1 May 2024, you may stay")
    assert ("Note: this assumes you come in by air or sea: by land you cannot enter Georgia on "
            "1 May 2024: it accepts the id card only by air or sea, not by land "
            "(ge-entry-ua-id-card)") in out


@pytest.mark.parametrize("command", [
    ["status", "--on", "2024-05-01"], ["plan", "--length", "30", "--from", "2024-05-01"]])
def test_status_and_plan_by_land_refuse_the_entry(tmp_path: Path, command: list[str]) -> None:
    name, *rest = command
    result = runner.invoke(app, [name, str(_profile(tmp_path)), "--country", "GE", *rest,
                                 "--by", "land"])
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    assert out.startswith("By land you cannot enter Georgia on 1 May 2024")
    assert "it accepts the id card only by air or sea, not by land (ge-entry-ua-id-card)" in out
    by_air = runner.invoke(app, [name, str(_profile(tmp_path)), "--country", "GE", *rest,
                                 "--by", "air"]).output
    assert "cannot enter" not in by_air


# ---- with the ways out of the state left -----------------------------------------------------

def _armenia_takes_the_internal_passport_by(ways: list[str]) -> Rule:
    [rule] = [r for r in PACK.rules if r.id == "am-entry-internal-passport"]
    data = rule.model_dump(exclude_unset=True)
    data["documents"] = [{**d, "by": ways} if d["type"] == "internal_passport" else d
                         for d in data["documents"]]
    return Rule.model_validate(data)


@pytest.mark.parametrize(("ways", "allowed", "open_ways"), [
    (["air", "land"], True, ("air",)),  # Russia lets it out by air: air alone is open
    (["land"], False, ()),  # none left: no, not a "Yes" that reads as every way
])
def test_the_host_s_ways_meet_the_ways_out(ways: list[str], allowed: bool,
                                           open_ways: tuple[str, ...]) -> None:
    changed = _armenia_takes_the_internal_passport_by(ways)
    pack = replace(PACK, rules=tuple(changed if r.id == changed.id else r for r in PACK.rules))
    answer = check_entry(pack, citizenship="RU", document="internal_passport", to="AM",
                         on=DAY, leaving=Leaving(("RU",)))
    assert answer.allowed is allowed and answer.open_ways == open_ways
    if not allowed:
        assert answer.why[0].refuses and answer.reasons[0].startswith(
            "no way in is left: the state you leave lets you out on an internal passport only "
            "by air (ru-exit-internal-passport), and Armenia accepts it only by land")


# ---- the rule side ---------------------------------------------------------------------------

RULE = """\
schema: sojourn.rules/1
rules:
  - id: {id}
    title: A test rule
    host: {host}
    citizenships: [UA]
    topic: {topic}
    valid_from: 2019-03-01
    documents:
      - type: id_card
        {fields}
    confidence: high
    sources:
      - {{title: Somewhere, url: "https://example.org/"}}
"""


@pytest.mark.parametrize(("fields", "told"), [
    ("by: [air, ship]", "field 'rules[0].documents[0].by[1]': 'ship' is not an accepted value; "
                        "expected one of 'land', 'air', 'rail' or 'sea'"),
    ("by: []", "field 'rules[0].documents[0].by': is empty"),
    ("by: [air, air]", "field 'rules[0].documents[0].by': names air twice"),
    ("by: [land, air, rail, sea]", "field 'rules[0].documents[0].by': names every way in"),
    ("accepted: false\n        by: [air]",
     "field 'rules[0].documents[0].by': is given for a document the host refuses"),
    ("land_entries_per_year: 2\n        by: [air, sea]",
     "field 'rules[0].documents[0].by': leaves out land and rail, and land_entries_per_year "
     "is given"),
])
def test_a_bad_way_in_is_refused_naming_file_line_field_and_form(
        tmp_path: Path, fields: str, told: str) -> None:
    path = tmp_path / "ge.yaml"
    path.write_text(RULE.format(id="ge-entry-test", host="GE", topic="entry", fields=fields),
                    encoding="utf-8")
    result = runner.invoke(app, ["rules", "validate", str(path)])
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"{path}, line " in said and told in said and "expected" in said


def test_an_exit_rule_says_its_ways_in_its_destinations_not_in_by(tmp_path: Path) -> None:
    path = tmp_path / "ua.yaml"
    path.write_text(RULE.format(id="ua-exit-test", host="UA", topic="exit",
                                fields="by: [air]"), encoding="utf-8")
    result = runner.invoke(app, ["rules", "validate", str(path)])
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "field 'rules[0].documents[0].by': is given under topic exit" in said
    assert "write the ways out in its to ([{country: AM, by: [air]}])" in said


def test_rules_show_says_the_ways() -> None:
    out = " ".join(runner.invoke(app, ["rules", "show", "ge-entry-ua-id-card"]).output.split())
    assert "an id card accepted only by air or sea" in out


def test_a_way_refused_every_day_to_the_searchs_horizon_tells_the_day_asked(
        tmp_path: Path) -> None:
    # a Russian with his internal passport alone, flying to Georgia, which takes a foreign
    # passport only: the search for a day let in by air ends at its ten-year horizon. The
    # lines under the first were a stay's from the last day tried ("no registration duty for
    # a stay beginning on 1 January 2034"); now the day asked's, resting on every rule that
    # refused a day tried (Georgia's 2026 rule too)
    path = tmp_path / "internal.yaml"
    path.write_text("person:\n  citizenships: [RU]\n  documents:\n"
                    "    - {type: internal_passport, country: RU, expires: 2030-01-01}\n"
                    "trips:\n  - {country: KZ, entry: 2024-04-01, exit: 2024-04-20}\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["plan", str(path), "--country", "GE", "--from", "2024-05-01",
                                 "--length", "30", "--by", "air", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["earliest_entry"] is None
    assert answer["entry_waited"]["by"] == "air"
    assert "2034" not in result.output
    relied = {r["id"] for r in answer["rules"]}
    assert {"ge-entry-foreign-passport", "ge-entry-foreign-passport-2026"} <= relied
    text = runner.invoke(app, ["plan", str(path), "--country", "GE", "--from", "2024-05-01",
                               "--length", "30", "--by", "air"]).output
    assert "every day tried within the next 10 years" in text
    assert "for a stay beginning on 1 May 2024" in text
