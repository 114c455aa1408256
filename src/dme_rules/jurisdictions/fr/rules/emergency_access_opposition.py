"""EMERGENCY_ACCESS_OPPOSITION: no access in an emergency against the holder's opposition
(R.1111-48)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import NoParameters, RuleVersion
from dme_rules.jurisdictions.fr.counting import date_of
from dme_rules.jurisdictions.fr.parties import Party
from dme_rules.jurisdictions.fr.sources import MON_ESPACE_SANTE, R1111_48_OPPOSITION
from dme_rules.jurisdictions.fr.subjects.dmp_record import DmpRecord, EmergencyOpposition

__all__ = ["EMERGENCY_ACCESS_OPPOSITION", "EmergencyAccessOppositionRule"]


class EmergencyAccessOppositionRule(Rule[NoParameters, DmpRecord]):
    """A professional does not access the record in an emergency while the holder opposes it.

    R.1111-48 gives the holder « son droit de s'opposer à l'accès […] dans les situations
    d'urgence », and lets professionals access in such situations « En l'absence d'opposition
    du titulaire »: an emergency access during an opposition is a violation. An opposition
    runs from its filing date until its withdrawal, if any. The record gives days, not
    instants: an access is during an opposition when its date in Paris is after the filing
    date and before the withdrawal's date; an access on either day is not judged a violation,
    since the record cannot tell which came first.

    One finding per record: ``details["accesses"]`` lists the emergency accesses made during an
    opposition (a violation), ``act_on`` the date of the first. No opposition filed by
    ``as_of``'s date: ``not_applicable`` (``no_emergency_opposition``); an opposition and no
    access during it: compliant. Each access is judged by the version in force on its date in
    Paris; accesses after ``as_of`` are not seen.
    """

    subject = DmpRecord

    def reference_date(self, record: DmpRecord) -> date:
        """The latest date of an emergency access or of an opposition to one (the record's
        latest date without either)."""
        days = [date_of(a.at) for a in record.accesses or () if a.emergency]
        days += [o.filed_on for o in record.emergency_oppositions or ()]
        return max(days, default=record.reference_date)

    def formula_2022_01(
        self, version: RuleVersion[NoParameters], record: DmpRecord, context: Context
    ) -> Finding:
        """From 2022-01-01: « En l'absence d'opposition du titulaire » only."""
        oppositions = [o for o in record.emergency_oppositions or () if o.filed_on <= context.today]
        if not oppositions:
            return self.outcome(
                version, Status.NOT_APPLICABLE, details={"reason": "no_emergency_opposition"}
            )
        found: list[dict[str, Any]] = []
        for access in sorted(record.accesses or (), key=lambda a: (a.at, a.access_id)):
            day = date_of(access.at)
            if not access.emergency or not context.sees(access.at) or not self.version_at(day):
                continue
            opposition = _during(day, oppositions)
            if opposition is not None:
                found.append({
                    "access_id": access.access_id, "professional_id": access.professional_id,
                    "at": access.at, "opposition_filed_on": opposition.filed_on,
                })  # fmt: skip
        if found:
            return self.outcome(
                version, Status.VIOLATION, act_on=date_of(found[0]["at"]),
                details={"accesses": found},
            )  # fmt: skip
        return self.outcome(version, Status.COMPLIANT, details={"accesses": []})

    def notes(self, finding: Finding) -> list[Note]:
        """The emergency accesses made during an opposition, by id."""
        accesses = finding.details.get("accesses") or []
        if not accesses:
            return []
        return [self.note("accesses", ids=[access["access_id"] for access in accesses])]


def _during(day: date, oppositions: list[EmergencyOpposition]) -> EmergencyOpposition | None:
    """The first opposition that certainly ran on ``day``: filed before it, and not withdrawn
    before its end (a withdrawal dated after ``day``, or none)."""
    for opposition in oppositions:
        withdrawn = opposition.withdrawn_on
        if opposition.filed_on < day and (withdrawn is None or day < withdrawn):
            return opposition
    return None


EMERGENCY_ACCESS_OPPOSITION = EmergencyAccessOppositionRule(
    id="fr.dmp.emergency-access-opposition",
    title_fr="Accès en urgence malgré l'opposition du titulaire",
    title_en="Emergency access despite the holder's opposition",
    obligated_party=Party.PROFESSIONAL,
    position=60,
    reasons=("no_emergency_opposition",),
    versions=(
        RuleVersion(
            version="1",
            period=MON_ESPACE_SANTE,
            parameters=NoParameters(),
            citations=(R1111_48_OPPOSITION,),
            summary_en=(
                "A professional does not access the record in an emergency while the holder "
                "opposes access in emergencies."
            ),
            summary_fr=(
                "Un professionnel n'accède pas au dossier en situation d'urgence tant que le "
                "titulaire s'oppose à l'accès en urgence."
            ),
        ),
    ),
)
