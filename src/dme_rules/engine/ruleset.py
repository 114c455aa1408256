"""An ordered, read-only collection of rules keyed by id: the registry's type."""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
from collections.abc import Iterable, Iterator, Mapping, ValuesView
from datetime import date
from typing import Any

import attrs

from dme_rules.engine._checks import checked_date
from dme_rules.engine.rule import Rule
from dme_rules.engine.subjects import Subject
from dme_rules.errors import InvalidArgumentError

__all__ = ["Ruleset"]


def _declared(parameters: Any) -> dict[str, Any]:
    """The numbers a version declares: its parameters' init fields (derived fields, which
    are caches of them, are left out)."""
    return {
        field.name: getattr(parameters, field.name)
        for field in attrs.fields(type(parameters))
        if field.init
    }


class Ruleset(Mapping[str, Rule[Any, Any]]):
    """Rules in a fixed order, keyed by id; immutable.

    Args:
        rules: The rules, in the order findings should come in.

    Raises:
        InvalidArgumentError: Two rules share an id, or an item is not a Rule.
    """

    __slots__ = ("_by_subject", "_digests", "_rules")

    def __init__(self, rules: Iterable[Rule[Any, Any]]) -> None:
        collected: dict[str, Rule[Any, Any]] = {}
        for rule in rules:
            if not isinstance(rule, Rule):
                raise InvalidArgumentError("rules", "Rule values", rule, expected_fr="des Rule")
            if rule.id in collected:
                raise InvalidArgumentError(
                    "rules", "rules with distinct ids", rule.id, expected_fr="des ids distincts"
                )
            collected[rule.id] = rule
        self._rules = collected
        self._by_subject: dict[type[Subject], tuple[Rule[Any, Any], ...]] = {}
        self._digests: dict[tuple[str | None, ...], str] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its rules: the lookups by subject and by law are caches.
        return type(self), (tuple(self._rules.values()),)

    @classmethod
    def discover(cls, package: str) -> Ruleset:
        """Every rule of the package ``package``, one per module, ordered by position.

        Each module whose name does not start with ``_`` defines the rule named after it
        (``extraction_deadline`` defines ``EXTRACTION_DEADLINE``, whose id ends with
        ``extraction-deadline``): a jurisdiction's rules are found, not listed.

        Raises:
            LookupError: A module lacks its rule, a rule's id does not name its module, or two
                rules share a position.
        """
        modules = importlib.import_module(package).__path__
        found: list[Rule[Any, Any]] = []
        for module_info in pkgutil.iter_modules(modules):
            name = module_info.name
            if name.startswith("_"):
                continue
            rule = getattr(importlib.import_module(f"{package}.{name}"), name.upper(), None)
            if not isinstance(rule, Rule) or rule.name != name.upper():
                raise LookupError(
                    f"{package}.{name} must define {name.upper()}, the rule whose id ends "
                    f"with {name.replace('_', '-')}"
                )
            found.append(rule)
        positions = [rule.position for rule in found]
        if len(set(positions)) != len(positions):
            raise LookupError(f"two rules of {package} share a position: {sorted(positions)}")
        return cls(sorted(found, key=lambda rule: rule.position))

    def __getitem__(self, rule_id: str) -> Rule[Any, Any]:
        return self._rules[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def values(self) -> ValuesView[Rule[Any, Any]]:
        """The rules, in order."""
        return self._rules.values()

    def __repr__(self) -> str:
        return f"Ruleset({list(self._rules)})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Ruleset):
            return list(self._rules.values()) == list(other._rules.values())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._rules.values()))

    def for_subject(self, kind: type[Subject]) -> tuple[Rule[Any, Any], ...]:
        """The rules that read subjects of class ``kind``, in order."""
        found = self._by_subject.get(kind)
        if found is None:
            found = self._by_subject[kind] = tuple(
                rule for rule in self._rules.values() if issubclass(kind, rule.subject)
            )
        return found

    def in_force(self, day: date) -> Ruleset:
        """The rules that have a version in force on ``day``, in the same order."""
        day = checked_date(day, "day")
        return Ruleset(rule for rule in self._rules.values() if rule.version_at(day) is not None)

    def digest(self, day: date) -> str:
        """``sha256:…`` of the versions in force on ``day``: ids, versions, dates, parameters,
        readings. Two evaluations with the same digest applied the same law."""
        versions = [(rule, rule.version_at(day)) for rule in self._rules.values()]
        key = tuple(version.version if version else None for _, version in versions)
        cached = self._digests.get(key)
        if cached is not None:
            return cached
        entries = []
        for rule, version in versions:
            if version is None:
                continue
            entries.append(
                {
                    "id": rule.id,
                    "version": version.version,
                    "effective_from": version.effective_from.isoformat(),
                    "effective_to": version.effective_to and version.effective_to.isoformat(),
                    "parameters": repr(_declared(version.parameters)),
                    "readings": [reading.id for reading in version.readings],
                    "alternatives": [reading.id for reading in version.alternatives],
                }
            )
        text = json.dumps(entries, sort_keys=True, separators=(",", ":"))
        digest = self._digests[key] = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
        return digest
