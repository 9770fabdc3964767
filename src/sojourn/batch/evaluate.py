"""Evaluate a table of checked stays (frames.STAYS) for one host on one day.

The host and regimes are resolved exactly as :func:`sojourn.stay.stay_report` resolves them:
``--country`` takes the pack's rules per person's citizenship (a host's own citizens are not
limited), ``--rule`` an ad-hoc regime. Persons are grouped by the regime that judges them, and
each group is answered by the columnar evaluator.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl

from sojourn.batch.bans import (
    ban_unknown,
    barred_on_entry,
    barred_until,
    bars_entry,
    overstay_rules,
)
from sojourn.batch.columnar import Group
from sojourn.batch.frames import ENGINE
from sojourn.batch.hosts import entries, resolve, split
from sojourn.batch.spans import MAX_RULES, SHIFT, to_date, to_ordinal
from sojourn.dates import WorkingCalendar
from sojourn.errors import UsageError
from sojourn.rules.loader import Pack
from sojourn.rules.select import Applied, Assumption, check_assumed, select
from sojourn.rules.spec import parse_spec
from sojourn.stay import (
    FOREVER,
    UNLIMITED,
    Member,
    Regime,
    ad_hoc_countries,
    ad_hoc_regime,
    as_member,
    one_calendar,
    pack_regime,
    resolve_host,
    working_calendar,
)

PERSONS: dict[str, pl.DataType] = {
    "person_id": pl.String(),
    "citizenship": pl.String(),
    "present": pl.Boolean(),
    "entered": pl.Date(),
    "days_used": pl.Int64(),
    "days_remaining": pl.Int64(),
    "latest_exit": pl.Date(),
    "max_stay_days": pl.Int64(),
    "limited_by": pl.String(),
    # with max_stay_days 0: the first day an entry may be made; only with --earliest-entry
    # (persons_schema)
    "earliest_entry": pl.Date(),
    # the last day of an entry ban that bars a person away from the host on the query day
    "entry_barred_until": pl.Date(),
    # an overstay committed whose entry ban the pack cannot tell (penalties.UnknownBan)
    "entry_ban_unknown": pl.Boolean(),
    "over_limit": pl.Boolean(),
    "binding_rule": pl.String(),
    "binding_in_force": pl.Boolean(),  # False: binding_rule takes effect after the query day
    "violations": pl.Int64(),
    "overstay_days": pl.Int64(),
    "first_violation_day": pl.Date(),
    "register_by": pl.Date(),
    "register_rule": pl.String(),
    "register_overdue": pl.Boolean(),
}
OPT_IN = ("earliest_entry",)  # columns of PERSONS a run asks for


def persons_schema(earliest_entry: bool = False) -> dict[str, pl.DataType]:
    """The persons table's columns: PERSONS, without ``earliest_entry`` unless asked for."""
    return {n: t for n, t in PERSONS.items() if earliest_entry or n not in OPT_IN}


VIOLATIONS: dict[str, pl.DataType] = {
    "person_id": pl.String(),
    "first_day": pl.Date(),
    "last_day": pl.Date(),
    "days": pl.Int64(),
    "peak": pl.Int64(),
    "rules": pl.List(pl.String()),
}


@dataclass(frozen=True)
class Judge:
    """Who judges whom: the host's member countries (None: every country counts), the regime
    for each citizenship, and the host's working-day calendar."""

    host: str
    members: tuple[Member, ...] | None
    regime_of: Callable[[str | None], Regime]
    calendar: WorkingCalendar
    warnings: tuple[str, ...] = ()
    # the overstay penalty rules for each citizenship (bans.overstay_rules); None: penalties
    # are not judged (a host's own citizens, an ad-hoc --rule), as status judges none
    overstay_penalties: Callable[[str | None], tuple[Applied, ...] | None] = lambda _: None


def pack_judge(pack: Pack, country: str, on: dt.date, assume: tuple[str, ...] = ()) -> Judge:
    host, members, warnings = resolve_host(pack, country, on)
    codes = {m.country for m in members}
    cache: dict[str, Regime] = {}

    def regime_of(citizenship: str | None) -> Regime:
        if citizenship is None:
            raise UsageError("a person has no citizenship; the pack's rules depend on it")
        if citizenship not in cache:
            cache[citizenship] = _judgeable(
                UNLIMITED if citizenship in codes
                else as_member(pack_regime(pack, host, citizenship, assume), pack, country,
                               host),
                f"the pack's rules for citizens of {citizenship} in {host}")
        return cache[citizenship]

    penalties: dict[str, tuple[Applied, ...]] = {}

    def overstay_penalties(citizenship: str | None) -> tuple[Applied, ...] | None:
        # a host's own citizens break no stay rule, and pay for none (stay_report)
        if citizenship is None or citizenship in codes:
            return None
        if citizenship not in penalties:
            rules, _ = select(pack, host, citizenship, assume, topics=("penalty",))
            penalties[citizenship] = overstay_rules(rules)
        return penalties[citizenship]

    # before any row is read, whatever citizenships follow
    check_assumed(pack, assume, (host,))
    return Judge(host, tuple(members), regime_of, working_calendar(host, pack), tuple(warnings),
                 overstay_penalties)


@dataclass(frozen=True)
class Assumed:
    """An account of a contested rule that a run judged by: the rule, the account, and the
    citizenships (of the persons judged) whose rules hold it."""

    assumption: Assumption
    citizenships: tuple[str, ...]


def assumed_accounts(judge: Judge, citizenships: Iterable[str | None]) -> tuple[Assumed, ...]:
    """The accounts of contested rules in the regimes of the ``citizenships`` judged (a
    host's own citizens' regime has none), each once, in the pack's order, as ``status``
    names the one it assumed: whether a person's days fall on the days an account disputes is
    not judged here."""
    held: dict[Assumption, list[str]] = {}
    for cit in sorted(c for c in set(citizenships) if c is not None):
        for x in judge.regime_of(cit).assumptions:
            held.setdefault(x, []).append(cit)
    return tuple(Assumed(x, tuple(cits)) for x, cits in held.items())


def rule_judge(spec: str, countries: str | None, pack: Pack | None = None) -> Judge:
    """An ad-hoc regime's judge; its working days are counted with the decrees moving days
    off that ``pack`` records, as ``status --rule`` counts them (none without a pack)."""
    constraints = parse_spec(spec)
    codes = ad_hoc_countries(countries)
    one_calendar(constraints, codes)
    regime = _judgeable(ad_hoc_regime(constraints), "--rule")
    members = tuple(Member(c, 0, FOREVER) for c in codes) if codes else None
    return Judge(",".join(codes) or "any", members, lambda _: regime,
                 working_calendar(codes[0] if len(codes) == 1 else None, pack))


def _judgeable(regime: Regime, what: str) -> Regime:
    """``regime``, refused if it has more rules than a violation run can name (spans.runs):
    its limits, and the registrations that end an unregistered stay (``effect: extends``),
    whose missed deadlines are overstays too."""
    named = ({x.ref for x in regime.limits}
             | {r.ref for r in regime.registrations if r.rule.effect == "extends"})
    if len(named) > MAX_RULES:
        raise UsageError(f"{what}: {len(named)} limits; the batch evaluator judges at "
                         f"most {MAX_RULES} at once")
    return regime


def _regime_key(regime: Regime) -> tuple[object, ...]:
    return (regime.limits, regime.registrations, regime.known)


CHUNK_ROWS = 1_000_000  # stays per slice: bounds the memory of the intermediate tables


def evaluate(stays: pl.DataFrame, judge: Judge, on: dt.date, *,
             chunk_rows: int = CHUNK_ROWS,
             progress: Callable[[int, int], None] | None = None,
             earliest_entry: bool = False,
             ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(persons, violations) for checked ``stays``: one row per person, one per run; the
    persons with the ``earliest_entry`` column only when asked (:func:`persons_schema`).

    Persons are evaluated in slices of about ``chunk_rows`` stays, whole persons each, so the
    intermediate tables stay small whatever the input's size; ``progress(done, total)`` is
    called after each slice."""
    if stays.is_empty():
        return (pl.DataFrame(schema=persons_schema(earliest_entry)),
                pl.DataFrame(schema=VIOLATIONS))
    if not _in_stays_order(stays):
        stays = stays.sort("person_id", "entry", "row")
    bounds = (person_slices(stays["person_id"], chunk_rows) if stays.height > chunk_rows
              else [(0, stays.height)])
    persons, violations = [], []
    for i, (offset, length) in enumerate(bounds):
        p, v = _evaluate_slice(stays.slice(offset, length), judge, on, earliest_entry)
        persons.append(p)
        violations.append(v)
        if progress is not None:
            progress(i + 1, len(bounds))
    return pl.concat(persons), pl.concat(violations)


def _in_stays_order(stays: pl.DataFrame) -> bool:
    """Whether the rows are by person_id, entry, row, as frames.STAYS has them (and normalize
    gives them): the order in which a person's stays on one day are taken."""
    if not stays["person_id"].is_sorted():
        return False
    entry, row = pl.col("entry"), pl.col("row")
    same_person = pl.col("person_id") == pl.col("person_id").shift(1)
    back = (entry < entry.shift(1)) | ((entry == entry.shift(1)) & (row < row.shift(1)))
    return not stays.select((same_person & back).any()).item()


def person_slices(ids: pl.Series, size: int) -> list[tuple[int, int]]:
    """(offset, length) of consecutive slices of about ``size`` rows of sorted ``ids``, each
    starting where a person's rows start (nulls, if any, sort together as one "person")."""
    starts = (ids != ids.shift(1)).fill_null(True).arg_true()
    cuts = [0]
    for target in range(size, len(ids), size):
        at = starts.search_sorted(target)
        if at < len(starts) and starts[at] > cuts[-1]:
            cuts.append(int(starts[at]))
    cuts.append(len(ids))
    return [(a, b - a) for a, b in itertools.pairwise(cuts) if b > a]


def _evaluate_slice(stays: pl.DataFrame, judge: Judge, on: dt.date, earliest_entry: bool
                    ) -> tuple[pl.DataFrame, pl.DataFrame]:
    day = on.toordinal()
    # Person keys from the sorted ids: a running count of id changes, with no join on text;
    # flagged sorted, which it is, so that joins on it merge rather than hash (spans.by_person_day).
    new = (pl.col("person_id") != pl.col("person_id").shift(1)).fill_null(True)
    keyed = stays.with_columns(pid=new.cum_sum().cast(pl.Int64).set_sorted(), first_row=new)
    people = _people(keyed)
    coded = keyed.select("pid", "country", first=to_ordinal("entry"), last=to_ordinal("exit"))
    host_df, other_df = _host_frames(coded, judge, day, day)

    groups: dict[tuple[object, ...],
                 tuple[Regime, tuple[Applied, ...] | None, list[str | None]]] = {}
    for cit in people["citizenship"].unique(maintain_order=True).to_list():  # a fixed order
        regime, penalties = judge.regime_of(cit), judge.overstay_penalties(cit)
        key = (*_regime_key(regime),
               None if penalties is None else tuple(r.id for r in penalties))
        groups.setdefault(key, (regime, penalties, []))[2].append(cit)
    answers, runs = [], []
    group_of = _group_of(people, [cits for _, _, cits in groups.values()])
    for number, (regime, penalties, _) in enumerate(groups.values()):
        def chosen(frame: pl.DataFrame, number: int = number) -> pl.DataFrame:
            return frame if group_of is None else frame.filter(group_of == number)

        group = Group(chosen(people).select("pid"), chosen(host_df), chosen(other_df),
                      regime, day, judge.calendar)
        result = group.answers(earliest_entry)
        persons = result.persons
        if penalties and bars_entry(penalties):
            persons = _barred(group, persons, result.violations, chosen(coded), judge,
                              penalties, earliest_entry)
        answers.append(persons)
        runs.append(result.violations.with_columns(ban_unknown=pl.lit(False))
                    if penalties is None else
                    ban_unknown(result.violations, penalties, day, result.persons,
                                lambda: _host_stays(chosen(coded), judge)))
    return (_persons_table(people, answers, runs, persons_schema(earliest_entry)),
            _violations_table(people, runs))


def _host_frames(coded: pl.DataFrame, judge: Judge, split_day: int, day: int
                 ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(entries into the host, planned trips elsewhere) of ``coded`` stays, as the scalar
    engine's case holds them: split at ``split_day`` (the query day), open stays taken as of
    ``day`` (the day judged: the query day, or the first after an entry ban)."""
    inside, outside = split(coded.lazy(), judge.members, split_day)
    one_country = judge.members is not None and len(judge.members) == 1
    # Stays elsewhere matter to the answers only as planned trips (from the day judged on);
    # all of them are needed only to tell crossings within a zone of several countries.
    # A part of a stay that begins on or after the day is of a stay that ends on or after
    # it, or has no end: the planned trips are split off those stays alone, a few of all
    # (each row's parts are its own, in the same order).
    ongoing = coded.lazy().filter(pl.col("last").is_null() | (pl.col("last") >= day))
    planned_trips = split(ongoing, judge.members, split_day)[1].filter(pl.col("first") >= day)
    host_entries, planned = resolve(entries(inside, outside, one_country), planned_trips, day)
    host_df, other_df = pl.collect_all([host_entries, planned], engine=ENGINE)
    return host_df, other_df


def _host_stays(coded: pl.DataFrame, judge: Judge) -> pl.DataFrame:
    """(pid, first, last) of the ``coded`` stays in the host's countries, in each person's
    order (null last: still there)."""
    codes = [m.country for m in judge.members or ()]
    return coded.filter(pl.col("country").is_in(codes)).select("pid", "first", "last")


def _barred(group: Group, persons: pl.DataFrame, violations: pl.DataFrame,
            coded: pl.DataFrame, judge: Judge, bans: tuple[Applied, ...],
            earliest_entry: bool) -> pl.DataFrame:
    """``persons`` (a group's answers) with ``entry_barred_until``, and the answer of a person
    away whom an entry ban bars on the query day made as stay._barred makes it: no stay
    begins (``max_stay_days`` 0, ``limited_by`` entry_ban, no latest exit, no registration
    owed), and the earliest entry is the first day after the ban, or, where the stay rules
    leave no day on it, their earliest entry from it."""
    day = group.on
    host_stays = _host_stays(coded, judge)
    persons = _entered_barred(persons, violations, host_stays, bans, day)
    earlier = barred_until(violations, host_stays, bans, day)
    if earliest_entry:
        persons = _put_off_if_leaving(group, persons, violations, coded, judge, bans,
                                      host_stays, earlier)
    barred = earlier.join(persons.filter(~pl.col("present")).select("pid"), on="pid",
                          how="semi")
    if barred.is_empty():
        return persons.with_columns(entry_barred_until=pl.lit(None, pl.Int64))
    if earliest_entry:
        barred = barred.join(_after_ban(group, barred, coded, judge), on="pid", how="left")
    is_barred = pl.col("entry_barred_until").is_not_null()
    changed = [
        pl.when(is_barred).then(pl.lit(None, pl.Int64)).otherwise(c).alias(c)
        for c in ("latest_exit", "register_by")]
    changed += [
        pl.when(is_barred).then(pl.lit(0, pl.Int64)).otherwise("max_stay_days")
        .alias("max_stay_days"),
        pl.when(is_barred).then(pl.lit("entry_ban")).otherwise("limited_by").alias("limited_by"),
        pl.when(is_barred).then(pl.lit(None, pl.String)).otherwise("register_rule")
        .alias("register_rule"),
        pl.when(is_barred).then(pl.lit(None, pl.Boolean)).otherwise("register_overdue")
        .alias("register_overdue")]
    if earliest_entry:
        changed.append(pl.when(is_barred).then("after_ban").otherwise("earliest_entry")
                       .alias("earliest_entry"))
    return (persons.join(barred.rename({"barred_until": "entry_barred_until"}), on="pid",
                         how="left", maintain_order="left")
            .with_columns(changed).drop("after_ban", strict=False))


def _entered_barred(persons: pl.DataFrame, violations: pl.DataFrame,
                    host_stays: pl.DataFrame, bans: tuple[Applied, ...], day: int
                    ) -> pl.DataFrame:
    """``persons`` with the answer of each one in the host whose entry under way a ban of an
    earlier recorded exit barred made as stay._entered_barred makes it: no stay runs on from
    the query day (``max_stay_days`` 0, ``limited_by`` entry_ban, no latest exit), the count
    as it is."""
    entered = persons.filter(pl.col("present") & pl.col("entered").is_not_null()).select(
        "pid", "entered")
    barred = barred_on_entry(violations, host_stays, bans, entered).select("pid")
    if barred.is_empty():
        return persons
    hit = pl.col("pid").is_in(barred["pid"].implode())
    return persons.with_columns(
        over_count=hit & _over_count(violations, entered, day),
        latest_exit=pl.when(hit).then(None).otherwise("latest_exit"),
        max_stay_days=pl.when(hit).then(pl.lit(0, pl.Int64)).otherwise("max_stay_days"),
        limited_by=pl.when(hit).then(pl.lit("entry_ban")).otherwise("limited_by"))


def _over_count(violations: pl.DataFrame, entered: pl.DataFrame, day: int) -> pl.Expr:
    """Whether each person in the host (``entered``) is over the stay count on the
    query day, as stay.overstay_under_way finds it: the binding count has no day left and a
    violation run covers the day (on the day of a border run, the stay left that day may end
    in a run while the new entry's count leaves days). Kept for ``over_limit`` where an
    entry ban's answer, no day left whatever the count, hides it."""
    under_way = (violations.join(entered, on="pid", how="semi")
                 .filter((pl.col("first") <= day) & (pl.col("last") >= day))
                 .select("pid").unique())
    return (pl.col("pid").is_in(under_way["pid"].implode())
            & (pl.col("days_remaining") == 0).fill_null(False))


def _put_off_if_leaving(group: Group, persons: pl.DataFrame, violations: pl.DataFrame,
                        coded: pl.DataFrame, judge: Judge, bans: tuple[Applied, ...],
                        host_stays: pl.DataFrame, earlier: pl.DataFrame) -> pl.DataFrame:
    """``persons`` with the earliest entry of each person in the host put off past the ban
    leaving would bring (barred_until ``if_leaving``), and past the ``earlier`` bans (pid,
    barred_until: those of recorded exits running on the query day) that still run on the
    day they are taken to leave, as stay._barred puts it off: the earliest entry status gives
    once the later of them is over. The stay under way is as counted. One whose entry under
    way a ban barred (``_entered_barred``: limited_by entry_ban), with days left by the count,
    has no earliest entry yet: it is sought from the day after leaving, or after those bans."""
    entered_barred = pl.col("present") & (pl.col("limited_by") == "entry_ban")
    unsought = persons.filter(entered_barred & pl.col("earliest_entry").is_null()).select("pid")
    present = persons.filter(pl.col("present") & (pl.col("earliest_entry").is_not_null()
                                                  | entered_barred)).select("pid")
    # the day each is taken to leave (Answer.leaving): the recorded end of the entry under
    # way, or the query day
    leaving = group.persons.join(present, on="pid", how="semi").select(
        "pid", leaving=pl.coalesce("recorded", pl.lit(group.on, pl.Int64)))
    still = (earlier.join(leaving, on="pid")
             .filter(pl.col("barred_until") >= pl.col("leaving")).select("pid", "barred_until"))
    if_leaving = (barred_until(violations, host_stays, bans, group.on, if_leaving=True)
                  .join(present, on="pid", how="semi"))
    # with no ban then, the unsought entry is the one after leaving, as after a ban ending
    # that day
    after_leaving = leaving.join(unsought, on="pid", how="semi").select(
        "pid", barred_until="leaving")
    barred = (pl.concat([if_leaving, still, after_leaving]).group_by("pid")
              .agg(pl.col("barred_until").max()).sort("pid"))
    if barred.is_empty():
        return persons
    after = _after_ban(group, barred, coded, judge)
    return (persons.join(after, on="pid", how="left", maintain_order="left")
            .with_columns(earliest_entry=pl.coalesce("after_ban", "earliest_entry"))
            .drop("after_ban"))


def _after_ban(group: Group, barred: pl.DataFrame, coded: pl.DataFrame, judge: Judge
               ) -> pl.DataFrame:
    """(pid, after_ban) for the ``barred`` persons (pid, barred_until): the earliest entry
    status gives once the ban is over, judged on the day after it (``free``). Where the rules
    are unknown on that day, that day itself (status has no figure to refuse it by). For a
    person with no stay in the host recorded to begin after the query day and go on to
    ``free`` (one that ends before counts its days, as on any day, and holds no day from
    ``free``), the day is sought as on the query day, stays elsewhere begun by ``free`` taken
    as under way (Group.earliest_entry's ``from``): the first day from ``free`` a one-day
    entry breaks no limit and no planned trip, ``free`` itself where a stay may begin then.
    A person in the host on ``free`` by such a stay is judged again on that day, once for all
    those barred to it."""
    day, regime = group.on, group.regime
    free = pl.col("barred_until") + 1
    known = pl.any_horizontal([free.is_between(f, z) for f, z in regime.known]
                              or [pl.lit(False)])
    host = pl.col("country").is_in([m.country for m in judge.members or ()])
    in_host = (host & (pl.col("first") <= free)
               & (pl.col("last").is_null() | (pl.col("last") >= free)))
    later = (coded.filter(pl.col("first") > day).join(barred, on="pid")
             .filter(in_host).select("pid").unique())
    found = [barred.filter(~known).select("pid", after_ban=free)]
    sought = barred.filter(known).join(later, on="pid", how="anti")
    if not sought.is_empty():
        found.append(group.earliest_entry(group.relevant_limits(),
                                          sought.select("pid", **{"from": free}))
                     .select("pid", after_ban="earliest"))
    judged_again = barred.filter(known).join(later, on="pid", how="semi")
    for (until,), who in judged_again.partition_by("barred_until", as_dict=True).items():
        after = int(until) + 1
        host_df, other_df = _host_frames(coded.join(who, on="pid", how="semi"), judge, day,
                                         after)
        answer = Group(who.select("pid"), host_df, other_df, regime, after,
                       judge.calendar).person_answers(earliest_entry=True, figures=False)
        found.append(answer.select(
            "pid", after_ban=pl.when(pl.col("max_stay_days") == 0).then("earliest_entry")
            .otherwise(pl.lit(after, pl.Int64))))
    return pl.concat(found)


def _group_of(people: pl.DataFrame, groups: list[list[str | None]]) -> pl.Expr | None:
    """The number of each row's person's group (by the citizenships each holds), looked up by
    the row's ``pid``: persons are numbered 1, 2, ... in ``people``'s order, so the number of
    the person with key ``pid`` is at ``pid - 1``. A filter on it picks a group's rows from a
    table of all persons' in their order, where joins on the group's keys cost several times
    as much. None for one group: every row is in it."""
    if len(groups) == 1:
        return None
    number = {cit: i for i, cits in enumerate(groups) for cit in cits}
    given = [c for c in number if c is not None]
    of_person = people.get_column("citizenship").replace_strict(
        given, [number[c] for c in given], default=number.get(None), return_dtype=pl.Int32)
    return pl.lit(of_person).gather(pl.col("pid") - 1)


def _people(keyed: pl.DataFrame) -> pl.DataFrame:
    """(pid, person_id, citizenship) per person of ``keyed`` (stays with ``pid`` and
    ``first_row``). A person's citizenship is the one their rows give: read off the first row
    when every row gives one or none does (as :func:`normalize` leaves them, see
    frames.STAYS), else the first given, by a group-by."""
    first = keyed.filter("first_row").select("pid", "person_id", "citizenship")
    missing = keyed.get_column("citizenship").null_count()
    if missing in (0, keyed.height):
        return first
    given = (keyed.filter(pl.col("citizenship").is_not_null()).group_by("pid")
             .agg(pl.col("citizenship").first()))
    return first.drop("citizenship").join(given, on="pid", how="left", maintain_order="left")


def _persons_table(people: pl.DataFrame, answers: list[pl.DataFrame],
                   runs: list[pl.DataFrame], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    all_runs = pl.concat(runs) if runs else pl.DataFrame(
        schema={"pid": pl.Int64, "first": pl.Int64, "last": pl.Int64, "ban_unknown": pl.Boolean})
    totals = all_runs.group_by("pid").agg(
        violations=pl.len().cast(pl.Int64),
        overstay_days=(pl.col("last") - pl.col("first") + 1).sum(),
        first_violation_day=pl.col("first").min(),
        entry_ban_unknown=pl.col("ban_unknown").any())
    dates = [n for n, t in schema.items() if t == pl.Date()]  # day ordinals until here
    # Every person is answered once, by their regime's group: the answers in pid order line
    # up with ``people``, which is in pid order (the ids' order), and are put beside it with
    # no join on pid, which costs twice the sort. Joins that keep its order need no sort
    # after them.
    answered = pl.concat(answers, how="diagonal_relaxed").sort("pid")
    if "entry_barred_until" not in answered.columns:  # no group's host bans entry
        answered = answered.with_columns(entry_barred_until=pl.lit(None, pl.Int64))
    if "over_count" not in answered.columns:  # no one's entry under way a ban barred
        answered = answered.with_columns(over_count=pl.lit(None, pl.Boolean))
    if not answered.get_column("pid").equals(people.get_column("pid")):
        # placed side by side, not joined: a person without exactly one answer would shift
        # every answer after it onto the wrong person (and python -O drops an assert)
        raise RuntimeError("batch: the regime groups did not answer each person once")
    table = (
        pl.concat([people, answered.drop("pid")], how="horizontal")
        .join(totals.sort("pid"), on="pid", how="left", maintain_order="left")
        .with_columns(pl.col("violations", "overstay_days").fill_null(0),
                      pl.col("entry_ban_unknown").fill_null(False),
                      # one whose entry a ban barred has no day left however the count
                      # stands: over the limit only where the count is over too
                      over_limit=pl.col("present")
                      & (pl.col("max_stay_days") == 0).fill_null(False)
                      & ((pl.col("limited_by") != "entry_ban").fill_null(True)
                         | pl.col("over_count").fill_null(False)))
        .with_columns([to_date(c).alias(c) for c in dates])
    )
    return table.select([pl.col(n).cast(t) for n, t in schema.items()])


def _violations_table(people: pl.DataFrame, runs: list[pl.DataFrame]) -> pl.DataFrame:
    if not runs:
        return pl.DataFrame(schema=VIOLATIONS)
    # Persons are numbered 1, 2, ... in ``people``'s order: a person's id is at pid - 1.
    ids = people.get_column("person_id")
    table = (
        pl.concat(runs).sort(pl.col("pid") * SHIFT + pl.col("first"))
        .select(pl.lit(ids).gather(pl.col("pid") - 1).alias("person_id"),
                first_day=to_date("first"), last_day=to_date("last"),
                days=pl.col("last") - pl.col("first") + 1, peak="peak", rules="rules")
    )
    return table.select([pl.col(n).cast(t) for n, t in VIOLATIONS.items()])
