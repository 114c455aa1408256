"""The command line's own words: every help text and output word, in French and English.

One catalogue, :data:`WORDS`, by code: ``help.<command>`` and ``help.<command>.<option>`` for
the help, ``<command>.<word>`` for what a command prints, ``error.<reason>`` for the errors
(written in both languages on one line, English first); it falls back on the engine's
catalogue. French typography comes from
:meth:`~dme_rules.engine.messages.Messages.template`; the templates are :meth:`str.format`
texts (a literal brace is doubled).

What belongs to a jurisdiction (its calendars' names, its subject commands, its deadlines, its
log audit) is in its pack's catalogue, never here.
"""

from __future__ import annotations

from dme_rules.engine.messages import ENGINE_MESSAGES, Messages

__all__ = ["WORDS"]


def _texts(*, en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


#: The command line's words, by code.
WORDS = Messages(
    {
        # The help's frame: the program, its sections and the options every command has.
        "help.description": _texts(
            en="EMR (DMÉ) compliance rules: deadlines, caps and calendars.",
            fr="Règles de conformité des DMÉ : délais, plafonds et calendriers.",
        ),
        "help.usage": _texts(en="usage: ", fr="utilisation : "),
        "help.positional": _texts(en="positional arguments", fr="arguments"),
        "help.options": _texts(en="options", fr="options"),
        "help.commands": _texts(en="commands", fr="commandes"),
        "help.help": _texts(en="show this help and exit", fr="afficher cette aide et quitter"),
        "help.version": _texts(en="show the version and exit", fr="afficher la version et quitter"),
        "help.format": _texts(en="the output's format", fr="le format de la sortie"),
        "help.lang": _texts(en="the language of the words", fr="la langue des mots"),
        "help.reading": _texts(
            en="an alternative reading of an ambiguous phrase (repeatable; see the readings "
            "catalogue: {examples}...)",
            fr="une autre lecture d'une formule ambiguë (répétable ; voir le catalogue des "
            "lectures : {examples}...)",
        ),
        "help.jurisdiction": _texts(
            en="the jurisdiction: {choices}; default {default}",
            fr="la juridiction : {choices} ; par défaut {default}",
        ),
        # calendar
        "help.calendar": _texts(
            en="list a year's holidays in a business calendar",
            fr="les jours fériés d'une année dans un calendrier",
        ),
        "help.calendar.description": _texts(
            en="List the holidays of YEAR ({first}-{last}) in French and English.",
            fr="Les jours fériés de YEAR ({first}-{last}), en français et en anglais.",
        ),
        # check
        "help.check": _texts(
            en="evaluate a case file against every rule",
            fr="évaluer un dossier selon chaque règle",
        ),
        "help.check.description": _texts(
            en="Evaluate CASE.json against every rule, as the case stood at --as-of.",
            fr="Évaluer CASE.json selon chaque règle, tel que le dossier était à --as-of.",
        ),
        "help.check.as_of": _texts(
            en="the instant to evaluate at, with its UTC offset, or a date YYYY-MM-DD (the end "
            "of that day in the subject's time zone); default: now, and said so",
            fr="l'instant de l'évaluation, avec son décalage UTC, ou une date AAAA-MM-JJ (la fin "
            "de ce jour dans le fuseau horaire du sujet) ; par défaut : maintenant, et dit",
        ),
        "help.check.plot": _texts(
            en="also draw the case's timeline into FILE.png (or .svg, .pdf)",
            fr="dessiner aussi la frise du dossier dans FILE.png (ou .svg, .pdf)",
        ),
        "help.check.explain": _texts(
            en="also show how each due date was computed, step by step, with its legal basis",
            fr="montrer aussi le calcul de chaque échéance, étape par étape, avec sa base légale",
        ),
        "help.check.sensitivity": _texts(
            en="show, for each finding, whether another reading would change its status",
            fr="montrer, pour chaque constat, si une autre lecture changerait son statut",
        ),
        # rules
        "help.rules": _texts(
            en="the rules in force on a date", fr="les règles en vigueur à une date"
        ),
        "help.rules.description": _texts(
            en="The catalogue of rules with a version in force on --as-of (default today).",
            fr="Le catalogue des règles dont une version est en vigueur à --as-of (par défaut "
            "aujourd'hui).",
        ),
        # audit
        "help.audit": _texts(
            en="evaluate many cases into one table (CSV, JSON Lines, Excel, Parquet, HTML)",
            fr="évaluer de nombreux dossiers en une table (CSV, JSON Lines, Excel, Parquet, HTML)",
        ),
        "help.audit.description": _texts(
            en="Evaluate case files, folders of them, JSON Lines files or - (JSON Lines on "
            "standard input) into one row per finding.",
            fr="Évaluer des dossiers, des dossiers de dossiers, des fichiers JSON Lines ou - "
            "(JSON Lines sur l'entrée standard) en une ligne par constat.",
        ),
        "help.audit.as_of": _texts(
            en="the instant to evaluate at, or a date YYYY-MM-DD (the end of that day)",
            fr="l'instant de l'évaluation, ou une date AAAA-MM-JJ (la fin de ce jour)",
        ),
        "help.audit.out": _texts(
            en="the file to write (default: CSV on stdout)",
            fr="le fichier à écrire (par défaut : CSV sur la sortie standard)",
        ),
        "help.audit.format": _texts(
            en="default: the --out file's extension, else csv",
            fr="par défaut : l'extension du fichier --out, sinon csv",
        ),
        "help.audit.jobs": _texts(
            en="worker processes (default 1)", fr="processus de travail (par défaut 1)"
        ),
        "help.audit.quiet": _texts(en="no progress bar", fr="sans barre de progression"),
        # schema
        "help.schema": _texts(
            en="print a JSON Schema: {names}", fr="afficher un schéma JSON : {names}"
        ),
        "help.schema.description": _texts(
            en="Print the JSON Schema (draft 2020-12) of a document NAME (a subject's, or a "
            "report), to validate documents before sending them.",
            fr="Afficher le schéma JSON (draft 2020-12) d'un document NAME (celui d'un sujet, ou "
            "un rapport), pour valider des documents avant de les envoyer.",
        ),
        "help.schema.name": _texts(en="{names} or {last}", fr="{names} ou {last}"),
        # serve
        "help.serve": _texts(
            en="serve the rules over HTTP (JSON, FHIR, OpenAPI)",
            fr="servir les règles par HTTP (JSON, FHIR, OpenAPI)",
        ),
        "help.serve.description": _texts(
            en="Serve the decision service of SPEC 13 on uvicorn until interrupted "
            "(pip install 'dme-rules[server]').",
            fr="Servir le service de décision de la SPEC 13 sur uvicorn jusqu'à interruption "
            "(pip install 'dme-rules[server]').",
        ),
        "help.serve.host": _texts(en="the address to listen on", fr="l'adresse d'écoute"),
        "help.serve.port": _texts(en="the port (default 8000)", fr="le port (par défaut 8000)"),
        "help.serve.workers": _texts(
            en="worker processes (default 1)", fr="processus de travail (par défaut 1)"
        ),
        "help.serve.decision_log": _texts(
            en="append one JSON line per decision to FILE (no case content)",
            fr="ajouter une ligne JSON par décision à FILE (sans le contenu des dossiers)",
        ),
        # a pack's log audit (its own help and tables are the pack's words)
        "help.logs.out": _texts(
            en="the table to write (.parquet or .csv)", fr="la table à écrire (.parquet ou .csv)"
        ),
        "help.logs.engine": _texts(
            en="duckdb (default), spark, or a Spark master URL",
            fr="duckdb (par défaut), spark, ou l'URL d'un maître Spark",
        ),
        "help.logs.as_of": _texts(
            en="the instant to evaluate at, or a date YYYY-MM-DD (the end of that day in {zone})",
            fr="l'instant de l'évaluation, ou une date AAAA-MM-JJ (la fin de ce jour, fuseau "
            "{zone})",
        ),
        "help.logs.quiet": _texts(en="no progress lines", fr="sans lignes de progression"),
        # What the commands print.
        "check.now": _texts(en=" (now: no --as-of)", fr=" (maintenant : aucun --as-of)"),
        "check.explanations": _texts(
            en="How each due date was computed:", fr="Comment chaque échéance a été calculée :"
        ),
        "calendar.date": _texts(en="date", fr="date"),
        "calendar.day": _texts(en="day", fr="jour"),
        "calendar.name": _texts(en="name", fr="nom"),
        "calendar.holidays": _texts(en="holidays", fr="jours fériés"),
        # Monday first, as date.weekday() counts.
        "calendar.weekdays": _texts(
            en="Mon Tue Wed Thu Fri Sat Sun", fr="lun. mar. mer. jeu. ven. sam. dim."
        ),
        "rules.heading": _texts(en="Rules in force on {day}", fr="Règles en vigueur le {day}"),
        "rules.since": _texts(en="since", fr="depuis"),
        "rules.title": _texts(en="title", fr="titre"),
        "logs.reading": _texts(
            en="reading and auditing the logs…", fr="lecture et audit des journaux…"
        ),
        "logs.writing": _texts(en="writing the table…", fr="écriture de la table…"),
        "logs.checking": _texts(en="checking the tables…", fr="vérification des tables…"),
        "logs.judging": _texts(en="judging {rules}…", fr="jugement : {rules}…"),
        "logs.not_run": _texts(
            en="{rule} not run: missing {tables}", fr="{rule} non jugée : il manque {tables}"
        ),
        "logs.summary": _texts(
            en="{rows} verdicts as of {as_of:when} in {seconds} s, by rule and status:",
            fr="{rows} verdicts au {as_of:when} en {seconds} s, par règle et statut :",
        ),
        # Errors: one line, English then French.
        "error.year": _texts(
            en="expected a year such as 2026, got {shown}",
            fr="attendu une année comme 2026, reçu {shown}",
        ),
        "error.instant": _texts(
            en="expected an instant with a UTC offset such as 2025-09-01T12:00:00-04:00, in "
            "the years {first}-{last}, got {shown}",
            fr="attendu un instant avec décalage UTC, des années {first} à {last}, reçu {shown}",
        ),
        "error.date": _texts(
            en="expected a date such as 2025-09-01, in the years {first}-{last}, got {shown}",
            fr="attendu une date comme 2025-09-01, des années {first} à {last}, reçu {shown}",
        ),
        "error.reading": _texts(
            en="expected a reading id ({ids}), got {shown}",
            fr="attendu un id de lecture, reçu {shown}",
        ),
        "error.port": _texts(
            en="expected a port from 0 to 65535, got {shown}",
            fr="attendu un port de 0 à 65535, reçu {shown}",
        ),
        "error.workers": _texts(
            en="expected 1 to 64 workers, got {shown}", fr="attendu de 1 à 64, reçu {shown}"
        ),
        "error.option": _texts(
            en="--{option} applies to --calendar {names} only",
            fr="--{option} ne s'applique qu'à --calendar {names}",
        ),
        "error.no_stdin": _texts(en="no standard input", fr="aucune entrée standard"),
        "error.command_taken": _texts(
            en="two commands are named {name} (a pack's command takes the name of another)",
            fr="deux commandes s'appellent {name} (la commande d'un territoire prend le nom "
            "d'une autre)",
        ),
        "error.unreadable": _texts(en="cannot read the file ({reason})", fr="lecture impossible"),
        "error.unwritable": _texts(en="cannot write the file ({reason})", fr="écriture impossible"),
        "error.picture": _texts(
            en="cannot write the picture ({reason}: {error})", fr="écriture de l'image impossible"
        ),
        "error.table": _texts(
            en="cannot write the table ({reason})", fr="écriture de la table impossible"
        ),
        "error.output": _texts(en="cannot write the output ({reason})", fr="écriture impossible"),
        "error.internal": _texts(
            en="internal error ({name}); please report it with the command and its input",
            fr="erreur interne ({name}) ; merci de la signaler avec la commande et son entrée",
        ),
        "error.sensitivity": _texts(
            en="--sensitivity prints text or json, without --plot",
            fr="--sensitivity s'affiche en text ou json, sans --plot",
        ),
        "error.no_timeline": _texts(
            en="--plot draws no timeline of a {kind} subject",
            fr="--plot ne dessine pas de frise d'un sujet {kind}",
        ),
        "error.needs_out": _texts(
            en="--format {format} needs --out FILE", fr="--format {format} demande --out"
        ),
        "error.jobs": _texts(en="--jobs takes 1 or more", fr="--jobs vaut au moins 1"),
        "error.logs_tables": _texts(
            en="give at least one table among {options}",
            fr="donner au moins une table parmi {options}",
        ),
        "error.logs_out": _texts(
            en="--out ends with .parquet or .csv", fr="--out se termine par .parquet ou .csv"
        ),
        "error.decision_log": _texts(
            en="cannot write the decision log {path} ({reason})",
            fr="impossible d'écrire le journal des décisions",
        ),
    },
    fallback=ENGINE_MESSAGES,  # the words every catalogue shares (a list's separator)
)
