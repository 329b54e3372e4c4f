"""The password policy (NIST SP 800-63B / OWASP): length, common passwords, repetition, own
e-mail address or company name; its messages on the registration form."""

from __future__ import annotations

import html

import pytest

from matchmaker.passwords import common_passwords, password_weakness

REGISTRATION = {
    "company_name": "Bavaria Pumps GmbH",
    "country": "DE",
    "full_name": "Anna Schmidt",
    "email": "anna.schmidt@example.com",
    "locale": "en",
}


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "at least 10 characters"),
        ("1234567890", "most commonly used"),
        ("password12", "most commonly used"),
        ("Password123!", "most commonly used"),
        ("qwertyuiop", "most commonly used"),
        ("aaaaaaaaaa", "too few characters"),
        ("abababababab", "too few characters"),
        ("bavariapumps2026", "e-mail address or company name"),
        ("Anna.Schmidt1990", "e-mail address or company name"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(app, password, reason):
    with app.test_request_context():
        problem = password_weakness(
            password, ["anna.schmidt@example.com", "Bavaria Pumps GmbH", "Anna Schmidt"]
        )
        assert problem is not None and reason in str(problem)


@pytest.mark.parametrize(
    "password", ["correct horse battery", "Sichuan pepper & gearboxes", "成都的熊猫喜欢竹子很多"]
)
def test_long_uncommon_passwords_of_any_script_are_accepted(app, password):
    with app.test_request_context():
        assert password_weakness(password, ["anna.schmidt@example.com"]) is None


def test_the_shipped_list_holds_thousands_of_common_passwords():
    shipped = common_passwords()
    assert len(shipped) >= 9000
    assert {"123456", "password", "qwerty"} <= shipped


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password12", "among the most commonly used ones"),
        ("bavariapumps", "made of your e-mail address or company name"),
    ],
)
def test_registration_says_why_a_password_is_refused(client, password, message):
    answer = client.post(
        "/register", data={**REGISTRATION, "password": password, "confirm_password": password}
    )
    assert answer.status_code == 400
    assert message in html.unescape(answer.get_data(as_text=True))
