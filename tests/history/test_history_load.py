"""Reading travel histories: CSV and YAML/JSON profiles, and every problem named precisely."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from sojourn._structured import load_document
from sojourn.errors import InputError, Problem
from sojourn.history import load_history

D = dt.date


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_history(path)
    return info.value.problems


def only(path: Path) -> Problem:
    [problem] = problems(path)
    assert problem.file == str(path)
    return problem


# ---- CSV that is fine -----------------------------------------------------------------------

def test_csv_reads_trips_in_order_with_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "country,entry,exit\n"
                                    "GE,2023-02-01,2023-03-01\n"
                                    "KZ,2022-09-25,2023-02-01\n"
                                    "KZ,2023-03-01,\n")
    history = load_history(path)
    assert [(s.country, s.entry, s.exit) for s in history.stays] == [
        ("KZ", D(2022, 9, 25), D(2023, 2, 1)),
        ("GE", D(2023, 2, 1), D(2023, 3, 1)),
        ("KZ", D(2023, 3, 1), None),
    ]
    assert [s.origin for s in history.stays] == [f"{path}, line {n}" for n in (3, 2, 4)]
    assert history.warnings == ()
    assert history.profile is None and history.citizenships == ()


def test_a_nul_byte_far_into_a_history_is_refused_at_its_line(tmp_path: Path) -> None:
    # only the first 4 KiB were looked at: past them a NUL in a column not read was accepted
    rows = "".join(f"KZ,2023-01-{d:02d},2023-01-{d:02d},a note\n" for d in range(1, 29))
    rows *= 1 + 4096 // len(rows)
    path = tmp_path / "h.csv"
    path.write_bytes(f"country,entry,exit,note\n{rows}".encode() + b"KZ,2023-02-01,,no\x00te\n")
    with pytest.raises(InputError) as caught:
        load_history(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (rows.count("\n") + 2,
                                               "holds binary data (a NUL byte), not text")


def test_csv_header_order_case_and_extra_columns_do_not_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "h.CSV", "Note, Exit ,COUNTRY,Entry\n"
                                    "first trip, 2023-02-01 , kz ,2023-01-01\n"
                                    "\n"
                                    "second,,ge,2023-02-01\n")
    history = load_history(str(path))
    assert [(s.country, s.entry, s.exit) for s in history.stays] == [
        ("KZ", D(2023, 1, 1), D(2023, 2, 1)), ("GE", D(2023, 2, 1), None)]
    assert history.stays[1].origin.endswith("line 4")


def test_csv_with_bom_crlf_and_leading_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv",
                 b"\xef\xbb\xbf\r\n\r\ncountry,entry,exit\r\nKZ,2023-01-01,2023-01-31\r\n")
    [stay] = load_history(path).stays
    assert (stay.entry, stay.exit) == (D(2023, 1, 1), D(2023, 1, 31))
    assert stay.origin.endswith("line 4")


def test_a_row_may_end_before_columns_that_are_not_read(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "country,entry,exit,note\nKZ,2023-01-01,2023-02-01\n"
                                    "GE,2023-02-01,\n")
    assert [s.exit for s in load_history(path).stays] == [D(2023, 2, 1), None]


# ---- CSV that is not ------------------------------------------------------------------------

def test_every_bad_row_is_reported_not_just_the_first(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "country,entry,exit\n"
                                    "KZ,01/02/2023,2023-03-01\n"
                                    "KZ,2023-03-02,2023-03-05\n"
                                    "XX,2023-04-01,2023-03-01\n")
    found = [(p.line, p.field, p.value) for p in problems(path)]
    assert found == [(2, "entry", "01/02/2023"), (4, "country", "XX"), (4, "exit", "2023-03-01")]


def test_a_trip_past_the_days_judged_is_refused_not_misjudged(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "country,entry,exit\nKZ,8999-01-01,\n")
    p = only(path)
    assert str(p) == (f"{path}, line 2, field 'entry': '8999-01-01' is outside the days sojourn "
                      "judges; expected a date from 1900-01-01 to 2999-12-31")


def test_a_bad_date_problem_has_every_part(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "country,entry,exit\nKZ,2023-02-30,2023-03-01\n")
    p = only(path)
    assert (p.line, p.field, p.value, p.message) == (
        2, "entry", "2023-02-30", "is not a calendar date: February 2023 has 28 days")
    assert p.expected is not None and "YYYY-MM-DD" in p.expected
    assert str(p) == (f"{path}, line 2, field 'entry': '2023-02-30' is not a calendar date: "
                      "February 2023 has 28 days; expected an ISO 8601 date YYYY-MM-DD, "
                      "e.g. 2023-01-27")


def test_a_header_missing_one_column(tmp_path: Path) -> None:
    p = only(write(tmp_path, "h.csv", "country,entry\nKZ,2023-01-01\n"))
    assert (p.line, p.field, p.value) == (1, "exit", "country,entry")
    assert p.expected is not None and "country,entry,exit" in p.expected


def test_a_header_missing_two_columns(tmp_path: Path) -> None:
    p = only(write(tmp_path, "h.csv", "land,entry,left\nKZ,2023-01-01,\n"))
    assert p.field == "country,exit"
    assert "'country', 'exit'" in p.message


def test_a_misspelled_column_is_told_what_it_may_mean(tmp_path: Path) -> None:
    # as a misspelled profile field is: "lacks the column 'entry'" alone left the user to
    # spot the typo in their own header
    p = only(write(tmp_path, "h.csv", "country,entri,exit\nKZ,2023-01-01,\n"))
    assert (p.line, p.field) == (1, "entry")
    assert p.message == "lacks the column 'entry'; did you mean 'entry' for 'entri'?"


def test_a_header_of_misspellings_only_is_a_header_still(tmp_path: Path) -> None:
    # every column misspelled was told "is not the header line", as a first trip would be
    p = only(write(tmp_path, "h.csv", "contry,entri,exti\nKZ,2023-01-01,\n"))
    assert p.field == "country,entry,exit"
    assert p.message.endswith("did you mean 'country' for 'contry', 'entry' for 'entri' and "
                              "'exit' for 'exti'?")


def test_data_where_the_header_should_be(tmp_path: Path) -> None:
    p = only(write(tmp_path, "h.csv", "KZ,2023-01-01,2023-02-01\n"))
    assert (p.line, p.value, p.message) == (1, "KZ,2023-01-01,2023-02-01",
                                            "is not the header line")


@pytest.mark.parametrize(("sep", "label"), [(";", "semicolons"), ("\t", "tabs")])
def test_other_separators_are_named(tmp_path: Path, sep: str, label: str) -> None:
    text = sep.join(["country", "entry", "exit"]) + "\n" + sep.join(["KZ", "2023-01-01", ""])
    p = only(write(tmp_path, "h.csv", text + "\n"))
    assert label in p.message
    assert p.expected is not None and "commas" in p.expected


def test_a_column_given_twice(tmp_path: Path) -> None:
    p = only(write(tmp_path, "h.csv", "country,entry,exit,exit\nKZ,2023-01-01,,2023-02-01\n"))
    assert (p.line, p.field) == (1, "exit")
    assert "more than once" in p.message


@pytest.mark.parametrize("text", ["", "\n\n", "   \n", ",,\n"])
def test_an_empty_csv(tmp_path: Path, text: str) -> None:
    p = only(write(tmp_path, "h.csv", text))
    assert p.line is None
    assert "no header" in p.message or p.message == "is empty"


def test_a_header_without_trips(tmp_path: Path) -> None:
    p = only(write(tmp_path, "h.csv", "country,entry,exit\n\n"))
    assert (p.line, p.message) == (1, "has a header but no trips after it")


def test_a_nul_byte_names_its_line(tmp_path: Path) -> None:
    p = only(write(tmp_path, "h.csv", b"country,entry,exit\nKZ,2023-01-01,\n\x00\x00"))
    assert p.line == 3
    assert "binary" in p.message


def test_latin_1_names_line_and_column(tmp_path: Path) -> None:
    p = only(write(tmp_path, "h.csv", "country,entry,exit,note\nKZ,2023-01-01,,café\n"
                   .encode("latin-1")))
    assert p.line == 2
    assert "column 19" in p.message and "0xe9" in p.message


def test_other_file_types_are_refused_before_reading(tmp_path: Path) -> None:
    p = only(tmp_path / "trips.xlsx")  # does not even exist: the type is judged first
    assert p.value == ".xlsx"
    assert p.expected is not None and ".csv" in p.expected and ".json" in p.expected


def test_a_directory_or_a_name_with_no_ending_is_told_as_such(tmp_path: Path) -> None:
    # both read "'(none)' is not a history file type", which named no fault to mend
    assert only(tmp_path).message == "is a directory, not a regular file"
    p = only(tmp_path / "trips")
    assert p.message == "has no name ending to tell its type" and p.value is None
    assert p.expected is not None and ".csv" in p.expected and ".json" in p.expected


def test_standard_input_is_told_as_not_read() -> None:
    # "-" was looked for as a file, and "has no name ending" sent the reader to rename it
    p = only(Path("-"))
    assert p.message.startswith("stands for standard input, which sojourn does not read")


def test_a_missing_file(tmp_path: Path) -> None:
    assert only(tmp_path / "gone.csv").message == "file not found"


def test_a_symbolic_link_that_loops(tmp_path: Path) -> None:
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    p = only(tmp_path / "a.csv")
    assert p.message.startswith("is a symbolic link that loops") and p.expected


def test_a_symbolic_link_to_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.csv").symlink_to(tmp_path / "gone.csv")
    assert only(tmp_path / "a.csv").message == (
        f"is a symbolic link to {tmp_path / 'gone.csv'}, which does not exist")


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_no_regular_file_is_refused_unopened(tmp_path: Path, fifo: Any, kind: str) -> None:
    path = tmp_path / "h.yaml"
    if kind == "pipe":  # opening it would wait for ever for a writer
        fifo(path)
    else:  # /dev/zero would be read until memory runs out
        path.symlink_to("/dev/null")
    p = only(path)
    assert p.message == ("is a named pipe (FIFO), not a regular file" if kind == "pipe" else
                         "is a symbolic link to /dev/null, a character device, not a regular "
                         "file")
    assert p.expected == "a UTF-8 text file (CSV, YAML or JSON)"


def test_a_directory(tmp_path: Path) -> None:
    (tmp_path / "d.csv").mkdir()
    assert "directory" in only(tmp_path / "d.csv").message


@pytest.mark.parametrize("size", [131_073, 1_000_000])
def test_a_long_cell_in_a_column_not_read_is_no_reason_to_refuse(tmp_path: Path,
                                                                  size: int) -> None:
    import csv

    limit = csv.field_size_limit()
    path = write(tmp_path, "h.csv", "country,entry,exit,note\nKZ,2023-01-10,2023-02-28,a\n"
                 f"KZ,2023-05-10,2023-05-28,{'x' * size}\n")
    history = load_history(path)
    assert [(s.entry, s.origin) for s in history.stays] == [
        (dt.date(2023, 1, 10), f"{path}, line 2"), (dt.date(2023, 5, 10), f"{path}, line 3")]
    assert csv.field_size_limit() == limit  # the process's limit, as it was


def test_a_record_the_csv_module_refuses_is_told_by_its_own_line(tmp_path: Path) -> None:
    # a carriage return alone inside a cell, on the fourth line, after a record of two lines
    path = write(tmp_path, "h.csv", 'country,entry,exit,note\nKZ,2023-01-10,2023-02-28,"a\nb"\n'
                 "KZ,2023-03-01,2023-03-05,c\rd\nKZ,2023-04-01,2023-04-05,\n")
    [p] = problems(path)
    assert p.line == 4 and p.message.startswith("ends a line with a carriage return alone")


def test_a_carriage_return_in_a_quoted_cell_is_not_blamed_for_a_later_bad_record(
        tmp_path: Path) -> None:
    # the quoted "a\rb" on line 2 is well formed; the carriage return that ends a line is on 3
    path = write(tmp_path, "h.csv", 'country,entry,exit,note\nKZ,2023-01-10,2023-02-28,"a\rb"\n'
                 "KZ,2023-03-01,2023-03-05,c\rd\n")
    [p] = problems(path)
    assert p.line == 3 and p.message.startswith("ends a line with a carriage return alone")


def test_a_cell_beyond_the_header_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "country,entry,exit\nKZ,2023-01-01,,2023-02-01\n")
    p = only(path)
    assert (p.line, p.value) == (2, "2023-02-01")


def test_a_row_cut_short_before_its_exit_is_refused_not_read_as_still_there(
        tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "country,entry,exit\nKZ,2023-01-01,2023-01-09\n"
                                    "KZ,2023-01-10\n")
    p = only(path)
    assert (p.line, p.field) == (3, None)
    assert "has 2 cells where the header has 3 (country,entry,exit): no exit" in p.message
    assert p.expected == "a stay still going on written with an empty exit: KZ,2023-01-10,"


def test_a_row_cut_short_names_every_column_read_it_lacks(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "note,country,entry,exit\nx,KZ\n")
    p = only(path)
    assert "has 2 cells where the header has 4" in p.message
    assert "no entry, exit" in p.message


def test_empty_cells_beyond_the_header_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "country,entry,exit\nKZ,2023-01-01,2023-02-01,, \n")
    assert load_history(path).stays[0].exit == D(2023, 2, 1)


# ---- profiles -------------------------------------------------------------------------------

PROFILE = """\
version: 1
person:
  citizenships: [RU, no]
  documents:
    - type: internal_passport
      country: RU
trips:
  - country: KZ
    entry: 2022-09-25
    exit: 2022-12-20
    by: land
  - country: GE
    entry: 2022-12-20
permits:
  - country: GE
    valid_from: 2023-01-10
    valid_to: 2024-01-09
"""


def test_a_yaml_profile(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", PROFILE)
    history = load_history(path)
    assert history.citizenships == ("RU", "NO")
    assert [(s.country, s.by, s.origin) for s in history.stays] == [
        ("KZ", "land", f"{path}, line 8"), ("GE", None, f"{path}, line 12")]
    assert history.profile is not None and history.profile.permits[0].country == "GE"


def test_the_same_profile_in_json(tmp_path: Path) -> None:
    data, _ = load_document(Path("p.yaml"), PROFILE)  # dates and NO stay strings
    path = write(tmp_path, "p.json", json.dumps(data, indent=2))
    yml = load_history(write(tmp_path, "p.yml", PROFILE))
    assert [(s.country, s.entry, s.exit) for s in load_history(path).stays] == [
        (s.country, s.entry, s.exit) for s in yml.stays]


def test_a_trip_records_the_passport_it_was_entered_on(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", "person:\n  citizenships: [RU, KZ]\ntrips:\n"
                                     "  - {country: AM, entry: 2023-01-10, exit: 2023-02-01,"
                                     " passport: kz}\n"
                                     "  - {country: GE, entry: 2023-03-01}\n")
    assert [s.passport for s in load_history(path).stays] == ["KZ", None]


def test_a_passport_the_profile_does_not_hold_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", "person:\n  citizenships: [RU, KZ]\ntrips:\n"
                                     "  - {country: AM, entry: 2023-01-10, exit: 2023-02-01}\n"
                                     "  - country: GE\n    entry: 2023-03-01\n"
                                     "    passport: AM\n")
    p = only(path)
    assert (p.line, p.field, p.value) == (7, "trips[1].passport", "AM")
    assert p.message == "is not among the profile's citizenships (RU, KZ)"
    assert p.expected == ("the citizenship of the passport shown at that entry, RU or KZ "
                          "(person.citizenships), or no passport field")


def test_a_passport_in_a_profile_naming_no_citizenship_or_no_country(tmp_path: Path) -> None:
    no_person = only(write(tmp_path, "p.yaml",
                           "trips:\n  - {country: AM, entry: 2023-01-10, passport: RU}\n"))
    assert (no_person.line, no_person.field, no_person.value) == (2, "trips[0].passport", "RU")
    assert no_person.expected is not None and "person.citizenships" in no_person.expected
    unknown = only(write(tmp_path, "q.yaml", "person:\n  citizenships: [RU]\ntrips:\n"
                                             "  - {country: AM, entry: 2023-01-10, "
                                             "passport: XX}\n"))
    assert (unknown.line, unknown.field, unknown.message) == (
        4, "trips[0].passport", "is not a known country code")


def test_yaml_unquoted_dates_are_judged_strictly(tmp_path: Path) -> None:
    # YAML 1.1 would read these as a timestamp and a date; sojourn reads the text
    path = write(tmp_path, "p.yaml", "trips:\n  - country: KZ\n    entry: 2023-01-01 10:00:00\n"
                                     "  - country: GE\n    entry: 2023-1-5\n")
    assert [(p.line, p.field) for p in problems(path)] == [(3, "trips[0].entry"),
                                                           (5, "trips[1].entry")]


def test_profile_problems_name_the_path_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", "person:\n  citizenships: []\n  born: 1990-13-01\n"
                                     "trips:\n  - country: KZ\n    entry: 2023-01-01\n"
                                     "    exti: 2023-02-01\n")
    found = {(p.line, p.field): p for p in problems(path)}
    assert set(found) == {(2, "person.citizenships"), (3, "person.born"), (7, "trips[0].exti")}
    assert found[2, "person.citizenships"].message == "is empty"
    extra = found[7, "trips[0].exti"]
    assert "did you mean 'exit'" in extra.message
    assert extra.expected == "one of country, entry, exit, by, passport"


def test_a_profile_s_overlapping_stays_are_told_by_path_in_line_order(tmp_path: Path) -> None:
    # the stay in KZ (line 3) has no exit, and the two later trips start while it lasts: each
    # problem names the trip's own field, as the schema's problems do, and they come in the
    # order of the file's lines, though the two open stays are found after the overlaps
    path = write(tmp_path, "p.yaml", "trips:\n"
                 "  - {country: KZ, entry: 2024-01-01}\n"
                 "  - {country: KG, entry: 2024-02-01, exit: 2024-02-20}\n"
                 "  - {country: GE, entry: 2024-03-01}\n")
    assert [(p.line, p.field) for p in problems(path)] == [
        (2, "trips[0].exit"), (3, "trips[1].entry"), (4, "trips[2].entry")]


def test_a_merged_trip_s_empty_exit_is_told_by_its_own_path(tmp_path: Path) -> None:
    # the two stays in KZ are one; its empty exit is the second trip's, not the first's
    path = write(tmp_path, "p.yaml", "trips:\n"
                 "  - {country: KZ, entry: 2026-01-01, exit: 2026-03-01}\n"
                 "  - {country: KZ, entry: 2026-02-01}\n"
                 "  - {country: KG, entry: 2026-04-01}\n")
    assert [(p.line, p.field) for p in problems(path)] == [
        (3, "trips[1].exit"), (4, "trips[2].entry")]


def test_unknown_field_deep_in_a_profile_lists_that_level(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", "person:\n  citizenships: [RU]\n  documents:\n"
                                     "    - type: id_card\n      country: RU\n"
                                     "      expiry: 2030-01-01\n")
    p = only(path)
    assert (p.line, p.field) == (6, "person.documents[0].expiry")
    assert p.expected is not None and "expires" in p.expected
    assert "did you mean 'expires'" in p.message


def test_a_quote_never_closed_is_refused_at_its_line(tmp_path: Path) -> None:
    # the csv module read the rest of the file into the note, and the trips after it with it
    p = only(write(tmp_path, "h.csv", 'country,entry,exit,note\nKZ,2023-01-10,2023-02-28,"first\n'
                                      "KZ,2023-03-01,2023-05-10,second\n"))
    assert (p.line, p.message) == (2, "opens a quote that is never closed")
    assert p.value == 'KZ,2023-01-10,2023-02-28,"first'


def test_a_record_over_two_lines_is_told_by_its_first(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", 'country,entry,exit,note\nKZ,2023-01-10,2023-02-28,"two\n'
                                    'lines"\nKG,2023-02-01,2023-02-03,\n')
    p = only(path)
    assert p.line == 4 and "h.csv, line 2" in p.message


@pytest.mark.parametrize(("written", "what"), [
    ("338", "a number"), ("1.10", "a number"), ("true", "true or false")])
def test_a_number_where_text_belongs_says_to_quote_it(tmp_path: Path, written: str,
                                                      what: str) -> None:
    # YAML reads these unquoted as a number or a boolean (1.10 as 1.1: not what was written)
    p = only(write(tmp_path, "p.yaml", "trips:\n  - {country: KZ, entry: 2023-01-01}\n"
                                       f"charges:\n  - {{country: RU, article: {written}}}\n"))
    assert (p.line, p.field, p.message) == (4, "charges[0].article", f"is read as {what}, "
                                                                     "not text")
    assert p.expected == "text: put the value in quotes"


def test_a_missing_field_says_what_it_takes(tmp_path: Path) -> None:
    p = only(write(tmp_path, "p.yaml", "permits:\n  - country: GE\n    valid_to: 2023-01-01\n"))
    assert (p.line, p.field, p.message) == (2, "permits[0].valid_from", "is required but missing")
    assert p.expected is not None and "YYYY-MM-DD" in p.expected


def test_json_lines_survive_tab_indentation(tmp_path: Path) -> None:
    text = '{\n\t"trips": [\n\t\t{"country": "KZ",\n\t\t "entry": "2023-02-30"}\n\t]\n}\n'
    p = only(write(tmp_path, "p.json", text))
    assert (p.line, p.field) == (4, "trips[0].entry")


def test_json_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    p = only(write(tmp_path, "p.json", '{\n  "trips": [\n    {"country": "KZ",}\n  ]\n}\n'))
    assert p.line == 3
    assert "not valid JSON" in p.message and "column" in p.message


@pytest.mark.parametrize(("text", "told"), [
    ('{\n  "trips": [\n    {"country": "KZ",}\n  ]\n}\n',
     "a comma before '}'? line 3, column 21 ends the last item with one"),
    # the comma on a line of its own before the closing bracket
    ('{\n  "trips": [\n    {"country": "KZ"},\n\n  ]\n}\n',
     "a comma before ']'? line 3, column 22 ends the last item with one"),
])
def test_a_trailing_comma_in_json_is_named_where_it_is(tmp_path: Path, text: str,
                                                        told: str) -> None:
    # the parser's words alone ("Expecting property name enclosed in double quotes") name
    # what it wanted, not the comma JavaScript and Python allow and JSON does not
    p = only(write(tmp_path, "p.json", text))
    assert told in p.message and "remove it" in p.message


def test_other_json_errors_get_no_comma_hint(tmp_path: Path) -> None:
    p = only(write(tmp_path, "p.json", '{\n  "trips": [\n    {"country" "KZ"}\n  ]\n}\n'))
    assert "not valid JSON" in p.message and "comma before" not in p.message


@pytest.mark.parametrize(("name", "text", "line"), [
    ("p.yaml", "trips:\n  - country: KZ\n    entry: 2023-01-01\n    country: GE\n", 4),
    ("p.json", '{"trips": [\n  {"country": "KZ",\n   "entry": "2023-01-01",\n'
               '   "country": "GE"}]}\n', 4),
])
def test_a_key_given_twice_is_an_error_not_a_silent_choice(tmp_path: Path, name: str,
                                                           text: str, line: int) -> None:
    p = only(write(tmp_path, name, text))
    assert (p.line, p.field, p.value) == (line, "trips[0].country", "country")
    assert "twice" in p.message


@pytest.mark.parametrize(("text", "line", "field", "value", "what"), [
    ("trips:\n  - {country: KZ, entry: 2023-01-01}\n  - 1: x\n", 3, "trips[1]", "1", "a number"),
    ("trips: []\nnull: x\n", 2, None, "null", "null"),
    ("trips:\n  - country: KZ\n    true: 2023-01-01\n", 3, "trips[0]", "true",
     "true or false"),
])
def test_a_key_that_is_not_text_is_named_at_its_line(tmp_path: Path, text: str, line: int,
                                                     field: str | None, value: str,
                                                     what: str) -> None:
    # pydantic said "keys should be strings" at a path like trips[1][1], or at line 1
    p = only(write(tmp_path, "p.yaml", text))
    assert (p.line, p.field, p.value) == (line, field, value)
    assert p.message == f"is a key read as {what}, not text"
    assert p.expected == "a field name, as text; put the key in quotes if it is one"


@pytest.mark.parametrize(("text", "message"), [
    ("- country: KZ\n", "is a list, not a profile"),
    ("just text\n", "is a single value, not a profile"),
    ("# nothing yet\n", "holds no data"),
])
def test_a_profile_must_be_a_mapping(tmp_path: Path, text: str, message: str) -> None:
    p = only(write(tmp_path, "p.yaml", text))
    assert (p.line, p.message) == (1, message)
    assert p.expected is not None and "trips" in p.expected


@pytest.mark.parametrize(("text", "message"), [
    ("trips:\n  country: KZ\n", "is a mapping, not a list"),
    ("trips: KZ\n", "is not a list"),
    ("trips:\n", "is empty"),
])
def test_trips_must_be_a_list(tmp_path: Path, text: str, message: str) -> None:
    p = only(write(tmp_path, "p.yaml", text))
    assert (p.line, p.field, p.message) == (1, "trips", message)
    assert p.expected is not None and "list" in p.expected


def test_a_trip_that_is_not_a_mapping(tmp_path: Path) -> None:
    p = only(write(tmp_path, "p.yaml", "trips:\n  - KZ 2023-01-01\n"))
    assert (p.line, p.field, p.message) == (2, "trips[0]", "is not a mapping")


def test_a_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    p = only(write(tmp_path, "p.yaml", "trips:\n  - country: KZ\n   entry: 2023-01-01\n"))
    assert p.line == 3
    assert "not valid YAML" in p.message and "column" in p.message


@pytest.mark.parametrize(("text", "line", "said"), [
    ("version: !!int 1x\n", 1, "'1x' cannot be read as a whole number"),  # a ValueError
    ("trips:\n  - {country: KZ, entry: !!float }\n", 2, "'' cannot be read as a number"),
    ("trips:\n  - {country: KZ, entry: !!timestamp 2023-02-30}\n", 2,
     "'2023-02-30' cannot be read as a date"),  # an AttributeError in PyYAML
    ("? !!int 0x\n: KZ\n", 1, "'0x' cannot be read as a whole number"),  # a key
    ("? {a: !!float }\n: KZ\n", 1, "found a list or mapping used as a key"),
    ("version: " + "1" * 5000 + "\n", 1, "has more than 4,300 digits"),
])
def test_a_value_its_yaml_tag_does_not_fit_is_named_at_its_line(tmp_path: Path, text: str,
                                                                line: int, said: str) -> None:
    # PyYAML's constructors raise ValueError, IndexError or AttributeError for these, which
    # came out as "sojourn: internal error"
    p = only(write(tmp_path, "p.yaml", text))
    assert p.line == line
    assert p.message.startswith("is not valid YAML: ") and said in p.message


def test_a_part_that_is_not_a_finite_number(tmp_path: Path) -> None:
    # JSON reads NaN and 1e400 (infinity) as numbers: pydantic's words had no accepted form
    path = write(tmp_path, "p.json", '{"trips": [], "charges": [\n'
                                     ' {"country": "RU", "article": "328", "part": NaN},\n'
                                     ' {"country": "RU", "article": "328", "part": 1e400}]}\n')
    assert [(p.line, p.field, str(p.value), p.message, p.expected) for p in problems(path)] == [
        (2, "charges[0].part", "nan", "is not a finite number", "a finite number such as 9"),
        (3, "charges[1].part", "inf", "is not a finite number", "a finite number such as 9")]


def test_a_profile_without_trips_is_a_history_without_stays(tmp_path: Path) -> None:
    history = load_history(write(tmp_path, "p.yaml", "person:\n  citizenships: [RU]\n"))
    assert history.stays == () and history.citizenships == ("RU",)


# ---- the error translation itself -----------------------------------------------------------

def test_union_branches_do_not_leak_into_the_field_path() -> None:
    import pydantic

    from sojourn._structured import problems_from_validation

    class Inner(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid")
        n: int

    class Outer(pydantic.BaseModel):
        x: int | str
        items: list[Inner | int]

    data = {"x": [1], "items": [{"n": "many"}]}
    with pytest.raises(pydantic.ValidationError) as info:
        Outer.model_validate(data)
    lines = {("x",): 1, ("items",): 2, ("items", 0): 3, ("items", 0, "n"): 3}
    found = problems_from_validation(info.value, "f.yaml", data, lines, model=Outer)
    assert {(p.line, p.field) for p in found} == {(1, "x"), (3, "items[0]"), (3, "items[0].n")}
    assert len(found) == len({(p.field, p.message) for p in found})



def test_a_registration_that_ends_before_it_starts_is_refused(tmp_path: Path) -> None:
    # it was accepted, and the registration still counted as done
    p = only(write(tmp_path, "p.yaml", "trips: [{country: KZ, entry: 2023-01-01}]\n"
                                       "registrations:\n"
                                       "  - {country: KZ, on: 2023-01-03, until: 2023-01-02}\n"))
    assert (p.line, p.field, p.value) == (3, "registrations[0].until", "2023-01-02")
    assert (p.message, p.expected) == ("is before the registration date 2023-01-03",
                                       "a date on or after 2023-01-03")


@pytest.mark.parametrize(("fields", "field", "expected"), [
    ("{on: 2023-01-03}", "registrations[0].country", "an ISO 3166-1 alpha-2 country code"),
    ("{country: KZ}", "registrations[0].on", "an ISO 8601 date"),
])
def test_a_missing_field_names_the_form_it_takes(tmp_path: Path, fields: str, field: str,
                                                 expected: str) -> None:
    # a missing country (or article) said "is required but missing" and nothing more
    p = only(write(tmp_path, "p.yaml", "trips: [{country: KZ, entry: 2023-01-01}]\n"
                                       f"registrations:\n  - {fields}\n"))
    assert (p.field, p.message) == (field, "is required but missing")
    assert p.expected is not None and p.expected.startswith(expected)


def test_an_article_is_stripped_and_not_blank(tmp_path: Path) -> None:
    # " 338" matched no offence, and a blank article with an international listing gave "high"
    text = "trips: [{country: KZ, entry: 2023-01-01}]\ncharges:\n  - {country: RU, article: '%s'}\n"
    history = load_history(write(tmp_path, "p.yaml", text % " 338 "))
    assert history.profile is not None and history.profile.charges[0].article == "338"
    p = only(write(tmp_path, "q.yaml", text % "  "))
    assert (p.line, p.field, p.message) == (3, "charges[0].article", "is empty")
    p = only(write(tmp_path, "r.yaml", "trips: [{country: KZ, entry: 2023-01-01}]\n"
                                       "charges:\n  - {country: RU, part: 1}\n"))
    assert (p.field, p.message, p.expected) == ("charges[0].article", "is required but missing",
                                                "text")


def test_true_is_no_part_of_an_article(tmp_path: Path) -> None:
    # lax validation read part: true as part 1 of the article
    p = only(write(tmp_path, "p.yaml", "trips:\n  - {country: KZ, entry: 2023-01-01}\n"
                                       "charges:\n  - {country: RU, article: '338', part: true}\n"))
    assert (p.line, p.field, p.message) == (4, "charges[0].part",
                                            "is read as true or false, not a number")
    assert str(p).endswith("'true' is read as true or false, not a number; "
                           "expected a number, such as 2")


@pytest.mark.parametrize(("written", "shown"), [
    ("true", "'true'"),                                         # was taken as version 1
    ("1.0", "'1.0'"),                                           # was taken as version 1
    ("99999999999999999999999", "'99999999999999999999999'"),  # told in pydantic's words
    ("2", "'2'"),
    ("'1'", "'1'"),
])
def test_a_profile_version_is_the_whole_number_1(tmp_path: Path, written: str,
                                                 shown: str) -> None:
    p = only(write(tmp_path, "p.yaml", f"version: {written}\n"
                                       "trips: [{country: KZ, entry: 2023-01-01}]\n"))
    assert (p.line, p.field, p.message) == (1, "version", "is not a profile version")
    assert str(p) == (f"{tmp_path / 'p.yaml'}, line 1, field 'version': {shown} is not a "
                      "profile version; expected the number 1, the only profile version "
                      "(leave version out to mean 1)")


def test_a_profile_without_a_version_is_version_1(tmp_path: Path) -> None:
    for text in ("", "version: 1\n"):
        history = load_history(write(tmp_path, "p.yaml", text + "trips: [{country: KZ, "
                                                                "entry: 2023-01-01}]\n"))
        assert history.profile is not None and history.profile.version == 1
    p = only(write(tmp_path, "q.yaml", "version:\ntrips: [{country: KZ, entry: 2023-01-01}]\n"))
    assert (p.field, p.message) == ("version", "is empty")


@pytest.mark.parametrize("name", ["a\nb.csv", "red\x1b[31m.csv"])
def test_a_file_name_that_does_not_print_is_quoted_and_escaped(tmp_path: Path,
                                                                name: str) -> None:
    # a line break split the one-line error, and an escape sequence reached the terminal
    p = only(write(tmp_path, name, "country,entry,exit\nKZ,01/02/2023,\n"))
    text = str(p)
    assert text.isprintable()
    assert text.startswith(f"{str(tmp_path / name)!r}, line 2, field 'entry': '01/02/2023' ")
    p = only(write(tmp_path, "k.yaml", 'trips: [{country: KZ, entry: 2023-01-01}]\n"a\\nb": 1\n'))
    assert str(p).startswith(f"{tmp_path / 'k.yaml'}, line 2, field 'a\\nb': 'a\\nb' is not")
    missing = problems(tmp_path / name.replace(".csv", "-gone.csv"))[0]
    assert str(missing).isprintable() and str(missing).startswith("'")


def test_a_file_name_that_prints_is_shown_as_it_is(tmp_path: Path) -> None:
    p = only(write(tmp_path, "trips é 1.csv", "country,entry,exit\nKZ,01/02/2023,\n"))
    assert str(p).startswith(f"{tmp_path}/trips é 1.csv, line 2, field 'entry': ")


def test_a_file_name_that_does_not_print_is_escaped_in_warnings_too(tmp_path: Path) -> None:
    # the warning for overlapping stays names the lines by file, and printed the name raw
    path = write(tmp_path, "a\nb.csv", "country,entry,exit\nKZ,2023-01-01,2023-02-01\n"
                                       "KZ,2023-01-15,2023-03-01\n")
    [warning] = load_history(path).warnings
    assert warning.isprintable() and f"{str(path)!r}, line 2" in warning


def test_a_charge_summons_or_restriction_with_no_country_is_of_the_only_citizenship(
        tmp_path: Path) -> None:
    # it was Russia's whatever the citizenship: a Belarusian's charge with no country was
    # judged under Russia's criminal code ("brought by the Russian Federation")
    text = ("person: {citizenships: [%s]}\ntrips: [{country: KZ, entry: 2025-01-10}]\n"
            "charges:\n  - {article: '328', part: 1}\n"
            "summonses:\n  - {placed_on: 2025-02-01}\n"
            "exit_restrictions:\n  - {since: 2025-02-01, by: court}\n")
    profile = load_history(write(tmp_path, "by.yaml", text % "BY")).profile
    assert profile is not None
    assert [x.country for x in (*profile.charges, *profile.summonses,
                                *profile.exit_restrictions)] == ["BY", "BY", "BY"]
    # a country given stands, whatever the citizenship
    given = load_history(write(tmp_path, "kz.yaml", text.replace(
        "{article", "{country: RU, article") % "KZ")).profile
    assert given is not None and given.charges[0].country == "RU"
    # with several citizenships, which state acted is not guessed: each is refused at its line
    found = problems(write(tmp_path, "two.yaml", text % "BY, RU"))
    assert [(p.line, p.field, p.message) for p in found] == [
        (4, "charges[0].country", "is required but missing"),
        (6, "summonses[0].country", "is required but missing"),
        (8, "exit_restrictions[0].country", "is required but missing")]
    assert found[0].expected == (
        "the ISO 3166-1 alpha-2 code of the state that brought the charge, such as RU; it may "
        "be left out only where person.citizenships names a single citizenship, which it then "
        "is")
    # and so with none named (the person's citizenship is --citizenship's to say)
    none = "trips: [{country: KZ, entry: 2025-01-10}]\ncharges:\n  - {article: '328'}\n"
    p = only(write(tmp_path, "none.yaml", none))
    assert (p.line, p.field, p.message) == (3, "charges[0].country", "is required but missing")


# ---- a summons's dates against each other ---------------------------------------------------

def summons(tmp_path: Path, dates: str) -> Path:
    return write(tmp_path, "p.yaml", "person:\n  citizenships: [RU]\ntrips:\n"
                 "  - {country: KZ, entry: 2026-10-01}\nsummonses:\n"
                 f"  - {{{dates}}}\n")


def test_a_summons_known_from_the_register_calling_before_its_placement_is_refused(
        tmp_path: Path) -> None:
    # an electronic summons is issued by being placed: it cannot name a day before that
    path = summons(tmp_path, "placed_on: 2026-11-20, report_on: 2026-11-10")
    problem = only(path)
    assert (problem.line, problem.field, problem.value) == (6, "summonses[0].report_on",
                                                            "2026-11-10")
    assert problem.message.startswith("is before placed_on 2026-11-20: a summons known only "
                                      "from the register")
    assert problem.expected is not None and problem.expected.startswith(
        "a date on or after 2026-11-20")


@pytest.mark.parametrize(("dates", "warned"), [
    # handed before it was registered: a paper summons may be, and nothing is odd
    ("placed_on: 2026-11-20, served_on: 2026-11-14, report_on: 2026-11-16", False),
    ("placed_on: 2026-11-20, served_on: 2026-11-24, report_on: 2026-11-24", False),
    # handed after the day it names: odd (delivered late), judged as recorded, warned
    ("placed_on: 2026-11-20, served_on: 2026-11-24, report_on: 2026-11-22", True),
    ("served_on: 2026-11-24, report_on: 2026-11-10", True),
])
def test_a_paper_summons_is_taken_in_any_order_and_one_handed_after_its_day_warned(
        tmp_path: Path, dates: str, warned: bool) -> None:
    history = load_history(summons(tmp_path, dates))
    assert len(history.profile.summonses if history.profile else []) == 1
    told = [w for w in history.warnings if "summonses[0]" in w]
    assert told == ([f"{tmp_path / 'p.yaml'}, line 6: summonses[0].report_on "
                     f"{dates[-10:]} is before served_on 2026-11-24: a summons handed to you "
                     "after the day it calls you to report; judged as recorded, check both "
                     "dates"] if warned else [])


# ---- the order of day and month, from the history's date columns ------------------------------

def test_a_date_read_either_way_is_told_what_its_column_writes_first(tmp_path: Path) -> None:
    # as batch tells a crossing log's column: 24.09.2022 reads only with the day first, so
    # the column's 02.12.2022 is day-first too; each cell is still refused, none read by it
    path = write(tmp_path, "h.csv", "country,entry,exit\nKZ,24.09.2022,2022-10-01\n"
                                    "KZ,02.12.2022,2022-12-20\n")
    first, second = problems(path)
    assert first.message == "is not a date; did you mean 2022-09-24 (24 September)?"
    assert (second.line, second.field, second.value, second.message, second.expected) == (
        3, "entry", "02.12.2022", "is not a date; did you mean 2022-12-02 (2 December) or "
        "2022-02-12 (12 February)?; the column writes the day first: 24.09.2022 reads no other "
        "way", "an ISO 8601 date YYYY-MM-DD, e.g. 2023-01-27")


def test_a_column_that_settles_nothing_is_told_the_other_columns_order(tmp_path: Path) -> None:
    # an export writes its dates in one form: the entry column's 24.09.2022 says it for the
    # exit column's 02.12.2022, and the message names the column that says it
    path = write(tmp_path, "h.csv", "country,entry,exit\nKZ,24.09.2022,\n"
                                    "GE,2022-11-01,02.12.2022\n")
    assert problems(path)[1].message == (
        "is not a date; did you mean 2022-12-02 (2 December) or 2022-02-12 (12 February)?; the "
        "entry column writes the day first: 24.09.2022 reads no other way")
    # nothing in the file settles it: the readings alone
    path = write(tmp_path, "h.csv", "country,entry,exit\nKZ,02.12.2022,\n")
    assert only(path).message.endswith("or 2022-02-12 (12 February)?")


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_a_profile_s_fields_at_odds_with_each_other_are_told_at_once(tmp_path: Path,
                                                                   suffix: str) -> None:
    # a birth after the first trip, a passport not held and two countries at once: the first
    # alone was told, and mending it showed the next
    profile = {"person": {"citizenships": ["RU"], "born": "2024-01-01"},
               "trips": [{"country": "KZ", "entry": "2023-01-01", "exit": "2023-02-10"},
                         {"country": "GE", "entry": "2023-02-01", "exit": "2023-02-20",
                          "passport": "KG"}]}
    text = json.dumps(profile, indent=1)  # JSON is YAML: one text for both, a field a line
    found = problems(write(tmp_path, f"p.{suffix}", text))
    assert [(p.field, p.value) for p in found] == [
        ("person.born", "2024-01-01"), ("trips[1].passport", "KG"),
        ("trips[1].entry", "2023-02-01")]
    assert all(p.line and p.expected for p in found)
    assert found[0].message.startswith("is after the first trip's entry, to KZ on 2023-01-01")
