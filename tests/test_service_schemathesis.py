"""schemathesis against the live service: every operation of its OpenAPI document, its default
checks, negative data included, bounded in examples and time.

The service is started as users start it (``dme-rules serve``, with its decision log, access log
and metrics on) and schemathesis talks HTTP to it. What JSON Schema cannot say (how two values
of one request relate) is told to schemathesis by ``tests/schemathesis_hooks.py``, each
relation named there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_service import free_port, listening, stop

pytest.importorskip(
    "schemathesis", reason="schemathesis is not installed (pip install schemathesis)"
)

ROOT = Path(__file__).resolve().parent.parent
#: Examples per operation and phase (about 2,500 requests, half a minute on two cores; a
#: longer run: DME_SCHEMATHESIS_EXAMPLES=1000), and the most the run may take (seconds).
EXAMPLES = int(os.environ.get("DME_SCHEMATHESIS_EXAMPLES", "100"))
TIMEOUT = 900


def test_schemathesis_finds_no_failure(tmp_path):
    port = free_port()
    access_log = (tmp_path / "access.jsonl").open("wb")  # a pipe nobody reads would fill up
    server = listening(
        subprocess.Popen(
            [sys.executable, "-m", "dme_rules.cli", "serve", "--port", str(port),
             "--decision-log", str(tmp_path / "decisions.jsonl"), "--access-log"],
            stdout=access_log, stderr=subprocess.PIPE,
        ),
        port,
    )  # fmt: skip
    try:
        run = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "run",
             f"http://127.0.0.1:{port}/openapi.json", "--mode", "all",
             "--max-examples", str(EXAMPLES), "--seed", "2026",
             "--request-timeout", "10", "--warnings", "off"],
            capture_output=True, text=True, timeout=TIMEOUT, cwd=tmp_path,
            env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.schemathesis_hooks",
                 "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                             os.environ.get("PYTHONPATH")]))},
        )  # fmt: skip
    finally:
        stop(server)
        access_log.close()
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    assert 0 == run.returncode, run.stdout[-6000:] + run.stderr[-2000:]
    assert "No issues found" in summary
