"""A charge's limitation period (Art. 78 of Russia's Criminal Code): how long, from which day
(a continuing crime's end, by the call-up age), what it comes to on the answer's day, and
its words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sojourn.countries import country_name, possessive
from sojourn.dates import format_long, months_after
from sojourn.risk._charges import ChargeView, article_words
from sojourn.risk._treaties import BLOC_CONVENTIONS, treaty_name
from sojourn.rules.loader import Pack
from sojourn.rules.schema import ContinuingCrime, Limitation, SourcedOffence, Treaty
from sojourn.words import count, listed

# what a charge's limitation period comes to on the answer's day
LIMITATION_STATUSES = (
    "none",       # the code lets no lapse of time bar it (Art. 78(5))
    "none_later",  # a law put it on that list after the act, and its period before is not known
    "suspended",  # recorded as wanted: the period stands still while they evade (Art. 78(3))
    "court",      # punishable by life imprisonment: the court decides (Art. 78(4))
    "no_day",     # no day of the act (`committed_on`): the day it runs out is not known
    "no_birth",   # a continuing crime that ends at an age, and no birth (`born`) to date it
    "not_computed",  # a continuing crime whose end the sources read give no day for
    "running",    # the period has not run out
    "ran_out",    # the period ran out before the answer's day
)


@dataclass(frozen=True)
class _Period:
    years: int | None = None
    ends: dt.date | None = None
    status: str | None = None
    crime_ends: dt.date | None = None
    call_up_age: int | None = None
    none_since: dt.date | None = None
    # the list names some of the article's parts, not the whole: the part it matched by, or,
    # for a charge naming no part, the parts it may or may not be under
    by_part: bool = False
    unnamed_parts: tuple[int, ...] = ()


def _anniversary(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; for 29 February, 1 March in a year without one,
    the later reading, so that no charge is called barred (nor a call-up age passed) a day
    early."""
    later = months_after(day, 12 * years)
    return later + dt.timedelta(days=1) if later.day < day.day else later


def call_up_ends(continuing: ContinuingCrime, born: dt.date) -> tuple[dt.date, int] | None:
    """The day liability to call-up ends for one born on ``born``, and the upper age that ends
    it: the first birthday of an upper age in force on that birthday (27 for one who turned 27
    before the age rose to 30, else 30)."""
    days = [(_anniversary(born, a.years), a.years) for a in continuing.call_up_ages]
    return min(((d, y) for d, y in days if continuing.upper_age_on(d) == y), default=None)


def _limitation(limitation: Limitation | None, article: str, part: int | None,
                offence: SourcedOffence | None, gravity: str | None,
                committed_on: dt.date | None, wanted: str, on: dt.date,
                born: dt.date | None) -> _Period:
    """The charge's limitation period in years, its last day and its status on ``on``."""
    if limitation is None:
        return _Period()
    listed = limitation.none_for_charge(article, part)
    by_part = listed is not None and listed.parts is not None
    # a charge naming no part, under an article the list names by part: its period is told,
    # and that some parts have none beside it
    unnamed = limitation.none_for_parts(article, on) if part is None and listed is None else ()
    # on the list on the answer's day; an act before the law that put it there (the answer's
    # day standing in for an undated one) keeps its period, told beside that law's day
    listed_since = listed.since if listed and listed.since and listed.since <= on else None
    if listed and (listed.since is None or (listed_since is not None
                                            and (committed_on or on) >= listed_since)):
        return _Period(status="none", by_part=by_part)
    years = limitation.years_for(gravity) if gravity else None
    if years is None:
        return (_Period(status="none_later", none_since=listed_since, by_part=by_part)
                if listed_since else _Period())
    # counted from the day of the act (Art. 78(2)), or, for a continuing crime, from the day
    # it ends; the anniversary itself is taken as the period's last day
    continuing = offence.continuing if offence else None
    start, crime_ends, age = committed_on, None, None
    if continuing is not None:
        ended = (call_up_ends(continuing, born) if born
                 and continuing.ends == "end_of_call_up_age" else None)
        crime_ends, age = ended if ended else (None, None)
        # an act dated after that day (a charge the pack cannot square with the age) runs
        # from the act, the later of the two
        start = max(d for d in (crime_ends, committed_on) if d) if crime_ends else None
    ends = _anniversary(start, years) if start else None
    status = ("suspended" if wanted != "none"
              else "court" if offence is not None and offence.life
              and limitation.court_decides_for_life
              else "not_computed" if continuing and continuing.ends == "not_computed"
              else "no_birth" if continuing and ends is None
              else "no_day" if ends is None
              else "ran_out" if ends < on else "running")
    return _Period(years, ends, status, crime_ends, age, listed_since, by_part, unnamed)


def with_limitation(c: ChargeView, pack: Pack, on: dt.date, born: dt.date | None) -> ChargeView:
    """The charge with its code's limitation period (where the pack holds one) and what that
    makes of it on ``on``; ``born``: the profile's birth date, which dates the end of a
    continuing crime that ends at an age."""
    limitation = next((x for x in pack.limitation if x.country == c.country), None)
    # the period runs from the act, where the profile dates it; judged_on stands in for an
    # undated act only as the day whose version of the article judges it
    committed_on = c.judged_on if c.act_dated else None
    period = _limitation(limitation, c.article, c.part, c.offence, c.gravity, committed_on,
                         c.wanted, on, born)
    return replace(c, limitation=limitation, limitation_years=period.years,
                   limitation_ends=period.ends, limitation_status=period.status,
                   crime_ends=period.crime_ends, call_up_age=period.call_up_age,
                   limitation_none_since=period.none_since, limitation_by_part=period.by_part,
                   limitation_unnamed_parts=period.unnamed_parts)

def _continuing_words(c: ChargeView) -> str:
    """Why a continuing crime's period runs from a later day than the act, and that day."""
    assert c.offence is not None and c.offence.continuing is not None
    cont = c.offence.continuing
    # only the first letter lowered: a title may name a month or a place mid-way
    title = c.offence.title
    why = (f"{title[:1].lower()}{title[1:]} is a continuing crime ({c.offence.id}, "
           f"{cont.confidence} confidence)")
    if cont.ends == "not_computed":
        return why
    ages = "; ".join(f"{a.years} from {format_long(a.since)}" if a.since else str(a.years)
                     for a in cont.call_up_ages)
    if c.crime_ends is None:
        return (f"{why} that ends when liability to call-up does, at the upper call-up age "
                f"({ages}); the profile gives no birth date (`born`), so that day, and the day "
                "the period runs out, are not known")
    return (f"{why} that ends when liability to call-up does: on your {c.call_up_age}th "
            f"birthday, {format_long(c.crime_ends)}, the upper call-up age in force that day "
            f"being {c.call_up_age} ({ages})")


def limitation_words(c: ChargeView, host: str, on: dt.date, treaties: Sequence[Treaty],
                      shared_blocs: Sequence[str] = ()) -> str | None:
    """What the code's limitation period makes of the charge on the day: a day that ends
    liability, one that a wanted listing holds back, or none at all. ``shared_blocs``: the
    blocs both the host and the state bringing the charge belong to on the day; ``treaties``:
    the pack's, of which one binding both may refuse extradition on the lapse. Where a law
    took the article (or the charge's part) out of limitation after the act, or took some
    parts out and the charge names none, that is said after the period."""
    since = c.limitation_none_since
    # an entry naming parts covers the charge's part only: the article whole would overstate it
    named = article_words(c) if c.limitation_by_part else f"Art. {c.article}"
    later = (f"from {format_long(since)}, after the act, no lapse of time bars a prosecution "
             f"under {named} (Art. {c.limitation.article}(5)): whether that reaches "
             "back to an earlier act is not known" if since and c.limitation else "")
    if c.limitation_status == "none_later" and c.limitation is not None:
        return f"limitation for {article_words(c)} ({c.limitation.id}): {later}"
    said = _period_words(c, host, on, treaties, shared_blocs)
    if said is not None and c.limitation_unnamed_parts and c.limitation is not None:
        some = c.limitation_unnamed_parts
        parts = f"part{'s' if len(some) > 1 else ''} {listed([str(p) for p in some])}"
        later = (f"no lapse of time bars a prosecution under {parts} of Art. {c.article} "
                 f"(Art. {c.limitation.article}(5)), and the charge names no part (`part`)")
    if said is None or not later:
        return said
    return f"{said}; but {later}, so the period may not end the exposure"


def _period_words(c: ChargeView, host: str, on: dt.date, treaties: Sequence[Treaty],
                  shared_blocs: Sequence[str] = ()) -> str | None:
    """The limitation period's words, as the list of articles no lapse of time bars stood
    on the day of the act."""
    lim = c.limitation
    if lim is None or c.limitation_status is None:
        return None
    head = f"limitation for {article_words(c)} ({lim.id}): "
    where = f"Art. {lim.article}"
    if c.limitation_status == "none":
        return head + f"none; no lapse of time bars a prosecution for it ({where}(5))"
    span = count(c.limitation_years or 0, "year")
    ends = format_long(c.limitation_ends) if c.limitation_ends else None
    continuing = c.offence is not None and c.offence.continuing is not None
    # a continuing crime's period runs from the day it ends (said once, in full), not the act
    start = "from the day the crime ends" if continuing else "from the act"
    said = f"; {_continuing_words(c)}" if continuing else ""
    if c.limitation_status == "suspended":
        would = (f"would run out on {ends}" if ends else
                 "would run out on a day not known" + (
                     "" if continuing else ", as the profile gives no day of the act "
                     "(`committed_on`)"))
        return (head + f"the {span} {start} {would}, but you are recorded as wanted "
                f"(`wanted: {c.wanted}`): the period stands still while a person evades the "
                "investigation or the court, and runs again only once they are detained or "
                f"give themselves up ({where}(3)), so that day does not end the exposure{said}")
    if c.limitation_status == "court":
        until = f" (to {ends})" if ends else ""
        return (head + f"punishable by life imprisonment, so whether the {span} {start}"
                f"{until} bar a prosecution is for the court to decide ({where}(4)){said}")
    if c.limitation_status == "not_computed":
        return (head + f"{span}, but the period for a continuing crime runs from the day it "
                f"ends, not from the act: not computed, and not run out; {_continuing_words(c)}"
                ", and the sources read give no day it ends")
    if c.limitation_status == "no_birth":
        return head + f"{span} from the day the crime ends, not from the act{said}"
    if c.limitation_status == "no_day":
        return (head + f"{span} from the act; the profile gives no day of the act "
                "(`committed_on`), so the day it runs out is not known")
    if c.limitation_status == "running":
        return (head + f"{span} {start}, to {ends}; criminal liability ends after that "
                "day, unless the period is suspended before then: it stands still while a "
                f"person evades the investigation or the court ({where}(3)){said}")
    named = lapse_treaty(c, host, on, treaties, shared_blocs)
    treaty = named if named is not None and named.article else None
    unread = named if named is not None and not named.article else None
    bloc = next((b for b in shared_blocs if b in BLOC_CONVENTIONS), None)
    # the host's own charge is no extradition's: a treaty between it and itself read "to
    # which the Russian Federation and the Russian Federation are parties"
    refusal = ("" if c.country == host else
               f"; the {treaty_name(treaty.title)} (Art. {treaty.article}), to which "
               f"{country_name(host)} and {country_name(c.country)} are parties, refuses "
               "extradition when a lapse of time bars the prosecution under the law of either "
               "state" if treaty else
               f"; {country_name(host)} and {country_name(c.country)}, both {bloc} members, "
               f"extradite between them under {BLOC_CONVENTIONS[bloc]}, whose ground for "
               "refusing extradition on a lapse of time the pack has not read: whether the "
               f"lapse bars extradition is for {possessive(country_name(host))} law and courts"
               if bloc else
               f"; {country_name(host)} and {country_name(c.country)} extradite between them "
               f"under the {treaty_name(unread.title)}, whose ground for refusing extradition "
               "on a lapse of time the pack has not read: whether the lapse bars extradition is "
               f"for {possessive(country_name(host))} law and courts"
               if unread else
               "; extradition treaties commonly refuse extradition when a lapse of time bars the "
               f"prosecution; the pack records no such treaty between {country_name(host)} and "
               f"{country_name(c.country)}")
    started = "from the day the crime ended" if continuing else "from the act"
    return (head + f"the {span} {started} ran out on {ends}: under the law of "
            f"{country_name(c.country)} criminal liability for it has ended, "
            f"unless the period was suspended while you evaded the investigation or the court "
            f"({where}(3)){refusal}. The level does not count on it: whether the period was "
            f"suspended is for a court{said}")


def lapse_treaty(c: ChargeView, host: str, on: dt.date, treaties: Sequence[Treaty],
                 shared_blocs: Sequence[str] = ()) -> Treaty | None:
    """The treaty the words on a period that ran out name for whether the lapse bars
    extradition: one binding the host and the state bringing the charge whose ground on a
    lapse of time the pack has read, else, where no bloc's conventions are named instead, one
    binding both whose ground it has not read ("no such treaty" would deny the treaty the pack
    records). None for the host's own charge, which no extradition is asked for."""
    if c.country == host:
        return None
    binding = [t for t in treaties if t.binds(host, c.country, on)]
    read = next((t for t in binding if t.article), None)
    if read is not None or any(b in BLOC_CONVENTIONS for b in shared_blocs):
        return read
    return next((t for t in binding if t.article is None), None)


def limitation_treaties(c: ChargeView, host: str, on: dt.date, treaties: Sequence[Treaty],
                        shared_blocs: Sequence[str] = ()) -> tuple[Treaty, ...]:
    """The pack's treaties :func:`limitation_words` names for the charge: the answer rests on
    them as on the period, and lists them with it. Only a period that ran out is told with
    whether a treaty refuses extradition for the lapse."""
    named = (lapse_treaty(c, host, on, treaties, shared_blocs)
             if c.limitation_status == "ran_out" else None)
    return (named,) if named is not None else ()
