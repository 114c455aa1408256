"""The service's OpenAPI 3.1 document, made from what it serves.

Nothing in it is written twice. The request schemas are the library's
(:func:`dme_rules.schemas.schema`, for the subjects of the served packs, and the report's).
The answer schemas are derived (:func:`~dme_rules.engine.shapes.schema_of`) from the shapes
the code that writes the answers declares: the service's own answers
(:mod:`~dme_rules.service.answers`), a rule's catalogue entry (the return annotation of
``Rule.to_dict``), a problem, and the deadlines of each pack that counts them (the return
annotation of the ``to_dict`` of what its deadlines function returns; the path is there only
when a served pack counts deadlines). The examples are the default pack's
(:class:`~dme_rules.engine.features.Example`), and the choices of ``jurisdiction`` the served
packs.
"""

from __future__ import annotations

import contextlib
import functools
import typing
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Any

from dme_rules._version import VERSION
from dme_rules.engine.calendar import HolidayEntry
from dme_rules.engine.citations import CitationEntry
from dme_rules.engine.evaluation import evaluate
from dme_rules.engine.features import DeadlinesOf
from dme_rules.engine.jurisdiction import Jurisdiction, subject_class
from dme_rules.engine.kinds import DATE, INSTANT
from dme_rules.engine.messages import LANGUAGES
from dme_rules.engine.registry import known_readings
from dme_rules.engine.rule import Rule
from dme_rules.engine.shapes import schema_of
from dme_rules.engine.time import SUPPORTED_YEARS
from dme_rules.errors import DmeRulesError
from dme_rules.schemas import REPORT, schema, schema_names
from dme_rules.service.answers import HealthAnswer, HolidaysAnswer, RulesAnswer
from dme_rules.service.problems import (
    CALENDAR,
    FHIR,
    JSON,
    NDJSON,
    PROBLEM,
    PROBLEMS,
    ProblemDocument,
    ProblemError,
)
from dme_rules.service.query import serving

__all__ = ["openapi_document", "schema_names_of"]

_COMPONENTS = "#/components/schemas/"
_DESCRIPTION = (
    "Versioned rules, each citing its sources, of the served jurisdiction packs, as a "
    "stateless decision service."
)


def schema_names_of(packs: Iterable[Jurisdiction]) -> list[str]:
    """The names of the JSON Schemas of the subjects of ``packs``, then the report's."""
    subjects = {cls for pack in packs for cls in pack.subjects}
    return [name for name, cls in schema_names().items() if cls is None or cls in subjects]


def openapi_document(
    jurisdictions: Iterable[Jurisdiction] | Mapping[str, Jurisdiction] | None = None,
) -> dict[str, Any]:
    """The OpenAPI 3.1 document of a service serving ``jurisdictions`` (every registered pack
    for ``None``): every path, its parameters, request and response schemas and examples
    (made once for each set of packs; the same dictionary is returned again).

    Raises:
        InvalidArgumentError: ``jurisdictions`` holds something else than packs, or none.
    """
    return _document(tuple(serving(jurisdictions).values()))


# -- the schemas -------------------------------------------------------------------------------


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _COMPONENTS + name}


def _request_schemas(names: list[str]) -> dict[str, Any]:
    """The library's JSON Schemas called ``names``, their definitions among the components."""
    components = {name: schema(name) for name in names}
    for found in list(components.values()):
        found.pop("$schema", None)
        for key, definition in found.pop("$defs", {}).items():
            components[key] = definition
    rebased: dict[str, Any] = _rebased(components)
    return rebased


def _rebased(value: Any) -> Any:
    """``value`` with each ``#/$defs/X`` reference pointing under the components."""
    if isinstance(value, dict):
        return {
            key: (item.replace("#/$defs/", _COMPONENTS) if key == "$ref" else _rebased(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_rebased(item) for item in value]
    return value


def _written_by(writer: Any) -> Any:
    """The shape ``writer`` declares it returns (its return annotation)."""
    return typing.get_type_hints(writer, include_extras=True)["return"]


def _deadlines_shape(deadlines: DeadlinesOf) -> Any:
    """The JSON shape of a pack's deadlines: the return annotation of the ``to_dict`` of what
    its deadlines function returns (any object when either is not declared)."""
    try:
        return _written_by(_written_by(deadlines).to_dict)
    except (AttributeError, KeyError, NameError, TypeError):
        return Mapping[str, Any]


def _answer_schemas(packs: tuple[Jurisdiction, ...]) -> dict[str, Any]:
    """The JSON Schemas of the answers that are not reports, by component name, each derived
    from the shape its writer declares; the shapes they nest are components too."""
    rule = _written_by(Rule.to_dict)
    version = typing.get_args(typing.get_type_hints(rule)["versions"])[0]
    shapes: dict[str, Any] = {
        "health": HealthAnswer,
        "rule": rule,
        "rules": RulesAnswer,
        "holidays": HolidaysAnswer,
        "problem": ProblemDocument,
    }
    counted = list(dict.fromkeys(_deadlines_shape(p.deadlines) for p in packs if p.deadlines))
    if len(counted) == 1:
        shapes["deadlines"] = counted[0]
    # The names of the shapes nested in the answers, as the components have always been called.
    nested = {version: "rule_version", CitationEntry: "citation_of_version",
              HolidayEntry: "holiday", ProblemError: "problem_error"}  # fmt: skip
    names = {shape.__name__: name for shape, name in nested.items()}
    names.update({s.__name__: name for name, s in shapes.items() if typing.is_typeddict(s)})

    def ref(name: str) -> str:
        return _COMPONENTS + names.get(name, name)

    definitions: dict[str, Any] = {}
    found: dict[str, Any] = {}
    for name, shape in shapes.items():
        written = schema_of(shape, definitions, ref)
        if not typing.is_typeddict(shape):
            found[name] = written
    if len(counted) > 1:  # packs whose deadlines differ: an answer is one of their shapes
        found["deadlines"] = {"anyOf": [schema_of(s, definitions, ref) for s in counted]}
    found.update({names.get(key, key): definition for key, definition in definitions.items()})
    return found


# -- the examples ------------------------------------------------------------------------------


def _examples(packs: tuple[Jurisdiction, ...]) -> dict[str, Any]:
    """The default pack's example (``request``), its report (``report``), the first rule of
    the pack on the day its subject started (``rule``) and the deadlines it set going
    (``deadlines``, when the pack counts them); none when the pack has no example."""
    pack = packs[0]
    if pack.example is None:
        return {}
    document = dict(pack.example.document)
    as_of = datetime.fromisoformat(pack.example.as_of)
    examples: dict[str, Any] = {"request": document}
    try:
        examples["report"] = evaluate(document, as_of).to_dict("en")
        kind = document.get("subject")
        cls = subject_class(kind if isinstance(kind, str) else None)
        subject = cls.from_dict(document) if cls is not None else None
    except DmeRulesError:  # an example the pack's own rules refuse: shown without its report
        return examples
    started = (subject.started_at if subject is not None else None) or as_of
    first = next(iter(pack.rules.values()), None)
    if first is not None:
        examples["rule"] = first.to_dict(started.astimezone(pack.zone).date())
    if pack.deadlines is not None:
        with contextlib.suppress(DmeRulesError):  # an instant it cannot count: no example
            examples["deadlines"] = pack.deadlines(started, ()).to_dict()
    return examples


def _example(examples: dict[str, Any], name: str) -> dict[str, Any]:
    return {"example": examples[name]} if name in examples else {}


# -- the paths ---------------------------------------------------------------------------------


def _query(name: str, description: str, **schema_: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description,
            "schema": schema_ or {"type": "string"}}  # fmt: skip


def _in_path(name: str, kind: str = "string") -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": kind}}


def _lang() -> dict[str, Any]:
    """The ``lang`` parameter every operation takes: the language of its words and problems
    (``Accept-Language`` without it, French without either)."""
    return _query("lang", f"the language of the words and problems: {LANGUAGES[0]} (default, "
                  "or Accept-Language) or " + ", ".join(LANGUAGES[1:]), type="string",
                  enum=list(LANGUAGES))  # fmt: skip


#: The problems of an operation that reads a body: an encoding it cannot undo (400), a body
#: sent too slowly (408), too large (413), of another media type (415), invalid (422).
_BODY_PROBLEMS = (400, 408, 413, 415, 422)


def _answers(ok: dict[str, Any], *errors: int, media: str = JSON) -> dict[str, Any]:
    """The responses of an operation: ``ok`` for a 200, a problem for each of ``errors``."""
    found: dict[str, Any] = {"200": {"description": "OK", "content": {media: ok}}}
    for status in errors:
        found[str(status)] = {
            "description": PROBLEMS[status][1]["en"],
            "content": {PROBLEM: {"schema": _ref("problem")}, FHIR: {"schema": {"type": "object"}}},
        }
    return found


def _choice(packs: Iterable[Jurisdiction], description: str) -> dict[str, Any]:
    """The ``jurisdiction`` parameter, one of ``packs`` (the first by default)."""
    ids = [pack.id for pack in packs]
    return _query("jurisdiction", f"{description} (default {ids[0]})", type="string",
                  enum=sorted(ids))  # fmt: skip


#: A date ``as_of`` of an evaluation: a date of the supported years whose end (the next
#: day's 00:00) is one too, so every date but the last day.
_AS_OF_DATE = {
    "allOf": [
        dict(DATE.schema),
        {"pattern": "^((19|20|21)[0-9]{2}|2200-(0[0-9]|1[01])|2200-12-([0-2][0-9]|30))"},
    ]
}


def _alternatives(values: Iterable[int], width: int = 2) -> str:
    return "(" + "|".join(f"{value:0{width}d}" for value in values) + ")"


def _dates_between(first: date, last: date) -> str:
    """A pattern that a text starting with a date from ``first`` to ``last`` matches (a date,
    or an instant by its written date)."""
    if first.year == last.year and first.month == last.month:
        days = _alternatives(range(first.day, last.day + 1))
        return f"^{first.year}-{first.month:02d}-{days}"
    parts = []
    if first.year == last.year:
        middle = range(first.month + 1, last.month)
        parts.append(f"{first.year}-{_alternatives(middle)}-" if middle else "")
    else:
        if first.month < 12:
            parts.append(f"{first.year}-{_alternatives(range(first.month + 1, 13))}-")
        if last.year - first.year > 1:
            parts.append(f"{_alternatives(range(first.year + 1, last.year), 4)}-")
        if last.month > 1:
            parts.append(f"{last.year}-{_alternatives(range(1, last.month))}-")
    parts.append(f"{first.year}-{first.month:02d}-{_alternatives(range(first.day, 32))}")
    parts.append(f"{last.year}-{last.month:02d}-{_alternatives(range(1, last.day + 1))}")
    return "^(" + "|".join(part for part in parts if part) + ")"


def _countable(pack: Jurisdiction) -> tuple[date, date] | None:
    """The first and last days a subject started at noon (in the pack's zone) has deadlines
    the pack can count (the rules in force, the counts inside the supported years), found by
    halving from a day that has them: the pack's example's, or today."""
    assert pack.deadlines is not None
    counts = pack.deadlines

    def counted(day: date) -> bool:
        try:
            counts(datetime.combine(day, time(12), pack.zone), ())
        except DmeRulesError:
            return False
        return True

    start = datetime.now(pack.zone).date()
    if pack.example is not None:
        start = datetime.fromisoformat(pack.example.as_of).astimezone(pack.zone).date()
    if not counted(start):
        return None
    first, last = date(SUPPORTED_YEARS[0], 1, 1), date(SUPPORTED_YEARS[1], 12, 31)
    low, high = first, start  # the first day counted lies in (low, high] unless low is
    if not counted(low):
        while (high - low).days > 1:
            middle = low + (high - low) / 2
            low, high = (low, middle) if counted(middle) else (middle, high)
        first = high
    low, high = start, last
    if not counted(high):
        while (high - low).days > 1:
            middle = low + (high - low) / 2
            low, high = (middle, high) if counted(middle) else (low, middle)
        last = low
    return first, last


def _transmitted(packs: list[Jurisdiction]) -> dict[str, Any]:
    """The ``transmitted`` parameter: an instant or a date of the days whose deadlines every
    counting pack can count (the range of the widest when they differ)."""
    ranges = [found for pack in packs if (found := _countable(pack)) is not None]
    moment: dict[str, Any] = {"anyOf": [dict(DATE.schema), dict(INSTANT.schema)]}
    if ranges:
        within = {"pattern": _dates_between(min(r[0] for r in ranges), max(r[1] for r in ranges))}
        moment = {"anyOf": [{"allOf": [dict(DATE.schema), within]},
                            {"allOf": [dict(INSTANT.schema), within]}]}  # fmt: skip
    return {**_query("transmitted", "an instant with its offset, or a date YYYY-MM-DD (noon "
                     "that day in the jurisdiction's zone), on a day whose deadlines the rules "
                     "in force count within the supported years"),
            "required": True, "schema": moment}  # fmt: skip


def _readings() -> dict[str, Any]:
    """The ``reading`` parameter: known reading ids, repeatable. That no two may be of one
    topic is said in words: JSON Schema could say it (``not`` of two ``contains``), but the
    tools that make requests from the document would then make none."""
    return {**_query("reading", "a reading id (repeatable; at most one per topic)",
                     type="array", items={"type": "string", "enum": list(known_readings())}),
            "style": "form", "explode": True}  # fmt: skip


def _evaluations(names: list[str], examples: dict[str, Any]) -> dict[str, Any]:
    """The paths of the evaluations, one document or a batch."""
    subjects = [name for name in names if name != REPORT]
    readings = _readings()
    lang = _lang()
    as_of = {**_query("as_of", "an instant with its offset, or a date YYYY-MM-DD (the end of "
                      "that day in the subject's zone); default now"),
             "schema": {"anyOf": [_AS_OF_DATE, dict(INSTANT.schema)]}}  # fmt: skip
    report = {"schema": _ref(REPORT), **_example(examples, "report")}
    return {
        "/v1/evaluate": {"post": {
            "summary": "Evaluate a document: " + ", ".join(subjects),
            "parameters": [as_of, lang, readings],
            "requestBody": {"required": True, "content": {JSON: {
                "schema": {"oneOf": [_ref(name) for name in subjects]},
                **_example(examples, "request")}}},
            "responses": {
                **_answers(report, *_BODY_PROBLEMS),
                "200": {
                    "description": "The report, or a FHIR OperationOutcome with "
                    "Accept: application/fhir+json",
                    "content": {JSON: report, FHIR: {"schema": {"type": "object"}}},
                },
            },
        }},
        "/v1/evaluate/batch": {"post": {
            "summary": "Evaluate JSON Lines of documents, streamed back in order",
            "parameters": [as_of, lang, readings],
            "requestBody": {"required": True, "content": {NDJSON: {
                "schema": {"type": "string", "minLength": 1}}}},
            "responses": _answers({"schema": {"type": "string"}}, *_BODY_PROBLEMS, media=NDJSON),
        }},
    }  # fmt: skip


def _catalogue(packs: tuple[Jurisdiction, ...], names: list[str],
               examples: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """The paths of the rules, the deadlines, the calendars and the schemas."""
    paths: dict[str, Any] = {
        "/v1/rules": {"get": {
            "summary": "The rules in force on a date",
            "parameters": [{**_query("as_of", "a date YYYY-MM-DD (default today)"),
                            "schema": dict(DATE.schema)},
                           _choice(packs, "the pack"), _lang()],
            "responses": _answers({"schema": _ref("rules")}, 422)}},
        "/v1/rules/{rule_id}": {"get": {
            "summary": "One rule: its versions, parameters, readings and citations",
            "parameters": [{**_in_path("rule_id"), "schema": {
                               "type": "string",
                               "enum": sorted(rule for pack in packs for rule in pack.rules)}},
                           {**_query("as_of", "a date YYYY-MM-DD: the version in force then"),
                            "schema": dict(DATE.schema)}, _lang()],
            "responses": _answers({"schema": _ref("rule"), **_example(examples, "rule")},
                                  404, 422)}},
    }  # fmt: skip
    counting = [pack for pack in packs if pack.deadlines is not None]
    if counting:
        paths["/v1/deadlines"] = {"get": {
            "summary": "Every deadline a new request starts",
            "parameters": [_transmitted(counting), _readings(),
                           _lang(), _choice(counting, "the pack that counts them")],
            "responses": _answers({"schema": _ref("deadlines"),
                                   **_example(examples, "deadlines")}, 422)}}  # fmt: skip
        paths["/v1/deadlines"]["get"]["responses"]["200"]["content"][CALENDAR] = {
            "schema": {"type": "string"}}  # fmt: skip
        paths["/v1/deadlines"]["get"]["responses"]["200"]["description"] = (
            "The deadlines, or an iCalendar (one all-day event per deadline) with "
            "Accept: text/calendar"
        )
    paths["/v1/calendars/{calendar_id}/{year}"] = {"get": {
        "summary": "A year's holidays, in French and English",
        "parameters": [{**_in_path("calendar_id"), "schema": {
                           "type": "string",
                           "enum": [calendar.id for pack in packs for calendar in pack.calendars]}},
                       {**_in_path("year", "integer"),
                        "schema": {"type": "integer", "minimum": SUPPORTED_YEARS[0],
                                   "maximum": SUPPORTED_YEARS[1]}},
                       _lang()],
        "responses": _answers({"schema": _ref("holidays")}, 404, 422)}}  # fmt: skip
    paths["/v1/schemas/{name}"] = {"get": {
        "summary": "A JSON Schema: " + ", ".join(names),
        "parameters": [{**_in_path("name"), "schema": {"type": "string", "enum": names}},
                       _lang()],
        "responses": _answers({"schema": {"type": "object"}}, 404, 422)}}  # fmt: skip
    return paths


@functools.cache
def _document(packs: tuple[Jurisdiction, ...]) -> dict[str, Any]:
    names = schema_names_of(packs)
    examples = _examples(packs)
    components = {**_request_schemas(names), **_answer_schemas(packs)}
    alive: HealthAnswer = {"status": "ok", "library_version": VERSION}
    health = {"schema": _ref("health"), "example": alive}
    return {
        "openapi": "3.1.0",
        "info": {"title": "dme_rules", "version": VERSION, "description": _DESCRIPTION},
        "paths": {
            "/v1/health": {
                "get": {
                    "summary": "Health",
                    "parameters": [_lang()],
                    "responses": _answers(health, 422),
                }
            },
            **_evaluations(names, examples),
            **_catalogue(packs, names, examples),
        },
        "components": {"schemas": components},
    }
