"""The Quebec pack (``qc``): the rules for migrating patient data between certified EMRs.

Everything local to Quebec lives here, one module or package per part:

- ``counting``: the time zone (``America/Montreal``) and the counting conventions;
- ``calendars``: the business calendars (``QUEBEC_CPC``, ``QUEBEC_LNT``), their holidays
  declared in ``_holiday_declarations``;
- ``directory``: the certified EMR solutions and their migration addresses;
- ``parties``: who the obligations bind;
- ``sources``: the documents cited, the passages quoted, the effective dates;
- ``readings``: the readings of the sources' ambiguous phrases;
- ``parameters``: the typed numbers of the rules' versions;
- ``subjects``: the migration case and the consent answers;
- ``rules``: one module per rule, discovered into ``RULES``;
- ``messages``: every word of its findings, in French and English.

:data:`QUEBEC` gathers them for the engine.
"""

from __future__ import annotations

from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.jurisdictions.qc.calendars import QUEBEC_CPC, EasterChoice, quebec_lnt
from dme_rules.jurisdictions.qc.counting import MONTREAL
from dme_rules.jurisdictions.qc.messages import MESSAGES
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import READINGS
from dme_rules.jurisdictions.qc.rules import RULES
from dme_rules.jurisdictions.qc.subjects import ConsentAnswers, MigrationCase

__all__ = ["JURISDICTION", "QUEBEC"]

#: The Quebec pack.
QUEBEC = Jurisdiction(
    id="qc",
    name_fr="Québec",
    name_en="Quebec",
    zone=MONTREAL,
    calendar=QUEBEC_CPC,
    calendars=(QUEBEC_CPC, *(quebec_lnt(choice) for choice in EasterChoice)),
    parties=tuple(party.value for party in Party),
    readings=tuple(READINGS.values()),
    subjects=(MigrationCase, ConsentAnswers),
    rules=RULES,
    messages=MESSAGES,
)

#: The pack, under the name every pack gives it.
JURISDICTION = QUEBEC
