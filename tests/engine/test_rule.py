"""Tests of rules (dme_rules.engine.rule): dated formulas, the one check contract, subjects."""

from __future__ import annotations

import json
from datetime import date

import attrs
import pytest

from dme_rules import (
    JURISDICTIONS,
    QUEBEC,
    READ_ONLY_ACCESS,
    RULES,
    ConsentAnswers,
    Document,
    InvalidArgumentError,
    InvalidCaseError,
    MigrationCase,
    Period,
    Ruleset,
    RuleVersion,
    Status,
    evaluate,
    evaluate_many,
)
from dme_rules.engine.dated import dated_methods
from dme_rules.engine.jurisdiction import register
from dme_rules.engine.rule import Rule
from dme_rules.engine.versions import NoParameters

from ..cases import at, minimal_case, noon, spec_case

CITATION = Document("Règlement", "Démo", "2020").cite("art. 1", "Texte cité.")


def period(start: date, end: date | None = None) -> Period:
    return Period(
        effective_from=start,
        effective_to=end,
        basis="A test's own dates.",
        basis_fr="Les dates propres à un test.",
    )


def version(name: str, start: date, end: date | None) -> RuleVersion[NoParameters]:
    return RuleVersion(
        version=name, period=period(start, end), parameters=NoParameters(), citations=(CITATION,)
    )


V1 = version("1", date(2021, 10, 28), date(2023, 12, 31))
V2 = version("2", date(2024, 1, 1), None)


class TwoPeriodsRule(Rule[NoParameters, MigrationCase]):
    """Compliant under its first formula, a violation under its second."""

    subject = MigrationCase

    def formula_2021_10(self, version, case, context):
        """From 2021-10-01."""
        return self.outcome(version, Status.COMPLIANT)

    def formula_2024_01(self, version, case, context):
        """From 2024-01-01."""
        return self.outcome(version, Status.VIOLATION)


def two_periods(*versions: RuleVersion[NoParameters]) -> TwoPeriodsRule:
    return TwoPeriodsRule(
        id="qc.test.two-periods",
        title_fr="Deux périodes",
        title_en="Two periods",
        obligated_party="clinic",
        position=1,
        versions=versions,
    )


class TestDatedFormulas:
    """Each version is judged by the latest formula that starts by its first day."""

    def test_each_version_its_formula(self):
        """A request of 2023 is judged by formula_2021_10, one of 2024 by formula_2024_01."""
        rule = two_periods(V1, V2)
        assert ["formula_2021_10", "formula_2024_01"] == [
            rule.dated("formula", v).__name__ for v in (V1, V2)
        ]
        (before,) = rule.check(minimal_case(request_transmitted_at=noon(date(2023, 12, 31))),
                               noon(date(2025, 1, 1)))  # fmt: skip
        (after,) = rule.check(minimal_case(request_transmitted_at=noon(date(2024, 1, 1))),
                              noon(date(2025, 1, 1)))  # fmt: skip
        assert [("1", Status.COMPLIANT), ("2", Status.VIOLATION)] == [
            (before.rule_version, before.status),
            (after.rule_version, after.status),
        ]

    def test_a_version_before_every_formula_is_refused(self):
        """A version of 2020 has no formula (the first starts in October 2021)."""
        early = version("0", date(2020, 1, 1), date(2021, 10, 27))
        with pytest.raises(InvalidArgumentError, match="formula_YYYY_MM"):
            two_periods(early, V1, V2)

    def test_a_formula_no_version_uses_is_refused(self):
        """With only the 2021 version, formula_2024_01 judges nothing: refused."""
        with pytest.raises(InvalidArgumentError, match="formula_2024_01"):
            two_periods(version("1", V1.effective_from, None))

    def test_names_read_as_dates(self):
        """formula_YYYY, formula_YYYY_MM and formula_YYYY_MM_DD start on their date; other
        names are not formulas."""

        class Names:
            def formula_2024(self): ...
            def formula_2025_03(self): ...
            def formula_2025_03_15(self): ...
            def formula_new(self): ...
            def formulas_2020(self): ...

        assert (
            (date(2024, 1, 1), "formula_2024"),
            (date(2025, 3, 1), "formula_2025_03"),
            (date(2025, 3, 15), "formula_2025_03_15"),
        ) == dated_methods(Names, "formula")

    def test_read_only_access_dates_its_period(self):
        """The Avenant's version counts three months, the procedure's 90 days: each by its
        own dated piece (31 January + 3 months = 30 April; + 90 days = 1 May)."""
        v1, v2 = READ_ONLY_ACCESS.versions
        assert ["access_until_2021_10", "access_until_2024_01"] == [
            READ_ONLY_ACCESS.dated("access_until", v).__name__ for v in (v1, v2)
        ]
        assert [date(2025, 4, 30), date(2025, 5, 1)] == [
            READ_ONLY_ACCESS.access_until(v, date(2025, 1, 31)) for v in (v1, v2)
        ]
        assert {"formula": "formula_2021_10", "access_until": "access_until_2024_01"} == (
            READ_ONLY_ACCESS.dated_pieces(v2)
        )


class TestCheck:
    """check(subject, as_of, ...) -> tuple[Finding, ...], for every rule."""

    def test_every_rule_returns_a_tuple_of_findings(self):
        """Each rule of the registry, on a subject of its kind, returns a tuple."""
        answers = ConsentAnswers("X", date(2025, 3, 1), {"purpose": "yes"})
        for rule in RULES.values():
            subject = answers if rule.subject is ConsentAnswers else spec_case()
            found = rule.check(subject, noon(date(2025, 9, 1)))
            assert isinstance(found, tuple)
            assert {rule.id} == {finding.rule_id for finding in found}

    def test_a_subject_of_another_kind_is_refused(self):
        """A migration rule refuses consent answers, naming what it expected."""
        answers = ConsentAnswers("X", date(2025, 3, 1))
        with pytest.raises(InvalidArgumentError, match="subject: expected a MigrationCase"):
            READ_ONLY_ACCESS.check(answers, noon(date(2025, 9, 1)))  # type: ignore[arg-type]


class TestSubjects:
    """Subjects name their kind; evaluate dispatches on it."""

    def test_the_subject_key_names_the_kind(self):
        """A case may carry "subject": "qc.migration.case"; another kind is refused."""
        document = spec_case().to_dict()
        assert spec_case() == MigrationCase.from_dict({**document, "subject": "qc.migration.case"})
        with pytest.raises(
            InvalidCaseError, match=r"\$\.subject: expected \"qc\.migration\.case\""
        ):
            MigrationCase.from_dict({**document, "subject": "qc.emr.consent-assessment"})

    def test_evaluate_reads_the_kind_of_a_mapping(self):
        """A mapping naming consent answers is evaluated by the checklist; an unknown kind is
        refused, naming the known ones."""
        document = {"subject": "qc.emr.consent-assessment", "feature": "X",
                    "assessed_on": "2025-03-01", "answers": {"purpose": "no"}}  # fmt: skip
        report = evaluate(document, noon(date(2025, 3, 1)))
        assert [("qc.emr.new-feature-consent", Status.VIOLATION)] == [
            (f.rule_id, f.status) for f in report.findings
        ]
        with pytest.raises(InvalidCaseError, match=r"\$\.subject: .*qc\.migration\.case"):
            evaluate({**document, "subject": "xx.nothing"}, noon(date(2025, 3, 1)))

    def test_evaluate_many_takes_mixed_subjects(self):
        """Cases and consent answers in one stream: each gets its own rules, in order."""
        answers = ConsentAnswers("X", date(2025, 3, 1), {"purpose": "yes"})
        reports = list(evaluate_many([spec_case(), answers, spec_case()], at("2025-09-01T12:00Z")))
        case_rules = {rule.id for rule in QUEBEC.rules.for_subject(MigrationCase)}
        consent_rules = {rule.id for rule in QUEBEC.rules.for_subject(ConsentAnswers)}
        assert [case_rules, consent_rules, case_rules] == [
            {f.rule_id for f in r.findings} for r in reports
        ]
        assert ["2025-0147", None, "2025-0147"] == [r.case_id for r in reports]


class TestWords:
    """A finding says itself even when its words are not all in a catalogue."""

    def test_a_reason_the_catalogue_lacks_reads_as_its_code(self):
        """A caller's rule whose reason has no text: the message names the code."""

        class OwnReasonRule(TwoPeriodsRule):
            def formula_2024_01(self, version, case, context):
                """From 2024-01-01."""
                return self.outcome(version, Status.NOT_APPLICABLE, details={"reason": "own"})

        rule = OwnReasonRule(
            id="qc.test.own-reason", title_fr="Motif propre", title_en="Own reason",
            obligated_party="clinic", position=1, versions=(V1, V2), reasons=("own",),
        )  # fmt: skip
        (found,) = rule.check(spec_case(), noon(date(2025, 9, 1)))
        assert "qc.test.own-reason: not applicable — own." == found.message("en")

    def test_a_callers_rule_keeps_its_title_party_and_notes_in_a_report(self):
        """A rule of the caller's, in the ruleset evaluated: the report's message, table and
        FHIR use its title and notes; its party, which no catalogue names, reads as its code."""

        class NotedRule(TwoPeriodsRule):
            def notes(self, finding):
                return [("qc.test.noted.nowhere", {}), ("reason.not_migrated", {})]

        rule = NotedRule(
            id="qc.test.noted", title_fr="Règle notée", title_en="Noted rule",
            obligated_party="auditor", position=1, versions=(V1, V2),
        )  # fmt: skip
        report = evaluate(spec_case(), noon(date(2025, 9, 1)), ruleset=Ruleset([rule]))
        message = report.to_dict("en")["findings"][0]["message"]
        expected = (
            "Noted rule: violation — qc.test.noted.nowhere; "
            "the imported data is not in production yet."
        )
        assert expected == message
        assert report.lines("en")[3].startswith("Noted rule  auditor  violation")
        assert "Noted rule" == report.to_fhir("en")["issue"][0]["details"]["coding"][0]["display"]

    def test_details_without_a_field_a_message_reads(self):
        """A finding made by hand whose reason's words need a field it lacks: the message
        names the reason instead of failing."""
        (found,) = two_periods(V1, V2).check(spec_case(), noon(date(2025, 9, 1)))
        bare = found._replace(details={"reason": "not_in_force"})  # no in_force_from
        assert bare.message("en").endswith("violation — not_in_force.")


class TestDeclarations:
    """Mistakes in declaring a rule or a pack are refused when it is built."""

    def test_a_rule_without_subject(self):
        """A rule class that does not declare its subject is refused, naming it."""

        class Unsaid(Rule[NoParameters, MigrationCase]):
            def formula_2021_10(self, version, case, context):
                """From 2021-10-01."""

        with pytest.raises(InvalidArgumentError, match="subject: expected a Subject class"):
            Unsaid(id="qc.test.unsaid", title_fr="x", title_en="x", obligated_party="clinic",
                   position=1, versions=(version("1", V1.effective_from, None),))  # fmt: skip

    def test_two_versions_with_one_name(self):
        """Two versions named alike are refused (a version's formula is found by name)."""
        with pytest.raises(InvalidArgumentError, match="distinct names"):
            two_periods(V1, attrs.evolve(V2, version="1"))

    def test_a_pack_whose_ids_are_not_its_own(self):
        """A pack with a rule of another jurisdiction's id is refused."""
        with pytest.raises(InvalidArgumentError, match="start with zz"):
            attrs.evolve(QUEBEC, id="zz")

    def test_a_second_pack_under_a_taken_id(self):
        """Registering another pack under Quebec's id is refused; the same pack again is not."""
        register(QUEBEC)
        with pytest.raises(InvalidArgumentError, match="not taken"):
            register(attrs.evolve(QUEBEC))
        assert QUEBEC is JURISDICTIONS["qc"]


class TestPeriods:
    """A version's period: one value, declared once per legal text, named by each version."""

    def test_a_version_reads_its_period(self):
        """The version's dates and basis are its period's, as the catalogue writes them."""
        repealed = period(date(2021, 10, 28)).ending(date(2023, 12, 31))
        entry = attrs.evolve(V1, period=repealed).to_dict()
        assert (date(2021, 10, 28), date(2023, 12, 31)) == (V1.effective_from, V1.effective_to)
        assert ("A test's own dates.", "Les dates propres à un test.") == (
            V1.effective_basis, V1.effective_basis_fr
        )  # fmt: skip
        assert ("2021-10-28", "2023-12-31", "A test's own dates.") == (
            entry["effective_from"], entry["effective_to"], entry["effective_basis"]
        )  # fmt: skip

    def test_ending_keeps_the_start_and_the_basis(self):
        """A period ending earlier is the same text's: only its last day changes."""
        text = period(date(2021, 10, 28))
        ended = text.ending(date(2023, 12, 31))
        assert attrs.evolve(text, effective_to=date(2023, 12, 31)) == ended
        assert ended == ended.ending(date(2023, 12, 31))

    @pytest.mark.parametrize("last_day", [date(2021, 10, 27), date(2024, 1, 1)])
    def test_ending_outside_the_period_is_refused(self, last_day):
        """A period cannot end before it starts, nor after the day it already ends."""
        with pytest.raises(InvalidArgumentError, match="last_day: expected a day of the period"):
            period(date(2021, 10, 28), date(2023, 12, 31)).ending(last_day)

    def test_a_period_ending_before_it_starts_is_refused(self):
        with pytest.raises(InvalidArgumentError, match="effective_to: expected a date on or"):
            period(date(2024, 1, 1), date(2023, 12, 31))

    def test_an_instant_is_not_a_day(self):
        """A datetime's date depends on the zone: refused, naming the field."""
        from datetime import datetime

        with pytest.raises(
            InvalidArgumentError, match=r"effective_from: expected a datetime\.date"
        ):
            period(datetime(2024, 1, 1, 12))  # type: ignore[arg-type]

    @pytest.mark.parametrize("field", ["basis", "basis_fr"])
    def test_a_blank_basis_is_refused(self, field):
        """Every period says why its dates are what they are, in English and French."""
        with pytest.raises(InvalidArgumentError, match=f"{field}: expected the published fact"):
            attrs.evolve(period(date(2024, 1, 1)), **{field: " "})

    def test_a_version_takes_a_period(self):
        """The dates alone are not a period: refused, naming the field."""
        with pytest.raises(InvalidArgumentError, match="period: expected a Period"):
            RuleVersion(version="1", period=date(2024, 1, 1), parameters=NoParameters(),
                        citations=())  # type: ignore[arg-type]  # fmt: skip

    def test_the_version_in_force_on_each_day(self):
        """version_at gives, for every day around every version of every pack, the version
        whose period holds it: the first day, the last, the days around them."""
        from datetime import timedelta

        def in_force(rule, day):
            for version in rule.versions:
                if version.effective_from <= day <= (version.effective_to or date.max):
                    return version
            return None

        rules = [rule for pack in JURISDICTIONS.values() for rule in pack.rules.values()]
        for rule in rules:
            starts = [version.effective_from for version in rule.versions]
            ends = [version.effective_to for version in rule.versions if version.effective_to]
            for day in {day + timedelta(days=n) for day in starts + ends for n in (-1, 0, 1)}:
                assert in_force(rule, day) is rule.version_at(day)

    def test_a_gap_between_two_versions(self):
        """A day between two versions has none: version_at says so, and a subject of that
        day is not_applicable, by findings() as by judge()."""
        first = version("1", date(2021, 10, 28), date(2022, 12, 31))
        rule = two_periods(first, V2)
        case = minimal_case(request_transmitted_at=noon(date(2023, 6, 1)))
        assert (first, None, V2) == tuple(
            rule.version_at(day)
            for day in (date(2022, 12, 31), date(2023, 6, 1), V2.effective_from)
        )
        (found,) = rule.check(case, noon(date(2025, 1, 1)))
        assert ("not_in_force", None) == (found.reason, found.rule_version)
        assert (found,) == rule.judge(case, QUEBEC.context(noon(date(2025, 1, 1))))


class TestVersionReadings:
    """A version's readings: one default per topic, alternatives of those topics."""

    def version(self, **readings):
        from dme_rules import RuleVersion

        return RuleVersion(
            version="1", period=period(date(2024, 1, 1)), parameters=NoParameters(),
            citations=(), **readings,
        )  # fmt: skip

    def test_two_defaults_of_one_topic_are_refused(self):
        from dme_rules import CIVIL_PROCEDURE, PROCEDURE_2024

        with pytest.raises(InvalidArgumentError, match="one default reading per topic"):
            self.version(readings=(PROCEDURE_2024, CIVIL_PROCEDURE))

    def test_an_alternative_without_its_default_is_refused(self):
        from dme_rules import OFFICE_HOURS, PROCEDURE_2024

        with pytest.raises(InvalidArgumentError, match="alternatives of those topics"):
            self.version(readings=(PROCEDURE_2024,), alternatives=(OFFICE_HOURS,))

    def test_choice_of_each_topic(self):
        """The caller's alternative of a topic, else its default; a topic the version does
        not read is a rule bug, named."""
        from dme_rules import (
            CIVIL_PROCEDURE,
            INTERPRETATION_ACT,
            NEXT_BUSINESS_DAY,
            OFFICE_HOURS,
            PROCEDURE_2024,
        )

        version = self.version(
            readings=(PROCEDURE_2024, NEXT_BUSINESS_DAY),
            alternatives=(CIVIL_PROCEDURE, INTERPRETATION_ACT),
        )
        assert PROCEDURE_2024 is version.choice("period-start", [OFFICE_HOURS])
        assert CIVIL_PROCEDURE is version.choice("period-start", [CIVIL_PROCEDURE])
        assert ("period-start", "period-end") == version.topics
        assert INTERPRETATION_ACT is version.choice("period-end", [INTERPRETATION_ACT])
        assert PROCEDURE_2024 is version.interpretation  # the first topic's default
        with pytest.raises(InvalidArgumentError, match="topic"):
            version.choice("business-hours")

    def test_a_callers_choice_is_checked(self):
        """check_choice: the readings a caller gave (None for none), each one the version
        allows; another is a mistake, named."""
        from dme_rules import CIVIL_PROCEDURE, OFFICE_HOURS, PROCEDURE_2024

        version = self.version(readings=(PROCEDURE_2024,), alternatives=(CIVIL_PROCEDURE,))
        assert () == version.check_choice(None)
        assert (CIVIL_PROCEDURE,) == version.check_choice(None, CIVIL_PROCEDURE)
        with pytest.raises(InvalidArgumentError, match="reading: expected one of"):
            version.check_choice(OFFICE_HOURS)


class TestCatalogueJson:
    """Every rule of every pack, as a catalogue gives it, is JSON with the law's numbers."""

    def test_every_rule_and_version(self):
        for rule in RULES.values():
            for version in rule.versions:
                document = json.loads(json.dumps(rule.to_dict(version.effective_from)))
                assert document["in_force"] == version.version
                entry = document["versions"][rule.versions.index(version)]
                assert entry["effective_from"] == version.effective_from.isoformat()
                assert [c["quote_fr"] for c in entry["citations"]] == [
                    c.quote_fr for c in version.citations
                ]

    def test_parameters_are_the_numbers_the_law_sets(self):
        caps = RULES["qc.migration.import-fee-cap"].versions[0].to_dict()["parameters"]
        assert caps == {"same_solution": "500", "different_solution": "1500"}
        contents = RULES["qc.migration.calendar-content"].versions[-1].to_dict()["parameters"]
        assert set(contents) == {"items", "order"}  # not the getters derived from them

    def test_before_any_version(self):
        rule = RULES["qc.migration.extraction-deadline"]
        assert rule.to_dict(date(1990, 1, 1))["in_force"] is None
        assert rule.to_dict()["in_force"] is None
