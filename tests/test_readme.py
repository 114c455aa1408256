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
