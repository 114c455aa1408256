"""SUCCESS_CONFIRMATION: each vendor that completed its operation confirms that it succeeded."""

from __future__ import annotations

from datetime import date
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.deadlines import deadline_state
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import NoParameters, RuleVersion
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import (
    CLINIC_DELAY_EXTENDS,
    CLINIC_DELAY_NOTED,
    CONFIRM_SAME_DAY,
    CONFIRM_WITHIN_PERIOD,
    COURT_CALENDAR,
    LABOUR_STANDARDS_CALENDAR,
    UNCONFIRMED_IS_PENDING,
)
from dme_rules.jurisdictions.qc.rules._request_period import (
    AVENANT_ALTERNATIVES,
    AVENANT_READINGS,
    PROCEDURE_ALTERNATIVES,
    PROCEDURE_READINGS,
    RequestPeriodRule,
)
from dme_rules.jurisdictions.qc.rules.extraction_deadline import EXTRACTION_DEADLINE
from dme_rules.jurisdictions.qc.rules.import_deadline import IMPORT_DEADLINE
from dme_rules.jurisdictions.qc.sources import (
    AVENANT_CONFIRMATION,
    AVENANT_UNTIL_PROCEDURE,
    PROCEDURE,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["SUCCESS_CONFIRMATION", "SuccessConfirmationRule"]

#: How bad an operation's status is, the worst first: the one the finding shows.
_RANK = {
    Status.VIOLATION: 0,
    Status.INSUFFICIENT_DATA: 1,
    Status.PENDING: 2,
    Status.COMPLIANT: 3,
}


class SuccessConfirmationRule(Rule[NoParameters, MigrationCase]):
    """Every completed extraction or import is confirmed as successful by its vendor.

    One finding covers both operations, with ``details["operations"]`` per operation: its
    party, completion, confirmation, status, due date and lateness or time left. An
    operation completed by ``as_of`` is confirmed by a due date that the reading sets:

    - ``confirm-within-period`` (the default): the operation's own deadline as computed for
      the case (the extraction's or the import's due date, every reading applied), or the
      day the operation was completed when that is later; where that deadline does not bind
      (process not started, form not sent, non-standard scope), the day it was completed.
      Where the deadline turns on an unknown fact (a clinic's delay without its submission
      date), a confirmation whose verdict turns on it is ``insufficient_data`` naming it;
    - ``confirm-same-day``: the day the operation was completed (``unconfirmed-is-violation``,
      the first edition's id, names it too);
    - ``unconfirmed-is-pending``: no due date; an unconfirmed operation is pending.

    A due date ends at 24:00: unconfirmed until then, pending; confirmed after it, or still
    unconfirmed, a violation with the days late. A confirmation dated before the completion
    confirms nothing. The finding shows the worst operation (the one with most days late, or
    the nearest due date) and binds the vendors of the operations not compliant; with nothing
    completed, ``not_applicable``.
    """

    subject = MigrationCase

    def formula_2021_10(
        self, version: RuleVersion[NoParameters], case: MigrationCase, context: Context
    ) -> Finding:
        """Every version (from 2021-10-28): each operation completed by ``as_of`` is
        confirmed by the due date of the reading in force."""
        reading_id = version.choice("confirmation", context.readings).id
        extraction, imported = case.extraction, case.import_
        operations: dict[str, dict[str, Any]] = {}
        if extraction is not None and extraction.delivered_on is not None:
            self.add_operation(
                operations, "extraction", Party.SOURCE_VENDOR, EXTRACTION_DEADLINE,
                extraction.delivered_on, extraction.confirmed_on, reading_id, case, context,
            )  # fmt: skip
        if imported is not None and imported.completed_on is not None:
            self.add_operation(
                operations, "import", Party.TARGET_VENDOR, IMPORT_DEADLINE,
                imported.completed_on, imported.confirmed_on, reading_id, case, context,
            )  # fmt: skip
        if not operations:
            return self.outcome(
                version, Status.NOT_APPLICABLE, details={"reason": "nothing_completed"}
            )
        worst = min(operations.values(), key=_severity)
        at_fault = [
            op["party"] for op in operations.values() if op["status"] is not Status.COMPLIANT
        ]
        details: dict[str, Any] = {"operations": operations}
        if "missing" in worst:
            details["missing"], details["reason"] = worst["missing"], worst["unknown"]
        return self.outcome(
            version,
            worst["status"],
            due=worst.get("due"),
            act_on=worst["confirmed_on"] if worst["confirmed"] else None,
            days_late=worst.get("days_late"),
            business_days_late=worst.get("business_days_late"),
            days_left=worst.get("days_left"),
            business_days_left=worst.get("business_days_left"),
            obligated_party="+".join(at_fault) or self.obligated_party,
            details=details,
        )

    def add_operation(
        self,
        operations: dict[str, dict[str, Any]],
        name: str,
        party: str,
        deadline: RequestPeriodRule,
        completed: date,
        confirmed: date | None,
        reading_id: str,
        case: MigrationCase,
        context: Context,
    ) -> None:
        """Add to ``operations``, under ``name``, the operation of ``party`` completed on
        ``completed`` and confirmed on ``confirmed`` (``None``: not yet) as the case stood at
        ``as_of``, judged against the due date of ``reading_id``: nothing when it was not
        completed by ``as_of`` (nothing to confirm yet)."""
        today = context.today
        if completed > today:
            return
        if confirmed is not None and confirmed > today:
            confirmed = None  # a confirmation after ``as_of`` is not seen
        done = confirmed is not None and confirmed >= completed
        operation: dict[str, Any] = {
            "party": party,
            "completed_on": completed,
            "confirmed_on": confirmed,
            "confirmed": done,
        }
        if confirmed is not None and not done:
            operation["reason"] = "confirmed_before_completion"
        act = confirmed if done else None
        if reading_id == UNCONFIRMED_IS_PENDING.id:  # no due date
            operation["status"] = Status.COMPLIANT if act else Status.PENDING
        else:
            self.judge_operation(operation, reading_id, deadline, case, context, completed, act)
        operations[name] = operation

    def judge_operation(
        self,
        operation: dict[str, Any],
        reading_id: str,
        deadline: RequestPeriodRule,
        case: MigrationCase,
        context: Context,
        completed: date,
        confirmed: date | None,
    ) -> None:
        """Judge ``operation``, completed on ``completed`` and confirmed on ``confirmed``
        (``None``: not yet), against the due date of ``reading_id``: its status, its due date,
        its lateness or the time left (or the unknown fact its verdict turns on)."""
        earliest = latest = completed  # confirm-same-day, or a deadline that does not bind
        unknown = None
        terms = deadline.terms(case, context) if reading_id == CONFIRM_WITHIN_PERIOD.id else None
        if terms is not None and terms.due is not None and terms.binds:
            earliest = max(terms.due, completed)
            unknown = terms.unknown
            if unknown is not None and terms.latest is None:  # it may not bind at all
                earliest, latest = completed, earliest
            elif terms.latest is not None:
                latest = max(terms.latest, completed)
        state = deadline_state(earliest, confirmed, context)
        operation["status"], operation["due"] = state.status, earliest
        if unknown is not None and state.status is not (
            deadline_state(latest, confirmed, context).status
        ):  # the verdict turns on the unknown fact
            operation["status"] = Status.INSUFFICIENT_DATA
            operation["unknown"], operation["missing"] = unknown
            return
        _, _, days_late, business_days_late, days_left, business_days_left, _, _ = state
        if days_late is not None:
            operation["days_late"] = days_late
        if business_days_late is not None:
            operation["business_days_late"] = business_days_late
        if days_left is not None:
            operation["days_left"] = days_left
        if business_days_left is not None:
            operation["business_days_left"] = business_days_left

    def notes(self, finding: Finding) -> list[Note]:
        """Each operation: confirmed in time, confirmed late, awaited by its due date,
        unconfirmed, or turning on a missing fact."""
        notes = []
        for name, operation in finding.details.get("operations", {}).items():
            status = operation["status"]  # a Status, or its text in a finding read back
            if status == Status.INSUFFICIENT_DATA:
                code = "open"
            elif operation["confirmed"]:
                code = "confirmed_late" if status == Status.VIOLATION else "confirmed"
            elif status == Status.PENDING and "due" in operation:
                code = "awaited"
            else:
                code = "unconfirmed_by" if "due" in operation else "unconfirmed"
            notes.append(self.note(code, operation=f"{self.id}.{name}", **operation))
        return notes


def _severity(operation: dict[str, Any]) -> tuple[int, int, date]:
    """How bad an operation stands, the worst least: its status, then the most days late,
    then the nearest due date."""
    return (
        _RANK[operation["status"]],
        -operation.get("days_late", 0),
        operation.get("due", date.max),
    )


SUCCESS_CONFIRMATION = SuccessConfirmationRule(
    id="qc.migration.success-confirmation",
    title_fr="Confirmation de la réussite de l'opération",
    title_en="Confirmation of success",
    obligated_party=f"{Party.SOURCE_VENDOR}+{Party.TARGET_VENDOR}",
    position=50,
    reasons=("nothing_completed", "clinic_delay_unknown", "scope_unknown"),
    versions=(
        RuleVersion(
            version="1",
            period=AVENANT_UNTIL_PROCEDURE,
            parameters=NoParameters(),
            citations=(AVENANT_CONFIRMATION,),
            readings=(CONFIRM_WITHIN_PERIOD, *AVENANT_READINGS, COURT_CALENDAR),
            alternatives=(
                CONFIRM_SAME_DAY,
                UNCONFIRMED_IS_PENDING,
                *AVENANT_ALTERNATIVES,
                LABOUR_STANDARDS_CALENDAR,
            ),
            summary_en=(
                "Each vendor that completed an extraction or an import confirms that the "
                "operation succeeded, by the operation's own deadline (by default)."
            ),
            summary_fr=(
                "Tout fournisseur ayant terminé une extraction ou une importation confirme que "
                "l'opération a réussi, au plus tard à l'échéance de l'opération (par défaut)."
            ),
        ),
        RuleVersion(
            version="2",
            period=PROCEDURE,
            parameters=NoParameters(),
            citations=(AVENANT_CONFIRMATION,),
            readings=(
                CONFIRM_WITHIN_PERIOD,
                *PROCEDURE_READINGS,
                CLINIC_DELAY_EXTENDS,
                COURT_CALENDAR,
            ),
            alternatives=(
                CONFIRM_SAME_DAY,
                UNCONFIRMED_IS_PENDING,
                *PROCEDURE_ALTERNATIVES,
                CLINIC_DELAY_NOTED,
                LABOUR_STANDARDS_CALENDAR,
            ),
            summary_en=(
                "Each vendor that completed an extraction or an import confirms that the "
                "operation succeeded, by the operation's own deadline as the procedure counts "
                "it (by default), the day it was completed where that deadline does not bind."
            ),
            summary_fr=(
                "Tout fournisseur ayant terminé une extraction ou une importation confirme que "
                "l'opération a réussi, au plus tard à l'échéance de l'opération telle que la "
                "procédure la compte (par défaut), le jour même où cette échéance ne lie pas."
            ),
        ),
    ),
)
