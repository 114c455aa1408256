"""Tests for the dme-rules command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from dme_rules import QUEBEC_CPC, quebec_lnt
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
            (["calendar"], "the following arguments are required: YEAR"),
            (["calendar", "2026", "--calendar", "xyz"], "invalid choice: 'xyz'"),
            (["calendar", "2026", "--format", "xml"], "invalid choice: 'xml'"),
            (["calendar", "2026", "--easter", "both"], "--easter applies to --calendar lnt"),
            (["calendar", "2026", "--calendar", "lnt", "--easter", "x"], "invalid choice: 'x'"),
            ([], "the following arguments are required: COMMAND"),
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
