"""IMPORT_DEADLINE: the new vendor completes the import within 45 days of the request."""

from __future__ import annotations

from datetime import date
from typing import Any

from dme_rules.engine.citations import Citation
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
)
from dme_rules.jurisdictions.qc.rules._request_period import (
    AVENANT_ALTERNATIVES,
    AVENANT_READINGS,
    PROCEDURE_ALTERNATIVES,
    PROCEDURE_READINGS,
    RequestPeriodRule,
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
    days ``k`` of delay; under ``clinic-delay-extends`` (the default) the import is due ``k``
    business days after its statutory date (``details["statutory_due"]``), under
    ``clinic-delay-noted`` the due date stays.

    >>> from datetime import datetime
    >>> IMPORT_DEADLINE.due(datetime.fromisoformat("2025-06-20T16:45:00-04:00"))
    datetime.date(2025, 8, 6)
    """

    act_field = "$.import.completed_on"
    due_moves = True

    def act(self, case: MigrationCase) -> date | None:
        """When the imported data went into production."""
        return case.import_.completed_on if case.import_ is not None else None

    def vendor(self, case: MigrationCase) -> Solution | None:
        """The new solution, whose vendor imports."""
        return case.target

    def adjusted_due(
        self,
        version: RuleVersion[PeriodDays],
        case: MigrationCase,
        context: Context,
        due: date,
        details: dict[str, Any],
    ) -> tuple[date, tuple[Citation, ...]]:
        """The due date moved by the clinic's delay under ``clinic-delay-extends``; the delay
        is recorded in ``details`` under both readings."""
        delay = PREANALYSIS_VALIDATION.delay(case, context)
        if delay is None:
            return due, ()
        details["clinic_delay"] = delay
        moved = self.moved_due(version, case, context, due, delay["business_days_late"])
        if moved != due:
            details["statutory_due"] = due
        return moved, (PROCEDURE_PREANALYSIS_DELAYS,)

    def moved_due(
        self,
        version: RuleVersion[PeriodDays],
        case: MigrationCase,
        context: Context,
        due: date,
        late: int,
    ) -> date:
        """``due`` moved by the clinic's delay of ``late`` business days under
        ``clinic-delay-extends``: ``add_business_days(due, late)`` on the evaluation's calendar
        (SPEC §3.1; a validation late only by a day off is 0 business days late, which rolls a
        due date that is not a business day forward, as under ``interpretation-act``);
        ``due`` under ``clinic-delay-noted``."""
        if version.choice("clinic-delay", context.readings).id == CLINIC_DELAY_EXTENDS.id:
            return context.calendar.add_business_days(due, late)
        return due

    def due_for(self, case: MigrationCase, context: Context) -> date | None:
        """The case's import due date under the context's readings (the clinic's delay
        included), or ``None`` when no version is in force."""
        version = self.version_at(case.requested_on)
        if version is None:
            return None
        due, _ = self.period_due(version, case, context)
        if "clinic-delay" in version.topics:
            due, _ = self.adjusted_due(version, case, context, due, {})
        return due

    def notes(self, finding: Finding) -> list[Note]:
        """The clinic's late validation of the pre-analysis, and the shift it made."""
        delay = finding.details.get("clinic_delay")
        if not delay:
            return []
        notes = [self.note("clinic_delay", **delay)]
        if "statutory_due" in finding.details:
            notes.append(self.note("extended", statutory_due=finding.details["statutory_due"]))
        return notes


IMPORT_DEADLINE = ImportDeadlineRule(
    id="qc.migration.import-deadline",
    title_fr="Délai d'importation des données",
    title_en="Data import deadline",
    obligated_party=Party.TARGET_VENDOR,
    position=30,
    reasons=("process_not_started", "not_sent_to_party", "non_standard_scope", "scope_unknown"),
    versions=(
        RuleVersion(
            version="1",
            period=AVENANT_UNTIL_PROCEDURE,
            parameters=PeriodDays(days=45),
            citations=(AVENANT_IMPORT,),
            readings=AVENANT_READINGS,
            alternatives=AVENANT_ALTERNATIVES,
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
            readings=(*PROCEDURE_READINGS, CLINIC_DELAY_EXTENDS),
            alternatives=(*PROCEDURE_ALTERNATIVES, CLINIC_DELAY_NOTED),
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
