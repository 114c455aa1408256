"""Benchmark: evaluate() on complete migration cases, one by one and 100,000 in a stream.

Run after installing the package::

    python benchmarks/bench_evaluate.py

Cases are complete (every block of SPEC §6 filled in, one complaint to the BCH included),
drawn at random with a fixed seed: requests from 2024 to 2026, on-time and late acts, same
and different solutions. The whole catalogue is timed; the migration rules alone are timed
too, for comparison. Timings keep the garbage collector on, as a service would.

The script prints the median microseconds per evaluate() at one ``as_of`` (an auditor's
loop), the same when every call passes a new ``as_of`` object (a back-end evaluating at
"now"), and the seconds for 100,000 cases through evaluate_many(). Every call runs the plain
loop over the case's rules; what is carried from one call to the next is each rule's version
in force by reference date, each calendar's table of days, and the run's context (one per
instant and options, as an auditor's loop has it): what a rule version computes from a date
alone (a request period's end, the access required after a migration) serves every case that
shares the date. It compares the first and the last with the targets (≤ 50 µs median, ≤ 5 s)
and exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import itertools
import platform
import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from dme_rules import (
    MONTREAL,
    QUEBEC_CPC,
    RULES,
    Complaint,
    Extraction,
    Import,
    MigrationCalendar,
    MigrationCase,
    Preanalysis,
    ReadOnlyAccess,
    RequestForm,
    Ruleset,
    __version__,
    evaluate,
    evaluate_many,
)

TARGET_MEDIAN_MICROSECONDS = 50.0
TARGET_STREAM_SECONDS = 5.0
STREAM_CASES = 100_000

SOLUTIONS = [
    ("Omnimed", "importations@omnimed.com"),
    ("MYLE", "deploiement@medfarsolutions.com"),
    ("Toubib", "importations@omnimed.com"),
    ("Médesync", "ventesdme@telus.com"),
    ("Ofys", "support@infodata.ca"),
]
BCH = "certification.homologation@msss.gouv.qc.ca"


def complete_case(rng: random.Random, index: int) -> MigrationCase:
    """A complete case with random but plausible dates, fees and parties."""
    sent_on = date(2024, 1, 2) + timedelta(days=rng.randrange(900))
    sent = datetime.combine(sent_on, clock(rng.randrange(8, 18), 30), tzinfo=MONTREAL)
    (source, source_address), (target, target_address) = rng.sample(SOLUTIONS, 2)
    practitioners = rng.randint(1, 12)

    def later(base: date, low: int, high: int) -> date:
        return base + timedelta(days=rng.randint(low, high))

    delivered = later(sent_on, 5, 26)
    submitted = later(delivered, 1, 5)
    validated = later(submitted, 1, 12)
    production = later(validated, 5, 25)
    return MigrationCase(
        case_id=f"bench-{index}",
        request_transmitted_at=sent,
        source_solution=source,
        target_solution=target,
        practitioners=practitioners,
        standard_scope=rng.random() < 0.9,
        extraction=Extraction(
            delivered_on=delivered,
            fee=Decimal(rng.choice([400, 500])) * practitioners,
            confirmed_on=later(delivered, 0, 2),
        ),
        import_=Import(
            completed_on=production,
            fee=Decimal(rng.choice([1000, 1500, 1600])) * practitioners,
            confirmed_on=later(production, 0, 2),
        ),
        preanalysis=Preanalysis(submitted_on=submitted, validated_on=validated),
        read_only_access=ReadOnlyAccess(until=later(production, 85, 120), fee=Decimal(0)),
        request_form=RequestForm(
            signed=True,
            clinic_authorization=rng.random() < 0.95,
            sent_to=(source_address, target_address, BCH),
        ),
        calendar=MigrationCalendar(
            test_extraction_on=delivered,
            preanalysis_start_on=later(delivered, 0, 1),
            preanalysis_end_on=later(submitted, -1, 0),
            preanalysis_submitted_on=submitted,
            preanalysis_validated_on=validated,
            flow_analysis_meeting_on=later(submitted, 0, 3),
            quality_control_on=later(validated, 0, 3),
            validation_sessions_on=(later(validated, 1, 4), later(validated, 5, 8)),
            quality_approved_on=later(production, -4, -1),
            source_cutover_on=later(production, -3, -1),
            final_extraction_on=later(production, -1, 0),
            production_on=production,
            data_usable_on=later(production, 0, 1),
            access_removed_on=later(production, 91, 120),
        ),
        complaints=(
            Complaint(
                filed_at=(filed := datetime.combine(later(sent_on, 10, 40), clock(10), MONTREAL)),
                followed_up_at=filed + timedelta(hours=rng.randint(20, 140)),
            ),
        ),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5_000, help="distinct cases to time")
    parser.add_argument("--passes", type=int, default=3, help="timed passes over the cases")
    parser.add_argument("--stream", type=int, default=STREAM_CASES)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    cases = [complete_case(rng, i) for i in range(args.cases)]
    as_of = datetime(2027, 6, 1, 12, 0, tzinfo=MONTREAL)
    QUEBEC_CPC.is_business_day(date(2025, 1, 1))  # the calendar's table, built once
    for case in cases[:200]:
        evaluate(case, as_of)  # warm up

    print(f"dme_rules {__version__} — Python {platform.python_version()} on {platform.machine()}")
    print(f"{len(cases)} complete cases (requests 2024–2026), as of {as_of.isoformat()}")
    verdicts = Counter(evaluate(case, as_of).status.value for case in cases)
    print("verdicts: " + ", ".join(f"{name} {count}" for name, count in sorted(verdicts.items())))
    print()

    def per_case(ruleset: Ruleset) -> tuple[float, float]:
        timings = []
        clock_ns = time.perf_counter_ns
        for _ in range(args.passes):
            for case in cases:
                started = clock_ns()
                evaluate(case, as_of, ruleset=ruleset)
                timings.append((clock_ns() - started) / 1000)
        return statistics.median(timings), statistics.quantiles(timings, n=10)[-1]

    def per_case_at_new_instants() -> float:
        # A back-end that evaluates at "now": a new as_of object on every call.
        instants = [as_of + timedelta(microseconds=i) for i in range(len(cases))]
        timings = []
        clock_ns = time.perf_counter_ns
        for _ in range(args.passes):
            for case, instant in zip(cases, instants, strict=True):
                started = clock_ns()
                evaluate(case, instant)
                timings.append((clock_ns() - started) / 1000)
        return statistics.median(timings)

    migration = Ruleset(rule for rule_id, rule in RULES.items() if rule_id.startswith("qc.migr"))
    median, p90 = per_case(RULES)
    print(
        f"evaluate(), one complete case, all {len(RULES.for_subject(MigrationCase))} rules of a "
        f"case: median {median:.1f} µs, 90th percentile {p90:.1f} µs"
    )
    only, only_p90 = per_case(migration)
    print(
        f"  for comparison, the {len(migration)} migration rules only: median {only:.1f} µs, "
        f"90th percentile {only_p90:.1f} µs"
    )

    fresh = per_case_at_new_instants()
    print(f"  with a new as_of object on every call: median {fresh:.1f} µs")

    stream = itertools.islice(itertools.cycle(cases), args.stream)
    started = time.perf_counter()
    count = sum(1 for _ in evaluate_many(stream, as_of))
    seconds = time.perf_counter() - started
    print(
        f"evaluate_many(), {count:,} cases: {seconds:.2f} s ({seconds / count * 1e6:.1f} µs each)"
    )

    sample = cases[:1000]
    started = time.perf_counter()
    for case in sample:
        MigrationCase.from_dict(case.to_dict())
    parse = (time.perf_counter() - started) / len(sample) * 1e6
    reports = [evaluate(case, as_of) for case in sample]
    started = time.perf_counter()
    for report in reports:
        report.to_json()
    dump = (time.perf_counter() - started) / len(sample) * 1e6
    print(f"for reference: to_dict + from_dict {parse:.0f} µs per case; to_json {dump:.0f} µs")
    print()

    median_ok = median <= TARGET_MEDIAN_MICROSECONDS
    projected = seconds * STREAM_CASES / count  # the stream's time for 100,000 cases
    stream_ok = projected <= TARGET_STREAM_SECONDS
    print(
        f"target ≤ {TARGET_MEDIAN_MICROSECONDS:.0f} µs median: {median:.1f} µs — "
        f"{'met' if median_ok else 'MISSED'} ({median / TARGET_MEDIAN_MICROSECONDS:.2f} of it)"
    )
    print(
        f"target ≤ {TARGET_STREAM_SECONDS:.0f} s for {STREAM_CASES:,} cases: {projected:.2f} s — "
        f"{'met' if stream_ok else 'MISSED'} ({projected / TARGET_STREAM_SECONDS:.2f} of it)"
    )
    return 0 if median_ok and stream_ok else 1


if __name__ == "__main__":
    sys.exit(main())
