"""The audit for people: the Excel workbook and the HTML page, in words in ``--lang``.

Statuses, parties, rule titles and reasons read in the words of each row's pack, instants in
its local time; the summary is a table of counts by status and one by rule and status.
"""

from __future__ import annotations

import html
import io
import os
import re
from collections import Counter
from datetime import date, datetime
from typing import Any

from dme_rules.audit.rows import (
    _STATUSES,
    CITATIONS,
    COLUMNS,
    INVALID,
    Summary,
    _completed,
    _json,
    _needs,
    _zone_of,
)
from dme_rules.engine.jurisdiction import default_jurisdiction, jurisdiction_of
from dme_rules.engine.messages import (
    ENGINE_MESSAGES,
    Messages,
    when_text,
)
from dme_rules.engine.presentation import STATUS_COLOURS, party_text
from dme_rules.engine.status import Status
from dme_rules.errors import DmeRulesError

__all__ = ["html_page", "write_xlsx"]

#: The words of the workbook and the page, in French and English.
_WORDS = Messages(
    {
        "html.title": {"fr": "Audit des dossiers", "en": "Audit of the cases"},
        "html.summary": {"fr": "Synthèse", "en": "Summary"},
        "html.as_of": {"fr": "{pack} : évalué au {as_of}", "en": "{pack}: as of {as_of}"},
        "html.chart": {"fr": "Statuts par règle", "en": "Statuses by rule"},
        "html.cases": {"fr": "Dossiers", "en": "Cases"},
        "html.sources": {"fr": "Sources citées", "en": "Sources cited"},
        "html.invalid": {"fr": "entrée invalide", "en": "invalid input"},
        "chart.count": {"fr": "{status} : {count}", "en": "{status}: {count}"},
        # The workbook's sheets and the tables of counts (Excel and the HTML page).
        "sheet.findings": {"fr": "Constats", "en": "Findings"},
        "sheet.summary": {"fr": "Synthèse", "en": "Summary"},
        "summary.by_status": {"fr": "Par statut", "en": "By status"},
        "summary.by_rule": {
            "fr": "Constats par règle et statut",
            "en": "Findings by rule and status",
        },
        "summary.status": {"fr": "Statut", "en": "Status"},
        "summary.cases_count": {"fr": "Dossiers", "en": "Cases"},
        "summary.findings_count": {"fr": "Constats", "en": "Findings"},
        "summary.rule": {"fr": "Règle", "en": "Rule"},
        "summary.total": {"fr": "Total", "en": "Total"},
        # The columns' headings for people (Excel and the HTML page).
        "column.source": {"fr": "Source", "en": "Source"},
        "column.case_id": {"fr": "Dossier", "en": "Case"},
        "column.as_of": {"fr": "Évalué au", "en": "As of"},
        "column.case_status": {"fr": "Statut du dossier", "en": "Case status"},
        "column.rule_id": {"fr": "Règle", "en": "Rule"},
        "column.rule_version": {"fr": "Version", "en": "Version"},
        "column.status": {"fr": "Statut", "en": "Status"},
        "column.obligated_party": {"fr": "Partie tenue", "en": "Obligated party"},
        "column.due": {"fr": "Échéance", "en": "Due"},
        "column.due_at": {"fr": "Échéance (heure)", "en": "Due at"},
        "column.act_on": {"fr": "Acte", "en": "Act"},
        "column.act_at": {"fr": "Acte (heure)", "en": "Act at"},
        "column.days_late": {"fr": "Jours de retard", "en": "Days late"},
        "column.business_days_late": {
            "fr": "Jours ouvrables de retard",
            "en": "Business days late",
        },
        "column.days_left": {"fr": "Jours restants", "en": "Days left"},
        "column.business_days_left": {"fr": "Jours ouvrables restants", "en": "Business days left"},
        "column.amount": {"fr": "Montant", "en": "Amount"},
        "column.cap": {"fr": "Plafond", "en": "Cap"},
        "column.interpretation": {"fr": "Lecture", "en": "Reading"},
        "column.reason": {"fr": "Motif", "en": "Reason"},
        "column.missing": {"fr": "Donnée manquante", "en": "Missing"},
        "column.message": {"fr": "Message", "en": "Message"},
    }
)


# -- for people: words, counts --------------------------------------------------------------


def _summary_of(rows: list[dict[str, Any]]) -> Summary:
    """The summary of rows written without one: each source one input."""
    summary = Summary()
    for source in dict.fromkeys(row["source"] for row in rows):
        summary.add([row for row in rows if row["source"] == source])
    return summary


#: The characters a workbook or a page cannot hold: controls other than tab, line feed and
#: carriage return, C1 controls, lone surrogates, and the noncharacters U+FFFE and U+FFFF.
_UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: What stands for such a character, visibly: the replacement character.
REPLACEMENT = "\ufffd"


class _People:
    """How a row's codes read for people in one language: statuses, parties, rule titles
    and reasons in the words of each row's pack, instants in its local time; text with the
    characters people's formats cannot hold replaced visibly (counted in ``replaced``)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.say = _WORDS.speaker(lang)
        self._packs: dict[str | None, Any] = {}
        self.replaced = 0

    def held(self, value: Any) -> Any:
        """``value`` with each character the format cannot hold replaced by U+FFFD."""
        if isinstance(value, str):
            value, count = _UNHOLDABLE.subn(REPLACEMENT, value)
            self.replaced += count
        return value

    def pack(self, rule_id: str | None) -> Any:
        """The pack of ``rule_id`` (the default pack for an invalid input's row)."""
        found = self._packs.get(rule_id)
        if found is None:
            try:
                found = jurisdiction_of(rule_id) if rule_id else default_jurisdiction()
            except DmeRulesError:  # a caller's rule outside every pack
                found = default_jurisdiction()
            self._packs[rule_id] = found
        return found

    def heading(self, column: str) -> str:
        return self.say(f"column.{column}")

    def status(self, status: str | None) -> str:
        return _status_label(status, self.lang) if status else ""

    def rule(self, rule_id: str | None) -> str:
        return self.pack(rule_id).rule_title(rule_id, self.lang) if rule_id else ""

    def party(self, row: dict[str, Any]) -> str:
        code = row["obligated_party"]
        return party_text(code, self.lang, self.pack(row["rule_id"]).messages) if code else ""

    def reason(self, row: dict[str, Any]) -> str:
        """A reason in words: its message in the pack's catalogue, or its short form
        (``reason.<code>.short``) for one whose message says the finding's details, which a
        row does not carry; the code for a reason no catalogue has."""
        code = row["reason"]
        if not code:
            return ""
        messages = self.pack(row["rule_id"]).messages
        for form in (f"reason.{code}", f"reason.{code}.short"):
            if form in messages:
                try:
                    return str(messages.format(form, self.lang))
                except (KeyError, IndexError):  # it says a detail: the short form, if any
                    continue
        return str(code)

    def when(self, value: datetime, row: dict[str, Any]) -> str:
        """An instant in the local time of the row's pack, with its zone's abbreviation as
        the pack writes it in the language (``2025-04-24 24:00 (HAE)``), as messages say it."""
        messages = self.pack(row["rule_id"]).messages
        return when_text(
            value,
            _zone_of(row),
            with_zone=True,
            zone_name=lambda abbreviation: messages.zone_name(abbreviation, self.lang),
        )

    def instant(self, value: datetime | None, row: dict[str, Any]) -> str:
        """An instant in the local time of the row's pack, with its offset from UTC
        (``2025-12-01 24:00 UTC-05:00``): local midnight reads 24:00 of the day before, as
        the messages say it."""
        if value is None:
            return ""
        local = value.astimezone(_zone_of(row))
        offset = local.strftime("%z")
        return f"{when_text(local, _zone_of(row))} UTC{offset[:3]}:{offset[3:]}"

    def count_tables(self, summary: Summary) -> tuple[list[list[Any]], list[list[Any]]]:
        """The summary as two tables of counts, heading row first, a total row last: cases
        and findings by status; findings by rule (its title) and status."""
        say, status_of = self.say, self.status
        findings_by_status: Counter[str] = Counter()
        for (_, status), n in summary.findings.items():
            findings_by_status[status] += n
        cases = Counter(summary.cases)
        cases[INVALID] += summary.invalid
        order = [s for s in _COLOURS if cases[s] or findings_by_status[s]]
        by_status: list[list[Any]] = [[say("summary.status"), say("summary.cases_count"),
                      say("summary.findings_count")]]  # fmt: skip
        by_status += [[status_of(s), cases[s], findings_by_status[s]] for s in order]
        by_status.append([say("summary.total"), summary.inputs, sum(findings_by_status.values())])
        present = [s for s in _COLOURS if findings_by_status[s]]
        rules = list(dict.fromkeys(rule_id for rule_id, _ in summary.findings))  # as met
        by_rule: list[list[Any]] = [
            [say("summary.rule"), *(status_of(s) for s in present), say("summary.total")]
        ]
        for rule_id in rules:
            counts = [summary.findings[rule_id, s] for s in present]
            by_rule.append([self.rule(rule_id), *counts, sum(counts)])
        totals = [findings_by_status[s] for s in present]
        by_rule.append([say("summary.total"), *totals, sum(totals)])
        return by_status, by_rule


def write_xlsx(rows: list[dict[str, Any]], out: Any, lang: str, summary: Summary | None) -> None:
    """The workbook people open: a sheet of findings in words, typed dates and amounts,
    column widths, a frozen heading row and a filter; a sheet of counts."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise _needs("openpyxl") from None
    people = _People(lang)
    book = Workbook()
    sheet = book.active
    sheet.title = people.say("sheet.findings")
    sheet.append([people.heading(column) for column in COLUMNS])
    for number, row in enumerate(rows, start=2):
        values = [people.held(_person_cell(people, row, column)) for column in COLUMNS]
        sheet.append(values)
        for index, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                sheet.cell(number, index).data_type = "s"  # a string, never a formula
    _dress(sheet, Font(bold=True), get_column_letter)
    _for_print(sheet, pages_wide=3)  # 22 columns: about three landscape pages, read at 75 %
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column in ("due", "act_on"):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=COLUMNS.index(column) + 1,
                                       max_col=COLUMNS.index(column) + 1):  # fmt: skip
            cell.number_format = "yyyy-mm-dd"
    for column in ("amount", "cap"):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=COLUMNS.index(column) + 1,
                                       max_col=COLUMNS.index(column) + 1):  # fmt: skip
            cell.number_format = "#,##0.00"
    counts = book.create_sheet(people.say("sheet.summary"))
    by_status, by_rule = people.count_tables(summary or _summary_of(rows))
    counts.append([people.say("summary.by_status")])
    for line in by_status:
        counts.append(line)
    counts.append([])
    counts.append([people.say("summary.by_rule")])
    for line in by_rule:
        counts.append(line)
    _dress(counts, Font(bold=True), get_column_letter)
    _for_print(counts, pages_wide=1)
    bold = Font(bold=True)
    for number in (1, len(by_status) + 3):  # the titles of the two tables
        counts.cell(number, 1).font = Font(bold=True, size=12)
    for number in (2, len(by_status) + 4):  # their headings
        for cell in counts[number]:
            cell.font = bold
    if isinstance(out, (str, os.PathLike)):
        # Built in memory, then written: a zip archive left open by a failed write (a full
        # disk) would try again to close itself when collected, and complain.
        buffer = io.BytesIO()
        book.save(buffer)
        with open(out, "wb") as stream:
            stream.write(buffer.getbuffer())
    else:
        book.save(out)
    if summary is not None:
        summary.replaced += people.replaced


def _person_cell(people: _People, row: dict[str, Any], column: str) -> Any:
    """A cell of the Excel sheet: codes in words, instants as text with their offset (a
    spreadsheet has no time zones), dates and amounts typed."""
    value = row[column]
    if column in ("status", "case_status"):
        return people.status(value)
    if column == "rule_id":
        return people.rule(value)
    if column == "obligated_party":
        return people.party(row)
    if column == "reason":
        return people.reason(row)
    if column in ("as_of", "due_at", "act_at"):
        return people.instant(value, row)
    return value


def _for_print(sheet: Any, pages_wide: int) -> None:
    """Printed in landscape, ``pages_wide`` pages across and as many down as it takes, the
    heading row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = pages_wide
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows take
    sheet.print_title_rows = "1:1"


def _dress(sheet: Any, bold: Any, letter: Any) -> None:
    """Bold headings and each column as wide as its longest cell, within reason."""
    for cell in sheet[1]:
        cell.font = bold
    widths: dict[int, int] = {}
    for line in sheet.iter_rows():
        for cell in line:
            if cell.value is not None:
                shown = 10 if isinstance(cell.value, date) else len(str(cell.value))
                widths[cell.column] = max(widths.get(cell.column, 0), shown)
    for column, width in widths.items():
        sheet.column_dimensions[letter(column)].width = min(max(width + 2, 8), 60)


# -- the HTML page ----------------------------------------------------------------------------

_COLOURS = {**STATUS_COLOURS, INVALID: "#000000"}

_STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:90em}"
    "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;"
    "padding:0.2em 0.5em;text-align:left;vertical-align:top}th{background:#eee}"
    "td.count{text-align:right}.status{font-weight:bold;white-space:nowrap}.date{white-space:nowrap}"
    ".as-of{font-size:1.1em}caption{text-align:left;font-weight:bold;padding:0.3em 0}"
)


def html_page(rows: list[dict[str, Any]], lang: str = "fr", summary: Summary | None = None) -> str:
    """One self-contained page (no network): the instant evaluated at, the counts by status
    and by rule, a chart of statuses by rule (inline SVG), and every case with its findings,
    in words in ``lang``; instants in the local time of each row's pack."""
    people = _People(lang)
    say = people.say

    def escape(text: str) -> str:
        return html.escape(people.held(text))

    parts = [
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>",
        f"<title>{escape(say('html.title'))}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(say('html.title'))}</h1>",
    ]
    # The instant evaluated at, in each pack's local time (named when the audit mixes packs).
    evaluated = dict.fromkeys(
        (people.pack(row["rule_id"]), people.when(row["as_of"], row))
        for row in rows if isinstance(row["as_of"], datetime)
    )  # fmt: skip
    for pack, instant in evaluated:
        name = pack.name_fr if lang == "fr" else pack.name_en
        shown = (
            ENGINE_MESSAGES.format("report.heading_without_id", lang, as_of=instant)
            if len(evaluated) == 1
            else say("html.as_of", pack=name, as_of=instant)
        )
        parts.append(f"<p class='as-of'><strong>{escape(shown)}</strong></p>")
    by_status, by_rule = people.count_tables(summary or _summary_of(rows))
    parts.append(f"<h2>{escape(say('html.summary'))}</h2>")
    parts.append(_html_table(by_status, say("summary.by_status")))
    parts.append(_html_table(by_rule, say("summary.by_rule")))
    parts.append(f"<h2>{escape(say('html.chart'))}</h2>")
    parts.append(_chart(rows, lang, people))
    parts.append(f"<h2>{escape(say('html.cases'))}</h2>")
    headings = ("rule_id", "status", "obligated_party", "due", "act_on", "message")
    by_source: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row)
    for source, found in by_source.items():
        first = found[0]
        title = f"{first['case_id'] or ''} — {source} — {people.status(first['case_status'])}"
        parts.append(f"<h3>{escape(title)}</h3><table><tr>")
        parts.append("".join(f"<th>{escape(people.heading(h))}</th>" for h in headings) + "</tr>")
        for row in found:
            colour = _COLOURS.get(row["status"], "#000")
            cited = row.get(CITATIONS) or []
            message = _DATES.sub(r"<span class='date'>\g<0></span>", escape(row["message"] or ""))
            if cited:
                quotes = "".join(f"<li>{escape(line)}</li>" for line in cited)
                message += (
                    f"<details><summary>{escape(say('html.sources'))}</summary>"
                    f"<ul>{quotes}</ul></details>"
                )
            cells = [
                f"<td>{escape(people.rule(row['rule_id']))}</td>",
                f"<td><span class='status' style='color:{colour}'>"
                f"{escape(people.status(row['status']))}</span></td>",
                f"<td>{escape(people.party(row))}</td>",
                f"<td class='date'>{escape(_shown(people, row, 'due', 'due_at'))}</td>",
                f"<td class='date'>{escape(_shown(people, row, 'act_on', 'act_at'))}</td>",
                f"<td>{message}</td>",
            ]
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    if summary is not None:
        summary.replaced += people.replaced
    return "".join(parts)


#: A date in a message, with its time and zone when it has them: never wrapped.
_DATES = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?: \([^()]+\))?)?")


def _html_table(lines: list[list[Any]], caption: str) -> str:
    """A table of counts with its caption: its heading row, then rows whose numbers align
    right."""
    escape = html.escape
    head, *body = lines
    cells = "".join(f"<th>{escape(str(cell))}</th>" for cell in head)
    rows = "".join(
        "<tr>" + "".join(f"<td class='count'>{cell}</td>" if isinstance(cell, int)
                         else f"<td>{escape(str(cell))}</td>" for cell in line) + "</tr>"
        for line in body
    )  # fmt: skip
    return f"<table><caption>{escape(caption)}</caption><tr>{cells}</tr>{rows}</table>"


def _shown(people: _People, row: dict[str, Any], day: str, at: str) -> str:
    """A date cell of the page: the instant in the local time of its pack's zone (24:00 for
    the end of a day, with the zone's abbreviation) where there is one, else the date."""
    if "due_at" not in row:
        row = _completed(row)
    instant = row[at]
    if isinstance(instant, datetime):
        return people.when(instant, row)
    return str(_text(row[day]))


def _text(value: Any) -> Any:
    """A cell as text formats write it: :func:`_json`'s, with an empty cell for ``None``."""
    return "" if value is None else _json(value)


def _status_label(status: str, lang: str) -> str:
    """A status in words in ``lang`` (an unreadable input's status in the page's words)."""
    if status in _STATUSES:
        return Status(status).label(lang)
    return _WORDS.template("html.invalid", lang) if status == INVALID else status


def _chart(rows: list[dict[str, Any]], lang: str = "fr", people: _People | None = None) -> str:
    """Horizontal stacked bars, one per rule (its title), coloured by status, each part
    showing its count and each bar its total (inline SVG); a legend of the statuses shown."""
    people = people or _People(lang)
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        if row["rule_id"]:
            counts.setdefault(row["rule_id"], Counter())[row["status"]] += 1
    if not counts:
        return "<p>—</p>"
    titles = {rule_id: people.rule(rule_id) for rule_id in counts}
    char = 6.6  # the width of a character at 12 px, about
    label_width = int(max(len(title) for title in titles.values()) * char) + 12
    bar_width, height = 460, 22
    most = max(sum(c.values()) for c in counts.values())
    present = [s for s in _COLOURS if any(found.get(s) for found in counts.values())]
    svg = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{label_width + bar_width + 60}' "
           f"height='{height * (len(counts) + 2)}' role='img' "
           "font-family='sans-serif'>"]  # fmt: skip
    for index, (rule_id, found) in enumerate(counts.items()):
        y = index * height
        svg.append(f"<text x='0' y='{y + 15}' font-size='12'>{html.escape(titles[rule_id])}"
                   "</text>")  # fmt: skip
        x = float(label_width)
        for status in present:
            n = found.get(status, 0)
            if not n:
                continue
            width = bar_width * n / most
            label = _status_label(status, lang)
            count = html.escape(people.say("chart.count", status=label, count=n))
            svg.append(f"<rect x='{x:.1f}' y='{y + 3}' width='{width:.1f}' height='16' "
                       f"fill='{_COLOURS[status]}'><title>{count}</title></rect>")  # fmt: skip
            if width >= 7 * len(str(n)) + 4:  # the count inside its part when it fits
                svg.append(f"<text x='{x + width / 2:.1f}' y='{y + 15}' font-size='11' "
                           f"fill='#ffffff' text-anchor='middle'>{n}</text>")  # fmt: skip
            x += width
        svg.append(f"<text x='{x + 4:.1f}' y='{y + 15}' font-size='12' font-weight='bold'>"
                   f"{sum(found.values())}</text>")  # fmt: skip
    y = len(counts) * height + 15
    x = 0
    for status in present:
        label = _status_label(status, lang)
        svg.append(f"<rect x='{x}' y='{y}' width='12' height='12' fill='{_COLOURS[status]}'/>"
                   f"<text x='{x + 16}' y='{y + 11}' font-size='12'>{html.escape(label)}"
                   "</text>")  # fmt: skip
        x += 24 + int(char * len(label))
    svg.append("</svg>")
    return "".join(svg)
