"""Rules of the built-in pack checked against the researched facts
(/work/shared/facts/rules_facts.md), one test per corrected fact: each pins what the fact says,
through the answer a person gets, not through the YAML that encodes it."""

from __future__ import annotations

from pathlib import Path

from sojourn.rules.loader import load_pack

from cli_lines import run


def _russian_in_mongolia(tmp_path: Path) -> str:
    """A Russian with a foreign passport who enters Mongolia on 1 November 2022."""
    path = tmp_path / "mn.yaml"
    path.write_text(
        "person:\n  citizenships: [RU]\n  documents:\n"
        "    - {type: international_passport, country: RU, expires: 2030-01-31}\n"
        "trips:\n"
        "  - {country: RU, entry: 2022-06-01, exit: 2022-11-01}\n"
        "  - {country: MN, entry: 2022-11-01}\n", encoding="utf-8")
    return str(path)


def test_mongolia_offers_one_30_day_extension_of_the_30_visa_free_days(tmp_path: Path) -> None:
    """MN-2: Russians stay 30 days without a visa and may have the stay extended once by 30
    days (the Immigration Agency, about 30 September 2022). A 45-day stay is too long for the
    30 days, and the answer names the extension that covers it, to be asked for by the 30th
    day."""
    lines = run("plan", _russian_in_mongolia(tmp_path), "--country", "MN", "--length", "45",
                "--from", "2022-11-01")
    assert lines[1].startswith("No stay of 45 days is possible"), lines
    offer = [line for line in lines if "extension of stay could add" in line]
    assert len(offer) == 1, lines
    assert "could add up to 30 days" in offer[0]
    assert "(Mongolia)" in offer[0]
    assert "to file by 30 November 2022" in offer[0]


def test_no_note_says_the_pack_cannot_hold_a_fine() -> None:
    """AM-S2 (Armenia's Art. 201 fines by offence and length over) and KZ-R5 (Kazakhstan's
    Art. 394(1), a warning or 10 to 20 MCI): the pack holds fines as penalty rules (topic
    penalty), and Armenia's are one (am-penalty-overstay). A note saying the pack has no field
    for fines tells a reader of `rules show` that the fact is nowhere in the answers, when it
    is there, or is left out for another reason (Kazakhstan's article lapsed with its Code)."""
    stale = [rule.id for rule in load_pack().rules
             if "no field for fines" in " ".join((rule.note or "").split())]
    assert stale == []
