"""The engine: rules, subjects, findings and evaluation, for any jurisdiction.

The engine knows no jurisdiction. Jurisdiction packs (:mod:`dme_rules.jurisdictions`) build
on it: they declare calendars, readings, subjects, rules and messages with these types, and
the engine evaluates a subject with the rules of its jurisdiction.

Each module imports only those before it in this order (``docs/explanation/architecture.md``
draws it; a test holds the code to it): the shapes of JSON answers (:mod:`.shapes`); time and
calendars (:mod:`.time`, :mod:`.calendar`, :mod:`.clock`); words (:mod:`.messages`); values
(:mod:`.status`, :mod:`.readings`, :mod:`.citations`, :mod:`.context`); the packs as the engine
sees them (:mod:`.registry`); findings and subjects (:mod:`.findings`, :mod:`.jsonform`,
:mod:`.kinds`, :mod:`.subjects`, :mod:`.json_schema`); rules (:mod:`.versions`, :mod:`.dated`,
:mod:`.deadlines`, :mod:`.rule`, :mod:`.ruleset`); outputs and packs (:mod:`.presentation`,
:mod:`.features`, :mod:`.jurisdiction`, :mod:`.fhir`, :mod:`.report`); :mod:`.evaluation`.
"""

from __future__ import annotations

from dme_rules.engine.calendar import FIRST_YEAR, LAST_YEAR, BusinessCalendar, Holiday
from dme_rules.engine.citations import Citation, Document
from dme_rules.engine.clock import WHOLE_DAY, BusinessClock, OfficeSchedule
from dme_rules.engine.context import Context
from dme_rules.engine.evaluation import evaluate, evaluate_many
from dme_rules.engine.findings import Finding
from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.engine.messages import LANGUAGES, Messages
from dme_rules.engine.readings import Reading
from dme_rules.engine.report import Report
from dme_rules.engine.rule import Rule
from dme_rules.engine.ruleset import Ruleset
from dme_rules.engine.sensitivity import FindingSensitivity, Sensitivity, sensitivity
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject
from dme_rules.engine.time import as_instant, end_of_day_in, local_date, months_after
from dme_rules.engine.versions import Period, RuleVersion

__all__ = [
    "FIRST_YEAR",
    "LANGUAGES",
    "LAST_YEAR",
    "WHOLE_DAY",
    "BusinessCalendar",
    "BusinessClock",
    "Citation",
    "Context",
    "Document",
    "Finding",
    "FindingSensitivity",
    "Holiday",
    "Jurisdiction",
    "Messages",
    "OfficeSchedule",
    "Period",
    "Reading",
    "Report",
    "Rule",
    "RuleVersion",
    "Ruleset",
    "Sensitivity",
    "Status",
    "Subject",
    "as_instant",
    "end_of_day_in",
    "evaluate",
    "evaluate_many",
    "local_date",
    "months_after",
    "sensitivity",
]
