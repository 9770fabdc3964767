"""A worker of an EAEU state on an employment contract in another member state stays for the
contract's term (EAEU Treaty, Art. 97(5)): a profile permit of kind employment_contract covers
its days only where a pack rule of topic stay_cover does, for the host and the citizenship
judged, on the days both are full members of the rule's bloc (blocs.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app

from cli_lines import run

runner = CliRunner()
CONTRACT = ("permits:\n  - {country: %s, kind: employment_contract, valid_from: 2023-03-01, "
            "valid_to: 2024-02-28}\n")
COVERED = ("Note: your employment contract in Kazakhstan (1 March 2023 to 28 February 2024) "
           "covers the days of this stay from 1 March 2023 to 28 February 2024 under "
           "kz-eaeu-worker-contract: they neither count nor are limited; after it ends on 28 "
           "February 2024, the days that follow count under the stay limit again.")


def profile(tmp_path: Path, host: str = "KZ", contract: bool = True, citizenship: str = "RU",
            entry: str = "2023-03-01", permits: str | None = None) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(f"person:\n  citizenships: [{citizenship}]\ntrips:\n"
                    f"  - {{country: {host}, entry: {entry}}}\n"
                    + (permits if permits is not None else CONTRACT % host if contract else ""),
                    encoding="utf-8")
    return str(path)


def test_a_russian_on_a_contract_in_kazakhstan_is_not_over_the_limit(tmp_path: Path) -> None:
    lines = run("status", profile(tmp_path), "--country", "KZ", "--on", "2023-10-01")
    assert lines[0] == ("You may stay in Kazakhstan until 28 May 2024 (241 days, 1 October "
                        "2023 included).")
    assert COVERED in lines
    assert not any(line.startswith("Overstay") for line in lines)
    relied = lines[lines.index("Rules relied on:") + 1:]
    assert any(line.startswith("kz-eaeu-worker-contract: ") for line in relied)


def test_without_the_contract_the_same_stay_is_over_the_limit(tmp_path: Path) -> None:
    lines = run("status", profile(tmp_path, contract=False), "--country", "KZ",
                "--on", "2023-10-01")
    assert lines[0].startswith("You are over the limit in Kazakhstan on 1 October 2023")
    assert not any("kz-eaeu-worker-contract" in line for line in lines)


def test_a_contract_where_no_rule_covers_one_covers_no_days_and_says_so(
        tmp_path: Path) -> None:
    lines = run("status", profile(tmp_path, host="TR"), "--country", "TR",
                "--on", "2023-10-01")
    assert lines[0].startswith("You are over the limit in Türkiye on 1 October 2023")
    assert ("Note: your employment contract in Türkiye (1 March 2023 to 28 February 2024) "
            "covers no days of this stay: no rule in the pack lets one lengthen a stay there "
            "for a citizen of the Russian Federation.") in lines


def test_a_citizen_of_an_observer_state_is_not_covered(tmp_path: Path) -> None:
    # Uzbekistan is an EAEU observer, not a member: the Treaty's workers' terms are not its
    lines = run("status", profile(tmp_path, citizenship="UZ"), "--country", "KZ",
                "--on", "2023-10-01")
    assert lines[0].startswith("You are over the limit in Kazakhstan on 1 October 2023")
    assert ("Note: your employment contract in Kazakhstan (1 March 2023 to 28 February 2024) "
            "covers no days of this stay: kz-eaeu-worker-contract covers one only while in "
            "force and while both Kazakhstan and the state of your citizenship are members "
            "of the EAEU, which none of these days is.") in lines


MADE_UP_PACK = """schema: sojourn.rules/1
blocs:
  - id: UNION
    title: A made-up union
    members:
%s
    sources: [{title: made up for a test, url: "https://example.org/union"}]
    confidence: high
rules:
  - id: kz-stay-made-up
    title: Kazakhstan, made up - 90 days per entry
    host: KZ
    citizenships: [RU]
    topic: stay
    valid_from: 2014-01-01
    constraints: [{kind: per_entry, max: 90}]
    sources: [{title: made up for a test, url: "https://example.org/stay"}]
    confidence: high
  - id: kz-worker-made-up
    title: Kazakhstan, made up - a contract covers a union worker's stay
    host: KZ
    citizenships: ["*"]
    topic: stay_cover
    valid_from: 2014-01-01
%s
    sources: [{title: made up for a test, url: "https://example.org/cover"}]
    confidence: high
"""
COVERS = "    covers: {kind: employment_contract, bloc: UNION}"
# Kazakhstan joins the union on 1 January 2015, Russia a member long before
KZ_JOINS_2015 = ("      - {country: RU, since: 2010-01-01}\n"
                 "      - {country: KZ, since: 2015-01-01}")


def made_up_pack(tmp_path: Path, covers: str = COVERS, members: str = KZ_JOINS_2015,
                 folder: str = "pack") -> str:
    pack = tmp_path / folder
    pack.mkdir()
    (pack / "rules.yaml").write_text(MADE_UP_PACK % (members, covers), encoding="utf-8")
    return str(pack)


def test_a_contract_begun_before_the_host_joined_covers_only_from_the_day_it_did(
        tmp_path: Path) -> None:
    path = profile(tmp_path, entry="2014-10-01", permits=(
        "permits:\n  - {country: KZ, kind: employment_contract, valid_from: 2014-10-01, "
        "valid_to: 2015-09-30}\n"))
    lines = run("status", path, "--country", "KZ", "--on", "2015-03-01",
                "--pack", made_up_pack(tmp_path))
    # the rule is in force from 2014, but Kazakhstan is a member only from 2015: the days
    # of 2014 count, and the 91st and 92nd of them are over the 90 days
    assert ("Note: your employment contract in Kazakhstan (1 October 2014 to 30 September "
            "2015) covers the days of this stay from 1 January 2015 to 30 September 2015 under "
            "kz-worker-made-up: they neither count nor are limited.") in lines
    assert any(line.startswith("Overstay: 30 to 31 December 2014, 2 days") for line in lines)


def test_json_carries_the_note_and_the_rule(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", profile(tmp_path), "--country", "KZ",
                                 "--on", "2023-10-01", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["violations"] == []
    assert "kz-eaeu-worker-contract" in [r["id"] for r in answer["rules"]]
    assert "Note: " + answer["notes"][0] + "." == COVERED


def test_plan_and_report_count_the_contract_too(tmp_path: Path) -> None:
    path = profile(tmp_path)
    plan = run("plan", path, "--country", "KZ", "--length", "200", "--from", "2023-10-01")
    assert plan[1].startswith("A 200-day stay from 1 October 2023 (until 17 April 2024) "
                              "fits within the stay you are in")
    assert COVERED in plan
    report = run("report", path, "--on", "2023-10-01")
    assert report[1] == ("You may stay in Kazakhstan until 28 May 2024 (241 days, 1 October "
                         "2023 included).")
    assert COVERED in report


def test_a_contract_without_an_end_is_refused(tmp_path: Path) -> None:
    path = profile(tmp_path, permits=(
        "permits:\n  - {country: KZ, kind: employment_contract, valid_from: 2023-03-01}\n"))
    result = runner.invoke(app, ["status", path, "--country", "KZ", "--on", "2023-10-01"])
    assert result.exit_code == 2
    assert (f"error: {path}, line 6, field 'permits[0].valid_to': is missing, and an "
            "employment contract has an end; expected the contract's last day, e.g. "
            "2024-02-28; a contract of no end term is not covered") in result.stderr


def test_rules_validate_checks_the_covers_block(tmp_path: Path) -> None:
    for index, (covers, told) in enumerate([
            ("    covers: {kind: employment_contract, bloc: NOPE}",
             "field 'rules[1].covers.bloc': 'NOPE' is not a bloc of the pack; expected a bloc "
             "of the pack (blocs:): UNION"),
            ("    covers: {kind: residence_permit, bloc: UNION}",
             "field 'rules[1].covers.kind'"),
            ("", "topic stay_cover needs the field covers")]):
        (tmp_path / str(index)).mkdir()
        pack = made_up_pack(tmp_path / str(index), covers)
        result = runner.invoke(app, ["rules", "validate", pack])
        assert result.exit_code == 2, result.output
        assert told in result.output, result.output


def test_the_rule_whose_terms_leave_a_contract_uncovered_is_relied_on(tmp_path: Path) -> None:
    # the note says the contract covers no day because of kz-eaeu-worker-contract's terms (an
    # observer's citizen is no member's), but the rule was missing from "Rules relied on" and
    # the --json `rules`: the answer named a rule it gave no source for
    path = profile(tmp_path, citizenship="UZ")
    lines = run("status", path, "--country", "KZ", "--on", "2023-10-01")
    relied = lines[lines.index("Rules relied on:") + 1:]
    assert any(line.startswith("kz-eaeu-worker-contract: ") for line in relied)
    result = runner.invoke(app, ["status", path, "--country", "KZ", "--on", "2023-10-01",
                                 "--json"])
    assert result.exit_code == 0, result.output
    assert "kz-eaeu-worker-contract" in [r["id"] for r in json.loads(result.stdout)["rules"]]


# --- why a contract's days count: an ad-hoc --rule, a cover that stops before its end -----

AD_HOC_WHY = ("covers no days of this stay: a contract covers days only where a rule of the "
              "pack says so, and an ad-hoc --rule reads none (a residence permit covers its "
              "days under it all the same); ask with --country KZ to judge it by the pack's "
              "rules.")


def test_under_an_ad_hoc_rule_the_contract_is_said_to_cover_nothing(tmp_path: Path) -> None:
    # "over the limit ... 125 days" was said with no word of the contract: under --rule no
    # pack rule is read, so none lets the contract cover a day, and the reader was not told
    path = profile(tmp_path)
    lines = run("status", path, "--rule", "rolling:90/180", "--on", "2023-10-01")
    assert lines[0].startswith("You are over the limit in Kazakhstan on 1 October 2023")
    assert ("Note: your employment contract in Kazakhstan (1 March 2023 to 28 February 2024) "
            + AD_HOC_WHY) in lines
    result = runner.invoke(app, ["status", path, "--rule", "rolling:90/180", "--on",
                                 "2023-10-01", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["rules"] == []
    assert [n for n in answer["notes"] if AD_HOC_WHY[:-1] in n]


def test_under_an_ad_hoc_rule_a_residence_permit_covers_its_days_and_says_so(
        tmp_path: Path) -> None:
    path = profile(tmp_path, permits=CONTRACT.replace("employment_contract",
                                                      "residence_permit") % "KZ")
    lines = run("status", path, "--rule", "rolling:90/180", "--on", "2023-10-01")
    assert lines[0].startswith("You may stay in Kazakhstan until 28 May 2024")
    assert any(line.startswith("Note: your residence permit in Kazakhstan (1 March 2023 to 28 "
                               "February 2024) covers days of this stay: they neither count "
                               "nor are limited; ") for line in lines)


HELD = ("Note: your employment contract in Kazakhstan (1 March 2023 to 28 February 2024) covers "
        "the days of this stay from 1 March 2023 to %s under kz-worker-made-up: they neither "
        "count nor are limited; the days from %s count under the stay limit again, because ")


def stopping_pack(tmp_path: Path, rule_end: str = "", member: bool = True) -> str:
    """A made-up pack whose cover stops before the contract ends: Russia leaves the union on
    30 June 2023 (``member``), or the rule ends (``rule_end``, its valid_to lines)."""
    until = ", until: 2023-06-30" if member else ""  # else only the rule's end stops it
    members = (f"      - {{country: RU, since: 2010-01-01{until}}}\n"
               "      - {country: KZ, since: 2010-01-01}")
    return made_up_pack(tmp_path, rule_end + COVERS, members, folder="stopping")


def test_a_cover_that_stops_as_a_state_leaves_the_bloc_says_why_the_days_count(
        tmp_path: Path) -> None:
    # the note gave the covered days alone, and "after it ends on 28 February 2024" spoke of
    # the contract's end: nothing said why the days from 1 July counted
    path = profile(tmp_path)
    args = ("status", path, "--country", "KZ", "--on", "2023-08-15", "--pack",
            stopping_pack(tmp_path))
    lines = run(*args)
    note = (HELD % ("30 June 2023", "1 July 2023") + "the Russian Federation was a full member "
            "of the UNION, as kz-worker-made-up asks, only until 30 June 2023.")
    assert note in lines
    # 1 July to 15 August: 46 days of the 90 counted
    assert any("46 days used" in line for line in lines)
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert "Note: " + json.loads(result.stdout)["notes"][0] + "." == note


def test_a_cover_that_stops_with_its_rule_names_the_rule_s_end(tmp_path: Path) -> None:
    path = profile(tmp_path)
    pack = stopping_pack(tmp_path, "    valid_to: 2023-06-30\n", member=False)
    lines = run("status", path, "--country", "KZ", "--on", "2023-06-01", "--pack", pack)
    assert (HELD % ("30 June 2023", "1 July 2023")
            + "kz-worker-made-up ends on 30 June 2023.") in lines


def test_a_cover_rule_s_last_seen_end_may_still_cover_the_days_after(tmp_path: Path) -> None:
    path = profile(tmp_path)
    pack = stopping_pack(tmp_path, "    valid_to: 2023-06-30\n    valid_to_basis: last_seen\n",
                         member=False)
    lines = run("status", path, "--country", "KZ", "--on", "2023-08-15", "--pack", pack)
    assert (HELD % ("30 June 2023", "1 July 2023")
            + "kz-worker-made-up held until at least 30 June 2023 (the last day its sources "
            "show it in force): it may cover them too, which the pack does not know.") in lines



BISHKEK = ("permits:\n  - {country: KG, kind: employment_contract, valid_from: 2025-09-01, "
           "valid_to: 2026-08-31}\n")
TWO_CONTRACTS = ("permits:\n"
                 "  - {country: KG, kind: employment_contract, valid_from: 2025-01-10, "
                 "valid_to: 2025-06-30}\n"
                 "  - {country: KG, kind: employment_contract, valid_from: 2025-07-01, "
                 "valid_to: 2026-03-31}\n")


def test_the_report_gives_the_contracts_end_as_a_deadline(tmp_path: Path) -> None:
    """A worker staying on after the contract must know the day the 90 days start counting:
    the report lists it among the deadlines, named by the cover rule, and in the calendar."""
    path = profile(tmp_path, host="KG", entry="2025-09-01", permits=BISHKEK)
    lines = [" ".join(line.split()) for line in run("report", path, "--on", "2026-03-01")]
    assert ("31 August 2026 your employment contract in Kyrgyzstan ends: from 1 September 2026 "
            "your days count under the stay limit again [kg-eaeu-worker-contract]") in lines
    # 90 days from 1 September 2026, both included
    assert any(line.startswith("29 November 2026 last day of legal stay in Kyrgyzstan ")
               for line in lines)
    ics = runner.invoke(app, ["report", path, "--on", "2026-03-01", "--format", "ics"])
    assert ics.exit_code == 0
    event = ics.stdout.split("DTSTART;VALUE=DATE:20260831")[0].rsplit("BEGIN:VEVENT", 1)[1]
    assert "your employment contract" in event.replace("\r\n ", "")
    # after the contract's end, no deadline of it is left to meet
    later = run("report", path, "--on", "2026-09-01")
    assert not any("your employment contract in Kyrgyzstan ends" in line for line in later)


def test_a_contract_followed_by_the_next_is_no_deadline_and_its_days_after_do_not_count(
        tmp_path: Path) -> None:
    """A Kazakh in Kyrgyzstan on two contracts back to back: the first's end leaves no day to
    count, so its note names the next contract, and the report gives only the second's end."""
    path = profile(tmp_path, host="KG", citizenship="KZ", entry="2025-01-10",
                   permits=TWO_CONTRACTS)
    lines = run("status", path, "--country", "KG", "--on", "2025-03-01")
    assert ("Note: your employment contract in Kyrgyzstan (10 January 2025 to 30 June 2025) "
            "covers the days of this stay from 10 January 2025 to 30 June 2025 under "
            "kg-eaeu-worker-contract: they neither count nor are limited; after it ends on 30 "
            "June 2025, your employment contract in Kyrgyzstan (1 July 2025 to 31 March 2026) "
            "covers the days that follow.") in lines
    report = [" ".join(line.split()) for line in run("report", path, "--on", "2025-03-01")]
    ends = [line for line in report if "your employment contract in Kyrgyzstan ends" in line]
    assert ends == ["31 March 2026 your employment contract in Kyrgyzstan ends: from 1 April "
                    "2026 your days count under the stay limit again [kg-eaeu-worker-contract]"]
