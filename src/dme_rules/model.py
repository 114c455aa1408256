"""The values the rule engine produces and works with: statuses, parties, versions, findings.

:class:`Finding` is what one rule says about one case at one instant; :class:`RuleVersion` is
one legal version of a rule, with its dates, typed parameters, readings and citations.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

import attrs

from dme_rules.calendars import QUEBEC_CPC, BusinessCalendar
from dme_rules.counting import MONTREAL, BusinessClock, OfficeSchedule, as_instant
from dme_rules.errors import InvalidArgumentError
from dme_rules.interpretations import OFFICE_HOURS, Interpretation
from dme_rules.sources import Citation

if TYPE_CHECKING:
    from dme_rules.rule import Rule

__all__ = ["NO_DETAILS", "Context", "Finding", "Party", "RuleVersion", "Status"]

P = TypeVar("P")

LANGUAGES = ("fr", "en")

#: The details of a finding that has none: one shared, read-only empty mapping.
NO_DETAILS: Mapping[str, Any] = MappingProxyType({})


def check_language(lang: str) -> str:
    """Return ``lang`` if it is ``fr`` or ``en``, else raise naming ``lang``."""
    if lang in LANGUAGES:
        return lang
    raise InvalidArgumentError("lang", "fr or en", lang, expected_fr="fr ou en")


class Status(enum.StrEnum):
    """What a rule says of a case (SPEC §4)."""

    COMPLIANT = "compliant"
    VIOLATION = "violation"
    PENDING = "pending"
    NOT_APPLICABLE = "not_applicable"
    INSUFFICIENT_DATA = "insufficient_data"

    @property
    def severity(self) -> int:
        """Rank for the worst-of: not_applicable < compliant < pending < insufficient_data <
        violation."""
        return _SEVERITY[self]

    def label(self, lang: str = "fr") -> str:
        """The status in words, in French (default) or English."""
        return _STATUS_LABELS[self][LANGUAGES.index(check_language(lang))]

    @classmethod
    def worst(cls, statuses: Iterable[Status]) -> Status:
        """The most severe of ``statuses``; ``not_applicable`` when there are none."""
        return _BY_SEVERITY[max(map(_SEVERITY.__getitem__, statuses), default=0)]


_SEVERITY = {
    Status.NOT_APPLICABLE: 0,
    Status.COMPLIANT: 1,
    Status.PENDING: 2,
    Status.INSUFFICIENT_DATA: 3,
    Status.VIOLATION: 4,
}

#: The statuses in the order of their severity (the rank is the index).
_BY_SEVERITY = sorted(_SEVERITY, key=_SEVERITY.__getitem__)

_STATUS_LABELS = {
    Status.COMPLIANT: ("conforme", "compliant"),
    Status.VIOLATION: ("non conforme", "violation"),
    Status.PENDING: ("en cours", "pending"),
    Status.NOT_APPLICABLE: ("sans objet", "not applicable"),
    Status.INSUFFICIENT_DATA: ("données insuffisantes", "insufficient data"),
}


#: The statuses as module constants: on Python 3.11 an enum member looked up on its class
#: costs a Python-level call, and the rules' hot paths use these on every finding.
COMPLIANT = Status.COMPLIANT
VIOLATION = Status.VIOLATION
PENDING = Status.PENDING
NOT_APPLICABLE = Status.NOT_APPLICABLE
INSUFFICIENT_DATA = Status.INSUFFICIENT_DATA


class Party(enum.StrEnum):
    """Who an obligation binds."""

    SOURCE_VENDOR = "source_vendor"
    TARGET_VENDOR = "target_vendor"
    CLINIC = "clinic"
    BCH = "bch"
    PHYSICIAN = "physician"

    def label(self, lang: str = "fr") -> str:
        """The party in words, in French (default) or English."""
        return _PARTY_LABELS[self][LANGUAGES.index(check_language(lang))]


_PARTY_LABELS = {
    Party.SOURCE_VENDOR: ("fournisseur actuel", "current vendor"),
    Party.TARGET_VENDOR: ("nouveau fournisseur", "new vendor"),
    Party.CLINIC: ("clinique", "clinic"),
    Party.BCH: ("BCH", "BCH"),
    Party.PHYSICIAN: ("médecin", "physician"),
}


def _check_effective_to(instance: RuleVersion[Any], attribute: object, value: date | None) -> None:
    if value is not None and value < instance.effective_from:
        raise InvalidArgumentError(
            "effective_to",
            f"a date on or after effective_from ({instance.effective_from})",
            value,
            expected_fr=(
                f"une date égale ou postérieure à effective_from ({instance.effective_from})"
            ),
        )


@attrs.frozen
class RuleVersion(Generic[P]):
    """One legal version of a rule: in force from ``effective_from`` to ``effective_to``.

    A new legal version is a new ``RuleVersion`` appended to the rule, never an edit of an
    old one; repeal is an explicit ``effective_to``.

    Attributes:
        version: The version's name (``"1"``, ``"2"``).
        effective_from: The first day it applies to (by the case's reference date).
        effective_to: The last day it applies to, or ``None`` while it is in force.
        effective_basis: Why those dates: the published fact they rest on.
        parameters: The version's numbers, typed (days, amounts, addresses…).
        citations: The passages that make it law, quoted in French.
        interpretation: The default reading of its ambiguous phrase, if it has one.
        alternatives: The other readings a caller may choose.
        summary_en: What this version requires, in one English sentence.
    """

    version: str
    effective_from: date
    effective_to: date | None = attrs.field(validator=_check_effective_to)
    effective_basis: str
    parameters: P
    citations: tuple[Citation, ...]
    interpretation: Interpretation | None = None
    alternatives: tuple[Interpretation, ...] = ()
    summary_en: str = ""

    def in_force(self, day: date) -> bool:
        """Whether ``day`` lies within the version's effective dates."""
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    @property
    def readings(self) -> tuple[Interpretation, ...]:
        """The default reading first, then the alternatives."""
        return (self.interpretation, *self.alternatives) if self.interpretation else ()

    def allowed_reading(self, reading: Interpretation | None) -> Interpretation:
        """``reading`` if this version offers it, the default when it is None.

        Raises:
            InvalidArgumentError: The version does not offer ``reading``, or has no reading.
        """
        if reading is None and self.interpretation is not None:
            return self.interpretation
        if reading is not None and reading in self.readings:
            return reading
        allowed = ", ".join(r.id for r in self.readings) or "none"
        raise InvalidArgumentError(
            "reading", f"one of {allowed}", reading, expected_fr=f"une lecture parmi {allowed}"
        )

    def reading(self, chosen: Collection[Interpretation] = ()) -> Interpretation | None:
        """The first of this version's readings that the caller chose, else the default."""
        if not chosen:
            return self.interpretation
        for reading in self.alternatives:
            if reading in chosen:
                return reading
        return self.interpretation


@attrs.frozen(slots=False)  # dict-based: built once per evaluation, twice as fast to build
class Context:
    """The circumstances of one evaluation: the instant, the calendar, the chosen readings.

    Attributes:
        as_of: The instant the case is seen at (aware); acts dated after it are ignored.
        today: The Montreal date of ``as_of``.
        calendar: The business calendar.
        readings: Alternative readings the caller chose, applied where a rule allows them.
        schedule: The opening hours for the ``office-hours`` reading (08:30–16:30 if None).
    """

    as_of: datetime
    today: date
    calendar: BusinessCalendar = QUEBEC_CPC
    readings: tuple[Interpretation, ...] = ()
    schedule: OfficeSchedule | None = None

    _clocks: dict[str, BusinessClock] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def clock(self, reading: Interpretation) -> BusinessClock:
        """The business-hour clock of ``reading`` on this context's calendar (with its
        schedule for office hours), built once per context."""
        found = self._clocks.get(reading.id)
        if found is None:
            schedule = self.schedule if reading.id == OFFICE_HOURS.id else None
            found = self._clocks[reading.id] = BusinessClock.of(reading, schedule, self.calendar)
        return found

    def position(self, reading: Interpretation) -> int:
        """Where the clock of ``reading`` stands at ``as_of``."""
        return self.clock(reading).position(self.as_of)

    def with_as_of(self, as_of: datetime) -> Context:
        """The same calendar, readings and schedule at another instant; the business-hour
        clocks, which do not depend on the instant, are shared with this context.

        Raises:
            NaiveDatetimeError: ``as_of`` has no UTC offset.
        """
        instant = as_instant(as_of, "as_of")
        moved = Context(
            instant,
            instant.astimezone(MONTREAL).date(),
            self.calendar,
            self.readings,
            self.schedule,
        )
        object.__setattr__(moved, "_clocks", self._clocks)  # a memo, not part of the value
        return moved

    @classmethod
    def at(
        cls,
        as_of: datetime,
        *,
        calendar: BusinessCalendar = QUEBEC_CPC,
        readings: Iterable[Interpretation] = (),
        schedule: OfficeSchedule | None = None,
    ) -> Context:
        """The context of an evaluation at ``as_of``.

        Raises:
            NaiveDatetimeError: ``as_of`` has no UTC offset.
            InvalidArgumentError: ``calendar`` or a reading has the wrong type.
        """
        instant = as_instant(as_of, "as_of")
        if not isinstance(calendar, BusinessCalendar):
            raise InvalidArgumentError(
                "calendar", "a BusinessCalendar", calendar, expected_fr="un BusinessCalendar"
            )
        chosen = readings if readings.__class__ is tuple else tuple(readings)
        for reading in chosen:
            if not isinstance(reading, Interpretation):
                raise InvalidArgumentError(
                    "readings", "Interpretation values", reading, expected_fr="des Interpretation"
                )
        if schedule is not None and not isinstance(schedule, OfficeSchedule):
            raise InvalidArgumentError(
                "schedule", "an OfficeSchedule", schedule, expected_fr="un OfficeSchedule"
            )
        return cls(instant, instant.astimezone(MONTREAL).date(), calendar, chosen, schedule)


def _jsonable(value: Any) -> Any:
    """``value`` with dates, instants, amounts and enums written as JSON strings."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


class Finding(NamedTuple):
    """What one rule says about one case at one instant.

    An immutable record: a named tuple, so that building one costs a single C-level tuple
    construction (a report builds one per rule and case). Equality leaves out :attr:`rule`,
    the hash also :attr:`details`; a finding never equals a plain tuple.

    Attributes:
        rule_id: The rule's id (``qc.migration.import-deadline``).
        rule_version: The version applied, or ``None`` when none is in force.
        status: The verdict.
        obligated_party: Who the obligation binds (``target_vendor``; two parties are joined
            with ``+``).
        due: The due date, or the due instant for an hour clock; ``None`` when there is none.
        act_on: The date (or instant) of the act the rule looks at, when recorded by ``as_of``.
        days_late: Calendar days late (act after the due date, or overdue at ``as_of``).
        business_days_late: The same in business days.
        days_left: Calendar days left before the due date, for a pending deadline.
        business_days_left: The same in business days.
        amount: The amount charged, for a cap.
        cap: The cap that applies.
        interpretation: The id of the reading used, when the rule has one.
        citations: The passages the rule rests on.
        details: Rule-specific facts (JSON-ready after :meth:`to_dict`).
        rule: The rule that made the finding (for its words), or ``None``.
    """

    rule_id: str
    rule_version: str | None
    status: Status
    obligated_party: str
    due: date | datetime | None = None
    act_on: date | datetime | None = None
    days_late: int | None = None
    business_days_late: int | None = None
    days_left: int | None = None
    business_days_left: int | None = None
    amount: Decimal | None = None
    cap: Decimal | None = None
    interpretation: str | None = None
    citations: tuple[Citation, ...] = ()
    details: Mapping[str, Any] = NO_DETAILS
    rule: Rule[Any] | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and tuple.__eq__(self[:-1], other[:-1])

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:-2])  # the details are a mapping: left out of the hash

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{name}={value!r}" for name, value in zip(self._fields[:-1], self, strict=False)
        )
        return f"Finding({fields})"

    def message(self, lang: str = "fr") -> str:
        """The finding in one sentence, in French (default) or English."""
        check_language(lang)
        if self.rule is None:
            return f"{self.rule_id}: {self.status.label(lang)}"
        return self.rule.describe(self, lang)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The JSON form with the keys of SPEC §8; the message in ``lang``."""
        return {
            "rule_id": self.rule_id,
            "rule_version": self.rule_version,
            "status": self.status.value,
            "obligated_party": self.obligated_party,
            "due": _jsonable(self.due),
            "act_on": _jsonable(self.act_on),
            "days_late": self.days_late,
            "business_days_late": self.business_days_late,
            "days_left": self.days_left,
            "business_days_left": self.business_days_left,
            "amount": _jsonable(self.amount),
            "cap": _jsonable(self.cap),
            "interpretation": self.interpretation,
            "message": self.message(lang),
            "citations": [citation.to_dict() for citation in self.citations],
            "details": _jsonable(self.details),
        }
