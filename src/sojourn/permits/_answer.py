"""A permit plan as answered: its steps, the plan itself, and the plan under another account
of a contested rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sojourn.dates import format_long
from sojourn.history.documents import AgeLapse
from sojourn.permits._estimates import Estimate
from sojourn.permits._held import BeyondPermit
from sojourn.permits._legal_stay import legal_end_rule, unlimited_by
from sojourn.permits._renewal import HeldPermitEnd
from sojourn.rules.select import (
    Applied,
    Assumption,
    account_named,
    accounts_in_doubt,
    contested_accounts,
)
from sojourn.rules.topics import Requirement
from sojourn.stay import ApplicationCover, PlannedTrip, StayReport
from sojourn.words import count, document_name, pending_cap


@dataclass(frozen=True)
class PendingCover:
    """What the permit's own rule says of the application a plan files on ``filed_on``: it
    lets the applicant stay until it is decided (Permit.stay_while_pending, rule ``rule``),
    for at most ``cap_days`` from its filing, that day included (None: to the decision), as
    status counts a filing made (ApplicationCover)."""

    rule: str
    filed_on: dt.date
    cap_days: int | None

    @property
    def ends_by(self) -> dt.date | None:
        """The last day the cap lets it hold the stay open (None: no cap)."""
        if self.cap_days is None:
            return None
        return self.filed_on + dt.timedelta(days=self.cap_days - 1)

    def holds_to(self, issued: dt.date) -> bool:
        """Whether it holds the stay open until a permit issued on ``issued``: the day the
        permit comes is still within its cover (the cover runs to the decision)."""
        ends = self.ends_by
        return ends is None or issued <= ends

    @property
    def words(self) -> str:
        """"while it is pending (kz-permit-permanent-2023), for at most 90 days from its
        filing, that day included, to 18 June 2023"; without a cap, "while it is pending
        (ge-permit-residence), until it is decided"."""
        ends = self.ends_by
        if ends is None or self.cap_days is None:
            return f"while it is pending ({self.rule}), until it is decided"
        return (f"while it is pending ({self.rule}), for at most {pending_cap(self.cap_days)}, "
                f"to {format_long(ends)}")


@dataclass(frozen=True)
class Step:
    """One thing to do: get a document (lead time) or file the application."""

    what: str
    document: str | None
    lead_days: int | None
    lead_unit: str
    start_by: dt.date | None
    too_late: bool | None
    how: str | None
    moved_from: dt.date | None = None  # the day counted, on which the offices are closed
    closed: str | None = None  # why: "20 November 2022 is a Sunday in the Russian Federation"
    # counted back from the last day to file during the stay as planned (PermitAnswer's
    # ``planned_file_by``), when the planned trips end the stay before the filing day
    planned_start_by: dt.date | None = None
    planned_closed: str | None = None  # why that day is before the day counted
    # the filing step of a plan that cannot work: why no day to file is given ("the pack
    # records this permit not issued from 29 May 2025 (...)"), its days left out, lest they
    # read as a day to file by
    cannot_file: str | None = None
    # why ``start_by``, and ``planned_start_by``, are estimates: the working days they are
    # counted over, or the closed days passed to reach a working day, as the holiday calendar
    # knows them only in part (``Estimate``); () when exact
    estimate: Estimate = ()
    planned_estimate: Estimate = ()
    # what the rule says of the document beyond how to get it (its requirement's ``note``):
    # who is exempt, what it must show, or that it may not be had at all
    note: str | None = None
    # a step that is a condition to check, not a document to get, and what it comes to as
    # far as the pack can count it ("it must be valid 3 months beyond the permit's last
    # day ...": a passport held, which the permit's term the pack does not know decides)
    check: str | None = None


@dataclass(frozen=True)
class LeadUnsure:
    """The days before the stay ends the host's other permit rules (``rules``, as applied)
    ask the application by, which the permit's own rule does not say whether it asks, and the
    last working day to file by were it asked: the plan's deadline may be that sooner day,
    which rests on those rules (PermitAnswer.rules)."""

    days: int
    rules: tuple[Applied, ...]
    due_by: dt.date

    def words(self, host_name: str, on: dt.date) -> str:
        """"Armenia asks for its other permits 30 days before the stay ends (...); whether
        it does for this one the pack does not say: if it does, the application was due by
        27 November 2026, before 1 December 2026"."""
        was = ("was" if self.due_by < on else "is")
        before = f", before {format_long(on)}" if self.due_by < on else ""
        asking = ", ".join(r.id for r in self.rules)
        return (f"{host_name} asks for its other permits {count(self.days, 'day')} before the "
                f"stay ends ({asking}); whether it does for this one the pack "
                f"does not say: if it does, the application {was} due by "
                f"{format_long(self.due_by)}{before}")


@dataclass(frozen=True)
class PlanDays:
    """The days of a plan a person acts on, each counted back from the legal stay's end or
    the filing day: what another account of a contested rule the plan rests on must give
    alike for its account to go unnamed (PermitAnswer.in_doubt)."""

    legal_stay_ends: dt.date | None
    apply_on: dt.date | None
    due_by: dt.date | None
    in_time_if_filed_by: dt.date | None
    # each dated step and its day to start by, in order: a step of no known lead time
    # gives no day, and one another account drops (a document it does not ask) moves none
    steps: tuple[tuple[str, dt.date], ...]


@dataclass(frozen=True)
class OtherPermitAccount:
    """What the plan comes to under another account (``variant``) of a contested rule it
    relied on: the figures a person acts on, as status compares its answers."""

    variant: str
    legal_stay_ends: dt.date | None
    apply_on: dt.date | None
    feasible: bool | None
    missing: tuple[str, ...]
    on: dt.date
    days: PlanDays
    # the pending application that holds the stay open under it (StayReport.held_open_by),
    # with which ``legal_stay_ends`` holds only were it refused on ``on``
    held_open: ApplicationCover | None = None
    # the profile's application for the permit was filed late under it (PermitAnswer
    # .filed_late), and the first day over the stay limit its days then bring (None: none)
    filed_late: bool = False
    over_since: dt.date | None = None

    def same_as(self, given: PermitAnswer) -> bool:
        """Whether the plan ``given`` comes to the same under this account (the JSON's
        ``same_answer``): the same days (PlanDays, which its ``accounts_agree`` weighs too:
        the day due and each step's start, not only the stay's end and the filing day), the
        same verdict and documents missing, a stay held open alike, and a filing late alike.
        A day due moved (Serbia's day 29 or 30 with the filing day asked for) is another
        answer."""
        return (self.days, self.feasible, self.missing, self.held_open is None,
                self.filed_late) == (
            given.days, given.feasible, tuple(r.document for r in given.missing),
            given.stay.held_open_by is None, given.filed_late)

    def in_brief(self, given: PermitAnswer) -> str:
        """"legal stay ends 28 June 2024; file by 29 May 2024; feasible", in short, and the
        documents missing where they differ from those of the plan ``given``."""
        verdict = {True: "feasible", False: "not feasible", None: "unknown"}[self.feasible]
        ends = self.legal_stay_ends
        if self.filed_late:
            # "no end of the legal stay known" read as no limit, where its days count
            parts = ["filed late, its days counted under the stay limit" + (
                f", over it since {format_long(self.over_since)}" if self.over_since else "")]
        elif ends is None:
            parts = ["no end of the legal stay known"]
        elif ends < self.on:
            parts = [f"legal stay ended on {format_long(ends)}"]
        elif self.held_open is not None:
            # "legal stay ends 11 July 2024" read as the end of a stay that goes on while the
            # application is pending: said as status says it
            parts = [f"stay held open {self.held_open.while_pending}",
                     f"legal stay would end {format_long(ends)} were it refused on "
                     f"{format_long(self.on)}"]
            if self.apply_on is not None:
                parts.append(f"file by {format_long(self.apply_on)}")
        else:
            parts = [f"legal stay ends {format_long(ends)}"]
            if self.apply_on is not None:
                parts.append(f"file by {format_long(self.apply_on)}")
        # the days same_as weighs that may differ where the two above do not: the day due,
        # where it is not the filing day (the filing day asked for, --apply-on), and the
        # steps' start, where no day said moved them
        due = self.days.due_by
        if due is not None and due != given.due_by and due != self.apply_on:
            parts.append(f"due by {format_long(due)}")
        said = (self.legal_stay_ends, self.apply_on, due)
        if self.days.steps != given.days.steps and said == (
                given.legal_stay_ends, given.apply_on, given.due_by):
            parts.append("other days to start the steps")
        if self.missing != tuple(r.document for r in given.missing):
            parts.append("missing: " + ", ".join(map(document_name, self.missing))
                         if self.missing else "no document missing")
        return "; ".join([*parts, verdict])


@dataclass(frozen=True)
class PermitAnswer:
    """A dated plan for one permit; with ``citizen`` set, the person is a citizen of the host
    (or of a member of the zone that judges it), needs no permit, and no plan is made."""

    on: dt.date
    country: str
    rule: Applied
    assumptions: tuple[Assumption, ...]
    stay: StayReport
    legal_stay_ends: dt.date | None
    planned_stay_ends: dt.date | None  # a planned trip ends the stay before its legal end
    apply_on: dt.date | None
    issued_about: dt.date | None  # the filing day plus the processing time
    issued_after_legal_stay: bool | None  # None: no legal end is known, or no issue day
    # if issued after it: the last filing day in time, passed where it is before ``on`` (the
    # plan says it was needed; the report lists it missed); None too when no day of the stay
    # under way was one (before the entry, or before the pack knows the permit)
    in_time_if_filed_by: dt.date | None
    missing: tuple[Requirement, ...]
    held: tuple[Requirement, ...]
    prepare: tuple[Requirement, ...]
    steps: tuple[Step, ...]
    feasible: bool | None
    verdict: str
    citizen: str | None = None
    chosen: bool = False  # the filing day is the one asked for (--apply-on), or the next open
    # the last working day to file during the stay as planned, when the planned trips end it
    # before the filing day (``apply_on``), which the steps count back from; the steps give
    # the day to start for it too (``Step.planned_start_by``)
    planned_file_by: dt.date | None = None
    # the plan under each other account of a contested rule relied on (``compare``)
    other_accounts: tuple[OtherPermitAccount, ...] = ()
    # what the plan leaves unsaid: the notes ``verdict`` begins with, then those said after
    # the steps (``later_notes``: a rule of low confidence that decides the plan)
    notes: tuple[str, ...] = ()
    later_notes: tuple[str, ...] = ()
    # the first day the pack knows this permit from, when the filing day would otherwise come
    # before it and was moved on to it: no plan files under a rule not yet in force
    opens_on: dt.date | None = None
    due_by: dt.date | None = None  # the last working day to file in time (None: no deadline)
    # a rule of the pack for this permit is in force on the filing day; if not (a gap between
    # two of its rules), the steps follow the nearest one and what it needs then is unknown
    rule_in_force: bool = True
    # the profile's extension of stay for the stay under way ("your extension of stay in
    # Thailand to 29 October 2024 (from 30 September 2024)"), when this permit is an
    # extension: granted once per entry, it is held already, and no plan is made
    held_extension: str | None = None
    # the profile's application for this permit, filed by the query day, pending or granted
    # ("your application for a temporary residence permit in Serbia, filed on 20 March 2024
    # (is not yet decided)"): the filing is made, and no plan is made
    pending_application: str | None = None
    # that application was filed past the day the permit's rule had it due
    # (ApplicationCover.past_due), as status reads it: whether it holds the stay is not known
    filed_late: bool = False
    # the contested permit rule whose deadline decides whether that application was filed in
    # time, where its accounts disagree (ApplicationCover.contested_due): the answer rests on
    # it, and names the account assumed beside the others
    filed_under_contested: str | None = None
    # the last day of the passport held, where it ends before the permit would be issued
    # (with no issue day known, before the filing day): renewed first, a step of the plan
    passport_ends: dt.date | None = None
    # where that day is the passport's end by its holder's age (Russia's internal passport
    # given no end), why: the plan relies on the rule it comes from, and lists it
    passport_lapse: AgeLapse | None = None
    # why ``in_time_if_filed_by`` is an estimate (``Step.estimate``). ``issued_about`` gets
    # none: "about" hedges it already, and the processing time it adds is a source's rough
    # figure ("about 15 working days"), further out than a holiday a day off; the day to act
    # on from the same count, the last to file to have the permit in time, is flagged
    in_time_estimate: Estimate = ()
    # where the permit's rule gives no days before the stay ends to file by, while the host's
    # other permit rules ask some: whether it asks them for this one is not known, and filing
    # may be due sooner (None: no such doubt)
    lead_unsure: LeadUnsure | None = None
    # the permit's rule wants the passport valid some time beyond the permit's last day:
    # the day it must last to, as far as the pack counts it, and the passport held
    beyond_permit: BeyondPermit | None = None
    # the planned trip that sets ``planned_stay_ends``, where the stay's answer names one: a
    # trip the stay runs into, or a later stay in the host a longer one would put over a limit
    planned_trip: PlannedTrip | None = None
    # a residence permit the profile holds in the host that a permit of this kind renews:
    # the plan is for applying anew, if it is not renewed (the notes say so)
    held_same: HeldPermitEnd | None = None
    # a permit issued after the legal stay ends whose own rule lets the application filed
    # stay until it is decided (Permit.stay_while_pending): from the filing day, to the cap's
    # last day, if any; it holds the stay open to the issue day, or its cap ends first
    pending_cover: PendingCover | None = None

    @property
    def covered_to_issue(self) -> bool:
        """Whether ``pending_cover`` holds the stay open until the permit is issued."""
        return (self.pending_cover is not None and self.issued_about is not None
                and self.pending_cover.holds_to(self.issued_about))

    @property
    def rules(self) -> tuple[Applied, ...]:
        """The rules the plan relies on: the permit's (none for a citizen, who needs no
        permit), then the stay's that set its days, then the one the passport's end by age
        comes from, where the plan says it falls short."""
        ruled = (() if self.citizen else (self.rule,)) + tuple(self.stay.rules)
        lapse = self.passport_lapse.validity if self.passport_lapse else None
        # and the host's other permit rules whose lead time the sooner deadline is counted by
        leads = self.lead_unsure.rules if self.lead_unsure else ()
        more = ((lapse,) if lapse else ()) + leads
        held = {r.id for r in ruled}
        return ruled + tuple({r.id: r for r in more if r.id not in held}.values())

    @property
    def legal_end_rule(self) -> str | None:
        """The rule that sets ``legal_stay_ends`` (legal_end_rule), which the filing day and
        each step's start are counted back from; where no rule limits the stay, the rule
        that sets no limit (unlimited_by), on whose account the plan's having no deadline
        from the stay rests; None where the end is unknown."""
        if self.legal_stay_ends is None:
            return unlimited_by(self.stay)
        return legal_end_rule(self.stay.answer)

    @property
    def days(self) -> PlanDays:
        """The plan's days another account must give alike (PlanDays)."""
        return PlanDays(self.legal_stay_ends, self.apply_on, self.due_by,
                        self.in_time_if_filed_by,
                        tuple((s.what, s.start_by) for s in self.steps if s.start_by))

    @property
    def rests_on(self) -> tuple[str, ...]:
        """The rules the plan's days rest on: the permit's (its lead time), and the one that
        sets the legal stay's end they are counted back from (legal_end_rule), as a report's
        deadline rests on them (Deadline.rests_on); none where no plan is made."""
        if self.pending_application:
            return (self.filed_under_contested,) if self.filed_under_contested else ()
        if self.citizen or self.held_extension:
            return ()
        return tuple(dict.fromkeys(r for r in (self.rule.id, self.legal_end_rule) if r))

    def accounts(self) -> tuple[Assumption, ...]:
        """The accounts assumed of the contested rules the plan's days rest on."""
        return contested_accounts(self.rests_on, (*self.assumptions, *self.stay.all_assumptions))

    @property
    def agreed(self) -> frozenset[str]:
        """The contested rules the days rest on every other account of which was weighed
        (``other_accounts``) and gives the same days: a rule not weighed is in doubt."""
        return agreed_rules(self.accounts(), self.other_accounts, self.days)

    def in_doubt(self) -> tuple[Assumption, ...]:
        """The accounts under which the plan's days may differ: what its verdict names."""
        return accounts_in_doubt(self.accounts(), self.agreed)

    def assumed(self) -> Assumption | None:
        """The account the JSON's one ``assumed`` names (account_named)."""
        return account_named(self.accounts(), self.agreed)

    @property
    def rules_judged_on(self) -> dt.date:
        """The day the rules relied on must still hold: the filing day asked for
        (``--apply-on``), where it is after the query day, as the plan files under the rules
        of that day; else the query day. A source a year old by that day is out of date for
        the plan, though not on the query day (freshness.not_confirmed). A deadline the plan
        found is no such day: the person may file before it."""
        return max(self.on, self.apply_on) if self.chosen and self.apply_on else self.on


def agreed_rules(accounts: Sequence[Assumption], others: Sequence[OtherPermitAccount],
                 days: PlanDays) -> frozenset[str]:
    """The rules of ``accounts`` every other account of which is among ``others`` and gives
    ``days``, each rule weighed apart: a contested permit rule whose accounts change only its
    documents is not named beside a day a contested stay limit moves."""
    under = {o.variant: o.days for o in others}
    return frozenset(a.rule for a in accounts
                     if all(under.get(v) == days for v in a.alternatives))
