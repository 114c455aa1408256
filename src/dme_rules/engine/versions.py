"""A rule's legal versions: the period each is in force, its numbers, readings and citations.

A :class:`Period` is the span of days a text of the law applies to and why those days (the
published fact they rest on, in English and French). A pack declares each legal period once,
in its ``sources.py``, and every version under that text names it; a version repealed by a
later one names the same period ending the day before (:meth:`Period.ending`).

A :class:`RuleVersion` is one legal version of a rule: its period, its typed parameters, the
passages it rests on and the readings it allows. It picks the reading of a topic with
:meth:`RuleVersion.choice`, the one picker every rule uses.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Generic, TypedDict, TypeVar

import attrs

from dme_rules.engine._checks import checked_date
from dme_rules.engine.citations import Citation, CitationEntry
from dme_rules.engine.findings import jsonable
from dme_rules.engine.readings import Reading
from dme_rules.engine.shapes import IsoDate
from dme_rules.errors import InvalidArgumentError

__all__ = ["NoParameters", "Period", "RuleVersion", "VersionEntry", "check_sequence"]

P = TypeVar("P")


class VersionEntry(TypedDict):
    """A version's JSON in the catalogue (:meth:`RuleVersion.to_dict`)."""

    version: str
    effective_from: IsoDate
    effective_to: IsoDate | None
    effective_basis: str
    effective_basis_fr: str
    parameters: dict[str, Any] | None
    interpretation: str | None
    readings: list[str]
    alternatives: list[str]
    citations: list[CitationEntry]
    summary_en: str
    summary_fr: str


@attrs.frozen
class NoParameters:
    """The parameters of a version whose obligation has no number."""


def _first_day(value: object) -> date:
    return checked_date(value, "effective_from")


def _last_day(value: object) -> date | None:
    return None if value is None else checked_date(value, "effective_to")


def _check_end(instance: Period, attribute: object, value: date | None) -> None:
    if value is not None and value < instance.effective_from:
        raise InvalidArgumentError(
            "effective_to",
            f"a date on or after effective_from ({instance.effective_from})",
            value,
            expected_fr=(
                f"une date égale ou postérieure à effective_from ({instance.effective_from})"
            ),
        )


def _check_basis(instance: Period, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgumentError(
            attribute.name,
            "the published fact the dates rest on, as text",
            value,
            expected_fr="le fait publié sur lequel reposent les dates, en texte",
        )


@attrs.frozen(kw_only=True)
class Period:
    """The days a text of the law applies to, and why those days.

    A pack declares each legal period once, in its ``sources.py``; each version under that
    text names it (``period=PROCEDURE``), and a version repealed by a later text names the
    same period ending the day before the later one starts (:meth:`ending`).

    Attributes:
        effective_from: The first day it applies to (by a subject's reference date).
        effective_to: The last day it applies to, or ``None`` while it is in force.
        basis: Why those dates, the published fact they rest on, in English.
        basis_fr: The same, in French.

    Raises:
        InvalidArgumentError: A date is not a ``datetime.date``, the period ends before it
            starts, or a basis is blank; the error names the field.
    """

    effective_from: date = attrs.field(converter=_first_day)
    effective_to: date | None = attrs.field(default=None, converter=_last_day, validator=_check_end)
    basis: str = attrs.field(validator=_check_basis)
    basis_fr: str = attrs.field(validator=_check_basis)

    def ending(self, last_day: date) -> Period:
        """The same legal period (its start and its basis) ending on ``last_day``: the
        period of a version that a later text repealed.

        Raises:
            InvalidArgumentError: ``last_day`` is not a day of the period.
        """
        day = checked_date(last_day, "last_day")
        if day < self.effective_from or (self.effective_to is not None and day > self.effective_to):
            end = "" if self.effective_to is None else f" to {self.effective_to}"
            end_fr = "" if self.effective_to is None else f" au {self.effective_to}"
            raise InvalidArgumentError(
                "last_day",
                f"a day of the period, from {self.effective_from}{end}",
                last_day,
                expected_fr=f"un jour de la période, du {self.effective_from}{end_fr}",
            )
        return attrs.evolve(self, effective_to=day)


def _check_readings(
    instance: RuleVersion[Any], attribute: object, alternatives: tuple[Reading, ...]
) -> None:
    """One default per topic; every alternative answers a topic that has a default."""
    topics = [reading.topic for reading in instance.readings]
    wrong = [reading.id for reading in alternatives if reading.topic not in topics]
    wrong += [reading.id for reading in alternatives if reading in instance.readings]
    if len(set(topics)) != len(topics) or wrong or len(set(alternatives)) != len(alternatives):
        raise InvalidArgumentError(
            "readings",
            "one default reading per topic, and alternatives of those topics",
            wrong or topics,
            expected_fr="une lecture par défaut par sujet, et des alternatives de ces sujets",
        )


def _check_period(instance: RuleVersion[Any], attribute: object, value: Period) -> None:
    if not isinstance(value, Period):
        raise InvalidArgumentError(
            "period", "a Period (declared in the pack's sources)", value,
            expected_fr="une Period (déclarée dans les sources du pack)",
        )  # fmt: skip


@attrs.frozen
class RuleVersion(Generic[P]):
    """One legal version of a rule: in force over its :attr:`period`.

    A new legal version is a new ``RuleVersion`` appended to the rule, never an edit of an
    old one; repeal is the old version's period ending (:meth:`Period.ending`).

    Attributes:
        version: The version's name (``"1"``, ``"2"``).
        period: The days it applies to and their basis, a period of the pack's sources.
        parameters: The version's numbers, typed (days, amounts, addresses…).
        citations: The passages that make it law, quoted in French.
        readings: The default reading of each ambiguous phrase it reads, one per topic; the
            first is the one that counts its period (a finding's ``interpretation``).
        alternatives: The other readings a caller may choose, each of one of those topics.
        summary_en: What this version requires, in one English sentence.
        summary_fr: The same, in French.
    """

    version: str
    period: Period = attrs.field(validator=_check_period)
    parameters: P
    citations: tuple[Citation, ...]
    readings: tuple[Reading, ...] = ()
    alternatives: tuple[Reading, ...] = attrs.field(default=(), validator=_check_readings)
    summary_en: str = ""
    summary_fr: str = ""
    # Derived from the readings once, for speed: an evaluation looks up each reading it
    # applies here, and every finding reports the defaults' ids (Rule.outcome).
    #: Each topic's default reading (the lookup of an evaluation with no choice).
    _defaults: dict[str, Reading] = attrs.field(init=False, eq=False, repr=False, hash=False)
    #: The ids of the default readings (what a finding reports without a choice).
    _default_ids: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_defaults", {r.topic: r for r in self.readings})
        object.__setattr__(self, "_default_ids", tuple(r.id for r in self.readings))

    # -- the period, as the catalogue and the digests name it ----------------------------

    @property
    def effective_from(self) -> date:
        """The first day the version applies to (its period's)."""
        return self.period.effective_from

    @property
    def effective_to(self) -> date | None:
        """The last day the version applies to, or ``None`` while it is in force."""
        return self.period.effective_to

    @property
    def effective_basis(self) -> str:
        """Why those dates, the published fact they rest on, in English."""
        return self.period.basis

    @property
    def effective_basis_fr(self) -> str:
        """Why those dates, in French."""
        return self.period.basis_fr

    # -- readings -------------------------------------------------------------------------

    @property
    def allowed(self) -> tuple[Reading, ...]:
        """Every reading the version allows, the defaults first and then the alternatives."""
        return (*self.readings, *self.alternatives)

    @property
    def topics(self) -> tuple[str, ...]:
        """The topics of the phrases the version reads, in order."""
        return tuple(self._defaults)

    @property
    def interpretation(self) -> Reading | None:
        """The default reading of the version's first topic, the one that counts its period
        (the first edition's name; ``None`` when it reads no phrase)."""
        return self.readings[0] if self.readings else None

    def choice(self, topic: str, chosen: Iterable[Reading] = ()) -> Reading:
        """The reading of ``topic`` to apply: the alternative the caller chose, else the
        default.

        Raises:
            InvalidArgumentError: The version reads no phrase of ``topic`` (a rule bug).
        """
        default = self._defaults.get(topic)
        if default is not None:
            if not chosen:  # the usual evaluation: every default
                return default
            for alternative in self.alternatives:
                if alternative.topic == topic and alternative in chosen:
                    return alternative
            return default
        raise InvalidArgumentError(
            "topic", f"a topic of version {self.version}: {', '.join(self.topics) or 'none'}",
            topic, expected_fr=f"un sujet de la version {self.version}",
        )  # fmt: skip

    def check_choice(self, *readings: Reading | None) -> tuple[Reading, ...]:
        """The readings a caller asked this version for (``None`` for one not given), as
        the choice :meth:`choice` takes: for a caller asking one version a question directly
        (``due(..., reading=...)``), where a reading the version does not allow is a mistake.

        Raises:
            InvalidArgumentError: The version does not allow one of them.
        """
        chosen = tuple(reading for reading in readings if reading is not None)
        allowed = self.allowed
        for reading in chosen:
            if reading not in allowed:
                names = ", ".join(r.id for r in allowed) or "none"
                raise InvalidArgumentError(
                    "reading", f"one of {names}", reading,
                    expected_fr=f"une lecture parmi {names}",
                )  # fmt: skip
        return chosen

    # -- the catalogue --------------------------------------------------------------------

    def to_dict(self) -> VersionEntry:
        """The version for a catalogue in JSON: its dates and basis, its parameters (the
        numbers the law sets: days, caps), its readings and the passages it rests on."""
        parameters = self.parameters
        period = self.period
        return {
            "version": self.version,
            "effective_from": period.effective_from.isoformat(),
            "effective_to": None
            if period.effective_to is None
            else period.effective_to.isoformat(),
            "effective_basis": period.basis,
            "effective_basis_fr": period.basis_fr,
            "parameters": (  # the numbers the law sets: the fields given when made
                jsonable(attrs.asdict(parameters, filter=lambda field, _: field.init))  # type: ignore[arg-type]
                if attrs.has(type(parameters))
                else jsonable(parameters)
            ),
            "interpretation": None if self.interpretation is None else self.interpretation.id,
            "readings": [reading.id for reading in self.readings],
            "alternatives": [reading.id for reading in self.alternatives],
            "citations": [citation.to_dict() for citation in self.citations],
            "summary_en": self.summary_en,
            "summary_fr": self.summary_fr,
        }


def check_sequence(versions: Sequence[RuleVersion[Any]], owner: str) -> None:
    """Check the versions of the rule ``owner``: at least one, with distinct names, in order,
    each ending before the next starts (only the last may be open-ended).

    Raises:
        InvalidArgumentError: They are not; the error names ``versions``.
    """
    if not versions:
        raise InvalidArgumentError("versions", "at least one RuleVersion", versions)
    names = [version.version for version in versions]
    if len(set(names)) != len(names):
        raise InvalidArgumentError(
            "versions", f"versions with distinct names ({owner})", names,
            expected_fr=f"des versions aux noms distincts ({owner})",
        )  # fmt: skip
    for earlier, later in itertools.pairwise(versions):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise InvalidArgumentError(
                "versions",
                f"versions in order, each ending before the next starts ({owner})",
                (earlier.version, later.version),
                expected_fr=f"des versions en ordre, chacune finissant avant la suivante ({owner})",
            )
