"""The steps of a permit plan: the documents the profile holds on the filing day, one step for
each missing one, counted back from the filing day (and from the last day to file during the
stay as planned), then the filing itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sojourn.dates import WorkingCalendar
from sojourn.history import History
from sojourn.history.models import PAPERS
from sojourn.permits._answer import Step
from sojourn.permits._days import latest_start, step_calendar, why_closed
from sojourn.permits._estimates import Estimate, both, working_days_estimate
from sojourn.permits._filing import Filing, Offices
from sojourn.permits._held import BeyondPermit, is_held
from sojourn.permits._verdict import planned_closed
from sojourn.rules.loader import Pack
from sojourn.rules.topics import Permit, Requirement
from sojourn.words import a_document, document_name


def documents(history: History, pack: Pack, permit: Permit, file_on: dt.date,
              issuers: dict[str, str]) -> tuple[tuple[Requirement, ...], tuple[Requirement, ...],
                         tuple[Requirement, ...]]:
    """The papers the profile holds on the filing day, those it lacks, and the other
    preparations (forms, photos, funds), which a profile cannot show."""
    papers = [r for r in permit.requirements if r.document in PAPERS]
    held = tuple(r for r in papers if is_held(history, pack, r, file_on, issuers))
    missing = tuple(r for r in papers if r not in held)
    prepare = tuple(r for r in permit.requirements if r.document not in PAPERS)
    return held, missing, prepare


def last_day_to_file_as_planned(planned_end: dt.date | None, filing: Filing, over: bool,
                                  on: dt.date, office: WorkingCalendar) -> dt.date | None:
    """The last working day to file during the stay when the planned trips end it
    (``planned_end``) before the filing day: each step is counted back from it too."""
    planned_file = (office.working_day_by(planned_end)
                    if planned_end and filing.permit.available and not over else None)
    if planned_file is not None and not max(on, filing.opens) <= planned_file < filing.file_on:
        return None  # none before the day judged, nor before the pack knows the permit
    return planned_file


def plan_steps(filing: Filing, held: tuple[Requirement, ...], planned_end: dt.date | None,
               planned_file: dt.date | None, on: dt.date, offices: Offices) -> list[Step]:
    """A step for each requirement not ``held``, the last day to start it counted back from
    the filing day (and from ``planned_file``, the last day to file as planned), then the
    filing itself."""
    office, file_on, counted = offices.office, filing.file_on, filing.counted
    moved_file = counted if counted is not None and counted != file_on else None
    # the filing day moved over closed days (back to the deadline, or on to the first day
    # open) from a day that may be an estimate itself, and the last day to file during the
    # stay as planned, moved back to a working day
    file_estimate = both(filing.ready_estimate, working_days_estimate(file_on, moved_file, office))
    planned_estimate = (working_days_estimate(planned_file,
                                              planned_end if planned_end != planned_file else None,
                                              office) if planned_file is not None else ())
    steps = [_document_step(req, step_calendar(req, office, offices.home), file_on, file_estimate,
                            planned_file, planned_estimate, on)
             for req in filing.permit.requirements if req not in held]
    closed = None
    if moved_file is not None:  # the days passed, back to the deadline or on to the first day
        closed = (why_closed(file_on + dt.timedelta(days=1), moved_file, office)
                  if moved_file > file_on else
                  why_closed(moved_file, file_on - dt.timedelta(days=1), office))
    permit = filing.permit
    steps.append(Step("file the application", None, permit.processing_days,
                      permit.processing_unit, file_on, file_on < on, None, moved_file, closed,
                      planned_file, planned_closed(planned_end, planned_file, office),
                      estimate=file_estimate, planned_estimate=planned_estimate))
    return steps


def _document_step(req: Requirement, calendar: WorkingCalendar, file_on: dt.date,
                   file_estimate: Estimate, planned_file: dt.date | None,
                   planned_estimate: Estimate, on: dt.date) -> Step:
    """The step of getting ``req``: the last day to start it to file on ``file_on``, and by
    ``planned_file`` if given; no day where its lead time is not known."""
    start = moved = why = planned_start = planned_why = None
    estimate: Estimate = ()
    planned: Estimate = ()
    if req.lead_days is not None:
        start, moved, why, estimate = latest_start(file_on, req, calendar, file_estimate)
        if planned_file is not None:
            planned_start, _, planned_why, planned = latest_start(planned_file, req, calendar,
                                                                  planned_estimate)
    return Step(f"get {a_document(req.document)}", req.document, req.lead_days, req.lead_unit,
                start, None if start is None else start < on, req.how, moved, why,
                planned_start, planned_why, estimate=estimate, planned_estimate=planned,
                note=req.note)


def without_a_day_to_file(filing_step: Step, why_not: str) -> Step:
    """The filing step of a plan that cannot work: why no day to file is given, its days left
    out, lest they read as a day to file by."""
    return replace(filing_step, start_by=None, too_late=None, moved_from=None, closed=None,
                   planned_start_by=None, planned_closed=None, cannot_file=why_not,
                   estimate=(), planned_estimate=())


def add_passport_renewal(steps: list[Step], unknown: list[Step], passport: str) -> None:
    """A step to renew the ``passport`` (a document type) before filing, with no known lead
    time (so among the ``unknown``), unless the permit's rule lists it as a step already."""
    if not any(s.document == passport for s in steps):
        steps.insert(-1, Step(f"renew your {document_name(passport)}", passport, None,
                              "calendar", None, None, None))
        unknown.append(steps[-2])


def with_passport_condition(steps: list[Step], beyond: BeyondPermit) -> None:
    """Say what the permit's rule wants of the passport beyond the permit's last day
    (``beyond``) on the step getting or renewing it, before the rule's own note, or, with the
    passport held and the permit's term (or the passport's end) unknown, as a step of its
    own, to check, before the filing, with the longest permit the passport allows."""
    at = next((i for i, s in enumerate(steps) if s.document == beyond.document), None)
    if at is not None:
        step = steps[at]
        steps[at] = replace(step, note="; ".join(
            n for n in (beyond.step_note(), step.note) if n))
        return
    if beyond.held is None or (beyond.term is not None and beyond.held_to is not None):
        # counted: it lasts, is cut short, or lasts if issued by a day the headline gives
        # (one that carries no permit is renewed, a step above); nothing left to check
        return
    held = beyond.allows() or "the profile gives no last day for it"
    steps.insert(-1, Step(f"check your {document_name(beyond.document)} against the "
                          "permit's term", beyond.document, None, "calendar", None, None,
                          None, check=f"it must be {beyond.step_note()}; {held}"))
