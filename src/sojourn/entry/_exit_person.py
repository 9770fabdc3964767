"""What a state's exit rules judge of the person, whatever the document shown: a military
summons received, a restriction on leaving, a criminal charge it brings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.entry._answer import ExitCheck
from sojourn.history.models import ChargeIn, ExitRestrictionIn, SummonsIn
from sojourn.rules.select import Applied
from sojourn.rules.topics import CriminalCaseCaution, RestrictionBan, SummonsBan
from sojourn.summonses import (
    account_if_it_moves,
    account_words,
    ban_counted_from,
    restriction_ban_from,
    restriction_bars_from,
    restriction_placed,
    restriction_runs,
    summons_ban_from,
)
from sojourn.words import listed


def summoned(rule: Applied, ban: SummonsBan, state: str, summonses: Sequence[SummonsIn],
              on: dt.date) -> ExitCheck | None:
    """What a summons of ``state``'s the person has received by ``on`` brings that day under
    ``ban``, ``rule``'s: the refusal of the earliest whose ban has begun (not before the
    rule's first day), or, where none has, a caution naming the day the earliest keeps him in
    from (an account counting from service lets out, on the days after the placement, a man
    whom the default keeps in: a bare "Yes" hid both the day and that the other account says
    no); with why, in words, naming the rule and the account of it assumed where another
    starts the ban on another day. None for no summons received by the day."""
    received = sorted((first, s) for s in summonses if s.country == state
                      and (first := summons_ban_from(s.placed_on, s.served_on)(rule)) is not None
                      and _received_by(s, on))
    if not received:
        return None
    first, summons = received[0]
    dated = ban.dated_from(summons.placed_on, summons.served_on)
    assert dated is not None  # as first is
    how = listed([*([f"placed in the register of summonses on {format_long(summons.placed_on)}"]
                    if summons.placed_on else []),
                  *([f"served on {format_long(summons.served_on)}"]
                    if summons.served_on else [])])
    account = account_if_it_moves(rule, summons_ban_from(summons.placed_on, summons.served_on))
    from_day = ban_counted_from(first, dated, 'your summons')
    named = f"({rule.id}{account_words(account)})"
    if first > on:
        # received, not yet barring: he may leave on the day, and is kept in from the day told
        return ExitCheck(state, True, f"caution: {ban.note}: your summons was {how}, so you "
                                      f"may leave on {format_long(on)} but not from "
                                      f"{from_day} {named}", rule.id, caution=True,
                         of_document=False, kept_in_from=first, account=account)
    why = f"{ban.note}: your summons was {how}, so you may not leave from {from_day} {named}"
    return ExitCheck(state, False, why, rule.id, of_document=False, kept_in_from=first,
                     account=account, dated_by_the_day_asked=False)


def _received_by(summons: SummonsIn, on: dt.date) -> bool:
    """Whether ``summons`` was placed in the register or served by ``on``: one received later
    is none on the day, as summonses.summons_notices judges it."""
    return min(d for d in (summons.placed_on, summons.served_on) if d is not None) <= on


def restricted(rule: Applied, ban: RestrictionBan, state: str,
                restrictions: Sequence[ExitRestrictionIn], on: dt.date) -> ExitCheck | None:
    """The refusal a restriction on leaving ``state`` that the profile records brings on
    ``on`` under ``ban``, ``rule``'s (the first of those running that day): why, in words,
    naming the rule, and the account of it assumed where another starts the ban on another
    day, as a summons's; None when none runs."""
    running = sorted((r for r in restrictions if r.country == state and r.runs_on(on)),
                     key=lambda r: r.since)
    if not running:
        return None
    first = running[0]
    account = account_if_it_moves(rule, restriction_ban_from(first.since))
    why = (f"{ban.note}: you record a restriction on leaving {country_name(state)} "
           f"{restriction_placed(first.by, first.note)}, "
           f"{restriction_runs(first.since, first.until, rule)} "
           f"({rule.id}{account_words(account)})")
    return ExitCheck(state, False, why, rule.id, of_document=False,
                     kept_in_from=restriction_bars_from(first.since, rule), account=account,
                     dated_by_the_day_asked=False)


def charged(caution: CriminalCaseCaution, state: str, charges: Sequence[ChargeIn]
             ) -> str | None:
    """The caution ``state``'s rule gives a citizen it charges (its wanted note where a charge
    is on a wanted list), naming the charges; None where it brings none."""
    own = [c for c in charges if c.country == state]
    if not own:
        return None
    wanted = [c for c in own if c.wanted != "none"]
    # the wanted note, where the rule has one, is said of the wanted charges; else the note
    # of them all
    sought = bool(wanted and caution.wanted_note)
    told = wanted if sought else own
    several = len(told) > 1
    # two counts under one article are two charges, but one article to name
    named = listed(list(dict.fromkeys(f"Art. {c.article}" + (f" part {c.part}" if c.part else "")
                                      for c in told)))
    if sought:
        return (f"caution: your {'charges' if several else 'charge'} under {named} "
                f"{'are' if several else 'is'} on a wanted list: {caution.wanted_note}")
    return (f"caution: you record {'charges' if several else 'a charge'} by "
            f"{country_name(state)} under {named}: {caution.note}")

