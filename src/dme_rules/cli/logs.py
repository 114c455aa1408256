"""The packs' log audits (:attr:`~dme_rules.engine.jurisdiction.Jurisdiction.logs`): each a
command of its own that judges months of event logs at scale into one table (``.parquet`` or
``.csv``), with progress lines and a summary by rule and status on standard error.

A date ``--as-of`` is the end of that day in the pack's time zone.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dme_rules._files import replacing
from dme_rules.cli.common import (
    EXIT_OK,
    EXIT_VIOLATION,
    InputError,
    UsageError,
    Worded,
    both,
    instant_of,
    not_an_input,
    say,
    usage_error,
)
from dme_rules.cli.parser import table_dest
from dme_rules.cli.words import WORDS
from dme_rules.engine.jurisdiction import jurisdiction_of
from dme_rules.engine.status import Status

__all__ = ["run"]

#: The suffixes of the table written, and whether each is Parquet.
_SUFFIXES = {".parquet": True, ".csv": False}


def _write(table: object, out: Path, prog: str) -> None:
    """Write ``table`` (Arrow) to ``out`` as Parquet or CSV by its suffix, whole or not at
    all (:func:`~dme_rules._files.replacing`).

    Raises:
        UsageError: pyarrow is not installed.
        InputError: The file cannot be written.
    """
    try:
        import pyarrow.csv as pcsv
        import pyarrow.parquet as pq
    except ImportError as error:
        raise UsageError(f"{prog}: {error}") from None
    try:
        with replacing(out) as temporary:
            if _SUFFIXES[out.suffix]:
                pq.write_table(table, temporary)
            else:
                pcsv.write_csv(table, temporary)
    except OSError as error:
        raise InputError(f"{out}: {both('error.table', reason=Worded.why_not(error))}") from None


def run(args: argparse.Namespace) -> int:
    """Audit the tables given, write the verdicts, summarise them; exit 1 on a violation."""
    pack = jurisdiction_of(args.jurisdiction)
    assert pack.logs is not None  # the parser offers only the packs that have them
    out = Path(args.out)
    if out.suffix not in _SUFFIXES:
        raise usage_error(args, "error.logs_out")
    as_of = instant_of(args.as_of, pack.zone)
    started = time.perf_counter()

    def progress(step: str, **values: object) -> None:
        if not args.quiet:
            line = WORDS.template(f"logs.{step}", args.lang).format(**values)
            say(f"{line} ({time.perf_counter() - started:.1f} s)")

    tables = {
        table: path
        for table in pack.logs.tables
        if (path := getattr(args, table_dest(table))) is not None
    }
    not_an_input(out, tables.values(), args.prog)
    if not tables:
        names = ", ".join(f"--{table.replace('_', '-')}" for table in pack.logs.tables)
        raise usage_error(args, "error.logs_tables", options=names)
    for rule_id, missing in pack.logs.not_run(list(tables)).items():
        options = ", ".join(f"--{table.replace('_', '-')}" for table in missing)
        say(WORDS.template("logs.not_run", args.lang).format(rule=rule_id, tables=options))
    progress("reading")
    extra = {"progress": progress} if pack.logs.needs else {}
    table = pack.logs.audit(tables, as_of=as_of, engine=args.engine, readings=args.reading, **extra)
    progress("writing")
    _write(table, out, args.prog)
    counts: dict[tuple[str, str], int] = {}
    for rule_id, status in zip(
        table.column("rule_id").to_pylist(), table.column("status").to_pylist(), strict=True
    ):
        counts[rule_id, status] = counts.get((rule_id, status), 0) + 1
    seconds = round(time.perf_counter() - started, 1)
    summary = WORDS.speaker(args.lang, pack.zone)
    say(summary("logs.summary", rows=table.num_rows, as_of=as_of, seconds=seconds))
    for (rule_id, status), count in sorted(counts.items()):
        say(f"  {rule_id}: {Status(status).label(args.lang)} {count}")
    violated = any(status == Status.VIOLATION.value for _, status in counts)
    return EXIT_VIOLATION if violated else EXIT_OK
