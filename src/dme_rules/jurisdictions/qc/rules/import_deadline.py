"""IMPORT_DEADLINE: the new vendor completes the import within 45 days of the request."""

from __future__ import annotations

from datetime import date
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.qc.directory import Solution
from dme_rules.jurisdictions.qc.parameters import PeriodDays
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import (
    CLINIC_DELAY_EXTENDS,
    CLINIC_DELAY_NOTED,
    COURT_CALENDAR,
    LABOUR_STANDARDS_CALENDAR,
)
from dme_rules.jurisdictions.qc.rules._request_period import (
    AVENANT_ALTERNATIVES,
    AVENANT_READINGS,
    PROCEDURE_ALTERNATIVES,
    PROCEDURE_READINGS,
    RequestPeriodRule,
    Shift,
)
from dme_rules.jurisdictions.qc.rules.preanalysis_validation import PREANALYSIS_VALIDATION
from dme_rules.jurisdictions.qc.sources import (
    AVENANT_IMPORT,
    AVENANT_UNTIL_PROCEDURE,
    PROCEDURE,
    PROCEDURE_OFFICIAL_START,
    PROCEDURE_PREANALYSIS_DELAYS,
    PROCEDURE_STANDARD_DELAYS,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["IMPORT_DEADLINE", "ImportDeadlineRule"]


class ImportDeadlineRule(RequestPeriodRule):
    """The import is completed within 45 days of the request (the conditions of each version
    are those of :class:`RequestPeriodRule`).

    From 2024-01-01, when the clinic validated the pre-analysis late (or has still not
    validated it after its due date), ``details["clinic_delay"]`` says so, with the business
    days ``k`` of delay. Under ``clinic-delay-extends`` (the default) the import is due ``k``
    business days after its statutory date (``details["statutory_due"]``): the whole delay
    when the pre-analysis was submitted on or before that date, nothing when it was
    submitted after it (``details["submitted_after_due"]``: the vendor was already late);
    while the validation is missing the date keeps moving (reason
    ``awaiting_clinic_validation``). A validation recorded without its submission date
    leaves the delay unknown: the import may be due as late as ``details["latest_due"]``
    (the delay of a pre-analysis submitted on the request's date), and a completion late
    by the statutory date but not by that one is ``insufficient_data`` naming
    ``$.preanalysis.submitted_on``. Under ``clinic-delay-noted`` the due date stays.

    >>> from datetime import datetime
    >>> IMPORT_DEADLINE.due(datetime.fromisoformat("2025-06-20T16:45:00-04:00"))
    datetime.date(2025, 8, 6)
    """

    act_field = "$.import.completed_on"

    def act(self, case: MigrationCase) -> date | None:
        """When the imported data went into production."""
        return case.import_.completed_on if case.import_ is not None else None

    def vendor(self, case: MigrationCase) -> Solution | None:
        """The new solution, whose vendor imports."""
        return case.target

    def shift(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context, due: date
    ) -> Shift:
        """The period's end ``due`` moved by the clinic's delay under
        ``clinic-delay-extends``: ``add_business_days(due, k)`` on the evaluation's calendar
        (a validation late only by a day off is 0 business days late, which rolls a due date
        that is not a business day forward, as under ``interpretation-act``); the delay is
        recorded in the details under both readings."""
        extends = version.choice("clinic-delay", context.readings).id == CLINIC_DELAY_EXTENDS.id
        cited = (PROCEDURE_PREANALYSIS_DELAYS,)
        delay = PREANALYSIS_VALIDATION.delay(case, context)
        if delay is None:
            unknown = PREANALYSIS_VALIDATION.unknown_delay(case, context)
            if unknown is None:
                return Shift(due, due)
            details: dict[str, Any] = {"clinic_delay": unknown}
            if not extends:
                return Shift(due, due, None, details, cited)
            # The most it could move: the delay of a pre-analysis submitted on the request's
            # date (none is earlier), which the vendor was not yet late for.
            latest = context.calendar.add_business_days(due, unknown["business_days_late"])
            details["latest_due"] = latest
            missing = ("clinic_delay_unknown", "$.preanalysis.submitted_on")
            return Shift(due, latest, missing, details, cited)
        details = {"clinic_delay": delay}
        if not extends:
            return Shift(due, due, None, details, cited)
        if delay["submitted_on"] > due:  # the vendor was already late: nothing moves
            details["submitted_after_due"] = True
            return Shift(due, due, None, details, cited)
        moved = context.calendar.add_business_days(due, delay["business_days_late"])
        if moved != due:
            details["statutory_due"] = due
        if delay["validated_on"] is None:  # the delay, and the due date, still grow
            details["reason"] = "awaiting_clinic_validation"
        return Shift(moved, moved, None, details, cited)

    def notes(self, finding: Finding) -> list[Note]:
        """The clinic's late validation of the pre-analysis, and the shift it made (or why it
        made none)."""
        details = finding.details
        delay = details.get("clinic_delay")
        if not delay:
            return []
        if delay["submitted_on"] is None:  # a validation without its submission date
            notes = [self.note("clinic_delay_unknown", **delay)]
            if "latest_due" in details:
                notes.append(self.note("latest_due", latest_due=details["latest_due"]))
            return notes
        notes = [self.note("clinic_delay", **delay)]
        if "statutory_due" in details:
            notes.append(self.note("extended", statutory_due=details["statutory_due"]))
        if details.get("submitted_after_due"):
            notes.append(self.note("submitted_after_due", submitted_on=delay["submitted_on"]))
        return notes

    def explain_shift(
        self, finding: Finding, version: RuleVersion[PeriodDays], context: Context
    ) -> list[Note]:
        """The clinic's delay, and what the reading in force made of it: the due date moved
        by it, kept (the pre-analysis submitted after it, or the delay only reported), or
        open while the submission date is unknown."""
        details = finding.details
        delay = details.get("clinic_delay")
        if not delay:
            return []
        extends = version.choice("clinic-delay", context.readings).id == CLINIC_DELAY_EXTENDS.id
        if delay["submitted_on"] is None:
            steps: list[Note] = [("explain.clinic_delay_unknown", dict(delay))]
            if extends:
                return [*steps, ("explain.clinic_delay_latest", {"latest": details["latest_due"]})]
            return [*steps, ("explain.clinic_delay_unchanged", {})]
        if not extends:
            return [("explain.clinic_delay_noted", dict(delay))]
        if details.get("submitted_after_due"):
            return [("explain.clinic_delay_after_due", dict(delay))]
        return [("explain.clinic_delay_extends", {**delay, "due": finding.due})]


IMPORT_DEADLINE = ImportDeadlineRule(
    id="qc.migration.import-deadline",
    title_fr="Délai d'importation des données",
    title_en="Data import deadline",
    obligated_party=Party.TARGET_VENDOR,
    position=30,
    reasons=(
        "process_not_started",
        "not_sent_to_party",
        "non_standard_scope",
        "scope_unknown",
        "awaiting_clinic_validation",
        "clinic_delay_unknown",
    ),
    versions=(
        RuleVersion(
            version="1",
            period=AVENANT_UNTIL_PROCEDURE,
            parameters=PeriodDays(days=45),
            citations=(AVENANT_IMPORT,),
            readings=(*AVENANT_READINGS, COURT_CALENDAR),
            alternatives=(*AVENANT_ALTERNATIVES, LABOUR_STANDARDS_CALENDAR),
            summary_en=(
                "The new vendor completes the import within 45 days of the request; no start "
                "convention was published, so the request's day is not counted."
            ),
            summary_fr=(
                "Le nouveau fournisseur termine l'importation dans un délai de 45 jours suivant "
                "la demande ; aucune règle sur le point de départ du délai n'ayant été publiée, "
                "le jour de la demande n'est pas compté."
            ),
        ),
        RuleVersion(
            version="2",
            period=PROCEDURE,
            parameters=PeriodDays(days=45),
            citations=(AVENANT_IMPORT, PROCEDURE_OFFICIAL_START, PROCEDURE_STANDARD_DELAYS),
            readings=(*PROCEDURE_READINGS, CLINIC_DELAY_EXTENDS, COURT_CALENDAR),
            alternatives=(*PROCEDURE_ALTERNATIVES, CLINIC_DELAY_NOTED, LABOUR_STANDARDS_CALENDAR),
            summary_en=(
                "The new vendor completes a standard-scope import within 45 days counted from "
                "the official start, the business day after the request, moved by the clinic's "
                "own delay in validating the pre-analysis."
            ),
            summary_fr=(
                "Le nouveau fournisseur termine une importation de portée standard dans un délai "
                "de 45 jours compté à partir du début officiel, soit le jour ouvrable suivant la "
                "demande, l'échéance étant reportée du retard que la clinique a elle-même pris à "
                "valider la préanalyse."
            ),
        ),
    ),
)
