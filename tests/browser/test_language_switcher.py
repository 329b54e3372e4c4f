"""The language switcher in a real browser: it changes the page's language, and a logged-in
user's choice comes back after logging out and in again."""

from __future__ import annotations

from matchmaker.extensions import db
from tests.factories import PASSWORD, make_user


def _log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form [type=submit]")


def test_the_switcher_changes_the_language_and_it_sticks(app, live_server, browser):
    app.config["WTF_CSRF_ENABLED"] = True  # as in production: the switcher posts its token
    with app.app_context():
        email = make_user().email
        db.session.commit()

    context = browser.new_context(locale="en-US")  # the browser asks for English
    page = context.new_page()
    page.goto(f"{live_server}/login")
    assert page.get_attribute("html", "lang") == "en"

    page.click(".language-switcher button[value=fr]")  # a visitor switches: kept in the session
    page.wait_for_url(f"{live_server}/login")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.inner_text("main h1") == "Se connecter"

    _log_in(page, live_server, email)
    page.click(".language-switcher button[value=zh_Hans]")  # stored on the account
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert "退出" in page.inner_text("header")

    page.click("header button:has-text('退出')")
    context.clear_cookies()  # a new session: only the account remembers the language
    _log_in(page, live_server, email)
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert "我的账户" in page.inner_text("header")
    context.close()
