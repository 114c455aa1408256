"""What a vendor's back-end calls when a migration request arrives.

Run it: ``python examples/vendor_backend.py`` (prints the plan of the SPEC's example request).
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from dme_rules import (
    EXTRACTION_DEADLINE,
    EXTRACTION_FEE_CAP,
    IMPORT_DEADLINE,
    IMPORT_FEE_CAP,
    DmeRulesError,
    date_of,
    find_solution,
    official_start,
    same_solution,
)


def plan_migration(
    transmitted_at: datetime,
    source_solution: str,
    target_solution: str,
    practitioners: int,
    quoted_import_fee: Decimal,
) -> dict[str, object]:
    """The dates and the price check a back-end shows when it receives a request.

    Refuses (with a DmeRulesError naming the field) a quote above the import cap.
    """
    same = same_solution(source_solution, target_solution)
    cap = IMPORT_FEE_CAP.cap(practitioners, same, requested_on=date_of(transmitted_at))
    if quoted_import_fee > cap:
        raise DmeRulesError(
            f"quoted_import_fee: {quoted_import_fee} is above the cap of {cap} "
            f"({practitioners} x {'500' if same else '1,500'} $)"
        )
    return {
        "official_start": official_start(transmitted_at).isoformat(),
        "extraction_due": EXTRACTION_DEADLINE.due(transmitted_at).isoformat(),
        "import_due": IMPORT_DEADLINE.due(transmitted_at).isoformat(),
        "extraction_fee_cap": str(EXTRACTION_FEE_CAP.cap(practitioners)),
        "import_fee_cap": str(cap),
        "quoted_import_fee": str(quoted_import_fee),
        "source_known": find_solution(source_solution) is not None,
    }


if __name__ == "__main__":
    plan = plan_migration(
        datetime.fromisoformat("2025-06-20T16:45:00-04:00"), "Omnimed", "MYLE", 4, Decimal("5800")
    )
    print(json.dumps(plan, indent=2))
