"""Tests for BCH_COMPLAINT_FOLLOW_UP."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dme_rules import (
    BCH_COMPLAINT_FOLLOW_UP,
    MONTREAL,
    OFFICE_HOURS,
    Complaint,
    Finding,
    InvalidCaseError,
    MigrationCase,
    NotInForceError,
    OfficeSchedule,
    Status,
    business_hours_between,
    evaluate,
)

from .... import strategies
from ....cases import at, minimal_case, spec_case
from ....common import CommonRuleTests

FILED = at("2026-03-06T14:00:00-05:00")  # Friday before DST starts (Sunday 8 March)
DUE = at("2026-03-11T14:00:00-04:00")  # Mon 9 (1), Tue 10 (2), Wed 11 (3), 14:00 wall clock


def with_complaints(*complaints: Complaint) -> MigrationCase:
    """A minimal case with ``complaints``, its request sent an hour before the first (or on
    the usual day, when that is earlier)."""
    sent = minimal_case().request_transmitted_at
    first = min((c.filed_at - timedelta(hours=1) for c in complaints), default=sent)
    return minimal_case(complaints=complaints, request_transmitted_at=min(first, sent))


class TestBchComplaintFollowUp(CommonRuleTests):
    """The BCH follows up each complaint within 72 business hours."""

    rule = BCH_COMPLAINT_FOLLOW_UP
    constant = "BCH_COMPLAINT_FOLLOW_UP"
    examples = {
        Status.COMPLIANT: (with_complaints(Complaint(FILED, DUE)), DUE + timedelta(days=1)),
        Status.VIOLATION: (
            with_complaints(Complaint(FILED, DUE + timedelta(minutes=1))),
            DUE + timedelta(days=1),
        ),
        Status.PENDING: (with_complaints(Complaint(FILED)), DUE),
        Status.NOT_APPLICABLE: (with_complaints(), DUE),
    }
    unreachable = {Status.INSUFFICIENT_DATA: "a complaint without filed_at is refused as input"}

    def finding(self, case: Any, as_of: datetime, **options: Any) -> Finding:
        return self.rule.check(case, as_of, **options)[0]

    def subject_on(self, day: date) -> MigrationCase:
        """A complaint filed at noon on ``day`` about a request sent at 09:00 that day (the
        version follows the complaint's date)."""
        return minimal_case(
            request_transmitted_at=datetime.combine(day, time(9), tzinfo=MONTREAL),
            complaints=(Complaint(datetime.combine(day, time(12), tzinfo=MONTREAL)),),
        )

    @pytest.mark.parametrize(
        ("filed", "due", "why"),
        [
            ("2026-03-13T15:30:00-04:00", "2026-03-18T15:30:00-04:00",
             "Friday afternoon: Mon 16 (1), Tue 17 (2), Wed 18 (3) at 15:30"),
            ("2026-03-14T10:00:00-04:00", "2026-03-19T00:00:00-04:00",
             "Saturday: from Mon 16 00:00, Mon, Tue, Wed 18 until 24:00"),
            ("2026-04-03T11:00:00-04:00", "2026-04-10T00:00:00-04:00",
             "Good Friday: Easter Monday off too; from Tue 7 00:00 to Thu 9 24:00"),
            ("2025-12-23T10:00:00-05:00", "2025-12-30T10:00:00-05:00",
             "23 December: Wed 24 (1), Mon 29 (2), Tue 30 (3); 25-26 Dec off"),
            ("2026-03-06T14:00:00-05:00", "2026-03-11T14:00:00-04:00",
             "Friday before DST starts: 14:00 EST to 14:00 EDT, Mon 9, Tue 10, Wed 11"),
            ("2026-10-30T16:00:00-04:00", "2026-11-04T16:00:00-05:00",
             "Friday before DST ends: 16:00 EDT to 16:00 EST, Mon 2, Tue 3, Wed 4"),
            ("2026-03-11T00:00:00-04:00", "2026-03-14T00:00:00-04:00",
             "00:00 of Wed 11: Wed, Thu, Fri 13 until 24:00 (not Mon 16 00:00)"),
        ],
    )  # fmt: skip
    def test_due_instants(self, filed, due, why):
        """The due instant, written out, for the named cases."""
        result = BCH_COMPLAINT_FOLLOW_UP.due(at(filed))
        assert at(due) == result, why
        assert due == result.isoformat(), why

    def test_followed_up_at_the_due_instant_is_on_time(self):
        """Exactly at the due instant: compliant; one minute later: a violation."""
        on_time = self.finding(with_complaints(Complaint(FILED, DUE)), DUE + timedelta(days=1))
        late = self.finding(
            with_complaints(Complaint(FILED, DUE + timedelta(minutes=1))), DUE + timedelta(days=1)
        )
        assert (Status.COMPLIANT, DUE, DUE) == (on_time.status, on_time.due, on_time.act_on)
        assert Status.VIOLATION == late.status
        assert (1, 1) == (late.details["minutes_late"], late.details["business_minutes_late"])

    def test_pending_until_the_due_instant_then_overdue(self):
        """No follow-up: pending at the due instant, a violation one minute after it."""
        case = with_complaints(Complaint(FILED))
        pending = self.finding(case, DUE)
        overdue = self.finding(case, DUE + timedelta(minutes=1))
        assert (Status.PENDING, 0) == (pending.status, pending.details["business_minutes_left"])
        assert (Status.VIOLATION, True) == (overdue.status, overdue.details["overdue"])

    def test_business_time_left(self):
        """Seen Mon 9 March 12:00: Mon 12 h, Tue 24 h, Wed 14 h = 50 h of business time left."""
        found = self.finding(with_complaints(Complaint(FILED)), at("2026-03-09T12:00:00-04:00"))
        assert 50 * 60 == found.details["business_minutes_left"]

    def test_lateness_over_a_weekend(self):
        """Followed up Mon 16 March 09:00: Wed 11 14:00 to 24:00 (10 h), Thu, Fri (48 h),
        Mon 00:00 to 09:00 (9 h) = 67 business hours late; 4 days 19 hours in real time."""
        case = with_complaints(Complaint(FILED, at("2026-03-16T09:00:00-04:00")))
        found = self.finding(case, at("2026-03-20T12:00:00-04:00"))
        assert 67 * 60 == found.details["business_minutes_late"]
        assert (4 * 24 + 19) * 60 == found.details["minutes_late"]

    def test_one_finding_per_complaint_in_order(self):
        """Two complaints: two findings, in the case's order, with their index."""
        case = with_complaints(Complaint(FILED, DUE), Complaint(at("2026-03-10T09:00:00-04:00")))
        findings = BCH_COMPLAINT_FOLLOW_UP.check(case, at("2026-03-11T15:00:00-04:00"))
        assert [(0, Status.COMPLIANT), (1, Status.PENDING)] == [
            (f.details["complaint_index"], f.status) for f in findings
        ]
        report = evaluate(case, at("2026-03-11T15:00:00-04:00"))
        assert findings == tuple(
            f for f in report.findings if f.rule_id == BCH_COMPLAINT_FOLLOW_UP.id
        )

    def test_no_complaint(self):
        """A case without complaints gives one not_applicable finding."""
        (found,) = BCH_COMPLAINT_FOLLOW_UP.check(minimal_case(), DUE)
        assert (Status.NOT_APPLICABLE, "no_complaint") == (found.status, found.details["reason"])

    def test_follow_up_after_as_of_is_ignored(self):
        """Seen on Tue 10 March, a follow-up dated Wed 11 has not happened yet."""
        found = self.finding(
            with_complaints(Complaint(FILED, DUE)), at("2026-03-10T12:00:00-04:00")
        )
        assert (Status.PENDING, "$.complaints[0].followed_up_at") == (
            found.status,
            found.details["ignored"],
        )

    def test_a_complaint_filed_after_as_of_is_not_judged(self):
        """Seen on Thu 5 March, a complaint filed on Fri 6 March has not happened yet."""
        case = with_complaints(Complaint(FILED))
        (found,) = BCH_COMPLAINT_FOLLOW_UP.check(case, at("2026-03-05T12:00:00-05:00"))
        assert (Status.NOT_APPLICABLE, "filed_after_as_of", 0) == (
            found.status,
            found.details["reason"],
            found.details["complaint_index"],
        )

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            # Friday 6 March, one microsecond before the filing at 14:00, then the instant
            # itself, then the same instant written in UTC (19:00Z).
            (FILED - timedelta(microseconds=1), Status.NOT_APPLICABLE),
            (FILED, Status.PENDING),
            (at("2026-03-06T19:00:00+00:00"), Status.PENDING),
        ],
    )
    def test_filed_on_the_day_of_as_of(self, as_of, status):
        """On the day of the filing, the instants decide whether it has happened."""
        (found,) = BCH_COMPLAINT_FOLLOW_UP.check(with_complaints(Complaint(FILED)), as_of)
        assert status == found.status

    #: Filed on Tue 24 June 2025 (Fête nationale): the clock starts Wed 25 00:00 and runs
    #: Wed 25, Thu 26, Fri 27: due Fri 27 at 24:00, Sat 28 00:00. Sat 28 and Sun 29 are not
    #: business days; Mon 30 June is (1 July is the holiday).
    HOLIDAY_FILING = "2025-06-24T10:00:00-04:00"

    @pytest.mark.parametrize(
        ("followed_up_at", "status"),
        [
            ("2025-06-28T00:00:00-04:00", Status.COMPLIANT),  # the due instant
            ("2025-06-28T15:00:00-04:00", Status.COMPLIANT),  # Saturday: no business time past
            ("2025-06-29T23:59:59-04:00", Status.COMPLIANT),  # Sunday night: still none
            ("2025-06-30T00:00:00-04:00", Status.COMPLIANT),  # Monday 00:00: none yet
            ("2025-06-30T00:00:01-04:00", Status.VIOLATION),  # one business second past
        ],
    )
    def test_a_weekend_follow_up_after_a_friday_due_is_on_time(self, followed_up_at, status):
        """Lateness is business time past the due instant: none runs over the weekend."""
        case = with_complaints(Complaint(at(self.HOLIDAY_FILING), at(followed_up_at)))
        (found,) = BCH_COMPLAINT_FOLLOW_UP.check(case, at("2025-07-15T12:00:00-04:00"))
        assert (status, at("2025-06-28T00:00:00-04:00")) == (found.status, found.due)

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            ("2025-06-28T00:00:00-04:00", Status.PENDING),
            ("2025-06-29T12:00:00-04:00", Status.PENDING),  # all weekend
            ("2025-06-30T00:00:00-04:00", Status.PENDING),
            ("2025-06-30T00:01:00-04:00", Status.VIOLATION),
        ],
    )
    def test_unanswered_stays_pending_all_weekend(self, as_of, status):
        """Unanswered, the complaint due Friday 24:00 is overdue only once Monday's business
        time starts to run."""
        case = with_complaints(Complaint(at(self.HOLIDAY_FILING)))
        (found,) = BCH_COMPLAINT_FOLLOW_UP.check(case, at(as_of))
        assert status == found.status

    def test_a_complaint_of_2023_is_not_judged(self):
        """The version follows the complaint's date, not the request's."""
        case = attrs.evolve(
            spec_case(),
            request_transmitted_at=at("2023-12-01T10:00:00-05:00"),
            complaints=(Complaint(at("2023-12-29T10:00:00-05:00")),),
        )
        (found,) = BCH_COMPLAINT_FOLLOW_UP.check(case, at("2024-02-01T10:00:00-05:00"))
        assert (Status.NOT_APPLICABLE, "not_in_force") == (found.status, found.details["reason"])
        with pytest.raises(NotInForceError):
            BCH_COMPLAINT_FOLLOW_UP.due(at("2023-12-29T10:00:00-05:00"))

    def test_office_hours_reading_with_a_schedule(self):
        """Office hours 09:00-17:00: 72 h = 9 days; filed Fri 6 March 14:00 (3 h run), due
        after 8 more days and 5 h: Mon 9 ... Wed 18, then Thu 19 at 09:00 + 5 h = 14:00."""
        schedule = OfficeSchedule(time(9), time(17))
        due = BCH_COMPLAINT_FOLLOW_UP.due(FILED, reading=OFFICE_HOURS, schedule=schedule)
        assert at("2026-03-19T14:00:00-04:00") == due
        (found,) = BCH_COMPLAINT_FOLLOW_UP.check(
            with_complaints(Complaint(FILED)), at("2026-03-12T12:00:00-04:00"),
            readings=(OFFICE_HOURS,), schedule=schedule,
        )  # fmt: skip
        assert (due, "office-hours") == (found.due, found.interpretation)

    def test_due_at_24_00_is_written_so(self):
        """A due instant at local midnight reads as 24:00 of the day before."""
        case = with_complaints(Complaint(at("2026-03-14T10:00:00-04:00")))
        found = self.finding(case, at("2026-03-16T10:00:00-04:00"))
        assert "due 2026-03-18 24:00 (EDT)" in found.message("en")
        assert "échéance 2026-03-18 24:00 (HAE)" in found.message("fr")
        assert "2026-03-19T00:00:00-04:00" == found.to_dict()["due"]

    def test_complaint_without_filed_at_is_refused(self):
        """A complaint without filed_at raises InvalidCaseError naming the field."""
        data = minimal_case().to_dict() | {"complaints": [{"followed_up_at": None}]}
        with pytest.raises(InvalidCaseError, match=r"\$\.complaints\[0\]\.filed_at"):
            MigrationCase.from_dict(data)


class TestProperties:
    """Properties of the complaint follow-up, for any filing instant."""

    @given(strategies.instants, st.integers(min_value=0, max_value=7 * 24 * 60))
    def test_a_later_follow_up_is_never_more_compliant(self, filed, minutes):
        """If a follow-up at t is late, any follow-up after t is late too."""
        assume(filed.date() >= date(2024, 1, 2))
        due = BCH_COMPLAINT_FOLLOW_UP.due(filed)
        as_of = due + timedelta(days=30)
        first = with_complaints(Complaint(filed, due + timedelta(minutes=minutes - 60)))
        later = with_complaints(Complaint(filed, due + timedelta(minutes=minutes)))
        if BCH_COMPLAINT_FOLLOW_UP.check(first, as_of)[0].status is Status.VIOLATION:
            assert Status.VIOLATION == BCH_COMPLAINT_FOLLOW_UP.check(later, as_of)[0].status

    @given(strategies.instants, st.integers(min_value=1, max_value=10_000))
    def test_pending_until_due_then_violation(self, filed, seconds):
        """Without a follow-up: pending at the due instant and for as long as no business
        time has run past it; a violation once some has (judged in the clock's own unit)."""
        assume(filed.date() >= date(2024, 1, 2))
        case = with_complaints(Complaint(filed))
        due = BCH_COMPLAINT_FOLLOW_UP.due(filed)
        assert Status.PENDING == BCH_COMPLAINT_FOLLOW_UP.check(case, due)[0].status
        later = due + timedelta(seconds=seconds)
        found = BCH_COMPLAINT_FOLLOW_UP.check(case, later)[0]
        if business_hours_between(due, later) > timedelta(0):
            assert Status.VIOLATION == found.status
            assert found.details["minutes_late"] >= 1
            assert found.details["business_minutes_late"] >= 1
        else:
            assert Status.PENDING == found.status
            assert 0 == found.details["business_minutes_left"]
