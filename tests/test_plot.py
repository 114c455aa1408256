"""Tests for the timeline picture."""

from __future__ import annotations

import pytest

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


def test_missed_due_dates_are_red():
    """The late clinic validation: the missed due dates are drawn in the violation colour."""
    case = load("late-clinic-validation")
    figure = timeline(case, evaluate(case, at("2025-10-01T12:00:00-04:00")), lang="en")
    colours = [line.get_color() for line in figure.axes[0].get_lines()]
    # The pre-analysis's due date and act; the import, due later by the clinic's own delay
    # (clinic-delay-extends), is on time.
    assert 2 == colours.count("#c51b7d")


def test_cli_plot(tmp_path, capsys):
    """dme-rules check --plot FILE.png writes the picture beside the table."""
    path = tmp_path / "timeline.png"
    main(["check", str(EXAMPLES / "cases" / "spec-example.json"), "--as-of",
          "2025-09-01T12:00:00-04:00", "--plot", str(path)])  # fmt: skip
    assert "Verdict" in capsys.readouterr().out
    assert PNG == path.read_bytes()[:8]


def test_cli_plot_unwritable(tmp_path, capsys):
    """A picture that cannot be written: exit 2, one line naming the file."""
    path = tmp_path / "missing-folder" / "timeline.png"
    code = main(["check", str(EXAMPLES / "cases" / "spec-example.json"), "--plot", str(path)])
    err = capsys.readouterr().err
    assert 2 == code
    assert 1 == len(err.splitlines())
    assert f"{path}: cannot write the picture" in err


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
