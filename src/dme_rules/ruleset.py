"""An ordered, read-only collection of rules keyed by id: the registry's type."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, ValuesView
from datetime import date
from typing import Any

import attrs

from dme_rules._validation import checked_date
from dme_rules.errors import InvalidArgumentError
from dme_rules.model import RuleVersion
from dme_rules.rule import Rule

__all__ = ["Ruleset"]

#: How many days' steps a ruleset keeps (about ten years of request dates).
_STEPS_KEPT = 4096

#: One rule's step in an evaluation: ``(rule.assess, version)`` or ``(rule.findings, None)``.
Step = tuple[Callable[..., Any], RuleVersion[Any] | None]


class Ruleset(Mapping[str, Rule[Any]]):
    """Rules in a fixed order, keyed by id; immutable.

    Args:
        rules: The rules, in the order findings should come in.

    Raises:
        InvalidArgumentError: Two rules share an id, or an item is not a Rule.
    """

    __slots__ = ("_digests", "_rule_steps", "_rules", "_steps_by_day")

    def __init__(self, rules: Iterable[Rule[Any]]) -> None:
        collected: dict[str, Rule[Any]] = {}
        for rule in rules:
            if not isinstance(rule, Rule):
                raise InvalidArgumentError("rules", "Rule values", rule, expected_fr="des Rule")
            if rule.id in collected:
                raise InvalidArgumentError(
                    "rules", "rules with distinct ids", rule.id, expected_fr="des ids distincts"
                )
            collected[rule.id] = rule
        self._rules = collected
        self._digests: dict[tuple[int, ...], str] = {}
        self._steps_by_day: dict[date, tuple[Step, ...]] = {}
        # Each rule's possible steps, built once and shared by every day's steps (a day's
        # steps are then a tuple of references); versions live as long as their rules, so
        # their ids are stable keys.
        self._rule_steps: dict[str, tuple[dict[int, Step], Step]] = {
            rule.id: (
                {id(version): (rule.assess, version) for version in rule.versions},
                (rule.findings, None),
            )
            for rule in collected.values()
        }

    def __getitem__(self, rule_id: str) -> Rule[Any]:
        return self._rules[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def values(self) -> ValuesView[Rule[Any]]:
        """The rules, in order (a view of the underlying dict: no lookup per rule)."""
        return self._rules.values()

    def __repr__(self) -> str:
        return f"Ruleset({list(self._rules)})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Ruleset):
            return list(self._rules.values()) == list(other._rules.values())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._rules.values()))

    def _day_steps(self, requested_on: date) -> tuple[Step, ...]:
        """How :func:`~dme_rules.evaluate` runs the rules on a case requested on
        ``requested_on``: for each rule in order, ``(rule.assess, version)`` when the
        request's date selects the version, else ``(rule.findings, None)`` for a rule that
        decides for itself (its version follows another date, such as a complaint's, or none
        is in force that day). Computed once per day: every migration case of that day shares
        the steps, and the bound methods spare a lookup per rule and case.
        """
        steps = self._steps_by_day.get(requested_on)
        if steps is None:
            steps = tuple(self._step(rule, requested_on) for rule in self._rules.values())
            if len(self._steps_by_day) >= _STEPS_KEPT:
                self._steps_by_day.clear()
            self._steps_by_day[requested_on] = steps
        return steps

    def _step(self, rule: Rule[Any], requested_on: date) -> Step:
        by_version, own_findings = self._rule_steps[rule.id]
        version = rule.version_at(requested_on) if rule.by_request else None
        return own_findings if version is None else by_version[id(version)]

    def in_force(self, day: date) -> Ruleset:
        """The rules that have a version in force on ``day``, in the same order."""
        day = checked_date(day, "day")
        return Ruleset(rule for rule in self._rules.values() if rule.version_at(day) is not None)

    def digest(self, day: date) -> str:
        """``sha256:…`` of the versions in force on ``day``: ids, versions, dates, parameters,
        readings. Two evaluations with the same digest applied the same law."""
        versions = [(rule, rule.version_at(day)) for rule in self._rules.values()]
        key = tuple(id(version) for _, version in versions)  # versions live as long as rules
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
                    "parameters": repr(attrs.asdict(version.parameters)),
                    "readings": [reading.id for reading in version.readings],
                }
            )
        text = json.dumps(entries, sort_keys=True, separators=(",", ":"))
        digest = self._digests[key] = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
        return digest
