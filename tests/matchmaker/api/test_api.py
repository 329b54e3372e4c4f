"""The JSON API: tokens, the pages' rights (another company's objects are 404), CSRF only for
session callers, pagination, errors as JSON."""

from __future__ import annotations

from sqlalchemy import select

from matchmaker.enums import NotificationKind, ParticipationStatus, RequestStatus
from matchmaker.extensions import db
from matchmaker.mail import outbox
from matchmaker.models import ApiToken, MeetingRequest, OutboxMessage, Participation
from matchmaker.personal_tokens import create_api_token, digest_of, revoke_api_token
from tests.conftest import csrf_token_from, login_with_csrf
from tests.factories import PASSWORD, login, make_user


def test_the_openapi_document_is_served_as_3_1(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert "/api/v1/editions/{event_id}/requests" in document["paths"]
    assert document["components"]["securitySchemes"]["personalToken"]["scheme"] == "bearer"


def test_a_token_is_stored_hashed_and_identifies_its_user(client, db_session, api_fair):
    stored = db_session.scalars(select(ApiToken)).all()
    assert {row.digest for row in stored} == {digest_of(t) for t in api_fair.tokens.values()}
    secrets = api_fair.tokens.values()
    assert not any(secret in row.digest + row.hint for row in stored for secret in secrets)
    me = client.get("/api/v1/me", headers=api_fair.auth("alice")).get_json()
    assert me["user"]["email"] == api_fair.alice.email
    assert me["company"]["name"] == "Dupont SA"


def test_anonymous_unknown_and_revoked_tokens_are_refused(client, db_session, api_fair):
    anonymous = client.get("/api/v1/me")
    assert anonymous.status_code == 401
    assert anonymous.get_json()["message"] == "Log in or send a personal API token."
    bogus = client.get("/api/v1/me", headers={"Authorization": "Bearer smk_nope"})
    assert (bogus.status_code, bogus.get_json()["message"]) == (
        401,
        "This API token is unknown or revoked.",
    )
    token = db_session.scalar(select(ApiToken).where(ApiToken.user_id == api_fair.alice.id))
    revoke_api_token(api_fair.alice, token.id)
    db_session.commit()
    assert client.get("/api/v1/me", headers=api_fair.auth("alice")).status_code == 401


def test_a_bad_token_never_falls_back_to_the_session(client, api_fair):
    login(client, api_fair.alice)
    assert client.get("/api/v1/me").status_code == 200  # the session works alone
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer smk_nope"})
    assert response.status_code == 401


def test_another_companys_request_is_404(client, api_fair):
    path = f"/api/v1/requests/{api_fair.request.id}"
    assert client.get(path, headers=api_fair.auth("li")).status_code == 200
    assert client.get(path, headers=api_fair.auth("organizer")).status_code == 200
    _, secret = create_api_token(make_user(api_fair.bosch), "bosch")
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    response = client.get(path, headers=headers)
    assert response.status_code == 404
    assert response.get_json()["message"] == "There is no such meeting request."
    answer = client.post(f"{path}/answer", json={"answer": "accept"}, headers=headers)
    assert answer.status_code == 404


def test_sending_and_answering_a_request_by_token(client, db_session, api_fair):
    sent = client.post(
        f"/api/v1/editions/{api_fair.event.id}/requests",
        json={"to_company_id": api_fair.bosch.id, "priority": "high", "message": "Hello"},
        headers=api_fair.auth("alice"),
    )
    assert sent.status_code == 201, sent.get_json()
    body = sent.get_json()
    assert (body["from_company_name"], body["to_company_name"], body["status"]) == (
        "Dupont SA",
        "Bosch Werke",
        "pending",
    )
    again = client.post(
        f"/api/v1/editions/{api_fair.event.id}/requests",
        json={"to_company_id": api_fair.bosch.id},
        headers=api_fair.auth("alice"),
    )
    assert again.status_code == 409
    assert "You have already asked Bosch Werke" in again.get_json()["message"]

    answered = client.post(
        f"/api/v1/requests/{api_fair.request.id}/answer",
        json={"answer": "accept"},
        headers=api_fair.auth("li"),
    )
    assert answered.get_json()["status"] == "accepted"
    db_session.expire_all()
    assert db_session.get(MeetingRequest, api_fair.request.id).status == RequestStatus.ACCEPTED
    assert any("accepted your meeting request" in m.subject for m in outbox(client.application))


def test_invalid_input_is_a_422_with_the_field(client, api_fair):
    response = client.post(
        f"/api/v1/editions/{api_fair.event.id}/requests",
        json={"to_company_id": "x", "priority": "urgent"},
        headers=api_fair.auth("alice"),
    )
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert set(errors) == {"to_company_id", "priority"}


def test_session_writes_need_the_csrf_token_and_token_writes_do_not(app, api_fair):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    login_with_csrf(client, api_fair.li.email, PASSWORD)
    path = f"/api/v1/requests/{api_fair.request.id}/answer"
    refused = client.post(path, json={"answer": "decline"})
    assert refused.status_code == 400
    assert "CSRF" in refused.get_json()["message"]
    token = csrf_token_from(client.get("/account/").get_data(as_text=True))
    accepted = client.post(path, json={"answer": "decline"}, headers={"X-CSRFToken": token})
    assert accepted.status_code == 200
    by_token = app.test_client().post(
        f"/api/v1/requests/{api_fair.request.id}/withdraw", headers=api_fair.auth("alice")
    )
    assert by_token.status_code == 409  # no CSRF needed; the rule (declined) refuses it


def test_lists_are_paginated(client, api_fair):
    page = client.get(
        f"/api/v1/editions/{api_fair.event.id}/companies?per_page=2&page=2",
        headers=api_fair.auth("alice"),
    ).get_json()
    assert (page["total"], page["pages"], page["page"], page["per_page"]) == (3, 2, 2, 2)
    assert [c["name"] for c in page["items"]] == ["Dupont SA"]  # sorted by name
    too_big = client.get(
        f"/api/v1/editions/{api_fair.event.id}/companies?per_page=1000",
        headers=api_fair.auth("alice"),
    )
    assert too_big.status_code == 422


def test_organizer_endpoints_are_for_organizers(client, api_fair):
    path = f"/api/v1/editions/{api_fair.event.id}/participations"
    assert client.get(path, headers=api_fair.auth("alice")).status_code == 403
    listing = client.get(path, headers=api_fair.auth("organizer")).get_json()
    assert listing["total"] == 3
    runs = client.get(
        f"/api/v1/editions/{api_fair.event.id}/runs", headers=api_fair.auth("organizer")
    )
    assert runs.get_json()["items"] == []


def _participation_of(db_session, event, company) -> Participation:
    return db_session.scalar(
        select(Participation).where(
            Participation.event_id == event.id, Participation.company_id == company.id
        )
    )


def _decision_mails(db_session, kind: NotificationKind) -> int:
    return len(db_session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)).all())


def test_an_organizer_decides_an_application_through_the_api(client, db_session, api_fair):
    participation = _participation_of(db_session, api_fair.event, api_fair.dupont)
    participation.status = ParticipationStatus.PENDING
    db_session.commit()
    path = f"/api/v1/editions/{api_fair.event.id}/participations/{participation.id}/decision"
    refused = client.post(path, json={"decision": "reject"}, headers=api_fair.auth("alice"))
    assert refused.status_code == 403

    answer = client.post(path, json={"decision": "reject"}, headers=api_fair.auth("organizer"))
    assert answer.status_code == 200
    assert (answer.get_json()["id"], answer.get_json()["status"]) == (participation.id, "rejected")
    db_session.expire_all()
    assert _participation_of(db_session, api_fair.event, api_fair.dupont).status == (
        ParticipationStatus.REJECTED
    )
    rejected_mails = _decision_mails(db_session, NotificationKind.APPLICATION_REJECTED)
    assert rejected_mails >= 1  # Alice (Dupont) is told, as from the pages
    again = client.post(path, json={"decision": "reject"}, headers=api_fair.auth("organizer"))
    assert again.status_code == 200
    assert _decision_mails(db_session, NotificationKind.APPLICATION_REJECTED) == rejected_mails


def test_a_decision_is_refused_for_bad_input_and_other_editions(client, db_session, api_fair):
    participation = _participation_of(db_session, api_fair.event, api_fair.bosch)
    organizer = api_fair.auth("organizer")
    base = f"/api/v1/editions/{api_fair.event.id}/participations"
    bad = client.post(
        f"{base}/{participation.id}/decision", json={"decision": "maybe"}, headers=organizer
    )
    assert bad.status_code == 422 and "decision" in bad.get_json()["errors"]["json"]
    missing = client.post(
        f"{base}/999999/decision", json={"decision": "approve"}, headers=organizer
    )
    assert missing.status_code == 404 and missing.get_json()["message"]
    other = client.post(
        f"/api/v1/editions/999999/participations/{participation.id}/decision",
        json={"decision": "approve"},
        headers=organizer,
    )
    assert other.status_code == 404
    participation.status = ParticipationStatus.WITHDRAWN
    db_session.commit()
    withdrawn = client.post(
        f"{base}/{participation.id}/decision", json={"decision": "approve"}, headers=organizer
    )
    assert withdrawn.status_code == 409
    assert "withdrew" in withdrawn.get_json()["message"]
    db_session.expire_all()
    assert db_session.get(Participation, participation.id).status == ParticipationStatus.WITHDRAWN


def test_tokens_are_made_and_revoked_on_the_account_page(client, db_session, api_fair):
    login(client, api_fair.li)
    page = client.post("/account/api-tokens/", data={"name": "CRM sync"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "shown only this once" in html
    token = db_session.scalars(
        select(ApiToken).where(ApiToken.user_id == api_fair.li.id).order_by(ApiToken.id.desc())
    ).first()
    assert token.name == "CRM sync" and token.hint in html
    assert client.post("/account/api-tokens/", data={"name": ""}).status_code == 400
    client.post(f"/account/api-tokens/{token.id}/revoke")
    db_session.expire_all()
    assert db_session.get(ApiToken, token.id).revoked_at is not None
    other = db_session.scalar(select(ApiToken).where(ApiToken.user_id == api_fair.alice.id))
    client.post(f"/account/api-tokens/{other.id}/revoke")
    db_session.expire_all()
    assert db_session.get(ApiToken, other.id).revoked_at is None  # someone else's: 404
    assert client.post(f"/account/api-tokens/{other.id}/revoke").status_code == 404
