"""Tests for MIGRATION_CALENDAR."""

from __future__ import annotations

from datetime import date

import pytest

from dme_rules import MIGRATION_CALENDAR, MigrationCalendar, Status
from dme_rules.jurisdictions.qc.messages import MESSAGES
from dme_rules.jurisdictions.qc.parameters import CalendarContents
from dme_rules.jurisdictions.qc.readings import CLINIC_DELAY_NOTED, NINETY_DAYS

from ....cases import at, change, minimal_case, noon, spec_case
from ....common import CommonRuleTests

AS_OF = at("2025-09-01T12:00:00-04:00")


class TestMigrationCalendar(CommonRuleTests):
    """The calendar states every date, in order, with a valid access removal."""

    rule = MIGRATION_CALENDAR
    constant = "MIGRATION_CALENDAR"
    examples = {
        Status.COMPLIANT: (spec_case(), AS_OF),
        Status.VIOLATION: (change(spec_case(), calendar__quality_control_on=None), AS_OF),
        Status.INSUFFICIENT_DATA: (minimal_case(), AS_OF),
        Status.NOT_APPLICABLE: (
            minimal_case(request_transmitted_at=at("2023-12-31T10:00:00-05:00")),
            noon(date(2024, 2, 1)),
        ),
    }
    unreachable = {Status.PENDING: "a calendar is judged as it was sent"}

    def test_missing_items_listed(self):
        """Every missing item is listed; an empty list of sessions counts as missing."""
        case = change(
            spec_case(), calendar__quality_control_on=None, calendar__validation_sessions_on=()
        )
        assert ["quality_control_on", "validation_sessions_on"] == self.finding(
            case, AS_OF
        ).details["missing_items"]

    def test_out_of_order(self):
        """Pre-analysis ending (07-09) before it starts (07-11) is out of order."""
        case = change(spec_case(), calendar__preanalysis_end_on=date(2025, 7, 9))
        found = self.finding(case, AS_OF)
        assert Status.VIOLATION == found.status
        assert [["preanalysis_start_on", "preanalysis_end_on"]] == found.details["out_of_order"]

    def test_quality_approval_after_production(self):
        """Quality approved (08-06) after production (08-05) is out of order."""
        case = change(spec_case(), calendar__quality_approved_on=date(2025, 8, 6))
        assert [["quality_approved_on", "production_on"]] == self.finding(case, AS_OF).details[
            "out_of_order"
        ]

    def test_access_removal_both_sides(self):
        """Migrated 08-05 (import.completed_on): access is required until the later of
        08-05 + 3 months = 11-05 and 08-05 + 90 days = 11-03, so removal on 11-05 is too
        early and on 11-06 fine; under ninety-days, 11-03 is too early and 11-04 fine."""

        def removed(day, *readings):
            case = change(spec_case(), calendar__access_removed_on=day)
            return self.finding(case, AS_OF, readings=readings)

        early = removed(date(2025, 11, 5))
        assert Status.VIOLATION == early.status
        assert {
            "access_removed_on": date(2025, 11, 5),
            "access_required_until": date(2025, 11, 5),
        } == early.details["access_removed_too_early"]
        assert Status.COMPLIANT == removed(date(2025, 11, 6)).status
        assert Status.VIOLATION == removed(date(2025, 11, 3), NINETY_DAYS).status
        assert Status.COMPLIANT == removed(date(2025, 11, 4), NINETY_DAYS).status

    def test_access_is_counted_from_the_import_else_from_production(self):
        """Imported 08-08 though planned for 08-05: access runs from 08-08 (until 11-08,
        later than 08-08 + 90 days = 11-06); without a recorded import, from production."""
        late_import = change(spec_case(), import__completed_on=date(2025, 8, 8))
        assert (
            date(2025, 11, 8)
            == self.finding(late_import, AS_OF).details["access_removed_too_early"][
                "access_required_until"
            ]
        )
        planned = change(spec_case(), import_=None, calendar__access_removed_on=date(2025, 11, 6))
        assert Status.COMPLIANT == self.finding(planned, AS_OF).status

    # spec_case: request Fri 2025-06-20; day 1 Mon 06-23; extraction due 06-23 + 20 days =
    # Sun 07-13, extended to Mon 07-14; import due 06-23 + 44 days = Wed 08-06.
    @pytest.mark.parametrize(
        ("item", "planned", "due", "late"),
        [
            ("test_extraction_on", date(2025, 7, 14), date(2025, 7, 14), False),
            ("test_extraction_on", date(2025, 7, 15), date(2025, 7, 14), True),
            ("production_on", date(2025, 8, 6), date(2025, 8, 6), False),
            ("production_on", date(2025, 8, 7), date(2025, 8, 6), True),
        ],
    )
    def test_the_calendar_keeps_the_deadlines(self, item, planned, due, late):
        """The test extraction by the extraction deadline, production by the import's; dates
        that would break the order are kept in order (only the deadline is tested)."""
        case = change(spec_case(), **{f"calendar__{item}": planned})
        if item == "test_extraction_on":
            case = change(case, calendar__preanalysis_start_on=date(2025, 7, 16),
                          calendar__preanalysis_end_on=date(2025, 7, 16),
                          calendar__preanalysis_submitted_on=date(2025, 7, 16))  # fmt: skip
        else:
            case = change(case, calendar__data_usable_on=planned,
                          calendar__access_removed_on=date(2025, 11, 10))  # fmt: skip
        found = self.finding(case, AS_OF)
        expected = [{"item": item, "planned_on": planned, "due": due}] if late else None
        assert expected == found.details.get("late_items")
        assert (Status.VIOLATION if late else Status.COMPLIANT) == found.status

    def test_a_non_standard_scope_may_plan_later(self):
        """Production planned after the import deadline: late for a standard or unknown
        scope (presumed standard), not for a non-standard one."""
        late = change(spec_case(), calendar__production_on=date(2025, 8, 7),
                      calendar__data_usable_on=date(2025, 8, 7))  # fmt: skip
        for scope, has_late in ((True, True), (None, True), (False, False)):
            found = self.finding(change(late, standard_scope=scope), AS_OF)
            assert has_late == ("late_items" in found.details), scope

    def test_the_import_deadline_moved_by_the_clinic_moves_the_calendar(self):
        """Validation due 07-24, validated Wed 07-30: 4 business days late (25, 28, 29, 30),
        so the import is due 08-06 + 4 business days = 08-12 under clinic-delay-extends: a
        production on 08-12 keeps it; under clinic-delay-noted it is late."""
        case = change(spec_case(), preanalysis__validated_on=date(2025, 7, 30),
                      calendar__preanalysis_validated_on=date(2025, 7, 30),
                      calendar__production_on=date(2025, 8, 12),
                      calendar__data_usable_on=date(2025, 8, 12),
                      calendar__access_removed_on=date(2025, 11, 10))  # fmt: skip
        assert "late_items" not in self.finding(case, AS_OF).details
        noted = self.finding(case, AS_OF, readings=[CLINIC_DELAY_NOTED])
        assert [{"item": "production_on", "planned_on": date(2025, 8, 12),
                 "due": date(2025, 8, 6)}] == noted.details["late_items"]  # fmt: skip

    # A TEST extraction planned Tue 07-15, a day after the extraction deadline (Mon 07-14).
    LATE_TEST = change(
        spec_case(),
        calendar__test_extraction_on=date(2025, 7, 15),
        calendar__preanalysis_start_on=date(2025, 7, 16),
        calendar__preanalysis_end_on=date(2025, 7, 16),
        calendar__preanalysis_submitted_on=date(2025, 7, 16),
    )

    @pytest.mark.parametrize(
        ("form", "readings", "late"),
        [
            ({}, [], True),  # the form as the SPEC example sends it: the deadline binds
            ({"request_form__signed": False}, [], False),  # no process: nothing is late
            ({"request_form__clinic_authorization": False}, [], False),
            # Not sent to the current vendor (Omnimed): its extraction deadline does not run.
            ({"request_form__sent_to": ("deploiement@medfarsolutions.com",)}, [], False),
            # The clocks run from the transmission whatever the form: late again.
            ({"request_form__signed": False}, ["transmission-starts-process"], True),
        ],
    )
    def test_a_deadline_that_does_not_bind_makes_no_date_late(self, form, readings, late):
        """The calendar follows the extraction deadline's own readings and conditions: where
        that deadline is not_applicable, the TEST extraction planned after its date is not
        late."""
        found = self.finding(change(self.LATE_TEST, **form), AS_OF, readings=readings)
        assert late == ("late_items" in found.details)
        assert (Status.VIOLATION if late else Status.COMPLIANT) == found.status

    @pytest.mark.parametrize(
        ("production_on", "status"),
        [
            # Validated Fri 08-01 without a submission date: the import is due Wed 08-06, or
            # as late as Fri 09-05 (08-06 + at most 21 business days of the clinic's delay).
            (date(2025, 8, 6), Status.COMPLIANT),  # by 08-06: in time whatever the delay
            (date(2025, 8, 7), Status.INSUFFICIENT_DATA),  # late only without a delay
            (date(2025, 9, 5), Status.INSUFFICIENT_DATA),  # in time only with the largest
            (date(2025, 9, 8), Status.VIOLATION),  # Mon 09-08: late whatever the delay
        ],
    )
    def test_a_production_date_that_turns_on_an_unknown_delay(self, production_on, status):
        """A production date late by the import's due date but perhaps not by the one the
        clinic's unmeasured delay would give is unsettled: insufficient_data naming
        $.preanalysis.submitted_on when nothing else is wrong."""
        case = change(
            spec_case(),
            preanalysis__submitted_on=None,
            preanalysis__validated_on=date(2025, 8, 1),
            calendar__production_on=production_on,
            calendar__data_usable_on=production_on,
            calendar__access_removed_on=date(2025, 12, 31),
        )
        found = self.finding(case, AS_OF)
        assert status == found.status
        if status is Status.INSUFFICIENT_DATA:
            assert "$.preanalysis.submitted_on" == found.details["missing"]
            assert [
                {
                    "item": "production_on",
                    "planned_on": production_on,
                    "due": date(2025, 8, 6),
                    "latest_due": date(2025, 9, 5),
                    "missing": "$.preanalysis.submitted_on",
                }
            ] == found.details["unsettled_items"]

    def test_message_lists_the_problems(self):
        """The message names the missing dates in words, in both languages."""
        found = self.finding(change(spec_case(), calendar__quality_control_on=None), AS_OF)
        assert "dates absentes\u00a0: contrôle de la qualité" in found.message("fr")
        assert "missing dates: quality control" in found.message("en")

    def test_messages_name_every_item_in_words(self):
        """Every item a calendar states has its words in both languages, and no message shows
        an item's field name: a calendar without any date (each item missing), with the
        pre-analysis ending before it starts, and with production planned on 08-10, after
        the import's due date (2025-08-06, as the README's spec example states it)."""
        items = MIGRATION_CALENDAR.versions[-1].parameters.items
        for lang in ("fr", "en"):
            for item in items:
                assert MESSAGES.template(f"calendar_item.{item}", lang) != item
        empty = self.finding(change(spec_case(), calendar=MigrationCalendar()), AS_OF)
        assert set(empty.details["missing_items"]) == set(items)
        muddled = change(
            spec_case(),
            calendar__preanalysis_end_on=date(2025, 7, 9),
            calendar__production_on=date(2025, 8, 10),
            calendar__data_usable_on=date(2025, 8, 10),
        )
        late = self.finding(muddled, AS_OF)
        assert late.details["late_items"][0]["item"] == "production_on"
        assert late.details["out_of_order"]
        for found in (empty, late):
            for lang in ("fr", "en"):
                message = found.message(lang)
                assert not [item for item in items if item in message], message
        assert "mise en production le 2025-08-10, après l'échéance du 2025-08-06" in (
            late.message("fr")
        )
        assert "start of the pre-analysis after end of the pre-analysis" in late.message("en")


class TestCalendarContents:
    """The order check of CalendarContents with few chained items."""

    values = (date(2025, 7, 2), date(2025, 7, 1), date(2025, 7, 3))  # a, b, c

    def test_one_pair(self):
        """One chain of two items: b before a is out of order."""
        contents = CalendarContents(items=("a", "b", "c"), order=(("a", "b"),))
        assert [["a", "b"]] == contents.out_of_order(self.values)

    def test_no_chain(self):
        """No chain: nothing is out of order."""
        contents = CalendarContents(items=("a", "b", "c"), order=())
        assert [] == contents.out_of_order(self.values)

    def test_many_pairs(self):
        """Chains a→b→c and c→a: b before a, and a before c broken by c→a."""
        contents = CalendarContents(items=("a", "b", "c"), order=(("a", "b", "c"), ("c", "a")))
        assert [["a", "b"], ["c", "a"]] == contents.out_of_order(self.values)
