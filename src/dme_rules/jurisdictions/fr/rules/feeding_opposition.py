"""FEEDING_OPPOSITION: no deposit against an opposition that binds (R.1111-47)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import NoParameters, RuleVersion
from dme_rules.jurisdictions.fr.parties import Party
from dme_rules.jurisdictions.fr.readings import (
    OPPOSITION_BEFORE_AUTHORIZATION_BINDS,
    OPPOSITION_NEEDS_MOTIVE,
)
from dme_rules.jurisdictions.fr.sources import (
    FAQ_OPPOSITION,
    MON_ESPACE_SANTE,
    R1111_47,
)
from dme_rules.jurisdictions.fr.subjects.dmp_record import Deposit, DmpRecord, Opposition

__all__ = ["FEEDING_OPPOSITION", "FeedingOppositionRule"]


class FeedingOppositionRule(Rule[NoParameters, DmpRecord]):
    """A professional deposits nothing in the record against an opposition that binds.

    Once the holder has authorized access, an opposition binds only with a legitimate motive
    (R.1111-47). One without a motive filed before that authorization is a reading: it binds
    under ``opposition-before-authorization-binds`` (the default: the article restricts only
    what follows « Une fois que le titulaire a autorisé »), and binds nothing under
    ``opposition-needs-motive`` (the FAQ: a legitimate motive in every case; the finding then
    cites the FAQ). The record gives days, not instants: an opposition filed on the day access
    was authorized is taken as filed once it was authorized. An opposition covers its
    professional, or every professional when it names none. A deposit violates it when the
    deposit's date in Paris is after the opposition's filing date (a deposit the same day does
    not). One finding per record: ``details["deposits"]`` lists the deposits that violate an
    opposition, ``details["not_binding"]`` the filing dates of the oppositions that bind
    nothing (noted). Each deposit is judged by the version in force on its date; deposits and
    oppositions dated after ``as_of`` are not seen.

    No opposition: ``not_applicable`` (``no_opposition``). Under the default reading, when the
    verdict turns on an opposition without a legitimate motive and the record does not say
    when access was authorized (a deposit it would cover, and no violation otherwise):
    ``insufficient_data`` naming ``$.authorized_on``.
    """

    subject = DmpRecord

    def reference_date(self, record: DmpRecord) -> date:
        """The latest date of a deposit or an opposition (the record's latest date without
        either)."""
        days = [d.deposited_on for d in record.deposits or ()]
        days += [o.filed_on for o in record.oppositions or ()]
        return max(days, default=record.reference_date)

    def formula_2022_01(
        self, version: RuleVersion[NoParameters], record: DmpRecord, context: Context
    ) -> Finding:
        """From 2022-01-01: an opposition with a legitimate motive binds after authorization;
        one without, filed before it, as the reading says."""
        today = context.today
        oppositions = [o for o in record.oppositions or () if o.filed_on <= today]
        if not oppositions:
            return self.outcome(version, Status.NOT_APPLICABLE, details={"reason": "no_opposition"})
        needs_motive = (
            version.choice("opposition-before-authorization", context.readings)
            == OPPOSITION_NEEDS_MOTIVE
        )
        binding: list[Opposition] = []
        unknown: list[Opposition] = []  # no motive, and no date of authorization to compare
        not_binding: list[str] = []
        for opposition in oppositions:
            if opposition.legitimate_motive:
                binding.append(opposition)
            elif needs_motive:
                not_binding.append(opposition.filed_on.isoformat())
            elif record.authorized_on is None:
                unknown.append(opposition)
            elif opposition.filed_on < record.authorized_on:
                binding.append(opposition)  # filed before the authorization: not restricted
            else:  # filed on the day of the authorization or after it
                not_binding.append(opposition.filed_on.isoformat())
        # Deposits made by ``as_of`` (its instant, not its date), under a version in force.
        deposits = [
            d for d in record.deposits or ()
            if context.sees(d.at) and self.version_at(d.deposited_on) is not None
        ]  # fmt: skip
        violations = _against(deposits, binding)
        details: dict[str, Any] = {"deposits": violations, "not_binding": not_binding}
        citations = (*version.citations, FAQ_OPPOSITION) if needs_motive else None
        if violations:
            return self.outcome(version, Status.VIOLATION, act_on=violations[0]["deposited_on"],
                                citations=citations, details=details)  # fmt: skip
        if _against(deposits, unknown):  # the verdict turns on when access was authorized
            return self.insufficient(version, "$.authorized_on", details=details)
        return self.outcome(version, Status.COMPLIANT, citations=citations, details=details)

    def notes(self, finding: Finding) -> list[Note]:
        """The deposits against an opposition; the oppositions that bind nothing."""
        notes = []
        deposits = finding.details.get("deposits") or []
        if deposits:
            ids = [deposit["deposit_id"] for deposit in deposits]
            notes.append(self.note("deposits", count=len(ids), ids=ids))
        not_binding = finding.details.get("not_binding") or []
        if not_binding:
            # Under opposition-needs-motive, the authorization's date plays no part.
            name = "not_binding"
            if OPPOSITION_NEEDS_MOTIVE.id in finding.readings:
                name = "no_motive"
            notes.append(self.note(name, days=not_binding))
        return notes


FEEDING_OPPOSITION = FeedingOppositionRule(
    id="fr.dmp.feeding-opposition",
    title_fr="Opposition à l'alimentation du DMP",
    title_en="Opposition to deposits in the record",
    obligated_party=Party.PROFESSIONAL,
    position=10,
    reasons=("no_opposition",),
    versions=(
        RuleVersion(
            version="1",
            period=MON_ESPACE_SANTE,
            parameters=NoParameters(),
            citations=(R1111_47,),
            readings=(OPPOSITION_BEFORE_AUTHORIZATION_BINDS,),
            alternatives=(OPPOSITION_NEEDS_MOTIVE,),
            summary_en=(
                "Once the holder has authorized access, an opposition binds only with a "
                "legitimate motive; a professional it covers deposits nothing after it."
            ),
            summary_fr=(
                "Une fois que le titulaire a autorisé l'accès, son opposition ne produit effet "
                "que si elle repose sur un motif légitime ; le professionnel qu'elle vise ne "
                "verse plus aucune donnée après celle-ci."
            ),
        ),
    ),
)


def _against(deposits: list[Deposit], oppositions: list[Opposition]) -> list[dict[str, Any]]:
    """The deposits made after an opposition of ``oppositions`` that covers their
    professional (the deposit's date in Paris after the filing date)."""
    found = []
    for deposit in deposits:
        for opposition in oppositions:
            covered = opposition.professional_id in (None, deposit.professional_id)
            if covered and deposit.deposited_on > opposition.filed_on:
                found.append({
                    "deposit_id": deposit.deposit_id, "professional_id": deposit.professional_id,
                    "deposited_on": deposit.deposited_on,
                    "opposition_filed_on": opposition.filed_on,
                })  # fmt: skip
                break
    return found
