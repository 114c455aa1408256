"""Business-hour clocks: time that runs only inside a daily window on business days.

One mechanism serves every reading of "N business hours": the clock runs inside a daily
window (:class:`OfficeSchedule`) on the business days of a calendar, on the wall-clock time of
a zone. A jurisdiction says which window a reading means (whole days, office hours).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

import attrs

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.errors import InvalidArgumentError

__all__ = ["WHOLE_DAY", "BusinessClock", "OfficeSchedule"]

_MICROSECONDS_PER_SECOND = 1_000_000


def _time_of_day(value: time) -> timedelta:
    return timedelta(
        hours=value.hour, minutes=value.minute, seconds=value.second, microseconds=value.microsecond
    )


def _microseconds(span: timedelta) -> int:
    return (span.days * 86_400 + span.seconds) * _MICROSECONDS_PER_SECOND + span.microseconds


def _check_schedule(
    instance: OfficeSchedule, attribute: attrs.Attribute[time], value: time
) -> None:
    if not isinstance(value, time) or value.tzinfo is not None:
        raise InvalidArgumentError(
            attribute.name,
            "a datetime.time without a time zone (local time)",
            value,
            expected_fr="une datetime.time sans fuseau (heure locale)",
        )


@attrs.frozen
class OfficeSchedule:
    """The opening hours of every business day: the window a business clock runs in.

    Attributes:
        opens: The local time the clock starts running each business day (default 08:30).
        closes: The local time it stops (default 16:30); ``time(0, 0)`` means 24:00.
    """

    opens: time = attrs.field(default=time(8, 30), validator=_check_schedule)
    closes: time = attrs.field(default=time(16, 30), validator=_check_schedule)

    #: Opening and closing as offsets from local midnight (closing may be midnight at the
    #: end of the day, 24 h).
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


#: The window of a clock that runs through whole business days, 00:00 to 24:00.
WHOLE_DAY = OfficeSchedule(opens=time(0, 0), closes=time(0, 0))


@attrs.frozen
class BusinessClock:
    """A clock that runs inside a daily window on business days only.

    Its *position* at an instant is the business time run since a fixed origin: business day
    number n contributes its window, and an instant outside a window stands where the next
    window opens, so a non-business day does not move the clock. The due instant of N hours
    is the earliest instant whose position is N hours further; the business time between two
    instants is the difference of their positions. Wall-clock arithmetic in ``zone``: business
    days never contain a daylight-saving jump where the jumps happen on Sundays.

    Attributes:
        opens: When the window opens, in microseconds after local midnight.
        closes: When it closes (24 hours for the whole-day clock).
        calendar: The business calendar.
        zone: The time zone of the wall clock.
    """

    opens: int
    closes: int
    calendar: BusinessCalendar
    zone: tzinfo

    @classmethod
    def of(
        cls, schedule: OfficeSchedule, calendar: BusinessCalendar, zone: tzinfo
    ) -> BusinessClock:
        """The clock that runs inside ``schedule`` on ``calendar``'s business days in ``zone``.

        Raises:
            InvalidArgumentError: ``schedule`` is not an OfficeSchedule, or ``calendar`` not a
                BusinessCalendar.
        """
        if not isinstance(schedule, OfficeSchedule):
            raise InvalidArgumentError(
                "schedule", "an OfficeSchedule", schedule, expected_fr="un OfficeSchedule"
            )
        if not isinstance(calendar, BusinessCalendar):
            raise InvalidArgumentError(
                "calendar", "a BusinessCalendar", calendar, expected_fr="un BusinessCalendar"
            )
        opens, closes = schedule.window
        return cls(_microseconds(opens), _microseconds(closes), calendar, zone)

    def position(self, instant: datetime) -> int:
        """Where the clock stands at an aware ``instant``, in microseconds of business time."""
        local = instant.astimezone(self.zone)
        wall = (
            local.hour * 3600 + local.minute * 60 + local.second
        ) * _MICROSECONDS_PER_SECOND + local.microsecond
        number, is_business = self.calendar.day_number(local.date())  # or the last before
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
        # Adding to an aware datetime keeps local time; 24:00 is the next day's 00:00.
        return datetime.combine(day, time.min, self.zone) + timedelta(microseconds=wall)

    def due(self, start: datetime, span: timedelta) -> datetime:
        """The instant at which ``span`` of business time after ``start`` has run."""
        return self.instant_at(self.position(start) + _microseconds(span))

    def between(self, start: datetime, end: datetime) -> timedelta:
        """The business time from ``start`` to ``end`` (negative when end is before)."""
        return timedelta(microseconds=self.position(end) - self.position(start))
