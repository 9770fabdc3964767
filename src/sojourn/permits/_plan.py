"""The plan for one permit rule, as an outline of what it decides in turn: the rule and the
stay it plans for, the filing day, the steps, whether it can work, and its verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from sojourn.countries import country_name, fold_code
from sojourn.dates import format_long
from sojourn.errors import UsageError, did_you_mean, option_told
from sojourn.history import History
from sojourn.history.models import PAPERS, ApplicationIn, PermitIn
from sojourn.permits._answer import LeadUnsure, OtherPermitAccount, PermitAnswer
from sojourn.permits._filing import decide_filing, issuing_offices, stay_end
from sojourn.permits._held import (
    beyond_permit,
    held_extension,
    passport_ends_before,
    renew_passport,
)
from sojourn.permits._legal_stay import LegalStay, legal_stay
from sojourn.permits._outcome import (
    NOT_ISSUED,
    no_plan_can_work,
    plan_works,
    verdict_words,
    when_issued,
    why_no_day_to_file,
)
from sojourn.permits._renewal import applying_anew, held_of_kind
from sojourn.permits._rules import (
    in_force_on,
    no_permit_rules,
    other_leads,
    permit_host,
    permit_rules_named,
)
from sojourn.permits._steps import (
    add_passport_renewal,
    documents,
    last_day_to_file_as_planned,
    plan_steps,
    with_passport_condition,
    without_a_day_to_file,
)
from sojourn.permits._verdict import held_open, no_permit_needed, passport_lasts
from sojourn.rules.loader import Pack
from sojourn.rules.schema import Rule
from sojourn.rules.select import Assumption, applied_as, applies_to, other_accounts
from sojourn.stay import (
    StayReport,
    application_name,
    deciding_rules,
    filed_under,
    judged_citizenship,
    low_confidence_note,
    resolve_host,
)
from sojourn.words import held_permit, listed, sentence


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
    history.check_born_by(on)  # as status does: a day before the birth is no question
    host = fold_code(country)
    rule = _permit_rule(pack, permit_id, host, on, assume,
                        lambda: choosing_for(history, pack, host, on, citizenship))
    if apply_on is not None and apply_on < on:
        raise UsageError(option_told("--apply-on", apply_on.isoformat(),
                                     f"is before the day judged, {on}: a plan is for filing "
                                     "from that day on",
                                     f"a day on or after {on}, or --on {apply_on} to plan as "
                                     "of that day"))
    if legal is None:
        legal = legal_stay(history, pack, country=host, on=on, citizenship=citizenship,
                           assume=assume)
    stay, planned_end, planned_trip = legal.report, legal.planned_end, legal.planned_trip
    if stay.own_citizen:
        return _citizen_answer(rule, assume, stay, host, on)
    cit = stay.citizenship
    assert cit is not None  # the pack's rules judge a citizenship, given or held
    _check_rule_is_for(rule, cit, history, pack, host, on, assume)
    extension = (held_extension(history, stay.answer, host)
                 if rule.permit is not None and rule.permit.kind == "extension" else None)
    if extension is not None:
        return _extension_held_answer(rule, assume, stay, host, on, extension)
    filed = filed_already(history, rule, host, on)
    if filed is not None:
        answer = _filed_answer(pack, rule, assume, stay, host, on, filed)
        # whether it was filed in time may rest on a contested account of the permit's
        # deadline (PermitAnswer.rests_on): the others are weighed as a plan's are
        if compare and answer.rests_on:
            answer = replace(answer, other_accounts=_other_accounts(
                history, pack, country, permit_id, on, apply_on, citizenship,
                stay.assumptions, assume))
        return answer

    end = stay_end(stay.answer)
    notes = _other_citizenship_notes(history, stay, host)
    offices = issuing_offices(host, stay.citizenship, pack)
    filing = decide_filing(history, pack, rule, cit, assume, on, apply_on, end, offices, notes)
    applied, permit, file_on = filing.applied, filing.permit, filing.file_on
    # a permit of the kind the person holds there: renewing the one held is the other route,
    # whose day to file the report lists apart; said, lest the two read as one permit twice
    held_same = held_of_kind(history, pack, cit, on, host, permit.kind)
    if held_same is not None:
        notes.append(applying_anew(held_same, on))

    held, missing, prepare = documents(history, pack, permit, file_on, offices.issuers)
    planned_file = last_day_to_file_as_planned(planned_end, filing, end.over, on,
                                               offices.office)
    steps = plan_steps(filing, held, planned_end, planned_file, on, offices)
    if steps[-1].closed and apply_on:
        notes.append(f"{steps[-1].closed}, so the first day you can file is "
                     f"{format_long(file_on)}")
    late = [s for s in steps if s.too_late]
    # Documents a profile can show are judged; other preparations (forms, photos, funds) with
    # no known lead time are listed but do not make the plan unknown.
    unknown = [s for s in steps if s.document in PAPERS and s.lead_days is None]
    # a permit whose sources name no document at all: "every step can start in time" would
    # judge no step, and read as a plan that works
    no_documents = not permit.requirements

    cannot_work = no_plan_can_work(filing, end, late)
    if cannot_work:
        steps[-1] = without_a_day_to_file(
            steps[-1], why_no_day_to_file(filing, end, stay.host_name, on, late))
    issue = (NOT_ISSUED if cannot_work else
             when_issued(filing, end.ends, on, stay.answer.entered, offices.office))
    # the filing and the permit need a valid passport: one that ends before the permit would
    # be issued (or before the filing day), or before the days the rule wants it valid from
    # the filing day, is renewed first, a step with no known lead time
    # ... or before the time the rule wants it valid beyond the permit's last day, counted
    # from the permit's first day: a term is the longest the permit is issued for, so a
    # passport short of it gets a permit cut short, said in the verdict, not a renewal
    state = offices.issuers.get("citizenship")
    beyond = None if cannot_work else beyond_permit(history, pack, permit, applied.id, state,
                                                    file_on, issue.issued)
    passport_end = None if cannot_work else passport_ends_before(
        history, pack, permit, state, file_on, issue.issued, beyond)
    if passport_end is not None:
        notes.append(renew_passport(passport_end, on, file_on, issue.issued, applied.id,
                                    permit, beyond))
        add_passport_renewal(steps, unknown, passport_end.document)
    # a passport held that may not outlast a permit of a term the pack does not know: a step
    # to check, with the longest permit it allows; the person can check it against the term
    # they are given, so it does not make the plan Unknown (a passport that cannot carry
    # any permit is renewed first, above, and that does)
    if beyond is not None:
        with_passport_condition(steps, beyond)
    rule_in_force = in_force_on(pack, filing.rule, file_on, cit) is not None
    feasible = plan_works(cannot_work, end, stay.answer.unknown, unknown, no_documents,
                          rule_in_force, issue)

    # the permit's rule sets the documents and lead times, the stay's deciding rules the day
    # the legal stay ends, which the plan counts back from: said after the steps, of them all
    low = low_confidence_note((applied, *stay.rules), [applied.id, *deciding_rules(stay.answer)])
    # a deadline counted to the stay's last day, where the host asks its other permits some
    # days before: which holds for this one the pack does not say, and it may come sooner
    leads = (other_leads(pack, filing.rule, file_on, cit)
             if filing.deadline is not None and end.ends is not None and not end.over
             else None)
    lead_unsure = None
    if leads is not None and end.ends is not None:
        days, by = leads
        asking = tuple(applied_as(rule, assume)[0] for rule in map(pack.rule, by) if rule)
        lead_unsure = LeadUnsure(days, asking, offices.office.working_day_by(
            end.ends - dt.timedelta(days=days)))
    others = (_other_accounts(history, pack, country, permit_id, on, apply_on, citizenship,
                              (*filing.assumptions, *stay.assumptions), assume)
              if compare else ())
    answer = PermitAnswer(on, host, applied, filing.assumptions, stay, end.ends, planned_end,
                          file_on, issue.issued, issue.after, issue.in_time, missing, held,
                          prepare, tuple(steps), feasible, "", chosen=apply_on is not None,
                          planned_file_by=planned_file, other_accounts=others,
                          notes=(*notes, *low), later_notes=tuple(low), opens_on=filing.opened,
                          due_by=filing.deadline, rule_in_force=rule_in_force,
                          passport_ends=passport_end.last_day if passport_end else None,
                          passport_lapse=passport_end.lapse if passport_end else None,
                          in_time_estimate=issue.in_time_estimate,
                          lead_unsure=lead_unsure, beyond_permit=beyond,
                          planned_trip=planned_trip, held_same=held_same,
                          pending_cover=issue.cover)
    # the days the verdict gives, under the account assumed of a contested rule they rest
    # on, where another account gives other days (answer.in_doubt, weighed against
    # ``others``): named beside them, as a report's deadline names it, lest they read as
    # settled (the warning after the rules is read apart, if at all)
    verdict = verdict_words(notes, filing, end, stay, steps, late, unknown, no_documents,
                            rule_in_force, issue, planned_end, apply_on, on, offices.office,
                            planned_trip, answer.in_doubt(), answer.legal_end_rule)
    if beyond is not None and passport_end is None and passport_lasts(beyond):
        verdict += f" {passport_lasts(beyond)}"
    if lead_unsure is not None:
        verdict += f" {lead_unsure.words(stay.host_name, on)}."
    return replace(answer, verdict=verdict)


def choosing_for(history: History, pack: Pack, host: str, on: dt.date,
                 citizenship: str | None) -> str | None:
    """The citizenship whose permit rules ``--permit`` is offered from in ``host`` on ``on``:
    the one a plan would judge (``citizenship``, as --citizenship gives it, else the one
    status judges the profile's holder under), as a rule for another citizenship is refused
    (_check_rule_is_for). None where none is named (a CSV history without --citizenship), or
    the person is judged a citizen of the host (or of a zone member judged with it), who needs
    no permit: then every rule of the host is offered, as before a citizenship is known."""
    if citizenship is None and not history.citizenships:
        return None
    code = citizenship or judged_citizenship(history, pack, host, on)
    _, members, _ = resolve_host(pack, host, on)
    return None if any(m.country == code for m in members) else code


def _permit_rule(pack: Pack, permit_id: str, host: str, on: dt.date,
                 assume: tuple[str, ...], whose: Callable[[], str | None]) -> Rule:
    """The rule ``permit_id`` names, refused unless it is a permit rule for ``host`` (or for
    the zone it is judged as part of on ``on``: permit_host); the refusal names the host's
    permit rules for the citizenship judged (``whose``, asked only then: choosing_for), as a
    missing --permit does: every rule of the host, those for other citizens among them, read
    as choices for this person."""
    rule = pack.rule(permit_id)
    where = permit_host(pack, host, on)
    if rule is None or rule.topic != "permit" or rule.host != where:
        # a host with no permit rules has none for any citizenship to choose from
        cit = whose() if no_permit_rules(pack, host, on) is None else None
        rules = [r for r in pack.rules if r.topic == "permit" and r.host == where]
        ids = [r.id for r in rules]
        # a near name of another citizenship's rule only where none of theirs is near
        theirs = [r.id for r in rules if cit is None or applies_to(r, cit)]
        close = did_you_mean(permit_id, theirs) or did_you_mean(permit_id, ids)
        for_whom = f" for citizens of {country_name(cit)}" if cit else ""
        raise UsageError(option_told("--permit", permit_id,
                                     f"is not a permit rule for {host}{close}",
                                     f"a permit rule id of {host}{for_whom}; "
                                     f"{permit_rules_named(pack, host, cit, on, assume)}"))
    return rule


def _citizen_answer(rule: Rule, assume: tuple[str, ...], stay: StayReport, host: str,
                    on: dt.date) -> PermitAnswer:
    """The answer for a person judged as a citizen of the host: no permit, no plan."""
    applied, _ = applied_as(rule, assume)
    reason = no_permit_needed(stay, host)
    return PermitAnswer(on, host, applied, (), stay, None, None, None, None, None, None,
                        (), (), (), (), None,
                        f"{sentence(reason)}; no plan is made.",
                        stay.citizenship)


def _check_rule_is_for(rule: Rule, citizenship: str, history: History, pack: Pack, host: str,
                       on: dt.date, assume: tuple[str, ...]) -> None:
    """Refuse a rule for other citizens than the one judged, naming the host's rules for it
    and another citizenship the person holds that the rule is for."""
    if applies_to(rule, citizenship):
        return
    # what the host asks of other citizens is not in the rule: planning by it would guess
    ruled = [c for c in history.citizenships if c != citizenship and applies_to(rule, c)]
    hint = (f"; to plan it for the other citizenship you hold: --citizenship {ruled[0]}"
            if ruled else "")
    named = permit_rules_named(pack, host, citizenship, on, assume)
    raise UsageError(option_told("--permit", rule.id,
                                 "is a permit rule for citizens of "
                                 f"{listed([country_name(c) for c in rule.citizenships])}, not "
                                 f"of {country_name(citizenship)}, the citizenship judged",
                                 f"a permit rule id of {host} for citizens of "
                                 f"{country_name(citizenship)}; "
                                 f"{named}{hint}"))


def _extension_held_answer(rule: Rule, assume: tuple[str, ...], stay: StayReport, host: str,
                           on: dt.date, extension: PermitIn) -> PermitAnswer:
    """The answer for an extension of stay the profile holds for the stay under way: granted
    once per entry, it is not planned again."""
    applied, _ = applied_as(rule, assume)
    words = held_permit(extension.kind, country_name(host), extension.valid_from,
                        extension.valid_to)
    return PermitAnswer(on, host, applied, (), stay, stay.answer.latest_exit, None, None,
                        None, None, None, (), (), (), (), None,
                        f"{sentence(words)} is for the stay under way "
                        f"(entered {format_long(stay.answer.entered or on)}), and it is "
                        "granted once per entry: no plan is made.",
                        held_extension=words)


def filed_already(history: History, rule: Rule, host: str, on: dt.date
                  ) -> ApplicationIn | None:
    """The profile's application for the permit of ``rule`` in ``host``, filed by ``on`` and
    not refused by then: pending, or granted. A refused one leaves a new filing to plan."""
    profile = history.profile
    return next((a for a in (profile.applications if profile else ())
                 if a.country == host and a.filed_on <= on and filed_under(rule, a)
                 and not (a.outcome == "refused" and a.decided_on is not None
                          and a.decided_on <= on)), None)


def _filed_answer(pack: Pack, rule: Rule, assume: tuple[str, ...], stay: StayReport,
                  host: str, on: dt.date, filed: ApplicationIn) -> PermitAnswer:
    """The answer for a permit the profile has applied for already: the filing is not planned
    again; the application is told, pending or granted."""
    applied, _ = applied_as(rule, assume)
    decided = filed.decided_on
    pending = decided is None or decided > on
    state = ("is not yet decided" if pending or decided is None else
             f"was granted on {format_long(decided)}")
    words = f"{application_name(filed, pack)}, {state}"
    # the stay it (or another application) holds open, as status says it: the legal stay's
    # end is the limit's only were it refused
    held = held_open(stay, stay.answer.latest_exit)
    # filed past the day the rule had it due, as status says it (the account that day rests
    # on, and the other's): "Filed already" read as a filing made in time
    cover = next((c for c in stay.applications if c.application == filed), None)
    late = cover.past_due_words if cover is not None else None
    # in time under the account assumed only: another (the default) has it late
    in_time = cover.in_time_words if cover is not None else None
    said = (f"{sentence(late)}; no plan is made for it again." if late is not None else
            f"{sentence(words)}: the filing is made, and no plan is made for it again."
            + (f" {sentence(in_time)}." if in_time else ""))
    due = cover.contested_due if cover is not None else None
    return PermitAnswer(on, host, applied, (), stay, stay.answer.latest_exit, None, None,
                        None, None, None, (), (), (), (), None,
                        said + (f" {held}." if held else ""),
                        pending_application=words, filed_late=late is not None,
                        filed_under_contested=due.rule if due is not None else None)


def _other_citizenship_notes(history: History, stay: StayReport, host: str) -> list[str]:
    """The plan's first notes: that the person also holds the host's citizenship, and would
    need no permit as its citizen."""
    if host not in history.citizenships:
        return []
    return [f"judged as a citizen of {country_name(stay.citizenship or '?')}; as a citizen of "
            f"{country_name(host)}, which you also hold, you would need no permit"]


def _other_accounts(history: History, pack: Pack, country: str, permit_id: str, on: dt.date,
                    apply_on: dt.date | None, citizenship: str | None,
                    relied: tuple[Assumption, ...], assume: tuple[str, ...]
                    ) -> tuple[OtherPermitAccount, ...]:
    """The plan under each other account of the contested rules ``relied`` on, in brief."""
    others: list[OtherPermitAccount] = []
    for variant, picks in other_accounts(pack, relied, assume):
        other = permit_plan(history, pack, country=country, permit_id=permit_id, on=on,
                            apply_on=apply_on, citizenship=citizenship, assume=picks)
        others.append(OtherPermitAccount(
            variant, other.legal_stay_ends, other.apply_on, other.feasible,
            tuple(r.document for r in other.missing), on, other.days,
            other.stay.held_open_by, other.filed_late,
            next((v.first_day for v in other.stay.answer.violations
                  if v.last_day >= on), None) if other.filed_late else None))
    return tuple(others)
