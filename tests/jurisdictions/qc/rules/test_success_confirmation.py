"""Tests for SUCCESS_CONFIRMATION."""

from __future__ import annotations

from datetime import date

import pytest

from dme_rules import SUCCESS_CONFIRMATION, Status

from ....cases import at, change, minimal_case, noon, spec_case
from ....common import CommonRuleTests

AS_OF = at("2025-09-01T12:00:00-04:00")

# spec_case: request Fri 2025-06-20; day 1 Mon 06-23. The extraction is due 06-23 + 20 days
# = Sun 07-13, extended to Mon 07-14, delivered Thu 07-10; the import is due 06-23 + 44 days
# = Wed 08-06, completed Tue 08-05.
DELIVERED, EXTRACTION_DUE = date(2025, 7, 10), date(2025, 7, 14)
IMPORTED, IMPORT_DUE = date(2025, 8, 5), date(2025, 8, 6)
UNCONFIRMED = change(spec_case(), extraction__confirmed_on=None)


class TestSuccessConfirmation(CommonRuleTests):
    """Each vendor that completed its operation confirms it succeeded, by a due date."""

    rule = SUCCESS_CONFIRMATION
    constant = "SUCCESS_CONFIRMATION"
    examples = {
        Status.COMPLIANT: (spec_case(), AS_OF),
        Status.VIOLATION: (UNCONFIRMED, AS_OF),
        Status.PENDING: (UNCONFIRMED, noon(DELIVERED)),
        Status.NOT_APPLICABLE: (minimal_case(), AS_OF),
        # The import's due date turns on a clinic's delay without its submission date.
        Status.INSUFFICIENT_DATA: (
            change(spec_case(), preanalysis__submitted_on=None,
                   preanalysis__validated_on=date(2025, 8, 1),
                   import__confirmed_on=date(2025, 8, 20)),
            AS_OF,
        ),
    }  # fmt: skip

    @pytest.mark.parametrize(
        ("reading", "due"),
        [
            ("confirm-within-period", EXTRACTION_DUE),  # the extraction's own deadline
            ("confirm-same-day", DELIVERED),  # the day it was delivered
            ("unconfirmed-is-pending", None),  # no due date
        ],
    )
    def test_unconfirmed_on_the_day_of_delivery_is_pending(self, reading, due):
        """Delivered 07-10, unconfirmed, seen at 10:00 that day: pending under every reading
        (the first edition called it a violation)."""
        found = self.finding(UNCONFIRMED, at("2025-07-10T10:00:00-04:00"), readings=[reading])
        assert (Status.PENDING, due, "source_vendor") == (
            found.status,
            found.due,
            found.obligated_party,
        )

    @pytest.mark.parametrize(
        ("reading", "status", "days_late"),
        [
            ("confirm-within-period", Status.VIOLATION, 182),  # 2026-01-12 - 2025-07-14
            ("confirm-same-day", Status.VIOLATION, 186),  # 2026-01-12 - 2025-07-10
            ("unconfirmed-is-pending", Status.COMPLIANT, None),  # no due date to be late for
        ],
    )
    def test_confirmed_six_months_later_is_late(self, reading, status, days_late):
        """Delivered 07-10, confirmed 2026-01-12, six months later: late by the reading's due
        date (the first edition called it compliant)."""
        case = change(spec_case(), extraction__confirmed_on=date(2026, 1, 12))
        found = self.finding(case, at("2026-02-01T12:00:00-05:00"), readings=[reading])
        assert (status, days_late) == (found.status, found.days_late)

    @pytest.mark.parametrize(
        ("confirmed_on", "status", "days_late"),
        [
            (EXTRACTION_DUE, Status.COMPLIANT, None),  # Mon 07-14, the extraction's due date
            (date(2025, 7, 15), Status.VIOLATION, 1),  # 07-15 - 07-14
        ],
    )
    def test_confirmed_by_the_operations_own_deadline(self, confirmed_on, status, days_late):
        """confirm-within-period (the default): the extraction's confirmation is due with the
        extraction, Mon 07-14."""
        found = self.finding(change(spec_case(), extraction__confirmed_on=confirmed_on), AS_OF)
        assert (status, EXTRACTION_DUE, days_late) == (found.status, found.due, found.days_late)
        assert "source_vendor" == found.obligated_party or status is Status.COMPLIANT

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            ("2025-07-15T00:00:00-04:00", Status.PENDING),  # 24:00 of 07-14: still running
            ("2025-07-15T00:00:01-04:00", Status.VIOLATION),  # a second later: overdue
        ],
    )
    def test_unconfirmed_until_the_end_of_the_due_date(self, as_of, status):
        """Unconfirmed, the extraction's confirmation is pending until 24:00 of 07-14."""
        assert status == self.finding(UNCONFIRMED, at(as_of)).status

    @pytest.mark.parametrize(
        ("confirmed_on", "status"),
        [(date(2025, 8, 8), Status.COMPLIANT), (date(2025, 8, 9), Status.VIOLATION)],
    )
    def test_an_operation_completed_late_is_confirmed_the_same_day(self, confirmed_on, status):
        """The import completed Fri 08-08, after its due date (08-06): its confirmation is due
        the day it was completed, the later of the two."""
        case = change(spec_case(), import__completed_on=date(2025, 8, 8),
                      import__confirmed_on=confirmed_on)  # fmt: skip
        found = self.finding(case, AS_OF)
        assert (status, date(2025, 8, 8)) == (
            found.status,
            found.details["operations"]["import"]["due"],
        )

    @pytest.mark.parametrize(
        "stop",
        [
            {"request_form__signed": False},  # the process has not started
            {"request_form__sent_to": ("deploiement@medfarsolutions.com",)},  # not sent to Omnimed
            {"standard_scope": False},  # no deadline binds a non-standard scope
        ],
        ids=["not-signed", "not-sent", "non-standard"],
    )
    @pytest.mark.parametrize(
        ("confirmed_on", "status", "days_late"),
        [(DELIVERED, Status.COMPLIANT, None), (date(2025, 7, 11), Status.VIOLATION, 1)],
    )
    def test_a_deadline_that_does_not_bind_leaves_the_day_of_completion(
        self, stop, confirmed_on, status, days_late
    ):
        """Where the extraction deadline is not_applicable, its confirmation is due at 24:00
        of the day of delivery, 07-10: confirmed 07-11 is a day late."""
        case = change(spec_case(), extraction__confirmed_on=confirmed_on, **stop)
        found = self.finding(case, AS_OF)
        extraction = found.details["operations"]["extraction"]
        assert (status, DELIVERED, days_late) == (
            extraction["status"],
            extraction["due"],
            extraction.get("days_late"),
        )

    @pytest.mark.parametrize("reading", ["confirm-same-day", "unconfirmed-is-violation"])
    @pytest.mark.parametrize(
        ("confirmed_on", "status"),
        [(DELIVERED, Status.COMPLIANT), (date(2025, 7, 11), Status.VIOLATION)],
    )
    def test_confirm_same_day_and_its_former_id(self, reading, confirmed_on, status):
        """confirm-same-day (also chosen by the first edition's id unconfirmed-is-violation):
        due at 24:00 of the day of delivery, 07-10; the finding names confirm-same-day. (The
        SPEC example's import, completed 08-05 and confirmed 08-06, is a day late too.)"""
        case = change(spec_case(), extraction__confirmed_on=confirmed_on)
        found = self.finding(case, AS_OF, readings=[reading])
        extraction = found.details["operations"]["extraction"]
        assert (status, DELIVERED) == (extraction["status"], extraction["due"])
        assert (Status.VIOLATION, 1) == (
            found.status,
            found.details["operations"]["import"]["days_late"],
        )
        assert "confirm-same-day" in found.readings
        assert "unconfirmed-is-violation" not in found.readings

    def test_each_operation_in_the_details_the_worst_on_top(self):
        """Extraction confirmed Tue 07-15, a day late (due 07-14); import confirmed Sat 08-09,
        three days late (due 08-06): the finding shows the import's 3 days, binds both."""
        case = change(spec_case(), extraction__confirmed_on=date(2025, 7, 15),
                      import__confirmed_on=date(2025, 8, 9))  # fmt: skip
        found = self.finding(case, AS_OF)
        operations = found.details["operations"]
        assert (1, 3) == (operations["extraction"]["days_late"], operations["import"]["days_late"])
        assert (Status.VIOLATION, IMPORT_DUE, date(2025, 8, 9), 3) == (
            found.status,
            found.due,
            found.act_on,
            found.days_late,
        )
        assert "source_vendor+target_vendor" == found.obligated_party
        assert "confirmed on 2025-08-09, after its due date 2025-08-06" in found.message("en")

    @pytest.mark.parametrize(
        ("confirmed_on", "status"),
        [
            (IMPORT_DUE, Status.COMPLIANT),  # by 08-06, in time whatever the clinic's delay
            (date(2025, 8, 7), Status.INSUFFICIENT_DATA),  # late only without a delay
            (date(2025, 9, 5), Status.INSUFFICIENT_DATA),  # in time only with the largest
            (date(2025, 9, 8), Status.VIOLATION),  # late whatever the delay
        ],
    )
    def test_a_due_date_that_turns_on_an_unknown_delay(self, confirmed_on, status):
        """Validated Fri 08-01 without a submission date: the import is due 08-06, or as late
        as Fri 09-05 (08-06 + at most 21 business days of the clinic's delay); a confirmation
        between the two turns on the missing submission date."""
        case = change(spec_case(), preanalysis__submitted_on=None,
                      preanalysis__validated_on=date(2025, 8, 1),
                      import__confirmed_on=confirmed_on)  # fmt: skip
        found = self.finding(case, at("2025-09-10T12:00:00-04:00"))
        assert status == found.status
        if status is Status.INSUFFICIENT_DATA:
            assert ("$.preanalysis.submitted_on", "clinic_delay_unknown") == (
                found.details["missing"],
                found.reason,
            )

    @pytest.mark.parametrize(
        ("readings", "status", "due"),
        [
            ([], Status.COMPLIANT, EXTRACTION_DUE),  # procedure-2024: due Mon 07-14
            (["civil-procedure"], Status.VIOLATION, date(2025, 7, 11)),  # 06-20 + 21 days
        ],
    )
    def test_the_deadlines_readings_apply_and_are_reported(self, readings, status, due):
        """Confirmed Mon 07-14: on time by the procedure's count, three days late (07-14 -
        07-11) by the civil-procedure count, which the finding then reports as used."""
        case = change(spec_case(), extraction__confirmed_on=EXTRACTION_DUE)
        found = self.finding(case, AS_OF, readings=readings)
        assert (status, due) == (found.status, found.details["operations"]["extraction"]["due"])
        assert ("civil-procedure" if readings else "procedure-2024") in found.readings
        assert "readings_ignored" not in found.details

    def test_the_first_version_follows_the_first_deadlines(self):
        """A request of Fri 2022-03-04 (version 1, civil procedure): the extraction is due
        03-04 + 21 days = Fri 03-25; confirmed Mon 03-28, three days late."""
        case = change(
            minimal_case(request_transmitted_at=at("2022-03-04T10:00:00-05:00")),
            extraction__delivered_on=date(2022, 3, 20),
            extraction__confirmed_on=date(2022, 3, 28),
        )
        found = self.finding(case, noon(date(2022, 6, 1)))
        assert ("1", Status.VIOLATION, date(2022, 3, 25), 3) == (
            found.rule_version,
            found.status,
            found.due,
            found.days_late,
        )
        assert "civil-procedure" in found.readings

    def test_both_confirmed(self):
        """Both operations completed and confirmed: compliant, both detailed."""
        found = self.finding(spec_case(), AS_OF)
        operations = found.details["operations"]
        assert {"extraction", "import"} == set(operations)
        assert all(operation["confirmed"] for operation in operations.values())

    def test_the_party_at_fault(self):
        """An unconfirmed extraction binds the source vendor; an import, the target vendor."""
        extraction = self.finding(UNCONFIRMED, AS_OF)
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
        """Seen on 07-10, the extraction delivered that day is not confirmed yet (07-11):
        pending, due with the extraction on 07-14."""
        found = self.finding(spec_case(), noon(DELIVERED))
        assert (Status.PENDING, "source_vendor", EXTRACTION_DUE) == (
            found.status,
            found.obligated_party,
            found.due,
        )
        assert "confirmation due by 2025-07-14" in found.message("en")

    def test_confirmation_before_completion(self):
        """A confirmation dated before the completion does not count: unconfirmed, overdue
        after 07-14."""
        case = change(spec_case(), extraction__confirmed_on=date(2025, 7, 9))
        found = self.finding(case, AS_OF)
        assert Status.VIOLATION == found.status
        assert "confirmed_before_completion" == found.details["operations"]["extraction"]["reason"]
        assert "not confirmed by its due date 2025-07-14" in found.message("en")
