"""Sphinx configuration: MyST Markdown, autodoc, doctests, and pages generated at build time.

The rule catalogue (``reference/rules/*.md``) is written from the jurisdictions' registries
(``dme_rules.JURISDICTIONS``) and the example timeline (``_static/generated/``) drawn from an
example case every time the docs are built, so neither can drift from the code.
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
        "| version | in force | parameters | reading (alternatives) | dated methods |",
        "|---|---|---|---|---|",
    ]
    for version in rule.versions:
        until = version.effective_to.isoformat() if version.effective_to else "…"
        parameters = ", ".join(
            f"{key} = {value}"
            for key, value in attrs.asdict(version.parameters, recurse=False).items()
            if not key.startswith("_") and value is not None
        )
        readings = ""
        if version.reading is not None:
            readings = f"`{version.reading.id}`"
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
    app.connect("builder-inited", draw_example_timeline)  # type: ignore[attr-defined]
