"""Who Quebec's obligations bind."""

from __future__ import annotations

import enum

from dme_rules.engine.messages import check_language
from dme_rules.jurisdictions.qc.messages import MESSAGES

__all__ = ["Party"]


class Party(enum.StrEnum):
    """Who an obligation binds."""

    SOURCE_VENDOR = "source_vendor"
    TARGET_VENDOR = "target_vendor"
    CLINIC = "clinic"
    BCH = "bch"
    PHYSICIAN = "physician"

    def label(self, lang: str = "fr") -> str:
        """The party in words, in French (default) or English."""
        return MESSAGES.template(f"party.{self.value}", check_language(lang))
