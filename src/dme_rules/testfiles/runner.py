"""Running declarative tests: each subject evaluated by :func:`~dme_rules.evaluate`, its
report's JSON compared key by key with what the test expects, and the differences said as
people read them.

Values compare as the report's JSON writes them, by value: an amount ``"6000"`` (or ``6000``)
equals ``"6000.00"``, a date ``2025-07-14`` the text ``"2025-07-14"``, an instant the same
instant whatever its offset; a mapping (``details``) compares only the keys it names; a
``message`` equals the finding's sentence in French or in English.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from dme_rules.cli.words import WORDS
from dme_rules.engine.evaluation import evaluate
from dme_rules.engine.messages import plural_form
from dme_rules.errors import DmeRulesError
from dme_rules.testfiles.files import ExpectedFindings, YamlTest, YamlTestError

__all__ = ["FindingCount", "Mismatch", "YamlTestResult", "counted", "run_test", "summary"]

#: A decimal amount as the report's JSON writes it.
_AMOUNT = re.compile(r"[0-9]+(\.[0-9]+)?\Z")


class FindingCount(int):
    """A number of findings (said ``2 findings``)."""


@attrs.frozen
class Mismatch:
    """One key whose value differs from the test's expectation.

    Attributes:
        key: ``status`` (the report's), ``RULE.KEY`` (a rule's one finding),
            ``RULE[N].KEY`` (its Nth finding, from 1), or ``RULE`` (how many findings).
        expected: The value the test expects.
        got: The value the report has (as its JSON writes it).
    """

    key: str
    expected: Any
    got: Any


@attrs.frozen
class YamlTestResult:
    """A test's outcome: every mismatch, none when it passes."""

    test: YamlTest
    mismatches: tuple[Mismatch, ...]

    @property
    def passed(self) -> bool:
        """Whether the report is as the test expects."""
        return not self.mismatches

    def lines(self, lang: str = "fr") -> list[str]:
        """A failure as people read it: the test's name and ``file:line``, then each key
        expected and got; in ``lang``. Nothing when the test passes."""
        if self.passed:
            return []
        heading = WORDS.format("test.failed", lang, name=self.test.name, where=self.test.where)
        return [heading] + [
            WORDS.format(
                "test.mismatch",
                lang,
                key=mismatch.key,
                expected=_shown(mismatch.expected, lang),
                got=_shown(mismatch.got, lang),
            )
            for mismatch in self.mismatches
        ]


def run_test(test: YamlTest, readings: Iterable[str] = ()) -> YamlTestResult:
    """Evaluate the test's subject at its instant, under its readings and ``readings``
    (the command line's), and compare the report with what the test expects.

    Raises:
        YamlTestError: The evaluation refuses the test's subject or readings (the test's
            file and line, and why).
    """
    chosen = tuple(dict.fromkeys((*test.readings, *readings)))
    try:
        report = evaluate(test.subject, test.as_of, readings=chosen)
    except DmeRulesError as error:
        raise YamlTestError(test.path, test.line, str(error)) from None
    document = report.to_dict("fr")
    english = report.to_dict("en")["findings"] if _names_message(test) else None
    mismatches = []
    if test.status is not None and test.status != document["status"]:
        mismatches.append(Mismatch("status", test.status, document["status"]))
    for expected in test.findings:
        rule = expected.rule_id
        found = [i for i, got in enumerate(document["findings"]) if got["rule_id"] == rule]
        got = [_with_missing(document["findings"][i]) for i in found]
        sentences = [english[i]["message"] for i in found] if english is not None else []
        mismatches += _compare_rule(expected, got, sentences)
    return YamlTestResult(test, tuple(mismatches))


def _names_message(test: YamlTest) -> bool:
    return any("message" in found for rule in test.findings for found in rule.findings)


def _with_missing(finding: dict[str, Any]) -> dict[str, Any]:
    """A finding's JSON with ``missing`` (its details'), as the report's records have it."""
    return {**finding, "missing": finding["details"].get("missing")}


def _compare_rule(
    expected: ExpectedFindings, got: list[dict[str, Any]], sentences: list[str]
) -> list[Mismatch]:
    """The mismatches between a rule's expected findings and its findings in the report."""
    rule_id, wanted = expected.rule_id, expected.findings
    found: list[Mismatch] = []
    if len(wanted) != len(got):
        found.append(Mismatch(rule_id, FindingCount(len(wanted)), FindingCount(len(got))))
    for index, (keys, finding) in enumerate(zip(wanted, got, strict=False)):
        prefix = f"{rule_id}[{index + 1}]" if expected.listed else rule_id
        english = sentences[index] if sentences else None
        for key, value in keys.items():
            if key == "message" and english is not None and value == english:
                continue  # the sentence in English
            if not _matches(_comparable(value), _comparable(finding[key])):
                found.append(Mismatch(f"{prefix}.{key}", value, finding[key]))
    return found


def _comparable(value: Any) -> Any:
    """``value`` as compared: numbers and amounts as decimals, instants as instants."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, datetime):  # a YAML value tagged !!timestamp
        return value if value.utcoffset() is not None else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        try:
            return Decimal(str(value))
        except InvalidOperation:  # pragma: no cover - every float's text is a decimal
            return value
    if isinstance(value, str):
        if _AMOUNT.match(value):
            return Decimal(value)
        if "T" in value:
            try:
                instant = datetime.fromisoformat(value)
            except ValueError:
                return value
            return instant if instant.utcoffset() is not None else value
        return value
    if isinstance(value, list | tuple):
        return [_comparable(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _comparable(item) for key, item in value.items()}
    return value


def _matches(expected: Any, got: Any) -> bool:
    """Whether ``got`` is what ``expected`` says (both :func:`_comparable`)."""
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    if isinstance(expected, Mapping):
        return isinstance(got, Mapping) and all(
            key in got and _matches(value, got[key]) for key, value in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(got, list)
            and len(expected) == len(got)
            and all(_matches(one, other) for one, other in zip(expected, got, strict=True))
        )
    return bool(expected == got)


def _shown(value: Any, lang: str) -> str:
    """A value as the report's JSON writes it (text without its quotes)."""
    if isinstance(value, FindingCount):
        return counted("test.findings", int(value), lang)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def counted(code: str, count: int, lang: str) -> str:
    """The text ``code`` for ``count`` things in ``lang``, in its plural form (the CLDR's:
    ``0 test`` and ``1 test`` in French, ``0 tests`` in English): the catalogue's
    ``code.one``, ``code.other``…"""
    form = plural_form(lang, count)
    chosen = f"{code}.{form}" if f"{code}.{form}" in WORDS else f"{code}.other"
    return WORDS.format(chosen, lang, count=count)


def summary(tests: int, passed: int, failed: int, errors: int, lang: str = "fr") -> str:
    """The summary line: the tests read, those passed, those failed and the errors (tests
    that could not run, files that could not be read), the last two when any:
    ``12 tests, 11 réussis, 1 échoué``."""
    parts = [counted("test.tests", tests, lang), counted("test.passed", passed, lang)]
    if failed:
        parts.append(counted("test.failures", failed, lang))
    if errors:
        parts.append(counted("test.errors", errors, lang))
    return ", ".join(parts)
