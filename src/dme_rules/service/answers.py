"""The shapes of the service's own answers, declared once: the handlers write them, and the
OpenAPI document derives their JSON Schemas from these declarations
(:func:`~dme_rules.engine.shapes.schema_of`).

What the library already writes keeps its own declaration: a rule's catalogue entry
(:class:`~dme_rules.engine.rule.RuleEntry`), a holiday
(:class:`~dme_rules.engine.calendar.HolidayEntry`), a problem
(:class:`~dme_rules.service.problems.ProblemDocument`), a pack's deadlines (the return
annotation of its deadlines' ``to_dict``).
"""

from __future__ import annotations

from typing import Literal, TypedDict

from dme_rules.engine.calendar import HolidayEntry
from dme_rules.engine.rule import RuleEntry
from dme_rules.engine.shapes import IsoDate
from dme_rules.service.problems import ProblemDocument

__all__ = ["BatchError", "HealthAnswer", "HolidaysAnswer", "RulesAnswer"]


class HealthAnswer(TypedDict):
    """``GET /v1/health``: the service is up, and its library's version."""

    status: Literal["ok"]
    library_version: str


class RulesAnswer(TypedDict):
    """``GET /v1/rules``: the rules of one pack in force on a date."""

    as_of: IsoDate
    jurisdiction: str
    rules: list[RuleEntry]


class HolidaysAnswer(TypedDict):
    """``GET /v1/calendars/{calendar_id}/{year}``: a calendar's holidays of one year."""

    calendar: str
    year: int
    holidays: list[HolidayEntry]


class BatchError(TypedDict):
    """A line of ``POST /v1/evaluate/batch`` that was refused, answered in its place: its
    number (from 1, empty lines counted) and the problem."""

    line: int
    error: ProblemDocument
