"""Findings as an HL7 FHIR R4 ``OperationOutcome``, the form EMR back-ends already read.

One issue per finding that is not compliant: severity ``error`` for a violation, ``warning``
for insufficient data, ``information`` for a pending deadline; code ``business-rule``; the
rule id as a coding; the finding's message as the details text. A report with nothing to
say gets one ``information`` issue saying so (an OperationOutcome needs at least one issue).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dme_rules.model import INSUFFICIENT_DATA, PENDING, VIOLATION, check_language

if TYPE_CHECKING:
    from dme_rules.evaluation import Report

__all__ = ["RULE_SYSTEM", "report_to_operation_outcome"]

#: The coding system of the rule ids in an OperationOutcome.
RULE_SYSTEM = "urn:dme-rules:rule"

_SEVERITY = {VIOLATION: "error", INSUFFICIENT_DATA: "warning", PENDING: "information"}
_FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}\Z")


def report_to_operation_outcome(report: Report, lang: str = "fr") -> dict[str, Any]:
    """The report as a FHIR R4 OperationOutcome (a JSON-ready dict)."""
    check_language(lang)
    issues: list[dict[str, Any]] = []
    for finding in report.findings:
        severity = _SEVERITY.get(finding.status)
        if severity is None:
            continue  # compliant and not applicable findings raise no issue
        coding = {"system": RULE_SYSTEM, "code": finding.rule_id}
        if finding.rule is not None:
            coding["display"] = finding.rule.title(lang)
        issues.append(
            {
                "severity": severity,
                "code": "business-rule",
                "details": {"coding": [coding], "text": finding.message(lang)},
                "diagnostics": (
                    f"{finding.rule_id} v{finding.rule_version} {finding.status.value} "
                    f"({finding.obligated_party})"
                ),
            }
        )
    if not issues:
        text = "Aucune non-conformité constatée." if lang == "fr" else "No non-compliance found."
        issues.append(
            {"severity": "information", "code": "informational", "details": {"text": text}}
        )
    outcome: dict[str, Any] = {"resourceType": "OperationOutcome"}
    if _FHIR_ID.match(report.case_id):
        outcome["id"] = report.case_id
    outcome["issue"] = issues
    return outcome
