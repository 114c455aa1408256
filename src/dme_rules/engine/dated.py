"""Dated methods: a rule's logic named for the first day of the period it covers.

A rule writes its logic as methods named ``formula_YYYY_MM`` (or ``formula_YYYY``,
``formula_YYYY_MM_DD``) for the first day they judge, as OpenFisca does; a piece of the
computation that changes on its own date is dated the same way under another family
(``access_until_2024_01``). A version is served by the latest method of a family that starts
on or before its first day (:func:`dated_method`), so that no rule branches on a version
string.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any

__all__ = ["dated_families", "dated_method", "dated_methods"]

#: A dated method's name: its family, then the first day it applies to (``formula_2024_01``;
#: the month and the day may be left out).
_DATED = re.compile(
    r"(?P<family>[a-z][a-z_]*?)_(?P<year>\d{4})(?:_(?P<month>\d{2}))?(?:_(?P<day>\d{2}))?\Z"
)


def _dated_names(cls: type[Any]) -> list[tuple[str, date, str]]:
    """Every dated method of ``cls``: its family, its first day, its name."""
    found = []
    for name in dir(cls):
        match = _DATED.match(name)
        if match is not None:
            start = date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
            found.append((match["family"], start, name))
    return found


def dated_methods(cls: type[Any], family: str) -> tuple[tuple[date, str], ...]:
    """The methods of ``cls`` named ``{family}_YYYY[_MM[_DD]]``, as ``(first day, name)``
    sorted by first day (``formula_2024_01`` starts on 2024-01-01)."""
    return tuple(sorted((start, name) for kind, start, name in _dated_names(cls) if kind == family))


def dated_families(cls: type[Any]) -> list[str]:
    """The families of the dated methods of ``cls``: ``formula`` first, then the others
    (the pieces a formula dates the same way) in alphabetical order."""
    return sorted(
        {family for family, _, _ in _dated_names(cls)},
        key=lambda family: (family != "formula", family),
    )


def dated_method(cls: type[Any], family: str, day: date) -> str | None:
    """The name of the method of ``family`` that serves a version starting on ``day``: the
    latest whose first day is on or before it, or ``None`` when none starts by then."""
    starts = dated_methods(cls, family)
    index = bisect.bisect_right(starts, (day, "~")) - 1
    return starts[index][1] if index >= 0 else None
