"""Argument checks shared by the public functions: they raise errors naming the field."""

from __future__ import annotations

import decimal
from datetime import date, datetime

from dme_rules.errors import InvalidArgumentError

#: The arithmetic of amounts, whatever the caller's decimal context: exact for every amount
#: a case may hold (under 10^16, at most 20 decimals) times any count of practitioners.
MONEY = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_EVEN, traps=[decimal.InvalidOperation])

_INTEGER_KINDS = {
    None: ("an integer", "un entier"),
    0: ("a non-negative integer", "un entier positif ou nul"),
    1: ("a positive integer", "un entier positif"),
}


def checked_date(value: object, field: str) -> date:
    """Return ``value`` as a plain :class:`datetime.date`, or raise naming ``field``.

    A datetime is refused: its date depends on the time zone.
    """
    if value.__class__ is date:
        return value
    if isinstance(value, date) and not isinstance(value, datetime):
        return date(value.year, value.month, value.day)
    raise InvalidArgumentError(
        field,
        "a datetime.date (not a datetime: take its local date in the jurisdiction's zone)",
        value,
        expected_fr="une datetime.date (pas un datetime : prendre sa date locale dans le fuseau)",
    )


def checked_int(
    value: object, field: str, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return ``value`` if it is an int (not a bool) of at least ``minimum`` (None, 0 or 1)
    and at most ``maximum`` (a bound that keeps date arithmetic within Python's dates)."""
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (minimum is None or value >= minimum)
        and (maximum is None or value <= maximum)
    ):
        return value
    expected, expected_fr = _INTEGER_KINDS[minimum]
    if maximum is not None:
        expected += f" of at most {maximum}"
        expected_fr += f" d'au plus {maximum}"
    raise InvalidArgumentError(field, expected, value, expected_fr=expected_fr)


def plain_decimal(value: decimal.Decimal) -> str:
    """An amount as a plain decimal (``"0.0000000"``, ``"1000"``, never ``"0E-7"`` or
    ``"1E+3"``), which reads back equal; zero has no sign."""
    return format(value.copy_abs() if value.is_zero() else value, "f")
