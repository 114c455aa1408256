"""Deadlines as an iCalendar (RFC 5545), for a clinic's calendar application: one all-day
event per deadline, on its due date in the pack's zone, its description naming the rule and
its version, the legal basis (each passage the version cites) and the reading that counted it.

Written with the ``icalendar`` package (the ``calendar`` extra, and the ``server`` one):
``dme-rules deadlines --format ics`` and ``GET /v1/deadlines`` with ``Accept: text/calendar``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from dme_rules._version import VERSION
from dme_rules.engine.features import Deadlines
from dme_rules.engine.jurisdiction import Jurisdiction
from dme_rules.engine.readings import Reading
from dme_rules.engine.registry import reading_values

__all__ = ["MEDIA_TYPE", "deadlines_ics"]

#: The media type of an iCalendar.
MEDIA_TYPE = "text/calendar"


def deadlines_ics(pack: Jurisdiction, deadlines: Deadlines, lang: str = "fr") -> bytes:
    """The iCalendar of ``deadlines`` (counted by ``pack``), its words in ``lang``.

    Raises:
        ImportError: The ``icalendar`` package is not installed.
    """
    from icalendar import Calendar, Event

    say = pack.messages.speaker(lang, pack.zone)
    started = deadlines.started_at
    started_on = started.astimezone(pack.zone).date()
    calendar = Calendar()
    calendar.add("prodid", f"-//dme_rules//deadlines {VERSION}//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-timezone", str(getattr(pack.zone, "key", pack.zone)))
    stamp = datetime.now(UTC).replace(microsecond=0)
    for code, day, reading_id in deadlines.rows():
        rule_id = deadlines.rule_of(code)
        if rule_id is None:
            continue
        rule = pack.rules[rule_id]
        event = Event()
        event.add("uid", f"{rule_id}.{day.isoformat()}.{started.astimezone(UTC):%Y%m%dT%H%M%SZ}"
                  "@dme-rules")  # fmt: skip
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{rule.title(lang)} ({say(f'deadlines.{code}')})")
        event.add("description", "\n".join(_description(pack, rule_id, started_on, reading_id,
                                                         lang)))  # fmt: skip
        event.add("transp", "TRANSPARENT")
        event.add("categories", [pack.id])
        calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics


def _description(
    pack: Jurisdiction, rule_id: str, day: Any, reading_id: str | None, lang: str
) -> list[str]:
    """The lines of an event's description: the rule and its version in force on ``day``,
    each passage it cites, the reading."""
    say = pack.messages.speaker(lang, pack.zone)
    entry = pack.rules[rule_id].to_dict(day)
    version = next(v for v in entry["versions"] if v["version"] == entry["in_force"])
    lines = [say("ics.rule", rule=rule_id, version=version["version"])]
    for citation in version["citations"]:
        where = ", ".join(
            part for part in (citation["issuer"], citation["date"], citation["section"]) if part
        )
        lines.append(say("ics.basis", basis=f"{citation['document']} ({where})"))
    if reading_id is not None:
        found: tuple[Reading, ...] = reading_values((reading_id,))  # type: ignore[assignment]
        reading = found[0]
        summary = reading.summary_fr if lang == "fr" else reading.summary_en
        lines.append(say("ics.reading", reading=reading_id, summary=summary))
    return lines
