"""DMP access logs audited at scale: one SQL text, run by DuckDB or by Apache Spark.

A DMP host audits months of logs, hundreds of millions of events, not one record at a time.
:func:`audit_access_logs` takes the two logs as tables (Parquet paths, Arrow tables or pandas
DataFrames): ``accesses`` (``record_id``, ``access_id``, ``at``, ``professional_id``,
``emergency``) and ``notifications`` (``record_id``, ``at``, ``recipient``, ``about``,
``access_id``), instants timezone-aware. It returns one row per judged access and rule, with
the verdicts of :data:`~dme_rules.jurisdictions.fr.rules.first_access_notice.FIRST_ACCESS_NOTICE`
and :data:`~dme_rules.jurisdictions.fr.rules.emergency_access_notice.EMERGENCY_ACCESS_NOTICE`:
the same, row for row, as evaluating each record's :class:`DmpRecord` (the tests check it on
generated logs, under every reading, on both engines).

Why one SQL text serves both engines: instants enter as microseconds since the epoch (UTC), so
the rules need only integer arithmetic, joins, ``GROUP BY`` and ``ROW_NUMBER()``, which DuckDB
and Spark SQL read alike; only the loading (reading Parquet, turning timestamps into
microseconds) is each engine's own. The parameters (the versions' first instant in Paris, the
24 hours, the readings) come from the rule objects, never written twice. Two accesses of one
professional at the same instant are ordered by ``access_id``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, time
from typing import Any

from dme_rules.engine.readings import Reading
from dme_rules.engine.registry import reading_values
from dme_rules.engine.time import as_instant
from dme_rules.errors import DmeRulesError, InvalidArgumentError
from dme_rules.jurisdictions.fr.counting import PARIS
from dme_rules.jurisdictions.fr.readings import ANY_TIME, FIRST_EVER
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
            f"AND n.at_us <= {as_of_us}"
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
    FROM accesses_us WHERE at_us <= {as_of_us}
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


#: What each count of :func:`checks_sql` means, in English and French.
_REFUSALS = {
    "missing_in_accesses": (
        "accesses", "a value in every row of record_id, access_id, at, professional_id and "
        "emergency", "une valeur dans chaque ligne de record_id, access_id, at, "
        "professional_id et emergency",
    ),
    "missing_in_notifications": (
        "notifications", "a value in every row of record_id, at, recipient and about",
        "une valeur dans chaque ligne de record_id, at, recipient et about",
    ),
    "unknown_codes": (
        "notifications", f"recipient among {', '.join(RECIPIENTS)} and about among "
        f"{', '.join(ABOUT)}", f"recipient parmi {', '.join(RECIPIENTS)} et about parmi "
        f"{', '.join(ABOUT)}",
    ),
    "repeated_access_ids": (
        "accesses", "each access_id once in a record", "chaque access_id une fois par dossier",
    ),
}  # fmt: skip


def _refuse_bad_rows(counts: dict[str, int]) -> None:
    """Raise naming the first kind of row the logs must not hold, with how many there are."""
    for key, (table, expected, expected_fr) in _REFUSALS.items():
        found = int(counts.get(key) or 0)
        if found:
            raise InvalidArgumentError(
                table,
                f"{expected} (the number of rows or ids that are not is given)",
                found,
                expected_fr=f"{expected_fr} (le nombre de lignes ou d'ids fautifs est donné)",
            )


def _choices(
    readings: Iterable[Reading | str],
) -> tuple[bool, bool, tuple[str, ...], tuple[str, ...]]:
    """The readings chosen: first-ever?, any-time?, and the ids each rule applies."""
    chosen = reading_values(tuple(readings))
    if not isinstance(chosen, tuple) or not all(isinstance(r, Reading) for r in chosen):
        raise InvalidArgumentError(
            "readings", "reading values or ids", readings, expected_fr="des lectures ou des ids"
        )
    first, emergency = (
        tuple(version.choice(topic, chosen) for topic in version.topics)
        for version in (FIRST_ACCESS_NOTICE.versions[0], EMERGENCY_ACCESS_NOTICE.versions[0])
    )
    return (
        FIRST_EVER in first,
        ANY_TIME in first,
        tuple(r.id for r in first),
        tuple(r.id for r in emergency),
    )


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
            refuses (a missing value, an unknown recipient or subject, an access id given
            twice in a record), named with how many there are.
        DmeRulesError: The engine or the logs cannot be read.
    """
    instant = as_instant(as_of, "as_of")
    first_ever, any_time, first_ids, emergency_ids = _choices(readings)
    sql = notices_sql(as_of_us=_micros(instant), first_ever=first_ever, any_time=any_time)
    if isinstance(engine, str) and engine == "duckdb":
        table = _run_duckdb(sql, accesses, notifications)
    elif (
        engine == "spark"
        or _is_spark(engine)
        or (
            isinstance(engine, str) and (engine.startswith(("spark://", "local", "yarn", "k8s://")))
        )
    ):
        table = _run_spark(sql, accesses, notifications, engine)
    else:
        raise InvalidArgumentError(
            "engine", "duckdb, spark, a Spark master URL or a SparkSession", engine,
            expected_fr="duckdb, spark, l'URL d'un maître Spark ou une SparkSession",
        )  # fmt: skip
    return _finish(table, first_ids, emergency_ids)


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
        except (OSError, pa.ArrowInvalid) as error:
            reason = getattr(error, "strerror", None) or type(error).__name__
            raise DmeRulesError(f"{name}: cannot read {os.fspath(source)} ({reason})") from None
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
            name, "the columns " + ", ".join(columns), ", ".join(missing) + " missing",
            expected_fr="les colonnes " + ", ".join(columns),
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


def _run_duckdb(sql: str, accesses: Any, notifications: Any) -> Any:
    try:
        import duckdb
    except ImportError:
        raise DmeRulesError(
            "the DuckDB engine needs duckdb: pip install 'dme-rules[logs]' / "
            "le moteur DuckDB a besoin de duckdb : pip install 'dme-rules[logs]'"
        ) from None
    accesses_us = _with_micros(_arrow(accesses, "accesses", _ACCESS_COLUMNS))
    notifications_us = _with_micros(_arrow(notifications, "notifications", _NOTICE_COLUMNS))
    connection = duckdb.connect()
    try:
        connection.register("accesses_us", accesses_us)
        connection.register("notifications_us", notifications_us)
        checks = connection.execute(checks_sql())
        names = [column[0] for column in checks.description or ()]
        _refuse_bad_rows(dict(zip(names, checks.fetchall()[0], strict=True)))
        relation = connection.sql(sql)
        # A relation's Arrow table: to_arrow_table from DuckDB 2, arrow() before.
        fetch: Any = getattr(relation, "to_arrow_table", None) or getattr(relation, "arrow")  # noqa: B009
        return fetch()
    finally:
        connection.close()


def _is_spark(engine: Any) -> bool:
    return type(engine).__name__ == "SparkSession"


def _run_spark(sql: str, accesses: Any, notifications: Any, engine: Any) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise DmeRulesError(
            "the Spark engine needs pyspark: pip install 'dme-rules[spark]' / "
            "le moteur Spark a besoin de pyspark : pip install 'dme-rules[spark]'"
        ) from None
    if _is_spark(engine):
        spark = engine
    else:
        master = "local[*]" if engine == "spark" else engine
        spark = (
            SparkSession.builder.master(master).appName("dme-rules dmp-audit")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )  # fmt: skip
    for name, source, columns in (("accesses", accesses, _ACCESS_COLUMNS),
                                  ("notifications", notifications, _NOTICE_COLUMNS)):  # fmt: skip
        register_spark_view(spark, name, source, columns)
    _refuse_bad_rows(spark.sql(checks_sql()).collect()[0].asDict())
    return spark.sql(sql).toArrow()


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


def _finish(table: Any, first_ids: tuple[str, ...], emergency_ids: tuple[str, ...]) -> Any:
    """The engine's rows with instants as UTC timestamps and the readings applied."""
    import pyarrow as pa
    import pyarrow.compute as pc

    instant = pa.timestamp("us", tz="UTC")

    def as_instant_column(name: str) -> Any:
        values = pc.cast(table.column(name), pa.int64())
        return pc.cast(values, instant)

    readings = [
        ";".join(first_ids if rule == FIRST_ACCESS_NOTICE.id else emergency_ids)
        for rule in table.column("rule_id").to_pylist()
    ]
    return pa.table(
        {
            "record_id": pc.cast(table.column("record_id"), pa.string()),
            "access_id": pc.cast(table.column("access_id"), pa.string()),
            "professional_id": pc.cast(table.column("professional_id"), pa.string()),
            "rule_id": pc.cast(table.column("rule_id"), pa.string()),
            "status": pc.cast(table.column("status"), pa.string()),
            "due": as_instant_column("due_us"),
            "notified_at": as_instant_column("notified_us"),
            "holder_notified_at": as_instant_column("holder_notified_us"),
            "medecin_traitant_notified_at": as_instant_column("doctor_notified_us"),
            "readings": pa.array(readings, pa.string()),
        }
    )
