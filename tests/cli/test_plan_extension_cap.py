"""`plan` for a stay longer than the host allows, where an extension of stay lengthens the
stay under way (Bali's visa on arrival, Thailand's 60 days): the answer names the limit that
caps a stay, as it does without the extension, not "no such stay fits within 10 years"; and
the extension offered says whether its days make the stay asked for possible."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_lines import run

EXTENDED = {"ID": "permits: [{country: ID, kind: extension, valid_from: 2024-07-29, "
                  "valid_to: 2024-08-27}]\n",
            "TH": "permits: [{country: TH, kind: extension, valid_from: 2024-09-30, "
                  "valid_to: 2024-10-29}]\n"}
ENTERED = {"ID": "2024-06-29", "TH": "2024-08-01"}


def profile(tmp_path: Path, host: str, extended: bool) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(f"person: {{citizenships: [RU]}}\n"
                    f"trips: [{{country: {host}, entry: {ENTERED[host]}}}]\n"
                    + (EXTENDED[host] if extended else ""), encoding="utf-8")
    return str(path)


def test_bali_s_30_days_cap_a_60_day_stay_with_the_stay_under_way_extended(
        tmp_path: Path) -> None:
    lines = run("plan", profile(tmp_path, "ID", True), "--country", "ID", "--length", "60",
                "--from", "2024-07-10")
    assert lines[0].startswith("You may stay in Indonesia until 27 August 2024 (49 days"), lines
    assert lines[1] == ("No stay of 60 days is possible: id-stay-voa-30 (30 days per entry) "
                        "allows at most 30 days in a row."), lines


def test_thailand_s_limits_cap_a_90_day_stay_with_the_stay_under_way_extended(
        tmp_path: Path) -> None:
    lines = run("plan", profile(tmp_path, "TH", True), "--country", "TH", "--length", "90",
                "--from", "2024-09-20")
    assert lines[0].startswith("You may stay in Thailand until 29 October 2024"), lines
    assert lines[1].startswith("No stay of 90 days is possible: one ending by 3 June 2026 is "
                               "held to at most 60 days in a row by th-stay-ru-60-2024"), lines


@pytest.mark.parametrize(("length", "verdict"), [(60, "enough for"), (61, "short of")])
def test_the_extension_offered_says_whether_it_makes_the_stay_asked_possible(
        tmp_path: Path, length: int, verdict: str) -> None:
    # 30 days on a visa on arrival, extended once by 30: 60 days from an entry
    lines = run("plan", profile(tmp_path, "ID", False), "--country", "ID", "--length",
                str(length), "--from", "2024-07-10")
    assert (f"Note: an extension of stay could add up to 30 days (with the 30 days "
            f"id-stay-voa-30 allows, 60 days from an entry, {verdict} the {length} asked): "
            "Extension of a visa on arrival by 30 days (Indonesia) (id-permit-voa-extension), "
            "to file by 26 July 2024") in " ".join(lines), lines
