"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st

from dme_rules import (
    MONTREAL,
    QUEBEC_CPC,
    QUEBEC_LNT,
    QUESTIONS,
    BusinessCalendar,
    Complaint,
    ConsentAnswers,
    Extraction,
    Import,
    MigrationCalendar,
    MigrationCase,
    Preanalysis,
    ReadOnlyAccess,
    RequestForm,
    date_of,
    quebec_lnt,
)

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


# -- cases -----------------------------------------------------------------------------------

case_dates = st.dates(min_value=date(2021, 1, 1), max_value=date(2027, 12, 31))
optional_dates = st.none() | case_dates
amounts = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)
optional_amounts = st.none() | amounts
solutions = st.sampled_from(
    ["Omnimed", "MYLE", "Toubib", "Médesync", "medesync", "KinLogix", "Ofys", "Acme DME"]
)
case_instants = st.datetimes(
    min_value=datetime(2021, 1, 1),
    max_value=datetime(2027, 12, 31),
    timezones=offsets,
    allow_imaginary=False,
)


@st.composite
def migration_cases(draw):
    """A migration case whose facts can be true: every act on or after the request's date
    (SPEC §6), a follow-up after its complaint, the access ending after the import."""
    sent = draw(case_instants)
    requested = date_of(sent)
    later = st.integers(min_value=0, max_value=400).map(lambda n: requested + timedelta(n))
    maybe_later = st.none() | later

    def block(cls, **fields):
        return draw(st.none() | st.builds(cls, **fields))

    imported = block(
        Import, completed_on=maybe_later, fee=optional_amounts, confirmed_on=maybe_later
    )
    migrated = imported.completed_on if imported is not None else None
    until = st.none() | (
        later if migrated is None
        else st.integers(min_value=0, max_value=200).map(lambda n: migrated + timedelta(n))
    )  # fmt: skip
    complaint = st.builds(
        # The follow-up in elapsed time (in UTC): wall-clock arithmetic in a zone can go back
        # an hour across the autumn change.
        lambda filed, delay: Complaint(
            filed,
            None if delay is None else (filed.astimezone(UTC) + delay).astimezone(filed.tzinfo),
        ),
        st.datetimes(min_value=datetime(2021, 1, 1), max_value=datetime(2027, 12, 31),
                     timezones=offsets, allow_imaginary=False),
        st.none() | st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30)),
    )  # fmt: skip
    return MigrationCase(
        case_id=draw(st.text(alphabet="0123456789-ABC", min_size=1, max_size=12).filter(str.strip)),
        request_transmitted_at=sent,
        source_solution=draw(solutions),
        target_solution=draw(solutions),
        practitioners=draw(st.integers(min_value=1, max_value=40)),
        standard_scope=draw(st.none() | st.booleans()),
        extraction=block(
            Extraction, delivered_on=maybe_later, fee=optional_amounts, confirmed_on=maybe_later
        ),
        import_=imported,
        preanalysis=block(Preanalysis, submitted_on=maybe_later, validated_on=maybe_later),
        read_only_access=block(ReadOnlyAccess, until=until, fee=optional_amounts),
        request_form=block(
            RequestForm,
            signed=st.none() | st.booleans(),
            clinic_authorization=st.none() | st.booleans(),
            sent_to=st.none()
            | st.lists(
                st.sampled_from(
                    [
                        "importations@omnimed.com",
                        "deploiement@medfarsolutions.com",
                        "certification.homologation@msss.gouv.qc.ca",
                        "ventesdme@telus.com",
                    ]
                ),
                max_size=4,
            ).map(tuple),
        ),
        calendar=block(
            MigrationCalendar,
            test_extraction_on=maybe_later,
            production_on=maybe_later,
            access_removed_on=maybe_later,
            validation_sessions_on=st.none() | st.lists(later, max_size=3).map(tuple),
        ),
        complaints=draw(st.none() | st.lists(complaint, max_size=2).map(tuple)),
    )


migration_cases = migration_cases()
evaluation_instants = case_instants

#: A physician's answers to the consent checklist: any question answered or left out.
consent_answers = st.builds(
    ConsentAnswers,
    feature=st.sampled_from(["Prise de rendez-vous en ligne", "Transcription", "Rappels SMS"]),
    assessed_on=case_dates,
    answers=st.dictionaries(
        st.sampled_from([question.id for question in QUESTIONS]),
        st.sampled_from(["yes", "no", "unknown"]),
    ),
)


# -- JSON text as people and programs write it -------------------------------------------


@st.composite
def _json_string(draw: st.DrawFn, strings: st.SearchStrategy[str]) -> str:
    """A JSON string, ASCII or not, its colons sometimes escaped (``\\u003a``)."""
    text = json.dumps(draw(strings), ensure_ascii=draw(st.booleans()))
    return text.replace(":", draw(st.sampled_from([":", "\\u003a", "\\u003A"])))


#: Text a JSON string may hold: colons, quotes, backslashes, lone surrogates among them.
_json_text = st.text(max_size=6) | st.sampled_from(
    [":", "a:b", '":', "\\", "\\u003a", "\ud800", "\U0001f600", "2025-06-20T16:45:00-04:00"]
)
#: Numbers at the edges: beyond 64 bits, beyond the floats, not numbers.
_json_numbers = st.sampled_from(
    ["0", "-0", "1.0", "1e5", "30e-1", "1e400", "NaN", "-Infinity", "9007199254740993.0",
     str(2**63 - 1), str(2**63), str(2**64), str(-(2**63) - 1), "1" * 30]
)  # fmt: skip
_json_spaces = st.sampled_from(["", " ", "\n", "\t", "\r\n "])


@st.composite
def _json_object(draw: st.DrawFn, children: st.SearchStrategy[str]) -> str:
    """A JSON object as text, a key sometimes given twice."""
    keys = _json_string(st.sampled_from(["a", "b", ":", "a:b", ""]) | _json_text)
    pairs = draw(st.lists(st.tuples(keys, children), max_size=4))
    space = draw(_json_spaces)
    return "{" + ",".join(f"{space}{key}{space}:{space}{value}" for key, value in pairs) + "}"


#: JSON text, valid or nearly: any value, spaced or not, ASCII or not, keys given twice,
#: colons escaped, numbers at the edges.
json_texts = st.recursive(
    st.sampled_from(["null", "true", "false"])
    | st.integers().map(str)
    | st.floats().map(lambda number: json.dumps(number))
    | _json_numbers
    | _json_string(_json_text),
    lambda children: (
        st.lists(children, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
        | _json_object(children)
    ),
    max_leaves=12,
)


# -- findings as rules and callers make them --------------------------------------------------


@st.composite
def _findings(draw: st.DrawFn) -> object:
    """A finding of a registered rule (or of a caller's rule no pack knows), with any of its
    dates, counts, amounts, reason and missing field, or none."""
    from dme_rules.engine.findings import NO_DETAILS, Finding
    from dme_rules.engine.jurisdiction import jurisdictions
    from dme_rules.engine.status import Status

    rule_ids = sorted(rule_id for pack in jurisdictions().values() for rule_id in pack.rules)
    reasons = sorted({reason for pack in jurisdictions().values() for rule in pack.rules.values()
                      for reason in rule.reasons})  # fmt: skip
    when = st.none() | case_dates | case_instants
    days = st.none() | st.integers(min_value=0, max_value=2_000_000)
    details = draw(
        st.just(NO_DETAILS)
        | st.fixed_dictionaries(
            {},
            optional={
                "missing": st.sampled_from(["extraction.delivered_on", "import"]),
                "reason": st.sampled_from([*reasons, "no-such-reason"]),
                "practitioners": counts,
            },
        )
    )
    return Finding(
        draw(st.sampled_from([*rule_ids, "xx.callers.rule"])),
        draw(st.none() | st.sampled_from(["1", "2"])),
        draw(st.sampled_from(list(Status))),
        "source_vendor",
        draw(when),
        draw(when),
        draw(days),
        draw(days),
        draw(days),
        draw(days),
        draw(optional_amounts),
        draw(optional_amounts),
        details=details,
    )


#: Findings of every rule of the packs and of a caller's, with any of their parts.
findings = _findings()
