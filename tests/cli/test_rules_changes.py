"""`rules list`'s filters and `rules changes`: which rules of a host a person meets on a day, and
what changed on the day one rule of a chain followed another (review 77, finding 6)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sojourn.cli import app

_SOURCE = "    sources: [{title: A source, url: 'https://example.org/a'}]\n    confidence: high\n"


def _permit(rule_id: str, first: str, last: str | None, fee: str, requirements: str,
            name: str = "Residence card") -> str:
    end = f"    valid_to: {last}\n" if last else ""
    return (f"  - id: {rule_id}\n    title: A permit\n    host: AM\n    citizenships: [RU]\n"
            f"    topic: permit\n    valid_from: {first}\n{end}"
            f"    permit: {{name: {name}, kind: temporary, fee: {fee}, "
            f"requirements: [{requirements}]}}\n" + _SOURCE)


def _stay(rule_id: str, host: str, citizens: str, first: str, last: str | None,
          limit: str) -> str:
    end = f"    valid_to: {last}\n" if last else ""
    return (f"  - id: {rule_id}\n    title: A stay\n    host: {host}\n"
            f"    citizenships: [{citizens}]\n    topic: stay\n    valid_from: {first}\n{end}"
            f"    constraints: [{limit}]\n" + _SOURCE)


def _pack(tmp_path: Path, *rules: str) -> str:
    (tmp_path / "rules.yaml").write_text("schema: sojourn.rules/1\nrules:\n" + "".join(rules),
                                      encoding="utf-8")
    return str(tmp_path)


def _run(*args: str) -> Any:
    result = CliRunner().invoke(app, ["rules", *args])
    assert result.exit_code == 0, result.output
    return result


def _changes(*args: str) -> Any:
    return json.loads(_run("changes", *args, "--json").stdout)


_ROLLING = "{kind: rolling, max: 180, window: 365}"
_PASSPORT = "{document: international_passport}"
_PER_ENTRY = "{kind: per_entry, max: 90}"


def test_a_permit_replaced_on_a_day_names_the_old_rule_and_what_its_data_changed(
        tmp_path: Path) -> None:
    pack = _pack(tmp_path,
                 _permit("am-old", "2024-01-01", "2026-10-31", "100 AMD",
                         "{document: international_passport}, {document: lease}"),
                 _permit("am-new", "2026-11-01", None, "200 AMD",
                         "{document: international_passport, min_validity_days: 180}, "
                         "{document: proof_of_funds}"),
                 # another permit's chain: begins the same day, replaces nothing
                 _permit("am-other", "2026-11-01", None, "1 AMD", _PASSPORT,
                         name="Other card"))
    out = _changes("--country", "AM", "--from", "2026-10-01", "--to", "2026-11-30",
                   "--pack", pack)
    assert [(c["day"], c["change"], c["rule"]) for c in out["changes"]] == [
        ("2026-11-01", "begins", "am-new"), ("2026-11-01", "begins", "am-other")]
    new, other = out["changes"]
    assert other["replaces"] == []
    (old,) = new["replaces"]
    assert old["rule"] == "am-old" and old["valid_to"] == "2026-10-31"
    told = {(tuple(d["field"]), d["change"]): (d["before"], d["after"])
            for d in old["differences"]}
    # a requirement kept is compared field by field; one of another document is added or
    # removed whole
    kept = ("permit", "requirements", "international_passport", "min_validity_days")
    assert told[kept, "added"] == (None, 180)
    assert told[("permit", "fee"), "changed"] == ("100 AMD", "200 AMD")
    removed = told[("permit", "requirements", "lease"), "removed"]
    added = told[("permit", "requirements", "proof_of_funds"), "added"]
    assert removed[0]["document"] == "lease" and removed[1] is None
    assert added[0] is None and added[1]["document"] == "proof_of_funds"
    assert len(told) == 4
    text = _run("changes", "--country", "AM", "--from", "2026-10-01", "--to", "2026-11-30",
                "--pack", pack).stdout
    assert "1 November 2026\n  am-new (permit) begins: A permit\n" in text
    assert "    replaces am-old, in force to 31 October 2026:\n" in text
    assert "      permit / fee: was 100 AMD; now 200 AMD\n" in text
    assert "      permit / requirements / lease, removed: document lease\n" in text


def test_an_end_without_a_rule_after_it_in_the_period_is_told_with_what_follows_later(
        tmp_path: Path) -> None:
    pack = _pack(tmp_path,
                 _stay("am-a", "AM", "RU", "2024-01-01", "2026-06-30", _ROLLING),
                 _stay("am-b", "AM", "RU", "2026-07-01", "2026-09-30", _PER_ENTRY),
                 _stay("am-c", "AM", "RU", "2026-10-01", None, _PER_ENTRY))
    out = _changes("--country", "AM", "--from", "2026-06-01", "--to", "2026-08-31",
                   "--pack", pack)
    # am-a's end is told by am-b replacing it; am-b's by its last day, am-c after the period
    assert [(c["day"], c["change"], c["rule"], [f["rule"] for f in c["followed_by"]])
            for c in out["changes"]] == [("2026-07-01", "begins", "am-b", [])]
    out = _changes("--country", "AM", "--from", "2026-09-01", "--to", "2026-09-30",
                   "--pack", pack)
    assert [(c["day"], c["change"], c["rule"], c["followed_by"]) for c in out["changes"]] == [
        ("2026-09-30", "ends", "am-b", [{"rule": "am-c", "valid_from": "2026-10-01"}])]
    (b,) = _changes("--country", "AM", "--from", "2026-07-01", "--to", "2026-07-01",
                    "--pack", pack)["changes"]
    (a,) = b["replaces"]
    assert [(d["field"], d["change"]) for d in a["differences"]] == [
        (["constraints"], "removed"), (["constraints"], "added")]
    # am-c has the same limit as am-b: a replacement with nothing to tell but its dates
    text = _run("changes", "--country", "AM", "--from", "2026-10-01", "--to", "2026-10-01",
                "--pack", pack).stdout
    assert ("    replaces am-b, in force to 30 September 2026, with the same limits, "
            "documents and terms\n") in text


def test_changes_keep_to_the_host_and_the_citizenship_asked_about(tmp_path: Path) -> None:
    pack = _pack(tmp_path,
                 _stay("am-ru", "AM", "RU", "2026-11-01", None, _ROLLING),
                 _stay("am-kz", "AM", "KZ", "2026-11-01", None, _ROLLING),
                 _stay("ge-ru", "GE", "RU", "2026-11-01", None, _ROLLING))
    out = _changes("--country", "AM", "--citizenship", "ru", "--from", "2026-11-01",
                   "--to", "2026-11-01", "--pack", pack)
    assert [c["rule"] for c in out["changes"]] == ["am-ru"]
    assert (out["country"], out["citizenship"]) == ("AM", "RU")
    assert [c["rule"] for c in _changes("--country", "AM", "--from", "2026-11-01", "--to",
                                        "2026-11-01", "--pack", pack)["changes"]] == [
        "am-kz", "am-ru"]
    text = _run("changes", "--country", "AM", "--citizenship", "BY", "--from", "2026-11-01",
                "--to", "2026-11-01", "--pack", pack).stdout
    assert text == ("No rule of Armenia for citizens of Belarus in the pack begins or ends on "
                    "1 November 2026.\n")


def test_armenia_on_1_november_2026_names_the_new_temporary_card_and_its_grounds() -> None:
    out = _changes("--country", "AM", "--from", "2026-10-01", "--to", "2026-11-30")
    new = {c["rule"]: c for c in out["changes"]}["am-permit-temporary-2026-11"]
    assert (new["day"], new["change"]) == ("2026-11-01", "begins")
    (old,) = new["replaces"]
    assert old["rule"] == "am-permit-temporary"
    (ground,) = old["differences"]
    assert ground["field"] == ["permit", "requirements", "basis_document", "note"]
    assert "AMD 1,000,000" in ground["after"] and "AMD 1,000,000" not in ground["before"]


def test_changes_refuse_a_period_that_ends_before_it_begins_and_an_unknown_host() -> None:
    bad = CliRunner().invoke(app, ["rules", "changes", "--country", "AM", "--from",
                                   "2026-11-30", "--to", "2026-10-01"])
    assert bad.exit_code == 2
    assert ("--to: '2026-10-01' is before --from 2026-11-30; expected a date on or after "
            "--from") in bad.stderr
    bad = CliRunner().invoke(app, ["rules", "changes", "--country", "XX", "--from",
                                   "2026-10-01", "--to", "2026-11-30"])
    assert bad.exit_code == 2
    assert "--country: 'XX' is not a country code or a zone; expected" in bad.stderr


def _listed(*args: str) -> list[str]:
    return [r["id"] for r in json.loads(_run("list", *args, "--json").stdout)]


def test_rules_list_keeps_the_host_topic_citizenship_and_day_asked_for(tmp_path: Path) -> None:
    pack = _pack(tmp_path,
                 _stay("am-ru-old", "AM", "RU", "2024-01-01", "2026-10-31", _ROLLING),
                 _stay("am-ru-new", "AM", "RU", "2026-11-01", None, _ROLLING),
                 _stay("am-any", "AM", "'*'", "2024-01-01", None, _ROLLING),
                 _stay("ge-ru", "GE", "RU", "2024-01-01", None, _ROLLING),
                 _permit("am-permit", "2024-01-01", None, "1 AMD", _PASSPORT))
    every = ["am-ru-old", "am-ru-new", "am-any", "ge-ru", "am-permit"]
    assert _listed("--pack", pack) == every
    assert _listed("--pack", pack, "--country", "ge") == ["ge-ru"]
    assert _listed("--pack", pack, "--topic", "Permit") == ["am-permit"]
    assert _listed("--pack", pack, "--on", "2026-11-01") == [
        "am-ru-new", "am-any", "ge-ru", "am-permit"]
    assert _listed("--pack", pack, "--citizenship", "KZ") == ["am-any"]
    assert _listed("--pack", pack, "--country", "AM", "--topic", "stay", "--citizenship",
                   "RU", "--on", "2026-10-31") == ["am-ru-old", "am-any"]
    table = _run("list", "--pack", pack, "--country", "AM", "--on", "2026-11-01").stdout
    assert [line.split()[0] for line in table.splitlines()] == [
        "id", "am-permit", "am-any", "am-ru-new"]
    empty = _run("list", "--pack", pack, "--country", "FR", "--topic", "stay").stdout
    assert empty == "No rule in the pack is kept by --country FR and --topic stay.\n"


def test_rules_list_of_armenia_on_1_november_2026_has_the_new_permits_not_the_old() -> None:
    ids = _listed("--country", "AM", "--topic", "permit", "--on", "2026-11-01")
    assert "am-permit-temporary-2026-11" in ids and "am-permit-temporary" not in ids
    before = _listed("--country", "AM", "--topic", "permit", "--on", "2026-10-31")
    assert "am-permit-temporary" in before and "am-permit-temporary-2026-11" not in before


def test_rules_list_refuses_bad_filters_as_other_commands_do() -> None:
    for args, told in (
            (["--country", "XX"], "--country: 'XX' is not a country code or a zone"),
            (["--topic", "visa"], "--topic: 'visa' is not accepted; expected one of entry, "),
            (["--citizenship", "R"], "--citizenship: 'R' is not a country code"),
            (["--on", "2026-13-01"], "--on: '2026-13-01' is not a calendar date")):
        bad = CliRunner().invoke(app, ["rules", "list", *args])
        assert bad.exit_code == 2, args
        assert told in bad.stderr, bad.stderr


def test_a_member_of_a_zone_without_rules_of_its_own_is_pointed_to_the_zone() -> None:
    told = _run("list", "--country", "FR").stdout
    assert told == ("No rule in the pack is kept by --country FR; France is judged as part of "
                    "the Schengen area: --country SCHENGEN.\n")
    assert _listed("--country", "FR") == []
    assert _listed("--country", "SCHENGEN", "--topic", "stay")


def test_a_member_asked_about_on_a_topic_is_given_its_zone_s_rules_on_it() -> None:
    # "rules list --country DE --topic permit" listed nothing, though permit and report plan
    # the Schengen area's permits for Germany (permit_host): the zone's, said to be the zone's;
    # Croatia's from the day it joined only
    told = _run("list", "--country", "DE", "--topic", "permit").stdout
    assert "schengen-permit-ua-temporary-protection  SCHENGEN" in told
    assert ("Germany has no permit rules of its own in the pack; these are the Schengen "
            "area's, which judge it: --country SCHENGEN\n") in told
    assert _listed("--country", "DE", "--topic", "stay") == _listed(
        "--country", "SCHENGEN", "--topic", "stay")
    assert _listed("--country", "HR", "--topic", "permit", "--on", "2022-06-01") == []
    assert _listed("--country", "HR", "--topic", "permit", "--on", "2023-06-01") == [
        "schengen-permit-ua-temporary-protection"]


def test_a_state_that_joined_a_zone_is_pointed_to_it_from_the_day_it_joined() -> None:
    # Croatia is judged as part of the Schengen area from 1 January 2023 only: "is judged as
    # part of the Schengen area" read as true of June 2022 too, and over the joining day
    # `rules changes` told of no change at all
    own = ("Croatia is judged as part of the Schengen area from 1 January 2023 (--country "
           "SCHENGEN), and by Croatia's own rules before then, none of which the pack has.\n")
    assert _run("list", "--country", "HR", "--on", "2022-06-01").stdout == (
        "No rule in the pack is kept by --country HR and --on 2022-06-01; " + own)
    assert _run("changes", "--country", "HR", "--from", "2022-01-01", "--to", "2023-12-31",
                "--citizenship", "RU").stdout == (
        "No rule of Croatia for citizens of the Russian Federation in the pack begins or ends "
        "from 1 January 2022 to 31 December 2023; " + own)


def test_a_limit_kept_for_a_while_by_the_new_rule_is_told_with_its_last_day(
        tmp_path: Path) -> None:
    # Kazakhstan on 27 January 2023: the new rule keeps the old 90 days per entry to 26 April
    # for stays under way, beside the new 90 in any 180; without its last day the text read
    # as the same limit removed and added
    pack = _pack(tmp_path,
                 _stay("kz-old", "KZ", "RU", "2022-01-01", "2023-01-26", _PER_ENTRY),
                 _stay("kz-new", "KZ", "RU", "2023-01-27", None,
                       "{kind: per_entry, max: 90, valid_to: 2023-04-26}, "
                       "{kind: rolling, max: 90, window: 180, counts_from: 2023-01-27}"))
    text = _run("changes", "--country", "KZ", "--from", "2023-01-27", "--to", "2023-01-27",
                "--pack", pack).stdout
    assert ("    replaces kz-old, in force to 26 January 2023:\n"
            "      constraints, removed: 90 days per entry\n"
            "      constraints, added: 90 days per entry, to 26 April 2023\n"
            "      constraints, added: 90 days in any 180, counted from 27 January 2023\n"
            ) in text
