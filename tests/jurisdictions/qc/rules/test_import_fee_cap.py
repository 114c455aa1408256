"""Tests for IMPORT_FEE_CAP."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from dme_rules import IMPORT_FEE_CAP, InvalidArgumentError, Status

from ....cases import at, change, minimal_case, noon, spec_case
from ....common import CommonRuleTests

AS_OF = at("2025-09-01T12:00:00-04:00")
#: The SPEC example's import (Tue 5 August 2025).
IMPORTED = date(2025, 8, 5)


class TestImportFeeCap(CommonRuleTests):
    """$500 (same solution) or $1,500 (different solution) per practitioner at most."""

    rule = IMPORT_FEE_CAP
    constant = "IMPORT_FEE_CAP"
    examples = {
        Status.COMPLIANT: (spec_case(), AS_OF),
        Status.VIOLATION: (change(spec_case(), import__fee=Decimal("6000.01")), AS_OF),
        Status.INSUFFICIENT_DATA: (change(minimal_case(), import__completed_on=IMPORTED), AS_OF),
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


class TestFeeSeenWithTheImport:
    """A fee is seen with its act: the import's completion (SPEC §4)."""

    def finding(self, case, as_of):
        (found,) = IMPORT_FEE_CAP.check(case, as_of)
        return found

    def test_fresh_request_is_not_charged_yet(self):
        """Neither an import nor a fee recorded: not_applicable, not_yet_charged (the cap,
        4 x $1,500 = $6,000, still given)."""
        found = self.finding(minimal_case(), AS_OF)
        assert (Status.NOT_APPLICABLE, "not_yet_charged", Decimal("6000")) == (
            found.status,
            found.reason,
            found.cap,
        )

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            (noon(IMPORTED - timedelta(days=1)), Status.NOT_APPLICABLE),  # 08-04: not yet
            (noon(IMPORTED), Status.VIOLATION),  # 08-05: $6,500 > 4 x $1,500 = $6,000
        ],
    )
    def test_an_import_after_as_of_hides_its_fee(self, as_of, status):
        """Imported 08-05 for $6,500: the fee is judged from 08-05 on, not the day before."""
        case = change(minimal_case(), import__completed_on=IMPORTED, import__fee=Decimal("6500"))
        assert status == self.finding(case, as_of).status

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            (noon(IMPORTED - timedelta(days=1)), Status.NOT_APPLICABLE),  # 08-04: not yet
            (noon(IMPORTED), Status.INSUFFICIENT_DATA),  # 08-05: imported, fee unknown
        ],
    )
    def test_unknown_fee_is_missing_once_imported(self, as_of, status):
        """Imported 08-05 without a fee: $.import.fee is missing from the day of the import."""
        case = change(minimal_case(), import__completed_on=IMPORTED)
        found = self.finding(case, as_of)
        assert status == found.status
        if status is Status.INSUFFICIENT_DATA:
            assert "$.import.fee" == found.details["missing"]
