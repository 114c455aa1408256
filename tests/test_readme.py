"""The README stays true to the code."""

from __future__ import annotations

import re
from pathlib import Path

import dme_rules
from dme_rules import RULES

README = Path(__file__).parent.parent / "README.md"


def test_rule_table_lists_every_rule_of_the_registry():
    """The README's rule table has one row per rule of RULES, in order, constant and id."""
    rows = re.findall(r"^\| `([A-Z_]+)` \| `(qc\.[a-z.-]+)` \|", README.read_text("utf-8"), re.M)
    assert [(name, getattr(dme_rules, name).id) for name, _ in rows] == rows
    assert list(RULES) == [rule_id for _, rule_id in rows]


def test_rule_table_names_each_rules_party():
    """The 'binds' column is the rule's obligated party (or parties) in English."""
    rows = re.findall(r"^\| `[A-Z_]+` \| `(qc\.[a-z.-]+)` \| ([^|]+) \|", README.read_text("utf-8"),
                      re.M)  # fmt: skip
    messages = dme_rules.QUEBEC.messages
    for rule_id, binds in rows:
        parties = RULES[rule_id].obligated_party.split("+")
        said = " + ".join(messages.template(f"party.{party}", "en") for party in parties)
        assert said == binds.strip(), rule_id


def test_readings_table_is_the_catalogue():
    """The README's readings table names every reading of the catalogue once, each default
    before its alternative, on the row of its topic."""
    text = README.read_text("utf-8")
    section = text[text.index("## Readings") : text.index("## Calendars")]
    rows = re.findall(r"^\| [^|]+ \| ([^|]+) \| ([^|]+) \| [^|]+ \|$", section, re.M)[
        1:
    ]  # after the heading row
    named = []
    for defaults, alternatives in rows:
        ids = re.findall(r"`([a-z0-9-]+)`", defaults + alternatives)
        assert len({dme_rules.READINGS[i].topic for i in ids}) == 1, ids
        named += ids
    from dme_rules.jurisdictions.qc.readings import READINGS as QUEBEC_READINGS

    assert sorted(named) == sorted(QUEBEC_READINGS)


def test_french_rule_table_lists_every_rule_of_the_pack():
    """The DMP table has one row per rule of the French pack, in order, each constant the
    rule's module's, each party the rule's."""
    import importlib

    pack = dme_rules.JURISDICTIONS["fr"]
    rows = re.findall(r"^\| `([A-Z_]+)` \| `(fr\.[a-z.-]+)` \| ([^|]+) \|",
                      README.read_text("utf-8"), re.M)  # fmt: skip
    assert list(pack.rules) == [rule_id for _, rule_id, _ in rows]
    for name, rule_id, binds in rows:
        module = importlib.import_module(
            "dme_rules.jurisdictions.fr.rules." + rule_id.rsplit(".", 1)[-1].replace("-", "_")
        )
        rule = getattr(module, name)
        assert rule is pack.rules[rule_id]
        said = pack.messages.template(f"party.{rule.obligated_party}", "en")
        assert said == binds.strip(), rule_id
