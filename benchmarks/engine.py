"""Time `status` and `plan` on histories of 10, 1,000 and 100,000 trips, beside the simple
day-by-day reference of the tests (tests/reference.py), so that growth is visible; then
`report` on one profile.

    .venv/bin/python benchmarks/engine.py [--sizes 10,1000,100000] [--reference-budget 120]
        [--report examples/relocant.yaml] [--report-on 2023-01-05]

``--sizes ''`` times `report` alone, ``--report ''`` the engine alone.

Histories are seeded and synthetic: stays in Kazakhstan of 1-60 days alternating with stays in
Kyrgyzstan or Russia, the last one still going on, judged under per-entry:90+rolling:90/180
(the engine's two commonest kinds at once). The engine's time includes building the case from
the history. The reference runs while the budget lasts; past it the table says "skipped" and
shows the time its measured growth predicts.

`report` is timed on a real profile under the built-in pack: its first run in the process (the
caches of holidays and rules cold, as a command finds them), its best of several, the same
without weighing its deadlines against other accounts of their contested rules
(case_report's ``compare``), and the whole `sojourn report` command, Python's start and
imports included (the median of several, each in a fresh process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from sojourn.history import Stay, build_history, load_history  # noqa: E402
from sojourn.history.presence import History  # noqa: E402
from sojourn.report import case_report  # noqa: E402
from sojourn.rules.loader import Pack, load_pack  # noqa: E402
from sojourn.stay import stay_report  # noqa: E402

import reference  # noqa: E402  (the tests' reference implementation)

SPEC = "per-entry:90+rolling:90/180"
START = dt.date(1990, 1, 1)


def history(trips: int, seed: int = 7) -> History:
    rng = random.Random(seed)
    stays = []
    day = START
    for i in range(trips):
        host = (trips - 1 - i) % 2 == 0  # the last stay, still going on, is in the host
        length = rng.randint(1, 60) if host else rng.randint(1, 30)
        country = "KZ" if host else rng.choice(["KG", "RU"])
        exit_ = day + dt.timedelta(days=length - 1)
        last = i == trips - 1
        stays.append(Stay(country, day, None if last else exit_, f"synthetic, trip {i}"))
        day = exit_ + dt.timedelta(days=rng.choice([0, 0, 1, 3]))
    return build_history("synthetic", stays)


def reference_case(hist: History, on: dt.date) -> reference.Case:
    trips = tuple(reference.Trip(s.country, s.entry.toordinal(),
                                 s.exit.toordinal() if s.exit else None) for s in hist.stays)
    limits = (reference.Limit("per_entry", 90), reference.Limit("rolling", 90, 180))
    return reference.Case(trips, frozenset({"KZ"}), frozenset(), limits, on.toordinal())


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,1000,100000")
    parser.add_argument("--reference-budget", type=float, default=120.0,
                        help="seconds the reference may take for one size before it is skipped")
    parser.add_argument("--report", default=str(ROOT / "examples" / "relocant.yaml"),
                        help="the profile `report` is timed on ('' for none)")
    parser.add_argument("--report-on", default="2023-01-05", help="the report's day")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    pack = load_pack()
    if sizes:
        engine_table(sizes, pack, args.reference_budget)
    if args.report:
        report_times(Path(args.report), dt.date.fromisoformat(args.report_on), pack)


def engine_table(sizes: list[int], pack: Pack, budget: float) -> None:
    """`status` and `plan` on synthetic histories of ``sizes`` trips, beside the reference."""
    print(f"sojourn engine vs day-by-day reference; rule {SPEC}; best of several runs\n")
    print(f"{'trips':>8} {'days':>9} | {'status':>10} {'plan 30':>10} | "
          f"{'ref status':>12} {'ref plan':>12} | {'speed-up':>8}")
    measured: list[tuple[int, float]] = []
    for n in sizes:
        hist = history(n)
        on = hist.stays[-1].entry + dt.timedelta(days=5)
        days = sum(((s.exit or on) - s.entry).days + 1 for s in hist.stays)
        repeat = 5 if n <= 1000 else 2
        status_t = best_of(lambda h=hist, d=on: stay_report(h, pack, on=d, rule_spec=SPEC),
                           repeat)
        plan_t = best_of(lambda h=hist, d=on: stay_report(h, pack, on=d, rule_spec=SPEC,
                                                          length=30), repeat)
        predicted = _predict(measured, n)
        if predicted is not None and predicted > budget:
            ref_s = ref_p = f"~{predicted:,.0f}s*"
            ratio = f"~{predicted / status_t:,.0f}x*"
        else:
            timed = _reference_times(hist, on, budget)
            if timed is None:
                ref_s = ref_p = f">{budget:.0f}s"
                ratio = f">{budget / status_t:,.0f}x"
                measured.append((n, budget))
            else:
                ref_status, ref_plan = timed
                measured.append((n, ref_status))
                ref_s, ref_p = f"{ref_status:.4f}s", f"{ref_plan:.4f}s"
                ratio = f"{ref_status / status_t:,.0f}x"
        print(f"{n:>8,} {days:>9,} | {status_t:>9.4f}s {plan_t:>9.4f}s | "
              f"{ref_s:>12} {ref_p:>12} | {ratio:>8}")
    if any(n for n in sizes if _predict(measured, n) and n not in dict(measured)):
        print("\n* skipped: predicted from the reference's measured growth "
              "(time ~ trips^k fitted on the sizes it ran)")


def report_times(profile: Path, on: dt.date, pack: Pack, repeat: int = 5,
                 commands: int = 5) -> None:
    """`report` of ``profile`` on ``on``: in this process, first and best of ``repeat``, with
    its weighing of other accounts and without; the command, the median of ``commands``."""
    hist = load_history(profile)
    start = time.perf_counter()
    case_report(hist, pack, on=on)
    first = time.perf_counter() - start
    whole = best_of(lambda: case_report(hist, pack, on=on), repeat)
    unweighed = best_of(lambda: case_report(hist, pack, on=on, compare=False), repeat)
    launch = "import sys; from sojourn.launch import main; sys.argv[0] = 'sojourn'; main()"
    walls, cpus = [], []
    for _ in range(commands):
        # CPU seconds as well as wall time: on a machine shared with other jobs the wall time
        # moves with their load, the CPU time much less
        before = _children_cpu()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", launch, "report", str(profile), "--on",
                        on.isoformat()], check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - before)
    shown = profile.relative_to(ROOT) if profile.is_relative_to(ROOT) else profile
    print(f"\nsojourn report {shown} --on {on}: in one process, the first run and the best of "
          f"{repeat}; the command's wall time and CPU time (user+sys), medians of {commands}\n")
    print(f"{'first':>10} {'best':>10} {'unweighed':>10} {'weighing':>10} | "
          f"{'command':>10} {'range':>15} {'CPU':>8} {'range':>13}")
    print(f"{first:>9.4f}s {whole:>9.4f}s {unweighed:>9.4f}s {whole - unweighed:>9.4f}s | "
          f"{statistics.median(walls):>9.3f}s {min(walls):>6.3f}-{max(walls):.3f}s "
          f"{statistics.median(cpus):>7.2f}s {min(cpus):>5.2f}-{max(cpus):.2f}s")


def _children_cpu() -> float:
    """The CPU seconds (user+sys) of this process's children that have ended."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _reference_times(hist: History, on: dt.date, budget: float) -> tuple[float, float] | None:
    """Time the reference in a child process, stopped after ``budget`` seconds."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    queue: mp.Queue[tuple[float, float]] = ctx.Queue()
    child = ctx.Process(target=_time_reference, args=(hist, on, queue))
    child.start()
    child.join(budget)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get()


def _time_reference(hist: History, on: dt.date, queue: object) -> None:
    case = reference_case(hist, on)
    start = time.perf_counter()
    reference.report(case)
    status = time.perf_counter() - start
    start = time.perf_counter()
    reference.report(case, 30)
    queue.put((status, time.perf_counter() - start))  # type: ignore[attr-defined]


def _predict(measured: list[tuple[int, float]], n: int) -> float | None:
    """Extrapolate the reference's time to ``n`` trips from its last two measurements."""
    if len(measured) < 2:
        return None
    (n1, t1), (n2, t2) = measured[-2], measured[-1]
    k = math.log(max(t2, 1e-9) / max(t1, 1e-9)) / math.log(n2 / n1)
    return t2 * (n / n2) ** max(k, 1.0)


if __name__ == "__main__":
    main()
