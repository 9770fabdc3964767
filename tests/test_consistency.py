"""One person, one day, the same answer: the commands that answer the same question from
different sides agree on the built-in rule pack, through their ``--json``.

A drawn person holds a citizenship the pack has stay rules for in a drawn host (RU, BY, UA,
KZ, perhaps a second one), an international passport (perhaps ending soon), perhaps a visa of
the host, registrations and permits, and a short history from 2022 to 2027 of stays in that
host and others (border runs, long stays, overstays). The relations checked, each where the
docs say the two commands meet:

* ``destinations``' row for a host and ``status --country HOST`` give the same stay, under the
  citizenship the row judges it by, unless the row ends it sooner on the visa or the document
  it is entered on (``limited_by`` ``visa`` or ``document``: docs/json.md), or the person
  leaves the host that day for another, where the row answers for coming back (docs/counting.md);
* ``entry --history`` and ``destinations`` give each document the same verdict, judged under
  the citizenship of the state that issued it (a dual citizen's second passport too), for a
  host the person is not in on the day (a row of a host the person is in answers for the
  entry already made: the README's "you are here"; ``entry`` asks of a new one, a border run);
* ``plan --length L``'s earliest entry D is the first day a new entry of L days fits
  (docs/counting.md), trips planned or recorded between the query day and D included: a stay
  from D for L days, added to the history, is what ``status`` on D allows (L days left, no
  day made non-compliant but those of a planned entry already over a limit), and a stay from
  D-1 is not, unless D is the query day or the end of the stay under way (a stay ended for
  want of a registration aside); ``earliest_until`` is at least L days on; and ``status``'
  earliest entry, with no day left, is ``plan --length 1``'s;
* ``report --format json``'s ``stay`` is ``status --json`` of the host the report is about; its
  last day of legal stay is ``status``' latest exit where the rules set it, and its
  registration deadline is ``status``' ``register_by``; its other destinations are
  ``destinations``' rows; and ``report --format ics`` has one event on each deadline's day,
  marked MISSED or PASSED as the JSON's ``missed`` says (docs/permit.md, report);
* ``batch``'s persons row is ``status`` for the same stays, and the log written as raw
  crossing events gives the persons table the stays give (docs/batch.md).

The "ci" profile of test_properties (derandomised) runs a few dozen examples; the "dev" one
(SOJOURN_HYPOTHESIS_PROFILE=dev) some thousands.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import icalendar
import polars as pl
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sojourn.batch.evaluate import evaluate, pack_judge
from sojourn.cli import app
from sojourn.rules.loader import load_pack

import strategies as gen
from test_properties import PROFILE

BUILTIN = load_pack()
# each command is run through the CLI: some 0.2 s an example in all
CONSISTENCY = settings(PROFILE, max_examples=40 if PROFILE.max_examples < 1000 else 3000)
runner = CliRunner()

STAY_HOSTS = sorted({r.host for r in BUILTIN.rules if r.topic == "stay"})
CITIZENSHIPS = ("RU", "RU", "RU", "BY", "UA", "KZ")
OTHERS = ("KZ", "KG", "GE", "AM", "TR", "RS", "UZ", "RU")
# the figures the pack's limits turn on: 30, 60 and 90 days, 180-day windows
NEAR = (0, 1, 2, 10, 30, 59, 60, 61, 89, 90, 91, 179, 180, 181)
PASSPORT = "international_passport"


def _iso(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


def _members(host: str) -> tuple[str, ...]:
    return ("DE", "FR") if host in BUILTIN.zones else (host,)


def _has_rules(host: str, citizenship: str) -> bool:
    return any(r.host == host and r.topic == "stay"
               and (citizenship in r.citizenships or "*" in r.citizenships)
               for r in BUILTIN.rules)


@dataclass(frozen=True)
class Person:
    host: str
    citizenships: tuple[str, ...]
    made: gen.Trips
    length: int
    passport_ends: int | None
    visa: tuple[str, int, int] | None  # issuer, first and last day
    registrations: tuple[tuple[str, int], ...]
    born: int | None

    def profile(self) -> dict[str, Any]:
        first = self.citizenships[0]
        documents: list[dict[str, Any]] = [
            {"type": PASSPORT, "country": first,
             **({"expires": _iso(self.passport_ends)} if self.passport_ends else {})},
            *({"type": PASSPORT, "country": c} for c in self.citizenships[1:])]
        if self.visa is not None:
            issuer, issued, expires = self.visa
            documents.append({"type": "visa", "country": issuer, "issued": _iso(issued),
                              "expires": _iso(expires)})
        return {
            "version": 1,
            "person": {"citizenships": list(self.citizenships), "documents": documents,
                       **({"born": f"{self.born}-05-05"} if self.born else {})},
            "trips": [{"country": t.country, "entry": _iso(t.entry),
                       **({"exit": _iso(t.exit)} if t.exit is not None else {})}
                      for t in self.made.trips],
            "registrations": [{"country": c, "on": _iso(d)} for c, d in self.registrations],
            "permits": [{"country": p.country, "valid_from": _iso(p.first),
                         "valid_to": _iso(p.last)} for p in self.made.permits],
        }


@st.composite
def persons(draw: st.DrawFn) -> Person:
    first = draw(st.sampled_from(CITIZENSHIPS))
    host = draw(st.sampled_from([h for h in STAY_HOSTS if _has_rules(h, first)]))
    members = _members(host)
    others = tuple(draw(st.lists(st.sampled_from([c for c in OTHERS if c not in members]),
                                 min_size=1, max_size=2, unique=True)))
    made = draw(gen.trips(members, others, NEAR, (89, 179)))
    # moved to a day from the 2022 exodus to 2026, across the pack's changes of rule
    start = draw(st.dates(dt.date(2022, 3, 1), dt.date(2026, 6, 30))).toordinal()
    shift = start - min([t.entry for t in made.trips] + [made.on])
    made = gen.Trips(
        tuple(gen.Trip(t.country, t.entry + shift, None if t.exit is None else t.exit + shift)
              for t in made.trips),
        tuple(gen.Permit(p.country, p.first + shift, p.last + shift) for p in made.permits)
        if draw(st.booleans()) else (),
        made.on + shift)
    second = draw(st.one_of(st.none(), st.none(), st.none(),
                            st.sampled_from([c for c in ("KZ", "RU", "BY", "KG", "AM")
                                             if c != first])))
    visa = None
    if draw(st.integers(0, 3)) == 0:
        issued = made.on + draw(st.integers(-200, 10))
        visa = (members[0], issued, issued + draw(st.sampled_from([0, 1, 29, 30, 89, 180])))
    registrations = tuple(
        (t.country, t.entry + draw(st.sampled_from([0, 1, 3, 5, 7, 15, 30, 31])))
        for t in made.trips if t.country in members and draw(st.integers(0, 2)) == 0)
    return Person(host, (first,) if second is None else (first, second), made,
                  draw(st.one_of(st.integers(1, 10), st.sampled_from([30, 60, 89, 90, 91]))),
                  draw(st.one_of(st.none(), st.integers(-30, 400).map(lambda k: made.on + k))),
                  visa, registrations, draw(st.sampled_from([None, None, 1990, 2012])))


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output)
    return json.loads(result.stdout)


def ran(*args: str) -> Any | None:
    """The answer, or None where the command refuses the history (exit code 2)."""
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 2), (args, result.output)
    return json.loads(result.stdout) if result.exit_code == 0 else None


STAY = ("latest_exit", "max_stay_days", "limited_by")


def check_destinations(path: str, p: Person, day: str, status: dict[str, Any]) -> None:
    rows = run("destinations", path, "--on", day, "--json")["destinations"]
    row = next(r for r in rows if r["host"] == p.host)
    if row["stay_unknown"] == "no stay answer":
        return
    judged = row["citizenship"] or status["citizenship"]
    same = status if judged == status["citizenship"] else run(
        "status", path, "--country", p.host, "--on", day, "--citizenship", judged, "--json")
    if status["present"] and not row["here"]:
        # left that day for another host: the row answers for coming back, a new entry with
        # its own count (docs/counting.md), where status judges the stay that ends that day;
        # the documents below are judged for that new entry as entry judges them
        pass
    elif row["limited_by"] in ("visa", "document"):  # ended sooner by the paper entered on
        assert same["latest_exit"] is None or row["latest_exit"] <= same["latest_exit"]
    else:
        assert {k: row[k] for k in STAY} == {k: same[k] for k in STAY}, row
    if row["here"]:
        return  # the entry already made, not a new one
    # each document under the citizenship of the state that issued it, a dual citizen's too
    # (docs/entry.md, "Age and documents"); only the first passport has an end drawn
    for document in row["documents"]:
        held = document["citizenship"]
        expiry = p.passport_ends if held == p.citizenships[0] else None
        args = ["entry", "--citizenship", held, "--document", document["document"],
                "--to", p.host, "--on", day, "--history", path, "--json",
                "--visa" if p.visa and p.visa[1] <= p.made.on <= p.visa[2] else "--no-visa"]
        if expiry is not None:
            args += ["--document-expires", _iso(expiry)]
        assert run(*args)["allowed"] == document["allowed"], document


def _violation_days(answer: dict[str, Any]) -> set[int]:
    return {day for run in answer["violations"]
            for day in range(_day(run["first_day"]), _day(run["last_day"]) + 1)}


def _days_of(trip: gen.Trip) -> set[int]:
    return set(range(trip.entry, (trip.entry if trip.exit is None else trip.exit) + 1))


def _with_stay(p: Person, entry: int) -> gen.Trips | None:
    """The history as a new entry into the host on ``entry`` for ``p.length`` days sees it,
    with that stay added; None where it cannot be a new entry that day. As docs/counting.md
    puts it: the stay under way in the host ends on the query day at the latest (or its
    recorded exit); away from the host, the stay elsewhere under way ends as the person leaves
    for the host; a stay without exit after the query day is its first day alone, and no stay
    runs on through one; one begun before ``entry`` that goes on past it is a stay the person
    is already in. A zone's members are one host, so its trips are written as in one member,
    which a stay in it then runs on through as the engine joins them."""
    on, last = p.made.on, entry + p.length - 1
    members = _members(p.host)

    def in_host(trip: gen.Trip) -> bool:
        return trip.country in members

    present = any(in_host(t) and t.entry <= on and (t.exit is None or t.exit >= on)
                  for t in p.made.trips)
    trips = []
    for trip in p.made.trips:
        exit_ = trip.exit
        if in_host(trip) and trip.entry <= on and (exit_ is None or exit_ >= on):
            exit_ = on if exit_ is None else exit_
        elif not in_host(trip) and trip.entry <= on and not present:
            exit_ = entry if exit_ is None else min(exit_, entry)
        elif exit_ is None:
            if in_host(trip) and entry < trip.entry < last:
                return None
            exit_ = max(trip.entry, on)
        if in_host(trip) and trip.entry < entry < exit_:
            return None
        trips.append(gen.Trip(members[0] if in_host(trip) else trip.country, trip.entry, exit_))
    return gen.Trips((*trips, gen.Trip(members[0], entry, last)), p.made.permits, on)


def _stay_fits(p: Person, entry: int, tmp: Path, status: dict[str, Any]) -> bool | None:
    """Whether a new stay of ``p.length`` days from ``entry`` fits, as ``status`` judges it on
    that day for the history with that stay (docs/counting.md): a stay that long is left, and
    the stay makes no day non-compliant, of its own or of a planned stay, but those of a
    planned entry into the host that already had one (such an entry is not protected). None:
    not known (no answer that day, a stay ended for want of a registration, or a stay
    elsewhere in its way when no limit applies, which delays no entry)."""
    barred = status["entry_barred_until"]
    if barred is not None and _iso(entry) <= barred:
        return False
    made = _with_stay(p, entry)
    if made is None:
        # a planned entry into the host within the stay: under a limit the stay ends there at
        # the latest; with none it delays nothing, as a planned trip elsewhere does not (README,
        # plan: "falls within that stay")
        return None if status["max_stay_days"] is None else False
    host = [t for t in made.trips[:-1] if t.country in _members(p.host)]  # the stay's last
    before = _violation_days(status)
    tainted = [t for t in host if t.entry > p.made.on and _days_of(t) & before]
    kept = set().union(*(_days_of(t) for t in host if t not in tainted))
    allowed = before | (set().union(*(_days_of(t) for t in tainted)) - kept)
    last = max([entry + p.length - 1, *(t.exit or t.entry for t in host
                                        if entry <= t.entry < entry + p.length - 1)])
    path = tmp / f"with-stay-{_iso(entry)}.yaml"
    path.write_text(yaml.safe_dump(replace(p, made=made).profile()), encoding="utf-8")
    then = ran("status", str(path), "--country", p.host, "--on", _iso(entry), "--json")
    if then is None:  # a stay elsewhere in its way: it delays an entry only under a limit
        return None if status["max_stay_days"] is None else False
    if then["unknown"] is not None or then["limited_by"] == "registration":
        return None
    broken = _violation_days(then)
    return ((then["max_stay_days"] is None or then["max_stay_days"] >= p.length)
            and not any(entry <= day <= last for day in broken) and broken <= allowed)


def check_plan(path: str, p: Person, day: str, status: dict[str, Any], tmp: Path) -> None:
    plan = run("plan", path, "--country", p.host, "--from", day, "--length", str(p.length),
               "--json")
    if status["unknown"] is None and status["max_stay_days"] == 0 and not status["present"]:
        one = run("plan", path, "--country", p.host, "--from", day, "--length", "1", "--json")
        assert one["earliest_entry"] == status["earliest_entry"]
    first = plan["earliest_entry"]
    if plan["unknown"] is not None or first is None:
        return
    assert first >= day
    entry = dt.date.fromisoformat(first).toordinal()
    if plan["earliest_until"] is not None:
        assert plan["earliest_until"] >= _iso(entry + p.length - 1)
    if status["unknown"] is not None:
        return
    assert _stay_fits(p, entry, tmp, status) is not False
    # the earliest: from the query day, or from the recorded end of the stay under way there
    start = max([p.made.on, *(t.exit for t in p.made.trips if t.country in _members(p.host)
                              and t.exit is not None and t.entry <= p.made.on <= t.exit)])
    if entry > start:
        assert _stay_fits(p, entry - 1, tmp, status) is not True


def check_report(path: str, p: Person, day: str, tmp: Path) -> None:
    report = ran("report", path, "--on", day, "--format", "json")
    if report is None:
        return  # no stay on or before the day: the report cannot tell where the person is
    status = run("status", path, "--country", report["host"], "--on", day, "--json")
    # the version is the whole answer's, given once at its top level
    assert report["schema_version"] == status.pop("schema_version")
    assert report["stay"] == status
    deadlines = report["deadlines"]
    if status["present"] and status["limited_by"] == "rule" and status["latest_exit"]:
        assert [d["day"] for d in deadlines if d["what"].startswith("last day of legal stay")
                ] == [status["latest_exit"]]
    register = status["registration"]
    if register and not register["done"] and register["covered_by_permit_from"] is None:
        assert register["by"] in [d["day"] for d in deadlines]
    rows = {r["host"]: r for r in run("destinations", path, "--on", day, "--json")
            ["destinations"]}
    for other in report["alternatives"]:
        row = rows[other["host"]]
        assert {k: other[k] for k in row if k in other} == row
    ics = tmp / "deadlines.ics"
    runner.invoke(app, ["report", path, "--on", day, "-o", str(ics)])
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    marks = sorted((e.decoded("dtstart").isoformat(), str(e.get("summary")).split(":")[0])
                   for e in events)
    assert [(d, m if m in ("MISSED", "PASSED") else None) for d, m in marks] == sorted(
        (d["day"], "MISSED" if d["missed"] else "PASSED" if d["missed"] is None else None)
        for d in deadlines)


def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


# In Kazakhstan since 1 February 2023, still there on 1 June, past the 90 days: the report's
# last day of legal stay (1 May) is missed, and its calendar event says so
OVERSTAYING = Person("KZ", ("RU",), gen.Trips((gen.Trip("KZ", _day("2023-02-01"), None),), (),
                                              _day("2023-06-01")),
                     30, None, None, (), None)

# In the UAE on 1 March 2022 and off to Kazakhstan the same day: status judges the UAE stay
# that ends that day (1 day), destinations' UAE row a coming back (90 days), as documented
LEAVING = Person("AE", ("RU",), gen.Trips((gen.Trip("AE", _day("2022-03-01"), _day("2022-03-01")),
                                           gen.Trip("KZ", _day("2022-03-01"),
                                                    _day("2022-03-01"))),
                                          (), _day("2022-03-01")),
                 30, None, None, (), None)


@CONSISTENCY
@example(p=OVERSTAYING)
@example(p=LEAVING)
@given(p=persons())
def test_the_commands_agree_on_one_person_and_day(p: Person, tmp_path_factory: Any) -> None:
    tmp = tmp_path_factory.mktemp("person")
    path = str(tmp / "person.yaml")
    Path(path).write_text(yaml.safe_dump(p.profile()), encoding="utf-8")
    day = _iso(p.made.on)
    status = ran("status", path, "--country", p.host, "--on", day, "--json")
    if status is None:
        return  # a history the loader refuses (stays overlapping): helper 23's ground
    check_destinations(path, p, day, status)
    check_plan(path, p, day, status, tmp)
    check_report(path, p, day, tmp)


# the persons table's columns that are status --json's keys of the same name (docs/batch.md)
BATCH_KEYS = ("present", "entered", "days_used", "days_remaining", "latest_exit",
              "max_stay_days", "limited_by", "earliest_entry", "entry_barred_until")


@settings(CONSISTENCY, max_examples=CONSISTENCY.max_examples // 2)
@given(p=persons())
def test_batch_gives_each_person_what_status_gives(p: Person, tmp_path_factory: Any) -> None:
    if not p.made.trips:
        return
    path = tmp_path_factory.mktemp("log") / "history.csv"
    path.write_text("country,entry,exit\n" + "".join(
        f"{t.country},{_iso(t.entry)},{_iso(t.exit) if t.exit is not None else ''}\n"
        for t in p.made.trips), encoding="utf-8")
    day = dt.date.fromordinal(p.made.on)
    citizenship = p.citizenships[0]
    status = ran("status", str(path), "--country", p.host, "--on", day.isoformat(),
                 "--citizenship", citizenship, "--json")
    if status is None or status["unknown"] is not None:
        return  # refused, or no answer: batch rejects such a person
    log = pl.DataFrame(
        [("p", t.country, dt.date.fromordinal(t.entry),
          None if t.exit is None else dt.date.fromordinal(t.exit), citizenship)
         for t in p.made.trips],
        schema={"person_id": pl.String, "country": pl.String, "entry": pl.Date,
                "exit": pl.Date, "citizenship": pl.String}, orient="row")
    log = log.sort("entry").with_columns(row=pl.int_range(1, pl.len() + 1, dtype=pl.Int64),
                                         line=pl.lit(None, pl.Int64))
    persons, _ = evaluate(log, pack_judge(BUILTIN, p.host, day), day, earliest_entry=True)
    [row] = persons.to_dicts()
    got = {k: row[k].isoformat() if isinstance(row[k], dt.date) else row[k]
           for k in BATCH_KEYS}
    assert got == {k: status[k] for k in BATCH_KEYS}


def _persons_table(log: Path, host: str, day: str, citizenship: str) -> list[dict[str, Any]]:
    out = log.with_suffix(".persons.parquet")
    result = runner.invoke(app, ["batch", str(log), "--country", host, "--on", day,
                                 "--citizenship", citizenship, "--earliest-entry",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    return pl.read_parquet(out).to_dicts()


@settings(CONSISTENCY, max_examples=CONSISTENCY.max_examples // 2)
@given(p=persons())
def test_batch_reads_crossing_events_as_the_stays_they_pair_into(
        p: Person, tmp_path_factory: Any) -> None:
    """The log as raw crossing events, an ``in`` on each entry and an ``out`` on each exit
    recorded (docs/batch.md), gives the persons table the stays give, and both are
    ``status``' answer."""
    if not p.made.trips:
        return
    tmp = tmp_path_factory.mktemp("log")
    stays, events = tmp / "stays.csv", tmp / "events.csv"
    stays.write_text("person_id,country,entry,exit\n" + "".join(
        f"p,{t.country},{_iso(t.entry)},{'' if t.exit is None else _iso(t.exit)}\n"
        for t in p.made.trips), encoding="utf-8")
    events.write_text("person_id,date,direction,country\n" + "".join(
        f"p,{_iso(t.entry)},in,{t.country}\n"
        + ("" if t.exit is None else f"p,{_iso(t.exit)},out,{t.country}\n")
        for t in p.made.trips), encoding="utf-8")
    day, citizenship = _iso(p.made.on), p.citizenships[0]
    from_stays = _persons_table(stays, p.host, day, citizenship)
    assert _persons_table(events, p.host, day, citizenship) == from_stays
    status = ran("status", str(stays), "--country", p.host, "--on", day,
                 "--citizenship", citizenship, "--json")
    if status is None or status["unknown"] is not None:
        return  # refused, or no answer: batch rejects such a person
    [row] = from_stays
    assert {k: row[k].isoformat() if isinstance(row[k], dt.date) else row[k]
            for k in BATCH_KEYS} == {k: status[k] for k in BATCH_KEYS}
