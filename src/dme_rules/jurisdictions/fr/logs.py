"""DMP access logs audited at scale: the notices alone, the first audit of the pack.

A DMP host audits months of logs, hundreds of millions of events, not one record at a time.
:func:`audit_access_logs` takes the two logs as tables (Parquet paths, Arrow tables or pandas
DataFrames): ``accesses`` (``record_id``, ``access_id``, ``at``, ``professional_id``,
``emergency``) and ``notifications`` (``record_id``, ``at``, ``recipient``, ``about``,
``access_id``), instants timezone-aware. It returns one row per judged access and rule, with
the verdicts of :data:`~dme_rules.jurisdictions.fr.rules.first_access_notice.FIRST_ACCESS_NOTICE`
and :data:`~dme_rules.jurisdictions.fr.rules.emergency_access_notice.EMERGENCY_ACCESS_NOTICE`:
the rows of those rules' judged accesses that
:func:`~dme_rules.jurisdictions.fr.dmp_logs.audit_dmp_logs` gives (its SQL, its checks), in the
columns of the first audit.

:func:`notices_sql` and :func:`register_spark_view` write the first audit's SQL text for a
Spark session that writes its rows itself: instants enter as microseconds since the epoch
(UTC), so the rules need only integer arithmetic, joins, ``GROUP BY`` and ``ROW_NUMBER()``;
the parameters (the versions' first instant in Paris, the 24 hours, the readings) come from
the rule objects. Two accesses of one professional at the same instant are ordered by
``access_id``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, time, timedelta
from typing import Any

from dme_rules.engine.readings import Reading
from dme_rules.engine.time import day_seen, last_instant_seen
from dme_rules.errors import DmeRulesError, InvalidArgumentError, why_not
from dme_rules.jurisdictions.fr.counting import PARIS
from dme_rules.jurisdictions.fr.dmp_logs._engines import NOT_PARQUET, unreadable
from dme_rules.jurisdictions.fr.rules.emergency_access_notice import EMERGENCY_ACCESS_NOTICE
from dme_rules.jurisdictions.fr.rules.first_access_notice import FIRST_ACCESS_NOTICE
from dme_rules.jurisdictions.fr.subjects.dmp_record import ABOUT, RECIPIENTS

__all__ = [
    "COLUMNS",
    "ENGINES",
    "TABLES",
    "audit_access_logs",
    "audit_tables",
    "checks_sql",
    "notices_sql",
    "register_spark_view",
]

#: The engines that run the SQL.
ENGINES = ("duckdb", "spark")

#: The output's columns, in order.
COLUMNS = (
    "record_id", "access_id", "professional_id", "rule_id", "status", "due", "notified_at",
    "holder_notified_at", "medecin_traitant_notified_at", "readings",
)  # fmt: skip

_ACCESS_COLUMNS = ("record_id", "access_id", "at", "professional_id", "emergency")
_NOTICE_COLUMNS = ("record_id", "at", "recipient", "about", "access_id")
_MICROS = 1_000_000


def _micros(instant: datetime) -> int:
    delta = instant - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * _MICROS + delta.microseconds


def _start_us(rule: Any) -> int:
    """The first instant of the rule's first version: 00:00 in Paris of its first day."""
    first = rule.versions[0].effective_from
    return _micros(datetime.combine(first, time.min, PARIS))


def notices_sql(*, as_of_us: int, first_ever: bool, any_time: bool) -> str:
    """The one SQL text of both rules, over the views ``accesses_us`` and
    ``notifications_us`` (instants as ``at_us``, microseconds since the epoch)."""
    for rule in (FIRST_ACCESS_NOTICE, EMERGENCY_ACCESS_NOTICE):
        if len(rule.versions) != 1:  # pragma: no cover - a second version needs its own CASE
            raise DmeRulesError(f"{rule.id}: the SQL knows one version")
    first_delay = FIRST_ACCESS_NOTICE.versions[0].parameters.hours * 3600 * _MICROS
    emergency_delay = EMERGENCY_ACCESS_NOTICE.versions[0].parameters.hours * 3600 * _MICROS
    first_start = _start_us(FIRST_ACCESS_NOTICE)
    emergency_start = _start_us(EMERGENCY_ACCESS_NOTICE)
    partition = "record_id" if first_ever else "record_id, professional_id"
    # The last instant whose acts the audit sees: at Paris's midnight (24:00 of the day
    # before), the microsecond before it, as the engine's context sees it.
    instant = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=as_of_us)
    seen_us = _micros(last_instant_seen(instant, PARIS, day_seen(instant, PARIS)))

    def status(notified: str, due: str) -> str:
        if any_time:
            return f"CASE WHEN {notified} IS NOT NULL THEN 'compliant' ELSE 'pending' END"
        return (
            f"CASE WHEN {notified} IS NOT NULL AND {notified} <= {due} THEN 'compliant' "
            f"WHEN {notified} IS NULL AND {as_of_us} <= {due} THEN 'pending' "
            "ELSE 'violation' END"
        )

    def notices(recipient: str, abouts: str) -> str:
        """The counted notices to ``recipient`` about ``abouts``, by record and access."""
        return (
            f"SELECT n.record_id, n.access_id, n.at_us FROM notifications_us n "
            f"WHERE n.recipient = '{recipient}' AND n.about IN ({abouts}) "
            f"AND n.at_us <= {seen_us}"
        )

    def earliest(accesses: str, recipient: str, abouts: str) -> str:
        """Each access of ``accesses`` with its earliest notice at or after it (or null)."""
        return (
            f"SELECT a.record_id, a.access_id, MIN(n.at_us) AS notified_us "
            f"FROM {accesses} a LEFT JOIN ({notices(recipient, abouts)}) n "
            f"ON n.record_id = a.record_id AND n.access_id = a.access_id "
            f"AND n.at_us >= a.at_us GROUP BY a.record_id, a.access_id"
        )

    return f"""
WITH seen AS (
    SELECT record_id, access_id, at_us, professional_id, emergency
    FROM accesses_us WHERE at_us <= {seen_us}
),
ranked AS (
    SELECT seen.*, ROW_NUMBER() OVER (PARTITION BY {partition} ORDER BY at_us, access_id) AS rank
    FROM seen
),
first_accesses AS (
    SELECT record_id, access_id, professional_id, at_us, at_us + {first_delay} AS due_us
    FROM ranked WHERE rank = 1 AND at_us >= {first_start}
),
first_holder AS ({earliest("first_accesses", "holder", "'first_access', 'emergency_access'")}),
emergency_accesses AS (
    SELECT record_id, access_id, professional_id, at_us, at_us + {emergency_delay} AS due_us
    FROM seen WHERE emergency AND at_us >= {emergency_start}
),
emergency_holder AS ({earliest("emergency_accesses", "holder", "'emergency_access'")}),
emergency_doctor AS ({earliest("emergency_accesses", "medecin_traitant", "'emergency_access'")}),
judged_first AS (
    SELECT f.*, h.notified_us AS holder_us
    FROM first_accesses f JOIN first_holder h
    ON h.record_id = f.record_id AND h.access_id = f.access_id
),
judged_emergency AS (
    SELECT e.*, h.notified_us AS holder_us, d.notified_us AS doctor_us,
           {status("h.notified_us", "e.due_us")} AS holder_status,
           {status("d.notified_us", "e.due_us")} AS doctor_status
    FROM emergency_accesses e
    JOIN emergency_holder h ON h.record_id = e.record_id AND h.access_id = e.access_id
    JOIN emergency_doctor d ON d.record_id = e.record_id AND d.access_id = e.access_id
)
SELECT record_id, access_id, professional_id, '{FIRST_ACCESS_NOTICE.id}' AS rule_id,
       {status("holder_us", "due_us")} AS status,
       {"CAST(NULL AS BIGINT)" if any_time else "due_us"} AS due_us,
       holder_us AS notified_us, holder_us AS holder_notified_us,
       CAST(NULL AS BIGINT) AS doctor_notified_us
FROM judged_first
UNION ALL
SELECT record_id, access_id, professional_id, '{EMERGENCY_ACCESS_NOTICE.id}' AS rule_id,
       CASE WHEN holder_status = 'violation' OR doctor_status = 'violation' THEN 'violation'
            WHEN holder_status = 'pending' OR doctor_status = 'pending' THEN 'pending'
            ELSE 'compliant' END AS status,
       {"CAST(NULL AS BIGINT)" if any_time else "due_us"} AS due_us,
       CASE WHEN holder_us IS NULL OR doctor_us IS NULL THEN NULL
            WHEN holder_us >= doctor_us THEN holder_us ELSE doctor_us END AS notified_us,
       holder_us AS holder_notified_us, doctor_us AS doctor_notified_us
FROM judged_emergency
ORDER BY record_id, rule_id, access_id
"""


def checks_sql() -> str:
    """The SQL that counts what the logs must not hold (the record's reading refuses each):
    a missing value, an unknown recipient or subject, an access id given twice in a record."""
    recipients = ", ".join(f"'{value}'" for value in RECIPIENTS)
    abouts = ", ".join(f"'{value}'" for value in ABOUT)
    return f"""
SELECT
  (SELECT COUNT(*) FROM accesses_us WHERE record_id IS NULL OR access_id IS NULL
     OR at_us IS NULL OR professional_id IS NULL OR emergency IS NULL) AS missing_in_accesses,
  (SELECT COUNT(*) FROM notifications_us WHERE record_id IS NULL OR at_us IS NULL
     OR recipient IS NULL OR about IS NULL) AS missing_in_notifications,
  (SELECT COUNT(*) FROM notifications_us WHERE recipient NOT IN ({recipients})
     OR about NOT IN ({abouts})) AS unknown_codes,
  (SELECT COUNT(*) FROM (SELECT record_id, access_id FROM accesses_us
     GROUP BY record_id, access_id HAVING COUNT(*) > 1) repeated) AS repeated_access_ids
"""


def audit_access_logs(
    accesses: Any,
    notifications: Any,
    *,
    as_of: datetime,
    engine: Any = "duckdb",
    readings: Iterable[Reading | str] = (),
) -> Any:
    """The notice verdicts of every first access and every emergency access in the logs.

    Args:
        accesses: The accesses: a Parquet path, an Arrow table or a pandas DataFrame with the
            columns ``record_id``, ``access_id``, ``at`` (timezone-aware), ``professional_id``
            and ``emergency``.
        notifications: The notifications: ``record_id``, ``at``, ``recipient``, ``about`` and
            ``access_id``.
        as_of: The aware instant of the audit; events after it are not seen.
        engine: ``duckdb`` (embedded, the default), ``spark`` (a local session), a Spark master
            URL (``spark://host:7077``, ``local[4]``) or a ``SparkSession``.
        readings: Alternative readings (values or ids): ``first-ever``, ``any-time``.

    Returns:
        An Arrow table with the columns of :data:`COLUMNS` (instants as UTC timestamps), one
        row per judged access and rule, sorted by record, rule and access.

    Raises:
        InvalidArgumentError: A bad argument, a missing column, or rows the record's reading
            refuses (as :func:`~dme_rules.jurisdictions.fr.dmp_logs.audit_dmp_logs` refuses
            them), named with the table, the column and how many rows.
        DmeRulesError: The engine or the logs cannot be read.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from dme_rules.jurisdictions.fr.dmp_logs import audit_dmp_logs

    tables = {"accesses": accesses, "notifications": notifications}
    found = audit_dmp_logs(tables, as_of=as_of, engine=engine, readings=readings)
    # The judged accesses' rows (a record's row, with nothing judged, names no professional).
    items = found.filter(pc.is_valid(found.column("professional_id")))
    columns = {
        "record_id": "record_id", "access_id": "subject_id", "professional_id": "professional_id",
        "rule_id": "rule_id", "status": "status", "due": "due_at", "notified_at": "act_at",
        "holder_notified_at": "holder_notified_at",
        "medecin_traitant_notified_at": "medecin_traitant_notified_at", "readings": "readings",
    }  # fmt: skip
    table = pa.table({name: items.column(source) for name, source in columns.items()})
    return table.sort_by([(name, "ascending") for name in ("record_id", "rule_id", "access_id")])


#: The tables :func:`audit_tables` reads, by name.
TABLES = ("accesses", "notifications")


def audit_tables(
    tables: Mapping[str, Any],
    *,
    as_of: datetime,
    engine: Any = "duckdb",
    readings: Iterable[Reading | str] = (),
) -> Any:
    """:func:`audit_access_logs` over the tables of :data:`TABLES` by name (the pack's log
    audit, which ``dme-rules dmp-audit`` runs).

    Raises:
        InvalidArgumentError: A table of :data:`TABLES` is missing, or another is given.
    """
    if not isinstance(tables, Mapping) or set(tables) != set(TABLES):
        names = ", ".join(TABLES)
        raise InvalidArgumentError(
            "tables", f"the tables {names}, by name", tables,
            expected_fr=f"les tables {names}, par nom",
        )  # fmt: skip
    return audit_access_logs(
        tables["accesses"], tables["notifications"], as_of=as_of, engine=engine, readings=readings
    )


# -- the engines -------------------------------------------------------------------------------


def _arrow(source: Any, name: str, columns: tuple[str, ...]) -> Any:
    """``source`` as an Arrow table with ``columns``; a path is read as Parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if isinstance(source, (str, os.PathLike)):
        try:
            table = pq.read_table(source)
        except OSError as error:
            raise unreadable(name, source, *why_not(error)) from None
        except pa.ArrowInvalid:
            raise unreadable(name, source, *NOT_PARQUET) from None
    elif isinstance(source, pa.Table):
        table = source
    elif type(source).__module__.startswith("pandas"):
        table = pa.Table.from_pandas(source, preserve_index=False)
    else:
        raise InvalidArgumentError(
            name, "a Parquet path, an Arrow table or a pandas DataFrame", source,
            expected_fr="un chemin Parquet, une table Arrow ou un DataFrame pandas",
        )  # fmt: skip
    missing = [column for column in columns if column not in table.column_names]
    if missing:
        raise InvalidArgumentError(
            name, f"the columns {', '.join(columns)} ({', '.join(missing)} missing)",
            table.column_names,
            expected_fr=f"les colonnes {', '.join(columns)} ({', '.join(missing)} absentes)",
        )  # fmt: skip
    at = table.column("at").type
    if not pa.types.is_timestamp(at) or at.tz is None:
        raise InvalidArgumentError(
            f"{name}.at", "timezone-aware timestamps", str(at),
            expected_fr="des horodatages avec fuseau",
        )  # fmt: skip
    return table.select(list(columns))


def _with_micros(table: Any) -> Any:
    """``table`` with ``at`` replaced by ``at_us``, microseconds since the epoch (UTC)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        instants = pc.cast(table.column("at"), pa.timestamp("us", tz="UTC"))
    except pa.ArrowInvalid:  # nanoseconds that microseconds cannot hold
        raise InvalidArgumentError(
            "at", "instants to the microsecond", "a finer instant",
            expected_fr="des instants à la microseconde",
        ) from None  # fmt: skip
    micros = pc.cast(instants, pa.int64())
    index = table.column_names.index("at")
    return table.set_column(index, "at_us", micros)


def register_spark_view(spark: Any, name: str, source: Any, columns: tuple[str, ...]) -> None:
    """``source`` as the view ``<name>_us`` of ``spark``, ``at`` as ``at_us`` (microseconds):
    a Parquet path is read by Spark itself, on the cluster; an Arrow table or a pandas
    DataFrame is sent from the driver."""
    if isinstance(source, (str, os.PathLike)):
        frame = spark.read.parquet(os.fspath(source))
        missing = [column for column in columns if column not in frame.columns]
        if missing:
            raise InvalidArgumentError(
                name, "the columns " + ", ".join(columns), ", ".join(missing) + " missing",
                expected_fr="les colonnes " + ", ".join(columns),
            )  # fmt: skip
        frame.createOrReplaceTempView(f"{name}_raw")
        listed = ", ".join("unix_micros(at) AS at_us" if c == "at" else c for c in columns)
        spark.sql(f"SELECT {listed} FROM {name}_raw").createOrReplaceTempView(f"{name}_us")
        return
    table = _with_micros(_arrow(source, name, columns))
    spark.createDataFrame(table).createOrReplaceTempView(f"{name}_us")  # Arrow, Spark 4
