"""The documentation builds in French and in English without a warning, its examples pass in
both, every page has its French, its generated pages are generated in both languages."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest

from dme_rules import JURISDICTIONS, READINGS
from dme_rules.engine.messages import french_typography

DOCS = Path(__file__).parent.parent / "docs"
pytest.importorskip("sphinx", reason="the docs extra is not installed")
pytest.importorskip("babel", reason="the docs extra is not installed")

#: What matplotlib logs the first time it runs on a machine (it builds its font cache): not a
#: warning of the docs.
FONT_CACHE = re.compile(r"^.*matplotlib\.font_manager.*generated new fontManager\n*", re.M)

RULES = {rule.id: rule for pack in JURISDICTIONS.values() for rule in pack.rules.values()}


def sphinx(builder: str, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx -W -b BUILDER [OPTIONS] docs OUT``, as a person would run it."""
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", builder, *options, str(DOCS),
         str(out)],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    done.stderr = FONT_CACHE.sub("", done.stderr)
    return done


def _module(name: str) -> ModuleType:
    """A module of the docs folder (``conf``, ``pages``, ``translations``), from its file."""
    spec = importlib.util.spec_from_file_location(f"docs_{name}", DOCS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(DOCS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(DOCS))
    return module


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both sites side by side, as published: ``fr/`` (the default build) and ``en/``, each
    built with warnings as errors."""
    root = tmp_path_factory.mktemp("site")
    done = sphinx("html", root / "fr")
    assert (0, "") == (done.returncode, done.stderr)
    done = sphinx("html", root / "en", "-D", "language=en")
    assert (0, "") == (done.returncode, done.stderr)
    return root


def _pages(build: Path) -> list[Path]:
    return sorted(
        path for path in build.rglob("*.html") if path.relative_to(build).parts[0][0] != "_"
    )


#: Elements without an end tag.
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _Text(HTMLParser):
    """The text of a page's main content, outside code and signatures; and its elements'
    classes."""

    def __init__(self) -> None:
        super().__init__()
        self.depth_main = 0
        self.depth_code = 0
        self.parts: list[str] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        self.classes += classes.split()
        if tag in _VOID:
            return
        if dict(attrs).get("role") == "main" or self.depth_main:
            self.depth_main += 1
        signature = tag == "dt" and "sig" in classes.split()
        if tag in {"pre", "code", "script", "style"} or signature or self.depth_code:
            self.depth_code += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth_main:
            self.depth_main -= 1
        if self.depth_code:
            self.depth_code -= 1

    def handle_data(self, data: str) -> None:
        if self.depth_main and not self.depth_code:
            self.parts.append(data)


def _read(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_both_sites_build_without_warnings(site):
    """sphinx -W -b html succeeds in French (the default) and in English, with the same pages,
    each declaring its language."""
    french = {path.relative_to(site / "fr") for path in _pages(site / "fr")}
    english = {path.relative_to(site / "en") for path in _pages(site / "en")}
    assert Path("index.html") in french
    assert french == english
    assert 'lang="fr"' in (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_every_french_page_is_translated(site):
    """No paragraph, title, table cell or code block of the French site is left untranslated
    (Sphinx marks each one it has no French for)."""
    untranslated = {
        str(path.relative_to(site / "fr")): _read(path).classes.count("untranslated")
        for path in _pages(site / "fr")
    }
    assert {} == {page: count for page, count in untranslated.items() if count}


def test_every_message_has_its_french(tmp_path):
    """Every message of every page has a French translation that is not fuzzy, and no
    catalogue is left for a page that no longer exists."""
    translations = _module("translations")
    translations.extract(tmp_path)
    assert [] == translations.missing(tmp_path)


def test_a_missing_translation_is_found(tmp_path):
    """The check finds a message without French, a fuzzy one, a page without a catalogue and
    a catalogue without a page."""
    translations = _module("translations")
    templates, locale = tmp_path / "pot", tmp_path / "locale"
    (templates / "how-to").mkdir(parents=True)
    messages = locale / "fr" / "LC_MESSAGES"
    (messages / "how-to").mkdir(parents=True)
    (templates / "how-to" / "page.pot").write_text(
        'msgid "One"\nmsgstr ""\n\nmsgid "Two"\nmsgstr ""\n\nmsgid "Three"\nmsgstr ""\n',
        encoding="utf-8",
    )
    (templates / "new.pot").write_text('msgid "Four"\nmsgstr ""\n', encoding="utf-8")
    (messages / "how-to" / "page.po").write_text(
        'msgid "One"\nmsgstr "Un"\n\n#, fuzzy\nmsgid "Two"\nmsgstr "Deux"\n',
        encoding="utf-8",
    )
    (messages / "gone.po").write_text('msgid "Five"\nmsgstr "Cinq"\n', encoding="utf-8")
    assert [
        "how-to/page: fuzzy: 'Two'",
        "how-to/page: untranslated: 'Three'",
        "new: no catalogue fr/LC_MESSAGES/new.po",
        "gone: a catalogue for no page",
    ] == translations.missing(templates, locale=locale)


def test_every_page_links_to_itself_in_the_other_language(site):
    """The language switch of every page leads to the same page of the other site."""
    for lang, other, name in (("fr", "en", "English"), ("en", "fr", "Français")):
        for path in _pages(site / lang):
            page = path.read_text(encoding="utf-8")
            found = re.search(rf'<a href="([^"]+)" hreflang="{other}"[^>]*>{name}</a>', page)
            assert found, path
            assert (path.parent / found.group(1)).resolve() == (
                site / other / path.relative_to(site / lang)
            ).resolve()


def test_french_typography(site):
    """Outside code, the French site has no ordinary space before « : », « ; » or « $ », nor
    inside « guillemets »; numbers' digits are grouped with a narrow non-breaking space."""
    found = {}
    for path in _pages(site / "fr"):
        text = "".join(_read(path).parts)
        wrong = re.findall(r".{0,20}(?: [:;$]|« | »).{0,20}", text)
        if wrong:
            found[str(path.relative_to(site / "fr"))] = wrong[:3]
    assert {} == found
    tutorial = "".join(_read(site / "fr" / "tutorial.html").parts)
    assert "1\u202f500\u00a0$" in tutorial


def test_catalogue_has_a_page_per_rule_in_both_languages(site):
    """The generated catalogue has one page per rule of every pack, in each site's language,
    quoting its French sources in both."""
    for lang in ("fr", "en"):
        pages = {path.stem for path in (site / lang / "reference" / "rules").glob("*.html")}
        assert set(RULES) == pages
    for rule in RULES.values():
        french = _words(
            "".join(_read(site / "fr" / "reference" / "rules" / f"{rule.id}.html").parts)
        )
        english = _words(
            "".join(_read(site / "en" / "reference" / "rules" / f"{rule.id}.html").parts)
        )
        assert french.index(_words(rule.title_fr)) < french.index(_words(rule.title_en))
        assert english.index(_words(rule.title_en)) < english.index(_words(rule.title_fr))
        for version in rule.versions:
            for page in (french, english):
                assert _words(version.citations[0].quote_fr.split()[0]) in page
            assert _words(version.summary_fr) in french
            assert _words(version.summary_en) in english
            assert _words(version.summary_en) not in french


def _words(text: str) -> str:
    """Text compared by its words: spaces (non-breaking or not) and apostrophes (typographic or
    not) aside."""
    text = text.replace("\u2019", "'").replace("\u202f", " ").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def test_readings_page_in_both_languages(site):
    """The readings page names every reading, with its summary and basis in the site's
    language."""
    french = _words("".join(_read(site / "fr" / "explanation" / "readings.html").parts))
    english = _words("".join(_read(site / "en" / "explanation" / "readings.html").parts))
    for page in ("fr", "en"):
        html = (site / page / "explanation" / "readings.html").read_text(encoding="utf-8")
        assert [] == [reading.id for reading in READINGS.values() if reading.id not in html]
    for reading in READINGS.values():
        assert _words(reading.basis_fr) in french
        assert _words(reading.basis) in english
        assert _words(reading.basis) not in french


class _Marked(HTMLParser):
    """The text of each element of a page's main content that says its language
    (``lang="en"``), as ``(lang, text)``; and the text of the footer's copyright line."""

    def __init__(self) -> None:
        super().__init__()
        self.main = 0
        self.open: list[list[str]] = []  # per element: [lang, text] while inside it
        self.depths: list[int] = []
        self.depth = 0
        self.marked: list[tuple[str, str]] = []
        self.footer: list[str] = []
        self.in_footer = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        self.depth += 1
        found = dict(attrs)
        if found.get("role") == "contentinfo":
            self.in_footer = self.depth
        if found.get("role") == "main":
            self.main = self.depth
        if self.main and found.get("lang"):
            self.open.append([found["lang"] or "", ""])
            self.depths.append(self.depth)

    def handle_endtag(self, tag: str) -> None:
        if self.depths and self.depths[-1] == self.depth:
            self.depths.pop()
            lang, text = self.open.pop()
            self.marked.append((lang, text))
        if self.in_footer == self.depth:
            self.in_footer = 0
        if self.main == self.depth:
            self.main = 0
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element[1] += data
        if self.in_footer:
            self.footer.append(data)


def _marked(path: Path) -> _Marked:
    parser = _Marked()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_other_language_is_marked_and_keeps_its_typography(site):
    """On the readings page, each reading's summary in the other language is marked with its
    language: the English of the French site without French typography (no non-breaking
    space, as written), the French of the English site with it."""
    french = _marked(site / "fr" / "explanation" / "readings.html").marked
    english = _marked(site / "en" / "explanation" / "readings.html").marked
    summaries_en = [reading.summary_en for reading in READINGS.values()]
    summaries_fr = [reading.summary_fr for reading in READINGS.values()]
    assert [("en", _words(summary)) for summary in summaries_en] == [
        (lang, _words(text)) for lang, text in french
    ]
    assert [] == [text for _, text in french if "\u00a0" in text or "\u202f" in text]
    assert [("fr", _words(french_typography(summary))) for summary in summaries_fr] == [
        (lang, _words(text)) for lang, text in english
    ]
    typeset = [text for _, text in english if "\u00a0:" in text]
    assert [s for s in summaries_fr if " :" in s] != []  # there is French typography to set
    assert len([s for s in summaries_fr if " :" in s]) == len(typeset)
    assert [] == [text for _, text in english if re.search(r" [:;]", text)]


def test_rule_page_marks_its_other_title(site):
    """A rule's page gives its title in the other language, marked as such."""
    for rule in RULES.values():
        for lang, other, title in (("fr", "en", rule.title_en), ("en", "fr", rule.title_fr)):
            page = site / lang / "reference" / "rules" / f"{rule.id}.html"
            assert [(other, _words(title))] == [
                (found, _words(text)) for found, text in _marked(page).marked
            ]


def test_pages_stand_alone(site):
    """No page of either site, the API's docstrings included, sends the reader to a section
    of a document outside the project ("SPEC §4")."""
    found = {
        str(path.relative_to(site)): re.findall(r".{0,30}\bSPEC\b.{0,30}", text)
        for lang in ("fr", "en")
        for path in _pages(site / lang)
        if re.search(r"\bSPEC\b", text := "".join(_read(path).parts))
    }
    assert {} == found


def test_footer_reads_right_in_each_language(site):
    """The footer's copyright line is whole in each language (not « Droits d'auteur les
    auteurs… »), with the licence."""
    french = _words("".join(_marked(site / "fr" / "index.html").footer))
    english = _words("".join(_marked(site / "en" / "index.html").footer))
    assert ("© Les auteurs de dme_rules. Licence Apache 2.0.",
            "© The dme_rules authors. Apache License 2.0.") == (french, english)  # fmt: skip


def test_calendars_page_in_both_languages(site):
    """The calendars page lists each calendar's holidays of its year by their names in the
    site's language."""
    year = _module("pages").CALENDAR_YEAR
    french = _words("".join(_read(site / "fr" / "reference" / "calendars.html").parts))
    english = _words("".join(_read(site / "en" / "reference" / "calendars.html").parts))
    for pack in JURISDICTIONS.values():
        for calendar in pack.calendars:
            for page in ("fr", "en"):
                html = (site / page / "reference" / "calendars.html").read_text(encoding="utf-8")
                assert calendar.id in html
            for day in calendar.holidays(year):
                assert f"{day.date.isoformat()} {_words(day.name_fr)}" in french
                assert f"{day.date.isoformat()} {_words(day.name_en)}" in english


def test_timeline_picture_in_each_language(site):
    """The explanation of counting shows the example's timeline drawn in the site's
    language."""
    french = (site / "fr" / "explanation" / "counting.html").read_text(encoding="utf-8")
    english = (site / "en" / "explanation" / "counting.html").read_text(encoding="utf-8")
    assert "late-clinic-validation.fr.png" in french
    assert "late-clinic-validation.png" in english
    assert (site / "fr" / "_images" / "late-clinic-validation.fr.png").is_file()
    assert (site / "en" / "_images" / "late-clinic-validation.png").is_file()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_doctests_pass_in_both_languages(tmp_path, language):
    """Every example in the docs runs and gives what the page shows, in each language."""
    done = sphinx("doctest", tmp_path, "-D", f"language={language}")
    assert (0, "") == (done.returncode, done.stderr)
    output = (tmp_path / "output.txt").read_text(encoding="utf-8")
    assert "0 failures in tests" in output
    assert re.search(r"^\s*[1-9]\d* tests", output, re.M)


def test_readings_page_is_generated_from_the_catalogue():
    """The committed readings page is exactly what the catalogue generates in English, and
    names every reading of every pack."""
    page = (DOCS / "explanation" / "readings.md").read_text(encoding="utf-8")
    assert _module("pages").readings_page("en", marked=False) == page
    for reading_id in READINGS:
        assert f"**`{reading_id}`**" in page


def test_readings_page_shows_the_examples_at_their_tested_instants():
    """The sensitivity table evaluates every example case at its tested instant."""
    from .test_examples import EXPECTED

    assert {name: as_of for name, (as_of, _, _) in EXPECTED.items()} == _module(
        "pages"
    ).EXAMPLE_AS_OF
