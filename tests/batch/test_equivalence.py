"""The columnar evaluator equals the scalar engine, person by person, on generated logs.

Each example is a log of several persons evaluated in one batch; every person's row is then
compared with ``stay_report`` on that person's history alone: for every constraint kind and
conjunctions, generated packs whose regimes change (and whose zone members join and leave) on
days of the history, the built-in pack (every host with stay rules, around the days its rules
change; Kazakhstan's change of 27 January 2023, the Schengen area with Croatia and Bulgaria
joining, citizens of the host, citizenships the pack has no rules for, another account of a
contested rule assumed), registration deadlines in calendar and working days (across public
holidays and days a decree moves, in Kazakhstan, Armenia and Kyrgyzstan), planned trips after
the query day and past overstays.
"""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import polars as pl
from hypothesis import example, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from sojourn.batch.evaluate import Judge, evaluate, pack_judge, rule_judge
from sojourn.history import build_history
from sojourn.history.presence import Stay
from sojourn.rules.loader import Pack, load_pack
from sojourn.stay import working_calendar

import strategies as gen
from test_properties import PROFILE

# Each example evaluates a whole log through some dozens of Polars queries (about 0.1-0.5 s);
# fewer examples than the scalar property tests, each comparing up to five persons. A long
# profile (max_examples in the thousands, e.g. "dev") runs a quarter as many as the scalar ones.
BATCH = settings(PROFILE, max_examples=60 if PROFILE.max_examples < 1000
                 else PROFILE.max_examples // 4)

BUILTIN = load_pack()
ONE = ("KZ",)
ZONE = ("FR", "DE")
OTHERS = ("KG", "GE")

Log = tuple[gen.Trips, ...]


def _stays(made: gen.Trips) -> list[Stay]:
    return [Stay(t.country, dt.date.fromordinal(t.entry),
                 None if t.exit is None else dt.date.fromordinal(t.exit), f"gen, line {i + 2}")
            for i, t in enumerate(made.trips)]


def _table(log: Log, citizenships: Sequence[str | None]) -> pl.DataFrame:
    rows = [(f"p{i}", s.country, s.entry, s.exit, cit)
            for i, (made, cit) in enumerate(zip(log, citizenships, strict=True))
            for s in _stays(made)]
    frame = pl.DataFrame(rows, schema={"person_id": pl.String, "country": pl.String,
                                       "entry": pl.Date, "exit": pl.Date,
                                       "citizenship": pl.String}, orient="row")
    return frame.with_columns(row=pl.int_range(1, pl.len() + 1, dtype=pl.Int64),
                              line=pl.lit(None, pl.Int64))


def _scalar_row(made: gen.Trips, pack: Pack, on: dt.date, assume: tuple[str, ...] = (),
                **how: str | None) -> dict[str, object]:
    from sojourn.stay import stay_report

    history = build_history("gen", _stays(made))
    report = stay_report(history, pack, on=on, assume=assume, **how)  # type: ignore[arg-type]
    a = report.answer
    reg = a.register_by
    binding = next((f for f in a.constraints
                    if f.rule == a.binding and f.spec == a.binding_constraint), None)
    return {
        "present": a.present, "entered": a.entered, "days_used": a.days_used,
        "days_remaining": a.days_remaining, "latest_exit": a.latest_exit,
        "max_stay_days": a.max_stay_days, "limited_by": a.limited_by,
        "earliest_entry": a.earliest_entry,
        "entry_barred_until": report.barred.last_day if report.barred else None,
        "entry_ban_unknown": bool(report.bans_unknown),
        "over_limit": report.over_limit,
        "binding_rule": a.binding,
        "binding_in_force": binding.in_force_on if binding else None,
        "register_by": reg.by if reg else None,
        "register_rule": reg.rule if reg else None,
        "register_overdue": reg.overdue if reg else None,
        "violations": [(v.first_day, v.last_day, v.days, v.peak, sorted(v.rules))
                       for v in a.violations],
    }


def _over_limit(want: dict[str, object], on: dt.date) -> bool:
    """Present with no day left, and, where an entry ban barred the entry (which leaves none
    however the count stands), the count over on the query day too: none left by it and a
    violation run under way that day."""
    runs: list[tuple[dt.date, dt.date, int, int, list[str]]] = want["violations"]  # type: ignore
    over_count = want["days_remaining"] == 0 and any(
        first <= on <= last for first, last, *_ in runs)
    return bool(want["present"] and want["max_stay_days"] == 0
                and (want["limited_by"] != "entry_ban" or over_count))


def check(log: Log, judge: Judge, pack: Pack, on: dt.date, citizenships: Sequence[str | None],
          assume: tuple[str, ...] = (), **how: str | None) -> None:
    table = _table(log, citizenships)
    persons, violations = evaluate(table, judge, on, earliest_entry=True)
    # Two or three slices of whole persons give the same tables as one slice.
    sliced = evaluate(table, judge, on, chunk_rows=max(1, table.height // 2),
                      earliest_entry=True)
    assert_frame_equal(sliced[0], persons)
    assert_frame_equal(sliced[1], violations)
    # Unasked, the earliest entry is left out, and nothing else changes.
    plain = evaluate(table, judge, on)
    assert_frame_equal(plain[0], persons.drop("earliest_entry"))
    assert_frame_equal(plain[1], violations)
    assert persons["person_id"].to_list() == sorted(
        f"p{i}" for i, made in enumerate(log) if made.trips)
    runs = violations.partition_by("person_id", as_dict=True)
    for row in persons.to_dicts():
        i = int(row["person_id"][1:])
        mine = runs.get((row["person_id"],))
        row["violations"] = [] if mine is None else [
            (v["first_day"], v["last_day"], v["days"], v["peak"], v["rules"])
            for v in mine.to_dicts()]
        want = _scalar_row(log[i], pack, on, assume, citizenship=citizenships[i], **how)
        assert {k: row[k] for k in want} == want, f"person p{i}: {log[i]}"
        assert row["overstay_days"] == sum(v[2] for v in want["violations"])  # type: ignore
        assert row["over_limit"] == _over_limit(want, on)


def logs(members: tuple[str, ...], others: tuple[str, ...], near: tuple[int, ...],
         size: int = 5, reach: tuple[int, ...] = (0,)) -> st.SearchStrategy[tuple[Log, int]]:
    """Several persons' histories (no permits: a crossing log has none) and one query day,
    taken from one of the persons so that it falls near their trips' edges."""
    one = gen.trips(members, others, near, reach).map(lambda t: replace(t, permits=()))
    return st.lists(one, min_size=1, max_size=size).flatmap(
        lambda log: st.tuples(st.just(tuple(log)), st.sampled_from([t.on for t in log])))


@st.composite
def ad_hoc_logs(draw: st.DrawFn, members: tuple[str, ...], others: tuple[str, ...] = OTHERS
                ) -> tuple[Log, int, str]:
    limits = draw(gen.regimes())
    spec = "+".join(x.spec for x in limits)
    near, reach = gen.offsets(limits), gen.reaches(limits)
    within = None
    if draw(st.booleans()):
        within = draw(st.one_of(st.integers(1, 40), st.sampled_from(near).filter(bool)))
        spec += f"+registration:{within}" + draw(st.sampled_from(
            ["", "/working", "/extends", "/working/extends"]))
        near = (*near, within - 1, within, within + 1)
        reach = (*reach, -within)
    log, on = draw(logs(members, others, near, reach=reach))
    if within is not None and "/working" in spec and len(members) == 1 and draw(st.booleans()):
        # the log moved so that a count of working days runs across a day off on a weekday
        # or a weekend day worked (a holiday, or a decree's moved day), often near its end
        entries = [t.entry for made in log for t in made.trips if t.country in members]
        if entries:
            target = draw(st.sampled_from(_odd_days(members[0])))
            before = draw(st.one_of(st.integers(0, within + within // 2 + 4),
                                    st.sampled_from([within - 1, within, within + 1])))
            shift = target - before - draw(st.sampled_from(entries))
            log, on = _shifted(log, shift), on + shift
    if within is not None:  # often the query day is an entry's deadline, or a day off it
        deadlines = [t.entry + within + k for made in log for t in made.trips
                     if t.country in members for k in (-1, 0, 0, 1)]
        on = draw(st.one_of(st.just(on), st.sampled_from(deadlines or [on])))
    return log, on, spec


# Hosts of an ad-hoc rule in one country: Kazakhstan, and Armenia and Kyrgyzstan, whose
# working days the pack's decrees move in 2026 (calendars.yaml), as status counts them.
AD_HOC_HOSTS = ("KZ", "KZ", "AM", "KG")


@st.composite
def ad_hoc_logs_in_a_host(draw: st.DrawFn) -> tuple[Log, int, str, str]:
    host = draw(st.sampled_from(AD_HOC_HOSTS))
    return (*draw(ad_hoc_logs((host,), tuple(c for c in ("KG", "GE", "KZ") if c != host)[:2])),
            host)


@functools.cache
def _odd_days(country: str) -> list[int]:
    """The days from 2023 to 2026 whose being worked or not is not the weekday's: public
    holidays on weekdays, and weekend days a decree makes working days."""
    calendar = working_calendar(country, BUILTIN)
    first = dt.date(2023, 1, 1).toordinal()
    days = (dt.date.fromordinal(first + k) for k in range(4 * 365 + 1))
    return [d.toordinal() for d in days if calendar.is_working_day(d) != (d.weekday() < 5)]


def _shifted(log: Log, shift: int) -> Log:
    return tuple(replace(made, on=made.on + shift, trips=tuple(
        gen.Trip(t.country, t.entry + shift, None if t.exit is None else t.exit + shift)
        for t in made.trips)) for made in log)


# On the day of a crossing between two other countries (KG to GE) the stay just begun is
# under way, no planned trip that ends a stay entered in KZ that day; the person leaving KZ
# that day for GE has it end there (the batch engine once took both alike).
CROSSED_TODAY = ((gen.Trips(trips=(gen.Trip("KG", 738990, 739004), gen.Trip("GE", 739004, 739020),
                                   gen.Trip("KG", 739020, 739030)), permits=(), on=739004),
                  gen.Trips(trips=(gen.Trip("KZ", 738990, 739004), gen.Trip("GE", 739004, 739020)),
                            permits=(), on=739004)),
                 739004, "rolling:90/180")

# Away from KZ, with a trip to KZ planned: a stay entered now runs on through it when the
# whole trip stays within 55 days per entry (the first person, to the day they leave for KG),
# and else ends on the day it begins, a border run (the second).
THROUGH_PLANNED = ((gen.Trips(trips=(gen.Trip("KG", 738990, 739030), gen.Trip("KZ", 739030, 739032),
                                     gen.Trip("KG", 739032, 739040)), permits=(), on=739000),
                    gen.Trips(trips=(gen.Trip("KG", 738990, 739050), gen.Trip("KZ", 739050, 739060),
                                     gen.Trip("KG", 739060, 739070)), permits=(), on=739000)),
                   739000, "per-entry:55")

# In KG on the query day, a trip to KZ planned from the next day: the stay entered that day
# in place of the one in KG runs on through the trip (to its 40th day), as the scalar engine
# has it; the batch engine once judged the stay in KG anew once joined, as a trip ahead.
FROM_ELSEWHERE_THROUGH_A_PLAN = ((gen.Trips(trips=(gen.Trip("KG", 738521, 738522),
                                                   gen.Trip("KZ", 738522, 738523)),
                                            permits=(), on=738521),),
                                 738521, "per-entry:40")

# 15 days in the last 5000, 10 allowed: none fits again within the 10 years looked at
BEYOND_THE_HORIZON = ((gen.Trips(trips=(gen.Trip("KZ", 738_565, 738_579),), permits=(),
                                 on=738_580),), 738_580, "rolling:10/5000")


# Back in KZ on the day of leaving a stay over 30 days per entry (a border run), and on the day
# after: the stay under way is judged by its own count, 1 day of 30 on the crossing day as on
# the day after, the earlier stay's overstay a past one; the batch engine, as the scalar one,
# once judged the crossing day by the earlier stay's count too, over the limit with no day left.
def _back_after_overstay(back: int) -> gen.Trips:
    return gen.Trips(trips=(gen.Trip("KZ", _LEFT - 40, _LEFT), gen.Trip("KZ", back, None)),
                     permits=(), on=_LEFT)


_LEFT = dt.date(2026, 2, 10).toordinal()  # in since 1 January
BACK_AFTER_AN_OVERSTAY = ((_back_after_overstay(_LEFT), _back_after_overstay(_LEFT + 1)),
                          _LEFT, "per-entry:30")


# A past stay in KZ of 1 to 31 May 2023 and the stay under way since 10 June, neither
# registered (a log records none): under a registration that lets a stay go on only when
# registered, each overstays from the day after its deadline, as the scalar engine judges
# every stay, not the one under way alone; in calendar and in working days.
_MAY = dt.date(2023, 5, 1).toordinal()
UNREGISTERED_PAST = ((gen.Trips(trips=(gen.Trip("KZ", _MAY, _MAY + 30),
                                       gen.Trip("KG", _MAY + 30, _MAY + 40),
                                       gen.Trip("KZ", _MAY + 40, None)), permits=(),
                                on=_MAY + 60),), _MAY + 60)


@BATCH
@given(drawn=ad_hoc_logs_in_a_host())
@example(drawn=(*BACK_AFTER_AN_OVERSTAY, "KZ"))
@example(drawn=(*BACK_AFTER_AN_OVERSTAY[:2], "per-entry:30+rolling:60/180", "KZ"))
@example(drawn=(*CROSSED_TODAY, "KZ"))
@example(drawn=(*BEYOND_THE_HORIZON, "KZ"))
@example(drawn=(*THROUGH_PLANNED, "KZ"))
@example(drawn=(*FROM_ELSEWHERE_THROUGH_A_PLAN, "KZ"))
@example(drawn=(*UNREGISTERED_PAST, "per-entry:60+registration:15/extends", "KZ"))
@example(drawn=(*UNREGISTERED_PAST, "rolling:90/180+registration:5/working/extends", "KZ"))
def test_ad_hoc_rules_in_one_country(drawn: tuple[Log, int, str, str]) -> None:
    log, on, spec, host = drawn
    day = dt.date.fromordinal(on)
    # the pack's decrees moving days off count, as in a batch run (pipeline.judge_for)
    check(log, rule_judge(spec, host, BUILTIN), BUILTIN, day, [None] * len(log), country=host,
          rule_spec=spec)


# Present on the query day with no day left (the latest exit is the day before), and a trip
# planned: plan protection must leave that answer alone, as the scalar engine does. The batch
# engine once compared the planned trip's last day instead of the stay's, and answered one day
# limited by the planned trip.
NO_DAY_LEFT = ((gen.Trips(trips=(gen.Trip("DE", 738521, 738522), gen.Trip("DE", 738522, 738522),
                                 gen.Trip("FR", 738523, 738523)), permits=(), on=738522),),
               738522, "rolling:1/2")
# FR, a day trip to DE and back to FR on one day, in that order: one entry into a host of both
# (the scalar engine once put the two FR stays together, as two entries).
THERE_AND_BACK = ((gen.Trips(trips=(gen.Trip("FR", 738521, 738525), gen.Trip("DE", 738525, 738525),
                                    gen.Trip("FR", 738525, 738525)), permits=(), on=738525),),
                  738525, "per-entry:3")


@BATCH
@given(drawn=ad_hoc_logs(ZONE).filter(lambda d: "/working" not in d[2]))
@example(drawn=NO_DAY_LEFT)
@example(drawn=THERE_AND_BACK)
def test_ad_hoc_rules_on_every_trip(drawn: tuple[Log, int, str]) -> None:
    log, on, spec = drawn
    day = dt.date.fromordinal(on)
    check(log, rule_judge(spec, None), BUILTIN, day, [None] * len(log), rule_spec=spec)


Packed = tuple[Log, int, tuple[gen.RuleSpec, ...], dict[str, gen.Period]]


@st.composite
def packed_logs(draw: st.DrawFn, members: tuple[str, ...]) -> Packed:
    """A log, a query day and generated rules; for a zone, members joining and leaving on
    days of the log (often a trip's first or last day, or the day after)."""
    made, rules, _ = draw(gen.pack_cases(members, OTHERS))
    near = gen.offsets([x for r in rules for x in r.limits])
    log, _ = draw(logs(members, OTHERS, near, size=3))
    whole = (replace(made, permits=()), *log)
    periods: dict[str, gen.Period] = {}
    days = sorted({d + k for person in whole for t in person.trips
                   for d in (t.entry, t.exit) if d is not None for k in (-1, 0, 1)})
    if len(members) > 1 and days:
        edge = st.one_of(st.none(), st.sampled_from(days))
        for country in members:
            since, until = draw(edge), draw(edge)
            if since is not None and until is not None and until < since:
                since, until = until, since
            periods[country] = (since, until)
    return whole, made.on, rules, periods


_D = 738_580  # 1 March 2023
_OVER = gen.Trips(trips=(gen.Trip("KZ", _D - 15, _D - 1),), permits=(), on=_D)
_TEN_IN_100 = gen.RuleSpec(_D - 400, _D + 20, (gen.LimitSpec("rolling", 10, 100),))
# 15 days in the last 100 on the query day, 10 allowed: one more day fits once 5 of them have
# left the window (on _D + 90), but the rule ends before: from _D + 21 30 days per entry let
# the first person in, and the second, away until _D + 40, once back; where no rule follows,
# the rules are unknown from then on, and no day is found.
NEW_RULE_SOONER: Packed = (
    (_OVER, gen.Trips(trips=(*_OVER.trips, gen.Trip("KG", _D + 19, _D + 40)), permits=(),
                      on=_D)),
    _D, (_TEN_IN_100, gen.RuleSpec(_D + 21, None, (gen.LimitSpec("per_entry", 30),))), {})
UNKNOWN_AFTER: Packed = ((_OVER,), _D, (_TEN_IN_100,), {})
# the rules unknown from _D + 21 to _D + 49: the first day after, under the new rule
UNKNOWN_BETWEEN: Packed = (
    (_OVER,), _D,
    (_TEN_IN_100, gen.RuleSpec(_D + 50, None, (gen.LimitSpec("per_entry", 30),))), {})


@BATCH
@given(drawn=packed_logs(ONE))
@example(drawn=NEW_RULE_SOONER)
@example(drawn=UNKNOWN_AFTER)
@example(drawn=UNKNOWN_BETWEEN)
def test_generated_pack_regimes_in_a_country(drawn: Packed) -> None:
    _check_generated(drawn, "KZ", ONE)


@BATCH
@given(drawn=packed_logs(ZONE))
def test_generated_pack_regimes_in_a_zone(drawn: Packed) -> None:
    _check_generated(drawn, "ZONE", ZONE)


def _check_generated(drawn: Packed, host: str, members: tuple[str, ...]) -> None:
    log, on, rules, periods = drawn
    day = dt.date.fromordinal(on)
    with tempfile.TemporaryDirectory() as tmp:
        gen.write_pack(Path(tmp), host, members, rules, periods)
        pack = load_pack(tmp)
    check(log, pack_judge(pack, host, day), pack, day, ["RU"] * len(log), country=host)


# Hosts whose behaviour the hand-made examples below rely on, with the countries their
# logs visit: each is drawn as often as every other host of the pack together.
BUILTIN_HOSTS = {
    "KZ": (("KZ",), ("KG", "UZ", "RU")),
    # Croatia a member from 1 January 2023, Bulgaria from 31 March 2024
    "SCHENGEN": (("FR", "HR", "DE", "BG"), ("RS", "TR", "GE")),
    "UZ": (("UZ",), ("KZ", "KG")),
    "GE": (("GE",), ("AM", "TR")),
    # every stay registered within 48 hours, however short (short_stays: required)
    "MN": (("MN",), ("RU", "KZ")),
    # per-entry limits for the entries begun before or after a change (entered_to/_from)
    "TH": (("TH",), ("RU", "KZ")),
}
# Every host the pack has stay rules for: an analyst may run a log against any of them.
STAY_HOSTS = sorted({r.host for r in BUILTIN.rules if r.topic == "stay"})
ELSEWHERE = ("RU", "KZ", "KG", "GE", "TR")


def _host_and_others(host: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if host in BUILTIN_HOSTS:
        return BUILTIN_HOSTS[host]
    return (host,), tuple(c for c in ELSEWHERE if c != host)[:3]


def _changes(host: str) -> list[dt.date]:
    """The days the host's rules (and their accounts) begin or end between 2022 and 2027, and
    a zone's members join or leave: a stay across one is judged by two regimes."""
    spans = [(rule.valid_from, rule.valid_to) for rule in BUILTIN.rules if rule.host == host]
    spans += [(v.valid_from, v.valid_to) for rule in BUILTIN.rules if rule.host == host
              for v in rule.variants]
    zone = BUILTIN.zones.get(host)
    spans += [(m.since, m.until) for m in (zone.members if zone else ())]
    days = {d for first, last in spans
            for d in (first, last and last + dt.timedelta(days=1)) if d is not None}
    return sorted(d for d in days if dt.date(2022, 1, 1) <= d <= dt.date(2027, 12, 31))


def _accounts(host: str) -> list[str]:
    """The other accounts (variants) of the host's contested rules, any of which a run may
    assume (--assume)."""
    return sorted({v.name for r in BUILTIN.rules if r.host == host for v in r.variants
                   if not v.default})


def _citizenships(host: str) -> list[str]:
    """Those the host's rules name, a member country's own (not limited), and some it has no
    rules for."""
    named = {c for r in BUILTIN.rules if r.host == host and r.topic == "stay"
             for c in r.citizenships if c != "*"}
    return ["RU", "RU", "BY", "KZ", "US", "HR", _host_and_others(host)[0][0], *sorted(named)]


Builtin = tuple[Log, int, str, list[str], tuple[str, ...]]


@st.composite
def builtin_logs(draw: st.DrawFn) -> Builtin:
    """A log for a host of the built-in pack, its query days near one of the host's rule
    changes, citizenships its rules name (and others), and perhaps another account of one of
    its contested rules assumed."""
    host = draw(st.one_of(st.sampled_from(sorted(BUILTIN_HOSTS)), st.sampled_from(STAY_HOSTS)))
    members, others = _host_and_others(host)
    # Around the pack's dated changes: Kazakhstan's of 27 January 2023, Croatia joining on
    # 1 January 2023, the 2022 exodus, and Thailand's of 1 November 2023 and 1 May 2024; and
    # the host's own.
    start = draw(st.sampled_from([dt.date(2022, 9, 21), dt.date(2022, 10, 1),
                                  dt.date(2022, 12, 1), dt.date(2023, 1, 20),
                                  dt.date(2023, 10, 1), dt.date(2024, 3, 1),
                                  *_changes(host)]))
    log, on = draw(logs(members, others, (0, 1, 2, 30, 60, 89, 90, 91, 179, 180)))
    shift = start.toordinal() - min((t.on for t in log), default=on)
    moved = tuple(replace(made, trips=tuple(
        gen.Trip(t.country, t.entry + shift, None if t.exit is None else t.exit + shift)
        for t in made.trips)) for made in log)
    cits = draw(st.lists(st.sampled_from(_citizenships(host)), min_size=len(log),
                         max_size=len(log)))
    accounts = _accounts(host)
    assume = draw(st.one_of(st.just(()), st.tuples(st.sampled_from(accounts)))
                  if accounts else st.just(()))
    return moved, on + shift, host, cits, assume


def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


# In Kazakhstan since October 2022, a border run at New Year, out on 2 April 2023 and back on
# 10 April: the 90 in any 180 counts only the days from 27 January 2023 (its counts_from), so
# 24 days are left; counting the autumn too, the person would be over the limit.
KZ_SINCE_AUTUMN = ((gen.Trips(trips=(
    gen.Trip("KZ", _day("2022-10-05"), _day("2023-01-02")),
    gen.Trip("KG", _day("2023-01-02"), _day("2023-01-03")),
    gen.Trip("KZ", _day("2023-01-03"), _day("2023-04-02")),
    gen.Trip("KG", _day("2023-04-02"), _day("2023-04-10")),
    gen.Trip("KZ", _day("2023-04-10"), None)), permits=(), on=_day("2023-04-10")),),
    _day("2023-04-10"), "KZ", ["RU"])


# In Thailand from 25 October 2023, two persons, one still there, one back on 1 November: the
# first keeps the 30 days it was given at entry (to 23 November), the second has 90. A third
# leaves on 12 November as planned: both limits end the stay then, and the one with fewer days
# left binds, the 30 days for entries to 31 October (17 used), not the 90 for entries from
# 1 November, which count none of the stay's days.
TH_ACROSS_NOVEMBER = ((
    gen.Trips(trips=(gen.Trip("TH", _day("2023-10-25"), None),), permits=(),
              on=_day("2023-11-10")),
    gen.Trips(trips=(gen.Trip("TH", _day("2023-10-25"), _day("2023-11-12")),
                     gen.Trip("KZ", _day("2023-11-12"), _day("2023-11-15"))), permits=(),
              on=_day("2023-11-10")),
    gen.Trips(trips=(gen.Trip("TH", _day("2023-10-25"), _day("2023-10-30")),
                     gen.Trip("KZ", _day("2023-10-30"), _day("2023-11-01")),
                     gen.Trip("TH", _day("2023-11-01"), None)), permits=(),
              on=_day("2023-11-10"))),
    _day("2023-11-10"), "TH", ["RU", "RU", "RU"])


# In Croatia from 20 December 2022 to 10 January 2023, across the day it joined the Schengen
# area, asked about as --country HR on Christmas: present in Croatia, under its own rules,
# which the pack does not have (the zone's count of its days begins on 1 January).
HR_BEFORE_JOINING = ((gen.Trips(trips=(
    gen.Trip("HR", _day("2022-12-20"), _day("2023-01-10")),), permits=(),
    on=_day("2022-12-25")),), _day("2022-12-25"), "HR", ["RU"])


@BATCH
@given(drawn=builtin_logs())
@example(drawn=(*HR_BEFORE_JOINING, ()))
@example(drawn=(*KZ_SINCE_AUTUMN, ()))
@example(drawn=(*TH_ACROSS_NOVEMBER, ()))
def test_builtin_pack(drawn: Builtin) -> None:
    *logged, assume = drawn
    check_builtin((logged[0], logged[1], logged[2], logged[3]), assume)


def check_builtin(drawn: tuple[Log, int, str, list[str]], assume: tuple[str, ...] = ()) -> None:
    """A drawn log (log, query day, host, citizenships) judged by the built-in pack's rules
    for the host, under the accounts ``assume`` names, batch against the scalar engine."""
    log, on, host, cits = drawn
    day = dt.date.fromordinal(on)
    check(log, pack_judge(BUILTIN, host, day, assume), BUILTIN, day, cits, assume,
          country=host)


@st.composite
def raw_logs(draw: st.DrawFn) -> tuple[list[list[tuple[str, int, int | None]]], int]:
    """Persons' raw rows as a log holds them: in any order, sometimes overlapping in one
    country (merged), sometimes in two countries at once (the person is rejected)."""
    persons = []
    for _ in range(draw(st.integers(1, 4))):
        rows = []
        for _ in range(draw(st.integers(1, 5))):
            entry = draw(st.integers(738_800, 738_900))
            exit_: int | None = entry + draw(st.integers(0, 40))
            if draw(st.integers(0, 6)) == 0:
                exit_ = None
            rows.append((draw(st.sampled_from(["KZ", "KZ", "KG"])), entry, exit_))
        persons.append(draw(st.permutations(rows)))
    return persons, draw(st.integers(738_820, 738_960))


@BATCH
@given(drawn=raw_logs())
def test_raw_rows_through_the_pipeline_match_the_history_loader(
        drawn: tuple[list[list[tuple[str, int, int | None]]], int]) -> None:
    from sojourn.batch.pipeline import Job, process
    from sojourn.errors import InputError
    from sojourn.history import load_history
    from sojourn.stay import stay_report

    persons, on = drawn
    day = dt.date.fromordinal(on)
    text = ["person_id,country,entry,exit,citizenship"]
    for i, rows in enumerate(persons):
        for country, entry, exit_ in rows:
            last = "" if exit_ is None else dt.date.fromordinal(exit_).isoformat()
            text.append(f"p{i},{country},{dt.date.fromordinal(entry).isoformat()},{last},RU")
    raw = pl.DataFrame([line.split(",") for line in text[1:]], schema=text[0].split(","),
                       orient="row").with_columns(
        row=pl.int_range(1, pl.len() + 1, dtype=pl.Int64),
        line=pl.int_range(2, pl.len() + 2, dtype=pl.Int64))
    out = process(raw.select("row", "line", *text[0].split(",")), "stays", "log.csv",
                  Job(on=day, rule="per-entry:20+rolling:30/60", country="KZ"))
    evaluated = set(out.persons["person_id"])
    assert out.rows == len(text) - 1
    with tempfile.TemporaryDirectory() as tmp:
        for i, rows in enumerate(persons):
            path = Path(tmp) / f"p{i}.csv"
            path.write_text("country,entry,exit\n" + "\n".join(
                line.split(",", 1)[1].rsplit(",", 1)[0] for line in text[1:]
                if line.startswith(f"p{i},")) + "\n")
            try:
                history = load_history(path)
            except InputError:
                assert f"p{i}" not in evaluated
                assert out.rejects.filter(pl.col("person_id") == f"p{i}").height == len(rows)
                continue
            a = stay_report(history, BUILTIN, on=day, country="KZ",
                            rule_spec="per-entry:20+rolling:30/60").answer
            row = out.persons.filter(pl.col("person_id") == f"p{i}").to_dicts()[0]
            assert (row["latest_exit"], row["days_used"], row["overstay_days"]) == (
                a.latest_exit, a.days_used, sum(v.days for v in a.violations)), rows


# Hosts whose overstay penalties bring entry bans, with the citizenship judged and where else
# to go: Thailand (certain bans from 91 days over, the shortest case of surrendering or being
# arrested), Türkiye (by months over, the fine paid or not; 5 years from the 37th month),
# Kyrgyzstan for Kazakh citizens from 1 September 2025 (90 days), Georgia (possible bans from
# 1 October 2025, which bar nothing).
BAN_HOSTS = {
    "TH": ("RU", ("RU", "KZ")),
    "TR": ("RU", ("GE", "RU")),
    "KG": ("KZ", ("KZ", "UZ")),
    "GE": ("RU", ("AM", "TR")),
    # bans the pack cannot tell: past the bands of Kazakhstan's rule (graded to 5 days over),
    # and Azerbaijan's expulsion with no account of a ban (entry_ban_unknown)
    "KZ": ("RU", ("KG", "UZ")),
    "AZ": ("RU", ("GE", "TR")),
}


@st.composite
def ban_logs(draw: st.DrawFn) -> tuple[Log, int, str, list[str]]:
    """Logs with overstays long enough to reach the bands that bar entry, and query days
    from the day after leaving to past the ban's end."""
    host = draw(st.sampled_from(sorted(BAN_HOSTS)))
    cit, others = BAN_HOSTS[host]
    start = draw(st.sampled_from([dt.date(2023, 1, 10), dt.date(2024, 2, 1),
                                  dt.date(2025, 8, 1), dt.date(2025, 10, 15)]))
    # stays of a month or two over to years over; gaps and queries of a ban's length
    near = (1, 30, 90, 91, 92, 121, 122, 150, 200, 365, 366, 400, 500, 800, 1200)
    log, on = draw(logs((host,), others, near, size=4))
    shift = start.toordinal() - min((t.on for t in log), default=on)
    moved = tuple(replace(made, trips=tuple(
        gen.Trip(t.country, t.entry + shift, None if t.exit is None else t.exit + shift)
        for t in made.trips)) for made in log)
    # one more person, over long in the host and gone, perhaps back later
    entry = start.toordinal() + draw(st.integers(-400, 400))
    left = entry + draw(st.sampled_from([130, 150, 152, 200, 400, 470, 800, 1200, 2000]))
    away = left + draw(st.sampled_from([0, 1, 30, 90, 200, 366, 1100]))
    trips = [gen.Trip(host, entry, left), gen.Trip(others[0], left, away)]
    if draw(st.booleans()):
        trips.append(gen.Trip(host, away, away + draw(st.sampled_from([0, 5, 30, 100]))))
    moved += (gen.Trips(trips=tuple(trips), permits=(), on=left),)
    exits = [t.exit for made in moved for t in made.trips
             if t.country == host and t.exit is not None]
    on += shift
    if exits and draw(st.booleans()):  # soon after leaving, or about when a ban ends
        on = draw(st.sampled_from([left, left, *exits])) + draw(st.sampled_from(
            [1, 2, 30, 89, 90, 91, 180, 365, 366, 367, 1095, 1096]))
    cits = draw(st.lists(st.sampled_from([cit, cit, "RU", "KZ"]), min_size=len(moved),
                         max_size=len(moved)))
    return moved, on, host, cits


# Left Thailand on 1 June 2023 after 107 days over (the 30 days from 15 January): a year's ban
# at least (surrendered; 5 years if arrested), so none of the stay on 1 September 2023, entry
# barred to 31 May 2024 and the earliest entry the day after. A second person still there is
# over the limit, not barred: the ban runs from the day of leaving, and puts off the earliest
# entry after it, from the query day; a third, over the limit too, from the exit recorded
# after it.
TH_BANNED = ((gen.Trips(trips=(gen.Trip("TH", _day("2023-01-01"), _day("2023-06-01")),
                               gen.Trip("RU", _day("2023-06-01"), _day("2023-06-10"))),
                        permits=(), on=_day("2023-09-01")),
              gen.Trips(trips=(gen.Trip("TH", _day("2023-01-01"), None),), permits=(),
                        on=_day("2023-09-01")),
              gen.Trips(trips=(gen.Trip("TH", _day("2023-01-01"), _day("2023-09-20")),),
                        permits=(), on=_day("2023-09-01"))),
             _day("2023-09-01"), "TH", ["RU", "RU", "RU"])

# A Kazakh citizen who left Kyrgyzstan on 1 March 2026 after 83 days over: 90 days barred, to
# 29 May 2026, and on 30 May the 90 days in any 180 are still used up: the earliest entry is
# 31 May. So for a second, back in Kyrgyzstan on 20 May as the log has it and there on 30 May
# (judged again on that day, as status does); a third has a trip of 90 days to Kyrgyzstan
# recorded from 10 June, which a day spent there before it would put over the limit; a
# fourth is in Uzbekistan from April to 1 July, a stay under way on 30 May that puts off no
# entry. In Türkiye 15 months over, left on 1 June 2024: barred a year at least (the fine
# paid; 2 years if not), to 31 May 2025.
AFTER_THE_BAN = ((gen.Trips(trips=(gen.Trip("KG", _day("2025-09-10"), _day("2026-03-01")),
                                   gen.Trip("KZ", _day("2026-03-01"), None)),
                            permits=(), on=_day("2026-03-15")),
                  gen.Trips(trips=(gen.Trip("KG", _day("2025-09-10"), _day("2026-03-01")),
                                   gen.Trip("KZ", _day("2026-03-01"), _day("2026-05-20")),
                                   gen.Trip("KG", _day("2026-05-20"), _day("2026-06-05")),
                                   gen.Trip("KZ", _day("2026-06-05"), None)),
                            permits=(), on=_day("2026-03-15")),
                  gen.Trips(trips=(gen.Trip("KG", _day("2025-09-10"), _day("2026-03-01")),
                                   gen.Trip("KZ", _day("2026-03-01"), _day("2026-06-10")),
                                   gen.Trip("KG", _day("2026-06-10"), _day("2026-09-07")),
                                   gen.Trip("KZ", _day("2026-09-07"), None)),
                            permits=(), on=_day("2026-03-15")),
                  gen.Trips(trips=(gen.Trip("KG", _day("2025-09-10"), _day("2026-03-01")),
                                   gen.Trip("KZ", _day("2026-03-01"), _day("2026-04-01")),
                                   gen.Trip("UZ", _day("2026-04-01"), _day("2026-07-01"))),
                            permits=(), on=_day("2026-03-15"))),
                 _day("2026-03-15"), "KG", ["KZ", "KZ", "KZ", "KZ"])
TR_BANNED = ((gen.Trips(trips=(gen.Trip("TR", _day("2023-01-10"), _day("2024-06-01")),
                               gen.Trip("GE", _day("2024-06-01"), None)),
                        permits=(), on=_day("2024-09-15")),),
             _day("2024-09-15"), "TR", ["RU"])

# Left Thailand on 20 November 2026 after 134 days over: a year's ban at least, to 19 November
# 2027. Back on 10 January 2027 and there on 15 March, 35 days over (leaving brings no ban
# that bars whatever he did): the earliest entry is after the first stay's ban, 20 November
# 2027; so for a second leaving on 1 April as recorded. A third, leaving on 1 December as
# recorded, 296 days over then: that ban, to 30 November 2028, ends later and puts the day
# off. A fourth, back from 1 September 2027 to 25 November and asked on 10 November, over the
# limit: the first stay's ban runs that day but is over by the day he leaves, and puts off
# nothing (the earliest entry is 26 November).
def _back_in_thailand(back: str, left: str | None) -> gen.Trips:
    return gen.Trips(trips=(gen.Trip("TH", _day("2026-06-10"), _day("2026-11-20")),
                            gen.Trip("RU", _day("2026-11-20"), _day(back)),
                            gen.Trip("TH", _day(back), None if left is None else _day(left))),
                     permits=(), on=_day("2027-03-15"))


TH_BACK_WHILE_BANNED = ((_back_in_thailand("2027-01-10", None),
                         _back_in_thailand("2027-01-10", "2027-04-01"),
                         _back_in_thailand("2027-01-10", "2027-12-01")),
                        _day("2027-03-15"), "TH", ["RU", "RU", "RU"])
TH_BACK_BEFORE_LEAVING = ((_back_in_thailand("2027-09-01", "2027-11-25"),),
                          _day("2027-11-10"), "TH", ["RU"])

# Left Thailand on 20 November 2026 after 134 days over and back the same day to 10 December,
# or a week later: the year's ban at least, from 20 November, barred either entry. In the host,
# no stay runs on from the query day (limited_by entry_ban), the count told as it is, and he
# is not over the stay limit; asked on the day he came back and on 1 December.
def _back_at_once(back: str) -> gen.Trips:
    return gen.Trips(trips=(gen.Trip("TH", _day("2026-06-10"), _day("2026-11-20")),
                            gen.Trip("TH", _day(back), _day("2026-12-10"))),
                     permits=(), on=_day("2026-11-20"))


TH_BACK_THE_SAME_DAY = ((_back_at_once("2026-11-20"), _back_at_once("2026-11-27")),
                        _day("2026-11-20"), "TH", ["RU", "RU"])
TH_BACK_IN_DECEMBER = ((_back_at_once("2026-11-20"), _back_at_once("2026-11-27")),
                       _day("2026-12-01"), "TH", ["RU", "RU"])
# Each of them, within the count, may stay no day more, as one over it: the earliest entry is
# after leaving on 10 December as recorded, and after the year's ban still running then: 20
# November 2027; so for one back on 27 November with no exit recorded, leaving on the query day
# (1 December). Back on 10 November 2027 to 30 November, nine days before that ban ends, and
# asked on 15 November: no ban runs on the day he leaves, and the earliest entry is the day
# after it, 1 December 2027.
TH_BACK_WITH_NO_EXIT = ((gen.Trips(trips=(gen.Trip("TH", _day("2026-06-10"), _day("2026-11-20")),
                                          gen.Trip("TH", _day("2026-11-27"), None)),
                                   permits=(), on=_day("2026-12-01")),),
                        _day("2026-12-01"), "TH", ["RU"])
TH_BACK_AS_THE_BAN_ENDS = ((gen.Trips(trips=(gen.Trip("TH", _day("2026-06-10"),
                                                      _day("2026-11-20")),
                                             gen.Trip("TH", _day("2027-11-10"),
                                                      _day("2027-11-30"))),
                                      permits=(), on=_day("2027-11-15")),),
                           _day("2027-11-15"), "TH", ["RU"])


# In Kazakhstan, 4 days over (graded: a fine; no ban) and 146 days over (past the bands the
# pack read: whether a ban follows is not known), both gone; a third still there 146 days over
# (not known either); a Kazakh citizen, whom no penalty judges. In Kyrgyzstan, a Russian 30
# days over, for whom the pack has no penalty rule at all.
KZ_UNGRADED = ((gen.Trips(trips=(gen.Trip("KZ", _day("2026-04-10"), _day("2026-07-12")),
                                 gen.Trip("KG", _day("2026-07-12"), None)),
                          permits=(), on=_day("2026-12-01")),
                gen.Trips(trips=(gen.Trip("KZ", _day("2026-04-10"), _day("2026-12-01")),
                                 gen.Trip("KG", _day("2026-12-01"), None)),
                          permits=(), on=_day("2026-12-01")),
                gen.Trips(trips=(gen.Trip("KZ", _day("2026-04-10"), None),),
                          permits=(), on=_day("2026-12-01")),
                gen.Trips(trips=(gen.Trip("KZ", _day("2026-04-10"), None),),
                          permits=(), on=_day("2026-12-01"))),
               _day("2026-12-01"), "KZ", ["RU", "RU", "RU", "KZ"])
# In Kazakhstan on 1 May 2027, a Russian whose stay under way is recorded to end on 15 July,
# 66 days over from 11 May (past the bands the pack read): leaving as recorded commits that
# overstay, whose ban is not known, though it is still ahead; a second, over from 29 April in
# the same stay; a third, whose overstay is planned in a later stay (from 9 August), and a
# fourth, away, with one planned from 30 August: neither is committed by leaving.
KZ_PLANNED_UNGRADED = (
    (gen.Trips(trips=(gen.Trip("KZ", _day("2027-01-10"), _day("2027-02-28")),
                      gen.Trip("KZ", _day("2027-04-01"), _day("2027-07-15"))),
               permits=(), on=_day("2027-05-01")),
     gen.Trips(trips=(gen.Trip("KZ", _day("2027-01-10"), _day("2027-02-28")),
                      gen.Trip("KZ", _day("2027-03-20"), _day("2027-07-15"))),
               permits=(), on=_day("2027-05-01")),
     gen.Trips(trips=(gen.Trip("KZ", _day("2027-04-20"), _day("2027-05-10")),
                      gen.Trip("KG", _day("2027-05-10"), _day("2027-06-01")),
                      gen.Trip("KZ", _day("2027-06-01"), _day("2027-09-30"))),
               permits=(), on=_day("2027-05-01")),
     gen.Trips(trips=(gen.Trip("KZ", _day("2027-06-01"), _day("2027-09-30")),),
               permits=(), on=_day("2027-05-01"))),
    _day("2027-05-01"), "KZ", ["RU", "RU", "RU", "RU"])
KG_NO_PENALTY_RULE = ((gen.Trips(trips=(gen.Trip("KG", _day("2026-01-10"), _day("2026-05-10")),
                                        gen.Trip("KZ", _day("2026-05-10"), None)),
                                 permits=(), on=_day("2026-06-01")),),
                      _day("2026-06-01"), "KG", ["RU"])


@BATCH
@given(drawn=ban_logs())
@example(drawn=TH_BANNED)
@example(drawn=AFTER_THE_BAN)
@example(drawn=TR_BANNED)
@example(drawn=TH_BACK_WHILE_BANNED)
@example(drawn=TH_BACK_BEFORE_LEAVING)
@example(drawn=TH_BACK_THE_SAME_DAY)
@example(drawn=TH_BACK_IN_DECEMBER)
@example(drawn=TH_BACK_WITH_NO_EXIT)
@example(drawn=TH_BACK_AS_THE_BAN_ENDS)
@example(drawn=KZ_UNGRADED)
@example(drawn=KZ_PLANNED_UNGRADED)
@example(drawn=KG_NO_PENALTY_RULE)
def test_entry_bans(drawn: tuple[Log, int, str, list[str]]) -> None:
    check_builtin(drawn)
