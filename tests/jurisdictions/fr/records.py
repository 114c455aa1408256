"""Records for the French DMP's tests: a record built from a few facts, instants in Paris."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from dme_rules.jurisdictions.fr.counting import PARIS
from dme_rules.jurisdictions.fr.subjects import DmpRecord


def paris(text: str) -> datetime:
    """An instant written in Paris local time (``2024-05-03 09:00``)."""
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def paris_noon(day: date) -> datetime:
    """Noon in Paris on ``day``."""
    return datetime.combine(day, time(12), PARIS)


def dmp(**fields: Any) -> DmpRecord:
    """A record ``DMP-T`` with ``fields`` (JSON values), read as a document would be."""
    return DmpRecord.from_dict({"subject": "fr.dmp.record", "record_id": "DMP-T", **fields})
