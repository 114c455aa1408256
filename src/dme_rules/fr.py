"""The French pack's public face: the DMP's log audits at scale, and its rules and record.

Everything here lives in the pack (:mod:`dme_rules.jurisdictions.fr`); this module gives it a
short path: :func:`audit_dmp_logs` (every rule of the pack over a host's tables, one SQL text
per family of rules run by DuckDB or Apache Spark), :func:`audit_access_logs` (the
first-access and emergency-access notices of two logs), the record (:class:`DmpRecord`), the
calendars and the rules.
"""

from __future__ import annotations

from dme_rules.jurisdictions.fr import FRANCE_DMP
from dme_rules.jurisdictions.fr.calendars import FRANCE, FRANCE_ALSACE_MOSELLE
from dme_rules.jurisdictions.fr.dmp_logs import (
    DMP_COLUMNS,
    DMP_TABLES,
    RULE_TABLES,
    audit_dmp_logs,
    rules_not_run,
)
from dme_rules.jurisdictions.fr.logs import (
    COLUMNS,
    ENGINES,
    TABLES,
    audit_access_logs,
    audit_tables,
    checks_sql,
    notices_sql,
    register_spark_view,
)
from dme_rules.jurisdictions.fr.rules import RULES
from dme_rules.jurisdictions.fr.subjects import DmpRecord

__all__ = [
    "COLUMNS",
    "DMP_COLUMNS",
    "DMP_TABLES",
    "ENGINES",
    "FRANCE",
    "FRANCE_ALSACE_MOSELLE",
    "FRANCE_DMP",
    "RULES",
    "RULE_TABLES",
    "TABLES",
    "DmpRecord",
    "audit_access_logs",
    "audit_dmp_logs",
    "audit_tables",
    "checks_sql",
    "notices_sql",
    "register_spark_view",
    "rules_not_run",
]
