"""Sphinx configuration: MyST Markdown, autodoc, doctests, French and English, and pages
generated at build time.

The site builds in French by default and in English with ``-D language=en``::

    python -m sphinx -W -b html docs docs/_build/html/fr
    python -m sphinx -W -b html -D language=en docs docs/_build/html/en

The pages are written in English; their French is in ``locale/fr/LC_MESSAGES`` (gettext
catalogues, one per page: ``locale/README.md`` says how to update them). The generated pages
(``pages.py``: the rule catalogue, the readings, the calendars) are written in the build's
language straight from the registries, and the example timeline is drawn in both. French
typography is set in every French text, translated or generated: the whole of a French
build but what is marked as English, and what is marked as French in an English build.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain

import dme_rules
from dme_rules.engine.messages import french_typography

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from pages import PAGES  # noqa: E402

project = "dme_rules"
author = "The dme_rules authors"
#: The footer's line, in each language (set once the build's language is known), which
#: ``_templates/footer.html`` prints whole after the ©: the theme's own French would read
#: « Droits d'auteur les auteurs de dme_rules ».
COPYRIGHT = {
    "fr": "Les auteurs de dme_rules. Licence Apache 2.0.",
    "en": "The dme_rules authors. Apache License 2.0.",
}
release = dme_rules.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
]
# attrs_inline and attrs_block: a text in the other language is marked as such, e.g.
# ``[*The vendors' deadlines*]{.language-en}`` (``pages.py``).
myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block"]
# The API's pages are reStructuredText, like the docstrings they show: their translations
# are read by the page's parser.
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "locale"]
# A theme whose own words (menus, search, footer) all have their French.
html_theme = "sphinx_rtd_theme"
html_title = f"dme_rules {release}"
html_static_path = ["_static"]
html_css_files = ["language-switch.css"]
templates_path = ["_templates"]  # layout.html: the language switch
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_preserve_defaults = True  # signatures show a default's name, not its long repr
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# French by default; English with -D language=en.
language = "fr"
locale_dirs = ["locale/"]
gettext_compact = False  # a catalogue per page
gettext_location = False  # no file paths in the catalogues
gettext_additional_targets = ["literal-block"]  # code comments and examples
# A picture in French is the same file name with .fr (figure_language_filename).
translation_progress_classes = "untranslated"  # the tests look for untranslated text

# The examples read files relative to the project's root; the API's docstring examples, which
# the doctest builder runs too, use the public names.
doctest_global_setup = f"""
import os
os.chdir({str(HERE.parent)!r})
from datetime import date, datetime, time, timedelta, timezone
from dme_rules import *
"""

#: The other language of each build, and its name in its own language.
OTHER_LANGUAGE = {"fr": ("en", "English"), "en": ("fr", "Français")}


def write_placeholders(app: Any) -> None:
    """A file for each generated page, so that Sphinx finds it; the text is the build's
    (:func:`give_generated_text`). A rule no longer registered loses its page."""
    for docname in PAGES:
        path = HERE / f"{docname}.md"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                "<!-- Generated from the registry when the docs are built: see pages.py. -->\n",
                encoding="utf-8",
            )
    for old in (HERE / "reference" / "rules").glob("*.md"):
        if f"reference/rules/{old.stem}" not in PAGES:
            old.unlink()


def give_generated_text(app: Any, docname: str, source: list[str]) -> None:
    """A generated page's text, in the build's language."""
    if docname in PAGES:
        source[0] = PAGES[docname](_language(app))


def keep_generated_pages_out_of_catalogues(app: Any, doctree: nodes.document) -> None:
    """A generated page is already in the build's language: it has nothing to translate."""
    if app.env.current_document.docname in PAGES:
        for node in doctree.findall(nodes.TextElement):
            # An inline node is no message of its own, and Sphinx unwraps any inline that
            # says whether it is translatable (a mark of language would be lost).
            if not isinstance(node, nodes.inline):
                node["translatable"] = False


def draw_example_timeline(app: Any) -> None:
    """The timeline of the late-clinic-validation example, in English
    (``late-clinic-validation.png``) and in French (``late-clinic-validation.fr.png``, which
    French builds show in its place)."""
    from dme_rules.plot import save_timeline  # the plot extra, which the docs extra installs

    folder = HERE / "_static" / "generated"
    folder.mkdir(parents=True, exist_ok=True)
    path = HERE.parent / "examples" / "cases" / "late-clinic-validation.json"
    case = dme_rules.MigrationCase.from_dict(json.loads(path.read_text(encoding="utf-8")))
    report = dme_rules.evaluate(case, datetime.fromisoformat("2025-10-01T12:00:00-04:00"))
    for lang, name in (
        ("en", "late-clinic-validation.png"),
        ("fr", "late-clinic-validation.fr.png"),
    ):
        # Drawn beside and moved in place, so that two builds at once never read half a file.
        handle, drawn = tempfile.mkstemp(suffix=".png", dir=folder)
        os.close(handle)
        save_timeline(case, report, drawn, lang=lang)
        os.replace(drawn, folder / name)


#: Text that keeps its characters: code, literal blocks, raw output, signatures.
_LITERAL = (nodes.literal, nodes.FixedTextElement, nodes.raw, nodes.math, addnodes.desc_signature)
_GUILLEMETS = re.compile(r"« | »")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


class FrenchTypography(SphinxTransform):
    """In French text, the spaces of French typography (as the OQLF describes them):
    non-breaking before ``:`` ``;`` and the ``$`` of an amount and inside « guillemets »;
    narrow and non-breaking between a number's groups of digits (``1 500 $``), as the
    library's messages write amounts; and the typographic apostrophe (``l’extraction``, also
    before code, where the quotes' own transform would take it for a closing quote). French
    text is a French build's, but what is marked as in another language (``language-en``,
    :func:`_language_of`), and what an English build marks as French. Code is left as it
    is."""

    default_priority = 850  # after the translations (20), before the quotes' transform (855)

    def apply(self, **kwargs: Any) -> None:
        if self.app.builder.name == "gettext":
            return
        build = _language(self.app)
        for text in list(self.document.findall(nodes.Text)):
            if text.parent is None:
                continue  # a text already replaced
            ancestors = _ancestors(text)
            if any(isinstance(p, _LITERAL) for p in ancestors):
                continue
            if _language_of(ancestors, build) != "fr":
                continue
            typeset = french_typography(str(text)).replace("'", "\u2019")
            typeset = _GUILLEMETS.sub(lambda m: m.group().replace(" ", "\u00a0"), typeset)
            typeset = _THOUSANDS.sub("\u202f", typeset)
            if typeset != str(text):
                text.parent.replace(text, nodes.Text(typeset))


class KeepSphinxLabelsOutOfCatalogues(SphinxTransform):
    """The labels of the fields autodoc writes (« Paramètres », « Type renvoyé »,
    « Lève »…) are Sphinx's own words, already in the build's language: they are not the
    page's to translate."""

    default_priority = 16  # before Locale (20)

    def apply(self, **kwargs: Any) -> None:
        for content in self.document.findall(addnodes.desc_content):
            for name in content.findall(nodes.field_name):
                name["translatable"] = False


class TranslateCodeBlocks(SphinxTransform):
    """A code block's translation, put in place as code.

    Sphinx reads a translated code block as reStructuredText (``::`` and an indented block),
    which the Markdown pages' parser reads as a paragraph: this transform, just before
    Sphinx's own, replaces the text of each code block whose translation differs, the test of
    a doctest included, and leaves the rest (untranslated or unchanged blocks, everything
    else) to Sphinx."""

    default_priority = 15  # after Sphinx keeps the original messages (10), before Locale (20)

    def apply(self, **kwargs: Any) -> None:
        catalogue = _page_catalogue(self)
        if catalogue is None:
            return
        for node in list(self.document.findall(nodes.literal_block)):
            original = node.rawsource or node.astext()
            translated = catalogue.gettext(original)
            if translated in {original, ""}:
                continue
            node.children = [nodes.Text(translated)]
            node.rawsource = translated
            if "test" in node:
                node["test"] = translated
            node["translated"] = True
            node["translatable"] = False  # done: Sphinx's transform leaves it alone


class MarkTranslatedPictures(SphinxTransform):
    """A picture whose description (``alt``) Sphinx has just translated is translated: Sphinx
    puts the French in place, then looks the French up as if it were English and marks the
    picture untranslated."""

    default_priority = 21  # just after Locale (20), before its counts (25)

    def apply(self, **kwargs: Any) -> None:
        catalogue = _page_catalogue(self)
        if catalogue is None:
            return
        translations = set(getattr(catalogue, "_catalog", {}).values())
        for image in self.document.findall(nodes.image):
            if image.get("alt") in translations:
                image["translated"] = True


def _page_catalogue(transform: SphinxTransform) -> Any:
    """The translations of the page being read, or ``None`` (no catalogue, no language, or
    the catalogues being written)."""
    if transform.app.builder.name == "gettext" or not transform.config.language:
        return None
    domain = docname_to_domain(transform.env.docname, transform.config.gettext_compact)
    folders = [transform.env.srcdir / folder for folder in transform.config.locale_dirs]
    catalogue, found = init_locale(folders, transform.config.language, domain)
    return catalogue if found else None


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def _language_of(ancestors: list[nodes.Node], build: str) -> str:
    """The language of a text: that of its nearest ancestor marked with a ``language-xx``
    class (the HTML's ``lang="xx"``), else the ``build``'s."""
    for node in ancestors:
        for name in node.get("classes", []) if isinstance(node, nodes.Element) else []:
            if name.startswith("language-"):
                return str(name.removeprefix("language-"))
    return build


def _language(app: Any) -> str:
    return "en" if (app.config.language or "").startswith("en") else "fr"


def language_switch(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """The same page in the other language: the two builds sit side by side
    (``html/fr``, ``html/en``)."""
    other, name = OTHER_LANGUAGE[_language(app)]
    up = "../" * (pagename.count("/") + 1)
    context["other_language"] = {"url": f"{up}{other}/{pagename}.html", "name": name, "lang": other}


def set_copyright(app: Any, config: Any) -> None:
    """The footer's copyright line in the build's language."""
    config.copyright = COPYRIGHT[_language(app)]


def setup(app: Any) -> None:
    app.connect("config-inited", set_copyright)
    app.connect("builder-inited", write_placeholders)
    app.connect("builder-inited", draw_example_timeline)
    app.connect("source-read", give_generated_text)
    app.connect("doctree-read", keep_generated_pages_out_of_catalogues)
    app.connect("html-page-context", language_switch)
    app.add_transform(TranslateCodeBlocks)
    app.add_transform(KeepSphinxLabelsOutOfCatalogues)
    app.add_transform(MarkTranslatedPictures)
    app.add_transform(FrenchTypography)
