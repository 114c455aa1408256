"""The French DMP's readings of the sources' ambiguous phrases.

Each is a :class:`~dme_rules.engine.readings.Reading`, one default per topic, as in the Quebec
pack.
"""

from __future__ import annotations

from dme_rules.engine.readings import Reading

__all__ = [
    "ANY_TIME",
    "CALENDAR_DAYS",
    "FIRST_EVER",
    "FIRST_PER_PROFESSIONAL",
    "NEXT_WORKING_DAY",
    "OPPOSITION_BEFORE_AUTHORIZATION_BINDS",
    "OPPOSITION_NEEDS_MOTIVE",
    "READINGS",
    "RETENTION_EXTENDED",
    "RETENTION_NOT_EXTENDED",
    "WITHIN_24_HOURS",
]

_FIRST = (
    "« une notification est envoyée automatiquement au patient s’il s’agit du premier accès "
    "par un PS »"
)
_DELAY = "« une notification est envoyée automatiquement » / « informés de cet accès a posteriori »"
_OPPOSITION = (
    "« Une fois que le titulaire a autorisé » (R.1111-47) / « Le patient peut s’opposer à "
    "l’alimentation de son DMP pour un motif légitime » (FAQ)"
)
_RETENTION = (
    "« les données seront conservées pendant 10 ans » (FAQ) / « Le délai qui expirerait "
    "normalement un samedi, un dimanche ou un jour férié ou chômé est prorogé jusqu'au premier "
    "jour ouvrable suivant » (art. 642)"
)
_DEFERRED = (
    "« Dans un délai de deux semaines suivant le versement » / « un mois après le versement »"
)

#: Each professional's first access to the record is a first access (default).
FIRST_PER_PROFESSIONAL = Reading(
    id="first-per-professional",
    topic="first-access",
    phrase=_FIRST,
    summary_fr="Le premier accès de chaque professionnel au dossier est un premier accès.",
    summary_en="Each professional's first access to the record is a first access.",
    basis=(
        "« du premier accès par un PS »: the first access by a professional, so each "
        "professional has one; the holder learns who reads the record, which is the point of "
        "the notice."
    ),
    basis_fr=(
        "« du premier accès par un PS » : le premier accès par un professionnel de santé, de "
        "sorte que chaque professionnel a le sien ; le titulaire apprend qui consulte son "
        "dossier, ce qui est l'objet de la notification."
    ),
)

#: Only the record's very first access by any professional is a first access.
FIRST_EVER = Reading(
    id="first-ever",
    topic="first-access",
    phrase=_FIRST,
    summary_fr="Seul le tout premier accès d'un professionnel au dossier est un premier accès.",
    summary_en="Only the record's very first access by any professional is a first access.",
    basis="« du premier accès »: the first access to the record, whoever makes it.",
    basis_fr="« du premier accès » : le premier accès au dossier, quel qu'en soit l'auteur.",
)

#: A notice is sent within 24 hours after the access, inclusive (default).
WITHIN_24_HOURS = Reading(
    id="within-24-hours",
    topic="notice-delay",
    phrase=_DELAY,
    summary_fr=(
        "La notification est envoyée au plus tard 24 heures après l'accès (24 heures écoulées, "
        "bornes comprises)."
    ),
    summary_en=(
        "The notification is sent at most 24 hours after the access (elapsed time, inclusive)."
    ),
    basis=(
        "« automatiquement »: an automatic notice follows the access at once; a day of "
        "elapsed time allows for the host's batches, and is the reading a holder can check."
    ),
    basis_fr=(
        "« automatiquement » : une notification automatique suit immédiatement l'accès ; un jour "
        "de temps écoulé tient compte des traitements par lots de l'hébergeur, et c'est la "
        "lecture que le titulaire peut vérifier."
    ),
)

#: A notice counts whenever it is sent after the access; a missing one is pending.
ANY_TIME = Reading(
    id="any-time",
    topic="notice-delay",
    phrase=_DELAY,
    summary_fr=(
        "La notification compte quel que soit son délai après l'accès ; une notification "
        "absente est en cours, jamais en retard."
    ),
    summary_en=(
        "A notification counts whatever its delay after the access; a missing one is pending, "
        "never late."
    ),
    basis="« a posteriori »: after the access, with no time limit in the text.",
    basis_fr="« a posteriori » : après l'accès, sans que le texte fixe de délai.",
)

#: The two weeks and the month are counted in calendar days, never extended (default).
CALENDAR_DAYS = Reading(
    id="calendar-days",
    topic="deferred-extension",
    phrase=_DEFERRED,
    summary_fr=(
        "Les deux semaines et le mois se comptent en jours civils (art. 641), sans prorogation : "
        "les traitements automatiques tournent tous les jours."
    ),
    summary_en=(
        "The two weeks and the month are counted in calendar days (art. 641), never extended: "
        "automated processes run every day."
    ),
    basis=(
        "The information and the opening are automatic (« devient automatiquement "
        "accessible »); art. 642's extension serves parties who act in person."
    ),
    basis_fr=(
        "L'information et l'ouverture sont automatiques (« devient automatiquement "
        "accessible ») ; la prorogation de l'art. 642 sert les parties qui agissent elles-mêmes."
    ),
)

#: An end on a Saturday, a Sunday or a holiday moves to the next working day (art. 642).
NEXT_WORKING_DAY = Reading(
    id="next-working-day",
    topic="deferred-extension",
    phrase=_DEFERRED,
    summary_fr=(
        "Un délai qui finit un samedi, un dimanche ou un jour férié est prorogé jusqu'au premier "
        "jour ouvrable suivant (art. 642, calendrier FRANCE)."
    ),
    summary_en=(
        "A time limit ending on a Saturday, a Sunday or a public holiday is extended to the next "
        "working day (art. 642, on the FRANCE calendar)."
    ),
    basis="Code de procédure civile art. 642, the general rule for French time limits.",
    basis_fr=(
        "Code de procédure civile, art. 642 : la règle générale de computation des délais en "
        "droit français."
    ),
)

#: An opposition filed before the holder authorized access binds without a motive (default).
OPPOSITION_BEFORE_AUTHORIZATION_BINDS = Reading(
    id="opposition-before-authorization-binds",
    topic="opposition-before-authorization",
    phrase=_OPPOSITION,
    summary_fr=(
        "Une opposition sans motif légitime formée avant que le titulaire ait autorisé l'accès "
        "produit effet : seule l'opposition qui suit l'autorisation doit reposer sur un motif "
        "légitime."
    ),
    summary_en=(
        "An opposition without a legitimate motive filed before the holder authorized access "
        "binds: only an opposition that follows the authorization needs a legitimate motive."
    ),
    basis=(
        "R.1111-47 restricts the holder's opposition « Une fois que le titulaire a autorisé » "
        "access, and says nothing of an opposition filed before; the decree, not the FAQ's "
        "summary of it, sets the rule."
    ),
    basis_fr=(
        "L'art. R.1111-47 ne restreint l'opposition du titulaire qu'après l'autorisation "
        "(« Une fois que le titulaire a autorisé ») et ne dit rien de l'opposition formée "
        "avant ; c'est le décret, non le résumé qu'en donne la FAQ, qui fixe la règle."
    ),
)

#: An opposition binds only with a legitimate motive, whenever it was filed.
OPPOSITION_NEEDS_MOTIVE = Reading(
    id="opposition-needs-motive",
    topic="opposition-before-authorization",
    phrase=_OPPOSITION,
    summary_fr=(
        "Une opposition ne produit effet que si elle repose sur un motif légitime, quelle que "
        "soit sa date ; la date de l'autorisation est sans incidence."
    ),
    summary_en=(
        "An opposition binds only with a legitimate motive, whenever it was filed; the date of "
        "the authorization does not matter."
    ),
    basis=(
        "The FAQ: « Le patient peut s’opposer à l’alimentation de son DMP pour un motif "
        "légitime », with no exception for an opposition filed before the authorization."
    ),
    basis_fr=(
        "La FAQ : « Le patient peut s’opposer à l’alimentation de son DMP pour un motif "
        "légitime », sans exception pour l'opposition formée avant l'autorisation."
    ),
)

#: The ten years of retention end on the anniversary, whatever day it is (default).
RETENTION_NOT_EXTENDED = Reading(
    id="retention-not-extended",
    topic="retention-extension",
    phrase=_RETENTION,
    summary_fr=(
        "La conservation prend fin à vingt-quatre heures le jour anniversaire de la fermeture, "
        "même un samedi, un dimanche ou un jour férié : aucune prorogation."
    ),
    summary_en=(
        "Retention ends at 24:00 on the anniversary of the closure, even on a Saturday, a "
        "Sunday or a public holiday: no extension."
    ),
    basis=(
        "Ten years of retention are a time to keep data, not a time limit to act: art. 642's "
        "extension lets a party who must act do so on a working day, and keeping data needs "
        "none."
    ),
    basis_fr=(
        "Les dix ans de conservation sont une durée pendant laquelle on conserve, non un délai "
        "pour agir : la prorogation de l'art. 642 permet à qui doit agir de le faire un jour "
        "ouvrable, et conserver des données n'en demande aucun."
    ),
)

#: An anniversary on a Saturday, a Sunday or a holiday moves to the next working day.
RETENTION_EXTENDED = Reading(
    id="retention-extended",
    topic="retention-extension",
    phrase=_RETENTION,
    summary_fr=(
        "Une conservation dont le dernier jour est un samedi, un dimanche ou un jour férié est "
        "prorogée jusqu'au premier jour ouvrable suivant (art. 642, calendrier de "
        "l'évaluation) : une purge ce jour-là est encore prématurée."
    ),
    summary_en=(
        "A retention whose last day is a Saturday, a Sunday or a public holiday is extended to "
        "the next working day (art. 642, on the evaluation's calendar): a purge on that day is "
        "still early."
    ),
    basis=(
        "Art. 642 speaks of « Le délai » without distinction: the ten years are a délai like "
        "any other."
    ),
    basis_fr=(
        "L'art. 642 vise « Le délai » sans distinguer : les dix ans sont un délai comme un autre."
    ),
)

#: Every French DMP reading, by id.
READINGS = {
    reading.id: reading
    for reading in (FIRST_PER_PROFESSIONAL, FIRST_EVER, WITHIN_24_HOURS, ANY_TIME, CALENDAR_DAYS,
                    NEXT_WORKING_DAY, OPPOSITION_BEFORE_AUTHORIZATION_BINDS,
                    OPPOSITION_NEEDS_MOTIVE, RETENTION_NOT_EXTENDED, RETENTION_EXTENDED)
}  # fmt: skip
