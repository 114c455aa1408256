"""SUCCESS_CONFIRMATION: each vendor that completed its operation confirms that it succeeded."""

from __future__ import annotations

from typing import Any

from dme_rules.case import MigrationCase
from dme_rules.model import (
    COMPLIANT,
    NOT_APPLICABLE,
    VIOLATION,
    Context,
    Finding,
    Party,
    RuleVersion,
)
from dme_rules.parameters import NoParameters
from dme_rules.rule import Rule
from dme_rules.sources import AVENANT_BASIS, AVENANT_CONFIRMATION, AVENANT_IN_FORCE

__all__ = ["SUCCESS_CONFIRMATION", "SuccessConfirmation"]


class SuccessConfirmation(Rule[NoParameters]):
    """Every completed extraction or import is confirmed as successful by its vendor.

    One finding covers both operations, with ``details["operations"]`` per operation. A
    completed operation without a confirmation (on or after its completion, by ``as_of``) is a
    violation of the vendor that completed it; with nothing completed, ``not_applicable``.
    The sources set no time limit for the confirmation.
    """

    def assess(
        self, version: RuleVersion[NoParameters], case: MigrationCase, context: Context
    ) -> Finding:
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
            return self.outcome(version, NOT_APPLICABLE, details={"reason": "nothing_completed"})
        return self.outcome(
            version,
            VIOLATION if at_fault else COMPLIANT,
            obligated_party="+".join(at_fault) or self.obligated_party,
            details={"operations": operations},
        )

    def explain(self, finding: Finding, lang: str) -> list[str]:
        words = {
            "extraction": ("extraction", "extraction"),
            "import": ("importation", "import"),
        }
        phrases = []
        for name, operation in finding.details.get("operations", {}).items():
            fr, en = words[name]
            if operation["confirmed"]:
                phrases.append(
                    f"{fr} confirmée le {operation['confirmed_on']}"
                    if lang == "fr"
                    else f"{en} confirmed on {operation['confirmed_on']}"
                )
            else:
                phrases.append(
                    f"{fr} terminée le {operation['completed_on']} sans confirmation de réussite"
                    if lang == "fr"
                    else f"{en} completed on {operation['completed_on']} without confirmation "
                    "of success"
                )
        return phrases


SUCCESS_CONFIRMATION = SuccessConfirmation(
    id="qc.migration.success-confirmation",
    title_fr="Confirmation de la réussite de l'opération",
    title_en="Confirmation of success",
    obligated_party=f"{Party.SOURCE_VENDOR}+{Party.TARGET_VENDOR}",
    versions=(
        RuleVersion(
            version="1",
            effective_from=AVENANT_IN_FORCE,
            effective_to=None,
            effective_basis=AVENANT_BASIS,
            parameters=NoParameters(),
            citations=(AVENANT_CONFIRMATION,),
            summary_en=(
                "Each vendor that completed an extraction or an import confirms that the "
                "operation succeeded."
            ),
        ),
    ),
    reasons={
        "nothing_completed": (
            "aucune extraction ni importation n'est encore terminée",
            "no extraction or import is completed yet",
        ),
    },
)
