"""An extension of stay offered beside a stay answer that falls short: a stay asked for that is
too long (`plan`), or a planned overstay (`status`), where the host grants one to the person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from sojourn.dates import format_long
from sojourn.history import History
from sojourn.history.models import PermitIn
from sojourn.permits._answer import PermitAnswer
from sojourn.permits._held import held_extension
from sojourn.permits._plan import permit_plan
from sojourn.permits._rules import permit_rules_for
from sojourn.rules.loader import Pack
from sojourn.stay import StayReport
from sojourn.words import count


def with_extension_offered(report: StayReport, history: History, pack: Pack, *,
                           citizenship: str | None = None,
                           assume: tuple[str, ...] = ()) -> StayReport:
    """``report`` with a note naming each extension of stay the host grants the person that
    `permit` plans as not failing, where the stay asked for is too long or the history plans
    an overstay: "No stay of 45 days is possible" beside an extension that gives it read as
    a reason to rebook."""
    a = report.answer
    too_long = a.length is not None and a.earliest_entry is None and bool(
        a.too_long is not None or a.too_long_limits)
    overstay_planned = any(v.first_day > a.on for v in a.violations)
    if (report.own_citizen or report.ad_hoc or report.citizenship is None
            or not (too_long or overstay_planned)):
        return report
    # a stay asked for that no stay can give is a new one, after leaving, for a person there
    new_entry = a.leaving if too_long and a.present else None
    later = None if too_long else _later_stay_overstayed(history, report)
    notes = [note for rule in permit_rules_for(pack, report.host, report.citizenship, a.on)
             if rule.permit is not None and rule.permit.kind == "extension"
             and (note := (_offered_for_later_stay(history, pack, report.host, rule.id, later,
                                                   citizenship, assume)
                           if later is not None else
                           _offered(history, pack, report.host, rule.id, a.on, citizenship,
                                    assume, _asked(report), new_entry)))]
    return replace(report, notes=(*report.notes, *notes)) if notes else report


def _later_stay_overstayed(history: History, report: StayReport) -> dt.date | None:
    """The entry day of the later stay in the host, entered after the day asked about (a
    trip the person plans), that the first overstay planned falls in; None where it falls in
    the stay under way, or no overstay is planned. An extension is granted for one stay (once
    per entry): the one that stay may be given is planned from its entry, not the stay under
    way's, which may hold its own already, or need none."""
    a = report.answer
    first = min((v.first_day for v in a.violations if v.first_day > a.on), default=None)
    if first is None:
        return None
    stay = next((s for s in reversed(history.stays)
                 if s.country == report.host and s.entry <= first <= s.until), None)
    return stay.entry if stay is not None and stay.entry > a.on else None


def _offered_for_later_stay(history: History, pack: Pack, host: str, rule_id: str,
                            entry: dt.date, citizenship: str | None,
                            assume: tuple[str, ...]) -> str | None:
    """The extension ``rule_id`` offered for the later stay entered on ``entry`` that a
    planned overstay falls in, as `permit` plans it from that day (the stay under way then,
    which holds no extension granted for an earlier one); None where it plans none."""
    note = _offered(history, pack, host, rule_id, entry, citizenship, assume, dated=True)
    return (None if note is None
            else f"for your stay entered on {format_long(entry)}, as planned, {note}")


def _as_entered_anew(history: History, host: str, day: dt.date,
                     held: PermitIn | None) -> History | None:
    """``history`` as if the person, in ``host`` on ``day``, left it that day and entered it
    again the same day (a new entry, whose per-entry count starts afresh), with no trips
    after, nor the extension ``held`` for the stay left (one granted from a later day was
    asked for that stay, and read as the new one's): the new stay a first one's extension is
    planned for, as it is planned from a day the person is away. None where no stay in
    ``host`` holds ``day``."""
    under_way = next((s for s in reversed(history.stays)
                      if s.country == host and s.entry <= day <= s.until), None)
    if under_way is None or history.profile is None:
        return None
    before = tuple(s for s in history.stays if s.until < under_way.entry)
    anew = replace(under_way, entry=day, exit=None, exit_part=None)
    profile = history.profile.model_copy(
        update={"permits": [p for p in history.profile.permits if p is not held]})
    return replace(history, profile=profile,
                   stays=(*before, replace(under_way, exit=day, exit_part=None), anew))


def _asked(report: StayReport) -> int | None:
    """The days asked for, where the limits allow no stay that long (too_long, or several
    limits across a rule change, too_long_limits): what the extension's days are weighed
    against; else None."""
    a = report.answer
    return a.length if a.too_long is not None or a.too_long_limits else None


def _enough(plan: PermitAnswer, adds: int, asked: int | None, start: dt.date,
            anew: Callable[[int], str] = lambda _: "") -> str:
    """Whether the days the limits give the stay the extension is for from ``start`` (the day
    asked about, or the new entry's), with those it adds, make the stay asked for possible:
    "No stay of 60 days is possible" beside "could add up to 30 days" left the reader to add
    30 and 30 (Bali's visa on arrival, extended once). The stay's last day by the rules alone
    is every limit's, a yearly cap's or a count's in any 180 days too, not only the one that
    caps a stay that long: "30 days allows, 60 days from an entry, enough for the 45" was
    said in Mongolia with 10 days left of 90 in any 180. Short, the limit that ends the stay
    (its binding one) still stops it, and is named."""
    given = _given(plan, start)
    if asked is None or given is None:
        return ""
    answer = plan.stay.answer
    figures = answer.binding_figures
    limit = f"{figures.rule} ({figures.label})" if figures is not None else "the limits"
    reach = given + adds
    if reach >= asked:
        every = " under every limit" if len(answer.constraints) > 1 else ""
        verdict = f", enough for the {asked} asked{every}"
    else:
        verdict = f": short of the {asked} asked, which that limit still stops"
    anew_words = anew(reach) if reach < asked else ""
    return (f" (with the {count(given, 'day')} {limit} allows this stay from "
            f"{format_long(start)}, {count(reach, 'day')}{verdict}{anew_words})")


def _given(plan: PermitAnswer, start: dt.date) -> int | None:
    """The days the limits give the stay ``plan`` extends from ``start`` to its legal end,
    both included; None where that end is not known, or comes before."""
    ends = plan.legal_stay_ends
    return None if ends is None or ends < start else (ends - start).days + 1


def _verdict(reach: int, asked: int) -> str:
    """Whether ``reach`` days make the ``asked`` ones possible, as a note says it."""
    return f"enough for the {asked} asked" if reach >= asked else f"short of the {asked} asked"


def _entered_anew_reach(history: History, pack: Pack, host: str, rule_id: str,
                        entry: dt.date, citizenship: str | None, assume: tuple[str, ...],
                        adds: int, asked: int, beats: int) -> str:
    """For a person present whom extending the stay under way leaves short of the
    ``asked`` days (``beats``, the days it gives): what leaving and entering again on
    ``entry``, then extending the new stay, gives, where that is more. A per-entry count
    starts afresh on a new entry, the same day too (a border run), which the pack's stay
    rules judge as they judge the stay plan offers: in Bali with 19 days left, the stay
    under way extended gives 49 days, a new entry that day extended 60. "" where it gives no
    more, or no plan of the extension for the new stay works."""
    anew = _as_entered_anew(history, host, entry, None)
    if anew is None:
        return ""
    plan = permit_plan(anew, pack, country=host, permit_id=rule_id, on=entry,
                       citizenship=citizenship, assume=assume)
    given = _given(plan, entry)
    if (given is None or given + adds <= beats or plan.held_extension is not None
            or plan.feasible is False or plan.apply_on is None):
        return ""
    when = "to file by" if plan.due_by is not None else "to file from"
    return (f"; leaving and entering again on {format_long(entry)}, then extending the new "
            f"stay ({when} {format_long(plan.apply_on)}), gives "
            f"{count(given + adds, 'day')}, {_verdict(given + adds, asked)}")


def _offered(history: History, pack: Pack, host: str, rule_id: str, on: dt.date,
             citizenship: str | None, assume: tuple[str, ...],
             asked: int | None = None, new_entry: dt.date | None = None, *,
             dated: bool = False) -> str | None:
    """The note for the extension ``rule_id``, as its plan from ``on`` gives it (``dated``:
    the `permit` command it names plans from that day, a later one than status's): None where it
    is not issued, or its plan cannot work. Held already for the stay under way (granted
    once per entry), it is offered for the new stay entered on ``new_entry`` after leaving,
    where the stay asked for is one: planned as for a first stay, from that entry (else
    None: no plan offered "No stay of 45 days is possible" an extension a new entry gets)."""
    plan = permit_plan(history, pack, country=host, permit_id=rule_id, on=on,
                       citizenship=citizenship, assume=assume)
    held = held_extension(history, plan.stay.answer, host)
    if held is not None and plan.held_extension is not None and new_entry is not None:
        anew = _as_entered_anew(history, host, new_entry, held)
        note = (_offered(anew, pack, host, rule_id, new_entry, citizenship, assume, asked)
                if anew is not None else None)
        return None if note is None else _for_new_entry(note, plan.held_extension, new_entry)
    permit = plan.rule.permit
    if (plan.held_extension is not None or permit is None or not permit.available
            or plan.feasible is False or plan.apply_on is None):
        return None
    days = permit.extends_by_days

    def entered_anew(beats: int) -> str:
        # short, a person present may leave and enter again the day the plan offers
        if new_entry is None or asked is None or days is None:
            return ""
        return _entered_anew_reach(history, pack, host, rule_id, new_entry, citizenship,
                                   assume, days, asked, beats)

    adds = (f"could add up to {count(days, 'day')}{_enough(plan, days, asked, on, entered_anew)}"
            if days else "could add days the pack does not count")
    # with a deadline from the stay, the last day to file; without one, the first day
    when = ("to file by" if plan.due_by is not None else "to file from")
    on_day = f" --on {on.isoformat()}" if dated else ""
    return (f"an extension of stay {adds}: {permit.name} ({plan.rule.id}), {when} "
            f"{format_long(plan.apply_on)}, as `sojourn permit --country {host} --permit "
            f"{plan.rule.id}{on_day}` plans it")


def _for_new_entry(note: str, held: str, entry: dt.date) -> str:
    """An extension's note (_offered) said of the new stay entered on ``entry``, after the
    one under way, whose extension (``held``) is granted already: `permit` plans the stay
    under way, and plans this one only once its entry is in the history."""
    return (f"{held} is for the stay under way; for a new stay entered on "
            f"{format_long(entry)}, after leaving, {note} once that entry is in your history")
