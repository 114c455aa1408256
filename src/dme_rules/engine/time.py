"""Instants and local dates: the time arithmetic every jurisdiction shares.

Instants must be timezone-aware; "the date of" an instant is its local date in the
jurisdiction's zone, whatever offset it was written in. A date-deadline ends at 24:00 local
time of its due date (:func:`end_of_day_in`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from dme_rules.engine._checks import checked_date, checked_int
from dme_rules.errors import InvalidArgumentError, NaiveDatetimeError

__all__ = ["as_instant", "end_of_day_in", "local_date", "months_after"]

_DAY = timedelta(days=1)


def as_instant(value: object, field: str = "instant") -> datetime:
    """Return ``value`` if it is a timezone-aware datetime, else raise naming ``field``.

    Raises:
        NaiveDatetimeError: ``value`` is a datetime without a UTC offset.
        InvalidArgumentError: ``value`` is not a datetime at all.
    """
    if not isinstance(value, datetime):
        raise InvalidArgumentError(
            field,
            "a timezone-aware datetime",
            value,
            expected_fr="une date et heure avec fuseau horaire",
        )
    if value.utcoffset() is None:
        raise NaiveDatetimeError(field, value)
    return value


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


def months_after(day: date, months: int) -> date:
    """``day`` plus calendar months, clamped to the end of the month.

    >>> months_after(date(2025, 1, 31), 3)
    datetime.date(2025, 4, 30)
    """
    import pendulum  # the edge toolkit: imported where used, to keep ``import dme_rules`` cheap

    start = checked_date(day, "day")
    months = checked_int(months, "months", minimum=0)
    result = pendulum.date(start.year, start.month, start.day).add(months=months)
    return date(result.year, result.month, result.day)
