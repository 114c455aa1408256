"""The holidays of every declared calendar (Quebec's, France's), 2000–2050, against a reviewed
JSON snapshot.

A change to a holiday declaration shows up as a diff of ``tests/snapshots/holidays.json``.
After an intended change, rewrite the snapshot and review the diff::

    python -m tests.test_snapshots
"""

from __future__ import annotations

import json
from pathlib import Path

from dme_rules import JURISDICTIONS

SNAPSHOT = Path(__file__).parent / "snapshots" / "holidays.json"
YEARS = range(2000, 2051)
#: Every pack's calendars, Quebec's first (the snapshot's order).
CALENDARS = [*JURISDICTIONS["qc"].calendars, *JURISDICTIONS["fr"].calendars]


def render() -> str:
    """Every calendar's holidays by year, as stable, diffable JSON."""
    document = {
        calendar.id: {
            str(year): [
                f"{h.date.isoformat()} {h.name_fr} / {h.name_en}" for h in calendar.holidays(year)
            ]
            for year in YEARS
        }
        for calendar in CALENDARS
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def test_every_calendar_is_in_the_snapshot():
    declared = {calendar.id for pack in JURISDICTIONS.values() for calendar in pack.calendars}
    assert declared == {calendar.id for calendar in CALENDARS}


def test_holidays_match_the_reviewed_snapshot():
    """The declared holidays are the ones in the reviewed snapshot."""
    assert SNAPSHOT.read_text(encoding="utf-8") == render(), (
        "holidays changed: run `python -m tests.test_snapshots` and review the diff"
    )


if __name__ == "__main__":
    SNAPSHOT.write_text(render(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
