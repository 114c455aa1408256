"""Source documents and citations that quote them in French.

Each :class:`Citation` names its document, issuer, date and section and quotes the passage
verbatim (markup of the original, such as bold, left out). A jurisdiction pack declares its
documents and the passages its rules cite.
"""

from __future__ import annotations

from typing import TypedDict

import attrs

__all__ = ["Citation", "CitationEntry", "Document", "cited"]


@attrs.frozen
class Document:
    """A published source document.

    Attributes:
        title: The document's own title, in French.
        issuer: Who published it.
        date: Its date as published (an ISO date, or a year when only the year is known).
        reference: An identifier such as an ISBN, when it has one.
    """

    title: str
    issuer: str
    date: str
    reference: str = ""

    def cite(self, section: str, quote_fr: str, *, date: str | None = None) -> Citation:
        """A citation of ``section`` quoting ``quote_fr``; ``date`` overrides the document's."""
        return Citation(self, section, quote_fr, date or self.date)


class CitationEntry(TypedDict):
    """A citation's JSON (:meth:`Citation.to_dict`): the document's title and issuer, its
    date as the source gives it, the section and the passage quoted in French."""

    document: str
    issuer: str
    date: str
    section: str
    quote_fr: str


@attrs.frozen
class Citation:
    """A passage of a source document, quoted in French.

    Attributes:
        document: The document quoted.
        section: Where in the document (a heading, a step, a dated notice).
        quote_fr: The passage, verbatim.
        date: The date of the passage (a dated notice's own date), else the document's.
    """

    document: Document
    section: str
    quote_fr: str
    date: str

    def to_dict(self) -> CitationEntry:
        """The JSON form: ``document``, ``issuer``, ``date``, ``section``, ``quote_fr``."""
        return {
            "document": self.document.title,
            "issuer": self.document.issuer,
            "date": self.date,
            "section": self.section,
            "quote_fr": self.quote_fr,
        }


#: The JSON form of each tuple of citations met (a rule version's, the same for every finding
#: of that version), by the tuple's identity, with the tuple itself (which keeps the identity
#: its own); a citation never changes once made.
_CITED: dict[int, tuple[tuple[Citation, ...], tuple[CitationEntry, ...]]] = {}
_KEPT = 4096


def cited(citations: tuple[Citation, ...]) -> tuple[CitationEntry, ...]:
    """The JSON form of each of ``citations`` (:meth:`Citation.to_dict`), made once for a
    tuple of them; read-only (copy an entry to change it)."""
    found = _CITED.get(id(citations))
    if found is not None and found[0] is citations:
        return found[1]
    entries = tuple(citation.to_dict() for citation in citations)
    if type(citations) is tuple:  # a list could change: made afresh each time
        if len(_CITED) >= _KEPT:
            _CITED.clear()
        _CITED[id(citations)] = (citations, entries)
    return entries
