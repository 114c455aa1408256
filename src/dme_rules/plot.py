"""A timeline picture of a subject for auditors (matplotlib is an optional extra).

:func:`timeline` draws one row per obligation that has a due date: its period as a bar from
the day it starts to its due date, the act as a mark, coloured by the finding's status, with a
legend; the subject's start and the evaluation's instant as vertical lines, and the dates the
subject states (a migration calendar's) as ticks on a row of their own. The subject's pack
says which subjects it draws and how (its :class:`~dme_rules.engine.features.Timeline`: where
each period starts, the marks, the rows' names and the words of the axis); every date is in
the pack's zone. Every word is in the chosen language; labels are the rows' names, so none
overlaps another.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from dme_rules.engine.features import Timeline
from dme_rules.engine.findings import Finding
from dme_rules.engine.messages import Messages, check_language, when_text
from dme_rules.engine.presentation import STATUS_COLOURS
from dme_rules.engine.report import Report
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject
from dme_rules.errors import DmeRulesError, InvalidArgumentError

__all__ = ["drawn", "save_timeline", "timeline"]

#: The timeline's own words, in French and English (those of a subject are its pack's).
_WORDS = Messages(
    {
        "legend.period": {"fr": "période : {status}", "en": "period: {status}"},
        "legend.act": {"fr": "acte", "en": "act"},
        "legend.as_of": {"fr": "date d'évaluation", "en": "evaluation date"},
        "legend.marks": {"fr": "{mark} : {status}", "en": "{mark}: {status}"},
        "legend.fault": {"fr": "date en faute", "en": "date at fault"},
        "title": {
            "fr": "{subject} — {status}, au {as_of}",
            "en": "{subject} — {status}, as of {as_of}",
        },
    }
)

#: The colour of each status (the same as the audit's HTML page).
_COLOURS = {status: STATUS_COLOURS[status.value] for status in Status}
_NEUTRAL, _AS_OF = "#4d4d4d", "#2166ac"


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


def drawn(subject: Subject, report: Report) -> Timeline | None:
    """How the pack of ``report`` draws ``subject``, or ``None`` when it draws no such
    subject."""
    found = report.jurisdiction.timeline
    if found is None or not isinstance(subject, found.subjects):
        return None
    return found


def _rows(drawing: Timeline, report: Report, lang: str) -> list[tuple[str, Finding]]:
    """Each finding that has a due date, with the name of its row."""
    rows = []
    for finding in report.findings:
        if finding.due is None:
            continue
        title = report.jurisdiction.rule_title(finding.rule_id, lang, report.ruleset)
        rows.append((drawing.row_name(finding, title, lang), finding))
    return rows


def timeline(subject: Subject, report: Report, *, lang: str = "fr") -> Any:
    """A matplotlib Figure of the subject's obligations on one time axis.

    Args:
        subject: The subject that was evaluated (a migration case).
        report: Its report (``evaluate(subject, as_of)``).
        lang: ``fr`` (default) or ``en`` for every word of the picture.

    Raises:
        InvalidArgumentError: The subject's pack draws no timeline of such a subject.
        DmeRulesError: matplotlib is not installed (``pip install 'dme-rules[plot]'``).
    """
    check_language(lang)
    drawing = drawn(subject, report)
    if drawing is None:
        found = report.jurisdiction.timeline
        shown = ", ".join(cls.kind for cls in found.subjects) if found is not None else "none"
        raise InvalidArgumentError(
            "subject", f"a subject its pack draws ({shown})", subject.kind,
            expected_fr=f"un sujet dont son territoire trace la frise ({shown})",
        )  # fmt: skip
    plt = _pyplot()
    pack = report.jurisdiction
    words, zone = pack.messages, pack.zone

    def day(value: date | datetime) -> date:
        return _local_day(value, zone)

    rows = _rows(drawing, report, lang)
    stated = list(drawing.marks(subject))
    names = [name for name, _ in rows] + (
        [words.template("timeline.marks", lang)] if stated else []
    )
    figure, axes = plt.subplots(figsize=(12, 1.2 + 0.45 * max(len(names), 1)))
    legend: dict[str, Any] = {}
    for index, (_, finding) in enumerate(rows):
        assert finding.due is not None  # _rows keeps the findings with a due date
        y = len(names) - 1 - index
        start, due = drawing.start(finding, subject), day(finding.due)
        colour = _COLOURS[finding.status]
        width = max((due - start).days, 0) + 1  # the due date itself belongs to the period
        bar = axes.barh(y, width, left=start, height=0.5, color=colour, alpha=0.55)
        legend.setdefault(
            _WORDS.format("legend.period", lang, status=finding.status.label(lang)), bar
        )
        if finding.act_on is not None:
            (act,) = axes.plot([day(finding.act_on)], [y], marker="D", color=colour,
                               markeredgecolor="black", markersize=7, linestyle="none")  # fmt: skip
            legend.setdefault(_WORDS.template("legend.act", lang), act)
    if stated:
        # Every stated date a neutral tick; those the finding holds wrong crossed in its
        # status's colour (a tick in a verdict's colour would say every date is at fault).
        judge = _marks_finding(drawing, report)
        ticks = axes.plot(stated, [0] * len(stated), marker="|", color=_NEUTRAL, markersize=14,
                          linestyle="none")  # fmt: skip
        legend[words.template("timeline.mark", lang)] = ticks[0]
        faults = drawing.marks_at_fault(judge, subject) if judge is not None else ()
        if judge is not None and faults:
            (crosses,) = axes.plot(faults, [0] * len(faults), marker="X",
                                   color=_COLOURS[judge.status], markeredgecolor="black",
                                   markersize=10, linestyle="none")  # fmt: skip
            fault = _WORDS.template("legend.fault", lang)
            legend[_WORDS.format("legend.marks", lang, mark=fault,
                                 status=judge.status.label(lang))] = crosses  # fmt: skip
    started = subject.started_at
    first = day(started) if started is not None else min(
        [day(report.as_of), *(drawing.start(finding, subject) for _, finding in rows)]
    )  # fmt: skip
    if started is not None:
        legend[words.template("timeline.started", lang)] = axes.axvline(
            first, color=_NEUTRAL, linestyle=":", linewidth=1.2
        )
    legend[_WORDS.template("legend.as_of", lang)] = axes.axvline(
        day(report.as_of), color=_AS_OF, linestyle="--", linewidth=1.2
    )
    axes.set_yticks(range(len(names)), list(reversed(names)), fontsize=8)
    axes.set_ylim(-0.7, len(names) - 0.3)
    axes.set_xlabel(words.template("timeline.axis", lang), fontsize=8)
    axes.xaxis_date()
    axes.set_xlim(left=first - timedelta(days=5))
    axes.grid(axis="x", alpha=0.3)
    axes.legend(legend.values(), legend.keys(), loc="upper left", bbox_to_anchor=(1.01, 1),
                fontsize=8, frameon=False)  # fmt: skip
    title = _WORDS.format(
        "title", lang, subject=report.case_id or subject.kind,
        status=report.status.label(lang), as_of=when_text(report.as_of, zone),
    )  # fmt: skip
    axes.set_title(title, parse_math=False)  # a case id is text, never TeX
    for label in axes.get_yticklabels():
        label.set_parse_math(False)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def _marks_finding(drawing: Timeline, report: Report) -> Finding | None:
    """The finding that judges the dates of the marks' row, if the pack names its rule."""
    rule_id = getattr(drawing, "marks_rule", None)  # a timeline of the second edition: none
    if rule_id is None:
        return None
    return next((finding for finding in report.findings if finding.rule_id == rule_id), None)


def _local_day(value: date | datetime, zone: tzinfo) -> date:
    """The date of ``value`` in ``zone`` (a date is its own)."""
    return value.astimezone(zone).date() if isinstance(value, datetime) else value


#: The picture formats a timeline is saved in (each drawn without TeX or a system tool).
PICTURE_SUFFIXES = (".png", ".svg", ".pdf")


def save_timeline(subject: Subject, report: Report, path: str, *, lang: str = "fr") -> None:
    """Draw :func:`timeline` into an image file: PNG, SVG or PDF by its extension.

    Raises:
        InvalidArgumentError: ``path`` does not end with ``.png``, ``.svg`` or ``.pdf``.
    """
    if not isinstance(path, str) or not path.lower().endswith(PICTURE_SUFFIXES):
        raise InvalidArgumentError(
            "path", "a file name ending with .png, .svg or .pdf", path,
            expected_fr="un nom de fichier finissant par .png, .svg ou .pdf",
        )  # fmt: skip
    figure = timeline(subject, report, lang=lang)
    try:
        figure.savefig(path, dpi=110)
    finally:
        _pyplot().close(figure)
