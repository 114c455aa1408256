"""Tests for PREANALYSIS_VALIDATION."""

from __future__ import annotations

from datetime import date

import pytest

from dme_rules import PREANALYSIS_VALIDATION, Status

from ....cases import at, change, minimal_case, noon, spec_case
from ....common import CommonRuleTests

# Submitted Tue 2025-07-15: 16 (1), 17 (2), 18 (3), 21 (4), 22 (5), 23 (6), Thu 24 (7).
DUE = date(2025, 7, 24)


class TestPreanalysisValidation(CommonRuleTests):
    """The clinic validates the pre-analysis within 7 business days."""

    rule = PREANALYSIS_VALIDATION
    constant = "PREANALYSIS_VALIDATION"
    examples = {
        Status.COMPLIANT: (spec_case(), noon(DUE)),
        Status.VIOLATION: (
            change(spec_case(), preanalysis__validated_on=date(2025, 7, 25)),
            noon(date(2025, 8, 1)),
        ),
        Status.PENDING: (change(spec_case(), preanalysis__validated_on=None), noon(DUE)),
        Status.NOT_APPLICABLE: (minimal_case(), noon(DUE)),
        Status.INSUFFICIENT_DATA: (
            change(spec_case(), preanalysis__submitted_on=None),
            noon(DUE),
        ),
    }

    def test_due(self):
        """Seven business days after Tue 07-15 is Thu 07-24."""
        assert DUE == PREANALYSIS_VALIDATION.due(date(2025, 7, 15))
        assert DUE == self.finding(spec_case(), noon(DUE)).due

    def test_seven_business_days_over_a_holiday(self):
        """Submitted Fri 2025-06-20: 23, 25, 26, 27, 30 June, 2, 3 July (24 June, 1 July off)."""
        assert date(2025, 7, 3) == PREANALYSIS_VALIDATION.due(date(2025, 6, 20))

    def test_both_sides_of_the_due_date(self):
        """Validated Thu 07-24: on time; Fri 07-25: one day late."""
        on_time = self.finding(change(spec_case(), preanalysis__validated_on=DUE), noon(DUE))
        late = self.finding(
            change(spec_case(), preanalysis__validated_on=date(2025, 7, 25)), noon(date(2025, 8, 1))
        )
        assert Status.COMPLIANT == on_time.status
        assert (1, 1) == (late.days_late, late.business_days_late)

    def test_overdue_after_the_due_date(self):
        """Not validated, seen Mon 07-28: 4 days, 2 business days (25, 28) overdue."""
        found = self.finding(
            change(spec_case(), preanalysis__validated_on=None), at("2025-07-28T09:00:00-04:00")
        )
        assert (Status.VIOLATION, 4, 2) == (found.status, found.days_late, found.business_days_late)

    def test_submission_after_as_of_is_ignored(self):
        """Seen on 07-14, the submission of 07-15 has not happened: not_applicable."""
        found = self.finding(spec_case(), noon(date(2025, 7, 14)))
        assert (Status.NOT_APPLICABLE, "$.preanalysis.submitted_on") == (
            found.status,
            found.details["ignored"],
        )

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            # Validated Wed 07-23 without a submission date: on 07-22 nothing is recorded
            # yet; from 07-23 on, the validation cannot be judged.
            (noon(date(2025, 7, 22)), Status.NOT_APPLICABLE),
            (noon(date(2025, 7, 23)), Status.INSUFFICIENT_DATA),
        ],
    )
    def test_a_validation_without_its_submission_cannot_be_judged(self, as_of, status):
        """A validation recorded without the pre-analysis's submission date: insufficient_data
        naming $.preanalysis.submitted_on (not the not_submitted of a missing pre-analysis)."""
        found = self.finding(change(spec_case(), preanalysis__submitted_on=None), as_of)
        assert status == found.status
        if status is Status.INSUFFICIENT_DATA:
            assert ("$.preanalysis.submitted_on", "submission_unknown", date(2025, 7, 23)) == (
                found.details["missing"],
                found.reason,
                found.act_on,
            )
        else:
            assert ("not_submitted", "$.preanalysis.validated_on") == (
                found.reason,
                found.details["ignored"],
            )
