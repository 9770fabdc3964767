"""What an overstay's penalty and entry ban mean at the edges the answers turn on, found by
mutation testing penalties.py (README, "Tests"): which bans bar entry whatever the person did,
the days a ban the pack cannot tell may run on, and how the answers word a stay's registration,
a single day over, a late registration and a ban of the rule's own band."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sojourn.penalties import bar_groups
from sojourn.rules.loader import load_pack
from sojourn.rules.select import select
from sojourn.rules.topics import PenaltyBand

from cli_lines import printed as run

PACK = load_pack()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def bands(host: str, citizenship: str, rule_id: str) -> list[PenaltyBand]:
    rules, _ = select(PACK, host, citizenship, (), topics=("penalty",))
    [rule] = [r for r in rules if r.id == rule_id]
    assert rule.penalty is not None
    return rule.penalty.bands


# --- which of a band's bans bar entry whatever the person did (the batch engine's groups) ---

def test_a_certain_ban_of_known_length_on_no_condition_bars_on_its_own() -> None:
    # Thailand: over five years over, 10 years' ban, certain
    last = bands("TH", "RU", "th-penalty-overstay")[-1]
    assert [[b.years for b in group] for group in bar_groups(last)] == [[10]]


def test_a_band_whose_every_case_is_a_certain_ban_bars_until_the_shortest_ends() -> None:
    # Türkiye, 13 to 24 months over: 1 year if the fine is paid on leaving, 2 if not; either
    # way entry is barred for at least the year, so the cases bar together, neither alone
    [band] = [b for b in bands("TR", "RU", "tr-penalty-overstay-entry-bans")
              if b.over_from == 13]
    assert [[b.years for b in group] for group in bar_groups(band)] == [[1, 2]]


def test_a_band_one_case_of_which_brings_no_ban_bars_nothing() -> None:
    # Türkiye, up to 3 months over: none if the fine is paid on leaving, 3 months if not
    first = bands("TR", "RU", "tr-penalty-overstay-entry-bans")[0]
    assert bar_groups(first) == ()


def test_a_possible_ban_or_one_of_unknown_length_bars_nothing() -> None:
    # Georgia: a possible ban of up to 6 months; Indonesia: a ban of unknown length
    possible = [b for b in bands("GE", "RU", "ge-penalty-overstay-2025") if b.bans]
    unknown = [b for b in bands("ID", "RU", "id-penalty-overstay") if b.bans]
    assert possible and unknown
    assert all(bar_groups(b) == () for b in possible + unknown)


def test_a_band_for_an_unregistered_stay_alone_bars_nothing_whatever_the_person_did() -> None:
    # Kyrgyzstan's 90 days for Kazakh citizens: registering spares it
    [band] = bands("KG", "KZ", "kg-penalty-overstay-kz-2025")
    assert band.bans and bar_groups(band) == ()


# --- a ban the pack cannot tell, and the days an entry is warned of it ----------------------

# a Kazakh citizen in Kyrgyzstan from 1 September to 31 December 2025, 32 days over the 90 in
# any 180; KG_KZ_LATE records a registration made on 5 December, after the first day over,
# so whether the ban for an unregistered stay (the next entry refused for 90 days, 31
# December to 30 March 2026) holds is not known
KG_KZ = ("person: {citizenships: [KZ]}\n"
         "trips: [{country: KG, entry: 2025-09-01, exit: 2025-12-31}]\n")
KG_KZ_LATE = KG_KZ + "registrations: [{country: KG, on: 2025-12-05}]\n"
MAY_BAR = "your history's overstay there may bar this entry: the pack cannot tell whether"


def entry_notes(history: str, to: str, on: str, citizenship: str, document: str) -> list[str]:
    data: dict[str, Any] = json.loads(run(
        "entry", "--citizenship", citizenship, "--document", document, "--to", to,
        "--on", on, "--history", history, "--json"))
    notes: list[str] = data["notes"]
    return notes


@pytest.mark.parametrize(("on", "warned"), [
    ("2025-12-30", False),  # still there: no ban runs before the person leaves
    ("2025-12-31", True),  # the day of leaving is a ban's first: back the same day, barred
    ("2026-03-30", True),  # the 90th day, the last the ban would bar
    ("2026-03-31", False)])
def test_an_entry_is_warned_of_an_untold_ban_from_the_day_of_leaving_to_its_last(
        tmp_path: Path, on: str, warned: bool) -> None:
    notes = entry_notes(write(tmp_path, "kz.yaml", KG_KZ_LATE), "KG", on, "KZ", "id_card")
    assert any(n.startswith(MAY_BAR) and "would bar entry until 30 March 2026" in n
               for n in notes) is warned, notes


def test_an_entry_is_warned_of_an_overstay_past_the_bands_read(tmp_path: Path) -> None:
    # Kazakhstan's bands stop at 5 days over; 146 over, the ban (if any) has no known end
    history = write(tmp_path, "h.csv", "country,entry,exit\nKZ,2026-04-10,2026-12-01\n"
                                       "KG,2026-12-01,\n")
    notes = entry_notes(history, "KZ", "2027-04-01", "RU", "international_passport")
    assert (f"{MAY_BAR} the overstay from 9 July to 1 December 2026 "
            "(kz-penalty-overstay-art-517 grades only up to 5 days over, and it is 146 days "
            "over) brings an entry ban") in notes, notes


def test_no_entry_is_warned_of_an_untold_ban_while_the_person_is_still_there(
        tmp_path: Path) -> None:
    # in Kazakhstan since 10 April 2026, 116 days over on 1 November and not left: a ban, were
    # there one, would begin on leaving, so it cannot bar anything yet
    history = write(tmp_path, "h.csv", "country,entry,exit\nKZ,2026-04-10,\n")
    assert entry_notes(history, "KZ", "2026-11-01", "RU", "international_passport") == []


def bans_unknown(history: str, country: str, on: str, *more: str) -> list[str]:
    data = json.loads(run("status", history, "--country", country, "--citizenship", "RU",
                          "--on", on, "--json", *more))
    return [u["why"] for u in data["entry_ban_unknown"]]


def test_a_planned_overstay_brings_no_untold_ban(tmp_path: Path) -> None:
    # a trip to Kazakhstan planned from 1 August to 1 December 2026, past its bands: on 1 June,
    # away, it is not committed, so there is no ban to be unsure of
    history = write(tmp_path, "h.csv", "country,entry,exit\nKZ,2026-08-01,2026-12-01\n")
    assert bans_unknown(history, "KZ", "2026-06-01") == []
    assert bans_unknown(history, "KZ", "2026-12-05") == ["not_graded"]


def test_leaving_as_planned_commits_the_stay_under_ways_untold_ban(tmp_path: Path) -> None:
    # in Kazakhstan from 10 April 2026 and recorded to leave on 1 December, past its bands:
    # on 1 June the overstay is ahead, but the earliest day back comes after leaving on
    # 1 December, by which it is committed, as entry_bans takes a ban leaving brings
    history = write(tmp_path, "h.csv", "country,entry,exit\nKZ,2026-04-10,2026-12-01\n")
    assert bans_unknown(history, "KZ", "2026-06-01") == ["not_graded"]
    assert bans_unknown(history, "KZ", "2026-12-05") == ["not_graded"]


def test_a_missed_registration_brings_no_untold_ban(tmp_path: Path) -> None:
    # a registration owed in Kazakhstan and not made, where the pack has no penalty rule for
    # it: not knowing what it costs is not an entry ban the pack cannot tell
    history = write(tmp_path, "kz.yaml", "person: {citizenships: [RU]}\n"
                                         "trips: [{country: KZ, entry: 2026-01-01}]\n"
                                         "registrations: []\n")
    data = json.loads(run("status", history, "--country", "KZ", "--citizenship", "RU",
                          "--on", "2026-02-20", "--json"))
    assert [p["offence"] for p in data["penalties"]] == ["late_registration"]
    assert data["entry_ban_unknown"] == []


def test_an_entry_is_warned_of_an_overstay_no_penalty_rule_judges(tmp_path: Path) -> None:
    # Kyrgyzstan has no overstay penalty rule for a Russian: left on 20 June 2026, whether a
    # ban came with it is not known, and an entry after is told so
    history = write(tmp_path, "h.csv", "country,entry,exit\nKG,2026-01-10,2026-06-20\n"
                                       "KZ,2026-06-20,\n")
    notes = entry_notes(history, "KG", "2026-07-01", "RU", "international_passport")
    assert (f"{MAY_BAR} the overstay from 10 April to 20 June 2026 (no penalty rule of the "
            "pack for it was in force on 10 April 2026, the day it began) brings an entry "
            "ban") in notes, notes


def test_an_entry_is_warned_of_an_expulsion_whose_ban_the_pack_has_no_account_of(
        tmp_path: Path) -> None:
    # Azerbaijan may expel for an overstay, and an expulsion may bring a ban the pack does
    # not hold: left on 1 August 2025, an entry after is told so
    history = write(tmp_path, "h.csv", "country,entry,exit\nAZ,2025-01-10,2025-08-01\n"
                                       "GE,2025-08-01,\n")
    notes = entry_notes(history, "AZ", "2025-08-05", "RU", "international_passport")
    assert (f"{MAY_BAR} the overstay from 10 April to 1 August 2025 (az-penalty-overstay gives "
            "a fine of 300 to 400 AZN and expulsion (possible) for it, and the pack holds no "
            "account of the entry ban that may come with it) brings an entry ban") in notes, notes


def status(history: str, country: str, citizenship: str, on: str) -> str:
    return run("status", history, "--country", country, "--citizenship", citizenship,
               "--on", on)


def test_a_ban_not_begun_is_told_without_a_last_day(tmp_path: Path) -> None:
    # still in Kyrgyzstan: the ban would begin on leaving, so no day it would bar entry to
    # (registered on 5 December, after the first day over: whether the ban holds is not known)
    history = write(tmp_path, "kz.yaml", "person: {citizenships: [KZ]}\n"
                                         "trips: [{country: KG, entry: 2025-09-01}]\n"
                                         "registrations: [{country: KG, on: 2025-12-05}]\n")
    text = status(history, "KG", "KZ", "2026-01-15")
    assert ("the pack cannot tell whether the overstay from 30 November 2025 to 15 January "
            "2026 (kg-penalty-overstay-kz-2025 gives an entry ban (the next entry refused for "
            "90 days) for a stay not registered, and a registration the history records covers "
            "only part of it) brings an entry ban.") in text, text


def test_two_overstays_whose_bans_are_not_known_are_told_as_either(tmp_path: Path) -> None:
    history = write(tmp_path, "h.csv", "country,entry,exit\nKZ,2024-01-01,2024-08-01\n"
                                       "GE,2024-08-01,2025-06-01\nKZ,2025-06-01,2026-03-01\n"
                                       "GE,2026-03-01,\n")
    text = status(history, "KZ", "RU", "2026-03-05")
    assert ("the pack cannot tell whether the overstay from 31 March to 1 August 2024 "
            "(kz-penalty-overstay-art-517 grades only up to 5 days over, and it is 124 days "
            "over) or the overstay from 30 August 2025 to 1 March 2026") in text, text


# --- the penalty line's wording -------------------------------------------------------------

@pytest.mark.parametrize(("registrations", "state"), [
    ("registrations: []\n", "the history records none for this one"),
    ("registrations: [{country: KG, on: 2025-12-05}]\n",
     "a registration the history records covers only part of the time over"),
    # left out: a profile records none made, as the deadline it calls OVERDUE reads it
    ("", "the history records none for this one")])
def test_a_band_for_an_unregistered_stay_says_what_the_history_tells_of_this_one(
        tmp_path: Path, registrations: str, state: str) -> None:
    text = status(write(tmp_path, "kz.yaml", KG_KZ + registrations), "KG", "KZ", "2026-01-15")
    assert ("Penalty for the overstay from 30 November to 31 December 2025 (32 days over): an "
            "entry ban (the next entry refused for 90 days), for a stay not registered: "
            f"{state}. By kg-penalty-overstay-kz-2025") in text, text


def test_one_day_over_and_days_late_are_worded_so(tmp_path: Path) -> None:
    # Kazakhstan: the 90 days in any 180 from 1 January 2024 end on 30 March; out on 31 March
    history = write(tmp_path, "h.csv", "country,entry,exit\nKZ,2024-01-01,2024-03-31\n")
    assert ("Penalty for the overstay on 31 March 2024 (1 day over): a warning."
            in status(history, "KZ", "RU", "2024-05-01"))
    # the Kazakh citizen above, still in Kyrgyzstan on 15 January 2026, never registered: the
    # registration owed by 1 October 2025 is 106 days late
    there = write(tmp_path, "kz.yaml", "person: {citizenships: [KZ]}\n"
                                       "trips: [{country: KG, entry: 2025-09-01}]\n")
    assert ("Penalty for the registration missed by 1 October 2025 (106 days late): a fine of "
            "10,000 KGS." in status(there, "KG", "KZ", "2026-01-15"))


def test_rules_show_counts_an_open_band_from_its_first_month(tmp_path: Path) -> None:
    text = run("rules", "show", "tr-penalty-overstay-entry-bans")
    assert "      37 months or more: an entry ban (5 years)\n" in text, text


SOURCES = [{"title": "a test's own rule", "url": "https://example.org/rule"}]
# Armenia's 30 days a stay, as a test's own pack words them, beside a penalty rule of its own
STAY = {"id": "am-stay", "title": "a stay rule", "host": "AM", "citizenships": ["*"],
        "topic": "stay", "valid_from": "2020-01-01",
        "constraints": [{"kind": "per_entry", "max": 30}], "sources": SOURCES,
        "confidence": "high"}
# in Armenia 1 January to 3 February 2024: 4 days over, left on 3 February
OVER_4_DAYS = "country,entry,exit\nAM,2024-01-01,2024-02-03\nGE,2024-02-03,\n"


def pack_of(tmp_path: Path, bands: list[dict[str, Any]], **more: Any) -> str:
    """A pack of Armenia's stay rule and a penalty rule of ``bands`` (and ``more`` of its
    fields), am-penalty-test."""
    penalty = {"id": "am-penalty-test", "title": "a test's penalty", "host": "AM",
               "citizenships": ["*"], "topic": "penalty", "valid_from": "2020-01-01",
               "penalty": {"offence": "overstay", "article": "Art. 1", "measure": "days",
                           "bands": bands, **more},
               "sources": SOURCES, "confidence": "medium"}
    root = tmp_path / "pack"
    root.mkdir()
    (root / "am.yaml").write_text(yaml.safe_dump({"schema": "sojourn.rules/1",
                                                  "rules": [STAY, penalty]}),
                                  encoding="utf-8")
    return str(root)


@pytest.fixture
def unregistered_fine_pack(tmp_path: Path) -> str:
    # a band for an unregistered stay alone that gives a fine for each day over beside the
    # ban, with a note: the built-in pack has neither
    return pack_of(tmp_path, [
        {"from": 1, "when": "unregistered",
         "fine": {"currency": "AMD", "min": 1000, "per": "day"},
         "entry_ban": "90 days", "bans": [{"days": 90}], "note": "as the test says"}])


def test_an_untold_ban_gives_the_fine_the_days_over_come_to(tmp_path: Path,
                                                            unregistered_fine_pack: str) -> None:
    history = write(tmp_path, "h.csv", OVER_4_DAYS)
    text = run("status", history, "--country", "AM", "--citizenship", "RU", "--on",
               "2024-02-10", "--pack", unregistered_fine_pack)
    assert ("am-penalty-test gives a fine of 1,000 AMD a day (4,000 AMD for 4 days) "
            "and an entry ban (90 days) for a stay not registered, which would bar entry "
            "until 2 May 2024") in text, text


def test_rules_show_gives_a_bands_note(unregistered_fine_pack: str) -> None:
    text = run("rules", "show", "am-penalty-test", "--pack", unregistered_fine_pack)
    assert ("  1 day or more: a fine of 1,000 AMD a day and an entry ban (90 days), for a stay "
            "not registered (as the test says)\n") in text, text


def test_of_two_bans_that_bar_entry_the_one_that_ends_last_decides(tmp_path: Path) -> None:
    # graded by the offence's number in a year, which a history does not tell: each grade's
    # certain ban counts, 30 days and 90: on 20 February both run, and entry is barred until
    # the 90 end, 2 May 2024, not the 30 (3 March)
    pack = pack_of(tmp_path, [
        {"offence_in_year": "first", "from": 1, "entry_ban": "30 days", "bans": [{"days": 30}]},
        {"offence_in_year": "second", "from": 1, "entry_ban": "90 days",
         "bans": [{"days": 90}]}])
    history = write(tmp_path, "h.csv", OVER_4_DAYS)
    data = json.loads(run("entry", "--citizenship", "RU", "--document",
                          "international_passport", "--to", "AM", "--on", "2024-02-20",
                          "--history", history, "--json", "--pack", pack))
    assert data["allowed"] is False and data["entry_barred_until"] == "2024-05-02", data


@pytest.mark.parametrize(("born", "unknown"), [
    ("2006-02-03", ["not_graded"]),  # 18 on the day of leaving, 3 February 2024
    ("2006-02-04", [])])  # 17 on leaving: the bans spare them
def test_an_untold_ban_spares_one_who_left_younger_than_the_rules_age(
        tmp_path: Path, born: str, unknown: list[str]) -> None:
    # bands to 2 days over alone, and bans only from 18: 4 days over is past the bands, which
    # could bring a ban only to one who left at 18 or older
    pack = pack_of(tmp_path, [{"from": 1, "to": 2, "fine": {"currency": "AMD", "min": 1000}}],
                   bans_from_age=18)
    history = write(tmp_path, "p.yaml", f"person: {{citizenships: [RU], born: {born}}}\n"
                    "trips: [{country: AM, entry: 2024-01-01, exit: 2024-02-03}, "
                    "{country: GE, entry: 2024-02-03}]\n")
    assert bans_unknown(history, "AM", "2024-02-10", "--pack", pack) == unknown


def test_an_overstay_spared_by_age_leaves_a_later_one_untold(tmp_path: Path) -> None:
    # the same rule; 4 days over at 17 (spared), then 4 days over a year later, at 18
    pack = pack_of(tmp_path, [{"from": 1, "to": 2, "fine": {"currency": "AMD", "min": 1000}}],
                   bans_from_age=18)
    history = write(tmp_path, "p.yaml", "person: {citizenships: [RU], born: 2006-02-04}\n"
                    "trips: [{country: AM, entry: 2024-01-01, exit: 2024-02-03}, "
                    "{country: GE, entry: 2024-02-03, exit: 2025-01-01}, "
                    "{country: AM, entry: 2025-01-01, exit: 2025-02-03}, "
                    "{country: GE, entry: 2025-02-03}]\n")
    data = json.loads(run("status", history, "--country", "AM", "--citizenship", "RU",
                          "--on", "2025-02-10", "--json", "--pack", pack))
    assert [(u["why"], u["overstay_first_day"]) for u in data["entry_ban_unknown"]] == [
        ("not_graded", "2025-01-31")]
