"""Extradition treaties have a section of their own (treaties.yaml), not Russia's Criminal Code
block: any two parties are bound, whichever code's charge is judged, `rules show` gives each
by its id, and `rules validate` refuses one left in a limitation block, or binding no pair."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.errors import RulePackError
from sojourn.history import load_history
from sojourn.risk import assess_risk
from sojourn.rules.loader import load_pack

TREATY_IDS = ["european-convention-extradition-1957", "br-ru-extradition-treaty-2002",
              "chisinau-convention-2002"]


def test_the_treaties_are_read_from_a_file_of_their_own() -> None:
    pack = load_pack()
    assert [t.id for t in pack.treaties] == TREATY_IDS
    assert all(Path(pack.where[i].file).name == "treaties.yaml" for i in TREATY_IDS)
    assert all(t.confidence in ("low", "medium", "high") for t in pack.treaties)
    # Armenia and Kazakhstan, neither of them Russia, are bound by Chisinau's convention
    chisinau = pack.treaties[2]
    assert chisinau.binds("AM", "KZ", dt.date(2025, 1, 1))


def test_cyprus_is_bound_by_the_european_convention_from_22_april_1971() -> None:
    # it deposited its ratification on 22 January 1971, in force the 90th day after (Art.
    # 29(3)); the pack held Cyprus a party on every day. Türkiye's day is not held, so the
    # pair turns on Cyprus's alone.
    convention = load_pack().treaties[0]
    assert not convention.binds("CY", "TR", dt.date(1971, 4, 21))
    assert convention.binds("CY", "TR", dt.date(1971, 4, 22))


def test_a_political_ground_is_named_whatever_limitation_block_the_pack_holds(
        tmp_path: Path) -> None:
    """The political-offence ground was looked for among the charge's code's limitation
    treaties: a pack holding no limitation block named none, though the treaty binds both."""
    path = tmp_path / "profile.yaml"
    path.write_text("version: 1\nperson: {citizenships: [RU]}\ncharges:\n"
                    '  - {country: RU, article: "207.3", part: 2, committed_on: 2023-05-01}\n',
                    encoding="utf-8")
    pack = replace(load_pack(), limitation=())
    answer = assess_risk(load_history(path), pack, country="GE", on=dt.date(2025, 1, 15))
    grounds = answer.charges[0].political
    assert grounds is not None
    assert [t.id for t in grounds.giving] == ["european-convention-extradition-1957"]


def test_rules_show_gives_a_treaty_by_its_id() -> None:
    out = CliRunner().invoke(app, ["rules", "show", "chisinau-convention-2002"])
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0].startswith("chisinau-convention-2002: Chisinau Convention")
    assert lines[1] == ("    confidence medium; parties: Belarus from 27 April 2004; Kazakhstan "
                        "from 28 April 2004; Kyrgyzstan from 2 October 2004; Armenia from 20 "
                        "February 2005; the Russian Federation from 28 June 2023")
    assert lines[2] == "    ground for refusing extradition on a lapse of time: not read"
    assert "political opinion (its article not read; confidence medium)" in lines[3]
    data = json.loads(CliRunner().invoke(
        app, ["rules", "show", "european-convention-extradition-1957", "--json"]).stdout)
    assert (data["kind"], data["id"], data["article"]) == (
        "treaty", "european-convention-extradition-1957", "10")


LIMITATION_WITH_TREATIES = """\
schema: sojourn.rules/1
gravity:
  - id: scale
    country: RU
    article: "15"
    bands: [{name: small}]
    sources: [{title: Code, document: Code of nowhere}]
    confidence: high
limitation:
  - id: periods
    country: RU
    article: "78"
    periods: [{gravity: small, years: 2}]
    treaties:
      - title: A treaty
        article: "10"
        parties: [{country: RU}, {country: GE}]
        sources: [{title: A source, url: "https://example.org"}]
    sources: [{title: Code, document: Code of nowhere}]
    confidence: high
"""


def test_a_treaty_left_in_a_limitation_block_is_refused_with_where_it_goes(
        tmp_path: Path) -> None:
    (tmp_path / "code.yaml").write_text(LIMITATION_WITH_TREATIES, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(tmp_path)
    [p] = info.value.problems
    assert (Path(p.file or "").name, p.line, p.field) == (
        "code.yaml", 14, "limitation[0].treaties")
    assert p.message == ("is not read in a limitation block: treaties have a section of "
                         "their own")
    assert "top-level treaties: section (treaties.yaml)" in (p.expected or "")


TREATY = """\
schema: sojourn.rules/1
treaties:
  - id: a-treaty
    title: A treaty
    article: "10"
    parties: [{country: RU}%s]
    sources: [{title: A source, url: "https://example.org"}]
    confidence: high
"""


def test_a_treaty_binding_no_pair_of_states_is_refused(tmp_path: Path) -> None:
    (tmp_path / "treaties.yaml").write_text(TREATY % ", {country: RU, since: 2001-01-01}",
                                            encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(tmp_path)
    [p] = info.value.problems
    assert (p.line, p.field) == (6, "treaties[0].parties")
    assert p.message == "names 1 state: a treaty binds two or more"
    assert p.expected == "two or more parties, each {country, since, until}"
    (tmp_path / "treaties.yaml").write_text(TREATY % ", {country: GE}", encoding="utf-8")
    assert [t.id for t in load_pack(tmp_path).treaties] == ["a-treaty"]


def test_a_treaty_id_is_unique_across_the_pack(tmp_path: Path) -> None:
    (tmp_path / "treaties.yaml").write_text(TREATY % ", {country: GE}", encoding="utf-8")
    (tmp_path / "more.yaml").write_text(TREATY % ", {country: AM}", encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(tmp_path)
    [p] = info.value.problems
    assert p.field == "treaties[0].id" and p.value == "a-treaty"
    assert "is already defined at" in p.message
