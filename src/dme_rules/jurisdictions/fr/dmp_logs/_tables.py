"""The tables a host gives, the output's columns, and the small tables made from the pack:
the zone, the days and the months."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.time import SUPPORTED_YEARS
from dme_rules.jurisdictions.fr.counting import PARIS
from dme_rules.jurisdictions.fr.rules.deferred_data import DEFERRED_DATA
from dme_rules.jurisdictions.fr.rules.emergency_access_notice import EMERGENCY_ACCESS_NOTICE
from dme_rules.jurisdictions.fr.rules.emergency_access_opposition import (
    EMERGENCY_ACCESS_OPPOSITION,
)
from dme_rules.jurisdictions.fr.rules.feeding_opposition import FEEDING_OPPOSITION
from dme_rules.jurisdictions.fr.rules.first_access_notice import FIRST_ACCESS_NOTICE
from dme_rules.jurisdictions.fr.rules.retention import RETENTION
from dme_rules.jurisdictions.fr.subjects.dmp_record import ABOUT, RECIPIENTS

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
    #: Whether the column may be left out of the table (all nulls then).
    may_be_absent: bool = False


def _c(name: str, kind: str, required: bool = True, may_be_absent: bool = False) -> _Column:
    return _Column(name, kind, required, may_be_absent)


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
        _c("about", _CODE), _c("access_id", _TEXT, False),
        # Notification logs older than the deposits' notices have no deposit_id: then no
        # notification informs the holder of a deposit.
        _c("deposit_id", _TEXT, False, may_be_absent=True),
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


@functools.lru_cache(maxsize=8)  # the few ranges and calendars of a session
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
        opening, closing = _offset_us(begin), _offset_us(end)
        change = None
        if opening != closing:  # the second it changes: offsets change on whole seconds
            low, high = begin // _MICROS, end // _MICROS
            while high - low > 1:
                middle = (low + high) // 2
                if _offset_us(middle * _MICROS) == opening:
                    low = middle
                else:
                    high = middle
            change = high * _MICROS
        utc_days.append(number)
        before.append(opening)
        changes.append(change)
        after.append(closing)
    return {"utc_day": utc_days, "before_us": before, "change_us": changes, "after_us": after}


@functools.lru_cache(maxsize=8)  # the few ranges and calendars of a session
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
        "day": days[::-1][:kept],
        "month": months[::-1][:kept],
        "dom": doms[::-1][:kept],
        "rolled": rolled[::-1][:kept],
    }


@functools.lru_cache(maxsize=8)  # the few ranges and calendars of a session
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
