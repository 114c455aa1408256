"""The reports on the example cases and checklists, byte for byte, against reviewed snapshots.

Other systems read these bytes: the report JSON (compact, as ``Report.to_json`` writes it), the
FHIR OperationOutcome and the terminal table, in French and English. A change to a rule, a
message or a serializer shows up as a diff of ``tests/snapshots/reports/``. After an intended
change, rewrite the snapshots and review the diff::

    python -m tests.test_report_snapshots
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from dme_rules import NEW_FEATURE_CONSENT, ConsentAnswers, evaluate
from dme_rules.cli import main

from .test_examples import EXAMPLES, EXPECTED, at, load

SNAPSHOTS = Path(__file__).parent / "snapshots" / "reports"
LANGUAGES = ("fr", "en")
#: When the checklists are evaluated (their verdict depends on their own assessment date).
CONSENT_AS_OF = at("2025-09-01T12:00:00-04:00")
CONSENT_EXAMPLES = sorted(path.stem for path in (EXAMPLES / "consent").glob("*.json"))


def render_case(name: str, lang: str) -> dict[str, str]:
    """Every output of the report on example case ``name``, by snapshot file suffix: the
    library's JSON and FHIR, and the table ``dme-rules check`` prints."""
    as_of = EXPECTED[name][0]
    report = evaluate(load(name), at(as_of))
    table = io.StringIO()
    with contextlib.redirect_stdout(table):
        main(["check", str(EXAMPLES / "cases" / f"{name}.json"), "--as-of", as_of, "--lang", lang])
    return {
        "json": report.to_json(lang) + "\n",
        "fhir.json": json.dumps(report.to_fhir(lang), ensure_ascii=False, indent=2) + "\n",
        "txt": table.getvalue(),
    }


def render_consent(name: str, lang: str) -> dict[str, str]:
    """The checklist's finding on example ``name`` as JSON."""
    answers = ConsentAnswers.from_json((EXAMPLES / "consent" / f"{name}.json").read_text("utf-8"))
    (finding,) = NEW_FEATURE_CONSENT.check(answers, CONSENT_AS_OF)
    return {"json": json.dumps(finding.to_dict(lang), ensure_ascii=False) + "\n"}


def rendered() -> dict[str, str]:
    """Every snapshot file's expected text, by file name."""
    files = {}
    for lang in LANGUAGES:
        for name in EXPECTED:
            for suffix, text in render_case(name, lang).items():
                files[f"{name}.{lang}.{suffix}"] = text
        for name in CONSENT_EXAMPLES:
            for suffix, text in render_consent(name, lang).items():
                files[f"consent-{name}.{lang}.{suffix}"] = text
    return files


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_case_reports_match_the_snapshots(name, lang):
    """The report on each example case reads exactly as reviewed, in both languages."""
    for suffix, text in render_case(name, lang).items():
        path = SNAPSHOTS / f"{name}.{lang}.{suffix}"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} changed: run `python -m tests.test_report_snapshots`, review the diff"
        )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CONSENT_EXAMPLES)
def test_consent_findings_match_the_snapshots(name, lang):
    """The checklist's finding on each example reads exactly as reviewed."""
    for suffix, text in render_consent(name, lang).items():
        path = SNAPSHOTS / f"consent-{name}.{lang}.{suffix}"
        assert path.read_text(encoding="utf-8") == text


def test_every_snapshot_is_rendered():
    """No snapshot file is left over from an example that no longer exists."""
    assert sorted(rendered()) == sorted(path.name for path in SNAPSHOTS.iterdir())


if __name__ == "__main__":
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SNAPSHOTS.iterdir():
        old.unlink()
    for file_name, text in rendered().items():
        (SNAPSHOTS / file_name).write_text(text, encoding="utf-8")
    print(f"wrote {len(rendered())} files under {SNAPSHOTS.name}/")
