"""``permit``: what a residence permit needs, and by when each step must start."""

from __future__ import annotations

from typing import Annotated

import typer

from sojourn.cli._common import emit, guarded, rule_pack, warn
from sojourn.cli._options import (
    AsJson,
    Assume,
    Citizenship,
    History,
    HostCountry,
    On,
    PackDir,
    citizenship_option,
    country_option,
    day_option,
)
from sojourn.cli.app import app
from sojourn.errors import Gathered


@app.command()
@guarded
def permit(
    history: History,
    country: HostCountry,
    # optional here so that a missing one is answered with the host's permit rules
    permit_id: Annotated[str | None, typer.Option(
        "--permit", metavar="RULE_ID",
        help="A permit rule id of the host (required; `sojourn rules list` lists them, topic "
             "permit).")] = None,
    apply_on: Annotated[str | None, typer.Option(
        "--apply-on", metavar="DATE",
        help="Day you mean to file, YYYY-MM-DD (default: the last day allowed).")] = None,
    on: On = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """What a residence permit needs, what is missing, and by when each step must start."""
    from sojourn.cli.render.permit import print_permit
    from sojourn.errors import UsageError
    from sojourn.explain import permit_json
    from sojourn.history import load_history
    from sojourn.permits import choosing_for, no_permit_rules, permit_plan, permit_rules_named

    # every value given is read before a missing --permit is told, and each bad one told at
    # once: a bad --apply-on would otherwise be told only on the run after --on is mended
    with Gathered() as gathered:
        rules = gathered.read(rule_pack, pack)
        host = gathered.read(country_option, country, "--country")
        day = gathered.read(day_option, on, "--on")
        filing = (gathered.read(day_option, apply_on, "--apply-on") if apply_on is not None
                  else None)
    if permit_id is None:
        # where the pack has no permit rules, --permit has nothing to choose from: not asked
        # for; the rules named are those of the citizenship a plan would judge (given, else
        # the profile's, as a wrong --permit names them) and the accounts assumed (a permit a
        # contested rule's account records refused is no route to offer)
        missing = no_permit_rules(rules, host, day)
        if missing is not None:
            raise UsageError(missing)
        whose = choosing_for(load_history(history), rules, host, day,
                             citizenship_option(citizenship))
        named = permit_rules_named(rules, host, whose, on=day, assume=tuple(assume or ()))
        raise UsageError(f"sojourn permit needs --permit RULE_ID; {named}")
    answer = permit_plan(load_history(history), rules,
                         country=host,
                         permit_id=permit_id, on=day,
                         apply_on=filing,
                         citizenship=citizenship_option(citizenship), assume=tuple(assume or ()),
                         compare=True)
    warn(answer.stay.warnings)
    emit(as_json, lambda: permit_json(answer), lambda c: print_permit(answer, c))
