"""The lean floor of each stage of the audit, for ``bench_pipeline.py``: the least code that
does the same work for the bench's complete cases, measured beside the library's.

Nothing here is the library's way: it is what a stage would cost written straight for the
cases the bench makes (complete Quebec migration cases, requests from 2024, the default
readings, as of 2027-06-01, messages in French). ``bench_pipeline.py`` checks on its sample
that these give the library's statuses and message texts, so the floors are honest.

- decoding: msgspec or orjson where installed, else the standard library's json;
- strict structuring: a typed reader in plain code with the library's checks (keys known,
  types, visible texts, dates and instants with their offset, amounts, acts not before the
  request, a follow-up not before its complaint, an access not ending before production)
  and its derived facts (the request's Montreal date, the solutions found in a directory,
  whether they are the same, the form's recipients case-folded, each complaint's date);
- evaluation: the ten rules of a migration case, straight-line, the business-day arithmetic
  precomputed as a table;
- messages and rows: in ``lean_words.py``.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

MONTREAL = ZoneInfo("America/Montreal")
NB = "\xa0"  # French typography: a no-break space before ':' ';' '$'

# -- decoding ---------------------------------------------------------------------------------


def fastest_decoder() -> tuple[str, Any]:
    """The fastest JSON decoder installed, and its name."""
    try:
        import msgspec

        return "msgspec", msgspec.json.decode
    except ImportError:
        pass
    try:
        import orjson

        return "orjson", orjson.loads
    except ImportError:
        return "json", json.loads


# -- business days, as a table ----------------------------------------------------------------


class BusinessDays:
    """The business days of a calendar between two dates, as a sorted list and, for each
    calendar day, how many business days fall on or before it."""

    def __init__(self, is_business_day: Any, first: date, last: date) -> None:
        self.base = first.toordinal()
        self.days: list[date] = []
        self.count_to: list[int] = []
        day = first
        while day <= last:
            if is_business_day(day):
                self.days.append(day)
            self.count_to.append(len(self.days))
            day += timedelta(days=1)

    def count(self, day: date) -> int:
        """Business days on or before ``day``."""
        return self.count_to[day.toordinal() - self.base]

    def add(self, day: date, n: int) -> date:
        """The ``n``-th business day after ``day`` (``n`` ≥ 1)."""
        return self.days[self.count(day) + n - 1]

    def roll(self, day: date) -> date:
        """``day``, or the next business day when it is not one."""
        return self.days[self.count_to[day.toordinal() - self.base - 1]]

    def between(self, start: date, end: date) -> int:
        """Business days after ``start``, up to ``end``."""
        return self.count(end) - self.count(start)


# -- strict structuring -----------------------------------------------------------------------

_TOP = frozenset(
    ("case_id", "request_transmitted_at", "source_solution", "target_solution",
     "practitioners", "standard_scope", "extraction", "import", "preanalysis",
     "read_only_access", "request_form", "calendar", "complaints")
)  # fmt: skip
_BLOCKS = {
    "extraction": frozenset(("delivered_on", "fee", "confirmed_on")),
    "import": frozenset(("completed_on", "fee", "confirmed_on")),
    "preanalysis": frozenset(("submitted_on", "validated_on")),
    "read_only_access": frozenset(("until", "fee")),
}
_CALENDAR = (
    "test_extraction_on", "preanalysis_start_on", "preanalysis_end_on",
    "preanalysis_submitted_on", "preanalysis_validated_on", "flow_analysis_meeting_on",
    "quality_control_on", "validation_sessions_on", "quality_approved_on", "source_cutover_on",
    "final_extraction_on", "production_on", "data_usable_on", "access_removed_on",
)  # fmt: skip
_CALENDAR_KEYS = frozenset(_CALENDAR)


class Refused(ValueError):
    """What the lean reader refuses, with the JSON path."""


def _text(value: Any, path: str) -> str:
    if type(value) is not str or not value.strip() or not value.isprintable():
        raise Refused(path)
    return value


def _day(value: Any, path: str) -> date:
    if type(value) is not str or len(value) != 10:
        raise Refused(path)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Refused(path) from None


def _instant(value: Any, path: str) -> datetime:
    if type(value) is not str:
        raise Refused(path)
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        raise Refused(path) from None
    if found.tzinfo is None:
        raise Refused(path)
    return found


def _amount(value: Any, path: str) -> Decimal:
    if type(value) is not str:
        raise Refused(path)
    try:
        found = Decimal(value)
    except ArithmeticError:
        raise Refused(path) from None
    if not found.is_finite() or found < 0:
        raise Refused(path)
    return found


def _bool(value: Any, path: str) -> bool:
    if type(value) is not bool:
        raise Refused(path)
    return value


def lean_read(document: Any, directory: dict[str, str]) -> dict[str, Any]:
    """A case's facts from its decoded JSON, checked as the library checks them, with the
    facts the rules derive from them; :class:`Refused` naming the path otherwise."""
    if type(document) is not dict or not document.keys() <= _TOP:
        raise Refused("$")
    case: dict[str, Any] = {
        "case_id": _text(document["case_id"], "$.case_id"),
        "at": _instant(document["request_transmitted_at"], "$.request_transmitted_at"),
        "source": _text(document["source_solution"], "$.source_solution"),
        "target": _text(document["target_solution"], "$.target_solution"),
    }
    practitioners = document["practitioners"]
    if type(practitioners) is not int or practitioners < 1:
        raise Refused("$.practitioners")
    case["practitioners"] = practitioners
    scope = document.get("standard_scope")
    case["standard_scope"] = None if scope is None else _bool(scope, "$.standard_scope")
    requested = case["requested_on"] = case["at"].astimezone(MONTREAL).date()
    for name, fields in _BLOCKS.items():
        given = document.get(name)
        if given is None:
            case[name] = None
            continue
        if type(given) is not dict or not given.keys() <= fields:
            raise Refused(f"$.{name}")
        block = {}
        for field in fields:
            value = given.get(field)
            if value is None:
                block[field] = None
            elif field == "fee":
                block[field] = _amount(value, f"$.{name}.{field}")
            else:
                block[field] = day = _day(value, f"$.{name}.{field}")
                if day < requested and name != "read_only_access":
                    raise Refused(f"$.{name}.{field}")
        case[name] = block
    form = document.get("request_form")
    if type(form) is not dict:
        raise Refused("$.request_form")
    sent = form.get("sent_to")
    case["form"] = {
        "signed": _bool(form["signed"], "$.request_form.signed"),
        "clinic_authorization": _bool(form["clinic_authorization"],
                                      "$.request_form.clinic_authorization"),
        "recipients": frozenset(_text(a, "$.request_form.sent_to").strip().casefold()
                                for a in sent),
    }  # fmt: skip
    calendar = document.get("calendar")
    if type(calendar) is not dict or not calendar.keys() <= _CALENDAR_KEYS:
        raise Refused("$.calendar")
    planned = {}
    for item in _CALENDAR:
        value = calendar.get(item)
        if item == "validation_sessions_on":
            sessions = planned[item] = tuple(_day(v, f"$.calendar.{item}") for v in value or ())
            if any(v < requested for v in sessions):
                raise Refused(f"$.calendar.{item}")
        elif value is None:
            planned[item] = None
        else:
            planned[item] = day = _day(value, f"$.calendar.{item}")
            if day < requested:
                raise Refused(f"$.calendar.{item}")
    case["calendar"] = planned
    complaints = []
    for index, given in enumerate(document.get("complaints") or ()):
        filed = _instant(given["filed_at"], f"$.complaints[{index}].filed_at")
        followed = given.get("followed_up_at")
        if followed is not None:
            followed = _instant(followed, f"$.complaints[{index}].followed_up_at")
            if followed < filed:
                raise Refused(f"$.complaints[{index}].followed_up_at")
        complaints.append((filed, followed))
    case["complaints"] = complaints
    imported, access = case["import"], case["read_only_access"]
    if imported and access and access["until"] and access["until"] < imported["completed_on"]:
        raise Refused("$.read_only_access.until")
    case["source_address"] = directory.get(case["source"].casefold())
    case["target_address"] = directory.get(case["target"].casefold())
    case["same_solution"] = case["source"].casefold() == case["target"].casefold()
    return case


# -- the ten rules ----------------------------------------------------------------------------

VIOLATION, COMPLIANT, NOT_APPLICABLE = "violation", "compliant", "not_applicable"
BCH_ADDRESS = "certification.homologation@msss.gouv.qc.ca"


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


class LeanRules:
    """The ten rules of a complete migration case under the default readings (procedure
    2024: the period starts the business day after the request and ends on a business day;
    the clinic's late validation moves the import's due date; confirmations by each
    operation's deadline; 72 business hours of 24 for the BCH; access for the later of three
    months and 90 days). Each gives ``(rule, status, facts)``, the facts holding what the
    library's finding holds (due instant, days and business days late)."""

    def __init__(self, business: BusinessDays, today: date) -> None:
        self.b = business
        self.today = today

    def period_end(self, requested: date, days: int) -> date:
        day_one = self.b.add(requested, 1)
        return self.b.roll(day_one + timedelta(days=days - 1))

    def evaluate(self, case: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
        b = self.b
        form = case["form"]
        started = form["signed"] and form["clinic_authorization"]
        standard = case["standard_scope"] is not False
        requested = case["requested_on"]
        extraction, imported = case["extraction"], case["import"]
        pre, access, calendar = case["preanalysis"], case["read_only_access"], case["calendar"]
        found = []

        # preanalysis-validation: validated within 7 business days of the submission.
        validation_due = b.add(pre["submitted_on"], 7)
        validated = pre["validated_on"]
        late_validation = validated > validation_due
        preanalysis = (VIOLATION if late_validation else COMPLIANT,
                       {"due": validation_due, "act": validated})  # fmt: skip

        # extraction-deadline and import-deadline: 21 and 45 days.
        extraction_due = import_due = statutory = None
        delay = None
        if started:
            extraction_due = self.period_end(requested, 21)
            import_due = statutory = self.period_end(requested, 45)
            if standard and late_validation:
                delay = b.between(validation_due, validated)
                import_due = b.add(statutory, delay) if delay else statutory
        for rule, due, act in (
            ("extraction-deadline", extraction_due, extraction["delivered_on"]),
            ("import-deadline", import_due, imported["completed_on"]),
        ):
            facts: dict[str, Any] = {"due": due, "act": act}
            if due is None:
                status, facts["reason"] = NOT_APPLICABLE, "process_not_started"
            elif not standard:
                status, facts["reason"] = NOT_APPLICABLE, "non_standard_scope"
            else:
                status = VIOLATION if act > due else COMPLIANT
                if rule == "import-deadline" and delay is not None:
                    facts["delay"] = (delay, validation_due, statutory)
            found.append((rule, status, facts))
        binding = started and standard
        extraction_bound = extraction_due if binding else None
        import_bound = import_due if binding else None

        # the fee caps.
        cap = 500 * case["practitioners"]
        fee = extraction["fee"]
        found.insert(1, ("extraction-fee-cap", COMPLIANT if fee <= cap else VIOLATION,
                         {"amount": fee, "cap": cap}))  # fmt: skip
        cap = (500 if case["same_solution"] else 1500) * case["practitioners"]
        fee = imported["fee"]
        found.append(("import-fee-cap", COMPLIANT if fee <= cap else VIOLATION,
                      {"amount": fee, "cap": cap}))  # fmt: skip

        # success-confirmation: each operation confirmed by its deadline.
        operations = []
        for completed, confirmed, due in (
            (extraction["delivered_on"], extraction["confirmed_on"], extraction_bound),
            (imported["completed_on"], imported["confirmed_on"], import_bound),
        ):
            earliest = max(due, completed) if due is not None else completed
            operations.append((confirmed > earliest, earliest, confirmed))
        # The worst: a violation, then the most days late, then the nearest due date.
        worst = min(operations, key=lambda o: (not o[0], -(o[2] - o[1]).days * o[0], o[1]))
        at_fault = "+".join(
            party
            for party, operation in zip(("source_vendor", "target_vendor"), operations, strict=True)
            if operation[0]
        )
        found.append(("success-confirmation", VIOLATION if worst[0] else COMPLIANT,
                      {"due": worst[1], "act": worst[2], "operations": operations,
                       "party": at_fault or "source_vendor+target_vendor"}))  # fmt: skip

        # read-only-access: the later of three months and 90 days after production.
        migrated = imported["completed_on"]
        required = max(migrated + timedelta(days=90), _add_months(migrated, 3))
        until = access["until"]
        access_facts = {"due": required, "act": until}
        if until < required:
            access_facts["reason"] = "access_ended_early"
        found.append(("read-only-access", VIOLATION if until < required else COMPLIANT,
                      access_facts))  # fmt: skip

        # request-form: signed, authorized, sent to both vendors and the BCH.
        required_to = {case["source_address"], case["target_address"], BCH_ADDRESS}
        faults = []
        if not form["signed"]:
            faults.append("not_signed")
        if not form["clinic_authorization"]:
            faults.append("no_clinic_authorization")
        if not form["recipients"] >= required_to:
            faults.append("recipients_missing")
        found.append(("request-form", VIOLATION if faults else COMPLIANT, {"faults": faults}))
        found.append(("preanalysis-validation", *preanalysis))

        # calendar-content: in order, within the deadlines, access removed after it ends.
        problems = []
        for first, then in (
            ("test_extraction_on", "preanalysis_start_on"),
            ("preanalysis_start_on", "preanalysis_end_on"),
            ("preanalysis_end_on", "preanalysis_submitted_on"),
            ("preanalysis_submitted_on", "preanalysis_validated_on"),
            ("source_cutover_on", "final_extraction_on"),
            ("final_extraction_on", "production_on"),
            ("production_on", "data_usable_on"),
            ("quality_approved_on", "production_on"),
        ):
            if calendar[first] > calendar[then]:
                problems.append(("order", first, then))
        for item, due in (("test_extraction_on", extraction_bound),
                          ("production_on", import_bound)):  # fmt: skip
            if due is not None and calendar[item] > due:
                problems.append(("late", item, calendar[item], due))
        if calendar["access_removed_on"] <= required:
            problems.append(("access", calendar["access_removed_on"], required))
        found.append(("calendar-content", VIOLATION if problems else COMPLIANT,
                      {"problems": problems}))  # fmt: skip

        # complaint-follow-up: 72 business hours on a clock of 24-hour business days.
        for number, (filed, followed) in enumerate(case["complaints"], start=1):
            start = self.position(filed)
            due_at = start + 72 * 60
            late = self.position(followed) - due_at
            found.append(("complaint-follow-up", VIOLATION if late > 0 else COMPLIANT,
                          {"number": number, "due_at": due_at, "act": followed,
                           "late": late}))  # fmt: skip

        # What a finding holds beside its status (as the library's findings hold it): the
        # due instant of a clock in business time; the days and business days late.
        for _, _, facts in found:
            if "due_at" in facts:
                facts["due_instant"] = self.instant_at(facts["due_at"])
            elif facts.get("due") is not None:
                due, act = facts["due"], facts["act"]
                if act > due:
                    facts["days_late"] = (act - due).days
                    facts["business_late"] = b.between(due, act)
        return found

    def position(self, instant: datetime) -> int:
        """Business minutes from the table's start to ``instant`` (Montreal time)."""
        local = instant.astimezone(MONTREAL)
        day = local.date()
        count = self.b.count(day)
        if self.b.days[count - 1] != day:  # a day off: the clock waits for the next one
            return count * 1440
        return (count - 1) * 1440 + local.hour * 60 + local.minute

    def instant_at(self, position: int) -> datetime:
        """The Montreal instant at business minute ``position``."""
        index, minutes = divmod(position, 1440)
        # A position at a day's boundary is the end (24:00) of the business day before it.
        day = self.b.days[index - 1] + timedelta(days=1) if minutes == 0 else self.b.days[index]
        local = datetime(day.year, day.month, day.day, tzinfo=MONTREAL)
        return local + timedelta(minutes=minutes)
