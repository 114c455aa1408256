"""Benchmark: add_business_days(d, 21) against workalendar and numpy, in the same run.

Run after installing the package (numpy is optional)::

    python benchmarks/bench_calendar.py

It prints the microseconds per call of each implementation on the same dates and the same
holidays (QUEBEC_CPC), checks that all of them give the same answers, and compares the figures
with the targets: at most 1 µs per call, at least 50 times faster than workalendar. The exit
code is 1 when a target is missed, so the script can gate a release. It also prints the same
call on a clinic's calendar, whose closures are laid over the statute's shared table.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta

import attrs

from dme_rules import FIRST_YEAR, LAST_YEAR, QUEBEC_CPC, __version__
from dme_rules.jurisdictions.qc._holiday_declarations import QuebecCivilProcedureCalendar

N_DAYS = 21
TARGET_MICROSECONDS = 1.0
TARGET_RATIO_WORKALENDAR = 50.0


def sample_dates(count: int, seed: int) -> list[date]:
    """``count`` dates drawn uniformly from 2000–2099."""
    rng = random.Random(seed)
    start, span = date(2000, 1, 1), (date(2099, 12, 31) - date(2000, 1, 1)).days
    return [start + timedelta(days=rng.randrange(span)) for _ in range(count)]


def microseconds_per_call(
    run: Callable[[], object], calls: int, repeats: int
) -> tuple[float, float]:
    """Median and best microseconds per call over ``repeats`` runs of ``calls`` calls."""
    timings = []
    for _ in range(repeats):
        started = time.perf_counter_ns()
        run()
        timings.append((time.perf_counter_ns() - started) / calls / 1000)
    return statistics.median(timings), min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dates", type=int, default=20_000, help="dates per run (ours, numpy)")
    parser.add_argument("--slow-dates", type=int, default=2_000, help="dates per workalendar run")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    days = sample_dates(args.dates, args.seed)
    slow_days = days[: args.slow_dates]
    print(f"dme_rules {__version__} — Python {platform.python_version()} on {platform.machine()}")
    print(f"add_business_days(d, {N_DAYS}) on QUEBEC_CPC, {len(days)} random dates 2000–2099")
    print()

    # -- the table: built once per calendar, measured apart from the per-call figures ----
    started = time.perf_counter()
    QUEBEC_CPC.is_business_day(days[0])
    build_ms = (time.perf_counter() - started) * 1000
    tracemalloc.start()
    # A calendar of another name builds its own table (equal calendars share one).
    twin = attrs.evolve(QUEBEC_CPC, name=f"{QUEBEC_CPC.name}-copy")
    twin.is_business_day(days[0])
    table_mb = tracemalloc.get_traced_memory()[0] / 1e6
    del twin
    tracemalloc.stop()
    print(f"table built once: {build_ms:.0f} ms, {table_mb:.1f} MB ({FIRST_YEAR}–{LAST_YEAR})")
    print()

    add = QUEBEC_CPC.add_business_days

    def ours() -> None:
        for day in days:
            add(day, N_DAYS)

    ours_median, ours_best = microseconds_per_call(ours, len(days), args.repeats)
    rows = [("dme_rules add_business_days", ours_median, ours_best)]
    expected = [add(day, N_DAYS) for day in days]

    # -- workalendar, on the very same holiday declarations -------------------------------
    workalendar = QuebecCivilProcedureCalendar()
    for year in range(1999, 2101):
        workalendar.holidays(year)  # warm its per-year cache, as a long-running service would
    add_working_days = workalendar.add_working_days

    def theirs() -> None:
        for day in slow_days:
            add_working_days(day, N_DAYS)

    mismatches = sum(
        add_working_days(day, N_DAYS) != want
        for day, want in zip(slow_days, expected, strict=False)
    )
    wa_median, wa_best = microseconds_per_call(theirs, len(slow_days), max(3, args.repeats // 2))
    rows.append(("workalendar add_working_days", wa_median, wa_best))

    # -- numpy, when installed -------------------------------------------------------------
    try:
        import numpy as np
    except ImportError:
        np = None
        print("numpy is not installed: its row is left out (pip install numpy to add it)")
    if np is not None:
        holidays = [
            h.date
            for year in range(FIRST_YEAR, LAST_YEAR + 1)
            for h in QUEBEC_CPC.holidays(year)
            if h.date.weekday() < 5
        ]
        busdaycal = np.busdaycalendar(holidays=np.array(holidays, dtype="datetime64[D]"))
        as_d64 = [np.datetime64(day, "D") for day in days]
        offset = np.busday_offset

        def numpy_scalar() -> None:
            # roll="backward" then +21 is the 21st business day strictly after d.
            for day in as_d64:
                offset(day, N_DAYS, roll="backward", busdaycal=busdaycal)

        vector = np.array(as_d64)

        def numpy_vector() -> None:
            offset(vector, N_DAYS, roll="backward", busdaycal=busdaycal)

        got = offset(vector, N_DAYS, roll="backward", busdaycal=busdaycal).astype(object)
        mismatches += sum(g != want for g, want in zip(got, expected, strict=True))
        rows.append(
            (
                "numpy busday_offset, one call each",
                *microseconds_per_call(numpy_scalar, len(days), args.repeats),
            )
        )
        rows.append(
            (
                "numpy busday_offset, one array call",
                *microseconds_per_call(numpy_vector, len(days), args.repeats),
            )
        )

    width = max(len(name) for name, _, _ in rows)
    print(f"{'implementation'.ljust(width)}  µs/call (median)  best   time ÷ dme_rules")
    for name, median, best in rows:
        print(f"{name.ljust(width)}  {median:16.3f}  {best:5.3f}  {median / ours_median:16.1f}")
    print()

    # -- a clinic's calendar: closures laid over the statute's shared table ---------------
    for years in (range(2025, 2026), range(2000, 2100)):
        closures = [date(year, 12, 22) + timedelta(days=n) for year in years for n in range(10)]
        tracemalloc.start()
        clinic = QUEBEC_CPC.with_closures(closures)
        clinic.is_business_day(days[0])
        clinic_kb = tracemalloc.get_traced_memory()[0] / 1e3
        tracemalloc.stop()
        clinic_add = clinic.add_business_days

        def clinic_calls(clinic_add: Callable[[date, int], date] = clinic_add) -> None:
            for day in days:
                clinic_add(day, N_DAYS)

        clinic_median, _ = microseconds_per_call(clinic_calls, len(days), args.repeats)
        print(
            f"a clinic's calendar closed 22–31 December {years[0]}–{years[-1]} "
            f"({len(closures)} closures): {clinic_median:.3f} µs per call, "
            f"{clinic_kb:.1f} kB with its table"
        )
    print()

    ratio = wa_median / ours_median
    speed_ok = ours_median <= TARGET_MICROSECONDS
    ratio_ok = ratio >= TARGET_RATIO_WORKALENDAR
    print(
        f"target ≤ {TARGET_MICROSECONDS} µs per call: {ours_median:.3f} µs — "
        f"{'met' if speed_ok else 'MISSED'}"
    )
    print(
        f"target ≥ {TARGET_RATIO_WORKALENDAR:.0f}× workalendar: {ratio:.0f}× — "
        f"{'met' if ratio_ok else 'MISSED'}"
    )
    print(f"answers that differ from dme_rules: {mismatches}")
    return 0 if speed_ok and ratio_ok and mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
