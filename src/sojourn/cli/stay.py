"""``status`` and ``plan``: how long a stay may last from a day, and when a stay of so many
days can begin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sojourn.cli._common import guarded, json_text, rule_pack, stdout_console, warn
from sojourn.cli._options import (
    WAYS_IN,
    AsJson,
    Assume,
    By,
    Citizenship,
    Country,
    History,
    On,
    PackDir,
    RuleSpec,
    choice,
    citizenship_option,
    day_option,
    whole,
)
from sojourn.cli.app import app
from sojourn.errors import Gathered

if TYPE_CHECKING:
    from sojourn.history import History as Trips  # History is the HISTORY argument here
    from sojourn.rules.loader import Pack
    from sojourn.stay import StayReport


def _read(gathered: Gathered, history: Path, pack_dir: str | None, citizenship: str | None
          ) -> tuple[Trips, Pack, str | None]:
    """The history, the pack and --citizenship's code, read into ``gathered`` after the
    command's own options, in the order they were read before any was gathered."""
    from sojourn.history import load_history

    return (gathered.read(load_history, history), gathered.read(rule_pack, pack_dir),
            gathered.read(citizenship_option, citizenship))


def _report(hist: Trips, pack: Pack, country: str | None, rule: str | None, on: dt.date,
            code: str | None, assume: list[str] | None, length: int | None, as_json: bool,
            by: str | None = None) -> None:
    from sojourn.destinations import with_document_end
    from sojourn.explain import report_json
    from sojourn.stay import stay_report

    def answered(entry_from: dt.date | None = None, day: dt.date = on,
                 days: int | None = length) -> StayReport:
        report = stay_report(hist, pack, on=day, country=country, rule_spec=rule,
                             citizenship=code,
                             assume=tuple(assume or ()), length=days, compare=True,
                             entry_from=entry_from)
        if rule is None:  # a stay had on a document, from the pack: status's, and plan's
            report = with_document_end(report, hist, pack, citizenship=code,
                                       assume=tuple(assume or ()))
        return report

    report = answered()
    from sojourn.status import as_status_tells

    # a recorded entry after the real today has not been judged at any border yet; too long,
    # or an overstay planned: an extension the pack knows may fix it, unless under --rule
    report = as_status_tells(report, hist, pack, citizenship=code,
                             assume=tuple(assume or ()), today=dt.date.today(),
                             offer_extension=rule is None, by=by,
                             # status's search for the first day let in the way asked is
                             # plan's for a stay of one day
                             ask_from=None if rule is not None else (
                                 lambda day: answered(day, days=length or 1)),
                             stay_on=lambda day: answered(day=day, days=None))
    warn(report.warnings)
    if as_json:
        print(json_text(report_json(report)))
        return
    from sojourn.cli.render.stay import print_report

    print_report(report, stdout_console())


@app.command()
@guarded
def status(
    history: History,
    country: Country = None,
    rule: RuleSpec = None,
    on: On = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    by: By = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """How long may I stay from a day: days used, latest exit, overstays, registration."""
    # an entry on the day asked made that way, as plan --by judges its entry: where the entry
    # rules refuse it, the stay from the first day they let you in that way is told instead
    with Gathered() as gathered:  # every bad value told at once
        day = gathered.read(day_option, on, "--on")
        way = gathered.read(choice, by, WAYS_IN, "--by")
        hist, rules, code = _read(gathered, history, pack, citizenship)
    _report(hist, rules, country, rule, day, code, assume, None, as_json, way)


@app.command()
@guarded
def plan(
    history: History,
    length: Annotated[str, typer.Option("--length", metavar="DAYS",
                                        help="Days of the planned stay.")],
    country: Country = None,
    rule: RuleSpec = None,
    from_: Annotated[str | None, typer.Option(
        "--from", metavar="DATE", help="First day to consider, YYYY-MM-DD (default today).")
    ] = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    by: By = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """When is the earliest I can enter for a stay of --length days?"""
    from sojourn.engine.kinds import MAX_DAYS  # a stay no longer than a rule's count of days

    with Gathered() as gathered:  # every bad value told at once
        days = gathered.read(whole, length, "--length", 1, MAX_DAYS)
        first = gathered.read(day_option, from_, "--from")
        # the way in of the entry offered, judged by the host's entry rules as `entry --by`
        # judges it: a limit on entries by land counts it
        way = gathered.read(choice, by, WAYS_IN, "--by")
        hist, rules, code = _read(gathered, history, pack, citizenship)
    _report(hist, rules, country, rule, first, code, assume, days, as_json, way)
