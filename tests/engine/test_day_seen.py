"""An evaluation at 24:00 of a day (a plain date's ``as_of``) sees that day whole and nothing
of the next: its acts are not seen, a deadline due that day is still running, and the days
late or left are counted from that day (SPEC §4: « Tout délai expire le dernier jour à
vingt-quatre heures »)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dme_rules import MONTREAL, MigrationCase, Status, evaluate
from dme_rules.cli import main
from dme_rules.engine.time import day_seen, end_of_day_in
from dme_rules.jurisdictions.fr.counting import PARIS

EXAMPLE = Path(__file__).parents[2] / "examples" / "cases" / "same-solution-on-time.json"
EXTRACTION = "qc.migration.extraction-deadline"
DAY = timedelta(days=1)
MICROSECOND = timedelta(microseconds=1)


def test_midnight_is_the_end_of_the_day_before():
    """00:00 of the 14th is 24:00 of the 13th; a microsecond later, the 14th has begun."""
    midnight = datetime(2025, 2, 14, 0, 0, tzinfo=MONTREAL)
    assert day_seen(midnight, MONTREAL) == date(2025, 2, 13)
    assert day_seen(midnight + MICROSECOND, MONTREAL) == date(2025, 2, 14)
    assert day_seen(midnight - MICROSECOND, MONTREAL) == date(2025, 2, 13)
    # The same instant written in another offset is the same day in Montreal's zone.
    assert day_seen(midnight.astimezone(PARIS), MONTREAL) == date(2025, 2, 13)


@given(
    due=st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)),
    days=st.integers(min_value=-2, max_value=2),
    microseconds=st.sampled_from([-1, 0, 1, 3_600_000_000, -3_600_000_000]),
    zone=st.sampled_from([MONTREAL, PARIS]),
)
def test_the_day_seen_is_at_most_the_due_date_exactly_until_its_24_00(
    due, days, microseconds, zone
):
    """For instants around the ends of days (DST changes included, in both packs' zones):
    ``as_of <= 24:00 of due`` exactly when ``day_seen(as_of) <= due``: the deadlines' pending
    test and the acts' visibility agree on where a day ends."""
    as_of = end_of_day_in(due + timedelta(days=days), zone) + timedelta(microseconds=microseconds)
    assert (as_of <= end_of_day_in(due, zone)) == (day_seen(as_of, zone) <= due)
    in_utc = as_of.astimezone(UTC)  # the same instant written in another zone
    assert (in_utc <= end_of_day_in(due, zone)) == (day_seen(in_utc, zone) <= due)


def test_a_midnight_the_clocks_skip_or_repeat():
    """Paris set its clocks back at 01:00 on 1976-09-26 (midnight came twice, in the
    summer's offset and in the winter's): the end of the 25th read from UTC is still the end
    of the 25th."""
    end = end_of_day_in(date(1976, 9, 25), PARIS)
    assert day_seen(end.astimezone(UTC), PARIS) == date(1976, 9, 25) == day_seen(end, PARIS)


def the_case() -> MigrationCase:
    return MigrationCase.from_json(EXAMPLE.read_text(encoding="utf-8"))


def test_an_act_of_the_next_day_is_not_seen_at_24_00():
    """The extraction is delivered on 2025-02-14, due 2025-02-24 (2025-02-03 + 21 days, the
    period starting the next business day): as of 24:00 on the 13th it has not been
    delivered yet (pending, 24 - 13 = 11 days left, the act ignored); as of 24:00 on the
    14th it has (compliant)."""
    case = the_case()
    delivered = case.extraction.delivered_on
    assert delivered == date(2025, 2, 14)
    before = evaluate(case, end_of_day_in(delivered - DAY, MONTREAL)).finding(EXTRACTION)
    assert (before.status, before.act_on, before.days_left) == (Status.PENDING, None, 11)
    assert before.details["ignored"] == "$.extraction.delivered_on"
    on = evaluate(case, end_of_day_in(delivered, MONTREAL)).finding(EXTRACTION)
    assert (on.status, on.act_on) == (Status.COMPLIANT, delivered)


def test_days_overdue_are_counted_from_the_day_that_ends():
    """Without a delivery, the extraction due 2025-02-24 is still pending at 24:00 on the 24th
    (0 days left) and overdue by 2025-02-26 - 2025-02-24 = 2 days at 24:00 on the 26th (not
    3, as counting from the 27th that begins then would say)."""
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del document["extraction"]
    case = MigrationCase.from_dict(document)
    due = date(2025, 2, 24)
    at_due = evaluate(case, end_of_day_in(due, MONTREAL)).finding(EXTRACTION)
    assert (at_due.status, at_due.days_left) == (Status.PENDING, 0)
    later = evaluate(case, end_of_day_in(due + 2 * DAY, MONTREAL)).finding(EXTRACTION)
    assert (later.status, later.due, later.days_late) == (Status.VIOLATION, due, 2)


def test_the_command_line_as_of_a_date_does_not_see_the_next_day(capsys):
    """``check --as-of 2025-02-13`` (its 24:00) shows the extraction delivered on the 14th as
    still to come, as the instant 23:59 of the 13th does."""
    rows = []
    for as_of in ("2025-02-13", "2025-02-13T23:59:00-05:00"):
        assert main(["check", str(EXAMPLE), "--as-of", as_of, "--format", "json"]) in (0, 1)
        report = json.loads(capsys.readouterr().out)
        found = next(f for f in report["findings"] if f["rule_id"] == EXTRACTION)
        rows.append((found["status"], found["act_on"], found["days_left"]))
    assert rows == [("pending", None, 11), ("pending", None, 11)]
