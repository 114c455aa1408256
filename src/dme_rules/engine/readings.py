"""Readings: named, documented ways of reading an ambiguous phrase of the sources.

The sources say "within 21 days of the request" or "within 72 business hours" without saying
how to count. Each way of counting is a :class:`Reading`: a value that rules take as a
parameter and that a finding reports, so that a reader always knows which reading produced a
result. A jurisdiction pack declares its readings; a rule version lists those it allows.

Readings of the same *topic* (``period-start``, ``business-hours``…) are alternatives to each
other: a rule version has one default per topic it reads, and an evaluation chooses at most one
reading per topic.
"""

from __future__ import annotations

import attrs

__all__ = ["Reading"]


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

    def __str__(self) -> str:
        return self.id
