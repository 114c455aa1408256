"""The sources' words, as the sources write them: every citation's quote and every reading's
phrase is found verbatim in the source texts (SPEC: « Citations quote the sources verbatim »).

The source texts are the copies in ``tests/sources`` (see its README). A quotation and the
texts are compared after the same normalisation of both sides:

- the copies' layout marks are dropped: ``**bold**`` keeps its words and a link ``[text](#)``
  its text, since a quotation may leave out the original's markup;
- typographic apostrophes (U+2019, U+2018, U+02BC) become ``'`` and typographic double quotes
  (U+201C, U+201D, U+201E) become ``"``; the guillemets « » are kept as they are;
- every run of whitespace (line breaks and non-breaking spaces included) becomes one space.

Nothing else is forgiven: case, accents, punctuation and every word count. A quotation may be
an excerpt (a sentence or part of one); an ellipsis (``…`` or ``[…]``) inside it marks words
left out, and its pieces must then appear in that order in one source text.

A citation's ``quote_fr`` is one quotation. A reading's ``phrase`` holds its quotations between
« and » (several joined by « / », each perhaps followed by its source in parentheses); a phrase
without « » is one quotation as a whole.

Quebec's citations are also checked against their own document: the quote is in that document's
text, after every heading its section names (in order), and a dated notice's date is the date
of the heading it is quoted under.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import dme_rules
from dme_rules import JURISDICTIONS
from dme_rules.engine.citations import Citation, Document
from dme_rules.jurisdictions.qc.sources import FMOQ_DME_UPDATES, MSSS_MIGRATION_PROCEDURE_2024
from dme_rules.jurisdictions.qc.subjects.consent_answers import QUESTIONS

SOURCES = Path(__file__).parent / "sources"

#: The text of each Quebec document, by the document.
QUEBEC_DOCUMENTS: dict[Document, str] = {
    FMOQ_DME_UPDATES: "fmoq-dme-updates-2021-2024.txt",
    MSSS_MIGRATION_PROCEDURE_2024: "msss-migration-procedure-2024.txt",
}

_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre")  # fmt: skip


def normalise(text: str) -> str:
    """``text`` as compared: no layout marks, plain apostrophes and quotes, single spaces."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("**", "")
    text = re.sub("[\u2019\u2018\u02bc]", "'", text)
    text = re.sub("[\u201c\u201d\u201e]", '"', text)
    return re.sub(r"\s+", " ", text).strip()


def _read(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


#: Every source text, normalised, by file name.
TEXTS = {path.name: normalise(_read(path.name)) for path in sorted(SOURCES.glob("*.txt"))}


def pieces(quotation: str) -> list[str]:
    """The pieces of a quotation that an ellipsis (``…``, ``[…]``) separates, normalised."""
    split = re.split(r"\[…\]|\[\.\.\.\]|…", normalise(quotation))
    return [piece.strip() for piece in split if piece.strip()]


def quotations(phrase: str) -> list[str]:
    """The quotations of a reading's phrase: each between « and », else the whole phrase."""
    return [q.strip() for q in re.findall(r"«(.*?)»", phrase, re.S)] or [phrase]


def found_in(quotation: str, text: str, start: int = 0) -> int:
    """Where the quotation ends in ``text`` (normalised), its pieces in order from ``start``;
    -1 when it is not there."""
    position = start
    for piece in pieces(quotation):
        at = text.find(piece, position)
        if at < 0:
            return -1
        position = at + len(piece)
    return position


def _nearest(quotation: str) -> str:
    """What of the quotation the sources hold: the passage it matches but for letter case,
    else its longest opening found, to point at the first word that differs."""
    wanted = normalise(quotation)
    for name, text in TEXTS.items():
        at = text.casefold().find(wanted.casefold())
        if at >= 0 and len(text.casefold()) == len(text):
            return f"the sources write « {text[at : at + len(wanted)]} » ({name})"
    words = wanted.split(" ")
    for n in range(len(words), 0, -1):
        opening = " ".join(words[:n])
        for name, text in TEXTS.items():
            if opening in text:
                return f"the sources hold « {opening} » ({name}), then differ"
    return "no word of it opens a passage of the sources"


def assert_quoted(quotation: str, what: str) -> None:
    """The quotation is in one source text at least."""
    assert pieces(quotation), f"{what}: an empty quotation"
    if not any(found_in(quotation, text) >= 0 for text in TEXTS.values()):
        pytest.fail(f"{what}: « {quotation} » is not in the sources: {_nearest(quotation)}")


def _citations(*packs: str) -> list[object]:
    """Every citation of every registered rule version (of ``packs``, else of every pack),
    named by its rule, version and rank: ``qc.migration.import-deadline@2#1``."""
    return [
        pytest.param(citation, id=f"{rule.id}@{version.version}#{n}")
        for pack in JURISDICTIONS.values()
        if not packs or pack.id in packs
        for rule in pack.rules.values()
        for version in rule.versions
        for n, citation in enumerate(version.citations, 1)
    ]


@pytest.mark.parametrize("citation", _citations())
def test_citation_quotes_the_sources(citation: Citation):
    """The citation's quote is in the source texts, word for word."""
    assert_quoted(
        citation.quote_fr,
        f"{citation.document.title}, {citation.section} ({citation.document.issuer})",
    )


@pytest.mark.parametrize(
    "reading", sorted(dme_rules.READINGS.values(), key=lambda r: r.id), ids=lambda r: r.id
)
def test_reading_phrase_quotes_the_sources(reading):
    """Each quotation of the reading's phrase is in the source texts, word for word."""
    for quotation in quotations(reading.phrase):
        assert_quoted(quotation, f"reading {reading.id}")


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_consent_question_is_the_notices(question):
    """Each question of the consent checklist is asked as the 2022-06-20 notice asks it."""
    assert found_in(question.text_fr, normalise(_read(QUEBEC_DOCUMENTS[FMOQ_DME_UPDATES]))) >= 0


def _headings(text: str) -> list[str]:
    """The lines of a source text, normalised, without their list marks."""
    return [normalise(line).removeprefix("- ") for line in text.splitlines()]


def _is_heading(part: str, line: str) -> bool:
    """Whether ``line`` is the heading ``part``: the whole line (but for its closing stop or
    colon), or a list item's label (``d)``)."""
    if re.fullmatch(r"[a-z]\)", part):
        return line.startswith(part + " ")
    return line.rstrip(" .:") == part


def _french_date(iso: str) -> str:
    """An ISO date as a French heading writes it (``2021-10-28`` → ``28 octobre 2021``)."""
    if re.fullmatch(r"\d{4}", iso):
        return iso
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{'1er' if day == 1 else day} {_MONTHS[month - 1]} {year}"


@pytest.mark.parametrize("citation", _citations("qc"))
def test_quebec_citation_is_in_its_own_document(citation: Citation):
    """The quote is in its document's text, after each heading its section names, in order;
    the document's title is the document's; a dated notice is quoted under its date."""
    document = citation.document
    assert document in QUEBEC_DOCUMENTS, f"{document.title}: no source text in tests/sources"
    text = _read(QUEBEC_DOCUMENTS[document])
    lines = _headings(text)
    for part in document.title.split(" — "):
        assert part in normalise(text), f"the title's « {part} »"
    parts = [piece for part in citation.section.split(", ") for piece in part.split(" — ")]
    line = 0
    for part in parts:
        heading = next((n for n in range(line, len(lines)) if _is_heading(part, lines[n])), None)
        assert heading is not None, f"« {part} » is not a heading of {document.title}"
        line = heading + 1 if not re.fullmatch(r"[a-z]\)", part) else heading
    after = normalise(" ".join(lines[line:]))
    assert found_in(citation.quote_fr, after) >= 0, f"« {citation.quote_fr} » after {parts}"
    if citation.date != document.date:
        assert _french_date(citation.date) == parts[0], (citation.date, parts[0])
    assert _french_date(document.date) in normalise(text), document.date
