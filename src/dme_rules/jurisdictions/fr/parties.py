"""Who the French DMP's obligations bind."""

from __future__ import annotations

import enum

from dme_rules.engine.messages import check_language
from dme_rules.jurisdictions.fr.messages import MESSAGES

__all__ = ["Party"]


class Party(enum.StrEnum):
    """Who an obligation binds."""

    PROFESSIONAL = "professional"
    HOST = "host"

    def label(self, lang: str = "fr") -> str:
        """The party in words, in French (default) or English."""
        return MESSAGES.template(f"party.{self.value}", check_language(lang))
