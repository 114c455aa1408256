"""Tests for REQUEST_FORM."""

from __future__ import annotations

from datetime import date

import pytest

from dme_rules import REQUEST_FORM, Status

from ....cases import at, change, minimal_case, noon, spec_case
from ....common import CommonRuleTests

AS_OF = at("2025-09-01T12:00:00-04:00")
BCH = "certification.homologation@msss.gouv.qc.ca"


class TestRequestForm(CommonRuleTests):
    """Signed, authorized, sent to both vendors and the BCH."""

    rule = REQUEST_FORM
    constant = "REQUEST_FORM"
    examples = {
        Status.COMPLIANT: (spec_case(), AS_OF),
        Status.VIOLATION: (change(spec_case(), request_form__signed=False), AS_OF),
        Status.INSUFFICIENT_DATA: (minimal_case(), AS_OF),
        Status.NOT_APPLICABLE: (
            minimal_case(request_transmitted_at=at("2023-12-31T10:00:00-05:00")),
            noon(date(2024, 2, 1)),
        ),
    }
    unreachable = {Status.PENDING: "the form is judged as it was sent"}

    def test_recipients_from_the_directory(self):
        """Omnimed to MYLE: importations@omnimed.com, deploiement@medfarsolutions.com, the BCH."""
        assert ["importations@omnimed.com", "deploiement@medfarsolutions.com", BCH] == (
            REQUEST_FORM.recipients("Omnimed", "MYLE")
        )

    @pytest.mark.parametrize(
        ("changes", "fault"),
        [
            ({"request_form__signed": False}, "not_signed"),
            ({"request_form__clinic_authorization": False}, "no_clinic_authorization"),
            ({"request_form__sent_to": ("importations@omnimed.com", BCH)}, "recipients_missing"),
        ],
    )
    def test_each_fault(self, changes, fault):
        """Each missing element is a violation listed in details."""
        found = self.finding(change(spec_case(), **changes), AS_OF)
        assert Status.VIOLATION == found.status
        assert [fault] == found.details["faults"]

    def test_missing_recipient_named(self):
        """Not sent to MYLE's address: that address is named."""
        case = change(spec_case(), request_form__sent_to=("importations@omnimed.com", BCH))
        assert ["deploiement@medfarsolutions.com"] == self.finding(case, AS_OF).details[
            "missing_recipients"
        ]

    def test_addresses_compare_case_insensitively(self):
        """IMPORTATIONS@Omnimed.com is importations@omnimed.com."""
        case = change(
            spec_case(),
            request_form__sent_to=(
                " IMPORTATIONS@Omnimed.com",
                "Deploiement@MedfarSolutions.com",
                BCH.upper(),
            ),
        )
        assert Status.COMPLIANT == self.finding(case, AS_OF).status

    def test_same_vendor_address_once(self):
        """Toubib to Omnimed: one vendor address (importations@omnimed.com) and the BCH."""
        case = change(
            spec_case(),
            source_solution="Toubib",
            target_solution="Omnimed",
            request_form__sent_to=("importations@omnimed.com", BCH),
        )
        assert Status.COMPLIANT == self.finding(case, AS_OF).status

    def test_missing_facts(self):
        """An unknown signature is insufficient_data naming $.request_form.signed."""
        found = self.finding(change(spec_case(), request_form__signed=None), AS_OF)
        assert (Status.INSUFFICIENT_DATA, "$.request_form.signed") == (
            found.status,
            found.details["missing"],
        )

    def test_unknown_solution_cannot_be_checked(self):
        """A target outside the directory has no known address: insufficient_data with its
        reason, the solution flagged, no field called missing (none is)."""
        found = self.finding(change(spec_case(), target_solution="Acme DME"), AS_OF)
        assert (Status.INSUFFICIENT_DATA, "solution_outside_directory") == (
            found.status, found.reason
        )  # fmt: skip
        assert "missing" not in found.details
        assert ["Acme DME"] == found.details["unknown_solutions"]
        assert "the migration address cannot be checked" in found.message("en")
