"""The options several commands take, and the readers of their values: a value they
refuse is an InputError, told as all bad input is."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, overload

import typer

from sojourn.cli._click import Refused
from sojourn.countries import code_hint, fold_code
from sojourn.dates import ISO_FORM, RANGE_FORM, check_in_range, parse_iso_date
from sojourn.errors import InputError, Problem
from sojourn.files import NUL_IN_NAME

if TYPE_CHECKING:
    from sojourn.rules.loader import Pack


# the ways in a host's entry rules tell apart (`entry --by`, `destinations --by`, `plan --by`)
WAYS_IN = ("land", "air", "rail", "sea")
By = Annotated[str | None, typer.Option("--by", metavar="WAY",
                                        help="Way in: land, air, rail or sea.")]

def file_path(value: str) -> Path:
    """A file named on the command line (Typer's ``parser`` of every path parameter). Typer's
    own Path type reads "" as Path("."), so that an empty name (an unset shell variable in
    ``--out "$OUT"``) was told as the working directory, or broke a command that derives a
    name from it (batch's rejects file) with an internal error."""
    problem = not_a_file_name(value, None)
    if problem is not None:
        raise Refused(str(problem))
    return Path(value)


def not_a_file_name(value: str, option: str | None) -> Problem | None:
    """Why ``value`` names no file, if it does not: it is empty, or it ends in a path
    separator, which Path drops (``-o reports/`` wrote a file named ``reports``)."""
    if not value:
        return Problem(option, None, None, "", "is empty", "a file name")
    if value.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)):
        return Problem(option, None, None, value, "is a directory name", "a file name")
    if "\0" in value:  # only from within Python (a command line cannot hold one)
        return Problem(option, None, None, value, NUL_IN_NAME, "a file name")
    return None


def day_option(value: str | None, option: str) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        day = parse_iso_date(value)
    except ValueError as exc:
        raise InputError(Problem(option, None, None, value, str(exc), ISO_FORM)) from None
    try:
        return check_in_range(day)
    except ValueError as exc:
        raise InputError(Problem(option, None, None, value, str(exc), RANGE_FORM)) from None


def whole(value: str | None, option: str, lo: int, hi: int) -> int | None:
    """An option's whole number from ``lo`` to ``hi``, or None when not given. Read here, not
    by Typer, so that a bad one is told as all bad input is (Typer boxes pydantic's words)."""
    if value is None:
        return None
    form = f"a whole number from {lo} to {hi}"
    text = value.strip()
    if not text.isascii() or not text.lstrip("+-").isdigit() or text.count("-") + text.count(
            "+") > 1:
        raise InputError(Problem(option, None, None, value, "is not a whole number", form))
    # more digits than the bound has is out of range, before int() (which refuses 4,300 digits)
    if len(text.lstrip("+-").lstrip("0")) > len(str(hi)) or not lo <= int(text) <= hi:
        raise InputError(Problem(option, None, None, value, "is out of range", form))
    return int(text)


History = Annotated[Path, typer.Argument(metavar="HISTORY", help="Trips: a .csv "
                                         "(country,entry,exit) or a .yaml/.json profile.",
                                         show_default=False, parser=file_path)]
Country = Annotated[str | None, typer.Option(
    "--country", metavar="CODE",
    help="Host country or zone (KZ, SCHENGEN); with --rule a comma list.")]
RuleSpec = Annotated[str | None, typer.Option(
    "--rule", metavar="SPEC",
    help="Ad-hoc regime instead of the pack, e.g. per-entry:60+rolling:90/180.")]
Citizenship = Annotated[str | None, typer.Option(
    "--citizenship", metavar="CODE", help="Passport judged (ISO code); default: the "
    "profile's. A CSV history needs it for the pack's rules.")]
Assume = Annotated[list[str] | None, typer.Option(
    "--assume", metavar="NAME", help="Pick a named variant of a contested rule (repeatable).")]
On = Annotated[str | None, typer.Option(
    "--on", metavar="DATE", help="Day to judge, YYYY-MM-DD (default today).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
AsJsonList = Annotated[bool, typer.Option("--json", help="Print one JSON array.")]
# text, not a Path: Typer would read "" as Path(".") and load the working directory
PackDir = Annotated[str | None, typer.Option(
    "--pack", metavar="PATH",
    help="A rule pack directory, or one rule file, to use instead of the built-in one.")]
HostCountry = Annotated[str, typer.Option("--country", metavar="CODE",
                                            help="Host country, e.g. KZ.")]


@overload
def choice(value: str, allowed: tuple[str, ...], option: str) -> str: ...
@overload
def choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None: ...
def choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    """``value`` as one of ``allowed`` (all lower case), read as codes are: stripped, in any
    case (--by LAND is --by land, as --country kz is KZ); else an InputError."""
    if value is None:
        return None
    chosen = value.strip().lower()
    if chosen not in allowed:
        raise InputError(Problem(option, None, None, value, "is not accepted",
                                 "one of " + ", ".join(allowed)))
    return chosen


def citizenship_option(value: str | None) -> str | None:
    """``--citizenship`` as a code, or None when it is not given. A value given is checked,
    an empty one too: each command that reads it says the same of a typo."""
    from sojourn.stay import citizenship_code

    return None if value is None else citizenship_code(value)


def host_option(pack: Pack, value: str, option: str) -> str:
    """A host of the pack's rules given as ``option`` (``--to``, ``--country``): a country
    code or one of its zones."""
    host = fold_code(value)
    if not pack.is_host(host):
        raise InputError(Problem(option, None, None, value,
                                 "is not a country code or a zone" + code_hint(value),
                                 "an ISO 3166-1 alpha-2 code such as KZ, or a zone: "
                                 + ", ".join(pack.zones)))
    return host


def country_option(value: str, option: str) -> str:
    from sojourn.countries import COUNTRY_FORM, is_country

    code = fold_code(value)
    if not is_country(code):
        raise InputError(Problem(option, None, None, value,
                                 "is not a country code" + code_hint(value), COUNTRY_FORM))
    return code
