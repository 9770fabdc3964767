"""`permit` and the permit lines of `report`, as a review found them: the last day to file in
time once passed, the planned trip that ends a stay sooner, and a permit held beside a plan
for a new one of its kind."""

from __future__ import annotations

from pathlib import Path

from cli_lines import printed as run
from cli_lines import printed_json as run_json

ROOT = Path(__file__).resolve().parents[2]
RELOCANT = str(ROOT / "examples" / "relocant.yaml")


def test_a_passed_day_to_file_in_time_reads_as_missed_not_gone() -> None:
    # On 10 March 2023 the relocant's report listed "13 March 2023 ... file the application
    # to have the permit by 21 March 2023"; on 15 March it was gone, and the plan's JSON gave
    # in_time_if_filed_by null, while a step's passed day stayed, "(missed)"
    permit = ("permit", RELOCANT, "--country", "KZ", "--permit", "kz-permit-temporary",
              "--on", "2023-03-15")
    plan = run_json(*permit, "--json")
    assert plan["in_time_if_filed_by"] == "2023-03-13"
    assert ("To have it by 21 March 2023, you needed to file by 13 March 2023. Filing now is "
            "already too late for it to come in time: even filed on 15 March 2023, it would "
            "come after 21 March 2023.") in plan["verdict"]
    assert plan["verdict"] in run(*permit)
    report = ("report", RELOCANT, "--on", "2023-03-15")
    in_time = [d for d in run_json(*report, "--format", "json")["deadlines"]
               if d["what"].endswith("file the application to have the permit by 21 March 2023")]
    assert [(d["day"], d["missed"]) for d in in_time] == [("2023-03-13", True)]
    text = run(*report)
    passed = text[text.index("Passed before 15 March 2023:"):]
    assert ("  13 March 2023     Temporary residence permit (Kazakhstan): file the application "
            "to have the permit by 21 March 2023 (missed)  [kz-permit-temporary; day counted "
            "from kz-stay-eaeu-90-180, contested, assumed 'kz-change-27-jan' (other accounts: "
            "--assume kz-change-26-jan, --assume kz-days-before-count)]") in passed


TRIPS = """\
version: 1
person:
  citizenships: [RU]
  born: 1991-02-01
  documents:
    - {type: international_passport, country: RU, expires: 2031-01-01}
trips:
  - {country: KZ, entry: 2023-02-01, exit: 2023-04-15, by: air}
  - {country: TR, entry: 2023-04-15, exit: 2023-05-20, by: air}
  - {country: GE, entry: 2023-05-20, exit: 2023-06-30, by: land}
  - {country: KZ, entry: 2023-06-30, exit: 2023-08-30, by: air}
registrations:
  - {country: KZ, on: 2023-02-02}
"""


def test_a_day_set_by_a_later_trip_s_limit_is_not_said_to_be_when_the_trips_end_the_stay(
        tmp_path: Path) -> None:
    # "Your planned trips end this stay sooner, on 31 March 2023", while the trip out is on 15
    # April: 31 March is the last day that keeps the trip back to Kazakhstan within the limit
    profile = tmp_path / "trips.yaml"
    profile.write_text(TRIPS)
    args = ("permit", str(profile), "--country", "KZ", "--permit", "kz-permit-temporary",
            "--on", "2023-02-10")
    plan = run_json(*args, "--json")
    assert plan["planned_stay_ends"] == "2023-03-31"
    assert ("Your planned trip to Kazakhstan from 30 June to 30 August 2023 ends this stay "
            "sooner, on 31 March 2023, the last day you may stay without putting it over the "
            "limit of kz-stay-eaeu-90-180 (90 days in any 180, counted from 27 January 2023): "
            "to file during this stay as planned, file by 31 March 2023.") in plan["verdict"]
    assert "Your planned trips end" not in plan["verdict"]
    assert plan["verdict"] in run(*args)
    trip = plan["planned_trip"]
    assert (trip["countries"], trip["first_day"], trip["last_day"], trip["over_the_limit"]) == (
        ["KZ"], "2023-06-30", "2023-08-30", True)
    assert [x["rule"] for x in trip["limits"]] == ["kz-stay-eaeu-90-180"]
    # the report gives the plan's words
    assert plan["verdict"] in run("report", str(profile), "--on", "2023-02-10")


HELD = """\
version: 1
person:
  citizenships: [RU]
  born: 1991-02-01
  documents:
    - {type: international_passport, country: RU, expires: 2031-01-01}
trips:
  - {country: AM, entry: 2022-10-01, by: air}
registrations:
  - {country: AM, on: 2022-10-20}
permits:
  - {country: AM, kind: temporary_residence, valid_from: 2023-03-01, valid_to: 2024-02-29}
"""


def test_a_plan_for_a_permit_of_the_kind_held_says_it_is_applying_anew_beside_the_renewal(
        tmp_path: Path) -> None:
    # the report gave "file to renew your temporary residence permit ... by 30 January 2024"
    # and "Temporary residence card (Armenia): file the application" by 26 July 2024, with no
    # word of how the two routes for one permit relate
    profile = tmp_path / "held.yaml"
    profile.write_text(HELD)
    anew = ("you hold a temporary residence permit in Armenia, which ends on 29 February 2024: "
            "to keep it, file its renewal by 30 January 2024 (30 days before, as "
            "am-permit-temporary asks); this plan is for a new one applied for if it is not "
            "renewed, from the stay after it ends, counted as a visitor's")
    plan = run_json("permit", str(profile), "--country", "AM", "--permit",
                    "am-permit-temporary", "--on", "2023-12-01", "--json")
    assert anew in plan["notes"] and plan["verdict"].startswith(f"Note: {anew}.")
    assert plan["renews_held"] == {"kind": "temporary_residence", "valid_from": "2023-03-01",
                                   "last_day": "2024-02-29", "file_renewal_by": "2024-01-30",
                                   "rule": "am-permit-temporary"}
    # a permit of another kind is no renewal of it
    other = run_json("permit", str(profile), "--country", "AM", "--permit",
                     "am-permit-permanent", "--on", "2023-12-01", "--json")
    assert other["renews_held"] is None
    assert not [n for n in other["notes"] if n.startswith("you hold")]
    report = run_json("report", str(profile), "--on", "2023-12-01", "--format", "json")
    whats = [d["what"] for d in report["deadlines"]]
    assert "Temporary residence card (Armenia), if the permit held is not renewed: file the "\
           "application" in whats
    assert "Permanent residence card (Armenia): file the application" in whats
    text = run("report", str(profile), "--on", "2023-12-01")
    # (the plan's filing day falls under the 2024 rule, which a note before it names, as the
    # pack knows the card from 2018 too)
    line = next(ln for ln in text.splitlines()
                if ln.startswith("Feasible: Temporary residence card (Armenia)."))
    assert f"Note: {anew}." in line
