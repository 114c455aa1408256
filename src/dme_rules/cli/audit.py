"""``dme-rules audit PATH...``: many subjects judged into one table (``dme_rules.audit``).

A date ``--as-of`` is the end of that day in each subject's jurisdiction; the summary's
heading shows the instant in the default pack's time zone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dme_rules.audit import (
    STREAMED,
    Summary,
    audit_rows,
    audit_text,
    default_format,
    read_inputs,
    table_heading,
    write_table,
)
from dme_rules.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_VIOLATION,
    InputError,
    Worded,
    both,
    instant_of,
    not_an_input,
    output,
    say,
    usage_error,
)
from dme_rules.cli.words import WORDS
from dme_rules.engine.jurisdiction import default_jurisdiction
from dme_rules.engine.messages import ENGINE_MESSAGES
from dme_rules.engine.presentation import report_heading

__all__ = ["run"]


def _progress_bar(args: argparse.Namespace) -> Any:
    """A progress bar on a terminal's standard error (the audit extra), or ``None``."""
    if args.quiet or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # the progress bar is optional (the audit extra)
        return None
    return tqdm(unit=" inputs", file=sys.stderr, leave=False)


def _write_all(
    args: argparse.Namespace, fmt: str, as_of: date | datetime, summary: Summary, progress: Any
) -> None:
    """A format written from every row at once (Excel, Parquet, HTML)."""
    per_input = audit_rows(read_inputs(args.paths), as_of, lang=args.lang, readings=args.reading,
                           jobs=args.jobs, citations=fmt == "html")  # fmt: skip

    def rows() -> Iterator[dict[str, Any]]:
        for found in per_input:
            summary.add(found)
            if progress is not None:
                progress.update(1)
            yield from found

    if fmt == "html":
        all_rows = list(rows())
        with output(args.out) as out:
            write_table(all_rows, out, fmt, lang=args.lang, summary=summary)
        return
    try:
        write_table(list(rows()), args.out, fmt, lang=args.lang, summary=summary)
    except OSError as error:  # a full disk: the previous file is left as it was
        reason = Worded.why_not(error)
        raise InputError(f"{args.out}: {both('error.unwritable', reason=reason)}") from None


def run(args: argparse.Namespace) -> int:
    """Write one row per finding of every input; the summary on standard error; exit 2 when
    an input is invalid, else 1 on a violation."""
    fmt = args.format or default_format(args.out)
    if fmt in ("xlsx", "parquet") and args.out is None:
        raise usage_error(args, "error.needs_out", format=fmt)
    if args.excel and fmt != "csv":
        raise usage_error(args, "error.excel_csv", format=fmt)
    not_an_input(args.out, args.paths, args.prog)
    for path in args.paths:  # a folder without a case in it: a wrong path, most likely
        if path != "-" and Path(path).is_dir() and next(Path(path).rglob("*.json"), None) is None:
            raise usage_error(args, "error.audit_empty", folder=path)
    zone = default_jurisdiction().zone
    as_of = instant_of(args.as_of, zone)
    # A date: the end of that day in each subject's jurisdiction.
    is_date = isinstance(args.as_of, date) and not isinstance(args.as_of, datetime)
    summary = Summary()
    progress = _progress_bar(args)
    as_of_read = args.as_of if is_date else as_of
    if fmt in STREAMED:
        # Finished text and its part of the summary, batch by batch (from the workers).
        batches = audit_text(
            read_inputs(args.paths), as_of_read, fmt, lang=args.lang, readings=args.reading,
            spreadsheet=args.excel, jobs=args.jobs,
        )  # fmt: skip
        with output(args.out) as out:
            out.write(table_heading(fmt, args.excel))
            for text, part in batches:
                out.write(text)
                summary.merge(part)
                if progress is not None:
                    progress.update(part.inputs)
    else:
        _write_all(args, fmt, as_of_read, summary, progress)
    if progress is not None:
        progress.close()
    note = WORDS.template("check.now", args.lang) if args.as_of is None else ""
    say(report_heading(None, as_of, args.lang, messages=ENGINE_MESSAGES, zone=zone) + note)
    for line in summary.lines(args.lang):
        say(line)
    if summary.invalid:
        return EXIT_BAD_INPUT
    return EXIT_VIOLATION if summary.violation else EXIT_OK
