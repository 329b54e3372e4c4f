"""Reads of outcome reports: per meeting with both sides' answers and their disagreements, per
company, and a report's audit trail. Disagreements are computed, never stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matchmaker.enums import AgreementLevel
from matchmaker.extensions import db
from matchmaker.models import Company, Event, OutcomeChange, OutcomeReport
from matchmaker.scheduling.day_plan import Placement, day_plan

# Answers on which the two sides of one meeting should agree (interest and next steps are
# each side's own view).
COMPARED_FIELDS = ("held", "agreement", "agreement_type")


def disagreements(a: OutcomeReport | None, b: OutcomeReport | None) -> list[str]:
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


@dataclass
class MeetingOutcome:
    placement: Placement
    reports: dict[int, OutcomeReport] = field(default_factory=dict)  # company id → report

    @property
    def request(self):
        return self.placement.request

    def report_by(self, company_id: int) -> OutcomeReport | None:
        return self.reports.get(company_id)

    @property
    def from_report(self) -> OutcomeReport | None:
        return self.reports.get(self.request.from_company_id)

    @property
    def to_report(self) -> OutcomeReport | None:
        return self.reports.get(self.request.to_company_id)

    @property
    def disagreements(self) -> list[str]:
        return disagreements(self.from_report, self.to_report)

    @property
    def held(self) -> bool | None:
        """Held according to the day status, else to the reports (True if a side says so)."""
        from matchmaker.enums import MeetingStatus

        status = self.placement.status
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


def meeting_outcomes(event: Event, company_id: int | None = None) -> list[MeetingOutcome]:
    """Every meeting of the day plan (of one company when given) with both sides' reports
    (a fixed number of queries, whatever the size of the edition)."""
    plan = day_plan(event, company_id=company_id)
    outcomes = {p.request_id: MeetingOutcome(p) for p in plan.placements}
    reports = select(OutcomeReport).where(OutcomeReport.event_id == event.id)
    if company_id is not None:
        reports = reports.where(OutcomeReport.request_id.in_(list(outcomes)))
    for report in db.session.scalars(reports):
        if report.request_id in outcomes:
            outcomes[report.request_id].reports[report.company_id] = report
    return list(outcomes.values())


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
