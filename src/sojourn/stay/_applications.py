"""The days a residence-permit application under way covers in a host: from its filing to
its decision, or to the query day while it is pending, where a permit rule of the pack it is
filed under says a timely application lets the applicant stay until it is decided
(Permit.stay_while_pending), and it was filed in time: on a day the stay was within its
limits. Those days neither count nor are limited, as a permit's (DESIGN.md); where the pack
does not say, they count, and the answer says that it does not know. Where the rule caps the
cover (Permit.stay_while_pending_days: Kazakhstan's 90 calendar days), it ends on the cap's
last day, the filing day being day 1, as the law's "for the time the application is
considered" runs from the filing; the days after count again though it is still pending."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sojourn.countries import country_name, fold_code
from sojourn.dates import format_long
from sojourn.engine.answer import Violation
from sojourn.engine.intervals import Span
from sojourn.errors import InputError, Problem, nearest
from sojourn.history import History
from sojourn.history.models import APPLICATION_KINDS, ApplicationIn
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Rule
from sojourn.rules.select import Applied, Assumption, applied_as, select
from sojourn.words import count, listed, listed_verb, pending_cap, permit_name, with_article

# The last day of the legal stay as the answer without the applications gives it on a day
# (None: no limit, or none known): the day a permit's filing deadline is counted back from.
StayEndsOn = Callable[[dt.date], "dt.date | None"]


def filed_under(rule: Rule | Applied, application: ApplicationIn) -> bool:
    """Whether ``application`` is one for the permit of ``rule`` (a permit rule of its
    host): named by the rule's id, or by a profile kind that takes the rule's permit kind."""
    permit = rule.permit
    if permit is None:
        return False
    return rule.id == application.kind or permit.kind in APPLICATION_KINDS.get(
        application.kind, frozenset())


def check_application_kinds(history: History, pack: Pack) -> None:
    """Refuse an application whose ``kind`` is neither a profile permit kind nor the id of a
    permit rule of the pack for its host, naming its file, line and field, the host's permit
    rule ids and the closest name: read as a rule id of no rule, "temporary" (for
    temporary_residence) answered "not known" of a permit the pack never had. The profile's
    own validation lets any id-like kind by; only the pack can tell which ids are rules."""
    profile = history.profile
    if profile is None:
        return
    problems = []
    for i, application in enumerate(profile.applications):
        kind = application.kind
        if kind in APPLICATION_KINDS:
            continue
        host = fold_code(application.country)
        rule = pack.rule(kind)
        if rule is not None and rule.topic == "permit" and rule.host == host:
            continue
        lines = history.application_kind_lines
        problems.append(Problem(
            history.source, lines[i] if i < len(lines) else None, f"applications[{i}].kind",
            kind, _kind_refused(pack, rule, kind, host), _kind_form(pack, host)))
    if problems:
        raise InputError(problems)


def _host_permit_ids(pack: Pack, host: str) -> list[str]:
    return [r.id for r in pack.rules if r.topic == "permit" and r.host == host]


def _kind_refused(pack: Pack, rule: Rule | None, kind: str, host: str) -> str:
    """Why ``kind`` is refused for an application in ``host``: the permit rule of another
    host it names, or none it names, with the closest kind or rule id of the host."""
    if rule is not None and rule.topic == "permit":
        return (f"is a permit rule for {country_name(rule.host)}, not for "
                f"{country_name(host)}, where the application is filed (its country)")
    names = [*APPLICATION_KINDS, *_host_permit_ids(pack, host)]
    close = nearest(kind, names, 1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return (f"is neither a permit kind nor the id of a permit rule for "
            f"{country_name(host)} in the pack{hint}")


def _kind_form(pack: Pack, host: str) -> str:
    """The kinds an application in ``host`` takes: the profile's, or the host's rule ids."""
    ids = _host_permit_ids(pack, host)
    rules = (f"the id of a permit rule for {country_name(host)}: {', '.join(ids)}" if ids else
             f"(the pack has no permit rule for {country_name(host)})")
    return f"one of {', '.join(APPLICATION_KINDS)}, or {rules}"


def _profile_kind(permit_kind: str) -> str:
    """The profile kind that names the pack's permit kind ``permit_kind`` alone ("temporary":
    temporary_residence), or the residence permit of either term ("other")."""
    return next((kind for kind, kinds in APPLICATION_KINDS.items() if kinds == {permit_kind}),
                "residence_permit")


def applied_for(kind: str, pack: Pack | None) -> str:
    """What an application of ``kind`` is for, as the answer names it: "a temporary residence
    permit". A kind given as a permit rule's id is named by that rule's permit kind, as the
    profile's kinds are (it read "the permit of rs-permit-temporary-2024"); only with no pack
    to look the id up in (an ad-hoc --rule) is the id named."""
    rule = pack.rule(kind) if pack is not None and kind not in APPLICATION_KINDS else None
    if rule is not None and rule.permit is not None:
        kind = _profile_kind(rule.permit.kind)
    return (with_article(permit_name(kind)) if kind in APPLICATION_KINDS
            else f"the permit of {kind}")


def application_name(application: ApplicationIn, pack: Pack | None, *,
                     with_host: bool = True) -> str:
    """"your application for a temporary residence permit in Serbia, filed on 20 March
    2024" (``with_host`` False: without "in Serbia", where the sentence names the host)."""
    return _named(application, applied_for(application.kind, pack), with_host)


def _named(application: ApplicationIn, what: str, with_host: bool) -> str:
    where = f" in {country_name(application.country)}" if with_host else ""
    return f"your application for {what}{where}, filed on {format_long(application.filed_on)}"


@dataclass(frozen=True)
class FilingDue:
    """The day a permit's rule had an application due (``due``): ``days_before`` the legal
    stay ``ends``, as the filing day's answer gives its end (Permit.apply_days_before_stay_ends,
    as for a plan). ``assumption``: the account of a contested rule the day rests on, where
    another gives another day; ``others``: each other account, its title and its day."""

    rule: Applied
    due: dt.date
    ends: dt.date
    days_before: int
    assumption: Assumption | None = None
    others: tuple[tuple[str, str | None, dt.date], ...] = ()

    @property
    def words(self) -> str:
        """"1 April 2024, 1 day before your legal stay ended on 2 April 2024
        (rs-permit-temporary-2024, as read by rs-trp-before-day-30: File by day 29, ...)"."""
        x = self.assumption
        read = (f", as read by {x.variant}" + (f": {x.title}" if x.title else "")
                if x is not None else "")
        before = (f"{count(self.days_before, 'day')} before your legal stay ended on "
                  f"{format_long(self.ends)}" if self.days_before
                  else "the last day of your legal stay")
        return f"{format_long(self.due)}, {before} ({self.rule.id}{read})"

    def other_words(self, filed_on: dt.date) -> str:
        """What each other account says of a filing on ``filed_on``: "under
        rs-trp-within-30-days (File on any day ...), due by 2 April 2024, it was filed in
        time (--assume rs-trp-within-30-days)"; of one that has it late where the account
        assumed has it in time, that its days would then count, and "the default account"
        where it is the rule's default (which an answer without --assume takes)."""
        in_time = filed_on <= self.due
        said = []
        for name, title, due in self.others:
            timely = filed_on <= due
            verdict = ("in time" if timely else "late, and its days would be counted under "
                       "the stay limit" if in_time else "late too")
            default = "the default account, " if self._is_default(name) else ""
            said.append(f"under {default}{name}" + (f" ({title})" if title else "")
                        + f", due by {format_long(due)}, it was filed {verdict} "
                          f"(--assume {name})")
        return "; ".join(said)

    def _is_default(self, name: str) -> bool:
        return any(v.name == name and v.default for v in self.rule.rule.variants)


@dataclass(frozen=True)
class ApplicationCover:
    """What the pack says of one application filed by the query day: whether it lets the
    applicant stay until decided (``lets_stay``; None: not known), the rules that say it or
    that it was filed under (``rules``), and the days it takes out of the count (``span``,
    ordinals; None: none). ``late``: filed on a day over the stay limit, not in time."""

    application: ApplicationIn
    on: dt.date
    rules: tuple[Applied, ...] = ()
    lets_stay: bool | None = None
    span: Span | None = None
    late: bool = False
    reads_pack: bool = True
    # what it is for, in words (applied_for): "a temporary residence permit"
    what: str = ""
    # the day the person left the host, while it was pending, ending the stay it was filed
    # in: the cover ends there, and a stay after coming back counts (whether the application
    # covers it the pack does not know)
    left_on: dt.date | None = None
    # the most days the rules let it cover (Permit.stay_while_pending_days), the filing day
    # being day 1; None: to the decision
    cap_days: int | None = None
    # the day the rule had it due, counted back from the legal stay's end on the filing
    # day; None: it asks for none before the end, or the stay has none
    due: FilingDue | None = None
    # the last day of the stay were it still pending when its cap runs out: the cap's last
    # day, or later where the stay limit leaves days after it; None: no cap ahead of a stay
    # it holds open, or no limit after it
    pending_until: dt.date | None = None

    def named(self, *, with_host: bool = True) -> str:
        """application_name, by the words its pack gave (the cover keeps no pack)."""
        return _named(self.application, self.what, with_host)

    @property
    def past_due(self) -> bool:
        """Filed after the day the rule had it due, though within the legal stay: the rules
        let an application filed in time stay, and whether one filed late does they do not
        say, so it covers no day."""
        return self.due is not None and self.application.filed_on > self.due.due

    @property
    def past_due_words(self) -> str | None:
        """What status says of a filing past the day its rule had it due (``past_due``), the
        account that day rests on and what the others say of it; None for one in time."""
        if self.due is None or not self.past_due:
            return None
        return self._past_due_words(self.named(), self.due)

    @property
    def in_time_words(self) -> str | None:
        """Of a filing in time under the account assumed that another account has late
        (``contested_due``), the day it was due and what the others say: "Filed already" alone
        hid that the default account counts it late; None otherwise."""
        due = self.due
        if due is None or self.past_due or self.contested_due is None:
            return None
        return (f"it was due by {due.words}, so it was filed in time; "
                f"{due.other_words(self.application.filed_on)}")

    @property
    def contested_due(self) -> Assumption | None:
        """The account of a contested rule whose filing deadline the cover rests on: one
        under which the filing is in time where another has it late, or the reverse."""
        due = self.due
        if due is None or due.assumption is None:
            return None
        filed = self.application.filed_on
        timely = filed <= due.due
        return due.assumption if any((filed <= d) != timely for _, _, d in due.others) else None

    @property
    def pending(self) -> bool:
        decided = self.application.decided_on
        return decided is None or decided > self.on

    @property
    def cover_ends_by(self) -> dt.date | None:
        """The last day the cap lets it cover (``cap_days`` from the filing day, that day
        included), whether or not it was decided before; None: no cap."""
        if self.cap_days is None:
            return None
        return self.application.filed_on + dt.timedelta(days=self.cap_days - 1)

    @property
    def capped(self) -> bool:
        """The cap ended its cover before the decision, or before the query day while it is
        pending: the days after it count under the stay limit again."""
        ends = self.cover_ends_by
        return (ends is not None and self.span is not None
                and self.span[1] == ends.toordinal() and ends < self._cover_would_end)

    @property
    def _cover_would_end(self) -> dt.date:
        """The decision, or the query day while it is pending: the cover's end but for a
        cap or an exit."""
        decided = self.application.decided_on
        return decided if decided is not None and decided <= self.on else self.on

    @property
    def holds_open(self) -> bool:
        """Pending, and covering its days to the query day: the stay is held open while it is
        pending, and the stay limit ends it only once it is refused. Not once the person
        left the stay it was filed in, nor once its cap ran out: the cover ended there."""
        return (self.pending and self.span is not None and self.left_on is None
                and not self.capped)

    @property
    def cap_ahead(self) -> Span | None:
        """The days it would cover were it still pending on its cap's last day, where that
        day is after the query day and it holds the stay open; None otherwise."""
        ends = self.cover_ends_by
        if ends is None or ends <= self.on or not self.holds_open:
            return None
        return self.application.filed_on.toordinal(), ends.toordinal()

    @property
    def at_most(self) -> str:
        """The cap a held-open stay ends by, and the last day of the stay were it still
        pending then (``pending_until``), in words, as every answer says them: ": if it is
        still pending, until 4 November 2024 (its cover ends on 6 August 2024, 90 days from
        its filing, that day included, and then your days count under the stay limit)";
        without that day, ", until 6 August 2024 at most (90 days ...)"; "" without a cap.
        The cap's day alone read as the stay's last, where the days the limit leaves after it
        still run."""
        ends = self.cover_ends_by
        if ends is None or self.cap_days is None:
            return ""
        last, why = self.if_still_pending or (None, "")
        if last is None:
            # a visa or planned trip ends the stay first: the headline's reason says which
            return f", until {format_long(ends)} at most ({pending_cap(self.cap_days)})"
        return f": if it is still pending, until {format_long(last)}{why}"

    @property
    def if_still_pending(self) -> tuple[dt.date, str] | None:
        """The last day of the stay were it still pending when its cap runs out
        (``pending_until``), and why, as ``at_most`` words it after that day: " (its cover
        ends on 6 August 2024, 90 days from its filing, that day included, and then your days
        count under the stay limit)"; None without a cap, or where a visa or planned trip
        ends the stay before the cap does. A report lists that day as a deadline of its own."""
        ends, last = self.cover_ends_by, self.pending_until
        if ends is None or self.cap_days is None or last is None or last < ends:
            return None
        cap = pending_cap(self.cap_days)
        if last == ends:
            return last, f", when its cover ends ({cap}), as the stay limit leaves no day after it"
        return last, (f" (its cover ends on {format_long(ends)}, {cap}, and then your days "
                      "count under the stay limit)")

    @property
    def while_pending(self) -> str:
        """How long it holds the stay open, as status, destinations and permit say it: "while
        your application for a permanent residence permit, filed on 9 May 2024, is pending
        (kz-permit-permanent-2023), until 6 August 2024 at most (90 days from its filing,
        that day included)"."""
        return self._pending(f"{self.named(with_host=False)},")

    @property
    def while_it_is_pending(self) -> str:
        """``while_pending`` of an application the sentence has named: "while it is pending
        (kz-permit-permanent-2023), until 6 August 2024 at most (...)"."""
        return self._pending("it")

    def _pending(self, what: str) -> str:
        return f"while {what} is pending ({listed([r.id for r in self.rules])}){self.at_most}"

    def were_refused(self, ends: dt.date) -> str:
        """``ends``, the legal stay's last day as the answer gives it, which holds only were
        the application refused on the query day: "11 July 2024, when your legal stay would
        end were your pending application refused on 20 June 2024"."""
        return (f"{format_long(ends)}, when your legal stay would end were your pending "
                f"application refused on {format_long(self.on)}")

    @property
    def words(self) -> str:
        a = self.application
        rule_ids = [r.id for r in self.rules]
        ids = listed(rule_ids)
        name = self.named()
        decided = a.decided_on
        state = ("not yet decided" if self.pending or decided is None else
                 f"decided on {format_long(decided)}" + (f" ({a.outcome})" if a.outcome else ""))
        if not self.reads_pack:
            return (f"{name} ({state}) covers days only where a rule of the pack says so, and "
                    f"an ad-hoc --rule reads none; ask with --country {a.country}")
        if self.lets_stay is None:
            why = (listed_verb(rule_ids, "does not say", "do not say") if self.rules else
                   f"the pack has no permit rule for it in force on {format_long(a.filed_on)}")
            return (f"{name} ({state}): whether an application lets you stay is not known "
                    f"({why}); its days are counted under the stay limit")
        if not self.lets_stay:
            return (f"{name} ({state}) does not let you stay while it is decided ({ids}): its "
                    "days are counted under the stay limit")
        if self.late:
            return (f"{name} was filed on a day over the stay limit: "
                    f"{listed_verb(rule_ids, 'lets', 'let')} an application filed during a "
                    "lawful stay cover the days to its decision, so these days are counted "
                    "under the stay limit")
        if (late := self.past_due_words) is not None:
            return late
        if self.left_on is not None:
            return self._left_words(name, state, ids, self.left_on)
        if self.capped:
            return self._capped_words(name, state, ids)
        if self.pending or decided is None:
            return (f"{name} and not yet decided, lets you stay until it is decided ({ids}): "
                    f"the days from {format_long(a.filed_on)} to {format_long(self.on)} "
                    "neither count nor are limited; the day of the decision is not known, so "
                    "the days after this one are counted as if it came today, though each day "
                    f"it is still pending is covered too{self.at_most}")
        return (f"{name} and {state}, let you stay until it was decided ({ids}): the days "
                f"from {format_long(a.filed_on)} to {format_long(decided)} neither count "
                "nor are limited; the days after it count under the stay limit again")

    def _capped_words(self, name: str, state: str, ids: str) -> str:
        """The cover of an application its cap ended before the decision (or the query day,
        while it is pending): "held the stay open until 6 August 2024 (90 days, ...)"."""
        a = self.application
        ends = self.cover_ends_by
        assert ends is not None and self.cap_days is not None
        still = ("though it is still pending" if self.pending or a.decided_on is None
                 else f"though it was decided only on {format_long(a.decided_on)}")
        return (f"{name}, {state}, held the stay open until {format_long(ends)} "
                f"({count(self.cap_days, 'day')}, {ids}), the most a pending application is "
                f"covered: the days from {format_long(a.filed_on)} to {format_long(ends)} "
                f"neither count nor are limited, and those from "
                f"{format_long(ends + dt.timedelta(days=1))} count under the stay limit "
                f"again, {still}")

    def _past_due_words(self, name: str, due: FilingDue) -> str:
        """The cover of an application filed within the legal stay but after the day the
        rule had it due: not known, so its days count; and what the other accounts say."""
        others = due.other_words(self.application.filed_on)
        return (f"{name}, after the day it was due, {due.words}: the rule lets an application "
                "filed in time stay until it is decided, and whether one filed late does is "
                "not known (its sources do not say), so its days are counted under the stay "
                "limit" + (f"; {others}" if others else ""))

    def _left_words(self, name: str, state: str, ids: str, left_on: dt.date) -> str:
        """The cover of an application whose stay the person left while it was pending."""
        return (f"{name} ({state}) lets you stay until it is decided ({ids}): the days from "
                f"{format_long(self.application.filed_on)} to {format_long(left_on)}, when "
                f"you left {country_name(self.application.country)} while it was pending, "
                "neither count nor are limited; the cover ends with the stay it was filed in, "
                "and a stay after coming back counts under the stay limit: the pack does not "
                "know whether a pending application covers it")


def application_covers(history: History, pack: Pack | None, codes: Sequence[str],
                       citizenship: str | None, assume: tuple[str, ...], on: dt.date,
                       violations: Sequence[Violation], stay_ends_on: StayEndsOn | None = None
                       ) -> tuple[ApplicationCover, ...]:
    """The applications of the profile filed in the host (its member ``codes``) by ``on``,
    with the days each covers. ``violations``: those of the answer without them, which a
    filing day in one makes late; ``stay_ends_on``: the legal stay's end as that answer gives
    it on a filing day, which the rule's filing deadline counts back from (a filing after it
    is past due). ``pack`` None: an ad-hoc regime, under which none covers."""
    profile = history.profile
    filed = [a for a in (profile.applications if profile else ())
             if a.country in codes and a.filed_on <= on]
    if pack is None or citizenship is None:
        return tuple(ApplicationCover(a, on, reads_pack=pack is not None,
                                      what=applied_for(a.kind, pack)) for a in filed)
    covers = []
    for a in filed:
        what = applied_for(a.kind, pack)
        rules, _ = select(pack, a.country, citizenship, assume, topics=("permit",))
        under = [r for r in rules if r.in_force(a.filed_on) and filed_under(r, a)]
        saying = [r for r in under if r.permit and r.permit.stay_while_pending is not None]
        lets = [r for r in saying if r.permit and r.permit.stay_while_pending]
        cap = _cap_days(lets)
        if not saying:
            covers.append(ApplicationCover(a, on, tuple(under), what=what))
            continue
        if not lets:
            covers.append(ApplicationCover(a, on, tuple(saying), lets_stay=False, what=what))
            continue
        late = any(v.first_day <= a.filed_on <= v.last_day for v in violations)
        due = (None if late or stay_ends_on is None else
               _filing_due_soonest(lets, stay_ends_on(a.filed_on), assume))
        # to the decision; while pending, to the query day: each later day it stays pending
        # is covered too, but the day it ends is not known
        last = a.decided_on if a.decided_on is not None and a.decided_on <= on else on
        if cap is not None:
            # the filing day is day 1 of the cap
            last = min(last, a.filed_on + dt.timedelta(days=cap - 1))
        left = _left_while_pending(history, codes, a.filed_on, last)
        if left is not None:
            last = left
        covered = not late and (due is None or a.filed_on <= due.due)
        span = (a.filed_on.toordinal(), last.toordinal()) if covered else None
        covers.append(ApplicationCover(a, on, tuple(lets), True, span, late, what=what,
                                       left_on=left if covered else None, cap_days=cap,
                                       due=due))
    return tuple(covers)


def _filing_due_soonest(lets: Sequence[Applied], ends: dt.date | None,
                        assume: tuple[str, ...]) -> FilingDue | None:
    """The day the application was due by the rule that has it due soonest of those that let
    it stay (``lets``, as assumed), as the surest reading: counted back from ``ends``, the
    legal stay's end on the filing day, as a plan counts its deadline. With the rule
    contested, the account assumed and the day each other one gives (Serbia's "before day
    30": day 29, or day 30 too). None: no deadline (no end, or none asked for).
    Several rules take one filing only for the kind residence_permit (either term): in the pack
    in AM, AR, AZ, KZ and UZ, and in none of them do two let it stay (KZ: the permanent rule
    alone), so neither this choice nor _cap_days's decides an answer today; a filing in time
    under the earliest is in time under every one of them, the reading that counts no day a
    rule may not cover."""
    if ends is None:
        return None
    dues = [d for d in (_filing_due(r, ends, assume) for r in lets) if d is not None]
    return min(dues, key=lambda d: d.due, default=None)


def _filing_due(rule: Applied, ends: dt.date, assume: tuple[str, ...]) -> FilingDue | None:
    """The day ``rule`` has an application due before the legal stay ``ends``, with the
    accounts of a contested rule that give another day; None where it asks for none."""
    days = _days_before(rule)
    if days is None:
        return None
    _, assumed = applied_as(rule.rule, assume)
    others = []
    for alternative in assumed.alternatives if assumed is not None else ():
        other, taken = applied_as(rule.rule, (alternative,))
        other_days = _days_before(other) or 0
        if other_days != days:
            others.append((alternative, taken.title if taken else None,
                           ends - dt.timedelta(days=other_days)))
    return FilingDue(rule, ends - dt.timedelta(days=days), ends, days,
                     assumed if others else None, tuple(others))


def _days_before(rule: Applied) -> int | None:
    """The days before the legal stay ends by which ``rule`` asks for the application."""
    return rule.permit.apply_days_before_stay_ends if rule.permit is not None else None


def _cap_days(lets: Sequence[Applied]) -> int | None:
    """The most days the rules that let an application stay cover it: the shortest cap any
    of them gives, as the surest reading, or None where none caps it."""
    caps = [r.permit.stay_while_pending_days for r in lets
            if r.permit and r.permit.stay_while_pending_days is not None]
    return min(caps) if caps else None


def _left_while_pending(history: History, codes: Sequence[str], filed_on: dt.date,
                        last: dt.date) -> dt.date | None:
    """The last day of the stay in the host (its member ``codes``) the application was filed
    in, where it ended before ``last`` (the decision, or the query day while pending): the
    person left while it was pending. Whether a pending application lets one come back and
    stay is not in the sources read (Türkiye's announcement lets an applicant return within
    15 days without a visa but keeps the 90-in-180 limit), so the cover ends with that stay."""
    stay = next((s for s in history.stays if s.country in codes
                 and s.entry <= filed_on <= s.until), None)
    if stay is None or stay.exit is None or stay.exit >= last:
        return None
    return stay.exit
