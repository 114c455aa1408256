"""Tests for READ_ONLY_ACCESS."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from dme_rules import READ_ONLY_ACCESS, ReadOnlyAccess, Status

from ....cases import at, change, days, minimal_case, noon, spec_case
from ....common import CommonRuleTests

# Migrated 2025-08-05 (version 2): 2025-08-05 + 90 days = 2025-11-03.
REQUIRED = date(2025, 8, 5) + days(90)


class TestReadOnlyAccess(CommonRuleTests):
    """Free read-only access for three months (v1) or at least 90 days (v2)."""

    rule = READ_ONLY_ACCESS
    constant = "READ_ONLY_ACCESS"
    examples = {
        Status.COMPLIANT: (spec_case(), noon(REQUIRED + days(1))),
        Status.VIOLATION: (
            change(spec_case(), read_only_access__fee=Decimal("50")),
            noon(REQUIRED),
        ),
        Status.PENDING: (spec_case(), at("2025-09-01T12:00:00-04:00")),
        Status.NOT_APPLICABLE: (minimal_case(), noon(REQUIRED)),
        Status.INSUFFICIENT_DATA: (
            change(spec_case(), read_only_access__until=None),
            noon(REQUIRED + days(1)),
        ),
    }

    def test_required_date(self):
        """2025-08-05 + 90 days = 2025-11-03."""
        assert date(2025, 11, 3) == REQUIRED == READ_ONLY_ACCESS.required_until(date(2025, 8, 5))

    def test_pending_while_the_period_runs(self):
        """On 09-01: 2025-11-03 - 2025-09-01 = 63 days left; the planned end is in details."""
        found = self.finding(spec_case(), at("2025-09-01T12:00:00-04:00"))
        assert (Status.PENDING, REQUIRED, 63) == (found.status, found.due, found.days_left)
        assert found.act_on is None
        assert REQUIRED == found.details["planned_until"]

    def test_access_until_the_required_day_is_compliant(self):
        """Access until 11-03 inclusive, seen on 11-04: compliant."""
        found = self.finding(spec_case(), noon(REQUIRED + days(1)))
        assert (Status.COMPLIANT, REQUIRED) == (found.status, found.act_on)

    def test_access_ended_early(self):
        """Access ended 10-31, seen 11-10: 2025-11-03 - 2025-10-31 = 3 days short."""
        case = change(spec_case(), read_only_access__until=date(2025, 10, 31))
        found = self.finding(case, noon(date(2025, 11, 10)))
        assert (Status.VIOLATION, 3) == (found.status, found.details["days_short"])

    def test_planned_early_end_is_flagged_while_pending(self):
        """Seen on 09-01, an end planned for 10-31 has not happened: pending, flagged."""
        case = change(spec_case(), read_only_access__until=date(2025, 10, 31))
        found = self.finding(case, at("2025-09-01T12:00:00-04:00"))
        assert (Status.PENDING, "planned_end_too_early") == (found.status, found.details["reason"])

    def test_a_fee_is_a_violation(self):
        """Charging $50 for the access: a violation against a cap of $0."""
        found = self.finding(
            change(spec_case(), read_only_access__fee=Decimal("50")), noon(REQUIRED)
        )
        assert (Status.VIOLATION, Decimal("50"), Decimal("0")) == (
            found.status,
            found.amount,
            found.cap,
        )

    def test_unknown_fee_is_noted(self):
        """No fee recorded: the finding says the fee is unknown."""
        case = attrs.evolve(spec_case(), read_only_access=ReadOnlyAccess(until=REQUIRED))
        assert "unknown" == self.finding(case, noon(REQUIRED + days(1))).details["fee"]

    def test_version_1_counts_three_months_clamped(self):
        """Request 2022-11-01, migrated 2023-01-31: + 3 months = 2023-04-30 (clamped)."""
        case = change(
            spec_case(),
            request_transmitted_at=at("2022-11-01T10:00:00-04:00"),
            import__completed_on=date(2023, 1, 31),
            read_only_access__until=date(2023, 4, 29),
        )
        found = self.finding(case, noon(date(2023, 5, 15)))
        assert ("1", date(2023, 4, 30)) == (found.rule_version, found.due)
        assert (Status.VIOLATION, 1) == (found.status, found.details["days_short"])
        compliant = self.finding(
            change(case, read_only_access__until=date(2023, 4, 30)), noon(date(2023, 5, 15))
        )
        assert Status.COMPLIANT == compliant.status

    def test_versions_differ_by_a_day(self):
        """Migrated 2024-03-31: 3 months = 06-30 (v1, request 2023-12-31); 90 days = 06-29 (v2)."""
        assert date(2024, 6, 30) == READ_ONLY_ACCESS.required_until(
            date(2024, 3, 31), requested_on=date(2023, 12, 31)
        )
        assert date(2024, 3, 31) + days(90) == READ_ONLY_ACCESS.required_until(
            date(2024, 3, 31), requested_on=date(2024, 1, 1)
        )
