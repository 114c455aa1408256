"""Quebec's readings of the sources' ambiguous phrases (SPEC §3).

The sources say "within 21 days of the request" or "within 72 business hours" without saying
how to count. Each way of counting is a :class:`~dme_rules.engine.readings.Reading` that the
counting functions take as a parameter and that a finding reports.
"""

from __future__ import annotations

from dme_rules.engine.readings import Reading

__all__ = ["BUSINESS_DAY_CLOCK", "CIVIL_PROCEDURE", "OFFICE_HOURS", "PROCEDURE_2024", "READINGS"]


#: N-day periods counted from the official start (rule versions in force from 2024-01-01).
PROCEDURE_2024 = Reading(
    id="procedure-2024",
    phrase="dans un délai de N jours de la demande",
    summary_fr=(
        "Le jour 1 est le début officiel, soit le premier jour ouvrable suivant la date de "
        "transmission de la demande; le délai se termine le jour N, reporté au jour ouvrable "
        "suivant s'il tombe un jour non ouvrable."
    ),
    summary_en=(
        "Day 1 is the official start, the first business day after the date the request was "
        "transmitted; the period ends on day N, extended to the next business day when that "
        "is not a business day."
    ),
    basis=(
        "Procédure administrative de migration des données entre DMÉ (MSSS, 2024), étape 2: "
        "« Le calcul du calendrier de travail officiel commence le jour ouvrable suivant la "
        "date de transmission de la demande électronique »; Loi d'interprétation, art. 52."
    ),
)

#: N-day periods counted as in civil procedure (rule versions of 2021-10-28 to 2023-12-31).
CIVIL_PROCEDURE = Reading(
    id="civil-procedure",
    phrase="dans un délai de N jours de la demande",
    summary_fr=(
        "Le jour de la demande ne compte pas, le dernier jour compte: le délai se termine à la "
        "date de la demande plus N jours, reporté au jour ouvrable suivant s'il tombe un jour "
        "non ouvrable."
    ),
    summary_en=(
        "The day of the request is not counted and the last day is: the period ends on the "
        "request date plus N days, extended to the next business day when that is not a "
        "business day."
    ),
    basis=(
        "Code de procédure civile, art. 83, and Loi d'interprétation, art. 52: no start "
        "convention was published before the 2024 procedure."
    ),
)

#: 72 business hours counted as whole business days of 24 hours (the default).
BUSINESS_DAY_CLOCK = Reading(
    id="business-day-clock",
    phrase="dans les 72 heures ouvrables",
    summary_fr=(
        "L'horloge ne tourne que les jours ouvrables, 24 heures chacun, à l'heure locale de "
        "Montréal: déposée un jour ouvrable à 15 h, l'échéance est à 15 h le troisième jour "
        "ouvrable suivant; déposée un jour non ouvrable, l'horloge part à 0 h du jour ouvrable "
        "suivant et l'échéance est à 24 h du troisième jour ouvrable, celui-là compris."
    ),
    summary_en=(
        "The clock runs only on business days, 24 hours each, on Montreal wall-clock time: "
        "filed on a business day at 15:00, it is due at 15:00 on the third business day after; "
        "filed on a non-business day, the clock starts at 00:00 of the next business day and "
        "it is due at 24:00 of the third business day, counting that one."
    ),
    basis=(
        "Procédure administrative de migration des données entre DMÉ (MSSS, 2024), section "
        "Plainte: « Un suivi sera effectué par l'équipe du BCH dans les 72 heures ouvrables »; "
        "72 hours are read as three business days, the procedure stating no opening hours."
    ),
)

#: 72 business hours counted inside an opening schedule (08:30–16:30 by default).
OFFICE_HOURS = Reading(
    id="office-hours",
    phrase="dans les 72 heures ouvrables",
    summary_fr=(
        "L'horloge ne tourne que pendant les heures d'ouverture des jours ouvrables (par défaut "
        "de 8 h 30 à 16 h 30); 72 heures font alors neuf jours ouvrables."
    ),
    summary_en=(
        "The clock runs only inside the opening hours of business days (08:30–16:30 by "
        "default); 72 hours are then nine business days."
    ),
    basis=(
        "The usual meaning of « heures ouvrables » in Quebec public administration (office "
        "hours); the schedule is a parameter since the procedure states none."
    ),
)

#: Every Quebec reading, by id.
READINGS: dict[str, Reading] = {
    reading.id: reading
    for reading in (PROCEDURE_2024, CIVIL_PROCEDURE, BUSINESS_DAY_CLOCK, OFFICE_HOURS)
}
