"""What a rule says of a subject: the five statuses and their order of severity."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from dme_rules.engine.messages import ENGINE_MESSAGES, LANGUAGES, check_language

__all__ = ["Status"]


class Status(enum.StrEnum):
    """What a rule says of a subject."""

    COMPLIANT = "compliant"
    VIOLATION = "violation"
    PENDING = "pending"
    NOT_APPLICABLE = "not_applicable"
    INSUFFICIENT_DATA = "insufficient_data"

    @property
    def severity(self) -> int:
        """Rank for the worst-of, from ``not_applicable`` (0) through ``compliant``,
        ``pending`` and ``insufficient_data`` to ``violation`` (4)."""
        return _SEVERITY[self]

    def label(self, lang: str = "fr") -> str:
        """The status in words, in French (default) or English."""
        found = _LABELS.get((self, lang))
        if found is None:  # a language the library does not speak: refused
            return ENGINE_MESSAGES.template(f"status.{self.value}", check_language(lang))
        return found

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

#: Each status's words in each language, from the engine's catalogue (which never changes).
_LABELS = {
    (status, lang): ENGINE_MESSAGES.template(f"status.{status.value}", lang)
    for status in Status
    for lang in LANGUAGES
}
