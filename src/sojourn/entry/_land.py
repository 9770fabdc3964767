"""A host's limit on visa-exempt entries by land in a calendar year (Thailand's two), judged
against the entries the person's history records earlier that year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sojourn.dates import format_long
from sojourn.history.presence import Stay
from sojourn.words import listed

# a train into the host stops at a land border checkpoint, as a road does
LAND_WAYS = frozenset({"land", "rail"})

VISA_ENTRIES_COUNTED = ("entries made on a visa are counted too, as your trips do not say "
                        "which were")


@dataclass(frozen=True)
class EarlierEntries:
    """The entries into a host the history records in the calendar year of a day, before it:
    those by land (or rail), and those whose way in it does not record (a CSV history has no
    `by`), which may have been by land."""

    by_land: tuple[dt.date, ...] = ()
    way_unknown: tuple[dt.date, ...] = ()


def earlier_entries(stays: Iterable[Stay], hosts: Collection[str], on: dt.date
                    ) -> EarlierEntries:
    """The entries into ``hosts`` (the host, or a zone's members) from 1 January of ``on``'s
    year to the day before ``on``: the entry made on ``on`` is the one judged."""
    year = [s for s in stays if s.country in hosts and dt.date(on.year, 1, 1) <= s.entry < on]
    return EarlierEntries(tuple(s.entry for s in year if s.by in LAND_WAYS),
                          tuple(s.entry for s in year if s.by is None))


def land_limit_words(most: int, earlier: EarlierEntries | None, name: str, rule: str,
                     on: dt.date, by: str | None) -> tuple[str, bool | None]:
    """What the limit says of an entry on ``on``: the reason, and whether it lets the entry
    in by land (True), refuses it (False) or cannot tell (None: a way in not recorded could
    have used up the limit, or no history was given to count). ``by`` is the way in asked
    (None: not said, so the limit is told beside the answer and decides nothing)."""
    limit = (f"{name} lets a person in without a visa by land (a road or rail border "
             f"checkpoint) at most {land_times(most)} a calendar year ({rule}); entries by air or "
             "sea are not counted")
    if earlier is None:
        return f"{limit}; give --history to count yours", None
    year = on.year
    made = len(earlier.by_land)
    days = listed([format_long(d) for d in earlier.by_land])
    so_far = (f"your history records {land_times(made)} by land in {year} before this one "
              f"({days})" if made else f"your history records none by land in {year} before "
              "this one")
    if made >= most:
        verdict: bool | None = False
        said = f"{so_far}: a visa is needed to enter by land again before 1 January {year + 1}"
    elif made + len(earlier.way_unknown) >= most:
        verdict = None
        unknown = listed([format_long(d) for d in earlier.way_unknown])
        said = (f"{so_far}, and it does not say how you came in on {unknown}: if by land, "
                "the limit is reached; add `by` to those trips to judge it")
    else:
        verdict = True
        said = f"{so_far}: this one is within it"
    if verdict is not True:
        # a trip does not record whether it was entered on a visa, which the limit does not
        # count: where the count decides, the answer says it counted them all
        said += f"; {VISA_ENTRIES_COUNTED}"
    if by is not None and by not in LAND_WAYS:
        return f"{limit}; you come in by {by}", True
    return f"{limit}; {said}", verdict


def land_times(n: int) -> str:
    """"once", "twice", "3 times": a count of entries in words."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
