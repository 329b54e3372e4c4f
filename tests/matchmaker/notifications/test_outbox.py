"""The outbox: written with the action, delivered by the job runner once, retried with back-off,
failures shown to organizers and sent again on request."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from flask import has_request_context
from sqlalchemy import select

from matchmaker import jobs
from matchmaker.enums import NotificationKind, OutboxStatus
from matchmaker.mail import MailError, outbox
from matchmaker.models import OutboxMessage
from matchmaker.models.base import utcnow
from matchmaker.notifications import delivery
from matchmaker.notifications.delivery import INTERRUPTED, deliver_due
from matchmaker.notifications.operations import choose_kinds, chosen_kinds
from matchmaker.notifications.outbox import notify_company, notify_user
from tests.conftest import REDIS_URL
from tests.factories import login, make_company, make_event, make_organizer, make_user


def _reset_mail(user, link="https://example.com/x"):
    return notify_user(user, NotificationKind.PASSWORD_RESET, link=link, hours=1)


def _messages(db_session) -> list[OutboxMessage]:
    db_session.expire_all()
    rows = db_session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    db_session.commit()
    return rows


def test_mail_is_written_with_the_action_and_delivered_after_it_commits(app, db_session):
    user = make_user()
    _reset_mail(user, link="https://example.com/reset")
    [row] = db_session.scalars(select(OutboxMessage)).all()
    assert row.status == OutboxStatus.PENDING
    db_session.commit()
    [sent] = outbox(app)
    assert (sent.to, sent.subject) == (user.email, "Reset your password")
    assert "https://example.com/reset" in sent.body
    assert sent.message_id.startswith(f"<outbox-{row.id}.")
    [row] = _messages(db_session)
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 1)
    assert row.sent_at is not None


def test_a_rolled_back_action_leaves_no_mail(app, db_session):
    user = make_user()
    db_session.commit()
    _reset_mail(user)
    db_session.rollback()
    db_session.commit()
    assert outbox(app) == []
    assert _messages(db_session) == []


def test_nothing_is_sent_inside_the_request(app, client, db_session, monkeypatch):
    """The forgot-password page answers before any mail is handed to the server: it only writes
    an outbox row, so its timing cannot tell whether the address has an account."""
    make_user(email="known@example.com")
    db_session.commit()
    in_request: list[bool] = []

    def record(mail):
        in_request.append(has_request_context())

    monkeypatch.setattr(delivery, "deliver", record)
    response = client.post("/password/forgot", data={"email": "known@example.com"})
    assert response.status_code in (200, 302)
    jobs.wait_for_in_process_jobs(app)
    assert in_request == [False]
    client.post("/password/forgot", data={"email": "nobody@example.com"})
    jobs.wait_for_in_process_jobs(app)
    assert in_request == [False]


def test_the_mail_is_in_the_recipients_language(app, db_session):
    """The same day-of change, told to a French and a Chinese representative: each is written
    with their own locale (the date formatted for it)."""
    event = make_event()
    company, other = make_company("Dupont SA", "FR"), make_company("Chengdu Tech", "CN")
    french = make_user(company)
    french.locale = "fr"
    chinese = make_user(company)
    chinese.locale = "zh"
    db_session.flush()
    notify_company(
        company,
        NotificationKind.DAY_CHANGE,
        event=event,
        other=other,
        moved=False,
        starts_at=datetime(2026, 11, 26, 2, 0, tzinfo=UTC),
        table=None,
        link="https://example.com/m",
    )
    db_session.commit()
    by_locale = {row.locale: row for row in _messages(db_session)}
    assert set(by_locale) == {"fr", "zh"}
    assert "26 nov. 2026" in by_locale["fr"].body  # Babel's French medium date
    assert "2026年11月26日" in by_locale["zh"].body
    assert "10:00" in by_locale["zh"].subject  # venue time (Asia/Shanghai), not UTC


def test_a_representative_chooses_which_mails_they_get(app, db_session):
    user = make_user()
    choose_kinds(user, [NotificationKind.REQUEST_ACCEPTED])
    assert notify_user(user, NotificationKind.REQUEST_RECEIVED, other=user.company) is None
    assert _reset_mail(user) is not None  # password resets always
    invitation = notify_user(
        user,
        NotificationKind.INVITATION,
        inviter="A colleague",
        company=user.company,
        link="https://example.com/i",
        days=7,
    )
    assert invitation is not None  # invitations always
    db_session.commit()
    assert sorted(m.subject for m in outbox(app)) == [
        "Reset your password",
        "Your Salon Matchmaker account",
    ]


def test_the_preferences_page_saves_the_choice(app, client, db_session):
    user = make_user()
    db_session.commit()
    login(client, user)
    page = client.get("/account/notifications").get_data(as_text=True)
    assert "A company asks you for a meeting" in page
    assert "Password reset link" in page  # listed as always sent
    response = client.post("/account/notifications", data={"kinds": ["request_declined"]})
    assert response.status_code == 302
    db_session.expire_all()
    assert chosen_kinds(user) == {NotificationKind.REQUEST_DECLINED}
    bad = client.post("/account/notifications", data={"kinds": ["password_reset"]})
    assert bad.status_code == 400  # not a choice


def test_two_jobs_at_once_send_each_message_once(app, db_session, monkeypatch):
    users = [make_user() for _ in range(6)]
    for user in users:
        _reset_mail(user)
    db_session.commit()
    jobs.wait_for_in_process_jobs(app)  # the after-commit job delivered them already
    outbox(app).clear()
    for row in _messages(db_session):  # make them due again, then race two jobs
        row.status, row.sent_at = OutboxStatus.PENDING, None
    db_session.commit()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def job():
        with app.app_context():
            try:
                barrier.wait()
                deliver_due()
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(m.to for m in outbox(app)) == sorted(u.email for u in users)


def test_a_failing_send_is_retried_with_back_off_then_waits_for_an_organizer(
    app, db_session, monkeypatch
):
    app.config.update(MAIL_RETRY_BASE_S=60, MAIL_MAX_ATTEMPTS=2)

    def refuse(mail):
        raise MailError("SMTPConnectError: (421, b'down')")

    monkeypatch.setattr(delivery, "deliver", refuse)
    _reset_mail(make_user())
    db_session.commit()
    jobs.wait_for_in_process_jobs(app)
    [row] = _messages(db_session)
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert "down" in row.last_error
    wait = row.next_attempt_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None)
    assert timedelta(seconds=55) < wait <= timedelta(seconds=60)

    row.next_attempt_at = utcnow()  # the minute has passed
    db_session.commit()
    report = deliver_due()
    assert report.failed == 1
    [row] = _messages(db_session)
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 2)
    assert delivery.backoff_s(1) == 60 and delivery.backoff_s(3) == 240
    assert delivery.backoff_s(30) == delivery.MAX_BACKOFF_S


def test_organizers_see_failed_mail_with_its_error_and_send_it_again(
    app, client, db_session, monkeypatch
):
    organizer = make_organizer()
    user = make_user()
    message = _reset_mail(user)
    db_session.flush()
    message.status, message.attempts, message.last_error = (
        OutboxStatus.FAILED,
        8,
        "SMTPRecipientsRefused: mailbox full",
    )
    db_session.commit()
    login(client, organizer)
    page = client.get("/organizer/outbox?status=failed").get_data(as_text=True)
    assert "mailbox full" in page and user.email in page
    response = client.post(f"/organizer/outbox/{message.id}/retry")
    assert response.status_code == 302
    jobs.wait_for_in_process_jobs(app)
    [sent] = outbox(app)
    assert sent.to == user.email
    [row] = _messages(db_session)
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 1)
    again = client.post(f"/organizer/outbox/{message.id}/retry", follow_redirects=True)
    assert "Only a failed e-mail can be sent again." in again.get_data(as_text=True)
    assert len(outbox(app)) == 1  # a sent message is never sent twice
    assert client.post("/organizer/outbox/999999/retry").status_code == 404


def test_the_outbox_is_for_organizers_only(app, client, db_session):
    user = make_user()
    message = _reset_mail(user)
    db_session.commit()
    login(client, user)
    assert client.get("/organizer/outbox").status_code == 403
    assert client.post(f"/organizer/outbox/{message.id}/retry").status_code == 403
    assert client.post("/organizer/outbox/retry-failed").status_code == 403


def test_an_interrupted_send_is_marked_failed_not_sent_again(app, db_session):
    message = _reset_mail(make_user())
    db_session.flush()
    message.status = OutboxStatus.SENDING
    message.claimed_until = utcnow() - timedelta(seconds=1)
    db_session.commit()
    jobs.wait_for_in_process_jobs(app)
    outbox(app).clear()
    deliver_due()
    [row] = _messages(db_session)
    assert (row.status, row.last_error) == (OutboxStatus.FAILED, INTERRUPTED)
    assert outbox(app) == []


@pytest.mark.skipif(not REDIS_URL, reason="needs MATCHMAKER_TEST_REDIS_URL")
def test_with_redis_the_worker_delivers(redis_app, db_session):
    assert isinstance(jobs.runner(redis_app), jobs.RQRunner)
    user = make_user()
    _reset_mail(user)
    db_session.commit()
    assert [row.status for row in _messages(db_session)] == [OutboxStatus.PENDING]
    jobs.run_worker(redis_app, burst=True)
    assert [m.to for m in outbox(redis_app)] == [user.email]
    assert [row.status for row in _messages(db_session)] == [OutboxStatus.SENT]


def test_the_deliver_command_sends_what_is_due(app, db_session):
    message = _reset_mail(make_user())
    db_session.flush()
    message.next_attempt_at = utcnow() + timedelta(hours=1)  # not due: the job leaves it
    db_session.commit()
    jobs.wait_for_in_process_jobs(app)
    assert outbox(app) == []
    message.next_attempt_at = utcnow()
    db_session.commit()
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    assert "Sent 1;" in result.output
    assert len(outbox(app)) == 1
