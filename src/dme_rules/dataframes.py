"""Reports as a pandas DataFrame, for notebooks (pandas is an optional extra)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dme_rules.engine.report import RECORD_COLUMNS, Report
from dme_rules.errors import DmeRulesError, InvalidArgumentError

__all__ = ["reports_to_dataframe"]


#: The columns of day counts: integers, empty when none (pandas' nullable ``Int64``).
_DAY_COLUMNS = ("days_late", "business_days_late", "days_left", "business_days_left")


def reports_to_dataframe(reports: Iterable[Report], lang: str = "fr") -> Any:
    """One row per finding of every report (``Report.to_records``), as a pandas DataFrame.

    Reports may come from a generator (``evaluate_many``); they are read once. The columns
    are :data:`~dme_rules.engine.report.RECORD_COLUMNS`, in order, even for no report; day
    counts are integers (pandas' nullable ``Int64``, ``<NA>`` when none), never ``12.0``.

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
        rows += report.to_records(lang)
    frame = pd.DataFrame.from_records(rows, columns=list(RECORD_COLUMNS))
    return frame.astype({column: "Int64" for column in _DAY_COLUMNS})
