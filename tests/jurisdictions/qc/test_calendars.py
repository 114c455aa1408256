"""Tests of the Quebec calendars and the business-day arithmetic (dme_rules.engine.calendar)."""

from __future__ import annotations

import tracemalloc
from datetime import date, datetime, timedelta

import holidays as holidays_package
import pytest
from holidays.constants import OPTIONAL, PUBLIC
from hypothesis import assume, given
from hypothesis import strategies as st

from dme_rules import (
    FIRST_YEAR,
    LAST_YEAR,
    QUEBEC_CPC,
    QUEBEC_LNT,
    BusinessCalendar,
    CalendarRangeError,
    DmeRulesError,
    EasterChoice,
    Holiday,
    InvalidArgumentError,
    quebec_lnt,
)

from ... import strategies

ORACLE_YEARS = range(1990, 2101)
SUNDAY = 6


def _victoria_day(year: int) -> date:
    """The Monday before 25 May, as the oracle computes it for Ontario's Victoria Day."""
    observed = holidays_package.Canada(subdiv="ON", years=year, observed=False)
    (day,) = (d for d, name in observed.items() if name == "Victoria Day")
    return day


def _oracle_quebec(year: int) -> dict[date, str]:
    """Quebec's public and optional holidays from the ``holidays`` package, not shifted.

    The package lists the Monday before 25 May only from 2003, when it was renamed Journée
    nationale des patriotes; it was a holiday before under the name Fête de Dollard (Victoria
    Day), so the oracle's gap is filled with the package's own Victoria Day.
    """
    days = dict(
        holidays_package.Canada(
            subdiv="QC", years=year, categories=(PUBLIC, OPTIONAL), observed=False
        ).items()
    )
    if year < 2003:
        days[_victoria_day(year)] = "Victoria Day"
    return days


def oracle_cpc(year: int) -> set[date]:
    """Holidays for legal time limits: the oracle plus C.p.c. art. 82 and the 2 July rule."""
    days = set(_oracle_quebec(year))
    days |= {date(year, 1, 2), date(year, 12, 26)}  # Code of Civil Procedure art. 82
    if date(year, 7, 1).weekday() == SUNDAY:  # Interpretation Act art. 61(23)
        days.add(date(year, 7, 2))
    return days


def oracle_lnt(year: int, easter: EasterChoice) -> set[date]:
    """Employees' holidays: the oracle, the Easter choice, the 25 June and 2 July rules."""
    dropped = {
        EasterChoice.BOTH: set(),
        EasterChoice.GOOD_FRIDAY: {"Easter Monday"},
        EasterChoice.EASTER_MONDAY: {"Good Friday"},
    }[easter]
    days = {day for day, name in _oracle_quebec(year).items() if name not in dropped}
    if date(year, 6, 24).weekday() == SUNDAY:  # National Holiday Act
        days.add(date(year, 6, 25))
    if date(year, 7, 1).weekday() == SUNDAY:  # labour standards art. 60
        days.add(date(year, 7, 2))
    return days


def _mismatches(calendar: BusinessCalendar, oracle: set[date], year: int) -> list[str]:
    found = []
    day = date(year, 1, 1)
    while day.year == year:
        expected = day.weekday() < 5 and day not in oracle
        if calendar.is_business_day(day) != expected:
            found.append(f"{day} ({day:%a}): expected business day = {expected}")
        day += timedelta(days=1)
    return found


class TestOracle:
    """Day-by-day agreement with an independent oracle over 1990–2100."""

    def test_quebec_cpc_agrees_with_oracle_every_day(self):
        """QUEBEC_CPC has the oracle's business days on every day of 1990–2100."""
        mismatches = [m for y in ORACLE_YEARS for m in _mismatches(QUEBEC_CPC, oracle_cpc(y), y)]
        assert [] == mismatches

    @pytest.mark.parametrize("easter", list(EasterChoice))
    def test_quebec_lnt_agrees_with_oracle_every_day(self, easter):
        """Every Easter choice of the labour calendar agrees with the oracle, 1990–2100."""
        calendar = quebec_lnt(easter)
        mismatches = [
            m for y in ORACLE_YEARS for m in _mismatches(calendar, oracle_lnt(y, easter), y)
        ]
        assert [] == mismatches

    @pytest.mark.parametrize("year", [1990, 2002, 2003, 2021, 2026, 2100])
    def test_weekday_holidays_are_the_oracles(self, year):
        """holidays() lists exactly the oracle's holidays that fall on weekdays."""
        ours = {h.date for h in QUEBEC_CPC.holidays(year) if h.date.weekday() < 5}
        assert {d for d in oracle_cpc(year) if d.weekday() < 5} == ours


class TestHolidays:
    """The holidays of a year, their dates and their names."""

    def test_quebec_cpc_2026_listed_by_hand(self):
        """2026: Easter is 5 April; the Mondays are 18 May, 7 Sept and 12 Oct."""
        assert [
            (date(2026, 1, 1), "Jour de l'An"),
            (date(2026, 1, 2), "Lendemain du jour de l'An"),
            (date(2026, 4, 3), "Vendredi saint"),
            (date(2026, 4, 6), "Lundi de Pâques"),
            (date(2026, 5, 18), "Journée nationale des patriotes"),
            (date(2026, 6, 24), "Fête nationale du Québec"),
            (date(2026, 7, 1), "Fête du Canada"),
            (date(2026, 9, 7), "Fête du Travail"),
            (date(2026, 10, 12), "Action de grâce"),
            (date(2026, 12, 25), "Noël"),
            (date(2026, 12, 26), "Lendemain de Noël"),
        ] == [(h.date, h.name_fr) for h in QUEBEC_CPC.holidays(2026)]

    def test_quebec_lnt_2026_has_no_2_january_nor_26_december(self):
        """The labour calendar has nine holidays in 2026, without C.p.c. art. 82's two."""
        days = [h.date for h in QUEBEC_LNT.holidays(2026)]
        assert 9 == len(days)
        assert date(2026, 1, 2) not in days
        assert date(2026, 12, 26) not in days

    def test_every_holiday_has_both_names(self):
        """Every holiday of every calendar has a French and an English name."""
        for calendar in (QUEBEC_CPC, QUEBEC_LNT):
            for year in (1900, 2002, 2003, 2026, 2200):
                for holiday in calendar.holidays(year):
                    assert holiday.name_fr
                    assert holiday.name_en
                    assert holiday.date.year == year

    def test_may_monday_renamed_in_2003(self):
        """The Monday before 25 May is Fête de Dollard in 2002, Journée des patriotes in 2003."""
        assert Holiday(date(2002, 5, 20), "Fête de Dollard", "Victoria Day") == QUEBEC_CPC.holiday(
            date(2002, 5, 20)
        )
        assert Holiday(
            date(2003, 5, 19), "Journée nationale des patriotes", "National Patriots' Day"
        ) == QUEBEC_CPC.holiday(date(2003, 5, 19))

    @pytest.mark.parametrize(
        ("year", "monday"),
        [(2021, date(2021, 5, 24)), (2022, date(2022, 5, 23)), (2027, date(2027, 5, 24))],
    )
    def test_monday_before_25_may_can_be_24_may(self, year, monday):
        """When 24 May is a Monday, it is the holiday (the Monday *before* 25 May)."""
        assert not QUEBEC_CPC.is_business_day(monday)
        assert QUEBEC_CPC.is_business_day(monday - timedelta(days=7))

    def test_canada_day_moves_to_2_july_when_a_sunday(self):
        """1 July 2018 is a Sunday: 2 July 2018 is the holiday in both calendars."""
        for calendar in (QUEBEC_CPC, QUEBEC_LNT):
            assert "Fête du Canada" == calendar.holiday(date(2018, 7, 2)).name_fr
            assert not calendar.is_business_day(date(2018, 7, 2))

    def test_no_other_weekend_shift(self):
        """1 July 2017 is a Saturday: Monday 3 July is a business day (no shifting)."""
        assert QUEBEC_CPC.is_business_day(date(2017, 7, 3))
        assert QUEBEC_LNT.is_business_day(date(2017, 7, 3))
        # 25 December 2022 is a Sunday: 27 December is a business day (26 Dec is art. 82's).
        assert QUEBEC_CPC.is_business_day(date(2022, 12, 27))

    def test_fete_nationale_on_a_sunday(self):
        """24 June 2018 is a Sunday: employees get 25 June; legal time limits do not."""
        assert QUEBEC_CPC.is_business_day(date(2018, 6, 25))
        assert not QUEBEC_LNT.is_business_day(date(2018, 6, 25))

    @pytest.mark.parametrize(
        ("easter", "good_friday_off", "easter_monday_off"),
        [("both", True, True), ("good_friday", True, False), ("easter_monday", False, True)],
    )
    def test_easter_choice(self, easter, good_friday_off, easter_monday_off):
        """Easter 2026 is 5 April: the choice decides 3 and 6 April."""
        calendar = quebec_lnt(easter)
        assert good_friday_off == (not calendar.is_business_day(date(2026, 4, 3)))
        assert easter_monday_off == (not calendar.is_business_day(date(2026, 4, 6)))

    def test_calendar_ids(self):
        """Each calendar has a stable id naming its statute and Easter choice."""
        assert "quebec-cpc" == QUEBEC_CPC.id
        assert "quebec-lnt" == QUEBEC_LNT.id
        assert "quebec-lnt-good-friday" == quebec_lnt("good_friday").id
        assert "quebec-lnt-easter-monday" == quebec_lnt(EasterChoice.EASTER_MONDAY).id

    def test_unknown_easter_choice(self):
        """An unknown Easter choice is refused, naming the field and the choices."""
        with pytest.raises(InvalidArgumentError, match="easter: expected one of good_friday"):
            quebec_lnt("whit_monday")

    def test_holiday_to_dict(self):
        """A holiday serializes with the keys date, name_fr and name_en."""
        assert {
            "date": "2026-06-24",
            "name_fr": "Fête nationale du Québec",
            "name_en": "Quebec National Holiday",
        } == QUEBEC_CPC.holiday(date(2026, 6, 24)).to_dict()

    def test_holiday_on_a_business_day_is_none(self):
        """holiday() of an ordinary day is None."""
        assert QUEBEC_CPC.holiday(date(2026, 6, 23)) is None


class TestNamedCases:
    """Cases a reader can check on a paper calendar."""

    def test_friday_before_fete_nationale(self):
        """Fri 20 June 2025: Sat, Sun skipped, Mon 23 is next; Tue 24 is the holiday."""
        friday = date(2025, 6, 20)
        assert date(2025, 6, 23) == QUEBEC_CPC.next_business_day(friday)
        # 23 June (1), 25 (2), 26 (3): the 24th does not count.
        assert date(2025, 6, 26) == QUEBEC_CPC.add_business_days(friday, 3)

    def test_holy_thursday(self):
        """Thu 2 April 2026: Good Friday, the weekend and Easter Monday are skipped."""
        assert date(2026, 4, 7) == QUEBEC_CPC.next_business_day(date(2026, 4, 2))
        assert 1 == QUEBEC_CPC.business_days_between(date(2026, 4, 2), date(2026, 4, 7))

    def test_23_december(self):
        """Tue 23 Dec 2025: 24 (1), 29 (2), 30 (3), 31 (4), 5 Jan (5): 25-26 Dec, 1-2 Jan off."""
        assert date(2026, 1, 5) == QUEBEC_CPC.add_business_days(date(2025, 12, 23), 5)
        # The labour calendar works 26 Dec and 2 Jan: 24 (1), 26 (2), 29 (3), 30 (4), 31 (5).
        assert date(2025, 12, 31) == QUEBEC_LNT.add_business_days(date(2025, 12, 23), 5)

    def test_counting_backwards(self):
        """Tue 7 April 2026 minus one business day is Holy Thursday, 2 April."""
        assert date(2026, 4, 2) == QUEBEC_CPC.add_business_days(date(2026, 4, 7), -1)
        assert date(2026, 4, 2) == QUEBEC_CPC.previous_business_day(date(2026, 4, 6))

    def test_zero_rolls_forward(self):
        """n = 0 gives the day itself on a business day, else the next one."""
        assert date(2026, 4, 2) == QUEBEC_CPC.add_business_days(date(2026, 4, 2), 0)
        assert date(2026, 4, 7) == QUEBEC_CPC.add_business_days(date(2026, 4, 4), 0)
        assert date(2026, 4, 7) == QUEBEC_CPC.roll_forward(date(2026, 4, 3))

    def test_between_is_negative_backwards(self):
        """Business days in (a, b] count negatively when b is before a."""
        assert -1 == QUEBEC_CPC.business_days_between(date(2026, 4, 7), date(2026, 4, 2))
        assert 0 == QUEBEC_CPC.business_days_between(date(2026, 4, 3), date(2026, 4, 6))


class TestClosures:
    """A clinic's own closure days make a new calendar."""

    def test_closure_is_not_a_business_day(self):
        """Closing Wed 24 Dec 2025 moves the next business day after 23 Dec to Mon 29."""
        clinic = QUEBEC_CPC.with_closures([date(2025, 12, 24)])
        assert date(2025, 12, 29) == clinic.next_business_day(date(2025, 12, 23))
        assert date(2025, 12, 24) == QUEBEC_CPC.next_business_day(date(2025, 12, 23))

    def test_original_unchanged_and_ids_differ(self):
        """with_closures returns a new value with its own id; closures accumulate."""
        one = QUEBEC_CPC.with_closures([date(2025, 12, 24)])
        two = one.with_closures([date(2025, 12, 31)])
        assert frozenset() == QUEBEC_CPC.closures
        assert {date(2025, 12, 24), date(2025, 12, 31)} == two.closures
        assert len({QUEBEC_CPC.id, one.id, two.id}) == 3
        assert one.id.startswith("quebec-cpc+closures-")
        assert QUEBEC_CPC.with_closures([date(2025, 12, 24)]) == one
        assert one.id == QUEBEC_CPC.with_closures([date(2025, 12, 24)]).id

    def test_closures_are_not_holidays(self):
        """holidays() lists statutory holidays only."""
        clinic = QUEBEC_CPC.with_closures([date(2025, 12, 24)])
        assert QUEBEC_CPC.holidays(2025) == clinic.holidays(2025)

    @pytest.mark.parametrize(
        ("days", "error", "match"),
        [
            (
                [datetime(2025, 12, 24, 9, 0)],
                InvalidArgumentError,
                r"days\[0\]: expected a datetime.date",
            ),
            (["2025-12-24"], InvalidArgumentError, r"days\[0\]"),
            ("2025-12-24", InvalidArgumentError, "days: expected an iterable of dates"),
            (date(2025, 12, 24), InvalidArgumentError, "days: expected an iterable of dates"),
            ([date(2201, 1, 1)], CalendarRangeError, "2201-01-01 is outside"),
        ],
    )
    def test_bad_closures(self, days, error, match):
        """Bad closure days are refused with the index of the bad item."""
        with pytest.raises(error, match=match):
            QUEBEC_CPC.with_closures(days)

    @given(strategies.recent_dates, strategies.recent_dates)
    def test_closure_changes_only_its_day(self, closed, other):
        """A closure turns its own day off and leaves every other day as it was."""
        clinic = QUEBEC_CPC.with_closures([closed])
        assert not clinic.is_business_day(closed)
        if other != closed:
            assert QUEBEC_CPC.is_business_day(other) == clinic.is_business_day(other)


def _open(day: date, closures: set[date]) -> bool:
    """The oracle: a statutory business day that is not closed."""
    return QUEBEC_CPC.is_business_day(day) and day not in closures


def _oracle_add(day: date, n: int, closures: set[date]) -> date:
    """The oracle: step one day at a time, counting open days (n == 0 rolls forward)."""
    if n == 0:
        while not _open(day, closures):
            day += timedelta(days=1)
        return day
    step = timedelta(days=1 if n > 0 else -1)
    for _ in range(abs(n)):
        day += step
        while not _open(day, closures):
            day += step
    return day


class TestClosuresAgainstAnOracle:
    """A clinic's calendar lays its closures over the statute's shared table; every answer
    agrees with counting day by day."""

    closure_sets = st.sets(
        st.dates(min_value=date(2025, 11, 1), max_value=date(2026, 2, 28)), max_size=25
    )
    near = st.dates(min_value=date(2025, 11, 1), max_value=date(2026, 2, 28))

    @given(closure_sets, near, st.integers(min_value=-40, max_value=40))
    def test_add_business_days(self, closures, day, n):
        """add_business_days agrees with stepping over open days (weekends, holidays and
        closures skipped), forwards, backwards and rolling forward."""
        clinic = QUEBEC_CPC.with_closures(closures)
        assert _oracle_add(day, n, closures) == clinic.add_business_days(day, n)

    @given(closure_sets, near, near)
    def test_between_and_day_numbers(self, closures, start, end):
        """business_days_between counts the open days in (start, end]; day numbers differ by
        as much; nth_business_day inverts day_number on an open day."""
        clinic = QUEBEC_CPC.with_closures(closures)
        low, high = sorted((start, end))
        span = (high - low).days
        count = sum(_open(low + timedelta(days=i), closures) for i in range(1, span + 1))
        expected = count if end >= start else -count
        assert expected == clinic.business_days_between(start, end)
        assert expected == clinic.day_number(end)[0] - clinic.day_number(start)[0]
        number, is_open = clinic.day_number(end)
        assert _open(end, closures) == is_open
        if is_open:
            assert end == clinic.nth_business_day(number)

    def test_the_last_open_day_of_the_table(self):
        """Closing Tue 30 Dec 2200: after Mon 29 comes Wed 31, then nothing (an error that
        names the day, not an index)."""
        clinic = QUEBEC_CPC.with_closures([date(2200, 12, 30)])
        assert date(2200, 12, 31) == clinic.next_business_day(date(2200, 12, 29))
        with pytest.raises(CalendarRangeError):
            clinic.add_business_days(date(2200, 12, 29), 2)

    def test_a_clinic_shares_the_statutes_table(self):
        """A clinic's calendar costs a few kilobytes once its statute's table exists."""
        QUEBEC_CPC.is_business_day(date(2025, 1, 2))  # the statute's table, built once
        clinic = QUEBEC_CPC.with_closures([date(2025, 12, 22) + timedelta(i) for i in range(9)])
        tracemalloc.start()
        try:
            clinic.is_business_day(date(2025, 12, 24))  # builds the clinic's table
            allocated = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert allocated < 100_000


class TestRange:
    """Supported years 1900–2200 and clear errors outside."""

    def test_bounds_are_supported(self):
        """1 Jan 1900 and 31 Dec 2200 are inside the table."""
        assert (1900, 2200) == (FIRST_YEAR, LAST_YEAR)
        assert not QUEBEC_CPC.is_business_day(date(1900, 1, 1))  # New Year's Day
        assert QUEBEC_CPC.is_business_day(date(2200, 12, 31))  # a Wednesday
        assert QUEBEC_CPC.holidays(1900)
        assert QUEBEC_CPC.holidays(2200)

    @pytest.mark.parametrize("day", [date(1899, 12, 31), date(2201, 1, 1), date(1, 1, 1)])
    def test_dates_outside(self, day):
        """A date outside 1900–2200 raises CalendarRangeError naming the date and range."""
        with pytest.raises(CalendarRangeError, match=f"{day} is outside the supported years"):
            QUEBEC_CPC.is_business_day(day)

    @pytest.mark.parametrize("year", [1899, 2201])
    def test_years_outside(self, year):
        """holidays() of a year outside the range raises CalendarRangeError."""
        with pytest.raises(CalendarRangeError, match="1900-2200"):
            QUEBEC_CPC.holidays(year)

    def test_result_outside(self):
        """Counting past 2200 or before 1900 raises CalendarRangeError, not IndexError."""
        with pytest.raises(CalendarRangeError, match="counting from 2200-12-31"):
            QUEBEC_CPC.add_business_days(date(2200, 12, 31), 1)
        with pytest.raises(CalendarRangeError, match="counting from 1900-01-03"):
            QUEBEC_CPC.add_business_days(date(1900, 1, 3), -5)

    def test_range_error_is_a_dme_rules_error(self):
        """CalendarRangeError belongs to the DmeRulesError (ValueError) family."""
        assert issubclass(CalendarRangeError, DmeRulesError)
        assert issubclass(DmeRulesError, ValueError)


class TestBadArguments:
    """Wrong types are refused with the field named, never silently coerced."""

    @pytest.mark.parametrize("value", [datetime(2026, 4, 2, 10, 0), "2026-04-02", 20260402, None])
    def test_not_a_date(self, value):
        """A datetime, a string, a number or None is not a date."""
        with pytest.raises(InvalidArgumentError, match=r"day: expected a datetime\.date"):
            QUEBEC_CPC.add_business_days(value, 1)

    @pytest.mark.parametrize("n", [1.0, "1", True, None])
    def test_n_not_an_integer(self, n):
        """n must be an int (not a float, a string or a bool)."""
        with pytest.raises(InvalidArgumentError, match="n: expected an integer"):
            QUEBEC_CPC.add_business_days(date(2026, 4, 2), n)

    def test_between_names_the_bad_end(self):
        """business_days_between names which end is wrong."""
        with pytest.raises(InvalidArgumentError, match="end: expected"):
            QUEBEC_CPC.business_days_between(date(2026, 4, 2), "2026-04-07")

    def test_date_subclass_is_accepted_as_a_plain_date(self):
        """A date subclass (such as pendulum's Date) works and plain dates come back."""
        import pendulum

        result = QUEBEC_CPC.add_business_days(pendulum.date(2026, 4, 2), 0)
        assert date(2026, 4, 2) == result
        assert date is type(result)


def _walk(calendar: BusinessCalendar, day: date, n: int) -> date:
    """add_business_days the slow way: step one day at a time (n >= 1)."""
    while n:
        day += timedelta(days=1)
        n -= calendar.is_business_day(day)
    return day


class TestProperties:
    """Properties that hold for every calendar, date and count."""

    @given(strategies.calendars, strategies.dates, strategies.counts)
    def test_add_lands_on_a_business_day_after(self, calendar, day, n):
        """For n >= 1 the result is a business day strictly after the start."""
        result = calendar.add_business_days(day, n)
        assert calendar.is_business_day(result)
        assert result > day

    @given(strategies.calendars, strategies.dates, st.integers(min_value=1, max_value=60))
    def test_add_matches_a_day_by_day_walk(self, calendar, day, n):
        """The table gives what stepping one day at a time gives."""
        assert _walk(calendar, day, n) == calendar.add_business_days(day, n)

    @given(strategies.calendars, strategies.dates, strategies.counts)
    def test_round_trip_with_between(self, calendar, day, n):
        """business_days_between(d, add_business_days(d, n)) == n."""
        assert n == calendar.business_days_between(day, calendar.add_business_days(day, n))

    @given(strategies.calendars, strategies.dates, strategies.counts)
    def test_backwards_then_forwards_rolls_forward(self, calendar, day, n):
        """Going n business days back then n forward lands on roll_forward(d)."""
        back = calendar.add_business_days(day, -n)
        assert back < day
        assert calendar.is_business_day(back)
        assert calendar.roll_forward(day) == calendar.add_business_days(back, n)

    @given(strategies.calendars, strategies.dates, strategies.dates, strategies.counts)
    def test_monotone_in_the_start(self, calendar, a, b, n):
        """A later start never gives an earlier result."""
        assume(a <= b)
        assert calendar.add_business_days(a, n) <= calendar.add_business_days(b, n)

    @given(strategies.calendars, strategies.dates)
    def test_roll_forward(self, calendar, day):
        """roll_forward is idempotent, never earlier, and a business day."""
        rolled = calendar.roll_forward(day)
        assert rolled >= day
        assert calendar.is_business_day(rolled)
        assert rolled == calendar.roll_forward(rolled)
        assert (rolled == day) == calendar.is_business_day(day)

    @given(strategies.calendars, strategies.dates)
    def test_next_business_day(self, calendar, day):
        """next_business_day is strictly after, a business day, and exactly one later."""
        following = calendar.next_business_day(day)
        assert following > day
        assert 1 == calendar.business_days_between(day, following)
        assert all(
            not calendar.is_business_day(day + timedelta(days=k))
            for k in range(1, (following - day).days)
        )

    @given(strategies.calendars, strategies.dates, st.integers(-400, 400), st.integers(-400, 400))
    def test_between_counts_and_adds_up(self, calendar, day, i, j):
        """between(a, b) counts business days in (a, b], is antisymmetric and additive."""
        a, b = day + timedelta(days=i), day + timedelta(days=j)
        low, high = min(a, b), max(a, b)
        counted = sum(
            calendar.is_business_day(low + timedelta(days=k))
            for k in range(1, (high - low).days + 1)
        )
        assert (counted if b >= a else -counted) == calendar.business_days_between(a, b)
        assert -calendar.business_days_between(a, b) == calendar.business_days_between(b, a)
        assert calendar.business_days_between(a, b) == calendar.business_days_between(
            a, day
        ) + calendar.business_days_between(day, b)

    @given(strategies.calendars, strategies.dates)
    def test_weekends_are_never_business_days(self, calendar, day):
        """Saturdays and Sundays are never business days."""
        if day.weekday() >= 5:
            assert not calendar.is_business_day(day)


class TestInterpretationActDays:
    """QUEBEC_INTERPRETATION_ACT: every day but Sundays and the holidays of art. 61(23)."""

    def test_against_the_civil_procedure_calendar(self):
        """Day by day over 1990–2100: a juridical day is one that is neither a Sunday nor a
        holiday of QUEBEC_CPC other than 2 January and 26 December (which only the Code of
        Civil Procedure adds)."""
        from datetime import timedelta

        from dme_rules import QUEBEC_INTERPRETATION_ACT

        day = date(1990, 1, 1)
        while day <= date(2100, 12, 31):
            holiday = QUEBEC_CPC.holiday(day)
            code_only = (day.month, day.day) in ((1, 2), (12, 26))
            expected = day.weekday() != 6 and (holiday is None or code_only)
            assert expected == QUEBEC_INTERPRETATION_ACT.is_business_day(day), day
            day += timedelta(days=1)

    def test_pickles_with_its_weekend(self):
        import pickle

        from dme_rules import QUEBEC_INTERPRETATION_ACT

        again = pickle.loads(pickle.dumps(QUEBEC_INTERPRETATION_ACT))
        assert again == QUEBEC_INTERPRETATION_ACT
        assert frozenset({6}) == again.weekend
        assert again.is_business_day(date(2025, 8, 9))  # a Saturday

    def test_days_off_are_named(self):
        """Sat 21, Sun 22, Tue 24 June 2025 (Fête nationale), in both languages."""
        named = QUEBEC_CPC.days_off(date(2025, 6, 20), date(2025, 6, 24))
        assert [(d.date.day, d.name_fr, d.name_en) for d in named] == [
            (21, "samedi", "Saturday"),
            (22, "dimanche", "Sunday"),
            (24, "Fête nationale du Québec", "Quebec National Holiday"),
        ]
        closed = QUEBEC_CPC.with_closures([date(2025, 6, 23)])
        assert ("fermeture", "closure") == (
            closed.days_off(date(2025, 6, 23), date(2025, 6, 23))[0].name_fr,
            closed.days_off(date(2025, 6, 23), date(2025, 6, 23))[0].name_en,
        )
