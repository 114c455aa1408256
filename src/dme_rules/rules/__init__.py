"""The rule catalogue: one module per rule, and the ordered registry :data:`RULES`."""

from __future__ import annotations

from dme_rules.rules.bch_complaint_follow_up import BCH_COMPLAINT_FOLLOW_UP
from dme_rules.rules.extraction_deadline import EXTRACTION_DEADLINE
from dme_rules.rules.extraction_fee_cap import EXTRACTION_FEE_CAP
from dme_rules.rules.import_deadline import IMPORT_DEADLINE
from dme_rules.rules.import_fee_cap import IMPORT_FEE_CAP
from dme_rules.rules.migration_calendar import MIGRATION_CALENDAR
from dme_rules.rules.new_feature_consent import NEW_FEATURE_CONSENT
from dme_rules.rules.preanalysis_validation import PREANALYSIS_VALIDATION
from dme_rules.rules.read_only_access import READ_ONLY_ACCESS
from dme_rules.rules.request_form import REQUEST_FORM
from dme_rules.rules.success_confirmation import SUCCESS_CONFIRMATION
from dme_rules.ruleset import Ruleset

__all__ = [
    "BCH_COMPLAINT_FOLLOW_UP",
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
]

#: Every rule, in the catalogue's order (SPEC §5), keyed by id.
RULES = Ruleset(
    [
        EXTRACTION_DEADLINE,
        EXTRACTION_FEE_CAP,
        IMPORT_DEADLINE,
        IMPORT_FEE_CAP,
        SUCCESS_CONFIRMATION,
        READ_ONLY_ACCESS,
        REQUEST_FORM,
        PREANALYSIS_VALIDATION,
        MIGRATION_CALENDAR,
        BCH_COMPLAINT_FOLLOW_UP,
        NEW_FEATURE_CONSENT,
    ]
)
