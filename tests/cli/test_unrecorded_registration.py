"""An overstay that rests on a registration deadline missed, under a rule that lets a stay go
on past it only when registered (``effect: extends``), says so where it is named, and what
the person who did register should do: a CSV history records no registration, so every stay
in it is judged unregistered, and an overstay told without it read as known."""

from __future__ import annotations

import json
from pathlib import Path

from cli_lines import printed as run

UZ_ASSUMED = ("--on", "2023-03-20", "--assume", "uz-seed-60-days")

RESTS = ("it rests on no registration being recorded for the stay by 16 March 2023 "
         "(uz-registration-ru-15-days)")
CSV_ADVICE = (", which a CSV history cannot record: if the stay was registered by then, give "
              "the history as a profile (YAML) whose registrations list it, `{country: UZ, "
              "on: DAY}`, DAY the day it was registered (YYYY-MM-DD), and ask again")
PROFILE_ADVICE = (": if the stay was registered by then, add it to the profile's "
                  "registrations, `{country: UZ, on: DAY}`, DAY the day it was registered "
                  "(YYYY-MM-DD), and ask again")


def csv_history(tmp_path: Path) -> str:
    """A stay in Uzbekistan from 1 March 2023, under way: past its 15 days on 20 March."""
    path = tmp_path / "h.csv"
    path.write_text("country,entry,exit\nUZ,2023-03-01,\n", encoding="utf-8")
    return str(path)


def profile(tmp_path: Path, registrations: str = "") -> str:
    """The same stay, as a Russian's profile; ``registrations``: its YAML list, if any."""
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nperson:\n  citizenships: [RU]\n"
                    "trips:\n  - {country: UZ, entry: 2023-03-01}\n"
                    + (f"registrations: {registrations}\n" if registrations else ""),
                    encoding="utf-8")
    return str(path)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_status_of_a_csv_history_says_the_overstay_rests_on_no_registration_recorded(
        tmp_path: Path) -> None:
    out = flat(run("status", csv_history(tmp_path), "--country", "UZ", "--citizenship", "RU",
                   *UZ_ASSUMED))
    assert ("Overstay: 17 to 20 March 2023, 4 days; the count reached 20 days under "
            "uz-registration-ru-15-days (register within 15 days of entry; unregistered, the "
            f"stay ends then); {RESTS}{CSV_ADVICE}.") in out


def test_status_of_a_profile_says_to_add_the_registration_made(tmp_path: Path) -> None:
    out = flat(run("status", profile(tmp_path), "--country", "UZ", *UZ_ASSUMED))
    assert f"{RESTS}{PROFILE_ADVICE}." in out
    # a registration recorded by the deadline takes the overstay away, as the line says
    out = flat(run("status", profile(tmp_path, "[{country: UZ, on: 2023-03-10}]"),
                   "--country", "UZ", *UZ_ASSUMED))
    assert "Overstay" not in out and "rests on no registration" not in out


def test_plan_report_and_destinations_say_it_too(tmp_path: Path) -> None:
    out = flat(run("plan", csv_history(tmp_path), "--country", "UZ", "--citizenship", "RU",
                   "--length", "10", "--from", "2023-03-20", "--assume", "uz-seed-60-days"))
    assert f"{RESTS}{CSV_ADVICE}." in out
    out = flat(run("report", profile(tmp_path), *UZ_ASSUMED))
    assert f"{RESTS}{PROFILE_ADVICE}." in out
    out = flat(run("destinations", profile(tmp_path), *UZ_ASSUMED))
    assert f"UZ 17 to 20 March 2023 (4 days; {RESTS}{PROFILE_ADVICE})" in out


def test_an_overstay_of_a_stay_limit_alone_says_nothing_of_registration(
        tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("country,entry,exit\nKZ,2023-01-01,2023-05-01\n", encoding="utf-8")
    out = run("status", str(path), "--country", "KZ", "--citizenship", "RU", "--on",
              "2023-06-01", "--json")
    runs = json.loads(out)["violations"]
    assert runs and all(v["unrecorded_registration"] is None for v in runs)


def test_json_names_the_unrecorded_registration_an_overstay_rests_on(tmp_path: Path) -> None:
    for history, records in ((csv_history(tmp_path), False), (profile(tmp_path), True)):
        got = json.loads(run("status", history, "--country", "UZ", "--citizenship", "RU",
                             *UZ_ASSUMED, "--json"))
        assert got["violations"][0]["unrecorded_registration"] == {
            "deadline": "2023-03-16", "rule": "uz-registration-ru-15-days",
            "history_records_registrations": records}


def test_an_ad_hoc_rule_past_a_deadline_and_over_a_limit_rests_on_it_in_part(
        tmp_path: Path) -> None:
    # --rule registration:10/extends with 20 days per entry: from day 21 the stay is over
    # the limit too, so a registration recorded would not take the whole run away
    path = tmp_path / "h.csv"
    path.write_text("country,entry,exit\nUZ,2023-03-01,2023-03-25\n", encoding="utf-8")
    out = flat(run("status", str(path), "--rule", "per-entry:20+registration:10/extends",
                   "--on", "2023-04-01"))
    assert ("it rests in part on no registration being recorded for the stay by 11 March 2023 "
            "(registration:10/extends), which a CSV history cannot record: if the stay was "
            "registered by then, give the history as a profile (YAML) whose registrations "
            "list it, `{country: CC, on: DAY}`, CC the country's code, DAY the day") in out


def test_an_overstay_and_the_registration_it_rests_on_say_which_applies_is_not_known(
        tmp_path: Path) -> None:
    # a profile records no registration: the late registration's line and the overstay's
    # both show, for one unregistered stay; no source says whether both are fined (Art. 225)
    out = flat(run("status", profile(tmp_path), "--country", "UZ", *UZ_ASSUMED))
    assert ("Penalties: the overstay from 17 to 20 March 2023 and the registration missed by "
            "16 March 2023 rest on one registration missed; whether both apply, one of them, "
            "or which the authorities choose, the pack's sources do not say: which applies is "
            "not known.") in out
    got = json.loads(run("status", profile(tmp_path), "--country", "UZ", *UZ_ASSUMED,
                         "--json"))
    assert [(p["offence"], p["which_applies"]) for p in got["penalties"]] == [
        ("overstay", "not_known"), ("late_registration", "not_known")]


def test_a_late_registration_beside_a_stay_limits_overstay_is_not_paired(
        tmp_path: Path) -> None:
    # registration sets a duty only (Kazakhstan's deadline): its late line and an overstay of
    # the stay limit are two offences, not one stay's two readings
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nperson:\n  citizenships: [RU]\n"
                    "trips:\n  - {country: KZ, entry: 2023-01-01}\n", encoding="utf-8")
    got = json.loads(run("status", str(path), "--country", "KZ", "--on", "2023-06-01",
                         "--json"))
    assert got["penalties"] and all(p["which_applies"] is None for p in got["penalties"])
