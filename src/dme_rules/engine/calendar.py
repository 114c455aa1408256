"""Business calendars and business-day arithmetic, for any jurisdiction.

A :class:`BusinessCalendar` answers, for a date: is it a business day, which is the next one,
which is the n-th one after it, how many lie between two dates, and which holidays a year has.
Calendars are immutable values; a clinic's own closure days make a new calendar
(:meth:`BusinessCalendar.with_closures`).

Which days are holidays is the jurisdiction's business: a calendar is built from a *holiday
source* (:class:`HolidaySource`), a small value that a jurisdiction pack declares and that
lists each year's holidays with their French and English names.

The arithmetic is O(1) per call: the first call on a calendar builds, once, a table of every
day from 1900 to 2200 (whether it is a business day, and how many business days precede it).
A calendar with closures shares the table of the same calendar without closures and lays its
closures over it (O(log k) per call for k closures).
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import weakref
from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from typing import Any, Protocol, TypedDict

import attrs

from dme_rules.engine._checks import checked_date, checked_int
from dme_rules.engine.shapes import IsoDate
from dme_rules.engine.time import SUPPORTED_YEARS
from dme_rules.errors import CalendarRangeError, InvalidArgumentError

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "BusinessCalendar",
    "Holiday",
    "HolidayEntry",
    "HolidaySource",
]

#: The first and last years a calendar supports (those of every date and instant).
FIRST_YEAR, LAST_YEAR = SUPPORTED_YEARS

_FIRST_ORDINAL = date(FIRST_YEAR, 1, 1).toordinal()

#: Each weekday's French and English names (Monday first), for a day off that is no holiday.
_WEEKDAY_NAMES = (
    ("lundi", "Monday"),
    ("mardi", "Tuesday"),
    ("mercredi", "Wednesday"),
    ("jeudi", "Thursday"),
    ("vendredi", "Friday"),
    ("samedi", "Saturday"),
    ("dimanche", "Sunday"),
)
_LAST_ORDINAL = date(LAST_YEAR, 12, 31).toordinal()


class HolidayEntry(TypedDict):
    """A holiday's JSON (:meth:`Holiday.to_dict`)."""

    date: IsoDate
    name_fr: str
    name_en: str


@attrs.frozen
class Holiday:
    """A holiday: its date and its French and English names.

    Attributes:
        date: The day.
        name_fr: The French name (``Fête nationale du Québec``).
        name_en: The English name (``Quebec National Holiday``).
    """

    date: date
    name_fr: str
    name_en: str

    def to_dict(self) -> HolidayEntry:
        """The JSON form: ``{"date": "2026-06-24", "name_fr": …, "name_en": …}``."""
        return {"date": self.date.isoformat(), "name_fr": self.name_fr, "name_en": self.name_en}


class HolidaySource(Hashable, Protocol):
    """What a calendar asks of a jurisdiction: the holidays of a range of years.

    A source is a small immutable, hashable value (two equal sources give the same holidays);
    it may import a calendar framework lazily, on first use.
    """

    def holidays_by_year(self, first_year: int, last_year: int) -> dict[int, tuple[Holiday, ...]]:
        """The holidays of each year from ``first_year`` to ``last_year``, sorted by date."""
        ...  # pragma: no cover


@attrs.frozen
class _Table:
    """Every supported day, precomputed once per holiday source (closures are laid over it).

    ``is_business[i]`` is 1 when day ``_FIRST_ORDINAL + i`` is a business day; ``rank[i]`` is
    the number of business days from 1 January 1900 to that day inclusive;
    ``business_days[k]`` is the (k + 1)-th business day.
    """

    is_business: Sequence[int]
    rank: Sequence[int]
    business_days: Sequence[date]
    holidays: dict[int, tuple[Holiday, ...]]


class _ClosedIsBusiness(Sequence[int]):
    """``is_business`` of a shared table with some of its business days closed."""

    __slots__ = ("_base", "_closed")

    def __init__(self, base: Sequence[int], closed: frozenset[int]) -> None:
        self._base, self._closed = base, closed

    def __getitem__(self, index: int) -> int:  # type: ignore[override]
        return 0 if index in self._closed else self._base[index]

    def __len__(self) -> int:
        return len(self._base)


class _ClosedRank(Sequence[int]):
    """``rank`` of a shared table less the closed days on or before each day."""

    __slots__ = ("_base", "_closed")

    def __init__(self, base: Sequence[int], closed: list[int]) -> None:
        self._base, self._closed = base, closed

    def __getitem__(self, index: int) -> int:  # type: ignore[override]
        return self._base[index] - bisect.bisect_right(self._closed, index)

    def __len__(self) -> int:
        return len(self._base)


class _ClosedBusinessDays(Sequence[date]):
    """``business_days`` of a shared table without the closed days."""

    __slots__ = ("_base", "_open_before")

    def __init__(self, base: Sequence[date], open_before: list[int]) -> None:
        # open_before[j]: how many open days come before the (j + 1)-th closed day.
        self._base, self._open_before = base, open_before

    def __getitem__(self, k: int) -> date:  # type: ignore[override]
        # The (k + 1)-th open day comes after every closed day with at most k open days
        # before it: that many more of the shared table's business days.
        return self._base[k + bisect.bisect_right(self._open_before, k)]

    def __len__(self) -> int:
        return len(self._base) - len(self._open_before)


@attrs.frozen(repr=False)
class BusinessCalendar:
    """An immutable business calendar: weekends, a jurisdiction's holidays and closure days.

    Jurisdiction packs declare calendars (``QUEBEC_CPC``); a clinic's own closure days make a
    new one with :meth:`with_closures`.

    Every method takes and returns :class:`datetime.date` values in 1900–2200 and raises
    :class:`~dme_rules.errors.CalendarRangeError` outside, or when the result would be outside.

    Attributes:
        name: The declared calendar's identifier (``quebec-cpc``), without closures.
        title_fr: A French title for people.
        title_en: An English title for people.
        source: Where its holidays come from (the law that makes them holidays).
        closures: Extra closure days (a clinic's own), on top of weekends and holidays.
        weekend: The weekdays that are never business days (``date.weekday()`` numbers:
            Saturday 5 and Sunday 6 by default; a calendar of juridical days, where only
            Sunday is a weekly day of rest, has ``frozenset({6})``).
    """

    name: str
    title_fr: str
    title_en: str
    source: HolidaySource
    closures: frozenset[date] = frozenset()
    weekend: frozenset[int] = frozenset({5, 6})
    _table: _Table | None = attrs.field(default=None, init=False, eq=False, hash=False)

    # -- identity -------------------------------------------------------------------------

    #: A stable identifier, the name plus a digest of the closure days when there are any.
    #: Two calendars with the same id give the same answers, so the id can be recorded next
    #: to a decision to make it reproducible.
    id: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        identifier = self.name
        if self.closures:
            days = ",".join(sorted(day.isoformat() for day in self.closures))
            identifier += f"+closures-{hashlib.sha256(days.encode()).hexdigest()[:12]}"
        object.__setattr__(self, "id", identifier)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its value: the table of every day is a cache, rebuilt (or shared) on use.
        cls = type(self)
        return cls, (
            self.name,
            self.title_fr,
            self.title_en,
            self.source,
            self.closures,
            self.weekend,
        )

    def __repr__(self) -> str:
        closures = f", closures={len(self.closures)}" if self.closures else ""
        return f"<BusinessCalendar {self.name}{closures}>"

    def with_closures(self, days: Iterable[date]) -> BusinessCalendar:
        """A new calendar that is also closed on ``days`` (a clinic's own closure days).

        Args:
            days: Dates in the supported years; a weekend day or a holiday is accepted and
                changes nothing.

        Returns:
            A new calendar; this one is unchanged.

        Raises:
            InvalidArgumentError: An item is not a date.
            CalendarRangeError: An item lies outside the supported years.
        """
        if isinstance(days, (date, str)) or not isinstance(days, Iterable):
            raise InvalidArgumentError(
                "days", "an iterable of dates", days, expected_fr="un itérable de dates"
            )
        extra = set()
        for index, value in enumerate(days):
            day = checked_date(value, f"days[{index}]")
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise CalendarRangeError(day, FIRST_YEAR, LAST_YEAR)
            extra.add(day)
        return attrs.evolve(self, closures=self.closures | extra)

    # -- the table ------------------------------------------------------------------------

    def _build(self) -> _Table:
        if self.closures:
            table = self._closed_table()
            object.__setattr__(self, "_table", table)  # a cache: the value never changes
            return table
        key = (self.name, self.title_fr, self.title_en, self.source, self.weekend)
        shared = _SHARED.setdefault(key, self)  # the one table of this calendar's value
        if shared is not self:
            table = shared._table or shared._build()
            object.__setattr__(self, "_table", table)
            return table
        holidays = self.source.holidays_by_year(FIRST_YEAR, LAST_YEAR)
        size = _LAST_ORDINAL - _FIRST_ORDINAL + 1
        # Every day by its weekday (date.fromordinal(1) is a Monday, so the weekday of an
        # ordinal is (ordinal + 6) % 7): the week from the first day's weekday, repeated.
        first = (_FIRST_ORDINAL + 6) % 7
        week = bytes(0 if (first + day) % 7 in self.weekend else 1 for day in range(7))
        is_business = bytearray((week * (size // 7 + 1))[:size])
        for year in holidays.values():
            for holiday in year:
                index = holiday.date.toordinal() - _FIRST_ORDINAL
                if 0 <= index < size:
                    is_business[index] = 0
        ordinals = itertools.compress(range(_FIRST_ORDINAL, _LAST_ORDINAL + 1), is_business)
        business_days = list(map(date.fromordinal, ordinals))
        # The count so far, each number one int object shared by the days that have it (a
        # list, whose items the interpreter reads fastest).
        numbers = list(range(len(business_days) + 1))
        rank = list(map(numbers.__getitem__, itertools.accumulate(is_business)))
        table = _Table(is_business, rank, business_days, holidays)
        object.__setattr__(self, "_table", table)  # a cache: the value itself never changes
        return table

    def _closed_table(self) -> _Table:
        """The table of the same calendar without closures, shared by every clinic's calendar
        (built once), with this calendar's closures laid over it: a few bytes per closure
        instead of a table of megabytes per clinic."""
        open_calendar = attrs.evolve(self, closures=frozenset())
        base = open_calendar._build()
        closed = sorted(
            index
            for index in (day.toordinal() - _FIRST_ORDINAL for day in self.closures)
            if base.is_business[index]  # a closure on a weekend or a holiday changes nothing
        )
        # The j-th closed day (from 0) is the shared table's business day number
        # base.rank[index], with j closed days before it.
        open_before = [base.rank[index] - 1 - j for j, index in enumerate(closed)]
        return _Table(
            _ClosedIsBusiness(base.is_business, frozenset(closed)),
            _ClosedRank(base.rank, closed),
            _ClosedBusinessDays(base.business_days, open_before),
            base.holidays,
        )

    def _index(self, day: date, table: _Table, field: str = "day") -> int:
        """The table index of ``day``, or raise naming ``field``."""
        if day.__class__ is not date:
            day = checked_date(day, field)
        index: int = day.toordinal() - _FIRST_ORDINAL
        if not 0 <= index < len(table.rank):
            raise CalendarRangeError(day, FIRST_YEAR, LAST_YEAR)
        return index

    def day_number(self, day: date) -> tuple[int, bool]:
        """The number of business days from 1900-01-01 to ``day`` inclusive, and whether
        ``day`` is one: the business-hour clock's one lookup per instant."""
        table = self._table or self._build()
        if day.__class__ is date:  # the clock's hot path: _index's checks, inlined
            index = day.toordinal() - _FIRST_ORDINAL
            if 0 <= index < len(table.rank):
                return table.rank[index], table.is_business[index] == 1
        index = self._index(day, table)  # raises, naming the day
        return table.rank[index], table.is_business[index] == 1

    def nth_business_day(self, number: int) -> date:
        """The business day of that number (the inverse of :meth:`day_number`)."""
        table = self._table or self._build()
        if not 1 <= number <= len(table.business_days):
            raise CalendarRangeError(f"business day #{number}", FIRST_YEAR, LAST_YEAR)
        return table.business_days[number - 1]

    # -- the arithmetic -------------------------------------------------------------------

    def is_business_day(self, day: date) -> bool:
        """Whether ``day`` is a business day (not a weekend day, a holiday or a closure)."""
        table = self._table or self._build()
        return table.is_business[self._index(day, table)] == 1

    def add_business_days(self, day: date, n: int) -> date:
        """The ``n``-th business day after ``day``; ``day`` itself never counts.

        - ``n >= 1``: the n-th business day strictly after ``day``;
        - ``n == 0``: :meth:`roll_forward` (``day`` if it is a business day, else the next);
        - ``n < 0``: the (-n)-th business day strictly before ``day``.

        From Holy Thursday 2026 (2 April), one business day later is Tuesday 7 April: Good
        Friday, the weekend and Easter Monday do not count.

        >>> from dme_rules import QUEBEC_CPC
        >>> QUEBEC_CPC.add_business_days(date(2026, 4, 2), 1)
        datetime.date(2026, 4, 7)

        Raises:
            InvalidArgumentError: ``day`` is not a date or ``n`` not an integer.
            CalendarRangeError: ``day`` or the result lies outside 1900–2200.
        """
        # The hot path of every deadline: the index checks of _index and _nth, inlined.
        table = self._table or self._build()
        if day.__class__ is not date:
            day = checked_date(day, "day")
        index = day.toordinal() - _FIRST_ORDINAL
        ranks = table.rank
        if not 0 <= index < len(ranks):
            raise CalendarRangeError(day, FIRST_YEAR, LAST_YEAR)
        if n.__class__ is not int:
            n = checked_int(n, "n")
        # ranks[index] business days lie on or before ``day``; for n >= 1 the n-th after is
        # number ranks[index] + n (0-based: - 1). Counting back from a business day skips
        # the day itself, which the same position does; from another day, one more is due.
        position = ranks[index] + n - 1
        if n <= 0:
            if not table.is_business[index]:
                position += 1
            elif n == 0:
                return day
        days = table.business_days
        if 0 <= position < len(days):
            return days[position]
        raise CalendarRangeError(day, FIRST_YEAR, LAST_YEAR, counting=True)

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after ``day``."""
        return self.add_business_days(day, 1)

    def previous_business_day(self, day: date) -> date:
        """The last business day strictly before ``day``."""
        return self.add_business_days(day, -1)

    def roll_forward(self, day: date) -> date:
        """``day`` if it is a business day, else the next business day."""
        return self.add_business_days(day, 0)

    def business_days_between(self, start: date, end: date) -> int:
        """The number of business days in ``(start, end]``; negative when ``end < start``.

        ``business_days_between(d, add_business_days(d, n)) == n`` for every ``n >= 1``.
        """
        table = self._table or self._build()
        return (
            table.rank[self._index(end, table, "end")]
            - table.rank[self._index(start, table, "start")]
        )

    # -- holidays -------------------------------------------------------------------------

    def holidays(self, year: int) -> tuple[Holiday, ...]:
        """The statutory holidays of ``year``, sorted by date, with French and English names.

        Closure days added with :meth:`with_closures` are not holidays and are not listed; see
        :attr:`closures`.
        """
        year = checked_int(year, "year")
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CalendarRangeError(year, FIRST_YEAR, LAST_YEAR)
        table = self._table or self._build()
        return table.holidays[year]

    def holiday(self, day: date) -> Holiday | None:
        """The holiday that falls on ``day``, or ``None``."""
        table = self._table or self._build()
        self._index(day, table)
        return next((h for h in table.holidays[day.year] if h.date == day), None)

    def days_off(self, start: date, end: date) -> tuple[Holiday, ...]:
        """Every day of ``[start, end]`` that is not a business day, named: a holiday by its
        name, a closure as such, a weekend day by its weekday (for explanations).

        >>> from dme_rules import QUEBEC_CPC
        >>> [day.name_en for day in QUEBEC_CPC.days_off(date(2025, 6, 21), date(2025, 6, 24))]
        ['Saturday', 'Sunday', 'Quebec National Holiday']
        """
        named = []
        day = checked_date(start, "start")
        last = checked_date(end, "end")
        while day <= last:
            if not self.is_business_day(day):
                holiday = self.holiday(day)
                if holiday is None and day in self.closures and day.weekday() not in self.weekend:
                    holiday = Holiday(day, "fermeture", "closure")
                if holiday is None:
                    holiday = Holiday(day, *_WEEKDAY_NAMES[day.weekday()])
                named.append(holiday)
            day = date.fromordinal(day.toordinal() + 1)
        return tuple(named)


#: A calendar without closures whose table was built, by value, while it lives: the calendars
#: equal to it, and those with closures over it, share its table (a declared calendar, such
#: as a pack's module constant, lives as long as the library).
_SHARED: weakref.WeakValueDictionary[tuple[object, ...], BusinessCalendar] = (
    weakref.WeakValueDictionary()
)
