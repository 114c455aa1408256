"""Evaluating cases: :func:`evaluate`, :func:`evaluate_many` and the :class:`Report`."""

from __future__ import annotations

import functools
import hashlib
import json
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import attrs

from dme_rules.calendars import QUEBEC_CPC, BusinessCalendar
from dme_rules.case import MigrationCase
from dme_rules.counting import OfficeSchedule
from dme_rules.errors import InvalidArgumentError, InvalidCaseError
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


#: The latest :func:`evaluate` call's arguments and context, as one tuple (read and replaced
#: atomically, so threads never mix two calls' parts).
_last_context: tuple[object, object, object, object, Context] | None = None


def _context(
    as_of: datetime,
    calendar: BusinessCalendar,
    readings: Iterable[Interpretation],
    schedule: OfficeSchedule | None,
) -> Context:
    """The context of an evaluation, from the previous call's when it passed the very same
    calendar, readings and schedule objects: the same context for the same ``as_of`` (a loop
    over cases at one instant), else that context moved to the new instant (a back-end
    evaluating at "now"). A context is a pure function of its arguments; only immutable ones
    qualify (readings given as a list are read again each time)."""
    global _last_context
    last = _last_context
    if (
        last is not None
        and last[1] is calendar
        and last[2] is readings
        and last[3] is schedule
        and readings.__class__ is tuple
    ):
        if last[0] is as_of:
            return last[4]
        context = last[4].with_as_of(as_of)
    else:
        context = Context.at(as_of, calendar=calendar, readings=readings, schedule=schedule)
    _last_context = (as_of, calendar, readings, schedule, context)
    return context


_worst = Status.worst  # (an attribute of an enum class costs a lookup in Python)
_status_of = operator.attrgetter("status")


def _report(
    case: MigrationCase, findings: list[Finding], context: Context, ruleset: Ruleset, version: str
) -> Report:
    return Report(
        case.case_id,
        context.as_of,
        _worst(map(_status_of, findings)),
        tuple(findings),
        version,
        context.calendar.id,
        case,
        ruleset,
    )


def _evaluate_one(case: MigrationCase, context: Context, ruleset: Ruleset, version: str) -> Report:
    """The report on ``case``: its rules' steps (``Ruleset._day_steps``) in order."""
    findings: list[Finding] = []
    append = findings.append
    for run, rule_version in ruleset._day_steps(case.requested_on):
        if rule_version is None:
            findings += run(case, context)  # rule.findings: its own version(s)
        else:
            append(run(rule_version, case, context))  # rule.assess
    return _report(case, findings, context, ruleset, version)


def _evaluate_batch(
    cases: Sequence[MigrationCase], context: Context, ruleset: Ruleset, version: str
) -> list[Report]:
    """The reports on ``cases``, in order, the same as :func:`_evaluate_one`'s.

    The steps run rule by rule across the cases (every case through the first rule, then
    the second…) rather than case by case: each rule's code then runs many times in a row,
    which the interpreter executes markedly faster.
    """
    schedules = [ruleset._day_steps(case.requested_on) for case in cases]
    found: list[list[Finding]] = [[] for _ in cases]
    for index in range(len(ruleset)):
        for case, steps, findings in zip(cases, schedules, found, strict=True):
            run, rule_version = steps[index]
            if rule_version is None:
                findings += run(case, context)
            else:
                findings.append(run(rule_version, case, context))
    return [
        _report(case, findings, context, ruleset, version)
        for case, findings in zip(cases, found, strict=True)
    ]


#: How many cases :func:`evaluate_many` reads ahead and evaluates together.
_BATCH_SIZE = 64


def _as_case(case: object, field: str = "case") -> MigrationCase:
    """``case`` itself, or the case its JSON form describes; an error names ``field``
    (``cases[7]``) and, for a bad mapping, the path inside it (``cases[7].extraction.fee``)."""
    if isinstance(case, MigrationCase):
        return case
    if isinstance(case, Mapping):
        try:
            return MigrationCase.from_dict(case)
        except InvalidCaseError as error:
            if field == "case":
                raise
            path = field + error.path.removeprefix("$")
            raise InvalidCaseError(path, error.expected, expected_fr=error.expected_fr) from None
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
    context = _context(as_of, calendar, readings, schedule)
    return _evaluate_one(_as_case(case), context, _check_ruleset(ruleset), _library_version())


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

    The arguments are those of :func:`evaluate`, checked once before the first case. Cases
    are read 64 at a time and evaluated together, one rule across all of them after the
    other (faster than case by case), so memory stays bounded whatever the stream's length.
    The reports are those :func:`evaluate` gives, in the same order; when a case is
    malformed (a mapping's error names it: ``cases[7].extraction.fee``), or a rule cannot
    count it, the reports on the cases before it come first, then the error.
    """
    context = Context.at(as_of, calendar=calendar, readings=readings, schedule=schedule)
    checked = _check_ruleset(ruleset)
    version = _library_version()

    def reports() -> Iterator[Report]:
        numbered = enumerate(cases)
        while True:
            batch: list[MigrationCase] = []
            failure: Exception | None = None
            try:
                for index, case in numbered:
                    batch.append(_as_case(case, f"cases[{index}]"))
                    if len(batch) == _BATCH_SIZE:
                        break
            except Exception as error:  # the reports of the cases before it come first
                failure = error
            yield from _evaluate_in_order(batch, context, checked, version)
            if failure is not None:
                raise failure
            if len(batch) < _BATCH_SIZE:
                return

    return reports()


def _evaluate_in_order(
    batch: list[MigrationCase], context: Context, ruleset: Ruleset, version: str
) -> Iterator[Report]:
    """The reports on ``batch``; should a case make a rule raise, the reports on the cases
    before it come first, as they would one case at a time."""
    reports: Iterable[Report]
    try:
        reports = _evaluate_batch(batch, context, ruleset, version)
    except Exception:  # again one case at a time, lazily: the error comes at its case
        reports = (_evaluate_one(case, context, ruleset, version) for case in batch)
    yield from reports
