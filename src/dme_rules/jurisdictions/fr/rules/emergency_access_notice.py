"""EMERGENCY_ACCESS_NOTICE: after an emergency access, the holder and the médecin traitant
are informed a posteriori (R.1111-48)."""

from __future__ import annotations

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.fr.parameters import NoticeDelay
from dme_rules.jurisdictions.fr.parties import Party
from dme_rules.jurisdictions.fr.readings import ANY_TIME, WITHIN_24_HOURS
from dme_rules.jurisdictions.fr.rules._notices import NoticeRule, Wanted
from dme_rules.jurisdictions.fr.sources import (
    MON_ESPACE_SANTE,
    R1111_48,
)
from dme_rules.jurisdictions.fr.subjects.dmp_record import Access, DmpRecord

__all__ = ["EMERGENCY_ACCESS_NOTICE", "EmergencyAccessNoticeRule"]

_ABOUT = frozenset({"emergency_access"})


class EmergencyAccessNoticeRule(NoticeRule):
    """After each emergency access, the host informs both the holder and the médecin
    traitant: two notices about ``emergency_access``, at or after the access (see
    :class:`NoticeRule` for the delay); a record without an emergency access is
    ``not_applicable`` (``no_emergency_access``)."""

    nothing_to_judge = "no_emergency_access"

    def accesses(
        self, seen: list[Access], version: RuleVersion[NoticeDelay], context: Context
    ) -> list[Access]:
        """The emergency accesses."""
        return [access for access in seen if access.emergency]

    def wanted(self, access: Access) -> list[Wanted]:
        """A notice to the holder and one to the médecin traitant."""
        return [("holder", _ABOUT), ("medecin_traitant", _ABOUT)]

    def formula_2022_01(
        self, version: RuleVersion[NoticeDelay], record: DmpRecord, context: Context
    ) -> Finding:
        """From 2022-01-01: « Le titulaire et son médecin traitant sont informés »."""
        return self.judge_notices(version, record, context)


EMERGENCY_ACCESS_NOTICE = EmergencyAccessNoticeRule(
    id="fr.dmp.emergency-access-notice",
    title_fr="Information après un accès en urgence",
    title_en="Notice of an emergency access",
    obligated_party=Party.HOST,
    position=40,
    reasons=("no_emergency_access",),
    versions=(
        RuleVersion(
            version="1",
            period=MON_ESPACE_SANTE,
            parameters=NoticeDelay(hours=24),
            citations=(R1111_48,),
            readings=(WITHIN_24_HOURS,),
            alternatives=(ANY_TIME,),
            summary_en=(
                "After an emergency access, the holder and the médecin traitant are both "
                "informed, within 24 hours of elapsed time."
            ),
            summary_fr=(
                "Après un accès en urgence, le titulaire et son médecin traitant en sont tous "
                "deux informés, dans les 24 heures suivant l'accès, comptées en temps écoulé."
            ),
        ),
    ),
)
