"""IMPORT_FEE_CAP: the import costs at most $500 (same solution) or $1,500 per practitioner."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dme_rules.engine._checks import MONEY, checked_int
from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Rule
from dme_rules.engine.versions import RuleVersion
from dme_rules.errors import InvalidArgumentError
from dme_rules.jurisdictions.qc.parameters import ImportFeeCaps
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.sources import (
    AVENANT,
    AVENANT_IMPORT,
    AVENANT_MODULATION,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["IMPORT_FEE_CAP", "ImportFeeCapRule"]


class ImportFeeCapRule(Rule[ImportFeeCaps, MigrationCase]):
    """The target vendor charges at most the cap per practitioner; less is allowed.

    The same solution means the same product: Toubib to Omnimed (one vendor, two products) is
    a different solution. Names compare case- and accent-insensitively; a solution outside the
    certified directory is compared by name and listed in ``details["unknown_solutions"]``.

    The fee is seen with the import's completion: ``not_applicable`` (reason
    ``not_yet_charged``) while neither is recorded as of ``as_of`` (a completion dated later
    hides its fee too), ``insufficient_data`` naming ``$.import.fee`` once the import is
    completed and its fee unknown.
    """

    subject = MigrationCase

    def cap(
        self, practitioners: int, same_solution: bool, *, requested_on: date | None = None
    ) -> Decimal:
        """The highest import fee, CAD before taxes.

        >>> IMPORT_FEE_CAP.cap(4, same_solution=False)
        Decimal('6000')

        Args:
            practitioners: How many practitioners ("intervenants"), at least 1.
            same_solution: Whether the data comes from the same solution (product).
            requested_on: The request's date, to pick the version (default: the latest).
        """
        practitioners = checked_int(practitioners, "practitioners", minimum=1)
        if not isinstance(same_solution, bool):
            raise InvalidArgumentError(
                "same_solution", "True or False", same_solution, expected_fr="True ou False"
            )
        caps = self.version_for(requested_on).parameters
        per_practitioner = caps.same_solution if same_solution else caps.different_solution
        return MONEY.multiply(per_practitioner, practitioners)

    def formula_2021_10(
        self, version: RuleVersion[ImportFeeCaps], case: MigrationCase, context: Context
    ) -> Finding:
        """From 2021-10-28: the fee is at most the same-solution or the different-solution cap
        per practitioner, times their number, seen with the import it pays for."""
        same = case.same_solution
        caps = version.parameters
        per_practitioner = caps.same_solution if same else caps.different_solution
        details: dict[str, object] = {"same_solution": same, "practitioners": case.practitioners}
        if case.source is None or case.target is None:
            details["unknown_solutions"] = [
                name
                for name, solution in (
                    (case.source_solution, case.source),
                    (case.target_solution, case.target),
                )
                if solution is None
            ]
        imported = case.import_
        return self.within_cap(
            version,
            amount=imported.fee if imported is not None else None,
            cap=MONEY.multiply(per_practitioner, case.practitioners),
            amount_field="$.import.fee",
            details=details,
            act=(imported.completed_on if imported is not None else None, "$.import.completed_on"),
            context=context,
        )


IMPORT_FEE_CAP = ImportFeeCapRule(
    id="qc.migration.import-fee-cap",
    title_fr="Plafond des frais d'importation",
    title_en="Import fee cap",
    obligated_party=Party.TARGET_VENDOR,
    position=40,
    reasons=("not_yet_charged",),
    versions=(
        RuleVersion(
            version="1",
            period=AVENANT,
            parameters=ImportFeeCaps(
                same_solution=Decimal("500"), different_solution=Decimal("1500")
            ),
            citations=(AVENANT_IMPORT, AVENANT_MODULATION),
            summary_en=(
                "The import fee is at most $500 per practitioner when the data comes from the "
                "same solution and $1,500 when it comes from a different one, before taxes."
            ),
            summary_fr=(
                "Les frais d'importation sont plafonnés, avant taxes, à 500 $ par intervenant "
                "lorsque les données proviennent de la même solution et à 1 500 $ lorsqu'elles "
                "proviennent d'une solution différente."
            ),
        ),
    ),
)
