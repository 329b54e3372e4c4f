"""Reads of outcome reports: per meeting with both sides' answers and their disagreements, per
company, and a report's audit trail. Disagreements are computed, never stored."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matchmaker.enums import AgreementLevel, MeetingStatus
from matchmaker.extensions import db
from matchmaker.models import Company, Event, OutcomeChange, OutcomeReport
from matchmaker.scheduling.day_plan import Placement, PlacementFacts, day_plan, placement_facts

# Answers on which the two sides of one meeting should agree (interest and next steps are
# each side's own view).
COMPARED_FIELDS = ("held", "agreement", "agreement_type")


def disagreements(a: Any, b: Any) -> list[str]:
    """The compared answers on which two reports of one meeting differ (none if one is
    missing). The agreement type is compared only when both report an agreement."""
    if a is None or b is None:
        return []
    found = []
    if a.held != b.held:
        found.append("held")
    if a.agreement != b.agreement:
        found.append("agreement")
    if (
        a.agreement != AgreementLevel.NONE
        and b.agreement != AgreementLevel.NONE
        and a.agreement_type != b.agreement_type
    ):
        found.append("agreement_type")
    return found


class OutcomeRules:
    """What a meeting's two reports and its day status say (held, agreement, disagreements):
    one set of rules for the full outcome a page shows (``MeetingOutcome``) and the plain
    facts figures are counted from (``OutcomeFacts``). Subclasses give ``status``,
    ``reports`` (company id → a report or a row with the same answer columns) and the two
    company ids."""

    reports: dict[int, Any]

    @property
    def status(self) -> MeetingStatus | None:
        raise NotImplementedError

    @property
    def company_ids(self) -> tuple[int, int]:
        raise NotImplementedError

    @property
    def fell_through(self) -> bool:
        return self.status is not None and self.status.fell_through

    def report_by(self, company_id: int) -> Any:
        return self.reports.get(company_id)

    @property
    def from_report(self) -> Any:
        return self.reports.get(self.company_ids[0])

    @property
    def to_report(self) -> Any:
        return self.reports.get(self.company_ids[1])

    @property
    def disagreements(self) -> list[str]:
        return disagreements(self.from_report, self.to_report)

    @property
    def held(self) -> bool | None:
        """Held according to the day status, else to the reports (True if a side says so)."""
        status = self.status
        if status == MeetingStatus.HELD:
            return True
        if status is not None and status.fell_through:
            return False
        answers = [r.held for r in self.reports.values()]
        if not answers:
            return None
        return any(answers)

    @property
    def agreement(self) -> AgreementLevel:
        """The furthest level either side reports (disagreements are shown separately)."""
        levels = [r.agreement for r in self.reports.values()]
        return max(levels, key=lambda level: level.rank, default=AgreementLevel.NONE)

    @property
    def agreement_type(self):
        """The type given with the furthest level (the requester's answer on a tie)."""
        best = self.agreement
        for report in (self.from_report, self.to_report):
            if report is not None and report.agreement == best and report.agreement_type:
                return report.agreement_type
        return None


@dataclass
class MeetingOutcome(OutcomeRules):
    placement: Placement
    reports: dict[int, OutcomeReport] = field(default_factory=dict)  # company id → report

    @property
    def request(self):
        return self.placement.request

    @property
    def request_id(self) -> int:
        return self.placement.request_id

    @property
    def status(self) -> MeetingStatus | None:
        return self.placement.status

    @property
    def company_ids(self) -> tuple[int, int]:
        return self.placement.company_ids


@dataclass
class OutcomeFacts(OutcomeRules):
    """A meeting's outcome as plain values: its placement's ids and its reports' answers."""

    placement: PlacementFacts
    reports: dict[int, Any] = field(default_factory=dict)  # company id → answer columns

    @property
    def request_id(self) -> int:
        return self.placement.request_id

    @property
    def status(self) -> MeetingStatus | None:
        return self.placement.status

    @property
    def company_ids(self) -> tuple[int, int]:
        return self.placement.company_ids


def meeting_outcomes(
    event: Event, company_id: int | None = None, request_ids: Collection[int] | None = None
) -> list[MeetingOutcome]:
    """Every meeting of the day plan (of one company, or of the given requests) with both
    sides' reports (a fixed number of queries, whatever the size of the edition)."""
    plan = day_plan(event, company_id=company_id, request_ids=request_ids)
    outcomes = {p.request_id: MeetingOutcome(p) for p in plan.placements}
    reports = select(OutcomeReport).where(OutcomeReport.event_id == event.id)
    if company_id is not None or request_ids is not None:
        reports = reports.where(OutcomeReport.request_id.in_(list(outcomes)))
    for report in db.session.scalars(reports):
        if report.request_id in outcomes:
            outcomes[report.request_id].reports[report.company_id] = report
    return list(outcomes.values())


def outcome_facts(event: Event) -> list[OutcomeFacts]:
    """Every meeting of the day plan with its reports' answers, in the day plan's order, as
    plain values: five queries and no ORM object, for figures and for choosing a page."""
    facts = {p.request_id: OutcomeFacts(p) for p in placement_facts(event)}
    for row in db.session.execute(
        select(
            OutcomeReport.request_id,
            OutcomeReport.company_id,
            OutcomeReport.held,
            OutcomeReport.agreement,
            OutcomeReport.agreement_type,
        ).where(OutcomeReport.event_id == event.id)
    ):
        found = facts.get(row.request_id)
        if found is not None:
            found.reports[row.company_id] = row
    return list(facts.values())


@dataclass
class OutcomesPage:
    rows: list[MeetingOutcome]
    page: int
    pages: int
    total: int


def outcomes_page(
    event: Event, page: int, per_page: int, only_disagreements: bool = False
) -> OutcomesPage:
    """One page of the organizers' overview: the meetings chosen and counted from plain facts,
    then only the page's rows loaded with their companies and reports."""
    chosen = [
        f.request_id for f in outcome_facts(event) if not only_disagreements or f.disagreements
    ]
    pages = max(1, -(-len(chosen) // per_page))
    page = min(max(1, page), pages)
    on_page = chosen[(page - 1) * per_page : page * per_page]
    by_request = {o.request_id: o for o in meeting_outcomes(event, request_ids=on_page)}
    rows = [by_request[r] for r in on_page if r in by_request]
    return OutcomesPage(rows=rows, page=page, pages=pages, total=len(chosen))


def company_outcomes(event: Event, company: Company) -> list[MeetingOutcome]:
    """The company's meetings with their reports: reads only that company's rows."""
    return meeting_outcomes(event, company_id=company.id)


def audit_trail(report: OutcomeReport) -> list[OutcomeChange]:
    return list(
        db.session.scalars(
            select(OutcomeChange)
            .where(OutcomeChange.report_id == report.id)
            .options(selectinload(OutcomeChange.changed_by))
            .order_by(OutcomeChange.id)
        )
    )
