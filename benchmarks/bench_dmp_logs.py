"""Benchmark: every DMP rule audited at scale over a host's tables.

Run from the repository's root after installing the package with the ``logs`` extra::

    python benchmarks/bench_dmp_logs.py                  # 1,000,000 records, 10,000,000 accesses
    python benchmarks/bench_dmp_logs.py --scale 0.1      # a tenth of each table

A child process writes the tables as Parquet: ``--records`` records (a tenth closed, some
purged), ten times as many accesses (about 1 in 10 an emergency) and deposits (about 1 in 10
made inaccessible), a tenth as many oppositions to deposits and a hundredth as many to
emergency access, and the notifications (a holder notice for 90 % of the accesses, a médecin
traitant notice for 90 % of the emergencies, a notice for half the inaccessible deposits).
This process then audits them with DuckDB (``dme_rules.fr.audit_dmp_logs``, on a connection
with a memory limit and a temporary directory, so that it spills rather than fails) and prints
the time and its own peak memory; then it audits a sample of a thousandth with Spark when
pyspark and Java are installed, and checks its rows equal DuckDB's. It also times the first
audit, the notices alone, on the same accesses and notifications. Targets at full size:
≤ 60 s and ≤ 6 GB for the whole audit (the script exits 1 when one is missed), ≤ 30 s for the
notices alone.
"""

from __future__ import annotations

import argparse
import functools
import multiprocessing
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

print = functools.partial(print, flush=True)  # each figure as soon as it is known

TARGET_SECONDS = 60.0
TARGET_GB = 6.0
AS_OF = datetime(2025, 1, 1, tzinfo=UTC)
_US = 1_000_000
_DAY_US = 86_400 * _US
_START = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp()) * _US
_YEAR_US = 365 * _DAY_US
_EPOCH_DAY = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp()) // 86_400
_INSTANT = pa.timestamp("us", tz="UTC")


def _ids(prefix: str, numbers: np.ndarray) -> pa.Array:
    return pc.binary_join_element_wise(prefix, pc.cast(pa.array(numbers), pa.string()), "")


def _days(numbers: np.ndarray) -> pa.Array:
    return pa.array(numbers.astype(np.int32), pa.int32()).cast(pa.date32())


def make_tables(records: int, seed: int = 2026) -> dict[str, pa.Table]:
    """The six tables of ``records`` records."""
    rng = np.random.default_rng(seed)
    record_ids = _ids("R", np.arange(records))
    authorized = _EPOCH_DAY - rng.integers(0, 2000, records)
    closed = authorized + rng.integers(0, 3000, records)  # on or after the authorization
    purged = closed + rng.integers(0, 5000, records)  # on or after the closure
    is_closed = rng.random(records) < 0.1
    is_purged = is_closed & (rng.random(records) < 0.3)
    no_day = pa.scalar(None, pa.date32())
    tables = {
        "records": pa.table(
            {
                "record_id": record_ids,
                "authorized_on": _days(authorized),
                "closed_on": pc.if_else(pa.array(is_closed), _days(closed), no_day),
                "purged_on": pc.if_else(pa.array(is_purged), _days(purged), no_day),
            }
        )
    }

    events = 10 * records
    # Accesses.
    owner = rng.integers(0, records, events)
    at = _START + rng.integers(0, _YEAR_US, events)
    emergency = rng.random(events) < 0.1
    access_ids = _ids("A", np.arange(events))
    tables["accesses"] = pa.table({
        "record_id": record_ids.take(pa.array(owner)),
        "access_id": access_ids,
        "at": pa.array(at, pa.int64()).cast(_INSTANT),
        "professional_id": _ids("P", rng.integers(0, 4, events)),
        "emergency": pa.array(emergency),
    })  # fmt: skip
    delay = rng.choice(np.array([5, 60, 86_400, 86_401, 108_000]) * _US, events)
    holder = np.flatnonzero(rng.random(events) < 0.9)
    doctor = np.flatnonzero(emergency & (rng.random(events) < 0.9))
    frames = []
    for recipient, chosen in (("holder", holder), ("medecin_traitant", doctor)):
        frames.append(pa.table({
            "record_id": record_ids.take(pa.array(owner[chosen])),
            "at": pa.array(at[chosen] + delay[chosen], pa.int64()).cast(_INSTANT),
            "recipient": pa.array(np.full(len(chosen), recipient)),
            "about": pa.array(np.where(emergency[chosen], "emergency_access", "first_access")),
            "access_id": access_ids.take(pa.array(chosen)),
            "deposit_id": pa.nulls(len(chosen), pa.string()),
        }))  # fmt: skip
    # Deposits.
    owner = rng.integers(0, records, events)
    at = _START + rng.integers(0, _YEAR_US, events)
    inaccessible = rng.random(events) < 0.1
    day = (at // _DAY_US).astype(np.int64)
    deposit_ids = _ids("D", np.arange(events))

    def later(share: float, most: int) -> pa.Array:
        chosen = rng.random(events) < share
        return pc.if_else(pa.array(chosen), _days(day + 1 + rng.integers(0, most, events)),
                          pa.scalar(None, pa.date32()))  # fmt: skip

    tables["deposits"] = pa.table({
        "record_id": record_ids.take(pa.array(owner)),
        "deposit_id": deposit_ids,
        "at": pa.array(at, pa.int64()).cast(_INSTANT),
        "professional_id": _ids("P", rng.integers(0, 4, events)),
        "inaccessible": pa.array(inaccessible),
        "announcement_on": later(0.2, 40),
        "holder_informed_on": later(0.5, 20),
        "made_accessible_on": later(0.6, 40),
    })  # fmt: skip
    informed = np.flatnonzero(inaccessible & (rng.random(events) < 0.5))
    frames.append(pa.table({
        "record_id": record_ids.take(pa.array(owner[informed])),
        "at": pa.array(at[informed] + rng.integers(0, 20 * _DAY_US, len(informed)),
                       pa.int64()).cast(_INSTANT),
        "recipient": pa.array(np.full(len(informed), "holder")),
        "about": pa.array(np.full(len(informed), "deferred_data")),
        "access_id": pa.nulls(len(informed), pa.string()),
        "deposit_id": deposit_ids.take(pa.array(informed)),
    }))  # fmt: skip
    tables["notifications"] = pa.concat_tables(frames)
    # Oppositions.
    count = max(1, records // 10)
    tables["oppositions"] = pa.table({
        "record_id": record_ids.take(pa.array(rng.integers(0, records, count))),
        "filed_on": _days(_EPOCH_DAY + rng.integers(-400, 365, count)),
        "legitimate_motive": pa.array(rng.random(count) < 0.5),
        "professional_id": pc.if_else(pa.array(rng.random(count) < 0.5),
                                      _ids("P", rng.integers(0, 4, count)),
                                      pa.scalar(None, pa.string())),
    })  # fmt: skip
    count = max(1, records // 100)
    filed = _EPOCH_DAY + rng.integers(-100, 365, count)
    tables["emergency_oppositions"] = pa.table({
        "record_id": record_ids.take(pa.array(rng.integers(0, records, count))),
        "filed_on": _days(filed),
        "withdrawn_on": pc.if_else(pa.array(rng.random(count) < 0.5),
                                   _days(filed + rng.integers(0, 200, count)),
                                   pa.scalar(None, pa.date32())),
    })  # fmt: skip
    return tables


def write_tables(records: int, folder: str) -> dict[str, int]:
    """Make the tables and write them as Parquet in ``folder`` (run in a child process, so
    that this process's peak memory is the audit's)."""
    counts = {}
    for name, table in make_tables(records).items():
        pq.write_table(table, Path(folder) / f"{name}.parquet")
        counts[name] = table.num_rows
    return counts


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--scale", type=float, default=1.0, help="a share of --records")
    parser.add_argument("--memory-limit", default="4GB")
    args = parser.parse_args()
    records = int(args.records * args.scale)

    import duckdb

    from dme_rules.fr import audit_access_logs, audit_dmp_logs

    folder = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        counts = pool.apply(write_tables, (records, str(folder)))
    made = time.perf_counter() - started
    listed = ", ".join(f"{count:,} {name}" for name, count in counts.items())
    print(f"{listed} written as Parquet in {made:.1f} s; {os.cpu_count()} cores")
    paths = {name: folder / f"{name}.parquet" for name in counts}

    spill = folder / "spill"
    connection = duckdb.connect(config={
        "memory_limit": args.memory_limit, "temp_directory": str(spill),
    })  # fmt: skip
    started = time.perf_counter()
    found = audit_dmp_logs(paths, as_of=AS_OF, engine=connection)
    seconds = time.perf_counter() - started
    peak = peak_gb()
    print(f"DuckDB (memory_limit {args.memory_limit}): {seconds:.1f} s, {found.num_rows:,} "
          f"verdicts, peak memory of the process {peak:.2f} GB")  # fmt: skip
    statuses = pc.value_counts(found.column("status")).to_pylist()
    print("  statuses: " + ", ".join(f"{s['values']} {s['counts']:,}" for s in statuses))
    del found
    connection.close()
    started = time.perf_counter()
    notices = audit_access_logs(paths["accesses"], paths["notifications"], as_of=AS_OF)
    notice_seconds = time.perf_counter() - started
    print(f"the notices alone (audit_access_logs, {counts['accesses']:,} accesses): "
          f"{notice_seconds:.1f} s, {notices.num_rows:,} rows")  # fmt: skip
    del notices

    try:
        import pyspark  # noqa: F401

        spark_ready = shutil.which("java") is not None
    except ImportError:
        spark_ready = False
    sample = max(100, records // 1000)
    if spark_ready:
        tables = make_tables(sample, seed=7)
        duck = audit_dmp_logs(tables, as_of=AS_OF)
        started = time.perf_counter()
        spark = audit_dmp_logs(tables, as_of=AS_OF, engine="spark")
        spark_seconds = time.perf_counter() - started
        same = spark.to_pylist() == duck.to_pylist()
        print(f"  Spark (local mode) on a sample of {sample:,} records: {spark_seconds:.1f} s, "
              f"{spark.num_rows:,} verdicts, rows equal to DuckDB's: {same}")  # fmt: skip
    else:
        print("  Spark: pyspark or Java is not installed")
    target = TARGET_SECONDS * args.scale
    met = seconds <= target and peak <= TARGET_GB
    print(f"targets ≤ {target:.1f} s and ≤ {TARGET_GB:.0f} GB with DuckDB: {seconds:.1f} s, "
          f"{peak:.2f} GB — {'met' if met else 'MISSED'}")  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
