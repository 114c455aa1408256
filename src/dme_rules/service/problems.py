"""The service's errors: RFC 9457 problems, or FHIR OperationOutcomes, and the handlers that
turn every exception into one.

A :class:`Problem` is raised wherever a request is found at fault; the exception handlers of
:func:`exception_handlers` answer it as ``application/problem+json`` (``type``, ``title``,
``status``, ``detail`` and ``errors``, each with the JSON ``path`` and what was ``expected``),
or as a FHIR R4 OperationOutcome when the client prefers ``application/fhir+json``
(:func:`wants_fhir`). Starlette's own errors (an unknown path, a method not allowed) and a
client that leaves mid-body are answered the same way; anything else is a bug, answered 500
and printed on standard error.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypedDict

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from dme_rules.engine import _speed
from dme_rules.engine.messages import LANGUAGES
from dme_rules.errors import DmeRulesError, InvalidArgumentError, InvalidCaseError, _shown

__all__ = [
    "CALENDAR",
    "FHIR",
    "JSON",
    "MAX_ERRORS",
    "NDJSON",
    "PROBLEM",
    "PROBLEMS",
    "Problem",
    "ProblemDocument",
    "ProblemError",
    "exception_handlers",
    "in_languages",
    "json_response",
    "request_lang",
    "wants_calendar",
    "wants_fhir",
]

JSON = "application/json"
FHIR = "application/fhir+json"
PROBLEM = "application/problem+json"
NDJSON = "application/x-ndjson"
CALENDAR = "text/calendar"

#: Each status the service answers with a problem: the problem's type and its title in each
#: language.
PROBLEMS = {
    400: ("bad-request", {"fr": "Requête invalide", "en": "Bad request"}),
    404: ("not-found", {"fr": "Introuvable", "en": "Not found"}),
    405: ("method-not-allowed", {"fr": "Méthode non permise", "en": "Method not allowed"}),
    408: ("timeout", {"fr": "Délai dépassé", "en": "Request timeout"}),
    413: ("too-large", {"fr": "Contenu trop volumineux", "en": "Content too large"}),
    415: (
        "unsupported-media-type",
        {"fr": "Type de contenu non pris en charge", "en": "Unsupported media type"},
    ),
    422: ("invalid-input", {"fr": "Entrée invalide", "en": "Invalid input"}),
    500: ("internal-error", {"fr": "Erreur interne", "en": "Internal error"}),
}
_OTHER = ("error", {"fr": "Erreur", "en": "Error"})

#: The most paths a problem lists.
MAX_ERRORS = 100

#: The FHIR issue code of each status (``exception`` for the others).
_FHIR_CODES = {404: "not-found", 413: "too-costly", 422: "invalid"}


class ProblemError(TypedDict):
    """One value at fault: its JSON path (or a query parameter's name) and what was expected."""

    path: str
    expected: str


class ProblemDocument(TypedDict):
    """A problem's JSON (RFC 9457)."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemError]


class Problem(Exception):
    """An HTTP error to answer: its status, and its detail and values at fault in each language.

    Args:
        status: The HTTP status.
        detail: One sentence saying what is wrong (in French, or in every language).
        errors: Each value at fault (what was expected in French, or in every language).
        detail_en: The sentence in English (``detail`` by default).
        errors_en: The values at fault, what was expected in English (``errors`` by default).
    """

    def __init__(
        self,
        status: int,
        detail: str,
        errors: list[ProblemError] | None = None,
        *,
        detail_en: str | None = None,
        errors_en: list[ProblemError] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, (errors or [])[:MAX_ERRORS]
        english = (errors_en if errors_en is not None else errors or [])[:MAX_ERRORS]
        self.texts = {"fr": (detail, self.errors), "en": (detail_en or detail, english)}

    @classmethod
    def invalid(cls, path: str, expected: str, expected_fr: str) -> Problem:
        """The 422 of one value at ``path`` (a JSON path, or a query parameter's name): what
        was expected, in English and in French."""
        return cls.of(InvalidCaseError(path, expected, expected_fr=expected_fr))

    @classmethod
    def said(cls, status: int, english: str, french: str) -> Problem:
        """A problem whose detail is a sentence in French and in English."""
        return cls(status, french, detail_en=english)

    @classmethod
    def of(cls, error: DmeRulesError, where: str = "$") -> Problem:
        """The 422 of a library error: each value at fault, its path and what was expected
        (``where`` for an error that names no path); its detail the first error."""
        found = [*getattr(error, "errors", ())] or [error]
        french: list[ProblemError] = []
        english: list[ProblemError] = []
        for one in found[:MAX_ERRORS]:
            if isinstance(one, InvalidCaseError):
                path, fr, en = one.path, one.expected_fr, one.expected
            elif isinstance(one, InvalidArgumentError):
                path, fr, en = one.field, one.expected_fr, one.expected
            else:
                path, (fr, en) = where, in_languages(one)
            french.append({"path": path, "expected": fr})
            english.append({"path": path, "expected": en})
        detail_fr, detail_en = in_languages(error)
        more = len(found) - 1
        if more:
            detail_fr += (
                f" (et {more} autre{'s' if more > 1 else ''} erreur{'s' if more > 1 else ''})"
            )
            detail_en += f" (and {more} more error{'s' if more > 1 else ''})"
        return cls(422, detail_fr, french, detail_en=detail_en, errors_en=english)

    def document(self, lang: str = "fr") -> ProblemDocument:
        """The problem's JSON (RFC 9457), its words in ``lang``."""
        kind, titles = PROBLEMS.get(self.status, _OTHER)
        detail, errors = self.texts.get(lang, self.texts["fr"])
        return {
            "type": f"urn:dme-rules:problem:{kind}",
            "title": titles.get(lang, titles["fr"]),
            "status": self.status,
            "detail": detail,
            "errors": errors,
        }

    def fhir(self, lang: str = "fr") -> dict[str, Any]:
        """The problem as a FHIR R4 OperationOutcome, its words in ``lang``."""
        code = _FHIR_CODES.get(self.status, "exception")
        detail, errors = self.texts.get(lang, self.texts["fr"])
        issues = [
            {
                "severity": "error",
                "code": code,
                "diagnostics": detail if len(errors) == 1 else error["expected"],
                "expression": [error["path"]],
            }
            for error in errors
        ] or [{"severity": "error", "code": code, "diagnostics": detail}]
        return {"resourceType": "OperationOutcome", "issue": issues}


def in_languages(error: DmeRulesError) -> tuple[str, str]:
    """The message of a library error in French and in English (each error says both, French
    first, on one line)."""
    if isinstance(error, InvalidCaseError):
        if error.given is None:
            return (
                f"{error.path} : attendu {error.expected_fr}",
                f"{error.path}: expected {error.expected}",
            )
        return (
            f"{error.path} : {error.given_fr} ; attendu {error.expected_fr}",
            f"{error.path}: {error.given}; expected {error.expected}",
        )
    if isinstance(error, InvalidArgumentError):
        shown = _shown(error.got)
        return (
            f"{error.field} : attendu {error.expected_fr}, reçu {shown}",
            f"{error.field}: expected {error.expected}, got {shown}",
        )
    message = str(error)
    if message.count(" / ") == 1:
        french, english = message.split(" / ")
        return french, english
    return message, message


def request_lang(request: Request) -> str:
    """The language of a request's words: its ``lang`` when it is one of the library's, else
    the first of them its ``Accept-Language`` prefers, else French."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    best, weight = LANGUAGES[0], 0.0
    for part in request.headers.get("accept-language", "").split(","):
        tag, *params = (piece.strip() for piece in part.split(";"))
        language = tag.split("-")[0].lower()
        found = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    found = float(value)
                except ValueError:
                    found = 0.0
        if language in LANGUAGES and found > weight:
            best, weight = language, found
    return best


def json_response(document: Any, status: int = 200, media_type: str = JSON) -> Response:
    """``document`` as compact UTF-8 JSON."""
    body = _speed.json_line(document)[:-1].encode("utf-8")
    return Response(body, status_code=status, media_type=media_type)


def _accepted(request: Request) -> dict[str, float]:
    """Each media type the client accepts, with its weight (``q``)."""
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
    return weights


def wants_fhir(request: Request) -> bool:
    """Whether the client prefers FHIR: ``application/fhir+json`` accepted (any case, any
    parameter but ``q=0``) at least as much as ``application/json``."""
    weights = _accepted(request)
    fhir = weights.get(FHIR, 0.0)
    return fhir > 0 and fhir >= weights.get(JSON, 0.0)


def wants_calendar(request: Request) -> bool:
    """Whether the client prefers an iCalendar: ``text/calendar`` accepted more than
    ``application/json``."""
    weights = _accepted(request)
    return weights.get(CALENDAR, 0.0) > weights.get(JSON, 0.0)


def problem_response(request: Request, problem: Problem) -> Response:
    """The answer of ``problem``, in the form the client prefers."""
    lang = request_lang(request)
    if wants_fhir(request):
        return json_response(problem.fhir(lang), problem.status, FHIR)
    return json_response(problem.document(lang), problem.status, PROBLEM)


async def on_problem(request: Request, problem: Exception) -> Response:
    """A request found at fault."""
    assert isinstance(problem, Problem)
    return problem_response(request, problem)


async def on_http(request: Request, error: Exception) -> Response:
    """Starlette's own errors: an unknown path (404), a method not allowed (405)."""
    status = getattr(error, "status_code", 500)
    headers = getattr(error, "headers", None) or {}
    if status == 404:
        problem = Problem.said(
            404, "nothing is served at this path", "rien n'est servi à ce chemin"
        )
    elif status == 405:
        allowed = ", ".join(sorted(headers.get("Allow", "").split(", ")))
        problem = Problem.said(
            405,
            f"this path does not take the method {request.method}; it takes {allowed}",
            f"ce chemin ne prend pas la méthode {request.method} ; il prend {allowed}",
        )
    elif status in PROBLEMS:
        english, french = PROBLEMS[status][1]["en"], PROBLEMS[status][1]["fr"]
        problem = Problem.said(status, english, french)
    else:
        problem = Problem(status, str(getattr(error, "detail", error)))
    response = problem_response(request, problem)
    response.headers.update(headers)  # Allow, for a 405
    return response


async def on_disconnect(request: Request, error: Exception) -> Response:
    """The client left while sending its body: nobody reads the answer; not a bug."""
    closed = Problem.said(400, "the client closed the connection", "le client a fermé la connexion")
    return problem_response(request, closed)


async def on_bug(request: Request, error: Exception) -> Response:
    """Anything else: a bug, printed on standard error and answered 500."""
    print(f"dme-rules serve: internal error: {error!r}", file=sys.stderr)
    problem = Problem.said(
        500,
        "an internal error: please report it with the request that caused it",
        "une erreur interne : merci de la signaler avec la requête qui l'a causée",
    )
    return problem_response(request, problem)


def exception_handlers() -> Mapping[Any, Callable[[Request, Exception], Awaitable[Response]]]:
    """The application's exception handlers, by the exception each answers."""
    return {
        Problem: on_problem,
        HTTPException: on_http,
        ClientDisconnect: on_disconnect,
        Exception: on_bug,
    }
