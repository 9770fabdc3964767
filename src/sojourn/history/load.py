"""Read a travel history from CSV or a YAML/JSON profile, validated, into a :class:`History`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pydantic

from sojourn._structured import load_document, problems_from_validation, read_text, validate
from sojourn.errors import InputError, Problem
from sojourn.history.models import ProfileIn, TripIn
from sojourn.history.presence import History, Stay, build_history

CSV_COLUMNS = ("country", "entry", "exit")
FORMATS = "a .csv file with header country,entry,exit, or a .yaml/.yml/.json profile"


def load_history(path: Path | str) -> History:
    """Load and check ``path``; raise InputError naming every problem found."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml", ".json"):
        raise InputError(Problem(str(path), None, None, path.suffix or "(none)",
                                 "is not a history file type", FORMATS))
    text = read_text(path)
    if not text.strip():
        raise InputError(Problem(str(path), None, None, None, "is empty", FORMATS))
    if suffix == ".csv":
        return _from_csv(path, text)
    return _from_profile(path, text)


def _from_csv(path: Path, text: str) -> History:
    name = str(path)
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise InputError(Problem(name, 1, None, None, f"is not valid CSV: {exc}", FORMATS)
                         ) from None
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise InputError([
            Problem(name, 1, column, None, "column is missing from the header",
                    "a header line with the columns country,entry,exit (others are ignored)")
            for column in missing])
    where = {c: header.index(c) for c in CSV_COLUMNS}
    stays: list[Stay] = []
    problems: list[Problem] = []
    line = 1
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                row = row + [""] * (len(header) - len(row))
            record = {c: row[i].strip() for c, i in where.items()}
            try:
                trip = TripIn.model_validate(record)
            except pydantic.ValidationError as exc:
                lines: dict[tuple[str | int, ...], int] = {(c,): line for c in CSV_COLUMNS}
                problems.extend(problems_from_validation(exc, name, record, lines))
                continue
            stays.append(Stay(trip.country, trip.entry, trip.exit, f"{name}, line {line}"))
    except csv.Error as exc:
        problems.append(Problem(name, line, None, None, f"is not valid CSV: {exc}", FORMATS))
    if problems:
        raise InputError(problems)
    if not stays:
        raise InputError(Problem(name, None, None, None, "has a header but no trips",
                                 "one line per trip: country,entry,exit"))
    return build_history(name, stays)


def _from_profile(path: Path, text: str) -> History:
    name = str(path)
    data, lines = load_document(path, text)
    if not isinstance(data, dict):
        raise InputError(Problem(name, 1, None, None, "is not a profile",
                                 "a mapping with person, trips, registrations, permits, charges"))
    profile = validate(ProfileIn, data, name, lines)
    stays = [
        Stay(t.country, t.entry, t.exit, f"{name}, line {lines.get(('trips', i), '?')}", t.by)
        for i, t in enumerate(profile.trips)
    ]
    return build_history(name, stays, profile)
