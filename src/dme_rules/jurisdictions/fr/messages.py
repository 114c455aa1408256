"""The French pack's message catalogue: every word its findings show, in French and English.

Codes:

- ``party.<code>``: the parties obligations bind;
- ``format.money``: amounts in euros;
- what the applications show of the pack (:mod:`~dme_rules.engine.features`): ``calendar.*``
  (its calendars' names on the command line) and ``logs.*`` (the audit of its logs).

The catalogue falls back on the engine's words (statuses, due, late, left…).
"""

from __future__ import annotations

from dme_rules.engine.messages import ENGINE_MESSAGES, Messages

__all__ = ["MESSAGES"]

#: Every French-pack message, by code, in French and English.
MESSAGES = Messages(
    {
        # Time zones: Paris's offset from UTC in French, winter and summer.
        "zone.CET": {"fr": "UTC+1", "en": "CET"},
        "zone.CEST": {"fr": "UTC+2", "en": "CEST"},
        # Parties.
        "party.professional": {"fr": "professionnel de santé", "en": "health professional"},
        "party.host": {"fr": "hébergeur du DMP", "en": "DMP host"},
        # Reasons.
        "reason.record_open": {"fr": "le dossier est ouvert", "en": "the record is open"},
        "reason.no_opposition": {"fr": "aucune opposition", "en": "no opposition"},
        # FEEDING_OPPOSITION.
        "fr.dmp.feeding-opposition.deposits": {
            "fr": "{count:count:fr.dmp.word.deposit} malgré une opposition : {ids:list}",
            "en": "{count:count:fr.dmp.word.deposit} despite an opposition: {ids:list}",
        },
        "fr.dmp.word.deposit.one": {"fr": "versement", "en": "deposit"},
        "fr.dmp.word.deposit.other": {"fr": "versements", "en": "deposits"},
        "fr.dmp.word.notified_access.one": {
            "fr": "accès notifié à temps",
            "en": "access notified in time",
        },
        "fr.dmp.word.notified_access.other": {
            "fr": "accès notifiés à temps",
            "en": "accesses notified in time",
        },
        "fr.dmp.feeding-opposition.not_binding": {
            "fr": "opposition sans motif légitime, formée le jour de l'autorisation ou après, "
            "sans effet ({days:list})",
            "en": "opposition without a legitimate motive, filed on or after the day of the "
            "authorization, binds nothing ({days:list})",
        },
        "fr.dmp.feeding-opposition.no_motive": {
            "fr": "opposition sans motif légitime, sans effet ({days:list})",
            "en": "opposition without a legitimate motive, binds nothing ({days:list})",
        },
        "reason.no_access": {"fr": "aucun accès à juger", "en": "no access to judge"},
        "reason.no_emergency_access": {
            "fr": "aucun accès en urgence",
            "en": "no emergency access",
        },
        # FIRST_ACCESS_NOTICE and EMERGENCY_ACCESS_NOTICE.
        **{
            f"fr.dmp.{rule}.{note}": texts
            for rule in ("first-access-notice", "emergency-access-notice")
            for note, texts in (
                (
                    "late",
                    {
                        "fr": "notification absente ou tardive : accès {ids:list}",
                        "en": "notice missing or late: access {ids:list}",
                    },
                ),
                (
                    "waiting",
                    {
                        "fr": "notification attendue : accès {ids:list}",
                        "en": "notice awaited: access {ids:list}",
                    },
                ),
                (
                    "notified",
                    {
                        "fr": "{count:count:fr.dmp.word.notified_access}",
                        "en": "{count:count:fr.dmp.word.notified_access}",
                    },
                ),
            )
        },
        # EMERGENCY_ACCESS_OPPOSITION.
        "reason.no_emergency_opposition": {
            "fr": "aucune opposition à l'accès en urgence",
            "en": "no opposition to access in an emergency",
        },
        "fr.dmp.emergency-access-opposition.accesses": {
            "fr": "accès en urgence malgré l'opposition du titulaire : {ids:list}",
            "en": "emergency access despite the holder's opposition: {ids:list}",
        },
        "reason.no_deferred_data": {
            "fr": "aucune donnée rendue inaccessible",
            "en": "no datum made inaccessible",
        },
        # DEFERRED_DATA.
        "fr.dmp.deferred-data.inform_pending": {
            "fr": "{deposit_id} : titulaire à informer au plus tard le {last_day}",
            "en": "{deposit_id}: the holder to be informed by {last_day}",
        },
        "fr.dmp.deferred-data.inform_violation": {
            "fr": "{deposit_id} : titulaire non informé au {last_day}",
            "en": "{deposit_id}: the holder not informed by {last_day}",
        },
        "fr.dmp.deferred-data.open_pending": {
            "fr": "{deposit_id} : accessible au plus tard le {last_day}",
            "en": "{deposit_id}: to be accessible by {last_day}",
        },
        "fr.dmp.deferred-data.open_violation": {
            "fr": "{deposit_id} : non accessible au {last_day}",
            "en": "{deposit_id}: not accessible by {last_day}",
        },
        "fr.dmp.deferred-data.not_counted": {
            "fr": "notification du {at:when} non comptée : {why:message}",
            "en": "notification of {at:when} not counted: {why:message}",
        },
        "fr.dmp.deferred-data.why.not_to_holder": {
            "fr": "elle n'est pas adressée au titulaire",
            "en": "it is not to the holder",
        },
        "fr.dmp.deferred-data.why.not_about_deferred_data": {
            "fr": "elle ne porte pas sur une donnée rendue inaccessible",
            "en": "it is not about a datum made inaccessible",
        },
        "fr.dmp.deferred-data.why.no_deposit_named": {
            "fr": "elle ne désigne aucun versement",
            "en": "it names no deposit",
        },
        "fr.dmp.deferred-data.why.deposit_not_judged": {
            "fr": "elle ne désigne aucun versement rendu inaccessible jugé ici",
            "en": "it names no deposit made inaccessible judged here",
        },
        "fr.dmp.deferred-data.why.before_deposit": {
            "fr": "elle précède le versement",
            "en": "it comes before the deposit",
        },
        # RETENTION.
        "fr.dmp.retention.closed": {"fr": "fermé le {closed_on}", "en": "closed on {closed_on}"},
        "fr.dmp.retention.purged_early": {
            "fr": "purgé {days:days} trop tôt : à conserver jusqu'au {kept_until} inclus",
            "en": "purged {days:days} early: to be kept through {kept_until}",
        },
        # Explanations: each step with its legal basis.
        "explain.closed": {"fr": "Dossier fermé le {day}.", "en": "Record closed on {day}."},
        "explain.years_after": {
            "fr": "{day} + {years} ans = {until} : le même quantième (C. proc. civ., art. 641 ; "
            "un 29 février donne le 28 février).",
            "en": "{day} + {years} years = {until}: the same day number (Code de procédure "
            "civile, art. 641; a 29 February gives 28 February).",
        },
        "explain.kept_through": {
            "fr": "Conservé jusqu'au {day} à 24 h (C. proc. civ., art. 642 : « Tout délai expire "
            "le dernier jour à vingt-quatre heures ») : une purge ce jour-là est prématurée.",
            "en": "Kept until 24:00 on {day} (Code de procédure civile, art. 642: every time "
            "limit expires at 24:00 of its last day): a purge on that day is early.",
        },
        "explain.deposit": {
            "fr": "Versement {id} : le {day} à Paris.",
            "en": "Deposit {id}: on {day} in Paris.",
        },
        "explain.day_14": {
            "fr": "Deux semaines : {day} + 14 jours = {until}, le jour du versement ne compte "
            "pas (C. proc. civ., art. 641).",
            "en": "Two weeks: {day} + 14 days = {until}, the deposit's day not counted (Code "
            "de procédure civile, art. 641).",
        },
        "explain.one_month": {
            "fr": "Un mois : {day} + 1 mois = {until}, le même quantième ou le dernier jour du "
            "mois (C. proc. civ., art. 641).",
            "en": "One month: {day} + 1 month = {until}, the same day number or the month's "
            "last day (Code de procédure civile, art. 641).",
        },
        "explain.extended_642": {
            "fr": "{day} n'est pas un jour ouvrable : prorogé au {until} (C. proc. civ., "
            "art. 642).",
            "en": "{day} is not a working day: extended to {until} (Code de procédure civile, "
            "art. 642).",
        },
        "explain.access_due": {
            "fr": "Accès {id} le {at:when} : notification due au plus tard le {due:when} "
            "(24 heures écoulées).",
            "en": "Access {id} on {at:when}: notice due by {due:when} (24 hours of elapsed time).",
        },
        "explain.access_any_time": {
            "fr": "Accès {id} le {at:when} : notification attendue après l'accès, sans délai.",
            "en": "Access {id} on {at:when}: a notice is due after the access, at any time.",
        },
        # Amounts: euros.
        "format.money": {"fr": "{number} €", "en": "€{number}"},
        # What the applications show of the pack: its calendars on the command line,
        "calendar.names": {
            "fr": "france, alsace-moselle : jours fériés français",
            "en": "france, alsace-moselle: French public holidays",
        },
        # and the audit of its logs.
        "logs.help": {
            "fr": "auditer les tables d'un hébergeur du DMP à grande échelle (DuckDB ou Spark)",
            "en": "audit a DMP host's tables at scale (DuckDB or Spark)",
        },
        "logs.description": {
            "fr": "Juger chaque dossier des tables par les six règles du DMP en une table de "
            "verdicts (pip install 'dme-rules[logs]'). Toute table peut manquer : les règles "
            "qui la lisent ne sont pas jugées, et la commande le dit.",
            "en": "Judge every record of the tables by the six DMP rules into one table of "
            "verdicts (pip install 'dme-rules[logs]'). Any table may be left out: the rules "
            "that read it are not run, and the command says so.",
        },
        "logs.table.records": {
            "fr": "les dossiers : record_id, authorized_on, closed_on, purged_on (Parquet)",
            "en": "the records: record_id, authorized_on, closed_on, purged_on (Parquet)",
        },
        "logs.table.oppositions": {
            "fr": "les oppositions à l'alimentation (Parquet)",
            "en": "the oppositions to deposits (Parquet)",
        },
        "logs.table.emergency_oppositions": {
            "fr": "les oppositions à l'accès en urgence (Parquet)",
            "en": "the oppositions to emergency access (Parquet)",
        },
        "logs.table.deposits": {"fr": "les versements (Parquet)", "en": "the deposits (Parquet)"},
        "logs.table.accesses": {"fr": "les accès (Parquet)", "en": "the accesses (Parquet)"},
        "logs.table.notifications": {
            "fr": "les notifications (Parquet)",
            "en": "the notifications (Parquet)",
        },
    },
    fallback=ENGINE_MESSAGES,
)
