"""How counts and document names read in sentences: one place for plurals and articles."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from sojourn.dates import Unsure, format_long

__all__ = ["LAST_SEEN_MARK", "NO_END", "a_document", "check_estimate", "contested_account",
           "count", "document_name", "estimated_because", "held_permit", "in_force", "listed",
           "noun", "permit_name", "renew_first", "renew_or_leave", "run_of_days", "sentence",
           "with_article", "with_the"]

# Document types whose code, read as words, would say something else: "get no criminal
# record certificate" reads as "do not get one".
_DOCUMENT_NAMES = {
    "no_criminal_record_certificate": "certificate of no criminal record",
    # a certificate of having given one's fingerprints (Kazakhstan's dactyloscopy)
    "fingerprint_certificate": "certificate of fingerprint registration",
}


# A profile's permit kinds as words.
_PERMIT_NAMES = {
    "residence_permit": "residence permit",
    "temporary_residence": "temporary residence permit",
    "permanent_residence": "permanent residence permit",
    "long_stay_visa": "long-stay visa",
    "extension": "extension of stay",
    "employment_contract": "employment contract",
}


def permit_name(kind: str) -> str:
    """A profile's permit kind as words: "temporary residence permit"."""
    return _PERMIT_NAMES.get(kind, kind.replace("_", " "))


def held_permit(kind: str, where: str, valid_from: dt.date, valid_to: dt.date | None) -> str:
    """A profile's permit as an answer names it: "your long-stay visa in Kazakhstan (1 March
    2023 to 29 February 2024)"; an extension by the day it runs to, which is what a person
    goes by: "your extension of stay in Thailand to 29 October 2024 (from 30 September 2024)"."""
    if kind == "extension" and valid_to is not None:
        return (f"your {permit_name(kind)} in {where} to {format_long(valid_to)} "
                f"(from {format_long(valid_from)})")
    return (f"your {permit_name(kind)} in {where} ({format_long(valid_from)} to "
            f"{format_long(valid_to) if valid_to else 'no end'})")


def noun(n: object, singular: str, plural: str | None = None) -> str:
    """The noun for ``n`` of it: singular for exactly one ("day"), else plural ("days")."""
    return singular if n == 1 else plural or singular + "s"


def count(n: float, singular: str, plural: str | None = None) -> str:
    """``n`` and its noun: "1 day", "2 days", "1.5 years", "3 countries"."""
    shown = str(n) if isinstance(n, int) else f"{n:g}"
    return f"{shown} {noun(n, singular, plural)}"


def pending_cap(days: int) -> str:
    """The most days a pending application holds a stay open (Permit.stay_while_pending_days),
    as the answers and `rules show` say it: "90 days from its filing, that day included"."""
    return f"{count(days, 'day')} from its filing, that day included"


def document_name(kind: str) -> str:
    """A document type of profiles and the pack as words: "internal passport"."""
    return _DOCUMENT_NAMES.get(kind, kind.replace("_", " "))


# Travel documents a person abroad cannot renew where they are: Russia's internal passport
# is issued by its offices at home alone, no consulate issuing one (history.documents)
_NOT_RENEWED_ABROAD = frozenset({"internal_passport"})


def renewed_abroad(kind: str) -> bool:
    """Whether a consulate renews a travel document of ``kind`` (not Russia's internal
    passport)."""
    return kind not in _NOT_RENEWED_ABROAD


def renew_or_leave(kind: str, by: str | None = None) -> str:
    """What a person abroad on a travel document of ``kind`` that ends does, by the day
    ``by`` names (None: now): "renew it or leave by 1 February 2027"; of an internal passport,
    which no consulate renews, leave or stay on another document."""
    when = f" by {by}" if by else ""
    if kind in _NOT_RENEWED_ABROAD:
        return (f"a consulate does not issue {a_document(kind)}, so leave{when} or get "
                "another valid travel document")
    return f"renew it or leave{when}"


def renew_first(kind: str) -> str:
    """What a person abroad whose travel document of ``kind`` has ended does before going
    anywhere: "renew it first"; of an internal passport, which no consulate renews, get
    another document."""
    if kind in _NOT_RENEWED_ABROAD:
        return (f"a consulate does not issue {a_document(kind)}, so get another valid travel "
                "document first")
    return "renew it first"


# Document types named by a mass noun or a plural, which take no "a": "get proof of funds".
_NO_ARTICLE = frozenset({
    "address_registration", "consent_of_home_state", "health_insurance",
    "housing_owner_consent", "photos", "proof_of_funds", "proof_of_income",
    "property_ownership",
})


def a_document(kind: str) -> str:
    """One document of a type, as it reads after a verb: "a certificate of no criminal
    record", "an internal passport", "proof of funds"."""
    words = document_name(kind)
    return words if kind in _NO_ARTICLE else with_article(words)


def with_article(words: str) -> str:
    """``words`` after "a" or "an", as their first letter asks."""
    return ("an " if words[:1].lower() in ("a", "e", "i", "o", "u") else "a ") + words


def sentence(text: str) -> str:
    """``text`` as it opens a sentence: its first letter a capital, the rest as written
    ("your summons from the Russian Federation" -> "Your summons from the Russian
    Federation"), where str.capitalize would lower the rest."""
    return text[:1].upper() + text[1:]


def listed(items: list[str], conjunction: str = "and") -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c"; with ``conjunction``
    "or", the choices "a, b or c"."""
    return (f"{', '.join(items[:-1])} {conjunction} {items[-1]}" if len(items) > 1
            else "".join(items))


def listed_verb(items: list[str], singular: str, plural: str, conjunction: str = "and"
                ) -> str:
    """Items listed as the subject of a verb that agrees with them: one takes ``singular``
    ("a does not say"), two or more ``plural`` ("a and b do not say"). Choices joined by
    "or" take the verb of the one that holds, so ``singular`` whatever their number ("a or b
    brings")."""
    one = len(items) == 1 or conjunction == "or"
    return f"{listed(items, conjunction)} {singular if one else plural}"


# A rule in force with no last day, as every answer and `rules list` word it.
NO_END = "no end set"
# Before an end that is only the latest extension reported (`valid_to_basis: last_seen`), where
# a table has no room for "to at least": one character, so that columns stay aligned.
LAST_SEEN_MARK = "≥"


def said_once(texts: Iterable[str]) -> list[str]:
    """``texts`` in order, each once, less those another of them says in full: a refusal that
    gives another's reason within it (a dual citizen's passport refused for what his own
    state's document is) need not be followed by that reason again."""
    unique = list(dict.fromkeys(texts))
    return [t for t in unique if not any(t != other and t in other for other in unique)]


def names_rule(text: str, rule_id: str) -> bool:
    """Whether ``text`` names the rule ``rule_id`` as a whole id: "kz-entry-passports" is not
    named by "kz-entry-passports-2024", nor "ru-cc-art-7" by "ru-cc-art-78"; a full stop
    after it ends the sentence, not the id. What an answer relies on is never found so (an
    entry reason carries its rules: entry.Reason); the tests check printed lines by it."""
    return re.search(rf"(?<![\w.-]){re.escape(rule_id)}(?![\w-]|\.\w)", text) is not None


def in_force(first: dt.date, last: dt.date | None, *, last_seen: bool = False) -> str:
    """The days a rule is in force, as every answer words them: "in force from 1 January 2022
    to 26 January 2023", "in force from 27 January 2023, no end set"; with ``last_seen``, an
    end that is only the latest extension reported: "to at least 1 April 2026 (...)"."""
    if last is None:
        return f"in force from {format_long(first)}, {NO_END}"
    if last_seen:
        return (f"in force from {format_long(first)} to at least {format_long(last)} (the "
                "last day its sources show it in force)")
    return f"in force from {format_long(first)} to {format_long(last)}"


def run_of_days(first: dt.date, last: dt.date, *, both: bool = False) -> str:
    """A run of days: "7 to 9 May 2023", "30 April to 2 May 2023", "31 December 2022 to
    1 January 2023"; with ``both``, two days in a row are named each: "6 and 7 May 2023"."""
    to = " and " if both and (last - first).days == 1 else " to "
    if first.year != last.year:
        return f"{format_long(first)}{to}{format_long(last)}"
    if first.month != last.month:
        return f"{first.day} {first:%B}{to}{format_long(last)}"
    return f"{first.day}{to}{format_long(last)}"


def days_named(first: dt.date, last: dt.date) -> str:
    """A run of days as an overstay is named: "20 October 2026" for one day (not "20 to 20
    October 2026"), run_of_days for more: "2 May to 15 June 2023"."""
    return format_long(first) if first == last else run_of_days(first, last)


# Country names, as countries.country_name reads them (pycountry's common or short name),
# that take "the" in a sentence: "a citizen of the Russian Federation", as in "the United
# States", "the Philippines"; not "Ukraine" or "Sudan".
_WITH_THE = frozenset({
    "Bahamas", "British Indian Ocean Territory", "British Virgin Islands", "Cayman Islands",
    "Central African Republic", "Cocos (Keeling) Islands", "Comoros", "Congo", "Cook Islands",
    "Democratic Republic of the Congo", "Dominican Republic", "Falkland Islands (Malvinas)",
    "Faroe Islands", "Federated States of Micronesia", "French Southern Territories", "Gambia",
    "Holy See (Vatican City State)", "Isle of Man",
    "Maldives", "Marshall Islands", "Netherlands", "Northern Mariana Islands", "Philippines",
    "Russian Federation", "Seychelles", "Solomon Islands", "State of Palestine",
    "Turks and Caicos Islands", "United Arab Emirates", "United Kingdom", "United States",
    "United States Minor Outlying Islands", "United States Virgin Islands", "Åland Islands",
})


def with_the(name: str) -> str:
    """A country's name as it reads inside a sentence: "the Russian Federation", "Kazakhstan"."""
    return f"the {name}" if name in _WITH_THE else name


def the_bloc(bloc_id: str) -> str:
    """A bloc of the pack as a sentence names it: "the EAEU", "the CIS". Its id is its
    initials read letter by letter (blocs.yaml), which take the article as a name would."""
    return f"the {bloc_id}"


def estimated_because(unsure: Unsure, host: str) -> str:
    """Why a deadline in working days is an estimate: "it counts Eid al-Fitr as on 9 March
    2027, the holiday calendar's estimate of a date set nearer the day, and Kyrgyzstan's decrees
    moving days off in 2027 are not all known" (none known, or the pack records some of them
    but not that the year's list is complete). Given as exact, it was trusted to the day."""
    reasons = []
    if unsure.estimated:
        # a holiday of two or three days is named once, from its first day
        days: dict[str, list[dt.date]] = {}
        for day, name in unsure.estimated:
            days.setdefault(name, []).append(day)
        held = listed([f"{name} as {'from' if len(on) > 1 else 'on'} {format_long(on[0])}"
                       for name, on in days.items()])
        estimates = "estimates of dates" if len(days) > 1 else "estimate of a date"
        reasons.append(f"it counts {held}, the holiday calendar's {estimates} set nearer "
                       "the day")
    if unsure.decrees_unknown:
        years = listed([str(y) for y in unsure.decrees_unknown])
        reasons.append(f"{host}'s decrees moving days off in {years} are not all known")
    return ", and ".join(reasons)


def check_estimate(day: dt.date, on: dt.date, what: str = "it") -> str:
    """What to do about a deadline that is an estimate, on ``on``: one ahead is checked nearer
    the day, when the holiday's date or the year's decrees are known; one passed, against the
    days offices were actually closed then, since "nearer the day" has gone by and the
    estimate may have made it look passed a day early or late. ``what``: the words for the
    deadline, or deadlines all ahead or all passed ("them")."""
    if day >= on:
        return f"check {what} nearer the day"
    return f"check {what} against the days offices were actually closed then"


def contested_account(variant: str, alternatives: Iterable[str]) -> str:
    """How a line resting on a contested rule names the account it assumed, and the options
    that pick the others: "contested, assumed 'am-180-rolling-365' (other accounts: --assume
    am-180-calendar-year)", beside a penalty or a deadline whose day the others may move."""
    return (f"contested, assumed '{variant}' (other accounts: "
            + ", ".join(f"--assume {n}" for n in alternatives) + ")")
