"""Every rule an answer rests on is among its "Rules relied on" (h106): the criminal-code
entries `risk` names in its reasons, and the rule a document's end by age comes from."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()

# a Russian in Serbia, charged at home under Art. 207.3 part 1 and listed by Interpol
CHARGED = """\
version: 1
person:
  citizenships: [RU]
  born: 1992-07-07
  documents:
    - {type: international_passport, country: RU, issued: 2020-02-02, expires: 2030-02-01}
trips:
  - {country: RS, entry: 2022-11-20, by: air}
charges:
  - {country: RU, article: "207.3", part: 1, wanted: interpol, committed_on: 2022-03-15}
"""
# the criminal-code entries the reasons name: the offence's version of the day of the act, the
# gravity scale its band comes from, the limitation periods, Interpol's record of Russia
CODE_ENTRIES = ["ru-cc-207.3-1", "ru-cc-art-15", "ru-cc-art-78", "interpol-ru"]


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def charged(tmp_path: Path) -> str:
    path = tmp_path / "charged.yaml"
    path.write_text(CHARGED, encoding="utf-8")
    return str(path)


def relied_on(text: str) -> list[str]:
    """The lines of the "Rules relied on:" block."""
    block = text.split("Rules relied on:\n", 1)[1]
    return block.split("\nThis explains", 1)[0].splitlines()


def test_risk_lists_the_criminal_code_entries_its_reasons_name(tmp_path: Path) -> None:
    # the reasons said "at most 3 years ... (ru-cc-207.3-1)", "limitation ... (ru-cc-art-78)"
    # and "(interpol-ru, medium confidence)", but "Rules relied on" listed the Serbian policy
    # alone: the answer gave no source for the maximum, the band or the limitation period
    text = run("risk", charged(tmp_path), "--country", "RS", "--on", "2026-01-10")
    block = relied_on(text)
    heads = [line.split(":")[0].strip() for line in block if line.startswith("  ")
             and not line.startswith("   ")]
    assert heads == ["rs-extradition-2025", *CODE_ENTRIES]
    offence = block.index(next(ln for ln in block if ln.startswith("  ru-cc-207.3-1: ")))
    assert block[offence + 1] == ("    in force from 4 March 2022 to 17 March 2023; confidence "
                                  "medium; at most 3 years")
    assert block[offence + 3].startswith("      source: Duma approves Criminal Code amendments")
    limitation = block.index("  ru-cc-art-78: Criminal Code of the Russian Federation, Art. 78 "
                             "— limitation periods")
    assert block[limitation + 1].startswith("    confidence high; small: 2 years; ")
    assert block[limitation + 2].startswith("      source: Criminal Code of Russia, Art. 78")


def test_risk_json_gives_the_entries_as_rules_show_does(tmp_path: Path) -> None:
    data = json.loads(run("risk", charged(tmp_path), "--country", "RS", "--on", "2026-01-10",
                          "--json"))
    assert [r["id"] for r in data["rules"]] == ["rs-extradition-2025"]  # as before
    entries = data["code_entries"]
    assert [(e["kind"], e["id"]) for e in entries] == [
        ("offence", "ru-cc-207.3-1"), ("gravity", "ru-cc-art-15"),
        ("limitation", "ru-cc-art-78"), ("listing", "interpol-ru")]
    shown = json.loads(run("rules", "show", "ru-cc-art-78", "--json"))
    assert entries[2] == {k: v for k, v in shown.items() if k != "schema_version"}
    assert entries[0]["valid_from"] == "2022-03-04" and entries[0]["confidence"] == "medium"
    assert entries[0]["sources"][0]["date"] == "2022-03-04"


def test_a_listing_s_facts_are_those_known_on_the_day(tmp_path: Path) -> None:
    # on 1 December 2022 the reason tells Interpol's record up to its supervision of March 2022:
    # the refusal reported in December is no source of that answer
    path = charged(tmp_path)
    data = json.loads(run("risk", path, "--country", "RS", "--on", "2022-12-01", "--json"))
    listing = next(e for e in data["code_entries"] if e["id"] == "interpol-ru")
    assert [f["on"] for f in listing["facts"]] == ["1956-06-13", "2022-03-10"]
    text = run("risk", path, "--country", "RS", "--on", "2022-12-01")
    listed = "\n".join(relied_on(text))
    assert "    10 March 2022: Interpol put Russia's bureau" in listed
    assert "5 December 2022: Interpol was reported" not in listed


def test_a_charge_the_pack_does_not_hold_names_no_entry(tmp_path: Path) -> None:
    # an article the pack has no offence for: no maximum, band or period is told, and none
    # listed; Interpol's record is still told, and listed
    path = tmp_path / "other.yaml"
    path.write_text(CHARGED.replace('"207.3", part: 1', '"999"'), encoding="utf-8")
    data = json.loads(run("risk", str(path), "--country", "RS", "--on", "2026-01-10", "--json"))
    assert [e["id"] for e in data["code_entries"]] == ["interpol-ru"]


def test_report_lists_the_exposure_s_entries_with_the_other_rules(tmp_path: Path) -> None:
    text = run("report", charged(tmp_path), "--on", "2026-01-10")
    block = text.split("Rules relied on:\n", 1)[1].splitlines()
    for entry in CODE_ENTRIES:
        assert any(line.startswith(f"  {entry}: ") for line in block), entry
    data = json.loads(run("report", charged(tmp_path), "--on", "2026-01-10", "--format",
                          "json"))
    assert [e["id"] for e in data["risk"]["code_entries"]] == CODE_ENTRIES
