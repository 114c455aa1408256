"""How much a verdict owes to the readings: :func:`sensitivity`.

A reading is a choice between defensible ways of reading a phrase of the sources. An auditor
who signs a verdict wants to know whether it holds whatever the reading, or which reading
would turn it: :func:`sensitivity` evaluates the subject under the chosen readings (the
defaults unless the caller chose others), then under each other reading a rule allows, alone,
and compares each finding's status.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.clock import OfficeSchedule
from dme_rules.engine.evaluation import evaluate
from dme_rules.engine.findings import Finding, jsonable
from dme_rules.engine.messages import check_language
from dme_rules.engine.presentation import report_heading, table_lines
from dme_rules.engine.readings import Reading
from dme_rules.engine.report import Report, checked_indent
from dme_rules.engine.ruleset import Ruleset
from dme_rules.engine.subjects import Subject
from dme_rules.engine.time import instant_text

__all__ = ["FindingSensitivity", "Sensitivity", "sensitivity"]


@attrs.frozen
class FindingSensitivity:
    """One finding under the chosen readings and under each other reading its version allows.

    Attributes:
        finding: The finding under the chosen readings.
        alternatives: Each other reading the finding's version allows, with the finding it
            gives when chosen alone (in the version's order).
    """

    finding: Finding
    alternatives: tuple[tuple[Reading, Finding], ...]

    @property
    def robust(self) -> bool:
        """Whether every reading gives the finding the same status."""
        return all(other.status is self.finding.status for _, other in self.alternatives)

    @property
    def flips(self) -> tuple[str, ...]:
        """The ids of the readings that change the finding's status."""
        return tuple(
            reading.id
            for reading, other in self.alternatives
            if other.status is not self.finding.status
        )

    def to_dict(self) -> dict[str, Any]:
        """``{"rule_id", "status", "due", "robust", "alternatives": [{"reading", "status",
        "due"}]}``: the status and due date under the readings chosen, then under
        each alternative reading the rule's version allows."""
        return {
            "rule_id": self.finding.rule_id,
            "status": self.finding.status.value,
            "due": jsonable(self.finding.due),
            "robust": self.robust,
            "alternatives": [
                {"reading": reading.id, "status": other.status.value, "due": jsonable(other.due)}
                for reading, other in self.alternatives
            ],
        }


@attrs.frozen
class Sensitivity:
    """A subject's findings and how each depends on the readings.

    Attributes:
        report: The report under the chosen readings.
        findings: Each finding of the report with its alternatives, in the report's order.
    """

    report: Report
    findings: tuple[FindingSensitivity, ...]

    @property
    def case_id(self) -> str | None:
        """The subject's id."""
        return self.report.case_id

    @property
    def as_of(self) -> datetime:
        """The instant of the evaluation."""
        return self.report.as_of

    @property
    def robust(self) -> bool:
        """Whether every finding keeps its status under every reading."""
        return all(entry.robust for entry in self.findings)

    def flips(self) -> tuple[str, ...]:
        """The ids of the readings that change at least one status, each once."""
        return tuple(dict.fromkeys(i for entry in self.findings for i in entry.flips))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"case_id", "as_of", "findings": […]}``."""
        return {
            "case_id": self.case_id,
            "as_of": instant_text(self.as_of),
            "findings": [entry.to_dict() for entry in self.findings],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """The JSON text of :meth:`to_dict`."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=checked_indent(indent))

    def lines(self, lang: str = "fr") -> list[str]:
        """The sensitivity as a terminal shows it: a heading, a table (rule, status, robust,
        each other reading with the status it gives), a summary."""
        check_language(lang)
        pack = self.report.jurisdiction
        say = pack.messages.speaker(lang, pack.zone)
        rows = [
            (
                say("table.rule"),
                say("table.status"),
                say("sensitivity.robust"),
                say("sensitivity.alternatives"),
            )
        ]
        for entry in self.findings:
            finding = entry.finding
            others = say("list.separator").join(
                say("sensitivity.alternative", reading=reading.id, status=other.status.label(lang))
                for reading, other in entry.alternatives
            )
            rows.append(
                (
                    pack.rule_title(finding.rule_id, lang, self.report.ruleset),
                    finding.status.label(lang),
                    say("sensitivity.yes" if entry.robust else "sensitivity.no"),
                    others,
                )
            )
        heading = report_heading(
            self.case_id, self.as_of, lang, messages=pack.messages, zone=pack.zone
        )
        summary = say(
            "sensitivity.summary",
            robust=sum(entry.robust for entry in self.findings),
            total=len(self.findings),
            flips=", ".join(self.flips()) or say("sensitivity.none"),
        )
        return [heading, say("sensitivity.title"), "", *table_lines(rows), "", summary]

    def __str__(self) -> str:
        return "\n".join(self.lines())


def sensitivity(
    subject: Subject | Mapping[str, Any],
    as_of: datetime,
    *,
    ruleset: Ruleset | None = None,
    calendar: BusinessCalendar | None = None,
    readings: Iterable[Reading | str] = (),
    schedule: OfficeSchedule | None = None,
) -> Sensitivity:
    """Evaluate ``subject`` under the chosen readings (the defaults unless ``readings`` says
    otherwise), then under each other reading a finding's version allows, alone (in place of
    the chosen reading of its topic), and say for each finding whether its status is robust.

    The arguments are those of :func:`~dme_rules.engine.evaluation.evaluate`.

    >>> from dme_rules import MigrationCase
    >>> case = MigrationCase.from_dict({"case_id": "c", "source_solution": "Omnimed",
    ...     "target_solution": "MYLE", "practitioners": 1, "standard_scope": True,
    ...     "request_transmitted_at": "2025-06-25T10:00:00-04:00",
    ...     "import": {"completed_on": "2025-08-11", "fee": "1500", "confirmed_on": "2025-08-11"}})
    >>> found = sensitivity(case, datetime.fromisoformat("2025-09-01T12:00:00-04:00"))
    >>> imported = next(e for e in found.findings if e.finding.rule_id.endswith("import-deadline"))
    >>> imported.robust, imported.flips
    (False, ('interpretation-act',))
    """
    options: dict[str, Any] = {"ruleset": ruleset, "calendar": calendar, "schedule": schedule}
    base = evaluate(subject, as_of, readings=readings, **options)
    chosen = base.context.readings if base.context is not None else ()
    rules = base.ruleset
    others: dict[Reading, Report] = {}
    per_finding: list[tuple[Finding, tuple[Reading, ...]]] = []
    for finding in base.findings:
        rule = rules.get(finding.rule_id)
        version = rule.version_named(finding.rule_version) if rule else None
        allowed = () if version is None or not finding.readings else version.allowed
        alternatives = tuple(r for r in allowed if r.id not in finding.readings)
        per_finding.append((finding, alternatives))
        for reading in alternatives:
            if reading not in others:
                alone = [r for r in chosen if r.topic != reading.topic] + [reading]
                others[reading] = evaluate(base.subject, as_of, readings=alone, **options)
    entries = []
    for index, (finding, alternatives) in enumerate(per_finding):
        pairs = []
        for reading in alternatives:
            other = others[reading].findings[index]
            # The findings' structure does not depend on the readings: same rule, same place.
            assert other.rule_id == finding.rule_id, (other.rule_id, finding.rule_id)
            pairs.append((reading, other))
        entries.append(FindingSensitivity(finding, tuple(pairs)))
    return Sensitivity(base, tuple(entries))
