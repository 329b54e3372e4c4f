"""Form building blocks shared by the feature packages' ``forms.py``."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from urllib.parse import urlsplit

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, Select

from matchmaker.passwords import password_weakness

try:  # WTForms >= 3.3 declares options as SelectChoice (tuples are deprecated there)
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - older WTForms
    SelectChoice = None


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of check boxes (``_forms.html`` renders it)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RememberedSelect(Select):
    """A ``<select>`` whose HTML is rendered once per locale, chosen value and attributes, then
    remembered (the catalogue's filters have ~300 options: rendering them was a quarter of the
    page's time). Only for fields whose options are the same on every request (reference
    lists, enums); the memory is bounded (least recently used entries go first)."""

    def __init__(self, multiple: bool = False, max_entries: int = 512) -> None:
        super().__init__(multiple=multiple)
        self._max_entries = max_entries
        self._html: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, field, **kwargs):
        key = (
            field.name,
            field.id,
            str(get_locale()),
            repr(field.data),
            tuple(sorted((k, str(v)) for k, v in kwargs.items())),
        )
        with self._lock:
            html = self._html.get(key)
            if html is not None:
                self._html.move_to_end(key)
                return html
        html = super().__call__(field, **kwargs)
        with self._lock:
            self._html[key] = html
            while len(self._html) > self._max_entries:
                self._html.popitem(last=False)
        return html


def choices(pairs: Iterable[tuple[str, object]]) -> list:
    """``choices=`` for a select, radio or checkbox field from (value, label) pairs."""
    if SelectChoice is None:  # pragma: no cover
        return list(pairs)
    return [SelectChoice(value=value, label=label) for value, label in pairs]


def grouped_choices(
    groups: Iterable[tuple[str, Iterable[tuple[str, object]]]], blank: object | None = None
) -> list | dict:
    """``choices=`` with <optgroup>s from (group label, [(value, label), ...]) pairs, optionally
    preceded by an empty option labelled ``blank``."""
    if SelectChoice is None:  # pragma: no cover
        result: dict = {"": [("", blank)]} if blank is not None else {}
        result.update({group: list(pairs) for group, pairs in groups})
        return result
    result = [SelectChoice(value="", label=blank)] if blank is not None else []
    for group, pairs in groups:
        result.extend(SelectChoice(value=v, label=label, optgroup=group) for v, label in pairs)
    return result


def strip_filter(value):
    return value.strip() if isinstance(value, str) else value


def check_new_password(password: str | None, personal: Iterable[str | None] = ()) -> None:
    """Raise ValidationError unless ``password`` is acceptable as a new password (the policy
    lives in ``matchmaker.passwords``; ``personal``: the user's e-mail, company name…)."""
    problem = password_weakness(password, personal)
    if problem is not None:
        raise ValidationError(problem)


def normalize_website(value: str | None) -> str | None:
    """ "example.com" → "https://example.com"; raise ValidationError if it is not a web
    address."""
    value = (value or "").strip()
    if not value:
        return None
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:  # "https://[x": an unclosed IPv6 bracket, a bad port…
        raise ValidationError(_l("Enter a web address such as https://www.example.com.")) from None
    if (
        parts.scheme not in ("http", "https")
        or "." not in host
        or any(c.isspace() for c in value)
        or host.startswith(".")
        or host.endswith(".")
    ):
        raise ValidationError(_l("Enter a web address such as https://www.example.com."))
    if len(value) > 255:
        raise ValidationError(_l("Use at most %(count)d characters.", count=255))
    return value
