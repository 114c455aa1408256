"""What the OpenAPI document cannot say, told to schemathesis (loaded by
``tests/test_service_schemathesis.py`` through ``SCHEMATHESIS_HOOKS``).

JSON Schema states each value's type, format and range, not how two values of one request
relate. The service refuses a few such combinations as facts that cannot be true (422, with the
field's path), and rightly so; schemathesis, drawing each value on its own, would call those
requests "schema-valid, rejected". This module names each relation the service requires, in
its own words and independently of the library's reader, and drops the *positive* cases that
break one. Negative cases are left as drawn: they must be refused anyway. Each relation is also
tested directly over HTTP in ``tests/test_service.py`` and by the readers' own tests.

It also tells schemathesis how to send a JSON Lines body (``application/x-ndjson``), a media
type it has no serializer for.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import schemathesis
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation

from dme_rules import READINGS
from dme_rules.engine.registry import pack_of


@schemathesis.serializer("application/x-ndjson")
def json_lines(context: Any, value: Any) -> bytes:
    """A batch's body as drawn from its schema (text) sent as it is, in UTF-8."""
    return value.encode("utf-8") if isinstance(value, str) else str(value).encode("utf-8")


@schemathesis.hook
def filter_case(context: Any, case: Any) -> bool:
    """Keep every negative case, and the positive ones that break none of the relations.

    One kind of negative case is dropped: a batch body "of the wrong type". Any bytes are
    JSON Lines, and a line that is not a document is answered in its place in the stream
    (``{"line": N, "error": …}``), by design; the body's schema (text) has no wrong type to
    send."""
    meta = case.meta
    if meta is None:
        return True
    if case.operation.path == "/v1/evaluate/batch" and meta.is_negative_at(ParameterLocation.BODY):
        return False
    if meta.generation.mode is GenerationMode.NEGATIVE:
        return True
    return not (_two_readings_of_one_topic(case.query) or _impossible_facts(case.body))


def _two_readings_of_one_topic(query: Any) -> bool:
    """An evaluation chooses at most one reading per topic (two would contradict each other)."""
    asked = (query or {}).get("reading") or []
    asked = [asked] if isinstance(asked, str) else asked
    topics = {READINGS[name].topic for name in set(asked) if name in READINGS}
    return len(topics) < len({name for name in asked if name in READINGS})


def _impossible_facts(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    if body.get("subject") == "fr.dmp.record":
        return _impossible_record(body)
    if body.get("subject", "qc.migration.case") == "qc.migration.case":
        return _impossible_case(body)
    return False


def _day(text: Any) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) else None


def _before(later: Any, earlier: Any) -> bool:
    first, second = _day(later), _day(earlier)
    return first is not None and second is not None and first < second


def _impossible_record(record: dict[str, Any]) -> bool:
    """A DMP record: closed before it was authorized, purged before it was closed, an
    emergency opposition withdrawn before it was filed, a deposit's later steps dated before
    the deposit's date (in Paris), two deposits or two accesses with one id."""
    if _before(record.get("closed_on"), record.get("authorized_on")):
        return True
    if _before(record.get("purged_on"), record.get("closed_on")):
        return True
    for opposition in record.get("emergency_oppositions") or []:
        if _before(opposition.get("withdrawn_on"), opposition.get("filed_on")):
            return True
    paris = pack_of("fr").zone  # type: ignore[union-attr]
    for deposit in record.get("deposits") or []:
        if not isinstance(deposit.get("at"), str):
            continue
        deposited = datetime.fromisoformat(deposit["at"]).astimezone(paris).date().isoformat()
        steps = ("announcement_on", "holder_informed_on", "made_accessible_on")
        if any(_before(deposit.get(step), deposited) for step in steps):
            return True
    for items, key in (("deposits", "deposit_id"), ("accesses", "access_id")):
        ids = [item.get(key) for item in record.get(items) or []]
        if len(ids) != len(set(ids)):
            return True
    return False


def _impossible_case(case: dict[str, Any]) -> bool:
    """A Quebec migration case: an act dated before the request's date (in Quebec), a
    complaint followed up before it was filed, a read-only access that ends before the
    import's production date."""
    transmitted = case.get("request_transmitted_at")
    if not isinstance(transmitted, str):
        return False
    zone = pack_of("qc").zone  # type: ignore[union-attr]
    requested = datetime.fromisoformat(transmitted).astimezone(zone).date().isoformat()
    acts: list[Any] = []
    for block, names in (("extraction", ("delivered_on", "confirmed_on")),
                         ("import", ("completed_on", "confirmed_on")),
                         ("preanalysis", ("submitted_on", "validated_on"))):  # fmt: skip
        acts += [(case.get(block) or {}).get(name) for name in names]
    for value in (case.get("calendar") or {}).values():
        acts += value if isinstance(value, list) else [value]
    if any(_before(act, requested) for act in acts):
        return True
    for complaint in case.get("complaints") or []:
        filed, followed = complaint.get("filed_at"), complaint.get("followed_up_at")
        if (
            isinstance(filed, str)
            and isinstance(followed, str)
            and datetime.fromisoformat(followed) < datetime.fromisoformat(filed)
        ):
            return True
    until = (case.get("read_only_access") or {}).get("until")
    return _before(until, (case.get("import") or {}).get("completed_on"))
