"""EXTRACTION_DEADLINE: the current vendor extracts the data within 21 days of the request."""

from __future__ import annotations

from datetime import date

from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.qc.directory import Solution
from dme_rules.jurisdictions.qc.parameters import PeriodDays
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import COURT_CALENDAR, LABOUR_STANDARDS_CALENDAR
from dme_rules.jurisdictions.qc.rules._request_period import (
    AVENANT_ALTERNATIVES,
    AVENANT_READINGS,
    PROCEDURE_ALTERNATIVES,
    PROCEDURE_READINGS,
    RequestPeriodRule,
)
from dme_rules.jurisdictions.qc.sources import (
    AVENANT_EXTRACTION,
    AVENANT_UNTIL_PROCEDURE,
    PROCEDURE,
    PROCEDURE_OFFICIAL_START,
    PROCEDURE_STANDARD_DELAYS,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["EXTRACTION_DEADLINE", "ExtractionDeadlineRule"]


class ExtractionDeadlineRule(RequestPeriodRule):
    """The first complete extraction ("TEST") is delivered within 21 days of the request
    (the conditions of each version are those of :class:`RequestPeriodRule`).

    >>> from datetime import datetime
    >>> EXTRACTION_DEADLINE.due(datetime.fromisoformat("2025-06-20T16:45:00-04:00"))
    datetime.date(2025, 7, 14)
    """

    act_field = "$.extraction.delivered_on"

    def act(self, case: MigrationCase) -> date | None:
        """When the extraction was delivered."""
        return case.extraction.delivered_on if case.extraction is not None else None

    def vendor(self, case: MigrationCase) -> Solution | None:
        """The current solution, whose vendor extracts."""
        return case.source


EXTRACTION_DEADLINE = ExtractionDeadlineRule(
    id="qc.migration.extraction-deadline",
    title_fr="Délai d'extraction des données",
    title_en="Data extraction deadline",
    obligated_party=Party.SOURCE_VENDOR,
    position=10,
    reasons=("process_not_started", "not_sent_to_party", "non_standard_scope", "scope_unknown"),
    versions=(
        RuleVersion(
            version="1",
            period=AVENANT_UNTIL_PROCEDURE,
            parameters=PeriodDays(days=21),
            citations=(AVENANT_EXTRACTION,),
            readings=(*AVENANT_READINGS, COURT_CALENDAR),
            alternatives=(*AVENANT_ALTERNATIVES, LABOUR_STANDARDS_CALENDAR),
            summary_en=(
                "The current vendor extracts the data within 21 days of receiving the request; "
                "no start convention was published, so the request's day is not counted."
            ),
            summary_fr=(
                "Le fournisseur actuel extrait les données dans un délai de 21 jours suivant la "
                "réception de la demande ; aucune règle sur le point de départ du délai n'ayant "
                "été publiée, le jour de la demande n'est pas compté."
            ),
        ),
        RuleVersion(
            version="2",
            period=PROCEDURE,
            parameters=PeriodDays(days=21),
            citations=(AVENANT_EXTRACTION, PROCEDURE_OFFICIAL_START, PROCEDURE_STANDARD_DELAYS),
            readings=(*PROCEDURE_READINGS, COURT_CALENDAR),
            alternatives=(*PROCEDURE_ALTERNATIVES, LABOUR_STANDARDS_CALENDAR),
            summary_en=(
                "The current vendor delivers the first complete extraction (TEST) within 21 "
                "days counted from the official start, the business day after the request, "
                "for a standard-scope migration started by a signed, authorized form."
            ),
            summary_fr=(
                "Le fournisseur actuel livre la première extraction complète (TEST) dans un délai "
                "de 21 jours compté à partir du début officiel, soit le jour ouvrable suivant la "
                "demande, pour une migration de portée standard entreprise au moyen d'un "
                "formulaire signé et autorisé par la clinique."
            ),
        ),
    ),
)
