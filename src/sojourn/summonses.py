"""What a military summons the profile records means for the person it summons, by the
pack's rules: away from the state that sent it, that its border keeps him in once he returns;
in that state, the day he is called to report, where the profile records it; and, either
way, what the pack knows of not reporting. The refusal itself, in that state, is the exit
rules' (entry.with_exit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sojourn.countries import country_name
from sojourn.dates import format_long
from sojourn.history import History
from sojourn.rules.loader import Pack
from sojourn.rules.select import select
from sojourn.words import listed


@dataclass(frozen=True)
class SummonsNotice:
    """A summons of ``state``'s the profile records by the day, and the exit rule of that
    state that keeps its citizen in while it stands (from ``bars_from``); ``inside``: the
    history has the person in ``state`` at the end of the day."""

    state: str
    placed_on: dt.date | None
    served_on: dt.date | None
    report_on: dt.date | None
    exit_rule: str
    bars_from: dt.date
    inside: bool

    @property
    def received(self) -> str:
        """"placed in the register of summonses on 20 November 2026", as the profile dates
        it."""
        return listed([*([f"placed in the register of summonses on "
                          f"{format_long(self.placed_on)}"] if self.placed_on else []),
                       *([f"served on {format_long(self.served_on)}"]
                         if self.served_on else [])])

    @property
    def not_reporting(self) -> str:
        """What the pack knows of not reporting: no rule of it encodes what that brings (the
        exit rule's note says so), and none is guessed."""
        return "what not reporting on it brings, the rule pack does not say"

    @property
    def abroad(self) -> str:
        """The notice to a person away from ``state``: returning, he is kept in."""
        name = country_name(self.state)
        return (f"you record a summons from {name}, {self.received}: should you return to "
                f"{name}, its border will not let you leave again while the summons stands, "
                f"from {format_long(self.bars_from)} ({self.exit_rule}); {self.not_reporting}")

    @property
    def at_home(self) -> str:
        """The notice to a person in ``state``: until he reports he is kept in, and the day
        to report, where the profile gives none (a day given is a deadline of its own)."""
        day = ("" if self.report_on else
               ": the profile gives no day to report (add it as report_on)")
        return (f"your summons from {country_name(self.state)}, {self.received}{day}; until "
                f"you report, its border will not let you leave ({self.exit_rule}); "
                f"{self.not_reporting}")


def summons_notices(history: History, pack: Pack, on: dt.date, assume: tuple[str, ...] = ()
                    ) -> tuple[SummonsNotice, ...]:
    """The summonses the profile of ``history`` records by ``on`` that an exit rule of the
    state that sent them, in force on ``on``, keeps its citizen in for; a summons no rule
    speaks of, or of a state the person is no citizen of, is left unsaid (the pack knows
    nothing of it)."""
    profile = history.profile
    if profile is None:
        return ()
    citizens = {c.upper() for c in history.citizenships}
    # on a crossing day the person ends the day in the later stay's country, as report's
    # _where judges it: leaving the summoning state that day is being away from it
    stays = history.stays_on(on)
    here = stays[-1].country if stays else None
    out = []
    for summons in profile.summonses:
        got = min(d for d in (summons.placed_on, summons.served_on) if d is not None)
        # a summons received after the day is none on it, as a charge for a later act
        if got > on or summons.country not in citizens:
            continue
        applied, _ = select(pack, summons.country, summons.country, assume, topics=("exit",))
        rule = next((a for a in applied if a.in_force(on) and a.summons is not None), None)
        if rule is None or rule.summons is None:
            continue
        bars_from = rule.summons.first_day(summons.placed_on, summons.served_on)
        assert bars_from is not None  # a summons is dated by one of the two at least
        out.append(SummonsNotice(summons.country, summons.placed_on, summons.served_on,
                                 summons.report_on, rule.id, bars_from,
                                 summons.country == here))
    return tuple(out)
