"""Quebec EMR (DMÉ) data-migration rules as immutable, versioned, cited rule objects.

The public API is re-exported here; the submodules hold the details:

- :mod:`dme_rules.calendars`: business calendars and business-day arithmetic;
- :mod:`dme_rules.counting`: local dates, official start, N-day periods, business hours;
- :mod:`dme_rules.interpretations`: the named readings of ambiguous phrases;
- :mod:`dme_rules.errors`: the :class:`DmeRulesError` family.
"""

from __future__ import annotations

from importlib.metadata import version as _version

from dme_rules.calendars import (
    FIRST_YEAR,
    LAST_YEAR,
    QUEBEC_CPC,
    QUEBEC_LNT,
    BusinessCalendar,
    EasterChoice,
    Holiday,
    quebec_lnt,
)
from dme_rules.counting import (
    MONTREAL,
    OfficeSchedule,
    as_instant,
    business_days_after,
    business_hours_due,
    date_of,
    end_of_day,
    months_after,
    official_start,
    period_end,
)
from dme_rules.errors import (
    CalendarRangeError,
    DmeRulesError,
    FloatAmountError,
    InvalidArgumentError,
    InvalidCaseError,
    NaiveDatetimeError,
)
from dme_rules.interpretations import (
    BUSINESS_DAY_CLOCK,
    CIVIL_PROCEDURE,
    INTERPRETATIONS,
    OFFICE_HOURS,
    PROCEDURE_2024,
    Interpretation,
)

__version__: str = _version("dme-rules")

__all__ = [
    "BUSINESS_DAY_CLOCK",
    "CIVIL_PROCEDURE",
    "FIRST_YEAR",
    "INTERPRETATIONS",
    "LAST_YEAR",
    "MONTREAL",
    "OFFICE_HOURS",
    "PROCEDURE_2024",
    "QUEBEC_CPC",
    "QUEBEC_LNT",
    "BusinessCalendar",
    "CalendarRangeError",
    "DmeRulesError",
    "EasterChoice",
    "FloatAmountError",
    "Holiday",
    "Interpretation",
    "InvalidArgumentError",
    "InvalidCaseError",
    "NaiveDatetimeError",
    "OfficeSchedule",
    "__version__",
    "as_instant",
    "business_days_after",
    "business_hours_due",
    "date_of",
    "end_of_day",
    "months_after",
    "official_start",
    "period_end",
    "quebec_lnt",
]
