"""The French translation of the documentation: update its catalogues, list what is missing.

The pages are written in English; each has a gettext catalogue of its French in
``locale/fr/LC_MESSAGES/<page>.po``. After editing a page (or a docstring the API pages
show), run from the project's root::

    python docs/translations.py update   # new messages added, changed ones marked fuzzy
    python docs/translations.py check    # every message of every page has its French

then translate the empty and fuzzy entries (and remove their ``fuzzy`` flag). The tests run
``check``; a French build shows an untranslated paragraph in English.

Generated pages (``pages.py``) are written in each language from the registries and have no
catalogue.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

HERE = Path(__file__).parent
LOCALE = HERE / "locale"
LANGUAGES = ("fr",)
#: The catalogue of the theme's own words that it leaves in English: not a page's.
THEME = Path("sphinx")


def extract(out: Path) -> list[Path]:
    """The English messages of every page that has some, as ``.pot`` files in ``out``."""
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "gettext", "-D", "language=en",
         str(HERE), str(out)],
        check=True,
    )  # fmt: skip
    templates = []
    for path in sorted(out.rglob("*.pot")):
        with path.open("rb") as handle:
            if any(message.id for message in read_po(handle)):
                templates.append(path)
            else:  # a generated page
                path.unlink()
    return templates


def missing(templates: Path, lang: str = "fr", *, locale: Path = LOCALE) -> list[str]:
    """Each page and message of the ``.pot`` files in ``templates`` with no translation in
    ``lang`` in ``locale``: absent, empty or fuzzy; and each catalogue whose page no longer
    exists."""
    problems = []
    expected = set()
    for template in sorted(templates.rglob("*.pot")):
        page = template.relative_to(templates).with_suffix("")
        expected.add(page)
        path = locale / lang / "LC_MESSAGES" / page.with_suffix(".po")
        if not path.exists():
            problems.append(f"{page}: no catalogue {path.relative_to(locale)}")
            continue
        with path.open("rb") as handle:
            catalogue = read_po(handle)
        with template.open("rb") as handle:
            for message in read_po(handle):
                if not message.id:
                    continue
                found = catalogue.get(message.id, message.context)
                if found is None or not found.string:
                    problems.append(f"{page}: untranslated: {str(message.id)[:70]!r}")
                elif found.fuzzy:
                    problems.append(f"{page}: fuzzy: {str(message.id)[:70]!r}")
    for path in sorted((locale / lang / "LC_MESSAGES").rglob("*.po")):
        page = path.relative_to(locale / lang / "LC_MESSAGES").with_suffix("")
        if page not in expected and page != THEME:
            problems.append(f"{page}: a catalogue for no page")
    return problems


def main(argv: list[str]) -> int:
    if argv not in (["update"], ["check"]):
        print("usage: python docs/translations.py update|check", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        extract(out)
        if argv == ["update"]:
            for lang in LANGUAGES:
                subprocess.run(
                    ["sphinx-intl", "update", "-p", str(out), "-d", str(LOCALE), "-l", lang,
                     "--line-width", "-1", "--no-obsolete"],
                    check=True,
                )  # fmt: skip
        problems = [problem for lang in LANGUAGES for problem in missing(out, lang)]
    for problem in problems:
        print(problem)
    if not problems:
        print("every page translated")
    else:
        print(f"{len(problems)} {'message' if len(problems) == 1 else 'messages'} to translate")
    return 1 if problems and argv == ["check"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
