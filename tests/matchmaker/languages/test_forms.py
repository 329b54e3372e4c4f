"""Validation messages, ours and WTForms' own, in the reader's language."""

from __future__ import annotations

from html import unescape

import pytest
from wtforms.i18n import get_translations

from tests.factories import login, make_user

WTFORMS_INTEGER = "Not a valid integer value."


@pytest.mark.parametrize("locale, wtforms_locale", [("zh_Hans", "zh"), ("fr", "fr")])
def test_wtforms_own_messages_are_translated(client, db_session, locale, wtforms_locale):
    user = make_user()
    user.locale = locale
    db_session.commit()
    login(client, user)
    response = client.post(
        "/account/company",
        data={"name": "Panda Robotics", "country": "CN", "founded_year": "soon"},
    )
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    translated = get_translations([wtforms_locale]).gettext(WTFORMS_INTEGER)
    assert translated != WTFORMS_INTEGER
    assert translated in page and WTFORMS_INTEGER not in page


@pytest.mark.parametrize(
    "locale, message",
    [("zh_Hans", "请输入您的姓名。"), ("fr", "Saisissez votre nom.")],
)
def test_our_messages_are_translated(client, locale, message):
    client.post("/language", data={"locale": locale, "next": "/register"})
    response = client.post("/register", data={"full_name": "", "email": "x@example.com"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and "Enter your name." not in page
