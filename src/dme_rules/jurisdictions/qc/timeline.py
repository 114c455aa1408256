"""How a migration case's findings are drawn on a time axis (:func:`dme_rules.plot.timeline`).

Each finding with a due date is a row: its period runs from the day it starts — the
complaint's filing, the pre-analysis's submission, the migration, else the request's official
start — to its due date. The migration calendar's dates are drawn on a row of their own, and a
complaint's row says which complaint it is.
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from dme_rules.engine.findings import Finding
from dme_rules.engine.subjects import Subject
from dme_rules.jurisdictions.qc.counting import MONTREAL, official_start
from dme_rules.jurisdictions.qc.messages import MESSAGES
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["TIMELINE", "MigrationTimeline"]

#: The details that date the start of a finding's period, in the order they are looked for.
_STARTS = ("filed_at", "submitted_on", "migrated_on")


def _day(value: date | datetime) -> date:
    return value.astimezone(MONTREAL).date() if isinstance(value, datetime) else value


def _dates_in(value: object) -> set[date]:
    """Every date (not an instant) held in ``value``, looked for through mappings and
    sequences."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_dates_in(item) for item in value.values()))
    if isinstance(value, (list, tuple)):
        return set().union(*(_dates_in(item) for item in value))
    return set()


class MigrationTimeline:
    """The rows of a migration case's timeline (the pack draws no other subject)."""

    subjects: tuple[type[Subject], ...] = (MigrationCase,)

    def start(self, finding: Finding, subject: Subject) -> date:
        """The day the obligation's period starts (a date in Montreal)."""
        for key in _STARTS:
            value = finding.details.get(key)
            if value is not None:
                return _day(value)
        assert isinstance(subject, MigrationCase)
        return official_start(subject.requested_on)

    def marks(self, subject: Subject) -> tuple[date, ...]:
        """Every date the case's migration calendar states."""
        if not isinstance(subject, MigrationCase) or subject.calendar is None:
            return ()
        return tuple(
            day
            for value in attrs.asdict(subject.calendar, recurse=False).values()
            for day in (value if isinstance(value, tuple) else (value,))
            if isinstance(day, date)
        )

    #: The rule that judges the migration calendar's dates.
    marks_rule: str | None = "qc.migration.calendar-content"

    def marks_at_fault(self, finding: Finding, subject: Subject) -> tuple[date, ...]:
        """The calendar's dates that the calendar-content finding names in what it holds
        wrong (an item past its deadline, an access removed too early, ...), and those of
        the items it finds out of order."""
        stated = set(self.marks(subject))
        named = set(_dates_in(finding.details))
        calendar = subject.calendar if isinstance(subject, MigrationCase) else None
        for pair in finding.details.get("out_of_order", ()) if calendar is not None else ():
            for item in pair:
                value = getattr(calendar, item, None)
                named.update(value if isinstance(value, tuple) else (value,))
        return tuple(sorted(day for day in named if isinstance(day, date) and day in stated))

    def row_name(self, finding: Finding, title: str, lang: str) -> str:
        """The rule's title; a complaint's follow-up also says which complaint."""
        index = finding.details.get("complaint_index")
        if index is None:
            return title
        return MESSAGES.format("timeline.complaint", lang, title=title, number=index + 1)


#: The pack's timeline.
TIMELINE = MigrationTimeline()
