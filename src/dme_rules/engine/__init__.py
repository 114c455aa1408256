"""The engine: rules, subjects, findings and evaluation, for any jurisdiction.

The engine knows no jurisdiction. Jurisdiction packs (:mod:`dme_rules.jurisdictions`) build
on it: they declare calendars, readings, subjects, rules and messages with these types, and
the engine evaluates a subject with the rules of its jurisdiction.

Layers, from the bottom: time and calendars (:mod:`.time`, :mod:`.calendar`, :mod:`.clock`);
words (:mod:`.messages`); values (:mod:`.status`, :mod:`.readings`, :mod:`.citations`,
:mod:`.findings`, :mod:`.subjects`); rules (:mod:`.context`, :mod:`.rule`, :mod:`.ruleset`);
packs (:mod:`.registry`, :mod:`.jurisdiction`); outputs and evaluation (:mod:`.presentation`,
:mod:`.fhir`, :mod:`.report`, :mod:`.evaluation`).
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
from dme_rules.engine.rule import Rule, RuleVersion
from dme_rules.engine.ruleset import Ruleset
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject
from dme_rules.engine.time import as_instant, end_of_day, local_date, months_after

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
    "Holiday",
    "Jurisdiction",
    "Messages",
    "OfficeSchedule",
    "Reading",
    "Report",
    "Rule",
    "RuleVersion",
    "Ruleset",
    "Status",
    "Subject",
    "as_instant",
    "end_of_day",
    "evaluate",
    "evaluate_many",
    "local_date",
    "months_after",
]
