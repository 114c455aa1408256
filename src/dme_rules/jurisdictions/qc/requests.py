"""What a new migration request starts: its official start and its deadlines.

A vendor's back-end shows these the moment a request form is sent (``dme-rules deadlines``,
``GET /v1/deadlines``): the first day the procedure counts, and the days the extraction and
the import are due, each with the reading that counted it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypedDict

import attrs

from dme_rules.engine.context import check_options
from dme_rules.engine.readings import Reading
from dme_rules.engine.registry import reading_values
from dme_rules.engine.shapes import IsoDate, IsoInstant
from dme_rules.engine.time import as_instant
from dme_rules.jurisdictions.qc.counting import date_of, official_start
from dme_rules.jurisdictions.qc.rules.extraction_deadline import EXTRACTION_DEADLINE
from dme_rules.jurisdictions.qc.rules.import_deadline import IMPORT_DEADLINE

__all__ = ["RequestDeadlines", "RequestDeadlinesEntry", "deadlines_of", "request_deadlines"]


class RequestDeadlinesEntry(TypedDict):
    """The JSON of :class:`RequestDeadlines` (``GET /v1/deadlines``)."""

    transmitted_at: IsoInstant
    official_start: IsoDate
    extraction_due: IsoDate
    extraction_interpretation: str
    import_due: IsoDate
    import_interpretation: str


@attrs.frozen
class RequestDeadlines:
    """What a request transmitted at :attr:`started_at` sets going: its official start, and
    each deadline with the reading that counted it.

    Attributes:
        started_at: The instant the request was transmitted.
        official_start: The first day the procedure counts (day 1).
        extraction_due: The day the extraction is due.
        extraction_reading: The id of the reading that counted it.
        import_due: The day the import is due.
        import_reading: The id of the reading that counted it.
    """

    started_at: datetime
    official_start: date
    extraction_due: date
    extraction_reading: str
    import_due: date
    import_reading: str

    def rows(self) -> tuple[tuple[str, date, str | None], ...]:
        """Each date as its code, its date and the reading that counted it."""
        return (
            ("official_start", self.official_start, None),
            ("extraction_due", self.extraction_due, self.extraction_reading),
            ("import_due", self.import_due, self.import_reading),
        )

    def to_dict(self) -> RequestDeadlinesEntry:
        """The JSON answer: the instant, the official start, each deadline and its reading."""
        return {
            "transmitted_at": self.started_at.isoformat(),
            "official_start": self.official_start.isoformat(),
            "extraction_due": self.extraction_due.isoformat(),
            "extraction_interpretation": self.extraction_reading,
            "import_due": self.import_due.isoformat(),
            "import_interpretation": self.import_reading,
        }


def deadlines_of(transmitted: datetime, readings: Iterable[Reading | str] = ()) -> RequestDeadlines:
    """The deadlines a request transmitted at ``transmitted`` starts; ``readings`` are
    alternatives (values or ids) each deadline uses when its version allows them.

    Raises:
        NaiveDatetimeError: ``transmitted`` has no UTC offset.
        InvalidArgumentError: An unknown reading, or two of one topic.
        NotInForceError: No version of a deadline is in force on the request's date.
    """
    sent = as_instant(transmitted, "transmitted")
    chosen = check_options(None, reading_values(readings), None)  # type: ignore[arg-type]
    found: list[Any] = []
    for rule in (EXTRACTION_DEADLINE, IMPORT_DEADLINE):
        version = rule.version_for(date_of(sent))
        allowed = [reading for reading in chosen if reading in version.allowed]
        found += (rule.due(sent, readings=allowed), version.choice("period-start", allowed).id)
    return RequestDeadlines(sent, official_start(sent), *found)


def request_deadlines(
    transmitted: datetime, readings: Iterable[Reading | str] = ()
) -> dict[str, Any]:
    """The deadlines a request transmitted at ``transmitted`` starts, as JSON:
    ``transmitted_at``, ``official_start``, ``extraction_due`` and ``import_due`` (ISO dates),
    and ``extraction_interpretation`` and ``import_interpretation`` (the readings that counted
    them); :func:`deadlines_of`'s answer.

    Raises:
        NaiveDatetimeError: ``transmitted`` has no UTC offset.
        InvalidArgumentError: An unknown reading, or two of one topic.
    """
    return dict(deadlines_of(transmitted, readings).to_dict())
