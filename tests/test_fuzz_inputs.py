"""Bad input, by machine: valid inputs mutated by a fixed, seeded list of mutations (columns
dropped, duplicated or swapped, lines and files cut short, cells blanked or given wrong types
and out-of-range dates, byte order marks, NULs, right-to-left marks, full-width digits, other
encodings, line ends, duplicate keys, aliases) and run through the commands that read them.

The promise of docs/input-errors.md: exit 0 or 2, never a traceback or an internal error; on 2,
every message line an ``error:`` (or its continuation) naming the file, and no output written,
nor a previous one replaced."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from sojourn.cli import app
from sojourn.rules.loader import builtin_pack_dir

ROOT = Path(__file__).resolve().parents[1]
SEED = 23
runner = CliRunner()

STAYS = ("person_id,country,entry,exit,citizenship\nP1,KZ,2022-09-24,2022-12-21,RU\n"
         "P1,KG,2022-12-21,2022-12-22,RU\nP1,KZ,2022-12-22,,RU\nP2,GE,2022-10-01,2023-01-15,BY\n")
EVENTS = ("person_id,date,direction,country,citizenship\nE1,2022-09-24,in,KZ,RU\n"
          "E1,2022-12-21,out,KZ,RU\nE1,2022-12-21,in,KG,RU\nE2,2022-10-01,in,KZ,RU\n")
NO_PERSON = "version: 1\ntrips:\n  - {country: GE, entry: 2022-09-25, exit: 2022-12-01}\n"
BAD_VALUES = ["", " ", "0000-01-01", "9999-12-31", "2023-02-29", "2023-13-01", "2023-1-5",
              "２０２３-０１-１０", "\u200f2023-01-10", "\u202eKZ", "ＫＺ", "K\x00Z", "ß", "XX",
              "9" * 400, "[a, b]", "{a: 1}", "&a x", "*a", '"', "1e9", "true", "null"]
PREVIOUS = b"previous output\n"


def _text_mutations(rng: random.Random, text: str) -> Iterator[tuple[str, bytes]]:
    lines = text.rstrip("\n").split("\n")
    i, cut = rng.randrange(len(lines)), rng.randrange(len(text))
    yield "empty", b""
    yield "cut file", text[:cut].encode()
    yield "cut line", "\n".join([*lines[:i], lines[i][:len(lines[i]) // 2], *lines[i + 1:]]
                                ).encode()
    yield "line twice", "\n".join(lines[:i + 1] + lines[i:]).encode()
    yield "line dropped", "\n".join(lines[:i] + lines[i + 1:]).encode()
    yield "bom", ("\ufeff" + text).encode()
    yield "two boms", ("\ufeff\ufeff" + text).encode()
    for char in ("\x00", "\u200f", "\u202e", "\x0c", "\t"):
        yield f"{char!r} inserted", (text[:cut] + char + text[cut:]).encode()
    yield "full-width digits", text.translate({ord(d): chr(0xFF10 + int(d))
                                               for d in "0123456789"}).encode()
    yield "utf-16", text.encode("utf-16")
    yield "utf-16 no bom", text.encode("utf-16-le")
    yield "latin-1", (text + "# é\n").encode("latin-1", "replace")
    yield "bad utf-8", text[:cut].encode() + b"\xff" + text[cut:].encode()
    yield "crlf", text.replace("\n", "\r\n").encode()
    yield "cr", text.replace("\n", "\r").encode()


def _csv_mutations(rng: random.Random, text: str) -> Iterator[tuple[str, bytes]]:
    rows = [r.split(",") for r in text.rstrip("\n").split("\n")]

    def joined(table: list[list[str]]) -> bytes:
        return ("\n".join(",".join(r) for r in table) + "\n").encode()

    c, d = rng.sample(range(len(rows[0])), 2)
    yield "column dropped", joined([r[:c] + r[c + 1:] for r in rows])
    yield "column twice", joined([r[:c + 1] + r[c:] for r in rows])
    yield "columns swapped", joined([[r[d] if k == c else r[c] if k == d else x
                                      for k, x in enumerate(r)] for r in rows])
    header = [rows[0][d] if k == c else rows[0][c] if k == d else x
              for k, x in enumerate(rows[0])]
    yield "header swapped", joined([header, *rows[1:]])
    yield "header only", joined(rows[:1])
    yield "no header", joined(rows[1:])
    yield "row cut short", joined([*rows[:-1], rows[-1][:-1]])
    yield "row too long", joined([*rows, rows[-1] + ["x", "y"]])
    yield "semicolons", text.replace(",", ";").encode()
    for value in rng.sample(BAD_VALUES, 8):
        r, k = rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))
        yield f"cell {rows[0][k]}={value!r}", joined(
            [[value if (n, m) == (r, k) else x for m, x in enumerate(row)]
             for n, row in enumerate(rows)])


def _yaml_mutations(rng: random.Random, text: str) -> Iterator[tuple[str, bytes]]:
    lines = text.rstrip("\n").split("\n")
    keyed = [n for n, line in enumerate(lines) if ": " in line and not line.lstrip(" -#")
             .startswith("#")]
    for _ in range(8):  # a value replaced by one of another type, or out of range
        n = rng.choice(keyed)
        key, _, _ = lines[n].partition(": ")
        value = rng.choice(BAD_VALUES)
        yield f"line {n + 1} = {value!r}", "\n".join(
            [*lines[:n], f"{key}: {value}", *lines[n + 1:]]).encode()
    n = rng.choice(keyed)
    yield "key twice", "\n".join(lines[:n + 1] + lines[n:]).encode()
    nested = "".join(f"{k}: &{k} [{', '.join([f'*{p}'] * 9)}]\n"
                     for p, k in zip("abcdef", "bcdefg", strict=True))
    yield "aliases of aliases", (text + "a: &a [x, x, x, x, x, x, x, x, x]\n" + nested).encode()
    yield "merge key", (text + "m: &m {a: 1}\nn: {<<: *m}\n").encode()
    yield "a list", ("- " + text.replace("\n", "\n  ")).encode()
    yield "a number", b"42\n"
    yield "two documents", (text + "---\n" + text).encode()
    yield "python tag", (text + "x: !!python/object:os.system {}\n").encode()
    yield "deep", (text + "x: " + "[" * 3000 + "]" * 3000 + "\n").encode()
    yield "null key", (text + "null: 1\n").encode()


def _frame_mutations(rng: random.Random, frame: pl.DataFrame
                     ) -> Iterator[tuple[str, pl.DataFrame]]:
    first = pl.int_range(pl.len()) == 0
    for column in rng.sample(frame.columns, 3):
        kept = frame.schema[column]
        yield f"{column} dropped", frame.drop(column)
        yield f"{column} as numbers", frame.with_columns(pl.lit(20230101).alias(column))
        yield f"{column} all null", frame.with_columns(pl.lit(None, dtype=kept).alias(column))
        yield f"{column} as lists", frame.with_columns(pl.concat_list(column).alias(column))
        yield f"{column} as structs", frame.with_columns(pl.struct(column).alias(column))
        yield f"{column} as bytes", frame.with_columns(pl.col(column).cast(pl.String)
                                                       .cast(pl.Binary))
        value = rng.choice(BAD_VALUES)
        yield f"{column}={value!r}", frame.with_columns(pl.when(first).then(pl.lit(value))
                                                        .otherwise(pl.col(column).cast(
                                                            pl.String)).alias(column))
    for column in [c for c in ("entry", "exit", "date") if c in frame.columns]:
        for day in ("0001-01-01", "9999-12-31"):
            yield f"{column}={day}", frame.with_columns(
                pl.when(first).then(pl.lit(day).str.to_date()).otherwise(pl.col(column))
                .alias(column))
        yield f"{column} with time zone", frame.with_columns(
            pl.col(column).cast(pl.Datetime("us", "Asia/Almaty")))
    yield "no rows", frame.head(0)


def _history_commands(path: Path, out: Path) -> list[tuple[list[str], list[Path]]]:
    p, rest = str(path), ["--citizenship", "RU"]
    return [(["status", p, "--country", "KZ", "--on", "2023-01-05", *rest], []),
            (["plan", p, "--country", "KZ", "--from", "2023-03-01", "--length", "30", *rest], []),
            (["destinations", p, "--on", "2023-01-05", *rest], []),
            (["permit", p, "--country", "KZ", "--permit", "kz-permit-temporary", "--on",
              "2022-11-01", *rest], []),
            (["risk", p, "--country", "GE", "--on", "2024-02-01", *rest], []),
            (["report", p, "--on", "2023-01-05", "--format", "ics", "-o", str(out / "r.ics"),
              *rest], [out / "r.ics"]),
            (["entry", "--citizenship", "RU", "--document", "internal_passport", "--to", "KG",
              "--on", "2023-01-05", "--history", p], [])]


def _log_commands(path: Path, out: Path) -> list[tuple[list[str], list[Path]]]:
    persons, violations, counts, plot = (out / n for n in ("p.parquet", "v.csv", "f.csv",
                                                           "f.png"))
    return [(["batch", str(path), "--country", "KZ", "--on", "2023-03-01", "--out",
              str(persons), "--violations-out", str(violations), "--max-rejects", "0"],
             [persons, violations]),
            (["batch", str(path), "--rule", "rolling:90/180", "--on", "2023-03-01", "--out",
              str(persons), "--earliest-entry"], [persons]),
            (["flows", str(path), "--from", "2022-09-01", "--to", "2023-03-01", "--out",
              str(counts), "--plot", str(plot), "--max-rejects", "0"], [counts, plot])]


def _pack_commands(pack: Path) -> list[tuple[list[str], list[Path]]]:
    p = str(pack)
    return [(["rules", "validate", p], []), (["rules", "list", "--pack", p], []),
            (["rules", "coverage", "--citizenship", "RU", "--on", "2024-01-01", "--pack", p], []),
            (["status", str(ROOT / "examples" / "relocant.yaml"), "--country", "KZ", "--on",
              "2023-01-05", "--pack", p], [])]


def _keeps_the_promise(args: list[str], outputs: list[Path], bad: Path, case: str) -> None:
    for output in outputs:
        output.unlink(missing_ok=True)
    if outputs:  # a previous run's output, which a refusal must leave as it was
        outputs[0].write_bytes(PREVIOUS)
    result = runner.invoke(app, args)
    where = f"{case}: sojourn {' '.join(args)}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        where, repr(result.exception))
    assert result.exit_code in (0, 2), (where, result.stderr)
    if result.exit_code != 2:
        return
    lines = result.stderr.splitlines()
    assert lines and lines[0].startswith("error:"), (where, result.stderr)
    assert all(line.startswith(("error:", "warning:", "  ")) for line in lines), (where,
                                                                                  result.stderr)
    assert bad.name in result.stderr, (where, result.stderr)
    assert "Traceback" not in result.stderr, where
    for n, output in enumerate(outputs):
        if n == 0:
            assert output.read_bytes() == PREVIOUS, (where, f"{output.name} replaced")
        else:
            assert not output.exists(), (where, f"{output.name} left behind")


Mutations = Callable[[random.Random, str], Iterator[tuple[str, bytes]]]
HISTORIES: list[tuple[str, str, tuple[Mutations, ...]]] = [
    ("history.csv", (ROOT / "examples" / "history.csv").read_text(), (_csv_mutations,)),
    ("relocant.yaml", (ROOT / "examples" / "relocant.yaml").read_text(), (_yaml_mutations,)),
    ("tashkent.yaml", (ROOT / "examples" / "tashkent.yaml").read_text(), (_yaml_mutations,)),
    ("no-person.yaml", NO_PERSON, (_yaml_mutations,)),
]


@pytest.mark.parametrize(("name", "text", "kinds"), HISTORIES, ids=[h[0] for h in HISTORIES])
def test_a_mutated_history_is_answered_or_refused_whole(tmp_path: Path, name: str, text: str,
                                                        kinds: tuple[Mutations, ...]) -> None:
    rng = random.Random(f"{SEED}:{name}")
    path = tmp_path / f"in{Path(name).suffix}"
    for case, data in [m for kind in (_text_mutations, *kinds) for m in kind(rng, text)]:
        path.write_bytes(data)
        for args, outputs in rng.sample(_history_commands(path, tmp_path), 1):
            _keeps_the_promise(args, outputs, path, f"{name}, {case}")


@pytest.mark.parametrize(("name", "text"), [("stays", STAYS), ("events", EVENTS)])
def test_a_mutated_crossing_log_is_answered_or_refused_whole(tmp_path: Path, name: str,
                                                             text: str) -> None:
    rng = random.Random(f"{SEED}:{name}")
    path = tmp_path / "log.csv"
    mutations = [*_text_mutations(rng, text), *_csv_mutations(rng, text)]
    for case, data in rng.sample(mutations, len(mutations) // 2):
        path.write_bytes(data)
        for args, outputs in rng.sample(_log_commands(path, tmp_path), 1):
            _keeps_the_promise(args, outputs, path, f"{name}.csv, {case}")
    frame = pl.read_csv(text.encode(), infer_schema=False).with_columns(
        pl.col(c).str.to_date() for c in ("entry", "exit", "date") if c in text.split("\n")[0])
    path = tmp_path / "log.parquet"
    for case, changed in rng.sample(list(_frame_mutations(rng, frame)), 10):
        changed.write_parquet(path)
        for args, outputs in rng.sample(_log_commands(path, tmp_path), 1):
            _keeps_the_promise(args, outputs, path, f"{name}.parquet, {case}")
    whole = path.read_bytes()
    for cut in (0, 4, len(whole) // 2, len(whole) - 1):
        path.write_bytes(whole[:cut])
        _keeps_the_promise(_log_commands(path, tmp_path)[0][0], [], path, f"cut at {cut}")


@pytest.mark.parametrize("name", ["kg.yaml", "calendars.yaml"])
def test_a_mutated_rule_file_is_loaded_or_refused(tmp_path: Path, name: str) -> None:
    rng = random.Random(f"{SEED}:{name}")
    text = (builtin_pack_dir() / name).read_text()
    mutations = [*_text_mutations(rng, text), *_yaml_mutations(rng, text)]
    for n, (case, data) in enumerate(rng.sample(mutations, 8)):
        pack = tmp_path / f"pack{n}"  # a new directory: a loaded pack is cached by its files
        shutil.copytree(builtin_pack_dir(), pack)
        (pack / name).write_bytes(data)
        for args, outputs in rng.sample(_pack_commands(pack), 1):
            _keeps_the_promise(args, outputs, pack / name, f"{name}, {case}")
