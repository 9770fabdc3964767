"""`status` and `plan` answer "If you enter ..." by the stay rules; for a person away whose
documents the entry rules (and the exit rules of the state the history has them in) refuse,
every one, on the day of that entry, they say so under the headline, and --json gives it as
`entry_refused`. Not known, present in the host, or no documents recorded: nothing is said."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_lines import printed as run

ROOT = Path(__file__).resolve().parents[2]
CHILD = str(ROOT / "examples" / "child-in-russia.yaml")  # a birth certificate alone, in Russia
NOTE = "Note: with the documents you hold you cannot enter"
CHILD_WHY = ("Russia's border no longer lets a child under 14 leave on a birth certificate from "
             "20 January 2026 (Law No. 257-FZ): get the child a foreign passport "
             "(ru-exit-child-birth-certificate-2026)")


def refused(*args: str) -> Any:
    return json.loads(run(*args, "--json"))["entry_refused"]


def notes(out: str) -> list[str]:
    return [x for x in out.splitlines() if NOTE in x]


def internal_passport_only(tmp_path: Path, trip: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nperson:\n  citizenships: [RU]\n  born: 1990-05-01\n"
                    "  documents:\n    - {type: internal_passport, country: RU}\n"
                    f"trips:\n  - {trip}\n", encoding="utf-8")
    return str(path)


def test_plan_for_a_child_russia_does_not_let_out_says_so_under_the_answer() -> None:
    args = ("plan", CHILD, "--country", "GE", "--from", "2026-02-01", "--length", "30")
    lines = run(*args).splitlines()
    # the stay rules still answer, as if the child could enter
    assert lines[0].startswith("If you enter Georgia on 1 February 2026, you may stay until")
    assert lines[2] == f"  {NOTE} Georgia on 1 February 2026: {CHILD_WHY}; see `sojourn entry`."
    assert refused(*args) == {"on": "2026-02-01", "why": CHILD_WHY}


def test_status_for_a_child_russia_does_not_let_out_says_so_under_the_answer() -> None:
    args = ("status", CHILD, "--country", "GE", "--on", "2026-02-01")
    out = run(*args)
    assert out.splitlines()[1] == (f"  {NOTE} Georgia on 1 February 2026: {CHILD_WHY}; "
                                   "see `sojourn entry`.")
    assert json.loads(run(*args, "--json"))["max_stay_days"] == 365  # the stay is unchanged
    assert refused(*args) == {"on": "2026-02-01", "why": CHILD_WHY}


def test_before_the_exit_rule_the_child_is_told_nothing_where_the_certificate_served() -> None:
    # on 19 January 2026 Russia still let a child out on a birth certificate for Kazakhstan,
    # which took one: no refusal to tell
    args = ("status", CHILD, "--country", "KZ", "--on", "2026-01-19")
    assert notes(run(*args)) == [] and refused(*args) is None


def test_before_the_exit_rule_the_certificate_served_for_a_few_neighbours_only() -> None:
    # for Georgia it never did: Russia's border let a child out on one only to the places
    # whose agreements admitted it (ru-exit-child-birth-certificate's destinations)
    args = ("status", CHILD, "--country", "GE", "--on", "2026-01-19")
    [note] = notes(run(*args))
    assert "only for Belarus, Kazakhstan and Kyrgyzstan (ru-exit-child-birth-certificate)" in note
    assert refused(*args)["on"] == "2026-01-19"


def test_an_internal_passport_alone_is_refused_by_georgia(tmp_path: Path) -> None:
    # from Kazakhstan: from Russia, Russia's border refuses it first (ru-exit-internal-passport)
    hist = internal_passport_only(tmp_path, "{country: KZ, entry: 2025-12-01}")
    args = ("status", hist, "--country", "GE", "--on", "2026-02-01")
    [line] = notes(run(*args))
    assert line.startswith(f"  {NOTE} Georgia on 1 February 2026: it does not accept an "
                           "internal passport")
    assert "(ge-entry-foreign-passport-2026)" in refused(*args)["why"]


def test_an_internal_passport_alone_lets_the_person_into_kazakhstan(tmp_path: Path) -> None:
    hist = internal_passport_only(tmp_path, "{country: RU, entry: 1990-05-01}")
    args = ("status", hist, "--country", "KZ", "--on", "2026-02-01")
    assert notes(run(*args)) == [] and refused(*args) is None


def test_an_entry_not_known_is_no_refusal(tmp_path: Path) -> None:
    # the pack does not say whether Indonesia takes an internal passport (Türkiye, then
    # Vietnam, were the example until a source named the foreign passport alone); from
    # Kazakhstan, as Russia's border lets the internal passport out for Indonesia no more than
    # for Georgia
    hist = internal_passport_only(tmp_path, "{country: KZ, entry: 2025-12-01}")
    args = ("plan", hist, "--country", "ID", "--from", "2026-02-01", "--length", "30")
    assert notes(run(*args)) == [] and refused(*args) is None


def test_a_person_present_in_the_host_made_the_entry_already(tmp_path: Path) -> None:
    hist = internal_passport_only(tmp_path, "{country: GE, entry: 2026-01-10}")
    args = ("status", hist, "--country", "GE", "--on", "2026-02-01")
    assert notes(run(*args)) == [] and refused(*args) is None


def test_a_csv_history_records_no_documents(tmp_path: Path) -> None:
    csv = tmp_path / "trips.csv"
    csv.write_text("country,entry,exit\nRU,2020-01-01,\n", encoding="utf-8")
    args = ("status", str(csv), "--country", "GE", "--on", "2026-02-01", "--citizenship", "RU")
    assert notes(run(*args)) == [] and refused(*args) is None


def test_the_case_report_says_the_refusal_once(tmp_path: Path) -> None:
    # away from Georgia, the report tells whether the documents let the person back in
    # (refused or not known) on a line of its own: the stay's note would say it again
    hist = internal_passport_only(tmp_path, "{country: GE, entry: 2025-06-01, exit: 2025-08-01}")
    out = run("report", hist, "--on", "2026-02-01")
    assert "let you into Georgia on 1 February 2026: no" in out
    assert notes(out) == []
    assert json.loads(run("report", hist, "--on", "2026-02-01", "--format", "json")
                      )["stay"]["entry_refused"]["on"] == "2026-02-01"


def test_a_profile_naming_no_citizenship_judged_under_citizenship_is_answered(
        tmp_path: Path) -> None:
    # away from the host, the entry on the documents held was judged with the profile's first
    # citizenship, which a profile without person.citizenships has none of: an IndexError
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\ntrips:\n  - {country: GE, entry: 2022-09-25}\n")
    for command in (["status", str(path), "--on", "2023-01-05"],
                    ["plan", str(path), "--from", "2023-01-05", "--length", "30"]):
        assert refused(*command, "--country", "KZ", "--citizenship", "RU") is None
