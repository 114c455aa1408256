"""Reports as a pandas DataFrame, for notebooks (pandas is an optional extra)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dme_rules.engine.report import Report
from dme_rules.errors import DmeRulesError

__all__ = ["reports_to_dataframe"]


def reports_to_dataframe(reports: Iterable[Report], lang: str = "fr") -> Any:
    """One row per finding of every report (``Report.to_records``), as a pandas DataFrame.

    Reports may come from a generator (``evaluate_many``); they are read once.

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
    return pd.DataFrame.from_records([row for report in reports for row in report.to_records(lang)])
