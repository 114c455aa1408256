"""How findings read for people: a finding's sentence, a table row, a report's lines.

Everything here is generic: the words come from a message catalogue
(:class:`~dme_rules.engine.messages.Messages`), dates and instants are shown in a zone, and a
rule adds its own phrases as :data:`~dme_rules.engine.rule.Note` codes. The jurisdiction pack
supplies the catalogue, the zone and the rules (:class:`~dme_rules.engine.jurisdiction.
Jurisdiction` calls these functions).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any

from dme_rules.engine.findings import NO_DETAILS, Finding
from dme_rules.engine.messages import Messages, when_text
from dme_rules.engine.rule import Note
from dme_rules.engine.status import Status
from dme_rules.errors import DmeRulesError

__all__ = [
    "STATUS_COLOURS",
    "Sentences",
    "delay_text",
    "describe",
    "finding_row",
    "party_text",
    "reason_text",
    "report_heading",
    "report_html",
    "report_lines",
    "report_verdict",
    "table_headings",
    "table_lines",
]

#: The colour of each status in pictures and pages (colour-blind safe), by status value.
STATUS_COLOURS = {
    "compliant": "#1b7837",
    "violation": "#c51b7d",
    "pending": "#4393c3",
    "insufficient_data": "#e08214",
    "not_applicable": "#999999",
}

#: The codes of the findings table's column headings, in order.
_HEADINGS = (
    "table.rule",
    "table.party",
    "table.status",
    "table.due",
    "table.act",
    "table.delay",
    "table.reason",
)


def describe(
    finding: Finding,
    lang: str,
    *,
    messages: Messages,
    zone: tzinfo,
    title: str,
    notes: Sequence[Note],
) -> str:
    """``finding`` in one sentence: ``title : status — part; part; part.``

    The parts are generic (due date, act, lateness or time left, amount and cap, the missing
    field, the reason) then the rule's own ``notes``.
    """
    return Sentences(messages, lang, zone)(finding, title, notes)


class Sentences:
    """Findings said in one sentence each, as :func:`describe` says them, in one language and
    zone with one catalogue, for many findings in a row: every part of the sentence compiled
    once (:meth:`Messages.phrase <dme_rules.engine.messages.Messages.phrase>`), each rule's
    head said once for each of its statuses, what the catalogue has looked up once (a
    catalogue never changes once made).
    """

    __slots__ = ("_act", "_acts", "_amount", "_cap", "_due", "_has", "_heads", "_lang",
                 "_late", "_late_business", "_left", "_left_business", "_messages", "_missing",
                 "_phrase", "_say", "_separator")  # fmt: skip

    def __init__(self, messages: Messages, lang: str, zone: tzinfo) -> None:
        self._messages, self._lang = messages, lang
        self._say = say = messages.speaker(lang, zone)

        def phrase(code: str, *fields: str) -> Callable[..., str]:
            try:
                return messages.phrase(code, lang, zone, *fields)
            except DmeRulesError:  # a catalogue without it: the error when, and if, it is said
                return lambda *values: say(code, **dict(zip(fields, values, strict=True)))

        self._phrase = phrase
        self._due, self._act = phrase("finding.due", "due"), phrase("finding.act", "act")
        #: How each rule's act is said: its own words (``<rule id>.act``), else the shared.
        self._acts: dict[str, Callable[..., str]] = {}
        self._late = phrase("finding.late", "days")
        self._late_business = phrase("finding.late_business", "days", "business")
        self._left = phrase("finding.left", "days")
        self._left_business = phrase("finding.left_business", "days", "business")
        self._amount, self._cap = phrase("finding.amount", "amount"), phrase("finding.cap", "cap")
        self._missing = phrase("finding.missing", "missing")
        try:
            self._separator: str | None = say("list.separator")
        except DmeRulesError:  # a catalogue without it: the error when, and if, it is said
            self._separator = None
        #: Each head said, by title and status.
        self._heads: dict[tuple[str, Status], str] = {}
        #: Whether the catalogue has each code of a reason or a note.
        self._has: dict[str, bool] = {}

    def __call__(self, finding: Finding, title: str, notes: Sequence[Note]) -> str:
        """``finding``'s sentence, its rule's ``title`` and ``notes`` given."""
        (rule_id, _, status, _, due, act_on, days_late, business_days_late, days_left,
         business_days_left, amount, cap, _, _, _, details) = finding  # fmt: skip
        parts = []
        if due is not None:
            parts.append(self._due(due))
        if act_on is not None:
            act = self._acts.get(rule_id)
            if act is None:
                act = self._acts[rule_id] = self._act_of(rule_id)
            parts.append(act(act_on))
        if days_late is not None and business_days_late is None:
            parts.append(self._late(days_late))
        elif days_late is not None:
            parts.append(self._late_business(days_late, business_days_late))
        if days_left is not None and business_days_left is None:
            parts.append(self._left(days_left))
        elif days_left is not None:
            parts.append(self._left_business(days_left, business_days_left))
        if amount is not None:
            parts.append(self._amount(amount))
        if cap is not None:
            parts.append(self._cap(cap))
        if details is not NO_DETAILS:
            if "missing" in details:
                parts.append(self._missing(details["missing"]))
            reason = details.get("reason")
            if reason is not None:
                parts.append(self._said(f"reason.{reason}", details, str(reason)))
        if notes:
            parts += [self._said(code, values, code) for code, values in notes]
        if type(status) is Status:  # a plain string equal to a status is not one
            head = self._heads.get((title, status))
            if head is None:
                head = self._heads[title, status] = self._head(title, status)
        else:
            head = self._head(title, status)
        if not parts:
            return head + "."
        separator = self._separator if self._separator is not None else self._say("list.separator")
        return head + " — " + separator.join(parts) + "."

    def _act_of(self, rule_id: str) -> Callable[..., str]:
        """How the act of ``rule_id`` is said: by the rule's own words when the catalogue has
        them (``qc.migration.read-only-access.act``: « accès jusqu'au … », the act being the
        access's last day), else as every act is (« fait le … »)."""
        code = f"{rule_id}.act"
        return self._phrase(code, "act") if code in self._messages else self._act

    def _head(self, title: str, status: Status) -> str:
        return self._say("finding.head", title=title, status=status.label(self._lang))

    def _said(self, code: str, values: Mapping[str, Any], plain: str) -> str:
        """:func:`_said`, whether the catalogue has ``code`` looked up once."""
        has = self._has.get(code)
        if has is None:
            has = self._has[code] = code in self._messages
        if not has:
            return plain
        try:
            return self._say(code, **values)
        except (KeyError, IndexError, TypeError, ValueError):
            return plain


def reason_text(
    finding: Finding, lang: str, *, messages: Messages, zone: tzinfo, notes: Sequence[Note]
) -> str:
    """Why ``finding`` is what it is, in words: its reason's message (``reason.<code>`` of the
    catalogue), the field it misses, then the rule's own ``notes``; empty when it has none of
    them (a finding whose dates say it all)."""
    say = messages.speaker(lang, zone)
    details = finding.details
    parts = []
    reason = details.get("reason")
    if reason is not None:
        parts.append(_said(say, messages, f"reason.{reason}", details, str(reason)))
    if "missing" in details:
        parts.append(say("finding.missing", missing=details["missing"]))
    parts += [_said(say, messages, code, values, code) for code, values in notes]
    return say("list.separator").join(parts)


def _said(
    say: Callable[..., str], messages: Messages, code: str, values: Mapping[str, Any], plain: str
) -> str:
    """The message ``code`` with ``values``; ``plain`` when the catalogue lacks it or the
    values lack a field it reads (a caller's rule or finding: a pack's own codes are tested)."""
    if code not in messages:
        return plain
    try:
        return say(code, **values)
    except (KeyError, IndexError, TypeError, ValueError):
        return plain


def delay_text(finding: Finding, lang: str, messages: Messages) -> str:
    """How late, or how much time is left, as a table cell; empty when neither applies."""
    details = finding.details
    per_day = details.get("business_day_minutes", 0)
    if "business_minutes_late" in details:
        late = (details["business_minutes_late"], per_day)
        return messages.format("delay.business_late", lang, late=late)
    if "business_minutes_left" in details:
        left = (details["business_minutes_left"], per_day)
        return messages.format("delay.business_left", lang, left=left)
    for code, days, business in (
        ("delay.late", finding.days_late, finding.business_days_late),
        ("delay.left", finding.days_left, finding.business_days_left),
    ):
        if days is not None and business is None:  # a rule that counts in days only
            return messages.format(f"{code}_days", lang, days=days)
        if days is not None:
            return messages.format(code, lang, days=days, business=business)
    if finding.amount is not None and finding.cap is not None:
        return messages.format("delay.amount", lang, amount=finding.amount, cap=finding.cap)
    return ""


def party_text(code: str, lang: str, messages: Messages) -> str:
    """The parties an obligation binds (``source_vendor+target_vendor``) in ``lang``; a party
    of a caller's rule, which no catalogue names, reads as its code."""
    return " + ".join(
        messages.template(f"party.{one}", lang) if f"party.{one}" in messages else one
        for one in str(code).split("+")
    )


def finding_row(
    finding: Finding,
    lang: str,
    *,
    messages: Messages,
    zone: tzinfo,
    title: str,
    notes: Sequence[Note] = (),
) -> tuple[str, str, str, str, str, str, str]:
    """The cells of a finding's row: rule, party, status, due, act, late/left, and why
    (:func:`reason_text`, with the rule's ``notes``)."""
    return (
        title,
        party_text(finding.obligated_party, lang, messages),
        finding.status.label(lang),
        when_text(finding.due, zone),
        when_text(finding.act_on, zone),
        delay_text(finding, lang, messages),
        reason_text(finding, lang, messages=messages, zone=zone, notes=notes),
    )


def table_headings(messages: Messages, lang: str) -> tuple[str, ...]:
    """The findings table's column headings in ``lang``."""
    return tuple(messages.template(code, lang) for code in _HEADINGS)


def table_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as left-aligned columns two spaces apart."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def report_heading(
    case_id: str | None, as_of: datetime, lang: str, *, messages: Messages, zone: tzinfo
) -> str:
    """A report's heading: its case and the instant it was evaluated at."""
    when = when_text(as_of, zone)
    if case_id is None:  # a subject without an id of its own (consent answers)
        return messages.format("report.heading_without_id", lang, as_of=when)
    return messages.format("report.heading", lang, case_id=case_id, as_of=when)


def report_verdict(status: Status, lang: str, messages: Messages) -> str:
    """A report's last line: its overall status."""
    return messages.format("report.verdict", lang, status=status.label(lang))


def report_lines(
    heading: str, headings: Sequence[str], rows: Sequence[Sequence[str]], verdict: str
) -> list[str]:
    """A report as a terminal reads it: heading, aligned table, verdict last."""
    return [heading, "", *table_lines([headings, *rows]), "", verdict]


def report_html(
    heading: str, headings: Sequence[str], rows: Sequence[Sequence[str]], verdict: str
) -> str:
    """A small HTML table of the findings with the report's heading and verdict."""
    escape = html.escape
    head = "".join(f"<th>{escape(cell)}</th>" for cell in headings)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        f"<table><caption>{escape(heading)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table><p><strong>{escape(verdict)}</strong></p>"
    )
