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

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Route

from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.service import handlers
from dme_rules.service.decisions import DecisionLog
from dme_rules.service.problems import exception_handlers
from dme_rules.service.query import serving

__all__ = ["DECISION_LOG_VARIABLE", "ROUTES", "create_app", "create_app_from_environment", "run"]

#: The environment variable through which ``dme-rules serve`` gives its workers the log.
DECISION_LOG_VARIABLE = "DME_RULES_DECISION_LOG"

#: Every endpoint: its path, its handler and its method.
ROUTES = (
    Route("/v1/health", handlers.health, methods=["GET"]),
    Route("/v1/evaluate", handlers.evaluate_one, methods=["POST"]),
    Route("/v1/evaluate/batch", handlers.evaluate_batch, methods=["POST"]),
    Route("/v1/rules", handlers.rules, methods=["GET"]),
    Route("/v1/rules/{rule_id}", handlers.rule, methods=["GET"]),
    Route("/v1/deadlines", handlers.deadlines, methods=["GET"]),
    Route("/v1/calendars/{calendar_id}/{year}", handlers.calendar, methods=["GET"]),
    Route("/v1/schemas/{name}", handlers.json_schema, methods=["GET"]),
    Route("/openapi.json", handlers.openapi, methods=["GET"]),
)


def create_app(
    decision_log: str | os.PathLike[str] | None = None,
    *,
    jurisdictions: Iterable[Jurisdiction] | Mapping[str, Jurisdiction] | None = None,
) -> Starlette:
    """The service's ASGI application: ``decision_log`` a file to append decisions to,
    serving ``jurisdictions`` (registered packs, or a mapping of them by id; every registered
    pack by default, the default one answering a request that names none).

    Raises:
        InvalidArgumentError: A pack that is not a registered Jurisdiction, or none.
    """
    app = Starlette(routes=list(ROUTES), exception_handlers=exception_handlers())
    app.state.jurisdictions = serving(jurisdictions)
    app.state.decision_log = DecisionLog(decision_log) if decision_log else None
    return app


def create_app_from_environment() -> Starlette:
    """:func:`create_app` with the decision log named by ``DME_RULES_DECISION_LOG`` (how
    ``dme-rules serve`` configures each worker process)."""
    return create_app(decision_log=os.environ.get(DECISION_LOG_VARIABLE) or None)


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    decision_log: str | None = None,
    log_level: str = "warning",
) -> None:
    """Serve on uvicorn until interrupted (``dme-rules serve``)."""
    import uvicorn

    from dme_rules.service.connections import protocol
    from dme_rules.service.limits import KEEP_ALIVE_SECONDS

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
        http=protocol(),
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
