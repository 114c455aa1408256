"""CommonRuleTests: what every rule's test class inherits (STYLE: one base, every rule)."""

from __future__ import annotations

import importlib
import itertools
from datetime import date, datetime
from typing import Any, ClassVar

from dme_rules import (
    JURISDICTIONS,
    RULES,
    Finding,
    MigrationCase,
    Period,
    Rule,
    Status,
    evaluate,
)

from .cases import noon, sent_on

#: The keys of a finding's JSON form (SPEC §8, plus business_days_left).
FINDING_KEYS = {
    "rule_id",
    "rule_version",
    "status",
    "obligated_party",
    "due",
    "act_on",
    "days_late",
    "business_days_late",
    "days_left",
    "business_days_left",
    "amount",
    "cap",
    "interpretation",
    "readings",
    "reason",
    "message",
    "citations",
    "details",
}


class CommonRuleTests:
    """Inherited by each rule's test class, which sets ``rule``, ``constant`` and ``examples``.

    ``examples`` maps each status the rule can reach to a (subject, as_of) that reaches it;
    ``unreachable`` names the statuses the rule cannot give, with the reason. A rule whose
    version is not chosen by the request date, or whose subject is not a migration case,
    overrides :meth:`subject_on` and :meth:`finding`.
    """

    rule: ClassVar[Rule[Any]]
    constant: ClassVar[str]
    examples: ClassVar[dict[Status, tuple[MigrationCase, datetime]]]
    unreachable: ClassVar[dict[Status, str]] = {}

    def finding(self, case: Any, as_of: datetime, **options: Any) -> Finding:
        """The rule's one finding on a subject (a case by default)."""
        (found,) = self.rule.check(case, as_of, **options)
        return found

    def subject_on(self, day: date) -> Any:
        """A subject whose reference date (the one choosing the version) is ``day``."""
        return sent_on(day)

    def test_registered_under_its_id(self):
        """The rule is in its pack's registry under its id; a Quebec rule is also exported
        under its name and its first-edition constant from dme_rules and dme_rules.rules."""
        import dme_rules
        import dme_rules.rules

        pack = JURISDICTIONS[self.rule.id.partition(".")[0]]
        assert self.rule is pack.rules[self.rule.id]
        if pack.id != "qc":
            return
        assert self.rule is RULES[self.rule.id]
        for constant in {self.rule.name, self.constant}:
            assert self.rule is getattr(dme_rules, constant)
            assert self.rule is getattr(dme_rules.rules, constant)

    def test_module_class_and_constant_named_for_the_id(self):
        """The id's last segment names the module, the constant and the class: one step
        from ``qc.migration.import-deadline`` to ``import_deadline.IMPORT_DEADLINE``."""
        jurisdiction = self.rule.id.partition(".")[0]
        name = self.rule.id.rsplit(".", 1)[-1]
        module_name = name.replace("-", "_")
        module = importlib.import_module(
            f"dme_rules.jurisdictions.{jurisdiction}.rules.{module_name}"
        )
        assert self.rule is getattr(module, module_name.upper())
        camel = "".join(part.title() for part in name.split("-"))
        assert f"{camel}Rule" == type(self.rule).__name__

    def test_titles_and_party(self):
        """The rule has French and English titles and a party of its jurisdiction."""
        assert self.rule.title_fr
        assert self.rule.title_en
        pack = JURISDICTIONS[self.rule.id.partition(".")[0]]
        assert set(self.rule.obligated_party.split("+")) <= set(pack.parties)

    def test_reasons_have_words_in_both_languages(self):
        """Every reason code the rule declares has a French and an English text."""
        messages = JURISDICTIONS[self.rule.id.partition(".")[0]].messages
        for reason in self.rule.reasons:
            for lang in ("fr", "en"):
                assert messages.template(f"reason.{reason}", lang).strip(), (reason, lang)

    def test_dated_methods_say_their_period(self):
        """Each dated method (formula or dated piece) names in its docstring the first day it
        judges: the effective date of the earliest version it serves (STYLE)."""
        served: dict[str, date] = {}
        for version in self.rule.versions:
            for name in self.rule.dated_pieces(version).values():
                served.setdefault(name, version.effective_from)
        for name, first_day in served.items():
            doc = getattr(type(self.rule), name).__doc__ or ""
            assert first_day.isoformat() in doc, name

    def test_every_version_cited_with_a_quote(self):
        """Each version cites at least one passage, quoted in French, with its document."""
        for version in self.rule.versions:
            assert version.citations, version.version
            for citation in version.citations:
                assert citation.quote_fr.strip()
                assert citation.section
                assert citation.document.title
                assert citation.document.issuer

    def test_versions_sorted_and_not_overlapping(self):
        """Versions are in order; each ends before the next starts; only the last is open."""
        versions = self.rule.versions
        for earlier, later in itertools.pairwise(versions):
            assert earlier.effective_to is not None
            assert earlier.effective_to < later.effective_from
        assert [v.effective_from for v in versions] == sorted(v.effective_from for v in versions)

    def test_effective_dates_have_a_basis(self):
        """Each version records why its dates are what they are, in English and French."""
        for version in self.rule.versions:
            assert version.effective_basis.strip()
            assert version.effective_basis_fr.strip()

    def test_each_version_names_a_period_of_its_packs_sources(self):
        """A version's period is one the pack's sources declare (once per legal text), not
        dates written in the rule's module."""
        jurisdiction = self.rule.id.partition(".")[0]
        sources = importlib.import_module(f"dme_rules.jurisdictions.{jurisdiction}.sources")
        declared = [value for value in vars(sources).values() if isinstance(value, Period)]
        for version in self.rule.versions:
            assert any(version.period is period for period in declared), version.version

    def test_day_before_and_day_of_each_effective_from(self):
        """A request the day before a version is under the previous one (or none); the day of,
        under it."""
        previous = None
        for version in self.rule.versions:
            start = version.effective_from
            before = self.finding(self.subject_on(start - _day()), noon(start + _days(400)))
            on = self.finding(self.subject_on(start), noon(start + _days(400)))
            if previous is None:
                assert Status.NOT_APPLICABLE == before.status
                assert before.rule_version is None
                assert "not_in_force" == before.details["reason"]
            else:
                assert previous.version == before.rule_version
            assert version.version == on.rule_version
            previous = version

    def test_every_status_reachable(self):
        """Each status is reached by an example, or declared unreachable with a reason."""
        assert set(Status) == set(self.examples) | set(self.unreachable)
        assert not set(self.examples) & set(self.unreachable)
        for status, (case, as_of) in self.examples.items():
            assert status == self.finding(case, as_of).status, status

    def test_examples_have_messages_in_both_languages(self):
        """Every example's finding has a French and an English message."""
        for case, as_of in self.examples.values():
            found = self.finding(case, as_of)
            french, english = found.message("fr"), found.message("en")
            assert self.rule.title_fr in french
            assert self.rule.title_en in english
            assert found.status.label("fr") in french
            assert found.status.label("en") in english

    def test_examples_serialize_with_the_spec_keys(self):
        """A finding's JSON form has exactly the SPEC §8 keys."""
        for case, as_of in self.examples.values():
            document = self.finding(case, as_of).to_dict()
            assert FINDING_KEYS == set(document)
            assert self.rule.id == document["rule_id"]

    def test_evaluate_reports_the_same_finding(self):
        """evaluate() includes the rule's finding, identical to check()."""
        for case, as_of in self.examples.values():
            report = evaluate(case, as_of)
            assert self.finding(case, as_of) == report.finding(self.rule.id)

    def test_findings_judge_a_started_subject_as_judge_does(self):
        """On a subject that has started, findings() gives what judge() gives (findings runs
        judge's steps inline for a rule that does not override them)."""
        pack = JURISDICTIONS[self.rule.id.partition(".")[0]]
        for case, as_of in self.examples.values():
            context = pack.context(as_of)
            started = case.started_at is None or case.started_at <= as_of
            if started:
                assert self.rule.judge(case, context) == self.rule.findings(case, context)


def _day():
    return _days(1)


def _days(n: int):
    from datetime import timedelta

    return timedelta(days=n)


__all__ = ["FINDING_KEYS", "CommonRuleTests", "date"]
