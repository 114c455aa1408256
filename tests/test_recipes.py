"""The architecture page's recipe "Add a rule" holds as written.

In a copy of the repository, a rule is added exactly as the recipe says — its module, its
sources, its row in the README's table, its test module — the commands the recipe names are
run, and then the suite: it passes without any other change. (The rule is the recipe's own,
``qc.migration.preanalysis-submission``, and lives only in the copy.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
RECIPE = ROOT / "docs" / "explanation" / "architecture.md"

#: Step 1: the rule's module. The new vendor communicates its pre-analysis within ten business
#: days of the TEST extraction's delivery (a rule for the recipe only: the procedure sets no
#: such time limit).
RULE = '''"""PREANALYSIS_SUBMISSION: the new vendor submits its pre-analysis to the clinic."""

from __future__ import annotations

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Rule
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.qc.parameters import BusinessDays
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import COURT_CALENDAR, LABOUR_STANDARDS_CALENDAR
from dme_rules.jurisdictions.qc.sources import PROCEDURE, PROCEDURE_PREANALYSIS_SUBMISSION
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["PREANALYSIS_SUBMISSION", "PreanalysisSubmissionRule"]


class PreanalysisSubmissionRule(Rule[BusinessDays, MigrationCase]):
    """The pre-analysis is submitted within business days of the TEST extraction."""

    subject = MigrationCase

    def formula_2024_01(
        self, version: RuleVersion[BusinessDays], case: MigrationCase, context: Context
    ) -> Finding:
        """From 2024-01-01: due the given business days after the extraction's delivery."""
        delivered = case.extraction.delivered_on if case.extraction is not None else None
        if delivered is None or delivered > context.today:
            return self.insufficient(version, "$.extraction.delivered_on")
        due = context.calendar.add_business_days(delivered, version.parameters.business_days)
        submitted = case.preanalysis.submitted_on if case.preanalysis is not None else None
        return self.deadline(
            version, context, due=due, act_on=submitted, act_field="$.preanalysis.submitted_on"
        )


PREANALYSIS_SUBMISSION = PreanalysisSubmissionRule(
    id="qc.migration.preanalysis-submission",
    title_fr="Soumission de la préanalyse",
    title_en="Pre-analysis submission",
    obligated_party=Party.TARGET_VENDOR,
    position=120,
    versions=(
        RuleVersion(
            version="1",
            period=PROCEDURE,
            parameters=BusinessDays(business_days=10),
            citations=(PROCEDURE_PREANALYSIS_SUBMISSION,),
            readings=(COURT_CALENDAR,),
            alternatives=(LABOUR_STANDARDS_CALENDAR,),
            summary_en="The pre-analysis is submitted within 10 business days of the extraction.",
            summary_fr="La préanalyse est soumise dans les 10 jours ouvrables de l'extraction.",
        ),
    ),
)
'''

#: Step 2: the passage it rests on, quoted in the pack's sources.
SOURCE = """
PROCEDURE_PREANALYSIS_SUBMISSION = MSSS_MIGRATION_PROCEDURE_2024.cite(
    f"{_STEP_3}, Extraction des données, c)",
    "À la suite à la complétion de la préanalyse effectuée par le fournisseur receveur, ce "
    "dernier communique le résultat de son analyse préliminaire au médecin et/ou la clinique "
    "responsable de la demande de migration de données.",
)
"""

#: Step 4: its row in the README's table of Quebec's rules.
ROW = (
    "| `PREANALYSIS_SUBMISSION` | `qc.migration.preanalysis-submission` | new vendor | from "
    "2024: pre-analysis submitted within 10 business days of the extraction |\n"
)

#: Step 5: its test module. Delivered Thu 2025-07-10: 11 (1), 14 (2), 15 (3), 16 (4), 17 (5),
#: 18 (6), 21 (7), 22 (8), 23 (9), Thu 24 (10): due 2025-07-24.
TESTS = '''"""Tests for PREANALYSIS_SUBMISSION."""

from __future__ import annotations

from datetime import date

from dme_rules import PREANALYSIS_SUBMISSION, Status

from ....cases import change, minimal_case, noon, sent_on, spec_case
from ....common import CommonRuleTests

# Delivered Thu 2025-07-10 + 10 business days: 11, 14, 15, 16, 17, 18, 21, 22, 23, Thu 24.
DUE = date(2025, 7, 24)


class TestPreanalysisSubmission(CommonRuleTests):
    """The new vendor submits its pre-analysis within 10 business days of the extraction."""

    rule = PREANALYSIS_SUBMISSION
    constant = "PREANALYSIS_SUBMISSION"
    examples = {
        Status.COMPLIANT: (spec_case(), noon(DUE)),
        Status.VIOLATION: (
            change(spec_case(), preanalysis__submitted_on=date(2025, 7, 25)),
            noon(date(2025, 8, 1)),
        ),
        Status.PENDING: (change(spec_case(), preanalysis__submitted_on=None), noon(DUE)),
        Status.NOT_APPLICABLE: (sent_on(date(2023, 12, 29)), noon(DUE)),
        Status.INSUFFICIENT_DATA: (minimal_case(), noon(DUE)),
    }

    def test_both_sides_of_the_due_date(self):
        """Submitted Thu 07-24: on time; Fri 07-25: one day late."""
        on_time = change(spec_case(), preanalysis__submitted_on=DUE)
        late = change(spec_case(), preanalysis__submitted_on=date(2025, 7, 25))
        assert Status.COMPLIANT == self.finding(on_time, noon(DUE)).status
        assert 1 == self.finding(late, noon(date(2025, 8, 1))).days_late
'''


def _copy(destination: Path) -> Path:
    """The repository's files a test run reads, copied into ``destination``."""
    ignored = shutil.ignore_patterns(
        ".git", ".ci-venv", "__pycache__", ".hypothesis", "_build", "*.mo", "*.egg-info"
    )
    copy = destination / "repository"
    copy.mkdir()
    for name in ("src", "tests", "docs", "examples", "benchmarks"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignored)
    for name in ("README.md", "pyproject.toml", "CHANGELOG.md", "LICENSE"):
        shutil.copy2(ROOT / name, copy / name)
    return copy


def _commands() -> list[list[str]]:
    """The commands of the recipe's last step, as its page writes them."""
    text = RECIPE.read_text(encoding="utf-8")
    recipe = text[text.index("### Add a rule") : text.index("### Add a version")]
    block = re.search(r"```sh\n(.*?)```", recipe, re.S)
    assert block is not None, "the recipe names its commands in a sh block"
    return [line.split("#")[0].split() for line in block.group(1).splitlines() if line.strip()]


@pytest.mark.skipif(not (ROOT / "src").is_dir(), reason="needs the repository's sources")
def test_add_a_rule_as_the_recipe_says(tmp_path):
    """Steps 1 to 6 in a copy of the repository: the suite passes there."""
    copy = _copy(tmp_path)
    pack = copy / "src" / "dme_rules" / "jurisdictions" / "qc"
    (pack / "rules" / "preanalysis_submission.py").write_text(RULE, encoding="utf-8")
    with (pack / "sources.py").open("a", encoding="utf-8") as sources:
        sources.write(SOURCE)
    readme = copy / "README.md"
    text = readme.read_text(encoding="utf-8")
    last = re.findall(r"^\| `[A-Z_]+` \| `qc\.[a-z.-]+` \|.*\n", text, re.M)[-1]
    readme.write_text(text.replace(last, last + ROW), encoding="utf-8")
    tests = copy / "tests" / "jurisdictions" / "qc" / "rules" / "test_preanalysis_submission.py"
    tests.write_text(TESTS, encoding="utf-8")

    environment = dict(os.environ, PYTHONPATH=str(copy / "src"), HYPOTHESIS_PROFILE="ci")
    commands = _commands()
    assert ["python", "-m", "pytest"] == commands[-1]
    for command in commands[:-1]:
        done = subprocess.run([sys.executable, *command[1:]], cwd=copy, env=environment,
                              capture_output=True, text=True, check=False)  # fmt: skip
        assert 0 == done.returncode, (command, done.stderr[-2000:])
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
         # The documentation's builds and this very test are left out (the French of a page
         # is a step of its own), and so is Spark, for time.
         "--deselect", "tests/test_docs.py", "--deselect", "tests/test_recipes.py",
         "-k", "not spark"],
        cwd=copy, env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert 0 == done.returncode, done.stdout[-4000:]
    assert "qc.migration.preanalysis-submission" in (
        copy / "tests" / "snapshots" / "reports" / "late-clinic-validation.fr.json"
    ).read_text(encoding="utf-8")  # the snapshots were rewritten with its findings
