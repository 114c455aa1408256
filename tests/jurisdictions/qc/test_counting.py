"""Tests of Quebec's counting conventions: local dates, official start, periods, business hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dme_rules import (
    BUSINESS_DAY_CLOCK,
    CIVIL_PROCEDURE,
    INTERPRETATIONS,
    MONTREAL,
    OFFICE_HOURS,
    PROCEDURE_2024,
    QUEBEC_CPC,
    QUEBEC_LNT,
    InvalidArgumentError,
    NaiveDatetimeError,
    OfficeSchedule,
    business_days_after,
    business_hours_between,
    business_hours_due,
    date_of,
    end_of_day,
    months_after,
    official_start,
    period_end,
)

from ... import strategies

EDT = timezone(timedelta(hours=-4))  # Montreal in summer
EST = timezone(timedelta(hours=-5))  # Montreal in winter


def at(text: str) -> datetime:
    """An aware instant from ISO text with an offset."""
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None
    return value


def days(n: int) -> timedelta:
    return timedelta(days=n)


class TestDateOf:
    """The date of an instant is its local date in Montreal."""

    def test_spec_examples(self):
        """2025-06-20T23:30-04:00 and 2025-06-21T02:30Z are both on 20 June in Montreal."""
        assert date(2025, 6, 20) == date_of(at("2025-06-20T23:30:00-04:00"))
        assert date(2025, 6, 20) == date_of(at("2025-06-21T02:30:00+00:00"))

    def test_naive_refused(self):
        """A naive datetime raises NaiveDatetimeError naming the field."""
        with pytest.raises(NaiveDatetimeError, match="instant: expected a timezone-aware"):
            date_of(datetime(2025, 6, 20, 16, 45))

    def test_not_a_datetime_refused(self):
        """A date or a string is not an instant."""
        with pytest.raises(InvalidArgumentError, match="instant: expected a timezone-aware"):
            date_of("2025-06-20T16:45:00-04:00")

    def test_end_of_day(self):
        """24:00 of a date is 00:00 of the next day in Montreal, DST day included."""
        assert at("2026-03-08T00:00:00-05:00") == end_of_day(date(2026, 3, 7))
        # 8 March 2026 has 23 hours: its 24:00 is at 04:00 UTC, not 05:00.
        assert at("2026-03-09T00:00:00-04:00") == end_of_day(date(2026, 3, 8))
        assert at("2026-03-09T04:00:00+00:00") == end_of_day(date(2026, 3, 8))


class TestRequestPeriods:
    """Official start and N-day periods under both readings, on named requests."""

    def test_friday_before_fete_nationale(self):
        """Fri 20 June 2025 16:45: Mon 23 is day 1; Tue 24 June is a holiday."""
        sent = at("2025-06-20T16:45:00-04:00")
        assert date(2025, 6, 23) == official_start(sent)
        # 2025-06-23 + 20 days = Sun 2025-07-13, extended to Mon 2025-07-14.
        assert date(2025, 6, 23) + days(20) == date(2025, 7, 13)
        assert date(2025, 7, 14) == period_end(sent, 21)
        # 2025-06-20 + 21 days = Fri 2025-07-11.
        assert date(2025, 6, 20) + days(21) == period_end(sent, 21, reading=CIVIL_PROCEDURE)
        # 45 days: 2025-06-23 + 44 = Wed 2025-08-06; 2025-06-20 + 45 = Mon 2025-08-04.
        assert date(2025, 6, 23) + days(44) == period_end(sent, 45, reading=PROCEDURE_2024)
        assert date(2025, 6, 20) + days(45) == period_end(sent, 45, reading=CIVIL_PROCEDURE)

    def test_holy_thursday(self):
        """Thu 2 April 2026: Good Friday, the weekend and Easter Monday before day 1."""
        sent = at("2026-04-02T10:00:00-04:00")
        assert date(2026, 4, 7) == official_start(sent)
        # The readings differ by four days:
        # 2026-04-07 + 20 days = Mon 04-27; 2026-04-02 + 21 days = Thu 04-23.
        assert date(2026, 4, 7) + days(20) == period_end(sent, 21)
        assert date(2026, 4, 2) + days(21) == period_end(sent, 21, reading=CIVIL_PROCEDURE)
        # An employer granting only Good Friday works Easter Monday: day 1 is Mon 6 April.
        from dme_rules import quebec_lnt

        assert date(2026, 4, 6) == official_start(sent, calendar=quebec_lnt("good_friday"))

    def test_23_december(self):
        """Tue 23 Dec 2025: Wed 24 is a business day, so both readings agree."""
        sent = at("2025-12-23T10:00:00-05:00")
        assert date(2025, 12, 24) == official_start(sent)
        # 2025-12-24 + 20 days = 2025-12-23 + 21 days = Tue 2026-01-13.
        assert date(2025, 12, 24) + days(20) == period_end(sent, 21)
        assert date(2025, 12, 23) + days(21) == period_end(sent, 21, reading=CIVIL_PROCEDURE)
        # 2025-12-24 + 44 days = Fri 2026-02-06.
        assert date(2025, 12, 24) + days(44) == period_end(sent, 45)

    def test_31_december_late_evening_written_in_utc(self):
        """31 Dec 2025 23:30 in Montreal is 1 Jan 04:30 UTC: the request is of 31 December."""
        sent = at("2026-01-01T04:30:00+00:00")
        assert date(2025, 12, 31) == date_of(sent)
        # 1 and 2 January are holidays, 3-4 the weekend: day 1 is Mon 5 January.
        assert date(2026, 1, 5) == official_start(sent)
        # 2026-01-05 + 20 days = Sun 2026-01-25, extended to Mon 2026-01-26.
        assert date(2026, 1, 26) == period_end(sent, 21)
        # 2025-12-31 + 21 days = Wed 2026-01-21.
        assert date(2025, 12, 31) + days(21) == period_end(sent, 21, reading=CIVIL_PROCEDURE)
        assert period_end(at("2025-12-31T23:30:00-05:00"), 21) == period_end(sent, 21)

    def test_dst_weekend(self):
        """Sat 7 March 2026 23:30 EST (8 March 04:30 UTC, the DST night): day 1 is Mon 9."""
        sent = at("2026-03-08T04:30:00+00:00")
        assert date(2026, 3, 7) == date_of(sent)
        assert date(2026, 3, 9) == official_start(sent)
        # 2026-03-09 + 20 days = Sun 2026-03-29, extended to Mon 2026-03-30.
        assert date(2026, 3, 30) == period_end(sent, 21)

    def test_each_calendar_its_own_end(self):
        """The same request on two calendars, one after the other: a clinic closed on Mon
        14 July 2025 (day 21 for the 20 June request) extends the period to Tue 15 July;
        the statutory calendar, asked again, still ends it on the 14th."""
        clinic = QUEBEC_CPC.with_closures([date(2025, 7, 14)])
        assert [date(2025, 7, 14), date(2025, 7, 15), date(2025, 7, 14)] == [
            period_end(date(2025, 6, 20), 21),
            period_end(date(2025, 6, 20), 21, calendar=clinic),
            period_end(date(2025, 6, 20), 21),
        ]

    def test_request_date_accepted(self):
        """A plain date stands for the request's Montreal date."""
        assert date(2025, 6, 23) == official_start(date(2025, 6, 20))
        assert date(2025, 7, 14) == period_end(date(2025, 6, 20), 21)

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"days": 0}, "days: expected a positive integer"),
            ({"days": 21.0}, "days: expected a positive integer"),
            ({"days": 21, "reading": BUSINESS_DAY_CLOCK}, "reading: expected procedure-2024 or"),
        ],
    )
    def test_bad_period_arguments(self, kwargs, match):
        """Bad period arguments name the field."""
        with pytest.raises(InvalidArgumentError, match=match):
            period_end(at("2025-06-20T16:45:00-04:00"), **kwargs)

    def test_naive_transmission_refused(self):
        """A naive transmission instant is refused, naming transmitted_at."""
        with pytest.raises(NaiveDatetimeError, match="transmitted_at"):
            official_start(datetime(2025, 6, 20, 16, 45))


class TestBusinessDaysAfter:
    """N business days after an event."""

    def test_preanalysis_received_friday_before_fete_nationale(self):
        """Fri 20 June 2025 + 7: 23, 25, 26, 27, 30 June, 2, 3 July."""
        assert date(2025, 7, 3) == business_days_after(at("2025-06-20T16:45:00-04:00"), 7)

    def test_event_late_in_the_evening_written_in_utc(self):
        """An event at 23:30 on Tue 23 Dec 2025 (04:30 UTC on the 24th) counts from the 23rd."""
        # 24 Dec (1), 29 (2), 30 (3), 31 (4), 5 Jan (5), 6 (6), 7 (7).
        assert date(2026, 1, 7) == business_days_after(at("2025-12-24T04:30:00+00:00"), 7)


class TestMonthsAfter:
    """Calendar months with end-of-month clamping."""

    @pytest.mark.parametrize(
        ("start", "months", "expected"),
        [
            (date(2025, 1, 31), 3, date(2025, 4, 30)),  # April has 30 days
            (date(2024, 11, 30), 3, date(2025, 2, 28)),
            (date(2023, 11, 30), 3, date(2024, 2, 29)),  # 2024 is a leap year
            (date(2025, 8, 5), 3, date(2025, 11, 5)),
            (date(2025, 8, 5), 0, date(2025, 8, 5)),
        ],
    )
    def test_clamping(self, start, months, expected):
        """The day is kept when the month has it, else the month's last day."""
        assert expected == months_after(start, months)

    def test_negative_refused(self):
        """A negative number of months is refused."""
        with pytest.raises(InvalidArgumentError, match="months: expected a non-negative"):
            months_after(date(2025, 1, 31), -1)


class TestBusinessHours:
    """72 business hours under both readings, with the due instant written out."""

    @pytest.mark.parametrize(
        ("filed", "due", "why"),
        [
            (
                "2025-06-20T16:45:00-04:00",
                "2025-06-26T16:45:00-04:00",
                "Fri before Fête nationale: Mon 23 (1), Wed 25 (2), Thu 26 (3)",
            ),
            (
                "2026-04-02T10:00:00-04:00",
                "2026-04-09T10:00:00-04:00",
                "Holy Thursday: Tue 7 (1), Wed 8 (2), Thu 9 (3)",
            ),
            (
                "2026-04-03T14:00:00-04:00",
                "2026-04-10T00:00:00-04:00",
                "Good Friday: starts Tue 7 00:00; Tue, Wed, Thu 9 until 24:00",
            ),
            (
                "2025-12-23T10:00:00-05:00",
                "2025-12-30T10:00:00-05:00",
                "23 Dec: Wed 24 (1), Mon 29 (2), Tue 30 (3)",
            ),
            (
                "2026-01-01T04:30:00+00:00",
                "2026-01-07T23:30:00-05:00",
                "Wed 31 Dec 23:30 local: Mon 5 (1), Tue 6 (2), Wed 7 Jan (3)",
            ),
            (
                "2026-03-06T14:00:00-05:00",
                "2026-03-11T14:00:00-04:00",
                "Fri before DST starts: Mon 9, Tue 10, Wed 11; 14:00 wall clock, now EDT",
            ),
            (
                "2026-10-30T16:00:00-04:00",
                "2026-11-04T16:00:00-05:00",
                "Fri before DST ends: Mon 2, Tue 3, Wed 4; 16:00 wall clock, now EST",
            ),
            (
                "2026-03-07T15:00:00-05:00",
                "2026-03-12T00:00:00-04:00",
                "Saturday: starts Mon 9 00:00; Mon, Tue, Wed 11 until 24:00",
            ),
            (
                "2026-11-01T01:30:00-04:00",
                "2026-11-05T00:00:00-05:00",
                "Sun 1 Nov 01:30 EDT (the hour repeated): Mon 2, Tue 3, Wed 4 until 24:00",
            ),
            (
                "2026-11-01T01:30:00-05:00",
                "2026-11-05T00:00:00-05:00",
                "Sun 1 Nov 01:30 EST, the second 01:30: same Sunday, same due instant",
            ),
            (
                "2026-03-09T00:00:00-04:00",
                "2026-03-12T00:00:00-04:00",
                "Mon 00:00 is the clock's start: Mon, Tue, Wed until 24:00, as if filed Sat",
            ),
            (
                "2026-03-11T00:00:00-04:00",
                "2026-03-14T00:00:00-04:00",
                "Wed 00:00: Wed, Thu, Fri 13 until 24:00 (not Mon 16 00:00)",
            ),
        ],
    )
    def test_business_day_clock(self, filed, due, why):
        """The default reading: whole business days of 24 hours on wall-clock time."""
        result = business_hours_due(at(filed))
        assert at(due) == result, why
        assert due == result.isoformat(), why  # same instant and written in Montreal time

    def test_lnt_calendar_works_26_december(self):
        """With the labour calendar, 23 Dec 10:00 is due Mon 29: Wed 24, Fri 26, Mon 29."""
        assert at("2025-12-29T10:00:00-05:00") == business_hours_due(
            at("2025-12-23T10:00:00-05:00"), calendar=QUEBEC_LNT
        )

    @pytest.mark.parametrize(
        ("filed", "schedule", "due", "why"),
        [
            (
                "2025-12-23T10:00:00-05:00",
                None,
                "2026-01-09T10:00:00-05:00",
                "1 h 30 run on 23 Dec; 72 h = 9 days of 8 h: 24, 29, 30, 31 Dec, 5-9 Jan at 10:00",
            ),
            (
                "2025-06-20T16:45:00-04:00",
                None,
                "2025-07-07T16:30:00-04:00",
                "after closing: 9 full days from Mon 23 June (24 June, 1 July off), ends 16:30",
            ),
            (
                "2026-03-09T08:30:00-04:00",
                None,
                "2026-03-19T16:30:00-04:00",
                "at opening: Mon 9 to Thu 19 March is 9 business days, ends at closing",
            ),
            (
                "2026-03-09T07:00:00-04:00",
                None,
                "2026-03-19T16:30:00-04:00",
                "before opening counts from opening",
            ),
            (
                "2026-03-09T10:00:00-04:00",
                OfficeSchedule(opens=time(8, 0), closes=time(20, 0)),
                "2026-03-17T10:00:00-04:00",
                "12 h days: 2 h run + 72 h = 6 days + 2 h: Mar 10-13, 16, 17 at 08:00 + 2 h",
            ),
        ],
    )
    def test_office_hours(self, filed, schedule, due, why):
        """The alternative reading: the clock runs only inside opening hours."""
        result = business_hours_due(at(filed), reading=OFFICE_HOURS, schedule=schedule)
        assert at(due) == result, why
        assert due == result.isoformat(), why

    def test_other_counts(self):
        """The number of hours is a parameter: 24 business hours from Fri 15:00 is Mon 15:00."""
        assert at("2026-03-09T15:00:00-04:00") == business_hours_due(
            at("2026-03-06T15:00:00-05:00"), 24
        )

    @pytest.mark.parametrize(
        ("kwargs", "error", "match"),
        [
            ({"hours": 0}, InvalidArgumentError, "hours: expected a positive integer"),
            ({"reading": PROCEDURE_2024}, InvalidArgumentError, "reading: expected business-day"),
            ({"schedule": OfficeSchedule()}, InvalidArgumentError, "schedule: expected None"),
            ({"reading": "office-hours"}, InvalidArgumentError, "reading: expected business-day"),
            (
                {"reading": OFFICE_HOURS, "schedule": {"opens": "08:00"}},
                InvalidArgumentError,
                "schedule: expected an OfficeSchedule",
            ),
            ({"calendar": "quebec-cpc"}, InvalidArgumentError, "calendar: expected a Business"),
        ],
    )
    def test_bad_arguments(self, kwargs, error, match):
        """Bad clock arguments name the field."""
        with pytest.raises(error, match=match):
            business_hours_due(at("2026-03-09T10:00:00-04:00"), **kwargs)

    def test_naive_start_refused(self):
        """A naive filing instant raises NaiveDatetimeError naming start."""
        with pytest.raises(NaiveDatetimeError, match="start"):
            business_hours_due(datetime(2026, 3, 9, 10, 0))

    @pytest.mark.parametrize(
        ("opens", "closes", "match"),
        [
            (time(16, 30), time(8, 30), "closes: expected a time after opens"),
            (time(8, 30), time(8, 30), "closes: expected a time after opens"),
            ("08:30", time(16, 30), "opens: expected a datetime.time"),
            (time(8, 30, tzinfo=UTC), time(16, 30), "opens: expected a datetime.time without"),
        ],
    )
    def test_bad_schedules(self, opens, closes, match):
        """A schedule must open before it closes, in local time."""
        with pytest.raises(InvalidArgumentError, match=match):
            OfficeSchedule(opens=opens, closes=closes)

    def test_schedule_length(self):
        """The default schedule runs 8 hours a day; midnight closing means 24:00."""
        assert timedelta(hours=8) == OfficeSchedule().hours_per_day
        assert timedelta(hours=16) == OfficeSchedule(time(8, 0), time(0, 0)).hours_per_day


class TestInterpretations:
    """The named readings."""

    def test_registry(self):
        """Every reading is registered under its id, and prints as its id (the catalogue
        itself is tested in test_readings)."""
        assert {"procedure-2024", "civil-procedure", "business-day-clock", "office-hours"} < set(
            INTERPRETATIONS
        )
        for reading_id, reading in INTERPRETATIONS.items():
            assert reading_id in (str(reading), *reading.aliases)
            assert reading.summary_fr
            assert reading.summary_en
            assert reading.basis


def _is_business_moment(calendar, due: datetime) -> bool:
    """Whether ``due`` falls on a business day, or is the 24:00 that ends one."""
    local = due.astimezone(MONTREAL)
    if calendar.is_business_day(local.date()):
        return True
    return local.time() == time(0, 0) and calendar.is_business_day(local.date() - days(1))


class TestProperties:
    """Properties of the counting conventions."""

    @given(strategies.calendars, strategies.instants, st.integers(min_value=1, max_value=200))
    def test_clock_due_after_start_on_a_business_day(self, calendar, start, hours):
        """The due instant is after the start, on a business day or at its 24:00."""
        due = business_hours_due(start, hours, calendar=calendar)
        assert due > start
        assert _is_business_moment(calendar, due)

    @given(strategies.calendars, strategies.instants, st.integers(min_value=1, max_value=200))
    def test_office_hours_due_inside_opening_hours(self, calendar, start, hours):
        """Under office hours the due instant is within (opens, closes] of a business day."""
        due = business_hours_due(start, hours, reading=OFFICE_HOURS, calendar=calendar)
        local = due.astimezone(MONTREAL)
        assert due > start
        assert calendar.is_business_day(local.date())
        assert time(8, 30) < local.time() <= time(16, 30)

    @given(strategies.instants, strategies.instants)
    def test_clock_monotone(self, a, b):
        """A later filing is never due earlier."""
        assume(a <= b)
        assert business_hours_due(a) <= business_hours_due(b)

    @given(strategies.instants)
    def test_72_hours_is_3_whole_days_from_a_business_day(self, start):
        """Filed on a business day at a time other than 00:00, due at the same wall time."""
        local = start.astimezone(MONTREAL)
        assume(QUEBEC_CPC.is_business_day(local.date()) and local.time() != time(0, 0))
        due = business_hours_due(start).astimezone(MONTREAL)
        assert QUEBEC_CPC.add_business_days(local.date(), 3) == due.date()
        assert local.time() == due.time()

    @given(strategies.instants, strategies.offsets, st.integers(min_value=1, max_value=60))
    def test_independent_of_the_offset_written(self, instant, tz, n):
        """The same instant written in any offset gives the same dates and due instant."""
        other = instant.astimezone(tz)
        assert date_of(instant) == date_of(other)
        assert official_start(instant) == official_start(other)
        assert period_end(instant, n) == period_end(other, n)
        assert period_end(instant, n, reading=CIVIL_PROCEDURE) == period_end(
            other, n, reading=CIVIL_PROCEDURE
        )
        assert business_days_after(instant, n) == business_days_after(other, n)
        assert business_hours_due(instant).isoformat() == business_hours_due(other).isoformat()

    @given(strategies.calendars, strategies.instants, st.integers(min_value=1, max_value=90))
    def test_period_end_is_a_business_day_on_or_after_day_n(self, calendar, sent, n):
        """The period ends on a business day no earlier than day N of either reading."""
        for reading in (PROCEDURE_2024, CIVIL_PROCEDURE):
            end = period_end(sent, n, reading=reading, calendar=calendar)
            assert calendar.is_business_day(end)
            assert end >= date_of(sent) + days(n)

    @given(strategies.calendars, strategies.instants, st.integers(min_value=1, max_value=90))
    def test_readings_agree_when_the_next_day_is_a_business_day(self, calendar, sent, n):
        """When the day after the request is a business day, both readings give one date."""
        assume(calendar.is_business_day(date_of(sent) + days(1)))
        assert period_end(sent, n, calendar=calendar) == period_end(
            sent, n, reading=CIVIL_PROCEDURE, calendar=calendar
        )

    @given(strategies.instants, st.integers(min_value=1, max_value=90))
    def test_procedure_never_earlier_than_civil(self, sent, n):
        """Counting from the official start is never earlier than counting from the request."""
        assert period_end(sent, n) >= period_end(sent, n, reading=CIVIL_PROCEDURE)


class TestBusinessHoursBetween:
    """Business time elapsed between two instants, the clock's inverse."""

    @given(strategies.calendars, strategies.instants, st.integers(min_value=1, max_value=200),
           st.booleans())  # fmt: skip
    def test_round_trip_with_the_due_instant(self, calendar, start, hours, office):
        """between(t, due(t, h)) is exactly h hours, under both readings."""
        reading = OFFICE_HOURS if office else BUSINESS_DAY_CLOCK
        due = business_hours_due(start, hours, reading=reading, calendar=calendar)
        assert timedelta(hours=hours) == business_hours_between(
            start, due, reading=reading, calendar=calendar
        )

    @given(strategies.instants, strategies.instants)
    def test_antisymmetric_and_never_more_than_real_time(self, a, b):
        """between(a, b) == -between(b, a), and no more than the real time elapsed."""
        assert -business_hours_between(a, b) == business_hours_between(b, a)
        if a <= b:
            assert timedelta(0) <= business_hours_between(a, b) <= b - a + timedelta(hours=1)

    def test_a_weekend_does_not_count(self):
        """Fri 23:00 to Mon 01:00 is two business hours."""
        assert timedelta(hours=2) == business_hours_between(
            at("2026-03-13T23:00:00-04:00"), at("2026-03-16T01:00:00-04:00")
        )
