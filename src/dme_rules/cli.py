"""The ``dme-rules`` command line.

Exit codes: 0 on success, 2 for bad input (one line on stderr naming what was expected, never
a traceback), 141 when the reader of standard output goes away (``| head``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from dme_rules import __version__
from dme_rules.calendars import (
    FIRST_YEAR,
    LAST_YEAR,
    QUEBEC_CPC,
    BusinessCalendar,
    EasterChoice,
    quebec_lnt,
)
from dme_rules.errors import DmeRulesError

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a program killed by it

_WEEKDAYS_FR = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class _UsageError(Exception):
    """A command-line usage error, reported on one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a year such as 2026, got {text!r} / "
            f"attendu une année comme 2026, reçu {text!r}"
        ) from None


def _calendar_of(args: argparse.Namespace) -> BusinessCalendar:
    if args.calendar == "lnt":
        return quebec_lnt(args.easter or EasterChoice.BOTH)
    if args.easter is not None:
        raise _UsageError(
            "dme-rules calendar: --easter applies to --calendar lnt only / "
            "--easter ne s'applique qu'à --calendar lnt"
        )
    return QUEBEC_CPC


def _cmd_calendar(args: argparse.Namespace) -> int:
    calendar = _calendar_of(args)
    holidays = calendar.holidays(args.year)
    if args.format == "json":
        document = {
            "calendar": calendar.id,
            "year": args.year,
            "holidays": [holiday.to_dict() for holiday in holidays],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{calendar.title_fr} — {args.year}")
    print(f"{calendar.title_en} — {args.year}")
    print()
    rows = [
        (
            h.date.isoformat(),
            f"{_WEEKDAYS_FR[h.date.weekday()]} {_WEEKDAYS_EN[h.date.weekday()]}",
            h.name_fr,
            h.name_en,
        )
        for h in holidays
    ]
    header = ("date", "jour / day", "nom", "name")
    _print_table([header, *rows])
    print()
    print(f"{len(holidays)} jours fériés / holidays ({calendar.id})")
    return EXIT_OK


def _print_table(rows: Sequence[Sequence[str]]) -> None:
    """Print rows as left-aligned columns two spaces apart."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _parser() -> _Parser:
    parser = _Parser(
        prog="dme-rules",
        description="Quebec EMR (DMÉ) migration rules: deadlines, caps and calendars.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    calendar = commands.add_parser(
        "calendar",
        help="list a year's holidays in a business calendar",
        description=f"List the holidays of YEAR ({FIRST_YEAR}-{LAST_YEAR}) in French and English.",
    )
    calendar.add_argument("year", type=_year, metavar="YEAR")
    calendar.add_argument(
        "--calendar",
        choices=("cpc", "lnt"),
        default="cpc",
        help="cpc: legal time limits (default); lnt: employees' statutory holidays",
    )
    calendar.add_argument(
        "--easter",
        choices=[choice.value for choice in EasterChoice],
        help="with --calendar lnt: which Easter holiday the employer grants (default both)",
    )
    calendar.add_argument("--format", choices=("text", "json"), default="text")
    calendar.set_defaults(handler=_cmd_calendar)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        args = _parser().parse_args(argv)
        code: int = args.handler(args)
    except _UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except DmeRulesError as error:
        print(f"dme-rules: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (``dme-rules calendar 2026 | head``): stop quietly, as a
        # program killed by SIGPIPE would, without a traceback at interpreter exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
