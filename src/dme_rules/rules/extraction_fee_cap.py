"""EXTRACTION_FEE_CAP: the extraction costs at most $500 per practitioner."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dme_rules._validation import checked_int
from dme_rules.case import MigrationCase
from dme_rules.model import Context, Finding, Party, RuleVersion
from dme_rules.parameters import PerPractitionerCap
from dme_rules.rule import Rule
from dme_rules.sources import (
    AVENANT_BASIS,
    AVENANT_EXTRACTION,
    AVENANT_IN_FORCE,
    AVENANT_MODULATION,
)

__all__ = ["EXTRACTION_FEE_CAP", "ExtractionFeeCap"]


class ExtractionFeeCap(Rule[PerPractitionerCap]):
    """The source vendor charges at most the cap per practitioner; less is allowed."""

    def cap(self, practitioners: int, *, requested_on: date | None = None) -> Decimal:
        """The highest extraction fee for ``practitioners`` practitioners, CAD before taxes.

        >>> EXTRACTION_FEE_CAP.cap(4)
        Decimal('2000')

        Args:
            practitioners: How many practitioners ("intervenants"), at least 1.
            requested_on: The request's date, to pick the version (default: the latest).
        """
        practitioners = checked_int(practitioners, "practitioners", minimum=1)
        return self.version_for(requested_on).parameters.per_practitioner * practitioners

    def assess(
        self, version: RuleVersion[PerPractitionerCap], case: MigrationCase, context: Context
    ) -> Finding:
        return self.within_cap(
            version,
            amount=case.extraction.fee if case.extraction is not None else None,
            cap=version.parameters.per_practitioner * case.practitioners,
            amount_field="$.extraction.fee",
            details={"practitioners": case.practitioners},
        )


EXTRACTION_FEE_CAP = ExtractionFeeCap(
    id="qc.migration.extraction-fee-cap",
    title_fr="Plafond des frais d'extraction",
    title_en="Extraction fee cap",
    obligated_party=Party.SOURCE_VENDOR,
    versions=(
        RuleVersion(
            version="1",
            effective_from=AVENANT_IN_FORCE,
            effective_to=None,
            effective_basis=AVENANT_BASIS,
            parameters=PerPractitionerCap(per_practitioner=Decimal("500")),
            citations=(AVENANT_EXTRACTION, AVENANT_MODULATION),
            summary_en=(
                "The extraction fee is at most $500 per practitioner, before taxes; a lower "
                "fee is allowed."
            ),
        ),
    ),
)
