"""``dme-rules check FILE.json``: one subject judged against every rule of its jurisdiction.

The file names its subject's kind (``"subject"``; the default subject without one); a date
``--as-of`` is the end of that day in the subject's jurisdiction; ``--plot`` draws the timeline
of a subject its pack draws.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from dme_rules.cli.common import (
    EXIT_OK,
    EXIT_VIOLATION,
    InputError,
    both,
    instant_of,
    load,
    print_json,
    print_lines,
    usage_error,
)
from dme_rules.cli.words import WORDS
from dme_rules.engine.evaluation import evaluate, read_subject
from dme_rules.engine.jurisdiction import Jurisdiction, jurisdiction_of
from dme_rules.engine.report import Report
from dme_rules.engine.sensitivity import sensitivity
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject
from dme_rules.errors import DmeRulesError

__all__ = ["run"]


def _explanations(report: Report, lang: str) -> list[tuple[str, list[str]]]:
    """Each rule of the report whose findings have steps to explain, with its lines."""
    explained = []
    for rule_id in dict.fromkeys(finding.rule_id for finding in report.findings):
        lines = report.explain(rule_id, lang)
        if any(line.startswith("- ") for line in lines):
            explained.append((rule_id, lines))
    return explained


def _with_explanations(document: dict[str, Any], explained: list[tuple[str, list[str]]]) -> None:
    """``--explain`` in JSON: the explanations beside the document, one entry per rule."""
    document["explanations"] = [
        {"rule_id": rule_id, "lines": lines} for rule_id, lines in explained
    ]


def _print_explanations(explained: list[tuple[str, list[str]]], lang: str) -> None:
    """``--explain`` as text: a heading, then each rule's steps."""
    if explained:
        print()
        print(WORDS.template("check.explanations", lang))
        for _, lines in explained:
            print()
            print_lines(lines)


def _draws(pack: Jurisdiction, subject: Subject) -> bool:
    """Whether ``pack`` draws the timeline of ``subject``."""
    return pack.timeline is not None and isinstance(subject, pack.timeline.subjects)


def _plot(args: argparse.Namespace, subject: Subject, report: Report) -> None:
    """Draw the report's timeline into ``--plot``.

    Raises:
        InputError: The picture cannot be written.
    """
    from dme_rules.plot import save_timeline

    draw: Callable[..., None] = save_timeline  # any subject its pack draws (checked before)
    try:
        draw(subject, report, args.plot, lang=args.lang)
    except DmeRulesError:
        raise
    except (OSError, ValueError, RuntimeError) as error:  # the file system or the format
        text = both("error.picture", reason=type(error).__name__, error=error)
        raise InputError(f"{args.plot}: {text}") from None


def _sensitivity(args: argparse.Namespace, subject: Subject, pack: Jurisdiction) -> int:
    """``--sensitivity``: each finding under each other reading, as text or JSON, and with
    ``--explain`` the steps of the due dates under the chosen readings after it."""
    if args.format == "fhir" or args.plot is not None:
        raise usage_error(args, "error.sensitivity")
    found = sensitivity(subject, instant_of(args.as_of, pack.zone), readings=args.reading)
    explained = _explanations(found.report, args.lang) if args.explain else []
    if args.format == "json":
        document = found.to_dict()
        if args.explain:
            _with_explanations(document, explained)
        print_json(document)
    else:
        print_lines(found.lines(args.lang))
        _print_explanations(explained, args.lang)
    return EXIT_VIOLATION if found.report.status is Status.VIOLATION else EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Judge the file's subject at ``--as-of`` (now by default, and said so); print the
    report as a table, JSON or FHIR; exit 1 on a violation."""
    subject = load(args.case, read_subject)
    pack = jurisdiction_of(subject.kind)
    if args.sensitivity:
        return _sensitivity(args, subject, pack)
    if args.plot is not None and not _draws(pack, subject):
        raise usage_error(args, "error.no_timeline", kind=subject.kind)
    report = evaluate(subject, instant_of(args.as_of, pack.zone), readings=args.reading)
    if args.plot is not None:
        _plot(args, subject, report)
    explained = _explanations(report, args.lang) if args.explain else []
    if args.format == "json":
        document = report.to_dict(args.lang)
        if args.explain:
            _with_explanations(document, explained)
        print_json(document)
    elif args.format == "fhir":
        print_json(report.to_fhir(args.lang))
    else:
        note = WORDS.template("check.now", args.lang) if args.as_of is None else ""
        print_lines(report.lines(args.lang, note=note))
        _print_explanations(explained, args.lang)
    return EXIT_VIOLATION if report.status is Status.VIOLATION else EXIT_OK
