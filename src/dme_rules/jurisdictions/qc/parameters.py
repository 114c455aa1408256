"""The typed parameters of Quebec's rule versions: the numbers the law sets, kept as data.

A version's parameters are one of these frozen values; the rule's logic reads them and never
writes a number of its own.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

__all__ = [
    "AccessPeriod",
    "BusinessDays",
    "BusinessHoursLimit",
    "CalendarContents",
    "ImportFeeCaps",
    "PerPractitionerCap",
    "PeriodDays",
    "RequestRecipients",
]


@attrs.frozen
class PeriodDays:
    """An N-day period that starts with the request.

    Attributes:
        days: The length of the period in days.
    """

    days: int


@attrs.frozen
class BusinessDays:
    """A period of business days after an event.

    Attributes:
        business_days: The number of business days.
    """

    business_days: int


@attrs.frozen
class BusinessHoursLimit:
    """A time limit in business hours.

    Attributes:
        hours: The number of business hours.
    """

    hours: int


@attrs.frozen
class PerPractitionerCap:
    """A fee cap per practitioner ("intervenant"), CAD before taxes.

    Attributes:
        per_practitioner: The cap for each practitioner.
    """

    per_practitioner: Decimal


@attrs.frozen
class ImportFeeCaps:
    """The import fee caps per practitioner, CAD before taxes.

    Attributes:
        same_solution: When the data comes from the same solution (same product).
        different_solution: When it comes from a different solution.
    """

    same_solution: Decimal
    different_solution: Decimal


@attrs.frozen
class AccessPeriod:
    """How long the read-only access lasts after the migration, in the units the law states.

    Each version's formula reads the numbers its text sets (``READ_ONLY_ACCESS``).

    Attributes:
        months: Calendar months (the « trois mois » of the FMOQ notice on the Avenant), if the
            law states months.
        days: Calendar days (the procedure's « 90 jours »), if the law states days.
    """

    months: int | None = None
    days: int | None = None


@attrs.frozen
class RequestRecipients:
    """Who the request form goes to besides both vendors' migration addresses.

    Attributes:
        bch_address: The certification office's address.
    """

    bch_address: str


def _picker(indexes: Iterable[int]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """A function that picks ``indexes`` from a tuple, always returning a tuple."""
    picked = tuple(indexes)
    if len(picked) >= 2:
        return operator.itemgetter(*picked)
    return lambda values: tuple(values[index] for index in picked)


@attrs.frozen
class CalendarContents:
    """What a migration calendar must state.

    Attributes:
        items: The keys of every date it must state.
        order: Chains of keys whose dates must not decrease along the chain.
    """

    items: tuple[str, ...]
    order: tuple[tuple[str, ...], ...]
    _getter: Callable[[object], tuple[Any, ...]] = attrs.field(init=False, eq=False, repr=False)
    _chains: tuple[tuple[int, ...], ...] = attrs.field(init=False, eq=False, repr=False)
    _earlier: Callable[[tuple[Any, ...]], tuple[Any, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )
    _later: Callable[[tuple[Any, ...]], tuple[Any, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        chained = {item for chain in self.order for item in chain}
        if len(self.items) < 2 or not chained <= set(self.items):
            raise ValueError("CalendarContents needs two items or more; chains name items")
        object.__setattr__(self, "_getter", operator.attrgetter(*self.items))
        chains = tuple(tuple(self.items.index(item) for item in chain) for chain in self.order)
        object.__setattr__(self, "_chains", chains)
        pairs = [pair for chain in chains for pair in itertools.pairwise(chain)]
        # Each consecutive pair of every chain, as two getters over the values: the check of a
        # complete calendar then runs in C (``map(operator.le, earlier, later)``).
        object.__setattr__(self, "_earlier", _picker(earlier for earlier, _ in pairs))
        object.__setattr__(self, "_later", _picker(later for _, later in pairs))

    def read(self, calendar: object) -> tuple[Any, ...]:
        """The calendar's value for each item, in the order of :attr:`items`."""
        return self._getter(calendar)

    def missing(self, values: tuple[Any, ...]) -> list[str]:
        """The items whose value is absent (``None`` or an empty list)."""
        if all(values):
            return []
        return [item for item, value in zip(self.items, values, strict=True) if not value]

    def out_of_order(self, values: tuple[Any, ...]) -> list[list[str]]:
        """Each pair of stated dates that decreases along a chain (absent items skipped)."""
        if all(values) and all(map(operator.le, self._earlier(values), self._later(values))):
            return []  # the common case: a complete calendar in order
        pairs = []
        for chain in self._chains:
            previous = None
            for index in chain:
                if values[index]:
                    if previous is not None and values[previous] > values[index]:
                        pairs.append([self.items[previous], self.items[index]])
                    previous = index
        return pairs
