"""The README stays true to the code, and the project's texts stand alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

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


def test_texts_stand_alone():
    """The README, the docs (pages, translations, templates, configuration), the JSON Schemas
    and the service's OpenAPI document never send the reader to a section of a document
    outside the project ("SPEC §13")."""
    pytest.importorskip("starlette", reason="the server extra is not installed")
    from dme_rules.schemas import schema, schema_names
    from dme_rules.service.openapi import openapi_document

    docs = README.parent / "docs"
    texts = {str(path.relative_to(README.parent)): path.read_text(encoding="utf-8")
             for path in [README, *docs.rglob("*")]
             if path.suffix in {".md", ".rst", ".py", ".po", ".html", ".txt", ".css"}
             and "_build" not in path.parts}  # fmt: skip
    texts["schemas"] = json.dumps([schema(name) for name in schema_names()], ensure_ascii=False)
    texts["openapi"] = json.dumps(openapi_document(), ensure_ascii=False)
    assert len(texts) > 50  # every page and its catalogue
    assert {} == {name: re.findall(r".{0,30}\bSPEC\b.{0,30}", text)
                  for name, text in texts.items() if re.search(r"\bSPEC\b", text)}  # fmt: skip
