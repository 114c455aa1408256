"""Cases for the rule tests: the SPEC §6 example, complete, and ways to change it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import attrs

from dme_rules import (
    MONTREAL,
    Complaint,
    Extraction,
    Import,
    MigrationCalendar,
    MigrationCase,
    Preanalysis,
    ReadOnlyAccess,
    RequestForm,
)

#: Fri 20 June 2025 16:45 in Montreal: Mon 23 June is the official start.
SENT = datetime.fromisoformat("2025-06-20T16:45:00-04:00")


def at(text: str) -> datetime:
    """An aware instant from ISO text with an offset."""
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None
    return value


def noon(day: date) -> datetime:
    """Noon in Montreal on ``day``."""
    return datetime.combine(day, time(12, 0), tzinfo=MONTREAL)


def days(n: int) -> timedelta:
    return timedelta(days=n)


def spec_case() -> MigrationCase:
    """The SPEC §6 example, with a complete calendar, its read-only access planned for
    the later of three months and 90 days: compliant on every rule (the example file,
    :func:`spec_example`, plans 90 days, as the SPEC wrote it)."""
    return MigrationCase(
        case_id="2025-0147",
        request_transmitted_at=SENT,
        source_solution="Omnimed",
        target_solution="MYLE",
        practitioners=4,
        standard_scope=True,
        extraction=Extraction(
            delivered_on=date(2025, 7, 10), fee=Decimal("1800.00"), confirmed_on=date(2025, 7, 11)
        ),
        import_=Import(
            completed_on=date(2025, 8, 5), fee=Decimal("6000.00"), confirmed_on=date(2025, 8, 6)
        ),
        preanalysis=Preanalysis(submitted_on=date(2025, 7, 15), validated_on=date(2025, 7, 23)),
        # Migrated 08-05: the later of + 3 months (11-05) and + 90 days (11-03).
        read_only_access=ReadOnlyAccess(until=date(2025, 11, 5), fee=Decimal("0")),
        request_form=RequestForm(
            signed=True,
            clinic_authorization=True,
            sent_to=(
                "importations@omnimed.com",
                "deploiement@medfarsolutions.com",
                "certification.homologation@msss.gouv.qc.ca",
            ),
        ),
        calendar=MigrationCalendar(
            test_extraction_on=date(2025, 7, 10),
            preanalysis_start_on=date(2025, 7, 11),
            preanalysis_end_on=date(2025, 7, 14),
            preanalysis_submitted_on=date(2025, 7, 15),
            preanalysis_validated_on=date(2025, 7, 23),
            flow_analysis_meeting_on=date(2025, 7, 16),
            quality_control_on=date(2025, 7, 21),
            validation_sessions_on=(date(2025, 7, 28), date(2025, 7, 30)),
            quality_approved_on=date(2025, 7, 31),
            source_cutover_on=date(2025, 8, 1),
            final_extraction_on=date(2025, 8, 1),
            production_on=date(2025, 8, 5),
            data_usable_on=date(2025, 8, 5),
            access_removed_on=date(2025, 11, 6),
        ),
        complaints=(Complaint(filed_at=datetime.fromisoformat("2025-08-20T10:00:00-04:00")),),
    )


def spec_example() -> MigrationCase:
    """examples/cases/spec-example.json: the SPEC §6 example as written, its access planned
    until 08-05 + 90 days = 11-03 and removed on 11-04, two days short of later-of-both."""
    return change(
        spec_case(),
        read_only_access__until=date(2025, 11, 3),
        calendar__access_removed_on=date(2025, 11, 4),
    )


def minimal_case(**changes: Any) -> MigrationCase:
    """Only the required facts (request of SENT), plus ``changes``."""
    base = MigrationCase(
        case_id="minimal",
        request_transmitted_at=SENT,
        source_solution="Omnimed",
        target_solution="MYLE",
        practitioners=4,
    )
    return attrs.evolve(base, **changes)


def change(case: MigrationCase, **changes: Any) -> MigrationCase:
    """``case`` with top-level fields or block fields changed: ``extraction__fee=...``.

    A block the case lacks is created with only the given fields.
    """
    blocks: dict[str, dict[str, Any]] = {}
    top: dict[str, Any] = {}
    for key, value in changes.items():
        if "__" in key:
            block, field = key.split("__")
            block = "import_" if block == "import" else block  # the JSON key is a keyword
            blocks.setdefault(block, {})[field] = value
        else:
            top[key] = value
    for block, fields in blocks.items():
        current = getattr(case, block)
        if current is None:
            top[block] = _BLOCKS[block](**fields)
        else:
            top[block] = attrs.evolve(current, **fields)
    return attrs.evolve(case, **top)


_BLOCKS = {
    "extraction": Extraction,
    "import_": Import,
    "preanalysis": Preanalysis,
    "read_only_access": ReadOnlyAccess,
    "request_form": RequestForm,
    "calendar": MigrationCalendar,
}


def sent_on(day: date) -> MigrationCase:
    """The SPEC example with its request sent at noon on ``day`` (other dates unchanged)."""
    return attrs.evolve(spec_case(), request_transmitted_at=noon(day))
