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
engine as three small tables made in Python: ``dmp_zone`` (for each day in UTC, the instant
local midnight falls in it, in the pack's zone: an instant's date in Paris is a join, not a
time-zone function of the engine), ``dmp_days`` (each local day's month, day number in its
month, and the working day art. 642 extends it to, from the evaluation's
:class:`~dme_rules.engine.calendar.BusinessCalendar`) and ``dmp_months`` (each month's first
day and length, for art. 641's months and years). The numbers (days, months, years, hours,
first days in force) come from the rule objects' versions; the readings choose between SQL
branches. The dialects differ only where :data:`DIALECTS` says.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.kinds import TEXT
from dme_rules.engine.readings import Reading
from dme_rules.engine.registry import reading_values
from dme_rules.engine.rule import Rule
from dme_rules.engine.time import SUPPORTED_YEARS, as_instant
from dme_rules.errors import DmeRulesError, InvalidArgumentError, TableRowsError
from dme_rules.jurisdictions.fr.calendars import FRANCE
from dme_rules.jurisdictions.fr.counting import PARIS
from dme_rules.jurisdictions.fr.readings import (
    ANY_TIME,
    FIRST_EVER,
    NEXT_WORKING_DAY,
    OPPOSITION_NEEDS_MOTIVE,
    RETENTION_EXTENDED,
)
from dme_rules.jurisdictions.fr.rules.deferred_data import DEFERRED_DATA
from dme_rules.jurisdictions.fr.rules.emergency_access_notice import EMERGENCY_ACCESS_NOTICE
from dme_rules.jurisdictions.fr.rules.emergency_access_opposition import (
    EMERGENCY_ACCESS_OPPOSITION,
)
from dme_rules.jurisdictions.fr.rules.feeding_opposition import FEEDING_OPPOSITION
from dme_rules.jurisdictions.fr.rules.first_access_notice import FIRST_ACCESS_NOTICE
from dme_rules.jurisdictions.fr.rules.retention import RETENTION
from dme_rules.jurisdictions.fr.subjects.dmp_record import ABOUT, RECIPIENTS

__all__ = [
    "DIALECTS",
    "DMP_COLUMNS",
    "DMP_TABLES",
    "RULE_TABLES",
    "audit_dmp_logs",
    "rules_not_run",
]

_MICROS = 1_000_000
_DAY_US = 86_400 * _MICROS
_EPOCH = date(1970, 1, 1)
_FIRST_YEAR, _LAST_YEAR = SUPPORTED_YEARS
#: The days the helper tables cover: every supported date, and ten years and a month past.
_FIRST_DAY = date(_FIRST_YEAR - 1, 12, 1)
_LAST_DAY = date(_LAST_YEAR + 11, 12, 31)

# -- the tables --------------------------------------------------------------------------------

#: The kinds of column a table holds, as the record's JSON has them.
_TEXT, _DATE, _INSTANT, _BOOL, _CODE = "text", "date", "instant", "bool", "code"


@attrs.frozen
class _Column:
    name: str
    kind: str
    required: bool = True


def _c(name: str, kind: str, required: bool = True) -> _Column:
    return _Column(name, kind, required)


#: The tables a host gives, each with the columns of its block of the record's JSON (and
#: ``record_id``). A required column must hold a value in every row.
_SPECS: dict[str, tuple[_Column, ...]] = {
    "records": (
        _c("record_id", _TEXT), _c("authorized_on", _DATE, False),
        _c("closed_on", _DATE, False), _c("purged_on", _DATE, False),
    ),
    "oppositions": (
        _c("record_id", _TEXT), _c("filed_on", _DATE), _c("legitimate_motive", _BOOL),
        _c("professional_id", _TEXT, False),
    ),
    "emergency_oppositions": (
        _c("record_id", _TEXT), _c("filed_on", _DATE), _c("withdrawn_on", _DATE, False),
    ),
    "deposits": (
        _c("record_id", _TEXT), _c("deposit_id", _TEXT), _c("at", _INSTANT),
        _c("professional_id", _TEXT), _c("inaccessible", _BOOL),
        _c("announcement_on", _DATE, False), _c("holder_informed_on", _DATE, False),
        _c("made_accessible_on", _DATE, False),
    ),
    "accesses": (
        _c("record_id", _TEXT), _c("access_id", _TEXT), _c("at", _INSTANT),
        _c("professional_id", _TEXT), _c("emergency", _BOOL),
    ),
    "notifications": (
        _c("record_id", _TEXT), _c("at", _INSTANT), _c("recipient", _CODE),
        _c("about", _CODE), _c("access_id", _TEXT, False), _c("deposit_id", _TEXT, False),
    ),
}  # fmt: skip

#: The tables :func:`audit_dmp_logs` reads, by name, in the order of the record's blocks.
DMP_TABLES = tuple(_SPECS)

#: The codes a code column may hold.
_CODES = {("notifications", "recipient"): RECIPIENTS, ("notifications", "about"): ABOUT}

#: The tables each rule reads; a rule whose tables are not all given is not run.
RULE_TABLES: dict[str, tuple[str, ...]] = {
    FEEDING_OPPOSITION.id: ("records", "oppositions", "deposits"),
    RETENTION.id: ("records",),
    FIRST_ACCESS_NOTICE.id: ("accesses", "notifications"),
    EMERGENCY_ACCESS_NOTICE.id: ("accesses", "notifications"),
    DEFERRED_DATA.id: ("deposits", "notifications"),
    EMERGENCY_ACCESS_OPPOSITION.id: ("emergency_oppositions", "accesses"),
}

#: The output's columns, in order: the generic ones, then what some rules add.
DMP_COLUMNS = (
    "record_id", "rule_id", "rule_version", "subject_id", "professional_id", "status",
    "due", "due_at", "act_on", "act_at", "reason", "missing", "readings",
    "holder_notified_at", "medecin_traitant_notified_at",
    "inform_by", "inform_status", "open_by", "open_status", "opposition_filed_on",
)  # fmt: skip
_DAY_COLUMNS = ("due", "act_on", "inform_by", "open_by", "opposition_filed_on")
_INSTANT_COLUMNS = ("due_at", "act_at", "holder_notified_at", "medecin_traitant_notified_at")


def rules_not_run(given: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The rules that tables ``given`` (names) do not let run, each with the tables missing."""
    have = set(given)
    return {
        rule_id: tuple(t for t in tables if t not in have)
        for rule_id, tables in RULE_TABLES.items()
        if not have.issuperset(tables)
    }


# -- the dialects ------------------------------------------------------------------------------


@attrs.frozen
class Dialect:
    """What differs between the engines' SQL, each piece named: the rest is shared.

    Attributes:
        micros: An instant column as microseconds since the epoch.
        day: A date column as days since 1970-01-01.
        visible: Whether a text holds a printable ASCII character (then it is visible
            text; the others are checked in Python).
        quote: A column's name quoted (``at`` is a keyword of DuckDB).
        types: How the engine names each kind of column's types.
    """

    quote: str
    micros: str
    day: str
    visible: str
    types: Mapping[str, tuple[str, ...]]


#: Each engine's dialect.
DIALECTS: dict[str, Dialect] = {
    "duckdb": Dialect(
        quote='"{}"',
        micros="epoch_us(CAST({} AS TIMESTAMPTZ))",
        day="({} - DATE '1970-01-01')",
        visible="regexp_matches({}, '[!-~]')",
        types={
            _TEXT: ("VARCHAR",), _CODE: ("VARCHAR",), _BOOL: ("BOOLEAN",), _DATE: ("DATE",),
            _INSTANT: ("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ_NS"),
        },
    ),  # fmt: skip
    "spark": Dialect(
        quote="`{}`",
        micros="unix_micros({})",
        day="unix_date({})",
        visible="({} RLIKE '[!-~]')",
        types={
            _TEXT: ("string",), _CODE: ("string",), _BOOL: ("boolean",), _DATE: ("date",),
            _INSTANT: ("timestamp",),
        },
    ),  # fmt: skip
}
#: The type names of a column that holds only nulls (a pandas column of None).
_NULL_TYPES = ("NULL", '"NULL"', "void")


# -- the helper tables: the zone, the days, the months ----------------------------------------


def _micros(instant: datetime) -> int:
    delta = instant - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * _MICROS + delta.microseconds


def _day(day: date) -> int:
    return (day - _EPOCH).days


def _local_start(day: date) -> int:
    """The instant local midnight starts ``day`` in Paris, in microseconds."""
    return _micros(datetime.combine(day, time.min, PARIS))


def _offset_us(micros: int) -> int:
    """The zone's UTC offset at the instant ``micros``, in microseconds."""
    instant = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros)
    offset = instant.astimezone(PARIS).utcoffset()
    assert offset is not None
    return (offset.days * 86_400 + offset.seconds) * _MICROS + offset.microseconds


@functools.cache
def _zone_rows(first: date, last: date) -> dict[str, list[int | None]]:
    """For each day in UTC: the zone's offset at its start, and the instant it changes inside
    it with the offset after (``NULL`` when it does not change that day). The zone's rules
    change its offset at most once a day."""
    utc_days: list[int | None] = []
    before: list[int | None] = []
    changes: list[int | None] = []
    after: list[int | None] = []
    for number in range(_day(first), _day(last) + 1):
        begin, end = number * _DAY_US, (number + 1) * _DAY_US - 1
        first, last = _offset_us(begin), _offset_us(end)
        change = None
        if first != last:  # the second it changes: offsets change on whole seconds
            low, high = begin // _MICROS, end // _MICROS
            while high - low > 1:
                middle = (low + high) // 2
                if _offset_us(middle * _MICROS) == first:
                    low = middle
                else:
                    high = middle
            change = high * _MICROS
        utc_days.append(number)
        before.append(first)
        changes.append(change)
        after.append(last)
    return {"utc_day": utc_days, "before_us": before, "change_us": changes, "after_us": after}


@functools.cache
def _day_rows(calendar: BusinessCalendar, first: date, last: date) -> dict[str, list[int | None]]:
    """For each local day: its month (``year * 12 + month - 1``), its day number in the
    month, and the working day art. 642 extends it to on ``calendar`` (itself when it is one;
    ``NULL`` past the calendar's years)."""
    days: list[int | None] = []
    months: list[int | None] = []
    doms: list[int | None] = []
    rolled: list[int | None] = []
    day = last + timedelta(days=366)  # past the last day: the working day that follows it
    following: int | None = None
    while day >= first:
        if _FIRST_YEAR <= day.year <= _LAST_YEAR:
            if calendar.is_business_day(day):
                following = _day(day)
        else:
            following = None
        days.append(_day(day))
        months.append(day.year * 12 + day.month - 1)
        doms.append(day.day)
        rolled.append(following)
        day -= timedelta(days=1)
    kept = _day(last) - _day(first) + 1
    return {
        "day": days[::-1][:kept], "month": months[::-1][:kept], "dom": doms[::-1][:kept],
        "rolled": rolled[::-1][:kept],
    }


@functools.cache
def _month_rows(first: date, last: date) -> dict[str, list[int | None]]:
    """Each month's first day and its length in days."""
    month_ids: list[int | None] = []
    firsts: list[int | None] = []
    lengths: list[int | None] = []
    for year in range(first.year, last.year + 1):
        for month in range(1, 13):
            first = date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            month_ids.append(year * 12 + month - 1)
            firsts.append(_day(first))
            lengths.append((following - first).days)
    return {"month": month_ids, "first_day": firsts, "length": lengths}


def _helper_tables(calendar: BusinessCalendar, first: date, last: date) -> dict[str, Any]:
    """The zone, the days and the months the tables' dates from ``first`` to ``last`` need:
    their instants' days, and the days their time limits (ten years and a month at most,
    then the working day that follows) may reach."""
    import pyarrow as pa

    def table(rows: dict[str, list[int | None]]) -> Any:
        return pa.table({name: pa.array(values, pa.int64()) for name, values in rows.items()})

    first = max(first, _FIRST_DAY) - timedelta(days=2)
    last = min(last, _LAST_DAY) + timedelta(days=2)
    reach = min(date(last.year + 11, 12, 31), _LAST_DAY)
    return {
        "dmp_zone": table(_zone_rows(first, last)),
        "dmp_days": table(_day_rows(calendar, first, reach)),
        "dmp_months": table(_month_rows(first, reach + timedelta(days=400))),
    }


def _range_sql(given: list[str]) -> str:
    """The earliest and the latest day of the tables' dates and instants (UTC days)."""
    parts = []
    for table in given:
        for column in _SPECS[table]:
            if column.kind == _DATE:
                parts.append(f"SELECT MIN({column.name}) AS lo, MAX({column.name}) AS hi "
                             f"FROM dmp_{table}")  # fmt: skip
            elif column.kind == _INSTANT:
                name = f"{column.name}_us"
                parts.append(f"SELECT {_floor_day(f'MIN({name})')} AS lo, "
                             f"{_floor_day(f'MAX({name})')} AS hi FROM dmp_{table}")  # fmt: skip
    return f"SELECT MIN(lo) AS lo, MAX(hi) AS hi FROM ({' UNION ALL '.join(parts)}) r"


# -- the SQL -----------------------------------------------------------------------------------


def _floor_day(micros: str) -> str:
    """The UTC day of an instant in microseconds, exact for negative ones too (the division
    is of a multiple of a day, so its double is exact in both engines)."""
    return f"CAST(({micros} - ((({micros}) % {_DAY_US}) + {_DAY_US}) % {_DAY_US}) / {_DAY_US} AS BIGINT)"


def _with_day(source: str, micros: str = "at_us", name: str = "day", join: str = "JOIN") -> str:
    """``source`` (a table or a subquery) with ``name``, the local date of ``micros``: the
    UTC day of the instant moved by the zone's offset then (from ``dmp_zone``)."""
    local = (
        f"s.{micros} + CASE WHEN s.{micros} >= z.change_us THEN z.after_us ELSE z.before_us END"
    )
    return (
        f"(SELECT s.*, {_floor_day(local)} AS {name} "
        f"FROM {source} s {join} dmp_zone z ON z.utc_day = {_floor_day('s.' + micros)})"
    )


def _earliest(a: str, b: str) -> str:
    return f"CASE WHEN {a} IS NULL THEN {b} WHEN {b} IS NULL THEN {a} WHEN {a} <= {b} THEN {a} ELSE {b} END"


def _latest(a: str, b: str) -> str:
    return f"CASE WHEN {a} IS NULL THEN {b} WHEN {b} IS NULL THEN {a} WHEN {a} >= {b} THEN {a} ELSE {b} END"


def _worst(*statuses: str) -> str:
    """The worst of ``statuses`` (SQL expressions of status codes), as Status.worst."""
    order = ("violation", "insufficient_data", "pending", "compliant")
    cases = " ".join(
        f"WHEN {' OR '.join(f'{s} = {_q(code)}' for s in statuses)} THEN {_q(code)}"
        for code in order
    )
    return f"CASE {cases} ELSE 'not_applicable' END"


def _q(text: str | None) -> str:
    if text is None:
        return "CAST(NULL AS STRING)"
    return "'" + text.replace("'", "''") + "'"


_NULL_DAY = "CAST(NULL AS BIGINT)"
_NULL_TEXT = "CAST(NULL AS STRING)"


@attrs.frozen
class _Plan:
    """One audit's constants: the instant, its date, the readings, each rule's version."""

    as_of_us: int
    today: int
    #: The earliest last day still pending at ``as_of`` (24:00 of it not passed yet).
    pending_from: int
    chosen: tuple[Reading, ...]

    def version(self, rule: Rule[Any, Any]) -> Any:
        if len(rule.versions) != 1:  # pragma: no cover - a second version needs its SQL
            raise DmeRulesError(f"{rule.id}: the SQL audit knows one version")
        return rule.versions[0]

    def readings(self, rule: Rule[Any, Any]) -> list[Reading]:
        version = self.version(rule)
        return [version.choice(topic, self.chosen) for topic in version.topics]

    def reads(self, rule: Rule[Any, Any], reading: Reading) -> bool:
        return reading in self.readings(rule)

    def in_force_days(self, rule: Rule[Any, Any], day: str) -> str:
        """Whether the version is in force on the local day ``day``."""
        version = self.version(rule)
        to = f" AND {day} <= {_day(version.effective_to)}" if version.effective_to else ""
        return f"({day} >= {_day(version.effective_from)}{to})"

    def in_force_micros(self, rule: Rule[Any, Any], micros: str) -> str:
        """Whether the version is in force on the local date of the instant ``micros``."""
        version = self.version(rule)
        start = _local_start(version.effective_from)
        end = version.effective_to
        to = f" AND {micros} < {_local_start(end + timedelta(days=1))}" if end else ""
        return f"({micros} >= {start}{to})"

    def select(self, rule: Rule[Any, Any], in_force: str, **values: str) -> str:
        """The SELECT list of one output row of ``rule``: ``values`` by column (SQL), the
        rest NULL; ``in_force`` (SQL) says whether a version applies (its name and readings
        then fill ``rule_version`` and ``readings``)."""
        version = self.version(rule)
        ids = ";".join(reading.id for reading in self.readings(rule))
        columns = {
            "record_id": "record_id",
            "rule_id": _q(rule.id),
            "rule_version": f"CASE WHEN {in_force} THEN {_q(version.version)} END",
            "readings": f"CASE WHEN {in_force} THEN {_q(ids)} ELSE '' END",
        }
        listed = []
        for column in _SQL_COLUMNS:
            if column in values:
                listed.append(f"{values[column]} AS {column}")
            elif column in columns:
                listed.append(f"{columns[column]} AS {column}")
            elif column in _SQL_TEXT_COLUMNS:
                listed.append(f"{_NULL_TEXT} AS {column}")
            else:
                listed.append(f"{_NULL_DAY} AS {column}")
        return ", ".join(listed)


#: The SQL's columns: instants end in ``_us``, dates are day numbers.
_SQL_COLUMNS = tuple(
    f"{c}_us" if c in _INSTANT_COLUMNS else c for c in DMP_COLUMNS
)
_SQL_TEXT_COLUMNS = {
    "record_id", "rule_id", "rule_version", "subject_id", "professional_id", "status",
    "reason", "missing", "readings", "inform_status", "open_status",
}  # fmt: skip


def _record_rows(
    plan: _Plan, rule: Rule[Any, Any], refs: str, judged: str, otherwise: str
) -> str:
    """The rows for the records whose finding lists no item: ``refs`` gives each record's
    ``record_id`` and ``in_force``; ``judged`` the records with items (left out);
    ``otherwise`` the SQL CASE branches (status, reason, missing) of a record in force."""
    return f"""
SELECT {plan.select(rule, "in_force", subject_id="record_id", status="status",
                    reason="reason", missing="missing", due="due", act_on="act_on")}
FROM (
  SELECT f.record_id, f.in_force,
    CASE WHEN NOT f.in_force THEN 'not_applicable' {otherwise[0]} END AS status,
    CASE WHEN NOT f.in_force THEN 'not_in_force' {otherwise[1]} END AS reason,
    {otherwise[2]} AS missing, {_NULL_DAY} AS due, {_NULL_DAY} AS act_on
  FROM ({refs}) f
  LEFT JOIN (SELECT DISTINCT record_id AS judged_id FROM ({judged}) j) k
  ON k.judged_id = f.record_id
  WHERE k.judged_id IS NULL
) r"""  # fmt: skip


def _refs(plan: _Plan, rule: Rule[Any, Any], latest: str | None) -> str:
    """Each record with ``in_force``: whether the rule's version is in force on the rule's
    reference date, ``latest`` (a subquery of ``record_id, day``: the latest date of what
    the rule judges) or else the record's latest date."""
    if latest is None:
        return f"SELECT record_id, {plan.in_force_days(rule, 'rd')} AS in_force FROM dmp_record_dates"
    return (
        f"SELECT d.record_id, {plan.in_force_days(rule, 'COALESCE(l.day, d.rd)')} AS in_force "
        f"FROM dmp_record_dates d LEFT JOIN ({latest}) l ON l.record_id = d.record_id"
    )


def _notices_sql(plan: _Plan) -> str:
    """FIRST_ACCESS_NOTICE and EMERGENCY_ACCESS_NOTICE."""
    as_of = plan.as_of_us
    first, emergency = FIRST_ACCESS_NOTICE, EMERGENCY_ACCESS_NOTICE
    first_ever = plan.reads(first, FIRST_EVER)
    delays = {}
    for rule in (first, emergency):
        any_time = plan.reads(rule, ANY_TIME)
        delays[rule.id] = None if any_time else plan.version(rule).parameters.hours * 3600 * _MICROS
    partition = "record_id" if first_ever else "record_id, professional_id"

    def due(rule: Rule[Any, Any]) -> str:
        delay = delays[rule.id]
        return _NULL_DAY if delay is None else f"at_us + {delay}"

    def status(notified: str, rule: Rule[Any, Any]) -> str:
        if delays[rule.id] is None:
            return f"CASE WHEN {notified} IS NOT NULL THEN 'compliant' ELSE 'pending' END"
        return (
            f"CASE WHEN {notified} IS NOT NULL AND {notified} <= due_us THEN 'compliant' "
            f"WHEN {notified} IS NULL AND {as_of} <= due_us THEN 'pending' "
            "ELSE 'violation' END"
        )

    def earliest(accesses: str, recipient: str, abouts: str) -> str:
        return (
            f"SELECT a.record_id, a.access_id, MIN(n.at_us) AS notified_us "
            f"FROM {accesses} a LEFT JOIN (SELECT record_id, access_id, at_us FROM dmp_notifications "
            f"WHERE recipient = '{recipient}' AND about IN ({abouts}) AND at_us <= {as_of}) n "
            f"ON n.record_id = a.record_id AND n.access_id = a.access_id AND n.at_us >= a.at_us "
            f"GROUP BY a.record_id, a.access_id"
        )

    latest = (
        "SELECT record_id, day FROM "
        + _with_day("(SELECT record_id, MAX(at_us) AS at_us FROM dmp_accesses GROUP BY record_id)")
        + " x"
    )
    sql = f"""
WITH seen AS (
  SELECT record_id, access_id, at_us, professional_id, emergency FROM dmp_accesses
  WHERE at_us <= {as_of}
),
ranked AS (
  SELECT seen.*, ROW_NUMBER() OVER (PARTITION BY {partition} ORDER BY at_us, access_id) AS rank
  FROM seen
),
first_accesses AS (
  SELECT record_id, access_id, professional_id, at_us, {due(first)} AS due_us FROM ranked
  WHERE rank = 1 AND {plan.in_force_micros(first, "at_us")}
),
first_holder AS ({earliest("first_accesses", "holder", "'first_access', 'emergency_access'")}),
emergency_accesses AS (
  SELECT record_id, access_id, professional_id, at_us, {due(emergency)} AS due_us FROM seen
  WHERE emergency AND {plan.in_force_micros(emergency, "at_us")}
),
emergency_holder AS ({earliest("emergency_accesses", "holder", "'emergency_access'")}),
emergency_doctor AS ({earliest("emergency_accesses", "medecin_traitant", "'emergency_access'")}),
judged_first AS (
  SELECT f.*, h.notified_us AS holder_us, {status("h.notified_us", first)} AS status
  FROM first_accesses f JOIN first_holder h
  ON h.record_id = f.record_id AND h.access_id = f.access_id
),
judged_emergency AS (
  SELECT e.*, h.notified_us AS holder_us, d.notified_us AS doctor_us,
    {status("h.notified_us", emergency)} AS holder_status,
    {status("d.notified_us", emergency)} AS doctor_status
  FROM emergency_accesses e
  JOIN emergency_holder h ON h.record_id = e.record_id AND h.access_id = e.access_id
  JOIN emergency_doctor d ON d.record_id = e.record_id AND d.access_id = e.access_id
),
first_refs AS ({_refs(plan, first, latest)}),
emergency_refs AS ({_refs(plan, emergency, latest)})
SELECT {plan.select(first, "TRUE", subject_id="access_id", professional_id="professional_id",
                    status="status", due_at_us="due_us", act_at_us="holder_us",
                    holder_notified_at_us="holder_us")}
FROM judged_first
UNION ALL
SELECT {plan.select(emergency, "TRUE", subject_id="access_id",
                    professional_id="professional_id",
                    status=_worst("holder_status", "doctor_status"), due_at_us="due_us",
                    act_at_us="CASE WHEN holder_us IS NULL OR doctor_us IS NULL THEN NULL "
                              "WHEN holder_us >= doctor_us THEN holder_us ELSE doctor_us END",
                    holder_notified_at_us="holder_us", medecin_traitant_notified_at_us="doctor_us")}
FROM judged_emergency
UNION ALL
{_record_rows(plan, first, "SELECT * FROM first_refs", "SELECT record_id FROM judged_first",
              ("ELSE 'not_applicable'", "ELSE 'no_access'", _NULL_TEXT))}
UNION ALL
{_record_rows(plan, emergency, "SELECT * FROM emergency_refs",
              "SELECT record_id FROM judged_emergency",
              ("ELSE 'not_applicable'", "ELSE 'no_emergency_access'", _NULL_TEXT))}
"""  # fmt: skip
    # The due instant's local date, as the audit shows a due instant.
    return _due_day_of(sql)


def _due_day_of(sql: str) -> str:
    """``sql``'s rows with ``due`` the local date of ``due_at_us`` where there is one."""
    columns = ", ".join(
        "CASE WHEN x.due_at_us IS NULL THEN x.due ELSE x.local_due END AS due" if c == "due"
        else f"x.{c}"
        for c in _SQL_COLUMNS
    )  # fmt: skip
    return f"SELECT {columns} FROM {_with_day(f'({sql})', 'due_at_us', 'local_due', 'LEFT JOIN')} x"


def _feeding_sql(plan: _Plan) -> str:
    """FEEDING_OPPOSITION."""
    rule = FEEDING_OPPOSITION
    today, as_of = plan.today, plan.as_of_us
    needs_motive = "TRUE" if plan.reads(rule, OPPOSITION_NEEDS_MOTIVE) else "FALSE"
    latest = f"""
SELECT record_id, MAX(day) AS day FROM (
  SELECT record_id, day FROM {_with_day("(SELECT record_id, MAX(at_us) AS at_us FROM dmp_deposits GROUP BY record_id)")} x
  UNION ALL SELECT record_id, MAX(filed_on) AS day FROM dmp_oppositions GROUP BY record_id
) y GROUP BY record_id"""  # fmt: skip
    return f"""
WITH opp AS (
  SELECT o.record_id, o.filed_on, o.legitimate_motive, o.professional_id, r.authorized_on
  FROM dmp_oppositions o LEFT JOIN dmp_records r ON r.record_id = o.record_id
  WHERE o.filed_on <= {today}
),
classed AS (
  SELECT opp.*, CASE WHEN legitimate_motive THEN 'binding'
    WHEN {needs_motive} THEN 'not_binding'
    WHEN authorized_on IS NULL THEN 'unknown'
    WHEN filed_on < authorized_on THEN 'binding'
    ELSE 'not_binding' END AS effect
  FROM opp
),
dep AS (
  SELECT record_id, deposit_id, professional_id, at_us, day
  FROM {_with_day("dmp_deposits")} d
  WHERE at_us <= {as_of} AND {plan.in_force_days(rule, "day")}
),
against AS (
  SELECT d.record_id, d.deposit_id, d.professional_id, d.at_us, d.day, c.effect, c.filed_on
  FROM dep d JOIN classed c ON c.record_id = d.record_id
  AND (c.professional_id IS NULL OR c.professional_id = d.professional_id)
  AND d.day > c.filed_on
  WHERE c.effect <> 'not_binding'
),
violations AS (
  SELECT record_id, deposit_id, MIN(professional_id) AS professional_id, MIN(at_us) AS at_us,
    MIN(day) AS day, MIN(filed_on) AS filed_on
  FROM against WHERE effect = 'binding' GROUP BY record_id, deposit_id
),
refs AS (
  SELECT f.record_id, f.in_force,
    CASE WHEN s.record_id IS NOT NULL THEN TRUE ELSE FALSE END AS seen,
    CASE WHEN u.record_id IS NOT NULL THEN TRUE ELSE FALSE END AS unknown
  FROM ({_refs(plan, rule, latest)}) f
  LEFT JOIN (SELECT DISTINCT record_id FROM opp) s ON s.record_id = f.record_id
  LEFT JOIN (SELECT DISTINCT record_id FROM against WHERE effect = 'unknown') u
  ON u.record_id = f.record_id
)
SELECT {plan.select(rule, "TRUE", subject_id="deposit_id", professional_id="professional_id",
                    status="'violation'", act_on="day", act_at_us="at_us",
                    opposition_filed_on="filed_on")}
FROM violations
UNION ALL
{_record_rows(plan, rule, "SELECT * FROM refs", "SELECT record_id FROM violations", (
    "WHEN NOT seen THEN 'not_applicable' WHEN unknown THEN 'insufficient_data' ELSE 'compliant'",
    "WHEN NOT seen THEN 'no_opposition'",
    f"CASE WHEN f.in_force AND seen AND unknown THEN '$.authorized_on' ELSE {_NULL_TEXT} END",
))}
"""  # fmt: skip


def _months_after(day: str, months: int, alias: str) -> tuple[str, str]:
    """The joins and the expression of art. 641's ``months`` months after ``day``: the same
    day number, or the month's last day when it has none."""
    joins = (
        f"LEFT JOIN dmp_days {alias}_d ON {alias}_d.day = {day} "
        f"LEFT JOIN dmp_months {alias}_m ON {alias}_m.month = {alias}_d.month + {months}"
    )
    expression = (
        f"({alias}_m.first_day + CASE WHEN {alias}_d.dom <= {alias}_m.length "
        f"THEN {alias}_d.dom ELSE {alias}_m.length END - 1)"
    )
    return joins, expression


def _retention_sql(plan: _Plan) -> str:
    """RETENTION."""
    rule = RETENTION
    today = plan.today
    years = plan.version(rule).parameters.years
    joins, kept = _months_after("r.closed_on", 12 * years, "k")
    extended = plan.reads(rule, RETENTION_EXTENDED)
    kept_until = "x.rolled" if extended else "x.kept"
    roll = "LEFT JOIN dmp_days e ON e.day = t.kept" if extended else ""
    status = f"""CASE WHEN NOT x.in_force THEN 'not_applicable'
    WHEN x.closed_on IS NULL AND x.purged IS NOT NULL THEN 'insufficient_data'
    WHEN x.closed_on IS NULL OR x.closed_on > {today} THEN 'not_applicable'
    WHEN x.purged IS NOT NULL AND x.purged <= {kept_until} THEN 'violation'
    WHEN x.purged IS NOT NULL THEN 'compliant'
    WHEN {kept_until} >= {plan.pending_from} THEN 'pending'
    ELSE 'compliant' END"""
    reason = f"""CASE WHEN NOT x.in_force THEN 'not_in_force'
    WHEN x.closed_on IS NULL AND x.purged IS NOT NULL THEN {_NULL_TEXT}
    WHEN x.closed_on IS NULL OR x.closed_on > {today} THEN 'record_open' END"""
    columns = plan.select(
        rule, "x.in_force", subject_id="record_id", status=status, reason=reason,
        missing="CASE WHEN x.in_force AND x.closed_on IS NULL AND x.purged IS NOT NULL "
        f"THEN '$.closed_on' ELSE {_NULL_TEXT} END",
        due=f"CASE WHEN x.in_force AND x.closed_on <= {today} THEN {kept_until} END",
        act_on=f"CASE WHEN x.in_force AND (x.closed_on <= {today} OR x.closed_on IS NULL) "
        "THEN x.purged END",
    )  # fmt: skip
    return f"""
WITH closed AS (
  SELECT d.record_id, d.rd, r.closed_on,
    CASE WHEN r.purged_on <= {today} THEN r.purged_on END AS purged,
    {kept} AS kept
  FROM dmp_record_dates d LEFT JOIN dmp_records r ON r.record_id = d.record_id {joins}
),
x AS (
  SELECT t.*, {"e.rolled" if extended else "t.kept"} AS rolled,
    {plan.in_force_days(rule, "COALESCE(t.closed_on, t.rd)")} AS in_force
  FROM closed t {roll}
)
SELECT {columns}
FROM x
"""  # fmt: skip


def _deferred_sql(plan: _Plan) -> str:
    """DEFERRED_DATA."""
    rule = DEFERRED_DATA
    today, as_of = plan.today, plan.as_of_us
    parameters = plan.version(rule).parameters
    extend = plan.reads(rule, NEXT_WORKING_DAY)
    joins, opens = _months_after("d.day", parameters.open_months, "o")
    informs = f"(d.day + {parameters.inform_days})"
    if extend:
        joins += f" LEFT JOIN dmp_days ei ON ei.day = {informs}"
        roll_open = "LEFT JOIN dmp_days eo ON eo.day = c.open_raw"
        inform_by, open_by = "ei.rolled", "eo.rolled"
    else:
        roll_open = ""
        inform_by, open_by = informs, "c.open_raw"
    latest = (
        "SELECT record_id, day FROM "
        + _with_day(
            "(SELECT record_id, MAX(at_us) AS at_us FROM dmp_deposits WHERE inaccessible "
            "GROUP BY record_id)"
        )
        + " x"
    )

    def clock(by: str, act: str) -> str:
        return (
            f"CASE WHEN {act} IS NOT NULL AND {act} <= {by} THEN 'compliant' "
            f"WHEN {act} IS NOT NULL THEN 'violation' "
            f"WHEN {by} >= {plan.pending_from} THEN 'pending' ELSE 'violation' END"
        )

    def seen(day: str) -> str:
        return f"CASE WHEN {day} <= {today} THEN {day} END"

    return f"""
WITH dep AS (
  SELECT record_id, deposit_id, professional_id, at_us, day, announcement_on,
    holder_informed_on, made_accessible_on
  FROM {_with_day("dmp_deposits")} d
  WHERE inaccessible AND at_us <= {as_of} AND {plan.in_force_days(rule, "day")}
),
notes AS (
  SELECT n.record_id, n.deposit_id, MIN(n.at_us) AS at_us
  FROM dmp_notifications n JOIN dep d ON d.record_id = n.record_id AND d.deposit_id = n.deposit_id
  WHERE n.at_us <= {as_of} AND n.recipient = 'holder' AND n.about = 'deferred_data'
  AND n.at_us >= d.at_us
  GROUP BY n.record_id, n.deposit_id
),
noted AS (SELECT record_id, deposit_id, at_us AS notified_us, day AS notified_on FROM {_with_day("notes")} x),
clocks AS (
  SELECT d.record_id, d.deposit_id, d.professional_id, d.day, d.announcement_on,
    d.made_accessible_on, n.notified_us,
    {_earliest("d.holder_informed_on", "n.notified_on")} AS informed,
    {inform_by} AS inform_by, {opens} AS open_raw
  FROM dep d LEFT JOIN noted n ON n.record_id = d.record_id AND n.deposit_id = d.deposit_id
  {joins}
),
judged AS (
  SELECT c.*, {open_by} AS open_by FROM clocks c {roll_open}
),
acts AS (
  SELECT j.*,
    {seen(_earliest("j.announcement_on", "j.informed"))} AS inform_act,
    {seen(_earliest("j.announcement_on", "j.made_accessible_on"))} AS open_act
  FROM judged j
),
statuses AS (
  SELECT a.*, {clock("a.inform_by", "a.inform_act")} AS inform_status,
    {clock("a.open_by", "a.open_act")} AS open_status
  FROM acts a
)
SELECT {plan.select(rule, "TRUE", subject_id="deposit_id", professional_id="professional_id",
                    status=_worst("inform_status", "open_status"),
                    due=_earliest(
                        "CASE WHEN inform_status <> 'compliant' THEN inform_by END",
                        "CASE WHEN open_status <> 'compliant' THEN open_by END"),
                    act_on=seen("informed"), act_at_us="notified_us",
                    inform_by="inform_by", inform_status="inform_status",
                    open_by="open_by", open_status="open_status")}
FROM statuses
UNION ALL
{_record_rows(plan, rule, _refs(plan, rule, latest), "SELECT record_id FROM dep",
              ("ELSE 'not_applicable'", "ELSE 'no_deferred_data'", _NULL_TEXT))}
"""  # fmt: skip


def _emergency_opposition_sql(plan: _Plan) -> str:
    """EMERGENCY_ACCESS_OPPOSITION."""
    rule = EMERGENCY_ACCESS_OPPOSITION
    today, as_of = plan.today, plan.as_of_us
    latest = f"""
SELECT record_id, MAX(day) AS day FROM (
  SELECT record_id, day FROM {_with_day("(SELECT record_id, MAX(at_us) AS at_us FROM dmp_accesses WHERE emergency GROUP BY record_id)")} x
  UNION ALL SELECT record_id, MAX(filed_on) AS day FROM dmp_emergency_oppositions GROUP BY record_id
) y GROUP BY record_id"""  # fmt: skip
    return f"""
WITH opp AS (
  SELECT record_id, filed_on, withdrawn_on FROM dmp_emergency_oppositions
  WHERE filed_on <= {today}
),
acc AS (
  SELECT record_id, access_id, professional_id, at_us, day
  FROM {_with_day(f"(SELECT * FROM dmp_accesses WHERE emergency AND at_us <= {as_of})")} a
  WHERE {plan.in_force_days(rule, "day")}
),
during AS (
  SELECT a.record_id, a.access_id, MIN(a.professional_id) AS professional_id,
    MIN(a.at_us) AS at_us, MIN(a.day) AS day, MIN(o.filed_on) AS filed_on
  FROM acc a JOIN opp o ON o.record_id = a.record_id AND o.filed_on < a.day
  AND (o.withdrawn_on IS NULL OR a.day < o.withdrawn_on)
  GROUP BY a.record_id, a.access_id
),
refs AS (
  SELECT f.record_id, f.in_force, CASE WHEN s.record_id IS NOT NULL THEN TRUE ELSE FALSE END AS seen
  FROM ({_refs(plan, rule, latest)}) f
  LEFT JOIN (SELECT DISTINCT record_id FROM opp) s ON s.record_id = f.record_id
)
SELECT {plan.select(rule, "TRUE", subject_id="access_id", professional_id="professional_id",
                    status="'violation'", act_on="day", act_at_us="at_us",
                    opposition_filed_on="filed_on")}
FROM during
UNION ALL
{_record_rows(plan, rule, "SELECT * FROM refs", "SELECT record_id FROM during", (
    "WHEN NOT seen THEN 'not_applicable' ELSE 'compliant'",
    "WHEN NOT seen THEN 'no_emergency_opposition'", _NULL_TEXT))}
"""  # fmt: skip


#: Each family of rules, the SQL that judges it, in the registry's order of their rules.
_FAMILIES: tuple[tuple[tuple[Rule[Any, Any], ...], Callable[[_Plan], str]], ...] = (
    ((FEEDING_OPPOSITION,), _feeding_sql),
    ((RETENTION,), _retention_sql),
    ((FIRST_ACCESS_NOTICE, EMERGENCY_ACCESS_NOTICE), _notices_sql),
    ((DEFERRED_DATA,), _deferred_sql),
    ((EMERGENCY_ACCESS_OPPOSITION,), _emergency_opposition_sql),
)


def _record_dates_sql(given: Iterable[str]) -> str:
    """Each record of the tables given (its id in any of them) and ``rd``, its latest date
    (:attr:`DmpRecord.reference_date`: its authorization, closure, purge, and its deposits',
    accesses' and notifications' dates; 1900-01-01 when it shows none)."""
    given = list(given)
    ids = " UNION ".join(f"SELECT record_id FROM dmp_{table}" for table in given)
    dates = []
    if "records" in given:
        dates += [f"SELECT record_id, {c} AS day FROM dmp_records WHERE {c} IS NOT NULL"
                  for c in ("authorized_on", "closed_on", "purged_on")]  # fmt: skip
    for table in ("deposits", "accesses", "notifications"):
        if table in given:
            latest = f"(SELECT record_id, MAX(at_us) AS at_us FROM dmp_{table} GROUP BY record_id)"
            dates.append(f"SELECT record_id, day FROM {_with_day(latest)} x")
    union = " UNION ALL ".join(dates) or f"SELECT record_id, {_NULL_DAY} AS day FROM ({ids}) z"
    return (
        f"SELECT i.record_id, COALESCE(MAX(t.day), {_day(date(_FIRST_YEAR, 1, 1))}) AS rd "
        f"FROM ({ids}) i LEFT JOIN ({union}) t ON t.record_id = i.record_id GROUP BY i.record_id"
    )


# -- the checks ---------------------------------------------------------------------------------


@attrs.frozen
class _Check:
    """One thing the tables must not hold, counted by SQL."""

    table: str
    column: str
    where: str  # the rows at fault (over the table's loaded view, aliased t)
    expected: str
    expected_fr: str
    from_: str = ""  # the view to count in, when not the table's


def _checks(given: list[str], dialect: Dialect) -> list[_Check]:
    first, last = _day(date(_FIRST_YEAR, 1, 1)), _day(date(_LAST_YEAR, 12, 31))
    first_us = _micros(datetime(_FIRST_YEAR, 1, 1, tzinfo=UTC))
    last_us = _micros(datetime(_LAST_YEAR + 1, 1, 1, tzinfo=UTC))
    years = f"the years {_FIRST_YEAR}-{_LAST_YEAR}", f"les années {_FIRST_YEAR} à {_LAST_YEAR}"
    checks: list[_Check] = []
    for table in given:
        for column in _SPECS[table]:
            name = column.name
            value = f"t.{name}_us" if column.kind == _INSTANT else f"t.{name}"
            if column.required:
                checks.append(_Check(table, name, f"{value} IS NULL",
                                     "a value in every row", "une valeur dans chaque ligne"))  # fmt: skip
            if column.kind == _CODE:
                codes = _CODES[table, name]
                listed = ", ".join(codes)
                checks.append(_Check(
                    table, name, f"{value} NOT IN ({', '.join(map(_q, codes))})",
                    f"one of {listed}", f"une valeur parmi {listed}",
                ))  # fmt: skip
            if column.kind == _DATE:
                checks.append(_Check(table, name, f"({value} < {first} OR {value} > {last})",
                                     f"a date in {years[0]}", f"une date des {years[1]}"))  # fmt: skip
            if column.kind == _INSTANT:
                checks.append(_Check(
                    table, name, f"({value} < {first_us} OR {value} >= {last_us})",
                    f"an instant in {years[0]}", f"un instant des {years[1]}",
                ))  # fmt: skip
    twice = {"records": ("record_id",), "accesses": ("record_id", "access_id"),
             "deposits": ("record_id", "deposit_id")}  # fmt: skip
    for table, key in twice.items():
        if table in given:
            keys = ", ".join(key)
            checks.append(_Check(
                table, key[-1], "TRUE", f"each {key[-1]} once" + (" in a record" if table != "records" else ""),
                f"chaque {key[-1]} une fois" + (" par dossier" if table != "records" else ""),
                from_=f"(SELECT {keys} FROM dmp_{table} WHERE {key[-1]} IS NOT NULL "
                      f"GROUP BY {keys} HAVING COUNT(*) > 1)",
            ))  # fmt: skip
    # Facts that cannot be true, as the record refuses them.
    if "records" in given:
        for later, earlier, what, what_fr in (
            ("closed_on", "authorized_on", "the authorization", "l'autorisation"),
            ("purged_on", "closed_on", "the closure", "la fermeture"),
        ):
            checks.append(_Check("records", later, f"t.{later} < t.{earlier}",
                                 f"a date on or after {what}",
                                 f"une date égale ou postérieure à {what_fr}"))  # fmt: skip
    if "emergency_oppositions" in given:
        checks.append(_Check("emergency_oppositions", "withdrawn_on",
                             "t.withdrawn_on < t.filed_on", "a date on or after the opposition",
                             "une date égale ou postérieure à l'opposition"))  # fmt: skip
    if "deposits" in given:
        for name in ("announcement_on", "holder_informed_on", "made_accessible_on"):
            checks.append(_Check("deposits", name, f"t.{name} < t.day",
                                 "a date on or after the deposit's date in Paris",
                                 "une date égale ou postérieure à celle du versement à Paris",
                                 from_=_with_day("(SELECT * FROM dmp_deposits WHERE at_us IS NOT NULL)")))  # fmt: skip
    return checks


def _checks_sql(checks: list[_Check]) -> str:
    counts = ",\n  ".join(
        f"(SELECT COUNT(*) FROM {check.from_ or 'dmp_' + check.table} t WHERE {check.where}) "
        f"AS c{index}"
        for index, check in enumerate(checks)
    )
    return f"SELECT\n  {counts}"


def _invisible_sql(given: list[str], dialect: Dialect) -> str | None:
    """The texts of the id columns that hold no printable ASCII character, with their counts
    (Python then decides whether each is visible text)."""
    parts = [
        f"SELECT '{table}' AS t, '{column.name}' AS c, {column.name} AS v, COUNT(*) AS n "
        f"FROM dmp_{table} WHERE {column.name} IS NOT NULL AND NOT "
        f"{dialect.visible.format(column.name)} GROUP BY {column.name}"
        for table in given
        for column in _SPECS[table]
        if column.kind == _TEXT
    ]
    return " UNION ALL ".join(parts) or None


def _refuse(table: str, column: str, count: int, expected: str, expected_fr: str) -> None:
    raise TableRowsError(table, column, count, expected, expected_fr=expected_fr)


# -- the engines --------------------------------------------------------------------------------


class _Engine:
    """One engine's session: register a source as a view, read a view's column types, run SQL
    into Arrow, make a table of a query."""

    name: str
    dialect: Dialect

    def register(self, name: str, source: Any) -> None:
        raise NotImplementedError  # pragma: no cover

    def types(self, name: str) -> dict[str, str]:
        raise NotImplementedError  # pragma: no cover

    def view(self, name: str, sql: str) -> None:
        raise NotImplementedError  # pragma: no cover

    def materialize(self, name: str, sql: str) -> None:
        self.view(name, sql)

    def arrow(self, sql: str) -> Any:
        raise NotImplementedError  # pragma: no cover

    def close(self, owned: bool) -> None:
        """Let go of what the audit made (and of the session when it made it)."""


def _arrow_of(source: Any, name: str) -> Any:
    import pyarrow as pa

    if isinstance(source, pa.Table):
        return source
    if type(source).__module__.startswith("pandas"):
        try:
            return pa.Table.from_pandas(source, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
            raise InvalidArgumentError(
                name, "a DataFrame whose columns each hold one type", str(error),
                expected_fr="un DataFrame dont chaque colonne a un seul type",
            ) from None  # fmt: skip
    raise InvalidArgumentError(
        name, "a Parquet path, an Arrow table or a pandas DataFrame", source,
        expected_fr="un chemin Parquet, une table Arrow ou un DataFrame pandas",
    )  # fmt: skip


def _check_nanoseconds(table: Any, name: str) -> None:
    """Refuse instants finer than the microsecond in an Arrow table."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for column in _SPECS[name]:
        if column.kind != _INSTANT or column.name not in table.column_names:
            continue
        values = table.column(column.name)
        if pa.types.is_timestamp(values.type) and values.type.unit == "ns":
            nanos = pc.cast(values, pa.int64())
            finer = pc.sum(pc.not_equal(pc.subtract(nanos, pc.multiply(pc.divide(nanos, 1000), 1000)), 0)).as_py()  # noqa: E501
            if finer:
                _refuse(name, column.name, finer, "instants to the microsecond",
                        "des instants à la microseconde")  # fmt: skip


class _DuckDB(_Engine):
    name = "duckdb"
    dialect = DIALECTS["duckdb"]

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.kept: list[Any] = []

    def register(self, name: str, source: Any) -> None:
        if isinstance(source, (str, os.PathLike)):
            path = os.fspath(source).replace("'", "''")
            if not os.path.exists(os.fspath(source)):
                raise DmeRulesError(f"{name}: cannot read {os.fspath(source)} (no such file)")
            try:
                self.connection.execute(
                    f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM read_parquet('{path}')"
                )
            except Exception as error:
                raise DmeRulesError(f"{name}: cannot read {os.fspath(source)} ({error})") from None
            return
        table = source if type(source).__module__.startswith("pyarrow") else _arrow_of(source, name)
        self.kept.append(table)
        self.connection.register(name, table)

    def types(self, name: str) -> dict[str, str]:
        rows = self.connection.execute(f"DESCRIBE {name}").fetchall()
        return {row[0]: str(row[1]) for row in rows}

    def view(self, name: str, sql: str) -> None:
        self.connection.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")

    def materialize(self, name: str, sql: str) -> None:
        self.connection.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def arrow(self, sql: str) -> Any:
        relation = self.connection.sql(sql)
        # A relation's Arrow table: to_arrow_table from DuckDB 2, arrow() before.
        fetch: Any = getattr(relation, "to_arrow_table", None) or getattr(relation, "arrow")  # noqa: B009
        return fetch()

    def close(self, owned: bool) -> None:
        if owned:
            self.connection.close()


class _Spark(_Engine):
    name = "spark"
    dialect = DIALECTS["spark"]

    def __init__(self, spark: Any) -> None:
        self.spark = spark
        self.cached: list[Any] = []

    def materialize(self, name: str, sql: str) -> None:
        frame = self.spark.sql(sql).cache()
        self.cached.append(frame)
        frame.createOrReplaceTempView(name)

    def close(self, owned: bool) -> None:
        for frame in self.cached:
            frame.unpersist()

    def register(self, name: str, source: Any) -> None:
        if isinstance(source, (str, os.PathLike)):
            try:
                frame = self.spark.read.parquet(os.fspath(source))
            except Exception as error:
                reason = str(error).splitlines()[0] if str(error) else type(error).__name__
                raise DmeRulesError(f"{name}: cannot read {os.fspath(source)} ({reason})") from None
        else:
            frame = self.spark.createDataFrame(_arrow_of(source, name))  # Arrow, Spark 4
        frame.createOrReplaceTempView(name)

    def types(self, name: str) -> dict[str, str]:
        return {f.name: f.dataType.typeName() for f in self.spark.table(name).schema.fields}

    def view(self, name: str, sql: str) -> None:
        self.spark.sql(sql).createOrReplaceTempView(name)

    def arrow(self, sql: str) -> Any:
        return self.spark.sql(sql).toArrow()


def _engine_of(engine: Any) -> tuple[_Engine, bool]:
    """The engine to run on, and whether this call owns it (and closes it)."""
    if isinstance(engine, str) and engine == "duckdb":
        try:
            import duckdb
        except ImportError:
            raise DmeRulesError(
                "the DuckDB engine needs duckdb: pip install 'dme-rules[logs]' / "
                "le moteur DuckDB a besoin de duckdb : pip install 'dme-rules[logs]'"
            ) from None
        return _DuckDB(duckdb.connect()), True
    if type(engine).__name__ == "DuckDBPyConnection":
        return _DuckDB(engine), False
    if type(engine).__name__ == "SparkSession":
        return _Spark(engine), False
    if isinstance(engine, str) and (
        engine == "spark" or engine.startswith(("spark://", "local", "yarn", "k8s://"))
    ):
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise DmeRulesError(
                "the Spark engine needs pyspark: pip install 'dme-rules[spark]' / "
                "le moteur Spark a besoin de pyspark : pip install 'dme-rules[spark]'"
            ) from None
        master = "local[*]" if engine == "spark" else engine
        spark = (
            SparkSession.builder.master(master).appName("dme-rules dmp-audit")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )  # fmt: skip
        return _Spark(spark), False
    raise InvalidArgumentError(
        "engine", "duckdb, spark, a Spark master URL, a SparkSession or a DuckDB connection",
        engine, expected_fr="duckdb, spark, l'URL d'un maître Spark, une SparkSession ou une "
        "connexion DuckDB",
    )  # fmt: skip


def _load(engine: _Engine, given: dict[str, Any]) -> None:
    """Register each table, check its columns' types, and make its view ``dmp_<table>``:
    instants as ``<column>_us`` (microseconds), dates as day numbers."""
    dialect = engine.dialect
    record_id_types: dict[str, str] = {}
    for table, source in given.items():
        raw = f"dmp_{table}_raw"
        if not isinstance(source, (str, os.PathLike)):
            source = _arrow_of(source, table)
            _check_nanoseconds(source, table)
        engine.register(raw, source)
        types = engine.types(raw)
        missing = [c.name for c in _SPECS[table] if c.name not in types]
        if missing:
            names = ", ".join(c.name for c in _SPECS[table])
            raise InvalidArgumentError(
                table, f"the columns {names}", ", ".join(missing) + " missing",
                expected_fr=f"les colonnes {names}",
            )  # fmt: skip
        listed = []
        for column in _SPECS[table]:
            found = types[column.name]
            quoted = dialect.quote.format(column.name)
            if found not in dialect.types[column.kind] and found not in _NULL_TYPES:
                what = {_TEXT: ("text", "du texte"), _CODE: ("text", "du texte"),
                        _BOOL: ("booleans", "des booléens"), _DATE: ("dates", "des dates"),
                        _INSTANT: ("timezone-aware timestamps", "des horodatages avec fuseau")}  # fmt: skip
                expected, expected_fr = what[column.kind]
                raise InvalidArgumentError(
                    f"{table}.{column.name}", expected, found, expected_fr=expected_fr
                )
            if column.name == "record_id":
                record_id_types[table] = found
            if found in _NULL_TYPES:
                cast = {_TEXT: "STRING", _CODE: "STRING", _BOOL: "BOOLEAN", _DATE: "BIGINT",
                        _INSTANT: "BIGINT"}[column.kind]  # fmt: skip
                name = f"{column.name}_us" if column.kind == _INSTANT else column.name
                listed.append(f"CAST(NULL AS {cast}) AS {name}")
            elif column.kind == _INSTANT:
                if found == "TIMESTAMPTZ_NS":
                    rest = f"epoch_ns({quoted}) % 1000 <> 0"
                    finer = engine.arrow(f"SELECT COUNT(*) AS n FROM {raw} WHERE {rest}")
                    count = finer.column("n")[0].as_py()
                    if count:
                        _refuse(table, column.name, count, "instants to the microsecond",
                                "des instants à la microseconde")  # fmt: skip
                listed.append(f"{dialect.micros.format(quoted)} AS {column.name}_us")
            elif column.kind == _DATE:
                listed.append(f"{dialect.day.format(quoted)} AS {column.name}")
            else:
                listed.append(f"{quoted} AS {column.name}")
        engine.view(f"dmp_{table}", f"SELECT {', '.join(listed)} FROM {raw}")
    if len(set(record_id_types.values())) > 1:
        shown = ", ".join(f"{t}: {k}" for t, k in record_id_types.items())
        raise InvalidArgumentError(
            "record_id", "one type in every table", shown,
            expected_fr="un même type dans chaque table",
        )  # fmt: skip


def _check(engine: _Engine, given: list[str]) -> None:
    """Refuse the rows the record's reading refuses, naming the table, the column and how
    many rows."""
    checks = _checks(given, engine.dialect)
    counts = engine.arrow(_checks_sql(checks)).to_pylist()[0]
    for index, check in enumerate(checks):
        found = int(counts[f"c{index}"] or 0)
        if found:
            _refuse(check.table, check.column, found, check.expected, check.expected_fr)
    invisible = _invisible_sql(given, engine.dialect)
    if invisible is None:
        return
    bad: dict[tuple[str, str], int] = {}
    for row in engine.arrow(invisible).to_pylist():
        try:
            TEXT.check(row["v"], row["c"])
        except InvalidArgumentError:
            bad[row["t"], row["c"]] = bad.get((row["t"], row["c"]), 0) + int(row["n"])
    for (table, column), count in bad.items():
        _refuse(table, column, count, "an id with a visible character",
                "un id avec un caractère visible")  # fmt: skip


def _plan(as_of: datetime, readings: Iterable[Reading | str]) -> _Plan:
    instant = as_instant(as_of, "as_of")
    chosen = reading_values(tuple(readings))
    if not isinstance(chosen, tuple) or not all(isinstance(r, Reading) for r in chosen):
        raise InvalidArgumentError(
            "readings", "reading values or ids", readings, expected_fr="des lectures ou des ids"
        )
    local = instant.astimezone(PARIS)
    today = local.date()
    at_midnight = _micros(instant) == _local_start(today)
    pending_from = _day(today) - 1 if at_midnight else _day(today)
    return _Plan(_micros(instant), _day(today), pending_from, chosen)


def audit_dmp_logs(
    tables: Mapping[str, Any],
    *,
    as_of: datetime,
    engine: Any = "duckdb",
    readings: Iterable[Reading | str] = (),
    calendar: BusinessCalendar | None = None,
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
        _load(runner, given)
        bounds = runner.arrow(_range_sql(list(given))).to_pylist()[0]
        lowest, highest = _day(_FIRST_DAY), _day(_LAST_DAY)
        first, last = (
            _EPOCH + timedelta(days=min(max(int(bounds[key] or 0), lowest), highest))
            for key in ("lo", "hi")
        )
        for name, helper in _helper_tables(calendar, first, last).items():
            runner.register(f"{name}_in", helper)
            runner.materialize(name, f"SELECT * FROM {name}_in")
        _check(runner, list(given))
        runner.materialize("dmp_record_dates", _record_dates_sql(given))
        parts = []
        for rules, sql in _FAMILIES:
            if any(rule.id in skipped for rule in rules):
                continue
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
        "as_of": as_instant(as_of, "as_of").isoformat(),
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
