"""Sphinx configuration: MyST Markdown, autodoc, doctests, and pages generated at build time.

The rule catalogue (``reference/rules/*.md``) and the readings page
(``explanation/readings.md``, with the sensitivity of the example cases) are written from the
jurisdictions' registries (``dme_rules.JURISDICTIONS``), and the example timeline
(``_static/generated/``) drawn from an example case, every time the docs are built, so none
can drift from the code.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import attrs

import dme_rules

project = "dme_rules"
author = "The dme_rules authors"
release = dme_rules.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
]
myst_enable_extensions = ["colon_fence"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = f"dme_rules {release}"
html_static_path = ["_static"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# The examples read files relative to the project's root; the API's docstring examples, which
# the doctest builder runs too, use the public names.
doctest_global_setup = f"""
import os
os.chdir({str(Path(__file__).parent.parent)!r})
from datetime import date, datetime, time, timedelta, timezone
from dme_rules import *
"""

HERE = Path(__file__).parent


def _version_table(rule: dme_rules.Rule) -> list[str]:
    lines = [
        "| version | in force | parameters | readings (alternatives) | dated methods |",
        "|---|---|---|---|---|",
    ]
    for version in rule.versions:
        until = version.effective_to.isoformat() if version.effective_to else "…"
        parameters = ", ".join(
            f"{key} = {value}"
            for key, value in attrs.asdict(version.parameters, recurse=False).items()
            if not key.startswith("_") and value is not None
        )
        readings = ", ".join(f"`{r.id}`" for r in version.readings)
        if version.alternatives:
            readings += " (" + ", ".join(f"`{r.id}`" for r in version.alternatives) + ")"
        dated = ", ".join(f"`{name}`" for name in rule.dated_pieces(version).values())
        lines.append(
            f"| {version.version} | {version.effective_from} – {until} | "
            f"{parameters or '—'} | {readings or '—'} | {dated} |"
        )
    return lines


#: The first edition's names of rules whose constant now follows their module's name.
FIRST_EDITION_NAMES = {
    rule.id: name
    for name in dme_rules.__all__
    if isinstance(rule := getattr(dme_rules, name), dme_rules.Rule) and name != rule.name
}


def _rules() -> list[dme_rules.Rule]:
    return [rule for pack in dme_rules.JURISDICTIONS.values() for rule in pack.rules.values()]


def write_catalogue(app: object) -> None:
    """One page per rule of every jurisdiction's registry, and their index."""
    folder = HERE / "reference" / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    for rule in _rules():
        module = rule.id.rsplit(".", 1)[-1].replace("-", "_")
        pack = rule.id.partition(".")[0]
        also = FIRST_EDITION_NAMES.get(rule.id)
        lines = [
            f"# `{rule.name}`",
            "",
            f"**{rule.title_en}** — *{rule.title_fr}*",
            "",
            f"- id: `{rule.id}`",
            f"- module: `dme_rules.jurisdictions.{pack}.rules.{module}`",
            *([f"- also exported as: `{also}` (the first edition's name)"] if also else []),
            f"- subject: `{rule.subject.kind}`",
            f"- binds: `{rule.obligated_party}`",
            "",
            "## Versions",
            "",
            *_version_table(rule),
            "",
        ]
        for version in rule.versions:
            lines += [f"### Version {version.version}", "", version.summary_en, ""]
            lines += [f"*Effective dates:* {version.effective_basis}", ""]
            for citation in version.citations:
                lines += [
                    f"> {citation.quote_fr}",
                    ">",
                    f"> — {citation.document.title}, {citation.document.issuer}, "
                    f"{citation.date}, {citation.section}",
                    "",
                ]
        (folder / f"{rule.id}.md").write_text("\n".join(lines), encoding="utf-8")
    index = ["# Rule catalogue", "",
             "Generated from each jurisdiction's registry when the docs are built.",
             "", "```{toctree}", ":maxdepth: 1", "",
             *(f"rules/{rule.id}" for rule in _rules()), "```", ""]  # fmt: skip
    (HERE / "reference" / "catalogue.md").write_text("\n".join(index), encoding="utf-8")


#: Each example case and the instant its verdict is shown at (the tests check that these
#: are the instants of tests/test_examples.py).
EXAMPLE_AS_OF = {
    "spec-example": "2025-09-01T12:00:00-04:00",
    "same-solution-on-time": "2025-07-02T12:00:00-04:00",
    "request-2022-first-versions": "2022-08-15T12:00:00-04:00",
    "late-clinic-validation": "2025-10-01T12:00:00-04:00",
    "migration-in-progress": "2025-11-10T12:00:00-05:00",
    "fees-over-caps": "2024-08-01T12:00:00-04:00",
    "minimal-new-request": "2025-09-20T12:00:00-04:00",
    "non-standard-scope": "2025-01-15T12:00:00-05:00",
    "complaints-answered": "2025-06-03T12:00:00-04:00",
}

_READINGS_INTRO = """\
# Readings: every ambiguous phrase, named

The sources say « 21 jours », « 72 heures ouvrables » or « trois mois » without saying how to
count, and leave some facts' consequences open. Wherever the way of reading a phrase changes
a verdict, the library names each reading, applies a default and lets the caller choose an
alternative, and every finding lists the readings it used (`readings` in its JSON). This page
is generated from the catalogue (`dme_rules.READINGS`) when the docs are built.

Choose an alternative with `evaluate(case, as_of, readings=["civil-procedure"])` (ids or
values, at most one per topic) or `dme-rules check CASE --reading civil-procedure`
(repeatable). A rule whose version does not allow a reading ignores it and records it in its
finding's `details["readings_ignored"]`. `sensitivity(case, as_of)` (`check --sensitivity`)
evaluates the case under each alternative alone and says which findings it would turn; the
last section shows it for the example cases.
"""


def _allowed_by(reading: dme_rules.Reading) -> str:
    versions = [
        f"`{rule.name}` v{version.version}" + (" (default)" if reading in version.readings else "")
        for rule in _rules()
        for version in rule.versions
        if reading in version.allowed
    ]
    return ", ".join(versions)


def readings_page() -> str:
    """The readings page: each topic, its phrase, its default with the argument for it, its
    alternatives, the rules that allow them; then the example cases' sensitivity."""
    lines = [_READINGS_INTRO]
    topics: dict[str, list[dme_rules.Reading]] = {}
    for reading in dme_rules.READINGS.values():
        topics.setdefault(reading.topic, []).append(reading)
    for topic, readings in topics.items():
        lines += [f"## `{topic}`", "", f"> {readings[0].phrase}", ""]
        for reading in readings:
            default = any(
                reading in version.readings for rule in _rules() for version in rule.versions
            )
            lines += [
                f"**`{reading.id}`**{' (a default)' if default else ''} — {reading.summary_en}",
                "",
                f"*{reading.summary_fr}*",
                "",
                f"Basis: {reading.basis}",
                "",
                f"Allowed by: {_allowed_by(reading)}.",
                "",
            ]
    lines += [
        "## The example cases under every reading",
        "",
        "Each example case of `examples/cases/`, evaluated at the instant its tested verdict "
        "is shown at, then under each alternative reading alone. A finding is *robust* when "
        "every reading its rule allows gives it the same status; the table lists the others.",
        "",
        "| case | as of | robust findings | findings another reading turns |",
        "|---|---|---|---|",
    ]
    for name, as_of in EXAMPLE_AS_OF.items():
        path = HERE.parent / "examples" / "cases" / f"{name}.json"
        case = dme_rules.MigrationCase.from_dict(json.loads(path.read_text(encoding="utf-8")))
        found = dme_rules.sensitivity(case, datetime.fromisoformat(as_of))
        turned = [
            f"{entry.finding.rule_id.rsplit('.', 1)[-1]} {entry.finding.status.value}: "
            + ", ".join(
                f"`{reading.id}` → {other.status.value}"
                for reading, other in entry.alternatives
                if other.status is not entry.finding.status
            )
            for entry in found.findings
            if not entry.robust
        ]
        robust = sum(entry.robust for entry in found.findings)
        lines.append(
            f"| `{name}` | {as_of[:10]} | {robust} of {len(found.findings)} | "
            f"{'; '.join(turned) or '—'} |"
        )
    lines.append("")
    return "\n".join(lines)


def write_readings(app: object) -> None:
    """Write the readings page (committed too, so that it reads without a build; the tests
    check that it is what this function writes)."""
    (HERE / "explanation" / "readings.md").write_text(readings_page(), encoding="utf-8")


def draw_example_timeline(app: object) -> None:
    """The timeline of the late-clinic-validation example, for the explanation pages."""
    from dme_rules.plot import save_timeline

    folder = HERE / "_static" / "generated"
    folder.mkdir(parents=True, exist_ok=True)
    path = HERE.parent / "examples" / "cases" / "late-clinic-validation.json"
    case = dme_rules.MigrationCase.from_dict(json.loads(path.read_text(encoding="utf-8")))
    report = dme_rules.evaluate(case, datetime.fromisoformat("2025-10-01T12:00:00-04:00"))
    save_timeline(case, report, str(folder / "late-clinic-validation.png"), lang="en")


def setup(app: object) -> None:
    app.connect("builder-inited", write_catalogue)  # type: ignore[attr-defined]
    app.connect("builder-inited", write_readings)  # type: ignore[attr-defined]
    app.connect("builder-inited", draw_example_timeline)  # type: ignore[attr-defined]
