"""The HTTP decision service (SPEC §13): the library for back-ends in any language.

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

import asyncio
import os
import sys
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from dme_rules._version import VERSION
from dme_rules.engine import _speed
from dme_rules.engine.context import check_options
from dme_rules.engine.evaluation import evaluate
from dme_rules.engine.jsonform import loads
from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.engine.kinds import DATE, INSTANT
from dme_rules.engine.messages import LANGUAGES
from dme_rules.engine.registry import pack_of, packs, reading_values
from dme_rules.engine.time import SUPPORTED_YEARS, end_of_day_in
from dme_rules.errors import DmeRulesError, InvalidArgumentError, InvalidCaseError
from dme_rules.schemas import REPORT, schema, schema_names

try:
    from starlette.applications import Starlette
    from starlette.requests import ClientDisconnect, Request
    from starlette.responses import Response, StreamingResponse
    from starlette.routing import Route
except ImportError as missing:  # pragma: no cover - the extra is installed in the tests
    raise ImportError(
        "the HTTP service needs the server extra: pip install 'dme-rules[server]' / "
        "le service HTTP a besoin de l'extra server : pip install 'dme-rules[server]'"
    ) from missing

__all__ = ["MAX_BATCH_BYTES", "MAX_DOCUMENT_BYTES", "create_app", "run"]

#: The largest body of one document (SPEC §13).
MAX_DOCUMENT_BYTES = 1_000_000
#: The largest body of a batch (SPEC §13).
MAX_BATCH_BYTES = 100_000_000

JSON = "application/json"
FHIR = "application/fhir+json"
PROBLEM = "application/problem+json"
NDJSON = "application/x-ndjson"

#: The environment variable through which ``dme-rules serve`` gives its workers the log.
DECISION_LOG_VARIABLE = "DME_RULES_DECISION_LOG"

_PROBLEMS = {
    400: ("bad-request", "Bad request / Requête invalide"),
    404: ("not-found", "Not found / Introuvable"),
    405: ("method-not-allowed", "Method not allowed / Méthode non permise"),
    413: ("too-large", "Content too large / Contenu trop volumineux"),
    422: ("invalid-input", "Invalid input / Entrée invalide"),
    500: ("internal-error", "Internal error / Erreur interne"),
}


class _Problem(Exception):
    """An HTTP error to answer: its status, detail and the fields at fault."""

    def __init__(
        self, status: int, detail: str, errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or []

    @classmethod
    def invalid(cls, path: str, expected: str) -> _Problem:
        """The 422 of one value at ``path`` (a JSON path, or a query parameter's name)."""
        return cls(422, f"{path}: expected {expected}", [{"path": path, "expected": expected}])

    @classmethod
    def of(cls, error: DmeRulesError, where: str = "$") -> _Problem:
        """The 422 of a library error: its path and what was expected."""
        if isinstance(error, InvalidCaseError):
            path, expected = error.path, error.expected
        elif isinstance(error, InvalidArgumentError):
            path, expected = error.field, error.expected
        else:
            path, expected = where, str(error)
        return cls(422, str(error), [{"path": path, "expected": expected}])

    def document(self) -> dict[str, Any]:
        """The problem's JSON (RFC 9457)."""
        kind, title = _PROBLEMS.get(self.status, ("error", "Error / Erreur"))
        return {
            "type": f"urn:dme-rules:problem:{kind}",
            "title": title,
            "status": self.status,
            "detail": self.detail,
            "errors": self.errors,
        }

    def fhir(self) -> dict[str, Any]:
        """The problem as a FHIR R4 OperationOutcome."""
        code = {404: "not-found", 413: "too-costly", 422: "invalid"}.get(self.status, "exception")
        issues = [
            {
                "severity": "error",
                "code": code,
                "diagnostics": f"{error['path']}: expected {error['expected']}",
                "expression": [error["path"]],
            }
            for error in self.errors
        ] or [{"severity": "error", "code": code, "diagnostics": self.detail}]
        return {"resourceType": "OperationOutcome", "issue": issues}


def _json(document: Any, status: int = 200, media_type: str = JSON) -> Response:
    body = _speed.json_line(document)[:-1].encode("utf-8")
    return Response(body, status_code=status, media_type=media_type)


def _wants_fhir(request: Request) -> bool:
    """Whether the client prefers FHIR: ``application/fhir+json`` accepted (any case, any
    parameter but ``q=0``) at least as much as ``application/json``."""
    weights: dict[str, float] = {}
    for part in request.headers.get("accept", "").split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        media = media.lower()
        weights[media] = max(weights.get(media, 0.0), weight)
    fhir = weights.get(FHIR, 0.0)
    return fhir > 0 and fhir >= weights.get(JSON, 0.0)


def _problem_response(request: Request, problem: _Problem) -> Response:
    if _wants_fhir(request):
        return _json(problem.fhir(), problem.status, FHIR)
    return _json(problem.document(), problem.status, PROBLEM)


# -- the query's values ------------------------------------------------------------------------


def _one(request: Request, name: str) -> str | None:
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise _Problem.invalid(name, "one value (it is given twice)")
    return values[0] if values else None


def _lang(request: Request) -> str:
    lang = _one(request, "lang") or "fr"
    if lang not in LANGUAGES:
        raise _Problem.invalid("lang", "fr or en")
    return lang


def _readings(request: Request) -> list[str]:
    """The ``reading`` values (repeatable), each a known reading id, at most one per topic."""
    chosen = request.query_params.getlist("reading")
    try:
        check_options(None, reading_values(tuple(chosen)), None)  # type: ignore[arg-type]
    except InvalidArgumentError as error:
        raise _Problem.invalid("reading", error.expected) from None
    return chosen


def _day(text: str, name: str) -> date:
    try:
        return DATE.parse(text, name)  # type: ignore[no-any-return]
    except InvalidCaseError:
        first, last = SUPPORTED_YEARS
        raise _Problem.invalid(name, f"a date YYYY-MM-DD in the years {first}-{last}") from None


def _instant(text: str, name: str) -> datetime:
    try:
        return INSTANT.parse(text, name)  # type: ignore[no-any-return]
    except InvalidCaseError as error:
        raise _Problem(422, str(error), [{"path": name, "expected": error.expected}]) from None


def _as_of(request: Request, zone: Any) -> datetime:
    """``as_of``: an instant with its offset, or a date (the end of that day in ``zone``);
    now without one."""
    text = _one(request, "as_of")
    if text is None:
        return datetime.now(UTC).astimezone(zone)
    if len(text) == 10:
        day = _day(text, "as_of")
        if day < date(SUPPORTED_YEARS[1], 12, 31):
            return end_of_day_in(day, zone)
    return _instant(text, "as_of")


def _pack(request: Request) -> Jurisdiction:
    found = {key: pack for key, pack in packs().items() if isinstance(pack, Jurisdiction)}
    name = _one(request, "jurisdiction") or "qc"
    if name not in found:
        expected = "one of " + ", ".join(found)
        raise _Problem(
            422,
            f"jurisdiction: expected {expected}",
            [{"path": "jurisdiction", "expected": expected}],
        )
    return found[name]


async def _body(request: Request, limit: int) -> bytes:
    """The request's body, refused with a 413 past ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _Problem(413, f"the body is larger than {limit:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _Problem(413, f"the body is larger than {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


# -- the decision log --------------------------------------------------------------------------


class DecisionLog:
    """Appends one JSON line per evaluation to a file (no case content)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._file = Path(path).open("a", encoding="utf-8")  # noqa: SIM115 - open while served
        self._lock = threading.Lock()

    def record(self, report_document: dict[str, Any], readings: list[str]) -> None:
        decision = report_document["decision"]
        line = _speed.json_line(
            {
                "decision_id": str(uuid.uuid4()),
                "time": datetime.now(UTC).isoformat(),
                "input_digest": decision["input_digest"],
                "ruleset_digest": decision["ruleset_digest"],
                "calendar": decision["calendar"],
                "readings": readings,
                "status": report_document["status"],
                "library_version": decision["library_version"],
            }
        )
        with self._lock:
            self._file.write(line)
            self._file.flush()


# -- the endpoints -----------------------------------------------------------------------------


def _evaluated(document: Any, request: Request, lang: str, fhir: bool) -> tuple[Any, Any]:
    """The report's JSON (or FHIR) for one decoded document, and the report's JSON."""
    if not isinstance(document, dict):
        raise _Problem.invalid("$", "an object")
    kind = document.get("subject", "qc.migration.case")
    pack = pack_of(kind) if isinstance(kind, str) else None
    zone = pack.zone if isinstance(pack, Jurisdiction) else UTC
    try:
        report = evaluate(document, _as_of(request, zone), readings=_readings(request))
    except DmeRulesError as error:
        raise _Problem.of(error) from None
    whole = report.to_dict(lang)
    return (report.to_fhir(lang) if fhir else whole), whole


def create_app(decision_log: str | os.PathLike[str] | None = None) -> Starlette:
    """The service's ASGI application; ``decision_log`` a file to append decisions to."""
    log = DecisionLog(decision_log) if decision_log else None

    async def health(request: Request) -> Response:
        return _json({"status": "ok", "library_version": VERSION})

    async def evaluate_one(request: Request) -> Response:
        lang, fhir = _lang(request), _wants_fhir(request)
        body = await _body(request, MAX_DOCUMENT_BYTES)
        try:
            document = loads(body)
        except InvalidCaseError as error:
            raise _Problem.of(error) from None
        answer, whole = _evaluated(document, request, lang, fhir)
        if log is not None:
            log.record(whole, _readings(request))
        return _json(answer, media_type=FHIR if fhir else JSON)

    async def evaluate_batch(request: Request) -> Response:
        lang = _lang(request)
        _as_of(request, UTC)  # a bad as_of or reading is refused before anything is streamed
        _readings(request)
        body = await _body(request, MAX_BATCH_BYTES)

        def lines() -> Iterator[str]:
            # Lines end at LF (a CR before it is JSON whitespace; a lone CR is not a line end).
            for number, line in enumerate(body.split(b"\n"), start=1):
                if not line.strip():
                    continue
                try:
                    try:
                        document = loads(line)
                    except InvalidCaseError as error:
                        raise _Problem.of(error) from None
                    _, whole = _evaluated(document, request, lang, False)
                except _Problem as problem:
                    yield _speed.json_line({"line": number, "error": problem.document()})
                    continue
                if log is not None:
                    log.record(whole, _readings(request))
                yield _speed.json_line(whole)

        async def stream() -> AsyncIterator[str]:
            for line in lines():
                yield line
                await asyncio.sleep(0)  # other requests are answered between two lines

        return StreamingResponse(stream(), media_type=NDJSON)

    async def rules(request: Request) -> Response:
        pack = _pack(request)
        text = _one(request, "as_of")
        day = _day(text, "as_of") if text is not None else datetime.now(pack.zone).date()
        found = [rule.to_dict(day) for rule in pack.rules.values() if rule.version_at(day)]
        return _json({"as_of": day.isoformat(), "jurisdiction": pack.id, "rules": found})

    async def rule(request: Request) -> Response:
        rule_id = request.path_params["rule_id"]
        pack = pack_of(rule_id)
        if not isinstance(pack, Jurisdiction) or rule_id not in pack.rules:
            raise _Problem(404, f"no rule has the id {rule_id!r}")
        text = _one(request, "as_of")
        day = _day(text, "as_of") if text is not None else datetime.now(pack.zone).date()
        return _json(pack.rules[rule_id].to_dict(day))

    async def deadlines(request: Request) -> Response:
        from dme_rules.jurisdictions.qc.requests import request_deadlines

        text = _one(request, "transmitted")
        if text is None:
            expected = "an instant with a UTC offset, such as 2025-06-20T16:45:00-04:00"
            raise _Problem(
                422, "transmitted is required", [{"path": "transmitted", "expected": expected}]
            )
        transmitted, readings = _instant(text, "transmitted"), _readings(request)
        try:
            return _json(request_deadlines(transmitted, readings))
        except DmeRulesError as error:  # no version in force, or past the supported years
            raise _Problem.invalid(
                "transmitted", f"an instant whose deadlines the rules can count ({error})"
            ) from None

    async def calendar(request: Request) -> Response:
        calendar_id, year_text = request.path_params["calendar_id"], request.path_params["year"]
        for pack in packs().values():
            for found in getattr(pack, "calendars", ()):
                if found.id == calendar_id:
                    first, last = SUPPORTED_YEARS
                    if not (year_text.isascii() and year_text.isdigit()
                            and first <= int(year_text) <= last):  # fmt: skip
                        expected = f"a year from {first} to {last}"
                        raise _Problem(
                            422,
                            f"year: expected {expected}",
                            [{"path": "year", "expected": expected}],
                        )
                    year = int(year_text)
                    holidays = [holiday.to_dict() for holiday in found.holidays(year)]
                    return _json({"calendar": found.id, "year": year, "holidays": holidays})
        raise _Problem(404, f"no calendar has the id {calendar_id!r}")

    async def schemas(request: Request) -> Response:
        name = request.path_params["name"]
        try:
            return _json(schema(name))
        except InvalidArgumentError as error:
            raise _Problem(404, str(error)) from None

    async def openapi(request: Request) -> Response:
        return _json(openapi_document())

    async def on_problem(request: Request, problem: Exception) -> Response:
        assert isinstance(problem, _Problem)
        return _problem_response(request, problem)

    async def on_http(request: Request, error: Exception) -> Response:
        status = getattr(error, "status_code", 500)
        detail = str(getattr(error, "detail", error))
        response = _problem_response(request, _Problem(status, detail))
        response.headers.update(getattr(error, "headers", None) or {})  # Allow, for a 405
        return response

    async def on_disconnect(request: Request, error: Exception) -> Response:
        # The client left while sending its body: nobody reads the answer; not a bug.
        return _problem_response(request, _Problem(400, "the client closed the connection"))

    async def on_bug(request: Request, error: Exception) -> Response:
        print(f"dme-rules serve: internal error: {error!r}", file=sys.stderr)
        detail = "an internal error: please report it with the request that caused it"
        return _problem_response(request, _Problem(500, detail))

    from starlette.exceptions import HTTPException

    routes = [
        Route("/v1/health", health, methods=["GET"]),
        Route("/v1/evaluate", evaluate_one, methods=["POST"]),
        Route("/v1/evaluate/batch", evaluate_batch, methods=["POST"]),
        Route("/v1/rules", rules, methods=["GET"]),
        Route("/v1/rules/{rule_id}", rule, methods=["GET"]),
        Route("/v1/deadlines", deadlines, methods=["GET"]),
        Route("/v1/calendars/{calendar_id}/{year}", calendar, methods=["GET"]),
        Route("/v1/schemas/{name}", schemas, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={
            _Problem: on_problem,
            HTTPException: on_http,
            ClientDisconnect: on_disconnect,
            Exception: on_bug,
        },
    )


def create_app_from_environment() -> Starlette:
    """:func:`create_app` with the decision log named by ``DME_RULES_DECISION_LOG`` (how
    ``dme-rules serve`` configures each worker process)."""
    return create_app(os.environ.get(DECISION_LOG_VARIABLE) or None)


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    decision_log: str | None = None,
    log_level: str = "warning",
) -> None:
    """Serve on uvicorn until interrupted (``dme-rules serve``)."""
    import uvicorn

    if decision_log:
        os.environ[DECISION_LOG_VARIABLE] = str(Path(decision_log).resolve())
    uvicorn.run(
        "dme_rules.service:create_app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,
    )


# -- the OpenAPI document ----------------------------------------------------------------------

#: A complete request of SPEC §6, the example of the evaluation endpoints.
EXAMPLE_CASE: dict[str, Any] = {
    "case_id": "2025-0147",
    "request_transmitted_at": "2025-06-20T16:45:00-04:00",
    "source_solution": "Omnimed",
    "target_solution": "MYLE",
    "practitioners": 4,
    "standard_scope": True,
    "extraction": {"delivered_on": "2025-07-10", "fee": "1800.00", "confirmed_on": "2025-07-11"},
    "import": {"completed_on": "2025-08-05", "fee": "6000.00", "confirmed_on": "2025-08-06"},
    "preanalysis": {"submitted_on": "2025-07-15", "validated_on": "2025-07-23"},
    "read_only_access": {"until": "2025-11-03", "fee": "0"},
    "complaints": [{"filed_at": "2025-08-20T10:00:00-04:00", "followed_up_at": None}],
}
EXAMPLE_AS_OF = "2025-09-01T12:00:00-04:00"

_OPENAPI: dict[str, Any] = {}

_TEXT, _NULLABLE_TEXT = {"type": "string"}, {"type": ["string", "null"]}
_DATE = {"type": "string", "format": "date"}


def _object(**properties: Any) -> dict[str, Any]:
    """An object with exactly these keys, every one present."""
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}  # fmt: skip


#: The schemas of the answers that are not reports (the catalogue, deadlines, calendars).
_ANSWER_SCHEMAS: dict[str, Any] = {
    "health": _object(status={"const": "ok"}, library_version=_TEXT),
    "citation_of_version": _object(document=_TEXT, issuer=_TEXT, date=_TEXT, section=_TEXT,
                                   quote_fr=_TEXT),
    "rule_version": _object(
        version=_TEXT, effective_from=_DATE,
        effective_to={"type": ["string", "null"], "format": "date"},
        effective_basis=_TEXT, effective_basis_fr=_TEXT, parameters={"type": ["object", "null"]},
        interpretation=_NULLABLE_TEXT,
        readings={"type": "array", "items": _TEXT},
        alternatives={"type": "array", "items": _TEXT},
        citations={"type": "array", "items": {"$ref": "#/components/schemas/citation_of_version"}},
        summary_en=_TEXT, summary_fr=_TEXT,
    ),
    "rule": _object(
        id=_TEXT, title_fr=_TEXT, title_en=_TEXT, obligated_party=_TEXT, subject=_TEXT,
        reasons={"type": "array", "items": _TEXT}, in_force=_NULLABLE_TEXT,
        versions={"type": "array", "items": {"$ref": "#/components/schemas/rule_version"}},
    ),
    "rules": _object(as_of=_DATE, jurisdiction=_TEXT,
                     rules={"type": "array", "items": {"$ref": "#/components/schemas/rule"}}),
    "deadlines": _object(transmitted_at=_TEXT, official_start=_DATE, extraction_due=_DATE,
                         extraction_interpretation=_TEXT, import_due=_DATE,
                         import_interpretation=_TEXT),
    "holidays": _object(
        calendar=_TEXT, year={"type": "integer"},
        holidays={"type": "array", "items": _object(date=_DATE, name_fr=_TEXT, name_en=_TEXT)},
    ),
}  # fmt: skip


def _query(name: str, description: str, **schema_: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description,
            "schema": schema_ or {"type": "string"}}  # fmt: skip


def _answers(ok: dict[str, Any], *errors: int, media: str = JSON) -> dict[str, Any]:
    problem = {"$ref": "#/components/schemas/problem"}
    found: dict[str, Any] = {"200": {"description": "OK", "content": {media: ok}}}
    for status in errors:
        found[str(status)] = {
            "description": _PROBLEMS[status][1],
            "content": {PROBLEM: {"schema": problem}, FHIR: {"schema": {"type": "object"}}},
        }
    return found


def openapi_document() -> dict[str, Any]:
    """The service's OpenAPI 3.1 document: every path, its parameters, request and response
    schemas (the library's JSON Schemas) and examples."""
    if _OPENAPI:
        return _OPENAPI
    from dme_rules.jurisdictions.qc.requests import request_deadlines

    report_example = evaluate(EXAMPLE_CASE, datetime.fromisoformat(EXAMPLE_AS_OF)).to_dict("en")
    transmitted = datetime.fromisoformat(EXAMPLE_CASE["request_transmitted_at"])
    deadlines_example = request_deadlines(transmitted)
    rule_example = next(
        rule.to_dict(transmitted.date())
        for pack in packs().values()
        if isinstance(pack, Jurisdiction)
        for rule in pack.rules.values()
    )

    def ref(name: str) -> dict[str, str]:
        return {"$ref": f"#/components/schemas/{name}"}

    components = {name: schema(name) for name in schema_names()}
    for found in list(components.values()):  # OpenAPI keeps definitions under components
        found.pop("$schema", None)
        for key, definition in found.pop("$defs", {}).items():
            components[key] = definition
    components = _rebased(components)
    components.update(_ANSWER_SCHEMAS)
    components["problem"] = {
        "type": "object",
        "required": ["type", "title", "status", "detail", "errors"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"path": {"type": "string"}, "expected": {"type": "string"}},
                },
            },
        },
    }
    subject = {"oneOf": [{"$ref": f"#/components/schemas/{name}"}
                         for name in schema_names() if name != REPORT]}  # fmt: skip
    readings = _query("reading", "a reading id (repeatable)")
    readings["explode"] = True
    lang = _query("lang", "fr (default) or en", type="string", enum=list(LANGUAGES))
    as_of = _query("as_of", "an instant with its offset, or a date (the end of that day); "
                   "default now")  # fmt: skip
    report = {"$ref": "#/components/schemas/report"}
    _OPENAPI.update(
        {
            "openapi": "3.1.0",
            "info": {
                "title": "dme_rules",
                "version": VERSION,
                "description": "Quebec EMR (DMÉ) migration rules as a decision service.",
            },
            "paths": {
                "/v1/health": {"get": {"summary": "Health", "responses": _answers(
                    {"schema": ref("health"),
                     "example": {"status": "ok", "library_version": VERSION}})}},
                "/v1/evaluate": {
                    "post": {
                        "summary": "Evaluate a case, consent answers or a DMP record",
                        "parameters": [as_of, lang, readings],
                        "requestBody": {
                            "required": True,
                            "content": {JSON: {"schema": subject, "example": EXAMPLE_CASE}},
                        },
                        "responses": {
                            **_answers({"schema": report, "example": report_example}, 413, 422),
                            "200": {
                                "description": "The report (SPEC §8), or a FHIR "
                                "OperationOutcome with Accept: application/fhir+json",
                                "content": {
                                    JSON: {"schema": report, "example": report_example},
                                    FHIR: {"schema": {"type": "object"}},
                                },
                            },
                        },
                    }
                },
                "/v1/evaluate/batch": {
                    "post": {
                        "summary": "Evaluate JSON Lines of documents, streamed back in order",
                        "parameters": [as_of, lang, readings],
                        "requestBody": {"required": True, "content": {NDJSON: {
                            "schema": {"type": "string"}}}},
                        "responses": _answers({"schema": {"type": "string"}}, 413, 422,
                                              media=NDJSON),
                    }
                },
                "/v1/rules": {"get": {
                    "summary": "The rules in force on a date",
                    "parameters": [_query("as_of", "a date (default today)", type="string",
                                          format="date"),
                                   _query("jurisdiction", "the pack (default qc)", type="string",
                                          enum=sorted(p for p, pack in packs().items()
                                                      if isinstance(pack, Jurisdiction)))],
                    "responses": _answers({"schema": ref("rules")}, 422)}},
                "/v1/rules/{rule_id}": {"get": {
                    "summary": "One rule: its versions, parameters, readings and citations",
                    "parameters": [{"name": "rule_id", "in": "path", "required": True,
                                    "schema": {"type": "string"}},
                                   _query("as_of", "a date: the version in force then",
                                          type="string", format="date")],
                    "responses": _answers({"schema": ref("rule"), "example": rule_example},
                                          404, 422)}},
                "/v1/deadlines": {"get": {
                    "summary": "Every deadline a new request starts",
                    "parameters": [{**_query("transmitted", "an instant with its offset"),
                                    "required": True}, readings],
                    "responses": _answers({"schema": ref("deadlines"),
                                           "example": deadlines_example}, 422)}},
                "/v1/calendars/{calendar_id}/{year}": {"get": {
                    "summary": "A year's holidays, in French and English",
                    "parameters": [
                        {"name": "calendar_id", "in": "path", "required": True,
                         "schema": {"type": "string"}},
                        {"name": "year", "in": "path", "required": True,
                         "schema": {"type": "integer"}}],
                    "responses": _answers({"schema": ref("holidays")}, 404, 422)}},
                "/v1/schemas/{name}": {"get": {
                    "summary": "A JSON Schema: case, consent, dmp-record, report",
                    "parameters": [{"name": "name", "in": "path", "required": True,
                                    "schema": {"type": "string"}}],
                    "responses": _answers({"schema": {"type": "object"}}, 404)}},
            },
            "components": {"schemas": components},
        }
    )  # fmt: skip
    return _OPENAPI


def _rebased(value: Any) -> Any:
    """``value`` with each ``#/$defs/X`` reference pointing under the components."""
    if isinstance(value, dict):
        return {
            key: (item.replace("#/$defs/", "#/components/schemas/") if key == "$ref"
                  else _rebased(item))
            for key, item in value.items()
        }  # fmt: skip
    if isinstance(value, list):
        return [_rebased(item) for item in value]
    return value
