"""Every DMP rule audited by Spark (local mode) gives the rows evaluating each record gives,
as DuckDB does: a small sample, one session for the module (``-k "not spark"`` skips them)."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from dme_rules.jurisdictions.fr.counting import PARIS

from .dmp_tables import arrow_tables, generate, oracle

pa = pytest.importorskip("pyarrow")

from dme_rules.jurisdictions.fr.dmp_logs import DMP_COLUMNS, audit_dmp_logs  # noqa: E402

ALTERNATIVES = ("first-ever", "any-time", "next-working-day", "opposition-needs-motive",
                "retention-extended")  # fmt: skip
ROWS = generate(60, seed=11)


def _spark_available() -> bool:
    if shutil.which("java") is None:
        return False
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _spark_available(), reason="pyspark or Java is not installed")


@pytest.fixture(scope="module")
def spark():
    """One local Spark session for the module."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[2]").appName("dme-rules tests")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )  # fmt: skip


def found_rows(table) -> list[tuple]:
    return [tuple(row[column] for column in DMP_COLUMNS) for row in table.to_pylist()]


@pytest.mark.parametrize(
    ("as_of", "readings"),
    [
        (datetime(2024, 5, 17, 0, 0, tzinfo=PARIS), ()),
        (datetime(2038, 3, 1, 0, 0, tzinfo=PARIS), ALTERNATIVES),
    ],
    ids=["defaults-2024", "alternatives-2038"],
)
def test_spark_gives_what_each_record_gives(spark, as_of, readings):
    """Spark's rows are those evaluating each record gives, at 24:00 of a deposit's last
    day under the defaults and at 24:00 of a Sunday anniversary under every alternative."""
    found = audit_dmp_logs(arrow_tables(ROWS), as_of=as_of, engine=spark, readings=readings)
    assert oracle(ROWS, as_of, readings) == found_rows(found)


def test_spark_reads_parquet_itself(spark, tmp_path):
    """Paths are read by Spark itself (on a cluster, by its executors), with the same rows."""
    pq = pytest.importorskip("pyarrow.parquet")
    paths = {}
    for name, table in arrow_tables(ROWS).items():
        pq.write_table(table, tmp_path / f"{name}.parquet")
        paths[name] = tmp_path / f"{name}.parquet"
    as_of = datetime(2024, 6, 4, 12, 0, tzinfo=PARIS)
    assert oracle(ROWS, as_of) == found_rows(audit_dmp_logs(paths, as_of=as_of, engine=spark))
