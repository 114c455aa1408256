"""MIGRATION_CALENDAR: the migration calendar states every date the procedure lists."""

from __future__ import annotations

from typing import Any

from dme_rules.case import MigrationCase
from dme_rules.model import COMPLIANT, VIOLATION, Context, Finding, Party, RuleVersion
from dme_rules.parameters import CalendarContents
from dme_rules.rule import Rule
from dme_rules.rules.read_only_access import READ_ONLY_ACCESS
from dme_rules.sources import (
    PROCEDURE_BASIS,
    PROCEDURE_CALENDAR,
    PROCEDURE_CALENDAR_ACCESS_REMOVAL,
    PROCEDURE_CALENDAR_PRODUCTION,
    PROCEDURE_CALENDAR_TEST_EXTRACTION,
    PROCEDURE_IN_FORCE,
)

__all__ = ["MIGRATION_CALENDAR", "MigrationCalendarRule"]


class MigrationCalendarRule(Rule[CalendarContents]):
    """The calendar states every listed date, in a consistent order, and an access-removal
    date that satisfies READ_ONLY_ACCESS.

    ``details["missing"]`` lists the items it lacks, ``details["out_of_order"]`` each pair of
    dates in the wrong order. The access-removal date must come after the last day of
    required access, counted from the calendar's production date
    (``details["access_removed_too_early"]``).
    """

    def assess(
        self, version: RuleVersion[CalendarContents], case: MigrationCase, context: Context
    ) -> Finding:
        calendar = case.calendar
        if calendar is None:
            return self.insufficient(version, "$.calendar")
        contents = version.parameters
        values = contents.read(calendar)
        absent = contents.missing(values)
        out_of_order = contents.out_of_order(values)
        details: dict[str, Any] = {}
        if absent:
            details["missing_items"] = absent
        if out_of_order:
            details["out_of_order"] = out_of_order
        if calendar.production_on and calendar.access_removed_on:
            access = READ_ONLY_ACCESS.version_at(case.requested_on)
            if access is not None:
                required = access.parameters.last_day(calendar.production_on)
                if calendar.access_removed_on <= required:
                    details["access_removed_too_early"] = {
                        "access_removed_on": calendar.access_removed_on,
                        "access_required_until": required,
                    }
        status = VIOLATION if details else COMPLIANT
        return self.outcome(version, status, details=details)

    def explain(self, finding: Finding, lang: str) -> list[str]:
        details = finding.details
        fr = lang == "fr"
        phrases = []
        if details.get("missing_items"):
            joined = ", ".join(details["missing_items"])
            phrases.append(f"dates absentes : {joined}" if fr else f"missing dates: {joined}")
        for first, then in details.get("out_of_order", ()):
            phrases.append(f"{first} après {then}" if fr else f"{first} after {then}")
        early = details.get("access_removed_too_early")
        if early:
            phrases.append(
                f"retrait des accès le {early['access_removed_on']}, avant la fin de l'accès "
                f"requis ({early['access_required_until']})"
                if fr
                else f"access removed on {early['access_removed_on']}, before the end of the "
                f"required access ({early['access_required_until']})"
            )
        return phrases


MIGRATION_CALENDAR = MigrationCalendarRule(
    id="qc.migration.calendar-content",
    title_fr="Contenu du calendrier de migration",
    title_en="Migration calendar content",
    obligated_party=Party.TARGET_VENDOR,
    versions=(
        RuleVersion(
            version="1",
            effective_from=PROCEDURE_IN_FORCE,
            effective_to=None,
            effective_basis=PROCEDURE_BASIS,
            parameters=CalendarContents(
                items=(
                    "test_extraction_on",
                    "preanalysis_start_on",
                    "preanalysis_end_on",
                    "preanalysis_submitted_on",
                    "preanalysis_validated_on",
                    "flow_analysis_meeting_on",
                    "quality_control_on",
                    "validation_sessions_on",
                    "quality_approved_on",
                    "source_cutover_on",
                    "final_extraction_on",
                    "production_on",
                    "data_usable_on",
                    "access_removed_on",
                ),
                order=(
                    (
                        "test_extraction_on",
                        "preanalysis_start_on",
                        "preanalysis_end_on",
                        "preanalysis_submitted_on",
                        "preanalysis_validated_on",
                    ),
                    ("source_cutover_on", "final_extraction_on", "production_on", "data_usable_on"),
                    ("quality_approved_on", "production_on"),
                ),
            ),
            citations=(
                PROCEDURE_CALENDAR,
                PROCEDURE_CALENDAR_TEST_EXTRACTION,
                PROCEDURE_CALENDAR_PRODUCTION,
                PROCEDURE_CALENDAR_ACCESS_REMOVAL,
            ),
            summary_en=(
                "The migration calendar states the test extraction, the pre-analysis dates, "
                "the flow-analysis meeting, the quality control, the validation sessions, the "
                "quality approval, the cut-over, the final extraction, production, first use "
                "of the data and the removal of access, in a consistent order."
            ),
        ),
    ),
)
