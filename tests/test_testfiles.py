"""Declarative test files: read strictly, run through evaluate, failures said as people read
them, by ``dme-rules test`` and by the pytest plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

import dme_rules
from dme_rules.cli import main
from dme_rules.testfiles import YamlTestError, read_test_file, run_test, summary

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
SPEC_EXAMPLE = EXAMPLES / "cases" / "spec-example.json"
NBSP = "\u00a0"  # French typography: a non-breaking space before a colon

#: A test of the spec example whose extraction due date is wrong: the report has 2025-07-14.
WRONG_DUE = f"""\
- name: Extraction attendue le 15
  as_of: 2025-09-01
  input_file: {SPEC_EXAMPLE}
  expect:
    status: violation
    findings:
      qc.migration.extraction-deadline: {{status: compliant, due: 2025-07-15}}
"""


def english(text: str) -> str:
    """The English half of a message said in both languages, French first (« fr / en »)."""
    french, separator, english = text.partition(" / ")
    assert separator, text
    assert french, text
    return english


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    """``dme-rules test ARGV``: its exit code, standard output's lines and standard error."""
    code = main(["test", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


class TestTheExamples:
    """Every example case, record and checklist has a test file, and they pass."""

    def test_they_pass(self, capsys):
        """dme-rules test examples/tests exits 0 and counts every test (read by PyYAML)."""
        files = sorted((EXAMPLES / "tests").rglob("*.yaml"))
        count = sum(len(yaml.safe_load(path.read_text("utf-8"))) for path in files)
        code, out, err = run(capsys, str(EXAMPLES / "tests"))
        assert (0, [f"{count} tests, {count} réussis"], "") == (code, out, err)

    def test_every_example_has_a_test(self):
        """Each case and record file is some test's input_file; each checklist has its own
        test file (written inline)."""
        named = set()
        for path in (EXAMPLES / "tests").rglob("*.yaml"):
            for test in yaml.safe_load(path.read_text("utf-8")):
                if "input_file" in test:
                    named.add((path.parent / test["input_file"]).resolve())
        examples = {
            p.resolve() for folder in ("cases", "dmp") for p in (EXAMPLES / folder).glob("*.json")
        }
        assert examples == named
        consent = sorted(p.stem for p in (EXAMPLES / "consent").glob("*.json"))
        assert consent == sorted(p.stem for p in (EXAMPLES / "tests" / "consent").glob("*.yaml"))

    def test_english_summary(self, capsys):
        """--lang en says the summary in English."""
        code, out, _ = run(capsys, str(EXAMPLES / "tests" / "dmp"), "--lang", "en")
        # Nine records, deferred-data tested twice (its second reading).
        assert (0, ["10 tests, 10 passed"]) == (code, out)


class TestFailures:
    """A report that is not what the test expects: exit 1 and the differences."""

    def test_a_wrong_due_date(self, tmp_path, capsys):
        """The test's name, file:line, the key, the value expected and the one got."""
        path = write(tmp_path, "wrong.yaml", WRONG_DUE)
        code, out, err = run(capsys, str(path))
        assert 1 == code
        assert [
            f"ÉCHEC{NBSP}: Extraction attendue le 15 ({path}:1)",
            f"  qc.migration.extraction-deadline.due{NBSP}: attendu 2025-07-15, obtenu 2025-07-14",
            "1 test, 0 réussi, 1 échoué",
        ] == out
        assert "" == err

    def test_in_english(self, tmp_path, capsys):
        """--lang en says the failure in English."""
        path = write(tmp_path, "wrong.yaml", WRONG_DUE)
        code, out, _ = run(capsys, str(path), "--lang", "en")
        assert (1, [
            f"FAILED: Extraction attendue le 15 ({path}:1)",
            "  qc.migration.extraction-deadline.due: expected 2025-07-15, got 2025-07-14",
            "1 test, 0 passed, 1 failed",
        ]) == (code, out)  # fmt: skip

    def test_status_and_finding_count(self, tmp_path):
        """The report's status, and a list of two findings for a rule that has one."""
        path = write(tmp_path, "t.yaml", f"""\
- name: two
  as_of: 2025-09-01
  input_file: {SPEC_EXAMPLE}
  expect:
    status: compliant
    findings:
      qc.bch.complaint-follow-up:
        - {{status: violation}}
        - {{status: compliant}}
""")  # fmt: skip
        (test,) = read_test_file(path)
        lines = run_test(test).lines("en")
        assert [
            f"FAILED: two ({path}:1)",
            "  status: expected compliant, got violation",
            "  qc.bch.complaint-follow-up: expected 2 findings, got 1 finding",
        ] == lines

    def test_the_second_of_several_findings(self, tmp_path):
        """A list compares the rule's findings in order; the Nth is named from 1."""
        path = write(tmp_path, "t.yaml", f"""\
- name: complaints
  as_of: 2025-06-03T12:00:00-04:00
  input_file: {EXAMPLES / "cases" / "complaints-answered.json"}
  expect:
    findings:
      qc.bch.complaint-follow-up:
        - {{status: compliant}}
        - {{status: violation}}
""")  # fmt: skip
        (test,) = read_test_file(path)
        expected = ["  qc.bch.complaint-follow-up[2].status: expected violation, got compliant"]
        assert expected == run_test(test).lines("en")[1:]

    def test_a_failure_among_passes_and_errors(self, tmp_path, capsys):
        """A folder's files run in order; an unreadable one is an error (exit 2), the others
        still run and count."""
        write(tmp_path, "a.yaml", WRONG_DUE)
        write(tmp_path, "b.yml", WRONG_DUE.replace("2025-07-15", "2025-07-14"))
        write(tmp_path, "c.yaml", "- name: [\n")
        code, out, err = run(capsys, str(tmp_path), "--lang", "en")
        assert 2 == code
        assert "2 tests, 1 passed, 1 failed, 1 error" == out[-1]
        assert err.startswith(f"dme-rules: {tmp_path / 'c.yaml'}:2: attendu du YAML (")
        assert english(err).startswith("expected YAML (")


class TestComparison:
    """Values compare as the report's JSON writes them, by value."""

    @pytest.mark.parametrize(
        "expectation",
        [
            'cap: "6000"',  # the report writes "6000"
            'cap: "6000.00"',
            "cap: 6000",
            "amount: 6000",  # the report writes "6000.00"
            'amount: "6000.0"',
        ],
    )
    def test_amounts_by_value(self, tmp_path, expectation):
        """An amount as text or integer equals the report's decimal text of the same value."""
        path = write(tmp_path, "t.yaml", f"""\
- name: cap
  as_of: 2025-09-01
  input_file: {SPEC_EXAMPLE}
  expect:
    findings:
      qc.migration.import-fee-cap: {{{expectation}}}
""")  # fmt: skip
        (test,) = read_test_file(path)
        assert () == run_test(test).mismatches

    @pytest.mark.parametrize(
        ("due", "passes"),
        [
            ("2025-08-25T10:00:00-04:00", True),
            ("2025-08-25T14:00:00+00:00", True),  # the same instant
            ("2025-08-25T10:00:00+00:00", False),  # four hours earlier
            ("2025-08-25", False),  # a date is not the due instant
        ],
    )
    def test_instants_by_value(self, tmp_path, due, passes):
        """A due instant equals the same instant written with another offset."""
        path = write(tmp_path, "t.yaml", f"""\
- name: clock
  as_of: 2025-09-01
  input_file: {SPEC_EXAMPLE}
  expect:
    findings:
      qc.bch.complaint-follow-up: {{due: "{due}"}}
""")  # fmt: skip
        (test,) = read_test_file(path)
        assert passes == run_test(test).passed

    def test_tagged_timestamps(self, tmp_path):
        """A date or instant tagged !!timestamp in YAML reads as its ISO text, in the input as
        in the expectations."""
        path = write(tmp_path, "t.yaml", """\
- name: tagged
  as_of: 2025-09-01
  input: {case_id: a, request_transmitted_at: !!timestamp "2025-06-20T16:45:00-04:00",
          source_solution: A, target_solution: B, practitioners: 1}
  expect:
    findings:
      qc.migration.extraction-deadline: {due: !!timestamp 2025-07-14}
      qc.bch.complaint-follow-up: {status: not_applicable}
""")  # fmt: skip
        (test,) = read_test_file(path)
        # Fri 06-20: day 1 Mon 06-23 + 20 days = Sun 07-13, extended to Mon 07-14.
        assert [] == run_test(test).lines("en")

    CHECKLIST = """\
- name: checklist
  as_of: 2025-09-01
  input:
    subject: qc.emr.consent-assessment
    assessed_on: 2025-06-01
    feature: Dictée
    answers: {purpose: yes, informed: yes, third_party_access: no, explicit_consent: yes,
              consent_quality: no}
  expect:
    findings:
      qc.emr.new-feature-consent:
        details: {decision: do_not_proceed}
        message: MESSAGE
"""

    @pytest.mark.parametrize(("lang", "edit", "passes"), [
        ("fr", "", True), ("en", "", True), ("en", " (edited)", False), ("fr", "!", False),
    ])  # fmt: skip
    def test_details_and_message(self, tmp_path, lang, edit, passes):
        """details compares the keys it names; message is the sentence in either language."""
        (found,) = read_test_file(write(tmp_path, "t.yaml", self.CHECKLIST))[0].findings
        assert ({"decision": "do_not_proceed"}, "MESSAGE") == (
            found.findings[0]["details"],
            found.findings[0]["message"],
        )
        test = read_test_file(write(tmp_path, "t.yaml", self.CHECKLIST))[0]
        sentence = dme_rules.evaluate(test.subject, test.as_of).findings[0].message(lang)
        text = self.CHECKLIST.replace("MESSAGE", json.dumps(sentence + edit, ensure_ascii=False))
        (test,) = read_test_file(write(tmp_path, "t.yaml", text))
        assert passes == run_test(test).passed


class TestReading:
    """A test file is read as strictly as a case: every error names its file and line."""

    def error(self, tmp_path, text: str) -> YamlTestError:
        path = write(tmp_path, "t.yaml", text)
        with pytest.raises(YamlTestError) as caught:
            read_test_file(path)
        return caught.value

    def test_unknown_key(self, tmp_path):
        """A misspelt key is refused, named, at its line."""
        error = self.error(tmp_path, f"""\
- name: typo
  as_of: 2025-09-01
  input_file: {SPEC_EXAMPLE}
  expect:
    findings:
      qc.migration.extraction-deadline: {{days_lat: 2}}
""")  # fmt: skip
        assert (str(tmp_path / "t.yaml"), 6) == (error.path, error.line)
        assert str(error).startswith(
            f"{tmp_path / 't.yaml'}:6: days_lat\u00a0: attendu une des clés"
        )
        assert english(error.reason).startswith("days_lat: expected one of the keys")

    def test_unknown_test_key(self, tmp_path):
        """A key a test does not have is refused."""
        error = self.error(tmp_path, "- name: x\n  as_of: 2025-09-01\n  inptu: {}\n  expect: {}\n")
        assert (3, "inptu: expected one of the keys of test") == (
            error.line,
            english(error.reason)[: len("inptu: expected one of the keys of test")],
        )

    def test_unknown_rule(self, tmp_path):
        """An expectation names a rule of a pack."""
        error = self.error(tmp_path, f"""\
- name: x
  as_of: 2025-09-01
  input_file: {SPEC_EXAMPLE}
  expect:
    findings:
      qc.migration.extraction-dedline: {{status: compliant}}
""")  # fmt: skip
        expected = "qc.migration.extraction-dedline: expected one of the keys of findings"
        assert (6, expected) == (error.line, english(error.reason)[: len(expected)])

    def test_key_given_twice(self, tmp_path):
        """A key given twice in the input is refused, as in a case's JSON."""
        error = self.error(tmp_path, """\
- name: x
  as_of: 2025-09-01
  input: {case_id: a, case_id: b}
  expect: {status: compliant}
""")  # fmt: skip
        assert (3, "case_id: expected each key once") == (error.line, english(error.reason)[:31])

    def test_input_or_input_file(self, tmp_path):
        """A test names its subject once: input or input_file, not both."""
        error = self.error(tmp_path, f"""\
- name: x
  as_of: 2025-09-01
  input: {{}}
  input_file: {SPEC_EXAMPLE}
  expect: {{status: compliant}}
""")  # fmt: skip
        assert (1, "expected input or input_file (one of them)") == (
            error.line,
            english(error.reason)[:42],
        )

    @pytest.mark.parametrize("missing", ["name", "as_of", "expect"])
    def test_required_keys(self, tmp_path, missing):
        """name, as_of and expect are required."""
        keys = {"name": "x", "as_of": "2025-09-01", "expect": "{status: compliant}"}
        lines = [f"  {key}: {value}" for key, value in keys.items() if key != missing]
        text = "-" + "\n".join([*lines, f"  input_file: {SPEC_EXAMPLE}"])[1:] + "\n"
        error = self.error(tmp_path, text)
        assert f"attendu la clé {missing} / expected the key {missing}" == error.reason

    def test_the_input_is_read_as_check_reads_it(self, tmp_path):
        """An invalid subject is refused with its JSON path, as check refuses the file."""
        error = self.error(tmp_path, """\
- name: x
  as_of: 2025-09-01
  input: {case_id: a, request_transmitted_at: "2025-06-20T16:45:00", source_solution: A,
          target_solution: B, practitioners: 1}
  expect: {status: compliant}
""")  # fmt: skip
        assert (3, "input", "$.request_transmitted_at: expected") == (
            error.line, error.reason[:5], english(error.reason)[:34])  # fmt: skip

    def test_input_file_relative_to_the_test_file(self, tmp_path):
        """input_file is found beside the test file, whatever the working folder."""
        (tmp_path / "cases").mkdir()
        (tmp_path / "cases" / "c.json").write_bytes(SPEC_EXAMPLE.read_bytes())
        path = write(tmp_path, "t.yaml", """\
- name: relative
  as_of: 2025-09-01
  input_file: cases/c.json
  expect: {status: violation}
""")  # fmt: skip
        (test,) = read_test_file(path)
        assert "2025-0147" == test.subject.subject_id

    def test_a_date_is_the_end_of_its_day_in_the_subjects_zone(self, tmp_path):
        """as_of 2025-09-01 is 24:00 that day in Montreal for a case, in Paris for a record."""
        record = EXAMPLES / "dmp" / "deferred-data.json"
        path = write(tmp_path, "t.yaml", f"""\
- {{name: case, as_of: 2025-09-01, input_file: {SPEC_EXAMPLE}, expect: {{status: violation}}}}
- {{name: record, as_of: 2025-09-01, input_file: {record}, expect: {{status: violation}}}}
""")  # fmt: skip
        case, dmp = read_test_file(path)
        assert datetime(2025, 9, 2, tzinfo=ZoneInfo("America/Montreal")) == case.as_of
        assert datetime(2025, 9, 2, tzinfo=ZoneInfo("Europe/Paris")) == dmp.as_of
        assert "-04:00" == case.as_of.isoformat()[-6:]

    @pytest.mark.parametrize(
        ("as_of", "reason"),
        [
            ("2025-13-01", "expected a date such as 2025-09-01"),
            ("2025-09-01T12:00:00", "expected an instant with a UTC offset"),
            ("2025/09/01", "expected a date such as 2025-09-01"),
            ("20250901", "expected a text, got 20250901"),  # a number in YAML
        ],
    )
    def test_as_of_as_the_command_line_reads_it(self, tmp_path, as_of, reason):
        """A bad as_of is refused with the command line's words."""
        text = f"- {{name: x, as_of: {as_of}, input_file: {SPEC_EXAMPLE}, expect: {{}}}}\n"
        refused = self.error(tmp_path, text).reason
        assert ("as_of", reason) == (refused[:5], english(refused)[: len(reason)])

    def test_an_unknown_reading(self, tmp_path):
        """readings are ids of the catalogue."""
        error = self.error(tmp_path, f"""\
- name: x
  as_of: 2025-09-01
  readings: [civil-procedur]
  input_file: {SPEC_EXAMPLE}
  expect: {{status: violation}}
""")  # fmt: skip
        assert (3, "readings", "expected a reading id") == (
            error.line, error.reason[:8], english(error.reason)[:21])  # fmt: skip

    def test_not_yaml(self, tmp_path, capsys):
        """A file that is not YAML exits 2 with its path and line."""
        path = write(tmp_path, "t.yaml", "- name: x\n  expect: {status: [\n")
        code, out, err = run(capsys, str(path))
        assert (2, f"dme-rules: {path}:3: attendu du YAML (", "expected YAML (") == (
            code, err[: len(str(path)) + 32], english(err)[:15])  # fmt: skip
        assert ["0 test, 0 réussi, 1 erreur"] == out

    def test_a_list_of_tests(self, tmp_path, capsys):
        """A file of a scalar is refused: a list of tests is expected."""
        path = write(tmp_path, "t.yaml", "just text\n")
        code, _, err = run(capsys, str(path))
        expected = f"dme-rules: {path}:1: "
        assert (2, expected, "expected a list of tests") == (
            code, err[: len(expected)], english(err)[:24])  # fmt: skip

    def test_no_such_path(self, tmp_path, capsys):
        """A path that does not exist is an error, not zero tests passed."""
        code, _, err = run(capsys, str(tmp_path / "nope"))
        assert (2, f"dme-rules: {tmp_path / 'nope'}: ", "no such file or folder") == (
            code, err[: len(str(tmp_path / "nope")) + 13], english(err).strip())  # fmt: skip

    def test_conflicting_readings(self, tmp_path, capsys):
        """Readings the evaluation refuses make the test an error at its line."""
        path = write(tmp_path, "t.yaml", f"""\
- name: x
  as_of: 2025-09-01
  readings: [civil-procedure]
  input_file: {SPEC_EXAMPLE}
  expect: {{status: violation}}
""")  # fmt: skip
        code, out, err = run(capsys, str(path), "--reading", "procedure-2024")
        assert (2, ["1 test, 0 réussi, 1 erreur"]) == (code, out)
        assert err.startswith(f"dme-rules: {path}:1: ")

    def test_yes_and_no_are_answers(self, tmp_path):
        """A checklist's yes and no stay text, as in JSON (only true and false are booleans)."""
        path = write(tmp_path, "t.yaml", """\
- name: checklist
  as_of: 2025-09-01
  input:
    subject: qc.emr.consent-assessment
    assessed_on: 2025-06-01
    feature: Dictée
    answers: {purpose: yes, informed: no, third_party_access: no, explicit_consent: yes,
              consent_quality: yes}
  expect: {status: violation}
""")  # fmt: skip
        (test,) = read_test_file(path)
        assert ("yes", "no") == (test.subject.answers["purpose"], test.subject.answers["informed"])

    def test_nested_too_deep(self, tmp_path):
        """YAML nested five thousand levels deep is refused, not a crash."""
        error = self.error(tmp_path, "- " + "[" * 5000 + "]" * 5000 + "\n")
        assert "expected YAML nested less deeply" == english(error.reason)

    def test_aliases_that_expand_without_end(self, tmp_path, monkeypatch):
        """Aliases that would expand past the limit are refused before anything is built."""
        monkeypatch.setattr("dme_rules.testfiles.files.MAX_VALUES", 1000)
        # 10 x 10 x 10 = 1,000 texts under the last anchor: past 1,000 values with the rest.
        text = "\n".join([
            "a: &a [x, x, x, x, x, x, x, x, x, x]",
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
        ]) + "\n"  # fmt: skip
        error = self.error(tmp_path, text)
        assert "expected at most 1000 values, aliases expanded" == english(error.reason)

    def test_without_pyyaml(self, tmp_path, capsys, monkeypatch):
        """Without PyYAML the command says which extra to install, exit 2."""
        monkeypatch.setitem(sys.modules, "yaml", None)
        code, _, err = run(capsys, str(write(tmp_path, "t.yaml", WRONG_DUE)))
        assert 2 == code
        assert "pip install 'dme-rules[test-files]'" in err.split(" / ")[0]


class TestSummary:
    """The summary line's plurals are the language's (CLDR's)."""

    @pytest.mark.parametrize(
        ("counts", "lang", "expected"),
        [
            ((12, 12, 0, 0), "fr", "12 tests, 12 réussis"),
            ((1, 1, 0, 0), "fr", "1 test, 1 réussi"),
            ((0, 0, 0, 0), "fr", "0 test, 0 réussi"),  # zero is singular in French
            ((0, 0, 0, 0), "en", "0 tests, 0 passed"),
            ((12, 10, 1, 1), "fr", "12 tests, 10 réussis, 1 échoué, 1 erreur"),
            ((12, 9, 2, 3), "en", "12 tests, 9 passed, 2 failed, 3 errors"),
            ((3, 1, 2, 0), "fr", "3 tests, 1 réussi, 2 échoués"),
        ],
    )
    def test_summary(self, counts, lang, expected):
        """Counts, each with its noun in the right form."""
        assert expected == summary(*counts, lang)


def pytest_run(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """pytest in ``folder`` with only this package's plugin (the one this tree has)."""
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    env["PYTHONPATH"] = str(Path(dme_rules.__file__).parent.parent)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "dme_rules.pytest_plugin", "-p",
         "no:cacheprovider", "-rN", *argv],
        cwd=folder, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def outcome(done: subprocess.CompletedProcess[str]) -> str:
    """pytest's last line without its time: ``1 failed, 1 passed``."""
    return done.stdout.splitlines()[-1].split(" in ")[0].strip("= ")


class TestPytestPlugin:
    """pytest collects the test files of the folders named by dme_rules_test_paths."""

    @pytest.fixture
    def project(self, tmp_path):
        """A project: an ini naming rules/, a passing and a failing test file under it, and
        a YAML file of something else beside it."""
        write(tmp_path, "pytest.ini", "[pytest]\ndme_rules_test_paths = rules\n")
        (tmp_path / "rules").mkdir()
        write(tmp_path / "rules", "good.yaml", WRONG_DUE.replace("2025-07-15", "2025-07-14"))
        write(tmp_path / "rules", "wrong.yaml", WRONG_DUE)
        write(tmp_path, "settings.yaml", "- name: not a test\n  colour: blue\n")
        return tmp_path

    def test_collects_and_reports(self, project):
        """One item per test of the files under rules/, the failure as dme-rules test says it."""
        done = pytest_run(project, "-v")
        lines = done.stdout.splitlines()
        assert 1 == done.returncode
        assert "rules/good.yaml::Extraction attendue le 15 PASSED" in " ".join(lines)
        assert "rules/wrong.yaml::Extraction attendue le 15 FAILED" in " ".join(lines)
        path = project / "rules" / "wrong.yaml"
        expected = [
            f"ÉCHEC{NBSP}: Extraction attendue le 15 ({path}:1)",
            f"  qc.migration.extraction-deadline.due{NBSP}: attendu 2025-07-15, obtenu 2025-07-14",
        ]
        start = lines.index(expected[0])
        assert expected == lines[start : start + 2]
        assert "settings.yaml" not in done.stdout
        assert "1 failed, 1 passed" == outcome(done)

    def test_in_english(self, project):
        """dme_rules_lang = en says the failure in English."""
        write(
            project, "pytest.ini", "[pytest]\ndme_rules_test_paths = rules\ndme_rules_lang = en\n"
        )
        done = pytest_run(project)
        expected = "  qc.migration.extraction-deadline.due: expected 2025-07-15, got 2025-07-14"
        assert expected in done.stdout.splitlines()

    def test_nothing_without_the_option(self, project):
        """Without dme_rules_test_paths no YAML file is collected."""
        write(project, "pytest.ini", "[pytest]\n")
        done = pytest_run(project)
        assert (5, "no tests ran") == (done.returncode, outcome(done))

    def test_a_file_named_on_the_command_line(self, project):
        """A YAML file named on the command line is collected, whatever the ini says."""
        write(project, "pytest.ini", "[pytest]\n")
        done = pytest_run(project, "rules/wrong.yaml")
        assert (1, "1 failed") == (done.returncode, outcome(done))

    def test_an_unreadable_file(self, project):
        """A file that cannot be read is a collection error naming its line."""
        path = write(project / "rules", "bad.yaml", "- name: x\n  colour: blue\n")
        done = pytest_run(project)
        assert 2 == done.returncode
        (line,) = [line for line in done.stdout.splitlines() if f"{path}:2: colour" in line]
        assert "colour: expected one of the keys of test" in english(line)

    def test_registered_by_the_package(self):
        """The package declares the plugin as a pytest11 entry point, and the extra it needs;
        the core keeps three dependencies."""
        project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
        module = project["entry-points"]["pytest11"]["dme_rules.pytest_plugin"]
        assert "dme_rules.pytest_plugin" == module
        assert ["pyyaml>=6"] == project["optional-dependencies"]["test-files"]
        assert 3 == len(project["dependencies"])
