"""The message catalogues: which interface languages exist, and the tooling that keeps the
catalogues in step with the code (``make i18n-extract``, ``i18n-update``, ``i18n-compile``,
``i18n-init LANG=xx``).

English is the source language: the msgids are the English text and it has no catalogue. Every
other language is one ``matchmaker/translations/<locale>/LC_MESSAGES/messages.po``; adding the
directory (``make i18n-init LANG=de``) adds the language everywhere (switcher, account form,
locale negotiation).

The files are written deterministically (sorted, no source locations, no wrapping, fixed
creation date) so that parallel branches adding strings merge without conflicts in headers.
Run as ``python -m matchmaker.languages extract|update|compile|init <locale>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
PROJECT_ROOT = PACKAGE_ROOT.parent
TRANSLATIONS = PACKAGE_ROOT / "translations"
TEMPLATE_FILE = TRANSLATIONS / "messages.pot"
MAPPING_FILE = PROJECT_ROOT / "babel.cfg"
SOURCE_LANGUAGE = "en"
DOMAIN = "messages"

# Marks for extraction: Babel's defaults (_, gettext, ngettext, N_, pgettext...) plus the lazy
# variants the forms and module-level constants use.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ("Translators:",)
HEADER_COMMENT = (
    "# Salon Matchmaker messages. Glossary and style rules: matchmaker/translations/README.md\n"
    "# Kept sorted and without source locations by `make i18n-update`: edit msgstr lines only."
)
# A constant date in the headers: a new extraction must not conflict with another branch's.
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def catalogue_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def translated_locales() -> list[str]:
    """The locales that have a catalogue, sorted (``["fr", "zh_Hans"]``)."""
    if not TRANSLATIONS.is_dir():
        return []
    return sorted(
        entry.name for entry in TRANSLATIONS.iterdir() if catalogue_path(entry.name).is_file()
    )


def available_locales() -> tuple[str, ...]:
    """Every interface language: English (the source) first, then each catalogue."""
    return (SOURCE_LANGUAGE, *translated_locales())


def extract() -> Catalog:
    """The catalogue template: every marked string of the Python code and the templates."""
    with MAPPING_FILE.open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    template = _new_catalogue(locale=None)
    found = extract_from_dir(
        str(PROJECT_ROOT),
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for _filename, _lineno, message, comments, context in found:
        template.add(message, None, auto_comments=comments, context=context)
    return template


def write_template(template: Catalog) -> None:
    TEMPLATE_FILE.parent.mkdir(parents=True, exist_ok=True)
    _write(TEMPLATE_FILE, template)


def read_catalogue(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def update(locales: Iterable[str] | None = None) -> None:
    """Bring each catalogue in step with the template: new msgids appear untranslated (never
    fuzzy guesses), removed ones are dropped."""
    template = read_catalogue(TEMPLATE_FILE)
    for locale in locales or translated_locales():
        path = catalogue_path(locale)
        catalogue = read_catalogue(path, locale=locale)
        catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalogue.obsolete.clear()
        catalogue.creation_date = FIXED_DATE
        _write(path, catalogue)


def init(locale: str) -> Path:
    """Start the catalogue of a new language from the template."""
    path = catalogue_path(locale)
    if path.exists():
        raise SystemExit(f"{path} exists already; use `make i18n-update`.")
    template = read_catalogue(TEMPLATE_FILE)
    catalogue = _new_catalogue(locale=locale)
    catalogue.update(template, no_fuzzy_matching=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, catalogue)
    return path


def compile_all() -> list[Path]:
    """Write ``messages.mo`` next to each ``messages.po`` (fuzzy entries are left out)."""
    written = []
    for locale in translated_locales():
        source = catalogue_path(locale)
        catalogue = read_catalogue(source, locale=locale)
        target = source.with_suffix(".mo")
        with target.open("wb") as file:
            write_mo(file, catalogue, use_fuzzy=False)
        written.append(target)
    return written


def stale_compiled() -> list[Path]:
    """Catalogues whose compiled ``.mo`` is missing or older than the ``.po``."""
    stale = []
    for locale in translated_locales():
        source = catalogue_path(locale)
        target = source.with_suffix(".mo")
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            stale.append(source)
    return stale


def _new_catalogue(locale: str | None) -> Catalog:
    return Catalog(
        locale=locale,
        header_comment=HEADER_COMMENT,
        last_translator="Salon Matchmaker contributors",
        language_team="Salon Matchmaker contributors",
        domain=DOMAIN,
        project="Salon Matchmaker",
        version="1",
        copyright_holder="Salon Matchmaker contributors",
        msgid_bugs_address="",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
    )


def _write(path: Path, catalogue: Catalog) -> None:
    with path.open("wb") as file:
        write_po(
            file,
            catalogue,
            width=0,  # no wrapping: one line per msgid/msgstr merges and greps well
            no_location=True,
            omit_header=False,
            sort_output=True,
            ignore_obsolete=True,
            include_previous=False,
        )


def main(argv: list[str]) -> int:
    command, *rest = argv or ["help"]
    if command == "extract":
        template = extract()
        write_template(template)
        print(f"{TEMPLATE_FILE.relative_to(PROJECT_ROOT)}: {len(template)} messages")
    elif command == "update":
        update(rest or None)
        for locale in rest or translated_locales():
            catalogue = read_catalogue(catalogue_path(locale), locale=locale)
            missing = sum(1 for m in catalogue if m.id and (not m.string or m.fuzzy))
            print(f"{locale}: {len(catalogue)} messages, {missing} to translate")
    elif command == "compile":
        for target in compile_all():
            print(f"compiled {target.relative_to(PROJECT_ROOT)}")
    elif command == "init" and len(rest) == 1:
        print(f"created {init(rest[0]).relative_to(PROJECT_ROOT)}")
    else:
        print(__doc__)
        return 2
    return 0
