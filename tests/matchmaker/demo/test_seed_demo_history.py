"""``seed-demo`` past editions: published schedules, the day's statuses and both-sided outcome
reports (some disagreeing), so the statistics show history right away."""

from __future__ import annotations

from sqlalchemy import func, select

from matchmaker.enums import EventPhase, MeetingStatus
from matchmaker.extensions import db
from matchmaker.models import Event, MeetingDayStatus, OutcomeReport
from matchmaker.outcomes.queries import meeting_outcomes
from matchmaker.statistics.queries import cumulative_stats
from tests.factories import login


def test_past_editions_come_with_fair_days_and_outcomes(app, tmp_path):
    app.instance_path = str(tmp_path)
    result = app.test_cli_runner().invoke(args=["seed-demo", "--companies", "60", "--seed", "5"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        events = db.session.scalars(select(Event).order_by(Event.id)).all()
        assert [e.year for e in events] == [2026, 2025, 2024, 2023]
        assert events[0].phase == EventPhase.REQUESTS and events[0].published_version_id is None
        for past in events[1:]:
            assert past.phase == EventPhase.CLOSED and past.published_version_id is not None
            outcomes = meeting_outcomes(past)
            assert len(outcomes) > 10
            assert any(o.placement.status == MeetingStatus.NO_SHOW for o in outcomes)
            assert any(len(o.reports) == 2 for o in outcomes)
        statuses = dict(
            db.session.execute(
                select(MeetingDayStatus.status, func.count()).group_by(MeetingDayStatus.status)
            ).all()
        )
        assert statuses[MeetingStatus.HELD] > statuses[MeetingStatus.NO_SHOW] > 0
        assert db.session.scalar(select(func.count()).select_from(OutcomeReport)) > 50
        stats = cumulative_stats()
        assert stats.meetings_held > 0 and stats.agreements > 0 and stats.returning > 0
        assert sum(e.disagreements for e in stats.editions) > 0
    client = app.test_client()
    password = result.output.split(" / ")[1].split()[0]
    login(client, "organizer@salon-demo.example", password)
    assert client.get("/organizer/statistics").status_code == 200
    assert client.get(f"/organizer/events/{events[1].id}/statistics").status_code == 200
