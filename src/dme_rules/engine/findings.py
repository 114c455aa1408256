"""What one rule says about one subject at one instant: the :class:`Finding`."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from dme_rules.engine._checks import plain_decimal
from dme_rules.engine.citations import Citation, cited
from dme_rules.engine.messages import check_language
from dme_rules.engine.registry import pack_of
from dme_rules.engine.status import Status
from dme_rules.engine.time import instant_text

__all__ = ["NO_DETAILS", "Finding"]


class _NoDetails(Mapping[str, Any]):
    """An empty, read-only mapping: the details of a finding that has none."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "NO_DETAILS"

    def __reduce__(self) -> str:
        return "NO_DETAILS"  # unpickled as this module's one shared object


#: The details of a finding that has none: one shared, read-only empty mapping.
NO_DETAILS: Mapping[str, Any] = _NoDetails()


#: The types JSON writes as they are (looked up first: most details are these).
_AS_THEY_ARE = frozenset({str, int, bool, float})


def jsonable(value: Any) -> Any:
    """``value`` with dates, instants, amounts and enums written as JSON strings."""
    kind = type(value)
    if value is None or kind in _AS_THEY_ARE:
        return value
    if kind is dict:  # a finding's details: most of their values are written as they are
        return {
            (key if type(key) is str else str(key)): (
                item if item is None or type(item) in _AS_THEY_ARE else jsonable(item)
            )
            for key, item in value.items()
        }
    if kind is date:
        return value.isoformat()
    if isinstance(value, datetime):
        return instant_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):  # plainly: "0.0000000", never "0E-7"; zero unsigned
        return plain_decimal(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


class Finding(NamedTuple):
    """What one rule says about one subject at one instant: a plain, immutable value.

    Codes and numbers only: :meth:`message` finds the words in the rule's jurisdiction's
    message catalogue. A finding never equals a plain tuple; its hash leaves out the details.

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
        interpretation: The id of the reading that counted the period, when there is one.
        readings: The ids of every reading the finding's version applied, one per topic.
        citations: The passages the rule rests on.
        details: Rule-specific facts (JSON-ready after :meth:`to_dict`); ``details["reason"]``
            is the code that explains a special status.
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
    readings: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    details: Mapping[str, Any] = NO_DETAILS

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:-1])  # the details are a mapping: left out of the hash

    @property
    def reason(self) -> str | None:
        """The code that explains a special status (``details["reason"]``), or ``None``."""
        if self.details is NO_DETAILS:
            return None
        reason: str | None = self.details.get("reason")
        return reason

    def message(self, lang: str = "fr") -> str:
        """The finding in one sentence, in French (default) or English."""
        check_language(lang)
        pack = pack_of(self.rule_id)
        if pack is None:  # a rule of no registered jurisdiction: its id and status
            return f"{self.rule_id}: {self.status.label(lang)}"
        return pack.describe(self, lang)

    def to_dict(self, lang: str = "fr", *, message: str | None = None) -> dict[str, Any]:
        """The JSON form, every field under its name; the message in ``lang`` (or ``message``,
        the sentence a report already made)."""
        return {
            "rule_id": self.rule_id,
            "rule_version": self.rule_version,
            "status": self.status.value,
            "obligated_party": self.obligated_party,
            "due": None if self.due is None else jsonable(self.due),
            "act_on": None if self.act_on is None else jsonable(self.act_on),
            "days_late": self.days_late,
            "business_days_late": self.business_days_late,
            "days_left": self.days_left,
            "business_days_left": self.business_days_left,
            "amount": None if self.amount is None else jsonable(self.amount),
            "cap": None if self.cap is None else jsonable(self.cap),
            "interpretation": self.interpretation,
            "readings": list(self.readings),
            "reason": self.reason,
            "message": self.message(lang) if message is None else message,
            "citations": [dict(entry) for entry in cited(self.citations)],
            "details": jsonable(self.details),
        }
