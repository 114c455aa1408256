"""The typed parameters of rule versions: the numbers the law sets, kept as data.

A version's parameters are one of these frozen values; the rule's logic reads them and never
writes a number of its own.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs

from dme_rules.counting import months_after

__all__ = [
    "AccessPeriod",
    "BusinessDays",
    "CalendarContents",
    "ImportFeeCaps",
    "NoParameters",
    "PerPractitionerCap",
    "PeriodDays",
    "RequestRecipients",
]


@attrs.frozen
class NoParameters:
    """A version whose obligation has no number."""


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
    """How long the read-only access lasts after the migration: months or days.

    Attributes:
        months: Calendar months, clamped to the month's end (v1: three months).
        days: Calendar days (v2: 90 days).
    """

    months: int | None = None
    days: int | None = None

    def __attrs_post_init__(self) -> None:
        if (self.months is None) == (self.days is None):
            raise ValueError("an AccessPeriod has either months or days")  # a declaration bug

    def last_day(self, migrated_on: date) -> date:
        """The last day the access must last until, inclusive."""
        if self.months is not None:
            return months_after(migrated_on, self.months)
        assert self.days is not None
        return migrated_on + timedelta(days=self.days)


@attrs.frozen
class RequestRecipients:
    """Who the request form goes to besides both vendors' migration addresses.

    Attributes:
        bch_address: The certification office's address.
    """

    bch_address: str


@attrs.frozen
class CalendarContents:
    """What a migration calendar must state.

    Attributes:
        items: The keys of every date it must state.
        order: Chains of keys whose dates must not decrease along the chain.
    """

    items: tuple[str, ...]
    order: tuple[tuple[str, ...], ...]
