"""Tests for the dme-rules command line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dme_rules import RULES, MigrationCase
from dme_rules.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


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


class TestTextFromFiles:
    def test_a_terminal_shows_what_it_would_obey(self, capsys, tmp_path):
        """A case id holding an escape sequence (red text), a line break and a right-to-left
        override is printed with each of them escaped: the file cannot colour the terminal,
        break the table or reorder what follows."""
        document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
        document["case_id"] = "A\x1b[31mB\nC\u202eD"
        path = tmp_path / "case.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        code, out, _ = run(capsys, "check", str(path), "--as-of", "2025-09-01")
        assert 1 == code  # the spec example's BCH follow-up is late
        assert out.startswith("Dossier A\\x1b[31mB\\nC\\u202eD ")
        assert [] == [c for c in out if c in "\x1b\u202e"]

    def test_a_subject_command_shows_what_a_terminal_would_obey(self, capsys, tmp_path):
        """consent prints its finding's sentence with the feature's escape sequence escaped."""
        path = Path(__file__).parent.parent / "examples" / "consent" / "online-booking-proceed.json"
        document = json.loads(path.read_text(encoding="utf-8"))
        document["feature"] = "Agenda\x1b[31m\u202e"
        evil = tmp_path / "consent.json"
        evil.write_text(json.dumps(document), encoding="utf-8")
        code, out, _ = run(capsys, "consent", str(evil))
        assert 0 == code
        assert "« Agenda\\x1b[31m\\u202e »" in out
        assert [] == [c for c in out if c in "\x1b\u202e"]


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
