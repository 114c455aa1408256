"""SUCCESS_CONFIRMATION: each vendor that completed its operation confirms that it succeeded."""

from __future__ import annotations

from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import NoParameters, RuleVersion
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import UNCONFIRMED_IS_PENDING, UNCONFIRMED_IS_VIOLATION
from dme_rules.jurisdictions.qc.sources import (
    AVENANT,
    AVENANT_CONFIRMATION,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["SUCCESS_CONFIRMATION", "SuccessConfirmationRule"]


class SuccessConfirmationRule(Rule[NoParameters, MigrationCase]):
    """Every completed extraction or import is confirmed as successful by its vendor.

    One finding covers both operations, with ``details["operations"]`` per operation. A
    completed operation without a confirmation (on or after its completion, by ``as_of``) is a
    violation of the vendor that completed it (``unconfirmed-is-violation``, the default) or
    pending, with no due date (``unconfirmed-is-pending``: the sources set no time limit for
    the confirmation); with nothing completed, ``not_applicable``.
    """

    subject = MigrationCase

    def formula_2021_10(
        self, version: RuleVersion[NoParameters], case: MigrationCase, context: Context
    ) -> Finding:
        """From 2021-10-28: each operation completed by ``as_of`` is confirmed."""
        operations: dict[str, dict[str, Any]] = {}
        at_fault: list[str] = []
        today = context.today
        extraction, imported = case.extraction, case.import_
        for name, party, completed, confirmed in (
            ("extraction", Party.SOURCE_VENDOR,
             extraction.delivered_on if extraction else None,
             extraction.confirmed_on if extraction else None),
            ("import", Party.TARGET_VENDOR,
             imported.completed_on if imported else None,
             imported.confirmed_on if imported else None),
        ):  # fmt: skip
            if completed is None or completed > today:
                continue  # not completed as of ``as_of``: nothing to confirm yet
            if confirmed is not None and confirmed > today:
                confirmed = None  # a confirmation after ``as_of`` is not seen
            operation: dict[str, Any] = {
                "party": party,
                "completed_on": completed,
                "confirmed_on": confirmed,
                "confirmed": confirmed is not None and confirmed >= completed,
            }
            if confirmed is not None and confirmed < completed:
                operation["reason"] = "confirmed_before_completion"
            operations[name] = operation
            if not operation["confirmed"]:
                at_fault.append(party)
        if not operations:
            return self.outcome(
                version, Status.NOT_APPLICABLE, details={"reason": "nothing_completed"}
            )
        status = Status.COMPLIANT
        if at_fault:
            status = Status.VIOLATION
            if version.choice("confirmation", context.readings).id == UNCONFIRMED_IS_PENDING.id:
                status = Status.PENDING
        return self.outcome(
            version,
            status,
            obligated_party="+".join(at_fault) or self.obligated_party,
            details={"operations": operations},
        )

    def notes(self, finding: Finding) -> list[Note]:
        """Each operation, confirmed on its date or completed without confirmation."""
        return [
            self.note("confirmed", operation=f"{self.id}.{name}", **operation)
            if operation["confirmed"]
            else self.note("unconfirmed", operation=f"{self.id}.{name}", **operation)
            for name, operation in finding.details.get("operations", {}).items()
        ]


SUCCESS_CONFIRMATION = SuccessConfirmationRule(
    id="qc.migration.success-confirmation",
    title_fr="Confirmation de la réussite de l'opération",
    title_en="Confirmation of success",
    obligated_party=f"{Party.SOURCE_VENDOR}+{Party.TARGET_VENDOR}",
    position=50,
    reasons=("nothing_completed",),
    versions=(
        RuleVersion(
            version="1",
            period=AVENANT,
            parameters=NoParameters(),
            citations=(AVENANT_CONFIRMATION,),
            readings=(UNCONFIRMED_IS_VIOLATION,),
            alternatives=(UNCONFIRMED_IS_PENDING,),
            summary_en=(
                "Each vendor that completed an extraction or an import confirms that the "
                "operation succeeded."
            ),
            summary_fr=(
                "Tout fournisseur ayant terminé une extraction ou une importation confirme que "
                "l'opération a réussi."
            ),
        ),
    ),
)
