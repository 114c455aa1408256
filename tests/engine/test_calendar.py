"""Tests of the engine's calendars (dme_rules.engine.calendar): one table per calendar value."""

from __future__ import annotations

import gc
import pickle
import weakref
from datetime import date, timedelta

import attrs
import pytest

from dme_rules import QUEBEC_CPC, BusinessCalendar, Holiday


@attrs.frozen
class OneHoliday:
    """A holiday source with only 1 May."""

    def holidays_by_year(self, first_year: int, last_year: int) -> dict[int, tuple[Holiday, ...]]:
        return {
            year: (Holiday(date(year, 5, 1), "Fête du Travail", "Labour Day"),)
            for year in range(first_year, last_year + 1)
        }


class TestTables:
    """A calendar's table of every day is built once per calendar value."""

    def test_an_equal_calendar_shares_the_table(self):
        """A calendar equal to QUEBEC_CPC uses QUEBEC_CPC's table, not a new one."""
        QUEBEC_CPC.is_business_day(date(2025, 1, 2))
        twin = attrs.evolve(QUEBEC_CPC)
        assert twin.is_business_day(date(2025, 1, 3))
        assert QUEBEC_CPC._table is twin._table

    @pytest.mark.parametrize("weekend", [{5, 6}, {6}, {4, 5}, set(), {0, 1, 2, 3, 4, 5}])
    def test_the_table_is_every_day_judged_one_by_one(self, weekend):
        """The table built by weekday pattern and holidays is the one a loop over every day
        builds: whether each is a business day, the count so far, the business days."""
        calendar = attrs.evolve(QUEBEC_CPC, weekend=frozenset(weekend))
        table = calendar._table or calendar._build()
        holidays = {h.date for year in table.holidays.values() for h in year}
        day, one = date(1900, 1, 1), timedelta(days=1)
        count, business_days = 0, []
        for index in range(len(table.rank)):
            is_business = day.weekday() not in weekend and day not in holidays
            if is_business:
                count += 1
                business_days.append(day)
            assert (is_business, count) == (table.is_business[index] == 1, table.rank[index])
            day += one
        assert date(2200, 12, 31) + one == day
        assert business_days == list(table.business_days)

    def test_a_calendar_no_one_uses_is_freed(self):
        """A caller's calendar, once dropped, takes its table of megabytes with it."""
        own = BusinessCalendar("own", "Propre", "Own", OneHoliday())
        assert not own.is_business_day(date(2025, 5, 1))  # a Thursday, the holiday
        alive = weakref.ref(own)
        del own
        gc.collect()
        assert alive() is None

    def test_pickled_as_its_value(self):
        """A calendar pickles without its table (a few hundred bytes, not megabytes) and
        unpickles equal, with the same id and answers; a clinic's closures come along."""
        clinic = QUEBEC_CPC.with_closures([date(2025, 12, 24)])
        clinic.is_business_day(date(2025, 12, 23))
        data = pickle.dumps(clinic)
        again = pickle.loads(data)
        assert len(data) < 2_000
        assert (clinic, clinic.id) == (again, again.id)
        assert not again.is_business_day(date(2025, 12, 24))
