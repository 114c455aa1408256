"""The exceptions raised by :mod:`dme_rules`.

Every error the library raises on purpose derives from :class:`DmeRulesError`, itself a
:class:`ValueError`, so that a caller can catch the whole family in one clause. Each message
names the field at fault and what was expected, in French then English.
"""

from __future__ import annotations

import errno

__all__ = [
    "CalendarRangeError",
    "DmeRulesError",
    "FloatAmountError",
    "InvalidArgumentError",
    "InvalidCaseError",
    "NaiveDatetimeError",
    "NotInForceError",
    "TableRowsError",
    "UnknownRuleError",
    "why_not",
]


class DmeRulesError(ValueError):
    """Base class of every error raised by :mod:`dme_rules`.

    Every error pickles and unpickles with its message and attributes (a worker process of
    a pool sends its errors back).
    """

    def __reduce__(self) -> tuple[object, ...]:
        return _restore, (type(self), str(self), dict(self.__dict__))

    @property
    def errors(self) -> list[DmeRulesError]:
        """Every error found, this one first.

        A reader that reads a whole document (a case, consent answers, a record) lists each
        field at fault, up to 100; otherwise this error alone. The message is the first's.
        """
        others: list[DmeRulesError] = self.__dict__.get("_others") or []
        return [self, *others]

    @classmethod
    def of(cls, fr: str, en: str) -> DmeRulesError:
        """An error whose message is ``fr`` then ``en`` (each kept for :meth:`text`)."""
        error = cls.__new__(cls)
        error._say(fr, en)
        return error

    def text(self, lang: str) -> str:
        """The message in one language, ``fr`` or ``en`` (the message gives the French text,
        a slash, then the English); the whole message for an error given one text."""
        texts: tuple[str, str] | None = self.__dict__.get("_texts")
        if texts is None:
            return str(self)
        return texts[0] if lang == "fr" else texts[1]

    def _say(self, fr: str, en: str) -> None:
        """Make ``fr / en`` the message, each text kept for :meth:`text`."""
        self._texts = (fr, en)
        Exception.__init__(self, f"{fr} / {en}")

    def listing(self, errors: list[DmeRulesError]) -> DmeRulesError:
        """This error, listing ``errors`` (this one first) as :attr:`errors`."""
        self._others = [error for error in errors if error is not self]
        return self


def _restore(cls: type[DmeRulesError], message: str, state: dict[str, object]) -> DmeRulesError:
    """An error as it was pickled, without calling its ``__init__`` again."""
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class InvalidArgumentError(DmeRulesError):
    """An argument of a public function has the wrong type or value.

    Args:
        field: The name of the argument at fault.
        expected: What was expected, in plain English.
        got: The value received (its ``repr`` goes into the message).
        expected_fr: What was expected, in French; defaults to the English text.
    """

    def __init__(
        self, field: str, expected: str, got: object, *, expected_fr: str | None = None
    ) -> None:
        self.field = field
        self.expected = expected
        self.expected_fr = expected_fr or expected
        self.got = got
        shown = _shown(got)
        self._say(
            f"{field} : attendu {expected_fr or expected}, reçu {shown}",
            f"{field}: expected {expected}, got {shown}",
        )


class TableRowsError(InvalidArgumentError):
    """Rows of a table that a subject's reading would refuse (a log audit at scale).

    Args:
        table: The table's name.
        column: The column at fault.
        count: How many rows (or ids) are at fault.
        expected: What every row should hold, in plain English.
        expected_fr: The same in French.
    """

    def __init__(
        self, table: str, column: str, count: int, expected: str, *, expected_fr: str
    ) -> None:
        self.table = table
        self.column = column
        self.count = count
        field = f"{table}.{column}"
        self.field = field
        self.expected = expected
        self.expected_fr = expected_fr
        self.got = count
        rows_fr = "ligne en défaut" if count < 2 else "lignes en défaut"
        rows_en = "row at fault" if count == 1 else "rows at fault"
        self._say(
            f"{field} : attendu {expected_fr} ; {count} {rows_fr}",
            f"{field}: expected {expected}; {count} {rows_en}",
        )


def _shown(value: object, limit: int = 120) -> str:
    """``repr(value)`` in ASCII, cut to ``limit`` characters (an error names the value it
    refused without printing megabytes, and prints on any terminal)."""
    try:
        text = ascii(value)
    except Exception:  # a value whose repr fails is still refused, and said so
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NaiveDatetimeError(InvalidArgumentError):
    """A datetime without a time zone was given where an instant is required.

    An instant must say where it was written (``2025-06-20T16:45:00-04:00``), otherwise its
    date in Montreal, and so every deadline computed from it, would be a guess.
    """

    def __init__(self, field: str, got: object) -> None:
        super().__init__(
            field,
            "a timezone-aware datetime (an instant with a UTC offset)",
            got,
            expected_fr="une date et heure avec fuseau horaire (un instant avec décalage UTC)",
        )


class CalendarRangeError(DmeRulesError):
    """A date, or the result of date arithmetic, lies outside the calendar's supported years.

    Args:
        day: The date (or year) at fault; with ``counting=True``, the date counted from.
        first_year: The first supported year.
        last_year: The last supported year.
        counting: Whether ``day`` is fine but counting from it leaves the supported years.
    """

    def __init__(
        self, day: object, first_year: int, last_year: int, *, counting: bool = False
    ) -> None:
        self.day = day
        self.first_year = first_year
        self.last_year = last_year
        years = f"{first_year}-{last_year}"
        if counting:
            self._say(
                f"le décompte à partir du {day} sort des années prises en charge ({years})",
                f"counting from {day} leaves the supported years {years}",
            )
        else:
            self._say(
                f"{day} est hors des années prises en charge ({years})",
                f"{day} is outside the supported years {years}",
            )


class InvalidCaseError(DmeRulesError):
    """A case file or dictionary has a missing, malformed or unknown field.

    Args:
        path: The JSON path of the bad field (``$.extraction.fee``).
        expected: What was expected there, in plain English.
        expected_fr: The same in French; defaults to the English text.
        given: What was given instead, when its kind of value is not the one expected, in
            plain English (``a number was given``).
        given_fr: The same in French (``un nombre a été donné``).
    """

    def __init__(
        self,
        path: str,
        expected: str,
        *,
        expected_fr: str | None = None,
        given: str | None = None,
        given_fr: str | None = None,
    ) -> None:
        self.path = path
        self.expected = expected
        self.expected_fr = expected_fr or expected
        self.given = given
        self.given_fr = given_fr or given
        if given is None:
            self._say(f"{path} : attendu {self.expected_fr}", f"{path}: expected {expected}")
        else:
            self._say(
                f"{path} : {self.given_fr} ; attendu {self.expected_fr}",
                f"{path}: {given}; expected {expected}",
            )

    def at(self, path: str) -> InvalidCaseError:
        """The same error about the field at ``path`` (a document's place in a stream:
        ``cases[7].extraction.fee``)."""
        return InvalidCaseError(
            path,
            self.expected,
            expected_fr=self.expected_fr,
            given=self.given,
            given_fr=self.given_fr,
        )


class FloatAmountError(InvalidArgumentError):
    """A binary float was given as an amount of money; use :class:`decimal.Decimal`."""

    def __init__(self, field: str, got: object) -> None:
        super().__init__(
            field,
            "a Decimal, an int or a decimal string (never a binary float)",
            got,
            expected_fr="un Decimal, un entier ou une chaîne décimale (jamais un float binaire)",
        )


class NotInForceError(DmeRulesError):
    """No version of a rule is in force on the date a computation needs.

    Args:
        rule_id: The rule's id.
        day: The date looked up.
        first: The first day the rule is in force.
    """

    def __init__(self, rule_id: str, day: object, first: object) -> None:
        self.rule_id = rule_id
        self.day = day
        self._say(
            f"{rule_id} n'est pas en vigueur le {day} (en vigueur à partir du {first})",
            f"{rule_id} is not in force on {day} (in force from {first})",
        )


class UnknownRuleError(DmeRulesError, KeyError):
    """A rule id that the report (or the registry asked) has no finding or rule for; also a
    :class:`KeyError`, as a mapping's missing key is.

    Args:
        rule_id: The id asked for.
        known: The ids there are.
    """

    def __init__(self, rule_id: object, known: object = ()) -> None:
        self.rule_id = rule_id
        names = ", ".join(str(item) for item in known) if known else ""  # type: ignore[attr-defined]
        shown = _shown(rule_id)
        self._say(
            f"rule_id : attendu un id parmi {names or 'aucun'}, reçu {shown}",
            f"rule_id: expected one of {names or 'none'}, got {shown}",
        )

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


#: Why the system refused to read or write a file, in French and English, by error number.
_WHY = {
    errno.ENOENT: ("fichier ou dossier introuvable", "no such file or directory"),
    errno.EACCES: ("permission refusée", "permission denied"),
    errno.EPERM: ("opération non permise", "operation not permitted"),
    errno.EISDIR: ("c'est un dossier", "it is a directory"),
    errno.ENOTDIR: ("une partie du chemin n'est pas un dossier", "a part of the path is not a "
                    "directory"),
    errno.ENOSPC: ("plus de place sur le disque", "no space left on the device"),
    errno.EROFS: ("système de fichiers en lecture seule", "read-only file system"),
    errno.ENAMETOOLONG: ("nom de fichier trop long", "file name too long"),
    errno.ELOOP: ("trop de liens symboliques", "too many symbolic links"),
    errno.EFBIG: ("fichier trop gros", "file too large"),
    errno.EMFILE: ("trop de fichiers ouverts", "too many open files"),
}  # fmt: skip


def why_not(error: OSError) -> tuple[str, str]:
    """Why the system refused a file (``error``), in French and in English: in words for
    the usual reasons, else its error number (French) and the system's message (English)."""
    found = _WHY.get(error.errno or 0)
    if found is not None:
        return found
    english = error.strerror or ascii(str(error))[1:-1] or type(error).__name__
    return (f"erreur système n° {error.errno}" if error.errno else english), english
