"""Tests for MIGRATION_CALENDAR."""

from __future__ import annotations

from datetime import date

from dme_rules import MIGRATION_CALENDAR, Status
from dme_rules.jurisdictions.qc.parameters import CalendarContents

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
        """Production 08-05 + 90 days = 11-03 is the last day of access: removal on 11-03 is
        too early, on 11-04 it is fine."""
        early = self.finding(
            change(spec_case(), calendar__access_removed_on=date(2025, 11, 3)), AS_OF
        )
        assert Status.VIOLATION == early.status
        assert {
            "access_removed_on": date(2025, 11, 3),
            "access_required_until": date(2025, 11, 3),
        } == early.details["access_removed_too_early"]
        assert Status.COMPLIANT == self.finding(spec_case(), AS_OF).status

    def test_message_lists_the_problems(self):
        """The message names the missing dates in both languages."""
        found = self.finding(change(spec_case(), calendar__quality_control_on=None), AS_OF)
        assert "dates absentes : quality_control_on" in found.message("fr")
        assert "missing dates: quality_control_on" in found.message("en")


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
