"""Tests of Quebec's message catalogue: every code is used, every code used has words."""

from __future__ import annotations

from dme_rules import QUEBEC, RULES, evaluate
from dme_rules.engine.subjects import Subject

from ...test_examples import EXPECTED, at, load

MESSAGES = QUEBEC.messages
#: The prefixes of the words the applications show of the pack (its features).
APPLICATIONS = ("calendar.", "command.", "deadlines.", "timeline.")


def codes(prefix: str) -> set[str]:
    return {code.removeprefix(prefix) for code in MESSAGES.texts if code.startswith(prefix)}


class TestQuebecMessages:
    """The catalogue and the rules agree."""

    def test_parties(self):
        """Each party has words, and each party's words belong to a party."""
        assert set(QUEBEC.parties) == codes("party.")

    def test_every_reason_said_is_declared(self):
        """Each reason the catalogue says is a reason some Quebec rule declares, or the one a
        Quebec subject gives before it starts."""
        declared = {reason for rule in RULES.values() for reason in rule.reasons}
        declared |= {
            subject.not_started_reason
            for subject in QUEBEC.subjects
            if subject.started_at is not Subject.started_at  # a subject that has a start
        }
        assert declared == codes("reason.")

    def test_notes_belong_to_rules(self):
        """Each rule-specific code starts with the id of a Quebec rule."""
        notes = {
            code
            for code in MESSAGES.texts
            if not code.startswith(
                (
                    "party.",
                    "reason.",
                    "format.",
                    "explain.",
                    "zone.",
                    "calendar_item.",
                    *APPLICATIONS,
                )
            )
        }
        assert notes
        assert all(code.rsplit(".", 1)[0] in RULES for code in notes), notes

    def test_every_note_of_the_examples_has_words(self):
        """Every note the rules add to the example reports' findings is in the catalogue."""
        said = set()
        for name, (as_of, _, _) in EXPECTED.items():
            for finding in evaluate(load(name), at(as_of)).findings:
                said |= {code for code, _ in RULES[finding.rule_id].notes(finding)}
        assert said
        assert {code for code in said if code not in MESSAGES} == set()
