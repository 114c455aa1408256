"""Tests for IMPORT_DEADLINE."""

from __future__ import annotations

from datetime import date

import pytest

from dme_rules import IMPORT_DEADLINE, Status
from dme_rules.jurisdictions.qc.readings import CLINIC_DELAY_NOTED, SCOPE_REQUIRED

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
    }
    unreachable = {
        Status.INSUFFICIENT_DATA: "only under scope-required (tested below): the default "
        "presumes an unknown scope standard, and the request date is all else it needs"
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

    def test_unknown_scope_is_presumed_standard(self):
        """Scope unknown, default scope-presumed-standard: judged as standard (late is a
        violation); under scope-required, late is insufficient_data naming the field and
        on time stays compliant."""
        on_time = change(spec_case(), standard_scope=None)
        late = change(LATE, standard_scope=None)
        assert Status.VIOLATION == self.finding(late, noon(DUE + days(20))).status
        assert Status.COMPLIANT == self.finding(on_time, noon(DUE)).status
        required = self.finding(late, noon(DUE + days(20)), readings=[SCOPE_REQUIRED])
        assert (Status.INSUFFICIENT_DATA, "$.standard_scope", "scope_unknown") == (
            required.status,
            required.details["missing"],
            required.reason,
        )
        assert "scope-required" in required.readings
        assert Status.COMPLIANT == (
            self.finding(on_time, noon(DUE), readings=[SCOPE_REQUIRED]).status
        )

    # Validation due Thu 07-24 (07-15 + 7 business days: 16, 17, 18, 21, 22, 23, 24).
    @pytest.mark.parametrize(
        ("validated_on", "completed_on", "extends", "noted"),
        [
            # Validated Fri 07-25, 1 business day late: due 08-06 + 1 business day = 08-07.
            (date(2025, 7, 25), date(2025, 8, 7), Status.COMPLIANT, Status.VIOLATION),
            (date(2025, 7, 25), date(2025, 8, 8), Status.VIOLATION, Status.VIOLATION),
            # Validated Mon 07-28, 2 business days (25, 28) late: due 08-08.
            (date(2025, 7, 28), date(2025, 8, 8), Status.COMPLIANT, Status.VIOLATION),
            (date(2025, 7, 28), date(2025, 8, 11), Status.VIOLATION, Status.VIOLATION),
            # Validated on its due date: no delay, due 08-06 under both readings.
            (date(2025, 7, 24), date(2025, 8, 7), Status.VIOLATION, Status.VIOLATION),
        ],
    )
    def test_the_clinic_delay_moves_the_due_date(self, validated_on, completed_on, extends, noted):
        """clinic-delay-extends (default) moves the import's due date by the clinic's business
        days of delay; clinic-delay-noted keeps the statutory date."""
        case = change(spec_case(), preanalysis__validated_on=validated_on,
                      import__completed_on=completed_on)  # fmt: skip
        as_of = noon(DUE + days(20))
        assert extends == self.finding(case, as_of).status
        assert noted == self.finding(case, as_of, readings=[CLINIC_DELAY_NOTED]).status

    def test_a_missing_validation_keeps_moving_the_due_date(self):
        """Not validated: seen Wed 08-06, the delay runs from 07-24 to 08-06, 9 business days
        (25, 28, 29, 30, 31 July, 1, 4, 5, 6 August): due 08-06 + 9 business days = 08-19."""
        case = change(spec_case(), preanalysis__validated_on=None, import__completed_on=None)
        found = self.finding(case, noon(DUE))
        assert (Status.PENDING, date(2025, 8, 19), DUE) == (
            found.status, found.due, found.details["statutory_due"]
        )  # fmt: skip
        assert 9 == found.details["clinic_delay"]["business_days_late"]

    def test_clinic_delay_is_mentioned(self):
        """Validated Mon 07-28, 2 business days late: the finding says so and says the due
        date moved, in both languages."""
        case = change(LATE, preanalysis__validated_on=date(2025, 7, 28))
        found = self.finding(case, noon(DUE + days(20)))
        assert (Status.COMPLIANT, date(2025, 8, 8)) == (found.status, found.due)
        assert {
            "validation_due": date(2025, 7, 24),
            "validated_on": date(2025, 7, 28),
            "days_late": 4,
            "business_days_late": 2,
        } == found.details["clinic_delay"]
        assert "2 jour(s) ouvrable(s) de retard" in found.message("fr")
        assert "échéance légale 2025-08-06" in found.message("fr")
        assert "2 business day(s) late" in found.message("en")
        noted = self.finding(case, noon(DUE + days(20)), readings=[CLINIC_DELAY_NOTED])
        assert (Status.VIOLATION, DUE) == (noted.status, noted.due)
        assert "statutory_due" not in noted.details
        assert "2 business day(s) late" in noted.message("en")

    def test_no_clinic_delay_when_validated_on_time(self):
        """The SPEC example's clinic validated on 07-23, in time: no mention."""
        assert "clinic_delay" not in self.finding(spec_case(), noon(DUE)).details


class TestClinicDelayEdges:
    """The clinic's delay at its edges (SPEC §3.1: due = add_business_days(due, k))."""

    def finding(self, case, as_of, **options):
        (found,) = IMPORT_DEADLINE.check(case, as_of, **options)
        return found

    def test_a_delay_of_no_business_day_rolls_a_saturday_due_forward(self):
        """Request Wed 2025-06-25: day 1 Thu 06-26 + 44 days = Sat 08-09, kept under
        interpretation-act. Submitted Wed 07-16, the validation is due Fri 07-25 (17, 18, 21,
        22, 23, 24, 25) and comes Sat 07-26: late, by 0 business days, so the import is due
        add_business_days(Sat 08-09, 0) = Mon 08-11 and an import that day is on time."""
        case = change(
            minimal_case(request_transmitted_at=at("2025-06-25T13:00:00-04:00")),
            preanalysis__submitted_on=date(2025, 7, 16),
            preanalysis__validated_on=date(2025, 7, 26),
            import__completed_on=date(2025, 8, 11),
        )
        found = self.finding(case, noon(date(2025, 9, 1)), readings=["interpretation-act"])
        assert (Status.COMPLIANT, date(2025, 8, 11), date(2025, 8, 9)) == (
            found.status, found.due, found.details["statutory_due"]
        )  # fmt: skip
        noted = self.finding(
            case, noon(date(2025, 9, 1)), readings=["interpretation-act", "clinic-delay-noted"]
        )
        assert (Status.VIOLATION, date(2025, 8, 9)) == (noted.status, noted.due)

    def test_a_non_standard_scope_reports_the_statutory_date(self):
        """Non-standard scope, clinic 4 business days late: not_applicable with 08-06, the
        statutory date, not the date the delay would give."""
        case = change(spec_case(), standard_scope=False,
                      preanalysis__validated_on=date(2025, 7, 30))  # fmt: skip
        found = self.finding(case, noon(DUE + days(20)))
        assert (Status.NOT_APPLICABLE, DUE, "non_standard_scope") == (
            found.status, found.due, found.reason
        )  # fmt: skip
