"""E-mails and PDFs are written in their reader's language, not in the language of whoever
triggered them, with dates formatted for that language."""

from __future__ import annotations

import io
import re

import pytest
from flask_babel import force_locale
from pypdf import PdfReader
from sqlalchemy import select

from matchmaker.enums import ParticipationStatus
from matchmaker.mail import outbox
from matchmaker.models import Meeting, Participation, User
from matchmaker.outcomes.operations import send_reminders, unreported_by_company
from matchmaker.scheduling.notifications import notify_published
from tests.factories import (
    PASSWORD,
    login,
    make_event,
    make_organizer,
    make_participation,
    make_user,
)

HANZI = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_MAIL_WORDS = re.compile(r"\b(Hello|Dear|meeting|meetings|your|the)\b")


def _english_in(body: str) -> list[str]:
    """English words of our mail texts left in a body (links aside)."""
    return ENGLISH_MAIL_WORDS.findall(re.sub(r"https?://\S+", "", body))


def _mails_to(app, email: str):
    return [mail for mail in outbox(app) if mail.to == email]


def test_a_password_reset_mail_follows_the_account_not_the_browser(app, client, db_session):
    user = make_user()
    user.locale = "zh_Hans"
    db_session.commit()
    client.post("/password/forgot", data={"email": user.email}, headers={"Accept-Language": "en"})
    (mail,) = _mails_to(app, user.email)
    assert mail.subject == "重置密码"
    assert HANZI.search(mail.body) and "您好" in mail.body
    assert not _english_in(mail.body)


@pytest.mark.parametrize(
    "locale, subject_start, greeting",
    [("fr", "Vous participez à", "Bonjour"), ("zh_Hans", "您已获准参加", "您好")],
)
def test_an_english_organizer_approves_and_the_company_reads_its_language(
    app, client, db_session, locale, subject_start, greeting
):
    event = make_event()
    company = make_user().company
    representative = company.representatives[0]
    representative.locale = locale
    participation = make_participation(event, company, ParticipationStatus.PENDING)
    organizer = make_organizer()
    db_session.commit()
    login(client, organizer)
    client.post(
        f"/organizer/participations/{participation.id}/approve",
        headers={"Accept-Language": "en"},
    )
    db_session.expire_all()
    assert db_session.get(Participation, participation.id).status == ParticipationStatus.APPROVED
    (mail,) = _mails_to(app, representative.email)
    assert mail.subject.startswith(subject_start)
    assert greeting in mail.body and event.name in mail.body
    assert not _english_in(mail.body)


def _set_locales(db_session, companies_locales: dict[int, str]) -> dict[str, str]:
    """Give every representative of each company the locale; e-mail → locale."""
    wanted = {}
    for company_id, locale in companies_locales.items():
        for user in db_session.scalars(select(User).where(User.company_id == company_id)):
            user.locale = locale
            wanted[user.email] = locale
    db_session.commit()
    return wanted


def test_the_published_agenda_mail_is_in_each_recipients_language(app, db_session, fair):
    from matchmaker.models import Event, ScheduleVersion

    event = db_session.get(Event, fair.past_event_id)
    version = db_session.get(ScheduleVersion, fair.version_id)
    meeting = db_session.scalars(select(Meeting).where(Meeting.version_id == version.id)).first()
    wanted = _set_locales(
        db_session,
        {meeting.request.from_company_id: "zh_Hans", meeting.request.to_company_id: "fr"},
    )
    with app.test_request_context(headers={"Accept-Language": "en"}):
        notify_published(event, version, diff=None, first_publication=True)
        db_session.commit()
    for email, locale in wanted.items():
        (mail,) = _mails_to(app, email)
        if locale == "zh_Hans":
            assert mail.subject.startswith("您在") and "洽谈安排已发布" in mail.body
            assert re.search(r"贵企业共有 \d+ 场洽谈", mail.body)
        else:
            assert mail.subject.startswith("Vos rendez-vous à")
            assert "est publié" in mail.body
            assert re.search(r"Votre entreprise a \d+ rendez-vous", mail.body)
        assert not _english_in(mail.body)


def test_a_reminder_sent_by_a_background_job_is_in_the_recipients_language(app, db_session, fair):
    from matchmaker.models import Event

    event = db_session.get(Event, fair.past_event_id)
    missing = unreported_by_company(event)
    assert missing, "the demo fair has companies without reports"
    company_id = next(iter(missing))
    wanted = _set_locales(db_session, {company_id: "fr"})
    with app.app_context():  # no request: what a job or a CLI command sees
        send_reminders(db_session.get(Event, event.id), None)
        db_session.commit()
    for email in wanted:
        (mail,) = _mails_to(app, email)
        assert mail.subject.startswith("Comment se sont passés vos rendez-vous")
        assert "Faites votre compte rendu ici" in mail.body
        assert not _english_in(mail.body)


def _pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


@pytest.mark.parametrize(
    "locale, words",
    [
        ("zh_Hans", ["日期", "时间", "洽谈对象", "地点", "到场后请在签到台出示此二维码"]),
        ("fr", ["Jour", "Heure", "Rendez-vous avec", "Où", "Présentez ce code"]),
    ],
)
def test_an_organizer_prints_a_companys_agenda_in_the_companys_language(
    app, db_session, fair, locale, words
):
    _set_locales(db_session, {fair.company_id: locale})
    client = app.test_client()
    client.post("/login", data={"email": fair.organizer, "password": PASSWORD})
    response = client.get(
        f"/events/{fair.past_event_id}/agenda/{fair.company_id}.pdf",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    text = _pdf_text(response.data)
    for word in words:
        assert word in text, word
    for english in ("Meeting with", "Show this code", "Where"):
        assert english not in text
    with app.test_request_context(), force_locale(locale):
        from matchmaker.languages.formatting import format_day
        from matchmaker.models import Event

        first_day = db_session.get(Event, fair.past_event_id).days[0].date
        assert format_day(first_day) in text


def test_a_representative_reads_their_own_agenda_in_their_own_language(app, db_session, fair):
    _set_locales(db_session, {fair.company_id: "zh_Hans"})
    representative = db_session.scalar(select(User).where(User.email == fair.representative))
    representative.locale = "fr"
    db_session.commit()
    client = app.test_client()
    client.post("/login", data={"email": fair.representative, "password": PASSWORD})
    text = _pdf_text(client.get(f"/events/{fair.past_event_id}/agenda/{fair.company_id}.pdf").data)
    assert "Rendez-vous avec" in text and "洽谈对象" not in text


def test_table_sheets_follow_the_organizers_language(app, db_session, fair):
    client = app.test_client()
    client.post("/login", data={"email": fair.organizer, "password": PASSWORD})
    client.post("/language", data={"locale": "zh_Hans", "next": "/"})
    text = _pdf_text(client.get(f"/organizer/events/{fair.past_event_id}/schedule/tables.pdf").data)
    assert "号洽谈桌" in text and "Table " not in text
