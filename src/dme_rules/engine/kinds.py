"""The kinds of a subject's fields: how each is checked in Python, read from JSON, written back.

A subject declares each field with its *kind* (:class:`Kind`: a date, an instant, an
amount…) through :func:`required` and :func:`optional`. The kind checks a Python value (the
attrs validator), parses a JSON value strictly (naming its JSON path when it refuses it),
writes it back, and says its JSON Schema. :func:`list_of` and :func:`block` make the kinds of
lists and nested objects.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from dme_rules.engine import _speed
from dme_rules.engine._checks import checked_date, plain_decimal
from dme_rules.engine.jsonform import read_fields, write_fields, wrong_type
from dme_rules.engine.time import SUPPORTED_YEARS, as_instant, instant_text
from dme_rules.errors import FloatAmountError, InvalidArgumentError, InvalidCaseError

__all__ = [
    "BOOL",
    "COUNT",
    "DATE",
    "INSTANT",
    "MONEY",
    "TEXT",
    "Kind",
    "block",
    "fixed_offset",
    "list_of",
    "money",
    "optional",
    "required",
    "tuple_or_none",
]

T = TypeVar("T")

_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
#: An amount as JSON text: ASCII digits, an optional decimal part; no sign, exponent or space.
_MONEY_TEXT = re.compile(r"[0-9]+(\.[0-9]+)?\Z")
_FIRST, _LAST = SUPPORTED_YEARS
#: The largest amount and the finest fraction an amount may have (a guard against numbers
#: of thousands of digits, which no fee has).
_MONEY_MAX_DIGITS, _MONEY_MAX_DECIMALS = 15, 20
#: The largest count (of practitioners): far above any clinic, far below numbers that
#: cannot be written.
_COUNT_MAX = 1_000_000
#: From this on, not every integer is a float: a JSON number such as 9007199254740993.0 may
#: have been rounded when it was read.
_WHOLE_FLOATS = 2**53
#: What a text field holds: something a person can read (a string of spaces, or of
#: characters that show nothing or cannot be written, such as a lone surrogate, is not).
_VISIBLE_TEXT = "text with at least one visible character and no invalid character"
_VISIBLE_TEXT_FR = "du texte avec au moins un caractère visible et aucun caractère invalide"


@attrs.frozen
class Kind:
    """How one kind of field is checked in Python, read from JSON and written back."""

    expected: str
    expected_fr: str
    check: Callable[[Any, str], Any]  # Python value -> value, or raise naming the field
    parse: Callable[[Any, str], Any]  # JSON value -> Python value, or raise InvalidCaseError
    dump: Callable[[Any], Any] = lambda value: value
    #: The JSON Schema (draft 2020-12) of the JSON value, as far as a schema can say it; a
    #: block's names the class (``{"$ref": "#/$defs/Extraction"}``, with :attr:`block`).
    schema: Mapping[str, Any] = attrs.field(factory=dict)
    #: The class a block kind reads (its schema is a definition of its own), else ``None``.
    block: type[Any] | None = None
    #: The JSON types a value of this kind is written as (``str``, ``int``, ``bool``…; empty:
    #: any), and what such a value is in plain words: a value of another type is refused
    #: saying what was given (« un nombre a été donné ; attendu du texte »).
    json_types: tuple[type[Any], ...] = ()
    plain: str = ""
    plain_fr: str = ""
    #: The converters that give back unchanged (the same object) each value :attr:`parse`
    #: gives, and ``None``: a field of this kind read from JSON need not run them.
    kept_by: tuple[Callable[[Any], Any], ...] = ()

    def refuse(self, path: str, value: object = None) -> InvalidCaseError:
        """The error for the JSON ``value`` at ``path``, which is not of this kind: what was
        given and what was expected when its type is not one of :attr:`json_types`."""
        if self.json_types and not _of_types(value, self.json_types):
            return wrong_type(
                path, value, self.plain or self.expected, self.plain_fr or self.expected_fr
            )
        return InvalidCaseError(path, self.expected, expected_fr=self.expected_fr)


def _of_types(value: object, types: tuple[type[Any], ...]) -> bool:
    """Whether ``value`` is of one of ``types`` (``true`` is not a number, though Python's
    ``bool`` is an ``int``)."""
    if isinstance(value, bool):
        return bool in types
    return isinstance(value, types)


def _refuse(kind: str, kind_fr: str, value: object, field: str) -> InvalidArgumentError:
    return InvalidArgumentError(field, kind, value, expected_fr=kind_fr)


# -- the kinds -----------------------------------------------------------------------------


def _check_text(value: object, field: str) -> str:
    if (
        isinstance(value, str)
        and _VISIBLE.search(value) is not None
        and _LONE_SURROGATE.search(value) is None
    ):
        return value
    raise _refuse(_VISIBLE_TEXT, _VISIBLE_TEXT_FR, value, field)


def _check_fact_date(value: object, field: str) -> date:
    day = checked_date(value, field)
    if _FIRST <= day.year <= _LAST:
        return day
    raise _refuse(
        f"a date in the years {_FIRST}-{_LAST}", f"une date des années {_FIRST} à {_LAST}",
        value, field,
    )  # fmt: skip


def _check_count(value: object, field: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= _COUNT_MAX:
        return value
    raise _refuse(
        f"an integer from 1 to {_COUNT_MAX:,}",
        f"un entier de 1 à {_COUNT_MAX:,}".replace(",", " "),
        value,
        field,
    )


def _whole_number(value: object) -> object:
    """A JSON number with a zero fraction (``4.0``) as the integer it is, as JSON Schema's
    ``integer`` counts it; any other value as it is. From 2**53 on a float no longer holds
    every integer, so such a number stays a float (and is refused)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < _WHOLE_FLOATS:
        return int(value)
    return value


def _parse_count(value: object, path: str) -> int:
    try:
        return _check_count(_whole_number(value), path)
    except InvalidArgumentError:
        raise COUNT.refuse(path, value) from None


def _check_bool(value: object, field: str) -> bool:
    if isinstance(value, bool):
        return value
    raise _refuse("true or false", "true ou false", value, field)


def _parse_bool(value: object, path: str) -> bool:
    if value is True or value is False:
        return value
    raise BOOL.refuse(path, value)


def _check_money(value: object, field: str) -> Decimal:
    if isinstance(value, float):
        raise FloatAmountError(field, value)
    if (
        isinstance(value, Decimal)
        and value.is_finite()
        and value >= 0
        and (value.is_zero() or value.adjusted() < _MONEY_MAX_DIGITS)
        and -_MONEY_MAX_DECIMALS <= int(value.as_tuple().exponent) <= _MONEY_MAX_DIGITS
    ):
        return value
    raise _refuse(
        f"a non-negative Decimal amount under 10^{_MONEY_MAX_DIGITS}, with at most "
        f"{_MONEY_MAX_DECIMALS} decimals",
        f"un montant Decimal positif ou nul, sous 10^{_MONEY_MAX_DIGITS}, d'au plus "
        f"{_MONEY_MAX_DECIMALS} décimales",
        value,
        field,
    )


def _to_money(value: object) -> object:
    """An int amount becomes a Decimal; anything else is left for the check to judge."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def fixed_offset(value: object) -> object:
    """An aware datetime is kept with a fixed UTC offset: the same instant, written as in
    JSON. (A zone such as America/Montreal makes the repeated autumn hour compare unequal to
    the same instant in any other zone.) A time zone that cannot say its offset is left for
    the field's check to refuse."""
    if isinstance(value, datetime) and not isinstance(value.tzinfo, timezone):
        try:
            offset = value.utcoffset()
            if offset is not None:
                return value.replace(tzinfo=timezone(offset))
        except Exception:  # a broken tzinfo: as_instant refuses it, naming the field
            return value
    return value


def tuple_or_none(value: object) -> object:
    """A list becomes a tuple (subjects are immutable); anything else is left to the check."""
    return tuple(value) if isinstance(value, list) else value


def _parse_date(value: object, path: str) -> date:
    if isinstance(value, str) and _DATE_TEXT.match(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise InvalidCaseError(
                path, f"a real date ({value} does not exist)",
                expected_fr=f"une date réelle ({value} n'existe pas)",
            ) from None  # fmt: skip
        if _FIRST <= day.year <= _LAST:
            return day
        raise _out_of_range(path, "date")
    raise DATE.refuse(path, value)


def _out_of_range(path: str, what: str) -> InvalidCaseError:
    what_fr = "une date" if what == "date" else "un instant"
    article = "an" if what == "instant" else "a"
    return InvalidCaseError(
        path,
        f"{article} {what} in the years {_FIRST}-{_LAST}",
        expected_fr=f"{what_fr} des années {_FIRST} à {_LAST}",
    )


_INSTANT_TEXT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})\Z"
)


def _parse_instant(value: object, path: str) -> datetime:
    if not isinstance(value, str) or not _INSTANT_TEXT.match(value):
        raise INSTANT.refuse(path, value)
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidCaseError(
            path, f"a real date and time with a UTC offset ({value} does not exist)",
            expected_fr=f"une date et heure réelles avec décalage UTC ({value} n'existe pas)",
        ) from None  # fmt: skip
    try:
        return as_instant(instant, path)
    except InvalidArgumentError:
        raise _out_of_range(path, "instant") from None


def _parse_money(value: object, path: str) -> Decimal:
    amount: Decimal | None = None
    value = _whole_number(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        amount = Decimal(value)
    elif isinstance(value, str) and _MONEY_TEXT.match(value):
        amount = Decimal(value)  # the pattern admits only plain decimals
    if amount is not None:
        try:
            return _check_money(amount, path)
        except InvalidArgumentError as error:
            raise InvalidCaseError(path, error.expected, expected_fr=error.expected_fr) from None
    if isinstance(value, float):
        raise InvalidCaseError(
            path,
            'a decimal string such as "1800.00" or an integer (a binary float is not exact)',
            expected_fr='un montant en texte comme "1800.00" ou un nombre entier (un nombre à '
            "virgule binaire n'est pas exact)",
            given="a number with a decimal point was given",
            given_fr="un nombre à virgule a été donné",
        )
    raise MONEY.refuse(path, value)


def _parsed_by(check: Callable[[Any, str], T], kind: Callable[[], Kind]) -> Callable[[Any, str], T]:
    """A JSON parser for kinds whose JSON value is already the Python value."""

    def parse(value: Any, path: str) -> T:
        try:
            return check(value, path)
        except InvalidArgumentError:
            raise kind().refuse(path, value) from None

    return parse


def _parse_text(value: object, path: str) -> str:
    if _speed.plain_text(value):  # printable ASCII, not only spaces: visible as it stands
        return value  # type: ignore[return-value]
    return _parse_any_text(value, path)


_parse_any_text = _parsed_by(_check_text, lambda: TEXT)

#: A year of the supported years, as a pattern (1900-2200).
_YEAR = "(19[0-9]{2}|2[01][0-9]{2}|2200)"
#: A real date of the supported years, as a pattern: each month's days, and 29 February of
#: the leap years (every fourth year, 2000 but not 1900, 2100 or 2200).
_REAL_DATE = (
    f"({_YEAR}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    "|02-(0[1-9]|1[0-9]|2[0-8]))"
    "|((19|21)(0[48]|[2468][048]|[13579][26])|20([02468][048]|[13579][26]))-02-29)"
)
#: A time of day and its UTC offset, as the reader of instants takes them.
_TIME_AND_OFFSET = (
    "T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?"
    "(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
)
#: A real date of the supported years, and a time of day with its UTC offset, as patterns
#: (the report's schema writes its dates and instants with them).
DATE_PATTERN = _REAL_DATE
CLOCK_PATTERN = _TIME_AND_OFFSET
#: Text with a visible character, as a pattern: one character that is not a space, a
#: control, an invisible format character (soft hyphen, zero-width and direction marks, word
#: joiners, the byte order mark, tags), a combining mark of the main block, a variation
#: selector, a private use character or a blank letter. The reader and the JSON Schemas use
#: this one pattern, so they agree on every text. (Code points that Unicode has not assigned
#: yet, drawn as a box, count as visible: which are unassigned changes with each Unicode
#: version.) Characters beyond U+FFFF are written in the pattern as themselves, as JSON Schema
#: reads patterns (ECMA-262, Unicode mode).
VISIBLE_TEXT_PATTERN = (
    "[^\\s\\x00-\\x1f\\x7f-\\x9f\\u00ad\\u0300-\\u036f\\u061c\\u115f\\u1160"
    "\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f"
    "\\u2800\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0\\ufff0-\\ufffb\\ue000-\\uf8ff"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef\U000f0000-\U0010ffff]"
)
_VISIBLE = re.compile(VISIBLE_TEXT_PATTERN)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

TEXT: Kind = Kind(
    _VISIBLE_TEXT,
    _VISIBLE_TEXT_FR,
    _check_text,
    _parse_text,
    schema={"type": "string", "pattern": VISIBLE_TEXT_PATTERN},
    json_types=(str,),
    plain="text",
    plain_fr="du texte",
)
COUNT: Kind = Kind(
    f"a whole number from 1 to {_COUNT_MAX:,}",
    f"un nombre entier de 1 à {_COUNT_MAX:,}".replace(",", "\u202f"),
    _check_count,
    _parse_count,
    schema={"type": "integer", "minimum": 1, "maximum": _COUNT_MAX},
    json_types=(int,),
)
BOOL: Kind = Kind(
    "true or false",
    "true ou false",
    _check_bool,
    _parse_bool,
    schema={"type": "boolean"},
    json_types=(bool,),
)
DATE: Kind = Kind(
    "a real date written YYYY-MM-DD",
    "une date réelle écrite AAAA-MM-JJ",
    _check_fact_date,
    _speed.remembered(_parse_date),
    date.isoformat,
    schema={"type": "string", "format": "date", "pattern": f"^{_REAL_DATE}$"},
    json_types=(str,),
    plain="a date as text, written YYYY-MM-DD",
    plain_fr="une date en texte, écrite AAAA-MM-JJ",
)
INSTANT: Kind = Kind(
    "an instant with a UTC offset, such as 2025-06-20T16:45:00-04:00",
    "un instant avec décalage UTC, comme 2025-06-20T16:45:00-04:00",
    as_instant,
    _speed.remembered(_parse_instant),
    instant_text,
    kept_by=(fixed_offset,),  # its instants have a fixed offset (datetime.timezone)
    schema={  # no "format": "date-time", which wants seconds the library does not require
        "type": "string",
        "pattern": f"^{_REAL_DATE}{_TIME_AND_OFFSET}$",
    },
    json_types=(str,),
    plain="an instant as text, such as 2025-06-20T16:45:00-04:00",
    plain_fr="un instant en texte, comme 2025-06-20T16:45:00-04:00",
)
MONEY: Kind = Kind(
    'a non-negative amount: a decimal string such as "1800.00" or an integer',
    'un montant positif ou nul : une chaîne décimale comme "1800.00" ou un entier',
    _check_money,
    _speed.remembered(_parse_money),
    plain_decimal,
    kept_by=(_to_money,),  # its amounts are Decimals
    json_types=(int, str),
    schema={
        "anyOf": [
            {"type": "integer", "minimum": 0, "maximum": 10**_MONEY_MAX_DIGITS - 1},
            {
                "type": "string",
                "pattern": (
                    f"^0*[0-9]{{1,{_MONEY_MAX_DIGITS}}}(\\.[0-9]{{1,{_MONEY_MAX_DECIMALS}}})?$"
                ),
            },
        ]
    },
)


def list_of(item: Kind, expected: str, expected_fr: str) -> Kind:
    """The kind of a list of ``item`` values (a tuple in Python)."""

    def check(value: object, field: str) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            raise _refuse(expected, expected_fr, value, field)
        return tuple(item.check(v, f"{field}[{i}]") for i, v in enumerate(value))

    def parse(value: object, path: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise wrong_type(path, value, expected, expected_fr)
        found = _speed.read_items(item.parse, value, path)
        if found is _speed.MISS:  # an item is refused: read again, each item at its path
            found = tuple(item.parse(v, f"{path}[{i}]") for i, v in enumerate(value))
        return found  # type: ignore[no-any-return]

    return Kind(
        expected,
        expected_fr,
        check,
        parse,
        lambda v: [item.dump(x) for x in v],
        schema={"type": "array", "items": item.schema},
        block=item.block,
        kept_by=(tuple_or_none,),  # its lists are tuples
    )


def block(cls: type[Any]) -> Kind:
    """The kind of a nested object read into ``cls`` (a frozen attrs class of fields)."""
    name = cls.__name__

    def check(value: object, field: str) -> Any:
        if isinstance(value, cls):
            return value
        raise _refuse(f"a {name}", f"un {name}", value, field)

    parse = functools.partial(read_fields, cls)
    return Kind(
        "an object", "un objet", check, parse, write_fields, {"$ref": f"#/$defs/{name}"}, cls
    )


# -- fields --------------------------------------------------------------------------------


def _validator(kind: Kind, nullable: bool) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and nullable:
            return
        kind.check(value, attribute.name.rstrip("_"))

    return validate


def required(kind: Kind, **options: Any) -> Any:
    """A required field of ``kind`` (``options`` go to :func:`attrs.field`)."""
    return attrs.field(validator=_validator(kind, False), metadata={"kind": kind}, **options)


def optional(kind: Kind, *, key: str | None = None, **options: Any) -> Any:
    """An optional field of ``kind``, ``None`` when absent; ``key`` is its JSON key when it
    differs from the attribute's name (``import`` for ``import_``)."""
    metadata: dict[str, Any] = {"kind": kind}
    if key is not None:
        metadata["key"] = key
    return attrs.field(default=None, validator=_validator(kind, True), metadata=metadata, **options)


def money() -> Any:
    """An optional amount: a Decimal, an int becoming one (a float is refused)."""
    return optional(MONEY, converter=_to_money)
