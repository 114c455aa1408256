"""The audit's CSV and JSON Lines made batch by batch (``audit_text``, ``--jobs N``): the same
bytes as the rows written in one process; and its summary on standard error, in words.
"""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dme_rules.audit import Summary, audit_rows, audit_text, table_heading, write_table

from . import strategies
from .fuzzing import MUTATIONS, seeds
from .test_audit import AS_OF, AS_OF_INSTANT, FAST, WORKERS, audit

# The folder of inputs of tests/test_audit.py, a fixture shared by this module's tests.
from .test_audit import inputs as inputs


def _plain(inputs, fmt: str, spreadsheet: bool = False) -> tuple[str, Summary]:
    """The table and summary made the plain way: every row in this process, then written."""
    summary, rows = Summary(), []
    for found in audit_rows(inputs, datetime.fromisoformat(AS_OF_INSTANT)):
        summary.add(found)
        rows += found
    out = io.StringIO()
    write_table(rows, out, fmt, spreadsheet=spreadsheet)
    return out.getvalue(), summary


def _streamed(inputs, fmt: str, spreadsheet: bool = False, **kwargs) -> tuple[str, Summary]:
    """The table and summary as the command line writes them: text batch by batch."""
    summary, texts = Summary(), [table_heading(fmt, spreadsheet)]
    for text, part in audit_text(inputs, datetime.fromisoformat(AS_OF_INSTANT), fmt,
                                 spreadsheet=spreadsheet, **kwargs):  # fmt: skip
        texts.append(text)
        summary.merge(part)
    return "".join(texts), summary


def _mixed_inputs(cases, rng) -> list[tuple[str, bytes]]:
    """Every example document (subject added where it has none), the generated cases, each
    also mutated into what a careless user sends (mostly invalid), and lines that are not
    JSON: ``(source, text)`` as :func:`read_inputs` gives them."""
    documents = []
    for kind, document in seeds():
        if kind == "consent":
            document = {**document, "subject": "qc.emr.consent-assessment"}
        documents.append(document)
    documents += [case.to_dict() for case in cases]
    texts: list[bytes] = []
    for document in documents:
        texts.append(json.dumps(document, ensure_ascii=False).encode())
        mutated = MUTATIONS[rng.choice(sorted(MUTATIONS))](rng, document)
        texts.append(mutated if isinstance(mutated, bytes) else mutated.encode("utf-8", "replace"))
    texts += [b"not json", b"{}", b'{"case_id": "a\\rb"}', b"\xff\xfe"]
    return [(f"in.jsonl:{number}", text) for number, text in enumerate(texts, start=1)]


STREAMS = [("csv", False), ("csv", True), ("jsonl", False)]


class TestWorkersSendText:
    """--jobs N: workers send back finished text and their part of the summary; the table is
    the same, byte for byte, as the rows written in one process."""

    @FAST
    @given(st.lists(strategies.migration_cases, max_size=6), st.randoms(use_true_random=False))
    def test_batches_write_what_the_rows_write(self, cases, rng):
        """In one process, at several batch sizes: the same text and summary as the plain
        path (every row made, then written), valid and invalid inputs mixed."""
        inputs = _mixed_inputs(cases, rng)
        for fmt, spreadsheet in STREAMS:
            plain = _plain(inputs, fmt, spreadsheet)
            for batch in (1, 3, 256):
                assert plain == _streamed(inputs, fmt, spreadsheet, batch=batch)

    @WORKERS
    @given(st.lists(strategies.migration_cases, min_size=5, max_size=20),
           st.randoms(use_true_random=False))  # fmt: skip
    def test_two_workers_write_what_one_process_writes(self, cases, rng):
        """Two worker processes, at several batch sizes: the same text and summary."""
        inputs = _mixed_inputs(cases, rng)
        for fmt, spreadsheet in STREAMS:
            plain = _plain(inputs, fmt, spreadsheet)
            for batch in (1, 7, 256):
                assert plain == _streamed(inputs, fmt, spreadsheet, jobs=2, batch=batch)

    @pytest.mark.parametrize(("fmt", "excel"), [("csv", False), ("csv", True), ("jsonl", False)])
    def test_the_command_line_with_two_workers(self, capsys, inputs, tmp_path, fmt, excel):
        """dme-rules audit --jobs 2 writes the bytes --jobs 1 writes (the examples, a bad line,
        a checklist), the same summary on standard error, the same exit code."""
        written = []
        for jobs in ("1", "2"):
            out = tmp_path / f"{jobs}.{fmt}"
            argv = [*inputs, "--as-of", AS_OF, "--out", str(out), "--jobs", jobs]
            code, _, err = audit(capsys, *argv, *(["--excel"] if excel else []))
            written.append((code, out.read_bytes(), err))
        assert written[0] == written[1]
        assert 2 == written[0][0]


class TestSummaryWords:
    def test_findings_by_rule_are_named_by_their_titles(self):
        """Standard error is read by people: each rule by its title in the language, the
        statuses in words, French typography (a no-break space before the colon)."""
        summary = Summary()
        summary.add([{"status": "violation", "case_status": "violation",
                      "rule_id": "qc.migration.extraction-deadline"}])  # fmt: skip
        summary.add([{"status": "compliant", "case_status": "compliant",
                      "rule_id": "qc.migration.extraction-deadline"}])  # fmt: skip
        assert (
            "  Délai d'extraction des données\u00a0: conforme 1, non conforme 1"
            == (summary.lines("fr")[-1])
        )
        assert "  Data extraction deadline: compliant 1, violation 1" == summary.lines("en")[-1]

    @pytest.mark.parametrize(
        ("replaced", "line"),
        [(1, "1 caractère que le format ne peut contenir remplacé par �"),
         (3, "3 caractères que le format ne peut contenir remplacés par �")],
    )  # fmt: skip
    def test_replaced_characters_are_counted_in_words(self, replaced, line):
        """One character replaced is singular, three plural: no « (s) »."""
        assert line == Summary(replaced=replaced).lines("fr")[-1]


def test_a_cell_with_a_lone_carriage_return_is_read_back_as_it_was():
    """A row with a lone CR in a cell (here a file's name) is written with every cell
    quoted, which a CSV reader reads back as it was; the other rows stay unquoted."""
    inputs = [("a\rb.json", b"not json"), ("ok.json", b"{}")]
    text, _ = _streamed(inputs, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert ["a\rb.json", "ok.json"] == [row[0] for row in rows[1:]]
    assert text.splitlines()[-1].startswith("ok.json,")  # not quoted


@pytest.mark.parametrize("staged", [1, 2, 5])
def test_the_inputs_taken_through_the_stages_together_change_nothing(monkeypatch, staged):
    """However many inputs of a batch go through each stage together, the same text and
    summary as the plain path."""
    import dme_rules.audit.writing as writing

    inputs = _mixed_inputs([], random.Random(staged))
    monkeypatch.setattr(writing, "STAGED", staged)
    for fmt, spreadsheet in STREAMS:
        assert _plain(inputs, fmt, spreadsheet) == _streamed(inputs, fmt, spreadsheet, batch=7)
