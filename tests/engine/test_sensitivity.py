"""sensitivity(): each finding under every other reading its version allows (SPEC §3.2)."""

from __future__ import annotations

import json
import pickle
from datetime import date

import pytest

from dme_rules import (
    CIVIL_PROCEDURE,
    PROCEDURE_2024,
    InvalidArgumentError,
    Status,
    evaluate,
    sensitivity,
)

from ..cases import at, change, spec_case, spec_example

AS_OF = at("2025-09-01T12:00:00-04:00")


def entry(found, rule_id):
    return next(e for e in found.findings if e.finding.rule_id == rule_id)


class TestSensitivity:
    def test_the_base_is_the_evaluation(self):
        """The report under the chosen readings is evaluate()'s, finding for finding."""
        found = sensitivity(spec_case(), AS_OF)
        assert evaluate(spec_case(), AS_OF) == found.report
        assert [e.finding for e in found.findings] == list(found.report.findings)

    def test_each_alternative_alone(self):
        """The import finding of the SPEC case lists each alternative its version allows, in
        the version's order, each with the finding evaluate() gives under it alone."""
        found = entry(sensitivity(spec_case(), AS_OF), "qc.migration.import-deadline")
        assert [r.id for r, _ in found.alternatives] == [
            "civil-procedure", "interpretation-act", "scope-required",
            "transmission-starts-process", "clinic-delay-noted", "labour-standards-calendar",
        ]  # fmt: skip
        for reading, other in found.alternatives:
            alone = evaluate(spec_case(), AS_OF, readings=[reading])
            assert alone.finding("qc.migration.import-deadline") == other

    def test_robust_and_flips(self):
        """Fri 06-20 + 45 days = Mon 08-04 under civil-procedure: the import of 08-05 is late;
        every other reading keeps it compliant."""
        found = entry(sensitivity(spec_case(), AS_OF), "qc.migration.import-deadline")
        assert (False, ("civil-procedure",)) == (found.robust, found.flips)
        cap = entry(sensitivity(spec_case(), AS_OF), "qc.migration.import-fee-cap")
        assert (True, (), ()) == (cap.robust, cap.flips, cap.alternatives)

    def test_a_chosen_alternative_makes_the_default_an_alternative(self):
        """Chosen civil-procedure, the findings are judged under it, and procedure-2024 is
        what the sensitivity tries instead."""
        found = sensitivity(spec_case(), AS_OF, readings=["civil-procedure"])
        imported = entry(found, "qc.migration.import-deadline")
        assert Status.VIOLATION == imported.finding.status
        assert PROCEDURE_2024 in [reading for reading, _ in imported.alternatives]
        assert CIVIL_PROCEDURE not in [reading for reading, _ in imported.alternatives]
        assert ("procedure-2024",) == imported.flips

    def test_the_spec_example_file(self):
        """The SPEC's own example (access planned for 90 days): ninety-days turns the
        calendar compliant, civil-procedure the import late (06-20 + 45 days = Mon 08-04,
        completed 08-05), confirm-same-day the import's confirmation late (completed 08-05,
        confirmed 08-06), office-hours the complaint pending."""
        found = sensitivity(spec_example(), AS_OF)
        assert ("civil-procedure", "confirm-same-day", "ninety-days", "office-hours") == (
            found.flips()
        )
        assert not found.robust

    def test_json(self):
        """SPEC §3.2's keys (with each finding's due date beside its status)."""
        document = json.loads(sensitivity(spec_case(), AS_OF).to_json())
        assert {"case_id", "as_of", "findings"} == set(document)
        assert ("2025-0147", AS_OF.isoformat()) == (document["case_id"], document["as_of"])
        first = document["findings"][0]
        assert {"rule_id", "status", "due", "robust", "alternatives"} == set(first)
        assert {"reading", "status", "due"} == set(first["alternatives"][0])

    def test_text_in_both_languages(self):
        """A heading, a table and a summary naming the readings that turn a status."""
        found = sensitivity(spec_case(), AS_OF)
        flips = "civil-procedure, confirm-same-day, office-hours"
        assert f"lectures qui changent un statut\u00a0: {flips}" in str(found)
        assert found.lines("en")[-1].endswith(flips)

    def test_a_case_that_depends_on_no_reading(self):
        """Seen before its request, every finding is not_applicable under every reading."""
        found = sensitivity(spec_case(), at("2025-06-20T16:44:59-04:00"))
        assert found.robust
        assert () == found.flips()

    def test_consent_answers(self):
        """The checklist's answers without consent: do_not_proceed, proceed under the first
        edition's reading."""
        from dme_rules import ConsentAnswers

        answers = ConsentAnswers(feature="Agenda", assessed_on=date(2025, 3, 1), answers={
            "purpose": "yes", "informed": "yes", "third_party_access": "no"})  # fmt: skip
        (only,) = sensitivity(answers, AS_OF).findings
        assert (Status.VIOLATION, ("consent-if-third-party",)) == (only.finding.status, only.flips)

    def test_pickles(self):
        """A sensitivity pickles and unpickles equal (for a process pool)."""
        found = sensitivity(change(spec_case(), standard_scope=None), AS_OF)
        assert found == pickle.loads(pickle.dumps(found))

    def test_bad_arguments_are_evaluate_s(self):
        """The arguments are checked as evaluate() checks them."""
        with pytest.raises(InvalidArgumentError, match="readings"):
            sensitivity(spec_case(), AS_OF, readings=["no-such-reading"])
