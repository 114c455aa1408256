"""The French DMP's rules: one module per rule, discovered into the registry :data:`RULES`.

A rule's id names its module (``fr.dmp.retention`` is the constant ``RETENTION`` of the module
``retention`` here), as in the Quebec pack.
"""

from __future__ import annotations

from dme_rules.engine.ruleset import Ruleset

__all__ = ["RULES"]

#: Every French DMP rule, in the catalogue's order, keyed by id.
RULES = Ruleset.discover(__name__)
