"""dme-rules audit (SPEC §12): inputs, columns, every format opened with its reader, the
summary, exit codes, worker processes."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dme_rules import JURISDICTIONS, ConsentAnswers, MigrationCase
from dme_rules.audit import COLUMNS, INVALID
from dme_rules.cli import main
from dme_rules.fr import DmpRecord

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = "2025-12-01"
#: How many findings one subject of each kind gets from its pack's rules (each rule one
#: finding, but for one finding per complaint).
CASE_RULES = len(JURISDICTIONS["qc"].rules.for_subject(MigrationCase))
CONSENT_RULES = len(JURISDICTIONS["qc"].rules.for_subject(ConsentAnswers))
RECORD_RULES = len(JURISDICTIONS["fr"].rules.for_subject(DmpRecord))


@pytest.fixture
def inputs(tmp_path):
    """The example folder, and a JSON Lines file: a case, a bad line, a consent checklist."""
    lines = tmp_path / "mixed.jsonl"
    case = json.loads((EXAMPLES / "cases" / "spec-example.json").read_text(encoding="utf-8"))
    answers = json.loads((EXAMPLES / "consent" / "online-booking-proceed.json").read_text("utf-8"))
    answers["subject"] = "qc.emr.consent-assessment"
    lines.write_text("\n".join([json.dumps(case), '{"case_id": "bad"}', json.dumps(answers)])
                     + "\n", encoding="utf-8")  # fmt: skip
    return [str(EXAMPLES / "cases"), str(lines)]


def audit(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["audit", *argv])
    out, err = capsys.readouterr()
    return code, out, err


class TestTable:
    def test_csv_on_standard_output(self, capsys, inputs):
        """One row per finding, the columns in order, sources as given; the bad line is one
        invalid_input row with check's message; exit 2 (an input was invalid)."""
        code, out, err = audit(capsys, *inputs, "--as-of", AS_OF, "--lang", "en")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert list(COLUMNS) == list(rows[0])
        assert 2 == code
        sources = list(dict.fromkeys(row["source"] for row in rows))
        files = sorted(str(path) for path in (EXAMPLES / "cases").rglob("*.json"))
        assert [*files, f"{inputs[1]}:1", f"{inputs[1]}:2", f"{inputs[1]}:3"] == sources
        (bad,) = [row for row in rows if row["status"] == INVALID]
        assert bad["source"] == f"{inputs[1]}:2"
        assert bad["message"].startswith(f"{inputs[1]}:2: $.request_transmitted_at : attendu")
        consent = [row for row in rows if row["source"] == f"{inputs[1]}:3"]
        assert ["qc.emr.new-feature-consent"] == [row["rule_id"] for row in consent]
        # The 9 cases, one extra complaint finding, the SPEC case again, 1 invalid, the checklist.
        cases = len(files) + 1
        assert cases * CASE_RULES + 1 + 1 + CONSENT_RULES == len(rows)
        late = [row["days_late"] for row in rows if row["days_late"]]
        assert late
        assert all(value.isdigit() for value in late)  # integers, never 12.0
        assert "12 inputs read, 1 invalid" in err
        assert err.startswith("As of 2025-12-01 24:00")

    def test_exit_codes(self, capsys, tmp_path):
        """1 when a finding is a violation (no invalid input), 0 when none is."""
        code, _, _ = audit(capsys, str(EXAMPLES / "cases" / "spec-example.json"), "--as-of",
                           AS_OF, "--quiet")  # fmt: skip
        assert 1 == code
        code, _, _ = audit(capsys, str(EXAMPLES / "cases" / "same-solution-on-time.json"),
                           "--as-of", "2025-07-02")  # fmt: skip
        assert 0 == code

    def test_jsonl_and_two_processes(self, capsys, inputs, tmp_path):
        """--jobs 2 writes what one process writes, line for line."""
        one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(one))
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(two), "--jobs", "2")
        assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
        first = json.loads(one.read_text(encoding="utf-8").splitlines()[0])
        assert list(COLUMNS) == list(first)

    def test_standard_input(self, capsys, monkeypatch):
        """- reads JSON Lines on standard input, sources -:N."""
        case = (EXAMPLES / "cases" / "spec-example.json").read_text(encoding="utf-8")
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(
            (json.dumps(json.loads(case)) + "\n").encode())))  # fmt: skip
        code, out, _ = audit(capsys, "-", "--as-of", AS_OF)
        rows = list(csv.DictReader(io.StringIO(out)))
        assert ({"-:1"}, 1) == ({row["source"] for row in rows}, code)


class TestFormats:
    def test_excel(self, capsys, inputs, tmp_path):
        """Findings and Summary sheets; dates typed, due_at after due holds the BCH instant."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "audit.xlsx"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path))
        book = openpyxl.load_workbook(path)
        assert ["Findings", "Summary"] == book.sheetnames
        sheet = book["Findings"]
        header = [cell.value for cell in sheet[1]]
        assert ["due", "due_at", "act_on"] == header[header.index("due") : header.index("due") + 3]
        rows = [dict(zip(header, (c.value for c in row), strict=True))
                for row in sheet.iter_rows(min_row=2)]  # fmt: skip
        bch = next(row for row in rows if row["rule_id"] == "qc.bch.complaint-follow-up"
                   and row["due_at"] is not None)  # fmt: skip
        assert bch["due"].date() == bch["due_at"].date()
        assert "inputs" in book["Summary"]["A1"].value or "entrée" in book["Summary"]["A1"].value

    def test_parquet(self, capsys, inputs, tmp_path):
        """Dates as dates, amounts as decimals, day counts as integers."""
        parquet = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "audit.parquet"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path))
        table = parquet.read_table(path)
        types = {field.name: str(field.type) for field in table.schema}
        assert ("date32[day]", "decimal128(38, 20)", "int64") == (
            types["due"], types["amount"], types["days_late"]
        )  # fmt: skip
        assert list(table.column_names) == [*COLUMNS[:9], "due_at", *COLUMNS[9:]]

    def test_html(self, capsys, inputs, tmp_path):
        """One self-contained page: no external resource, a chart, every source."""
        path = tmp_path / "audit.html"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path), "--lang", "en")
        page = path.read_text(encoding="utf-8")

        class Parser(HTMLParser):
            def __init__(self) -> None:
                super().__init__()
                self.tags: list[str] = []
                self.links: list[str] = []

            def handle_starttag(self, tag, attrs):
                self.tags.append(tag)
                self.links += [v for k, v in attrs if k in ("src", "href") and v]

        parser = Parser()
        parser.feed(page)
        assert ([], 1) == (parser.links, parser.tags.count("svg"))
        assert "Audit of the cases" in page
        assert f"{inputs[1]}:2" in page
        # Each finding with its sources, quoted in French.
        assert "<details><summary>Sources cited</summary>" in page
        assert "« Sur réception" in page
        # Statuses, headings and the legend in the page's language, not as codes.
        assert "<th>rule</th>" in page
        assert ">violation</span>" in page
        assert "not_applicable" not in page

    def test_html_in_french(self, capsys, inputs, tmp_path):
        path = tmp_path / "audit.html"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path))
        page = path.read_text(encoding="utf-8")
        assert "<th>règle</th>" in page
        assert ">non conforme</span>" in page
        assert ">entrée invalide</span>" in page
        assert ">sans objet</text>" in page  # the chart's legend

    @pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
    def test_binary_formats_need_a_file(self, capsys, inputs, fmt):
        code, out, err = audit(capsys, *inputs, "--format", fmt)
        assert (2, "") == (code, out)
        assert 1 == len(err.strip().splitlines())


class TestFrenchRecords:
    def test_records_mixed_with_cases(self, capsys, tmp_path):
        """DMP records and Quebec cases in one audit: each evaluated by its jurisdiction's
        rules; a plain --as-of date is the end of that day in each one's zone."""
        out = tmp_path / "audit.jsonl"
        code, _, err = audit(capsys, str(EXAMPLES / "dmp"),
                             str(EXAMPLES / "cases" / "spec-example.json"),
                             "--as-of", "2025-01-15", "--out", str(out))  # fmt: skip
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        records = [row for row in rows if row["rule_id"].startswith("fr.")]
        cases = [row for row in rows if row["rule_id"].startswith("qc.")]
        assert len(records) == len(list((EXAMPLES / "dmp").glob("*.json"))) * RECORD_RULES
        assert len(cases) == CASE_RULES
        assert {row["as_of"] for row in records} == {"2025-01-16T00:00:00+01:00"}  # Paris
        assert {row["as_of"] for row in cases} == {"2025-01-16T00:00:00-05:00"}  # Montreal
        assert code == 1  # violations, no invalid input
        assert "fr.dmp.retention" in err


class TestDatesInTheirZone:
    """Every date shown for a finding is in its pack's zone: a French due instant is a Paris
    date, whatever offset the record's events were written with."""

    #: An access at 23:30 UTC on 4 April 2024 (01:30 on 5 April in Paris): its first-access
    #: notice is due 24 hours later, 2024-04-05T23:30Z, 01:30 on 6 April in Paris (19:30 on
    #: 5 April in Montreal).
    RECORD = {
        "subject": "fr.dmp.record",
        "record_id": "DMP-ZONES",
        "authorized_on": "2023-05-02",
        "accesses": [{"access_id": "a1", "at": "2024-04-04T23:30:00Z",
                      "professional_id": "P1", "emergency": False}],
    }  # fmt: skip
    RULE = "fr.dmp.first-access-notice"

    @pytest.fixture
    def record(self, tmp_path):
        path = tmp_path / "record.json"
        path.write_text(json.dumps(self.RECORD), encoding="utf-8")
        return str(path)

    def test_csv_and_json_lines(self, capsys, record, tmp_path):
        """The due instant is written with Paris's offset: its date is the Paris date."""
        code, out, _ = audit(capsys, record, "--as-of", "2024-05-01")
        (row,) = [row for row in csv.DictReader(io.StringIO(out)) if row["rule_id"] == self.RULE]
        assert ("2024-04-06T01:30:00+02:00", 1) == (row["due"], code)
        path = tmp_path / "audit.jsonl"
        audit(capsys, record, "--as-of", "2024-05-01", "--out", str(path))
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        assert ["2024-04-06T01:30:00+02:00"] == [
            r["due"] for r in rows if r["rule_id"] == self.RULE
        ]

    def test_excel(self, capsys, record, tmp_path):
        """due is the Paris date; due_at the Paris wall-clock time (Excel has no zones)."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "audit.xlsx"
        audit(capsys, record, "--as-of", "2024-05-01", "--out", str(path))
        sheet = openpyxl.load_workbook(path).worksheets[0]
        header = [cell.value for cell in sheet[1]]
        rows = [dict(zip(header, (c.value for c in row), strict=True))
                for row in sheet.iter_rows(min_row=2)]  # fmt: skip
        (row,) = [row for row in rows if row["rule_id"] == self.RULE]
        assert "2024-04-06" == row["due"].date().isoformat()
        assert "2024-04-06T01:30:00" == row["due_at"].isoformat()

    def test_parquet(self, capsys, record, tmp_path):
        """due is the Paris date; due_at the instant."""
        parquet = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "audit.parquet"
        audit(capsys, record, "--as-of", "2024-05-01", "--out", str(path))
        rows = parquet.read_table(path).to_pylist()
        (row,) = [row for row in rows if row["rule_id"] == self.RULE]
        assert "2024-04-06" == row["due"].isoformat()
        assert "2024-04-05T23:30:00+00:00" == row["due_at"].isoformat()

    def test_html(self, capsys, record, tmp_path):
        """The page shows the due instant in Paris's local time."""
        path = tmp_path / "audit.html"
        audit(capsys, record, "--as-of", "2024-05-01", "--out", str(path))
        page = path.read_text(encoding="utf-8")
        assert "<td>2024-04-06 01:30</td>" in page
        assert "2024-04-05" not in page
