"""Tests for IMPORT_DEADLINE."""

from __future__ import annotations

from datetime import date

from dme_rules import IMPORT_DEADLINE, Status

from ....cases import SENT, at, change, days, minimal_case, noon, spec_case
from ....common import CommonRuleTests

# Request Fri 2025-06-20: official start Mon 06-23; 2025-06-23 + 44 days = Wed 2025-08-06.
DUE = date(2025, 6, 23) + days(44)
LATE = change(spec_case(), import__completed_on=DUE + days(1))


class TestImportDeadline(CommonRuleTests):
    """The new vendor completes the import within 45 days."""

    rule = IMPORT_DEADLINE
    constant = "IMPORT_DEADLINE"
    examples = {
        Status.COMPLIANT: (spec_case(), at("2025-09-01T12:00:00-04:00")),
        Status.VIOLATION: (LATE, noon(DUE + days(20))),
        Status.PENDING: (minimal_case(), noon(DUE)),
        Status.NOT_APPLICABLE: (change(spec_case(), standard_scope=False), noon(DUE)),
        Status.INSUFFICIENT_DATA: (change(LATE, standard_scope=None), noon(DUE + days(20))),
    }

    def test_due_date_arithmetic(self):
        """2025-06-23 + 44 days is Wed 2025-08-06."""
        assert date(2025, 8, 6) == DUE == IMPORT_DEADLINE.due(SENT)

    def test_completed_on_the_due_date_is_compliant(self):
        """Completed Wed 08-06: on time; Thu 08-07: one day, one business day late."""
        on_time = self.finding(change(spec_case(), import__completed_on=DUE), noon(DUE))
        late = self.finding(LATE, noon(DUE + days(20)))
        assert Status.COMPLIANT == on_time.status
        assert (Status.VIOLATION, 1, 1) == (late.status, late.days_late, late.business_days_late)

    def test_non_standard_scope_reports_the_statutory_date(self):
        """A non-standard scope is not_applicable, with the 45-day date still reported."""
        found = self.finding(change(LATE, standard_scope=False), noon(DUE + days(20)))
        assert (Status.NOT_APPLICABLE, DUE) == (found.status, found.due)
        assert "non_standard_scope" == found.details["reason"]
        assert found.days_late is None

    def test_unknown_scope_matters_only_when_late(self):
        """Scope unknown: on time is compliant; late is insufficient_data naming the field."""
        on_time = self.finding(change(spec_case(), standard_scope=None), noon(DUE))
        late = self.finding(change(LATE, standard_scope=None), noon(DUE + days(20)))
        assert Status.COMPLIANT == on_time.status
        assert (Status.INSUFFICIENT_DATA, "$.standard_scope") == (
            late.status,
            late.details["missing"],
        )

    def test_clinic_delay_is_mentioned(self):
        """Pre-analysis submitted Tue 07-15 is due Thu 07-24 (7 business days: 16, 17, 18, 21,
        22, 23, 24); validated Mon 07-28, 2 business days (25, 28) late: the import finding
        says so, its status unchanged."""
        case = change(LATE, preanalysis__validated_on=date(2025, 7, 28))
        found = self.finding(case, noon(DUE + days(20)))
        assert Status.VIOLATION == found.status
        assert {
            "validation_due": date(2025, 7, 24),
            "validated_on": date(2025, 7, 28),
            "days_late": 4,
            "business_days_late": 2,
        } == found.details["clinic_delay"]
        assert "la clinique a validé la préanalyse avec 2 jour(s) ouvrable(s) de retard" in (
            found.message("fr")
        )
        assert "the clinic validated the pre-analysis 2 business day(s) late" in found.message("en")

    def test_no_clinic_delay_when_validated_on_time(self):
        """The SPEC example's clinic validated on 07-23, in time: no mention."""
        assert "clinic_delay" not in self.finding(spec_case(), noon(DUE)).details
