"""Tests of the message catalogues (dme_rules.engine.messages): words apart from logic."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from dme_rules import JURISDICTIONS, MONTREAL, InvalidArgumentError, Messages, plot
from dme_rules.cli.words import WORDS as CLI_WORDS
from dme_rules.engine.messages import ENGINE_MESSAGES, LANGUAGES

QUEBEC = JURISDICTIONS["qc"].messages
#: Every catalogue: the engine's, each pack's, the command line's and the timeline's.
CATALOGUES = (
    {"engine": ENGINE_MESSAGES}
    | {pack: j.messages for pack, j in JURISDICTIONS.items()}
    | {"cli": CLI_WORDS, "plot": plot._WORDS}
)


class TestCatalogues:
    """Every code has every language."""

    @pytest.mark.parametrize("name", sorted(CATALOGUES))
    def test_every_code_in_french_and_english(self, name):
        """No code of the catalogue lacks a language, or has one the library does not speak."""
        assert [] == CATALOGUES[name].missing_languages()

    def test_a_missing_language_is_seen(self):
        """A code with only French, or with a third language, is reported."""
        catalogue = Messages({"a": {"fr": "un"}, "b": {"fr": "deux", "en": ""}, "c": {
            "fr": "trois", "en": "three", "de": "drei"}})  # fmt: skip
        assert [("a", "en"), ("b", "en"), ("c", "de")] == catalogue.missing_languages()

    @pytest.mark.parametrize("pack", sorted(JURISDICTIONS))
    def test_packs_fall_back_on_the_engine(self, pack):
        """A pack's catalogue finds the engine's words (statuses) through its fallback."""
        messages = JURISDICTIONS[pack].messages
        assert ENGINE_MESSAGES is messages.fallback
        assert "non conforme" == messages.template("status.violation", "fr")

    def test_templates_name_only_known_kinds(self):
        """Every field's format spec in every template is one the formatter knows (or a
        plain Python spec such as ``02d``)."""
        known = {"", "when", "money", "days", "business_days", "hours", "duration", "list",
                 "message", "messages", "days_off", "business_time", "02d"}  # fmt: skip
        for catalogue in CATALOGUES.values():
            for texts in catalogue.texts.values():
                for template in texts.values():
                    specs = set(re.findall(r"\{\w+(?::([^}]*))?\}", template))
                    counts = {spec for spec in specs if spec.startswith("count:")}
                    names = {spec for spec in specs if spec.startswith(("name:", "names:"))}
                    assert specs - counts - names <= known, template
                    for spec in counts:  # a count's noun has its forms in the catalogue
                        noun = spec.removeprefix("count:")
                        assert {f"{noun}.one", f"{noun}.other"} <= set(catalogue.texts), spec
                    for spec in names:  # a name's prefix has words in the catalogue
                        prefix = spec.partition(":")[2] + "."
                        assert any(code.startswith(prefix) for code in catalogue.texts), spec

    def test_unknown_code_or_language(self):
        """A code no catalogue has, or a language the library does not speak, is refused
        naming it."""
        with pytest.raises(InvalidArgumentError, match="code: expected a code of the catalogue"):
            QUEBEC.template("nowhere", "fr")
        with pytest.raises(InvalidArgumentError, match="lang: expected fr or en"):
            QUEBEC.template("status.violation", "de")
        with pytest.raises(InvalidArgumentError, match="lang"):
            QUEBEC.format("status.violation", "de")


class TestFormatting:
    """How values read in each language."""

    @pytest.mark.parametrize(
        ("lang", "expected"),
        [("fr", "montant 1\u202f800,00\u00a0$"), ("en", "amount $1,800.00")],
    )
    def test_money(self, lang, expected):
        """Amounts use the language's separators and the jurisdiction's currency."""
        assert expected == QUEBEC.format("finding.amount", lang, amount=Decimal("1800"))

    @pytest.mark.parametrize(
        ("days", "business", "expected"),
        [
            (1, 1, "en retard de 1 jour (1 jour ouvrable)"),
            (3, 2, "en retard de 3 jours (2 jours ouvrables)"),
            (0, 0, "en retard de 0 jour (0 jour ouvrable)"),
        ],
    )
    def test_counts_agree_with_their_number(self, days, business, expected):
        """A count takes its noun in the form French gives its number (the CLDR's rule, by
        Babel: 0 and 1 singular, 2 and more plural)."""
        assert expected == QUEBEC.format(
            "finding.late_business", "fr", days=days, business=business
        )

    @pytest.mark.parametrize(
        ("days", "business", "expected"),
        [
            (1, 1, "late by 1 day (1 business day)"),
            (0, 0, "late by 0 days (0 business days)"),
            (5, 2, "late by 5 days (2 business days)"),
        ],
    )
    def test_counts_agree_in_english(self, days, business, expected):
        """In English only 1 is singular (0 days)."""
        assert expected == QUEBEC.format(
            "finding.late_business", "en", days=days, business=business
        )

    @pytest.mark.parametrize(
        ("lang", "count", "form"),
        [("fr", 0, "one"), ("fr", 1, "one"), ("fr", 2, "other"), ("fr", 1_000_000, "many"),
         ("en", 0, "other"), ("en", 1, "one"), ("en", 2, "other")],
    )  # fmt: skip
    def test_plural_forms_are_the_cldrs(self, lang, count, form):
        """The plural form of a count is the one the CLDR gives, as Babel carries it."""
        from babel import Locale

        from dme_rules.engine.messages import plural_form

        assert (form, Locale.parse(lang).plural_form(count)) == (plural_form(lang, count), form)

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_plural_rules_agree_with_babel_everywhere(self, lang):
        """The catalogue's own rule gives Babel's form for every count to 20,000 and around
        each of the first hundred millions (Babel, installed with the tests, is the oracle;
        the library does not need it)."""
        from babel import Locale

        from dme_rules.engine.messages import plural_form

        babel = Locale.parse(lang).plural_form
        counts = [*range(20_001)]
        counts += [m * 1_000_000 + d for m in range(1, 101) for d in (-1, 0, 1)]
        assert [] == [n for n in counts if plural_form(lang, n) != babel(n)]

    @pytest.mark.parametrize(
        ("lang", "count", "expected"),
        [("fr", 1, "1 entrée lue"), ("fr", 0, "0 entrée lue"), ("fr", 12, "12 entrées lues"),
         ("fr", 1_000_000, "1000000 entrées lues"), ("en", 1, "1 input read"),
         ("en", 0, "0 inputs read")],
    )  # fmt: skip
    def test_a_count_of_a_noun_phrase(self, lang, count, expected):
        """``{n:count:<code>}`` says the number and the phrase's form for it; a form the
        catalogue lacks (French "many") reads as its "other" form."""
        from dme_rules.engine.messages import Messages

        words = Messages({
            "inputs": {"fr": "{n:count:input}", "en": "{n:count:input}"},
            "input.one": {"fr": "entrée lue", "en": "input read"},
            "input.other": {"fr": "entrées lues", "en": "inputs read"},
        })  # fmt: skip
        assert expected == words.format("inputs", lang, n=count)

    @pytest.mark.parametrize(("lang", "expected"), [("fr", "110 h 05"), ("en", "110:05")])
    def test_business_hours(self, lang, expected):
        """Business time reads as hours and minutes (6605 minutes: 110 h 05)."""
        assert QUEBEC.format("delay.business_late", lang, late=110 * 60 + 5).startswith(expected)

    def test_instants_in_the_zone_with_its_abbreviation(self):
        """An instant reads in the zone's local time; local midnight is 24:00 the day before."""
        due = datetime.fromisoformat("2025-04-25T04:00:00+00:00")  # 00:00 in Montreal
        assert "due 2025-04-24 24:00 (EDT)" == QUEBEC.format("finding.due", "en", MONTREAL, due=due)
        assert "due 2025-04-24" == QUEBEC.format("finding.due", "en", due=date(2025, 4, 24))

    def test_a_zone_is_named_as_the_language_writes_it(self):
        """Quebec's French writes EDT « HAE » and EST « HNE » (heure avancée, heure normale
        de l'Est); English keeps the abbreviation; a catalogue without the zone's words keeps
        the time-zone database's abbreviation in both."""
        summer = datetime.fromisoformat("2025-07-02T14:00:00+00:00")  # 10:00 in Montreal
        winter = datetime.fromisoformat("2025-12-02T15:00:00+00:00")  # 10:00 in Montreal
        said = {
            (lang, when): QUEBEC.format("finding.due", lang, MONTREAL, due=when)
            for lang in LANGUAGES
            for when in (summer, winter)
        }
        assert said == {
            ("fr", summer): "échéance 2025-07-02 10:00 (HAE)",
            ("fr", winter): "échéance 2025-12-02 10:00 (HNE)",
            ("en", summer): "due 2025-07-02 10:00 (EDT)",
            ("en", winter): "due 2025-12-02 10:00 (EST)",
        }
        assert "échéance 2025-07-02 10:00 (EDT)" == ENGINE_MESSAGES.format(
            "finding.due", "fr", MONTREAL, due=summer
        )

    def test_lists_and_codes(self):
        """A list reads joined with commas; a code reads as its own text; a name (a code's
        last part) reads as the text of its code, alone or in a list."""
        assert "non transmis à a@x.ca, b@y.ca" == QUEBEC.format(
            "qc.migration.request-form.not_sent_to", "fr", addresses=["a@x.ca", "b@y.ca"]
        )
        assert "missing dates: production, cut-over" == QUEBEC.format(
            "qc.migration.calendar-content.missing_items",
            "en",
            items=["production_on", "source_cutover_on"],
        )
        assert "début de la préanalyse après fin de la préanalyse" == QUEBEC.format(
            "qc.migration.calendar-content.out_of_order",
            "fr",
            first="preanalysis_start_on",
            then="preanalysis_end_on",
        )
        assert "« X »\u00a0: ne pas aller de l'avant" == QUEBEC.format(
            "qc.emr.new-feature-consent.decision",
            "fr",
            feature="X",
            decision="qc.emr.new-feature-consent.do_not_proceed",
        )

    def test_duration_in_words(self):
        """Real time reads in words in each language (10,200 minutes: 1 week 2 hours)."""
        words = {
            lang: QUEBEC.format("qc.bch.complaint-follow-up.real_time", lang, minutes=10_200)
            for lang in LANGUAGES
        }
        assert {"fr": "soit 1 semaine 2 heures en temps réel",
                "en": "1 week 2 hours in real time"} == words  # fmt: skip


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (90, "1 h 30 ouvrables", "1:30 business hours"),
        ((90, 1440), "1 h 30 ouvrables", "1:30 business hours"),
        # 6,600 minutes of a 24-hour business day: 4 days (5,760) and 14 h (840).
        ((6600, 1440), "4 jours ouvrables et 14 h 00", "4 business days and 14 h 00 min"),
        # 6,122 hours of an 8-hour office day: 765 days (6,120 h) and 2 h.
        ((6122 * 60, 480), "765 jours ouvrables et 2 h 00", "765 business days and 2 h 00 min"),
        ((1440, 1440), "1 jour ouvrable et 0 h 00", "1 business day and 0 h 00 min"),
    ],
)
def test_long_business_delays_read_in_days_and_hours(value, fr, en):
    """Business time of a day or more reads in business days and hours, not in hundreds of
    hours ("6122 h 00 ouvrables")."""
    from dme_rules.engine.messages import ENGINE_MESSAGES

    catalogue = Messages({"x": {"fr": "{t:business_time}", "en": "{t:business_time}"}},
                         fallback=ENGINE_MESSAGES)  # fmt: skip
    assert (fr, en) == (catalogue.format("x", "fr", t=value), catalogue.format("x", "en", t=value))


@pytest.mark.parametrize(
    ("text", "typeset"),
    [
        ("Verdict : conforme", "Verdict\u00a0: conforme"),
        ("échéance 2025-07-14; fait", "échéance 2025-07-14\u00a0; fait"),
        ("reste 2 jours ; fin", "reste 2 jours\u00a0; fin"),
        ("{number} $", "{number}\u00a0$"),
        ("à 10:00, {minutes:02d}", "à 10:00, {minutes:02d}"),  # times and fields untouched
        ("manquant : {missing}", "manquant\u00a0: {missing}"),
    ],
)
def test_french_typography(text, typeset):
    """A non-breaking space before : ; and the $ of an amount (SPEC §16)."""
    from dme_rules.engine.messages import french_typography

    assert typeset == french_typography(text)
