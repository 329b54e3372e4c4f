"""``flask seed-demo`` builds the promised demo fair, deterministically, and only once."""

from __future__ import annotations

import re
import statistics
from collections import Counter

import pytest
from sqlalchemy import func, select

from matchmaker.enums import EventPhase, ParticipationStatus, RequestStatus, Role, Side
from matchmaker.extensions import db
from matchmaker.models import Company, Event, MeetingRequest, Participation, User
from matchmaker.passwords import verify_password
from matchmaker.reference import CHINA_REGION_NAMES, EU_MEMBER_STATES, NACE_DIVISIONS

COMPANIES = 40
HANZI = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def cli(app, tmp_path):
    app.instance_path = str(tmp_path)
    runner = app.test_cli_runner()

    def run(*args: str):
        return runner.invoke(args=["seed-demo", *args])

    return run


@pytest.fixture
def seeded(cli, app):
    result = cli("--companies", str(COMPANIES), "--seed", "7")
    assert result.exit_code == 0, result.output
    with app.app_context():
        yield result


def _current_event() -> Event:
    return db.session.scalar(select(Event).where(Event.phase == EventPhase.REQUESTS))


def _snapshot() -> tuple:
    companies = db.session.execute(
        select(
            Company.name,
            Company.name_zh,
            Company.country,
            Company.region,
            Company.sector,
            Company.description,
        ).order_by(Company.id)
    ).all()
    requests = db.session.execute(
        select(
            MeetingRequest.from_company_id,
            MeetingRequest.to_company_id,
            MeetingRequest.status,
            MeetingRequest.priority,
            MeetingRequest.message,
        ).order_by(MeetingRequest.id)
    ).all()
    return tuple(companies), tuple(requests)


def test_the_demo_has_the_requested_companies_split_between_the_sides(seeded):
    sides = Counter(db.session.scalars(select(Company.side)))
    assert sides == {Side.EU: 16, Side.CN: 24}
    assert "40 companies (16 European, 24 Chinese)" in seeded.output


def test_demo_companies_have_complete_plausible_profiles(seeded):
    companies = list(db.session.scalars(select(Company)))
    for company in companies:
        assert company.sector in NACE_DIVISIONS
        assert company.size_band is not None
        assert 1800 <= company.founded_year <= 2026
        assert company.website.startswith("https://")
        assert len(company.description) > 80 and "lorem" not in company.description.lower()
        assert company.offers.startswith("We offer ")
        assert company.seeks.startswith("We are looking for ")
        assert company.cooperation_types and company.languages
        assert len(company.representatives) == 1
        assert company.representatives[0].role == Role.REPRESENTATIVE
        if company.side == Side.CN:
            assert company.country == "CN" and company.region in CHINA_REGION_NAMES
            assert HANZI.search(company.name_zh)
            assert "zh" in company.languages
        else:
            assert company.country in EU_MEMBER_STATES and company.name_zh is None
    assert len({company.name for company in companies}) == len(companies)
    assert len({company.sector for company in companies}) >= 8


def test_the_current_edition_is_in_chengdu_and_open_for_requests(seeded):
    event = _current_event()
    assert event.name == "EU–China Investment and Trade Fair 2026"
    assert event.timezone == "Asia/Shanghai"
    assert "Chengdu" in event.venue
    assert len(event.days) == 2 and (event.end_date - event.start_date).days == 1
    previous = db.session.scalar(
        select(Event).where(Event.phase == EventPhase.CLOSED).order_by(Event.year.desc())
    )
    assert previous is not None and previous.year == 2025


def test_the_organizer_login_is_printed_and_saved(seeded, app, tmp_path):
    match = re.search(r"Organizer demo login: (\S+) / (\S+)", seeded.output)
    assert match
    email, password = match.groups()
    organizer = db.session.scalar(select(User).where(User.email == email))
    assert organizer.role == Role.ORGANIZER
    assert verify_password(organizer.password_hash, password)
    saved = (tmp_path / "demo-credentials.txt").read_text()
    assert f"password = {password}" in saved
    assert db.session.scalar(select(func.count()).select_from(User)) == COMPANIES + 1


def test_requests_have_heavy_tailed_popularity_and_mostly_cross_sides(seeded):
    event = _current_event()
    requests = list(
        db.session.scalars(select(MeetingRequest).where(MeetingRequest.event_id == event.id))
    )
    assert len(requests) >= COMPANIES * 2
    received = Counter(request.to_company_id for request in requests)
    counts = sorted(
        (received.get(c.id, 0) for c in db.session.scalars(select(Company))), reverse=True
    )
    assert counts[0] >= 4 * max(1, statistics.median(counts))
    top_tenth = counts[: len(counts) // 10]
    assert sum(top_tenth) >= 0.3 * len(requests)
    sides = {c.id: c.side for c in db.session.scalars(select(Company))}
    crossing = sum(1 for r in requests if sides[r.from_company_id] != sides[r.to_company_id])
    assert crossing >= 0.8 * len(requests)


def test_requests_mix_statuses_include_mutual_pairs_and_respect_the_rules(seeded):
    event = _current_event()
    requests = list(
        db.session.scalars(select(MeetingRequest).where(MeetingRequest.event_id == event.id))
    )
    statuses = Counter(request.status for request in requests)
    for status in (RequestStatus.PENDING, RequestStatus.ACCEPTED, RequestStatus.DECLINED):
        assert statuses[status] > 0
    pairs = {(r.from_company_id, r.to_company_id) for r in requests}
    assert any((b, a) in pairs for a, b in pairs)
    approved = set(
        db.session.scalars(
            select(Participation.company_id).where(
                Participation.event_id == event.id,
                Participation.status == ParticipationStatus.APPROVED,
            )
        )
    )
    active = Counter(
        r.from_company_id
        for r in requests
        if r.status in (RequestStatus.PENDING, RequestStatus.ACCEPTED)
    )
    for request in requests:
        assert request.from_company_id in approved and request.to_company_id in approved
        assert len(request.message) <= 500
        if request.status in (RequestStatus.ACCEPTED, RequestStatus.DECLINED):
            assert request.responded_at is not None
    assert max(active.values()) <= event.request_cap


def test_with_if_empty_a_filled_database_is_left_alone_and_the_login_printed(seeded, cli):
    before = _snapshot()
    password = re.search(r"Organizer demo login: \S+ / (\S+)", seeded.output).group(1)
    again = cli("--if-empty", "--companies", str(COMPANIES))
    assert again.exit_code == 0, again.output
    assert "already holds data" in again.output
    assert f"/ {password}" in again.output
    db.session.expire_all()
    assert _snapshot() == before


def test_without_if_empty_a_filled_database_is_refused(seeded, cli):
    again = cli("--companies", "10")
    assert again.exit_code != 0
    assert "already holds data" in again.output
    assert db.session.scalar(select(func.count()).select_from(Company)) == COMPANIES


def test_the_demo_is_deterministic_for_a_seed(cli, app):
    snapshots = []
    for seed in ("11", "11", "12"):
        with app.app_context():
            db.drop_all()
            db.create_all()
        result = cli("--companies", "20", "--seed", seed, "--no-previous")
        assert result.exit_code == 0, result.output
        with app.app_context():
            snapshots.append(_snapshot())
    assert snapshots[0] == snapshots[1]
    assert snapshots[0] != snapshots[2]


def test_without_tables_the_command_says_to_upgrade_the_database(cli, app):
    with app.app_context():
        db.drop_all()
    result = cli("--companies", "10")
    assert result.exit_code != 0
    assert "db upgrade" in result.output
    with app.app_context():
        db.create_all()  # for the fixture's teardown
