"""``dme-rules rules``: the rules with a version in force on a date.

Every pack's rules, the default pack's first, unless ``--jurisdiction`` picks one; without
``--as-of`` the date is today in the time zone of the pack picked, else of the default pack.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from dme_rules.cli.common import EXIT_OK, print_json
from dme_rules.cli.words import WORDS
from dme_rules.engine.jurisdiction import default_jurisdiction, jurisdiction_of, jurisdictions
from dme_rules.engine.presentation import table_lines

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Print the rules in force: each one's id, version, first day and title, or JSON."""
    if args.jurisdiction is None:
        packs = list(jurisdictions().values())
        pack = default_jurisdiction()
    else:
        pack = jurisdiction_of(args.jurisdiction)
        packs = [pack]
    day = args.as_of if args.as_of is not None else datetime.now(pack.zone).date()
    entries = []
    for listed in packs:
        for rule in listed.rules.in_force(day).values():
            version = rule.version_at(day)
            assert version is not None  # a rule in force has a version that day
            entries.append((rule, version))
    if args.format == "json":
        print_json(
            {
                "as_of": day.isoformat(),
                "rules": [
                    {  # the version in force (the first edition's keys among them), the rule
                        "id": rule.id,
                        "obligated_party": rule.obligated_party,
                        "title": rule.title(args.lang),
                        **version.to_dict(),
                        "rule": rule.to_dict(day),
                    }
                    for rule, version in entries
                ],
            }
        )
        return EXIT_OK
    say = WORDS.speaker(args.lang, pack.zone)
    print(say("rules.heading", day=day))
    print()
    header = ("id", "version", say("rules.since"), say("rules.title"))
    rows = [
        (rule.id, version.version, version.effective_from.isoformat(), rule.title(args.lang))
        for rule, version in entries
    ]
    print("\n".join(table_lines([header, *rows])))
    return EXIT_OK
