"""NEW_FEATURE_CONSENT: the checklist a physician answers before enabling a new EMR feature."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import NO_DETAILS, Finding
from dme_rules.engine.rule import NoParameters, Note, Rule, RuleVersion
from dme_rules.engine.status import Status
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.sources import (
    CONSENT_CHECKLIST_BASIS,
    CONSENT_CHECKLIST_IN_FORCE,
    CONSENT_DUTY,
    CONSENT_IN_SHORT,
)
from dme_rules.jurisdictions.qc.subjects.consent_answers import Answer, ConsentAnswers

__all__ = ["NEW_FEATURE_CONSENT", "NewFeatureConsentRule"]

#: The questions that matter only when third parties get access.
_THIRD_PARTY_FOLLOW_UPS = ("third_party_scope", "data_necessary", "explicit_consent",
                           "consent_quality")  # fmt: skip


class NewFeatureConsentRule(Rule[NoParameters, ConsentAnswers]):
    """Before enabling a new EMR feature, the physician answers the checklist (SPEC §7).

    ``proceed`` only when ``purpose`` and ``informed`` are yes and either
    ``third_party_access`` is no or every third-party question (access, scope, necessity,
    explicit consent, its quality) is yes; otherwise ``do_not_proceed`` with every unmet
    question; ``unknown`` counts as unmet. The finding is compliant for proceed and a
    violation for do_not_proceed; ``details["decision"]`` and ``details["unmet"]`` say which.

    Its subject is the physician's :class:`ConsentAnswers`, evaluated like any other subject:
    ``evaluate(answers, as_of)`` or ``NEW_FEATURE_CONSENT.check(answers, as_of)``; the
    version is the one in force on the day of the assessment.
    """

    subject = ConsentAnswers

    def decide(self, answers: ConsentAnswers) -> tuple[str, list[str]]:
        """The decision (``proceed`` or ``do_not_proceed``) and the unmet question ids."""
        unmet = [qid for qid in ("purpose", "informed") if answers.answer(qid) is not Answer.YES]
        if answers.answer("third_party_access") is not Answer.NO:
            unmet += [
                qid
                for qid in ("third_party_access", *_THIRD_PARTY_FOLLOW_UPS)
                if answers.answer(qid) is not Answer.YES
            ]
        return ("do_not_proceed" if unmet else "proceed"), unmet

    def not_in_force(
        self,
        subject: ConsentAnswers,
        *,
        day: date | None = None,
        details: Mapping[str, Any] = NO_DETAILS,
    ) -> Finding:
        """``not_applicable`` before the checklist's date, naming the feature and the day."""
        named = {"feature": subject.feature, "assessed_on": subject.assessed_on, **details}
        return super().not_in_force(subject, day=day, details=named)

    def formula_2022_06(
        self, version: RuleVersion[NoParameters], answers: ConsentAnswers, context: Context
    ) -> Finding:
        """From 2022-06-20 (FMOQ notice): proceed only when every question that matters is
        answered yes."""
        decision, unmet = self.decide(answers)
        details: dict[str, Any] = {
            "feature": answers.feature,
            "assessed_on": answers.assessed_on,
            "decision": decision,
            "unmet": unmet,
        }
        status = Status.COMPLIANT if decision == "proceed" else Status.VIOLATION
        return self.outcome(version, status, details=details)

    def notes(self, finding: Finding) -> list[Note]:
        """The feature and the decision, then the unmet questions."""
        details = finding.details
        decision = details.get("decision")
        if decision is None:
            return []
        notes = [
            self.note("decision", feature=details["feature"], decision=f"{self.id}.{decision}")
        ]
        if details["unmet"]:
            notes.append(self.note("unmet", questions=details["unmet"]))
        return notes


NEW_FEATURE_CONSENT = NewFeatureConsentRule(
    id="qc.emr.new-feature-consent",
    title_fr="Questions avant d'utiliser une nouvelle fonctionnalité du DME",
    title_en="Checklist before using a new EMR feature",
    obligated_party=Party.PHYSICIAN,
    position=110,
    versions=(
        RuleVersion(
            version="1",
            effective_from=CONSENT_CHECKLIST_IN_FORCE,
            effective_to=None,
            effective_basis=CONSENT_CHECKLIST_BASIS,
            parameters=NoParameters(),
            citations=(CONSENT_DUTY, CONSENT_IN_SHORT),
            summary_en=(
                "Before using a new EMR feature, the physician makes sure it serves the "
                "patients, that they were informed of it, and that any third-party access is "
                "documented, necessary and consented to explicitly, freely and knowingly."
            ),
        ),
    ),
)
