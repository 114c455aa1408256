"""A physician's answers to the checklist before enabling a new EMR feature.

The checklist's JSON is ``{"assessed_on": DATE, "feature": TEXT, "answers": {…}}``, with an
optional ``"subject": "qc.emr.consent-assessment"``; it is read with the same strictness as a
migration case (unknown keys refused, the JSON path named).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime, time

import attrs

from dme_rules.engine.jsonform import key_path
from dme_rules.engine.kinds import DATE, TEXT, Kind, required
from dme_rules.engine.subjects import Subject
from dme_rules.errors import InvalidArgumentError, InvalidCaseError
from dme_rules.jurisdictions.qc.counting import MONTREAL

__all__ = ["QUESTIONS", "Answer", "ConsentAnswers", "Question"]


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


def _answer(value: object, field: str) -> Answer:
    if isinstance(value, str):
        try:
            return Answer(value)
        except ValueError:
            pass
    raise InvalidArgumentError(field, "yes, no or unknown", value, expected_fr="yes, no ou unknown")


def _check_answers(value: object, field: str) -> Mapping[str, Answer]:
    """The answers by question id, in the questions' order; each checked, naming its id."""
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            field, "a mapping of question ids to answers", value,
            expected_fr="un dictionnaire des réponses par question",
        )  # fmt: skip
    checked = {}
    for question_id, answer in value.items():
        if not isinstance(question_id, str) or question_id not in _QUESTION_IDS:
            raise InvalidArgumentError(
                key_path(field, question_id),
                "a question id among " + ", ".join(_QUESTION_IDS),
                question_id,
                expected_fr="un identifiant de question parmi " + ", ".join(_QUESTION_IDS),
            )
        checked[question_id] = _answer(answer, f"{field}.{question_id}")
    return {qid: checked[qid] for qid in _QUESTION_IDS if qid in checked}


def _parse_answers(value: object, path: str) -> Mapping[str, Answer]:
    try:
        return _check_answers(value, path)
    except InvalidArgumentError as error:
        raise InvalidCaseError(error.field, error.expected, expected_fr=error.expected_fr) from None


#: The kind of the answers field: yes, no or unknown by question id.
ANSWERS = Kind(
    "a mapping of question ids to answers",
    "un dictionnaire des réponses par question",
    _check_answers,
    _parse_answers,
    lambda answers: {question_id: answer.value for question_id, answer in answers.items()},
    schema={
        "type": "object",
        "propertyNames": {"enum": list(_QUESTION_IDS)},
        "additionalProperties": {"enum": [answer.value for answer in Answer]},
    },
)


def _to_answers(value: object) -> object:
    """A mapping of answers in the questions' order (checked first: an error names the id)."""
    return _check_answers(value, "answers")


@attrs.frozen
class ConsentAnswers(Subject):
    """A physician's answers to the checklist, for one feature, on one day.

    A question left out is ``unknown``.

    Attributes:
        feature: The feature's name.
        assessed_on: The day of the assessment (it selects the rule's version).
        answers: ``yes``, ``no`` or ``unknown`` per question id.
    """

    kind = "qc.emr.consent-assessment"
    schema_name = "consent"
    reference_field = "$.assessed_on"
    #: Its JSON form names its kind, as its schema requires (without the key, a document is
    #: read as a migration case; the ``consent`` command adds the key to a file without it).
    subject_key_required = True

    feature: str = required(TEXT)
    assessed_on: date = required(DATE)
    answers: Mapping[str, Answer] = attrs.field(
        converter=_to_answers, factory=dict, metadata={"kind": ANSWERS}
    )

    @property
    def subject_id(self) -> None:
        """Always ``None``, since a checklist has no id of its own (its feature names what it is
        about)."""
        return None

    @property
    def reference_date(self) -> date:
        """The day of the assessment, which selects the version of the checklist."""
        return self.assessed_on

    #: Seen before the day of its assessment, the checklist has not been answered yet.
    not_started_reason = "not_yet_assessed"

    @property
    def started_at(self) -> datetime:
        """The start of the assessment's day in Montreal (midnight), before which the
        checklist is not judged (``not_applicable``, as of an earlier instant)."""
        return datetime.combine(self.assessed_on, time.min, MONTREAL)

    def answer(self, question_id: str) -> Answer:
        """The answer to a question; ``unknown`` when it was left out."""
        return self.answers.get(question_id, Answer.UNKNOWN)
