"""Reports as a pandas DataFrame, for notebooks (pandas is an optional extra)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any

from dme_rules.engine.report import RECORD_COLUMNS, Report
from dme_rules.errors import DmeRulesError, InvalidArgumentError

__all__ = ["COLUMNS", "reports_to_dataframe"]

#: The columns of :func:`reports_to_dataframe`, in order; those of
#: :data:`~dme_rules.engine.report.RECORD_COLUMNS` with ``due_at`` right after ``due``, as in
#: the audit's Excel and Parquet tables.
COLUMNS = (
    *RECORD_COLUMNS[: RECORD_COLUMNS.index("due") + 1],
    "due_at",
    *RECORD_COLUMNS[RECORD_COLUMNS.index("due") + 1 :],
)

#: The columns of day counts: integers, empty when none (pandas' nullable ``Int64``).
_DAY_COLUMNS = ("days_late", "business_days_late", "days_left", "business_days_left")
#: The columns of instants: one zone for every pack, UTC.
_INSTANT_COLUMNS = ("as_of", "due_at")
#: The columns of dates: calendar days, in each report's pack's zone.
_DATE_COLUMNS = ("due", "act_on")


def _typed(record: dict[str, Any], zone: tzinfo) -> dict[str, Any]:
    """A record of :meth:`Report.to_records` with ``due`` and ``act_on`` as dates (the local
    date, in the pack's ``zone``, of an instant) and ``due_at`` the due instant, if any."""
    due, act_on = record["due"], record["act_on"]
    return {
        **record,
        "due": due.astimezone(zone).date() if isinstance(due, datetime) else due,
        "due_at": due if isinstance(due, datetime) else None,
        "act_on": act_on.astimezone(zone).date() if isinstance(act_on, datetime) else act_on,
    }


def reports_to_dataframe(reports: Iterable[Report], lang: str = "fr") -> Any:
    """One row per finding of every report (``Report.to_records``), as a pandas DataFrame.

    Reports may come from a generator (``evaluate_many``); they are read once. The columns
    are :data:`COLUMNS`, in order, even for no report. Every column is typed:

    - ``due`` and ``act_on`` are dates (``datetime64``, at midnight, ``NaT`` when none): the
      date itself for a date deadline, the local date in the report's pack's zone for an
      instant (the business-hour clock's due instant, an act's instant);
    - ``due_at`` is the due instant of an hour clock (``NaT`` for a date deadline) and
      ``as_of`` the evaluation's instant, both in UTC, so that reports of several packs share
      one column;
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
