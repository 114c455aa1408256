"""French time limits (Code de procédure civile arts. 641–642) and the date of an instant in
Paris across both changes of the clocks."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dme_rules.errors import InvalidArgumentError, NaiveDatetimeError
from dme_rules.jurisdictions.fr.calendars import FRANCE, FRANCE_ALSACE_MOSELLE
from dme_rules.jurisdictions.fr.counting import (
    PARIS,
    date_of,
    days_after,
    end_of_day,
    extended,
    months_after_event,
    years_after_event,
)


class TestDays:
    def test_the_day_of_the_event_does_not_count(self):
        # A deposit on Thu 2 May 2024: day 1 is 3 May, day 14 is 16 May.
        assert days_after(date(2024, 5, 2), 14) == date(2024, 5, 16)

    def test_across_the_year(self):
        assert days_after(date(2024, 12, 20), 14) == date(2025, 1, 3)  # 11 + 3 days

    def test_bad_arguments(self):
        with pytest.raises(InvalidArgumentError):
            days_after(date(2024, 5, 2), -1)
        with pytest.raises(InvalidArgumentError):
            days_after("2024-05-02", 14)  # type: ignore[arg-type]


class TestMonthsAndYears:
    @pytest.mark.parametrize(
        ("event", "months", "last_day"),
        [
            (date(2024, 5, 2), 1, date(2024, 6, 2)),  # the same day number
            (date(2024, 1, 31), 1, date(2024, 2, 29)),  # no 31 February: the month's last day
            (date(2023, 1, 31), 1, date(2023, 2, 28)),
            (date(2024, 3, 31), 1, date(2024, 4, 30)),
            (date(2024, 12, 15), 1, date(2025, 1, 15)),
        ],
    )
    def test_months(self, event, months, last_day):
        assert months_after_event(event, months) == last_day

    @pytest.mark.parametrize(
        ("event", "last_day"),
        [
            (date(2024, 2, 29), date(2034, 2, 28)),  # 29 February, ten years on: 28 February
            (date(2020, 2, 29), date(2030, 2, 28)),
            (date(2016, 2, 29), date(2026, 2, 28)),
            (date(2024, 2, 28), date(2034, 2, 28)),
            (date(2024, 3, 1), date(2034, 3, 1)),
        ],
    )
    def test_ten_years(self, event, last_day):
        assert years_after_event(event, 10) == last_day

    @given(st.dates(date(1900, 1, 1), date(2150, 12, 31)), st.integers(0, 600))
    def test_months_as_pendulum_counts_them(self, event, months):
        """An independent oracle: pendulum's month arithmetic clamps the same way."""
        expected = pendulum.Date(event.year, event.month, event.day).add(months=months)
        assert months_after_event(event, months) == date(
            expected.year, expected.month, expected.day
        )


class TestExtension:
    def test_a_saturday_then_whit_monday(self):
        # Sat 18 May 2024, Sun 19, Whit Monday 20: the first working day is Tue 21 May.
        assert extended(date(2024, 5, 18)) == date(2024, 5, 21)

    def test_a_working_day_is_kept(self):
        assert extended(date(2024, 5, 17)) == date(2024, 5, 17)

    def test_alsace_moselle_26_december(self):
        # Thu 26 December 2024: a working day in France, a holiday in Alsace-Moselle.
        assert extended(date(2024, 12, 26)) == date(2024, 12, 26)
        assert extended(date(2024, 12, 26), FRANCE_ALSACE_MOSELLE) == date(2024, 12, 27)

    def test_on_the_default_calendar(self):
        assert extended(date(2024, 7, 14)) == FRANCE.roll_forward(date(2024, 7, 14))


class TestParis:
    @pytest.mark.parametrize(
        ("instant", "day"),
        [
            # Spring: 31 March 2024, 02:00 CET becomes 03:00 CEST.
            ("2024-03-30T22:59:59+00:00", date(2024, 3, 30)),  # 23:59:59 CET
            ("2024-03-30T23:00:00+00:00", date(2024, 3, 31)),  # 00:00 CET
            ("2024-03-31T01:30:00+00:00", date(2024, 3, 31)),  # 03:30 CEST
            ("2024-03-31T21:59:59+00:00", date(2024, 3, 31)),  # 23:59:59 CEST
            ("2024-03-31T22:00:00+00:00", date(2024, 4, 1)),
            # Autumn: 27 October 2024, 03:00 CEST becomes 02:00 CET (02:xx twice).
            ("2024-10-26T21:59:59+00:00", date(2024, 10, 26)),  # 23:59:59 CEST
            ("2024-10-26T22:00:00+00:00", date(2024, 10, 27)),  # 00:00 CEST
            ("2024-10-27T00:30:00+00:00", date(2024, 10, 27)),  # 02:30 CEST, the first time
            ("2024-10-27T01:30:00+00:00", date(2024, 10, 27)),  # 02:30 CET, the second time
            ("2024-10-27T22:59:59+00:00", date(2024, 10, 27)),  # 23:59:59 CET
            ("2024-10-27T23:00:00+00:00", date(2024, 10, 28)),
            # An instant written in another offset is the same instant.
            ("2024-05-03T02:59:59+05:00", date(2024, 5, 2)),  # 21:59:59 UTC, 23:59:59 CEST
            ("2024-05-03T03:00:00+05:00", date(2024, 5, 3)),  # 22:00 UTC, 00:00 CEST
        ],
    )
    def test_the_date_of_an_instant(self, instant, day):
        assert date_of(datetime.fromisoformat(instant)) == day

    def test_naive_refused(self):
        with pytest.raises(NaiveDatetimeError):
            date_of(datetime(2024, 5, 2, 10))

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2024, 3, 30), "2024-03-31T00:00:00+01:00"),  # before the spring change
            (date(2024, 3, 31), "2024-04-01T00:00:00+02:00"),  # the 23-hour day ends
            (date(2024, 10, 26), "2024-10-27T00:00:00+02:00"),
            (date(2024, 10, 27), "2024-10-28T00:00:00+01:00"),  # the 25-hour day ends
        ],
    )
    def test_a_limit_ends_at_24_00_in_paris(self, day, expected):
        end = end_of_day(day)
        assert end.isoformat() == expected
        assert end.tzinfo is PARIS
        assert date_of(end - timedelta(microseconds=1)) == day
        assert date_of(end) == day + timedelta(days=1)
