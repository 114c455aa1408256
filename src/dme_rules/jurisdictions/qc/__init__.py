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
- ``messages``: every word of its findings, in French and English;
- ``requests``: the deadlines a new request sets going;
- ``timeline``: how a case's findings are drawn on a time axis.

:data:`QUEBEC` gathers them for the engine.
"""

from __future__ import annotations

from dme_rules.engine.features import CalendarName, Example
from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.jurisdictions.qc.calendars import QUEBEC_CPC, EasterChoice, quebec_lnt
from dme_rules.jurisdictions.qc.counting import MONTREAL
from dme_rules.jurisdictions.qc.messages import MESSAGES
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import READINGS
from dme_rules.jurisdictions.qc.requests import deadlines_of
from dme_rules.jurisdictions.qc.rules import RULES
from dme_rules.jurisdictions.qc.subjects import ConsentAnswers, MigrationCase
from dme_rules.jurisdictions.qc.timeline import TIMELINE

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
    # A document without a "subject" key is a migration case, as in the first edition.
    default_subject=MigrationCase,
    calendar_names=(
        CalendarName("cpc", QUEBEC_CPC),
        CalendarName(
            "lnt",
            quebec_lnt(EasterChoice.BOTH),
            option="easter",
            variants={choice.value: quebec_lnt(choice) for choice in EasterChoice},
        ),
    ),
    deadlines=deadlines_of,
    timeline=TIMELINE,
    commands={"consent": ConsentAnswers},
    example=Example(
        {  # the complete request of the specification's case model
            "case_id": "2025-0147",
            "request_transmitted_at": "2025-06-20T16:45:00-04:00",
            "source_solution": "Omnimed",
            "target_solution": "MYLE",
            "practitioners": 4,
            "standard_scope": True,
            "extraction": {
                "delivered_on": "2025-07-10",
                "fee": "1800.00",
                "confirmed_on": "2025-07-11",
            },
            "import": {
                "completed_on": "2025-08-05",
                "fee": "6000.00",
                "confirmed_on": "2025-08-06",
            },
            "preanalysis": {"submitted_on": "2025-07-15", "validated_on": "2025-07-23"},
            "read_only_access": {"until": "2025-11-03", "fee": "0"},
            "complaints": [{"filed_at": "2025-08-20T10:00:00-04:00", "followed_up_at": None}],
        },
        as_of="2025-09-01T12:00:00-04:00",
    ),
)

#: The pack, under the name every pack gives it.
JURISDICTION = QUEBEC
