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
from sojourn.risk._treaties import (
    BLOC_CONVENTIONS,
    SharedBloc,
    TreatyGrounds,
    bloc_pair_words,
    grounds_binding,
    treaty_name,
)
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
    call_up_ends: dt.date | None = None
    call_up_begins: dt.date | None = None
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
    start, crime_ends, age, liability_ends = committed_on, None, None, None
    begins = (_anniversary(born, continuing.lower_call_up_age) if continuing is not None
              and born and continuing.lower_call_up_age else None)
    if continuing is not None:
        ended = (call_up_ends(continuing, born) if born
                 and continuing.ends == "end_of_call_up_age" else None)
        liability_ends, age = ended if ended else (None, None)
        # an act dated on or after that day was no evasion of a call-up the person was liable
        # to: the crime cannot have gone on to a day before it began, so the period runs
        # from the act, and the charge is cautioned (call_up_caution_words)
        after = committed_on is not None and liability_ends is not None \
            and committed_on >= liability_ends
        crime_ends = None if after else liability_ends
        start = committed_on if after else crime_ends
    ends = _anniversary(start, years) if start else None
    status = ("suspended" if wanted != "none"
              else "court" if offence is not None and offence.life
              and limitation.court_decides_for_life
              else "not_computed" if continuing and continuing.ends == "not_computed"
              else "no_birth" if continuing and ends is None
              else "no_day" if ends is None
              else "ran_out" if ends < on else "running")
    return _Period(years, ends, status, crime_ends, age, liability_ends, begins, listed_since,
                   by_part, unnamed)


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
                   call_up_ends=period.call_up_ends, call_up_begins=period.call_up_begins,
                   limitation_none_since=period.none_since, limitation_by_part=period.by_part,
                   limitation_unnamed_parts=period.unnamed_parts)


def _ages_words(continuing: ContinuingCrime) -> str:
    """The upper call-up ages over time: "27; 30 from 1 January 2024"."""
    return "; ".join(f"{a.years} from {format_long(a.since)}" if a.since else str(a.years)
                     for a in continuing.call_up_ages)


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
    ages = _ages_words(cont)
    if c.crime_ends is None:
        return (f"{why} that ends when liability to call-up does, at the upper call-up age "
                f"({ages}); the profile gives no birth date (`born`), so that day, and the day "
                "the period runs out, are not known")
    return (f"{why} that ends when liability to call-up does: on your {c.call_up_age}th "
            f"birthday, {format_long(c.crime_ends)}, the upper call-up age in force that day "
            f"being {c.call_up_age} ({ages})")


def _after_call_up_words(c: ChargeView) -> str:
    """Why a continuing crime's period runs from the act: it is dated after the day
    liability to call-up ended, to which the evasion cannot have gone on."""
    assert c.call_up_ends is not None
    return (f"counted from the act, not from the end of liability to call-up "
            f"({format_long(c.call_up_ends)}), which came before it")


# what a caution on an act the person was not liable to call-up on asks, and how it is judged
_NOT_LIABLE = ("you were not liable to call-up on the day of the act, so the facts recorded do "
               "not fit a charge of evading it; check the day of the act and the article "
               "against the charge papers, and `born`. The charge is judged as recorded")


def call_up_caution_words(c: ChargeView) -> str | None:
    """A caution on a charge of evading call-up dated before the day liability to call-up
    began (the lower call-up age) or on or after the day it ended: the person was not liable
    on that day, so the facts recorded do not fit the charge. Told, not refused: the charge
    papers, not the profile, may hold the error (the day of the act, the article), or the
    birth date may be wrong."""
    if c.liable_to_call_up_on_act is not False or c.offence is None:
        return None
    assert c.call_up_ends is not None and c.offence.continuing is not None
    cont = c.offence.continuing
    if not c.act_after_call_up:
        assert c.call_up_begins is not None and cont.lower_call_up_age is not None
        # the period is not counted from the act: an evasion begun once he was liable would
        # end with liability all the same, the later day, so none is called barred early
        return (f"caution on the charge under {article_words(c)}: the act is dated "
                f"{format_long(c.judged_on)} (`committed_on`), but liability to call-up began "
                f"only on your {cont.lower_call_up_age}th birthday, "
                f"{format_long(c.call_up_begins)}, the lower call-up age being "
                f"{cont.lower_call_up_age} ({c.offence.id}): {_NOT_LIABLE}, its period counted "
                "from the end of liability to call-up")
    # the age now in force may be a later, higher one: say why it did not reach this person
    last = cont.call_up_ages[-1]
    rise = (f", and the rise to {last.years} from {format_long(last.since)} reached only those "
            f"not yet {c.call_up_age} by then" if last.since and last.years != c.call_up_age
            else "")
    return (f"caution on the charge under {article_words(c)}: the act is dated "
            f"{format_long(c.judged_on)} (`committed_on`), but liability to call-up ended on "
            f"your {c.call_up_age}th birthday, {format_long(c.call_up_ends)}, the upper "
            f"call-up age in force that day being {c.call_up_age} ({_ages_words(cont)}; "
            f"{c.offence.id}){rise}: {_NOT_LIABLE}")


def limitation_words(c: ChargeView, host: str, on: dt.date, treaties: Sequence[Treaty],
                      shared_blocs: Sequence[SharedBloc] = (),
                      treaty_policy: str | None = None) -> str | None:
    """What the code's limitation period makes of the charge on the day: a day that ends
    liability, one that a wanted listing holds back, or none at all. ``shared_blocs``: the
    blocs both the host and the state bringing the charge belong to on the day; ``treaties``:
    the pack's, of which one binding both may refuse extradition on the lapse;
    ``treaty_policy``: the id of the host's policy judging the charge where it says the
    extradition rests on a treaty between them (lapse_refusal_words). Where a law
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
    said = _period_words(c, host, on, treaties, shared_blocs, treaty_policy)
    if said is not None and c.limitation_unnamed_parts and c.limitation is not None:
        some = c.limitation_unnamed_parts
        parts = f"part{'s' if len(some) > 1 else ''} {listed([str(p) for p in some])}"
        later = (f"no lapse of time bars a prosecution under {parts} of Art. {c.article} "
                 f"(Art. {c.limitation.article}(5)), and the charge names no part (`part`)")
    if said is None or not later:
        return said
    return f"{said}; but {later}, so the period may not end the exposure"


def _period_words(c: ChargeView, host: str, on: dt.date, treaties: Sequence[Treaty],
                  shared_blocs: Sequence[SharedBloc] = (),
                  treaty_policy: str | None = None) -> str | None:
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
    continuing = c.limitation_runs_from != "act"
    # a continuing crime's period runs from the day it ends (said once, in full), not the act;
    # an act after liability to call-up ended runs from the act, and says why
    start = "from the day the crime ends" if continuing else "from the act"
    said = (f"; {_continuing_words(c)}" if continuing
            else f"; {_after_call_up_words(c)}" if c.act_after_call_up else "")
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
    refusal = lapse_refusal_words(c.country, host, lapse_grounds(c, host, on, treaties,
                                                                 shared_blocs),
                                  treaty_policy)
    started = "from the day the crime ended" if continuing else "from the act"
    return (head + f"the {span} {started} ran out on {ends}: under the law of "
            f"{country_name(c.country)} criminal liability for it has ended, "
            f"unless the period was suspended while you evaded the investigation or the court "
            f"({where}(3)){'; ' + refusal if refusal else ''}. The level does not count on "
            f"it: whether the period was suspended is for a court{said}")


def lapse_grounds(c: ChargeView, host: str, on: dt.date, treaties: Sequence[Treaty],
                  shared_blocs: Sequence[SharedBloc] = ()) -> TreatyGrounds:
    """What binds the host and the state bringing the charge on the day, for whether a lapse
    of time bars extradition: the treaties whose ground on it the pack has read, those it has
    not, and the bloc conventions (grounds_binding). Nothing for the host's own charge."""
    return grounds_binding(host, c.country, on, treaties, shared_blocs,
                           lambda t: t.article is not None)


def lapse_refusal_words(state: str, host: str, grounds: TreatyGrounds,
                        treaty_policy: str | None = None) -> str:
    """Whether a treaty refuses extradition for the lapse: each treaty binding both that does
    (its article), then those binding both whose ground the pack has not read and the bloc
    conventions, left to the host's law and courts; else, where the host's policy judging the
    charge (``treaty_policy``) rests on a treaty the pack's list does not hold, that treaty,
    whose ground is not read either; else the general rule. Empty for the
    host's own charge: a treaty between it and itself read "to which the Russian Federation
    and the Russian Federation are parties"."""
    if state == host:
        return ""
    name, asking = country_name(host), country_name(state)
    said = [f"the {treaty_name(t.title)} (Art. {t.article}), to which {name} and {asking} are "
            "parties, refuses extradition when a lapse of time bars the prosecution under the "
            "law of either state" for t in grounds.giving]
    ways = [f"the {treaty_name(t.title)}" for t in grounds.unread]
    ways += [BLOC_CONVENTIONS[grounds.bloc.id]] if grounds.bloc else []
    if ways:
        members = bloc_pair_words(grounds.bloc) if grounds.bloc else ""
        # beside a treaty that refuses, the others' grounds may refuse too, not instead
        also = " also" if said else ""
        one = len(ways) == 1 and grounds.bloc is None  # "the CIS conventions" are several
        whether = (f"whether {'it' if one else 'they'} also bar{'s' if one else ''} "
                   "extradition for the lapse" if said else "whether the lapse bars extradition")
        said.append(f"{name} and {asking}{members}{also} extradite between them under "
                    f"{listed(ways)}, whose ground for refusing extradition on a lapse of time "
                    f"the pack has not read: {whether} is for {possessive(name)} law and courts")
    if not said and treaty_policy is not None:
        # the UAE's policy names its 2014 treaty with Russia: "the pack records no such
        # treaty" read as denying the treaty the line above it had just named
        return (f"{name} extradites to {asking} under a treaty between them ({treaty_policy}), "
                "which the pack's list of treaties does not hold: its ground for refusing "
                "extradition on a lapse of time is not read, and whether the lapse bars "
                f"extradition is for {possessive(name)} law and courts")
    if not said:
        return ("extradition treaties commonly refuse extradition when a lapse of time bars "
                f"the prosecution; the pack records no such treaty between {name} and {asking}")
    return "; ".join(said)


def limitation_treaties(c: ChargeView, host: str, on: dt.date, treaties: Sequence[Treaty],
                        shared_blocs: Sequence[SharedBloc] = ()) -> tuple[Treaty, ...]:
    """The pack's treaties :func:`limitation_words` names for the charge: the answer rests on
    them as on the period, and lists them with it. Only a period that ran out is told with
    whether a treaty refuses extradition for the lapse."""
    if c.limitation_status != "ran_out":
        return ()
    return lapse_grounds(c, host, on, treaties, shared_blocs).treaties
