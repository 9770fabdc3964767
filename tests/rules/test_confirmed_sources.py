"""Rules of the main hosts that a source of 2025 or later confirms as still holding: on a day
within a year of that source, an answer that relies on them says nothing of their age (the
freshness note), where the older sources alone would have it call them out of date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sojourn.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def answer(*args: str) -> dict[str, Any]:
    """The JSON answer of a command that exits 0."""
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def assert_current(out: dict[str, Any], rule: str, *, relied_on: bool = True) -> None:
    """The answer relies on ``rule`` (where ``relied_on``) and does not call it out of date."""
    if relied_on:
        assert rule in [r["id"] for r in out["rules"]]
    assert rule not in [r["rule"] for r in out["freshness"]["rules"]]


def stay_in(tmp_path: Path, host: str, entry: str) -> str:
    """A CSV history with one stay in ``host`` from ``entry``, still under way."""
    history = tmp_path / "h.csv"
    history.write_text(f"country,entry,exit\n{host},{entry},\n", encoding="utf-8")
    return str(history)


@pytest.mark.parametrize(("host", "citizenship", "entry", "on", "rule"), [
    # Interfax of 4 December 2025: Russians still stay a year without a visa
    ("GE", "RU", "2026-10-01", "2026-11-30", "ge-stay-one-year-per-entry"),
    # East Kazakhstan police, 13 August 2025: the host still notifies within 3 working days
    ("KZ", "RU", "2026-06-01", "2026-06-30", "kz-registration-host-notice"),
    # Uzbekistan's foreign ministry via Izvestia, 12 September 2025: register after two weeks
    ("UZ", "RU", "2026-08-20", "2026-09-01", "uz-registration-ru-15-days"),
    # the Bangkok Post, as reported on 12 February 2026: the 60 days still hold, a cut planned
    # (approved on 19 May 2026, so the pack knows them to 3 June 2026 only)
    ("TH", "RU", "2026-05-01", "2026-05-30", "th-stay-ru-60-2024"),
    # Thailand's foreign ministry via RIA Novosti, 12 February 2026: no cut of the 93
    # countries' 60 days decided yet (the pack knows them to 3 June 2026 only)
    ("TH", "KZ", "2026-05-01", "2026-05-30", "th-stay-kz-ua-60-2024"),
    ("TH", "UA", "2026-05-01", "2026-05-30", "th-stay-kz-ua-60-2024"),
    # Sputnik Georgia, 13 December 2025: the fines of 1 October 2025 still given as in force;
    # a stay begun on 1 November 2025 is over its year by 1 December 2026
    ("GE", "RU", "2025-11-01", "2026-12-01", "ge-penalty-overstay-2025"),
    # Tay Ninh's provincial police via Kenh14, 9 January 2026: the hotel or host still
    # declares a foreign guest; the rule's other sources are undated
    ("VN", "RU", "2026-11-01", "2026-11-30", "vn-registration-host-12-hours"),
])
def test_a_stay_rule_confirmed_by_a_recent_source_is_not_called_out_of_date(
        tmp_path: Path, host: str, citizenship: str, entry: str, on: str, rule: str) -> None:
    assert_current(answer("status", stay_in(tmp_path, host, entry), "--country", host,
                          "--citizenship", citizenship, "--on", on), rule)


@pytest.mark.parametrize(("document", "host", "on", "rule", "allowed", "more"), [
    # Russia's interior ministry (October 2025) and reports of 19 January 2026: from 14 a
    # Russian still enters Kazakhstan and Kyrgyzstan on the internal passport
    ("internal_passport", "KZ", "2026-11-30", "kz-entry-passports", True, ()),
    ("internal_passport", "KG", "2026-11-30", "kg-entry-internal-passport", True, ()),
    # an economist quoted by TASS, 25 October 2025: Armenia too (the rule had no dated source)
    ("internal_passport", "AM", "2026-10-25", "am-entry-internal-passport", True, ()),
    # Abkhazia-Inform, 19 January 2026: the birth certificate no longer serves from the 20th
    ("birth_certificate", "KZ", "2026-11-30", "kz-entry-child-foreign-passport-2026", False,
     ("--age", "10")),
    ("birth_certificate", "KG", "2026-11-30", "kg-entry-child-foreign-passport-2026", False,
     ("--age", "10")),
    # the Russian Union of Travel Industry, 27 January 2026: Russians got (mostly single-entry)
    # Schengen visas through 2025; the rule's newest source before was of 7 November 2025
    ("international_passport", "SCHENGEN", "2026-12-01", "schengen-entry-ru-visa", True,
     ("--visa",)),
    # Izvestia via TRN News, 16 July 2024 (Russia on the 60-day list): the rules before the
    # arrival card are no longer called out of date on their last days, as the 2016 source
    # alone had it
    ("international_passport", "TH", "2024-07-14", "th-entry-ru-foreign-passport", True, ()),
    ("international_passport", "TH", "2025-04-30", "th-entry-ru-foreign-passport-2024", True,
     ()),
    # Russia's foreign ministry to RIA Novosti, 7 March 2026: the 2005 agreement's visa-free
    # entry holds; ARY News, 3 August 2025: the arrival card is still required
    ("international_passport", "TH", "2026-11-30", "th-entry-ru-foreign-passport-tdac", True,
     ()),
])
def test_an_entry_rule_confirmed_by_a_recent_source_is_not_called_out_of_date(
        document: str, host: str, on: str, rule: str, allowed: bool, more: tuple[str, ...]
        ) -> None:
    out = answer("entry", "--citizenship", "RU", "--document", document, "--to", host, *more,
                 "--on", on)
    assert out["allowed"] is allowed
    assert_current(out, rule)


def test_kazakhstans_article_172_is_confirmed_by_the_security_committee_in_2026() -> None:
    # BAQ.KZ, 26 February 2026: the national security committee names Art. 172 and its 5 to 9
    # years for citizens who fight abroad; the rule's other sources are undated
    assert_current(answer("risk", str(EXAMPLES / "history.csv"), "--citizenship", "KZ",
                          "--country", "UZ", "--on", "2027-02-26"), "kz-liability-art-172")


def test_georgias_residence_permit_is_confirmed_by_the_agency_in_february_2026(
        tmp_path: Path) -> None:
    # Kvira News, 23 February 2026: the Public Service Development Agency on the procedure;
    # the rule's sources were all undated before
    history = tmp_path / "ge.yaml"
    history.write_text("person: {citizenships: [RU]}\ntrips: [{country: GE, entry: 2026-05-01}]\n",
                       encoding="utf-8")
    assert_current(answer("permit", str(history), "--country", "GE", "--permit",
                          "ge-permit-residence", "--on", "2026-12-01"), "ge-permit-residence")


def test_thailands_extension_is_confirmed_by_the_tourism_ministry_in_2026(
        tmp_path: Path) -> None:
    # Kommersant after the Bangkok Post, 12 February 2026: a longer stay by an extension, as usual
    out = answer("permit", stay_in(tmp_path, "TH", "2026-11-01"), "--country", "TH",
                 "--citizenship", "RU", "--permit", "th-permit-extension-2024",
                 "--on", "2026-11-30")
    assert_current(out, "th-permit-extension-2024", relied_on=False)
