"""Jurisdiction packs: everything local to one jurisdiction, in one value.

A :class:`Jurisdiction` holds a jurisdiction's time zone, calendars, parties, readings,
subjects, rules and message catalogue, and what it offers the applications
(:mod:`~dme_rules.engine.features`). Each pack is a package under
:mod:`dme_rules.jurisdictions` that defines ``JURISDICTION``, registered with :func:`register`.

This module is the typed registry every application asks: :func:`jurisdictions`,
:func:`jurisdiction_of` (the pack of an id's first segment), :func:`default_jurisdiction`,
:func:`subject_class` and :func:`calendar_named`. The packs are known to the lower layers of the
engine through :mod:`dme_rules.engine.registry`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo
from types import MappingProxyType
from typing import Any, SupportsIndex, cast

import attrs

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.clock import OfficeSchedule
from dme_rules.engine.context import Context
from dme_rules.engine.features import CalendarName, DeadlinesOf, Example, LogAudit, Timeline
from dme_rules.engine.findings import Finding
from dme_rules.engine.messages import Messages, check_language
from dme_rules.engine.presentation import Sentences, finding_row
from dme_rules.engine.readings import Reading
from dme_rules.engine.registry import add, pack_of, packs, reading_values
from dme_rules.engine.rule import Rule
from dme_rules.engine.ruleset import Ruleset
from dme_rules.engine.subjects import Subject
from dme_rules.errors import InvalidArgumentError

__all__ = [
    "Jurisdiction",
    "calendar_named",
    "default_jurisdiction",
    "jurisdiction_of",
    "jurisdictions",
    "register",
    "subject_class",
    "subject_classes",
]


def _copied(value: Mapping[str, type[Subject]]) -> Mapping[str, type[Subject]]:
    """A copy of ``value`` (a plain dict, so that the value pickles; read-only by its type)."""
    return dict(value)


@attrs.frozen(eq=False, repr=False)
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
        default_subject: The kind of subject a document that names none (no ``"subject"``
            key) is read as; one registered pack at most has one (Quebec's migration case,
            the first edition's only document).
        calendar_names: Its calendars as the command line names them.
        deadlines: The deadlines a new subject sets going, from the instant it starts.
        timeline: How its findings are drawn on a time axis (``None``: not drawn).
        logs: The audit of its event logs at scale, a command of its own.
        commands: Commands that each read one kind of its subjects, given without its
            ``"subject"`` key, by the command's name (words: ``command.<name>.help`` and
            ``command.<name>.description``).
        example: A complete document and the instant to judge it at, for documentation.
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
    default_subject: type[Subject] | None = None
    calendar_names: tuple[CalendarName, ...] = ()
    deadlines: DeadlinesOf | None = None
    timeline: Timeline | None = None
    logs: LogAudit | None = None
    commands: Mapping[str, type[Subject]] = attrs.field(factory=dict, converter=_copied)
    example: Example | None = None

    def __attrs_post_init__(self) -> None:
        prefix = f"{self.id}."
        foreign = [cls.kind for cls in self.subjects if not cls.kind.startswith(prefix)]
        foreign += [rule_id for rule_id in self.rules if not rule_id.startswith(prefix)]
        own = [*self.subjects, *([self.default_subject] if self.default_subject else [])]
        foreign += [cls.kind for cls in [*self.commands.values(), *own] if cls not in self.subjects]
        if foreign or not self.calendars or self.calendars[0] != self.calendar:
            raise InvalidArgumentError(
                "jurisdiction",
                f"subject kinds and rule ids that start with {prefix}, subjects of its own for "
                "its default subject and commands, and its default calendar first among its "
                "calendars",
                foreign or self.calendars,
                expected_fr=f"des types de sujet et des ids de règle qui commencent par "
                f"{prefix}, ses propres sujets pour son sujet par défaut et ses commandes, et "
                "son calendrier par défaut en tête de ses calendriers",
            )

    def __repr__(self) -> str:
        return f"<Jurisdiction {self.id}>"

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
        """The context of an evaluation at ``as_of`` in this jurisdiction: its zone, and the
        ``calendar`` given, else the one a chosen reading of this pack selects
        (:attr:`Reading.calendar <dme_rules.engine.readings.Reading.calendar>`), else its
        default calendar; ``readings`` are values or ids."""
        chosen = reading_values(readings)
        given = calendar is not None
        if calendar is None:
            calendar = self.selected_calendar(chosen)
        return Context.at(
            as_of,
            zone=self.zone,
            calendar=calendar,
            readings=chosen,  # type: ignore[arg-type]
            schedule=schedule,
            calendar_given=given,
        )

    def selected_calendar(self, chosen: object) -> BusinessCalendar:
        """The calendar that the chosen readings select (one of this pack's readings that
        carries a calendar), else the pack's default calendar; a choice that is not a tuple of
        readings selects nothing (:meth:`context` refuses it)."""
        readings = chosen if isinstance(chosen, tuple) else ()
        for reading in readings:
            if isinstance(reading, Reading) and reading in self.readings:
                selected: BusinessCalendar | None = reading.calendar
                if selected is not None:
                    return selected
        return self.calendar

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
        return self.describer(lang, rules)(finding)

    def describer(self, lang: str = "fr", rules: Ruleset | None = None) -> Callable[[Finding], str]:
        """A function that says findings in one sentence each, as :meth:`describe` does, for
        many findings in a row: their sentences in ``lang`` compiled once
        (:class:`~dme_rules.engine.presentation.Sentences`), each rule's title found once.

        Raises:
            InvalidArgumentError: ``lang`` is not ``fr`` or ``en``.
        """
        key = (id(self), lang, id(rules))
        # A language checked before is known by its describer (a string only: an unhashable
        # value, or one merely equal to a language, is left to check_language).
        found = _DESCRIBERS.get(key) if type(lang) is str else None
        if found is not None and found[0] is self and found[1] is rules:
            return found[2]
        check_language(lang)
        sentences = Sentences(self.messages, lang, self.zone)
        titles: dict[str, tuple[str, Rule[Any, Any] | None]] = {}

        def describe_one(finding: Finding) -> str:
            rule_id = finding.rule_id
            known = titles.get(rule_id)
            if known is None:
                rule = self._rule(rule_id, rules)
                title = rule.title(lang) if rule is not None else rule_id
                known = titles[rule_id] = (title, rule)
            title, rule = known
            notes = rule.notes(finding) if rule is not None else ()
            return sentences(finding, title, notes)

        if len(_DESCRIBERS) >= 256:
            _DESCRIBERS.clear()
        _DESCRIBERS[key] = (self, rules, describe_one)
        return describe_one

    def row(
        self, finding: Finding, lang: str = "fr", rules: Ruleset | None = None
    ) -> tuple[str, str, str, str, str, str, str]:
        """``finding`` as a table row: rule, party, status, due, act, late or left, and why
        it is what it is (its reason and its rule's notes, in words)."""
        rule = self._rule(finding.rule_id, rules)
        return finding_row(
            finding,
            lang,
            messages=self.messages,
            zone=self.zone,
            title=rule.title(lang) if rule is not None else finding.rule_id,
            notes=rule.notes(finding) if rule is not None else (),
        )


#: Each pack's describers, by the pack, language and rules (their identities), with the pack
#: and the rules themselves (which keeps the identities their own): a ruleset never changes.
_DESCRIBERS: dict[
    tuple[int, str, int], tuple[Jurisdiction, Ruleset | None, Callable[[Finding], str]]
] = {}


def register(pack: Jurisdiction) -> None:
    """Make ``pack`` known to the engine and the applications under its id (again: nothing
    changes).

    Raises:
        InvalidArgumentError: ``pack`` is not a Jurisdiction, another pack has its id, another
            pack already reads documents without a ``"subject"`` key, or gives one of the
            names the applications look packs' things up by (a schema's, a command's, a
            calendar's) to something else.
    """
    if not isinstance(pack, Jurisdiction):
        raise InvalidArgumentError("pack", "a Jurisdiction", pack, expected_fr="une Jurisdiction")
    others = [found for found in jurisdictions().values() if found.id != pack.id]
    taken = {name for other in others for name in _names(other)}
    clashes = sorted(taken & set(_names(pack)))
    if clashes:
        raise InvalidArgumentError(
            "pack",
            f"names another registered pack does not give ({pack.id}: {', '.join(clashes)})",
            clashes,
            expected_fr=f"des noms qu'aucun autre territoire enregistré ne donne ({pack.id} : "
            f"{', '.join(clashes)})",
        )
    if pack.default_subject is not None:
        other = next(
            (found for found in jurisdictions().values()
             if found.default_subject is not None and found.id != pack.id),
            None,
        )  # fmt: skip
        if other is not None:
            raise InvalidArgumentError(
                "default_subject",
                f"no default subject: {other.id} already reads documents without a subject key",
                pack.default_subject.kind,
                expected_fr=f"aucun sujet par défaut : {other.id} lit déjà les documents sans "
                "clé subject",
            )
    add(pack)


def _names(pack: Jurisdiction) -> list[str]:
    """The names the applications look a pack's things up by, across every pack: its subjects'
    schema names, its commands (a log audit's included) and its calendars' short names."""
    names = [f"schema {cls.schema_name}" for cls in pack.subjects]
    names += [f"command {name}" for name in pack.commands]
    names += [f"command {pack.logs.command}"] if pack.logs is not None else []
    names += [f"calendar {named.name}" for named in pack.calendar_names]
    return names


def jurisdictions() -> Mapping[str, Jurisdiction]:
    """Every registered pack, by id (read-only; the default pack first, then by id)."""
    found = cast(Mapping[str, Jurisdiction], packs())
    ordered = sorted(found.values(), key=lambda pack: (pack.default_subject is None, pack.id))
    return MappingProxyType({pack.id: pack for pack in ordered})


def jurisdiction_of(identifier: str) -> Jurisdiction:
    """The registered pack that an id belongs to (``qc.migration.case`` → Quebec).

    Raises:
        InvalidArgumentError: No registered jurisdiction has the id's first segment.
    """
    pack = pack_of(identifier) if isinstance(identifier, str) else None
    if pack is None:
        raise InvalidArgumentError(
            "jurisdiction",
            "an id that starts with a registered jurisdiction",
            identifier,
            expected_fr="un id qui commence par une juridiction enregistrée",
        )
    return cast(Jurisdiction, pack)


def default_jurisdiction() -> Jurisdiction:
    """The pack of the default subject (what a command or a request that names no
    jurisdiction means); the first pack by id when none has one.

    Raises:
        InvalidArgumentError: No pack is registered.
    """
    found = jurisdictions()
    if not found:
        raise InvalidArgumentError(
            "jurisdiction", "a registered jurisdiction", None,
            expected_fr="une juridiction enregistrée",
        )  # fmt: skip
    return next(iter(found.values()))


def subject_classes() -> dict[str, type[Subject]]:
    """Every registered subject class, by kind (the packs in the order they registered)."""
    found = cast(Mapping[str, Jurisdiction], packs())
    return {cls.kind: cls for pack in found.values() for cls in pack.subjects}


def subject_class(kind: str | None) -> type[Subject] | None:
    """The registered subject class of ``kind`` (``qc.migration.case``); for ``None``, the
    default subject's (a document without a ``"subject"`` key); ``None`` when there is none."""
    if kind is None:
        return next(
            (pack.default_subject for pack in jurisdictions().values() if pack.default_subject),
            None,
        )
    return subject_classes().get(kind)


def calendar_named(name: str) -> tuple[Jurisdiction, CalendarName] | None:
    """The pack and calendar that ``name`` names on the command line: a pack's short name
    (``cpc``) or a calendar's id (``quebec-lnt``); ``None`` when none has it."""
    for pack in jurisdictions().values():
        for named in pack.calendar_names:
            if named.name == name:
                return pack, named
    for pack in jurisdictions().values():
        for calendar in pack.calendars:
            if calendar.id == name:
                return pack, CalendarName(calendar.id, calendar)
    return None
