"""What the command line says, as people read it: the help, the errors and the reasons in
words, in French and English."""

from __future__ import annotations

import json
import re

import pytest

from dme_rules.cli import main
from tests.test_cli import EXAMPLE, SEPT_1, run


class TestHelp:
    """The command line's help in French (default) and English (--lang or LANG)."""

    @staticmethod
    def texts(parser) -> list[str]:
        import argparse

        found = [parser.description or ""]
        for action in parser._actions:
            if action.help and action.help is not argparse.SUPPRESS:
                found.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                found += [choice.help for choice in action._choices_actions]
                for sub in action.choices.values():
                    found += TestHelp.texts(sub)
        return found

    def test_every_help_text_has_its_french(self):
        from dme_rules.cli.parser import build

        french, english = self.texts(build("fr")), self.texts(build("en"))
        assert len(french) == len(english) > 40
        untranslated = [en for fr, en in zip(french, english, strict=True) if fr == en]
        assert [] == untranslated

    @pytest.mark.parametrize(
        ("argv", "environ", "lang"),
        [
            (["check", "--help"], {}, "fr"),
            (["check", "--help"], {"LANG": "en_CA.UTF-8"}, "en"),
            (["check", "--lang", "en", "--help"], {"LANG": "fr_CA.UTF-8"}, "en"),
            (["check", "--lang=fr"], {"LANG": "en_CA.UTF-8"}, "fr"),
        ],
    )
    def test_the_language_of_the_help(self, argv, environ, lang):
        from dme_rules.cli import help_language

        assert lang == help_language(argv, environ)

    def test_help_in_french(self, capsys):
        with pytest.raises(SystemExit):
            main(["check", "--help"])
        out = capsys.readouterr().out
        assert out.startswith("utilisation\u00a0: dme-rules check")
        assert "afficher cette aide et quitter" in out


class TestErrorWords:
    """Errors speak French first, then English, in plain words."""

    @pytest.mark.parametrize(
        ("field", "value", "french", "english"),
        [
            ("case_id", 2025, "un nombre a été donné ; attendu du texte",
             "a number was given; expected text"),
            ("case_id", ["a"], "une liste a été donnée ; attendu du texte",
             "a list was given; expected text"),
            ("standard_scope", "oui", "du texte a été donné ; attendu true ou false",
             "text was given; expected true or false"),
            ("request_transmitted_at", 20250620, "un nombre a été donné ; attendu un instant en "
             "texte, comme 2025-06-20T16:45:00-04:00", "a number was given; expected an instant "
             "as text, such as 2025-06-20T16:45:00-04:00"),
            ("practitioners", True, "true a été donné ; attendu un nombre entier de 1 à "
             "1\u202f000\u202f000", "true was given; expected a whole number from 1 to 1,000,000"),
        ],
    )  # fmt: skip
    def test_a_value_of_the_wrong_type(self, capsys, tmp_path, field, value, french, english):
        """A value of the wrong type: what was given, then what was expected."""
        document = json.loads(EXAMPLE.read_text("utf-8"))
        document[field] = value
        path = tmp_path / "case.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        code, _, err = run(capsys, "check", str(path), "--as-of", SEPT_1)
        expected = f"dme-rules: {path}: $.{field} : {french} / $.{field}: {english}\n"
        assert (2, expected) == (code, err)

    def test_usage_errors_are_french_first(self, capsys):
        """A bad --as-of is refused in French, then in English."""
        code, _, err = run(capsys, "check", str(EXAMPLE), "--as-of", "hier")
        assert 2 == code
        assert "attendu un instant avec décalage UTC" in err
        assert err.index("attendu") < err.index("expected")


class TestReasonColumn:
    """check's table says why each finding is what it is."""

    @pytest.mark.parametrize(
        ("lang", "heading", "rule", "why"),
        [
            ("fr", "pourquoi", "Contenu du calendrier de migration",
             "retrait des accès le 2025-09-01, avant la fin de l'accès requis (2025-09-04)"),
            ("en", "why", "Migration calendar content",
             "access removed on 2025-09-01, before the end of the required access "
             "(2025-09-04)"),
            ("fr", "pourquoi", "Suivi d'une plainte par le BCH", "aucune plainte"),
        ],
    )  # fmt: skip
    def test_the_reason_of_a_finding_in_words(self, capsys, lang, heading, rule, why):
        """The last column holds the finding's reason and its rule's notes, from the pack's
        catalogue (the late clinic's calendar removes access three days early)."""
        path = EXAMPLE.parent / "late-clinic-validation.json"
        code, out, _ = run(capsys, "check", str(path), "--as-of", "2025-10-01", "--lang", lang)
        lines = out.splitlines()
        column = lines[2].index(heading)
        assert lines[2].endswith(heading)
        row = next(line for line in lines if line.startswith(rule))
        assert (1, why) == (code, row[column:])


def _help(capsys, monkeypatch, lang: str, *argv: str) -> str:
    """The help ``dme-rules ARGV --help`` prints in ``lang`` (as the environment's LANG
    chooses it)."""
    monkeypatch.setenv("LANG", {"fr": "fr_CA.UTF-8", "en": "en_CA.UTF-8"}[lang])
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return capsys.readouterr().out


COMMANDS = ["", "calendar", "check", "deadlines", "rules", "audit", "consent", "schema", "serve",
            "dmp-audit"]  # fmt: skip


class TestHelpWords:
    """Every command's help reads as a person's words, in French and in English."""

    @pytest.mark.parametrize("command", COMMANDS)
    def test_french_help_shows_french_words(self, capsys, monkeypatch, command):
        """French help: French section headings with their non-breaking space, French
        metavars, no English placeholder, no reference to a specification."""
        text = _help(capsys, monkeypatch, "fr", *([command] if command else []))
        assert text.startswith("utilisation\u00a0: dme-rules")
        assert "options\u00a0:\n" in text
        for english in ("PATH", "FILE", "YEAR", "NAME", "CASE", "COMMAND", "ENGINE", "AS_OF",
                        "JOBS", "positional arguments", "usage:", "SPEC", "dossiers de dossiers",
                        "show this help"):  # fmt: skip
            assert re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", text) is None, english

    @pytest.mark.parametrize("command", COMMANDS)
    def test_english_help_shows_english_words(self, capsys, monkeypatch, command):
        """English help: argparse's headings, English metavars, no French placeholder."""
        text = _help(capsys, monkeypatch, "en", *([command] if command else []))
        assert text.startswith("usage: dme-rules")
        assert "options:\n" in text
        for french in ("CHEMIN", "FICHIER", "ANNÉE", "NOM", "DOSSIER", "COMMANDE", "MOTEUR",
                       "SPEC", "utilisation"):  # fmt: skip
            assert re.search(rf"(?<![\w-]){re.escape(french)}(?![\w-])", text) is None, french

    def test_the_commands_are_listed_without_a_placeholder_line(self, capsys, monkeypatch):
        """The commands' section lists each command with its help, and no line of its own
        for the placeholder COMMANDE."""
        text = _help(capsys, monkeypatch, "fr")
        section = text.split("commandes\u00a0:\n", 1)[1].splitlines()
        assert section[0].split()[0] == "calendar"
        assert "COMMANDE" not in section

    @pytest.mark.parametrize(
        ("argv", "expected"),
        [
            (["check", "x.json", "--format", "xml"],
             "dme-rules check: argument --format : choix invalide : 'xml' (choisir parmi 'text', "
             "'json', 'fhir') / argument --format: invalid choice: 'xml' (choose from 'text', "
             "'json', 'fhir')"),
            (["rules", "--bogus"],
             "dme-rules: arguments inconnus : --bogus / unrecognized arguments: --bogus"),
            (["audit", "x.json", "--jobs", "0"],
             "dme-rules audit: argument --jobs : attendu un nombre entier de processus, 1 ou "
             "plus, reçu '0' / argument --jobs: expected a whole number of processes, 1 or "
             "more, got '0'"),
            (["check", "x.json", "--as-of"],
             "dme-rules check: argument --as-of : une valeur attendue / argument --as-of: "
             "expected one argument"),
        ],
    )  # fmt: skip
    def test_argparse_errors_are_french_first(self, capsys, argv, expected):
        """argparse's own errors read in French, then in English, on one line."""
        code, out, err = run(capsys, *argv)
        assert (2, "", expected.replace(" : ", "\u00a0: ") + "\n") == (code, out, err)


class TestReadingsInTheHelp:
    """Each command's --reading help names alternatives of the rules it runs."""

    def test_each_command_names_readings_of_its_own_rules(self, capsys, monkeypatch):
        """consent names the consent rule's alternative, dmp-audit the DMP's, neither a
        migration's; check, which runs any pack's rules, names a migration's first."""
        from dme_rules import JURISDICTIONS

        def named(command: str) -> set[str]:
            text = " ".join(_help(capsys, monkeypatch, "en", command).split())
            listed = text.split("readings catalogue: ", 1)[1].split(")", 1)[0]
            return {name.strip(" …").replace("- ", "-") for name in listed.split(",")}

        french = {reading.id for reading in JURISDICTIONS["fr"].readings}
        quebec = {reading.id for reading in JURISDICTIONS["qc"].readings}
        assert {"consent-if-third-party"} == named("consent")
        assert named("dmp-audit") <= french
        assert named("check") <= quebec
        assert "civil-procedure" in named("check")

    def test_the_main_help_says_how_to_change_the_language(self, capsys, monkeypatch):
        """dme-rules --help says that --lang en goes after the command (before it, argparse
        takes it for a command)."""
        text = " ".join(_help(capsys, monkeypatch, "fr").split())
        assert "en anglais avec --lang en après la commande" in text
