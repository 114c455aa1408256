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
from dme_rules.jurisdictions.qc.counting import date_of, official_start, period_day_one
from dme_rules.jurisdictions.qc.rules.extraction_deadline import EXTRACTION_DEADLINE
from dme_rules.jurisdictions.qc.rules.import_deadline import IMPORT_DEADLINE

__all__ = ["RequestDeadlines", "RequestDeadlinesEntry", "deadlines_of", "request_deadlines"]


class RequestDeadlinesEntry(TypedDict):
    """The JSON of :class:`RequestDeadlines` (``GET /v1/deadlines``)."""

    transmitted_at: IsoInstant
    official_start: IsoDate
    extraction_day_one: IsoDate
    extraction_due: IsoDate
    extraction_interpretation: str
    import_day_one: IsoDate
    import_due: IsoDate
    import_interpretation: str
    calendar: str


@attrs.frozen
class RequestDeadlines:
    """What a request transmitted at :attr:`started_at` sets going: its official start, and
    each deadline with its day 1 and the reading that counted it.

    Attributes:
        started_at: The instant the request was transmitted.
        official_start: The first business day after the request's date, day 1 of the
            procedure's count (``procedure-2024``).
        extraction_day_one: Day 1 of the extraction's period, as its reading counts it.
        extraction_due: The day the extraction is due.
        extraction_reading: The id of the reading that counted it.
        import_day_one: Day 1 of the import's period, as its reading counts it.
        import_due: The day the import is due.
        import_reading: The id of the reading that counted it.
        calendar: The id of the business calendar the counts ran on (the one the reading of
            business days selects).
    """

    started_at: datetime
    official_start: date
    extraction_day_one: date
    extraction_due: date
    extraction_reading: str
    import_day_one: date
    import_due: date
    import_reading: str
    calendar: str

    def rows(self) -> tuple[tuple[str, date, str | None], ...]:
        """Each date as its code, its date and the reading that counted it: day 1 of the
        counts, named by the reading that makes it day 1 (``day_one.procedure-2024``, the
        official start; ``day_one.civil-procedure``, the day after the request), once where
        both counts share it; then each due date."""
        day_ones = {
            (
                f"day_one.{self.extraction_reading}",
                self.extraction_day_one,
                self.extraction_reading,
            ),
            (f"day_one.{self.import_reading}", self.import_day_one, self.import_reading),
        }
        return (
            *sorted(day_ones, key=lambda row: row[1]),
            ("extraction_due", self.extraction_due, self.extraction_reading),
            ("import_due", self.import_due, self.import_reading),
        )

    def rule_of(self, code: str) -> str | None:
        """The rule whose deadline the row ``code`` is (the extraction's, the import's); none
        for a day 1."""
        rules = {"extraction_due": EXTRACTION_DEADLINE.id, "import_due": IMPORT_DEADLINE.id}
        return rules.get(code)

    def to_dict(self) -> RequestDeadlinesEntry:
        """The JSON answer: the instant, the official start, each deadline's day 1, due date
        and reading."""
        return {
            "transmitted_at": self.started_at.isoformat(),
            "official_start": self.official_start.isoformat(),
            "extraction_day_one": self.extraction_day_one.isoformat(),
            "extraction_due": self.extraction_due.isoformat(),
            "extraction_interpretation": self.extraction_reading,
            "import_day_one": self.import_day_one.isoformat(),
            "import_due": self.import_due.isoformat(),
            "import_interpretation": self.import_reading,
            "calendar": self.calendar,
        }


def deadlines_of(transmitted: datetime, readings: Iterable[Reading | str] = ()) -> RequestDeadlines:
    """The deadlines a request transmitted at ``transmitted`` starts; ``readings`` are
    alternatives (values or ids) each deadline uses when its version allows them (the period's
    start and end, the calendar of business days).

    Raises:
        NaiveDatetimeError: ``transmitted`` has no UTC offset.
        InvalidArgumentError: An unknown reading, or two of one topic.
        NotInForceError: No version of a deadline is in force on the request's date.
    """
    sent = as_instant(transmitted, "transmitted")
    requested_on = date_of(sent)
    chosen = check_options(None, reading_values(readings), None)  # type: ignore[arg-type]
    counts: dict[str, Any] = {}
    for name, rule in (("extraction", EXTRACTION_DEADLINE), ("import", IMPORT_DEADLINE)):
        version = rule.version_for(requested_on)
        allowed = [reading for reading in chosen if reading in version.allowed]
        calendar = rule.calendar_of(version, allowed)  # the same for both counts
        reading = version.choice("period-start", allowed)
        counts[f"{name}_day_one"] = period_day_one(requested_on, reading, calendar)
        counts[f"{name}_due"] = rule.due(sent, readings=allowed)
        counts[f"{name}_reading"] = reading.id
    start = official_start(sent, calendar=calendar)
    return RequestDeadlines(sent, start, calendar=calendar.id, **counts)


def request_deadlines(
    transmitted: datetime, readings: Iterable[Reading | str] = ()
) -> dict[str, Any]:
    """The deadlines a request transmitted at ``transmitted`` starts, as JSON:
    ``transmitted_at``, ``official_start`` (the first business day after the request's date),
    each deadline's ``extraction_day_one``/``import_day_one`` and
    ``extraction_due``/``import_due`` (ISO dates), and ``extraction_interpretation`` and
    ``import_interpretation`` (the readings that counted them), and ``calendar`` (the id of
    the business calendar they ran on); :func:`deadlines_of`'s answer.

    Raises:
        NaiveDatetimeError: ``transmitted`` has no UTC offset.
        InvalidArgumentError: An unknown reading, or two of one topic.
    """
    return dict(deadlines_of(transmitted, readings).to_dict())
