"""The rules around a day the pack has none for on a document: the last to end before it
and the first to start after it, which an "unknown" names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sojourn.dates import format_long
from sojourn.entry._documents import fits_age
from sojourn.rules.select import Applied
from sojourn.words import in_force


@dataclass(frozen=True)
class Bracket:
    """The pack's rules on a document (at an age) nearest a day none of them speaks of: the
    last to end before it, and the first to start after it (None: no such rule). Only a day
    after a rule ended names them: a day before the first rule is the pack's period not yet
    begun for that document, as every "unknown" before a rule's start is told, on no rule."""

    ended: Applied | None
    starts: Applied | None

    @property
    def rules(self) -> tuple[Applied, ...]:
        """The rules the answer names: it relies on them, their dates and sources listed."""
        return tuple(r for r in (self.ended, self.starts) if r is not None)

    @property
    def words(self) -> str:
        """"; the pack's last rule on it, tj-entry-child-birth-certificate, was in force from
        1 November 2005 to 19 January 2026, and what holds after it, the pack does not know";
        with a later rule, what holds until it starts, and that it answers from then ("" for
        neither)."""
        ended, starts = self.ended, self.starts
        if ended is None:
            return ""  # none ended: no rule is named
        assert ended.valid_to is not None  # ended before the day
        # with a later rule, the one ended is the last before the day, not the pack's last
        last = "last rule on it" + (" before that day" if starts else "")
        was = (f"; the pack's {last}, {ended.id}, was "
               f"{in_force(ended.valid_from, ended.valid_to, last_seen=ended.last_seen)}")
        if starts is None:
            return f"{was}, and what holds after it, the pack does not know"
        return (f"{was}, and from {format_long(starts.valid_from)} the pack's rule {starts.id} "
                "answers; what holds in between, the pack does not know")


def nearest_rules(applied: Sequence[Applied], document: str, age: int, on: dt.date) -> Bracket:
    """The rules on ``document`` at ``age`` nearest ``on``, a day none of them is in force on:
    a day past the last one's end, or between two, is unknown, and "no rule" alone hid that
    the pack knew the answer until then (Tajikistan's birth certificate to 19 January 2026)
    and, where a later rule starts, from when it knows it again."""
    on_it = [a for a in applied if a.rule.topic == "entry" and any(
        d.type == document and fits_age(d, age) for d in a.documents)]
    ended = max((a for a in on_it if a.valid_to is not None and a.valid_to < on),
                key=lambda a: a.valid_to or dt.date.max, default=None)
    if ended is None:
        return Bracket(None, None)  # before the first rule: see Bracket
    return Bracket(ended, min((a for a in on_it if a.valid_from > on),
                              key=lambda a: a.valid_from, default=None))

