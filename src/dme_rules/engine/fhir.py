"""Findings as an HL7 FHIR R4 ``OperationOutcome``, the form EMR back-ends already read.

One issue per finding that is not compliant: severity ``error`` for a violation, ``warning``
for insufficient data, ``information`` for a pending deadline; code ``business-rule``; the
rule id as a coding; the finding's message as the details text. A report with nothing to
say gets one ``information`` issue saying so (an OperationOutcome needs at least one issue).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from dme_rules.engine.findings import Finding
from dme_rules.engine.messages import Messages, check_language
from dme_rules.engine.status import Status

__all__ = ["RULE_SYSTEM", "operation_outcome"]

#: The coding system of the rule ids in an OperationOutcome.
RULE_SYSTEM = "urn:dme-rules:rule"

_SEVERITY = {
    Status.VIOLATION: "error",
    Status.INSUFFICIENT_DATA: "warning",
    Status.PENDING: "information",
}
_FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}\Z")


def operation_outcome(
    subject_id: str | None,
    findings: Sequence[Finding],
    lang: str,
    *,
    messages: Messages,
    title: Callable[[str, str], str],
    message: Callable[[Finding, str], str],
) -> dict[str, Any]:
    """The findings on one subject as a FHIR R4 OperationOutcome (a JSON-ready dict).

    Args:
        subject_id: The subject's id, the resource's id when FHIR allows it.
        findings: The findings.
        lang: ``fr`` or ``en``.
        messages: The catalogue of the subject's jurisdiction.
        title: The title of a rule by id and language.
        message: A finding's sentence in a language.
    """
    check_language(lang)
    issues: list[dict[str, Any]] = []
    for finding in findings:
        severity = _SEVERITY.get(finding.status)
        if severity is None:
            continue  # compliant and not applicable findings raise no issue
        coding = {
            "system": RULE_SYSTEM,
            "code": finding.rule_id,
            "display": title(finding.rule_id, lang),
        }
        issues.append(
            {
                "severity": severity,
                "code": "business-rule",
                "details": {"coding": [coding], "text": message(finding, lang)},
                "diagnostics": (
                    f"{finding.rule_id} v{finding.rule_version} {finding.status.value} "
                    f"({finding.obligated_party})"
                ),
            }
        )
    if not issues:
        issues.append(
            {
                "severity": "information",
                "code": "informational",
                "details": {"text": messages.template("fhir.nothing_to_report", lang)},
            }
        )
    outcome: dict[str, Any] = {"resourceType": "OperationOutcome"}
    if subject_id is not None and _FHIR_ID.match(subject_id):
        outcome["id"] = subject_id
    outcome["issue"] = issues
    return outcome
