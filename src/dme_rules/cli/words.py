"""The command line's own words: every help text and output word, in French and English.

One catalogue, :data:`WORDS`, by code: ``help.<command>`` and ``help.<command>.<option>`` for
the help, ``<command>.<word>`` for what a command prints, ``error.<reason>`` for the errors
(written in both languages on one line, French first); it falls back on the engine's
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
        "help.epilog": _texts(
            en="Each command's help: dme-rules COMMAND --help. Reports and messages are in "
            "French, or in English with --lang en after the command (dme-rules check --lang "
            "en CASE.json); the help is in English with --lang en too, or a LANG that starts "
            "with en.",
            fr="L'aide de chaque commande : dme-rules COMMANDE --help. Les rapports et les "
            "messages sont en français, ou en anglais avec --lang en après la commande "
            "(dme-rules check --lang en DOSSIER.json) ; l'aide est en anglais avec --lang en "
            "aussi, ou une variable LANG qui commence par en.",
        ),
        "help.usage": _texts(en="usage: ", fr="utilisation : "),
        "help.positional": _texts(en="positional arguments", fr="arguments positionnels"),
        "help.options": _texts(en="options", fr="options"),
        "help.commands": _texts(en="commands", fr="commandes"),
        # A section's heading, before the colon argparse writes after it.
        "help.section": _texts(en="{heading}", fr="{heading}\u00a0"),
        "help.help": _texts(en="show this help and exit", fr="afficher cette aide et quitter"),
        "help.version": _texts(en="show the version and exit", fr="afficher la version et quitter"),
        "help.format": _texts(en="the output's format", fr="le format de la sortie"),
        "help.lang": _texts(
            en="the language of what is shown (default fr)",
            fr="la langue de ce qui s'affiche (par défaut fr)",
        ),
        "help.reading": _texts(
            en="an alternative reading of an ambiguous phrase (repeatable; see the readings "
            "catalogue: {examples})",
            fr="une autre lecture d'une formule ambiguë (répétable ; voir le catalogue des "
            "lectures : {examples})",
        ),
        "help.jurisdiction": _texts(
            en="the jurisdiction: {choices}; default {default}",
            fr="la juridiction : {choices} ; par défaut {default}",
        ),
        # What the help shows in place of a value (metavars).
        "help.metavar.moment": _texts(en="DATE|INSTANT", fr="DATE|INSTANT"),
        "help.metavar.date": _texts(en="DATE", fr="DATE"),
        "help.metavar.origin": _texts(en="ORIGIN", fr="ORIGINE"),
        "help.metavar.command": _texts(en="COMMAND", fr="COMMANDE"),
        "help.metavar.year": _texts(en="YEAR", fr="ANNÉE"),
        "help.metavar.case": _texts(en="CASE.json", fr="DOSSIER.json"),
        "help.metavar.picture": _texts(en="FILE.png", fr="FICHIER.png"),
        "help.metavar.path": _texts(en="PATH", fr="CHEMIN"),
        "help.metavar.file": _texts(en="FILE", fr="FICHIER"),
        "help.metavar.count": _texts(en="N", fr="N"),
        "help.metavar.name": _texts(en="NAME", fr="NOM"),
        "help.metavar.engine": _texts(en="ENGINE", fr="MOTEUR"),
        "help.metavar.host": _texts(en="ADDRESS", fr="ADRESSE"),
        "help.metavar.port": _texts(en="PORT", fr="PORT"),
        "help.metavar.document": _texts(en="{name}.json", fr="{name}.json"),
        # calendar
        "help.calendar": _texts(
            en="list a year's holidays in a business calendar",
            fr="les jours fériés d'une année dans un calendrier",
        ),
        "help.calendar.description": _texts(
            en="List the holidays of YEAR ({first}-{last}) in French and English.",
            fr="Les jours fériés de l'ANNÉE ({first}-{last}), en français et en anglais.",
        ),
        "help.calendar.year": _texts(
            en="the year, {first} to {last}", fr="l'année, de {first} à {last}"
        ),
        # check
        "help.check": _texts(
            en="evaluate a case file against every rule",
            fr="évaluer un dossier selon chaque règle",
        ),
        "help.check.description": _texts(
            en="Evaluate the document CASE.json against every rule of its jurisdiction, as it "
            'stood at --as-of (its "subject" key names its kind: {kinds}; {default} without '
            "one).",
            fr="Évaluer le document DOSSIER.json selon chaque règle de sa juridiction, tel qu'il "
            'était à --as-of (sa clé "subject" en nomme le type : {kinds} ; {default} sans '
            "elle).",
        ),
        "help.check.case": _texts(
            en="the document to judge (JSON), or - for standard input",
            fr="le document à juger (JSON), ou - pour l'entrée standard",
        ),
        "help.check.as_of": _texts(
            en="the instant to evaluate at, with its UTC offset, or a date YYYY-MM-DD (the end "
            "of that day in the document's time zone); default: now (the output says so)",
            fr="l'instant de l'évaluation, avec son décalage UTC, ou une date AAAA-MM-JJ (la fin "
            "de ce jour dans le fuseau horaire du document) ; par défaut : maintenant (la sortie "
            "le dit)",
        ),
        "help.check.plot": _texts(
            en="also draw the case's timeline into FILE.png (or .svg, .pdf)",
            fr="dessiner aussi la frise du dossier dans FICHIER.png (ou .svg, .pdf)",
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
            en="The catalogue of rules with a version in force on a date: every "
            "jurisdiction's, or one's.",
            fr="Le catalogue des règles dont une version est en vigueur à une date : celles de "
            "chaque juridiction, ou d'une seule.",
        ),
        "help.rules.as_of": _texts(
            en="the date YYYY-MM-DD (default: today)",
            fr="la date AAAA-MM-JJ (par défaut : aujourd'hui)",
        ),
        "help.rules.jurisdiction": _texts(
            en="only the rules of this jurisdiction: {choices} (default: every jurisdiction)",
            fr="seulement les règles de cette juridiction : {choices} (par défaut : toutes les "
            "juridictions)",
        ),
        # audit
        "help.audit": _texts(
            en="evaluate many cases into one table (CSV, JSON Lines, Excel, Parquet, HTML)",
            fr="évaluer de nombreux dossiers en une table (CSV, JSON Lines, Excel, Parquet, HTML)",
        ),
        "help.audit.description": _texts(
            en="Evaluate many documents into one table, one row per finding: JSON files, "
            "folders (every .json file under them), JSON Lines files (one document a line) "
            "or - (JSON Lines on standard input).",
            fr="Évaluer de nombreux documents en une table, une ligne par constat : des "
            "fichiers JSON, des répertoires (chaque fichier .json qu'ils contiennent), des "
            "fichiers JSON Lines (un document par ligne) ou - (JSON Lines sur l'entrée "
            "standard).",
        ),
        "help.audit.paths": _texts(
            en="a JSON file, a folder, a JSON Lines file (.jsonl) or -",
            fr="un fichier JSON, un répertoire, un fichier JSON Lines (.jsonl) ou -",
        ),
        "help.audit.as_of": _texts(
            en="the instant to evaluate at, with its UTC offset, or a date YYYY-MM-DD (the "
            "end of that day in each document's time zone); default: now",
            fr="l'instant de l'évaluation, avec son décalage UTC, ou une date AAAA-MM-JJ (la "
            "fin de ce jour dans le fuseau horaire de chaque document) ; par défaut : "
            "maintenant",
        ),
        "help.audit.out": _texts(
            en="the file to write (default: CSV on stdout)",
            fr="le fichier à écrire (par défaut : CSV sur la sortie standard)",
        ),
        "help.audit.format": _texts(
            en="default: the --out file's extension, else csv",
            fr="par défaut : l'extension du fichier --out, sinon csv",
        ),
        "help.audit.excel": _texts(
            en="CSV for a spreadsheet set to French conventions: UTF-8 with a byte order mark, "
            "';' between cells, a decimal comma",
            fr="CSV pour un tableur aux conventions françaises : UTF-8 avec indicateur d'ordre "
            "des octets, « ; » entre les cellules, virgule décimale",
        ),
        "help.audit.jobs": _texts(
            en="worker processes (default 1)", fr="processus de travail (par défaut 1)"
        ),
        "help.audit.quiet": _texts(
            en="no progress bar (the summary is still written)",
            fr="sans barre de progression (le résumé s'écrit quand même)",
        ),
        # test
        "help.test": _texts(
            en="run declarative test files (YAML)",
            fr="exécuter des fichiers de tests déclaratifs (YAML)",
        ),
        "help.test.description": _texts(
            en="Run every test of the YAML test files named: each subject judged at its as_of "
            "and compared with what the test expects. Needs pip install "
            "'dme-rules[test-files]'.",
            fr="Exécuter chaque test des fichiers de tests YAML donnés : chaque sujet évalué à "
            "son as_of et comparé à ce que le test attend. Demande pip install "
            "'dme-rules[test-files]'.",
        ),
        "help.test.paths": _texts(
            en="test files (*.yaml, *.yml) or folders of them (searched to any depth)",
            fr="des fichiers de tests (*.yaml, *.yml) ou des dossiers qui en contiennent "
            "(à toute profondeur)",
        ),
        # schema
        "help.schema": _texts(
            en="print a JSON Schema: {names}", fr="afficher un schéma JSON : {names}"
        ),
        "help.schema.description": _texts(
            en="Print the JSON Schema (draft 2020-12) of the documents called NAME (a kind of "
            "subject, or a report), to validate documents before sending them.",
            fr="Afficher le schéma JSON (draft 2020-12) des documents appelés NOM (un type de "
            "sujet, ou un rapport), pour valider des documents avant de les envoyer.",
        ),
        "help.schema.name": _texts(en="{names} or {last}", fr="{names} ou {last}"),
        # serve
        "help.serve": _texts(
            en="serve the rules over HTTP (JSON, FHIR, OpenAPI)",
            fr="servir les règles par HTTP (JSON, FHIR, OpenAPI)",
        ),
        "help.serve.description": _texts(
            en="Serve the decision service over HTTP (evaluations, rules, deadlines, calendars, "
            "schemas, OpenAPI) on uvicorn until interrupted (pip install 'dme-rules[server]').",
            fr="Servir le service de décision par HTTP (évaluations, règles, échéances, "
            "calendriers, schémas, OpenAPI) sur uvicorn jusqu'à interruption "
            "(pip install 'dme-rules[server]').",
        ),
        "help.serve.host": _texts(
            en="the address to listen on (default 127.0.0.1)",
            fr="l'adresse d'écoute (par défaut 127.0.0.1)",
        ),
        "help.serve.port": _texts(en="the port (default 8000)", fr="le port (par défaut 8000)"),
        "help.serve.workers": _texts(
            en="worker processes (default 1)", fr="processus de travail (par défaut 1)"
        ),
        "help.serve.decision_log": _texts(
            en="append one JSON line per decision to FILE (no case content)",
            fr="ajouter une ligne JSON par décision à FICHIER (sans le contenu des dossiers)",
        ),
        "help.serve.access_log": _texts(
            en="write one JSON line per request on standard output (request id, method, path, "
            "status, duration)",
            fr="écrire une ligne JSON par requête sur la sortie standard (id de requête, "
            "méthode, chemin, statut, durée)",
        ),
        "help.serve.cors_origin": _texts(
            en="answer CORS requests from ORIGIN (repeatable; none by default)",
            fr="répondre aux requêtes CORS de ORIGINE (répétable ; aucune par défaut)",
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
        "help.subject.document": _texts(
            en="the document to judge (JSON), or - for standard input",
            fr="le document à juger (JSON), ou - pour l'entrée standard",
        ),
        # argparse's own errors, as it writes them in English, and in French.
        "argparse.required": _texts(
            en="the following arguments are required: {0}",
            fr="ces arguments sont obligatoires : {0}",
        ),
        "argparse.choice": _texts(
            en="argument {0}: invalid choice: {1} (choose from {2})",
            fr="argument {0} : choix invalide : {1} (choisir parmi {2})",
        ),
        "argparse.unrecognized": _texts(
            en="unrecognized arguments: {0}", fr="arguments inconnus : {0}"
        ),
        "argparse.one_value": _texts(
            en="argument {0}: expected one argument", fr="argument {0} : une valeur attendue"
        ),
        "argparse.type": _texts(
            en="argument {0}: invalid {1} value: {2}",
            fr="argument {0} : valeur invalide : {2} (type {1})",
        ),
        "argparse.refused": _texts(en="argument {0}: {1}", fr="argument {0} : {1}"),
        "argparse.ambiguous": _texts(
            en="ambiguous option: {0} could match {1}",
            fr="option ambiguë : {0} pourrait désigner {1}",
        ),
        # What the commands print.
        "check.now": _texts(en=" (now: no --as-of)", fr=" (maintenant : aucun --as-of)"),
        "check.explanations": _texts(
            en="How each due date was computed:", fr="Comment chaque échéance a été calculée :"
        ),
        "test.failed": _texts(en="FAILED: {name} ({where})", fr="ÉCHEC : {name} ({where})"),
        "test.mismatch": _texts(
            en="  {key}: expected {expected}, got {got}",
            fr="  {key} : attendu {expected}, obtenu {got}",
        ),
        # Counted words: one form per plural category of the language (CLDR's), ``other``
        # for the categories not listed.
        "test.tests.one": _texts(en="{count} test", fr="{count} test"),
        "test.tests.other": _texts(en="{count} tests", fr="{count} tests"),
        "test.passed.one": _texts(en="{count} passed", fr="{count} réussi"),
        "test.passed.other": _texts(en="{count} passed", fr="{count} réussis"),
        "test.failures.one": _texts(en="{count} failed", fr="{count} échoué"),
        "test.failures.other": _texts(en="{count} failed", fr="{count} échoués"),
        "test.errors.one": _texts(en="{count} error", fr="{count} erreur"),
        "test.errors.other": _texts(en="{count} errors", fr="{count} erreurs"),
        "test.findings.one": _texts(en="{count} finding", fr="{count} constat"),
        "test.findings.other": _texts(en="{count} findings", fr="{count} constats"),
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
        # Errors: one line, French then English.
        "error.year": _texts(
            en="expected a year such as 2026, got {shown}",
            fr="attendu une année comme 2026, reçu {shown}",
        ),
        "error.instant": _texts(
            en="expected an instant with a UTC offset such as 2025-09-01T12:00:00-04:00, in "
            "the years {first}-{last}, got {shown}",
            fr="attendu un instant avec décalage UTC, des années {first} à {last}, reçu {shown}",
        ),
        "error.as_of_date": _texts(
            en="expected a date from {first}-01-01 to {last} (its end, 24:00, within the "
            "supported years), got {shown}",
            fr="attendu une date du {first}-01-01 au {last} (sa fin, 24 h, dans les années prises "
            "en charge), reçu {shown}",
        ),
        "error.date": _texts(
            en="expected a date such as 2025-09-01, in the years {first}-{last}, got {shown}",
            fr="attendu une date comme 2025-09-01, des années {first} à {last}, reçu {shown}",
        ),
        "error.reading": _texts(
            en="expected a reading id ({ids}), got {shown}",
            fr="attendu un id de lecture ({ids}), reçu {shown}",
        ),
        "error.port": _texts(
            en="expected a port from 0 to 65535, got {shown}",
            fr="attendu un port de 0 à 65535, reçu {shown}",
        ),
        "error.workers": _texts(
            en="expected 1 to 64 workers, got {shown}",
            fr="attendu de 1 à 64 processus, reçu {shown}",
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
        "error.more": _texts(en="and {more:count:error.other}", fr="et {more:count:error.other}"),
        "error.other.one": _texts(en="more error", fr="autre erreur"),
        "error.other.other": _texts(en="more errors", fr="autres erreurs"),
        "error.calendar_extra": _texts(
            en="--format ics needs the calendar extra: pip install 'dme-rules[calendar]'",
            fr="--format ics a besoin de l'extra calendar : pip install 'dme-rules[calendar]'",
        ),
        "error.unreadable": _texts(
            en="cannot read the file ({reason})", fr="lecture du fichier impossible ({reason})"
        ),
        "error.unwritable": _texts(
            en="cannot write the file ({reason})", fr="écriture du fichier impossible ({reason})"
        ),
        "error.picture": _texts(
            en="cannot write the picture ({reason}: {error})",
            fr="écriture de l'image impossible ({reason} : {error})",
        ),
        "error.table": _texts(
            en="cannot write the table ({reason})", fr="écriture de la table impossible ({reason})"
        ),
        "error.output": _texts(
            en="cannot write the output ({reason})",
            fr="écriture de la sortie impossible ({reason})",
        ),
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
            en="--format {format} needs --out FILE",
            fr="--format {format} demande --out FICHIER",
        ),
        "error.jobs": _texts(
            en="expected a whole number of processes, 1 or more, got {shown}",
            fr="attendu un nombre entier de processus, 1 ou plus, reçu {shown}",
        ),
        "error.out_is_input": _texts(
            en="the output “{out}” is also an input (“{path}”): writing it would destroy it",
            fr="la sortie « {out} » est aussi une entrée (« {path} ») : l'écrire la détruirait",
        ),
        "error.excel_csv": _texts(
            en="--excel writes CSV, not {format}", fr="--excel écrit du CSV, pas {format}"
        ),
        "error.logs_tables": _texts(
            en="give at least one table among {options}",
            fr="donner au moins une table parmi {options}",
        ),
        "error.logs_out": _texts(
            en="--out ends with .parquet or .csv", fr="--out se termine par .parquet ou .csv"
        ),
        "error.decision_log": _texts(
            en="cannot write the decision log {path} ({reason})",
            fr="impossible d'écrire le journal des décisions {path} ({reason})",
        ),
        "error.listen": _texts(
            en="cannot listen on {address} ({reason:message})",
            fr="impossible d'écouter sur {address} ({reason:message})",
        ),
        "error.listen.in_use": _texts(
            en="the address is already in use: another server runs there; give another --port",
            fr="l'adresse est déjà utilisée : un autre serveur y tourne ; donner un autre --port",
        ),
        "error.listen.denied": _texts(
            en="permission denied: a port below 1024 needs the administrator's rights",
            fr="permission refusée : un port sous 1024 demande les droits d'administrateur",
        ),
        "error.listen.unknown_host": _texts(
            en="unknown host: give an address of this machine, such as 127.0.0.1 or 0.0.0.0",
            fr="hôte inconnu : donner une adresse de cette machine, comme 127.0.0.1 ou 0.0.0.0",
        ),
        "error.listen.not_here": _texts(
            en="the address is not one of this machine's",
            fr="l'adresse n'est pas une adresse de cette machine",
        ),
        "error.listen.other": _texts(
            en="the system refuses it, its error number in brackets",
            fr="le système la refuse, son numéro d'erreur entre crochets",
        ),
        "error.serve_start": _texts(
            en="the service could not start on {address} (see the line above)",
            fr="le service n'a pas pu démarrer sur {address} (voir la ligne ci-dessus)",
        ),
        # Test files (``dme-rules test``): the file and line come first.
        "error.test_extra": _texts(
            en="reading test files needs {module}: pip install 'dme-rules[{extra}]'",
            fr="la lecture des fichiers de tests demande {module} : pip install "
            "'dme-rules[{extra}]'",
        ),
        "error.test_yaml": _texts(en="expected YAML ({problem})", fr="attendu du YAML ({problem})"),
        "error.test_list": _texts(
            en="expected a list of tests, each a mapping with name, as_of, input or input_file, "
            "and expect",
            fr="attendu une liste de tests, chacun un dictionnaire avec name, as_of, input ou "
            "input_file, et expect",
        ),
        "error.test_mapping": _texts(
            en="{field}: expected a mapping of the keys {keys}",
            fr="{field} : attendu un dictionnaire des clés {keys}",
        ),
        "error.test_key": _texts(
            en="{key}: expected one of the keys of {field} ({keys}); this key is unknown",
            fr="{key} : attendu une des clés de {field} ({keys}) ; cette clé est inconnue",
        ),
        "error.test_twice": _texts(
            en="{key}: expected each key once; this one is given twice",
            fr="{key} : attendu chaque clé une seule fois ; celle-ci est donnée deux fois",
        ),
        "error.test_missing": _texts(en="expected the key {key}", fr="attendu la clé {key}"),
        "error.test_input": _texts(
            en="expected input or input_file (one of them)",
            fr="attendu input ou input_file (l'un des deux)",
        ),
        "error.test_input_mapping": _texts(
            en="input: expected a mapping, the subject's JSON form",
            fr="input : attendu un dictionnaire, la forme JSON du sujet",
        ),
        "error.test_value": _texts(
            en="{key}: expected a text, got {shown}", fr="{key} : attendu un texte, reçu {shown}"
        ),
        "error.test_text": _texts(
            en="expected a text, got {shown}", fr="attendu un texte, reçu {shown}"
        ),
        "error.test_readings": _texts(
            en="readings: expected a list of reading ids",
            fr="readings : attendu une liste d'ids de lecture",
        ),
        "error.test_expect": _texts(
            en="expect: expected status or findings", fr="expect : attendu status ou findings"
        ),
        "error.test_status": _texts(
            en="status: expected one of {ids}, got {shown}",
            fr="status : attendu un de {ids}, reçu {shown}",
        ),
        "error.test_deep": _texts(
            en="expected YAML nested less deeply", fr="attendu du YAML moins profondément imbriqué"
        ),
        "error.test_size": _texts(
            en="expected at most {limit} values, aliases expanded",
            fr="attendu au plus {limit} valeurs, alias développés",
        ),
        "error.audit_empty": _texts(
            en="{folder}: expected a folder holding *.json files; found none",
            fr="{folder} : attendu un dossier de fichiers *.json ; aucun trouvé",
        ),
        "error.test_none": _texts(
            en="expected a folder holding *.yaml or *.yml test files; found none",
            fr="attendu un dossier de fichiers de tests *.yaml ou *.yml ; aucun trouvé",
        ),
        "error.test_no_path": _texts(
            en="no such file or folder", fr="fichier ou dossier introuvable"
        ),
    },
    fallback=ENGINE_MESSAGES,  # the words every catalogue shares (a list's separator)
)
