"""Benchmark: DMP access logs audited at scale (SPEC §15).

Run from the repository's root after installing the package with the ``logs`` extra::

    python benchmarks/bench_dmp_logs.py                    # 10,000,000 accesses
    python benchmarks/bench_dmp_logs.py --accesses 1000000

It writes ``--accesses`` accesses (about 1 in 10 an emergency, several per professional and
record) and their notifications (on time, late, missing) as Parquet, audits them with DuckDB
(``dme_rules.fr.audit_access_logs``) and prints rows per second and the peak memory of the
process; then it audits a sample of 100,000 accesses with Spark when pyspark and Java are
installed (and checks its rows equal DuckDB's), and the same sample record by record in
Python (``DmpRecord`` and the rules' ``check``) for the ratio. Target: 10,000,000 accesses
with DuckDB in ≤ 30 s on this machine; the script exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dme_rules.fr import audit_access_logs

print = functools.partial(print, flush=True)  # each figure as soon as it is known

TARGET_SECONDS = 30.0
AS_OF = datetime(2025, 1, 1, tzinfo=UTC)
_START = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp() * 1_000_000)
_YEAR_US = 365 * 86_400 * 1_000_000


def make_logs(accesses: int, seed: int = 2026) -> tuple[pa.Table, pa.Table]:
    """``accesses`` accesses over ``accesses / 8`` records, and their notifications."""
    rng = np.random.default_rng(seed)
    records = max(1, accesses // 8)
    record = rng.integers(0, records, accesses)
    at = _START + rng.integers(0, _YEAR_US, accesses)
    professional = rng.integers(0, 4, accesses)
    emergency = rng.random(accesses) < 0.1
    ids = np.arange(accesses)
    record_ids = pc.binary_join_element_wise("R", pc.cast(pa.array(record), pa.string()), "")
    access_ids = pc.binary_join_element_wise("A", pc.cast(pa.array(ids), pa.string()), "")
    instant = pa.timestamp("us", tz="UTC")
    access_table = pa.table({
        "record_id": record_ids,
        "access_id": access_ids,
        "at": pa.array(at, pa.int64()).cast(instant),
        "professional_id": pc.binary_join_element_wise(
            "P", pc.cast(pa.array(professional), pa.string()), ""),
        "emergency": pa.array(emergency),
    })  # fmt: skip
    # A holder notice for 90 % of accesses (5 s to 30 h after), a médecin traitant notice for
    # 90 % of the emergencies.
    delay = rng.choice(
        np.array([5, 60, 86_400, 86_401, 108_000]) * 1_000_000, accesses
    )  # fmt: skip
    holder = rng.random(accesses) < 0.9
    doctor = emergency & (rng.random(accesses) < 0.9)
    picks = [np.flatnonzero(holder), np.flatnonzero(doctor)]
    frames = []
    for recipient, chosen in zip(("holder", "medecin_traitant"), picks, strict=True):
        about = np.where(emergency[chosen], "emergency_access", "first_access")
        frames.append(pa.table({
            "record_id": record_ids.take(pa.array(chosen)),
            "at": pa.array(at[chosen] + delay[chosen], pa.int64()).cast(instant),
            "recipient": pa.array([recipient] * len(chosen)),
            "about": pa.array(about),
            "access_id": access_ids.take(pa.array(chosen)),
        }))  # fmt: skip
    return access_table, pa.concat_tables(frames)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def record_by_record(accesses: pa.Table, notifications: pa.Table) -> float:
    """Seconds to judge the sample one record at a time, as the library does without SQL."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.jurisdictions.fr.logs import oracle

    started = time.perf_counter()
    oracle(accesses.to_pylist(), notifications.to_pylist(), AS_OF)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accesses", type=int, default=10_000_000)
    parser.add_argument("--sample", type=int, default=100_000)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    accesses, notifications = make_logs(args.accesses)
    pq.write_table(accesses, folder / "accesses.parquet")
    pq.write_table(notifications, folder / "notifications.parquet")
    made = time.perf_counter() - started
    print(f"{args.accesses:,} accesses and {notifications.num_rows:,} notifications written as "
          f"Parquet in {made:.1f} s; {os.cpu_count()} cores")  # fmt: skip
    del accesses, notifications

    started = time.perf_counter()
    found = audit_access_logs(folder / "accesses.parquet", folder / "notifications.parquet",
                              as_of=AS_OF)  # fmt: skip
    seconds = time.perf_counter() - started
    print(f"DuckDB: {seconds:.1f} s for {args.accesses:,} accesses "
          f"({args.accesses / seconds:,.0f} accesses/s), {found.num_rows:,} rows judged, "
          f"peak memory of the process {peak_mb():,.0f} MB")  # fmt: skip
    statuses = pc.value_counts(found.column("status")).to_pylist()
    print("  statuses: " + ", ".join(f"{s['values']} {s['counts']:,}" for s in statuses))

    sample_accesses, sample_notifications = make_logs(args.sample, seed=7)
    started = time.perf_counter()
    duck = audit_access_logs(sample_accesses, sample_notifications, as_of=AS_OF)
    duck_seconds = time.perf_counter() - started
    python_seconds = record_by_record(sample_accesses, sample_notifications)
    ratio = python_seconds / duck_seconds
    print(f"sample of {args.sample:,}: DuckDB {duck_seconds:.2f} s, record by record in Python "
          f"{python_seconds:.2f} s ({ratio:.0f}x DuckDB's time)")  # fmt: skip
    try:
        import pyspark  # noqa: F401

        spark_ready = shutil.which("java") is not None
    except ImportError:
        spark_ready = False
    if spark_ready:
        started = time.perf_counter()
        spark = audit_access_logs(sample_accesses, sample_notifications, as_of=AS_OF,
                                  engine="spark")  # fmt: skip
        spark_seconds = time.perf_counter() - started
        same = spark.to_pylist() == duck.to_pylist()
        print(f"  Spark (local mode): {spark_seconds:.1f} s "
              f"({args.sample / spark_seconds:,.0f} accesses/s), rows equal to DuckDB's: "
              f"{same}")  # fmt: skip
    else:
        print("  Spark: pyspark or Java is not installed")
    target = TARGET_SECONDS * args.accesses / 10_000_000
    met = seconds <= target
    print(f"target ≤ {target:.1f} s with DuckDB: {seconds:.1f} s — {'met' if met else 'MISSED'}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
