"""May this person enter this host with this document, by this way, on this day?

Answers ``True``, ``False`` or ``None`` (unknown, with the reason): the pack's entry rules say
which documents a host accepts (by age on the entry day), and whether only with a visa, and
border rules which ways in are closed, and how long a document must still be valid where a
rule says so (no rule: the pack does not know, and nothing is required of it). A document the
pack says nothing about is unknown, never assumed accepted. Leaving a state whose exit rules
speak of the document (Russia's of a child's birth certificate), the person is let out on it
or not before the host is asked: a refusal there is a "no" whatever the host accepts; a
document no exit rule speaks of is the host's alone to judge (the pack encodes what a state
stops at its border, not every document it lets out). Where a visa is needed and whether
one is held was not said, the answer is ``None`` too, with ``visa_issuers`` naming who must
issue it: yes with one, no without.
"""

from sojourn.entry._answer import EntryAnswer, ExitCheck, Reason, beside_the_point
from sojourn.entry._bans import with_bans
from sojourn.entry._check import check_entry
from sojourn.entry._documents import ADULT_AGE
from sojourn.entry._exit import Leaving, with_exit
from sojourn.entry._land import EarlierEntries, earlier_entries, land_times
from sojourn.entry._visas import (
           ENTRY_TOPICS,
           counts_visa,
           entry_judge,
           members_of,
           visa_issuer_words,
           visa_issuers,
)

__all__ = ["ADULT_AGE", "ENTRY_TOPICS", "EarlierEntries", "EntryAnswer", "ExitCheck", "Leaving",
           "Reason",
           "beside_the_point", "check_entry", "counts_visa", "earlier_entries", "entry_judge",
           "land_times", "members_of", "visa_issuer_words", "visa_issuers", "with_bans",
           "with_exit"]
