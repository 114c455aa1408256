"""The directory of certified EMR solutions and their migration addresses (procedure 2024).

Names match case- and accent-insensitively (``medesync`` is ``Médesync``). An unknown solution
is accepted and compared by its normalized name; :func:`find_solution` returns ``None`` for it
and the rules flag it in their findings.
"""

from __future__ import annotations

import functools
import unicodedata

import attrs

from dme_rules.errors import InvalidArgumentError

__all__ = [
    "BCH_ADDRESS",
    "CERTIFIED_SOLUTIONS",
    "Solution",
    "find_solution",
    "normalize_name",
    "same_solution",
]

#: The certification office's (BCH) address, which receives every request form.
BCH_ADDRESS = "certification.homologation@msss.gouv.qc.ca"


@attrs.frozen
class Solution:
    """A certified EMR solution.

    Attributes:
        name: The product's name as the procedure writes it (``Médesync``).
        vendor: The company that sells it (``Telus Santé``).
        migration_address: Where a data-migration request is sent.
    """

    name: str
    vendor: str
    migration_address: str

    @property
    def key(self) -> str:
        """The normalized name used for comparisons."""
        return normalize_name(self.name)


@functools.lru_cache(maxsize=4096)
def normalize_name(name: str) -> str:
    """Casefold, strip accents and collapse spaces: ``" Médesync "`` gives ``medesync``."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


#: The certified solutions of the procedure's directory, by normalized name.
CERTIFIED_SOLUTIONS: dict[str, Solution] = {
    solution.key: solution
    for solution in (
        Solution("KinLogix", "Telus Santé", "ventesdme@telus.com"),
        Solution("Médesync", "Telus Santé", "ventesdme@telus.com"),
        Solution("MobileMed", "Médisolutions", "support@softinfo.ca"),
        Solution("MYLE", "Medfar", "deploiement@medfarsolutions.com"),
        Solution("Ofys", "Info-Data", "support@infodata.ca"),
        Solution("Omnimed", "Omnimed", "importations@omnimed.com"),
        Solution("Toubib", "Omnimed", "importations@omnimed.com"),
    )
}


def find_solution(name: str) -> Solution | None:
    """The certified solution called ``name`` (any case, any accents), or ``None``.

    Raises:
        InvalidArgumentError: ``name`` is not a string.
    """
    return CERTIFIED_SOLUTIONS.get(normalize_name(_name(name, "name")))


def same_solution(source: str, target: str) -> bool:
    """Whether two names are the same product (Toubib and Omnimed are not: same vendor only).

    Raises:
        InvalidArgumentError: A name is not a string.
    """
    return normalize_name(_name(source, "source")) == normalize_name(_name(target, "target"))


def _name(value: object, field: str) -> str:
    if isinstance(value, str):
        return value
    raise InvalidArgumentError(field, "a solution's name", value, expected_fr="un nom de solution")
