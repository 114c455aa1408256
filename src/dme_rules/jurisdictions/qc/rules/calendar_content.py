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
    COURT_CALENDAR,
    FORM_STARTS_PROCESS,
    INTERPRETATION_ACT,
    LABOUR_STANDARDS_CALENDAR,
    LATER_OF_BOTH,
    NEXT_BUSINESS_DAY,
    NINETY_DAYS,
    PROCEDURE_2024,
    SCOPE_PRESUMED_STANDARD,
    SCOPE_REQUIRED,
    TRANSMISSION_STARTS_PROCESS,
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

#: The planned dates that must keep a deadline, and the deadline each keeps.
_KEPT = (("test_extraction_on", EXTRACTION_DEADLINE), ("production_on", IMPORT_DEADLINE))


class CalendarContentRule(Rule[CalendarContents, MigrationCase]):
    """The calendar states every listed date, in a consistent order, dates that keep the
    deadlines, and an access-removal date that satisfies READ_ONLY_ACCESS.

    ``details["missing_items"]`` lists the items it lacks, ``details["out_of_order"]`` each
    pair of dates in the wrong order. The test extraction must come no later than the
    extraction deadline and the production no later than the import deadline, each as it
    binds the case, under the evaluation's readings and the deadline's own conditions
    (``details["late_items"]``: « le calendrier doit respecter les délais prévus à
    l'avenant »): a deadline that does not bind (a non-standard scope, a process not
    started, a form not sent to that vendor) makes no date late. A date late by the due date
    but perhaps not by the one an unknown fact would give (a clinic's delay without its
    submission date, an unknown scope under ``scope-required``) is listed in
    ``details["unsettled_items"]``; when nothing else is wrong, the finding is
    ``insufficient_data`` naming that fact.

    The access-removal date, the first day without access, must come after the last day of
    required access, counted from the migration (``import.completed_on``, else the
    calendar's ``production_on``) (``details["access_removed_too_early"]``).
    """

    subject = MigrationCase

    def late_items(
        self, case: MigrationCase, calendar: MigrationCalendar, context: Context
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Each planned date that falls after the deadline it must keep, as that deadline
        binds the case (its readings and its conditions: a deadline that does not bind, its
        clock not started or its scope not standard, makes no date late); and each that falls
        after the deadline's due date but perhaps not after the one an unknown fact would
        give (with ``latest_due`` and the ``missing`` fact)."""
        late, unsettled = [], []
        for item, deadline in _KEPT:
            planned = getattr(calendar, item)
            terms = deadline.terms(case, context)
            if planned is None or terms is None or not terms.binds or terms.due is None:
                continue
            if planned <= terms.due:
                continue
            found = {"item": item, "planned_on": planned, "due": terms.due}
            if terms.latest is not None and planned > terms.latest:
                late.append(found)
            elif terms.unknown is not None:
                unsettled.append({**found, "latest_due": terms.latest, "missing": terms.unknown[1]})
        return late, unsettled

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
        late, unsettled = self.late_items(case, calendar, context)
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
        if unsettled:
            details["unsettled_items"] = unsettled
            if status is Status.COMPLIANT:  # nothing else is wrong: that date decides
                details["missing"] = unsettled[0]["missing"]
                status = Status.INSUFFICIENT_DATA
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
        for unsettled in details.get("unsettled_items", ()):
            notes.append(self.note("unsettled_item", **unsettled))
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
            readings=(
                PROCEDURE_2024,
                NEXT_BUSINESS_DAY,
                SCOPE_PRESUMED_STANDARD,
                FORM_STARTS_PROCESS,
                CLINIC_DELAY_EXTENDS,
                LATER_OF_BOTH,
                COURT_CALENDAR,
            ),
            alternatives=(
                CIVIL_PROCEDURE,
                INTERPRETATION_ACT,
                SCOPE_REQUIRED,
                TRANSMISSION_STARTS_PROCESS,
                CLINIC_DELAY_NOTED,
                NINETY_DAYS,
                LABOUR_STANDARDS_CALENDAR,
            ),
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
