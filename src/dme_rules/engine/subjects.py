"""Subjects: the documents rules read.

A *subject* is the kind of document a rule reads: a Quebec migration case, a physician's
consent answers, a French DMP record. Each is a frozen attrs class that derives from
:class:`Subject`, names its kind (``qc.migration.case``) and declares each field with its kind
(:mod:`~dme_rules.engine.kinds`). One mechanism reads every subject strictly
(:mod:`~dme_rules.engine.jsonform`): unknown keys, missing required fields and malformed values
are refused with the JSON path of the field (``$.extraction.fee``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, ClassVar, TypeVar

from dme_rules.engine.jsonform import loads, read_fields, write_fields
from dme_rules.errors import InvalidCaseError

__all__ = ["Subject"]

S = TypeVar("S", bound="Subject")


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

    #: The name of the subject's JSON Schema (``dme-rules schema NAME``); by default the
    #: last segment of its kind (``case`` for ``qc.migration.case``).
    schema_name: ClassVar[str]

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        kind = cls.__dict__.get("kind")
        if "schema_name" not in cls.__dict__ and isinstance(kind, str):
            cls.schema_name = kind.rsplit(".", 1)[-1]

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
        mapping = type(data) is dict or isinstance(data, Mapping)  # a dict, without the ABC
        if mapping and "subject" in data:
            if data["subject"] != cls.kind:
                raise InvalidCaseError(
                    "$.subject",
                    f'"{cls.kind}" or no subject key',
                    expected_fr=f'"{cls.kind}" ou aucune clé subject',
                )
            data = {key: value for key, value in data.items() if key != "subject"}
        elif mapping and cls.subject_key_required:
            raise InvalidCaseError(
                "$.subject",
                f'"{cls.kind}" (required)',
                expected_fr=f'"{cls.kind}" (obligatoire)',
            )
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
