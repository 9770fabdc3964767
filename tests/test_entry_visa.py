"""Entry only with a visa: the rule side (visa_required on an accepted document), the person
side (a profile's visa documents), and the answers of entry, destinations and report."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.destinations import Destination, destinations
from sojourn.entry import EntryAnswer, check_entry, visa_issuers, with_bans
from sojourn.errors import InputError, RulePackError
from sojourn.history import load_history
from sojourn.penalties import BanLine
from sojourn.rules.loader import builtin_pack_dir, load_pack
from sojourn.rules.topics import AcceptedDocument, EntryBan
from sojourn.stay import stay_report

runner = CliRunner()
PACK = load_pack()
DAY = dt.date(2024, 6, 1)

# a pack of one country host that lets Russians in on a foreign passport only with its visa
VISA_HOST = """\
schema: sojourn.rules/1
rules:
  - id: tr-visa-only
    title: A host that wants its own visa
    host: TR
    citizenships: [RU]
    topic: entry
    valid_from: 2020-01-01
    documents:
      - type: international_passport
        {document}
    confidence: high
    sources:
      - title: Somewhere
        url: https://example.org/
"""


def visa_pack(tmp_path: Path, document: str = "visa_required: true") -> Path:
    (tmp_path / "tr.yaml").write_text(VISA_HOST.format(document=document), encoding="utf-8")
    return tmp_path


def profile(tmp_path: Path, *documents: str) -> Path:
    """A Russian in Kazakhstan since 1 May 2024 holding a foreign passport and ``documents``."""
    path = tmp_path / "p.yaml"
    lines = "".join(f"    - {d}\n" for d in documents)
    path.write_text("person:\n  citizenships: [RU]\n  documents:\n"
                    "    - {type: international_passport, country: RU}\n" + lines
                    + "trips: [{country: KZ, entry: 2024-05-01}]\n", encoding="utf-8")
    return path


def row(path: Path, on: dt.date, host: str = "SCHENGEN") -> tuple[bool | None, str | None]:
    found = {d.host: d for d in destinations(load_history(path), PACK, on=on)}[host]
    return found.allowed, found.visa_from


# ---- the rule side ----------------------------------------------------------------------------

def test_an_accepted_document_needs_no_visa_unless_the_rule_says_so(tmp_path: Path) -> None:
    pack = load_pack(visa_pack(tmp_path, "accepted: true"))
    [doc] = pack.rules[0].documents
    assert doc.visa_required is False
    answer = check_entry(pack, citizenship="RU", document="international_passport", to="TR",
                         on=DAY, visa=False)
    assert answer.allowed is True and answer.visa_issuers == () and answer.visa is None


@pytest.mark.parametrize("visa", [True, False, None])
def test_a_document_accepted_with_a_visa_is_told_with_its_note(tmp_path: Path,
                                                               visa: bool | None) -> None:
    # a condition on the document (Schengen states refusing a non-biometric passport) is part
    # of the answer whether the visa is held, lacking, or not said, after the visa's words
    pack = load_pack(visa_pack(tmp_path, "visa_required: true\n        note: not a 5-year one"))
    answer = check_entry(pack, citizenship="RU", document="international_passport", to="TR",
                         on=DAY, visa=visa)
    [reason] = [r for r in answer.reasons if "(tr-visa-only)" in r]
    assert reason.endswith(": not a 5-year one")


def test_a_refused_document_cannot_also_need_a_visa(tmp_path: Path) -> None:
    with pytest.raises(RulePackError) as info:
        load_pack(visa_pack(tmp_path, "accepted: false\n        visa_required: true"))
    [problem] = info.value.problems
    assert problem.field is not None and problem.field.endswith("visa_required")
    assert "is true for a document the host refuses" in problem.message
    assert problem.expected is not None


def test_a_visa_is_not_a_document_a_host_accepts_by_itself(tmp_path: Path) -> None:
    (tmp_path / "tr.yaml").write_text(
        VISA_HOST.format(document="").replace("type: international_passport", "type: visa"),
        encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(tmp_path)
    [problem] = info.value.problems
    assert problem.field is not None and problem.field.endswith("type")
    assert problem.expected is not None and "visa_required: true" in problem.expected


def test_a_document_accepted_by_itself_answers_before_one_accepted_only_with_a_visa(
        tmp_path: Path) -> None:
    # one rule names the passport twice, with a visa first: no visa needed. (Two rules in force
    # on one document are refused by `rules validate`, rules/accounts.py; one rule's words on
    # it are ordered here.)
    pack = load_pack(visa_pack(tmp_path, "visa_required: true\n"
                                         "      - type: international_passport"))
    answer = check_entry(pack, citizenship="RU", document="international_passport", to="TR",
                         on=DAY)
    assert answer.allowed is True and answer.visa_issuers == ()
    assert [r.id for r in answer.rules] == ["tr-visa-only"]


def test_a_rule_may_speak_of_one_document_at_two_ages(tmp_path: Path) -> None:
    # accepted up to 13, refused from 14: a 15-year-old is refused, not left unknown
    pack = load_pack(visa_pack(tmp_path, "max_age: 13\n      - type: international_passport"
                                         "\n        min_age: 14\n        accepted: false"))
    answers = {age: check_entry(pack, citizenship="RU", document="international_passport",
                                to="TR", on=DAY, age=age).allowed for age in (13, 15)}
    assert answers == {13: True, 15: False}


def test_a_document_taken_with_a_visa_at_other_ages_is_said_so(tmp_path: Path) -> None:
    pack = load_pack(visa_pack(tmp_path, "visa_required: true\n        min_age: 14"))
    answer = check_entry(pack, citizenship="RU", document="international_passport", to="TR",
                         on=DAY, age=10)
    assert answer.allowed is None
    assert answer.reasons[-1].endswith("; tr-visa-only accepts it with a visa from age 14, "
                                       "not at 10")


def test_a_country_host_counts_its_own_visa_only(tmp_path: Path) -> None:
    pack = load_pack(visa_pack(tmp_path))
    assert visa_issuers(pack, "TR", DAY) == ("TR",)
    told = {v: check_entry(pack, citizenship="RU", document="international_passport", to="TR",
                           on=DAY, visa=v) for v in (True, False, None)}
    assert {v: a.allowed for v, a in told.items()} == {True: True, False: False, None: None}
    assert told[None].visa_decides and not told[True].visa_decides
    assert "only with a visa issued by Türkiye" in told[None].reasons[-1]


def test_a_zone_counts_the_visas_of_its_members_on_the_day() -> None:
    # Croatia joined the Schengen area on 1 January 2023
    assert "HR" not in visa_issuers(PACK, "SCHENGEN", dt.date(2022, 12, 31))
    assert "HR" in visa_issuers(PACK, "SCHENGEN", dt.date(2023, 1, 1))
    assert "DE" in visa_issuers(PACK, "SCHENGEN", dt.date(2022, 12, 31))
    # and the answer names those of the day, in the zone's words
    answer = check_entry(PACK, citizenship="RU", document="international_passport",
                         to="SCHENGEN", on=dt.date(2022, 12, 31))
    assert "HR" not in answer.visa_issuers and "DE" in answer.visa_issuers
    assert "only with a visa issued by a member state of the Schengen area" in answer.reasons[-2]


def test_a_border_that_may_still_be_closed_leaves_the_visa_undecided() -> None:
    # Azerbaijan's land closure lapsed after its last extension seen: unknown, visa or not
    answer = check_entry(PACK, citizenship="RU", document="international_passport", to="AZ",
                         on=dt.date(2026, 11, 1), by="land")
    assert answer.allowed is None and not answer.visa_decides


# ---- the person side --------------------------------------------------------------------------

def test_a_visa_of_a_member_valid_on_the_day_lets_a_russian_into_the_zone(tmp_path: Path
                                                                         ) -> None:
    path = profile(tmp_path, "{type: visa, country: DE, issued: 2024-05-01, expires: 2024-08-01}")
    assert row(path, DAY) == (True, "DE")
    assert row(path, dt.date(2024, 8, 1)) == (True, "DE")  # its last day
    assert row(path, dt.date(2024, 8, 2)) == (False, None)  # expired
    assert row(path, dt.date(2024, 4, 30))[0] is False  # not yet issued


def test_no_visa_or_a_visa_of_another_state_is_a_no(tmp_path: Path) -> None:
    assert row(profile(tmp_path), DAY) == (False, None)
    assert row(profile(tmp_path, "{type: visa, country: GB}"), DAY) == (False, None)


def test_a_visa_of_a_state_counts_from_the_day_it_joins_the_zone(tmp_path: Path) -> None:
    path = profile(tmp_path, "{type: visa, country: HR}")
    assert row(path, dt.date(2022, 12, 31)) == (False, None)
    assert row(path, dt.date(2023, 1, 1)) == (True, "HR")


def test_a_visa_a_state_issued_before_it_joined_the_zone_is_not_the_zones(tmp_path: Path
                                                                          ) -> None:
    # a Croatian visa of 2022 stayed a national one after Croatia joined on 1 January 2023
    before = profile(tmp_path, "{type: visa, country: HR, issued: 2022-12-31}")
    assert row(before, dt.date(2023, 1, 1)) == (False, None)
    (tmp_path / "after").mkdir()
    after = profile(tmp_path / "after", "{type: visa, country: HR, issued: 2023-01-01}")
    assert row(after, dt.date(2023, 1, 1)) == (True, "HR")
    # a national visa held beside a Schengen one: the Schengen one is the one relied on
    (tmp_path / "both").mkdir()
    both = profile(tmp_path / "both", "{type: visa, country: BG, issued: 2024-01-10}",
                   "{type: visa, country: DE, issued: 2024-01-10}")
    assert row(both, DAY) == (True, "DE")


def test_a_visa_is_not_a_travel_document_of_its_own(tmp_path: Path) -> None:
    # judged as a document, it would add a row of its own, always unknown
    path = profile(tmp_path, "{type: visa, country: DE}")
    found = {d.host: d for d in destinations(load_history(path), PACK, on=DAY)}
    assert {e.document for e in found["SCHENGEN"].entry} == {"international_passport"}


def test_a_visa_document_is_checked_as_the_others(tmp_path: Path) -> None:
    path = profile(tmp_path, "{type: visa, country: XX, issued: 2024-05-01, expires: 2024-04-01}")
    with pytest.raises(InputError) as info:
        load_history(path)
    found = {p.field: p for p in info.value.problems}
    assert set(found) == {"person.documents[1].country", "person.documents[1].expires"}
    assert all(p.line == 5 and p.file == str(path) and p.expected for p in found.values())
    assert found["person.documents[1].expires"].value == "2024-04-01"


# ---- the answers through the CLI --------------------------------------------------------------

def entry(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["entry", "--citizenship", "RU", "--document",
                                 "international_passport", "--to", "SCHENGEN", "--on",
                                 "2024-06-01", *args])
    return result.exit_code, result.stdout


def test_entry_says_yes_with_a_visa_no_without_when_none_is_said() -> None:
    code, text = entry()
    assert code == 0
    assert text.startswith("Yes with a visa issued by a member state of the Schengen area; "
                           "without one, no: entering the Schengen area")
    assert "cannot be judged" not in text.splitlines()[0]


@pytest.mark.parametrize(("flag", "first", "allowed"), [
    ("--visa", "Yes: ", True), ("--no-visa", "No: ", False)])
def test_entry_takes_whether_a_visa_is_held(flag: str, first: str, allowed: bool) -> None:
    code, text = entry(flag)
    assert code == 0 and text.startswith(first)
    code, out = entry(flag, "--json")
    answer = json.loads(out)
    assert answer["allowed"] is allowed
    assert answer["visa"]["held"] is allowed and answer["visa"]["decides"] is False


def test_entry_json_keeps_allowed_unknown_where_the_visa_decides() -> None:
    answer = json.loads(entry("--json")[1])
    assert answer["allowed"] == "unknown"
    assert answer["visa"]["decides"] is True and answer["visa"]["held"] == "unknown"
    assert "DE" in answer["visa"]["issued_by"] and "GB" not in answer["visa"]["issued_by"]


def test_entry_json_has_no_visa_where_none_is_needed() -> None:
    result = runner.invoke(app, ["entry", "--citizenship", "RU", "--document",
                                 "internal_passport", "--to", "KZ", "--on", "2024-06-01",
                                 "--json", "--no-visa"])
    assert json.loads(result.stdout)["visa"] is None
    assert json.loads(result.stdout)["allowed"] is True


def test_rules_show_and_the_rules_relied_on_say_a_visa_is_needed() -> None:
    shown = runner.invoke(app, ["rules", "show", "schengen-entry-ru-visa"]).stdout
    relied = entry()[1].split("Rules relied on:")[1]
    for text in (shown, relied):
        assert "an international passport accepted only with a visa" in text


def test_destinations_and_report_judge_from_the_profiles_visas(tmp_path: Path) -> None:
    with_visa = str(profile(tmp_path, "{type: visa, country: FR, expires: 2024-12-31}"))
    rows = {d["host"]: d for d in json.loads(runner.invoke(
        app, ["destinations", with_visa, "--on", "2024-06-01", "--json"]).stdout)["destinations"]}
    assert rows["SCHENGEN"]["allowed"] is True and rows["SCHENGEN"]["visa_from"] == "FR"
    table = runner.invoke(app, ["destinations", with_visa, "--on", "2024-06-01"]).stdout
    assert "international passport and visa (FR)" in table
    report = runner.invoke(app, ["report", with_visa, "--on", "2024-06-01"]).stdout
    assert "the Schengen area (SCHENGEN) with international passport and visa (FR)" in report
    (tmp_path / "bare").mkdir()
    bare = str(profile(tmp_path / "bare"))
    rows = {d["host"]: d for d in json.loads(runner.invoke(
        app, ["destinations", bare, "--on", "2024-06-01", "--json"]).stdout)["destinations"]}
    assert rows["SCHENGEN"]["allowed"] is False
    assert any("a visa is needed" in r for r in rows["SCHENGEN"]["reasons"])
    # not a place to go, but a host refused, with why
    report = runner.invoke(app, ["report", bare, "--on", "2024-06-01"]).stdout
    assert "(SCHENGEN) with" not in report
    assert ("  not the Schengen area (SCHENGEN): it admits your international passport only "
            "with a visa issued by a member state of the Schengen area, and you hold none "
            "valid (schengen-entry-ru-visa)") in report.splitlines()


@pytest.mark.parametrize(("citizenship", "host", "words"), [
    ("RU", "SCHENGEN", "a member state of the Schengen area, and you hold none valid "
                       "(schengen-entry-ru-visa)"),
    ("BY", "TH", "Thailand, and you hold none valid (th-entry-by-visa)"),
])
def test_destinations_says_a_no_is_for_a_visa_not_held_as_the_report_does(
        tmp_path: Path, citizenship: str, host: str, words: str) -> None:
    # the row read a bare "no", as for a passport the host refuses, where --json and the
    # report said a visa is needed
    path = tmp_path / "p.yaml"
    path.write_text(f"person:\n  citizenships: [{citizenship}]\n  documents:\n"
                    f"    - {{type: international_passport, country: {citizenship}}}\n"
                    "trips: [{country: KZ, entry: 2024-05-01}]\n", encoding="utf-8")
    table = cli("destinations", str(path)).splitlines()
    [row_words] = [x.split() for x in table if x.startswith(f"  {host}  ")]
    assert row_words[1] == "no"
    why = f"admits your international passport only with a visa issued by {words}"
    assert f"  {host} {why}." in table
    assert any(x.endswith(f"({host}): it {why}") for x in cli("report", str(path)).splitlines())
    # a host refusing the document itself needs no such line: its "no" says it
    path.write_text(path.read_text(encoding="utf-8").replace("international_passport",
                                                             "internal_passport"),
                    encoding="utf-8")
    assert not [x for x in cli("destinations", str(path)).splitlines() if " admits your " in x]


# ---- a visa's end date ends the stay it lets the person make ----------------------------------

def schengen(path: Path, on: dt.date = DAY) -> Destination:
    return {d.host: d for d in destinations(load_history(path), PACK, on=on)}["SCHENGEN"]


# From 1 June 2024, away from the area, the Schengen rules let a stay run to 29 August (90 days)
@pytest.mark.parametrize(("expires", "days", "until", "limited_by"), [
    ("2024-08-01", 62, dt.date(2024, 8, 1), "visa"),  # before the rules' end: the visa's
    ("2024-08-29", 90, dt.date(2024, 8, 29), "rule"),  # on it: the rules end it anyway
    ("2024-12-31", 90, dt.date(2024, 8, 29), "rule")])  # after it
def test_the_stay_on_a_visa_ends_by_the_visas_last_day(tmp_path: Path, expires: str, days: int,
                                                        until: dt.date, limited_by: str) -> None:
    row = schengen(profile(tmp_path, f"{{type: visa, country: DE, expires: {expires}}}"))
    assert row.stay is not None
    a = row.stay.answer
    assert (a.max_stay_days, a.latest_exit, a.limited_by) == (days, until, limited_by)
    assert row.visa_expires == dt.date.fromisoformat(expires)
    assert a.binding == "schengen-short-stay-90-180"  # the rules' limit is still the rules'


def test_a_visa_with_no_end_date_ends_nothing(tmp_path: Path) -> None:
    row = schengen(profile(tmp_path, "{type: visa, country: DE}"))
    assert row.stay is not None and row.visa_expires is None
    assert (row.stay.answer.max_stay_days, row.stay.answer.limited_by) == (90, "rule")


def test_only_an_entry_on_the_visa_is_ended_by_it(tmp_path: Path) -> None:
    # a Turkish visa expiring soon: Türkiye lets Russians in without one, for 60 days
    path = profile(tmp_path, "{type: visa, country: TR, expires: 2024-06-10}")
    found = {d.host: d for d in destinations(load_history(path), PACK, on=DAY)}
    assert found["TR"].stay is not None and found["TR"].visa_expires is None
    assert found["TR"].stay.answer.max_stay_days == 60


def test_of_the_visas_that_count_the_one_lasting_longest_is_relied_on(tmp_path: Path) -> None:
    row = schengen(profile(tmp_path, "{type: visa, country: DE, expires: 2024-07-01}",
                           "{type: visa, country: FR, expires: 2024-08-01}",
                           "{type: visa, country: IT, expires: 2024-07-15}"))
    assert (row.visa_from, row.visa_expires) == ("FR", dt.date(2024, 8, 1))
    (tmp_path / "open").mkdir()
    row = schengen(profile(tmp_path / "open", "{type: visa, country: DE, expires: 2024-07-01}",
                           "{type: visa, country: FR}"))
    assert (row.visa_from, row.visa_expires) == ("FR", None)
    assert row.stay is not None and row.stay.answer.max_stay_days == 90


def planned_profile(tmp_path: Path, expires: str) -> Path:
    """Back from Kazakhstan on 31 May 2024, with a trip to Georgia planned from 10 July."""
    path = tmp_path / "p.yaml"
    path.write_text("person:\n  citizenships: [RU]\n  documents:\n"
                    "    - {type: international_passport, country: RU}\n"
                    f"    - {{type: visa, country: DE, expires: {expires}}}\n"
                    "trips: [{country: KZ, entry: 2024-05-01, exit: 2024-05-31},\n"
                    "        {country: GE, entry: 2024-07-10}]\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("expires", "until", "limited_by"), [
    ("2024-08-01", dt.date(2024, 7, 10), "planned_trip"),
    ("2024-07-01", dt.date(2024, 7, 1), "visa")])
def test_the_sooner_of_the_planned_trips_and_the_visa_ends_the_stay(
        tmp_path: Path, expires: str, until: dt.date, limited_by: str) -> None:
    row = schengen(planned_profile(tmp_path, expires))
    assert row.stay is not None
    assert (row.stay.answer.latest_exit, row.stay.answer.limited_by) == (until, limited_by)
    # the trip is named only where it ends the stay
    assert (row.stay.planned_trip is not None) == (limited_by == "planned_trip")
    assert (row.stay.answer.planned_stay is not None) == (limited_by == "planned_trip")


STAY_RULE = """\
  - id: tr-stay
    title: A host with no stay limit
    host: TR
    citizenships: [RU]
    topic: stay
    valid_from: 2020-01-01
    constraints: none
    confidence: high
    sources:
      - title: Somewhere
        url: https://example.org/
"""


def test_a_stay_with_no_limit_ends_with_the_visa_and_an_unknown_one_stays_unknown(
        tmp_path: Path) -> None:
    path = profile(tmp_path, "{type: visa, country: TR, expires: 2024-06-30}")
    pack = tmp_path / "pack"
    pack.mkdir()
    unknown = {d.host: d for d in destinations(load_history(path), load_pack(visa_pack(pack)),
                                               on=DAY)}["TR"]
    assert unknown.allowed is True and unknown.stay is not None
    assert (unknown.stay.answer.max_stay_days, unknown.stay.answer.unknown is None) == (
        None, False)
    (pack / "tr.yaml").write_text(VISA_HOST.format(document="visa_required: true")
                                  + STAY_RULE, encoding="utf-8")
    known = {d.host: d for d in destinations(load_history(path), load_pack(pack),
                                             on=DAY)}["TR"]
    assert known.stay is not None
    a = known.stay.answer
    assert (a.max_stay_days, a.latest_exit, a.limited_by) == (30, dt.date(2024, 6, 30), "visa")


def cli(*args: str) -> str:
    result = runner.invoke(app, [*args, "--on", "2024-06-01"])
    assert result.exit_code == 0, result.stdout
    return result.stdout


def test_destinations_and_report_mark_a_stay_the_visa_ends(tmp_path: Path) -> None:
    path = str(profile(tmp_path, "{type: visa, country: DE, expires: 2024-08-01}"))
    table = cli("destinations", path)
    [line] = [x for x in table.splitlines() if x.strip().startswith("SCHENGEN")]
    assert line.split()[-4:] == ["days‡", "1", "August", "2024"] and "62 days‡" in line
    legend = ("  ‡ ended sooner than the host's rules would, by your visa's expiry: DE visa to "
              "1 August 2024.")
    assert legend in table.splitlines()
    # Cyprus counts the DE visa too (Decision No 565/2014/EU), which ends its stay alike
    [cy] = [x for x in table.splitlines() if x.strip().startswith("CY ")]
    assert "62 days‡" in cy and cy.split()[-3:] == ["1", "August", "2024"]
    # no other row bears it
    assert "‡" not in table.replace(line, "").replace(cy, "").replace(legend, "")
    report = cli("report", path)
    assert ("the Schengen area (SCHENGEN) with international passport and visa (DE): up to "
            "62 days‡;") in report
    assert legend in report.splitlines()
    rows = {d["host"]: d for d in json.loads(cli("destinations", path, "--json"))["destinations"]}
    assert {k: rows["SCHENGEN"][k] for k in ("max_stay_days", "latest_exit", "limited_by",
                                             "visa_from", "visa_expires", "planned_trip")} == {
        "max_stay_days": 62, "latest_exit": "2024-08-01", "limited_by": "visa",
        "visa_from": "DE", "visa_expires": "2024-08-01", "planned_trip": None}
    [other] = [d for d in json.loads(cli("report", path, "--format", "json"))["alternatives"]
               if d["host"] == "SCHENGEN"]
    assert (other["limited_by"], other["visa_expires"]) == ("visa", "2024-08-01")


def test_several_visas_ending_stays_are_each_named(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("person:\n  citizenships: [RU]\n  documents:\n"
                    "    - {type: international_passport, country: RU}\n"
                    "    - {type: visa, country: DE, expires: 2024-08-01}\n"
                    "    - {type: visa, country: JP, expires: 2024-06-20}\n"
                    "trips: [{country: KZ, entry: 2024-05-01}]\n", encoding="utf-8")
    # the pack, and a Japan that wants its own visa and sets no limit on the stay
    shutil.copytree(builtin_pack_dir(), tmp_path / "pack")
    japan = VISA_HOST.format(document="visa_required: true") + STAY_RULE
    (tmp_path / "pack" / "jp.yaml").write_text(
        japan.replace("host: TR", "host: JP").replace("id: tr-", "id: jp-"), encoding="utf-8")
    table = cli("destinations", str(path), "--pack", str(tmp_path / "pack"))
    # in the order of the hosts: Cyprus counts the DE visa too (Decision No 565/2014/EU)
    assert ("‡ ended sooner than the host's rules would, by your visas' expiry: DE visa to "
            "1 August 2024 and JP visa to 20 June 2024.") in table


def test_a_visa_with_no_end_date_says_nothing(tmp_path: Path) -> None:
    path = str(profile(tmp_path, "{type: visa, country: DE}"))
    for text in (cli("destinations", path), cli("report", path)):
        assert "‡" not in text and "expiry" not in text
    rows = {d["host"]: d for d in json.loads(cli("destinations", path, "--json"))["destinations"]}
    assert (rows["SCHENGEN"]["limited_by"], rows["SCHENGEN"]["visa_expires"]) == ("rule", None)


def de_visa_holder(tmp_path: Path, expires: str, stay: str = "entry: 2024-05-20") -> Path:
    """A Russian's profile with a DE visa issued on 1 May 2024 and ending on ``expires``, in
    Germany for ``stay`` (the trip's entry, and exit if any)."""
    path = tmp_path / "p.yaml"
    path.write_text("person:\n  citizenships: [RU]\n  documents:\n"
                    "    - {type: international_passport, country: RU}\n"
                    f"    - {{type: visa, country: DE, issued: 2024-05-01, expires: {expires}}}\n"
                    f"trips: [{{country: DE, {stay}}}]\n", encoding="utf-8")
    return path


def report_on(path: Path, on: str, *args: str) -> str:
    """``sojourn report PATH --on ON ARGS``'s output (exit 0)."""
    result = runner.invoke(app, ["report", str(path), "--on", on, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_report_on_a_stay_in_the_zone_lists_the_visa_s_last_day_as_a_deadline(
        tmp_path: Path) -> None:
    # In Germany since 20 May 2024 on a DE visa to 1 July: destinations' row for the area says
    # 1 July, while the report's deadlines gave only the rules' 17 August
    path = de_visa_holder(tmp_path, "2024-07-01")
    deadlines = json.loads(cli("report", str(path), "--format", "json"))["deadlines"]
    assert [(d["day"], d["rule"]) for d in deadlines] == [
        ("2024-07-01", "schengen-entry-ru-visa"), ("2024-08-17", "schengen-short-stay-90-180")]
    assert "DE visa" in deadlines[0]["what"]
    # a visa lasting past the rules' last day ends nothing sooner: no line of its own
    longer = path.read_text(encoding="utf-8").replace("2024-07-01", "2024-12-31")
    path.write_text(longer, encoding="utf-8")
    deadlines = json.loads(cli("report", str(path), "--format", "json"))["deadlines"]
    assert [d["day"] for d in deadlines] == ["2024-08-17"]


@pytest.mark.parametrize(("on", "line"), [
    ("2024-06-01", "  The DE visa you entered on ends on 1 July 2024, and the stay with it: "
                   "sooner than the day above, which counts the stay rules alone."),
    ("2024-07-05", "  The DE visa you entered on ended on 1 July 2024, and the stay with it: "
                   "you are staying past it; the day above counts the stay rules alone."),
])
def test_the_report_says_beside_the_stay_that_the_visa_ends_it_sooner(
        tmp_path: Path, on: str, line: str) -> None:
    # the report opened "You may stay in the Schengen area until 17 August 2024" (the stay
    # rules', as status counts them), with the visa's 1 July only among the deadlines below
    path = de_visa_holder(tmp_path, "2024-07-01")
    lines = report_on(path, on).splitlines()
    stay = next(i for i, text in enumerate(lines) if text.startswith("You may stay"))
    assert line in lines[stay:stay + 5]
    data = json.loads(report_on(path, on, "--format", "json"))
    assert data["visa_end"] == {"issued_by": "DE", "day": "2024-07-01"}
    # a visa lasting past the rules' day ends nothing sooner: no such line
    path = de_visa_holder(tmp_path, "2024-12-31")
    assert "visa you entered on" not in report_on(path, on)
    assert json.loads(report_on(path, on, "--format", "json"))["visa_end"] is None


def test_a_report_away_from_the_host_says_whether_the_documents_let_the_person_back_in(
        tmp_path: Path) -> None:
    # left Germany on 5 June 2024, the DE visa ended on 10 June: on 25 June the report read
    # only "If you enter the Schengen area on 25 June 2024, you may stay until 5 September",
    # while destinations said no visa is held to enter with
    path = de_visa_holder(tmp_path, "2024-06-10", "entry: 2024-05-20, exit: 2024-06-05")
    on = "2024-06-25"
    text = report_on(path, on)
    assert text.splitlines()[1].startswith("If you enter the Schengen area on 25 June 2024")
    assert ("  Whether the documents you hold let you into the Schengen area on 25 June 2024: "
            "no; it admits your international passport only with a visa issued by a member "
            "state of the Schengen area, and you hold none valid (schengen-entry-ru-visa); "
            "`sojourn entry` says more.") in text.splitlines()
    assert json.loads(report_on(path, on, "--format", "json"))["entry_allowed"] is False
    # with a visa valid on the day, nothing more is said
    path = de_visa_holder(tmp_path, "2024-12-31", "entry: 2024-05-20, exit: 2024-06-05")
    assert "Whether the documents you hold" not in report_on(path, on)
    assert json.loads(report_on(path, on, "--format", "json"))["entry_allowed"] is True


def test_the_report_on_a_stay_past_the_visa_s_last_day_lists_it_as_missed(
        tmp_path: Path) -> None:
    # In Germany since 20 May 2024 on a DE visa to 25 May: on 1 June the visa counts no more,
    # so destinations' row refuses entry, and the report gave only the rules' 17 August, as if
    # the stay were still legal
    path = de_visa_holder(tmp_path, "2024-05-25")
    deadlines = json.loads(cli("report", str(path), "--format", "json"))["deadlines"]
    assert [(d["day"], d["rule"], d["missed"]) for d in deadlines] == [
        ("2024-05-25", "schengen-entry-ru-visa", True),
        ("2024-08-17", "schengen-short-stay-90-180", False)]
    assert "missed" in cli("report", str(path)).split("Passed before")[1].splitlines()[1]
    # a stay entered with no visa needed (a Georgian visa does not take anyone into Germany)
    # has no visa's last day to miss
    other = path.read_text(encoding="utf-8").replace("country: DE, issued", "country: GE, issued")
    path.write_text(other, encoding="utf-8")
    deadlines = json.loads(cli("report", str(path), "--format", "json"))["deadlines"]
    assert [d["day"] for d in deadlines] == ["2024-08-17"]


# ---- a ban an overstay elsewhere brings, beside a visa not said -------------------------------

def overstay_bans(tmp_path: Path, trip: str, citizenship: str, on: dt.date
                  ) -> tuple[BanLine, ...]:
    """The entry bans running on ``on`` that one overstay (``trip``: host,entry,exit) brings,
    as `entry --history` finds them. A profile that records no registration made: a ban for
    a stay not registered (Kyrgyzstan's for Kazakhs) is then known to apply, where a CSV
    history, which records none either way, leaves it unknown."""
    host, entry, exit_ = trip.split(",")
    path = tmp_path / "h.yaml"
    path.write_text(f"person: {{citizenships: [{citizenship}]}}\n"
                    f"trips: [{{country: {host}, entry: {entry}, exit: {exit_}}}]\n"
                    "registrations: []\n", encoding="utf-8")
    bans = stay_report(load_history(path), PACK, on=on, country=host,
                       citizenship=citizenship).entry_bans
    return tuple(b for b in bans if b.runs_on(on))


def schengen_without_saying_the_visa(on: dt.date) -> EntryAnswer:
    answer = check_entry(PACK, citizenship="RU", document="international_passport",
                         to="SCHENGEN", on=on)
    assert answer.allowed is None and answer.visa_decides
    return answer


def test_a_possible_ban_leaves_the_visa_to_decide_and_is_told_beside(tmp_path: Path) -> None:
    # Georgia from 1 October 2025: 46 days over, left on 15 February 2026, a possible ban of
    # up to 6 months, to 14 August 2026 at most: it may bar, so it warns and decides nothing
    on = dt.date(2026, 8, 14)
    [ban] = overstay_bans(tmp_path, "GE,2025-01-01,2026-02-15", "RU", on)
    answer = with_bans(schengen_without_saying_the_visa(on), [ban])
    assert answer.allowed is None and answer.visa_decides and answer.barred_by is None
    assert answer.notes == (f"your history's overstay there may bar this entry: {ban.words}",)
    assert [r.id for r in answer.rules] == ["schengen-entry-ru-visa", "ge-penalty-overstay-2025"]


def test_a_possible_ban_of_unknown_length_is_a_warning_too(tmp_path: Path) -> None:
    # only a ban certain to be brought can make a yes unknown, whatever its length
    on = dt.date(2026, 8, 14)
    [ban] = overstay_bans(tmp_path, "GE,2025-01-01,2026-02-15", "RU", on)
    endless = replace(ban, ban=EntryBan.model_validate({"length": "unknown",
                                                        "certainty": "possible"}))
    assert endless.last_day is None and endless.runs_on(on)
    answer = with_bans(check_entry(PACK, citizenship="RU", document="international_passport",
                                   to="GE", on=on), [endless])
    assert answer.allowed is True
    assert not any(r.startswith("unknown:") for r in answer.reasons)


def test_a_ban_that_bars_takes_the_decision_from_the_visa(tmp_path: Path) -> None:
    # Kyrgyzstan refuses a Kazakh who overstayed the next entry for 90 days: left on 31
    # December 2025, the last barred day is 30 March 2026
    on = dt.date(2026, 3, 30)
    [ban] = overstay_bans(tmp_path, "KG,2025-09-01,2025-12-31", "KZ", on)
    answer = with_bans(schengen_without_saying_the_visa(on), [ban])
    assert answer.allowed is False and not answer.visa_decides
    assert answer.barred_by == ban and answer.reasons[0] == ban.words
    assert [r.id for r in answer.rules] == ["schengen-entry-ru-visa",
                                            "kg-penalty-overstay-kz-2025"]


def test_a_certain_ban_of_unknown_length_leaves_the_answer_unknown_not_the_visa(
        tmp_path: Path) -> None:
    # Indonesia: 91 days over, deported and listed as barred, for how long not said
    on = dt.date(2026, 3, 1)
    [ban] = overstay_bans(tmp_path, "ID,2025-01-01,2025-05-01", "RU", on)
    answer = with_bans(schengen_without_saying_the_visa(on), [ban])
    assert answer.allowed is None and not answer.visa_decides
    assert answer.reasons[-1] == f"unknown: {ban.words}" and answer.notes == ()
    assert [r.id for r in answer.rules] == ["schengen-entry-ru-visa", "id-penalty-overstay"]


def test_a_ban_of_unknown_length_leaves_a_refusal_a_refusal(tmp_path: Path) -> None:
    # the passport ended before the day: no, whether the ban still runs or not
    on = dt.date(2026, 3, 1)
    [ban] = overstay_bans(tmp_path, "ID,2025-01-01,2025-05-01", "RU", on)
    refused = check_entry(PACK, citizenship="RU", document="international_passport", to="ID",
                          on=on, document_expires=dt.date(2026, 2, 28))
    assert refused.allowed is False
    assert with_bans(refused, [ban]).allowed is False


# ---- the passport's validity beyond the day of leaving ----------------------------------------

@pytest.mark.parametrize(("expires", "allowed", "said"), [
    # 3 months beyond the day of leaving: a passport ending on 1 September fits a stay of
    # 1 June alone, one ending on 31 August fits none
    (dt.date(2024, 9, 1), True, "so a stay on it can last until 1 June 2024 at the latest"),
    (dt.date(2024, 8, 31), False, "so a stay on it would have to end by 31 May 2024, before "
                                  "the day of entry"),
])
def test_the_last_day_a_stay_can_end_is_said_on_both_sides_of_the_day_of_entry(
        expires: dt.date, allowed: bool, said: str) -> None:
    answer = check_entry(PACK, citizenship="RU", document="international_passport",
                         to="SCHENGEN", on=DAY, visa=True, document_expires=expires)
    assert answer.allowed is allowed
    assert answer.reasons[-1] == (
        "the Schengen area wants an international passport valid 3 months beyond the day you "
        f"leave (schengen-entry-ru-visa); yours ends on {expires.day} "
        f"{expires.strftime('%B')} 2024, {said}")


# ---- another state's visa the host counts (an entry document's visas_of) -------------------

CY_WORDS = "Cyprus, a member state of the Schengen area, Bulgaria, Croatia or Romania"


def cy_visa_document() -> AcceptedDocument:
    [rule] = [r for r in PACK.rules if r.id == "cy-entry-ru-by-visa"]
    return rule.documents[0]


def test_cyprus_counts_a_schengen_visa_in_entry_text_and_json() -> None:
    # Decision No 565/2014/EU: a Russian with a Schengen visa was told to get a Cypriot one
    args = ["entry", "--citizenship", "RU", "--document", "international_passport", "--to",
            "CY", "--on", "2022-10-01"]
    text = runner.invoke(app, args).stdout
    assert f"only with a visa issued by {CY_WORDS} (cy-entry-ru-by-visa)" in text
    issued_by = json.loads(runner.invoke(app, [*args, "--json"]).stdout)["visa"]["issued_by"]
    assert {"CY", "DE", "BG", "HR", "RO"} <= set(issued_by)
    # Croatia's own visas count until it joined the zone, then as the zone's
    assert "HR" in visa_issuers(PACK, "CY", dt.date(2022, 12, 31), cy_visa_document())
    assert "GB" not in issued_by


@pytest.mark.parametrize(("visa", "allowed", "visa_from"), [
    ("{type: visa, country: DE, expires: 2024-12-31}", True, "DE"),
    ("{type: visa, country: BG, issued: 2023-06-01, expires: 2024-12-31}", True, "BG"),
    ("{type: visa, country: GB, expires: 2024-12-31}", False, None),
])
def test_destinations_and_report_let_a_schengen_visa_holder_into_cyprus(
        tmp_path: Path, visa: str, allowed: bool, visa_from: str | None) -> None:
    path = str(profile(tmp_path, visa))
    rows = {d["host"]: d for d in json.loads(runner.invoke(
        app, ["destinations", path, "--on", "2024-06-01", "--json"]).stdout)["destinations"]}
    assert rows["CY"]["allowed"] is allowed and rows["CY"]["visa_from"] == visa_from
    table = runner.invoke(app, ["destinations", path, "--on", "2024-06-01"]).stdout
    [cy] = [x.split() for x in table.splitlines() if x.startswith("  CY  ")]
    assert cy[1] == ("yes" if allowed else "no")
    report = runner.invoke(app, ["report", path, "--on", "2024-06-01"]).stdout
    if allowed:
        assert f"Cyprus (CY) with international passport and visa ({visa_from})" in report
    else:
        # Bulgaria's, Croatia's and Romania's own visas are Schengen visas by then
        assert ("  not Cyprus (CY): it admits your international passport only with a visa "
                "issued by Cyprus or a member state of the Schengen area, and you hold none "
                "valid (cy-entry-ru-by-visa)") in report.splitlines()


@pytest.mark.parametrize(("document", "field", "message"), [
    ("visas_of: [{issuer: DE}]", "visas_of", "is given for a document that needs no visa"),
    ("visa_required: true\n        visas_of: [{issuer: XANADU}]", "issuer",
     "is neither a country code nor a zone of the pack"),
    ("visa_required: true\n        visas_of: [{issuer: DE, valid_from: 2024-01-02, "
     "valid_to: 2024-01-01}]", "visas_of", "is before valid_from"),
])
def test_rules_validate_refuses_another_issuer_it_cannot_read(
        tmp_path: Path, document: str, field: str, message: str) -> None:
    with pytest.raises(RulePackError) as info:
        load_pack(visa_pack(tmp_path, document))
    [problem] = info.value.problems
    assert problem.field is not None and field in problem.field
    assert message in problem.message and problem.expected


def test_a_host_counts_another_issuers_visa_only_on_the_days_it_names(tmp_path: Path) -> None:
    pack = load_pack(visa_pack(tmp_path, "visa_required: true\n        visas_of: "
                                         "[{issuer: DE, valid_to: 2024-05-31}]"))
    def held(on: dt.date) -> bool | None:
        visa = "DE" in visa_issuers(pack, "TR", on, pack.rules[0].documents[0])
        return check_entry(pack, citizenship="RU", document="international_passport", to="TR",
                           on=on, visa=visa).allowed

    assert held(dt.date(2024, 5, 31)) is True and held(dt.date(2024, 6, 1)) is False
