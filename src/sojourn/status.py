"""What ``status`` tells beside the stay rules' answer, one place for ``status``, ``plan`` and
the stay of ``report``, whose ``stay`` is status's object (docs/json.md): told apart, a note
status gave went missing from the report (an extension of stay offered beside a planned
overstay)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sojourn.destinations import first_day_let_in, with_other_passports_judged
from sojourn.history import History
from sojourn.permits import with_extension_offered
from sojourn.rules.loader import Pack
from sojourn.stay import StayReport


def as_status_tells(stay: StayReport, history: History, pack: Pack, *,
                    citizenship: str | None = None, assume: tuple[str, ...] = (),
                    today: dt.date | None = None, offer_extension: bool = True,
                    by: str | None = None,
                    ask_from: Callable[[dt.date], StayReport] | None = None,
                    stay_on: Callable[[dt.date], StayReport] | None = None) -> StayReport:
    """``stay`` with each other passport's answer judged at the border, as ``destinations``
    judges it (with_other_passports_judged), and, where ``offer_extension``, the extension
    of stay the host grants where the stay asked for is too long or the history plans an
    overstay (with_extension_offered). ``offer_extension`` is False under an ad-hoc
    ``--rule``: its answer is not the pack's stay rules', which an extension would add to.
    ``by``: the way in of the entry the answer offers (`plan --by`); with ``ask_from`` (the
    answer, before these tells, with no entry sought before a day), that entry is the first
    the entry rules let in that way too (first_day_let_in), and, where it is not the day
    asked, ``stay_on`` (the stay rules' answer for a day) gives the stay from it."""
    stay = with_other_passports_judged(stay, history, pack, assume=assume, today=today, by=by)
    if by is not None and ask_from is not None:
        stay = first_day_let_in(stay, history, pack, by=by, assume=assume, today=today,
                                ask_from=ask_from, stay_on=stay_on)
    if not offer_extension:
        return stay
    return with_extension_offered(stay, history, pack, citizenship=citizenship, assume=assume)
