"""BCH_COMPLAINT_FOLLOW_UP: the BCH follows up a complaint within 72 business hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from dme_rules.calendars import QUEBEC_CPC, BusinessCalendar
from dme_rules.case import Complaint, MigrationCase
from dme_rules.counting import (
    OfficeSchedule,
    as_instant,
    business_hours_due,
    date_of,
)
from dme_rules.errors import InvalidArgumentError
from dme_rules.interpretations import BUSINESS_DAY_CLOCK, OFFICE_HOURS, Interpretation
from dme_rules.model import (
    COMPLIANT,
    NOT_APPLICABLE,
    PENDING,
    VIOLATION,
    Context,
    Finding,
    Party,
    RuleVersion,
)
from dme_rules.parameters import BusinessHoursLimit
from dme_rules.presentation import delay_text, duration_text
from dme_rules.rule import Rule
from dme_rules.sources import (
    PROCEDURE_BASIS,
    PROCEDURE_COMPLAINT_FOLLOW_UP,
    PROCEDURE_IN_FORCE,
)

__all__ = ["BCH_COMPLAINT_FOLLOW_UP", "BchComplaintFollowUp"]

_MICROSECOND = timedelta(microseconds=1)
_MINUTE_US = 60_000_000  # positions on the business clock are in microseconds
_HOUR = 60 * _MINUTE_US


def _whole_minutes(microseconds: int) -> int:
    """Whole minutes, rounded up (one second late is a minute late)."""
    return -(-microseconds // _MINUTE_US)


class BchComplaintFollowUp(Rule[BusinessHoursLimit]):
    """The certification office (BCH) follows up each complaint within 72 business hours.

    The version is chosen by the complaint's date, and the case gives one finding per
    complaint, in the case's order, with ``details["complaint_index"]``; a case without
    complaints gives a single ``not_applicable`` finding, and so does a complaint filed after
    ``as_of`` (it had not happened as the case stood then). Statuses are decided at instant
    precision: a follow-up at the due instant is on time, a minute later is late. Lateness
    and time left are given in minutes, real (``minutes_late``) and of business time
    (``business_minutes_late``, ``business_minutes_left``).

    Readings: ``business-day-clock`` (default) and ``office-hours``, whose schedule comes from
    the evaluation (``evaluate(..., schedule=...)``).
    """

    def due(
        self,
        filed_at: datetime,
        *,
        reading: Interpretation | None = None,
        schedule: OfficeSchedule | None = None,
        calendar: BusinessCalendar = QUEBEC_CPC,
    ) -> datetime:
        """The instant by which the BCH must follow up a complaint filed at ``filed_at``.

        >>> from datetime import datetime
        >>> print(BCH_COMPLAINT_FOLLOW_UP.due(datetime.fromisoformat("2026-03-06T14:00-05:00")))
        2026-03-11 14:00:00-04:00

        Args:
            filed_at: The aware instant the complaint was sent.
            reading: ``business-day-clock`` (default) or ``office-hours``.
            schedule: The opening hours for ``office-hours`` (08:30–16:30 if None).
            calendar: The business calendar.

        Raises:
            NotInForceError: The complaint predates 2024-01-01.
        """
        version = self.version_for(date_of(as_instant(filed_at, "filed_at")))
        reading = version.allowed_reading(reading)
        return business_hours_due(
            filed_at,
            version.parameters.hours,
            reading=reading,
            schedule=schedule if reading == OFFICE_HOURS else None,
            calendar=calendar,
        )

    def check(  # type: ignore[override]
        self,
        case: MigrationCase,
        as_of: datetime,
        *,
        calendar: BusinessCalendar = QUEBEC_CPC,
        readings: tuple[Interpretation, ...] = (),
        schedule: OfficeSchedule | None = None,
    ) -> list[Finding]:
        """The findings on each complaint of ``case`` at ``as_of``, in the case's order."""
        if not isinstance(case, MigrationCase):
            raise InvalidArgumentError(
                "case", "a MigrationCase", case, expected_fr="un MigrationCase"
            )
        context = Context.at(as_of, calendar=calendar, readings=readings, schedule=schedule)
        return self.findings(case, context)

    def findings(self, case: MigrationCase, context: Context) -> list[Finding]:
        complaints = case.complaints
        if not complaints:
            return [self.outcome(None, NOT_APPLICABLE, details={"reason": "no_complaint"})]
        return [self.assess_complaint(c, index, context) for index, c in enumerate(complaints)]

    def assess_complaint(self, complaint: Complaint, index: int, context: Context) -> Finding:
        """The finding on one complaint (the ``index``-th of its case)."""
        filed_at, as_of = complaint.filed_at, context.as_of
        details: dict[str, Any] = {"complaint_index": index, "filed_at": filed_at}
        # Not filed yet as the case stood at ``as_of`` (the dates settle all but one day).
        if complaint.filed_on >= context.today and filed_at > as_of:
            details["reason"] = "filed_after_as_of"
            return self.outcome(None, NOT_APPLICABLE, details=details)
        version = self.version_at(complaint.filed_on)
        if version is None:
            details.update(
                reason="not_in_force",
                reference_date=complaint.filed_on,
                in_force_from=self.versions[0].effective_from,
            )
            return self.outcome(None, NOT_APPLICABLE, details=details)
        reading = version.reading(context.readings)
        assert reading is not None
        clock = context.clock(reading)
        due_position = clock.position(filed_at) + version.parameters.hours * _HOUR
        due = clock.instant_at(due_position)
        act = complaint.followed_up_at
        if act is not None and act > as_of:
            details["ignored"] = f"$.complaints[{index}].followed_up_at"
            act = None
        if act is None:
            if as_of <= due:
                status = PENDING
                # Time left rounds down and lateness up: neither flatters the BCH.
                details["business_minutes_left"] = (
                    due_position - context.position(reading)
                ) // _MINUTE_US
            else:
                status = VIOLATION
                details["overdue"] = True
                details["minutes_late"] = _whole_minutes((as_of - due) // _MICROSECOND)
                details["business_minutes_late"] = _whole_minutes(
                    context.position(reading) - due_position
                )
        elif act <= due:
            status = COMPLIANT
        else:
            status = VIOLATION
            details["minutes_late"] = _whole_minutes((act - due) // _MICROSECOND)
            details["business_minutes_late"] = _whole_minutes(clock.position(act) - due_position)
        return self.outcome(
            version, status, due=due, act_on=act, interpretation=reading, details=details
        )

    def explain(self, finding: Finding, lang: str) -> list[str]:
        details = finding.details
        fr = lang == "fr"
        phrases = []
        if "complaint_index" in details:
            number = details["complaint_index"] + 1
            phrases.append(f"plainte n° {number}" if fr else f"complaint #{number}")
        late_or_left = delay_text(finding, lang)
        if late_or_left:
            phrases.append(late_or_left)
        if "minutes_late" in details:
            real = duration_text(details["minutes_late"], lang)
            phrases.append(f"soit {real} en temps réel" if fr else f"{real} in real time")
        return phrases


BCH_COMPLAINT_FOLLOW_UP = BchComplaintFollowUp(
    id="qc.bch.complaint-follow-up",
    title_fr="Suivi d'une plainte par le BCH",
    title_en="BCH follow-up of a complaint",
    obligated_party=Party.BCH,
    versions=(
        RuleVersion(
            version="1",
            effective_from=PROCEDURE_IN_FORCE,
            effective_to=None,
            effective_basis=PROCEDURE_BASIS,
            parameters=BusinessHoursLimit(hours=72),
            citations=(PROCEDURE_COMPLAINT_FOLLOW_UP,),
            interpretation=BUSINESS_DAY_CLOCK,
            alternatives=(OFFICE_HOURS,),
            summary_en=(
                "The certification office (BCH) follows up a complaint about the migration "
                "procedure within 72 business hours."
            ),
        ),
    ),
    reasons={
        "no_complaint": ("aucune plainte", "no complaint"),
        "filed_after_as_of": (
            "plainte déposée après la date d'évaluation",
            "complaint filed after the evaluation instant",
        ),
    },
)
