"""JSON Schemas (draft 2020-12) of the documents other systems send and receive (SPEC §13).

:func:`schema` gives each by name: ``case`` (a Quebec migration case), ``consent`` (a
physician's consent answers), ``dmp-record`` (a French DMP record) and ``report`` (a report's
JSON, SPEC §8). A subject's schema is made from its
fields' kinds, the same that read it, so the two cannot drift apart; ``dme-rules schema NAME``
prints it.

A schema says what JSON Schema can say: the keys and no others, the required ones, each
value's type, format, pattern and range. The library also refuses what a schema cannot say (a
key given twice, a character that shows nothing, facts that cannot be true together): a
document the schema accepts may still be refused, never the reverse.
"""

from __future__ import annotations

import copy
from typing import Any

from dme_rules.engine.evaluation import subject_class
from dme_rules.engine.json_schema import json_schema
from dme_rules.engine.report import REPORT_SCHEMA
from dme_rules.errors import InvalidArgumentError

__all__ = ["SCHEMA_NAMES", "schema"]

#: Each schema's name and what it describes, a subject's kind or the report.
SCHEMA_NAMES = {
    "case": "qc.migration.case",
    "consent": "qc.emr.consent-assessment",
    "dmp-record": "fr.dmp.record",
    "report": "report",
}


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (a new dictionary on every call).

    Raises:
        InvalidArgumentError: ``name`` is not a schema's name, or names a subject that no
            registered jurisdiction has.
    """
    names = ", ".join(SCHEMA_NAMES)
    if not isinstance(name, str) or name not in SCHEMA_NAMES:
        raise InvalidArgumentError(
            "name", f"one of {names}", name, expected_fr=f"un nom parmi {names}"
        )
    if name == "report":
        return copy.deepcopy(REPORT_SCHEMA)
    cls = subject_class(SCHEMA_NAMES[name])
    if cls is None:
        raise InvalidArgumentError(
            "name",
            f"the name of a subject this version knows ({name} is reserved for a later one)",
            name,
            expected_fr=f"le nom d'un sujet connu de cette version ({name} est réservé)",
        )
    return json_schema(cls)
