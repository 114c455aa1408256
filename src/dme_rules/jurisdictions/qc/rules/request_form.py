"""REQUEST_FORM: the signed, authorized form goes to both vendors and to the BCH."""

from __future__ import annotations

from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.qc.directory import BCH_ADDRESS, Solution, find_solution
from dme_rules.jurisdictions.qc.parameters import RequestRecipients
from dme_rules.jurisdictions.qc.parties import Party
from dme_rules.jurisdictions.qc.sources import (
    PROCEDURE,
    PROCEDURE_BCH_ADDRESS,
    PROCEDURE_CLINIC_AUTHORIZATION,
    PROCEDURE_FORM,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = ["REQUEST_FORM", "RequestFormRule"]

#: The faults a message names on their own (missing recipients are named by address).
_FAULTS_NAMED = ("not_signed", "no_clinic_authorization")


def _required_addresses(solutions: tuple[Solution | None, ...], bch_address: str) -> list[str]:
    """Each known solution's migration address once, then the BCH's."""
    addresses: list[str] = []
    for solution in solutions:
        if solution is not None and solution.migration_address not in addresses:
            addresses.append(solution.migration_address)
    return [*addresses, bch_address]


class RequestFormRule(Rule[RequestRecipients, MigrationCase]):
    """The request form is signed, carries the written authorization of the clinic that holds
    the vendor contract, and is sent to both vendors' migration addresses and to the BCH.

    The vendors' addresses come from the certified directory. A violation lists every fault
    (``details["faults"]``, ``details["missing_recipients"]``); without a violation, a missing
    fact gives ``insufficient_data`` naming it, and a solution outside the directory, whose
    address cannot be checked, ``insufficient_data`` with the reason
    ``solution_outside_directory`` (``details["unknown_solutions"]``).
    """

    subject = MigrationCase

    def recipients(self, source_solution: str, target_solution: str) -> list[str]:
        """The addresses a request form must reach; unknown solutions have none.

        >>> REQUEST_FORM.recipients("Toubib", "omnimed")
        ['importations@omnimed.com', 'certification.homologation@msss.gouv.qc.ca']
        """
        solutions = (find_solution(source_solution), find_solution(target_solution))
        return _required_addresses(solutions, self.version_for(None).parameters.bch_address)

    def formula_2024_01(
        self, version: RuleVersion[RequestRecipients], case: MigrationCase, context: Context
    ) -> Finding:
        """From 2024-01-01 (procedure 2024, steps 1 and 2): signed, authorized, sent to both
        vendors and to the BCH."""
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
            sent = form.recipients or frozenset()
            if not sent.issuperset(map(str.casefold, required)):
                faults.append("recipients_missing")
                details["missing_recipients"] = [a for a in required if a.casefold() not in sent]
        if faults:
            details["faults"] = faults
            return self.outcome(version, Status.VIOLATION, details=details)
        if missing:
            details["missing_all"] = missing
            return self.insufficient(version, missing[0], details=details)
        if unknown:  # nothing missing, but an address the directory cannot give
            details["reason"] = "solution_outside_directory"
            return self.outcome(version, Status.INSUFFICIENT_DATA, details=details)
        return self.outcome(version, Status.COMPLIANT, details=details)

    def notes(self, finding: Finding) -> list[Note]:
        """Each fault, the recipients the form missed, the solutions outside the directory."""
        details = finding.details
        notes = [self.note(fault) for fault in details.get("faults", ()) if fault in _FAULTS_NAMED]
        if details.get("missing_recipients"):
            notes.append(self.note("not_sent_to", addresses=details["missing_recipients"]))
        if details.get("unknown_solutions"):
            notes.append(self.note("unknown_solutions", names=details["unknown_solutions"]))
        return notes


REQUEST_FORM = RequestFormRule(
    id="qc.migration.request-form",
    title_fr="Formulaire de demande de migration",
    title_en="Migration request form",
    obligated_party=Party.CLINIC,
    position=70,
    reasons=("solution_outside_directory",),
    versions=(
        RuleVersion(
            version="1",
            period=PROCEDURE,
            parameters=RequestRecipients(bch_address=BCH_ADDRESS),
            citations=(PROCEDURE_FORM, PROCEDURE_CLINIC_AUTHORIZATION, PROCEDURE_BCH_ADDRESS),
            summary_en=(
                "The request form is duly filled in and signed, carries the written "
                "authorization of the clinic that holds the vendor contract, and is e-mailed to "
                "both vendors and to the BCH."
            ),
            summary_fr=(
                "Le formulaire de demande est dûment rempli et signé, porte l'autorisation écrite "
                "de la clinique ayant conclu l'entente avec le fournisseur et est transmis par "
                "courriel aux deux fournisseurs ainsi qu'au BCH."
            ),
        ),
    ),
)
