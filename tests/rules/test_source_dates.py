"""The built-in pack's sources carry the dates they state themselves.

Answers say how old the sources of a rule are (rules/freshness.py), so a source that names its
own day (a legal act "Order No. 992, 04.12.2015", a page at /2022/12/21/) but has no `date`
makes that note vaguer than the pack's own data allows, or a `date` that disagrees with it
makes the note wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from sojourn.rules.loader import load_pack
from sojourn.rules.schema import Source

_DOTTED_DAY = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")
_DAY_IN_PATH = re.compile(r"/(\d{4})[/-](\d{2})[/-](\d{2})(?:/|-|$)")


def _sources(item: object) -> Iterator[Source]:
    if isinstance(item, Source):
        yield item
    elif isinstance(item, BaseModel):
        for name in type(item).model_fields:
            yield from _sources(getattr(item, name))
    elif isinstance(item, list | tuple):
        for part in item:
            yield from _sources(part)
    elif isinstance(item, dict):
        for part in item.values():
            yield from _sources(part)


def _pack_sources() -> list[Source]:
    pack = load_pack()
    found = {s: None for coll in (pack.rules, tuple(pack.zones.values()), pack.blocs,
                                  pack.offences, pack.gravity) for s in _sources(coll)}
    return list(found)


def _named_days(document: str) -> set[dt.date]:
    return {dt.date(int(y), int(m), int(d)) for d, m, y in _DOTTED_DAY.findall(document)}


SOURCES = _pack_sources()


def test_the_pack_has_sources_that_name_their_day() -> None:
    # Without them the two checks below would pass on nothing.
    assert any(s.document and _named_days(s.document) for s in SOURCES)
    assert any(s.url and _DAY_IN_PATH.search(s.url) for s in SOURCES)


@pytest.mark.parametrize("source", [s for s in SOURCES if s.document
                                    and _named_days(s.document)], ids=lambda s: s.title[:60])
def test_a_document_that_names_its_day_is_dated_by_it(source: Source) -> None:
    assert source.document is not None
    assert source.date in _named_days(source.document), (
        f"{source.title!r}: document {source.document!r} names "
        f"{sorted(map(str, _named_days(source.document)))}, date is {source.date}")


@pytest.mark.parametrize("source", [s for s in SOURCES if s.url and _DAY_IN_PATH.search(s.url)],
                         ids=lambda s: s.title[:60])
def test_a_page_whose_address_names_its_day_is_dated_by_it(source: Source) -> None:
    assert source.url is not None
    found = _DAY_IN_PATH.search(source.url)
    assert found is not None
    y, m, d = map(int, found.groups())
    assert source.date == dt.date(y, m, d), f"{source.title!r}: {source.url} but date {source.date}"
