"""Quebec's readings of the sources' ambiguous phrases.

Every phrase of the sources that changes a computed result has named readings, one default
and its alternatives, grouped by *topic*. Each is a
:class:`~dme_rules.engine.readings.Reading` that a rule version allows and a finding reports;
the argument for each default is in its ``basis`` and in the docs
(``docs/explanation/readings.md``, generated from this module).
"""

from __future__ import annotations

from dme_rules.engine.readings import Reading
from dme_rules.jurisdictions.qc.calendar_readings import COURT_CALENDAR, LABOUR_STANDARDS_CALENDAR

__all__ = [
    "BUSINESS_DAY_CLOCK",
    "CIVIL_PROCEDURE",
    "CLINIC_DELAY_EXTENDS",
    "CLINIC_DELAY_NOTED",
    "CONFIRM_SAME_DAY",
    "CONFIRM_WITHIN_PERIOD",
    "CONSENT_ALWAYS",
    "CONSENT_IF_THIRD_PARTY",
    "COURT_CALENDAR",
    "FORM_STARTS_PROCESS",
    "INTERPRETATION_ACT",
    "LABOUR_STANDARDS_CALENDAR",
    "LATER_OF_BOTH",
    "NEXT_BUSINESS_DAY",
    "NINETY_DAYS",
    "OFFICE_HOURS",
    "PROCEDURE_2024",
    "READINGS",
    "SCOPE_PRESUMED_STANDARD",
    "SCOPE_REQUIRED",
    "TOPICS",
    "TRANSMISSION_STARTS_PROCESS",
    "UNCONFIRMED_IS_PENDING",
    "UNCONFIRMED_IS_VIOLATION",
]

_PERIOD = "« un délai maximum de 21 jours » / « un délai n'excédant pas 45 jours de la demande »"

#: N-day periods counted from the official start (rule versions in force from 2024-01-01).
PROCEDURE_2024 = Reading(
    id="procedure-2024",
    topic="period-start",
    phrase=_PERIOD,
    summary_fr=(
        "Le jour 1 est le début officiel, soit le premier jour ouvrable suivant la date de "
        "transmission de la demande; le délai se termine le jour N."
    ),
    summary_en=(
        "Day 1 is the official start, the first business day after the date the request was "
        "transmitted; the period ends on day N."
    ),
    basis=(
        "Procédure administrative de migration des données entre DMÉ (MSSS, 2024), étape 2: "
        "« Le calcul du calendrier de travail officiel commence le jour ouvrable suivant la "
        "date de transmission de la demande électronique ». Default for the versions in force "
        "from 2024-01-01, which the procedure governs."
    ),
    basis_fr=(
        "Procédure administrative de migration des données entre DMÉ (MSSS, 2024), étape 2 : « Le "
        "calcul du calendrier de travail officiel commence le jour ouvrable suivant la date de "
        "transmission de la demande électronique ». Lecture par défaut des versions en vigueur "
        "depuis le 1er janvier 2024, que la procédure régit."
    ),
)

#: N-day periods counted as in civil procedure (rule versions of 2021-10-28 to 2023-12-31).
CIVIL_PROCEDURE = Reading(
    id="civil-procedure",
    topic="period-start",
    phrase=_PERIOD,
    summary_fr=(
        "Le jour de la demande ne compte pas, le dernier jour compte : le délai se termine à la "
        "date de la demande plus N jours."
    ),
    summary_en=(
        "The day of the request is not counted and the last day is: the period ends on the "
        "request date plus N days."
    ),
    basis=(
        "Code de procédure civile, art. 83: the day that marks the start of a time limit is "
        "not counted, the last day is. Default for the versions of 2021-10-28 to "
        "2023-12-31: no start convention had been published, and the general rule of Quebec "
        "law for counting time limits applies."
    ),
    basis_fr=(
        "Code de procédure civile, art. 83 : le jour qui marque le point de départ d'un délai "
        "n'est pas compté, mais celui de l'échéance l'est. Lecture par défaut des versions du 28 "
        "octobre 2021 au 31 décembre 2023 : aucune règle sur le point de départ du délai n'avait "
        "été publiée, et la règle générale du droit québécois pour la computation des délais "
        "s'applique."
    ),
)

_END = (
    "« un délai maximum de 21 jours » / « un délai n'excédant pas 45 jours de la demande » / "
    "« dans un délai de 7 jours ouvrables »"
)

#: A period that ends on a non-business day ends on the next business day (the default).
NEXT_BUSINESS_DAY = Reading(
    id="next-business-day",
    topic="period-end",
    phrase=_END,
    summary_fr=(
        "Un délai qui se termine un jour non ouvrable (samedi, dimanche, jour férié, "
        "2 janvier, 26 décembre) est prolongé au jour ouvrable suivant du calendrier de "
        "l'évaluation."
    ),
    summary_en=(
        "A period that ends on a non-business day (Saturday, Sunday, holiday, 2 January, "
        "26 December) is extended to the next business day of the evaluation's calendar."
    ),
    basis=(
        "Code de procédure civile, art. 83: a time limit that would end on a Saturday or a "
        "holiday is extended to the next working day (art. 82 adds 2 January and 26 December "
        "to the holidays). The vendors work on business days, and the procedure counts its "
        "calendar in business days (« jour ouvrable »)."
    ),
    basis_fr=(
        "Code de procédure civile, art. 83 : le délai qui expirerait un samedi ou un jour férié "
        "est prolongé au premier jour ouvrable suivant (l'art. 82 ajoute le 2 janvier et le 26 "
        "décembre aux jours fériés). Les fournisseurs travaillent les jours ouvrables, et la "
        "procédure établit son calendrier en jours ouvrables (« jour ouvrable »)."
    ),
)

#: Only an end on a holiday of the Interpretation Act is extended (Saturdays are not).
INTERPRETATION_ACT = Reading(
    id="interpretation-act",
    topic="period-end",
    phrase=_END,
    summary_fr=(
        "Seul un délai qui se termine un jour férié au sens de la Loi d'interprétation "
        "(dimanches compris; samedis, 2 janvier et 26 décembre non) est prolongé, au jour "
        "suivant qui n'est pas férié, même un samedi."
    ),
    summary_en=(
        "Only a period that ends on a holiday of the Interpretation Act (Sundays included; "
        "Saturdays, 2 January and 26 December not) is extended, to the next day that is not "
        "such a holiday, which may be a Saturday."
    ),
    basis=(
        "Loi d'interprétation, art. 52: a time limit that ends on a holiday is extended to the "
        "next day that is not a holiday; art. 61(23) lists the holidays (Sundays among them, "
        "not Saturdays). The Avenant is not a judicial proceeding, so the Code of Civil "
        "Procedure may be said not to govern it."
    ),
    basis_fr=(
        "Loi d'interprétation, art. 52 : le délai qui expire un jour férié est prolongé au jour "
        "non férié suivant ; l'art. 61(23) énumère les jours fériés (dont les dimanches, mais non "
        "les samedis). L'Avenant n'est pas une procédure judiciaire : on peut donc soutenir que "
        "le Code de procédure civile ne le régit pas."
    ),
)

_HOURS = "« Un suivi sera effectué par l'équipe du BCH dans les 72 heures ouvrables »"

#: 72 business hours counted as whole business days of 24 hours (the default).
BUSINESS_DAY_CLOCK = Reading(
    id="business-day-clock",
    topic="business-hours",
    phrase=_HOURS,
    summary_fr=(
        "L'horloge ne tourne que les jours ouvrables, 24 heures chacun, à l'heure locale de "
        "Montréal : déposée un jour ouvrable à 15 h, l'échéance est à 15 h le troisième jour "
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
        "The procedure states no opening hours; 72 hours of business days are three business "
        "days, the reading that the office cannot misread to its advantage and that a "
        "complainant can check with a calendar alone."
    ),
    basis_fr=(
        "La procédure ne précise aucune heure d'ouverture ; 72 heures de jours ouvrables font "
        "trois jours ouvrables, lecture que le bureau ne peut tourner à son avantage et qu'un "
        "plaignant peut vérifier à l'aide d'un simple calendrier."
    ),
)

#: 72 business hours counted inside an opening schedule (``08:30``–``16:30`` by default).
OFFICE_HOURS = Reading(
    id="office-hours",
    topic="business-hours",
    phrase=_HOURS,
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
    basis_fr=(
        "Le sens usuel de « heures ouvrables » dans l'administration publique québécoise (heures "
        "d'ouverture des bureaux) ; l'horaire est un paramètre, puisque la procédure n'en précise "
        "aucun."
    ),
)

_SCOPE = (
    "« En présence d'une demande de migration standard de données, le calendrier doit "
    "respecter les délais prévus à l'avenant »"
)

#: An unknown scope is presumed standard, since the exception must be recorded (the
#: default).
SCOPE_PRESUMED_STANDARD = Reading(
    id="scope-presumed-standard",
    topic="scope",
    phrase=_SCOPE,
    summary_fr=(
        "Une portée non consignée est présumée standard : les délais s'appliquent; l'exception "
        "d'une portée non standard doit être consignée (standard_scope: false) par qui "
        "l'invoque."
    ),
    summary_en=(
        "A scope that is not recorded is presumed standard: the deadlines apply; the "
        "non-standard exception must be recorded (standard_scope: false) by whoever invokes it."
    ),
    basis=(
        "The Avenant sets the deadlines for every migration; the procedure's non-standard "
        "scope is an exception (« certaines données non incluses dans la portée standard »), "
        "and the party who invokes an exception records it."
    ),
    basis_fr=(
        "L'Avenant fixe les délais de toute migration ; la portée non standard prévue par la "
        "procédure est une exception (« certaines données non incluses dans la portée "
        "standard »), et il revient à la partie qui invoque une exception de la consigner."
    ),
)

#: A late act with an unknown scope cannot be judged.
SCOPE_REQUIRED = Reading(
    id="scope-required",
    topic="scope",
    phrase=_SCOPE,
    summary_fr=(
        "Une extraction ou une importation en retard dont la portée n'est pas consignée ne "
        "peut être jugée : données insuffisantes ($.standard_scope)."
    ),
    summary_en=(
        "A late extraction or import whose scope is not recorded cannot be judged: "
        "insufficient data ($.standard_scope)."
    ),
    basis=(
        "The procedure makes the deadlines depend on a standard scope; without the fact, an "
        "auditor may refuse to presume it."
    ),
    basis_fr=(
        "La procédure subordonne les délais à une portée standard ; en l'absence de ce fait, un "
        "vérificateur peut refuser de la présumer."
    ),
)

_FORM = (
    "« L'autorisation écrite de la clinique … est obligatoire et requise pour entreprendre "
    "officiellement le processus au moment de la transmission du formulaire »"
)

#: A form recorded as unsigned or unauthorized starts nothing (the default).
FORM_STARTS_PROCESS = Reading(
    id="form-starts-process",
    topic="request-form",
    phrase=_FORM,
    summary_fr=(
        "Un formulaire consigné comme non signé ou sans l'autorisation écrite de la clinique "
        "n'entreprend pas le processus : les délais des fournisseurs ne courent pas; un "
        "fournisseur dont l'adresse est consignée comme absente des destinataires n'a pas "
        "reçu la demande et son délai ne court pas. Un fait absent ne bloque rien."
    ),
    summary_en=(
        "A form recorded as unsigned or without the clinic's written authorization does not "
        "start the process: the vendors' deadlines do not run; a vendor whose address is "
        "recorded as missing from the recipients has not received the request and its "
        "deadline does not run. An absent fact blocks nothing."
    ),
    basis=(
        "Procédure 2024, étape 1: the written authorization is « obligatoire et requise pour "
        "entreprendre officiellement le processus »; étape 2: the form « dûment rempli et "
        "signé » is sent to both vendors, and the official calendar starts from its "
        "transmission."
    ),
    basis_fr=(
        "Procédure 2024, étape 1 : l'autorisation écrite est « obligatoire et requise pour "
        "entreprendre officiellement le processus » ; étape 2 : le formulaire « dûment rempli et "
        "signé » est transmis aux deux fournisseurs, et le calendrier officiel court à compter de "
        "sa transmission."
    ),
)

#: The vendors' clocks run from the transmission, whatever the form's faults.
TRANSMISSION_STARTS_PROCESS = Reading(
    id="transmission-starts-process",
    topic="request-form",
    phrase=_FORM,
    summary_fr=(
        "Les délais des fournisseurs courent dès la transmission, quels que soient les défauts "
        "du formulaire et ses destinataires (la règle du formulaire les relève)."
    ),
    summary_en=(
        "The vendors' deadlines run from the transmission whatever the form's faults and "
        "recipients (the request-form rule reports those)."
    ),
    basis=(
        "In the FMOQ notice of 28 October 2021 that announces the Avenant, the periods run "
        "« Sur réception d’une demande de migration », without conditions on the form."
    ),
    basis_fr=(
        "Dans l'avis de la FMOQ du 28 octobre 2021 qui annonce l'Avenant, les délais courent "
        "« Sur réception d’une demande de migration », sans condition quant au formulaire."
    ),
)

_ACCESS = (
    "« pour une période de trois mois suivant la migration » (avis de la FMOQ sur l'Avenant) "
    "/ « d'une durée minimale de 90 jours » (procédure)"
)

#: Access lasts until the later of three months and 90 days (the default, from 2024).
LATER_OF_BOTH = Reading(
    id="later-of-both",
    topic="access-duration",
    phrase=_ACCESS,
    summary_fr=(
        "L'accès dure jusqu'à la plus tardive des deux dates : migration plus trois mois "
        "(mois civils, ramenés à la fin du mois) et migration plus 90 jours."
    ),
    summary_en=(
        "Access lasts until the later of migration plus three months (calendar months, "
        "clamped to the month's end) and migration plus 90 days."
    ),
    basis=(
        "The procedure « tient compte des aspects légaux contenus dans » the Avenant, which "
        "still requires three months; its « durée minimale de 90 jours » is a floor, not a "
        "repeal. 90 days is one or two days shorter than three months on most dates."
    ),
    basis_fr=(
        "La procédure « tient compte des aspects légaux contenus dans » l'Avenant, qui exige "
        "toujours trois mois ; sa « durée minimale de 90 jours » est un plancher, non une "
        "abrogation. Pour la plupart des dates, 90 jours sont plus courts d'un ou deux jours que "
        "trois mois."
    ),
)

#: Access lasts 90 days (the procedure alone).
NINETY_DAYS = Reading(
    id="ninety-days",
    topic="access-duration",
    phrase=_ACCESS,
    summary_fr="L'accès dure 90 jours après la migration (la procédure seule).",
    summary_en="Access lasts 90 days after the migration (the procedure alone).",
    basis="The 2024 procedure, the later text, states 90 days.",
    basis_fr="La procédure de 2024, le texte le plus récent, prévoit 90 jours.",
)

_CLINIC_DELAY = (
    "« Tout délai ou travail supplémentaire à cette étape peuvent entraîner des délais "
    "raisonnables … et modifier légèrement le calendrier de livraison »"
)

#: The clinic's late validation moves the import's due date (the default).
CLINIC_DELAY_EXTENDS = Reading(
    id="clinic-delay-extends",
    topic="clinic-delay",
    phrase=_CLINIC_DELAY,
    summary_fr=(
        "Le retard de la clinique à valider la préanalyse (en jours ouvrables, de l'échéance "
        "de validation à la validation ou, tant qu'elle manque, à la date de l'évaluation) "
        "reporte d'autant de jours ouvrables l'échéance de l'importation."
    ),
    summary_en=(
        "The clinic's delay in validating the pre-analysis (in business days, from the "
        "validation's due date to the validation or, while it is missing, to the evaluation's "
        "date) moves the import's due date by as many business days."
    ),
    basis=(
        "Procédure 2024, étape 3 d): a delay at this step may « modifier légèrement le "
        "calendrier de livraison »; a vendor cannot be late because of the clinic's own delay, "
        "and the shift is no larger than that delay."
    ),
    basis_fr=(
        "Procédure 2024, étape 3 d) : un retard à cette étape peut « modifier légèrement le "
        "calendrier de livraison » ; un fournisseur ne peut être en retard du fait du propre "
        "retard de la clinique, et le report n'excède pas ce retard."
    ),
)

#: The clinic's late validation is reported; the due date stays.
CLINIC_DELAY_NOTED = Reading(
    id="clinic-delay-noted",
    topic="clinic-delay",
    phrase=_CLINIC_DELAY,
    summary_fr=(
        "L'échéance de l'importation ne change pas; le retard de la clinique est seulement signalé."
    ),
    summary_en="The import's due date stays; the clinic's delay is only reported.",
    basis=(
        "« peuvent … modifier » gives no measure; the Avenant's 45 days stay the vendor's limit "
        "and the delay is left to the auditor's judgment."
    ),
    basis_fr=(
        "« peuvent … modifier » ne donne aucune mesure ; les 45 jours de l'Avenant demeurent la "
        "limite du fournisseur, et le retard est laissé à l'appréciation du vérificateur."
    ),
)

_CONSENT = (
    "« Ai-je obtenu un consentement explicite de chacun de mes patients pour utiliser cette "
    "fonctionnalité et communiquer les renseignements qui s'y trouvent à des tiers ? »"
)

#: The two consent questions are always asked (the default).
CONSENT_ALWAYS = Reading(
    id="consent-always",
    topic="consent",
    phrase=_CONSENT,
    summary_fr=(
        "Le consentement explicite, libre et éclairé est requis dans tous les cas, que la "
        "fonctionnalité donne accès à des tiers ou non."
    ),
    summary_en=(
        "Explicit, free and informed consent is required in every case, whether or not the "
        "feature gives third parties access."
    ),
    basis=(
        "The question asks for consent « pour utiliser cette fonctionnalité et communiquer … à "
        "des tiers »: using the feature is itself a purpose that needs consent."
    ),
    basis_fr=(
        "La question porte sur un consentement « pour utiliser cette fonctionnalité et "
        "communiquer … à des tiers » : l'utilisation de la fonctionnalité est en soi une fin qui "
        "requiert un consentement."
    ),
)

#: The two consent questions are asked only when third parties get access.
CONSENT_IF_THIRD_PARTY = Reading(
    id="consent-if-third-party",
    topic="consent",
    phrase=_CONSENT,
    summary_fr=(
        "Les deux questions de consentement ne se posent que si des tiers ont accès aux "
        "renseignements."
    ),
    summary_en="The two consent questions are asked only when third parties get access.",
    basis=(
        "The questions follow the third-party questions in the notice; the first edition read "
        "them as their continuation."
    ),
    basis_fr=(
        "Dans l'avis, ces questions suivent celles qui portent sur les tiers ; la première "
        "édition les lisait comme leur prolongement."
    ),
)

_CONFIRMATION = (
    "« tout fournisseur ayant terminé une extraction ou une importation de données doit "
    "maintenant confirmer que l'opération a réussi »"
)

#: Each operation's confirmation is due by that operation's own deadline (the default).
CONFIRM_WITHIN_PERIOD = Reading(
    id="confirm-within-period",
    topic="confirmation",
    phrase=_CONFIRMATION,
    summary_fr=(
        "La confirmation de chaque opération est due au plus tard à l'échéance de cette "
        "opération telle qu'elle est calculée pour le dossier (celle de l'extraction ou de "
        "l'importation, toutes lectures appliquées), ou à la fin du jour où l'opération a été "
        "terminée s'il est plus tardif; quand cette échéance est sans objet (processus non "
        "entrepris, formulaire non transmis, portée non standard), à la fin du jour où "
        "l'opération a été terminée. Non confirmée d'ici là, l'opération est en cours; "
        "confirmée après, c'est une contravention."
    ),
    summary_en=(
        "Each operation's confirmation is due by that operation's own deadline as computed for "
        "the case (the extraction's or the import's, with every reading applied), or by the "
        "end of the day the operation was completed when that is later; where that deadline "
        "is not applicable (process not started, form not sent, non-standard scope), by the "
        "end of the day the operation was completed. Unconfirmed before then it is pending; "
        "confirmed after it, a violation."
    ),
    basis=(
        "The notice sets no time limit of its own: « tout fournisseur ayant terminé une "
        "extraction ou une importation de données doit maintenant confirmer que l’opération a "
        "réussi ». The confirmation completes the operation it confirms, so it is due within "
        "that operation's period (21 days for the extraction, 45 for the import); a vendor "
        "that finishes on the last day, or late, confirms that same day. A duty with no time "
        "limit at all could never be late, and one due the very day would make a vendor that "
        "finished early late for a confirmation the notice does not date."
    ),
    basis_fr=(
        "L'avis ne fixe aucun délai propre : « tout fournisseur ayant terminé une extraction "
        "ou une importation de données doit maintenant confirmer que l’opération a réussi ». "
        "La confirmation achève l'opération qu'elle confirme : elle est due dans le délai de "
        "cette opération (21 jours pour l'extraction, 45 pour l'importation) ; le fournisseur "
        "qui termine le dernier jour, ou en retard, confirme le jour même. Une obligation sans "
        "aucun délai ne serait jamais en retard, et une obligation du jour même mettrait en "
        "retard le fournisseur qui a terminé tôt, pour une confirmation que l'avis ne date pas."
    ),
)

#: Each operation's confirmation is due by the end of the day it was completed.
CONFIRM_SAME_DAY = Reading(
    id="confirm-same-day",
    topic="confirmation",
    phrase=_CONFIRMATION,
    summary_fr=(
        "La confirmation est due à la fin du jour où l'opération a été terminée (24 h) : non "
        "confirmée d'ici là, l'opération est en cours; après, c'est une contravention."
    ),
    summary_en=(
        "The confirmation is due by the end (24:00) of the day the operation was completed: "
        "unconfirmed before then it is pending; after it, a violation."
    ),
    basis=(
        "The duty binds « tout fournisseur ayant terminé » the operation: it arises when the "
        "operation ends, and no further time is given. The first edition's "
        "unconfirmed-is-violation (an unconfirmed operation a violation at once, even an hour "
        "after it ended) had no coherent due date; its id now names this reading."
    ),
    basis_fr=(
        "L'obligation lie « tout fournisseur ayant terminé » l'opération : elle naît à la fin de "
        "l'opération, et aucun délai supplémentaire n'est accordé. La lecture "
        "unconfirmed-is-violation de la première édition (une opération non confirmée en "
        "contravention sur-le-champ, même une heure après sa fin) n'avait pas d'échéance "
        "cohérente ; son identifiant désigne désormais cette lecture."
    ),
    aliases=("unconfirmed-is-violation",),
)

#: The first edition's name of :data:`CONFIRM_SAME_DAY`, whose former id it keeps.
UNCONFIRMED_IS_VIOLATION = CONFIRM_SAME_DAY

#: A completed operation without confirmation is pending (no due date).
UNCONFIRMED_IS_PENDING = Reading(
    id="unconfirmed-is-pending",
    topic="confirmation",
    phrase=_CONFIRMATION,
    summary_fr=(
        "Une opération terminée sans confirmation est en cours, sans échéance : aucun délai "
        "n'est fixé pour confirmer, et l'absence de confirmation n'est jamais une "
        "contravention."
    ),
    summary_en=(
        "A completed operation without confirmation is pending, with no due date: no time "
        "limit is set for the confirmation, and its absence is never a violation."
    ),
    basis="The sources state no time limit for the confirmation.",
    basis_fr="Les sources ne fixent aucun délai pour la confirmation.",
)

#: Every Quebec reading, by id, each topic's default first and then its alternatives.
READINGS: dict[str, Reading] = {
    reading.id: reading
    for reading in (
        PROCEDURE_2024,
        CIVIL_PROCEDURE,
        NEXT_BUSINESS_DAY,
        INTERPRETATION_ACT,
        COURT_CALENDAR,
        LABOUR_STANDARDS_CALENDAR,
        BUSINESS_DAY_CLOCK,
        OFFICE_HOURS,
        SCOPE_PRESUMED_STANDARD,
        SCOPE_REQUIRED,
        FORM_STARTS_PROCESS,
        TRANSMISSION_STARTS_PROCESS,
        LATER_OF_BOTH,
        NINETY_DAYS,
        CLINIC_DELAY_EXTENDS,
        CLINIC_DELAY_NOTED,
        CONSENT_ALWAYS,
        CONSENT_IF_THIRD_PARTY,
        CONFIRM_WITHIN_PERIOD,
        CONFIRM_SAME_DAY,
        UNCONFIRMED_IS_PENDING,
    )
}

#: Every topic, in the catalogue's order.
TOPICS: tuple[str, ...] = tuple(dict.fromkeys(reading.topic for reading in READINGS.values()))
