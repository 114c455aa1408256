"""The packs' subject commands (:attr:`~dme_rules.engine.jurisdiction.Jurisdiction.commands`):
each reads one kind of subject from a file, with or without its ``"subject"`` key (the command
names the kind), and judges it now.

Each finding prints as its sentence, or with ``--format json`` as its JSON (one finding: the
object itself; several: a list); exit 1 on a violation.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from datetime import datetime

from dme_rules.cli.common import EXIT_OK, EXIT_VIOLATION, load, print_json, print_lines
from dme_rules.engine.evaluation import evaluate
from dme_rules.engine.jsonform import loads
from dme_rules.engine.jurisdiction import jurisdiction_of
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject

__all__ = ["run"]


def _reader(cls: type[Subject]) -> Callable[[bytes], Subject]:
    """A reader of ``cls``'s documents, its ``"subject"`` key given or not (the command names
    the kind)."""

    def read(text: bytes) -> Subject:
        data = loads(text)
        if isinstance(data, Mapping) and "subject" not in data:
            data = {"subject": cls.kind, **data}
        return cls.from_dict(data)

    return read


def run(args: argparse.Namespace) -> int:
    """Judge the document of ``args.subject`` at the current instant in its pack's zone."""
    subject = load(args.document, _reader(args.subject))
    pack = jurisdiction_of(args.jurisdiction)
    findings = evaluate(subject, datetime.now(pack.zone), readings=args.reading).findings
    if args.format == "json":
        documents = [finding.to_dict(args.lang) for finding in findings]
        print_json(documents[0] if len(documents) == 1 else documents)
    else:
        print_lines(finding.message(args.lang) for finding in findings)
    violated = any(finding.status is Status.VIOLATION for finding in findings)
    return EXIT_VIOLATION if violated else EXIT_OK
