"""The last day of a document a profile holds: the ``expires`` it gives, or, for a document
given none whose issuing state has it replaced at set ages, the day it lapses by the holder's
age, as the pack's rule of topic ``document_validity`` for that state and document says
(Russia's internal passport: ru-internal-passport-validity). Every answer that asks whether a
document is still valid reads its end here, so that the lapse by age is one fact. Without such
a rule, a document given no ``expires`` has no known end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sojourn.dates import format_long
from sojourn.history.models import DocumentIn
from sojourn.history.presence import History
from sojourn.rules.select import Applied, applies_to, apply

if TYPE_CHECKING:
    from sojourn.rules.loader import Pack


@dataclass(frozen=True)
class AgeLapse:
    """A document's end by its holder's age: it must be replaced on ``birthday``, when they
    turn ``age``, and serves until ``last_day``, as the pack's ``rule`` says."""

    age: int
    birthday: dt.date
    last_day: dt.date
    rule: str
    # that rule as applied: an answer using the day relies on it, and lists it with its
    # sources among its rules (StayReport.relying_also_on)
    validity: Applied

    def why(self, on: dt.date) -> str:
        """Why it ends on its last day, as said on ``on``: "it must be replaced when you turn
        45, on 10 June 2026, and serves at most 90 days after, by ru-internal-passport-validity"
        (after it, in the past): the rule named, as every answer names the rule it rests on."""
        past = self.last_day < on
        grace = (self.last_day - self.birthday).days
        return (f"it {'had to' if past else 'must'} be replaced when you "
                f"{'turned' if past else 'turn'} {self.age}, on {format_long(self.birthday)}, "
                f"and {'served' if past else 'serves'} at most {grace} days after, by "
                f"{self.rule}")


def ends_words(last_day: dt.date, lapse: AgeLapse | None, on: dt.date | None = None) -> str:
    """A document's end as every answer says it: "ends on 1 February 2027"; ending by its
    holder's age (``lapse``), "lapses on 8 September 2026 (it must be replaced when you turn
    45, ..., by ru-internal-passport-validity)", lest the day read as invented; before ``on``,
    in the past tense."""
    past = on is not None and last_day < on
    ends = format_long(last_day)
    if lapse is None:
        return f"{'ended' if past else 'ends'} on {ends}"
    return f"{'lapsed' if past else 'lapses'} on {ends} ({lapse.why(on or last_day)})"


def birthday_at(born: dt.date, age: int) -> dt.date:
    """The day a person born on ``born`` turns ``age``, as whole_years counts it: a birthday
    on 29 February comes on 1 March in a year without one."""
    year = born.year + age
    try:
        return born.replace(year=year)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 3, 1)


def validity_rule(pack: Pack, doc: DocumentIn, on: dt.date) -> Applied | None:
    """The pack's rule on how long ``doc`` stays valid, in its default account, as in force
    on ``on`` (a document is judged valid on a day by the rule of that day, as a stay is):
    one of its issuing state, for that state's citizens, of its type and form. None where the
    pack has none."""
    for rule in pack.rules:
        if (rule.topic != "document_validity" or rule.host != doc.country
                or not applies_to(rule, doc.country)):
            continue
        applied = apply(rule, rule.variant(None))
        validity = applied.document_validity
        if (validity is not None and validity.type == doc.type and applied.in_force(on)
                and (validity.form is None or validity.form == doc.form)):
            return applied
    return None


def age_lapse(doc: DocumentIn, born: dt.date | None, pack: Pack, on: dt.date
              ) -> AgeLapse | None:
    """The end by age of ``doc``, given no ``expires``, with its issue date and the holder's
    birth date known, where the pack's rule in force on ``on`` has such documents replaced at
    set ages: the first birthday of such an age that falls after its issue date. None for a
    document no rule speaks of, one issued after the last such birthday, or one whose issue
    date is not given (a 30-year-old's passport may be the one issued at 14, lapsed, or its
    replacement at 20, valid: no day can be told)."""
    if doc.expires is not None or born is None or doc.issued is None:
        return None
    rule = validity_rule(pack, doc, on)
    validity = rule.document_validity if rule is not None else None
    if rule is None or validity is None:
        return None
    for age in validity.replaced_at_ages:
        birthday = birthday_at(born, age)
        if doc.issued < birthday:  # issued on the birthday itself: the new one
            return AgeLapse(age, birthday, birthday + dt.timedelta(
                days=validity.valid_days_after_birthday), rule.id, rule)
    return None


def document_last_day(doc: DocumentIn, born: dt.date | None, pack: Pack, on: dt.date
                      ) -> dt.date | None:
    """The last day ``doc`` is valid, as judged on ``on``: its ``expires``, or its end by age
    (age_lapse); None where neither is known."""
    lapse = age_lapse(doc, born, pack, on)
    return lapse.last_day if lapse is not None else doc.expires


def lapse_ending(history: History, pack: Pack, document: str, last_day: dt.date, on: dt.date
                 ) -> AgeLapse | None:
    """The end by age that makes ``last_day`` the last day of the profile's ``document`` (a
    type), as judged on ``on``, where one does: an answer saying the day says why it is that
    day."""
    person = history.profile.person if history.profile else None
    for doc in person.documents if person else []:
        lapse = age_lapse(doc, history.born, pack, on) if doc.type == document else None
        if lapse is not None and lapse.last_day == last_day:
            return lapse
    return None
