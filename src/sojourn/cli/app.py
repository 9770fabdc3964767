"""Typer commands. Every SojournError becomes a message on stderr and exit code 2, here only."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from sojourn.dates import ISO_FORM, parse_iso_date
from sojourn.errors import InputError, Problem, SojournError

app = typer.Typer(
    name="sojourn",
    help="How long may I stay, what must I do by when: stay rules as dated, sourced data.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would print travel histories
    add_completion=False,
)
rules_app = typer.Typer(help="List, show and validate the rule pack.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

F = TypeVar("F", bound=Callable[..., Any])


def _out() -> Console:
    return Console(soft_wrap=True)


def _fail(message: str) -> None:
    Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {message}", highlight=False,
                                                markup=True)
    raise typer.Exit(2)


def guarded(func: F) -> F:
    """Map sojourn's errors to exit code 2 with a message; never show a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SojournError as exc:
            from rich.markup import escape

            _fail(escape(str(exc)).replace("\n", "\n  "))
        return None

    return wrapper  # type: ignore[return-value]


def _day(value: str | None, option: str) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise InputError(Problem(option, None, None, value, str(exc), ISO_FORM)) from None


def _warn(warnings: tuple[str, ...]) -> None:
    err = Console(stderr=True, soft_wrap=True)
    for w in warnings:
        err.print(f"[yellow]warning:[/yellow] {w}", highlight=False, markup=True)


History = Annotated[Path, typer.Argument(help="Trips: a .csv (country,entry,exit) or a "
                                         ".yaml/.json profile.", show_default=False)]
Country = Annotated[str | None, typer.Option(
    "--country", help="Host country or zone (KZ, SCHENGEN); with --rule a comma list.")]
RuleSpec = Annotated[str | None, typer.Option(
    "--rule", help="Ad-hoc regime instead of the pack, e.g. per-entry:60+rolling:90/180.")]
Citizenship = Annotated[str | None, typer.Option(
    "--citizenship", help="Passport judged (ISO code); defaults to the profile's.")]
Assume = Annotated[list[str] | None, typer.Option(
    "--assume", help="Pick a named variant of a contested rule (repeatable).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
PackDir = Annotated[Path | None, typer.Option(
    "--pack", help="A rule pack directory to use instead of the built-in one.")]


def _report(history: Path, country: str | None, rule: str | None, on: dt.date,
            citizenship: str | None, assume: list[str] | None, length: int | None,
            pack_dir: Path | None, as_json: bool) -> None:
    from sojourn.explain import report_json
    from sojourn.history import load_history
    from sojourn.rules.loader import load_pack
    from sojourn.stay import stay_report

    hist = load_history(history)
    pack = load_pack(pack_dir)
    report = stay_report(hist, pack, on=on, country=country, rule_spec=rule,
                         citizenship=citizenship, assume=tuple(assume or ()), length=length)
    _warn(report.warnings)
    if as_json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        return
    from sojourn.cli.render import print_report

    print_report(report, _out())


@app.command()
@guarded
def status(
    history: History,
    country: Country = None,
    rule: RuleSpec = None,
    on: Annotated[str | None, typer.Option("--on", help="Day to judge (default today).")] = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """How long may I stay from a day: days used, latest exit, overstays, registration."""
    _report(history, country, rule, _day(on, "--on"), citizenship, assume, None, pack, as_json)


@app.command()
@guarded
def plan(
    history: History,
    length: Annotated[int, typer.Option("--length", min=1, help="Days of the planned stay.")],
    country: Country = None,
    rule: RuleSpec = None,
    from_: Annotated[str | None, typer.Option(
        "--from", help="First day to consider (default today).")] = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """When is the earliest I can enter for a stay of N days?"""
    _report(history, country, rule, _day(from_, "--from"), citizenship, assume, length, pack,
            as_json)


@rules_app.command("list")
@guarded
def rules_list(as_json: AsJson = False, pack: PackDir = None) -> None:
    """Every rule in the pack: id, host, dates, confidence."""
    from sojourn.explain import rule_json
    from sojourn.rules.loader import load_pack

    loaded = load_pack(pack)
    if as_json:
        print(json.dumps([rule_json(r) for r in loaded.rules], ensure_ascii=False, indent=2))
        return
    rows = [("id", "host", "citizens", "topic", "from", "to", "conf.", "variants")]
    for r in sorted(loaded.rules, key=lambda r: (r.host, r.topic, r.valid_from)):
        rows.append((r.id, r.host, ",".join(r.citizenships), r.topic, r.valid_from.isoformat(),
                     r.valid_to.isoformat() if r.valid_to else "open", r.confidence,
                     ",".join(v.name for v in r.variants) or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:  # plain aligned text: never truncated, easy to grep
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


@rules_app.command("show")
@guarded
def rules_show(rule_id: Annotated[str, typer.Argument(help="A rule id from `rules list`.")],
               as_json: AsJson = False, pack: PackDir = None) -> None:
    """One rule with its constraints, sources, confidence and variants."""
    from sojourn.explain import rule_json
    from sojourn.rules.loader import load_pack

    loaded = load_pack(pack)
    rule = loaded.rule(rule_id)
    if rule is None:
        from sojourn.errors import UsageError

        raise UsageError(f"no rule {rule_id!r} in the pack; `sojourn rules list` shows the ids")
    if as_json:
        print(json.dumps(rule_json(rule), ensure_ascii=False, indent=2))
        return
    from sojourn.cli.render import print_rule

    print_rule(rule, _out())


@rules_app.command("validate")
@guarded
def rules_validate(path: Annotated[Path | None, typer.Argument(
        help="A rule file or directory (default: the built-in pack).")] = None) -> None:
    """Check a rule pack and report every problem with its file and line."""
    from sojourn.rules.loader import load_pack

    loaded = load_pack(path)
    _out().print(f"{loaded.root}: {len(loaded.rules)} rules and {len(loaded.zones)} zones, "
                 "no problems.", highlight=False)


def main() -> None:
    """Entry point: run the app, turning any unexpected failure into a message, not a trace."""
    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:  # a bug: say so briefly, without locals or a traceback
        print(f"sojourn: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
