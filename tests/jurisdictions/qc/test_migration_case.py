"""Tests of the migration case (dme_rules.jurisdictions.qc.subjects.migration_case) and its JSON."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

from dme_rules import (
    DmeRulesError,
    Extraction,
    FloatAmountError,
    InvalidArgumentError,
    InvalidCaseError,
    MigrationCase,
    NaiveDatetimeError,
)

from ... import strategies
from ...cases import spec_example

EXAMPLE = Path(__file__).parents[3] / "examples" / "cases" / "spec-example.json"


def spec_dict() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def with_value(path: str, value: object) -> dict:
    """The SPEC example's JSON with the value at a dotted path replaced (or added)."""
    data = spec_dict()
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


class TestRoundTrip:
    """from_dict and to_dict give each other back."""

    def test_spec_example_reads_as_the_python_case(self):
        """The example file is the case the tests build in Python."""
        assert (
            spec_example()
            == MigrationCase.from_dict(spec_dict())
            == MigrationCase.from_json(EXAMPLE.read_text(encoding="utf-8"))
        )

    def test_to_dict_gives_the_file_back(self):
        """to_dict writes the file's keys and values back (nulls left out)."""
        expected = spec_dict()
        expected["complaints"] = [{"filed_at": "2025-08-20T10:00:00-04:00"}]
        assert expected == spec_example().to_dict()

    def test_minimal_case(self):
        """Only the five required keys: the optional ones are None."""
        data = {
            "case_id": "x",
            "request_transmitted_at": "2025-06-21T02:30:00Z",
            "source_solution": "Omnimed",
            "target_solution": "MYLE",
            "practitioners": 1,
        }
        case = MigrationCase.from_dict(data)
        assert case.extraction is None
        assert date(2025, 6, 20) == case.requested_on  # 02:30 UTC is 22:30 the day before
        assert {**data, "request_transmitted_at": "2025-06-21T02:30:00+00:00"} == case.to_dict()

    def test_integer_amount(self):
        """An integer amount in JSON reads as a Decimal."""
        case = MigrationCase.from_dict(with_value("extraction.fee", 1800))
        assert Decimal(1800) == case.extraction.fee

    @given(strategies.migration_cases)
    def test_round_trip_property(self, case):
        """from_dict(to_dict(c)) == c, also through JSON text."""
        assert case == MigrationCase.from_dict(case.to_dict())
        assert case == MigrationCase.from_json(case.to_json())


class TestStrictValidation:
    """Malformed input raises InvalidCaseError naming the JSON path and what was expected."""

    @pytest.mark.parametrize(
        ("path", "value", "message"),
        [
            ("extraktion", {}, r"\$\.extraktion: expected one of the known keys"),
            ("extraction.fees", "1", r"\$\.extraction\.fees: expected one of the known keys"),
            (
                "request_transmitted_at",
                "2025-06-20T16:45:00",
                r"\$\.request_transmitted_at: .*UTC offset",
            ),
            (
                "request_transmitted_at",
                "2025-06-20",
                r"\$\.request_transmitted_at: expected an instant",
            ),
            ("complaints.0.filed_at", "2025-08-20T10:00", r"\$\.complaints\[0\]\.filed_at"),
            (
                "extraction.delivered_on",
                "2025-02-30",
                r"\$\.extraction\.delivered_on: expected a real date",
            ),
            (
                "extraction.delivered_on",
                "20250710",
                r"\$\.extraction\.delivered_on: expected a real date",
            ),
            ("extraction.delivered_on", "2025-07-10T00:00", r"\$\.extraction\.delivered_on"),
            (
                "practitioners",
                0,
                r"\$\.practitioners: expected a whole number from 1 to 1,000,000",
            ),
            ("practitioners", "4", r"\$\.practitioners: text was given; expected a whole"),
            ("practitioners", True, r"\$\.practitioners: true was given; expected a whole"),
            (
                "practitioners",
                4.5,
                r"\$\.practitioners: a number with a decimal point was given; expected a whole",
            ),
            ("practitioners", 2.0**53, r"\$\.practitioners: a number with a decimal point"),
            ("extraction.fee", 1800.5, r"\$\.extraction\.fee: a number with a decimal point"),
            ("extraction.fee", "-1", r"\$\.extraction\.fee: expected a non-negative amount"),
            ("extraction.fee", -5, r"\$\.extraction\.fee: expected a non-negative amount"),
            ("extraction.fee", "abc", r"\$\.extraction\.fee: expected a non-negative amount"),
            ("extraction.fee", "1e3", r"\$\.extraction\.fee"),
            ("extraction.fee", "NaN", r"\$\.extraction\.fee"),
            (
                "extraction.fee",
                1800.5,
                r"\$\.extraction\.fee: a number with a decimal point was given; .*binary float",
            ),
            ("standard_scope", "yes", r"\$\.standard_scope: text was given; expected true or"),
            ("case_id", "  ", r"\$\.case_id: expected text with at least one visible character"),
            ("case_id", 2025, r"\$\.case_id: a number was given; expected text$"),
            ("case_id", None, r"\$\.case_id: expected a value \(required\)"),
            ("extraction", [], r"\$\.extraction: a list was given; expected an object"),
            (
                "request_form.sent_to",
                "a@b.c",
                r"\$\.request_form\.sent_to: text was given; expected a list",
            ),
            ("request_form.sent_to", ["a@b.c", 3], r"\$\.request_form\.sent_to\[1\]"),
            ("calendar.validation_sessions_on", ["x"], r"validation_sessions_on\[0\]"),
            (
                "complaints.0",
                {"followed_up_at": None},
                r"\$\.complaints\[0\]\.filed_at: expected a value",
            ),
        ],
    )
    def test_bad_field(self, path, value, message):
        """Each malformed field is reported with its path."""
        with pytest.raises(InvalidCaseError, match=message):
            MigrationCase.from_dict(with_value(path, value))

    @pytest.mark.parametrize(
        ("path", "written", "read"),
        [
            ("practitioners", "4.0", 4),
            ("extraction.fee", "1800.0", Decimal(1800)),
            ("extraction.fee", "18e2", Decimal(1800)),
        ],
    )
    def test_a_json_number_with_a_zero_fraction_is_an_integer(self, path, written, read):
        """JSON has one kind of number: 4.0 is the integer 4, as JSON Schema's ``integer``
        says (the schema and the reader agree). A fraction stays refused (above)."""
        text = json.dumps(with_value(path, "<number>")).replace('"<number>"', written)
        case = MigrationCase.from_json(text)
        block, _, name = path.rpartition(".")
        value = getattr(getattr(case, block) if block else case, name)
        assert (read, type(read)) == (value, type(value))

    def test_not_an_object(self):
        """A list is not a case."""
        with pytest.raises(InvalidCaseError, match=r"\$: a list was given; expected an object"):
            MigrationCase.from_dict([])

    def test_not_json(self):
        """Text that is not JSON is reported at $."""
        with pytest.raises(InvalidCaseError, match=r"\$: expected valid UTF-8 JSON"):
            MigrationCase.from_json("{not json")

    @pytest.mark.parametrize(
        ("text", "fr", "en"),
        [
            ('{"case_id": "a",}', "un nom de clé entre guillemets droits est attendu, ligne 1, "
             "colonne 17", "Expecting property name enclosed in double quotes, line 1, "
             "column 17"),
            ('{"case_id": "a"\n "x": 1}', "une virgule est attendue, ligne 2, colonne 2",
             "Expecting ',' delimiter, line 2, column 2"),
            ('{"case_id": "a', "une chaîne n'est pas fermée, ligne 1, colonne 13",
             "Unterminated string, line 1, column 13"),
            ('{"practitioners": NaN}', "NaN n'est pas un nombre JSON", "NaN is not a JSON number"),
            ('{"practitioners": 1' + "0" * 5000 + "}", "un entier de plus de 4300 chiffres",
             "an integer of more than 4300 digits"),
        ],
    )  # fmt: skip
    def test_why_text_is_not_json_in_each_language(self, text, fr, en):
        """Where the reader stopped and why, in French in the French half and in English in
        the English half; NaN, which Python reads, is not JSON."""
        with pytest.raises(InvalidCaseError) as info:
            MigrationCase.from_json(text)
        assert info.value.text("fr") == f"$ : attendu du JSON UTF-8 valide ({fr})"
        assert info.value.text("en") == f"$: expected valid UTF-8 JSON ({en})"

    def test_a_byte_order_mark_is_tolerated_in_text_as_in_bytes(self):
        """JSON text that starts with a byte-order mark reads as the same text without it,
        given as str or as UTF-8 bytes."""
        case = spec_example()
        text = json.dumps(case.to_dict())
        assert case == MigrationCase.from_json("\ufeff" + text)
        assert case == MigrationCase.from_json(("\ufeff" + text).encode())

    def test_errors_are_in_both_languages(self):
        """The message says what was expected in French, then in English."""
        with pytest.raises(InvalidCaseError) as info:
            MigrationCase.from_dict(with_value("practitioners", 0))
        expected = (
            "$.practitioners : attendu un nombre entier de 1 à 1\u202f000\u202f000 / "
            "$.practitioners: expected a whole number from 1 to 1,000,000"
        )
        assert (expected, "$.practitioners") == (str(info.value), info.value.path)


class TestPythonConstruction:
    """The core API refuses what JSON refuses, with the Python names of the fields."""

    def test_float_amount(self):
        """A binary float amount raises FloatAmountError."""
        with pytest.raises(FloatAmountError, match="fee: expected a Decimal"):
            Extraction(fee=1800.0)

    def test_int_amount_becomes_decimal(self):
        """An int amount is kept as a Decimal."""
        assert Decimal(1800) == Extraction(fee=1800).fee
        assert isinstance(Extraction(fee=1800).fee, Decimal)

    @pytest.mark.parametrize("fee", [Decimal("-0.01"), Decimal("NaN"), Decimal("Infinity"), "10"])
    def test_bad_amount(self, fee):
        """Negative, non-finite or non-Decimal amounts are refused."""
        with pytest.raises(InvalidArgumentError, match="fee: expected a non-negative Decimal"):
            Extraction(fee=fee)

    def test_naive_datetime(self):
        """A naive transmission instant raises NaiveDatetimeError."""
        with pytest.raises(NaiveDatetimeError, match="request_transmitted_at"):
            MigrationCase(
                case_id="x",
                request_transmitted_at=datetime(2025, 6, 20, 16, 45),
                source_solution="Omnimed",
                target_solution="MYLE",
                practitioners=1,
            )

    def test_datetime_for_a_date(self):
        """A datetime where a date is expected is refused."""
        with pytest.raises(InvalidArgumentError, match=r"delivered_on: expected a datetime\.date"):
            Extraction(delivered_on=datetime(2025, 7, 10, 9, 0))

    def test_every_error_is_a_dme_rules_error(self):
        """The errors belong to the DmeRulesError family."""
        for error in (InvalidCaseError, FloatAmountError, NaiveDatetimeError, InvalidArgumentError):
            assert issubclass(error, DmeRulesError)
