"""What entry needs besides the document (an entry rule's ``also_needs``): Israel's ETA-IL
before travel from 1 January 2025, Indonesia's visa issued on arrival, said by `entry`, its
JSON, `destinations`, `report` and `rules show`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.rules.topics import Fee
from test_entry_visa import VISA_HOST

runner = CliRunner()

ETA = ("an ETA-IL electronic travel authorisation applied for before you travel (ILS 25)")
VOA = "a visa issued on arrival (IDR 500,000)"
TDAC = "a Thailand Digital Arrival Card (TDAC) applied for before you travel"

# a pack of one host that admits Russians only with its own visa and, besides, an
# authorisation got before travel: no rule of the built-in pack asks for both
VISA_AND_AUTHORISATION = VISA_HOST.format(
    document="visa_required: true\n        also_needs: [{what: arrival card, when: before_travel}]")


def entry(*args: str) -> str:
    result = runner.invoke(app, ["entry", "--citizenship", "RU", "--document",
                                 "international_passport", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def profile(tmp_path: Path) -> str:
    """A Russian in Kazakhstan since 1 May 2025 holding a foreign passport."""
    path = tmp_path / "p.yaml"
    path.write_text("person:\n  citizenships: [RU]\n  documents:\n"
                    "    - {type: international_passport, country: RU}\n"
                    "trips: [{country: KZ, entry: 2025-05-01}]\n", encoding="utf-8")
    return str(path)


def test_entry_to_israel_from_2025_says_the_eta_il_in_its_answer() -> None:
    before = entry("--to", "IL", "--on", "2024-12-31").splitlines()
    after = entry("--to", "IL", "--on", "2025-01-01").splitlines()
    assert before[0].startswith("Yes: entering Israel on 31 December 2024")
    assert "ETA-IL" not in "\n".join(before)
    assert after[0].startswith(f"Yes, with {ETA}: entering Israel on 1 January 2025")
    assert (f"  - Israel also wants {ETA} (il-entry-ru-foreign-passport-eta): online, on the "
            "Population and Immigration Authority's site") in "\n".join(after)


def test_entry_to_indonesia_says_the_visa_on_arrival_and_its_fee() -> None:
    lines = entry("--to", "ID", "--on", "2023-03-01").splitlines()
    assert lines[0].startswith(f"Yes, with {VOA}: entering Indonesia")
    assert f"  - Indonesia also wants {VOA} (id-entry-voa-2022)" in "\n".join(lines)


def test_a_refused_entry_names_nothing_more_to_get() -> None:
    # a passport too short is refused: "also wants an ETA-IL" beside it would read as a way in
    text = entry("--to", "IL", "--on", "2025-08-31", "--document-expires", "2026-02-27")
    assert text.startswith("No: ")
    assert not [line for line in text.splitlines() if " also wants " in line]


def test_entry_json_lists_what_else_entry_needs() -> None:
    data = json.loads(entry("--to", "IL", "--on", "2025-01-01", "--json"))
    assert data["also_needs"] == [
        {"what": "ETA-IL electronic travel authorisation", "when": "before_travel",
         "fee": {"currency": "ILS", "amount": 25}, "note": data["also_needs"][0]["note"],
         "rule": "il-entry-ru-foreign-passport-eta"}]
    assert json.loads(entry("--to", "IL", "--on", "2024-12-31", "--json"))["also_needs"] == []


def test_a_visa_and_an_authorisation_are_both_in_the_answer(tmp_path: Path) -> None:
    (tmp_path / "tr.yaml").write_text(VISA_AND_AUTHORISATION, encoding="utf-8")
    text = entry("--to", "TR", "--on", "2024-06-01", "--pack", str(tmp_path))
    assert text.startswith("Yes with a visa issued by Türkiye and an arrival card applied for "
                           "before you travel; without one, no: ")


def test_destinations_mark_the_hosts_that_want_more_and_say_what(tmp_path: Path) -> None:
    result = runner.invoke(app, ["destinations", profile(tmp_path), "--on", "2025-06-01"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()[2:]
            if line.startswith("  ") and line.split()[0].isupper()}
    assert (rows["IL"], rows["ID"], rows["TH"], rows["GE"]) == ("yes+", "yes+", "yes+", "yes")
    assert (f"  + entry needs more than the document: ID {VOA}; IL {ETA}; TH {TDAC}; "
            "`sojourn entry` gives the rule.") in result.stdout
    data = runner.invoke(app, ["destinations", profile(tmp_path), "--on", "2025-06-01",
                               "--json"]).stdout
    by_host = {d["host"]: d for d in json.loads(data)["destinations"]}
    assert [n["rule"] for n in by_host["IL"]["also_needs"]] == [
        "il-entry-ru-foreign-passport-eta"]
    assert by_host["GE"]["also_needs"] == []


def test_report_says_what_else_each_other_destination_needs(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", profile(tmp_path), "--on", "2025-06-01"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    israel = next(line for line in lines if line.startswith("  Israel (IL)"))
    georgia = next(line for line in lines if line.startswith("  Georgia (GE)"))
    assert israel.startswith(f"  Israel (IL) with international passport and {ETA}: ")
    assert georgia.startswith("  Georgia (GE) with international passport: ")


def test_rules_show_says_what_the_document_is_accepted_with() -> None:
    result = runner.invoke(app, ["rules", "show", "id-entry-voa-2022"])
    assert result.exit_code == 0, result.output
    assert f"; an international passport accepted with {VOA}" in result.stdout


def test_a_fee_reads_as_the_source_gives_it() -> None:
    assert [str(Fee(currency=c, amount=a)) for c, a in (("IDR", 500000), ("USD", 12.5))] == [
        "IDR 500,000", "USD 12.50"]
