"""The last day of a document a profile holds: the ``expires`` it gives, or, for a Russian
internal passport given none, the day it lapses by the holder's age. Every answer that asks
whether a document is still valid reads its end here, so that the lapse by age is one fact.

Russia's internal passport has no printed end: it must be replaced when its holder turns 20
and again at 45, and one due for replacement stays valid until the new one is issued, but no
more than 90 days after that birthday (the Government's Regulation on the passport of a
citizen of the Russian Federation, No. 2267 of 23 December 2023, in force from 6 January 2024,
and before it No. 828 of 8 July 1997 as amended in 2021). Sources, read 1 December 2026, of
medium confidence (secondary accounts agreeing with each other; the regulation's own text was
not found): "Internal passport of Russia", Wikipedia,
https://en.wikipedia.org/wiki/Internal_passport_of_Russia (renewed at 20 and 45); "Обмен
паспорта по возрасту", https://marsrus.ru/260325/novosti-obmen-pasporta-po-vozrastu, 26 March
2025, and "После 45 лет сколько действует паспорт",
https://marsrus.ru/110525/novosti-posle-45-let-skolko-dejstvuet-pasport, 11 May 2025 (valid
until replaced, at most 90 days after the birthday; regulation No. 2267 from 2024); "Какие
изменения произошли в системе выдачи паспортов",
https://ya.ru/neurum/c/pravo/q/kakie_izmeneniya_proizoshli_v_sisteme_vydachi_f4b3e55e (the
regulation's number and date). The passport is issued and replaced by Russia's own offices:
a consulate abroad does not issue one, so a holder abroad cannot renew it where they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sojourn.dates import format_long
from sojourn.history.models import DocumentIn
from sojourn.history.presence import History

# the ages at which Russia's internal passport must be replaced (see the module's sources)
INTERNAL_PASSPORT_REPLACED_AT = (20, 45)
# the days after such a birthday the passport still serves, until the new one is issued
AGE_REPLACEMENT_GRACE_DAYS = 90
# how firm that is, as the answers say it: no pack rule holds it to give a rule id
AGE_LAPSE_BASIS = "secondary sources give it (medium confidence)"


@dataclass(frozen=True)
class AgeLapse:
    """A Russian internal passport's end by its holder's age: it must be replaced on
    ``birthday``, when they turn ``age``, and serves until ``last_day``."""

    age: int
    birthday: dt.date
    last_day: dt.date

    def why(self, on: dt.date) -> str:
        """Why it ends on its last day, as said on ``on``: "it must be replaced when you turn
        45, on 10 June 2026, and serves at most 90 days after, by Russia's passport regulation
        as ..." (after it, in the past)."""
        past = self.last_day < on
        grace = (self.last_day - self.birthday).days
        # no pack rule carries this fact, so the answer names its basis and confidence itself
        return (f"it {'had to' if past else 'must'} be replaced when you "
                f"{'turned' if past else 'turn'} {self.age}, on {format_long(self.birthday)}, "
                f"and {'served' if past else 'serves'} at most {grace} days after, by Russia's "
                f"passport regulation as {AGE_LAPSE_BASIS}")


def birthday_at(born: dt.date, age: int) -> dt.date:
    """The day a person born on ``born`` turns ``age``, as whole_years counts it: a birthday
    on 29 February comes on 1 March in a year without one."""
    year = born.year + age
    try:
        return born.replace(year=year)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 3, 1)


def age_lapse(doc: DocumentIn, born: dt.date | None) -> AgeLapse | None:
    """The end by age of ``doc`` where it is a Russian internal passport given no
    ``expires``, with its issue date and the holder's birth date known: the first birthday of
    an age it must be replaced at that falls after its issue date. None for any other
    document, one issued after the last such birthday, or one whose issue date is not given
    (a 30-year-old's passport may be the one issued at 14, lapsed, or its replacement at 20,
    valid: no day can be told)."""
    if doc.type != "internal_passport" or doc.country != "RU" or doc.expires is not None:
        return None
    if born is None or doc.issued is None:
        return None
    for age in INTERNAL_PASSPORT_REPLACED_AT:
        birthday = birthday_at(born, age)
        if doc.issued < birthday:
            return AgeLapse(age, birthday,
                            birthday + dt.timedelta(days=AGE_REPLACEMENT_GRACE_DAYS))
    return None


def document_last_day(doc: DocumentIn, born: dt.date | None) -> dt.date | None:
    """The last day ``doc`` is valid: its ``expires``, or its end by age (age_lapse); None
    where neither is known."""
    lapse = age_lapse(doc, born)
    return lapse.last_day if lapse is not None else doc.expires


def lapse_ending(history: History, document: str, last_day: dt.date) -> AgeLapse | None:
    """The end by age that makes ``last_day`` the last day of the profile's ``document`` (a
    type), where one does: an answer saying the day says why it is that day."""
    person = history.profile.person if history.profile else None
    for doc in person.documents if person else []:
        lapse = age_lapse(doc, history.born) if doc.type == document else None
        if lapse is not None and lapse.last_day == last_day:
            return lapse
    return None
