"""The readings catalogue against SPEC §3.1, row by row."""

from __future__ import annotations

from datetime import date

import pytest

import dme_rules
from dme_rules import QUEBEC_CPC, QUEBEC_LNT, READINGS, RULES, Complaint, Status, evaluate
from dme_rules.jurisdictions.qc import readings as qc_readings

from ...cases import at, change, minimal_case, spec_case

_DEADLINES = ("extraction-deadline", "import-deadline")
#: The rules whose versions follow the deadlines as they bind a case, reading what they read.
_FOLLOWERS = ("calendar-content", "success-confirmation")

#: The Quebec rules that count no days (fees, the form, the checklist): every other rule
#: reads which days are business days, a rule added later included.
_COUNT_NOTHING = ("extraction-fee-cap", "import-fee-cap", "request-form", "new-feature-consent")
_COUNTING = {rule.id.rsplit(".", 1)[-1] for rule in RULES.values()} - set(_COUNT_NOTHING)

#: SPEC §3.1, written out: topic -> (default id by rule version, alternative ids, the rules
#: (last segment of the id) whose versions in force from 2024 allow them).
TABLE = {
    "period-start": ({"1": "civil-procedure", "2": "procedure-2024"},
                     {"procedure-2024", "civil-procedure"}, {*_DEADLINES, *_FOLLOWERS}),
    "period-end": ("next-business-day", {"interpretation-act"},
                   {*_DEADLINES, *_FOLLOWERS, "preanalysis-validation"}),
    "business-hours": ("business-day-clock", {"office-hours"}, {"complaint-follow-up"}),
    "business-days-calendar": ("court-calendar", {"labour-standards-calendar"}, _COUNTING),
    "scope": ("scope-presumed-standard", {"scope-required"}, {*_DEADLINES, *_FOLLOWERS}),
    "request-form": ("form-starts-process", {"transmission-starts-process"},
                     {*_DEADLINES, *_FOLLOWERS}),
    "access-duration": ("later-of-both", {"ninety-days"},
                        {"read-only-access", "calendar-content"}),
    "clinic-delay": ("clinic-delay-extends", {"clinic-delay-noted"},
                     {"import-deadline", *_FOLLOWERS}),
    "consent": ("consent-always", {"consent-if-third-party"}, {"new-feature-consent"}),
    "confirmation": ("confirm-within-period", {"confirm-same-day", "unconfirmed-is-pending"},
                     {"success-confirmation"}),
}  # fmt: skip


def latest(rule_name: str):
    """The latest version of the Quebec rule whose id ends with ``rule_name``."""
    (rule,) = [rule for rule in RULES.values() if rule.id.endswith("." + rule_name)]
    return rule.versions[-1]


class TestCatalogue:
    def test_every_id_of_the_table_is_a_reading(self):
        """The 21 ids of SPEC §3.1, no more, each a value with its phrase, summaries and
        basis, under its topic."""
        ids = set()
        for topic, (default, alternatives, _) in TABLE.items():
            defaults = set(default.values()) if isinstance(default, dict) else {default}
            ids |= defaults | alternatives
            for reading_id in defaults | alternatives:
                reading = READINGS[reading_id]
                assert (reading_id, topic) == (reading.id, reading.topic)
                for text in (reading.phrase, reading.summary_fr, reading.summary_en):
                    assert text.strip(), reading_id
                assert reading.basis.strip(), reading_id
        assert ids == set(qc_readings.READINGS)
        assert 21 == len(ids)
        assert set(qc_readings.TOPICS) == set(TABLE)

    @pytest.mark.parametrize("topic", sorted(TABLE))
    def test_defaults_and_alternatives_by_rule(self, topic):
        """Each rule of the row allows the row's readings in its version in force from 2024,
        with the row's default; no other rule reads the topic."""
        default, alternatives, rules = TABLE[topic]
        expected_default = default["2"] if isinstance(default, dict) else default
        for rule in RULES.values():
            version = rule.versions[-1]
            name = rule.id.rsplit(".", 1)[-1]
            if name not in rules:
                assert topic not in version.topics, rule.id
                continue
            assert expected_default == version.choice(topic).id, rule.id
            allowed = {r.id for r in version.allowed if r.topic == topic}
            assert {expected_default} | alternatives == allowed, rule.id

    def test_the_first_versions(self):
        """The 2021 versions of the deadlines count civil-procedure by default and read
        neither the scope nor the form; the 2021 read-only access reads only the calendar
        of its days left (its three months are calendar months)."""
        counted = ("period-start", "period-end", "business-days-calendar")
        for name in _DEADLINES:
            (rule,) = [r for r in RULES.values() if r.id.endswith(name)]
            first = rule.versions[0]
            assert ("1", counted) == (first.version, first.topics)
            assert "civil-procedure" == first.choice("period-start").id
        (access,) = [r for r in RULES.values() if r.id.endswith("read-only-access")]
        assert ("business-days-calendar",) == access.versions[0].topics

    def test_every_version_that_counts_days_reads_the_calendar(self):
        """Every Quebec version whose findings count in days or business days reads which
        days are business days (so its findings report it); the fees, the form and the
        checklist count nothing."""
        assert {*_DEADLINES, *_FOLLOWERS, "preanalysis-validation", "read-only-access",
                "complaint-follow-up"} <= _COUNTING  # fmt: skip
        for rule in RULES.values():
            for version in rule.versions:
                reads = "business-days-calendar" in version.topics
                assert (rule.id.rsplit(".", 1)[-1] in _COUNTING) == reads, rule.id

    def test_each_calendar_reading_selects_its_calendar(self):
        """court-calendar selects QUEBEC_CPC, the pack's default calendar;
        labour-standards-calendar QUEBEC_LNT, both Easter days off."""
        assert dme_rules.QUEBEC_CPC == READINGS["court-calendar"].calendar
        assert dme_rules.QUEBEC_CPC == dme_rules.JURISDICTIONS["qc"].calendar
        assert dme_rules.quebec_lnt("both") == READINGS["labour-standards-calendar"].calendar

    def test_a_former_id_names_its_reading(self):
        """unconfirmed-is-violation, the first edition's id, names confirm-same-day: in
        READINGS, as the public constant of the first edition, and when chosen by id."""
        same_day = READINGS["confirm-same-day"]
        assert (
            same_day is READINGS["unconfirmed-is-violation"] is dme_rules.UNCONFIRMED_IS_VIOLATION
        )
        assert ("unconfirmed-is-violation",) == same_day.aliases
        assert "unconfirmed-is-violation" not in qc_readings.READINGS  # one reading, one entry
        # Every pack's catalogue finds it by its former id, yet lists it once.
        assert "unconfirmed-is-violation" in READINGS
        assert ["confirm-same-day"] == [r.id for r in READINGS.values() if r is same_day]
        assert len(READINGS) == len(set(READINGS)) == len({r.id for r in READINGS.values()})
        report = evaluate(spec_case(), at("2025-09-01T12:00:00-04:00"),
                          readings=["unconfirmed-is-violation", "confirm-same-day"])  # fmt: skip
        confirmation = report.finding("qc.migration.success-confirmation")
        assert "confirm-same-day" in confirmation.readings

    def test_public_names(self):
        """Every reading is a public constant of dme_rules, and READINGS maps every id."""
        for reading in qc_readings.READINGS.values():
            assert reading is getattr(dme_rules, reading.id.upper().replace("-", "_"))
            assert reading is READINGS[reading.id]


class TestEveryReadingIsSelectable:
    @pytest.mark.parametrize("reading_id", sorted(qc_readings.READINGS))
    def test_selectable_by_id_and_reported(self, reading_id):
        """Chosen by id, a reading is reported by every finding whose version allows it, and
        recorded as ignored by every other one."""
        reading = READINGS[reading_id]
        report = evaluate(spec_case(), at("2025-09-01T12:00:00-04:00"), readings=[reading_id])
        for finding in report.findings:
            rule = RULES[finding.rule_id]
            version = next(v for v in rule.versions if v.version == finding.rule_version)
            if reading in version.allowed:
                assert reading_id in finding.readings, finding.rule_id
            else:
                assert reading_id in finding.details["readings_ignored"], finding.rule_id


class TestTheCalendarOfBusinessDays:
    """Which days are « jours ouvrables »: court-calendar (QUEBEC_CPC, the default) or
    labour-standards-calendar (QUEBEC_LNT, both Easter days off). They differ on 2 January and
    26 December (court holidays, employees' working days) and on 25 June when 24 June is a
    Sunday; every count in days or business days follows the one chosen."""

    AS_OF = at("2026-03-02T12:00:00-05:00")
    # Request Tue 2025-11-11: day 1 Wed 11-12 on both calendars; + 44 days = Fri 12-26, a
    # court holiday (to Mon 12-29 under court-calendar), an employee's working day.
    LATE_IN_DECEMBER = change(
        minimal_case(request_transmitted_at=at("2025-11-11T10:00:00-05:00")),
        import__completed_on=date(2025, 12, 29),
    )

    @pytest.mark.parametrize(
        ("readings", "status", "due", "days_late"),
        [
            ([], Status.COMPLIANT, date(2025, 12, 29), None),
            (["labour-standards-calendar"], Status.VIOLATION, date(2025, 12, 26), 3),
        ],
    )
    def test_an_end_on_boxing_day(self, readings, status, due, days_late):
        """Completed Mon 12-29: on time when 26 December is no business day, three days late
        (12-29 - 12-26) when it is."""
        report = evaluate(self.LATE_IN_DECEMBER, self.AS_OF, readings=readings)
        found = report.finding("qc.migration.import-deadline")
        assert (status, due, days_late) == (found.status, found.due, found.days_late)
        expected = readings[0] if readings else "court-calendar"
        assert expected in found.readings
        assert ("quebec-lnt" if readings else "quebec-cpc") == report.calendar

    @pytest.mark.parametrize(
        ("readings", "due", "status"),
        [
            # Day 1 Mon 12-29 (25, 26 December and the weekend off); + 20 days = Sun
            # 2026-01-18, extended to Mon 01-19.
            ([], date(2026, 1, 19), Status.COMPLIANT),
            # Day 1 Fri 12-26; + 20 days = Thu 01-15.
            (["labour-standards-calendar"], date(2026, 1, 15), Status.VIOLATION),
        ],
    )
    def test_the_official_start_after_christmas_eve(self, readings, due, status):
        """A request of Wed 2025-12-24, the extraction delivered Fri 2026-01-16."""
        case = change(
            minimal_case(request_transmitted_at=at("2025-12-24T10:00:00-05:00")),
            extraction__delivered_on=date(2026, 1, 16),
        )
        found = evaluate(case, self.AS_OF, readings=readings).finding(
            "qc.migration.extraction-deadline"
        )
        assert (status, due) == (found.status, found.due)

    @pytest.mark.parametrize(
        ("readings", "due", "status"),
        [
            # Submitted Mon 12-22: 23, 24, 29, 30, 31 December, 5, 6 January: Tue 01-06.
            ([], date(2026, 1, 6), Status.COMPLIANT),
            # 23, 24, 26, 29, 30, 31 December, 2 January: Fri 01-02.
            (["labour-standards-calendar"], date(2026, 1, 2), Status.VIOLATION),
        ],
    )
    def test_seven_business_days_over_the_holidays(self, readings, due, status):
        """A pre-analysis submitted Mon 2025-12-22, validated Mon 2026-01-05."""
        case = change(
            minimal_case(request_transmitted_at=at("2025-11-11T10:00:00-05:00")),
            preanalysis__submitted_on=date(2025, 12, 22),
            preanalysis__validated_on=date(2026, 1, 5),
        )
        found = evaluate(case, self.AS_OF, readings=readings).finding(
            "qc.migration.preanalysis-validation"
        )
        assert (status, due) == (found.status, found.due)

    @pytest.mark.parametrize(
        ("readings", "due", "status"),
        [
            # Filed Wed 12-24 10:00: 29, 30, 31 December: due Wed 12-31 10:00.
            ([], "2025-12-31T10:00:00-05:00", Status.COMPLIANT),
            # 26, 29, 30 December: due Tue 12-30 10:00.
            (["labour-standards-calendar"], "2025-12-30T10:00:00-05:00", Status.VIOLATION),
        ],
    )
    def test_the_bch_clock(self, readings, due, status):
        """A complaint filed Wed 2025-12-24 10:00, followed up Tue 12-30 15:00."""
        case = minimal_case(
            request_transmitted_at=at("2025-11-11T10:00:00-05:00"),
            complaints=(
                Complaint(
                    filed_at=at("2025-12-24T10:00:00-05:00"),
                    followed_up_at=at("2025-12-30T15:00:00-05:00"),
                ),
            ),
        )
        found = evaluate(case, self.AS_OF, readings=readings).finding("qc.bch.complaint-follow-up")
        assert (status, at(due)) == (found.status, found.due)

    @pytest.mark.parametrize(
        ("calendar", "readings", "status", "recorded"),
        [
            # The caller's calendar counts, whatever the reading, and is named.
            (QUEBEC_CPC, ["labour-standards-calendar"], Status.COMPLIANT, "quebec-cpc"),
            (QUEBEC_LNT, [], Status.VIOLATION, "quebec-lnt"),
            # The reading's own calendar, given again: nothing to name.
            (QUEBEC_CPC, [], Status.COMPLIANT, None),
            # A clinic closed on Mon 12-29 and Tue 12-30: due Wed 12-31, compliant.
            (QUEBEC_CPC.with_closures([date(2025, 12, 29), date(2025, 12, 30)]), [],
             Status.COMPLIANT, QUEBEC_CPC.with_closures([date(2025, 12, 29),
                                                         date(2025, 12, 30)]).id),
        ],
    )  # fmt: skip
    def test_a_calendar_given_wins_and_is_recorded(self, calendar, readings, status, recorded):
        """evaluate(calendar=...) counts on that calendar; a finding whose reading of business
        days selects another names it in details["calendar"], and the decision records it."""
        report = evaluate(self.LATE_IN_DECEMBER, self.AS_OF, calendar=calendar, readings=readings)
        found = report.finding("qc.migration.import-deadline")
        assert (status, recorded) == (found.status, found.details.get("calendar"))
        assert calendar.id == report.calendar
        fee = report.finding("qc.migration.import-fee-cap")  # counts nothing
        assert "calendar" not in fee.details

    def test_sensitivity_names_the_calendar_where_it_turns_a_verdict(self):
        """The import completed on Mon 12-29 turns late under labour-standards-calendar (and
        under interpretation-act: 26 December is no holiday of the Interpretation Act, which
        then does not extend an end on it)."""
        from dme_rules import sensitivity

        found = sensitivity(self.LATE_IN_DECEMBER, self.AS_OF)
        imported = next(
            e for e in found.findings if e.finding.rule_id == "qc.migration.import-deadline"
        )
        assert ("interpretation-act", "labour-standards-calendar") == imported.flips
