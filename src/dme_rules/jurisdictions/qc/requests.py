"""What a new migration request starts: its official start and its deadlines.

A vendor's back-end shows these the moment a request form is sent (``dme-rules deadlines``,
``GET /v1/deadlines``): the first day the procedure counts, and the days the extraction and
the import are due, each with the reading that counted it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from dme_rules.engine.context import check_options
from dme_rules.engine.readings import Reading
from dme_rules.engine.registry import reading_values
from dme_rules.engine.time import as_instant
from dme_rules.jurisdictions.qc.counting import date_of, official_start
from dme_rules.jurisdictions.qc.rules.extraction_deadline import EXTRACTION_DEADLINE
from dme_rules.jurisdictions.qc.rules.import_deadline import IMPORT_DEADLINE

__all__ = ["request_deadlines"]


def request_deadlines(
    transmitted: datetime, readings: Iterable[Reading | str] = ()
) -> dict[str, Any]:
    """The deadlines a request transmitted at ``transmitted`` starts, as JSON:
    ``transmitted_at``, ``official_start``, ``extraction_due`` and ``import_due`` (ISO dates),
    and ``extraction_interpretation`` and ``import_interpretation`` (the readings that counted
    them). ``readings`` are alternatives (values or ids) each deadline uses when its version
    allows them.

    Raises:
        NaiveDatetimeError: ``transmitted`` has no UTC offset.
        InvalidArgumentError: An unknown reading, or two of one topic.
    """
    sent = as_instant(transmitted, "transmitted")
    chosen = check_options(None, reading_values(readings), None)  # type: ignore[arg-type]
    document: dict[str, Any] = {
        "transmitted_at": sent.isoformat(),
        "official_start": official_start(sent).isoformat(),
    }
    for key, rule in (("extraction", EXTRACTION_DEADLINE), ("import", IMPORT_DEADLINE)):
        version = rule.version_for(date_of(sent))
        allowed = [reading for reading in chosen if reading in version.allowed]
        document[f"{key}_due"] = rule.due(sent, readings=allowed).isoformat()
        document[f"{key}_interpretation"] = version.choice("period-start", allowed).id
    return document
