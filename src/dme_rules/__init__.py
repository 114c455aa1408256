"""EMR (DMÉ) compliance rules as immutable, versioned, cited rule objects.

The library has two layers, each a package:

- :mod:`dme_rules.engine`: the engine, which knows no jurisdiction: rules and their dated
  versions, subjects, findings, reports, calendars, messages, evaluation;
- :mod:`dme_rules.jurisdictions`: the jurisdiction packs, discovered into
  :data:`JURISDICTIONS` (by id: France's DMP, ``fr``, and Quebec, ``qc``).

This module re-exports the public API: the engine's types and Quebec's names as the first
edition published them (``RULES`` is the Quebec registry, ``QUEBEC_CPC`` its default
calendar). The command line is :mod:`dme_rules.cli`; :mod:`dme_rules.dataframes` and
:mod:`dme_rules.plot` need the ``pandas`` and ``plot`` extras, :mod:`dme_rules.testfiles`
(declarative test files in YAML, and their pytest plugin) the ``test-files`` extra.
"""

from __future__ import annotations

from typing import Any

from dme_rules._version import VERSION as __version__
from dme_rules.engine.calendar import FIRST_YEAR, LAST_YEAR, BusinessCalendar, Holiday
from dme_rules.engine.citations import Citation, Document
from dme_rules.engine.clock import BusinessClock, OfficeSchedule
from dme_rules.engine.context import Context
from dme_rules.engine.evaluation import evaluate, evaluate_many
from dme_rules.engine.findings import Finding
from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.engine.messages import Messages
from dme_rules.engine.readings import Reading
from dme_rules.engine.report import Report
from dme_rules.engine.rule import Rule
from dme_rules.engine.ruleset import Ruleset
from dme_rules.engine.sensitivity import FindingSensitivity, Sensitivity, sensitivity
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject
from dme_rules.engine.time import as_instant, months_after
from dme_rules.engine.versions import Period, RuleVersion
from dme_rules.errors import (
    CalendarRangeError,
    DmeRulesError,
    FloatAmountError,
    InvalidArgumentError,
    InvalidCaseError,
    NaiveDatetimeError,
    NotInForceError,
    UnknownRuleError,
)
from dme_rules.jurisdictions import JURISDICTIONS, READINGS
from dme_rules.jurisdictions.qc import QUEBEC
from dme_rules.jurisdictions.qc.calendars import (
    QUEBEC_CPC,
    QUEBEC_INTERPRETATION_ACT,
    QUEBEC_LNT,
    EasterChoice,
    quebec_lnt,
)
from dme_rules.jurisdictions.qc.counting import (
    MONTREAL,
    business_clock,
    business_days_after,
    business_hours_between,
    business_hours_due,
    date_of,
    end_of_day,
    extended_end,
    official_start,
    period_end,
)
from dme_rules.jurisdictions.qc.directory import (
    BCH_ADDRESS,
    CERTIFIED_SOLUTIONS,
    Solution,
    find_solution,
    same_solution,
)
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import (
    BUSINESS_DAY_CLOCK,
    CIVIL_PROCEDURE,
    CLINIC_DELAY_EXTENDS,
    CLINIC_DELAY_NOTED,
    CONFIRM_SAME_DAY,
    CONFIRM_WITHIN_PERIOD,
    CONSENT_ALWAYS,
    CONSENT_IF_THIRD_PARTY,
    COURT_CALENDAR,
    FORM_STARTS_PROCESS,
    INTERPRETATION_ACT,
    LABOUR_STANDARDS_CALENDAR,
    LATER_OF_BOTH,
    NEXT_BUSINESS_DAY,
    NINETY_DAYS,
    OFFICE_HOURS,
    PROCEDURE_2024,
    SCOPE_PRESUMED_STANDARD,
    SCOPE_REQUIRED,
    TRANSMISSION_STARTS_PROCESS,
    UNCONFIRMED_IS_PENDING,
    UNCONFIRMED_IS_VIOLATION,
)
from dme_rules.jurisdictions.qc.subjects import (
    QUESTIONS,
    Answer,
    Complaint,
    ConsentAnswers,
    Extraction,
    Import,
    MigrationCalendar,
    MigrationCase,
    Preanalysis,
    Question,
    ReadOnlyAccess,
    RequestForm,
)
from dme_rules.rules import (
    BCH_COMPLAINT_FOLLOW_UP,
    CALENDAR_CONTENT,
    COMPLAINT_FOLLOW_UP,
    EXTRACTION_DEADLINE,
    EXTRACTION_FEE_CAP,
    IMPORT_DEADLINE,
    IMPORT_FEE_CAP,
    MIGRATION_CALENDAR,
    NEW_FEATURE_CONSENT,
    PREANALYSIS_VALIDATION,
    READ_ONLY_ACCESS,
    REQUEST_FORM,
    RULES,
    SUCCESS_CONFIRMATION,
    ruleset_as_of,
)


def __getattr__(name: str) -> Rule[Any, Any]:
    """A Quebec rule by its constant's name (``EXTRACTION_DEADLINE``), as
    :mod:`dme_rules.rules` finds it: a rule module added to the pack is reachable here without
    being listed above (listing it helps type checkers)."""
    import dme_rules.rules

    try:
        return dme_rules.rules.__getattr__(name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


#: The first edition's name of :class:`Reading`.
Interpretation = Reading
#: The first edition's name of :data:`READINGS` (every reading, by id).
INTERPRETATIONS = READINGS

__all__ = [
    "BCH_ADDRESS",
    "BCH_COMPLAINT_FOLLOW_UP",
    "BUSINESS_DAY_CLOCK",
    "CALENDAR_CONTENT",
    "CERTIFIED_SOLUTIONS",
    "CIVIL_PROCEDURE",
    "CLINIC_DELAY_EXTENDS",
    "CLINIC_DELAY_NOTED",
    "COMPLAINT_FOLLOW_UP",
    "CONFIRM_SAME_DAY",
    "CONFIRM_WITHIN_PERIOD",
    "CONSENT_ALWAYS",
    "CONSENT_IF_THIRD_PARTY",
    "COURT_CALENDAR",
    "EXTRACTION_DEADLINE",
    "EXTRACTION_FEE_CAP",
    "FIRST_YEAR",
    "FORM_STARTS_PROCESS",
    "IMPORT_DEADLINE",
    "IMPORT_FEE_CAP",
    "INTERPRETATIONS",
    "INTERPRETATION_ACT",
    "JURISDICTIONS",
    "LABOUR_STANDARDS_CALENDAR",
    "LAST_YEAR",
    "LATER_OF_BOTH",
    "MIGRATION_CALENDAR",
    "MONTREAL",
    "NEW_FEATURE_CONSENT",
    "NEXT_BUSINESS_DAY",
    "NINETY_DAYS",
    "OFFICE_HOURS",
    "PREANALYSIS_VALIDATION",
    "PROCEDURE_2024",
    "QUEBEC",
    "QUEBEC_CPC",
    "QUEBEC_INTERPRETATION_ACT",
    "QUEBEC_LNT",
    "QUESTIONS",
    "READINGS",
    "READ_ONLY_ACCESS",
    "REQUEST_FORM",
    "RULES",
    "SCOPE_PRESUMED_STANDARD",
    "SCOPE_REQUIRED",
    "SUCCESS_CONFIRMATION",
    "TRANSMISSION_STARTS_PROCESS",
    "UNCONFIRMED_IS_PENDING",
    "UNCONFIRMED_IS_VIOLATION",
    "Answer",
    "BusinessCalendar",
    "BusinessClock",
    "CalendarRangeError",
    "Citation",
    "Complaint",
    "ConsentAnswers",
    "Context",
    "DmeRulesError",
    "Document",
    "EasterChoice",
    "Extraction",
    "Finding",
    "FindingSensitivity",
    "FloatAmountError",
    "Holiday",
    "Import",
    "Interpretation",
    "InvalidArgumentError",
    "InvalidCaseError",
    "Jurisdiction",
    "Messages",
    "MigrationCalendar",
    "MigrationCase",
    "NaiveDatetimeError",
    "NotInForceError",
    "OfficeSchedule",
    "Party",
    "Period",
    "Preanalysis",
    "Question",
    "ReadOnlyAccess",
    "Reading",
    "Report",
    "RequestForm",
    "Rule",
    "RuleVersion",
    "Ruleset",
    "Sensitivity",
    "Solution",
    "Status",
    "Subject",
    "UnknownRuleError",
    "__version__",
    "as_instant",
    "business_clock",
    "business_days_after",
    "business_hours_between",
    "business_hours_due",
    "date_of",
    "end_of_day",
    "evaluate",
    "evaluate_many",
    "extended_end",
    "find_solution",
    "months_after",
    "official_start",
    "period_end",
    "quebec_lnt",
    "ruleset_as_of",
    "same_solution",
    "sensitivity",
]
