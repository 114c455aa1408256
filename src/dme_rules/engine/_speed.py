"""Speed tricks, kept here: every one named, with why it is exact.

The rest of the library is written to be read. The auditor's pipeline (reading a case
in ≤ 20 µs, 100,000 cases end to end in seconds) needs a few shortcuts on its hot path;
each lives in this module, and each gives exactly what the plain code gives, byte for byte,
error for error (``tests/engine/test_speed.py`` and ``test_speed_outputs.py`` check each
against the plain code):

- :func:`unique_keys`: the JSON decoder's hook that refuses a key given twice, built in C
  (``dict(pairs)``) and compared by length, the repeated key looked for only when there is one;
- :func:`decoded`: JSON text decoded by orjson when it is installed and its value is the
  standard library's (no key given twice, by counting colons; no integer beyond 64 bits);
- :func:`remembered`: a parser of JSON strings (dates, instants, amounts) that keeps what it
  has read, since the same dates and amounts recur across thousands of cases; a value is kept
  only once the exact parser has accepted it, and every kept value is immutable;
- :func:`plain_text`: a string of printable ASCII with a non-space character is a visible
  text, known without looking up each character's Unicode category;
- :func:`read_known`: a JSON object read into its class in one pass over its fields, each
  value parsed and set without the attrs validators (the parsers check at least as much), the
  object read again in the order of its fields only when something is wrong (to name the
  first error);
- :func:`read_items`: a JSON list's items read without a path made for each, read again
  with their paths only when one is refused;
- :func:`build`: a subject's block built from values its kinds have already read and checked,
  without running the same checks again as the attrs validators;
- :func:`remembered_reading`: how a message's field reads (an instant in the local time, an
  amount in words, a count with its noun) remembered by its value, where equal values (of the
  same type) read alike, since the same instants, amounts and counts recur in thousands of
  findings;
- :func:`json_line`: a line of JSON Lines written by orjson when it is installed, the same
  text as the standard library's;
- :class:`JsonPieces`: a JSON document written piece by piece (parts that never change, such
  as a rule version's citations, written once and kept), the same text as ``json.dumps`` of
  the whole, with the C encoder made once rather than on every call;
- :func:`tuple_maker`: a named tuple made from every field in order, as its ``_make`` makes
  it, without a Python call and a check of the length (every finding is made so).
- :func:`compiled_phrase`: a message template made into one :meth:`str.format` of its
  fields' values given in order, each read first by its kind; the whole text of a template of
  one field remembered by that field's value (as :func:`remembered_reading` keeps a kind's).
"""

from __future__ import annotations

import functools
import json
import operator
import string
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import attrs

__all__ = [
    "MISS",
    "JsonPieces",
    "Reading",
    "build",
    "compiled_phrase",
    "decoded",
    "json_line",
    "json_pieces",
    "plain_text",
    "read_items",
    "read_known",
    "remembered",
    "remembered_reading",
    "tuple_maker",
    "unique_keys",
]

T = TypeVar("T")
N = TypeVar("N", bound=tuple[Any, ...])

#: What a shortcut answers when it cannot: the plain code then decides.
MISS: Any = object()

#: How many values a remembered parser keeps before it starts afresh, and the longest string
#: it keeps (dates, instants and amounts are short): memory stays bounded whatever the
#: stream, about 10 MB at most per parser.
_KEPT = 1 << 16
_KEPT_LENGTH = 40
#: How many texts a remembered reading keeps (one for each kind of field, language and
#: zone): about 2 MB at most each.
_KEPT_READINGS = 1 << 14


class RepeatedKey(ValueError):
    """A key given twice in one JSON object."""


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The object of ``pairs``; :class:`RepeatedKey` when a key comes twice.

    ``dict(pairs)`` keeps the last of two equal keys: its length tells whether any key was
    repeated, and only then is the first repeated key looked for (to name it)."""
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise RepeatedKey(key)
        seen.add(key)
    raise AssertionError("unreachable: a shorter dict has a repeated key")  # pragma: no cover


def decoded(text: str | bytes | bytearray) -> Any:
    """The JSON value of ``text`` as ``json.loads(text, object_pairs_hook=unique_keys)``
    reads it, decoded by orjson (no Python call per object); or :data:`MISS`, and the
    standard library decides, when orjson is not installed, refuses the text, or might read
    it otherwise:

    - *A key given twice*, which orjson keeps silently once. Every colon of JSON text is
      either the colon after one key of an object or a character of a string, and orjson
      writes the value back with one colon per key it kept and each string's colons as they
      are. When no colon is escaped (``\\u003a``), each string has the colons its text shows,
      so: colons of the text = keys given + colons of the strings given; colons written =
      keys kept + colons of the strings kept, each of them one of the strings given. The two
      counts are equal only when every key given was kept: none was given twice.
    - *An integer beyond 64 bits*, which orjson reads as a float: such a float is at least
      2**63 in size, and orjson writes every float of 1e16 or more with an exponent, as
      ``repr`` does (``1.8446744073709552e+19``): left to the standard library whenever the
      text written back has an ``e+`` (also, harmlessly, when a string has one). orjson
      writes the exponent's sign from its version 3.11.7 on; an older orjson, which writes
      ``1.8446744073709552e19``, is not used to decode (:func:`_orjson_decoder`).

    Otherwise the two read the same strings, integers and floats (both round a float
    correctly). ``NaN``, ``Infinity``, numbers beyond the floats, lone surrogates and a
    byte-order mark are refused by orjson, and nesting deeper than it writes back (255
    levels) fails its writing: all are left to the standard library.
    """
    orjson = _orjson_decoder()
    if orjson is None:
        return MISS
    try:
        raw = (
            text if type(text) is bytes else text.encode() if isinstance(text, str) else bytes(text)
        )
        document = orjson.loads(raw)
        written = orjson.dumps(document)
    except (TypeError, ValueError):  # orjson refuses it, or a lone surrogate
        return MISS
    if (
        raw.count(b":") != written.count(b":")
        or (b"\\" in raw and b"\\u003" in raw)
        or (b"+" in written and b"e+" in written)  # (one byte is looked for faster)
    ):
        return MISS
    return document


def _orjson() -> Any:
    """orjson's module, or ``None`` when it is not installed (looked for once)."""
    global _ORJSON_MODULE
    if _ORJSON_MODULE is MISS:
        try:
            import orjson as found
        except ImportError:  # pragma: no cover - orjson comes with the audit and service
            found = None  # type: ignore[assignment]
        _ORJSON_MODULE = found
    return _ORJSON_MODULE


_ORJSON_MODULE: Any = MISS


def _orjson_decoder() -> Any:
    """orjson's module when it writes a float's exponent with its sign (``1e+16``), as
    :func:`decoded` needs to find an integer it read as a float; else ``None`` (looked for
    once)."""
    global _ORJSON_DECODER
    if _ORJSON_DECODER is MISS:
        orjson = _orjson()
        writes_sign = orjson is not None and b"e+" in orjson.dumps(2.0**64)
        _ORJSON_DECODER = orjson if writes_sign else None
    return _ORJSON_DECODER


_ORJSON_DECODER: Any = MISS


def remembered(parse: Callable[[Any, str], T]) -> Callable[[Any, str], T]:
    """``parse`` (a JSON value and its path → a value, or an error naming the path), keeping
    the value read from each string it accepted: the same string reads as the same value
    (dates, instants and Decimals are immutable). Strings it refuses are not kept, so every
    error is raised by ``parse`` itself, with its path."""
    kept: dict[str, T] = {}

    def parse_remembered(value: Any, path: str) -> T:
        if type(value) is not str:
            return parse(value, path)
        found = kept.get(value, MISS)
        if found is MISS:
            found = parse(value, path)
            if len(value) <= _KEPT_LENGTH:
                if len(kept) >= _KEPT:
                    kept.clear()
                kept[value] = found
        return found  # type: ignore[no-any-return]

    parse_remembered.__wrapped__ = parse  # type: ignore[attr-defined]
    return parse_remembered


def plain_text(value: object) -> bool:
    """Whether ``value`` is a string of printable ASCII characters with one that is not a
    space: such a string has a visible character and no lone surrogate. (Other strings may be
    visible text too; the plain check decides for them.)"""
    return (
        type(value) is str
        and value.isascii()
        and value.isprintable()
        and not value.isspace()
        and value != ""
    )


@attrs.frozen
class _Plan:
    """How :func:`build` makes one class: each init field's parameter name, attribute name,
    default (``None``) and converter, and the class's post-init."""

    fields: tuple[tuple[str, str, Callable[[Any], Any] | None], ...]
    post_init: Callable[[Any], None] | None


_PLANS: dict[type, _Plan | None] = {}


def _plan(cls: type) -> _Plan | None:
    """The plan of ``cls``, or ``None`` when :func:`build` cannot make it exactly as its
    ``__init__`` does (a default other than ``None``, a pre-init): then it calls ``__init__``."""
    if cls in _PLANS:
        return _PLANS[cls]
    plan: _Plan | None = None
    fields = [field for field in attrs.fields(cls) if field.init]
    simple = all(
        field.default is attrs.NOTHING or field.default is None for field in fields
    ) and not hasattr(cls, "__attrs_pre_init__")
    if simple:
        plan = _Plan(
            tuple((field.alias, field.name, field.converter) for field in fields),
            getattr(cls, "__attrs_post_init__", None),
        )
    _PLANS[cls] = plan
    return plan


def build(cls: type[T], values: dict[str, Any]) -> T:
    """``cls(**values)`` without its validators: ``values`` (by parameter name; an absent one
    is ``None``) were read by their fields' kinds, whose parsers check at least what the
    validators check. Converters and the post-init (derived fields, the checks across fields)
    run as ``__init__`` runs them."""
    plan = _plan(cls)
    if plan is None:
        return cls(**values)
    instance = object.__new__(cls)
    set_value = object.__setattr__
    for parameter, name, converter in plan.fields:
        value = values.get(parameter)
        set_value(instance, name, value if converter is None else converter(value))
    if plan.post_init is not None:
        plan.post_init(instance)
    return instance


@attrs.frozen
class Reading:
    """How :func:`read_known` reads one class of fields from a JSON object, made once per
    class: the JSON keys it knows, each init field's JSON key, attribute name, parser and
    whether it is required (in the order of the fields), and the class's post-init."""

    cls: type
    keys: frozenset[str]
    fields: tuple[tuple[str, str, Callable[[Any, str], Any], bool], ...]
    post_init: Callable[[Any], None] | None


def read_known(reading: Reading, data: Any, path: str) -> Any:
    """The instance of ``reading.cls`` that the JSON object ``data`` describes, or
    :data:`MISS` when a key is unknown, a required one absent (``null`` is absent) or a value
    refused.

    Each field is set as its parser read it, without the attrs validators (the parsers check
    at least what they check); the post-init (derived fields, the checks across fields) runs
    as ``__init__`` runs it. Only classes whose fields default to ``None`` and whose
    converters give back every parsed value unchanged are read so (see ``jsonform``). The
    caller reads the object again in the order of its fields when this misses, so that the
    error raised is the first in that order, as the plain reading raises it: the parsers are
    given ``path`` itself, not each key's path, since an error they raise here is never shown.
    """
    if not reading.keys.issuperset(data):
        return MISS
    instance: Any = object.__new__(reading.cls)
    set_value = object.__setattr__
    get = data.get
    try:
        for key, name, parse, required in reading.fields:
            value = get(key)
            if value is not None:
                value = parse(value, path)
            elif required:
                return MISS
            set_value(instance, name, value)
    except (TypeError, ValueError):  # a refused value
        return MISS
    if reading.post_init is not None:
        reading.post_init(instance)
    return instance


def read_items(parse: Callable[[Any, str], T], items: list[Any], path: str) -> Any:
    """The tuple of each item of a JSON list as ``parse`` reads it, or :data:`MISS` when one
    is refused: the caller reads them again, each given its own path (``$.sent_to[2]``), to
    name it. Here each is given the list's ``path``: no path is made per item."""
    try:
        return tuple([parse(item, path) for item in items])
    except (TypeError, ValueError):  # a refused item
        return MISS


#: For each kind of template field (its format spec), the types of value that read the same
#: whenever they are equal (with the same type): an equal date reads as the same ISO text, an
#: equal instant as the same local time, an equal amount the same once rounded to the cent,
#: an equal number of minutes as the same duration in words.
#: (A Decimal read plainly would not: ``1.0`` and ``1.00`` are equal but read apart.)
_SAME_WHEN_EQUAL: dict[str, frozenset[type]] = {
    "when": frozenset({date, datetime}),
    "money": frozenset({Decimal, int}),
    "days": frozenset({int}),
    "business_days": frozenset({int}),
    "duration": frozenset({int}),  # minutes of real time in words
}
#: A count (``count:<noun>``) reads the same whenever it is equal.
_INTEGERS = frozenset({int})


def remembered_reading(read: Callable[[Any], str], spec: str) -> Callable[[Any], str]:
    """``read`` (how a value of a field with the format spec ``spec`` reads, in one language
    and one zone), keeping the text of each value by its type and value where equal values
    of that type read alike (:data:`_SAME_WHEN_EQUAL`); ``read`` itself for the other specs.

    An instant is kept by its UTC instant: two instants equal on the wall clock of one zone
    (the repeated autumn hour, ``fold``) are not the same instant; a naive date-time, or an
    amount that is not finite, is read afresh every time."""
    same = _SAME_WHEN_EQUAL.get(spec) or (_INTEGERS if spec.startswith("count:") else None)
    if same is None:
        return read
    kept: dict[tuple[type, Any], str] = {}

    def read_remembered(value: Any) -> str:
        kind = type(value)
        if kind not in same:
            return read(value)
        key = value
        if kind is datetime:
            offset = value.utcoffset()
            if offset is None:
                return read(value)
            key = (value - offset).replace(tzinfo=None)  # the UTC instant
        elif kind is Decimal and not value.is_finite():
            return read(value)
        text = kept.get((kind, key))
        if text is None:
            if len(kept) >= _KEPT_READINGS:
                kept.clear()
            text = kept[kind, key] = read(value)
        return text

    return read_remembered


def json_line(document: Any) -> str:
    """``document`` as one line of compact JSON and its newline: the text of
    ``json.dumps(document, ensure_ascii=False, separators=(",", ":"))``, written by orjson
    when it is installed (ten times faster, the same text: UTF-8 kept, the same escapes),
    else (or for a value orjson refuses, such as a lone surrogate) by the standard library.

    For documents of strings, integers, booleans, ``None``, lists and dicts, as the library's
    reports, rows and answers are: for those both write the same text. (A float would read
    differently: orjson writes ``1e-7`` where json writes ``1e-07``. A date or a dataclass is
    refused, as the standard library refuses it.)
    """
    orjson = _orjson()
    if orjson is not None:
        try:
            # Dates and dataclasses are refused, as the standard library refuses them.
            option = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
            return str(orjson.dumps(document, option=option).decode()) + "\n"
        except TypeError:  # orjson.JSONEncodeError: the standard library says it
            pass
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _compact_encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False)``: the standard library's C encoder, made once
    with the settings ``json.dumps`` gives it (``JSONEncoder.iterencode`` makes it anew on
    every call), and made again after an error (its record of the objects being written, to
    find a cycle, may then hold a half-written one's)."""
    from json.encoder import encode_basestring

    c_make_encoder = getattr(json.encoder, "c_make_encoder", None)  # private: typeshed lacks it
    plain = json.JSONEncoder(ensure_ascii=False)
    if c_make_encoder is None:  # pragma: no cover - CPython has its C accelerator
        return plain.encode

    def made() -> Any:
        return c_make_encoder({}, plain.default, encode_basestring, None, ": ", ", ", False,
                              False, True)  # fmt: skip

    encoder = made()

    def encode(value: Any) -> str:
        nonlocal encoder
        try:
            return "".join(encoder(value, 0))
        except BaseException:
            encoder = made()
            raise

    return encode


class JsonPieces:
    """A JSON document written piece by piece, the same text as ``json.dumps(document,
    ensure_ascii=False, indent=indent)`` writes the whole (its default separators: ``", "``
    and ``": "`` compact; ``","``, a new line and ``indent`` spaces a level with an indent).

    Each piece is a value's text written at its nesting ``level`` (0 for the document): its
    lines after the first are indented by the levels above it, which is all that a value's
    text owes to where it sits (a JSON string holds no new line, only ``\\n``). A piece
    that never changes (a rule version's citations) can be written once and kept.
    """

    __slots__ = ("_encode", "_forms", "_indent", "_string")

    def __init__(self, indent: int | None) -> None:
        from json.encoder import encode_basestring

        self._indent = indent
        self._string: Callable[[str], str] = encode_basestring
        self._forms: dict[tuple[tuple[str, ...], int, bool], str] = {}
        if indent is None:
            self._encode = _compact_encoder()
        else:
            self._encode = json.JSONEncoder(ensure_ascii=False, indent=indent).encode

    def value(self, value: Any, level: int) -> str:
        """``value``'s text at ``level`` (``null``, a string and an integer written as the
        encoder writes them, without a call to it)."""
        if value is None:
            return "null"
        if isinstance(value, str):  # a str subclass (an enum) is written as its text too
            return self._string(value)
        if type(value) is int:  # not bool, not an IntEnum: the encoder writes int's repr
            return int.__repr__(value)
        text = self._encode(value)
        if self._indent is None or level == 0 or "\n" not in text:
            return text
        return text.replace("\n", "\n" + " " * (self._indent * level))

    def form(self, keys: tuple[str, ...], level: int, *, after: bool = False) -> str:
        """The text of an object at ``level`` with ``keys``, in order, each value a ``{}``
        for :meth:`str.format` to fill with its text (written at ``level + 1``); made once.
        ``after``: only the members, to follow those of an object's text (:meth:`extended`).
        """
        found = self._forms.get((keys, level, after))
        if found is not None:
            return found
        members = [self._string(key).replace("{", "{{").replace("}", "}}") + ": {}" for key in keys]
        if self._indent is None:
            separator, outside = ", ", ""
        else:
            separator = ",\n" + " " * (self._indent * (level + 1))
            outside = "\n" + " " * (self._indent * level)
        if after:
            found = (separator + separator.join(members) if members else "") + outside + "}}"
        elif not members:
            found = "{{}}"
        else:
            start = "" if self._indent is None else separator[1:]
            found = "{{" + start + separator.join(members) + outside + "}}"
        self._forms[keys, level, after] = found
        return found

    def extended(self, text: str, keys: tuple[str, ...], texts: Iterable[str], level: int) -> str:
        """``text``, the text of an object with at least one member at ``level``, with the
        members ``keys`` after its own, their values' ``texts`` written at ``level + 1``."""
        closing = 1 if self._indent is None else 2 + self._indent * level  # "}", "\n  }"
        return text[:-closing] + self.form(keys, level, after=True).format(*texts)

    def array(self, texts: list[str], level: int) -> str:
        """An array of ``texts`` (each written at ``level + 1``)."""
        if not texts:
            return "[]"
        if self._indent is None:
            return "[" + ", ".join(texts) + "]"
        inside = "\n" + " " * (self._indent * (level + 1))
        return "[" + inside + ("," + inside).join(texts) + "\n" + " " * (self._indent * level) + "]"


_PIECES: dict[int | None, JsonPieces] = {}


def json_pieces(indent: int | None) -> JsonPieces:
    """The :class:`JsonPieces` writer of ``indent`` (made once)."""
    found = _PIECES.get(indent)
    if found is None:
        found = _PIECES[indent] = JsonPieces(indent)
    return found


def tuple_maker(cls: type[N]) -> Callable[[Iterable[Any]], N]:
    """``cls._make`` for a named tuple class ``cls``, for a caller that always gives every
    field in the declared order: ``tuple.__new__(cls, fields)``, which ``_make`` calls too,
    without ``_make``'s Python call and its check of the length (the caller's code lists every
    field, a test checks it). Ten findings an evaluation are made this way."""
    maker: Callable[[Iterable[Any]], N] = functools.partial(tuple.__new__, cls)
    return maker


# -- a finding's sentence ------------------------------------------------------------------


def compiled_phrase(
    template: str,
    fields: tuple[str, ...],
    reader_of: Callable[[str], Callable[[Any], str] | None],
) -> Callable[..., str] | None:
    """``template`` (a message's text) made into a function of the values of ``fields``,
    given in that order, that says what the message's compiled ``fill`` says of them
    (``None`` when this cannot: a field that is not one of ``fields``, read with two specs,
    or whose spec holds a field).

    ``reader_of(spec)`` is how a field with the format ``spec`` reads (its kind, remembered),
    or ``None`` for a spec :func:`format` reads. The template becomes one format string whose
    fields are the values' positions (``"échéance {0}"``): a field of a kind is given its
    reading, a plain one its value and spec (``{0:02d}``), which ``str.format`` reads with
    ``format(value, spec)`` as ``fill`` does; no conversion is applied, as ``fill`` applies
    none. The text of a template of one field of a kind is then a function of that field's
    reading alone, so it is remembered by the value as the reading is
    (:func:`remembered_reading`): equal values of the same type read alike.
    """
    pieces = list(string.Formatter().parse(template))
    specs: dict[str, str] = {}
    for _, field, spec, _ in pieces:
        if field is not None:
            spec = spec or ""
            if field not in fields or "{" in spec or specs.setdefault(field, spec) != spec:
                return None
    readers = [reader_of(specs[field]) if field in specs else None for field in fields]
    text = "".join(
        literal.replace("{", "{{").replace("}", "}}")
        + (
            ""
            if field is None
            else "{" + str(fields.index(field))
            + (":" + spec if spec and readers[fields.index(field)] is None else "") + "}"
        )
        for literal, field, spec, _ in pieces
    )  # fmt: skip
    if len(fields) == 1:
        read = readers[0]
        if read is None:
            return text.format
        return remembered_reading(lambda value: text.format(read(value)), specs[fields[0]])
    readings = [_as_it_is if read is None else read for read in readers]
    return lambda *values: text.format(*map(operator.call, readings, values))


def _as_it_is(value: Any) -> Any:
    """A plain field's value, which ``str.format`` reads with its spec."""
    return value
