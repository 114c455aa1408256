"""COMPLAINT_FOLLOW_UP: the BCH follows up a complaint within 72 business hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.clock import OfficeSchedule
from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.readings import Reading
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.time import as_instant
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.qc.calendars import QUEBEC_CPC
from dme_rules.jurisdictions.qc.counting import business_hours_due, clock_window, date_of
from dme_rules.jurisdictions.qc.parameters import BusinessHoursLimit
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import (
    BUSINESS_DAY_CLOCK,
    COURT_CALENDAR,
    LABOUR_STANDARDS_CALENDAR,
    OFFICE_HOURS,
)
from dme_rules.jurisdictions.qc.sources import (
    PROCEDURE,
    PROCEDURE_COMPLAINT_FOLLOW_UP,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import Complaint, MigrationCase

__all__ = ["COMPLAINT_FOLLOW_UP", "ComplaintFollowUpRule"]

_MICROSECOND = timedelta(microseconds=1)
_MINUTE_US = 60_000_000  # positions on the business clock are in microseconds
_HOUR = 60 * _MINUTE_US


def _whole_minutes(microseconds: int) -> int:
    """Whole minutes, rounded up (one second late is a minute late)."""
    return -(-microseconds // _MINUTE_US)


class ComplaintFollowUpRule(Rule[BusinessHoursLimit, MigrationCase]):
    """The certification office (BCH) follows up each complaint within 72 business hours.

    The version is chosen by the complaint's date, and the case gives one finding per
    complaint, in the case's order, with ``details["complaint_index"]``; a case without
    complaints gives a single ``not_applicable`` finding, and so does a complaint filed after
    ``as_of`` (it had not happened as the case stood then). Statuses are decided in the
    clock's own unit: a follow-up is late only once business time has run past the due
    instant (a follow-up in the weekend after a complaint due Friday 24:00 is on time, and an
    unanswered complaint stays pending all that weekend); a minute of business time past the
    due instant is late. Lateness
    and time left are given in minutes, real (``minutes_late``) and of business time
    (``business_minutes_late``, ``business_minutes_left``).

    Readings: ``business-day-clock`` (default) and ``office-hours``, whose schedule comes from
    the evaluation (``evaluate(..., schedule=...)``).
    """

    subject = MigrationCase

    def due(
        self,
        filed_at: datetime,
        *,
        reading: Reading | None = None,
        schedule: OfficeSchedule | None = None,
        calendar: BusinessCalendar = QUEBEC_CPC,
    ) -> datetime:
        """The instant by which the BCH must follow up a complaint filed at ``filed_at``.

        >>> from datetime import datetime
        >>> print(COMPLAINT_FOLLOW_UP.due(datetime.fromisoformat("2026-03-06T14:00-05:00")))
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
        reading = version.choice("business-hours", version.check_choice(reading))
        return business_hours_due(
            filed_at,
            version.parameters.hours,
            reading=reading,
            schedule=schedule if reading.id == OFFICE_HOURS.id else None,
            calendar=calendar,
        )

    def judge(self, case: MigrationCase, context: Context) -> tuple[Finding, ...]:
        """One finding per complaint, each by the version in force on its own date."""
        complaints = case.complaints
        if not complaints:
            return (self.outcome(None, Status.NOT_APPLICABLE, details={"reason": "no_complaint"}),)
        return tuple(self.assess_complaint(case, i, context) for i in range(len(complaints)))

    def assess_complaint(self, case: MigrationCase, index: int, context: Context) -> Finding:
        """The finding on the ``index``-th complaint of ``case``."""
        complaint = (case.complaints or ())[index]
        details: dict[str, Any] = {"complaint_index": index, "filed_at": complaint.filed_at}
        # Not filed yet as the case stood at ``as_of`` (the dates settle all but one day).
        if complaint.filed_on >= context.today and not context.sees(complaint.filed_at):
            details["reason"] = "filed_after_as_of"
            return self.outcome(None, Status.NOT_APPLICABLE, details=details)
        version = self.version_at(complaint.filed_on)
        if version is None:
            return self.not_in_force(case, day=complaint.filed_on, details=details)
        finding: Finding = self.dated("formula", version)(version, complaint, context, details)
        return finding

    def formula_2024_01(
        self,
        version: RuleVersion[BusinessHoursLimit],
        complaint: Complaint,
        context: Context,
        details: dict[str, Any],
    ) -> Finding:
        """From 2024-01-01 (procedure 2024, Plainte): the complaint is followed up within the
        version's business hours of its filing, on the chosen reading's clock; ``details``
        (its index, its filing) gain the lateness or the time left."""
        filed_at, as_of = complaint.filed_at, context.as_of
        index = details["complaint_index"]
        reading = version.choice("business-hours", context.readings)
        window = clock_window(reading, context.schedule if reading.id == OFFICE_HOURS.id else None)
        clock = context.clock(window)
        due_position = clock.position(filed_at) + version.parameters.hours * _HOUR
        due = clock.instant_at(due_position)
        act = complaint.followed_up_at
        if act is not None and not context.sees(act):
            details["ignored"] = f"$.complaints[{index}].followed_up_at"
            act = None
        # Lateness is judged in the clock's own unit: business time past the due instant
        # (a follow-up on the Saturday after a complaint due Friday 24:00 is on time).
        details["business_day_minutes"] = (clock.closes - clock.opens) // _MINUTE_US
        if act is None:
            now = context.position(window)
            if now <= due_position:
                status = Status.PENDING
                # Time left rounds down and lateness up: neither flatters the BCH.
                details["business_minutes_left"] = (due_position - now) // _MINUTE_US
            else:
                status = Status.VIOLATION
                details["overdue"] = True
                details["minutes_late"] = _whole_minutes((as_of - due) // _MICROSECOND)
                details["business_minutes_late"] = _whole_minutes(now - due_position)
        elif act <= due:  # on time by the instant, hence by business time too
            status = Status.COMPLIANT
        else:
            late = clock.position(act) - due_position
            if late <= 0:  # after the due instant, but no business time past it
                status = Status.COMPLIANT
            else:
                status = Status.VIOLATION
                details["minutes_late"] = _whole_minutes((act - due) // _MICROSECOND)
                details["business_minutes_late"] = _whole_minutes(late)
        return self.outcome(version, status, due=due, act_on=act, reading=reading, details=details)

    def explain(self, finding: Finding, case: MigrationCase, context: Context) -> list[Note]:
        """The filing, the clock and its window, the due instant and the days off between."""
        filed_at = finding.details.get("filed_at")
        version = self.version_named(finding.rule_version)
        if filed_at is None or not isinstance(finding.due, datetime) or version is None:
            return []
        reading = finding.interpretation
        window = ""
        if reading == OFFICE_HOURS.id:
            schedule = context.schedule or OfficeSchedule()
            window = f"{schedule.opens:%H:%M}–{schedule.closes:%H:%M}"
        due_day = date_of(finding.due)
        off = context.calendar.days_off(date_of(filed_at), due_day)
        steps: list[Note] = [("explain.filed", {"filed": filed_at})]
        steps.append(
            (f"explain.clock_{reading.replace('-', '_')}" if reading else "explain.clock",
             {"hours": version.parameters.hours, "window": window, "due": finding.due})
        )  # fmt: skip
        if off:
            steps.append(("explain.skipped", {"days": off}))
        return steps

    def notes(self, finding: Finding) -> list[Note]:
        """The complaint's number, the business time late or left, the real time late."""
        details = finding.details
        notes: list[Note] = []
        if "complaint_index" in details:
            notes.append(self.note("complaint", number=details["complaint_index"] + 1))
        per_day = details.get("business_day_minutes", 0)
        if "business_minutes_late" in details:
            late = (details["business_minutes_late"], per_day)
            notes.append(("delay.business_late", {"late": late}))
        elif "business_minutes_left" in details:
            notes.append(
                ("delay.business_left", {"left": (details["business_minutes_left"], per_day)})
            )
        if "minutes_late" in details:
            notes.append(self.note("real_time", minutes=details["minutes_late"]))
        return notes


COMPLAINT_FOLLOW_UP = ComplaintFollowUpRule(
    id="qc.bch.complaint-follow-up",
    title_fr="Suivi d'une plainte par le BCH",
    title_en="BCH follow-up of a complaint",
    obligated_party=Party.BCH,
    position=100,
    reasons=("no_complaint", "filed_after_as_of"),
    versions=(
        RuleVersion(
            version="1",
            period=PROCEDURE,
            parameters=BusinessHoursLimit(hours=72),
            citations=(PROCEDURE_COMPLAINT_FOLLOW_UP,),
            readings=(BUSINESS_DAY_CLOCK, COURT_CALENDAR),
            alternatives=(OFFICE_HOURS, LABOUR_STANDARDS_CALENDAR),
            summary_en=(
                "The certification office (BCH) follows up a complaint about the migration "
                "procedure within 72 business hours."
            ),
            summary_fr=(
                "Le bureau de certification et d'homologation (BCH) assure le suivi d'une plainte "
                "concernant la procédure de migration dans les 72 heures ouvrables."
            ),
        ),
    ),
)
