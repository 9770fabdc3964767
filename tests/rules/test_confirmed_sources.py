"""Rules of the main hosts that a source of 2025 or later confirms as still holding: on a day
within a year of that source, an answer that relies on them says nothing of their age (the
freshness note), where the older sources alone would have it call them out of date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app


@pytest.mark.parametrize(("host", "entry", "on", "rule"), [
    # Interfax of 4 December 2025: Russians still stay a year without a visa
    ("GE", "2026-10-01", "2026-11-30", "ge-stay-one-year-per-entry"),
    # East Kazakhstan police, 13 August 2025: the host still notifies within 3 working days
    ("KZ", "2026-06-01", "2026-06-30", "kz-registration-host-notice"),
    # Uzbekistan's foreign ministry via Izvestia, 12 September 2025: register after two weeks
    ("UZ", "2026-08-20", "2026-09-01", "uz-registration-ru-15-days"),
    # the Bangkok Post, as reported on 12 February 2026: the 60 days still hold, a cut planned
    # (approved on 19 May 2026, so the pack knows them to 3 June 2026 only)
    ("TH", "2026-05-01", "2026-05-30", "th-stay-ru-60-2024"),
])
def test_a_rule_confirmed_by_a_recent_source_is_not_called_out_of_date(
        tmp_path: Path, host: str, entry: str, on: str, rule: str) -> None:
    history = tmp_path / "h.csv"
    history.write_text(f"country,entry,exit\n{host},{entry},\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["status", str(history), "--country", host,
                                      "--citizenship", "RU", "--on", on, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


@pytest.mark.parametrize(("host", "on", "rule"), [
    # Russia's interior ministry (October 2025) and reports of 19 January 2026: from 14 a
    # Russian still enters Kazakhstan and Kyrgyzstan on the internal passport
    ("KZ", "2026-11-30", "kz-entry-passports"),
    ("KG", "2026-11-30", "kg-entry-internal-passport"),
    # an economist quoted by TASS, 25 October 2025: Armenia too (the rule had no dated source)
    ("AM", "2026-10-25", "am-entry-internal-passport"),
])
def test_the_internal_passport_rules_are_confirmed_by_recent_reports(
        host: str, on: str, rule: str) -> None:
    result = CliRunner().invoke(app, ["entry", "--citizenship", "RU", "--document",
                                      "internal_passport", "--to", host, "--on", on,
                                      "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["allowed"] is True
    assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


@pytest.mark.parametrize(("host", "rule"), [("KZ", "kz-entry-child-foreign-passport-2026"),
                                           ("KG", "kg-entry-child-foreign-passport-2026")])
def test_the_childrens_foreign_passport_rules_cite_the_reports_of_their_eve(
        host: str, rule: str) -> None:
    # Abkhazia-Inform, 19 January 2026: the birth certificate no longer serves from the 20th
    result = CliRunner().invoke(app, ["entry", "--citizenship", "RU", "--document",
                                      "birth_certificate", "--age", "10", "--to", host,
                                      "--on", "2026-11-30", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["allowed"] is False
    assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


def test_kazakhstans_article_172_is_confirmed_by_the_security_committee_in_2026() -> None:
    # BAQ.KZ, 26 February 2026: the national security committee names Art. 172 and its 5 to 9
    # years for citizens who fight abroad; the rule's other sources are undated
    history = Path(__file__).resolve().parents[2] / "examples" / "history.csv"
    result = CliRunner().invoke(app, ["risk", str(history), "--citizenship", "KZ",
                                      "--country", "UZ", "--on", "2027-02-26", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    rule = "kz-liability-art-172"
    assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


def test_georgias_overstay_fines_are_confirmed_by_sputnik_in_december_2025(
        tmp_path: Path) -> None:
    # Sputnik Georgia, 13 December 2025: the fines of 1 October 2025 still given as in force;
    # a stay begun on 1 November 2025 is over its year by 1 December 2026
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nGE,2025-11-01,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["status", str(history), "--country", "GE",
                                      "--citizenship", "RU", "--on", "2026-12-01", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    rule = "ge-penalty-overstay-2025"
    assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


@pytest.mark.parametrize(("citizenship", "entry", "on", "rule"), [
    # Thailand's foreign ministry via RIA Novosti, 12 February 2026: no cut of the 93
    # countries' 60 days decided yet (the pack knows them to 3 June 2026 only)
    ("KZ", "2026-05-01", "2026-05-30", "th-stay-kz-ua-60-2024"),
    ("UA", "2026-05-01", "2026-05-30", "th-stay-kz-ua-60-2024"),
])
def test_thailands_60_days_for_kazakhs_and_ukrainians_are_confirmed_in_2026(
        tmp_path: Path, citizenship: str, entry: str, on: str, rule: str) -> None:
    history = tmp_path / "h.csv"
    history.write_text(f"country,entry,exit\nTH,{entry},\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["status", str(history), "--country", "TH",
                                      "--citizenship", citizenship, "--on", on, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


def test_georgias_residence_permit_is_confirmed_by_the_agency_in_february_2026(
        tmp_path: Path) -> None:
    # Kvira News, 23 February 2026: the Public Service Development Agency on the procedure;
    # the rule's sources were all undated before
    history = tmp_path / "ge.yaml"
    history.write_text("person: {citizenships: [RU]}\ntrips: [{country: GE, entry: 2026-05-01}]\n",
                       encoding="utf-8")
    result = CliRunner().invoke(app, ["permit", str(history), "--country", "GE", "--permit",
                                      "ge-permit-residence", "--on", "2026-12-01", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    rule = "ge-permit-residence"
    assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


def test_the_schengen_visa_for_russians_is_confirmed_by_the_travel_industry_in_2026() -> None:
    # the Russian Union of Travel Industry, 27 January 2026: Russians got (mostly single-entry)
    # Schengen visas through 2025; the rule's newest source before was of 7 November 2025
    result = CliRunner().invoke(app, ["entry", "--citizenship", "RU", "--document",
                                      "international_passport", "--to", "SCHENGEN", "--visa",
                                      "--on", "2026-12-01", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    rule = "schengen-entry-ru-visa"
    assert out["allowed"] is True
    assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


@pytest.mark.parametrize(("on", "rule"), [
    # Izvestia via TRN News, 16 July 2024 (Russia on the 60-day list): the rule before the
    # arrival card is no longer called out of date on its last day, as its 2016 source had it
    ("2025-04-30", "th-entry-ru-foreign-passport"),
    # Russia's foreign ministry to RIA Novosti, 7 March 2026: the 2005 agreement's visa-free
    # entry holds; ARY News, 3 August 2025: the arrival card is still required
    ("2026-11-30", "th-entry-ru-foreign-passport-tdac"),
])
def test_thailands_entry_rules_for_russians_are_confirmed_within_a_year(
        on: str, rule: str) -> None:
    result = CliRunner().invoke(app, ["entry", "--citizenship", "RU", "--document",
                                      "international_passport", "--to", "TH", "--on", on,
                                      "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["allowed"] is True
    assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


def test_vietnams_host_declaration_is_confirmed_by_the_police_in_2026(tmp_path: Path) -> None:
    # Tay Ninh's provincial police via Kenh14, 9 January 2026: the hotel or host still declares
    # a foreign guest; the rule's other sources are undated
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nVN,2026-11-01,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["status", str(history), "--country", "VN",
                                      "--citizenship", "RU", "--on", "2026-11-30", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    rule = "vn-registration-host-12-hours"
    assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


def test_thailands_extension_is_confirmed_by_the_tourism_ministry_in_2026(
        tmp_path: Path) -> None:
    # Kommersant after the Bangkok Post, 12 February 2026: a longer stay by an extension, as usual
    history = tmp_path / "h.csv"
    history.write_text("country,entry,exit\nTH,2026-11-01,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["permit", str(history), "--country", "TH",
                                      "--citizenship", "RU", "--permit",
                                      "th-permit-extension-ru-2024", "--on", "2026-11-30",
                                      "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert "th-permit-extension-ru-2024" not in [r["rule"] for r in out["freshness"]["rules"]]
