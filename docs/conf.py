"""Sphinx configuration: MyST Markdown, autodoc, doctests, French and English, and pages
generated at build time.

The site builds in French by default and in English with ``-D language=en``::

    python -m sphinx -W -b html docs docs/_build/html/fr
    python -m sphinx -W -b html -D language=en docs docs/_build/html/en

The pages are written in English; their French is in ``locale/fr/LC_MESSAGES`` (gettext
catalogues, one per page: ``locale/README.md`` says how to update them). The generated pages
(``pages.py``: the rule catalogue, the readings, the calendars) are written in the build's
language straight from the registries, and the example timeline is drawn in both. French
builds set French typography (SPEC §16) in the text of every page, translated or generated.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

import dme_rules
from dme_rules.engine.messages import french_typography

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from pages import PAGES  # noqa: E402

project = "dme_rules"
author = "The dme_rules authors"
#: The footer's holder, in each language (set once the build's language is known).
COPYRIGHT = {"fr": "les auteurs de dme_rules", "en": "the dme_rules authors"}
release = dme_rules.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
]
myst_enable_extensions = ["colon_fence"]
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
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# French by default; English with -D language=en.
language = "fr"
locale_dirs = ["locale/"]
gettext_compact = False  # a catalogue per page
gettext_location = False  # no file paths in the catalogues
gettext_additional_targets = ["literal-block", "image"]  # code comments, examples, pictures
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
            node["translatable"] = False


def draw_example_timeline(app: Any) -> None:
    """The timeline of the late-clinic-validation example, in English
    (``late-clinic-validation.png``) and in French (``late-clinic-validation.fr.png``, which
    French builds show in its place)."""
    import json
    from datetime import datetime

    from dme_rules.plot import save_timeline

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


#: Text that keeps its characters: code, literal blocks, raw output.
_LITERAL = (nodes.literal, nodes.FixedTextElement, nodes.raw, nodes.math)
_GUILLEMETS = re.compile(r"« | »")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


class FrenchTypography(SphinxTransform):
    """In a French build, the spaces of French typography (SPEC §16, OQLF): non-breaking
    before ``:`` ``;`` and the ``$`` of an amount and inside « guillemets »; narrow and
    non-breaking between a number's groups of digits (``1 500 $``), as the library's messages
    write amounts. Code is left as it is."""

    default_priority = 900  # after the translations (Locale: 20)

    def apply(self, **kwargs: Any) -> None:
        if _language(self.app) != "fr" or self.app.builder.name == "gettext":
            return
        for text in list(self.document.findall(nodes.Text)):
            if any(isinstance(parent, _LITERAL) for parent in _ancestors(text)):
                continue
            typeset = french_typography(str(text))
            typeset = _GUILLEMETS.sub(lambda m: m.group().replace(" ", "\u00a0"), typeset)
            typeset = _THOUSANDS.sub("\u202f", typeset)
            if typeset != str(text):
                text.parent.replace(text, nodes.Text(typeset))


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


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
    """The footer's copyright holder in the build's language."""
    config.copyright = COPYRIGHT[_language(app)]


def setup(app: Any) -> None:
    app.connect("config-inited", set_copyright)
    app.connect("builder-inited", write_placeholders)
    app.connect("builder-inited", draw_example_timeline)
    app.connect("source-read", give_generated_text)
    app.connect("doctree-read", keep_generated_pages_out_of_catalogues)
    app.connect("html-page-context", language_switch)
    app.add_transform(FrenchTypography)
