"""Every DMP rule audited at scale (``audit_dmp_logs``) gives, row for row, what evaluating
each record gives: on generated tables whose events sit on the rules' boundaries, under every
reading, at several instants, on DuckDB (and on Spark in ``test_dmp_audit_spark.py``)."""

from __future__ import annotations

from datetime import datetime

import pytest

from dme_rules.jurisdictions.fr.counting import PARIS

from .dmp_tables import arrow_tables, generate, oracle

pa = pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

from dme_rules.jurisdictions.fr.dmp_logs import (  # noqa: E402 - needs pyarrow
    DMP_COLUMNS,
    audit_dmp_logs,
)

#: The readings: the defaults, each alternative alone, every alternative together (each rule
#: reads at most two topics, so this covers every combination a rule can meet).
ALTERNATIVES = ("first-ever", "any-time", "next-working-day", "opposition-needs-motive",
                "retention-extended")  # fmt: skip
READINGS = [(), *((reading,) for reading in ALTERNATIVES), ALTERNATIVES]
#: Instants on the boundaries: 24:00 of a deposit's fourteenth day (2024-05-02 + 14 days), a
#: microsecond later, the rules' first instant, 24:00 of 28 February 2030 (a closure on
#: 29 February 2020 + 10 years), 24:00 of Sunday 28 February 2038 (29 February 2028 + 10
#: years) and of the Monday art. 642 extends it to.
AS_OF = [
    datetime(2022, 1, 1, 0, 0, tzinfo=PARIS),
    datetime(2024, 5, 17, 0, 0, tzinfo=PARIS),
    datetime(2024, 5, 17, 0, 0, 0, 1, tzinfo=PARIS),
    datetime(2024, 6, 4, 12, 0, tzinfo=PARIS),
    datetime(2030, 3, 1, 0, 0, tzinfo=PARIS),
    datetime(2038, 3, 1, 0, 0, tzinfo=PARIS),
    datetime(2038, 3, 2, 0, 0, 0, 1, tzinfo=PARIS),
]
ROWS = generate(300)
TABLES = arrow_tables(ROWS)


def found_rows(table) -> list[tuple]:
    """The audit's rows as tuples in the order of its columns."""
    return [tuple(row[column] for column in DMP_COLUMNS) for row in table.to_pylist()]


@pytest.mark.parametrize("readings", READINGS, ids=lambda r: "+".join(r) or "defaults")
@pytest.mark.parametrize("as_of", AS_OF, ids=lambda a: a.isoformat())
def test_duckdb_gives_what_each_record_gives(readings, as_of):
    """Each row the audit gives is the row evaluating its record gives, and no other."""
    expected = oracle(ROWS, as_of, readings)
    assert expected == found_rows(audit_dmp_logs(TABLES, as_of=as_of, readings=readings))


def test_the_tables_reach_every_verdict():
    """The generated tables reach each status and reason of each rule, at some instant and
    under some reading (so that the equality above tests them)."""
    reached = set()
    for as_of in AS_OF:
        for readings in ((), ALTERNATIVES):
            reached |= {(row[1], row[5], row[10]) for row in oracle(ROWS, as_of, readings)}
    expected = {
        ("fr.dmp.feeding-opposition", "violation", None),
        ("fr.dmp.feeding-opposition", "compliant", None),
        ("fr.dmp.feeding-opposition", "insufficient_data", None),
        ("fr.dmp.feeding-opposition", "not_applicable", "no_opposition"),
        ("fr.dmp.feeding-opposition", "not_applicable", "not_in_force"),
        ("fr.dmp.retention", "violation", None),
        ("fr.dmp.retention", "compliant", None),
        ("fr.dmp.retention", "pending", None),
        ("fr.dmp.retention", "insufficient_data", None),
        ("fr.dmp.retention", "not_applicable", "record_open"),
        ("fr.dmp.retention", "not_applicable", "not_in_force"),
        ("fr.dmp.first-access-notice", "compliant", None),
        ("fr.dmp.first-access-notice", "violation", None),
        ("fr.dmp.first-access-notice", "pending", None),
        ("fr.dmp.first-access-notice", "not_applicable", "no_access"),
        ("fr.dmp.first-access-notice", "not_applicable", "not_in_force"),
        ("fr.dmp.emergency-access-notice", "compliant", None),
        ("fr.dmp.emergency-access-notice", "violation", None),
        ("fr.dmp.emergency-access-notice", "pending", None),
        ("fr.dmp.emergency-access-notice", "not_applicable", "no_emergency_access"),
        ("fr.dmp.deferred-data", "compliant", None),
        ("fr.dmp.deferred-data", "violation", None),
        ("fr.dmp.deferred-data", "pending", None),
        ("fr.dmp.deferred-data", "not_applicable", "no_deferred_data"),
        ("fr.dmp.deferred-data", "not_applicable", "not_in_force"),
        ("fr.dmp.emergency-access-opposition", "violation", None),
        ("fr.dmp.emergency-access-opposition", "compliant", None),
        ("fr.dmp.emergency-access-opposition", "not_applicable", "no_emergency_opposition"),
    }
    assert expected - reached == set()
