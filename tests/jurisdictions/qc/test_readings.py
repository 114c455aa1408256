"""The readings catalogue against SPEC §3.1, row by row."""

from __future__ import annotations

import pytest

import dme_rules
from dme_rules import READINGS, RULES, evaluate
from dme_rules.jurisdictions.qc import readings as qc_readings

from ...cases import at, spec_case

_DEADLINES = ("extraction-deadline", "import-deadline")
#: The rules whose versions follow the deadlines as they bind a case, reading what they read.
_FOLLOWERS = ("calendar-content", "success-confirmation")

#: SPEC §3.1, written out: topic -> (default id by rule version, alternative ids, the rules
#: (last segment of the id) whose versions in force from 2024 allow them).
TABLE = {
    "period-start": ({"1": "civil-procedure", "2": "procedure-2024"},
                     {"procedure-2024", "civil-procedure"}, {*_DEADLINES, *_FOLLOWERS}),
    "period-end": ("next-business-day", {"interpretation-act"},
                   {*_DEADLINES, *_FOLLOWERS, "preanalysis-validation"}),
    "business-hours": ("business-day-clock", {"office-hours"}, {"complaint-follow-up"}),
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
        """The 19 ids of SPEC §3.1, no more, each a value with its phrase, summaries and
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
        assert 19 == len(ids)
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
        neither the scope nor the form; the 2021 read-only access reads no phrase."""
        for name in _DEADLINES:
            (rule,) = [r for r in RULES.values() if r.id.endswith(name)]
            first = rule.versions[0]
            assert ("1", ("period-start", "period-end")) == (first.version, first.topics)
            assert "civil-procedure" == first.choice("period-start").id
        (access,) = [r for r in RULES.values() if r.id.endswith("read-only-access")]
        assert () == access.versions[0].topics

    def test_a_former_id_names_its_reading(self):
        """unconfirmed-is-violation, the first edition's id, names confirm-same-day: in
        READINGS, as the public constant of the first edition, and when chosen by id."""
        same_day = READINGS["confirm-same-day"]
        assert (
            same_day is READINGS["unconfirmed-is-violation"] is dme_rules.UNCONFIRMED_IS_VIOLATION
        )
        assert ("unconfirmed-is-violation",) == same_day.aliases
        assert "unconfirmed-is-violation" not in qc_readings.READINGS  # one reading, one entry
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
