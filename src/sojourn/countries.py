"""ISO 3166-1 alpha-2 country codes, from the pycountry package."""

from __future__ import annotations

import bisect
import re
from functools import cache

from sojourn.words import with_the

COUNTRY_FORM = "an ISO 3166-1 alpha-2 country code such as KZ, GE or AM"


@cache
def country_codes() -> frozenset[str]:
    import pycountry  # here, not at the top: commands that never check a code start sooner

    return frozenset(c.alpha_2 for c in pycountry.countries)


def fold_code(text: str) -> str:
    """``text`` stripped and, if it is ASCII, in upper case: the form codes are compared in.

    Other text is left as it is, so that no character folds into a code: Unicode upper-cases
    "ß" to "SS" (South Sudan) and the ligature "ﬁ" to "FI"."""
    stripped = text.strip()
    return stripped.upper() if stripped.isascii() else stripped


def is_country(code: str) -> bool:
    return code in country_codes()


# pycountry's names that put a qualifier after a comma ("Virgin Islands, British"), and have
# no common name to read in a sentence instead
_IN_ORDER = {
    "CD": "Democratic Republic of the Congo", "FM": "Federated States of Micronesia",
    "PS": "State of Palestine", "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
}


def possessive(name: str) -> str:
    """"Kazakhstan's", but "the United Arab Emirates'" and "the Philippines'": a plural name,
    ending in s, takes the apostrophe alone."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def country_name(code: str) -> str:
    """A country's name as it reads in a sentence: "Kazakhstan", "the Russian Federation",
    "Moldova" (pycountry's common name, for "Moldova, Republic of"); the code if it is none."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return with_the(_IN_ORDER.get(code) or str(getattr(country, "common_name", country.name)))


def is_named(text: str, code: str) -> bool:
    """Whether ``text`` names the country ``code``: its code, or a name pycountry gives it."""
    import pycountry

    try:
        return bool(pycountry.countries.lookup(text.strip()).alpha_2 == code)
    except LookupError:
        return False


def code_hint(text: str) -> str:
    """ "; did you mean KZ (Kazakhstan)?" for text naming a country some other way than by its
    alpha-2 code (its alpha-3 code, its number, its name), else ""."""
    import pycountry

    wanted = text.strip()
    if not wanted or is_country(fold_code(wanted)):
        return ""
    several = _several_codes(wanted)
    if several:
        return f"; it holds {len(several)} codes, {_listed(several)}: give one"
    if len(wanted) == 2 and wanted.isascii():
        # two letters are a code, not the start of a name: "UK" read as the start of
        # "Ukraine", and "EL" of "El Salvador", named the wrong country
        reserved = _RESERVED_FOR.get(wanted.upper())
        return "" if reserved is None else code_hint(reserved)  # its name: its code's hint
    try:
        found = pycountry.countries.lookup(wanted)
    except LookupError:
        # the start of a country's name ("Russia" for the Russian Federation), taken only when
        # one country's name starts so (not pycountry's fuzzy search, which also reads the
        # names of regions: "Texas" would be the United States)
        start = wanted.casefold()
        names, codes = _names()
        first = bisect.bisect_left(names, start)
        last = bisect.bisect_left(names, start + "\U0010ffff", first)
        matches = set(codes[first:last])
        if len(matches) != 1:
            return ""
        found = pycountry.countries.lookup(matches.pop())
    return f"; did you mean {found.alpha_2} ({found.name})?"


# what joins codes written in one cell: a dual citizen's passports in a log, "RU,BY" or "RU/BY"
_CODE_SEPARATORS = re.compile(r"\s*[,;/|+&]\s*|\s+")


def _several_codes(text: str) -> list[str]:
    """The codes of ``text`` when it is two or more known alpha-2 codes joined by a separator
    (``RU,BY``, ``ru / by``), else []: one cell given several countries, which no reader of one
    code takes, is told so rather than as no code at all."""
    parts = [fold_code(p) for p in _CODE_SEPARATORS.split(text) if p]
    return parts if len(parts) > 1 and all(is_country(p) for p in parts) else []


def _listed(codes: list[str]) -> str:
    """"RU (Russia) and BY (Belarus)": each code with its country's name."""
    named = [f"{c} ({country_name(c)})" for c in codes]
    return ", ".join(named[:-1]) + " and " + named[-1]


@cache
def _names() -> tuple[list[str], list[str]]:
    """Every name pycountry gives a country (casefolded, sorted) and the country's code beside
    each: a batch's rejected rows may hold thousands of distinct names to find a country for,
    each by bisection rather than by a pass over every country."""
    import pycountry

    pairs = sorted({(str(n).casefold(), c.alpha_2) for c in pycountry.countries
                    for n in (c.name, getattr(c, "common_name", None),
                              getattr(c, "official_name", None), *_FORMER_NAMES.get(c.alpha_2, ()))
                    if n})
    return [n for n, _ in pairs], [c for _, c in pairs]


# codes ISO 3166-1 reserves for a country that has another: UK for the United Kingdom (GB), at
# its request, and EL for Greece (GR), the European Union's code for it; people write both
_RESERVED_FOR = {"UK": "United Kingdom", "EL": "Greece"}


# names that ISO 3166 has replaced and pycountry no longer knows, which people still write:
# "Turkey" (Türkiye since 2022) was refused with no hint, one of the pack's own hosts
_FORMER_NAMES = {"TR": ("Turkey",), "SZ": ("Swaziland",), "MK": ("Macedonia",)}
