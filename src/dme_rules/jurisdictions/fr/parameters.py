"""The typed parameters of the French DMP's rule versions: the numbers the law sets."""

from __future__ import annotations

import attrs

__all__ = ["DeferredData", "NoticeDelay", "RetentionPeriod"]


@attrs.frozen
class RetentionPeriod:
    """How long a closed record is kept.

    Attributes:
        years: Years from the closure (L.1111-18: ten).
    """

    years: int


@attrs.frozen
class NoticeDelay:
    """How long after an access its notice may come, under the ``within-24-hours`` reading.

    Attributes:
        hours: Hours of elapsed time after the access, inclusive.
    """

    hours: int


@attrs.frozen
class DeferredData:
    """The two clocks of a datum made inaccessible (R.1111-53).

    Attributes:
        inform_days: Days after the deposit to inform the holder (« deux semaines »: 14).
        open_months: Months after the deposit until the datum becomes accessible (one).
    """

    inform_days: int
    open_months: int
