"""List pages of the day and of outcomes read in a fixed number of queries, however many
meetings there are (no N+1)."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from matchmaker.enums import MeetingStatus, RequestStatus
from matchmaker.eventday import operations as day
from matchmaker.extensions import db
from matchmaker.models import CompanyLanguage, Meeting, MeetingRequest
from matchmaker.outcomes import operations
from matchmaker.outcomes.operations import OutcomeData
from tests.factories import login, make_company, make_participation

PAGES = [
    "/organizer/events/{event}/outcomes",
    "/organizer/events/{event}/floor?slot={slot}",
    "/events/{event}/meetings/{alpha}",
    "/organizer/events/{event}/statistics",
    "/organizer/events/{event}/check-in",
]


@contextmanager
def _counting():
    counter = {"n": 0}

    def count(*_args, **_kwargs):
        counter["n"] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield counter
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _queries(client, fair) -> dict[str, int]:
    found = {}
    for page in PAGES:
        url = page.format(
            event=fair.event.id, slot=fair.slots[5].id, alpha=fair.companies["alpha"].id
        )
        with _counting() as counter:
            assert client.get(url).status_code == 200, url
        found[page] = counter["n"]
    return found


def _add_meetings(fair, count: int) -> None:
    """``count`` more meetings of Alpha in slot 5, each marked and reported by both sides."""
    start = fair.extra.setdefault("added", 0)
    fair.extra["added"] += count
    for i in range(start, start + count):
        other = make_company(f"Extra {i}", "CN", sector="46")
        other.language_links = [CompanyLanguage(language="en")]
        make_participation(fair.event, other)
        request = MeetingRequest(
            event=fair.event,
            from_company=other,
            to_company=fair.companies["alpha"],
            status=RequestStatus.ACCEPTED,
        )
        db.session.add(request)
        fair.version.meetings.append(
            Meeting(request=request, slot=fair.slots[5 + i], table=fair.tables[0])
        )
        db.session.flush()
        plan, placement = day.placement_for(fair.event, request.id, fair.organizer)
        status = MeetingStatus.NO_SHOW if i % 2 else MeetingStatus.HELD
        day.set_meeting_status(
            fair.event, plan, placement, status, fair.organizer, other.id if i % 2 else None
        )
        for company in (other, fair.companies["alpha"]):
            placement, company = operations.reportable_placement(
                fair.event, request.id, company.id, fair.organizer
            )
            operations.save_report(
                fair.event, placement, company, OutcomeData(held=not i % 2), fair.organizer
            )
    db.session.commit()


def test_list_pages_do_not_query_per_meeting(app, fair):
    client = app.test_client()
    login(client, fair.organizer)
    _add_meetings(fair, 2)  # one of each kind (held, no-show): every eager load runs
    before = _queries(client, fair)
    _add_meetings(fair, 6)
    assert _queries(client, fair) == before


def test_the_plain_facts_are_the_day_plan_and_give_the_same_figures(app, fair):
    from matchmaker.outcomes.queries import meeting_outcomes, outcome_facts
    from matchmaker.scheduling.day_plan import day_plan, placement_facts
    from matchmaker.statistics.queries import edition_stats

    _add_meetings(fair, 5)
    plan, placement = day.placement_for(fair.event, fair.requests["be"].id, fair.organizer)
    day.set_meeting_status(fair.event, plan, placement, MeetingStatus.CANCELLED, fair.organizer)
    db.session.commit()

    def shape(p):
        return (p.request_id, p.company_ids, p.slot_id, p.table_id, p.status)

    facts = placement_facts(fair.event)
    assert [shape(f) for f in facts] == [shape(p) for p in day_plan(fair.event).placements]
    assert {f.status for f in facts} >= {
        MeetingStatus.HELD,
        MeetingStatus.NO_SHOW,
        MeetingStatus.CANCELLED,
        None,
    }
    full = meeting_outcomes(fair.event)
    light = outcome_facts(fair.event)
    assert [(o.request_id, o.held, o.agreement, o.disagreements) for o in light] == [
        (o.request_id, o.held, o.agreement, o.disagreements) for o in full
    ]
    assert edition_stats(fair.event) == edition_stats(fair.event, full)


def test_the_outcomes_overview_and_the_floor_are_paged(app, fair, monkeypatch):
    from matchmaker.eventday import queries as day_queries
    from matchmaker.outcomes import views as outcome_views
    from matchmaker.scheduling.day_plan import day_plan

    monkeypatch.setattr(outcome_views, "OVERVIEW_PAGE_SIZE", 3)
    monkeypatch.setattr(day_queries, "TABLES_PER_PAGE", 1)
    _add_meetings(fair, 4)
    client = app.test_client()
    login(client, fair.organizer)
    base = f"/organizer/events/{fair.event.id}"
    everything = [p.request_id for p in day_plan(fair.event).placements]
    seen = []
    pages = -(-len(everything) // 3)
    assert pages >= 3
    for page in range(1, pages + 1):
        html = client.get(f"{base}/outcomes?page={page}").get_data(as_text=True)
        seen += [int(v) for v in html.split('data-request="')[1:] for v in [v.split('"')[0]]]
        assert f"{len(everything)} meetings" in html
    assert seen == everything  # in the day plan's order, each once
    assert 'page=2">Next' in client.get(f"{base}/outcomes").get_data(as_text=True)

    busy = max(fair.slots, key=lambda s: len(day_plan(fair.event, slot_id=s.id).placements))
    in_slot = [p.request_id for p in day_plan(fair.event, slot_id=busy.id).placements]
    assert len(in_slot) >= 2
    shown = []
    for page in range(1, len(in_slot) + 1):
        html = client.get(f"{base}/floor?slot={busy.id}&page={page}").get_data(as_text=True)
        shown += [int(v.split('"')[0]) for v in html.split('<tr data-request="')[1:]]
    assert shown == in_slot
