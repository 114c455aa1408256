"""Quebec's counting conventions: local dates, official start, N-day periods, business hours.

All local reasoning happens in ``America/Montreal``: the date of an instant is its local date
in Montreal, whatever offset it was written in. Each ambiguous count takes its reading as a
parameter (a :class:`~dme_rules.engine.readings.Reading` of
:mod:`~dme_rules.jurisdictions.qc.readings`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dme_rules.engine._checks import checked_date, checked_int
from dme_rules.engine.calendar import FIRST_YEAR, LAST_YEAR, BusinessCalendar
from dme_rules.engine.clock import WHOLE_DAY, BusinessClock, OfficeSchedule
from dme_rules.engine.readings import Reading
from dme_rules.engine.time import as_instant, end_of_day_in, local_date
from dme_rules.errors import CalendarRangeError, InvalidArgumentError
from dme_rules.jurisdictions.qc.calendars import QUEBEC_CPC, QUEBEC_INTERPRETATION_ACT
from dme_rules.jurisdictions.qc.readings import (
    BUSINESS_DAY_CLOCK,
    CIVIL_PROCEDURE,
    INTERPRETATION_ACT,
    NEXT_BUSINESS_DAY,
    OFFICE_HOURS,
    PROCEDURE_2024,
)

__all__ = [
    "MONTREAL",
    "business_clock",
    "business_days_after",
    "business_hours_between",
    "business_hours_due",
    "clock_window",
    "date_of",
    "end_of_day",
    "extended_end",
    "extended_end_on",
    "official_start",
    "period_day_one",
    "period_end",
    "period_end_on",
    "period_steps",
]

#: The time zone of every local date and wall-clock time in Quebec.
MONTREAL = ZoneInfo("America/Montreal")

_DAY = timedelta(days=1)
#: The longest period counted: the supported years' span (a longer one leaves them anyway).
_MAX_DAYS = 366 * 301


def date_of(instant: datetime) -> date:
    """The local date in Montreal of an aware instant.

    >>> from datetime import datetime, timezone
    >>> date_of(datetime(2025, 6, 21, 2, 30, tzinfo=timezone.utc))
    datetime.date(2025, 6, 20)

    Raises:
        NaiveDatetimeError: ``instant`` has no UTC offset.
    """
    return as_instant(instant).astimezone(MONTREAL).date()


def end_of_day(day: date) -> datetime:
    """24:00 local time of ``day`` in Montreal (as an instant: 00:00 of the next day).

    A date-deadline ends then: an act on the due date is on time, an evaluation after this
    instant sees the deadline overdue.

    Raises:
        InvalidArgumentError: ``day`` is not a date.
        CalendarRangeError: ``day`` is outside the supported years.
    """
    day = checked_date(day, "day")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CalendarRangeError(day, FIRST_YEAR, LAST_YEAR)
    return end_of_day_in(day, MONTREAL)


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
    day = local_date(transmitted_at, "transmitted_at", MONTREAL)
    return _check_calendar(calendar).next_business_day(day)


#: Which day is day 1 under each period reading: the first business day after the request's
#: date (True), or the next calendar day (False).
_STARTS_ON_A_BUSINESS_DAY = {PROCEDURE_2024.id: True, CIVIL_PROCEDURE.id: False}


def _check_calendar(calendar: object) -> BusinessCalendar:
    if isinstance(calendar, BusinessCalendar):
        return calendar
    raise InvalidArgumentError(
        "calendar", "a BusinessCalendar", calendar, expected_fr="un BusinessCalendar"
    )


def _check_reading(reading: object, field: str, allowed: tuple[Reading, ...]) -> Reading:
    if isinstance(reading, Reading) and reading in allowed:
        return reading
    names = " or ".join(r.id for r in allowed)
    raise InvalidArgumentError(
        field, names, reading, expected_fr=" ou ".join(r.id for r in allowed)
    )


def period_end(
    transmitted_at: datetime | date,
    days: int,
    *,
    reading: Reading = PROCEDURE_2024,
    calendar: BusinessCalendar = QUEBEC_CPC,
    extension: Reading = NEXT_BUSINESS_DAY,
) -> date:
    """The last day of an N-day period that starts with a request.

    Both period readings say which day is day 1; the period ends on day ``days``:

    - ``procedure-2024``: day 1 is :func:`official_start`;
    - ``civil-procedure``: day 1 is the day after the request (Code of Civil Procedure,
      art. 83: the first day is not counted, the last is).

    An end on a day off is then extended (:func:`extended_end`).

    >>> period_end(date(2025, 6, 20), 21)  # day 1 is Monday 23 June; day 21 is 13 July
    datetime.date(2025, 7, 14)

    Args:
        transmitted_at: The aware instant the request was sent (or its Montreal date).
        days: The length N of the period, at least 1.
        reading: :data:`~dme_rules.jurisdictions.qc.readings.PROCEDURE_2024` (default) or
            :data:`~dme_rules.jurisdictions.qc.readings.CIVIL_PROCEDURE`.
        calendar: The business calendar for the start and the extension.
        extension: :data:`~dme_rules.jurisdictions.qc.readings.NEXT_BUSINESS_DAY` (default)
            or :data:`~dme_rules.jurisdictions.qc.readings.INTERPRETATION_ACT`.

    Raises:
        InvalidArgumentError: ``days`` is not a positive integer, or a reading is not one of
            its topic's.
    """
    requested_on = local_date(transmitted_at, "transmitted_at", MONTREAL)
    days = checked_int(days, "days", minimum=1, maximum=_MAX_DAYS)
    _check_reading(reading, "reading", (PROCEDURE_2024, CIVIL_PROCEDURE))
    _check_reading(extension, "extension", (NEXT_BUSINESS_DAY, INTERPRETATION_ACT))
    return period_end_on(requested_on, days, reading, _check_calendar(calendar), extension)


def period_day_one(requested_on: date, reading: Reading, calendar: BusinessCalendar) -> date:
    """Day 1 of a period from a request made on ``requested_on`` under ``reading``."""
    if _STARTS_ON_A_BUSINESS_DAY[reading.id]:
        return calendar.add_business_days(requested_on, 1)
    return requested_on + _DAY


def extended_end(
    end: date, extension: Reading = NEXT_BUSINESS_DAY, calendar: BusinessCalendar = QUEBEC_CPC
) -> date:
    """The last day of a period whose day N is ``end``, extended when it is a day off.

    - ``next-business-day`` (default): to ``calendar.roll_forward(end)``, as the Code of Civil
      Procedure (art. 83) does for Saturdays and holidays;
    - ``interpretation-act``: only an end on a Sunday or a holiday of the Interpretation Act
      (art. 61(23)) is extended, to the next day that is neither (art. 52), which may be a
      Saturday; the calendar of the evaluation plays no part.

    >>> saturday = date(2025, 7, 12)
    >>> extended_end(saturday), extended_end(saturday, INTERPRETATION_ACT)
    (datetime.date(2025, 7, 14), datetime.date(2025, 7, 12))

    Raises:
        InvalidArgumentError: ``extension`` is not one of the two readings, or ``calendar``
            not a BusinessCalendar.
    """
    _check_reading(extension, "extension", (NEXT_BUSINESS_DAY, INTERPRETATION_ACT))
    return extended_end_on(checked_date(end, "end"), extension, _check_calendar(calendar))


def extended_end_on(end: date, extension: Reading, calendar: BusinessCalendar) -> date:
    """:func:`extended_end` for arguments already checked (the rules' path)."""
    if extension.id == INTERPRETATION_ACT.id:
        return QUEBEC_INTERPRETATION_ACT.roll_forward(end)
    return calendar.roll_forward(end)


def period_end_on(
    requested_on: date,
    days: int,
    reading: Reading,
    calendar: BusinessCalendar,
    extension: Reading = NEXT_BUSINESS_DAY,
) -> date:
    """:func:`period_end` for arguments already checked (the rules' path: the steps of
    :func:`period_day_one` and :func:`extended_end`, written out)."""
    if _STARTS_ON_A_BUSINESS_DAY[reading.id]:
        day_one = calendar.add_business_days(requested_on, 1)
    else:
        day_one = requested_on + _DAY
    end = day_one + (days - 1) * _DAY
    if extension.id == INTERPRETATION_ACT.id:
        return QUEBEC_INTERPRETATION_ACT.roll_forward(end)
    return calendar.roll_forward(end)


def period_steps(
    requested_on: date,
    days: int,
    reading: Reading,
    calendar: BusinessCalendar,
    extension: Reading = NEXT_BUSINESS_DAY,
) -> tuple[date, list[tuple[str, dict[str, Any]]]]:
    """The end of the period, as :func:`period_end_on` computes it, and the steps that lead
    to it as message notes (``explain.*`` codes of the Quebec catalogue), each stating its
    legal basis."""
    steps: list[tuple[str, dict[str, Any]]] = []
    day_one = period_day_one(requested_on, reading, calendar)
    if _STARTS_ON_A_BUSINESS_DAY[reading.id]:
        skipped = calendar.days_off(requested_on + _DAY, day_one - _DAY)
        steps.append(("explain.official_start", {"day": requested_on, "start": day_one}))
        if skipped:
            steps.append(("explain.skipped", {"days": skipped}))
    else:
        steps.append(("explain.day_after", {"day": requested_on, "start": day_one}))
    end = day_one + (days - 1) * _DAY
    steps.append(("explain.day_n", {"n": days, "start": day_one, "plus": days - 1, "end": end}))
    extended = extended_end_on(end, extension, calendar)
    if extension.id == INTERPRETATION_ACT.id:
        if extended != end:
            off = QUEBEC_INTERPRETATION_ACT.days_off(end, extended - _DAY)
            steps.append(("explain.extended_li", {"end": end, "days": off, "due": extended}))
        elif not calendar.is_business_day(end):
            steps.append(("explain.kept_li", {"end": end}))
        else:
            steps.append(("explain.no_extension", {"end": end}))
    elif extended != end:
        off = calendar.days_off(end, extended - _DAY)
        steps.append(("explain.extended", {"end": end, "days": off, "due": extended}))
    else:
        steps.append(("explain.no_extension", {"end": end}))
    return extended, steps


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
    day = local_date(event, "event", MONTREAL)
    return _check_calendar(calendar).add_business_days(day, n)


def clock_window(reading: Reading, schedule: OfficeSchedule | None = None) -> OfficeSchedule:
    """The daily window the business-hour clock of ``reading`` runs in.

    - ``business-day-clock``: the whole day, 00:00–24:00 (a schedule is refused);
    - ``office-hours``: ``schedule``, 08:30–16:30 by default.

    Raises:
        InvalidArgumentError: ``reading`` is not one of the two, or ``schedule`` does not fit.
    """
    name = reading.id if isinstance(reading, Reading) else None
    if name == BUSINESS_DAY_CLOCK.id:
        if schedule is not None:
            raise InvalidArgumentError(
                "schedule",
                f"None with the {BUSINESS_DAY_CLOCK.id} reading (it runs 00:00-24:00)",
                schedule,
                expected_fr=(
                    f"None avec la lecture {BUSINESS_DAY_CLOCK.id} (elle court de 0 h à 24 h)"
                ),
            )
        return WHOLE_DAY
    if name == OFFICE_HOURS.id:
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


def business_clock(
    reading: Reading = BUSINESS_DAY_CLOCK,
    schedule: OfficeSchedule | None = None,
    calendar: BusinessCalendar = QUEBEC_CPC,
) -> BusinessClock:
    """The business-hour clock of ``reading`` on ``calendar``, on Montreal wall-clock time.

    >>> clock = business_clock()
    >>> friday = datetime.fromisoformat("2026-03-06T14:00:00-05:00")
    >>> print(clock.due(friday, timedelta(hours=72)))
    2026-03-11 14:00:00-04:00
    """
    return BusinessClock.of(clock_window(reading, schedule), calendar, MONTREAL)


def business_hours_due(
    start: datetime,
    hours: int = 72,
    *,
    reading: Reading = BUSINESS_DAY_CLOCK,
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
        reading: :data:`~dme_rules.jurisdictions.qc.readings.BUSINESS_DAY_CLOCK` or
            :data:`~dme_rules.jurisdictions.qc.readings.OFFICE_HOURS`.
        schedule: The opening hours for ``office-hours`` (default 08:30–16:30); refused with
            the whole-day clock, which has no schedule.
        calendar: The business calendar.

    Returns:
        An aware datetime in ``America/Montreal``.
    """
    instant = as_instant(start, "start")
    hours = checked_int(hours, "hours", minimum=1, maximum=_MAX_DAYS * 24)
    return business_clock(reading, schedule, calendar).due(instant, timedelta(hours=hours))


def business_hours_between(
    start: datetime,
    end: datetime,
    *,
    reading: Reading = BUSINESS_DAY_CLOCK,
    schedule: OfficeSchedule | None = None,
    calendar: BusinessCalendar = QUEBEC_CPC,
) -> timedelta:
    """How much business time the clock of ``reading`` runs from ``start`` to ``end``.

    Negative when ``end`` is before ``start``; ``business_hours_between(t,
    business_hours_due(t, h)) == timedelta(hours=h)``.

    >>> friday = datetime.fromisoformat("2026-03-06T15:00:00-05:00")
    >>> monday = datetime.fromisoformat("2026-03-09T09:00:00-04:00")
    >>> business_hours_between(friday, monday)  # 9 h on Friday, 9 h on Monday
    datetime.timedelta(seconds=64800)
    """
    return business_clock(reading, schedule, calendar).between(
        as_instant(start, "start"), as_instant(end, "end")
    )
