"""Organizers deactivate a representative's account (and reactivate it): a deactivated
account cannot log in, and every one of its sessions ends at once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import Forbidden

from matchmaker.accounts import operations
from matchmaker.enums import NotificationKind
from matchmaker.models import User, UserSession
from matchmaker.notifications.outbox import notify_user
from matchmaker.personal_tokens import create_api_token, user_for_api_token
from tests.factories import PASSWORD, login, make_company, make_organizer, make_user


def _url(user: User, action: str = "deactivate", company_id: int | None = None) -> str:
    company = user.company_id if company_id is None else company_id
    return f"/organizer/companies/{company}/representatives/{user.id}/{action}"


@pytest.fixture
def people(app, db_session):
    organizer = make_organizer()
    company = make_company("Bavaria Pumps")
    representative = make_user(company)
    representative.full_name = "Anna Schmidt"
    colleague = make_user(company)
    db_session.commit()
    return organizer, representative, colleague


def _sessions_of(db_session, user: User) -> int:
    return db_session.scalar(
        select(func.count()).select_from(UserSession).where(UserSession.user_id == user.id)
    )


def test_deactivating_ends_every_session_at_once_and_refuses_log_in(app, db_session, people):
    organizer, representative, colleague = people
    laptop, phone = app.test_client(), app.test_client()
    for device in (laptop, phone):
        assert login(device, representative).status_code == 302
        assert device.get("/account/").status_code == 200
    colleague_browser = app.test_client()
    login(colleague_browser, colleague)
    desk = app.test_client()
    login(desk, organizer)

    confirm = desk.get(_url(representative))
    assert confirm.status_code == 200
    page = confirm.get_data(as_text=True)
    assert "Deactivate the account of Anna Schmidt?" in page
    assert f'action="{_url(representative)}"' in page
    assert desk.post(_url(representative)).status_code == 302

    db_session.expire_all()
    assert not db_session.get(User, representative.id).active
    assert _sessions_of(db_session, representative) == 0
    for device in (laptop, phone):  # both browsers are logged out at their next request
        response = device.get("/account/")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    refused = login(app.test_client(), representative)
    assert refused.status_code == 403
    assert b"This account is deactivated." in refused.data
    assert colleague_browser.get("/account/").status_code == 200  # only that account
    assert "deactivated" in desk.get("/organizer/companies").get_data(as_text=True)


def test_a_deactivated_account_gets_no_mail_and_its_api_token_is_refused(db_session, people):
    organizer, representative, _colleague = people
    _row, token = create_api_token(representative, "script")
    db_session.commit()
    assert user_for_api_token(token) is not None
    operations.set_representative_active(
        organizer, representative.company_id, representative.id, False
    )
    db_session.commit()
    assert user_for_api_token(token) is None
    assert notify_user(representative, NotificationKind.PASSWORD_RESET, link="x", hours=1) is None


def test_reactivating_lets_them_log_in_again(app, client, db_session, people):
    organizer, representative, _colleague = people
    login(client, organizer)
    client.post(_url(representative))
    assert client.post(_url(representative, "reactivate")).status_code == 302
    db_session.expire_all()
    assert db_session.get(User, representative.id).active
    assert login(app.test_client(), representative, PASSWORD).status_code == 302


def test_another_companys_representative_or_an_organizer_is_a_404(client, db_session, people):
    organizer, representative, _colleague = people
    other_company = make_company("Other")
    other_organizer = make_organizer()
    db_session.commit()
    login(client, organizer)
    wrong_company = _url(representative, company_id=other_company.id)
    assert client.get(wrong_company).status_code == 404
    assert client.post(wrong_company).status_code == 404
    as_organizer = (
        f"/organizer/companies/{representative.company_id}/representatives/"
        f"{other_organizer.id}/deactivate"
    )
    assert client.post(as_organizer).status_code == 404
    unknown = f"/organizer/companies/{other_company.id}/representatives/99999/deactivate"
    assert client.post(unknown).status_code == 404
    db_session.expire_all()
    assert db_session.get(User, representative.id).active
    assert db_session.get(User, other_organizer.id).active


def test_representatives_cannot_deactivate_anyone(client, db_session, people):
    _organizer, representative, colleague = people
    login(client, representative)
    assert client.get(_url(colleague)).status_code == 403
    assert client.post(_url(colleague)).status_code == 403
    with pytest.raises(Forbidden):  # the service checks the acting user too
        operations.set_representative_active(
            representative, colleague.company_id, colleague.id, False
        )
    db_session.rollback()
    assert db_session.get(User, colleague.id).active


def test_the_deactivation_form_needs_a_csrf_token(app, db_session, people):
    organizer, representative, _colleague = people
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    from tests.conftest import login_with_csrf

    login_with_csrf(client, organizer.email, PASSWORD)
    assert client.post(_url(representative)).status_code == 400
    db_session.expire_all()
    assert db_session.get(User, representative.id).active
