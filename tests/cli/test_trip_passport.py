"""A trip may record the passport it was entered on (`passport`): with no --citizenship, the
stay is judged under it, as the host counts it, whatever the profile's order of citizenships;
a --citizenship given still wins, with a warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

runner = CliRunner()

KZ_AND_RU_PASSPORTS = ("    - {type: international_passport, country: KZ, expires: 2030-08-01}\n"
                       "    - {type: international_passport, country: RU, expires: 2029-03-15}\n")
# in Armenia from 10 January 2023: as a Kazakh, 90 days per entry (to 9 April); as a Russian,
# 180 days in any 365 (to 8 July) and a registration after 30 days
IN_ARMENIA = "{country: AM, entry: 2023-01-10, by: air%s}"
ON = ("--country", "AM", "--on", "2023-03-01")


def profile(tmp_path: Path, citizenships: str, trip: str,
            documents: str = KZ_AND_RU_PASSPORTS) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(f"version: 1\nperson:\n  citizenships: [{citizenships}]\n"
                    f"  documents:\n{documents}trips:\n  - {trip}\n", encoding="utf-8")
    return str(path)


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def answer(*args: str) -> dict[str, Any]:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_recorded_passport_is_judged_not_the_first_citizenship_listed(
        tmp_path: Path) -> None:
    unrecorded = answer("status", profile(tmp_path, "RU, KZ", IN_ARMENIA % ""), *ON)
    assert (unrecorded["citizenship"], unrecorded["latest_exit"]) == ("RU", "2023-07-08")
    recorded = answer("status", profile(tmp_path, "RU, KZ", IN_ARMENIA % ", passport: KZ"), *ON)
    assert (recorded["citizenship"], recorded["latest_exit"]) == ("KZ", "2023-04-09")
    # the other passport is told beside it, and no choice among several is warned of
    [ru] = recorded["other_citizenships"]
    assert (ru["citizenship"], ru["latest_exit"]) == ("RU", "2023-07-08")
    assert recorded["warnings"] == []


def test_a_person_away_is_judged_under_the_passport_of_their_last_stay_there(
        tmp_path: Path) -> None:
    trips = ("{country: AM, entry: 2022-10-01, exit: 2022-11-01, passport: RU}\n"
             "  - {country: AM, entry: 2023-01-10, exit: 2023-02-01, passport: KZ}")
    hist = profile(tmp_path, "RU, KZ", trips)
    assert answer("status", hist, *ON)["citizenship"] == "KZ"
    # on a day of the earlier stay, that stay's passport
    assert answer("status", hist, "--country", "AM", "--on", "2022-10-20")["citizenship"] == "RU"


def test_plan_follows_the_recorded_passport(tmp_path: Path) -> None:
    hist = profile(tmp_path, "RU, KZ", IN_ARMENIA % ", passport: KZ")
    plan = answer("plan", hist, "--country", "AM", "--from", "2023-03-01", "--length", "10")
    assert plan["citizenship"] == "KZ"


def test_citizenship_given_wins_with_a_warning_naming_the_recorded_passport(
        tmp_path: Path) -> None:
    hist = profile(tmp_path, "KZ, RU", IN_ARMENIA % ", passport: KZ")
    result = invoke("status", hist, *ON, "--citizenship", "RU")
    assert result.exit_code == 0, result.output
    warning = (f"the trip of 2023-01-10 ({hist}, line 8) records entry on the KZ passport; "
               "judged as RU, as --citizenship asks")
    assert f"warning: {warning}" in result.stderr.replace("\n", " ")
    data = answer("status", hist, *ON, "--citizenship", "RU")
    assert (data["citizenship"], data["latest_exit"]) == ("RU", "2023-07-08")
    assert data["warnings"] == [warning]
    # the same citizenship as recorded is no override
    assert answer("status", hist, *ON, "--citizenship", "KZ")["warnings"] == []


def test_a_citizen_of_the_host_who_entered_on_another_passport_is_judged_its_citizen(
        tmp_path: Path) -> None:
    # an Armenian-Russian in Armenia since 10 January 2023 on his Russian passport was told
    # he might stay until 8 July 2023 beside a note that as an Armenian he is not limited;
    # destinations said "no limit". Whatever passport he showed, he is the host's citizen
    docs = ("    - {type: international_passport, country: RU, expires: 2029-03-15}\n"
            "    - {type: international_passport, country: AM, expires: 2029-03-15}\n")
    hist = profile(tmp_path, "RU, AM", IN_ARMENIA % ", passport: RU", docs)
    data = answer("status", hist, *ON)
    assert (data["citizenship"], data["own_citizen"], data["latest_exit"]) == ("AM", True, None)
    assert data["notes"] == [
        "the profile does not say since when you hold citizenship of Armenia: a stay in "
        "Armenia before then counted as a citizen of the Russian Federation (your trip of "
        "10 January 2023 records entry on that passport), and --citizenship RU judges your "
        "stays there that way"]
    plan = answer("plan", hist, "--country", "AM", "--from", "2023-03-01", "--length", "200")
    assert (plan["own_citizen"], plan["earliest_entry"]) == (True, "2023-03-01")
    [armenia] = [d for d in answer("destinations", hist, "--on", "2023-03-01")["destinations"]
                 if d["host"] == "AM"]
    assert (armenia["citizenship"], armenia["latest_exit"]) == ("AM", None)
    # --citizenship still decides: judged as a Russian, with the note on the host's own
    ru = answer("status", hist, *ON, "--citizenship", "RU")
    assert (ru["own_citizen"], ru["latest_exit"]) == (False, "2023-07-08")
    assert any(n.endswith("This answer judges the passport of the Russian Federation, as "
                          "--citizenship asks") for n in ru["notes"])
    # unrecorded, the same; with no stay there yet, nothing is left open
    unrecorded = answer("status", profile(tmp_path, "AM, RU", IN_ARMENIA % "", docs), *ON)
    assert (unrecorded["citizenship"], unrecorded["own_citizen"]) == ("AM", True)
    before = answer("status", hist, "--country", "AM", "--on", "2022-12-01")
    assert before["own_citizen"] and not any("since when" in n for n in before["notes"])


def test_destinations_judge_where_you_are_under_the_recorded_passport(tmp_path: Path) -> None:
    # the pack has no Armenian entry rule for Kazakhs in 2023 ("unknown"): the row took the
    # Russian passport, which it admits, and said that status judged another
    hist = profile(tmp_path, "RU, KZ", IN_ARMENIA % ", passport: KZ")
    result = invoke("destinations", hist, "--on", "2023-03-01", "--json")
    assert result.exit_code == 0, result.output
    [armenia] = [d for d in json.loads(result.stdout)["destinations"] if d["host"] == "AM"]
    assert (armenia["citizenship"], armenia["status_citizenship"]) == ("KZ", None)
    assert armenia["latest_exit"] == "2023-04-09"


def test_risk_judges_a_citizenship_the_host_has_a_policy_for_before_the_recorded_passport(
        tmp_path: Path) -> None:
    # Georgia has an extradition policy for Russians, none in the pack for Kazakhs: a stay
    # entered on the Kazakh passport read "unknown" as a Kazakh, though Russia could ask for
    # the person; the Kazakh answer is told beside the Russian one
    trip = "{country: GE, entry: 2024-01-10%s}"
    on = ("--country", "GE", "--on", "2024-03-01")
    assert answer("risk", profile(tmp_path, "KZ, RU", trip % ""), *on)["citizenship"] == "RU"
    recorded = profile(tmp_path, "KZ, RU", trip % ", passport: KZ")
    risk = answer("risk", recorded, *on)
    assert (risk["citizenship"], risk["extradition"]) == ("RU", "low")
    assert [o["citizenship"] for o in risk["other_citizenships"]] == ["KZ"]
    assert answer("status", recorded, *on)["citizenship"] == "KZ"


# in Georgia, then a trip to Armenia planned from 10 January to 1 May 2023 (112 days) on the
# Kazakh passport: as a Kazakh, 90 days per entry, over from 10 April; as a Russian, within 180
# days in any 365
IN_GEORGIA = "{country: GE, entry: 2022-11-01, exit: 2023-01-10, by: air, passport: RU}"
PLANNED_ON_KZ = "{country: AM, entry: 2023-01-10, exit: 2023-05-01, by: air, passport: KZ}"
KZ_OVERSTAY = [{"first_day": "2023-04-10", "last_day": "2023-05-01", "days": 22, "peak": 112,
                "rules": ["am-stay-kz-90-per-entry-2008"], "unrecorded_registration": None}]


def test_a_planned_trip_is_judged_under_its_passport_from_before_it_as_during_it(
        tmp_path: Path) -> None:
    # asked before the trip, the answer judged it under the first citizenship listed that
    # Armenia has rules for (RU: no overstay, and a warning to record the passport the trip
    # records); asked on a day of it, under the Kazakh passport it records. The days are fixed
    # and past: the answer rests on the query day, not the real one
    hist = profile(tmp_path, "RU, KZ", f"{IN_GEORGIA}\n  - {PLANNED_ON_KZ}")
    before = ("--country", "AM", "--on", "2022-12-01")
    for on in (before, ("--country", "AM", "--on", "2023-02-01")):
        data = answer("status", hist, *on)
        assert (data["citizenship"], data["violations"], data["warnings"]) == (
            "KZ", KZ_OVERSTAY, [])
    plan = answer("plan", hist, "--country", "AM", "--from", "2022-12-01", "--length", "10")
    assert (plan["citizenship"], plan["violations"]) == ("KZ", KZ_OVERSTAY)
    [armenia] = [d for d in answer("destinations", hist, "--on", "2022-12-01")["destinations"]
                 if d["host"] == "AM"]
    assert (armenia["citizenship"], armenia["violations"]) == ("KZ", KZ_OVERSTAY)
    result = invoke("report", hist, "--on", "2022-12-01", "--format", "json")
    assert result.exit_code == 0, result.output
    [where_else] = [a for a in json.loads(result.stdout)["alternatives"] if a["host"] == "AM"]
    assert where_else["citizenship"] == "KZ"
    text = invoke("status", hist, *before).output
    assert "planned overstay: 10 april to 1 may 2023, 22 days" in " ".join(text.lower().split())


def test_a_planned_trip_on_a_passport_the_pack_has_no_rule_for_is_not_judged_by_another(
        tmp_path: Path) -> None:
    # a Russian-Israeli's trip to Montenegro on the Israeli passport: asked before it,
    # status and destinations told of a 21-day overstay under the rule for Russians; asked
    # during it, that the pack has no rule for Israelis there. Before it, so too now
    docs = ("    - {type: international_passport, country: RU, expires: 2030-01-01}\n"
            "    - {type: international_passport, country: IL, expires: 2031-01-01}\n")
    trips = ("{country: TR, entry: 2023-11-20, exit: 2024-01-10, by: air, passport: IL}\n"
             "  - {country: ME, entry: 2024-01-10, exit: 2024-03-01, by: air, passport: IL}")
    hist = profile(tmp_path, "RU, IL", trips, docs)
    for on in ("2023-12-01", "2024-01-15"):
        data = answer("status", hist, "--country", "ME", "--on", on)
        assert (data["citizenship"], data["max_stay_days"], data["violations"]) == ("IL", None, [])
        assert "no stay rule for citizens of Israel in Montenegro" in data["unknown"]
    result = invoke("destinations", hist, "--on", "2023-12-01")
    assert result.exit_code == 0, result.output
    assert "overstay" not in result.output
    [me] = [d for d in answer("destinations", hist, "--on", "2023-12-01")["destinations"]
            if d["host"] == "ME"]
    assert (me["citizenship"], me["max_stay_days"], me["violations"]) == ("IL", None, [])


def test_away_the_next_trip_planned_there_decides_before_the_last_one_over(
        tmp_path: Path) -> None:
    # over in Armenia on the Russian passport, a trip there planned on the Kazakh one: the
    # answer judges the trip ahead
    over = "{country: AM, entry: 2022-06-01, exit: 2022-06-20, by: air, passport: RU}"
    planned = "{country: AM, entry: 2023-03-10, exit: 2023-03-20, by: air%s}"
    on = ("--country", "AM", "--on", "2023-01-01")
    kz = profile(tmp_path, "RU, KZ", f"{over}\n  - {planned % ', passport: KZ'}")
    assert answer("status", kz, *on)["citizenship"] == "KZ"


def test_a_trip_recording_no_passport_is_judged_under_the_last_one_there_that_does(
        tmp_path: Path) -> None:
    # a Kazakh-Russian in Armenia in 2022 on the Russian passport, a trip there planned that
    # records none: judged as a Russian before it, as a Kazakh (the first citizenship with
    # rules there) during it and after. The passport last shown there is judged throughout,
    # and a warning says so and how to record another
    over = "{country: AM, entry: 2022-06-01, exit: 2022-06-20, by: air, passport: RU}"
    planned = "{country: AM, entry: 2023-03-10, exit: 2023-03-20, by: air}"
    hist = profile(tmp_path, "KZ, RU", f"{over}\n  - {planned}")
    assumed = (f"your trip of 10 March 2023 ({hist}, line 9) records no passport; judged as "
               f"a citizen of RU, as on your trip of 1 June 2022 ({hist}, line 8), the last "
               "there to record its passport (choose another with --citizenship, or give the "
               "trip the passport it was entered on)")
    for day in ("2023-01-01", "2023-03-15", "2023-05-01"):  # before, during, after
        data = answer("status", hist, "--country", "AM", "--on", day)
        assert (day, data["citizenship"], data["binding"], data["warnings"]) == (
            day, "RU", "am-stay-180-per-year", [assumed])
    plan = answer("plan", hist, "--country", "AM", "--from", "2023-03-15", "--length", "3")
    assert plan["citizenship"] == "RU"
    [armenia] = [d for d in answer("destinations", hist, "--on", "2023-03-15")["destinations"]
                 if d["host"] == "AM"]
    assert armenia["citizenship"] == "RU"
