"""The auditor's batch: many subjects in, one table of findings out (SPEC §12).

:func:`read_inputs` turns command-line paths (case files, folders, JSON Lines files, ``-``) into
``(source, text)`` pairs; :func:`audit_rows` reads and evaluates each, giving one row per
finding (or one ``invalid_input`` row for an input that cannot be read) with the columns of
:data:`COLUMNS`; :func:`write_table` writes the rows as CSV, JSON Lines, Excel, Parquet or a
self-contained HTML page; :class:`Summary` counts what the auditor reads on standard error.
The optional formats need the ``audit`` extra (``pip install 'dme-rules[audit]'``).
"""

from __future__ import annotations

import csv
import html
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from dme_rules.engine import _speed
from dme_rules.engine.evaluation import evaluate, read_subject
from dme_rules.engine.jurisdiction import default_jurisdiction, jurisdiction_of
from dme_rules.engine.messages import Messages, check_language, when_text
from dme_rules.engine.presentation import STATUS_COLOURS
from dme_rules.engine.readings import Reading
from dme_rules.engine.status import Status
from dme_rules.engine.time import end_of_day_in
from dme_rules.errors import DmeRulesError, InvalidArgumentError

__all__ = [
    "CITATIONS",
    "COLUMNS",
    "FORMATS",
    "INVALID",
    "TYPED_COLUMNS",
    "ZONE",
    "Summary",
    "audit_rows",
    "default_format",
    "html_page",
    "read_inputs",
    "write_table",
]

#: The columns of the table, in order (SPEC §12).
COLUMNS = (
    "source", "case_id", "as_of", "case_status", "rule_id", "rule_version", "status",
    "obligated_party", "due", "act_on", "days_late", "business_days_late", "days_left",
    "business_days_left", "amount", "cap", "interpretation", "reason", "missing", "message",
)  # fmt: skip

#: The formats the table is written in, by name, and the file extension of each.
FORMATS = {"csv": ".csv", "jsonl": ".jsonl", "xlsx": ".xlsx", "parquet": ".parquet",
           "html": ".html"}  # fmt: skip

#: The status of the row of an input that cannot be read.
INVALID = "invalid_input"

_STATUSES = frozenset(status.value for status in Status)

#: The key of a row's citations (not a column: for the HTML report only).
CITATIONS = "_citations"

#: The key of a row's time zone (not a column): its finding's pack's, in which its dates are
#: shown.
ZONE = "_zone"

_WORDS = Messages(
    {
        "summary.inputs": {
            "fr": "{inputs:count:summary.input}, dont {invalid:count:summary.invalid}",
            "en": "{inputs:count:summary.input}, {invalid:count:summary.invalid}",
        },
        "summary.input.one": {"fr": "entrée lue", "en": "input read"},
        "summary.input.other": {"fr": "entrées lues", "en": "inputs read"},
        "summary.invalid.one": {"fr": "invalide", "en": "invalid"},
        "summary.invalid.other": {"fr": "invalides", "en": "invalid"},
        "summary.cases": {
            "fr": "dossiers par statut : {counts}",
            "en": "cases by status: {counts}",
        },
        "summary.findings": {
            "fr": "constats par règle et statut :",
            "en": "findings by rule and status:",
        },
        "html.title": {"fr": "Audit des dossiers", "en": "Audit of the cases"},
        "html.chart": {"fr": "Statuts par règle", "en": "Statuses by rule"},
        "html.cases": {"fr": "Dossiers", "en": "Cases"},
        "html.sources": {"fr": "Sources citées", "en": "Sources cited"},
        "html.invalid": {"fr": "entrée invalide", "en": "invalid input"},
        "html.column.rule_id": {"fr": "règle", "en": "rule"},
        "html.column.status": {"fr": "statut", "en": "status"},
        "html.column.obligated_party": {"fr": "partie", "en": "party"},
        "html.column.due": {"fr": "échéance", "en": "due"},
        "html.column.act_on": {"fr": "acte", "en": "act"},
        "html.column.message": {"fr": "message", "en": "message"},
    }
)


# -- inputs -----------------------------------------------------------------------------------


Input = tuple[str, "bytes | OSError"]


def read_inputs(paths: Sequence[str], stdin: Any = None) -> Iterator[Input]:
    """Each input as ``(source, text)``: a case file as given; every ``*.json`` under a
    folder (recursively, sorted by full path), named by the folder joined with its path under
    it; each line of a ``*.jsonl`` file as ``FILE:N`` (from 1); ``-``: JSON Lines on standard
    input, ``-:N``. An unreadable path gives one input whose text is the ``OSError``, which
    becomes an invalid row."""
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            if stream is None:
                yield "-", OSError("no standard input")
                continue
            yield from _lines("-", stream.buffer if hasattr(stream, "buffer") else stream)
            continue
        given = Path(path)
        if given.is_dir():
            for file in sorted(given.rglob("*.json"), key=lambda p: str(p)):
                yield str(given / file.relative_to(given)), _read(file)
        elif given.suffix == ".jsonl":
            try:
                with given.open("rb") as stream:
                    yield from _lines(path, stream)
            except OSError as error:
                yield path, error
        else:
            yield path, _read(given)


def _read(path: Path) -> bytes | OSError:
    try:
        return path.read_bytes()
    except OSError as error:
        return error


def _lines(name: str, stream: Any) -> Iterator[tuple[str, bytes]]:
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield f"{name}:{number}", line


# -- rows -------------------------------------------------------------------------------------


def _row_of_invalid(source: str, message: str, as_of: datetime | date) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update(source=source, as_of=_instant(as_of, None), case_status=INVALID, status=INVALID,
               message=message)  # fmt: skip
    return row


def _instant(as_of: datetime | date, kind: str | None) -> datetime:
    """The instant of the evaluation: ``as_of`` itself, or for a date the end of that day in
    the jurisdiction of the subject's ``kind`` (a document that cannot be read: the default
    kind's, Quebec's)."""
    if isinstance(as_of, datetime):
        return as_of
    pack = jurisdiction_of(kind) if kind is not None else default_jurisdiction()
    return end_of_day_in(as_of, pack.zone)


def _rows_of(
    source: str,
    text: bytes | OSError,
    as_of: datetime | date,
    lang: str,
    readings: Sequence[Reading | str],
    citations: bool = False,
) -> list[dict[str, Any]]:
    """The rows of one input: a row per finding, or one invalid row (``citations``: each row
    also carries the passages its finding cites, under :data:`CITATIONS`)."""
    if isinstance(text, OSError):
        reason = text.strerror or str(text)
        return [_row_of_invalid(source, f"{source}: cannot read the file ({reason})", as_of)]
    try:
        subject = read_subject(text)
        report = evaluate(subject, _instant(as_of, subject.kind), readings=readings)
    except DmeRulesError as error:
        return [_row_of_invalid(source, f"{source}: {error}", as_of)]
    rows = []
    zone = report.jurisdiction.zone
    for record, finding in zip(report.to_records(lang), report.findings, strict=True):
        del record["readings"]  # not a column of the audit
        row = {"source": source, **record}  # the columns in their order
        if isinstance(finding.due, datetime) or isinstance(finding.act_on, datetime):
            for column in ("due", "act_on"):  # an instant is shown in its pack's local time
                value = row[column]
                if isinstance(value, datetime):
                    row[column] = value.astimezone(zone)
        row[ZONE] = zone
        if citations:  # for the HTML report: the passages each finding rests on
            row[CITATIONS] = [
                f"« {c.quote_fr} » — {c.document.title}, {c.section}" for c in finding.citations
            ]
        rows.append(row)
    return rows


def _rows_of_batch(
    batch: list[Input],
    as_of: datetime | date,
    lang: str,
    readings: Sequence[Reading | str],
    citations: bool,
) -> list[list[dict[str, Any]]]:
    return [_rows_of(source, text, as_of, lang, readings, citations) for source, text in batch]


def audit_rows(
    inputs: Iterable[Input],
    as_of: datetime | date,
    *,
    lang: str = "fr",
    readings: Sequence[Reading | str] = (),
    jobs: int = 1,
    batch: int = 256,
    citations: bool = False,
) -> Iterator[list[dict[str, Any]]]:
    """The rows of each input, in the inputs' order (a list per input); ``as_of`` an instant,
    or a date: the end of that day in each subject's jurisdiction. With ``jobs`` > 1 the
    inputs are read and evaluated in that many worker processes, batch by batch;
    ``citations`` adds each finding's passages (for the HTML report).

    Besides the columns, a finding's row carries its pack's time zone under :data:`ZONE`
    (its instants are already in it): the typed formats and the page show its dates there.
    A writer of the columns alone leaves both private keys out
    (``csv.DictWriter(..., extrasaction="ignore")``)."""
    check_language(lang)
    readings = tuple(readings)
    if jobs <= 1:
        for source, text in inputs:
            yield _rows_of(source, text, as_of, lang, readings, citations)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        batches = _batches(inputs, batch)
        pending = [pool.submit(_rows_of_batch, chunk, as_of, lang, readings, citations)
                   for chunk in _take(batches, jobs * 2)]  # fmt: skip
        while pending:
            done = pending.pop(0)
            for chunk in _take(batches, 1):
                pending.append(pool.submit(_rows_of_batch, chunk, as_of, lang, readings, citations))
            yield from done.result()


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _take(iterator: Iterator[Any], count: int) -> list[Any]:
    taken = []
    for _ in range(count):
        try:
            taken.append(next(iterator))
        except StopIteration:
            break
    return taken


# -- summary ----------------------------------------------------------------------------------


@attrs.define
class Summary:
    """What the audit read: inputs, invalid ones, cases by overall status, findings by rule
    and status."""

    inputs: int = 0
    invalid: int = 0
    cases: Counter[str] = attrs.field(factory=Counter)
    findings: Counter[tuple[str, str]] = attrs.field(factory=Counter)

    def add(self, rows: list[dict[str, Any]]) -> None:
        """Count the rows of one input."""
        self.inputs += 1
        if rows and rows[0]["status"] == INVALID:
            self.invalid += 1
            return
        if rows:
            self.cases[rows[0]["case_status"]] += 1
        for row in rows:
            self.findings[row["rule_id"], row["status"]] += 1

    @property
    def violation(self) -> bool:
        """Whether a finding is a violation."""
        return any(status == "violation" for _, status in self.findings)

    def lines(self, lang: str = "fr") -> list[str]:
        """The summary for standard error."""
        say = _WORDS.speaker(lang)

        def label(status: str) -> str:
            return Status(status).label(lang) if status in _STATUSES else status

        counts = ", ".join(f"{label(status)} {n}" for status, n in sorted(self.cases.items()))
        lines = [
            say("summary.inputs", inputs=self.inputs, invalid=self.invalid),
            say("summary.cases", counts=counts or "-"),
            say("summary.findings"),
        ]
        by_rule: dict[str, list[str]] = {}
        for (rule_id, status), n in sorted(self.findings.items()):
            by_rule.setdefault(rule_id, []).append(f"{label(status)} {n}")
        lines += [f"  {rule_id}: {', '.join(parts)}" for rule_id, parts in by_rule.items()]
        return lines


# -- writing ----------------------------------------------------------------------------------


#: The columns whose values JSON has no type for (dates, instants, amounts), by position.
_WRITTEN = tuple(COLUMNS.index(c) for c in ("as_of", "due", "act_on", "amount", "cap"))


def _cells(row: dict[str, Any]) -> list[Any]:
    """A row's cells in the order of :data:`COLUMNS`, as JSON writes them (:func:`_json`);
    the other columns hold strings, integers or ``None`` already."""
    cells = [row[column] for column in COLUMNS]
    for index in _WRITTEN:
        value = cells[index]
        if value is not None:
            cells[index] = _json(value)
    return cells


def _text(value: Any) -> Any:
    """A cell as text formats write it: :func:`_json`'s, with an empty cell for ``None``."""
    return "" if value is None else _json(value)


def _json(value: Any) -> Any:
    """A value as JSON writes it: ISO dates and instants, plain decimals, the rest kept."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _local(row: dict[str, Any], value: datetime) -> datetime:
    """``value`` in the local time of the row's pack (:data:`ZONE`); as it is written for a
    row that does not say its pack's zone (one made by a caller from ``Report.to_records``)."""
    zone: tzinfo | None = row.get(ZONE)
    return value if zone is None else value.astimezone(zone)


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """A row for typed formats: ``due`` a date (the local date, in its pack's zone, of a due
    instant), then ``due_at`` the instant (empty for a date deadline)."""
    typed: dict[str, Any] = {}
    for column in COLUMNS:
        value = row[column]
        if column == "due":
            typed["due"] = _local(row, value).date() if isinstance(value, datetime) else value
            typed["due_at"] = value if isinstance(value, datetime) else None
            continue
        if column == "act_on" and isinstance(value, datetime):
            value = _local(row, value).date()
        typed[column] = value
    return typed


#: The columns of the typed formats (Excel, Parquet): ``due_at`` comes right after ``due``.
TYPED_COLUMNS = (
    *COLUMNS[: COLUMNS.index("due") + 1],
    "due_at",
    *COLUMNS[COLUMNS.index("due") + 1 :],
)


def write_table(
    rows: Iterable[dict[str, Any]], out: Any, format: str, *, lang: str = "fr",
    summary: Summary | None = None,
) -> None:  # fmt: skip
    """Write ``rows`` to ``out`` (a text stream for csv, jsonl and html; a path or binary
    stream for xlsx and parquet) in ``format``. A row's dates are shown in its pack's zone
    (:data:`ZONE`, which :func:`audit_rows` sets), else as its instants are written.

    Raises:
        DmeRulesError: The format needs a package that is not installed.
    """
    if format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(_cells(row))  # None is written as an empty cell
    elif format == "jsonl":
        for row in rows:
            out.write(_speed.json_line(dict(zip(COLUMNS, _cells(row), strict=True))))
    elif format == "xlsx":
        _write_xlsx(list(rows), out, lang, summary)
    elif format == "parquet":
        _write_parquet(list(rows), out)
    elif format == "html":
        out.write(html_page(list(rows), lang, summary))
    else:  # pragma: no cover - the command line offers only the formats above
        known = "csv, jsonl, xlsx, parquet, html"
        raise InvalidArgumentError(
            "format", f"one of {known}", format, expected_fr=f"un format parmi {known}"
        )


def _needs(package: str) -> DmeRulesError:
    return DmeRulesError(
        f"this format needs {package}: pip install 'dme-rules[audit]' / "
        f"ce format a besoin de {package} : pip install 'dme-rules[audit]'"
    )


def _write_xlsx(rows: list[dict[str, Any]], out: Any, lang: str, summary: Summary | None) -> None:
    try:
        from openpyxl import Workbook
    except ImportError:
        raise _needs("openpyxl") from None
    book = Workbook()
    sheet = book.active
    sheet.title = "Findings"
    sheet.append(TYPED_COLUMNS)
    for row in rows:
        typed = _typed(row)
        values = []
        for column in TYPED_COLUMNS:
            value = typed[column]
            if isinstance(value, datetime):  # Excel has no zones: the pack's local time
                value = _local(row, value).replace(tzinfo=None)
            values.append(value)
        sheet.append(values)
    totals = book.create_sheet("Summary")
    for line in summary.lines(lang) if summary is not None else []:
        totals.append([line])
    book.save(out)


def _write_parquet(rows: list[dict[str, Any]], out: Any) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise _needs("pyarrow") from None
    instant, day, amount = pa.timestamp("us", tz="UTC"), pa.date32(), pa.decimal128(38, 20)
    days = ("days_late", "business_days_late", "days_left", "business_days_left")
    types = {"as_of": instant, "due": day, "due_at": instant, "act_on": day, "amount": amount,
             "cap": amount, **{column: pa.int64() for column in days}}  # fmt: skip
    typed_rows = [_typed(row) for row in rows]
    columns = {}
    for column in TYPED_COLUMNS:
        values = [row[column] for row in typed_rows]
        columns[column] = pa.array(values, type=types.get(column, pa.string()))
    pq.write_table(pa.table(columns), out)


# -- the HTML page ----------------------------------------------------------------------------

_COLOURS = {**STATUS_COLOURS, INVALID: "#000000"}


def html_page(rows: list[dict[str, Any]], lang: str = "fr", summary: Summary | None = None) -> str:
    """One self-contained page (no network): the summary, a chart of statuses by rule (inline
    SVG), and every case with its findings."""
    say = _WORDS.speaker(lang)
    escape = html.escape
    parts = [
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>",
        f"<title>{escape(say('html.title'))}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:80em}"
        "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;"
        "padding:0.2em 0.5em;text-align:left;vertical-align:top}th{background:#eee}"
        ".status{font-weight:bold}</style></head><body>",
        f"<h1>{escape(say('html.title'))}</h1>",
    ]
    if summary is not None:
        parts.append("<ul>" + "".join(f"<li>{escape(line.strip())}</li>"
                                      for line in summary.lines(lang)) + "</ul>")  # fmt: skip
    parts.append(f"<h2>{escape(say('html.chart'))}</h2>")
    parts.append(_chart(rows, lang))
    parts.append(f"<h2>{escape(say('html.cases'))}</h2>")
    headings = ("rule_id", "status", "obligated_party", "due", "act_on", "message")
    shown = [say(f"html.column.{heading}") for heading in headings]
    by_source: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row)
    for source, found in by_source.items():
        first = found[0]
        case_status = _status_label(first["case_status"], lang)
        title = f"{first['case_id'] or ''} — {source} — {case_status}"
        parts.append(f"<h3>{escape(title)}</h3><table><tr>")
        parts.append("".join(f"<th>{escape(h)}</th>" for h in shown) + "</tr>")
        for row in found:
            colour = _COLOURS.get(row["status"], "#000")
            cells = [escape(str(_shown(row, h))) for h in headings]
            label = escape(_status_label(row["status"], lang))
            cells[1] = f"<span class='status' style='color:{colour}'>{label}</span>"
            cited = row.get(CITATIONS) or []
            if cited:
                quotes = "".join(f"<li>{escape(line)}</li>" for line in cited)
                cells[-1] += (
                    f"<details><summary>{escape(say('html.sources'))}</summary>"
                    f"<ul>{quotes}</ul></details>"
                )
            parts.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def _shown(row: dict[str, Any], column: str) -> Any:
    """A cell of the HTML page: an instant in the local time of its pack's zone (24:00 for
    the end of a day), anything else as the text formats write it."""
    value = row[column]
    if isinstance(value, datetime):
        local = _local(row, value)
        return when_text(local, local.tzinfo or UTC)
    return _text(value)


def _status_label(status: str, lang: str) -> str:
    """A status in words in ``lang`` (an unreadable input's status in the page's words)."""
    if status in _STATUSES:
        return Status(status).label(lang)
    return _WORDS.template("html.invalid", lang) if status == INVALID else status


def _chart(rows: list[dict[str, Any]], lang: str = "fr") -> str:
    """Horizontal stacked bars, one per rule, coloured by status (inline SVG, a legend)."""
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        if row["rule_id"]:
            counts.setdefault(row["rule_id"], Counter())[row["status"]] += 1
    if not counts:
        return "<p>—</p>"
    label_width, bar_width, height = 330, 420, 22
    most = max(sum(c.values()) for c in counts.values())
    svg = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{label_width + bar_width + 20}' "
           f"height='{height * (len(counts) + 2)}' role='img'>"]  # fmt: skip
    for index, (rule_id, found) in enumerate(counts.items()):
        y = index * height
        svg.append(f"<text x='0' y='{y + 15}' font-size='12'>{html.escape(rule_id)}</text>")
        x = float(label_width)
        for status, colour in _COLOURS.items():
            n = found.get(status, 0)
            if n:
                width = bar_width * n / most
                label = html.escape(_status_label(status, lang))
                svg.append(f"<rect x='{x:.1f}' y='{y + 3}' width='{width:.1f}' height='16' "
                           f"fill='{colour}'><title>{label}: {n}</title></rect>")  # fmt: skip
                x += width
    y = len(counts) * height + 15
    x = 0
    for status, colour in _COLOURS.items():
        label = _status_label(status, lang)
        text = html.escape(label)
        svg.append(f"<rect x='{x}' y='{y}' width='12' height='12' fill='{colour}'/>"
                   f"<text x='{x + 16}' y='{y + 11}' font-size='12'>{text}</text>")  # fmt: skip
        x += 24 + 7 * len(label)
    svg.append("</svg>")
    return "".join(svg)


def default_format(out: str | None) -> str:
    """The format an ``--out`` file's extension names (CSV without one)."""
    if out is None:
        return "csv"
    for name, suffix in FORMATS.items():
        if out.lower().endswith(suffix):
            return name
    return "csv"
