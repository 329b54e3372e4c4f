"""Organizers' spreadsheet import: upload (kept for the confirmation), preview, apply.

Nothing is written by a preview but the uploaded file. ``apply_upload`` plans the stored file
again against the database as it is now and refuses unless the plan has no error; then it
writes every row in the caller's one transaction (the view commits once, or rolls everything
back). Companies come in approved for the chosen edition, on the days their row names (every
day when it names none); people come in with no usable password and get an invitation (in their
language) only when the organizer asked for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import NotFound

from matchmaker.access import require_organizer
from matchmaker.accounts.operations import send_invitation
from matchmaker.enums import ParticipationStatus, RequestStatus, Role
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.imports.planning import (
    COMPANY_FIELDS,
    CREATE,
    PERSON_FIELDS,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    ParsedRow,
    chunks,
    plan_import,
)
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

# Bulk INSERTs keep None values in the statement: the ORM otherwise leaves those keys out, and
# rows with different keys cannot share a statement (one batch per change of keys).
BULK = {"render_nulls": True}


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
    """Write ``plan`` with a few bulk statements per table (an ``INSERT`` or an ``UPDATE`` by
    primary key, each executed for many rows), never one ORM object per row: the unit of work's
    bookkeeping for ~10,000 objects was most of a 2,000-company commit."""
    require_organizer(actor)
    if not plan.ok:
        raise RuleViolation(
            _("The file has errors; nothing was imported. Correct them and upload it again.")
        )
    event = plan.event
    day_ids = [day.id for day in event.days]
    now = utcnow()
    db.session.flush()  # what the session holds goes first: the statements below bypass it
    written = [row for row in plan.rows if row.action != UNCHANGED]
    company_of = {row.number: row.company_id for row in plan.rows}  # row number → company id
    created = [row for row in written if row.action == CREATE]
    if created:
        ids = _insert_many(Company, [_company_values(row, now) for row in created])
        company_of.update(zip((row.number for row in created), ids, strict=True))
    changed = [row for row in written if row.action == UPDATE and _touches(row, COMPANY_FIELDS)]
    if changed:
        db.session.execute(
            update(Company),
            [{"id": row.company_id, **_company_values(row, now)} for row in changed],
        )
    _write_links(written, company_of)

    new_user_ids = _insert_users([row for row in written if row.user_id is None], company_of, now)
    people = [row for row in written if row.user_id and _touches(row, PERSON_FIELDS)]
    if people:
        db.session.execute(update(User), [{"id": row.user_id, **row.person} for row in people])

    joining = [row for row in written if row.participation_id is None]
    if joining:
        ids = _insert_many(
            Participation,
            [
                {
                    "event_id": event.id,
                    "company_id": company_of[row.number],
                    "status": ParticipationStatus.APPROVED,
                    "decided_at": now,
                    "decided_by_id": actor.id,
                    "delegates": row.delegates,
                    "attendance": row.attendance,
                    "created_at": now,
                }
                for row in joining
            ],
        )
        attending = {
            participation_id: row.day_ids or day_ids
            for participation_id, row in zip(ids, joining, strict=True)
        }
    else:
        attending = {}
    staying = [row for row in written if row.participation_id is not None]
    moved = [row.participation_id for row in staying if "days" in row.changes]
    for chunk in chunks(moved):
        db.session.execute(
            delete(participation_days).where(participation_days.c.participation_id.in_(chunk))
        )
    attending.update(
        (row.participation_id, row.day_ids) for row in staying if "days" in row.changes
    )
    days_rows = [
        {"participation_id": participation_id, "event_day_id": day_id}
        for participation_id, days in attending.items()
        for day_id in days
    ]
    if days_rows:
        db.session.execute(insert(participation_days), days_rows)
    if staying:
        db.session.execute(
            update(Participation),
            [
                {
                    "id": row.participation_id,
                    "delegates": row.delegates,
                    "attendance": row.attendance,
                }
                for row in staying
            ],
        )
    requests = _create_requests(plan, company_of)
    _forget_stale_objects()
    invitations = 0
    if send_invitations:
        for chunk in chunks(new_user_ids):
            for user in db.session.scalars(
                select(User)
                .where(User.id.in_(chunk))
                .options(joinedload(User.company))
                .order_by(User.id)
            ):
                send_invitation(user, inviter=actor.full_name)
                invitations += 1
    db.session.flush()
    return ImportResult(
        created=plan.count(CREATE),
        updated=plan.count(UPDATE),
        unchanged=plan.count(UNCHANGED),
        requests=requests,
        invitations=invitations,
    )


def _insert_many(model, rows: list[dict[str, object]]) -> list[int]:
    """Insert ``rows`` and return their new ids, in the rows' order: the ids are taken first,
    then the rows go in one executemany without RETURNING (the cheapest form for both drivers).

    PostgreSQL: the next values of the id column's own sequence, in one query (never handed
    out twice, whatever other transactions do). SQLite (no sequences): the ids after the
    largest, as SQLite itself would give them; SQLite has one writer at a time, so a transaction
    that wrote after this one read makes this one fail (busy, or a duplicate key), never mixes
    rows up. (``RETURNING`` with ``sort_by_parameter_order`` sends one INSERT per row on SQLite
    and makes PostgreSQL parse statements of thousands of parameters.)
    """
    if not rows:
        return []
    if db.session.get_bind().dialect.name == "postgresql":
        table = model.__table__
        sequence = func.pg_get_serial_sequence(table.fullname, table.c.id.name)
        ids = list(
            db.session.scalars(
                select(func.nextval(sequence)).select_from(
                    func.generate_series(1, len(rows)).table_valued("n")
                )
            )
        )
    else:
        first = (db.session.scalar(select(func.max(model.id))) or 0) + 1
        ids = list(range(first, first + len(rows)))
    db.session.execute(
        insert(model),
        [{"id": new_id, **row} for new_id, row in zip(ids, rows, strict=True)],
        execution_options=BULK,
    )
    return ids


def _touches(row: ParsedRow, fields: tuple[str, ...]) -> bool:
    return any(key in row.changes for key in fields)


def _company_values(row: ParsedRow, now: datetime) -> dict[str, object]:
    """The company's columns from the row (only those the file has, on an update)."""
    values: dict[str, object] = dict(row.company)
    if row.action == CREATE:
        values = {"description": "", "offers": "", "seeks": "", **values}
        values.update(created_at=now, side_overridden=False)
    elif values.get("description", "") is None:
        values["description"] = ""
    if not row.side_overridden and values.get("country"):
        values["side"] = side_for_country(str(values["country"]))
    values["updated_at"] = now
    return values


def _insert_users(rows: list[ParsedRow], company_of: dict[int, int], now: datetime) -> list[int]:
    """Representatives new to the site: no usable password (an invitation sets it)."""
    if not rows:
        return []
    return _insert_many(
        User,
        [
            {
                "email": row.email,
                "password_hash": unusable_password(),
                "full_name": str(row.person.get("full_name") or row.email),
                "job_title": row.person.get("job_title"),
                "locale": str(row.person.get("locale") or "en"),
                "role": Role.REPRESENTATIVE,
                "company_id": company_of[row.number],
                "active": True,
                "created_at": now,
            }
            for row in rows
        ],
    )


def _write_links(rows: list[ParsedRow], company_of: dict[int, int]) -> None:
    """Cooperation types and languages: the company's rows are replaced by the file's (a file
    without the column leaves them as they are)."""
    for model, attribute, column in (
        (CompanyCooperation, "cooperation_types", "cooperation_type"),
        (CompanyLanguage, "languages", "language"),
    ):
        given = [(row, getattr(row, attribute)) for row in rows]
        given = [(row, items) for row, items in given if items is not None]
        replaced = [row.company_id for row, _items in given if row.company_id is not None]
        for chunk in chunks(replaced):
            db.session.execute(
                delete(model).where(model.company_id.in_(chunk)),
                execution_options={"synchronize_session": False},
            )
        values = [
            {"company_id": company_of[row.number], column: value}
            for row, items in given
            for value in sorted(set(items))
        ]
        if values:
            db.session.execute(insert(model), values)


def _create_requests(plan: ImportPlan, company_of: dict[int, int]) -> int:
    """The planned requests in one INSERT; targets are rows of the file (by e-mail or
    registration number) or the companies outside it that the plan found."""
    if not plan.requests:
        return 0
    by_key: dict[str, int] = dict(plan.outside)
    for row in plan.rows:
        if row.email:
            by_key[row.email] = company_of[row.number]
        if row.company.get("registration_number"):
            by_key[str(row.company["registration_number"]).lower()] = company_of[row.number]
    seen: set[tuple[int, int]] = set()
    values = []
    for number, _sender, target in plan.requests:
        pair = (company_of[number], by_key[target])
        if pair in seen or pair[::-1] in seen:
            continue
        seen.add(pair)
        values.append(
            {
                "event_id": plan.event.id,
                "from_company_id": pair[0],
                "to_company_id": pair[1],
                "status": RequestStatus.PENDING,
            }
        )
    if values:
        db.session.execute(insert(MeetingRequest), values)
    return len(values)


def _forget_stale_objects() -> None:
    """The bulk statements went around the session: objects of these tables that it holds
    (the test's, a page's) load again from the database when next read."""
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, Company | User | Participation | MeetingRequest):
            db.session.expire(obj)
