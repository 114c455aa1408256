"""Where a date-deadline stands at an instant: the status table of SPEC §4.

A deadline ends at 24:00 local time of its due date. :func:`deadline_state` gives its status
(compliant, pending, violation), the days late or left, and whether an act was ignored as
later than the evaluation's instant; :meth:`Rule.deadline
<dme_rules.engine.rule.Rule.deadline>` turns it into a finding, and a rule that needs the
state itself (to combine two deadlines) calls it directly.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from dme_rules.engine.context import Context
from dme_rules.engine.status import Status
from dme_rules.engine.time import end_of_day_in

__all__ = ["DeadlineState", "deadline_state"]


class DeadlineState(NamedTuple):
    """Where a date-deadline stands at an instant (SPEC §4)."""

    status: Status
    act_on: date | None
    days_late: int | None = None
    business_days_late: int | None = None
    days_left: int | None = None
    business_days_left: int | None = None
    ignored: bool = False
    overdue: bool = False


def deadline_state(due: date, act_on: date | None, context: Context) -> DeadlineState:
    """The SPEC §4 table for a deadline ending at 24:00 local time of ``due``.

    An act on or before ``due`` is compliant, after it a violation with the days late. With
    no act: pending while ``as_of`` is at most 24:00 of ``due`` (with the days left), then a
    violation (overdue, with the days overdue). An act dated after ``as_of``'s date is
    ignored: the subject is seen as it stood at ``as_of``.
    """
    calendar = context.calendar
    ignored = act_on is not None and act_on > context.today
    if act_on is not None and not ignored:
        if act_on <= due:
            return DeadlineState(Status.COMPLIANT, act_on)
        return DeadlineState(
            Status.VIOLATION,
            act_on,
            days_late=(act_on - due).days,
            business_days_late=calendar.business_days_between(due, act_on),
        )
    if context.today <= due or context.as_of <= end_of_day_in(due, context.zone):
        return DeadlineState(
            Status.PENDING,
            None,
            days_left=max((due - context.today).days, 0),
            business_days_left=max(calendar.business_days_between(context.today, due), 0),
            ignored=ignored,
        )
    return DeadlineState(
        Status.VIOLATION,
        None,
        days_late=(context.today - due).days,
        business_days_late=calendar.business_days_between(due, context.today),
        ignored=ignored,
        overdue=True,
    )
