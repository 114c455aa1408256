"""The document the French DMP's rules read: the record."""

from __future__ import annotations

from dme_rules.jurisdictions.fr.subjects.dmp_record import (
    ABOUT,
    RECIPIENTS,
    Access,
    Deposit,
    DmpRecord,
    EmergencyOpposition,
    Notification,
    Opposition,
)

__all__ = [
    "ABOUT",
    "RECIPIENTS",
    "Access",
    "Deposit",
    "DmpRecord",
    "EmergencyOpposition",
    "Notification",
    "Opposition",
]
