"""Instants and local dates: the time arithmetic every jurisdiction shares.

Instants must be timezone-aware; "the date of" an instant is its local date in the
jurisdiction's zone, whatever offset it was written in. A date-deadline ends at 24:00 local
time of its due date (:func:`end_of_day_in`), and an evaluation at 24:00 of a day sees that day
whole and nothing of the next (:func:`day_seen`).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import MAXYEAR, MINYEAR, UTC, date, datetime, time, timedelta, tzinfo

from dme_rules.engine._checks import checked_date, checked_int
from dme_rules.errors import CalendarRangeError, InvalidArgumentError, NaiveDatetimeError

__all__ = [
    "SUPPORTED_YEARS",
    "add_months",
    "as_instant",
    "day_seen",
    "end_of_day_in",
    "last_instant_seen",
    "local_date",
    "months_after",
]

_DAY = timedelta(days=1)
_MICROSECOND = timedelta(microseconds=1)

#: The years every date and instant of the library lies in.
SUPPORTED_YEARS = (1900, 2200)
_FIRST, _LAST = SUPPORTED_YEARS


def as_instant(value: object, field: str = "instant") -> datetime:
    """Return ``value`` if it is a timezone-aware datetime, else raise naming ``field``.

    Raises:
        NaiveDatetimeError: ``value`` is a datetime without a UTC offset.
        InvalidArgumentError: ``value`` is not a datetime at all, or lies outside the years
            1900–2200 (as written or in UTC).
    """
    if not isinstance(value, datetime):
        raise InvalidArgumentError(
            field,
            "a timezone-aware datetime",
            value,
            expected_fr="une date et heure avec fuseau horaire",
        )
    try:
        offset = value.utcoffset()
        if offset is not None and not isinstance(offset, timedelta):
            raise TypeError(offset)
    except Exception:  # a time zone that cannot say its offset
        raise InvalidArgumentError(
            field,
            "an instant whose time zone gives its UTC offset",
            value,
            expected_fr="un instant dont le fuseau donne son décalage UTC",
        ) from None
    if offset is None:
        raise NaiveDatetimeError(field, value)
    if not _FIRST <= value.year <= _LAST or not _FIRST <= (value - offset).year <= _LAST:
        raise InvalidArgumentError(
            field,
            f"an instant in the years {_FIRST}-{_LAST}",
            value,
            expected_fr=f"un instant des années {_FIRST} à {_LAST}",
        )
    return value


def instant_text(value: datetime) -> str:
    """An aware instant as RFC 3339 text: ISO 8601 with its UTC offset in hours and minutes.

    The instant keeps its own offset, except an offset with seconds, which RFC 3339 cannot
    write: a local mean time of before the standard zones (Paris until 1911-03-11, +00:09:21)
    is written in UTC instead, the same instant.

    >>> from zoneinfo import ZoneInfo
    >>> instant_text(datetime(1905, 5, 1, tzinfo=ZoneInfo("Europe/Paris")))
    '1905-04-30T23:50:39+00:00'
    """
    offset = value.utcoffset()
    if offset is not None and offset.total_seconds() % 60:
        return value.astimezone(UTC).isoformat()
    return value.isoformat()


def local_date(value: object, field: str, zone: tzinfo) -> date:
    """The date in ``zone`` of an aware instant, or a date given as such.

    Raises:
        NaiveDatetimeError: ``value`` is a datetime without a UTC offset.
        InvalidArgumentError: ``value`` is neither a datetime nor a date.
    """
    if value.__class__ is date:
        return value
    if isinstance(value, datetime):
        return as_instant(value, field).astimezone(zone).date()
    if isinstance(value, date):
        return checked_date(value, field)
    raise InvalidArgumentError(
        field,
        "a timezone-aware datetime or a date",
        value,
        expected_fr="une date et heure avec fuseau horaire, ou une date",
    )


def end_of_day_in(day: date, zone: tzinfo) -> datetime:
    """24:00 local time of ``day`` in ``zone`` (as an instant: 00:00 of the next day).

    A date-deadline ends then: an act on the due date is on time, an evaluation after this
    instant sees the deadline overdue.
    """
    return datetime.combine(day + _DAY, time.min, zone)


def day_seen(as_of: datetime, zone: tzinfo) -> date:
    """The last day an evaluation at the aware instant ``as_of`` sees acts of, in ``zone``: the
    local date of ``as_of``, except at local midnight, which is 24:00 of the day before and
    starts nothing of the new day (an evaluation "as of 2025-02-13", at its 24:00, sees the
    acts of the 13th and none dated the 14th; a deadline due the 13th is still running).

    A day runs from just after its 00:00 to its 24:00 included, as a date-deadline does
    (:func:`end_of_day_in`): ``as_of`` is at most 24:00 of a date ``due`` exactly when
    ``day_seen(as_of, zone) <= due``.

    >>> from zoneinfo import ZoneInfo
    >>> montreal = ZoneInfo("America/Montreal")
    >>> day_seen(datetime(2025, 2, 14, 0, 0, tzinfo=montreal), montreal)
    datetime.date(2025, 2, 13)
    >>> day_seen(datetime(2025, 2, 14, 0, 0, 1, tzinfo=montreal), montreal)
    datetime.date(2025, 2, 14)
    """
    day = as_of.astimezone(zone).date()
    # The instants compared in UTC: Python never finds a wall-clock time of a fold or a gap
    # (a midnight skipped or repeated) equal to a time of another zone.
    if day > date.min and as_of.astimezone(UTC) == end_of_day_in(day - _DAY, zone).astimezone(UTC):
        return day - _DAY
    return day


def last_instant_seen(as_of: datetime, zone: tzinfo, day: date) -> datetime:
    """The last instant whose acts an evaluation at ``as_of`` sees, in ``zone``, ``day``
    being the last day it sees (:func:`day_seen`): ``as_of``; at local midnight (24:00 of
    ``day``), the microsecond before it, since an act stamped 00:00 is the new day's, as an
    act dated that day is."""
    at_midnight = day != as_of.astimezone(zone).date()
    return as_of - _MICROSECOND if at_midnight else as_of


def months_after(day: date, months: int) -> date:
    """``day`` plus calendar months, clamped to the end of the month (the day number kept
    when the target month has it, else the month's last day).

    >>> months_after(date(2025, 1, 31), 3)
    datetime.date(2025, 4, 30)

    Plain arithmetic, on the rules' hot path; the tests check it against pendulum's.

    Raises:
        InvalidArgumentError: ``day`` is not a date or ``months`` not a non-negative integer.
        CalendarRangeError: The result would be past the year 9999.
    """
    return add_months(checked_date(day, "day"), checked_int(months, "months", minimum=0))


def add_months(start: date, months: int) -> date:
    """:func:`months_after` for arguments already checked (the rules' path)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if year > MAXYEAR:
        raise CalendarRangeError(start, MINYEAR, MAXYEAR, counting=True)
    return date(year, month, min(start.day, monthrange(year, month)[1]))
