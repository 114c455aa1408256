"""Jurisdiction packs: everything local to one jurisdiction, in one value.

A :class:`Jurisdiction` holds a jurisdiction's time zone, calendars, parties, readings,
subjects, rules and message catalogue. Each pack is a package under
:mod:`dme_rules.jurisdictions` that defines ``JURISDICTION``; the engine finds it through the
registry (:mod:`dme_rules.engine.registry`) by the first segment of an id.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any, SupportsIndex

import attrs

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.clock import OfficeSchedule
from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.messages import Messages, check_language
from dme_rules.engine.presentation import describe, finding_row
from dme_rules.engine.readings import Reading
from dme_rules.engine.registry import pack_of, reading_values
from dme_rules.engine.rule import Rule
from dme_rules.engine.ruleset import Ruleset
from dme_rules.engine.subjects import Subject
from dme_rules.errors import InvalidArgumentError

__all__ = ["Jurisdiction", "jurisdiction_of"]


@attrs.frozen(eq=False)
class Jurisdiction:
    """A jurisdiction pack: the local knowledge the engine applies (one object per pack,
    equal only to itself).

    Attributes:
        id: The first segment of every id of the pack (``qc``).
        name_fr: The jurisdiction's name in French.
        name_en: The jurisdiction's name in English.
        zone: The time zone of every local date and wall-clock time.
        calendar: The default business calendar for legal time limits.
        calendars: Every calendar the pack declares, the default first.
        parties: The codes of the parties its rules bind.
        readings: Every reading its rules allow.
        subjects: The kinds of subject its rules read.
        rules: Its rules, in catalogue order.
        messages: Its message catalogue (falling back on the engine's).
    """

    id: str
    name_fr: str
    name_en: str
    zone: tzinfo
    calendar: BusinessCalendar
    calendars: tuple[BusinessCalendar, ...]
    parties: tuple[str, ...]
    readings: tuple[Reading, ...]
    subjects: tuple[type[Subject], ...]
    rules: Ruleset
    messages: Messages

    def __attrs_post_init__(self) -> None:
        prefix = f"{self.id}."
        foreign = [cls.kind for cls in self.subjects if not cls.kind.startswith(prefix)]
        foreign += [rule_id for rule_id in self.rules if not rule_id.startswith(prefix)]
        if foreign or not self.calendars or self.calendars[0] != self.calendar:
            raise InvalidArgumentError(
                "jurisdiction",
                f"subject kinds and rule ids that start with {prefix}, and its default "
                "calendar first among its calendars",
                foreign or self.calendars,
                expected_fr=f"des types de sujet et des ids de règle qui commencent par "
                f"{prefix}, et son calendrier par défaut en tête de ses calendriers",
            )

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        # A registered pack pickles as its id and unpickles as the registered pack itself:
        # a pickled report does not carry the pack's calendars and their tables.
        if pack_of(self.id) is self:
            return jurisdiction_of, (self.id,)
        return object.__reduce_ex__(self, protocol)

    def context(
        self,
        as_of: datetime,
        *,
        calendar: BusinessCalendar | None = None,
        readings: Iterable[Reading | str] = (),
        schedule: OfficeSchedule | None = None,
    ) -> Context:
        """The context of an evaluation at ``as_of`` in this jurisdiction (its zone, and its
        default calendar unless another is given); ``readings`` are values or ids."""
        return Context.at(
            as_of,
            zone=self.zone,
            calendar=self.calendar if calendar is None else calendar,
            readings=reading_values(readings),  # type: ignore[arg-type]
            schedule=schedule,
        )

    def _rule(self, rule_id: str, rules: Ruleset | None) -> Rule[Any, Any] | None:
        """The rule ``rule_id`` of ``rules`` (the rules a report applied), else the pack's."""
        return (rules or self.rules).get(rule_id) or self.rules.get(rule_id)

    def rule_title(self, rule_id: str, lang: str = "fr", rules: Ruleset | None = None) -> str:
        """The title of the rule ``rule_id`` in ``lang``, found in ``rules`` (the rules a
        report applied) or the pack's; the id itself for a rule neither has."""
        rule = self._rule(rule_id, rules)
        return rule.title(lang) if rule is not None else rule_id

    def describe(self, finding: Finding, lang: str = "fr", rules: Ruleset | None = None) -> str:
        """``finding`` in one sentence in ``lang``, with the words of this pack; its rule is
        found in ``rules`` (the rules a report applied) or the pack's."""
        check_language(lang)
        rule = self._rule(finding.rule_id, rules)
        return describe(
            finding,
            lang,
            messages=self.messages,
            zone=self.zone,
            title=rule.title(lang) if rule is not None else finding.rule_id,
            notes=rule.notes(finding) if rule is not None else (),
        )

    def row(
        self, finding: Finding, lang: str = "fr", rules: Ruleset | None = None
    ) -> tuple[str, str, str, str, str, str]:
        """``finding`` as a table row: rule, party, status, due, act, late or left."""
        return finding_row(
            finding,
            lang,
            messages=self.messages,
            zone=self.zone,
            title=self.rule_title(finding.rule_id, lang, rules),
        )


def jurisdiction_of(identifier: str) -> Jurisdiction:
    """The registered pack that an id belongs to (``qc.migration.case`` → Quebec).

    Raises:
        InvalidArgumentError: No registered jurisdiction has the id's first segment.
    """
    pack = pack_of(identifier)
    if not isinstance(pack, Jurisdiction):
        raise InvalidArgumentError(
            "jurisdiction",
            "an id that starts with a registered jurisdiction",
            identifier,
            expected_fr="un id qui commence par une juridiction enregistrée",
        )
    return pack
