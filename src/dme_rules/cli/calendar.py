"""``dme-rules calendar YEAR``: a year's holidays in a business calendar, in both languages.

The calendars are the packs' (:attr:`~dme_rules.engine.jurisdiction.Jurisdiction.calendar_names`;
a pack that names none offers its calendars by their ids); an option such as
``--<option> VARIANT`` picks a variant of the calendars that offer it, and is a usage error
with any other.
"""

from __future__ import annotations

import argparse

from dme_rules.cli.common import EXIT_OK, print_json, usage_error
from dme_rules.cli.parser import option_dest
from dme_rules.cli.words import WORDS
from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.jurisdiction import calendar_named, jurisdictions
from dme_rules.engine.presentation import table_lines

__all__ = ["run"]


def _calendar_of(args: argparse.Namespace) -> BusinessCalendar:
    """The calendar ``--calendar`` names, in the variant its option picks.

    Raises:
        UsageError: An option given with a calendar that does not offer it.
    """
    found = calendar_named(args.calendar)
    assert found is not None, args.calendar  # the parser offers only the packs' names
    _, named = found
    for option in args.calendar_options:
        if option != named.option and getattr(args, option_dest(option)) is not None:
            offering = [
                other.name
                for pack in jurisdictions().values()
                for other in pack.calendar_names
                if other.option == option
            ]
            raise usage_error(args, "error.option", option=option, names=", ".join(offering))
    variant = getattr(args, option_dest(named.option)) if named.option is not None else None
    return named.pick(variant)


def run(args: argparse.Namespace) -> int:
    """Print the holidays of ``args.year``: a table with French and English names, or JSON."""
    calendar = _calendar_of(args)
    holidays = calendar.holidays(args.year)
    if args.format == "json":
        print_json(
            {
                "calendar": calendar.id,
                "year": args.year,
                "holidays": [holiday.to_dict() for holiday in holidays],
            }
        )
        return EXIT_OK

    def word(code: str) -> str:  # both languages side by side, French first
        return f"{WORDS.template(code, 'fr')} / {WORDS.template(code, 'en')}"

    weekdays = [WORDS.template("calendar.weekdays", lang).split() for lang in ("fr", "en")]
    print(f"{calendar.title_fr} — {args.year}")
    print(f"{calendar.title_en} — {args.year}")
    print()
    header = (
        WORDS.template("calendar.date", "en"),
        word("calendar.day"),
        WORDS.template("calendar.name", "fr"),
        WORDS.template("calendar.name", "en"),
    )
    rows = [
        (
            holiday.date.isoformat(),
            " ".join(names[holiday.date.weekday()] for names in weekdays),
            holiday.name_fr,
            holiday.name_en,
        )
        for holiday in holidays
    ]
    print("\n".join(table_lines([header, *rows])))
    print()
    print(f"{len(holidays)} {word('calendar.holidays')} ({calendar.id})")
    return EXIT_OK
