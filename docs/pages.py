"""The documentation's generated pages, in French and in English, from the registries.

Each page is Markdown written from ``dme_rules.JURISDICTIONS`` when the docs are built, in
the build's language, so that neither language can drift from the code:

- the rule catalogue (``reference/catalogue``) and one page per rule
  (``reference/rules/<rule id>``);
- the readings (``explanation/readings``), with the sensitivity of the example cases;
- the calendars (``reference/calendars``), with each calendar's holidays of one year.

:data:`PAGES` maps each generated page's document name to the function that writes it in a
language. The build hands Sphinx that text in place of the page's file (``conf.py``); the
files themselves are placeholders, except ``explanation/readings.md``, committed in English
so that it reads without a build.

A text in the other language (a rule's other title, a reading's other summary) is marked as
being in that language (MyST attributes: ``[text]{.language-en}``, or ``{.language-en}`` on
the line before a paragraph): the HTML says so (``lang="en"``), its quotes are its own and
the French typography of ``conf.py`` leaves English alone. The committed readings page is
written without the marks, which a forge would show as they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import attrs

import dme_rules
from dme_rules.engine.jurisdiction import jurisdiction_of
from dme_rules.engine.presentation import party_text

HERE = Path(__file__).parent

#: The year whose holidays the calendars page lists.
CALENDAR_YEAR = 2026

#: Each example case and the instant its verdict is shown at (the tests check that these
#: are the instants of tests/test_examples.py).
EXAMPLE_AS_OF = {
    "spec-example": "2025-09-01T12:00:00-04:00",
    "same-solution-on-time": "2025-07-02T12:00:00-04:00",
    "request-2022-first-versions": "2022-08-15T12:00:00-04:00",
    "late-clinic-validation": "2025-10-01T12:00:00-04:00",
    "migration-in-progress": "2025-11-10T12:00:00-05:00",
    "fees-over-caps": "2024-08-01T12:00:00-04:00",
    "minimal-new-request": "2025-09-20T12:00:00-04:00",
    "non-standard-scope": "2025-01-15T12:00:00-05:00",
    "complaints-answered": "2025-06-03T12:00:00-04:00",
}

#: The pages' own words, in French and in English.
WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "catalogue": "Catalogue des règles",
        "catalogue.intro": "Produit du registre de chaque territoire à la construction de la "
        "documentation.",
        "module": "module",
        "also": "aussi exportée sous le nom",
        "first_edition": "le nom de la première édition",
        "subject": "sujet",
        "binds": "oblige",
        "versions": "Versions",
        "version": "Version",
        "table": "| version | en vigueur | paramètres | lectures par défaut (autres permises) "
        "| méthodes datées |",
        "effective": "Dates d'effet",
        "calendars": "Calendriers",
        "calendars.intro": "Les calendriers de jours ouvrables de chaque territoire et leurs "
        "jours fériés de {year}, produits du registre à la construction de la documentation. "
        "Les lois sur lesquelles ils reposent sont expliquées dans "
        "{{doc}}`../explanation/calendars`.",
        "calendar.id": "identifiant",
        "calendar.holidays": "Jours fériés de {year}",
        "calendar.table": "| date | jour férié |",
        "default": " (par défaut)",
        "a_default": " (une lecture par défaut)",
        "basis": "Fondement",
        "allowed_by": "Permise par",
        "examples": "Les dossiers d'exemple sous chaque lecture",
        "examples.intro": "Chaque dossier d'exemple de `examples/cases/`, évalué à l'instant "
        "où les tests vérifient son verdict, puis sous chaque autre lecture prise seule. Un "
        "constat est *robuste* quand toutes les lectures que sa règle permet lui donnent le "
        "même statut; le tableau énumère les autres.",
        "examples.table": "| dossier | évalué au | constats robustes "
        "| constats qu'une autre lecture change |",
        "of": "sur",
        "colon": " :",
    },
    "en": {
        "catalogue": "Rule catalogue",
        "catalogue.intro": "Generated from each jurisdiction's registry when the docs are built.",
        "module": "module",
        "also": "also exported as",
        "first_edition": "the first edition's name",
        "subject": "subject",
        "binds": "binds",
        "versions": "Versions",
        "version": "Version",
        "table": "| version | in force | parameters | readings (alternatives) | dated methods |",
        "effective": "Effective dates",
        "calendars": "Calendars",
        "calendars.intro": "Each jurisdiction's business-day calendars and their holidays of "
        "{year}, generated from the registry when the docs are built. The laws they rest on "
        "are explained in {{doc}}`../explanation/calendars`.",
        "calendar.id": "id",
        "calendar.holidays": "Holidays of {year}",
        "calendar.table": "| date | holiday |",
        "default": " (default)",
        "a_default": " (a default)",
        "basis": "Basis",
        "allowed_by": "Allowed by",
        "examples": "The example cases under every reading",
        "examples.intro": "Each example case of `examples/cases/`, evaluated at the instant "
        "its tested verdict is shown at, then under each alternative reading alone. A "
        "finding is *robust* when every reading its rule allows gives it the same status; "
        "the table lists the others.",
        "examples.table": "| case | as of | robust findings | findings another reading turns |",
        "of": "of",
        "colon": ":",
    },
}

READINGS_INTRO = {
    "fr": """\
# Lectures : chaque formule ambiguë, nommée

Les sources disent « 21 jours », « 72 heures ouvrables » ou « trois mois » sans dire comment
compter, et laissent ouvertes les conséquences de certains faits. Partout où la façon de lire
une formule change un verdict, la bibliothèque nomme chaque lecture, en applique une par
défaut et laisse l'appelant en choisir une autre; chaque constat énumère les lectures qu'il a
suivies (`readings` dans son JSON). Cette page est produite du catalogue
(`dme_rules.READINGS`) à la construction de la documentation.

Choisissez une autre lecture avec `evaluate(case, as_of, readings=["civil-procedure"])`
(identifiants ou valeurs, au plus une par question) ou
`dme-rules check CASE --reading civil-procedure` (option répétable). Une règle dont la
version ne permet pas une lecture l'ignore et l'inscrit dans `details["readings_ignored"]` de
son constat. `sensitivity(case, as_of)` (`check --sensitivity`) évalue le dossier sous chaque
autre lecture prise seule et dit quels constats elle changerait; la dernière section le
montre pour les dossiers d'exemple.
""",
    "en": """\
# Readings: every ambiguous phrase, named

The sources say « 21 jours », « 72 heures ouvrables » or « trois mois » without saying how to
count, and leave some facts' consequences open. Wherever the way of reading a phrase changes
a verdict, the library names each reading, applies a default and lets the caller choose an
alternative, and every finding lists the readings it used (`readings` in its JSON). This page
is generated from the catalogue (`dme_rules.READINGS`) when the docs are built.

Choose an alternative with `evaluate(case, as_of, readings=["civil-procedure"])` (ids or
values, at most one per topic) or `dme-rules check CASE --reading civil-procedure`
(repeatable). A rule whose version does not allow a reading ignores it and records it in its
finding's `details["readings_ignored"]`. `sensitivity(case, as_of)` (`check --sensitivity`)
evaluates the case under each alternative alone and says which findings it would turn; the
last section shows it for the example cases.
""",
}


def _rules() -> list[dme_rules.Rule]:
    return [rule for pack in dme_rules.JURISDICTIONS.values() for rule in pack.rules.values()]


def _in(lang: str, french: str, english: str) -> str:
    """The text of a pair in ``lang``."""
    return french if lang == "fr" else english


def _other(lang: str) -> str:
    """The other language of a page in ``lang``."""
    return "en" if lang == "fr" else "fr"


def _in_language(lang: str, markdown: str) -> str:
    """Inline ``markdown`` marked as being in ``lang``."""
    return f"[{markdown}]{{.language-{lang}}}"


#: The first edition's names of rules whose constant now follows their module's name.
FIRST_EDITION_NAMES = {
    rule.id: name
    for name in dme_rules.__all__
    if isinstance(rule := getattr(dme_rules, name), dme_rules.Rule) and name != rule.name
}


def _version_table(rule: dme_rules.Rule, lang: str) -> list[str]:
    lines = [WORDS[lang]["table"], "|---|---|---|---|---|"]
    for version in rule.versions:
        until = version.effective_to.isoformat() if version.effective_to else "…"
        parameters = ", ".join(
            f"{key} = {value}"
            for key, value in attrs.asdict(version.parameters, recurse=False).items()
            if not key.startswith("_") and value is not None
        )
        readings = ", ".join(f"`{r.id}`" for r in version.readings)
        if version.alternatives:
            readings += " (" + ", ".join(f"`{r.id}`" for r in version.alternatives) + ")"
        dated = ", ".join(f"`{name}`" for name in rule.dated_pieces(version).values())
        lines.append(
            f"| {version.version} | {version.effective_from} – {until} | "
            f"{parameters or '—'} | {readings or '—'} | {dated} |"
        )
    return lines


def rule_page(rule: dme_rules.Rule, lang: str) -> str:
    """A rule's page: its titles, id, module, subject and party, its versions with their
    dates, parameters and readings, each version's summary and quoted sources."""
    words = WORDS[lang]
    pack = jurisdiction_of(rule.id)  # the pages are of registered rules
    also = FIRST_EDITION_NAMES.get(rule.id)
    code = str(rule.obligated_party)
    other_title = _in_language(_other(lang), f"*{rule.title(_other(lang))}*")
    lines = [
        f"# `{rule.name}`",
        "",
        f"**{rule.title(lang)}** — {other_title}",
        "",
        f"- id{words['colon']} `{rule.id}`",
        f"- {words['module']}{words['colon']} "
        f"`dme_rules.jurisdictions.{pack.id}.rules.{rule.name.lower()}`",
        *(
            [f"- {words['also']}{words['colon']} `{also}` ({words['first_edition']})"]
            if also
            else []
        ),
        f"- {words['subject']}{words['colon']} `{rule.subject.kind}`",
        f"- {words['binds']}{words['colon']} {party_text(code, lang, pack.messages)} (`{code}`)",
        "",
        f"## {words['versions']}",
        "",
        *_version_table(rule, lang),
        "",
    ]
    for version in rule.versions:
        summary = _in(lang, version.summary_fr, version.summary_en)
        basis = _in(lang, version.effective_basis_fr, version.effective_basis)
        lines += [f"### {words['version']} {version.version}", "", summary, ""]
        lines += [f"*{words['effective']}*{words['colon']} {basis}", ""]
        for citation in version.citations:
            lines += [
                f"> {citation.quote_fr}",
                ">",
                f"> — {citation.document.title}, {citation.document.issuer}, "
                f"{citation.date}, {citation.section}",
                "",
            ]
    return "\n".join(lines)


def catalogue_page(lang: str) -> str:
    """The catalogue's index: a table of contents of every rule's page."""
    words = WORDS[lang]
    toctree = ["```{toctree}", ":maxdepth: 1", "", *(f"rules/{r.id}" for r in _rules()), "```"]
    return "\n".join([f"# {words['catalogue']}", "", words["catalogue.intro"], "", *toctree, ""])


def _allowed_by(reading: dme_rules.Reading, lang: str) -> str:
    versions = [
        f"`{rule.name}` v{version.version}"
        + (WORDS[lang]["default"] if reading in version.readings else "")
        for rule in _rules()
        for version in rule.versions
        if reading in version.allowed
    ]
    return ", ".join(versions)


def readings_page(lang: str = "en", *, marked: bool = True) -> str:
    """The readings page: each topic, its phrase, its default with the argument for it, its
    alternatives, the rules that allow them; then the example cases' sensitivity. Each
    reading's summary in the other language is marked as being in it, unless not ``marked``
    (the committed page)."""
    words = WORDS[lang]
    lines = [READINGS_INTRO[lang]]
    topics: dict[str, list[dme_rules.Reading]] = {}
    for reading in dme_rules.READINGS.values():
        topics.setdefault(reading.topic, []).append(reading)
    for topic, readings in topics.items():
        lines += [f"## `{topic}`", "", f"> {readings[0].phrase}", ""]
        for reading in readings:
            default = any(
                reading in version.readings for rule in _rules() for version in rule.versions
            )
            summary = _in(lang, reading.summary_fr, reading.summary_en)
            other = _in(lang, reading.summary_en, reading.summary_fr)
            lines += [
                f"**`{reading.id}`**{words['a_default'] if default else ''} — {summary}",
                "",
                *([f"{{.language-{_other(lang)}}}"] if marked else []),
                f"*{other}*",
                "",
                f"{words['basis']}{words['colon']} {_in(lang, reading.basis_fr, reading.basis)}",
                "",
                f"{words['allowed_by']}{words['colon']} {_allowed_by(reading, lang)}.",
                "",
            ]
    lines += [f"## {words['examples']}", "", words["examples.intro"], ""]
    lines += [words["examples.table"], "|---|---|---|---|"]
    for name, as_of in EXAMPLE_AS_OF.items():
        path = HERE.parent / "examples" / "cases" / f"{name}.json"
        case = dme_rules.MigrationCase.from_dict(json.loads(path.read_text(encoding="utf-8")))
        found = dme_rules.sensitivity(case, datetime.fromisoformat(as_of))
        turned = [
            f"{entry.finding.rule_id.rsplit('.', 1)[-1]} {entry.finding.status.value}: "
            + ", ".join(
                f"`{reading.id}` → {other.status.value}"
                for reading, other in entry.alternatives
                if other.status is not entry.finding.status
            )
            for entry in found.findings
            if not entry.robust
        ]
        robust = sum(entry.robust for entry in found.findings)
        lines.append(
            f"| `{name}` | {as_of[:10]} | {robust} {words['of']} {len(found.findings)} | "
            f"{'; '.join(turned) or '—'} |"
        )
    lines.append("")
    return "\n".join(lines)


def calendars_page(lang: str) -> str:
    """Every pack's calendars: each one's title, id and holidays of :data:`CALENDAR_YEAR`."""
    words = WORDS[lang]
    lines = [f"# {words['calendars']}", "", words["calendars.intro"].format(year=CALENDAR_YEAR)]
    lines.append("")
    for pack in dme_rules.JURISDICTIONS.values():
        lines += [f"## {_in(lang, pack.name_fr, pack.name_en)}", ""]
        for calendar in pack.calendars:
            lines += [
                f"### `{calendar.id}`",
                "",
                _in(lang, calendar.title_fr, calendar.title_en),
                "",
                words["calendar.holidays"].format(year=CALENDAR_YEAR) + words["colon"],
                "",
                words["calendar.table"],
                "|---|---|",
                *(
                    f"| {day.date.isoformat()} | {_in(lang, day.name_fr, day.name_en)} |"
                    for day in calendar.holidays(CALENDAR_YEAR)
                ),
                "",
            ]
    return "\n".join(lines)


#: Every generated page, by document name: the function that writes it in a language.
PAGES: dict[str, Callable[[str], str]] = {
    "reference/catalogue": catalogue_page,
    "reference/calendars": calendars_page,
    "explanation/readings": readings_page,
    **{
        f"reference/rules/{rule.id}": (lambda lang, rule=rule: rule_page(rule, lang))
        for rule in _rules()
    },
}


def main() -> None:
    """Rewrite the committed English readings page from the registry (after adding a rule or a
    reading): ``python docs/pages.py``."""
    path = HERE / "explanation" / "readings.md"
    path.write_text(readings_page("en", marked=False), encoding="utf-8")
    print(f"rewrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
