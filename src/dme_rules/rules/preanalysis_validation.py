"""PREANALYSIS_VALIDATION: the clinic validates the pre-analysis within 7 business days."""

from __future__ import annotations

from datetime import date

from dme_rules.calendars import QUEBEC_CPC, BusinessCalendar
from dme_rules.case import MigrationCase
from dme_rules.counting import business_days_after
from dme_rules.model import Context, Finding, Party, RuleVersion, Status
from dme_rules.parameters import BusinessDays
from dme_rules.rule import Rule
from dme_rules.sources import (
    PROCEDURE_BASIS,
    PROCEDURE_IN_FORCE,
    PROCEDURE_PREANALYSIS_DELAYS,
    PROCEDURE_PREANALYSIS_VALIDATION,
)

__all__ = ["PREANALYSIS_VALIDATION", "PreanalysisValidation"]


class PreanalysisValidation(Rule[BusinessDays]):
    """The physician or clinic validates the pre-analysis within 7 business days of receiving
    it (procedure 2024, step 3, extraction d)."""

    def due(
        self,
        submitted_on: date,
        *,
        calendar: BusinessCalendar = QUEBEC_CPC,
        requested_on: date | None = None,
    ) -> date:
        """The last day to validate a pre-analysis received on ``submitted_on``.

        >>> PREANALYSIS_VALIDATION.due(date(2025, 7, 15))
        datetime.date(2025, 7, 24)

        Args:
            submitted_on: When the pre-analysis reached the physician or clinic.
            calendar: The business calendar.
            requested_on: The request's date, to pick the version (default: the latest).
        """
        version = self.version_for(requested_on)
        return business_days_after(
            submitted_on, version.parameters.business_days, calendar=calendar
        )

    def assess(
        self, version: RuleVersion[BusinessDays], case: MigrationCase, context: Context
    ) -> Finding:
        preanalysis = case.preanalysis
        submitted = preanalysis.submitted_on if preanalysis is not None else None
        if submitted is None or submitted > context.today:
            details = {"reason": "not_submitted"}
            if submitted is not None:
                details["ignored"] = "$.preanalysis.submitted_on"
            return self.outcome(version, Status.NOT_APPLICABLE, details=details)
        due = business_days_after(
            submitted, version.parameters.business_days, calendar=context.calendar
        )
        return self.deadline(
            version,
            context,
            due=due,
            act_on=preanalysis.validated_on if preanalysis is not None else None,
            act_field="$.preanalysis.validated_on",
            details={"submitted_on": submitted},
        )


PREANALYSIS_VALIDATION = PreanalysisValidation(
    id="qc.migration.preanalysis-validation",
    title_fr="Validation de la préanalyse par la clinique",
    title_en="Clinic's validation of the pre-analysis",
    obligated_party=Party.CLINIC,
    versions=(
        RuleVersion(
            version="1",
            effective_from=PROCEDURE_IN_FORCE,
            effective_to=None,
            effective_basis=PROCEDURE_BASIS,
            parameters=BusinessDays(business_days=7),
            citations=(PROCEDURE_PREANALYSIS_VALIDATION, PROCEDURE_PREANALYSIS_DELAYS),
            summary_en=(
                "The physician or clinic validates the pre-analysis within 7 business days of "
                "its submission; delays at this step may shift the calendar slightly."
            ),
        ),
    ),
    reasons={
        "not_submitted": (
            "la préanalyse n'a pas encore été soumise",
            "the pre-analysis has not been submitted yet",
        ),
    },
)
