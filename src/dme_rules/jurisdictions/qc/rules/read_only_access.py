"""READ_ONLY_ACCESS: free read-only access to the old solution after the migration."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dme_rules.engine._checks import checked_date
from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.readings import Reading
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.time import add_months, months_after
from dme_rules.engine.versions import RuleVersion
from dme_rules.errors import InvalidArgumentError
from dme_rules.jurisdictions.qc.parameters import AccessPeriod
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import (
    COURT_CALENDAR,
    LABOUR_STANDARDS_CALENDAR,
    LATER_OF_BOTH,
    NINETY_DAYS,
)
from dme_rules.jurisdictions.qc.sources import (
    AVENANT_READ_ONLY_ACCESS,
    AVENANT_UNTIL_PROCEDURE,
    PROCEDURE,
    PROCEDURE_READ_ONLY_ACCESS,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["READ_ONLY_ACCESS", "ReadOnlyAccessRule"]

_FREE = Decimal(0)


def _stated(number: int | None, unit: str) -> int:
    """The number of ``unit`` a version's text states (a declaration without it is a bug)."""
    if number is None:
        raise InvalidArgumentError(
            "parameters", f"an AccessPeriod that states its {unit}", number,
            expected_fr=f"un AccessPeriod qui indique ses {unit}",
        )  # fmt: skip
    return number


class ReadOnlyAccessRule(Rule[AccessPeriod, MigrationCase]):
    """The physician keeps free read-only access to the old solution after the migration.

    The migration date is the day the imported data went into production
    (``import.completed_on``). How long the access lasts is the one thing the versions
    disagree on: each has its own dated ``access_until`` piece. Access must last until that
    day inclusive (``read_only_access.until`` is the last day of access).

    - A fee for the access is a violation, seen with the migration as a fee is with its
      act: a migration dated after ``as_of`` hides it, one not recorded leaves it judged.
    - Access that ended before the required day is a violation (``details["days_short"]``).
    - Otherwise, an access whose fee is not recorded is ``insufficient_data`` naming
      ``$.read_only_access.fee``.
    - Access still running: pending until the required day has passed, then compliant when
      the recorded end is on or after it; without a recorded end, ``insufficient_data``.
    - Before the migration, without a fee charged: ``not_applicable``.
    """

    subject = MigrationCase

    def access_until_2021_10(
        self, period: AccessPeriod, migrated_on: date, reading: Reading | None
    ) -> date:
        """Avenant n° 1 (requests from 2021-10-28), in the FMOQ notice's words: « une période
        de trois mois suivant la migration »: calendar months, clamped to the month's end."""
        return add_months(migrated_on, _stated(period.months, "months"))

    def access_until_2024_01(
        self, period: AccessPeriod, migrated_on: date, reading: Reading | None
    ) -> date:
        """Procedure 2024 (requests from 2024-01-01): « une durée minimale de 90 jours », which
        « tient compte » of the Avenant's three months: the later of both (``later-of-both``),
        or 90 calendar days alone (``ninety-days``)."""
        ninety = migrated_on + timedelta(days=_stated(period.days, "days"))
        if reading is not None and reading.id == NINETY_DAYS.id:
            return ninety
        return max(ninety, add_months(migrated_on, _stated(period.months, "months")))

    def required_until(
        self,
        migrated_on: date,
        *,
        requested_on: date | None = None,
        reading: Reading | None = None,
    ) -> date:
        """The last day access must last until, for a migration on ``migrated_on``.

        >>> READ_ONLY_ACCESS.required_until(date(2025, 8, 5))  # 5 Nov (3 months) > 3 Nov (90 days)
        datetime.date(2025, 11, 5)
        >>> READ_ONLY_ACCESS.required_until(date(2023, 1, 31), requested_on=date(2022, 11, 1))
        datetime.date(2023, 4, 30)

        Args:
            migrated_on: The day the imported data went into production.
            requested_on: The request's date, to pick the version (default: the latest).
            reading: ``later-of-both`` (the default from 2024) or ``ninety-days``.

        Raises:
            InvalidArgumentError: The version does not allow ``reading``.
        """
        version = self.version_for(requested_on)
        chosen = version.check_choice(reading)
        return self.access_until(version, migrated_on, chosen)

    def access_until(
        self,
        version: RuleVersion[AccessPeriod],
        migrated_on: date,
        chosen: Iterable[Reading] = (),
    ) -> date:
        """The last day of required access under ``version`` (its dated piece) and the
        readings chosen.

        Raises:
            InvalidArgumentError: ``version`` is not one of this rule's, or ``migrated_on``
                is not a date.
        """
        if version not in self.versions:
            raise InvalidArgumentError(
                "version", f"a version of {self.id}", version,
                expected_fr=f"une version de {self.id}",
            )  # fmt: skip
        return self._required(version, checked_date(migrated_on, "migrated_on"), chosen)

    def required_for(
        self,
        version: RuleVersion[AccessPeriod],
        case: MigrationCase,
        migrated_on: date,
        context: Context,
    ) -> date:
        """The last day of required access for ``case`` migrated on ``migrated_on``, under the
        context's readings (computed once per migration day and context: the calendar rule
        asks too, and the cases of a run share their days)."""
        until: date = context.remembered(
            self, version, migrated_on, self._required, version, migrated_on, context.readings
        )
        return until

    def _required(
        self, version: RuleVersion[AccessPeriod], migrated_on: date, chosen: Iterable[Reading]
    ) -> date:
        """:meth:`access_until` for a version of this rule and a checked date."""
        reading = self.reading_of(version, chosen)
        until: date = self.dated("access_until", version)(version.parameters, migrated_on, reading)
        return until

    def formula_2021_10(
        self, version: RuleVersion[AccessPeriod], case: MigrationCase, context: Context
    ) -> Finding:
        """Every version (from 2021-10-28): free access from the migration until the version's
        required day."""
        migrated = case.import_.completed_on if case.import_ is not None else None
        access = case.read_only_access
        fee = access.fee if access is not None else None
        if migrated is None or migrated > context.today:
            # The fee is seen with the migration: one dated after as_of hides it too; one
            # charged with no migration recorded is judged, the access's length is not.
            if migrated is None and fee is not None and fee > _FREE:
                return self.outcome(
                    version, Status.VIOLATION, amount=fee, cap=_FREE,
                    details={"reason": "access_fee_charged"},
                )  # fmt: skip
            not_migrated = {"reason": "not_migrated"}
            if migrated is not None:
                not_migrated["ignored"] = "$.import.completed_on"
            return self.outcome(version, Status.NOT_APPLICABLE, details=not_migrated)
        required = self.required_for(version, case, migrated, context)
        until = access.until if access is not None else None
        details: dict[str, Any] = {"migrated_on": migrated}
        if until is not None and until >= context.today:
            details["planned_until"] = until  # the access has not ended as of ``as_of``
        ended = until if until is not None and until < context.today else None  # by as_of
        if fee is not None and fee > _FREE:
            details["reason"] = "access_fee_charged"
            return self.outcome(
                version,
                Status.VIOLATION,
                due=required,
                act_on=ended,
                amount=fee,
                cap=_FREE,
                details=details,
            )
        if ended is not None and ended < required:
            details["reason"] = "access_ended_early"
            details["days_short"] = (required - ended).days
            return self.outcome(
                version, Status.VIOLATION, due=required, act_on=ended, details=details
            )
        if fee is None:  # free access is the obligation: an unknown fee is not judged
            return self.insufficient(
                version, "$.read_only_access.fee", due=required, act_on=ended, details=details
            )
        if context.today <= required:
            if until is not None and until < required:
                details["reason"] = "planned_end_too_early"
            return self.outcome(
                version,
                Status.PENDING,
                due=required,
                act_on=ended,
                days_left=(required - context.today).days,
                business_days_left=context.calendar.business_days_between(context.today, required),
                details=details,
            )
        if until is None:
            return self.insufficient(
                version, "$.read_only_access.until", due=required, details=details
            )
        return self.outcome(version, Status.COMPLIANT, due=required, act_on=ended, details=details)

    def explain(self, finding: Finding, case: MigrationCase, context: Context) -> list[Note]:
        """The migration date, then three months and 90 days after it, as the version and
        the reading count them."""
        migrated = finding.details.get("migrated_on")
        version = self.version_named(finding.rule_version)
        if migrated is None or version is None:
            return []
        period = version.parameters
        steps: list[Note] = [("explain.migrated", {"day": migrated})]
        months = months_after(migrated, period.months) if period.months is not None else None
        ninety = migrated + timedelta(days=period.days) if period.days is not None else None
        reading = self.reading_of(version, context.readings)  # None for a version without
        three_months = reading is None or reading.id != NINETY_DAYS.id
        if months is not None and three_months:
            steps.append(("explain.three_months", {"day": migrated, "until": months}))
        if ninety is not None:
            steps.append(("explain.ninety_days", {"day": migrated, "until": ninety}))
        if months is not None and ninety is not None and three_months:
            steps.append(("explain.later_of_both", {"until": max(months, ninety)}))
        return steps

    def reading_of(
        self, version: RuleVersion[AccessPeriod], chosen: Iterable[Reading]
    ) -> Reading | None:
        """The reading of the access's duration ``version`` applies, if it reads one."""
        return (
            version.choice("access-duration", chosen)
            if "access-duration" in version.topics
            else None
        )


READ_ONLY_ACCESS = ReadOnlyAccessRule(
    id="qc.migration.read-only-access",
    title_fr="Accès gratuit en lecture à l'ancienne solution",
    title_en="Free read-only access to the old solution",
    obligated_party=Party.SOURCE_VENDOR,
    position=60,
    reasons=("not_migrated", "access_fee_charged", "access_ended_early", "planned_end_too_early"),
    versions=(
        RuleVersion(
            version="1",
            period=AVENANT_UNTIL_PROCEDURE,
            parameters=AccessPeriod(months=3),
            citations=(AVENANT_READ_ONLY_ACCESS,),
            readings=(COURT_CALENDAR,),
            alternatives=(LABOUR_STANDARDS_CALENDAR,),
            summary_en=(
                "The physician keeps free read-only access to the old solution for three "
                "months after the migration."
            ),
            summary_fr=(
                "Le médecin conserve un accès gratuit en lecture seule à l'ancienne solution "
                "pendant trois mois suivant la migration."
            ),
        ),
        RuleVersion(
            version="2",
            period=PROCEDURE,
            parameters=AccessPeriod(months=3, days=90),
            citations=(AVENANT_READ_ONLY_ACCESS, PROCEDURE_READ_ONLY_ACCESS),
            readings=(LATER_OF_BOTH, COURT_CALENDAR),
            alternatives=(NINETY_DAYS, LABOUR_STANDARDS_CALENDAR),
            summary_en=(
                "The physician keeps free read-only access to the old solution for three "
                "months and at least 90 days after the migration, whichever ends later."
            ),
            summary_fr=(
                "Le médecin conserve un accès gratuit en lecture seule à l'ancienne solution "
                "pendant trois mois et au moins 90 jours suivant la migration, selon la période "
                "qui se termine le plus tard."
            ),
        ),
    ),
)
