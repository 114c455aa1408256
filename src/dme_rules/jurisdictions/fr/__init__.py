"""The French pack (``fr``): the shared medical record (DMP, dossier médical partagé).

Everything local to France lives here, one module or package per part:

- ``counting``: the time zone (``Europe/Paris``) and the computation of time limits of the
  Code de procédure civile (arts. 641–642);
- ``calendars``: the business calendars (``FRANCE``, ``FRANCE_ALSACE_MOSELLE``), their
  holidays declared in ``_holiday_declarations``;
- ``sources``: the documents cited, the passages quoted, the effective dates;
- ``readings``: the readings of the sources' ambiguous phrases;
- ``parameters``: the typed numbers of the versions;
- ``parties``: who the obligations bind;
- ``subjects``: the DMP record (``fr.dmp.record``);
- ``messages``: every word of its findings, in French and English;
- ``rules``: one module per rule, discovered into ``RULES``;
- ``dmp_logs``: every rule audited over a host's tables at scale (DuckDB or Spark), and
  ``logs``, the first audit of its notices; :mod:`dme_rules.fr` makes them public.

:data:`FRANCE_DMP` gathers them for the engine.
"""

from __future__ import annotations

from dme_rules.engine.features import CalendarName, LogAudit
from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.jurisdictions.fr.calendars import FRANCE, FRANCE_ALSACE_MOSELLE
from dme_rules.jurisdictions.fr.counting import PARIS
from dme_rules.jurisdictions.fr.dmp_logs import DMP_TABLES, RULE_TABLES, audit_dmp_logs
from dme_rules.jurisdictions.fr.messages import MESSAGES
from dme_rules.jurisdictions.fr.parties import Party
from dme_rules.jurisdictions.fr.readings import READINGS
from dme_rules.jurisdictions.fr.rules import RULES
from dme_rules.jurisdictions.fr.subjects import DmpRecord

__all__ = ["FRANCE_DMP", "JURISDICTION"]

#: The French pack.
FRANCE_DMP = Jurisdiction(
    id="fr",
    name_fr="France — dossier médical partagé",
    name_en="France — shared medical record",
    zone=PARIS,
    calendar=FRANCE,
    calendars=(FRANCE, FRANCE_ALSACE_MOSELLE),
    parties=tuple(party.value for party in Party),
    readings=tuple(READINGS.values()),
    subjects=(DmpRecord,),
    rules=RULES,
    messages=MESSAGES,
    calendar_names=(
        CalendarName("france", FRANCE),
        CalendarName("alsace-moselle", FRANCE_ALSACE_MOSELLE),
    ),
    logs=LogAudit("dmp-audit", DMP_TABLES, audit_dmp_logs, RULE_TABLES),
)

#: The pack, under the name every pack gives it.
JURISDICTION = FRANCE_DMP
