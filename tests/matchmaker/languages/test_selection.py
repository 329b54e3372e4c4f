"""Which language a page is served in: account, then session, then Accept-Language."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchmaker.extensions import db
from matchmaker.languages.catalogues import available_locales
from matchmaker.languages.selection import html_lang, normalize_locale
from matchmaker.models import User
from tests.conftest import login_with_csrf
from tests.factories import PASSWORD, login, make_user

SUPPORTED = ("en", "fr", "zh_Hans")


@pytest.mark.parametrize(
    "tag, expected",
    [
        ("zh", "zh_Hans"),
        ("zh-CN", "zh_Hans"),
        ("zh-cn", "zh_Hans"),
        ("zh_CN", "zh_Hans"),
        ("zh-Hans", "zh_Hans"),
        ("zh-Hans-CN", "zh_Hans"),
        ("zh-SG", "zh_Hans"),
        ("zh-TW", "zh_Hans"),  # Traditional script, no catalogue: Chinese is still closer
        ("fr", "fr"),
        ("fr-BE", "fr"),
        ("en-GB", "en"),
        ("de-DE", None),
        ("*", None),
        ("", None),
        ("not a tag", None),
    ],
)
def test_tags_map_to_the_catalogue_they_ask_for(tag, expected):
    assert normalize_locale(tag, SUPPORTED) == expected


@given(st.text(max_size=20))
def test_any_header_value_gives_a_supported_locale_or_none(tag):
    assert normalize_locale(tag, SUPPORTED) in (*SUPPORTED, None)


def test_the_languages_are_english_and_one_per_catalogue():
    assert available_locales()[0] == "en"
    assert {"fr", "zh_Hans"} <= set(available_locales())


def test_html_lang_is_bcp47():
    assert [html_lang(code) for code in SUPPORTED] == ["en", "fr", "zh-Hans"]


def _lang_of(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True))
    assert match, "no <html lang>"
    return match.group(1)


@pytest.mark.parametrize(
    "header, lang",
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"),
        ("de-DE,de;q=0.9,fr;q=0.7,en;q=0.5", "fr"),
        ("en-US,en;q=0.9", "en"),
        ("ja", "en"),
    ],
)
def test_a_first_visit_follows_accept_language(client, header, lang):
    response = client.get("/login", headers={"Accept-Language": header})
    assert _lang_of(response) == lang


def test_a_visitors_choice_is_kept_in_the_session(client):
    response = client.post("/language", data={"locale": "fr", "next": "/register"})
    assert response.status_code == 302 and response.headers["Location"] == "/register"
    page = client.get("/login", headers={"Accept-Language": "zh-CN"})
    assert _lang_of(page) == "fr"


def test_a_users_choice_is_stored_on_the_account_and_survives_log_out(client, db_session):
    user = make_user()
    db_session.commit()
    login(client, user)
    client.post("/language", data={"locale": "zh_Hans", "next": "/account/"})
    db_session.expire_all()
    assert db_session.get(User, user.id).locale == "zh_Hans"
    client.post("/logout")
    other_browser = client.application.test_client()
    login(other_browser, user)
    page = other_browser.get("/account/", headers={"Accept-Language": "fr"})
    assert _lang_of(page) == "zh-Hans"


def test_the_account_language_wins_over_the_browser(client, db_session):
    user = make_user()
    user.locale = "fr"
    db_session.commit()
    login(client, user)
    assert _lang_of(client.get("/account/", headers={"Accept-Language": "zh-CN"})) == "fr"


def test_unknown_languages_are_refused_and_nothing_is_stored(client, db_session):
    user = make_user()
    db_session.commit()
    login(client, user)
    assert client.post("/language", data={"locale": "xx", "next": "/"}).status_code == 400
    db_session.expire_all()
    assert db_session.get(User, user.id).locale == "en"


def test_the_switcher_never_redirects_off_site(client):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.post("/language", data={"locale": "fr", "next": target})
        assert response.headers["Location"] == "/"


def test_the_switcher_is_on_every_page_and_marks_the_current_language(client):
    html = client.get("/login", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    form = html[
        html.index('class="language-switcher"') : html.index(
            "</form>", html.index('class="language-switcher"')
        )
    ]
    assert 'name="csrf_token"' in form
    assert 'value="fr" lang="fr"' in form and 'aria-current="true"' in form
    for name in ("English", "Français", "简体中文"):
        assert name in form


@pytest.fixture
def csrf_app(app):
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def test_the_switcher_needs_the_csrf_token(csrf_app, db_session):
    user = make_user()
    db_session.commit()
    client = csrf_app.test_client()
    login_with_csrf(client, user.email, PASSWORD)
    assert client.post("/language", data={"locale": "fr"}).status_code == 400
    db_session.expire_all()
    assert db.session.get(User, user.id).locale == "en"


def test_registration_offers_the_language_the_visitor_reads(client):
    html = client.get("/register", headers={"Accept-Language": "fr-FR"}).get_data(as_text=True)
    assert re.search(r'<option selected value="fr">|<option value="fr" selected>', html)
