"""Tests for the timeline picture."""

from __future__ import annotations

from datetime import date

import pytest
from matplotlib.colors import to_hex

from dme_rules import DmeRulesError, evaluate
from dme_rules.cli import main
from dme_rules.plot import save_timeline, timeline

from .cases import at, change
from .test_examples import EXAMPLES, EXPECTED, load

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_timeline_png_for_every_example(name, tmp_path):
    """Every example case draws to a PNG file."""
    as_of, _, _ = EXPECTED[name]
    case = load(name)
    path = tmp_path / f"{name}.png"
    save_timeline(case, evaluate(case, at(as_of)), str(path))
    content = path.read_bytes()
    assert PNG == content[:8]
    assert len(content) > 10_000


def test_one_row_per_obligation_coloured_by_status():
    """The late clinic validation on 2025-10-01: a row per finding with a due date (the
    extraction, the import, the access, the pre-analysis) and the calendar's row, in order;
    each period a bar in its status's colour; the pre-analysis's the violation's."""
    case = load("late-clinic-validation")
    report = evaluate(case, at("2025-10-01T12:00:00-04:00"))
    figure = timeline(case, report, lang="en")
    axes = figure.axes[0]
    names = [label.get_text() for label in reversed(axes.get_yticklabels())]
    titled = [f for f in report.findings if f.due is not None]
    assert [*(report.jurisdiction.rule_title(f.rule_id, "en") for f in titled),
            "Migration calendar"] == names  # fmt: skip
    colours = [to_hex(bar.get_facecolor(), keep_alpha=False) for bar in axes.patches]
    expected = ["#c51b7d" if f.status.value == "violation" else "#1b7837" for f in titled]
    assert expected == colours
    assert "#c51b7d" == colours[names.index("Clinic's validation of the pre-analysis")]


def test_every_word_in_the_chosen_language():
    """The legend, the rows and the axis say French for fr, English for en."""
    case = load("spec-example")
    report = evaluate(case, at("2025-09-01T12:00:00-04:00"))
    words = {}
    for lang in ("fr", "en"):
        axes = timeline(case, report, lang=lang).axes[0]
        words[lang] = [t.get_text() for t in axes.get_legend().get_texts()] + [
            label.get_text() for label in axes.get_yticklabels()] + [axes.get_xlabel()]  # fmt: skip
    assert "période\u00a0: conforme" in words["fr"]
    assert "period: compliant" in words["en"]
    assert "Suivi d'une plainte par le BCH (plainte n° 1)" in words["fr"]
    assert "BCH follow-up of a complaint (complaint #1)" in words["en"]
    assert not set(words["fr"]) & {"request sent", "act", "evaluation date", "calendar date"}


class TestWhatTheTitleAndTheCalendarSay:
    """The title says the instant as the user gave it; the calendar's row says its verdict."""

    def test_a_date_as_of_is_the_end_of_that_day(self):
        """--as-of 2025-09-01 is 24:00 of that day: the title says the date given, not the
        next day's date of the instant 2025-09-02T00:00-04:00."""
        case = load("spec-example")
        report = evaluate(case, at("2025-09-02T00:00:00-04:00"))
        assert (
            "2025-0147 — non conforme, au 2025-09-01 24:00"
            == timeline(case, report).axes[0].get_title()
        )
        noon = evaluate(case, at("2025-09-01T12:00:00-04:00"))
        assert (
            "2025-0147 — violation, as of 2025-09-01 12:00"
            == timeline(case, noon, lang="en").axes[0].get_title()
        )

    def test_the_calendars_violation_is_marked(self):
        """The SPEC case's calendar removes the read-only access on 2025-11-04, before
        2025-11-05 (a violation of the calendar's content): 2025-11-04 alone is crossed in
        the violation's colour, and the legend says so; every other date stays a neutral
        tick (a tick in the violation's colour would put every date at fault)."""
        case = load("spec-example")
        report = evaluate(case, at("2025-09-02T00:00:00-04:00"))
        (judge,) = [f for f in report.findings if f.rule_id == "qc.migration.calendar-content"]
        assert "violation" == judge.status.value
        axes = timeline(case, report).axes[0]
        handles = dict(zip((t.get_text() for t in axes.get_legend().get_texts()),
                           axes.get_legend().legend_handles, strict=True))  # fmt: skip
        ticks = handles["date du calendrier"]
        crosses = handles["date en faute\u00a0: non conforme"]
        assert ("#4d4d4d", "#c51b7d") == (to_hex(ticks.get_color()), to_hex(crosses.get_color()))
        (crossed,) = [line for line in axes.lines if line.get_marker() == "X"]
        assert ("X", [date(2025, 11, 4)]) == (crosses.get_marker(), list(crossed.get_xdata()))

    def test_dates_out_of_order_are_crossed(self):
        """The pre-analysis ending (2025-07-09) before it starts (2025-07-11): both dates are
        crossed, as is the access removed too early (2025-11-04)."""
        case = change(load("spec-example"), calendar__preanalysis_end_on=date(2025, 7, 9))
        axes = timeline(case, evaluate(case, at("2025-09-02T00:00:00-04:00"))).axes[0]
        (crossed,) = [line for line in axes.lines if line.get_marker() == "X"]
        assert [date(2025, 7, 9), date(2025, 7, 11), date(2025, 11, 4)] == list(crossed.get_xdata())

    def test_a_calendar_in_order_is_not_crossed(self):
        """A calendar the rule finds compliant: neutral ticks, no cross."""
        case = load("complaints-answered")
        report = evaluate(case, at("2025-12-02T00:00:00-05:00"))
        axes = timeline(case, report, lang="en").axes[0]
        texts = [t.get_text() for t in axes.get_legend().get_texts()]
        assert "calendar date" in texts
        assert [] == [line for line in axes.lines if line.get_marker() == "X"]


def test_cli_plot(tmp_path, capsys):
    """dme-rules check --plot FILE.png writes the picture beside the table."""
    path = tmp_path / "timeline.png"
    main(["check", str(EXAMPLES / "cases" / "spec-example.json"), "--as-of",
          "2025-09-01T12:00:00-04:00", "--plot", str(path)])  # fmt: skip
    assert "Verdict" in capsys.readouterr().out
    assert PNG == path.read_bytes()[:8]


def test_cli_plot_unwritable(tmp_path, capsys):
    """A picture that cannot be written: exit 2, one line naming the file, in French then
    English."""
    path = tmp_path / "missing-folder" / "timeline.png"
    code = main(["check", str(EXAMPLES / "cases" / "spec-example.json"), "--plot", str(path)])
    err = capsys.readouterr().err
    assert 2 == code
    assert 1 == len(err.splitlines())
    assert f"{path}: écriture de l'image impossible (FileNotFoundError" in err
    assert err.index("écriture de l'image") < err.index("cannot write the picture")


def test_without_matplotlib(monkeypatch):
    """Without matplotlib, a clear DmeRulesError says how to install it."""
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    case = load("spec-example")
    with pytest.raises(DmeRulesError, match=r"pip install 'dme-rules\[plot\]'"):
        timeline(case, evaluate(case, at("2025-09-01T12:00:00-04:00")))
