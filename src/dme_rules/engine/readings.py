"""Readings: named, documented ways of reading an ambiguous phrase of the sources.

The sources say "within 21 days of the request" or "within 72 business hours" without saying
how to count. Each way of counting is a :class:`Reading`: a value that rules take as a
parameter and that a finding reports, so that a reader always knows which reading produced a
result. A jurisdiction pack declares its readings; a rule version lists those it allows.

Readings of the same *topic* (``period-start``, ``business-hours``…) are alternatives to each
other: a rule version has one default per topic it reads, and an evaluation chooses at most one
reading per topic. A reading of which days are business days carries the calendar it selects
(:attr:`Reading.calendar`); a reading renamed by a later edition keeps its former id as an
alias (:attr:`Reading.aliases`, :func:`readings_by_id`).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from dme_rules.engine.calendar import BusinessCalendar

__all__ = ["Reading", "readings_by_id"]


@attrs.frozen
class Reading:
    """A named reading of an ambiguous phrase in the sources.

    Readings of the same ``topic`` are alternatives to each other.

    Attributes:
        id: The stable identifier a finding reports (``procedure-2024``).
        topic: The stable identifier of the question it answers, shared by its alternatives
            (``period-start``).
        phrase: The phrase of the sources it reads, in French.
        summary_fr: What the reading says, in French.
        summary_en: What the reading says, in English.
        basis: Why the reading is sound (the legal text or source that supports it).
        basis_fr: The same, in French.
        aliases: Former ids that still name it (an id a later edition gave to this reading:
            choosing the alias chooses it, and findings report its :attr:`id`).
        calendar: The business calendar it selects, for a reading of which days are business
            days: an evaluation that chooses it (or has it as a default) counts on that
            calendar unless the caller gives one (:meth:`Jurisdiction.context
            <dme_rules.engine.jurisdiction.Jurisdiction.context>`).
    """

    id: str
    topic: str
    # A reading is its id (and topic): the texts say it, they do not make it another reading,
    # and leaving them out keeps comparing readings cheap on the rules' hot path.
    phrase: str = attrs.field(eq=False)
    summary_fr: str = attrs.field(eq=False)
    summary_en: str = attrs.field(eq=False)
    basis: str = attrs.field(eq=False)
    basis_fr: str = attrs.field(eq=False, default="")
    aliases: tuple[str, ...] = attrs.field(eq=False, default=(), kw_only=True)
    calendar: BusinessCalendar | None = attrs.field(eq=False, default=None, kw_only=True)

    def __str__(self) -> str:
        return self.id


def readings_by_id(readings: Iterable[Reading]) -> dict[str, Reading]:
    """Each of ``readings`` by its id, and by each of its :attr:`~Reading.aliases` (after
    every id: an alias never hides another reading's id)."""
    values = tuple(readings)
    found = {reading.id: reading for reading in values}
    for reading in values:
        for alias in reading.aliases:
            found.setdefault(alias, reading)
    return found
