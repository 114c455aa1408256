"""``dme-rules serve``: the HTTP decision service on uvicorn (the ``server`` extra)."""

from __future__ import annotations

import argparse

from dme_rules.cli.common import EXIT_OK, UsageError, usage_error

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
                args, "error.decision_log", path=args.decision_log, reason=error.strerror
            ) from None
    serve(
        args.host,
        args.port,
        args.workers,
        args.decision_log,
        access_log=args.access_log,
        cors_origins=args.cors_origin,
    )
    return EXIT_OK
