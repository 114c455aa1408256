"""IMPORT_DEADLINE: the new vendor completes the import within 45 days of the request."""

from __future__ import annotations

from datetime import date
from typing import Any

from dme_rules.case import MigrationCase
from dme_rules.interpretations import CIVIL_PROCEDURE, PROCEDURE_2024
from dme_rules.model import (
    COMPLIANT,
    INSUFFICIENT_DATA,
    NOT_APPLICABLE,
    VIOLATION,
    Context,
    Finding,
    Party,
    RuleVersion,
)
from dme_rules.parameters import PeriodDays
from dme_rules.rule import RequestPeriodRule, deadline_state
from dme_rules.rules.preanalysis_validation import PREANALYSIS_VALIDATION
from dme_rules.sources import (
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

__all__ = ["IMPORT_DEADLINE", "ImportDeadline"]


class ImportDeadline(RequestPeriodRule):
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

    def assess(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> Finding:
        due, reading = self.period_due(version, case, context)
        act_on = self.act(case)
        state = deadline_state(due, act_on, context)
        details: dict[str, Any] = {}
        citations = version.citations
        # The clinic's delay explains an import that is late or still running; an import
        # completed in time needs no explanation (the pre-analysis rule reports the delay).
        if state.status is not COMPLIANT:
            clinic_delay = PREANALYSIS_VALIDATION.delay(case, context)
            if clinic_delay is not None:
                details["clinic_delay"] = clinic_delay
                citations = (*citations, PROCEDURE_PREANALYSIS_DELAYS)
        if case.standard_scope is False:
            details["reason"] = "non_standard_scope"
            return self.outcome(
                version,
                NOT_APPLICABLE,
                due=due,
                act_on=state.act_on,
                interpretation=reading,
                citations=(*citations, PROCEDURE_NON_STANDARD_SCOPE),
                details=details,
            )
        status = None
        if case.standard_scope is None and state.status is VIOLATION:
            details["missing"] = "$.standard_scope"
            details["reason"] = "scope_unknown"
            status = INSUFFICIENT_DATA
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

    def explain(self, finding: Finding, lang: str) -> list[str]:
        delay = finding.details.get("clinic_delay")
        if not delay:
            return []
        late = delay["business_days_late"]
        if lang == "fr":
            return [
                f"la clinique a validé la préanalyse avec {late} jour(s) ouvrable(s) de retard "
                f"(échéance {delay['validation_due']}), ce qui peut décaler légèrement le "
                "calendrier"
            ]
        return [
            f"the clinic validated the pre-analysis {late} business day(s) late "
            f"(due {delay['validation_due']}), which may shift the calendar slightly"
        ]


IMPORT_DEADLINE = ImportDeadline(
    id="qc.migration.import-deadline",
    title_fr="Délai d'importation des données",
    title_en="Data import deadline",
    obligated_party=Party.TARGET_VENDOR,
    versions=(
        RuleVersion(
            version="1",
            effective_from=AVENANT_IN_FORCE,
            effective_to=BEFORE_PROCEDURE,
            effective_basis=AVENANT_BASIS,
            parameters=PeriodDays(days=45),
            citations=(AVENANT_IMPORT,),
            interpretation=CIVIL_PROCEDURE,
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
            interpretation=PROCEDURE_2024,
            alternatives=(CIVIL_PROCEDURE,),
            summary_en=(
                "The new vendor completes a standard-scope import within 45 days counted from "
                "the official start, the business day after the request."
            ),
        ),
    ),
    reasons={
        "non_standard_scope": (
            "portée non standard : des délais supplémentaires peuvent s'appliquer",
            "non-standard scope: extra delays may apply",
        ),
        "scope_unknown": (
            "le délai ne lie que pour une migration de portée standard",
            "the deadline binds only a standard-scope migration",
        ),
    },
)
