"""What an answer says beside itself: the rules it relied on, those of low confidence that
decide it, and the permits that take days of the stay out of the count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.engine import Answer
from sojourn.engine.intervals import Span, clip
from sojourn.history import History
from sojourn.history.models import PACK_COVERED_KINDS, PermitIn
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied
from sojourn.stay._covers import Covered, Covering, CoverStop
from sojourn.stay._presence import FOREVER, Member, permit_days
from sojourn.summonses import KeptInNotice, kept_in_notices
from sojourn.words import held_permit, listed, listed_verb, the_bloc, with_the


def deciding_rules(answer: Answer) -> list[str]:
    """The rules that decide a stay answer: the limit that ends the stay, the registration
    deadline, an overstay."""
    return [*([answer.binding] if answer.binding else []),
            *([answer.register_by.rule] if answer.register_by else []),
            *(r for v in answer.violations for r in v.rules)]


def low_confidence_note(relied: Sequence[Applied], deciding: Sequence[str]) -> list[str]:
    """The rules of low confidence among ``deciding`` (the ids of those that decide the
    answer, as each command knows them). Said beside the answer, as the caseworker reads it,
    not only as "confidence low" in the rules listed after."""
    low = list(dict.fromkeys(a.id for a in relied if a.confidence == "low"
                             and a.id in deciding))
    if not low:
        return []
    which = "rules" if len(low) > 1 else "a rule"
    return [f"the answer rests on {listed(low)}, {which} of low confidence: check "
            f"{'their' if len(low) > 1 else 'its'} sources before acting on it"]


@dataclass(frozen=True)
class PermitNote:
    """What an answer says of a permit whose days fall in the stay judged, and the rules it
    names (a cover rule of the pack, for a kind that needs one: the rule its days rest on,
    or the rule whose terms leave them counted), which the answer relies on."""

    words: str
    rules: tuple[Applied, ...] = ()


def permit_notes(history: History, members: Sequence[Member], answer: Answer,
                 entries: Sequence[tuple[int, int | None]], covering: Covering
                 ) -> list[PermitNote]:
    """The profile's permits for the host whose days fall in the stay judged (from its
    entry, or the query day, to its last day): the days they cover neither count nor are
    limited, which is why a stay may run far past what the limit named beside it allows.
    The days are those the count leaves out (``covering``, of the host's ``entries``); a
    permit whose kind only a pack rule lets cover (an employment contract) is told with the
    days and the rule, or told to cover none."""
    profile = history.profile
    if profile is None:
        return []
    first = answer.entered if answer.present and answer.entered else answer.on
    last = answer.latest_exit or answer.on
    judged = (first.toordinal(), last.toordinal())
    codes = {m.country for m in members}
    all_covered = [covering.days(p, entries) for p in profile.permits if p.country in codes]
    return [_permit_note(covered, judged, answer, covering, all_covered)
            for covered in all_covered
            if clip([permit_days(covered.permit, entries)], *judged)]


def _permit_note(covered: Covered, judged: Span, answer: Answer, covering: Covering,
                 all_covered: Sequence[Covered]) -> PermitNote:
    p = covered.permit
    host = country_name(p.country)
    held = held_permit(p.kind, host, p.valid_from, p.valid_to)
    following = _covering_day_after(p.valid_to, all_covered)
    after = (_followed_by(p.valid_to, following.permit) if p.valid_to and following else
             _after_permit(p.kind, p.valid_to, answer.latest_exit, host))
    if p.kind == "extension":
        # lawful days of the same short stay: no limit judges them, but a count sees them
        return PermitNote(f"{held} covers days of this stay: they are not limited, but they "
                          f"count as days spent in {host}, in this stay's count and in any "
                          "later count that looks back at them")
    if not covered.needs_rule:
        return PermitNote(f"{held} covers days of this stay: they neither count nor are "
                          f"limited{after}")
    days = clip(covered.spans, *judged)
    if not days:
        why, named = _why_not_covered(p.kind, p.country, covering)
        return PermitNote(f"{held} covers no days of this stay: {why}", named)
    rules = listed([r.id for r in covered.rules])
    # the days judged after a cover that stops before the contract ends: why they count
    stops = [s for s in covered.stops if judged[0] <= s.last < judged[1]]
    if stops and stops[-1].last == covered.spans[-1][1]:
        after = ""  # counted from the stop on: the contract's own end changes nothing
    told = "".join(f"; {_stop_words(s, answer.on)}" for s in stops)
    return PermitNote(f"{held} covers the days of this stay {_spans_words(days)} under "
                      f"{rules}: they neither count nor are limited{told}{after}",
                      covered.rules)


def _covering_day_after(last: dt.date | None, all_covered: Sequence[Covered]
                        ) -> Covered | None:
    """The permit whose covered days take in the day after ``last`` (a permit's last day),
    if any: a contract followed by the next, or a permit by its renewal, leaves no day
    between them to count under the stay limit."""
    if last is None:
        return None
    day = last.toordinal() + 1
    return next((c for c in all_covered if any(a <= day <= b for a, b in c.spans)), None)


def _followed_by(ends: dt.date, following: PermitIn) -> str:
    """What a permit's note says of the days after it where another permit covers them."""
    host = country_name(following.country)
    return (f"; after it ends on {format_long(ends)}, "
            f"{held_permit(following.kind, host, following.valid_from, following.valid_to)} "
            "covers the days that follow")


@dataclass(frozen=True)
class CoverEnd:
    """The last day (``last``) a pack rule (``rules``) lets ``permit`` (a kind that needs
    one: an employment contract) cover the stay, with no other permit covering the day after:
    from then on the days count under the stay limit again, a day a worker must know."""

    permit: PermitIn
    last: dt.date
    rules: tuple[Applied, ...]


def cover_ends(history: History, members: Sequence[Member],
               entries: Sequence[tuple[int, int | None]], covering: Covering,
               exempt: Sequence[Span], on: dt.date) -> tuple[CoverEnd, ...]:
    """The ends, on ``on`` or later, of the runs of days a pack rule lets a permit of the
    host cover, after which no permit (``exempt``: the days every permit covers) covers the
    next day."""
    profile = history.profile
    codes = {m.country for m in members}
    ends: list[CoverEnd] = []
    for p in profile.permits if profile else ():
        if p.country not in codes or p.kind not in PACK_COVERED_KINDS:
            continue
        covered = covering.days(p, entries)
        ends += [CoverEnd(p, dt.date.fromordinal(last), covered.rules)
                 for _, last in covered.spans
                 if on.toordinal() <= last < FOREVER
                 and not any(a <= last + 1 <= b for a, b in exempt)]
    return tuple(sorted(ends, key=lambda e: e.last))


def _stop_words(stop: CoverStop, on: dt.date) -> str:
    """Why the days after a contract's cover stops count, though the contract runs on: its
    rule's end, told as "held until at least" where that end is only the last day its
    sources show it in force (it may cover them, which the pack does not know), or the day a
    state stops being a full member of the rule's bloc."""
    last = dt.date.fromordinal(stop.last)
    rule = stop.rule
    past = last < on
    count = (f"the days from {format_long(last + dt.timedelta(days=1))} count under the stay "
             "limit again, because")
    if stop.left is not None and rule.covers is not None:
        return (f"{count} {with_the(country_name(stop.left))} {'was' if past else 'is'} a full "
                f"member of {the_bloc(rule.covers.bloc)}, as {rule.id} asks, only until "
                f"{format_long(last)}")
    if rule.last_seen:
        return (f"{count} {rule.id} {'held' if past else 'holds'} until at least "
                f"{format_long(last)} (the last day its sources show it in force): it may "
                "cover them too, which the pack does not know")
    return f"{count} {rule.id} {'ended' if past else 'ends'} on {format_long(last)}"


def _why_not_covered(kind: str, code: str, covering: Covering
                     ) -> tuple[str, tuple[Applied, ...]]:
    """Why a permit of a kind that needs a pack rule covers none of the days judged: an
    ad-hoc ``--rule``, which reads no rule of the pack (a residence permit's days are still
    covered: its kind covers them), no rule for the host and citizenship, or rules whose
    days (in force, both states members of their bloc) miss them; with the rules those
    words name, which the answer rests on as much as on a rule that covers (their bloc's
    terms are why the days count)."""
    if not covering.reads_pack:
        return ("a contract covers days only where a rule of the pack says so, and an ad-hoc "
                "--rule reads none (a residence permit covers its days under it all the "
                f"same); ask with --country {code} to judge it by the pack's rules", ())
    host = country_name(code)
    whom = (f" for a citizen of {country_name(covering.citizenship)}"
            if covering.citizenship else "")
    kinds = tuple(r for r in covering.rules if r.covers is not None and r.covers.kind == kind)
    if not kinds:
        return f"no rule in the pack lets one lengthen a stay there{whom}", ()
    blocs = listed([the_bloc(b) for b in sorted({r.covers.bloc for r in kinds if r.covers})])
    covers = listed_verb([r.id for r in kinds], "covers", "cover")
    return (f"{covers} one only while in force and while both "
            f"{host} and the state of your citizenship are members of {blocs}, which none of "
            "these days is", kinds)


def _spans_words(spans: Sequence[Span]) -> str:
    """"from 1 March 2023 to 28 February 2024", spans joined by "and"."""
    return listed([f"from {format_long(dt.date.fromordinal(a))} to "
                   f"{format_long(dt.date.fromordinal(b))}" for a, b in spans])


def _after_permit(kind: str, ends: dt.date | None, latest_exit: dt.date | None,
                  host: str) -> str:
    """Where the stay shown runs on past a residence permit's last day: that its days after
    it are counted as a visitor's, with no new entry, which no source read says the host
    allows (nor forbids). An extension of stay is the stay's own: the days before it used
    the limit, so the count after it goes on from theirs. After a contract's term the stay
    limit counts again, as the treaty that covers it sets the stay by that term."""
    if kind == "extension" or ends is None or latest_exit is None or latest_exit <= ends:
        return ""
    if kind in PACK_COVERED_KINDS:
        return (f"; after it ends on {format_long(ends)}, the days that follow count under "
                "the stay limit again")
    return (f"; after it ends on {format_long(ends)}, the days that follow are counted "
            "under the stay limit as a visitor's, with no new entry: no source in the pack "
            f"says whether {host} lets a stay run on so; renew the permit, or ask its "
            "migration service, before counting on them")


def stay_open(history: History, members: Sequence[Member], answer: Answer) -> bool:
    """Whether the stay under way on the query day has no exit recorded."""
    codes = {m.country for m in members}
    return answer.present and any(
        s.exit is None and s.country in codes and s.entry <= answer.on for s in history.stays)


def relied_on(applied: Sequence[Applied], inside: Sequence[tuple[int, int | None, str]],
              answer: Answer, registration: Collection[str]) -> list[Applied]:
    """Rules in force on some day between the first recorded stay and the last day judged;
    of the registration rules, those alone that the answer's registration relies on
    (``registration``, the ids): one in force on the query day judges no stay begun before
    it, and named as relied on, it would be dated as if the registration line applied it."""
    on = answer.on
    start = min([dt.date.fromordinal(s[0]) for s in inside] + [on])
    ends = [on]
    if answer.latest_exit:  # the rule that ends the stay judges the day after it
        ends.append(answer.latest_exit + dt.timedelta(days=1))
    if answer.earliest_entry:
        ends.append(answer.earliest_entry)
    if answer.earliest_until:  # plan's stay, on through the planned trips to the host it meets
        ends.append(answer.earliest_until)
    ends += [dt.date.fromordinal(s[1]) for s in inside if s[1] is not None]
    end = max(ends)
    return [a for a in applied
            if a.valid_from <= end and (a.valid_to is None or a.valid_to >= start)
            and (a.rule.topic != "registration" or a.id in registration)]


def summonses_abroad(history: History, pack: Pack, answer: Answer,
                     assume: tuple[str, ...] = ()) -> tuple[KeptInNotice, ...]:
    """The summonses and restrictions on leaving the profile records of states the person is
    away from, told beside the answer for the host the history has them in: returning would
    keep them in."""
    if not answer.present:
        return ()
    return tuple(n for n in kept_in_notices(history, pack, answer.on, assume) if not n.inside)
