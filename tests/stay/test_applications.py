"""A residence-permit application under way (profile ``applications``): where a permit rule
of the pack it is filed under says a timely application lets the applicant stay until it is
decided (Permit.stay_while_pending), its days from the filing to the decision, or to the
query day while it is pending, neither count nor are limited, as a permit's; where the pack
does not say, they count and the answer says it does not know. `permit` and `report` plan no
filing already made."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

import sojourn.rules
from sojourn.cli import app
from sojourn.rules.topics import Permit

from cli_lines import run

runner = CliRunner()


def profile(tmp_path: Path, host: str = "RS", entry: str = "2024-03-01",
            application: str | None = "{country: RS, kind: temporary_residence, "
                                       "filed_on: 2024-03-20}") -> str:
    path = tmp_path / "p.yaml"
    path.write_text(f"person:\n  citizenships: [RU]\ntrips:\n  - {{country: {host}, "
                    f"entry: {entry}}}\n"
                    + (f"applications:\n  - {application}\n" if application else ""),
                    encoding="utf-8")
    return str(path)


# while it is pending every day is covered: 26 May is the last day only were it refused
HELD_OPEN = ("You may stay in Serbia while your application for a temporary residence permit, "
             "filed on 20 March 2024, is pending (rs-permit-temporary-2024); were it refused on "
             "15 May 2024, the stay limit would end your stay on 26 May 2024 (12 days, 15 May "
             "2024 included).")


def test_a_pending_application_in_serbia_keeps_its_days_out_of_the_count(tmp_path: Path
                                                                          ) -> None:
    # entered 1 March, filed on day 20: 19 days counted, then covered to the query day
    lines = run("status", profile(tmp_path), "--country", "RS", "--on", "2024-05-15")
    assert lines[0] == HELD_OPEN
    note = next(line for line in lines[1:] if "your application" in line)
    assert "not yet decided, lets you stay until it is decided (rs-permit-temporary-2024)" in note
    assert "from 20 March 2024 to 15 May 2024 neither count nor are limited" in note
    assert not any(line.startswith("Overstay") for line in lines)


def test_without_the_application_the_same_stay_is_over_the_limit(tmp_path: Path) -> None:
    lines = run("status", profile(tmp_path, application=None), "--country", "RS",
                "--on", "2024-05-15")
    assert lines[0].startswith("You are over the limit in Serbia on 15 May 2024")


def test_json_tells_the_application_and_the_days_it_covers(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", profile(tmp_path), "--country", "RS",
                                 "--on", "2024-05-15", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["days_used"] == 19
    assert data["applications"] == [{
        "country": "RS", "kind": "temporary_residence", "filed_on": "2024-03-20",
        "decided_on": None, "outcome": None, "pending": True, "lets_stay": True,
        "filed_late": False, "due_by": "2024-03-29", "covered_from": "2024-03-20",
        "covered_to": "2024-05-15",
        # Serbia's rule caps no cover: to the decision
        "cover_days_max": None, "cover_ends_by": None, "rules": ["rs-permit-temporary-2024"]}]
    assert "rs-permit-temporary-2024" in [r["id"] for r in data["rules"]]
    # latest_exit is the limit's day were it refused: held_open_by says the stay is held open
    assert data["latest_exit"] == "2024-05-26"
    assert data["held_open_by"] == {
        "country": "RS", "kind": "temporary_residence", "filed_on": "2024-03-20",
        "rules": ["rs-permit-temporary-2024"], "cover_ends_by": None,
        "latest_exit_if_refused": "2024-05-26",
        "max_stay_days_if_refused": 12,
        # no cap: no last day while it is pending
        "latest_exit_if_pending": None, "max_stay_days_if_pending": None}


def test_plan_gives_the_same_headline_while_it_is_pending(tmp_path: Path) -> None:
    lines = run("plan", profile(tmp_path), "--country", "RS", "--from", "2024-05-15",
                "--length", "5")
    assert lines[0] == HELD_OPEN


def test_a_decided_application_leaves_the_headline_as_it_was(tmp_path: Path) -> None:
    app_ = ("{country: RS, kind: residence_permit, filed_on: 2024-03-20, "
            "decided_on: 2024-04-10, outcome: refused}")
    path = profile(tmp_path, application=app_)
    lines = run("status", path, "--country", "RS", "--on", "2024-04-15")
    # 24 days counted (19 before the filing, 5 after the decision, 11 to 15 April): 6 left
    assert lines[0] == ("You may stay in Serbia until 21 April 2024 (7 days, 15 April 2024 "
                        "included).")
    data = json.loads(runner.invoke(app, ["status", path, "--country", "RS", "--on",
                                          "2024-04-15", "--json"]).stdout)
    assert data["held_open_by"] is None


def test_a_refused_application_covers_the_days_to_its_decision_only(tmp_path: Path) -> None:
    app_ = ("{country: RS, kind: residence_permit, filed_on: 2024-03-20, "
            "decided_on: 2024-04-10, outcome: refused}")
    result = runner.invoke(app, ["status", profile(tmp_path, application=app_), "--country",
                                 "RS", "--on", "2024-04-15", "--json"])
    data = json.loads(result.stdout)
    # 19 days before the filing, 5 after the decision (11 to 15 April)
    assert data["days_used"] == 24
    assert data["applications"][0]["covered_to"] == "2024-04-10"


def test_an_application_filed_over_the_limit_is_not_timely(tmp_path: Path) -> None:
    app_ = "{country: RS, kind: temporary_residence, filed_on: 2024-04-05}"
    lines = run("status", profile(tmp_path, application=app_), "--country", "RS",
                "--on", "2024-04-15")
    assert lines[0].startswith("You are over the limit in Serbia on 15 April 2024")
    assert any("was filed on a day over the stay limit" in line for line in lines)


# entered 4 March 2024: day 29 is Monday 1 April, day 30 (the 30-day stay's last) Tuesday 2
# April; "before day 30" is contested (rs-trp-before-day-30, the default, against
# rs-trp-within-30-days)
DAY_30 = "{country: RS, kind: temporary_residence, filed_on: 2024-04-02}"


def test_a_filing_after_the_permits_own_deadline_covers_no_day(tmp_path: Path) -> None:
    # it read "You may stay in Serbia while your application ... is pending", as for any
    # filing within the legal stay; under the default account it was due on day 29
    path = profile(tmp_path, entry="2024-03-04", application=DAY_30)
    lines = run("status", path, "--country", "RS", "--on", "2024-04-15")
    assert lines[0] == "You are over the limit in Serbia on 15 April 2024: you should leave now."
    note = next(line for line in lines if "your application" in line)
    assert note == (
        "Note: your application for a temporary residence permit in Serbia, filed on 2 April "
        "2024, after the day it was due, 1 April 2024, 1 day before your legal stay ended on 2 "
        "April 2024 (rs-permit-temporary-2024, as read by rs-trp-before-day-30: File by day "
        "29, before the 30th day of the stay): the rule lets an application filed in time "
        "stay until it is decided, and whether one filed late does is not known (its sources "
        "do not say), so its days are counted under the stay limit; under "
        "rs-trp-within-30-days (File on any day within the 30 days, the 30th included), due "
        "by 2 April 2024, it was filed in time (--assume rs-trp-within-30-days).")
    # the contested-rule line names the account, and what the other one answers
    assert ("Warning: contested rule (rs-permit-temporary-2024): assumed "
            "'rs-trp-before-day-30'; other accounts: --assume rs-trp-within-30-days (until 16 "
            "April 2024, 2 days; no overstay).") in lines
    data = json.loads(runner.invoke(app, ["status", path, "--country", "RS", "--on",
                                          "2024-04-15", "--json"]).stdout)
    cover = data["applications"][0]
    assert (cover["filed_late"], cover["due_by"], cover["covered_from"]) == (
        True, "2024-04-01", None)
    assert data["held_open_by"] is None
    assert [a["variant"] for a in data["assumptions"]] == ["rs-trp-before-day-30"]


def test_under_the_other_account_a_filing_on_day_30_holds_the_stay_open(tmp_path: Path
                                                                        ) -> None:
    path = profile(tmp_path, entry="2024-03-04", application=DAY_30)
    lines = run("status", path, "--country", "RS", "--on", "2024-04-15",
                "--assume", "rs-trp-within-30-days")
    assert lines[0].startswith("You may stay in Serbia while your application for a temporary "
                               "residence permit, filed on 2 April 2024, is pending")
    # in time only by the account assumed: the answer rests on it, and says so
    assert ("Warning: contested rule (rs-permit-temporary-2024): assumed "
            "'rs-trp-within-30-days'; other accounts: --assume rs-trp-before-day-30 (no day "
            "left; 13 days overstayed; earliest entry 16 April 2024).") in lines


def test_permit_for_a_filing_past_its_own_deadline_says_it_was_late(tmp_path: Path) -> None:
    # it said "Filed already: ... the filing is made", as if made in time
    path = profile(tmp_path, entry="2024-03-04", application=DAY_30)
    args = ("permit", path, "--country", "RS", "--permit", "rs-permit-temporary-2024",
            "--on", "2024-04-15")
    said = " ".join(run(*args))
    assert said.startswith("Filed late: Temporary residence permit (Serbia). Your application "
                           "for a temporary residence permit in Serbia, filed on 2 April 2024, "
                           "after the day it was due, 1 April 2024")
    assert "as read by rs-trp-before-day-30" in said
    assert ("under rs-trp-within-30-days (File on any day within the 30 days, the 30th "
            "included), due by 2 April 2024, it was filed in time (--assume "
            "rs-trp-within-30-days)") in said
    # in time under the other account: filed, and the stay held open
    other = " ".join(run(*args, "--assume", "rs-trp-within-30-days"))
    assert other.startswith("Filed already:") and "after the day it was due" not in other


def test_permit_under_the_other_account_says_the_default_counts_the_filing_late(
        tmp_path: Path) -> None:
    # under --assume rs-trp-within-30-days it said "Filed already" and no more, where the
    # default account has the filing on day 30 late and its days over the limit
    path = profile(tmp_path, entry="2024-03-04", application=DAY_30)
    args = ("permit", path, "--country", "RS", "--permit", "rs-permit-temporary-2024",
            "--on", "2024-04-15", "--assume", "rs-trp-within-30-days")
    lines = run(*args)
    assert lines[0].startswith("Filed already: ")
    assert ("the filing is made, and no plan is made for it again. It was due by 2 April 2024, "
            "the last day of your legal stay (rs-permit-temporary-2024, as read by "
            "rs-trp-within-30-days: File on any day within the 30 days, the 30th included), so "
            "it was filed in time; under the default account, rs-trp-before-day-30 (File by day "
            "29, before the 30th day of the stay), due by 1 April 2024, it was filed late, and "
            "its days would be counted under the stay limit (--assume rs-trp-before-day-30). "
            "You may stay in Serbia while") in lines[0]
    # the contested-rule line, as status gives it, names the default account's answer
    assert ("Warning: contested rule (rs-permit-temporary-2024): assumed 'rs-trp-within-30-days'; "
            "other accounts: --assume rs-trp-before-day-30 (filed late, its days counted under "
            "the stay limit, over it since 3 April 2024; unknown).") in lines
    data = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert (data["assumed"], data["accounts_agree"]) == ("rs-trp-within-30-days", False)
    assert [(o["variant"], o["same_answer"]) for o in data["other_accounts"]] == [
        ("rs-trp-before-day-30", False)]
    # and the default's "Filed late" names the other account's in its line too
    default = run(*args[:-2])
    assert ("Warning: contested rule (rs-permit-temporary-2024): assumed 'rs-trp-before-day-30'; "
            "other accounts: --assume rs-trp-within-30-days (stay held open while") in " ".join(
                default)


def test_a_filing_on_day_29_is_in_time_under_both_accounts(tmp_path: Path) -> None:
    app_ = "{country: RS, kind: temporary_residence, filed_on: 2024-04-01}"
    path = profile(tmp_path, entry="2024-03-04", application=app_)
    lines = run("status", path, "--country", "RS", "--on", "2024-04-15")
    assert lines[0].startswith("You may stay in Serbia while your application")
    # the contest does not touch it: no account is named
    assert not any("rs-trp-" in line for line in lines)


def test_where_the_pack_does_not_say_the_answer_says_it_is_not_known(tmp_path: Path) -> None:
    # Uzbekistan's permit says nothing of it (Georgia's, the example before, now does)
    app_ = "{country: UZ, kind: residence_permit, filed_on: 2024-03-20}"
    lines = run("status", profile(tmp_path, host="UZ", application=app_), "--country", "UZ",
                "--on", "2024-05-15")
    note = next(line for line in lines if "your application" in line)
    assert "whether an application lets you stay is not known (uz-permit-residence" in note
    assert ("(uz-permit-residence and uz-permit-residence-property do not say); its days are "
            "counted under the stay limit") in note


def test_two_rules_that_do_not_say_take_a_plural_verb(tmp_path: Path) -> None:
    # a Russian's residence permit in Uzbekistan is filed under two rules, neither of which
    # says whether a pending application lets him stay: "a and b do not say", not "does"
    app_ = "{country: UZ, kind: residence_permit, filed_on: 2024-03-20}"
    lines = run("status", profile(tmp_path, host="UZ", application=app_), "--country", "UZ",
                "--on", "2024-05-15")
    note = next(line for line in lines if "your application" in line)
    assert "(uz-permit-residence and uz-permit-residence-property do not say); its days " \
           "are counted under the stay limit" in note
    assert "does not say" not in note


def test_an_ad_hoc_rule_reads_no_pack_and_covers_none(tmp_path: Path) -> None:
    lines = run("status", profile(tmp_path), "--rule", "per-entry:30", "--on", "2024-05-15")
    assert lines[0].startswith("You are over the limit")
    assert any("an ad-hoc --rule reads none" in line for line in lines)


def test_permit_does_not_plan_a_filing_already_made(tmp_path: Path) -> None:
    lines = run("permit", profile(tmp_path), "--country", "RS", "--permit",
                "rs-permit-temporary-2024", "--on", "2024-05-15")
    # and that it holds the stay open, in status's words: "Your legal stay" read as gone by
    # 26 May, the limit's day, said nowhere but in the JSON's held_open_by
    assert lines[0] == ("Filed already: Temporary residence permit (Serbia). Your application "
                        "for a temporary residence permit in Serbia, filed on 20 March 2024, is "
                        "not yet decided: the filing is made, and no plan is made for it again. "
                        "You may stay in Serbia while your application for a temporary "
                        "residence permit, filed on 20 March 2024, is pending "
                        "(rs-permit-temporary-2024); were it refused on 15 May 2024, your legal "
                        "stay would end on 26 May 2024.")
    result = runner.invoke(app, ["permit", profile(tmp_path), "--country", "RS", "--permit",
                                 "rs-permit-temporary-2024", "--on", "2024-05-15", "--json"])
    data = json.loads(result.stdout)
    assert data["pending_application"].startswith("your application for a temporary")
    assert data["feasible"] is None
    # its legal_stay_ends is the limit's day were the application refused, as status says
    assert data["legal_stay_ends"] == "2024-05-26"
    assert data["held_open_by"]["latest_exit_if_refused"] == "2024-05-26"


def test_report_tells_the_pending_application_instead_of_a_plan(tmp_path: Path) -> None:
    lines = run("report", profile(tmp_path), "--on", "2024-05-15")
    assert any(line.startswith("No residence permit plan: your application for a temporary "
                               "residence permit in Serbia, filed on 20 March 2024, is not yet "
                               "decided, so Temporary residence permit (Serbia) "
                               "(rs-permit-temporary-2024) is not planned again")
               for line in lines)


def test_report_says_the_last_day_of_legal_stay_holds_only_were_it_refused(tmp_path: Path
                                                                          ) -> None:
    lines = run("report", profile(tmp_path), "--on", "2024-05-15")
    assert lines[1] == HELD_OPEN
    assert ("26 May 2024   last day of legal stay in Serbia were your application for a "
            "temporary residence permit, filed on 20 March 2024, refused on 15 May 2024; you "
            "may stay while it is pending (rs-permit-temporary-2024)  [rs-stay-30-per-entry]"
            ) in lines


def test_a_kind_the_pack_has_no_permit_rule_by_is_refused(tmp_path: Path) -> None:
    # "temporary" is id-like, so the profile lets it by; the pack has no rule of that id
    path = profile(tmp_path, application="{country: RS, kind: temporary, filed_on: 2024-03-20}")
    # every command that reads the profile refuses it alike: risk answered, and destinations
    # gave every host "unknown" (each row's stay error taken for not known)
    on = ["--on", "2024-05-15"]
    for command in (["status", path, "--country", "RS", *on], ["report", path, *on],
                    ["plan", path, "--country", "RS", "--from", "2024-05-15", "--length", "5"],
                    ["permit", path, "--country", "RS", "--permit", "rs-permit-temporary-2024",
                     *on],
                    ["risk", path, "--country", "RS", *on], ["destinations", path, *on],
                    ["entry", "--history", path, "--citizenship", "RU", "--to", "RS",
                     "--document", "international_passport", *on]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.output
        assert ("line 6, field 'applications[0].kind': 'temporary' is neither a permit kind nor "
                "the id of a permit rule for Serbia in the pack (did you mean "
                "'temporary_residence'?); expected one of residence_permit, temporary_residence, "
                "permanent_residence, extension, or the id of a permit rule for Serbia: "
                "rs-permit-temporary-2018, rs-permit-temporary, "
                "rs-permit-ua-temporary-protection, rs-permit-temporary-2024") in result.stderr


def test_a_permit_rule_of_another_host_is_refused(tmp_path: Path) -> None:
    path = profile(tmp_path, application="{country: RS, kind: ge-permit-residence, "
                                         "filed_on: 2024-03-20}")
    result = runner.invoke(app, ["status", path, "--country", "RS", "--on", "2024-05-15"])
    assert result.exit_code == 2, result.output
    assert ("field 'applications[0].kind': 'ge-permit-residence' is a permit rule for Georgia, "
            "not for Serbia, where the application is filed (its country)") in result.stderr


def test_a_permit_rule_of_the_host_is_taken_as_the_kind(tmp_path: Path) -> None:
    path = profile(tmp_path, application="{country: RS, kind: rs-permit-temporary-2024, "
                                         "filed_on: 2024-03-20}")
    # named by the rule's permit, as a profile kind is: it read "for the permit of
    # rs-permit-temporary-2024"
    lines = run("status", path, "--country", "RS", "--on", "2024-05-15")
    assert lines[0] == HELD_OPEN
    assert any("your application for a temporary residence permit in Serbia, filed on 20 March "
               "2024 and not yet decided" in line for line in lines)
    assert HELD_OPEN in run("report", path, "--on", "2024-05-15")
    permit = run("permit", path, "--country", "RS", "--permit", "rs-permit-temporary-2024",
                 "--on", "2024-05-15")
    assert permit[0].startswith("Filed already: Temporary residence permit (Serbia). Your "
                                "application for a temporary residence permit in Serbia, filed")


def test_a_bad_application_is_refused_with_file_line_field_and_form(tmp_path: Path) -> None:
    path = profile(tmp_path, application="{country: RS, kind: temporary_residnce, "
                                         "filed_on: 2024-03-20, outcome: granted}")
    result = runner.invoke(app, ["status", path, "--country", "RS", "--on", "2024-05-15"])
    assert result.exit_code == 2
    assert ("line 6, field 'applications[0].kind': 'temporary_residnce' is not a permit kind "
            "or rule id; expected one of residence_permit") in result.stderr
    assert "field 'applications[0].outcome': 'granted' is given, and decided_on is missing" \
        in result.stderr


def test_leaving_while_it_is_pending_ends_the_cover_with_the_stay_it_was_filed_in(
        tmp_path: Path) -> None:
    # filed on 20 March, left on 10 April, back on 20 April: whether a pending application
    # covers a stay after coming back is not in the sources, so that stay counts (it was
    # covered to the query day, and the headline said the stay was held open)
    path = tmp_path / "p.yaml"
    path.write_text("person:\n  citizenships: [RU]\ntrips:\n"
                    "  - {country: RS, entry: 2024-03-01, exit: 2024-04-10}\n"
                    "  - {country: RS, entry: 2024-04-20}\n"
                    "applications:\n"
                    "  - {country: RS, kind: temporary_residence, filed_on: 2024-03-20}\n",
                    encoding="utf-8")
    lines = run("status", str(path), "--country", "RS", "--on", "2024-05-15")
    # 30 days per entry: 20 April to 15 May is 26 days
    assert lines[0] == "You may stay in Serbia until 19 May 2024 (5 days, 15 May 2024 included)."
    note = next(line for line in lines if "your application" in line)
    assert ("the days from 20 March 2024 to 10 April 2024, when you left Serbia while it was "
            "pending, neither count nor are limited; the cover ends with the stay it was filed "
            "in, and a stay after coming back counts under the stay limit: the pack does not "
            "know whether a pending application covers it") in note
    data = json.loads(runner.invoke(app, ["status", str(path), "--country", "RS", "--on",
                                          "2024-05-15", "--json"]).stdout)
    assert data["days_used"] == 26
    assert data["applications"][0]["covered_to"] == "2024-04-10"
    assert data["held_open_by"] is None


# Kazakhstan's permanent permit: a pending application holds the stay open for 90 days at most
# (Permit.stay_while_pending_days), the filing day, 9 May 2024, being day 1: to 6 August
KZ_FILED = "{country: KZ, kind: permanent_residence, filed_on: 2024-05-09}"
KZ_CAPPED = ("your application for a permanent residence permit in Kazakhstan, filed on 9 May "
             "2024, not yet decided, held the stay open until 6 August 2024 (90 days, "
             "kz-permit-permanent-2023), the most a pending application is covered: the days "
             "from 9 May 2024 to 6 August 2024 neither count nor are limited, and those from 7 "
             "August 2024 count under the stay limit again, though it is still pending")
# were it still pending on 6 August, the 21 days left then run to 4 November, as the days
# before the filing roll out of the window: the last day if it stays pending, not the cap's
KZ_IF_PENDING = (": if it is still pending, until 4 November 2024 (its cover ends on 6 August "
                 "2024, 90 days from its filing, that day included, and then your days count "
                 "under the stay limit)")


def test_a_cap_ahead_is_said_where_the_stay_is_held_open(tmp_path: Path) -> None:
    path = profile(tmp_path, host="KZ", application=KZ_FILED)
    lines = run("status", path, "--country", "KZ", "--on", "2024-06-20")
    assert lines[0] == (
        "You may stay in Kazakhstan while your application for a permanent residence permit, "
        f"filed on 9 May 2024, is pending (kz-permit-permanent-2023){KZ_IF_PENDING}; were it "
        "refused on 20 June 2024, the stay limit would end your stay on 11 July 2024 (22 days, "
        "20 June 2024 included).")
    report = run("report", path, "--on", "2024-06-20")
    assert any(line.startswith("11 July 2024") and "you may stay while it is pending "
               f"(kz-permit-permanent-2023){KZ_IF_PENDING}" in line for line in report)
    result = runner.invoke(app, ["permit", path, "--country", "KZ", "--permit",
                                 "kz-permit-temporary-2024", "--on", "2024-06-20", "--json"])
    assert json.loads(result.stdout)["held_open_by"]["cover_ends_by"] == "2024-08-06"


def test_the_last_day_if_it_stays_pending_is_the_same_in_every_json(tmp_path: Path) -> None:
    # only the cap's day, 6 August, was given: were it still pending then, the stay runs to 4
    # November, the day status gives once past the cap (below), 138 days from 20 June
    path = profile(tmp_path, host="KZ", application=KZ_FILED)
    status = json.loads(runner.invoke(app, ["status", path, "--country", "KZ", "--on",
                                            "2024-06-20", "--json"]).stdout)
    destinations = json.loads(runner.invoke(app, ["destinations", path, "--on", "2024-06-20",
                                                  "--json"]).stdout)
    permit = json.loads(runner.invoke(app, ["permit", path, "--country", "KZ", "--permit",
                                            "kz-permit-temporary-2024", "--on", "2024-06-20",
                                            "--json"]).stdout)
    kz = next(d for d in destinations["destinations"] if d["host"] == "KZ")
    for held in (status["held_open_by"], kz["held_open_by"], permit["held_open_by"]):
        assert (held["cover_ends_by"], held["latest_exit_if_pending"],
                held["max_stay_days_if_pending"]) == ("2024-08-06", "2024-11-04", 138)
        assert held["latest_exit_if_refused"] == "2024-07-11"
    past_cap = json.loads(runner.invoke(app, ["status", path, "--country", "KZ", "--on",
                                              "2024-08-15", "--json"]).stdout)
    assert past_cap["latest_exit"] == "2024-11-04"


def test_a_plan_for_another_permit_says_the_stay_is_held_open_and_its_cap(tmp_path: Path
                                                                           ) -> None:
    # it read "Your legal stay ends on 11 July 2024", the limit's day were the application
    # refused, where status says the stay is held open, to 6 August at most
    path = profile(tmp_path, host="KZ", application=KZ_FILED)
    held = ("You may stay in Kazakhstan while your application for a permanent residence "
            f"permit, filed on 9 May 2024, is pending (kz-permit-permanent-2023){KZ_IF_PENDING}; "
            "were it refused on 20 June 2024, your legal stay would end on 11 July 2024")
    lines = run("permit", path, "--country", "KZ", "--permit", "kz-permit-temporary-2024", "--on",
                "2024-06-20")
    assert lines[0].startswith(f"Unknown: Temporary residence permit (Kazakhstan). {held}; "
                               "every step can still start in time to file on 11 July 2024.")
    assert "Your legal stay ends" not in lines[0]
    result = runner.invoke(app, ["permit", path, "--country", "KZ", "--permit",
                                 "kz-permit-temporary-2024", "--on", "2024-06-20", "--json"])
    data = json.loads(result.stdout)
    assert data["verdict"].startswith(held)
    assert data["legal_stay_ends"] == "2024-07-11"
    # the application's own rule: filed already, and holding the stay open
    filed = run("permit", path, "--country", "KZ", "--permit", "kz-permit-permanent-2023",
                "--on", "2024-06-20")
    assert filed[0].endswith(f"no plan is made for it again. {held}.")


def test_a_permit_issued_after_the_refused_day_says_that_day_holds_only_were_it_refused(
        tmp_path: Path) -> None:
    # it read "after your legal stay ends on 11 July 2024", here and on the filing step,
    # where the pending application holds the stay open to 6 August at most
    path = profile(tmp_path, host="KZ", application=KZ_FILED)
    lines = run("permit", path, "--country", "KZ", "--permit", "kz-permit-temporary-2024", "--on",
                "2024-06-20")
    pending = f"while it is pending (kz-permit-permanent-2023){KZ_IF_PENDING}"
    assert ("Filed on 11 July 2024, the permit would be issued about 18 July 2024, after 11 "
            "July 2024, when your legal stay would end were your pending application refused "
            f"on 20 June 2024; you may stay {pending}, and whether this new application lets "
            "you stay on while it is decided is not known (the pack's facts do not say)."
            ) in lines[0]
    assert "after your legal stay ends" not in lines[0]
    step = next(line for line in lines if "- file the application" in line)
    assert step.endswith("issued about 18 July 2024, after 11 July 2024, when your legal stay "
                         "would end were your pending application refused on 20 June 2024, and "
                         f"it holds the stay open {pending}")


def test_another_account_of_a_plan_with_the_stay_held_open_says_so(tmp_path: Path) -> None:
    # a copy of the pack in which kz-permit-temporary-2024 is contested: an account asking
    # for the application 5 days before the stay ends files by another day, and its line said
    # "legal stay ends 11 July 2024", the day only were the pending application refused
    pack = tmp_path / "pack"
    shutil.copytree(Path(sojourn.rules.__file__).parent / "pack", pack)
    permits = pack / "permits.yaml"
    text = permits.read_text(encoding="utf-8")
    rule = text.index("  - id: kz-permit-temporary-2024\n")
    # the copy of its permit block names its YAML anchors anew: an anchor twice is no YAML
    block = text[text.index("    permit:\n", rule):text.index("    confidence:", rule)].replace(
        "&kz-trp-", "&copy-kz-trp-")
    end = text.index("\n\n  - id:", rule)
    variants = ("    variants:\n      - name: kz-trp-test-on-the-day\n        default: true\n"
                "        title: By the stay's last day\n      - name: kz-trp-test-5-days\n"
                "        title: 5 days before the stay ends\n"
                + block.replace("    ", "        ", 1).replace("\n      ", "\n          ")
                + "          apply_days_before_stay_ends: 5\n")
    permits.write_text(text[:end] + "\n" + variants + text[end:], encoding="utf-8")
    path = profile(tmp_path, host="KZ", application=KZ_FILED)
    lines = run("permit", path, "--country", "KZ", "--permit", "kz-permit-temporary-2024", "--on",
                "2024-06-20", "--pack", str(pack))
    line = next(line for line in lines if line.startswith("Warning: contested rule "
                                                          "(kz-permit-temporary-2024)"))
    assert line.endswith(
        "--assume kz-trp-test-5-days (stay held open while your application for a permanent "
        "residence permit, filed on 9 May 2024, is pending (kz-permit-permanent-2023)"
        f"{KZ_IF_PENDING}; legal stay would end 11 July 2024 were it refused on 20 June 2024; "
        "file by 5 July 2024; unknown).")
    assert "legal stay ends" not in line


def test_past_its_cap_a_pending_application_no_longer_holds_the_stay_open(tmp_path: Path
                                                                         ) -> None:
    # 7 to 15 August count again: 69 + 9 = 78 days, and the limit ends the stay on 4
    # November whatever the decision; status, report and permit say the same day
    path = profile(tmp_path, host="KZ", application=KZ_FILED)
    lines = run("status", path, "--country", "KZ", "--on", "2024-08-15")
    assert lines[0] == ("You may stay in Kazakhstan until 4 November 2024 (82 days, 15 August "
                        "2024 included).")
    assert any(KZ_CAPPED in line for line in lines)
    report = run("report", path, "--on", "2024-08-15")
    assert any(line.startswith("4 November 2024") and line.endswith(
        "last day of legal stay in Kazakhstan  [kz-stay-eaeu-90-180]") for line in report)
    result = runner.invoke(app, ["permit", path, "--country", "KZ", "--permit",
                                 "kz-permit-temporary-2024", "--on", "2024-08-15", "--json"])
    data = json.loads(result.stdout)
    assert data["legal_stay_ends"] == "2024-11-04"
    assert data["held_open_by"] is None
    # past its cap it holds the stay open no more: the plan's legal stay ends on the day
    assert data["verdict"].startswith("Your legal stay ends on 4 November 2024")


def test_a_decision_after_the_cap_leaves_the_days_after_it_counted(tmp_path: Path) -> None:
    # refused on 6 September, 120 days after the filing: 7 August to 10 November count
    app_ = ("{country: KZ, kind: permanent_residence, filed_on: 2024-05-09, "
            "decided_on: 2024-09-06, outcome: refused}")
    lines = run("status", profile(tmp_path, host="KZ", application=app_), "--country", "KZ",
                "--on", "2024-11-10")
    assert lines[0] == ("You are over the limit in Kazakhstan on 10 November 2024: you should "
                        "leave now.")
    note = next(line for line in lines if "your application" in line)
    assert ("filed on 9 May 2024, decided on 6 September 2024 (refused), held the stay open "
            "until 6 August 2024 (90 days, kz-permit-permanent-2023)") in note
    assert note.endswith("though it was decided only on 6 September 2024.")


def test_destinations_says_the_pending_application_holds_the_stay_open(tmp_path: Path
                                                                        ) -> None:
    # the row gave 26 May as the stay's end, as a limit, where status and report say every
    # day while the application is pending is covered
    path = profile(tmp_path)
    text = runner.invoke(app, ["destinations", path, "--on", "2024-05-15"])
    assert text.exit_code == 0, text.output
    row = next(line for line in text.stdout.splitlines() if line.startswith("  RS "))
    assert "while pending" in row and "26 May 2024 if refused" in row
    assert ("RS: you may stay while your application for a temporary residence permit, filed "
            "on 20 March 2024, is pending (rs-permit-temporary-2024); were it refused on 15 May "
            "2024, you could stay until 26 May 2024 (12 days).") in text.stdout
    data = json.loads(runner.invoke(app, ["destinations", path, "--on", "2024-05-15",
                                          "--json"]).stdout)
    rs = next(d for d in data["destinations"] if d["host"] == "RS")
    assert rs["held_open_by"] == {
        "country": "RS", "kind": "temporary_residence", "filed_on": "2024-03-20",
        "rules": ["rs-permit-temporary-2024"], "latest_exit_if_refused": "2024-05-26",
        "max_stay_days_if_refused": 12, "cover_ends_by": None,
        "latest_exit_if_pending": None, "max_stay_days_if_pending": None}
    # a host where none is pending has none
    assert next(d for d in data["destinations"] if d["host"] == "KZ")["held_open_by"] is None


def test_destinations_names_the_cap_of_a_pending_application(tmp_path: Path) -> None:
    # the row's "while pending" would read as open-ended: Kazakhstan's cover ends on 6 August
    path = profile(tmp_path, host="KZ", application=KZ_FILED)
    text = runner.invoke(app, ["destinations", path, "--on", "2024-06-20"])
    assert ("KZ: you may stay while your application for a permanent residence permit, filed on "
            f"9 May 2024, is pending (kz-permit-permanent-2023){KZ_IF_PENDING}; were it refused "
            "on 20 June 2024, you could stay until 11 July 2024 (22 days).") in text.stdout


# `rules show`: what a permit rule says of a pending application, which status counts by,
# was in its JSON only; a caseworker reading the rule could not see it
def test_rules_show_says_a_pending_application_holds_the_stay_open_and_its_cap() -> None:
    capped = run("rules", "show", "kz-permit-permanent-2023")
    assert ("while pending: an application filed during a lawful stay lets the applicant stay "
            "until it is decided, for at most 90 days from its filing, that day included"
            ) in capped
    uncapped = run("rules", "show", "rs-permit-temporary-2024")
    assert ("while pending: an application filed during a lawful stay lets the applicant stay "
            "until it is decided") in uncapped
    assert ("while pending: whether an application lets the applicant stay until it is decided "
            "is not known") in run("rules", "show", "uz-permit-residence")
    # not said of a rule of another topic
    assert not any(line.startswith("while pending")
                   for line in run("rules", "show", "rs-stay-30-per-entry"))
    permit = json.loads(runner.invoke(app, ["rules", "show", "kz-permit-permanent-2023",
                                            "--json"]).stdout)["permit"]
    assert (permit["stay_while_pending"], permit["stay_while_pending_days"]) == (True, 90)


def test_a_permit_that_refuses_a_pending_application_is_said_so() -> None:
    refused = Permit(name="Temporary residence permit", kind="temporary",
                     stay_while_pending=False)
    assert refused.while_pending_words == ("an application does not let the applicant stay "
                                           "while it is decided")


def test_rules_show_gives_an_account_whose_word_on_a_pending_application_differs(
        tmp_path: Path) -> None:
    # a copy of the pack whose kz-prp-no-home-consent account sets no cap: its line says so,
    # as it says its own limits where they are not those shown above
    pack = tmp_path / "pack"
    shutil.copytree(Path(sojourn.rules.__file__).parent / "pack", pack)
    permits = pack / "permits.yaml"
    text = permits.read_text(encoding="utf-8")
    at = text.index("name: kz-prp-no-home-consent", text.index("id: kz-permit-permanent-2023"))
    cap = text.index("stay_while_pending_days: 90\n", at)
    line = text.rindex("\n", 0, cap) + 1
    permits.write_text(text[:line] + text[text.index("\n", cap) + 1:], encoding="utf-8")
    lines = run("rules", "show", "kz-permit-permanent-2023", "--pack", str(pack))
    variant = next(line for line in lines if line.startswith("variant kz-prp-no-home-consent"))
    assert variant.endswith("; while pending: an application filed during a lawful stay lets "
                            "the applicant stay until it is decided")
    default = next(line for line in lines if line.startswith("variant kz-prp-as-adopted"))
    assert "while pending" not in default


def test_the_report_lists_the_last_day_if_it_stays_pending_as_a_deadline(tmp_path: Path
                                                                          ) -> None:
    # 4 November was only in the words of the 11 July line: no dated line, no calendar event
    path = profile(tmp_path, host="KZ", application=KZ_FILED)
    report = run("report", path, "--on", "2024-06-20")
    assert any(line.startswith("4 November 2024") and line.endswith(
        "last day of legal stay in Kazakhstan if your application for a "
            "permanent residence permit, filed on 9 May 2024, is still pending (its cover ends "
            "on 6 August 2024, 90 days from its filing, that day included, and then your days "
        "count under the stay limit)  [kz-permit-permanent-2023]") for line in report)
    data = json.loads(runner.invoke(app, ["report", path, "--on", "2024-06-20", "--format",
                                          "json"]).stdout)
    assert [(d["day"], d["rule"]) for d in data["deadlines"] if d["day"] == "2024-11-04"] == [
        ("2024-11-04", "kz-permit-permanent-2023")]
    ics = runner.invoke(app, ["report", path, "--on", "2024-06-20", "--format", "ics"]).stdout
    assert "DTSTART;VALUE=DATE:20241104" in ics
