"""Every DMP rule audited at scale over a host's tables: one SQL text per rule family, run by
DuckDB or by Apache Spark.

A DMP host keeps its records' blocks as tables, not as one JSON document per record:
``records`` (``record_id``, ``authorized_on``, ``closed_on``, ``purged_on``),
``oppositions``, ``emergency_oppositions``, ``deposits``, ``accesses`` and
``notifications``, each row carrying its ``record_id`` and the columns of its block in the
record's JSON. :func:`audit_dmp_logs` judges every record of those tables by the six rules of
the pack and returns one table of verdicts, the same, row for row, as evaluating each record's
:class:`~dme_rules.jurisdictions.fr.subjects.dmp_record.DmpRecord` with
:func:`~dme_rules.evaluate` (the tests check it on generated tables, under every reading, at
several instants, on both engines).

Which rows. Evaluating a record gives one finding per rule. Where a finding lists the items it
judged (the accesses of the notice rules, the deposits of ``DEFERRED_DATA``, the deposits
against an opposition of ``FEEDING_OPPOSITION``, the emergency accesses during an opposition
of ``EMERGENCY_ACCESS_OPPOSITION``), each item is one row (``subject_id`` is its id) with its
own status; a finding that lists none (no access to judge, no opposition, a retention, a
record without a violation) is one row for the record (``subject_id`` is the record's id),
with the finding's status, reason and dates. So every finding is in the table, its
``not_applicable`` ones included, and every row comes from one finding.

Why one SQL text serves both engines. The loading step, each engine's own, turns every instant
into microseconds since the epoch (UTC) and every date into a day number (days since
1970-01-01); the rules then need only integers, joins, ``GROUP BY``, ``ROW_NUMBER()`` and
``CASE``, which DuckDB and Spark SQL read alike. What depends on the pack is handed to the
engine as three small tables made in Python: ``dmp_zone`` (for each day in UTC, the pack
zone's offset at its start, and the instant it changes that day with the offset after: an
instant's date in Paris is a join and integer arithmetic, not a time-zone function of the
engine), ``dmp_days`` (each local day's month, day number in its
month, and the working day art. 642 extends it to, from the evaluation's
:class:`~dme_rules.engine.calendar.BusinessCalendar`) and ``dmp_months`` (each month's first
day and length, for art. 641's months and years). The numbers (days, months, years, hours,
first days in force) come from the rule objects' versions; the readings choose between SQL
branches. The dialects differ only where :data:`DIALECTS` says.

The machinery lives in three private modules: ``_tables`` (the tables a host gives, the
output's columns, the zone, days and months made from the pack), ``_sql`` (the SQL of each
family of rules) and ``_engines`` (DuckDB and Spark, their dialects, the loading and the
checks of the tables).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.readings import Reading
from dme_rules.engine.registry import reading_values
from dme_rules.engine.time import as_instant, day_seen, instant_text, last_instant_seen
from dme_rules.errors import InvalidArgumentError
from dme_rules.jurisdictions.fr.calendars import FRANCE
from dme_rules.jurisdictions.fr.counting import PARIS
from dme_rules.jurisdictions.fr.dmp_logs._engines import (
    DIALECTS,
    Dialect,
    _check,
    _engine_of,
    _load,
)
from dme_rules.jurisdictions.fr.dmp_logs._sql import (
    _FAMILIES,
    _SQL_COLUMNS,
    _Plan,
    _q,
    _range_sql,
    _record_dates_sql,
)
from dme_rules.jurisdictions.fr.dmp_logs._tables import (
    _DAY_COLUMNS,
    _EPOCH,
    _FIRST_DAY,
    _INSTANT_COLUMNS,
    _LAST_DAY,
    DMP_COLUMNS,
    DMP_TABLES,
    RULE_TABLES,
    _day,
    _helper_tables,
    _micros,
    rules_not_run,
)

__all__ = [
    "DIALECTS",
    "DMP_COLUMNS",
    "DMP_TABLES",
    "RULE_TABLES",
    "Dialect",
    "audit_dmp_logs",
    "rules_not_run",
]


def _plan(as_of: datetime, readings: Iterable[Reading | str]) -> _Plan:
    instant = as_instant(as_of, "as_of")
    chosen = reading_values(tuple(readings))
    if not isinstance(chosen, tuple) or not all(isinstance(r, Reading) for r in chosen):
        raise InvalidArgumentError(
            "readings", "reading values or ids", readings, expected_fr="des lectures ou des ids"
        )
    today = day_seen(instant, PARIS)
    seen = _micros(last_instant_seen(instant, PARIS, today))
    return _Plan(_micros(instant), seen, _day(today), chosen)


def audit_dmp_logs(
    tables: Mapping[str, Any],
    *,
    as_of: datetime,
    engine: Any = "duckdb",
    readings: Iterable[Reading | str] = (),
    calendar: BusinessCalendar | None = None,
    progress: Callable[..., None] | None = None,
) -> Any:
    """The verdicts of every DMP rule on every record of a host's tables.

    Args:
        tables: The tables by name (:data:`DMP_TABLES`): ``records``, ``oppositions``,
            ``emergency_oppositions``, ``deposits``, ``accesses``, ``notifications``; each a
            Parquet path, an Arrow table or a pandas DataFrame with ``record_id`` and the
            columns of its block in the record's JSON (instants timezone-aware, dates as
            dates). Any may be left out: the rules that need it (:data:`RULE_TABLES`) are not
            run, and the result's schema metadata says which (``rules_not_run``).
        as_of: The aware instant of the audit; what comes after it is not seen.
        engine: ``duckdb`` (embedded, the default), a DuckDB connection of your own (with
            its ``memory_limit`` and ``temp_directory``), ``spark`` (a local session), a
            Spark master URL or a ``SparkSession``.
        readings: Alternative readings (values or ids), as ``evaluate`` takes them.
        calendar: The calendar of art. 642's extension (default: the pack's, ``FRANCE``).
        progress: Called with each step, ``progress("checking")`` then
            ``progress("judging", rules="…")`` before each family of rules (a command's
            progress lines).

    Returns:
        An Arrow table with the columns of :data:`DMP_COLUMNS` (dates as dates, instants as
        UTC timestamps): one row per item a finding lists, one per finding that lists none,
        rule by rule in the registry's order, then by record and subject.

    Raises:
        InvalidArgumentError: A bad argument, a missing column or one of the wrong type, or
            rows the record's reading refuses (a missing value, an unknown code, an id twice,
            a blank id, a date or instant outside the years 1900-2200, instants finer than
            the microsecond, a fact that cannot be true), named with the table, the column
            and how many rows; nothing is judged then.
        DmeRulesError: The engine or a table cannot be read.
    """
    import pyarrow as pa

    if not isinstance(tables, Mapping) or not tables or not set(tables) <= set(DMP_TABLES):
        names = ", ".join(DMP_TABLES)
        raise InvalidArgumentError(
            "tables", f"some of the tables {names}, by name", tables,
            expected_fr=f"certaines des tables {names}, par nom",
        )  # fmt: skip
    if calendar is None:
        calendar = FRANCE
    elif not isinstance(calendar, BusinessCalendar):
        raise InvalidArgumentError("calendar", "a BusinessCalendar", calendar,
                                   expected_fr="un BusinessCalendar")  # fmt: skip
    plan = _plan(as_of, readings)
    given = {name: tables[name] for name in DMP_TABLES if name in tables}
    skipped = rules_not_run(given)
    runner, owned = _engine_of(engine)
    try:
        if progress is not None:
            progress("checking")
        _load(runner, given)
        bounds = runner.arrow(_range_sql(list(given))).to_pylist()[0]
        lowest, highest = _day(_FIRST_DAY), _day(_LAST_DAY)
        first, last = (
            _EPOCH + timedelta(days=min(max(int(bounds[key] or 0), lowest), highest))
            for key in ("lo", "hi")
        )
        for name, helper in _helper_tables(calendar, first, last).items():
            runner.register(f"{name}_in", helper, name)
            runner.materialize(name, f"SELECT * FROM {name}_in")
        _check(runner, list(given))
        runner.materialize("dmp_record_dates", _record_dates_sql(given))
        parts = []
        for rules, sql in _FAMILIES:
            if any(rule.id in skipped for rule in rules):
                continue
            if progress is not None:
                progress("judging", rules=", ".join(rule.id for rule in rules))
            position = " ".join(f"WHEN {_q(rule.id)} THEN {rule.position}" for rule in rules)
            ordered = (
                f"SELECT * FROM ({sql(plan)}) q "
                f"ORDER BY CASE rule_id {position} END, record_id, subject_id"
            )
            parts.append(_finish(runner.arrow(ordered)))
    finally:
        runner.close(owned)
    result = pa.concat_tables(parts) if parts else _finish(None)
    metadata = {
        "as_of": instant_text(as_instant(as_of, "as_of")),
        "rules_run": ";".join(r for r in RULE_TABLES if r not in skipped),
        "rules_not_run": ";".join(f"{r}:{'+'.join(t)}" for r, t in skipped.items()),
    }
    return result.replace_schema_metadata(metadata)


def _finish(table: Any) -> Any:
    """The engine's rows with day numbers as dates and microseconds as UTC timestamps."""
    import pyarrow as pa
    import pyarrow.compute as pc

    instant = pa.timestamp("us", tz="UTC")
    columns = {}
    for column, sql_column in zip(DMP_COLUMNS, _SQL_COLUMNS, strict=True):
        values = None if table is None else table.column(sql_column)
        if column in _DAY_COLUMNS:
            target = pa.date32()
            if values is not None:
                values = pc.cast(pc.cast(values, pa.int64()), pa.int32()).cast(target)
        elif column in _INSTANT_COLUMNS:
            target = instant
            if values is not None:
                values = pc.cast(pc.cast(values, pa.int64()), instant)
        else:
            target = pa.string()
            if values is not None:
                values = pc.cast(values, target)
        columns[column] = values if values is not None else pa.array([], target)
    return pa.table(columns)
