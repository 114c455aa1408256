"""The SQL audit of DMP logs gives, row for row, what evaluating each record gives (SPEC §15):
on DuckDB always, on Spark when pyspark and Java are there."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from typing import Any

import pytest

from dme_rules.errors import DmeRulesError, InvalidArgumentError

from .logs import generate, oracle

pa = pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

from dme_rules.fr import COLUMNS, audit_access_logs  # noqa: E402 - needs pyarrow

READINGS = [(), ("first-ever",), ("any-time",), ("first-ever", "any-time")]
AS_OF = [
    datetime.fromisoformat("2024-10-28T00:30:00+01:00"),  # some notices not yet sent
    datetime.fromisoformat("2025-06-01T12:00:00+02:00"),
]


def tables(accesses: list[dict[str, Any]], notifications: list[dict[str, Any]]) -> tuple[Any, Any]:
    instant = pa.timestamp("us", tz="UTC")
    access_table = pa.table({
        "record_id": [a["record_id"] for a in accesses],
        "access_id": [a["access_id"] for a in accesses],
        "at": pa.array([a["at"] for a in accesses], instant),
        "professional_id": [a["professional_id"] for a in accesses],
        "emergency": [a["emergency"] for a in accesses],
    })  # fmt: skip
    notice_table = pa.table({
        "record_id": [n["record_id"] for n in notifications],
        "at": pa.array([n["at"] for n in notifications], instant),
        "recipient": [n["recipient"] for n in notifications],
        "about": [n["about"] for n in notifications],
        "access_id": pa.array([n["access_id"] for n in notifications], pa.string()),
    })  # fmt: skip
    return access_table, notice_table


def rows(table: Any) -> list[tuple[Any, ...]]:
    found = table.to_pylist()
    return [
        (r["record_id"], r["access_id"], r["professional_id"], r["rule_id"], r["status"],
         r["due"], r["holder_notified_at"], r["medecin_traitant_notified_at"])
        for r in found
    ]  # fmt: skip


LOGS = generate(400)


@pytest.mark.parametrize("readings", READINGS, ids=lambda r: "+".join(r) or "defaults")
@pytest.mark.parametrize("as_of", AS_OF, ids=["autumn-2024", "mid-2025"])
def test_duckdb_gives_what_each_record_gives(readings, as_of):
    accesses, notifications = LOGS
    expected = oracle(accesses, notifications, as_of, readings)
    found = audit_access_logs(*tables(accesses, notifications), as_of=as_of, readings=readings)
    assert list(found.column_names) == list(COLUMNS)
    assert rows(found) == expected
    statuses = {row[4] for row in expected}
    assert statuses >= ({"compliant", "pending"} if "any-time" in readings
                        else {"compliant", "violation"})  # fmt: skip


def test_inputs_as_parquet_and_pandas(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    accesses, notifications = generate(30, seed=7)
    access_table, notice_table = tables(accesses, notifications)
    pq.write_table(access_table, tmp_path / "a.parquet")
    pq.write_table(notice_table, tmp_path / "n.parquet")
    from_files = audit_access_logs(tmp_path / "a.parquet", str(tmp_path / "n.parquet"),
                                   as_of=AS_OF[1])  # fmt: skip
    from_pandas = audit_access_logs(access_table.to_pandas(), notice_table.to_pandas(),
                                    as_of=AS_OF[1])  # fmt: skip
    assert rows(from_files) == rows(from_pandas) == oracle(accesses, notifications, AS_OF[1])


def test_bad_inputs_are_named():
    access_table, notice_table = tables(*generate(3))
    with pytest.raises(InvalidArgumentError, match="accesses"):
        audit_access_logs(access_table.drop(["emergency"]), notice_table, as_of=AS_OF[0])
    with pytest.raises(InvalidArgumentError, match="engine"):
        audit_access_logs(access_table, notice_table, as_of=AS_OF[0], engine="sqlite")
    with pytest.raises(DmeRulesError, match="cannot read"):
        audit_access_logs("/nonexistent.parquet", notice_table, as_of=AS_OF[0])
    naive_times = [value.replace(tzinfo=None) for value in access_table.column("at").to_pylist()]
    naive = access_table.set_column(2, "at", pa.array(naive_times, pa.timestamp("us")))
    with pytest.raises(InvalidArgumentError, match=r"accesses\.at"):
        audit_access_logs(naive, notice_table, as_of=AS_OF[0])


def _spark_available() -> bool:
    if shutil.which("java") is None:
        return False
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _spark_available(), reason="pyspark or Java is not installed")
def test_spark_gives_the_same_rows():
    """Spark's rows are those evaluating each record gives, under the defaults and under both
    alternatives (DuckDB's tests take each reading alone)."""
    accesses, notifications = generate(150, seed=11)
    access_table, notice_table = tables(accesses, notifications)
    for readings in (READINGS[0], READINGS[-1]):
        spark = audit_access_logs(access_table, notice_table, as_of=AS_OF[1], engine="spark",
                                  readings=readings)  # fmt: skip
        assert rows(spark) == oracle(accesses, notifications, AS_OF[1], readings)


@pytest.mark.skipif(not _spark_available(), reason="pyspark or Java is not installed")
def test_spark_reads_parquet_itself(tmp_path):
    """Paths are read by Spark (on a cluster, by its executors), with the same rows."""
    pq = pytest.importorskip("pyarrow.parquet")
    accesses, notifications = generate(60, seed=13)
    access_table, notice_table = tables(accesses, notifications)
    pq.write_table(access_table, tmp_path / "a.parquet")
    pq.write_table(notice_table, tmp_path / "n.parquet")
    found = audit_access_logs(tmp_path / "a.parquet", tmp_path / "n.parquet", as_of=AS_OF[0],
                              engine="local[2]")  # fmt: skip
    assert rows(found) == oracle(accesses, notifications, AS_OF[0])


class TestRowsTheRecordRefuses:
    """Found in review: what a DmpRecord refuses, the SQL audit refuses too, named."""

    def test_an_access_id_given_twice_in_a_record(self):
        accesses, notifications = generate(5, seed=5)
        accesses.append(dict(accesses[0], at=accesses[0]["at"] + timedelta(days=1)))
        with pytest.raises(InvalidArgumentError, match="each access_id once in a record"):
            audit_access_logs(*tables(accesses, notifications), as_of=AS_OF[1])

    def test_a_missing_value(self):
        accesses, notifications = generate(5, seed=5)
        accesses[1]["professional_id"] = None
        with pytest.raises(InvalidArgumentError, match="a value in every row"):
            audit_access_logs(*tables(accesses, notifications), as_of=AS_OF[1])

    def test_an_unknown_code(self):
        accesses, notifications = generate(5, seed=5)
        notifications[0]["recipient"] = "patient"
        with pytest.raises(InvalidArgumentError, match="one of holder, medecin_traitant"):
            audit_access_logs(*tables(accesses, notifications), as_of=AS_OF[1])

    def test_nanoseconds(self):
        access_table, notice_table = tables(*generate(3))
        nanos = pa.array([1_700_000_000_000_000_001] * access_table.num_rows,
                         pa.timestamp("ns", tz="UTC"))  # fmt: skip
        with pytest.raises(InvalidArgumentError, match="microsecond"):
            audit_access_logs(access_table.set_column(2, "at", nanos), notice_table,
                              as_of=AS_OF[1])  # fmt: skip
