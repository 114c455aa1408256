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

from collections.abc import Iterable, Iterator, Mapping

import attrs

from dme_rules.engine.calendar import BusinessCalendar

__all__ = ["Reading", "ReadingIndex", "readings_by_id"]


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


class ReadingIndex(Mapping[str, Reading]):
    """Readings by id, each once. A reading is iterated, counted and listed by its id, and
    looked up by its id or by one of its former ids (:attr:`Reading.aliases`); an alias never
    hides another reading's id."""

    __slots__ = ("_aliases", "_by_id")

    def __init__(self, readings: Iterable[Reading]) -> None:
        values = tuple(readings)
        self._by_id = {reading.id: reading for reading in values}
        self._aliases = {
            alias: reading
            for reading in reversed(values)  # the first reading to claim an alias keeps it
            for alias in reading.aliases
            if alias not in self._by_id
        }

    def __getitem__(self, key: str) -> Reading:
        found = self._by_id.get(key)
        if found is None:
            return self._aliases[key]
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __repr__(self) -> str:
        return f"ReadingIndex({list(self._by_id)!r})"


def readings_by_id(readings: Iterable[Reading]) -> ReadingIndex:
    """Each of ``readings`` by its id, also found by each of its :attr:`~Reading.aliases`."""
    return ReadingIndex(readings)
