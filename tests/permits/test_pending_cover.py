"""A permit that would come after the legal stay ends, weighed against what its own rule says
of a pending application (Permit.stay_while_pending, stay_while_pending_days): the plan said
"whether a pending application lets you stay on until it is issued is not known (the pack's
facts do not say)", and was "Unknown", for a rule that says the application holds the stay
open, longer than the wait (Kazakhstan's permanent permit: 60 days to decide, 90 covered)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import sojourn.rules

from cli_lines import printed as run

NOT_KNOWN = "whether a pending application lets you stay on until it is issued is not known"


def _profile(tmp_path: Path, body: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(body, encoding="utf-8")
    return str(path)


def _kz_russian(tmp_path: Path) -> str:
    """A Russian in Kazakhstan since 1 February 2023 holding the papers the permanent permit
    asks of him under kz-prp-no-home-consent: the plan turns on the wait alone."""
    return _profile(tmp_path, (
        "person:\n  citizenships: [RU]\n  born: 1990-05-01\n  documents:\n"
        "    - {type: international_passport, country: RU, issued: 2021-01-10, "
        "expires: 2031-01-09}\n"
        "    - {type: no_criminal_record_certificate, country: RU, issued: 2023-02-20}\n"
        "trips:\n  - {country: KZ, entry: 2023-02-01}\n"))


def _plan(*args: str) -> tuple[str, dict[str, Any]]:
    return run("permit", *args), json.loads(run("permit", *args, "--json"))


def test_kazakhstan_s_permanent_permit_comes_within_the_cover_of_its_application(
        tmp_path: Path) -> None:
    # filed on 28 April 2023, the last working day of a stay ending 1 May, the permit comes
    # 60 days later (27 June), within the 90 days Art. 7 covers (to 26 July): "Unknown ...
    # whether a pending application lets you stay on until it is issued is not known"
    text, data = _plan(_kz_russian(tmp_path), "--country", "KZ", "--permit",
                       "kz-permit-permanent-2023", "--on", "2023-03-01",
                       "--assume", "kz-prp-no-home-consent")
    assert text.startswith("Feasible: Permanent residence permit (Kazakhstan).")
    assert ("Filed on 28 April 2023, the permit would be issued about 27 June 2023, after your "
            "legal stay ends on 1 May 2023; the application lets you stay while it is pending "
            "(kz-permit-permanent-2023), for at most 90 days from its filing, that day "
            "included, to 26 July 2023, so you may stay on until the permit is issued."
            ) in data["verdict"]
    assert NOT_KNOWN not in text and "To have it by" not in text
    step = next(line for line in text.splitlines() if "- file the application" in line)
    assert step.endswith("issued about 27 June 2023, after your legal stay ends; the "
                         "application holds the stay open while it is pending "
                         "(kz-permit-permanent-2023), for at most 90 days from its filing, "
                         "that day included, to 26 July 2023")
    assert (data["feasible"], data["issued_after_legal_stay"], data["in_time_if_filed_by"]) == (
        True, True, None)
    assert data["permit"]["processing_days"] == 60
    assert data["pending_cover"] == {"rule": "kz-permit-permanent-2023", "cap_days": 90,
                                     "ends_by": "2023-07-26", "to_issue": True}
    # the report lists no day to file "to have the permit by" the stay's end: none is needed
    report = json.loads(run("report", _kz_russian(tmp_path), "--on", "2023-03-01",
                            "--assume", "kz-prp-no-home-consent", "--format", "json"))
    assert not [d for d in report["deadlines"] if d["rule"] == "kz-permit-permanent-2023"
                and "to have the permit" in d["what"]]


def test_the_other_citizenships_permanent_permit_takes_60_days_too(tmp_path: Path) -> None:
    # it said "processing time unknown" for a Ukrainian, whose portal gives 60 calendar days
    path = _profile(tmp_path, "person: {citizenships: [UA]}\n"
                              "trips: [{country: KZ, entry: 2024-02-01}]\n")
    text, data = _plan(path, "--country", "KZ", "--permit",
                       "kz-permit-permanent-other-citizenships", "--on", "2024-03-01")
    assert "processing time unknown" not in text
    assert data["issued_about"] == "2024-06-29"  # filed 30 April 2024, 60 days on
    assert data["pending_cover"]["to_issue"] is True
    assert NOT_KNOWN not in text


def _georgia_pack(tmp_path: Path, processing: int, cap: int | None) -> str:
    """A copy of the pack in which Georgia's residence permit takes ``processing`` calendar
    days (more than the 40 days before the stay ends it is due by) and its pending cover is
    capped at ``cap`` days (None: to the decision, as the pack has it)."""
    pack = tmp_path / "pack"
    shutil.copytree(Path(sojourn.rules.__file__).parent / "pack", pack)
    permits = pack / "permits.yaml"
    text = permits.read_text(encoding="utf-8")
    at = text.index("id: ge-permit-residence")
    old = "      processing_days: 30\n"
    assert text.index(old, at) < text.index("stay_while_pending: true", at)
    text = text[:at] + text[at:].replace(old, f"      processing_days: {processing}\n", 1)
    if cap is not None:
        flag = "      stay_while_pending: true\n"
        text = text[:at] + text[at:].replace(
            flag, f"{flag}      stay_while_pending_days: {cap}\n", 1)
    permits.write_text(text, encoding="utf-8")
    return str(pack)


GE = ("--country", "GE", "--permit", "ge-permit-residence", "--on", "2023-03-01")


def _ge_russian(tmp_path: Path) -> str:
    return _profile(tmp_path, "person: {citizenships: [RU]}\n"
                              "trips: [{country: GE, entry: 2023-01-01}]\n")


def test_a_cover_to_the_decision_holds_any_wait(tmp_path: Path) -> None:
    # the mechanism is the rules', not Kazakhstan's: Georgia's cover runs to the decision
    # (no cap), so a wait longer than the 40 days it is due by is no doubt on the plan
    text, data = _plan(_ge_russian(tmp_path), *GE, "--pack", _georgia_pack(tmp_path, 60, None))
    assert data["legal_stay_ends"] == "2023-12-31"
    assert data["issued_after_legal_stay"] is True
    assert text.startswith("Feasible: Residence permit (Georgia).")
    assert ("the application lets you stay while it is pending (ge-permit-residence), until it "
            "is decided, so you may stay on until the permit is issued.") in data["verdict"]
    assert data["pending_cover"] == {"rule": "ge-permit-residence", "cap_days": None,
                                     "ends_by": None, "to_issue": True}
    assert NOT_KNOWN not in text


def test_a_cover_capped_before_the_permit_comes_leaves_the_plan_unknown(tmp_path: Path
                                                                        ) -> None:
    # capped at 50 days, the cover ends before a permit 60 days away: the days after it count
    # under the stay limit again, which the plan does not judge, and the day to file to have
    # the permit by the stay's end is still given
    text, data = _plan(_ge_russian(tmp_path), *GE, "--pack", _georgia_pack(tmp_path, 60, 50))
    assert text.startswith("Unknown: Residence permit (Georgia).")
    assert data["pending_cover"]["to_issue"] is False
    assert data["in_time_if_filed_by"] is not None
    assert ("the application lets you stay while it is pending (ge-permit-residence), for at "
            "most 50 days from its filing, that day included, to ") in data["verdict"]
    assert ", before the permit would come: from " in data["verdict"]
    assert NOT_KNOWN not in text
