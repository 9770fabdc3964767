"""Each reason of an entry answer carries the rules it rests on (entry.Reason), and what a line
telling a refusal or a caution elsewhere relies on (destinations.refusal_basis, caution_basis:
`status`, `destinations`, `report`) is read from there: not from the rule ids its words
happen to contain, which missed a rule named in other words and took in one named in passing."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from sojourn.destinations import Basis, caution_basis, refusal_basis, refused_entry_words
from sojourn.entry import EntryAnswer, Leaving, Reason, check_entry
from sojourn.rules.loader import load_pack
from sojourn.rules.schema import Rule

PACK = load_pack()
SOURCES = [{"title": "Somewhere", "url": "https://example.org/"}]
# Kazakhstan keeps its citizens' birth certificates home, and cautions a child leaving alone
# in a note that points at the host's own rule in passing: the caution rests on the exit rule
# alone, not on the host's rule that admits the card
KZ_EXIT = Rule.model_validate({
    "id": "kz-exit-test", "title": "A state that keeps a child's certificate home",
    "host": "KZ", "citizenships": ["KZ"], "topic": "exit", "valid_from": "2022-01-01",
    "documents": [{"type": "id_card"}, {"type": "birth_certificate", "accepted": False}],
    "unaccompanied_minor": {"max_age": 17, "note": "a child alone needs a parent's consent; "
                                                   "what the card itself needs, see "
                                                   "kg-entry-kz-id-card"},
    "confidence": "high", "sources": SOURCES})
WITH_KZ_EXIT = replace(PACK, rules=(*PACK.rules, KZ_EXIT))
ON = dt.date(2024, 3, 1)


def leaving_kazakhstan(document: str) -> EntryAnswer:
    """A 10-year-old citizen of Kazakhstan entering Kyrgyzstan from home on ``document``."""
    return check_entry(WITH_KZ_EXIT, citizenship="KZ", document=document, to="KG", on=ON,
                       age=10, leaving=Leaving(("KZ",)))


def ids(basis: Basis) -> list[str]:
    return [r.id for r in basis[0]]


def test_a_refusal_rests_on_the_rule_its_reason_carries_though_its_words_do_not_name_it(
        ) -> None:
    answer = leaving_kazakhstan("birth_certificate")
    assert answer.allowed is False and answer.why[0].rules == ("kz-exit-test",)
    # the same refusal said in other words: its id nowhere in them
    reworded = replace(answer, why=(Reason("Kazakhstan keeps a child's birth certificate home",
                                           ("kz-exit-test",), refuses=True), *answer.why[1:]))
    assert "kz-exit-test" not in reworded.reasons[0]
    assert ids(refusal_basis([reworded])) == ["kz-exit-test"]


def test_a_caution_rests_on_its_own_rule_not_on_another_whose_id_its_words_name() -> None:
    answer = leaving_kazakhstan("id_card")
    [caution] = [x for x in answer.exits if x.caution]
    # the host's rule is relied on by the answer, and named in the caution's words ...
    assert "kg-entry-kz-id-card" in caution.reason
    assert "kg-entry-kz-id-card" in {r.id for r in answer.rules}
    # ... but the caution rests on the exit rule alone
    assert caution.because.rules == ("kz-exit-test",)
    assert ids(caution_basis([answer])) == ["kz-exit-test"]


@pytest.mark.parametrize(("citizenship", "document", "to", "on", "age", "leaving"), [
    ("KZ", "birth_certificate", "KG", ON, 10, ("KZ",)),
    ("KZ", "id_card", "KG", ON, 10, ("KZ",)),
    ("RU", "internal_passport", "AM", ON, None, ("RU",)),
    ("RU", "birth_certificate", "BY", dt.date(2026, 1, 20), 10, ("RU",)),
    ("RU", "international_passport", "TR", ON, 10, ()),
    ("RU", "international_passport", "DE", ON, None, ()),
    ("RU", "birth_certificate", "TJ", dt.date(2026, 3, 1), 10, ()),
])
def test_every_rule_a_reason_rests_on_is_among_those_the_answer_relies_on(
        citizenship: str, document: str, to: str, on: dt.date, age: int | None,
        leaving: tuple[str, ...]) -> None:
    # a reason resting on a rule the answer does not list would leave a line's rule unlisted
    answer = check_entry(WITH_KZ_EXIT, citizenship=citizenship, document=document, to=to,
                         on=on, age=age, leaving=Leaving(leaving))
    relied = {r.id for r in answer.rules}
    assert answer.why and all(set(r.rules) <= relied for r in answer.why)
    assert answer.reasons == tuple(r.text for r in answer.why)


def test_a_refusal_quotes_the_reason_that_refuses_not_a_closure_of_other_ways() -> None:
    # a Belarusian's passport ended before the day, with no way in given: Azerbaijan's closure
    # by land, told first, was quoted as the refusal ("it is closed to entry by land, rail and
    # sea (az-border-land-closed); give --by"), by a closure that leaves the air open
    answer = check_entry(PACK, citizenship="BY", document="international_passport", to="AZ",
                         on=dt.date(2025, 3, 1), document_expires=dt.date(2025, 1, 1))
    assert answer.allowed is False
    assert answer.reasons[0].startswith("Azerbaijan is closed to entry by land")
    assert refused_entry_words([answer]) == ("your international passport ended on 1 January "
                                             "2025, before the day of entry")
    rules, _ = refusal_basis([answer])
    assert [r.id for r in rules] == []  # the end is the profile's, read by no rule
    # given the way in the closure shuts, the closure is what refuses, and is quoted
    by_land = check_entry(PACK, citizenship="BY", document="international_passport", to="AZ",
                          on=dt.date(2025, 3, 1), document_expires=dt.date(2025, 1, 1),
                          by="land")
    assert refused_entry_words([by_land]) == ("it is closed to entry by land "
                                              "(az-border-land-closed)")
