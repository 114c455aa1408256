"""How findings read for people: dates, parties, lateness, amounts, tables.

One place for the words and cells that the command line, ``Report.__str__``, the notebook
table (``Report._repr_html_``) and the flat records share, in French and English.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from dme_rules.counting import MONTREAL
from dme_rules.model import Finding, Party, check_language

if TYPE_CHECKING:
    from dme_rules.evaluation import Report

__all__ = [
    "days_text",
    "delay_text",
    "duration_text",
    "finding_row",
    "money_text",
    "party_text",
    "report_html",
    "report_lines",
    "table_lines",
    "when_text",
]

#: Column headings of the findings table.
HEADINGS = {
    "fr": ("règle", "partie", "statut", "échéance", "acte", "retard / reste"),
    "en": ("rule", "party", "status", "due", "act", "late / left"),
}


def money_text(amount: Decimal, lang: str) -> str:
    """``1 800,00 $`` in French, ``$1,800.00`` in English."""
    text = f"{amount:,.2f}"
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",") + " $"
    return f"${text}"


def when_text(value: date | datetime | None, *, zone: bool = False) -> str:
    """A date as ISO; an instant in Montreal time, local midnight as 24:00 of the day before
    (the end of a business day); with ``zone``, the zone's abbreviation after it."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return value.isoformat()
    local = value.astimezone(MONTREAL)
    day, hour = local.date(), local.hour
    if (hour, local.minute, local.second) == (0, 0, 0):
        day, hour = day - timedelta(days=1), 24
    text = f"{day} {hour:02d}:{local.minute:02d}"
    return f"{text} ({local.strftime('%Z')})" if zone else text


def party_text(finding: Finding, lang: str) -> str:
    """The obligated party (or parties) in words."""
    return " + ".join(Party(party).label(lang) for party in finding.obligated_party.split("+"))


def _hours(minutes: int, lang: str) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if lang == "fr" else f"{hours}:{rest:02d}"


def days_text(count: int, lang: str, *, business: bool = False) -> str:
    """``3 jours``, ``1 jour ouvrable``, ``2 business days``…"""
    if lang == "fr":
        noun = ("jour ouvrable", "jours ouvrables") if business else ("jour", "jours")
    else:
        noun = ("business day", "business days") if business else ("day", "days")
    return f"{count} {noun[0] if abs(count) == 1 else noun[1]}"


def duration_text(minutes: int, lang: str) -> str:
    """Real time in words, by pendulum's locales: ``4 jours 19 heures``."""
    import pendulum  # the edge toolkit, imported where used

    return str(pendulum.duration(minutes=minutes).in_words(locale=lang))


def delay_text(finding: Finding, lang: str) -> str:
    """How late, or how much time is left, as people write it; empty when neither applies."""
    fr = lang == "fr"
    details = finding.details
    if "business_minutes_late" in details:
        late = _hours(details["business_minutes_late"], lang)
        return f"{late} ouvrables de retard" if fr else f"{late} business hours late"
    if "business_minutes_left" in details:
        left = _hours(details["business_minutes_left"], lang)
        return f"reste {left} ouvrables" if fr else f"{left} business hours left"
    if finding.days_late is not None:
        late = days_text(finding.days_late, lang)
        business = days_text(finding.business_days_late or 0, lang, business=True)
        return f"en retard de {late} ({business})" if fr else f"{late} late ({business})"
    if finding.days_left is not None:
        left = days_text(finding.days_left, lang)
        business = days_text(finding.business_days_left or 0, lang, business=True)
        return f"reste {left} ({business})" if fr else f"{left} left ({business})"
    if finding.amount is not None and finding.cap is not None:
        return f"{money_text(finding.amount, lang)} / {money_text(finding.cap, lang)}"
    return ""


def finding_row(finding: Finding, lang: str) -> tuple[str, str, str, str, str, str]:
    """The cells of a finding's row: rule, party, status, due, act, late/left."""
    return (
        finding.rule.title(lang) if finding.rule is not None else finding.rule_id,
        party_text(finding, lang),
        finding.status.label(lang),
        when_text(finding.due),
        when_text(finding.act_on),
        delay_text(finding, lang),
    )


def table_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as left-aligned columns two spaces apart."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def report_lines(report: Report, lang: str = "fr", *, note: str = "") -> list[str]:
    """A report as a terminal reads it: heading, aligned table, verdict last."""
    check_language(lang)
    fr = lang == "fr"
    heading = (
        f"Dossier {report.case_id} — évalué au {when_text(report.as_of)}"
        if fr
        else f"Case {report.case_id} — as of {when_text(report.as_of)}"
    )
    rows = [HEADINGS[lang], *(finding_row(f, lang) for f in report.findings)]
    verdict = f"Verdict{' :' if fr else ':'} {report.status.label(lang)}"
    return [heading + note, "", *table_lines(rows), "", verdict]


def report_html(report: Report, lang: str = "fr") -> str:
    """A small HTML table of the findings with the verdict, for notebooks."""
    check_language(lang)
    escape = html.escape
    head = "".join(f"<th>{escape(cell)}</th>" for cell in HEADINGS[lang])
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in finding_row(f, lang)) + "</tr>"
        for f in report.findings
    )
    caption = report_lines(report, lang)[0]
    verdict = report_lines(report, lang)[-1]
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table><p><strong>{escape(verdict)}</strong></p>"
    )
