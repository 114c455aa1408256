"""The French pack's message catalogue: every word its findings show, in French and English.

Codes:

- ``party.<code>``: the parties obligations bind;
- ``format.money``: amounts in euros.

The catalogue falls back on the engine's words (statuses, due, late, left…).
"""

from __future__ import annotations

from dme_rules.engine.messages import ENGINE_MESSAGES, Messages

__all__ = ["MESSAGES"]

#: Every French-pack message, by code, in French and English.
MESSAGES = Messages(
    {
        # Parties.
        "party.professional": {"fr": "professionnel de santé", "en": "health professional"},
        "party.host": {"fr": "hébergeur du DMP", "en": "DMP host"},
        # Reasons.
        "reason.record_open": {"fr": "le dossier est ouvert", "en": "the record is open"},
        # RETENTION.
        "fr.dmp.retention.closed": {"fr": "fermé le {closed_on}", "en": "closed on {closed_on}"},
        # Amounts: euros.
        "format.money": {"fr": "{number} €", "en": "€{number}"},
    },
    fallback=ENGINE_MESSAGES,
)
