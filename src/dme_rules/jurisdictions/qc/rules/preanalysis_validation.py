"""PREANALYSIS_VALIDATION: the clinic validates the pre-analysis within 7 business days."""

from __future__ import annotations

from datetime import date
from typing import Any

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.context import Context
from dme_rules.engine.deadlines import DeadlineState, deadline_state
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.qc.calendars import QUEBEC_CPC
from dme_rules.jurisdictions.qc.counting import business_days_after, extended_end_on
from dme_rules.jurisdictions.qc.parameters import BusinessDays
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import (
    COURT_CALENDAR,
    INTERPRETATION_ACT,
    LABOUR_STANDARDS_CALENDAR,
    NEXT_BUSINESS_DAY,
)
from dme_rules.jurisdictions.qc.sources import (
    PROCEDURE,
    PROCEDURE_PREANALYSIS_DELAYS,
    PROCEDURE_PREANALYSIS_VALIDATION,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["PREANALYSIS_VALIDATION", "PreanalysisValidationRule"]


class PreanalysisValidationRule(Rule[BusinessDays, MigrationCase]):
    """The physician or clinic validates the pre-analysis within 7 business days of receiving
    it (procedure 2024, step 3, extraction d).

    Before the pre-analysis is submitted (as of ``as_of``), ``not_applicable`` (reason
    ``not_submitted``); a validation recorded without its submission date cannot be judged:
    ``insufficient_data`` naming ``$.preanalysis.submitted_on`` (reason
    ``submission_unknown``). The import deadline reads the clinic's delay here
    (:meth:`delay`, :meth:`unknown_delay`).
    """

    subject = MigrationCase

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

    def _submitted(self, case: MigrationCase, context: Context) -> tuple[date, date | None] | None:
        """The submission and validation dates, when the submission happened by ``as_of``."""
        preanalysis = case.preanalysis
        if preanalysis is None or preanalysis.submitted_on is None:
            return None
        if preanalysis.submitted_on > context.today:
            return None
        return preanalysis.submitted_on, preanalysis.validated_on

    def validation_due(
        self, version: RuleVersion[BusinessDays], submitted: date, context: Context
    ) -> date:
        """The last day to validate a pre-analysis submitted on ``submitted``: the version's
        business days after it (a business day, which neither reading of an end on a day off
        extends on the default calendar; on another calendar, ``interpretation-act`` extends
        an end on a holiday of the Interpretation Act; computed once per day and context: the
        cases of a run share their days)."""
        due: date = context.remembered(
            self, version, submitted, self._validation_due, version, submitted, context
        )
        return due

    def _validation_due(
        self, version: RuleVersion[BusinessDays], submitted: date, context: Context
    ) -> date:
        """:meth:`validation_due` computed."""
        end = context.calendar.add_business_days(submitted, version.parameters.business_days)
        extension = version.choice("period-end", context.readings)
        return extended_end_on(end, extension, context.calendar)

    def validation(
        self, case: MigrationCase, context: Context
    ) -> tuple[date, date, DeadlineState] | None:
        """The submission, the validation's due date and where it stands at ``as_of``, when
        a version is in force and the pre-analysis was submitted by then (computed once per
        case and context: the import deadline asks for it too)."""
        version = self.version_at(case.requested_on)
        if version is None:
            return None
        return context.shared(case, self, version, self._validation, version, case, context)

    def _validation(
        self, version: RuleVersion[BusinessDays], case: MigrationCase, context: Context
    ) -> tuple[date, date, DeadlineState] | None:
        dates = self._submitted(case, context)
        if dates is None:
            return None
        submitted, validated = dates
        due = self.validation_due(version, submitted, context)
        return submitted, due, deadline_state(due, validated, context)

    def delay(self, case: MigrationCase, context: Context) -> dict[str, Any] | None:
        """The clinic's delay in validating the pre-analysis, or ``None`` when it is not late
        (or the rule does not apply): ``submitted_on``, ``validation_due``, ``validated_on``
        (``None`` while it is missing: the delay then runs to ``as_of``), ``days_late``,
        ``business_days_late``."""
        found = self.validation(case, context)
        if found is None or found[2].status is not Status.VIOLATION:
            return None
        submitted, due, state = found
        return {
            "submitted_on": submitted,
            "validation_due": due,
            "validated_on": state.act_on,
            "days_late": state.days_late,
            "business_days_late": state.business_days_late,
        }

    def unvalidated_submission(self, case: MigrationCase, context: Context) -> date | None:
        """The validation's date when the case records it, by ``as_of``, without the date the
        pre-analysis was submitted (its delay cannot be measured); else ``None``."""
        preanalysis = case.preanalysis
        if preanalysis is None or preanalysis.submitted_on is not None:
            return None
        validated = preanalysis.validated_on
        return validated if validated is not None and validated <= context.today else None

    def unknown_delay(self, case: MigrationCase, context: Context) -> dict[str, Any] | None:
        """For a validation recorded without its submission date, the most the clinic can have
        been late: the delay of a pre-analysis submitted on the request's date (no act comes
        earlier), or ``None`` when even that one was validated in time (or there is no such
        validation): ``submitted_on`` (``None``), ``validated_on``, ``validation_due`` (the
        earliest it can have been) and ``business_days_late`` (the most)."""
        validated = self.unvalidated_submission(case, context)
        if validated is None:  # the usual case: nothing to measure
            return None
        version = self.version_at(case.requested_on)
        if version is None:
            return None
        earliest = self.validation_due(version, case.requested_on, context)
        late = context.calendar.business_days_between(earliest, validated)
        if late <= 0:
            return None
        return {
            "submitted_on": None,
            "validated_on": validated,
            "validation_due": earliest,
            "business_days_late": late,
        }

    def formula_2024_01(
        self, version: RuleVersion[BusinessDays], case: MigrationCase, context: Context
    ) -> Finding:
        """From 2024-01-01: validated within the version's business days of the submission;
        a validation recorded without its submission date cannot be judged."""
        found = self.validation(case, context)
        if found is None:
            validated = self.unvalidated_submission(case, context)
            if validated is not None:
                return self.insufficient(
                    version,
                    "$.preanalysis.submitted_on",
                    act_on=validated,
                    details={"reason": "submission_unknown"},
                )
            details = {"reason": "not_submitted"}
            preanalysis = case.preanalysis
            if preanalysis is not None and preanalysis.submitted_on is not None:
                details["ignored"] = "$.preanalysis.submitted_on"
            elif preanalysis is not None and preanalysis.validated_on is not None:
                details["ignored"] = "$.preanalysis.validated_on"
            return self.outcome(version, Status.NOT_APPLICABLE, details=details)
        submitted, due, state = found
        return self.deadline(
            version,
            context,
            due=due,
            act_on=state.act_on,
            act_field="$.preanalysis.validated_on",
            details={"submitted_on": submitted},
            state=state,
        )

    def explain(self, finding: Finding, case: MigrationCase, context: Context) -> list[Note]:
        """The submission, plus the version's business days, and the days off skipped."""
        submitted = finding.details.get("submitted_on")
        version = self.version_named(finding.rule_version)
        if submitted is None or version is None or not isinstance(finding.due, date):
            return []
        steps: list[Note] = [
            ("explain.business_days", {"day": submitted, "n": version.parameters.business_days,
                                       "due": finding.due})
        ]  # fmt: skip
        off = context.calendar.days_off(submitted, finding.due)
        if off:
            steps.append(("explain.skipped", {"days": off}))
        return steps


PREANALYSIS_VALIDATION = PreanalysisValidationRule(
    id="qc.migration.preanalysis-validation",
    title_fr="Validation de la préanalyse par la clinique",
    title_en="Clinic's validation of the pre-analysis",
    obligated_party=Party.CLINIC,
    position=80,
    reasons=("not_submitted", "submission_unknown"),
    versions=(
        RuleVersion(
            version="1",
            period=PROCEDURE,
            parameters=BusinessDays(business_days=7),
            citations=(PROCEDURE_PREANALYSIS_VALIDATION, PROCEDURE_PREANALYSIS_DELAYS),
            readings=(NEXT_BUSINESS_DAY, COURT_CALENDAR),
            alternatives=(INTERPRETATION_ACT, LABOUR_STANDARDS_CALENDAR),
            summary_en=(
                "The physician or clinic validates the pre-analysis within 7 business days of "
                "its submission; delays at this step may shift the calendar slightly."
            ),
            summary_fr=(
                "Le médecin ou la clinique valide la préanalyse dans un délai de 7 jours "
                "ouvrables suivant sa soumission ; tout retard à cette étape peut modifier "
                "légèrement le calendrier."
            ),
        ),
    ),
)
