"""Every option's bad value is told in the one form of docs/input-errors.md, "--option:
'value' what is wrong; expected the accepted form", as --country's and --citizenship's are;
and the bad values of one invocation are told at once, each on its own line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli_lines import outcome as run

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "examples" / "relocant.yaml")
CSV = str(ROOT / "examples" / "history.csv")
CROSSINGS = str(ROOT / "examples" / "crossings.csv")
runner = CliRunner()


KZ_ON = ("--country", "KZ", "--on", "2023-01-05")


# each was told in an older form, "--permit 'x' is not ...", "--from A comes after --to B"
@pytest.mark.parametrize(("args", "head", "hint"), [
    (["status", PROFILE, *KZ_ON, "--assume", "kz-prp-2015-tex"],
     "--assume: 'kz-prp-2015-tex' is a variant of no rule in the pack",
     "; did you mean 'kz-prp-2015-text'?; expected a variant name of the rules for KZ: "),
    (["plan", CSV, "--rule", "per-entry:30", "--length", "5", "--assume", "kz-change-26-jan"],
     "--assume: 'kz-change-26-jan' picks a variant of a rule in the pack",
     "; expected no --assume beside --rule"),
    (["status", PROFILE, *KZ_ON, "--assume", "kz-change-26-jan", "--assume", "kz-change-27-jan"],
     "--assume: 'kz-change-27-jan' is a rival account of kz-stay-eaeu-per-entry to --assume "
     "kz-change-26-jan", "; expected one account of kz-stay-eaeu-per-entry: "),
    (["permit", PROFILE, *KZ_ON, "--permit", "kz-permit-temprary"],
     "--permit: 'kz-permit-temprary' is not a permit rule for KZ",
     "; did you mean 'kz-permit-temporary'?; expected a permit rule id of KZ for citizens of "
     "the Russian Federation; permit rules there for citizens of the Russian Federation: "),
    (["permit", PROFILE, *KZ_ON, "--permit", "kz-permit-temporary", "--apply-on", "2023-01-01"],
     "--apply-on: '2023-01-01' is before the day judged, 2023-01-05",
     "; expected a day on or after 2023-01-05, or --on 2023-01-01"),
    (["status", CSV, "--rule", "registration:3/working", "--country", "KZ,KG"],
     "--country: 'KZ,KG' names more than one country", "; expected one code, e.g. --country KZ"),
    (["flows", CROSSINGS, "--from", "2023-02-01", "--to", "2023-01-01", "--out", "{tmp}/f.csv"],
     "--to: '2023-01-01' is before --from 2023-02-01", "; expected --from on or before --to"),
    (["flows", CROSSINGS, "--from", "2000-01-01", "--to", "2023-01-01", "--out", "{tmp}/f.csv"],
     "--to: '2023-01-01' is more than 20 years after --from 2000-01-01",
     "; expected --from on or before --to"),
    (["batch", CROSSINGS, "--country", "KZ", "--out", "{tmp}/o.csv", "--scheduler", "tcp://h:1"],
     "--scheduler: 'tcp://h:1' applies to --engine dask, not to --engine polars",
     "; expected --engine dask beside --scheduler"),
    (["batch", CROSSINGS, "--country", "KZ", "--out", "{tmp}/o.csv", "--engine", "dask",
      "--scheduler", "tcp://h:1", "--workers", "2"],
     "--workers: '2' sizes a local cluster", "; expected --scheduler ADDRESS (a running "),
    (["batch", CROSSINGS, "--country", "KZ", "--out", "{tmp}/o.csv", "--engine", "dask",
      "--scheduler", "udp://h:1"],
     "--scheduler: 'udp://h:1' is a udp:// address, which is not supported", "; expected "),
])
def test_an_option_s_bad_value_is_told_in_the_one_form(args: list[str], head: str, hint: str,
                                                         tmp_path: Path) -> None:
    code, out, err = run(*(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {head}"), err
    assert hint in err and err.count("\n") == 1, err


# each stopped at its first bad value: the user mended one a run. Each case: the invocation,
# the options told, in order, and the values that mend all but the first
@pytest.mark.parametrize(("args", "options", "mended"), [
    (["entry", "--citizenship", "XX", "--document", "passport", "--to", "KZZ", "--by", "boat",
      "--on", "2023-02-30", "--age", "x", "--document-expires", "y"],
     ["--by", "--document", "--to", "--citizenship", "--on", "--age", "--document-expires"],
     {"--document": "id_card", "--to": "KZ", "--citizenship": "RU", "--on": "2023-01-05",
      "--age": "30", "--document-expires": "2030-01-01"}),
    (["destinations", PROFILE, "--document", "passport", "--by", "boat", "--on", "x"],
     ["--by", "--document", "--on"], {"--document": "id_card", "--on": "2023-01-05"}),
    (["plan", CSV, "--rule", "per-entry:30", "--length", "0", "--from", "2023-13-01", "--by",
      "boat"], ["--length", "--from", "--by"], {"--from": "2023-01-01", "--by": "land"}),
    (["permit", PROFILE, "--country", "XX", "--on", "2023-01-32", "--apply-on", "x"],
     ["--country", "--on", "--apply-on"], {"--on": "2023-01-05", "--apply-on": "2023-02-01"}),
    (["status", CSV, "--rule", "rolling:90/180", "--on", "y", "--citizenship", "XX"],
     ["--on", "--citizenship"], {"--citizenship": "RU"}),
    (["report", PROFILE, "--format", "pdf", "--on", "x", "--citizenship", "XX"],
     ["--format", "--on", "--citizenship"], {"--on": "2023-01-05", "--citizenship": "RU"}),
    (["risk", PROFILE, "--country", "XX", "--on", "x", "--citizenship", "YY"],
     ["--citizenship", "--country", "--on"], {"--country": "KZ", "--on": "2023-01-05"}),
    (["status", CSV, "--rule", "rolling:x/180", "--country", "KZ,QQ", "--assume",
      "kz-change-26-jan"], ["--assume", "--rule", "--country"],
     {"--rule": "rolling:90/180", "--country": "KZ"}),
    (["batch", CROSSINGS, "--out", "{tmp}/o.csv", "--max-rejects", "5x", "--engine", "spark",
      "--workers", "0", "--partitions", "x", "--on", "2023-02-30"],
     ["--max-rejects", "--engine", "--workers", "--partitions", "--on"],
     {"--engine": "dask", "--workers": "1", "--partitions": "2", "--on": "2023-01-05"}),
    (["flows", CROSSINGS, "--out", "{tmp}/o.csv", "--max-rejects", "-1", "--from", "x", "--to",
      "y"], ["--max-rejects", "--from", "--to"], {"--from": "2023-01-01", "--to": "2023-02-01"}),
    (["rules", "list", "--country", "XX", "--topic", "foo", "--citizenship", "YY", "--on", "x"],
     ["--country", "--topic", "--citizenship", "--on"],
     {"--topic": "stay", "--citizenship": "RU", "--on": "2023-01-05"}),
    (["rules", "changes", "--country", "XX", "--citizenship", "YY", "--from", "x", "--to", "y"],
     ["--country", "--citizenship", "--from", "--to"],
     {"--citizenship": "RU", "--from": "2023-01-01", "--to": "2023-02-01"}),
    (["rules", "coverage", "--citizenship", "YY", "--on", "x"], ["--citizenship", "--on"],
     {"--on": "2023-01-05"}),
])
def test_every_bad_option_of_one_run_is_told_at_once(args: list[str], options: list[str],
                                                     mended: dict[str, str],
                                                     tmp_path: Path) -> None:
    command = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, out, err = run(*command)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert [line.lstrip().removeprefix("error: ").split(":")[0] for line in lines] == options, err
    assert lines[0].startswith("error: ") and all(line.startswith("  ") for line in lines[1:])
    assert all("; expected " in line for line in lines), err
    # the first is told as it is alone, in the same words, with the same exit code
    alone = [mended.get(before, a) for before, a in zip(["", *command[:-1]], command, strict=True)]
    assert run(*alone) == (2, "", lines[0] + "\n")


def test_gathered_problems_are_raised_as_the_first_was_and_spare_later_errors() -> None:
    from sojourn.errors import Gathered, InputError, Problem, UsageError

    def refuse(error: Exception) -> None:
        raise error

    with pytest.raises(UsageError) as usage, Gathered() as gathered:
        gathered.read(refuse, UsageError("--a: 'x' is bad; expected y"))
        gathered.read(refuse, InputError(Problem("--b", None, None, "z", "is bad", "w")))
    assert str(usage.value) == "--a: 'x' is bad; expected y\n--b: 'z' is bad; expected w"
    # a value read as None in place of a refused one breaks what uses it: the refusal is told
    with pytest.raises(InputError) as told, Gathered() as gathered:
        value = gathered.read(refuse, InputError(Problem("--c", None, None, "v", "is bad", "u")))
        value.upper()  # type: ignore[attr-defined]
    assert str(told.value) == "--c: 'v' is bad; expected u"
