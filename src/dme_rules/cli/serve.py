"""``dme-rules serve``: the HTTP decision service on uvicorn (the ``server`` extra)."""

from __future__ import annotations

import argparse
import errno
import socket

from dme_rules.cli.common import EXIT_OK, UsageError, Worded, both, usage_error

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; the decision log, if any, must be writable first."""
    try:
        from dme_rules.service import run as serve
    except ImportError as error:
        raise UsageError(f"{args.prog}: {error}") from None
    if args.decision_log:
        try:
            with open(args.decision_log, "a", encoding="utf-8"):
                pass
        except OSError as error:
            raise usage_error(
                args, "error.decision_log", path=args.decision_log, reason=Worded.why_not(error)
            ) from None
    address = f"{args.host}:{args.port}"
    _check_address(args, address)
    try:
        serve(
            args.host,
            args.port,
            args.workers,
            args.decision_log,
            access_log=args.access_log,
            cors_origins=args.cors_origin,
        )
    except SystemExit as stop:  # the server's own failure to start, after its line
        if stop.code in (None, 0):
            return EXIT_OK
        raise usage_error(args, "error.serve_start", address=address) from None
    return EXIT_OK


#: Why an address cannot be listened on, by the system's error number.
_REASONS = {
    errno.EADDRINUSE: "error.listen.in_use",
    errno.EACCES: "error.listen.denied",
    errno.EADDRNOTAVAIL: "error.listen.not_here",
}


def _check_address(args: argparse.Namespace, address: str) -> None:
    """Refuse, before the startup line, an address the service cannot listen on: its host
    unknown, or binding it refused (another server on the port, a port reserved to the
    administrator), as the server would bind it (reusing an address left waiting). An empty
    host is every interface, as the server reads it."""
    try:
        found = socket.getaddrinfo(
            args.host or None, args.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (socket.gaierror, UnicodeError):
        raise usage_error(
            args, "error.listen", address=address, reason="error.listen.unknown_host"
        ) from None
    family, kind, protocol, _, where = found[0]
    try:
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(where)
    except OSError as error:
        reason = _REASONS.get(error.errno or 0)
        if reason is None:
            detail = both("error.listen", address=address, reason="error.listen.other")
            raise UsageError(f"{args.prog}: {detail} [{error.errno}]") from None
        raise usage_error(args, "error.listen", address=address, reason=reason) from None
