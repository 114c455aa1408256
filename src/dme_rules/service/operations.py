"""What a production team runs the service with: request ids, the access log, CORS, the
metrics and the interactive API page.

:class:`Operations` wraps the application: each answer carries ``X-Request-ID`` (the
client's when it is a visible ASCII text of at most 200 characters, else a new one), and each
request, once answered, is counted in the metrics (when ``prometheus-client`` is installed)
and written as one JSON line to the access log (when there is one): the request id, the
method, the path, the status and the duration.

The metrics (:class:`Metrics`) are each worker process's own: with ``--workers N`` a scrape
of ``/metrics`` reaches one worker and gives what that worker counted since it started
(Prometheus adds the workers up when each is scraped apart; the counts of one scrape are not
the service's whole).
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from typing import Any, TextIO

from dme_rules.engine import _speed
from dme_rules.service.decisions import new_id

__all__ = ["Metrics", "Operations", "metrics_available"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: A client's request id kept as it is: visible ASCII, 1 to 200 characters.
_CLIENT_ID = re.compile(rb"[\x21-\x7e]{1,200}")

#: The latency histogram's buckets, in seconds.
_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def metrics_available() -> bool:
    """Whether ``prometheus-client`` is installed (the ``metrics`` extra)."""
    try:
        import prometheus_client  # noqa: F401
    except ImportError:
        return False
    return True


class Metrics:
    """This worker's counts, in a registry of its own: requests by method, route and status,
    their latency by route, decisions by overall status."""

    def __init__(self) -> None:
        from prometheus_client import CollectorRegistry, Counter, Histogram

        self.registry = CollectorRegistry()
        self.requests = Counter(
            "dme_rules_http_requests",
            "HTTP requests answered, by method, route and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "dme_rules_http_request_duration_seconds",
            "Time to answer an HTTP request, by route",
            ["route"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.decisions = Counter(
            "dme_rules_decisions",
            "Evaluations made, by the report's overall status",
            ["status"],
            registry=self.registry,
        )

    def answered(self, method: str, route: str, status: int, duration: float) -> None:
        """Count one answered request."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(route).observe(duration)

    def decided(self, status: str) -> None:
        """Count one decision of overall ``status``."""
        self.decisions.labels(status).inc()

    def text(self) -> tuple[bytes, str]:
        """The Prometheus text exposition of the counts, and its media type."""
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class Operations:
    """ASGI middleware: the request id, the metrics and the access log of each request.

    Args:
        app: The application it wraps.
        metrics: Where requests are counted, or ``None``.
        access_log: Where one JSON line per request is written, or ``None``.
    """

    def __init__(
        self, app: ASGIApp, metrics: Metrics | None = None, access_log: TextIO | None = None
    ) -> None:
        self.app, self.metrics, self.access_log = app, metrics, access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        header = (b"x-request-id", request_id.encode("ascii"))
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), header]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            duration = time.perf_counter() - started
            if self.metrics is not None:
                route = getattr(scope.get("route"), "path", None) or "unmatched"
                self.metrics.answered(scope["method"], route, status, duration)
            if self.access_log is not None:
                self._log(scope, request_id, status, duration)

    def _log(self, scope: Scope, request_id: str, status: int, duration: float) -> None:
        line = {
            "time": datetime.now(UTC).isoformat(),
            "request_id": request_id,
            "method": scope["method"],
            "path": scope["path"],
            "status": status,
            "duration_ms": round(duration * 1000, 3),
        }
        assert self.access_log is not None
        self.access_log.write(_speed.json_line(line))
        self.access_log.flush()


def _request_id(scope: Scope) -> str:
    """The client's ``X-Request-ID`` when it is visible ASCII of at most 200 characters, else
    a new one."""
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            return value.decode("ascii") if _CLIENT_ID.fullmatch(value) else new_id()
    return new_id()
