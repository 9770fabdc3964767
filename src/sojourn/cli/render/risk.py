"""The answer of `risk`: extradition exposure and liabilities in a host."""

from __future__ import annotations

from rich.console import Console

from sojourn.cli.render._common import (
    _assumption_lines,
    _freshness_line,
    _note,
    _print,
    _rules_block,
)
from sojourn.countries import country_name
from sojourn.dates import format_long as long
from sojourn.risk import RiskAnswer


def print_risk(r: RiskAnswer, console: Console, with_rules: bool = True,
               disclaimer: bool = True) -> None:
    judged = (f", as a citizen of {country_name(r.citizenship)}" if r.chosen_among_several
              else "")
    _print(console, f"Extradition exposure in {country_name(r.country)} on {long(r.on)}"
                    f"{judged}: {r.extradition}.")
    for reason in r.reasons:
        _print(console, f"  - {reason}")
    for lv in r.liabilities:
        lia = lv.rule.liability
        assert lia is not None
        flag = "may apply" if lv.applies else "would apply if you served abroad"
        _print(console, f"  Liability as a citizen of {country_name(lv.country)} ({flag}): "
                        f"Art. {lia.article}, {lia.offence}; {lia.penalty or 'penalty unknown'}"
                        f" ({lv.rule.id}); {lv.reason}.")
    for line in r.notes:
        _note(console, line)
    _freshness_line(console, r.rules, r.on)
    if with_rules:
        _rules_block(console, r.rules)
        for line in _assumption_lines(r.assumptions):
            _print(console, line, "yellow")
    if disclaimer:
        _print(console, r.disclaimer, "italic")
