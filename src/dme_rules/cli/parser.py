"""The command line's parser, its help in French or English.

One small function per command adds its arguments; :class:`Commands` writes the subcommand
boilerplate once (its help option, its words, the module that runs it). What a jurisdiction
offers comes from the packs: the calendars' names and their options, the deadlines, the
subject commands, the log audits, the schemas. No command module is imported here: each
command names its module (``dme_rules.cli.<module>``), which :func:`dme_rules.cli.main` imports
only when that command runs.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NoReturn

import dme_rules.jurisdictions  # noqa: F401  (the packs, discovered and registered)
from dme_rules._version import VERSION
from dme_rules.cli import common
from dme_rules.cli.common import InputError, UsageError, both
from dme_rules.cli.words import WORDS
from dme_rules.engine.calendar import FIRST_YEAR, LAST_YEAR
from dme_rules.engine.jurisdiction import (
    Jurisdiction,
    default_jurisdiction,
    jurisdictions,
    subject_class,
    subject_classes,
)
from dme_rules.engine.messages import LANGUAGES, Messages
from dme_rules.schemas import schema_names

__all__ = ["Commands", "Parser", "Words", "build", "calendar_options", "option_dest"]

#: How many reading ids the ``--reading`` help shows.
_READING_EXAMPLES = 4


class Parser(argparse.ArgumentParser):
    """A parser whose errors are :class:`~dme_rules.cli.common.UsageError` (one line, exit 2,
    in French then English), never an exit of its own."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {argparse_error(message)}")


#: argparse's own error messages (in English), each with the code of its words.
_ARGPARSE_ERRORS = (
    (re.compile(r"the following arguments are required: (.*)"), "argparse.required"),
    (re.compile(r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)"), "argparse.choice"),
    (re.compile(r"unrecognized arguments: (.*)"), "argparse.unrecognized"),
    (re.compile(r"argument (\S+): expected one argument"), "argparse.one_value"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.*)"), "argparse.type"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), "argparse.ambiguous"),
)
#: An argument refused by its type, whose message is already in French then English.
_REFUSED_ARGUMENT = re.compile(r"argument (\S+): (.*) / (.*)")


def argparse_error(message: str) -> str:
    """An error argparse writes in English, in French then English (one of our argument
    types' errors, already in both languages, is named by its argument in each)."""
    for pattern, code in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found is not None:
            return both(code, *found.groups())
    found = _REFUSED_ARGUMENT.fullmatch(message)
    if found is not None:
        name, french, english = found.groups()
        said = WORDS.template("argparse.refused", "fr").format(name, french)
        return f"{said} / {WORDS.template('argparse.refused', 'en').format(name, english)}"
    return message


class Words:
    """The help's words in one language: the command line's and a pack's."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, code: str, /, **values: Any) -> str:
        """The command line's text ``code`` (:data:`~dme_rules.cli.words.WORDS`)."""
        return WORDS.format(code, self.lang, **values)

    def of(self, messages: Messages, code: str, /, **values: Any) -> str | None:
        """The text ``code`` of ``messages`` (a pack's catalogue); ``None`` (no help) when
        the pack lacks it, so that a pack's missing word never stops the command line."""
        if code not in messages:
            return None
        return messages.format(code, self.lang, **values)

    def formatter(self) -> type[argparse.HelpFormatter]:
        """A help formatter whose own words (usage, the sections) are in this language, and
        which shows each help as the catalogue has it (not as a ``%`` format)."""
        lang = self.lang
        usage = WORDS.template("help.usage", lang)
        sections = {
            "positional arguments": WORDS.template("help.positional", self.lang),
            "options": WORDS.template("help.options", self.lang),
        }

        class Formatter(argparse.HelpFormatter):
            def add_usage(
                self, usage_text: Any, actions: Any, groups: Any, prefix: Any = None
            ) -> None:
                super().add_usage(usage_text, actions, groups, usage if prefix is None else prefix)

            def start_section(self, heading: Any) -> None:
                # argparse writes the colon after the heading: French puts a space before it.
                found = sections.get(heading, heading)
                super().start_section(WORDS.format("help.section", lang, heading=found))

            def _expand_help(self, action: argparse.Action) -> str:
                return self._get_help_string(action) or ""

            def _format_action(self, action: argparse.Action) -> str:
                # The commands, each with its help, without a line for their metavar.
                if isinstance(action, argparse._SubParsersAction):
                    return "".join(self._format_commands(action))
                return super()._format_action(action)

            def _format_commands(
                self, action: argparse._SubParsersAction[argparse.ArgumentParser]
            ) -> Iterator[str]:
                for command in action._get_subactions():
                    yield super()._format_action(command)

        return Formatter


class Commands:
    """The subcommands of the parser: :meth:`add` writes what every command has."""

    def __init__(self, parser: Parser, words: Words) -> None:
        self.words = words
        self.formatter = words.formatter()
        self.action = parser.add_subparsers(
            dest="command",
            metavar=words("help.metavar.command"),
            parser_class=Parser,
            title=words("help.commands"),
        )
        self.action.required = True

    def add(
        self,
        name: str,
        module: str,
        *,
        help: str | None,
        description: str | None,
        **defaults: Any,
    ) -> Parser:
        """A command ``name`` run by ``dme_rules.cli.<module>``, with its help option; its
        ``defaults`` are set on the arguments it parses.

        Raises:
            InputError: Another command has the name (a pack's command clashes with one).
        """
        if name in self.action.choices:
            raise InputError(both("error.command_taken", name=name))
        command: Parser = self.action.add_parser(
            name,
            add_help=False,
            formatter_class=self.formatter,
            help=help,
            description=description,
        )
        _help_option(command, self.words)
        command.set_defaults(module=module, prog=command.prog, **defaults)
        return command


def build(lang: str = "fr") -> Parser:
    """The command line's parser, its help in ``lang``."""
    t = Words(lang)
    parser = Parser(
        prog="dme-rules",
        add_help=False,
        formatter_class=t.formatter(),
        description=t("help.description"),
        epilog=t("help.epilog"),
    )
    _help_option(parser, t)
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {VERSION}", help=t("help.version")
    )
    commands = Commands(parser, t)
    _calendar(commands)
    _check(commands)
    _deadlines(commands)
    _rules(commands)
    _audit(commands)
    _test(commands)
    _subject_commands(commands)
    _schema(commands)
    _serve(commands)
    _log_audits(commands)
    return parser


def _calendar(commands: Commands) -> None:
    t = commands.words
    command = commands.add(
        "calendar", "calendar",
        help=t("help.calendar"),
        description=t("help.calendar.description", first=FIRST_YEAR, last=LAST_YEAR),
    )  # fmt: skip
    command.add_argument(
        "year",
        type=common.year,
        metavar=t("help.metavar.year"),
        help=t("help.calendar.year", first=FIRST_YEAR, last=LAST_YEAR),
    )
    names: list[str] = []
    phrases: list[str] = []
    for pack in jurisdictions().values():
        # A pack that names none of its calendars offers them by id.
        own = [named.name for named in pack.calendar_names]
        by_id = [calendar.id for calendar in pack.calendars]
        names += own or by_id
        phrase = t.of(pack.messages, "calendar.names") if own else ", ".join(by_id)
        if phrase:
            phrases.append(phrase)
    command.add_argument(
        "--calendar",
        choices=tuple(dict.fromkeys(names)),
        default=names[0] if names else None,
        help=t("list.separator").join(phrases),
    )
    options = calendar_options()
    for option, (pack, variants) in options.items():
        command.add_argument(
            f"--{option}",
            dest=option_dest(option),
            choices=variants,
            help=t.of(pack.messages, f"calendar.option.{option}"),
        )
    command.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("help.format")
    )
    command.set_defaults(calendar_options=tuple(options))


def calendar_options() -> dict[str, tuple[Jurisdiction, tuple[str, ...]]]:
    """Each option that picks a calendar's variant (``--<option>``): the first pack that
    offers it (its words) and every variant's name, in order."""
    found: dict[str, tuple[Jurisdiction, list[str]]] = {}
    for pack in jurisdictions().values():
        for named in pack.calendar_names:
            if named.option is not None:
                _, variants = found.setdefault(named.option, (pack, []))
                variants += [name for name in named.variants if name not in variants]
    return {option: (pack, tuple(variants)) for option, (pack, variants) in found.items()}


def option_dest(option: str) -> str:
    """The attribute that holds the value of a calendar's ``--<option>``."""
    return f"variant_{option.replace('-', '_')}"


def _check(commands: Commands) -> None:
    t = commands.words
    kinds = subject_classes()
    default = subject_class(None)
    description = t(
        "help.check.description",
        kinds=", ".join(kinds),
        default=default.kind if default is not None else next(iter(kinds), ""),
    )
    command = commands.add("check", "check", help=t("help.check"), description=description)
    command.add_argument("case", metavar=t("help.metavar.case"), help=t("help.check.case"))
    command.add_argument(
        "--as-of",
        type=common.as_of,
        metavar=t("help.metavar.moment"),
        help=t("help.check.as_of"),
    )
    command.add_argument("--plot", metavar=t("help.metavar.picture"), help=t("help.check.plot"))
    command.add_argument("--explain", action="store_true", help=t("help.check.explain"))
    command.add_argument("--sensitivity", action="store_true", help=t("help.check.sensitivity"))
    _reading_option(command, t)
    _output_options(command, t, formats=("text", "json", "fhir"))


def _deadlines(commands: Commands) -> None:
    offering = [pack for pack in jurisdictions().values() if pack.deadlines is not None]
    if not offering:
        return
    t = commands.words
    default = _default_among(offering)
    command = commands.add(
        "deadlines", "deadlines",
        help=t.of(default.messages, "deadlines.help"),
        description=t.of(default.messages, "deadlines.description"),
    )  # fmt: skip
    command.add_argument(
        "--transmitted",
        type=common.as_of,
        required=True,
        metavar=t("help.metavar.moment"),
        help=t.of(default.messages, "deadlines.transmitted"),
    )
    _jurisdiction_option(command, t, offering, default)
    _reading_option(command, t)
    _output_options(command, t, formats=("text", "json", "ics"))


def _rules(commands: Commands) -> None:
    t = commands.words
    command = commands.add(
        "rules", "rules", help=t("help.rules"), description=t("help.rules.description")
    )
    command.add_argument(
        "--as-of", type=common.day, metavar=t("help.metavar.date"), help=t("help.rules.as_of")
    )
    packs = list(jurisdictions().values())
    name = "name_fr" if t.lang == "fr" else "name_en"
    choices = ", ".join(f"{pack.id} ({getattr(pack, name)})" for pack in packs)
    command.add_argument(
        "--jurisdiction",
        choices=[pack.id for pack in packs],
        metavar="ID",
        help=t("help.rules.jurisdiction", choices=choices),
    )
    _output_options(command, t)


def _audit(commands: Commands) -> None:
    t = commands.words
    command = commands.add(
        "audit", "audit", help=t("help.audit"), description=t("help.audit.description")
    )
    command.add_argument(
        "paths", nargs="+", metavar=t("help.metavar.path"), help=t("help.audit.paths")
    )
    command.add_argument(
        "--as-of",
        type=common.as_of,
        metavar=t("help.metavar.moment"),
        help=t("help.audit.as_of"),
    )
    command.add_argument("--out", metavar=t("help.metavar.file"), help=t("help.audit.out"))
    command.add_argument(
        "--format",
        choices=("csv", "jsonl", "xlsx", "parquet", "html"),
        help=t("help.audit.format"),
    )
    command.add_argument("--excel", action="store_true", help=t("help.audit.excel"))
    _lang_option(command, t)
    command.add_argument(
        "--jobs",
        type=common.jobs,
        default=1,
        metavar=t("help.metavar.count"),
        help=t("help.audit.jobs"),
    )
    command.add_argument("--quiet", action="store_true", help=t("help.audit.quiet"))
    _reading_option(command, t)


def _test(commands: Commands) -> None:
    t = commands.words
    command = commands.add(
        "test", "test", help=t("help.test"), description=t("help.test.description")
    )
    command.add_argument(
        "paths", nargs="+", metavar=t("help.metavar.path"), help=t("help.test.paths")
    )
    _lang_option(command, t)
    _reading_option(command, t)


def _subject_commands(commands: Commands) -> None:
    """Each pack's commands that read one kind of its subjects (words ``command.<name>.*``)."""
    t = commands.words
    for pack in jurisdictions().values():
        for name, subject in pack.commands.items():
            command = commands.add(
                name, "subject",
                help=t.of(pack.messages, f"command.{name}.help"),
                description=t.of(pack.messages, f"command.{name}.description"),
                subject=subject,
                jurisdiction=pack.id,
            )  # fmt: skip
            command.add_argument(
                "document",
                metavar=t("help.metavar.document", name=name.upper()),
                help=t("help.subject.document"),
            )
            _reading_option(command, t, pack.rules.for_subject(subject))
            _output_options(command, t)


def _schema(commands: Commands) -> None:
    t = commands.words
    names = tuple(schema_names())
    command = commands.add(
        "schema", "schema",
        help=t("help.schema", names=", ".join(names)),
        description=t("help.schema.description"),
    )  # fmt: skip
    command.add_argument(
        "name",
        choices=names,
        metavar=t("help.metavar.name"),
        help=t("help.schema.name", names=", ".join(names[:-1]), last=names[-1]),
    )


def _serve(commands: Commands) -> None:
    t = commands.words
    command = commands.add(
        "serve", "serve", help=t("help.serve"), description=t("help.serve.description")
    )
    command.add_argument(
        "--host", default="127.0.0.1", metavar=t("help.metavar.host"), help=t("help.serve.host")
    )
    command.add_argument(
        "--port",
        type=_port,
        default=8000,
        metavar=t("help.metavar.port"),
        help=t("help.serve.port"),
    )
    command.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar=t("help.metavar.count"),
        help=t("help.serve.workers"),
    )
    command.add_argument(
        "--decision-log", metavar=t("help.metavar.file"), help=t("help.serve.decision_log")
    )
    command.add_argument("--access-log", action="store_true", help=t("help.serve.access_log"))
    command.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar=t("help.metavar.origin"),
        help=t("help.serve.cors_origin"),
    )


def _log_audits(commands: Commands) -> None:
    """Each pack's audit of its logs at scale, a command of its own (words ``logs.*``)."""
    t = commands.words
    for pack in jurisdictions().values():
        if pack.logs is None:
            continue
        command = commands.add(
            pack.logs.command, "logs",
            help=t.of(pack.messages, "logs.help"),
            description=t.of(pack.messages, "logs.description"),
            jurisdiction=pack.id,
        )  # fmt: skip
        for table in pack.logs.tables:
            command.add_argument(
                f"--{table.replace('_', '-')}",
                dest=table_dest(table),
                required=not pack.logs.needs,  # with needs, a table left out skips its rules
                metavar=t("help.metavar.file"),
                help=t.of(pack.messages, f"logs.table.{table}"),
            )
        command.add_argument(
            "--out", required=True, metavar=t("help.metavar.file"), help=t("help.logs.out")
        )
        command.add_argument(
            "--engine",
            default="duckdb",
            metavar=t("help.metavar.engine"),
            help=t("help.logs.engine"),
        )
        command.add_argument(
            "--as-of",
            type=common.as_of,
            metavar=t("help.metavar.moment"),
            help=t("help.logs.as_of", zone=_zone_name(pack)),
        )
        _lang_option(command, t)
        command.add_argument("--quiet", action="store_true", help=t("help.logs.quiet"))
        _reading_option(command, t, pack.rules.values())


def table_dest(table: str) -> str:
    """The attribute that holds the file of a log audit's table ``--<table>``."""
    return f"table_{table.replace('-', '_')}"


def _zone_name(pack: Jurisdiction) -> str:
    return str(getattr(pack.zone, "key", None) or pack.zone)


def _default_among(packs: Iterable[Jurisdiction]) -> Jurisdiction:
    """The default pack if it is among ``packs``, else the first of them."""
    found = list(packs)
    default = default_jurisdiction()
    return default if default in found else found[0]


def _jurisdiction_option(
    command: Parser, t: Words, packs: Iterable[Jurisdiction], default: Jurisdiction
) -> None:
    name = "name_fr" if t.lang == "fr" else "name_en"
    ids = [pack.id for pack in packs]
    choices = ", ".join(f"{pack.id} ({getattr(pack, name)})" for pack in packs)
    command.add_argument(
        "--jurisdiction",
        choices=ids,
        default=default.id,
        metavar="ID",
        help=t("help.jurisdiction", choices=choices, default=default.id),
    )


def _reading_option(command: Parser, t: Words, rules: Iterable[Any] | None = None) -> None:
    """``--reading``, its help naming a few alternatives of the ``rules`` the command runs
    (every pack's when it runs any)."""
    examples = _reading_examples(rules)
    shown = ", ".join(examples[:_READING_EXAMPLES])
    command.add_argument(
        "--reading",
        type=common.reading,
        action="append",
        default=[],
        metavar="ID",
        help=t("help.reading", examples=shown + ("…" if len(examples) > _READING_EXAMPLES else "")),
    )


def _reading_examples(rules: Iterable[Any] | None) -> list[str]:
    """The readings to name in the help: the alternatives the versions of ``rules`` allow (not
    their defaults), in order; of every pack's rules, the default pack's first, for ``None``."""
    if rules is None:
        rules = [rule for pack in jurisdictions().values() for rule in pack.rules.values()]
    found = [r.id for rule in rules for version in rule.versions for r in version.alternatives]
    return list(dict.fromkeys(found))


def _output_options(command: Parser, t: Words, formats: tuple[str, ...] = ("text", "json")) -> None:
    command.add_argument("--format", choices=formats, default="text", help=t("help.format"))
    _lang_option(command, t)


def _lang_option(command: Parser, t: Words) -> None:
    command.add_argument("--lang", choices=LANGUAGES, default="fr", help=t("help.lang"))


def _help_option(command: argparse.ArgumentParser, t: Callable[[str], str]) -> None:
    command.add_argument("-h", "--help", action="help", help=t("help.help"))


def _port(text: str) -> int:
    if text.isdigit() and 0 <= int(text) <= 65535:
        return int(text)
    raise argparse.ArgumentTypeError(both("error.port", shown=ascii(text)))


def _workers(text: str) -> int:
    if text.isdigit() and 1 <= int(text) <= 64:
        return int(text)
    raise argparse.ArgumentTypeError(both("error.workers", shown=ascii(text)))
