"""Quebec's readings of which days are « jours ouvrables »: each selects the
business calendar every Quebec count in days or business days runs on, and the BCH's clock.

The procedure counts in business days (« le jour ouvrable suivant », « 7 jours ouvrables »,
« 72 heures ouvrables ») without saying which days those are. Each reading here carries its
calendar (:attr:`~dme_rules.engine.readings.Reading.calendar`): an evaluation that chooses
it counts on that calendar unless the caller gives one (a clinic's closures).
:mod:`~dme_rules.jurisdictions.qc.readings` lists them with the pack's other readings.
"""

from __future__ import annotations

from dme_rules.engine.readings import Reading
from dme_rules.jurisdictions.qc.calendars import QUEBEC_CPC, QUEBEC_LNT

__all__ = ["COURT_CALENDAR", "LABOUR_STANDARDS_CALENDAR"]

_BUSINESS_DAYS = (
    "« le jour ouvrable suivant » / « dans un délai de 7 jours ouvrables » / « dans les 72 "
    "heures ouvrables »"
)

#: The business days are the days the courts count (the default).
COURT_CALENDAR = Reading(
    id="court-calendar",
    topic="business-days-calendar",
    phrase=_BUSINESS_DAYS,
    summary_fr=(
        "Les jours ouvrables sont ceux que comptent les tribunaux (calendrier quebec-cpc) : "
        "tous les jours sauf les samedis, les dimanches, les jours fériés de la Loi "
        "d'interprétation (art. 61(23)), le 2 janvier et le 26 décembre (Code de procédure "
        "civile, art. 82)."
    ),
    summary_en=(
        "The business days are the days the courts count (calendar quebec-cpc): every day "
        "but Saturdays, Sundays, the holidays of the Interpretation Act (s. 61(23)), 2 January "
        "and 26 December (Code of Civil Procedure, art. 82)."
    ),
    basis=(
        "The procedure does not say which days are « jours ouvrables ». Its periods are legal "
        "time limits, and the Code of Civil Procedure (arts. 82 and 83) is the general rule of "
        "Quebec law for counting them, the rule that already extends an end on a Saturday or "
        "a holiday (next-business-day): its days are set by law, the same for every vendor and "
        "clinic, and anyone can check them with a calendar."
    ),
    basis_fr=(
        "La procédure ne dit pas quels jours sont des « jours ouvrables ». Ses délais sont des "
        "délais légaux, et le Code de procédure civile (art. 82 et 83) est la règle générale "
        "du droit québécois pour les computer, celle qui reporte déjà la fin d'un délai tombant "
        "un samedi ou un jour férié (next-business-day) : ses jours sont fixés par la loi, les "
        "mêmes pour tout fournisseur et toute clinique, et chacun peut les vérifier sur un "
        "calendrier."
    ),
    calendar=QUEBEC_CPC,
)

#: The business days are the days the employees work.
LABOUR_STANDARDS_CALENDAR = Reading(
    id="labour-standards-calendar",
    topic="business-days-calendar",
    phrase=_BUSINESS_DAYS,
    summary_fr=(
        "Les jours ouvrables sont ceux où travaillent les salariés (calendrier quebec-lnt) : "
        "tous les jours sauf les samedis, les dimanches et les jours fériés de la Loi sur les "
        "normes du travail (art. 60) et de la Loi sur la fête nationale, le Vendredi saint et "
        "le lundi de Pâques tous deux chômés; le 2 janvier et le 26 décembre sont ouvrables."
    ),
    summary_en=(
        "The business days are the days employees work (calendar quebec-lnt): every day but "
        "Saturdays, Sundays and the statutory holidays of the Act respecting labour standards "
        "(s. 60) and the National Holiday Act, both Good Friday and Easter Monday off; "
        "2 January and 26 December are business days."
    ),
    basis=(
        "« Jour ouvrable » in its everyday sense: a day the vendors' and the clinics' offices "
        "are open, which the employees' statutory holidays decide (Act respecting labour "
        "standards, s. 60; National Holiday Act). The employer chooses Good Friday or Easter "
        "Monday; neither choice is known, so both are taken as days off."
    ),
    basis_fr=(
        "« Jour ouvrable » au sens courant : un jour où les bureaux des fournisseurs et des "
        "cliniques sont ouverts, ce que règlent les jours fériés des salariés (Loi sur les "
        "normes du travail, art. 60 ; Loi sur la fête nationale). L'employeur choisit le "
        "Vendredi saint ou le lundi de Pâques ; aucun choix n'étant connu, les deux sont tenus "
        "pour chômés."
    ),
    calendar=QUEBEC_LNT,
)
