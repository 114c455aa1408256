"""Tests for the timeline picture."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_hex

from dme_rules import DmeRulesError, evaluate
from dme_rules.cli import main
from dme_rules.plot import save_timeline, timeline

from .cases import at
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
