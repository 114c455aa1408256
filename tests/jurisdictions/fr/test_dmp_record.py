"""The DMP record (SPEC §14): its strict JSON reading, its impossible facts, its schema, and
the command line and the engine reading it by its subject key."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from dme_rules import InvalidCaseError, evaluate
from dme_rules.cli import main
from dme_rules.engine.evaluation import read_subject
from dme_rules.jurisdictions.fr.subjects import DmpRecord
from dme_rules.schemas import schema

#: SPEC §14's example record.
SPEC_RECORD = {
    "subject": "fr.dmp.record",
    "record_id": "DMP-000123",
    "authorized_on": "2022-03-01",
    "closed_on": None,
    "purged_on": None,
    "oppositions": [{"filed_on": "2024-01-10", "legitimate_motive": True, "professional_id": None}],
    "deposits": [{"deposit_id": "d1", "at": "2024-05-02T10:00:00+02:00", "professional_id": "P1",
                  "inaccessible": True, "announcement_on": None, "holder_informed_on": None,
                  "made_accessible_on": None}],
    "accesses": [{"access_id": "a1", "at": "2024-05-03T09:00:00+02:00", "professional_id": "P2",
                  "emergency": False}],
    "notifications": [{"at": "2024-05-03T09:00:05+02:00", "recipient": "holder",
                       "about": "first_access", "access_id": "a1"}],
}  # fmt: skip


def record(**changes: object) -> dict[str, object]:
    return {**json.loads(json.dumps(SPEC_RECORD)), **changes}


def refused_at(document: object) -> str:
    with pytest.raises(InvalidCaseError) as raised:
        DmpRecord.from_dict(document)  # type: ignore[arg-type]
    return raised.value.path


class TestReading:
    def test_the_spec_example(self):
        found = DmpRecord.from_dict(SPEC_RECORD)
        assert found.record_id == "DMP-000123"
        assert found.deposits[0].deposited_on == date(2024, 5, 2)
        assert found.notifications[0].recipient == "holder"
        assert found.oppositions[0].professional_id is None  # all professionals

    def test_round_trip(self):
        found = DmpRecord.from_dict(SPEC_RECORD)
        assert DmpRecord.from_dict(found.to_dict()) == found
        assert found.to_dict()["subject"] == "fr.dmp.record"
        assert DmpRecord.from_json(found.to_json()) == found

    def test_a_notification_names_a_deposit(self):
        """A notice of a datum made inaccessible names its deposit (``deposit_id``)."""
        notice = {"at": "2024-05-03T09:00:00+02:00", "recipient": "holder",
                  "about": "deferred_data", "deposit_id": "d1"}  # fmt: skip
        found = DmpRecord.from_dict(record(notifications=[notice]))
        assert found.notifications[0].deposit_id == "d1"
        assert found.to_dict()["notifications"] == [notice]
        assert refused_at(record(notifications=[{**notice, "deposit_id": ""}])) == (
            "$.notifications[0].deposit_id"
        )

    def test_the_subject_key_is_required(self):
        document = record()
        del document["subject"]
        assert refused_at(document) == "$.subject"
        assert refused_at(record(subject="qc.migration.case")) == "$.subject"

    def test_read_by_its_subject_key(self):
        assert isinstance(read_subject(json.dumps(SPEC_RECORD)), DmpRecord)

    @pytest.mark.parametrize(
        ("change", "path"),
        [
            ({"record_id": ""}, "$.record_id"),
            ({"typo": 1}, "$.typo"),
            ({"authorized_on": "2022-02-30"}, "$.authorized_on"),
            ({"accesses": [{"access_id": "a", "at": "2024-05-03T09:00:00",
                            "professional_id": "P", "emergency": False}]}, "$.accesses[0].at"),
            ({"accesses": [{"access_id": "a", "at": "2024-05-03T09:00:00+02:00",
                            "professional_id": "P"}]}, "$.accesses[0].emergency"),
            ({"notifications": [{"at": "2024-05-03T09:00:05+02:00", "recipient": "patient",
                                 "about": "first_access"}]}, "$.notifications[0].recipient"),
            ({"notifications": [{"at": "2024-05-03T09:00:05+02:00", "recipient": "holder",
                                 "about": "access"}]}, "$.notifications[0].about"),
            ({"oppositions": [{"filed_on": "2024-01-10"}]}, "$.oppositions[0].legitimate_motive"),
        ],
    )  # fmt: skip
    def test_malformed(self, change, path):
        assert refused_at(record(**change)) == path

    def test_a_repeated_key(self):
        text = json.dumps(SPEC_RECORD).replace('"record_id"', '"record_id": "x", "record_id"', 1)
        with pytest.raises(InvalidCaseError, match="given twice"):
            DmpRecord.from_json(text)


class TestImpossibleFacts:
    def test_a_closure_before_the_authorization(self):
        assert refused_at(record(closed_on="2022-02-28")) == "$.closed_on"

    def test_a_purge_before_the_closure(self):
        assert refused_at(record(closed_on="2030-01-01", purged_on="2029-12-31")) == "$.purged_on"

    @pytest.mark.parametrize(
        "name", ["announcement_on", "holder_informed_on", "made_accessible_on"]
    )
    def test_a_deposit_act_before_the_deposit(self, name):
        document = record()
        document["deposits"][0][name] = "2024-05-01"  # type: ignore[index]
        assert refused_at(document) == f"$.deposits[0].{name}"
        document["deposits"][0][name] = "2024-05-02"  # type: ignore[index]  # the same day
        assert DmpRecord.from_dict(document)

    def test_the_deposit_day_is_its_date_in_paris(self):
        # 2024-05-01 23:30 UTC is 2 May 01:30 in Paris: an act on 2 May is not before it.
        document = record()
        document["deposits"][0].update(at="2024-05-01T23:30:00+00:00", announcement_on="2024-05-02")  # type: ignore[union-attr]
        assert DmpRecord.from_dict(document).deposits[0].deposited_on == date(2024, 5, 2)

    @pytest.mark.parametrize("items", ["deposits", "accesses"])
    def test_two_items_with_one_id(self, items):
        document = record()
        document[items] = [document[items][0], document[items][0]]  # type: ignore[index]
        key = "deposit_id" if items == "deposits" else "access_id"
        assert refused_at(document) == f"$.{items}[1].{key}"

    def test_a_notification_before_its_access_is_accepted(self):
        document = record()
        document["notifications"][0]["at"] = "2024-05-03T08:00:00+02:00"  # type: ignore[index]
        assert DmpRecord.from_dict(document).notifications[0].at < datetime.fromisoformat(
            "2024-05-03T09:00:00+02:00"
        )


class TestSchema:
    def test_the_example_validates_and_a_bad_one_does_not(self):
        jsonschema = pytest.importorskip("jsonschema")
        validator = jsonschema.Draft202012Validator(
            schema("dmp-record"), format_checker=jsonschema.FormatChecker()
        )
        assert list(validator.iter_errors(SPEC_RECORD)) == []
        assert list(validator.iter_errors(record(subject="qc.migration.case")))
        bad = record()
        del bad["subject"]
        assert list(validator.iter_errors(bad))  # the subject key is required
        bad = record(notifications=[{"at": "2024-05-03T09:00:05+02:00", "recipient": "x",
                                     "about": "first_access"}])  # fmt: skip
        assert list(validator.iter_errors(bad))
        named = {"at": "2024-05-03T09:00:05+02:00", "recipient": "holder",
                 "about": "deferred_data", "deposit_id": "d1"}  # fmt: skip
        assert list(validator.iter_errors(record(notifications=[named]))) == []
        assert list(validator.iter_errors(record(notifications=[{**named, "deposit_id": 1}])))


class TestEvaluation:
    def test_the_record_is_evaluated_in_its_jurisdiction(self):
        report = evaluate(SPEC_RECORD, datetime.fromisoformat("2024-06-01T12:00:00+02:00"))
        assert report.case_id == "DMP-000123"
        assert report.jurisdiction.id == "fr"
        assert report.calendar == "france"

    def test_check_a_date_is_the_end_of_that_day_in_paris(self, tmp_path, capsys):
        path = tmp_path / "record.json"
        path.write_text(json.dumps(SPEC_RECORD), encoding="utf-8")
        # Exit 1: the example's deposit of 2 May follows an opposition with a legitimate
        # motive filed on 10 January, covering every professional (FEEDING_OPPOSITION).
        assert main(["check", str(path), "--as-of", "2024-06-01", "--format", "json"]) == 1
        # 24:00 in Paris on 1 June (CEST, UTC+2), not in Montreal.
        assert json.loads(capsys.readouterr().out)["as_of"] == "2024-06-02T00:00:00+02:00"

    def test_check_refuses_a_plot_of_a_record(self, tmp_path, capsys):
        path = tmp_path / "record.json"
        path.write_text(json.dumps(SPEC_RECORD), encoding="utf-8")
        assert main(["check", str(path), "--plot", str(tmp_path / "x.png")]) == 2
        assert "--plot" in capsys.readouterr().err
