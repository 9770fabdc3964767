"""Each charge the profile records as the pack's criminal code judges it: the article's
version in force on the day, its maximum and gravity, and the words that name it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sojourn.dates import format_long
from sojourn.history import History
from sojourn.risk._treaties import TreatyGrounds
from sojourn.rules.loader import Pack
from sojourn.rules.schema import GravityScale, Limitation, SourcedOffence, WantedListing
from sojourn.words import count, with_article


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
    # the day liability to call-up ends, by the profile's birth, whether or not the act came
    # before it: an act dated on or after it is one the person was not liable to call-up on,
    # so the crime cannot have gone on to that day (crime_ends stays None)
    call_up_ends: dt.date | None = None
    # the day liability to call-up begins (the lower call-up age's birthday), where the pack
    # holds that age: an act dated before it is one the person was not yet liable to
    call_up_begins: dt.date | None = None
    # a charge under an article whose prosecutions a source calls political, where the host and
    # the state bringing it are parties on the day to a treaty with a political-offence ground:
    # each such treaty, and those binding both whose ground the pack has not read
    political: TreatyGrounds | None = None
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


    @property
    def liable_to_call_up_on_act(self) -> bool | None:
        """Whether the person was liable to call-up on the day of the act: None where the
        crime does not end with that liability, or the birth or the act's day is not known.
        False before the lower call-up age's birthday as after the upper one's."""
        if self.call_up_ends is None or not self.act_dated:
            return None
        too_young = self.call_up_begins is not None and self.judged_on < self.call_up_begins
        return not too_young and self.judged_on < self.call_up_ends

    @property
    def act_after_call_up(self) -> bool:
        """Whether the act is dated on or after the day liability to call-up ended: the
        evasion cannot have gone on to a day before it began, so the period runs from the
        act. An act before liability began is not this: an evasion begun later would still
        end with liability, and the period runs from then, the later day."""
        return (self.call_up_ends is not None and self.act_dated
                and self.judged_on >= self.call_up_ends)

    @property
    def limitation_runs_from(self) -> str:
        """What the limitation period runs from: the act, or, for a continuing crime, the day
        it ends (CONTINUING_ENDS); from the act for an act dated after liability to call-up
        ended, as the evasion cannot have gone on to a day before it."""
        continuing = self.offence.continuing if self.offence else None
        if continuing is None or self.act_after_call_up:
            return "act"
        return continuing.ends


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


def charge_views(history: History, pack: Pack, on: dt.date) -> list[ChargeView]:
    """Each charge with the version of its article in force on the day of the act (Art. 9 of
    Russia's Criminal Code: the law of the time of the act), else on the answer's day; its
    limitation period is added apart (:func:`sojourn.risk._limitation.with_limitation`)."""
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
        out.append(ChargeView(c.country, c.article, c.part, c.wanted, offence, gravity, scale,
                              day, c.committed_on is not None, shown,
                              any(o.military for o in versions), parts))
    return out


def _version_words(c: ChargeView) -> str:
    """Which version of the article judges the charge, where the pack holds several."""
    if not c.versions_from:
        return ""
    day = format_long(c.judged_on)
    return (f", in the version in force on {day}, the day of the act" if c.act_dated else
            f", in the version in force on {day}, the answer's day: the profile gives no day "
            "of the act (`committed_on`), and the article's versions differ")


def charge_words(c: ChargeView) -> str:
    """The charge, with its maximum and gravity where the pack knows them."""
    article = article_words(c)
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


def article_words(c: ChargeView) -> str:
    return f"Art. {c.article}{f' part {c.part}' if c.part else ''}"


def offence_known_by(offence: SourcedOffence | None, on: dt.date) -> SourcedOffence | None:
    """The offence's entry as known on the day, as the answer lists it: the sources calling its
    prosecutions political dated by then, and none before the first of them."""
    if offence is None or offence.political is None:
        return offence
    return offence.model_copy(update={"political": offence.political.known_by(on)})
