"""What judges a stay in a host: the pack's rules for one citizenship there, or an ad-hoc
``--rule`` over the countries given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sojourn.countries import code_hint, country_name, fold_code, is_country
from sojourn.dates import format_long
from sojourn.engine import InForce, RegistrationInForce
from sojourn.engine.intervals import Span, intersect, merge, subtract
from sojourn.engine.kinds import Constraint, Limit, PerEntry, Registration
from sojourn.errors import UsageError, option_told
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, Assumption, select
from sojourn.stay._hosts import host_name
from sojourn.stay._presence import FOREVER


def _spans(applied: Applied, constraint: Constraint | None = None) -> tuple[Span, ...]:
    """The days ``applied`` is in force, or, given one of its constraints, the days that
    constraint is: up to its own valid_to where it ends first (the loader refuses one before
    the rule's valid_from)."""
    ends = [d.toordinal() for d in (applied.valid_to, constraint and constraint.valid_to) if d]
    return ((applied.valid_from.toordinal(), min(ends, default=FOREVER)),)


@dataclass(frozen=True)
class Regime:
    """What judges one citizenship in one host: its limits, registration duties, and the days
    on which its stay rules are known."""

    limits: tuple[InForce, ...]
    registrations: tuple[RegistrationInForce, ...]
    known: tuple[Span, ...]
    unknown_reason: str
    applied: tuple[Applied, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    judged: str = ""  # "citizens of the Russian Federation in Kazakhstan"
    # a zone's regime judging a member state (as_member): the days it is no member, which its
    # own rules judge, none in the pack, each with why the stay is unknown on them
    own_rules: tuple[tuple[Span, str], ...] = ()

    def reason_from(self, on: dt.date) -> str:
        """Why the stay is unknown from ``on``, naming the stay rule whose end leaves the first
        unknown day from then, when one does: "no stay rule ... on these days" left a person
        asking today unsure whether the pack never knew, or knew until a rule ended."""
        day = on.toordinal()
        for first, last in self.known:
            if first <= day <= last:
                day = last + 1
        own = next((why for (first, last), why in self.own_rules if first <= day <= last), None)
        if own is not None:
            return own
        # the gap holding that day begins the day after the last known day before it
        begins = max((last + 1 for _, last in self.known if last < day), default=None)
        ended = [a for a in self.applied if a.rule.topic == "stay" and a.valid_to is not None
                 and a.valid_to.toordinal() + 1 == begins]
        after = next((format_long(dt.date.fromordinal(first)) for first, _ in self.known
                      if first > day), None)
        if not ended:
            # no rule ended into the gap: the pack knows no stay rule there at all, or none
            # before its first one, said with that day ("on these days" named none)
            if self.judged and not self.known:
                return f"the rule pack has no stay rule for {self.judged}"
            if self.judged and begins is None and after is not None:
                return f"the rule pack has no stay rule for {self.judged} before {after}"
            return self.unknown_reason
        rule = ended[0]
        assert rule.valid_to is not None
        until = "" if after is None else f" until {after}"
        # asked after that day, "holds until at least" a day gone by read as still holding
        past = rule.valid_to < on
        if rule.last_seen:
            held = "held" if past else "holds"
            return (f"{rule.id} {held} until at least {format_long(rule.valid_to)} (the last day "
                    f"its sources show it in force), and what holds for {self.judged} after "
                    f"it{until}, the rule pack does not know")
        ends = "ended" if past else "ends"
        return (f"{rule.id} {ends} on {format_long(rule.valid_to)} and the rule pack has no "
                f"stay rule for {self.judged} after it{until}")


UNLIMITED = Regime((), (), ((0, FOREVER),), "")


def as_member(regime: Regime, pack: Pack, country: str, host: str) -> Regime:
    """``regime``, the rules of the zone ``host``, as they judge ``country`` (``--country``),
    a member state with no stay rules of its own (resolve_host): on the days it is a member
    only, as each day is judged by the rules in force on it. On the others its own rules judge
    it, which the pack does not have: a stay or a plan there is unknown, and one that runs on
    across the day it joins (Croatia, 1 January 2023) is judged by the zone's from that day,
    counting the days in the zone's members, not those in the state before it joined.
    ``regime`` unchanged for a zone or a country asked about itself."""
    zone = pack.zones.get(host)
    code = fold_code(country)
    if zone is None or code == host:
        return regime
    member = merge((m.since.toordinal() if m.since else 0,
                    m.until.toordinal() if m.until else FOREVER)
                   for m in zone.members if m.country == code)
    state = country_name(code)
    own = tuple(((first, last), _own_rules_reason(state, zone.title, first, last))
                for first, last in subtract([(0, FOREVER)], member))
    return replace(regime, known=tuple(intersect(regime.known, member)), own_rules=own)


def _own_rules_reason(state: str, zone: str, first: int, last: int) -> str:
    """Why a stay in ``state`` is unknown on the days ``first`` to ``last``, when it is no
    member of ``zone``: its own rules judge it then, and the pack has none."""
    joins = (f"before it joins it on {format_long(dt.date.fromordinal(last + 1))}"
             if last < FOREVER else "")
    left = (f"after {format_long(dt.date.fromordinal(first - 1))}, its last day in it"
            if first > 0 else "")
    when = " and ".join(w for w in (left, joins) if w)
    return (f"{state} is judged by its own stay rules, not those of {zone}, {when}, and the "
            "rule pack has none")


@dataclass(frozen=True)
class VisaEntry:
    """An entry into the host made on a visa of it the profile holds: the entry's first day
    lies within the visa's validity. ``last`` is the last day of the stay it began (None: no
    exit recorded); ``expires`` the visa's last day (None: not given)."""

    first: dt.date
    last: dt.date | None
    expires: dt.date | None


def pack_regime(pack: Pack, host: str, cit: str, assume: tuple[str, ...] = (),
                visa_entries: Sequence[VisaEntry] = ()) -> Regime:
    """The pack's rules for citizens of ``cit`` in ``host`` (a foreigner there). A stay rule
    of ``entered_on: visa`` judges the ``visa_entries`` alone, each to the end of its visa at
    the latest, and the other rules' per-entry limits judge every other entry: a stay entered
    on a visa is given the visa's days, not the exemption's (Vietnam's e-visa)."""
    applied, assumptions = select(pack, host, cit, assume)
    on_visa = [a for a in applied if a.rule.entered_on == "visa"]
    applied = [a for a in applied if a.rule.entered_on != "visa"]
    limits = [x for a in applied for c in a.constraints if not isinstance(c, Registration)
              for x in _without_entries(a.id, c, _spans(a, c), visa_entries)]
    regs = [RegistrationInForce(a.id, c, _spans(a, c)) for a in applied for c in a.constraints
            if isinstance(c, Registration)]
    known = merge([*(s for a in applied if a.rule.topic == "stay" for s in _spans(a)),
                   *(s for a in on_visa for s in _visa_known(a, visa_entries))])
    limits += [x for a in on_visa for x in _visa_limits(a, visa_entries)]
    applied += [a for a in on_visa if any(a.in_force(v.first) for v in visa_entries)]
    judged = f"citizens of {country_name(cit)} in {host_name(pack, host)}"
    reason = f"the rule pack has no stay rule for {judged} on these days"
    return Regime(tuple(limits), tuple(regs), tuple(known), reason, tuple(applied),
                  tuple(assumptions), judged)


def _without_entries(ref: str, limit: Limit, spans: tuple[Span, ...],
                     visa_entries: Sequence[VisaEntry]) -> list[InForce]:
    """``limit`` as it judges the entries made without a visa: a per-entry limit, cut into
    the ranges of entry days between those of ``visa_entries``, which a visa rule judges
    instead, each part named as the whole (InForce.whole); any other limit unchanged (a day
    count weighs every day of presence, whatever the way in, as no source in the pack says
    otherwise)."""
    if not isinstance(limit, PerEntry):
        return [InForce(ref, limit, spans)]
    skips = sorted({v.first for v in visa_entries if limit.judges(v.first.toordinal())})
    if not skips:
        return [InForce(ref, limit, spans)]
    parts: list[Limit] = []
    since, until = limit.entered_from, limit.entered_to
    for day in skips:
        if since is None or since < day:
            parts.append(limit.model_copy(update={"entered_from": since,
                                                  "entered_to": day - dt.timedelta(days=1)}))
        since = day + dt.timedelta(days=1)
    if since is None or until is None or since <= until:
        parts.append(limit.model_copy(update={"entered_from": since, "entered_to": until}))
    return [InForce(ref, part, spans, whole=limit, skips=tuple(skips)) for part in parts]


def _visa_limits(applied: Applied, visa_entries: Sequence[VisaEntry]) -> list[InForce]:
    """The limits of a visa rule on each entry made on a visa while it is in force: its
    per-entry limit for that entry day, cut to the days to the visa's end where it ends
    sooner (the stay may not outlast the visa)."""
    out: list[InForce] = []
    for visa in visa_entries:
        day = visa.first.toordinal()
        for c in applied.constraints:
            if not (isinstance(c, PerEntry) and applied.in_force(visa.first) and c.judges(day)):
                continue
            # the visa's last day, where it comes before the rule's days run out
            ends = visa.expires if visa.expires is not None and (
                visa.expires - visa.first).days + 1 < c.max else None
            days = c.max if ends is None else (ends - visa.first).days + 1
            out.append(InForce(applied.id, c.model_copy(update={
                "max": days, "entered_from": visa.first, "entered_to": visa.first}),
                _spans(applied, c), visa_ends=ends))
    return out


def _visa_known(applied: Applied, visa_entries: Sequence[VisaEntry]) -> list[Span]:
    """The days a visa rule makes the stay known: those of each stay entered on a visa while
    it is in force, from its entry to its recorded exit or the last day its limit allows,
    whichever is later. No other day: an entry made without a visa is the exemption's, and
    where there is none (a citizenship that needs a visa) it stays unknown."""
    spans: list[Span] = []
    for visa in visa_entries:
        judging = [c.max for c in applied.constraints if isinstance(c, PerEntry)
                   and applied.in_force(visa.first) and c.judges(visa.first.toordinal())]
        if judging:
            first = visa.first.toordinal()
            last = max(first + max(judging) - 1,
                       visa.last.toordinal() if visa.last is not None else first)
            spans.append((first, last))
    return spans


def ad_hoc_regime(constraints: Sequence[Constraint]) -> Regime:
    """An ad-hoc regime from a ``--rule`` spec, in force on every day."""
    always = (0, FOREVER)
    return Regime(
        tuple(InForce(c.spec, c, (always,)) for c in constraints
              if not isinstance(c, Registration)),
        tuple(RegistrationInForce(c.spec, c, (always,)) for c in constraints
              if isinstance(c, Registration)),
        (always,), "")


def ad_hoc_countries(country: str | None) -> list[str]:
    """The ``--country`` list that narrows a ``--rule`` (empty: every trip counts), each code
    once, in the order given: a code named twice is still one country."""
    codes = [fold_code(c) for c in country.split(",")] if country else []
    for code in codes:
        if not is_country(code):
            raise UsageError(option_told("--country", code,
                                         f"is not a country code{code_hint(code)}",
                                         "with --rule a comma list of ISO 3166-1 alpha-2 codes "
                                         "such as KZ,KG"))
    return list(dict.fromkeys(codes))


def one_calendar(constraints: Sequence[Constraint], given: Sequence[str],
                 judged: Sequence[str] | None = None) -> None:
    """Refuse an ad-hoc registration in working days over other than one country: a list of
    countries has no single set of public holidays, and weekends alone would be a guess.
    ``given`` is --country's list, ``judged`` the countries counted (``given``, or without it
    those of the trips)."""
    working = any(isinstance(c, Registration) and c.unit == "working" for c in constraints)
    if working and len(given) > 1:
        raise UsageError(option_told("--country", ",".join(given),
                                     "names more than one country, and a registration in "
                                     "working days needs one host's public holidays",
                                     "one code, e.g. --country KZ"))
    if working and len(given if judged is None else judged) != 1:  # --country not given
        raise UsageError("a registration in working days needs one host's public holidays: "
                         "give --country with one code, e.g. --country KZ")
