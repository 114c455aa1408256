"""The documents Quebec's rules read: the migration case and the consent answers."""

from __future__ import annotations

from dme_rules.jurisdictions.qc.subjects.consent_answers import (
    QUESTIONS,
    Answer,
    ConsentAnswers,
    Question,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import (
    Complaint,
    Extraction,
    Import,
    MigrationCalendar,
    MigrationCase,
    Preanalysis,
    ReadOnlyAccess,
    RequestForm,
)

__all__ = [
    "QUESTIONS",
    "Answer",
    "Complaint",
    "ConsentAnswers",
    "Extraction",
    "Import",
    "MigrationCalendar",
    "MigrationCase",
    "Preanalysis",
    "Question",
    "ReadOnlyAccess",
    "RequestForm",
]
