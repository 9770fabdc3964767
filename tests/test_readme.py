"""The examples of README.md and docs/*.md are the real output of the commands they show,
and the links between those documents lead somewhere."""

from __future__ import annotations

import itertools
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from readme_examples import (
    OUT,
    README,
    ROOT,
    TableMismatch,
    blocks,
    documents,
    run,
    run_session,
    sessions,
    table_differences,
    tables,
    update,
)

EXAMPLES = [(path, command, shown) for path in documents()
            for command, shown in blocks(path.read_text(encoding="utf-8"))]


def test_the_readme_has_examples_of_every_command() -> None:
    shown = " ".join(c for c, _ in blocks(README.read_text(encoding="utf-8")))
    for command in ("status", "plan", "entry", "destinations", "permit", "risk", "report",
                    "rules list", "rules show", "rules validate", "rules coverage",
                    "batch", "flows"):
        assert f"sojourn {command}" in shown, command


@pytest.mark.parametrize(("path", "command", "shown"), EXAMPLES,
                         ids=[f"{p.relative_to(ROOT)}: {c}" for p, c, _ in EXAMPLES])
def test_example_matches_the_real_output(path: Path, command: str, shown: list[str]) -> None:
    clean = re.sub(r"\s*#\s*first \d+ lines", "", command)
    real = run(clean).rstrip("\n").splitlines()
    if shown and shown[-1] == "...":
        shown = shown[:-1]
        real = real[: len(shown)]
    assert real == shown, (f"{path.relative_to(ROOT)} is stale: "
                           "run `python tests/readme_examples.py --update`")


SESSIONS = [(path, command, session) for path in documents()
            for command, session in sessions(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("path", "command", "session"), SESSIONS,
                         ids=[f"{p.relative_to(ROOT)}: {c}" for p, c, _ in SESSIONS])
def test_a_python_session_shows_what_it_reads_in_the_outputs(path: Path, command: str,
                                                             session: str) -> None:
    failed = run_session(command, session)
    assert not failed, f"{path.relative_to(ROOT)}: a ```pycon session is stale:\n{failed}"


def test_a_python_session_fails_on_an_output_it_does_not_give() -> None:
    command = "sojourn rules list"
    assert run_session(command, ">>> 1 + 1\n2\n") == ""
    assert "Expected:" in run_session(command, ">>> 1 + 1\n3\n")


TABLES = [(path, command, file, rows) for path in documents()
          for command, file, rows in tables(path.read_text(encoding="utf-8"))]


def test_the_readme_shows_a_table_of_an_output_file() -> None:
    # its table of out/persons.parquet was written by hand, read by no test, and went stale
    assert any(path == README and file == "out/persons.parquet" for path, _, file, _ in TABLES)


@pytest.mark.parametrize(("path", "command", "file", "rows"), TABLES,
                         ids=[f"{p.relative_to(ROOT)}: {f}" for p, _, f, _ in TABLES])
def test_a_table_shows_the_cells_of_the_file_it_names(path: Path, command: str, file: str,
                                                      rows: list[list[str]]) -> None:
    differ = table_differences(command, file, rows)
    assert not differ, (f"{path.relative_to(ROOT)}: the table of {file} is stale "
                        "(`python tests/readme_examples.py --update`):\n" + "\n".join(differ))


def test_a_table_fails_on_a_cell_the_file_does_not_hold() -> None:
    command = ("sojourn batch examples/crossings.csv --country KZ --on 2023-03-01 "
               "--out out/p.parquet")
    header = ["person_id", "present", "days_used", "latest_exit", "register_by"]
    assert table_differences(command, "out/p.parquet",
                             [header, ["P001", "true", "70", "2023-03-21", "2022-12-27"],
                              ["P006", "false", "null", "null", "null"]]) == []
    assert table_differences(command, "out/p.parquet",
                             [header, ["P001", "false", "70", "2023-03-21", "2022-12-28"],
                              ["P006", "false", "0", "null", "null"],
                              ["P404", "true", "1", "null", "null"],
                              ["P002", "true", "2023-03-21", "null"]]) == [
        "P001, present: shown 'false', written 'true'",
        "P001, register_by: shown '2022-12-28', written '2022-12-27'",
        "P006, days_used: shown '0', written 'null'",
        "P404: no row of out/p.parquet has person_id 'P404'",
        # a cell left out was a ValueError of zip(), naming neither table nor row
        "P002: the row has 4 cells, the header of the table of out/p.parquet 5"]


def test_update_fills_a_table_s_cells_from_the_file() -> None:
    text = ("```console\n$ sojourn batch examples/crossings.csv --country KZ --on 2023-03-01 "
            "--out out/p.parquet  # first 1 lines\nstale\n...\n```\n\n"
            "```text out/p.parquet\n| person_id | days_used |\n|---|---|\n| P006 | 1 |\n"
            "| P001 | x |\n```")
    assert update(text).endswith("```text out/p.parquet\n"
                                 "| person_id | days_used |\n"
                                 "|-----------|-----------|\n"
                                 "| P006      | null      |\n"
                                 "| P001      | 70        |\n```")
    assert update(update(text)) == update(text)


def test_update_names_the_rows_and_columns_of_a_table_the_file_does_not_have() -> None:
    # they were a KeyError of the row's first cell, naming neither table nor command
    command = ("sojourn batch examples/crossings.csv --country KZ --on 2023-03-01 "
               "--out out/p.parquet")
    text = (f"```console\n$ {command}  # first 1 lines\nstale\n...\n```\n\n"
            "```text out/p.parquet\n| person_id | days_usd |\n|---|---|\n| P404 | 1 |\n"
            "| P001 | x |\n```")
    with pytest.raises(TableMismatch) as told:
        update(text)
    assert str(told.value) == (
        "the table of out/p.parquet shows row 'P404' (no row has person_id 'P404'), column "
        f"'days_usd', which `{command}` does not write: correct or remove it by hand")


OUTPUTS = ("--out", "--rejects-out", "--violations-out", "--plot", "-o", "--output")


def test_the_examples_write_their_outputs_into_a_private_directory() -> None:
    # they wrote /tmp/persons.parquet: personal data in a directory every user may write in,
    # which readers copied
    written = [(path.name, value) for path, command, _ in EXAMPLES
               for option, value in itertools.pairwise(shlex.split(command))
               if option in OUTPUTS]
    assert written and all(value.startswith("out/") and value != "out/-"
                           for _, value in written), written
    # made for the command and removed after it: no personal data left in the checkout
    if not OUT.exists():
        said = run("sojourn report examples/relocant.yaml --on 2023-01-05 -o out/r.txt")
        assert said == "" and not OUT.exists()


def test_update_keeps_an_output_cut_by_hand() -> None:
    # --update wrote back the whole output, and with it a time that changes from run to run
    text = ("```console\n$ sojourn rules list\nstale\nstale\n...\n"
            "$ sojourn rules validate  # first 1 lines\nstale\n...\n```")
    listed = run("sojourn rules list").splitlines()
    assert update(text) == ("```console\n$ sojourn rules list\n" + "\n".join(listed[:2])
                            + "\n...\n$ sojourn rules validate  # first 1 lines\n"
                            + run("sojourn rules validate").rstrip("\n") + "\n```")
    assert update(update(text)) == update(text)


def test_the_script_runs_this_checkout_s_code() -> None:
    # run as a script, it imported whatever sojourn was installed (another checkout's, say),
    # and --update wrote that code's output into this README
    script = Path(__file__).with_name("readme_examples.py")
    probe = (f"import runpy, sys; sys.argv = ['readme_examples.py']; "
             f"runpy.run_path({str(script)!r}, run_name='__main__'); "
             "import sojourn; print(sojourn.__file__)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, cwd=script.parents[1] / "examples", timeout=60, check=True)
    assert Path(done.stdout.strip()).resolve().is_relative_to(script.parents[1] / "src")


def _prose(text: str) -> str:
    """``text`` without its fenced blocks (a line starting ``` opens or closes one)."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            out.append(line)
    return "\n".join(out)


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives a document's headings: lower case, punctuation dropped,
    spaces made hyphens, a repeated one numbered."""
    seen: dict[str, int] = {}
    out = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", _prose(text), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_somewhere(path: Path) -> None:
    for target in re.findall(r"\]\(([^)\s]+)\)", _prose(path.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.exists(), (path.name, target)
        if anchor and linked.suffix == ".md":
            assert anchor in _anchors(linked.read_text(encoding="utf-8")), (path.name, target)


def test_the_readme_lists_every_value_a_profile_field_takes() -> None:
    from typing import get_args

    from sojourn.history import models

    text = README.read_text(encoding="utf-8")
    fields = {"documents[].type": models.DocumentIn.model_fields["type"],
              "documents[].form": models.DocumentIn.model_fields["form"],
              "service[].kind": models.ServiceIn.model_fields["kind"],
              "trips[].by": models.TripIn.model_fields["by"],
              "permits[].kind": models.PermitIn.model_fields["kind"],
              "charges[].wanted": models.ChargeIn.model_fields["wanted"]}
    for name, field in fields.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
        listed = set(re.findall(r"`([a-z_]+)`", row.split("|")[2]))
        values = {v for arg in get_args(field.annotation) for v in (get_args(arg) or (arg,))
                  if isinstance(v, str)}
        assert values <= listed, (name, values - listed)


def test_the_coverage_line_counts_the_built_in_pack() -> None:
    # docs/rule-pack.md asks for it to be updated by hand when a host or rule is added, and
    # nothing checked that it was
    from sojourn.countries import country_name
    from sojourn.rules.loader import load_pack

    pack = load_pack()
    line = " ".join(README.read_text(encoding="utf-8").split())
    said = re.search(r"\*\*Coverage:\*\* (\d+) rules for (\d+) countries and the Schengen area "
                     r"\(([^)]*)\)", line)
    assert said, "the README's one-line coverage summary is gone"
    countries = [h for h in pack.hosts() if h not in pack.zones]
    names = said[3].split(", ")
    assert (int(said[1]), int(said[2]), len(names)) == (len(pack.rules), len(countries),
                                                        len(countries))
    assert list(pack.zones) == ["SCHENGEN"]
    # named as the answers name them ("Türkiye", not "Turkey"), in the order of the names a
    # reader scans, not of the codes ("the United Arab Emirates" is AE)
    assert names == sorted((country_name(c) for c in countries),
                           key=lambda name: name.removeprefix("the "))


# names a reader meets in the prose for a host the answers name otherwise (pycountry's name)
_NOT_THE_ANSWERS_NAMES = {"TR": "Turkey"}


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_prose_names_a_host_as_the_answers_do(path: Path) -> None:
    from sojourn.countries import country_name

    # the shown outputs are left out: they quote the pack's rule titles as they stand
    prose = _prose(path.read_text(encoding="utf-8"))
    for code, other in _NOT_THE_ANSWERS_NAMES.items():
        assert country_name(code) != other
        assert not re.search(rf"\b{other}\b", prose), (path.name, other, country_name(code))


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_prose_names_who_registers_as_the_answers_do(path: Path) -> None:
    # the answers never call whoever houses the person "the host", which everywhere else in
    # them is the country; docs/json.md gave host_guest_liable as "the host"
    prose = " ".join(_prose(path.read_text(encoding="utf-8")).split())
    for said in re.findall(r"`host(?:_guest_liable)?`, ([a-z][^;)]*)", prose):
        assert said.startswith("whoever houses"), (path.name, said)


def test_the_readme_s_profile_is_the_sample_file() -> None:
    # it showed one trip and one registration of examples/relocant.yaml, whose border run to
    # Kyrgyzstan the status example beside it speaks of
    sample = ROOT / "examples" / "relocant.yaml"
    shown = re.search(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert shown, "the README's profile example is gone"
    body = [line for line in sample.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("#")]
    assert shown[1] == "".join(body)


# answers whose --json hold, between them, the keys of status and plan at every depth: a
# contested rule, an overstay's fines and entry ban, a registration, another citizenship, a
# passport that ended, a summons, an overstay whose ban the pack cannot tell, plans too long
_JSON_ANSWERS = [
    "status examples/relocant.yaml --country KZ --on 2023-01-05",
    "status examples/kyrgyzstan-overstay.yaml --country KG --on 2026-03-01",
    "status examples/georgia-overstay.csv --country GE --citizenship RU --on 2026-01-05",
    "status examples/kazakh-russian.yaml --country AM --on 2023-03-01",
    "status examples/tashkent.yaml --country UZ --on 2027-02-01",
    "status examples/summoned-abroad.yaml --country KZ --on 2026-12-01",
    "status examples/restricted-abroad.yaml --country KZ --on 2026-12-01",
    "status {kz_overstay} --country KZ --citizenship RU --on 2027-01-10",
    "plan examples/relocant.yaml --country KZ --length 91 --from 2022-09-24",
    "plan examples/relocant.yaml --country KZ --length 100 --from 2023-02-20",
]


def _keys(value: object) -> set[str]:
    """Every key of the mappings in ``value``, at any depth."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize("command", _JSON_ANSWERS)
def test_docs_json_names_every_key_of_status_and_plan(command: str, tmp_path: Path) -> None:
    # the README listed the penalties' keys without `bans` and `bans_from_age`, and no
    # document named the keys of `assumptions` (`by_default`, `alternatives`)
    from typer.testing import CliRunner

    from sojourn.cli import app

    overstay = tmp_path / "kz-overstay.csv"
    overstay.write_text("country,entry,exit\nKZ,2026-03-01,2026-12-01\n", encoding="utf-8")
    args = [*shlex.split(command.format(kz_overstay=overstay)), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    named = set(re.findall(r"`([a-z_]+)`", (ROOT / "docs" / "json.md").read_text(encoding="utf-8")))
    missing = sorted(_keys(json.loads(result.stdout)) - named)
    assert not missing, f"docs/json.md names no key {missing} of `sojourn {command} --json`"


def test_the_code_layout_names_every_module() -> None:
    # countries.py, words.py, summonses.py, processes.py, cli/app.py and cli/_common.py were in
    # no row: a newcomer looking for where a country gets its name found nothing
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## Code layout"):text.index("## Tests")]
    named = set(re.findall(r"`([\w/.]+)`", table))
    src = ROOT / "src" / "sojourn"
    for where, prefix in ((src, ""), (src / "cli", "cli/")):
        for path in where.iterdir():
            if path.name in ("__init__.py", "__pycache__") or not (
                    path.suffix == ".py" or path.is_dir()):
                continue
            name = path.name + ("/" if path.is_dir() else "")
            assert name in named or f"{prefix}{name}" in named, (
                f"README's Code layout names no {prefix}{name}")

