"""The audit's rows: inputs read, each evaluated into a row per finding, and the summary.

:func:`read_inputs` turns command-line paths into ``(source, text)`` pairs; :func:`audit_rows`
reads and evaluates each, giving one row per finding (or one ``invalid_input`` row for an input
that cannot be read) with the columns of :data:`COLUMNS`; :class:`Summary` counts what the
auditor reads on standard error.
"""

from __future__ import annotations

import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, tzinfo
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import attrs

from dme_rules.engine.evaluation import evaluate, read_subject
from dme_rules.engine.findings import NO_DETAILS
from dme_rules.engine.jurisdiction import default_jurisdiction, jurisdiction_of
from dme_rules.engine.messages import (
    Messages,
    check_language,
    shown_day,
)
from dme_rules.engine.readings import Reading
from dme_rules.engine.report import Report
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject
from dme_rules.engine.time import end_of_day_in, instant_text
from dme_rules.errors import DmeRulesError, why_not

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
    "read_inputs",
]

#: The columns of the table, in order, the same in every format. ``due`` is always a date
#: (the day a due instant is shown on, in its pack's zone) and ``due_at`` the instant or empty;
#: ``act_on`` is always a date and ``act_at`` the instant of an act that is one.
COLUMNS = (
    "source", "case_id", "as_of", "case_status", "rule_id", "rule_version", "status",
    "obligated_party", "due", "due_at", "act_on", "act_at", "days_late", "business_days_late",
    "days_left", "business_days_left", "amount", "cap", "interpretation", "reason", "missing",
    "message",
)  # fmt: skip

#: The formats the table is written in, by name, and the file extension of each.
FORMATS = {"csv": ".csv", "jsonl": ".jsonl", "xlsx": ".xlsx", "parquet": ".parquet",
           "html": ".html"}  # fmt: skip

#: The status of the row of an input that cannot be read.
INVALID = "invalid_input"

T = TypeVar("T")

_STATUSES = frozenset(status.value for status in Status)

#: Positions of columns in a row's values.
_SOURCE, _AS_OF, _CASE_STATUS, _RULE_ID, _STATUS, _MESSAGE = (
    COLUMNS.index(c) for c in ("source", "as_of", "case_status", "rule_id", "status", "message")
)

#: The key of a row's citations (not a column: for the HTML report only).
CITATIONS = "_citations"

#: The key of a row's time zone (not a column): its finding's pack's, in which its dates are
#: shown.
ZONE = "_zone"

_WORDS = Messages(
    {
        "input.unreadable": {
            "fr": "lecture du fichier impossible ({reason})",
            "en": "cannot read the file ({reason})",
        },
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
        "summary.rule": {"fr": "  {title} : {counts}", "en": "  {title}: {counts}"},
        "summary.replaced": {
            "fr": "{replaced:count:summary.character}",
            "en": "{replaced:count:summary.character}",
        },
        "summary.character.one": {
            "fr": "caractère que le format ne peut contenir remplacé par �",
            "en": "character the format cannot hold replaced by �",
        },
        "summary.character.other": {
            "fr": "caractères que le format ne peut contenir remplacés par �",
            "en": "characters the format cannot hold replaced by �",
        },
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


def _instant(as_of: datetime | date, kind: str | None) -> datetime:
    """The instant of the evaluation: ``as_of`` itself, or for a date the end of that day in
    the jurisdiction of the subject's ``kind`` (a document that cannot be read: the default
    kind's, Quebec's)."""
    if isinstance(as_of, datetime):
        return as_of
    pack = jurisdiction_of(kind) if kind is not None else default_jurisdiction()
    return end_of_day_in(as_of, pack.zone)


def _subject_of(source: str, text: bytes | OSError) -> Subject | str:
    """The subject of one input, or the message of its invalid row."""
    if isinstance(text, OSError):
        said = [
            _WORDS.format("input.unreadable", lang, reason=reason)
            for lang, reason in zip(("fr", "en"), why_not(text), strict=True)
        ]
        return f"{source}: {' / '.join(said)}"
    try:
        return read_subject(text)
    except DmeRulesError as error:
        return f"{source}: {error}"


def _evaluated(
    source: str, subject: Subject | str, as_of: datetime | date, readings: Sequence[Reading | str]
) -> Report | str:
    """The report on one input's subject, or the message of its invalid row."""
    if isinstance(subject, str):
        return subject
    try:
        return evaluate(subject, _instant(as_of, subject.kind), readings=readings)
    except DmeRulesError as error:
        return f"{source}: {error}"


def _messages_of(report: Report, lang: str) -> list[str]:
    """Each finding of ``report`` in one sentence in ``lang``, as its pack says it."""
    describe = report.jurisdiction.describer(lang, report.ruleset)
    return [describe(finding) for finding in report.findings]


def _values_of(source: str, report: Report, messages: list[str], as_of: Any) -> list[list[Any]]:
    """The values of each finding's row, in the order of :data:`COLUMNS` (``messages``: each
    finding's, :func:`_messages_of`): built once per finding, as a list that the streamed
    formats make their cells in place (:func:`_cells_of_values`) and the others make a row
    of. ``as_of`` is what the ``as_of`` column holds (the report's instant, or its text once
    written)."""
    zone = report.jurisdiction.zone
    case_id, case_status = report.case_id, report.status.value
    rows = []
    for finding, message in zip(report.findings, messages, strict=True):
        (rule_id, version, status, party, due, act_on, days_late, business_days_late,
         days_left, business_days_left, amount, cap, interpretation, _, _,
         details) = finding  # fmt: skip
        due_at = act_at = None
        # An instant: the day it is shown on, then the instant in its pack's local time.
        if isinstance(due, datetime):
            due_at = due.astimezone(zone)
            due = shown_day(due, zone)
        if isinstance(act_on, datetime):
            act_at = act_on.astimezone(zone)
            act_on = shown_day(act_on, zone)
        if details is NO_DETAILS:
            reason = missing = None
        else:
            reason, missing = details.get("reason"), details.get("missing")
        rows.append([
            source, case_id, as_of, case_status, rule_id, version, status.value, party, due,
            due_at, act_on, act_at, days_late, business_days_late, days_left,
            business_days_left, amount, cap, interpretation, reason, missing, message,
        ])  # fmt: skip
    return rows


def _invalid_values(source: str, message: str, as_of: Any) -> list[Any]:
    """The values of the row of an input that cannot be read."""
    values: list[Any] = [None] * len(COLUMNS)
    values[_SOURCE], values[_AS_OF], values[_MESSAGE] = source, as_of, message
    values[_CASE_STATUS] = values[_STATUS] = INVALID
    return values


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
    report = _evaluated(source, _subject_of(source, text), as_of, readings)
    if isinstance(report, str):
        invalid = _invalid_values(source, report, _instant(as_of, None))
        return [dict(zip(COLUMNS, invalid, strict=True))]
    zone = report.jurisdiction.zone
    rows = []
    values_of = _values_of(source, report, _messages_of(report, lang), report.as_of)
    for finding, values in zip(report.findings, values_of, strict=True):
        row = dict(zip(COLUMNS, values, strict=True))
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
    for rows in in_batches(_rows_of_batch, inputs, jobs, batch, as_of, lang, readings, citations):
        yield from rows


def in_batches(
    work: Callable[..., T], inputs: Iterable[Input], jobs: int, batch: int, *args: Any
) -> Iterator[T]:
    """``work(chunk, *args)`` of each chunk of ``batch`` inputs, in the inputs' order, done in
    ``jobs`` worker processes. The inputs are read as the workers need them: at most two
    chunks per worker are waiting or under way, so a long stream is never all in memory."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunks = _batches(inputs, batch)
        pending = deque(pool.submit(work, chunk, *args) for chunk in _take(chunks, jobs * 2))
        while pending:
            done = pending.popleft()
            for chunk in _take(chunks, 1):
                pending.append(pool.submit(work, chunk, *args))
            yield done.result()


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
    # Characters the format written cannot hold, each replaced by U+FFFD (Excel, HTML).
    replaced: int = 0

    def add(self, rows: list[dict[str, Any]]) -> None:
        """Count the rows of one input."""
        self._count([(row["rule_id"], row["status"], row["case_status"]) for row in rows])

    def add_values(self, rows: list[list[Any]]) -> None:
        """Count the rows of one input given as their values in the order of
        :data:`COLUMNS`, as :meth:`add` counts them."""
        self._count([(row[_RULE_ID], row[_STATUS], row[_CASE_STATUS]) for row in rows])

    def _count(self, rows: list[tuple[str, str, str]]) -> None:
        """Count one input by its rows' rule, status and case status: an invalid input (its
        one row of status :data:`INVALID`), else its case and each finding."""
        self.inputs += 1
        if rows and rows[0][1] == INVALID:
            self.invalid += 1
            return
        if rows:
            self.cases[rows[0][2]] += 1
        self.findings.update([(rule_id, status) for rule_id, status, _ in rows])

    def merge(self, other: Summary) -> None:
        """Count what ``other`` counted too (a worker's part of the audit)."""
        self.inputs += other.inputs
        self.invalid += other.invalid
        self.cases.update(other.cases)
        self.findings.update(other.findings)
        self.replaced += other.replaced

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
        lines += [
            say("summary.rule", title=_title(rule_id, lang), counts=", ".join(parts))
            for rule_id, parts in by_rule.items()
        ]
        if self.replaced:
            lines.append(say("summary.replaced", replaced=self.replaced))
        return lines


def _title(rule_id: str, lang: str) -> str:
    """A rule's title in ``lang``, as its pack says it (the id of a rule no pack has)."""
    try:
        return jurisdiction_of(rule_id).rule_title(rule_id, lang)
    except (DmeRulesError, KeyError):
        return rule_id


# -- writing ----------------------------------------------------------------------------------


#: The columns whose values JSON has no type for (dates, instants, amounts), by position,
#: but ``as_of``.
_WRITTEN = tuple(COLUMNS.index(c) for c in ("due", "due_at", "act_on", "act_at", "amount", "cap"))
#: A row's values in the order of :data:`COLUMNS` (an itemgetter: the CSV's hot path).
_IN_ORDER = itemgetter(*COLUMNS)


def _completed(row: dict[str, Any]) -> dict[str, Any]:
    """A row made by a caller from ``Report.to_records`` (no ``due_at``, ``act_at``): its
    instants split into their day and the instant, as :func:`audit_rows` makes them."""
    row = dict(row)
    zone = _zone_of(row)
    for day, at in (("due", "due_at"), ("act_on", "act_at")):
        value = row.get(day)
        row[at] = value if isinstance(value, datetime) else None
        if isinstance(value, datetime):
            row[day] = shown_day(value, zone)
    return row


def _cells(row: dict[str, Any]) -> list[Any]:
    """A row's cells in the order of :data:`COLUMNS`, as JSON writes them (:func:`_json`);
    the other columns hold strings, integers or ``None`` already."""
    if "due_at" not in row:
        row = _completed(row)
    cells = list(_IN_ORDER(row))
    cells[_AS_OF] = _json(cells[_AS_OF])
    return _cells_of_values(cells)


def _cells_of_values(values: list[Any]) -> list[Any]:
    """A row's values (in the order of :data:`COLUMNS`, ``as_of`` already text) made its
    cells in place, as JSON writes them (:func:`_json`): the other columns hold strings,
    integers or ``None`` already."""
    for index in _WRITTEN:
        value = values[index]
        if value is not None:
            values[index] = _json(value)
    return values


def _json(value: Any) -> Any:
    """A value as JSON writes it: ISO dates and instants, plain decimals, the rest kept."""
    if isinstance(value, datetime):
        return instant_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _zone_of(row: dict[str, Any]) -> tzinfo:
    """The zone the row's dates are shown in (:data:`ZONE`); for a row that does not say it
    (one made by a caller from ``Report.to_records``), that of its rule's pack, else the
    default pack's."""
    zone: tzinfo | None = row.get(ZONE)
    if zone is not None:
        return zone
    rule_id = row.get("rule_id")
    try:
        return (jurisdiction_of(rule_id) if rule_id else default_jurisdiction()).zone
    except DmeRulesError:  # a caller's rule outside every pack
        return default_jurisdiction().zone


#: Kept for callers of the second edition: every format now has the same columns.
TYPED_COLUMNS = COLUMNS


def _needs(package: str) -> DmeRulesError:
    return DmeRulesError(
        f"this format needs {package}: pip install 'dme-rules[audit]' / "
        f"ce format a besoin de {package} : pip install 'dme-rules[audit]'"
    )


def default_format(out: str | None) -> str:
    """The format an ``--out`` file's extension names (CSV without one)."""
    if out is None:
        return "csv"
    for name, suffix in FORMATS.items():
        if out.lower().endswith(suffix):
            return name
    return "csv"
