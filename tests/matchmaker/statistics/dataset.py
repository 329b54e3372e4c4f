"""A known data set with hand-computed statistics: two editions, returning companies.

Edition 2025 (``build_published_fair``), after the day and the reports:

    Alpha–Gamma    held      Alpha: signed trade 250,000 EUR; Gamma: intention trade
    Alpha–Delta    held      Alpha: intention joint venture; Delta: intention investment
    Beta–Gamma     no-show (Gamma absent); Beta reports "not held"
    Beta–Epsilon   cancelled; its slot goes to Alpha–Epsilon, booked on the day
    Alpha–Epsilon  no mark; Alpha reports held, no agreement; Epsilon does not report

Edition 2026: Alpha and Gamma come back, Theta (CN, sector 62) is new; Alpha–Theta held,
Theta reports a signed services agreement, Alpha does not report.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from matchmaker.enums import AgreementLevel, AgreementType, EventPhase, MeetingStatus, RequestStatus
from matchmaker.eventday import operations as day
from matchmaker.extensions import db
from matchmaker.models import CompanyLanguage, Meeting, MeetingRequest, ScheduleVersion
from matchmaker.outcomes import operations as outcomes
from matchmaker.outcomes.operations import OutcomeData
from matchmaker.scheduling.operations import regenerate_slots, setup_for
from tests.builders import build_published_fair
from tests.factories import make_company, make_event, make_participation


def _report(fair, event, request, company, data):
    placement, company = outcomes.reportable_placement(
        event, request.id, company.id, fair.organizer
    )
    outcomes.save_report(event, placement, company, data, fair.organizer)


def _mark(fair, event, request, status, absent=None):
    plan, placement = day.placement_for(event, request.id, fair.organizer)
    day.set_meeting_status(event, plan, placement, status, fair.organizer, absent)


def build_two_editions():
    fair = build_published_fair(name="EU-China Fair 2025", year=2025)
    event, c, r = fair.event, fair.companies, fair.requests
    _mark(fair, event, r["ac"], MeetingStatus.HELD)
    _mark(fair, event, r["ad"], MeetingStatus.HELD)
    _mark(fair, event, r["bc"], MeetingStatus.NO_SHOW, c["gamma"].id)
    _mark(fair, event, r["be"], MeetingStatus.CANCELLED)
    plan, freed = day.placement_for(event, r["be"].id, fair.organizer)
    day.book_into_slot(event, r["ae"], freed.slot, fair.organizer, plan)
    _report(fair, event, r["ac"], c["alpha"], OutcomeData(
        held=True, interest=4, agreement=AgreementLevel.SIGNED,
        agreement_type=AgreementType.TRADE, value=Decimal(250000), currency="EUR",
        comment="=HYPERLINK(\"http://evil.example\")",
    ))  # fmt: skip
    _report(fair, event, r["ac"], c["gamma"], OutcomeData(
        held=True, interest=5, agreement=AgreementLevel.INTENTION,
        agreement_type=AgreementType.TRADE,
    ))  # fmt: skip
    _report(fair, event, r["ad"], c["alpha"], OutcomeData(
        held=True, agreement=AgreementLevel.INTENTION,
        agreement_type=AgreementType.JOINT_VENTURE,
    ))  # fmt: skip
    _report(fair, event, r["ad"], c["delta"], OutcomeData(
        held=True, agreement=AgreementLevel.INTENTION, agreement_type=AgreementType.INVESTMENT,
    ))  # fmt: skip
    _report(fair, event, r["bc"], c["beta"], OutcomeData(held=False))
    _report(fair, event, r["ae"], c["alpha"], OutcomeData(held=True, interest=2))

    second = make_event(
        EventPhase.PUBLISHED,
        name="EU-China Fair 2026",
        year=2026,
        start_date=date(2026, 12, 9),
        end_date=date(2026, 12, 10),
    )
    setup_for(second).table_count = 2
    regenerate_slots(second, fair.organizer)
    theta = make_company("Theta Tech", "CN", sector="62")
    theta.language_links = [CompanyLanguage(language="en")]
    for company in (c["alpha"], c["gamma"], theta):
        make_participation(second, company)
    meeting_request = MeetingRequest(
        event=second, from_company=c["alpha"], to_company=theta, status=RequestStatus.ACCEPTED
    )
    db.session.add(meeting_request)
    db.session.flush()
    from sqlalchemy import select

    from matchmaker.models import MeetingTable, TimeSlot

    slot = db.session.scalars(
        select(TimeSlot).where(TimeSlot.event_id == second.id).order_by(TimeSlot.starts_at)
    ).first()
    table = db.session.scalars(
        select(MeetingTable).where(MeetingTable.event_id == second.id)
    ).first()
    version = ScheduleVersion(event_id=second.id, number=1, published_at=datetime.now(UTC))
    version.meetings = [Meeting(request=meeting_request, slot=slot, table=table)]
    db.session.add(version)
    db.session.flush()
    second.published_version_id = version.id
    db.session.flush()
    _mark(fair, second, meeting_request, MeetingStatus.HELD)
    _report(fair, second, meeting_request, theta, OutcomeData(
        held=True, interest=5, agreement=AgreementLevel.SIGNED,
        agreement_type=AgreementType.SERVICES,
    ))  # fmt: skip
    db.session.commit()
    fair.extra.update(second=second, theta=theta, second_request=meeting_request)
    return fair
