"""The shapes of the JSON the library writes, and their JSON Schemas, from one declaration.

Code that writes a JSON answer (a rule's catalogue entry, a year's holidays) declares its
shape as a :class:`~typing.TypedDict` and returns it; :func:`schema_of` turns that declaration
into a JSON Schema (draft 2020-12), so that a schema cannot drift from the code that writes
what it describes. A date written as ISO text is :data:`IsoDate`; an instant, :data:`IsoInstant`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, NotRequired, Required, Union

import attrs

__all__ = ["Format", "IsoDate", "IsoInstant", "schema_of"]


@attrs.frozen
class Format:
    """The JSON Schema ``format`` of a string (``date``, ``date-time``)."""

    name: str


#: A date written as ISO text (``2025-06-20``).
IsoDate = Annotated[str, Format("date")]
#: An instant written as ISO text with its offset (``2025-06-20T16:45:00-04:00``).
IsoInstant = Annotated[str, Format("date-time")]

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    float: {"type": "number"},
    type(None): {"type": "null"},
}


def schema_of(
    shape: Any, definitions: dict[str, Any], ref: Callable[[str], str] = "#/$defs/{}".format
) -> dict[str, Any]:
    """The JSON Schema of ``shape``: a TypedDict (a closed object, defined once in
    ``definitions`` under its name and referred to by ``ref(name)``), a scalar, ``X | None``,
    a list, a literal, a mapping (any object) or ``Any``.

    Raises:
        TypeError: A type the shapes do not use.
    """
    if shape in _SCALARS:
        return dict(_SCALARS[shape])
    if shape is Any:
        return {}
    origin = typing.get_origin(shape)
    arguments = typing.get_args(shape)
    if origin is Annotated:
        found = schema_of(arguments[0], definitions, ref)
        for extra in arguments[1:]:
            if isinstance(extra, Format):
                found["format"] = extra.name
        return found
    if origin in (Union, types.UnionType):
        options = [schema_of(argument, definitions, ref) for argument in arguments]
        types_only = [option.get("type") for option in options]
        if all(isinstance(kind, str) and len(option) == 1 for kind, option in
               zip(types_only, options, strict=True)):  # fmt: skip
            return {"type": types_only}
        if all(isinstance(kind, str) for kind in types_only):  # a format kept: one schema
            merged = {key: value for option in options for key, value in option.items()}
            return {**merged, "type": types_only}
        return {"anyOf": options}
    if origin is Literal:
        return {"const": arguments[0]} if len(arguments) == 1 else {"enum": list(arguments)}
    if origin in (list, tuple) or origin is typing.Sequence:
        return {"type": "array", "items": schema_of(arguments[0], definitions, ref)}
    if origin in (dict, Mapping) or shape in (dict, Mapping):
        return {"type": "object"}
    if typing.is_typeddict(shape):
        name = shape.__name__
        if name not in definitions:
            definitions[name] = {}  # taken before it is built: no recursion
            definitions[name] = _object(shape, definitions, ref)
        return {"$ref": ref(name)}
    raise TypeError(f"no JSON Schema for {shape!r}")


def _object(shape: Any, definitions: dict[str, Any], ref: Callable[[str], str]) -> dict[str, Any]:
    hints = typing.get_type_hints(shape, include_extras=True)
    properties, required = {}, []
    for key, hint in hints.items():
        origin = typing.get_origin(hint)
        if origin in (Required, NotRequired):
            hint = typing.get_args(hint)[0]
        properties[key] = schema_of(hint, definitions, ref)
        if key in shape.__required_keys__:
            required.append(key)
    found: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        found["required"] = required
    found["additionalProperties"] = False
    return found
