"""Tests for READ_ONLY_ACCESS."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pendulum
import pytest

from dme_rules import READ_ONLY_ACCESS, InvalidArgumentError, ReadOnlyAccess, Status
from dme_rules.jurisdictions.qc.readings import NINETY_DAYS

from ....cases import at, change, days, minimal_case, noon, spec_case
from ....common import CommonRuleTests

# Migrated 2025-08-05 (version 2, later-of-both): the later of 2025-08-05 + 3 months =
# 2025-11-05 and 2025-08-05 + 90 days = 2025-11-03.
REQUIRED = date(2025, 11, 5)
NINETY = date(2025, 8, 5) + days(90)


def three_months(day: date) -> date:
    """``day`` + 3 calendar months clamped to the month's end, by pendulum (an oracle
    independent of the library's month arithmetic)."""
    later = pendulum.date(day.year, day.month, day.day).add(months=3)
    return date(later.year, later.month, later.day)


class TestReadOnlyAccess(CommonRuleTests):
    """Free read-only access for three months (v1), or the later of three months and 90
    days (v2, later-of-both; ninety-days as the alternative)."""

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
        """Migrated 2025-08-05: later-of-both 11-05 (3 months), ninety-days 11-03."""
        assert REQUIRED == READ_ONLY_ACCESS.required_until(date(2025, 8, 5))
        assert (
            NINETY
            == date(2025, 11, 3)
            == READ_ONLY_ACCESS.required_until(date(2025, 8, 5), reading=NINETY_DAYS)
        )

    def test_later_of_both_against_an_oracle(self):
        """For every migration date of 2024 (a leap year), v2 requires the later of the
        oracle's three months and 90 days; ninety-days is shorter on 304 of the 366 dates,
        by one or two days."""
        shorter = []
        for offset in range(366):
            migrated = date(2024, 1, 1) + days(offset)
            both = READ_ONLY_ACCESS.required_until(migrated)
            ninety = READ_ONLY_ACCESS.required_until(migrated, reading=NINETY_DAYS)
            assert max(three_months(migrated), migrated + days(90)) == both
            assert migrated + days(90) == ninety
            if both != ninety:
                shorter.append((both - ninety).days)
        assert 304 == len(shorter)
        assert {1, 2} == set(shorter)

    def test_pending_while_the_period_runs(self):
        """On 09-01: 2025-11-05 - 2025-09-01 = 65 days left; the planned end is in details."""
        found = self.finding(spec_case(), at("2025-09-01T12:00:00-04:00"))
        assert (Status.PENDING, REQUIRED, 65) == (found.status, found.due, found.days_left)
        assert found.act_on is None
        assert REQUIRED == found.details["planned_until"]
        assert ("later-of-both", "court-calendar") == found.readings

    def test_access_until_the_required_day_is_compliant(self):
        """Access until 11-05 inclusive, seen on 11-06: compliant; the message says the
        access's last day as such, not as an act « fait le » after its due date."""
        found = self.finding(spec_case(), noon(REQUIRED + days(1)))
        assert (Status.COMPLIANT, REQUIRED) == (found.status, found.act_on)
        assert "échéance 2025-11-05\u00a0; accès jusqu'au 2025-11-05." in found.message("fr")
        assert "due 2025-11-05; access until 2025-11-05." in found.message("en")

    def test_ninety_days_ends_two_days_before(self):
        """Access until 11-03 (the procedure's 90 days), seen 11-10: two days short under
        later-of-both, compliant under ninety-days."""
        case = change(spec_case(), read_only_access__until=NINETY)
        both = self.finding(case, noon(date(2025, 11, 10)))
        ninety = self.finding(case, noon(date(2025, 11, 10)), readings=[NINETY_DAYS])
        assert (Status.VIOLATION, 2) == (both.status, both.details["days_short"])
        assert (Status.COMPLIANT, NINETY, ("ninety-days", "court-calendar")) == (
            ninety.status, ninety.due, ninety.readings
        )  # fmt: skip

    def test_access_ended_early(self):
        """Access ended 10-31, seen 11-10: 2025-11-05 - 2025-10-31 = 5 days short."""
        case = change(spec_case(), read_only_access__until=date(2025, 10, 31))
        found = self.finding(case, noon(date(2025, 11, 10)))
        assert (Status.VIOLATION, 5) == (found.status, found.details["days_short"])

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

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            (noon(date(2025, 8, 4)), Status.NOT_APPLICABLE),  # migrated 08-05: not yet seen
            (noon(date(2025, 8, 5)), Status.VIOLATION),  # the day of the migration: seen
        ],
    )
    def test_a_migration_after_as_of_hides_the_fee(self, as_of, status):
        """$50 charged for the access of a migration on 08-05: the fee is seen with the
        migration, from 08-05 on (on 08-04 the migration, and its fee, are ignored)."""
        found = self.finding(change(spec_case(), read_only_access__fee=Decimal("50")), as_of)
        assert status == found.status

    @pytest.mark.parametrize(
        ("fee", "status", "reason"),
        [
            ("50", Status.VIOLATION, "access_fee_charged"),
            ("0", Status.NOT_APPLICABLE, "not_migrated"),
            (None, Status.NOT_APPLICABLE, "not_migrated"),
        ],
    )
    def test_a_fee_charged_without_a_migration_is_judged(self, fee, status, reason):
        """No migration recorded: a fee charged for the access is judged (a violation against
        $0); a free or unknown fee leaves nothing to judge before the migration."""
        case = minimal_case(
            read_only_access=ReadOnlyAccess(fee=None if fee is None else Decimal(fee))
        )
        found = self.finding(case, noon(REQUIRED))
        assert (status, reason) == (found.status, found.reason)

    def test_unknown_fee_is_insufficient_data(self):
        """No fee recorded: insufficient data naming the fee, while the access runs and after
        it (free access is the obligation); an early end is a violation all the same."""
        case = attrs.evolve(spec_case(), read_only_access=ReadOnlyAccess(until=REQUIRED))
        for as_of in (at("2025-09-01T12:00:00-04:00"), noon(REQUIRED + days(1))):
            found = self.finding(case, as_of)
            assert (Status.INSUFFICIENT_DATA, "$.read_only_access.fee") == (
                found.status, found.details["missing"]
            )  # fmt: skip
        early = change(case, read_only_access__until=date(2025, 10, 31))
        assert Status.VIOLATION == self.finding(early, noon(date(2025, 11, 10))).status
        no_block = self.finding(change(spec_case(), read_only_access=None), noon(REQUIRED))
        assert "$.read_only_access.fee" == no_block.details["missing"]

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

    def test_versions_agree_by_default(self):
        """Migrated 2024-03-31: 3 months = 06-30 (v1, request 2023-12-31); v2 the later of
        06-30 and 03-31 + 90 days = 06-29, so 06-30; v2 under ninety-days 06-29; v1 allows no
        reading."""
        assert date(2024, 6, 30) == READ_ONLY_ACCESS.required_until(
            date(2024, 3, 31), requested_on=date(2023, 12, 31)
        )
        assert date(2024, 6, 30) == READ_ONLY_ACCESS.required_until(
            date(2024, 3, 31), requested_on=date(2024, 1, 1)
        )
        assert date(2024, 3, 31) + days(90) == READ_ONLY_ACCESS.required_until(
            date(2024, 3, 31), requested_on=date(2024, 1, 1), reading=NINETY_DAYS
        )
        with pytest.raises(InvalidArgumentError, match="reading"):
            READ_ONLY_ACCESS.required_until(
                date(2024, 3, 31), requested_on=date(2023, 12, 31), reading=NINETY_DAYS
            )
