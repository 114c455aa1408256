"""The example program and notebook under examples/ run as shipped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_vendor_backend_script():
    """examples/vendor_backend.py prints the plan: 23 June, 14 July, 6 August, $6,000 cap."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "vendor_backend.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    plan = json.loads(done.stdout)
    assert ("2025-06-23", "2025-07-14", "2025-08-06", "6000") == (
        plan["official_start"],
        plan["extraction_due"],
        plan["import_due"],
        plan["import_fee_cap"],
    )


def test_vendor_backend_refuses_a_quote_above_the_cap():
    """A quote above the cap is refused with a DmeRulesError."""
    sys.path.insert(0, str(EXAMPLES))
    try:
        from vendor_backend import plan_migration
    finally:
        sys.path.remove(str(EXAMPLES))
    from datetime import datetime
    from decimal import Decimal

    from dme_rules import DmeRulesError

    with pytest.raises(DmeRulesError, match="quoted_import_fee"):
        plan_migration(
            datetime.fromisoformat("2025-06-20T16:45:00-04:00"), "Omnimed", "MYLE", 4,
            Decimal("6000.01"),
        )  # fmt: skip


@pytest.mark.parametrize("folder", [EXAMPLES, EXAMPLES.parent], ids=["examples", "root"])
def test_auditor_notebook_runs(folder):
    """examples/auditor.ipynb executes from top to bottom, from examples/ or from the
    repository's root, showing a table and a timeline."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(EXAMPLES / "auditor.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    outputs = [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any(
        "text/html" in o.get("data", {}) and "Verdict" in o["data"]["text/html"] for o in outputs
    )
    assert any("image/png" in o.get("data", {}) for o in outputs)
