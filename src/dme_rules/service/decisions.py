"""The decision log: one JSON line per evaluation, never the content of what was evaluated.

With ``dme-rules serve --decision-log FILE``, each evaluation appends a line holding
everything needed to replay it but the document itself: its ``decision_id`` (the
``X-Decision-ID`` of the answer, or a batch line's ``decision_id``), the ``request_id``
(``X-Request-ID``), the ``time``, the ``path``, the ``as_of`` the report used, the ``lang``,
the ``readings`` asked and the ``readings_applied`` by the findings, the report's
``input_digest``, the ``ruleset_digest``, the ``calendar``, the overall ``status``, the
``library_version`` and the evaluation's ``duration_ms``. Replaying a line is
``evaluate(document, datetime.fromisoformat(line["as_of"]), readings=line["readings"])``
on the document whose digest is ``input_digest``. Lines from concurrent requests never
interleave.
"""

from __future__ import annotations

import os
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict

from dme_rules.engine import _speed

__all__ = ["Decision", "DecisionLog", "applied_readings", "new_id"]


class Decision(TypedDict):
    """One line of the decision log."""

    decision_id: str
    request_id: str
    time: str
    path: str
    as_of: str
    lang: str
    readings: list[str]
    readings_applied: list[str]
    input_digest: str
    ruleset_digest: str
    calendar: str
    status: str
    library_version: str
    duration_ms: float


def new_id() -> str:
    """A new id for a request or a decision (a random UUID)."""
    return str(uuid.uuid4())


def applied_readings(report_document: dict[str, Any]) -> list[str]:
    """Every reading the findings of a report (its JSON) used, in the order they first come."""
    found: dict[str, None] = {}
    for finding in report_document["findings"]:
        for reading in finding.get("readings") or ():
            found[reading] = None
    return list(found)


class DecisionLog:
    """Appends one JSON line per evaluation to a file (no content of the subject).

    Args:
        path: The file, opened for appending while the service runs.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._file = Path(path).open("a", encoding="utf-8")  # noqa: SIM115 - open while served
        self._lock = threading.Lock()

    def record(
        self,
        report_document: dict[str, Any],
        readings: list[str],
        *,
        decision_id: str | None = None,
        request_id: str = "",
        path: str = "",
        lang: str = "fr",
        duration: float = 0.0,
    ) -> str:
        """Append the decision of one report (its JSON), made with ``readings`` asked, in
        ``lang``, for the request ``request_id`` to ``path``, in ``duration`` seconds; its
        ``decision_id`` (a new one by default) is returned."""
        decision = report_document["decision"]
        line: Decision = {
            "decision_id": decision_id or new_id(),
            "request_id": request_id,
            "time": datetime.now(UTC).isoformat(),
            "path": path,
            "as_of": report_document["as_of"],
            "lang": lang,
            "readings": list(readings),
            "readings_applied": applied_readings(report_document),
            "input_digest": decision["input_digest"],
            "ruleset_digest": decision["ruleset_digest"],
            "calendar": decision["calendar"],
            "status": report_document["status"],
            "library_version": decision["library_version"],
            "duration_ms": round(duration * 1000, 3),
        }
        text = _speed.json_line(line)
        with self._lock:
            self._file.write(text)
            self._file.flush()
        return line["decision_id"]

    def close(self) -> None:
        """Close the file (an application made for a while, in a test or a script)."""
        with self._lock:
            self._file.close()
