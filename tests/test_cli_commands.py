"""The command line's other commands: calendar, rules, deadlines, schema and the rest."""

from __future__ import annotations

import json

import pytest

from dme_rules import QUEBEC_CPC, RULES, quebec_lnt
from tests.test_cli import run


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
