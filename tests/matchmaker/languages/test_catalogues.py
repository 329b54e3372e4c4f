"""The catalogues are complete: every string the code marks is in the template, and translated
(not fuzzy, placeholders kept) in every language. Fixing a failure: `make i18n-update`, then
translate the empty entries (matchmaker/translations/README.md)."""

from __future__ import annotations

import re

import pytest

from matchmaker.languages import catalogues

LOCALES = catalogues.translated_locales()
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdfr]")


def _ids(catalogue) -> set:
    return {message.id for message in catalogue if message.id}


def test_chinese_and_french_catalogues_exist():
    assert {"zh_Hans", "fr"} <= set(LOCALES)


def test_the_template_is_what_the_code_marks():
    extracted = _ids(catalogues.extract())
    committed = _ids(catalogues.read_catalogue(catalogues.TEMPLATE_FILE))
    assert not extracted - committed, "strings missing from messages.pot: run make i18n-update"
    assert not committed - extracted, "messages.pot has strings the code no longer marks"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_string_is_translated(locale):
    template = catalogues.read_catalogue(catalogues.TEMPLATE_FILE)
    catalogue = catalogues.read_catalogue(catalogues.catalogue_path(locale), locale=locale)
    missing = _ids(template) - _ids(catalogue)
    assert not missing, f"{locale}: not in the catalogue (make i18n-update): {sorted(missing)}"
    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert not untranslated, f"{locale}: untranslated or fuzzy: {untranslated}"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_their_placeholders(locale):
    catalogue = catalogues.read_catalogue(catalogues.catalogue_path(locale), locale=locale)
    problems = [
        f"{message.id!r}: {'; '.join(str(error) for error in errors)}"
        for message, errors in catalogue.check()
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_no_placeholder_is_dropped_or_invented(locale):
    catalogue = catalogues.read_catalogue(catalogues.catalogue_path(locale), locale=locale)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        source = message.id[-1] if isinstance(message.id, tuple) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            if set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(source)):
                problems.append(f"{source!r} -> {form!r}")
    assert not problems, "\n".join(problems)
