"""The SQL texts: one per family of rules, shared by both engines, and the records' dates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

import attrs

from dme_rules.engine.readings import Reading
from dme_rules.engine.rule import Rule
from dme_rules.errors import DmeRulesError
from dme_rules.jurisdictions.fr.dmp_logs._tables import (
    _DATE,
    _DAY_US,
    _FIRST_YEAR,
    _INSTANT,
    _INSTANT_COLUMNS,
    _MICROS,
    _SPECS,
    DMP_COLUMNS,
    _day,
    _local_start,
)
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


#: Each record's latest instant in a table (``where`` filters its rows).
_LATEST = "(SELECT record_id, MAX(at_us) AS at_us FROM {table} {where} GROUP BY record_id)"


def _floor_day(micros: str) -> str:
    """The UTC day of an instant in microseconds, exact for negative ones too (the division
    is of a multiple of a day, so its double is exact in both engines)."""
    rest = f"((({micros}) % {_DAY_US}) + {_DAY_US}) % {_DAY_US}"
    return f"CAST(({micros} - {rest}) / {_DAY_US} AS BIGINT)"


def _with_day(source: str, micros: str = "at_us", name: str = "day", join: str = "JOIN") -> str:
    """``source`` (a table or a subquery) with ``name``, the local date of ``micros``: the
    UTC day of the instant moved by the zone's offset then (from ``dmp_zone``)."""
    local = f"s.{micros} + CASE WHEN s.{micros} >= z.change_us THEN z.after_us ELSE z.before_us END"
    return (
        f"(SELECT s.*, {_floor_day(local)} AS {name} "
        f"FROM {source} s {join} dmp_zone z ON z.utc_day = {_floor_day('s.' + micros)})"
    )


def _earliest(a: str, b: str) -> str:
    """The earlier of two days (SQL), either may be NULL."""
    return f"CASE WHEN {a} IS NULL THEN {b} WHEN {b} IS NULL OR {a} <= {b} THEN {a} ELSE {b} END"


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
    #: The last instant and day whose acts as_of sees (Context.seen_until, Context.today).
    seen_us: int
    today: int
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
_SQL_COLUMNS = tuple(f"{c}_us" if c in _INSTANT_COLUMNS else c for c in DMP_COLUMNS)
_SQL_TEXT_COLUMNS = {
    "record_id", "rule_id", "rule_version", "subject_id", "professional_id", "status",
    "reason", "missing", "readings", "inform_status", "open_status",
}  # fmt: skip


def _record_rows(
    plan: _Plan, rule: Rule[Any, Any], refs: str, judged: str, otherwise: tuple[str, str, str]
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
        return (
            f"SELECT record_id, {plan.in_force_days(rule, 'rd')} AS in_force FROM dmp_record_dates"
        )
    return (
        f"SELECT d.record_id, {plan.in_force_days(rule, 'COALESCE(l.day, d.rd)')} AS in_force "
        f"FROM dmp_record_dates d LEFT JOIN ({latest}) l ON l.record_id = d.record_id"
    )


def _notices_sql(plan: _Plan) -> str:
    """FIRST_ACCESS_NOTICE and EMERGENCY_ACCESS_NOTICE."""
    as_of, seen = plan.as_of_us, plan.seen_us
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
            f"FROM {accesses} a LEFT JOIN ("
            f"SELECT record_id, access_id, at_us FROM dmp_notifications "
            f"WHERE recipient = '{recipient}' AND about IN ({abouts}) AND at_us <= {seen}) n "
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
  WHERE at_us <= {seen}
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
    today = plan.today
    needs_motive = "TRUE" if plan.reads(rule, OPPOSITION_NEEDS_MOTIVE) else "FALSE"
    latest = f"""
SELECT record_id, MAX(day) AS day FROM (
  SELECT record_id, day FROM {_with_day(_LATEST.format(table="dmp_deposits", where=""))} x
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
  WHERE at_us <= {plan.seen_us} AND {plan.in_force_days(rule, "day")}
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
    WHEN {kept_until} >= {plan.today} THEN 'pending'
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
    today = plan.today
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
            f"WHEN {by} >= {plan.today} THEN 'pending' ELSE 'violation' END"
        )

    def seen(day: str) -> str:
        return f"CASE WHEN {day} <= {today} THEN {day} END"

    return f"""
WITH dep AS (
  SELECT record_id, deposit_id, professional_id, at_us, day, announcement_on,
    holder_informed_on, made_accessible_on
  FROM {_with_day("dmp_deposits")} d
  WHERE inaccessible AND at_us <= {plan.seen_us} AND {plan.in_force_days(rule, "day")}
),
notes AS (
  SELECT n.record_id, n.deposit_id, MIN(n.at_us) AS at_us
  FROM dmp_notifications n JOIN dep d ON d.record_id = n.record_id AND d.deposit_id = n.deposit_id
  WHERE n.at_us <= {plan.seen_us} AND n.recipient = 'holder' AND n.about = 'deferred_data'
  AND n.at_us >= d.at_us
  GROUP BY n.record_id, n.deposit_id
),
noted AS (
  SELECT record_id, deposit_id, at_us AS notified_us, day AS notified_on
  FROM {_with_day("notes")} x
),
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
    today = plan.today
    emergency = "WHERE emergency"
    latest = f"""
SELECT record_id, MAX(day) AS day FROM (
  SELECT record_id, day FROM {_with_day(_LATEST.format(table="dmp_accesses", where=emergency))} x
  UNION ALL SELECT record_id, MAX(filed_on) AS day FROM dmp_emergency_oppositions GROUP BY record_id
) y GROUP BY record_id"""  # fmt: skip
    return f"""
WITH opp AS (
  SELECT record_id, filed_on, withdrawn_on FROM dmp_emergency_oppositions
  WHERE filed_on <= {today}
),
acc AS (
  SELECT record_id, access_id, professional_id, at_us, day
  FROM {_with_day(f"(SELECT * FROM dmp_accesses WHERE emergency AND at_us <= {plan.seen_us})")} a
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
