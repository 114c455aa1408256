"""EXTRACTION_FEE_CAP: the extraction costs at most $500 per practitioner."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dme_rules.engine._checks import MONEY, checked_int
from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Rule
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.qc.parameters import PerPractitionerCap
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.sources import (
    AVENANT,
    AVENANT_EXTRACTION,
    AVENANT_MODULATION,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["EXTRACTION_FEE_CAP", "ExtractionFeeCapRule"]


class ExtractionFeeCapRule(Rule[PerPractitionerCap, MigrationCase]):
    """The source vendor charges at most the cap per practitioner; less is allowed.

    The fee is seen with the extraction's delivery: ``not_applicable`` (reason
    ``not_yet_charged``) while neither is recorded as of ``as_of`` (a delivery dated later
    hides its fee too), ``insufficient_data`` naming ``$.extraction.fee`` once the extraction
    is delivered and its fee unknown.
    """

    subject = MigrationCase

    def cap(self, practitioners: int, *, requested_on: date | None = None) -> Decimal:
        """The highest extraction fee for ``practitioners`` practitioners, CAD before taxes.

        >>> EXTRACTION_FEE_CAP.cap(4)
        Decimal('2000')

        Args:
            practitioners: How many practitioners ("intervenants"), at least 1.
            requested_on: The request's date, to pick the version (default: the latest).
        """
        practitioners = checked_int(practitioners, "practitioners", minimum=1)
        return MONEY.multiply(
            self.version_for(requested_on).parameters.per_practitioner, practitioners
        )

    def formula_2021_10(
        self, version: RuleVersion[PerPractitionerCap], case: MigrationCase, context: Context
    ) -> Finding:
        """From 2021-10-28: the fee is at most the cap per practitioner times their number,
        seen with the delivery it pays for."""
        extraction = case.extraction
        return self.within_cap(
            version,
            amount=extraction.fee if extraction is not None else None,
            cap=MONEY.multiply(version.parameters.per_practitioner, case.practitioners),
            amount_field="$.extraction.fee",
            details={"practitioners": case.practitioners},
            act=(
                extraction.delivered_on if extraction is not None else None,
                "$.extraction.delivered_on",
            ),
            context=context,
        )


EXTRACTION_FEE_CAP = ExtractionFeeCapRule(
    id="qc.migration.extraction-fee-cap",
    title_fr="Plafond des frais d'extraction",
    title_en="Extraction fee cap",
    obligated_party=Party.SOURCE_VENDOR,
    position=20,
    reasons=("not_yet_charged",),
    versions=(
        RuleVersion(
            version="1",
            period=AVENANT,
            parameters=PerPractitionerCap(per_practitioner=Decimal("500")),
            citations=(AVENANT_EXTRACTION, AVENANT_MODULATION),
            summary_en=(
                "The extraction fee is at most $500 per practitioner, before taxes; a lower "
                "fee is allowed."
            ),
            summary_fr=(
                "Les frais d'extraction sont plafonnés à 500 $ par intervenant, avant taxes ; des "
                "frais moindres sont permis."
            ),
        ),
    ),
)
