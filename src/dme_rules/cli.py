"""The ``dme-rules`` command line.

Exit codes: 0 when everything is compliant or pending (or the checklist says proceed), 1 when a
violation is found (or do_not_proceed), 2 for bad input (one line on stderr naming the file, the
JSON path and what was expected, never a traceback), 3 for an internal error (a bug: one line
asking to report it, never 1, which is a verdict), 141 when the reader of standard output goes
away (``| head``). A file ``-`` is read from standard input; the output is written in whatever
encoding the terminal has, a character it cannot show replaced.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from dme_rules import (
    FIRST_YEAR,
    LAST_YEAR,
    MONTREAL,
    QUEBEC_CPC,
    READINGS,
    BusinessCalendar,
    ConsentAnswers,
    DmeRulesError,
    EasterChoice,
    MigrationCase,
    Report,
    Status,
    __version__,
    as_instant,
    evaluate,
    quebec_lnt,
    ruleset_as_of,
    sensitivity,
)
from dme_rules.engine.evaluation import read_subject
from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.engine.kinds import DATE
from dme_rules.engine.messages import ENGINE_MESSAGES, Messages, french_typography, when_text
from dme_rules.engine.presentation import report_heading, table_lines
from dme_rules.engine.registry import pack_of
from dme_rules.engine.time import end_of_day_in
from dme_rules.errors import InvalidArgumentError
from dme_rules.jurisdictions.fr.calendars import FRANCE, FRANCE_ALSACE_MOSELLE
from dme_rules.jurisdictions.qc.requests import request_deadlines
from dme_rules.schemas import schema as schema_named
from dme_rules.schemas import schema_names

__all__ = ["main"]

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a program killed by it

#: The command line's own words, in French and English (a report's words are its pack's).
_WORDS = Messages(
    {
        "check.now": {"fr": " (maintenant : aucun --as-of)", "en": " (now: no --as-of)"},
        "dmp.reading": {
            "fr": "lecture et audit des journaux…",
            "en": "reading and auditing the logs…",
        },
        "dmp.writing": {"fr": "écriture de la table…", "en": "writing the table…"},
        "dmp.summary": {
            "fr": "{rows} verdicts au {as_of:when} en {seconds} s, par règle et statut :",
            "en": "{rows} verdicts as of {as_of:when} in {seconds} s, by rule and status:",
        },
        "check.explanations": {
            "fr": "Comment chaque échéance a été calculée :",
            "en": "How each due date was computed:",
        },
        "rules.heading": {"fr": "Règles en vigueur le {day}", "en": "Rules in force on {day}"},
        "rules.since": {"fr": "depuis", "en": "since"},
        "rules.title": {"fr": "titre", "en": "title"},
        "deadlines.heading": {"fr": "Demande transmise le {sent}", "en": "Request sent {sent}"},
        "deadlines.official_start": {
            "fr": "début officiel (jour 1)",
            "en": "official start (day 1)",
        },
        "deadlines.extraction_due": {"fr": "extraction au plus tard", "en": "extraction due"},
        "deadlines.import_due": {"fr": "importation au plus tard", "en": "import due"},
    }
)

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
    if args.calendar in ("france", "alsace-moselle"):
        if args.easter is not None:
            raise _UsageError(
                "dme-rules calendar: --easter applies to --calendar lnt only / "
                "--easter ne s'applique qu'à --calendar lnt"
            )
        return FRANCE if args.calendar == "france" else FRANCE_ALSACE_MOSELLE
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
    print("\n".join(table_lines([header, *rows])))
    print()
    print(f"{len(holidays)} jours fériés / holidays ({calendar.id})")
    return EXIT_OK


class _InputError(Exception):
    """Bad input that names its file: reported on one line with exit code 2."""


def _read_text(path: str) -> bytes:
    """The bytes of ``path``, or of standard input for ``-`` (the JSON reader decodes them)."""
    try:
        if path == "-":
            if sys.stdin is None:
                raise _InputError("-: no standard input / aucune entrée standard")
            return sys.stdin.buffer.read()
        return Path(path).read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise _InputError(f"{path}: cannot read the file ({reason}) / lecture impossible") from None


def _load(path: str, reader: Any) -> Any:
    """Read a JSON file with ``reader`` (``from_json``), naming the file in any error."""
    try:
        return reader(_read_text(path))
    except DmeRulesError as error:
        raise _InputError(f"{path}: {error}") from None


def _instant(text: str) -> datetime:
    """An instant with a UTC offset, in the supported years."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is not None and value.utcoffset() is not None:
        try:
            return as_instant(value, "instant")
        except DmeRulesError:
            value = None
    shown = ascii(text)
    raise argparse.ArgumentTypeError(
        f"expected an instant with a UTC offset such as 2025-09-01T12:00:00-04:00, in the "
        f"years {FIRST_YEAR}-{LAST_YEAR}, got {shown} / attendu un instant avec décalage UTC, "
        f"des années {FIRST_YEAR} à {LAST_YEAR}, reçu {shown}"
    )


def _as_of(text: str) -> datetime | date:
    """``--as-of``: an instant with a UTC offset, or a date ``YYYY-MM-DD``, which means the
    end of that day in the subject's jurisdiction (24:00, the instant 00:00 of the next day:
    the day's acts count, a deadline due that day is still running); :func:`_instant_of`
    makes the instant."""
    if len(text) == 10:
        day = _day(text)
        if FIRST_YEAR <= day.year and day < date(LAST_YEAR, 12, 31):
            return day
    return _instant(text)


def _instant_of(as_of: datetime | date | None, zone: Any = MONTREAL) -> datetime:
    """The instant of ``--as-of``: as given, the end of a date's day in ``zone`` (the
    subject's jurisdiction's; Montreal for the commands that read Quebec documents), or now.
    """
    if as_of is None:
        return datetime.now(zone)
    if isinstance(as_of, datetime):
        return as_of
    return end_of_day_in(as_of, zone)


def _day(text: str) -> date:
    try:  # the strict date of a case: YYYY-MM-DD (never a week date), a real day, 1900-2200
        return DATE.parse(text, "--as-of")  # type: ignore[no-any-return]
    except DmeRulesError:
        pass
    shown = ascii(text)
    raise argparse.ArgumentTypeError(
        f"expected a date such as 2025-09-01, in the years {FIRST_YEAR}-{LAST_YEAR}, got "
        f"{shown} / attendu une date comme 2025-09-01, des années {FIRST_YEAR} à {LAST_YEAR}, "
        f"reçu {shown}"
    )


def _reading(text: str) -> str:
    if text not in READINGS:
        raise argparse.ArgumentTypeError(
            f"expected a reading id ({', '.join(READINGS)}), got {text!r} / "
            f"attendu un id de lecture, reçu {text!r}"
        )
    return text


def _explanations(report: Report, lang: str) -> list[tuple[str, list[str]]]:
    """Each rule of the report whose findings have steps to explain, with its lines."""
    explained = []
    for rule_id in dict.fromkeys(finding.rule_id for finding in report.findings):
        lines = report.explain(rule_id, lang)
        if any(line.startswith("- ") for line in lines):
            explained.append((rule_id, lines))
    return explained


def _cmd_check(args: argparse.Namespace) -> int:
    case = _load(args.case, read_subject)
    pack = pack_of(case.kind)
    as_of = _instant_of(args.as_of, pack.zone if isinstance(pack, Jurisdiction) else MONTREAL)
    if args.sensitivity:
        if args.format == "fhir" or args.plot is not None:
            raise _UsageError(
                "dme-rules check: --sensitivity prints text or json, without --plot / "
                "--sensitivity s'affiche en text ou json, sans --plot"
            )
        found = sensitivity(case, as_of, readings=args.reading)
        if args.format == "json":
            print(found.to_json(indent=2))
        else:
            print("\n".join(found.lines(args.lang)))
        return EXIT_VIOLATION if found.report.status is Status.VIOLATION else EXIT_OK
    if args.plot is not None and not isinstance(case, MigrationCase):
        raise _UsageError(
            "dme-rules check: --plot draws a migration case's timeline / "
            "--plot dessine la frise d'un dossier de migration"
        )
    report = evaluate(case, as_of, readings=args.reading)
    if args.plot is not None:
        from dme_rules.plot import save_timeline

        try:
            save_timeline(case, report, args.plot, lang=args.lang)
        except DmeRulesError:
            raise
        except (OSError, ValueError, RuntimeError) as error:  # the file system or the format
            reason = type(error).__name__
            raise _InputError(
                f"{args.plot}: cannot write the picture ({reason}: {error})"
            ) from None
    explained = _explanations(report, args.lang) if args.explain else []
    if args.format == "json":
        document = report.to_dict(args.lang)
        if args.explain:
            document["explanations"] = [
                {"rule_id": rule_id, "lines": lines} for rule_id, lines in explained
            ]
        print(json.dumps(document, ensure_ascii=False, indent=2))
    elif args.format == "fhir":
        print(json.dumps(report.to_fhir(args.lang), ensure_ascii=False, indent=2))
    else:
        note = ""
        if args.as_of is None:
            note = _WORDS.template("check.now", args.lang)
        print("\n".join(report.lines(args.lang, note=note)))
        if explained:
            print()
            print(_WORDS.template("check.explanations", args.lang))
            for _, lines in explained:
                print()
                print("\n".join(lines))
    return EXIT_VIOLATION if report.status is Status.VIOLATION else EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    day = args.as_of if args.as_of is not None else datetime.now(MONTREAL).date()
    ruleset = ruleset_as_of(day)
    entries = []
    for rule in ruleset.values():
        version = rule.version_at(day)
        assert version is not None
        entries.append((rule, version))
    if args.format == "json":
        document = {
            "as_of": day.isoformat(),
            "rules": [
                {  # the version in force (the first edition's keys among them), then the rule
                    "id": rule.id,
                    "obligated_party": rule.obligated_party,
                    "title": rule.title(args.lang),
                    **version.to_dict(),
                    "rule": rule.to_dict(day),
                }
                for rule, version in entries
            ],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return EXIT_OK
    say = _WORDS.speaker(args.lang, MONTREAL)
    print(say("rules.heading", day=day))
    print()
    header = ("id", "version", say("rules.since"), say("rules.title"))
    rows = [
        (rule.id, version.version, version.effective_from.isoformat(), rule.title(args.lang))
        for rule, version in entries
    ]
    print("\n".join(table_lines([header, *rows])))
    return EXIT_OK


def _cmd_deadlines(args: argparse.Namespace) -> int:
    document = request_deadlines(args.transmitted, args.reading)
    if args.format == "json":
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return EXIT_OK
    say = _WORDS.speaker(args.lang, MONTREAL)
    print(say("deadlines.heading", sent=when_text(args.transmitted, MONTREAL)))
    print()
    rows = [
        (say(f"deadlines.{key}"), document[key], document.get(f"{key[:-4]}_interpretation", ""))
        for key in ("official_start", "extraction_due", "import_due")
    ]
    print("\n".join(table_lines(rows)))
    return EXIT_OK


def _cmd_audit(args: argparse.Namespace) -> int:
    from dme_rules.audit import Summary, audit_rows, default_format, read_inputs, write_table

    fmt = args.format or default_format(args.out)
    if fmt in ("xlsx", "parquet") and args.out is None:
        raise _UsageError(
            f"dme-rules audit: --format {fmt} needs --out FILE / --format {fmt} demande --out"
        )
    if args.jobs < 1:
        raise _UsageError("dme-rules audit: --jobs takes 1 or more / --jobs vaut au moins 1")
    # A date: the end of that day in each subject's jurisdiction (Montreal in the heading).
    as_of = _instant_of(args.as_of)
    summary = Summary()
    per_input = audit_rows(
        read_inputs(args.paths),
        args.as_of
        if isinstance(args.as_of, date) and not isinstance(args.as_of, datetime)
        else as_of,
        lang=args.lang,
        readings=args.reading,
        jobs=args.jobs,
        citations=fmt == "html",
    )
    progress = None
    if not args.quiet and sys.stderr.isatty():
        try:
            from tqdm import tqdm

            progress = tqdm(unit=" inputs", file=sys.stderr, leave=False)
        except ImportError:  # the progress bar is optional (the audit extra)
            progress = None

    def rows() -> Iterator[dict[str, Any]]:
        for found in per_input:
            summary.add(found)
            if progress is not None:
                progress.update(1)
            yield from found

    if fmt in ("xlsx", "parquet"):
        all_rows = list(rows())
        write_table(all_rows, args.out, fmt, lang=args.lang, summary=summary)
    elif fmt == "html":
        all_rows = list(rows())
        with _output(args.out) as out:
            write_table(all_rows, out, fmt, lang=args.lang, summary=summary)
    else:
        with _output(args.out) as out:
            write_table(rows(), out, fmt, lang=args.lang, summary=summary)
    if progress is not None:
        progress.close()
    note = _WORDS.template("check.now", args.lang) if args.as_of is None else ""
    heading = report_heading(None, as_of, args.lang, messages=ENGINE_MESSAGES, zone=MONTREAL)
    _say(heading + note)
    for line in summary.lines(args.lang):
        _say(line)
    if summary.invalid:
        return EXIT_BAD_INPUT
    return EXIT_VIOLATION if summary.violation else EXIT_OK


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[Any]:
    """The text stream to write to: standard output, or ``path`` (UTF-8)."""
    if path is None:
        yield sys.stdout
        return
    try:
        with open(path, "w", encoding="utf-8", newline="") as stream:
            yield stream
    except OSError as error:
        raise _InputError(f"{path}: cannot write the file ({error.strerror})") from None


def _cmd_consent(args: argparse.Namespace) -> int:
    answers = _load(args.answers, ConsentAnswers.from_json)
    (finding,) = evaluate(answers, datetime.now(MONTREAL), readings=args.reading).findings
    if args.format == "json":
        print(json.dumps(finding.to_dict(args.lang), ensure_ascii=False, indent=2))
    else:
        print(finding.message(args.lang))
    return EXIT_VIOLATION if finding.status is Status.VIOLATION else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    try:
        document = schema_named(args.name)
    except InvalidArgumentError as error:
        raise _UsageError(f"dme-rules schema: {error}") from None
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return EXIT_OK


def _cmd_dmp_audit(args: argparse.Namespace) -> int:
    import time as clock

    try:
        from dme_rules.fr import audit_access_logs
        from dme_rules.jurisdictions.fr.counting import PARIS
    except ImportError as error:
        raise _UsageError(f"dme-rules dmp-audit: {error}") from None
    out = Path(args.out)
    if out.suffix not in (".parquet", ".csv"):
        raise _UsageError(
            "dme-rules dmp-audit: --out ends with .parquet or .csv / "
            "--out se termine par .parquet ou .csv"
        )
    as_of = _instant_of(args.as_of, PARIS)
    started = clock.perf_counter()

    def progress(step: str) -> None:
        if not args.quiet:
            _say(f"{_WORDS.template(step, args.lang)} ({clock.perf_counter() - started:.1f} s)")

    progress("dmp.reading")
    table = audit_access_logs(
        args.accesses, args.notifications, as_of=as_of, engine=args.engine, readings=args.reading
    )
    progress("dmp.writing")
    try:
        import pyarrow.csv as pcsv
        import pyarrow.parquet as pq

        if out.suffix == ".parquet":
            pq.write_table(table, out)
        else:
            pcsv.write_csv(table, out)
    except OSError as error:
        raise _InputError(f"{out}: cannot write the table ({error.strerror or error})") from None
    counts: dict[tuple[str, str], int] = {}
    for rule_id, status in zip(
        table.column("rule_id").to_pylist(), table.column("status").to_pylist(), strict=True
    ):
        counts[rule_id, status] = counts.get((rule_id, status), 0) + 1
    say = _WORDS.speaker(args.lang, PARIS)
    _say(say("dmp.summary", rows=table.num_rows, as_of=as_of,
             seconds=round(clock.perf_counter() - started, 1)))  # fmt: skip
    for (rule_id, status), count in sorted(counts.items()):
        _say(f"  {rule_id}: {Status(status).label(args.lang)} {count}")
    return EXIT_VIOLATION if any(status == "violation" for _, status in counts) else EXIT_OK


def _port(text: str) -> int:
    if text.isdigit() and 0 <= int(text) <= 65535:
        return int(text)
    raise argparse.ArgumentTypeError(
        f"expected a port from 0 to 65535, got {text!a} / "
        f"attendu un port de 0 à 65535, reçu {text!a}"
    )


def _workers(text: str) -> int:
    if text.isdigit() and 1 <= int(text) <= 64:
        return int(text)
    raise argparse.ArgumentTypeError(
        f"expected 1 to 64 workers, got {text!a} / attendu de 1 à 64, reçu {text!a}"
    )


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        from dme_rules.service import run
    except ImportError as error:
        raise _UsageError(f"dme-rules serve: {error}") from None
    if args.decision_log:
        try:
            with open(args.decision_log, "a", encoding="utf-8"):
                pass
        except OSError as error:
            raise _UsageError(
                f"dme-rules serve: cannot write the decision log {args.decision_log} "
                f"({error.strerror}) / impossible d'écrire le journal des décisions"
            ) from None
    run(args.host, args.port, args.workers, args.decision_log)
    return EXIT_OK


def _parser(lang: str = "fr") -> _Parser:
    """The command line's parser, its help in ``lang``."""
    t = _translator(lang)
    formatter = _formatter(lang)
    parser = _Parser(
        prog="dme-rules",
        add_help=False,
        formatter_class=formatter,
        description=t("Quebec EMR (DMÉ) migration rules: deadlines, caps and calendars."),
    )
    _help_option(parser, t)
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}",
        help=t("show the version and exit"),
    )  # fmt: skip
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, title=t("commands")
    )
    commands.required = True

    calendar = commands.add_parser(
        "calendar",
        add_help=False,
        formatter_class=formatter,
        help=t("list a year's holidays in a business calendar"),
        description=t(
            f"List the holidays of YEAR ({FIRST_YEAR}-{LAST_YEAR}) in French and English."
        ),
    )
    _help_option(calendar, t)
    calendar.add_argument("year", type=_year, metavar="YEAR")
    calendar.add_argument(
        "--calendar",
        choices=("cpc", "lnt", "france", "alsace-moselle"),
        default="cpc",
        help=t(
            "cpc: Quebec's legal time limits (default); lnt: Quebec employees' statutory "
            "holidays; france, alsace-moselle: French public holidays"
        ),
    )
    calendar.add_argument(
        "--easter",
        choices=[choice.value for choice in EasterChoice],
        help=t("with --calendar lnt: which Easter holiday the employer grants (default both)"),
    )
    calendar.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("the output's format")
    )
    calendar.set_defaults(handler=_cmd_calendar)

    check = commands.add_parser(
        "check",
        add_help=False,
        formatter_class=formatter,
        help=t("evaluate a case file against every rule"),
        description=t("Evaluate CASE.json against every rule, as the case stood at --as-of."),
    )
    _help_option(check, t)
    check.add_argument("case", metavar="CASE.json")
    check.add_argument(
        "--as-of",
        type=_as_of,
        help=t(
            "the instant to evaluate at, with its UTC offset, or a date YYYY-MM-DD (the end "
            "of that day in Montreal); default: now, and said so"
        ),
    )
    check.add_argument(
        "--plot",
        metavar="FILE.png",
        help=t("also draw the case's timeline into FILE.png (or .svg, .pdf)"),
    )
    check.add_argument(
        "--explain",
        action="store_true",
        help=t("also show how each due date was computed, step by step, with its legal basis"),
    )
    check.add_argument(
        "--sensitivity",
        action="store_true",
        help=t("show, for each finding, whether another reading would change its status"),
    )
    _reading_option(check, t)
    _output_options(check, formats=("text", "json", "fhir"), t=t)
    check.set_defaults(handler=_cmd_check)

    deadlines = commands.add_parser(
        "deadlines",
        add_help=False,
        formatter_class=formatter,
        help=t("every deadline a new request starts"),
        description=t("The official start and the extraction and import deadlines of a request."),
    )
    _help_option(deadlines, t)
    deadlines.add_argument("--transmitted", type=_instant, required=True, metavar="ISO")
    _reading_option(deadlines, t)
    _output_options(deadlines, t=t)
    deadlines.set_defaults(handler=_cmd_deadlines)

    rules = commands.add_parser(
        "rules",
        add_help=False,
        formatter_class=formatter,
        help=t("the rules in force on a date"),
        description=t("The catalogue of rules with a version in force on --as-of (default today)."),
    )
    _help_option(rules, t)
    rules.add_argument("--as-of", type=_day, metavar="DATE")
    _output_options(rules, t=t)
    rules.set_defaults(handler=_cmd_rules)

    audit = commands.add_parser(
        "audit",
        add_help=False,
        formatter_class=formatter,
        help=t("evaluate many cases into one table (CSV, JSON Lines, Excel, Parquet, HTML)"),
        description=t(
            "Evaluate case files, folders of them, JSON Lines files or - (JSON Lines "
            "on standard input) into one row per finding."
        ),
    )
    _help_option(audit, t)
    audit.add_argument("paths", nargs="+", metavar="PATH")
    audit.add_argument(
        "--as-of",
        type=_as_of,
        help=t("the instant to evaluate at, or a date YYYY-MM-DD (the end of that day)"),
    )
    audit.add_argument(
        "--out", metavar="FILE", help=t("the file to write (default: CSV on stdout)")
    )
    audit.add_argument(
        "--format",
        choices=("csv", "jsonl", "xlsx", "parquet", "html"),
        help=t("default: the --out file's extension, else csv"),
    )
    audit.add_argument(
        "--lang", choices=("fr", "en"), default="fr", help=t("the language of the words")
    )
    audit.add_argument("--jobs", type=int, default=1, help=t("worker processes (default 1)"))
    audit.add_argument("--quiet", action="store_true", help=t("no progress bar"))
    _reading_option(audit, t)
    audit.set_defaults(handler=_cmd_audit)

    consent = commands.add_parser(
        "consent",
        add_help=False,
        formatter_class=formatter,
        help=t("answer the checklist before enabling a new EMR feature"),
        description=t('Decide from {"assessed_on": DATE, "feature": TEXT, "answers": {...}}.'),
    )
    _help_option(consent, t)
    consent.add_argument("answers", metavar="ANSWERS.json")
    _reading_option(consent, t)
    _output_options(consent, t=t)
    consent.set_defaults(handler=_cmd_consent)

    schema = commands.add_parser(
        "schema",
        add_help=False,
        formatter_class=formatter,
        help=t("print a JSON Schema: case, consent, dmp-record, report"),
        description=t(
            "Print the JSON Schema (draft 2020-12) of a case, consent answers, a DMP record "
            "or a report, to validate documents before sending them."
        ),
    )
    _help_option(schema, t)
    schema.add_argument(
        "name",
        choices=tuple(schema_names()),
        metavar="NAME",
        help=t("case, consent, dmp-record or report"),
    )
    schema.set_defaults(handler=_cmd_schema)

    serve = commands.add_parser(
        "serve",
        add_help=False,
        formatter_class=formatter,
        help=t("serve the rules over HTTP (JSON, FHIR, OpenAPI)"),
        description=t(
            "Serve the decision service of SPEC 13 on uvicorn until interrupted "
            "(pip install 'dme-rules[server]')."
        ),
    )
    _help_option(serve, t)
    serve.add_argument("--host", default="127.0.0.1", help=t("the address to listen on"))
    serve.add_argument("--port", type=_port, default=8000, help=t("the port (default 8000)"))
    serve.add_argument(
        "--workers", type=_workers, default=1, help=t("worker processes (default 1)")
    )
    serve.add_argument(
        "--decision-log",
        metavar="FILE",
        help=t("append one JSON line per decision to FILE (no case content)"),
    )
    serve.set_defaults(handler=_cmd_serve)

    logs = commands.add_parser(
        "dmp-audit",
        add_help=False,
        formatter_class=formatter,
        help=t("audit DMP access logs at scale (DuckDB or Spark)"),
        description=t(
            "Judge every first access and every emergency access of the logs (FIRST_ACCESS_NOTICE, "
            "EMERGENCY_ACCESS_NOTICE) into one table (pip install 'dme-rules[logs]')."
        ),
    )
    _help_option(logs, t)
    logs.add_argument("--accesses", required=True, metavar="FILE", help=t("the accesses (Parquet)"))
    logs.add_argument(
        "--notifications", required=True, metavar="FILE", help=t("the notifications (Parquet)")
    )
    logs.add_argument(
        "--out", required=True, metavar="FILE", help=t("the table to write (.parquet or .csv)")
    )
    logs.add_argument(
        "--engine",
        default="duckdb",
        metavar="ENGINE",
        help=t("duckdb (default), spark, or a Spark master URL"),
    )
    logs.add_argument(
        "--as-of",
        type=_as_of,
        help=t("the instant to evaluate at, or a date YYYY-MM-DD (the end of that day in Paris)"),
    )
    logs.add_argument(
        "--lang", choices=("fr", "en"), default="fr", help=t("the language of the words")
    )
    logs.add_argument("--quiet", action="store_true", help=t("no progress lines"))
    _reading_option(logs, t)
    logs.set_defaults(handler=_cmd_dmp_audit)
    return parser


def _reading_option(command: argparse.ArgumentParser, t: Callable[[str], str] = str) -> None:
    command.add_argument(
        "--reading",
        type=_reading,
        action="append",
        default=[],
        metavar="ID",
        help=t(
            "an alternative reading of an ambiguous phrase (repeatable; see the readings "
            "catalogue: civil-procedure, interpretation-act, office-hours, ninety-days...)"
        ),
    )


def _output_options(
    command: argparse.ArgumentParser,
    formats: tuple[str, ...] = ("text", "json"),
    t: Callable[[str], str] = str,
) -> None:
    command.add_argument("--format", choices=formats, default="text", help=t("the output's format"))
    command.add_argument(
        "--lang", choices=("fr", "en"), default="fr", help=t("the language of the words")
    )


def _help_option(command: argparse.ArgumentParser, t: Callable[[str], str]) -> None:
    command.add_argument("-h", "--help", action="help", help=t("show this help and exit"))


#: The command line's help in French, by its English text (the English is the code's).
_HELP_FR = {
    "Quebec EMR (DMÉ) migration rules: deadlines, caps and calendars.":
        "Règles de migration des DMÉ du Québec : délais, plafonds et calendriers.",
    "show the version and exit": "afficher la version et quitter",
    "show this help and exit": "afficher cette aide et quitter",
    "commands": "commandes",
    "list a year's holidays in a business calendar":
        "les jours fériés d'une année dans un calendrier",
    f"List the holidays of YEAR ({FIRST_YEAR}-{LAST_YEAR}) in French and English.":
        f"Les jours fériés de YEAR ({FIRST_YEAR}-{LAST_YEAR}), en français et en anglais.",
    "cpc: Quebec's legal time limits (default); lnt: Quebec employees' statutory holidays; "
    "france, alsace-moselle: French public holidays":
        "cpc : délais légaux du Québec (par défaut) ; lnt : jours fériés des salariés du "
        "Québec ; france, alsace-moselle : jours fériés français",
    "with --calendar lnt: which Easter holiday the employer grants (default both)":
        "avec --calendar lnt : le congé de Pâques que l'employeur accorde (par défaut both)",
    "the output's format": "le format de la sortie",
    "the language of the words": "la langue des mots",
    "evaluate a case file against every rule": "évaluer un dossier selon chaque règle",
    "Evaluate CASE.json against every rule, as the case stood at --as-of.":
        "Évaluer CASE.json selon chaque règle, tel que le dossier était à --as-of.",
    "the instant to evaluate at, with its UTC offset, or a date YYYY-MM-DD (the end of that "
    "day in Montreal); default: now, and said so":
        "l'instant de l'évaluation, avec son décalage UTC, ou une date AAAA-MM-JJ (la fin de "
        "ce jour à Montréal) ; par défaut : maintenant, et dit",
    "also draw the case's timeline into FILE.png (or .svg, .pdf)":
        "dessiner aussi la frise du dossier dans FILE.png (ou .svg, .pdf)",
    "also show how each due date was computed, step by step, with its legal basis":
        "montrer aussi le calcul de chaque échéance, étape par étape, avec sa base légale",
    "show, for each finding, whether another reading would change its status":
        "montrer, pour chaque constat, si une autre lecture changerait son statut",
    "every deadline a new request starts": "les échéances qu'une nouvelle demande fait courir",
    "The official start and the extraction and import deadlines of a request.":
        "Le début officiel et les échéances d'extraction et d'importation d'une demande.",
    "the rules in force on a date": "les règles en vigueur à une date",
    "The catalogue of rules with a version in force on --as-of (default today).":
        "Le catalogue des règles dont une version est en vigueur à --as-of (par défaut "
        "aujourd'hui).",
    "evaluate many cases into one table (CSV, JSON Lines, Excel, Parquet, HTML)":
        "évaluer de nombreux dossiers en une table (CSV, JSON Lines, Excel, Parquet, HTML)",
    "Evaluate case files, folders of them, JSON Lines files or - (JSON Lines on standard "
    "input) into one row per finding.":
        "Évaluer des dossiers, des dossiers de dossiers, des fichiers JSON Lines ou - (JSON "
        "Lines sur l'entrée standard) en une ligne par constat.",
    "the instant to evaluate at, or a date YYYY-MM-DD (the end of that day)":
        "l'instant de l'évaluation, ou une date AAAA-MM-JJ (la fin de ce jour)",
    "the file to write (default: CSV on stdout)":
        "le fichier à écrire (par défaut : CSV sur la sortie standard)",
    "default: the --out file's extension, else csv":
        "par défaut : l'extension du fichier --out, sinon csv",
    "worker processes (default 1)": "processus de travail (par défaut 1)",
    "no progress bar": "sans barre de progression",
    "answer the checklist before enabling a new EMR feature":
        "répondre aux questions avant d'activer une nouvelle fonctionnalité du DME",
    'Decide from {"assessed_on": DATE, "feature": TEXT, "answers": {...}}.':
        'Décider à partir de {"assessed_on": DATE, "feature": TEXT, "answers": {...}}.',
    "case, consent, dmp-record or report": "case, consent, dmp-record ou report",
    "print a JSON Schema: case, consent, dmp-record, report":
        "afficher un schéma JSON : case, consent, dmp-record, report",
    "Print the JSON Schema (draft 2020-12) of a case, consent answers, a DMP record or a "
    "report, to validate documents before sending them.":
        "Afficher le schéma JSON (draft 2020-12) d'un dossier, de réponses de consentement, "
        "d'un dossier DMP ou d'un rapport, pour valider des documents avant de les envoyer.",
    "serve the rules over HTTP (JSON, FHIR, OpenAPI)":
        "servir les règles par HTTP (JSON, FHIR, OpenAPI)",
    "Serve the decision service of SPEC 13 on uvicorn until interrupted "
    "(pip install 'dme-rules[server]').":
        "Servir le service de décision de la SPEC 13 sur uvicorn jusqu'à interruption "
        "(pip install 'dme-rules[server]').",
    "the address to listen on": "l'adresse d'écoute",
    "the port (default 8000)": "le port (par défaut 8000)",
    "append one JSON line per decision to FILE (no case content)":
        "ajouter une ligne JSON par décision à FILE (sans le contenu des dossiers)",
    "audit DMP access logs at scale (DuckDB or Spark)":
        "auditer les journaux d'accès au DMP à grande échelle (DuckDB ou Spark)",
    "Judge every first access and every emergency access of the logs (FIRST_ACCESS_NOTICE, "
    "EMERGENCY_ACCESS_NOTICE) into one table (pip install 'dme-rules[logs]').":
        "Juger chaque premier accès et chaque accès en urgence des journaux "
        "(FIRST_ACCESS_NOTICE, EMERGENCY_ACCESS_NOTICE) en une table "
        "(pip install 'dme-rules[logs]').",
    "the accesses (Parquet)": "les accès (Parquet)",
    "the notifications (Parquet)": "les notifications (Parquet)",
    "the table to write (.parquet or .csv)": "la table à écrire (.parquet ou .csv)",
    "duckdb (default), spark, or a Spark master URL":
        "duckdb (par défaut), spark, ou l'URL d'un maître Spark",
    "the instant to evaluate at, or a date YYYY-MM-DD (the end of that day in Paris)":
        "l'instant de l'évaluation, ou une date AAAA-MM-JJ (la fin de ce jour à Paris)",
    "no progress lines": "sans lignes de progression",
    "an alternative reading of an ambiguous phrase (repeatable; see the readings catalogue: "
    "civil-procedure, interpretation-act, office-hours, ninety-days...)":
        "une autre lecture d'une formule ambiguë (répétable ; voir le catalogue des lectures : "
        "civil-procedure, interpretation-act, office-hours, ninety-days...)",
}  # fmt: skip


def _translator(lang: str) -> Callable[[str], str]:
    """The help's words in ``lang``: French from :data:`_HELP_FR`, in French typography."""
    if lang != "fr":
        return str
    return lambda text: french_typography(_HELP_FR.get(text, text))


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    """A help formatter whose own words (usage, the sections) are in ``lang``."""
    usage, positional, optional = (
        (french_typography("utilisation : "), "arguments", "options") if lang == "fr"
        else ("usage: ", "positional arguments", "options")
    )  # fmt: skip

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage_text: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
            super().add_usage(usage_text, actions, groups, usage if prefix is None else prefix)

        def start_section(self, heading: Any) -> None:
            heading = {"positional arguments": positional, "options": optional}.get(
                heading, heading
            )
            super().start_section(heading)

    return Formatter


def help_language(argv: Sequence[str], environ: Any = None) -> str:
    """The language of the help: ``--lang`` if given, else ``LANG`` (English when it starts
    with ``en``), else French."""
    arguments = list(argv)
    for index, argument in enumerate(arguments):
        if argument == "--lang" and index + 1 < len(arguments):
            if arguments[index + 1] in ("fr", "en"):
                return arguments[index + 1]
        elif argument in ("--lang=fr", "--lang=en"):
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
            _say(f"dme-rules: cannot write the output ({error.strerror or error}) / "
                 "écriture impossible")  # fmt: skip
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as error:  # a bug: never a traceback, never exit 1 (a verdict)
        name = type(error).__name__
        print(
            f"dme-rules: internal error ({name}); please report it with the command and its "
            f"input / erreur interne ({name}) ; merci de la signaler avec la commande et "
            "son entrée",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR


def _run(argv: Sequence[str] | None) -> int:
    try:
        arguments = sys.argv[1:] if argv is None else list(argv)
        args = _parser(help_language(arguments)).parse_args(arguments)
        code: int = args.handler(args)
    except _UsageError as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    except (_InputError, DmeRulesError) as error:
        _say(f"dme-rules: {error}")
        return EXIT_BAD_INPUT
    return code


def _say(message: str) -> None:
    """One line on standard error (a file name or a key with a line break is escaped)."""
    print(message.replace("\r", "\\r").replace("\n", "\\n"), file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
