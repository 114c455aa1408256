"""Tests for EXTRACTION_FEE_CAP."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dme_rules import EXTRACTION_FEE_CAP, InvalidArgumentError, Status

from ....cases import at, change, minimal_case, noon, spec_case
from ....common import CommonRuleTests

AS_OF = at("2025-09-01T12:00:00-04:00")


class TestExtractionFeeCap(CommonRuleTests):
    """$500 per practitioner at most."""

    rule = EXTRACTION_FEE_CAP
    constant = "EXTRACTION_FEE_CAP"
    examples = {
        Status.COMPLIANT: (spec_case(), AS_OF),
        Status.VIOLATION: (change(spec_case(), extraction__fee=Decimal("2000.01")), AS_OF),
        Status.INSUFFICIENT_DATA: (minimal_case(), AS_OF),
        Status.NOT_APPLICABLE: (
            minimal_case(request_transmitted_at=at("2021-10-27T10:00:00-04:00")),
            noon(date(2021, 12, 1)),
        ),
    }
    unreachable = {Status.PENDING: "a cap has no deadline"}

    def test_cap_is_500_per_practitioner(self):
        """4 practitioners: 4 x $500 = $2,000."""
        assert Decimal(4 * 500) == EXTRACTION_FEE_CAP.cap(4)

    @pytest.mark.parametrize(
        ("fee", "status"),
        [
            ("2000.00", Status.COMPLIANT),
            ("2000.01", Status.VIOLATION),
            ("0", Status.COMPLIANT),
            ("1999.99", Status.COMPLIANT),
        ],
    )
    def test_both_sides_of_the_cap(self, fee, status):
        """At the cap or below (downward modulation) is compliant; a cent above is not."""
        found = self.finding(change(spec_case(), extraction__fee=Decimal(fee)), AS_OF)
        assert (status, Decimal(fee), Decimal("2000")) == (found.status, found.amount, found.cap)

    def test_excess_reported(self):
        """A violation reports the excess: 2000.01 - 2000 = 0.01."""
        found = self.finding(change(spec_case(), extraction__fee=Decimal("2000.01")), AS_OF)
        assert Decimal("0.01") == found.details["excess"]

    def test_missing_fee_names_the_field(self):
        """No fee recorded: insufficient_data naming $.extraction.fee, the cap still given."""
        found = self.finding(minimal_case(), AS_OF)
        assert "$.extraction.fee" == found.details["missing"]
        assert Decimal("2000") == found.cap

    @pytest.mark.parametrize("practitioners", [0, -1, True, 1.5])
    def test_bad_practitioners(self, practitioners):
        """cap() refuses anything but a positive integer."""
        with pytest.raises(InvalidArgumentError, match="practitioners: expected a positive"):
            EXTRACTION_FEE_CAP.cap(practitioners)
