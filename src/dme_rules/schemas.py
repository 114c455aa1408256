"""JSON Schemas (draft 2020-12) of the documents other systems send and receive.

:func:`schema` gives each by name: ``case`` (a Quebec migration case), ``consent`` (a
physician's consent answers), ``dmp-record`` (a French DMP record) and ``report`` (a report's
JSON, :meth:`~dme_rules.Report.to_dict`). A subject's schema is made from its
fields' kinds, the same that read it, so the two cannot drift apart; ``dme-rules schema NAME``
prints it.

The names come from the packs: each subject class declares its ``schema_name``. A subject
other than the default one (a migration case) requires its ``"subject"`` key, as every
command and the service read documents: without it, a document is read as a migration case.

A schema says what JSON Schema can say: the keys and no others, the required ones, each
value's type, format, pattern and range. The library also refuses what a schema cannot say (a
key given twice, a character that shows nothing, facts that cannot be true together): a
document the schema accepts may still be refused, never the reverse.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from dme_rules.engine.json_schema import json_schema
from dme_rules.engine.jurisdiction import jurisdictions
from dme_rules.engine.report import REPORT_SCHEMA
from dme_rules.engine.subjects import Subject
from dme_rules.errors import InvalidArgumentError

__all__ = ["REPORT", "schema", "schema_names"]

#: The name of the report's schema.
REPORT = "report"


def schema_names() -> Mapping[str, type[Subject] | None]:
    """Each schema's name and the subject class it describes (``None`` for the report's):
    every registered pack's subjects by their ``schema_name``, then the report."""
    named: dict[str, type[Subject] | None] = {
        cls.schema_name: cls for pack in jurisdictions().values() for cls in pack.subjects
    }
    if REPORT in named:
        raise InvalidArgumentError(
            "schema_name", f"a name other than {REPORT} (the report's schema)",
            named[REPORT], expected_fr=f"un autre nom que {REPORT} (le schéma du rapport)",
        )  # fmt: skip
    named[REPORT] = None
    return named


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (a new dictionary on every call).

    Raises:
        InvalidArgumentError: ``name`` is not a schema's name.
    """
    named = schema_names()
    if not isinstance(name, str) or name not in named:
        names = ", ".join(named)
        raise InvalidArgumentError(
            "name", f"one of {names}", name, expected_fr=f"un nom parmi {names}"
        )
    cls = named[name]
    return copy.deepcopy(REPORT_SCHEMA) if cls is None else json_schema(cls)
