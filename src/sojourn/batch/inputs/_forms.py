"""The two forms of a batch input (stays, crossing events): the columns each reads, the types
those columns may hold, and the accepted forms told back about a file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import polars as pl

from sojourn.errors import InputError, Problem

Form = Literal["stays", "events"]

REQUIRED: dict[Form, tuple[str, ...]] = {
    "stays": ("person_id", "country", "entry", "exit"),
    "events": ("person_id", "date", "direction", "country"),
}
OPTIONAL = ("citizenship",)
HEADERS = ("person_id,country,entry,exit for stays, or person_id,date,direction,country for "
           "border-crossing events; either may add citizenship, other columns are ignored")
SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
FILE_FORM = ("a .csv or .parquet/.pq file with the columns " + HEADERS)
CSV_FORM = ("comma-separated UTF-8 text with one cell per header column; "
            "quote a cell holding a comma")
DATES = ("entry", "exit", "date")
MORE = "_more"  # a CSV row holds text in a column no field reads (see _scan._numbered)
SHORT = "_short"  # why a CSV row lacks a cell of a column read, if it does (see _scan._short)


def check_types(schema: Mapping[str, pl.DataType], source: str) -> None:
    """Refuse a column of a type its field cannot take (columns named as canonical fields)."""
    for name in dict.fromkeys((*REQUIRED["stays"], *REQUIRED["events"], *OPTIONAL)):
        dtype = schema.get(name)
        if dtype is None or dtype in (pl.String, pl.Null, pl.Categorical) or isinstance(
                dtype, pl.Enum):
            continue
        if name in DATES and (dtype == pl.Date or isinstance(dtype, pl.Datetime)):
            continue
        if name == "person_id" and dtype.is_integer():
            continue
        wanted = ("a column of dates, or of ISO date text" if name in DATES else
                  "a column of text or whole numbers" if name == "person_id" else
                  "a column of text")
        raise InputError(Problem(source, None, name, str(dtype), _unfit(name, dtype), wanted))


def _unfit(name: str, dtype: pl.DataType) -> str:
    """Why a column of ``dtype`` cannot be field ``name``: for dates held as numbers, what
    those numbers most often are, as nothing in the type's name points to the cause."""
    unfit = "is not a type this column can hold"
    if name in DATES and dtype.is_numeric():
        return (f"{unfit}: numbers, not dates (a spreadsheet's day numbers, 44931 for "
                "2023-01-05, or seconds since 1970?); write the column as dates")
    return unfit


def fields_of(raw: pl.DataFrame, form: Form) -> list[str]:
    """The columns of ``raw`` that ``form`` reads, in file order."""
    return [c for c in raw.columns if c in (*REQUIRED[form], *OPTIONAL)]
