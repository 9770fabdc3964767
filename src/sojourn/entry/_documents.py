"""A document as an entry rule speaks of it: the ages it covers, the note that qualifies
it, and the validity the host wants of it, in the words every reason uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sojourn.dates import format_long
from sojourn.history.documents import AgeLapse, ends_words
from sojourn.rules.select import Applied
from sojourn.rules.topics import AcceptedDocument, ValidFor

ADULT_AGE = 18  # the age assumed when none is given, and said so


def fits_age(doc: AcceptedDocument, age: int) -> bool:
    """Whether a rule's document is spoken of at ``age`` (its min_age and max_age)."""
    return not ((doc.min_age is not None and age < doc.min_age)
                or (doc.max_age is not None and age > doc.max_age))


def ages_of(doc: AcceptedDocument) -> str:
    """The ages an entry rule speaks of a document for: "from age 14", "up to age 13"."""
    if doc.min_age is not None and doc.max_age is not None:
        return f"at ages {doc.min_age} to {doc.max_age}"
    return f"from age {doc.min_age}" if doc.min_age is not None else f"up to age {doc.max_age}"


def age_bound(doc: AcceptedDocument, rule: Applied, age: int | None) -> str:
    """"; from age 14 as the pack reads it: ... (confidence medium)": the age bound of the
    document's rule that judged a minor (``age`` under ADULT_AGE, as given), said after the
    rule where the bound is the pack's reading of vague words ("" for an adult, no age given,
    or a bound the sources state). Such a bound decides a minor's answer, which another
    reading could turn: a 16-year-old answered a bare "Yes" on Armenia's internal passport
    did not learn that "children travel on a foreign passport only" was read as under 14."""
    if not _minor(age) or doc.age_reading is None:
        return ""
    return f"; {ages_of(doc)}{_reading(doc, rule)}"


def _minor(age: int | None) -> bool:
    """Whether ``age``, as given, is under ADULT_AGE: none given is judged as an adult's."""
    return age is not None and age < ADULT_AGE


def _reading(doc: AcceptedDocument, rule: Applied) -> str:
    """" as the pack reads it: ... (confidence medium)", after the ages of a document whose
    bound is the pack's reading of vague words ("" where it is none)."""
    if doc.age_reading is None:
        return ""
    return f" as the pack reads it: {doc.age_reading} (confidence {rule.confidence})"


def noted(doc: AcceptedDocument) -> str:
    """The document's note, after the reason it qualifies: a condition such as Georgia's
    insurance from 2026 is part of the answer, not only of `rules show`."""
    return f": {doc.note}" if doc.note else ""


def _verb(doc: AcceptedDocument) -> str:
    """What an entry rule does with a document: "refuses it", "accepts it", "accepts it with a
    visa" (the visa after "it": "accepts with a visa it" read as a slip)."""
    if not doc.accepted:
        return "refuses it"
    return "accepts it with a visa" if doc.visa_required else "accepts it"


def at_other_ages(other_ages: Sequence[tuple[AcceptedDocument, Applied]], age: int | None
                  ) -> str:
    """"tj-entry-child-birth-certificate accepts it up to age 13": what the pack's rules say of
    a document at the ages they speak of, none of them ``age`` (the ages' reading said for a
    minor, as age_bound says it)."""
    return "; ".join(f"{rule.id} {_verb(doc)} {ages_of(doc)}"
                     + (_reading(doc, rule) if _minor(age) else "")
                     for doc, rule in other_ages)


def validity_reason(host: str, doc_words: str, want: ValidFor, rule: str, on: dt.date,
                     expires: dt.date | None, lapse: AgeLapse | None) -> str:
    """What the host wants of the document's validity, and what the one held allows (its end
    ``expires`` said as every answer says it, with why where it lapses by age: ``lapse``)."""
    yours = f"yours {ends_words(expires, lapse, on)}" if expires is not None else ""
    if want.beyond == "entry":
        needed = want.after(on)
        wants = (f"{host} wants {doc_words} valid {want.words}, to "
                 f"{format_long(needed)} at least ({rule})")
        if expires is None:
            return f"{wants}; give --document-expires to check yours"
        return (f"{wants}; {yours}"
                + (", which is enough" if expires >= needed else ""))
    wants = f"{host} wants {doc_words} valid {want.words} ({rule})"
    if expires is None:
        return f"{wants}; give --document-expires to learn the last day a stay on it can end"
    last = want.last_start(expires)
    if last < on:
        return (f"{wants}; {yours}, so a stay on it would have to "
                f"end by {format_long(last)}, before the day of entry")
    return (f"{wants}; {yours}, so a stay on it can last until "
            f"{format_long(last)} at the latest")

