"""NEW_FEATURE_CONSENT: the checklist a physician answers before enabling a new EMR feature."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import NO_DETAILS, Finding
from dme_rules.engine.readings import Reading
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import NoParameters, RuleVersion
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.readings import CONSENT_ALWAYS, CONSENT_IF_THIRD_PARTY
from dme_rules.jurisdictions.qc.sources import (
    CONSENT_CHECKLIST,
    CONSENT_DUTY,
    CONSENT_IN_SHORT,
)
from dme_rules.jurisdictions.qc.subjects.consent_answers import Answer, ConsentAnswers

__all__ = ["NEW_FEATURE_CONSENT", "NewFeatureConsentRule"]

#: The questions that matter only when third parties get access.
_THIRD_PARTY_FOLLOW_UPS = ("third_party_scope", "data_necessary")
#: The consent questions: always asked under ``consent-always``, else with the third-party ones.
_CONSENT_QUESTIONS = ("explicit_consent", "consent_quality")


class NewFeatureConsentRule(Rule[NoParameters, ConsentAnswers]):
    """Before enabling a new EMR feature, the physician answers the checklist.

    ``proceed`` only when ``purpose``, ``informed``, ``explicit_consent`` and
    ``consent_quality`` are yes and either ``third_party_access`` is no or ``third_party_scope``
    and ``data_necessary`` are yes too (reading ``consent-always``, the default); under
    ``consent-if-third-party`` the two consent questions are asked only when third parties
    get access. Otherwise ``do_not_proceed`` with every unmet question; ``unknown`` counts as
    unmet (an unknown ``third_party_access`` is itself unmet). The finding is compliant for
    proceed and a violation for do_not_proceed; ``details["decision"]`` and
    ``details["unmet"]`` say which.

    Its subject is the physician's :class:`ConsentAnswers`, evaluated like any other subject:
    ``evaluate(answers, as_of)`` or ``NEW_FEATURE_CONSENT.check(answers, as_of)``; the
    version is the one in force on the day of the assessment. A checklist assessed after
    ``as_of`` is not judged: ``not_applicable``, reason ``not_yet_assessed``.
    """

    subject = ConsentAnswers

    def decide(
        self, answers: ConsentAnswers, reading: Reading | None = None
    ) -> tuple[str, list[str]]:
        """The decision (``proceed`` or ``do_not_proceed``) and the unmet question ids, in
        the checklist's order, under ``reading`` (``consent-always`` by default)."""
        version = self.version_at(answers.assessed_on) or self.versions[-1]
        reading = version.choice("consent", version.check_choice(reading))
        asked = ["purpose", "informed", "third_party_access"]
        third_party = answers.answer("third_party_access") is not Answer.NO
        if third_party:
            asked += _THIRD_PARTY_FOLLOW_UPS
        # consent-always asks for consent in every case; consent-if-third-party only when
        # third parties get access (an unknown access asks for it no more than a "no").
        if reading.id == CONSENT_ALWAYS.id or answers.answer("third_party_access") is Answer.YES:
            asked += _CONSENT_QUESTIONS
        unmet = [
            qid
            for qid in asked
            # A third_party_access of "no" is a met answer: it is the one not asked to be yes.
            if not (qid == "third_party_access" and not third_party)
            and answers.answer(qid) is not Answer.YES
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

    def not_started(self, subject: ConsentAnswers) -> Finding:
        """``not_applicable``: the checklist is assessed after the evaluation's instant (not
        answered yet as it stood then), naming the feature and the day."""
        found = super().not_started(subject)
        named = {"feature": subject.feature, "assessed_on": subject.assessed_on}
        return found._replace(details={**named, **found.details})

    def formula_2022_06(
        self, version: RuleVersion[NoParameters], answers: ConsentAnswers, context: Context
    ) -> Finding:
        """From 2022-06-20 (FMOQ notice): proceed only when every question that matters is
        answered yes."""
        decision, unmet = self.decide(answers, version.choice("consent", context.readings))
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
            texts = [f"{self.id}.question-{qid}" for qid in details["unmet"]]
            notes.append(self.note("unmet", questions=texts))
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
            period=CONSENT_CHECKLIST,
            parameters=NoParameters(),
            citations=(CONSENT_DUTY, CONSENT_IN_SHORT),
            readings=(CONSENT_ALWAYS,),
            alternatives=(CONSENT_IF_THIRD_PARTY,),
            summary_en=(
                "Before using a new EMR feature, the physician makes sure it serves the "
                "patients, that the physician was adequately informed of it, that any "
                "third-party access is documented and necessary, and that the patients consent "
                "explicitly, freely and knowingly (by default, whether or not third parties "
                "have access)."
            ),
            summary_fr=(
                "Avant d'utiliser une nouvelle fonctionnalité du DMÉ, le médecin s'assure qu'elle "
                "sert les patients, qu'il en a lui-même été adéquatement informé, que tout accès "
                "de tiers est documenté et nécessaire, et que les patients y consentent de "
                "manière explicite, libre et éclairée (par défaut, que des tiers y aient accès "
                "ou non)."
            ),
        ),
    ),
)
