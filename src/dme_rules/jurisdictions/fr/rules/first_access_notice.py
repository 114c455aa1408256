"""FIRST_ACCESS_NOTICE: the holder is notified of a professional's first access (DMP FAQ)."""

from __future__ import annotations

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.fr.parameters import NoticeDelay
from dme_rules.jurisdictions.fr.parties import Party
from dme_rules.jurisdictions.fr.readings import (
    ANY_TIME,
    FIRST_EVER,
    FIRST_PER_PROFESSIONAL,
    WITHIN_24_HOURS,
)
from dme_rules.jurisdictions.fr.rules._notices import NoticeRule, Wanted
from dme_rules.jurisdictions.fr.sources import (
    FAQ_FIRST_ACCESS,
    MON_ESPACE_SANTE,
)
from dme_rules.jurisdictions.fr.subjects.dmp_record import Access, DmpRecord

__all__ = ["FIRST_ACCESS_NOTICE", "FirstAccessNoticeRule"]

#: A holder notice about the first access, or about an emergency access (an emergency
#: access is an access too).
_HOLDER = ("holder", frozenset({"first_access", "emergency_access"}))


class FirstAccessNoticeRule(NoticeRule):
    """The host notifies the holder of each first access by a professional: each
    professional's first (``first-per-professional``, the default) or the record's very first
    (``first-ever``), emergency accesses included; a holder notice about that access, about
    ``first_access`` or ``emergency_access``, satisfies it (see :class:`NoticeRule` for the
    delay)."""

    def accesses(
        self, seen: list[Access], version: RuleVersion[NoticeDelay], context: Context
    ) -> list[Access]:
        """The first accesses among those seen (sorted by time)."""
        if version.choice("first-access", context.readings) == FIRST_EVER:
            return seen[:1]
        firsts: dict[str, Access] = {}
        for access in seen:
            firsts.setdefault(access.professional_id, access)
        return list(firsts.values())

    def wanted(self, access: Access) -> list[Wanted]:
        """A notice to the holder."""
        return [_HOLDER]

    def formula_2022_01(
        self, version: RuleVersion[NoticeDelay], record: DmpRecord, context: Context
    ) -> Finding:
        """From 2022-01-01: « une notification est envoyée automatiquement au patient »."""
        return self.judge_notices(version, record, context)


FIRST_ACCESS_NOTICE = FirstAccessNoticeRule(
    id="fr.dmp.first-access-notice",
    title_fr="Notification du premier accès",
    title_en="Notice of a first access",
    obligated_party=Party.HOST,
    position=30,
    reasons=("no_access",),
    versions=(
        RuleVersion(
            version="1",
            period=MON_ESPACE_SANTE,
            parameters=NoticeDelay(hours=24),
            citations=(FAQ_FIRST_ACCESS,),
            readings=(FIRST_PER_PROFESSIONAL, WITHIN_24_HOURS),
            alternatives=(FIRST_EVER, ANY_TIME),
            summary_en=(
                "The holder is notified of a professional's first access to the record, "
                "within 24 hours of elapsed time."
            ),
            summary_fr=(
                "Une notification informe le titulaire du premier accès d'un professionnel de "
                "santé à son dossier, dans les 24 heures suivant cet accès, comptées en temps "
                "écoulé."
            ),
        ),
    ),
)
