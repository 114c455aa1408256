"""Tests for EXTRACTION_DEADLINE."""

from __future__ import annotations

from datetime import date

import pytest

from dme_rules import (
    CIVIL_PROCEDURE,
    EXTRACTION_DEADLINE,
    OFFICE_HOURS,
    PROCEDURE_2024,
    InvalidArgumentError,
    NotInForceError,
    Status,
)

from ....cases import SENT, at, change, days, minimal_case, noon, spec_case
from ....common import CommonRuleTests

# Request Fri 2025-06-20: official start Mon 06-23; 2025-06-23 + 20 days = Sun 07-13 -> Mon 07-14.
DUE = date(2025, 6, 23) + days(20) + days(1)


class TestExtractionDeadline(CommonRuleTests):
    """The current vendor delivers the extraction within 21 days."""

    rule = EXTRACTION_DEADLINE
    constant = "EXTRACTION_DEADLINE"
    examples = {
        Status.COMPLIANT: (spec_case(), at("2025-09-01T12:00:00-04:00")),
        Status.VIOLATION: (
            change(spec_case(), extraction__delivered_on=DUE + days(1)),
            noon(DUE + days(5)),
        ),
        Status.PENDING: (minimal_case(), noon(DUE)),
        Status.NOT_APPLICABLE: (
            minimal_case(request_transmitted_at=at("2021-10-27T10:00:00-04:00")),
            noon(date(2021, 12, 1)),
        ),
    }
    unreachable = {Status.INSUFFICIENT_DATA: "the request date, always present, is all it needs"}

    def test_due_date_arithmetic(self):
        """2025-06-23 + 20 days is a Sunday, extended to Monday 2025-07-14."""
        assert date(2025, 7, 14) == DUE
        assert DUE == EXTRACTION_DEADLINE.due(SENT)

    def test_delivered_on_the_due_date_is_compliant(self):
        """Delivery on the due date itself is on time."""
        found = self.finding(change(spec_case(), extraction__delivered_on=DUE), noon(DUE))
        assert (Status.COMPLIANT, DUE, DUE) == (found.status, found.due, found.act_on)
        assert "procedure-2024" == found.interpretation

    def test_delivered_a_day_late(self):
        """Delivered Tue 07-15: one day and one business day late."""
        found = self.finding(
            change(spec_case(), extraction__delivered_on=DUE + days(1)), noon(DUE + days(9))
        )
        assert (Status.VIOLATION, 1, 1) == (found.status, found.days_late, found.business_days_late)

    def test_pending_until_24_00_of_the_due_date(self):
        """No delivery: pending at 23:59 and at 24:00 of the due date, overdue one second later."""
        case = minimal_case()
        last_minute = self.finding(case, at("2025-07-14T23:59:00-04:00"))
        assert (Status.PENDING, 0, 0) == (
            last_minute.status,
            last_minute.days_left,
            last_minute.business_days_left,
        )
        assert Status.PENDING == self.finding(case, at("2025-07-15T00:00:00-04:00")).status
        overdue = self.finding(case, at("2025-07-15T00:00:01-04:00"))
        assert (Status.VIOLATION, 1, 1) == (
            overdue.status,
            overdue.days_late,
            overdue.business_days_late,
        )
        assert overdue.details["overdue"] is True

    def test_days_left(self):
        """On Mon 2025-07-07: 7 days and 5 business days left to Mon 07-14."""
        found = self.finding(minimal_case(), noon(date(2025, 7, 7)))
        assert (7, 5) == (found.days_left, found.business_days_left)

    def test_delivery_after_as_of_is_ignored(self):
        """Seen on 07-09, a delivery dated 07-10 has not happened yet: pending."""
        found = self.finding(spec_case(), noon(date(2025, 7, 9)))
        assert Status.PENDING == found.status
        assert found.act_on is None
        assert "$.extraction.delivered_on" == found.details["ignored"]

    def test_version_1_counts_as_civil_procedure(self):
        """Request Fri 2022-03-04: 2022-03-04 + 21 days = Fri 2022-03-25 (version 1)."""
        case = minimal_case(request_transmitted_at=at("2022-03-04T10:00:00-05:00"))
        found = self.finding(case, noon(date(2022, 3, 10)))
        assert ("1", "civil-procedure") == (found.rule_version, found.interpretation)
        assert date(2022, 3, 4) + days(21) == found.due

    def test_alternative_reading(self):
        """Chosen procedure-2024 for v1: Mon 03-07 + 20 days = Sun 03-27, extended to Mon 03-28."""
        case = minimal_case(request_transmitted_at=at("2022-03-04T10:00:00-05:00"))
        found = self.finding(case, noon(date(2022, 3, 10)), readings=[PROCEDURE_2024])
        assert ("procedure-2024", date(2022, 3, 28)) == (found.interpretation, found.due)
        assert date(2022, 3, 28) == EXTRACTION_DEADLINE.due(
            at("2022-03-04T10:00:00-05:00"), reading=PROCEDURE_2024
        )

    def test_civil_reading_of_version_2(self):
        """Chosen civil-procedure for v2: 2025-06-20 + 21 days = Fri 2025-07-11."""
        assert date(2025, 6, 20) + days(21) == EXTRACTION_DEADLINE.due(
            SENT, reading=CIVIL_PROCEDURE
        )

    def test_reading_not_allowed(self):
        """A reading the version does not offer is refused."""
        with pytest.raises(InvalidArgumentError, match="reading: expected one of procedure-2024"):
            EXTRACTION_DEADLINE.due(SENT, reading=OFFICE_HOURS)

    def test_due_before_the_rule_exists(self):
        """due() for a request before 2021-10-28 raises NotInForceError."""
        with pytest.raises(NotInForceError, match="in force from 2021-10-28"):
            EXTRACTION_DEADLINE.due(at("2021-10-27T12:00:00-04:00"))
