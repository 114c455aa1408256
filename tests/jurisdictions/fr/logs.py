"""Generated DMP access logs, and what evaluating each record one by one says of them: the
oracle of the SQL audit (``dme_rules.fr.audit_access_logs``)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

from dme_rules.jurisdictions.fr.counting import PARIS
from dme_rules.jurisdictions.fr.rules.emergency_access_notice import EMERGENCY_ACCESS_NOTICE
from dme_rules.jurisdictions.fr.rules.first_access_notice import FIRST_ACCESS_NOTICE
from dme_rules.jurisdictions.fr.subjects import Access, DmpRecord, Notification

#: Moments worth testing: around both changes of the clocks in 2024, and before the rules.
_ANCHORS = [
    datetime(2024, 3, 30, 9, 0, tzinfo=PARIS),  # the day before the spring change
    datetime(2024, 3, 31, 1, 30, tzinfo=PARIS),
    datetime(2024, 10, 26, 23, 40, tzinfo=PARIS),  # the night of the autumn change
    datetime(2024, 10, 27, 1, 30, tzinfo=UTC),
    datetime(2021, 12, 31, 23, 30, tzinfo=PARIS),  # the last minutes before the rules
    datetime(2022, 1, 1, 0, 0, tzinfo=PARIS),  # their first instant
    datetime(2023, 6, 15, 14, 0, tzinfo=PARIS),
]
_DAY = timedelta(hours=24)


def generate(records: int, seed: int = 2026) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Accesses and notifications of ``records`` records: several professionals, ordinary
    and emergency accesses, notices on time, exactly 24 hours after, a second late, missing,
    before the access, about another access, to the other recipient."""
    rng = random.Random(seed)
    accesses: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in range(records):
        record_id = f"R{r:05d}"
        anchor = rng.choice(_ANCHORS)
        for a in range(rng.randint(1, 5)):
            at = anchor + timedelta(minutes=rng.choice([0, 0, 30, 600, 1440, 5000]) * a)
            if rng.random() < 0.1:  # two accesses at one instant
                at = anchor
            access_id = f"{record_id}-a{a}"
            emergency = rng.random() < 0.3
            accesses.append({"record_id": record_id, "access_id": access_id, "at": at,
                             "professional_id": f"P{rng.randint(1, 3)}",
                             "emergency": emergency})  # fmt: skip
            abouts = ["first_access", "emergency_access"] if not emergency else ["emergency_access"]
            for recipient in ("holder", "medecin_traitant"):
                for _ in range(rng.choice([0, 1, 1, 2])):
                    delay = rng.choice([
                        timedelta(seconds=5), _DAY, _DAY + timedelta(seconds=1),
                        timedelta(hours=30), timedelta(seconds=-60), timedelta(days=40),
                    ])  # fmt: skip
                    notifications.append({
                        "record_id": record_id, "at": at + delay, "recipient": recipient,
                        "about": rng.choice([*abouts, "deferred_data"]),
                        "access_id": rng.choice([access_id, access_id, access_id, None,
                                                 f"{record_id}-a0"]),
                    })  # fmt: skip
    return accesses, notifications


def oracle(
    accesses: list[dict[str, Any]], notifications: list[dict[str, Any]], as_of: datetime,
    readings: tuple[str, ...] = (),
) -> list[tuple[Any, ...]]:  # fmt: skip
    """The rows each record's evaluation gives, one per judged access and rule:
    ``(record_id, access_id, professional_id, rule_id, status, due, holder, medecin)``."""
    by_record: dict[str, dict[str, list[Any]]] = defaultdict(lambda: {"a": [], "n": []})
    for row in accesses:
        by_record[row["record_id"]]["a"].append(row)
    for row in notifications:
        by_record[row["record_id"]]["n"].append(row)
    rows = []
    for record_id, found in sorted(by_record.items()):
        ordered = found["a"]  # as logged: the rules order ties by id themselves
        record = DmpRecord(
            record_id=record_id,
            accesses=tuple(Access(a["access_id"], a["at"], a["professional_id"], a["emergency"])
                           for a in ordered),
            notifications=tuple(Notification(n["at"], n["recipient"], n["about"], n["access_id"])
                                for n in found["n"]),
        )  # fmt: skip
        for rule in (FIRST_ACCESS_NOTICE, EMERGENCY_ACCESS_NOTICE):
            (finding,) = rule.check(record, as_of, readings=readings)
            for entry in finding.details.get("accesses") or ():
                notices = entry["notices"]
                rows.append((
                    record_id, entry["access_id"], entry["professional_id"], rule.id,
                    entry["status"], entry["due"],
                    _instant(notices.get("holder")), _instant(notices.get("medecin_traitant")),
                ))  # fmt: skip
    return sorted(rows, key=lambda row: (row[0], row[3], row[1]))


def _instant(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
