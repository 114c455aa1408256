"""The HTTP decision service: the library for back-ends in any language.

``dme-rules serve`` runs :func:`create_app` on uvicorn (the ``server`` extra). The service is
a thin layer: every answer is the library's (:func:`~dme_rules.evaluate`, the rules'
``to_dict``, :func:`~dme_rules.schemas.schema`…), turned into HTTP. It is stateless; JSON in
UTF-8; its OpenAPI document is at ``/openapi.json``.

Errors follow RFC 9457 (``application/problem+json``: ``type``, ``title``, ``status``,
``detail`` and ``errors``, each with the JSON ``path`` and what was ``expected``), or a FHIR
OperationOutcome when the client accepts ``application/fhir+json``: 422 for bad input, 413
past 1 MB for one document and 100 MB for a batch, 404 for an unknown rule, calendar or schema.
Bad input never gives a 500.

With a decision log (``--decision-log FILE``), each evaluation appends one JSON line: a
decision id, the time, the report's ``input_digest``, the ruleset's digest, the calendar, the
readings, the overall status and the library version; never the case's content.
"""

from __future__ import annotations

try:
    import starlette  # noqa: F401 - the server extra
except ImportError as missing:  # pragma: no cover - the extra is installed in the tests
    raise ImportError(
        "the HTTP service needs the server extra: pip install 'dme-rules[server]' / "
        "le service HTTP a besoin de l'extra server : pip install 'dme-rules[server]'"
    ) from missing

from dme_rules.service import handlers
from dme_rules.service.app import create_app, create_app_from_environment, run
from dme_rules.service.openapi import openapi_document

__all__ = [
    "MAX_BATCH_BYTES",
    "MAX_DOCUMENT_BYTES",
    "create_app",
    "create_app_from_environment",
    "openapi_document",
    "run",
]

#: The largest body of one document, 1 MB.
MAX_DOCUMENT_BYTES = handlers.MAX_DOCUMENT_BYTES
#: The largest body of a batch, 100 MB.
MAX_BATCH_BYTES = handlers.MAX_BATCH_BYTES
