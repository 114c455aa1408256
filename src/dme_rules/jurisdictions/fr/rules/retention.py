"""RETENTION: a closed record is kept ten years from its closure (L.1111-18)."""

from __future__ import annotations

from datetime import date

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.fr.counting import years_after_event
from dme_rules.jurisdictions.fr.parameters import RetentionPeriod
from dme_rules.jurisdictions.fr.parties import Party
from dme_rules.jurisdictions.fr.sources import (
    CPC_641_MONTHS_YEARS,
    CPC_642_END,
    FAQ_RETENTION,
    LOI_2016_41,
)
from dme_rules.jurisdictions.fr.subjects.dmp_record import DmpRecord

__all__ = ["RETENTION", "RetentionRule"]


class RetentionRule(Rule[RetentionPeriod, DmpRecord]):
    """The host keeps a closed record until the same day number ten years after its closure
    (art. 641: 28 February for a 29 February), that day included.

    The version is the one in force on the closure's date. Purged before that day: violation
    (``days_late`` counts how early); on or after it: compliant; not purged and the day not
    past: pending (``days_left``); not purged and past: compliant. An open record (or one
    closed after ``as_of``) is ``not_applicable`` (``record_open``); a purge without a
    closure date is ``insufficient_data`` naming ``$.closed_on``. A purge after ``as_of`` is
    not seen.
    """

    subject = DmpRecord

    def reference_date(self, record: DmpRecord) -> date:
        """The closure's date (the record's latest date while it is open)."""
        return record.closed_on or record.reference_date

    def formula_2016_07(
        self, version: RuleVersion[RetentionPeriod], record: DmpRecord, context: Context
    ) -> Finding:
        """From 2016-07-01: ten years from the closure."""
        today = context.today
        purged = record.purged_on if record.purged_on and record.purged_on <= today else None
        closed = record.closed_on
        if closed is None and purged is not None:
            return self.insufficient(version, "$.closed_on", act_on=purged)
        if closed is None or closed > today:
            return self.outcome(version, Status.NOT_APPLICABLE, details={"reason": "record_open"})
        kept_until = years_after_event(closed, version.parameters.years)
        if purged is not None and purged < kept_until:
            return self.outcome(
                version, Status.VIOLATION, due=kept_until, act_on=purged,
                days_late=(kept_until - purged).days, details={"closed_on": closed},
            )  # fmt: skip
        if purged is None and today <= kept_until:
            return self.outcome(
                version, Status.PENDING, due=kept_until,
                days_left=(kept_until - today).days, details={"closed_on": closed},
            )  # fmt: skip
        return self.outcome(
            version, Status.COMPLIANT, due=kept_until, act_on=purged, details={"closed_on": closed}
        )

    def explain(self, finding: Finding, record: DmpRecord, context: Context) -> list[Note]:
        """The closure, then the same day number ten years on (art. 641)."""
        closed = finding.details.get("closed_on")
        version = self.version_named(finding.rule_version)
        if closed is None or version is None:
            return []
        years = version.parameters.years
        return [
            ("explain.closed", {"day": closed}),
            ("explain.years_after", {"day": closed, "years": years, "until": finding.due}),
        ]

    def notes(self, finding: Finding) -> list[Note]:
        """The closure's date."""
        closed = finding.details.get("closed_on")
        return [self.note("closed", closed_on=closed)] if closed is not None else []


RETENTION = RetentionRule(
    id="fr.dmp.retention",
    title_fr="Conservation du DMP fermé",
    title_en="Retention of a closed record",
    obligated_party=Party.HOST,
    position=20,
    reasons=("record_open",),
    versions=(
        RuleVersion(
            version="1",
            period=LOI_2016_41,
            parameters=RetentionPeriod(years=10),
            citations=(FAQ_RETENTION, CPC_641_MONTHS_YEARS, CPC_642_END),
            summary_en=(
                "A closed record is kept ten years from its closure, until the same day number "
                "ten years on (28 February for a 29 February)."
            ),
            summary_fr=(
                "Un DMP fermé est conservé dix ans à compter de sa fermeture, jusqu'au jour "
                "portant le même quantième dix ans plus tard (le 28 février pour un 29 février)."
            ),
        ),
    ),
)
