"""The entry bans an overstay in the person's history brings, as they leave an answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sojourn.entry._answer import EntryAnswer, Reason
from sojourn.penalties import BanLine, UnknownBan, barring, cannot_tell
from sojourn.stay import low_confidence_note


def with_bans(e: EntryAnswer, bans: Sequence[BanLine],
              unknown: Sequence[UnknownBan] = ()) -> EntryAnswer:
    """The answer as the entry bans of the person's overstays leave it: a ban that runs on the
    day and bars entry whatever the person did (certain on no condition, or the shortest of a
    band's cases when each is a certain ban: BanLine.bars) refuses entry until its last day;
    one of unknown length leaves a yes unknown; a possible or conditional one is told beside
    the answer, with the last day it could run to. Bans not running on the day change
    nothing. An overstay whose ban the pack cannot tell (``unknown``) and that may bar the
    day is told beside the answer, as `status` tells it (UnknownBan.may_run_on)."""
    running = tuple(b for b in bans if b.runs_on(e.on))
    untold = [u for u in unknown if u.may_run_on(e.on)]
    if untold:
        e = replace(e, notes=(*e.notes, "your history's overstay there may bar this entry: "
                                        + cannot_tell(untold)))
    if not running:
        return e
    barred = barring(running)
    reasons, allowed = list(e.why), e.allowed
    if barred is not None:
        # the first reason of a "No" is its why
        reasons.insert(0, Reason(barred.words, (barred.rule.id,), refuses=True))
        allowed = False
    unsure = [b for b in running if b.ban.binding and b.last_day is None]
    if barred is None and unsure:
        reasons.extend(Reason(f"unknown: {b.words}", (b.rule.id,)) for b in unsure)
        allowed = None if allowed is not False else False
    notes = [f"your history's overstay there may bar this entry: {b.words}"
             for b in running if not b.ban.binding and b is not barred]
    named = {r.id for r in e.rules}
    rules = (*e.rules, *{b.rule.id: b.rule for b in running if b.rule.id not in named}.values())
    # a ban that decides the answer from a rule of low confidence is said so, as the others
    deciding = [b.rule.id for b in running if b is barred or b in unsure]
    notes += low_confidence_note([b.rule for b in running], deciding)
    # the account of a contested penalty rule that sets a ban's length, as status names it
    assumed = {(x.rule, x.variant) for x in e.assumptions}
    assumptions = (*e.assumptions, *{(x.rule, x.variant): x for b in running
                                     if (x := b.assumption) is not None
                                     and (x.rule, x.variant) not in assumed}.values())
    return replace(e, allowed=allowed, why=tuple(reasons), notes=(*e.notes, *notes),
                   rules=rules, bans=running, barred_by=barred, assumptions=assumptions,
                   visa_decides=e.visa_decides and allowed is None and not unsure)

