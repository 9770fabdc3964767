"""What a permit plan comes to: whether it can work, when the permit would be issued, and its
verdict in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sojourn.dates import WorkingCalendar
from sojourn.penalties import stay_rules_alone
from sojourn.permits._answer import PendingCover, Step
from sojourn.permits._days import in_time_by, issue_day, why_closed
from sojourn.permits._estimates import Estimate, working_days_estimate
from sojourn.permits._filing import Filing, StayEnd
from sojourn.permits._verdict import (
    cannot_file,
    held_open,
    issue_words,
    planned,
    under_accounts,
    verdict,
)
from sojourn.rules.select import Assumption
from sojourn.stay import PlannedTrip, StayReport


def no_plan_can_work(filing: Filing, end: StayEnd, late: Sequence[Step]) -> bool:
    """Whether no plan can work: the permit is not issued, a step can no longer start in
    time, the legal stay is over, no stay may be had to file from by the filing day, or the
    filing day is after the deadline."""
    early = end.back is not None and filing.file_on < end.back  # kept out until then
    return bool(not filing.permit.available or late or end.over or (end.shut and end.back is None)
                or early or (filing.deadline is not None and filing.file_on > filing.deadline))


def why_no_day_to_file(filing: Filing, end: StayEnd, host_name: str, on: dt.date,
                       late: Sequence[Step]) -> str:
    """Why a plan that cannot work has no day to file (``cannot_file``)."""
    deadline, file_on = filing.deadline, filing.file_on
    return cannot_file(
        None if filing.permit.available else filing.applied, end.ends if end.over else None,
        (host_name, end.back) if end.shut and not end.over else None,
        deadline if deadline is not None and (deadline < on or file_on > deadline) else None,
        file_on, filing.opened, late)


@dataclass(frozen=True)
class _Issue:
    """When the permit would be issued, and what that means for the legal stay."""

    issued: dt.date | None  # the filing day plus the processing time
    after: bool | None  # issued after the legal stay ends; None: no end, or no issue day
    # if after: the last filing day in time, passed where it is before ``on``; None where no
    # day of the stay under way was one (it came before the person entered, or before the
    # pack knows the permit), or where the application's own cover holds the stay open to
    # the issue day (``cover``): there was never a day to meet, or none is needed
    in_time: dt.date | None
    in_time_estimate: Estimate  # why ``in_time`` is an estimate
    # if after: what the permit's own rule says of the application filed on the filing day
    # while it is pending, where it lets the applicant stay (Permit.stay_while_pending)
    cover: PendingCover | None = None

    @property
    def covered(self) -> bool:
        """Whether the application's own cover holds the stay open to the issue day."""
        return (self.cover is not None and self.issued is not None
                and self.cover.holds_to(self.issued))


# A plan that cannot work has no issue day: the application would not be accepted.
NOT_ISSUED = _Issue(None, None, None, ())


def pending_cover(filing: Filing) -> PendingCover | None:
    """What the permit's rule, as applied, says of the application the plan files: that,
    filed in time (on the filing day, by the day due: a plan filing later cannot work), it
    lets the applicant stay until it is decided, from the filing day, for at most the days
    its cap gives (Permit.stay_while_pending_days, the filing day being day 1), as status
    counts a filing made (ApplicationCover). None where the rule does not say it does."""
    permit = filing.permit
    if not permit.stay_while_pending:
        return None
    return PendingCover(filing.applied.id, filing.file_on, permit.stay_while_pending_days)


def when_issued(filing: Filing, ends: dt.date | None, on: dt.date, entered: dt.date | None,
                office: WorkingCalendar) -> _Issue:
    """When the permit filed on the filing day would be issued (no day without a known
    processing time), and, if after the legal stay ``ends``, the last filing day in time.
    ``entered``: the first day of the stay under way (None: the person is away). A last day
    in time before ``on`` is kept, passed, as the steps' days are, where the person could have
    filed on it: a day of this stay on which the pack knows the permit. Dropped, it read as
    though there had never been one, in the plan's JSON and among the report's deadlines."""
    permit, file_on, deadline, due = filing.permit, filing.file_on, filing.deadline, filing.due
    if permit.processing_days is None:
        return NOT_ISSUED
    issued = issue_day(file_on, permit.processing_days, permit.processing_unit, office)
    after = None if ends is None else issued > ends
    if not after:
        return _Issue(issued, after, None, ())
    assert ends is not None
    cover = pending_cover(filing)
    if cover is not None and cover.holds_to(issued):
        # the application holds the stay open until the permit comes: no earlier day to
        # file by is needed for it (it read "whether a pending application lets you stay on
        # ... is not known" of a rule that says it does, to the cap, longer than the wait)
        return _Issue(issued, after, None, (), cover)
    in_time, in_time_estimate = in_time_by(ends, permit.processing_days,
                                           permit.processing_unit, office)
    if deadline is not None and deadline < in_time:
        in_time = deadline
        in_time_estimate = working_days_estimate(deadline, due if due != deadline else None, office)
    if in_time < on and (entered is None or in_time < max(entered, filing.opens)):
        return _Issue(issued, after, None, (), cover)  # no day of this stay was ever in time
    return _Issue(issued, after, in_time, in_time_estimate, cover)


def plan_works(cannot_work: bool, end: StayEnd, stay_unknown: str | None,
               unknown: Sequence[Step], no_documents: bool, rule_in_force: bool,
               issue: _Issue) -> bool | None:
    """Whether the plan works: False when it cannot; None when what it rests on is not known
    (a lead time, the end of the stay, the documents, the rule on the filing day, or whether a
    pending application keeps the stay legal until a permit issued after it ends: not where
    the permit's rule says it does, to the issue day, ``issue.cover``). A condition the
    person can check themselves, with the day it comes to given (a passport against a permit
    term the pack does not know: with_passport_condition), is a step, as a lease of unknown
    lead time is: it leaves the verdict to the rest of the plan."""
    if cannot_work:
        return False
    if (end.shut or unknown or no_documents or (end.ends is None and stay_unknown)
            or not rule_in_force):
        return None
    if issue.after and not issue.covered:
        # whether a pending application keeps the stay legal is not known, or its cover
        # ends before the permit comes, and what the stay limit leaves after it is not judged
        return None
    return True


def verdict_words(notes: Sequence[str], filing: Filing, end: StayEnd, stay: StayReport,
                  steps: Sequence[Step], late: list[Step], unknown: list[Step],
                  no_documents: bool, rule_in_force: bool, issue: _Issue,
                  planned_end: dt.date | None, apply_on: dt.date | None, on: dt.date,
                  office: WorkingCalendar, planned_trip: PlannedTrip | None = None,
                  doubt: Sequence[Assumption] = (), end_rule: str | None = None) -> str:
    """The plan's verdict: its notes, what the steps' time allows, when the permit would be
    issued, and what the planned trips change (``planned_trip``: the one that sets
    ``planned_end``, where known). ``doubt``: the accounts of contested rules under which
    the plan's days may differ (PermitAnswer.in_doubt), named beside the stay's end where
    theirs is the rule that sets it (``end_rule``), else beside the day due."""
    permit, deadline, due, file_on = filing.permit, filing.deadline, filing.due, filing.file_on
    back = end.back
    # why the deadline is before the day counted to: the closed days between them
    due_closed = (why_closed(deadline + dt.timedelta(days=1), due, office)
                  if deadline is not None and due is not None and due != deadline else None)
    # the day back rests on the stay rules alone where an overstay's entry ban is not known
    alone = stay_rules_alone(stay.bans_unknown)
    kept_out = ((stay.host_name, back, stay.why_no_stay(),
                 stay.earliest_back(back, stay.host_name) + (f", {alone}" if alone else "")
                 if back else "")
                if end.shut and not end.over else None)
    return " ".join([*(f"Note: {n}." for n in notes),
                     verdict(permit.available, end.ends, deadline, file_on, late, unknown, on,
                             stay.answer.unknown, rule_in_force, end.over,
                             apply_on is None and deadline is None, kept_out, due_closed,
                             end.unregistered, permit.apply_days_before_stay_ends or 0,
                             filing.opened, no_documents, held_open(stay, end.ends),
                             under_accounts([a for a in doubt if a.rule == end_rule]),
                             under_accounts([a for a in doubt if a.rule != end_rule])),
                     *([issue_words(file_on, issue.issued, end.ends, issue.in_time, on, office,
                                  stay.held_open_by, issue.cover)]
                       if issue.issued else []),
                     # the first day the pack knows the permit, whether or not the filing
                     # day was moved on to it: a planned end before it leaves no day to file
                     *([planned(planned_end, file_on, on, office, steps, filing.opens,
                                planned_trip)]
                       if planned_end and permit.available and not end.over else [])])
