"""RETENTION: a closed record is kept ten years from its closure (L.1111-18)."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.deadlines import deadline_state
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.fr.counting import extended, years_after_event
from dme_rules.jurisdictions.fr.parameters import RetentionPeriod
from dme_rules.jurisdictions.fr.parties import Party
from dme_rules.jurisdictions.fr.readings import RETENTION_EXTENDED, RETENTION_NOT_EXTENDED
from dme_rules.jurisdictions.fr.sources import (
    CPC_641_MONTHS_YEARS,
    CPC_642_END,
    CPC_642_EXTENSION,
    FAQ_RETENTION,
    LOI_2016_41,
)
from dme_rules.jurisdictions.fr.subjects.dmp_record import DmpRecord

__all__ = ["RETENTION", "RetentionRule"]


class RetentionRule(Rule[RetentionPeriod, DmpRecord]):
    """The host keeps a closed record ten years from its closure: until 24:00 of the same day
    number ten years on (art. 641: 28 February for a 29 February; art. 642: « Tout délai
    expire le dernier jour à vingt-quatre heures »), that whole day included.

    Under ``retention-not-extended`` (the default) that day is never moved; under
    ``retention-extended`` one that falls on a Saturday, a Sunday or a holiday of the
    evaluation's calendar moves to the next working day (art. 642, second paragraph, then
    cited). The version is the one in force on the closure's date. Purged on or before that
    anniversary: violation (``details["days_early"]``: the days of the period not kept, the
    purge's day included); purged from the next day: compliant. Not purged: pending
    (``days_left``) while the period runs, as the engine's date deadlines run until 24:00 of
    their last day in Paris (:func:`~dme_rules.engine.deadlines.deadline_state`), then
    compliant. An open record (or one closed after ``as_of``'s date) is ``not_applicable``
    (``record_open``); a purge without a closure date is ``insufficient_data`` naming
    ``$.closed_on``. A purge dated after ``as_of``'s date is not seen.
    """

    subject = DmpRecord

    def reference_date(self, record: DmpRecord) -> date:
        """The closure's date (the record's latest date while it is open)."""
        return record.closed_on or record.reference_date

    def formula_2016_07(
        self, version: RuleVersion[RetentionPeriod], record: DmpRecord, context: Context
    ) -> Finding:
        """From 2016-07-01: ten years from the closure, until 24:00 of the anniversary."""
        today = context.today
        purged = record.purged_on if record.purged_on and record.purged_on <= today else None
        closed = record.closed_on
        if closed is None and purged is not None:
            return self.insufficient(version, "$.closed_on", act_on=purged)
        if closed is None or closed > today:
            return self.outcome(version, Status.NOT_APPLICABLE, details={"reason": "record_open"})
        kept_until = years_after_event(closed, version.parameters.years)
        reading = version.choice("retention-extension", context.readings)
        citations = None
        if reading == RETENTION_EXTENDED:
            kept_until = extended(kept_until, context.calendar)
            citations = (*version.citations, CPC_642_EXTENSION)
        found = functools.partial(
            self.outcome, version, due=kept_until, reading=reading, citations=citations
        )
        details: dict[str, Any] = {"closed_on": closed}
        if purged is not None:
            if purged <= kept_until:  # the period runs until 24:00 of kept_until: early
                details["days_early"] = (kept_until - purged).days + 1
                return found(Status.VIOLATION, act_on=purged, details=details)
            return found(Status.COMPLIANT, act_on=purged, details=details)
        running = deadline_state(kept_until, None, context)
        if running.status is Status.PENDING:  # until 24:00 of kept_until in Paris
            return found(Status.PENDING, days_left=running.days_left, details=details)
        return found(Status.COMPLIANT, details=details)

    def explain(self, finding: Finding, record: DmpRecord, context: Context) -> list[Note]:
        """The closure, the same day number ten years on (art. 641), kept until 24:00 of that
        day (art. 642)."""
        closed = finding.details.get("closed_on")
        version = self.version_named(finding.rule_version)
        if closed is None or version is None:
            return []
        years = version.parameters.years
        anniversary = years_after_event(closed, years)
        steps: list[Note] = [
            ("explain.closed", {"day": closed}),
            ("explain.years_after", {"day": closed, "years": years, "until": anniversary}),
        ]
        if finding.due != anniversary:
            steps.append(("explain.extended_642", {"day": anniversary, "until": finding.due}))
        steps.append(("explain.kept_through", {"day": finding.due}))
        return steps

    def notes(self, finding: Finding) -> list[Note]:
        """The closure's date; a purge too early, by how many days."""
        closed = finding.details.get("closed_on")
        notes = [self.note("closed", closed_on=closed)] if closed is not None else []
        early = finding.details.get("days_early")
        if early is not None:
            notes.append(self.note("purged_early", days=early, kept_until=finding.due))
        return notes


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
            readings=(RETENTION_NOT_EXTENDED,),
            alternatives=(RETENTION_EXTENDED,),
            summary_en=(
                "A closed record is kept ten years from its closure, until 24:00 of the same "
                "day number ten years on (28 February for a 29 February): a purge on that day "
                "is early."
            ),
            summary_fr=(
                "Un DMP fermé est conservé dix ans à compter de sa fermeture, jusqu'à "
                "vingt-quatre heures le jour portant le même quantième dix ans plus tard (le "
                "28 février pour un 29 février) : une purge ce jour-là est prématurée."
            ),
        ),
    ),
)
