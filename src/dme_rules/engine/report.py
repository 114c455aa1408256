"""The :class:`Report`: every finding on one subject at one instant, and its outputs."""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import attrs

from dme_rules.engine import _speed
from dme_rules.engine.citations import Citation, cited
from dme_rules.engine.context import Context
from dme_rules.engine.fhir import operation_outcome
from dme_rules.engine.findings import NO_DETAILS, Finding, jsonable
from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.engine.kinds import CLOCK_PATTERN, DATE_PATTERN
from dme_rules.engine.messages import check_language
from dme_rules.engine.presentation import (
    report_heading,
    report_html,
    report_lines,
    report_verdict,
    table_headings,
)
from dme_rules.engine.ruleset import Ruleset
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject
from dme_rules.engine.time import instant_text
from dme_rules.errors import InvalidArgumentError, UnknownRuleError

__all__ = ["RECORD_COLUMNS", "REPORT_SCHEMA", "Report", "checked_indent"]

#: The columns of :meth:`Report.to_records`, in order.
RECORD_COLUMNS = (
    "case_id", "as_of", "case_status", "rule_id", "rule_version", "status", "obligated_party",
    "due", "act_on", "days_late", "business_days_late", "days_left", "business_days_left",
    "amount", "cap", "interpretation", "readings", "reason", "missing", "message",
)  # fmt: skip


_NULLABLE_INTEGER = {"type": ["integer", "null"]}
_NULLABLE_TEXT = {"type": ["string", "null"]}
_AMOUNT = {"type": ["string", "null"], "pattern": "^[0-9]+(\\.[0-9]+)?$"}
_WHEN = {  # a date, or an instant with its offset (the BCH's clock)
    "type": ["string", "null"],
    "pattern": f"^{DATE_PATTERN}({CLOCK_PATTERN})?$",
}
_DIGEST = {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"}


def _closed(properties: dict[str, Any], **more: Any) -> dict[str, Any]:
    """An object with exactly these keys, every one present."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        **more,
    }


#: The JSON Schema (draft 2020-12) of a report's JSON (:meth:`Report.to_dict`).
REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "dme_rules report",
    "description": "Every finding of the rules on one subject at one instant.",
    **_closed(
        {
            "case_id": _NULLABLE_TEXT,
            "as_of": {"type": "string", "pattern": _WHEN["pattern"]},
            "library_version": {"type": "string"},
            "status": {"$ref": "#/$defs/status"},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "decision": _closed(
                {
                    "input_digest": _DIGEST,
                    "ruleset_digest": _DIGEST,
                    "calendar": {"type": "string"},
                    "library_version": {"type": "string"},
                }
            ),
        }
    ),
    "$defs": {
        "status": {"type": "string", "enum": [status.value for status in Status]},
        "finding": _closed(
            {
                "rule_id": {"type": "string"},
                "rule_version": _NULLABLE_TEXT,
                "status": {"$ref": "#/$defs/status"},
                "obligated_party": {"type": "string"},
                "due": _WHEN,
                "act_on": _WHEN,
                "days_late": _NULLABLE_INTEGER,
                "business_days_late": _NULLABLE_INTEGER,
                "days_left": _NULLABLE_INTEGER,
                "business_days_left": _NULLABLE_INTEGER,
                "amount": _AMOUNT,
                "cap": _AMOUNT,
                "interpretation": _NULLABLE_TEXT,
                "readings": {"type": "array", "items": {"type": "string"}},
                "reason": _NULLABLE_TEXT,
                "message": {"type": "string"},
                "citations": {"type": "array", "items": {"$ref": "#/$defs/citation"}},
                "details": {"type": "object"},
            }
        ),
        "citation": _closed(
            {
                key: {"type": "string"}
                for key in ("document", "issuer", "date", "section", "quote_fr")
            }
        ),
    },
}


#: The JSON text of each tuple of citations or readings met in a finding of a report, by the
#: writer (one for each indent) and the identities of the tuple and of its items, with the
#: tuple: a rule version's citations and readings are the same objects in every finding,
#: though some rules gather its citations in a new tuple for each (see :func:`cited`).
_TEXTS: dict[tuple[int, int] | tuple[int, tuple[int, ...]], tuple[tuple[Any, ...], str]] = {}


def _kept_text(
    items: tuple[Any, ...], pieces: _speed.JsonPieces, write: Callable[[Any, Any], str]
) -> str:
    """``write(items, pieces)``, the JSON text of a tuple of citations or readings in a finding
    of a report, written once for the same items (a tuple never changes, nor do its citations
    and ids; other items, which might, are written afresh each time)."""
    if type(items) is not tuple:  # a list could change: written afresh each time
        return write(items, pieces)
    found = _TEXTS.get((id(pieces), id(items)))
    if found is not None and found[0] is items:
        return found[1]
    key = (id(pieces), tuple(map(id, items)))
    found = _TEXTS.get(key)
    if found is not None and all(map(operator.is_, found[0], items)):
        return found[1]
    text = write(items, pieces)
    if all(type(item) in _UNCHANGING for item in items):
        if len(_TEXTS) >= 4096:
            _TEXTS.clear()
        _TEXTS[key] = _TEXTS[id(pieces), id(items)] = (items, text)
    return text


def _readings_json(readings: Any, pieces: _speed.JsonPieces) -> str:
    return pieces.value(list(readings), 3)


def _citations_json(citations: Any, pieces: _speed.JsonPieces) -> str:
    return pieces.value(list(cited(citations)), 3)


#: The items whose text never changes: a reading's id, a citation (frozen, and so are its
#: document and strings).
_UNCHANGING = frozenset({str, Citation})


#: The keys of a report's JSON (:meth:`Report.to_dict`), in order.
_REPORT_KEYS = ("case_id", "as_of", "library_version", "status", "findings", "decision")
#: The keys of a finding's JSON (:meth:`Finding.to_dict`), in order.
_FINDING_KEYS = (
    "rule_id", "rule_version", "status", "obligated_party", "due", "act_on", "days_late",
    "business_days_late", "days_left", "business_days_left", "amount", "cap", "interpretation",
    "readings", "reason", "message", "citations", "details",
)  # fmt: skip


def _finding_json(finding: Finding, message: str, pieces: _speed.JsonPieces, form: str) -> str:
    """A finding's JSON text in a report's: the text of :meth:`Finding.to_dict` at its level
    (``form``, its keys' form), each value written as the encoder writes it
    (:meth:`JsonPieces.value`; a date's ISO text needs no escape), its readings and citations
    once for each tuple met."""
    (rule_id, version, status, party, due, act_on, days_late, business_days_late, days_left,
     business_days_left, amount, cap, interpretation, readings, citations,
     details) = finding  # fmt: skip
    value = pieces.value
    return form.format(
        value(rule_id, 3),
        "null" if version is None else value(version, 3),
        value(status.value, 3),
        value(party, 3),
        _when_json(due, value),
        _when_json(act_on, value),
        "null" if days_late is None else value(days_late, 3),
        "null" if business_days_late is None else value(business_days_late, 3),
        "null" if days_left is None else value(days_left, 3),
        "null" if business_days_left is None else value(business_days_left, 3),
        "null" if amount is None else value(jsonable(amount), 3),
        "null" if cap is None else value(jsonable(cap), 3),
        "null" if interpretation is None else value(interpretation, 3),
        _kept_text(readings, pieces, _readings_json),
        "null" if details is NO_DETAILS else value(details.get("reason"), 3),
        value(message, 3),
        _kept_text(citations, pieces, _citations_json),
        "{}" if details is NO_DETAILS else value(jsonable(details), 3),
    )


def _when_json(when: Any, value: Any) -> str:
    """A finding's date or instant as JSON text."""
    if when is None:
        return "null"
    if type(when) is date:
        return '"' + when.isoformat() + '"'
    return value(jsonable(when), 3)  # type: ignore[no-any-return]


def checked_indent(indent: object) -> int | None:
    """``indent`` for JSON text: None (compact) or a non-negative int.

    Raises:
        InvalidArgumentError: Anything else.
    """
    if indent is None or (
        isinstance(indent, int) and not isinstance(indent, bool) and 0 <= indent <= 16
    ):
        return indent
    raise InvalidArgumentError(
        "indent",
        "None or an integer from 0 to 16",
        indent,
        expected_fr="None ou un entier de 0 à 16",
    )


@attrs.frozen
class Report:
    """Every finding of a ruleset on one subject at one instant.

    Attributes:
        case_id: The subject's id (a case id; ``None`` for a subject that has none).
        as_of: The instant of the evaluation.
        status: The worst of the findings' statuses (violation > insufficient_data > pending >
            compliant > not_applicable).
        findings: The findings, in the ruleset's order.
        library_version: The version of dme_rules that produced the report.
        calendar: The id of the business calendar used.
        case: The subject evaluated (for the decision record).
        ruleset: The rules applied (for the decision record).
        jurisdiction: The subject's jurisdiction (for the words of the report).
        context: The circumstances of the evaluation (calendar, readings, schedule), to
            explain it.
    """

    case_id: str | None
    as_of: datetime
    status: Status
    findings: tuple[Finding, ...]
    library_version: str
    calendar: str
    case: Subject = attrs.field(eq=False, repr=False)
    ruleset: Ruleset = attrs.field(eq=False, repr=False)
    jurisdiction: Jurisdiction = attrs.field(eq=False, repr=False)
    context: Context | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def subject(self) -> Subject:
        """The subject evaluated (a migration case, consent answers…)."""
        return self.case

    def decision(self) -> dict[str, str]:
        """What makes the evaluation reproducible: digests of the input and of the law applied,
        the calendar and the library version."""
        return {
            "input_digest": "sha256:"
            + hashlib.sha256(self.case.to_json().encode("utf-8")).hexdigest(),
            "ruleset_digest": self.ruleset.digest(self.case.reference_date),
            "calendar": self.calendar,
            "library_version": self.library_version,
        }

    def finding(self, rule_id: str) -> Finding:
        """The first finding of the rule ``rule_id``.

        Raises:
            UnknownRuleError: No finding has that rule id (also a KeyError).
        """
        for finding in self.findings:
            if finding.rule_id == rule_id:
                return finding
        raise UnknownRuleError(rule_id, dict.fromkeys(f.rule_id for f in self.findings))

    def message(self, finding: Finding, lang: str = "fr") -> str:
        """``finding`` in one sentence in ``lang``, its rule taken from the rules applied
        (a rule of the caller's keeps its title and notes)."""
        if not isinstance(finding, Finding):
            raise InvalidArgumentError("finding", "a Finding", finding, expected_fr="un Finding")
        return self.jurisdiction.describer(lang, self.ruleset)(finding)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The JSON form: the subject, the instant, the verdict, every finding and the decision
        record (:data:`REPORT_SCHEMA`); messages in ``lang``."""
        describe = self.jurisdiction.describer(lang, self.ruleset)
        return {
            "case_id": self.case_id,
            "as_of": instant_text(self.as_of),
            "library_version": self.library_version,
            "status": self.status.value,
            "findings": [
                finding.to_dict(lang, message=describe(finding)) for finding in self.findings
            ],
            "decision": self.decision(),
        }

    def to_json(self, lang: str = "fr", *, indent: int | None = None) -> str:
        """The JSON text of :meth:`to_dict`; the same report gives the same bytes.

        Compact by default; ``indent=2`` for people.
        """
        check_language(lang)
        # The text json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent) writes,
        # written by parts: each rule version's citations are written once.
        pieces = _speed.json_pieces(checked_indent(indent))
        as_of = instant_text(self.as_of)
        describe = self.jurisdiction.describer(lang, self.ruleset)
        form = pieces.form(_FINDING_KEYS, 2)
        findings = [
            _finding_json(finding, describe(finding), pieces, form) for finding in self.findings
        ]
        return pieces.form(_REPORT_KEYS, 0).format(
            pieces.value(self.case_id, 1),
            pieces.value(as_of, 1),
            pieces.value(self.library_version, 1),
            pieces.value(self.status.value, 1),
            pieces.array(findings, 1),
            pieces.value(self.decision(), 1),
        )

    def to_records(self, lang: str = "fr") -> list[dict[str, Any]]:
        """One flat row per finding, for tables and pandas: the case, the verdict and the
        finding's fields (dates, Decimals and ints as they are), the message in ``lang``."""
        describe = self.jurisdiction.describer(lang, self.ruleset)
        return [
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
                "readings": ";".join(finding.readings),
                "reason": finding.reason,
                "missing": finding.details.get("missing"),
                "message": describe(finding),
            }
            for finding in self.findings
        ]

    def explain(self, rule_id: str, lang: str = "fr") -> list[str]:
        """How each finding of the rule ``rule_id`` came about, one line per step with the
        legal basis of each (request instant, its local date, the official start and the
        days off skipped, day N, the extension…), the finding's sentence last; in ``lang``.

        Raises:
            UnknownRuleError: The report has no finding of ``rule_id`` (also a KeyError).
            InvalidArgumentError: ``lang`` is not ``fr`` or ``en``.
        """
        check_language(lang)
        findings = [finding for finding in self.findings if finding.rule_id == rule_id]
        if not findings:
            raise UnknownRuleError(rule_id, dict.fromkeys(f.rule_id for f in self.findings))
        pack = self.jurisdiction
        rule = self.ruleset.get(rule_id) or pack.rules.get(rule_id)
        say = pack.messages.speaker(lang, pack.zone)
        context = self.context or pack.context(self.as_of)
        lines = []
        for finding in findings:
            steps = rule.explain(finding, self.case, context) if rule is not None else []
            lines += [f"- {say(code, **values)}" for code, values in steps]
            lines.append(self.message(finding, lang))
        return lines

    def to_fhir(self, lang: str = "fr") -> dict[str, Any]:
        """An HL7 FHIR R4 OperationOutcome: one issue per finding that is not compliant."""
        pack, rules = self.jurisdiction, self.ruleset
        return operation_outcome(
            self.case_id,
            self.findings,
            lang,
            messages=pack.messages,
            title=lambda rule_id, lang: pack.rule_title(rule_id, lang, rules),
            message=self.message,
        )

    def _table(self, lang: str) -> tuple[str, tuple[str, ...], list[tuple[str, ...]], str]:
        """The parts of the report's table in ``lang``: heading, column headings, a row per
        finding, verdict."""
        check_language(lang)
        pack = self.jurisdiction
        messages = pack.messages
        return (
            report_heading(self.case_id, self.as_of, lang, messages=messages, zone=pack.zone),
            table_headings(messages, lang),
            [pack.row(finding, lang, self.ruleset) for finding in self.findings],
            report_verdict(self.status, lang, messages),
        )

    def lines(self, lang: str = "fr", *, note: str = "") -> list[str]:
        """The report as a terminal shows it: a heading (with ``note`` after it), a table of
        the findings, the verdict last."""
        if not isinstance(note, str):
            raise InvalidArgumentError("note", "a string", note, expected_fr="une chaîne")
        heading, headings, rows, verdict = self._table(lang)
        return report_lines(heading + note, headings, rows, verdict)

    def _repr_html_(self, lang: str = "fr") -> str:
        """The findings as an HTML table with the verdict (shown by notebooks)."""
        return report_html(*self._table(lang))

    def __str__(self) -> str:
        return "\n".join(self.lines())
