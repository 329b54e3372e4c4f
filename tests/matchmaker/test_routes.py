"""Tests that find the routes by themselves (``app.url_map``): a new route is covered without
editing a list.

* every state-changing route refuses a post without a CSRF token;
* every GET route leaves the database unchanged (for an organizer and for a representative);
* a ``RuleViolation`` raised by a service behind each kind of route (form post, plain GET,
  JSON) is answered with a 4xx (or a redirect back), never a 500, and writes nothing.
"""

from __future__ import annotations

import pytest
from flask import Flask, request
from flask_login import current_user
from sqlalchemy import select
from werkzeug.routing import Rule

from matchmaker import create_app
from matchmaker.enums import EventPhase, Role
from matchmaker.eventday.tokens import check_in_token
from matchmaker.extensions import db
from matchmaker.lifecycle import ReadRequestWrote, redirect_on_refusal, render_on_refusal
from matchmaker.models import Event, ScheduleRun, ScheduleVersion, User
from matchmaker.scheduling.runs import start_run
from tests.builders import build_published_fair
from tests.conftest import login_with_csrf
from tests.factories import PASSWORD, login, make_event, make_organizer, make_user

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _listing_app() -> Flask:
    """An app only to read the URL map from (the factory has no side effects)."""
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


RULES = sorted(_listing_app().url_map.iter_rules(), key=lambda rule: rule.rule)
STATE_CHANGING_RULES = [rule for rule in RULES if rule.methods and rule.methods & STATE_CHANGING]
GET_RULES = [rule for rule in RULES if rule.methods and "GET" in rule.methods]


def _url(app: Flask, rule: Rule, ids: dict[str, object]) -> str:
    values = {name: ids.get(name, 1) for name in rule.arguments}
    return app.url_map.bind("localhost").build(rule.endpoint, values)


# --- CSRF ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def csrf_client():
    """One app with CSRF on and an organizer logged in. The CSRF check runs before any view and
    reads no data, so one backend (in-memory SQLite) is enough here."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "WTF_CSRF_ENABLED": True,
            "REDIS_URL": None,
        }
    )
    with app.app_context():
        db.create_all()
        organizer = make_organizer(email="csrf@example.com")
        db.session.commit()
        assert organizer.id
    client = app.test_client()
    login_with_csrf(client, "csrf@example.com", PASSWORD)
    yield app, client
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_routes_are_found():
    endpoints = {rule.endpoint for rule in STATE_CHANGING_RULES}
    assert {"auth.login", "scheduling.save_setup", "organizer.approve_participation"} <= endpoints
    assert "catalogue.index" in {rule.endpoint for rule in GET_RULES}


@pytest.mark.parametrize("rule", STATE_CHANGING_RULES, ids=lambda rule: rule.endpoint)
def test_every_state_changing_route_refuses_a_post_without_a_csrf_token(csrf_client, rule):
    app, client = csrf_client
    for method in sorted(rule.methods & STATE_CHANGING):
        response = client.open(_url(app, rule, {}), method=method, data={"name": "x"})
        assert response.status_code == 400, f"{method} {rule.rule}"
    assert client.get("/organizer/").status_code == 200  # still logged in: logout was refused


# --- GET routes never write ----------------------------------------------------------------------


@pytest.fixture
def route_fair(app, db_session):
    """A published fair with a draft, a run, a representative: every id in a URL resolves."""
    fair = build_published_fair()
    alpha = fair.companies["alpha"]
    representative = make_user(alpha, email="alpha@example.com")
    draft = ScheduleVersion(event_id=fair.event.id, number=2)
    db_session.add(draft)
    run = ScheduleRun(event_id=fair.event.id, time_limit_s=5, instance={}, progress={})
    db_session.add(run)
    db_session.commit()
    participation = next(p for p in fair.event.participations if p.company_id == alpha.id)
    ids = {
        "event_id": fair.event.id,
        "company_id": alpha.id,
        "request_id": fair.requests["ac"].id,
        "candidate_id": fair.requests["ae"].id,
        "run_id": run.id,
        "version_id": fair.version.id,
        "slot_id": fair.slots[0].id,
        "table_id": fair.tables[0].id,
        "participation_id": participation.id,
        "user_id": representative.id,
        "meeting_id": fair.version.meetings[0].id,
        "token": check_in_token(fair.event.id, alpha.id),
        "filename": "css/matchmaker.css",
    }
    return fair, representative, ids


def _database_contents() -> dict[str, list[tuple]]:
    """Every row of every table, read through a connection of its own (what is committed)."""
    with db.engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(select(table))), key=repr)
            for table in db.metadata.sorted_tables
        }


def test_every_get_route_leaves_the_database_unchanged(app, client, db_session, route_fair):
    fair, representative, ids = route_fair
    other = app.test_client()
    login(client, fair.organizer)
    login(other, representative)
    before = _database_contents()
    problems = []
    for rule in GET_RULES:
        url = _url(app, rule, ids)
        for who, visitor in (("organizer", client), ("representative", other)):
            try:
                status = visitor.get(url).status_code
            except ReadRequestWrote as error:
                problems.append(f"{who}: {error}")
                continue
            if status >= 500:
                problems.append(f"{who}: GET {url} answered {status}")
    assert not problems, "\n".join(problems)
    assert _database_contents() == before


def test_a_read_that_writes_is_caught(app, client, db_session):
    @app.get("/_test/writing-read")
    def writing_read():
        db.session.add(make_event(name="Written by a GET"))
        db.session.flush()
        return "wrote"

    with pytest.raises(ReadRequestWrote):
        client.get("/_test/writing-read")
    db_session.expire_all()
    assert db_session.scalar(select(Event.id)) is None  # rolled back, nothing kept


# --- a RuleViolation behind each kind of route ---------------------------------------------------


# The start of what ``phases.require_can_run`` answers for an edition still taking registrations.
REFUSAL = "Running the scheduler is possible only in the phase"


def _organizer_user(email: str) -> User:
    return User(email=email, full_name="Written here", password_hash="x", role=Role.ORGANIZER)


@pytest.fixture
def refusing_app(app, db_session):
    """Routes that call a real service which refuses: starting the scheduler for an edition
    still in its registration phase. A post writes a user first, to show the rollback."""
    event = make_event(EventPhase.REGISTRATION)
    organizer = make_organizer(email="refusal@example.com")
    db_session.commit()

    def refused_action():
        if request.method != "GET":  # reads never write
            db.session.add(_organizer_user("half-written@example.com"))
            db.session.flush()
        start_run(db.session.get(Event, event.id), current_user)
        return "not reached"

    @app.route("/_test/refusal", methods=["GET", "POST"])
    def plain_refusal():
        if request.args.get("fallback"):
            redirect_on_refusal("/_test/fallback")
        if request.args.get("render"):
            render_on_refusal("errors/error.html", code=409, title="Refused", description="")
        return refused_action()

    @app.route("/api/_test/refusal", methods=["GET", "POST"])
    def api_refusal():
        return refused_action()

    return organizer


def _nothing_written(db_session) -> bool:
    db_session.expire_all()
    return db_session.scalar(select(User).where(User.email == "half-written@example.com")) is None


def test_a_refusal_behind_a_plain_get_is_a_409_page(refusing_app, client, db_session):
    organizer = refusing_app
    login(client, organizer)
    response = client.get("/_test/refusal")
    assert response.status_code == 409
    assert REFUSAL in response.get_data(as_text=True)
    assert _nothing_written(db_session)


def test_a_refused_form_post_goes_back_with_the_message(refusing_app, client, db_session):
    organizer = refusing_app
    login(client, organizer)
    back = client.post("/_test/refusal", headers={"Referer": "http://localhost/organizer/"})
    assert back.status_code == 302 and back.headers["Location"] == "/organizer/"
    assert REFUSAL in client.get("/organizer/").get_data(as_text=True)
    foreign = client.post(
        "/_test/refusal?fallback=1", headers={"Referer": "https://elsewhere.example/page"}
    )
    assert foreign.status_code == 302 and foreign.headers["Location"] == "/_test/fallback"
    assert client.post("/_test/refusal").status_code == 409  # no referrer, no fallback: a page
    assert _nothing_written(db_session)


def test_a_refused_form_can_be_shown_again(refusing_app, client, db_session):
    organizer = refusing_app
    login(client, organizer)
    response = client.post("/_test/refusal?render=1")
    assert response.status_code == 409
    assert REFUSAL in response.get_data(as_text=True)
    assert _nothing_written(db_session)


@pytest.mark.parametrize(
    ("method", "path", "options"),
    [
        ("GET", "/api/_test/refusal", {}),
        ("POST", "/api/_test/refusal", {}),
        ("POST", "/_test/refusal", {"json": {"any": "thing"}}),
        ("GET", "/_test/refusal", {"headers": {"Accept": "application/json"}}),
    ],
)
def test_a_refusal_answers_json_to_json_clients(
    refusing_app, client, db_session, method, path, options
):
    organizer = refusing_app
    login(client, organizer)
    response = client.open(path, method=method, **options)
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert REFUSAL in error["message"]
    assert error["field"] is None
    assert _nothing_written(db_session)


def test_a_real_form_post_refused_by_its_service_is_no_500(app, client, db_session):
    event = make_event(EventPhase.REGISTRATION)
    organizer = make_organizer()
    db_session.commit()
    login(client, organizer)
    response = client.post(
        f"/organizer/events/{event.id}/schedule/runs",
        data={"time_limit_s": 5, "kind": "solve"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert REFUSAL in response.get_data(as_text=True)
    assert db_session.scalar(select(ScheduleRun.id)) is None


def test_a_commit_refused_by_a_constraint_is_a_409(app, client, db_session):
    @app.post("/_test/duplicate")
    def duplicate():
        db.session.add(_organizer_user("taken@example.com"))
        return "saved"

    organizer = make_organizer(email="taken@example.com")
    db_session.commit()
    login(client, organizer)

    response = client.post("/_test/duplicate")
    assert response.status_code == 409
    db_session.expire_all()
    assert len(db_session.scalars(select(User).where(User.email == "taken@example.com")).all()) == 1
