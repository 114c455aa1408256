"""Subjects: the documents rules read, and their strict JSON form.

A *subject* is the kind of document a rule reads: a Quebec migration case, a physician's
consent answers, a French DMP record. Each is a frozen attrs class that derives from
:class:`Subject`, names its kind (``qc.migration.case``) and declares each field with its
*kind* (:class:`Kind`: a date, an instant, an amount…), which checks Python values, reads JSON
values and writes them back. One mechanism reads every subject strictly: unknown keys,
missing required fields and malformed values are refused with the JSON path of the field
(``$.extraction.fee``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

import attrs

from dme_rules.engine import _speed
from dme_rules.engine._checks import checked_date, plain_decimal
from dme_rules.engine.time import SUPPORTED_YEARS, as_instant
from dme_rules.errors import FloatAmountError, InvalidArgumentError, InvalidCaseError

__all__ = [
    "BOOL",
    "COUNT",
    "DATE",
    "INSTANT",
    "MONEY",
    "TEXT",
    "Kind",
    "Subject",
    "block",
    "fixed_offset",
    "json_schema",
    "key_path",
    "list_of",
    "loads",
    "money",
    "optional",
    "read_fields",
    "required",
    "tuple_or_none",
    "write_fields",
]

S = TypeVar("S", bound="Subject")
T = TypeVar("T")

_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
#: An amount as JSON text: ASCII digits, an optional decimal part; no sign, exponent or space.
_MONEY_TEXT = re.compile(r"[0-9]+(\.[0-9]+)?\Z")
_FIRST, _LAST = SUPPORTED_YEARS
#: The largest amount and the finest fraction an amount may have (a guard against numbers
#: of thousands of digits, which no fee has).
_MONEY_MAX_DIGITS, _MONEY_MAX_DECIMALS = 15, 20
#: The Unicode categories of characters that show nothing on their own: controls, formats
#: (zero-width spaces…), surrogates, private use, unassigned, separators, and marks (a
#: combining accent or a variation selector alone).
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"})
#: Letters and symbols that are drawn blank (Hangul fillers, the blank Braille pattern).
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
#: The largest count (of practitioners): far above any clinic, far below numbers that
#: cannot be written.
_COUNT_MAX = 1_000_000


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

    def refuse(self, path: str) -> InvalidCaseError:
        """The error for a JSON value at ``path`` that is not of this kind."""
        return InvalidCaseError(path, self.expected, expected_fr=self.expected_fr)


def _refuse(kind: str, kind_fr: str, value: object, field: str) -> InvalidArgumentError:
    return InvalidArgumentError(field, kind, value, expected_fr=kind_fr)


# -- the kinds -----------------------------------------------------------------------------


def _check_text(value: object, field: str) -> str:
    if (
        isinstance(value, str)
        and not any("\ud800" <= c <= "\udfff" for c in value)  # a lone surrogate
        and any(c not in _BLANK and unicodedata.category(c) not in _INVISIBLE for c in value)
    ):
        return value
    raise _refuse(
        "a string with at least one visible character and no lone surrogate",
        "une chaîne d'au moins un caractère visible, sans demi-code isolé",
        value,
        field,
    )


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


def _check_bool(value: object, field: str) -> bool:
    if isinstance(value, bool):
        return value
    raise _refuse("true or false", "true ou false", value, field)


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
    raise DATE.refuse(path)


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
        raise INSTANT.refuse(path)
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
            'a decimal string such as "1800.00" or an integer, not a binary float',
            expected_fr='une chaîne décimale comme "1800.00" ou un entier, pas un float binaire',
        )
    raise MONEY.refuse(path)


def _parsed_by(check: Callable[[Any, str], T], kind: Callable[[], Kind]) -> Callable[[Any, str], T]:
    """A JSON parser for kinds whose JSON value is already the Python value."""

    def parse(value: Any, path: str) -> T:
        try:
            return check(value, path)
        except InvalidArgumentError:
            raise kind().refuse(path) from None

    return parse


def _parse_text(value: object, path: str) -> str:
    if _speed.plain_text(value):  # printable ASCII, not only spaces: visible as it stands
        return value  # type: ignore[return-value]
    return _parse_any_text(value, path)


_parse_any_text = _parsed_by(_check_text, lambda: TEXT)

#: A year of the supported years, as a pattern (1900-2200).
_YEAR = "(19[0-9]{2}|2[01][0-9]{2}|2200)"

TEXT: Kind = Kind(
    "a string with at least one visible character and no lone surrogate",
    "une chaîne d'au moins un caractère visible, sans demi-code isolé",
    _check_text,
    _parse_text,
    schema={"type": "string", "pattern": "\\S"},
)
COUNT: Kind = Kind(
    f"an integer from 1 to {_COUNT_MAX:,}",
    f"un entier de 1 à {_COUNT_MAX:,}".replace(",", " "),
    _check_count,
    _parsed_by(_check_count, lambda: COUNT),
    schema={"type": "integer", "minimum": 1, "maximum": _COUNT_MAX},
)
BOOL: Kind = Kind(
    "true or false",
    "true ou false",
    _check_bool,
    _parsed_by(_check_bool, lambda: BOOL),
    schema={"type": "boolean"},
)
DATE: Kind = Kind(
    "a real date written YYYY-MM-DD",
    "une date réelle écrite AAAA-MM-JJ",
    _check_fact_date,
    _speed.remembered(_parse_date),
    date.isoformat,
    schema={"type": "string", "format": "date", "pattern": f"^{_YEAR}-[0-9]{{2}}-[0-9]{{2}}$"},
)
INSTANT: Kind = Kind(
    "an instant with a UTC offset, such as 2025-06-20T16:45:00-04:00",
    "un instant avec décalage UTC, comme 2025-06-20T16:45:00-04:00",
    as_instant,
    _speed.remembered(_parse_instant),
    datetime.isoformat,
    schema={  # no "format": "date-time", which wants seconds the library does not require
        "type": "string",
        "pattern": f"^{_YEAR}" + _INSTANT_TEXT.pattern[len("[0-9]{4}") : -len("\\Z")] + "$",
    },
)
MONEY: Kind = Kind(
    'a non-negative amount: a decimal string such as "1800.00" or an integer',
    'un montant positif ou nul : une chaîne décimale comme "1800.00" ou un entier',
    _check_money,
    _speed.remembered(_parse_money),
    plain_decimal,
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
            raise InvalidCaseError(path, expected, expected_fr=expected_fr)
        return tuple(item.parse(v, f"{path}[{i}]") for i, v in enumerate(value))

    return Kind(
        expected,
        expected_fr,
        check,
        parse,
        lambda v: [item.dump(x) for x in v],
        schema={"type": "array", "items": item.schema},
        block=item.block,
    )


def block(cls: type[Any]) -> Kind:
    """The kind of a nested object read into ``cls`` (a frozen attrs class of fields)."""
    name = cls.__name__

    def check(value: object, field: str) -> Any:
        if isinstance(value, cls):
            return value
        raise _refuse(f"a {name}", f"un {name}", value, field)

    def parse(value: object, path: str) -> Any:
        return read_fields(cls, value, path)

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


# -- generic reading and writing -----------------------------------------------------------


def _json_fields(cls: type[Any]) -> dict[str, attrs.Attribute[Any]]:
    """The init fields of ``cls`` by JSON key (found once per class)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = {
            f.metadata.get("key", f.name): f for f in attrs.fields(cls) if f.init
        }
    return found


_FIELDS: dict[type[Any], dict[str, attrs.Attribute[Any]]] = {}


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def key_path(path: str, key: object) -> str:
    """The path of ``key`` under ``path``: ``$.fee``, or ``$["odd key"]`` (escaped to ASCII)
    for a key that is not a plain name."""
    if isinstance(key, str) and _PLAIN_KEY.match(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key if isinstance(key, str) else str(key))}]"


def read_fields(cls: type[T], data: object, path: str) -> T:
    """Build ``cls`` from the JSON object ``data`` found at ``path``, checking every field.

    Raises:
        InvalidCaseError: A key is unknown, a required field missing, a value malformed.
    """
    if not isinstance(data, Mapping):
        raise InvalidCaseError(path, "an object", expected_fr="un objet")
    values = _speed.read_present(_parsers(cls), data, path)
    if values is _speed.MISS:  # something is wrong: the keys in order name the first error
        values = _read_in_order(cls, data, path)
    return _speed.build(cls, values)  # cls(**values), without checking the values twice


def _parsers(cls: type[Any]) -> _speed.Parsers:
    """Each JSON key's parameter name and parser, and the required keys (once per class)."""
    found = _PARSERS.get(cls)
    if found is None:
        fields = _json_fields(cls)
        found = _PARSERS[cls] = _speed.Parsers(
            {key: (_alias(field), field.metadata["kind"].parse) for key, field in fields.items()},
            tuple(_alias(field) for field in fields.values() if field.default is attrs.NOTHING),
        )
    return found


_PARSERS: dict[type[Any], _speed.Parsers] = {}


def _read_in_order(cls: type[Any], data: Mapping[Any, Any], path: str) -> dict[str, Any]:
    """The values of ``data``'s fields, by parameter name, read key by key in the order of the
    fields: the first unknown key, then the first field that is missing or malformed, raises.
    """
    fields = _json_fields(cls)
    for key in data:
        if not isinstance(key, str) or key not in fields:
            keys = ", ".join(fields)
            raise InvalidCaseError(
                key_path(path, key),
                f"one of the known keys ({keys}); this key is unknown",
                expected_fr=f"une des clés connues ({keys}) ; cette clé est inconnue",
            )
    values = {}
    for key, field in fields.items():
        value = data.get(key)
        if value is None:
            if field.default is attrs.NOTHING:
                raise InvalidCaseError(
                    f"{path}.{key}",
                    f"a value (required): {field.metadata['kind'].expected}",
                    expected_fr=f"une valeur (obligatoire) : {field.metadata['kind'].expected_fr}",
                )
            continue
        values[_alias(field)] = field.metadata["kind"].parse(value, f"{path}.{key}")
    return values


def _alias(field: attrs.Attribute[Any]) -> str:
    """The name of ``field``'s parameter in ``__init__`` (``import_``, ``_private`` →
    ``private``)."""
    return field.alias or field.name


def write_fields(value: Any) -> dict[str, Any]:
    """The JSON object of ``value``, leaving out the fields that are ``None``."""
    written = {}
    for key, name, dump in _writers(type(value)):
        found = getattr(value, name)
        if found is not None:
            written[key] = dump(found)
    return written


def _writers(cls: type[Any]) -> tuple[tuple[str, str, Callable[[Any], Any]], ...]:
    """Each JSON key's attribute name and writer (once per class)."""
    found = _WRITERS.get(cls)
    if found is None:
        found = _WRITERS[cls] = tuple(
            (key, field.name, field.metadata["kind"].dump)
            for key, field in _json_fields(cls).items()
        )
    return found


_WRITERS: dict[type[Any], tuple[tuple[str, str, Callable[[Any], Any]], ...]] = {}


def loads(text: object) -> Any:
    """The JSON value of ``text`` (``str`` or UTF-8 ``bytes``), read strictly: a key given
    twice in one object is refused (a typo must not silently replace a fact), and so is
    nesting deeper than Python can read.

    Raises:
        InvalidCaseError: ``text`` is not such JSON; the message says why.
    """
    if not isinstance(text, (str, bytes, bytearray)):
        raise InvalidCaseError("$", "JSON text (str or bytes)", expected_fr="du texte JSON")
    if not isinstance(text, str):
        try:
            text = bytes(text).decode("utf-8-sig")  # UTF-8, a byte-order mark tolerated
        except UnicodeDecodeError as error:
            where = f"byte {error.start}"
            raise InvalidCaseError(
                "$",
                f"UTF-8 text (not at {where})",
                expected_fr=f"du texte UTF-8 (pas à l'octet {error.start})",
            ) from None
    try:
        return json.loads(text, object_pairs_hook=_speed.unique_keys)
    except _speed.RepeatedKey as error:
        key = json.dumps(error.args[0])
        raise InvalidCaseError(
            "$", f"each key once in an object ({key} is given twice)",
            expected_fr=f"chaque clé une fois par objet ({key} est donnée deux fois)",
        ) from None  # fmt: skip
    except RecursionError:
        raise InvalidCaseError(
            "$", "JSON nested at most a few hundred levels deep",
            expected_fr="du JSON imbriqué sur au plus quelques centaines de niveaux",
        ) from None  # fmt: skip
    except (ValueError, UnicodeDecodeError) as error:
        reason = ascii(str(error))[1:-1]
        raise InvalidCaseError(
            "$", f"valid UTF-8 JSON ({reason})", expected_fr=f"du JSON UTF-8 valide ({reason})"
        ) from None


class Subject:
    """The base of every subject: its kind, its identity and reference date, its JSON form.

    A subclass is a frozen attrs class whose fields are declared with :func:`required` and
    :func:`optional`; it sets :attr:`kind` and implements :attr:`subject_id` and
    :attr:`reference_date`.
    """

    __slots__ = ()  # the subclasses are slotted attrs classes: no __dict__ per subject

    #: The kind of document, as the ``"subject"`` key names it (Quebec's migration case is
    #: ``qc.migration.case``).
    kind: ClassVar[str]

    @property
    def subject_id(self) -> str | None:
        """The subject's own identifier (a case id), or ``None`` when it has none."""
        raise NotImplementedError  # pragma: no cover

    @property
    def reference_date(self) -> date:
        """The date that selects the version of the rules, unless a rule says otherwise."""
        raise NotImplementedError  # pragma: no cover

    #: The JSON path of the fact that dates the subject (its reference date), which an error
    #: of counting past the supported years names.
    reference_field: ClassVar[str] = "$"

    #: Whether the JSON form must carry ``"subject": kind`` (a document that cannot be taken
    #: for the default kind, a Quebec migration case, when the key is missing).
    subject_key_required: ClassVar[bool] = False

    #: The reason a finding gives when the evaluation's instant comes before
    #: :attr:`started_at` (``not_yet_requested`` for a migration request).
    not_started_reason: ClassVar[str] = "not_yet_started"

    @property
    def started_at(self) -> datetime | None:
        """The instant the subject's obligations start (a request's transmission), or
        ``None`` when they have no start: seen at an earlier instant, nothing has started
        and every finding is ``not_applicable`` (:attr:`not_started_reason`)."""
        return None

    @classmethod
    def from_dict(cls: type[S], data: Mapping[str, Any]) -> S:
        """Build the subject from JSON data, checking every field.

        The ``"subject"`` key, optional unless :attr:`subject_key_required`, must name this
        kind.

        Raises:
            InvalidCaseError: A key is unknown, a required field is missing, or a value is
                malformed; the message names its JSON path (``$.extraction.fee``).
        """
        if cls.subject_key_required and isinstance(data, Mapping) and "subject" not in data:
            raise InvalidCaseError(
                "$.subject",
                f'"{cls.kind}" (required)',
                expected_fr=f'"{cls.kind}" (obligatoire)',
            )
        if isinstance(data, Mapping) and "subject" in data:
            if data["subject"] != cls.kind:
                raise InvalidCaseError(
                    "$.subject",
                    f'"{cls.kind}" or no subject key',
                    expected_fr=f'"{cls.kind}" ou aucune clé subject',
                )
            data = {key: value for key, value in data.items() if key != "subject"}
        return read_fields(cls, data, "$")

    @classmethod
    def from_json(cls: type[S], text: str | bytes) -> S:
        """Build the subject from JSON text.

        Raises:
            InvalidCaseError: The text is not JSON (or gives a key twice in an object, or nests
                too deep), or :meth:`from_dict` refuses it.
        """
        return cls.from_dict(loads(text))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; fields that are ``None`` are left out (``subject`` first when the
        kind requires it)."""
        if self.subject_key_required:
            return {"subject": self.kind, **write_fields(self)}
        return write_fields(self)

    def to_json(self) -> str:
        """Canonical JSON text: keys sorted, no spaces, UTF-8 characters kept."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def json_schema(cls: type[Subject]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the subject ``cls``'s JSON form, from its fields'
    kinds: its keys and no other (``subject`` naming its kind), the required ones, each
    value's type, format, pattern and range; each block a definition of its own.

    What a schema cannot say is left to the library, which refuses it when it reads the
    document: a key given twice, a character that shows nothing, an instant whose UTC time
    leaves the supported years, and the facts that cannot be true together (an act before
    the request)."""
    definitions: dict[str, Any] = {}
    document = _object_schema(cls, definitions, subject=cls.kind)
    if cls.subject_key_required:
        document["required"] = ["subject", *document.get("required", [])]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": cls.kind,
        "description": (cls.__doc__ or cls.__name__).strip().splitlines()[0],
        **document,
    }
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def _object_schema(
    cls: type[Any], definitions: dict[str, Any], subject: str | None = None
) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    if subject is not None:
        properties["subject"] = {"const": subject}
    required = []
    for key, field in _json_fields(cls).items():
        kind: Kind = field.metadata["kind"]
        if kind.block is not None and kind.block.__name__ not in definitions:
            definitions[kind.block.__name__] = {}  # taken before it is built: no recursion
            definitions[kind.block.__name__] = _object_schema(kind.block, definitions)
        value = dict(kind.schema)
        if field.default is attrs.NOTHING:
            required.append(key)
        else:  # null is the same as absent
            value = {"anyOf": [value, {"type": "null"}]}
        properties[key] = value
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema
