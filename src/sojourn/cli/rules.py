"""``rules``: the rule pack's coverage, its rules listed and shown, and a pack checked."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sojourn.cli._click import SojournGroup, SojournTyper
from sojourn.cli._common import emit, guarded, rule_pack, stdout_console, warn
from sojourn.cli._options import AsJson, AsJsonList, On, PackDir, country_option, day_option
from sojourn.cli.app import app
from sojourn.errors import InputError, Problem, shown
from sojourn.words import LAST_SEEN_MARK, NO_END, count

rules_app = SojournTyper(help="The rule pack: list, show and validate its rules, and its coverage "
                              "per host and topic.", no_args_is_help=True, cls=SojournGroup)
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

    code = country_option(citizenship, "--citizenship")
    day = day_option(on, "--on")
    if day < SINCE:
        # the table spans the corridor's period up to the day: before it begins, there is none
        # ("from 1 January 2022 to 1 June 2021")
        raise InputError(Problem("--on", None, None, on or day.isoformat(),
                                 f"is before {SINCE.isoformat()}, where the coverage begins",
                                 f"a date from {SINCE.isoformat()}"))
    cells = coverage(rule_pack(pack), code, day)
    emit(as_json, lambda: coverage_json(cells), lambda c: print_coverage(cells, code, day, c))


@rules_app.command("list")
@guarded
def rules_list(as_json: AsJsonList = False, pack: PackDir = None) -> None:
    """Every rule in the pack: id, host, dates, confidence."""
    from sojourn.explain import rule_json

    loaded = rule_pack(pack)
    if as_json:
        print(json.dumps([rule_json(r) for r in loaded.rules], ensure_ascii=False, indent=2))
        return
    from sojourn.rules.select import apply

    def told(own: object, default: object, text: str) -> str:
        return text + ("*" if default != own else "")

    rows = [("id", "host", "citizens", "topic", "from", "to", "conf.", "variants")]
    # the dates and confidence the answers use: the default account's, where it sets them
    ruled = [(r, apply(r, r.variant(None))) for r in loaded.rules]
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
    if any(a.last_seen for _, a in ruled):
        # an end a source last saw, in a column of known ends, read as the day it ended
        print(f"{LAST_SEEN_MARK}: in force to at least that day, the last day its sources "
              "show it in force, not a known end")


@rules_app.command("show")
@guarded
def rules_show(rule_id: Annotated[str, typer.Argument(metavar="RULE_ID",
                                                      help="A rule id from `rules list`.")],
               as_json: AsJson = False, pack: PackDir = None) -> None:
    """One rule with its constraints, sources, confidence and variants."""
    from sojourn.explain import rule_json

    loaded = rule_pack(pack)
    rule = loaded.rule(rule_id)
    if rule is None:
        from sojourn.errors import UsageError, did_you_mean

        raise UsageError(f"no rule {shown(rule_id)} in the pack"
                         + (did_you_mean(rule_id, (r.id for r in loaded.rules))
                            or "; `sojourn rules list` shows the ids"))
    if as_json:
        print(json.dumps(rule_json(rule), ensure_ascii=False, indent=2))
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
        (loaded.offences, ("offence",)),
        (loaded.calendars, ("year of days off by decree", "years of days off by decree"))))
    stdout_console().print(f"{where}: {counts}; no problems{warned}.", highlight=False)
