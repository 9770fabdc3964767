"""A wrong or missing --permit is answered with the host's permit rules for the citizenship a
plan would judge: `permit --country KZ --permit <a typo>` listed every Kazakh permit rule,
kz-permit-permanent-other-citizenships among them for a Russian, whom a plan under it refuses
(a rule for other citizens), and the Russians' own for a Ukrainian."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.rules.loader import load_pack
from sojourn.rules.select import applies_to

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def _err(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    return result.stderr


def _ukrainian(tmp_path: Path) -> str:
    path = tmp_path / "ua.yaml"
    path.write_text("person: {citizenships: [UA]}\ntrips: [{country: KZ, entry: 2025-01-10}]\n",
                    encoding="utf-8")
    return str(path)


def _kz_ids(citizenship: str | None) -> list[str]:
    return [r.id for r in load_pack().rules if r.topic == "permit" and r.host == "KZ"
            and (citizenship is None or applies_to(r, citizenship))]


def _named(err: str) -> list[str]:
    """The rule ids an error lists after "permit rules there ...: ", without their dates."""
    listed = err.rstrip("\n").split(": ")[-1]
    return [item.split(" (")[0] for item in listed.split(", ")]


def test_a_typo_lists_the_rules_for_the_russian_judged() -> None:
    err = _err("permit", str(EXAMPLES / "relocant.yaml"), "--country", "KZ", "--permit",
               "kz-permit-temprary", "--on", "2023-01-05")
    # the shared form: the option, the value, why, then the accepted form
    assert err.startswith("error: --permit: 'kz-permit-temprary' is not a permit rule for KZ; "
                          "did you mean 'kz-permit-temporary'?; expected a permit rule id of KZ "
                          "for citizens of the Russian Federation; permit rules there for "
                          "citizens of the Russian Federation: ")
    assert _named(err) == _kz_ids("RU")
    assert "other-citizenships" not in err
    assert set(_kz_ids(None)) - set(_kz_ids("RU"))  # there are others' rules to leave out


def test_a_typo_lists_the_rules_for_a_ukrainian_and_suggests_one_of_them(tmp_path: Path
                                                                          ) -> None:
    err = _err("permit", _ukrainian(tmp_path), "--country", "KZ", "--permit",
               "kz-permit-temprary", "--on", "2025-02-01")
    assert "did you mean 'kz-permit-temporary-other-citizenships'?" in err
    assert "for citizens of Ukraine; permit rules there for citizens of Ukraine: " in err
    assert _named(err) == _kz_ids("UA")
    # --citizenship names whose rules they are, as it names whose plan it is
    err = _err("permit", _ukrainian(tmp_path), "--country", "KZ", "--permit",
               "kz-permit-temprary", "--on", "2025-02-01", "--citizenship", "RU")
    assert _named(err) == _kz_ids("RU")


def test_a_missing_permit_lists_the_same_rules(tmp_path: Path) -> None:
    err = _err("permit", _ukrainian(tmp_path), "--country", "KZ", "--on", "2025-02-01")
    assert err.startswith("error: sojourn permit needs --permit RULE_ID; permit rules there for "
                          "citizens of Ukraine: ")
    assert _named(err) == _kz_ids("UA")


def test_a_citizen_of_the_host_is_offered_every_rule(tmp_path: Path) -> None:
    # a Kazakh needs no permit in Kazakhstan: no citizenship's rules are his to choose from,
    # and the list is the host's, as for a CSV history with no citizenship named
    path = tmp_path / "kz.yaml"
    path.write_text("person: {citizenships: [KZ, RU]}\n"
                    "trips: [{country: KZ, entry: 2025-01-10}]\n", encoding="utf-8")
    err = _err("permit", str(path), "--country", "KZ", "--permit", "kz-permit-temprary",
               "--on", "2025-02-01")
    assert "expected a permit rule id of KZ; permit rules there: " in err
    assert _named(err) == _kz_ids(None)
