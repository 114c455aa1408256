"""The audit's outputs opened as people open them: the workbook and the spreadsheet CSV in
LibreOffice Calc (headless), the page in Chromium (skipped, with the reason, where absent).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from dme_rules.audit import COLUMNS

from . import test_audit
from .test_audit import AS_OF, audit

# The folder of inputs of tests/test_audit.py, a fixture shared by this module's tests.
from .test_audit import inputs as inputs


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: the spreadsheet checks need it")
    return found


def _convert(tmp_path: Path, source: Path, target: str, *options: str) -> Path:
    """``source`` converted by LibreOffice Calc headless, with a profile of its own."""
    folder = tmp_path / "converted"
    subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         *options, "--convert-to", target, "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder


class TestInASpreadsheet:
    """LibreOffice Calc, a real spreadsheet, opens what the audit writes."""

    FEES = test_audit.TestWhatAuditorsOpen.FEES

    def test_the_spreadsheet_csv_opens_split_and_typed(self, capsys, tmp_path):
        """The --excel CSV opened in a French locale: a column per field, dates as dates,
        amounts as numbers (1200,00 is 1200), day counts as numbers."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "audit.csv"
        audit(capsys, self.FEES, "--as-of", AS_OF, "--excel", "--out", str(path))
        # Import as a French-locale Calc does: ';' (59), '"' (34), UTF-8 (76), fr-FR (1036).
        folder = _convert(tmp_path, path, "xlsx",
                          "--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1036")  # fmt: skip
        sheet = openpyxl.load_workbook(folder / "audit.xlsx").worksheets[0]
        lines = list(sheet.iter_rows(values_only=True))
        assert list(COLUMNS) == list(lines[0])
        rows = [dict(zip(COLUMNS, line, strict=True)) for line in lines[1:]]
        fee = next(row for row in rows if row["rule_id"] == "qc.migration.extraction-fee-cap")
        assert (1200, 1000) == (fee["amount"], fee["cap"])
        dated = next(row for row in rows if row["days_late"] is not None)
        assert (datetime, int) == (type(dated["due"]), type(dated["days_late"]))

    def test_the_workbook_opens_typed(self, capsys, tmp_path):
        """The Excel file opened in Calc and saved as CSV as it shows: dates as
        2024-05-27, a heading row in words, the Summary's counts."""
        path = tmp_path / "audit.xlsx"
        audit(capsys, self.FEES, "--as-of", AS_OF, "--out", str(path))
        # Each sheet as shown (the 12th token: -1, every sheet to its own file).
        folder = _convert(
            tmp_path,
            path,
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        )
        shown = list(csv.reader(io.StringIO((folder / "audit-Constats.csv").read_text("utf-8"))))
        rows = [dict(zip(COLUMNS, line, strict=True)) for line in shown[1:]]
        deadline = next(row for row in rows if row["rule_id"] == "Délai d'extraction des données")
        assert ("Règle", "2024-05-27", "2024-05-24") == (
            shown[0][4],
            deadline["due"],
            deadline["act_on"],
        )
        counts = list(csv.reader(io.StringIO((folder / "audit-Synthèse.csv").read_text("utf-8"))))
        total = next(line for line in counts if line[0] == "Total")
        assert ["Total", "1", str(len(rows))] == total[:3]


class TestInABrowser:
    def test_the_page_renders(self, capsys, inputs, tmp_path):
        """Chromium headless draws the page (no network) into a screenshot."""
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser is None:
            pytest.skip("Chromium is not installed: the page is not drawn")
        path = tmp_path / "audit.html"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path))
        shot = tmp_path / "page.png"
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'browser'}", f"--screenshot={shot}",
             "--window-size=1400,2000", path.as_uri()],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        content = shot.read_bytes()
        assert (b"\x89PNG\r\n\x1a\n", 1400) == (content[:8], int.from_bytes(content[16:20], "big"))
