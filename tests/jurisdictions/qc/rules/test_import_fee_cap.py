"""Tests for IMPORT_FEE_CAP."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dme_rules import IMPORT_FEE_CAP, InvalidArgumentError, Status

from ....cases import at, change, minimal_case, noon, spec_case
from ....common import CommonRuleTests

AS_OF = at("2025-09-01T12:00:00-04:00")


class TestImportFeeCap(CommonRuleTests):
    """$500 (same solution) or $1,500 (different solution) per practitioner at most."""

    rule = IMPORT_FEE_CAP
    constant = "IMPORT_FEE_CAP"
    examples = {
        Status.COMPLIANT: (spec_case(), AS_OF),
        Status.VIOLATION: (change(spec_case(), import__fee=Decimal("6000.01")), AS_OF),
        Status.INSUFFICIENT_DATA: (minimal_case(), AS_OF),
        Status.NOT_APPLICABLE: (
            minimal_case(request_transmitted_at=at("2021-10-27T10:00:00-04:00")),
            noon(date(2021, 12, 1)),
        ),
    }
    unreachable = {Status.PENDING: "a cap has no deadline"}

    def test_caps(self):
        """4 practitioners: 4 x $500 = $2,000 same solution; 4 x $1,500 = $6,000 otherwise."""
        assert Decimal(4 * 500) == IMPORT_FEE_CAP.cap(4, same_solution=True)
        assert Decimal(4 * 1500) == IMPORT_FEE_CAP.cap(4, same_solution=False)

    @pytest.mark.parametrize(
        ("source", "target", "same", "cap"),
        [
            ("Omnimed", "MYLE", False, 4 * 1500),
            ("Toubib", "Omnimed", False, 4 * 1500),  # same vendor, different product
            ("medesync", "Médesync", True, 4 * 500),  # case and accents do not matter
            ("  MÉDESYNC ", "Medesync", True, 4 * 500),
        ],
    )
    def test_same_solution_is_the_same_product(self, source, target, same, cap):
        """The cap depends on the product, compared case- and accent-insensitively."""
        case = minimal_case(source_solution=source, target_solution=target)
        found = self.finding(case, AS_OF)
        assert (same, Decimal(cap)) == (found.details["same_solution"], found.cap)
        assert "unknown_solutions" not in found.details

    def test_unknown_solution_flagged(self):
        """A solution outside the directory is compared by name and flagged."""
        case = minimal_case(source_solution="Acme DME", target_solution="acme dme")
        found = self.finding(case, AS_OF)
        assert (True, Decimal(2000)) == (found.details["same_solution"], found.cap)
        assert ["Acme DME", "acme dme"] == found.details["unknown_solutions"]

    @pytest.mark.parametrize(
        ("fee", "status"), [("6000", Status.COMPLIANT), ("6000.01", Status.VIOLATION)]
    )
    def test_both_sides_of_the_cap(self, fee, status):
        """At $6,000 compliant; a cent above, a violation."""
        assert status == self.finding(change(spec_case(), import__fee=Decimal(fee)), AS_OF).status

    def test_same_solution_must_be_a_bool(self):
        """cap() refuses a same_solution that is not a bool."""
        with pytest.raises(InvalidArgumentError, match="same_solution"):
            IMPORT_FEE_CAP.cap(4, same_solution="yes")
