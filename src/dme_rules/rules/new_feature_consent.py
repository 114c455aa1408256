"""NEW_FEATURE_CONSENT: the checklist a physician answers before enabling a new EMR feature."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from dme_rules._validation import checked_date
from dme_rules.case import DATE, TEXT, MigrationCase
from dme_rules.errors import InvalidArgumentError, InvalidCaseError
from dme_rules.model import (
    COMPLIANT,
    NOT_APPLICABLE,
    VIOLATION,
    Context,
    Finding,
    Party,
    RuleVersion,
)
from dme_rules.parameters import NoParameters
from dme_rules.rule import Rule
from dme_rules.sources import (
    CONSENT_CHECKLIST_BASIS,
    CONSENT_CHECKLIST_IN_FORCE,
    CONSENT_DUTY,
    CONSENT_IN_SHORT,
)

__all__ = [
    "GUIDANCE_EN",
    "GUIDANCE_FR",
    "NEW_FEATURE_CONSENT",
    "QUESTIONS",
    "Answer",
    "ConsentAnswers",
    "NewFeatureConsent",
    "Question",
]


class Answer(enum.StrEnum):
    """An answer to a checklist question; ``unknown`` counts as unmet."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@attrs.frozen
class Question:
    """One question of the checklist.

    Attributes:
        id: The fixed id (``purpose``).
        text_fr: The question as the notice asks it (French, quoted).
        text_en: The question in English.
    """

    id: str
    text_fr: str
    text_en: str


#: The seven questions, in the notice's order (FMOQ notice of 2022-06-20).
QUESTIONS: tuple[Question, ...] = (
    Question(
        "purpose",
        "Quelle est la raison d’être de cette nouvelle fonctionnalité ? A-t-elle pour objet de "
        "faciliter le suivi médical de mes patients et sert-elle véritablement leurs intérêts ?",
        "What is this new feature for? Does it facilitate the medical follow-up of my patients "
        "and truly serve their interests?",
    ),
    Question(
        "informed",
        "Ai-je été adéquatement informé sur la raison d’être et le fonctionnement de cette "
        "fonctionnalité ?",
        "Was I adequately informed of the feature's purpose and of how it works?",
    ),
    Question(
        "third_party_access",
        "Cette fonctionnalité permet-elle à des tiers, soit des personnes qui ne participent pas "
        "aux soins prodigués aux patients, d’accéder à des renseignements du DMÉ, de les "
        "utiliser ou de les conserver ?",
        "Does the feature let third parties, people not involved in the patients' care, access, "
        "use or keep information from the EMR?",
    ),
    Question(
        "third_party_scope",
        "Si oui, à quels renseignements ont-ils accès, à quelles fins et selon quelles modalités ?",
        "If so, which information do they access, for what purposes and on what terms (and is "
        "that documented)?",
    ),
    Question(
        "data_necessary",
        "Les renseignements auxquels ils ont accès sont-ils absolument nécessaires ?",
        "Is every piece of information they access absolutely necessary?",
    ),
    Question(
        "explicit_consent",
        "Ai-je obtenu un consentement explicite de chacun de mes patients pour utiliser cette "
        "fonctionnalité et communiquer les renseignements qui s’y trouvent à des tiers ?",
        "Did I obtain explicit consent from each of my patients to use the feature and to "
        "disclose the information in it to third parties?",
    ),
    Question(
        "consent_quality",
        "S’agit-il d’un consentement explicite, libre et éclairé ?",
        "Is that consent explicit, free and informed?",
    ),
)

_QUESTION_IDS = tuple(question.id for question in QUESTIONS)
#: The questions that matter only when third parties get access.
_THIRD_PARTY_FOLLOW_UPS = ("third_party_scope", "data_necessary", "explicit_consent",
                           "consent_quality")  # fmt: skip

#: The notice's guidance, in French (quoted) and in English.
GUIDANCE_FR = CONSENT_IN_SHORT.quote_fr
GUIDANCE_EN = (
    "In short, take nothing for granted. Ask questions, get clear answers and make sure you "
    "understand what is at stake. Protecting your patients' data is up to you!"
)


def _answer(value: object, field: str) -> Answer:
    if isinstance(value, str):
        try:
            return Answer(value)
        except ValueError:
            pass
    raise InvalidArgumentError(field, "yes, no or unknown", value, expected_fr="yes, no ou unknown")


def _answers(value: object) -> Mapping[str, Answer]:
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            "answers", "a mapping of question ids to answers", value,
            expected_fr="un dictionnaire des réponses par question",
        )  # fmt: skip
    checked = {}
    for question_id, answer in value.items():
        if question_id not in _QUESTION_IDS:
            raise InvalidArgumentError(
                f"answers.{question_id}",
                "a question id among " + ", ".join(_QUESTION_IDS),
                question_id,
                expected_fr="un identifiant de question parmi " + ", ".join(_QUESTION_IDS),
            )
        checked[question_id] = _answer(answer, f"answers.{question_id}")
    return {
        question_id: checked[question_id] for question_id in _QUESTION_IDS if question_id in checked
    }


def _feature(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgumentError(
            "feature", "the feature's name (a non-empty string)", value,
            expected_fr="le nom de la fonctionnalité (une chaîne non vide)",
        )  # fmt: skip


def _assessed_on(instance: object, attribute: attrs.Attribute[date], value: date) -> None:
    checked_date(value, "assessed_on")


@attrs.frozen
class ConsentAnswers:
    """A physician's answers to the checklist, for one feature, on one day.

    A question left out is ``unknown``.

    Attributes:
        feature: The feature's name.
        assessed_on: The day of the assessment (it selects the rule's version).
        answers: ``yes``, ``no`` or ``unknown`` per question id.
    """

    feature: str = attrs.field(validator=_feature)
    assessed_on: date = attrs.field(validator=_assessed_on)
    answers: Mapping[str, Answer] = attrs.field(converter=_answers, factory=dict)

    def answer(self, question_id: str) -> Answer:
        """The answer to a question; ``unknown`` when it was left out."""
        return self.answers.get(question_id, Answer.UNKNOWN)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConsentAnswers:
        """Read ``{"assessed_on": DATE, "feature": TEXT, "answers": {"purpose": "yes", …}}``.

        Raises:
            InvalidCaseError: A key is unknown or missing, or a value malformed; the message
                names the JSON path (``$.answers.purpose``).
        """
        if not isinstance(data, Mapping):
            raise InvalidCaseError("$", "an object", expected_fr="un objet")
        for key in data:
            if key not in ("assessed_on", "feature", "answers"):
                raise InvalidCaseError(
                    f"$.{key}",
                    "one of the known keys (assessed_on, feature, answers); this key is unknown",
                    expected_fr="une des clés connues (assessed_on, feature, answers) ; "
                    "cette clé est inconnue",
                )
        # The case model's field kinds read the date and the name, with the same messages.
        assessed_on = DATE.parse(data.get("assessed_on"), "$.assessed_on")
        feature = TEXT.parse(data.get("feature"), "$.feature")
        try:
            return cls(feature, assessed_on, data.get("answers", {}))
        except InvalidArgumentError as error:
            raise InvalidCaseError(
                f"$.{error.field}", error.expected, expected_fr=error.expected_fr
            ) from None

    @classmethod
    def from_json(cls, text: str | bytes) -> ConsentAnswers:
        """Read the JSON text of :meth:`from_dict`'s form."""
        try:
            data = json.loads(text)
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidCaseError(
                "$", f"valid JSON ({error})", expected_fr=f"du JSON valide ({error})"
            ) from None
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form read by :meth:`from_dict`."""
        return {
            "assessed_on": self.assessed_on.isoformat(),
            "feature": self.feature,
            "answers": {key: answer.value for key, answer in self.answers.items()},
        }


class NewFeatureConsent(Rule[NoParameters]):
    """Before enabling a new EMR feature, the physician answers the checklist (SPEC §7).

    ``proceed`` only when ``purpose`` and ``informed`` are yes and either
    ``third_party_access`` is no or every third-party question (access, scope, necessity,
    explicit consent, its quality) is yes; otherwise ``do_not_proceed`` with every unmet
    question; ``unknown`` counts as unmet. The finding is compliant for proceed and a
    violation for do_not_proceed; ``details["decision"]`` and ``details["unmet"]`` say which.

    The checklist is evaluated on its own (``NEW_FEATURE_CONSENT.check(answers)``), not on a
    migration case: in :func:`~dme_rules.evaluate` it gives no finding.
    """

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

    def check(self, answers: ConsentAnswers) -> Finding:  # type: ignore[override]
        """The checklist's finding on ``answers``.

        Raises:
            InvalidArgumentError: ``answers`` is not a :class:`ConsentAnswers`.
        """
        if not isinstance(answers, ConsentAnswers):
            raise InvalidArgumentError(
                "answers", "a ConsentAnswers", answers, expected_fr="un ConsentAnswers"
            )
        version = self.version_at(answers.assessed_on)
        details: dict[str, Any] = {"feature": answers.feature, "assessed_on": answers.assessed_on}
        if version is None:
            details.update(
                reason="not_in_force",
                reference_date=answers.assessed_on,
                in_force_from=self.versions[0].effective_from,
            )
            return self.outcome(None, NOT_APPLICABLE, details=details)
        decision, unmet = self.decide(answers)
        details.update(decision=decision, unmet=unmet)
        status = COMPLIANT if decision == "proceed" else VIOLATION
        return self.outcome(version, status, details=details)

    def findings(self, case: MigrationCase, context: Context) -> list[Finding]:
        """None: the checklist is not part of a migration case."""
        return []

    def explain(self, finding: Finding, lang: str) -> list[str]:
        decision = finding.details.get("decision")
        if decision is None:
            return []
        fr = lang == "fr"
        words = {
            "proceed": ("aller de l'avant", "proceed"),
            "do_not_proceed": ("ne pas aller de l'avant", "do not proceed"),
        }
        phrases = [
            f"« {finding.details['feature']} » : " + words[decision][0]
            if fr
            else f"“{finding.details['feature']}”: " + words[decision][1]
        ]
        if finding.details["unmet"]:
            joined = ", ".join(finding.details["unmet"])
            phrases.append(f"questions non satisfaites : {joined}" if fr else f"unmet: {joined}")
        return phrases


NEW_FEATURE_CONSENT = NewFeatureConsent(
    id="qc.emr.new-feature-consent",
    title_fr="Questions avant d'utiliser une nouvelle fonctionnalité du DME",
    title_en="Checklist before using a new EMR feature",
    obligated_party=Party.PHYSICIAN,
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
