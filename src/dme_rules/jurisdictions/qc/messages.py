"""Quebec's message catalogue: every word its findings and tables show, in French and English.

Codes:

- ``party.<code>``: the parties obligations bind;
- ``reason.<code>``: what a ``details["reason"]`` code means;
- ``<rule id>.<note>``: a rule's own phrases (:meth:`~dme_rules.engine.rule.Rule.notes`);
- ``explain.<step>``: the steps of an explanation (:meth:`~dme_rules.engine.rule.Rule.explain`),
  each naming its legal basis;
- ``format.money``: amounts in Canadian dollars;
- what the applications show of the pack (:mod:`~dme_rules.engine.features`): ``calendar.*``
  (its calendars' names on the command line), ``deadlines.*`` (what a new request sets
  going), ``command.consent.*`` (the checklist's command), ``timeline.*`` (the timeline's
  rows and axis).

Templates are filled by :class:`~dme_rules.engine.messages.Messages` (``{x:list}``,
``{x:duration}``, ``{x:message}``…); the catalogue falls back on the engine's words
(statuses, due, late, left…).
"""

from __future__ import annotations

from dme_rules.engine.messages import ENGINE_MESSAGES, Messages
from dme_rules.jurisdictions.qc.subjects.consent_answers import QUESTIONS

__all__ = ["MESSAGES"]

_IMPORT = "qc.migration.import-deadline"
_CONFIRMATION = "qc.migration.success-confirmation"
_FORM = "qc.migration.request-form"
_CALENDAR = "qc.migration.calendar-content"
_COMPLAINT = "qc.bch.complaint-follow-up"
_CONSENT = "qc.emr.new-feature-consent"

#: Every Quebec message, by code, in French and English.
MESSAGES = Messages(
    {
        # Parties.
        "party.source_vendor": {"fr": "fournisseur actuel", "en": "current vendor"},
        "party.target_vendor": {"fr": "nouveau fournisseur", "en": "new vendor"},
        "party.clinic": {"fr": "clinique", "en": "clinic"},
        "party.bch": {"fr": "BCH", "en": "BCH"},
        "party.physician": {"fr": "médecin", "en": "physician"},
        # Time zones, as Quebec French writes them (heure normale, heure avancée de l'Est).
        "zone.EST": {"fr": "HNE", "en": "EST"},
        "zone.EDT": {"fr": "HAE", "en": "EDT"},
        # Amounts: Canadian dollars.
        "format.money": {"fr": "{number} $", "en": "${number}"},
        # Reasons.
        "reason.non_standard_scope": {
            "fr": "portée non standard : des délais supplémentaires peuvent s'appliquer",
            "en": "non-standard scope: extra delays may apply",
        },
        "reason.process_not_started": {
            "fr": "le formulaire n'est pas signé ou n'a pas l'autorisation écrite de la "
            "clinique : le processus n'est pas officiellement entrepris",
            "en": "the form is not signed or lacks the clinic's written authorization: the "
            "process has not officially started",
        },
        "reason.not_sent_to_party": {
            "fr": "le formulaire n'a pas été transmis à l'adresse de ce fournisseur",
            "en": "the form was not sent to this vendor's address",
        },
        "reason.solution_outside_directory": {
            "fr": "l'adresse de migration ne peut être vérifiée",
            "en": "the migration address cannot be checked",
        },
        "reason.not_yet_requested": {
            "fr": "la demande n'était pas encore transmise à la date d'évaluation",
            "en": "the request had not been transmitted yet at the evaluation instant",
        },
        "reason.not_yet_assessed": {
            "fr": "la liste de questions est remplie après la date d'évaluation",
            "en": "the checklist is assessed after the evaluation instant",
        },
        "reason.scope_unknown": {
            "fr": "le délai ne lie que pour une migration de portée standard",
            "en": "the deadline binds only a standard-scope migration",
        },
        "reason.awaiting_clinic_validation": {
            "fr": "la clinique n'a pas encore validé la préanalyse : l'échéance recule chaque "
            "jour ouvrable de retard",
            "en": "the clinic has not validated the pre-analysis yet: the due date moves with "
            "each business day of delay",
        },
        "reason.clinic_delay_unknown": {
            "fr": "la date de soumission de la préanalyse manque : le retard de la clinique, "
            "qui peut reporter l'échéance, ne peut être mesuré",
            "en": "the pre-analysis's submission date is missing: the clinic's delay, which may "
            "move the due date, cannot be measured",
        },
        "reason.submission_unknown": {
            "fr": "la validation est consignée sans la date de soumission de la préanalyse",
            "en": "the validation is recorded without the pre-analysis's submission date",
        },
        "reason.nothing_completed": {
            "fr": "aucune extraction ni importation n'est encore terminée",
            "en": "no extraction or import is completed yet",
        },
        "reason.not_yet_charged": {
            "fr": "ni l'opération ni ses frais ne sont encore consignés",
            "en": "neither the operation nor its fee is recorded yet",
        },
        "reason.not_migrated": {
            "fr": "les données importées ne sont pas encore en production",
            "en": "the imported data is not in production yet",
        },
        "reason.access_fee_charged": {
            "fr": "l'accès en lecture doit être gratuit",
            "en": "the read-only access must be free",
        },
        # The read-only access: its act is the access's last day.
        "qc.migration.read-only-access.act": {
            "fr": "accès jusqu'au {act:when}",
            "en": "access until {act:when}",
        },
        "reason.access_ended_early": {
            "fr": "l'accès a pris fin avant la date requise",
            "en": "the access ended before the required date",
        },
        "reason.planned_end_too_early": {
            "fr": "la fin d'accès prévue précède la date requise",
            "en": "the planned end of access is before the required date",
        },
        "reason.not_submitted": {
            "fr": "la préanalyse n'a pas encore été soumise",
            "en": "the pre-analysis has not been submitted yet",
        },
        "reason.no_complaint": {"fr": "aucune plainte", "en": "no complaint"},
        "reason.filed_after_as_of": {
            "fr": "plainte déposée après la date d'évaluation",
            "en": "complaint filed after the evaluation instant",
        },
        # Explanations: the steps that produce a due date, each with its legal basis.
        "explain.request": {
            "fr": "demande transmise le {sent:when}, soit le {day} à Montréal (la date d'un "
            "instant est sa date locale à Montréal)",
            "en": "request sent on {sent:when}, that is {day} in Montreal (the date of an "
            "instant is its local date in Montreal)",
        },
        "explain.official_start": {
            "fr": "jour 1 : {start}, premier jour ouvrable suivant le {day} (Procédure 2024, "
            "étape 2 : « le jour ouvrable suivant la date de transmission »)",
            "en": "day 1: {start}, the first business day after {day} (Procedure 2024, "
            "step 2: « le jour ouvrable suivant la date de transmission »)",
        },
        "explain.day_after": {
            "fr": "jour 1 : {start}, le lendemain du {day} (Code de procédure civile, art. 83 : "
            "le jour du point de départ ne compte pas)",
            "en": "day 1: {start}, the day after {day} (Code of Civil Procedure, art. 83: the "
            "starting day is not counted)",
        },
        "explain.skipped": {
            "fr": "jours non ouvrables sautés : {days:days_off}",
            "en": "days off skipped: {days:days_off}",
        },
        "explain.day_n": {
            "fr": "jour {n} : {start} + {plus} jours = {end}",
            "en": "day {n}: {start} + {plus} days = {end}",
        },
        "explain.no_extension": {
            "fr": "le {end} est un jour ouvrable : aucun report",
            "en": "{end} is a business day: no extension",
        },
        "explain.extended": {
            "fr": "jours non ouvrables à partir du {end} : {days:days_off}; délai reporté au "
            "{due} (Code de procédure civile, art. 83; lecture next-business-day)",
            "en": "days off from {end}: {days:days_off}; extended to {due} (Code of Civil "
            "Procedure, art. 83; reading next-business-day)",
        },
        "explain.extended_li": {
            "fr": "jours fériés à partir du {end} : {days:days_off}; délai reporté au {due}, "
            "jour non férié suivant (Loi d'interprétation, art. 52 et 61(23); lecture "
            "interpretation-act)",
            "en": "holidays from {end}: {days:days_off}; extended to {due}, the next day that is "
            "not one (Interpretation Act, ss. 52 and 61(23); reading interpretation-act)",
        },
        "explain.kept_li": {
            "fr": "le {end} n'est pas ouvrable mais n'est pas férié au sens de la Loi "
            "d'interprétation (art. 61(23)) : aucun report (lecture interpretation-act)",
            "en": "{end} is not a business day but is no holiday of the Interpretation Act "
            "(s. 61(23)): no extension (reading interpretation-act)",
        },
        "explain.clinic_delay_extends": {
            "fr": "validation de la préanalyse due le {validation_due}, "
            "{business_days_late:business_days} de retard : échéance reportée d'autant, au "
            "{due} (Procédure 2024, étape 3 d : « modifier légèrement le calendrier »; lecture "
            "clinic-delay-extends)",
            "en": "pre-analysis validation due {validation_due}, "
            "{business_days_late:business_days} late: due date moved by as much, to {due} "
            "(Procedure 2024, step 3 d: « modifier légèrement le calendrier »; reading "
            "clinic-delay-extends)",
        },
        "explain.clinic_delay_noted": {
            "fr": "validation de la préanalyse due le {validation_due}, "
            "{business_days_late:business_days} de retard : signalé, échéance inchangée "
            "(lecture clinic-delay-noted)",
            "en": "pre-analysis validation due {validation_due}, "
            "{business_days_late:business_days} late: reported, due date unchanged (reading "
            "clinic-delay-noted)",
        },
        "explain.clinic_delay_after_due": {
            "fr": "validation de la préanalyse due le {validation_due}, "
            "{business_days_late:business_days} de retard, mais préanalyse soumise le "
            "{submitted_on}, après l'échéance : aucun report, le fournisseur était déjà en "
            "retard (lecture clinic-delay-extends)",
            "en": "pre-analysis validation due {validation_due}, "
            "{business_days_late:business_days} late, but the pre-analysis was submitted on "
            "{submitted_on}, after the due date: nothing moves, the vendor was already late "
            "(reading clinic-delay-extends)",
        },
        "explain.clinic_delay_unknown": {
            "fr": "préanalyse validée le {validated_on} sans date de soumission consignée : "
            "soumise au plus tôt le jour de la demande, sa validation était due au plus tôt le "
            "{validation_due}, soit au plus {business_days_late:business_days} de retard",
            "en": "pre-analysis validated on {validated_on} with no submission date recorded: "
            "submitted on the request's day at the earliest, its validation was due "
            "{validation_due} at the earliest, at most {business_days_late:business_days} late",
        },
        "explain.clinic_delay_latest": {
            "fr": "échéance au plus tard le {latest}, selon la date de soumission (lecture "
            "clinic-delay-extends)",
            "en": "due {latest} at the latest, depending on the submission date (reading "
            "clinic-delay-extends)",
        },
        "explain.clinic_delay_unchanged": {
            "fr": "échéance inchangée (lecture clinic-delay-noted)",
            "en": "due date unchanged (reading clinic-delay-noted)",
        },
        "explain.non_standard_scope": {
            "fr": "portée non standard : l'échéance ne lie pas (Procédure 2024, étape 3)",
            "en": "non-standard scope: the due date does not bind (Procedure 2024, step 3)",
        },
        "explain.process_not_started": {
            "fr": "formulaire non signé ou sans autorisation écrite de la clinique : le "
            "processus n'est pas entrepris (Procédure 2024, étape 1; lecture "
            "form-starts-process)",
            "en": "form not signed or without the clinic's written authorization: the process "
            "has not started (Procedure 2024, step 1; reading form-starts-process)",
        },
        "explain.not_sent_to_party": {
            "fr": "formulaire non transmis à l'adresse de ce fournisseur : son délai ne court "
            "pas (Procédure 2024, étape 2; lecture form-starts-process)",
            "en": "form not sent to this vendor's address: its period does not run (Procedure "
            "2024, step 2; reading form-starts-process)",
        },
        "explain.filed": {
            "fr": "plainte déposée le {filed:when}",
            "en": "complaint filed on {filed:when}",
        },
        "explain.clock_business_day_clock": {
            "fr": "{hours} heures ouvrables, les jours ouvrables comptant 24 heures (lecture "
            "business-day-clock; Procédure 2024, Plainte) : échéance le {due:when}",
            "en": "{hours} business hours, business days counting 24 hours (reading "
            "business-day-clock; Procedure 2024, Plainte): due {due:when}",
        },
        "explain.clock_office_hours": {
            "fr": "{hours} heures ouvrables, comptées de {window} les jours ouvrables (lecture "
            "office-hours; Procédure 2024, Plainte) : échéance le {due:when}",
            "en": "{hours} business hours, counted {window} on business days (reading "
            "office-hours; Procedure 2024, Plainte): due {due:when}",
        },
        "explain.migrated": {
            "fr": "migration : données importées en production le {day}",
            "en": "migration: imported data in production on {day}",
        },
        "explain.three_months": {
            "fr": "{day} + 3 mois = {until} (avis de la FMOQ sur l'Avenant n° 1 : « trois mois »; "
            "le dernier jour du mois quand le quantième manque)",
            "en": "{day} + 3 months = {until} (FMOQ notice on Avenant No. 1: « trois mois »; the "
            "month's last day when the day number is missing)",
        },
        "explain.ninety_days": {
            "fr": "{day} + 90 jours = {until} (Procédure 2024 : « durée minimale de 90 jours »)",
            "en": "{day} + 90 days = {until} (Procedure 2024: « durée minimale de 90 jours »)",
        },
        "explain.later_of_both": {
            "fr": "la plus tardive des deux : {until} (lecture later-of-both)",
            "en": "the later of both: {until} (reading later-of-both)",
        },
        "explain.business_days": {
            "fr": "préanalyse soumise le {day} + {n} jours ouvrables = {due} (Procédure 2024, "
            "étape 3 d)",
            "en": "pre-analysis submitted on {day} + {n} business days = {due} (Procedure "
            "2024, step 3 d)",
        },
        # The import deadline.
        f"{_IMPORT}.clinic_delay": {
            "fr": "la validation de la préanalyse par la clinique a "
            "{business_days_late:business_days} de retard (échéance {validation_due}), ce qui "
            "peut modifier légèrement le calendrier",
            "en": "the clinic's validation of the pre-analysis is "
            "{business_days_late:business_days} late (due {validation_due}), which may shift "
            "the calendar slightly",
        },
        f"{_IMPORT}.extended": {
            "fr": "l'échéance de l'importation est reportée d'autant (échéance légale "
            "{statutory_due})",
            "en": "the import's due date moves by as much (statutory due date {statutory_due})",
        },
        f"{_IMPORT}.submitted_after_due": {
            "fr": "la préanalyse a été soumise le {submitted_on}, après l'échéance de "
            "l'importation : ce retard ne la reporte pas",
            "en": "the pre-analysis was submitted on {submitted_on}, after the import's due "
            "date: that delay does not move it",
        },
        f"{_IMPORT}.clinic_delay_unknown": {
            "fr": "préanalyse validée le {validated_on}, sans date de soumission consignée",
            "en": "pre-analysis validated on {validated_on}, with no submission date recorded",
        },
        f"{_IMPORT}.latest_due": {
            "fr": "l'échéance pourrait être reportée jusqu'au {latest_due}",
            "en": "the due date could move as late as {latest_due}",
        },
        # The confirmation of success.
        f"{_CONFIRMATION}.extraction": {"fr": "extraction", "en": "extraction"},
        f"{_CONFIRMATION}.import": {"fr": "importation", "en": "import"},
        f"{_CONFIRMATION}.confirmed": {
            "fr": "{operation:message} confirmée le {confirmed_on}",
            "en": "{operation:message} confirmed on {confirmed_on}",
        },
        f"{_CONFIRMATION}.unconfirmed": {
            "fr": "{operation:message} terminée le {completed_on} sans confirmation de réussite",
            "en": "{operation:message} completed on {completed_on} without confirmation of success",
        },
        f"{_CONFIRMATION}.confirmed_late": {
            "fr": "{operation:message} confirmée le {confirmed_on}, après l'échéance du {due}",
            "en": "{operation:message} confirmed on {confirmed_on}, after its due date {due}",
        },
        f"{_CONFIRMATION}.awaited": {
            "fr": "{operation:message} terminée le {completed_on}, confirmation attendue au plus "
            "tard le {due}",
            "en": "{operation:message} completed on {completed_on}, confirmation due by {due}",
        },
        f"{_CONFIRMATION}.unconfirmed_by": {
            "fr": "{operation:message} terminée le {completed_on}, non confirmée à l'échéance du "
            "{due}",
            "en": "{operation:message} completed on {completed_on}, not confirmed by its due date "
            "{due}",
        },
        f"{_CONFIRMATION}.open": {
            "fr": "{operation:message} terminée le {completed_on} : l'échéance de sa confirmation "
            "dépend d'une donnée manquante ({missing})",
            "en": "{operation:message} completed on {completed_on}: its confirmation's due date "
            "turns on a missing fact ({missing})",
        },
        # The request form.
        f"{_FORM}.not_signed": {"fr": "formulaire non signé", "en": "form not signed"},
        f"{_FORM}.no_clinic_authorization": {
            "fr": "sans l'autorisation écrite de la clinique",
            "en": "without the clinic's written authorization",
        },
        f"{_FORM}.not_sent_to": {
            "fr": "non transmis à {addresses:list}",
            "en": "not sent to {addresses:list}",
        },
        f"{_FORM}.unknown_solutions": {
            "fr": "solution hors du répertoire des DMÉ certifiés : {names:list}",
            "en": "solution outside the certified EMR directory: {names:list}",
        },
        # The migration calendar.
        f"{_CALENDAR}.missing_items": {
            "fr": "dates absentes : {items:names:calendar_item}",
            "en": "missing dates: {items:names:calendar_item}",
        },
        f"{_CALENDAR}.out_of_order": {
            "fr": "{first:name:calendar_item} après {then:name:calendar_item}",
            "en": "{first:name:calendar_item} after {then:name:calendar_item}",
        },
        f"{_CALENDAR}.late_item": {
            "fr": "{item:name:calendar_item} le {planned_on}, après l'échéance du {due}",
            "en": "{item:name:calendar_item} on {planned_on}, after the due date {due}",
        },
        f"{_CALENDAR}.unsettled_item": {
            "fr": "{item:name:calendar_item} le {planned_on}, après l'échéance du {due}, "
            "qui pourrait être reportée (donnée manquante : {missing})",
            "en": "{item:name:calendar_item} on {planned_on}, after the due date {due}, "
            "which could move (missing: {missing})",
        },
        # Each date of a migration calendar, by its field (MigrationCalendar).
        **{
            f"calendar_item.{item}": {"fr": fr, "en": en}
            for item, fr, en in (
                ("test_extraction_on", "extraction de test", "test extraction"),
                ("preanalysis_start_on", "début de la préanalyse", "start of the pre-analysis"),
                ("preanalysis_end_on", "fin de la préanalyse", "end of the pre-analysis"),
                (
                    "preanalysis_submitted_on",
                    "dépôt de la préanalyse",
                    "submission of the pre-analysis",
                ),
                (
                    "preanalysis_validated_on",
                    "validation de la préanalyse",
                    "validation of the pre-analysis",
                ),
                ("flow_analysis_meeting_on", "réunion d'analyse des flux", "flow-analysis meeting"),
                ("quality_control_on", "contrôle de la qualité", "quality control"),
                ("validation_sessions_on", "séances de validation", "validation sessions"),
                ("quality_approved_on", "approbation de la qualité", "quality approval"),
                ("source_cutover_on", "basculement", "cut-over"),
                ("final_extraction_on", "extraction finale", "final extraction"),
                ("production_on", "mise en production", "production"),
                ("data_usable_on", "première utilisation des données", "first use of the data"),
                ("access_removed_on", "retrait des accès", "removal of access"),
            )
        },
        f"{_CALENDAR}.access_removed_too_early": {
            "fr": "retrait des accès le {access_removed_on}, avant la fin de l'accès requis "
            "({access_required_until})",
            "en": "access removed on {access_removed_on}, before the end of the required access "
            "({access_required_until})",
        },
        # The BCH's follow-up of a complaint.
        f"{_COMPLAINT}.complaint": {"fr": "plainte n° {number}", "en": "complaint #{number}"},
        f"{_COMPLAINT}.real_time": {
            "fr": "soit {minutes:duration} en temps réel",
            "en": "{minutes:duration} in real time",
        },
        # The consent checklist.
        f"{_CONSENT}.decision": {
            "fr": "« {feature} » : {decision:message}",
            "en": "“{feature}”: {decision:message}",
        },
        f"{_CONSENT}.proceed": {"fr": "aller de l'avant", "en": "proceed"},
        f"{_CONSENT}.do_not_proceed": {"fr": "ne pas aller de l'avant", "en": "do not proceed"},
        f"{_CONSENT}.unmet": {
            "fr": "questions non satisfaites : {questions:messages}",
            "en": "unmet: {questions:messages}",
        },
        # What the applications show of the pack: its calendars on the command line,
        "calendar.names": {
            "en": "cpc: Quebec's legal time limits (default); lnt: Quebec employees' statutory "
            "holidays",
            "fr": "cpc : délais légaux du Québec (par défaut) ; lnt : jours fériés des salariés "
            "du Québec",
        },
        "calendar.option.easter": {
            "en": "with --calendar lnt: which Easter holiday the employer grants (default both)",
            "fr": "avec --calendar lnt : le congé de Pâques que l'employeur accorde (par défaut "
            "both)",
        },
        # what a new request sets going,
        "deadlines.help": {
            "en": "every deadline a new request starts",
            "fr": "les échéances qu'une nouvelle demande fait courir",
        },
        "deadlines.description": {
            "en": "The official start and the extraction and import deadlines of a request.",
            "fr": "Le début officiel et les échéances d'extraction et d'importation d'une demande.",
        },
        "deadlines.transmitted": {
            "en": "when the request was transmitted: an instant with its UTC offset, or a date "
            "YYYY-MM-DD, which means noon that day in Montreal (every deadline counts from the "
            "request's date, so any instant of the day gives the same deadlines)",
            "fr": "quand la demande a été transmise : un instant avec son décalage UTC, ou une "
            "date AAAA-MM-JJ, qui signifie midi ce jour-là à Montréal (chaque échéance se "
            "compte à partir de la date de la demande : tout instant du jour donne les mêmes "
            "échéances)",
        },
        "deadlines.heading": {
            "fr": "Demande transmise le {started}",
            "en": "Request sent {started}",
        },
        "deadlines.day_one.procedure-2024": {
            "fr": "début officiel (jour 1)",
            "en": "official start (day 1)",
        },
        "deadlines.day_one.civil-procedure": {
            "fr": "jour 1 (lendemain de la demande)",
            "en": "day 1 (the day after the request)",
        },
        "deadlines.extraction_due": {"fr": "extraction au plus tard", "en": "extraction due"},
        "deadlines.import_due": {"fr": "importation au plus tard", "en": "import due"},
        # the checklist's command,
        "command.consent.help": {
            "en": "answer the checklist before enabling a new EMR feature",
            "fr": "répondre aux questions avant d'activer une nouvelle fonctionnalité du DME",
        },
        "command.consent.description": {
            "en": 'Judge now the answers {{"assessed_on": DATE, "feature": TEXT, "answers": '
            '{{...}}}} (their "subject" key may be left out here).',
            "fr": 'Juger maintenant les réponses {{"assessed_on": DATE, "feature": TEXTE, '
            '"answers": {{...}}}} (leur clé "subject" peut manquer ici).',
        },
        # and the timeline of a case.
        "timeline.started": {"fr": "demande transmise", "en": "request sent"},
        "timeline.marks": {"fr": "Calendrier de migration", "en": "Migration calendar"},
        "timeline.mark": {"fr": "date du calendrier", "en": "calendar date"},
        "timeline.axis": {"fr": "date (heure de Montréal)", "en": "date (Montreal time)"},
        "timeline.complaint": {
            "fr": "{title} (plainte n° {number})",
            "en": "{title} (complaint #{number})",
        },
        # The checklist's questions, as people read them (their ids stay in JSON).
        **{
            f"{_CONSENT}.question-{question.id}": {
                "fr": f"« {question.text_fr} »",
                "en": f"“{question.text_en}”",
            }
            for question in QUESTIONS
        },
    },
    fallback=ENGINE_MESSAGES,
)
