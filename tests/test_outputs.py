"""Tests for the report's other forms: FHIR, records, pandas, HTML."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fhir.resources.R4B.operationoutcome import OperationOutcome

from dme_rules import (
    RULES,
    Complaint,
    DmeRulesError,
    MigrationCase,
    Status,
    evaluate,
    evaluate_many,
)
from dme_rules.dataframes import reports_to_dataframe
from dme_rules.engine.fhir import RULE_SYSTEM

from .cases import at, change, minimal_case, spec_case

AS_OF = at("2025-09-01T12:00:00-04:00")


class TestFhir:
    """Report.to_fhir(): an OperationOutcome that validates against FHIR R4B."""

    def test_validates_and_has_one_issue_per_non_compliant_finding(self):
        """The SPEC example: a pending access period and an overdue complaint, two issues."""
        report = evaluate(spec_case(), AS_OF)
        outcome = OperationOutcome.model_validate(report.to_fhir())
        assert "2025-0147" == outcome.id
        issues = [(i.severity, i.details.coding[0].code) for i in outcome.issue]
        assert [
            ("information", "qc.migration.read-only-access"),
            ("error", "qc.bch.complaint-follow-up"),
        ] == issues
        for issue, finding in zip(
            outcome.issue,
            [f for f in report.findings if f.status is not Status.COMPLIANT],
            strict=True,
        ):
            assert "business-rule" == issue.code
            assert RULE_SYSTEM == issue.details.coding[0].system
            assert finding.message("fr") == issue.details.text

    def test_insufficient_data_is_a_warning(self):
        """A missing fee: a warning issue."""
        case = change(spec_case(), extraction__fee=None, complaints=None)
        outcome = OperationOutcome.model_validate(evaluate(case, AS_OF).to_fhir("en"))
        assert ["information", "warning"] == sorted(i.severity for i in outcome.issue)

    def test_nothing_to_say_is_one_information_issue(self):
        """All compliant: one informational issue (an OperationOutcome needs one)."""
        case = change(spec_case(), complaints=None)
        report = evaluate(case, at("2025-11-10T12:00:00-05:00"))
        assert Status.COMPLIANT == report.status
        outcome = OperationOutcome.model_validate(report.to_fhir("en"))
        assert [("information", "informational")] == [(i.severity, i.code) for i in outcome.issue]

    def test_json_serializable(self):
        """The dict is plain JSON."""
        assert json.loads(json.dumps(evaluate(spec_case(), AS_OF).to_fhir()))


class TestRecordsAndTables:
    """Flat rows, DataFrames and the notebook table."""

    def test_records(self):
        """One row per finding, with the case's verdict on each."""
        report = evaluate(spec_case(), AS_OF)
        rows = report.to_records("en")
        assert len(report.findings) == len(rows)
        assert {"violation"} == {row["case_status"] for row in rows}
        assert [f.rule_id for f in report.findings] == [row["rule_id"] for row in rows]
        assert rows[0]["message"].startswith("Data extraction deadline")
        by_rule = {row["rule_id"]: row for row in rows}
        assert (
            "procedure-2024;next-business-day;scope-presumed-standard;form-starts-process;"
            "court-calendar" == (by_rule["qc.migration.extraction-deadline"]["readings"])
        )
        assert (None, "no_complaint") == (
            by_rule["qc.migration.extraction-deadline"]["reason"],
            evaluate(change(spec_case(), complaints=None), AS_OF)
            .finding("qc.bch.complaint-follow-up")
            .reason,
        )

    def test_evaluate_many_takes_reading_ids(self):
        """evaluate_many(readings=[ids]) gives what evaluate gives, case by case."""
        cases = [spec_case(), change(spec_case(), case_id="other")]
        reports = list(evaluate_many(cases, AS_OF, readings=["civil-procedure"]))
        assert [evaluate(case, AS_OF, readings=["civil-procedure"]) for case in cases] == reports

    def test_dataframe_from_a_generator(self):
        """A thousand cases from a generator make a DataFrame of a row per finding."""
        import attrs

        cases = (attrs.evolve(spec_case(), case_id=f"c{i}") for i in range(1000))
        frame = reports_to_dataframe(evaluate_many(cases, AS_OF))
        assert 1000 * len(RULES.for_subject(MigrationCase)) == len(frame)  # a row per finding
        assert 1000 == frame["case_id"].nunique()
        assert {"violation"} == set(frame["case_status"])

    def test_dataframe_columns_and_types(self):
        """The columns of RECORD_COLUMNS in order, even with no report; day counts as
        integers (a missing one <NA>, never 12.0); reason and missing beside the message."""
        from dme_rules.engine.report import RECORD_COLUMNS

        # due_at after due, act_at after act_on
        columns = [*RECORD_COLUMNS[:8], "due_at", RECORD_COLUMNS[8], "act_at",
                   *RECORD_COLUMNS[9:]]  # fmt: skip
        assert ("due", "act_on") == (columns[7], columns[9])
        empty = reports_to_dataframe([])
        assert (columns, 0) == (list(empty.columns), len(empty))
        late = change(spec_case(), import__completed_on=date(2025, 8, 8), complaints=None,
                      read_only_access=None)  # fmt: skip
        frame = reports_to_dataframe([evaluate(late, AS_OF), evaluate(minimal_case(), AS_OF)])
        assert columns == list(frame.columns)
        assert {"Int64"} == {str(frame[c].dtype) for c in ("days_late", "days_left",
                                                           "business_days_late")}  # fmt: skip
        imported = frame[(frame["rule_id"] == "qc.migration.import-deadline")
                         & (frame["case_id"] == "2025-0147")].iloc[0]  # fmt: skip
        assert 2 == imported["days_late"]  # 08-08 - 08-06
        form = frame[(frame["rule_id"] == "qc.migration.request-form")
                     & (frame["case_id"] == "minimal")].iloc[0]  # fmt: skip
        assert ("insufficient_data", "$.request_form") == (form["status"], form["missing"])

    def test_dataframe_dates_are_typed(self):
        """Dates are datetime64 (NaT when none, never None); a due instant gives its local
        date in due and the instant in due_at (UTC); as_of is in UTC."""
        import pandas as pd

        frame = reports_to_dataframe([evaluate(spec_case(), AS_OF)])
        for column, dtype in {"due": "datetime64[us]", "act_on": "datetime64[us]",
                              "due_at": "datetime64[us, UTC]",
                              "as_of": "datetime64[us, UTC]"}.items():  # fmt: skip
            assert (column, dtype) == (column, str(frame[column].dtype))
        row = frame.set_index("rule_id").loc
        imported = row["qc.migration.import-deadline"]
        # 2025-06-20 request: official start 06-23, + 44 days = 08-06; imported 08-05
        assert (pd.Timestamp("2025-08-06"), pd.Timestamp("2025-08-05")) == (
            imported["due"], imported["act_on"])  # fmt: skip
        assert pd.NaT is imported["due_at"]  # a date deadline has no due instant
        complaint = row["qc.bch.complaint-follow-up"]
        # filed Wednesday 2025-08-20 10:00 -04:00: 72 business hours end Monday 08-25 10:00
        # -04:00, that is 14:00 UTC; the follow-up is not recorded
        assert (pd.Timestamp("2025-08-25"), pd.Timestamp("2025-08-25 14:00", tz="UTC")) == (
            complaint["due"], complaint["due_at"])  # fmt: skip
        assert pd.NaT is complaint["act_on"]  # not recorded: NaT, not None
        assert pd.NaT is complaint["act_at"]
        assert pd.Timestamp("2025-09-01 16:00", tz="UTC") == frame["as_of"].iloc[0]  # 12:00-04

    def test_dataframe_day_of_a_midnight_instant(self):
        """A due instant at local 00:00 is 24:00 of the day before, as its message says: filed
        Tue 2025-07-22 00:00 -04:00, 72 business hours end Fri 07-25 00:00, that is 07-24
        24:00; followed up at that very instant, on the 24th too."""
        import pandas as pd

        filed = at("2025-07-22T00:00:00-04:00")
        ended = at("2025-07-25T00:00:00-04:00")
        case = change(spec_case(), complaints=(Complaint(filed_at=filed, followed_up_at=ended),))
        report = evaluate(case, AS_OF)
        complaint = (
            reports_to_dataframe([report]).set_index("rule_id").loc["qc.bch.complaint-follow-up"]
        )
        assert ended == report.finding("qc.bch.complaint-follow-up").due
        assert (pd.Timestamp("2025-07-24"), pd.Timestamp("2025-07-24")) == (
            complaint["due"], complaint["act_on"])  # fmt: skip
        assert (pd.Timestamp(ended), pd.Timestamp(ended)) == (
            complaint["due_at"], complaint["act_at"])  # fmt: skip
        assert "2025-07-24 24:00" in complaint["message"]

    def test_dataframe_of_two_zones(self):
        """Reports of Quebec and France share one column of instants: as_of in UTC."""
        from pathlib import Path

        import pandas as pd

        from dme_rules.engine.evaluation import read_subject

        examples = Path(__file__).parent.parent / "examples"
        dmp = read_subject((examples / "dmp" / "deferred-data.json").read_bytes())
        frame = reports_to_dataframe([evaluate(spec_case(), AS_OF), evaluate(dmp, AS_OF)])
        assert 2 == frame["case_id"].nunique()
        assert {pd.Timestamp("2025-09-01 16:00", tz="UTC")} == set(frame["as_of"])

    def test_dataframe_without_pandas(self, monkeypatch):
        """Without pandas, a clear DmeRulesError says how to install it."""
        import builtins

        real_import = builtins.__import__

        def no_pandas(name, *args, **kwargs):
            if name == "pandas":
                raise ImportError(name)
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", no_pandas)
        with pytest.raises(DmeRulesError, match=r"pip install 'dme-rules\[pandas\]'"):
            reports_to_dataframe([])

    def test_html(self):
        """_repr_html_: a table with a row per finding and the verdict, HTML-escaped."""
        html = evaluate(spec_case(), AS_OF)._repr_html_()
        assert html.startswith("<table><caption>Dossier 2025-0147")
        assert html.count("<tr>") == 1 + len(evaluate(spec_case(), AS_OF).findings)
        assert "Verdict\u00a0: non conforme" in html
        assert "Délai d&#x27;extraction des données" in html
