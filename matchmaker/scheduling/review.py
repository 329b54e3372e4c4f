"""Figures an organizer reviews before publishing a version — computed, never stored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matchmaker import phases
from matchmaker.enums import Side
from matchmaker.extensions import db
from matchmaker.models import Company, Event, Meeting, MeetingRequest, ScheduleRun, ScheduleVersion
from matchmaker.scheduling.diff import VersionDiff, compare_versions
from matchmaker.scheduling.explanations import Namer, company_ids_in, explain
from matchmaker.scheduling.publishing import schedule_document
from matchmaker.scheduling.runs import published_version


@dataclass
class UnscheduledRequest:
    """An unscheduled request; its reason is put in words when shown (a page shows 100 of
    hundreds)."""

    request: MeetingRequest
    entry: dict
    namer: Namer

    @cached_property
    def reason(self) -> str:
        return explain(self.entry, self.namer)


@dataclass
class VersionReview:
    version: ScheduleVersion
    requested: int
    scheduled: int
    weight: int
    upper_bound: int | None
    idle_gaps: int
    # meetings per company -> number of companies, per side
    distribution: dict[Side, dict[int, int]]
    zero_meeting_companies: list[Company]
    unscheduled: list[UnscheduledRequest]
    diff: VersionDiff | None  # against the published version; None when nothing is published
    stats: dict[str, Any] = field(default_factory=dict)
    preview: bool = False  # computed during the request phase: cannot be published

    @property
    def share_of_bound(self) -> float | None:
        if not self.upper_bound:
            return None
        return self.weight / self.upper_bound


def review_version(version: ScheduleVersion) -> VersionReview:
    meetings = list(
        db.session.scalars(
            select(Meeting)
            .where(Meeting.version_id == version.id)
            .options(selectinload(Meeting.request), selectinload(Meeting.slot))
        )
    )
    document = schedule_document(version)
    run = db.session.get(ScheduleRun, version.run_id) if version.run_id else None
    instance = (run.instance if run else None) or {"requests": [], "participants": []}
    requests_by_key = {r["id"]: r for r in instance["requests"]}
    request_rows = {
        row.id: row
        for row in db.session.scalars(
            select(MeetingRequest)
            .where(MeetingRequest.id.in_([int(k[1:]) for k in requests_by_key]))
            .options(
                selectinload(MeetingRequest.from_company), selectinload(MeetingRequest.to_company)
            )
        )
    }
    per_company: Counter[int] = Counter()
    for meeting in meetings:
        per_company[meeting.request.from_company_id] += 1
        per_company[meeting.request.to_company_id] += 1
    with_requests = {
        company_id
        for row in request_rows.values()
        for company_id in (row.from_company_id, row.to_company_id)
    }
    companies = {
        c.id: c for c in db.session.scalars(select(Company).where(Company.id.in_(with_requests)))
    }
    distribution: dict[Side, dict[int, int]] = {side: {} for side in Side}
    for company_id in with_requests:
        side_counts = distribution[companies[company_id].side]
        count = per_company[company_id]
        side_counts[count] = side_counts.get(count, 0) + 1
    event = db.session.get(Event, version.event_id)
    published = published_version(event)
    diff = (
        compare_versions(published, version)
        if published is not None and published.id != version.id
        else None
    )
    return VersionReview(
        version=version,
        requested=len(instance["requests"]),
        scheduled=len(meetings),
        weight=document["stats"]["weight"],
        upper_bound=document["stats"]["upper_bound"],
        idle_gaps=document["stats"]["idle_gaps"],
        distribution={side: dict(sorted(c.items())) for side, c in distribution.items()},
        zero_meeting_companies=sorted(
            (companies[c] for c in with_requests if per_company[c] == 0), key=lambda c: c.name
        ),
        unscheduled=_explained(event, document["unscheduled"], request_rows),
        diff=diff,
        stats=document["stats"],
        preview=phases.version_is_preview(version, run),
    )


def _explained(
    event: Event, entries: list[dict], request_rows: dict[int, MeetingRequest]
) -> list[UnscheduledRequest]:
    """Unscheduled requests with their reasons in words (names and local times)."""
    namer = Namer.for_event(event, company_ids_in(entries))
    return [
        UnscheduledRequest(request_rows[int(u["request"][1:])], u, namer)
        for u in entries
        if int(u["request"][1:]) in request_rows
    ]
