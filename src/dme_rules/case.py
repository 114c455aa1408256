"""The migration case: the facts the rules read, and its JSON form (SPEC §6).

A :class:`MigrationCase` is a frozen value. Build it in Python with typed values (dates,
aware datetimes, :class:`~decimal.Decimal` amounts) or from JSON data with
:meth:`MigrationCase.from_dict` / :meth:`MigrationCase.from_json`, which name the JSON path of
any bad field (``$.extraction.fee``). :meth:`MigrationCase.to_dict` gives the same keys back,
leaving out the fields that are ``None``: ``from_dict(case.to_dict()) == case``.

One mechanism serves every block: each field declares its *kind* (a date, an instant, an
amount…), and the kind checks Python values, parses JSON values and writes them back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from dme_rules._validation import checked_date
from dme_rules.counting import as_instant, date_of
from dme_rules.directory import Solution, find_solution, same_solution
from dme_rules.errors import FloatAmountError, InvalidArgumentError, InvalidCaseError

__all__ = [
    "Complaint",
    "Extraction",
    "Import",
    "MigrationCalendar",
    "MigrationCase",
    "Preanalysis",
    "ReadOnlyAccess",
    "RequestForm",
]

T = TypeVar("T")

_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_MONEY_TEXT = re.compile(r"\d+(\.\d+)?\Z")


@attrs.frozen
class _Kind:
    """How one kind of field is checked in Python, read from JSON and written back."""

    expected: str
    expected_fr: str
    check: Callable[[Any, str], Any]  # Python value -> value, or raise naming the field
    parse: Callable[[Any, str], Any]  # JSON value -> Python value, or raise InvalidCaseError
    dump: Callable[[Any], Any] = lambda value: value

    def refuse(self, path: str) -> InvalidCaseError:
        return InvalidCaseError(path, self.expected, expected_fr=self.expected_fr)


def _refuse(kind: str, kind_fr: str, value: object, field: str) -> InvalidArgumentError:
    return InvalidArgumentError(field, kind, value, expected_fr=kind_fr)


# -- the kinds -----------------------------------------------------------------------------


def _check_text(value: object, field: str) -> str:
    if isinstance(value, str) and value.strip():
        return value
    raise _refuse("a non-empty string", "une chaîne non vide", value, field)


def _check_count(value: object, field: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise _refuse("an integer of at least 1", "un entier d'au moins 1", value, field)


def _check_bool(value: object, field: str) -> bool:
    if isinstance(value, bool):
        return value
    raise _refuse("true or false", "true ou false", value, field)


def _check_money(value: object, field: str) -> Decimal:
    if isinstance(value, float):
        raise FloatAmountError(field, value)
    if isinstance(value, Decimal) and value.is_finite() and value >= 0:
        return value
    raise _refuse(
        "a non-negative Decimal amount", "un montant Decimal positif ou nul", value, field
    )


def _to_money(value: object) -> object:
    """An int amount becomes a Decimal; anything else is left for the check to judge."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def _parse_date(value: object, path: str) -> date:
    if isinstance(value, str) and _DATE_TEXT.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise DATE.refuse(path)


def _parse_instant(value: object, path: str) -> datetime:
    if isinstance(value, str) and "T" in value:
        try:
            instant = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if instant.utcoffset() is not None:
                return instant
    raise INSTANT.refuse(path)


def _parse_money(value: object, path: str) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return Decimal(value)
    if isinstance(value, str) and _MONEY_TEXT.match(value):
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            pass
    if isinstance(value, float):
        raise InvalidCaseError(
            path,
            'a decimal string such as "1800.00" or an integer, not a binary float',
            expected_fr='une chaîne décimale comme "1800.00" ou un entier, pas un float binaire',
        )
    raise MONEY.refuse(path)


def _parsed_by(
    check: Callable[[Any, str], T], kind: Callable[[], _Kind]
) -> Callable[[Any, str], T]:
    """A JSON parser for kinds whose JSON value is already the Python value."""

    def parse(value: Any, path: str) -> T:
        try:
            return check(value, path)
        except InvalidArgumentError:
            raise kind().refuse(path) from None

    return parse


TEXT: _Kind = _Kind(
    "a non-empty string",
    "une chaîne non vide",
    _check_text,
    _parsed_by(_check_text, lambda: TEXT),
)
COUNT: _Kind = _Kind(
    "an integer of at least 1",
    "un entier d'au moins 1",
    _check_count,
    _parsed_by(_check_count, lambda: COUNT),
)
BOOL: _Kind = _Kind(
    "true or false", "true ou false", _check_bool, _parsed_by(_check_bool, lambda: BOOL)
)
DATE: _Kind = _Kind(
    "a real date written YYYY-MM-DD",
    "une date réelle écrite AAAA-MM-JJ",
    checked_date,
    _parse_date,
    date.isoformat,
)
INSTANT: _Kind = _Kind(
    "an instant with a UTC offset, such as 2025-06-20T16:45:00-04:00",
    "un instant avec décalage UTC, comme 2025-06-20T16:45:00-04:00",
    as_instant,
    _parse_instant,
    datetime.isoformat,
)
MONEY: _Kind = _Kind(
    'a non-negative amount: a decimal string such as "1800.00" or an integer',
    'un montant positif ou nul : une chaîne décimale comme "1800.00" ou un entier',
    _check_money,
    _parse_money,
    str,
)


def _list_of(item: _Kind, expected: str, expected_fr: str) -> _Kind:
    def check(value: object, field: str) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            raise _refuse(expected, expected_fr, value, field)
        return tuple(item.check(v, f"{field}[{i}]") for i, v in enumerate(value))

    def parse(value: object, path: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise InvalidCaseError(path, expected, expected_fr=expected_fr)
        return tuple(item.parse(v, f"{path}[{i}]") for i, v in enumerate(value))

    return _Kind(expected, expected_fr, check, parse, lambda v: [item.dump(x) for x in v])


def _block(cls: type[Any]) -> _Kind:
    name = cls.__name__

    def check(value: object, field: str) -> Any:
        if isinstance(value, cls):
            return value
        raise _refuse(f"a {name}", f"un {name}", value, field)

    return _Kind(
        "an object", "un objet", check, lambda value, path: _from_dict(cls, value, path), _to_dict
    )


# -- fields --------------------------------------------------------------------------------


def _validator(kind: _Kind, optional: bool) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        kind.check(value, attribute.name.rstrip("_"))

    return validate


def _required(kind: _Kind, **options: Any) -> Any:
    return attrs.field(validator=_validator(kind, False), metadata={"kind": kind}, **options)


def _optional(kind: _Kind, *, key: str | None = None, **options: Any) -> Any:
    metadata: dict[str, Any] = {"kind": kind}
    if key is not None:
        metadata["key"] = key
    return attrs.field(default=None, validator=_validator(kind, True), metadata=metadata, **options)


def _money() -> Any:
    return _optional(MONEY, converter=_to_money)


def _fixed_offset(value: object) -> object:
    """An aware datetime is kept with a fixed UTC offset: the same instant, written as in
    JSON. (A zone such as America/Montreal makes the repeated autumn hour compare unequal to
    the same instant in any other zone.)"""
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is not None and not isinstance(value.tzinfo, timezone):
            return value.replace(tzinfo=timezone(offset))
    return value


def _tuple_or_none(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


# -- generic reading and writing -----------------------------------------------------------


def _json_fields(cls: type[Any]) -> dict[str, attrs.Attribute[Any]]:
    return {f.metadata.get("key", f.name): f for f in attrs.fields(cls) if f.init}


def _from_dict(cls: type[T], data: object, path: str) -> T:
    if not isinstance(data, Mapping):
        raise InvalidCaseError(path, "an object", expected_fr="un objet")
    fields = _json_fields(cls)
    for key in data:
        if key not in fields:
            keys = ", ".join(fields)
            raise InvalidCaseError(
                f"{path}.{key}",
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
        values[field.name.lstrip("_")] = field.metadata["kind"].parse(value, f"{path}.{key}")
    return cls(**values)


def _to_dict(value: Any) -> dict[str, Any]:
    return {
        key: field.metadata["kind"].dump(getattr(value, field.name))
        for key, field in _json_fields(type(value)).items()
        if getattr(value, field.name) is not None
    }


# -- the blocks ----------------------------------------------------------------------------


@attrs.frozen
class Extraction:
    """The current (source) vendor's extraction of the data.

    Attributes:
        delivered_on: When the first complete extraction ("TEST") was delivered.
        fee: What the source vendor charged for the extraction, CAD before taxes.
        confirmed_on: When the vendor confirmed that the extraction succeeded.
    """

    delivered_on: date | None = _optional(DATE)
    fee: Decimal | None = _money()
    confirmed_on: date | None = _optional(DATE)


@attrs.frozen
class Import:
    """The new (target) vendor's import of the data.

    Attributes:
        completed_on: When the imported data went into production (the migration date).
        fee: What the target vendor charged for the import, CAD before taxes.
        confirmed_on: When the vendor confirmed that the import succeeded.
    """

    completed_on: date | None = _optional(DATE)
    fee: Decimal | None = _money()
    confirmed_on: date | None = _optional(DATE)


@attrs.frozen
class Preanalysis:
    """The target vendor's pre-analysis and the clinic's validation of it.

    Attributes:
        submitted_on: When the pre-analysis was submitted to the physician or clinic.
        validated_on: When the physician or clinic validated it.
    """

    submitted_on: date | None = _optional(DATE)
    validated_on: date | None = _optional(DATE)


@attrs.frozen
class ReadOnlyAccess:
    """The physician's read-only access to the old solution after the migration.

    Attributes:
        until: The last day of access (planned or actual).
        fee: What was charged for that access (it must be free).
    """

    until: date | None = _optional(DATE)
    fee: Decimal | None = _money()


@attrs.frozen
class RequestForm:
    """The migration request form.

    Attributes:
        signed: Whether the form was duly filled in and signed.
        clinic_authorization: Whether it carries the written authorization of the clinic
            that holds the contract with the current vendor.
        sent_to: The e-mail addresses it was sent to.
    """

    signed: bool | None = _optional(BOOL)
    clinic_authorization: bool | None = _optional(BOOL)
    sent_to: tuple[str, ...] | None = _optional(
        _list_of(TEXT, "a list of e-mail addresses", "une liste d'adresses courriel"),
        converter=_tuple_or_none,
    )


@attrs.frozen
class MigrationCalendar:
    """The migration calendar the target vendor sends the clinic (procedure 2024, step 3).

    Every attribute is a date the calendar states, ``None`` when it does not state it.
    """

    test_extraction_on: date | None = _optional(DATE)
    preanalysis_start_on: date | None = _optional(DATE)
    preanalysis_end_on: date | None = _optional(DATE)
    preanalysis_submitted_on: date | None = _optional(DATE)
    preanalysis_validated_on: date | None = _optional(DATE)
    flow_analysis_meeting_on: date | None = _optional(DATE)
    quality_control_on: date | None = _optional(DATE)
    validation_sessions_on: tuple[date, ...] | None = _optional(
        _list_of(DATE, "a list of dates written YYYY-MM-DD", "une liste de dates AAAA-MM-JJ"),
        converter=_tuple_or_none,
    )
    quality_approved_on: date | None = _optional(DATE)
    source_cutover_on: date | None = _optional(DATE)
    final_extraction_on: date | None = _optional(DATE)
    production_on: date | None = _optional(DATE)
    data_usable_on: date | None = _optional(DATE)
    access_removed_on: date | None = _optional(DATE)


@attrs.frozen
class Complaint:
    """A complaint to the certification office (BCH) about the migration procedure.

    Attributes:
        filed_at: When the complaint was sent (an aware instant).
        followed_up_at: When the BCH followed it up, if it has.
    """

    filed_at: datetime = _required(INSTANT, converter=_fixed_offset)
    followed_up_at: datetime | None = _optional(INSTANT, converter=_fixed_offset)
    #: The Montreal date of the complaint (derived, cached).
    filed_on: date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "filed_on", date_of(self.filed_at))


@attrs.frozen
class MigrationCase:
    """One request to migrate a clinic's data from one EMR solution to another.

    Only the first five attributes are required; a rule that needs a missing fact reports
    ``insufficient_data`` naming it. Instants are kept with their fixed UTC offset (the same
    instant, written as in JSON).

    Attributes:
        case_id: The case's identifier.
        request_transmitted_at: When the request form was sent (an aware instant).
        source_solution: The current EMR solution (``Omnimed``).
        target_solution: The new EMR solution (``MYLE``).
        practitioners: How many practitioners ("intervenants") the migration covers.
        standard_scope: Whether the migration has the standard scope.
        extraction: The source vendor's extraction.
        import_: The target vendor's import (JSON key ``import``).
        preanalysis: The pre-analysis and its validation.
        read_only_access: The read-only access to the old solution.
        request_form: The request form.
        calendar: The migration calendar.
        complaints: Complaints to the BCH, in the order they were filed.
    """

    case_id: str = _required(TEXT)
    request_transmitted_at: datetime = _required(INSTANT, converter=_fixed_offset)
    source_solution: str = _required(TEXT)
    target_solution: str = _required(TEXT)
    practitioners: int = _required(COUNT)
    standard_scope: bool | None = _optional(BOOL)
    extraction: Extraction | None = _optional(_block(Extraction))
    import_: Import | None = _optional(_block(Import), key="import")
    preanalysis: Preanalysis | None = _optional(_block(Preanalysis))
    read_only_access: ReadOnlyAccess | None = _optional(_block(ReadOnlyAccess))
    request_form: RequestForm | None = _optional(_block(RequestForm))
    calendar: MigrationCalendar | None = _optional(_block(MigrationCalendar))
    complaints: tuple[Complaint, ...] | None = _optional(
        _list_of(_block(Complaint), "a list of complaints", "une liste de plaintes"),
        converter=_tuple_or_none,
    )
    #: The Montreal date of the request (derived, cached).
    requested_on: date = attrs.field(init=False, eq=False, repr=False)
    #: The certified solutions named by source_solution and target_solution, or None when
    #: a name is not in the directory (derived, cached).
    source: Solution | None = attrs.field(init=False, eq=False, repr=False)
    target: Solution | None = attrs.field(init=False, eq=False, repr=False)
    #: Whether source and target are the same product, by normalized name (derived, cached).
    same_solution: bool = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        set_derived = object.__setattr__
        set_derived(self, "requested_on", date_of(self.request_transmitted_at))
        set_derived(self, "source", find_solution(self.source_solution))
        set_derived(self, "target", find_solution(self.target_solution))
        set_derived(
            self, "same_solution", same_solution(self.source_solution, self.target_solution)
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MigrationCase:
        """Build a case from JSON data (SPEC §6 keys), checking every field.

        Raises:
            InvalidCaseError: A key is unknown, a required field is missing, or a value is
                malformed; the message names its JSON path (``$.extraction.fee``).
        """
        return _from_dict(cls, data, "$")

    @classmethod
    def from_json(cls, text: str | bytes) -> MigrationCase:
        """Build a case from JSON text.

        Raises:
            InvalidCaseError: The text is not JSON, or :meth:`from_dict` refuses it.
        """
        try:
            data = json.loads(text)
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidCaseError(
                "$", f"valid JSON ({error})", expected_fr=f"du JSON valide ({error})"
            ) from None
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, with the keys of SPEC §6; fields that are ``None`` are left out."""
        return _to_dict(self)

    def to_json(self) -> str:
        """Canonical JSON text: keys sorted, no spaces, UTF-8 characters kept."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
