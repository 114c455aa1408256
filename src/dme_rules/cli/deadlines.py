"""``dme-rules deadlines --transmitted DATE|INSTANT``: every deadline a new subject sets going,
as a table, JSON or an iCalendar (``--format ics``, the ``calendar`` extra).

The deadlines, their heading and their rows' names are those of a pack that offers them
(:attr:`~dme_rules.engine.jurisdiction.Jurisdiction.deadlines`): ``--jurisdiction``, the
default pack unless given. A date ``--transmitted`` is noon of that day in the pack's zone
(:func:`~dme_rules.cli.common.moment_of`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from dme_rules.cli.common import EXIT_OK, moment_of, print_json, usage_error
from dme_rules.engine.jurisdiction import jurisdiction_of
from dme_rules.engine.messages import when_text
from dme_rules.engine.presentation import table_lines

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Print the deadlines of a subject started at ``--transmitted``: a table, or JSON."""
    pack = jurisdiction_of(args.jurisdiction)
    assert pack.deadlines is not None  # the parser offers only the packs that have them
    deadlines = pack.deadlines(moment_of(args.transmitted, pack.zone), args.reading)
    if args.format == "json":
        print_json(deadlines.to_dict())
        return EXIT_OK
    if args.format == "ics":
        try:
            from dme_rules.ics import deadlines_ics

            ics = deadlines_ics(pack, deadlines, args.lang)
        except ImportError:
            raise usage_error(args, "error.calendar_extra") from None
        sys.stdout.flush()
        sys.stdout.buffer.write(ics)
        sys.stdout.buffer.flush()
        return EXIT_OK
    say = pack.messages.speaker(args.lang, pack.zone)
    # The start in the pack's local time, as the cells show dates: without the zone's name;
    # a date given is shown as given.
    given = args.transmitted
    started = when_text(deadlines.started_at, pack.zone) if isinstance(given, datetime) else given
    print(say("deadlines.heading", started=started))
    print()
    rows = [
        (say(f"deadlines.{code}"), day.isoformat(), reading or "")
        for code, day, reading in deadlines.rows()
    ]
    print("\n".join(table_lines(rows)))
    return EXIT_OK
