"""The Russian Criminal Code's gravity scale (Art. 15, fact RU-2) as the pack encodes it."""

from __future__ import annotations

import pytest

from sojourn.risk import gravity_of, gravity_words
from sojourn.rules.loader import load_pack


@pytest.mark.parametrize(("max_years", "intentional", "gravity"), [
    (2, True, "small"), (3, False, "small"),
    (5, True, "medium"), (10, True, "grave"), (12, True, "especially grave"),
    # negligent acts over 3 years are medium, whatever their maximum: the scale's medium band
    # was for intentional acts alone, so these fell through to "especially grave"
    (5, False, "medium"), (15, False, "medium"),
])
def test_each_act_falls_in_the_category_of_art_15(max_years: float, intentional: bool,
                                                    gravity: str) -> None:
    pack = load_pack()
    offence = next(o for o in pack.offences if o.id == "ru-cc-328-1").model_copy(
        update={"max_years": max_years, "intentional": intentional})
    assert gravity_of(offence, pack.gravity) == gravity


@pytest.mark.parametrize(("band", "words"), [
    ("small", "a crime of small gravity"), ("medium", "a crime of medium gravity"),
    # "especially grave gravity": a band named by an adjective of crimes read twice
    ("grave", "a grave crime"), ("especially grave", "an especially grave crime"),
])
def test_each_gravity_reads_as_a_kind_of_crime(band: str, words: str) -> None:
    assert gravity_words(band) == words


@pytest.mark.parametrize("max_years", [None, 20])
def test_life_imprisonment_is_the_top_band_whatever_the_term_of_years(
        max_years: float | None) -> None:
    # max_years cannot say "life" (treason, Art. 275, from 28 April 2023): with no term of
    # years the offence had no gravity at all
    pack = load_pack()
    offence = next(o for o in pack.offences if o.id == "ru-cc-328-1").model_copy(
        update={"max_years": max_years, "life": True})
    assert gravity_of(offence, pack.gravity) == "especially grave"
