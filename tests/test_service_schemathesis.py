"""schemathesis against the live service: every operation of its OpenAPI document, its default
checks, negative data included, bounded in examples and time.

The service is started as users start it (``dme-rules serve``, with its decision log, access log
and metrics on) and schemathesis talks HTTP to it. What JSON Schema cannot say (how two values
of one request relate) is told to schemathesis by ``tests/schemathesis_hooks.py``, each
relation named there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.test_service import EXAMPLES as EXAMPLE_FILES
from tests.test_service import Server, free_port, listening, stop

# The running service of tests/test_service.py, a fixture shared by this module's tests.
from tests.test_service import server as server

ROOT = Path(__file__).resolve().parent.parent
#: Examples per operation and phase (about 2,500 requests, half a minute on two cores; a
#: longer run: DME_SCHEMATHESIS_EXAMPLES=1000), and the most the run may take (seconds).
EXAMPLES = int(os.environ.get("DME_SCHEMATHESIS_EXAMPLES", "100"))
TIMEOUT = 900


def test_schemathesis_finds_no_failure(tmp_path):
    """schemathesis, run against the live service, reports no failure."""
    pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install "
                        "schemathesis)")  # fmt: skip
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


def _changed(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``document`` (a copy) with ``value`` at a dotted ``path`` (list items by index)."""
    copy = json.loads(json.dumps(document))
    *parents, last = path.split(".")
    node = copy
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
    node[last] = value
    return copy


CASE = json.loads((EXAMPLE_FILES / "cases" / "spec-example.json").read_text("utf-8"))
RECORD = json.loads(
    (EXAMPLE_FILES / "dmp" / "emergency-access-despite-opposition.json").read_text("utf-8")
)
DEPOSITS = json.loads((EXAMPLE_FILES / "dmp" / "deferred-data-notified.json").read_text("utf-8"))


@pytest.mark.parametrize(
    ("document", "path"),
    [
        # The request of 2025-06-20 (Montreal): an act dated 2025-06-19 is before it.
        (_changed(CASE, "extraction.delivered_on", "2025-06-19"), "$.extraction.delivered_on"),
        (_changed(CASE, "complaints", [{"filed_at": "2025-08-20T10:00:00-04:00",
                                        "followed_up_at": "2025-08-20T09:59:00-04:00"}]),
         "$.complaints[0].followed_up_at"),
        # The import completed 2025-08-05; the read-only access cannot end on 08-04.
        (_changed(CASE, "read_only_access.until", "2025-08-04"), "$.read_only_access.until"),
        (_changed(RECORD, "closed_on", "2022-04-03"), "$.closed_on"),
        (_changed(_changed(RECORD, "closed_on", "2024-12-31"), "purged_on", "2024-12-30"),
         "$.purged_on"),
        (_changed(RECORD, "emergency_oppositions.0.withdrawn_on", "2024-02-11"),
         "$.emergency_oppositions[0].withdrawn_on"),
        # Deposited 2024-05-02 at 10:00 in Paris: made accessible 2024-05-01 is before it.
        (_changed(DEPOSITS, "deposits.0.made_accessible_on", "2024-05-01"),
         "$.deposits[0].made_accessible_on"),
        (_changed(RECORD, "accesses.1.access_id", "urg-3"), "$.accesses[1].access_id"),
    ],
)  # fmt: skip
def test_what_the_schema_cannot_say_is_refused_by_the_service(server: Server, document, path):
    """Each relation the hooks name: the document is valid for its JSON Schema, and the
    service refuses it (422) naming the field."""
    jsonschema = pytest.importorskip("jsonschema")
    name = "dmp-record" if document.get("subject") == "fr.dmp.record" else "case"
    _, _, schema = server.json("GET", f"/v1/schemas/{name}")
    assert [] == [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(
        document)]  # fmt: skip
    status, _, problem = server.json("POST", "/v1/evaluate?as_of=2025-12-01", document)
    assert (422, path) == (status, problem["errors"][0]["path"])


def test_two_readings_of_one_topic_are_refused_by_the_service(server: Server):
    """Each reading id is in the parameter's enum, yet two of one topic contradict each other:
    422 naming the parameter."""
    body = json.dumps(RECORD)
    readings = "reading=opposition-needs-motive&reading=opposition-before-authorization-binds"
    status, _, problem = server.json("POST", f"/v1/evaluate?{readings}", body.encode())
    assert (422, "reading") == (status, problem["errors"][0]["path"])
