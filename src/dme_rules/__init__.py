"""Quebec EMR (DMÉ) data-migration rules as immutable, versioned, cited rule objects.

The public API is re-exported here; the submodules hold the details:

- :mod:`dme_rules.rules`: the rule catalogue, one module per rule, and the registry ``RULES``;
- :mod:`dme_rules.case`: the migration case and its JSON form;
- :mod:`dme_rules.evaluation`: ``evaluate``, ``evaluate_many`` and the ``Report``;
- :mod:`dme_rules.model`, :mod:`dme_rules.rule`, :mod:`dme_rules.ruleset`: the engine's types;
- :mod:`dme_rules.directory`: the certified EMR directory;
- :mod:`dme_rules.sources`: the documents cited and their quotes;
- :mod:`dme_rules.calendars`: business calendars and business-day arithmetic;
- :mod:`dme_rules.counting`: local dates, official start, N-day periods, business hours;
- :mod:`dme_rules.interpretations`: the named readings of ambiguous phrases;
- :mod:`dme_rules.errors`: the :class:`DmeRulesError` family.
"""

from __future__ import annotations

from importlib.metadata import version as _version

from dme_rules.calendars import (
    FIRST_YEAR,
    LAST_YEAR,
    QUEBEC_CPC,
    QUEBEC_LNT,
    BusinessCalendar,
    EasterChoice,
    Holiday,
    quebec_lnt,
)
from dme_rules.case import (
    Complaint,
    Extraction,
    Import,
    MigrationCalendar,
    MigrationCase,
    Preanalysis,
    ReadOnlyAccess,
    RequestForm,
)
from dme_rules.counting import (
    MONTREAL,
    BusinessClock,
    OfficeSchedule,
    as_instant,
    business_days_after,
    business_hours_between,
    business_hours_due,
    date_of,
    end_of_day,
    months_after,
    official_start,
    period_end,
)
from dme_rules.directory import BCH_ADDRESS, CERTIFIED_SOLUTIONS, Solution, find_solution
from dme_rules.errors import (
    CalendarRangeError,
    DmeRulesError,
    FloatAmountError,
    InvalidArgumentError,
    InvalidCaseError,
    NaiveDatetimeError,
    NotInForceError,
)
from dme_rules.evaluation import Report, evaluate, evaluate_many, ruleset_as_of
from dme_rules.interpretations import (
    BUSINESS_DAY_CLOCK,
    CIVIL_PROCEDURE,
    INTERPRETATIONS,
    OFFICE_HOURS,
    PROCEDURE_2024,
    Interpretation,
)
from dme_rules.model import Context, Finding, Party, RuleVersion, Status
from dme_rules.rule import Rule
from dme_rules.rules import (
    BCH_COMPLAINT_FOLLOW_UP,
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
)
from dme_rules.rules.new_feature_consent import QUESTIONS, Answer, ConsentAnswers, Question
from dme_rules.ruleset import Ruleset
from dme_rules.sources import Citation, Document

__version__: str = _version("dme-rules")

__all__ = [
    "BCH_ADDRESS",
    "BCH_COMPLAINT_FOLLOW_UP",
    "BUSINESS_DAY_CLOCK",
    "CERTIFIED_SOLUTIONS",
    "CIVIL_PROCEDURE",
    "EXTRACTION_DEADLINE",
    "EXTRACTION_FEE_CAP",
    "FIRST_YEAR",
    "IMPORT_DEADLINE",
    "IMPORT_FEE_CAP",
    "INTERPRETATIONS",
    "LAST_YEAR",
    "MIGRATION_CALENDAR",
    "MONTREAL",
    "NEW_FEATURE_CONSENT",
    "OFFICE_HOURS",
    "PREANALYSIS_VALIDATION",
    "PROCEDURE_2024",
    "QUEBEC_CPC",
    "QUEBEC_LNT",
    "QUESTIONS",
    "READ_ONLY_ACCESS",
    "REQUEST_FORM",
    "RULES",
    "SUCCESS_CONFIRMATION",
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
    "FloatAmountError",
    "Holiday",
    "Import",
    "Interpretation",
    "InvalidArgumentError",
    "InvalidCaseError",
    "MigrationCalendar",
    "MigrationCase",
    "NaiveDatetimeError",
    "NotInForceError",
    "OfficeSchedule",
    "Party",
    "Preanalysis",
    "Question",
    "ReadOnlyAccess",
    "Report",
    "RequestForm",
    "Rule",
    "RuleVersion",
    "Ruleset",
    "Solution",
    "Status",
    "__version__",
    "as_instant",
    "business_days_after",
    "business_hours_between",
    "business_hours_due",
    "date_of",
    "end_of_day",
    "evaluate",
    "evaluate_many",
    "find_solution",
    "months_after",
    "official_start",
    "period_end",
    "quebec_lnt",
    "ruleset_as_of",
]
