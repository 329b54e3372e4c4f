"""Outcome reports: each company reports each of its meetings once and may correct its report;
organizers enter or correct reports on a company's behalf (phone follow-up). Every change of
an answer is written to the audit trail (who, when, which answer, old → new).

Reminders e-mail the representatives of companies whose meetings are not all reported.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from matchmaker import phases
from matchmaker.access import require_acts_for, require_organizer
from matchmaker.database import lock_for_update
from matchmaker.enums import AgreementLevel, AgreementType, NextStep, NotificationKind
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.mail import absolute_url
from matchmaker.models import (
    Company,
    Event,
    MeetingRequest,
    OutcomeChange,
    OutcomeReport,
    User,
)
from matchmaker.notifications.outbox import notify_user
from matchmaker.outcomes.currencies import is_currency
from matchmaker.scheduling.day_plan import Placement, day_plan, placement_facts


@dataclass(frozen=True)
class OutcomeData:
    held: bool
    interest: int | None = None
    next_step: NextStep = NextStep.NONE
    agreement: AgreementLevel = AgreementLevel.NONE
    agreement_type: AgreementType | None = None
    value: Decimal | None = None
    currency: str | None = None
    comment: str = ""


AUDITED_FIELDS = [f.name for f in fields(OutcomeData)]


def reportable_placement(
    event: Event, request_id: int, company_id: int, actor: User
) -> tuple[Placement, Company]:
    """The meeting a company reports on; 404 unless the request is scheduled at this edition,
    the company is one of its two, and the actor is an organizer or that company's
    representative."""
    request = db.session.get(MeetingRequest, request_id)
    if request is None or request.event_id != event.id:
        raise NotFound()
    if company_id not in (request.from_company_id, request.to_company_id):
        raise NotFound()
    require_acts_for(actor, company_id)
    placement = day_plan(event, request_id=request_id).for_request(request_id)
    if placement is None:
        raise NotFound()
    return placement, db.session.get(Company, company_id)


def report_of(request_id: int, company_id: int) -> OutcomeReport | None:
    return db.session.scalar(
        select(OutcomeReport).where(
            OutcomeReport.request_id == request_id, OutcomeReport.company_id == company_id
        )
    )


def _check(data: OutcomeData) -> None:
    if data.interest is not None and not 1 <= data.interest <= 5:
        raise RuleViolation(_("Interest is from 1 to 5."), field="interest", status_code=400)
    if not data.held and (data.interest is not None or data.agreement != AgreementLevel.NONE):
        raise RuleViolation(
            _("A meeting that was not held has no interest rating or agreement."),
            field="held",
            status_code=400,
        )
    if data.agreement == AgreementLevel.NONE:
        if data.agreement_type is not None or data.value is not None:
            raise RuleViolation(
                _("A type or value needs an agreement (intention or signed)."),
                field="agreement_type",
                status_code=400,
            )
    elif data.agreement_type is None:
        raise RuleViolation(
            _("Say what kind of agreement it is."), field="agreement_type", status_code=400
        )
    if (data.value is None) != (data.currency is None):
        raise RuleViolation(
            _("Give a value together with its currency."), field="currency", status_code=400
        )
    if data.value is not None and (
        not data.value.is_finite() or data.value < 0 or data.value >= 10**14
    ):
        raise RuleViolation(
            _("The value must be an amount from 0 to 99,999,999,999,999."),
            field="value",
            status_code=400,
        )
    if data.currency is not None and not is_currency(data.currency):
        raise RuleViolation(
            _("Unknown currency code (ISO 4217, e.g. EUR, CNY)."), field="currency", status_code=400
        )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(getattr(value, "value", value))[:2000]


def _same(before: object, after: object) -> bool:
    if isinstance(before, Decimal) and isinstance(after, Decimal):
        return before == after
    return _text(before) == _text(after)


def save_report(
    event: Event, placement: Placement, company: Company, data: OutcomeData, actor: User
) -> tuple[OutcomeReport, int]:
    """Create or correct ``company``'s report of the meeting. Returns the report and the number
    of answers changed (0: nothing to record)."""
    require_acts_for(actor, company.id)
    if company.id not in placement.company_ids:
        raise NotFound()
    late = phases.require_outcome_report_open(event, actor)
    if data.currency is not None:
        data = OutcomeData(**{**data.__dict__, "currency": data.currency.upper()})
    _check(data)
    lock_for_update(placement.request)  # two first reports at once: the second corrects the first
    report = report_of(placement.request_id, company.id)
    if report is None:
        report = OutcomeReport(
            event_id=event.id, request_id=placement.request_id, company_id=company.id
        )
        db.session.add(report)
        old = dict.fromkeys(AUDITED_FIELDS)
    else:
        old = {name: getattr(report, name) for name in AUDITED_FIELDS}
    changed = 0
    for name in AUDITED_FIELDS:
        new_value = getattr(data, name)
        before = old[name]
        setattr(report, name, new_value)
        if _same(before, new_value):
            continue
        report.changes.append(
            OutcomeChange(
                changed_by_id=actor.id,
                on_behalf=actor.is_organizer,
                late=late,
                field=name,
                old_value=_text(before),
                new_value=_text(new_value),
            )
        )
        changed += 1
    if changed or report.id is None:
        report.updated_by_id = actor.id
    db.session.flush()
    return report, changed


# --- reminders -----------------------------------------------------------------------------------


def unreported_by_company(event: Event) -> dict[int, int]:
    """Company id → number of its meetings (not fallen through) it has not reported yet
    (counted from the day plan's plain facts: no ORM object per meeting)."""
    placements = placement_facts(event)
    reported = {
        (request_id, company_id)
        for request_id, company_id in db.session.execute(
            select(OutcomeReport.request_id, OutcomeReport.company_id).where(
                OutcomeReport.event_id == event.id
            )
        )
    }
    missing: dict[int, int] = {}
    for placement in placements:
        if placement.fell_through:
            continue
        for company_id in placement.company_ids:
            if (placement.request_id, company_id) not in reported:
                missing[company_id] = missing.get(company_id, 0) + 1
    return missing


def reminder_audience(event: Event) -> tuple[int, int, int]:
    """Who a reminder would reach: (companies, active representatives, unreported meetings)."""
    missing = unreported_by_company(event)
    people = (
        db.session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.company_id.in_(missing), User.active.is_(True))
        )
        if missing
        else 0
    )
    return len(missing), people or 0, sum(missing.values())


def send_reminders(event: Event, actor: User | None) -> int:
    """E-mail every active representative of each company with unreported meetings (sent when
    the transaction commits). ``actor`` None: the command line. Returns the companies
    reminded."""
    if actor is not None:
        require_organizer(actor)
    if event.published_version_id is None:
        raise RuleViolation(_("Nothing is published for this edition yet."))
    missing = unreported_by_company(event)
    if not missing:
        return 0
    users = db.session.scalars(
        select(User)
        .where(User.company_id.in_(missing), User.active.is_(True))
        .order_by(User.company_id, User.id)
    )
    reminded: set[int] = set()
    for user in users:
        notify_user(
            user,
            NotificationKind.OUTCOME_REMINDER,
            event=event,
            count=missing[user.company_id],
            link=absolute_url(
                "outcomes.company_meetings", event_id=event.id, company_id=user.company_id
            ),
        )
        reminded.add(user.company_id)
    return len(reminded)
