"""Read a travel history from CSV or a YAML/JSON profile, validated, into a :class:`History`."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pydantic

from sojourn._structured import (
    Loc,
    dotted,
    line_of,
    load_document,
    problems_from_validation,
    read_text,
    validate,
)
from sojourn.dates import NOT_A_DATE, order_hint
from sojourn.errors import Gathered, InputError, Problem, columns_meant, plain
from sojourn.files import typed_file
from sojourn.history.models import ProfileIn, TripIn
from sojourn.history.presence import History, Stay, build_history
from sojourn.words import listed

CSV_COLUMNS = ("country", "entry", "exit")
FORMATS = "a .csv file with header country,entry,exit, or a .yaml/.yml/.json profile"
HEADER_FORM = "a first line naming the columns: country,entry,exit (other columns are ignored)"
# every field a profile takes, as an unknown field is told them (it named six of the nine)
PROFILE_FORM = f"a mapping with the fields {', '.join(ProfileIn.model_fields)}"


def load_history(path: Path | str) -> History:
    """Load and check ``path``; raise InputError naming every problem found."""
    path = Path(path)
    suffix = typed_file(path, (".csv", ".yaml", ".yml", ".json"), FORMATS, "a history file")
    text = read_text(path)
    if not text.strip():
        raise InputError(Problem(str(path), None, None, None, "is empty", FORMATS))
    if suffix == ".csv":
        return _from_csv(path, text)
    return _from_profile(path, text)


def _unclosed_quote(text: str) -> tuple[int, str] | None:
    """(line, text) of the line on which a quote opens that the file never closes, if one does.

    The csv module would read the rest of the file into that cell, and with it every trip
    after it, unseen. Quotes come in pairs in well-quoted CSV (a quote doubled inside a cell
    is a pair too), so an odd count is a quote left open, opened on the last line that made
    the count odd."""
    if text.count('"') % 2 == 0:
        return None
    lines = text.split("\n")
    odd, opened = False, 0
    for number, line in enumerate(lines, start=1):
        if line.count('"') % 2:
            odd = not odd
            opened = number if odd else opened
    return opened, lines[opened - 1].rstrip("\r")


def _from_csv(path: Path, text: str) -> History:
    name = str(path)
    unclosed = _unclosed_quote(text)
    if unclosed is not None:
        raise InputError(Problem(name, unclosed[0], None, unclosed[1][:60],
                                 "opens a quote that is never closed",
                                 'a quoted cell closed by a second quote, as in "a, b"'))
    with _field_limit(len(text)):
        return _read_csv(name, text)


@contextlib.contextmanager
def _field_limit(size: int) -> Iterator[None]:
    """The csv module's limit on a cell's length (131,072 characters by default, for the whole
    process) raised to ``size`` while the block runs: a long note in a column that is not read
    is no reason to refuse a history, whose text is in memory anyway."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, size + 1))
    try:
        yield
    finally:
        csv.field_size_limit(before)


_LONE_CR = re.compile(r"\r(?!\n)")


def _not_csv(name: str, text: str, line: int, exc: csv.Error) -> Problem:
    """Why the csv module stopped at the record that starts on ``line``: a line in it ended by
    a carriage return alone, told as a batch input's is, or else the module's own words."""
    from sojourn.batch.inputs._csv_bytes import CR_FORM, LONE_CR

    # from the failed record on only: a quoted cell before it may hold a carriage return
    start = sum(len(before) + 1 for before in text.split("\n")[:line - 1])
    found = _LONE_CR.search(text, start)
    if found is not None:
        return Problem(name, text.count("\n", 0, found.start()) + 1, None, None, LONE_CR,
                       CR_FORM)
    return Problem(name, line, None, None, f"is not valid CSV: {exc}", FORMATS)


def _read_csv(name: str, text: str) -> History:
    reader = csv.reader(io.StringIO(text))
    raw_header: list[str] = []
    try:
        while not any(cell.strip() for cell in raw_header):  # blank lines may precede it
            raw_header = next(reader)
    except csv.Error as exc:
        raise InputError(_not_csv(name, text, reader.line_num or 1, exc)) from None
    except StopIteration:
        raise InputError(Problem(name, None, None, None, "holds no header and no trips",
                                 FORMATS)) from None
    header_line = reader.line_num
    header = [h.strip().lower() for h in raw_header]
    problem = _header_problem(name, header_line, header, ",".join(raw_header))
    if problem is not None:
        raise InputError(problem)
    where = {c: header.index(c) for c in CSV_COLUMNS}
    # a row may end before columns that are not read, never before one that is: a line cut
    # short would otherwise lose its exit and be read as a stay still going on
    needed = max(where.values()) + 1
    stays: list[Stay] = []
    problems: list[Problem] = []
    dates: dict[str, list[str]] = {"entry": [], "exit": []}  # each column's cells, as written
    line = end = header_line
    try:
        for row in reader:
            # a record may span lines (a quoted line break): it is told by its first line
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < needed:
                problems.append(_short_row(name, line, row, raw_header, where))
                continue
            if len(row) < len(header):  # only columns that are not read were left out
                row = row + [""] * (len(header) - len(row))
            extra = [cell for cell in row[len(header):] if cell.strip()]
            if extra:  # a stray comma would shift the exit out of its column unseen
                problems.append(Problem(
                    name, line, None, ",".join(extra),
                    f"is more than the {len(header)} cells the header names",
                    "one cell per header column; put a cell that holds a comma in quotes"))
                continue
            record = {c: row[i].strip() for c, i in where.items()}
            for column, cells in dates.items():
                cells.append(record[column])
            try:
                trip = TripIn.model_validate(record)
            except pydantic.ValidationError as exc:
                lines: dict[tuple[str | int, ...], int] = {(c,): line for c in CSV_COLUMNS}
                problems.extend(problems_from_validation(exc, name, record, lines, model=TripIn))
                continue
            stays.append(Stay(trip.country, trip.entry, trip.exit, f"{plain(name)}, line {line}"))
    except csv.Error as exc:  # raised while reading the record after the one at ``line``
        problems.append(_not_csv(name, text, end + 1, exc))
    if problems:
        raise InputError([_with_order(p, dates) for p in problems])
    if not stays:
        raise InputError(Problem(name, header_line, None, None,
                                 "has a header but no trips after it",
                                 "one line per trip under the header, e.g. KZ,2023-01-27,"
                                 "2023-03-01 (an empty exit means still there)"))
    return build_history(name, stays)


def _with_order(problem: Problem, dates: dict[str, list[str]]) -> Problem:
    """``problem``, and if it is a date whose day and month could be either (02.12.2022),
    what the history's date columns say of their order (24.09.2022 in them: the day first),
    as a crossing log's refused column is told (:func:`~sojourn.dates.order_hint`)."""
    if (problem.field not in dates or not isinstance(problem.value, str)
            or not problem.message.startswith(NOT_A_DATE)):
        return problem
    # after the value's own readings, which the message ends with
    return replace(problem, message=problem.message
                   + order_hint(problem.value, problem.field, dates))


def _short_row(name: str, line: int, row: list[str], header: list[str], where: dict[str, int]
               ) -> Problem:
    """The problem of a row that ends before a column sojourn reads (a truncated file, a
    spreadsheet that dropped an empty cell): told, never read as an empty cell."""
    missing = sorted((c for c, i in where.items() if i >= len(row)), key=where.__getitem__)
    written = io.StringIO()
    csv.writer(written, lineterminator="").writerow(row)
    # the row padded with empty cells up to the last column read: what an empty exit looks like
    padded = written.getvalue() + "," * (max(where.values()) + 1 - len(row))
    expected = (f"a stay still going on written with an empty exit: {padded}"
                if missing == ["exit"] else
                f"a cell for each column read, {' and '.join(missing)} too")
    return Problem(name, line, None, None,
                   f"has {len(row)} cell{'s' if len(row) != 1 else ''} where the header has "
                   f"{len(header)} ({','.join(h.strip() for h in header)}): no "
                   f"{', '.join(missing)}", expected)


def _header_problem(name: str, line: int, header: list[str], found: str) -> Problem | None:
    """What is wrong with a CSV header line, if anything: one Problem for the whole line."""
    missing = [c for c in CSV_COLUMNS if c not in header]
    if not missing:
        repeated = sorted({c for c in CSV_COLUMNS if header.count(c) > 1})
        if repeated:
            return Problem(name, line, repeated[0], None, "column appears more than once in the "
                           "header", HEADER_FORM)
        return None
    hint = columns_meant(missing, [h for h in header if h and h not in CSV_COLUMNS])
    lacks = Problem(name, line, ",".join(missing), found,
                    f"lacks the column{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(repr(c) for c in missing)}{hint}", HEADER_FORM)
    if len(missing) < len(CSV_COLUMNS):
        return lacks
    for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
        if any(sep in h for h in header) and all(
                c in [p.strip() for h in header for p in h.split(sep)] for c in CSV_COLUMNS):
            return Problem(name, line, None, found, f"separates the columns with {label}",
                           "commas between columns: country,entry,exit")
    if hint:  # every column misspelled (contry,entri,exti) is a header still, not a trip
        return lacks
    return Problem(name, line, None, found, "is not the header line",
                   f"{HEADER_FORM}, then one line per trip")


def _kind(data: object) -> str:
    return "list" if isinstance(data, list) else "single value"


def _csv_named_as_profile(data: object, path: Path) -> str:
    """What a YAML file holding a CSV history is (a CSV saved as .yaml: YAML reads its lines
    as one text), as a .parquet holding CSV text is told to be named .csv; else ""."""
    if not isinstance(data, str) or not data.split():
        return ""
    header = {cell.strip().lower() for cell in data.split()[0].split(",")}
    if not {"country", "entry", "exit"} <= header:
        return ""
    return f": it reads as a CSV history (country,entry,exit); name it {path.stem}.csv"


def _from_profile(path: Path, text: str) -> History:
    name = str(path)
    data, lines = load_document(path, text)
    if not isinstance(data, dict):
        what = ("holds no data" if data is None else
                f"is a {_kind(data)}, not a profile{_csv_named_as_profile(data, path)}")
        raise InputError(Problem(name, line_of(lines, ()) or 1, None, None, what, PROFILE_FORM))
    profile = validate(ProfileIn, data, name, lines)
    where = plain(name)  # as a Problem prints a file name: a stay's origin is told in messages
    born = profile.person.born if profile.person else None
    # every problem of the profile's fields against each other told at once, as its fields'
    # own are (validate): a run stopped at the first would make the user mend one a run
    problems = [*_born_after_a_trip(name, profile, lines), *_passports_not_held(name, profile,
                                                                                 lines)]
    stays = [Stay(t.country, t.entry, t.exit, f"{where}, line {lines.get(('trips', i), '?')}", t.by,
                  t.passport, f"trips[{i}].")
             for i, t in enumerate(profile.trips)]
    with Gathered() as gathered:  # and the trips' against each other (overlaps), after them
        gathered.add(problems)
        history = gathered.read(build_history, name, stays, profile, line_of(
            lines, ("person", "born")) if born is not None else None)
    kind_lines = tuple(line_of(lines, ("applications", i, "kind"))
                       for i in range(len(profile.applications)))
    return replace(history, warnings=(*_odd_summonses(where, profile, lines), *history.warnings),
                   application_kind_lines=kind_lines)


def _born_after_a_trip(name: str, profile: ProfileIn, lines: dict[Loc, int]) -> list[Problem]:
    """The problem of a birth after the first trip's entry, if it is: a typo in one or the
    other; judging the trips as they stand would answer for a person the profile does not
    describe."""
    born = profile.person.born if profile.person else None
    first = min(range(len(profile.trips)), key=lambda i: profile.trips[i].entry, default=None)
    if born is None or first is None or profile.trips[first].entry >= born:
        return []
    trip = profile.trips[first]
    return [Problem(
        name, line_of(lines, ("person", "born")), "person.born", born.isoformat(),
        f"is after the first trip's entry, to {trip.country} on {trip.entry} "
        f"({plain(name)}, line {lines.get(('trips', first), '?')})",
        f"a birth date on or before {trip.entry}, or that trip's entry corrected")]


def _odd_summonses(where: str, profile: ProfileIn, lines: dict[Loc, int]) -> list[str]:
    """A warning for each summons served after the day it calls the person to report: a
    paper summons delivered late may be, so it is judged as recorded, but a typo in either
    date is likelier, and the exit ban runs from these days."""
    return [f"{where}, line {line_of(lines, ('summonses', i, 'report_on')) or '?'}: "
            f"summonses[{i}].report_on {s.report_on} is before served_on {s.served_on}: a "
            "summons handed to you after the day it calls you to report; judged as recorded, "
            "check both dates"
            for i, s in enumerate(profile.summonses) if s.handed_after_its_day]


def _passports_not_held(name: str, profile: ProfileIn, lines: dict[Loc, int]) -> list[Problem]:
    """A problem for each trip whose ``passport`` is not a citizenship the profile holds: the
    stay would be judged under a citizenship of someone else (a typo in one or the other)."""
    held = profile.person.citizenships if profile.person else []
    expected = (f"the citizenship of the passport shown at that entry, {listed(held, 'or')} "
                "(person.citizenships), or no passport field" if held else
                "person.citizenships listing the citizenship of that passport, or no passport "
                "field")
    problems = []
    for i, trip in enumerate(profile.trips):
        if trip.passport is None or trip.passport in held:
            continue
        loc = ("trips", i, "passport")
        problems.append(Problem(
            name, line_of(lines, loc), dotted(loc), trip.passport,
            f"is not among the profile's citizenships ({', '.join(held)})" if held else
            "is a passport of a citizenship the profile does not name (it has no "
            "person.citizenships)", expected))
    return problems
