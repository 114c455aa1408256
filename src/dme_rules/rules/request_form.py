"""REQUEST_FORM: the signed, authorized form goes to both vendors and to the BCH."""

from __future__ import annotations

from typing import Any

from dme_rules.case import MigrationCase
from dme_rules.directory import Solution, find_solution
from dme_rules.model import COMPLIANT, VIOLATION, Context, Finding, Party, RuleVersion
from dme_rules.parameters import RequestRecipients
from dme_rules.rule import Rule
from dme_rules.sources import (
    PROCEDURE_BASIS,
    PROCEDURE_BCH_ADDRESS,
    PROCEDURE_CLINIC_AUTHORIZATION,
    PROCEDURE_FORM,
    PROCEDURE_IN_FORCE,
)

__all__ = ["REQUEST_FORM", "RequestFormRule"]


def _required_addresses(solutions: tuple[Solution | None, ...], bch_address: str) -> list[str]:
    """Each known solution's migration address once, then the BCH's."""
    addresses: list[str] = []
    for solution in solutions:
        if solution is not None and solution.migration_address not in addresses:
            addresses.append(solution.migration_address)
    return [*addresses, bch_address]


class RequestFormRule(Rule[RequestRecipients]):
    """The request form is signed, carries the written authorization of the clinic that holds
    the vendor contract, and is sent to both vendors' migration addresses and to the BCH.

    The vendors' addresses come from the certified directory. A violation lists every fault
    (``details["faults"]``, ``details["missing_recipients"]``); without a violation, a missing
    fact or a solution outside the directory (whose address cannot be checked) gives
    ``insufficient_data``.
    """

    def recipients(self, source_solution: str, target_solution: str) -> list[str]:
        """The addresses a request form must reach; unknown solutions have none.

        >>> REQUEST_FORM.recipients("Toubib", "omnimed")
        ['importations@omnimed.com', 'certification.homologation@msss.gouv.qc.ca']
        """
        solutions = (find_solution(source_solution), find_solution(target_solution))
        return _required_addresses(solutions, self.version_for(None).parameters.bch_address)

    def assess(
        self, version: RuleVersion[RequestRecipients], case: MigrationCase, context: Context
    ) -> Finding:
        form = case.request_form
        if form is None:
            return self.insufficient(version, "$.request_form")
        faults: list[str] = []
        missing: list[str] = []
        for field, value, fault in (
            ("signed", form.signed, "not_signed"),
            ("clinic_authorization", form.clinic_authorization, "no_clinic_authorization"),
        ):
            if value is None:
                missing.append(f"$.request_form.{field}")
            elif not value:
                faults.append(fault)
        details: dict[str, Any] = {}
        source, target = case.source, case.target
        unknown: list[tuple[str, str]] = []
        if source is None or target is None:  # outside the directory: no address to check
            unknown = [
                (path, name)
                for path, name, solution in (
                    ("$.source_solution", case.source_solution, source),
                    ("$.target_solution", case.target_solution, target),
                )
                if solution is None
            ]
            details["unknown_solutions"] = [name for _, name in unknown]
        if form.sent_to is None:
            missing.append("$.request_form.sent_to")
        else:
            required = _required_addresses((source, target), version.parameters.bch_address)
            sent = set(map(str.casefold, map(str.strip, form.sent_to)))
            if not sent.issuperset(map(str.casefold, required)):
                faults.append("recipients_missing")
                details["missing_recipients"] = [a for a in required if a.casefold() not in sent]
        if faults:
            details["faults"] = faults
            return self.outcome(version, VIOLATION, details=details)
        if unknown:
            missing += [path for path, _ in unknown]
        if missing:
            details["missing_all"] = missing
            return self.insufficient(version, missing[0], details=details)
        return self.outcome(version, COMPLIANT, details=details)

    def explain(self, finding: Finding, lang: str) -> list[str]:
        words = {
            "not_signed": ("formulaire non signé", "form not signed"),
            "no_clinic_authorization": (
                "sans l'autorisation écrite de la clinique",
                "without the clinic's written authorization",
            ),
        }
        phrases = [
            words[f][0 if lang == "fr" else 1]
            for f in finding.details.get("faults", ())
            if f in words
        ]
        absent = finding.details.get("missing_recipients")
        if absent:
            joined = ", ".join(absent)
            phrases.append(f"non transmis à {joined}" if lang == "fr" else f"not sent to {joined}")
        unknown = finding.details.get("unknown_solutions")
        if unknown:
            joined = ", ".join(unknown)
            phrases.append(
                f"solution hors du répertoire des DMÉ certifiés : {joined}"
                if lang == "fr"
                else f"solution outside the certified EMR directory: {joined}"
            )
        return phrases


REQUEST_FORM = RequestFormRule(
    id="qc.migration.request-form",
    title_fr="Formulaire de demande de migration",
    title_en="Migration request form",
    obligated_party=Party.CLINIC,
    versions=(
        RuleVersion(
            version="1",
            effective_from=PROCEDURE_IN_FORCE,
            effective_to=None,
            effective_basis=PROCEDURE_BASIS,
            parameters=RequestRecipients(bch_address="certification.homologation@msss.gouv.qc.ca"),
            citations=(PROCEDURE_FORM, PROCEDURE_CLINIC_AUTHORIZATION, PROCEDURE_BCH_ADDRESS),
            summary_en=(
                "The request form is duly filled in and signed, carries the written "
                "authorization of the clinic that holds the vendor contract, and is e-mailed to "
                "both vendors and to the BCH."
            ),
        ),
    ),
)
