"""A timeline picture of a case for auditors (matplotlib is an optional extra).

:func:`timeline` draws, on one time axis: the request and its official start, each statutory
due date of the report's findings, the acts the case records, and the dates of the migration
calendar; due dates missed are marked in red.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import attrs

from dme_rules.engine.messages import Messages, check_language
from dme_rules.engine.report import Report
from dme_rules.engine.status import Status
from dme_rules.errors import DmeRulesError, InvalidArgumentError
from dme_rules.jurisdictions.qc.counting import MONTREAL, official_start
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["save_timeline", "timeline"]

#: The timeline's words, in French and English.
_WORDS = Messages(
    {
        "row.request": {"fr": "Demande", "en": "Request"},
        "row.due": {"fr": "Échéances", "en": "Due dates"},
        "row.acts": {"fr": "Actes", "en": "Acts"},
        "row.calendar": {"fr": "Calendrier", "en": "Calendar"},
        "mark.request": {"fr": "demande", "en": "request"},
        "mark.day_one": {"fr": "jour 1", "en": "day 1"},
    }
)
_ROWS = ("row.request", "row.due", "row.acts", "row.calendar")
_OK, _LATE, _NEUTRAL = "#1b7837", "#c51b7d", "#4d4d4d"


def _day(value: date | datetime) -> date:
    return value.astimezone(MONTREAL).date() if isinstance(value, datetime) else value


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only: no screen needed
        import matplotlib.pyplot as plt
    except ImportError:
        raise DmeRulesError(
            "the timeline needs matplotlib: pip install 'dme-rules[plot]' / "
            "la frise chronologique a besoin de matplotlib : pip install 'dme-rules[plot]'"
        ) from None
    return plt


def timeline(case: MigrationCase, report: Report, *, lang: str = "fr") -> Any:
    """A matplotlib Figure of the case's timeline, with the report's due dates.

    Args:
        case: The case that was evaluated.
        report: Its report (``evaluate(case, as_of)``).
        lang: ``fr`` (default) or ``en`` for the labels.

    Raises:
        DmeRulesError: matplotlib is not installed (``pip install 'dme-rules[plot]'``).
    """
    check_language(lang)
    plt = _pyplot()
    rows = [_WORDS.template(code, lang) for code in _ROWS]
    figure, axes = plt.subplots(figsize=(12, 4.2))

    def mark(row: int, day: date, label: str, color: str, marker: str = "o", lift: int = 0) -> None:
        axes.plot([day], [row], marker=marker, color=color, markersize=8, linestyle="none")
        axes.annotate(label, (day, row), textcoords="offset points", xytext=(3, 8 + lift),
                      parse_math=False,
                      rotation=30, fontsize=7, color=color)  # fmt: skip

    sent = _day(case.request_transmitted_at)
    mark(3, sent, _WORDS.template("mark.request", lang), _NEUTRAL, "s")
    start = official_start(case.requested_on)
    mark(3, start, _WORDS.template("mark.day_one", lang), _NEUTRAL, "s")
    for finding in report.findings:
        if finding.due is None:
            continue
        late = finding.status is Status.VIOLATION
        title = report.jurisdiction.rule_title(finding.rule_id, lang)
        mark(2, _day(finding.due), title, _LATE if late else _OK, "v")
        if finding.act_on is not None:
            mark(1, _day(finding.act_on), title, _LATE if late else _OK, "^")
    if case.calendar is not None:
        stated = [
            (day, name.removesuffix("_on").replace("_", " "))
            for name, value in attrs.asdict(case.calendar, recurse=False).items()
            for day in (value if isinstance(value, tuple) else (value,))
            if isinstance(day, date)
        ]
        for position, (day, label) in enumerate(sorted(stated)):
            mark(0, day, label, _NEUTRAL, "|", lift=12 * (position % 3))  # staggered labels
    axes.axvline(_day(report.as_of), color="#2166ac", linestyle="--", linewidth=1)
    axes.set_yticks(range(4), list(reversed(rows)))
    axes.set_ylim(-0.6, 4.2)
    axes.grid(axis="x", alpha=0.3)
    verdict = report.status.label(lang)
    axes.set_title(
        f"{case.case_id} — {verdict} ({report.as_of.astimezone(MONTREAL):%Y-%m-%d})",
        parse_math=False,  # a case id is text, never TeX
    )
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


#: The picture formats a timeline is saved in (each drawn without TeX or a system tool).
PICTURE_SUFFIXES = (".png", ".svg", ".pdf")


def save_timeline(case: MigrationCase, report: Report, path: str, *, lang: str = "fr") -> None:
    """Draw :func:`timeline` into an image file: PNG, SVG or PDF by its extension.

    Raises:
        InvalidArgumentError: ``path`` does not end with ``.png``, ``.svg`` or ``.pdf``.
    """
    if not isinstance(path, str) or not path.lower().endswith(PICTURE_SUFFIXES):
        raise InvalidArgumentError(
            "path", "a file name ending with .png, .svg or .pdf", path,
            expected_fr="un nom de fichier finissant par .png, .svg ou .pdf",
        )  # fmt: skip
    figure = timeline(case, report, lang=lang)
    try:
        figure.savefig(path, dpi=110)
    finally:
        _pyplot().close(figure)
