"""How exposed is a person in a host: extradition policy, blocs, and the host's liability of
its own citizens who fought abroad. An explanation of published policy, not legal advice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sojourn.countries import country_name, fold_code, possessive
from sojourn.dates import format_long, months_after
from sojourn.history import History
from sojourn.history.models import ServiceIn
from sojourn.rules.loader import Pack
from sojourn.rules.schema import (
    Bloc,
    CodeEntry,
    ContinuingCrime,
    GravityScale,
    Limitation,
    SourcedOffence,
    Treaty,
    WantedListing,
)
from sojourn.rules.select import Applied, Assumption, has_rule_on, select
from sojourn.rules.topics import Extradition
from sojourn.stay import (
    history_warnings,
    low_confidence_note,
    passport_recorded,
    require_citizenship,
)
from sojourn.words import count, listed, with_article

DISCLAIMER = ("This explains published policy and reported practice; it is not legal advice. "
              "Ask a lawyer before acting on it.")
# a charge's listings that states other than the one bringing it see; "international" is one
# of the others, not known which
INTERNATIONAL_LISTINGS = ("international", "interpol", "interstate")
LISTING_WORDS = {"interpol": "Interpol's listings", "interstate": "the CIS interstate wanted list"}

# a bloc member's status in words: "CSTO frozen" left a reader to guess what was frozen
BLOC_STATUS_WORDS = {"member": "member", "observer": "observer",
                     "suspended": "membership suspended", "frozen": "participation frozen"}

# the conventions a bloc's members extradite under among themselves, told where the pack
# names no treaty binding the two states: their ground for refusing extradition on a
# lapse of time was not read (treaties.yaml, the comment above `treaties:`), so the
# answer names them without saying whose law they look to; "no treaty" would mislead
# (Chisinau's parties are not all the CIS: Uzbekistan did not sign it, so it is named as
# applying between its parties, not to every pair)
BLOC_CONVENTIONS = {"CIS": "the CIS conventions on legal assistance (Minsk, 1993, or, between "
                           "the states party to it, Chisinau, 2002)"}


@dataclass(frozen=True)
class ChargeView:
    country: str  # the state that brings the charge
    article: str
    part: int | None
    wanted: str
    offence: SourcedOffence | None
    gravity: str | None
    # the code's gravity scale that gives it ``gravity``
    gravity_scale: GravityScale | None
    # the day whose version of the article judges the charge: the day of the act, or, where
    # the profile gives none, the answer's day
    judged_on: dt.date
    act_dated: bool
    # the days the pack's versions of the article (part) start, when it holds more than one,
    # or none in force on judged_on: what the answer says of which version it took
    versions_from: tuple[dt.date | None, ...] = ()
    # an offence under military law alone in any of the pack's versions: what the article
    # punishes does not change with its penalty, so a desertion before the pack's first version
    # is as military as one after
    military: bool = False
    # the parts the pack holds the article by, when the charge names none and the pack holds
    # no version of the whole article: which part decides the maximum is not known
    parts: tuple[int, ...] = ()
    # the code's limitation periods (Art. 78 RU CC), where the pack holds them, and what they
    # make of the charge on the answer's day: see LIMITATION_STATUSES
    limitation: Limitation | None = None
    limitation_years: int | None = None
    limitation_ends: dt.date | None = None  # the last day of the period, if not suspended
    limitation_status: str | None = None
    # a continuing crime's period runs from the day it ends, not from the act: that day (the
    # end of liability to call-up, by the profile's birth) and the upper age that ends it
    crime_ends: dt.date | None = None
    call_up_age: int | None = None
    # a charge under an article whose prosecutions a source calls political, where the host and
    # the state bringing it are parties on the day to a treaty with a political-offence ground
    political_treaty: Treaty | None = None
    # what the pack knows of how the list the charge is on treats that state's requests
    listing: WantedListing | None = None
    # the day a law took the article out of limitation, after the act: whether that reaches
    # back to it is not known, so the period told may not end the exposure
    limitation_none_since: dt.date | None = None
    # the list of those no lapse of time bars names the charge's part, not the whole article
    limitation_by_part: bool = False
    # the parts of the article that list names, where the charge names no part: whether it is
    # under one of them is not known, so the period told may not end the exposure
    limitation_unnamed_parts: tuple[int, ...] = ()


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


@dataclass(frozen=True)
class LiabilityView:
    """What the pack knows of a citizenship's criminal liability for service abroad: one of
    its rules, or, where the person records such service and the pack has no rule in force
    on the day, that it has none (``rule`` and ``applies`` None: not known, not "none")."""
    country: str
    rule: Applied | None
    applies: bool | None
    reason: str


@dataclass(frozen=True)
class OtherCitizenshipRisk:
    """The level under a citizenship held besides the one judged, where no charge decides
    which: the policy it rests on, or why there is none."""
    citizenship: str
    extradition: str
    rule: str | None  # the host's policy towards its citizens, on the day
    reason: str | None  # why the level is unknown, where no policy gives it


@dataclass(frozen=True)
class ThirdStateRisk:
    """The level a charge brought by a state other than the host and the citizenship judged
    gives: that state may ask the host for him (the state where the act was committed, say),
    whatever his citizenship, and so may another state whose citizen he is (``citizen``),
    whichever citizenship --citizenship names. ``rule``: the host's policy towards that
    state's requests, None where the pack has none (the level is then unknown);
    ``treaties``: those the pack records both states as parties to on the day, named where
    no policy judges the charge."""
    country: str
    extradition: str
    rule: str | None
    treaties: tuple[str, ...] = ()
    citizen: bool = False


@dataclass(frozen=True)
class RiskAnswer:
    on: dt.date
    country: str
    citizenship: str
    extradition: str  # low, medium, high, unknown, or none (no state to extradite to)
    reasons: tuple[str, ...]
    charges: tuple[ChargeView, ...]
    blocs: tuple[tuple[str, str], ...]
    liabilities: tuple[LiabilityView, ...]
    rules: tuple[Applied, ...]
    assumptions: tuple[Assumption, ...]
    disclaimer: str = DISCLAIMER
    # the criminal-code entries the reasons name beside the rules (an offence's maximum, the
    # gravity scale and limitation periods it is judged by, a wanted list's record as known
    # on the day): the answer rests on them as on its rules, and lists them with theirs
    code_entries: tuple[CodeEntry, ...] = ()
    records_charges: bool = True  # False for a history that cannot (CSV): the level is unknown
    # the citizenship judged was chosen among several the profile holds (no --citizenship):
    # said with the level, as it may not be the one `status` judges the stay under (not where
    # one held is the host's own, which decides the answer)
    chosen_among_several: bool = False
    # what the text answer prints as warnings (on stderr), as `status` gives them
    warnings: tuple[str, ...] = ()
    # what the level and reasons leave unsaid, as `status` gives its notes
    notes: tuple[str, ...] = ()
    # the level under each other citizenship held (not the host's), where no --citizenship
    # and no charge decides which state would ask for the person
    other_citizenships: tuple[OtherCitizenshipRisk, ...] = ()
    # the policy judged by reports removals outside extradition procedure, which the level
    # does not capture
    removals_reported: bool = False
    # each state neither the host nor the citizenship judged that brings a charge (another
    # state whose citizen the person is among them): the level weighs it too
    third_states: tuple[ThirdStateRisk, ...] = ()

    def in_brief(self) -> tuple[str, ...]:
        """What the reasons add to the level that a summary of it must not drop (the report's
        other hosts): removals outside procedure, each charge a treaty's political-offence
        ground may reach, and each state besides the citizenship judged whose charge the level
        weighs. "medium" alone read alike for a host that removes people outside
        any procedure and one whose treaty may refuse the request as political."""
        said = ["removals outside extradition procedure reported"] if self.removals_reported \
            else []
        said += [f"a political-offence ground for {_article_words(c)} in the "
                 f"{_treaty_name(c.political_treaty.title)}"
                 for c in self.charges if c.political_treaty is not None]
        said += [_third_state_in_brief(t, self.country) for t in self.third_states]
        return tuple(said)


def _third_state_in_brief(third: ThirdStateRisk, host: str) -> str:
    """Another state's charge in a few words, for the report's other hosts: the level alone
    showed its effect and named neither the state nor why ("unknown" read as the host's
    policy towards the citizenship judged)."""
    state = country_name(third.country)
    if third.rule is None:
        return (f"a charge by {state}: unknown, no rule on {possessive(country_name(host))} "
                f"practice towards {possessive(state)} requests")
    return f"a charge by {state}: {third.extradition} under {third.rule}"


def gravity_of(offence: SourcedOffence, scales: Sequence[GravityScale]) -> str | None:
    """The category a code's gravity scale gives an offence's maximum penalty."""
    scale = next((s for s in scales if s.country == offence.country), None)
    if scale is None:
        return None
    if offence.life:  # above every term of years: the scale's top band
        return scale.bands[-1].name
    if offence.max_years is None:
        return None
    for band in scale.bands:
        if ((band.intentional_only and not offence.intentional)
                or (band.negligent_only and offence.intentional)):
            continue
        if band.max_years is None or offence.max_years <= band.max_years:
            return band.name
    return None


def gravity_words(band: str) -> str:
    """A gravity band's name as the kind of crime: "a crime of small gravity", and for a band
    named by an adjective of crimes, "a grave crime", "an especially grave crime"."""
    return with_article(f"{band} crime") if band.split()[-1] == "grave" else (
        f"a crime of {band} gravity")


def _charges(history: History, pack: Pack, on: dt.date) -> list[ChargeView]:
    """Each charge with the version of its article in force on the day of the act (Art. 9 of
    Russia's Criminal Code: the law of the time of the act), else on the answer's day."""
    profile = history.profile
    out = []
    for c in profile.charges if profile else []:
        day = c.committed_on or on
        versions = [o for o in pack.offences if o.country == c.country
                    and o.article == c.article and (o.part == c.part or o.part is None)]
        offence = next((o for o in versions if o.in_force(day)), None)
        shown = (tuple(o.valid_from for o in versions)
                 if len(versions) > 1 or (versions and offence is None) else ())
        parts = (() if versions or c.part is not None else tuple(sorted({
            o.part for o in pack.offences if o.country == c.country
            and o.article == c.article and o.part is not None})))
        gravity = gravity_of(offence, pack.gravity) if offence else None
        scale = (next((s for s in pack.gravity if s.country == c.country), None)
                 if gravity is not None else None)
        limitation = next((x for x in pack.limitation if x.country == c.country), None)
        born = profile.person.born if profile and profile.person else None
        period = _limitation(limitation, c.article, c.part, offence, gravity, c.committed_on,
                             c.wanted, on, born)
        out.append(ChargeView(c.country, c.article, c.part, c.wanted, offence, gravity, scale,
                              day, c.committed_on is not None, shown,
                              any(o.military for o in versions), parts,
                              limitation, period.years, period.ends, period.status,
                              period.crime_ends, period.call_up_age,
                              limitation_none_since=period.none_since,
                              limitation_by_part=period.by_part,
                              limitation_unnamed_parts=period.unnamed_parts))
    return out


def _version_words(c: ChargeView) -> str:
    """Which version of the article judges the charge, where the pack holds several."""
    if not c.versions_from:
        return ""
    day = format_long(c.judged_on)
    return (f", in the version in force on {day}, the day of the act" if c.act_dated else
            f", in the version in force on {day}, the answer's day: the profile gives no day "
            "of the act (`committed_on`), and the article's versions differ")


def _charge_words(c: ChargeView) -> str:
    """The charge, with its maximum and gravity where the pack knows them."""
    article = _article_words(c)
    if c.offence is None and c.versions_from:
        starts = [d for d in c.versions_from if d is not None]
        since = f" (the earliest from {format_long(min(starts))})" if starts else ""
        which = "the day of the act" if c.act_dated else "the answer's day"
        return (f"charge under {article}: the pack holds no version of it in force "
                f"on {format_long(c.judged_on)}, {which}{since}")
    if c.offence is None and c.parts:
        # "not in the pack's offences" would read as unknown to it (Art. 328 without part)
        return (f"charge under {article}: the pack holds it by part "
                f"({', '.join(str(n) for n in c.parts)}); the profile names no part "
                "(`part`), so its maximum and gravity are not known")
    if c.offence is None:
        return f"charge under {article}: not in the pack's offences"
    # 0 is a known maximum (no prison term, as for Art. 328 part 2), not a missing one
    top = ("at most life imprisonment" if c.offence.life
           else "no maximum known" if c.offence.max_years is None
           else "no prison term" if c.offence.max_years == 0
           else f"at most {count(c.offence.max_years, 'year')}")
    grav = f", {gravity_words(c.gravity)}" if c.gravity else ""
    return f"{article} ({c.offence.title}): {top}{grav} ({c.offence.id}){_version_words(c)}"


def _article_words(c: ChargeView) -> str:
    return f"Art. {c.article}{f' part {c.part}' if c.part else ''}"


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


def _limitation_words(c: ChargeView, host: str, on: dt.date, treaties: Sequence[Treaty],
                      shared_blocs: Sequence[str] = ()) -> str | None:
    """What the code's limitation period makes of the charge on the day: a day that ends
    liability, one that a wanted listing holds back, or none at all. ``shared_blocs``: the
    blocs both the host and the state bringing the charge belong to on the day; ``treaties``:
    the pack's, of which one binding both may refuse extradition on the lapse. Where a law
    took the article (or the charge's part) out of limitation after the act, or took some
    parts out and the charge names none, that is said after the period."""
    since = c.limitation_none_since
    # an entry naming parts covers the charge's part only: the article whole would overstate it
    named = _article_words(c) if c.limitation_by_part else f"Art. {c.article}"
    later = (f"from {format_long(since)}, after the act, no lapse of time bars a prosecution "
             f"under {named} (Art. {c.limitation.article}(5)): whether that reaches "
             "back to an earlier act is not known" if since and c.limitation else "")
    if c.limitation_status == "none_later" and c.limitation is not None:
        return f"limitation for {_article_words(c)} ({c.limitation.id}): {later}"
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
    head = f"limitation for {_article_words(c)} ({lim.id}): "
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
    treaty = next((t for t in treaties if t.article and t.binds(host, c.country, on)), None)
    # a treaty binding both whose ground on a lapse of time was not read: "no such treaty"
    # would deny the treaty the pack records
    unread = next((t for t in treaties if t.article is None
                   and t.binds(host, c.country, on)), None)
    bloc = next((b for b in shared_blocs if b in BLOC_CONVENTIONS), None)
    # the host's own charge is no extradition's: a treaty between it and itself read "to
    # which the Russian Federation and the Russian Federation are parties"
    refusal = ("" if c.country == host else
               f"; the {_treaty_name(treaty.title)} (Art. {treaty.article}), to which "
               f"{country_name(host)} and {country_name(c.country)} are parties, refuses "
               "extradition when a lapse of time bars the prosecution under the law of either "
               "state" if treaty else
               f"; {country_name(host)} and {country_name(c.country)}, both {bloc} members, "
               f"extradite between them under {BLOC_CONVENTIONS[bloc]}, whose ground for "
               "refusing extradition on a lapse of time the pack has not read: whether the "
               f"lapse bars extradition is for {possessive(country_name(host))} law and courts"
               if bloc else
               f"; {country_name(host)} and {country_name(c.country)} extradite between them "
               f"under the {_treaty_name(unread.title)}, whose ground for refusing extradition "
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


def _political_treaty(c: ChargeView, host: str, on: dt.date,
                      treaties: Sequence[Treaty]) -> Treaty | None:
    """The treaty binding the host and the state bringing the charge on the day that refuses
    extradition for a political offence, where a source by that day calls the article's
    prosecutions political."""
    # the host's own charge asks no extradition of it: no treaty's ground is for its courts
    if c.offence is None or c.offence.political is None or c.country == host:
        return None
    # an answer about a day before any source called them political tells no such thing, as
    # it tells no Interpol fact dated later
    if c.offence.political.known_by(on) is None:
        return None
    return next((t for t in treaties if t.political_offence and t.binds(host, c.country, on)),
                None)


def _political_words(c: ChargeView, treaty: Treaty, host: str) -> str:
    """The treaty's political-offence ground, named for the host's courts to weigh."""
    assert c.offence is not None and c.offence.political is not None
    ground = treaty.political_offence
    assert ground is not None
    # a ground known from a source's account of the treaty, not its text, names no article
    where = (f"Art. {ground.article}" if ground.article else
             f"its article not read: as the pack's sources report it, {ground.confidence} "
             "confidence")
    return (f"political offence, {_article_words(c)}: prosecutions under it are called "
            f"political ({c.offence.id}, {c.offence.political.confidence} confidence); the "
            f"{_treaty_name(treaty.title)}, to which {country_name(host)} and "
            f"{country_name(c.country)} are parties, refuses extradition {ground.refuses} "
            f"({where}). Whether it applies is for {possessive(country_name(host))} courts; "
            "the level does not count on it")


def _listing_words(c: ChargeView, listing: WantedListing, on: dt.date) -> str | None:
    """What was known by the answer's day, dated, of how the list the charge is on treats the
    requesting state (None: nothing yet). A fact dated after the day is left out, as a rule
    in force only later is: an answer about a past day tells what could be known then."""
    known = "; ".join(f"{format_long(f.on)}: {f.said}" for f in listing.facts if f.on <= on)
    if not known:
        return None
    return (f"{LISTING_WORDS[listing.listing]}, {_article_words(c)} ({listing.id}, "
            f"{listing.confidence} confidence): {known}. The level does not count on it: it "
            "turns on whether the host acts on the listing")


def _known_by(listing: WantedListing, on: dt.date) -> WantedListing:
    """The listing's record as known on the day, as the reason tells it: a fact dated later
    is no source of an answer about an earlier day."""
    return listing.model_copy(update={"facts": [f for f in listing.facts if f.on <= on]})


def _offence_known_by(offence: SourcedOffence | None, on: dt.date) -> SourcedOffence | None:
    """The offence's entry as known on the day, as the answer lists it: the sources calling its
    prosecutions political dated by then, and none before the first of them."""
    if offence is None or offence.political is None:
        return offence
    return offence.model_copy(update={"political": offence.political.known_by(on)})


def _not_military_words(c: ChargeView, pack: Pack, host_name: str, policy_id: str) -> str:
    """Why a treaty that excludes offences under military law alone still reaches the charge
    (not itself one): the pack holds it as an ordinary offence, or cannot say which it is."""
    treaty = f"the treaty {host_name} decides under ({policy_id})"
    parts = [o for o in pack.offences if o.country == c.country and o.article == c.article
             and o.part is not None]
    # the charge's own versions, or, where it names no part, every part of the article
    if c.offence is not None or c.versions_from or (c.parts and not any(
            o.military for o in parts)):
        where = f" ({c.offence.id})" if c.offence is not None else ""
        return (f"the charge under {_article_words(c)} is an offence of the ordinary criminal "
                f"law{where}: {treaty} excludes only offences under military law alone from "
                "extradition, so it is a ground for extradition")
    why = ("the charge names no part (`part`), and the pack holds some of the article's parts "
           "as such offences" if c.parts else
           f"the pack does not hold {_article_words(c)} among its offences")
    return (f"{treaty} excludes offences under military law alone from extradition; {why}, "
            "so whether the charge is one is not known, and the level counts it as a ground "
            "for extradition")


def _acted_on(c: ChargeView, seen: Sequence[str] | None) -> bool:
    """Whether the charge is on an international listing the host acts on (``seen``: the
    lists it is reported to act on, None: not known, so any). A listing of unknown kind counts
    wherever a host acts on any: the higher level is the safer one to tell, and the reason
    names the question it turns on; where it acts on none (an empty list), no listing counts,
    as no known one would."""
    return c.wanted in INTERNATIONAL_LISTINGS and (
        seen is None or c.wanted in seen or (c.wanted == "international" and bool(seen)))


def _listing_name(wanted: str) -> str:
    """The list a charge is on, for a sentence: "Interpol's listings", "an international
    wanted list" where the profile does not say which."""
    return LISTING_WORDS.get(wanted, "an international wanted list")


def _member_on(bloc: Bloc, country: str, on: dt.date) -> bool:
    return bool(bloc.memberships_on(country, on))


def _treaty_name(title: str) -> str:
    """A treaty's title without its place and date in brackets, for a sentence."""
    return title.split(" (")[0]


def assess_risk(history: History, pack: Pack, *, country: str, on: dt.date,
                citizenship: str | None = None, assume: tuple[str, ...] = ()) -> RiskAnswer:
    require_citizenship(history, citizenship)  # as status does: no citizenship is assumed
    history.check_born_by(on)  # as status does: a day before the birth is no question
    host = fold_code(country)
    held = history.citizenships
    # an act dated after the day judged is no charge on that day: the answer for it is the one
    # without that charge, which is named apart
    charges: list[ChargeView] = []
    later: list[ChargeView] = []
    for c in _charges(history, pack, on):
        c = replace(c, political_treaty=_political_treaty(c, host, on, pack.treaties),
                    listing=next((x for x in pack.listings if x.listing == c.wanted
                                  and x.country == c.country), None))
        (later if c.judged_on > on else charges).append(c)
    # Without --citizenship, the one whose state brings a charge: it is the state that would
    # ask for the extradition (a dual citizen's first-listed citizenship may bring none). With
    # no charge, any state whose citizen he is could ask: he is judged under a citizenship the
    # host has a policy for on the day, the passport the stay there was entered on first (as
    # `status` judges the stay under it), and each other held is told beside it. A Kyrgyz-
    # Russian in Kazakhstan on his Kyrgyz passport read "unknown", the pack having no policy
    # towards Kyrgyz citizens, though it has Kazakhstan's towards Russians
    charging = [c for c in held if c != host and any(ch.country == c for ch in charges)]
    entered = passport_recorded(history, {host}, on)
    recorded = [c for c in (entered.passport if entered else None,) if c and c != host]
    ruled = [c for c in held if c != host and has_rule_on(pack, host, "extradition", c, on)]
    ruled.sort(key=lambda c: c not in recorded)
    cit = fold_code(citizenship or (charging or ruled or recorded or held)[0])
    other_answers = (() if citizenship or charging or host in held else
                     tuple(_under(history, pack, host, on, c, assume)
                           for c in held if c != cit))
    applied, assumptions = select(pack, host, cit, assume, topics=("extradition",))
    rules = [a for a in applied if a.in_force(on)]
    reasons: list[str] = []
    level = "unknown"
    deciding: list[str] = []  # the policy judged by, and each liability that may apply
    name = country_name(host)
    # the states, besides the host and the citizenship judged, that bring a charge: each may
    # ask the host for him (the state where the act was committed, say), whatever his
    # citizenship; another state whose citizen he is too, as much as a third. A Russian-Kazakh
    # in Georgia charged by Kazakhstan read "low" with --citizenship RU, the charge "no ground
    # for extradition to the Russian Federation": --citizenship frames the answer, it does not
    # drop a charge. In a state whose citizen he is, the line below names them already.
    abroad = host not in held and cit != host
    third = list(dict.fromkeys(c.country for c in charges if abroad and c.country != host
                               and c.country != cit))
    if host in held or cit == host:
        # extradition hands a person to another state: in the state whose citizen alone he is,
        # with no other state's charge, there is none to hand him to; its own charges reach
        # him directly (listed below)
        others = [c for c in held if c != host]
        foreign = [c for c in charges if c.country != host]
        if others or foreign:
            asking = listed([country_name(c) for c in dict.fromkeys(
                [*others, *(c.country for c in foreign)])])
            reasons.append(f"unknown: you hold {possessive(name)} citizenship, and the pack "
                           f"does not say whether {name} hands its own citizens to {asking}")
        elif not history.records_charges:
            reasons.append(f"unknown: you are in {name}, whose citizen you are, and a CSV "
                           "history records no criminal charges: with no other state's charge "
                           "(give them as `charges` in a YAML or JSON profile), there would be "
                           "no state to extradite you to")
        elif not held:
            # --citizenship named the host's, and the profile lists none: another state whose
            # citizen the person also is could still ask for them
            reasons.append(f"unknown: the profile lists no citizenships, so whether a state "
                           f"besides {name} could ask for you is not known (give "
                           "person.citizenships)")
        else:
            level = "none"
            reasons.append(f"none: you are in {name}, whose citizen alone you are, and no "
                           "other state's charge is recorded: there is no state to extradite "
                           f"you to; {possessive(name)} own charges reach you directly")
    elif not rules:
        reasons.append("unknown: the rule pack has no statement of "
                       f"{possessive(name)} extradition policy towards citizens of "
                       f"{country_name(cit)} in force on {format_long(on)}")
        # the host's own charge is told whether or not the pack has its policy: a Ukrainian
        # charged by Georgia read only "unknown", as if the charge were none of its business
        reasons += [_hosts_own_charge_words(c, cit) for c in charges if c.country == host]
        reasons += [_listing_unknown_words(c, host, cit) for c in charges
                    if c.country == cit and c.wanted in INTERNATIONAL_LISTINGS]
    else:
        policy_rule = rules[-1]
        deciding.append(policy_rule.id)
        # a rule may rest on reported cases alone (Georgia, Kyrgyzstan): "stated" would claim a
        # statement the host never made
        reasons.append(f"{possessive(name)} stated policy or reported practice ({policy_rule.id}): "
                       f"{_policy_of(policy_rule).summary}")
        # Extradition is to the state of citizenship, on its charges: a charge the host itself
        # brings is no ground for it. Another state's charge, whether or not the person is its
        # citizen too, is judged apart (below): it may ask for him too.
        reasons += [_hosts_own_charge_words(c, cit) for c in charges if c.country == host]
        level, lines = _judged_under(
            policy_rule, cit, [c for c in charges if c.country == cit], pack, name,
            records_charges=history.records_charges, any_charge=bool(charges),
            later_than=on if later else None)
        reasons += lines
    third_states: list[ThirdStateRisk] = []
    third_rules: list[Applied] = []
    # the host's policies the level was judged under: towards the citizenship judged, where
    # the person is abroad and the pack has one, and towards each third state's requests.
    # Removals outside procedure any of them reports are told in brief, as in the reasons
    judged_by = [rules[-1]] if abroad and rules else []
    levels = [(cit, level)]
    for state in third:
        judged, lines, their_policy, assumed = _third_state(
            state, [c for c in charges if c.country == state], pack, host, on, assume,
            citizen=state in held)
        reasons += lines
        third_states.append(judged)
        levels.append((state, judged.extradition))
        if their_policy is not None:
            third_rules.append(their_policy)
            judged_by.append(their_policy)
            deciding.append(their_policy.id)
        assumptions = [*assumptions, *assumed]
    if third_states:
        level = _highest(lv for _, lv in levels)
        reasons.append(f"{level}: the highest level any state that may ask for you gives ("
                       + ", ".join(f"{country_name(s)} {lv}" for s, lv in levels)
                       + "); one not known outweighs any but high")
    cited: list[CodeEntry] = []
    for c in charges:
        reasons.append(_charge_words(c))
        cited += [e for e in (_offence_known_by(c.offence, on), c.gravity_scale)
                  if e is not None]
        said = _limitation_words(c, host, on, pack.treaties, [b.id for b in pack.blocs
                                               if _member_on(b, host, on)
                                               and _member_on(b, c.country, on)])
        if said:
            reasons.append(said)
            cited += [c.limitation] if c.limitation is not None else []
        told = _listing_words(c, c.listing, on) if c.listing is not None else None
        if told and c.listing is not None:
            reasons.append(told)
            cited.append(_known_by(c.listing, on))
        if c.political_treaty is not None:
            reasons.append(_political_words(c, c.political_treaty, host))
    for c in later:
        reasons.append(f"charge under {_article_words(c)}: "
                       f"the act is dated {format_long(c.judged_on)} (`committed_on`), after "
                       f"{format_long(on)}: no charge on the day judged, and the level leaves "
                       "it out")
    blocs = tuple((b.id, m.status) for b in pack.blocs for m in b.memberships_on(host, on))
    if blocs:
        reasons.append(f"{name} on {format_long(on)}: "
                       + ", ".join(f"{i} {BLOC_STATUS_WORDS[s]}" for i, s in blocs))
    elif pack.blocs:  # said, lest silence read as membership the pack does not know
        reasons.append(f"{name} on {format_long(on)}: a member of none of "
                       + ", ".join(b.id for b in pack.blocs))
    # a CSV history holds no citizenship: the one judged (--citizenship) is the one held
    liabilities, liability_assumptions = _liabilities(history, pack, held or (cit,), on,
                                                      assume)
    assumptions = [*assumptions, *liability_assumptions]
    liability_rules = [lv.rule for lv in liabilities if lv.rule is not None]
    used = {r.id for r in rules} | {r.id for r in third_rules} | {r.id for r in liability_rules}
    all_rules = tuple(rules) + tuple(third_rules) + tuple(liability_rules)
    # a liability that may apply is an answer too; one that would apply only if the person
    # served abroad decides nothing about them
    deciding += [lv.rule.id for lv in liabilities if lv.applies and lv.rule is not None]
    return RiskAnswer(on, host, cit, level, tuple(reasons), tuple(charges), blocs, liabilities,
                      all_rules, tuple(a for a in assumptions if a.rule in used),
                      records_charges=history.records_charges,
                      chosen_among_several=citizenship is None and len(held) > 1
                      and host not in held,
                      warnings=history_warnings(history, cit if citizenship else None),
                      notes=tuple(low_confidence_note(all_rules, deciding)),
                      other_citizenships=other_answers,
                      removals_reported=any(_policy_of(r).extra_legal_removals
                                            for r in judged_by),
                      third_states=tuple(third_states),
                      code_entries=tuple({e.id: e for e in cited}.values()))


# the known levels from least to most exposed; "unknown" stands beside them (see _highest)
LEVELS = ("none", "low", "medium", "high")


def _hosts_own_charge_words(c: ChargeView, judged: str) -> str:
    """A charge the host itself brings, the person abroad: no state asks for him on it, so it
    is no ground for extradition, and no shield either, as the host may try it itself."""
    name, state = country_name(c.country), country_name(judged)
    return (f"the charge under {_article_words(c)} is brought by {name}, not {state}: no "
            f"ground for extradition to {state}, but {name} may prosecute you for it while you "
            "are there, which the level, about extradition, does not weigh")


def _listing_unknown_words(c: ChargeView, host: str, state: str) -> str:
    """A charge on an international listing where the pack has no policy of the host towards
    the state bringing it: whether the host arrests people on that state's listings is not
    known, and silence read as no arrest (a Kazakh charge on Interpol's listings, in Georgia)."""
    name, asking = country_name(host), country_name(state)
    return (f"the charge under {_article_words(c)} is on {_listing_name(c.wanted)}: the pack "
            f"holds nothing on {possessive(name)} practice towards {possessive(asking)} "
            "listings (whether it arrests people on them and holds them while a request is "
            "decided), so whether the listing alone can bring arrest there is not known; the "
            "level does not count on it")


def _highest(levels: Iterable[str]) -> str:
    """The level to tell where several states may ask for the person: the highest, with one
    not known outweighing any but "high", as it may be high itself (a tool that errs should err
    towards telling the exposure)."""
    seen = set(levels)
    if "high" in seen:
        return "high"
    if "unknown" in seen:
        return "unknown"
    return max(seen, key=LEVELS.index)


def _third_state(state: str, charges: Sequence[ChargeView], pack: Pack, host: str,
                 on: dt.date, assume: tuple[str, ...], *, citizen: bool = False
                 ) -> tuple[ThirdStateRisk, list[str], Applied | None, list[Assumption]]:
    """The level the charges ``state`` brings give in ``host``, a state neither the host nor
    the citizenship judged: judged under the host's policy towards that state's requests (its
    rule on that state's citizens, the requests the pack's sources speak of) where the pack
    has one in force, else unknown, naming the treaties that bind both. ``citizen``: the
    person is that state's citizen too (a dual citizen judged, by --citizenship or by another
    state's charge, as the other's): its charge is no less a ground for asking for him."""
    name, asking = country_name(host), country_name(state)
    one = len(charges) == 1
    arts = listed([_article_words(c) for c in charges])
    them = "it" if one else "them"
    which = (f"the charge{'' if one else 's'} under {arts} {'is' if one else 'are'} brought "
             + (f"by {asking}, whose citizen you are too, and which may ask {name} to "
                f"extradite you to it, as the state bringing {them}" if citizen else
                f"by {asking}, which may ask {name} to extradite you to it, as the state "
                f"bringing {them}, whatever your citizenship"))
    applied, assumed = select(pack, host, state, assume, topics=("extradition",))
    rules = [a for a in applied if a.in_force(on)]
    if not rules:
        treaties = _treaties_binding(pack, host, state, on)
        return (ThirdStateRisk(state, "unknown", None, treaties, citizen),
                [f"unknown as to {asking}: {which}; the rule pack holds no rule on "
                 f"{possessive(name)} practice towards {possessive(asking)} requests in force "
                 f"on {format_long(on)}; {_treaties_words(pack, host, state, on, treaties)}",
                 *(_listing_unknown_words(c, host, state) for c in charges
                   if c.wanted in INTERNATIONAL_LISTINGS)],
                None, [])
    policy_rule = rules[-1]
    level, said = _judged_under(policy_rule, state, charges, pack, name, records_charges=True,
                                any_charge=True, later_than=None, third=True)
    # towards a state whose citizen he is, the policy on its citizens is the one on him
    taken = "" if citizen else f", taken as its practice on {possessive(asking)} requests"
    head = (f"{which}: judged under {possessive(name)} stated policy or reported practice "
            f"towards citizens of {asking} ({policy_rule.id}){taken}: "
            f"{_policy_of(policy_rule).summary}")
    return (ThirdStateRisk(state, level, policy_rule.id, citizen=citizen), [head, *said],
            policy_rule,
            list(assumed))


def _treaties_binding(pack: Pack, host: str, state: str, on: dt.date) -> tuple[str, ...]:
    """The titles of the extradition treaties the pack records both states as parties to on
    the day."""
    return tuple(dict.fromkeys(t.title for t in pack.treaties if t.binds(host, state, on)))


def _treaties_words(pack: Pack, host: str, state: str, on: dt.date,
                    treaties: Sequence[str]) -> str:
    """The treaties that may found the request, for a charge no policy of the pack judges:
    those it records both states as parties to, else the conventions of a bloc both belong
    to, else that it records none (its list of treaties is not complete)."""
    name, asking = country_name(host), country_name(state)
    if treaties:
        return (f"the pack records {name} and {asking} as parties to "
                f"{listed([f'the {_treaty_name(t)}' for t in treaties])}, under which such a "
                "request may be made: whether it would be granted is not known")
    bloc = next((b.id for b in pack.blocs if b.id in BLOC_CONVENTIONS
                 and _member_on(b, host, on) and _member_on(b, state, on)), None)
    if bloc is not None:
        return (f"{name} and {asking}, both {bloc} members, extradite between them under "
                f"{BLOC_CONVENTIONS[bloc]}: whether such a request would be granted is not "
                "known")
    return (f"the pack records no extradition treaty between {name} and {asking} (its list of "
            "treaties is not complete): whether such a request would be granted is not known")


def _policy_of(rule: Applied) -> Extradition:
    policy = rule.extradition
    assert policy is not None  # every rule of topic extradition carries one
    return policy


def _judged_under(policy_rule: Applied, requesting: str, charges: Sequence[ChargeView],
                  pack: Pack, host_name: str, *, records_charges: bool, any_charge: bool,
                  later_than: dt.date | None, third: bool = False) -> tuple[str, list[str]]:
    """The level the host's policy towards ``requesting`` gives the charges that state brings
    (``charges``), and the lines that say why. ``third``: a state other than the citizenship
    judged, which the level's lines name, as more than one state may ask for him."""
    policy = _policy_of(policy_rule)
    name, state = host_name, country_name(requesting)
    by, to = (f" by {state}", f" to {state}") if third else ("", "")
    reasons: list[str] = []
    military_barred = [c for c in charges if policy.bars_military_offences and c.military]
    seen = policy.acts_on_listings
    for c in charges:
        barred = c in military_barred
        if barred:
            reasons.append(f"the charge under {_article_words(c)} is an offence under "
                           f"military law alone, which the treaty {name} decides under "
                           f"excludes from extradition ({policy_rule.id}): no ground for "
                           f"extradition to {state}")
        elif policy.bars_military_offences:
            # a deserter read "low" and a draft evader "high" in the same host, and no
            # line said why the treaty's exclusion reached the one and not the other
            reasons.append(_not_military_words(c, pack, name, policy_rule.id))
        if policy.detains_on_listings and _acted_on(c, seen):
            # the sources report arrests on listings whatever the charge (Serbia's on a
            # fraud case): no ground for extradition is no shield from it either
            after = ("so arrest and detention pending that decision can happen even on a "
                     "charge that gives no ground for extradition" if barred else
                     "so the listing alone can bring arrest and detention, before any "
                     "decision on the extradition")
            reasons.append(f"the charge under {_article_words(c)} is on "
                           f"{_listing_name(c.wanted)}: {name} is reported to arrest people "
                           "on such listings and hold them while the request is decided "
                           f"({policy_rule.id}), {after}; the level does not count on it")
    charges = [c for c in charges if c not in military_barred]
    on_lists = [c for c in charges if c.wanted in INTERNATIONAL_LISTINGS]
    wanted_abroad = [c for c in on_lists if _acted_on(c, seen)]
    for c in on_lists:
        if seen is None or set(LISTING_WORDS) <= set(seen):
            continue
        acts_on = (" and ".join(LISTING_WORDS[s] for s in seen) + " alone" if seen
                   else "no international wanted list")
        if c.wanted == "international" and seen:
            reasons.append(f"the profile does not say whether the charge under "
                           f"{_article_words(c)} is listed by Interpol or on the CIS "
                           f"interstate wanted list only, and {name} is reported to act on "
                           f"{acts_on} ({policy_rule.id}): the level takes it as a "
                           f"listing {name} acts on (`wanted: interpol` or `interstate` "
                           "says which)")
        elif c not in wanted_abroad:
            on_list = _listing_name(c.wanted) + (" only" if c.wanted in LISTING_WORDS
                                                 else "")
            reasons.append(f"the charge under {_article_words(c)} is on {on_list}, and {name} "
                           f"is reported to act on {acts_on} ({policy_rule.id}): it weighs "
                           "as a charge without an international listing")
    # a host with no treaty with the requesting state (Thailand before its treaty with
    # Russia) decides under its own law: "a treaty request" would claim a treaty
    request = ("a treaty request" if policy.treaty_based
               else "a request, though no extradition treaty is in force")
    level = "unknown"
    if not records_charges:
        # no charge recorded is not no charge brought: the level is not known
        reasons.append("unknown: a CSV history records no criminal charges (give them as "
                       "`charges` in a YAML or JSON profile: country, article, part, "
                       "wanted); with no charge brought, the level would be low" +
                       (", as the policy requires one" if policy.requires_criminal_charge
                        else ""))
    elif not charges and military_barred:
        level = "low"
        reasons.append(f"no charge by {state} that the treaty allows extradition "
                       "for is recorded in the profile")
    elif not charges:
        level = "low"
        said = f" by {state}" if any_charge else ""
        said += f" for an act by {format_long(later_than)}" if later_than else ""
        reasons.append(f"no criminal charge{said} is recorded in the profile" +
                       (", and the policy requires one" if policy.requires_criminal_charge
                        else ""))
    elif policy.requires_international_wanted and not wanted_abroad:
        level = "medium"
        reasons.append(f"you face a charge{by} but are not on an international wanted list, "
                       "which this policy requires; a listing would change that")
    elif wanted_abroad:
        level = "high"
        reasons.append(f"you are on an international wanted list for a charge{by}: the policy "
                       f"allows extradition{to} on {request}")
    else:
        level = "medium"
        reasons.append(f"you face a criminal charge{by} and extradition{to} is possible on "
                       f"{request}")
    if policy.extra_legal_removals and not policy.requires_criminal_charge:
        # "low" for no charge would read as safe where the host has sent people with no
        # charge at all back to the state they fled
        reasons.append("removals outside extradition procedure have been reported in this "
                       "host, of people facing no charge too; the level weighs extradition "
                       "on a charge only and does not capture that")
    elif policy.extra_legal_removals:
        reasons.append("removals outside extradition procedure have been reported in this "
                       "host; the level does not capture that")
    return level, reasons


def _under(history: History, pack: Pack, host: str, on: dt.date, citizenship: str,
           assume: tuple[str, ...]) -> OtherCitizenshipRisk:
    """The level had the person been judged as a citizen of ``citizenship``."""
    other = assess_risk(history, pack, country=host, on=on, citizenship=citizenship,
                        assume=assume)
    policy = next((r.id for r in other.rules if r.extradition is not None), None)
    return OtherCitizenshipRisk(citizenship, other.extradition, policy,
                                None if policy else other.reasons[0])


def _liabilities(history: History, pack: Pack, held: Sequence[str], on: dt.date,
                 assume: tuple[str, ...]
                 ) -> tuple[tuple[LiabilityView, ...], list[Assumption]]:
    """Criminal liability, under each citizenship held, for fighting in a foreign army."""
    person = history.profile.person if history.profile else None
    service = list(person.service) if person else []
    out = []
    assumed: list[Assumption] = []
    for own in held:
        applied, assumptions = select(pack, own, own, assume, topics=("liability",))
        assumed += assumptions
        # service from its start on: before ``since`` nothing is yet recorded
        abroad = [s for s in service if s.country != own and (s.since is None or s.since <= on)]
        in_force = [a for a in applied if a.in_force(on)]
        if abroad and not in_force:
            # a Russian volunteer in a Ukrainian unit read "low" with no word of his service:
            # the pack holding no rule on it is no sign that none applies
            day = f" in force on {format_long(on)}" if applied else ""
            out.append(LiabilityView(
                own, None, None,
                f"you record {_service_words(abroad)}; the rule pack has no rule{day} on "
                f"{possessive(country_name(own))} criminal liability for it, and the level weighs "
                "only the charges the profile records (`charges`)"))
        for rule in in_force:
            applies = bool(abroad)
            why = (f"you record {_service_words(abroad)}; whether the article "
                   "reaches your case is for a court" if applies else
                   "it would apply if you served in a foreign army; the profile records none "
                   f"as of {format_long(on)}" if history.profile is not None else
                   "it would apply if you served in a foreign army; a CSV history records no "
                   "military service (give it as `service` in a YAML or JSON profile)")
            out.append(LiabilityView(own, rule, applies, why))
    return tuple(out), assumed


def _service_words(service: Sequence[ServiceIn]) -> str:
    """The service recorded abroad, each with its first day where the profile gives one:
    "service in the armed forces of Ukraine since 1 May 2023"."""
    return "service in the armed forces of " + listed([
        country_name(s.country) + (f" since {format_long(s.since)}" if s.since else "")
        for s in service])
