"""The outputs' shortcuts give what the plain code gives, byte for byte.

Messages said from compiled templates (and each kind's texts remembered by value) against
templates read afresh piece by piece; ``Report.to_json`` written by parts against
``json.dumps`` of ``Report.to_dict``; the audit's rows built from each finding against rows
made from ``Report.to_records``, and their cells with ``as_of`` written once against each cell
written afresh: over generated cases and every example file, in both languages.
"""

from __future__ import annotations

import contextlib
import enum
import json
import string
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dme_rules import evaluate
from dme_rules.audit.rows import COLUMNS, ZONE, _cells, _json, _rows_of, audit_rows
from dme_rules.engine import _speed, jurisdiction, messages, presentation
from dme_rules.engine.evaluation import read_subject
from dme_rules.engine.findings import NO_DETAILS
from dme_rules.engine.jurisdiction import jurisdictions
from dme_rules.engine.messages import ENGINE_MESSAGES, Messages, shown_day
from dme_rules.jurisdictions.qc.counting import MONTREAL

from .. import strategies

EXAMPLES = Path(__file__).parents[2] / "examples"
EXAMPLE_FILES = sorted(
    path for folder in ("cases", "dmp", "consent") for path in (EXAMPLES / folder).glob("*.json")
)
INSTANTS = (
    datetime(2022, 3, 1, 12, tzinfo=UTC),
    datetime(2025, 6, 1, 12, tzinfo=UTC),
    datetime(2027, 1, 1, 3, 30, tzinfo=timezone(timedelta(hours=-5))),
)


def plain_compiled(template: str, words: Any) -> Any:
    """A template read afresh on every call, piece by piece, nothing kept: the plain code the
    compiled templates stand for."""

    def fill(values: dict[str, Any]) -> str:
        parts = []
        for literal, field, spec, _ in string.Formatter().parse(template):
            parts.append(literal)
            if field is not None:
                kind = messages._kind(spec or "")
                value = values[field]
                parts.append(format(value, spec or "") if kind is None else kind(words, value))
        return "".join(parts)

    return fill


def catalogues() -> list[Messages]:
    """Every catalogue the packs speak with, and the engine's."""
    return [ENGINE_MESSAGES, *(pack.messages for pack in jurisdictions().values())]


def forget_speakers() -> None:
    """Every speaker and describer made so far forgotten (they hold compiled templates)."""
    for catalogue in catalogues():
        catalogue._speakers.clear()
        catalogue._words.clear()
    jurisdiction._DESCRIBERS.clear()


def plain_sentence(
    finding: Any,
    lang: str,
    say: Any,
    messages: Messages,
    title: str,
    notes: Any,
) -> str:
    """A finding's sentence said part by part by the speaker ``say`` of ``messages`` in
    ``lang``: the plain code that :class:`~dme_rules.engine.presentation.Sentences` stands
    for (each reason and note by :func:`~dme_rules.engine.presentation._said`)."""
    (rule_id, _, status, _, due, act_on, days_late, business_days_late, days_left,
     business_days_left, amount, cap, _, _, _, details) = finding  # fmt: skip
    parts = []
    if due is not None:
        parts.append(say("finding.due", due=due))
    if act_on is not None:
        own = f"{rule_id}.act"  # the rule's own words for its act, if the catalogue has them
        parts.append(say(own if own in messages else "finding.act", act=act_on))
    if days_late is not None and business_days_late is None:
        parts.append(say("finding.late", days=days_late))
    elif days_late is not None:
        parts.append(say("finding.late_business", days=days_late, business=business_days_late))
    if days_left is not None and business_days_left is None:
        parts.append(say("finding.left", days=days_left))
    elif days_left is not None:
        parts.append(say("finding.left_business", days=days_left, business=business_days_left))
    if amount is not None:
        parts.append(say("finding.amount", amount=amount))
    if cap is not None:
        parts.append(say("finding.cap", cap=cap))
    if details is not NO_DETAILS:  # the shared empty details: neither missing nor a reason
        if "missing" in details:
            parts.append(say("finding.missing", missing=details["missing"]))
        reason = details.get("reason")
        if reason is not None:
            parts.append(
                presentation._said(say, messages, f"reason.{reason}", details, str(reason))
            )
    if notes:
        parts += [presentation._said(say, messages, code, values, code) for code, values in notes]
    head = say("finding.head", title=title, status=status.label(lang))
    if not parts:
        return head + "."
    return head + " — " + say("list.separator").join(parts) + "."


class PlainSentences:
    """Findings said by :func:`plain_sentence`, each part said afresh: the plain code that
    :class:`~dme_rules.engine.presentation.Sentences` stands for."""

    def __init__(self, catalogue: Messages, lang: str, zone: Any) -> None:
        self.catalogue, self.lang, self.zone = catalogue, lang, zone

    def __call__(self, finding: Any, title: str, notes: Any) -> str:
        say = self.catalogue.speaker(self.lang, self.zone)
        return plain_sentence(finding, self.lang, say, self.catalogue, title, notes)


@contextlib.contextmanager
def plain_messages() -> Iterator[None]:
    """Messages said by templates read afresh, as the plain code says them."""
    saved = messages._compiled, _speed.compiled_phrase, jurisdiction.Sentences
    forget_speakers()
    messages._compiled = plain_compiled
    _speed.compiled_phrase = lambda *_: None  # each phrase said by its speaker
    jurisdiction.Sentences = PlainSentences  # type: ignore[misc]
    try:
        yield
    finally:
        messages._compiled, _speed.compiled_phrase, jurisdiction.Sentences = saved
        forget_speakers()


def plain_rows(source: str, text: bytes, as_of: datetime, lang: str) -> list[dict[str, Any]]:
    """The audit's rows made from ``Report.to_records``, as the plain code makes them."""
    try:
        subject = read_subject(text)
        report = evaluate(subject, as_of)
    except Exception as error:
        return [{"error": type(error), "text": str(error)}]
    rows = []
    zone = report.jurisdiction.zone
    for record, finding in zip(report.to_records(lang), report.findings, strict=True):
        del record["readings"]
        row = {"source": source, **record, "due_at": None, "act_at": None, ZONE: zone}
        due, act = finding.due, finding.act_on
        if isinstance(due, datetime):
            row["due"], row["due_at"] = shown_day(due, zone), due.astimezone(zone)
        if isinstance(act, datetime):
            row["act_on"], row["act_at"] = shown_day(act, zone), act.astimezone(zone)
        rows.append({**{column: row[column] for column in COLUMNS}, ZONE: zone})  # in order
    return rows


def plain_cells(row: dict[str, Any]) -> list[Any]:
    """A row's cells, each written afresh."""
    return [None if row[column] is None else _json(row[column]) for column in COLUMNS]


def outputs(text: bytes, as_of: datetime, lang: str) -> dict[str, Any]:
    """Everything the shortcuts write for one document: messages, records, the report's JSON
    compact and indented, the audit's rows and cells."""
    try:
        report = evaluate(read_subject(text), as_of)
    except Exception as error:
        return {"error": type(error)}
    rows = _rows_of("doc", text, as_of, lang, ())
    return {
        "messages": [report.message(finding, lang) for finding in report.findings],
        "records": report.to_records(lang),
        "dict": report.to_dict(lang),
        "json": report.to_json(lang),
        "json2": report.to_json(lang, indent=2),
        "rows": [list(row.items()) for row in rows],
        "cells": [_cells(row) for row in rows],
        "lines": report.lines(lang),
    }


def plain_outputs(text: bytes, as_of: datetime, lang: str) -> dict[str, Any]:
    """What the plain code writes for one document (:func:`outputs`)."""
    with plain_messages():
        try:
            report = evaluate(read_subject(text), as_of)
        except Exception as error:
            return {"error": type(error)}
        document = report.to_dict(lang)
        for finding, written in zip(report.findings, document["findings"], strict=True):
            assert [citation.to_dict() for citation in finding.citations] == written["citations"]
        rows = plain_rows("doc", text, as_of, lang)
        return {
            "messages": [report.message(finding, lang) for finding in report.findings],
            "records": report.to_records(lang),
            "dict": document,
            "json": json.dumps(document, ensure_ascii=False),
            "json2": json.dumps(document, ensure_ascii=False, indent=2),
            "rows": [list(row.items()) for row in rows],
            "cells": [plain_cells(row) for row in rows],
            "lines": report.lines(lang),
        }


def same_outputs(text: bytes, as_of: datetime) -> None:
    """The outputs of ``text`` at ``as_of``, in both languages, are the plain code's."""
    for lang in ("fr", "en"):
        expected = plain_outputs(text, as_of, lang)
        for _ in range(2):  # said afresh, then with what was kept
            assert expected == outputs(text, as_of, lang)


class TestOutputs:
    @pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
    @pytest.mark.parametrize("as_of", INSTANTS, ids=lambda instant: instant.date().isoformat())
    def test_every_example_writes_the_same(self, path, as_of):
        """Every example file, at instants before, during and after its events."""
        same_outputs(path.read_bytes(), as_of)

    @given(strategies.migration_cases, strategies.evaluation_instants)
    def test_generated_cases_write_the_same(self, case, as_of):
        """Generated migration cases, at any instant."""
        same_outputs(case.to_json().encode(), as_of)

    @given(strategies.consent_answers, strategies.evaluation_instants)
    def test_generated_checklists_write_the_same(self, answers, as_of):
        """Generated consent checklists, at any instant."""
        same_outputs(answers.to_json().encode(), as_of)

    def test_the_audit_writes_the_same_rows_for_many_cases(self):
        """Rows of consecutive cases (each with its own as_of written once), as the plain
        rows."""
        texts = [path.read_bytes() for path in EXAMPLE_FILES] + [b"{", b"[]"]
        inputs = [(f"doc:{n}", text) for n, text in enumerate(texts * 2)]
        for as_of in (date(2025, 6, 1), INSTANTS[1]):
            found = [row for rows in audit_rows(inputs, as_of) for row in rows]
            cells = [_cells(row) for row in found]
            assert [plain_cells(row) for row in found] == cells


class Shade(enum.IntEnum):
    DARK = 1


JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.sampled_from([Shade.DARK, "texte « accentué »", "\ud800", "{}", "a\nb"])
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


class TestJsonPieces:
    @given(
        st.dictionaries(st.text(), JSON_VALUES, min_size=1, max_size=4),
        st.dictionaries(st.text(), JSON_VALUES, max_size=3),
        st.sampled_from([None, 0, 1, 2, 4]),
    )
    def test_as_json_dumps_of_the_whole(self, head, more, indent):
        """A document written by parts, with members after an object's own and an array of
        written values, is the text json.dumps writes of the whole."""
        more = {key: value for key, value in more.items() if key not in head}
        items = list(more.values())
        document = {"array": [{**head, **more}, items], "head": head}
        pieces = _speed.json_pieces(indent)
        whole = pieces.extended(pieces.value(head, 2), tuple(more), [
            pieces.value(value, 3) for value in more.values()], 2)  # fmt: skip
        inner = pieces.array([pieces.value(value, 3) for value in items], 2)
        written = pieces.form(("array", "head"), 0).format(
            pieces.array([whole, inner], 1), pieces.value(head, 1)
        )
        assert json.dumps(document, ensure_ascii=False, indent=indent) == written

    def test_the_same_errors(self):
        """A value JSON cannot hold, or a cycle, is refused as json.dumps refuses it; the
        writer is whole after it."""
        pieces = _speed.json_pieces(None)
        looped: list[Any] = []
        looped.append(looped)
        for refused in (looped, {"when": date(2025, 1, 1)}, {1j}):
            with pytest.raises((TypeError, ValueError)) as plain:
                json.dumps(refused, ensure_ascii=False)
            with pytest.raises(type(plain.value)) as raised:
                pieces.value(refused, 0)
            assert str(plain.value) == str(raised.value)
            assert '{"a": [1, null]}' == pieces.value({"a": [1, None]}, 0)


class TestReportJson:
    @given(finding=strategies.findings, indent=st.sampled_from([None, 0, 2]))
    def test_generated_findings_write_as_json_dumps(self, finding, indent):
        """A report of any finding (its citations the same tuple, a new tuple of the same
        citations, or a list) writes what json.dumps writes of its to_dict, or fails alike."""
        report = evaluate(read_subject(EXAMPLE_FILES[0].read_bytes()), INSTANTS[1])
        citations = report.findings[0].citations
        for lang in ("fr", "en"):
            for gathered in (citations, tuple(list(citations)), list(citations), ()):
                odd = attrs.evolve(report, findings=(finding._replace(citations=gathered),))
                expected = outcome(lambda r, lang=lang: json.dumps(
                    r.to_dict(lang), ensure_ascii=False, indent=indent), odd)  # fmt: skip
                for _ in range(2):
                    written = outcome(lambda r, lang=lang: r.to_json(lang, indent=indent), odd)
                    assert expected == written


class TestCompiledMessages:
    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_every_template_compiles_as_read_afresh(self, lang):
        """Each template of every catalogue, with values its fields read, says what the plain
        reading says (or raises the same error)."""
        samples: list[Any] = [0, 1, 2, 1_000_000, Decimal("1500.5"), date(2025, 6, 24),
                              datetime(2025, 6, 24, tzinfo=UTC), "texte", ("a", "b"),
                              (90, 420), ["reason.not_migrated"]]  # fmt: skip
        for catalogue in catalogues():
            say = catalogue.speaker(lang, MONTREAL)
            codes = set(catalogue.texts) | set(ENGINE_MESSAGES.texts)
            for code in sorted(codes):
                template = catalogue.template(code, lang)
                fields = {field for _, field, _, _ in string.Formatter().parse(template) if field}
                for sample in samples:
                    values = dict.fromkeys(fields, sample)
                    expected = outcome(plain_compiled(template, messages._Words(
                        catalogue, lang, MONTREAL)), values)  # fmt: skip
                    said = outcome(lambda v, say=say, code=code: say(code, **v), values)
                    assert expected == said, code

    @pytest.mark.parametrize(
        "template",
        ["{a} et {b:>5}", "{a!r}", "{a.real}", "{0}", "{a:{b}}", "{{a}} {a}", "{ a }", "x"],
    )
    def test_unusual_fields_read_as_the_plain_reading(self, template):
        """A conversion is not applied, a name is never an attribute or an index: as the
        plain reading, whether str.format would read them otherwise or not."""
        catalogue = Messages({"t": {"fr": template, "en": template}})
        for values in ({"a": 1.5, "b": 2}, {"a": "x"}, {}, {"0": 3, "a": 4}):
            expected = outcome(plain_compiled(template, messages._Words(catalogue, "fr", None)),
                               values)  # fmt: skip
            assert expected == outcome(lambda v: catalogue.format("t", "fr", **v), values)

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_every_template_as_a_phrase_says_as_read_afresh(self, lang):
        """Each template of every catalogue, as a function of its fields' values in order (and
        of one field more, or one field fewer), says what the plain reading says of them (or
        raises the same error), first and second time."""
        samples: list[Any] = [0, 1, 2, 1_000_000, Decimal("1500.5"), Decimal("1500.50"),
                              date(2025, 6, 24), datetime(2025, 6, 24, tzinfo=UTC), True, 1.0,
                              "texte", ("a", "b"), (90, 420), ["reason.not_migrated"]]  # fmt: skip
        for catalogue in catalogues():
            codes = set(catalogue.texts) | set(ENGINE_MESSAGES.texts)
            for code in sorted(codes):
                template = catalogue.template(code, lang)
                named = sorted({field for _, field, _, _ in string.Formatter().parse(template)
                                if field is not None})  # fmt: skip
                for fields in (named, [*named, "more"], named[1:]):
                    phrase = catalogue.phrase(code, lang, MONTREAL, *fields)
                    words = messages._Words(catalogue, lang, MONTREAL)
                    for sample in samples * 2:
                        values = dict.fromkeys(fields, sample)
                        expected = outcome(plain_compiled(template, words), values)
                        said = outcome(lambda v, phrase=phrase: phrase(*v.values()), values)
                        assert expected == said, (code, fields, sample)

    @pytest.mark.parametrize(
        "template",
        ["{a} et {b:>5}", "{a!r}", "{a.real}", "{0}", "{a:{b}}", "{{a}} {a}", "{ a }", "x",
         "{a:when} {a}", "{a:days} ({b:business_days})", "{b} {a:money} {b:02d}"],
    )  # fmt: skip
    def test_unusual_phrases_read_as_the_plain_reading(self, template):
        """A phrase of an unusual template says what its plain reading says."""
        catalogue = Messages({"t": {"fr": template, "en": template}}, fallback=ENGINE_MESSAGES)
        for values in ({"a": 1.5, "b": 2}, {"a": "x", "b": 3}, {"0": 3, "a": 4},
                       {"a": date(2025, 1, 2), "b": 1}, {"a": 2, "b": Decimal("3")}):  # fmt: skip
            phrase = catalogue.phrase("t", "fr", MONTREAL, *values)
            plain = plain_compiled(template, messages._Words(catalogue, "fr", MONTREAL))
            for _ in range(2):
                expected = outcome(plain, values)
                assert expected == outcome(lambda v, phrase=phrase: phrase(*v.values()), values)

    def test_what_is_remembered_stays_bounded(self, monkeypatch):
        """A reading that has kept its share of texts starts afresh, and still says each value
        as the plain reading does."""
        monkeypatch.setattr(_speed, "_KEPT_READINGS", 4)
        catalogue = Messages({"t": {"fr": "le {d:when}", "en": "on {d:when}"}})
        say = catalogue.speaker("en", MONTREAL)
        plain = plain_compiled("on {d:when}", messages._Words(catalogue, "en", MONTREAL))
        for day in range(1, 20):
            value = datetime(2025, 6, day, 12, tzinfo=UTC)
            assert plain({"d": value}) == say("t", d=value)
            assert plain({"d": value}) == say("t", d=value)


class TestSentences:
    @given(finding=strategies.findings)
    def test_generated_findings_read_as_the_plain_sentence(self, finding):
        """Any finding of any rule (a caller's too), in both languages, reads as the plain
        :func:`sentence` says it, or raises the same error."""
        for lang in ("fr", "en"):
            said = [outcome(lambda f, lang=lang: f.message(lang), finding) for _ in range(2)]
            with plain_messages():
                expected = outcome(lambda f, lang=lang: f.message(lang), finding)
            assert [expected, expected] == said

    def test_a_string_equal_to_a_status_is_not_one(self):
        """A finding whose status is a plain string fails as the plain sentence fails, even
        once the status it equals has been said."""
        finding = next(iter(evaluate(read_subject(EXAMPLE_FILES[0].read_bytes()),
                                     INSTANTS[1]).findings))  # fmt: skip
        odd = finding._replace(status=str(finding.status.value))
        for _ in range(2):
            finding.message("fr")
            expected_error = outcome(lambda f: f.message("fr"), odd)
            assert AttributeError is expected_error[0]

    @pytest.mark.parametrize("missing", ["finding.cap", "finding.due", "list.separator"])
    def test_a_catalogue_without_a_part_fails_only_where_the_part_is_said(self, missing):
        """A caller's catalogue without one of the parts (no fallback): a finding that does not
        need it reads as the plain sentence; one that needs it fails as the plain one fails."""
        pack = jurisdictions()["qc"]
        texts = {**ENGINE_MESSAGES.texts, **pack.messages.texts}
        del texts[missing]
        catalogue = Messages(texts)
        report = evaluate(read_subject(EXAMPLE_FILES[0].read_bytes()), INSTANTS[1])
        title = "Titre"
        for finding in report.findings:
            for lang in ("fr", "en"):
                say = catalogue.speaker(lang, MONTREAL)
                expected = outcome(
                    lambda f, lang=lang, say=say: plain_sentence(
                        f, lang, say, catalogue, title, ()
                    ),
                    finding,
                )
                said = presentation.Sentences(catalogue, lang, MONTREAL)
                assert expected == outcome(lambda f, said=said: said(f, title, ()), finding)


def outcome(action: Any, values: Any) -> Any:
    """What ``action(values)`` gives, or its error's class and text."""
    try:
        return action(values)
    except Exception as error:
        return type(error), str(error)


def test_rows_of_several_instants_each_write_their_own():
    """Rows of two evaluations' instants, alternating (one a copy of the other's instant in
    another offset): each row's ``as_of`` cell is its own instant's text."""
    montreal = datetime(2025, 7, 2, 12, tzinfo=MONTREAL)
    rows = [{**dict.fromkeys(COLUMNS), "due_at": None, "act_at": None, "as_of": instant}
            for instant in (montreal, montreal.astimezone(UTC), montreal, None)]  # fmt: skip
    assert ["2025-07-02T12:00:00-04:00", "2025-07-02T16:00:00+00:00",
            "2025-07-02T12:00:00-04:00", None] == [_cells(row)[COLUMNS.index("as_of")]
                                                   for row in rows]  # fmt: skip
