"""A subject's JSON form: strict JSON text, its objects read field by field and written back.

:func:`loads` reads JSON text strictly (a key given twice in one object is refused);
:func:`read_fields` builds a class of fields (a subject or one of its blocks) from a JSON
object, each value read by its field's kind (:mod:`~dme_rules.engine.kinds`), an unknown key,
a missing required field or a malformed value refused with its JSON path; :func:`write_fields`
writes the object back. Each class's fields are looked up once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from dme_rules.engine import _speed
from dme_rules.errors import DmeRulesError, InvalidCaseError

__all__ = [
    "given_words",
    "json_fields",
    "key_path",
    "loads",
    "read_fields",
    "write_fields",
    "wrong_type",
]

T = TypeVar("T")


def json_fields(cls: type[Any]) -> dict[str, attrs.Attribute[Any]]:
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


def given_words(value: object) -> tuple[str, str]:
    """What kind of JSON value ``value`` is, as an error says it was given, in English and
    French (``a number was given``, ``un nombre a été donné``)."""
    if value is None:
        return "null was given", "null a été donné"
    if value is True or value is False:
        shown = "true" if value else "false"
        return f"{shown} was given", f"{shown} a été donné"
    if isinstance(value, float):
        return "a number with a decimal point was given", "un nombre à virgule a été donné"
    if isinstance(value, int):
        return "a number was given", "un nombre a été donné"
    if isinstance(value, str):
        return "text was given", "du texte a été donné"
    if isinstance(value, (list, tuple)):
        return "a list was given", "une liste a été donnée"
    if isinstance(value, Mapping):
        return "an object was given", "un objet a été donné"
    return f"a {type(value).__name__} was given", f"un {type(value).__name__} a été donné"


def wrong_type(path: str, value: object, expected: str, expected_fr: str) -> InvalidCaseError:
    """The error of a JSON value at ``path`` whose type is not the one expected: what was
    given, then what was expected (« un nombre a été donné ; attendu du texte »)."""
    given, given_fr = given_words(value)
    return InvalidCaseError(path, expected, expected_fr=expected_fr, given=given, given_fr=given_fr)


def read_fields(cls: type[T], data: object, path: str) -> T:
    """Build ``cls`` from the JSON object ``data`` found at ``path``, checking every field.

    Raises:
        InvalidCaseError: A key is unknown, a required field missing, a value malformed.
    """
    if type(data) is not dict and not isinstance(data, Mapping):  # a dict, without the ABC
        raise wrong_type(path, data, "an object", "un objet")
    reading = _READINGS.get(cls, _speed.MISS)
    if reading is _speed.MISS:
        reading = _reading(cls)
    if reading is not None:
        found = _speed.read_known(reading, data, path)
        if found is not _speed.MISS:
            return found  # type: ignore[no-any-return]
    # Something is wrong, or the class is not read field by field: the keys in the order of
    # the fields name the first error.
    return _speed.build(cls, _read_in_order(cls, data, path))  # cls(**values), checked once


def _reading(cls: type[Any]) -> _speed.Reading | None:
    """How :func:`~dme_rules.engine._speed.read_known` reads ``cls`` (made once per class and
    kept in :data:`_READINGS`), or ``None`` when it cannot make ``cls`` exactly as
    ``__init__`` does: a field with a default other than ``None``, a converter that may
    change a parsed value, a pre-init."""
    fields = json_fields(cls)
    reading = None
    if not hasattr(cls, "__attrs_pre_init__") and all(
        (field.default is None or field.default is attrs.NOTHING)
        and (field.converter is None or field.converter in field.metadata["kind"].kept_by)
        for field in fields.values()
    ):
        reading = _speed.Reading(
            cls,
            frozenset(fields),
            tuple(
                (key, field.name, field.metadata["kind"].parse, field.default is attrs.NOTHING)
                for key, field in fields.items()
            ),
            getattr(cls, "__attrs_post_init__", None),
        )
    _READINGS[cls] = reading
    return reading


_READINGS: dict[type[Any], _speed.Reading | None] = {}


#: The most errors a reading of one document collects.
MAX_ERRORS = 100


def _read_in_order(cls: type[Any], data: Mapping[Any, Any], path: str) -> dict[str, Any]:
    """The values of ``data``'s fields, by parameter name, read key by key in the order of the
    fields. Every error is collected (up to :data:`MAX_ERRORS`): each unknown key, then each
    field missing or malformed, nested blocks' own included; the first is raised, listing them
    all as its ``errors``.
    """
    fields = json_fields(cls)
    errors: list[DmeRulesError] = []
    for key in data:
        if not isinstance(key, str) or key not in fields:
            keys = ", ".join(fields)
            errors.append(
                InvalidCaseError(
                    key_path(path, key),
                    f"one of the known keys ({keys}); this key is unknown",
                    expected_fr=f"une des clés connues ({keys}) ; cette clé est inconnue",
                )
            )
            if len(errors) >= MAX_ERRORS:
                break
    values = {}
    for key, field in fields.items():
        value = data.get(key)
        if value is None:
            if field.default is attrs.NOTHING:
                errors.append(
                    InvalidCaseError(
                        f"{path}.{key}",
                        f"a value (required): {field.metadata['kind'].expected}",
                        expected_fr="une valeur (obligatoire) : "
                        f"{field.metadata['kind'].expected_fr}",
                    )
                )
            continue
        try:
            values[_alias(field)] = field.metadata["kind"].parse(value, f"{path}.{key}")
        except DmeRulesError as error:
            errors.extend(error.errors)
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise errors[0].listing(errors[:MAX_ERRORS])
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
            for key, field in json_fields(cls).items()
        )
    return found


_WRITERS: dict[type[Any], tuple[tuple[str, str, Callable[[Any], Any]], ...]] = {}


def loads(text: object) -> Any:
    """The JSON value of ``text`` (``str`` or UTF-8 ``bytes``), read strictly: a key given
    twice in one object is refused (a typo must not silently replace a fact), and so is
    nesting deeper than Python can read. orjson decodes it when it is installed and reads it
    as the standard library does.

    Raises:
        InvalidCaseError: ``text`` is not such JSON; the message says why.
    """
    if not isinstance(text, (str, bytes, bytearray)):
        raise InvalidCaseError("$", "JSON text (str or bytes)", expected_fr="du texte JSON")
    found = _speed.decoded(text)  # orjson's reading when it is the same as the one below
    if found is not _speed.MISS:
        return found
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
    text = text.removeprefix("\ufeff")  # a byte-order mark, tolerated as in bytes
    try:
        return json.loads(text, object_pairs_hook=_speed.unique_keys, parse_constant=_constant)
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
    except ValueError as error:
        reason, reason_fr = _unreadable(error)
        raise InvalidCaseError(
            "$", f"valid UTF-8 JSON ({reason})", expected_fr=f"du JSON UTF-8 valide ({reason_fr})"
        ) from None


def _constant(name: str) -> Any:
    """Refuse ``NaN``, ``Infinity`` and ``-Infinity``, which JSON does not have (the standard
    library reads them as floats)."""
    raise ValueError(f"{name} is not a JSON number")


#: Why the standard library's JSON reader refused a text, in French, by the start of its
#: English message.
_WHY_FR = {
    "Expecting value": "une valeur est attendue",
    "Expecting property name enclosed in double quotes": "un nom de clé entre guillemets "
    "droits est attendu",
    "Expecting ':' delimiter": "un deux-points est attendu",
    "Expecting ',' delimiter": "une virgule est attendue",
    "Extra data": "du texte suit la fin du document",
    "Unterminated string": "une chaîne n'est pas fermée",
    "Invalid control character": "un caractère de contrôle dans une chaîne",
    "Invalid \\uXXXX escape": "un échappement \\uXXXX invalide",
    "Invalid \\escape": "un échappement invalide",
    "Illegal trailing comma": "une virgule de trop avant la fin",
}


def _unreadable(error: ValueError) -> tuple[str, str]:
    """Why a text is not JSON, in English and in French: where the reader stopped, and
    why in words (a message of the standard library's, told in French too); an integer too
    long to read; a constant JSON does not have."""
    if isinstance(error, json.JSONDecodeError):
        why = next((fr for en, fr in _WHY_FR.items() if error.msg.startswith(en)), None)
        where = (error.lineno, error.colno)
        said = re.sub(r" (?:starting )?at$", "", error.msg)  # "Unterminated string starting at"
        english = f"{said}, line {where[0]}, column {where[1]}"
        french = f"{why or 'illisible'}, ligne {where[0]}, colonne {where[1]}"
        return english, french
    text = str(error)
    digits = re.search(r"limit \((\d+) digits\)", text)
    if digits:
        return (
            f"an integer of more than {digits.group(1)} digits",
            f"un entier de plus de {digits.group(1)} chiffres",
        )
    constant = re.match(r"(-?\w+) is not a JSON number", text)
    if constant:
        name = constant.group(1)
        return f"{name} is not a JSON number", f"{name} n'est pas un nombre JSON"
    shown = ascii(text)[1:-1]
    return shown, shown
