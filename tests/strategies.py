"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st

from dme_rules import MONTREAL, QUEBEC_CPC, QUEBEC_LNT, BusinessCalendar, quebec_lnt

#: Dates far enough inside 1900–2200 that counting a few years either way stays supported.
dates = st.dates(min_value=date(1905, 1, 1), max_value=date(2195, 12, 31))

#: Dates around the years the rules are applied to, where holidays are dense enough to matter.
recent_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))

#: Business-day counts small enough to stay inside the supported years from ``dates``.
counts = st.integers(min_value=1, max_value=1000)

#: Every declared calendar, and one with a clinic's closures.
calendars: st.SearchStrategy[BusinessCalendar] = st.sampled_from(
    [
        QUEBEC_CPC,
        QUEBEC_LNT,
        quebec_lnt("good_friday"),
        quebec_lnt("easter_monday"),
        QUEBEC_CPC.with_closures([date(2025, 12, 24), date(2025, 12, 31), date(2026, 3, 9)]),
    ]
)

#: Fixed UTC offsets from -12:00 to +14:00 in quarter hours, plus UTC and Montreal.
offsets = st.one_of(
    st.just(UTC),
    st.just(MONTREAL),
    st.integers(min_value=-12 * 4, max_value=14 * 4).map(
        lambda quarters: timezone(timedelta(minutes=15 * quarters))
    ),
)

#: Aware instants (never an imaginary local time) written in any offset.
instants = st.datetimes(
    min_value=datetime(2020, 1, 1),
    max_value=datetime(2035, 12, 31),
    timezones=st.just(MONTREAL),
    allow_imaginary=False,
)


def written_in(instant: datetime, tz: timezone | object) -> datetime:
    """The same instant written with another offset."""
    return instant.astimezone(tz)  # type: ignore[arg-type]
