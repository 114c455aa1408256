"""A timeline picture of a case for auditors (matplotlib is an optional extra).

:func:`timeline` draws one row per obligation that has a due date: its period as a bar from
the day it starts (the request's official start, the pre-analysis's submission, the
migration, the complaint) to its due date, the act as a mark, coloured by the finding's
status, with a legend; the request and the evaluation's instant as vertical lines, and the
migration calendar's dates as ticks on a row of their own. Every word is in the chosen
language; labels are the rows' names, so none overlaps another.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import attrs

from dme_rules.engine.findings import Finding
from dme_rules.engine.messages import Messages, check_language
from dme_rules.engine.presentation import STATUS_COLOURS
from dme_rules.engine.report import Report
from dme_rules.engine.status import Status
from dme_rules.errors import DmeRulesError, InvalidArgumentError
from dme_rules.jurisdictions.qc.counting import MONTREAL, official_start
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["save_timeline", "timeline"]

#: The timeline's words, in French and English.
_WORDS = Messages(
    {
        "row.calendar": {"fr": "Calendrier de migration", "en": "Migration calendar"},
        "row.complaint": {
            "fr": "{title} (plainte n° {number})",
            "en": "{title} (complaint #{number})",
        },
        "legend.period": {"fr": "période : {status}", "en": "period: {status}"},
        "legend.act": {"fr": "acte", "en": "act"},
        "legend.request": {"fr": "demande transmise", "en": "request sent"},
        "legend.as_of": {"fr": "date d'évaluation", "en": "evaluation date"},
        "legend.calendar": {"fr": "date du calendrier", "en": "calendar date"},
        "axis.date": {"fr": "date (heure de Montréal)", "en": "date (Montreal time)"},
    }
)

#: The colour of each status (the same as the audit's HTML page).
_COLOURS = {status: STATUS_COLOURS[status.value] for status in Status}
_NEUTRAL, _AS_OF = "#4d4d4d", "#2166ac"


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


def _start(finding: Finding, case: MigrationCase) -> date:
    """The day the obligation's period starts."""
    details = finding.details
    for key in ("filed_at", "submitted_on", "migrated_on"):
        if details.get(key) is not None:
            return _day(details[key])
    return official_start(case.requested_on)


def _rows(case: MigrationCase, report: Report, lang: str) -> list[tuple[str, Finding]]:
    """Each finding that has a due date, with the name of its row."""
    rows = []
    for finding in report.findings:
        if finding.due is None:
            continue
        title = report.jurisdiction.rule_title(finding.rule_id, lang, report.ruleset)
        if "complaint_index" in finding.details:
            title = _WORDS.format(
                "row.complaint", lang, title=title, number=finding.details["complaint_index"] + 1
            )
        rows.append((title, finding))
    return rows


def timeline(case: MigrationCase, report: Report, *, lang: str = "fr") -> Any:
    """A matplotlib Figure of the case's obligations on one time axis.

    Args:
        case: The case that was evaluated.
        report: Its report (``evaluate(case, as_of)``).
        lang: ``fr`` (default) or ``en`` for every word of the picture.

    Raises:
        DmeRulesError: matplotlib is not installed (``pip install 'dme-rules[plot]'``).
    """
    check_language(lang)
    plt = _pyplot()
    rows = _rows(case, report, lang)
    stated = []
    if case.calendar is not None:
        stated = [
            day
            for value in attrs.asdict(case.calendar, recurse=False).values()
            for day in (value if isinstance(value, tuple) else (value,))
            if isinstance(day, date)
        ]
    names = [name for name, _ in rows] + ([_WORDS.template("row.calendar", lang)] if stated else [])
    figure, axes = plt.subplots(figsize=(12, 1.2 + 0.45 * max(len(names), 1)))
    legend: dict[str, Any] = {}
    for index, (_, finding) in enumerate(rows):
        assert finding.due is not None  # _rows keeps the findings with a due date
        y = len(names) - 1 - index
        start, due = _start(finding, case), _day(finding.due)
        colour = _COLOURS[finding.status]
        width = max((due - start).days, 0) + 1  # the due date itself belongs to the period
        bar = axes.barh(y, width, left=start, height=0.5, color=colour, alpha=0.55)
        legend.setdefault(
            _WORDS.format("legend.period", lang, status=finding.status.label(lang)), bar
        )
        if finding.act_on is not None:
            (act,) = axes.plot([_day(finding.act_on)], [y], marker="D", color=colour,
                               markeredgecolor="black", markersize=7, linestyle="none")  # fmt: skip
            legend.setdefault(_WORDS.template("legend.act", lang), act)
    if stated:
        ticks = axes.plot(stated, [0] * len(stated), marker="|", color=_NEUTRAL, markersize=14,
                          linestyle="none")  # fmt: skip
        legend[_WORDS.template("legend.calendar", lang)] = ticks[0]
    sent = _day(case.request_transmitted_at)
    legend[_WORDS.template("legend.request", lang)] = axes.axvline(
        sent, color=_NEUTRAL, linestyle=":", linewidth=1.2
    )
    legend[_WORDS.template("legend.as_of", lang)] = axes.axvline(
        _day(report.as_of), color=_AS_OF, linestyle="--", linewidth=1.2
    )
    axes.set_yticks(range(len(names)), list(reversed(names)), fontsize=8)
    axes.set_ylim(-0.7, len(names) - 0.3)
    axes.set_xlabel(_WORDS.template("axis.date", lang), fontsize=8)
    axes.xaxis_date()
    axes.set_xlim(left=sent - timedelta(days=5))
    axes.grid(axis="x", alpha=0.3)
    axes.legend(legend.values(), legend.keys(), loc="upper left", bbox_to_anchor=(1.01, 1),
                fontsize=8, frameon=False)  # fmt: skip
    verdict = report.status.label(lang)
    axes.set_title(
        f"{case.case_id} — {verdict} ({report.as_of.astimezone(MONTREAL):%Y-%m-%d})",
        parse_math=False,  # a case id is text, never TeX
    )
    for label in axes.get_yticklabels():
        label.set_parse_math(False)
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
