"""The Quebec rule catalogue under its first-edition path: every rule and the registry.

The rules live in :mod:`dme_rules.jurisdictions.qc.rules`, one module per rule; this module
gives them the names the first edition published, ``MIGRATION_CALENDAR`` and
``BCH_COMPLAINT_FOLLOW_UP`` among them (the same rules as ``CALENDAR_CONTENT`` and
``COMPLAINT_FOLLOW_UP``, named after their modules).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dme_rules.engine.rule import Rule
from dme_rules.engine.ruleset import Ruleset
from dme_rules.jurisdictions.qc.rules import RULES
from dme_rules.jurisdictions.qc.rules.calendar_content import CALENDAR_CONTENT
from dme_rules.jurisdictions.qc.rules.complaint_follow_up import COMPLAINT_FOLLOW_UP
from dme_rules.jurisdictions.qc.rules.extraction_deadline import EXTRACTION_DEADLINE
from dme_rules.jurisdictions.qc.rules.extraction_fee_cap import EXTRACTION_FEE_CAP
from dme_rules.jurisdictions.qc.rules.import_deadline import IMPORT_DEADLINE
from dme_rules.jurisdictions.qc.rules.import_fee_cap import IMPORT_FEE_CAP
from dme_rules.jurisdictions.qc.rules.new_feature_consent import NEW_FEATURE_CONSENT
from dme_rules.jurisdictions.qc.rules.preanalysis_validation import PREANALYSIS_VALIDATION
from dme_rules.jurisdictions.qc.rules.read_only_access import READ_ONLY_ACCESS
from dme_rules.jurisdictions.qc.rules.request_form import REQUEST_FORM
from dme_rules.jurisdictions.qc.rules.success_confirmation import SUCCESS_CONFIRMATION

__all__ = [
    "BCH_COMPLAINT_FOLLOW_UP",
    "CALENDAR_CONTENT",
    "COMPLAINT_FOLLOW_UP",
    "EXTRACTION_DEADLINE",
    "EXTRACTION_FEE_CAP",
    "IMPORT_DEADLINE",
    "IMPORT_FEE_CAP",
    "MIGRATION_CALENDAR",
    "NEW_FEATURE_CONSENT",
    "PREANALYSIS_VALIDATION",
    "READ_ONLY_ACCESS",
    "REQUEST_FORM",
    "RULES",
    "SUCCESS_CONFIRMATION",
    "ruleset_as_of",
]

#: The first edition's name of :data:`CALENDAR_CONTENT`.
MIGRATION_CALENDAR = CALENDAR_CONTENT
#: The first edition's name of :data:`COMPLAINT_FOLLOW_UP`.
BCH_COMPLAINT_FOLLOW_UP = COMPLAINT_FOLLOW_UP


def __getattr__(name: str) -> Rule[Any, Any]:
    """A rule of the registry by its name (``EXTRACTION_DEADLINE``): a rule module added to
    the pack is reachable here without being listed above (listing it helps type checkers)."""
    for rule in RULES.values():
        if rule.name == name:
            return rule
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def ruleset_as_of(day: date, ruleset: Ruleset = RULES) -> Ruleset:
    """The rules of ``ruleset`` (the Quebec catalogue by default) in force on ``day``."""
    return ruleset.in_force(day)
