"""Generated DMP tables (every block of a record, each row with its ``record_id``), and what
evaluating each record one by one says of them: the oracle of ``audit_dmp_logs``.

The generator places events on the boundaries of the six rules: oppositions with and without a
motive before, on and after the day of the authorization; deposits by covered and uncovered
professionals, on the day of an opposition and after it; deposits whose two weeks or month end
on a weekend, a holiday or a month's last day (31 January), their acts on the last day, the day
after, announcement consultations on the last day; closures on 29 February (ten years on: 28
February, a Saturday in 2026) and purges the day before, on and after the anniversary;
emergency oppositions withdrawn before, on and after an emergency access's day; accesses and
notices as the notice audit's own generator makes them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from dme_rules import evaluate
from dme_rules.jurisdictions.fr.counting import PARIS, date_of
from dme_rules.jurisdictions.fr.dmp_logs import DMP_TABLES, RULE_TABLES, rules_not_run
from dme_rules.jurisdictions.fr.rules import RULES
from dme_rules.jurisdictions.fr.subjects import (
    Access,
    Deposit,
    DmpRecord,
    EmergencyOpposition,
    Notification,
    Opposition,
)

#: Deposit and access days worth testing: a month's last day (31 January, in a leap year and
#: not), a deposit whose two weeks end on a holiday (8 May 2024, then Ascension), on a Saturday,
#: the days of the clocks' changes, the last days before the rules, a deposit whose two weeks
#: end on Good Friday 2024 (a holiday in Alsace-Moselle only).
DAYS = [
    date(2024, 1, 31), date(2023, 1, 31), date(2024, 4, 24), date(2024, 4, 27),
    date(2024, 5, 2), date(2024, 3, 30), date(2024, 10, 26), date(2021, 12, 20),
    date(2021, 12, 31), date(2022, 1, 1), date(2024, 3, 15),
]  # fmt: skip
#: Closures: 29 February (ten years on, 28 February: a Thursday in 2030, a Sunday in 2038),
#: the last day before the retention rule (2016-07-01) and its first day, a day whose
#: anniversary is a Saturday (2032-05-08).
CLOSURES = [date(2020, 2, 29), date(2028, 2, 29), date(2016, 6, 30), date(2016, 7, 1),
            date(2015, 5, 8), date(2022, 5, 8), date(2024, 2, 29)]  # fmt: skip
#: Local times of day: around midnight in Paris, noon.
TIMES = [time(0, 0), time(0, 30), time(12, 0), time(23, 30), time(23, 59, 59, 999999)]
PROFESSIONALS = ["P1", "P2", "P3"]
_DAY = timedelta(days=1)


def _at(day: date, rng: random.Random) -> datetime:
    local = datetime.combine(day, rng.choice(TIMES), PARIS)
    return local.astimezone(UTC) if rng.random() < 0.5 else local


def _maybe(rng: random.Random, *days: date | None) -> date | None:
    return rng.choice(days)


def generate(records: int, seed: int = 2026) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for ``records`` records."""
    rng = random.Random(seed)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in DMP_TABLES}
    for r in range(records):
        record_id = f"R{r:04d}"
        base = rng.choice(DAYS)
        # The record: its authorization, closure and purge.
        authorized = _maybe(rng, None, base - 5 * _DAY, base, base - 400 * _DAY, date(2010, 1, 1))
        closed = purged = None
        if rng.random() < 0.6:
            closed = rng.choice(CLOSURES)
            if authorized is not None and authorized > closed:
                authorized = closed - 30 * _DAY
            anniversary = closed.replace(year=closed.year + 10, day=min(closed.day, 28))
            near = [anniversary + days * _DAY for days in (-1, 0, 1, 2, 3)]
            purged = _maybe(rng, None, closed + 3 * _DAY, *near)
        elif rng.random() < 0.1:  # a purge without a closure
            purged = base + 40 * _DAY
        if rng.random() < 0.9:
            rows["records"].append({"record_id": record_id, "authorized_on": authorized,
                                    "closed_on": closed, "purged_on": purged})  # fmt: skip
        # Oppositions to deposits, around the authorization and the deposits.
        around = authorized or base
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            rows["oppositions"].append({
                "record_id": record_id,
                "filed_on": around + rng.choice([-3, -1, 0, 0, 1, 2]) * _DAY,
                "legitimate_motive": rng.random() < 0.5,
                "professional_id": rng.choice([None, "P1", "P2"]),
            })  # fmt: skip
        # Deposits, some made inaccessible, with their acts around their clocks' ends.
        deposits = []
        for d in range(rng.choice([0, 1, 2, 3])):
            day = base + rng.choice([-2, 0, 0, 1, 3]) * _DAY
            at = _at(day, rng)
            local = date_of(at)
            inform_end = local + 14 * _DAY
            open_end = _month_after(local)
            deposit = {
                "record_id": record_id, "deposit_id": f"{record_id}-d{d}", "at": at,
                "professional_id": rng.choice(PROFESSIONALS),
                "inaccessible": rng.random() < 0.6,
                "announcement_on": _maybe(rng, None, None, None, inform_end, open_end,
                                          local + 3 * _DAY),
                "holder_informed_on": _maybe(rng, None, None, inform_end, inform_end + _DAY,
                                             inform_end + 3 * _DAY, local),
                "made_accessible_on": _maybe(rng, None, open_end, open_end + _DAY,
                                             open_end + 2 * _DAY),
            }  # fmt: skip
            deposits.append(deposit)
            rows["deposits"].append(deposit)
        # Accesses, some in an emergency, and their notices.
        accesses = []
        for a in range(rng.choice([0, 1, 2, 3])):
            day = base + rng.choice([-1, 0, 0, 1, 2, 40]) * _DAY
            at = _at(day, rng)
            if accesses and rng.random() < 0.1:  # two accesses at one instant
                at = accesses[0]["at"]
            access = {"record_id": record_id, "access_id": f"{record_id}-a{a}", "at": at,
                      "professional_id": rng.choice(PROFESSIONALS),
                      "emergency": rng.random() < 0.4}  # fmt: skip
            accesses.append(access)
            rows["accesses"].append(access)
        for access in accesses:
            abouts = ["emergency_access"] if access["emergency"] else ["first_access"]
            for recipient in ("holder", "medecin_traitant"):
                for _ in range(rng.choice([0, 1, 1, 2])):
                    delay = rng.choice([timedelta(seconds=5), timedelta(hours=24),
                                        timedelta(hours=24, microseconds=1), timedelta(hours=30),
                                        timedelta(seconds=-60), timedelta(days=40)])  # fmt: skip
                    rows["notifications"].append({
                        "record_id": record_id, "at": access["at"] + delay,
                        "recipient": recipient, "about": rng.choice([*abouts, "emergency_access"]),
                        "access_id": rng.choice([access["access_id"], access["access_id"], None]),
                        "deposit_id": None,
                    })  # fmt: skip
        for deposit in deposits:
            for _ in range(rng.choice([0, 1, 1, 2])):
                rows["notifications"].append({
                    "record_id": record_id,
                    "at": deposit["at"] + rng.choice([-_DAY, timedelta(0), 13 * _DAY,
                                                      14 * _DAY, 16 * _DAY]),
                    "recipient": rng.choice(["holder", "holder", "medecin_traitant"]),
                    "about": rng.choice(["deferred_data", "deferred_data", "first_access"]),
                    "access_id": None,
                    "deposit_id": rng.choice([deposit["deposit_id"], None]),
                })  # fmt: skip
        # Oppositions to emergency access, withdrawn around the emergency accesses' days.
        emergency_days = [date_of(a["at"]) for a in accesses if a["emergency"]] or [base]
        for _ in range(rng.choice([0, 1, 1, 2])):
            day = rng.choice(emergency_days)
            filed = day + rng.choice([-3, -1, 0, 1]) * _DAY
            withdrawn = _maybe(rng, None, None, day - _DAY, day, day + _DAY)
            if withdrawn is not None and withdrawn < filed:
                withdrawn = filed
            rows["emergency_oppositions"].append({"record_id": record_id, "filed_on": filed,
                                                  "withdrawn_on": withdrawn})  # fmt: skip
    return rows


def _month_after(day: date) -> date:
    month = day.month % 12 + 1
    year = day.year + day.month // 12
    for number in (day.day, 30, 29, 28):
        try:
            return date(year, month, number)
        except ValueError:
            continue
    raise AssertionError(day)  # pragma: no cover


def records_of(rows: dict[str, list[dict[str, Any]]]) -> list[DmpRecord]:
    """Each record the tables hold (its id in any of them), its blocks from their rows
    (oppositions in the order of their filing dates: the table has no order of its own)."""
    found: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for name, table in rows.items():
        for row in table:
            found[row["record_id"]][name].append(row)
    records = []
    for record_id in sorted(found):
        blocks = found[record_id]
        head = blocks["records"][0] if blocks["records"] else {}

        def block(name: str, make: Any, blocks: Any = blocks) -> tuple[Any, ...] | None:
            return tuple(make(row) for row in blocks[name]) if name in rows else None

        records.append(DmpRecord(
            record_id=record_id,
            authorized_on=head.get("authorized_on"),
            closed_on=head.get("closed_on"),
            purged_on=head.get("purged_on"),
            oppositions=block("oppositions", lambda o: Opposition(
                o["filed_on"], o["legitimate_motive"], o["professional_id"])),
            emergency_oppositions=block("emergency_oppositions", lambda o: EmergencyOpposition(
                o["filed_on"], o["withdrawn_on"])),
            deposits=block("deposits", lambda d: Deposit(
                d["deposit_id"], d["at"], d["professional_id"], d["inaccessible"],
                d["announcement_on"], d["holder_informed_on"], d["made_accessible_on"])),
            accesses=block("accesses", lambda a: Access(
                a["access_id"], a["at"], a["professional_id"], a["emergency"])),
            notifications=block("notifications", lambda n: Notification(
                n["at"], n["recipient"], n["about"], n["access_id"], n.get("deposit_id"))),
        ))  # fmt: skip
        if "oppositions" in rows:
            ordered = sorted(records[-1].oppositions or (), key=lambda o: o.filed_on)
            records[-1] = _with(records[-1], oppositions=tuple(ordered))
        if "emergency_oppositions" in rows:
            ordered_e = sorted(records[-1].emergency_oppositions or (), key=lambda o: o.filed_on)
            records[-1] = _with(records[-1], emergency_oppositions=tuple(ordered_e))
    return records


def _with(record: DmpRecord, **changes: Any) -> DmpRecord:
    import attrs

    return attrs.evolve(record, **changes)


def oracle(
    rows: dict[str, list[dict[str, Any]]],
    as_of: datetime,
    readings: tuple[str, ...] = (),
    calendar: Any = None,
) -> list[tuple[Any, ...]]:
    """The rows that evaluating each record gives, in the order of ``DMP_COLUMNS``: one per
    item a finding lists, one per finding that lists none, rule by rule, then by record and
    subject."""
    skipped = rules_not_run(rows)
    found = []
    for record in records_of(rows):
        report = evaluate(record, as_of, readings=readings, calendar=calendar)
        for finding in report.findings:
            if finding.rule_id in skipped:
                continue
            found += _rows(record, finding)
    position = {rule.id: rule.position for rule in RULES.values()}
    return sorted(found, key=lambda row: (position[row[1]], row[0], row[3]))


def _instant(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _rows(record: DmpRecord, finding: Any) -> list[tuple[Any, ...]]:
    rule_id, details = finding.rule_id, finding.details
    head = (record.record_id, rule_id, finding.rule_version)
    readings = ";".join(finding.readings)
    entries = details.get("accesses") or details.get("deposits") or []
    if not entries:
        due = finding.due if not isinstance(finding.due, datetime) else None
        return [(*head, record.record_id, None, finding.status.value, due, None,
                 finding.act_on, None, finding.reason, details.get("missing"), readings,
                 None, None, None, None, None, None, None)]  # fmt: skip
    found = []
    deposits = {d.deposit_id: d for d in record.deposits or ()}
    for entry in entries:
        if rule_id.endswith("access-notice"):
            notices = entry["notices"]
            holder = _instant(notices.get("holder"))
            doctor = _instant(notices.get("medecin_traitant"))
            if "medecin_traitant" in notices:
                act = max(holder, doctor) if holder and doctor else None
            else:
                act = holder
            due_at = entry["due"]
            due = date_of(due_at) if due_at is not None else None
            found.append((*head, entry["access_id"], entry["professional_id"], entry["status"],
                          due, due_at, None, act, None, None, readings, holder, doctor,
                          None, None, None, None, None))  # fmt: skip
        elif rule_id == "fr.dmp.deferred-data":
            late = [entry[f"{c}_by"] for c in ("inform", "open") if entry[c] != "compliant"]
            deposit = deposits[entry["deposit_id"]]
            found.append((*head, entry["deposit_id"], deposit.professional_id, entry["status"],
                          min(late, default=None), None, entry["informed_on"],
                          entry["notified_at"], None, None, readings, None, None,
                          entry["inform_by"], entry["inform"], entry["open_by"], entry["open"],
                          None))  # fmt: skip
        elif rule_id == "fr.dmp.feeding-opposition":
            deposit = deposits[entry["deposit_id"]]
            found.append((*head, entry["deposit_id"], entry["professional_id"], "violation",
                          None, None, entry["deposited_on"], deposit.at, None, None, readings,
                          None, None, None, None, None, None,
                          entry["opposition_filed_on"]))  # fmt: skip
        else:  # emergency access during an opposition
            found.append((*head, entry["access_id"], entry["professional_id"], "violation",
                          None, None, date_of(entry["at"]), entry["at"], None, None, readings,
                          None, None, None, None, None, None,
                          entry["opposition_filed_on"]))  # fmt: skip
    return found


def arrow_tables(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The rows as Arrow tables, typed as a host's Parquet files would be."""
    import pyarrow as pa

    from dme_rules.jurisdictions.fr.dmp_logs._tables import _SPECS

    types = {"text": pa.string(), "code": pa.string(), "bool": pa.bool_(),
             "date": pa.date32(), "instant": pa.timestamp("us", tz="UTC")}  # fmt: skip
    return {
        name: pa.table(
            {
                column.name: pa.array([row[column.name] for row in table], types[column.kind])
                for column in _SPECS[name]
            }
        )
        for name, table in rows.items()
    }


__all__ = ["RULE_TABLES", "arrow_tables", "generate", "oracle", "records_of"]
