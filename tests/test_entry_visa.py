"""Entry only with a visa: the rule side (visa_required on an accepted document), the person
side (a profile's visa documents), and the answers of entry, destinations and report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.destinations import destinations
from sojourn.entry import check_entry, visa_issuers
from sojourn.errors import InputError, RulePackError
from sojourn.history import load_history
from sojourn.rules.loader import load_pack

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
    assert "(SCHENGEN)" not in runner.invoke(app, ["report", bare, "--on", "2024-06-01"]).stdout
