"""Shared figures are cached and retired when their rows change; the pages a company opens on
the fair morning issue the same number of SQL statements whether the edition holds 2 or 50
meetings besides the company's own (nothing is computed for the whole edition)."""

from __future__ import annotations

from sqlalchemy import event as sa_event

from matchmaker.enums import AgreementLevel, MeetingStatus, RequestStatus
from matchmaker.extensions import db
from matchmaker.models import (
    Meeting,
    MeetingDayStatus,
    MeetingRequest,
    OutcomeReport,
    ScheduleVersion,
)
from matchmaker.scheduling.publishing import publish
from tests.builders import build_published_fair
from tests.factories import login, make_company, make_participation, make_user


def _add_crowd(fair, pairs: int) -> None:
    """``pairs`` more meetings in the published version between new companies, each with a
    day status and an outcome report, spread over the slots (online: no table)."""
    for index in range(pairs):
        a = make_company(f"Crowd EU {index}", "DE", sector="28")
        b = make_company(f"Crowd CN {index}", "CN", sector="10")
        for company in (a, b):
            make_participation(fair.event, company)
        request = MeetingRequest(
            event=fair.event, from_company=a, to_company=b, status=RequestStatus.ACCEPTED
        )
        db.session.add(request)
        db.session.flush()
        slot = fair.slots[index % len(fair.slots)]
        db.session.add(Meeting(version_id=fair.version.id, request=request, slot=slot))
        db.session.add(
            MeetingDayStatus(
                event_id=fair.event.id, request_id=request.id, status=MeetingStatus.HELD
            )
        )
        db.session.add(
            OutcomeReport(
                event_id=fair.event.id,
                request_id=request.id,
                company_id=a.id,
                held=True,
                agreement=AgreementLevel.INTENTION,
            )
        )
    db.session.flush()


class StatementCounter:
    def __init__(self, engine) -> None:
        self.engine, self.count = engine, 0

    def _count(self, *_args) -> None:
        self.count += 1

    def __enter__(self):
        sa_event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc) -> None:
        sa_event.remove(self.engine, "before_cursor_execute", self._count)


def _pages(fair) -> dict[str, tuple[str, str]]:
    e, alpha, beta = fair.event.id, fair.companies["alpha"].id, fair.companies["beta"].id
    ac = fair.requests["ac"].id
    return {
        "agenda": ("GET", f"/events/{e}/agenda/{alpha}"),
        "agenda .ics": ("GET", f"/events/{e}/agenda/{alpha}.ics"),
        "My meetings": ("GET", f"/events/{e}/meetings/{alpha}"),
        "company page": ("GET", f"/companies/{beta}?event={e}"),
        "catalogue": ("GET", f"/catalogue?event={e}"),
        "catalogue with a filter": ("GET", f"/catalogue?event={e}&side=CN&sector=C"),
        "search": ("GET", f"/catalogue?event={e}&q=crowd"),
        "public timetable": ("GET", f"/events/{e}/timetable"),
        "public statistics": ("GET", "/statistics"),
        "report form": ("GET", f"/events/{e}/meetings/{alpha}/{ac}/report"),
        "mark held": ("POST", f"/events/{e}/day/meetings/{ac}/status"),
    }


def _statement_counts(app, crowd: int) -> dict[str, int]:
    with app.app_context():
        fair = build_published_fair()
        _add_crowd(fair, crowd)
        user = make_user(fair.companies["alpha"])
        db.session.commit()
        pages = _pages(fair)
        email = user.email
    client = app.test_client()
    login(client, email)
    counts = {}
    with app.app_context():
        engine = db.engine
    for name, (method, path) in pages.items():
        with StatementCounter(engine) as counter:
            if method == "POST":
                response = client.post(path, data={"status": "held", "back": "company"})
            else:
                response = client.get(path)
        assert response.status_code in (200, 302), (name, response.status_code)
        counts[name] = counter.count
    return counts


def test_statement_counts_do_not_grow_with_the_edition(app):
    counts = {}
    for crowd in (2, 50):
        with app.app_context():  # a fresh schema for each size
            db.session.remove()
            db.drop_all()
            db.create_all()
        counts[crowd] = _statement_counts(app, crowd)
    assert counts[50] == counts[2]
    assert counts[2]["public timetable"] <= 6 and counts[2]["My meetings"] <= 12


def test_the_public_timetable_is_cached_and_retired_by_a_publication(app, db_session):
    fair = build_published_fair()
    db_session.commit()
    client = app.test_client()
    path = f"/events/{fair.event.id}/timetable"
    assert "4 one-to-one meetings" in client.get(path).get_data(as_text=True)
    with StatementCounter(db.engine) as counter:
        assert "4 one-to-one meetings" in client.get(path).get_data(as_text=True)
    assert counter.count <= 2  # the event and the cache generation: nothing is counted again
    # A new version with one meeting fewer, published.
    draft = ScheduleVersion(event_id=fair.event.id, number=2)
    draft.meetings = [
        Meeting(request=m.request, slot=m.slot, table=m.table) for m in fair.version.meetings[1:]
    ]
    db_session.add(draft)
    db_session.flush()
    publish(draft, fair.organizer)
    db_session.commit()
    assert "3 one-to-one meetings" in client.get(path).get_data(as_text=True)


def test_the_public_statistics_are_cached_and_retired_by_a_new_report(app, db_session):
    fair = build_published_fair()
    db_session.commit()
    client = app.test_client()
    before = client.get("/statistics").get_data(as_text=True)
    assert "0 one-to-one meetings, 0 cooperation agreements" in before
    with StatementCounter(db.engine) as counter:
        client.get("/statistics")
    assert counter.count <= 1  # the cache generation only
    db_session.add(
        OutcomeReport(
            event_id=fair.event.id,
            request_id=fair.requests["ac"].id,
            company_id=fair.companies["alpha"].id,
            held=True,
            agreement=AgreementLevel.SIGNED,
            updated_by_id=fair.organizer.id,
        )
    )
    db_session.commit()
    after = client.get("/statistics").get_data(as_text=True)
    assert "1 one-to-one meetings, 1 cooperation agreements" in after


def test_a_rolled_back_change_keeps_the_cached_figures(app, db_session):
    fair = build_published_fair()
    db_session.commit()
    client = app.test_client()
    client.get(f"/events/{fair.event.id}/timetable")
    from matchmaker.caching import TIMETABLE, current_generation

    generation = current_generation(TIMETABLE)
    fair.version.meetings[0].table = None
    db_session.flush()
    db_session.rollback()
    assert current_generation(TIMETABLE) == generation
    fair.version.meetings[0].table = None
    db_session.commit()
    assert current_generation(TIMETABLE) != generation


def test_a_savepoint_inside_a_transaction_retires_the_figures_at_the_real_commit(app, db_session):
    fair = build_published_fair()
    db_session.commit()
    from matchmaker.caching import TIMETABLE, current_generation

    generation = current_generation(TIMETABLE)
    with db_session.begin_nested():
        fair.version.meetings[0].table = None
    # Still inside the outer transaction (which holds SQLite's write lock): nothing retired yet.
    assert db_session().in_transaction()
    db_session.commit()
    assert current_generation(TIMETABLE) != generation
