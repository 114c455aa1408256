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
        # Late by 08-06, perhaps not by the date the clinic's unmeasured delay would give.
        Status.INSUFFICIENT_DATA: (
            change(
                LATE, preanalysis__submitted_on=None, preanalysis__validated_on=date(2025, 8, 1)
            ),
            noon(DUE + days(20)),
        ),
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
        assert "awaiting_clinic_validation" == found.reason
        # A day later, Thu 08-07: 10 business days of delay, due 08-06 + 10 = 08-20.
        later = self.finding(case, noon(DUE + days(1)))
        assert (Status.PENDING, date(2025, 8, 20), "awaiting_clinic_validation") == (
            later.status, later.due, later.reason
        )  # fmt: skip
        noted = self.finding(case, noon(DUE), readings=[CLINIC_DELAY_NOTED])
        assert (DUE, None) == (noted.due, noted.reason)  # the date does not move

    def test_clinic_delay_is_mentioned(self):
        """Validated Mon 07-28, 2 business days late: the finding says so and says the due
        date moved, in both languages."""
        case = change(LATE, preanalysis__validated_on=date(2025, 7, 28))
        found = self.finding(case, noon(DUE + days(20)))
        assert (Status.COMPLIANT, date(2025, 8, 8)) == (found.status, found.due)
        assert {
            "submitted_on": date(2025, 7, 15),
            "validation_due": date(2025, 7, 24),
            "validated_on": date(2025, 7, 28),
            "days_late": 4,
            "business_days_late": 2,
        } == found.details["clinic_delay"]
        assert "2 jours ouvrables de retard" in found.message("fr")
        assert "échéance légale 2025-08-06" in found.message("fr")
        assert "2 business days late" in found.message("en")
        noted = self.finding(case, noon(DUE + days(20)), readings=[CLINIC_DELAY_NOTED])
        assert (Status.VIOLATION, DUE) == (noted.status, noted.due)
        assert "statutory_due" not in noted.details
        assert "2 business days late" in noted.message("en")

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


class TestClinicDelayAndTheVendorsLateness:
    """Whose delay moves the import: a pre-analysis submitted after the import's unmoved due
    date moves nothing, one submitted on or before it moves it by the whole delay; a
    validation without its submission date cannot be measured (SPEC §3.1, third edition).

    The request of Fri 2025-06-20 16:45: the import is due Wed 08-06 (DUE) before any delay.
    """

    def finding(self, case, as_of, **options):
        (found,) = IMPORT_DEADLINE.check(case, as_of, **options)
        return found

    def case(self, submitted_on, validated_on, completed_on):
        return change(
            minimal_case(),
            preanalysis__submitted_on=submitted_on,
            preanalysis__validated_on=validated_on,
            import__completed_on=completed_on,
        )

    @pytest.mark.parametrize(
        ("submitted_on", "due", "status"),
        [
            # Submitted Wed 08-06, the due date: validation due 08-06 + 7 business days =
            # Fri 08-15, validated Mon 08-25, 6 business days late (18, 19, 20, 21, 22, 25):
            # the import is due 08-06 + 6 business days = Thu 08-14; completed 08-12, on time.
            (date(2025, 8, 6), date(2025, 8, 14), Status.COMPLIANT),
            # Submitted Thu 08-07, after it: validation due Mon 08-18, validated 08-25, 5
            # business days late; the vendor was already late: due 08-06, 08-12 is 6 days late.
            (date(2025, 8, 7), DUE, Status.VIOLATION),
        ],
    )
    def test_a_submission_after_the_due_date_moves_nothing(self, submitted_on, due, status):
        """On or before the import's unmoved due date, the whole delay moves it; after it,
        nothing does (and the finding says why)."""
        case = self.case(submitted_on, date(2025, 8, 25), date(2025, 8, 12))
        found = self.finding(case, noon(date(2025, 9, 1)))
        assert (status, due) == (found.status, found.due)
        after = submitted_on > DUE
        assert after == found.details.get("submitted_after_due", False)
        if after:
            assert 6 == found.days_late  # 08-12 - 08-06
            assert "after the import's due date: that delay does not move it" in (
                found.message("en")
            )

    def test_the_verdict_does_not_turn_on_a_missing_submission_date(self):
        """Validated Fri 08-01, completed Tue 08-12. Submitted 07-15: the validation was due
        Thu 07-24 (16, 17, 18, 21, 22, 23, 24), 6 business days late (25, 28, 29, 30, 31,
        1): due 08-06 + 6 = Thu 08-14, compliant. Without the submission date the verdict is
        not a violation 6 days late: insufficient_data naming it."""
        as_of = noon(date(2025, 9, 1))
        known = self.finding(
            self.case(date(2025, 7, 15), date(2025, 8, 1), date(2025, 8, 12)), as_of
        )
        assert (Status.COMPLIANT, date(2025, 8, 14)) == (known.status, known.due)
        unknown = self.finding(self.case(None, date(2025, 8, 1), date(2025, 8, 12)), as_of)
        assert (Status.INSUFFICIENT_DATA, "$.preanalysis.submitted_on", "clinic_delay_unknown") == (
            unknown.status,
            unknown.details["missing"],
            unknown.reason,
        )

    # Submitted on the request's date at the earliest (Fri 06-20), the validation was due Thu
    # 07-03 at the earliest (23, 25, 26, 27, 30 June, 2, 3 July; 24 June and 1 July are
    # holidays); validated Fri 08-01, it was at most 21 business days late (4 July to 1
    # August): the import is due 08-06 + 21 business days = Fri 09-05 at the latest (1
    # September, Labour Day, skipped).
    LATEST = date(2025, 9, 5)

    @pytest.mark.parametrize(
        ("completed_on", "status"),
        [
            (DUE, Status.COMPLIANT),  # on time whatever the delay
            (DUE + days(1), Status.INSUFFICIENT_DATA),  # 08-07: late only if no delay
            (LATEST, Status.INSUFFICIENT_DATA),  # 09-05: on time only with the largest delay
            (date(2025, 9, 8), Status.VIOLATION),  # Mon 09-08: late whatever the delay
        ],
    )
    def test_an_unmeasured_delay_leaves_open_only_what_it_could_change(self, completed_on, status):
        """A validation without its submission date: judged as usual where no delay could
        change the verdict (by 08-06, or after 09-05), insufficient_data in between."""
        case = self.case(None, date(2025, 8, 1), completed_on)
        found = self.finding(case, noon(date(2025, 9, 10)))
        assert (status, DUE, self.LATEST) == (found.status, found.due, found.details["latest_due"])
        if status is Status.VIOLATION:
            assert 33 == found.days_late  # 09-08 - 08-06, counted from the unmoved due date

    def test_an_unmeasured_delay_moves_nothing_when_noted(self):
        """Under clinic-delay-noted nothing moves: completed 08-12, 6 days after 08-06."""
        case = self.case(None, date(2025, 8, 1), date(2025, 8, 12))
        found = self.finding(case, noon(date(2025, 9, 1)), readings=[CLINIC_DELAY_NOTED])
        assert (Status.VIOLATION, 6) == (found.status, found.days_late)
        assert "latest_due" not in found.details

    @pytest.mark.parametrize(
        ("validated_on", "status", "latest"),
        [
            # Thu 07-03: in time even for a pre-analysis submitted on the request's date (due
            # 07-03 at the earliest): no delay possible, judged as usual, one day late.
            (date(2025, 7, 3), Status.VIOLATION, None),
            # Fri 07-04: at most 1 business day late: due 08-06 + 1 = 08-07 at the latest.
            (date(2025, 7, 4), Status.INSUFFICIENT_DATA, DUE + days(1)),
        ],
    )
    def test_a_validation_in_time_for_any_submission_leaves_nothing_open(
        self, validated_on, status, latest
    ):
        """Completed Thu 08-07, a day after 08-06: whether the missing submission date matters
        depends on whether any submission could have made the validation late."""
        case = self.case(None, validated_on, DUE + days(1))
        found = self.finding(case, noon(date(2025, 9, 1)))
        assert (status, latest) == (found.status, found.details.get("latest_due"))
