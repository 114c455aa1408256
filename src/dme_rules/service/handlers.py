"""The service's endpoints: one async function each, answering from the packs the
application serves (:func:`~dme_rules.service.query.served`).

Each handler reads its request (:mod:`~dme_rules.service.query`), asks the library, and
writes its answer in a declared shape (:mod:`~dme_rules.service.answers`, or the writer's
own: a rule's ``to_dict``, a report's); a request at fault raises a
:class:`~dme_rules.service.problems.Problem`.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import UTC
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from dme_rules._version import VERSION
from dme_rules.engine import _speed
from dme_rules.engine.evaluation import evaluate
from dme_rules.engine.jsonform import loads, wrong_type
from dme_rules.engine.jurisdiction import Jurisdiction, subject_class
from dme_rules.engine.subjects import Subject
from dme_rules.errors import DmeRulesError, InvalidArgumentError, InvalidCaseError
from dme_rules.schemas import schema
from dme_rules.service import limits, query
from dme_rules.service.answers import BatchError, HealthAnswer, HolidaysAnswer, RulesAnswer
from dme_rules.service.decisions import DecisionLog, new_id
from dme_rules.service.openapi import openapi_document, schema_names_of
from dme_rules.service.operations import Metrics
from dme_rules.service.problems import (
    FHIR,
    JSON,
    NDJSON,
    Problem,
    in_languages,
    json_response,
    wants_calendar,
    wants_fhir,
)

__all__ = [
    "MAX_BATCH_BYTES",
    "MAX_BATCH_LINES",
    "MAX_DOCUMENT_BYTES",
    "calendar",
    "deadlines",
    "evaluate_batch",
    "evaluate_one",
    "health",
    "json_schema",
    "openapi",
    "rule",
    "rules",
]

#: The largest body of one document, 1 MB.
MAX_DOCUMENT_BYTES = 1_000_000
#: The largest body of a batch, 100 MB.
MAX_BATCH_BYTES = 100_000_000
#: The most documents (lines that are not blank) a batch answers; past it, one error line.
MAX_BATCH_LINES = 100_000
#: The lines of a batch judged in one trip to the evaluation threads.
_LINES_PER_TRIP = 32


async def health(request: Request) -> Response:
    """``GET /v1/health``: the service is up."""
    answer: HealthAnswer = {"status": "ok", "library_version": VERSION}
    return json_response(answer)


# -- evaluations -------------------------------------------------------------------------------


def _decided(request: Request, whole: dict[str, Any], lang: str, started: float) -> str:
    """The id of the decision a report (its JSON) records, made ``started`` (a
    :func:`time.perf_counter`): logged in the decision log if there is one, counted in the
    metrics if there are any."""
    decision_id = new_id()
    log: DecisionLog | None = request.app.state.decision_log
    if log is not None:
        log.record(
            whole,
            query.readings(request),
            decision_id=decision_id,
            request_id=request.state.request_id,
            path=request.url.path,
            lang=lang,
            duration=time.perf_counter() - started,
        )
    metrics: Metrics | None = request.app.state.metrics
    if metrics is not None:
        metrics.decided(whole["status"])
    return decision_id


def _served_subject(
    document: Mapping[str, Any], packs: Mapping[str, Jurisdiction]
) -> tuple[Jurisdiction, type[Subject]] | None:
    """The pack and subject class a document's ``"subject"`` key names among the served packs
    (the default subject without one), or ``None``."""
    kind = document.get("subject")
    found = subject_class(kind) if kind is None or isinstance(kind, str) else None
    for pack in packs.values():
        if found is not None and found in pack.subjects:
            return pack, found
    return None


def _unknown_subject(packs: Mapping[str, Jurisdiction]) -> Problem:
    """The 422 of a document whose ``"subject"`` names no subject the service serves."""
    kinds = ", ".join(cls.kind for pack in packs.values() for cls in pack.subjects)
    return Problem.of(
        InvalidCaseError(
            "$.subject",
            f"the kind of a known subject: {kinds}",
            expected_fr=f"le type d'un sujet connu : {kinds}",
        )
    )


def _evaluated(
    document: Any, request: Request, lang: str, fhir: bool
) -> tuple[Any, dict[str, Any]]:
    """The report's JSON (or FHIR) for one decoded document, and the report's JSON.

    A date ``as_of`` is the end of that day in the zone of the document's pack."""
    if not isinstance(document, dict):
        raise Problem.of(wrong_type("$", document, "an object", "un objet"))
    packs = query.served(request)
    found = _served_subject(document, packs)
    as_of = query.as_of(request, found[0].zone if found is not None else UTC)
    readings = query.readings(request)
    if found is None:
        raise _unknown_subject(packs)
    try:
        report = evaluate(document, as_of, readings=readings)
    except DmeRulesError as error:
        raise Problem.of(error) from None
    whole: dict[str, Any] = report.to_dict(lang)
    return (report.to_fhir(lang) if fhir else whole), whole


async def evaluate_one(request: Request) -> Response:
    """``POST /v1/evaluate``: the report on one document (FHIR if the client prefers it)."""
    lang, fhir = query.lang(request), wants_fhir(request)
    limits.checked_body_headers(request)
    body = await limits.body_within(lambda: query.body(request, MAX_DOCUMENT_BYTES))
    return await limits.evaluated(_answered, body, request, lang, fhir)


def _answered(body: bytes, request: Request, lang: str, fhir: bool) -> Response:
    """The answer to one document, its decision logged and counted (in the evaluation
    threads for a large document: its report is written there too)."""
    started = time.perf_counter()
    answer, whole = _read_and_evaluated(body, request, lang, fhir)
    response = json_response(answer, media_type=FHIR if fhir else JSON)
    response.headers["x-decision-id"] = _decided(request, whole, lang, started)
    return response


def _read_and_evaluated(
    body: bytes, request: Request, lang: str, fhir: bool
) -> tuple[Any, dict[str, Any]]:
    """:func:`_evaluated` of a document's bytes (in the evaluation threads)."""
    try:
        document = loads(body)
    except InvalidCaseError as error:
        raise Problem.of(error) from None
    return _evaluated(document, request, lang, fhir)


def _batch_lines(request: Request, body: bytes, lang: str) -> Iterator[str]:
    """The answer to each document of a batch, in order: its report, or the problem of its
    line. Lines end at LF (a CR before it is JSON whitespace; a lone CR is not a line end).
    A report's line begins with its ``decision_id``, the rest its report's own JSON. A line
    longer than a document may be is refused; past :data:`MAX_BATCH_LINES` documents, one
    error line ends the answer."""
    documents = 0
    for number, line in enumerate(body.split(b"\n"), start=1):
        if not line.strip():
            continue
        documents += 1
        if documents > MAX_BATCH_LINES:
            yield _speed.json_line({"line": number, "error": _too_many_lines().document(lang)})
            return
        started = time.perf_counter()
        try:
            if len(line) > MAX_DOCUMENT_BYTES:
                raise _line_too_large()
            _, whole = _read_and_evaluated(line, request, lang, False)
        except Problem as problem:
            refused: BatchError = {
                "line": number,
                "error": limits.shortened(problem.document(lang)),
            }
            yield _speed.json_line(refused)
            continue
        decision_id = _decided(request, whole, lang, started)
        yield f'{{"decision_id":"{decision_id}",{_speed.json_line(whole)[1:]}'


def _too_many_lines() -> Problem:
    return Problem.said(
        413,
        f"a batch holds at most {MAX_BATCH_LINES:,} documents: the rest is not read",
        f"un lot compte au plus {MAX_BATCH_LINES:,} documents : la suite n'est pas lue".replace(
            ",", "\u202f"
        ),
    )


def _line_too_large() -> Problem:
    return Problem.said(
        413,
        f"the line is longer than {MAX_DOCUMENT_BYTES:,} bytes",
        f"la ligne dépasse {MAX_DOCUMENT_BYTES:,} octets".replace(",", "\u202f"),
    )


def _next_lines(lines: Iterator[str]) -> list[str]:
    """The next few answers of a batch (in the evaluation threads)."""
    taken: list[str] = []
    for line in lines:
        taken.append(line)
        if len(taken) == _LINES_PER_TRIP:
            break
    return taken


async def _streamed(lines: Iterator[str]) -> AsyncIterator[str]:
    """``lines``, judged in the evaluation threads a few at a time: the event loop answers
    other requests meanwhile."""
    while taken := await limits.in_thread(_next_lines, lines):
        yield "".join(taken)


async def evaluate_batch(request: Request) -> Response:
    """``POST /v1/evaluate/batch``: JSON Lines of documents, their reports streamed back."""
    lang = query.lang(request)
    query.as_of(request)  # a bad as_of or reading is refused before anything is streamed
    query.readings(request)
    limits.checked_body_headers(request)
    body = await limits.body_within(lambda: query.body(request, MAX_BATCH_BYTES))
    if not body:
        raise Problem.invalid(
            "$", "a body: JSON Lines of documents (none was sent)",
            "un corps : des lignes JSON de documents (aucun n'a été envoyé)",
        )  # fmt: skip
    return StreamingResponse(_streamed(_batch_lines(request, body, lang)), media_type=NDJSON)


# -- the catalogue -----------------------------------------------------------------------------


async def rules(request: Request) -> Response:
    """``GET /v1/rules``: the rules of a pack (``jurisdiction``) in force on ``as_of``."""
    pack = query.pack(request, query.served(request))
    day = query.local_day(request, pack.zone)
    in_force = [rule.to_dict(day) for rule in pack.rules.values() if rule.version_at(day)]
    answer: RulesAnswer = {"as_of": day.isoformat(), "jurisdiction": pack.id, "rules": in_force}
    return json_response(answer)


async def rule(request: Request) -> Response:
    """``GET /v1/rules/{rule_id}``: one rule of a served pack, with its version on ``as_of``."""
    rule_id = request.path_params["rule_id"]
    for pack in query.served(request).values():
        if rule_id in pack.rules:
            day = query.local_day(request, pack.zone)
            return json_response(pack.rules[rule_id].to_dict(day))
    raise Problem.said(404, f"no rule has the id {rule_id!r}", f"aucune règle n'a l'id {rule_id!r}")


async def deadlines(request: Request) -> Response:
    """``GET /v1/deadlines``: every deadline a subject started at ``transmitted`` sets going,
    counted by a served pack that counts them (``jurisdiction``; the first by default)."""
    counting = {key: pack for key, pack in query.served(request).items() if pack.deadlines}
    if not counting:
        raise Problem.said(
            404,
            "no jurisdiction this service serves counts deadlines",
            "aucune juridiction servie ne compte d'échéances",
        )
    pack = query.pack(request, counting)
    transmitted = query.required_moment(request, "transmitted", pack.zone)
    readings = query.readings(request)
    assert pack.deadlines is not None
    try:
        counted = pack.deadlines(transmitted, readings)
        if wants_calendar(request):
            from dme_rules.ics import MEDIA_TYPE, deadlines_ics

            ics = deadlines_ics(pack, counted, query.lang(request))
            return Response(ics, media_type=MEDIA_TYPE)
        return json_response(counted.to_dict())
    except DmeRulesError as error:  # no version in force, or past the supported years
        raise Problem.invalid(
            "transmitted",
            f"an instant whose deadlines the rules can count ({error.text('en')})",
            f"un instant dont les règles savent compter les échéances ({error.text('fr')})",
        ) from None


async def calendar(request: Request) -> Response:
    """``GET /v1/calendars/{calendar_id}/{year}``: a served calendar's holidays of a year."""
    calendar_id = request.path_params["calendar_id"]
    for pack in query.served(request).values():
        for found in pack.calendars:
            if found.id == calendar_id:
                year = query.year(request.path_params["year"])
                holidays = [holiday.to_dict() for holiday in found.holidays(year)]
                answer: HolidaysAnswer = {"calendar": found.id, "year": year, "holidays": holidays}
                return json_response(answer)
    raise Problem.said(
        404, f"no calendar has the id {calendar_id!r}", f"aucun calendrier n'a l'id {calendar_id!r}"
    )


async def json_schema(request: Request) -> Response:
    """``GET /v1/schemas/{name}``: the JSON Schema of a served subject, or the report's."""
    name = request.path_params["name"]
    names = schema_names_of(query.served(request).values())
    if name not in names:
        listed = ", ".join(names)
        error = InvalidArgumentError(
            "name", f"one of {listed}", name, expected_fr=f"un nom parmi {listed}"
        )
        french, english = in_languages(error)
        raise Problem.said(404, english, french)
    return json_response(schema(name))


async def openapi(request: Request) -> Response:
    """``GET /openapi.json``: the OpenAPI document of the packs served (made once)."""
    return json_response(openapi_document(query.served(request).values()))
