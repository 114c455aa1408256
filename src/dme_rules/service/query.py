"""What a request gives the handlers: the packs the service serves, the query's values (each
checked, a 422 naming the parameter when it is wrong) and the body (a 413 past its limit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, tzinfo
from types import MappingProxyType
from typing import cast

from starlette.requests import Request

from dme_rules.engine.context import check_options
from dme_rules.engine.jurisdiction import Jurisdiction, jurisdictions
from dme_rules.engine.kinds import DATE, INSTANT
from dme_rules.engine.messages import LANGUAGES
from dme_rules.engine.registry import reading_values
from dme_rules.engine.time import SUPPORTED_YEARS, end_of_day_in
from dme_rules.errors import InvalidArgumentError, InvalidCaseError
from dme_rules.service.problems import Problem

__all__ = [
    "as_of",
    "body",
    "day",
    "instant",
    "lang",
    "local_day",
    "one",
    "pack",
    "readings",
    "required_instant",
    "served",
    "serving",
    "year",
]

#: What an instant given in the query looks like.
_AN_INSTANT = "an instant with a UTC offset, such as 2025-06-20T16:45:00-04:00"
_REQUIRED_FR = (
    "une valeur (obligatoire) : un instant avec décalage UTC, comme 2025-06-20T16:45:00-04:00"
)


def serving(
    packs: Iterable[Jurisdiction] | Mapping[str, Jurisdiction] | None = None,
) -> Mapping[str, Jurisdiction]:
    """The packs a service serves, by id, the default one first (the pack of a default
    subject, then by id, as :func:`~dme_rules.engine.jurisdiction.jurisdictions` orders
    them): ``packs`` (or the values of a mapping of them); every registered pack for ``None``.

    Raises:
        InvalidArgumentError: Something else than registered Jurisdictions (the library
            evaluates the subjects of registered packs only), or none.
    """
    if packs is None:
        packs = jurisdictions()
    found = list(packs.values() if isinstance(packs, Mapping) else packs)
    registered = jurisdictions()
    if not found or not all(
        isinstance(one, Jurisdiction) and registered.get(one.id) is one for one in found
    ):
        raise InvalidArgumentError(
            "jurisdictions", "one registered Jurisdiction or more", packs,
            expected_fr="une Jurisdiction enregistrée ou plus",
        )  # fmt: skip
    ordered = sorted(found, key=lambda one: (one.default_subject is None, one.id))
    return MappingProxyType({one.id: one for one in ordered})


def served(request: Request) -> Mapping[str, Jurisdiction]:
    """The packs the application answering ``request`` serves, the default one first."""
    return cast(Mapping[str, Jurisdiction], request.app.state.jurisdictions)


def one(request: Request, name: str) -> str | None:
    """The value of the query parameter ``name``, if given (once at most)."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise Problem.invalid(
            name, "one value (it is given twice)", "une seule valeur (elle est donnée deux fois)"
        )
    return values[0] if values else None


def lang(request: Request) -> str:
    """``lang``: the language of the words (the first of the library's without one; an empty
    value is refused)."""
    found = one(request, "lang")
    if found is None:
        return LANGUAGES[0]
    if found not in LANGUAGES:
        raise Problem.invalid("lang", " or ".join(LANGUAGES), " ou ".join(LANGUAGES))
    return found


def readings(request: Request) -> list[str]:
    """The ``reading`` values (repeatable), each a known reading id, at most one per topic."""
    chosen = request.query_params.getlist("reading")
    try:
        check_options(None, reading_values(tuple(chosen)), None)  # type: ignore[arg-type]
    except InvalidArgumentError as error:
        raise Problem.invalid("reading", error.expected, error.expected_fr) from None
    return chosen


def day(text: str, name: str) -> date:
    """``text``, a date ``YYYY-MM-DD`` in the supported years, as the value of ``name``."""
    try:
        return DATE.parse(text, name)  # type: ignore[no-any-return]
    except InvalidCaseError:
        first, last = SUPPORTED_YEARS
        raise Problem.invalid(
            name,
            f"a date YYYY-MM-DD in the years {first}-{last}",
            f"une date AAAA-MM-JJ des années {first} à {last}",
        ) from None


def instant(text: str, name: str) -> datetime:
    """``text``, an instant with its UTC offset, as the value of ``name``."""
    try:
        return INSTANT.parse(text, name)  # type: ignore[no-any-return]
    except InvalidCaseError as error:
        raise Problem.of(error) from None


def required_instant(request: Request, name: str) -> datetime:
    """The query parameter ``name``, a required instant with its UTC offset."""
    text = one(request, name)
    if text is None:
        raise Problem.invalid(name, f"a value (required): {_AN_INSTANT}", _REQUIRED_FR)
    return instant(text, name)


def required_moment(request: Request, name: str, zone: tzinfo) -> datetime:
    """The query parameter ``name``, a required instant with its UTC offset or a date, which
    means noon that day in ``zone`` (as ``dme-rules deadlines --transmitted`` reads it)."""
    text = one(request, name)
    if text is not None and len(text) == 10:
        return datetime.combine(day(text, name), time(12), zone)
    return required_instant(request, name)


def as_of(request: Request, zone: tzinfo = UTC) -> datetime:
    """``as_of``: an instant with its offset, or a date (the end of that day in ``zone``);
    now without one."""
    text = one(request, "as_of")
    if text is None:
        return datetime.now(UTC).astimezone(zone)
    if len(text) == 10:
        found = day(text, "as_of")
        last = date(SUPPORTED_YEARS[1], 12, 30)  # its end, 00:00 of the next day, in the years
        if found > last:
            first = SUPPORTED_YEARS[0]
            raise Problem.invalid(
                "as_of",
                f"a date from {first}-01-01 to {last} (its end, 24:00, within the supported years)",
                f"une date du {first}-01-01 au {last} (sa fin, 24 h, dans les années prises en "
                "charge)",
            )
        return end_of_day_in(found, zone)
    return instant(text, "as_of")


def local_day(request: Request, zone: tzinfo) -> date:
    """``as_of`` as a date; today in ``zone`` without one."""
    text = one(request, "as_of")
    return day(text, "as_of") if text is not None else datetime.now(zone).date()


def pack(request: Request, among: Mapping[str, Jurisdiction]) -> Jurisdiction:
    """The pack ``jurisdiction`` names among ``among`` (not empty); the first without one (an
    empty value is refused)."""
    name = one(request, "jurisdiction")
    if name is None:
        return next(iter(among.values()))
    if name not in among:
        listed = ", ".join(sorted(among))
        raise Problem.invalid("jurisdiction", f"one of {listed}", f"une valeur parmi {listed}")
    return among[name]


def year(text: str) -> int:
    """``text``, a year of the supported ones in ASCII digits, as the path's ``year``."""
    first, last = SUPPORTED_YEARS
    if not (text.isascii() and text.isdigit() and first <= int(text) <= last):
        raise Problem.invalid(
            "year", f"a year from {first} to {last}", f"une année de {first} à {last}"
        )
    return int(text)


async def body(request: Request, limit: int) -> bytes:
    """The request's body, refused with a 413 past ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> Problem:
    """The 413 of a body larger than ``limit`` bytes."""
    return Problem.said(
        413,
        f"the body is larger than {limit:,} bytes",
        f"le corps dépasse {limit:,} octets".replace(",", "\u202f"),
    )
