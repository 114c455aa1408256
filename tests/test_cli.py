"""Tests for the dme-rules command line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dme_rules import QUEBEC_CPC, RULES, MigrationCase, quebec_lnt
from dme_rules.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestCalendarCommand:
    """dme-rules calendar YEAR."""

    def test_text_lists_every_holiday_in_both_languages(self, capsys):
        """The text table has one line per holiday with its date, French and English names."""
        code, out, err = run(capsys, "calendar", "2026")
        assert (0, "") == (code, err)
        for holiday in QUEBEC_CPC.holidays(2026):
            line = next(line for line in out.splitlines() if line.startswith(str(holiday.date)))
            assert holiday.name_fr in line
            assert holiday.name_en in line
        assert "11 jours fériés / holidays (quebec-cpc)" in out

    def test_text_columns_are_aligned(self, capsys):
        """The English names start in the same column on every row."""
        _, out, _ = run(capsys, "calendar", "2026")
        rows = [line for line in out.splitlines() if line[:4] == "2026"]
        columns = {
            line.index(h.name_en) for line, h in zip(rows, QUEBEC_CPC.holidays(2026), strict=True)
        }
        assert 1 == len(columns)

    def test_json(self, capsys):
        """--format json gives the calendar id, the year and the holidays' keys."""
        code, out, _ = run(capsys, "calendar", "2026", "--calendar", "lnt", "--format", "json")
        document = json.loads(out)
        assert 0 == code
        assert "quebec-lnt" == document["calendar"]
        assert 2026 == document["year"]
        assert [h.to_dict() for h in quebec_lnt().holidays(2026)] == document["holidays"]

    def test_easter_choice(self, capsys):
        """--easter good_friday drops Easter Monday from the labour calendar."""
        _, out, _ = run(
            capsys,
            "calendar",
            "2026",
            "--calendar",
            "lnt",
            "--easter",
            "good_friday",
            "--format",
            "json",
        )
        document = json.loads(out)
        assert "quebec-lnt-good-friday" == document["calendar"]
        assert "2026-04-06" not in {h["date"] for h in document["holidays"]}

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["calendar", "1899"], "1899 is outside the supported years 1900-2200"),
            (["calendar", "2201"], "2201 is outside the supported years"),
            (["calendar", "abc"], "expected a year such as 2026, got 'abc'"),
            (
                ["calendar"],
                "ces arguments sont obligatoires\u00a0: ANNÉE / "
                "the following arguments are required: ANNÉE",
            ),
            (["calendar", "2026", "--calendar", "xyz"], "invalid choice: 'xyz'"),
            (["calendar", "2026", "--format", "xml"], "invalid choice: 'xml'"),
            (["calendar", "2026", "--easter", "both"], "--easter applies to --calendar lnt"),
            (["calendar", "2026", "--calendar", "lnt", "--easter", "x"], "invalid choice: 'x'"),
            ([], "the following arguments are required: COMMANDE"),
            (["frobnicate"], "invalid choice: 'frobnicate'"),
        ],
    )
    def test_bad_input_is_one_line_and_exit_2(self, capsys, argv, message):
        """Bad input exits 2 with exactly one line on stderr, nothing on stdout."""
        code, out, err = run(capsys, *argv)
        assert 2 == code
        assert "" == out
        assert 1 == len(err.splitlines())
        assert message in err
        assert "Traceback" not in err


class TestConsoleScript:
    """The installed dme-rules script."""

    def test_installed_script_runs(self):
        """The console script is installed and prints the calendar."""
        script = shutil.which("dme-rules")
        assert script is not None, "dme-rules is not on PATH: install the package"
        done = subprocess.run(
            [script, "calendar", "2026"], capture_output=True, text=True, check=False
        )
        assert (0, "") == (done.returncode, done.stderr)
        assert "Fête nationale du Québec" in done.stdout

    def test_module_runs_and_bad_input_has_no_traceback(self):
        """python -m dme_rules.cli with a bad year exits 2 with one line."""
        done = subprocess.run(
            [sys.executable, "-m", "dme_rules.cli", "calendar", "3000"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 2 == done.returncode
        assert 1 == len(done.stderr.splitlines())
        assert "Traceback" not in done.stderr

    def test_version(self, capsys):
        """--version prints the installed version."""
        from dme_rules import __version__

        with pytest.raises(SystemExit) as exit_info:
            main(["--version"])
        assert 0 == exit_info.value.code
        assert f"dme-rules {__version__}" == capsys.readouterr().out.strip()


EXAMPLE = Path(__file__).parent.parent / "examples" / "cases" / "spec-example.json"
SEPT_1 = "2025-09-01T12:00:00-04:00"


class TestCheckCommand:
    """dme-rules check CASE.json."""

    def test_text_table_and_verdict(self, capsys):
        """One aligned row per finding, the verdict last; exit 1 for a violation."""
        code, out, err = run(capsys, "check", str(EXAMPLE), "--as-of", SEPT_1)
        lines = out.splitlines()
        assert (1, "") == (code, err)
        assert "Dossier 2025-0147 — évalué au 2025-09-01 12:00" == lines[0]
        assert "Verdict\u00a0: non conforme" == lines[-1]
        row = next(line for line in lines if line.startswith("Suivi d'une plainte par le BCH"))
        assert "non conforme" in row
        assert "2025-08-25 10:00" in row
        statuses = {line.split("  ")[0]: line for line in lines[3:-2]}
        assert len(RULES.for_subject(MigrationCase)) == len(statuses)  # the rules of a case

    def test_english(self, capsys):
        """--lang en writes the table and the verdict in English."""
        _, out, _ = run(capsys, "check", str(EXAMPLE), "--as-of", SEPT_1, "--lang", "en")
        assert "Verdict: violation" == out.splitlines()[-1]
        assert "Data extraction deadline" in out

    def test_exit_0_when_nothing_is_violated(self, capsys):
        """On 2025-08-15 the complaint is not filed yet. The SPEC example's calendar removes
        the access on 11-04, before the later of 08-05 + 3 months = 11-05 and + 90 days =
        11-03 has passed: a violation (exit 1); under --reading ninety-days, everything is
        pending or compliant: exit 0."""
        args = ("check", str(EXAMPLE), "--as-of", "2025-08-15T12:00:00-04:00")
        code, out, _ = run(capsys, *args)
        assert (1, "Verdict\u00a0: non conforme") == (code, out.splitlines()[-1])
        code, out, _ = run(capsys, *args, "--reading", "ninety-days")
        assert (0, "Verdict\u00a0: en cours") == (code, out.splitlines()[-1])

    def test_readings_are_repeatable_and_reported(self, capsys):
        """--reading twice: both are applied where allowed and listed in the JSON."""
        _, out, _ = run(capsys, "check", str(EXAMPLE), "--as-of", SEPT_1, "--format", "json",
                        "--reading", "civil-procedure", "--reading", "office-hours")  # fmt: skip
        findings = {f["rule_id"]: f for f in json.loads(out)["findings"]}
        assert "civil-procedure" in findings["qc.migration.import-deadline"]["readings"]
        assert ["office-hours", "court-calendar"] == (
            findings["qc.bch.complaint-follow-up"]["readings"]
        )
        # Due Fri 06-20 + 45 days = Mon 08-04 under civil-procedure; imported 08-05.
        assert ("violation", "2025-08-04") == (
            findings["qc.migration.import-deadline"]["status"],
            findings["qc.migration.import-deadline"]["due"],
        )

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("--reading", "no-such"), "expected a reading id"),
            (("--reading", "procedure-2024", "--reading", "civil-procedure"),
             "one reading of each topic"),
            (("--sensitivity", "--format", "fhir"), "--sensitivity prints text or json"),
        ],
    )  # fmt: skip
    def test_bad_readings_exit_2(self, capsys, args, message):
        """An unknown reading, two of one topic, a sensitivity in FHIR: one line, exit 2."""
        code, out, err = run(capsys, "check", str(EXAMPLE), "--as-of", SEPT_1, *args)
        assert (2, "") == (code, out)
        assert message in err
        assert 1 == len(err.strip().splitlines())

    def test_explain(self, capsys):
        """--explain adds each due date's steps with their legal basis, after the table."""
        code, out, _ = run(capsys, "check", str(EXAMPLE), "--as-of", SEPT_1, "--explain")
        assert 1 == code
        assert "Comment chaque échéance a été calculée\u00a0:" in out
        assert ("- jour 21\u00a0: 2025-06-23 + 20 jours = 2025-07-13") in out
        assert "Code de procédure civile, art. 83" in out
        code, out, _ = run(capsys, "check", str(EXAMPLE), "--as-of", SEPT_1, "--explain",
                           "--format", "json", "--lang", "en")  # fmt: skip
        explained = {e["rule_id"]: e["lines"] for e in json.loads(out)["explanations"]}
        assert (
            "- day 45: 2025-06-23 + 44 days = 2025-08-06"
            in (explained["qc.migration.import-deadline"])
        )

    def test_sensitivity(self, capsys):
        """--sensitivity: the SPEC §3.2 JSON; civil-procedure turns the import late (Fri
        06-20 + 45 days = Mon 08-04; imported 08-05); the exit code is the verdict's."""
        code, out, _ = run(capsys, "check", str(EXAMPLE), "--as-of", SEPT_1, "--sensitivity",
                           "--format", "json")  # fmt: skip
        document = json.loads(out)
        assert {"case_id", "as_of", "findings"} == set(document)
        imported = next(
            f for f in document["findings"] if f["rule_id"] == "qc.migration.import-deadline"
        )
        assert (False, {"reading": "civil-procedure", "status": "violation",
                        "due": "2025-08-04"}) == (imported["robust"],
                                                  imported["alternatives"][0])  # fmt: skip
        assert 1 == code
        code, out, _ = run(capsys, "check", str(EXAMPLE), "--as-of", SEPT_1, "--sensitivity",
                           "--lang", "en")  # fmt: skip
        assert "readings that change a status: civil-procedure" in out

    @pytest.mark.parametrize("output", ["text", "json"])
    def test_sensitivity_with_its_explanations(self, capsys, output):
        """--sensitivity --explain prints the sensitivity, then the steps of each due date
        (day 45 of the import: 06-23 + 44 days = 08-06)."""
        code, out, _ = run(capsys, "check", str(EXAMPLE), "--as-of", SEPT_1, "--sensitivity",
                           "--explain", "--lang", "en", "--format", output)  # fmt: skip
        assert 1 == code
        if output == "json":
            document = json.loads(out)
            assert {"case_id", "as_of", "findings", "explanations"} == set(document)
            explained = {e["rule_id"]: e["lines"] for e in document["explanations"]}
            steps = explained["qc.migration.import-deadline"]
        else:
            sensitivity, _, steps = out.partition("How each due date was computed:")
            assert "readings that change a status: civil-procedure" in sensitivity
            steps = steps.splitlines()
        assert "- day 45: 2025-06-23 + 44 days = 2025-08-06" in steps

    def test_the_calendar_reading(self, capsys, tmp_path):
        """--reading labour-standards-calendar counts on the employees' days: a request of Tue
        2025-11-11 has its import due Fri 12-26 (11-12 + 44 days), a business day for them, a
        court holiday otherwise (due Mon 12-29); completed 12-29, three days late."""
        case = json.dumps({
            "case_id": "c", "request_transmitted_at": "2025-11-11T10:00:00-05:00",
            "source_solution": "Omnimed", "target_solution": "MYLE", "practitioners": 1,
            "import": {"completed_on": "2025-12-29"},
        })  # fmt: skip
        path = tmp_path / "december.json"
        path.write_text(case, encoding="utf-8")
        for reading, status, due in (
            ([], "compliant", "2025-12-29"),
            (["--reading", "labour-standards-calendar"], "violation", "2025-12-26"),
        ):
            _, out, _ = run(capsys, "check", str(path), "--as-of", "2026-01-15",
                            "--format", "json", *reading)  # fmt: skip
            document = json.loads(out)
            imported = next(
                f for f in document["findings"] if f["rule_id"] == "qc.migration.import-deadline"
            )
            assert (status, due) == (imported["status"], imported["due"])
            assert ("quebec-lnt" if reading else "quebec-cpc") == document["decision"]["calendar"]

    def test_json_is_the_report(self, capsys):
        """--format json prints the report's JSON with the SPEC §8 keys."""
        code, out, _ = run(capsys, "check", str(EXAMPLE), "--as-of", SEPT_1, "--format", "json")
        document = json.loads(out)
        assert 1 == code
        assert ("2025-0147", "violation", SEPT_1) == (
            document["case_id"],
            document["status"],
            document["as_of"],
        )
        assert {"input_digest", "ruleset_digest", "calendar", "library_version"} == set(
            document["decision"]
        )

    def test_without_as_of_it_says_now(self, capsys):
        """Without --as-of the current instant is used, and the output says so."""
        _, out, _ = run(capsys, "check", str(EXAMPLE))
        assert "(maintenant\u00a0: aucun --as-of)" in out.splitlines()[0]


def _bad_case(path: Path, **changes: object) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


class TestBadFiles:
    """Malformed files: exit 2, one line naming the file, the JSON path and what was expected."""

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("notjson.json", "{not json", r"\$: expected valid UTF-8 JSON"),
            ("list.json", "[]", r"\$ : une liste a été donnée ; attendu un objet / \$: a list "),
            ("empty.json", "", r"\$: expected valid UTF-8 JSON"),
            ("fee.json", {"extraction": {"fee": 18.5}}, r"\$\.extraction\.fee: .*binary float"),
            ("neg.json", {"extraction": {"fee": "-1"}}, r"\$\.extraction\.fee: expected a non-neg"),
            (
                "date.json",
                {"extraction": {"delivered_on": "2025-02-30"}},
                r"delivered_on: expected a real date",
            ),
            ("key.json", {"extraktion": {}}, r"\$\.extraktion: expected one of the known keys"),
            (
                "naive.json",
                {"request_transmitted_at": "2025-06-20T16:45:00"},
                r"\$\.request_transmitted_at",
            ),
            (
                "pract.json",
                {"practitioners": 0},
                r"\$\.practitioners : attendu un nombre entier de 1 à 1\u202f000\u202f000 / ",
            ),
            (
                "complaint.json",
                {"complaints": [{"followed_up_at": None}]},
                r"\$\.complaints\[0\]\.filed_at",
            ),
            (
                "sent.json",
                {"request_form": {"sent_to": "a@b.c"}},
                r"\$\.request_form\.sent_to : du texte a été donné ; attendu une liste",
            ),
            (
                "scope.json",
                {"standard_scope": "yes"},
                r"\$\.standard_scope : du texte a été donné ; attendu true ou false / ",
            ),
            ("id.json", {"case_id": None}, r"\$\.case_id: expected a value \(required\)"),
        ],
    )
    def test_malformed_case(self, capsys, tmp_path, name, content, message):
        """Each malformed case file exits 2 with one line on stderr."""
        path = tmp_path / name
        if isinstance(content, dict):
            _bad_case(path, **content)
        else:
            path.write_text(content, encoding="utf-8")
        code, out, err = run(capsys, "check", str(path), "--as-of", SEPT_1)
        assert (2, "") == (code, out)
        assert 1 == len(err.splitlines())
        assert err.startswith(f"dme-rules: {path}: ")
        assert re.search(message, err)

    def test_missing_and_unreadable_files(self, capsys, tmp_path):
        """A missing file or one that is not UTF-8 text: exit 2, one line naming it."""
        binary = tmp_path / "binary.json"
        binary.write_bytes(b"\xff\xfe\x00")
        for path, said in ((tmp_path / "missing.json", "lecture du fichier impossible ("),
                           (binary, "$ : attendu du texte UTF-8 (pas à l'octet 0) / "
                                    "$: expected UTF-8 text (not at byte 0)")):  # fmt: skip
            code, _, err = run(capsys, "check", str(path), "--as-of", SEPT_1)
            assert 2 == code
            assert 1 == len(err.splitlines())
            assert f"{path}: {said}" in err

    @pytest.mark.parametrize(
        "argv",
        [
            ["check", str(EXAMPLE), "--as-of", "2025-09-01T12:00"],
            ["check", str(EXAMPLE), "--as-of", "yesterday"],
            ["deadlines", "--transmitted", "2025-06-31"],
            ["deadlines", "--transmitted", "2025-06-20T16:45"],
            ["deadlines"],
            ["rules", "--as-of", "2023-13-01"],
            ["check", str(EXAMPLE), "--format", "xml"],
        ],
    )
    def test_bad_arguments(self, capsys, argv):
        """Bad arguments exit 2 with one line."""
        code, out, err = run(capsys, *argv)
        assert (2, "") == (code, out)
        assert 1 == len(err.splitlines())


class TestOtherCommands:
    """deadlines, rules, consent."""

    def test_deadlines(self, capsys):
        """Fri 2025-06-20 16:45: day 1 Mon 06-23; 06-23 + 20 days = Sun 07-13, so Mon 07-14;
        06-23 + 44 days = Wed 08-06."""
        code, out, _ = run(
            capsys, "deadlines", "--transmitted", "2025-06-20T16:45:00-04:00", "--format", "json"
        )
        assert 0 == code
        assert {
            "transmitted_at": "2025-06-20T16:45:00-04:00",
            "official_start": "2025-06-23",
            "extraction_day_one": "2025-06-23",
            "extraction_due": "2025-07-14",
            "extraction_interpretation": "procedure-2024",
            "import_day_one": "2025-06-23",
            "import_due": "2025-08-06",
            "import_interpretation": "procedure-2024",
            "calendar": "quebec-cpc",
        } == json.loads(out)

    def test_deadlines_text(self, capsys):
        """The text form lists the three dates."""
        _, out, _ = run(capsys, "deadlines", "--transmitted", "2025-06-20T16:45:00-04:00")
        assert "début officiel (jour 1)   2025-06-23" in out
        assert "2025-07-14  procedure-2024" in out

    @pytest.mark.parametrize(
        ("lang", "row"),
        [
            ("fr", "jour 1 (lendemain de la demande)  2023-12-30  civil-procedure"),
            ("en", "day 1 (the day after the request)  2023-12-30  civil-procedure"),
        ],
    )
    def test_deadlines_name_the_day_one_of_their_count(self, capsys, lang, row):
        """Sent Fri 2023-12-29, under the first versions (civil procedure): day 1 is the day
        after, Sat 12-30 (+ 20 days = Fri 2024-01-19; + 44 days = Mon 02-12), not the
        procedure's official start (Wed 01-03), which no count of this request uses."""
        _, out, _ = run(capsys, "deadlines", "--transmitted", "2023-12-29T16:00-05:00",
                        "--lang", lang)  # fmt: skip
        assert row in out
        assert "2024-01-03" not in out
        assert "2024-01-19  civil-procedure" in out
        assert "2024-02-12  civil-procedure" in out

    def test_deadlines_on_the_employees_calendar(self, capsys):
        """Sent Wed 2025-12-24: day 1 Fri 12-26 on the employees' calendar (+ 20 days = Thu
        2026-01-15), Mon 12-29 on the courts' (+ 20 days = Sun 01-18, so Mon 01-19)."""
        for reading, day_one, due, calendar in (
            ([], "2025-12-29", "2026-01-19", "quebec-cpc"),
            (["--reading", "labour-standards-calendar"], "2025-12-26", "2026-01-15", "quebec-lnt"),
        ):
            _, out, _ = run(capsys, "deadlines", "--transmitted", "2025-12-24T10:00-05:00",
                            "--format", "json", *reading)  # fmt: skip
            document = json.loads(out)
            assert (day_one, day_one, due, calendar) == (
                document["official_start"],
                document["extraction_day_one"],
                document["extraction_due"],
                document["calendar"],
            )

    def test_rules_in_force(self, capsys):
        """On 2023-06-01 in Quebec: the Avenant's six rules and the checklist, version 1
        each."""
        _, out, _ = run(capsys, "rules", "--as-of", "2023-06-01", "--format", "json",
                        "--jurisdiction", "qc")  # fmt: skip
        document = json.loads(out)
        assert "2023-06-01" == document["as_of"]
        assert 7 == len(document["rules"])
        assert {"1"} == {rule["version"] for rule in document["rules"]}
        extraction = document["rules"][0]
        assert ["civil-procedure", "next-business-day", "court-calendar"] == (
            extraction["readings"]
        )
        assert ["procedure-2024", "interpretation-act", "labour-standards-calendar"] == (
            extraction["alternatives"]
        )

    def test_rules_text(self, capsys):
        """The text form names each rule in force on 2025-01-01 with its version."""
        _, out, _ = run(capsys, "rules", "--as-of", "2025-01-01", "--lang", "en")
        for rule_id in RULES:
            assert rule_id in out

    def test_deadlines_under_a_reading(self, capsys):
        """deadlines --reading civil-procedure: Fri 06-20 + 21 days = Fri 07-11 and + 45 days
        = Mon 08-04; the JSON names the reading that counted."""
        code, out, _ = run(capsys, "deadlines", "--transmitted", "2025-06-20T16:45:00-04:00",
                           "--reading", "civil-procedure", "--format", "json")  # fmt: skip
        document = json.loads(out)
        assert (0, "2025-07-11", "2025-08-04", "civil-procedure") == (
            code, document["extraction_due"], document["import_due"],
            document["import_interpretation"],
        )  # fmt: skip

    def test_consent(self, capsys, tmp_path):
        """proceed exits 0; do_not_proceed exits 1 and lists the unmet questions."""
        path = tmp_path / "answers.json"
        answers = {"purpose": "yes", "informed": "yes", "third_party_access": "no"}
        path.write_text(json.dumps({"assessed_on": "2025-03-01", "feature": "Agenda",
                                    "answers": answers}), encoding="utf-8")  # fmt: skip
        # Consent is asked whatever the third parties (consent-always), unless the first
        # edition's reading is chosen.
        code, out, _ = run(capsys, "consent", str(path), "--format", "json")
        assert (1, "do_not_proceed") == (code, json.loads(out)["details"]["decision"])
        code, out, _ = run(capsys, "consent", str(path), "--format", "json",
                           "--reading", "consent-if-third-party")  # fmt: skip
        assert (0, "proceed") == (code, json.loads(out)["details"]["decision"])
        answers = {**answers, "explicit_consent": "yes", "consent_quality": "yes"}
        path.write_text(json.dumps({"assessed_on": "2025-03-01", "feature": "Agenda",
                                    "answers": answers}), encoding="utf-8")  # fmt: skip
        code, out, _ = run(capsys, "consent", str(path), "--format", "json")
        assert (0, "proceed") == (code, json.loads(out)["details"]["decision"])
        path.write_text(json.dumps({"assessed_on": "2025-03-01", "feature": "Agenda",
                                    "answers": {**answers, "informed": "unknown"}}),
                        encoding="utf-8")  # fmt: skip
        code, out, _ = run(capsys, "consent", str(path), "--lang", "en")
        assert 1 == code
        assert "do not proceed; unmet: “Was I adequately informed" in out

    def test_consent_bad_answer(self, capsys, tmp_path):
        """A bad answer value exits 2 naming $.answers.<id>."""
        path = tmp_path / "answers.json"
        path.write_text('{"assessed_on": "2025-03-01", "feature": "X", "answers": '
                        '{"purpose": "maybe"}}', encoding="utf-8")  # fmt: skip
        code, _, err = run(capsys, "consent", str(path))
        assert 2 == code
        assert "$.answers.purpose: expected yes, no or unknown" in err


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


def test_a_week_date_is_not_a_date(capsys):
    """``--as-of`` takes a date written YYYY-MM-DD, not an ISO week date (2025-W36-1)."""
    from pathlib import Path as _Path

    example = _Path(__file__).parent.parent / "examples" / "cases" / "spec-example.json"
    assert main(["check", str(example), "--as-of", "2025-W36-1"]) == 2
    assert "2025-W36-1" in capsys.readouterr().err


CONSENT = Path(__file__).parent.parent / "examples" / "consent"


class TestSubjectKey:
    """A file is read as the subject its ``subject`` key names, in every command."""

    @pytest.mark.parametrize("name", ["online-booking-proceed", "transcription-do-not-proceed"])
    def test_check_reads_the_shipped_consent_answers(self, capsys, name):
        """check judges a shipped checklist as consent answers (its key names the kind)."""
        document = json.loads((CONSENT / f"{name}.json").read_text("utf-8"))
        code, out, err = run(capsys, "check", str(CONSENT / f"{name}.json"), "--format", "json",
                             "--as-of", "2025-09-01")  # fmt: skip
        assert "qc.emr.consent-assessment" == document["subject"]
        assert "" == err
        rule_ids = [finding["rule_id"] for finding in json.loads(out)["findings"]]
        assert ["qc.emr.new-feature-consent"] == rule_ids
        assert code in (0, 1)

    def test_audit_reads_the_shipped_consent_answers(self, capsys):
        """audit of the consent folder: one row per checklist, none invalid, exit 0 or 1; the
        summary's counts agree with their numbers."""
        import csv
        import io

        code, out, err = run(capsys, "audit", str(CONSENT), "--as-of", "2025-09-01", "--quiet")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert 2 == len(rows)
        # French plurals: 2 is plural, 0 singular (« 0 invalide »).
        assert "2 entrées lues, dont 0 invalide" in err.splitlines()
        assert ["qc.emr.new-feature-consent"] * 2 == [row["rule_id"] for row in rows]
        assert code in (0, 1)

    def test_the_consent_command_reads_the_file_with_its_key_or_without(self, capsys, tmp_path):
        """consent reads a checklist with or without its subject key, the same way."""
        path = CONSENT / "online-booking-proceed.json"
        document = json.loads(path.read_text("utf-8"))
        del document["subject"]
        bare = tmp_path / "bare.json"
        bare.write_text(json.dumps(document), encoding="utf-8")
        with_key = run(capsys, "consent", str(path), "--format", "json")
        without_key = run(capsys, "consent", str(bare), "--format", "json")
        assert with_key == without_key
        assert "" == with_key[2]

    def test_a_document_without_its_key_is_told_which_key_to_add(self, capsys, tmp_path):
        """A checklist without its subject key is refused, in French first, naming the key
        and the value to add."""
        document = json.loads((CONSENT / "online-booking-proceed.json").read_text("utf-8"))
        del document["subject"]
        path = tmp_path / "bare.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        code, out, err = run(capsys, "check", str(path))
        expected = (
            f'dme-rules: {path}: $.subject : aucune clé "subject" n\'a été donnée, et le '
            "document n'est pas un qc.migration.case valide, mais un qc.emr.consent-assessment "
            'valide ; attendu "subject": "qc.emr.consent-assessment" (ajoutez cette clé au '
            'document) / $.subject: no "subject" key was given, and the document is not a valid '
            "qc.migration.case but is a valid qc.emr.consent-assessment; expected "
            '"subject": "qc.emr.consent-assessment" (add this key to the document)\n'
        )
        assert (2, "", expected) == (code, out, err)

    def test_a_document_no_kind_reads_keeps_its_own_error(self, capsys, tmp_path):
        """A document that no kind reads, even with a key added, is told what is wrong with
        it as a migration case."""
        document = json.loads((CONSENT / "online-booking-proceed.json").read_text("utf-8"))
        del document["subject"]
        document["feature"] = 5
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        code, _, err = run(capsys, "check", str(path))
        assert 2 == code
        assert err.startswith(f"dme-rules: {path}: $.assessed_on : attendu une des clés connues")


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


class TestEveryPacksRules:
    """rules lists every pack's rules unless --jurisdiction picks one."""

    def test_every_pack_by_default(self, capsys):
        """Without --jurisdiction: every registered pack's rules in force, the default pack's
        first, in registry order."""
        from datetime import date

        from dme_rules.engine.jurisdiction import jurisdictions

        day = date(2025, 9, 1)
        expected = [rule_id for pack in jurisdictions().values()
                    for rule_id in pack.rules.in_force(day)]  # fmt: skip
        code, out, _ = run(capsys, "rules", "--as-of", "2025-09-01", "--format", "json")
        assert (0, expected) == (code, [rule["id"] for rule in json.loads(out)["rules"]])
        assert {"qc", "fr"} <= {rule_id.split(".")[0] for rule_id in expected}

    @pytest.mark.parametrize("jurisdiction", ["qc", "fr"])
    def test_one_pack(self, capsys, jurisdiction):
        """--jurisdiction ID lists that pack's rules only."""
        from datetime import date

        from dme_rules.engine.jurisdiction import jurisdiction_of

        expected = list(jurisdiction_of(jurisdiction).rules.in_force(date(2025, 9, 1)))
        _, out, _ = run(capsys, "rules", "--as-of", "2025-09-01", "--format", "json",
                        "--jurisdiction", jurisdiction)  # fmt: skip
        assert expected == [rule["id"] for rule in json.loads(out)["rules"]]


class TestTransmittedDate:
    """deadlines --transmitted takes a date as --as-of does."""

    @pytest.mark.parametrize("instant", ["2025-06-20T00:00-04:00", "2025-06-20T16:45-04:00",
                                         "2025-06-20T23:59-04:00"])  # fmt: skip
    def test_a_date_gives_the_deadlines_of_any_instant_of_that_day(self, capsys, instant):
        """A date means noon that day in Montreal; every instant of the day gives the same
        deadlines (Fri 2025-06-20: day 1 Mon 06-23, extraction 07-14, import 08-06)."""
        _, by_date, _ = run(capsys, "deadlines", "--transmitted", "2025-06-20", "--format", "json")
        _, by_instant, _ = run(capsys, "deadlines", "--transmitted", instant, "--format", "json")
        dated, instanted = json.loads(by_date), json.loads(by_instant)
        assert "2025-06-20T12:00:00-04:00" == dated.pop("transmitted_at")
        instanted.pop("transmitted_at")
        assert instanted == dated
        assert ("2025-06-23", "2025-07-14", "2025-08-06") == (
            dated["official_start"],
            dated["extraction_due"],
            dated["import_due"],
        )

    def test_the_text_shows_the_date_as_given(self, capsys):
        """The heading shows the date given, not an hour nobody gave."""
        code, out, _ = run(capsys, "deadlines", "--transmitted", "2025-06-20")
        assert (0, "Demande transmise le 2025-06-20") == (code, out.splitlines()[0])


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
