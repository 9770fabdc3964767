"""The answer of `risk`: extradition exposure and liabilities in a host."""

from __future__ import annotations

from rich.console import Console

from sojourn.cli.render._common import (
    contested_rule_lines,
    freshness_line,
    rules_block,
    say,
    say_note,
)
from sojourn.countries import country_name
from sojourn.dates import format_long as long
from sojourn.risk import RiskAnswer


def print_risk(r: RiskAnswer, console: Console, with_rules: bool = True,
               disclaimer: bool = True) -> None:
    judged = (f", as a citizen of {country_name(r.citizenship)}" if r.chosen_among_several
              else "")
    say(console, f"Extradition exposure in {country_name(r.country)} on {long(r.on)}"
                 f"{judged}: {r.extradition}.")
    for reason in r.reasons:
        say(console, f"  - {reason}")
    for o in r.other_citizenships:
        # the level's own reason says "unknown: ..." already
        level = f"{o.extradition}, under {o.rule}" if o.rule else o.reason
        say(console, f"  As a citizen of {country_name(o.citizenship)} (--citizenship "
                     f"{o.citizenship}): {level}.")
    for lv in r.liabilities:
        if lv.rule is None:
            say(console, f"  Liability as a citizen of {country_name(lv.country)} (not known): "
                         f"{lv.reason}.")
            continue
        lia = lv.rule.liability
        assert lia is not None
        flag = "may apply" if lv.applies else "would apply if you served abroad"
        say(console, f"  Liability as a citizen of {country_name(lv.country)} ({flag}): "
                     f"Art. {lia.article}, {lia.offence}; {lia.penalty or 'penalty unknown'}"
                     f" ({lv.rule.id}); {lv.reason}.")
    for line in r.notes:
        say_note(console, line)
    freshness_line(console, r.relied_on, r.on)
    if with_rules:
        rules_block(console, r.rules, entries=r.code_entries)
        for line in contested_rule_lines(r.assumptions):
            say(console, line, "yellow")
    if disclaimer:
        say(console, r.disclaimer, "italic")
