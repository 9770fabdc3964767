"""The stay whose registration an answer gives, and why the answer gives no deadline for it
when it gives none: said, so that a missing rule is not read as "none needed"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sojourn.countries import country_name, is_country
from sojourn.dates import WorkingCalendar, format_long
from sojourn.engine import Answer, MissedRegistration
from sojourn.engine.intervals import Span
from sojourn.engine.kinds import Registration
from sojourn.history import History
from sojourn.penalties import Offence
from sojourn.rules.select import Applied
from sojourn.rules.topics import StayRegistration
from sojourn.stay._presence import Member
from sojourn.stay._regimes import Regime
from sojourn.stay._report import OtherAccount


def registered_stay_entry(answer: Answer) -> dt.date | None:
    """The entry day of the stay whose registration the answer gives, as the engine picks
    it: the stay under way; for ``plan`` when away, the planned stay from its earliest entry;
    else a stay entered on the query day (none when no stay may begin then)."""
    if answer.present:
        return answer.entered
    if answer.length is not None:
        return answer.earliest_entry
    return None if answer.max_stay_days == 0 else answer.on


def unrecorded_registration(missed: MissedRegistration, host: str, *, in_part: bool) -> str:
    """What an overstay that rests on a registration deadline missed (``effect: extends``)
    owes to the history: "it rests on no registration being recorded by 16 March 2023
    (uz-registration-ru-15-days)", and how to record one made, in the profile's form. A CSV
    history records none, so every stay in it is judged unregistered: said, lest the
    overstay read as known. ``in_part``: a stay limit is broken on some of its days too."""
    rests = (f"{'in part ' if in_part else ''}on no registration being recorded for the stay by "
             f"{format_long(missed.by)} ({missed.rule})")
    # an ad-hoc regime (--rule) judges no one country: its code is the person's to give
    country, code = (host, "") if is_country(host) else ("CC", "CC the country's code, ")
    entry = (f"`{{country: {country}, on: DAY}}`, {code}DAY the day it was registered "
             "(YYYY-MM-DD)")
    if not missed.history_records:
        return (f"it rests {rests}, which a CSV history cannot record: if the stay was "
                f"registered by then, give the history as a profile (YAML) whose "
                f"registrations list it, {entry}, and ask again")
    return (f"it rests {rests}: if the stay was registered by then, add it to the "
            f"profile's registrations, {entry}, and ask again")


def registration_note(regime: Regime, answer: Answer, others: Sequence[OtherAccount],
                      cit: str, name: str, calendar: WorkingCalendar,
                      stay_open: bool, residence: Sequence[Span]) -> list[str]:
    """What the registration line leaves unsaid: why no deadline is given, when none is
    (:func:`_no_deadline_note`), and each registration rule that takes effect while the stay
    lasts, which is not applied to it (:func:`later_registration_rules`)."""
    return [*_no_deadline_note(regime, answer, others, cit, name, calendar, stay_open),
            *(_later_rule_note(rule, answer) for rule in
              later_registration_rules(regime, answer, residence))]


def _no_deadline_note(regime: Regime, answer: Answer, others: Sequence[OtherAccount],
                      cit: str, name: str, calendar: WorkingCalendar,
                      stay_open: bool) -> list[str]:
    """Why no registration deadline is given, when none is: the pack has no registration
    rule for the stay (whether one is needed is not known), its rule sets no duty, or the
    stay ends before the deadline (needing none, or, where the sources count the deadline
    from arrival only, with that left open). Said, so that a missing rule is not read as "none
    needed".
    Said of a stay over the limit too, as its deadline is given where a rule sets one: the
    person should leave now, but most hosts still have a stay registered while it lasts, and
    an unregistered overstay may be fined on its own (a Ukrainian over the limit in Kyrgyzstan
    was told nothing of registration, a Kazakh there was told his deadline was overdue)."""
    entry = registered_stay_entry(answer)
    rules = _registration_rules_in_force(regime, answer)
    if rules is None or entry is None:
        return []
    began = "begun" if answer.present else "beginning"
    if not rules:
        return [f"the rule pack has no registration rule for citizens of {country_name(cit)} in "
                f"{name} for a stay {began} on {format_long(entry)}: whether it must be "
                "registered is not known"]
    with_duty = [a for a in rules if any(isinstance(c, Registration) for c in a.constraints)]
    if not with_duty:
        # another account of the rule may set one for this very stay: say so where it does
        set_elsewhere = [o.variant for o in others if o.answer.register_by is not None]
        elsewhere = (f"; under --assume {' or --assume '.join(set_elsewhere)} it must be "
                     "registered (see below)" if set_elsewhere else "")
        # "no duty" may be read from the sources' silence: a low confidence is said in the
        # sentence that gives it, not in a note apart that reads as about another matter
        low = (" (a rule of low confidence: check its sources before acting on it)"
               if rules[0].confidence == "low" else "")
        return [f"{rules[0].id} sets no registration duty for a stay {began} on "
                f"{format_long(entry)}{low}{elsewhere}"]
    rule = with_duty[0]
    duty = next(c for c in rule.constraints if isinstance(c, Registration))
    by = duty.deadline(entry, calendar)
    # over the limit with no exit recorded, the engine judges the stay as left on the query
    # day, as the answer tells: it ends before the deadline only so, and staying on it has one
    leave_now = (f"if you leave on {format_long(answer.on)}, as you should, "
                 if stay_open and answer.max_stay_days == 0 else "")
    staying_on = (f"; staying on, it must be registered by {format_long(by)}"
                  if leave_now else "")
    if duty.short_stays == "exempt":
        if leave_now:
            return [f"{leave_now}this stay needs no registration: it ends before the deadline "
                    f"of {rule.id} ({format_long(by)}){staying_on}"]
        if stay_open and answer.latest_exit is not None:
            # No exit is recorded: the stay ends before the deadline only if the person leaves
            # by the latest exit, which a stay still going on need not do. That day is where
            # the pack's knowledge ends, not a limit, when the rules after it are unknown.
            last = ("the last day the rule pack knows the rules for"
                    if answer.limited_by == "unknown_rules" else "the last day the limits allow")
            return [f"if you leave by {format_long(answer.latest_exit)}, {last}, this stay needs "
                    "no registration: it ends before the deadline of "
                    f"{rule.id} ({format_long(by)})"]
        return [f"this stay needs no registration: it ends before the deadline of {rule.id}"]
    # ("required" never gets here: every stay has its deadline, in register_by)
    return [f"{leave_now}this stay ends before the deadline of {rule.id} ({format_long(by)}), "
            "which its sources count from arrival; whether a stay that ends sooner must still "
            f"be registered, they do not say{staying_on}"]


def no_registration_rule(regime: Regime, answer: Answer) -> bool:
    """Whether the answer gives no registration deadline for want of a registration rule in
    the pack in force on the stay's first day: whether one is needed is then not known, which
    is not "none needed" (a rule with no duty, or a stay ending before its deadline)."""
    return _registration_rules_in_force(regime, answer) == []


def _registration_rules_in_force(regime: Regime, answer: Answer) -> list[Applied] | None:
    """The registration rules in force on the first day of the stay whose registration the
    answer gives (registered_stay_entry), which decide it: a stay is judged by the rules of
    its first day. None where the answer has no word on registration beyond its deadline."""
    entry = registered_stay_entry(answer)
    if _registration_untold(answer) or entry is None:
        return None
    return [a for a in regime.applied if a.rule.topic == "registration" and a.in_force(entry)]


def _registration_untold(answer: Answer) -> bool:
    """Whether the answer has no word on registration beyond its deadline: one is given, no
    stay may begin (no stay to register: registered_stay_entry), or what judges the stay is
    not known. Not for a stay under way over the limit, nor for plan's stay when none may
    begin on the query day: the engine gives their deadline where a rule sets one."""
    return (answer.register_by is not None or registered_stay_entry(answer) is None
            or bool(answer.unknown and not answer.present))


def no_duty_rules(regime: Regime, answer: Answer) -> list[Applied]:
    """The registration rules that, in force on the stay's first day, set it no duty: they
    decide the answer's "no registration duty" as a deadline would, so a low confidence of
    theirs is said beside it (a duty inferred from silence is not a certainty)."""
    rules = _registration_rules_in_force(regime, answer) or []
    if any(isinstance(c, Registration) for a in rules for c in a.constraints):
        return []
    return rules


def later_registration_rules(regime: Regime, answer: Answer,
                             residence: Sequence[Span]) -> list[Applied]:
    """The registration rules that take effect after the first day of the stay whose
    registration the answer gives and by the last day it judges (the latest exit, the end of
    plan's stay, or the query day). None is applied to the stay, whose registration is judged
    by the rules of its first day, but each is told, so that a person there since before it is
    not left unaware of it. Not one that takes effect on a day a residence permit the profile
    records covers: a visitor's registration is no permit holder's duty (nor in the pack)."""
    entry = registered_stay_entry(answer)
    if entry is None:
        return []
    last = max(d for d in (answer.on, answer.latest_exit, answer.earliest_until) if d)
    return [a for a in regime.applied if a.rule.topic == "registration"
            and entry < a.valid_from <= last
            and not any(f <= a.valid_from.toordinal() <= z for f, z in residence)]


def registration_rules_relied_on(regime: Regime, answer: Answer,
                                 residence: Sequence[Span]) -> set[str]:
    """The registration rules the answer relies on: the one that sets its deadline, those in
    force on the first day of the stay whose registration it gives (which decide it, deadline
    or none), and those told as taking effect while it lasts. A rule in force only on other
    days of the history judges nothing the answer says."""
    entry = registered_stay_entry(answer)
    first = ([a.id for a in regime.applied if a.rule.topic == "registration"
              and a.in_force(entry)] if entry is not None else [])
    return {*([answer.register_by.rule] if answer.register_by else []), *first,
            *(a.id for a in later_registration_rules(regime, answer, residence))}


def _later_rule_note(rule: Applied, answer: Answer) -> str:
    """"kz-registration-online-30 (register within 30 days of entry) took effect on 1 July
    2026, during this stay, and is not applied to it: ..."."""
    duties = [c.label for c in rule.constraints if isinstance(c, Registration)]
    asks = "; ".join(duties) or "no registration duty"
    took = "took" if rule.valid_from <= answer.on else "takes"
    return (f"{rule.id} ({asks}) {took} effect on {format_long(rule.valid_from)}, during this "
            "stay, and is not applied to it: the pack judges a stay's registration by the rules "
            "in force on its first day")


def lapsed_registration_note(history: History, members: Sequence[Member], answer: Answer,
                             name: str) -> list[str]:
    """A registration the profile records for the stay under way that ended (``until``)
    before the query day, with none made since still running: the pack's registration rules
    give a deadline counted from entry alone, so the line above reads "done", and a client
    whose registration ran out read nothing of it. Said, with what the pack does not know."""
    profile = history.profile
    if profile is None or not answer.present or answer.entered is None:
        return []
    codes = {m.country for m in members}
    made = [r for r in profile.registrations
            if r.country in codes and answer.entered <= r.on <= answer.on]
    if not made or any(r.until is None or r.until >= answer.on for r in made):
        return []
    last = max(made, key=lambda r: (r.until, r.on))
    assert last.until is not None  # every registration made has ended, above
    return [f"the registration you record, made on {format_long(last.on)}, ran to "
            f"{format_long(last.until)}, and you are still in {name} after it: the rule pack "
            "has no rule on registering again once a registration ends, so whether you must, "
            "and by when, is not known; ask the migration authority there"]


def overstay_registration(history: History, members: Sequence[Member]
                          ) -> Callable[[Offence], StayRegistration]:
    """Whether the stay an overstay was in (the one its last day is in) was registered, by
    the registrations the profile records made in it, for a penalty band that is for an
    unregistered stay alone: "registered" where one covers the whole time over (made by its
    first day, and lasting to its last: no day over was then spent unregistered),
    "unregistered" where none was made by its last day, "in_part" where one was made late or
    lapsed (whether the days without it pass the source's count, the pack does not count),
    and "not_recorded" for a history that cannot record registrations (a CSV history). A
    profile records them, ``registrations`` left out as none made: as the registration
    deadline judges it (engine Case.records_registrations), so that one answer does not call
    the deadline missed, and fine it, while saying it cannot tell whether the stay was
    registered (a Kazakh citizen overstaying in Kyrgyzstan, under kg-penalty-overstay-kz-2025)."""
    profile = history.profile
    if profile is None:
        return lambda offence: "not_recorded"
    codes, recorded = {m.country for m in members}, profile.registrations

    def registered(offence: Offence) -> StayRegistration:
        stay = next((s for s in history.stays if s.country in codes
                     and s.entry <= offence.last_day <= s.until), None)
        if stay is None:
            return "not_recorded"
        made = [r for r in recorded if r.country in codes
                and stay.entry <= r.on <= min(stay.until, offence.last_day)]
        if not made:
            return "unregistered"
        if any(r.on <= offence.first_day and (r.until is None or r.until >= offence.last_day)
               for r in made):
            return "registered"
        return "in_part"
    return registered
