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


def _run_notebook(folder, parameters=""):
    """The auditor notebook executed from ``folder``, with ``parameters`` (code) run right
    after its cell of parameters; its code cells' outputs by cell."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(EXAMPLES / "auditor.ipynb", as_version=4)
    if parameters:
        (index,) = [
            i for i, cell in enumerate(notebook.cells)
            if "parameters" in cell.metadata.get("tags", [])
        ]  # fmt: skip
        notebook.cells.insert(index + 1, nbformat.v4.new_code_cell(parameters))
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()
    return [cell.outputs for cell in notebook.cells if cell.cell_type == "code"]


def _all(outputs, kind):
    """Every output of ``kind`` (a MIME type, or ``error``) among the cells' outputs."""
    if kind == "error":
        return [o for cell in outputs for o in cell if o.get("output_type") == "error"]
    return [o["data"][kind] for cell in outputs for o in cell if kind in o.get("data", {})]


def _pictures(outputs):
    """The PNG pictures among the outputs, each opened with Pillow: (width, height)."""
    import base64
    import io

    from PIL import Image

    pngs = _all(outputs, "image/png")
    return [Image.open(io.BytesIO(base64.b64decode(png))).size for png in pngs]


@pytest.mark.parametrize("folder", [EXAMPLES, EXAMPLES.parent], ids=["examples", "root"])
def test_auditor_notebook_runs(folder):
    """examples/auditor.ipynb executes from top to bottom, from examples/ or from the
    repository's root, in French: tables, each case's report with its verdict and a
    timeline per migration case (whatever the cases say)."""
    outputs = _run_notebook(folder)
    assert [] == _all(outputs, "error")
    html = "\n".join(_all(outputs, "text/html"))
    cases = sorted((EXAMPLES / "cases").glob("*.json"))
    assert len(cases) == html.count("<strong>Verdict\u00a0:")  # a report per case, in French
    assert len(cases) == len(_pictures(outputs))  # every example is a migration case
    assert "<th" in html
    assert [] == [empty for empty in ("NaT", "None", "&lt;NA&gt;", "nan") if empty in html]


def test_auditor_notebook_on_another_folder(tmp_path):
    """Pointed at a folder of the user's own (a migration case, a DMP record, a broken file),
    the notebook runs, lists the broken file with the field to fix, reports each case and
    draws a timeline only for the case its pack draws."""
    (tmp_path / "a-case.json").write_bytes((EXAMPLES / "cases" / "spec-example.json").read_bytes())
    (tmp_path / "b-dmp.json").write_bytes((EXAMPLES / "dmp" / "deferred-data.json").read_bytes())
    (tmp_path / "c-broken.json").write_text('{"case_id": 12}', encoding="utf-8")
    outputs = _run_notebook(EXAMPLES, f"FOLDER = Path({str(tmp_path)!r})")
    assert [] == _all(outputs, "error")
    html = "\n".join(_all(outputs, "text/html"))
    assert "c-broken.json" in html  # the broken file…
    assert "$.case_id" in html  # …and its field
    assert 2 == html.count("<strong>Verdict\u00a0:")  # a-case and b-dmp
    assert 1 == len(_pictures(outputs))  # Quebec's migration case only


def test_auditor_notebook_is_stored_with_its_outputs():
    """The notebook is kept executed, so that it reads on a forge: every code cell after the
    parameters has run and shown something, none an error, with timelines among them."""
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(EXAMPLES / "auditor.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert list(range(1, len(code) + 1)) == [cell.execution_count for cell in code]
    assert [] == [i for i, cell in enumerate(code[1:], start=1) if not cell.outputs]
    outputs = [cell.outputs for cell in code]
    assert [] == _all(outputs, "error")
    assert [] != _pictures(outputs)
