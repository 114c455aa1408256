"""Words apart from logic: message catalogues in French and English, and how values read.

Rules produce codes and numbers; people read sentences. A :class:`Messages` catalogue maps
each code (``status.violation``, ``reason.not_migrated``,
``qc.migration.import-deadline.clinic_delay``) to a template in every language of
:data:`LANGUAGES`. Templates are :meth:`str.format` texts whose fields may name how a value
reads (``{due:when}``, ``{fee:money}``, ``{late:hours}``): the formatter knows those kinds of
value, and looks the words it needs (day or days, the currency) up in the catalogue too, so no
code branches on the language.

Names: ``{item:name:calendar_item}`` says the words of ``calendar_item.<value>`` for a
value that is a code's last part (a field's name, never shown to people as it is), and
``{items:names:calendar_item}`` those of a list of them.

Plurals: ``{inputs:count:audit.input}`` says a number and its noun phrase in the form the
language's plural rules give that number (the Unicode CLDR's: « 1 jour », « 0 jour »,
« 5 jours »; "1 day", "0 days"): the catalogue holds each form of the phrase as its own code,
``audit.input.one`` and ``audit.input.other`` (and ``.many`` where a language has it; the
``other`` form serves a form the catalogue lacks). ``{n:days}`` and ``{n:business_days}`` are
the same for ``word.day`` and ``word.business_day``; :func:`plural_form` gives the form itself.

The engine's own catalogue, :data:`ENGINE_MESSAGES`, holds the words every jurisdiction shares
(statuses, due, late, left, amounts, the report's table); a jurisdiction's catalogue falls
back on it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from dme_rules.engine import _speed
from dme_rules.engine._checks import MONEY
from dme_rules.errors import InvalidArgumentError

__all__ = [
    "ENGINE_MESSAGES",
    "LANGUAGES",
    "Messages",
    "check_language",
    "plural_form",
    "shown_day",
    "when_text",
]

#: The languages every message exists in; French first, the default.
LANGUAGES = ("fr", "en")


#: A space (or none) before the French punctuation that takes a non-breaking one.
_BEFORE_COLON = re.compile(r" :(?=\s|$)")
_BEFORE_SEMICOLON = re.compile(r"(?<=[^\s\u00a0]);| ;")
_BEFORE_DOLLAR = re.compile(r"(?<=[\d}]) \$")
NBSP = "\u00a0"


def french_typography(text: str) -> str:
    """French typography, as the OQLF describes it: a non-breaking space before ``:`` and
    ``;`` used as punctuation, and before the ``$`` of an amount (``1 500,00 $``). A colon
    inside a time or a format field (``10:00``, ``{minutes:02d}``) is left alone."""
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_SEMICOLON.sub(NBSP + ";", text)
    return _BEFORE_DOLLAR.sub(NBSP + "$", text)


def check_language(lang: str) -> str:
    """Return ``lang`` if it is ``fr`` or ``en``, else raise naming ``lang``."""
    if isinstance(lang, str) and lang in LANGUAGES:
        return lang
    raise InvalidArgumentError("lang", "fr or en", lang, expected_fr="fr ou en")


def _french_plural(count: int) -> str:
    """CLDR's French rule for whole numbers: ``one`` for 0 and 1, ``many`` for a non-zero
    multiple of a million (« 1 000 000 de jours »), else ``other``."""
    if count in (0, 1):
        return "one"
    return "many" if count % 1_000_000 == 0 else "other"


def _english_plural(count: int) -> str:
    """CLDR's English rule for whole numbers: ``one`` for 1, else ``other``."""
    return "one" if count == 1 else "other"


#: The plural rule of each language the messages speak, for whole numbers, as the Unicode
#: CLDR states it (the rules Babel and gettext catalogues carry); a test compares them with
#: Babel's for every count up to beyond a million.
_PLURAL_RULES: dict[str, Callable[[int], str]] = {"fr": _french_plural, "en": _english_plural}


def plural_form(lang: str, count: int) -> str:
    """The plural form (``one``, ``many`` or ``other``, as the Unicode CLDR names them) that
    the whole number ``count`` takes in ``lang``: in French 0 and 1 are singular, in English
    only 1."""
    rule = _PLURAL_RULES.get(lang)
    if rule is None:
        rule = _PLURAL_RULES[check_language(lang)]  # check_language refuses the others
    return rule(abs(count))


def when_text(
    value: date | datetime | None,
    zone: tzinfo,
    *,
    with_zone: bool = False,
    zone_name: Callable[[str], str] | None = None,
) -> str:
    """A date as ISO; an instant in the local time of ``zone``, local midnight as 24:00 of
    the day before (the end of a business day); ``with_zone`` adds the zone's abbreviation,
    as ``zone_name`` writes it in the reader's language (:meth:`Messages.zone_name`).
    """
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return value.isoformat()
    local = value.astimezone(zone)
    day = shown_day(local, zone)
    hour = 24 if day != local.date() else local.hour
    text = f"{day} {hour:02d}:{local.minute:02d}"
    if not with_zone:
        return text
    abbreviation = local.strftime("%Z")
    return f"{text} ({zone_name(abbreviation) if zone_name else abbreviation})"


def shown_day(value: date | datetime, zone: tzinfo) -> date:
    """The day an instant is shown on (as :func:`when_text` says it): its local date in
    ``zone``, but local midnight is 24:00 of the day before, the end of that day (a deadline
    due at 00:00 on the 25th is due on the 24th, as its message says); a date is its own."""
    if not isinstance(value, datetime):
        return value
    local = value.astimezone(zone)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return local.date() - timedelta(days=1)
    return local.date()


def _frozen(texts: Any) -> Any:
    """A read-only copy of a catalogue's texts (a catalogue never changes once made, so what
    it has found and said stays true); anything else is left for attrs to store as given."""
    if not isinstance(texts, Mapping):
        return texts
    return MappingProxyType(
        {code: MappingProxyType(dict(by_lang)) if isinstance(by_lang, Mapping) else by_lang
         for code, by_lang in texts.items()}
    )  # fmt: skip


@attrs.frozen(eq=False)
class Messages:
    """A catalogue of message templates by code, each in every language of :data:`LANGUAGES`
    (one object per catalogue, equal only to itself).

    Attributes:
        texts: ``{code: {"fr": template, "en": template}}``.
        fallback: The catalogue asked for a code this one lacks (a jurisdiction's falls back
            on :data:`ENGINE_MESSAGES`).
    """

    texts: Mapping[str, Mapping[str, str]] = attrs.field(converter=_frozen)
    fallback: Messages | None = None
    #: Each ``(code, language)``'s text as :meth:`template` gives it (typography applied),
    #: found once: sentences ask for the same words (day, days, the currency) again and again.
    _found: dict[tuple[str, str], str] = attrs.field(init=False, factory=dict, eq=False, repr=False)
    #: Each ``(language, zone)``'s speaker, made once.
    _speakers: dict[tuple[str, int], Callable[..., str]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    #: Each speaker's words (how values read), by language and zone.
    _words: dict[tuple[str, int], _Words] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def __contains__(self, code: object) -> bool:
        return code in self.texts or (self.fallback is not None and code in self.fallback)

    def zone_name(self, abbreviation: str, lang: str) -> str:
        """How ``lang`` writes a time zone's abbreviation: the catalogue's
        ``zone.<abbreviation>`` (Quebec's French writes ``EDT`` « HAE », heure avancée de
        l'Est), else the abbreviation as the time-zone database gives it."""
        code = f"zone.{abbreviation}"
        return self.template(code, lang) if code in self else abbreviation

    def template(self, code: str, lang: str) -> str:
        """The template of ``code`` in ``lang``.

        Raises:
            InvalidArgumentError: ``lang`` is not ``fr`` or ``en``, or no catalogue in the
                chain has ``code``.
        """
        found = self._found.get((code, lang))
        if found is not None:
            return found
        texts = self.texts.get(code)
        if texts is not None and lang in texts:
            text = texts[lang]
            found = french_typography(text) if lang == "fr" else text
        elif self.fallback is not None:
            found = self.fallback.template(code, lang)
        if found is not None:
            self._found[code, lang] = found
            return found
        check_language(lang)
        raise InvalidArgumentError(
            "code", "a code of the catalogue", code, expected_fr="un code du catalogue"
        )

    def format(self, code: str, lang: str, zone: tzinfo | None = None, /, **values: Any) -> str:
        """The message ``code`` in ``lang`` with its fields filled in from ``values``.

        Args:
            code: The message's code.
            lang: ``fr`` or ``en``.
            zone: The time zone instants are shown in (``{due:when}``).
            values: The template's fields.
        """
        return self.speaker(lang, zone)(code, **values)

    def speaker(self, lang: str, zone: tzinfo | None = None) -> Callable[..., str]:
        """A function that says messages in ``lang`` (instants in ``zone``):
        ``say(code, **values)``, as :meth:`format` does, for many messages in a row.

        Raises:
            InvalidArgumentError: ``lang`` is not ``fr`` or ``en``.
        """
        check_language(lang)
        # By the zone's identity: equal zones may name their time differently (EST, CDT),
        # and some zones cannot be hashed. The speaker keeps its zone, so its id stays its own.
        found = self._speakers.get((lang, id(zone)))
        if found is not None:
            return found
        words = _Words(self, lang, zone)
        # Each template compiled once for this language and zone, when first said.
        compiled: dict[str, Callable[[dict[str, Any]], str]] = {}

        def say(code: str, /, **values: Any) -> str:
            fill = compiled.get(code)
            if fill is None:
                fill = compiled[code] = _compiled(self.template(code, lang), words)
            return fill(values)

        # Its words first: a speaker found (by another thread too) has its words (phrase).
        self._words[lang, id(zone)] = words
        self._speakers[lang, id(zone)] = say
        return say

    def phrase(self, code: str, lang: str, zone: tzinfo | None, *fields: str) -> Callable[..., str]:
        """The message ``code`` in ``lang`` (instants in ``zone``) as a function of its
        ``fields``' values, given in that order: ``phrase("finding.due", "fr", zone,
        "due")(day)`` says what ``format("finding.due", "fr", zone, due=day)`` says.

        Made once, for a sentence said again and again: see
        :func:`~dme_rules.engine._speed.compiled_phrase`.

        Raises:
            InvalidArgumentError: ``lang`` is not ``fr`` or ``en``, or no catalogue in the
                chain has ``code``.
        """
        say = self.speaker(lang, zone)
        template = self.template(code, lang)
        words = self._words[lang, id(zone)]
        compiled = _speed.compiled_phrase(template, fields, lambda spec: _reader(spec, words))
        if compiled is not None:
            return compiled
        return lambda *values: say(code, **dict(zip(fields, values, strict=True)))

    def missing_languages(self) -> list[tuple[str, str]]:
        """Every ``(code, language)`` of this catalogue (not its fallback) without a text, or
        with a language the library does not speak."""
        return [
            (code, lang)
            for code, texts in self.texts.items()
            for lang in LANGUAGES
            if not (isinstance(texts.get(lang), str) and texts[lang])
        ] + [
            (code, lang)
            for code, texts in self.texts.items()
            for lang in texts
            if lang not in LANGUAGES
        ]


_CENT = Decimal("0.01")


class _Words:
    """How values read in one language: the kinds a template field's format spec names.

    - ``when``: a date as ISO, an instant in the zone's local time with its abbreviation;
    - ``money``: an amount with the language's separators and the jurisdiction's currency;
    - ``days`` / ``business_days``: a count with its noun, in its plural form;
    - ``count:<code>``: a count with the noun phrase ``<code>.<form>``, in its plural form;
    - ``hours``: minutes of business time as hours and minutes (``110 h 00``, ``110:00``);
    - ``business_time``: business time, in business days and hours once it is a day or more;
    - ``duration``: minutes of real time in words (``1 semaine 2 heures``);
    - ``list``: items joined with commas;
    - ``name:<prefix>``: the value is the last part of a code, replaced by the text of
      ``<prefix>.<value>`` (a calendar item's name for its field: ``production_on``);
    - ``names:<prefix>``: a list of such values, each replaced, joined with commas;
    - ``days_off``: named days (holidays, weekend days) with their dates;
    - ``message``: the value is itself a code, replaced by its text;
    - ``messages``: a list of codes, each replaced by its text, joined with commas.
    """

    __slots__ = ("lang", "messages", "readers", "zone")

    def __init__(self, messages: Messages, lang: str, zone: tzinfo | None) -> None:
        self.messages, self.lang, self.zone = messages, lang, zone
        #: How each format spec reads, shared by every template of the speaker.
        self.readers: dict[str, Callable[[Any], str] | None] = {}

    def word(self, code: str) -> str:
        return self.messages.template(code, self.lang)

    def when(self, value: date | datetime) -> str:
        if isinstance(value, datetime):
            if self.zone is None:  # pragma: no cover - every instant is shown in a zone
                raise ValueError("an instant needs a zone to be shown in")
            return when_text(value, self.zone, with_zone=True, zone_name=self.zone_name)
        return value.isoformat()

    def zone_name(self, abbreviation: str) -> str:
        return self.messages.zone_name(abbreviation, self.lang)

    def money(self, amount: Decimal) -> str:
        # Python's grouping, then the language's separators (a placeholder keeps them apart).
        cents = MONEY.quantize(amount, _CENT)  # rounded the same whatever the caller's context
        if cents.is_zero():
            cents = abs(cents)  # no "-0,00 $": an amount of zero has no sign
        number = f"{cents:,f}".replace(",", "\0").replace(".", self.word("format.decimal"))
        number = number.replace("\0", self.word("format.thousands"))
        return self.word("format.money").format(number=number)

    def count(self, value: int, noun: str) -> str:
        """``value`` and the form of the noun phrase ``noun`` it takes (``noun.one``,
        ``noun.other``…), by the language's plural rules."""
        code = f"{noun}.{plural_form(self.lang, value)}"
        if code not in self.messages:
            code = f"{noun}.other"
        return f"{value} {self.word(code)}"

    def hours(self, minutes: int, code: str = "format.hours") -> str:
        hours, rest = divmod(minutes, 60)
        return self.word(code).format(hours=hours, minutes=rest)

    def business_time(self, value: int | tuple[int, int]) -> str:
        """Business time: minutes, or ``(minutes, minutes in a business day)``; a delay of a
        business day or more reads in business days and hours (``4 jours ouvrables et
        14 h 00``, ``4 business days and 14 h 00 min``: after days, hours that cannot be
        read as a time of day), not in hundreds of hours."""
        minutes, per_day = value if isinstance(value, tuple) else (value, 0)
        if per_day <= 0 or minutes < per_day:
            return self.word("format.business_hours").format(hours=self.hours(minutes))
        days, rest = divmod(minutes, per_day)
        return self.word("format.business_days_hours").format(
            days=self.count(days, "word.business_day"),
            hours=self.hours(rest, "format.hours_after_days"),
        )

    def duration(self, minutes: int) -> str:
        import pendulum  # the edge toolkit, imported where used to keep the import cheap

        return str(pendulum.duration(minutes=minutes).in_words(locale=self.lang))

    def listing(self, values: Iterable[object]) -> str:
        return ", ".join(str(value) for value in values)

    def texts(self, codes: Iterable[str]) -> str:
        """Codes, each replaced by its text, joined with commas (``« … ? », « … ? »``)."""
        return ", ".join(self.word(code) for code in codes)

    def days_off(self, days: Iterable[Any]) -> str:
        """Named days (:class:`~dme_rules.engine.calendar.Holiday` values): ``2025-06-24
        (Fête nationale du Québec)``."""
        name = "name_fr" if self.lang == "fr" else "name_en"
        return ", ".join(f"{day.date.isoformat()} ({getattr(day, name)})" for day in days)


def _compiled(template: str, words: _Words) -> Callable[[dict[str, Any]], str]:
    """``template`` made once into a function of its fields' values (a dict by field name)
    that gives the text: a constant for a template without fields; :meth:`str.format_map`
    for one whose fields are plain names read by :func:`format`; else its pieces, literal text
    then each field read by :func:`format` or by the kind its spec names (bound to ``words``,
    each kind's texts remembered by value where equal values read alike).

    Every field is ``values[name]``, read by ``format(value, spec)`` or its kind, in order: a
    conversion (``!r``) is not applied and a name is never an attribute or an index."""
    pieces = list(string.Formatter().parse(template))
    fields = [(field, spec or "", conversion) for _, field, spec, conversion in pieces
              if field is not None]  # fmt: skip
    if not fields:
        constant = "".join(literal for literal, *_ in pieces)
        return lambda values: constant
    if all(
        field.isidentifier() and conversion is None and "{" not in spec and _kind(spec) is None
        for field, spec, conversion in fields
    ):  # the same reading, done by str.format_map in one call
        plain = "".join(
            literal.replace("{", "{{").replace("}", "}}")
            + ("" if field is None else "{" + field + (":" + spec if spec else "") + "}")
            for literal, field, spec, _ in pieces
        )
        return plain.format_map
    steps = tuple(
        (literal, field, spec or "", _reader(spec or "", words))
        for literal, field, spec, _ in pieces
    )

    def fill(values: dict[str, Any]) -> str:
        parts = []
        for literal, field, spec, read in steps:
            parts.append(literal)
            if field is not None:
                value = values[field]
                parts.append(format(value, spec) if read is None else read(value))
        return "".join(parts)

    return fill


def _reader(spec: str, words: _Words) -> Callable[[Any], str] | None:
    """How a field with ``spec`` reads in ``words``' language and zone: ``None`` for a spec
    :func:`format` reads (``02d``), else its kind, remembering texts where equal values read
    alike (dates, amounts, counts); one reader a spec for every template ``words`` say."""
    if spec in words.readers:
        return words.readers[spec]
    kind = _kind(spec)
    reader = None
    if kind is not None:
        reader = _speed.remembered_reading(lambda value: kind(words, value), spec)
    words.readers[spec] = reader
    return reader


def _kind(spec: str) -> Callable[[_Words, Any], str] | None:
    """The kind of value a field's format spec names: one of :data:`_KINDS`, or a count of
    a noun phrase (``count:audit.input``)."""
    if spec.startswith(_COUNT):
        noun = spec[len(_COUNT) :]
        return lambda words, value: words.count(value, noun)
    if spec.startswith(_NAME):
        prefix = spec[len(_NAME) :]
        return lambda words, value: words.word(f"{prefix}.{value}")
    if spec.startswith(_NAMES):
        prefix = spec[len(_NAMES) :]
        return lambda words, values: ", ".join(words.word(f"{prefix}.{v}") for v in values)
    return _KINDS.get(spec)


_COUNT = "count:"
_NAME = "name:"
_NAMES = "names:"


_KINDS: dict[str, Any] = {
    "when": _Words.when,
    "money": _Words.money,
    "days": lambda self, value: self.count(value, "word.day"),
    "business_days": lambda self, value: self.count(value, "word.business_day"),
    "hours": _Words.hours,
    "business_time": _Words.business_time,
    "duration": _Words.duration,
    "list": _Words.listing,
    "days_off": _Words.days_off,
    "messages": _Words.texts,
    "message": lambda self, code: self.word(code),
}


def _texts(**by_language: str) -> dict[str, str]:
    return by_language


#: The words every jurisdiction shares: statuses, the parts of a finding's sentence, the
#: report's table and heading, numbers and counts.
ENGINE_MESSAGES = Messages(
    {
        # A deadline's event in an iCalendar (its description's lines).
        "ics.rule": _texts(
            fr="Règle : {rule} (version {version})", en="Rule: {rule} (version {version})"
        ),
        "ics.basis": _texts(fr="Fondement : {basis}", en="Legal basis: {basis}"),
        "ics.reading": _texts(
            fr="Lecture : {reading} — {summary}", en="Reading: {reading} — {summary}"
        ),
        # Statuses.
        "status.compliant": _texts(fr="conforme", en="compliant"),
        "status.violation": _texts(fr="non conforme", en="violation"),
        "status.pending": _texts(fr="en cours", en="pending"),
        "status.not_applicable": _texts(fr="sans objet", en="not applicable"),
        "status.insufficient_data": _texts(fr="données insuffisantes", en="insufficient data"),
        # Numbers and counts.
        "format.decimal": _texts(fr=",", en="."),
        "format.thousands": _texts(fr="\u202f", en=","),
        "format.hours": _texts(fr="{hours} h {minutes:02d}", en="{hours}:{minutes:02d}"),
        # Hours after business days: never "14:00", which reads as a time of day.
        "format.hours_after_days": _texts(
            fr="{hours} h {minutes:02d}", en="{hours} h {minutes:02d} min"
        ),
        "word.day.one": _texts(fr="jour", en="day"),
        "word.day.other": _texts(fr="jours", en="days"),
        "word.business_day.one": _texts(fr="jour ouvrable", en="business day"),
        "word.business_day.other": _texts(fr="jours ouvrables", en="business days"),
        # A finding's sentence: the head, then its parts.
        "finding.head": _texts(fr="{title} : {status}", en="{title}: {status}"),
        "finding.due": _texts(fr="échéance {due:when}", en="due {due:when}"),
        "finding.act": _texts(fr="fait le {act:when}", en="done on {act:when}"),
        "finding.late": _texts(fr="en retard de {days:days}", en="late by {days:days}"),
        "finding.late_business": _texts(
            fr="en retard de {days:days} ({business:business_days})",
            en="late by {days:days} ({business:business_days})",
        ),
        "finding.left": _texts(fr="reste {days:days}", en="left: {days:days}"),
        "finding.left_business": _texts(
            fr="reste {days:days} ({business:business_days})",
            en="left: {days:days} ({business:business_days})",
        ),
        "finding.amount": _texts(fr="montant {amount:money}", en="amount {amount:money}"),
        "finding.cap": _texts(fr="plafond {cap:money}", en="cap {cap:money}"),
        "finding.missing": _texts(fr="donnée manquante : {missing}", en="missing: {missing}"),
        "reason.not_in_force": _texts(
            fr="en vigueur à partir du {in_force_from}", en="in force from {in_force_from}"
        ),
        # A reason said without the finding's details (a table's row): for the reasons whose
        # sentence says a detail.
        "reason.not_in_force.short": _texts(
            fr="aucune version en vigueur à la date du dossier",
            en="no version in force on the case's date",
        ),
        # How late, or how much time is left, in a table cell.
        "delay.late": _texts(
            fr="en retard de {days:days} ({business:business_days})",
            en="{days:days} late ({business:business_days})",
        ),
        "delay.left": _texts(
            fr="reste {days:days} ({business:business_days})",
            en="{days:days} left ({business:business_days})",
        ),
        "delay.late_days": _texts(fr="en retard de {days:days}", en="{days:days} late"),
        "delay.left_days": _texts(fr="reste {days:days}", en="{days:days} left"),
        "delay.business_late": _texts(
            fr="{late:business_time} de retard", en="{late:business_time} late"
        ),
        "delay.business_left": _texts(
            fr="reste {left:business_time}", en="{left:business_time} left"
        ),
        "format.business_hours": _texts(fr="{hours} ouvrables", en="{hours} business hours"),
        "format.business_days_hours": _texts(
            fr="{days} et {hours}",
            en="{days} and {hours}",
        ),
        "delay.amount": _texts(
            fr="{amount:money} / {cap:money}", en="{amount:money} / {cap:money}"
        ),
        # A report, as a terminal or a notebook shows it.
        "report.heading": _texts(
            fr="Dossier {case_id} — évalué au {as_of}", en="Case {case_id} — as of {as_of}"
        ),
        "report.heading_without_id": _texts(fr="Évalué au {as_of}", en="As of {as_of}"),
        "report.verdict": _texts(fr="Verdict : {status}", en="Verdict: {status}"),
        "sensitivity.title": _texts(
            fr="Sensibilité aux lectures (chaque autre lecture seule)",
            en="Sensitivity to the readings (each other reading alone)",
        ),
        "sensitivity.robust": _texts(fr="robuste", en="robust"),
        "sensitivity.yes": _texts(fr="oui", en="yes"),
        "sensitivity.no": _texts(fr="non", en="no"),
        "sensitivity.alternatives": _texts(fr="autres lectures", en="other readings"),
        "sensitivity.alternative": _texts(fr="{reading} : {status}", en="{reading}: {status}"),
        "sensitivity.summary": _texts(
            fr="constats robustes : {robust} sur {total} ; lectures qui changent un statut : "
            "{flips}",
            en="robust findings: {robust} of {total}; readings that change a status: {flips}",
        ),
        "sensitivity.none": _texts(fr="aucune", en="none"),
        "list.separator": _texts(fr=" ; ", en="; "),
        "table.rule": _texts(fr="règle", en="rule"),
        "table.party": _texts(fr="partie", en="party"),
        "table.status": _texts(fr="statut", en="status"),
        "table.due": _texts(fr="échéance", en="due"),
        "table.act": _texts(fr="acte", en="act"),
        "table.delay": _texts(fr="retard / reste", en="late / left"),
        "table.reason": _texts(fr="pourquoi", en="why"),
        "fhir.nothing_to_report": _texts(
            fr="Aucune non-conformité constatée.", en="No non-compliance found."
        ),
    }
)
