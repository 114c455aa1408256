"""The ``dme-rules`` command line.

Exit codes: 0 when everything is compliant or pending (or the checklist says proceed), 1 when a
violation is found (or do_not_proceed), 2 for bad input (one line on stderr naming the file, the
JSON path and what was expected, never a traceback), 3 for an internal error (a bug: one line
asking to report it, never 1, which is a verdict), 141 when the reader of standard output goes
away (``| head``). A file ``-`` is read from standard input; the output is written in whatever
encoding the terminal has, a character it cannot show replaced.

The command line knows no jurisdiction: it asks the packs
(:mod:`dme_rules.engine.jurisdiction`) for their calendars, deadlines, subject commands and log
audits. :mod:`~dme_rules.cli.parser` builds the parser; each command is a module of this
package with a ``run(args)``, imported only when that command runs; :mod:`~dme_rules.cli.words`
holds every word of the help and the output, in French and English.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from typing import cast

from dme_rules.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL_ERROR,
    EXIT_OK,
    EXIT_VIOLATION,
    InputError,
    UsageError,
    Worded,
    both,
    say,
)
from dme_rules.cli.parser import build
from dme_rules.engine.messages import LANGUAGES
from dme_rules.errors import DmeRulesError

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BROKEN_PIPE",
    "EXIT_INTERNAL_ERROR",
    "EXIT_OK",
    "EXIT_VIOLATION",
    "help_language",
    "main",
]


def help_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of the help: ``--lang`` if given, else ``LANG`` (English when it starts
    with ``en``), else French."""
    arguments = list(argv)
    for index, argument in enumerate(arguments):
        if argument == "--lang" and index + 1 < len(arguments):
            if arguments[index + 1] in LANGUAGES:
                return arguments[index + 1]
        elif argument.startswith("--lang=") and argument.removeprefix("--lang=") in LANGUAGES:
            return argument.removeprefix("--lang=")
    lang = (environ if environ is not None else os.environ).get("LANG", "")
    return "en" if lang.startswith("en") else "fr"


def _tolerant_output() -> None:
    """Write whatever the terminal's encoding: a character it cannot show is replaced (a
    French narrow no-break space on a cp1252 console), never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    _tolerant_output()
    try:
        return _run(argv)
    except BrokenPipeError:
        # The reader went away (``dme-rules calendar 2026 | head``): stop quietly, as a
        # program killed by SIGPIPE would, without a traceback at interpreter exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as error:  # the output cannot be written (a full disk): not a bug
        with contextlib.suppress(OSError):
            say(f"dme-rules: {both('error.output', reason=Worded.why_not(error))}")
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as error:  # a bug: never a traceback, never exit 1 (a verdict)
        print(f"dme-rules: {both('error.internal', name=type(error).__name__)}", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


def _run(argv: Sequence[str] | None) -> int:
    try:
        arguments = sys.argv[1:] if argv is None else list(argv)
        args = build(help_language(arguments)).parse_args(arguments)
        return _command(args)
    except UsageError as error:
        say(str(error))
        return EXIT_BAD_INPUT
    except (InputError, DmeRulesError) as error:
        say(f"dme-rules: {error}")
        return EXIT_BAD_INPUT


def _command(args: argparse.Namespace) -> int:
    """Run the command ``args`` names: its module is imported now, not before."""
    module = importlib.import_module(f"{__name__}.{args.module}")
    return cast(int, module.run(args))
