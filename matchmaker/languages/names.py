"""Names of the interface languages, each written in its own language (a reader who does not
understand the current page must still find theirs)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from babel import Locale

# Better than CLDR's "中文 (简体)" for a switcher: what Chinese sites show.
PREFERRED_NAMES = {"zh_Hans": "简体中文"}


@cache
def native_name(code: str) -> str:
    """ "English", "Français", "简体中文", "Deutsch"."""
    if code in PREFERRED_NAMES:
        return PREFERRED_NAMES[code]
    locale = Locale.parse(code)
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


def language_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    return [(code, native_name(code)) for code in codes]
