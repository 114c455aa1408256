"""The hot path's shortcuts (``dme_rules.engine._speed``) give what the plain code gives.

Each shortcut is checked against the code it stands for: the strict reading with and without
the shortcuts (values and errors, on valid and mutated documents), the remembered parsers
against their parser, the visible-text test against the Unicode check, the trusted build
against ``__init__``, remembered messages against messages said afresh, the JSON Lines
writer against the standard library, a finding made from its fields against ``Finding``, and
what every rule asks of a subject against the plain comparison.
"""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dme_rules import (
    NINETY_DAYS,
    QUEBEC,
    READ_ONLY_ACCESS,
    ConsentAnswers,
    DmeRulesError,
    Finding,
    MigrationCase,
    Status,
)
from dme_rules.engine import _speed
from dme_rules.engine.jsonform import loads
from dme_rules.engine.kinds import DATE, INSTANT, MONEY, TEXT
from dme_rules.engine.messages import Messages
from dme_rules.errors import InvalidArgumentError, InvalidCaseError
from dme_rules.jurisdictions.fr.subjects import DmpRecord
from dme_rules.jurisdictions.qc.counting import MONTREAL
from dme_rules.jurisdictions.qc.messages import MESSAGES as QUEBEC_MESSAGES
from dme_rules.jurisdictions.qc.subjects import Extraction

from .. import strategies
from ..cases import minimal_case, spec_case
from ..fuzzing import MUTATIONS, seeds

REMEMBERED = (DATE, INSTANT, MONEY)


@contextlib.contextmanager
def plain_reading() -> Iterator[None]:
    """Read subjects without any shortcut: the text decoded by the standard library, every
    object read in the order of its fields, every value parsed afresh, every block built by
    ``__init__`` (validators included)."""
    saved = (
        _speed.decoded,
        _speed.read_known,
        _speed.read_items,
        _speed.build,
        [kind.parse for kind in REMEMBERED],
    )
    _speed.decoded = lambda text: _speed.MISS
    _speed.read_known = lambda reading, data, path: _speed.MISS
    _speed.read_items = lambda parse, items, path: _speed.MISS
    _speed.build = lambda cls, values: cls(**values)
    for kind in REMEMBERED:
        object.__setattr__(kind, "parse", kind.parse.__wrapped__)
    try:
        yield
    finally:
        _speed.decoded, _speed.read_known, _speed.read_items, _speed.build, parses = saved
        for kind, parse in zip(REMEMBERED, parses, strict=True):
            object.__setattr__(kind, "parse", parse)


def outcome(read: Any, text: str | bytes) -> tuple[str, Any]:
    """What reading ``text`` gives: the value, or the error's class, path and message."""
    try:
        return "value", read(text)
    except InvalidCaseError as error:
        return "error", (type(error), error.path, str(error))
    except DmeRulesError as error:
        return "error", (type(error), str(error))


def same_with_and_without_shortcuts(read: Any, text: str | bytes) -> None:
    fast = outcome(read, text)
    with plain_reading():
        plain = outcome(read, text)
    assert fast == plain
    if fast[0] == "value":  # derived fields too (they are left out of ==)
        assert repr(fast[1]) == repr(plain[1])
        assert fast[1].to_json() == plain[1].to_json()


SEEDS = seeds()
READERS = {
    "case": MigrationCase.from_json,
    "consent": ConsentAnswers.from_json,
    "dmp-record": DmpRecord.from_json,
}


class TestReading:
    @pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: seed[1].get("case_id", seed[0]))
    def test_every_example_reads_the_same(self, seed):
        kind, document = seed
        same_with_and_without_shortcuts(READERS[kind], json.dumps(document))

    @given(strategies.migration_cases)
    def test_generated_cases_read_the_same(self, case):
        same_with_and_without_shortcuts(MigrationCase.from_json, case.to_json())

    @given(
        st.sampled_from(SEEDS),
        st.sampled_from(sorted(MUTATIONS)),
        st.randoms(use_true_random=False),
    )
    def test_mutated_documents_read_the_same(self, seed, mutation, rng):
        """Values and errors alike: the same error, at the same path, in the same words."""
        kind, document = seed
        same_with_and_without_shortcuts(READERS[kind], MUTATIONS[mutation](rng, document))

    @pytest.mark.parametrize("value", [None, 1, "x"])
    @pytest.mark.parametrize("where", [(), ("extraction",), ("calendar",)])
    def test_an_unknown_key_is_refused_even_null(self, value, where):
        document = json.loads(json.dumps(SEEDS[0][1]))
        target = document
        for key in where:
            target = target.setdefault(key, {})
        target["bogus"] = value
        same_with_and_without_shortcuts(MigrationCase.from_json, json.dumps(document))
        with pytest.raises(InvalidCaseError) as raised:
            MigrationCase.from_dict(document)
        assert raised.value.path == ".".join(("$", *where, "bogus"))

    def test_the_first_error_in_the_order_of_the_fields_is_named(self):
        """Two bad values, the later field written first: the earlier field is named."""
        document = json.loads(json.dumps(SEEDS[0][1]))
        document = {"practitioners": 0, **document, "case_id": ""}
        document["practitioners"] = 0
        with pytest.raises(InvalidCaseError) as raised:
            MigrationCase.from_dict(document)
        assert raised.value.path == "$.case_id"  # case_id is declared before practitioners


class TestRepeatedKeys:
    @given(st.lists(st.tuples(st.sampled_from("abcde"), st.integers()), max_size=8))
    def test_as_the_plain_loop(self, pairs):
        expected: dict[str, int] | str = {}
        for key, value in pairs:  # the plain loop: the first key seen twice is named
            if key in expected:
                expected = key
                break
            expected[key] = value  # type: ignore[index]
        try:
            found: dict[str, int] | str = _speed.unique_keys(pairs)
        except _speed.RepeatedKey as error:
            found = error.args[0]
        assert found == expected

    def test_loads_names_the_repeated_key(self):
        with pytest.raises(InvalidCaseError, match='"b" is given twice'):
            loads('{"a": 1, "b": {"c": 1, "d": 2}, "b": 3}')


#: The tests of what orjson reads, where it decodes (installed, 3.11.7 or later).
NEEDS_ORJSON = pytest.mark.skipif(
    _speed._orjson_decoder() is None,
    reason="orjson 3.11.7 or later is not installed: the standard library reads every text",
)


class TestDecoded:
    """orjson's reading of JSON text is taken only when it is the standard library's."""

    @given(strategies.json_texts, st.booleans())
    def test_as_the_standard_library(self, text, as_bytes):
        """Values alike (types, order, every string); a key given twice is never taken."""
        found = _speed.decoded(text.encode("utf-8", "surrogatepass") if as_bytes else text)
        if found is not _speed.MISS:
            expected = json.loads(text, object_pairs_hook=_speed.unique_keys)
            assert repr(expected) == repr(found)

    @pytest.mark.parametrize(
        "text",
        [
            '{"a": "\\u003a", "a": ":"}', '{"a": ":", "a": "\\u003A"}', '{"a": 1, "a": 1}',
            '{"a": {"b": 1}, "a": {"b": 1}}', '{"a": "x\\":", "a": 1}', '{"\\u0061": 1, "a": 1}',
            '{"a": 1, "b": {"a": 1, "a": 1}}', '{"a" : 1, "a"\n:2}',
        ],
    )  # fmt: skip
    def test_a_key_given_twice_is_left_to_the_standard_library(self, text):
        assert _speed.decoded(text) is _speed.MISS
        with pytest.raises(InvalidCaseError, match="is given twice"):
            loads(text)

    @pytest.mark.parametrize(
        "text",
        [str(2**64), str(-(2**63) - 1), "[" + "1" * 25 + "]", "1e400", '"\\ud800"'],
    )
    def test_what_orjson_reads_otherwise_is_left_to_the_standard_library(self, text):
        assert _speed.decoded(text) is _speed.MISS
        assert repr(json.loads(text)) == repr(loads(text))

    @pytest.mark.parametrize("text", ["NaN", "[-Infinity]", '{"a": Infinity}'])
    def test_what_json_does_not_have_is_refused_by_both(self, text):
        """orjson refuses NaN and the infinities, and so does the reader after it (the
        standard library would read them as floats)."""
        assert _speed.decoded(text) is _speed.MISS
        with pytest.raises(InvalidCaseError, match="is not a JSON number"):
            loads(text)

    @given(st.lists(st.integers(min_value=-(2**70), max_value=2**70), max_size=4))
    def test_an_integer_of_any_size_reads_as_the_standard_library_reads_it(self, numbers):
        """orjson reads an integer beyond 64 bits as a float: never taken."""
        text = json.dumps({"n": numbers})
        found = _speed.decoded(text)
        assert found is _speed.MISS or repr(found) == repr(json.loads(text))
        if any(not -(2**63) <= n < 2**64 for n in numbers):
            assert found is _speed.MISS

    @NEEDS_ORJSON
    def test_the_largest_64_bit_integers_are_read_by_orjson(self):
        text = f"[{2**64 - 1}, {-(2**63)}, {'9' * 19}]"
        assert _speed.decoded(text) == json.loads(text)

    def test_without_orjson_the_standard_library_reads(self, monkeypatch):
        monkeypatch.setattr(_speed, "_ORJSON_MODULE", None)
        monkeypatch.setattr(_speed, "_ORJSON_DECODER", _speed.MISS)
        assert _speed.decoded('{"a": 1}') is _speed.MISS
        assert {"a": 1} == loads('{"a": 1}')

    def test_an_orjson_writing_exponents_without_their_sign_is_not_used(self, monkeypatch):
        """orjson before 3.11.7 writes 2**64 read as a float ``1.8446744073709552e19``: the
        integer beyond 64 bits could not be found, so the standard library reads every text."""
        import orjson

        class Unsigned:
            loads = staticmethod(orjson.loads)

            @staticmethod
            def dumps(value: Any) -> bytes:
                return orjson.dumps(value).replace(b"e+", b"e")

        monkeypatch.setattr(_speed, "_ORJSON_MODULE", Unsigned)
        monkeypatch.setattr(_speed, "_ORJSON_DECODER", _speed.MISS)
        for text in ('{"a": 1}', str(2**64)):
            assert _speed.decoded(text) is _speed.MISS
        assert 2**64 == loads(str(2**64))

    @NEEDS_ORJSON
    @pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: seed[1].get("case_id", seed[0]))
    def test_every_example_is_read_by_orjson(self, seed):
        """The shortcut is taken for the documents it is for (ASCII or not, spaced or not)."""
        for text in (json.dumps(seed[1]), json.dumps(seed[1], ensure_ascii=False, indent=2)):
            assert _speed.decoded(text) == json.loads(text)
            assert _speed.decoded(text.encode()) == json.loads(text)


class TestRemembered:
    TEXTS = [
        "2024-02-29", "2023-02-29", "1899-12-31", "2200-12-31", "2025-1-1",
        "2025-06-20T10:00:00-04:00", "2025-06-20T10:00-04:00", "2025-06-20T10:00:00",
        "2200-12-31T23:00:00-12:00", "800", "800.00", "0.0000000", "1E+3", "-0", " 1", "",
    ]  # fmt: skip

    @pytest.mark.parametrize("kind", REMEMBERED, ids=["date", "instant", "money"])
    @pytest.mark.parametrize("text", TEXTS)
    def test_as_the_parser_first_and_second_time(self, kind, text):
        parse = kind.parse.__wrapped__
        expected = outcome(lambda t: parse(t, "$.x"), text)
        for _ in range(2):  # the second time, from what was kept
            found = outcome(lambda t: kind.parse(t, "$.x"), text)
            assert found == expected
            if found[0] == "value":
                assert str(found[1]) == str(expected[1])  # 800 stays 800, 800.00 stays 800.00

    def test_a_refused_string_is_never_kept(self):
        for _ in range(2):
            with pytest.raises(InvalidCaseError) as raised:
                DATE.parse("2023-02-29", "$.first")
            assert raised.value.path == "$.first"

    def test_memory_stays_bounded(self, monkeypatch):
        monkeypatch.setattr(_speed, "_KEPT", 10)
        parse = _speed.remembered(lambda value, path: date.fromisoformat(value))
        start = date(2000, 1, 1)
        for offset in range(25):
            assert parse(str(start + timedelta(offset)), "$") == start + timedelta(offset)
        kept = parse.__closure__[0].cell_contents  # type: ignore[attr-defined]
        assert isinstance(kept, dict)
        assert len(kept) <= 10


class TestPlainText:
    @given(st.text(max_size=8))
    def test_plain_text_is_visible_text(self, text):
        if _speed.plain_text(text):
            assert TEXT.check(text, "x") == text

    @pytest.mark.parametrize("text", ["", " ", "   ", "\t", "a\x00", "\x7f"])
    def test_not_plain(self, text):
        assert not _speed.plain_text(text)

    @pytest.mark.parametrize("text", ["a", " a ", "Omnimed", "case-001"])
    def test_plain(self, text):
        assert _speed.plain_text(text)

    @pytest.mark.parametrize("text", ["", " ", "\u200b", "\ud800", "Médesync", "a\u0301"])
    def test_what_it_leaves_the_plain_check_decides(self, text):
        def check(value: str) -> Any:
            try:
                return TEXT.parse(value, "$.x")
            except InvalidCaseError as error:
                return error.path

        def plain(value: str) -> Any:
            try:
                return TEXT.check(value, "$.x")
            except InvalidArgumentError:
                return "$.x"

        assert check(text) == plain(text)


class TestBuild:
    @given(strategies.migration_cases)
    def test_as_init(self, case):
        for value in [case, *[getattr(case, name) for name in ("extraction", "calendar")]]:
            if value is None:
                continue
            cls = type(value)
            values = {f.alias: getattr(value, f.name) for f in attrs.fields(cls) if f.init}
            built = _speed.build(cls, values)
            assert built == cls(**values)
            assert repr(built) == repr(cls(**values))

    def test_a_class_with_another_default_is_built_by_init(self):
        @attrs.frozen
        class WithDefault:
            count: int = 3

        assert _speed.build(WithDefault, {}) == WithDefault()

    def test_post_init_checks_run(self):
        document = json.loads(json.dumps(SEEDS[0][1]))
        document["import"] = {"completed_on": "2025-09-01"}
        document["read_only_access"] = {"until": "2025-08-01"}
        with pytest.raises(InvalidCaseError) as raised:
            MigrationCase.from_dict(document)
        assert raised.value.path == "$.read_only_access.until"


class TestRememberedMessages:
    CATALOGUE = Messages(
        {
            "plain": {"fr": "valeur {value}", "en": "value {value}"},
            "money": {"fr": "montant {value:money}", "en": "amount {value:money}"},
            "when": {"fr": "le {value:when}", "en": "on {value:when}"},
            "days": {"fr": "{value:days}", "en": "{value:days}"},
            "duration": {"fr": "{value:duration}", "en": "{value:duration}"},
        },
        fallback=QUEBEC_MESSAGES,  # its currency
    )
    VALUES = [
        1, True, 1.0, Decimal("1"), Decimal("1.0"), Decimal("1.00"), Decimal("-0"), Decimal(0),
        "1", date(2025, 6, 20), datetime(2025, 6, 20, 12, tzinfo=UTC),
        datetime(2025, 6, 20, 8, tzinfo=timezone(timedelta(hours=-4))),
    ]  # fmt: skip

    @pytest.mark.parametrize("code", ["plain", "money", "when", "days", "duration"])
    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_equal_values_read_as_if_said_afresh(self, code, lang):
        """Said in every order, each value reads as a new catalogue (nothing kept) says it."""
        for order in range(3):
            values = list(self.VALUES)
            random.Random(order).shuffle(values)
            say = self.CATALOGUE.speaker(lang, MONTREAL)
            for value in values:
                fresh = Messages(self.CATALOGUE.texts, self.CATALOGUE.fallback)
                expected = outcome_of(fresh.format, code, lang, MONTREAL, value=value)
                assert outcome_of(say, code, value=value) == expected, value

    def test_an_amount_of_zero_has_no_sign(self):
        say = self.CATALOGUE.speaker("fr", MONTREAL)
        assert say("money", value=Decimal("-0")) == say("money", value=Decimal("0"))
        assert "-" not in say("money", value=Decimal("-0.00"))


def outcome_of(action: Any, *args: Any, **values: Any) -> Any:
    """What ``action`` gives, or the class of the error it raises (a value a kind cannot
    read)."""
    try:
        return action(*args, **values)
    except Exception as error:
        return type(error)


class TestJsonLines:
    @given(
        st.dictionaries(
            st.text(max_size=5),
            st.one_of(st.none(), st.integers(-(2**70), 2**70), st.text(), st.booleans()),
            max_size=5,
        )
    )
    def test_as_the_standard_library(self, document):
        expected = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
        assert _speed.json_line(document) == expected


class TestRulePath:
    """The shortcuts of a rule's findings: a finding made from its fields, and what every
    rule asks of a subject, each as the plain code gives it."""

    def test_a_finding_made_from_its_fields(self):
        """tuple_maker(Finding) makes what Finding makes; Rule.outcome gives every field, in
        order (its finding equals one made by name)."""
        due, ids = date(2025, 7, 14), ("ninety-days",)
        fields = ("qc.x", "1", Status.PENDING, "clinic", due, None, None, None, 3, 2,
                  Decimal(5), Decimal(6), "ninety-days", ids, (), {"a": 1})  # fmt: skip
        made = _speed.tuple_maker(Finding)(fields)
        assert (Finding, Finding._make(fields)) == (type(made), made)
        version = READ_ONLY_ACCESS.versions[-1]
        found = READ_ONLY_ACCESS.outcome(
            version, Status.PENDING, due=date(2025, 7, 14), act_on=date(2025, 7, 10),
            days_late=1, business_days_late=2, days_left=3, business_days_left=4,
            amount=Decimal(5), cap=Decimal(6), reading=NINETY_DAYS, citations=(),
            details={"a": 1}, obligated_party="clinic",
        )  # fmt: skip
        assert found == Finding(
            rule_id=READ_ONLY_ACCESS.id, rule_version=version.version, status=Status.PENDING,
            obligated_party="clinic", due=date(2025, 7, 14), act_on=date(2025, 7, 10),
            days_late=1, business_days_late=2, days_left=3, business_days_left=4,
            amount=Decimal(5), cap=Decimal(6), interpretation="ninety-days",
            readings=tuple(reading.id for reading in version.readings), citations=(),
            details={"a": 1},
        )  # fmt: skip

    @given(strategies.case_instants, strategies.case_instants)
    def test_whether_a_subject_has_started(self, sent, instant):
        """Context.has_started remembers the last subject's answer: the plain comparison,
        whatever the two zones; asked of another subject, it answers afresh."""
        case = attrs.evolve(minimal_case(), request_transmitted_at=sent)
        context = QUEBEC.context(instant)
        assert (instant >= sent) == context.has_started(case)
        assert (instant >= sent) == context.has_started(case)  # remembered
        answers = ConsentAnswers("X", date(1900, 1, 1))
        assert context.has_started(answers)  # assessed in 1900: started before every instant
        assert (instant >= sent) == context.has_started(case)

    def test_findings_ask_again_of_another_subject_or_instant(self):
        """Subjects and instants in turn, one before its start, equal ones that are other
        objects: each rule's findings are what its judge() or not_started() give plainly."""
        late = spec_case()
        early = minimal_case(request_transmitted_at=late.request_transmitted_at + timedelta(30))
        between = early.request_transmitted_at - timedelta(days=1)
        copy = datetime.fromisoformat(between.isoformat())  # equal, another object
        for subject, instant in [(late, between), (early, between), (early, copy),
                                 (late, copy), (early, between + timedelta(days=2))]:  # fmt: skip
            context = QUEBEC.context(instant)
            for rule in QUEBEC.rules.for_subject(MigrationCase):
                plain = (
                    (rule.not_started(subject),) if instant < subject.started_at
                    else rule.judge(subject, context)
                )  # fmt: skip
                assert plain == rule.findings(subject, context), (rule.id, instant)


class TestFoundInReview:
    """Where a shortcut once differed from the plain code (a review's findings)."""

    def test_the_repeated_autumn_hour_is_two_instants(self):
        paris = ZoneInfo("Europe/Paris")
        first = datetime(2024, 10, 27, 2, 30, tzinfo=paris)  # 00:30 UTC
        second = first.replace(fold=1)  # 01:30 UTC, the same wall-clock time
        said = QUEBEC_MESSAGES.speaker("en", paris)
        assert said("finding.due", due=first) == "due 2024-10-27 02:30 (CEST)"
        assert said("finding.due", due=second) == "due 2024-10-27 02:30 (CET)"
        in_utc = QUEBEC_MESSAGES.speaker("en", UTC)
        assert in_utc("finding.due", due=first) != in_utc("finding.due", due=second)

    def test_equal_zones_named_differently(self):
        est, cdt = timezone(timedelta(hours=-5), "EST"), timezone(timedelta(hours=-5), "CDT")
        noon = datetime(2025, 6, 20, 16, 45, tzinfo=UTC)
        assert QUEBEC_MESSAGES.format("finding.due", "en", est, due=noon).endswith("(EST)")
        assert QUEBEC_MESSAGES.format("finding.due", "en", cdt, due=noon).endswith("(CDT)")

    def test_a_zone_that_cannot_be_hashed(self):
        tz = pytest.importorskip("dateutil.tz")
        zone = tz.tzutc()
        noon = datetime(2025, 6, 20, 16, 45, tzinfo=UTC)
        assert QUEBEC_MESSAGES.format("finding.due", "en", zone, due=noon).startswith("due ")

    def test_an_amount_that_is_not_a_number(self):
        plain = Messages(QUEBEC_MESSAGES.texts, QUEBEC_MESSAGES.fallback)
        for catalogue in (QUEBEC_MESSAGES, plain):
            with pytest.raises(ArithmeticError):
                catalogue.format("finding.amount", "fr", MONTREAL, amount=Decimal("sNaN"))

    def test_a_catalogue_never_changes_once_made(self):
        texts = {"a": {"fr": "A {n:message}", "en": "A {n:message}"},
                 "w": {"fr": "mot", "en": "word"}}  # fmt: skip
        catalogue = Messages(texts, QUEBEC_MESSAGES)
        assert catalogue.format("a", "en", n="w") == "A word"
        texts["w"]["en"] = "WORD"  # the caller's dictionary, not the catalogue's
        assert catalogue.format("a", "en", n="w") == "A word"
        with pytest.raises(TypeError):
            catalogue.texts["w"]["en"] = "WORD"  # type: ignore[index]

    def test_json_lines_refuse_what_the_standard_library_refuses(self):
        with pytest.raises(TypeError):
            _speed.json_line({"day": date(2025, 1, 1)})

    def test_long_strings_are_not_kept(self, monkeypatch):
        kept: dict[str, Any] = {}
        parse = _speed.remembered(lambda value, path: kept.setdefault(value, len(kept)))
        long = "0" * 1000 + "1"
        assert parse(long, "$") == parse(long, "$")  # read both times, never kept
        remembered_strings = parse.__closure__[0].cell_contents  # type: ignore[attr-defined]
        assert long not in remembered_strings

    def test_a_block_of_a_subclass(self):
        @attrs.frozen
        class MyExtraction(Extraction):
            pass

        document = json.loads(json.dumps(SEEDS[0][1]))
        case = MigrationCase.from_dict(document)
        mine = attrs.evolve(case, extraction=MyExtraction(delivered_on=date(2025, 7, 10)))
        assert isinstance(mine.extraction, MyExtraction)
        with pytest.raises(InvalidCaseError):  # the impossible facts are still refused
            attrs.evolve(case, extraction=MyExtraction(delivered_on=date(2020, 1, 1)))
