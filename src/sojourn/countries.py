"""ISO 3166-1 alpha-2 country codes, from the pycountry package."""

from __future__ import annotations

from functools import cache

import pycountry

COUNTRY_FORM = "an ISO 3166-1 alpha-2 country code such as KZ, GE or AM"


@cache
def country_codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


def is_country(code: str) -> bool:
    return code in country_codes()


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(country.name) if country is not None else code
