"""Form building blocks shared by the feature packages' ``forms.py``."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from matchmaker.passwords import MIN_PASSWORD_LENGTH

MAX_PASSWORD_LENGTH = 200


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of check boxes (``_forms.html`` renders it)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def strip_filter(value):
    return value.strip() if isinstance(value, str) else value


def check_new_password(password: str | None) -> None:
    """Raise ValidationError unless ``password`` is acceptable as a new password."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(_l("Use at least %(count)d characters.", count=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(_l("Use at most %(count)d characters.", count=MAX_PASSWORD_LENGTH))
    if password.strip() == "":
        raise ValidationError(_l("A password cannot be only spaces."))


def normalize_website(value: str | None) -> str | None:
    """ "example.com" → "https://example.com"; raise ValidationError if it is not a web
    address."""
    value = (value or "").strip()
    if not value:
        return None
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    host = parts.hostname or ""
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
