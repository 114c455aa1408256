"""The documentation builds without a warning, its examples pass, its catalogue is complete."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dme_rules import JURISDICTIONS, READINGS

DOCS = Path(__file__).parent.parent / "docs"
pytest.importorskip("sphinx", reason="the docs extra is not installed")


#: What matplotlib logs the first time it runs on a machine (it builds its font cache): not a
#: warning of the docs.
FONT_CACHE = re.compile(r"^.*matplotlib\.font_manager.*generated new fontManager\n*", re.M)


def sphinx(builder: str, out: Path) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx -W -b BUILDER docs OUT``, as a person would run it."""
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", builder, str(DOCS), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    done.stderr = FONT_CACHE.sub("", done.stderr)
    return done


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML site, built once with warnings as errors."""
    out = tmp_path_factory.mktemp("html")
    done = sphinx("html", out)
    assert (0, "") == (done.returncode, done.stderr)
    return out


def test_html_builds_without_warnings(html):
    """sphinx -W -b html succeeds and writes the home page."""
    assert (html / "index.html").is_file()


def test_catalogue_has_a_page_per_rule(html):
    """The generated catalogue has one page per rule of every pack, quoting its French
    sources."""
    rules = {rule.id: rule for pack in JURISDICTIONS.values() for rule in pack.rules.values()}
    pages = {path.stem for path in (html / "reference" / "rules").glob("*.html")}
    assert set(rules) == pages
    for rule in rules.values():
        page = (html / "reference" / "rules" / f"{rule.id}.html").read_text(encoding="utf-8")
        for version in rule.versions:
            assert version.citations[0].quote_fr.split()[0] in page


def test_timeline_picture_is_in_the_docs(html):
    """The explanation of counting shows an example's timeline."""
    assert (html / "_static" / "generated" / "late-clinic-validation.png").is_file()


def test_doctest_builder_passes(tmp_path):
    """Every example in the docs runs and gives what the page shows."""
    done = sphinx("doctest", tmp_path)
    assert (0, "") == (done.returncode, done.stderr)
    assert "0 failures in tests" in (tmp_path / "output.txt").read_text(encoding="utf-8")


def _conf():
    """The docs' configuration module, imported from its file."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_conf", DOCS / "conf.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readings_page_is_generated_from_the_catalogue():
    """The committed readings page is exactly what the catalogue generates, and names every
    reading of every pack."""
    page = (DOCS / "explanation" / "readings.md").read_text(encoding="utf-8")
    assert _conf().readings_page() == page
    for reading_id in READINGS:
        assert f"**`{reading_id}`**" in page


def test_readings_page_shows_the_examples_at_their_tested_instants():
    """The sensitivity table evaluates every example case at its tested instant."""
    from .test_examples import EXPECTED

    assert {name: as_of for name, (as_of, _, _) in EXPECTED.items()} == _conf().EXAMPLE_AS_OF
