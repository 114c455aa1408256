"""The lean floor of the audit's messages and rows, for ``bench_pipeline.py`` (with the
reading and the rules of ``lean_pipeline.py``): one French template per rule, status and
variant, filled with str.format; a tuple of the columns per finding (CSV:
``csv.writer(...).writerows``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from lean_pipeline import COMPLIANT, MONTREAL, NB, NOT_APPLICABLE, VIOLATION, LeanRules

# -- messages ---------------------------------------------------------------------------------

TITLES = {
    "extraction-deadline": "Délai d'extraction des données",
    "extraction-fee-cap": "Plafond des frais d'extraction",
    "import-deadline": "Délai d'importation des données",
    "import-fee-cap": "Plafond des frais d'importation",
    "success-confirmation": "Confirmation de la réussite de l'opération",
    "read-only-access": "Accès gratuit en lecture à l'ancienne solution",
    "request-form": "Formulaire de demande de migration",
    "preanalysis-validation": "Validation de la préanalyse par la clinique",
    "calendar-content": "Contenu du calendrier de migration",
    "complaint-follow-up": "Suivi d'une plainte par le BCH",
}
WORDS = {COMPLIANT: "conforme", VIOLATION: "non conforme", NOT_APPLICABLE: "sans objet"}
# Compiled once per rule and status: the head of each message.
HEADS = {(rule, status): f"{title}{NB}: {word}"
         for rule, title in TITLES.items() for status, word in WORDS.items()}  # fmt: skip
SEP = f"{NB}; "
DUE_ACT = " — échéance {}" + SEP + "fait le {}"
ACCESS_UNTIL = " — échéance {}" + SEP + "accès jusqu'au {}"
LATE = SEP + "en retard de {} {} ({} {})"
NOT_STARTED = (" — le formulaire n'est pas signé ou n'a pas l'autorisation écrite de la "
               f"clinique{NB}: le processus n'est pas officiellement entrepris.")  # fmt: skip
NOT_STANDARD = SEP + f"portée non standard{NB}: des délais supplémentaires peuvent s'appliquer."
DELAY = (SEP + "la validation de la préanalyse par la clinique a {} {} de retard (échéance {}), "
         "ce qui peut modifier légèrement le calendrier")  # fmt: skip
MOVED = SEP + "l'échéance de l'importation est reportée d'autant (échéance légale {})"
FEES = " — montant {}" + SEP + "plafond {}."
CONFIRMED = SEP + "{} confirmée le {}"
AFTER = ", après l'échéance du {}"
ENDED_EARLY = SEP + "l'accès a pris fin avant la date requise."
FAULTS = {"no_clinic_authorization": "sans l'autorisation écrite de la clinique"}
ORDER = "{} après {}"
LATE_ITEM = "{} le {}, après l'échéance du {}"
#: A calendar's items in words, by field.
ITEMS = {"test_extraction_on": "extraction de test", "preanalysis_start_on": "début de la "
         "préanalyse", "preanalysis_end_on": "fin de la préanalyse", "preanalysis_submitted_on":
         "dépôt de la préanalyse", "preanalysis_validated_on": "validation de la préanalyse",
         "source_cutover_on": "basculement", "final_extraction_on": "extraction finale",
         "production_on": "mise en production", "data_usable_on": "première utilisation des "
         "données", "quality_approved_on": "approbation de la qualité"}  # fmt: skip
#: Montreal's zone as Quebec's French writes it.
ZONES = {"EST": "HNE", "EDT": "HAE"}
ACCESS = "retrait des accès le {}, avant la fin de l'accès requis ({})"
COMPLAINT = " — échéance {}" + SEP + "fait le {}" + SEP + "plainte n° {}"
BUSINESS_LATE = SEP + "{} h {:02d} ouvrables de retard"
BUSINESS_DAYS_LATE = SEP + "{} {} et {} h {:02d} de retard"
REAL_TIME = SEP + "soit {} en temps réel."


def _days(n: int) -> str:
    return "jour" if n <= 1 else "jours"


def _business(n: int) -> str:
    return "jour ouvrable" if n <= 1 else "jours ouvrables"


def _money(value: Any) -> str:
    return f"{value:,.2f}".replace(",", "\u202f").replace(".", ",") + f"{NB}$"


def _shown(instant: datetime) -> str:
    local = instant.astimezone(MONTREAL)
    if local.hour == 0 and local.minute == 0:
        day = local.date() - timedelta(days=1)
        return f"{day} 24:00 ({ZONES[local.tzname()]})"
    return f"{local:%Y-%m-%d %H:%M} ({ZONES[local.tzname()]})"


def _day_shown(instant: datetime) -> str:
    """The Montreal day an instant is shown on: 00:00 is 24:00 of the day before."""
    local = instant.astimezone(MONTREAL)
    if local.hour == 0 and local.minute == 0:
        return (local.date() - timedelta(days=1)).isoformat()
    return local.date().isoformat()


def _real_time(minutes: int) -> str:
    days, hours = divmod(minutes // 60, 24)
    parts = []
    if days:
        parts.append(f"{days} {_days(days)}")
    if hours:
        parts.append(f"{hours} heure" + ("s" if hours > 1 else ""))
    return " ".join(parts)


def lean_message(rule: str, status: str, facts: dict[str, Any], rules: LeanRules) -> str:
    """The library's French message for one lean finding."""
    head = HEADS[rule, status]
    if rule in ("extraction-deadline", "import-deadline", "preanalysis-validation"):
        if facts.get("reason") == "process_not_started":
            return head + NOT_STARTED
        due, act = facts["due"], facts["act"]
        text = head + DUE_ACT.format(due, act)
        if facts.get("reason") == "non_standard_scope":
            return text + NOT_STANDARD
        if act > due:
            late, business = facts["days_late"], facts["business_late"]
            text += LATE.format(late, _days(late), business, _business(business))
        if "delay" in facts:
            delay, validation_due, statutory = facts["delay"]
            text += DELAY.format(delay, _business(delay), validation_due)
            if due != statutory:
                text += MOVED.format(statutory)
        return text + "."
    if rule in ("extraction-fee-cap", "import-fee-cap"):
        return head + FEES.format(_money(facts["amount"]), _money(facts["cap"]))
    if rule == "success-confirmation":
        due, act = facts["due"], facts["act"]
        text = head + DUE_ACT.format(due, act)
        if act > due:
            late, business = facts["days_late"], facts["business_late"]
            text += LATE.format(late, _days(late), business, _business(business))
        for name, (is_late, earliest, confirmed) in zip(
            ("extraction", "importation"), facts["operations"], strict=True
        ):
            text += CONFIRMED.format(name, confirmed)
            if is_late:
                text += AFTER.format(earliest)
        return text + "."
    if rule == "read-only-access":
        text = head + ACCESS_UNTIL.format(facts["due"], facts["act"])
        return text + (ENDED_EARLY if status == VIOLATION else ".")
    if rule == "request-form":
        if not facts["faults"]:
            return head + "."
        return head + " — " + SEP.join(FAULTS[fault] for fault in facts["faults"]) + "."
    if rule == "calendar-content":
        if not facts["problems"]:
            return head + "."
        parts = []
        for problem in facts["problems"]:
            kind, *values = problem
            if kind == "order":
                parts.append(ORDER.format(ITEMS[values[0]], ITEMS[values[1]]))
            elif kind == "late":
                parts.append(LATE_ITEM.format(ITEMS[values[0]], *values[1:]))
            else:
                parts.append(ACCESS.format(*values))
        return head + " — " + SEP.join(parts) + "."
    # complaint-follow-up
    due = facts["due_instant"]
    act = facts["act"]
    text = head + COMPLAINT.format(_shown(due), _shown(act), facts["number"])
    late = facts["late"]
    if late <= 0:
        return text + "."
    days, minutes = divmod(late, 1440)
    if days:
        text += BUSINESS_DAYS_LATE.format(days, _business(days), minutes // 60, minutes % 60)
    else:
        text += BUSINESS_LATE.format(minutes // 60, minutes % 60)
    return text + REAL_TIME.format(_real_time(int((act - due).total_seconds()) // 60))


# -- rows -------------------------------------------------------------------------------------

#: What every finding of a rule shows under the bench's readings: its id, its version in force
#: for requests from 2024, its party and its reading.
ROWS = {
    "extraction-deadline": ("qc.migration.extraction-deadline", "2", "source_vendor",
                            "procedure-2024"),
    "extraction-fee-cap": ("qc.migration.extraction-fee-cap", "1", "source_vendor", None),
    "import-deadline": ("qc.migration.import-deadline", "2", "target_vendor", "procedure-2024"),
    "import-fee-cap": ("qc.migration.import-fee-cap", "1", "target_vendor", None),
    "success-confirmation": ("qc.migration.success-confirmation", "2",
                             "source_vendor+target_vendor", None),
    "read-only-access": ("qc.migration.read-only-access", "2", "source_vendor", None),
    "request-form": ("qc.migration.request-form", "1", "clinic", None),
    "preanalysis-validation": ("qc.migration.preanalysis-validation", "1", "clinic", None),
    "calendar-content": ("qc.migration.calendar-content", "1", "target_vendor", None),
    "complaint-follow-up": ("qc.bch.complaint-follow-up", "1", "bch", "business-day-clock"),
}  # fmt: skip


def lean_rows(
    source: str, case: dict[str, Any], as_of: str, found: list[Any], messages: list[str],
    rules: LeanRules,
) -> list[tuple[Any, ...]]:  # fmt: skip
    """A tuple of the audit's columns per finding, its dates and amounts as text."""
    case_id = case["case_id"]
    worst = VIOLATION if any(status == VIOLATION for _, status, _ in found) else COMPLIANT
    rows = []
    for (rule, status, facts), message in zip(found, messages, strict=True):
        rule_id, version, party, reading = ROWS[rule]
        due = act = due_at = act_at = late = business = amount = cap = None
        if "due_at" in facts:  # an instant: its day, and the instant
            instant = facts["due_instant"]
            due_at, act_at = instant.isoformat(), facts["act"].astimezone(MONTREAL).isoformat()
            due, act = _day_shown(instant), _day_shown(facts["act"])
        elif "due" in facts and facts["due"] is not None:
            due, act = facts["due"].isoformat(), facts["act"].isoformat()
            if status == VIOLATION:
                late, business = facts.get("days_late"), facts.get("business_late")
        if "amount" in facts:
            amount, cap = str(facts["amount"]), str(facts["cap"])
        party = facts.get("party", party)
        if facts.get("reason") == "process_not_started":  # no clock, no reading of it
            reading = None
        rows.append((source, case_id, as_of, worst, rule_id, version, status, party, due,
                     due_at, act, act_at, late, business, None, None, amount, cap, reading,
                     facts.get("reason"), None, message))  # fmt: skip
    return rows
