"""The JSON Schema (draft 2020-12) of a subject's JSON form, made from its fields' kinds."""

from __future__ import annotations

from typing import Any

import attrs

from dme_rules.engine.jsonform import json_fields
from dme_rules.engine.kinds import Kind
from dme_rules.engine.subjects import Subject

__all__ = ["json_schema"]


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
    for key, field in json_fields(cls).items():
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
