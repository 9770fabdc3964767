"""A dual citizen is told what each other citizenship held would give: `status` and `plan`
add a line for each one the host has stay rules for, naming --citizenship, and --json lists
them in `other_citizenships`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_lines import printed as run

ROOT = Path(__file__).resolve().parents[2]
KAZAKH_RUSSIAN = str(ROOT / "examples" / "kazakh-russian.yaml")  # in Armenia from 10 Jan 2023


def profile(tmp_path: Path, citizenships: str, documents: str, trip: str,
            born: str | None = None) -> str:
    path = tmp_path / "p.yaml"
    birth = f"  born: {born}\n" if born else ""
    # Kyrgyzstan's ban for Kazakh citizens is for a stay not registered: none was made
    registered = "registrations: []\n" if trip == KG_OVERSTAY else ""
    path.write_text(f"version: 1\nperson:\n  citizenships: [{citizenships}]\n{birth}"
                    f"  documents:\n{documents}trips:\n  - {trip}\n{registered}",
                    encoding="utf-8")
    return str(path)


KZ_ID_RU_PASSPORT = ("    - {type: id_card, country: KZ}\n"
                     "    - {type: international_passport, country: RU, expires: 2031-05-01}\n")
# 122 days in Kyrgyzstan, 32 over its 90 in any 180: a Kazakh is refused the next entry for
# 90 days from leaving (to 30 March 2026), a Russian is not (kg-penalty-overstay-kz-2025)
KG_OVERSTAY = "{country: KG, entry: 2025-09-01, exit: 2025-12-31, by: land}"


def others(*args: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(run(*args, "--json"))["other_citizenships"]
    return data


def line(out: str) -> str:
    return next(x for x in out.splitlines() if x.startswith("Other citizenship"))


def test_a_kazakh_passport_barred_by_a_ban_is_told_beside_a_russian_one(tmp_path: Path) -> None:
    hist = profile(tmp_path, "RU, KZ", KZ_ID_RU_PASSPORT, KG_OVERSTAY)
    args = ("status", hist, "--country", "KG", "--on", "2026-02-01")
    [kz] = others(*args)
    assert kz["citizenship"] == "KZ" and kz["entry_barred_until"] == "2026-03-30"
    assert kz["limited_by"] == "entry_ban" and kz["same_answer"] is False
    assert line(run(*args)) == (
        "Other citizenship: as a citizen of Kazakhstan (--citizenship KZ): entry barred until "
        "30 March 2026.")
    # judged as a Kazakh, the Russian passport is the one with no ban
    [ru] = others(*args, "--citizenship", "KZ")
    assert ru["citizenship"] == "RU" and ru["entry_barred_until"] is None
    assert ru["same_answer"] is False and ru["earliest_entry"] == "2026-04-01"
    # plan tells it too
    plan = ("plan", hist, "--country", "KG", "--from", "2026-02-01", "--length", "30")
    assert "entry barred until 30 March 2026" in line(run(*plan))
    assert others(*plan)[0]["entry_barred_until"] == "2026-03-30"


def test_which_passport_the_host_counts_is_said_once_after_every_other_citizenship(
        tmp_path: Path) -> None:
    # a Kazakh-Russian-Belarusian in Kyrgyzstan: "At a border you show one passport, ..." was
    # said at the end of each other citizenship's line
    hist = profile(tmp_path, "KZ, RU, BY",
                   KZ_ID_RU_PASSPORT
                   + "    - {type: international_passport, country: BY, expires: 2031-05-01}\n",
                   "{country: KG, entry: 2024-10-01, by: land}")
    lines = run("status", hist, "--country", "KG", "--on", "2024-10-20").splitlines()
    first = lines.index(line("\n".join(lines)))
    assert lines[first:first + 3] == [
        "Other citizenship: as a citizen of the Russian Federation (--citizenship RU) gives the "
        "same answer here.",
        "Other citizenship: as a citizen of Belarus (--citizenship BY) gives the same answer "
        "here.",
        "At a border you show one passport, and Kyrgyzstan counts your stay under the one you "
        "entered on."]


def test_a_kazakh_and_a_russian_passport_count_differently_in_armenia() -> None:
    # judged as a Kazakh (the first citizenship with rules): 90 days per entry; as a
    # Russian, 180 days in any 365 and a registration after 30 days
    args = ("status", KAZAKH_RUSSIAN, "--country", "AM", "--on", "2023-03-01")
    assert json.loads(run(*args, "--json"))["latest_exit"] == "2023-04-09"
    [ru] = others(*args)
    assert (ru["citizenship"], ru["latest_exit"], ru["max_stay_days"], ru["register_by"]) == (
        "RU", "2023-07-08", 130, "2023-02-09")
    assert ru["same_answer"] is False and ru["entry_refused"] is None
    assert line(run(*args)).startswith(
        "Other citizenship: as a citizen of the Russian Federation (--citizenship RU): until 8 "
        "July 2023, 130 days; register by 9 February 2023, overdue.")
    [kz] = others(*args, "--citizenship", "RU")
    assert (kz["latest_exit"], kz["max_stay_days"]) == ("2023-04-09", 40)


def test_passports_that_give_the_same_answer_say_so(tmp_path: Path) -> None:
    # Kyrgyzstan in 2024: 90 days in any 180 and 30 days to register, Kazakh or Russian
    hist = profile(tmp_path, "KZ, RU", KZ_ID_RU_PASSPORT,
                   "{country: KG, entry: 2024-10-01, by: land}")
    args = ("status", hist, "--country", "KG", "--on", "2024-10-20")
    [ru] = others(*args)
    assert ru["same_answer"] is True and ru["latest_exit"] == "2024-12-29"
    assert line(run(*args)) == (
        "Other citizenship: as a citizen of the Russian Federation (--citizenship RU) gives the "
        "same answer here.")


def test_a_passport_the_entry_rules_refuse_is_not_judged_as_if_it_let_you_in(
        tmp_path: Path) -> None:
    # Türkiye wants a Russian passport valid 119 days from entry; this one ends in 60
    docs = ("    - {type: international_passport, country: KZ, expires: 2030-08-01}\n"
            "    - {type: international_passport, country: RU, expires: 2024-04-01}\n")
    hist = profile(tmp_path, "KZ, RU", docs,
                   "{country: TR, entry: 2023-10-01, exit: 2023-11-15, by: air}")
    args = ("status", hist, "--country", "TR", "--on", "2024-02-01")
    [ru] = others(*args)
    assert ru["same_answer"] is False
    assert ru["entry_refused"] == ("it wants your international passport valid 119 days from "
                                   "the day of entry; yours ends on 1 April 2024 "
                                   "(tr-entry-foreign-passport-2015)")
    assert line(run(*args)).startswith(
        "Other citizenship: as a citizen of the Russian Federation (--citizenship RU): entry "
        "refused (it wants your international passport valid 119 days")


def test_no_line_for_a_citizenship_the_host_has_no_rules_for_or_its_own(tmp_path: Path) -> None:
    # the pack has no Georgian stay rule for Armenians; a Kazakh in Kazakhstan is its citizen
    docs = "    - {type: international_passport, country: RU, expires: 2031-05-01}\n"
    hist = profile(tmp_path, "RU, AM", docs, "{country: GE, entry: 2024-01-10, by: air}")
    assert others("status", hist, "--country", "GE", "--on", "2024-02-01") == []
    dual = str(ROOT / "examples" / "dual-citizen.yaml")
    assert others("status", dual, "--country", "KZ", "--on", "2024-06-01") == []
    assert "Other citizenship" not in run("status", dual, "--country", "KZ", "--on",
                                          "2024-06-01")


def test_a_citizenship_the_pack_has_no_registration_rule_for_is_not_said_to_need_none() -> None:
    # the pack has no Armenian registration rule for Kazakhs before 22 November 2025: whether
    # the stay must be registered is not known, as status says of it judged as a Kazakh
    args = ("status", KAZAKH_RUSSIAN, "--country", "AM", "--on", "2023-03-01",
            "--citizenship", "RU")
    [kz] = others(*args)
    assert kz["register_by"] is None and kz["registration_unknown"] is True
    assert json.loads(run(*args, "--json"))["registration_unknown"] is False
    assert line(run(*args)).startswith(
        "Other citizenship: as a citizen of Kazakhstan (--citizenship KZ): until 9 April 2023, "
        "40 days; registration not known.")
    plan = ("plan", KAZAKH_RUSSIAN, "--country", "AM", "--from", "2023-03-01", "--length", "30",
            "--citizenship", "RU")
    assert "; registration not known." in line(run(*plan))
    # judged as a Kazakh, the Russian passport's deadline is given, and the answer's unknown
    judged_kz = json.loads(run("status", KAZAKH_RUSSIAN, "--country", "AM", "--on",
                               "2023-03-01", "--json"))
    assert judged_kz["registration_unknown"] is True
    assert judged_kz["other_citizenships"][0]["registration_unknown"] is False


def test_plan_judges_the_other_passport_on_the_day_of_its_entry(tmp_path: Path) -> None:
    # Türkiye wants a Russian passport valid 119 days from entry. 90 days there to 29 December
    # 2023: a 30-day stay can begin on 29 March 2024, when this passport (to 1 July 2024) is
    # too short; on --from, 15 January, it was long enough, and the plan read as if it were
    docs = ("    - {type: international_passport, country: KZ, expires: 2030-08-01}\n"
            "    - {type: international_passport, country: RU, expires: 2024-07-01}\n")
    hist = profile(tmp_path, "KZ, RU", docs,
                   "{country: TR, entry: 2023-10-01, exit: 2023-12-29, by: air}")
    [ru] = others("plan", hist, "--country", "TR", "--from", "2024-01-15", "--length", "30")
    assert ru["earliest_entry"] == "2024-03-29"
    assert ru["entry_refused"] == ("it wants your international passport valid 119 days from "
                                   "the day of entry; yours ends on 1 July 2024 "
                                   "(tr-entry-foreign-passport-2015)")
    # status is about an entry on its --on, when the passport was long enough
    [ru] = others("status", hist, "--country", "TR", "--on", "2024-01-15")
    assert ru["entry_refused"] is None


def test_a_document_that_ends_before_the_planned_entry_is_refused_unless_renewed(
        tmp_path: Path) -> None:
    # the Kazakh ID card ends on 15 March 2026, between --from and the first day a Kazakh may
    # enter Kyrgyzstan again, after the ban (1 April): it was judged valid on --from
    ended = "    - {type: id_card, country: KZ, expires: 2026-03-15}\n"
    ru_passport = "    - {type: international_passport, country: RU, expires: 2031-05-01}\n"
    plan = ("--country", "KG", "--from", "2026-02-01", "--length", "30")
    hist = profile(tmp_path, "RU, KZ", ended + ru_passport, KG_OVERSTAY)
    [kz] = others("plan", hist, *plan)
    assert (kz["earliest_entry"], kz["entry_refused"]) == (
        "2026-04-01", "your id card ended on 15 March 2026, before the day of entry")
    assert "entry refused (your id card ended on 15 March 2026" in line(run("plan", hist, *plan))
    # status on a day after it ended says so too; the profile listed it, so it was no
    # document the pack was not told of
    [kz] = others("status", hist, "--country", "KG", "--on", "2026-04-01")
    assert kz["entry_refused"] == "your id card ended on 15 March 2026, before the day of entry"
    # a new card the profile records as issued before the entry is the one shown; one issued
    # after it is not held then
    for issued, refused in (("2026-03-20", False), ("2026-04-10", True)):
        renewed = f"    - {{type: id_card, country: KZ, issued: {issued}, expires: 2036-03-19}}\n"
        hist = profile(tmp_path, "RU, KZ", ended + renewed + ru_passport, KG_OVERSTAY)
        [kz] = others("plan", hist, *plan)
        assert (kz["entry_refused"] is not None) is refused, issued
        assert kz["entry_barred_until"] == "2026-03-30"


def test_the_report_tells_each_other_citizenship_under_its_stay_answer() -> None:
    out = run("report", KAZAKH_RUSSIAN, "--on", "2023-03-01")
    stay_part = out.split("\nNext deadlines:")[0]
    assert line(stay_part) == line(run("status", KAZAKH_RUSSIAN, "--country", "AM", "--on",
                                       "2023-03-01"))
    assert line(stay_part).startswith(
        "Other citizenship: as a citizen of the Russian Federation (--citizenship RU): until 8 "
        "July 2023, 130 days; register by 9 February 2023, overdue.")


def test_a_passed_registration_deadline_is_said_to_be_overdue_not_one_to_meet() -> None:
    # the profile records no registration: "register by 9 February 2023" on 1 March read as a
    # deadline still to meet, where status --citizenship RU says OVERDUE
    ru_status = run("status", KAZAKH_RUSSIAN, "--country", "AM", "--on", "2023-03-01",
                    "--citizenship", "RU")
    assert "(am-registration-ru-30); OVERDUE." in ru_status
    assert line(run("status", KAZAKH_RUSSIAN, "--country", "AM", "--on", "2023-03-01")
                ).endswith("; register by 9 February 2023, overdue.")
    # before the deadline, it is one to meet
    assert line(run("status", KAZAKH_RUSSIAN, "--country", "AM", "--on", "2023-01-20")
                ).endswith("; register by 9 February 2023.")


def test_a_stay_under_way_judges_the_other_passport_on_the_day_it_began(tmp_path: Path) -> None:
    # From 20 January 2026 Kyrgyzstan refuses a Russian child's birth certificate
    # (kg-entry-child-foreign-passport-2026); a child who entered before it is not turned out
    # by it, so the Russian answer of a stay begun on 10 January stands; one begun after it
    # is refused
    docs = ("    - {type: id_card, country: KZ}\n"
            "    - {type: birth_certificate, country: RU}\n")
    for entry, refused in (("2026-01-10", False), ("2026-01-25", True)):
        hist = profile(tmp_path, "KZ, RU", docs, f"{{country: KG, entry: {entry}, by: land}}",
                       born="2016-03-01")
        [ru] = others("status", hist, "--country", "KG", "--on", "2026-02-01")
        assert (ru["entry_refused"] is not None) is refused, entry
        if refused:
            assert "kg-entry-child-foreign-passport-2026" in ru["entry_refused"]
