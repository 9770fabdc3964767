"""``risk``: extradition exposure and liabilities in a host."""

from __future__ import annotations

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
def risk(
    history: History,
    country: HostCountry,
    on: On = None,
    citizenship: Citizenship = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """Extradition exposure in a host, and liability for foreign army service. Not legal advice."""
    from sojourn.cli.render.risk import print_risk
    from sojourn.explain import risk_json
    from sojourn.history import load_history
    from sojourn.risk import assess_risk

    with Gathered() as gathered:  # every bad value told at once
        hist = gathered.read(load_history, history)
        code = gathered.read(citizenship_option, citizenship)
        rules = gathered.read(rule_pack, pack)
        host = gathered.read(country_option, country, "--country")
        day = gathered.read(day_option, on, "--on")
    answer = assess_risk(hist, rules, country=host, on=day, citizenship=code,
                         assume=tuple(assume or ()))
    warn(answer.warnings)
    emit(as_json, lambda: risk_json(answer), lambda c: print_risk(answer, c))
