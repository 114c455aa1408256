"""The service as an ASGI application: the routes, each pointing at its handler, and what
the application serves.

:func:`create_app` is handed the packs it serves (every registered pack by default) and keeps
them in ``app.state``, where the handlers find them; nothing here knows which they are. A
request that names no pack (``?jurisdiction=``) is answered by the default one, the pack of
the default subject; a document without a ``"subject"`` key is the default subject, and a date
``as_of`` is the end of that day in the zone of the document's pack.

:func:`run` serves it on uvicorn, each worker process making its own with
:func:`create_app_from_environment`.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from dme_rules._version import VERSION
from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.errors import InvalidCaseError
from dme_rules.service import handlers, pages, query
from dme_rules.service.decisions import DecisionLog
from dme_rules.service.openapi import openapi_document
from dme_rules.service.operations import Metrics, Operations, metrics_available
from dme_rules.service.problems import Problem, exception_handlers
from dme_rules.service.query import serving

__all__ = [
    "ACCESS_LOG_VARIABLE",
    "CORS_VARIABLE",
    "DECISION_LOG_VARIABLE",
    "ROUTES",
    "create_app",
    "create_app_from_environment",
    "run",
    "startup_line",
]

#: The environment variable through which ``dme-rules serve`` gives its workers the log.
DECISION_LOG_VARIABLE = "DME_RULES_DECISION_LOG"
#: ... and whether to write the access log (``1``).
ACCESS_LOG_VARIABLE = "DME_RULES_ACCESS_LOG"
#: ... and the origins CORS answers, one a line.
CORS_VARIABLE = "DME_RULES_CORS_ORIGINS"

Endpoint = Callable[[Request], Awaitable[Response]]


def _declared(endpoint: Endpoint) -> Endpoint:
    """``endpoint``, refusing first a query parameter its operation does not declare in the
    OpenAPI document (a 422 naming it), and a ``lang`` that is not one of the library's."""

    @functools.wraps(endpoint)
    async def checked(request: Request) -> Response:
        path = getattr(request.scope.get("route"), "path", "")
        method = "get" if request.method == "HEAD" else request.method.lower()
        allowed = request.app.state.parameters.get((path, method))
        if allowed is not None:
            for name in request.query_params:
                if name not in allowed:
                    listed = ", ".join(sorted(allowed)) or "-"
                    unknown = InvalidCaseError(
                        name,
                        f"a query parameter of this path: {listed}",
                        expected_fr=f"un paramètre de requête de ce chemin : {listed}",
                        given="an unknown query parameter",
                        given_fr="un paramètre de requête inconnu",
                    )
                    raise Problem.of(unknown)
        query.lang(request)  # every endpoint takes lang (its problems' words); a bad one is a 422
        return await endpoint(request)

    return checked


#: Every endpoint: its path, its handler and its method.
ROUTES = (
    Route("/v1/health", _declared(handlers.health), methods=["GET"]),
    Route("/v1/evaluate", _declared(handlers.evaluate_one), methods=["POST"]),
    Route("/v1/evaluate/batch", _declared(handlers.evaluate_batch), methods=["POST"]),
    Route("/v1/rules", _declared(handlers.rules), methods=["GET"]),
    Route("/v1/rules/{rule_id}", _declared(handlers.rule), methods=["GET"]),
    Route("/v1/deadlines", _declared(handlers.deadlines), methods=["GET"]),
    Route("/v1/calendars/{calendar_id}/{year}", _declared(handlers.calendar), methods=["GET"]),
    Route("/v1/schemas/{name}", _declared(handlers.json_schema), methods=["GET"]),
    Route("/openapi.json", handlers.openapi, methods=["GET"]),
    Route("/metrics", pages.metrics, methods=["GET"]),
    Route("/docs", pages.docs, methods=["GET"]),
)


def _parameters(packs: Mapping[str, Jurisdiction]) -> dict[tuple[str, str], frozenset[str]]:
    """The query parameters each operation of the OpenAPI document declares."""
    document = openapi_document(packs.values())
    return {
        (path, method): frozenset(p["name"] for p in op.get("parameters", ()) if p["in"] == "query")
        for path, operations in document["paths"].items()
        for method, op in operations.items()
    }


def create_app(
    decision_log: str | os.PathLike[str] | None = None,
    *,
    jurisdictions: Iterable[Jurisdiction] | Mapping[str, Jurisdiction] | None = None,
    access_log: TextIO | None = None,
    cors_origins: Sequence[str] = (),
    metrics: bool = True,
) -> Starlette:
    """The service's ASGI application: ``decision_log`` a file to append decisions to,
    serving ``jurisdictions`` (registered packs, or a mapping of them by id; every registered
    pack by default, the default one answering a request that names none), writing one JSON
    line per request to ``access_log`` (none by default), answering CORS requests from
    ``cors_origins`` only (none by default), counting requests and decisions for
    ``/metrics`` when ``metrics`` and ``prometheus-client`` is installed.

    Raises:
        InvalidArgumentError: A pack that is not a registered Jurisdiction, or none.
    """
    counted = Metrics() if metrics and metrics_available() else None
    middleware = [Middleware(Operations, metrics=counted, access_log=access_log)]
    if cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Accept", "Accept-Language", "X-Request-ID"],
                expose_headers=["X-Request-ID", "X-Decision-ID"],
            )
        )
    routes: list[BaseRoute] = list(ROUTES)
    assets = pages.assets()
    if assets is not None:
        routes.append(Mount("/docs/assets", app=assets, name="docs-assets"))
    app = Starlette(routes=routes, exception_handlers=exception_handlers(), middleware=middleware)
    app.state.jurisdictions = serving(jurisdictions)
    app.state.parameters = _parameters(app.state.jurisdictions)
    app.state.decision_log = DecisionLog(decision_log) if decision_log else None
    app.state.metrics = counted
    return app


def create_app_from_environment() -> Starlette:
    """:func:`create_app` configured by the environment, as ``dme-rules serve`` configures
    each worker process: the decision log ``DME_RULES_DECISION_LOG``, the access log on
    standard output when ``DME_RULES_ACCESS_LOG`` is ``1``, the CORS origins
    ``DME_RULES_CORS_ORIGINS`` (one a line)."""
    origins = os.environ.get(CORS_VARIABLE, "").split("\n")
    return create_app(
        decision_log=os.environ.get(DECISION_LOG_VARIABLE) or None,
        access_log=sys.stdout if os.environ.get(ACCESS_LOG_VARIABLE) == "1" else None,
        cors_origins=[origin for origin in origins if origin],
    )


def startup_line(host: str, port: int, workers: int) -> str:
    """What ``dme-rules serve`` prints as it starts: the address, the workers and the
    library's version, in French then English."""
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}"
    plural = "s" if workers > 1 else ""
    return (
        f"dme-rules serve : {address}, {workers} processus, dme_rules {VERSION} / "
        f"dme-rules serve: {address}, {workers} worker{plural}, dme_rules {VERSION}"
    )


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    decision_log: str | None = None,
    log_level: str = "warning",
    *,
    access_log: bool = False,
    cors_origins: Sequence[str] = (),
) -> None:
    """Serve on uvicorn until interrupted (``dme-rules serve``), after one startup line on
    standard error."""
    import uvicorn

    from dme_rules.service.connections import protocol
    from dme_rules.service.limits import KEEP_ALIVE_SECONDS

    if decision_log:
        os.environ[DECISION_LOG_VARIABLE] = str(Path(decision_log).resolve())
    os.environ[ACCESS_LOG_VARIABLE] = "1" if access_log else ""
    os.environ[CORS_VARIABLE] = "\n".join(cors_origins)
    print(startup_line(host, port, workers), file=sys.stderr, flush=True)
    uvicorn.run(
        "dme_rules.service:create_app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,
        http=protocol(),
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
