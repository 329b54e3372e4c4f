"""Figures an organizer reviews before publishing a version — computed, never stored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import select

from matchmaker import phases
from matchmaker.enums import Side
from matchmaker.extensions import db
from matchmaker.models import Company, Event, MeetingRequest, ScheduleRun, ScheduleVersion
from matchmaker.scheduling.diff import VersionDiff, compare_versions, placements
from matchmaker.scheduling.explanations import Namer, explain
from matchmaker.scheduling.instance_export import build_instance, request_key
from matchmaker.scheduling.publishing import schedule_document
from matchmaker.scheduling.runs import published_version


@dataclass
class UnscheduledRequest:
    """An unscheduled request; its reason is put in words when shown (a page shows 100 of
    hundreds)."""

    request_id: int
    from_id: int
    to_id: int
    entry: dict
    namer: Namer

    @property
    def names(self) -> str:
        return f"{self.namer.company(self.from_id)} – {self.namer.company(self.to_id)}"

    @cached_property
    def reason(self) -> str:
        return explain(self.entry, self.namer)


@dataclass(frozen=True)
class CompanyName:
    id: int
    name: str


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
    zero_meeting_companies: list[CompanyName]
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
    """The review's figures from plain tuples, each read once: the version's meetings
    (``placements``, shared by the schedule document, the counts and the difference), the
    edition's requests and its companies' names; ORM objects only for the lines listed."""
    run = db.session.get(ScheduleRun, version.run_id) if version.run_id else None
    event = db.session.get(Event, version.event_id)
    # The instance the document is checked against: the run's, or today's rows for a version
    # made by hand (the same one for the figures and the list of unscheduled requests).
    instance = run.instance if run and run.instance else build_instance(event)
    rows = placements(version)
    document = schedule_document(version, run=run, rows=rows, instance=instance)
    keys = {r["id"] for r in instance["requests"]}
    request_pairs = {
        request_id: (from_id, to_id)
        for request_id, from_id, to_id in db.session.execute(
            select(
                MeetingRequest.id, MeetingRequest.from_company_id, MeetingRequest.to_company_id
            ).where(MeetingRequest.event_id == version.event_id)
        )
        if request_key(request_id) in keys
    }
    per_company: Counter[int] = Counter()
    for placed in rows:
        per_company.update(placed.company_ids)
    with_requests = {company_id for pair in request_pairs.values() for company_id in pair}
    companies = {
        company_id: (side, name)
        for company_id, side, name in db.session.execute(
            select(Company.id, Company.side, Company.name).where(
                Company.id.in_(
                    select(MeetingRequest.from_company_id)
                    .where(MeetingRequest.event_id == version.event_id)
                    .union(
                        select(MeetingRequest.to_company_id).where(
                            MeetingRequest.event_id == version.event_id
                        )
                    )
                )
            )
        )
        if company_id in with_requests
    }
    distribution: dict[Side, dict[int, int]] = {side: {} for side in Side}
    for company_id, (side, _name) in companies.items():
        count = per_company[company_id]
        distribution[side][count] = distribution[side].get(count, 0) + 1
    published = published_version(event)
    diff = (
        compare_versions(published, version, after_rows=rows)
        if published is not None and published.id != version.id
        else None
    )
    names = {company_id: name for company_id, (_side, name) in companies.items()}
    return VersionReview(
        version=version,
        requested=len(instance["requests"]),
        scheduled=len(rows),
        weight=document["stats"]["weight"],
        upper_bound=document["stats"]["upper_bound"],
        idle_gaps=document["stats"]["idle_gaps"],
        distribution={side: dict(sorted(c.items())) for side, c in distribution.items()},
        zero_meeting_companies=sorted(
            (CompanyName(c, names[c]) for c in companies if per_company[c] == 0),
            key=lambda c: (c.name, c.id),
        ),
        unscheduled=_explained(event, document["unscheduled"], request_pairs, names),
        diff=diff,
        stats=document["stats"],
        preview=phases.version_is_preview(version, run),
    )


def _explained(
    event: Event,
    entries: list[dict],
    request_pairs: dict[int, tuple[int, int]],
    names: dict[int, str],
) -> list[UnscheduledRequest]:
    """Unscheduled requests with their reasons in words (names and local times)."""
    namer = Namer.for_event(event, names=names)
    return [
        UnscheduledRequest(int(u["request"][1:]), *request_pairs[int(u["request"][1:])], u, namer)
        for u in entries
        if int(u["request"][1:]) in request_pairs
    ]
