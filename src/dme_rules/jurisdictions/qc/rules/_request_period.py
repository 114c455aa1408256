"""What the extraction and import deadlines share: N days from the request (SPEC §3)."""

from __future__ import annotations

from datetime import date, datetime

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.readings import Reading
from dme_rules.engine.rule import Rule, RuleVersion
from dme_rules.engine.time import local_date
from dme_rules.jurisdictions.qc.calendars import QUEBEC_CPC
from dme_rules.jurisdictions.qc.counting import MONTREAL, period_end, period_end_on
from dme_rules.jurisdictions.qc.parameters import PeriodDays
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["RequestPeriodRule"]


class RequestPeriodRule(Rule[PeriodDays, MigrationCase]):
    """A deadline of N days from the request, met by an act the case records.

    Subclasses say which act (:meth:`act`, :attr:`act_field`); one with more to judge writes
    its own formulas with :meth:`period_due` and :meth:`~dme_rules.engine.rule.Rule.deadline`.
    """

    subject = MigrationCase

    #: The JSON path of the act that meets the deadline.
    act_field = ""

    def due(
        self,
        transmitted_at: datetime | date,
        *,
        calendar: BusinessCalendar = QUEBEC_CPC,
        reading: Reading | None = None,
    ) -> date:
        """The last day of the period for a request sent at ``transmitted_at``.

        Args:
            transmitted_at: The aware instant the request was sent (or its Montreal date).
            calendar: The business calendar.
            reading: A reading the version in force allows; its default otherwise.

        Raises:
            NotInForceError: The request predates the rule.
            InvalidArgumentError: The version does not allow ``reading``.
        """
        version = self.version_for(local_date(transmitted_at, "transmitted_at", MONTREAL))
        return period_end(
            transmitted_at,
            version.parameters.days,
            reading=version.allowed_reading(reading),
            calendar=calendar,
        )

    def act(self, case: MigrationCase) -> date | None:
        """The date of the act that meets the deadline, if the case records it."""
        raise NotImplementedError  # pragma: no cover

    def formula_2021_10(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> Finding:
        """Every version (from 2021-10-28): the act is done by the period's end, counted under
        the version's reading."""
        due, reading = self.period_due(version, case, context)
        return self.deadline(
            version, context, due=due, act_on=self.act(case), act_field=self.act_field,
            reading=reading,
        )  # fmt: skip

    def period_due(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> tuple[date, Reading]:
        """The end of the case's period under the chosen reading, and that reading."""
        reading = version.chosen_reading(context.readings)
        assert reading is not None, f"{self.id} {version.version} declares no reading"
        return (
            period_end_on(case.requested_on, version.parameters.days, reading, context.calendar),
            reading,
        )
