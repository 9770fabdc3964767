"""``rules``: the rule pack's coverage, its rules listed, shown and changed over a period, and a
pack checked."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from sojourn.cli._click import SojournGroup, SojournTyper
from sojourn.cli._common import emit, guarded, json_text, rule_pack, stdout_console, warn
from sojourn.cli._options import (
    AsJson,
    AsJsonList,
    On,
    PackDir,
    choice,
    country_option,
    day_option,
    host_option,
)
from sojourn.cli.app import app
from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.errors import Gathered, InputError, Problem, shown
from sojourn.words import LAST_SEEN_MARK, NO_END, count, run_of_days

if TYPE_CHECKING:
    from sojourn.rules.loader import Pack
    from sojourn.rules.schema import Zone
    from sojourn.rules.topics import Membership

rules_app = SojournTyper(help="The rule pack: list, show and validate its rules, the changes in a "
                              "host's rules over a period, and its coverage per host and topic.",
                         no_args_is_help=True, cls=SojournGroup)
app.add_typer(rules_app, name="rules")


@rules_app.command("coverage")
@guarded
def rules_coverage(
    citizenship: Annotated[str, typer.Option("--citizenship", metavar="CODE",
                                             help="Citizenship whose rules are covered (ISO "
                                             "code).")] = "RU",
    on: On = None,
    as_json: AsJsonList = False,
    pack: PackDir = None,
) -> None:
    """Per host and topic: what is encoded, its confidence, and what is unknown."""
    from sojourn.cli.render.rules import print_coverage
    from sojourn.explain import coverage_json
    from sojourn.rules.coverage import SINCE, coverage

    with Gathered() as gathered:  # every bad value told at once
        code = gathered.read(country_option, citizenship, "--citizenship")
        day = gathered.read(day_option, on, "--on")
    if day < SINCE:
        # the table spans the corridor's period up to the day: before it begins, there is none
        # ("from 1 January 2022 to 1 June 2021")
        raise InputError(Problem("--on", None, None, on or day.isoformat(),
                                 f"is before {SINCE.isoformat()}, where the coverage begins",
                                 f"a date from {SINCE.isoformat()}"))
    cells = coverage(rule_pack(pack), code, day)
    emit(as_json, lambda: coverage_json(cells), lambda c: print_coverage(cells, code, day, c))


ListCountry = Annotated[str | None, typer.Option(
    "--country", metavar="CODE", help="Only the rules of this host country or zone (AM, "
    "SCHENGEN).")]
ListCitizenship = Annotated[str | None, typer.Option(
    "--citizenship", metavar="CODE", help="Only the rules for citizens of this country (ISO "
    "code), those for every citizenship too.")]


@rules_app.command("list")
@guarded
def rules_list(
    country: ListCountry = None,
    topic: Annotated[str | None, typer.Option(
        "--topic", metavar="TOPIC", help="Only the rules on this topic (stay, registration, "
        "permit, entry, exit, penalty, ...: the topic column).")] = None,
    citizenship: ListCitizenship = None,
    on: Annotated[str | None, typer.Option(
        "--on", metavar="DATE", help="Only the rules in force that day, YYYY-MM-DD (in the "
        "dates of their default account).")] = None,
    as_json: AsJsonList = False,
    pack: PackDir = None,
) -> None:
    """Every rule in the pack, or those the options keep: id, host, dates, confidence."""
    from sojourn.explain import rule_json
    from sojourn.rules.schema import TOPICS
    from sojourn.rules.select import applies_to, apply

    loaded = rule_pack(pack)
    with Gathered() as gathered:  # every bad value told at once
        host = (None if country is None
                else gathered.read(host_option, loaded, country, "--country"))
        chosen_topic = gathered.read(choice, topic, TOPICS, "--topic")
        code = (None if citizenship is None
                else gathered.read(country_option, citizenship, "--citizenship"))
        day = None if on is None else gathered.read(day_option, on, "--on")
    zone = None if host is None or chosen_topic is None else _judging_zone(
        loaded, host, chosen_topic, day)
    kept = host if zone is None else zone.id
    # the dates and confidence the answers use: the default account's, where it sets them
    ruled = [(r, apply(r, r.variant(None))) for r in loaded.rules
             if (kept is None or r.host == kept)
             and (chosen_topic is None or r.topic == chosen_topic)
             and (code is None or applies_to(r, code))]
    ruled = [(r, a) for r, a in ruled if day is None or a.in_force(day)]
    if as_json:
        print(json_text([rule_json(r) for r, _ in ruled]))
        return
    if not ruled:
        print("No rule in the pack is kept by " + " and ".join(
            f"{option} {value}" for option, value in (
                ("--country", host), ("--topic", chosen_topic), ("--citizenship", code),
                ("--on", day)) if value is not None) + _zone_hint(loaded, host) + ".")
        return

    def told(own: object, default: object, text: str) -> str:
        return text + ("*" if default != own else "")

    rows = [("id", "host", "citizens", "topic", "from", "to", "conf.", "variants")]
    for r, a in sorted(ruled, key=lambda ra: (ra[0].host, ra[0].topic, ra[1].valid_from)):
        rows.append((r.id, r.host, ",".join(r.citizenships), r.topic,
                     told(r.valid_from, a.valid_from, a.valid_from.isoformat()),
                     told(r.valid_to, a.valid_to,
                          (LAST_SEEN_MARK if a.last_seen else "") + a.valid_to.isoformat()
                          if a.valid_to else NO_END),
                     told(r.confidence, a.confidence, a.confidence),
                     ",".join(v.name for v in r.variants) or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:  # plain aligned text: never truncated, easy to grep
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if any("*" in cell for row in rows[1:] for cell in row[4:7]):
        print("*: set by the rule's default variant (its account the answers use unless "
              "--assume names another); `sojourn rules show ID` gives every account")
    if zone is not None and host is not None:
        # the zone's rules, lest they read as the member state's own
        name = country_name(host)
        print(f"{name} has no {chosen_topic} rules of its own in the pack; these are "
              f"{zone.title}'s, which judge it" + "".join(
                  _member_days(m, zone.id, name) for m in zone.members if m.country == host))
    if any(a.last_seen for _, a in ruled):
        # an end a source last saw, in a column of known ends, read as the day it ended
        print(f"{LAST_SEEN_MARK}: in force to at least that day, the last day its sources "
              "show it in force, not a known end")


@rules_app.command("changes")
@guarded
def rules_changes(
    country: Annotated[str, typer.Option("--country", metavar="CODE", show_default=False,
                                         help="Host country or zone, e.g. AM.")],
    first: Annotated[str, typer.Option("--from", metavar="DATE", show_default=False,
                                       help="First day of the period, YYYY-MM-DD.")],
    last: Annotated[str, typer.Option("--to", metavar="DATE", show_default=False,
                                      help="Last day of the period, YYYY-MM-DD.")],
    citizenship: ListCitizenship = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """The host's rules that begin or end in a period, by day: what each replaced, and what
    the two say differently."""
    from sojourn.cli.render.rules import print_changes
    from sojourn.explain import changes_json
    from sojourn.rules.changes import changes

    loaded = rule_pack(pack)
    with Gathered() as gathered:  # every bad value told at once
        host = gathered.read(host_option, loaded, country, "--country")
        code = (None if citizenship is None
                else gathered.read(country_option, citizenship, "--citizenship"))
        start = gathered.read(day_option, first, "--from")
        end = gathered.read(day_option, last, "--to")
    if end < start:
        raise InputError(Problem("--to", None, None, last, f"is before --from {start}",
                                 "a date on or after --from"))
    found = changes(loaded.rules, host, code, start, end)
    # a zone by its title (the Schengen area), as every answer names it
    name = loaded.zones[host].title if host in loaded.zones else country_name(host)
    emit(as_json, lambda: changes_json(found, host, code, start, end),
         lambda c: print_changes(found, name, code, start, end, _zone_hint(loaded, host), c))


def _judging_zone(pack: Pack, host: str, topic: str, day: dt.date | None) -> Zone | None:
    """With --topic, the zone whose rules on it judge the member state ``host``, which has
    none of its own on it (Pack.judging_zone, as status and permit judge it): on --on, or
    without it, on the days it is a member, which the line after the table gives (Croatia's
    from 1 January 2023). None for a zone, a state with rules of its own on ``topic``, or one
    in no zone (that day)."""
    if day is not None:
        return pack.judging_zone(host, day, (topic,))
    return next((pack.judging_zone(host, m.since or m.until or dt.date.min, (topic,))
                 for z in pack.zones.values() for m in z.members if m.country == host), None)


def _zone_hint(pack: Pack, host: str | None) -> str:
    """Where a member country of a zone has no rules of its own: the zone whose rules do, and
    on which days. Croatia is the Schengen area's from 1 January 2023 only: "is judged as part
    of the Schengen area" alone read as true of 2022 too (`rules list --country HR --on
    2022-06-01`), and `rules changes` over the joining day told of no change at all."""
    if host is None or any(r.host == host for r in pack.rules):
        return ""
    name = country_name(host)
    return "".join(f"; {name} is judged as part of {z.title}{_member_days(m, z.id, name)}"
                   for z in pack.zones.values() for m in z.members if m.country == host)


def _member_days(member: Membership, zone: str, name: str) -> str:
    """": --country SCHENGEN" for a member on every day the pack covers; " from 1 January
    2023 (--country SCHENGEN), and by Croatia's own rules before then, none of which the pack
    has" for one that joined (or left) within them."""
    since, until = member.since, member.until
    if since is None and until is None:
        return f": --country {zone}"
    if until is None:
        assert since is not None
        days, outside = f"from {format_long(since)}", "before then"
    elif since is None:
        days, outside = f"to {format_long(until)}", "after then"
    else:
        days, outside = f"from {run_of_days(since, until)}", "outside those days"
    return (f" {days} (--country {zone}), and by {name}'s own rules {outside}, none of which "
            "the pack has")


@rules_app.command("show")
@guarded
def rules_show(rule_id: Annotated[str, typer.Argument(metavar="RULE_ID",
                                                      help="A rule id from `rules list`.")],
               as_json: AsJson = False, pack: PackDir = None) -> None:
    """One rule with its constraints, sources, confidence and variants (or an entry of a
    criminal code that `risk` names: an offence, a gravity scale, limitation periods, a
    wanted list's record; or an extradition treaty)."""
    from sojourn.cli.render.rules import code_entries
    from sojourn.explain import code_entry_json, rule_json

    loaded = rule_pack(pack)
    rule = loaded.rule(rule_id)
    # the criminal code's entries that risk names beside its rules (an article's version, the
    # limitation periods, a wanted list's record), and the treaties it names, with their
    # sources: ids of their own
    entries = code_entries(loaded)
    if rule is None and rule_id in entries:
        entry = entries[rule_id]
        if as_json:
            print(json_text(code_entry_json(entry)))
            return
        from sojourn.cli.render.rules import print_code_entry

        print_code_entry(entry, stdout_console())
        return
    if rule is None:
        from sojourn.errors import UsageError, did_you_mean

        raise UsageError(f"no rule {shown(rule_id)} in the pack"
                         + (did_you_mean(rule_id, [*(r.id for r in loaded.rules), *entries])
                            or "; `sojourn rules list` shows the ids"))
    if as_json:
        print(json_text(rule_json(rule)))
        return
    from sojourn.cli.render.rules import print_rule

    print_rule(rule, stdout_console())


@rules_app.command("validate")
@guarded
def rules_validate(path: Annotated[str | None, typer.Argument(  # str: "" is no Path(".")
        metavar="PATH", help="A rule file or directory (default: the built-in pack).")
                   ] = None) -> None:
    """Check a rule pack and report every problem with its file and line."""
    from sojourn.rules.loader import load_pack

    loaded = load_pack(path)
    warn(loaded.warnings)
    where = str(path) if path is not None else "the built-in pack"
    warned = f", {count(len(loaded.warnings), 'warning')} above" if loaded.warnings else ""
    counts = ", ".join(count(len(items), *what) for items, what in (
        (loaded.rules, ("rule",)), (loaded.zones, ("zone",)), (loaded.blocs, ("bloc",)),
        (loaded.offences, ("offence",)), (loaded.treaties, ("treaty", "treaties")),
        (loaded.calendars, ("year of days off by decree", "years of days off by decree"))))
    stdout_console().print(f"{where}: {counts}; no problems{warned}.", highlight=False)
