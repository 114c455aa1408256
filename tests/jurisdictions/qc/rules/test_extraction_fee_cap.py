"""Tests for EXTRACTION_FEE_CAP."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from dme_rules import EXTRACTION_FEE_CAP, InvalidArgumentError, Status

from ....cases import at, change, minimal_case, noon, spec_case
from ....common import CommonRuleTests

AS_OF = at("2025-09-01T12:00:00-04:00")
#: The SPEC example's delivery (Thu 10 July 2025).
DELIVERED = date(2025, 7, 10)


class TestExtractionFeeCap(CommonRuleTests):
    """$500 per practitioner at most."""

    rule = EXTRACTION_FEE_CAP
    constant = "EXTRACTION_FEE_CAP"
    examples = {
        Status.COMPLIANT: (spec_case(), AS_OF),
        Status.VIOLATION: (change(spec_case(), extraction__fee=Decimal("2000.01")), AS_OF),
        Status.INSUFFICIENT_DATA: (
            change(minimal_case(), extraction__delivered_on=DELIVERED),
            AS_OF,
        ),
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
        """Delivered, no fee recorded: insufficient_data naming $.extraction.fee, the cap
        still given."""
        found = self.finding(change(minimal_case(), extraction__delivered_on=DELIVERED), AS_OF)
        assert (Status.INSUFFICIENT_DATA, "$.extraction.fee") == (
            found.status,
            found.details["missing"],
        )
        assert Decimal("2000") == found.cap


class TestFeeSeenWithTheDelivery:
    """A fee is seen with its act: the delivery of the extraction (SPEC §4)."""

    def finding(self, case, as_of):
        (found,) = EXTRACTION_FEE_CAP.check(case, as_of)
        return found

    def test_fresh_request_is_not_charged_yet(self):
        """Neither a delivery nor a fee recorded: not_applicable, not_yet_charged (the cap,
        4 x $500 = $2,000, still given)."""
        found = self.finding(minimal_case(), AS_OF)
        assert (Status.NOT_APPLICABLE, "not_yet_charged", Decimal("2000")) == (
            found.status,
            found.reason,
            found.cap,
        )

    def test_a_fee_recorded_before_the_delivery_is_judged(self):
        """A fee recorded, no delivery: judged ($2,500 > 4 x $500 = $2,000)."""
        found = self.finding(change(minimal_case(), extraction__fee=Decimal("2500")), AS_OF)
        assert (Status.VIOLATION, Decimal("500")) == (found.status, found.details["excess"])

    @pytest.mark.parametrize(
        ("as_of", "status", "amount"),
        [
            # Delivered 07-10, $2,500 charged: seen from 07-10 on, not the day before.
            (noon(DELIVERED - timedelta(days=1)), Status.NOT_APPLICABLE, None),
            (noon(DELIVERED), Status.VIOLATION, Decimal("2500")),
        ],
    )
    def test_a_delivery_after_as_of_hides_its_fee(self, as_of, status, amount):
        """A delivery dated after as_of hides its fee: the case as it stood on 07-09 had no
        fee to judge (the delivery named as ignored); on 07-10 the fee is judged."""
        case = change(minimal_case(), extraction__delivered_on=DELIVERED,
                      extraction__fee=Decimal("2500"))  # fmt: skip
        found = self.finding(case, as_of)
        assert (status, amount) == (found.status, found.amount)
        if status is Status.NOT_APPLICABLE:
            assert ("not_yet_charged", "$.extraction.delivered_on") == (
                found.reason,
                found.details["ignored"],
            )

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            (noon(DELIVERED - timedelta(days=1)), Status.NOT_APPLICABLE),  # 07-09: not yet
            (noon(DELIVERED), Status.INSUFFICIENT_DATA),  # 07-10: delivered, fee unknown
        ],
    )
    def test_unknown_fee_is_missing_once_delivered(self, as_of, status):
        """Delivered 07-10 without a fee: the fee is missing from the day of the delivery."""
        case = change(minimal_case(), extraction__delivered_on=DELIVERED)
        assert status == self.finding(case, as_of).status

    @pytest.mark.parametrize("practitioners", [0, -1, True, 1.5])
    def test_bad_practitioners(self, practitioners):
        """cap() refuses anything but a positive integer."""
        with pytest.raises(InvalidArgumentError, match="practitioners: expected a positive"):
            EXTRACTION_FEE_CAP.cap(practitioners)
