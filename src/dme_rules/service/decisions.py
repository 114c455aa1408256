"""The decision log: one JSON line per evaluation, never the content of what was evaluated.

With ``dme-rules serve --decision-log FILE``, each evaluation appends a line: a decision id,
the time, the report's ``input_digest``, the ruleset's digest, the calendar, the readings, the
overall status and the library version. Lines from concurrent requests never interleave.
"""

from __future__ import annotations

import os
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict

from dme_rules.engine import _speed

__all__ = ["Decision", "DecisionLog"]


class Decision(TypedDict):
    """One line of the decision log."""

    decision_id: str
    time: str
    input_digest: str
    ruleset_digest: str
    calendar: str
    readings: list[str]
    status: str
    library_version: str


class DecisionLog:
    """Appends one JSON line per evaluation to a file (no content of the subject).

    Args:
        path: The file, opened for appending while the service runs.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._file = Path(path).open("a", encoding="utf-8")  # noqa: SIM115 - open while served
        self._lock = threading.Lock()

    def record(self, report_document: dict[str, Any], readings: list[str]) -> None:
        """Append the decision of one report (its JSON), made with ``readings``."""
        decision = report_document["decision"]
        line: Decision = {
            "decision_id": str(uuid.uuid4()),
            "time": datetime.now(UTC).isoformat(),
            "input_digest": decision["input_digest"],
            "ruleset_digest": decision["ruleset_digest"],
            "calendar": decision["calendar"],
            "readings": readings,
            "status": report_document["status"],
            "library_version": decision["library_version"],
        }
        text = _speed.json_line(line)
        with self._lock:
            self._file.write(text)
            self._file.flush()

    def close(self) -> None:
        """Close the file (an application made for a while, in a test or a script)."""
        with self._lock:
            self._file.close()
