"""Quebec's rules: one module per rule, discovered into the registry :data:`RULES`.

A rule's id names its module: ``qc.migration.extraction-deadline`` is the constant
``EXTRACTION_DEADLINE`` of the module ``extraction_deadline`` here. Adding a rule is adding a
module (and its test module): :meth:`~dme_rules.engine.ruleset.Ruleset.discover` finds it and
orders the catalogue by each rule's ``position``. Modules whose name starts with ``_`` hold
what several rules share.
"""

from __future__ import annotations

from dme_rules.engine.ruleset import Ruleset

__all__ = ["RULES"]

#: Every Quebec rule, in the catalogue's order, keyed by id.
RULES = Ruleset.discover(__name__)
