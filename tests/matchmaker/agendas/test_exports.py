"""Whole-edition exports made in the background: the same file as the download, a page that
shows the progress and then the link, organizers only, CSRF, both job runners."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from reportlab import rl_config

from matchmaker import create_app, jobs
from matchmaker.agendas import exports
from matchmaker.enums import ExportKind, RunStatus
from matchmaker.extensions import db
from matchmaker.models import ExportFile
from tests.builders import build_published_fair
from tests.conftest import REDIS_URL, csrf_token_from
from tests.factories import make_user, sign_in_without_form

SYNC_URLS = {
    ExportKind.TABLE_SHEETS: "schedule/tables.pdf",
    ExportKind.SCHEDULE_XLSX: "schedule/published.xlsx",
    ExportKind.SCHEDULE_CSV: "schedule/published.csv",
}


@pytest.fixture
def fair(db_session):
    fair = build_published_fair()
    db_session.commit()
    return fair


@pytest.fixture
def organizer(app, fair):
    client = app.test_client()
    sign_in_without_form(client, fair.organizer)
    return client


@pytest.fixture
def invariant_pdfs(monkeypatch):
    """ReportLab stamps each PDF with the time and a random id; without them two PDFs of the
    same content are the same bytes."""
    monkeypatch.setattr(rl_config, "invariant", 1)


def _base(fair) -> str:
    return f"/organizer/events/{fair.event.id}"


def _prepare(app, client, fair, kind: ExportKind):
    response = client.post(f"{_base(fair)}/exports/{kind.value}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/exports/{kind.value}")
    jobs.wait_for_in_process_jobs(app)
    return client.get(f"{_base(fair)}/exports/{kind.value}/download")


def _sheet_rows(body: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))


@pytest.mark.parametrize("kind", list(ExportKind))
def test_the_background_job_makes_the_file_the_download_gives(
    app, organizer, fair, kind, invariant_pdfs
):
    direct = organizer.get(f"{_base(fair)}/{SYNC_URLS[kind]}")
    assert direct.status_code == 200
    prepared = _prepare(app, organizer, fair, kind)
    assert prepared.status_code == 200
    assert prepared.mimetype == direct.mimetype
    assert prepared.headers["Content-Disposition"] == direct.headers["Content-Disposition"]
    if kind is ExportKind.SCHEDULE_XLSX:  # the workbook records when it was saved
        assert _sheet_rows(prepared.data) == _sheet_rows(direct.data)
        assert len(_sheet_rows(prepared.data)) == len(fair.version.meetings) + 1
    else:
        assert prepared.data == direct.data


def test_a_large_edition_goes_to_the_page_which_shows_progress_then_the_link(app, organizer, fair):
    app.config["EXPORTS_IN_BACKGROUND_FROM"] = 1
    base = _base(fair)
    response = organizer.get(f"{base}/schedule/tables.pdf")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{base}/exports/tables_pdf")
    page = organizer.get(f"{base}/exports/tables_pdf").get_data(as_text=True)
    assert "Not prepared yet" in page and "Prepare the file" in page
    assert "/download" not in page

    with app.test_request_context():
        db.session.add(  # a request in progress: the page says so and refreshes itself
            ExportFile(
                event_id=fair.event.id,
                kind=ExportKind.TABLE_SHEETS,
                status=RunStatus.RUNNING,
                locale="en",
                filename="tables.pdf",
                mimetype="application/pdf",
            )
        )
        db.session.commit()
    page = organizer.get(f"{base}/exports/tables_pdf").get_data(as_text=True)
    assert 'http-equiv="refresh"' in page and "Running" in page and "/download" not in page
    assert organizer.get(f"{base}/exports/tables_pdf/download").status_code == 404
    with app.test_request_context():
        db.session.execute(db.delete(ExportFile))
        db.session.commit()

    organizer.post(f"{base}/exports/tables_pdf")
    jobs.wait_for_in_process_jobs(app)
    page = organizer.get(f"{base}/exports/tables_pdf").get_data(as_text=True)
    assert f"{base}/exports/tables_pdf/download" in page and "refresh" not in page
    assert "Prepare the file again" in page
    download = organizer.get(f"{base}/exports/tables_pdf/download")
    assert download.mimetype == "application/pdf" and download.data.startswith(b"%PDF")


def test_the_file_expires_and_a_new_request_replaces_it(app, organizer, fair, db_session):
    base = _base(fair)
    assert _prepare(app, organizer, fair, ExportKind.SCHEDULE_CSV).status_code == 200
    db_session.expire_all()
    export = db_session.scalar(db.select(ExportFile))
    export.expires_at = exports.utcnow() - timedelta(minutes=1)
    db_session.commit()
    assert organizer.get(f"{base}/exports/schedule_csv/download").status_code == 404
    assert "Expired" in organizer.get(f"{base}/exports/schedule_csv").get_data(as_text=True)

    assert _prepare(app, organizer, fair, ExportKind.SCHEDULE_CSV).status_code == 200
    db_session.expire_all()
    rows = db_session.scalars(db.select(ExportFile)).all()
    assert len(rows) == 1 and rows[0].attempt == 2 and rows[0].status is RunStatus.SUCCEEDED


def test_asking_again_while_the_file_is_made_starts_no_second_job(app, organizer, fair):
    base = _base(fair)
    with app.test_request_context():
        db.session.add(
            ExportFile(
                event_id=fair.event.id,
                kind=ExportKind.TABLE_SHEETS,
                status=RunStatus.QUEUED,
                attempt=1,
                locale="en",
                filename="tables.pdf",
                mimetype="application/pdf",
            )
        )
        db.session.commit()
    organizer.post(f"{base}/exports/tables_pdf")
    jobs.wait_for_in_process_jobs(app)
    with app.test_request_context():
        export = db.session.scalar(db.select(ExportFile))
        assert export.attempt == 1 and export.status is RunStatus.QUEUED


def test_only_organizers_see_the_page_and_the_download(app, organizer, fair, db_session):
    base = _base(fair)
    assert _prepare(app, organizer, fair, ExportKind.TABLE_SHEETS).status_code == 200
    rep = app.test_client()
    sign_in_without_form(rep, make_user(fair.companies["alpha"], email="rep@example.com"))
    assert rep.get(f"{base}/exports/tables_pdf/download").status_code == 404
    assert rep.get(f"{base}/exports/tables_pdf").status_code == 403
    assert rep.post(f"{base}/exports/tables_pdf").status_code == 403
    anonymous = app.test_client().get(f"{base}/exports/tables_pdf/download")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert organizer.get(f"{base}/exports/nonsense").status_code == 404


def test_an_unpublished_edition_has_nothing_to_prepare(app, organizer, fair, db_session):
    fair.event.published_version_id = None
    db_session.commit()
    response = organizer.post(
        f"{_base(fair)}/exports/tables_pdf", headers={"Referer": "http://localhost/organizer/"}
    )
    assert response.status_code == 302
    with organizer.session_transaction() as session:
        assert "not published yet" in str(session.get("_flashes"))
    assert db_session.scalar(db.select(db.func.count()).select_from(ExportFile)) == 0


def test_preparing_a_file_needs_the_csrf_token(database_url):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": True,
            "REDIS_URL": None,
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
        fair = build_published_fair()
        db.session.commit()
        client = app.test_client()
        sign_in_without_form(client, fair.organizer)
        url = f"/organizer/events/{fair.event.id}/exports/schedule_csv"
        assert client.post(url).status_code == 400
        token = csrf_token_from(client.get(url).get_data(as_text=True))
        assert client.post(url, data={"csrf_token": token}).status_code == 303
        jobs.wait_for_in_process_jobs(app)
        assert client.get(f"{url}/download").status_code == 200
        jobs.runner(app).shutdown()  # type: ignore[union-attr]
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.mark.skipif(not REDIS_URL, reason="needs MATCHMAKER_TEST_REDIS_URL")
def test_an_export_through_redis_is_made_by_the_worker(redis_app, fair, db_session):
    client = redis_app.test_client()
    sign_in_without_form(client, fair.organizer)
    base = _base(fair)
    assert client.post(f"{base}/exports/schedule_csv").status_code == 303
    assert isinstance(jobs.runner(redis_app), jobs.RQRunner)
    page = client.get(f"{base}/exports/schedule_csv").get_data(as_text=True)
    assert "Queued" in page and 'http-equiv="refresh"' in page  # nobody took it yet
    jobs.run_worker(redis_app, burst=True)
    download = client.get(f"{base}/exports/schedule_csv/download")
    assert download.status_code == 200
    assert download.data == client.get(f"{base}/schedule/published.csv").data
