"""What keeps the service answering under load and abuse: evaluations off the event loop,
bodies of the declared type only, and connections that cannot be held open by a slow client.

- :func:`in_thread` runs an evaluation in a thread of a pool of :data:`EVALUATION_THREADS`,
  so the event loop keeps answering (``/v1/health``) while large documents are judged;
  :func:`evaluated` does so for a document larger than :data:`INLINE_BYTES` (a small one is
  judged at once: sending it to a thread would cost more than judging it).
- :func:`checked_body_headers` refuses a body whose ``Content-Type`` is not JSON or NDJSON
  (415) or whose ``Content-Encoding`` is not ``identity`` (400): the service decodes nothing.
- :func:`body_within` reads a body that must arrive within :data:`BODY_SECONDS`.
- :mod:`~dme_rules.service.connections` closes a connection whose request headers do not
  arrive within :data:`HEADER_SECONDS` (uvicorn's own keep-alive timeout closes an idle
  one, after :data:`KEEP_ALIVE_SECONDS`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request

from dme_rules.service.problems import Problem

__all__ = [
    "BODY_SECONDS",
    "BODY_TYPES",
    "ERROR_TEXT_CHARACTERS",
    "EVALUATION_THREADS",
    "HEADER_SECONDS",
    "INLINE_BYTES",
    "KEEP_ALIVE_SECONDS",
    "HeaderDeadline",
    "body_within",
    "checked_body_headers",
    "evaluated",
    "in_thread",
    "shortened",
]

T = TypeVar("T")

#: The threads that evaluate at once in one worker process: one. Python runs one thread at a
#: time; with two or more judging, the event loop waits its turn behind each of them at every
#: step of a request (``/v1/health`` took up to 190 ms while eight 1 MB documents were judged
#: on two threads, up to 80 ms on one). The worker processes (``--workers``) judge in
#: parallel.
EVALUATION_THREADS = 1
#: The largest document judged on the event loop itself (about 4 ms of work; a case of a few
#: complaints is 1 to 5 KB). A larger one goes to the evaluation threads.
INLINE_BYTES = 8_192
#: The media types of a body the service reads (a ``charset`` parameter allowed).
BODY_TYPES = ("application/json", "application/x-ndjson", "application/ndjson")
#: The seconds a client has to send its request headers.
HEADER_SECONDS = 10.0
#: The seconds a client has to send its whole body (100 MB at 10 MB/s and more).
BODY_SECONDS = 60.0
#: The most characters of a text in a batch's error line (a key of a megabyte, named in its
#: error, would otherwise come back twice over).
ERROR_TEXT_CHARACTERS = 500
#: The seconds an idle connection is kept between two requests.
KEEP_ALIVE_SECONDS = 5

_limiter: anyio.CapacityLimiter | None = None


async def in_thread(function: Callable[..., T], *arguments: Any) -> T:
    """``function(*arguments)`` run in the evaluation threads, off the event loop."""
    global _limiter
    if _limiter is None:  # made in the running loop
        _limiter = anyio.CapacityLimiter(EVALUATION_THREADS)
    return await anyio.to_thread.run_sync(function, *arguments, limiter=_limiter)


async def evaluated(function: Callable[..., T], body: bytes, *arguments: Any) -> T:
    """``function(body, *arguments)``: at once for a small ``body``, else in the evaluation
    threads (:func:`in_thread`)."""
    if len(body) <= INLINE_BYTES:
        return function(body, *arguments)
    return await in_thread(function, body, *arguments)


def checked_body_headers(request: Request) -> None:
    """Refuse a body the service would misread: a ``Content-Type`` other than JSON or NDJSON
    (415), a ``Content-Encoding`` other than ``identity`` (400). A request without a
    ``Content-Type`` is read as JSON.

    Raises:
        Problem: 415 or 400.
    """
    declared = request.headers.get("content-type")
    if declared is not None:
        media_type = declared.split(";", 1)[0].strip().lower()
        if media_type not in BODY_TYPES:
            listed = ", ".join(BODY_TYPES)
            shown = ascii(declared[:100])
            raise Problem.said(
                415,
                f"the Content-Type {shown} is not one the service reads: {listed}",
                f"le Content-Type {shown} n'est pas un de ceux que le service lit : {listed}",
            )
    encodings = [
        part.strip().lower()
        for value in request.headers.getlist("content-encoding")
        for part in value.split(",")
        if part.strip()
    ]
    if any(encoding != "identity" for encoding in encodings):
        shown = ascii(", ".join(encodings)[:100])
        raise Problem.said(
            400,
            f"the Content-Encoding {shown} is not read: send the body as is (identity)",
            f"le Content-Encoding {shown} n'est pas lu : envoyez le corps tel quel (identity)",
        )


async def body_within(read: Callable[[], Any], seconds: float = BODY_SECONDS) -> bytes:
    """The body ``read()`` returns, refused with a 408 when it takes more than ``seconds``.

    Raises:
        Problem: 408.
    """
    try:
        with anyio.fail_after(seconds):
            body: bytes = await read()
            return body
    except TimeoutError:
        raise Problem.said(
            408,
            f"the body did not arrive within {seconds:g} seconds",
            f"le corps n'est pas arrivé en {seconds:g} secondes",
        ) from None


class HeaderDeadline:
    """Closes the connection when a request's headers take more than ``header_seconds``:
    armed when the connection opens and when the next request starts on a kept one,
    disarmed once the request is under way."""

    header_seconds = HEADER_SECONDS
    cycle: Any
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and not self._in_request():
            self._arm()  # the first bytes of the next request on a kept connection
        super().data_received(data)  # type: ignore[misc]
        if self._in_request() and self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        super().connection_lost(exc)  # type: ignore[misc]

    def _in_request(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def _arm(self) -> None:
        self._header_timer = self.loop.call_later(self.header_seconds, self._too_slow)

    def _too_slow(self) -> None:
        self._header_timer = None
        if not self._in_request() and not self.transport.is_closing():
            self.transport.close()


def shortened(document: T) -> T:
    """``document`` (a problem's JSON) with each text longer than
    :data:`ERROR_TEXT_CHARACTERS` cut there and ended with ``…``."""
    if isinstance(document, str) and len(document) > ERROR_TEXT_CHARACTERS:
        return document[: ERROR_TEXT_CHARACTERS - 1] + "…"  # type: ignore[return-value]
    if isinstance(document, dict):
        return {key: shortened(value) for key, value in document.items()}  # type: ignore[return-value]
    if isinstance(document, list):
        return [shortened(value) for value in document]  # type: ignore[return-value]
    return document
