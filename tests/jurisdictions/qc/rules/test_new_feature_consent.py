"""Tests for NEW_FEATURE_CONSENT."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest

from dme_rules import (
    NEW_FEATURE_CONSENT,
    QUESTIONS,
    Answer,
    ConsentAnswers,
    InvalidArgumentError,
    InvalidCaseError,
    Status,
    evaluate,
)
from dme_rules.jurisdictions.qc.readings import CONSENT_ALWAYS, CONSENT_IF_THIRD_PARTY

from ....cases import noon, spec_case
from ....common import CommonRuleTests

IDS = ["purpose", "informed", "third_party_access", "third_party_scope", "data_necessary",
       "explicit_consent", "consent_quality"]  # fmt: skip
ON = date(2025, 3, 1)


def answers(day: date = ON, **given: str) -> ConsentAnswers:
    return ConsentAnswers(feature="Prise de rendez-vous en ligne", assessed_on=day, answers=given)


ALL_YES = {question: "yes" for question in IDS}


def expected_decision(given: dict[str, str], consent_always: bool = True) -> tuple[str, set[str]]:
    """The SPEC §7 table, written out question by question.

    purpose and informed must be yes. Under consent-always (the default), explicit_consent
    and consent_quality must be yes too. The third-party follow-ups, and third_party_access
    itself, must be yes unless third_party_access is no, when they do not matter; under
    consent-if-third-party the two consent questions are asked only when third_party_access
    is yes.
    """
    third_party_relevant = given["third_party_access"] != "no"
    consent_asked = consent_always or given["third_party_access"] == "yes"
    consent = {"explicit_consent", "consent_quality"}
    unmet = set()
    for question, answer in given.items():
        if question in consent:
            required = consent_asked
        else:
            required = question in ("purpose", "informed") or third_party_relevant
        if required and answer != "yes":
            unmet.add(question)
    return ("proceed" if not unmet else "do_not_proceed"), unmet


class TestNewFeatureConsent(CommonRuleTests):
    """The checklist before enabling a new EMR feature."""

    rule = NEW_FEATURE_CONSENT
    constant = "NEW_FEATURE_CONSENT"
    examples = {
        Status.COMPLIANT: (answers(**ALL_YES), noon(ON)),
        Status.VIOLATION: (answers(**{**ALL_YES, "purpose": "no"}), noon(ON)),
        Status.NOT_APPLICABLE: (answers(date(2022, 6, 19), **ALL_YES), noon(ON)),
    }
    unreachable = {
        Status.PENDING: "the checklist has no deadline",
        Status.INSUFFICIENT_DATA: "a missing answer is unknown, which is unmet",
    }

    def subject_on(self, day: date) -> ConsentAnswers:
        return answers(day, **ALL_YES)

    def test_not_in_a_migration_report(self):
        """The checklist reads consent answers: a migration report has no finding of it."""
        report = evaluate(spec_case(), noon(ON))
        assert NEW_FEATURE_CONSENT.id not in {f.rule_id for f in report.findings}

    def test_evaluated_like_any_subject(self):
        """evaluate(answers, as_of) gives a report with the checklist's one finding."""
        report = evaluate(answers(**ALL_YES), noon(ON))
        assert [NEW_FEATURE_CONSENT.id] == [f.rule_id for f in report.findings]
        assert (None, Status.COMPLIANT) == (report.case_id, report.status)
        assert "As of 2025-03-01 12:00" == report.lines("en")[0]  # no case id to show

    @pytest.mark.parametrize("reading", [None, CONSENT_IF_THIRD_PARTY], ids=str)
    def test_every_combination_of_answers(self, reading):
        """All 3^7 = 2,187 combinations agree with the table written out above, under each
        reading."""
        combinations = list(itertools.product(["yes", "no", "unknown"], repeat=len(IDS)))
        assert 3**7 == len(combinations)
        readings = [reading] if reading else []
        for combination in combinations:
            given = dict(zip(IDS, combination, strict=True))
            found = self.finding(answers(**given), noon(ON), readings=readings)
            decision, unmet = expected_decision(given, consent_always=reading is None)
            assert (decision, unmet) == (found.details["decision"], set(found.details["unmet"]))
            assert [q for q in IDS if q in unmet] == found.details["unmet"]  # in question order
            status = Status.COMPLIANT if decision == "proceed" else Status.VIOLATION
            assert status == found.status
            assert ((reading or CONSENT_ALWAYS).id,) == found.readings

    def test_no_third_party_access(self):
        """No third-party access: the third-party follow-ups do not matter; consent does,
        except under consent-if-third-party (the first edition's reading)."""
        given = {"purpose": "yes", "informed": "yes", "third_party_access": "no",
                 "explicit_consent": "no", "consent_quality": "yes"}  # fmt: skip
        found = self.finding(answers(**given), noon(ON))
        assert ("do_not_proceed", ["explicit_consent"]) == (
            found.details["decision"], found.details["unmet"]
        )  # fmt: skip
        first_edition = self.finding(
            answers(**given), noon(ON), readings=["consent-if-third-party"]
        )
        assert ("proceed", []) == (
            first_edition.details["decision"], first_edition.details["unmet"]
        )  # fmt: skip

    def test_unanswered_questions_are_unknown(self):
        """A question left out is unknown, hence unmet."""
        found = self.finding(answers(purpose="yes"), noon(ON))
        assert "do_not_proceed" == found.details["decision"]
        assert IDS[1:] == found.details["unmet"]
        assert Answer.UNKNOWN == answers(purpose="yes").answer("informed")

    def test_messages(self):
        """The message states the decision and the unmet questions in both languages."""
        found = self.finding(answers(**{**ALL_YES, "consent_quality": "unknown"}), noon(ON))
        assert "ne pas aller de l'avant" in found.message("fr")
        assert (
            "questions non satisfaites\u00a0: « S’agit-il d’un consentement explicite, libre et "
            "éclairé ? »"
        ) in found.message("fr")
        assert "do not proceed; unmet: “Is that consent explicit, free and informed?”" in (
            found.message("en")
        )
        assert "consent_quality" not in found.message("fr") + found.message("en")
        assert ["consent_quality"] == found.to_dict()["details"]["unmet"]  # ids stay in JSON

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            # Assessed Sat 2025-03-01: judged once that day has begun in Montreal (EST, -05:00);
            # 00:00 on 03-01 is 24:00 on 02-28, the end of the day before (a plain-date as_of
            # of 02-28), when nothing of the 1st has happened yet.
            ("2025-02-28T23:59:59-05:00", Status.NOT_APPLICABLE),
            ("2025-03-01T00:00:00-05:00", Status.NOT_APPLICABLE),
            ("2025-03-01T00:00:00.000001-05:00", Status.COMPLIANT),
            ("2025-03-01T04:59:59+00:00", Status.NOT_APPLICABLE),  # 23:59:59 on 02-28 in Montreal
            ("2025-03-01T05:00:00.000001+00:00", Status.COMPLIANT),  # the same instant in UTC
        ],
    )
    def test_a_checklist_assessed_after_as_of_is_not_judged(self, as_of, status):
        """Seen before the day of its assessment, the checklist is not judged: not_applicable,
        reason not_yet_assessed, naming the feature and the day."""
        found = self.finding(answers(**ALL_YES), datetime.fromisoformat(as_of))
        assert status == found.status
        if status is Status.NOT_APPLICABLE:
            assert ("not_yet_assessed", ON, "Prise de rendez-vous en ligne") == (
                found.reason,
                found.details["assessed_on"],
                found.details["feature"],
            )
            assert "the checklist is assessed after the evaluation instant" in found.message("en")

    def test_questions_in_both_languages(self):
        """Seven questions with the fixed ids, each in French and English."""
        assert IDS == [question.id for question in QUESTIONS]
        for question in QUESTIONS:
            assert question.text_fr.endswith("?")
            assert question.text_en.endswith("?")


class TestConsentAnswers:
    """Reading the checklist's answers."""

    def test_round_trip(self):
        """from_dict(to_dict(a)) == a."""
        given = answers(**ALL_YES)
        assert given == ConsentAnswers.from_dict(given.to_dict())
        assert given == ConsentAnswers.from_json(
            '{"subject": "qc.emr.consent-assessment", "assessed_on": "2025-03-01", "feature": '
            '"Prise de rendez-vous en ligne", "answers": ' + str(ALL_YES).replace("'", '"') + "}"
        )

    def test_the_json_form_names_its_kind(self):
        """The JSON form carries "subject" first, and a document without it is refused
        naming the key (without it, a document is read as a migration case)."""
        given = answers(**ALL_YES)
        assert ["subject", "feature", "assessed_on", "answers"] == list(given.to_dict())
        document = {key: value for key, value in given.to_dict().items() if key != "subject"}
        with pytest.raises(InvalidCaseError) as raised:
            ConsentAnswers.from_dict(document)
        expected = (
            '$.subject : attendu "qc.emr.consent-assessment" (obligatoire) / '
            '$.subject: expected "qc.emr.consent-assessment" (required)'
        )
        assert expected == str(raised.value)

    @pytest.mark.parametrize(
        ("data", "path"),
        [
            (
                {"answers": {"purpose": "maybe"}},
                r"\$\.answers\.purpose: expected yes, no or unknown",
            ),
            ({"answers": {"purpose": True}}, r"\$\.answers\.purpose"),
            ({"answers": {"colour": "yes"}}, r"\$\.answers\.colour: expected a question id"),
            ({"answers": ["yes"]}, r"\$\.answers: expected a mapping"),
            ({"assessed_on": "2025-02-30"}, r"\$\.assessed_on: expected a real date"),
            ({"assessed_on": None}, r"\$\.assessed_on"),
            (
                {"feature": ""},
                r"\$\.feature: expected text with at least one visible character",
            ),
            ({"extra": 1}, r"\$\.extra: expected one of the known keys"),
        ],
    )
    def test_bad_input_names_the_path(self, data, path):
        """A bad value raises InvalidCaseError with its JSON path."""
        document = {
            "subject": "qc.emr.consent-assessment",
            "assessed_on": "2025-03-01",
            "feature": "X",
            "answers": {},
        } | data
        with pytest.raises(InvalidCaseError, match=path):
            ConsentAnswers.from_dict(document)

    def test_python_construction_checks_too(self):
        """Built in Python, a bad answer names answers.<id>."""
        with pytest.raises(InvalidArgumentError, match=r"answers\.purpose"):
            answers(purpose="oui")

    def test_check_refuses_other_subjects(self):
        """check() wants ConsentAnswers."""
        with pytest.raises(InvalidArgumentError, match="subject: expected a ConsentAnswers"):
            NEW_FEATURE_CONSENT.check({"purpose": "yes"}, noon(ON))  # type: ignore[arg-type]
