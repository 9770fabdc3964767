"""The analyst's commands: ``batch`` (who is over the limit, who must leave) and ``flows``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console

from sojourn.cli._common import guarded, json_text, rule_pack, stdout_console, warn
from sojourn.cli._options import (
    Assume,
    Country,
    On,
    PackDir,
    RuleSpec,
    choice,
    day_option,
    file_path,
    whole,
)
from sojourn.cli.app import app
from sojourn.errors import Gathered
from sojourn.words import count, noun

if TYPE_CHECKING:  # polars loads only when a batch command runs
    from sojourn.batch.evaluate import Assumed
    from sojourn.batch.job import Reason, Summary
    from sojourn.batch.reject_limit import RejectLimit
    from sojourn.errors import InputError

T = TypeVar("T", bound=tuple[object, Path])
NOT_WRITTEN = "not written: too many rows rejected (--max-rejects)"
Input = Annotated[Path, typer.Argument(
    metavar="INPUT", parser=file_path,
    help="A crossing log: .parquet or .csv of stays (person_id,country,entry,"
    "exit[,citizenship]) or of events (person_id,date,direction,country).", show_default=False)]
RejectsOut = Annotated[Path | None, typer.Option(
    "--rejects-out", metavar="FILE", parser=file_path,
    help="Rows not evaluated, with row, line and reason "
    "(default: the --out name with .rejects before its suffix).")]
MaxRejects = Annotated[str | None, typer.Option(
    "--max-rejects", metavar="N|P%", help="Fail the run (exit 2, only the rejects written) "
    "when more rows than N, or than P% of the rows read, are rejected; 0: none may be.")]


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr while a run lasts (nothing when stderr is not a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True,
                  disable=not console.is_terminal) as bar:
        task = bar.add_task(label, total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield step


@app.command()
@guarded
def batch(
    log: Input,
    out: Annotated[Path, typer.Option(
        "--out", metavar="FILE", show_default=False, parser=file_path,
        help="One row per person (.parquet or .csv), as status answers on --on: present, "
        "days_used, days_remaining (days left after --on), latest_exit (the last day a stay "
        "from --on may run to), max_stay_days (--on to latest_exit, both counted; 0: no day "
        "left), over_limit, violations and overstay_days (runs and their days), "
        "first_violation_day, register_by, and the rule ids used (earliest_entry too with "
        "--earliest-entry); every column: docs/batch.md."
    )],
    country: Country = None,
    rule: RuleSpec = None,
    on: On = None,
    citizenship: Annotated[str | None, typer.Option(
        "--citizenship", metavar="CODE", help="Passport (ISO code) of persons whose rows give "
        "no citizenship; not needed with --rule.")] = None,
    assume: Assume = None,
    violations_out: Annotated[Path | None, typer.Option(
        "--violations-out", metavar="FILE", parser=file_path,
        help="One row per run of non-compliant days: "
        "person_id, first_day, last_day, days, peak (the highest count of days in the run), "
        "rules (the rule ids broken).")
    ] = None,
    rejects_out: RejectsOut = None,
    max_rejects: MaxRejects = None,
    engine: Annotated[str, typer.Option(
        "--engine", metavar="ENGINE", help="polars (this machine) or dask (a cluster).")
    ] = "polars",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="ADDRESS",
        help="With --engine dask: a running scheduler, e.g. tcp://host:8786.")
    ] = None,
    workers: Annotated[str | None, typer.Option(
        "--workers", metavar="N", help="With --engine dask and no --scheduler: local worker "
        "processes (default 2).")] = None,
    partitions: Annotated[str | None, typer.Option(
        "--partitions", metavar="N",
        help="With --engine dask: partitions by person (default: by size).")
    ] = None,
    earliest_entry: Annotated[bool, typer.Option(
        "--earliest-entry", help="Add the column earliest_entry to --out: for a person with "
        "no day left (max_stay_days 0), the first day one may come, as status gives it. It "
        "costs about a tenth more time.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    pack: PackDir = None,
) -> None:
    """Evaluate a whole crossing log on one day: one row per person, violations, rejects."""
    from sojourn.batch.evaluate import assumed_accounts
    from sojourn.batch.job import (
        check_targets,
        default_rejects,
        run,
        summarize,
        timed,
        write_outputs,
    )
    from sojourn.batch.pipeline import Job, judge_for
    from sojourn.batch.reject_limit import parse
    from sojourn.rules.spec import parse_spec

    with Gathered() as gathered:  # every bad value told at once
        limit = gathered.read(parse, max_rejects)
        engine = gathered.read(choice, engine, ("polars", "dask"), "--engine")
        n_workers = gathered.read(whole, workers, "--workers", 1, 256)
        n_partitions = gathered.read(whole, partitions, "--partitions", 1, 1_000_000)
        day = gathered.read(day_option, on, "--on")
    _engine_options(engine, scheduler, n_workers, n_partitions)
    rejects_path = rejects_out or default_rejects(out)
    targets = {"INPUT": log, "--out": out, "--rejects-out": rejects_path}
    if violations_out is not None:
        targets["--violations-out"] = violations_out
    check_targets(targets)
    job = Job(on=day, country=country, rule=rule, citizenship=citizenship,
              assume=tuple(assume or ()), pack_dir=pack, earliest_entry=earliest_entry,
              # loaded here, once, its warnings told as every command tells them (rule_pack);
              # with --rule too, for the decrees moving days off it records
              pack=rule_pack(pack))
    judge = judge_for(job)  # bad options fail here, before any row is read
    warn(judge.warnings)
    if engine == "dask" and n_workers is not None:  # a local cluster: _engine_options
        from sojourn.batch.distributed import crowding

        warn(crowding(n_workers))
    with _progress("evaluating") as step:
        outputs, seconds = timed(lambda: run(
            log, job, engine=engine,  # type: ignore[arg-type]
            scheduler=scheduler, workers=n_workers, partitions=n_partitions,
            workdir=out.parent, progress=step))
    summary = summarize(outputs, seconds)
    refusal = _over_limit(limit, summary.rows_rejected, summary.rows, log, rejects_path,
                          [out, violations_out])
    over = refusal is not None
    # the accounts of contested rules the answers were judged by: in the summary, and in the
    # Parquet outputs' key-value metadata, where a script reading the answers finds them
    assumed = assumed_accounts(judge, outputs.persons.get_column("citizenship").unique())
    described = {"sojourn.assumed": json.dumps(_assumed_json(assumed), ensure_ascii=False)}
    tables = [(outputs.persons, out), (outputs.rejects, rejects_path)]
    if violations_out is not None:
        tables.append((outputs.violations, violations_out))
    write_outputs(_kept(tables, rejects_path, over),
                  metadata={p: described for p in (out, violations_out) if p is not None})
    if as_json:  # an output not written is null: none of this run's is there
        print(json_text({**asdict(summary), "seconds": round(seconds, 3), "on": str(job.on),
                          "host": judge.host, "engine": engine,
                          "out": None if over else str(out),
                          "rejects_out": str(rejects_path),
                          "violations_out": None if violations_out is None or over
                          else str(violations_out),
                          "assumed": _assumed_json(assumed),
                          **_limit_keys(limit, over)}))
    else:
        # "KZ on 2023-03-01", or for an ad-hoc regime "rolling:90/180 in KZ,KG on 2023-03-01"
        # the spec as status shows it (per-entry:60, however it was typed); without
        # --country, days in all countries count together, as in one zone
        judged = (judge.host if job.rule is None else
                  "+".join(c.spec for c in parse_spec(job.rule)) + " in "
                  + ("all countries together" if judge.host == "any" else judge.host))
        _print_summary(summary, job.on, f"{judged} on {job.on}", engine,
                       None if over else out, rejects_path,
                       None if over else violations_out, stdout_console(), assumed)
    if refusal is not None:  # once the summary is out: it says what went wrong
        raise refusal


def _assumed_json(assumed: Sequence[Assumed]) -> list[dict[str, object]]:
    """Each account of a contested rule a run judged by, as ``status --json`` gives its
    assumptions, with the citizenships whose rules hold it."""
    return [{"rule": a.assumption.rule, "variant": a.assumption.variant,
             "title": a.assumption.title, "by_default": a.assumption.by_default,
             "alternatives": list(a.assumption.alternatives),
             "citizenships": list(a.citizenships)} for a in assumed]


def _over_limit(limit: RejectLimit | None, rejected: int, read: int, log: Path,
                rejects: Path, others: list[Path | None]) -> InputError | None:
    """The error of a run whose rejects are more than ``--max-rejects`` allows, naming the
    ``others`` outputs it does not write; None within the limit, or without one."""
    if limit is None or not limit.exceeded(rejected, read):
        return None
    return limit.refusal(str(log), rejected, read, str(rejects),
                         [str(p) for p in others if p is not None])


def _kept(tables: list[T], rejects: Path, over: bool) -> list[T]:
    """The outputs a run writes: all of them, or, when its rejects exceeded the limit, the
    rejects alone, which say what went wrong, while the outputs of an earlier, good run stay
    in place of this one's, which are built on a part of the log."""
    return [t for t in tables if not over or t[1] == rejects]


def _limit_keys(limit: RejectLimit | None, over: bool) -> dict[str, object]:
    return {"max_rejects": None if limit is None else limit.text, "over_max_rejects": over}


def _engine_options(engine: str, scheduler: str | None, workers: int | None,
                    partitions: int | None) -> None:
    from sojourn.errors import UsageError, option_told

    given = [(option, value) for option, value in (
        ("--scheduler", scheduler), ("--workers", workers), ("--partitions", partitions))
        if value is not None]
    if engine != "dask" and given:
        option, value = given[0]
        raise UsageError(option_told(option, str(value), f"applies to --engine dask, not to "
                                     f"--engine {engine}", f"--engine dask beside {option}, or "
                                     f"no {option}"))
    if scheduler and workers:
        raise UsageError(option_told("--workers", str(workers), "sizes a local cluster, and "
                                     "--scheduler names a running one",
                                     "--scheduler ADDRESS (a running cluster) or --workers N "
                                     "(a local one), not both"))


@app.command()
@guarded
def flows(
    log: Input,
    first: Annotated[str, typer.Option("--from", metavar="DATE",
                                       help="First day, YYYY-MM-DD.", show_default=False)],
    last: Annotated[str, typer.Option("--to", metavar="DATE", help="Last day, YYYY-MM-DD.",
                                      show_default=False)],
    out: Annotated[Path, typer.Option(
        "--out", metavar="FILE", show_default=False, parser=file_path,
        help="One row per country and day (.parquet or .csv), by country then day: arrivals "
        "and departures (stays beginning and ending that day), present (persons there that "
        "day, the days of crossing in and out included).")],
    plot: Annotated[Path | None, typer.Option("--plot", metavar="FILE", parser=file_path,
                                              help="Also draw it as a PNG.")] = None,
    rejects_out: RejectsOut = None,
    max_rejects: MaxRejects = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Arrivals, departures and people present per country and day."""
    from functools import partial

    from sojourn.batch.flows import chart, check_range, save_chart
    from sojourn.batch.job import (
        check_targets,
        default_rejects,
        rejected_persons,
        run_flows,
        top_reasons,
        write_outputs,
    )
    from sojourn.batch.reject_limit import parse

    with Gathered() as gathered:  # every bad value told at once
        limit = gathered.read(parse, max_rejects)
        start = gathered.read(day_option, first, "--from")
        end = gathered.read(day_option, last, "--to")
    check_range(start, end)
    rejects_path = rejects_out or default_rejects(out)
    targets = {"INPUT": log, "--out": out, "--rejects-out": rejects_path}
    if plot is not None:
        targets["--plot"] = plot
    check_targets(targets)
    with _progress("counting") as step:
        counted = run_flows(log, start, end, progress=step)
    table = counted.table
    refusal = _over_limit(limit, counted.rejects.height, counted.rows, log, rejects_path,
                          [out, plot])
    over = refusal is not None
    # drawn before anything is written, written with the rest
    drawn = [] if plot is None or over else [
        (partial(save_chart, chart(table, start, end)), plot)]
    write_outputs(_kept([(table, out), (counted.rejects, rejects_path)], rejects_path, over),
                  drawn)
    console = stdout_console()
    countries = table["country"].n_unique()
    days = (end - start).days + 1
    if as_json:  # the figures below, for a scheduled run to act on
        print(json_text({
            "from": str(start), "to": str(end), "table_rows": table.height,
            "countries": countries, "days": days, "rows": counted.rows,
            "rows_rejected": counted.rejects.height,
            "persons_rejected": rejected_persons(counted.rejects), "merged": counted.merged,
            "reasons": [asdict(r) for r in top_reasons(counted.rejects)],
            "out": None if over else str(out), "rejects_out": str(rejects_path),
            "plot": None if plot is None or over else str(plot),
            **_limit_keys(limit, over)}))
    else:
        console.print(f"{table.height:,} {noun(table.height, 'row')} "
                      f"({count(countries, 'country', 'countries')} x {count(days, 'day')}) "
                      + (NOT_WRITTEN if over else f"-> {out}"), highlight=False)
        if plot is not None and not over:
            console.print(f"plot -> {plot}", highlight=False)
        merged = (f"; {counted.merged:,} merged into overlapping stays (counted once)"
                  if counted.merged else "")
        # a person with a bad row is in no count of the table, which the row count hides
        persons = rejected_persons(counted.rejects)
        whose = f" ({count(persons, 'person')}, counted nowhere)" if persons else ""
        console.print(f"rows read {counted.rows:,}, rejected {counted.rejects.height:,}{whose}"
                      f" -> {rejects_path}{merged}", highlight=False)
        _print_reasons(top_reasons(counted.rejects), counted.rejects.height, console)
    if refusal is not None:
        raise refusal


def _print_reasons(reasons: Sequence[Reason], rejected: int, console: Console,
                   right: int | None = None) -> None:
    """The commonest reasons for rejecting rows, under the rejected rows' count (``rejected``):
    each count ends at column ``right`` (by default, two blanks before the widest). The rows
    they leave out get a line of their own, lest the counts shown read as every reject."""
    rest = rejected - sum(r.rows for r in reasons)
    if not reasons and not rest:
        return
    right = right or 2 + max(len(f"{n:,}") for n in (*(r.rows for r in reasons), rest))
    for r in reasons:
        console.print(f"{r.rows:>{right},}  {r.field}: {r.reason}", highlight=False)
    if rest:
        # rows rejected with a bad row of their person, and reasons less common than these
        console.print(f"{rest:>{right},}  more: less common reasons, or rejected with a bad row "
                      "of the same person; all are in the rejects file", highlight=False)


def _print_summary(summary: Summary, on: dt.date, judged: str, engine: str,
                   out: Path | None, rejects: Path, violations: Path | None, console: Console,
                   assumed: Sequence[Assumed] = ()) -> None:
    """The run in a few lines; the time comes last, as it changes from run to run. ``out``
    is None when the persons table was not written (the rejects exceeded --max-rejects)."""
    # told by the persons table's columns, as an analyst filters it: "days left" would read
    # as days_remaining, which counts the days after --on (max_stay_days 7 is days_remaining 6)
    week = on + dt.timedelta(days=6)
    rows = [
        ("persons", f"{summary.persons:,}", (NOT_WRITTEN if out is None else f"-> {out}")
         + (f"; {summary.persons_rejected:,} more with every row rejected"
            if summary.persons_rejected else "")),
        ("present on the day", f"{summary.present:,}", ""),
        ("over the limit", f"{summary.over_limit:,}",
         "present, with no day left (max_stay_days 0)"),
        ("must leave within 7 days", f"{summary.leave_within_7:,}",
         f"present, latest_exit {on} to {week}"),
        ("refused entry on the day", f"{summary.refused_entry:,}",
         "absent, with no day left (max_stay_days 0, limited_by rule)"),
        ("barred by an entry ban", f"{summary.barred:,}",
         "absent, an overstay's ban runs on the day (entry_barred_until)"),
        # the earliest entry of these rests on the stay rules alone (entry_ban_unknown)
        ("ban not known", f"{summary.ban_unknown:,}",
         "an overstay committed whose entry ban the pack cannot tell (entry_ban_unknown)"),
        # any violation: one a trip planned after the day would commit counts too
        ("with violations", f"{summary.with_violations:,}",
         f"past, current or planned: {summary.violation_runs:,} "
         f"{noun(summary.violation_runs, 'run')}"
         + (f" -> {violations}" if violations else "")),
        ("rows read", f"{summary.rows:,}", ""),
        ("rows evaluated", f"{summary.rows_evaluated:,}",
         f"{summary.merged:,} merged into overlapping stays" if summary.merged else ""),
        ("rows rejected", f"{summary.rows_rejected:,}", f"-> {rejects}"),
    ]
    console.print(f"Judged {judged}:", highlight=False)
    width = max(len(v) for _, v, _ in rows)
    for label, value, note in rows:
        console.print(f"  {label:<26}{value:>{width}}  {note}".rstrip(), highlight=False)
    _print_reasons(summary.reasons, summary.rows_rejected, console, right=28 + width)
    from sojourn.cli.render._common import contested_rule_lines

    # which account of each contested rule the answers rest on, as status names it
    for line in contested_rule_lines(list(dict.fromkeys(a.assumption for a in assumed))):
        console.print(f"  {line}", highlight=False)
    rate = summary.rows / summary.seconds if summary.seconds else 0.0
    console.print(f"  {engine} engine, {summary.seconds:.2f} s, {rate:,.0f} rows/s",
                  highlight=False)
