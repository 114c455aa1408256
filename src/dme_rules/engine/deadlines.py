"""Where a date-deadline stands at an instant: compliant, late or pending.

A deadline ends at 24:00 local time of its due date. :func:`deadline_state` gives its status
(compliant, pending, violation), the days late or left, and whether an act was ignored as
later than the evaluation's instant; :meth:`Rule.deadline
<dme_rules.engine.rule.Rule.deadline>` turns it into a finding, and a rule that needs the
state itself (to combine two deadlines) calls it directly.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from dme_rules.engine._speed import tuple_maker
from dme_rules.engine.context import Context
from dme_rules.engine.status import Status

__all__ = ["DeadlineState", "deadline_state"]


class DeadlineState(NamedTuple):
    """Where a date-deadline stands at an instant."""

    status: Status
    act_on: date | None
    days_late: int | None = None
    business_days_late: int | None = None
    days_left: int | None = None
    business_days_left: int | None = None
    ignored: bool = False
    overdue: bool = False


#: Makes a DeadlineState from its eight fields in order: ``(status, act_on, days_late,
#: business_days_late, days_left, business_days_left, ignored, overdue)`` (its ``_make``
#: without the call and the check of the length; every deadline of an evaluation is here).
_state = tuple_maker(DeadlineState)


def deadline_state(due: date, act_on: date | None, context: Context) -> DeadlineState:
    """The status of a deadline ending at 24:00 local time of ``due``.

    An act on or before ``due`` is compliant, after it a violation with the days late. With
    no act: pending while ``as_of`` is at most 24:00 of ``due`` (with the days left), then a
    violation (overdue, with the days overdue). An act dated after the last day ``as_of``
    sees (``context.today``: at local midnight, the day that ends then) is ignored: the
    subject is seen as it stood at ``as_of``.
    """
    calendar, today = context.calendar, context.today
    ignored = act_on is not None and act_on > today
    if act_on is not None and not ignored:
        if act_on <= due:
            return _state((Status.COMPLIANT, act_on, None, None, None, None, False, False))
        late = (act_on - due).days, calendar.business_days_between(due, act_on)
        return _state((Status.VIOLATION, act_on, *late, None, None, False, False))
    if today <= due:  # ``as_of`` is at most 24:00 of ``due`` (the day it sees is ``today``)
        left = max((due - today).days, 0), max(calendar.business_days_between(today, due), 0)
        return _state((Status.PENDING, None, None, None, *left, ignored, False))
    late = (today - due).days, calendar.business_days_between(due, today)
    return _state((Status.VIOLATION, None, *late, None, None, ignored, True))
