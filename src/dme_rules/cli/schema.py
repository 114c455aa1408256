"""``dme-rules schema NAME``: the JSON Schema of a subject's document, or of a report."""

from __future__ import annotations

import argparse

from dme_rules.cli.common import EXIT_OK, UsageError, print_json
from dme_rules.errors import InvalidArgumentError
from dme_rules.schemas import schema

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Print the schema named ``args.name`` (the packs' subjects' names and ``report``)."""
    try:
        document = schema(args.name)
    except InvalidArgumentError as error:
        raise UsageError(f"{args.prog}: {error}") from None
    print_json(document)
    return EXIT_OK
