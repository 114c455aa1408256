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
from dme_rules.errors import DmeRulesError, InvalidArgumentError, InvalidCaseError

__all__ = [
    "FHIR",
    "JSON",
    "NDJSON",
    "PROBLEM",
    "PROBLEMS",
    "Problem",
    "ProblemDocument",
    "ProblemError",
    "exception_handlers",
    "json_response",
    "wants_fhir",
]

JSON = "application/json"
FHIR = "application/fhir+json"
PROBLEM = "application/problem+json"
NDJSON = "application/x-ndjson"

#: Each status the service answers with a problem: the problem's type and its title.
PROBLEMS = {
    400: ("bad-request", "Requête invalide / Bad request"),
    404: ("not-found", "Introuvable / Not found"),
    405: ("method-not-allowed", "Méthode non permise / Method not allowed"),
    408: ("timeout", "Délai dépassé / Request timeout"),
    413: ("too-large", "Contenu trop volumineux / Content too large"),
    415: ("unsupported-media-type", "Type de contenu non pris en charge / Unsupported media type"),
    422: ("invalid-input", "Entrée invalide / Invalid input"),
    500: ("internal-error", "Erreur interne / Internal error"),
}

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
    """An HTTP error to answer: its status, detail and the values at fault.

    Args:
        status: The HTTP status.
        detail: One sentence saying what is wrong.
        errors: Each value at fault.
    """

    def __init__(self, status: int, detail: str, errors: list[ProblemError] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or []

    @classmethod
    def invalid(cls, path: str, expected: str, expected_fr: str) -> Problem:
        """The 422 of one value at ``path`` (a JSON path, or a query parameter's name): what
        was expected, in English and in French (the detail says it in French first)."""
        return cls.of(InvalidCaseError(path, expected, expected_fr=expected_fr))

    @classmethod
    def said(cls, status: int, english: str, french: str) -> Problem:
        """A problem whose detail is a sentence in French, then in English."""
        return cls(status, f"{french} / {english}")

    @classmethod
    def of(cls, error: DmeRulesError, where: str = "$") -> Problem:
        """The 422 of a library error: its path and what was expected (``where`` for an error
        that names no path)."""
        if isinstance(error, InvalidCaseError):
            path, expected = error.path, error.expected
        elif isinstance(error, InvalidArgumentError):
            path, expected = error.field, error.expected
        else:
            path, expected = where, str(error)
        return cls(422, str(error), [{"path": path, "expected": expected}])

    def document(self) -> ProblemDocument:
        """The problem's JSON (RFC 9457)."""
        kind, title = PROBLEMS.get(self.status, ("error", "Erreur / Error"))
        return {
            "type": f"urn:dme-rules:problem:{kind}",
            "title": title,
            "status": self.status,
            "detail": self.detail,
            "errors": self.errors,
        }

    def fhir(self) -> dict[str, Any]:
        """The problem as a FHIR R4 OperationOutcome."""
        code = _FHIR_CODES.get(self.status, "exception")
        issues = [
            {
                "severity": "error",
                "code": code,
                "diagnostics": self.detail if len(self.errors) == 1 else error["expected"],
                "expression": [error["path"]],
            }
            for error in self.errors
        ] or [{"severity": "error", "code": code, "diagnostics": self.detail}]
        return {"resourceType": "OperationOutcome", "issue": issues}


def json_response(document: Any, status: int = 200, media_type: str = JSON) -> Response:
    """``document`` as compact UTF-8 JSON."""
    body = _speed.json_line(document)[:-1].encode("utf-8")
    return Response(body, status_code=status, media_type=media_type)


def wants_fhir(request: Request) -> bool:
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


def problem_response(request: Request, problem: Problem) -> Response:
    """The answer of ``problem``, in the form the client prefers."""
    if wants_fhir(request):
        return json_response(problem.fhir(), problem.status, FHIR)
    return json_response(problem.document(), problem.status, PROBLEM)


async def on_problem(request: Request, problem: Exception) -> Response:
    """A request found at fault."""
    assert isinstance(problem, Problem)
    return problem_response(request, problem)


async def on_http(request: Request, error: Exception) -> Response:
    """Starlette's own errors: an unknown path (404), a method not allowed (405)."""
    status = getattr(error, "status_code", 500)
    detail = str(getattr(error, "detail", error))
    response = problem_response(request, Problem(status, detail))
    response.headers.update(getattr(error, "headers", None) or {})  # Allow, for a 405
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
