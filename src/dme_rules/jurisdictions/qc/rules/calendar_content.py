"""CALENDAR_CONTENT: the migration calendar states every date the procedure lists."""

from __future__ import annotations

from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.qc.parameters import CalendarContents
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import (
    CIVIL_PROCEDURE,
    CLINIC_DELAY_EXTENDS,
    CLINIC_DELAY_NOTED,
    INTERPRETATION_ACT,
    LATER_OF_BOTH,
    NEXT_BUSINESS_DAY,
    NINETY_DAYS,
    PROCEDURE_2024,
)
from dme_rules.jurisdictions.qc.rules.extraction_deadline import EXTRACTION_DEADLINE
from dme_rules.jurisdictions.qc.rules.import_deadline import IMPORT_DEADLINE
from dme_rules.jurisdictions.qc.rules.read_only_access import READ_ONLY_ACCESS
from dme_rules.jurisdictions.qc.sources import (
    PROCEDURE,
    PROCEDURE_CALENDAR,
    PROCEDURE_CALENDAR_ACCESS_REMOVAL,
    PROCEDURE_CALENDAR_PRODUCTION,
    PROCEDURE_CALENDAR_TEST_EXTRACTION,
    PROCEDURE_STANDARD_DELAYS,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCalendar, MigrationCase

__all__ = ["CALENDAR_CONTENT", "CalendarContentRule"]


class CalendarContentRule(Rule[CalendarContents, MigrationCase]):
    """The calendar states every listed date, in a consistent order, dates that keep the
    deadlines, and an access-removal date that satisfies READ_ONLY_ACCESS.

    ``details["missing_items"]`` lists the items it lacks, ``details["out_of_order"]`` each
    pair of dates in the wrong order. For a standard scope (an unknown scope is presumed
    standard), the test extraction must come no later than the extraction deadline and the
    production no later than the import deadline, both under the evaluation's readings
    (``details["late_items"]``: « le calendrier doit respecter les délais prévus à
    l'avenant »). The access-removal date, the first day without access, must come after the
    last day of required access, counted from the migration (``import.completed_on``, else the
    calendar's ``production_on``) (``details["access_removed_too_early"]``).
    """

    subject = MigrationCase

    def late_items(
        self, case: MigrationCase, calendar: MigrationCalendar, context: Context
    ) -> list[dict[str, Any]]:
        """Each planned date that falls after the deadline it must keep."""
        if case.standard_scope is False:  # extra delays may be planned (procedure, step 3)
            return []
        late = []
        planned = calendar.test_extraction_on
        extraction = EXTRACTION_DEADLINE.version_at(case.requested_on)
        if planned is not None and extraction is not None:
            due = EXTRACTION_DEADLINE.period_due(extraction, case, context)[0]
            if planned > due:
                late.append({"item": "test_extraction_on", "planned_on": planned, "due": due})
        planned = calendar.production_on
        if planned is not None:
            due_for = IMPORT_DEADLINE.due_for(case, context)
            if due_for is not None and planned > due_for:
                late.append({"item": "production_on", "planned_on": planned, "due": due_for})
        return late

    def formula_2024_01(
        self, version: RuleVersion[CalendarContents], case: MigrationCase, context: Context
    ) -> Finding:
        """From 2024-01-01 (procedure 2024, step 3): every item, in order, within the
        deadlines, and an access removal after the access READ_ONLY_ACCESS requires."""
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
        late = self.late_items(case, calendar, context)
        if late:
            details["late_items"] = late
        imported = case.import_.completed_on if case.import_ is not None else None
        if imported is not None and imported > context.today:
            imported = None  # not in production as the case stood at ``as_of``
        migrated = imported or calendar.production_on
        if migrated and calendar.access_removed_on:
            access = READ_ONLY_ACCESS.version_at(case.requested_on)
            if access is not None:
                required = READ_ONLY_ACCESS.required_for(access, case, migrated, context)
                if calendar.access_removed_on <= required:
                    details["access_removed_too_early"] = {
                        "access_removed_on": calendar.access_removed_on,
                        "access_required_until": required,
                    }
        status = Status.VIOLATION if details else Status.COMPLIANT
        return self.outcome(version, status, details=details)

    def notes(self, finding: Finding) -> list[Note]:
        """The missing items, each pair out of order, each date past its deadline, an access
        removed too early."""
        details = finding.details
        notes = []
        if details.get("missing_items"):
            notes.append(self.note("missing_items", items=details["missing_items"]))
        for first, then in details.get("out_of_order", ()):
            notes.append(self.note("out_of_order", first=first, then=then))
        for late in details.get("late_items", ()):
            notes.append(self.note("late_item", **late))
        early = details.get("access_removed_too_early")
        if early:
            notes.append(self.note("access_removed_too_early", **early))
        return notes


CALENDAR_CONTENT = CalendarContentRule(
    id="qc.migration.calendar-content",
    title_fr="Contenu du calendrier de migration",
    title_en="Migration calendar content",
    obligated_party=Party.TARGET_VENDOR,
    position=90,
    versions=(
        RuleVersion(
            version="1",
            period=PROCEDURE,
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
                PROCEDURE_STANDARD_DELAYS,
            ),
            readings=(PROCEDURE_2024, NEXT_BUSINESS_DAY, CLINIC_DELAY_EXTENDS, LATER_OF_BOTH),
            alternatives=(CIVIL_PROCEDURE, INTERPRETATION_ACT, CLINIC_DELAY_NOTED, NINETY_DAYS),
            summary_en=(
                "The migration calendar states the test extraction, the pre-analysis dates, "
                "the flow-analysis meeting, the quality control, the validation sessions, the "
                "quality approval, the cut-over, the final extraction, production, first use "
                "of the data and the removal of access, in a consistent order, keeping the "
                "extraction and import deadlines and the read-only access."
            ),
            summary_fr=(
                "Le calendrier de migration indique l'extraction de test, les dates de la "
                "préanalyse, la réunion d'analyse des flux, le contrôle de la qualité, les "
                "séances de validation, l'approbation de la qualité, le basculement, l'extraction "
                "finale, la mise en production, la première utilisation des données et le retrait "
                "des accès, dans un ordre cohérent, en respectant les échéances d'extraction et "
                "d'importation et l'accès en lecture seule."
            ),
        ),
    ),
)
