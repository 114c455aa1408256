"""Quebec's message catalogue: every word its findings and tables show, in French and English.

Codes:

- ``party.<code>``: the parties obligations bind;
- ``reason.<code>``: what a ``details["reason"]`` code means;
- ``<rule id>.<note>``: a rule's own phrases (:meth:`~dme_rules.engine.rule.Rule.notes`);
- ``format.money``: amounts in Canadian dollars.

Templates are filled by :class:`~dme_rules.engine.messages.Messages` (``{x:list}``,
``{x:duration}``, ``{x:message}``…); the catalogue falls back on the engine's words
(statuses, due, late, left…).
"""

from __future__ import annotations

from dme_rules.engine.messages import ENGINE_MESSAGES, Messages

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
        "reason.not_yet_requested": {
            "fr": "la demande n'était pas encore transmise à la date d'évaluation",
            "en": "the request had not been transmitted yet at the evaluation instant",
        },
        "reason.scope_unknown": {
            "fr": "le délai ne lie que pour une migration de portée standard",
            "en": "the deadline binds only a standard-scope migration",
        },
        "reason.nothing_completed": {
            "fr": "aucune extraction ni importation n'est encore terminée",
            "en": "no extraction or import is completed yet",
        },
        "reason.not_migrated": {
            "fr": "les données importées ne sont pas encore en production",
            "en": "the imported data is not in production yet",
        },
        "reason.access_fee_charged": {
            "fr": "l'accès en lecture doit être gratuit",
            "en": "the read-only access must be free",
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
        # The import deadline.
        f"{_IMPORT}.clinic_delay": {
            "fr": "la validation de la préanalyse par la clinique a {business_days_late} "
            "jour(s) ouvrable(s) de retard (échéance {validation_due}), ce qui peut modifier "
            "légèrement le calendrier",
            "en": "the clinic's validation of the pre-analysis is {business_days_late} business "
            "day(s) late (due {validation_due}), which may shift the calendar slightly",
        },
        f"{_IMPORT}.extended": {
            "fr": "l'échéance de l'importation est reportée d'autant (échéance légale "
            "{statutory_due})",
            "en": "the import's due date moves by as much (statutory due date {statutory_due})",
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
            "fr": "dates absentes : {items:list}",
            "en": "missing dates: {items:list}",
        },
        f"{_CALENDAR}.out_of_order": {"fr": "{first} après {then}", "en": "{first} after {then}"},
        f"{_CALENDAR}.late_item": {
            "fr": "{item} prévue le {planned_on}, après l'échéance du {due}",
            "en": "{item} planned on {planned_on}, after the due date {due}",
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
            "fr": "questions non satisfaites : {questions:list}",
            "en": "unmet: {questions:list}",
        },
    },
    fallback=ENGINE_MESSAGES,
)
