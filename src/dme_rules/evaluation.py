"""Evaluating cases: :func:`evaluate`, :func:`evaluate_many` and the :class:`Report`."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

import attrs

from dme_rules.calendars import QUEBEC_CPC, BusinessCalendar
from dme_rules.case import MigrationCase
from dme_rules.counting import OfficeSchedule
from dme_rules.errors import InvalidArgumentError
from dme_rules.interpretations import Interpretation
from dme_rules.model import Context, Finding, Status, check_language
from dme_rules.presentation import report_html, report_lines
from dme_rules.rules import RULES
from dme_rules.ruleset import Ruleset

__all__ = ["Report", "evaluate", "evaluate_many", "ruleset_as_of"]


@functools.cache
def _library_version() -> str:
    from dme_rules import __version__

    return __version__


@attrs.frozen(slots=False)  # dict-based: built once per case, twice as fast to build
class Report:
    """Every finding of a ruleset on one case at one instant.

    Attributes:
        case_id: The case's id.
        as_of: The instant of the evaluation.
        status: The worst of the findings' statuses (violation > insufficient_data > pending >
            compliant > not_applicable).
        findings: The findings, in the ruleset's order.
        library_version: The version of dme_rules that produced the report.
        calendar: The id of the business calendar used.
        case: The case evaluated (for the decision record).
        ruleset: The rules applied (for the decision record).
    """

    case_id: str
    as_of: datetime
    status: Status
    findings: tuple[Finding, ...]
    library_version: str
    calendar: str
    case: MigrationCase = attrs.field(eq=False, repr=False)
    ruleset: Ruleset = attrs.field(eq=False, repr=False)

    def decision(self) -> dict[str, str]:
        """What makes the evaluation reproducible: digests of the input and of the law applied,
        the calendar and the library version."""
        return {
            "input_digest": "sha256:"
            + hashlib.sha256(self.case.to_json().encode("utf-8")).hexdigest(),
            "ruleset_digest": self.ruleset.digest(self.case.requested_on),
            "calendar": self.calendar,
            "library_version": self.library_version,
        }

    def finding(self, rule_id: str) -> Finding:
        """The first finding of the rule ``rule_id``.

        Raises:
            KeyError: No finding has that rule id.
        """
        for finding in self.findings:
            if finding.rule_id == rule_id:
                return finding
        raise KeyError(rule_id)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The JSON form with the keys of SPEC §8; messages in ``lang``."""
        return {
            "case_id": self.case_id,
            "as_of": self.as_of.isoformat(),
            "library_version": self.library_version,
            "status": self.status.value,
            "findings": [finding.to_dict(lang) for finding in self.findings],
            "decision": self.decision(),
        }

    def to_json(self, lang: str = "fr", *, indent: int | None = None) -> str:
        """The JSON text of :meth:`to_dict`; the same report gives the same bytes.

        Compact by default (the fast encoder); ``indent=2`` for people.
        """
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)

    def to_records(self, lang: str = "fr") -> list[dict[str, Any]]:
        """One flat row per finding, for tables and pandas: the case, the verdict and the
        finding's fields (dates, Decimals and ints as they are), the message in ``lang``."""
        check_language(lang)
        rows = []
        for finding in self.findings:
            rows.append(
                {
                    "case_id": self.case_id,
                    "as_of": self.as_of,
                    "case_status": self.status.value,
                    "rule_id": finding.rule_id,
                    "rule_version": finding.rule_version,
                    "status": finding.status.value,
                    "obligated_party": finding.obligated_party,
                    "due": finding.due,
                    "act_on": finding.act_on,
                    "days_late": finding.days_late,
                    "business_days_late": finding.business_days_late,
                    "days_left": finding.days_left,
                    "business_days_left": finding.business_days_left,
                    "amount": finding.amount,
                    "cap": finding.cap,
                    "interpretation": finding.interpretation,
                    "message": finding.message(lang),
                }
            )
        return rows

    def to_fhir(self, lang: str = "fr") -> dict[str, Any]:
        """An HL7 FHIR R4 OperationOutcome: one issue per finding that is not compliant."""
        from dme_rules.fhir import report_to_operation_outcome

        return report_to_operation_outcome(self, lang)

    def _repr_html_(self) -> str:
        """The findings as an HTML table with the verdict (shown by notebooks)."""
        return report_html(self)

    def __str__(self) -> str:
        return "\n".join(report_lines(self))


def ruleset_as_of(day: date, ruleset: Ruleset = RULES) -> Ruleset:
    """The rules of ``ruleset`` that have a version in force on ``day``."""
    return ruleset.in_force(day)


def _check_ruleset(ruleset: object) -> Ruleset:
    if isinstance(ruleset, Ruleset):
        return ruleset
    raise InvalidArgumentError("ruleset", "a Ruleset", ruleset, expected_fr="un Ruleset")


def _evaluate(case: MigrationCase, context: Context, ruleset: Ruleset, version: str) -> Report:
    findings: list[Finding] = []
    for rule in ruleset.values():
        findings += rule.findings(case, context)
    return Report(
        case.case_id,
        context.as_of,
        Status.worst([finding.status for finding in findings]),
        tuple(findings),
        version,
        context.calendar.id,
        case,
        ruleset,
    )


def _as_case(case: object, field: str = "case") -> MigrationCase:
    if isinstance(case, MigrationCase):
        return case
    if isinstance(case, Mapping):
        return MigrationCase.from_dict(case)
    raise InvalidArgumentError(
        field,
        "a MigrationCase or a mapping of its JSON form",
        case,
        expected_fr="un MigrationCase ou un dictionnaire de sa forme JSON",
    )


def evaluate(
    case: MigrationCase,
    as_of: datetime,
    *,
    ruleset: Ruleset = RULES,
    calendar: BusinessCalendar = QUEBEC_CPC,
    readings: Iterable[Interpretation] = (),
    schedule: OfficeSchedule | None = None,
) -> Report:
    """Evaluate every rule of ``ruleset`` on ``case`` as it stood at ``as_of``.

    Pure: the same arguments give the same report, byte for byte in JSON.

    Args:
        case: The case (or its JSON form as a mapping).
        as_of: The aware instant of the evaluation; acts dated after it are ignored.
        ruleset: The rules to apply (default: the whole catalogue).
        calendar: The business calendar for every count.
        readings: Alternative readings to use where a rule's version allows them
            (``[CIVIL_PROCEDURE]`` counts every request period the civil-procedure way,
            ``[OFFICE_HOURS]`` the BCH's 72 hours in opening hours).
        schedule: The opening hours for the ``office-hours`` reading (08:30–16:30 if None).

    Raises:
        NaiveDatetimeError: ``as_of`` has no UTC offset.
        InvalidCaseError: ``case`` is a mapping that is not a valid case.
    """
    context = Context.at(as_of, calendar=calendar, readings=readings, schedule=schedule)
    return _evaluate(_as_case(case), context, _check_ruleset(ruleset), _library_version())


def evaluate_many(
    cases: Iterable[MigrationCase],
    as_of: datetime,
    *,
    ruleset: Ruleset = RULES,
    calendar: BusinessCalendar = QUEBEC_CPC,
    readings: Iterable[Interpretation] = (),
    schedule: OfficeSchedule | None = None,
) -> Iterator[Report]:
    """Evaluate each case of an iterable (a generator is fine), yielding reports one by one.

    The arguments are those of :func:`evaluate`, checked once before the first case.
    """
    context = Context.at(as_of, calendar=calendar, readings=readings, schedule=schedule)
    checked = _check_ruleset(ruleset)
    version = _library_version()

    def reports() -> Iterator[Report]:
        for index, case in enumerate(cases):
            yield _evaluate(_as_case(case, f"cases[{index}]"), context, checked, version)

    return reports()
