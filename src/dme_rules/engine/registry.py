"""Where the engine finds the jurisdiction packs it does not import.

The engine knows no jurisdiction. :mod:`dme_rules.jurisdictions` discovers the packs and
registers each (:func:`~dme_rules.engine.jurisdiction.register`, which takes only a
:class:`~dme_rules.engine.jurisdiction.Jurisdiction`); the engine then finds a pack by the
first segment of an id (``qc`` in ``qc.migration.import-deadline`` or ``qc.migration.case``):
for a finding's words, a rule's time zone and default calendar, a subject's rules.

This module sits below the rules and findings, so :class:`Pack` names only what those lower
layers ask of a pack; everything above them asks the typed registry of
:mod:`~dme_rules.engine.jurisdiction` (:func:`~dme_rules.engine.jurisdiction.jurisdictions`,
:func:`~dme_rules.engine.jurisdiction.jurisdiction_of`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from types import MappingProxyType
from typing import Any, Protocol

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.clock import OfficeSchedule
from dme_rules.engine.context import Context
from dme_rules.engine.readings import Reading, ReadingIndex, readings_by_id
from dme_rules.errors import InvalidArgumentError

__all__ = ["Pack", "add", "known_readings", "pack_of", "packs", "reading_values"]


class Pack(Protocol):
    """What the engine's lower layers (findings, rules) ask of a registered pack."""

    @property
    def id(self) -> str:
        """The pack's id, the first segment of its rules' and subjects' ids (``qc``)."""
        ...  # pragma: no cover

    @property
    def zone(self) -> tzinfo:
        """The time zone of every local date and wall-clock time."""
        ...  # pragma: no cover

    @property
    def calendar(self) -> BusinessCalendar:
        """The default business calendar."""
        ...  # pragma: no cover

    @property
    def readings(self) -> tuple[Reading, ...]:
        """Every reading its rules allow."""
        ...  # pragma: no cover

    @property
    def rules(self) -> Mapping[str, Any]:
        """Its rules by id (each a :class:`~dme_rules.engine.rule.Rule`)."""
        ...  # pragma: no cover

    def context(
        self,
        as_of: datetime,
        *,
        calendar: BusinessCalendar | None = None,
        readings: Iterable[Reading] = (),
        schedule: OfficeSchedule | None = None,
    ) -> Context:
        """The context of an evaluation at ``as_of`` in the pack's zone and calendar."""
        ...  # pragma: no cover

    def describe(self, finding: Any, lang: str) -> str:
        """A finding of one of its rules in one sentence, in ``lang``."""
        ...  # pragma: no cover


_PACKS: dict[str, Pack] = {}


def add(pack: Pack) -> None:
    """Make ``pack`` known under its id (again: nothing changes). Use
    :func:`~dme_rules.engine.jurisdiction.register`, which checks the pack first.

    Raises:
        InvalidArgumentError: Another pack is registered under the same id.
    """
    known = _PACKS.setdefault(pack.id, pack)
    if known is not pack:
        raise InvalidArgumentError(
            "pack", f"a pack whose id is not taken ({pack.id})", pack.id,
            expected_fr=f"un territoire dont l'identifiant n'est pas pris ({pack.id})",
        )  # fmt: skip


def pack_of(identifier: str) -> Pack | None:
    """The pack that an id (of a rule, a subject kind, a reading…) belongs to, or ``None``."""
    return _PACKS.get(identifier.partition(".")[0])


def packs() -> Mapping[str, Pack]:
    """Every registered pack, by id (read-only)."""
    return MappingProxyType(_PACKS)


def known_readings() -> ReadingIndex:
    """Every reading of every registered pack, by id (also found by its former ids, its
    aliases)."""
    return readings_by_id(reading for pack in _PACKS.values() for reading in pack.readings)


def reading_values(readings: object) -> object:
    """``readings`` with each id (``"civil-procedure"``) replaced by the registered reading of
    that id; anything else is left for :func:`~dme_rules.engine.context.check_options` to
    judge.

    Raises:
        InvalidArgumentError: An id names no registered reading (the error lists them).
    """
    if type(readings) is tuple and not readings:  # the usual evaluation: nothing to look up
        return readings
    if isinstance(readings, (str, Reading)) or not isinstance(readings, Iterable):
        return readings
    values = tuple(readings)
    if not any(isinstance(value, str) for value in values):
        return values
    known = known_readings()
    resolved = []
    for value in values:
        if isinstance(value, str):
            found = known.get(value)
            if found is None:
                names = ", ".join(known)
                raise InvalidArgumentError(
                    "readings", f"reading ids among {names}", value,
                    expected_fr=f"des ids de lecture parmi {names}",
                )  # fmt: skip
            value = found
        resolved.append(value)
    return tuple(resolved)
