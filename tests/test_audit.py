"""dme-rules audit: inputs, columns, every format opened with its reader, the
summary, exit codes, worker processes."""

from __future__ import annotations

import csv
import io
import json
import xml.dom.minidom
from collections import Counter
from datetime import datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from dme_rules import JURISDICTIONS, ConsentAnswers, MigrationCase, evaluate
from dme_rules.audit import COLUMNS, INVALID, write_table
from dme_rules.cli import main
from dme_rules.fr import DmpRecord

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = "2025-12-01"
AS_OF_INSTANT = "2025-12-01T17:00:00-05:00"
#: Hypothesis settings for a comparison in one process, and for one that starts workers.
FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WORKERS = settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
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
        """Sheets Constats and Synthèse (French by default); the columns of every format,
        headed in words; due_at after due holds the BCH instant as text with its offset."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "audit.xlsx"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path))
        book = openpyxl.load_workbook(path)
        assert ["Constats", "Synthèse"] == book.sheetnames
        sheet = book["Constats"]
        header = [cell.value for cell in sheet[1]]
        assert len(COLUMNS) == len(header)
        due = header.index("Échéance")
        assert ["Échéance", "Échéance (heure)", "Acte", "Acte (heure)"] == header[due : due + 4]
        rows = [dict(zip(COLUMNS, (c.value for c in row), strict=True))
                for row in sheet.iter_rows(min_row=2)]  # fmt: skip
        bch = next(row for row in rows if row["rule_id"] == "Suivi d'une plainte par le BCH"
                   and row["due_at"] is not None)  # fmt: skip
        assert bch["due"].date().isoformat() == bch["due_at"][:10]

    def test_parquet(self, capsys, inputs, tmp_path):
        """Dates as dates, amounts as cents (not 38 digits), day counts as integers, the
        rule's version as text, instants in the cases' zone."""
        parquet = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "audit.parquet"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path))
        table = parquet.read_table(path)
        types = {field.name: str(field.type) for field in table.schema}
        assert ("date32[day]", "decimal128(18, 2)", "int64", "string") == (
            types["due"], types["amount"], types["days_late"], types["rule_version"]
        )  # fmt: skip
        zoned = "timestamp[us, tz=America/Montreal]"
        assert (zoned, zoned, zoned) == (types["as_of"], types["due_at"], types["act_at"])
        assert list(COLUMNS) == table.column_names

    def test_html(self, capsys, inputs, tmp_path):
        """One self-contained page: no external resource, a chart, every source."""
        path = tmp_path / "audit.html"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path), "--lang", "en")
        page = path.read_text(encoding="utf-8")
        parsed = Page(page)
        assert ([], 1) == (parsed.links, parsed.tags.count("svg"))
        assert "Audit of the cases" in page
        assert f"{inputs[1]}:2" in page
        # Each finding with its sources, quoted in French.
        assert "<details><summary>Sources cited</summary>" in page
        assert "« Sur réception" in page
        # Statuses, headings, parties, rules and the legend in the page's language.
        assert "<th>Rule</th>" in page
        assert ">violation</span>" in page
        assert "not_applicable" not in page
        assert "source_vendor" not in page
        assert "qc.migration" not in page

    def test_html_in_french(self, capsys, inputs, tmp_path):
        """French by default: headings, statuses, the invalid input, the chart's legend."""
        path = tmp_path / "audit.html"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path))
        page = path.read_text(encoding="utf-8")
        assert "<th>Règle</th>" in page
        assert ">non conforme</span>" in page
        assert ">entrée invalide</span>" in page
        assert ">sans objet</text>" in page  # the chart's legend
        assert ">fournisseur actuel</td>" in page

    @pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
    def test_binary_formats_need_a_file(self, capsys, inputs, fmt):
        """Excel and Parquet without --out: exit 2, one line."""
        code, out, err = audit(capsys, *inputs, "--format", fmt)
        assert (2, "") == (code, out)
        assert 1 == len(err.strip().splitlines())


class Page(HTMLParser):
    """An HTML page as a reader finds it: its tags, links, text and SVG texts, the classes
    of its cells."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.texts: list[str] = []
        self.svg_texts: list[str] = []
        self.date_cells: list[str] = []
        self._open: list[str] = []
        self._cell: list[str] | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._open.append(tag)
        self.links += [v for k, v in attrs if k in ("src", "href") and v]
        if tag == "td" and ("class", "date") in attrs:
            self._cell = []

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()
        if tag == "td" and self._cell is not None:
            self.date_cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        self.texts.append(data)
        if self._open and self._open[-1] == "text":
            self.svg_texts.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read_csv(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


class TestWhatAuditorsOpen:
    """Every format the same columns, each column one type; the spreadsheet CSV; the
    Excel file and the HTML page in words, with counts."""

    COMPLAINTS = str(EXAMPLES / "cases" / "complaints-answered.json")
    FEES = str(EXAMPLES / "cases" / "fees-over-caps.json")

    def test_the_same_columns_in_every_format(self, capsys, inputs, tmp_path):
        """CSV, JSON Lines and Parquet: the codes of COLUMNS, due_at right after due and
        act_at right after act_on; Excel: as many headings, in words."""
        openpyxl = pytest.importorskip("openpyxl")
        parquet = pytest.importorskip("pyarrow.parquet")
        expected = [*COLUMNS[:8], "due", "due_at", "act_on", "act_at", *COLUMNS[12:]]
        _, out, _ = audit(capsys, *inputs, "--as-of", AS_OF, "--lang", "en")
        found = {"csv": list(read_csv(out)[0])}
        for fmt in ("jsonl", "parquet", "xlsx"):
            audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(tmp_path / f"a.{fmt}"))
        lines = (tmp_path / "a.jsonl").read_text("utf-8").splitlines()
        found["jsonl"] = list(json.loads(lines[0]))
        found["parquet"] = parquet.read_table(tmp_path / "a.parquet").column_names
        assert {"csv": expected, "jsonl": expected, "parquet": expected} == found
        sheet = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0]
        assert 22 == len(COLUMNS) == len([cell.value for cell in sheet[1]])

    def test_a_due_instant_at_midnight_is_due_the_day_before(self, capsys):
        """The BCH's second complaint is due 2025-04-25T00:00-04:00, which its message says
        « échéance 2025-04-24 24:00 »: due is 2025-04-24, due_at the instant; the act at
        09:00 on 2025-04-24 is act_on 2025-04-24, act_at the instant."""
        _, out, _ = audit(capsys, self.COMPLAINTS, "--as-of", AS_OF)
        second = [row for row in read_csv(out) if row["rule_id"] == "qc.bch.complaint-follow-up"][1]
        expected = ("2025-04-24", "2025-04-25T00:00:00-04:00", "2025-04-24",
                    "2025-04-24T09:00:00-04:00")  # fmt: skip
        assert expected == (second["due"], second["due_at"], second["act_on"], second["act_at"])
        assert "échéance 2025-04-24 24:00 (HAE)" in second["message"]

    def test_rows_a_caller_makes_from_records(self):
        """write_table on rows made from Report.to_records (no due_at): the same split, the
        BCH's due instant 2025-04-25T00:00-04:00 its day 2025-04-24 and the instant."""
        case = MigrationCase.from_json(Path(self.COMPLAINTS).read_text(encoding="utf-8"))
        report = evaluate(case, datetime.fromisoformat("2025-12-02T00:00:00-05:00"))
        rows = [dict(record, source="mine") for record in report.to_records()]
        out = io.StringIO()
        write_table(rows, out, "csv")
        second = [row for row in read_csv(out.getvalue())
                  if row["rule_id"] == "qc.bch.complaint-follow-up"][1]  # fmt: skip
        assert ("2025-04-24", "2025-04-25T00:00:00-04:00") == (second["due"], second["due_at"])

    def test_a_column_never_changes_type(self, capsys, inputs):
        """pandas reads due and act_on as dates (parse_dates), day counts as integers,
        rule_version as the text JSON Lines gives it."""
        pd = pytest.importorskip("pandas")
        _, out, _ = audit(capsys, *inputs, self.COMPLAINTS, "--as-of", AS_OF)
        frame = pd.read_csv(io.StringIO(out), parse_dates=["due", "act_on"],
                            dtype={"rule_version": "string"})  # fmt: skip
        kinds = {column: frame[column].dtype.kind for column in ("due", "act_on")}
        assert {"due": "M", "act_on": "M"} == kinds
        late = frame["days_late"].dropna()
        assert (late == late.round()).all()
        assert {"1", "2"} == set(frame["rule_version"].dropna())

    def test_json_lines_types(self, capsys, tmp_path):
        """JSON Lines: rule_version a string, day counts integers, amounts decimal strings."""
        path = tmp_path / "a.jsonl"
        audit(capsys, self.FEES, "--as-of", AS_OF, "--out", str(path))
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        fee = next(row for row in rows if row["rule_id"] == "qc.migration.extraction-fee-cap")
        late = next(row for row in rows if row["days_late"] is not None)
        assert ("1", "1200.00", int) == (
            fee["rule_version"],
            fee["amount"],
            type(late["days_late"]),
        )

    def test_parquet_decimals_and_instants(self, capsys, tmp_path):
        """Parquet amounts are cents: 1200.00 is Decimal('1200.00') in decimal128(18, 2);
        as_of carries Montreal's zone: 2025-12-02T00:00-05:00 is the end of 2025-12-01."""
        parquet = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "a.parquet"
        audit(capsys, self.FEES, "--as-of", AS_OF, "--out", str(path))
        rows = parquet.read_table(path).to_pylist()
        fee = next(row for row in rows if row["rule_id"] == "qc.migration.extraction-fee-cap")
        assert (Decimal("1200.00"), Decimal("1000.00")) == (fee["amount"], fee["cap"])
        assert "2025-12-02T00:00:00-05:00" == fee["as_of"].isoformat()

    def test_the_spreadsheet_csv(self, capsys, tmp_path):
        """--excel: a byte order mark, ';' between cells, a decimal comma; codes as in CSV."""
        path = tmp_path / "audit.csv"
        code, _, _ = audit(capsys, self.FEES, "--as-of", AS_OF, "--excel", "--out", str(path))
        raw = path.read_bytes()
        assert (1, b"\xef\xbb\xbf") == (code, raw[:3])
        rows = read_csv(raw[3:].decode("utf-8"), delimiter=";")
        assert list(COLUMNS) == list(rows[0])
        fee = next(row for row in rows if row["rule_id"] == "qc.migration.extraction-fee-cap")
        assert ("1200,00", "1000", "violation") == (fee["amount"], fee["cap"], fee["status"])

    def test_a_folder_without_cases_is_refused(self, capsys, tmp_path):
        """A folder holding no *.json file (a wrong path, most likely) is refused before
        anything is written: exit 2, one line naming it, nothing on standard output."""
        (tmp_path / "notes.txt").write_text("not a case", encoding="utf-8")
        code, out, err = audit(capsys, str(tmp_path), "--as-of", AS_OF)
        assert (2, "") == (code, out)
        assert [
            f"dme-rules audit: {tmp_path}\u00a0: attendu un dossier de fichiers *.json\u00a0; "
            f"aucun trouvé / {tmp_path}: expected a folder holding *.json files; found none"
        ] == err.splitlines()

    def test_excel_needs_csv(self, capsys, inputs):
        """--excel with another format: exit 2, one line naming both."""
        code, _, err = audit(capsys, *inputs, "--excel", "--format", "jsonl")
        assert 2 == code
        assert ("--excel", "jsonl") == tuple(word for word in ("--excel", "jsonl") if word in err)

    def test_the_workbook_for_people(self, capsys, inputs, tmp_path):
        """Statuses, parties, rule titles and reasons in words; typed dates and amounts;
        as_of as text with its offset; widths, a frozen heading row, a filter."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "audit.xlsx"
        audit(capsys, *inputs, self.FEES, "--as-of", AS_OF, "--out", str(path))
        sheet = openpyxl.load_workbook(path).worksheets[0]
        rows = [dict(zip(COLUMNS, (c.value for c in row), strict=True))
                for row in sheet.iter_rows(min_row=2)]  # fmt: skip
        fee = next(row for row in rows if row["rule_id"] == "Plafond des frais d'extraction"
                   and row["status"] == "non conforme")  # fmt: skip
        assert ("fournisseur actuel", Decimal("1200"), Decimal("1000"), "1") == (
            fee["obligated_party"], Decimal(str(fee["amount"])), Decimal(str(fee["cap"])),
            fee["rule_version"],
        )  # fmt: skip
        # 2025-12-01 as of: 24:00 of that day, Montreal's offset in December.
        assert "2025-12-01 24:00 UTC-05:00" == fee["as_of"]
        dated = next(row for row in rows if row["due"] is not None)
        amount = COLUMNS.index("amount") + 1
        assert (datetime, "yyyy-mm-dd", "#,##0.00") == (
            type(dated["due"]), sheet.cell(2, COLUMNS.index("due") + 1).number_format,
            sheet.cell(2, amount).number_format,
        )  # fmt: skip
        assert {"sans objet", "conforme", "non conforme"} <= {row["status"] for row in rows}
        assert "aucune plainte" in {row["reason"] for row in rows}
        assert not {"compliant", "source_vendor"} & {v for row in rows for v in row.values()}
        last = sheet.max_row
        assert ("A2", f"A1:V{last}") == (sheet.freeze_panes, sheet.auto_filter.ref)
        assert all(
            sheet.column_dimensions[letter].width >= 8 for letter in "ABCDEFGHIJKLMNOPQRSTUV"
        )
        # Printed in landscape, the heading row on every page: the findings three pages
        # wide, the counts one.
        printed = [(s.page_setup.orientation, s.sheet_properties.pageSetUpPr.fitToPage,
                    s.page_setup.fitToWidth, s.page_setup.fitToHeight, s.print_title_rows)
                   for s in openpyxl.load_workbook(path).worksheets]  # fmt: skip
        assert [("landscape", True, 3, 0, "$1:$1"), ("landscape", True, 1, 0, "$1:$1")] == printed

    def test_in_english(self, capsys, inputs, tmp_path):
        """--lang en: the sheets, headings and words in English."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "audit.xlsx"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path), "--lang", "en")
        book = openpyxl.load_workbook(path)
        header = [cell.value for cell in book.worksheets[0][1]]
        assert (["Findings", "Summary"], "Obligated party") == (book.sheetnames, header[7])
        values = {cell.value for row in book.worksheets[0].iter_rows(min_row=2) for cell in row}
        assert {"current vendor", "not applicable", "Extraction fee cap"} <= values

    def test_every_reason_in_words(self, capsys, tmp_path):
        """A reason whose sentence says a detail the row lacks (a rule not in force on a
        2022 request: « en vigueur à partir du … ») reads in words too, never as its code."""
        openpyxl = pytest.importorskip("openpyxl")
        case = EXAMPLES / "cases" / "request-2022-first-versions.json"
        expected = {"fr": "aucune version en vigueur à la date du dossier",
                    "en": "no version in force on the case's date"}  # fmt: skip
        for lang, words in expected.items():
            path = tmp_path / f"audit-{lang}.xlsx"
            audit(capsys, str(case), "--as-of", AS_OF, "--out", str(path), "--lang", lang)
            sheet = openpyxl.load_workbook(path).worksheets[0]
            column = COLUMNS.index("reason")
            reasons = {row[column].value for row in sheet.iter_rows(min_row=2)} - {None}
            assert words in reasons
            assert [] == [reason for reason in reasons if "_" in reason]

    def test_the_summary_sheet_counts(self, capsys, inputs, tmp_path):
        """A table by status (cases, findings) and one by rule and status, totals last:
        the counts the CSV of the same audit gives, counted here with csv."""
        openpyxl = pytest.importorskip("openpyxl")
        _, out, _ = audit(capsys, *inputs, "--as-of", AS_OF, "--lang", "en")
        rows = read_csv(out)
        path = tmp_path / "audit.xlsx"
        audit(capsys, *inputs, "--as-of", AS_OF, "--out", str(path), "--lang", "en")
        lines = [
            [c for c in line if c is not None]
            for line in openpyxl.load_workbook(path)["Summary"].iter_rows(values_only=True)
        ]
        labels = {"compliant": "compliant", "violation": "violation", "pending": "pending",
                  "not_applicable": "not applicable", "insufficient_data": "insufficient data",
                  INVALID: "invalid input"}  # fmt: skip
        findings = [row for row in rows if row["status"] != INVALID]
        by_status = Counter(labels[row["status"]] for row in findings)
        first = {source: row for row in reversed(rows) for source in [row["source"]]}
        cases = Counter(labels[row["case_status"]] for row in first.values())
        assert ["By status"] == lines[0]
        assert ["Status", "Cases", "Findings"] == lines[1]
        table = {line[0]: (line[1], line[2]) for line in lines[2 : lines.index([])]}
        assert {label: (cases[label], by_status[label]) for label in cases | by_status} == {
            label: counts for label, counts in table.items() if label != "Total"}  # fmt: skip
        assert (len(first), len(findings)) == table["Total"]
        rule_table = lines[lines.index([]) + 2 :]
        statuses = rule_table[0][1:-1]
        counted = {(line[0], status): n for line in rule_table[1:-1]
                   for status, n in zip(statuses, line[1:-1], strict=True) if n}  # fmt: skip
        title = {row["rule_id"]: row["message"].split(":")[0] for row in findings}
        expected = Counter((title[row["rule_id"]], labels[row["status"]]) for row in findings)
        assert dict(expected) == counted
        assert ["Total", *(by_status[s] for s in statuses), len(findings)] == rule_table[-1]

    def test_the_html_page(self, capsys, inputs, tmp_path):
        """The page says the instant evaluated at; the chart counts each part and each bar
        and its legend lists only the statuses met; dates never wrap; the BCH instant in
        Montreal's local time, as the message says it."""
        path = tmp_path / "audit.html"
        audit(capsys, *inputs, self.COMPLAINTS, "--as-of", AS_OF, "--out", str(path))
        page = Page(path.read_text(encoding="utf-8"))
        assert "Évalué au 2025-12-01 24:00 (HNE)" in page.texts
        _, out, _ = audit(capsys, *inputs, self.COMPLAINTS, "--as-of", AS_OF)
        findings = [row for row in read_csv(out) if row["status"] != INVALID]
        per_rule = Counter(row["rule_id"] for row in findings)
        # Each bar ends with its total (the SVG's bold numbers); every part shows its count.
        numbers = [int(text) for text in page.svg_texts if text.isdigit()]
        assert sum(per_rule.values()) * 2 == sum(numbers)
        met = {row["status"] for row in findings}
        labels = {
            "compliant": "conforme",
            "violation": "non conforme",
            "pending": "en cours",
            "not_applicable": "sans objet",
            "insufficient_data": "données insuffisantes",
        }
        legend = [text for text in page.svg_texts if text in labels.values()]
        assert sorted(labels[status] for status in met) == sorted(legend)
        assert "en cours" not in legend  # no finding of these cases is pending on 2025-12-01
        assert "2025-04-24 24:00 (HAE)" in page.date_cells
        assert ".date{white-space:nowrap}" in path.read_text(encoding="utf-8")
        assert "<span class='date'>2025-04-24 24:00 (HAE)</span>" in path.read_text("utf-8")
        # The chart is well-formed SVG, as an XML reader sees it (saved alone, or in XHTML).
        text = path.read_text(encoding="utf-8")
        chart = text[text.index("<svg") : text.index("</svg>") + len("</svg>")]
        rects = xml.dom.minidom.parseString(chart).getElementsByTagName("rect")
        assert rects
        assert all(
            float(rect.getAttribute(name)) >= 0 for rect in rects for name in ("x", "y", "width")
        )


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
        assert "Conservation du DMP fermé" in err  # the retention rule, by its title

    def test_the_page_names_each_packs_instant(self, capsys, tmp_path):
        """A page of records and cases says each pack's instant in its local time, the
        sentence after the pack's name in lower case: 2025-01-15 24:00 in Montreal (EST, which
        Quebec's French writes HNE) and in Paris (CET, UTC+1)."""
        from dme_rules import JURISDICTIONS

        out = tmp_path / "audit.html"
        audit(capsys, str(EXAMPLES / "dmp" / "deferred-data.json"),
              str(EXAMPLES / "cases" / "spec-example.json"),
              "--as-of", "2025-01-15", "--out", str(out))  # fmt: skip
        page = Page(out.read_text(encoding="utf-8"))
        for pack, zone in (("qc", "HNE"), ("fr", "UTC+1")):
            name = JURISDICTIONS[pack].name_fr
            assert f"{name}\u00a0: évalué au 2025-01-15 24:00 ({zone})" in page.texts


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
        """due is the Paris date, due_at the instant with Paris's offset."""
        code, out, _ = audit(capsys, record, "--as-of", "2024-05-01")
        (row,) = [row for row in csv.DictReader(io.StringIO(out)) if row["rule_id"] == self.RULE]
        assert ("2024-04-06", "2024-04-06T01:30:00+02:00", 1) == (row["due"], row["due_at"], code)
        path = tmp_path / "audit.jsonl"
        audit(capsys, record, "--as-of", "2024-05-01", "--out", str(path))
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        assert [("2024-04-06", "2024-04-06T01:30:00+02:00")] == [
            (r["due"], r["due_at"]) for r in rows if r["rule_id"] == self.RULE
        ]

    def test_excel(self, capsys, record, tmp_path):
        """due is the Paris date; due_at the Paris wall-clock time with its offset, as text
        (a spreadsheet has no zones)."""
        openpyxl = pytest.importorskip("openpyxl")
        path = tmp_path / "audit.xlsx"
        audit(capsys, record, "--as-of", "2024-05-01", "--out", str(path))
        sheet = openpyxl.load_workbook(path).worksheets[0]
        rows = [dict(zip(COLUMNS, (c.value for c in row), strict=True))
                for row in sheet.iter_rows(min_row=2)]  # fmt: skip
        (row,) = [row for row in rows if row["rule_id"] == "Notification du premier accès"]
        assert "2024-04-06" == row["due"].date().isoformat()
        assert "2024-04-06 01:30 UTC+02:00" == row["due_at"]

    def test_parquet(self, capsys, record, tmp_path):
        """due is the Paris date; due_at the instant, in Paris's zone."""
        parquet = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "audit.parquet"
        audit(capsys, record, "--as-of", "2024-05-01", "--out", str(path))
        rows = parquet.read_table(path).to_pylist()
        (row,) = [row for row in rows if row["rule_id"] == self.RULE]
        assert "2024-04-06" == row["due"].isoformat()
        assert "2024-04-06T01:30:00+02:00" == row["due_at"].isoformat()

    def test_html(self, capsys, record, tmp_path):
        """The page shows the due instant in Paris's local time."""
        path = tmp_path / "audit.html"
        audit(capsys, record, "--as-of", "2024-05-01", "--out", str(path))
        page = path.read_text(encoding="utf-8")
        assert "<td class='date'>2024-04-06 01:30 (UTC+2)</td>" in page  # CEST
        assert "2024-04-05" not in page


# -- outputs written safely, cells safe for people ---------------------------------------------
