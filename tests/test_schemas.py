"""The JSON Schemas (SPEC §13): every valid document validates, and the schema refuses what
the library refuses wherever JSON Schema can say it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dme_rules import ConsentAnswers, DmeRulesError, MigrationCase, evaluate
from dme_rules.cli import main
from dme_rules.errors import InvalidArgumentError
from dme_rules.jurisdictions.fr.subjects import DmpRecord
from dme_rules.schemas import schema, schema_names

from . import strategies
from .fuzzing import MUTATIONS, seeds

jsonschema = pytest.importorskip("jsonschema")

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = [
    datetime.fromisoformat(text)
    for text in ("2021-11-01T12:00:00-04:00", "2025-09-01T12:00:00-04:00",
                 "2030-01-01T12:00:00-05:00")
]  # fmt: skip
SEEDS = seeds()
READERS = {
    "case": MigrationCase.from_json,
    "consent": ConsentAnswers.from_json,
    "dmp-record": DmpRecord.from_json,
}

#: What the library refuses and a schema cannot say, by the words of the library's error.
UNSAYABLE = (
    "given twice",  # a key twice: decoded JSON has one
    "visible character",  # a string of invisible characters
    "on or after",  # facts that cannot be true together
    "does not exist",  # a date and time that does not exist (30 February at 10:00)
    "an instant in the years",  # in the years as written, not once in UTC
    "nested",
)


def integral_float(value: Any) -> bool:
    """Whether ``value`` holds a number written with a decimal point but no fraction (``2.0``),
    which JSON Schema counts as an integer and the library refuses (a binary float)."""
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        return any(integral_float(item) for item in value.values())
    if isinstance(value, list):
        return any(integral_float(item) for item in value)
    return False


def validator(name: str) -> Any:
    found = schema(name)
    jsonschema.Draft202012Validator.check_schema(found)
    return jsonschema.Draft202012Validator(found, format_checker=jsonschema.FormatChecker())


VALIDATORS = {name: validator(name) for name in ("case", "consent", "dmp-record")}
REPORT = validator("report")


def errors(validate: Any, document: Any) -> list[str]:
    return [error.message for error in validate.iter_errors(document)]


class TestValidDocuments:
    @pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*/*.json")), ids=lambda p: p.stem)
    def test_every_example_and_its_reports_validate(self, path):
        document = json.loads(path.read_text("utf-8"))
        kind = {"cases": "case", "consent": "consent", "dmp": "dmp-record"}[path.parent.name]
        assert errors(VALIDATORS[kind], document) == []
        subject = READERS[kind](path.read_text("utf-8"))
        for as_of in AS_OF:
            for lang in ("fr", "en"):
                assert errors(REPORT, evaluate(subject, as_of).to_dict(lang)) == []

    @given(strategies.migration_cases)
    def test_generated_cases_and_their_reports_validate(self, case):
        assert errors(VALIDATORS["case"], case.to_dict()) == []
        assert errors(REPORT, evaluate(case, AS_OF[1]).to_dict()) == []

    @given(strategies.consent_answers)
    def test_generated_consent_answers_validate(self, answers):
        assert errors(VALIDATORS["consent"], answers.to_dict()) == []

    def test_an_instant_of_a_local_mean_time_is_written_in_utc(self):
        """Paris kept its mean time (+00:09:21) until 1911-03-11: a report judged at 24:00 of
        1905-05-01 there writes that instant in UTC, 1905-05-01 24:00 - 0:09:21, since RFC
        3339 (and the schema) has no seconds in an offset."""
        record = DmpRecord.from_json((EXAMPLES / "dmp" / "closed-record-kept.json").read_text())
        paris = datetime(1905, 5, 2, tzinfo=ZoneInfo("Europe/Paris"))
        document = evaluate(record, paris).to_dict()
        assert "1905-05-01T23:50:39+00:00" == document["as_of"]
        assert errors(REPORT, document) == []

    def test_the_subject_key_names_the_kind(self):
        document = json.loads((EXAMPLES / "cases" / "spec-example.json").read_text("utf-8"))
        assert errors(VALIDATORS["case"], {**document, "subject": "qc.migration.case"}) == []
        assert errors(VALIDATORS["case"], {**document, "subject": "fr.dmp.record"}) != []

    @pytest.mark.parametrize(("name", "folder"), [("consent", "consent"), ("dmp-record", "dmp")])
    def test_a_subject_other_than_the_default_requires_its_key(self, name, folder):
        """The consent answers' and the DMP record's schemas require their "subject" key, as
        every command and the service read them: a shipped example without it is refused by
        both the schema and the reader."""
        from dme_rules.engine.evaluation import read_subject

        path = sorted((EXAMPLES / folder).glob("*.json"))[0]
        document = json.loads(path.read_text("utf-8"))
        del document["subject"]
        assert "subject" == schema(name)["required"][0]
        assert ["'subject' is a required property"] == errors(VALIDATORS[name], document)
        with pytest.raises(DmeRulesError, match=r'attendu "subject": '):
            read_subject(json.dumps(document))


class TestRefusedDocuments:
    @given(
        st.sampled_from(SEEDS),
        st.sampled_from(sorted(MUTATIONS)),
        st.randoms(use_true_random=False),
    )
    def test_the_schema_and_the_library_agree(self, seed, mutation, rng):
        """The schema accepts what the library accepts, and refuses what the library
        refuses except for the reasons a schema cannot say."""
        kind, document = seed
        text = MUTATIONS[mutation](rng, document)
        try:
            raw = text.decode("utf-8-sig") if isinstance(text, bytes) else text
            decoded = json.loads(raw)
        except (ValueError, RecursionError):
            return  # not UTF-8 JSON at all: nothing for a schema to say
        said = errors(VALIDATORS[kind], decoded)
        refused = None
        try:
            READERS[kind](text)
        except DmeRulesError as error:
            refused = str(error)
        if refused is None:
            assert said == [], text
        elif not said and not integral_float(decoded):
            assert any(reason in refused for reason in UNSAYABLE), refused

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("case_id",), ""),
            (("practitioners",), 0),
            (("practitioners",), 1.5),
            (("practitioners",), True),
            (("request_transmitted_at",), "2025-06-20T10:00:00"),
            (("request_transmitted_at",), "2201-01-01T10:00:00-05:00"),
            (("extraction", "fee"), "1E+3"),
            (("extraction", "fee"), "-1"),
            (("extraction", "fee"), 1.5),
            (("extraction", "fee"), "1" * 16),
            (("extraction", "delivered_on"), "2025-02-30"),
            (("extraction", "delivered_on"), "1899-12-31"),
            (("extraction", "fees"), "1"),
            (("request_form", "sent_to"), "a@b.c"),
            (("complaints",), [{"followed_up_at": None}]),
            (("standard_scope",), "yes"),
        ],
    )
    def test_each_kind_of_refusal(self, path, value):
        document = json.loads((EXAMPLES / "cases" / "spec-example.json").read_text("utf-8"))
        target = document
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
        with pytest.raises(DmeRulesError):
            MigrationCase.from_dict(document)
        assert errors(VALIDATORS["case"], document) != []

    def test_a_bad_answer(self):
        document = json.loads(
            (EXAMPLES / "consent" / "online-booking-proceed.json").read_text("utf-8")
        )
        for answers in ({"purpose": "maybe"}, {"not_a_question": "yes"}):
            with pytest.raises(DmeRulesError):
                ConsentAnswers.from_dict({**document, "answers": answers})
            assert errors(VALIDATORS["consent"], {**document, "answers": answers}) != []


class TestNames:
    def test_names(self):
        assert list(schema_names()) == ["case", "consent", "dmp-record", "report"]

    @pytest.mark.parametrize("name", ["nope", "", 3])
    def test_unknown_names(self, name):
        with pytest.raises(InvalidArgumentError) as raised:
            schema(name)
        assert raised.value.field == "name"

    def test_a_new_dictionary_each_time(self):
        for name in ("case", "report"):
            first = schema(name)
            first["properties"].clear()
            assert schema(name)["properties"]

    @pytest.mark.parametrize("name", ["case", "consent", "dmp-record", "report"])
    def test_the_command_prints_it(self, capsys, name):
        assert main(["schema", name]) == 0
        assert json.loads(capsys.readouterr().out) == schema(name)

    def test_the_command_refuses_an_unknown_name(self, capsys):
        assert main(["schema", "dmp"]) == 2
        error = capsys.readouterr().err
        assert "dmp-record" in error  # argparse lists the names
        assert "Traceback" not in error


class TestImpossibleValues:
    """The schemas refuse the dates, instants and text the reader refuses."""

    @pytest.mark.parametrize(
        "value",
        ["1900-00-00T00:00Z", "2025-13-01T10:00Z", "2025-01-32T10:00Z", "2025-02-30T10:00Z",
         "2025-06-20T24:00Z", "2025-06-20T16:60-04:00", "2025-06-20T16:45:61Z",
         "2025-06-20T16:45+24:00"],
    )  # fmt: skip
    def test_impossible_instant_is_refused_by_schema_and_reader(self, value):
        """An impossible instant: the schema and the reader both refuse it."""
        document = json.loads((EXAMPLES / "cases" / "spec-example.json").read_text("utf-8"))
        document["request_transmitted_at"] = value
        validator = jsonschema.Draft202012Validator(schema("case"))
        with pytest.raises(DmeRulesError):
            MigrationCase.from_json(json.dumps(document))
        assert False is validator.is_valid(document)

    @pytest.mark.parametrize("value", ["2025-00-10", "2025-13-10", "2025-01-00", "2025-04-31"])
    def test_impossible_date_is_refused_by_schema_and_reader(self, value):
        """An impossible date: the schema and the reader both refuse it."""
        document = json.loads((EXAMPLES / "cases" / "spec-example.json").read_text("utf-8"))
        document["extraction"] = {**(document.get("extraction") or {}), "delivered_on": value}
        validator = jsonschema.Draft202012Validator(schema("case"))
        with pytest.raises(DmeRulesError):
            MigrationCase.from_json(json.dumps(document))
        assert False is validator.is_valid(document)

    @given(
        st.text(max_size=4)
        | st.sampled_from(
            ["\U000e0041", "\U000f0000", "\U0010fffd", "\U000e01ef", "\u0378", "\U0001d173"]
        )
    )
    def test_the_schema_and_the_reader_agree_on_every_text(self, value):
        """One pattern says what visible text is: a text the schema takes, the reader takes
        (and the other way round), whatever its characters (tags, supplementary private use,
        unassigned code points included)."""
        document = json.loads((EXAMPLES / "cases" / "spec-example.json").read_text("utf-8"))
        document["case_id"] = value
        try:
            MigrationCase.from_json(json.dumps(document))
            read = True
        except DmeRulesError:
            read = False
        assert VALIDATORS["case"].is_valid(document) is read

    @pytest.mark.parametrize("value", ["\x13", " ", "\u200b", "\u0301", "\ufeff\t"])
    def test_invisible_text_is_refused_by_schema_and_reader(self, value):
        """Text with no visible character: the schema and the reader both refuse it."""
        document = json.loads((EXAMPLES / "cases" / "spec-example.json").read_text("utf-8"))
        document["case_id"] = value
        validator = jsonschema.Draft202012Validator(schema("case"))
        with pytest.raises(DmeRulesError):
            MigrationCase.from_json(json.dumps(document))
        assert False is validator.is_valid(document)

    @pytest.mark.parametrize(
        "path",
        sorted(p for p in EXAMPLES.rglob("*.json") if "clients" not in p.parts),
        ids=lambda p: p.name,
    )
    def test_every_example_file_the_reader_takes_is_valid(self, path):
        """Every example document the library reads is valid against its schema."""
        from dme_rules.engine.jsonform import loads
        from dme_rules.engine.jurisdiction import subject_class

        document = json.loads(path.read_text("utf-8"))
        if not isinstance(document, dict):
            pytest.skip("not a subject document")
        cls = subject_class(document.get("subject"))
        if cls is None:
            pytest.skip("not a subject document")
        try:
            cls.from_json(path.read_text("utf-8"))
        except DmeRulesError:
            pytest.skip("an example of a refused document")
        loads(path.read_bytes())
        validator = jsonschema.Draft202012Validator(schema(cls.schema_name))
        errors = list(validator.iter_errors(document))
        assert [] == [error.message for error in errors]
