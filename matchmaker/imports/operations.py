"""Organizers' spreadsheet import: upload (kept for the confirmation), preview, apply.

Nothing is written by a preview but the uploaded file. ``apply_upload`` plans the stored file
again against the database as it is now and refuses unless the plan has no error; then it
writes every row in the caller's one transaction (the view commits once, or rolls everything
back). Companies come in approved for the chosen edition; people come in with no usable password
and get an invitation (in their language) only when the organizer asked for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import delete, insert, select
from werkzeug.exceptions import NotFound

from matchmaker.access import require_organizer
from matchmaker.accounts.operations import send_invitation
from matchmaker.enums import ParticipationStatus, RequestStatus, Role
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.imports.planning import CREATE, UNCHANGED, ImportPlan, ParsedRow, plan_import
from matchmaker.imports.reading import read_table
from matchmaker.models import (
    Company,
    CompanyCooperation,
    CompanyLanguage,
    Event,
    MeetingRequest,
    Participation,
    User,
    participation_days,
)
from matchmaker.models.base import utcnow
from matchmaker.models.imports import ImportUpload
from matchmaker.passwords import unusable_password
from matchmaker.reference import side_for_country


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    requests: int
    invitations: int


def upload(
    actor: User, event: Event, filename: str, data: bytes, send_invitations: bool
) -> tuple[ImportUpload, ImportPlan]:
    """Keep the file for the confirmation and return its plan (the preview)."""
    require_organizer(actor)
    plan = plan_import(event, read_table(filename, data))
    stored = ImportUpload(
        organizer_id=actor.id,
        event_id=event.id,
        filename=(filename or "upload")[:255],
        content=data,
        send_invitations=send_invitations,
    )
    db.session.add(stored)
    db.session.flush()
    return stored, plan


def preview(actor: User, upload_id: int) -> tuple[ImportUpload, ImportPlan]:
    stored = _own_upload(actor, upload_id)
    event = db.session.get(Event, stored.event_id)
    return stored, plan_import(event, read_table(stored.filename, stored.content))


def apply_upload(actor: User, upload_id: int) -> ImportResult:
    stored = _own_upload(actor, upload_id)
    if stored.applied_at is not None:
        raise RuleViolation(_("This file was imported already. Upload it again to re-import."))
    event = db.session.get(Event, stored.event_id)
    plan = plan_import(event, read_table(stored.filename, stored.content))
    if not plan.ok:
        raise RuleViolation(
            _("The file has errors; nothing was imported. Correct them and upload it again.")
        )
    result = apply_plan(actor, plan, stored.send_invitations)
    stored.applied_at = utcnow()
    db.session.flush()
    return result


def _own_upload(actor: User, upload_id: int) -> ImportUpload:
    require_organizer(actor)
    stored = db.session.get(ImportUpload, upload_id)
    if stored is None or stored.event_id is None:
        raise NotFound()
    return stored


def apply_plan(actor: User, plan: ImportPlan, send_invitations: bool) -> ImportResult:
    require_organizer(actor)
    event = plan.event
    day_ids = [day.id for day in event.days]
    companies: dict[int, Company] = {}
    ids = [row.company_id for row in plan.rows if row.company_id]
    for start in range(0, len(ids), 500):
        for company in db.session.scalars(
            select(Company).where(Company.id.in_(ids[start : start + 500]))
        ):
            companies[company.id] = company
    new_users: list[User] = []
    linked: list[tuple[Company, ParsedRow]] = []
    row_company: dict[int, Company] = {}
    participations: dict[int, Participation] = {
        p.company_id: p
        for p in db.session.scalars(select(Participation).where(Participation.event_id == event.id))
    }
    new_participations: list[Participation] = []
    for row in plan.rows:
        if row.action == UNCHANGED:
            row_company[row.number] = companies[row.company_id]
            continue
        company = companies.get(row.company_id) if row.company_id else None
        if company is None:
            company = Company(description="", offers="", seeks="")
            db.session.add(company)
        _set_company(company, row)
        linked.append((company, row))
        row_company[row.number] = company
        user = db.session.get(User, row.user_id) if row.user_id else None
        if user is None:
            user = User(
                email=row.email,
                password_hash=unusable_password(),
                full_name=str(row.person.get("full_name") or row.email),
                job_title=row.person.get("job_title"),
                locale=str(row.person.get("locale") or "en"),
                role=Role.REPRESENTATIVE,
                company=company,
            )
            db.session.add(user)
            new_users.append(user)
        else:
            for key, value in row.person.items():
                setattr(user, key, value)
        participation = participations.get(company.id) if company.id else None
        if participation is None:
            participation = Participation(
                event=event,
                company=company,
                status=ParticipationStatus.APPROVED,
                decided_at=utcnow(),
                decided_by_id=actor.id,
            )
            db.session.add(participation)
            new_participations.append(participation)
        participation.delegates = row.delegates
        participation.attendance = row.attendance
    db.session.flush()
    _write_links(linked)
    if new_participations and day_ids:
        db.session.execute(
            insert(participation_days),
            [
                {"participation_id": p.id, "event_day_id": day_id}
                for p in new_participations
                for day_id in day_ids
            ],
        )
    requests = _create_requests(plan, row_company)
    if send_invitations:
        for user in new_users:
            send_invitation(user, inviter=actor.full_name)
    db.session.flush()
    return ImportResult(
        created=plan.count(CREATE),
        updated=plan.count("update"),
        unchanged=plan.count(UNCHANGED),
        requests=requests,
        invitations=len(new_users) if send_invitations else 0,
    )


def _set_company(company: Company, row: ParsedRow) -> None:
    for key, value in row.company.items():
        setattr(company, key, value)
    if company.description is None:
        company.description = ""
    if not company.side_overridden and company.country:
        company.side = side_for_country(company.country)


def _write_links(pending: list[tuple[Company, ParsedRow]]) -> None:
    """Cooperation types and languages in bulk (Core statements, not one ORM object each: the
    ORM's orphan bookkeeping made this the slowest part of a 2,000-row import)."""
    for model, attribute, column in (
        (CompanyCooperation, "cooperation_types", "cooperation_type"),
        (CompanyLanguage, "languages", "language"),
    ):
        rows = [(company, getattr(row, attribute)) for company, row in pending]
        rows = [(company, values) for company, values in rows if values is not None]
        ids = [company.id for company, _values in rows]
        for start in range(0, len(ids), 500):
            db.session.execute(delete(model).where(model.company_id.in_(ids[start : start + 500])))
        values = [
            {"company_id": company.id, column: value}
            for company, items in rows
            for value in sorted(set(items))
        ]
        if values:
            db.session.execute(insert(model), values)
    for company, _row in pending:
        db.session.expire(company, ["cooperation_links", "language_links"])


def _create_requests(plan: ImportPlan, row_company: dict[int, Company]) -> int:
    if not plan.requests:
        return 0
    by_key: dict[str, Company] = {}
    for row in plan.rows:
        company = row_company[row.number]
        if row.email:
            by_key[row.email] = company
        if row.company.get("registration_number"):
            by_key[str(row.company["registration_number"]).lower()] = company
    outside = {key for _, _, key in plan.requests if key not in by_key}
    for key in outside:
        user = db.session.scalar(select(User).where(User.email == key))
        company = user.company if user is not None else None
        if company is None:
            company = db.session.scalar(select(Company).where(Company.registration_number == key))
        by_key[key] = company
    created = 0
    seen: set[tuple[int, int]] = set()
    for number, _sender, target in plan.requests:
        sender, recipient = row_company[number], by_key[target]
        pair = (sender.id, recipient.id)
        if pair in seen or pair[::-1] in seen:
            continue
        seen.add(pair)
        db.session.add(
            MeetingRequest(
                event=plan.event,
                from_company=sender,
                to_company=recipient,
                status=RequestStatus.PENDING,
            )
        )
        created += 1
    return created
