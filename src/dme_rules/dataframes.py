"""Reports as a pandas DataFrame, for notebooks (pandas is an optional extra)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any

from dme_rules.engine.messages import shown_day
from dme_rules.engine.report import RECORD_COLUMNS, Report
from dme_rules.errors import DmeRulesError, InvalidArgumentError

__all__ = ["COLUMNS", "reports_to_dataframe"]

#: The columns of :func:`reports_to_dataframe`, in order; those of
#: :data:`~dme_rules.engine.report.RECORD_COLUMNS` with ``due_at`` right after ``due`` and
#: ``act_at`` right after ``act_on``, as in the audit's tables.
COLUMNS = (
    *RECORD_COLUMNS[: RECORD_COLUMNS.index("due") + 1],
    "due_at",
    *RECORD_COLUMNS[RECORD_COLUMNS.index("due") + 1 : RECORD_COLUMNS.index("act_on") + 1],
    "act_at",
    *RECORD_COLUMNS[RECORD_COLUMNS.index("act_on") + 1 :],
)

#: The columns of day counts: integers, empty when none (pandas' nullable ``Int64``).
_DAY_COLUMNS = ("days_late", "business_days_late", "days_left", "business_days_left")
#: The columns of instants: one zone for every pack, UTC.
_INSTANT_COLUMNS = ("as_of", "due_at", "act_at")
#: The columns of dates: calendar days, in each report's pack's zone.
_DATE_COLUMNS = ("due", "act_on")


def _typed(record: dict[str, Any], zone: tzinfo) -> dict[str, Any]:
    """A record of :meth:`Report.to_records` with ``due`` and ``act_on`` as the days they are
    shown on in the pack's ``zone`` (:func:`~dme_rules.engine.messages.shown_day`: an instant
    at local 00:00 is 24:00 of the day before), and ``due_at`` and ``act_at`` the instants, if
    any."""
    due, act_on = record["due"], record["act_on"]
    return {
        **record,
        "due": None if due is None else shown_day(due, zone),
        "due_at": due if isinstance(due, datetime) else None,
        "act_on": None if act_on is None else shown_day(act_on, zone),
        "act_at": act_on if isinstance(act_on, datetime) else None,
    }


def reports_to_dataframe(reports: Iterable[Report], lang: str = "fr") -> Any:
    """One row per finding of every report (``Report.to_records``), as a pandas DataFrame.

    Reports may come from a generator (``evaluate_many``); they are read once. The columns
    are :data:`COLUMNS`, in order, even for no report. Every column is typed:

    - ``due`` and ``act_on`` are dates (``datetime64``, at midnight, ``NaT`` when none): the
      date itself for a date deadline, the day an instant is shown on in the report's pack's
      zone for an instant (the business-hour clock's due instant, an act's instant; local
      00:00 is 24:00 of the day before, as the messages say it);
    - ``due_at`` and ``act_at`` are those instants (``NaT`` for dates) and ``as_of`` the
      evaluation's instant, all in UTC, so that reports of several packs share one column;
    - day counts are integers (pandas' nullable ``Int64``, ``<NA>`` when none), never ``12.0``.

    Raises:
        DmeRulesError: pandas is not installed (``pip install 'dme-rules[pandas]'``).
    """
    try:
        import pandas as pd
    except ImportError:
        raise DmeRulesError(
            "reports_to_dataframe needs pandas: pip install 'dme-rules[pandas]' / "
            "reports_to_dataframe a besoin de pandas : pip install 'dme-rules[pandas]'"
        ) from None
    if isinstance(reports, Report) or not isinstance(reports, Iterable):
        raise InvalidArgumentError(
            "reports", "an iterable of Report values", reports,
            expected_fr="un itérable de Report",
        )  # fmt: skip
    rows = []
    for index, report in enumerate(reports):
        if not isinstance(report, Report):
            raise InvalidArgumentError(
                f"reports[{index}]", "a Report", report, expected_fr="un Report"
            )
        zone = report.jurisdiction.zone
        rows += [_typed(record, zone) for record in report.to_records(lang)]
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    for column in _INSTANT_COLUMNS:
        frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
    for column in _DATE_COLUMNS:
        frame[column] = frame[column].astype("datetime64[us]")
    return frame.astype({column: "Int64" for column in _DAY_COLUMNS})
