"""The plan for one permit rule: missing documents and dated steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sojourn.countries import country_name, fold_code
from sojourn.dates import format_long
from sojourn.errors import UsageError, shown
from sojourn.history import History
from sojourn.history.models import PAPERS
from sojourn.permits._answer import OtherPermitAccount, PermitAnswer, Step
from sojourn.permits._days import _calendar, _closed, _in_time_by, _issued, _start
from sojourn.permits._estimates import Estimate, _both, _estimate
from sojourn.permits._held import (
    PASSPORT,
    _held,
    _held_extension,
    _passport_ends_before,
    _ready_on,
    _renew_passport,
)
from sojourn.permits._legal_stay import LegalStay, legal_stay, legal_stay_ended
from sojourn.permits._rules import _first_known, _in_force_on, permit_rules_named
from sojourn.permits._verdict import (
    _cannot_file,
    _issue,
    _planned,
    _planned_closed,
    _verdict,
    no_permit_needed,
)
from sojourn.rules.loader import Pack
from sojourn.rules.select import applied_as, applies_to, other_accounts
from sojourn.stay import deciding_rules, low_confidence_note, working_calendar
from sojourn.words import a_document, document_name, held_permit, in_force, listed


def permit_plan(history: History, pack: Pack, *, country: str, permit_id: str, on: dt.date,
                apply_on: dt.date | None = None, citizenship: str | None = None,
                assume: tuple[str, ...] = (), legal: LegalStay | None = None,
                compare: bool = False) -> PermitAnswer:
    """Missing documents and dated steps for one permit rule of the pack. ``legal``: the
    person's legal stay in the host on ``on``, if the caller has judged it already. With
    ``compare``, the plan under each other account of a contested rule it relied on (of the
    permit or of the stay that sets its deadline) is given beside it, as status gives its
    answers: a caseworker must see when another reading moves the filing day, or has the
    person over the limit already."""
    rule = pack.rule(permit_id)
    host = fold_code(country)
    if rule is None or rule.topic != "permit" or rule.host != host:
        raise UsageError(f"--permit {shown(permit_id)} is not a permit rule for {host}; "
                         f"{permit_rules_named(pack, host, on=on)}")
    if apply_on is not None and apply_on < on:
        raise UsageError(f"--apply-on {apply_on} is before the day judged, {on}: a plan is for "
                         f"filing from that day on; to plan as of {apply_on}, give --on "
                         f"{apply_on}")
    if legal is None:
        legal = legal_stay(history, pack, country=host, on=on, citizenship=citizenship,
                           assume=assume)
    stay, planned_end = legal.report, legal.planned_end
    if stay.own_citizen:
        applied, _ = applied_as(rule, assume)
        reason = no_permit_needed(stay, host)
        return PermitAnswer(on, host, applied, (), stay, None, None, None, None, None, None,
                            (), (), (), (), None,
                            f"{reason[0].upper()}{reason[1:]}; no plan is made.",
                            stay.citizenship)
    cit = stay.citizenship
    assert cit is not None  # the pack's rules judge a citizenship, given or held
    if not applies_to(rule, cit):
        # what the host asks of other citizens is not in the rule: planning by it would guess
        ruled = [c for c in history.citizenships if c != cit and applies_to(rule, c)]
        hint = (f"; to plan it for the other citizenship you hold: --citizenship {ruled[0]}"
                if ruled else "")
        raise UsageError(f"--permit {rule.id} is a permit rule for citizens of "
                         f"{listed([country_name(c) for c in rule.citizenships])}, not of "
                         f"{country_name(cit)}, the citizenship judged; "
                         f"{permit_rules_named(pack, host, cit, on)}{hint}")
    extension = (_held_extension(history, stay.answer, host)
                 if rule.permit is not None and rule.permit.kind == "extension" else None)
    if extension is not None:
        applied, _ = applied_as(rule, assume)
        words = held_permit(extension.kind, country_name(host), extension.valid_from,
                            extension.valid_to)
        return PermitAnswer(on, host, applied, (), stay, stay.answer.latest_exit, None, None,
                            None, None, None, (), (), (), (), None,
                            f"{words[0].upper()}{words[1:]} is for the stay under way "
                            f"(entered {format_long(stay.answer.entered or on)}), and it is "
                            "granted once per entry: no plan is made.",
                            held_extension=words)
    ends = stay.answer.latest_exit
    if stay.answer.max_stay_days is None and stay.answer.unknown is None:
        ends = None  # no limit: no deadline from the stay
    shut = stay.answer.max_stay_days == 0
    over = shut and stay.answer.present
    unregistered = None  # over because a registration deadline passed: that registration
    if over:
        ends, unregistered = legal_stay_ended(stay.answer)
    elif shut:  # away, and no stay may begin on the query day: there is none to file from
        ends = None
    # kept out: no filing before the earliest day back (if any), from a stay then
    back = stay.answer.earliest_entry if shut and not over else None
    notes: list[str] = []
    if host in history.citizenships:
        notes.append(f"judged as a citizen of {country_name(stay.citizenship or '?')}; as a "
                     f"citizen of {country_name(host)}, which you also hold, you would need "
                     "no permit")
    issuers = {"host": host, **({"citizenship": stay.citizenship} if stay.citizenship else {})}
    office = working_calendar(host, pack)
    home = working_calendar(issuers.get("citizenship"), pack)
    opens, opens_by = _first_known(pack, rule, cit)
    opened: dt.date | None = None  # the filing day was moved on to ``opens``
    for _ in range(2):  # the filing day may fall under another rule of the same permit
        applied, assumed = applied_as(rule, assume)
        assumptions = () if assumed is None else (assumed,)
        permit = applied.permit
        assert permit is not None  # the schema requires it under topic permit
        before = permit.apply_days_before_stay_ends or 0
        # A day counted to is a working day of the host's offices, or the one before it.
        due = ends - dt.timedelta(days=before) if ends else None
        deadline = office.working_day_by(due) if due else None
        counted: dt.date | None
        ready_estimate: Estimate = ()  # why ``counted`` is an estimate, counted forward to
        if apply_on is not None:  # the first day the person can file: on or after it
            counted, file_on = apply_on, office.working_day_from(apply_on)
        elif deadline is not None:
            counted, file_on = due, deadline
        else:  # no deadline: the first working day every step begun today allows
            counted, file_on, ready_estimate = _ready_on(
                history, permit.requirements, on, back or on, issuers, office, home)
        if file_on < opens:
            # No rule of the pack says what the permit asked for before then (it may not have
            # existed): a plan under a rule not yet in force would guess, so none is filed
            # before its first day, and a deadline before that day cannot be met.
            if apply_on is None and deadline is None:
                counted, file_on, ready_estimate = _ready_on(
                    history, permit.requirements, on, opens, issuers, office, home)
            else:
                counted, file_on, ready_estimate = opens, office.working_day_from(opens), ()
            opened = opens
            why_later = (f"the pack knows {permit.name} only from {format_long(opens)} "
                         f"({opens_by}), so the plan files no earlier")
            if why_later not in notes:  # the loop may come here again with the successor
                notes.append(why_later)
        successor = _in_force_on(pack, rule, file_on, cit)
        if successor is None:
            # A last_seen end is the latest extension reported, not a known end: the rule
            # may still hold, so the note says the pack does not know it then.
            known = "known to be " if applied.last_seen else ""
            span = in_force(applied.valid_from, applied.valid_to, last_seen=applied.last_seen)
            notes.append(f"no rule of the pack for this permit is {known}in force on "
                         f"{format_long(file_on)}: {rule.id} is {span}; what it needs then "
                         "is unknown")
            break
        if successor.id == rule.id:
            break
        last = (office.working_day_by(applied.valid_to)
                if applied.valid_to is not None and applied.valid_to < file_on else None)
        if (apply_on is None and permit.available and last is not None and last >= on
                and successor.permit is not None and not successor.permit.available):
            # Refused from a known day: the application is due before it, not on the last
            # day of the stay, when no plan could work.
            notes.append(f"{successor.id} records this permit refused from "
                         f"{format_long(successor.valid_from)}, so the application is due "
                         f"before that day")
            deadline = file_on = last
            due = counted = applied.valid_to
            break
        notes.append(f"{rule.id} is not in force on {format_long(file_on)}; {successor.id} is")
        rule = successor
    assert permit is not None
    # why the deadline is before the day counted to: the closed days between them
    due_closed = (_closed(deadline + dt.timedelta(days=1), due, office)
                  if deadline is not None and due is not None and due != deadline else None)
    papers = [r for r in permit.requirements if r.document in PAPERS]
    held = tuple(r for r in papers if _held(history, r, file_on, issuers))
    missing = tuple(r for r in papers if r not in held)
    prepare = tuple(r for r in permit.requirements if r.document not in PAPERS)
    # the planned trips end the stay before the filing day: the last working day to file
    # during it, which each step is counted back from too
    planned_file = (office.working_day_by(planned_end)
                    if planned_end and permit.available and not over else None)
    if planned_file is not None and not max(on, opens) <= planned_file < file_on:
        planned_file = None  # none before the day judged, nor before the pack knows the permit
    moved_file = counted if counted is not None and counted != file_on else None
    # the filing day moved over closed days (back to the deadline, or on to the first day
    # open) from a day that may be an estimate itself, and the last day to file during the
    # stay as planned, moved back to a working day
    file_estimate = _both(ready_estimate, _estimate(file_on, moved_file, office))
    planned_estimate = (_estimate(planned_file, planned_end if planned_end != planned_file
                                  else None, office) if planned_file is not None else ())
    steps: list[Step] = []
    for req in permit.requirements:
        if req in held:
            continue
        calendar = _calendar(req, office, home)
        start = moved = why = planned_start = planned_why = None
        estimate: Estimate = ()
        planned: Estimate = ()
        if req.lead_days is not None:
            start, moved, why, estimate = _start(file_on, req, calendar, file_estimate)
            if planned_file is not None:
                planned_start, _, planned_why, planned = _start(planned_file, req, calendar,
                                                                planned_estimate)
        steps.append(Step(f"get {a_document(req.document)}", req.document, req.lead_days,
                          req.lead_unit, start, None if start is None else start < on, req.how,
                          moved, why, planned_start, planned_why, estimate=estimate,
                          planned_estimate=planned))
    closed = None
    if moved_file is not None:  # the days passed, back to the deadline or on to the first day
        closed = (_closed(file_on + dt.timedelta(days=1), moved_file, office)
                  if moved_file > file_on else
                  _closed(moved_file, file_on - dt.timedelta(days=1), office))
    steps.append(Step("file the application", None, permit.processing_days,
                      permit.processing_unit, file_on, file_on < on, None, moved_file, closed,
                      planned_file, _planned_closed(planned_end, planned_file, office),
                      estimate=file_estimate, planned_estimate=planned_estimate))
    if closed and apply_on:
        notes.append(f"{closed}, so the first day you can file is {format_long(file_on)}")
    late = [s for s in steps if s.too_late]
    # Documents a profile can show are judged; other preparations (forms, photos, funds) with
    # no known lead time are listed but do not make the plan unknown.
    unknown = [s for s in steps if s.document in PAPERS and s.lead_days is None]
    # a permit whose sources name no document at all: "every step can start in time" would
    # judge no step, and read as a plan that works
    no_documents = not permit.requirements
    early = back is not None and file_on < back  # kept out until then: no stay to file from
    # A plan that cannot work has no issue day: the application would not be accepted.
    infeasible = bool(not permit.available or late or over or (shut and back is None) or early
                      or (deadline is not None and file_on > deadline))
    if infeasible:
        why_not = _cannot_file(
            None if permit.available else applied, ends if over else None,
            (stay.host_name, back) if shut and not over else None,
            deadline if deadline is not None and (deadline < on or file_on > deadline) else None,
            file_on, opened, late)
        steps[-1] = replace(steps[-1], start_by=None, too_late=None, moved_from=None,
                            closed=None, planned_start_by=None, planned_closed=None,
                            cannot_file=why_not, estimate=(), planned_estimate=())
    issued = after = in_time = None
    in_time_estimate: Estimate = ()
    if not infeasible and permit.processing_days is not None:
        issued = _issued(file_on, permit.processing_days, permit.processing_unit, office)
        if ends is not None:
            after = issued > ends
        if after:
            assert ends is not None
            in_time, in_time_estimate = _in_time_by(ends, permit.processing_days,
                                                    permit.processing_unit, office)
            if deadline is not None and deadline < in_time:
                in_time = deadline
                in_time_estimate = _estimate(deadline, due if due != deadline else None,
                                             office)
            if in_time < on:
                in_time = None  # no filing day from the query day on brings it in time
                in_time_estimate = ()
    # the filing and the permit need a valid passport: one that ends before the permit would
    # be issued (or before the filing day) is renewed first, a step with no known lead time
    passport_ends = None
    if not infeasible:
        passport_ends = _passport_ends_before(history, issuers.get("citizenship"),
                                              issued or file_on)
    if passport_ends is not None:
        notes.append(_renew_passport(passport_ends, on, file_on, issued, applied.id, permit))
        if not any(s.document == PASSPORT for s in steps):
            steps.insert(-1, Step(f"renew your {document_name(PASSPORT)}", PASSPORT, None,
                                  "calendar", None, None, None))
            unknown.append(steps[-2])
    rule_in_force = _in_force_on(pack, rule, file_on, cit) is not None
    feasible: bool | None
    if infeasible:
        feasible = False
    elif (shut or unknown or no_documents or (ends is None and stay.answer.unknown)
          or not rule_in_force):
        feasible = None
    elif after:
        feasible = None  # whether a pending application keeps the stay legal is not known
    else:
        feasible = True
    # the permit's rule sets the documents and lead times, the stay's deciding rules the day
    # the legal stay ends, which the plan counts back from: said after the steps, of them all
    low = low_confidence_note((applied, *stay.rules), [applied.id, *deciding_rules(stay.answer)])
    verdict = " ".join([*(f"Note: {n}." for n in notes),
                        _verdict(permit.available, ends, deadline, file_on, late, unknown, on,
                                 stay.answer.unknown, rule_in_force, over,
                                 apply_on is None and deadline is None,
                                 (stay.host_name, back, stay.why_no_stay(),
                                  stay.earliest_back(back, stay.host_name) if back else "")
                                 if shut and not over else None,
                                 due_closed, unregistered, before, opened, no_documents),
                        *([_issue(file_on, issued, ends, in_time, on, office)]
                          if issued else []),
                        *([_planned(planned_end, file_on, on, office, steps, opened)]
                          if planned_end and permit.available and not over else [])])
    others: list[OtherPermitAccount] = []
    if compare:
        for variant, picks in other_accounts(pack, (*assumptions, *stay.assumptions), assume):
            other = permit_plan(history, pack, country=country, permit_id=permit_id, on=on,
                                apply_on=apply_on, citizenship=citizenship, assume=picks)
            others.append(OtherPermitAccount(
                variant, other.legal_stay_ends, other.apply_on, other.feasible,
                tuple(r.document for r in other.missing), on))
    return PermitAnswer(on, host, applied, assumptions, stay, ends, planned_end, file_on,
                        issued, after, in_time, missing, held, prepare, tuple(steps), feasible,
                        verdict, chosen=apply_on is not None, planned_file_by=planned_file,
                        other_accounts=tuple(others), notes=(*notes, *low),
                        later_notes=tuple(low), opens_on=opened,
                        due_by=deadline, rule_in_force=rule_in_force,
                        passport_ends=passport_ends, in_time_estimate=in_time_estimate)
