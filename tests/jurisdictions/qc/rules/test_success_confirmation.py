"""Tests for SUCCESS_CONFIRMATION."""

from __future__ import annotations

from datetime import date

from dme_rules import SUCCESS_CONFIRMATION, Status

from ....cases import at, change, minimal_case, noon, spec_case
from ....common import CommonRuleTests

AS_OF = at("2025-09-01T12:00:00-04:00")


class TestSuccessConfirmation(CommonRuleTests):
    """Each vendor that completed its operation confirms it succeeded."""

    rule = SUCCESS_CONFIRMATION
    constant = "SUCCESS_CONFIRMATION"
    examples = {
        Status.COMPLIANT: (spec_case(), AS_OF),
        Status.VIOLATION: (change(spec_case(), extraction__confirmed_on=None), AS_OF),
        Status.NOT_APPLICABLE: (minimal_case(), AS_OF),
    }
    unreachable = {
        Status.PENDING: "only under unconfirmed-is-pending (tested below): the sources set no "
        "time limit for the confirmation",
        Status.INSUFFICIENT_DATA: "an operation not recorded as completed has nothing to confirm",
    }

    def test_unconfirmed_is_a_violation_or_pending_by_the_reading(self):
        """An extraction completed on 07-10 without confirmation: a violation by default,
        pending with no due date under unconfirmed-is-pending; confirmed, compliant under
        both."""
        case = change(spec_case(), extraction__confirmed_on=None)
        default = self.finding(case, AS_OF)
        pending = self.finding(case, AS_OF, readings=["unconfirmed-is-pending"])
        assert (Status.VIOLATION, ("unconfirmed-is-violation",)) == (
            default.status, default.readings
        )  # fmt: skip
        assert (Status.PENDING, None, "source_vendor") == (
            pending.status, pending.due, pending.obligated_party
        )  # fmt: skip
        for readings in ((), ("unconfirmed-is-pending",)):
            assert Status.COMPLIANT == self.finding(spec_case(), AS_OF, readings=readings).status

    def test_both_confirmed(self):
        """Both operations completed and confirmed: compliant, both detailed."""
        found = self.finding(spec_case(), AS_OF)
        operations = found.details["operations"]
        assert {"extraction", "import"} == set(operations)
        assert all(operation["confirmed"] for operation in operations.values())

    def test_the_party_at_fault(self):
        """An unconfirmed extraction binds the source vendor; an import, the target vendor."""
        extraction = self.finding(change(spec_case(), extraction__confirmed_on=None), AS_OF)
        imported = self.finding(change(spec_case(), import__confirmed_on=None), AS_OF)
        both = self.finding(
            change(spec_case(), extraction__confirmed_on=None, import__confirmed_on=None), AS_OF
        )
        assert "source_vendor" == extraction.obligated_party
        assert "target_vendor" == imported.obligated_party
        assert "source_vendor+target_vendor" == both.obligated_party

    def test_only_completed_operations_count(self):
        """Extraction confirmed, import not completed yet: compliant on the extraction alone."""
        case = change(spec_case(), import__completed_on=None, import__confirmed_on=None)
        found = self.finding(case, AS_OF)
        assert Status.COMPLIANT == found.status
        assert {"extraction"} == set(found.details["operations"])

    def test_confirmation_after_as_of_is_ignored(self):
        """Seen on 07-10, the extraction delivered that day is not confirmed yet (07-11)."""
        found = self.finding(spec_case(), noon(date(2025, 7, 10)))
        assert (Status.VIOLATION, "source_vendor") == (found.status, found.obligated_party)

    def test_confirmation_before_completion(self):
        """A confirmation dated before the completion does not count."""
        case = change(spec_case(), extraction__confirmed_on=date(2025, 7, 9))
        found = self.finding(case, AS_OF)
        assert Status.VIOLATION == found.status
        assert "confirmed_before_completion" == found.details["operations"]["extraction"]["reason"]
