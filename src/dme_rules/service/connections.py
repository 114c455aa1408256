"""uvicorn's HTTP/1.1 protocols, closing a connection whose request headers do not all
arrive within :data:`~dme_rules.service.limits.HEADER_SECONDS`.

A client that opens connections and sends its headers a byte at a time would otherwise hold
them open for ever: uvicorn times out an idle connection between two requests
(``timeout_keep_alive``), not one that is slow to say its request. :func:`protocol` gives
the protocol ``dme-rules serve`` uses: on httptools when it is installed (uvicorn's own
choice), else on h11.
"""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from dme_rules.service.limits import HeaderDeadline

__all__ = ["SlowClientH11Protocol", "SlowClientHttpToolsProtocol", "protocol"]


class SlowClientH11Protocol(HeaderDeadline, H11Protocol):
    """uvicorn's h11 protocol with a deadline for the request's headers."""


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # httptools is not installed: h11 alone
    SlowClientHttpToolsProtocol: type[Any] | None = None
else:

    class SlowClientHttpToolsProtocol(HeaderDeadline, HttpToolsProtocol):  # type: ignore[no-redef]
        """uvicorn's httptools protocol with a deadline for the request's headers."""


def protocol() -> type[Any]:
    """The protocol class to serve with: on httptools when installed, else on h11."""
    return SlowClientHttpToolsProtocol or SlowClientH11Protocol
