"""What several commands share: exit codes, errors, reading files, ``--as-of``, output.

The parser's argument types (:func:`year`, :func:`instant`, :func:`as_of`, :func:`day`,
:func:`reading`) raise :class:`argparse.ArgumentTypeError` in both languages; a command raises
:class:`UsageError` for arguments that do not go together and :class:`InputError` for a file
it cannot read or write, each reported on one line with exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from dme_rules._files import replacing
from dme_rules.cli.words import WORDS
from dme_rules.engine.calendar import FIRST_YEAR, LAST_YEAR
from dme_rules.engine.kinds import DATE
from dme_rules.engine.registry import known_readings
from dme_rules.engine.time import as_instant, end_of_day_in
from dme_rules.errors import DmeRulesError, why_not

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BROKEN_PIPE",
    "EXIT_INTERNAL_ERROR",
    "EXIT_OK",
    "EXIT_VIOLATION",
    "InputError",
    "UsageError",
    "as_of",
    "both",
    "day",
    "instant",
    "instant_of",
    "jobs",
    "load",
    "moment_of",
    "not_an_input",
    "output",
    "print_json",
    "read_bytes",
    "reading",
    "say",
    "usage_error",
    "year",
]

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a program killed by it

T = TypeVar("T")


class UsageError(Exception):
    """A command-line usage error, reported on one line with exit code 2."""


class InputError(Exception):
    """Bad input that names its file: reported on one line with exit code 2."""


class Worded(NamedTuple):
    """A value said differently in each language (why a file cannot be read), for
    :func:`both` to fill each language's message with its own."""

    fr: str
    en: str

    @classmethod
    def why_not(cls, error: OSError) -> Worded:
        """Why the system refused a file, in each language."""
        return cls(*why_not(error))


def both(code: str, /, *fields: Any, **values: Any) -> str:
    """The message ``code`` of :data:`~dme_rules.cli.words.WORDS` in French, then in English
    (an error is read by whoever runs the command, whatever ``--lang``); ``fields`` fill the
    numbered fields (``{0}``); a :class:`Worded` value fills each language's with its own."""
    if fields:
        return " / ".join(WORDS.template(code, lang).format(*fields) for lang in ("fr", "en"))

    def said(lang: str) -> str:
        filled = {k: getattr(v, lang) if type(v) is Worded else v for k, v in values.items()}
        return WORDS.format(code, lang, **filled)

    return f"{said('fr')} / {said('en')}"


def usage_error(args: argparse.Namespace, code: str, /, **values: Any) -> UsageError:
    """A usage error of the command that ``args`` runs (``dme-rules calendar: …``)."""
    return UsageError(f"{args.prog}: {both(code, **values)}")


#: The characters a terminal would obey rather than show: control characters (a tab apart),
#: DEL, C1 controls and the marks that reorder text (bidirectional overrides). Text from a
#: file (a case id, a test's name) may hold them.
_OBEYED = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(line: str) -> str:
    """``line`` with each character a terminal would obey written as its escape (``\\x1b``,
    ``\\n``, ``\\u202e``): a file's text cannot move the cursor, colour the terminal or
    reorder what follows."""
    return _OBEYED.sub(_escape, line)


def _escape(found: re.Match[str]) -> str:
    return ascii(found.group())[1:-1]


def say(message: str) -> None:
    """One line on standard error (a file name or a key with a line break is escaped)."""
    print(shown(message), file=sys.stderr)


def print_lines(lines: Iterable[str]) -> None:
    """Lines of text on standard output, each :func:`shown` as a terminal shows it."""
    print("\n".join(map(shown, lines)))


def print_json(document: Any) -> None:
    """A JSON document on standard output, indented, its text as is (not ASCII-escaped)."""
    print(json.dumps(document, ensure_ascii=False, indent=2))


def read_bytes(path: str) -> bytes:
    """The bytes of ``path``, or of standard input for ``-`` (the JSON reader decodes them).

    Raises:
        InputError: The file cannot be read.
    """
    try:
        if path == "-":
            if sys.stdin is None:
                raise InputError(f"-: {both('error.no_stdin')}")
            return sys.stdin.buffer.read()
        return Path(path).read_bytes()
    except OSError as error:
        reason = Worded.why_not(error)
        raise InputError(f"{path}: {both('error.unreadable', reason=reason)}") from None


def load(path: str, reader: Callable[[bytes], T]) -> T:
    """Read a JSON file with ``reader`` (a ``from_json``), naming the file in any error.

    Raises:
        InputError: The file cannot be read, or ``reader`` refuses it.
    """
    try:
        return reader(read_bytes(path))
    except DmeRulesError as error:
        more = len(error.errors) - 1
        counted = f" ({both('error.more', more=more)})" if more else ""
        raise InputError(f"{path}: {error}{counted}") from None


@contextlib.contextmanager
def output(path: str | None) -> Iterator[Any]:
    """The text stream to write to: standard output, or ``path`` (UTF-8), which takes what
    was written only when the block ends normally (:func:`~dme_rules._files.replacing`).

    Raises:
        InputError: ``path`` cannot be written.
    """
    if path is None:
        yield sys.stdout
        return
    try:
        with (
            replacing(path) as temporary,
            open(temporary, "w", encoding="utf-8", newline="") as stream,
        ):
            yield stream
    except OSError as error:
        reason = Worded.why_not(error)
        raise InputError(f"{path}: {both('error.unwritable', reason=reason)}") from None


def not_an_input(out: str | os.PathLike[str] | None, inputs: Iterable[Any], prog: str) -> None:
    """Refuse an output that is also one of ``inputs`` (a file or a folder's file), before
    anything is opened: writing it would destroy what is being read.

    Raises:
        UsageError: ``out`` is an input, or inside an input folder.
    """
    if out is None:
        return
    written = Path(os.path.abspath(out))
    for given in inputs:
        if given is None or str(given) == "-":
            continue
        path = Path(os.path.abspath(given))
        same = written == path or written.resolve() == path.resolve()
        if not same and written.exists() and path.exists():
            same = os.path.samefile(written, path)
        inside = path.is_dir() and written.resolve().is_relative_to(path.resolve())
        if same or inside:
            raise UsageError(f"{prog}: {both('error.out_is_input', out=out, path=given)}")


def year(text: str) -> int:
    """A calendar's year (its range is the calendar's to check)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(both("error.year", shown=repr(text))) from None


def jobs(text: str) -> int:
    """A number of worker processes: a whole number, 1 or more."""
    if text.isascii() and text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(both("error.jobs", shown=ascii(text)))


def instant(text: str) -> datetime:
    """An instant with a UTC offset, in the supported years."""
    try:
        value: datetime | None = datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is not None and value.utcoffset() is not None:
        try:
            return as_instant(value, "instant")
        except DmeRulesError:
            pass
    raise argparse.ArgumentTypeError(
        both("error.instant", first=FIRST_YEAR, last=LAST_YEAR, shown=ascii(text))
    )


def day(text: str) -> date:
    """The strict date of a case: ``YYYY-MM-DD`` (never a week date), a real day, in the
    supported years."""
    try:
        return DATE.parse(text, "--as-of")  # type: ignore[no-any-return]
    except DmeRulesError:
        pass
    raise argparse.ArgumentTypeError(
        both("error.date", first=FIRST_YEAR, last=LAST_YEAR, shown=ascii(text))
    )


def as_of(text: str) -> datetime | date:
    """``--as-of``: an instant with a UTC offset, or a date ``YYYY-MM-DD``, which means the
    end of that day in the zone of whatever is judged (24:00, the instant 00:00 of the next
    day: the day's acts count, a deadline due that day is still running); :func:`instant_of`
    makes the instant."""
    if len(text) == 10:
        found = day(text)
        last = date(LAST_YEAR, 12, 30)  # its end, 00:00 of the next day, within the years
        if found <= last:
            return found
        raise argparse.ArgumentTypeError(
            both("error.as_of_date", first=FIRST_YEAR, last=last.isoformat(), shown=ascii(text))
        )
    return instant(text)


def instant_of(value: datetime | date | None, zone: tzinfo) -> datetime:
    """The instant of ``--as-of``: as given, the end of a date's day in ``zone`` (that of
    what is judged), or now."""
    if value is None:
        return datetime.now(zone)
    if isinstance(value, datetime):
        return value
    return end_of_day_in(value, zone)


def moment_of(value: datetime | date, zone: tzinfo) -> datetime:
    """The instant of a moment given as an instant or a date (``deadlines --transmitted``): as
    given, or noon of the date in ``zone`` (the middle of the day, away from any change of
    clock: a count that starts from the day an act was done gives, from noon, what it gives
    from any instant of that day)."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(12), zone)


def reading(text: str) -> str:
    """The id of a registered reading (``--reading``)."""
    known = known_readings()
    if text not in known:
        raise argparse.ArgumentTypeError(
            both("error.reading", ids=", ".join(known), shown=repr(text))
        )
    return text
