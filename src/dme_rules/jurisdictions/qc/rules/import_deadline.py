"""IMPORT_DEADLINE: the new vendor completes the import within 45 days of the request."""

from __future__ import annotations

from datetime import date
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, RuleVersion, deadline_state
from dme_rules.engine.status import Status
from dme_rules.jurisdictions.qc.parameters import PeriodDays
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import CIVIL_PROCEDURE, PROCEDURE_2024
from dme_rules.jurisdictions.qc.rules._request_period import RequestPeriodRule
from dme_rules.jurisdictions.qc.rules.preanalysis_validation import PREANALYSIS_VALIDATION
from dme_rules.jurisdictions.qc.sources import (
    AVENANT_BASIS,
    AVENANT_IMPORT,
    AVENANT_IN_FORCE,
    BEFORE_PROCEDURE,
    PROCEDURE_BASIS,
    PROCEDURE_IN_FORCE,
    PROCEDURE_NON_STANDARD_SCOPE,
    PROCEDURE_OFFICIAL_START,
    PROCEDURE_PREANALYSIS_DELAYS,
    PROCEDURE_STANDARD_DELAYS,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["IMPORT_DEADLINE", "ImportDeadlineRule"]


class ImportDeadlineRule(RequestPeriodRule):
    """The import is completed within 45 days of the request, for a standard-scope migration.

    - A non-standard scope makes the finding ``not_applicable`` (the procedure lets the
      calendar take extra delays into account); the statutory date is still reported.
    - When the scope is unknown and the import is late, the finding is ``insufficient_data``
      naming ``$.standard_scope``: the verdict depends on it.
    - When the import is late (or not done yet) and the clinic validated the pre-analysis
      late, the finding says so in ``details["clinic_delay"]`` and in its message (the
      procedure says such delays may shift the calendar slightly); the status is the
      deadline's.

    >>> from datetime import datetime
    >>> IMPORT_DEADLINE.due(datetime.fromisoformat("2025-06-20T16:45:00-04:00"))
    datetime.date(2025, 8, 6)
    """

    act_field = "$.import.completed_on"

    def act(self, case: MigrationCase) -> date | None:
        """When the imported data went into production."""
        return case.import_.completed_on if case.import_ is not None else None

    def formula_2021_10(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> Finding:
        """Every version (from 2021-10-28): the import is completed by the period's end,
        counted under the version's reading; the scope and the clinic's delay as above."""
        due, reading = self.period_due(version, case, context)
        act_on = self.act(case)
        state = deadline_state(due, act_on, context)
        details: dict[str, Any] = {}
        citations = version.citations
        # The clinic's delay explains an import that is late or still running; an import
        # completed in time needs no explanation (the pre-analysis rule reports the delay).
        if state.status is not Status.COMPLIANT:
            clinic_delay = PREANALYSIS_VALIDATION.delay(case, context)
            if clinic_delay is not None:
                details["clinic_delay"] = clinic_delay
                citations = (*citations, PROCEDURE_PREANALYSIS_DELAYS)
        if case.standard_scope is False:
            details["reason"] = "non_standard_scope"
            return self.outcome(
                version,
                Status.NOT_APPLICABLE,
                due=due,
                act_on=state.act_on,
                reading=reading,
                citations=(*citations, PROCEDURE_NON_STANDARD_SCOPE),
                details=details,
            )
        status = None
        if case.standard_scope is None and state.status is Status.VIOLATION:
            details["missing"] = "$.standard_scope"
            details["reason"] = "scope_unknown"
            status = Status.INSUFFICIENT_DATA
        return self.deadline(
            version,
            context,
            due=due,
            act_on=act_on,
            act_field=self.act_field,
            reading=reading,
            details=details,
            citations=citations,
            state=state,
            status=status,
        )

    def notes(self, finding: Finding) -> list[Note]:
        """The clinic's late validation of the pre-analysis, when there was one."""
        delay = finding.details.get("clinic_delay")
        if not delay:
            return []
        return [self.note("clinic_delay", **delay)]


IMPORT_DEADLINE = ImportDeadlineRule(
    id="qc.migration.import-deadline",
    title_fr="Délai d'importation des données",
    title_en="Data import deadline",
    obligated_party=Party.TARGET_VENDOR,
    position=30,
    reasons=("non_standard_scope", "scope_unknown"),
    versions=(
        RuleVersion(
            version="1",
            effective_from=AVENANT_IN_FORCE,
            effective_to=BEFORE_PROCEDURE,
            effective_basis=AVENANT_BASIS,
            parameters=PeriodDays(days=45),
            citations=(AVENANT_IMPORT,),
            reading=CIVIL_PROCEDURE,
            alternatives=(PROCEDURE_2024,),
            summary_en=(
                "The new vendor completes the import within 45 days of the request; no start "
                "convention was published, so the request's day is not counted."
            ),
        ),
        RuleVersion(
            version="2",
            effective_from=PROCEDURE_IN_FORCE,
            effective_to=None,
            effective_basis=PROCEDURE_BASIS,
            parameters=PeriodDays(days=45),
            citations=(AVENANT_IMPORT, PROCEDURE_OFFICIAL_START, PROCEDURE_STANDARD_DELAYS),
            reading=PROCEDURE_2024,
            alternatives=(CIVIL_PROCEDURE,),
            summary_en=(
                "The new vendor completes a standard-scope import within 45 days counted from "
                "the official start, the business day after the request."
            ),
        ),
    ),
)
