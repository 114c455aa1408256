"""Counting conventions: local dates, official start, N-day periods, business hours.

All local reasoning happens in ``America/Montreal``. Instants must be timezone-aware; the date
of an instant is its local date in Montreal, whatever offset it was written in. Each ambiguous
count takes its reading as a parameter (an :class:`~dme_rules.interpretations.Interpretation`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs

from dme_rules._validation import checked_date, checked_int
from dme_rules.calendars import QUEBEC_CPC, BusinessCalendar
from dme_rules.errors import InvalidArgumentError, NaiveDatetimeError
from dme_rules.interpretations import (
    BUSINESS_DAY_CLOCK,
    CIVIL_PROCEDURE,
    OFFICE_HOURS,
    PROCEDURE_2024,
    Interpretation,
)

__all__ = [
    "MONTREAL",
    "BusinessClock",
    "OfficeSchedule",
    "as_instant",
    "business_days_after",
    "business_hours_between",
    "business_hours_due",
    "date_of",
    "end_of_day",
    "months_after",
    "official_start",
    "period_end",
]

#: The time zone of every local date and wall-clock time.
MONTREAL = ZoneInfo("America/Montreal")

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


def date_of(instant: datetime) -> date:
    """The local date in Montreal of an aware instant.

    >>> from datetime import datetime, timezone
    >>> date_of(datetime(2025, 6, 21, 2, 30, tzinfo=timezone.utc))
    datetime.date(2025, 6, 20)

    Raises:
        NaiveDatetimeError: ``instant`` has no UTC offset.
    """
    return as_instant(instant).astimezone(MONTREAL).date()


def local_date(value: object, field: str) -> date:
    """The Montreal date of an aware instant, or a date given as such."""
    if value.__class__ is date:
        return value
    if isinstance(value, datetime):
        return as_instant(value, field).astimezone(MONTREAL).date()
    if isinstance(value, date):
        return checked_date(value, field)
    raise InvalidArgumentError(
        field,
        "a timezone-aware datetime or a date",
        value,
        expected_fr="une date et heure avec fuseau horaire, ou une date",
    )


def end_of_day(day: date) -> datetime:
    """24:00 local time of ``day`` in Montreal (as an instant: 00:00 of the next day).

    A date-deadline ends then: an act on the due date is on time, an evaluation after this
    instant sees the deadline overdue.
    """
    return datetime.combine(day + _DAY, time.min, MONTREAL)  # positional: faster in C


def official_start(
    transmitted_at: datetime | date, *, calendar: BusinessCalendar = QUEBEC_CPC
) -> date:
    """The first business day strictly after the date the request was transmitted.

    Procedure 2024, step 2: « Le calcul du calendrier de travail officiel commence le jour
    ouvrable suivant la date de transmission de la demande électronique ».

    Args:
        transmitted_at: The aware instant the request was sent (or its Montreal date).
        calendar: The business calendar.
    """
    return calendar.next_business_day(local_date(transmitted_at, "transmitted_at"))


def period_end(
    transmitted_at: datetime | date,
    days: int,
    *,
    reading: Interpretation = PROCEDURE_2024,
    calendar: BusinessCalendar = QUEBEC_CPC,
) -> date:
    """The last day of an N-day period that starts with a request.

    Both readings say which day is day 1; the period ends on day ``days``, extended to the next
    business day when that is not one (Interpretation Act, art. 52):

    - ``procedure-2024``: day 1 is :func:`official_start`;
    - ``civil-procedure``: day 1 is the day after the request (Code of Civil Procedure,
      art. 83: the first day is not counted, the last is).

    Args:
        transmitted_at: The aware instant the request was sent (or its Montreal date).
        days: The length N of the period, at least 1.
        reading: :data:`~dme_rules.interpretations.PROCEDURE_2024` (default) or
            :data:`~dme_rules.interpretations.CIVIL_PROCEDURE`.
        calendar: The business calendar for the start and the extension.

    Raises:
        InvalidArgumentError: ``days`` is not a positive integer, or ``reading`` is not one of
            the two period readings.
    """
    requested_on = local_date(transmitted_at, "transmitted_at")
    days = checked_int(days, "days", minimum=1)
    if not isinstance(reading, Interpretation) or reading.id not in _PERIOD_READINGS:
        raise InvalidArgumentError(
            "reading",
            f"{PROCEDURE_2024.id} or {CIVIL_PROCEDURE.id}",
            reading,
            expected_fr=f"{PROCEDURE_2024.id} ou {CIVIL_PROCEDURE.id}",
        )
    return period_end_on(requested_on, days, reading, calendar)


#: Which day is day 1 under each period reading: the first business day after the request's
#: date (True), or the next calendar day (False).
_PERIOD_READINGS = {PROCEDURE_2024.id: True, CIVIL_PROCEDURE.id: False}


#: Period ends already computed, by request date, length, reading and calendar id (calendars
#: with the same id give the same answers): the cases of a folder share a few hundred request
#: dates, and each rule's deadline is then one lookup. A pure function's memo, bounded.
_PERIOD_ENDS: dict[tuple[date, int, str, str], date] = {}
_PERIOD_ENDS_KEPT = 16_384


def period_end_on(
    requested_on: date, days: int, reading: Interpretation, calendar: BusinessCalendar
) -> date:
    """:func:`period_end` for arguments already checked (the rules' hot path)."""
    key = (requested_on, days, reading.id, calendar.id)
    end = _PERIOD_ENDS.get(key)
    if end is None:
        if _PERIOD_READINGS[reading.id]:
            day_one = calendar.add_business_days(requested_on, 1)
        else:
            day_one = requested_on + _DAY
        end = calendar.add_business_days(day_one + (days - 1) * _DAY, 0)  # rolled forward
        if len(_PERIOD_ENDS) >= _PERIOD_ENDS_KEPT:
            _PERIOD_ENDS.clear()
        _PERIOD_ENDS[key] = end
    return end


def business_days_after(
    event: datetime | date, n: int, *, calendar: BusinessCalendar = QUEBEC_CPC
) -> date:
    """The ``n``-th business day after the (Montreal) date of ``event``.

    The day of the event never counts. A pre-analysis received on Friday 20 June 2025 is to be
    validated within 7 business days: 23, 25, 26, 27 and 30 June, 2 and 3 July (24 June and
    1 July are holidays).

    >>> business_days_after(date(2025, 6, 20), 7)
    datetime.date(2025, 7, 3)
    """
    return calendar.add_business_days(local_date(event, "event"), n)


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


def _time_of_day(value: time) -> timedelta:
    return timedelta(
        hours=value.hour, minutes=value.minute, seconds=value.second, microseconds=value.microsecond
    )


def _check_schedule(
    instance: OfficeSchedule, attribute: attrs.Attribute[time], value: time
) -> None:
    if not isinstance(value, time) or value.tzinfo is not None:
        raise InvalidArgumentError(
            attribute.name,
            "a datetime.time without a time zone (local Montreal time)",
            value,
            expected_fr="une datetime.time sans fuseau (heure locale de Montréal)",
        )


@attrs.frozen
class OfficeSchedule:
    """The opening hours of every business day, for the ``office-hours`` reading.

    Attributes:
        opens: The local time the clock starts running each business day (default 08:30).
        closes: The local time it stops (default 16:30); ``time(0, 0)`` means 24:00.
    """

    opens: time = attrs.field(default=time(8, 30), validator=_check_schedule)
    closes: time = attrs.field(default=time(16, 30), validator=_check_schedule)

    #: Opening and closing as offsets from local midnight (closing may be 24:00).
    window: tuple[timedelta, timedelta] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        opens = _time_of_day(self.opens)
        closes = _time_of_day(self.closes) or timedelta(hours=24)
        if closes <= opens:
            raise InvalidArgumentError(
                "closes",
                f"a time after opens ({self.opens.isoformat()})",
                self.closes,
                expected_fr=f"une heure après l'ouverture ({self.opens.isoformat()})",
            )
        object.__setattr__(self, "window", (opens, closes))

    @property
    def hours_per_day(self) -> timedelta:
        """How long the clock runs each business day."""
        opens, closes = self.window
        return closes - opens


#: The clock of the ``business-day-clock`` reading: whole business days, 00:00 to 24:00.
_WHOLE_DAY = OfficeSchedule(opens=time(0, 0), closes=time(0, 0))


def business_hours_due(
    start: datetime,
    hours: int = 72,
    *,
    reading: Interpretation = BUSINESS_DAY_CLOCK,
    schedule: OfficeSchedule | None = None,
    calendar: BusinessCalendar = QUEBEC_CPC,
) -> datetime:
    """The instant at which ``hours`` business hours after ``start`` have run.

    One mechanism serves both readings: the clock runs inside a daily window on business
    days only, on Montreal wall-clock time, and the due instant is the earliest one at which
    the count is reached (so a count that ends with a day's window ends at that window's
    close, 24:00 for the whole-day clock, not at the next business day's opening).

    - ``business-day-clock`` (default): the window is the whole day, 00:00–24:00. Filed on a
      business day at 15:00, due at 15:00 on the third business day after; filed on a
      non-business day, the clock starts at 00:00 of the next business day and it is due at
      24:00 of the third business day counting that one.
    - ``office-hours``: the window is ``schedule`` (08:30–16:30 by default); 72 hours are then
      nine business days.

    Args:
        start: The aware instant the clock starts from (a complaint's filing).
        hours: The number of business hours, at least 1.
        reading: :data:`~dme_rules.interpretations.BUSINESS_DAY_CLOCK` or
            :data:`~dme_rules.interpretations.OFFICE_HOURS`.
        schedule: The opening hours for ``office-hours`` (default 08:30–16:30); refused with
            the whole-day clock, which has no schedule.
        calendar: The business calendar.

    Returns:
        An aware datetime in ``America/Montreal``.
    """
    instant = as_instant(start, "start")
    hours = checked_int(hours, "hours", minimum=1)
    return BusinessClock.of(reading, schedule, calendar).due(instant, timedelta(hours=hours))


def business_hours_between(
    start: datetime,
    end: datetime,
    *,
    reading: Interpretation = BUSINESS_DAY_CLOCK,
    schedule: OfficeSchedule | None = None,
    calendar: BusinessCalendar = QUEBEC_CPC,
) -> timedelta:
    """How much business time the clock of ``reading`` runs from ``start`` to ``end``.

    Negative when ``end`` is before ``start``; ``business_hours_between(t,
    business_hours_due(t, h)) == timedelta(hours=h)``.

    >>> from datetime import datetime
    >>> friday = datetime.fromisoformat("2026-03-06T15:00:00-05:00")
    >>> monday = datetime.fromisoformat("2026-03-09T09:00:00-04:00")
    >>> business_hours_between(friday, monday)  # 9 h on Friday, 9 h on Monday
    datetime.timedelta(seconds=64800)
    """
    return BusinessClock.of(reading, schedule, calendar).between(
        as_instant(start, "start"), as_instant(end, "end")
    )


def _clock_window(reading: Interpretation, schedule: OfficeSchedule | None) -> OfficeSchedule:
    """The daily window the clock of ``reading`` runs in."""
    if reading == BUSINESS_DAY_CLOCK:
        if schedule is not None:
            raise InvalidArgumentError(
                "schedule",
                f"None with the {BUSINESS_DAY_CLOCK.id} reading (it runs 00:00-24:00)",
                schedule,
                expected_fr=(
                    f"None avec la lecture {BUSINESS_DAY_CLOCK.id} (elle court de 0 h à 24 h)"
                ),
            )
        return _WHOLE_DAY
    if reading == OFFICE_HOURS:
        if schedule is not None and not isinstance(schedule, OfficeSchedule):
            raise InvalidArgumentError(
                "schedule", "an OfficeSchedule", schedule, expected_fr="un OfficeSchedule"
            )
        return schedule if schedule is not None else OfficeSchedule()
    raise InvalidArgumentError(
        "reading",
        f"{BUSINESS_DAY_CLOCK.id} or {OFFICE_HOURS.id}",
        reading,
        expected_fr=f"{BUSINESS_DAY_CLOCK.id} ou {OFFICE_HOURS.id}",
    )


_MICROSECONDS_PER_SECOND = 1_000_000

#: Each reading's daily window (with its schedule) in microseconds after local midnight,
#: checked once. Calendars are not kept here: a clinic's calendar holds a table of megabytes
#: and must be freed with the clinic.
_WINDOWS: dict[tuple[str, OfficeSchedule | None], tuple[int, int]] = {}


def _microseconds(span: timedelta) -> int:
    return (span.days * 86_400 + span.seconds) * _MICROSECONDS_PER_SECOND + span.microseconds


@attrs.frozen(slots=False)  # dict-based: built per complaint, twice as fast to build
class BusinessClock:
    """A clock that runs inside a daily window on business days only (both readings).

    Its *position* at an instant is the business time run since a fixed origin: business day
    number n contributes its window, and an instant outside a window stands where the next
    window opens, so a non-business day does not move the clock. The due instant of N hours
    is the earliest instant whose position is N hours further; the business time between two
    instants is the difference of their positions.

    >>> clock = BusinessClock.of(BUSINESS_DAY_CLOCK, None, QUEBEC_CPC)
    >>> friday = datetime.fromisoformat("2026-03-06T14:00:00-05:00")
    >>> print(clock.due(friday, timedelta(hours=72)))
    2026-03-11 14:00:00-04:00

    Attributes:
        opens: When the window opens, in microseconds after local midnight.
        closes: When it closes (24 hours for the whole-day clock).
        calendar: The business calendar.
    """

    opens: int
    closes: int
    calendar: BusinessCalendar

    @classmethod
    def of(
        cls, reading: Interpretation, schedule: OfficeSchedule | None, calendar: BusinessCalendar
    ) -> BusinessClock:
        """The clock of ``reading`` (with ``schedule`` for office hours) on ``calendar``."""
        valid = isinstance(reading, Interpretation) and (
            schedule is None or isinstance(schedule, OfficeSchedule)
        )
        window = _WINDOWS.get((reading.id, schedule)) if valid else None
        if window is None:
            opens, closes = _clock_window(reading, schedule).window  # or raise, naming it
            window = (_microseconds(opens), _microseconds(closes))
            if len(_WINDOWS) >= 256:  # office schedules of many clinics: keep the memo small
                _WINDOWS.clear()
            _WINDOWS[reading.id, schedule] = window
        if not isinstance(calendar, BusinessCalendar):
            raise InvalidArgumentError(
                "calendar", "a BusinessCalendar", calendar, expected_fr="un BusinessCalendar"
            )
        return cls(window[0], window[1], calendar)

    def position(self, instant: datetime) -> int:
        """Where the clock stands at an aware ``instant``, in microseconds of business time."""
        local = instant.astimezone(MONTREAL)
        day = local.date()
        wall = (
            local.hour * 3600 + local.minute * 60 + local.second
        ) * _MICROSECONDS_PER_SECOND + local.microsecond
        number, is_business = self.calendar.day_number(day)  # of day, or the last before it
        if wall < self.closes and is_business:
            run = max(wall - self.opens, 0)
        else:
            number, run = number + 1, 0  # the next window's opening
        return (number - 1) * (self.closes - self.opens) + run

    def instant_at(self, position: int) -> datetime:
        """The earliest instant at which the clock stands at ``position``.

        A count that ends exactly with a day's window ends at that window's close (24:00 for
        the whole-day clock), not at the next business day's opening.
        """
        before, rest = divmod(position, self.closes - self.opens)
        if rest:
            day, wall = self.calendar.nth_business_day(before + 1), self.opens + rest
        else:
            day, wall = self.calendar.nth_business_day(before), self.closes
        # Wall-clock arithmetic: adding to an aware datetime keeps local time, and business
        # days never contain a DST jump (they happen on Sundays at 02:00); 24:00 is the next
        # day's 00:00.
        # (Positional arguments: keywords cost more in these C constructors.)
        return datetime.combine(day, time.min, MONTREAL) + timedelta(0, 0, wall)

    def due(self, start: datetime, span: timedelta) -> datetime:
        """The instant at which ``span`` of business time after ``start`` has run."""
        return self.instant_at(self.position(start) + _microseconds(span))

    def between(self, start: datetime, end: datetime) -> timedelta:
        """The business time from ``start`` to ``end`` (negative when end is before)."""
        return timedelta(microseconds=self.position(end) - self.position(start))
